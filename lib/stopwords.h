/* Stopword lists, per language, compiled into one lookup table owned by the extractor.
 * The lists are data files under rules/stopwords/ (one word a line), embedded at build
 * time. For unspaced scripts (Chinese, Japanese) the lists hold single function
 * characters, matched per character. */
#ifndef PITH_STOPWORDS_H
#define PITH_STOPWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "pith.h"

typedef struct pith_stopwords pith_stopwords;

/* Builds the table from the embedded lists. NULL on allocation failure. */
pith_stopwords *stopwords_new(void);
void stopwords_free(pith_stopwords *sw);
/* Number of languages and the code ("en", "de" ...) of language i. */
int stopwords_lang_count(const pith_stopwords *sw);
const char *stopwords_lang_code(const pith_stopwords *sw, int lang);
/* The typical stopword density of prose in language `lang` (its list's
 * "#! prose-density" line; 0.45, the figure of English and German, when it has none or
 * lang is -1). Densities of a page compare across languages once divided by it. */
double stopwords_prose_density(const pith_stopwords *sw, int lang);
/* The factor that brings language `lang`'s stopword densities to the scale of English
 * prose (0.45 / its prose density), so one threshold serves every language. */
double stopwords_scale(const pith_stopwords *sw, int lang);
/* Index of the language with this code, or -1. The part before '-' or '_' is used, case
 * does not matter, and a few aliases are known (nb/nn -> no, ISO 639-2 codes such as
 * "deu"). */
int stopwords_lang_find(const pith_stopwords *sw, const char *code);
/* Bit set of the languages (bit i = language i) whose list holds the word `w` (n bytes of
 * UTF-8, any case); 0 when none. Both the lists and `w` are folded the same way: lower
 * case, typographic apostrophes to ', ş ţ to ș ț, final ς to σ, Arabic hamza alefs to ا,
 * soft hyphens and zero-width characters dropped. Words over 40 folded bytes miss. */
uint32_t stopwords_lookup(const pith_stopwords *sw, const char *w, size_t n);

/* The hash stopwords_lookup_folded expects: 32-bit FNV-1a over the folded bytes. */
#define STOPWORDS_HASH_BASIS 2166136261u
#define STOPWORDS_HASH_PRIME 16777619u
/* stopwords_lookup for a word the caller has already folded and hashed on the way, as a
 * scanner can for plain ASCII words (lower-case ASCII is its own folding). */
uint32_t stopwords_lookup_folded(const pith_stopwords *sw, const char *w, size_t n,
                                 uint32_t hash);

#endif
