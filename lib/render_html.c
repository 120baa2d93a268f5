/* PITH_FORMAT_HTML: the page as it looks, with pith's segments drawn on it.
 *
 * For HTML input the page's own markup and styles are streamed back out, made inert:
 * scripts, frames, objects, <link>, <base>, <meta>, comments, event-handler attributes
 * and every attribute that would fetch or navigate (src, srcset, href, action, poster
 * ...) are removed, url() and @import in its CSS are blanked, and a Content-Security-
 * Policy allowing no network at all is put first in <head> as a second lock. Then each
 * segment is outlined in its kind's colour and labelled: the element that holds exactly
 * the segment's blocks where there is one, else the elements (or text runs) of each of
 * its blocks. A fixed legend toggles the outlines per kind, and hovering a block shows
 * its evidence (the rules and features behind its kind) in a panel. A text dump is shown
 * as its lines, grouped the same way.
 *
 * The elements are matched to pith's own by order: the page is parsed again with
 * libxml2's SAX parser and the same options html_blocks.c uses, so the n-th element
 * started here is doc->nodes[n] (checked by tag; on any disagreement the view stops
 * annotating rather than annotate the wrong element). Blocks are matched to text runs by
 * their byte ranges in the same input. No DOM is built: the view streams like the
 * extraction does. The only script is pith's own (legend and hover), allowed by a nonce. */
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "html_parse.h"
#include "render.h"
#include "tags.h"
#include "utf8.h"

/* Outline and label colour per kind, in pith_kind order, and the tint (r,g,b). */
static const char *const KIND_COLOURS[PITH_KIND_COUNT][2] = {
    {"#b45309", "217,119,6"},   /* title */
    {"#7e22ce", "147,51,234"},  /* meta */
    {"#15803d", "22,163,74"},   /* body */
    {"#0e7490", "8,145,178"},   /* caption */
    {"#4b5563", "107,114,128"}, /* navigation */
    {"#c2410c", "234,88,12"},   /* trending */
    {"#1d4ed8", "37,99,235"},   /* comments */
    {"#b91c1c", "220,38,38"},   /* promo */
    {"#a21caf", "192,38,211"},  /* other_article */
};

#define NONCE "pith-view"

static const char CSP[] =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "img-src data:; font-src data:; media-src data:; style-src 'unsafe-inline'; "
    "script-src 'nonce-" NONCE "'; form-action 'none'; base-uri 'none'\" />\n";

/* pith's own styles; !important and pith- names so the page's CSS leaves them alone. */
static const char STYLE[] =
    ".pith-box{outline-style:solid!important;outline-width:2px!important;"
    "outline-offset:-1px!important}\n"
    ".pith-box[data-pith-label]::before{content:attr(data-pith-label);display:inline-block;"
    "font:bold 11px/1.5 monospace!important;text-transform:uppercase;color:#fff!important;"
    "padding:0 .4em;margin:0 .4em .2em 0;border-radius:2px;letter-spacing:0;"
    "text-indent:0;float:none;vertical-align:baseline}\n"
    "#pith-legend{position:fixed!important;top:8px!important;right:8px!important;"
    "z-index:2147483647!important;background:#fff!important;color:#111!important;"
    "border:1px solid #888!important;border-radius:6px;padding:6px 10px!important;"
    "font:12px/1.6 system-ui,sans-serif!important;max-width:22em;box-shadow:0 2px 8px "
    "rgba(0,0,0,.3);text-align:left!important;display:block!important}\n"
    "#pith-legend b{font-weight:bold}\n"
    "#pith-legend label{display:block!important;cursor:pointer;margin:0!important;"
    "padding:0 .3em!important;border-left:6px solid!important;font-weight:normal}\n"
    "#pith-legend input{margin:0 .4em 0 0!important;vertical-align:middle;display:inline!important}\n"
    "#pith-legend .pith-meta{font-size:11px;color:#444;max-height:6em;overflow:auto;"
    "overflow-wrap:anywhere}\n"
    "#pith-panel{position:fixed!important;bottom:8px!important;right:8px!important;"
    "z-index:2147483647!important;background:#fffbe6!important;color:#111!important;"
    "border:1px solid #888!important;border-radius:6px;padding:6px 10px!important;"
    "font:11px/1.4 monospace!important;white-space:pre-wrap!important;max-width:40em;"
    "max-height:40vh;overflow:auto;margin:0!important;text-align:left!important}\n"
    "#pith-panel[hidden]{display:none!important}\n"
    ".pith-dump{font:14px/1.5 system-ui,sans-serif;max-width:60em;margin:1em auto;"
    "padding:0 1em;color:#111;background:#fff}\n"
    ".pith-dump .pith-line{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}\n"
    ".pith-dump .pith-gap{margin-bottom:.8em}\n"
    ".pith-dump section{margin:.3em 0;padding:.2em .4em}\n";

/* The legend and hover script: no network, no eval, only pith's own markup. */
static const char SCRIPT[] =
    "(function(){\n"
    "var data=JSON.parse(document.getElementById('pith-evidence').textContent);\n"
    "var panel=document.getElementById('pith-panel');\n"
    "var legend=document.getElementById('pith-legend');\n"
    "var root=document.documentElement;\n"
    "function sync(box){root.classList.toggle('pith-hide-'+box.getAttribute('data-kind'),"
    "!box.checked);}\n"
    "legend.addEventListener('change',function(e){if(e.target.hasAttribute('data-kind'))"
    "sync(e.target);});\n"
    "Array.prototype.forEach.call(legend.querySelectorAll('input[data-kind]'),sync);\n"
    "document.addEventListener('mouseover',function(e){\n"
    "var el=e.target.closest?e.target.closest('[data-pith-b]'):null;\n"
    "if(!el||legend.contains(el))return;\n"
    "var out=el.getAttribute('data-pith-b').split(' ').map(function(i){var b=data[+i];"
    "return b?'['+i+'] '+b.kind+'  '+b.text+'\\n'+b.evidence:'';}).join('\\n');\n"
    "panel.textContent=out;panel.hidden=false;});\n"
    "})();\n";

/* ---- escaping ---------------------------------------------------------------------- */

/* Appends text with &, <, >, " escaped; control characters (which HTML forbids) become
 * spaces, invalid UTF-8 becomes U+FFFD. */
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
        } else if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
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

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int starts_ci(const char *s, size_t n, const char *prefix)
{
    size_t i = 0;
    for (; prefix[i]; i++)
        if (i >= n || lower((unsigned char)s[i]) != prefix[i])
            return 0;
    return 1;
}

/* Appends page CSS with everything that could fetch blanked: url(...) other than data:
 * URLs becomes none, and @import rules are dropped; "</" cannot close the style. */
static void css_clean(pbuf *out, const char *s, size_t n)
{
    size_t i = 0, span = 0;
    while (i < n) {
        char c = s[i];
        if ((c == 'u' || c == 'U') && starts_ci(s + i, n - i, "url(")) {
            size_t j = i + 4;
            while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\''))
                j++;
            int data = starts_ci(s + j, n - j, "data:");
            /* the argument ends at the first ')' outside quotes */
            char q = 0;
            for (j = i + 4; j < n; j++) {
                if (q) {
                    if (s[j] == q)
                        q = 0;
                } else if (s[j] == '"' || s[j] == '\'') {
                    q = s[j];
                } else if (s[j] == ')') {
                    break;
                }
            }
            if (!data) {
                pbuf_append(out, s + span, i - span);
                pbuf_puts(out, "none");
                i = span = j < n ? j + 1 : n;
                continue;
            }
            i = j;
            continue;
        }
        if (c == '@' && starts_ci(s + i, n - i, "@import")) {
            size_t j = i;
            while (j < n && s[j] != ';')
                j++;
            pbuf_append(out, s + span, i - span);
            i = span = j < n ? j + 1 : n;
            continue;
        }
        if (c == '<' && i + 1 < n && s[i + 1] == '/') {
            pbuf_append(out, s + span, i - span);
            pbuf_puts(out, "<\\/");
            i = span = i + 2;
            continue;
        }
        if (c == '\0') {
            pbuf_append(out, s + span, i - span);
            i = span = i + 1;
            continue;
        }
        i++;
    }
    pbuf_append(out, s + span, n - span);
}

/* ---- which element outlines which segment ------------------------------------------ */

typedef struct plan {
    int32_t *node_seg;     /* per node: the segment it outlines, -1 */
    uint8_t *node_label;   /* per node: it carries its segment's label */
    uint8_t *covered;      /* per block: inside an outlined element of its segment */
    uint32_t *seg_of;      /* per block: its segment */
    uint8_t *seg_labelled; /* per segment: a label has been placed */
    uint32_t *node_blocks; /* per node: offset into `owned` of its blocks, n_nodes + 1 */
    uint32_t *owned;       /* block indices grouped by owner node */
} plan;

static void plan_free(plan *p)
{
    free(p->node_seg);
    free(p->node_label);
    free(p->covered);
    free(p->seg_of);
    free(p->seg_labelled);
    free(p->node_blocks);
    free(p->owned);
}

/* Whether all blocks inside node n belong to [first, end) and there is at least one. */
static int node_within(const pith_doc *doc, uint32_t n, uint32_t first, uint32_t end)
{
    const pith_node *nd = &doc->nodes[n];
    return nd->end_block > nd->first_block && nd->first_block >= first && nd->end_block <= end;
}

/* Bounds on walking up the element tree, so a page nested 100,000 deep costs the view
 * no more than a shallow one: a box a few levels short of the largest is as good. */
#define CLIMB_MAX 64
#define LCA_MAX 4096

/* The largest element up from n (at most CLIMB_MAX levels) that still holds only blocks
 * of [first, end), stopping below <body>. */
static uint32_t climb(const pith_doc *doc, uint32_t n, uint32_t first, uint32_t end)
{
    for (int steps = 0; steps < CLIMB_MAX; steps++) {
        uint32_t up = doc->nodes[n].parent;
        if (up == PITH_NONE || up >= doc->n_nodes || doc->nodes[up].tag == TAG_BODY ||
            doc->nodes[up].tag == TAG_HTML || !node_within(doc, up, first, end))
            return n;
        n = up;
    }
    return n;
}

/* The nearest common ancestor of a and b, PITH_NONE when there is none within LCA_MAX
 * steps (the segment is then drawn block by block). */
static uint32_t lca(const pith_doc *doc, uint32_t a, uint32_t b)
{
    for (int steps = 0; a != b && a != PITH_NONE && b != PITH_NONE; steps++) {
        if (steps == LCA_MAX)
            return PITH_NONE;
        if (doc->nodes[a].depth >= doc->nodes[b].depth)
            a = doc->nodes[a].parent;
        else
            b = doc->nodes[b].parent;
    }
    return a == b ? a : PITH_NONE;
}

static int plan_build(const pith_doc *doc, plan *p)
{
    memset(p, 0, sizeof *p);
    uint32_t nn = doc->n_nodes, nb = doc->n_blocks;
    p->node_seg = malloc((nn + 1) * sizeof *p->node_seg);
    p->node_label = calloc(nn + 1, 1);
    p->covered = calloc(nb + 1, 1);
    p->seg_of = malloc((nb + 1) * sizeof *p->seg_of);
    p->seg_labelled = calloc(doc->n_segs + 1, 1);
    p->node_blocks = calloc((size_t)nn + 2, sizeof *p->node_blocks);
    p->owned = malloc((nb + 1) * sizeof *p->owned);
    if (!p->node_seg || !p->node_label || !p->covered || !p->seg_of || !p->seg_labelled ||
        !p->node_blocks || !p->owned)
        return -1;
    for (uint32_t i = 0; i < nn; i++)
        p->node_seg[i] = -1;
    for (uint32_t i = 0; i < nb; i++)
        p->seg_of[i] = PITH_NONE;
    for (uint32_t s = 0; s < doc->n_segs; s++)
        for (uint32_t b = doc->segs[s].first_block;
             b < doc->segs[s].first_block + doc->segs[s].n_blocks && b < nb; b++)
            p->seg_of[b] = s;
    /* blocks by owner node (a counting sort) */
    for (uint32_t b = 0; b < nb; b++)
        if (doc->blocks[b].node < nn)
            p->node_blocks[doc->blocks[b].node + 2]++;
    for (uint32_t n = 2; n < nn + 2; n++)
        p->node_blocks[n] += p->node_blocks[n - 1];
    for (uint32_t b = 0; b < nb; b++)
        if (doc->blocks[b].node < nn)
            p->owned[p->node_blocks[doc->blocks[b].node + 1]++] = b;

    for (uint32_t s = 0; s < doc->n_segs; s++) {
        const pith_seg *sg = &doc->segs[s];
        uint32_t first = sg->first_block, end = sg->first_block + sg->n_blocks;
        if (end > nb || first >= end)
            continue;
        uint32_t top = doc->blocks[first].node;
        for (uint32_t b = first + 1; b < end && top != PITH_NONE; b++)
            top = doc->blocks[b].node < nn ? lca(doc, top, doc->blocks[b].node) : PITH_NONE;
        if (top != PITH_NONE && top < nn && node_within(doc, top, first, end)) {
            top = climb(doc, top, first, end);
            p->node_seg[top] = (int32_t)s;
            p->node_label[top] = 1;
            p->seg_labelled[s] = 1;
            for (uint32_t b = first; b < end; b++)
                p->covered[b] = 1;
            continue;
        }
        /* no one element: outline each block's own element where it holds only this
         * segment's blocks; the others are wrapped as text runs when streamed */
        for (uint32_t b = first; b < end; b++) {
            uint32_t n = doc->blocks[b].node;
            if (n >= nn || !node_within(doc, n, first, end))
                continue;
            n = climb(doc, n, first, end);
            if (p->node_seg[n] < 0) {
                p->node_seg[n] = (int32_t)s;
                if (!p->seg_labelled[s])
                    p->node_label[n] = p->seg_labelled[s] = 1;
            }
            p->covered[b] = 1;
        }
    }
    return 0;
}

/* ---- shared pieces ----------------------------------------------------------------- */

static void kind_styles(pbuf *out)
{
    for (unsigned k = 0; k < PITH_KIND_COUNT; k++) {
        const char *name = render_kind_name(k);
        pbuf_printf(out,
                    ".pith-k-%s{outline-color:%s!important;box-shadow:inset 0 0 0 9999px "
                    "rgba(%s,.10)!important}\n"
                    ".pith-k-%s[data-pith-label]::before{background:%s!important}\n"
                    ".pith-hide-%s .pith-k-%s{outline-style:none!important;box-shadow:none!important}\n"
                    ".pith-hide-%s .pith-k-%s[data-pith-label]::before{display:none!important}\n"
                    "#pith-legend label.pith-k-%s{border-left-color:%s!important}\n",
                    name, KIND_COLOURS[k][0], KIND_COLOURS[k][1], name, KIND_COLOURS[k][0], name,
                    name, name, name, name, KIND_COLOURS[k][0]);
    }
}

static void preamble(const pith_doc *doc, pbuf *out)
{
    const char *title = doc->meta[PITH_META_TITLE];
    pbuf_puts(out, "<meta charset=\"utf-8\" />\n");
    pbuf_puts(out, CSP);
    pbuf_puts(out, "<meta name=\"viewport\" content=\"width=device-width\" />\n<title>pith: ");
    html_escape_str(out, title && *title ? title : "(no title)");
    pbuf_puts(out, "</title>\n<style id=\"pith-style\">\n");
    pbuf_puts(out, STYLE);
    kind_styles(out);
    pbuf_puts(out, "</style>\n");
}

/* The legend, the evidence panel, the evidence data and the script. */
static void overlay(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    unsigned count[PITH_KIND_COUNT] = {0};
    for (uint32_t i = 0; i < doc->n_segs; i++)
        if (doc->segs[i].kind < PITH_KIND_COUNT)
            count[doc->segs[i].kind]++;
    pbuf_puts(out, "\n<div id=\"pith-legend\"><b>pith</b> ");
    const char *title = doc->meta[PITH_META_TITLE];
    html_escape_str(out, title && *title ? title : "(no title)");
    pbuf_puts(out, "<div class=\"pith-meta\">");
    for (unsigned f = 0; f < PITH_META_COUNT; f++) {
        if (f == PITH_META_TITLE || !doc->meta[f])
            continue;
        pbuf_printf(out, "%s: ", render_meta_name(f));
        html_escape_str(out, doc->meta[f]);
        pbuf_puts(out, "<br />");
    }
    pbuf_printf(out, "%s, %s, %u blocks, %u segments</div>\n",
                doc->input_kind == PITH_INPUT_HTML ? "html" : "text", doc->charset,
                (unsigned)doc->n_blocks, (unsigned)doc->n_segs);
    for (unsigned k = 0; k < PITH_KIND_COUNT; k++) {
        if (!count[k])
            continue;
        const char *name = render_kind_name(k);
        int on = !kinds || (kinds & PITH_KIND_BIT(k));
        pbuf_printf(out,
                    "<label class=\"pith-k-%s\"><input type=\"checkbox\" data-kind=\"%s\"%s /> "
                    "%s (%u)</label>\n",
                    name, name, on ? " checked=\"checked\"" : "", name, count[k]);
    }
    pbuf_puts(out, "</div>\n<pre id=\"pith-panel\" hidden=\"hidden\"></pre>\n");

    /* evidence per block, as JSON in an inert script element ('<' and '&' escaped, so
     * no text can close it and the dump's view stays well-formed XML) */
    render_votes ix = {NULL, NULL};
    if (!doc->evidence && render_votes_build(doc, &ix))
        out->oom = 1;
    pbuf json, ev;
    pbuf_init(&json);
    pbuf_init(&ev);
    pbuf_putc(&json, '[');
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        const char *kind = render_kind_name(b->kind);
        pbuf_clear(&ev);
        if (doc->evidence && doc->evidence[i])
            pbuf_puts(&ev, doc->evidence[i]);
        else
            render_block_evidence(doc, &ix, i, "", &ev);
        pbuf_puts(&json, i ? ",{\"kind\":" : "{\"kind\":");
        render_json_string(&json, kind, strlen(kind));
        pbuf_puts(&json, ",\"text\":");
        size_t n = b->len > 80 ? 80 : b->len;
        while (n < b->len && n > 0 && ((unsigned char)blk_text(doc, b)[n] & 0xC0) == 0x80)
            n--; /* do not cut a character */
        render_json_string(&json, blk_text(doc, b), n);
        pbuf_puts(&json, ",\"evidence\":");
        render_json_string(&json, ev.data ? ev.data : "", ev.len);
        pbuf_putc(&json, '}');
    }
    pbuf_putc(&json, ']');
    render_votes_free(&ix);
    pbuf_puts(out, "<script type=\"application/json\" id=\"pith-evidence\">");
    size_t span = 0;
    for (size_t i = 0; i < json.len; i++)
        if (json.data[i] == '<' || json.data[i] == '&') {
            pbuf_append(out, json.data + span, i - span);
            pbuf_puts(out, json.data[i] == '<' ? "\\u003c" : "\\u0026");
            span = i + 1;
        }
    pbuf_append(out, json.data + span, json.len - span);
    pbuf_puts(out, "</script>\n<script nonce=\"" NONCE "\">\n");
    pbuf_puts(out, SCRIPT);
    pbuf_puts(out, "</script>\n");
    if (json.oom || ev.oom)
        out->oom = 1;
    pbuf_free(&json);
    pbuf_free(&ev);
}

/* The html element's class: the kinds hidden from the start (not in --only). */
static void hidden_classes(unsigned kinds, pbuf *out)
{
    for (unsigned k = 0; kinds && k < PITH_KIND_COUNT; k++)
        if (!(kinds & PITH_KIND_BIT(k)))
            pbuf_printf(out, " pith-hide-%s", render_kind_name(k));
}

/* ---- a text dump: its lines, grouped by segment ------------------------------------ */

static void render_dump(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    pbuf_puts(out, "<!DOCTYPE html>\n<html class=\"pith-view");
    hidden_classes(kinds, out);
    pbuf_puts(out, "\"");
    const char *lang = doc->meta[PITH_META_LANG];
    if (lang && *lang) {
        pbuf_puts(out, " lang=\"");
        html_escape_str(out, lang);
        pbuf_putc(out, '"');
    }
    pbuf_puts(out, ">\n<head>\n");
    preamble(doc, out);
    pbuf_puts(out, "</head>\n<body>\n<div class=\"pith-dump\">\n");
    for (uint32_t s = 0; s < doc->n_segs; s++) {
        const pith_seg *sg = &doc->segs[s];
        const char *kind = render_kind_name(sg->kind);
        pbuf_printf(out, "<section class=\"pith-box pith-k-%s\" data-pith-kind=\"%s\" "
                         "data-pith-seg=\"%u\" data-pith-label=\"%s",
                    kind, kind, (unsigned)s, kind);
        if (sg->article)
            pbuf_printf(out, " %u", (unsigned)sg->article);
        pbuf_puts(out, "\">\n");
        for (uint32_t b = sg->first_block; b < sg->first_block + sg->n_blocks && b < doc->n_blocks;
             b++) {
            const pith_blk *blk = &doc->blocks[b];
            pbuf_printf(out, "<p class=\"pith-line%s\" data-pith-b=\"%u\">",
                        blk->flags & BF_PARA_END ? " pith-gap" : "", (unsigned)b);
            html_escape(out, blk_text(doc, blk), blk->len);
            pbuf_puts(out, "</p>\n");
        }
        pbuf_puts(out, "</section>\n");
    }
    pbuf_puts(out, "</div>\n");
    overlay(doc, kinds, out);
    pbuf_puts(out, "</body>\n</html>\n");
}

/* ---- an HTML page: the page itself, made inert and annotated ----------------------- */

#define VOID_MARK (UINT32_MAX - 1) /* on the stack: a void element */

typedef struct view {
    const pith_doc *doc;
    unsigned kinds;
    pbuf *out;
    htmlParserCtxtPtr ctxt;
    plan plan;
    uint32_t next_node;  /* index of the next element started: doc->nodes[next_node] */
    int in_sync;         /* element order still matches doc->nodes */
    unsigned skip;       /* depth inside a removed element */
    int head_done, overlay_done;
    int raw;             /* inside style (CSS) */
    uint32_t *stack;     /* open elements (node index, or PITH_NONE when removed/unmatched) */
    size_t depth, cap;
    uint32_t cursor;     /* the first block whose text may still come */
    int oom;
} view;

static size_t src_pos(const view *v)
{
    const xmlParserInputPtr in = v->ctxt->input;
    if (!in || !in->cur || !in->base)
        return 0;
    return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

/* Elements removed with their content: they run code, fetch, or are pith's job. */
static int removed_element(const char *name)
{
    static const char *const NAMES[] = {"script", "noscript", "iframe", "frame", "frameset",
                                        "object", "embed", "applet", "template", "link",
                                        "meta", "base", "title", "portal", "param", "source",
                                        "track", "audio", "video"};
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(name, NAMES[i]) == 0)
            return 1;
    return 0;
}

static int void_element(const char *name)
{
    static const char *const NAMES[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                        "input", "link", "meta", "param", "source", "track",
                                        "wbr", "keygen", "basefont", "frame", "isindex"};
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(name, NAMES[i]) == 0)
            return 1;
    return 0;
}

/* Attributes that fetch, navigate or run code; event handlers (on...) too. */
static int removed_attr(const char *name, const char *value)
{
    static const char *const NAMES[] = {
        "src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "background",
        "lowsrc", "dynsrc", "ping", "codebase", "data", "manifest", "srcdoc", "longdesc",
        "integrity", "nonce", "http-equiv", "autofocus", "imagesrcset", "archive", "classid"};
    if ((name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N'))
        return 1;
    if (strncmp(name, "data-pith", 9) == 0)
        return 1; /* pith's own attributes are pith's to set */
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(name, NAMES[i]) == 0) {
            /* data: images and fragment links fetch nothing */
            if (value && (strcmp(name, "src") == 0 || strcmp(name, "srcset") == 0) &&
                starts_ci(value, strlen(value), "data:image/"))
                return 0;
            if (value && (strcmp(name, "href") == 0 || strcmp(name, "xlink:href") == 0) &&
                value[0] == '#')
                return 0;
            return 1;
        }
    return 0;
}

/* Element and attribute names are written back as they are, so only plain ones are:
 * libxml2 already restricts them, and this keeps a name from ever breaking the markup. */
static int plain_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '-' &&
            c != '_' && c != ':' && c != '.')
            return 0;
    }
    return 1;
}

static void push(view *v, uint32_t node)
{
    if (v->depth == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 64;
        uint32_t *s = realloc(v->stack, ncap * sizeof *s);
        if (!s) {
            v->oom = 1;
            xmlStopParser(v->ctxt);
            return;
        }
        v->stack = s;
        v->cap = ncap;
    }
    v->stack[v->depth++] = node;
}

static void emit_head(view *v)
{
    if (v->head_done)
        return;
    v->head_done = 1;
    preamble(v->doc, v->out);
}

static void emit_overlay(view *v)
{
    if (v->overlay_done)
        return;
    v->overlay_done = 1;
    overlay(v->doc, v->kinds, v->out);
}

static void put_attr(pbuf *out, const char *name, const char *value)
{
    pbuf_putc(out, ' ');
    pbuf_puts(out, name);
    pbuf_puts(out, "=\"");
    html_escape_str(out, value);
    pbuf_putc(out, '"');
}

/* The blocks a node owns, as "3 4 7". */
static void put_blocks(view *v, uint32_t node)
{
    const plan *p = &v->plan;
    uint32_t from = p->node_blocks[node], to = p->node_blocks[node + 1];
    if (from == to)
        return;
    pbuf_puts(v->out, " data-pith-b=\"");
    for (uint32_t k = from; k < to; k++)
        pbuf_printf(v->out, k == from ? "%u" : " %u", (unsigned)p->owned[k]);
    pbuf_putc(v->out, '"');
}

static void put_segment(view *v, uint32_t s, int label)
{
    const pith_seg *sg = &v->doc->segs[s];
    const char *kind = render_kind_name(sg->kind);
    pbuf_printf(v->out, " data-pith-kind=\"%s\" data-pith-seg=\"%u\"", kind, (unsigned)s);
    if (label) {
        pbuf_printf(v->out, " data-pith-label=\"%s", kind);
        if (sg->article)
            pbuf_printf(v->out, " %u", (unsigned)sg->article);
        pbuf_putc(v->out, '"');
    }
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    view *v = ctx;
    const char *name = (const char *)xname;
    uint32_t node = PITH_NONE;
    if (v->in_sync) {
        if (v->next_node < v->doc->n_nodes &&
            v->doc->nodes[v->next_node].tag == (uint16_t)tag_lookup(name))
            node = v->next_node++;
        else
            v->in_sync = 0; /* never annotate the wrong element */
    }
    if (v->skip || removed_element(name) || !plain_name(name)) {
        v->skip++;
        push(v, PITH_NONE);
        return;
    }
    int tag = tag_lookup(name);
    pbuf *out = v->out;
    if (tag == TAG_BODY)
        emit_head(v); /* a page without <head> still gets pith's */
    pbuf_putc(out, '<');
    pbuf_puts(out, name);
    int seg = node != PITH_NONE ? v->plan.node_seg[node] : -1;
    const char *klass = NULL;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *an = (const char *)atts[i];
        const char *av = atts[i + 1] ? (const char *)atts[i + 1] : "";
        if (strcmp(an, "class") == 0) {
            klass = av;
            continue;
        }
        if (!plain_name(an) || removed_attr(an, av))
            continue;
        if (strcmp(an, "style") == 0) {
            pbuf tmp;
            pbuf_init(&tmp);
            css_clean(&tmp, av, strlen(av));
            put_attr(out, an, pbuf_cstr(&tmp));
            if (tmp.oom)
                out->oom = 1;
            pbuf_free(&tmp);
            continue;
        }
        put_attr(out, an, av);
    }
    if (klass || seg >= 0 || tag == TAG_HTML) {
        pbuf_puts(out, " class=\"");
        if (klass)
            html_escape_str(out, klass);
        if (seg >= 0)
            pbuf_printf(out, "%spith-box pith-k-%s", klass ? " " : "",
                        render_kind_name(v->doc->segs[seg].kind));
        if (tag == TAG_HTML) {
            pbuf_puts(out, klass ? " pith-view" : "pith-view");
            hidden_classes(v->kinds, out);
        }
        pbuf_putc(out, '"');
    }
    if (seg >= 0)
        put_segment(v, (uint32_t)seg, v->plan.node_label[node]);
    if (node != PITH_NONE)
        put_blocks(v, node);
    pbuf_putc(out, '>');
    if (tag == TAG_HEAD)
        emit_head(v);
    if (tag == TAG_STYLE)
        v->raw = 1;
    push(v, void_element(name) ? VOID_MARK : node);
}

static void on_end(void *ctx, const xmlChar *xname)
{
    view *v = ctx;
    const char *name = (const char *)xname;
    if (!v->depth)
        return;
    uint32_t top = v->stack[--v->depth];
    if (v->skip) {
        v->skip--;
        return;
    }
    if (top == VOID_MARK)
        return; /* libxml2 ends void elements too; they have no end tag */
    if (strcmp(name, "style") == 0)
        v->raw = 0;
    if (strcmp(name, "head") == 0)
        emit_head(v);
    if (strcmp(name, "body") == 0)
        emit_overlay(v);
    pbuf_puts(v->out, "</");
    pbuf_puts(v->out, name);
    pbuf_putc(v->out, '>');
}

/* The block a run of text at [start, end) of the input belongs to, or PITH_NONE. */
static uint32_t block_at(view *v, size_t start, size_t end)
{
    const pith_doc *doc = v->doc;
    while (v->cursor < doc->n_blocks && doc->blocks[v->cursor].end < start)
        v->cursor++;
    if (v->cursor < doc->n_blocks && doc->blocks[v->cursor].start <= end)
        return v->cursor;
    return PITH_NONE;
}

static int text_context(const view *v)
{
    /* where a <span> may not go: inside textarea, select, option, table structure */
    for (size_t i = v->depth; i-- > 0;) {
        uint32_t n = v->stack[i];
        if (n >= v->doc->n_nodes)
            continue;
        int tag = v->doc->nodes[n].tag;
        if (tag == TAG_TEXTAREA || tag == TAG_SELECT || tag == TAG_OPTION)
            return 0;
        if (tag == TAG_TABLE || tag == TAG_TBODY || tag == TAG_THEAD || tag == TAG_TFOOT ||
            tag == TAG_TR)
            return 0;
        return 1;
    }
    return 1;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    view *v = ctx;
    if (v->skip || len <= 0)
        return;
    if (v->raw) {
        css_clean(v->out, (const char *)s, (size_t)len);
        return;
    }
    size_t end = src_pos(v), start = end >= (size_t)len ? end - (size_t)len : 0;
    uint32_t b = v->in_sync ? block_at(v, start, end) : PITH_NONE;
    uint32_t seg = b != PITH_NONE ? v->plan.seg_of[b] : PITH_NONE;
    int wrap = b != PITH_NONE && !v->plan.covered[b] && seg != PITH_NONE && text_context(v);
    int blank = 1;
    for (int i = 0; i < len && blank; i++)
        blank = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
    if (wrap && !blank) {
        const char *kind = render_kind_name(v->doc->segs[seg].kind);
        pbuf_printf(v->out, "<span class=\"pith-box pith-k-%s\" data-pith-b=\"%u\"", kind,
                    (unsigned)b);
        put_segment(v, seg, !v->plan.seg_labelled[seg]);
        v->plan.seg_labelled[seg] = 1;
        pbuf_putc(v->out, '>');
        html_escape(v->out, (const char *)s, (size_t)len);
        pbuf_puts(v->out, "</span>");
        return;
    }
    html_escape(v->out, (const char *)s, (size_t)len);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
    view *v = ctx;
    if (!v->skip && v->raw)
        css_clean(v->out, (const char *)s, (size_t)len);
}

static void render_page(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    view v;
    memset(&v, 0, sizeof v);
    v.doc = doc;
    v.kinds = kinds;
    v.out = out;
    v.in_sync = 1;
    if (doc->input.len > INT_MAX || plan_build(doc, &v.plan)) {
        plan_free(&v.plan);
        out->oom = 1;
        return;
    }
    pbuf_puts(out, "<!DOCTYPE html>\n");
    static const html_sax handlers = {on_start, on_end, on_text, on_cdata};
    v.ctxt = html_parser_new(doc->input.data ? doc->input.data : "", (int)doc->input.len,
                             &handlers, &v);
    if (v.ctxt) {
        htmlParseDocument(v.ctxt);
        htmlFreeParserCtxt(v.ctxt);
    }
    /* a page cut short: what has not been written yet (the browser closes the rest) */
    emit_head(&v);
    emit_overlay(&v);
    if (v.oom)
        out->oom = 1;
    free(v.stack);
    plan_free(&v.plan);
}

void render_html(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    _Static_assert(sizeof KIND_COLOURS / sizeof KIND_COLOURS[0] == PITH_KIND_COUNT,
                   "a colour for every kind");
    if (doc->input_kind == PITH_INPUT_HTML && doc->n_nodes)
        render_page(doc, kinds, out);
    else
        render_dump(doc, kinds, out);
}
