/* The rule engine (parsing, compiling, matching) and the built-in rule tables, checked
 * against the examples in fixtures/rules/cases.txt. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suite.h"
#include "doc.h"
#include "extractor.h"
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

START_TEST(bad_regex_fails_the_build_with_its_offset)
{
    pith_options o;
    pith_options_init(&o);
    o.flags |= PITH_OPT_NO_BUILTIN_RULES;
    pith_builder *b;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(&o, &b, &err), PITH_OK);
    const char *bad = "promo text 2 ^(unclosed\n";
    ck_assert_int_eq(pith_builder_add_rules(b, bad, strlen(bad), "mine.rules", &err), PITH_OK);
    pith_extractor *ex;
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_ERR_RULES);
    ck_assert_ptr_nonnull(strstr(err.message, "mine.rules:1"));
    ck_assert_ptr_nonnull(strstr(err.message, "offset"));
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
    rules_matcher *m = rules_matcher_new(ex->rules);
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
    rules_matcher *m = rules_matcher_new(ex->rules);
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
    rules_matcher *m = rules_matcher_new(ex->rules);

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

Suite *make_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, parse_errors_name_the_line);
    tcase_add_test(tc, bad_regex_fails_the_build_with_its_offset);
    tcase_add_test(tc, every_matching_rule_is_reported);
    tcase_add_test(tc, match_limit_stops_a_pathological_rule);
    tcase_add_test(tc, builtin_tables_agree_with_their_examples);
    tcase_add_test(tc, user_rules_take_part);
    suite_add_tcase(s, tc);
    return s;
}
