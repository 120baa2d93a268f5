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
/* Index of the language with this code (the part before '-' is used), or -1. */
int stopwords_lang_find(const pith_stopwords *sw, const char *code);
/* Bit set of the languages (bit i = language i) whose list holds the word `w` (n bytes,
 * already lower-cased UTF-8); 0 when none. */
uint32_t stopwords_lookup(const pith_stopwords *sw, const char *w, size_t n);

#endif
