/* Repeated templates, found in one pass over the element table: every element with
 * text is keyed by (parent, tag, template token), and the keys that recur are the
 * groups. Elements come in document order, so groups come out in the order of their
 * first member. */
#include "repeats.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot_group {
    repeat_group g;
    uint16_t tag;
    const char *token; /* first class/id token, not NUL-terminated */
    uint32_t token_len;
} slot_group;

const char *repeats_template_token(const pith_doc *doc, const pith_node *nd, uint32_t *len)
{
    const char *s = doc_str(doc, nd->attrs);
    uint32_t n = (uint32_t)strcspn(s, " ");
    uint32_t k = n;
    while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
        k--;
    *len = k > 0 ? k : n;
    return s;
}

static uint32_t key_hash(uint32_t parent, uint16_t tag, const char *t, uint32_t n)
{
    uint32_t h = 2166136261u ^ parent;
    h = (h ^ tag) * 16777619u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

static int same_key(const slot_group *s, uint32_t parent, uint16_t tag, const char *t,
                    uint32_t n)
{
    return s->g.parent == parent && s->tag == tag && s->token_len == n &&
           memcmp(s->token, t, n) == 0;
}

#define ITEM_MIN_AVG_CHARS 12
#define MENU_ENTRY_MAX_CHARS 30
#define ITEM_LINK_BASE 0.3  /* weight of a group without links */
#define ITEM_PARTS_FULL 3.0 /* blocks per member at which a group counts fully */

int repeats_item_shaped(const repeat_group *g)
{
    double avg = (double)g->chars / g->members;
    if (avg < ITEM_MIN_AVG_CHARS)
        return 0;
    return !(g->blocks <= g->members && avg <= MENU_ENTRY_MAX_CHARS);
}

double repeats_item_score(const repeat_group *g)
{
    double links = (double)g->link_chars / (double)(g->chars ? g->chars : 1);
    double parts = (double)g->blocks / g->members / ITEM_PARTS_FULL;
    return (double)g->chars * (ITEM_LINK_BASE + links) * (parts < 1 ? parts : 1);
}

int repeats_is_member(const pith_doc *doc, const repeat_group *g, uint32_t i)
{
    if (i >= doc->n_nodes || doc->nodes[i].parent != g->parent)
        return 0;
    const pith_node *a = &doc->nodes[g->first], *b = &doc->nodes[i];
    uint32_t la, lb;
    const char *ta = repeats_template_token(doc, a, &la), *tb = repeats_template_token(doc, b, &lb);
    return a->tag == b->tag && la == lb && memcmp(ta, tb, la) == 0;
}

int repeats_find(const pith_doc *doc, const uint8_t *prose, repeat_group **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    uint32_t nb = doc->n_blocks;
    /* prefix sums over blocks, so each element's counts cost O(1) */
    uint64_t *chars = malloc(((size_t)nb + 1) * sizeof *chars);
    uint64_t *links = malloc(((size_t)nb + 1) * sizeof *links);
    uint32_t *prose_n = malloc(((size_t)nb + 1) * sizeof *prose_n);
    size_t cap = 64;
    while (cap < 2 * (size_t)doc->n_nodes)
        cap *= 2;
    uint32_t *table = calloc(cap, sizeof *table); /* group index + 1, 0 empty */
    slot_group *groups = NULL;
    size_t ng = 0, gcap = 0;
    int rc = -1;
    if (!chars || !links || !prose_n || !table)
        goto done;
    chars[0] = links[0] = 0;
    prose_n[0] = 0;
    for (uint32_t i = 0; i < nb; i++) {
        chars[i + 1] = chars[i] + doc->blocks[i].chars;
        links[i + 1] = links[i] + doc->blocks[i].link_chars;
        prose_n[i + 1] = prose_n[i] + (prose && prose[i]);
    }
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        if (nd->parent == PITH_NONE || chars[nd->end_block] == chars[nd->first_block])
            continue;
        uint32_t tl;
        const char *t = repeats_template_token(doc, nd, &tl);
        size_t j = key_hash(nd->parent, nd->tag, t, tl) & (cap - 1);
        while (table[j] && !same_key(&groups[table[j] - 1], nd->parent, nd->tag, t, tl))
            j = (j + 1) & (cap - 1);
        if (!table[j]) {
            if (ng == gcap) {
                size_t nc = gcap ? gcap * 2 : 256;
                slot_group *g = realloc(groups, nc * sizeof *g);
                if (!g)
                    goto done;
                groups = g;
                gcap = nc;
            }
            slot_group *s = &groups[ng];
            memset(s, 0, sizeof *s);
            s->g.parent = nd->parent;
            s->g.first = i;
            s->tag = nd->tag;
            s->token = t;
            s->token_len = tl;
            table[j] = (uint32_t)++ng;
        }
        repeat_group *g = &groups[table[j] - 1].g;
        g->last = i;
        g->members++;
        g->blocks += nd->end_block - nd->first_block;
        g->chars += chars[nd->end_block] - chars[nd->first_block];
        g->link_chars += links[nd->end_block] - links[nd->first_block];
        g->prose_members += prose_n[nd->end_block] > prose_n[nd->first_block];
    }
    size_t kept = 0;
    repeat_group *res = malloc((ng ? ng : 1) * sizeof *res);
    if (!res)
        goto done;
    for (size_t k = 0; k < ng; k++)
        if (groups[k].g.members >= REPEAT_MIN_MEMBERS)
            res[kept++] = groups[k].g;
    *out = res;
    *n = kept;
    rc = 0;
done:
    free(chars);
    free(links);
    free(prose_n);
    free(table);
    free(groups);
    return rc;
}
