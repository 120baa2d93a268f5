/* Helpers the renderers share, and the per-block evidence (PITH_OPT_EVIDENCE): the same
 * lines serve pith_doc_block_evidence and the explain rendering, so a rule author sees
 * one story whichever way they ask. */
#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "extractor.h"
#include "render.h"
#include "rules.h"

const char *render_kind_name(unsigned kind)
{
    const char *name = pith_kind_name((pith_kind)kind);
    return name ? name : "?";
}

const char *render_meta_name(unsigned field)
{
    static const char *const NAMES[] = {
        "title", "author", "date", "sitename", "lang", "url", "description",
    };
    _Static_assert(sizeof NAMES / sizeof NAMES[0] == PITH_META_COUNT,
                   "name every metadata field");
    return field < PITH_META_COUNT ? NAMES[field] : "?";
}

void render_block_path(const pith_doc *doc, const pith_blk *b, pbuf *out)
{
    if (b->path)
        pbuf_puts(out, doc_str(doc, b->path));
    else if (b->line)
        pbuf_printf(out, "line %u", (unsigned)b->line);
    else
        pbuf_putc(out, '-');
}

int render_votes_build(const pith_doc *doc, render_votes *ix)
{
    ix->start = NULL;
    ix->order = NULL;
    if (!doc->n_votes || !doc->votes)
        return 0;
    uint32_t nb = doc->n_blocks;
    ix->start = calloc((size_t)nb + 2, sizeof *ix->start);
    ix->order = malloc((size_t)doc->n_votes * sizeof *ix->order);
    if (!ix->start || !ix->order) {
        render_votes_free(ix);
        return -1;
    }
    /* Counting sort, stable: start[b + 2] counts block b, prefix sums turn start[b + 1]
     * into block b's write cursor, and after placing start[b] is its first slot. */
    for (uint32_t v = 0; v < doc->n_votes; v++)
        if (doc->votes[v].block < nb)
            ix->start[doc->votes[v].block + 2]++;
    for (uint32_t b = 2; b < nb + 2; b++)
        ix->start[b] += ix->start[b - 1];
    for (uint32_t v = 0; v < doc->n_votes; v++)
        if (doc->votes[v].block < nb)
            ix->order[ix->start[doc->votes[v].block + 1]++] = v;
    return 0;
}

void render_votes_free(render_votes *ix)
{
    free(ix->start);
    free(ix->order);
    ix->start = NULL;
    ix->order = NULL;
}

static const struct {
    unsigned bit;
    const char *name;
} FLAG_NAMES[] = {
    {PITH_BLOCK_HEADING, "heading"}, {PITH_BLOCK_LIST_ITEM, "list_item"},
    {PITH_BLOCK_TABLE, "table"},     {PITH_BLOCK_QUOTE, "quote"},
    {PITH_BLOCK_CODE, "code"},       {PITH_BLOCK_HIDDEN, "hidden"},
    {PITH_BLOCK_CAPTION, "caption"}, {BF_ORDERED, "ordered"},
    {BF_ROW_START, "row_start"},     {BF_TH, "th"},
    {BF_LINK_ONLY, "link_only"},     {BF_PARA_END, "para_end"},
    {BF_TITLE_LIKE, "title_like"},   {BF_SEPARATOR, "separator"},
};

static void put_flags(const pith_blk *b, pbuf *out)
{
    int any = 0;
    for (size_t k = 0; k < sizeof FLAG_NAMES / sizeof FLAG_NAMES[0]; k++) {
        if (!(b->flags & FLAG_NAMES[k].bit))
            continue;
        pbuf_printf(out, "%s%s", any ? " " : "", FLAG_NAMES[k].name);
        if (FLAG_NAMES[k].bit == PITH_BLOCK_HEADING && b->heading)
            pbuf_printf(out, "(h%u)", (unsigned)b->heading);
        if (FLAG_NAMES[k].bit == PITH_BLOCK_LIST_ITEM)
            pbuf_printf(out, "(depth %u)", (unsigned)b->list_depth);
        any = 1;
    }
    if (!any)
        pbuf_puts(out, "none");
}

static void put_vote(const pith_doc *doc, const pith_vote *v, pbuf *out)
{
    if (v->source == VOTE_NOTE || v->rule == PITH_VOTE_NOTE) {
        pbuf_printf(out, "note: %s", doc_str(doc, v->note));
        return;
    }
    const char *on = v->source == VOTE_ATTR ? "attr" : "text";
    const pith_rule *r = doc->ex ? rules_get(doc->ex->rules, v->rule) : NULL;
    if (!r) {
        pbuf_printf(out, "rule #%u on %s: %s %+g", (unsigned)v->rule, on,
                    render_kind_name(v->kind), (double)v->weight);
        return;
    }
    pbuf_printf(out, "rule %s on %s: %s %+g", r->source ? r->source : "?", on,
                render_kind_name(r->kind), (double)r->weight);
    if (v->weight != r->weight)
        pbuf_printf(out, " (applied %+g)", (double)v->weight);
}

void render_block_evidence(const pith_doc *doc, const render_votes *ix, uint32_t i,
                           const char *indent, pbuf *out)
{
    const pith_blk *b = &doc->blocks[i];
    pbuf_printf(out, "%skind: %s", indent, render_kind_name(b->kind));
    if (b->article)
        pbuf_printf(out, " (article %u)", (unsigned)b->article);
    pbuf_printf(out, "\n%spath: ", indent);
    render_block_path(doc, b, out);
    pbuf_printf(out, "\n%sflags: ", indent);
    put_flags(b, out);
    pbuf_printf(out,
                "\n%sfeatures: chars=%u words=%u link_density=%.2f stopword_density=%.2f "
                "text_density=%.2f sentences=%u commas=%u repeat=%u score=%.2f\n",
                indent, (unsigned)b->chars, (unsigned)b->words, feat_link_density(b),
                feat_stopword_density(b), feat_text_density(b), (unsigned)b->sentences,
                (unsigned)b->commas, (unsigned)b->repeat, (double)b->score);
    if (!ix || !ix->start)
        return;
    for (uint32_t k = ix->start[i]; k < ix->start[i + 1]; k++) {
        pbuf_puts(out, indent);
        put_vote(doc, &doc->votes[ix->order[k]], out);
        pbuf_putc(out, '\n');
    }
}

void render_evidence_all(pith_doc *doc)
{
    if (!doc->evidence)
        return;
    render_votes ix;
    if (render_votes_build(doc, &ix))
        return; /* out of memory: the evidence stays NULL, which callers already handle */
    pbuf b;
    pbuf_init(&b);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        free(doc->evidence[i]);
        render_block_evidence(doc, &ix, i, "", &b);
        doc->evidence[i] = pbuf_detach(&b, NULL);
    }
    render_votes_free(&ix);
}
