/* libFuzzer harness for the text-transform of a page's style sheets (css_transform.c):
 * the input is a style sheet, a path of open elements and a text, split on lines "%%":
 *
 *     .nav > li.item{text-transform:uppercase}     the sheet, for css_sheet_add
 *     %%
 *     ul|nav main|top                              one element a line, outermost first:
 *     li|item x|                                   tag|class attribute|id
 *     %%
 *     grüße aus köln                               the text, for css_apply
 *
 * A missing part is empty. The whole input is also read as a page by css_sheet_add_html,
 * so the <style> elements it holds count too. The sheets are matched against every
 * prefix of the path, as html_blocks.c does while it opens elements; the sheet part and
 * the text are read as style attributes; the text is case-mapped with each transform.
 * A crash, a leak, a sanitizer report or a hang is a bug, and so is a broken promise of
 * the header: a match css_may_match said was impossible, a mapping that moves a code
 * point's bytes or turns valid UTF-8 invalid, or a capitalisation that differs when the
 * text comes in two runs. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "css_transform.h"
#include "tags.h"
#include "utf8.h"

#define MAX_PATH 16  /* deeper than a selector's 8 compounds, so gaps get matched */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next part of [*p, end): up to a line "%%" (the line itself skipped), or the rest. */
static void next_part(const char **p, const char *end, const char **s, size_t *n)
{
    const char *q = *p;
    *s = q;
    for (const char *l = q; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        const char *le = nl ? nl : end;
        if (le - l == 2 && l[0] == '%' && l[1] == '%') {
            *n = (size_t)(l - q);
            *p = nl ? nl + 1 : end;
            return;
        }
        l = nl ? nl + 1 : end;
    }
    *n = (size_t)(end - q);
    *p = end;
}

static char *dup0(const char *s, size_t n)
{
    char *t = malloc(n + 1);
    if (!t)
        abort();
    memcpy(t, s, n);
    t[n] = '\0';
    return t;
}

/* Lines "tag|class|id" into path, the strings copied into `store` (NUL-terminated, so
 * it must hold n + 3 * MAX_PATH bytes); returns the number of elements. */
static size_t read_path(const char *s, size_t n, css_elem *path, char *store)
{
    size_t k = 0;
    const char *end = s + n;
    char *w = store;
    while (s < end && k < MAX_PATH) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        const char *field[3] = {"", "", ""};
        int f = 0;
        const char *a = s;
        for (const char *c = s; f < 3; c++) {
            if (c == le || (*c == '|' && f < 2)) {
                size_t len = (size_t)(c - a);
                memcpy(w, a, len);
                w[len] = '\0';
                /* a NUL inside a field ends it: an attribute value holds none */
                field[f++] = w;
                w += len + 1;
                a = c + 1;
                if (c == le)
                    break;
            }
        }
        char name[16];
        size_t nl_len = strlen(field[0]);
        for (size_t i = 0; i < nl_len && i + 1 < sizeof name; i++)
            name[i] = (char)(field[0][i] >= 'A' && field[0][i] <= 'Z' ? field[0][i] + 32 : field[0][i]);
        name[nl_len < sizeof name ? nl_len : sizeof name - 1] = '\0';
        path[k].tag = tag_lookup(name);
        path[k].cls = field[1];
        path[k].id = field[2];
        k++;
        s = nl ? nl + 1 : end;
    }
    return k;
}

static void check_matches(const css_sheet *s, const css_elem *path, size_t n)
{
    for (size_t i = 1; i <= n; i++) {
        int may = css_may_match(s, &path[i - 1]);
        css_tt tt = css_match(s, path, i);
        if (tt > CSS_TT_CAPITALIZE)
            abort();
        if (tt != CSS_TT_INHERIT && !may)
            abort(); /* html_blocks.c trusts css_may_match to rule matches out */
        if (tt != CSS_TT_INHERIT && css_sheet_empty(s))
            abort();
    }
}

/* The offsets where valid UTF-8 text starts a code point, as a bitmap (1 bit a byte). */
static void starts_of(const char *t, size_t n, uint8_t *bits)
{
    memset(bits, 0, n / 8 + 1);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bits[i / 8] |= (uint8_t)(1u << (i % 8));
        i += utf8_decode((const unsigned char *)t + i, n - i, &cp);
    }
}

static void check_apply(const char *text, size_t n, unsigned split)
{
    int valid = utf8_valid(text, n);
    uint8_t *before = malloc(n / 8 + 1), *after = malloc(n / 8 + 1);
    /* exact-size copies, so a write past n is caught */
    char *a = malloc(n ? n : 1), *b = malloc(n ? n : 1);
    if (!before || !after || !a || !b)
        abort();
    if (valid)
        starts_of(text, n, before);
    for (int t = CSS_TT_INHERIT; t <= CSS_TT_CAPITALIZE; t++) {
        memcpy(a, text, n);
        int ws = 1;
        css_apply((css_tt)t, a, n, &ws);
        if (t <= CSS_TT_NONE && memcmp(a, text, n) != 0)
            abort(); /* no transform, no change */
        if (!valid)
            continue;
        if (!utf8_valid(a, n))
            abort();
        starts_of(a, n, after);
        if (memcmp(before, after, n / 8 + 1) != 0)
            abort(); /* every code point keeps its length and place */
        /* the same text in two runs, cut at a code point (html_blocks.c maps a block's
         * text run by run), reads the same */
        size_t cut = n ? split % (n + 1) : 0;
        while (cut < n && !(before[cut / 8] & (1u << (cut % 8))))
            cut++;
        memcpy(b, text, n);
        ws = 1;
        css_apply((css_tt)t, b, cut, &ws);
        css_apply((css_tt)t, b + cut, n - cut, &ws);
        if (memcmp(a, b, n) != 0)
            abort();
    }
    free(before);
    free(after);
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    const char *css, *path_s, *text;
    size_t css_n, path_n, text_n;
    next_part(&p, end, &css, &css_n);
    next_part(&p, end, &path_s, &path_n);
    next_part(&p, end, &text, &text_n);

    css_elem path[MAX_PATH];
    char *store = malloc(path_n + 3 * MAX_PATH);
    if (!store)
        abort();
    size_t depth = read_path(path_s, path_n, path, store);

    /* the sheet alone; then the whole input as a page, under a budget of style bytes
     * that the input's size picks */
    css_sheet *sheets[2] = {css_sheet_new(), css_sheet_new()};
    if (!sheets[0] || !sheets[1])
        abort();
    if (css_sheet_add(sheets[0], css, css_n) < 0)
        abort();
    if (css_sheet_add_html(sheets[1], (const char *)data, size, size & 1 ? 64 : 2u << 20) < 0)
        abort();
    for (int k = 0; k < 2; k++) {
        check_matches(sheets[k], path, depth);
        css_sheet_free(sheets[k]);
    }

    /* the sheet part and the text as style attributes */
    char *style = dup0(css, css_n);
    if (css_inline_transform(style) > CSS_TT_CAPITALIZE)
        abort();
    free(style);
    style = dup0(text, text_n);
    if (css_inline_transform(style) > CSS_TT_CAPITALIZE)
        abort();
    free(style);

    check_apply(text, text_n, (unsigned)size * 2654435761u >> 7);
    free(store);
    return 0;
}
