#include "block_features.h"
void features_compute(pith_doc *doc, const struct pith_extractor *ex) { (void)doc; (void)ex; }
double feat_link_density(const pith_blk *b) { return b->chars ? (double)b->link_chars / b->chars : 0; }
double feat_stopword_density(const pith_blk *b) { return b->words ? (double)b->stopwords / b->words : 0; }
double feat_text_density(const pith_blk *b) { (void)b; return 0; }
