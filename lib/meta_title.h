#ifndef PITH_META_TITLE_H
#define PITH_META_TITLE_H

#include "meta_clean.h"

/* A headline from og:title or JSON-LD: kept whole, but for a section or site name part
 * (malloc'd or NULL). h1 and site may be NULL. */
char *meta_title_from_meta(meta_ctx *c, const char *raw, const char *h1, const char *site);
/* The headline in a <title>: the part that matches the first <h1>, else the title
 * without its site-name parts (malloc'd or NULL). */
char *meta_title_from_tag(meta_ctx *c, const char *raw, const char *h1, const char *site);

#endif
