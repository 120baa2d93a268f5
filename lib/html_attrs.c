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
 * Where the two could disagree it errs towards seeing a tag: a doctype, a processing
 * instruction and what follows an end tag's name are scanned as text, and a script
 * whose text starts with "</" (which libxml2 may take for an end tag that closes the
 * script) is scanned as markup. A tag seen where libxml2 sees none only matters if it
 * has more attributes than the cap, which no page but a hostile one has. tests/
 * test_html.c checks on random tag soup that libxml2 never sees more than the cap. */
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

/* Where the comment opened at s[i] ("<!--") ends (just past its "-->" or "--!>",
 * whichever comes first), or n. One pass: looking for each ending on its own would scan
 * to the end of the page for the one a page never has, at every comment. */
static size_t comment_end(const unsigned char *s, size_t n, size_t i)
{
    for (i += 4; i + 3 <= n;) {
        const unsigned char *p = memchr(s + i, '-', n - i - 2);
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (s[i + 1] == '-') {
            if (s[i + 2] == '>')
                return i + 3;
            if (s[i + 2] == '!' && i + 3 < n && s[i + 3] == '>')
                return i + 4;
        }
        i++;
    }
    return n;
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

/* Case-insensitive: whether s[i..n) starts with the upper-case ASCII `lit`. */
static int at_ci(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    for (; *lit; lit++, i++)
        if (i >= n || (s[i] & 0xDF) != (unsigned char)*lit)
            return 0;
    return 1;
}

/* A quoted literal at s[i] (a quote), as htmlParseSystemLiteral reads one. */
static size_t literal_end(const unsigned char *s, size_t n, size_t i)
{
    const unsigned char *q = memchr(s + i + 1, s[i], n - i - 1);
    return q ? (size_t)(q - s) + 1 : n;
}

/* An XML name (htmlParseName): ASCII name characters, or bytes of multi-byte ones. */
static size_t xml_name_end(const unsigned char *s, size_t n, size_t i)
{
    while (i < n && (is_name_char(s[i]) || s[i] >= 0x80))
        i++;
    return i;
}

/* "<!DOCTYPE" at s[i]: its end, as htmlParseDocTypeDecl reads it (a name, an optional
 * SYSTEM or PUBLIC id with quoted literals, which may hold '>', then to '>'). A name
 * with non-ASCII characters sets *unsure: where libxml2 ends it depends on which are
 * letters to it. */
static size_t doctype_end(const unsigned char *s, size_t n, size_t i, int *unsure)
{
    i = skip_blanks(s, n, i + 9);
    size_t name = i;
    i = xml_name_end(s, n, i);
    for (size_t k = name; k < i; k++)
        if (s[k] >= 0x80)
            *unsure = 1;
    i = skip_blanks(s, n, i);
    int system = at_ci(s, n, i, "SYSTEM"), public = at_ci(s, n, i, "PUBLIC");
    if (system || public) {
        i = skip_blanks(s, n, i + 6);
        if (i < n && (s[i] == '"' || s[i] == '\''))
            i = literal_end(s, n, i);
        if (public) {
            i = skip_blanks(s, n, i);
            if (i < n && (s[i] == '"' || s[i] == '\''))
                i = literal_end(s, n, i);
        }
    }
    const unsigned char *gt = memchr(s + i, '>', n - i);
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* "<?" at s[i]: a processing instruction runs from its target's name to '>'; without a
 * name libxml2 takes only the "<?" (htmlParsePI). A non-ASCII first character sets
 * *unsure (a name if libxml2 takes it for a letter). */
static size_t pi_end(const unsigned char *s, size_t n, size_t i, int *unsure)
{
    size_t j = i + 2;
    if (j < n && s[j] >= 0x80)
        *unsure = 1;
    if (j >= n || !(is_letter(s[j]) || s[j] == '_' || s[j] == ':' || s[j] >= 0x80))
        return j;
    const unsigned char *gt = memchr(s + j, '>', n - j);
    return gt ? (size_t)(gt - s) + 1 : n;
}

static int at_comment(const unsigned char *s, size_t n, size_t i)
{
    return i + 3 < n && s[i] == '<' && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-';
}

static int at_doctype(const unsigned char *s, size_t n, size_t i)
{
    return i + 1 < n && s[i] == '<' && s[i + 1] == '!' && at_ci(s, n, i + 2, "DOCTYPE");
}

/* Where the scanner is, in libxml2's terms (htmlParseContentInternal): reading markup,
 * inside the text of a script or style element, or unsure (see tag()), after which it
 * skips nothing for the rest of the page: comments, raw text, doctypes, processing
 * instructions and end tags are all read as text that may hold tags. */
enum { MARKUP, RAW, UNSURE };

typedef struct scan {
    const unsigned char *s;
    const char *html;
    size_t n, max;
    pbuf *out;
    int copied;
    int mode;
    const char *raw_name; /* RAW: "SCRIPT" or "STYLE" */
    const char *close;    /* and "</script" or "</style" */
} scan;

/* Overwrites s[from..to) in out with spaces, but for the sequences that end a comment
 * or raw text ("-->", "--!>", "</" and a name): if what the scanner took for a tag was
 * text to libxml2 (inside a comment, or a script), the page keeps its structure; in a
 * real tag they are no attribute names, so the cap holds either way. */
static void blank(const unsigned char *s, char *out, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        size_t keep = 0;
        if (s[i] == '-' && i + 2 < to + 1 && s[i + 1] == '-' && (s[i + 2] == '>' ||
            (s[i + 2] == '!' && i + 3 <= to && s[i + 3] == '>')))
            keep = s[i + 2] == '>' ? 3 : 4;
        else if (s[i] == '<' && i + 1 < to && s[i + 1] == '/')
            keep = name_end(s, to, i + 2) - i;
        if (keep) {
            i += keep;
            continue;
        }
        out[i++] = ' ';
    }
}

/* The start tag at s[i]: counted, capped, and the mode it leaves. */
static int tag(scan *c, size_t *i)
{
    size_t count, cut, end;
    int raw;
    size_t next = start_tag(c->s, c->n, *i, c->max, &count, &cut, &end, &raw);
    if (count > c->max) {
        if (!c->copied) {
            pbuf_clear(c->out);
            pbuf_append(c->out, c->html, c->n);
            if (c->out->oom)
                return -1;
            c->copied = 1;
        }
        blank(c->s, c->out->data, cut, end);
    }
    *i = next;
    /* A script or style opens raw text, which only its end tag ends. Unless the text
     * starts with '<': libxml2 looks at a tag there before it reads raw text, and an end
     * tag may close the element (an ancestor's) or not (a stray one), a start tag may
     * close it (<body> closes <style>) or not, and this scanner keeps no element stack.
     * From there it cannot know whether libxml2 reads the page as markup or as that
     * element's text, nor (as a comment in one is text in the other) where either ends,
     * so it stays unsure: it reads everything as text that may hold tags, which may see
     * a tag libxml2 does not but never misses one. */
    if (raw && c->mode == MARKUP) {
        c->raw_name = raw == 1 ? "SCRIPT" : "STYLE";
        c->close = raw == 1 ? "</script" : "</style";
        c->mode = next < c->n && c->s[next] == '<' ? UNSURE : RAW;
    }
    return 0;
}

int html_cap_attributes(const char *html, size_t n, size_t max, pbuf *out)
{
    const unsigned char *s = (const unsigned char *)html;
    scan c = {s, html, n, max, out, 0, MARKUP, NULL, NULL};
    /* the prolog (htmlParseDocument): comments and processing instructions, a doctype,
     * more of them */
    size_t i = skip_blanks(s, n, 0);
    int unsure = 0;
    for (int round = 0; round < 2 && !unsure; round++) {
        while (!unsure &&
               (at_comment(s, n, i) || (i + 1 < n && s[i] == '<' && s[i + 1] == '?'))) {
            size_t at = i;
            if (at_comment(s, n, i))
                i = comment_end(s, n, i);
            if (i + 1 < n && s[i] == '<' && s[i + 1] == '?')
                i = pi_end(s, n, i, &unsure);
            i = unsure ? at : skip_blanks(s, n, i);
        }
        if (round == 0 && !unsure && at_doctype(s, n, i)) {
            size_t e = doctype_end(s, n, i, &unsure);
            if (!unsure)
                i = skip_blanks(s, n, e);
        }
    }
    if (unsure)
        c.mode = UNSURE;
    while (i < n) {
        if (c.mode == RAW) {
            /* the text runs to "</script" or "</style" (a prefix, any case); an end tag
             * of another name there is a stray one and the text goes on */
            i = find_ci(s, n, i, c.close);
            if (i >= n)
                break;
            size_t e = name_end(s, n, i + 2);
            int own = e - (i + 2) == strlen(c.raw_name);
            const unsigned char *gt = memchr(s + e, '>', n - e);
            i = gt ? (size_t)(gt - s) + 1 : n;
            /* after a stray end tag ("</scripts>") libxml2 looks for a tag again before
             * reading on as text, as at the start (see tag()) */
            c.mode = own ? MARKUP : i < n && s[i] == '<' ? UNSURE : RAW;
            continue;
        }
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (i + 1 >= n)
            break;
        unsigned char ch = s[i + 1];
        if (c.mode == UNSURE) {
            /* every tag is looked at, nothing else is skipped */
            if (is_letter(ch)) {
                if (tag(&c, &i))
                    return -1;
            } else {
                i++;
            }
            continue;
        }
        if (at_comment(s, n, i)) {
            i = comment_end(s, n, i);
        } else if (ch == '/') {
            /* an end tag: its name, then everything to the next '>'; "</" alone is text */
            if (i + 2 < n && is_name_start(s[i + 2])) {
                size_t e = name_end(s, n, i + 2);
                const unsigned char *gt = memchr(s + e, '>', n - e);
                i = gt ? (size_t)(gt - s) + 1 : n;
            } else {
                i += 2;
            }
        } else if (is_letter(ch)) {
            if (tag(&c, &i))
                return -1;
        } else if (at_doctype(s, n, i)) {
            /* A doctype in the content: in the same turn of libxml2's loop, what
             * follows is a comment, a processing instruction, a start tag, or text, not
             * an end tag ("</p" there is text). */
            size_t at = i;
            i = doctype_end(s, n, i, &unsure);
            if (unsure) {
                c.mode = UNSURE;
                i = at + 1;
                continue;
            }
            if (at_comment(s, n, i))
                i = comment_end(s, n, i);
            else if (i + 1 < n && s[i] == '<' && s[i + 1] == '?') {
                size_t pi = i;
                i = pi_end(s, n, i, &unsure);
                if (unsure) {
                    c.mode = UNSURE;
                    i = pi + 1;
                }
            }
            else if (i + 1 < n && s[i] == '<' && is_letter(s[i + 1])) {
                if (tag(&c, &i))
                    return -1;
            } else if (i < n && s[i] == '<')
                i++;
        } else if (ch == '?') {
            size_t pi = i;
            i = pi_end(s, n, i, &unsure);
            if (unsure) {
                c.mode = UNSURE;
                i = pi + 1;
            }
        } else {
            i++;
        }
    }
    return c.copied;
}
