/* Stage 9 helpers: language tags normalised, URLs made absolute, a page's host as a
 * last-resort site name. */
#include "meta_url.h"

#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

#include "meta_clean.h"
#include "utf8.h"

#define CAP_URL 2048

/* Normalises a language tag ("en_us" -> "en-US", "de-ch" -> "de-CH"); 0 if s does not
 * look like one. Only the first of a list ("en, fr") is kept. */
int meta_norm_lang(const char *s, char out[36])
{
    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, ",; \t\n\r");
    if (n == 0 || n >= 36)
        return 0;
    size_t sub = 0, sublen = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = i < n ? s[i] : '-';
        if (ch == '-' || ch == '_') {
            if (sublen == 0 || sublen > 8 || (sub == 0 && (sublen < 2 || sublen > 3)))
                return 0;
            for (size_t k = i - sublen; k < i; k++) {
                char x = (char)meta_lower((unsigned char)s[k]);
                if (sub > 0 && sublen == 2 && meta_is_alpha((unsigned char)x))
                    x = (char)(x - 32); /* region: "US" */
                else if (sub > 0 && sublen == 4 && k == i - 4 && meta_is_alpha((unsigned char)x))
                    x = (char)(x - 32); /* script: "Hant" */
                out[k] = x;
            }
            if (sub == 0)
                for (size_t k = 0; k < sublen; k++)
                    if (!meta_is_alpha((unsigned char)s[k]))
                        return 0;
            out[i] = '-';
            sub++;
            sublen = 0;
        } else if (meta_is_alnum((unsigned char)ch)) {
            sublen++;
        } else {
            return 0;
        }
    }
    out[n] = '\0';
    return strcmp(out, "und") != 0 && strcmp(out, "zxx") != 0;
}

static int is_http(const char *s) { return meta_starts_ci(s, "http://") || meta_starts_ci(s, "https://"); }

static int has_scheme(const char *s)
{
    if (!meta_is_alpha((unsigned char)*s))
        return 0;
    for (s++; *s && *s != '/' && *s != '?' && *s != '#'; s++)
        if (*s == ':')
            return 1;
    return 0;
}

static int url_chars_ok(const char *s, size_t n)
{
    if (n == 0 || n > CAP_URL)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
            return 0;
    return utf8_valid(s, n); /* the url hint comes from the caller, unchecked */
}

/* An absolute http(s) URL for href, resolved against base when relative; malloc'd, or
 * NULL for other schemes (javascript:, mailto:) and for what cannot be resolved. */
char *meta_absolute_url(meta_ctx *c, const char *href, const char *base)
{
    if (!href)
        return NULL;
    while (*href == ' ' || (*href >= '\t' && *href <= '\r'))
        href++;
    size_t n = strlen(href);
    while (n && (href[n - 1] == ' ' || (href[n - 1] >= '\t' && href[n - 1] <= '\r')))
        n--;
    if (!url_chars_ok(href, n))
        return NULL;
    char *h = strndup(href, n);
    if (!h) {
        c->oom = 1;
        return NULL;
    }
    if (is_http(h))
        return h;
    char *res = NULL;
    if (base && is_http(base) && !has_scheme(h)) {
        xmlChar *u = xmlBuildURI((const xmlChar *)h, (const xmlChar *)base);
        if (u && is_http((const char *)u) && url_chars_ok((const char *)u, strlen((const char *)u)))
            res = meta_dup(c, (const char *)u);
        xmlFree(u);
    }
    free(h);
    return res;
}

/* The host of an http(s) URL without "www.", as a last-resort site name. */
char *meta_url_host(meta_ctx *c, const char *url)
{
    if (!url || !is_http(url))
        return NULL;
    const char *h = strstr(url, "://") + 3;
    size_t n = strcspn(h, "/?#");
    const char *at = memchr(h, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    const char *colon = memchr(h, ':', n);
    if (colon)
        n = (size_t)(colon - h);
    if (n > 4 && meta_starts_ci(h, "www."))
        h += 4, n -= 4;
    if (!n)
        return NULL;
    char *s = strndup(h, n);
    if (!s) {
        c->oom = 1;
        return NULL;
    }
    for (char *p = s; *p; p++)
        *p = (char)meta_lower((unsigned char)*p);
    return s;
}
