/* Classifying the blocks of an HTML page, step 5: naming the furniture.
 *
 * classify_html.c chooses the main content (steps 0-4) and labels every block; what it
 * left as generic page furniture is named here, once the article is settled, where its
 * place or wording says more: lists of headlines and the teasers in them, sections
 * under their headings, the page's one <h1>, the standfirst and dateline by the
 * headline, a tag list under its head, the fields of a sign-up form. These passes name
 * furniture; what is body changes only where the page says more than the content choice
 * could: the lead paragraph between the title and the container is the article's,
 * further complete articles after it are numbered, a list's snippets under its heading
 * and a paragraph shown a second time are not the article's, and on a shop's page the
 * reviews and testimonials under their heading, prose though they are, are the shop's,
 * while a section of unlinked entries under a heading of other items is given back to
 * the product.
 *
 * The passes run in the order they stand in this file (chtml_name_furniture, at its
 * end), each on the labels of those before it: the metadata away from the article goes
 * first, so that the lists and sections named next take it with them. The title block
 * (title.c) is labelled among them, after the further articles and before the passes
 * that look for the labelled headline (lone_headline, standfirst, dateline). Every
 * number of these passes is named, with its reason, in the block of defines below, or in
 * classify_html_ctx.h when the content choice uses it too.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "block_features.h"
#include "classify_html_ctx.h"
#include "extractor.h"
#include "repeats.h"
#include "rules.h"
#include "tags.h"
#include "title.h"

/* ---- the numbers: every threshold and weight of the naming passes, named here ------- */

/* The article's tail: its author box and tags sit in the TAIL_MAX_BLOCKS blocks after
 * it. */
#define TAIL_MAX_BLOCKS 15
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
/* Sections under their headings. */
#define LIST_LIKE_CHARS 40      /* a short line can belong to a list of stories */
#define SECTION_END_LINKS 0.3   /* prose with fewer links ends a section of stories */
/* A shop's reviews and testimonials are prose: a section of comments that a heading
 * opens on a product page ("Customer Reviews", "What our clients say") holds all of its
 * region, not only the furniture up to its first paragraph as a list of stories does.
 * A list of other products links each entry to its page: a section of at least
 * SPECS_MIN_ENTRIES entries none of which links is the product's own (product_specs). */
#define SPECS_MIN_ENTRIES 2
/* Other products are shown as cards, each a link to its page with its price: a repeated
 * template at least CARD_SHARE of whose members are such cards ("Frequently bought
 * together", an add-on's picker, "Customers also viewed") lists other products, not the
 * product's own parts (product_cards). */
#define CARD_SHARE 0.6
/* ... unless the group holds the page's headline or more than CARD_MAX_BODY_SHARE of its
 * body: then its cards are the product's variants, and the product is among them. */
#define CARD_MAX_BODY_SHARE 0.5
#define LEAD_MAX_BLOCKS 30      /* a lead paragraph sits this close to the title */
#define FURTHER_MAX 250         /* further articles labelled */
/* A teaser's own furniture: the kicker, source, date, "more" link and photo credit
 * around the headline of a story in a list, inside the smallest element (at most
 * TEASER_ITEM_STEPS up, TEASER_ITEM_MAX_BLOCKS blocks) that holds that one headline. */
#define TEASER_ITEM_STEPS 4
#define TEASER_ITEM_MAX_BLOCKS 8
/* A list (<ul>, <ol>) whose link entries are mostly other stories' headlines (at least
 * LIST_TRENDING_MIN of them, LIST_TRENDING_SHARE of its link entries) lists stories: its
 * shorter entries ("Shows", a three-word headline cut short) are the list's too. The
 * list is the nearest one at most LIST_STEPS elements up. A head left as furniture over
 * LIST_TRENDING_MIN headlines in a row ("Most read columns") is the list's as well. */
#define LIST_TRENDING_MIN 3
#define LIST_TRENDING_SHARE 0.6
#define LIST_STEPS 3
/* The standfirst under the headline: within STANDFIRST_WITHIN blocks of it, at least
 * STANDFIRST_MIN_WORDS words (a kicker or a section label is shorter). */
#define STANDFIRST_WITHIN 3
#define STANDFIRST_MIN_WORDS 6
/* A dateline: a line of at most DATELINE_MAX_CHARS with a date, within DATELINE_WITHIN
 * blocks of the headline (above it for a date over the headline). */
#define DATELINE_WITHIN 4
#define DATELINE_MAX_CHARS 80
/* A tag list: at most TAG_LIST_MAX tags of at most TAG_MAX_CHARS each, under a head in
 * the article or in its tail (TAIL_MAX_BLOCKS). */
#define TAG_LIST_MAX 30
#define TAG_MAX_CHARS 200
#define DUPLICATE_MIN_CHARS 40   /* a repeated paragraph, not a repeated label */

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
    const verdict *v = chtml_block_verdict(c, i);
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
        const verdict *v = chtml_block_verdict(c, i);
        int outer = v && v->kind == b->kind && v->node != PITH_NONE ? outer_verdict(c, v) : NO_KIND;
        b->kind = outer == PITH_KIND_PROMO || outer == PITH_KIND_TRENDING || outer == PITH_KIND_COMMENTS
                      ? (uint8_t)outer
                      : (uint8_t)chtml_furniture_kind(b);
    }
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

/* Whether a text holds a price: a currency sign or code next to a number ("$19.99",
 * "49,95 €", "EUR 15", "1 299 kr"). */
static int has_price(const char *s, uint32_t len)
{
    static const char *const signs[] = {"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xb9",
                                        "USD", "EUR", "GBP", "CHF", "kr", "z\xc5\x82"};
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++) {
        size_t n = strlen(signs[k]);
        for (const char *p = s; p + n <= s + len; p++) {
            if (memcmp(p, signs[k], n) != 0)
                continue;
            const char *a = p + n, *b = p;
            while (a < s + len && *a == ' ')
                a++;
            while (b > s && b[-1] == ' ')
                b--;
            if ((a < s + len && *a >= '0' && *a <= '9') || (b > s && b[-1] >= '0' && b[-1] <= '9'))
                return 1;
        }
    }
    return 0;
}

/* Product pages: a repeated template whose members are mostly cards of other products
 * (a link and a price each) lists other products; what the content choice gave the
 * article of it is the list's. */
static void product_cards(ctx *c)
{
    pith_doc *doc = c->doc;
    repeat_group *g;
    size_t ng;
    if (repeats_find(doc, NULL, &g, &ng)) {
        doc->strings.oom = 1;
        return;
    }
    double body = 0; /* the page's body characters, kept up to date below */
    for (uint32_t j = 0; j < c->n; j++)
        if (doc->blocks[j].kind == PITH_KIND_BODY)
            body += doc->blocks[j].chars;
    for (size_t k = 0; k < ng; k++) {
        uint32_t cards = 0, members = 0;
        for (uint32_t m = g[k].first; m <= g[k].last; m++) {
            if (!repeats_is_member(doc, &g[k], m))
                continue;
            const pith_node *nd = &doc->nodes[m];
            int link = 0, price = 0;
            for (uint32_t j = nd->first_block; j < nd->end_block; j++) {
                const pith_blk *b = &doc->blocks[j];
                link |= b->link_chars > 0;
                price = price || has_price(blk_text(doc, b), b->len);
            }
            members += nd->end_block > nd->first_block;
            cards += link && price;
        }
        if (members < REPEAT_MIN_MEMBERS || cards < CARD_SHARE * members)
            continue;
        /* not the product itself: its name heads the page, and its text is most of it */
        const pith_node *pn = &doc->nodes[g[k].parent];
        uint32_t t = doc->title_block;
        if (t != PITH_NONE && t >= doc->nodes[g[k].first].first_block && t < doc->nodes[g[k].last].end_block)
            continue;
        double in = 0;
        for (uint32_t j = pn->first_block; j < pn->end_block; j++)
            if (doc->blocks[j].kind == PITH_KIND_BODY)
                in += doc->blocks[j].chars;
        if (in > CARD_MAX_BODY_SHARE * body)
            continue;
        for (uint32_t m = g[k].first; m <= g[k].last; m++) {
            if (!repeats_is_member(doc, &g[k], m))
                continue;
            const pith_node *nd = &doc->nodes[m];
            for (uint32_t j = nd->first_block; j < nd->end_block; j++)
                if (doc->blocks[j].kind == PITH_KIND_BODY) {
                    doc->blocks[j].kind = PITH_KIND_TRENDING;
                    body -= doc->blocks[j].chars;
                    doc_note(doc, j, "a card of another product");
                }
        }
    }
    free(g);
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
        const verdict *v = chtml_block_verdict(c, i);
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
        const verdict *v = chtml_block_verdict(c, i);
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

/* Whether a block ends as an excerpt cut short does ("…", "...", "[…]", "[...]"): the
 * snippet of a teaser, even when it reads as prose and sits in no list. */
static int excerpt(const pith_doc *doc, const pith_blk *b)
{
    const char *s = blk_text(doc, b);
    uint32_t n = b->len;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ']' || s[n - 1] == ')'))
        n--;
    return n >= 3 && (memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0 || memcmp(s + n - 3, "...", 3) == 0);
}

/* A promotion's region stays below the main container: its heading ("Share" over a
 * recipe's share buttons, "Newsletter") heads its own widget, not the article around
 * or after it. A list of other stories may still hold the container's tail, when the
 * container took in its teasers. The largest element that starts with the heading and
 * holds no more of the container than part of it. */
static uint32_t below_container(const ctx *c, uint32_t i, uint32_t r)
{
    const pith_doc *doc = c->doc;
    if (r == PITH_NONE || c->container == PITH_NONE)
        return r;
    if (!chtml_holds_container(c, &doc->nodes[r]))
        return r;
    uint32_t best = PITH_NONE;
    for (uint32_t n = doc->blocks[i].node; n != PITH_NONE && n != r; n = doc->nodes[n].parent) {
        const pith_node *nd = &doc->nodes[n];
        if (nd->first_block != i || chtml_holds_container(c, nd))
            break;
        if (nd->end_block > i + 1)
            best = n;
    }
    return best;
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
        if (chtml_is_option(doc, i))
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
        if (k == PITH_KIND_PROMO)
            r = below_container(c, i, r);
        if (r == PITH_NONE)
            continue;
        uint32_t end = doc->nodes[r].end_block, j;
        for (j = i + 1; j < end; j++) {
            pith_blk *b = &doc->blocks[j];
            if (b->section)
                break; /* the next section starts */
            if (c->container != PITH_NONE && i < c->c_first && j == c->c_first)
                break; /* a heading before the article heads nothing in it ("Share"
                        * over a recipe's share buttons, the recipe after them) */
            if (b->kind == PITH_KIND_BODY && c->q[j] >= GOOD_Q && feat_link_density(b) < SECTION_END_LINKS &&
                !(b->flags & PITH_BLOCK_LIST_ITEM) && !(k != PITH_KIND_PROMO && excerpt(doc, b)))
                break; /* ... but an excerpt cut short is a teaser's snippet */
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
            const verdict *bv = chtml_block_verdict(c, j);
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
        /* the next visible section's head ends it, not a hidden "Read more" */
        for (j = i + 1; j < end && !(doc->blocks[j].section && !(doc->blocks[j].flags & PITH_BLOCK_HIDDEN));
             j++) {
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
            (h->flags & PITH_BLOCK_HIDDEN) || !chtml_in_container(c, i))
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
        if (c->q[i] < GOOD_Q || chtml_block_verdict(c, i) || (b->flags & PITH_BLOCK_HIDDEN) ||
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
        if (nd->tag != TAG_ARTICLE && !chtml_same_template(doc, main, i))
            continue;
        if (!chtml_complete_article(c, i, ARTICLE_MIN_PROSE))
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
            (b->flags & PITH_BLOCK_HIDDEN) ||
            (c->container != PITH_NONE && chtml_in_container(c, i)))
            continue;
        const verdict *v = chtml_block_verdict(c, i);
        float tw;
        if ((v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v)) ||
            (chtml_text_vote_kind(b, &tw) == PITH_KIND_NAVIGATION && tw >= STRONG_VOTE))
            continue;
        uint32_t n = doc->nodes[b->node].parent;
        for (int steps = 0; n != PITH_NONE && steps < TEASER_ITEM_STEPS; steps++, n = doc->nodes[n].parent) {
            const pith_node *nd = &doc->nodes[n];
            if (chtml_is_page_root(nd) || nd->end_block - nd->first_block > TEASER_ITEM_MAX_BLOCKS)
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

/* Whether a block's own wording votes clearly for kind k. */
static int text_says(const pith_blk *b, int k)
{
    float w;
    return chtml_text_vote_kind(b, &w) == k && w >= STRONG_VOTE;
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
            (c->container != PITH_NONE && chtml_in_container(c, i)))
            continue;
        uint32_t l = list_of(doc, i);
        if (l == PITH_NONE || trend[l] < LIST_TRENDING_MIN || trend[l] < LIST_TRENDING_SHARE * links[l])
            continue;
        const verdict *v = chtml_block_verdict(c, i);
        if ((v && v->kind == PITH_KIND_NAVIGATION && !weak_navigation(c, v)) ||
            text_says(b, PITH_KIND_NAVIGATION))
            continue;
        b->kind = PITH_KIND_TRENDING;
        doc_note(doc, i, "an entry of a list of %u headlines", trend[l]);
    }
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_NAVIGATION || !(b->heading || (b->flags & PITH_BLOCK_HEADING)) ||
            (b->flags & PITH_BLOCK_HIDDEN) ||
            (c->container != PITH_NONE && chtml_in_container(c, i)))
            continue;
        const verdict *v = chtml_block_verdict(c, i);
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
        int tk = chtml_text_vote_kind(b, &tw);
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
        const verdict *v = chtml_block_verdict(c, i);
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

/* In this order for the reasons at the top of this file; a shop's parts are named on a
 * product page only (its profile's `shop`). */
void chtml_name_furniture(ctx *c)
{
    settle_meta(c);
    teaser_regions(c);
    apply_sections(c);
    if (c->profile->shop) {
        product_parts(c);
        product_specs(c);
        product_cards(c);
    }
    take_lead(c);
    further_articles(c);
    title_apply(c->doc);
    teaser_items(c);
    trending_lists(c);
    form_kinds(c);
    lone_headline(c);
    standfirst(c);
    dateline(c);
    tag_lists(c);
    drop_duplicates(c);
}
