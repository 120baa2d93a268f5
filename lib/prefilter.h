/* A literal prefilter for the rule tables. Most rules are alternations of phrases
 * ("\b(we use cookies|this site uses cookies|...)"): a match must contain one of a
 * few literal words, found at build time from the pattern. One Aho-Corasick pass over
 * the lower-cased string then tells which rules can match at all, and only those run
 * their regex. A rule whose pattern does not yield such literals always runs, so the
 * prefilter never changes what matches, only how much work it takes. */
#ifndef PITH_PREFILTER_H
#define PITH_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct prefilter prefilter;

/* The literals one of which any match of `pattern` (PCRE2 syntax, matched caselessly)
 * must contain, lower-cased, each at least 2 bytes; appended to *lits as
 * NUL-separated strings. Returns how many were found, or 0 when the pattern cannot be
 * analysed (then the rule is not filtered). */
size_t prefilter_literals(const char *pattern, char **lits, size_t *len, size_t *cap);

/* Builds the automaton over the literals of n rules: rule_lits[i] holds rule i's
 * NUL-separated literals (rule_nlits[i] of them; 0 = always run). NULL on allocation
 * failure. */
prefilter *prefilter_build(const char *const *rule_lits, const size_t *rule_nlits, size_t n);
void prefilter_free(prefilter *pf);

/* Whether rule i is filtered at all. */
int prefilter_filters(const prefilter *pf, size_t rule);

/* Scans s[0..n) (any case) and sets, in `hits` (one bit per rule, (n_rules + 63) / 64
 * words, zeroed by the caller), the rules one of whose literals occurs. */
void prefilter_scan(const prefilter *pf, const char *s, size_t n, uint64_t *hits);

#endif
