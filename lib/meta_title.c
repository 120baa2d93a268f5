/* Stage 9 helpers: the headline inside a <title>, og:title or JSON-LD headline, without
 * the site name that pages put beside it ("Headline | Site", "Site - Headline"). */
#include "meta_title.h"

#include <stdlib.h>
#include <string.h>

#define CAP_TITLE 300

typedef struct span {
    size_t a, b;
} span;

#define MAX_PARTS 16

static size_t title_sep_at(const char *s, size_t n)
{
    static const char *const SEPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xBB ", " \xC2\xB7 "};
    for (size_t k = 0; k < sizeof SEPS / sizeof SEPS[0]; k++) {
        size_t m = strlen(SEPS[k]);
        if (m <= n && memcmp(s, SEPS[k], m) == 0)
            return m;
    }
    return 0;
}

/* Splits a title at the separators sites put between headline and site name. */
static size_t split_title(const char *t, size_t n, span *parts)
{
    size_t np = 0, start = 0;
    for (size_t i = 0; i < n;) {
        size_t m = t[i] == ' ' ? title_sep_at(t + i, n - i) : 0;
        if (m && np + 1 < MAX_PARTS) {
            parts[np++] = (span){start, i};
            i += m;
            start = i;
        } else {
            i++;
        }
    }
    parts[np++] = (span){start, n};
    return np;
}

/* Whether a part of a title names the site: "CNN" for site "CNN", "BBC News" for
 * "BBC", "Example" for "example.com"; but not "Apple unveils iPhone" for "Apple". */
static int names_site(const char *t, span p, const char *site)
{
    if (!site)
        return 0;
    size_t n = p.b - p.a, sn = strlen(site);
    if (meta_loose_eq(t + p.a, n, site, sn) || meta_loose_contains(site, sn, t + p.a, n))
        return 1;
    return meta_count_words(t + p.a, n) <= meta_count_words(site, sn) + 1 &&
           meta_loose_find(t + p.a, n, site, sn, 1);
}

/* Drops site-name parts at either end of a cleaned title; NULL if there are none. */
static char *strip_site(meta_ctx *c, const char *t, const span *parts, size_t np,
                        const char *site)
{
    size_t a = 0, b = np;
    while (b - a > 1 && names_site(t, parts[b - 1], site))
        b--;
    while (b - a > 1 && names_site(t, parts[a], site))
        a++;
    if (a == 0 && b == np)
        return NULL;
    return meta_clean_n(c, t + parts[a].a, parts[b - 1].b - parts[a].a, CAP_TITLE);
}

/* The part, or run of parts from either end, of a split title that equals the <h1>;
 * {0, 0} if none does. */
static span match_h1(const char *t, size_t n, const span *parts, size_t np, const char *h1)
{
    size_t hn = h1 ? strlen(h1) : 0;
    for (size_t k = 1; h1 && k < np; k++) {
        if (meta_loose_eq(t, parts[k - 1].b, h1, hn))
            return (span){0, parts[k - 1].b};
        if (meta_loose_eq(t + parts[k].a, n - parts[k].a, h1, hn))
            return (span){parts[k].a, n};
    }
    for (size_t k = 0; h1 && k < np; k++)
        if (meta_loose_eq(t + parts[k].a, parts[k].b - parts[k].a, h1, hn))
            return parts[k];
    return (span){0, 0};
}

/* A headline from og:title or JSON-LD: kept whole, but for a section or site name
 * around it ("Opinion | Headline", "Headline | CNN") that the <h1> or the site name
 * shows to be one. */
char *meta_title_from_meta(meta_ctx *c, const char *raw, const char *h1, const char *site)
{
    char *t = meta_clean(c, raw, CAP_TITLE);
    if (!t || (!site && !h1))
        return t;
    size_t n = strlen(t);
    span parts[MAX_PARTS];
    size_t np = split_title(t, n, parts);
    if (np == 1 || (h1 && meta_loose_eq(t, n, h1, strlen(h1))))
        return t;
    span m = match_h1(t, n, parts, np, h1);
    char *s = m.b ? meta_clean_n(c, t + m.a, m.b - m.a, CAP_TITLE) : strip_site(c, t, parts, np, site);
    if (!s)
        return t;
    free(t);
    return s;
}

/* The headline in a <title>: the part (or run of parts) that matches the first <h1>,
 * else what is left after dropping the site name, else the longest part. */
char *meta_title_from_tag(meta_ctx *c, const char *raw, const char *h1, const char *site)
{
    char *t = meta_clean(c, raw, CAP_TITLE);
    if (!t)
        return NULL;
    size_t n = strlen(t), hn = h1 ? strlen(h1) : 0;
    span parts[MAX_PARTS];
    size_t np = split_title(t, n, parts);
    if (np == 1 || (h1 && meta_loose_eq(t, n, h1, hn)))
        return t;
    span best = match_h1(t, n, parts, np, h1);
    char *r = best.b ? NULL : strip_site(c, t, parts, np, site);
    if (!r && !best.b) /* the longest part near the <h1>, else the longest part */
        for (size_t k = 0; h1 && k < np; k++) {
            span p = parts[k];
            if (meta_count_words(t + p.a, p.b - p.a) >= 2 && p.b - p.a > best.b - best.a &&
                (meta_loose_contains(t + p.a, p.b - p.a, h1, hn) ||
                 meta_loose_contains(h1, hn, t + p.a, p.b - p.a)))
                best = p;
        }
    if (!r && !best.b)
        for (size_t k = 0; k < np; k++)
            if (parts[k].b - parts[k].a > best.b - best.a)
                best = parts[k];
    if (!r)
        r = meta_clean_n(c, t + best.a, best.b - best.a, CAP_TITLE);
    if (!r)
        return t;
    free(t);
    return r;
}
