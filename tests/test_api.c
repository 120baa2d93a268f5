/* The public API as a program sees it: argument checking on every function, status and
 * kind vocabularies, error paths (empty, binary, gzip, size caps, rules), the batch
 * record, renderings, and one extractor shared by several threads. Only pith.h is used. */
#include <check.h>
#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check_suite.h"
#include "pith.h"

#define SAMPLE_HTML PITH_SOURCE_DIR "/examples/sample.html"
#define SAMPLE_TEXT PITH_SOURCE_DIR "/examples/sample.txt"

static const pith_format ALL_FORMATS[] = {PITH_FORMAT_TEXT, PITH_FORMAT_MARKDOWN,
                                          PITH_FORMAT_JSON, PITH_FORMAT_EXPLAIN,
                                          PITH_FORMAT_HTML};

static pith_extractor *new_extractor(unsigned flags)
{
    pith_options o;
    pith_options_init(&o);
    o.flags = flags;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_msg(pith_extractor_new(&o, &ex, &err) == PITH_OK, "extractor: %s", err.message);
    ck_assert_ptr_nonnull(ex);
    return ex;
}

/* gzip-compresses data (one member) into a malloc'd buffer. */
static char *gzip(const char *data, size_t len, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static char *render(const pith_doc *doc, pith_format format, size_t *len)
{
    char *out = NULL;
    pith_error err;
    ck_assert_msg(pith_render(doc, format, &out, len, &err) == PITH_OK, "render %d: %s",
                  (int)format, err.message);
    ck_assert_ptr_nonnull(out);
    return out;
}

static pith_doc *extract_ok(const pith_extractor *ex, const char *data, size_t len)
{
    pith_doc *doc = NULL;
    pith_error err;
    pith_status st = pith_extract(ex, data, len, NULL, NULL, &doc, &err);
    ck_assert_msg(st == PITH_OK, "extract: %s (%s)", pith_status_str(st), err.message);
    ck_assert_int_eq(err.status, PITH_OK);
    ck_assert_str_eq(err.message, "");
    ck_assert_ptr_nonnull(doc);
    return doc;
}

/* Extraction must fail with `want`, leave *out NULL and say something. */
static void extract_fails(const pith_extractor *ex, const char *data, size_t len,
                          pith_status want)
{
    pith_doc *doc = (pith_doc *)&doc; /* not NULL, so the call must clear it */
    pith_error err;
    pith_status st = pith_extract(ex, data, len, NULL, NULL, &doc, &err);
    ck_assert_msg(st == want, "got %s, want %s (%s)", pith_status_str(st), pith_status_str(want),
                  err.message);
    ck_assert_int_eq(err.status, want);
    ck_assert_msg(err.message[0] != '\0', "no message for %s", pith_status_str(want));
    ck_assert_ptr_null(doc);
}

/* ---- vocabulary ---- */

START_TEST(version)
{
    ck_assert_str_eq(pith_version(), PITH_VERSION_STRING);
    ck_assert_int_eq(pith_version_number(), PITH_VERSION_MAJOR * 10000 +
                                                PITH_VERSION_MINOR * 100 + PITH_VERSION_PATCH);
}
END_TEST

START_TEST(status_strings)
{
    const char *seen[PITH_ERR_LIMIT + 1];
    for (int s = PITH_OK; s <= PITH_ERR_LIMIT; s++) {
        seen[s] = pith_status_str((pith_status)s);
        ck_assert_ptr_nonnull(seen[s]);
        ck_assert_msg(seen[s][0] != '\0', "status %d has an empty string", s);
        for (int t = 0; t < s; t++)
            ck_assert_msg(strcmp(seen[s], seen[t]) != 0, "statuses %d and %d read alike", s, t);
    }
    ck_assert_ptr_nonnull(pith_status_str((pith_status)(PITH_ERR_LIMIT + 1)));
    ck_assert_ptr_nonnull(pith_status_str((pith_status)-1));
}
END_TEST

START_TEST(kind_names)
{
    static const char *const NAMES[] = {"title", "meta", "body", "caption", "navigation",
                                        "trending", "comments", "promo", "other_article"};
    ck_assert_int_eq(sizeof NAMES / sizeof *NAMES, PITH_KIND_COUNT);
    for (int k = 0; k < PITH_KIND_COUNT; k++) {
        ck_assert_str_eq(pith_kind_name((pith_kind)k), NAMES[k]);
        ck_assert_int_eq(pith_kind_from_name(NAMES[k]), k);
    }
    ck_assert_ptr_null(pith_kind_name(PITH_KIND_COUNT));
    ck_assert_ptr_null(pith_kind_name((pith_kind)-1));
    ck_assert_int_eq(pith_kind_from_name("Body"), -1);
    ck_assert_int_eq(pith_kind_from_name(""), -1);
    ck_assert_int_eq(pith_kind_from_name("blank"), -1);
    ck_assert_int_eq(pith_kind_from_name(NULL), -1);
}
END_TEST

START_TEST(options_defaults)
{
    pith_options o;
    memset(&o, 0xAB, sizeof o);
    pith_options_init(&o);
    ck_assert_int_eq(o.version, PITH_OPTIONS_VERSION);
    ck_assert_uint_eq(o.flags, 0);
    ck_assert_int_eq(o.input, PITH_INPUT_AUTO);
    ck_assert_uint_eq(o.max_input_bytes, (size_t)256 << 20);
    ck_assert_uint_eq(o.max_nodes, 4000000);
    ck_assert_uint_eq(o.regex_match_limit, 100000);
    ck_assert_uint_eq(o.max_depth, 256);
    ck_assert_uint_eq(o.max_memory, 0); /* automatic: scales with the page */
    ck_assert_uint_eq(o.max_attributes, 256);
    ck_assert_uint_eq(o.max_blocks, 1000000);
    ck_assert_uint_eq(o.max_jsonld_bytes, 1u << 20);
    ck_assert_uint_eq(o.max_jsonld_total, 4u << 20);
    ck_assert_uint_eq(o.regex_budget, 10000000);
    ck_assert_uint_eq(o.reserved[0], 0);
    pith_options_init(NULL); /* must not crash */
}
END_TEST

/* The limits added in the reserved space take their defaults when 0, so an options
 * struct an older program zeroed and filled by hand extracts like a fresh one. */
START_TEST(options_zero_takes_defaults)
{
    pith_options o;
    memset(&o, 0, sizeof o);
    o.version = PITH_OPTIONS_VERSION;
    o.max_input_bytes = (size_t)256 << 20;
    o.max_nodes = 4000000;
    o.regex_match_limit = 100000;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_int_eq(pith_extractor_new(&o, &ex, &err), PITH_OK);
    static const char page[] = "<html><body><div><div><div><p>Deep enough text here, with "
                               "a sentence.</p></div></div></div></body></html>";
    pith_doc *doc = extract_ok(ex, page, sizeof page - 1);
    ck_assert_ptr_nonnull(strstr(pith_doc_text(doc, NULL), "Deep enough"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* ---- argument checking ---- */

static void assert_invalid(pith_status st, const pith_error *err)
{
    ck_assert_int_eq(st, PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(err->status, PITH_ERR_INVALID_ARGUMENT);
    ck_assert_msg(err->message[0] != '\0', "invalid argument without a message");
}

START_TEST(extractor_arguments)
{
    pith_error err;
    pith_extractor *ex = (pith_extractor *)&ex;
    pith_options o;

    assert_invalid(pith_extractor_new(NULL, NULL, &err), &err);
    ck_assert_int_eq(pith_extractor_new(NULL, NULL, NULL), PITH_ERR_INVALID_ARGUMENT);

    pith_options_init(&o);
    o.version = PITH_OPTIONS_VERSION + 1;
    assert_invalid(pith_extractor_new(&o, &ex, &err), &err);
    ck_assert_ptr_null(ex);
    ck_assert_msg(strstr(err.message, "version") != NULL, "message: %s", err.message);
    o.version = 0; /* an options struct nobody initialised */
    assert_invalid(pith_extractor_new(&o, &ex, &err), &err);

    pith_options_init(&o);
    o.input = (pith_input_kind)7;
    assert_invalid(pith_extractor_new(&o, &ex, &err), &err);
    pith_options_init(&o);
    o.input = (pith_input_kind)-1;
    assert_invalid(pith_extractor_new(&o, &ex, &err), &err);
    pith_options_init(&o);
    o.max_input_bytes = 0;
    assert_invalid(pith_extractor_new(&o, &ex, &err), &err);

    ck_assert_uint_eq(pith_extractor_rule_count(NULL), 0);
    pith_extractor_free(NULL);

    ck_assert_int_eq(pith_extractor_new(NULL, &ex, &err), PITH_OK);
    ck_assert_int_eq(err.status, PITH_OK);
    ck_assert_str_eq(err.message, "");
    ck_assert_uint_gt(pith_extractor_rule_count(ex), 0); /* the built-in tables */
    pith_extractor_free(ex);
}
END_TEST

START_TEST(builder_arguments)
{
    pith_error err;
    pith_builder *b = NULL;
    pith_extractor *ex = NULL;
    pith_options o;

    assert_invalid(pith_builder_new(NULL, NULL, &err), &err);
    pith_options_init(&o);
    o.version = 99;
    assert_invalid(pith_builder_new(&o, &b, &err), &err);
    ck_assert_ptr_null(b);

    assert_invalid(pith_builder_add_rules(NULL, "", 0, "x", &err), &err);
    assert_invalid(pith_builder_add_rules_file(NULL, "x.rules", &err), &err);
    assert_invalid(pith_builder_build(NULL, &ex, &err), &err);
    pith_builder_free(NULL);

    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    assert_invalid(pith_builder_add_rules(b, NULL, 5, "x", &err), &err);
    assert_invalid(pith_builder_add_rules_file(b, NULL, &err), &err);
    assert_invalid(pith_builder_build(b, NULL, &err), &err);
    /* empty text and a NULL name are fine */
    ck_assert_int_eq(pith_builder_add_rules(b, "", 0, NULL, &err), PITH_OK);
    ck_assert_int_eq(pith_builder_add_rules(b, "# only a comment\n\n", 18, "c", &err), PITH_OK);
    /* the builder can build twice */
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    pith_extractor *ex2 = NULL;
    ck_assert_int_eq(pith_builder_build(b, &ex2, &err), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), pith_extractor_rule_count(ex2));
    pith_extractor_free(ex2);
    pith_extractor_free(ex);
    pith_builder_free(b);

    /* no built-in rules: an empty table, and extraction still works */
    pith_options_init(&o);
    o.flags = PITH_OPT_NO_BUILTIN_RULES;
    ck_assert_int_eq(pith_builder_new(&o, &b, &err), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), 0);
    pith_doc *doc = extract_ok(ex, "<p>Hello there, world.</p>", 26);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    pith_builder_free(b);
}
END_TEST

START_TEST(extract_arguments)
{
    pith_extractor *ex = new_extractor(0);
    pith_error err;
    pith_doc *doc = (pith_doc *)&doc;

    assert_invalid(pith_extract(ex, "<p>x</p>", 8, NULL, NULL, NULL, &err), &err);
    assert_invalid(pith_extract(NULL, "<p>x</p>", 8, NULL, NULL, &doc, &err), &err);
    ck_assert_ptr_null(doc);
    doc = (pith_doc *)&doc;
    assert_invalid(pith_extract(ex, NULL, 8, NULL, NULL, &doc, &err), &err);
    ck_assert_ptr_null(doc);
    /* NULL data of length 0 is just empty input; err may be NULL */
    ck_assert_int_eq(pith_extract(ex, NULL, 0, NULL, NULL, &doc, NULL), PITH_ERR_EMPTY_INPUT);
    ck_assert_ptr_null(doc);
    pith_doc_free(NULL);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(doc_arguments)
{
    pith_extractor *ex = new_extractor(0);
    static const char page[] = "<html><head><title>T</title></head><body><h1>A headline</h1>"
                               "<p>A first paragraph of the article, with several words.</p>"
                               "</body></html>";
    pith_doc *doc = extract_ok(ex, page, sizeof page - 1);
    pith_segment seg;
    pith_block blk;
    size_t len = 99;

    /* NULL documents */
    ck_assert_ptr_nonnull(pith_doc_charset(NULL));
    ck_assert_ptr_null(pith_doc_meta(NULL, PITH_META_TITLE));
    ck_assert_str_eq(pith_doc_text(NULL, &len), "");
    ck_assert_uint_eq(len, 0);
    len = 99;
    ck_assert_str_eq(pith_doc_comments(NULL, &len), "");
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(pith_doc_segment_count(NULL), 0);
    ck_assert_uint_eq(pith_doc_block_count(NULL), 0);
    ck_assert_int_eq(pith_doc_segment(NULL, 0, &seg, sizeof seg), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_doc_block(NULL, 0, &blk, sizeof blk), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(pith_doc_block_evidence(NULL, 0));
    len = 99;
    ck_assert_str_eq(pith_doc_input(NULL, &len), "");
    ck_assert_uint_eq(len, 0);

    /* bad enums and indexes on a real document */
    ck_assert_ptr_null(pith_doc_meta(doc, PITH_META_COUNT));
    ck_assert_ptr_null(pith_doc_meta(doc, (pith_meta_field)-1));
    size_t ns = pith_doc_segment_count(doc), nb = pith_doc_block_count(doc);
    ck_assert_int_eq(pith_doc_segment(doc, ns, &seg, sizeof seg), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_doc_segment(doc, (size_t)-1, &seg, sizeof seg), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_doc_block(doc, nb, &blk, sizeof blk), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_doc_block(doc, (size_t)-1, &blk, sizeof blk), PITH_ERR_INVALID_ARGUMENT);
    if (ns)
        ck_assert_int_eq(pith_doc_segment(doc, 0, NULL, sizeof(pith_segment)), PITH_ERR_INVALID_ARGUMENT);
    if (nb)
        ck_assert_int_eq(pith_doc_block(doc, 0, NULL, sizeof(pith_block)), PITH_ERR_INVALID_ARGUMENT);
    /* a struct smaller than pith_segment or pith_block ever was */
    if (ns)
        ck_assert_int_eq(pith_doc_segment(doc, 0, &seg, sizeof(size_t)), PITH_ERR_INVALID_ARGUMENT);
    if (nb)
        ck_assert_int_eq(pith_doc_block(doc, 0, &blk, 0), PITH_ERR_INVALID_ARGUMENT);
    /* evidence only when asked for */
    for (size_t i = 0; i < nb; i++)
        ck_assert_ptr_null(pith_doc_block_evidence(doc, i));
    ck_assert_ptr_null(pith_doc_block_evidence(doc, nb));
    /* text and comments: never NULL, len optional */
    ck_assert_ptr_nonnull(pith_doc_text(doc, NULL));
    ck_assert_ptr_nonnull(pith_doc_comments(doc, NULL));
    ck_assert_int_eq(pith_doc_input_kind(doc), PITH_INPUT_HTML);
    ck_assert_str_eq(pith_doc_charset(doc), "UTF-8");

    /* rendering */
    pith_error err;
    char *out = (char *)&out;
    assert_invalid(pith_render(NULL, PITH_FORMAT_TEXT, &out, NULL, &err), &err);
    assert_invalid(pith_render(doc, PITH_FORMAT_TEXT, NULL, NULL, &err), &err);
    assert_invalid(pith_render(doc, (pith_format)99, &out, NULL, &err), &err);
    ck_assert_ptr_null(out);
    out = (char *)&out;
    assert_invalid(pith_render(doc, (pith_format)-1, &out, NULL, &err), &err);
    ck_assert_ptr_null(out);
    assert_invalid(pith_render_record(doc, "x", NULL, NULL, NULL, &err), &err);
    assert_invalid(pith_render_record(NULL, "x", NULL, &out, NULL, &err), &err);
    pith_free(NULL);

    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* ---- error paths ---- */

START_TEST(empty_input)
{
    pith_extractor *ex = new_extractor(0);
    extract_fails(ex, "", 0, PITH_ERR_EMPTY_INPUT);
    extract_fails(ex, " \t\r\n\n  ", 7, PITH_ERR_EMPTY_INPUT);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(gzip_input)
{
    pith_extractor *ex = new_extractor(0);
    size_t len, zlen;
    char *html = test_read_file(SAMPLE_HTML, &len);
    char *z = gzip(html, len, &zlen);
    pith_doc *plain = extract_ok(ex, html, len);
    pith_doc *inflated = extract_ok(ex, z, zlen);
    char *a = render(plain, PITH_FORMAT_JSON, NULL), *b = render(inflated, PITH_FORMAT_JSON, NULL);
    ck_assert_str_eq(a, b);
    ck_assert_int_eq(pith_doc_input_kind(inflated), PITH_INPUT_HTML);
    pith_free(a);
    pith_free(b);
    pith_doc_free(plain);
    pith_doc_free(inflated);

    /* a cut download is still a page (lib/gzip.c); a bare header, or corrupt deflate
     * data, is not */
    pith_doc_free(extract_ok(ex, z, zlen / 2));
    extract_fails(ex, z, 10, PITH_ERR_GZIP);
    char *bad = malloc(zlen);
    memcpy(bad, z, zlen);
    memset(bad + 10, 0xFF, zlen - 20 > 64 ? 64 : zlen - 20);
    extract_fails(ex, bad, zlen, PITH_ERR_GZIP);
    free(bad);
    pith_extractor_free(ex);

    /* told not to inflate, the compressed bytes are not text */
    ex = new_extractor(PITH_OPT_NO_GZIP);
    extract_fails(ex, z, zlen, PITH_ERR_BINARY);
    pith_extractor_free(ex);
    free(z);
    free(html);
}
END_TEST

START_TEST(binary_input)
{
    pith_extractor *ex = new_extractor(0);
    char png[4096];
    memcpy(png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    unsigned x = 12345;
    for (size_t i = 16; i < sizeof png; i++) {
        x = x * 1103515245u + 12345u;
        png[i] = (char)(x >> 16);
    }
    extract_fails(ex, png, sizeof png, PITH_ERR_BINARY);
    char pdf[4096];
    memcpy(pdf, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15);
    memcpy(pdf + 15, png + 16, sizeof pdf - 16);
    pdf[sizeof pdf - 1] = 0;
    extract_fails(ex, pdf, sizeof pdf, PITH_ERR_BINARY);
    char elf[2048] = "\x7f" "ELF\x02\x01\x01";
    extract_fails(ex, elf, sizeof elf, PITH_ERR_BINARY);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(too_large)
{
    pith_options o;
    pith_options_init(&o);
    o.max_input_bytes = 1000;
    pith_extractor *ex;
    pith_error err;
    ck_assert_int_eq(pith_extractor_new(&o, &ex, &err), PITH_OK);
    char page[3000];
    memset(page, 'a', sizeof page);
    memcpy(page, "<p>", 3);
    extract_fails(ex, page, sizeof page, PITH_ERR_TOO_LARGE);
    pith_doc *doc = extract_ok(ex, page, 1000); /* exactly the cap is allowed */
    pith_doc_free(doc);
    /* the cap holds for the inflated size: 3000 bytes compress far below 1000 */
    size_t zlen;
    char *z = gzip(page, sizeof page, &zlen);
    ck_assert_uint_lt(zlen, 1000);
    extract_fails(ex, z, zlen, PITH_ERR_TOO_LARGE);
    free(z);
    pith_extractor_free(ex);
}
END_TEST

/* The page's address is interned once more for the page-type stage while it points
 * into the strings being appended to (a use-after-free the sanitizer build and the
 * fuzzer found): with a long canonical URL (metadata keeps up to 2,048 bytes) the
 * buffer surely moves. */
START_TEST(canonical_url_interned_again)
{
    char url[2100];
    int n = snprintf(url, sizeof url, "https://example.com/");
    while (n < 1500)
        n += snprintf(url + n, sizeof url - (size_t)n, "segment-%d/", n);
    char page[8000];
    int len = snprintf(page, sizeof page,
                       "<html><head><link rel=canonical href=\"%s\"></head><body><p>The "
                       "article text, long enough to count as prose, with words.</p></body>"
                       "</html>", url);
    pith_extractor *ex = new_extractor(0);
    pith_doc *doc = extract_ok(ex, page, (size_t)len);
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_URL), url);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* ---- the per-page limits ---- */

static pith_extractor *extractor_with(const pith_options *o)
{
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_msg(pith_extractor_new(o, &ex, &err) == PITH_OK, "extractor: %s", err.message);
    return ex;
}

/* A page whose JSON-LD names the article differently from its <title>. */
static char *jsonld_page(const char *script_body, size_t *len)
{
    size_t n = strlen(script_body) + 512;
    char *page = malloc(n);
    ck_assert_ptr_nonnull(page);
    *len = (size_t)snprintf(page, n,
                            "<html><head><title>Tag Title</title><script type=\"application/"
                            "ld+json\">%s</script></head><body><article><h1>Tag Title</h1><p>"
                            "The body of the article, long enough to be prose, with words and "
                            "commas, and it goes on.</p></article></body></html>",
                            script_body);
    return page;
}

START_TEST(jsonld_caps)
{
    static const char ld[] = "{\"@type\":\"NewsArticle\",\"headline\":\"LD Headline\","
                             "\"author\":{\"@type\":\"Person\",\"name\":\"Jane Doe\"}}";
    size_t len;
    char *page = jsonld_page(ld, &len);
    pith_options o;
    pith_options_init(&o);
    o.flags = PITH_OPT_EVIDENCE;
    pith_extractor *ex = extractor_with(&o);
    pith_doc *doc = extract_ok(ex, page, len);
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_AUTHOR), "Jane Doe");
    pith_doc_free(doc);
    pith_extractor_free(ex);

    /* over the per-script cap, or the page's: left out, the page extracted without it */
    for (int k = 0; k < 2; k++) {
        pith_options_init(&o);
        o.flags = PITH_OPT_EVIDENCE;
        if (k == 0)
            o.max_jsonld_bytes = sizeof ld - 2;
        else
            o.max_jsonld_total = sizeof ld - 2;
        ex = extractor_with(&o);
        doc = extract_ok(ex, page, len);
        ck_assert_ptr_null(pith_doc_meta(doc, PITH_META_AUTHOR));
        ck_assert_str_eq(pith_doc_meta(doc, PITH_META_TITLE), "Tag Title");
        ck_assert_ptr_nonnull(strstr(pith_doc_block_evidence(doc, 0), "JSON-LD script(s) left out"));
        pith_doc_free(doc);
        pith_extractor_free(ex);
    }
    free(page);

    /* a JSON-LD bomb under the byte cap but not the memory budget: jansson would build
     * ~250 bytes for each "{}" of a 900 KB script, 75 MB for a 1 MB page */
    size_t n = 300000;
    char *bomb = malloc(3 * n + 2);
    ck_assert_ptr_nonnull(bomb);
    bomb[0] = '[';
    for (size_t i = 0; i < n; i++)
        memcpy(bomb + 1 + 3 * i, i + 1 < n ? "{}," : "{}]", 3);
    bomb[3 * n + 1] = '\0';
    page = jsonld_page(bomb, &len);
    free(bomb);
    ex = new_extractor(PITH_OPT_EVIDENCE);
    doc = extract_ok(ex, page, len);
    ck_assert_ptr_nonnull(strstr(pith_doc_text(doc, NULL), "The body of the article"));
    ck_assert_ptr_nonnull(strstr(pith_doc_block_evidence(doc, 0), "JSON-LD script(s) left out"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
    free(page);
}
END_TEST

/* The memory budget: a page that would need more is refused with PITH_ERR_TOO_LARGE,
 * one that fits is not; the automatic budget scales with the page. */
START_TEST(memory_budget)
{
    size_t n = 200000;
    char *lines = malloc(2 * n + 8);
    ck_assert_ptr_nonnull(lines);
    memcpy(lines, "Title\n", 6);
    for (size_t i = 0; i < n; i++)
        memcpy(lines + 6 + 2 * i, "a\n", 2);
    size_t len = 6 + 2 * n;
    /* 200,000 one-letter lines need ~40 MB of blocks: over an 8 MB budget */
    pith_options o;
    pith_options_init(&o);
    o.max_memory = 8u << 20;
    pith_extractor *ex = extractor_with(&o);
    extract_fails(ex, lines, len, PITH_ERR_TOO_LARGE);
    pith_doc *doc = NULL;
    pith_error err;
    pith_extract(ex, lines, len, NULL, NULL, &doc, &err);
    ck_assert_msg(strstr(err.message, "max_memory") != NULL, "%s", err.message);
    pith_extractor_free(ex);
    /* the automatic budget (32 MiB + 6x) holds them too */
    ex = new_extractor(0);
    extract_fails(ex, lines, len, PITH_ERR_TOO_LARGE);
    pith_extractor_free(ex);
    /* without a budget they go through */
    pith_options_init(&o);
    o.max_memory = SIZE_MAX;
    ex = extractor_with(&o);
    doc = extract_ok(ex, lines, len);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    /* and an ordinary page fits a small budget */
    pith_options_init(&o);
    o.max_memory = 4u << 20;
    ex = extractor_with(&o);
    size_t hl;
    char *html = test_read_file(SAMPLE_HTML, &hl);
    doc = extract_ok(ex, html, hl);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    free(html);
    free(lines);
}
END_TEST

/* max_blocks counts the lines of a dump and the blocks of HTML; max_depth flattens
 * instead of refusing; max_attributes keeps the first attributes of an element. */
START_TEST(block_depth_attribute_caps)
{
    pith_options o;
    pith_options_init(&o);
    o.max_blocks = 100;
    pith_extractor *ex = extractor_with(&o);
    char text[4096];
    size_t len = 0;
    for (int i = 0; i < 150; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "line %d\n", i);
    extract_fails(ex, text, len, PITH_ERR_TOO_MANY_NODES);
    char html[8192];
    len = (size_t)snprintf(html, sizeof html, "<html><body>");
    for (int i = 0; i < 150; i++)
        len += (size_t)snprintf(html + len, sizeof html - len, "<p>para %d</p>", i);
    extract_fails(ex, html, len, PITH_ERR_TOO_MANY_NODES);
    pith_extractor_free(ex);

    /* 40 nested divs over a cap of 16: the text is all there */
    pith_options_init(&o);
    o.max_depth = 16;
    ex = extractor_with(&o);
    len = (size_t)snprintf(html, sizeof html, "<html><body>");
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(html + len, sizeof html - len, "<div><p>level %d</p>", i);
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(html + len, sizeof html - len, "</div>");
    len += (size_t)snprintf(html + len, sizeof html - len, "<p>after</p></body></html>");
    pith_doc *doc = extract_ok(ex, html, len);
    int seen = 0;
    for (size_t i = 0; i < pith_doc_block_count(doc); i++) {
        pith_block b;
        pith_doc_block(doc, i, &b, sizeof b);
        seen += strncmp(b.text, "level ", 6) == 0 || strcmp(b.text, "after") == 0;
    }
    ck_assert_int_eq(seen, 41);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    pith_options_init(&o);
    o.max_depth = 15;
    pith_error err;
    ck_assert_int_eq(pith_extractor_new(&o, &ex, &err), PITH_ERR_INVALID_ARGUMENT);

    /* the class after 20 junk attributes is not read with max_attributes 20, is with 21 */
    len = (size_t)snprintf(html, sizeof html, "<html><body><div");
    for (int i = 0; i < 20; i++)
        len += (size_t)snprintf(html + len, sizeof html - len, " data-x%d=\"%d\"", i, i);
    len += (size_t)snprintf(html + len, sizeof html - len,
                            " class=\"cookie-banner\"><p>We use cookies to improve this site, "
                            "and you can accept them or not.</p></div><article><p>The article "
                            "text itself, long enough to count as prose, with words and commas."
                            "</p></article></body></html>");
    for (int cap = 20; cap <= 21; cap++) {
        pith_options_init(&o);
        o.max_attributes = (uint16_t)cap;
        o.flags = PITH_OPT_EVIDENCE;
        ex = extractor_with(&o);
        doc = extract_ok(ex, html, len);
        int found = 0;
        for (size_t i = 0; i < pith_doc_block_count(doc); i++) {
            pith_block b;
            pith_doc_block(doc, i, &b, sizeof b);
            if (strstr(b.text, "We use cookies"))
                found = strstr(b.path, "cookie-banner") != NULL;
        }
        ck_assert_int_eq(found, cap == 21);
        pith_doc_free(doc);
        pith_extractor_free(ex);
    }
}
END_TEST

/* Rules fail at add time, syntax and regexes alike, with PITH_ERR_RULES and a message
 * naming file and line; the builder then still builds. */
static void assert_bad_rules(const char *text, const char *where)
{
    pith_builder *b;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    pith_status st = pith_builder_add_rules(b, text, strlen(text), "my.rules", &err);
    ck_assert_msg(st == PITH_ERR_RULES, "%s: got %s", text, pith_status_str(st));
    ck_assert_int_eq(err.status, PITH_ERR_RULES);
    ck_assert_msg(strstr(err.message, where) != NULL, "'%s' not in: %s", where, err.message);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    ck_assert_ptr_nonnull(ex);
    pith_extractor_free(ex);
    pith_builder_free(b);
}

START_TEST(bad_rules)
{
    assert_bad_rules("# a comment\nbody text 1 good\nnotakind text 1 x\n", "my.rules:3");
    assert_bad_rules("body nowhere 1 x\n", "my.rules:1");
    assert_bad_rules("\n\nbody text heavy x\n", "my.rules:3");
    assert_bad_rules("body text 1\n", "my.rules:1");
    assert_bad_rules("promo text 1 ok\npromo text 1 (unclosed\n", "my.rules:2");
}
END_TEST

START_TEST(rules_file)
{
    char path[] = "/tmp/pith-test-rules-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    static const char text[] = "promo text 2 ^follow us\nbody text 1 [\n";
    ck_assert_int_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    pith_builder *b;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    pith_status st = pith_builder_add_rules_file(b, path, &err);
    ck_assert_int_eq(st, PITH_ERR_RULES);
    char where[64];
    snprintf(where, sizeof where, "%s:2", path);
    ck_assert_msg(strstr(err.message, where) != NULL, "'%s' not in: %s", where, err.message);
    ck_assert_ptr_null(ex);
    unlink(path);

    ck_assert_int_eq(pith_builder_add_rules_file(b, "/nonexistent/dir/x.rules", &err),
                     PITH_ERR_IO);
    ck_assert_int_eq(err.status, PITH_ERR_IO);
    ck_assert_msg(strstr(err.message, "/nonexistent/dir/x.rules") != NULL, "%s", err.message);
    pith_builder_free(b);

    /* a good rule file adds its rules */
    ck_assert_int_eq(pith_builder_new(NULL, &b, &err), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    size_t before = pith_extractor_rule_count(ex);
    pith_extractor_free(ex);
    ck_assert_int_eq(pith_builder_add_rules(b, "promo text 2 ^follow us\n", 24, "x", &err), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, &err), PITH_OK);
    ck_assert_uint_eq(pith_extractor_rule_count(ex), before + 1);
    pith_extractor_free(ex);
    pith_builder_free(b);
}
END_TEST

/* ---- records and renderings ---- */

START_TEST(error_record)
{
    pith_error failure = {PITH_ERR_EMPTY_INPUT, "input is empty"};
    char *out = NULL;
    size_t len = 0;
    pith_error err;
    const char *source = "dir/a \"quoted\" name\\.html";
    ck_assert_int_eq(pith_render_record(NULL, source, &failure, &out, &len, &err), PITH_OK);
    ck_assert_uint_eq(strlen(out), len);
    ck_assert_ptr_null(memchr(out, '\n', len)); /* one JSON Lines record */
    json_error_t jerr;
    json_t *rec = json_loads(out, 0, &jerr);
    ck_assert_msg(rec != NULL, "not JSON (%s): %s", jerr.text, out);
    ck_assert_str_eq(json_string_value(json_object_get(rec, "source")), source);
    ck_assert_str_eq(json_string_value(json_object_get(rec, "error")), "input is empty");
    ck_assert_str_eq(json_string_value(json_object_get(rec, "status")),
                     "empty_input");
    json_decref(rec);
    pith_free(out);

    /* NULL source still gives a record */
    ck_assert_int_eq(pith_render_record(NULL, NULL, &failure, &out, NULL, &err), PITH_OK);
    rec = json_loads(out, 0, &jerr);
    ck_assert_msg(rec != NULL, "not JSON: %s", out);
    ck_assert_ptr_nonnull(json_object_get(rec, "error"));
    json_decref(rec);
    pith_free(out);
}
END_TEST

START_TEST(doc_record)
{
    pith_extractor *ex = new_extractor(0);
    size_t len;
    char *html = test_read_file(SAMPLE_HTML, &len);
    pith_doc *doc = extract_ok(ex, html, len);
    char *out;
    ck_assert_int_eq(pith_render_record(doc, "sample.html", NULL, &out, &len, NULL), PITH_OK);
    ck_assert_ptr_null(memchr(out, '\n', len));
    ck_assert_msg(strncmp(out, "{\"source\":", 10) == 0, "source is not first: %.60s", out);
    json_error_t jerr;
    json_t *rec = json_loads(out, 0, &jerr);
    ck_assert_msg(rec != NULL, "not JSON (%s): %.200s", jerr.text, out);
    ck_assert_str_eq(json_string_value(json_object_get(rec, "source")), "sample.html");
    ck_assert_ptr_null(json_object_get(rec, "error"));
    ck_assert(json_is_string(json_object_get(rec, "text")));
    json_t *segs = json_object_get(rec, "segments");
    ck_assert(json_is_array(segs));
    ck_assert_uint_gt(json_array_size(segs), 0);
    ck_assert_uint_eq(json_array_size(segs), pith_doc_segment_count(doc));
    for (size_t i = 0; i < json_array_size(segs); i++) {
        json_t *s = json_array_get(segs, i);
        ck_assert_int_ge(pith_kind_from_name(json_string_value(json_object_get(s, "kind"))), 0);
        ck_assert(json_is_string(json_object_get(s, "text")));
    }
    json_decref(rec);
    pith_free(out);
    pith_doc_free(doc);
    free(html);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(every_format)
{
    pith_extractor *ex = new_extractor(PITH_OPT_EVIDENCE);
    static const char *const FILES[] = {SAMPLE_HTML, SAMPLE_TEXT};
    for (int f = 0; f < 2; f++) {
        size_t len;
        char *page = test_read_file(FILES[f], &len);
        pith_doc *doc = extract_ok(ex, page, len);
        ck_assert_int_eq(pith_doc_input_kind(doc), f ? PITH_INPUT_TEXT : PITH_INPUT_HTML);
        for (size_t i = 0; i < sizeof ALL_FORMATS / sizeof *ALL_FORMATS; i++) {
            size_t n = (size_t)-1;
            char *out = render(doc, ALL_FORMATS[i], &n);
            ck_assert_msg(out[n] == '\0', "format %d not NUL-terminated", (int)ALL_FORMATS[i]);
            ck_assert_uint_eq(strlen(out), n);
            ck_assert_msg(n > 0, "format %d of %s is empty", (int)ALL_FORMATS[i], FILES[f]);
            pith_free(out);
            pith_free(render(doc, ALL_FORMATS[i], NULL)); /* len is optional */
        }
        char *json = render(doc, PITH_FORMAT_JSON, NULL);
        json_error_t jerr;
        json_t *v = json_loads(json, 0, &jerr);
        ck_assert_msg(v != NULL, "JSON rendering does not parse (%s)", jerr.text);
        json_decref(v);
        pith_free(json);
        for (size_t i = 0; i < pith_doc_block_count(doc); i++)
            ck_assert_ptr_nonnull(pith_doc_block_evidence(doc, i));
        pith_doc_free(doc);
        free(page);
    }
    pith_extractor_free(ex);
}
END_TEST

/* Every block lands in exactly one segment, in order. */
START_TEST(segments_cover_blocks)
{
    pith_extractor *ex = new_extractor(0);
    static const char *const FILES[] = {SAMPLE_HTML, SAMPLE_TEXT};
    for (int f = 0; f < 2; f++) {
        size_t len;
        char *page = test_read_file(FILES[f], &len);
        pith_doc *doc = extract_ok(ex, page, len);
        size_t nb = pith_doc_block_count(doc), ns = pith_doc_segment_count(doc), next = 0;
        ck_assert_uint_gt(nb, 0);
        ck_assert_uint_gt(ns, 0);
        for (size_t i = 0; i < ns; i++) {
            pith_segment s;
            ck_assert_int_eq(pith_doc_segment(doc, i, &s, sizeof s), PITH_OK);
            ck_assert_uint_eq(s.first_block, next);
            ck_assert_uint_gt(s.block_count, 0);
            ck_assert_int_lt(s.kind, PITH_KIND_COUNT);
            ck_assert_uint_le(s.start, s.end);
            ck_assert_uint_eq(strlen(s.text), s.text_len);
            for (size_t k = s.first_block; k < s.first_block + s.block_count; k++) {
                pith_block b;
                ck_assert_int_eq(pith_doc_block(doc, k, &b, sizeof b), PITH_OK);
                ck_assert_int_eq(b.kind, s.kind);
                ck_assert_ptr_nonnull(b.path);
            }
            next += s.block_count;
        }
        ck_assert_uint_eq(next, nb);
        pith_doc_free(doc);
        free(page);
    }
    pith_extractor_free(ex);
}
END_TEST

/* Segments and blocks are copied into a struct of the caller's size: an older, smaller
 * struct gets the fields it has and nothing past them; a newer, larger one gets zeroes
 * in the fields this library does not know. */
START_TEST(sized_structs)
{
    pith_extractor *ex = new_extractor(0);
    size_t len;
    char *page = test_read_file(SAMPLE_HTML, &len);
    pith_doc *doc = extract_ok(ex, page, len);
    ck_assert_uint_gt(pith_doc_segment_count(doc), 0);
    pith_segment want;
    pith_block want_b;
    ck_assert_int_eq(pith_doc_segment(doc, 0, &want, sizeof want), PITH_OK);
    ck_assert_int_eq(pith_doc_block(doc, 0, &want_b, sizeof want_b), PITH_OK);

    /* newer: the struct as a later header might have it */
    struct {
        pith_segment s;
        unsigned char future[24];
    } big;
    memset(&big, 0xAB, sizeof big);
    ck_assert_int_eq(pith_doc_segment(doc, 0, &big.s, sizeof big), PITH_OK);
    ck_assert_int_eq(big.s.kind, want.kind);
    ck_assert_ptr_eq(big.s.text, want.text);
    ck_assert_uint_eq(big.s.end, want.end);
    ck_assert_int_eq(big.s.article, want.article);
    for (size_t i = 0; i < sizeof big.future; i++)
        ck_assert_uint_eq(big.future[i], 0);
    struct {
        pith_block b;
        double future[3];
    } bigb;
    memset(&bigb, 0xAB, sizeof bigb);
    ck_assert_int_eq(pith_doc_block(doc, 0, &bigb.b, sizeof bigb), PITH_OK);
    ck_assert_ptr_eq(bigb.b.path, want_b.path);
    ck_assert(bigb.b.score == want_b.score);
    for (size_t i = 0; i < 3; i++)
        ck_assert(bigb.future[i] == 0.0);

    /* older: the caller's struct ends before pith_segment's last field; the bytes past
     * the size given stay untouched */
    size_t older = offsetof(pith_segment, article);
    pith_segment small;
    memset(&small, 0xCD, sizeof small);
    ck_assert_int_eq(pith_doc_segment(doc, 0, &small, older), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_doc_segment(doc, 0, &small, older + sizeof(int)), PITH_OK);
    ck_assert_uint_eq(small.block_count, want.block_count);
    ck_assert_int_eq(small.article, want.article);
    const unsigned char *tail = (const unsigned char *)&small + older + sizeof(int);
    for (size_t i = 0; i < sizeof small - older - sizeof(int); i++)
        ck_assert_uint_eq(tail[i], 0xCD);

    pith_doc_free(doc);
    free(page);
    pith_extractor_free(ex);
}
END_TEST

/* pith_doc_input is the decoded UTF-8 text the byte ranges index: a windows-1252 page
 * comes back as UTF-8, every range lies inside it, and each line of a text dump is found
 * in its block's range. */
START_TEST(input_ranges)
{
    pith_extractor *ex = new_extractor(0);
    static const char *const FILES[] = {SAMPLE_HTML, SAMPLE_TEXT,
                                        PITH_FIXTURES "/decode/windows-1252.txt"};
    for (int f = 0; f < 3; f++) {
        size_t len, n = 0;
        char *page = test_read_file(FILES[f], &len);
        pith_doc *doc = extract_ok(ex, page, len);
        const char *in = pith_doc_input(doc, &n);
        ck_assert_ptr_eq(pith_doc_input(doc, NULL), in);
        ck_assert_uint_gt(n, 0);
        ck_assert_uint_eq(in[n], '\0');
        if (f == 2) {
            ck_assert_str_eq(pith_doc_charset(doc), "windows-1252");
            ck_assert_uint_eq(n, len + 4); /* four accented letters, two bytes each */
            ck_assert_msg(strncmp(in, "Caf\xC3\xA9 au lait\n", 14) == 0, "%.20s", in);
        } else {
            ck_assert_uint_eq(n, len);
            ck_assert_mem_eq(in, page, n);
        }
        for (size_t i = 0; i < pith_doc_segment_count(doc); i++) {
            pith_segment s;
            ck_assert_int_eq(pith_doc_segment(doc, i, &s, sizeof s), PITH_OK);
            ck_assert_uint_le(s.start, s.end);
            ck_assert_uint_le(s.end, n);
        }
        for (size_t i = 0; f && i < pith_doc_block_count(doc); i++) {
            pith_block b;
            ck_assert_int_eq(pith_doc_block(doc, i, &b, sizeof b), PITH_OK);
            ck_assert_uint_le(b.end, n);
            /* a text dump's block is one line, whitespace-collapsed: its first word is
               in its range */
            size_t w = strcspn(b.text, " ");
            char *range = strndup(in + b.start, b.end - b.start);
            char *word = strndup(b.text, w);
            ck_assert_msg(strstr(range, word), "block %zu: '%s' not in '%s'", i, word, range);
            free(range);
            free(word);
        }
        pith_doc_free(doc);
        free(page);
    }
    pith_extractor_free(ex);
}
END_TEST

/* A page's canonical URL is interned again for the page type; interning must not read
 * the string from the buffer it grows (valgrind sees it, as realloc always moves there).
 * URLs of many lengths make the growth fall on the interning. */
START_TEST(canonical_url_interned)
{
    pith_extractor *ex = new_extractor(0);
    char page[1024], url[300];
    for (int n = 1; n < 240; n++) {
        snprintf(url, sizeof url, "https://example.org/%.*s", n,
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        int len = snprintf(page, sizeof page,
                           "<html><head><title>T</title><link rel=canonical href=\"%s\">"
                           "<meta property=og:url content=\"%s\"></head><body><article>"
                           "<h1>A headline</h1><p>A first paragraph of the article, with "
                           "several words in it.</p></article></body></html>",
                           url, url);
        pith_doc *doc = extract_ok(ex, page, (size_t)len);
        ck_assert_str_eq(pith_doc_meta(doc, PITH_META_URL), url);
        pith_doc_free(doc);
    }
    pith_extractor_free(ex);
}
END_TEST

/* ---- threads ---- */

enum { N_THREADS = 4, N_PAGES = 4, ROUNDS = 5 };

typedef struct shared_run {
    const pith_extractor *ex;
    const char *page[N_PAGES];
    size_t len[N_PAGES];
} shared_run;

typedef struct thread_run {
    const shared_run *r;
    char *got[N_PAGES]; /* the JSON of each page from this thread's first round */
    int mismatches;     /* later rounds that differed from the first, or failed */
} thread_run;

static void *extract_all(void *arg)
{
    thread_run *t = arg;
    const shared_run *r = t->r;
    for (int round = 0; round < ROUNDS; round++)
        for (int i = 0; i < N_PAGES; i++) {
            int k = (i + round) % N_PAGES; /* threads hit different pages at once */
            pith_doc *doc;
            char *out = NULL;
            if (pith_extract(r->ex, r->page[k], r->len[k], NULL, NULL, &doc, NULL) != PITH_OK) {
                t->mismatches++;
                continue;
            }
            if (pith_render(doc, PITH_FORMAT_JSON, &out, NULL, NULL) != PITH_OK)
                t->mismatches++;
            pith_doc_free(doc);
            if (!t->got[k]) {
                t->got[k] = out;
                continue;
            }
            if (!out || strcmp(out, t->got[k]) != 0)
                t->mismatches++;
            pith_free(out);
        }
    return NULL;
}

/* The threads start on a fresh extractor before anything was parsed in this process, so
 * any lazy one-time initialisation (the library's or libxml2's) races here. */
START_TEST(shared_extractor)
{
    shared_run r = {.ex = new_extractor(0)};
    char *html, *text, *z;
    size_t hl, tl, zl;
    html = test_read_file(SAMPLE_HTML, &hl);
    text = test_read_file(SAMPLE_TEXT, &tl);
    z = gzip(html, hl, &zl);
    static const char small[] = "<html lang=de><body><nav><a href=/>Start</a></nav><article>"
                                "<h1>Überschrift</h1><p>Der erste Absatz des Artikels.</p>"
                                "</article></body></html>";
    const char *pages[N_PAGES] = {html, text, z, small};
    size_t lens[N_PAGES] = {hl, tl, zl, sizeof small - 1};
    for (int i = 0; i < N_PAGES; i++) {
        r.page[i] = pages[i];
        r.len[i] = lens[i];
    }
    pthread_t tid[N_THREADS];
    thread_run t[N_THREADS];
    memset(t, 0, sizeof t);
    for (int i = 0; i < N_THREADS; i++) {
        t[i].r = &r;
        ck_assert_int_eq(pthread_create(&tid[i], NULL, extract_all, &t[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++)
        pthread_join(tid[i], NULL);
    for (int k = 0; k < N_PAGES; k++) {
        pith_doc *doc = extract_ok(r.ex, pages[k], lens[k]);
        char *want = render(doc, PITH_FORMAT_JSON, NULL);
        pith_doc_free(doc);
        for (int i = 0; i < N_THREADS; i++) {
            ck_assert_int_eq(t[i].mismatches, 0);
            ck_assert_ptr_nonnull(t[i].got[k]);
            ck_assert_msg(strcmp(t[i].got[k], want) == 0, "thread %d, page %d differs", i, k);
            pith_free(t[i].got[k]);
        }
        pith_free(want);
    }
    free(html);
    free(text);
    free(z);
    pith_extractor_free((pith_extractor *)r.ex);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("api");
    TCase *t = tcase_create("vocabulary");
    tcase_add_test(t, version);
    tcase_add_test(t, status_strings);
    tcase_add_test(t, kind_names);
    tcase_add_test(t, options_defaults);
    tcase_add_test(t, options_zero_takes_defaults);
    suite_add_tcase(s, t);

    t = tcase_create("arguments");
    tcase_add_test(t, extractor_arguments);
    tcase_add_test(t, builder_arguments);
    tcase_add_test(t, extract_arguments);
    tcase_add_test(t, doc_arguments);
    suite_add_tcase(s, t);

    t = tcase_create("errors");
    tcase_add_test(t, empty_input);
    tcase_add_test(t, gzip_input);
    tcase_add_test(t, binary_input);
    tcase_add_test(t, too_large);
    tcase_add_test(t, canonical_url_interned_again);
    tcase_add_test(t, jsonld_caps);
    tcase_add_test(t, memory_budget);
    tcase_add_test(t, block_depth_attribute_caps);
    tcase_add_test(t, bad_rules);
    tcase_add_test(t, rules_file);
    suite_add_tcase(s, t);

    t = tcase_create("output");
    tcase_add_test(t, error_record);
    tcase_add_test(t, doc_record);
    tcase_add_test(t, every_format);
    tcase_add_test(t, segments_cover_blocks);
    tcase_add_test(t, sized_structs);
    tcase_add_test(t, input_ranges);
    tcase_add_test(t, canonical_url_interned);
    suite_add_tcase(s, t);

    t = tcase_create("threads");
    tcase_add_test(t, shared_extractor);
    tcase_set_timeout(t, 120);
    suite_add_tcase(s, t);
    return s;
}
