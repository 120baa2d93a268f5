/* Finding the main article's title among the blocks, for HTML pages and text dumps. */
#ifndef PITH_TITLE_H
#define PITH_TITLE_H

#include "doc.h"

/* Sets doc->title_block to the block that best matches the page's title (from
 * metadata: og:title, JSON-LD headline, <title>), preferring headings; PITH_NONE when
 * nothing matches well enough. */
void title_find(pith_doc *doc);
/* Labels the title block, and blocks repeating its text, PITH_KIND_TITLE. */
void title_apply(pith_doc *doc);
/* Similarity in [0, 1] of two titles, ignoring case, punctuation and a site name
 * before or after a separator. */
double title_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
