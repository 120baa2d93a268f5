/* Stage 2 for visible-text dumps: one block per non-blank line.
 *
 * A scraper's dump keeps one rendered block a line, so a line is the natural unit; what
 * the tags said is gone, and the only layout left is the blank lines some scrapers put
 * between paragraphs. Those are kept as BF_PARA_END on the line before them, because a
 * blank-line group is a paragraph boundary the classifier can use. Tabs inside a line are
 * the other layout a dump keeps: table cells, numbered list items.
 *
 * Only '\n' ends a line: the scorers and most consumers split dumps on it, and a lone
 * '\r' inside a line is just whitespace to them. Whitespace is collapsed to single
 * spaces as Python's str.split() sees it (NBSP, U+2000-U+200A ...), but zero-width
 * spaces and soft hyphens stay: they are part of the text a caller will look for. */
#include <string.h>

#include "blocks.h"
#include "extractor.h"
#include "status.h"
#include "utf8.h"

#define TEXT_SLACK 64

/* Writes the collapsed, trimmed text of line[0..n) to out (n bytes of room); returns
 * its length and tells whether the line has a word character (letter or digit). */
static size_t collapse_line(const char *line, size_t n, char *out, int *has_word)
{
    const unsigned char *p = (const unsigned char *)line;
    size_t w = 0;
    int pending_space = 0;
    *has_word = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            /* ASCII, most of most dumps, without the Unicode tables */
            if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F)) {
                pending_space = w > 0;
            } else {
                if (pending_space)
                    out[w++] = ' ';
                pending_space = 0;
                out[w++] = (char)c;
                if (!*has_word && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                                   c == '_'))
                    *has_word = 1;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (uc_is_space(cp)) {
            pending_space = w > 0;
        } else {
            if (pending_space)
                out[w++] = ' ';
            pending_space = 0;
            memcpy(out + w, p + i, k);
            w += k;
            if (!*has_word && uc_is_word(cp))
                *has_word = 1;
        }
        i += k;
    }
    return w;
}

/* What tabs between the texts of a line say: a scraper puts them between table cells,
 * and after the number of an ordered list item ("1.\tIntro"). Leading and trailing tabs
 * are indentation. */
static unsigned tab_flags(const char *line, size_t n)
{
    size_t first = 0, last = n;
    while (first < n && (line[first] == ' ' || line[first] == '\t' || line[first] == '\r'))
        first++;
    while (last > first &&
           (line[last - 1] == ' ' || line[last - 1] == '\t' || line[last - 1] == '\r'))
        last--;
    const char *tab = memchr(line + first, '\t', last - first);
    if (!tab)
        return 0;
    const char *p = line + first;
    while (p < tab && *p >= '0' && *p <= '9')
        p++;
    if (p > line + first && p < tab && *p == '.' && p + 1 == tab &&
        !memchr(tab + 1, '\t', (size_t)(line + last - tab - 1)))
        return PITH_BLOCK_LIST_ITEM | BF_ORDERED | BF_ITEM_START;
    return PITH_BLOCK_TABLE;
}

/* "line N" into buf (at least 16 bytes); returns its length. snprintf would do, at a
 * cost that shows on dumps of many short lines. */
static size_t line_path(char *buf, uint32_t n)
{
    char digits[10];
    size_t k = 0;
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    memcpy(buf, "line ", 5);
    for (size_t i = 0; i < k; i++)
        buf[5 + i] = digits[k - 1 - i];
    return 5 + k;
}

pith_status text_blocks_build(pith_doc *doc, pith_error *err)
{
    const char *s = pbuf_cstr(&doc->input);
    size_t len = doc->input.len;
    if (len >= UINT32_MAX)
        return pith_fail(err, PITH_ERR_TOO_LARGE, "text dumps are limited to 4 GiB");
    /* The block texts never outgrow the input (a line's NUL takes its newline's place),
     * so one allocation holds them all. It is zeroed: PCRE2's JIT reads a few bytes past
     * the end of a subject a word at a time, and those bytes must be defined for
     * memory checkers to stay quiet. */
    if (pbuf_reserve(&doc->text, len + TEXT_SLACK))
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory building text blocks");
    memset(doc->text.data + doc->text.len, 0, doc->text.cap - doc->text.len);
    uint32_t lineno = 0, prev = PITH_NONE;
    uint32_t max_blocks = doc->ex->opts.max_blocks;
    int failed = 0;
    char path[32];
    for (size_t pos = 0; pos <= len && !failed;) {
        const char *eol = memchr(s + pos, '\n', len - pos);
        size_t end = eol ? (size_t)(eol - s) : len;
        lineno++;
        int has_word;
        /* straight into the arena: a line never grows when collapsed */
        size_t n = collapse_line(s + pos, end - pos, doc->text.data + doc->text.len, &has_word);
        if (n == 0) {
            /* a blank line closes the paragraph of the line before it */
            if (prev != PITH_NONE)
                doc->blocks[prev].flags |= BF_PARA_END;
        } else {
            if (doc->n_blocks >= max_blocks)
                return pith_fail(err, PITH_ERR_TOO_MANY_NODES,
                                 "text dump has more than %u non-blank lines (max_blocks)",
                                 max_blocks);
            uint32_t i = doc_add_block_written(doc, n);
            if (i == PITH_NONE) {
                failed = 1;
                break;
            }
            pith_blk *b = &doc->blocks[i];
            b->line = lineno;
            b->start = (uint32_t)pos;
            b->end = (uint32_t)(end > pos && s[end - 1] == '\r' ? end - 1 : end);
            b->flags = (has_word ? 0 : BF_SEPARATOR) | tab_flags(s + pos, end - pos);
            b->path = doc_intern(doc, path, line_path(path, lineno));
            prev = i;
        }
        pos = end + 1;
    }
    if (failed || doc_oom(doc))
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory building text blocks");
    return PITH_OK;
}
