/* Stage 6 (HTML): finding the main article's title among the blocks. */
#ifndef PITH_TITLE_H
#define PITH_TITLE_H

#include "doc.h"

/* Sets doc->title_block to the block that best matches the page's title (from
 * metadata: og:title, JSON-LD headline, <title>), preferring headings; PITH_NONE when
 * nothing matches well enough. */
void title_find(pith_doc *doc);
/* Labels the title block, and blocks repeating its text, PITH_KIND_TITLE. */
void title_apply(pith_doc *doc);

#endif
