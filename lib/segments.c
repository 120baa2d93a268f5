/* Runs of same-kind blocks become segments; the body and comments texts are the
 * blocks of those kinds, a paragraph each. */
#include "segments.h"

#include "jsonld.h"
#include "meta_clean.h"

#define PRODUCT_DESCRIPTION_CAP 20000

#include <stdlib.h>
#include <string.h>

static int add_seg(pith_doc *doc, pith_seg **cur)
{
    if (doc->n_segs == doc->cap_segs) {
        uint32_t cap = doc->cap_segs ? doc->cap_segs * 2 : 32;
        pith_seg *p = realloc(doc->segs, cap * sizeof *p);
        if (!p)
            return -1;
        doc->segs = p;
        doc->cap_segs = cap;
    }
    *cur = &doc->segs[doc->n_segs++];
    memset(*cur, 0, sizeof **cur);
    return 0;
}

/* Joins the text of the blocks of `kind` (main article only), a blank line between. */
static char *join_kind(const pith_doc *doc, pith_kind kind, size_t *len)
{
    pbuf b;
    pbuf_init(&b);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *bl = &doc->blocks[i];
        if (bl->kind != kind || bl->article != 0 || bl->len == 0)
            continue;
        if (b.len)
            pbuf_append(&b, "\n\n", 2);
        pbuf_append(&b, blk_text(doc, bl), bl->len);
    }
    return pbuf_detach(&b, len);
}

pith_status segments_build(pith_doc *doc)
{
    pith_seg *cur = NULL;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (!cur || cur->kind != b->kind || cur->article != b->article) {
            if (cur)
                pbuf_putc(&doc->segtext, '\0'); /* segment texts are C strings */
            if (add_seg(doc, &cur))
                return PITH_ERR_NOMEM;
            cur->kind = b->kind;
            cur->article = b->article;
            cur->first_block = i;
            cur->start = b->start;
            cur->end = b->end;
            cur->text = (uint32_t)doc->segtext.len;
        } else {
            pbuf_putc(&doc->segtext, '\n');
        }
        pbuf_append(&doc->segtext, blk_text(doc, b), b->len);
        cur->n_blocks++;
        if (b->start < cur->start)
            cur->start = b->start;
        if (b->end > cur->end)
            cur->end = b->end;
        cur->len = (uint32_t)(doc->segtext.len - cur->text);
    }
    if (doc->segtext.oom)
        return PITH_ERR_NOMEM;
    doc->body_text = join_kind(doc, PITH_KIND_BODY, &doc->body_len);
    doc->comments_text = join_kind(doc, PITH_KIND_COMMENTS, &doc->comments_len);
    if (!doc->body_text || !doc->comments_text)
        return PITH_ERR_NOMEM;
    return PITH_OK;
}

pith_status segments_product_description(pith_doc *doc)
{
    if (doc->body_len || doc->page_type != PITH_PAGE_PRODUCT)
        return PITH_OK;
    const char *d = jsonld_string(json_object_get(jsonld_typed(doc->ld, LDT_PRODUCT), "description"));
    if (!d)
        return PITH_OK;
    meta_ctx c = {doc, NULL, 0, 0};
    char *t = meta_clean(&c, d, PRODUCT_DESCRIPTION_CAP); /* entities, tags, white space */
    if (c.oom)
        return PITH_ERR_NOMEM;
    if (!t)
        return PITH_OK;
    free(doc->body_text);
    doc->body_text = t;
    doc->body_len = strlen(t);
    return PITH_OK;
}
