/* Stage 7: renderers. Each appends to a pbuf; the caller checks pbuf.oom. */
#ifndef PITH_RENDER_H
#define PITH_RENDER_H

#include "buf.h"
#include "doc.h"

void render_text(const pith_doc *doc, pbuf *out);
void render_markdown(const pith_doc *doc, pbuf *out);
/* `source` (may be NULL) becomes a leading "source" member. */
void render_json(const pith_doc *doc, const char *source, pbuf *out);
void render_explain(const pith_doc *doc, pbuf *out);
void render_html(const pith_doc *doc, pbuf *out);
/* Fills doc->evidence[i] for every block (PITH_OPT_EVIDENCE): the votes and notes
 * recorded for it and its feature values, one per line. */
void render_evidence_all(pith_doc *doc);

/* Appends s[0..n) as a JSON string literal with quotes. Invalid UTF-8 cannot occur in
 * a doc, but is escaped as U+FFFD anyway so the output is always valid JSON. */
void json_string(pbuf *out, const char *s, size_t n);

#endif
