/* Stage 5: rule tables (compiled once by the extractor, applied to every page). A rule says: when PATTERN (a PCRE2 regex) matches a TARGET,
 * vote WEIGHT for segment KIND. Targets:
 *   attr     one token of an element's lower-cased class, id, role, itemprop and
 *            aria-label values (each token is matched on its own; an element's
 *            verdict sums its tokens')
 *   text     a block's whole text (blocks of HTML and lines of text dumps)
 *   section  a short heading-like block whose text opens a section of KIND (e.g.
 *            "Related Stories"): the block and what follows it under the same parent
 *            (HTML) or until the next boundary (text dumps) lean to KIND
 *   line     like text, for lines of text dumps only
 *   url      the page's address (canonical, og:url or the caller's hint); for page
 *            signals only
 * KIND is a segment kind, or `page:TYPE` (TYPE a page type name): a signal for the page
 * type detector (page_type.h) instead of a vote for a segment kind. Page signals are
 * counted per page, on attr, text, line and url targets.
 * File syntax (one rule a line, '#' comments, blank lines ignored):
 *   KIND TARGET WEIGHT PATTERN
 * e.g.  comments  text  2  ^leave a (reply|comment)\b
 * Patterns are caseless UTF-8; the pattern runs to the end of the line. */
#ifndef PITH_RULES_H
#define PITH_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "pith.h"

/* RT_LINE_SECTION: a section rule for the lines of visible-text dumps only. */
enum rule_target { RT_ATTR = 0, RT_TEXT, RT_SECTION, RT_LINE, RT_URL, RT_LINE_SECTION, RT_COUNT };

/* pith_rule.kind of a page signal: RULE_PAGE + the pith_page_type it signals. */
#define RULE_PAGE 32
static inline int rule_is_page(unsigned kind) { return kind >= RULE_PAGE; }

typedef struct pith_rule {
    uint8_t kind;
    uint8_t target;
    float weight;
    char *source;  /* "file:line" */
    char *pattern;
    void *code;    /* pcre2_code_8 * */
} pith_rule;

typedef struct pith_ruleset pith_ruleset;

/* Parses `text` and appends its rules (uncompiled) to *rules / *n (realloc'd). */
pith_status rules_parse(const char *text, size_t len, const char *name, pith_rule **rules,
                        size_t *n, size_t *cap, pith_error *err);
/* Compiles rules (takes ownership of the array) into an immutable set. */
pith_status rules_compile(pith_rule *rules, size_t n, uint32_t match_limit, pith_ruleset **out,
                          pith_error *err);
void rules_free_array(pith_rule *rules, size_t n);
void rules_free(pith_ruleset *rs);
size_t rules_count(const pith_ruleset *rs);
const pith_rule *rules_get(const pith_ruleset *rs, size_t i);

/* Per-call matching state (PCRE2 match data, the page's regex budget); one per
 * pith_extract call. `budget` is the retry work the page may spend (regex_budget). */
typedef struct rules_matcher rules_matcher;
rules_matcher *rules_matcher_new(const pith_ruleset *rs, uint64_t budget);
void rules_matcher_free(rules_matcher *m);

/* What the matcher's runs cost so far. */
typedef struct rules_stats {
    uint64_t runs;       /* regex runs */
    uint64_t retries;    /* runs retried with a larger match limit */
    uint64_t charged;    /* the budget those retries took */
    uint64_t limited;    /* runs stopped at regex_match_limit: taken as not matching */
    uint64_t unbudgeted; /* runs stopped because the page's budget was spent: the same */
} rules_stats;
const rules_stats *rules_matcher_stats(const rules_matcher *m);

/* Calls fn(rule_index, ctx) for every rule of `target` whose pattern matches s[0..n).
 * Returns the number of matches, or -1 when a match limit was hit. The matcher keeps
 * the literal scan of the last string for the next call with the same pointer and
 * length (a block's text, section and line rules): the bytes there must not change
 * between such calls. */
int rules_match(rules_matcher *m, int target, const char *s, size_t n,
                void (*fn)(uint32_t rule, void *ctx), void *ctx);

#endif
