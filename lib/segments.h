/* Stage 8: runs of same-kind blocks become segments; the body and comments texts are
 * assembled. */
#ifndef PITH_SEGMENTS_H
#define PITH_SEGMENTS_H

#include "doc.h"

pith_status segments_build(pith_doc *doc);
/* A product page whose description a script renders shows no body; the description
 * its JSON-LD Product carries stands in for the body text. */
pith_status segments_product_description(pith_doc *doc);

#endif
