/* The rule engine (parsing, compiling, matching) and the built-in rule tables, checked
 * against the examples in fixtures/rules/cases.txt. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <check.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suite.h"
#include "doc.h"
#include "extractor.h"
#include "prefilter.h"
#include "rules.h"

static const char *TARGET_NAMES[RT_COUNT] = {"attr", "text", "section", "line", "url", "linesection"};

static pith_status parse_one(const char *text, pith_error *err)
{
    pith_rule *rules = NULL;
    size_t n = 0, cap = 0;
    pith_status st = rules_parse(text, strlen(text), "t.rules", &rules, &n, &cap, err);
    rules_free_array(rules, n);
    return st;
}

START_TEST(parse_errors_name_the_line)
{
    pith_error err;
    ck_assert_int_eq(parse_one("# comment\n\npromo text 2 ^ad$\n", &err), PITH_OK);
    ck_assert_int_eq(parse_one("promo text 2\n", &err), PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "t.rules:1"));
    ck_assert_int_eq(parse_one("\n\npromotion text 2 x\n", &err), PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "t.rules:3"));
    ck_assert_ptr_nonnull(strstr(err.message, "unknown kind"));
    ck_assert_int_eq(parse_one("promo body 2 x\n", &err), PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown target"));
    ck_assert_int_eq(parse_one("promo text heavy x\n", &err), PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "bad weight"));
    ck_assert_int_eq(parse_one("promo text 1000 x\n", &err), PITH_ERR_RULES);
}
END_TEST

START_TEST(bad_regex_fails_the_add_with_its_offset)
{
    pith_options o;
    pith_options_init(&o);
    o.flags |= PITH_OPT_NO_BUILTIN_RULES;
    pith_builder *b;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(&o, &b, &err), PITH_OK);
    const char *bad = "promo text 2 ^(unclosed\n";
    ck_assert_int_eq(pith_builder_add_rules(b, bad, strlen(bad), "mine.rules", &err),
                     PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "mine.rules:1"));
    ck_assert_ptr_nonnull(strstr(err.message, "offset 10"));
    /* the builder still builds, without the bad rule */
    pith_extractor *ex;
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), 0);
    pith_extractor_free(ex);
    pith_builder_free(b);
}
END_TEST

/* A failed add changes nothing: not its good first lines, not the next builds. */
START_TEST(failed_add_changes_nothing)
{
    pith_builder *b;
    pith_extractor *ex;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    size_t before = pith_extractor_rule_count(ex);
    pith_extractor_free(ex);
    static const char *const bad[] = {
        "promo text 2 ^good one\npromo text 2 ^good two\nnokind text 1 x\n",
        "promo text 2 ^good one\npromo text 2 (\n",
        "promo text 2 ^good one\npromo text 2 [z-a]\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(pith_builder_add_rules(b, bad[i], strlen(bad[i]), "bad.rules", &err),
                         PITH_ERR_RULES);
        ck_assert_msg(strstr(err.message, "bad.rules:") != NULL, "%s", err.message);
        ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
        ck_assert_uint_eq(pith_extractor_rule_count(ex), before);
        pith_extractor_free(ex);
    }
    /* and a good add after them still adds */
    const char *good = "promo text 2 ^good one\n";
    ck_assert_int_eq(pith_builder_add_rules(b, good, strlen(good), "good.rules", &err), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), before + 1);
    pith_extractor_free(ex);
    pith_builder_free(b);
}
END_TEST

/* A NUL byte would cut a pattern short where C strings end: the line is refused. */
START_TEST(nul_byte_is_refused_with_its_line)
{
    pith_builder *b;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    static const char text[] = "# fine\npromo text 2 ^ok$\npromo text 2 ^share\0 this$\n";
    ck_assert_int_eq(pith_builder_add_rules(b, text, sizeof text - 1, "nul.rules", &err),
                     PITH_ERR_RULES);
    ck_assert_msg(strstr(err.message, "nul.rules:3") != NULL, "%s", err.message);
    ck_assert_msg(strstr(err.message, "NUL") != NULL, "%s", err.message);
    /* a NUL in a comment line is refused too: the file is not text */
    static const char comment[] = "# a \0 comment\n";
    ck_assert_int_eq(pith_builder_add_rules(b, comment, sizeof comment - 1, "c.rules", &err),
                     PITH_ERR_RULES);
    ck_assert_msg(strstr(err.message, "c.rules:1") != NULL, "%s", err.message);
    pith_builder_free(b);
}
END_TEST

static void count_hit(uint32_t rule, void *ctx)
{
    ((int *)ctx)[rule]++;
}

/* An extractor with only the rules in `text`; `limit` sets the regex match limit when
 * not 0. */
static pith_extractor *only_rules(const char *text, uint32_t limit)
{
    pith_options o;
    pith_options_init(&o);
    o.flags |= PITH_OPT_NO_BUILTIN_RULES;
    if (limit)
        o.regex_match_limit = limit;
    pith_builder *b;
    pith_extractor *ex;
    ck_assert_int_eq(pith_builder_new(&o, &b, NULL), PITH_OK);
    ck_assert_int_eq(pith_builder_add_rules(b, text, strlen(text), "t", NULL), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, NULL), PITH_OK);
    pith_builder_free(b);
    return ex;
}

START_TEST(every_matching_rule_is_reported)
{
    /* anchored and floating rules of one target, several matching the same string */
    const char *text = "promo text 1 ^share\n"
                       "promo text 2 ^share this$\n"
                       "navigation text 1 this\n"
                       "comments text 1 ^reply$\n"
                       "meta text 1 \\d{4}\n";
    pith_extractor *ex = only_rules(text, 0);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), 5);
    rules_matcher *m = rules_matcher_new(ex->rules, UINT64_MAX);
    int hits[5] = {0};
    ck_assert_int_eq(rules_match(m, RT_TEXT, "Share this", 10, count_hit, hits), 3);
    ck_assert_int_eq(hits[0], 1);
    ck_assert_int_eq(hits[1], 1);
    ck_assert_int_eq(hits[2], 1);
    ck_assert_int_eq(hits[3] + hits[4], 0);
    ck_assert_int_eq(rules_match(m, RT_TEXT, "in 2021", 7, NULL, NULL), 1);
    ck_assert_int_eq(rules_match(m, RT_TEXT, "nothing", 7, NULL, NULL), 0);
    ck_assert_int_eq(rules_match(m, RT_TEXT, "REPLY", 5, NULL, NULL), 1);
    ck_assert_int_eq(rules_match(m, RT_ATTR, "reply", 5, NULL, NULL), 0);
    rules_matcher_free(m);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(match_limit_stops_a_pathological_rule)
{
    pith_extractor *ex = only_rules("promo text 1 ^(a+)+$\n", 1000);
    rules_matcher *m = rules_matcher_new(ex->rules, UINT64_MAX);
    char s[64];
    memset(s, 'a', 40);
    s[40] = '!';
    s[41] = '\0';
    ck_assert_int_eq(rules_match(m, RT_TEXT, s, 41, NULL, NULL), -1);
    rules_matcher_free(m);
    pith_extractor_free(ex);
}
END_TEST

/* ---- the built-in tables against their examples ------------------------------------ */

typedef struct acc {
    const pith_ruleset *rs;
    float w[PITH_KIND_COUNT];
    float page[PITH_PAGE_COUNT]; /* page signals */
    int *covered;
} acc;

static void add_vote(uint32_t rule, void *ctx)
{
    acc *a = ctx;
    const pith_rule *r = rules_get(a->rs, rule);
    if (rule_is_page(r->kind))
        a->page[r->kind - RULE_PAGE] += r->weight;
    else
        a->w[r->kind] += r->weight;
    a->covered[rule]++;
}

START_TEST(builtin_tables_agree_with_their_examples)
{
    pith_extractor *ex;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    size_t nrules = rules_count(ex->rules);
    int *covered = calloc(nrules, sizeof *covered);
    ck_assert_ptr_nonnull(covered);
    rules_matcher *m = rules_matcher_new(ex->rules, UINT64_MAX);

    size_t len;
    char *cases = test_read_file(PITH_FIXTURES "/rules/cases.txt", &len);
    int checked = 0, failed = 0;
    for (char *line = strtok(cases, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char target[16], kind[32];
        int off = 0;
        if (sscanf(line, "%15s %31s %n", target, kind, &off) != 2)
            ck_abort_msg("bad case line: %s", line);
        const char *text = line + off;
        int t = -1;
        for (int i = 0; i < RT_COUNT; i++)
            if (strcmp(TARGET_NAMES[i], target) == 0)
                t = i;
        ck_assert_msg(t >= 0, "bad target in: %s", line);
        acc a = {ex->rules, {0}, {0}, covered};
        int expect_none = strcmp(kind, "-") == 0;
        /* a negative example must not mark rules as covered */
        int *scratch = calloc(nrules, sizeof *scratch);
        if (expect_none)
            a.covered = scratch;
        rules_match(m, t, text, strlen(text), add_vote, &a);
        free(scratch);
        /* a "page:TYPE" example names the page signal expected ("page:-": none), any
         * other the segment kind ("-": none) */
        int page = strncmp(kind, "page:", 5) == 0;
        int best = -1, best_page = -1;
        float bw = 0, bpw = 0;
        for (int k = 0; k < PITH_KIND_COUNT; k++)
            if (a.w[k] > bw) {
                bw = a.w[k];
                best = k;
            }
        for (int k = 0; k < PITH_PAGE_COUNT; k++)
            if (a.page[k] > bpw) {
                bpw = a.page[k];
                best_page = k;
            }
        char page_name[48];
        snprintf(page_name, sizeof page_name, "page:%s",
                 best_page < 0 ? "-" : pith_page_type_name((pith_page_type)best_page));
        const char *got = page ? page_name : best >= 0 ? pith_kind_name((pith_kind)best) : "-";
        if (strcmp(got, kind) != 0) {
            fprintf(stderr, "rule case failed: %s %s \"%s\" -> %s\n", target, kind, text, got);
            failed++;
        }
        checked++;
    }
    ck_assert_int_gt(checked, 100);
    ck_assert_int_eq(failed, 0);

    int uncovered = 0;
    for (size_t r = 0; r < nrules; r++) {
        const pith_rule *rule = rules_get(ex->rules, r);
        int builtin = strncmp(rule->source, "html.rules", 10) == 0 ||
                      strncmp(rule->source, "text.rules", 10) == 0 ||
                      strncmp(rule->source, "page.rules", 10) == 0;
        if (builtin && !covered[r]) {
            fprintf(stderr, "rule without an example: %s\n", rule->source);
            uncovered++;
        }
    }
    ck_assert_int_eq(uncovered, 0);
    free(cases);
    free(covered);
    rules_matcher_free(m);
    pith_extractor_free(ex);
}
END_TEST

/* ---- the built-in rules stay cheap on hostile text ----------------------------------- */

/* The second match-limit tier of rules.c (PCRE2 match-limit units): a built-in rule
 * must decide any string of the lengths it is run on within it, so that its work is
 * linear in the string, and text made to be expensive costs a retry at most, never the
 * whole regex_match_limit. (Ordinary text stays under the first tier, 1,000; of the
 * built-in rules only dump.rules' byline, whose separators "le", "on" ... may sit inside
 * a name, takes more on a 600-byte name.) Rules that went over it were rewritten with
 * possessive quantifiers and atomic groups into forms that match the same strings: see
 * the commit that made them, and rewrites_match_the_same below. */
#define STEP_BUDGET 10000

/* The longest string each target is run on (classify_rules.c, html_blocks.c). */
static size_t target_max(int target)
{
    switch (target) {
    case RT_ATTR: return 400;
    case RT_SECTION: return 120;
    case RT_URL: return 2000; /* one run a page, on the whole address */
    default: return 600;
    }
}

static size_t utf8_next(const char *s, size_t i, size_t n)
{
    do
        i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

typedef struct pump {
    pcre2_match_context *mc;
    pcre2_match_data *md;
    const pith_rule *rule;
    long runs;
    int failures;      /* strings over the budget, all rules */
    int rule_failures; /* of the current rule: only its first is shown */
} pump;

static void try_string(pump *p, const char *s, size_t n, const char *how)
{
    p->runs++;
    int rc = pcre2_match(p->rule->code, (PCRE2_SPTR)s, n, 0, 0, p->md, p->mc);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        p->failures++;
        if (p->rule_failures++ == 0)
            fprintf(stderr, "%s: over %d steps on %s: \"%.80s%s\" (%zu bytes)\n",
                    p->rule->source, STEP_BUDGET, how, s, n > 80 ? "..." : "", n);
    }
}

/* Strings of the seed's own shape: every run of 1 to 4 of its characters repeated up to
 * the target's length in place, with the rest of the seed after it, then a character
 * that spoils a match at the end (backtracking shows when a match fails late). */
static void pump_seed(pump *p, const char *seed, size_t max)
{
    static const char *const TAILS[] = {"", "!", " x", "\xc2\xa7", " A", "1"};
    size_t n = strlen(seed);
    char *buf = calloc(max + 32, 1);
    ck_assert_ptr_nonnull(buf);
    for (size_t i = 0; i < n; i = utf8_next(seed, i, n)) {
        size_t j = i;
        for (int k = 0; k < 4 && j < n; k++) {
            j = utf8_next(seed, j, n);
            size_t unit = j - i, rest = n - j;
            for (size_t t = 0; t < sizeof TAILS / sizeof *TAILS; t++) {
                size_t tail = strlen(TAILS[t]), len = 0;
                memcpy(buf, seed, i);
                len = i;
                while (len + unit + rest + tail <= max) {
                    memcpy(buf + len, seed + i, unit);
                    len += unit;
                }
                memcpy(buf + len, seed + j, rest);
                len += rest;
                memcpy(buf + len, TAILS[t], tail);
                len += tail;
                if (len > max)
                    continue;
                try_string(p, buf, len, "a pumped example");
            }
        }
    }
    free(buf);
}

/* Shapes that make regexes of this kind backtrack, whatever the rule's wording. */
static void pump_generic(pump *p, size_t max)
{
    static const char *const UNITS[] = {"a", " ", "A ", "Ae", "a ", "1", "-", ".", "((", "()",
                                        "a.", "A. ", " and A", " e A", ", A", "\xc3\xa9"};
    char *buf = calloc(max + 32, 1);
    ck_assert_ptr_nonnull(buf);
    for (size_t u = 0; u < sizeof UNITS / sizeof *UNITS; u++) {
        size_t k = strlen(UNITS[u]), len = 0;
        while (len + k + 1 <= max) {
            memcpy(buf + len, UNITS[u], k);
            len += k;
        }
        try_string(p, buf, len, "a repeated unit");
        buf[len] = '!';
        try_string(p, buf, len + 1, "a repeated unit");
    }
    free(buf);
}

/* The example lines of a fixture ("TARGET KIND TEXT"), positives only. */
static char **read_examples(const char *path, size_t *n)
{
    size_t len;
    char *text = test_read_file(path, &len);
    char **out = calloc(len + 1, sizeof *out);
    ck_assert_ptr_nonnull(out);
    *n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char target[16], kind[32];
        int off = 0;
        if (line[0] == '#' || sscanf(line, "%15s %31s %n", target, kind, &off) != 2 ||
            strcmp(kind, "-") == 0)
            continue;
        /* padded: PCRE2's JIT reads up to 16 bytes past a subject's end (the library's
         * block texts have that slack too) */
        size_t k = strlen(line + off);
        char *e = calloc(k + 32, 1);
        ck_assert_ptr_nonnull(e);
        memcpy(e, line + off, k);
        out[(*n)++] = e;
    }
    free(text);
    return out;
}

START_TEST(builtin_rules_stay_cheap_on_their_own_shapes)
{
    pith_extractor *ex;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    size_t n1, n2;
    char **ex1 = read_examples(PITH_FIXTURES "/rules/cases.txt", &n1);
    char **ex2 = read_examples(PITH_FIXTURES "/rules/dump_cases.txt", &n2);
    pump p = {pcre2_match_context_create(NULL), NULL, NULL, 0, 0, 0};
    ck_assert_ptr_nonnull(p.mc);
    pcre2_set_match_limit(p.mc, STEP_BUDGET);
    pcre2_set_depth_limit(p.mc, STEP_BUDGET);
    p.md = pcre2_match_data_create(1, NULL);
    int unseeded = 0;
    for (size_t r = 0; r < rules_count(ex->rules); r++) {
        p.rule = rules_get(ex->rules, r);
        p.rule_failures = 0;
        size_t max = target_max(p.rule->target);
        int seeds = 0;
        for (size_t i = 0; i < n1 + n2; i++) {
            const char *e = i < n1 ? ex1[i] : ex2[i - n1];
            if (pcre2_match(p.rule->code, (PCRE2_SPTR)e, strlen(e), 0, 0, p.md, p.mc) < 0)
                continue; /* not this rule's shape */
            seeds++;
            pump_seed(&p, e, max);
        }
        if (!seeds) {
            fprintf(stderr, "%s matches none of the examples\n", p.rule->source);
            unseeded++;
        }
        pump_generic(&p, max);
    }
    ck_assert_int_eq(unseeded, 0);
    ck_assert_msg(p.failures == 0, "%d of %ld strings took a built-in rule over %d steps",
                  p.failures, p.runs, STEP_BUDGET);
    ck_assert_int_gt(p.runs, 100000);
    for (size_t i = 0; i < n1; i++)
        free(ex1[i]);
    for (size_t i = 0; i < n2; i++)
        free(ex2[i]);
    free(ex1);
    free(ex2);
    pcre2_match_data_free(p.md);
    pcre2_match_context_free(p.mc);
    pith_extractor_free(ex);
}
END_TEST

/* Each rewrite of fixtures/rules/rewrites.txt: the new form is a built-in rule's
 * pattern, and it matches what the old form matched on random strings of the tokens
 * given. */
typedef struct rewrite {
    char *old_form, *new_form, *prefix;
    char *tokens[64];
    int n_tokens;
} rewrite;

static pcre2_code *compile_like_rule(const char *pattern, int target)
{
    int ec;
    PCRE2_SIZE eo;
    uint32_t opts = PCRE2_UTF | PCRE2_CASELESS | PCRE2_DUPNAMES | (target == RT_ATTR ? 0 : PCRE2_UCP);
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, NULL);
    ck_assert_msg(c != NULL, "does not compile: %s", pattern);
    pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
    return c;
}

static void check_rewrite(const pith_extractor *ex, const rewrite *rw, pcre2_match_context *mc,
                          pcre2_match_data *md)
{
    const pith_rule *rule = NULL;
    for (size_t r = 0; r < rules_count(ex->rules) && !rule; r++)
        if (strcmp(rules_get(ex->rules, r)->pattern, rw->new_form) == 0)
            rule = rules_get(ex->rules, r);
    ck_assert_msg(rule != NULL, "no built-in rule has the pattern %s", rw->new_form);
    ck_assert_int_gt(rw->n_tokens, 1);
    pcre2_code *a = compile_like_rule(rw->old_form, rule->target);
    pcre2_code *b = compile_like_rule(rw->new_form, rule->target);
    unsigned seed = 1;
    int matched = 0;
    char buf[1024] = {0};
    for (int i = 0; i < 50000; i++) {
        size_t len = strlen(rw->prefix);
        memcpy(buf, rw->prefix, len);
        seed = seed * 1103515245u + 12345u;
        int k = 1 + (int)((seed >> 16) % 10);
        for (int t = 0; t < k; t++) {
            seed = seed * 1103515245u + 12345u;
            const char *tok = rw->tokens[(seed >> 16) % (unsigned)rw->n_tokens];
            size_t tl = strlen(tok);
            if (len + tl >= sizeof buf)
                break;
            memcpy(buf + len, tok, tl);
            len += tl;
        }
        int ra = pcre2_match(a, (PCRE2_SPTR)buf, len, 0, 0, md, mc);
        int rb = pcre2_match(b, (PCRE2_SPTR)buf, len, 0, 0, md, mc);
        ck_assert_msg(ra >= -1 && rb >= -1, "%s: match error on \"%.*s\"", rule->source,
                      (int)len, buf);
        ck_assert_msg((ra >= 0) == (rb >= 0), "%s: old form %s, new form %s \"%.*s\"",
                      rule->source, ra >= 0 ? "matches" : "does not match",
                      rb >= 0 ? "does" : "does not", (int)len, buf);
        matched += ra >= 0;
    }
    ck_assert_msg(matched > 50, "%s: the tokens hardly ever make a match (%d)", rule->source,
                  matched);
    pcre2_code_free(a);
    pcre2_code_free(b);
}

START_TEST(rewrites_match_the_same)
{
    pith_extractor *ex;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, 100000000); /* the old forms may need it */
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    size_t len;
    char *text = test_read_file(PITH_FIXTURES "/rules/rewrites.txt", &len);
    rewrite rw;
    memset(&rw, 0, sizeof rw);
    int checked = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "old ", 4) == 0)
            rw.old_form = line + 4;
        else if (strncmp(line, "new ", 4) == 0)
            rw.new_form = line + 4;
        else if (strncmp(line, "prefix ", 7) == 0)
            rw.prefix = line + 7;
        else if (strncmp(line, "token ", 6) == 0 && rw.n_tokens < 64)
            rw.tokens[rw.n_tokens++] = line + 6;
        else if (strcmp(line, "end") == 0) {
            ck_assert_msg(rw.old_form && rw.new_form, "a rewrite without old or new form");
            if (!rw.prefix)
                rw.prefix = "";
            check_rewrite(ex, &rw, mc, md);
            checked++;
            memset(&rw, 0, sizeof rw);
        }
    }
    ck_assert_int_ge(checked, 16);
    free(text);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    pith_extractor_free(ex);
}
END_TEST

/* ---- rules added at run time change what pith_extract does -------------------------- */

static int kind_of_line(const pith_doc *doc, const char *needle)
{
    for (size_t i = 0; i < pith_doc_block_count(doc); i++) {
        pith_block b;
        pith_doc_block(doc, i, &b, sizeof b);
        if (strstr(b.text, needle))
            return b.kind;
    }
    return -1;
}

START_TEST(user_rules_take_part)
{
    const char *page = "<html><body><article><h1>A headline for the test</h1>"
                       "<p>This is a paragraph of the article, long enough to be read as prose, "
                       "with words and commas, and it goes on for a while so that it counts.</p>"
                       "<p>Buy the widget today</p>"
                       "<p>Another paragraph of the article follows here, again with words that "
                       "make it look like the prose of a news story, and more of them.</p>"
                       "</article></body></html>";
    pith_builder *b;
    pith_extractor *plain, *custom;
    ck_assert_int_eq(pith_extractor_new(NULL, &plain, NULL), PITH_OK);
    ck_assert_int_eq(pith_builder_new(NULL, &b, NULL), PITH_OK);
    const char *mine = "promo text 3 ^buy the widget\\b\n";
    ck_assert_int_eq(pith_builder_add_rules(b, mine, strlen(mine), "mine", NULL), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &custom, NULL), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(custom), pith_extractor_rule_count(plain) + 1);
    pith_builder_free(b);

    pith_doc *d1, *d2;
    ck_assert_int_eq(pith_extract(plain, page, strlen(page), NULL, NULL, &d1, NULL), PITH_OK);
    ck_assert_int_eq(pith_extract(custom, page, strlen(page), NULL, NULL, &d2, NULL), PITH_OK);
    ck_assert_int_eq(kind_of_line(d1, "Buy the widget"), PITH_KIND_BODY);
    ck_assert_int_eq(kind_of_line(d2, "Buy the widget"), PITH_KIND_PROMO);
    ck_assert_ptr_null(strstr(pith_doc_text(d2, NULL), "Buy the widget"));
    pith_doc_free(d1);
    pith_doc_free(d2);
    pith_extractor_free(plain);
    pith_extractor_free(custom);
}
END_TEST

/* A list of names longer than a few dozen (the months of ten languages) still gives the
 * prefilter its words, and a rule behind them matches as it did. */
START_TEST(long_alternations_give_literals)
{
    char pattern[2048] = "^(?:";
    for (int i = 0; i < 100; i++)
        snprintf(pattern + strlen(pattern), sizeof pattern - strlen(pattern), "%sname%03d",
                 i ? "|" : "", i);
    strcat(pattern, ")\\s++\\d{4}$");
    char *lits = NULL;
    size_t len = 0, cap = 0;
    ck_assert_uint_eq(prefilter_literals(pattern, &lits, &len, &cap), 100);
    ck_assert_str_eq(lits, "name000");
    free(lits);

    char rule[2100];
    snprintf(rule, sizeof rule, "meta text 1 %s\n", pattern);
    pith_extractor *ex = only_rules(rule, 0);
    rules_matcher *m = rules_matcher_new(ex->rules, UINT64_MAX);
    ck_assert_int_eq(rules_match(m, RT_TEXT, "Name099 2021", 12, NULL, NULL), 1);
    ck_assert_int_eq(rules_match(m, RT_TEXT, "Name100 2021", 12, NULL, NULL), 0);
    rules_matcher_free(m);
    pith_extractor_free(ex);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, parse_errors_name_the_line);
    tcase_add_test(tc, bad_regex_fails_the_add_with_its_offset);
    tcase_add_test(tc, failed_add_changes_nothing);
    tcase_add_test(tc, nul_byte_is_refused_with_its_line);
    tcase_add_test(tc, every_matching_rule_is_reported);
    tcase_add_test(tc, long_alternations_give_literals);
    tcase_add_test(tc, match_limit_stops_a_pathological_rule);
    tcase_add_test(tc, builtin_tables_agree_with_their_examples);
    tcase_add_test(tc, user_rules_take_part);
    suite_add_tcase(s, tc);

    /* tagged slow: millions of regex runs, which scripts/test.sh --valgrind leaves out
     * (memcheck would take minutes over PCRE2's loops; ASan runs them) */
    tc = tcase_create("cost");
    tcase_set_tags(tc, "slow");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, builtin_rules_stay_cheap_on_their_own_shapes);
    tcase_add_test(tc, rewrites_match_the_same);
    suite_add_tcase(s, tc);
    return s;
}
