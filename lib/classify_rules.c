/* Stage 5, applied: runs the rule tables over the page's elements (attr rules, memoised
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
 * is where a regex would spend its time for nothing. HTML blocks are cut by markup, so a
 * boilerplate block is shorter there than a dump's line, which may run on; measured on
 * the dev corpora, 300 bytes loses nothing on HTML and halves the rules' cost. */
#define TEXT_RULE_MAX_BYTES 600
#define HTML_TEXT_RULE_MAX_BYTES 300
#define SECTION_RULE_MAX_BYTES 120

typedef struct attr_acc {
    const pith_ruleset *rs;
    pith_attr_votes v;
    int hit;                          /* any rule matched */
    uint8_t seg_hit[PITH_KIND_COUNT]; /* a rule of that kind matched */
} attr_acc;

static void on_attr_rule(uint32_t r, void *ctx)
{
    attr_acc *a = ctx;
    const pith_rule *rule = rules_get(a->rs, r);
    if (rule_is_page(rule->kind)) {
        a->v.page[rule->kind - RULE_PAGE] += rule->weight;
        a->hit = 1;
        return;
    }
    float prev = a->v.w[rule->kind];
    a->v.w[rule->kind] += rule->weight;
    if (!a->seg_hit[rule->kind] || rule->weight > prev)
        a->v.rule[rule->kind] = (uint16_t)r;
    a->seg_hit[rule->kind] = 1;
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
    if (rule_is_page(rule->kind)) {
        a->doc->page_sig[PAGE_SIG_TEXT][rule->kind - RULE_PAGE] += rule->weight;
        return;
    }
    doc_vote(a->doc, a->block, (uint16_t)r, (pith_kind)rule->kind, a->source, rule->weight);
    if (a->section && rule->weight > a->best) {
        a->best = rule->weight;
        a->doc->blocks[a->block].section = (uint8_t)(rule->kind + 1);
    }
}

/* The verdicts of distinct tokens, memoised for the page: "menu-item" appears on
 * hundreds of elements but is matched once. Keys are (pointer, length) views into
 * doc->strings, which does not move while rules are applied. */
typedef struct token_memo {
    const char **keys;
    uint32_t *lens;
    uint32_t *vals;  /* attr_votes index, PITH_NONE when no rule matched */
    uint32_t cap, n;
} token_memo;

static uint32_t token_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int memo_grow(token_memo *m)
{
    uint32_t ncap = m->cap ? m->cap * 2 : 512;
    const char **k = calloc(ncap, sizeof *k);
    uint32_t *l = calloc(ncap, sizeof *l), *v = calloc(ncap, sizeof *v);
    if (!k || !l || !v) {
        free(k);
        free(l);
        free(v);
        return -1;
    }
    for (uint32_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        uint32_t j = token_hash(m->keys[i], m->lens[i]) & (ncap - 1);
        while (k[j])
            j = (j + 1) & (ncap - 1);
        k[j] = m->keys[i];
        l[j] = m->lens[i];
        v[j] = m->vals[i];
    }
    free(m->keys);
    free(m->lens);
    free(m->vals);
    m->keys = k;
    m->lens = l;
    m->vals = v;
    m->cap = ncap;
    return 0;
}

/* The attr_votes index for one token, matching the rules the first time it is seen. */
static int token_votes(pith_doc *doc, rules_matcher *m, token_memo *mm, const char *t,
                       size_t n, uint32_t *out)
{
    if ((mm->n + 1) * 2 > mm->cap && memo_grow(mm))
        return -1;
    uint32_t j = token_hash(t, n) & (mm->cap - 1);
    for (; mm->keys[j]; j = (j + 1) & (mm->cap - 1))
        if (mm->lens[j] == n && memcmp(mm->keys[j], t, n) == 0) {
            *out = mm->vals[j];
            return 0;
        }
    attr_acc acc;
    memset(&acc, 0, sizeof acc);
    acc.rs = doc->ex->rules;
    rules_match(m, RT_ATTR, t, n, on_attr_rule, &acc);
    uint32_t idx = PITH_NONE;
    if (acc.hit) {
        if (doc_grow((void **)&doc->attr_votes, &doc->cap_attr_votes, doc->n_attr_votes,
                     sizeof *doc->attr_votes))
            return -1;
        idx = doc->n_attr_votes++;
        doc->attr_votes[idx] = acc.v;
    }
    mm->keys[j] = t;
    mm->lens[j] = (uint32_t)n;
    mm->vals[j] = idx;
    mm->n++;
    *out = idx;
    return 0;
}

/* An element's verdict is the sum of its tokens' verdicts. Identical token strings
 * share one offset (html_blocks interns them), so the previous element's result is
 * reused when the string repeats. */
static pith_status apply_attr_rules(pith_doc *doc, rules_matcher *m)
{
    token_memo mm = {0};
    pith_status st = PITH_OK;
    uint32_t last_attrs = 0, last_votes = PITH_NONE;
    for (uint32_t i = 0; i < doc->n_nodes && st == PITH_OK; i++) {
        pith_node *nd = &doc->nodes[i];
        if (!nd->attrs)
            continue;
        if (nd->attrs == last_attrs) {
            nd->votes = last_votes;
            continue;
        }
        const char *s = doc_str(doc, nd->attrs);
        pith_attr_votes sum;
        memset(&sum, 0, sizeof sum);
        int hits = 0;
        uint32_t single = PITH_NONE;
        while (*s && st == PITH_OK) {
            size_t n = strcspn(s, " ");
            uint32_t v;
            if (n && token_votes(doc, m, &mm, s, n, &v))
                st = PITH_ERR_NOMEM;
            else if (n && v != PITH_NONE) {
                const pith_attr_votes *tv = &doc->attr_votes[v];
                for (int k = 0; k < PITH_KIND_COUNT; k++) {
                    if (tv->w[k] > sum.w[k] || (sum.w[k] == 0 && tv->w[k] != 0))
                        sum.rule[k] = tv->rule[k];
                    sum.w[k] += tv->w[k];
                }
                for (int k = 0; k < PITH_PAGE_COUNT; k++)
                    sum.page[k] += tv->page[k];
                single = hits++ ? PITH_NONE : v;
            }
            s += n;
            while (*s == ' ')
                s++;
        }
        uint32_t idx = PITH_NONE;
        if (hits == 1) {
            idx = single;
        } else if (hits > 1) {
            if (doc_grow((void **)&doc->attr_votes, &doc->cap_attr_votes, doc->n_attr_votes,
                         sizeof *doc->attr_votes))
                st = PITH_ERR_NOMEM;
            else
                doc->attr_votes[idx = doc->n_attr_votes++] = sum;
        }
        nd->votes = idx;
        last_attrs = nd->attrs;
        last_votes = idx;
    }
    /* page signals count the elements that carry them: a grid of 40 product cards says
     * more than one */
    for (uint32_t i = 0; i < doc->n_nodes && st == PITH_OK; i++)
        if (doc->nodes[i].votes != PITH_NONE)
            for (int k = 0; k < PITH_PAGE_COUNT; k++)
                doc->page_sig[PAGE_SIG_ATTR][k] += doc->attr_votes[doc->nodes[i].votes].page[k] > 0;
    free(mm.keys);
    free(mm.lens);
    free(mm.vals);
    return st;
}

/* HTML: what a dump-only section rule would say of a block, recorded, not voted. */
typedef struct note_acc {
    pith_doc *doc;
    uint32_t block;
    float best;
} note_acc;

static void on_line_section(uint32_t r, void *ctx)
{
    note_acc *a = ctx;
    const pith_rule *rule = rules_get(a->doc->ex->rules, r);
    if (rule_is_page(rule->kind) || rule->weight <= a->best)
        return;
    a->best = rule->weight;
    a->doc->blocks[a->block].line_section = (uint8_t)(rule->kind + 1);
}

pith_status classify_apply_rules(pith_doc *doc, struct rules_matcher *m, pith_error *err)
{
    if (apply_attr_rules(doc, m))
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory applying rules");
    int text_dump = doc->input_kind == PITH_INPUT_TEXT;
    uint32_t limited = 0;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->len == 0 || b->len > (text_dump ? TEXT_RULE_MAX_BYTES : HTML_TEXT_RULE_MAX_BYTES))
            continue;
        const char *s = blk_text(doc, b);
        block_acc acc = {doc, i, VOTE_TEXT, 0, 0};
        limited += rules_match(m, RT_TEXT, s, b->len, on_block_rule, &acc) < 0;
        if (text_dump)
            limited += rules_match(m, RT_LINE, s, b->len, on_block_rule, &acc) < 0;
        if (b->len <= SECTION_RULE_MAX_BYTES) {
            acc.section = 1;
            limited += rules_match(m, RT_SECTION, s, b->len, on_block_rule, &acc) < 0;
            if (text_dump) {
                limited += rules_match(m, RT_LINE_SECTION, s, b->len, on_block_rule, &acc) < 0;
            } else {
                note_acc na = {doc, i, 0};
                limited += rules_match(m, RT_LINE_SECTION, s, b->len, on_line_section, &na) < 0;
            }
        }
    }
    if (limited && doc->n_blocks)
        doc_note(doc, 0, "%u rule matches stopped at the regex match limit", limited);
    return doc_oom(doc) ? pith_fail(err, PITH_ERR_NOMEM, "out of memory applying rules") : PITH_OK;
}
