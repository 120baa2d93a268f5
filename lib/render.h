/* Stage 10: renderers. Each appends to a pbuf; the caller checks pbuf.oom. */
#ifndef PITH_RENDER_H
#define PITH_RENDER_H

#include "buf.h"
#include "doc.h"

/* `kinds` is pith_render_options.kinds: 0 for all (the default rendering), else the
 * PITH_KIND_BIT()s of the kinds to keep. */
void render_text(const pith_doc *doc, unsigned kinds, pbuf *out);
void render_markdown(const pith_doc *doc, unsigned kinds, pbuf *out);
/* `source` and `id` (either may be NULL) become leading "source" and "id" members; `id`
 * is JSON text, already validated, copied as it is. */
void render_json(const pith_doc *doc, const char *source, const char *id, unsigned kinds,
                 pbuf *out);
void render_explain(const pith_doc *doc, unsigned kinds, pbuf *out);
void render_html(const pith_doc *doc, unsigned kinds, pbuf *out);
/* Fills doc->evidence[i] for every block (PITH_OPT_EVIDENCE): the votes and notes
 * recorded for it and its feature values, one per line. */
void render_evidence_all(pith_doc *doc);

/* Appends s[0..n) as a JSON string literal with quotes. Invalid UTF-8 cannot occur in
 * a doc, but is escaped as U+FFFD anyway so the output is always valid JSON. */
void render_json_string(pbuf *out, const char *s, size_t n);

/* Shared by the renderers (render.c). */

/* The name of a kind, "?" when out of range, so a corrupt value never prints NULL. */
const char *render_kind_name(unsigned kind);
/* "title", "author", "date", "sitename", "lang", "url", "description"; "?" out of range. */
const char *render_meta_name(unsigned field);
/* Appends the block's path: its element path (HTML), else "line N" (text dumps). */
void render_block_path(const pith_doc *doc, const pith_blk *b, pbuf *out);

/* doc->votes grouped by block in O(n_votes + n_blocks): the votes of block i are
 * order[start[i] .. start[i + 1]), in the order they were recorded. */
typedef struct render_votes {
    uint32_t *start; /* n_blocks + 2 entries, NULL when there are no votes */
    uint32_t *order; /* n_votes entries */
} render_votes;
/* 0 on success, -1 on allocation failure (ix is then empty). */
int render_votes_build(const pith_doc *doc, render_votes *ix);
void render_votes_free(render_votes *ix);
/* Appends the evidence of block i (kind, path, flags, features, votes and notes), one
 * item a line, each line prefixed by `indent` and ended by a newline. */
void render_block_evidence(const pith_doc *doc, const render_votes *ix, uint32_t i,
                           const char *indent, pbuf *out);

#endif
