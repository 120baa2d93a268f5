/* The attribute cap of the HTML stage (pith_options.max_attributes), applied before
 * libxml2 sees the page.
 *
 * libxml2 (2.9) checks every attribute of a start tag against all the tag's earlier ones
 * for duplicates, before any SAX callback could intervene: one element with 100,000
 * attributes costs it 5 billion string compares (26 s). So the attributes past the cap
 * are overwritten with spaces in a copy of the page, which libxml2 then parses: spaces
 * between attributes are nothing to it, and the page keeps its length, so every offset
 * pith reports stays an offset in the page as given.
 *
 * Finding the start tags means tokenising as libxml2 does, and this scanner follows its
 * HTML parser (htmlParseStartTag, htmlParseAttribute, htmlParseEndTag, htmlParseComment,
 * htmlParseScript in recovery mode): '<' and an ASCII letter opens a start tag wherever
 * libxml2 reads content; names are at most 100 bytes of [A-Za-z0-9:._-]; a value is
 * quoted, or runs to a blank or '>'; a comment ends at the first "-->" or "--!>" after
 * "<!--"; the text of <script> and <style> ends at "</script" or "</style" in any case.
 * Where the two could disagree it errs towards seeing a tag: a doctype or processing
 * instruction is scanned as text, and a script whose text starts with "</" (which
 * libxml2 may take for an end tag that closes the script) is scanned as markup. A tag
 * seen where libxml2 sees none only matters if it has more attributes than the cap,
 * which no page but a hostile one has. */
#include "html_attrs.h"

#include <string.h>

#define NAME_MAX_BYTES 100 /* libxml2's HTML_PARSER_BUFFER_SIZE */

static int is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int is_name_start(unsigned char c) { return is_letter(c) || c == '_' || c == ':' || c == '.'; }

static int is_name_char(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static size_t skip_blanks(const unsigned char *s, size_t n, size_t i)
{
    while (i < n && is_blank(s[i]))
        i++;
    return i;
}

/* A name at s[i] (which starts one): its end, at most NAME_MAX_BYTES on. */
static size_t name_end(const unsigned char *s, size_t n, size_t i)
{
    size_t stop = n - i > NAME_MAX_BYTES ? i + NAME_MAX_BYTES : n;
    while (i < stop && is_name_char(s[i]))
        i++;
    return i;
}

static int at_tag_end(const unsigned char *s, size_t n, size_t i)
{
    return i >= n || s[i] == '>' || (s[i] == '/' && i + 1 < n && s[i + 1] == '>');
}

/* Case-insensitive search for the lower-case `lit` in s[i..n); n when absent. */
static size_t find_ci(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    for (; i + k <= n; i++) {
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + k > n)
            return n;
        size_t j = 1;
        while (j < k && (s[i + j] | (is_letter(s[i + j]) ? 0x20 : 0)) == (unsigned char)lit[j])
            j++;
        if (j == k)
            return i;
    }
    return n;
}

static size_t find_bytes(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    while (i + k <= n) {
        const unsigned char *p = memchr(s + i, lit[0], n - i - k + 1);
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (memcmp(s + i, lit, k) == 0)
            return i;
        i++;
    }
    return n;
}

/* Where the comment opened at s[i] ("<!--") ends (just past it), or n. */
static size_t comment_end(const unsigned char *s, size_t n, size_t i)
{
    size_t a = find_bytes(s, n, i + 4, "-->"), b = find_bytes(s, n, i + 4, "--!>");
    if (a < b)
        return a + 3;
    return b < n ? b + 4 : n;
}

/* The start tag at s[i] ('<' and a letter). Returns the position after it; sets
 * *count to its attributes, *cut to where the first one past `max` starts (n when
 * none), *end to its end ('>' or "/>"; n at the end of the input), *raw to 1 when it
 * opens script text, 2 for style text, else 0. */
static size_t start_tag(const unsigned char *s, size_t n, size_t i, size_t max, size_t *count,
                        size_t *cut, size_t *end, int *raw)
{
    size_t j = name_end(s, n, i + 1);
    size_t name_len = j - (i + 1);
    int script = name_len == 6 && (s[i + 1] | 0x20) == 's' && (s[i + 2] | 0x20) == 'c' &&
                 (s[i + 3] | 0x20) == 'r' && (s[i + 4] | 0x20) == 'i' &&
                 (s[i + 5] | 0x20) == 'p' && (s[i + 6] | 0x20) == 't';
    int style = name_len == 5 && (s[i + 1] | 0x20) == 's' && (s[i + 2] | 0x20) == 't' &&
                (s[i + 3] | 0x20) == 'y' && (s[i + 4] | 0x20) == 'l' && (s[i + 5] | 0x20) == 'e';
    *count = 0;
    *cut = n;
    j = skip_blanks(s, n, j);
    while (!at_tag_end(s, n, j)) {
        size_t attr = j;
        if (is_name_start(s[j])) {
            j = name_end(s, n, j);
            if (++*count == max + 1)
                *cut = attr;
            j = skip_blanks(s, n, j);
            if (j < n && s[j] == '=') {
                j = skip_blanks(s, n, j + 1);
                if (j < n && (s[j] == '"' || s[j] == '\'')) {
                    const unsigned char *q = memchr(s + j + 1, s[j], n - j - 1);
                    j = q ? (size_t)(q - s) + 1 : n;
                } else {
                    while (j < n && !is_blank(s[j]) && s[j] != '>')
                        j++;
                }
            }
        } else {
            /* not a name: libxml2 drops up to the next blank or the tag's end */
            while (!at_tag_end(s, n, j) && !is_blank(s[j]))
                j++;
        }
        j = skip_blanks(s, n, j);
    }
    *end = j;
    *raw = j < n && s[j] == '>' ? (script ? 1 : style ? 2 : 0) : 0;
    if (j >= n)
        return n;
    return j + (s[j] == '>' ? 1 : 2);
}

int html_cap_attributes(const char *html, size_t n, size_t max, pbuf *out)
{
    const unsigned char *s = (const unsigned char *)html;
    int copied = 0;
    size_t i = 0;
    while (i < n) {
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (i + 1 >= n)
            break;
        unsigned char c = s[i + 1];
        if (c == '!' && i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
            i = comment_end(s, n, i);
        } else if (c == '/') {
            /* an end tag is a name and everything to the next '>'; "</" and no name is text */
            if (i + 2 < n && is_name_start(s[i + 2])) {
                const unsigned char *gt = memchr(s + i + 2, '>', n - i - 2);
                i = gt ? (size_t)(gt - s) + 1 : n;
            } else {
                i += 2;
            }
        } else if (is_letter(c)) {
            size_t count, cut, end;
            int raw;
            size_t next = start_tag(s, n, i, max, &count, &cut, &end, &raw);
            if (count > max) {
                if (!copied) {
                    pbuf_clear(out);
                    pbuf_append(out, html, n);
                    if (out->oom)
                        return -1;
                    copied = 1;
                }
                memset(out->data + cut, ' ', end - cut);
            }
            i = next;
            if (raw && !(i + 1 < n && s[i] == '<' && s[i + 1] == '/'))
                i = find_ci(s, n, i, raw == 1 ? "</script" : "</style");
        } else {
            i++;
        }
    }
    return copied;
}
