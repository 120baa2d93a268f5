/* Rule tables: parsing the text format, compiling with PCRE2 (JIT, match limits), and
 * matching. Most strings match no rule, so matching is arranged to reject cheaply:
 *   - rules whose patterns require one of a few literals (almost all) are skipped unless
 *     the literal prefilter (prefilter.h) saw one of them in the string: one pass over
 *     the string instead of one regex run per rule;
 *   - the other anchored rules (^...) are also compiled into one alternation, which
 *     fails at the first character for most strings; only when it matches do they run
 *     one by one to learn which fired;
 *   - the remaining floating rules run one by one, each with PCRE2's own start-of-match
 *     optimisations, which an alternation of them would lose. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "prefilter.h"
#include "status.h"

/* How a rule is tried: unfiltered anchored, unfiltered floating, behind the prefilter. */
enum { G_ANCHORED, G_FLOATING, G_FILTERED, G_COUNT };

/* The per-page regex budget (pith_options.regex_budget) needs to know what runs cost,
 * and PCRE2 does not say what a run took, only whether it stayed under a limit. So a run
 * first gets a small limit that ordinary runs never reach (on the corpora the built-in
 * rules stay far below it); one that reaches it is run again with a ten times larger
 * limit, then with regex_match_limit, each retry charged to the page's budget before it
 * starts. A run's work is then bounded by the first tier, and all retries of a page by
 * the budget: hostile text can make every rule expensive, but not the page. */
#define N_TIERS 3
static const uint32_t TIER_STEPS[N_TIERS - 1] = {1000, 10000};

struct pith_ruleset {
    pith_rule *rules;
    size_t n;
    /* per target and group (G_*): rule indices, and for G_ANCHORED its alternation
     * (NULL when < 2 rules or no combined form) */
    pcre2_code *combined[RT_COUNT];
    uint32_t *by_group[RT_COUNT][G_COUNT];
    size_t n_group[RT_COUNT][G_COUNT];
    size_t n_target[RT_COUNT];
    prefilter *pf; /* over all rules: a block's text is scanned once for its targets */
    /* match limits in tiers (see run()): TIER_STEPS[0], TIER_STEPS[1], then the option */
    pcre2_match_context *mctx[N_TIERS];
    uint32_t tier_limit[N_TIERS];
    size_t n_tiers;
};

struct rules_matcher {
    const pith_ruleset *rs;
    uint64_t budget;            /* retry work left for the page */
    rules_stats stats;
    pcre2_match_data *md;
    uint64_t *hits;             /* prefilter bits (one per rule) of the scanned string */
    const char *scanned;        /* that string, so the next target reuses the scan */
    size_t scanned_len;
};

static const char *const TARGETS[RT_COUNT] = {"attr", "text", "section", "line", "url",
                                               "linesection"};


/* Rule indices are 16 bits in the evidence records; PITH_VOTE_NOTE is the last. */
#define RULES_MAX (UINT16_MAX - 1)

static uint32_t compile_opts(int target);

/* Whether `pattern` compiles for `target`; on failure fills err with where and why. */
static pith_status check_regex(const char *pattern, size_t plen, int target, const char *name,
                               unsigned lineno, pith_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)pattern, plen, compile_opts(target), &ec, &eo, NULL);
    if (code) {
        pcre2_code_free(code);
        return PITH_OK;
    }
    if (ec == PCRE2_ERROR_NOMEMORY)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory compiling %s:%u", name, lineno);
    PCRE2_UCHAR msg[120];
    pcre2_get_error_message(ec, msg, sizeof msg);
    return pith_fail(err, PITH_ERR_RULES, "%s:%u: bad regex at offset %zu: %s", name, lineno,
                     (size_t)eo, (const char *)msg);
}

static pith_status parse_lines(const char *text, size_t len, const char *name,
                               pith_rule **rules, size_t *n, size_t *cap, pith_error *err);

/* All of the text's rules or none: a failure leaves the array as it was, so a builder
 * whose add failed builds what it built before. */
pith_status rules_parse(const char *text, size_t len, const char *name, pith_rule **rules,
                        size_t *n, size_t *cap, pith_error *err)
{
    size_t before = *n;
    pith_status st = parse_lines(text, len, name, rules, n, cap, err);
    if (st) {
        for (size_t i = before; i < *n; i++) {
            free((*rules)[i].source);
            free((*rules)[i].pattern);
        }
        *n = before;
    }
    return st;
}

static pith_status parse_lines(const char *text, size_t len, const char *name,
                               pith_rule **rules, size_t *n, size_t *cap, pith_error *err)
{
    const char *p = text, *end = text + len;
    unsigned lineno = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *line = p;
        p = eol + (eol < end);
        lineno++;
        /* a C string would end at the NUL: the pattern, cut short, would still compile */
        if (memchr(line, '\0', (size_t)(eol - line)))
            return pith_fail(err, PITH_ERR_RULES, "%s:%u: NUL byte in the line", name, lineno);
        const char *q = line;
        while (q < eol && field_blank(*q))
            q++;
        if (q == eol || *q == '#')
            continue;

        size_t kn, tn, wn;
        const char *k = field_next(&q, eol, &kn);
        const char *t = field_next(&q, eol, &tn);
        const char *w = field_next(&q, eol, &wn);
        while (q < eol && field_blank(*q))
            q++;
        const char *pe = eol;
        while (pe > q && field_blank(pe[-1]))
            pe--;
        if (!kn || !tn || !wn || pe == q)
            return pith_fail(err, PITH_ERR_RULES,
                             "%s:%u: expected KIND TARGET WEIGHT PATTERN", name, lineno);
        char buf[32];
        snprintf(buf, sizeof buf, "%.*s", (int)(kn < 31 ? kn : 31), k);
        int kind = pith_kind_from_name(buf);
        if (kind < 0 && kn > 5 && memcmp(buf, "page:", 5) == 0) {
            int pt = pith_page_type_from_name(buf + 5);
            kind = pt > PITH_PAGE_AUTO ? RULE_PAGE + pt : -1;
        }
        if (kind < 0 || kn > 31)
            return pith_fail(err, PITH_ERR_RULES, "%s:%u: unknown kind '%.*s'", name, lineno,
                             (int)(kn > 40 ? 40 : kn), k);
        int target = -1;
        for (int i = 0; i < RT_COUNT; i++)
            if (strlen(TARGETS[i]) == tn && memcmp(TARGETS[i], t, tn) == 0)
                target = i;
        if (target < 0)
            return pith_fail(err, PITH_ERR_RULES,
                             "%s:%u: unknown target '%.*s' (attr, text, section, line, linesection, url)",
                             name, lineno, (int)(tn > 40 ? 40 : tn), t);
        if (rule_is_page((unsigned)kind) ? (target == RT_SECTION || target == RT_LINE_SECTION)
                                         : target == RT_URL)
            return pith_fail(err, PITH_ERR_RULES,
                             "%s:%u: page signals go on attr, text, line and url targets, "
                             "segment kinds on attr, text, section, line and linesection",
                             name, lineno);
        snprintf(buf, sizeof buf, "%.*s", (int)(wn < 31 ? wn : 31), w);
        char *wend;
        double weight = strtod(buf, &wend);
        if (*wend || wn > 31 || weight != weight || weight < -100 || weight > 100)
            return pith_fail(err, PITH_ERR_RULES, "%s:%u: bad weight '%.*s'", name, lineno,
                             (int)(wn > 40 ? 40 : wn), w);

        pith_status st = check_regex(q, (size_t)(pe - q), target, name, lineno, err);
        if (st)
            return st;
        if (*n >= RULES_MAX)
            return pith_fail(err, PITH_ERR_RULES, "%s:%u: too many rules (at most %u)", name,
                             lineno, RULES_MAX);
        if (*n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 64;
            pith_rule *r = realloc(*rules, ncap * sizeof *r);
            if (!r)
                return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
            *rules = r;
            *cap = ncap;
        }
        pith_rule *r = &(*rules)[*n];
        memset(r, 0, sizeof *r);
        r->kind = (uint8_t)kind;
        r->target = (uint8_t)target;
        r->weight = (float)weight;
        pbuf src;
        pbuf_init(&src);
        pbuf_printf(&src, "%s:%u", name, lineno);
        r->source = pbuf_detach(&src, NULL);
        r->pattern = malloc((size_t)(pe - q) + 1);
        if (!r->source || !r->pattern) {
            free(r->source);
            free(r->pattern);
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
        }
        memcpy(r->pattern, q, (size_t)(pe - q));
        r->pattern[pe - q] = '\0';
        (*n)++;
    }
    return PITH_OK;
}

void rules_free_array(pith_rule *rules, size_t n)
{
    if (!rules)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rules[i].source);
        free(rules[i].pattern);
        pcre2_code_free(rules[i].code);
    }
    free(rules);
}

void rules_free(pith_ruleset *rs)
{
    if (!rs)
        return;
    rules_free_array(rs->rules, rs->n);
    for (int t = 0; t < RT_COUNT; t++) {
        pcre2_code_free(rs->combined[t]);
        for (int g = 0; g < G_COUNT; g++)
            free(rs->by_group[t][g]);
    }
    prefilter_free(rs->pf);
    for (size_t t = 0; t < N_TIERS; t++)
        pcre2_match_context_free(rs->mctx[t]);
    free(rs);
}

/* UCP: \w and \b must know the letters of every language text is written in. Class and
 * id tokens are ASCII in practice, and UCP makes those patterns several times slower. */
static uint32_t compile_opts(int target)
{
    uint32_t o = PCRE2_UTF | PCRE2_CASELESS | PCRE2_DUPNAMES;
    return target == RT_ATTR ? o : o | PCRE2_UCP;
}

static pcre2_code *compile(const char *pattern, size_t len, int target, int *errcode,
                           PCRE2_SIZE *erroff)
{
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, compile_opts(target), errcode,
                                     erroff, NULL);
    if (code)
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* without JIT the interpreter runs */
    return code;
}

/* Backreferences and subroutine calls by number or name. */
static int has_group_refs(const char *p)
{
    for (; *p; p++) {
        if (p[0] == '\\' && p[1]) {
            if ((p[1] >= '1' && p[1] <= '9') || p[1] == 'g' || p[1] == 'k')
                return 1;
            p++;
        } else if (p[0] == '(' && p[1] == '?' &&
                   (p[2] == 'P' || p[2] == '&' || p[2] == 'R' || (p[2] >= '0' && p[2] <= '9') ||
                    ((p[2] == '+' || p[2] == '-') && p[3] >= '0' && p[3] <= '9'))) {
            return 1;
        }
    }
    return 0;
}

/* One alternation of all rules of a target. A pattern whose meaning depends on its own
 * group numbers (backreferences) would change meaning inside it; compile failure then
 * simply leaves the target without a combined form. */
static pcre2_code *compile_combined(const pith_ruleset *rs, int target, int group)
{
    if (rs->n_group[target][group] < 2)
        return NULL;
    pbuf all;
    pbuf_init(&all);
    for (size_t i = 0; i < rs->n_group[target][group]; i++) {
        const char *pat = rs->rules[rs->by_group[target][group][i]].pattern;
        if (has_group_refs(pat)) {
            pbuf_free(&all);
            return NULL;
        }
        pbuf_puts(&all, i ? "|(?:" : "(?:");
        pbuf_puts(&all, pat);
        pbuf_putc(&all, ')');
    }
    pcre2_code *code = NULL;
    if (!all.oom) {
        int ec;
        PCRE2_SIZE eo;
        code = compile(all.data, all.len, target, &ec, &eo);
    }
    pbuf_free(&all);
    return code;
}

/* The literal prefilter over all rules (rules_match skips a rule whose literals do not
 * occur in the string). */
static int build_prefilter(pith_ruleset *rs)
{
    size_t n = rs->n;
    char *lits = NULL;
    size_t len = 0, cap = 0;
    size_t *nlits = calloc(n ? n : 1, sizeof *nlits), *offs = calloc(n ? n : 1, sizeof *offs);
    const char **ptrs = calloc(n ? n : 1, sizeof *ptrs);
    int failed = !nlits || !offs || !ptrs;
    for (size_t i = 0; i < n && !failed; i++) {
        offs[i] = len;
        nlits[i] = prefilter_literals(rs->rules[i].pattern, &lits, &len, &cap);
    }
    for (size_t i = 0; i < n && !failed; i++)
        ptrs[i] = lits ? lits + offs[i] : "";
    if (!failed) {
        rs->pf = prefilter_build(ptrs, nlits, n);
        failed = rs->pf == NULL;
    }
    free(lits);
    free(nlits);
    free(offs);
    free(ptrs);
    return failed ? -1 : 0;
}

pith_status rules_compile(pith_rule *rules, size_t n, uint32_t match_limit, pith_ruleset **out,
                          pith_error *err)
{
    *out = NULL;
    pith_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs) {
        rules_free_array(rules, n);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    }
    rs->rules = rules;
    rs->n = n;
    if (n > RULES_MAX) { /* rules_parse refuses them first */
        rules_free(rs);
        return pith_fail(err, PITH_ERR_RULES, "too many rules (%zu, at most %u)", n, RULES_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        int ec;
        PCRE2_SIZE eo;
        rules[i].code = compile(rules[i].pattern, PCRE2_ZERO_TERMINATED, rules[i].target, &ec, &eo);
        if (!rules[i].code) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(ec, msg, sizeof msg);
            pith_status st = pith_fail(err, PITH_ERR_RULES, "%s: bad regex at offset %zu: %s",
                                       rules[i].source, (size_t)eo, (const char *)msg);
            rules_free(rs);
            return st;
        }
    }
    for (size_t i = 0; i < n; i++)
        rs->n_target[rules[i].target]++;
    if (build_prefilter(rs)) {
        rules_free(rs);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    }
    for (int t = 0; t < RT_COUNT; t++)
        for (int g = 0; g < G_COUNT; g++) {
            rs->by_group[t][g] = malloc((n ? n : 1) * sizeof(uint32_t));
            if (!rs->by_group[t][g]) {
                rules_free(rs);
                return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
            }
        }
    for (size_t i = 0; i < n; i++) {
        uint32_t opts = 0;
        pcre2_pattern_info(rules[i].code, PCRE2_INFO_ALLOPTIONS, &opts);
        int t = rules[i].target;
        int g = prefilter_filters(rs->pf, i) ? G_FILTERED
                : (opts & PCRE2_ANCHORED)                 ? G_ANCHORED
                                                          : G_FLOATING;
        rs->by_group[t][g][rs->n_group[t][g]++] = (uint32_t)i;
    }
    for (int t = 0; t < RT_COUNT; t++)
        rs->combined[t] = compile_combined(rs, t, G_ANCHORED);
    for (size_t t = 0; t < N_TIERS; t++) {
        uint32_t limit = t + 1 < N_TIERS ? TIER_STEPS[t] : match_limit;
        if (limit >= match_limit)
            limit = match_limit;
        if (rs->n_tiers && limit <= rs->tier_limit[rs->n_tiers - 1])
            continue;
        pcre2_match_context *c = pcre2_match_context_create(NULL);
        if (!c) {
            rules_free(rs);
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
        }
        pcre2_set_match_limit(c, limit);
        pcre2_set_depth_limit(c, limit / 10 + 100);
        rs->mctx[rs->n_tiers] = c;
        rs->tier_limit[rs->n_tiers++] = limit;
    }
    *out = rs;
    return PITH_OK;
}

size_t rules_count(const pith_ruleset *rs) { return rs ? rs->n : 0; }

const pith_rule *rules_get(const pith_ruleset *rs, size_t i)
{
    return rs && i < rs->n ? &rs->rules[i] : NULL;
}

rules_matcher *rules_matcher_new(const pith_ruleset *rs, uint64_t budget)
{
    rules_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->rs = rs;
    m->budget = budget;
    m->md = pcre2_match_data_create(1, NULL);
    m->hits = calloc(rs && rs->n ? (rs->n + 63) / 64 : 1, sizeof *m->hits);
    if (!m->md || !m->hits) {
        rules_matcher_free(m);
        return NULL;
    }
    return m;
}

void rules_matcher_free(rules_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    free(m->hits);
    free(m);
}

/* 1 match, 0 no match, -1 limit or error. The tiers: see TIER_STEPS. */
static int run(rules_matcher *m, const pcre2_code *code, const char *s, size_t n)
{
    const pith_ruleset *rs = m->rs;
    m->stats.runs++;
    for (size_t t = 0;; t++) {
        int rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, m->md, rs->mctx[t]);
        if (rc >= 0)
            return 1;
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc != PCRE2_ERROR_MATCHLIMIT && rc != PCRE2_ERROR_DEPTHLIMIT &&
            rc != PCRE2_ERROR_JIT_STACKLIMIT)
            return -1;
        if (t + 1 == rs->n_tiers) {
            m->stats.limited++;
            return -1;
        }
        if (m->budget < rs->tier_limit[t + 1]) {
            m->stats.unbudgeted++;
            return -1;
        }
        m->budget -= rs->tier_limit[t + 1];
        m->stats.retries++;
        m->stats.charged += rs->tier_limit[t + 1];
    }
}

const rules_stats *rules_matcher_stats(const rules_matcher *m) { return &m->stats; }

/* Whether the rules of group g are worth trying one by one: for G_ANCHORED, when
 * their alternation matches (or they have none). */
static int group_hit(rules_matcher *m, int target, int g, const char *s, size_t n, int *limited)
{
    const pith_ruleset *rs = m->rs;
    if (rs->n_group[target][g] == 0)
        return 0;
    if (g != G_ANCHORED || !rs->combined[target])
        return 1;
    int rc = run(m, rs->combined[target], s, n);
    if (rc < 0)
        *limited = 1;
    return rc == 1;
}

/* Runs the prefilter over s into m->hits, unless s was the last string scanned: the
 * text, section and line rules of a block look at the same string. */
static void scan(rules_matcher *m, const char *s, size_t n)
{
    if (m->scanned == s && m->scanned_len == n)
        return;
    memset(m->hits, 0, (m->rs->n + 63) / 64 * sizeof *m->hits);
    prefilter_scan(m->rs->pf, s, n, m->hits);
    m->scanned = s;
    m->scanned_len = n;
}

/* The index of the lowest set bit of x (x != 0). */
static uint32_t lowest_bit(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return (uint32_t)__builtin_ctzll(x);
#else
    uint32_t i = 0;
    while (!(x & 1)) {
        x >>= 1;
        i++;
    }
    return i;
#endif
}

static void ignore_match(uint32_t rule, void *ctx)
{
    (void)rule;
    (void)ctx;
}

/* Runs the rules of `target` that the prefilter let through, visiting only the set
 * bits; calls fn for each match (stops at the first when fn is NULL). Returns the
 * number of matches; sets *limited when a run hit the match limit. */
static int run_hits(rules_matcher *m, int target, const char *s, size_t n,
                    void (*fn)(uint32_t rule, void *ctx), void *ctx, int *limited)
{
    const pith_ruleset *rs = m->rs;
    int count = 0;
    for (size_t w = 0; w < (rs->n + 63) / 64; w++) {
        for (uint64_t bits = m->hits[w]; bits; bits &= bits - 1) {
            uint32_t r = (uint32_t)(w * 64) + lowest_bit(bits);
            if (rs->rules[r].target != target)
                continue;
            int rc = run(m, rs->rules[r].code, s, n);
            if (rc < 0)
                *limited = 1;
            if (rc != 1)
                continue;
            count++;
            if (!fn)
                return count;
            fn(r, ctx);
        }
    }
    return count;
}

int rules_match(rules_matcher *m, int target, const char *s, size_t n,
                void (*fn)(uint32_t rule, void *ctx), void *ctx)
{
    const pith_ruleset *rs = m->rs;
    if (!rs || target < 0 || target >= RT_COUNT || rs->n_target[target] == 0)
        return 0;
    int limited = 0;
    scan(m, s, n);
    int count = run_hits(m, target, s, n, fn ? fn : ignore_match, ctx, &limited);
    for (int g = G_ANCHORED; g <= G_FLOATING; g++) {
        if (!group_hit(m, target, g, s, n, &limited))
            continue;
        for (size_t i = 0; i < rs->n_group[target][g]; i++) {
            uint32_t r = rs->by_group[target][g][i];
            int rc = run(m, rs->rules[r].code, s, n);
            if (rc == 1) {
                count++;
                if (fn)
                    fn(r, ctx);
            } else if (rc < 0) {
                limited = 1;
            }
        }
    }
    return count ? count : (limited ? -1 : 0);
}
