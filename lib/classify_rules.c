/* Stage 3 applied: runs the rule tables over the page's elements (attr rules, memoised
 * per distinct class/id string, since pages repeat the same classes hundreds of times)
 * and over its blocks (text, line and section rules). Deciding what the votes mean is
 * left to the classifiers. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "extractor.h"
#include "rules.h"
#include "status.h"

/* Text rules look at short blocks only: boilerplate phrases are short, and long prose
 * is where a regex would spend its time for nothing. */
#define TEXT_RULE_MAX_BYTES 600
#define SECTION_RULE_MAX_BYTES 120

typedef struct attr_acc {
    const pith_ruleset *rs;
    pith_attr_votes v;
    int hit;
} attr_acc;

static void on_attr_rule(uint32_t r, void *ctx)
{
    attr_acc *a = ctx;
    const pith_rule *rule = rules_get(a->rs, r);
    float prev = a->v.w[rule->kind];
    a->v.w[rule->kind] += rule->weight;
    if (!a->hit || a->v.rule[rule->kind] == PITH_VOTE_NOTE || rule->weight > prev)
        a->v.rule[rule->kind] = (uint16_t)r;
    a->hit = 1;
}

typedef struct block_acc {
    pith_doc *doc;
    uint32_t block;
    int source;
    int section;       /* collecting section rules */
    float best;        /* heaviest section weight so far */
} block_acc;

static void on_block_rule(uint32_t r, void *ctx)
{
    block_acc *a = ctx;
    const pith_rule *rule = rules_get(a->doc->ex->rules, r);
    doc_vote(a->doc, a->block, (uint16_t)r, (pith_kind)rule->kind, a->source, rule->weight);
    if (a->section && rule->weight > a->best) {
        a->best = rule->weight;
        a->doc->blocks[a->block].section = (uint8_t)(rule->kind + 1);
    }
}

/* Memo from attribute-string offset to attr_votes index (PITH_NONE: no rule matched). */
typedef struct memo {
    uint32_t *keys, *vals;
    uint32_t cap, n;
} memo;

static int memo_find(const memo *m, uint32_t key, uint32_t *val)
{
    uint32_t i = (key * 2654435761u) & (m->cap - 1);
    for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->keys[i] == key) {
            *val = m->vals[i];
            return 1;
        }
    return 0;
}

static int memo_put(memo *m, uint32_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        uint32_t ncap = m->cap ? m->cap * 2 : 256;
        uint32_t *k = calloc(ncap, sizeof *k), *v = calloc(ncap, sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return -1;
        }
        for (uint32_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            uint32_t j = (m->keys[i] * 2654435761u) & (ncap - 1);
            while (k[j])
                j = (j + 1) & (ncap - 1);
            k[j] = m->keys[i];
            v[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = k;
        m->vals = v;
        m->cap = ncap;
    }
    uint32_t i = (key * 2654435761u) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

static pith_status apply_attr_rules(pith_doc *doc, rules_matcher *m)
{
    memo mm = {0};
    pith_status st = PITH_OK;
    for (uint32_t i = 0; i < doc->n_nodes && st == PITH_OK; i++) {
        pith_node *nd = &doc->nodes[i];
        if (!nd->attrs)
            continue;
        uint32_t idx;
        if (mm.cap && memo_find(&mm, nd->attrs, &idx)) {
            nd->votes = idx;
            continue;
        }
        const char *s = doc_str(doc, nd->attrs);
        attr_acc acc;
        memset(&acc, 0, sizeof acc);
        acc.rs = doc->ex->rules;
        rules_match(m, RT_ATTR, s, strlen(s), on_attr_rule, &acc);
        idx = PITH_NONE;
        if (acc.hit) {
            if (doc_grow((void **)&doc->attr_votes, &doc->cap_attr_votes, doc->n_attr_votes,
                         sizeof *doc->attr_votes)) {
                st = PITH_ERR_NOMEM;
                break;
            }
            idx = doc->n_attr_votes++;
            doc->attr_votes[idx] = acc.v;
        }
        nd->votes = idx;
        if (memo_put(&mm, nd->attrs, idx))
            st = PITH_ERR_NOMEM;
    }
    free(mm.keys);
    free(mm.vals);
    return st;
}

pith_status classify_apply_rules(pith_doc *doc, struct rules_matcher *m, pith_error *err)
{
    if (apply_attr_rules(doc, m))
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory applying rules");
    int text_dump = doc->input_kind == PITH_INPUT_TEXT;
    uint32_t limited = 0;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->len == 0 || b->len > TEXT_RULE_MAX_BYTES)
            continue;
        const char *s = blk_text(doc, b);
        block_acc acc = {doc, i, VOTE_TEXT, 0, 0};
        limited += rules_match(m, RT_TEXT, s, b->len, on_block_rule, &acc) < 0;
        if (text_dump)
            limited += rules_match(m, RT_LINE, s, b->len, on_block_rule, &acc) < 0;
        if (b->len <= SECTION_RULE_MAX_BYTES) {
            acc.section = 1;
            limited += rules_match(m, RT_SECTION, s, b->len, on_block_rule, &acc) < 0;
        }
    }
    if (limited && doc->n_blocks)
        doc_note(doc, 0, "%u rule matches stopped at the regex match limit", limited);
    return doc_oom(doc) ? pith_fail(err, PITH_ERR_NOMEM, "out of memory applying rules") : PITH_OK;
}
