/* PITH_FORMAT_EXPLAIN: every block with its kind and the evidence behind it, for people
 * writing rules. The evidence lines are render.c's, the same pith_doc_block_evidence
 * returns; without PITH_OPT_EVIDENCE they are computed here (features only, since the
 * votes were not kept). */
#include <string.h>

#include "page_type.h"
#include "render.h"
#include "utf8.h"

#define EXCERPT_CHARS 80

/* The first EXCERPT_CHARS characters of s on one line, "..." when cut. */
static void excerpt(pbuf *out, const char *s, size_t n)
{
    size_t i = 0, span = 0, chars = 0;
    while (i < n && chars < EXCERPT_CHARS) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            pbuf_append(out, s + span, i - span);
            pbuf_putc(out, ' ');
            span = ++i;
        } else {
            uint32_t cp;
            i += c < 0x80 ? 1 : utf8_decode((const unsigned char *)s + i, n - i, &cp);
        }
        chars++;
    }
    pbuf_append(out, s + span, i - span);
    if (i < n)
        pbuf_append(out, "...", 3);
}

/* Re-indents stored evidence lines. */
static void indent_lines(pbuf *out, const char *s, const char *indent)
{
    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        pbuf_puts(out, indent);
        pbuf_append(out, s, len);
        pbuf_putc(out, '\n');
        s += len + (eol != NULL);
    }
}

static void header(const pith_doc *doc, pbuf *out)
{
    pbuf_printf(out, "pith explain: %u blocks, %u segments, input %s, charset %s\n",
                (unsigned)doc->n_blocks, (unsigned)doc->n_segs,
                doc->input_kind == PITH_INPUT_HTML ? "html" : "text", doc->charset);
    pbuf_printf(out, "page type: %s", pith_page_type_name(doc->page_type));
    for (int t = 1; t < PITH_PAGE_COUNT; t++)
        if (doc->page_prob[t] >= 0.005f)
            pbuf_printf(out, " %s=%.2f", pith_page_type_name((pith_page_type)t), doc->page_prob[t]);
    pbuf_puts(out, "\npage features:");
    double fv[PAGE_FEATURES_MAX];
    const char *const *names;
    size_t nf = page_type_features(doc, fv, &names);
    for (size_t k = 1; k < nf; k++)
        if (fv[k] != 0)
            pbuf_printf(out, " %s=%.4g", names[k], fv[k]);
    pbuf_putc(out, '\n');
    for (int f = 0; f < PITH_META_COUNT; f++)
        if (doc->meta[f]) {
            pbuf_printf(out, "%s: ", render_meta_name((unsigned)f));
            excerpt(out, doc->meta[f], strlen(doc->meta[f]));
            pbuf_putc(out, '\n');
        }
}

void render_explain(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    static const char INDENT[] = "    ";
    render_votes ix = {NULL, NULL};
    if (!doc->evidence && render_votes_build(doc, &ix)) {
        out->oom = 1;
        return;
    }
    header(doc, out);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (kinds && !(kinds & PITH_KIND_BIT(b->kind)))
            continue;
        pbuf_printf(out, "\n[%u] %s ", (unsigned)i, render_kind_name(b->kind));
        render_block_path(doc, b, out);
        pbuf_printf(out, "\n%stext: ", INDENT);
        excerpt(out, blk_text(doc, b), b->len);
        pbuf_putc(out, '\n');
        if (doc->evidence && doc->evidence[i])
            indent_lines(out, doc->evidence[i], INDENT);
        else
            render_block_evidence(doc, &ix, i, INDENT, out);
    }
    render_votes_free(&ix);
}
