/* PITH_FORMAT_HTML: a page for people who would rather look than read: the metadata,
 * a legend, and every segment as a box coloured by kind. Self-contained (inline CSS, no
 * scripts, nothing fetched) and well-formed enough for an XML parser, so it can be
 * opened anywhere and checked mechanically. */
#include <string.h>

#include "render.h"
#include "utf8.h"

/* Background and border colour per kind, in pith_kind order. */
static const char *const KIND_COLOURS[PITH_KIND_COUNT][2] = {
    {"#fde68a", "#b45309"}, /* title */
    {"#e9d5ff", "#7e22ce"}, /* meta */
    {"#bbf7d0", "#15803d"}, /* body */
    {"#a5f3fc", "#0e7490"}, /* caption */
    {"#e5e7eb", "#4b5563"}, /* navigation */
    {"#fed7aa", "#c2410c"}, /* trending */
    {"#bfdbfe", "#1d4ed8"}, /* comments */
    {"#fecaca", "#b91c1c"}, /* promo */
    {"#f5d0fe", "#a21caf"}, /* other_article */
};

static const char STYLE[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62em;padding:1em;"
    "color:#111;background:#fff}\n"
    "header{border-bottom:1px solid #ccc;margin-bottom:1em}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;font-size:90%}\n"
    "dl.meta dt{font-weight:bold}\ndl.meta dd{margin:0;overflow-wrap:anywhere}\n"
    "ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em}\n"
    "ul.legend li{padding:.1em .6em;border:1px solid;border-radius:3px;font-size:90%}\n"
    "section.seg{border:1px solid;border-left-width:6px;border-radius:4px;"
    "padding:.3em .8em;margin:.5em 0}\n"
    "section.seg p{margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere}\n"
    "section.seg p.h{font-weight:bold}\n"
    ".kind{font:bold 12px/1.4 monospace;text-transform:uppercase;color:#333}\n";

/* Appends text with &, <, >, " and ' escaped; control characters (which HTML forbids)
 * become spaces and invalid UTF-8 becomes U+FFFD. */
static void html_escape(pbuf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t span = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        const char *rep = NULL;
        size_t k = 1;
        if (c >= 0x80) {
            uint32_t cp;
            k = utf8_decode(p + i, n - i, &cp);
            if (cp == UC_REPLACEMENT && k == 1)
                rep = "\xEF\xBF\xBD";
        } else if (c == '&') {
            rep = "&amp;";
        } else if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"') {
            rep = "&quot;";
        } else if (c == '\'') {
            rep = "&#39;";
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            rep = " ";
        }
        if (rep) {
            pbuf_append(out, s + span, i - span);
            pbuf_puts(out, rep);
            span = i + k;
        }
        i += k;
    }
    pbuf_append(out, s + span, n - span);
}

static void html_escape_str(pbuf *out, const char *s) { html_escape(out, s, strlen(s)); }

static void head(const pith_doc *doc, pbuf *out)
{
    const char *title = doc->meta[PITH_META_TITLE];
    const char *lang = doc->meta[PITH_META_LANG];
    pbuf_puts(out, "<!DOCTYPE html>\n<html");
    if (lang && *lang) {
        pbuf_puts(out, " lang=\"");
        html_escape_str(out, lang);
        pbuf_putc(out, '"');
    }
    pbuf_puts(out, ">\n<head>\n<meta charset=\"utf-8\" />\n"
                   "<meta name=\"viewport\" content=\"width=device-width\" />\n<title>pith: ");
    html_escape_str(out, title && *title ? title : "(no title)");
    pbuf_puts(out, "</title>\n<style>\n");
    pbuf_puts(out, STYLE);
    for (int k = 0; k < PITH_KIND_COUNT; k++)
        pbuf_printf(out, ".k-%s{background:%s;border-color:%s}\n", render_kind_name((unsigned)k),
                    KIND_COLOURS[k][0], KIND_COLOURS[k][1]);
    pbuf_puts(out, "</style>\n</head>\n");
}

static void meta_list(const pith_doc *doc, pbuf *out)
{
    pbuf_puts(out, "<dl class=\"meta\">\n");
    for (unsigned f = 0; f < PITH_META_COUNT; f++) {
        if (f == PITH_META_TITLE || !doc->meta[f])
            continue;
        pbuf_printf(out, "<dt>%s</dt><dd>", render_meta_name(f));
        html_escape_str(out, doc->meta[f]);
        pbuf_puts(out, "</dd>\n");
    }
    pbuf_printf(out, "<dt>input</dt><dd>%s, ", doc->input_kind == PITH_INPUT_HTML ? "html" : "text");
    html_escape(out, doc->charset, strnlen(doc->charset, sizeof doc->charset));
    pbuf_printf(out, ", %u blocks, %u segments</dd>\n</dl>\n", (unsigned)doc->n_blocks,
                (unsigned)doc->n_segs);
}

static void legend(const pith_doc *doc, pbuf *out)
{
    unsigned count[PITH_KIND_COUNT] = {0};
    for (uint32_t i = 0; i < doc->n_segs; i++)
        if (doc->segs[i].kind < PITH_KIND_COUNT)
            count[doc->segs[i].kind]++;
    pbuf_puts(out, "<ul class=\"legend\">\n");
    for (int k = 0; k < PITH_KIND_COUNT; k++) {
        const char *name = render_kind_name((unsigned)k);
        pbuf_printf(out, "<li class=\"k-%s\">%s (%u)</li>\n", name, name, count[k]);
    }
    pbuf_puts(out, "</ul>\n");
}

static void segment(const pith_doc *doc, const pith_seg *s, pbuf *out)
{
    const char *kind = render_kind_name(s->kind);
    uint32_t last = s->n_blocks ? s->first_block + s->n_blocks - 1 : s->first_block;
    pbuf_printf(out,
                "<section class=\"seg k-%s\" title=\"bytes %u-%u, blocks %u-%u\">\n"
                "<div class=\"kind\">%s",
                kind, (unsigned)s->start, (unsigned)s->end, (unsigned)s->first_block,
                (unsigned)last, kind);
    if (s->article)
        pbuf_printf(out, " %u", (unsigned)s->article);
    pbuf_puts(out, "</div>\n");
    for (uint32_t i = s->first_block; i < s->first_block + s->n_blocks && i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (!b->len)
            continue;
        pbuf_puts(out, b->heading || (b->flags & PITH_BLOCK_HEADING) ? "<p class=\"h\">" : "<p>");
        html_escape(out, blk_text(doc, b), b->len);
        pbuf_puts(out, "</p>\n");
    }
    pbuf_puts(out, "</section>\n");
}

void render_html(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    _Static_assert(sizeof KIND_COLOURS / sizeof KIND_COLOURS[0] == PITH_KIND_COUNT,
                   "a colour for every kind");
    (void)kinds;
    const char *title = doc->meta[PITH_META_TITLE];
    head(doc, out);
    pbuf_puts(out, "<body>\n<header>\n<h1>");
    html_escape_str(out, title && *title ? title : "(no title)");
    pbuf_puts(out, "</h1>\n");
    meta_list(doc, out);
    legend(doc, out);
    pbuf_puts(out, "</header>\n<main>\n");
    for (uint32_t i = 0; i < doc->n_segs; i++)
        segment(doc, &doc->segs[i], out);
    pbuf_puts(out, "</main>\n</body>\n</html>\n");
}
