/* The text-transform of a page's style sheets: the CSS reader, the selector matcher,
 * the case mapping, and the text of HTML blocks as a browser shows it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suite.h"
#include "css_transform.h"
#include "doc.h"
#include "tags.h"

static css_sheet *sheet(const char *css)
{
    css_sheet *s = css_sheet_new();
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(css_sheet_add(s, css, strlen(css)), 0);
    return s;
}

#define E(tag, cls, id) ((css_elem){(tag), (cls), (id)})

START_TEST(selectors_match_as_browsers_do)
{
    css_sheet *s = sheet(
        "/*!sc*/.nav a{color:red;text-transform:uppercase}"
        ".menu > li.item { text-transform : capitalize }"
        "#top .kicker{text-transform:uppercase}"
        ".kicker{text-transform:none}"
        "h2.title,.strap{TEXT-TRANSFORM: Lowercase !important}"
        "h2.title{text-transform:uppercase}"
        "a:hover{text-transform:uppercase}"
        ".md\\:caps{text-transform:uppercase}"
        "@media (max-width: 600px){.small{text-transform:uppercase}}"
        "@media screen and (min-width: 900px){.wide{text-transform:uppercase}}"
        "@font-face{font-family:x;src:url(x.woff)}"
        "p{color:blue}");
    css_elem nav[] = {E(TAG_BODY, "", ""), E(TAG_NAV, "nav main", ""), E(TAG_UL, "", ""),
                      E(TAG_LI, "", ""), E(TAG_A, "", "")};
    ck_assert_int_eq(css_match(s, nav, 5), CSS_TT_UPPER); /* descendant, any depth */
    css_elem menu[] = {E(TAG_UL, "menu", ""), E(TAG_LI, "item x", "")};
    ck_assert_int_eq(css_match(s, menu, 2), CSS_TT_CAPITALIZE);
    css_elem not_child[] = {E(TAG_UL, "menu", ""), E(TAG_DIV, "", ""), E(TAG_LI, "item", "")};
    ck_assert_int_eq(css_match(s, not_child, 3), CSS_TT_INHERIT);
    /* the more specific rule wins, whatever the order */
    css_elem kicker[] = {E(TAG_DIV, "", "top"), E(TAG_SPAN, "kicker", "")};
    ck_assert_int_eq(css_match(s, kicker, 2), CSS_TT_UPPER);
    css_elem lone[] = {E(TAG_SPAN, "kicker", "")};
    ck_assert_int_eq(css_match(s, lone, 1), CSS_TT_NONE);
    /* !important above a later, equally specific rule */
    css_elem title[] = {E(TAG_H2, "title", "")};
    ck_assert_int_eq(css_match(s, title, 1), CSS_TT_LOWER);
    /* pseudo-classes are left out; escapes resolved */
    css_elem a[] = {E(TAG_A, "", "")};
    ck_assert_int_eq(css_match(s, a, 1), CSS_TT_INHERIT);
    css_elem tw[] = {E(TAG_DIV, "md:caps", "")};
    ck_assert_int_eq(css_match(s, tw, 1), CSS_TT_UPPER);
    /* narrow screens' rules are not the desktop's */
    css_elem small[] = {E(TAG_DIV, "small", "")}, wide[] = {E(TAG_DIV, "wide", "")};
    ck_assert_int_eq(css_match(s, small, 1), CSS_TT_INHERIT);
    ck_assert_int_eq(css_match(s, wide, 1), CSS_TT_UPPER);
    ck_assert(!css_may_match(s, &E(TAG_P, "other", "")) || css_match(s, &E(TAG_P, "other", ""), 1) == CSS_TT_INHERIT);
    css_sheet_free(s);
}
END_TEST

START_TEST(broken_css_is_harmless)
{
    const char *bad[] = {"{{{{", "}}}}", ".a{text-transform:", "@media{", "/* open", ".a{b:\"}",
                         "a,,b{text-transform:uppercase}", "\\", ".\\", "#{text-transform:uppercase}",
                         "@media (min-width:1px){@media (min-width:1px){@media (min-width:1px){"
                         "@media (min-width:1px){@media (min-width:1px){@media (min-width:1px){"
                         "@media (min-width:1px){@media (min-width:1px){@media (min-width:1px){"
                         ".deep{text-transform:uppercase}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        css_sheet *s = sheet(bad[i]);
        css_elem e[] = {E(TAG_DIV, "a b deep", "")};
        (void)css_match(s, e, 1);
        css_sheet_free(s);
    }
    /* a sheet of many rules keeps CSS_MAX_RULES of them and stays usable */
    size_t n = 20000 * 40;
    char *big = malloc(n + 1);
    ck_assert_ptr_nonnull(big);
    size_t len = 0;
    for (int i = 0; i < 20000; i++)
        len += (size_t)snprintf(big + len, n + 1 - len, ".c%d{text-transform:uppercase}", i);
    css_sheet *s = css_sheet_new();
    ck_assert_int_eq(css_sheet_add(s, big, len), 0);
    ck_assert_int_eq(css_match(s, &E(TAG_DIV, "c1", ""), 1), CSS_TT_UPPER);
    ck_assert_int_eq(css_match(s, &E(TAG_DIV, "c19999", ""), 1), CSS_TT_INHERIT);
    css_sheet_free(s);
    free(big);
}
END_TEST

START_TEST(case_mapping_keeps_lengths)
{
    char t[] = "grüße aus köln, ÿ ß and élan";
    int ws = 1;
    css_apply(CSS_TT_UPPER, t, strlen(t), &ws);
    ck_assert_str_eq(t, "GRÜßE AUS KÖLN, ÿ ß AND ÉLAN");
    char c[] = "the (old) well-known story, don't";
    ws = 1;
    css_apply(CSS_TT_CAPITALIZE, c, strlen(c), &ws);
    ck_assert_str_eq(c, "The (Old) Well-Known Story, Don't");
    char l[] = "ÉCOLE DES BEAUX-ARTS";
    ws = 1;
    css_apply(CSS_TT_LOWER, l, strlen(l), &ws);
    ck_assert_str_eq(l, "école des beaux-arts");
    /* a word split over two runs is capitalised once */
    char a[] = "hel", b[] = "lo world";
    ws = 1;
    css_apply(CSS_TT_CAPITALIZE, a, strlen(a), &ws);
    css_apply(CSS_TT_CAPITALIZE, b, strlen(b), &ws);
    ck_assert_str_eq(a, "Hel");
    ck_assert_str_eq(b, "lo World");
    ck_assert_int_eq(css_inline_transform("color: red; text-transform: uppercase"), CSS_TT_UPPER);
    ck_assert_int_eq(css_inline_transform("color: red"), CSS_TT_INHERIT);
    ck_assert_int_eq(css_inline_transform(NULL), CSS_TT_INHERIT);
}
END_TEST

/* Sizes where a quadratic path took minutes (found while the fuzz_css harness was made). */
START_TEST(pathological_sheets_and_elements)
{
    /* a block of nested braces, each opening a text-transform with no ';': the scan for
     * the end of each value read on to the end of the block (1.6 MB: 95 s) */
    static const char UNIT[] = "{text-transform:uppercase";
    size_t reps = 64000, len = 2 + reps * (sizeof UNIT - 1);
    char *big = malloc(len + 1);
    ck_assert_ptr_nonnull(big);
    memcpy(big, "a{", 2);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + 2 + i * (sizeof UNIT - 1), UNIT, sizeof UNIT - 1);
    big[len] = '\0';
    /* no clock: were it quadratic again, this alone would run past the suite's timeout */
    css_sheet *s = css_sheet_new();
    ck_assert_int_eq(css_sheet_add(s, big, len), 0);
    ck_assert_int_eq(css_inline_transform(big), CSS_TT_UPPER);
    css_sheet_free(s);
    free(big);

    /* class="a a a ..." against CSS_MAX_RULES rules of the bucket of "a": each token
     * walked them all again (3,000 tokens: 139 s for one element) */
    size_t cap = 4096 * 48;
    char *css = malloc(cap);
    ck_assert_ptr_nonnull(css);
    len = 0;
    for (int i = 0; i < 4096; i++)
        len += (size_t)snprintf(css + len, cap - len, ".a.b%d{text-transform:uppercase}", i);
    s = css_sheet_new();
    ck_assert_int_eq(css_sheet_add(s, css, len), 0);
    char *cls = malloc(6001);
    ck_assert_ptr_nonnull(cls);
    for (size_t i = 0; i < 3000; i++)
        memcpy(cls + 2 * i, "a ", 2);
    cls[6000] = '\0';
    size_t work = 0;
    ck_assert_int_eq(css_match_work(s, &E(TAG_DIV, cls, ""), 1, &work), CSS_TT_INHERIT);
    /* the bucket of "a" is walked once, not once per token */
    ck_assert_msg(work < 100000, "a long class list cost %zu steps", work);
    ck_assert_int_eq(css_match(s, &E(TAG_DIV, "a a b7 a", ""), 1), CSS_TT_UPPER);
    css_sheet_free(s);

    /* rules x ancestors: 4,096 rules "p b" under 250 divs and no p, each walking the whole
     * path; an element's work is bounded (its text is left as written past it) */
    len = 0;
    for (int i = 0; i < 4096; i++)
        len += (size_t)snprintf(css + len, cap - len, "p b{text-transform:uppercase}");
    s = css_sheet_new();
    ck_assert_int_eq(css_sheet_add(s, css, len), 0);
    css_elem path[251];
    for (int i = 0; i < 250; i++)
        path[i] = E(TAG_DIV, "", "");
    path[250] = E(TAG_B, "", "");
    work = 0;
    ck_assert_int_eq(css_match_work(s, path, 251, &work), CSS_TT_INHERIT);
    ck_assert_msg(work < 100000, "one element cost %zu steps", work); /* bounded per element */
    path[0] = E(TAG_P, "", ""); /* the match at the far end is still found */
    ck_assert_int_eq(css_match(s, path, 251), CSS_TT_UPPER);
    css_sheet_free(s);
    free(cls);
    free(css);
}
END_TEST

static pith_doc *extract(const char *html, unsigned flags)
{
    pith_options o;
    pith_options_init(&o);
    o.input = PITH_INPUT_HTML;
    o.flags |= flags;
    pith_extractor *ex = NULL;
    ck_assert_int_eq(pith_extractor_new(&o, &ex, NULL), PITH_OK);
    pith_doc *doc = NULL;
    ck_assert_int_eq(pith_extract(ex, html, strlen(html), NULL, NULL, &doc, NULL), PITH_OK);
    pith_extractor_free(ex); /* the doc keeps what it needs */
    return doc;
}

/* The block whose text, in lower case, starts with `piece`. */
static const char *block_with(const pith_doc *doc, const char *piece)
{
    size_t n = strlen(piece);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const char *t = blk_text(doc, &doc->blocks[i]);
        size_t k = 0;
        while (k < n && t[k] && (t[k] >= 'A' && t[k] <= 'Z' ? t[k] + 32 : t[k]) == piece[k])
            k++;
        if (k == n)
            return t;
    }
    return NULL;
}

/* HTML blocks read as the browser shows them: the page's <style> rules and style
 * attributes apply; a print sheet does not; the option
 * PITH_OPT_SOURCE_CASE keeps the case as written. */
START_TEST(blocks_show_the_transform)
{
    const char *html =
        "<html><head><style>.menu a{text-transform:uppercase}.kicker{text-transform:capitalize}"
        "</style><style media=\"print\">p{text-transform:uppercase}</style></head><body>"
        "<ul class=\"menu\"><li><a href=\"/w\">World news</a></li></ul>"
        "<p><span class=\"kicker\">breaking story</span> the text of the story</p>"
        "<p style=\"text-transform: lowercase\">SHOUTED Words</p></body></html>";
    pith_doc *doc = extract(html, 0);
    ck_assert_str_eq(block_with(doc, "world news"), "WORLD NEWS");
    ck_assert_str_eq(block_with(doc, "breaking story"), "Breaking Story the text of the story");
    ck_assert_str_eq(block_with(doc, "shouted"), "shouted words");
    pith_doc_free(doc);
    /* a sheet applies wherever it stands; not one in a comment or inside a script */
    doc = extract("<html><body><ul class=\"nav\"><li>Home page</li></ul><p class=\"c\">In a "
                  "comment</p><p class=\"s\">In a script</p><!-- <style>.c{text-transform:"
                  "uppercase}</style> --><script>var css = '<style>.s{text-transform:uppercase}"
                  "</style>';</script><style>.nav li{text-transform:uppercase}</style></body></html>",
                  0);
    ck_assert_str_eq(block_with(doc, "home page"), "HOME PAGE");
    ck_assert_str_eq(block_with(doc, "in a comment"), "In a comment");
    ck_assert_str_eq(block_with(doc, "in a script"), "In a script");
    pith_doc_free(doc);
    doc = extract(html, PITH_OPT_SOURCE_CASE);
    ck_assert_str_eq(block_with(doc, "world news"), "World news");
    pith_doc_free(doc);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("css");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, selectors_match_as_browsers_do);
    tcase_add_test(tc, broken_css_is_harmless);
    tcase_add_test(tc, case_mapping_keeps_lengths);
    tcase_add_test(tc, pathological_sheets_and_elements);
    tcase_add_test(tc, blocks_show_the_transform);
    suite_add_tcase(s, tc);
    return s;
}
