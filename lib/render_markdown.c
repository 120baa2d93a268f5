/* PITH_FORMAT_MARKDOWN: the main article with its structure. Blocks are gathered into
 * groups (a run of list items, of code lines, of table cells; any other block alone),
 * each group is one Markdown block, and a blank line separates groups. Page text is
 * escaped so that it never turns into markup by accident: a paragraph reading "1. Intro"
 * or "# tags" stays a paragraph. */
#include <string.h>

#include "render.h"

enum { MD_START = 1, MD_TABLE = 2, MD_HEADING = 4 }; /* escaping contexts */
enum { G_PARA, G_HEADING, G_LIST, G_CODE, G_TABLE, G_CAPTION };
#define LIST_MAX 8

typedef struct md_ctx {
    const pith_doc *doc;
    pbuf *out;
    int shift;      /* added to <hN> levels so the body's top heading becomes "##" */
    unsigned kinds; /* pith_render_options.kinds: 0 for the main article */
} md_ctx;

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
/* Word characters for the intraword-underscore rule; any non-ASCII byte counts. */
static int is_wordish(unsigned char c) { return is_digit(c) || is_alpha(c) || c >= 0x80; }
static int is_ws(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Whether s[i] == '&' starts something a Markdown reader would decode as a character
 * reference ("&amp;", "&#39;"), in which case it must be escaped to stay literal. */
static int entity_at(const char *s, size_t n, size_t i)
{
    size_t j = i + 1, d;
    if (j < n && s[j] == '#') {
        j++;
        if (j < n && (s[j] | 0x20) == 'x')
            j++;
        for (d = j; j < n && j - d < 8 && (is_digit((unsigned char)s[j]) || is_alpha((unsigned char)s[j])); j++)
            ;
    } else {
        for (d = j; j < n && j - d < 32 && (is_digit((unsigned char)s[j]) || is_alpha((unsigned char)s[j])); j++)
            ;
    }
    return j > d && j < n && s[j] == ';';
}

/* Whether the byte s[i] needs a backslash in context `mode`. */
static int needs_escape(const char *s, size_t n, size_t i, int mode)
{
    unsigned char c = (unsigned char)s[i];
    unsigned char prev = i ? (unsigned char)s[i - 1] : 0;
    unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    switch (c) {
    case '\\': case '`': case '[': return 1;
    case '*': return !(prev == ' ' && next == ' '); /* " * " cannot open emphasis */
    case '_': return !(is_wordish(prev) && is_wordish(next)); /* intraword is literal */
    case '<': return is_alpha(next) || next == '/' || next == '!' || next == '?';
    case '&': return entity_at(s, n, i);
    case '~': return prev == '~' || next == '~';
    case '|': return (mode & MD_TABLE) != 0;
    case '#': return (mode & MD_HEADING) != 0;
    default: return 0;
    }
}

/* Appends page text as literal Markdown inline content on one line. MD_START: the text
 * opens a block, where "#", ">", "-", "+", "*", "1." would start markup. */
static void md_escape(pbuf *out, const char *s, size_t n, int mode)
{
    while (n && is_ws((unsigned char)*s))
        s++, n--;
    while (n && is_ws((unsigned char)s[n - 1]))
        n--;
    size_t i = 0, span = 0;
    if ((mode & MD_START) && n) {
        size_t d = 0;
        while (d < n && d < 10 && is_digit((unsigned char)s[d]))
            d++;
        if (d && d < n && (s[d] == '.' || s[d] == ')')) {
            pbuf_append(out, s, d);
            pbuf_putc(out, '\\');
            i = span = d + 1;
            pbuf_putc(out, s[d]);
        } else if (s[0] && strchr("#>-+*", s[0])) {
            pbuf_putc(out, '\\');
            pbuf_putc(out, s[0]);
            i = span = 1;
        }
    }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r') { /* one line: a newline could start a new block */
            pbuf_append(out, s + span, i - span);
            pbuf_putc(out, ' ');
            span = i + 1;
        } else if (needs_escape(s, n, i, mode)) {
            pbuf_append(out, s + span, i - span);
            pbuf_putc(out, '\\');
            span = i;
        }
    }
    pbuf_append(out, s + span, n - span);
}

static int md_visible(const pith_blk *b, unsigned kinds)
{
    if (kinds)
        return b->len > 0 && (kinds & PITH_KIND_BIT(b->kind));
    return b->article == 0 && b->len > 0 &&
           (b->kind == PITH_KIND_BODY || b->kind == PITH_KIND_CAPTION);
}

static int is_heading(const pith_blk *b)
{
    return (b->flags & PITH_BLOCK_HEADING) || b->heading;
}

static int md_group(const pith_blk *b)
{
    if (b->kind == PITH_KIND_CAPTION)
        return G_CAPTION;
    if (b->flags & PITH_BLOCK_CODE)
        return G_CODE;
    if (b->flags & PITH_BLOCK_TABLE)
        return G_TABLE;
    if (b->flags & PITH_BLOCK_LIST_ITEM)
        return G_LIST;
    if (is_heading(b))
        return G_HEADING;
    return G_PARA;
}

static int is_quote(const pith_blk *b) { return (b->flags & PITH_BLOCK_QUOTE) != 0; }

/* The next visible block at or after i, or n_blocks. */
static uint32_t next_visible(const md_ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    while (i < doc->n_blocks && !md_visible(&doc->blocks[i], c->kinds))
        i++;
    return i;
}

static void md_heading(md_ctx *c, const pith_blk *b)
{
    int level = b->heading ? b->heading + c->shift : 2;
    level = level < 2 ? 2 : level > 6 ? 6 : level;
    pbuf_append(c->out, "######", (size_t)level);
    pbuf_putc(c->out, ' ');
    md_escape(c->out, blk_text(c->doc, b), b->len, MD_HEADING);
    pbuf_putc(c->out, '\n');
}

static void md_list(md_ctx *c, uint32_t from, uint32_t to)
{
    unsigned num[LIST_MAX + 1] = {0}, width[LIST_MAX + 1] = {0};
    int ordered[LIST_MAX + 1] = {0};
    for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
        const pith_blk *b = &c->doc->blocks[i];
        int d = b->list_depth < 1 ? 1 : b->list_depth > LIST_MAX ? LIST_MAX : b->list_depth;
        for (int k = d + 1; k <= LIST_MAX; k++)
            num[k] = width[k] = 0;
        int o = (b->flags & BF_ORDERED) != 0;
        if (num[d] && ordered[d] != o)
            num[d] = 0;
        ordered[d] = o;
        /* Nested items are indented to their parent's content column, as CommonMark
         * requires: 2 under "- ", 3 under "1. ", 4 under "10. ". */
        for (int k = 1; k < d; k++) {
            unsigned w = width[k] ? width[k] : 2;
            pbuf_append(c->out, "        ", w > 8 ? 8 : w);
        }
        size_t before = c->out->len;
        if (o)
            pbuf_printf(c->out, "%u. ", ++num[d]);
        else {
            pbuf_append(c->out, "- ", 2);
            num[d]++;
        }
        width[d] = (unsigned)(c->out->len - before);
        md_escape(c->out, blk_text(c->doc, b), b->len, MD_START);
        pbuf_putc(c->out, '\n');
    }
}

static size_t longest_backtick_run(const char *s, size_t n)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static void md_code(md_ctx *c, uint32_t from, uint32_t to)
{
    size_t fence = 3;
    for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
        const pith_blk *b = &c->doc->blocks[i];
        size_t run = longest_backtick_run(blk_text(c->doc, b), b->len);
        if (run >= fence)
            fence = run + 1;
    }
    for (size_t k = 0; k < fence; k++)
        pbuf_putc(c->out, '`');
    pbuf_putc(c->out, '\n');
    for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
        const pith_blk *b = &c->doc->blocks[i];
        const char *s = blk_text(c->doc, b);
        size_t n = b->len;
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        pbuf_append(c->out, s, n);
        pbuf_putc(c->out, '\n');
    }
    for (size_t k = 0; k < fence; k++)
        pbuf_putc(c->out, '`');
    pbuf_putc(c->out, '\n');
}

static void md_table_row_end(md_ctx *c, unsigned cols, unsigned max_cols, unsigned row)
{
    for (; cols < max_cols; cols++)
        pbuf_append(c->out, "  |", 3);
    pbuf_putc(c->out, '\n');
    if (row == 0) { /* the first row is the header row */
        pbuf_putc(c->out, '|');
        for (unsigned k = 0; k < max_cols; k++)
            pbuf_append(c->out, " --- |", 6);
        pbuf_putc(c->out, '\n');
    }
}

static void md_table(md_ctx *c, uint32_t from, uint32_t to)
{
    unsigned max_cols = 0, cols = 0;
    int first = 1;
    for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
        if (first || (c->doc->blocks[i].flags & BF_ROW_START))
            cols = 0;
        first = 0;
        if (++cols > max_cols)
            max_cols = cols;
    }
    if (max_cols <= 1) { /* a one-column table lays out a page, it holds no data */
        first = 1;
        for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
            const pith_blk *b = &c->doc->blocks[i];
            if (!first)
                pbuf_putc(c->out, '\n');
            first = 0;
            md_escape(c->out, blk_text(c->doc, b), b->len, MD_START);
            pbuf_putc(c->out, '\n');
        }
        return;
    }
    unsigned row = 0;
    cols = 0;
    first = 1;
    for (uint32_t i = next_visible(c, from); i < to; i = next_visible(c, i + 1)) {
        const pith_blk *b = &c->doc->blocks[i];
        if (first || (b->flags & BF_ROW_START)) {
            if (!first)
                md_table_row_end(c, cols, max_cols, row++);
            pbuf_putc(c->out, '|');
            cols = 0;
        }
        first = 0;
        pbuf_putc(c->out, ' ');
        int strong = row > 0 && (b->flags & BF_TH); /* a row header */
        if (strong)
            pbuf_append(c->out, "**", 2);
        md_escape(c->out, blk_text(c->doc, b), b->len, MD_TABLE);
        if (strong)
            pbuf_append(c->out, "**", 2);
        pbuf_append(c->out, " |", 2);
        cols++;
    }
    md_table_row_end(c, cols, max_cols, row);
}

/* Renders the group of blocks [from, to) (visible ones only) as lines ending in '\n'. */
static void md_render_group(md_ctx *c, int g, uint32_t from, uint32_t to)
{
    const pith_blk *b = &c->doc->blocks[from];
    switch (g) {
    case G_LIST: md_list(c, from, to); break;
    case G_CODE: md_code(c, from, to); break;
    case G_TABLE: md_table(c, from, to); break;
    case G_HEADING: md_heading(c, b); break;
    case G_CAPTION:
        pbuf_putc(c->out, '*');
        md_escape(c->out, blk_text(c->doc, b), b->len, 0);
        pbuf_append(c->out, "*\n", 2);
        break;
    default:
        md_escape(c->out, blk_text(c->doc, b), b->len, MD_START);
        pbuf_putc(c->out, '\n');
    }
}

/* Copies lines into out behind a "> " quote marker. */
static void quote_lines(pbuf *out, const pbuf *lines)
{
    const char *s = lines->data;
    size_t n = lines->len, i = 0;
    while (i < n) {
        const char *eol = memchr(s + i, '\n', n - i);
        size_t len = eol ? (size_t)(eol - (s + i)) : n - i;
        if (len)
            pbuf_append(out, "> ", 2);
        else
            pbuf_putc(out, '>');
        pbuf_append(out, s + i, len);
        pbuf_putc(out, '\n');
        i += len + 1;
    }
}

/* The shift that maps the body's highest heading level to "##": the title alone is "#". */
static int heading_shift(const pith_doc *doc, unsigned kinds)
{
    int top = 7;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (md_visible(b, kinds) && b->heading && b->heading < top)
            top = b->heading;
    }
    return top == 7 ? 1 : 2 - top;
}

static void md_front(const pith_doc *doc, pbuf *out)
{
    const char *title = doc->meta[PITH_META_TITLE];
    const char *author = doc->meta[PITH_META_AUTHOR];
    const char *date = doc->meta[PITH_META_DATE];
    if (title && *title) {
        pbuf_append(out, "# ", 2);
        md_escape(out, title, strlen(title), MD_HEADING);
        pbuf_putc(out, '\n');
    }
    int has_author = author && *author, has_date = date && *date;
    if (!has_author && !has_date)
        return;
    if (out->len)
        pbuf_putc(out, '\n');
    pbuf_putc(out, '*');
    if (has_author) {
        pbuf_append(out, "By ", 3);
        md_escape(out, author, strlen(author), 0);
    }
    if (has_author && has_date)
        pbuf_append(out, ", ", 2);
    if (has_date)
        md_escape(out, date, strlen(date), 0);
    pbuf_append(out, "*\n", 2);
}

void render_markdown(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    md_ctx c = {doc, out, heading_shift(doc, kinds), kinds};
    pbuf quoted;
    pbuf_init(&quoted);
    if (!kinds) /* a chosen set of kinds is shown as it stands, without front matter */
        md_front(doc, out);
    int prev_quote = 0;
    uint32_t i = next_visible(&c, 0);
    while (i < doc->n_blocks) {
        const pith_blk *b = &doc->blocks[i];
        int g = md_group(b), q = is_quote(b);
        uint32_t end = next_visible(&c, i + 1);
        if (g == G_LIST || g == G_CODE || g == G_TABLE)
            while (end < doc->n_blocks && md_group(&doc->blocks[end]) == g &&
                   is_quote(&doc->blocks[end]) == q)
                end = next_visible(&c, end + 1);
        if (out->len)
            pbuf_append(out, q && prev_quote ? ">\n" : "\n", q && prev_quote ? 2u : 1u);
        if (q) {
            pbuf_clear(&quoted);
            c.out = &quoted;
            md_render_group(&c, g, i, end);
            c.out = out;
            quote_lines(out, &quoted);
            if (quoted.oom)
                out->oom = 1;
        } else {
            md_render_group(&c, g, i, end);
        }
        prev_quote = q;
        i = end;
    }
    pbuf_free(&quoted);
}
