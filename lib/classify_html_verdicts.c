/* Classifying the blocks of an HTML page: the tests both halves judge blocks by.
 *
 * classify_html.c chooses the main content and classify_html_naming.c names the
 * furniture around it; both ask the same questions of a block or an element: what its
 * own wording votes for, which region's verdict applies to it, what kind its shape
 * gives it, whether it is a picker's entry, whether two elements are cut from one
 * template, whether an element is a complete article of its own. They are answered
 * here, below both, so that neither half depends on the other's internals.
 */
#include <string.h>

#include "block_features.h"
#include "classify_html_ctx.h"
#include "repeats.h"
#include "tags.h"

/* A stream: complete articles (ARTICLE_MIN_PROSE, classify_html_ctx.h) that open with a
 * headline (HEADLINE_MIN_CHARS) among their first HEADLINE_WITHIN blocks. */
#define HEADLINE_WITHIN 5

/* The kind block b's own wording votes for most (not body), its weight in *weight. */
int chtml_text_vote_kind(const pith_blk *b, float *weight)
{
    int best = -1;
    float bw = 0;
    for (int k = 0; k < PITH_KIND_COUNT; k++)
        if (k != PITH_KIND_BODY && b->votes[k] > bw) {
            bw = b->votes[k];
            best = k;
        }
    *weight = bw;
    return best;
}

/* Whether two elements are cut from the same template: same tag, same first token. */
int chtml_same_template(const pith_doc *doc, uint32_t a, uint32_t b)
{
    const pith_node *x = &doc->nodes[a], *y = &doc->nodes[b];
    if (x->tag != y->tag)
        return 0;
    uint32_t la, lb;
    const char *ta = repeats_template_token(doc, x, &la), *tb = repeats_template_token(doc, y, &lb);
    return la == lb && memcmp(ta, tb, la) == 0;
}

/* A further article starts with its own headline among its first blocks: any h1-h3
 * in an <article> element, an h1 elsewhere. (The sections of one long article are
 * <section>s and <div>s opened by h2s; they must not pass for articles.) */
static int opens_with_headline(const pith_doc *doc, const pith_node *nd)
{
    int top = nd->tag == TAG_ARTICLE ? 3 : 1;
    for (uint32_t j = nd->first_block; j < nd->end_block && j < nd->first_block + HEADLINE_WITHIN; j++)
        if (doc->blocks[j].heading >= 1 && doc->blocks[j].heading <= top &&
            doc->blocks[j].chars >= HEADLINE_MIN_CHARS)
            return 1;
    return 0;
}

/* A comment thread reads like prose and may be cut from the article's template. */
static int holds_comments(const pith_doc *doc, const pith_node *nd)
{
    for (uint32_t j = nd->first_block; j < nd->end_block; j++)
        if (doc->blocks[j].kind == PITH_KIND_COMMENTS ||
            doc->blocks[j].section == PITH_KIND_COMMENTS + 1)
            return 1;
    return 0;
}

/* Whether element i reads as a complete article of its own: a headline first, prose
 * after it, no comments, no boilerplate verdict. */
int chtml_complete_article(const ctx *c, uint32_t i, double min_good)
{
    const pith_node *nd = &c->doc->nodes[i];
    return c->node_v[i].kind == NO_KIND && chtml_subtree(c->good, nd) >= min_good &&
           chtml_subtree(c->good_n, nd) >= 2 && opens_with_headline(c->doc, nd) &&
           !holds_comments(c->doc, nd);
}

/* The boilerplate verdict that applies to block i: the inherited one, unless it comes
 * from the container itself or one of its ancestors (a wrapper of the article). */
const verdict *chtml_block_verdict(const ctx *c, uint32_t i)
{
    const pith_blk *b = &c->doc->blocks[i];
    if (b->node == PITH_NONE)
        return NULL;
    const verdict *v = &c->node_v[b->node];
    if (v->kind == NO_KIND)
        return NULL;
    if (c->container != PITH_NONE && i >= c->c_first && i < c->c_end &&
        v->node <= c->container)
        return NULL; /* given above the container: it wraps the article */
    return v;
}

/* A kind for a block that is not body and has no verdict, by its shape. */
int chtml_furniture_kind(const pith_blk *b)
{
    double ld = feat_link_density(b);
    if (ld > LINK_BLOCK_DENSITY && b->words >= TRENDING_MIN_WORDS)
        return PITH_KIND_TRENDING;
    return PITH_KIND_NAVIGATION;
}

/* Whether block i is an entry of a picker (<option>): "Reviews" in a blog's category
 * picker names a category, not the reviews. */
int chtml_is_option(const pith_doc *doc, uint32_t i)
{
    uint32_t n = doc->blocks[i].node;
    return n != PITH_NONE && doc->nodes[n].tag == TAG_OPTION;
}
