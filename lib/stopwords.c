#include <stdlib.h>
#include "stopwords.h"
struct pith_stopwords { int dummy; };
pith_stopwords *stopwords_new(void) { return calloc(1, sizeof(pith_stopwords)); }
void stopwords_free(pith_stopwords *sw) { free(sw); }
int stopwords_lang_count(const pith_stopwords *sw) { (void)sw; return 0; }
const char *stopwords_lang_code(const pith_stopwords *sw, int l) { (void)sw; (void)l; return ""; }
int stopwords_lang_find(const pith_stopwords *sw, const char *c) { (void)sw; (void)c; return -1; }
uint32_t stopwords_lookup(const pith_stopwords *sw, const char *w, size_t n) { (void)sw; (void)w; (void)n; return 0; }
