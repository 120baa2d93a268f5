/* Page features of visible-text dumps: only lines are left, so what the lines say
 * (the rule tables' page signals) and how they are shaped: prose lines, short lines,
 * lines that repeat. */
#include "page_features.h"

#include "block_features.h"
#include "extractor.h"
#include "stopwords.h"

enum {
    F_CHARS = PF_COMMON, /* log text characters */
    F_LINES,         /* log lines */
    F_PROSE,         /* share of the text in prose lines */
    F_LONG_PROSE,    /* log prose lines */
    F_SHORT,         /* share of the lines under 40 characters */
    F_REPEATS,       /* share of the lines that repeat elsewhere in the dump */
    F_COUNT
};

static const char *const NAMES[F_COUNT] = {
    PAGE_COMMON_NAMES, "chars", "lines", "prose", "long_prose", "short", "repeats",
};

_Static_assert(F_COUNT <= PAGE_FEATURES_MAX, "PAGE_FEATURES_MAX too small");

#define PROSE_MIN_CHARS 100
#define PROSE_MIN_STOPWORDS 0.30 /* scaled to English's prose density */
#define SHORT_LINE_CHARS 40

static void compute(const pith_doc *doc, double *f)
{
    page_common_features(doc, f);
    double scale = 0.45 / stopwords_prose_density(doc->ex->stop, doc->lang);
    double chars = 0, prose = 0, n_prose = 0, shorts = 0, repeats = 0;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        chars += b->chars;
        if (b->chars >= PROSE_MIN_CHARS &&
            (doc->lang >= 0 ? feat_stopword_density(b) * scale >= PROSE_MIN_STOPWORDS
                            : b->sentences >= 2)) {
            prose += b->chars;
            n_prose++;
        }
        shorts += b->chars < SHORT_LINE_CHARS;
        repeats += b->repeat > 0;
    }
    f[F_CHARS] = pf_log1(chars);
    f[F_LINES] = pf_log1(doc->n_blocks);
    f[F_PROSE] = pf_share(prose, chars);
    f[F_LONG_PROSE] = pf_log1(n_prose);
    f[F_SHORT] = pf_share(shorts, doc->n_blocks);
    f[F_REPEATS] = pf_share(repeats, doc->n_blocks);
}

const page_feature_set page_features_text = {NAMES, F_COUNT, compute};
