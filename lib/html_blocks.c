/* HTML to blocks, in one streaming pass over libxml2's SAX events. No DOM is built:
 * a compact element table (doc->nodes) keeps what the classifier needs (parent, tag,
 * class/id tokens, hidden flag, the blocks inside), which is faster and smaller than
 * libxml2's tree and makes arbitrarily deep nesting harmless (no recursion anywhere).
 *
 * A block is the inline text between two block-level boundaries (the start or end of
 * a p, div, li, h1-h6, td ... element, or a double <br>), whitespace-collapsed as a
 * browser renders it. Each block remembers the innermost element holding it. */
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "css_transform.h"
#include "extractor.h"
#include "html_attrs.h"
#include "html_parse.h"
#include "status.h"
#include "tags.h"

/* Inherited state of an open element. */
typedef struct frame {
    uint32_t node;
    uint32_t owner;    /* innermost block-level element: the node blocks are attached to */
    uint32_t cell;     /* stack index of the innermost td/th frame, or PITH_NONE */
    uint32_t item;     /* stack index of the innermost li frame, or PITH_NONE */
    uint16_t flags;    /* PITH_BLOCK_* (HEADING, TABLE, QUOTE, CODE, HIDDEN, CAPTION) */
    uint8_t tag;
    uint8_t heading;
    uint8_t list_depth;
    uint8_t ordered;   /* innermost list is an <ol> */
    uint8_t skip;      /* inside script, style, head ... */
    uint8_t link;      /* inside <a href> */
    uint8_t control;   /* inside a <button>, <select>, <option> or <label> */
    uint8_t emitted;   /* li/td: a block has been emitted inside it */
    uint8_t had_cell;  /* tr: a cell has started */
    uint8_t first_cell; /* td/th: the first cell of its row */
    uint8_t tt;        /* css_tt: the text-transform it shows its text with */
    uint32_t css_off;  /* its class and id in builder.css_attrs */
} frame;

/* Deduplicates attribute strings so identical class lists share one offset (the rule
 * matcher memoises by offset). Open addressing over offsets into doc->strings. */
typedef struct attr_table {
    uint32_t *slots;
    uint32_t cap, n;
} attr_table;

typedef struct builder {
    pith_doc *doc;
    htmlParserCtxtPtr ctxt;
    frame *stack;
    size_t depth, cap;
    size_t max_nodes;
    uint32_t max_blocks;
    size_t max_depth;
    int too_many_nodes;
    int too_many_blocks;
    int too_deep;           /* max_depth passed where the stacks could not be flattened */
    int oom;

    pbuf cur;               /* the block being collected */
    uint32_t cur_link;      /* its characters inside links */
    uint32_t cur_control;   /* its characters inside controls */
    uint32_t cur_chars;
    uint32_t cur_start, cur_end;
    int space;              /* whitespace pending between words */
    int newline;            /* a <br> pending */
    int brs;                /* consecutive <br> without text between */

    int in_title;           /* collecting <title> */
    int title_done;
    pbuf title;
    int in_jsonld;
    size_t jsonld_start;    /* where the open script's text starts in doc->jsonld */
    int jsonld_over;        /* it passed max_jsonld_bytes or max_jsonld_total: dropped */
    pbuf scratch;           /* attribute strings, paths */
    attr_table attrs;

    css_sheet *css;         /* the text-transform rules of the page's <style>s, or NULL */
    pbuf css_attrs;         /* class NUL id NUL of each open element, as css_match wants */
    css_elem *css_path;     /* the open elements, for css_match */
    size_t css_path_cap;
    size_t css_work_left;   /* matching work this page may still do (CSS_WORK_PER_BYTE) */
} builder;

/* The style sheets read per page, at most: a page inlining megabytes of CSS is not
 * read past this for its text-transforms. */
#define MAX_STYLE_BYTES (2u << 20)
/* Selector matching a page may do, per byte of the page (plus CSS_WORK_BASE): the pages
 * of aeb, tfeval, wcxb and the segments corpus need at most 12 a byte, while
 * thousands of rules tested against every ancestor of every element would otherwise
 * cost a page minutes. Past it the remaining elements keep their parents' transforms:
 * the text as written at worst. */
#define CSS_WORK_PER_BYTE 40
#define CSS_WORK_BASE (1u << 20)

static size_t src_pos(const builder *b)
{
    const xmlParserInputPtr in = b->ctxt->input;
    if (!in || !in->cur || !in->base)
        return 0;
    return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

static frame *top(builder *b) { return b->depth ? &b->stack[b->depth - 1] : NULL; }

/* ---- attribute strings ------------------------------------------------------------ */

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t intern_attrs(builder *b, const char *s, size_t n)
{
    attr_table *t = &b->attrs;
    if (t->n * 2 >= t->cap) {
        uint32_t ncap = t->cap ? t->cap * 2 : 256;
        uint32_t *slots = calloc(ncap, sizeof *slots);
        if (!slots)
            return doc_intern(b->doc, s, n);
        for (uint32_t i = 0; i < t->cap; i++) {
            uint32_t off = t->slots[i];
            if (!off)
                continue;
            const char *k = doc_str(b->doc, off);
            uint32_t j = hash_bytes(k, strlen(k)) & (ncap - 1);
            while (slots[j])
                j = (j + 1) & (ncap - 1);
            slots[j] = off;
        }
        free(t->slots);
        t->slots = slots;
        t->cap = ncap;
    }
    uint32_t j = hash_bytes(s, n) & (t->cap - 1);
    while (t->slots[j]) {
        const char *k = doc_str(b->doc, t->slots[j]);
        if (strncmp(k, s, n) == 0 && k[n] == '\0')
            return t->slots[j];
        j = (j + 1) & (t->cap - 1);
    }
    uint32_t off = doc_intern(b->doc, s, n);
    if (off) {
        t->slots[j] = off;
        t->n++;
    }
    return off;
}

static int ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* Appends an attribute value lower-cased, whitespace collapsed, for the token string. */
static void append_tokens(pbuf *out, const char *v)
{
    int space = out->len > 0;
    for (; *v; v++) {
        char c = *v;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = out->len > 0;
            continue;
        }
        if (space) {
            pbuf_putc(out, ' ');
            space = 0;
        }
        pbuf_putc(out, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
    }
}

/* display:none or visibility:hidden in an inline style, spaces and case ignored. */
static int style_hides(const char *style)
{
    char flat[256];
    size_t n = 0;
    for (const char *p = style; *p && n + 1 < sizeof flat; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        flat[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    flat[n] = '\0';
    return strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
}

/* The classes of a modal window, as scripts and frameworks name it. */
static const char *const DIALOG_CLASSES[] = {"modal", "dialog", "popup", "modal-dialog", "modal-content"};

/* Whether a class list holds one of `names` as a whole class. */
static int has_class(const char *cls, const char *const *names, size_t n_names)
{
    for (const char *p = cls; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        size_t n = strcspn(p, " \t\n\r\f");
        for (size_t k = 0; n && k < n_names; k++)
            if (strlen(names[k]) == n && strncmp(p, names[k], n) == 0)
                return 1;
        p += n;
    }
    return 0;
}

/* React's streaming renderer sends a part of the page late, in <div hidden id="S:3">
 * (the number in hexadecimal: "S:2e"), and a script moves it into place: the reader
 * sees it. */
static int streamed_segment(const char *id)
{
    if (!id || id[0] != 'S' || id[1] != ':' || !id[2])
        return 0;
    for (const char *p = id + 2; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

/* ---- blocks ----------------------------------------------------------------------- */

static void set_path(builder *b, pith_blk *blk)
{
    /* the last three elements, each with its id or first class: enough to find the
     * element in the page without making every block carry a long string */
    pbuf *p = &b->scratch;
    pbuf_clear(p);
    size_t from = b->depth > 3 ? b->depth - 3 : 0;
    for (size_t i = from; i < b->depth; i++) {
        const frame *f = &b->stack[i];
        if (p->len)
            pbuf_putc(p, '>');
        const char *name = tag_name(f->tag);
        pbuf_puts(p, *name ? name : "*");
        const char *attrs = doc_str(b->doc, b->doc->nodes[f->node].attrs);
        if (*attrs) {
            size_t k = strcspn(attrs, " ");
            pbuf_putc(p, '.');
            pbuf_append(p, attrs, k > 40 ? 40 : k);
        }
    }
    blk->path = doc_intern(b->doc, p->data ? p->data : "", p->len);
}

static void flush(builder *b)
{
    b->brs = 0;
    b->newline = 0;
    b->space = 0;
    if (b->cur.len == 0)
        return;
    pith_doc *doc = b->doc;
    frame *f = top(b);
    if (doc->n_blocks >= b->max_blocks) {
        b->too_many_blocks = 1;
        xmlStopParser(b->ctxt);
        pbuf_clear(&b->cur);
        return;
    }
    uint32_t i = doc_add_block(doc, b->cur.data, b->cur.len);
    if (i != PITH_NONE && f) {
        pith_blk *blk = &doc->blocks[i];
        blk->node = f->owner;
        blk->tag = doc->nodes[f->owner].tag;
        blk->heading = f->heading;
        blk->list_depth = f->list_depth;
        blk->flags = f->flags;
        blk->start = b->cur_start;
        blk->end = b->cur_end > b->cur_start ? b->cur_end : b->cur_start;
        blk->link_chars = b->cur_link;
        if (b->cur_link && b->cur_link >= b->cur_chars)
            blk->flags |= BF_LINK_ONLY;
        if (b->cur_control && b->cur_control >= b->cur_chars)
            blk->flags |= BF_CONTROL;
        if (f->item != PITH_NONE) {
            frame *li = &b->stack[f->item];
            blk->flags |= PITH_BLOCK_LIST_ITEM;
            if (!li->emitted)
                blk->flags |= BF_ITEM_START;
            li->emitted = 1;
            if (f->ordered)
                blk->flags |= BF_ORDERED;
        }
        if (f->cell != PITH_NONE) {
            frame *cell = &b->stack[f->cell];
            if (cell->first_cell && !cell->emitted)
                blk->flags |= BF_ROW_START;
            if (cell->tag == TAG_TH)
                blk->flags |= BF_TH;
            cell->emitted = 1;
        }
        if (blk->heading == 1 && !doc->raw.first_h1)
            doc->raw.first_h1 = doc_intern(doc, b->cur.data, b->cur.len);
        set_path(b, blk);
    }
    pbuf_clear(&b->cur);
    b->cur_link = 0;
    b->cur_control = 0;
    b->cur_chars = 0;
}

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* The text of a JSON-LD script, kept for jsonld.c within the page's caps: a script over
 * max_jsonld_bytes, or one that would take the page's JSON-LD past max_jsonld_total, is
 * dropped whole (a JSON prefix is no JSON) and counted. Holding it costs memory, and
 * parsing it far more: jansson builds some 250 bytes of tree for each "{}". */
static void jsonld_append(builder *b, const xmlChar *s, size_t n)
{
    pbuf *j = &b->doc->jsonld;
    const pith_options *o = &b->doc->ex->opts;
    if (b->jsonld_over)
        return;
    if (j->len - b->jsonld_start + n > o->max_jsonld_bytes || j->len + n > o->max_jsonld_total) {
        b->jsonld_over = 1;
        b->doc->jsonld_skipped++;
        j->len = b->jsonld_start;
        if (j->data)
            j->data[j->len] = '\0';
        return;
    }
    pbuf_append(j, s, n);
}

/* ---- style sheets ------------------------------------------------------------------ */

/* The page's rules for the element just opened (frame f): its class and id join the path
 * of open elements, and the most specific matching rule sets its transform. */
static void css_rules_open(builder *b, frame *f, int tag, const char *cls, const char *id)
{
    f->css_off = (uint32_t)b->css_attrs.len;
    pbuf_append(&b->css_attrs, cls ? cls : "", cls ? strlen(cls) + 1 : 1);
    pbuf_append(&b->css_attrs, id ? id : "", id ? strlen(id) + 1 : 1);
    if (b->css_attrs.oom) {
        b->oom = 1;
        return;
    }
    css_elem self = {tag, cls ? cls : "", id ? id : ""};
    if (!b->css_work_left || !css_may_match(b->css, &self))
        return;
    if (b->css_path_cap < b->depth) {
        size_t cap = b->depth * 2;
        css_elem *p = realloc(b->css_path, cap * sizeof *p);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->css_path = p;
        b->css_path_cap = cap;
    }
    size_t work = b->depth;
    for (size_t i = 0; i < b->depth; i++) {
        const char *c = b->css_attrs.data + b->stack[i].css_off;
        size_t cl = strlen(c);
        b->css_path[i].tag = b->stack[i].tag;
        b->css_path[i].cls = c;
        b->css_path[i].id = c + cl + 1;
        work += cl;
    }
    css_tt tt = css_match_work(b->css, b->css_path, b->depth, &work);
    b->css_work_left = work < b->css_work_left ? b->css_work_left - work : 0;
    if (tt != CSS_TT_INHERIT && b->css_work_left)
        f->tt = (uint8_t)tt;
}

/* The text-transform of the element just opened (frame f): the page's rules for it,
 * then its style attribute; else it keeps its parent's. A page whose sheets set none
 * (they are read before the page is) keeps no path of open elements at all. */
static void css_open(builder *b, frame *f, int tag, const char *cls, const char *id, const char *style)
{
    if (!css_sheet_empty(b->css))
        css_rules_open(b, f, tag, cls, id);
    css_tt it = b->doc->ex->opts.flags & PITH_OPT_SOURCE_CASE ? CSS_TT_INHERIT : css_inline_transform(style);
    if (it != CSS_TT_INHERIT)
        f->tt = (uint8_t)it;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    builder *b = ctx;
    frame *f = top(b);
    if (b->in_title) {
        pbuf_append(&b->title, s, (size_t)len);
        return;
    }
    if (b->in_jsonld) {
        jsonld_append(b, s, (size_t)len);
        return;
    }
    if (!f || f->skip)
        return;
    size_t end = src_pos(b);
    int pre = (f->flags & PITH_BLOCK_CODE) != 0;
    for (int i = 0; i < len;) {
        unsigned char c = s[i];
        if (c == '\r') {
            i++;
            continue;
        }
        if (is_ws(c) && !pre) {
            b->space = 1;
            i++;
            continue;
        }
        if (b->cur.len == 0) {
            /* the text starts within this chunk: the chunk ends at the parser position */
            size_t start = end >= (size_t)(len - i) ? end - (size_t)(len - i) : 0;
            b->cur_start = (uint32_t)(start > UINT32_MAX ? UINT32_MAX : start);
            if (pre && c == '\n') {
                i++;
                continue; /* a newline right after <pre> is not content */
            }
        } else if (b->newline) {
            pbuf_putc(&b->cur, '\n');
        } else if (b->space) {
            pbuf_putc(&b->cur, ' ');
        }
        b->space = 0;
        b->newline = 0;
        b->brs = 0;
        /* a run of visible bytes goes in at once */
        int j = i;
        uint32_t chars = 0;
        while (j < len && s[j] != '\r' && (pre || !is_ws(s[j]))) {
            chars += (s[j] & 0xC0) != 0x80 && !is_ws(s[j]);
            j++;
        }
        size_t at = b->cur.len;
        pbuf_append(&b->cur, s + i, (size_t)(j - i));
        if (f->tt > CSS_TT_NONE && !b->cur.oom) {
            int word_start = at == 0 || b->cur.data[at - 1] == ' ' || b->cur.data[at - 1] == '\n';
            css_apply((css_tt)f->tt, b->cur.data + at, (size_t)(j - i), &word_start);
        }
        b->cur_chars += chars;
        if (f->link)
            b->cur_link += chars;
        if (f->control)
            b->cur_control += chars;
        i = j;
    }
    if (b->cur.len)
        b->cur_end = (uint32_t)(end > UINT32_MAX ? UINT32_MAX : end);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
    builder *b = ctx;
    if (b->in_jsonld)
        jsonld_append(b, s, (size_t)len);
}

/* ---- elements --------------------------------------------------------------------- */

static const char *attr(const xmlChar **atts, const char *name)
{
    if (!atts)
        return NULL;
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp((const char *)atts[i], name) == 0)
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

/* The attributes the builder reads on every element, found in one pass. */
typedef struct elem_attrs {
    const char *token[5]; /* class, id, role, itemprop, aria-label: the rule tokens */
    const char *aria_hidden, *aria_modal, *style, *hidden, *href, *type;
} elem_attrs;

static void read_attrs(const xmlChar **atts, elem_attrs *ea)
{
    memset(ea, 0, sizeof *ea);
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *n = (const char *)atts[i];
        const char *v = atts[i + 1] ? (const char *)atts[i + 1] : "";
        switch (n[0]) {
        case 'c': if (strcmp(n, "class") == 0) ea->token[0] = v; break;
        case 'i':
            if (strcmp(n, "id") == 0) ea->token[1] = v;
            else if (strcmp(n, "itemprop") == 0) ea->token[3] = v;
            break;
        case 'r': if (strcmp(n, "role") == 0) ea->token[2] = v; break;
        case 'a':
            if (strcmp(n, "aria-label") == 0) ea->token[4] = v;
            else if (strcmp(n, "aria-hidden") == 0) ea->aria_hidden = v;
            else if (strcmp(n, "aria-modal") == 0) ea->aria_modal = v;
            break;
        case 's': if (strcmp(n, "style") == 0) ea->style = v; break;
        case 'h':
            if (strcmp(n, "href") == 0) ea->href = v;
            else if (strcmp(n, "hidden") == 0) ea->hidden = v;
            break;
        case 't': if (strcmp(n, "type") == 0) ea->type = v; break;
        default: break;
        }
    }
}

static void collect_meta(builder *b, int tag, const xmlChar **atts)
{
    pith_doc *doc = b->doc;
    if (tag == TAG_META) {
        const char *content = attr(atts, "content");
        const char *keys[] = {"name", "property", "itemprop", "http-equiv"};
        for (size_t k = 0; content && k < 4; k++) {
            const char *key = attr(atts, keys[k]);
            if (!key || !*key)
                continue;
            pbuf_clear(&b->scratch);
            append_tokens(&b->scratch, key);
            doc_add_metatag(doc, pbuf_cstr(&b->scratch), b->scratch.len, content, strlen(content));
        }
    } else if (tag == TAG_LINK) {
        const char *rel = attr(atts, "rel"), *href = attr(atts, "href");
        if (rel && href && ascii_ieq(rel, "canonical") && !doc->raw.canonical)
            doc->raw.canonical = doc_intern(doc, href, strlen(href));
    } else if (tag == TAG_HTML) {
        const char *lang = attr(atts, "lang");
        if (!lang)
            lang = attr(atts, "xml:lang");
        if (lang && !doc->raw.html_lang)
            doc->raw.html_lang = doc_intern(doc, lang, strlen(lang));
    } else if (tag == TAG_TIME) {
        const char *dt = attr(atts, "datetime");
        if (dt && !doc->raw.time_datetime)
            doc->raw.time_datetime = doc_intern(doc, dt, strlen(dt));
    }
}

static int push(builder *b)
{
    if (b->depth == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        frame *s = realloc(b->stack, ncap * sizeof *s);
        if (!s)
            return -1;
        b->stack = s;
        b->cap = ncap;
    }
    b->depth++;
    return 0;
}

/* Closes the innermost open element. */
static void close_top(builder *b)
{
    frame *f = top(b);
    unsigned tf = tag_flags(f->tag);
    if (tf & TF_BLOCK)
        flush(b);
    if (f->tag == TAG_TITLE && b->in_title) {
        b->in_title = 0;
        b->title_done = 1;
    }
    b->css_attrs.len = f->css_off;
    if (f->tag == TAG_SCRIPT && b->in_jsonld) {
        b->in_jsonld = 0;
        if (!b->jsonld_over) {
            pbuf_putc(&b->doc->jsonld, '\0');
            b->doc->raw.jsonld = 1;
        }
    }
    b->doc->nodes[f->node].end_block = b->doc->n_blocks;
    b->depth--;
}

/* Past max_depth an element is not nested any deeper: the deepest open element is
 * closed and the new one takes its place, as a sibling (browsers' DOM depth limits do
 * much the same). This has to happen in libxml2's stack of open element names as well
 * as in ours: libxml2 scans that stack for every end tag that matches no open element,
 * so 50,000 open <div>s and 50,000 stray end tags cost it 2.5 billion string compares.
 * When it calls us, it has just pushed `name`, and its stack mirrors ours one for one
 * (every push and pop of it comes with a SAX event); the entry under `name` is dropped.
 * Should libxml2 ever not look like that, parsing stops instead: the page keeps what
 * was read so far. Returns 0 when the new element can be pushed. */
static int flatten(builder *b, const xmlChar *name)
{
    htmlParserCtxtPtr c = b->ctxt;
    if (c->nameNr < 2 || (size_t)c->nameNr != b->depth + 1 || c->nameTab[c->nameNr - 1] != name) {
        b->too_deep = 1;
        xmlStopParser(c);
        return -1;
    }
    close_top(b);
    c->nameTab[c->nameNr - 2] = name;
    c->nameNr--;
    return 0;
}

/* A control holds a few words. An element of the page's structure (a paragraph, a
 * heading, a list, a section) cannot sit in one: when it seems to, a <button> was left
 * open by markup that libxml2 does not repair as browsers do ("<button><div><div>
 * </button>"), and the page after it is not the button's. */
static int control_ends(int tag)
{
    switch (tag) {
    case TAG_P: case TAG_H1: case TAG_H2: case TAG_H3: case TAG_H4: case TAG_H5: case TAG_H6:
    case TAG_UL: case TAG_OL: case TAG_TABLE: case TAG_FORM: case TAG_MAIN: case TAG_ARTICLE:
    case TAG_SECTION: case TAG_HEADER: case TAG_FOOTER: case TAG_NAV: case TAG_ASIDE:
        return 1;
    default:
        return 0;
    }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    builder *b = ctx;
    pith_doc *doc = b->doc;
    if (b->too_many_nodes || b->too_deep)
        return;
    if (b->depth >= b->max_depth && flatten(b, name))
        return;
    int tag = tag_lookup((const char *)name);
    unsigned tf = tag_flags(tag);
    collect_meta(b, tag, atts);

    if (tf & TF_BLOCK)
        flush(b);
    else if (tag == TAG_BR) {
        frame *f = top(b);
        if (f && !f->skip) {
            if (++b->brs >= 2)
                flush(b); /* a blank line between paragraphs of a bare div */
            else
                b->newline = b->cur.len > 0;
        }
    }

    if (doc->n_nodes >= b->max_nodes) {
        b->too_many_nodes = 1;
        xmlStopParser(b->ctxt);
        return;
    }
    uint32_t id = doc_add_node(doc);
    if (id == PITH_NONE || push(b)) {
        b->oom = 1;
        xmlStopParser(b->ctxt);
        return;
    }
    frame *parent = b->depth > 1 ? &b->stack[b->depth - 2] : NULL;
    frame *f = &b->stack[b->depth - 1];
    if (parent)
        *f = *parent;
    else
        memset(f, 0, sizeof *f), f->cell = f->item = PITH_NONE, f->owner = id;
    f->node = id;
    f->tag = (uint8_t)tag;
    f->emitted = f->had_cell = f->first_cell = 0;

    pith_node *nd = &doc->nodes[id];
    nd->tag = (uint16_t)tag;
    nd->parent = parent ? parent->node : PITH_NONE;
    nd->depth = (uint16_t)(b->depth > 65535 ? 65535 : b->depth);
    nd->first_block = nd->end_block = doc->n_blocks;

    /* class/id/role/itemprop/aria-label tokens for the rule tables */
    elem_attrs ea;
    read_attrs(atts, &ea);
    css_open(b, f, tag, ea.token[0], ea.token[1], ea.style);
    pbuf_clear(&b->scratch);
    for (size_t k = 0; k < sizeof ea.token / sizeof *ea.token; k++)
        if (ea.token[k])
            append_tokens(&b->scratch, ea.token[k]);
    if (b->scratch.len)
        nd->attrs = intern_attrs(b, b->scratch.data, b->scratch.len > 400 ? 400 : b->scratch.len);
    if (ea.token[3] && ascii_ieq(ea.token[3], "articleBody"))
        nd->flags |= NF_ITEM_BODY;
    if ((nd->parent != PITH_NONE && (doc->nodes[nd->parent].flags & NF_DIALOG)) ||
        tag == TAG_DIALOG || (ea.aria_modal && ascii_ieq(ea.aria_modal, "true")) ||
        (ea.token[2] && (ascii_ieq(ea.token[2], "dialog") || ascii_ieq(ea.token[2], "alertdialog"))) ||
        (ea.token[0] && has_class(ea.token[0], DIALOG_CLASSES, sizeof DIALOG_CLASSES / sizeof *DIALOG_CLASSES)))
        nd->flags |= NF_DIALOG;

    if ((ea.hidden && !streamed_segment(ea.token[1])) ||
        (ea.aria_hidden && ascii_ieq(ea.aria_hidden, "true")) ||
        (ea.style && style_hides(ea.style))) {
        nd->flags |= NF_HIDDEN;
        f->flags |= PITH_BLOCK_HIDDEN;
    }
    if (tag == TAG_A && ea.href) {
        nd->flags |= NF_LINK;
        if (f->link < 255)
            f->link++;
    }
    if ((tag == TAG_BUTTON || tag == TAG_SELECT || tag == TAG_OPTION || tag == TAG_LABEL) &&
        f->control < 255)
        f->control++;
    else if (control_ends(tag))
        f->control = 0;
    if (tf & TF_SKIP) {
        if (f->skip < 255)
            f->skip++;
        if (tag == TAG_TITLE && !b->title_done && b->depth >= 2 &&
            b->stack[b->depth - 2].tag != TAG_SVG && b->stack[b->depth - 2].tag != TAG_OTHER)
            b->in_title = 1;
        if (tag == TAG_SCRIPT) {
            b->in_jsonld = ea.type && ascii_ieq(ea.type, "application/ld+json");
            b->jsonld_start = doc->jsonld.len;
            b->jsonld_over = 0;
        }
    }
    if (tf & TF_BLOCK)
        f->owner = id;
    if (tf & TF_HEADING) {
        f->heading = (uint8_t)(tag - TAG_H1 + 1);
        f->flags |= PITH_BLOCK_HEADING;
    }
    if (tf & TF_LIST) {
        if (f->list_depth < 255)
            f->list_depth++;
        f->ordered = tag == TAG_OL;
    }
    switch (tag) {
    case TAG_LI:
    case TAG_DT:
    case TAG_DD:
        f->item = (uint32_t)(b->depth - 1);
        break;
    case TAG_TD:
    case TAG_TH:
        f->cell = (uint32_t)(b->depth - 1);
        f->flags |= PITH_BLOCK_TABLE;
        if (parent && parent->tag == TAG_TR) {
            f->first_cell = !parent->had_cell;
            parent->had_cell = 1;
        }
        break;
    case TAG_TABLE:
        f->cell = PITH_NONE; /* a nested table starts its own rows */
        break;
    case TAG_BLOCKQUOTE: f->flags |= PITH_BLOCK_QUOTE; break;
    case TAG_PRE: f->flags |= PITH_BLOCK_CODE; break;
    case TAG_FIGCAPTION:
    case TAG_CAPTION: f->flags |= PITH_BLOCK_CAPTION; break;
    default: break;
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    builder *b = ctx;
    (void)name;
    if (!top(b) || b->too_many_nodes || b->too_deep)
        return;
    close_top(b);
}

/* Collapses the whitespace of the <title> text. */
static void finish_title(builder *b)
{
    pbuf *t = &b->title;
    size_t w = 0;
    int space = 0;
    for (size_t r = 0; r < t->len; r++) {
        unsigned char c = (unsigned char)t->data[r];
        if (is_ws(c)) {
            space = w > 0;
            continue;
        }
        if (space)
            t->data[w++] = ' ';
        space = 0;
        t->data[w++] = (char)c;
    }
    if (w)
        b->doc->raw.title_tag = doc_intern(b->doc, t->data, w);
}

pith_status html_blocks_build(pith_doc *doc, pith_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.max_nodes = doc->ex->opts.max_nodes;
    b.max_blocks = doc->ex->opts.max_blocks;
    b.max_depth = doc->ex->opts.max_depth;
    pbuf_init(&b.cur);
    pbuf_init(&b.title);
    pbuf_init(&b.scratch);
    pbuf_init(&b.css_attrs);
    if (doc->input.len > INT_MAX)
        return pith_fail(err, PITH_ERR_TOO_LARGE, "HTML input over 2 GiB");

    /* what libxml2 parses: the page, or a copy with the attributes past the cap blanked */
    pbuf capped;
    pbuf_init_mem(&capped, &doc->mem);
    const char *html = pbuf_cstr(&doc->input);
    int rc = html_cap_attributes(html, doc->input.len, doc->ex->opts.max_attributes, &capped);
    if (rc < 0) {
        pbuf_free(&capped);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory capping attributes");
    }
    if (rc > 0)
        html = capped.data;
    /* libxml2 copies the page into its input buffer, and its name stack, dictionary and
     * attribute arrays stay small (max_depth, max_attributes) */
    size_t parser_mem = doc->input.len + ((size_t)1 << 20);
    if (doc_reserve(doc, parser_mem)) {
        pbuf_free(&capped);
        return PITH_ERR_NOMEM; /* the budget: pith_extract says so */
    }
    /* the page's style sheets apply wherever they stand: read before the page is */
    if (!(doc->ex->opts.flags & PITH_OPT_SOURCE_CASE)) {
        b.css_work_left = CSS_WORK_PER_BYTE * doc->input.len + CSS_WORK_BASE;
        b.css = css_sheet_new();
        if (!b.css || css_sheet_add_html(b.css, html, doc->input.len, MAX_STYLE_BYTES) < 0) {
            css_sheet_free(b.css);
            doc_unreserve(doc, parser_mem);
            pbuf_free(&capped);
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading style sheets");
        }
    }
    static const html_sax handlers = {on_start, on_end, on_text, on_cdata};
    b.ctxt = html_parser_new(html, (int)doc->input.len, &handlers, &b);
    if (!b.ctxt) {
        css_sheet_free(b.css);
        doc_unreserve(doc, parser_mem);
        pbuf_free(&capped);
        return pith_fail(err, PITH_ERR_PARSE, "libxml2 could not create a parser");
    }
    htmlParseDocument(b.ctxt);
    flush(&b);
    while (b.depth) /* elements left open by a stopped parse */
        doc->nodes[b.stack[--b.depth].node].end_block = doc->n_blocks;
    finish_title(&b);

    pith_status st = PITH_OK;
    if (b.too_many_nodes)
        st = pith_fail(err, PITH_ERR_TOO_MANY_NODES, "page has more than %zu elements (max_nodes)",
                       b.max_nodes);
    else if (b.too_many_blocks)
        st = pith_fail(err, PITH_ERR_TOO_MANY_NODES, "page has more than %u blocks (max_blocks)",
                       b.max_blocks);
    else if (b.oom || doc_oom(doc) || b.cur.oom || b.title.oom)
        st = pith_fail(err, PITH_ERR_NOMEM, "out of memory building blocks");
    htmlFreeParserCtxt(b.ctxt);
    doc_unreserve(doc, parser_mem);
    pbuf_free(&capped);
    free(b.stack);
    free(b.attrs.slots);
    pbuf_free(&b.cur);
    pbuf_free(&b.title);
    pbuf_free(&b.scratch);
    pbuf_free(&b.css_attrs);
    free(b.css_path);
    css_sheet_free(b.css);
    return st;
}
