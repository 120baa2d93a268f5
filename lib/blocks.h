/* Stage 2: the page as a flat list of text blocks.
 * html_blocks_build parses HTML (libxml2 SAX, recover mode, no network) into elements
 * (doc->nodes) and blocks with their tag path, class/id tokens, heading level,
 * list/table/quote membership, link characters and byte range, and collects the raw
 * metadata (<title>, <meta>, <link rel=canonical>, JSON-LD).
 * text_blocks_build cuts a visible-text dump into lines. */
#ifndef PITH_BLOCKS_H
#define PITH_BLOCKS_H

#include "doc.h"

pith_status html_blocks_build(pith_doc *doc, pith_error *err);
pith_status text_blocks_build(pith_doc *doc, pith_error *err);

#endif
