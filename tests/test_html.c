/* HTML to blocks (html_blocks.c) and the HTML classifier (classify_html.c,
 * classify_html_naming.c), on small pages written for the purpose: fixtures/html/NAME.html
 * with NAME.expect listing, in page order, the kind expected for the block holding a
 * piece of text. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "check_suite.h"
#include "doc.h"
#include "html_attrs.h"
#include "page_features.h"
#include "repeats.h"
#include "tags.h"

static pith_extractor *ex;

static void setup(void)
{
    pith_options o;
    pith_options_init(&o);
    o.input = PITH_INPUT_HTML;
    o.flags |= PITH_OPT_EVIDENCE;
    ck_assert_int_eq(pith_extractor_new(&o, &ex, NULL), PITH_OK);
}

static void teardown(void) { pith_extractor_free(ex); }

static pith_doc *extract(const char *html)
{
    pith_doc *doc = NULL;
    pith_error err;
    pith_status st = pith_extract(ex, html, strlen(html), NULL, NULL, &doc, &err);
    ck_assert_msg(st == PITH_OK, "extract failed: %s", err.message);
    return doc;
}

/* The first block whose text contains `piece`, or NULL. */
static const pith_blk *find(const pith_doc *doc, const char *piece)
{
    for (uint32_t i = 0; i < doc->n_blocks; i++)
        if (strstr(blk_text(doc, &doc->blocks[i]), piece))
            return &doc->blocks[i];
    return NULL;
}

/* ---- blocks ------------------------------------------------------------------------ */

START_TEST(whitespace_breaks_and_skipped_elements)
{
    pith_doc *doc = extract("<html><head><title>T</title><style>p{}</style></head><body>"
                            "<p>  one\n\t two  <b>three</b>four </p>"
                            "<div>line<br>next<br><br>new paragraph</div>"
                            "<script>var hidden = 1;</script><template>tpl</template>"
                            "<pre>\n  a\n    b</pre><noscript>Please enable JavaScript</noscript>"
                            "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>ども</p>"
                            "</body></html>");
    ck_assert_str_eq(blk_text(doc, find(doc, "one")), "one two threefour");
    ck_assert_str_eq(blk_text(doc, find(doc, "line")), "line\nnext");
    ck_assert_str_eq(blk_text(doc, find(doc, "new paragraph")), "new paragraph");
    ck_assert_ptr_null(find(doc, "hidden"));
    ck_assert_ptr_null(find(doc, "tpl"));
    ck_assert_ptr_null(find(doc, "p{}"));
    const pith_blk *pre = find(doc, "a\n");
    ck_assert_ptr_nonnull(pre);
    ck_assert_str_eq(blk_text(doc, pre), "  a\n    b");
    ck_assert(pre->flags & PITH_BLOCK_CODE);
    ck_assert_ptr_nonnull(find(doc, "Please enable JavaScript"));
    ck_assert_ptr_nonnull(find(doc, "子ども")); /* ruby readings are not text */
    pith_doc_free(doc);
}
END_TEST

START_TEST(structure_flags)
{
    pith_doc *doc = extract(
        "<body><h2>Sub <a href=x>head</a></h2>"
        "<ol><li>first</li><li>second<ul><li>inner</li></ul></li></ol>"
        "<table><tr><th>H1</th><th>H2</th></tr><tr><td>c1</td><td>c2</td></tr></table>"
        "<blockquote><p>quoted</p></blockquote>"
        "<figure><figcaption>cap</figcaption></figure>"
        "<p hidden>gone1</p><div aria-hidden=\"true\">gone2</div>"
        "<div style=\"DISPLAY: none\">gone3</div><p><a href=x>all link</a></p></body>");
    const pith_blk *h = find(doc, "Sub head");
    ck_assert_int_eq(h->heading, 2);
    ck_assert(h->flags & PITH_BLOCK_HEADING);
    ck_assert_uint_eq(h->link_chars, 4);
    const pith_blk *first = find(doc, "first"), *inner = find(doc, "inner");
    ck_assert(first->flags & PITH_BLOCK_LIST_ITEM);
    ck_assert(first->flags & BF_ORDERED);
    ck_assert(first->flags & BF_ITEM_START);
    ck_assert_int_eq(first->list_depth, 1);
    ck_assert_int_eq(inner->list_depth, 2);
    ck_assert(!(inner->flags & BF_ORDERED));
    ck_assert(find(doc, "H1")->flags & BF_ROW_START);
    ck_assert(find(doc, "H1")->flags & BF_TH);
    ck_assert(!(find(doc, "H2")->flags & BF_ROW_START));
    ck_assert(find(doc, "c1")->flags & BF_ROW_START);
    ck_assert(find(doc, "c2")->flags & PITH_BLOCK_TABLE);
    ck_assert(find(doc, "quoted")->flags & PITH_BLOCK_QUOTE);
    ck_assert(find(doc, "cap")->flags & PITH_BLOCK_CAPTION);
    ck_assert(find(doc, "gone1")->flags & PITH_BLOCK_HIDDEN);
    ck_assert(find(doc, "gone2")->flags & PITH_BLOCK_HIDDEN);
    ck_assert(find(doc, "gone3")->flags & PITH_BLOCK_HIDDEN);
    ck_assert(find(doc, "all link")->flags & BF_LINK_ONLY);
    /* hidden text is never body */
    ck_assert_int_ne(find(doc, "gone1")->kind, PITH_KIND_BODY);
    pith_doc_free(doc);
}
END_TEST

START_TEST(byte_ranges_and_paths)
{
    const char *html = "<html><body><div id=\"main\" class=\"wrap x\"><p class=\"lead\">Hello "
                       "&amp; goodbye</p></div></body></html>";
    pith_doc *doc = extract(html);
    const pith_blk *b = find(doc, "Hello");
    ck_assert_str_eq(blk_text(doc, b), "Hello & goodbye");
    /* the range covers the text in the input, entities in their source form */
    ck_assert_uint_le(b->start, (uint32_t)(strstr(html, "Hello") - html));
    ck_assert_uint_ge(b->end, (uint32_t)(strstr(html, "goodbye") - html + 7));
    ck_assert_uint_lt(b->end, (uint32_t)strlen(html));
    ck_assert_str_eq(doc_str(doc, b->path), "body>div.wrap>p.lead");
    pith_block pub;
    ck_assert_int_eq(pith_doc_block(doc, (size_t)(b - doc->blocks), &pub, sizeof pub), PITH_OK);
    ck_assert_str_eq(pub.path, "body>div.wrap>p.lead");
    pith_doc_free(doc);
}
END_TEST

START_TEST(raw_metadata_is_collected)
{
    pith_doc *doc = extract(
        "<html lang=\"de-CH\"><head><title>\n  Der  Titel | Site </title>"
        "<meta name=\"Author\" content=\"Eva Muster\"><meta property=\"og:title\" content=\"OG\">"
        "<link rel=\"Canonical\" href=\"https://x.example/a\">"
        "<script type=\"application/ld+json\">{\"@type\":\"Article\"}</script></head>"
        "<body><svg><title>icon</title></svg><h1>Der Titel</h1>"
        "<time datetime=\"2024-01-02\">2. Januar</time></body></html>");
    ck_assert_str_eq(doc_str(doc, doc->raw.title_tag), "Der Titel | Site");
    ck_assert_str_eq(doc_str(doc, doc->raw.html_lang), "de-CH");
    ck_assert_str_eq(doc_str(doc, doc->raw.canonical), "https://x.example/a");
    ck_assert_str_eq(doc_str(doc, doc->raw.first_h1), "Der Titel");
    ck_assert_str_eq(doc_str(doc, doc->raw.time_datetime), "2024-01-02");
    ck_assert_str_eq(doc_metatag(doc, "author"), "Eva Muster");
    ck_assert_str_eq(doc_metatag(doc, "og:title"), "OG");
    ck_assert_int_eq(doc->raw.jsonld, 1);
    ck_assert_str_eq(doc->jsonld.data, "{\"@type\":\"Article\"}");
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_LANG), "de-CH");
    pith_doc_free(doc);
}
END_TEST

START_TEST(node_limit_and_deep_nesting)
{
    size_t depth = 100000;
    char *html = malloc(depth * 11 + 64);
    char *p = html;
    p += sprintf(p, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "deep text");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "</div>");
    strcpy(p, "</body></html>");
    pith_doc *doc = extract(html);
    ck_assert_ptr_nonnull(find(doc, "deep text"));
    pith_doc_free(doc);

    pith_options o;
    pith_options_init(&o);
    o.max_nodes = 1000;
    pith_extractor *small;
    ck_assert_int_eq(pith_extractor_new(&o, &small, NULL), PITH_OK);
    pith_error err;
    ck_assert_int_eq(pith_extract(small, html, strlen(html), NULL, NULL, &doc, &err),
                     PITH_ERR_TOO_MANY_NODES);
    ck_assert_ptr_null(doc);
    ck_assert_ptr_nonnull(strstr(err.message, "1000"));
    pith_extractor_free(small);
    free(html);
}
END_TEST

/* ---- page features of the frame ----------------------------------------------------- */

static double page_feature(const pith_doc *doc, const char *name)
{
    const page_feature_set *set = &page_features_html;
    double values[PAGE_FEATURES_MAX] = {0};
    set->compute(doc, values);
    for (size_t k = 0; k < set->count; k++)
        if (strcmp(set->names[k], name) == 0)
            return values[k];
    ck_abort_msg("no page feature %s", name);
    return 0;
}

/* Buttons and paragraphs count outside the frame that <nav>, <header>, <footer> and
 * <aside> mark; ordered lists count inside navigation (a breadcrumb trail). */
START_TEST(frame_features)
{
    pith_doc *doc = extract(
        "<html><body><header><button>Menu</button><p>Free delivery over fifty pounds</p></header>"
        "<nav><ol><li><a href=\"/\">Home</a></li><li><a href=\"/a\">Shop</a></li></ol></nav>"
        "<main><p>0123456789</p><p>01234567890123456789012345678901234567890123456789</p>"
        "<button>Book a call</button><button>Get a quote</button></main>"
        "<aside><button>Subscribe</button></aside></body></html>");
    ck_assert_double_eq_tol(page_feature(doc, "buttons"), log1p(2), 1e-9);
    ck_assert_double_eq_tol(page_feature(doc, "nav_ol"), log1p(1), 1e-9);
    ck_assert_double_eq_tol(page_feature(doc, "para_len"), log1p(30), 1e-9);
    pith_doc_free(doc);
}
END_TEST

/* ---- classification on the fixtures -------------------------------------------------- */

static void check_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/html/%s.html", PITH_FIXTURES, name);
    char *html = test_read_file(path, NULL);
    snprintf(path, sizeof path, "%s/html/%s.expect", PITH_FIXTURES, name);
    char *expect = test_read_file(path, NULL);
    pith_doc *doc = extract(html);
    uint32_t from = 0;
    int failed = 0;
    for (char *line = strtok(expect, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        ck_assert_msg(tab != NULL, "%s.expect: no tab in '%s'", name, line);
        *tab = '\0';
        const char *piece = tab + 1;
        uint32_t i = from;
        while (i < doc->n_blocks && !strstr(blk_text(doc, &doc->blocks[i]), piece))
            i++;
        ck_assert_msg(i < doc->n_blocks, "%s: no block with '%s' after block %u", name, piece,
                      from);
        const char *got = pith_kind_name((pith_kind)doc->blocks[i].kind);
        if (strcmp(got, line) != 0) {
            fprintf(stderr, "%s: '%s' is %s, expected %s\n%s\n", name, piece, got, line,
                    pith_doc_block_evidence(doc, i));
            failed++;
        }
        from = i;
    }
    ck_assert_msg(failed == 0, "%s: %d blocks with the wrong kind", name, failed);
    pith_doc_free(doc);
    free(html);
    free(expect);
}

START_TEST(fixture_news) { check_fixture("news"); }
END_TEST

START_TEST(fixture_teasers) { check_fixture("teasers"); }
END_TEST

START_TEST(fixture_product) { check_fixture("product"); }
END_TEST

START_TEST(fixture_table) { check_fixture("table"); }
END_TEST

START_TEST(fixture_scroll) { check_fixture("scroll"); }
END_TEST

START_TEST(fixture_sections) { check_fixture("sections"); }
END_TEST

START_TEST(fixture_tail) { check_fixture("tail"); }
END_TEST

START_TEST(fixture_dialog) { check_fixture("dialog"); }
END_TEST

/* A page whose content a script reveals (a "lockdown" wrapper with display:none) shows it;
 * the shop's menus, link text all of it, do not outweigh it. React's streamed parts
 * (<div hidden id="S:2e">, the number in hexadecimal) are moved into place and shown. */
START_TEST(script_revealed_content_is_shown)
{
    char html[8192] = "<html><body><nav>";
    for (int i = 0; i < 40; i++)
        strcat(html, "<a href=\"/c\">Kitchen and dining accessories</a> ");
    strcat(html, "</nav><main><div class=\"lockdown\" style=\"display:none\">"
                 "<h1>Dark Roast Coffee</h1><p>Our darkest roast is a balanced blend of arabica "
                 "beans for a smooth flavour and of robusta for strength, roasted in small "
                 "batches and packed on the day it leaves the roastery.</p>"
                 "<p>Every bag is certified organic and fair trade, and it is ground to order "
                 "for the brewer you choose when you buy it.</p></div></main>"
                 "<div hidden id=\"S:2e\"><p>Streamed part of the page</p></div>"
                 "<div hidden id=\"S:2x\"><p>Not a streamed part</p></div></body></html>");
    pith_doc *doc = extract(html);
    const pith_blk *b = find(doc, "Our darkest roast");
    ck_assert(!(b->flags & PITH_BLOCK_HIDDEN));
    ck_assert_int_eq(b->kind, PITH_KIND_BODY);
    ck_assert(!(find(doc, "Streamed part")->flags & PITH_BLOCK_HIDDEN));
    ck_assert(find(doc, "Not a streamed part")->flags & PITH_BLOCK_HIDDEN);
    pith_doc_free(doc);
}
END_TEST

/* A CMS numbers each entry in the class it opens with (<article class="post-101 post">):
 * the entries are still one template, and a listing's items. */
START_TEST(numbered_classes_are_one_template)
{
    pith_doc *doc = extract(
        "<html><body><div class=\"loop\">"
        "<article class=\"post-101 post\"><h2><a href=\"/a\">Sticky chicken thighs</a></h2>"
        "<p>Crispy outside and tender inside, ready in twenty minutes.</p></article>"
        "<article class=\"post-87 post\"><h2><a href=\"/b\">Cottage cheese bagels</a></h2>"
        "<p>High in protein, baked in the oven or in the air fryer.</p></article>"
        "<article class=\"post-9007 post\"><h2><a href=\"/c\">Roasted squash</a></h2>"
        "<p>Maple glazed, with a pinch of chilli and plenty of salt.</p></article>"
        "</div></body></html>");
    repeat_group *g = NULL;
    size_t n = 0;
    ck_assert_int_eq(repeats_find(doc, NULL, &g, &n), 0);
    int found = 0;
    for (size_t k = 0; k < n; k++)
        found |= doc->nodes[g[k].first].tag == TAG_ARTICLE && g[k].members == 3;
    ck_assert(found);
    free(g);
    pith_doc_free(doc);
}
END_TEST

START_TEST(fixture_recipe) { check_fixture("recipe"); }
/* A service page's FAQ answers and feature tabs are hidden until clicked: inside the main
 * container they are its content, as documentation's tabs are; on an article the hidden
 * parts of the container stay out. */
#define SERVICE_FAQ                                                                         \
    "<html><head><title>Roof Repair | Smith Roofing</title></head><body>"                   \
    "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/roofing\">Roofing</a> "             \
    "<a href=\"/gutters\">Gutters</a> <a href=\"/contact\">Contact</a></nav><main>"             \
    "<h1>Roof Repair</h1><p>We repair leaking, storm-damaged and ageing roofs of every kind, " \
    "from slate and tile to metal and flat roofs, and we give every customer a written "     \
    "quote before any work starts on the house.</p>"                                         \
    "<h2>Frequently asked questions</h2><div class=\"faq\"><h3>How long does a repair "         \
    "take?</h3><div class=\"answer\" style=\"display:none\"><p>Most repairs take one day, and " \
    "larger ones up to three days, depending on the weather and on the roof.</p></div></div>" \
    "</main><footer><p>Copyright 2025 Smith Roofing</p></footer></body></html>"

static pith_kind kind_of(pith_page_type type, const char *html, const char *piece)
{
    pith_options o;
    pith_options_init(&o);
    o.input = PITH_INPUT_HTML;
    o.page_type = type;
    pith_extractor *typed = NULL;
    ck_assert_int_eq(pith_extractor_new(&o, &typed, NULL), PITH_OK);
    pith_doc *doc = NULL;
    ck_assert_int_eq(pith_extract(typed, html, strlen(html), NULL, NULL, &doc, NULL), PITH_OK);
    const pith_blk *b = find(doc, piece);
    ck_assert_msg(b != NULL, "no block with '%s'", piece);
    pith_kind k = (pith_kind)b->kind;
    pith_doc_free(doc);
    pith_extractor_free(typed);
    return k;
}

/* A product page keeps its description and specs in tabs hidden until clicked: the
 * hidden text does not count against the element holding the product when the main
 * container is chosen, so the visible buy box and lead are the content, and inside the
 * container the closed tabs are content too. */
#define PRODUCT_TABS                                                                           \
    "<html><head><title>Trail Backpack 40L</title></head><body>"                                 \
    "<nav><a href=\"/\">Home</a> <a href=\"/bags\">Bags</a> <a href=\"/sale\">Sale</a></nav>"      \
    "<div class=\"product\"><h1>Trail Backpack 40L</h1><p>Light frame, water resistant</p>"      \
    "<p>A light pack for long days in the hills, with a frame that carries the load on the hips " \
    "and a cover for the rain.</p><p>Two side pockets hold bottles, the lid holds a first aid "   \
    "kit, and the front opens wide for a jacket or a warm layer when the wind gets up.</p>"      \
    "<div class=\"tab\" style=\"display:none\"><p>The frame is made of aluminium and weighs 300 " \
    "grams, the fabric is a recycled nylon with a coating that keeps the water out for hours, "   \
    "and the hip belt has two pockets for a phone and a map.</p><p>The back panel is a mesh that " \
    "lets the air through, and the shoulder straps can be set for backs of every length, from "  \
    "the smallest to the tallest walker who carries it.</p></div></div>"                         \
    "<div class=\"reviews\"><h2>What walkers say</h2><p>I carried it for a week in the rain and " \
    "nothing inside got wet; the straps were comfortable all day long.</p></div>"              \
    "<footer><p>Copyright 2025 Trail Shop</p></footer></body></html>"

START_TEST(product_tabs_do_not_count_against)
{
    ck_assert_int_eq(kind_of(PITH_PAGE_PRODUCT, PRODUCT_TABS, "Light frame, water"), PITH_KIND_BODY);
    /* and what the closed tab holds is the product's, as a service page's tabs are */
    ck_assert_int_eq(kind_of(PITH_PAGE_PRODUCT, PRODUCT_TABS, "The frame is made"), PITH_KIND_BODY);
    ck_assert_int_ne(kind_of(PITH_PAGE_ARTICLE, PRODUCT_TABS, "The frame is made"), PITH_KIND_BODY);
}
END_TEST

START_TEST(service_tabs_are_content)
{
    ck_assert_int_eq(kind_of(PITH_PAGE_SERVICE, SERVICE_FAQ, "Most repairs take"), PITH_KIND_BODY);
    ck_assert_int_ne(kind_of(PITH_PAGE_ARTICLE, SERVICE_FAQ, "Most repairs take"), PITH_KIND_BODY);
}
END_TEST

START_TEST(fixture_share) { check_fixture("share"); }
START_TEST(fixture_excerpts) { check_fixture("excerpts"); }
START_TEST(fixture_modal) { check_fixture("modal"); }
START_TEST(fixture_open_button) { check_fixture("open_button"); }
START_TEST(fixture_sections_of_page) { check_fixture("sections_of_page"); }
END_TEST

START_TEST(fixture_sibling) { check_fixture("sibling"); }
END_TEST

START_TEST(scroll_articles_are_numbered_and_kept_out_of_the_text)
{
    char *html = test_read_file(PITH_FIXTURES "/html/scroll.html", NULL);
    pith_doc *doc = extract(html);
    int seen[3] = {0};
    for (size_t i = 0; i < pith_doc_segment_count(doc); i++) {
        pith_segment s;
        pith_doc_segment(doc, i, &s, sizeof s);
        if (s.kind == PITH_KIND_OTHER_ARTICLE) {
            ck_assert_int_ge(s.article, 1);
            ck_assert_int_le(s.article, 2);
            seen[s.article]++;
            ck_assert_ptr_nonnull(strstr(s.text, s.article == 1 ? "school" : "regatta"));
        }
    }
    ck_assert(seen[1] && seen[2]);
    const char *text = pith_doc_text(doc, NULL);
    ck_assert_ptr_nonnull(strstr(text, "ferry crews returned"));
    ck_assert_ptr_null(strstr(text, "school"));
    ck_assert_ptr_null(strstr(text, "regatta"));
    pith_doc_free(doc);
    free(html);
}
END_TEST

START_TEST(news_fixture_text_and_metadata)
{
    char *html = test_read_file(PITH_FIXTURES "/html/news.html", NULL);
    pith_doc *doc = extract(html);
    const char *text = pith_doc_text(doc, NULL);
    ck_assert_ptr_nonnull(strstr(text, "The town council voted on Tuesday"));
    ck_assert_ptr_nonnull(strstr(text, "\n\nSupporters say"));
    ck_assert_ptr_null(strstr(text, "Google News"));
    ck_assert_ptr_null(strstr(text, "Related Stories"));
    ck_assert_ptr_null(strstr(text, "grandfather"));
    ck_assert_ptr_null(strstr(text, "Harbour town votes")); /* the title is not body */
    ck_assert_ptr_nonnull(strstr(pith_doc_comments(doc, NULL), "grandfather"));
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_TITLE),
                     "Harbour town votes to rebuild its old ferry pier");
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_AUTHOR), "Mara Quist");
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_SITENAME), "The Coastal Gazette");
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_URL), "https://gazette.example/2024/05/pier-vote");
    ck_assert_ptr_nonnull(strstr(pith_doc_meta(doc, PITH_META_DATE), "2024-05-14"));
    pith_doc_free(doc);
    free(html);
}
END_TEST

/* ---- embeds and widgets (branch issue6-seghtml) ---------------------------------------- */

static const char EMBED_PAGE[] =
    "<html><head><title>Harbour pier vote</title></head><body>"
    "<header class='site-header'><a href='/'>Home</a></header>"
    "<article><h1>Harbour pier vote</h1><div class='entry-content'>"
    "<p>The town council voted on Tuesday to rebuild the old ferry pier, after a long "
    "debate in which the harbour master spoke for the fishermen of the town.</p>"
    "<blockquote class='twitter-tweet'><p>The pier is finally getting fixed, and about "
    "time too <a href='https://t.co/x'>pic.twitter.com/x</a></p>&mdash; Mara Quist "
    "(@maraq) <a href='https://twitter.com/maraq/status/1'>May 14, 2024</a></blockquote>"
    "<p>Supporters say that the new pier will bring back the summer ferries, and that the "
    "cost will be shared with the county over the next ten years of the plan.</p>"
    "<p>Opponents said the money would be better spent on the roads, which have been in a "
    "poor state for years, and they asked for a vote of the whole town on it.</p>"
    "</div></article>"
    "<div class='widget_twitter'><ul><li><a href='/t/1'>Gazette</a> "
    "<a href='/t/2'>@gazette</a></li><li><a href='/t/3'>Gazette</a> "
    "<a href='/t/4'>@gazette</a></li></ul></div>"
    "<div class='job-slider'><h3>Top jobs</h3><div>Harbour engineer (m/f/d) Port Authority"
    "</div><div>Ferry captain (m/f/d) Coastal Lines</div></div>"
    "</body></html>";

START_TEST(embedded_post_is_the_articles_and_widgets_are_promo)
{
    pith_doc *doc = extract(EMBED_PAGE);
    /* the quoted post's attribution reads like a byline with a date but is quoted text */
    const pith_blk *b = find(doc, "(@maraq)");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_BODY);
    b = find(doc, "@gazette");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_PROMO);
    b = find(doc, "Ferry captain");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_PROMO);
    pith_doc_free(doc);
}
END_TEST

static const char FURNITURE_PAGE[] =
    "<html><head><title>Harbour pier vote</title></head><body>"
    "<header class='site-header'><a href='/'>Home</a>"
    "<div style='display:none'><p>Follow us on Twitter</p></div></header>"
    "<article><h1>Harbour pier vote</h1><div class='entry-content'>"
    "<p>The town council voted on Tuesday to rebuild the old ferry pier, after a long "
    "debate in which the harbour master spoke for the fishermen of the town.</p>"
    "<p>Supporters say that the new pier will bring back the summer ferries, and that the "
    "cost will be shared with the county over the next ten years of the plan.</p>"
    "<p>Opponents said the money would be better spent on the roads, which have been in a "
    "poor state for years, and they asked for a vote of the whole town on it.</p>"
    "</div></article>"
    "<div class='author-bio'><p>Mara Quist has covered the harbour for the paper since "
    "2015.</p></div>"
    "<div class='newsletter'><p><a href='/n'>Our weekly letter from the harbour</a></p>"
    "<div class='date'>May 14, 2024</div></div>"
    "<form><select class='postform'><option>Recipes</option><option>Reviews</option>"
    "<option>Travel</option></select></form>"
    "</body></html>";

START_TEST(named_furniture_keeps_its_kind)
{
    pith_doc *doc = extract(FURNITURE_PAGE);
    const pith_blk *b = find(doc, "Follow us on Twitter");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_PROMO); /* hidden, but its wording is clear */
    b = find(doc, "has covered the harbour");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_META); /* the author's box under the article */
    b = find(doc, "May 14, 2024");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_PROMO); /* the date of the newsletter box */
    b = find(doc, "Reviews");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_NAVIGATION); /* an entry of a category picker */
    b = find(doc, "Travel");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->kind, PITH_KIND_NAVIGATION);
    ck_assert_ptr_null(strstr(pith_doc_text(doc, NULL), "has covered"));
    pith_doc_free(doc);
}
END_TEST

/* ---- the attribute cap (html_attrs.c) ------------------------------------------------ */

/* Runs the cap on html; returns the capped copy (malloc'd) or NULL when nothing changed. */
static char *capped(const char *html, size_t max)
{
    pbuf out;
    pbuf_init(&out);
    int rc = html_cap_attributes(html, strlen(html), max, &out);
    ck_assert_int_ge(rc, 0);
    if (rc == 0) {
        ck_assert_uint_eq(out.len, 0);
        pbuf_free(&out);
        return NULL;
    }
    ck_assert_uint_eq(out.len, strlen(html)); /* same length: offsets stay true */
    return pbuf_detach(&out, NULL);
}

START_TEST(attribute_cap_blanks_the_excess)
{
    char *c = capped("<p a=1 b='2' c=\"3 > 4\" d e>text</p>", 2);
    /* c="3 > 4" d e (13 bytes, a quoted '>' inside) become spaces */
    ck_assert_str_eq(c, "<p a=1 b='2' "
                        "             >text</p>");
    free(c);
    /* at the cap, or in places libxml2 reads no attributes, nothing changes */
    ck_assert_ptr_null(capped("<p a=1 b=2>text</p>", 2));
    ck_assert_ptr_null(capped("<!-- <p a b c d> --><p>x</p>", 2));
    ck_assert_ptr_null(capped("<script>if (a<b c d e f) {}</script><p>x</p>", 2));
    ck_assert_ptr_null(capped("<STYLE>a<b c d e f{}</style >", 2));
    /* after an end tag's name a tag is looked for: libxml2 takes "</p" for text right
     * after a misplaced doctype */
    c = capped("<p>x<!DOCTYPE html></p\rx<b c d e f>z", 2);
    ck_assert_str_eq(c, "<p>x<!DOCTYPE html></p\rx<b c d    >z");
    free(c);
    /* a script whose text starts with an end tag may end there (libxml2's recovery): its
     * text is read as markup, and a tag there is capped */
    c = capped("<script></div><p a b c>x</p>", 2);
    ck_assert_str_eq(c, "<script></div><p a b  >x</p>");
    free(c);
    /* a comment closed by --!> ends there */
    c = capped("<!-- x --!><p a b c>", 2);
    ck_assert_str_eq(c, "<!-- x --!><p a b  >");
    free(c);
    /* names over 100 bytes are several attributes to libxml2 */
    char big[400];
    memset(big, 'a', sizeof big);
    memcpy(big, "<p ", 3);
    memcpy(big + sizeof big - 2, ">", 2);
    c = capped(big, 2);
    ck_assert_ptr_nonnull(c);
    free(c);
}
END_TEST

static int max_attrs_seen;

static void count_attrs(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    (void)ctx;
    (void)name;
    int n = 0;
    for (; atts && atts[2 * n]; n++)
        ;
    if (n > max_attrs_seen)
        max_attrs_seen = n;
}

/* The scanner must see every start tag libxml2 parses: random tag soup, capped at 3,
 * never gives libxml2 an element with more attributes. */
START_TEST(attribute_cap_holds_for_libxml2)
{
    static const char *const PIECES[] = {
        "<p", "<div", "<script", "<style", "</script", "</style", "</p", "<!--", "-->", "--!>",
        " ", "  ", "\n", ">", "/>", "=", "\"", "'", "a", "b", "c1", "x-y", ":z", "_w", "=v",
        "='q'", "=\"q r\"", "<", "</", "&amp;", "<!DOCTYPE html>", "<?pi ?>", "text",
        "\xc3\xa9", "<SCRIPT", "</Script", "</scriptx", "<!---->", "<!-->", "\t", "\r", "<b",
        "<title", "</title", "<textarea", "<!doctype x>",
        "<!DOCTYPE html PUBLIC \"a>b\" 'c>d'>", "<?", "<?x", "<!", "<!x", "</ ", "</>",
        "<scriptx", "</body>", "</html>", "<body", "<head", "</head>", "<html", "<table",
        "<tr", "<td", "</div>", "<![CDATA[", "]]>", "<svg", "<math", "<select", "<option",
        "<noscript", "</noscript>", "<iframe", "<frameset"};
    unsigned seed = 7;
    char html[2048];
    int worst = 0;
    for (int round = 0; round < 100000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int k = 4 + (int)((seed >> 16) % 120);
        for (int t = 0; t < k; t++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = PIECES[(seed >> 16) % (sizeof PIECES / sizeof *PIECES)];
            size_t pl = strlen(p);
            if (len + pl + 1 >= sizeof html)
                break;
            memcpy(html + len, p, pl);
            len += pl;
        }
        html[len] = '\0';
        char *c = capped(html, 3);
        const char *parse = c ? c : html;
        htmlSAXHandler sax;
        memset(&sax, 0, sizeof sax);
        sax.startElement = count_attrs;
        sax.initialized = 1;
        max_attrs_seen = 0;
        htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(parse, (int)len);
        ck_assert_ptr_nonnull(ctxt);
        memcpy(ctxt->sax, &sax, sizeof sax);
        xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8); /* as html_blocks.c parses */
        htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
        htmlParseDocument(ctxt);
        htmlFreeParserCtxt(ctxt);
        ck_assert_msg(max_attrs_seen <= 3, "libxml2 saw %d attributes in: %s", max_attrs_seen,
                      parse);
        if (max_attrs_seen > worst)
            worst = max_attrs_seen;
        free(c);
    }
    ck_assert_int_eq(worst, 3); /* the soup does reach the cap */
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("html");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, whitespace_breaks_and_skipped_elements);
    tcase_add_test(tc, structure_flags);
    tcase_add_test(tc, byte_ranges_and_paths);
    tcase_add_test(tc, raw_metadata_is_collected);
    tcase_add_test(tc, node_limit_and_deep_nesting);
    tcase_add_test(tc, attribute_cap_blanks_the_excess);
    tcase_add_test(tc, attribute_cap_holds_for_libxml2);
    tcase_add_test(tc, fixture_news);
    tcase_add_test(tc, fixture_teasers);
    tcase_add_test(tc, fixture_table);
    tcase_add_test(tc, news_fixture_text_and_metadata);
    tcase_add_test(tc, fixture_scroll);
    tcase_add_test(tc, fixture_sections);
    tcase_add_test(tc, fixture_tail);
    tcase_add_test(tc, fixture_dialog);
    tcase_add_test(tc, fixture_recipe);
    tcase_add_test(tc, fixture_share);
    tcase_add_test(tc, fixture_excerpts);
    tcase_add_test(tc, fixture_modal);
    tcase_add_test(tc, service_tabs_are_content);
    tcase_add_test(tc, product_tabs_do_not_count_against);
    tcase_add_test(tc, script_revealed_content_is_shown);
    tcase_add_test(tc, numbered_classes_are_one_template);
    tcase_add_test(tc, fixture_open_button);
    tcase_add_test(tc, fixture_sections_of_page);
    tcase_add_test(tc, fixture_sibling);
    tcase_add_test(tc, frame_features);
    tcase_add_test(tc, fixture_product);
    tcase_add_test(tc, scroll_articles_are_numbered_and_kept_out_of_the_text);
    tcase_add_test(tc, embedded_post_is_the_articles_and_widgets_are_promo);
    tcase_add_test(tc, named_furniture_keeps_its_kind);
    suite_add_tcase(s, tc);
    return s;
}
