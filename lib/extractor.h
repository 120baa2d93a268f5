/* The immutable, shareable extractor: options, compiled rules, stopword lists. */
#ifndef PITH_EXTRACTOR_H
#define PITH_EXTRACTOR_H

#include "page_type.h"
#include "pith.h"
#include "rules.h"
#include "stopwords.h"

struct pith_extractor {
    pith_options opts;
    pith_ruleset *rules;
    pith_stopwords *stop;
    page_model *page_model_html; /* NULL: every page is an article */
    page_model *page_model_text;
};

#endif
