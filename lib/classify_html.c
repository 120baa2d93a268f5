/* Classifying the blocks of an HTML page: choosing the main content.
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
 *    most of that prose, is the article rather than the section around it; a container
 *    that holds a stream of complete articles cut from one template (infinite scroll)
 *    narrows to the main one.
 * 4. Labels: inside the container, good blocks are body, boilerplate verdicts keep their
 *    kind, and short or uncertain blocks take the class of their neighbours (jusText's
 *    context pass). Outside it, verdicts decide, else link lists are trending or
 *    navigation by their shape; but content marked unmistakably as the article's (an
 *    embedded post, a recipe's ingredients) is body wherever it sits, and so are good
 *    paragraphs right beside the container (Readability's sibling pass).
 * 5. Naming the furniture, once the article is settled: classify_html_naming.c. The
 *    context the two files share, and the tests of this one that the naming passes use
 *    too, are in classify_html_ctx.h.
 *
 * The page type (page_type.h) changes what the main content is, through the profile of
 * its type (PROFILES below): a forum's posts, a listing's items, a service page's
 * sections, a reference page's tables and tabs. Every number of these steps is named,
 * with its reason, in the block of defines below, or in classify_html_ctx.h when the
 * naming passes use it too.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "classify.h"
#include "classify_html_ctx.h"
#include "extractor.h"
#include "repeats.h"
#include "rules.h"
#include "stopwords.h"
#include "tags.h"

/* ---- the numbers: every threshold and weight of the content choice, named here ---- */

/* Rule votes, on the scale of STRONG_VOTE (classify_html_ctx.h). */
#define HINT_VOTE 1.0f   /* a text vote this heavy counts against prose */

/* 0. Hidden elements. */
#define HIDDEN_WRAPPER_SHARE 0.5 /* a hidden element over this share of the unlinked text reveals */

/* 1. Local quality q in [-1, 1]. Stopword density is the prose signal (jusText); the
 * lists are short, so body paragraphs sit around 0.45 (English scale) and rarely below
 * 0.30. q maps density SD_ZERO -> 0 and SD_ZERO + SD_SPAN -> 1, floored at SD_FLOOR.
 * Above LINK_BLOCK_DENSITY a block is a link (q = -1); a block is good prose from GOOD_Q
 * (both in classify_html_ctx.h). */
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
#define BAD_Q (-0.5f)          /* q at which a block is not good prose */

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
 * its siblings cut from the same template are the article's further sections (up to
 * PROSE_REGION_TEMPLATES templates, classify_html_ctx.h). A sidebar's widgets do not
 * open under the headline. */
#define PROSE_REGION_SHARE 0.5
#define PROSE_REGION_MIN_BLOCKS 1

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
#define STREAM_SHARE 0.6        /* articles of a stream hold this share of the prose */
#define STREAM_MAX_CANDIDATES 64
#define STREAM_MAX_DEPTH 3      /* a stream's articles sit this close under the container */
/* Menus without a name: at least MENU_RUN_MIN short links in a row. */
#define MENU_RUN_MIN 4
#define MENU_LINK_MAX_CHARS 40

/* 4. Labels. */
#define TABLE_MAX_LINKS 0.5     /* a table or list in the article is prose while links */
#define LIST_MAX_LINKS 0.35     /* hold at most this share of its text */
#define GROUP_STEPS 64          /* how far up a block's list or table is looked for */
/* Context pass: between the article's first and last paragraph a line is the article's
 * unless it is mostly links, votes otherwise, or is a one- or two-word label
 * ("Related", "Share now!", "Credit:"). */
#define SPAN_MAX_LINK_DENSITY 0.5
#define SPAN_MIN_WORDS 3
#define SIBLING_STEPS 1          /* prose beside the container: levels under its parent */
#define CONTROL_STEPS 3          /* a control's text: its element and two levels inside it */
/* An embedded post (a tweet, an Instagram post) is named by body rules of this weight
 * (rules/html.rules: above "unmistakable", so that no sum of article-name hints reaches
 * it): quoted content, all of it, its attribution and links included. */
#define EMBED_RULE_WEIGHT 4.0f

/* The profile of each page type (type_profile, classify_html_ctx.h). */
static const type_profile PROFILES[PITH_PAGE_COUNT] = {
    [PITH_PAGE_AUTO] = {0, 0, 0, 0, 0, 0},
    [PITH_PAGE_ARTICLE] = {0, 0, 0, 0, 0, 0},
    [PITH_PAGE_FORUM] = {1, 0, 0, 0, 0, 0},
    [PITH_PAGE_PRODUCT] = {0, 1, 0, 0, 0, 1, 1, 1},
    [PITH_PAGE_COLLECTION] = {0, 0, 1, 0, 0, 0},
    [PITH_PAGE_LISTING] = {0, 0, 1, 0, 0, 0},
    [PITH_PAGE_DOCUMENTATION] = {0, 0, 0, 0, 1, 1},
    [PITH_PAGE_SERVICE] = {0, 1, 0, 1, 0, 1},
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

/* ---- 0. hidden elements ----------------------------------------------------------- */

/* Pages that reveal their content with a script (a "lockdown" or "loading" wrapper,
 * a fade-in) ship it inside a display:none element; the reader sees it. An element
 * hiding most of the page's text outside links (HIDDEN_WRAPPER_SHARE; a shop's menus
 * can hold more words than its product page) is taken for that, and its
 * blocks stay visible unless a smaller hidden element inside it hides them too. */
static uint32_t unlinked_chars(const pith_blk *b)
{
    return b->chars > b->link_chars ? b->chars - b->link_chars : 0;
}

static void reveal_hidden_wrappers(pith_doc *doc)
{
    uint32_t nb = doc->n_blocks;
    uint64_t total = 0;
    for (uint32_t i = 0; i < nb; i++)
        total += unlinked_chars(&doc->blocks[i]);
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
        chars[i + 1] = chars[i] + unlinked_chars(&doc->blocks[i]);
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


/* `sd_scale` brings the page language's stopword densities to the scale of English. */
static float local_quality(const pith_doc *doc, const pith_blk *b, double sd_scale)
{
    if (b->chars == 0)
        return 0;
    float tw;
    int tk = chtml_text_vote_kind(b, &tw);
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

static int follows_title(const ctx *c, const pith_node *nd);

/* Whether element i, named as navigation, is a prose region of the article (see
 * PROSE_REGION_SHARE): the first opens under the headline, the others share its
 * template wherever they sit (a page builder nests each section in its own grid row). */
static int misnamed_prose(ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    const pith_node *nd = &doc->nodes[i];
    if (chtml_subtree(c->good_n, nd) < PROSE_REGION_MIN_BLOCKS ||
        chtml_subtree(c->good, nd) < PROSE_REGION_SHARE * chtml_subtree(c->chars, nd))
        return 0;
    for (uint32_t k = 0; k < c->n_prose_region; k++)
        if (chtml_same_template(doc, c->prose_region[k], i))
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
        double sub_good = chtml_subtree(c->good, nd) - chtml_subtree(c->dialog_good, nd);
        double sub_n = chtml_subtree(c->good_n, nd) - chtml_subtree(c->dialog_n, nd);
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
    double s = chtml_subtree(prefix, nd);
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
        if (nd->end_block <= nd->first_block || chtml_is_page_root(nd))
            continue;
        if (nd->flags & NF_DIALOG)
            continue; /* a modal window (a privacy policy, a sign-up form) is never the
                       * page's content, however much prose it holds */
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
    double good = chtml_subtree(c->good, &doc->nodes[art]);
    return chtml_subtree(c->good_n, &doc->nodes[art]) >= ARTICLE_CEILING_GOOD &&
                   good >= ARTICLE_CEILING_PROSE &&
                   good >= ARTICLE_CEILING_SHARE * chtml_subtree(c->good, cn)
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
    if (n == PITH_NONE || chtml_is_page_root(&doc->nodes[n]))
        return;
    c->container = n;
    c->c_first = doc->nodes[n].first_block;
    c->c_end = doc->nodes[n].end_block;
}


/* An infinite-scroll stream: the chosen container holds two or more complete articles
 * cut from one template (<main><article>..</article><article>..</article></main>), and
 * together they hold most of its prose. The main article is the one with the page's
 * title, else the first; the container narrows to it, and further_articles
 * (classify_html_naming.c) labels the others. */
static void split_stream(ctx *c)
{
    pith_doc *doc = c->doc;
    if (c->container == PITH_NONE)
        return;
    uint32_t cn = c->container, cd = doc->nodes[cn].depth;
    uint32_t cand[STREAM_MAX_CANDIDATES];
    size_t k = 0;
    for (uint32_t i = cn + 1; i < doc->n_nodes && doc->nodes[i].depth > cd && k < STREAM_MAX_CANDIDATES; i++)
        if (doc->nodes[i].depth <= cd + STREAM_MAX_DEPTH && chtml_complete_article(c, i, ARTICLE_MIN_PROSE))
            cand[k++] = i;
    double total = chtml_subtree(c->good, &doc->nodes[cn]);
    for (size_t a = 0; a < k; a++) {
        /* the members: a's siblings of a's template */
        uint32_t parent = doc->nodes[cand[a]].parent, members = 0, main = PITH_NONE;
        double good = 0;
        for (size_t b = a; b < k; b++) {
            if (doc->nodes[cand[b]].parent != parent || !chtml_same_template(doc, cand[a], cand[b]))
                continue;
            const pith_node *nd = &doc->nodes[cand[b]];
            members++;
            good += chtml_subtree(c->good, nd);
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

/* ---- items of a list, runs of links ----------------------------------------------- */

/* Once the container is chosen, the profiles of listings and of service and reference
 * pages mark blocks that the labels then read: the items of the page's list (c->item)
 * and runs of short links (c->menu). */

/* Whether a repeated group can be the page's list: not inside navigation, a promotion
 * or a comment thread, not hidden, and shaped like items. Not the children of <body>
 * either: those are the page's own sections (a shop theme's header, main and footer
 * sections share a class), and taking them for items makes the whole page content. */
static int item_group_ok(const ctx *c, const repeat_group *g)
{
    const pith_doc *doc = c->doc;
    const verdict *v = &c->node_v[g->parent];
    if (v->kind == PITH_KIND_NAVIGATION || v->kind == PITH_KIND_PROMO ||
        v->kind == PITH_KIND_COMMENTS ||
        (doc->blocks[doc->nodes[g->parent].first_block].flags & PITH_BLOCK_HIDDEN) ||
        chtml_is_page_root(&doc->nodes[g->parent]))
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
            if (&g[k] != best && (!item_group_ok(c, &g[k]) || !chtml_same_template(doc, best->first, g[k].first)))
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

/* ---- 4. labels -------------------------------------------------------------------- */


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

/* Whether two elements are entries of one menu that each carry its verdict (every
 * <li class="menu-item"> named on its own): siblings cut from the same template. */
static int sibling_entries(const pith_doc *doc, uint32_t a, uint32_t b)
{
    return doc->nodes[a].parent == doc->nodes[b].parent && chtml_same_template(doc, a, b);
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
        const verdict *nv = chtml_block_verdict(c, j);
        if (!nv || !(nb->flags & PITH_BLOCK_LIST_ITEM) ||
            !(nv->node == v->node || sibling_entries(doc, nv->node, v->node)))
            continue;
        float w;
        if (chtml_text_vote_kind(nb, &w) == kind && w >= HINT_VOTE)
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
    return c->container != PITH_NONE && chtml_in_container(c, i) && marked(c, i);
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
        if (chtml_in_container(c, i) || b->kind == PITH_KIND_BODY ||
            (b->flags & (PITH_BLOCK_HIDDEN | BF_LINK_ONLY)) || b->chars == 0)
            continue;
        const verdict *m = marked(c, i), *v = chtml_block_verdict(c, i);
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
    if (parent == PITH_NONE || chtml_is_page_root(&doc->nodes[parent]))
        return;
    const pith_node *pn = &doc->nodes[parent];
    for (uint32_t i = pn->first_block; i < pn->end_block && i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (chtml_in_container(c, i) || b->kind == PITH_KIND_BODY || b->node == PITH_NONE ||
            b->tag != TAG_P || c->q[i] < GOOD_Q || feat_link_density(b) > LINKY_DENSITY ||
            (b->flags & PITH_BLOCK_HIDDEN) || chtml_block_verdict(c, i))
            continue;
        float tw;
        if (chtml_text_vote_kind(b, &tw) >= 0 && tw >= HINT_VOTE)
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


/* Whether a block is the text of a control: a button ("Add to cart", "Load more"), a
 * picker and its options, a form's labels and fields. A page's interface, not its
 * content, even inside an item of its list or a service page's sections. A <form>
 * that holds the main container is a page wrapper (ASP.NET wraps whole pages in one),
 * not a form. CONTROL_STEPS: the control's own element and two levels of markup
 * inside it (a <span> in a <button>). */
static int in_control(const ctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    if (doc->blocks[i].flags & BF_CONTROL)
        return 1; /* an inline control's text, all of the block */
    uint32_t n = doc->blocks[i].node;
    for (int steps = 0; n != PITH_NONE && steps < CONTROL_STEPS; steps++, n = doc->nodes[n].parent) {
        const pith_node *nd = &doc->nodes[n];
        if (nd->tag == TAG_BUTTON || nd->tag == TAG_SELECT || nd->tag == TAG_OPTION ||
            nd->tag == TAG_LABEL)
            return 1;
        if (nd->tag == TAG_FORM)
            return !chtml_holds_container(c, nd);
    }
    return 0;
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
        const verdict *v = chtml_block_verdict(c, i);
        float tw;
        int tk = chtml_text_vote_kind(b, &tw);
        b->score = c->q[i];
        if ((b->flags & PITH_BLOCK_HIDDEN) &&
            !(c->profile->tabs && !v && chtml_in_container(c, i))) {
            /* a clear phrase says more than the generic verdict of the hidden menu or
             * drawer it sits in ("Follow us on Twitter"), but for one entry of a menu */
            int says = tk >= 0 && tw >= STRONG_VOTE && (!v || v->kind == PITH_KIND_NAVIGATION) &&
                       !(v && lone_menu_entry(c, i, v, tk));
            b->kind = says ? (uint8_t)tk : v ? v->kind : PITH_KIND_NAVIGATION;
            doc_note(doc, i, "hidden element");
            continue;
        }
        if (in_embed(c, i) && !chtml_block_verdict(c, i) && !(b->flags & BF_LINK_ONLY)) {
            /* a quoted post reads like furniture (a name, a handle, a date, a link)
             * but is the article's */
            b->kind = PITH_KIND_BODY;
            doc_note(doc, i, "in a post embedded in the article");
            continue;
        }
        if (c->profile->all_but_chrome ||
            (c->profile->chrome_in_container && chtml_in_container(c, i))) {
            int chrome = v && (v->kind == PITH_KIND_NAVIGATION || v->kind == PITH_KIND_PROMO ||
                               v->kind == PITH_KIND_COMMENTS);
            int says = tk >= 0 && tw >= STRONG_VOTE &&
                       (tk == PITH_KIND_NAVIGATION || tk == PITH_KIND_PROMO ||
                        tk == PITH_KIND_COMMENTS);
            b->kind = chrome ? v->kind : says ? (uint8_t)tk
                      : c->menu && c->menu[i] ? PITH_KIND_NAVIGATION
                      : in_control(c, i) ? PITH_KIND_NAVIGATION
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
            if (!own && in_control(c, i))
                b->kind = PITH_KIND_NAVIGATION;
            doc_note(doc, i, "item of the page's list");
            continue;
        }
        if (v && v->kind != PITH_KIND_BODY &&
            !(v->kind == PITH_KIND_NAVIGATION && tk >= 0 && tw >= STRONG_VOTE &&
              !lone_menu_entry(c, i, v, tk) && !chtml_is_option(doc, i)) &&
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
        if (!chtml_in_container(c, i)) {
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)chtml_furniture_kind(b);
            continue;
        }
        if (tk < 0 && in_control(c, i)) {
            b->kind = PITH_KIND_NAVIGATION;
            continue;
        }
        if (c->q[i] >= GOOD_Q || (c->relaxed && c->q[i] > BAD_Q && tk < 0)) {
            b->kind = PITH_KIND_BODY;
            continue;
        }
        if (c->q[i] <= BAD_Q && !in_prose_group(c, i, group_cache)) {
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)chtml_furniture_kind(b);
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
        int tk = chtml_text_vote_kind(b, &tw);
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
            b->kind = tk >= 0 ? (uint8_t)tk : (uint8_t)chtml_furniture_kind(b);
            doc_note(doc, i, "context: not between body blocks");
        }
    }
    free(pending);
    free(group_cache);
    free(prev_dec);
    free(next_dec);
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
        int in_dialog = b->node != PITH_NONE && (doc->nodes[b->node].flags & NF_DIALOG);
        if ((b->flags & PITH_BLOCK_HIDDEN) && c.profile->hidden_neutral && !in_dialog) {
            v = r = 0; /* a product's closed tab */
        } else if ((b->flags & PITH_BLOCK_HIDDEN) || in_dialog) {
            v = r = -ch; /* hidden, or in a modal window: against, as boilerplate */
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
    chtml_name_furniture(&c);
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
