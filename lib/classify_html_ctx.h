/* Stage 7 (HTML): what the two halves of the HTML classifier share. classify_html.c
 * chooses the main content (steps 0-4) and then hands the page to
 * classify_html_naming.c, which names the furniture left around it (step 5); both work
 * on one per-page context, and both judge blocks with the same few tests, which
 * classify_html_verdicts.c holds below them (so the two halves import nothing of each
 * other's but the hand-over). Internal to those three files. */
#ifndef PITH_CLASSIFY_HTML_CTX_H
#define PITH_CLASSIFY_HTML_CTX_H

#include "doc.h"
#include "tags.h"

#define NO_KIND 0xFF

/* ---- the numbers both halves use (each file names the rest of its own) ------------- */

/* Rule votes (the tables use 1 for a hint, 2 for clear, 3 for unmistakable). */
#define STRONG_VOTE 2.0f /* a text vote this heavy decides a block on its own */
/* Local quality q in [-1, 1] (classify_html.c, step 1). */
#define LINK_BLOCK_DENSITY 0.5 /* above: a link, not prose (q = -1) */
#define GOOD_Q 0.5f            /* q at which a block is good prose */
#define TRENDING_MIN_WORDS 4    /* a link-heavy block of this many words lists stories */
#define HEADLINE_MIN_CHARS 10   /* a headline (the page's <h1>, a further article's) */
#define ARTICLE_MIN_PROSE 300.0 /* a complete article of its own: good prose characters */
#define ANCESTOR_STEPS 16       /* how far up the tree walks go */
/* Misnamed prose regions (classify_html.c, PROSE_REGION_SHARE): templates remembered. */
#define PROSE_REGION_TEMPLATES 8

/* What the main content is, by page type (pith_page_type). An article is prose under a
 * headline and the furniture around it is everything else; other pages put their
 * content in shapes the article path would throw away. The profiles of the types are
 * classify_html.c's PROFILES. */
typedef struct type_profile {
    /* forum: a thread's posts sit in elements named like comments ("post", "reply",
     * "comment-body"); they are the content, not a comment widget */
    uint8_t posts_are_content;
    /* service, product: the content is not running prose (feature lists, specs), so
     * inside the main container any text that is not boilerplate counts, as in the
     * relaxed retry */
    uint8_t relaxed;
    /* listing, collection: the content is the items of the page's main list (a
     * repeated template outside navigation, repeats.h), link-heavy though they are,
     * beside the page's prose */
    uint8_t items_are_content;
    /* service: the page is its sections (hero, features, cards, pricing, FAQ, forms),
     * all of it content but the page's chrome: whatever is not navigation, promotion
     * or comments by its element or its own clear wording is body */
    uint8_t all_but_chrome;
    /* documentation: the same inside the main container, which reaches up to hold the
     * title (a reference page's signature lines, parameter lists and tables sit beside
     * its prose, not in it) */
    uint8_t chrome_in_container;
    /* documentation, service, product: code samples in several languages and long
     * sections, a service page's feature tabs and the answers of its FAQ, a product's
     * description, specs and questions, sit in tabs and accordions that are hidden until
     * clicked; inside the main container, hidden is not boilerplate. (A shop's drawers
     * hide "Sold out" and shipping notes too, but WCXB product pages gain on each fold;
     * on articles the hidden parts of the container are as often drawers and menus:
     * WCXB articles gain and lose about as much.) */
    uint8_t tabs;
    /* product: a shop's sections beside the product (reviews, testimonials) are named
     * by their headings, prose though they are (product_parts) */
    uint8_t shop;
    /* product: the description, the specs and the reviews sit in tabs and accordions
     * hidden until clicked, so hidden text does not count against the element holding
     * it when the main container is chosen (on WCXB product pages, up on three folds of
     * four and level on the fourth); it is still not content itself (tabs) */
    uint8_t hidden_neutral;
} type_profile;

typedef struct verdict {
    uint8_t kind;    /* NO_KIND, or the kind (PITH_KIND_BODY for content-positive) */
    uint32_t node;   /* the element that gave it */
    float weight;
    uint16_t rule;
} verdict;

typedef struct ctx {
    pith_doc *doc;
    uint32_t n;             /* blocks */
    float *q;               /* local quality per block */
    double *value;          /* prefix sums of the container value, n + 1 */
    double *good;           /* prefix sums of good prose characters, n + 1 */
    double *good_n;         /* prefix counts of good blocks, n + 1 */
    double *chars;          /* prefix sums of characters, n + 1 */
    double *dialog_good;    /* prefix sums of good prose characters inside dialogs, n + 1 */
    double *dialog_n;       /* prefix counts of good blocks inside dialogs, n + 1 */
    uint32_t prose_region[PROSE_REGION_TEMPLATES]; /* templates of misnamed prose regions */
    uint32_t n_prose_region;
    verdict *node_v;        /* inherited boilerplate verdict per node */
    verdict *node_body;     /* inherited body-positive verdict per node */
    uint32_t container;     /* chosen element, PITH_NONE if none */
    uint32_t c_first, c_end; /* its block range */
    int relaxed;            /* chosen with relaxed filters: neutral text counts */
    const type_profile *profile; /* of the page's type */
    uint8_t *item;          /* per block: inside an item of the main list (items_are_content) */
    uint8_t *menu;          /* per block: in a run of short links (all_but_chrome) */
} ctx;

static inline int chtml_in_container(const ctx *c, uint32_t i)
{
    return i >= c->c_first && i < c->c_end;
}

/* Whether element nd holds the whole main container (is it, or one of its ancestors). */
static inline int chtml_holds_container(const ctx *c, const pith_node *nd)
{
    return c->container != PITH_NONE && nd->first_block <= c->c_first && nd->end_block >= c->c_end;
}

static inline int chtml_is_page_root(const pith_node *nd)
{
    return nd->tag == TAG_HTML || nd->tag == TAG_BODY;
}

/* The sum of a prefix-summed per-block figure over element nd's blocks. */
static inline double chtml_subtree(const double *prefix, const pith_node *nd)
{
    return prefix[nd->end_block] - prefix[nd->first_block];
}

/* ---- classify_html_verdicts.c: the tests both halves judge blocks by --------------- */

/* The kind block b's own wording votes for most (not body), its weight in *weight; -1
 * when none. */
int chtml_text_vote_kind(const pith_blk *b, float *weight);
/* Whether two elements are cut from the same template: same tag, same first token. */
int chtml_same_template(const pith_doc *doc, uint32_t a, uint32_t b);
/* The boilerplate verdict that applies to block i (not one given to the container or
 * above it), or NULL. */
const verdict *chtml_block_verdict(const ctx *c, uint32_t i);
/* The kind of a block that is not body and has no verdict, by its shape. */
int chtml_furniture_kind(const pith_blk *b);
/* Whether block i is an entry of a picker (<option>). */
int chtml_is_option(const pith_doc *doc, uint32_t i);
/* Whether element i is a complete article of its own: a headline first, at least
 * min_good characters of prose after it, no comments, no boilerplate verdict. */
int chtml_complete_article(const ctx *c, uint32_t i, double min_good);

/* ---- classify_html_naming.c -------------------------------------------------------- */

/* Step 5: names the furniture left around the settled article (and the title block). */
void chtml_name_furniture(ctx *c);

#endif
