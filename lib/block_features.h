/* Stage 4: per-block features that survive in HTML and in text dumps alike: words,
 * stopwords (after detecting the page's language), sentence marks, commas, digits,
 * capitalisation, punctuation, repetition within the page. Character and link counts
 * come from the block builders. */
#ifndef PITH_BLOCK_FEATURES_H
#define PITH_BLOCK_FEATURES_H

#include "doc.h"

struct pith_extractor;

/* Detects the language (doc->lang) from stopword hits over the whole page, then fills
 * every block's counts. Language hints (<html lang>) win when they name a known list. */
void features_compute(pith_doc *doc, const struct pith_extractor *ex);

/* Derived ratios, 0 for empty blocks. */
double feat_link_density(const pith_blk *b);
double feat_stopword_density(const pith_blk *b);
/* Words per 80-column line, boilerpipe's language-independent prose measure. */
double feat_text_density(const pith_blk *b);

#endif
