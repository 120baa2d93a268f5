/* PITH_FORMAT_JSON: one line, members in a fixed order so records diff and grep well:
 * source and id (batches only), the metadata, page_type, input, charset (and
 * charset_confidence when the charset was guessed), text, comments, segments. */
#include <string.h>

#include "render.h"

static void member(pbuf *out, const char *name)
{
    pbuf_putc(out, '"');
    pbuf_puts(out, name);
    pbuf_append(out, "\":", 2);
}

static void string_or_null(pbuf *out, const char *s)
{
    if (s)
        render_json_string(out, s, strlen(s));
    else
        pbuf_append(out, "null", 4);
}

static void segments(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    const char *base = doc->segtext.data ? doc->segtext.data : "";
    int any = 0;
    pbuf_putc(out, '[');
    for (uint32_t i = 0; i < doc->n_segs; i++) {
        const pith_seg *s = &doc->segs[i];
        if (kinds && !(kinds & PITH_KIND_BIT(s->kind)))
            continue;
        if (any++)
            pbuf_putc(out, ',');
        pbuf_append(out, "{\"kind\":", 8);
        const char *kind = render_kind_name(s->kind);
        render_json_string(out, kind, strlen(kind));
        pbuf_append(out, ",\"text\":", 8);
        render_json_string(out, doc->segtext.data ? base + s->text : "", doc->segtext.data ? s->len : 0);
        pbuf_printf(out, ",\"start\":%u,\"end\":%u,\"article\":%u}", (unsigned)s->start,
                    (unsigned)s->end, (unsigned)s->article);
    }
    pbuf_putc(out, ']');
}

void render_json(const pith_doc *doc, const char *source, const char *id, unsigned kinds,
                 pbuf *out)
{
    pbuf_putc(out, '{');
    if (source) {
        member(out, "source");
        render_json_string(out, source, strlen(source));
        pbuf_putc(out, ',');
    }
    if (id) {
        member(out, "id");
        pbuf_puts(out, id);
        pbuf_putc(out, ',');
    }
    for (int f = 0; f < PITH_META_COUNT; f++) {
        member(out, render_meta_name((unsigned)f));
        string_or_null(out, doc->meta[f]);
        pbuf_putc(out, ',');
    }
    member(out, "page_type");
    pbuf_printf(out, "\"%s\",", pith_page_type_name(doc->page_type));
    member(out, "input");
    pbuf_puts(out, doc->input_kind == PITH_INPUT_HTML ? "\"html\"," : "\"text\",");
    member(out, "charset");
    render_json_string(out, doc->charset, strnlen(doc->charset, sizeof doc->charset));
    pbuf_putc(out, ',');
    if (doc->charset_guessed) { /* only a guessed charset has a confidence */
        /* two decimals by hand, cut rather than rounded so that a guess never reads as 1:
         * printf's %f would follow the caller's locale (0,85) */
        unsigned pc = (unsigned)(doc->charset_confidence * 100.0);
        member(out, "charset_confidence");
        pbuf_printf(out, "0.%02u,", pc > 99 ? 99 : pc);
    }
    member(out, "text");
    render_json_string(out, doc->body_text ? doc->body_text : "", doc->body_text ? doc->body_len : 0);
    pbuf_putc(out, ',');
    member(out, "comments");
    render_json_string(out, doc->comments_text ? doc->comments_text : "",
                doc->comments_text ? doc->comments_len : 0);
    pbuf_putc(out, ',');
    member(out, "segments");
    segments(doc, kinds, out);
    pbuf_putc(out, '}');
}
