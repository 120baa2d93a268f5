/* PITH_FORMAT_TEXT: the title, then the main article's body blocks, a paragraph each;
 * or, for a chosen set of kinds, the blocks of those kinds in page order. */
#include "render.h"

void render_text(const pith_doc *doc, unsigned kinds, pbuf *out)
{
    const char *title = doc->meta[PITH_META_TITLE];
    int any = 0;
    if (!kinds && title && *title) {
        pbuf_puts(out, title);
        any = 1;
    }
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->len == 0)
            continue;
        if (kinds ? !(kinds & PITH_KIND_BIT(b->kind))
                  : b->kind != PITH_KIND_BODY || b->article != 0)
            continue;
        if (any)
            pbuf_append(out, "\n\n", 2);
        pbuf_append(out, blk_text(doc, b), b->len);
        any = 1;
    }
    if (any)
        pbuf_putc(out, '\n');
}
