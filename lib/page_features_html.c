/* Page features of HTML: how the page's text divides between prose, links, code,
 * lists, tables and headings, between navigation and comment regions, what its largest
 * repeated template (repeats.h) holds, and whether prose follows the title. */
#include "page_features.h"

#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "extractor.h"
#include "repeats.h"
#include "stopwords.h"
#include "tags.h"

enum {
    F_CHARS = PF_COMMON, /* log text characters */
    F_BLOCKS,        /* log blocks */
    F_PROSE,         /* share of the text in prose blocks */
    F_LONG_PROSE,    /* log prose blocks */
    F_LINKS,         /* share of the text inside links */
    F_CODE,          /* share of the text in code and preformatted blocks */
    F_LIST,          /* share of the text in list items */
    F_TABLE,         /* share of the text in table cells */
    F_HEADINGS,      /* log headings */
    F_H1,            /* h1 headings, up to 5 */
    F_NAV,           /* share of the text in navigation regions (nav, header, footer,
                        aside, navigation verdicts) */
    F_COMMENTS,      /* share of the text in comment regions */
    F_META,          /* log blocks with meta votes (bylines, dates) */
    F_SHORT,         /* share of the blocks under 40 characters */
    F_REP_GROUPS,    /* log repeated groups */
    F_REP_MEMBERS,   /* log members of the largest repeated group outside navigation */
    F_REP_SHARE,     /* its share of the page's text */
    F_REP_AVG,       /* log characters per member */
    F_REP_LINKS,     /* share of its text inside links */
    F_REP_PROSE,     /* share of its members holding prose */
    F_REP_BLOCKS,    /* log blocks per member */
    F_TITLE,         /* a block matches the page's title */
    F_TITLE_PROSE,   /* log prose characters in the blocks right after the title */
    F_PROSE_RUN,     /* log the longest run of consecutive prose blocks */
    F_ITEMS,         /* log members of the most item-like group (repeats_item_score) */
    F_ITEMS_SHARE,   /* its share of the page's text */
    F_ITEMS_LINKS,   /* share of its text inside links */
    F_ITEMS_PARTS,   /* log blocks per member */
    F_LINKED_HEADS,  /* share of the headings that are links (a headline list) */
    F_HEAD_DENSITY,  /* headings per prose block (sections without running text) */
    F_BUTTONS,       /* log buttons outside nav, header, footer and aside: calls to
                        action, forms, carts */
    F_NAV_OL,        /* log ordered lists in navigation: breadcrumb trails, step menus */
    F_PARA_LEN,      /* log mean characters of the paragraphs (<p>) outside nav, header,
                        footer and aside: running text makes long ones, a service page's
                        blurbs short ones */
    F_COUNT
};

static const char *const NAMES[F_COUNT] = {
    PAGE_COMMON_NAMES,
    "chars", "blocks", "prose", "long_prose", "links", "code", "list", "table",
    "headings", "h1", "nav", "comments", "meta", "short",
    "rep_groups", "rep_members", "rep_share", "rep_avg", "rep_links", "rep_prose",
    "rep_blocks", "title", "title_prose", "prose_run", "items", "items_share", "items_links",
    "items_parts", "linked_heads", "head_density", "buttons", "nav_ol", "para_len",
};

_Static_assert(F_COUNT <= PAGE_FEATURES_MAX, "PAGE_FEATURES_MAX too small");

/* Prose: a block long enough to be a paragraph whose stopword density is that of
 * running text (jusText's "good" class), or, without a stopword list for the language,
 * one with sentences. */
#define PROSE_MIN_CHARS 100
#define PROSE_MIN_STOPWORDS 0.30 /* scaled to English's prose density */
#define SHORT_BLOCK_CHARS 40
#define AFTER_TITLE_BLOCKS 30 /* an article's text starts within this many blocks */

/* The region kind each element sits in: its own strongest attr verdict of weight >= 2
 * (or what its tag implies), else its parent's. Parents precede children in the table,
 * so one pass suffices. */
#define REGION_NONE 0xFF
static void regions(const pith_doc *doc, uint8_t *region)
{
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        uint8_t r = nd->parent != PITH_NONE ? region[nd->parent] : REGION_NONE;
        if (nd->votes != PITH_NONE) {
            const pith_attr_votes *av = &doc->attr_votes[nd->votes];
            float best = 2;
            for (int k = 0; k < PITH_KIND_COUNT; k++)
                if (av->w[k] >= best) {
                    best = av->w[k];
                    r = (uint8_t)k;
                }
        }
        if (nd->tag == TAG_NAV || nd->tag == TAG_ASIDE || nd->tag == TAG_FOOTER ||
            (nd->tag == TAG_HEADER && r == REGION_NONE))
            r = PITH_KIND_NAVIGATION;
        region[i] = r;
    }
}

static void html_structure(const pith_doc *doc, double *f)
{
    uint32_t nb = doc->n_blocks;
    uint8_t *prose = calloc(nb ? nb : 1, 1);
    uint8_t *region = malloc(doc->n_nodes ? doc->n_nodes : 1);
    uint8_t *framed = malloc(doc->n_nodes ? doc->n_nodes : 1);
    if (!prose || !region || !framed) {
        free(prose);
        free(region);
        free(framed);
        return;
    }
    double scale = stopwords_scale(doc->ex->stop, doc->lang);
    double chars = 0, prose_chars = 0, links = 0, code = 0, list = 0, table = 0, nav = 0,
           comments = 0, heads = 0, h1 = 0, meta = 0, shorts = 0, n_prose = 0, linked_heads = 0;
    regions(doc, region);
    /* Buttons and paragraphs are counted outside the page's frame as its tags mark it,
     * not as class names do: a "menu" or "header" class also sits on a page's own
     * sections, where a service page keeps its calls to action. */
    double buttons = 0, nav_ol = 0, paras = 0, para_chars = 0;
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        uint16_t t = nd->tag;
        framed[i] = (nd->parent != PITH_NONE && framed[nd->parent]) || t == TAG_NAV ||
                    t == TAG_HEADER || t == TAG_FOOTER || t == TAG_ASIDE;
        buttons += t == TAG_BUTTON && !framed[i];
        nav_ol += t == TAG_OL && region[i] == PITH_KIND_NAVIGATION;
    }
    for (uint32_t i = 0; i < nb; i++) {
        const pith_blk *b = &doc->blocks[i];
        double c = b->chars;
        chars += c;
        links += b->link_chars;
        if (b->chars >= PROSE_MIN_CHARS && feat_link_density(b) < 0.3 &&
            (doc->lang >= 0 ? feat_stopword_density(b) * scale >= PROSE_MIN_STOPWORDS
                            : b->sentences >= 2)) {
            prose[i] = 1;
            prose_chars += c;
            n_prose++;
        }
        if (b->flags & PITH_BLOCK_CODE)
            code += c;
        if (b->flags & PITH_BLOCK_LIST_ITEM)
            list += c;
        if (b->flags & PITH_BLOCK_TABLE)
            table += c;
        if (b->heading) {
            heads++;
            h1 += b->heading == 1;
            linked_heads += feat_link_density(b) > 0.5;
        }
        if (b->votes[PITH_KIND_META] > 0)
            meta++;
        if (b->chars < SHORT_BLOCK_CHARS)
            shorts++;
        if (b->tag == TAG_P && b->chars && !(b->node != PITH_NONE && framed[b->node])) {
            paras++;
            para_chars += c;
        }
        uint8_t r = b->node != PITH_NONE ? region[b->node] : REGION_NONE;
        if (r == PITH_KIND_NAVIGATION)
            nav += c;
        else if (r == PITH_KIND_COMMENTS)
            comments += c;
    }
    double after_title = 0, run = 0, longest = 0;
    for (uint32_t i = 0; i < nb; i++) {
        run = prose[i] ? run + 1 : (doc->blocks[i].chars == 0 ? run : 0);
        if (run > longest)
            longest = run;
        if (prose[i] && doc->title_block != PITH_NONE && i > doc->title_block &&
            i <= doc->title_block + AFTER_TITLE_BLOCKS)
            after_title += doc->blocks[i].chars;
    }
    f[F_TITLE] = doc->title_block != PITH_NONE;
    f[F_TITLE_PROSE] = pf_log1(after_title);
    f[F_PROSE_RUN] = pf_log1(longest);
    f[F_CHARS] = pf_log1(chars);
    f[F_BLOCKS] = pf_log1(nb);
    f[F_PROSE] = pf_share(prose_chars, chars);
    f[F_LONG_PROSE] = pf_log1(n_prose);
    f[F_LINKS] = pf_share(links, chars);
    f[F_CODE] = pf_share(code, chars);
    f[F_LIST] = pf_share(list, chars);
    f[F_TABLE] = pf_share(table, chars);
    f[F_HEADINGS] = pf_log1(heads);
    f[F_H1] = h1 > 5 ? 5 : h1;
    f[F_LINKED_HEADS] = pf_share(linked_heads, heads);
    f[F_HEAD_DENSITY] = pf_log1(heads / (n_prose + 1));
    f[F_BUTTONS] = pf_log1(buttons);
    f[F_NAV_OL] = pf_log1(nav_ol);
    f[F_PARA_LEN] = pf_log1(pf_share(para_chars, paras));
    f[F_NAV] = pf_share(nav, chars);
    f[F_COMMENTS] = pf_share(comments, chars);
    f[F_META] = pf_log1(meta);
    f[F_SHORT] = pf_share(shorts, nb);

    repeat_group *g;
    size_t ng;
    if (repeats_find(doc, prose, &g, &ng) == 0) {
        const repeat_group *best = NULL, *items = NULL;
        size_t groups = 0;
        for (size_t k = 0; k < ng; k++) {
            uint8_t r = region[g[k].parent];
            if (r == PITH_KIND_NAVIGATION || r == PITH_KIND_PROMO)
                continue;
            groups++;
            if (!best || g[k].chars > best->chars)
                best = &g[k];
            if (r != PITH_KIND_COMMENTS && repeats_item_shaped(&g[k]) &&
                (!items || repeats_item_score(&g[k]) > repeats_item_score(items)))
                items = &g[k];
        }
        if (items) {
            f[F_ITEMS] = pf_log1(items->members);
            f[F_ITEMS_SHARE] = pf_share(items->chars, chars);
            f[F_ITEMS_LINKS] = pf_share(items->link_chars, items->chars);
            f[F_ITEMS_PARTS] = pf_log1((double)items->blocks / items->members);
        }
        f[F_REP_GROUPS] = pf_log1(groups);
        if (best) {
            f[F_REP_MEMBERS] = pf_log1(best->members);
            f[F_REP_SHARE] = pf_share(best->chars, chars);
            f[F_REP_AVG] = pf_log1((double)best->chars / best->members);
            f[F_REP_LINKS] = pf_share(best->link_chars, best->chars);
            f[F_REP_PROSE] = pf_share(best->prose_members, best->members);
            f[F_REP_BLOCKS] = pf_log1((double)best->blocks / best->members);
        }
        free(g);
    }
    free(prose);
    free(region);
    free(framed);
}

static void compute(const pith_doc *doc, double *f)
{
    page_common_features(doc, f);
    html_structure(doc, f);
}

const page_feature_set page_features_html = {NAMES, F_COUNT, compute};
