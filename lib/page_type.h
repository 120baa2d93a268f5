/* Stage 6: what kind of page it is (pith_page_type), from page-level features: the page
 * signals of the rule tables (on element tokens, block texts and the URL), JSON-LD and
 * Open Graph types, the shape of the URL, and the page's structure (how much is prose,
 * links, code; what repeats and what the repetitions hold). A multinomial logistic
 * model weighs them; its table is data (rules/page_type_*.model), fitted from the
 * shared corpora by scripts/fit_page_type.py. */
#ifndef PITH_PAGE_TYPE_H
#define PITH_PAGE_TYPE_H

#include "doc.h"
#include "page_features.h"

struct rules_matcher;

/* The fitted weights, one table per input kind; immutable, part of the extractor. */
typedef struct page_model page_model;

/* Parses a model file for pages of input `kind` (whose feature set it names); names
 * the file and line in errors. */
pith_status page_model_parse(const char *text, size_t len, const char *name,
                             pith_input_kind kind, page_model **out, pith_error *err);
void page_model_free(page_model *m);

/* Sets doc->page_type: the forced type of the options, else the model's choice over
 * the page's features (PITH_PAGE_ARTICLE when there is no model). Runs the url page
 * signals with `m`; url_hint may be NULL. */
void page_type_detect(pith_doc *doc, struct rules_matcher *m, const char *url_hint);

/* The page's feature values, and their names (for evidence and for fitting): the
 * number of features is returned, `values` must hold PAGE_FEATURES_MAX
 * (page_features.h). */
size_t page_type_features(const pith_doc *doc, double *values, const char *const **names);

#endif
