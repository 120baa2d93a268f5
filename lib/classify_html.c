/* Classifying the blocks of an HTML page.
 *
 * 0. Hidden elements: an element hiding most of the page is a script's reveal wrapper,
 *    not hidden content.
 * 1. Local quality: each block gets q in [-1, 1] from its own features (length, link
 *    density, stopword density, sentences) and its text-rule votes, as jusText's
 *    paragraph classes do.
 * 2. Element verdicts: the attr rules' votes (and semantic tags: nav, footer, aside)
 *    are inherited down the element table, the nearest verdict winning. A verdict on an
 *    element that wraps most of the page's good prose (not counting the prose of
 *    dialogs) is a layout wrapper's name ("content-sidebar-wrap") and is ignored; a
 *    region named as navigation that opens under the headline and holds prose is the
 *    article under a misleading name.
 * 3. Main container: every element scores the sum over its blocks of q x length
 *    (boilerplate verdicts count negative); the element with the highest sum is the
 *    article, the tree version of a maximum-subarray choice. Prefix sums over the flat
 *    block list make each element's sum O(1). The headline's <article>, when it holds
 *    most of that prose, is the article rather than the section around it.
 * 4. Labels: inside the container, good blocks are body, boilerplate verdicts keep their
 *    kind, and short or uncertain blocks take the class of their neighbours (jusText's
 *    context pass). Outside it, verdicts decide, else link lists are trending or
 *    navigation by their shape; but content marked unmistakably as the article's (an
 *    embedded post, a recipe's ingredients) is body wherever it sits, and so are good
 *    paragraphs right beside the container (Readability's sibling pass). The title is
 *    the heading that matches the page title.
 * 5. Naming the furniture: once the article is settled, what was left as generic page
 *    furniture is named where its place or wording says more (the page's one <h1>,
 *    the standfirst and dateline by the headline, a tag list under its head, lists of
 *    headlines, the fields of a sign-up form). These passes do not turn body into
 *    furniture, but on a shop's page, where the reviews and testimonials under their
 *    heading are prose, and a section of unlinked entries under a heading of other
 *    items is given back to the product.
 *
 * The page type (page_type.h) changes what the main content is, through the profile of
 * its type (PROFILES below): a forum's posts, a listing's items, a service page's
 * sections, a reference page's tables and tabs. Every number of these steps is named,
 * with its reason, in the block of defines below.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "block_features.h"
#include "classify.h"
#include "extractor.h"
#include "repeats.h"
#include "rules.h"
#include "stopwords.h"
#include "tags.h"
#include "title.h"

#define NO_KIND 0xFF

/* ---- the numbers: every threshold and weight of this path, named here ---------------- */

/* Rule votes (the tables use 1 for a hint, 2 for clear, 3 for unmistakable). */
#define STRONG_VOTE 2.0f /* a text vote this heavy decides a block on its own */
#define HINT_VOTE 1.0f   /* a text vote this heavy counts against prose */

/* 1. Local quality q in [-1, 1]. Stopword density is the prose signal (jusText); the
 * lists are short, so body paragraphs sit around 0.45 (English scale) and rarely below
 * 0.30. q maps density SD_ZERO -> 0 and SD_ZERO + SD_SPAN -> 1, floored at SD_FLOOR. */
#define LINK_BLOCK_DENSITY 0.5 /* above: a link, not prose (q = -1) */
#define LINKY_DENSITY 0.25     /* above: prose with many links, q lowered */
#define LINKY_PENALTY 0.6f
#define HINT_PENALTY 0.5f      /* a hint vote for another kind lowers q */
#define SD_ZERO 0.15
#define SD_SPAN 0.20
#define SD_FLOOR (-0.5)
#define LONG_BLOCK_CHARS 150   /* a paragraph: q is the density's */
#define MID_BLOCK_CHARS 70     /* shorter: q counts MID_BLOCK_SHARE of it */
#define MID_BLOCK_SHARE 0.7
#define SHORT_PROSE_DENSITY 0.2 /* a short sentence with stopwords: a little good */
#define SHORT_PROSE_Q 0.2f
#define NOLANG_LONG_Q 0.9f     /* no stopword list: long blocks with sentences */
#define NOLANG_MID_Q 0.5f
#define GOOD_Q 0.5f            /* q at which a block is good prose */
#define BAD_Q (-0.5f)          /* q at which a block is not */

/* 2. Element verdicts: a verdict on an element holding over WRAPPER_SHARE of the page's
 * good prose (and of its good blocks) names a layout wrapper. Tags imply kinds with
 * these weights when no class says more. */
#define WRAPPER_SHARE 0.5
#define TAG_WEIGHT 1.5f
#define NAV_TAG_WEIGHT 2.0f
#define FIGCAPTION_WEIGHT 3.0f
#define FORM_TAG_WEIGHT 1.0f
#define ITEM_BODY_WEIGHT 3.0f  /* itemprop=articleBody: unmistakable, as a weight-3 rule */
/* A region named as navigation that opens right under the headline and whose text is
 * prose (at least PROSE_REGION_SHARE of its characters, q-weighted, in at least
 * PROSE_REGION_MIN_BLOCKS good blocks) is the article under a misleading name (a
 * "content-nav-section" that a jump menu links to, a page builder's "textwidget");
 * its siblings cut from the same template are the article's further sections. A
 * sidebar's widgets do not open under the headline. */
#define PROSE_REGION_SHARE 0.5
#define PROSE_REGION_MIN_BLOCKS 1
#define PROSE_REGION_TEMPLATES 8 /* templates remembered */

/* 3. Main container. Values: good prose counts its characters times q; a boilerplate
 * verdict counts against with its weight up to VERDICT_FULL_WEIGHT; doubtful text and
 * prose in list items count BAD_SHARE and LIST_ITEM_SHARE of theirs. */
#define VERDICT_FULL_WEIGHT 2.0
#define BAD_SHARE 0.5
#define LIST_ITEM_SHARE 0.5
#define ARTICLE_BONUS 1.1    /* <article>, <main>, or a body-marked element */
#define TITLE_BONUS 1.4      /* an element starting right after the title */
#define TITLE_GAP_BLOCKS 15  /* "right after": at most this many blocks ... */
#define TITLE_GAP_CHARS 400  /* ... holding less text than this */
#define CLIMB_SHARE 0.85     /* climb to a parent scoring this share of the best */
#define CLIMB_MARKED_SHARE 0.5 /* ... or this share when it is marked as the body */
#define RELAXED_BELOW 300.0  /* below this score the relaxed retry is tried */
/* the headline's <article> is the article when it holds ARTICLE_CEILING_GOOD good
 * paragraphs and ARTICLE_CEILING_PROSE characters of prose (q-weighted): a header
 * <article> with the headline, the date and a standfirst is not */
#define ARTICLE_CEILING_GOOD 2
#define ARTICLE_CEILING_PROSE 400.0
#define ARTICLE_CEILING_SHARE 0.5 /* ... and this share of the container's prose */

/* 4. Labels. */
#define TRENDING_MIN_WORDS 4    /* a link-heavy block of this many words lists stories */
#define TABLE_MAX_LINKS 0.5     /* a table or list in the article is prose while links */
#define LIST_MAX_LINKS 0.35     /* hold at most this share of its text */
#define LIST_LIKE_CHARS 40      /* a short line can belong to a list of stories */
#define SECTION_END_LINKS 0.3   /* prose with fewer links ends a section of stories */
#define LEAD_MAX_BLOCKS 30      /* a lead paragraph sits this close to the title */
#define HEADLINE_MIN_CHARS 10   /* a further article's headline */
#define HEADLINE_WITHIN 5       /* ... among its first blocks */
#define ARTICLE_MIN_PROSE 300.0 /* a complete further article: good prose characters */
#define STREAM_SHARE 0.6        /* articles of a stream hold this share of the prose */
#define STREAM_MAX_CANDIDATES 64
#define STREAM_MAX_DEPTH 3      /* a stream's articles sit this close under the container */
#define FURTHER_MAX 250         /* further articles labelled */
#define ANCESTOR_STEPS 16       /* how far up the tree walks go */
#define GROUP_STEPS 64
/* Context pass: between the article's first and last paragraph a line is the article's
 * unless it is mostly links, votes otherwise, or is a one- or two-word label
 * ("Related", "Share now!", "Credit:"). */
#define SPAN_MAX_LINK_DENSITY 0.5
#define SPAN_MIN_WORDS 3
/* Menus without a name: at least MENU_RUN_MIN short links in a row. */
#define MENU_RUN_MIN 4
#define MENU_LINK_MAX_CHARS 40
/* Teaser lists in a sidebar: a region named only by a hint (a widget, a sidebar, an
 * <aside>) that holds at least TEASER_MIN_HEADLINES headlines of other stories (a link
 * or a heading of TEASER_HEADLINE_WORDS words or more), making up at least
 * TEASER_HEADLINE_SHARE of its links, lists stories: its furniture (kickers, dates,
 * snippets) is the list's. A blog's "Categories" or "Archives" widget holds short links;
 * menus are named clearly and are not hints. */
#define TEASER_MIN_HEADLINES 3
#define TEASER_HEADLINE_WORDS 5
#define TEASER_HEADLINE_SHARE 0.5
/* ... and holds no more than TEASER_MAX_PROSE words of unlinked text a headline: a
 * teaser's snippet is a sentence or two, while a page builder's text widgets (headed
 * questions each answered in paragraphs) hold the article itself. */
#define TEASER_MAX_PROSE 60
/* A teaser's own furniture: the kicker, source, date, "more" link and photo credit
 * around the headline of a story in a list, inside the smallest element (at most
 * TEASER_ITEM_STEPS up, TEASER_ITEM_MAX_BLOCKS blocks) that holds that one headline. */
#define TEASER_ITEM_STEPS 4
#define TEASER_ITEM_MAX_BLOCKS 8
/* The standfirst under the headline: within STANDFIRST_WITHIN blocks of it, at least
 * STANDFIRST_MIN_WORDS words (a kicker or a section label is shorter). */
#define STANDFIRST_WITHIN 3
#define STANDFIRST_MIN_WORDS 6
/* A dateline: a line of at most DATELINE_MAX_CHARS with a date, within DATELINE_WITHIN
 * blocks of the headline (above it for a date over the headline). */
#define DATELINE_WITHIN 4
#define DATELINE_MAX_CHARS 80
/* A tag list: at most TAG_LIST_MAX tags of at most TAG_MAX_CHARS each, under a head in
 * the article or in the TAIL_MAX_BLOCKS blocks after it. */
#define TAG_LIST_MAX 30
#define TAG_MAX_CHARS 200
#define TAIL_MAX_BLOCKS 15
#define SIBLING_STEPS 1          /* prose beside the container: levels under its parent */
#define DUPLICATE_MIN_CHARS 40   /* a repeated paragraph, not a repeated label */
#define HIDDEN_WRAPPER_SHARE 0.5 /* a hidden element over this share of the text reveals */

/* ---- labelling of embeds and furniture (branch issue6-seghtml) ---- */
/* An embedded post (a tweet, an Instagram post) is named by body rules of this weight
 * (rules/html.rules: above "unmistakable", so that no sum of article-name hints reaches
 * it): quoted content, all of it, its attribution and links included. */
#define EMBED_RULE_WEIGHT 4.0f
/* A list (<ul>, <ol>) whose link entries are mostly other stories' headlines (at least
 * LIST_TRENDING_MIN of them, LIST_TRENDING_SHARE of its link entries) lists stories: its
 * shorter entries ("Shows", a three-word headline cut short) are the list's too. The
 * list is the nearest one at most LIST_STEPS elements up. A head left as furniture over
 * LIST_TRENDING_MIN headlines in a row ("Most read columns") is the list's as well. */
#define LIST_TRENDING_MIN 3
#define LIST_TRENDING_SHARE 0.6
#define LIST_STEPS 3

/* ---- product pages (branch issue6-product) ---- */
/* A shop's reviews and testimonials are prose: a section of comments that a heading
 * opens on a product page ("Customer Reviews", "What our clients say") holds all of its
 * region, not only the furniture up to its first paragraph as a list of stories does. */
/* A list of other products links each entry to its page: a section of at least
 * SPECS_MIN_ENTRIES entries none of which links is the product's own (product_specs). */
#define SPECS_MIN_ENTRIES 2

/* What the main content is, by page type (pith_page_type). An article is prose under a
 * headline and the furniture around it is everything else; other pages put their
 * content in shapes the article path would throw away. */
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
    /* documentation: code samples in several languages and long sections sit in tabs
     * and accordions that are hidden until clicked; inside the main container, hidden
     * is not boilerplate */
    uint8_t tabs;
    /* product: a shop's sections beside the product (reviews, testimonials) are named
     * by their headings, prose though they are (product_parts) */
    uint8_t shop;
} type_profile;

static const type_profile PROFILES[PITH_PAGE_COUNT] = {
    [PITH_PAGE_AUTO] = {0, 0, 0, 0, 0, 0},
    [PITH_PAGE_ARTICLE] = {0, 0, 0, 0, 0, 0},
    [PITH_PAGE_FORUM] = {1, 0, 0, 0, 0, 0},
    [PITH_PAGE_PRODUCT] = {0, 1, 0, 0, 0, 0, 1},
    [PITH_PAGE_COLLECTION] = {0, 0, 1, 0, 0, 0},
    [PITH_PAGE_LISTING] = {0, 0, 1, 0, 0, 0},
    [PITH_PAGE_DOCUMENTATION] = {0, 0, 0, 0, 1, 1},
    [PITH_PAGE_SERVICE] = {0, 1, 0, 1, 0, 0},
    [PITH_PAGE_OTHER] = {0, 0, 0, 0, 0, 0},
};

/* A detected type changes how the content is found only when the model is fairly sure
 * of it, counting the types that find it the same way together (a listing or a
 * collection: the items): an article read as a listing loses its text, while a listing
 * read as an article keeps some. A forced type always applies. */
#define PROFILE_MIN_PROB 0.5
/* ... and the article's reading is that fallback only while an article is itself
 * plausible: a page the model thinks unlikely to be one (a product or service page whose
 * probability is split between the two) is read as its most probable type. */
#define ARTICLE_FALLBACK_MIN 0.2

static const type_profile *page_profile(const pith_doc *doc)
{
    pith_page_type t = doc->page_type < PITH_PAGE_COUNT ? doc->page_type : PITH_PAGE_ARTICLE;
    if (doc->ex->opts.page_type != PITH_PAGE_AUTO || doc->page_prob[t] == 0)
        return &PROFILES[t];
    double p = 0;
    for (int k = 0; k < PITH_PAGE_COUNT; k++)
        if (memcmp(&PROFILES[k], &PROFILES[t], sizeof PROFILES[t]) == 0)
            p += doc->page_prob[k];
    return p >= PROFILE_MIN_PROB || doc->page_prob[PITH_PAGE_ARTICLE] < ARTICLE_FALLBACK_MIN
               ? &PROFILES[t]
               : &PROFILES[PITH_PAGE_ARTICLE];
}


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

/* ---- 0. hidden elements ------------------------------------------------------------ */


/* Pages that reveal their content with a script (a "lockdown" or "loading" wrapper,
 * a fade-in) ship it inside a display:none element; the reader sees it. An element
 * hiding most of the page's text (HIDDEN_WRAPPER_SHARE) is taken for that, and its
 * blocks stay visible unless a smaller hidden element inside it hides them too. */
static void reveal_hidden_wrappers(pith_doc *doc)
{
    uint32_t nb = doc->n_blocks;
    uint64_t total = 0;
    for (uint32_t i = 0; i < nb; i++)
        total += doc->blocks[i].chars;
    int any = 0;
    for (uint32_t i = 0; i < doc->n_nodes && !any; i++)
        any = (doc->nodes[i].flags & NF_HIDDEN) != 0;
    if (!any || !total)
        return;
    /* prefix sums of characters, then a difference array of the small hidden elements */
    uint64_t *chars = malloc(((size_t)nb + 1) * sizeof *chars);
    int32_t *cover = calloc((size_t)nb + 1, sizeof *cover);
    if (!chars || !cover) {
        free(chars);
        free(cover);
        doc->strings.oom = 1;
        return;
    }
    chars[0] = 0;
    for (uint32_t i = 0; i < nb; i++)
        chars[i + 1] = chars[i] + doc->blocks[i].chars;
    int wrapper = 0;
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        if (!(nd->flags & NF_HIDDEN) || nd->end_block <= nd->first_block)
            continue;
        if ((double)(chars[nd->end_block] - chars[nd->first_block]) > HIDDEN_WRAPPER_SHARE * (double)total) {
            wrapper = 1;
            continue;
        }
        cover[nd->first_block]++;
        cover[nd->end_block]--;
    }
    int32_t depth = 0;
    for (uint32_t i = 0; wrapper && i < nb; i++) {
        depth += cover[i];
        if (depth == 0 && (doc->blocks[i].flags & PITH_BLOCK_HIDDEN)) {
            doc->blocks[i].flags &= ~PITH_BLOCK_HIDDEN;
            doc_note(doc, i, "inside an element hiding most of the page: shown by a script");
        }
    }
    free(chars);
    free(cover);
}

/* ---- 1. local quality ------------------------------------------------------------- */

static int text_vote_kind(const pith_blk *b, float *weight)
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

/* `sd_scale` brings the page language's stopword densities to the scale of English. */
static float local_quality(const pith_doc *doc, const pith_blk *b, double sd_scale)
{
    if (b->chars == 0)
        return 0;
    float tw;
    int tk = text_vote_kind(b, &tw);
    if (tk >= 0 && tw >= STRONG_VOTE)
        return -1;
    double ld = feat_link_density(b);
    if (ld > LINK_BLOCK_DENSITY)
        return -1;
    double c = b->chars;
    float q;
    if (doc->lang >= 0) {
        double sd = feat_stopword_density(b) * sd_scale;
        double s = (sd - SD_ZERO) / SD_SPAN;
        s = s > 1 ? 1 : (s < SD_FLOOR ? SD_FLOOR : s);
        if (c >= LONG_BLOCK_CHARS)
            q = (float)s;
        else if (c >= MID_BLOCK_CHARS)
            q = (float)(s * MID_BLOCK_SHARE);
        else
            q = sd >= SHORT_PROSE_DENSITY && b->sentences ? SHORT_PROSE_Q : 0;
    } else {
        /* no stopword list for this language: sentences and length carry it */
        if (c >= LONG_BLOCK_CHARS && (b->sentences || b->commas))
            q = NOLANG_LONG_Q;
        else if (c >= MID_BLOCK_CHARS && b->sentences)
            q = NOLANG_MID_Q;
        else
            q = 0;
    }
    if (ld > LINKY_DENSITY)
        q -= LINKY_PENALTY;
    if (tk >= 0 && tw >= HINT_VOTE)
        q -= HINT_PENALTY;
    return q < -1 ? -1 : q;
}

/* ---- 2. element verdicts ---------------------------------------------------------- */

/* Whether two elements are cut from the same template: same tag, same first token. */
static int same_template(const pith_doc *doc, uint32_t a, uint32_t b)
{
    const pith_node *x = &doc->nodes[a], *y = &doc->nodes[b];
    if (x->tag != y->tag)
        return 0;
    const char *ta = doc_str(doc, x->attrs), *tb = doc_str(doc, y->attrs);
    size_t la = strcspn(ta, " "), lb = strcspn(tb, " ");
    return la == lb && memcmp(ta, tb, la) == 0;
}


/* Kinds that semantic elements imply when no class says otherwise. */
static int tag_kind(int tag, int in_article, float *w)
{
    *w = TAG_WEIGHT;
    switch (tag) {
    case TAG_NAV: *w = NAV_TAG_WEIGHT; return PITH_KIND_NAVIGATION;
    case TAG_FOOTER:
    case TAG_HEADER: return in_article ? NO_KIND : PITH_KIND_NAVIGATION;
    case TAG_ASIDE: return PITH_KIND_NAVIGATION;
    case TAG_MENU: return PITH_KIND_NAVIGATION;
    case TAG_DIALOG: return PITH_KIND_PROMO;
    case TAG_FIGCAPTION: *w = FIGCAPTION_WEIGHT; return PITH_KIND_CAPTION;
    case TAG_SELECT: case TAG_OPTION: case TAG_BUTTON: case TAG_LABEL:
        *w = FORM_TAG_WEIGHT;
        return PITH_KIND_NAVIGATION;
    default: return NO_KIND;
    }
}

static double subtree(const double *prefix, const pith_node *nd)
{
    return prefix[nd->end_block] - prefix[nd->first_block];
}

static int follows_title(const ctx *c, const pith_node *nd);

/* Whether element i, named as navigation, is a prose region of the article (see
 * PROSE_REGION_SHARE): the first opens under the headline, the others share its
 * template wherever they sit (a page builder nests each section in its own grid row). */
static int misnamed_prose(ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    const pith_node *nd = &doc->nodes[i];
    if (subtree(c->good_n, nd) < PROSE_REGION_MIN_BLOCKS ||
        subtree(c->good, nd) < PROSE_REGION_SHARE * subtree(c->chars, nd))
        return 0;
    for (uint32_t k = 0; k < c->n_prose_region; k++)
        if (same_template(doc, c->prose_region[k], i))
            return 1;
    if (!follows_title(c, nd) || nd->first_block <= doc->title_block)
        return 0;
    if (c->n_prose_region < PROSE_REGION_TEMPLATES)
        c->prose_region[c->n_prose_region++] = i;
    return 1;
}

static void node_verdicts(ctx *c)
{
    pith_doc *doc = c->doc;
    double total_good = c->good[c->n] - c->dialog_good[c->n];
    double total_n = c->good_n[c->n] - c->dialog_n[c->n];
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        verdict inh = {NO_KIND, PITH_NONE, 0, PITH_VOTE_NOTE};
        verdict body = inh;
        int in_article = 0;
        if (nd->parent != PITH_NONE) {
            inh = c->node_v[nd->parent];
            body = c->node_body[nd->parent];
            in_article = body.kind == PITH_KIND_BODY ||
                         doc->nodes[nd->parent].tag == TAG_ARTICLE;
        }
        if (nd->tag == TAG_ARTICLE || nd->tag == TAG_MAIN || (nd->flags & NF_ITEM_BODY))
            in_article = 1;
        if (nd->tag == TAG_HTML || nd->tag == TAG_BODY) {
            c->node_v[i] = inh;
            c->node_body[i] = body;
            continue;
        }
        /* a verdict on an element holding most of the page's prose names a layout
         * wrapper, not a region. The prose of dialogs does not count: a dialog (a
         * consent manager's settings, a sign-up form) is laid over the page, and the
         * element holding it is named for it, however much it says */
        double sub_good = subtree(c->good, nd) - subtree(c->dialog_good, nd);
        double sub_n = subtree(c->good_n, nd) - subtree(c->dialog_n, nd);
        int wrapper = total_good > 0 && sub_good > WRAPPER_SHARE * total_good && sub_n >= 2 &&
                      sub_n >= WRAPPER_SHARE * total_n;
        float best_w = 0;
        int best = NO_KIND;
        uint16_t rule = PITH_VOTE_NOTE;
        if (nd->votes != PITH_NONE) {
            const pith_attr_votes *av = &doc->attr_votes[nd->votes];
            for (int k = 0; k < PITH_KIND_COUNT; k++)
                if (av->w[k] > best_w) {
                    best_w = av->w[k];
                    best = k;
                    rule = av->rule[k];
                }
        }
        if (best == PITH_KIND_COMMENTS && c->profile->posts_are_content) {
            best = NO_KIND;
            best_w = 0;
        }
        if (best == PITH_KIND_NAVIGATION && misnamed_prose(c, i)) {
            best = NO_KIND;
            best_w = 0;
        }
        float tw;
        int tk = tag_kind(nd->tag, in_article, &tw);
        if (tk != NO_KIND && tw > best_w) {
            best = tk;
            best_w = tw;
            rule = PITH_VOTE_NOTE;
        }
        if (nd->flags & NF_ITEM_BODY) {
            best = PITH_KIND_BODY;
            best_w = ITEM_BODY_WEIGHT;
            rule = PITH_VOTE_NOTE;
        }
        if (best == PITH_KIND_BODY) {
            body = (verdict){PITH_KIND_BODY, i, best_w, rule};
            /* a content-positive element below a boilerplate one starts afresh: an
             * article inside a "main-wrap sidebar-layout" */
            if (inh.kind != NO_KIND && !wrapper)
                inh = (verdict){NO_KIND, PITH_NONE, 0, PITH_VOTE_NOTE};
        } else if (best != NO_KIND && !wrapper) {
            inh = (verdict){(uint8_t)best, i, best_w, rule};
        }
        c->node_v[i] = inh;
        c->node_body[i] = body;
    }
}

/* ---- 3. main container ------------------------------------------------------------ */

static int is_page_root(const pith_node *nd)
{
    return nd->tag == TAG_HTML || nd->tag == TAG_BODY;
}

/* Whether an element starts right after the title: only a few short blocks (byline,
 * date, share buttons) between them. boilerpipe anchors the article at the title the
 * same way; it is what tells an article from the teaser list below it, whose snippets
 * read like prose too. */
static int follows_title(const ctx *c, const pith_node *nd)
{
    uint32_t t = c->doc->title_block;
    if (t == PITH_NONE)
        return 0;
    if (nd->first_block <= t)
        return nd->end_block > t;
    if (nd->first_block - t > TITLE_GAP_BLOCKS)
        return 0;
    uint32_t text = 0;
    for (uint32_t i = t + 1; i < nd->first_block; i++)
        text += c->doc->blocks[i].chars;
    return text < TITLE_GAP_CHARS;
}

static double node_score(const ctx *c, uint32_t i, const double *prefix)
{
    const pith_node *nd = &c->doc->nodes[i];
    double s = subtree(prefix, nd);
    if (s <= 0)
        return s;
    if (c->node_body[i].node == i || nd->tag == TAG_ARTICLE || nd->tag == TAG_MAIN)
        s *= ARTICLE_BONUS;
    if (follows_title(c, nd))
        s *= TITLE_BONUS;
    return s;
}

static uint32_t best_node(const ctx *c, const double *prefix, double *score)
{
    const pith_doc *doc = c->doc;
    double best = 0;
    uint32_t arg = PITH_NONE;
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        if (nd->end_block <= nd->first_block || is_page_root(nd))
            continue;
        double s = node_score(c, i, prefix);
        if (s > best) {
            best = s;
            arg = i;
        }
    }
    *score = best;
    return arg;
}

/* The best element is often one paragraph too deep (one long paragraph outscores an
 * article whose captions and inline ads cost it a little): climb while the parent is
 * nearly as good, or is itself marked as the article body. <body> is a parent like any
 * other (a page without layout elements puts its sections side by side in it, and its
 * best section alone is a fraction of it); <html> is not. */
static uint32_t climb(const ctx *c, uint32_t best, const double *prefix)
{
    const pith_doc *doc = c->doc;
    double top = node_score(c, best, prefix);
    uint32_t cur = best;
    for (;;) {
        uint32_t p = doc->nodes[cur].parent;
        if (p == PITH_NONE || doc->nodes[p].tag == TAG_HTML)
            break;
        double ps = node_score(c, p, prefix);
        int body_marked = c->node_body[p].node == p || (doc->nodes[p].flags & NF_ITEM_BODY);
        if ((body_marked && ps >= CLIMB_MARKED_SHARE * top) || ps >= CLIMB_SHARE * top)
            cur = p;
        else
            break;
    }
    return cur;
}

/* The <article> element that holds the headline and its prose (ARTICLE_CEILING_GOOD)
 * is the article, when the chosen container is above it: what sits beside
 * it in the same section (an author box, "also in the news" teasers with their
 * snippets) is not its text, however prose-like. A forum's first post is not the
 * thread. */
static uint32_t headline_article(const ctx *c, uint32_t container)
{
    const pith_doc *doc = c->doc;
    const pith_node *cn = &doc->nodes[container];
    uint32_t t = doc->title_block;
    /* the container must hold the headline: then every <article> on the way up from it
     * lies below the container */
    if (t == PITH_NONE || doc->blocks[t].node == PITH_NONE || t < cn->first_block ||
        t >= cn->end_block)
        return container;
    uint32_t art = PITH_NONE;
    for (uint32_t n = doc->blocks[t].node, steps = 0; n != PITH_NONE && n != container &&
                                                      steps < ANCESTOR_STEPS;
         n = doc->nodes[n].parent, steps++)
        if (doc->nodes[n].tag == TAG_ARTICLE)
            art = n;
    if (art == PITH_NONE)
        return container;
    double good = subtree(c->good, &doc->nodes[art]);
    return subtree(c->good_n, &doc->nodes[art]) >= ARTICLE_CEILING_GOOD &&
                   good >= ARTICLE_CEILING_PROSE &&
                   good >= ARTICLE_CEILING_SHARE * subtree(c->good, cn)
               ? art
               : container;
}

static void choose_container(ctx *c, double *relaxed)
{
    pith_doc *doc = c->doc;
    double score;
    uint32_t best = best_node(c, c->value, &score);
    c->relaxed = 0;
    if (c->profile->relaxed) {
        best = best_node(c, relaxed, &score);
        c->relaxed = 1;
    } else if (score < RELAXED_BELOW) {
        /* little prose anywhere (a results table, a calendar, a language without a
         * stopword list): as Readability does, retry with the filters relaxed, where
         * any text that is not boilerplate counts */
        double rscore;
        uint32_t rbest = best_node(c, relaxed, &rscore);
        if (rbest != PITH_NONE && rscore > score) {
            best = rbest;
            c->relaxed = 1;
        }
    }
    c->container = best == PITH_NONE ? PITH_NONE : climb(c, best, c->relaxed ? relaxed : c->value);
    if (c->container != PITH_NONE && !c->profile->posts_are_content)
        c->container = headline_article(c, c->container);
    if (c->container != PITH_NONE) {
        c->c_first = doc->nodes[c->container].first_block;
        c->c_end = doc->nodes[c->container].end_block;
    } else {
        c->c_first = c->c_end = 0;
    }
}

/* The lowest element holding both the container and the title block, or the container
 * when that is the page itself. */
static void reach_title(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t t = doc->title_block;
    if (c->container == PITH_NONE || t == PITH_NONE || doc->blocks[t].node == PITH_NONE ||
        (t >= c->c_first && t < c->c_end))
        return;
    uint32_t n = c->container;
    while (n != PITH_NONE && !(doc->nodes[n].first_block <= t && t < doc->nodes[n].end_block))
        n = doc->nodes[n].parent;
    if (n == PITH_NONE || is_page_root(&doc->nodes[n]))
        return;
    c->container = n;
    c->c_first = doc->nodes[n].first_block;
    c->c_end = doc->nodes[n].end_block;
}

/* ---- 4. labels -------------------------------------------------------------------- */

/* The boilerplate verdict that applies to block i: the inherited one, unless it comes
 * from the container itself or one of its ancestors (a wrapper of the article). */
static const verdict *block_verdict(const ctx *c, uint32_t i)
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

static int in_container(const ctx *c, uint32_t i) { return i >= c->c_first && i < c->c_end; }

/* A kind for a block that is not body and has no verdict, by its shape. */
static int furniture_kind(const pith_blk *b)
{
    double ld = feat_link_density(b);
    if (ld > LINK_BLOCK_DENSITY && b->words >= TRENDING_MIN_WORDS)
        return PITH_KIND_TRENDING;
    return PITH_KIND_NAVIGATION;
}

/* The list or table a block belongs to inside the container (the outermost such
 * element below the container), or PITH_NONE. */
static uint32_t block_group(const ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    uint32_t g = PITH_NONE;
    for (uint32_t n = doc->blocks[i].node, steps = 0; n != PITH_NONE && n != c->container &&
                                                      steps < GROUP_STEPS;
         n = doc->nodes[n].parent, steps++) {
        int t = doc->nodes[n].tag;
        if (t == TAG_TABLE || t == TAG_UL || t == TAG_OL || t == TAG_DL)
            g = n;
    }
    return g;
}

/* Lists and tables inside the article are judged whole: a cell or item is too short
 * to speak for itself, and a linked cell of a data table is not a link list. A group
 * whose text is mostly not links leaves its blocks to the context pass. Each group's
 * verdict is computed once (group_cache: 0 unknown, 1 prose, 2 links). */
static int in_prose_group(const ctx *c, uint32_t i, uint8_t *group_cache)
{
    uint32_t g = block_group(c, i);
    if (g == PITH_NONE)
        return 0;
    if (!group_cache[g]) {
        const pith_node *nd = &c->doc->nodes[g];
        uint64_t chars = 0, links = 0;
        for (uint32_t j = nd->first_block; j < nd->end_block; j++) {
            chars += c->doc->blocks[j].chars;
            links += c->doc->blocks[j].link_chars;
        }
        double limit = nd->tag == TAG_TABLE ? TABLE_MAX_LINKS : LIST_MAX_LINKS;
        group_cache[g] = chars > 0 && (double)links <= limit * (double)chars ? 1 : 2;
    }
    return group_cache[g] == 1;
}

enum { SIDE_NONE, SIDE_BODY, SIDE_OTHER };

/* What the decided block j says to a neighbour whose parent element spans blocks
 * [lo, hi): body, not body, or nothing (none, or not body but outside that element). */
static int side_of(const pith_doc *doc, uint32_t j, uint32_t lo, uint32_t hi)
{
    if (j == PITH_NONE)
        return SIDE_NONE;
    if (doc->blocks[j].kind == PITH_KIND_BODY)
        return SIDE_BODY;
    return j >= lo && j < hi ? SIDE_OTHER : SIDE_NONE;
}

/* Blocks the context pass looks through for a neighbour: the undecided, the empty, and
 * captions, which sit between paragraphs of an article without ending it. */
static int transparent(const pith_doc *doc, const uint8_t *pending, uint32_t j)
{
    const pith_blk *b = &doc->blocks[j];
    return pending[j] || b->chars == 0 || b->kind == PITH_KIND_CAPTION;
}

/* ---- items of a list ---------------------------------------------------------------- */

/* Whether a repeated group can be the page's list: not inside navigation, a promotion
 * or a comment thread, not hidden, and shaped like items. */
static int item_group_ok(const ctx *c, const repeat_group *g)
{
    const pith_doc *doc = c->doc;
    const verdict *v = &c->node_v[g->parent];
    if (v->kind == PITH_KIND_NAVIGATION || v->kind == PITH_KIND_PROMO ||
        v->kind == PITH_KIND_COMMENTS ||
        (doc->blocks[doc->nodes[g->parent].first_block].flags & PITH_BLOCK_HIDDEN))
        return 0;
    return repeats_item_shaped(g);
}

/* Marks the blocks of the main list's items (c->item): the best eligible group, and
 * the groups cut from the same template elsewhere on the page (a list split into
 * sections, a grid continued below a banner). The container stays where the page's
 * prose is: a shop category's or a section front's introduction is content too. */
static void find_items(ctx *c)
{
    pith_doc *doc = c->doc;
    repeat_group *g;
    size_t ng;
    if (repeats_find(doc, NULL, &g, &ng)) {
        doc->strings.oom = 1;
        return;
    }
    const repeat_group *best = NULL;
    for (size_t k = 0; k < ng; k++)
        if (item_group_ok(c, &g[k]) && (!best || repeats_item_score(&g[k]) > repeats_item_score(best)))
            best = &g[k];
    if (best) {
        uint32_t marked = 0;
        for (size_t k = 0; k < ng; k++) {
            if (&g[k] != best && (!item_group_ok(c, &g[k]) || !same_template(doc, best->first, g[k].first)))
                continue;
            for (uint32_t i = g[k].first; i <= g[k].last; i++) {
                if (!repeats_is_member(doc, &g[k], i))
                    continue;
                const pith_node *nd = &doc->nodes[i];
                for (uint32_t j = nd->first_block; j < nd->end_block; j++)
                    c->item[j] = 1;
                marked += nd->end_block - nd->first_block;
            }
        }
        doc_note(doc, doc->nodes[best->first].first_block,
                 "the page's list: %u items <%s> (%u blocks with its kin)", best->members,
                 tag_name(doc->nodes[best->first].tag), marked);
    }
    free(g);
}


/* A menu without a name: a run of short links one after another. A page's call to
 * action ("Find out more") is one link between its texts. */
static int short_link(const pith_blk *b)
{
    return b->chars > 0 && b->chars < MENU_LINK_MAX_CHARS && feat_link_density(b) > LINK_BLOCK_DENSITY;
}

static void mark_link_runs(ctx *c)
{
    const pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n;) {
        uint32_t j = i, links = 0;
        while (j < c->n && (short_link(&doc->blocks[j]) || doc->blocks[j].chars == 0))
            links += short_link(&doc->blocks[j++]);
        if (links >= MENU_RUN_MIN)
            memset(c->menu + i, 1, j - i);
        i = j > i ? j : i + 1;
    }
}


/* Whether two elements are entries of one menu that each carry its verdict (every
 * <li class="menu-item"> named on its own): siblings cut from the same template. */
static int sibling_entries(const pith_doc *doc, uint32_t a, uint32_t b)
{
    return doc->nodes[a].parent == doc->nodes[b].parent && same_template(doc, a, b);
}

/* Whether block i is a link-only list item of a menu whose neighbouring entries (the
 * nearest blocks with text on each side, list items under the same verdict or under
 * sibling entries' own) do not vote for `kind`: "Newsletter" in a site menu is a menu
 * entry, "Facebook" among "Twitter" and "Instagram" a row of social buttons. */
static int lone_menu_entry(const ctx *c, uint32_t i, const verdict *v, int kind)
{
    const pith_doc *doc = c->doc;
    const pith_blk *b = &doc->blocks[i];
    if (!(b->flags & PITH_BLOCK_LIST_ITEM) || feat_link_density(b) <= LINK_BLOCK_DENSITY)
        return 0;
    int entries = 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        uint32_t j = i;
        do
            j += (uint32_t)dir;
        while (j < c->n && doc->blocks[j].chars == 0);
        if (j >= c->n)
            continue;
        const pith_blk *nb = &doc->blocks[j];
        const verdict *nv = block_verdict(c, j);
        if (!nv || !(nb->flags & PITH_BLOCK_LIST_ITEM) ||
            !(nv->node == v->node || sibling_entries(doc, nv->node, v->node)))
            continue;
        float w;
        if (text_vote_kind(nb, &w) == kind && w >= HINT_VOTE)
            return 0;
        entries++;
    }
    return entries > 0;
}

/* Kinds of furniture that say what a region or a block is more precisely than page
 * furniture does, and that the context pass treats alike (captions are looked through,
 * navigation is the generic verdict): between them a block's own words can outweigh its
 * region's name. */
static int specific_kind(int k)
{
    return k == PITH_KIND_META || k == PITH_KIND_TRENDING || k == PITH_KIND_PROMO ||
           k == PITH_KIND_COMMENTS;
}

/* Whether a region's verdict yields to the block's own wording: an unmistakable phrase
 * outweighing a clearly named region of another kind ("Facebook", "Print" in the share
 * bar of a "byline" box, "Subscribe" in a story "promo"). */
static int outvoted(const verdict *v, int tk, float tw)
{
    return specific_kind(v->kind) && specific_kind(tk) && tk != v->kind &&
           tw >= STRONG_VOTE && tw > v->weight;
}

/* The body verdict that marks block i as the article's content unmistakably (a rule of
 * EMBED_RULE_WEIGHT: an embedded post, a recipe's ingredients), or NULL. */
static const verdict *marked(const ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    const pith_blk *b = &doc->blocks[i];
    if (b->node == PITH_NONE)
        return NULL;
    const verdict *v = &c->node_body[b->node];
    if (v->kind != PITH_KIND_BODY || v->rule == PITH_VOTE_NOTE)
        return NULL;
    const pith_rule *r = rules_get(doc->ex->rules, v->rule);
    return r && r->weight >= EMBED_RULE_WEIGHT ? v : NULL;
}

/* Whether block i sits in an embedded post inside the article. */
static int in_embed(const ctx *c, uint32_t i)
{
    return c->container != PITH_NONE && in_container(c, i) && marked(c, i);
}

/* Content marked as the article's by an unmistakable name (EMBED_RULE_WEIGHT: a
 * recipe's ingredients) outside the main container is body too: a recipe page sets its
 * ingredients in a box of their own beside the method. Not what sits hidden, is only a
 * link, or is named as furniture inside the marked element. */
static void marked_content(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (in_container(c, i) || b->kind == PITH_KIND_BODY ||
            (b->flags & (PITH_BLOCK_HIDDEN | BF_LINK_ONLY)) || b->chars == 0)
            continue;
        const verdict *m = marked(c, i), *v = block_verdict(c, i);
        if (!m || (v && v->node > m->node))
            continue;
        b->kind = PITH_KIND_BODY;
        doc_note(doc, i, "marked as the article's content outside the main container");
    }
}

/* Readability's sibling pass: prose right beside the main container, in the element
 * that holds it (a paragraph the page put outside the article's <div>, a second
 * column of the same text), is the article's too: a good paragraph (a <p>, GOOD_Q, at
 * most LINKY_DENSITY links, no region's verdict, no vote of its own) hanging at most
 * SIBLING_STEPS levels under the container's parent. Not a teaser's snippet, which sits
 * in its item's element. */
static void sibling_prose(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE || c->profile->all_but_chrome)
        return;
    uint32_t parent = doc->nodes[c->container].parent;
    if (parent == PITH_NONE || is_page_root(&doc->nodes[parent]))
        return;
    const pith_node *pn = &doc->nodes[parent];
    for (uint32_t i = pn->first_block; i < pn->end_block && i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (in_container(c, i) || b->kind == PITH_KIND_BODY || b->node == PITH_NONE ||
            b->tag != TAG_P || c->q[i] < GOOD_Q || feat_link_density(b) > LINKY_DENSITY ||
            (b->flags & PITH_BLOCK_HIDDEN) || block_verdict(c, i))
            continue;
        float tw;
        if (text_vote_kind(b, &tw) >= 0 && tw >= HINT_VOTE)
            continue;
        uint32_t n = b->node;
        for (int steps = 0; n != PITH_NONE && n != parent && steps < SIBLING_STEPS; steps++)
            n = doc->nodes[n].parent;
        if (n != parent)
            continue;
        b->kind = PITH_KIND_BODY;
        doc_note(doc, i, "prose beside the main container");
    }
}

/* Whether block i is an entry of a picker (<option>): "Reviews" in a blog's category
 * picker names a category, not the reviews. */
static int is_option(const pith_doc *doc, uint32_t i)
{
    uint32_t n = doc->blocks[i].node;
    return n != PITH_NONE && doc->nodes[n].tag == TAG_OPTION;
}

static void label(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t n = c->n;
    /* first pass: certain labels; uncertain blocks inside the container wait */
    uint8_t *pending = calloc(n ? n : 1, 1);
    uint8_t *group_cache = calloc(doc->n_nodes ? doc->n_nodes : 1, 1);
    uint32_t *prev_dec = malloc((n ? n : 1) * sizeof *prev_dec);
    uint32_t *next_dec = malloc((n ? n : 1) * sizeof *next_dec);
    if (!pending || !group_cache || !prev_dec || !next_dec) {
        free(pending);
        free(group_cache);
        free(prev_dec);
        free(next_dec);
        doc->strings.oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        pith_blk *b = &doc->blocks[i];
        const verdict *v = block_verdict(c, i);
        float tw;
        int tk = text_vote_kind(b, &tw);
        b->score = c->q[i];
        if ((b->flags & PITH_BLOCK_HIDDEN) && !(c->profile->tabs && !v && in_container(c, i))) {
            /* a clear phrase says more than the generic verdict of the hidden menu or
             * drawer it sits in ("Follow us on Twitter"), but for one entry of a menu */
            int says = tk >= 0 && tw >= STRONG_VOTE && (!v || v->kind == PITH_KIND_NAVIGATION) &&
                       !(v && lone_menu_entry(c, i, v, tk));
            b->kind = says ? (uint8_t)tk : v ? v->kind : PITH_KIND_NAVIGATION;
            doc_note(doc, i, "hidden element");
            continue;
        }
        if (in_embed(c, i) && !block_verdict(c, i) && !(b->flags & BF_LINK_ONLY)) {
            /* a quoted post reads like furniture (a name, a handle, a date, a link)
             * but is the article's */
            b->kind = PITH_KIND_BODY;
            doc_note(doc, i, "in a post embedded in the article");
            continue;
        }
        if (c->profile->all_but_chrome ||
            (c->profile->chrome_in_container && in_container(c, i))) {
            int chrome = v && (v->kind == PITH_KIND_NAVIGATION || v->kind == PITH_KIND_PROMO ||
                               v->kind == PITH_KIND_COMMENTS);
            int says = tk >= 0 && tw >= STRONG_VOTE &&
                       (tk == PITH_KIND_NAVIGATION || tk == PITH_KIND_PROMO ||
                        tk == PITH_KIND_COMMENTS);
            b->kind = chrome ? v->kind : says ? (uint8_t)tk
                      : c->menu && c->menu[i] ? PITH_KIND_NAVIGATION
                                          : PITH_KIND_BODY;
            if (chrome && v->rule != PITH_VOTE_NOTE)
                doc_vote(doc, i, v->rule, (pith_kind)v->kind, VOTE_ATTR, v->weight);
            doc_note(doc, i, chrome ? "page chrome" : says ? "its text says so"
                             : c->menu && c->menu[i] ? "in a run of short links"
                                          : "a section of the page");
            continue;
        }
        if (c->item && c->item[i]) {
            /* an item of the page's list: content, but for an ad or a prompt inside it */
            int own = tk >= 0 && tw >= STRONG_VOTE && (tk == PITH_KIND_PROMO || tk == PITH_KIND_COMMENTS);
            b->kind = own ? (uint8_t)tk : PITH_KIND_BODY;
            doc_note(doc, i, "item of the page's list");
            continue;
        }
        if (v && v->kind != PITH_KIND_BODY &&
            !(v->kind == PITH_KIND_NAVIGATION && tk >= 0 && tw >= STRONG_VOTE &&
              !lone_menu_entry(c, i, v, tk) && !is_option(doc, i)) &&
            !outvoted(v, tk, tw)) {
            /* a region's verdict decides, except that "navigation" is the generic
             * verdict of page furniture and a clear phrase inside it ("Follow us on
             * Twitter", "Leave a Reply") is more specific, unless it is one entry of a
             * menu ("Subscribe" between "Sports" and "Opinion") */
            b->kind = v->kind;
            if (v->rule != PITH_VOTE_NOTE)
                doc_vote(doc, i, v->rule, (pith_kind)v->kind, VOTE_ATTR, v->weight);
            else
                doc_note(doc, i, "inside <%s> implying %s", tag_name(doc->nodes[v->node].tag),
                         pith_kind_name((pith_kind)v->kind));
            continue;
        }
        if (tk >= 0 && tw >= STRONG_VOTE) {
            b->kind = (uint8_t)tk;
            continue;
        }
        if (v && v->kind != PITH_KIND_BODY) {
            b->kind = v->kind;
            continue;
        }
        if (!in_container(c, i)) {
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)furniture_kind(b);
            continue;
        }
        if (c->q[i] >= GOOD_Q || (c->relaxed && c->q[i] > BAD_Q && tk < 0)) {
            b->kind = PITH_KIND_BODY;
            continue;
        }
        if (c->q[i] <= BAD_Q && !in_prose_group(c, i, group_cache)) {
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)furniture_kind(b);
            continue;
        }
        pending[i] = 1;
    }
    /* context pass (jusText): an uncertain block inside the container is body when the
     * nearest decided blocks on both sides are body; the container's edge counts as
     * neither side, so a short closing line after the last paragraph stays with it, and
     * so does a non-body block outside the block's parent element (the tag list after
     * the text says nothing about the text's last line). A heading is body when body
     * follows it. */
    /* the nearest decided neighbour on each side, for all blocks in two linear passes
     * (undecided blocks do not decide each other, so this is exact) */
    uint32_t last = PITH_NONE;
    for (uint32_t i = c->c_first; i < c->c_end && i < n; i++) {
        prev_dec[i] = last;
        if (!transparent(doc, pending, i))
            last = i;
    }
    last = PITH_NONE;
    for (uint32_t i = c->c_end < n ? c->c_end : n; i-- > c->c_first;) {
        next_dec[i] = last;
        if (!transparent(doc, pending, i))
            last = i;
    }
    /* the article's span: from its first paragraph of prose to its last. Between them a
     * line that is neither links nor says otherwise is the article's own (an intro to a
     * list, a subheading before a table, a product's name in a round-up) */
    uint32_t span_first = PITH_NONE, span_last = PITH_NONE;
    for (uint32_t i = c->c_first; i < c->c_end && i < n; i++)
        if (!pending[i] && doc->blocks[i].kind == PITH_KIND_BODY && c->q[i] >= GOOD_Q) {
            if (span_first == PITH_NONE)
                span_first = i;
            span_last = i;
        }
    for (uint32_t i = 0; i < n; i++) {
        if (!pending[i])
            continue;
        pith_blk *b = &doc->blocks[i];
        int heading = b->heading || (b->flags & PITH_BLOCK_HEADING);
        /* a heading or a line ending in ':' introduces what follows it, wherever that
         * is: its context is not bounded */
        int introduces = heading || (b->len && blk_text(doc, b)[b->len - 1] == ':');
        uint32_t lo = 0, hi = n;
        if (!introduces && b->node != PITH_NONE && doc->nodes[b->node].parent != PITH_NONE) {
            const pith_node *p = &doc->nodes[doc->nodes[b->node].parent];
            lo = p->first_block;
            hi = p->end_block;
        }
        int prev = side_of(doc, prev_dec[i], lo, hi), next = side_of(doc, next_dec[i], lo, hi);
        float tw;
        int tk = text_vote_kind(b, &tw);
        int in_span = span_first != PITH_NONE && i > span_first && i < span_last &&
                      feat_link_density(b) <= SPAN_MAX_LINK_DENSITY && tk < 0 &&
                      b->words >= SPAN_MIN_WORDS;
        int body = (prev != SIDE_OTHER && next != SIDE_OTHER && (prev | next) == SIDE_BODY) ||
                   (heading && next == SIDE_BODY) ||
                   (c->q[i] > 0 && (prev == SIDE_BODY || next == SIDE_BODY)) || in_span;
        if (body && tk >= 0 && tw >= HINT_VOTE && !in_prose_group(c, i, group_cache)) {
            /* the neighbours do not overrule what the block itself says ("3:59 PM",
             * "Kategorie: News"), except in a table or list, where a time is data */
            b->kind = (uint8_t)tk;
            doc_note(doc, i, "context: body around, but its text votes %s",
                     pith_kind_name((pith_kind)tk));
        } else if (body) {
            b->kind = PITH_KIND_BODY;
            doc_note(doc, i, "context: body on both sides");
        } else {
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)furniture_kind(b);
            doc_note(doc, i, "context: not between body blocks");
        }
    }
    free(pending);
    free(group_cache);
    free(prev_dec);
    free(next_dec);
}

/* The element a section heading opens: the outermost ancestor of the heading's element
 * that starts with the heading and holds more than it (<section><h2>Related</h2><ul>
 * ...</ul></section>). When the heading sits inside a longer run of blocks, *flat is
 * set and the heading's parent is returned: only the list-like blocks right after the
 * heading, inside that parent, follow it. */
static uint32_t section_region(const pith_doc *doc, uint32_t i, int *flat)
{
    uint32_t best = PITH_NONE;
    uint32_t n = doc->blocks[i].node;
    *flat = 0;
    for (int steps = 0; n != PITH_NONE && steps < ANCESTOR_STEPS; steps++) {
        const pith_node *nd = &doc->nodes[n];
        if (nd->tag == TAG_BODY || nd->tag == TAG_HTML)
            break;
        if (nd->first_block != i) {
            if (best == PITH_NONE) {
                *flat = 1; /* the heading's parent bounds the flat run */
                best = n;
            }
            break;
        }
        if (nd->end_block > i + 1)
            best = n;
        n = nd->parent;
    }
    return best;
}

/* Blocks that can belong to a list of other stories without a region to say so: list
 * items, links, short lines (dates, sources, category tags). */
static int list_like(const pith_blk *b)
{
    return (b->flags & PITH_BLOCK_LIST_ITEM) || feat_link_density(b) > LINK_BLOCK_DENSITY ||
           b->chars < LIST_LIKE_CHARS;
}

/* Whether a navigation verdict is only a hint: a hint rule (a widget, a sidebar) or an
 * <aside>, not a menu, a header or a footer, which are named as what they are. */
static int weak_navigation(const ctx *c, const verdict *v)
{
    if (!v || v->kind != PITH_KIND_NAVIGATION)
        return 0;
    if (v->rule == PITH_VOTE_NOTE)
        return c->doc->nodes[v->node].tag == TAG_ASIDE;
    const pith_rule *r = rules_get(c->doc->ex->rules, v->rule);
    return r && r->weight < STRONG_VOTE;
}

/* A heading such as "Related Stories" or "Most popular" (a section rule) opens a
 * section of its kind: the blocks of the region it opens take that kind, up to the
 * first paragraph of article prose, which a list of other stories never contains (its
 * snippets sit in list items or beside links). */
static void apply_sections(ctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *h = &doc->blocks[i];
        if (!h->section || h->kind == PITH_KIND_BODY || h->kind == PITH_KIND_TITLE)
            continue;
        if (h->section == PITH_KIND_COMMENTS + 1 && c->profile->posts_are_content)
            continue; /* "12 replies" heads the thread itself */
        if (is_option(doc, i))
            continue; /* an entry of a picker heads nothing */
        /* a heading, not a menu entry that happens to read "Subscribe" or "Comments" */
        if ((h->flags & PITH_BLOCK_HIDDEN) ||
            (!h->heading &&
             ((h->flags & PITH_BLOCK_LIST_ITEM) || feat_link_density(h) > LINK_BLOCK_DENSITY)))
            continue;
        pith_kind k = (pith_kind)(h->section - 1);
        h->kind = (uint8_t)k;
        int flat;
        uint32_t r = section_region(doc, i, &flat);
        if (r == PITH_NONE)
            continue;
        uint32_t end = doc->nodes[r].end_block, j;
        for (j = i + 1; j < end; j++) {
            pith_blk *b = &doc->blocks[j];
            if (b->section)
                break; /* the next section starts */
            if (b->kind == PITH_KIND_BODY && c->q[j] >= GOOD_Q && feat_link_density(b) < SECTION_END_LINKS &&
                !(b->flags & PITH_BLOCK_LIST_ITEM))
                break;
            if (flat && !list_like(b))
                break;
            /* a section relabels furniture, the dates of its list and the snippets of
             * its items (body that did not end it above), not what rules said more
             * precisely: a newsletter box or a caption in it keeps its kind */
            if (b->kind != PITH_KIND_NAVIGATION && b->kind != PITH_KIND_META &&
                b->kind != PITH_KIND_TRENDING && b->kind != PITH_KIND_BODY)
                continue;
            /* "Subscribe" over a menu's column (editions, newsletters, "Sign in") heads
             * entries of the menu, not an offer */
            const verdict *bv = block_verdict(c, j);
            if (k == PITH_KIND_PROMO && b->kind == PITH_KIND_NAVIGATION && bv &&
                bv->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, bv))
                continue;
            b->kind = (uint8_t)k;
            doc_note(doc, j, "in the section opened by block %u", i);
        }
        i = j - 1;
    }
}

/* Product pages: a heading that opens a section of comments (reviews, testimonials)
 * gives that kind to the body of its whole region; the next section's heading ends it. */
static void product_parts(ctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *h = &doc->blocks[i];
        int named = h->section == PITH_KIND_COMMENTS + 1 && h->kind == PITH_KIND_COMMENTS;
        /* testimonials, the shop's shipping terms, the brand's story are named by a
         * heading only on a shop's page (a service page's are its content): line-section
         * rules, recorded without a vote */
        int ls = h->line_section ? h->line_section - 1 : -1;
        int shop = (ls == PITH_KIND_COMMENTS || ls == PITH_KIND_NAVIGATION || ls == PITH_KIND_PROMO) &&
                   h->heading && (h->kind == PITH_KIND_BODY || h->kind == PITH_KIND_NAVIGATION);
        if (!(named || shop) || (h->flags & PITH_BLOCK_HIDDEN))
            continue;
        if (shop) {
            h->kind = (uint8_t)ls;
            doc_note(doc, i, "heads a section of the shop's");
        }
        int flat;
        uint32_t r = section_region(doc, i, &flat);
        if (r == PITH_NONE || flat)
            continue;
        uint32_t end = doc->nodes[r].end_block, j;
        for (j = i + 1; j < end && !doc->blocks[j].section; j++) {
            pith_blk *b = &doc->blocks[j];
            if (b->kind != PITH_KIND_BODY)
                continue;
            b->kind = h->kind;
            doc_note(doc, j, "in the shop's section opened by block %u", i);
        }
        i = j - 1;
    }
}

/* Product pages: a section that a heading of other items opens ("Recommended:") but
 * whose entries link nowhere is not a list of other products, each of which links to
 * its page: it is the product's own (a game's recommended system, a list of specs), and
 * its entries are given back to the article with the heading. */
static void product_specs(ctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *h = &doc->blocks[i];
        if (h->section != PITH_KIND_TRENDING + 1 || h->kind != PITH_KIND_TRENDING ||
            (h->flags & PITH_BLOCK_HIDDEN) || !in_container(c, i))
            continue;
        int flat;
        uint32_t r = section_region(doc, i, &flat);
        if (r == PITH_NONE)
            continue;
        uint32_t end = doc->nodes[r].end_block, j, taken = 0, linked = 0;
        for (j = i + 1; j < end && !doc->blocks[j].section; j++) {
            const pith_blk *b = &doc->blocks[j];
            if (b->kind != PITH_KIND_TRENDING || b->chars == 0)
                continue;
            taken++;
            linked += feat_link_density(b) > 0;
        }
        if (taken < SPECS_MIN_ENTRIES || linked)
            continue;
        for (uint32_t k = i; k < j; k++)
            if (doc->blocks[k].kind == PITH_KIND_TRENDING) {
                doc->blocks[k].kind = PITH_KIND_BODY;
                doc_note(doc, k, "a section of unlinked entries: the product's own");
            }
        i = j - 1;
    }
}

/* Whether a text holds a count in parentheses: "Recipes (12)", "March 2019 (4)", the
 * entries of category and archive lists. */
static int has_count(const char *s, uint32_t len)
{
    for (const char *p = memchr(s, '(', len); p; p = memchr(p, '(', len - (uint32_t)(p - s))) {
        const char *q = ++p;
        while (q < s + len && *q >= '0' && *q <= '9')
            q++;
        if (q > p && q < s + len && *q == ')')
            return 1;
    }
    return 0;
}

/* A headline of another story: a link or a heading of a few words, not an entry of a
 * category list with its count. */
static int headline_like(const pith_doc *doc, const pith_blk *b)
{
    return b->words >= TEASER_HEADLINE_WORDS &&
           (feat_link_density(b) > LINK_BLOCK_DENSITY || (b->heading && b->heading > 1)) &&
           !has_count(blk_text(doc, b), b->len);
}

/* The weak navigation region enclosing region r (the verdict of r's parent, when that is
 * another weak one), or PITH_NONE. */
static uint32_t outer_region(const ctx *c, uint32_t r)
{
    uint32_t p = c->doc->nodes[r].parent;
    if (p == PITH_NONE)
        return PITH_NONE;
    const verdict *v = &c->node_v[p];
    return weak_navigation(c, v) && v->node != r ? v->node : PITH_NONE;
}

/* Sidebar widgets and <aside>s that list other stories (see TEASER_*): their navigation
 * and metadata blocks are trending. A region holding one teaser (one of a list of
 * "sidebar-video"s) is judged with the region around it; one holding no headline (an
 * "About me" widget) is not, for all the headlines of the sidebar around it. Counts
 * per region in one pass over the blocks, summed up the regions in one pass over the
 * elements (parents come first), labels in a last pass. */
static void teaser_regions(ctx *c)
{
    pith_doc *doc = c->doc;
    if (!doc->n_nodes || c->profile->chrome_in_container)
        return; /* a reference's sidebar lists its chapters, not stories */
    uint32_t *heads = calloc(doc->n_nodes, sizeof *heads);
    uint32_t *links = calloc(doc->n_nodes, sizeof *links);
    uint32_t *prose = calloc(doc->n_nodes, sizeof *prose);
    if (!heads || !links || !prose) {
        free(heads);
        free(links);
        free(prose);
        doc->strings.oom = 1;
        return;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        const verdict *v = block_verdict(c, i);
        if (!weak_navigation(c, v) || (b->flags & PITH_BLOCK_HIDDEN))
            continue;
        int head = headline_like(doc, b);
        heads[v->node] += head;
        links[v->node] += feat_link_density(b) > LINK_BLOCK_DENSITY;
        if (!head && feat_link_density(b) <= LINK_BLOCK_DENSITY)
            prose[v->node] += b->words;
    }
    for (uint32_t i = doc->n_nodes; i-- > 0;) {
        if (!heads[i] && !links[i] && !prose[i])
            continue;
        uint32_t o = outer_region(c, i);
        if (o != PITH_NONE) {
            heads[o] += heads[i];
            links[o] += links[i];
            prose[o] += prose[i];
        }
    }
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        const verdict *v = block_verdict(c, i);
        if ((b->kind != PITH_KIND_NAVIGATION && b->kind != PITH_KIND_META) ||
            !weak_navigation(c, v))
            continue;
        uint32_t r = v->node;
        for (int steps = 0; steps < ANCESTOR_STEPS && heads[r] >= 1 &&
                            heads[r] < TEASER_MIN_HEADLINES && links[r] < TEASER_MIN_HEADLINES;
             steps++) {
            uint32_t o = outer_region(c, r);
            if (o == PITH_NONE)
                break;
            r = o;
        }
        if (heads[r] < TEASER_MIN_HEADLINES || heads[r] < TEASER_HEADLINE_SHARE * links[r] ||
            prose[r] > TEASER_MAX_PROSE * heads[r])
            continue;
        b->kind = PITH_KIND_TRENDING;
        doc_note(doc, i, "in a list of %u headlines (<%s>)", heads[r], tag_name(doc->nodes[r].tag));
    }
    free(heads);
    free(links);
    free(prose);
}

/* A lead paragraph (standfirst, intro, excerpt) often sits between the title and the
 * container that holds the rest of the body. Prose blocks there, without a verdict
 * against them, belong to the article. */
static void take_lead(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t t = doc->title_block;
    if (c->container == PITH_NONE || t == PITH_NONE || t >= c->c_first ||
        c->c_first - t > LEAD_MAX_BLOCKS)
        return;
    for (uint32_t i = t + 1; i < c->c_first; i++) {
        pith_blk *b = &doc->blocks[i];
        if (c->q[i] < GOOD_Q || block_verdict(c, i) || (b->flags & PITH_BLOCK_HIDDEN) ||
            b->kind != PITH_KIND_NAVIGATION || (b->flags & PITH_BLOCK_LIST_ITEM))
            continue;
        b->kind = PITH_KIND_BODY;
        doc_note(doc, i, "lead: prose between the title and the article");
    }
}

/* The element that stands for the whole article around the container: its nearest
 * <article> ancestor (or itself), else the container. */
static uint32_t article_element(const ctx *c)
{
    const pith_doc *doc = c->doc;
    for (uint32_t n = c->container, steps = 0; n != PITH_NONE && steps < ANCESTOR_STEPS;
         n = doc->nodes[n].parent, steps++)
        if (doc->nodes[n].tag == TAG_ARTICLE)
            return n;
    return c->container;
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
static int complete_article(const ctx *c, uint32_t i, double min_good)
{
    const pith_node *nd = &c->doc->nodes[i];
    return c->node_v[i].kind == NO_KIND && subtree(c->good, nd) >= min_good &&
           subtree(c->good_n, nd) >= 2 && opens_with_headline(c->doc, nd) &&
           !holds_comments(c->doc, nd);
}

/* An infinite-scroll stream: the chosen container holds two or more complete articles
 * cut from one template (<main><article>..</article><article>..</article></main>), and
 * together they hold most of its prose. The main article is the one with the page's
 * title, else the first; the container narrows to it, and further_articles labels the
 * others. */
static void split_stream(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    uint32_t cn = c->container, cd = doc->nodes[cn].depth;
    uint32_t cand[STREAM_MAX_CANDIDATES];
    size_t k = 0;
    for (uint32_t i = cn + 1; i < doc->n_nodes && doc->nodes[i].depth > cd && k < STREAM_MAX_CANDIDATES; i++)
        if (doc->nodes[i].depth <= cd + STREAM_MAX_DEPTH && complete_article(c, i, ARTICLE_MIN_PROSE))
            cand[k++] = i;
    double total = subtree(c->good, &doc->nodes[cn]);
    for (size_t a = 0; a < k; a++) {
        /* the members: a's siblings of a's template */
        uint32_t parent = doc->nodes[cand[a]].parent, members = 0, main = PITH_NONE;
        double good = 0;
        for (size_t b = a; b < k; b++) {
            if (doc->nodes[cand[b]].parent != parent || !same_template(doc, cand[a], cand[b]))
                continue;
            const pith_node *nd = &doc->nodes[cand[b]];
            members++;
            good += subtree(c->good, nd);
            if (main == PITH_NONE || (doc->title_block != PITH_NONE &&
                                      doc->title_block >= nd->first_block &&
                                      doc->title_block < nd->end_block))
                main = cand[b];
        }
        if (members >= 2 && good >= STREAM_SHARE * total) {
            c->container = main;
            c->c_first = doc->nodes[main].first_block;
            c->c_end = doc->nodes[main].end_block;
            doc_note(doc, c->c_first, "stream of %u articles: the main one is <%s>", members,
                     tag_name(doc->nodes[main].tag));
            return;
        }
    }
}

/* Infinite scroll: the page goes on with further complete articles after the main one,
 * in elements of the same template (or <article>s). Those that hold real prose, and no
 * boilerplate verdict (a comment is often an <article> too), are other_article, their
 * prose and headings numbered 1, 2 ... in page order. */
static void further_articles(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    uint32_t main = article_element(c);
    uint32_t after = doc->nodes[main].end_block;
    int count = 0;
    for (uint32_t i = main + 1; i < doc->n_nodes && count < FURTHER_MAX; i++) {
        const pith_node *nd = &doc->nodes[i];
        if (nd->first_block < after || nd->end_block <= nd->first_block)
            continue;
        if (nd->tag != TAG_ARTICLE && !same_template(doc, main, i))
            continue;
        if (!complete_article(c, i, ARTICLE_MIN_PROSE))
            continue;
        count++;
        for (uint32_t j = nd->first_block; j < nd->end_block; j++) {
            pith_blk *b = &doc->blocks[j];
            int heading = b->heading && b->chars >= HEADLINE_MIN_CHARS;
            if ((c->q[j] >= GOOD_Q && b->kind != PITH_KIND_COMMENTS) || heading ||
                b->kind == PITH_KIND_BODY) {
                b->kind = PITH_KIND_OTHER_ARTICLE;
                b->article = (uint8_t)(count > 255 ? 255 : count);
            }
        }
        doc_note(doc, nd->first_block, "further article %d: <%s> after the main article",
                 count, tag_name(nd->tag));
        after = nd->end_block; /* nested <article>s belong to this one */
    }
}


/* A paragraph the page shows twice (a post's preview in a reply button, an article's
 * standfirst repeated in a share box) is content once: trafilatura's deduplication.
 * The first copy keeps its kind, later body copies become navigation. */
static void drop_duplicates(ctx *c)
{
    pith_doc *doc = c->doc;
    uint8_t *seen = calloc(c->n ? c->n : 1, 1); /* by first copy: a body copy was met */
    if (!seen) {
        doc->strings.oom = 1;
        return;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (!b->repeat || b->chars < DUPLICATE_MIN_CHARS || b->kind != PITH_KIND_BODY)
            continue;
        if (seen[b->first_copy]) {
            b->kind = PITH_KIND_NAVIGATION;
            doc_note(doc, i, "repeats block %u", b->first_copy);
        }
        seen[b->first_copy] = 1;
    }
    free(seen);
}

/* The kind of the verdict around a metadata verdict v, past the metadata elements around
 * it ("author-bio" > "author-text"): NO_KIND when there is none. */
static int outer_verdict(const ctx *c, const verdict *v)
{
    const pith_doc *doc = c->doc;
    uint32_t p = doc->nodes[v->node].parent;
    for (int steps = 0; p != PITH_NONE && c->node_v[p].kind == PITH_KIND_META &&
                        c->node_v[p].node != PITH_NONE && steps < ANCESTOR_STEPS; steps++)
        p = doc->nodes[c->node_v[p].node].parent;
    return p != PITH_NONE ? c->node_v[p].kind : NO_KIND;
}

/* Whether block i is metadata by its element's own name ("entry-author-bio", "tags")
 * in an element without a verdict of its own around it: not the date or author line of
 * a teaser in a list of stories or a menu. */
static int named_meta(const ctx *c, uint32_t i)
{
    const verdict *v = block_verdict(c, i);
    if (!v || v->kind != PITH_KIND_META || v->node == PITH_NONE || v->rule == PITH_VOTE_NOTE)
        return 0;
    return outer_verdict(c, v) == NO_KIND;
}

/* Captions and metadata only belong to the article where they sit next to it; in a
 * teaser list a date or a photo credit is part of that list. Runs before the passes that
 * name lists and sections, so that the credit of a teaser under "Mehr zum Thema" is
 * relabelled with the rest of its list. */
static void settle_meta(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    uint32_t from = doc->title_block != PITH_NONE && doc->title_block < c->c_first
                        ? doc->title_block
                        : c->c_first;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_META && b->kind != PITH_KIND_CAPTION)
            continue;
        if (i >= from && i < c->c_end)
            continue;
        if (i >= c->c_end && i < c->c_end + TAIL_MAX_BLOCKS && named_meta(c, i))
            continue; /* the author's box or the tags under the article */
        /* the date of a post in a feed widget or of a story in a related list is the
         * widget's or the list's */
        const verdict *v = block_verdict(c, i);
        int outer = v && v->kind == b->kind && v->node != PITH_NONE ? outer_verdict(c, v) : NO_KIND;
        b->kind = outer == PITH_KIND_PROMO || outer == PITH_KIND_TRENDING || outer == PITH_KIND_COMMENTS
                      ? (uint8_t)outer
                      : (uint8_t)furniture_kind(b);
    }
}

/* Whether block i is a headline of a list of stories (trending, a link or a heading of
 * a few words). */
static int trending_headline(const pith_doc *doc, uint32_t i)
{
    const pith_blk *b = &doc->blocks[i];
    return b->kind == PITH_KIND_TRENDING && b->words >= TRENDING_MIN_WORDS &&
           (feat_link_density(b) > LINK_BLOCK_DENSITY || b->heading);
}

/* The kicker, source, date and credit of a teaser belong to its list: a navigation
 * block whose nearest element holding a headline holds exactly one (adjacent headline
 * blocks, a kicker heading and the headline, count once) and few blocks is trending.
 * Menus are left alone: a block inside a clear navigation verdict, or saying so itself
 * ("Next post"), keeps it; inside the article, such blocks are the article's. */
static void teaser_items(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t *heads = malloc(((size_t)c->n + 1) * sizeof *heads);
    if (!heads) {
        doc->strings.oom = 1;
        return;
    }
    heads[0] = 0;
    for (uint32_t i = 0; i < c->n; i++)
        heads[i + 1] = heads[i] + (trending_headline(doc, i) && !(i > 0 && trending_headline(doc, i - 1)));
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_NAVIGATION || b->node == PITH_NONE ||
            (b->flags & PITH_BLOCK_HIDDEN) || (c->container != PITH_NONE && in_container(c, i)))
            continue;
        const verdict *v = block_verdict(c, i);
        float tw;
        if ((v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v)) ||
            (text_vote_kind(b, &tw) == PITH_KIND_NAVIGATION && tw >= STRONG_VOTE))
            continue;
        uint32_t n = doc->nodes[b->node].parent;
        for (int steps = 0; n != PITH_NONE && steps < TEASER_ITEM_STEPS; steps++, n = doc->nodes[n].parent) {
            const pith_node *nd = &doc->nodes[n];
            if (is_page_root(nd) || nd->end_block - nd->first_block > TEASER_ITEM_MAX_BLOCKS)
                break;
            /* a headline starting the element counts though its previous block is one */
            uint32_t h = heads[nd->end_block] - heads[nd->first_block] +
                         (nd->first_block > 0 && trending_headline(doc, nd->first_block) &&
                          trending_headline(doc, nd->first_block - 1));
            if (h == 0)
                continue;
            if (h == 1) {
                b->kind = PITH_KIND_TRENDING;
                doc_note(doc, i, "part of a teaser in <%s>", tag_name(nd->tag));
            }
            break;
        }
    }
    free(heads);
}

/* The headline when the page's metadata names the story otherwise ("Disney+ glitches
 * blamed on heavy demand" for the h1 "'We had some issues,' exec says"): the page's one
 * <h1> is the title when no heading matched the metadata's title, if it opens the
 * article or stands at most LEAD_MAX_BLOCKS blocks above it and nothing more precise
 * than page furniture was said of it. (The title block that anchors the article stays
 * as found: this only names the headline.) */
static void lone_headline(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t t = doc->title_block;
    if (c->container == PITH_NONE || (t != PITH_NONE && doc->blocks[t].heading))
        return;
    uint32_t h1 = PITH_NONE;
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->heading != 1 || b->chars < HEADLINE_MIN_CHARS || (b->flags & PITH_BLOCK_HIDDEN))
            continue;
        if (h1 != PITH_NONE)
            return; /* several: a list of stories, not one headline */
        h1 = i;
    }
    if (h1 == PITH_NONE || h1 >= c->c_end || h1 + LEAD_MAX_BLOCKS < c->c_first)
        return;
    pith_blk *b = &doc->blocks[h1];
    if (b->kind != PITH_KIND_NAVIGATION && b->kind != PITH_KIND_META)
        return;
    b->kind = PITH_KIND_TITLE;
    doc_note(doc, h1, "title: the page's one <h1>, at the article");
}

/* The headline as labelled: the first title block that is a heading, else the title
 * block when it kept its label, or PITH_NONE. */
static uint32_t headline_block(const ctx *c)
{
    const pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++)
        if (doc->blocks[i].kind == PITH_KIND_TITLE && doc->blocks[i].heading)
            return i;
    uint32_t t = doc->title_block;
    return t != PITH_NONE && doc->blocks[t].kind == PITH_KIND_TITLE ? t : PITH_NONE;
}

/* The standfirst: the sentence or two under the headline that sums the story up ("NFL
 * assaults have led to lawsuits before. But ..."), left as page furniture when it is
 * too short for prose, is the article's metadata, as a dateline is. The first block
 * with text after the headline (past a comment count or a kicker that said its kind),
 * when it is navigation by default only: no links, no vote for another kind (its region
 * may be the page's "header"), not a list entry, at least STANDFIRST_MIN_WORDS words
 * with stopwords. */
static void standfirst(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t t = headline_block(c);
    if (t == PITH_NONE)
        return;
    for (uint32_t i = t + 1; i < c->n && i <= t + STANDFIRST_WITHIN; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->chars == 0 || b->kind == PITH_KIND_COMMENTS)
            continue;
        float tw;
        int tk = text_vote_kind(b, &tw);
        if (b->kind != PITH_KIND_NAVIGATION || b->words < STANDFIRST_MIN_WORDS ||
            b->link_chars > 0 || (b->flags & (PITH_BLOCK_LIST_ITEM | PITH_BLOCK_HIDDEN)) ||
            (tk >= 0 && tk != PITH_KIND_NAVIGATION) || feat_stopword_density(b) == 0)
            return;
        b->kind = PITH_KIND_META;
        doc_note(doc, i, "standfirst: the summary under the headline");
        return;
    }
}

/* Whether a month's name (English, German, French, Spanish, Italian abbreviations)
 * starts at p. */
static int month_at(const char *p, const char *end)
{
    static const char *const M[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                    "sep", "oct", "nov", "dec", "mär", "mai", "okt", "dez",
                                    "fév", "avr", "juil", "déc", "ene", "abr", "ago", "dic",
                                    "gen", "giu", "lug", "set", "ott"};
    for (size_t k = 0; k < sizeof M / sizeof *M; k++) {
        size_t n = strlen(M[k]);
        if ((size_t)(end - p) >= n && strncasecmp(p, M[k], n) == 0)
            return 1;
    }
    return 0;
}

static int digits_at(const char *p, const char *end, int *n)
{
    *n = 0;
    while (p + *n < end && p[*n] >= '0' && p[*n] <= '9')
        (*n)++;
    return *n;
}

/* Whether s holds a date: 20.04.2020, 4/20/20, 2020-04-20, or a month's name next to a
 * number ("Nov 18", "20. April 2020"). */
static int has_date(const char *s, uint32_t len)
{
    const char *end = s + len;
    for (const char *p = s; p < end; p++) {
        int a, b, y;
        int word_start = p == s || !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z');
        if (word_start && month_at(p, end)) {
            /* a number within a few characters either side */
            for (const char *q = p - s > 4 ? p - 4 : s; q < end && q - p < 12; q++)
                if (*q >= '0' && *q <= '9')
                    return 1;
        }
        if (p > s && p[-1] >= '0' && p[-1] <= '9')
            continue; /* numbers are read from their first digit */
        if (!digits_at(p, end, &a))
            continue;
        const char *q = p + a;
        if (q < end && (*q == '.' || *q == '/' || *q == '-') && digits_at(q + 1, end, &b) &&
            q + 1 + b < end && q[1 + b] == *q && digits_at(q + 2 + b, end, &y) &&
            ((a <= 2 && b <= 2 && (y == 2 || y == 4)) || (a == 4 && b <= 2 && y <= 2)))
            return 1;
        p += a - 1;
    }
    return 0;
}

/* The dateline of the article: a short line with a date ("Stand: 20. April 2020, 14:57
 * Uhr", "Nov 18", "Energie 12.12.2022, 08:30 Uhr") in the article's header, within
 * DATELINE_WITHIN blocks of the headline and before its first paragraph, is meta when
 * it was only furniture. */
static void dateline(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t t = headline_block(c);
    if (t == PITH_NONE)
        return;
    uint32_t lo = t > DATELINE_WITHIN ? t - DATELINE_WITHIN : 0;
    for (uint32_t i = lo; i < c->n && i <= t + DATELINE_WITHIN; i++) {
        pith_blk *b = &doc->blocks[i];
        if (i > t && b->kind == PITH_KIND_BODY && c->q[i] >= GOOD_Q)
            break; /* the article's text has begun */
        if (b->kind != PITH_KIND_NAVIGATION || b->chars == 0 || b->chars > DATELINE_MAX_CHARS ||
            (b->flags & PITH_BLOCK_HIDDEN) || !has_date(blk_text(doc, b), b->len))
            continue;
        b->kind = PITH_KIND_META;
        doc_note(doc, i, "dateline: a date by the headline");
    }
}

/* A tag list under its head: a head that a dump's section rule names as the article's
 * tags ("Tags", "Topics", "Filed under", "Themen im Artikel"; rules/dump.rules) and
 * the short links or list entries after it, up to TAG_LIST_MAX of them, are meta, when
 * they were furniture or a list of stories and sit in the article or its tail (up to
 * TAIL_MAX_BLOCKS after it), not in a menu, header or footer named as such. In HTML the
 * head casts no vote: a dump's section rule must not move the article. */
static void tag_lists(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    for (uint32_t i = c->c_first; i < c->n && i < c->c_end + TAIL_MAX_BLOCKS; i++) {
        pith_blk *h = &doc->blocks[i];
        if (h->line_section != PITH_KIND_META + 1 || (h->flags & PITH_BLOCK_HIDDEN) ||
            (h->kind != PITH_KIND_NAVIGATION && h->kind != PITH_KIND_TRENDING &&
             h->kind != PITH_KIND_META))
            continue;
        const verdict *v = block_verdict(c, i);
        if (v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v))
            continue;
        h->kind = PITH_KIND_META;
        doc_note(doc, i, "head of a tag list");
        uint32_t j = i + 1, tags = 0;
        for (; j < c->n && tags < TAG_LIST_MAX; j++) {
            pith_blk *b = &doc->blocks[j];
            if (b->chars == 0)
                continue;
            if (!((b->flags & PITH_BLOCK_LIST_ITEM) || feat_link_density(b) > LINK_BLOCK_DENSITY) ||
                b->chars > TAG_MAX_CHARS ||
                (b->kind != PITH_KIND_NAVIGATION && b->kind != PITH_KIND_TRENDING &&
                 b->kind != PITH_KIND_META))
                break;
            b->kind = PITH_KIND_META;
            doc_note(doc, j, "in the tag list under block %u", i);
            tags++;
        }
        i = j - 1;
    }
}

/* Whether a block's own wording votes clearly for kind k. */
static int text_says(const pith_blk *b, int k)
{
    float w;
    return text_vote_kind(b, &w) == k && w >= STRONG_VOTE;
}

/* The stories of a list without a name (see LIST_TRENDING_*): a navigation entry of a
 * list that is mostly trending headlines is trending, outside the article and outside a
 * menu named as such. Counts per list in one pass over the blocks, labels in a second. */
static uint32_t list_of(const pith_doc *doc, uint32_t i)
{
    uint32_t n = doc->blocks[i].node;
    for (int steps = 0; n != PITH_NONE && steps < LIST_STEPS; steps++, n = doc->nodes[n].parent)
        if (doc->nodes[n].tag == TAG_UL || doc->nodes[n].tag == TAG_OL)
            return n;
    return PITH_NONE;
}

static void trending_lists(ctx *c)
{
    pith_doc *doc = c->doc;
    if (!doc->n_nodes || c->profile->chrome_in_container || c->profile->all_but_chrome)
        return;
    uint32_t *trend = calloc(doc->n_nodes, sizeof *trend);
    uint32_t *links = calloc(doc->n_nodes, sizeof *links);
    if (!trend || !links) {
        free(trend);
        free(links);
        doc->strings.oom = 1;
        return;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if ((b->flags & PITH_BLOCK_HIDDEN) || feat_link_density(b) <= LINK_BLOCK_DENSITY)
            continue;
        uint32_t l = list_of(doc, i);
        if (l == PITH_NONE)
            continue;
        links[l]++;
        trend[l] += b->kind == PITH_KIND_TRENDING;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_NAVIGATION || (b->flags & PITH_BLOCK_HIDDEN) ||
            feat_link_density(b) <= LINK_BLOCK_DENSITY ||
            (c->container != PITH_NONE && in_container(c, i)))
            continue;
        uint32_t l = list_of(doc, i);
        if (l == PITH_NONE || trend[l] < LIST_TRENDING_MIN || trend[l] < LIST_TRENDING_SHARE * links[l])
            continue;
        const verdict *v = block_verdict(c, i);
        if ((v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v)) ||
            text_says(b, PITH_KIND_NAVIGATION))
            continue;
        b->kind = PITH_KIND_TRENDING;
        doc_note(doc, i, "an entry of a list of %u headlines", trend[l]);
    }
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_NAVIGATION || !(b->heading || (b->flags & PITH_BLOCK_HEADING)) ||
            (b->flags & PITH_BLOCK_HIDDEN) || (c->container != PITH_NONE && in_container(c, i)))
            continue;
        const verdict *v = block_verdict(c, i);
        if ((v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v)) ||
            text_says(b, PITH_KIND_NAVIGATION))
            continue;
        uint32_t seen = 0, j;
        for (j = i + 1; j < c->n && seen < LIST_TRENDING_MIN; j++) {
            if (doc->blocks[j].chars == 0)
                continue;
            if (!trending_headline(doc, j))
                break;
            seen++;
        }
        if (seen < LIST_TRENDING_MIN)
            continue;
        b->kind = PITH_KIND_TRENDING;
        doc_note(doc, i, "the head of a list of headlines");
    }
    free(trend);
    free(links);
}

/* A form speaks with one voice: the fields of a newsletter sign-up (an edition picker,
 * "Hold Ctrl to select", "Close") are the sign-up's. A <form> holding a block whose own
 * wording is a promotion ("Your email address", "Subscribe to our newsletter") gives
 * that kind to its navigation blocks (the generic verdict of its <select>, <label> and
 * <button> elements). Comment forms are left alone: a blog's category picker lists
 * "Reviews" among its entries. A form inside a form is judged with the outer one, so
 * each block is looked at once. */
static void form_kinds(ctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t done = 0; /* blocks before this belong to a form already judged */
    for (uint32_t f = 0; f < doc->n_nodes; f++) {
        const pith_node *nd = &doc->nodes[f];
        if (nd->tag != TAG_FORM || nd->end_block <= nd->first_block || nd->first_block < done)
            continue;
        done = nd->end_block;
        int promo = 0;
        for (uint32_t j = nd->first_block; j < nd->end_block && !promo; j++)
            promo = doc->blocks[j].kind == PITH_KIND_PROMO &&
                    text_says(&doc->blocks[j], PITH_KIND_PROMO);
        for (uint32_t j = nd->first_block; j < nd->end_block && promo; j++) {
            pith_blk *b = &doc->blocks[j];
            if (b->kind != PITH_KIND_NAVIGATION)
                continue;
            b->kind = PITH_KIND_PROMO;
            doc_note(doc, j, "in a <form> with a promotion");
        }
    }
}

void classify_html(pith_doc *doc)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.n = doc->n_blocks;
    c.profile = page_profile(doc);
    size_t n1 = (size_t)c.n + 1;
    c.q = calloc(n1, sizeof *c.q);
    c.value = calloc(n1, sizeof *c.value);
    c.good = calloc(n1, sizeof *c.good);
    c.good_n = calloc(n1, sizeof *c.good_n);
    c.chars = calloc(n1, sizeof *c.chars);
    c.dialog_good = calloc(n1, sizeof *c.dialog_good);
    c.dialog_n = calloc(n1, sizeof *c.dialog_n);
    c.node_v = calloc(doc->n_nodes ? doc->n_nodes : 1, sizeof *c.node_v);
    c.node_body = calloc(doc->n_nodes ? doc->n_nodes : 1, sizeof *c.node_body);
    if (!c.q || !c.value || !c.good || !c.good_n || !c.chars || !c.dialog_good || !c.dialog_n || !c.node_v || !c.node_body) {
        doc->strings.oom = 1; /* reported as out of memory by the pipeline */
        goto done;
    }
    reveal_hidden_wrappers(doc);
    double sd_scale = stopwords_scale(doc->ex->stop, doc->lang);
    for (uint32_t i = 0; i < c.n; i++) {
        const pith_blk *b = &doc->blocks[i];
        int in_dialog = b->node != PITH_NONE && (doc->nodes[b->node].flags & NF_DIALOG);
        c.q[i] = local_quality(doc, b, sd_scale);
        c.good[i + 1] = c.good[i] + (c.q[i] > 0 ? c.q[i] * b->chars : 0);
        c.good_n[i + 1] = c.good_n[i] + (c.q[i] >= GOOD_Q);
        c.chars[i + 1] = c.chars[i] + b->chars;
        c.dialog_good[i + 1] = c.dialog_good[i] + (in_dialog && c.q[i] > 0 ? c.q[i] * b->chars : 0);
        c.dialog_n[i + 1] = c.dialog_n[i] + (in_dialog && c.q[i] >= GOOD_Q);
    }
    node_verdicts(&c);
    double *relaxed = calloc(n1, sizeof *relaxed);
    if (!relaxed) {
        doc->strings.oom = 1;
        goto done;
    }
    for (uint32_t i = 0; i < c.n; i++) {
        const pith_blk *b = &doc->blocks[i];
        double ch = b->chars, v, r;
        const verdict *vd = b->node != PITH_NONE ? &c.node_v[b->node] : NULL;
        if (b->flags & PITH_BLOCK_HIDDEN) {
            v = r = -ch;
        } else if (vd && vd->kind != NO_KIND) {
            /* captions and bylines belong to articles: neutral, not against */
            int against = vd->kind != PITH_KIND_CAPTION && vd->kind != PITH_KIND_META;
            v = r = against ? -ch * fmin(1.0, vd->weight / VERDICT_FULL_WEIGHT) : 0;
        } else {
            v = c.q[i] * ch;
            if (c.q[i] < 0)
                v *= BAD_SHARE;
            else if (b->flags & PITH_BLOCK_LIST_ITEM)
                v *= LIST_ITEM_SHARE; /* teaser snippets more often than body */
            r = c.q[i] > BAD_Q ? ch : -ch;
        }
        c.value[i + 1] = c.value[i] + v;
        relaxed[i + 1] = relaxed[i] + r;
    }
    choose_container(&c, relaxed);
    free(relaxed);
    if (c.profile->chrome_in_container)
        reach_title(&c);
    if (c.profile->all_but_chrome || c.profile->chrome_in_container) {
        c.menu = calloc(n1, 1);
        if (!c.menu) {
            doc->strings.oom = 1;
            goto done;
        }
        mark_link_runs(&c);
    }
    if (c.profile->all_but_chrome) {
        c.container = PITH_NONE; /* every block is judged by its own region */
        c.c_first = 0;
        c.c_end = c.n;
    }
    if (c.profile->items_are_content) {
        c.item = calloc(n1, 1);
        if (!c.item) {
            doc->strings.oom = 1;
            goto done;
        }
        find_items(&c);
    }
    split_stream(&c);
    label(&c);
    marked_content(&c);
    sibling_prose(&c);
    settle_meta(&c);
    teaser_regions(&c);
    apply_sections(&c);
    if (c.profile->shop) {
        product_parts(&c);
        product_specs(&c);
    }
    take_lead(&c);
    further_articles(&c);
    title_apply(doc);
    teaser_items(&c);
    trending_lists(&c);
    form_kinds(&c);
    lone_headline(&c);
    standfirst(&c);
    dateline(&c);
    tag_lists(&c);
    drop_duplicates(&c);
    if (c.container != PITH_NONE && c.c_first < c.n)
        doc_note(doc, c.c_first, "main container starts here: %s (blocks %u-%u)",
                 tag_name(doc->nodes[c.container].tag), c.c_first, c.c_end - 1);
done:
    free(c.q);
    free(c.value);
    free(c.good);
    free(c.good_n);
    free(c.chars);
    free(c.dialog_good);
    free(c.dialog_n);
    free(c.node_v);
    free(c.node_body);
    free(c.item);
    free(c.menu);
}
