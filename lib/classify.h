/* Stage 7: give every block a kind. */
#ifndef PITH_CLASSIFY_H
#define PITH_CLASSIFY_H

#include "doc.h"

struct rules_matcher;

/* Applies the rule tables to the document's elements and blocks (votes). */
pith_status classify_apply_rules(pith_doc *doc, struct rules_matcher *m, pith_error *err);
/* HTML: main-content region, density and context passes, kinds. */
void classify_html(pith_doc *doc);
/* Text dumps: line features and sequence reasoning, kinds. */
void classify_text(pith_doc *doc);

#endif
