#ifndef PITH_META_URL_H
#define PITH_META_URL_H

#include "meta_clean.h"

/* Normalises a language tag ("en_us" -> "en-US"); 0 if s does not look like one. */
int meta_norm_lang(const char *s, char out[36]);
/* An absolute http(s) URL for href, resolved against base when relative; malloc'd, or
 * NULL for other schemes (javascript:, mailto:) and for what cannot be resolved. */
char *meta_absolute_url(meta_ctx *c, const char *href, const char *base);
/* The host of an http(s) URL without "www.", as a last-resort site name. */
char *meta_url_host(meta_ctx *c, const char *url);

#endif
