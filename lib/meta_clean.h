/* Stage 9 helpers shared by the metadata fields: value cleaning and loose comparison. */
#ifndef PITH_META_CLEAN_H
#define PITH_META_CLEAN_H

#include "doc.h"

/* What every metadata helper needs: the page, the caller's URL hint, and a flag that an
 * allocation failed (checked once at the end instead of after every call). */
typedef struct meta_ctx {
    const pith_doc *doc;
    const char *url_hint;
    int oom;
    int mdy; /* ambiguous numeric dates read month first (US English) */
} meta_ctx;

static inline int meta_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int meta_is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int meta_is_alnum(int c) { return meta_is_digit(c) || meta_is_alpha(c); }
static inline int meta_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static inline int meta_is_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* A cleaned, malloc'd copy of s[0..n) (entities decoded, tags dropped, white space
 * collapsed, at most `cap` bytes), or NULL when nothing is left or s is NULL. */
char *meta_clean_n(meta_ctx *c, const char *s, size_t n, size_t cap);
char *meta_clean(meta_ctx *c, const char *s, size_t cap);
char *meta_dup(meta_ctx *c, const char *s);

/* Comparison that ignores case (ASCII) and everything but letters and digits, so
 * "BBC News" matches "bbc-news". */
int meta_loose_eq(const char *a, size_t an, const char *b, size_t bn);
int meta_loose_find(const char *hay, size_t hn, const char *needle, size_t nn, int at_start);
int meta_loose_contains(const char *hay, size_t hn, const char *needle, size_t nn);

int meta_is_url_like(const char *s);
int meta_starts_ci(const char *s, const char *prefix);
size_t meta_count_words(const char *s, size_t n); /* space-separated words */

#endif
