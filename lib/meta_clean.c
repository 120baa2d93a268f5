/* Stage 9 helpers: metadata values as pages give them (entities left in, tags,
 * runs of white space, invisible characters) cleaned into plain strings, and the loose
 * comparison that matches a site name however a page writes it. */
#include "meta_clean.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const struct {
    const char *name;
    uint16_t cp;
} ENTITIES[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},          {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xA0},      {"ndash", 0x2013},    {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018},   {"rsquo", 0x2019},    {"sbquo", 0x201A},
    {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"bdquo", 0x201E},    {"laquo", 0xAB},
    {"raquo", 0xBB},    {"lsaquo", 0x2039},  {"rsaquo", 0x203A},   {"copy", 0xA9},
    {"reg", 0xAE},      {"trade", 0x2122},   {"middot", 0xB7},     {"bull", 0x2022},
    {"euro", 0x20AC},   {"pound", 0xA3},     {"yen", 0xA5},        {"cent", 0xA2},
    {"sect", 0xA7},     {"para", 0xB6},      {"deg", 0xB0},        {"shy", 0xAD},
    {"zwnj", 0x200C},   {"zwj", 0x200D},     {"zwsp", 0x200B},     {"thinsp", 0x2009},
    {"ensp", 0x2002},   {"emsp", 0x2003},    {"iexcl", 0xA1},      {"iquest", 0xBF},
    {"divide", 0xF7},   {"times", 0xD7},     {"plusmn", 0xB1},     {"frac12", 0xBD},
    {"oelig", 0x153},   {"OElig", 0x152},    {"scaron", 0x161},    {"Scaron", 0x160},
    {"dagger", 0x2020}, {"prime", 0x2032},   {"minus", 0x2212},    {"hyphen", 0x2010},
};

/* Latin-1 letters U+00C0..U+00FF by entity name (U+00D7 and U+00F7 are in ENTITIES). */
static const char *const LATIN1[64] = {
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

/* Decodes the character reference whose name starts at s (just after '&'): "amp;",
 * "#39;", "#x27;". Returns the bytes consumed including ';', 0 if it is not one. */
static size_t entity_after(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 0;
    if (n && s[0] == '#') {
        int hex = n > 1 && (s[1] | 0x20) == 'x';
        uint32_t v = 0;
        size_t d = i = hex ? 2 : 1;
        for (; i < n && i - d < 8; i++) {
            int c = s[i], x;
            if (meta_is_digit(c))
                x = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                x = (c | 0x20) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)x;
        }
        if (i == d || i >= n || s[i] != ';')
            return 0;
        *cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? UC_REPLACEMENT : v;
        return i + 1;
    }
    while (i < n && i < 10 && meta_is_alnum((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != ';')
        return 0;
    for (size_t k = 0; k < sizeof ENTITIES / sizeof ENTITIES[0]; k++)
        if (strlen(ENTITIES[k].name) == i && memcmp(ENTITIES[k].name, s, i) == 0) {
            *cp = ENTITIES[k].cp;
            return i + 1;
        }
    for (size_t k = 0; k < 64; k++)
        if (strlen(LATIN1[k]) == i && memcmp(LATIN1[k], s, i) == 0) {
            *cp = 0xC0 + (uint32_t)k;
            return i + 1;
        }
    return 0;
}

/* Length of an HTML tag at s ("<b>", "</p>", "<br/>"), 0 if s does not start one. */
static size_t tag_at(const char *s, size_t n)
{
    if (n < 3 || s[0] != '<' || !(meta_is_alpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!'))
        return 0;
    for (size_t i = 1; i < n && i < 300; i++) {
        if (s[i] == '<')
            return 0;
        if (s[i] == '>')
            return i + 1;
    }
    return 0;
}

/* Copies s with tags dropped (a space in their place) and character references
 * decoded, in one pass so that an escaped "&lt;div&gt;" stays as text. Pages
 * double-escape meta content ("&amp;quot;"), so a reference that decodes to '&' is
 * tried once more with what follows it. */
static void decode_value(pbuf *out, const char *s, size_t n)
{
    size_t span = 0;
    for (size_t i = 0; i < n; i++) {
        size_t t = s[i] == '<' ? tag_at(s + i, n - i) : 0;
        if (t) {
            pbuf_append(out, s + span, i - span);
            pbuf_putc(out, ' ');
            i += t - 1;
            span = i + 1;
            continue;
        }
        if (s[i] != '&')
            continue;
        uint32_t cp;
        size_t k = entity_after(s + i + 1, n - i - 1, &cp);
        if (!k)
            continue;
        if (cp == '&') {
            uint32_t cp2;
            size_t k2 = entity_after(s + i + 1 + k, n - i - 1 - k, &cp2);
            if (k2) {
                cp = cp2;
                k += k2;
            }
        }
        char enc[4];
        pbuf_append(out, s + span, i - span);
        pbuf_append(out, enc, utf8_encode(cp, enc));
        i += k;
        span = i + 1;
    }
    pbuf_append(out, s + span, n - span);
}

/* Appends s with white space collapsed and trimmed, invisible characters removed and
 * invalid UTF-8 replaced; at most `cap` bytes, cut at a character. */
static void collapse(pbuf *out, const char *s, size_t n, size_t cap)
{
    size_t base = out->len;
    int space = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (uc_is_space(cp) || cp < 0x20 || cp == 0x7F) {
            space = 1;
        } else if (cp != 0xAD && cp != 0x200B && cp != 0xFEFF && cp != 0x2060) {
            char enc[4];
            size_t m = utf8_encode(cp, enc);
            if (out->len - base + m + (space && out->len > base) > cap)
                break;
            if (space && out->len > base)
                pbuf_putc(out, ' ');
            space = 0;
            pbuf_append(out, enc, m);
        }
        i += k;
    }
}

/* A cleaned, malloc'd copy of s[0..n), or NULL when nothing is left. */
char *meta_clean_n(meta_ctx *c, const char *s, size_t n, size_t cap)
{
    if (!s || !n)
        return NULL;
    pbuf dec, out;
    pbuf_init(&dec);
    pbuf_init(&out);
    decode_value(&dec, s, n);
    collapse(&out, dec.data ? dec.data : "", dec.len, cap);
    if (dec.oom || out.oom)
        c->oom = 1;
    pbuf_free(&dec);
    if (!out.len) {
        pbuf_free(&out);
        return NULL;
    }
    return pbuf_detach(&out, NULL);
}

char *meta_clean(meta_ctx *c, const char *s, size_t cap)
{
    return s ? meta_clean_n(c, s, strlen(s), cap) : NULL;
}

char *meta_dup(meta_ctx *c, const char *s)
{
    char *p = strdup(s);
    if (!p)
        c->oom = 1;
    return p;
}

/* Case-insensitive (ASCII) comparison that ignores everything but letters and digits,
 * so "BBC News" matches "bbc-news" and "The Site." matches "the site". */
int meta_loose_eq(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !meta_is_alnum((unsigned char)a[i]) && (unsigned char)a[i] < 0x80)
            i++;
        while (j < bn && !meta_is_alnum((unsigned char)b[j]) && (unsigned char)b[j] < 0x80)
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (meta_lower((unsigned char)a[i]) != meta_lower((unsigned char)b[j]))
            return 0;
        i++, j++;
    }
}

/* Appends s lower-cased with everything but letters and digits dropped. */
static void loose_norm(pbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_is_alnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            pbuf_putc(out, (char)meta_lower((unsigned char)s[i]));
}

/* Whether needle (loosely compared) occurs in hay; with `at_start`, only at its start.
 * Linear in practice: both are short metadata strings. */
int meta_loose_find(const char *hay, size_t hn, const char *needle, size_t nn, int at_start)
{
    pbuf h, n;
    pbuf_init(&h);
    pbuf_init(&n);
    loose_norm(&h, hay, hn);
    loose_norm(&n, needle, nn);
    const char *hit = n.len && h.len ? strstr(pbuf_cstr(&h), pbuf_cstr(&n)) : NULL;
    int found = hit && (!at_start || hit == h.data);
    pbuf_free(&h);
    pbuf_free(&n);
    return found;
}

int meta_loose_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
    return meta_loose_find(hay, hn, needle, nn, 0);
}

int meta_is_url_like(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
           strncmp(s, "www.", 4) == 0 || strstr(s, "://") != NULL;
}

int meta_starts_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (meta_lower((unsigned char)*s) != (unsigned char)*prefix)
            return 0;
    return 1;
}

size_t meta_count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}
