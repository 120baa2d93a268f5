#ifndef PITH_META_AUTHOR_H
#define PITH_META_AUTHOR_H

#include "jsonld.h"
#include "meta_clean.h"

/* The authors joined by ", " (malloc'd, NULL if none): JSON-LD first, then author meta
 * tags, then a byline among the main article's meta blocks. */
char *meta_pick_author(meta_ctx *c, const jsonld *ld, const char *site);

#endif
