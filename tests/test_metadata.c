/* Metadata: source priorities and fallbacks, JSON-LD (graphs, arrays, broken scripts),
 * title cleaning, date normalisation, language tags, URL resolution, value cleaning,
 * and text dumps. Documents are built by hand. */
#include <stdlib.h>
#include <string.h>

#include "check_suite.h"
#include "doc.h"
#include "jsonld.h"
#include "metadata.h"
#include "utf8.h"

static pith_extractor *ex;

static void setup(void) { ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK); }

static void teardown(void)
{
    pith_extractor_free(ex);
    ex = NULL;
}

static pith_doc *new_doc(pith_input_kind kind)
{
    pith_doc *doc = calloc(1, sizeof *doc);
    ck_assert_ptr_nonnull(doc);
    doc->ex = ex;
    doc->lang = -1;
    doc->title_block = PITH_NONE;
    doc->input_kind = kind;
    return doc;
}

static void meta(pith_doc *doc, const char *key, const char *value)
{
    ck_assert_int_eq(doc_add_metatag(doc, key, strlen(key), value, strlen(value)), 0);
}

static void add_jsonld(pith_doc *doc, const char *text)
{
    pbuf_append(&doc->jsonld, text, strlen(text));
    pbuf_putc(&doc->jsonld, '\0');
    doc->raw.jsonld = 1;
}

static uint32_t intern(pith_doc *doc, const char *s) { return doc_intern(doc, s, strlen(s)); }

static pith_blk *block(pith_doc *doc, const char *text, pith_kind kind)
{
    uint32_t i = doc_add_block(doc, text, strlen(text));
    ck_assert_uint_ne(i, PITH_NONE);
    doc->blocks[i].kind = (uint8_t)kind;
    return &doc->blocks[i];
}

static void finish(pith_doc *doc, const char *url)
{
    ck_assert_int_eq(jsonld_parse(doc), PITH_OK);
    ck_assert_int_eq(metadata_finish(doc, url), PITH_OK);
}

#define ck_meta(doc, field, want)                                                          \
    do {                                                                                   \
        const char *got_ = (doc)->meta[field];                                             \
        const char *want_ = (want);                                                        \
        if (want_ == NULL)                                                                 \
            ck_assert_msg(got_ == NULL, "%s: expected NULL, got \"%s\"", #field, got_);   \
        else                                                                               \
            ck_assert_msg(got_ && strcmp(got_, want_) == 0, "%s: expected \"%s\", got \"%s\"", \
                          #field, want_, got_ ? got_ : "(null)");                          \
    } while (0)

/* ---------------------------------------------------------------------------------
 * JSON-LD
 * ------------------------------------------------------------------------------ */

START_TEST(jsonld_graph)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "og:title", "OG title loses");
    meta(doc, "og:site_name", "OG Site");
    meta(doc, "article:published_time", "2020-01-01");
    doc->raw.title_tag = intern(doc, "Tag title | Example News");
    add_jsonld(doc,
           "{\"@context\":\"https://schema.org\",\"@graph\":["
           "{\"@type\":\"WebSite\",\"name\":\"Example Site\"},"
           "{\"@type\":\"WebPage\",\"name\":\"Page name\",\"url\":\"https://example.com/page\"},"
           "{\"@type\":\"NewsArticle\",\"headline\":\"The Real Headline\","
           "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"},\"John Roe\","
           "\"https://example.com/author/x\",{\"@type\":\"Organization\",\"name\":\"Example News\"},"
           "{\"@type\":\"Person\",\"givenName\":\"Ann\",\"familyName\":\"Lee\"},"
           "{\"name\":\"jane doe\"}],"
           "\"datePublished\":\"2021-12-31T06:28:00+03:00\",\"dateModified\":\"2022-01-02\","
           "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example News\"},"
           "\"description\":\"Desc &amp; more\",\"inLanguage\":\"en-gb\","
           "\"mainEntityOfPage\":{\"@id\":\"https://example.com/news/real\"}}]}");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "The Real Headline");
    ck_meta(doc, PITH_META_AUTHOR, "Jane Doe, John Roe, Ann Lee");
    ck_meta(doc, PITH_META_DATE, "2021-12-31T06:28:00+03:00");
    ck_meta(doc, PITH_META_SITENAME, "Example News");
    ck_meta(doc, PITH_META_DESCRIPTION, "Desc & more");
    ck_meta(doc, PITH_META_LANG, "en-GB");
    ck_meta(doc, PITH_META_URL, "https://example.com/news/real");
    /* idempotent, and nothing leaks when it runs twice */
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "The Real Headline");
    pith_doc_free(doc);
}
END_TEST

START_TEST(jsonld_types)
{
    /* a WebPage in the first script, the article in a top-level array in the second:
     * the article wins; @type as an array and with a vocabulary prefix */
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{\"@type\":\"WebPage\",\"name\":\"Page\",\"description\":\"page desc\"}");
    add_jsonld(doc, "[{\"@type\":\"BreadcrumbList\",\"name\":\"Crumbs\"},"
                "{\"@type\":[\"Thing\",\"http://schema.org/BlogPosting\"],\"name\":\"Post name\","
                "\"author\":\"By Sam Smith\",\"dateCreated\":\"December 3, 2019\"}]");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Post name");
    ck_meta(doc, PITH_META_AUTHOR, "Sam Smith");
    ck_meta(doc, PITH_META_DATE, "2019-12-03");
    ck_meta(doc, PITH_META_DESCRIPTION, "page desc"); /* from the page, as nothing better */
    pith_doc_free(doc);

    /* only a WebPage: its name is the last-resort title */
    doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{\"@type\":\"schema:WebPage\",\"name\":\"Just a page\",\"url\":\"/rel\"}");
    finish(doc, "https://example.org/dir/x");
    ck_meta(doc, PITH_META_TITLE, "Just a page");
    ck_meta(doc, PITH_META_URL, "https://example.org/rel");
    pith_doc_free(doc);

    /* types that are not articles give nothing */
    doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{\"@type\":\"Organization\",\"name\":\"Org\",\"author\":\"Nobody\"}");
    add_jsonld(doc, "\"just a string\"");
    add_jsonld(doc, "42");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, NULL);
    ck_meta(doc, PITH_META_AUTHOR, NULL);
    pith_doc_free(doc);
}
END_TEST

START_TEST(jsonld_broken)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{not json at all");
    add_jsonld(doc, "");
    add_jsonld(doc, "\xFF\xFE garbage");
    add_jsonld(doc, "<!--\n{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                "\"headline\":\"Line one\nline two\",\"author\":{\"name\":\"A. B. Writer\"},"
                "\"datePublished\":\"2021-03-04\",}\n-->;");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Line one line two");
    ck_meta(doc, PITH_META_AUTHOR, "A. B. Writer");
    ck_meta(doc, PITH_META_DATE, "2021-03-04");
    pith_doc_free(doc);

    /* CDATA wrapper, trailing garbage after the object, hostile nesting */
    doc = new_doc(PITH_INPUT_HTML);
    pbuf deep;
    pbuf_init(&deep);
    for (int i = 0; i < 100000; i++)
        pbuf_putc(&deep, '[');
    add_jsonld(doc, pbuf_cstr(&deep));
    pbuf_clear(&deep);
    for (int i = 0; i < 2000; i++)
        pbuf_puts(&deep, "{\"@graph\":");
    pbuf_puts(&deep, "{\"@type\":\"Article\",\"headline\":\"Too deep\"}");
    add_jsonld(doc, pbuf_cstr(&deep));
    pbuf_free(&deep);
    add_jsonld(doc, "//<![CDATA[\n{\"@type\":\"Article\",\"headline\":\"Cdata\"} extra\n//]]>");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Cdata");
    pith_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Titles
 * ------------------------------------------------------------------------------ */

START_TEST(title_priority)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    doc->raw.title_tag = intern(doc, "Tag Title | Site");
    doc->raw.first_h1 = intern(doc, "H1 Title");
    meta(doc, "twitter:title", "Twitter Title");
    meta(doc, "og:title", "OG Title");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "OG Title");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    doc->raw.title_tag = intern(doc, "Tag Title | Site");
    meta(doc, "twitter:title", "Twitter Title");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Twitter Title");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    doc->raw.title_tag = intern(doc, "   ");
    doc->raw.first_h1 = intern(doc, " H1  Title ");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "H1 Title");
    pith_doc_free(doc);

    /* nothing in the markup: the classifier's title block */
    doc = new_doc(PITH_INPUT_HTML);
    block(doc, "Menu", PITH_KIND_NAVIGATION);
    block(doc, "Block Title", PITH_KIND_TITLE);
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Block Title");
    char *hint = metadata_title_hint(doc);
    ck_assert_ptr_null(hint); /* the hint comes before classification */
    pith_doc_free(doc);

    /* og:title loses a section name the <h1> shows to be one */
    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "og:title", "Opinion | Republicans Are Following Trump to Nowhere");
    doc->raw.first_h1 = intern(doc, "Republicans Are Following Trump to Nowhere");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Republicans Are Following Trump to Nowhere");
    pith_doc_free(doc);

    /* og:title loses a site-name suffix when the site name is known */
    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "og:title", "Storm hits the coast | CNN");
    meta(doc, "og:site_name", "CNN");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Storm hits the coast");
    hint = metadata_title_hint(doc);
    ck_assert_str_eq(hint, "Storm hits the coast");
    free(hint);
    pith_doc_free(doc);
}
END_TEST

static void check_title_tag(const char *tag, const char *h1, const char *site, const char *want)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    doc->raw.title_tag = intern(doc, tag);
    if (h1)
        doc->raw.first_h1 = intern(doc, h1);
    if (site)
        meta(doc, "og:site_name", site);
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, want);
    char *hint = metadata_title_hint(doc);
    ck_assert_str_eq(hint, want);
    free(hint);
    pith_doc_free(doc);
}

START_TEST(title_cleaning)
{
    check_title_tag("A plain title", NULL, NULL, "A plain title");
    check_title_tag("Headline here | Site", NULL, NULL, "Headline here");
    check_title_tag("Site \xC2\xBB A longer headline here", NULL, NULL, "A longer headline here");
    check_title_tag("Biden-Putin 50-Minute Phone Call Has No Breakthroughs - Islam Times", NULL,
                    NULL, "Biden-Putin 50-Minute Phone Call Has No Breakthroughs");
    check_title_tag("News \xE2\x80\x94 World \xE2\x80\x94 Big story of the day", NULL, NULL,
                    "Big story of the day");
    /* the h1 decides, even when it has a separator of its own */
    check_title_tag("Short - one | Example Daily", "Short - one", NULL, "Short - one");
    check_title_tag("Example Daily :: Tiny", "Tiny", NULL, "Tiny");
    check_title_tag("Rates rise | Rates rise again as inflation bites | Daily", "Rates rise", NULL,
                    "Rates rise");
    check_title_tag("Same as h1 - really", "Same as h1 - really", NULL, "Same as h1 - really");
    /* a near match of the h1 */
    check_title_tag("World | Storm hits coast, thousands flee | Daily", "Storm hits coast", NULL,
                    "Storm hits coast, thousands flee");
    /* the site name goes, the rest stays whole */
    check_title_tag("Live: A - B happens | CNN", NULL, "CNN", "Live: A - B happens");
    check_title_tag("BBC News - Markets - Shares fall again today", NULL, "BBC",
                    "Markets - Shares fall again today");
    check_title_tag("Story of mine | Example", NULL, "example.com", "Story of mine");
    check_title_tag("Apple unveils iPhone | Apple", NULL, "Apple", "Apple unveils iPhone");
    /* entities and spacing */
    check_title_tag("Tom &amp; Jerry&#39;s day  out | Site", NULL, NULL, "Tom & Jerry's day out");
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------------ */

static void check_date(const char *value, const char *lang, const char *want)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "article:published_time", value);
    if (lang)
        doc->raw.html_lang = intern(doc, lang);
    finish(doc, NULL);
    const char *got = doc->meta[PITH_META_DATE];
    ck_assert_msg(got && strcmp(got, want) == 0, "date \"%s\": expected \"%s\", got \"%s\"", value,
                  want, got ? got : "(null)");
    pith_doc_free(doc);
}

START_TEST(date_formats)
{
    check_date("2021-12-31", NULL, "2021-12-31");
    check_date("  2021-12-31T06:28:00Z ", NULL, "2021-12-31T06:28:00Z");
    check_date("2021-12-31 06:28", NULL, "2021-12-31T06:28");
    check_date("2021-12-31T06:28:00.123+0300", NULL, "2021-12-31T06:28:00+03:00");
    check_date("2021-12-31T06:28:00-05:00", NULL, "2021-12-31T06:28:00-05:00");
    check_date("2021-12-31T25:99", NULL, "2021-12-31");
    check_date("2021/12/31", NULL, "2021-12-31");
    check_date("2021.1.5", NULL, "2021-01-05");
    check_date("20211231", NULL, "2021-12-31");
    check_date("30 December 2021", NULL, "2021-12-30");
    check_date("December 30, 2021", NULL, "2021-12-30");
    check_date("Dec. 30th, 2021", NULL, "2021-12-30");
    check_date("the 1st of March 2020", NULL, "2020-03-01");
    check_date("Friday 31 December 2021 - 06:28", NULL, "2021-12-31");
    check_date("Published: Thursday, Feb 29, 2024 at 10:00 am", NULL, "2024-02-29");
    check_date("31-Dec-2021", NULL, "2021-12-31");
    check_date("31.12.2021", NULL, "2021-12-31");
    check_date("31. Dezember 2021", NULL, "2021-12-31");
    check_date("3. M\xC3\xA4rz 2021", NULL, "2021-03-03");
    check_date("1er janvier 2022", NULL, "2022-01-01");
    check_date("17 f\xC3\xA9vrier 2020", NULL, "2020-02-17");
    check_date("31 de diciembre de 2021", NULL, "2021-12-31");
    check_date("4 de dezembro de 2021", NULL, "2021-12-04");
    check_date("12 settembre 2021", NULL, "2021-09-12");
    check_date("12 mei 2021", NULL, "2021-05-12");
    check_date("miercuri, 22 ianuarie 2025 - 17:00", NULL, "2025-01-22");
    check_date("22 marca 2021", NULL, "2021-03-22");
    check_date("22 b\xC5\x99" "ezna 2021", NULL, "2021-03-22");
    check_date("31 \xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F 2021", NULL, "2021-12-31");
    check_date("31 DECEMBER 2021", NULL, "2021-12-31");
    check_date("2021. december 31.", NULL, "2021-12-31");
    check_date("12/31/2021", NULL, "2021-12-31");
    check_date("31/12/2021", "en-US", "2021-12-31");
    check_date("05/04/2021", "en-US", "2021-05-04");
    check_date("05/04/2021", "en", "2021-05-04");
    check_date("05/04/2021", "en-GB", "2021-04-05");
    check_date("05/04/2021", "de", "2021-04-05");
    check_date("05.04.2021", "en-US", "2021-04-05");
    /* not dates: kept as the page gave them */
    check_date("5 days ago", NULL, "5 days ago");
    check_date("2021-02-30", NULL, "2021-02-30");
    check_date("31 Smarch 2021", NULL, "31 Smarch 2021");
    check_date("29 February 2023", NULL, "29 February 2023");
}
END_TEST

START_TEST(date_priority)
{
    /* JSON-LD datePublished beats the meta tags */
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "article:published_time", "2020-05-05");
    add_jsonld(doc, "{\"@type\":\"Article\",\"datePublished\":\"2021-01-02\",\"dateModified\":\"2021-06-07\"}");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, "2021-01-02");
    pith_doc_free(doc);

    /* dateModified only after every publication date: here <time datetime> */
    doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{\"@type\":\"Article\",\"dateModified\":\"2021-06-07\"}");
    doc->raw.time_datetime = intern(doc, "2021-06-01T10:00:00Z");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, "2021-06-01T10:00:00Z");
    pith_doc_free(doc);

    /* an unparseable meta date loses to a parseable later source, and is kept when
     * nothing parses */
    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "date", "yesterday");
    meta(doc, "sailthru.date", "Tue, 04 May 2021 10:00:00 GMT");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, "2021-05-04");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "pubdate", "yesterday");
    block(doc, "5 days ago", PITH_KIND_META);
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, "yesterday");
    pith_doc_free(doc);

    /* but what is not a publication-date field is only believed when it parses */
    doc = new_doc(PITH_INPUT_HTML);
    doc->raw.time_datetime = intern(doc, "Mo-Su 08:00-20:00");
    meta(doc, "article:modified_time", "soon");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, NULL);
    pith_doc_free(doc);

    /* a date line of the page when the markup has none */
    doc = new_doc(PITH_INPUT_HTML);
    block(doc, "miercuri, 22 ianuarie 2025 - 17:00", PITH_KIND_NAVIGATION);
    block(doc, "Updated 3 hours ago", PITH_KIND_META);
    block(doc, "Posted on 2 March 2022", PITH_KIND_META);
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DATE, "2022-03-02");
    pith_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Language, URL, site name, author, description
 * ------------------------------------------------------------------------------ */

static void check_lang(const char *html_lang, const char *og_locale, const char *content_lang,
                       const char *want)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    if (html_lang)
        doc->raw.html_lang = intern(doc, html_lang);
    if (og_locale)
        meta(doc, "og:locale", og_locale);
    if (content_lang)
        meta(doc, "content-language", content_lang);
    add_jsonld(doc, "{\"@type\":\"Article\",\"inLanguage\":\"pt-BR\"}");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_LANG, want);
    pith_doc_free(doc);
}

START_TEST(lang)
{
    check_lang("de-ch", "en_US", NULL, "de-CH");
    check_lang(NULL, "en_US", "fr", "en-US");
    check_lang("x", "en_us", NULL, "en-US");
    check_lang("", "", "fr, en", "fr");
    check_lang("en_latn_gb", NULL, NULL, "en-Latn-GB");
    check_lang("es-419", NULL, NULL, "es-419");
    check_lang("und", "12", "f r", "pt-BR");
    check_lang("ZH-hant-TW", NULL, NULL, "zh-Hant-TW");
}
END_TEST

static void check_url(const char *canonical, const char *og_url, const char *hint, const char *want)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    if (canonical)
        doc->raw.canonical = intern(doc, canonical);
    if (og_url)
        meta(doc, "og:url", og_url);
    finish(doc, hint);
    ck_meta(doc, PITH_META_URL, want);
    pith_doc_free(doc);
}

START_TEST(url)
{
    check_url("https://example.com/a", "https://example.com/og", "https://example.com/hint",
              "https://example.com/a");
    check_url("/news/a?x=1", NULL, "https://example.com/section/page.html",
              "https://example.com/news/a?x=1");
    check_url("../b", NULL, "http://example.com/x/y/z.html", "http://example.com/x/b");
    check_url("other.html", NULL, "https://example.com/x/y.html", "https://example.com/x/other.html");
    check_url("//cdn.example.com/p", NULL, "https://example.com/", "https://cdn.example.com/p");
    check_url("  HTTPS://Example.com/Case  ", NULL, NULL, "HTTPS://Example.com/Case");
    check_url("javascript:void(0)", "https://example.com/og", NULL, "https://example.com/og");
    check_url("/relative", NULL, NULL, NULL);
    check_url("/relative", "/og-relative", "https://example.com/", "https://example.com/relative");
    check_url("https://example.com/with space", NULL, "https://example.com/hint",
              "https://example.com/hint");
    check_url(NULL, NULL, "https://example.com/hint", "https://example.com/hint");
    check_url(NULL, NULL, "page.html", NULL);
    check_url("mailto:someone@example.com", NULL, "ftp://example.com/", NULL);
}
END_TEST

START_TEST(sitename)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "application-name", "App Name");
    meta(doc, "og:site_name", "OG Site");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_SITENAME, "OG Site");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "application-name", "App Name");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_SITENAME, "App Name");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    finish(doc, "https://user@www.Example.co.uk:8080/x?y");
    ck_meta(doc, PITH_META_SITENAME, "example.co.uk");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    add_jsonld(doc, "{\"@type\":\"WebSite\",\"name\":\"LD Site\"}");
    finish(doc, "https://example.com/");
    ck_meta(doc, PITH_META_SITENAME, "LD Site");
    pith_doc_free(doc);
}
END_TEST

START_TEST(author)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "article:author", "https://www.facebook.com/someone");
    meta(doc, "dc.creator", "DC Creator");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_AUTHOR, "DC Creator");
    pith_doc_free(doc);

    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "author", "By Jane Doe , Al Bo");
    meta(doc, "author", "John Roe");
    meta(doc, "author", "jane doe");
    meta(doc, "parsely-author", "Parsely Person");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_AUTHOR, "Jane Doe, Al Bo, John Roe");
    pith_doc_free(doc);

    /* the site's own name is no author */
    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "og:site_name", "Reuters");
    meta(doc, "author", "Reuters");
    block(doc, "By Kim Park | 5 min read", PITH_KIND_META);
    finish(doc, NULL);
    ck_meta(doc, PITH_META_AUTHOR, "Kim Park");
    pith_doc_free(doc);
}
END_TEST

START_TEST(cleaning)
{
    pith_doc *doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "og:title",
         "Tom &amp;amp; Jerry&#39;s &quot;Day&quot; &#x27;x&#x27; &amp;quot;y&amp;quot; "
         "caf&eacute;&nbsp;ok &bogus; &#0; AT&T");
    meta(doc, "description", "  <p>Hello <b>world</b></p>\n\t and   a&lt;b, a &lt;div&gt;  ");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE,
            "Tom & Jerry's \"Day\" 'x' \"y\" caf\xC3\xA9 ok &bogus; \xEF\xBF\xBD AT&T");
    ck_meta(doc, PITH_META_DESCRIPTION, "Hello world and a<b, a <div>");
    pith_doc_free(doc);

    /* caps: the title at 300 bytes, cut between characters */
    doc = new_doc(PITH_INPUT_HTML);
    pbuf long_title;
    pbuf_init(&long_title);
    for (int i = 0; i < 1000; i++)
        pbuf_puts(&long_title, "\xC3\xA9");
    meta(doc, "og:title", long_title.data);
    pbuf_clear(&long_title);
    for (int i = 0; i < 500; i++)
        pbuf_puts(&long_title, "word ");
    meta(doc, "og:description", long_title.data);
    pbuf_free(&long_title);
    finish(doc, NULL);
    const char *t = doc->meta[PITH_META_TITLE];
    ck_assert_uint_le(strlen(t), 300);
    ck_assert_uint_ge(strlen(t), 298);
    ck_assert(utf8_valid(t, strlen(t)));
    const char *d = doc->meta[PITH_META_DESCRIPTION];
    ck_assert_uint_le(strlen(d), 1000);
    ck_assert(d[strlen(d) - 1] != ' ');
    pith_doc_free(doc);

    /* priority of descriptions */
    doc = new_doc(PITH_INPUT_HTML);
    meta(doc, "description", "meta desc");
    meta(doc, "og:description", "og desc");
    finish(doc, NULL);
    ck_meta(doc, PITH_META_DESCRIPTION, "og desc");
    pith_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Text dumps
 * ------------------------------------------------------------------------------ */

START_TEST(text_dump)
{
    pith_doc *doc = new_doc(PITH_INPUT_TEXT);
    block(doc, "7.8 C", PITH_KIND_NAVIGATION);
    block(doc, "miercuri, 22 ianuarie 2025 - 17:00", PITH_KIND_NAVIGATION);
    block(doc, "\xE2\x80\x98Serious\xE2\x80\x99 talk between Biden and Putin", PITH_KIND_TITLE);
    block(doc, "By Jane Doe | Reuters", PITH_KIND_META);
    block(doc, "5 days ago", PITH_KIND_META);
    block(doc, "Friday 31 December 2021 - 06:28", PITH_KIND_META);
    block(doc, "U.S. President Joe Biden and Russian President Vladimir Putin talked.",
          PITH_KIND_BODY);
    block(doc, "Another title", PITH_KIND_TITLE);
    finish(doc, "https://www.site.ro/news/x");
    ck_meta(doc, PITH_META_TITLE, "\xE2\x80\x98Serious\xE2\x80\x99 talk between Biden and Putin");
    ck_meta(doc, PITH_META_AUTHOR, "Jane Doe");
    ck_meta(doc, PITH_META_DATE, "2021-12-31");
    ck_meta(doc, PITH_META_URL, "https://www.site.ro/news/x");
    ck_meta(doc, PITH_META_SITENAME, "site.ro");
    ck_meta(doc, PITH_META_LANG, NULL);
    ck_meta(doc, PITH_META_DESCRIPTION, NULL);

    doc->title_block = 7; /* the classifier's choice wins over the first title line */
    finish(doc, NULL);
    ck_meta(doc, PITH_META_TITLE, "Another title");
    ck_meta(doc, PITH_META_URL, NULL);
    ck_meta(doc, PITH_META_SITENAME, NULL);
    pith_doc_free(doc);

    /* bylines in other shapes, and lines that are no bylines */
    static const struct {
        const char *line, *want;
    } BYLINES[] = {
        {"Written by Max Mustermann on 3 May", "Max Mustermann"},
        {"by Anna Schmidt and Ben Ode, 2 hours ago", "Anna Schmidt and Ben Ode"},
        {"Von Hans Meier \xE2\x80\xA2 Berlin", "Hans Meier"},
        {"Author: Jo Smith (Reuters)", "Jo Smith"},
        {"By the way, this is not a byline at all and it keeps going on and on", NULL},
        {"by 5 votes", NULL},
        {"Story Code : 971280", NULL},
    };
    for (size_t k = 0; k < sizeof BYLINES / sizeof BYLINES[0]; k++) {
        doc = new_doc(PITH_INPUT_TEXT);
        block(doc, BYLINES[k].line, PITH_KIND_META);
        finish(doc, NULL);
        ck_meta(doc, PITH_META_AUTHOR, BYLINES[k].want);
        pith_doc_free(doc);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("metadata");
    TCase *tc = tcase_create("metadata");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, jsonld_graph);
    tcase_add_test(tc, jsonld_types);
    tcase_add_test(tc, jsonld_broken);
    tcase_add_test(tc, title_priority);
    tcase_add_test(tc, title_cleaning);
    tcase_add_test(tc, date_formats);
    tcase_add_test(tc, date_priority);
    tcase_add_test(tc, lang);
    tcase_add_test(tc, url);
    tcase_add_test(tc, sitename);
    tcase_add_test(tc, author);
    tcase_add_test(tc, cleaning);
    tcase_add_test(tc, text_dump);
    suite_add_tcase(s, tc);
    return s;
}
