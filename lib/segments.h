/* Stage 5b: runs of same-kind blocks become segments; the body and comments texts are
 * assembled. */
#ifndef PITH_SEGMENTS_H
#define PITH_SEGMENTS_H

#include "doc.h"

pith_status segments_build(pith_doc *doc);

#endif
