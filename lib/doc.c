#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"

int doc_grow_mem(pmem *mem, void **arr, uint32_t *cap, uint32_t n, size_t size)
{
    if (n < *cap)
        return 0;
    if (*cap > UINT32_MAX / 4)
        return -1;
    uint32_t ncap = *cap ? *cap * 2 : 64;
    size_t extra = (size_t)(ncap - *cap) * size;
    if (pmem_charge(mem, extra))
        return -1;
    void *p = realloc(*arr, (size_t)ncap * size);
    if (!p) {
        pmem_release(mem, extra);
        return -1;
    }
    *arr = p;
    *cap = ncap;
    return 0;
}

int doc_grow(void **arr, uint32_t *cap, uint32_t n, size_t size)
{
    return doc_grow_mem(NULL, arr, cap, n, size);
}

int doc_reserve(pith_doc *doc, size_t bytes) { return pmem_charge(&doc->mem, bytes); }

void doc_unreserve(pith_doc *doc, size_t bytes) { pmem_release(&doc->mem, bytes); }

uint32_t doc_intern(pith_doc *doc, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (doc->strings.len == 0)
        pbuf_putc(&doc->strings, '\0'); /* offset 0 is "" */
    size_t off = doc->strings.len;
    pbuf_append(&doc->strings, s, n);
    pbuf_putc(&doc->strings, '\0');
    if (doc->strings.oom || off > UINT32_MAX)
        return 0;
    return (uint32_t)off;
}

static uint32_t add_block_at(pith_doc *doc, size_t off, size_t n)
{
    if (doc->text.oom || off > UINT32_MAX || n > UINT32_MAX ||
        doc_grow_mem(&doc->mem, (void **)&doc->blocks, &doc->cap_blocks, doc->n_blocks,
                     sizeof *doc->blocks))
        return PITH_NONE;
    pith_blk *b = &doc->blocks[doc->n_blocks];
    memset(b, 0, sizeof *b);
    b->text = (uint32_t)off;
    b->len = (uint32_t)n;
    b->node = PITH_NONE;
    b->kind = PITH_KIND_NAVIGATION;
    return doc->n_blocks++;
}

uint32_t doc_add_block(pith_doc *doc, const char *s, size_t n)
{
    size_t off = doc->text.len;
    pbuf_append(&doc->text, s, n);
    pbuf_putc(&doc->text, '\0');
    return add_block_at(doc, off, n);
}

uint32_t doc_add_block_written(pith_doc *doc, size_t n)
{
    size_t off = doc->text.len;
    if (doc->text.oom || pbuf_reserve(&doc->text, n + 1))
        return PITH_NONE;
    doc->text.len += n;
    pbuf_putc(&doc->text, '\0');
    return add_block_at(doc, off, n);
}

uint32_t doc_add_node(pith_doc *doc)
{
    if (doc_grow_mem(&doc->mem, (void **)&doc->nodes, &doc->cap_nodes, doc->n_nodes,
                     sizeof *doc->nodes))
        return PITH_NONE;
    pith_node *nd = &doc->nodes[doc->n_nodes];
    memset(nd, 0, sizeof *nd);
    nd->parent = PITH_NONE;
    nd->votes = PITH_NONE;
    return doc->n_nodes++;
}

/* A new, zeroed evidence record for `block`, or NULL on allocation failure. */
static pith_vote *new_vote(pith_doc *doc, uint32_t block)
{
    if (doc_grow_mem(&doc->mem, (void **)&doc->votes, &doc->cap_votes, doc->n_votes,
                     sizeof *doc->votes))
        return NULL;
    pith_vote *v = &doc->votes[doc->n_votes++];
    memset(v, 0, sizeof *v);
    v->block = block;
    return v;
}

void doc_vote(pith_doc *doc, uint32_t block, uint16_t rule, pith_kind kind, int source,
              float weight)
{
    if (block >= doc->n_blocks || (unsigned)kind >= PITH_KIND_COUNT)
        return;
    doc->blocks[block].votes[kind] += weight;
    if (!(doc->ex->opts.flags & PITH_OPT_EVIDENCE))
        return;
    pith_vote *v = new_vote(doc, block);
    if (!v)
        return;
    v->rule = rule;
    v->kind = (uint8_t)kind;
    v->source = (uint8_t)source;
    v->weight = weight;
}

void doc_note(pith_doc *doc, uint32_t block, const char *fmt, ...)
{
    if (!(doc->ex->opts.flags & PITH_OPT_EVIDENCE) || block >= doc->n_blocks)
        return;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof msg)
        n = sizeof msg - 1;
    uint32_t off = doc_intern(doc, msg, (size_t)n);
    pith_vote *v = new_vote(doc, block);
    if (!v)
        return;
    v->rule = PITH_VOTE_NOTE;
    v->source = VOTE_NOTE;
    v->note = off;
}

int doc_add_metatag(pith_doc *doc, const char *key, size_t klen, const char *val, size_t vlen)
{
    if (doc_grow_mem(&doc->mem, (void **)&doc->metatags, &doc->cap_metatags, doc->n_metatags,
                     sizeof *doc->metatags))
        return -1;
    pith_metatag *m = &doc->metatags[doc->n_metatags];
    m->key = doc_intern(doc, key, klen);
    m->value = doc_intern(doc, val, vlen);
    if (!m->key)
        return -1;
    doc->n_metatags++;
    return 0;
}

const char *doc_metatag(const pith_doc *doc, const char *key)
{
    for (uint32_t i = 0; i < doc->n_metatags; i++)
        if (strcmp(doc_str(doc, doc->metatags[i].key), key) == 0 && doc->metatags[i].value)
            return doc_str(doc, doc->metatags[i].value);
    return NULL;
}

int doc_oom(const pith_doc *doc)
{
    return doc->input.oom || doc->text.oom || doc->strings.oom || doc->segtext.oom ||
           doc->jsonld.oom;
}
