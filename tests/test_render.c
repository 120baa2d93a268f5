/* Renderers: JSON escaping, and each format's exact output on small hand-built
 * documents; JSON and HTML are also parsed back (jansson, libxml2). */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "check_suite.h"
#include "doc.h"
#include "extractor.h"
#include "render.h"
#include "segments.h"
#include "utf8.h"

static pith_extractor *ex;

static void setup(void)
{
    pith_options o;
    pith_options_init(&o);
    o.flags = PITH_OPT_EVIDENCE | PITH_OPT_NO_BUILTIN_RULES;
    pith_builder *b;
    ck_assert_int_eq(pith_builder_new(&o, &b, NULL), PITH_OK);
    static const char RULES[] = "body text 2 ^foo\n"
                                "navigation attr -1.5 menu\n"
                                "promo text 3 subscribe\n";
    ck_assert_int_eq(pith_builder_add_rules(b, RULES, strlen(RULES), "test.rules", NULL), PITH_OK);
    ck_assert_int_eq(pith_builder_build(b, &ex, NULL), PITH_OK);
    pith_builder_free(b);
}

static void teardown(void)
{
    pith_extractor_free(ex);
    ex = NULL;
}

static pith_doc *new_doc(void)
{
    pith_doc *doc = calloc(1, sizeof *doc);
    ck_assert_ptr_nonnull(doc);
    doc->ex = ex;
    doc->lang = -1;
    doc->title_block = PITH_NONE;
    doc->page_type = PITH_PAGE_ARTICLE;
    strcpy(doc->charset, "UTF-8");
    return doc;
}

static pith_blk *add(pith_doc *doc, const char *text, pith_kind kind, unsigned flags)
{
    uint32_t i = doc_add_block(doc, text, strlen(text));
    ck_assert_uint_ne(i, PITH_NONE);
    pith_blk *b = &doc->blocks[i];
    b->kind = (uint8_t)kind;
    b->flags = (uint16_t)flags;
    b->start = i * 10;
    b->end = i * 10 + 9;
    b->line = i + 1;
    return b;
}

static void set_meta(pith_doc *doc, pith_meta_field f, const char *v)
{
    free(doc->meta[f]);
    doc->meta[f] = strdup(v);
}

static char *render(pith_doc *doc, pith_format fmt, size_t *len)
{
    char *out;
    pith_error err;
    ck_assert_int_eq(pith_render(doc, fmt, &out, len, &err), PITH_OK);
    return out;
}

/* ---------------------------------------------------------------------------------
 * JSON strings
 * ------------------------------------------------------------------------------ */

static char *json_of(const char *s, size_t n)
{
    pbuf b;
    pbuf_init(&b);
    render_json_string(&b, s, n);
    ck_assert(!b.oom);
    return pbuf_detach(&b, NULL);
}

/* What the JSON must decode to: the input with invalid UTF-8 bytes as U+FFFD. */
static void expected_decoding(const char *s, size_t n, pbuf *out)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp == UC_REPLACEMENT && k == 1)
            pbuf_append(out, "\xEF\xBF\xBD", 3);
        else
            pbuf_append(out, s + i, k);
        i += k;
    }
}

/* Checks that render_json_string(s) is a JSON string that decodes to the expected text and
 * holds no raw control character, U+2028 or U+2029. */
static void check_roundtrip(const char *s, size_t n)
{
    char *j = json_of(s, n);
    size_t jn = strlen(j);
    ck_assert(utf8_valid(j, jn));
    /* one assertion, not one per byte: each ck_assert is a syscall in fork mode */
    size_t raw_control = 0;
    for (size_t i = 0; i < jn; i++)
        raw_control += (unsigned char)j[i] < 0x20;
    ck_assert_msg(raw_control == 0, "raw control byte in %s", j);
    ck_assert_ptr_null(strstr(j, "\xE2\x80\xA8"));
    ck_assert_ptr_null(strstr(j, "\xE2\x80\xA9"));
    json_error_t e;
    json_t *v = json_loadb(j, jn, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    ck_assert_msg(v != NULL, "does not parse: %s (%s)", j, e.text);
    ck_assert(json_is_string(v));
    pbuf want;
    pbuf_init(&want);
    expected_decoding(s, n, &want);
    ck_assert_uint_eq(json_string_length(v), want.len);
    ck_assert(memcmp(json_string_value(v), want.len ? want.data : "", want.len) == 0);
    pbuf_free(&want);
    json_decref(v);
    free(j);
}

START_TEST(json_escapes)
{
    struct {
        const char *in;
        size_t n;
        const char *out;
    } cases[] = {
        {"plain", 5, "\"plain\""},
        {"", 0, "\"\""},
        {"a\"b\\c", 5, "\"a\\\"b\\\\c\""},
        {"\n\t\r\b\f", 5, "\"\\n\\t\\r\\b\\f\""},
        {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\""},
        {"nul\0x", 5, "\"nul\\u0000x\""},
        {"\xE2\x80\xA8|\xE2\x80\xA9", 7, "\"\\u2028|\\u2029\""},
        {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14, "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\""},
        {"bad\xFF", 4, "\"bad\\ufffd\""},
        {"\xC0\x80", 2, "\"\\ufffd\\ufffd\""},         /* overlong NUL */
        {"\xED\xA0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate */
        {"\xF0\x9F\x98", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* truncated */
        {"x\xE2\x82", 3, "\"x\\ufffd\\ufffd\""},
        {"</script>", 9, "\"</script>\""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *j = json_of(cases[k].in, cases[k].n);
        ck_assert_str_eq(j, cases[k].out);
        free(j);
        check_roundtrip(cases[k].in, cases[k].n);
    }
}
END_TEST

/* Every 1- and 2-byte string, every 3-byte string with a 3-byte lead, and a spread of
 * 4-byte ones. Sequences are batched, each followed by '|': an ASCII byte is never a
 * continuation byte, so each sequence decodes exactly as it would alone, and one parse
 * checks hundreds of them (which keeps the test quick under valgrind). */
START_TEST(json_exhaustive)
{
    pbuf in;
    pbuf_init(&in);
    for (int a = 0; a < 256; a++) {
        pbuf_clear(&in);
        pbuf_putc(&in, (char)a);
        check_roundtrip(in.data, in.len);
        for (int b = 0; b < 256; b++) {
            char seq[3] = {(char)a, (char)b, '|'};
            pbuf_append(&in, seq, 3);
        }
        check_roundtrip(in.data, in.len);
    }
    for (int a = 0xE0; a <= 0xEF; a++)
        for (int b = 0x80; b < 0xC0; b++) {
            pbuf_clear(&in);
            for (int c = 0; c < 256; c++) {
                char seq[4] = {(char)a, (char)b, (char)c, '|'};
                pbuf_append(&in, seq, 4);
            }
            check_roundtrip(in.data, in.len);
        }
    for (int a = 0xF0; a <= 0xF4; a++)
        for (int b = 0x80; b < 0xC0; b++) {
            pbuf_clear(&in);
            for (int c = 0x80; c < 0xC0; c++)
                for (int d = 0; d < 256; d += 5) {
                    char seq[5] = {(char)a, (char)b, (char)c, (char)d, '|'};
                    pbuf_append(&in, seq, 5);
                }
            check_roundtrip(in.data, in.len);
        }
    pbuf_free(&in);
}
END_TEST

START_TEST(json_long_runs)
{
    /* the fast path copies spans: make sure span boundaries are right around escapes */
    pbuf in;
    pbuf_init(&in);
    for (int i = 0; i < 2000; i++) {
        pbuf_puts(&in, "abc def ");
        if (i % 7 == 0)
            pbuf_append(&in, "\"\n\xC3\xA9\xFF\xE2\x80\xA8", 8);
    }
    check_roundtrip(in.data, in.len);
    pbuf_free(&in);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Text and Markdown
 * ------------------------------------------------------------------------------ */

START_TEST(text_basic)
{
    pith_doc *doc = new_doc();
    add(doc, "Home News", PITH_KIND_NAVIGATION, 0);
    add(doc, "The Title", PITH_KIND_TITLE, 0);
    add(doc, "First paragraph.", PITH_KIND_BODY, 0);
    add(doc, "Nice post!", PITH_KIND_COMMENTS, 0);
    add(doc, "Second paragraph.", PITH_KIND_BODY, PITH_BLOCK_LIST_ITEM);
    pith_blk *b = add(doc, "Another story's text.", PITH_KIND_BODY, 0);
    b->article = 1;
    add(doc, "", PITH_KIND_BODY, 0);
    ck_assert_int_eq(segments_build(doc), PITH_OK);
    set_meta(doc, PITH_META_TITLE, "The Title");
    size_t len;
    char *out = render(doc, PITH_FORMAT_TEXT, &len);
    ck_assert_str_eq(out, "The Title\n\nFirst paragraph.\n\nSecond paragraph.\n");
    ck_assert_uint_eq(len, strlen(out));
    pith_free(out);

    free(doc->meta[PITH_META_TITLE]);
    doc->meta[PITH_META_TITLE] = NULL;
    out = render(doc, PITH_FORMAT_TEXT, NULL);
    ck_assert_str_eq(out, "First paragraph.\n\nSecond paragraph.\n");
    pith_free(out);
    pith_doc_free(doc);

    doc = new_doc(); /* nothing at all renders as nothing */
    out = render(doc, PITH_FORMAT_TEXT, &len);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(len, 0);
    pith_free(out);
    pith_doc_free(doc);
}
END_TEST

static pith_blk *add_h(pith_doc *doc, const char *text, int level)
{
    pith_blk *b = add(doc, text, PITH_KIND_BODY, PITH_BLOCK_HEADING);
    b->heading = (uint8_t)level;
    return b;
}

static pith_blk *add_li(pith_doc *doc, const char *text, int depth, unsigned flags)
{
    pith_blk *b = add(doc, text, PITH_KIND_BODY, PITH_BLOCK_LIST_ITEM | flags);
    b->list_depth = (uint8_t)depth;
    return b;
}

START_TEST(markdown_structure)
{
    pith_doc *doc = new_doc();
    set_meta(doc, PITH_META_TITLE, "My *Title*");
    set_meta(doc, PITH_META_AUTHOR, "Jane Doe");
    set_meta(doc, PITH_META_DATE, "2021-12-31");
    add(doc, "Home", PITH_KIND_NAVIGATION, 0);
    add_h(doc, "Intro", 2);
    add(doc, "1. Not a list and # not a heading", PITH_KIND_BODY, 0);
    add(doc, "# hash start", PITH_KIND_BODY, 0);
    add_li(doc, "first", 1, 0);
    add_li(doc, "second", 1, 0);
    add(doc, "Subscribe now", PITH_KIND_PROMO, 0); /* not rendered, does not split the list */
    add_li(doc, "sub one", 2, BF_ORDERED);
    add_li(doc, "sub two", 2, BF_ORDERED);
    add_li(doc, "- third", 1, 0);
    add(doc, "Between", PITH_KIND_BODY, 0);
    add_li(doc, "alpha", 1, BF_ORDERED);
    add_li(doc, "beta", 1, BF_ORDERED);
    add_li(doc, "nested", 2, 0);
    add(doc, "Quoted one", PITH_KIND_BODY, PITH_BLOCK_QUOTE);
    add(doc, "Quoted two", PITH_KIND_BODY, PITH_BLOCK_QUOTE);
    add(doc, "s = '```'", PITH_KIND_BODY, PITH_BLOCK_CODE);
    add(doc, "  indented()", PITH_KIND_BODY, PITH_BLOCK_CODE);
    add(doc, "Name", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_ROW_START | BF_TH);
    add(doc, "Value", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_TH);
    add(doc, "a|b", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_ROW_START);
    add(doc, "1", PITH_KIND_BODY, PITH_BLOCK_TABLE);
    add(doc, "only", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_ROW_START | BF_TH);
    add(doc, "A photo (AP)", PITH_KIND_CAPTION, PITH_BLOCK_CAPTION);
    add_h(doc, "Sub #1", 3);
    add(doc, "under_score snake_case *star* 5 * 3 [link](x) <b>tag</b> &amp; AT&T `code` "
             "~~strike~~ a\\b _x_",
        PITH_KIND_BODY, 0);
    add(doc, "> not a quote", PITH_KIND_BODY, 0);
    add(doc, "+ plus", PITH_KIND_BODY, 0);
    add(doc, "* star", PITH_KIND_BODY, 0);
    add(doc, "2021) year", PITH_KIND_BODY, 0);
    pith_blk *other = add(doc, "Other article text", PITH_KIND_BODY, 0);
    other->article = 1;
    add(doc, "Leave a reply", PITH_KIND_COMMENTS, 0);
    char *out = render(doc, PITH_FORMAT_MARKDOWN, NULL);
    ck_assert_str_eq(out, "# My \\*Title\\*\n"
                          "\n"
                          "*By Jane Doe, 2021-12-31*\n"
                          "\n"
                          "## Intro\n"
                          "\n"
                          "1\\. Not a list and # not a heading\n"
                          "\n"
                          "\\# hash start\n"
                          "\n"
                          "- first\n"
                          "- second\n"
                          "  1. sub one\n"
                          "  2. sub two\n"
                          "- \\- third\n"
                          "\n"
                          "Between\n"
                          "\n"
                          "1. alpha\n"
                          "2. beta\n"
                          "   - nested\n"
                          "\n"
                          "> Quoted one\n"
                          ">\n"
                          "> Quoted two\n"
                          "\n"
                          "````\n"
                          "s = '```'\n"
                          "  indented()\n"
                          "````\n"
                          "\n"
                          "| Name | Value |\n"
                          "| --- | --- |\n"
                          "| a\\|b | 1 |\n"
                          "| **only** |  |\n"
                          "\n"
                          "*A photo (AP)*\n"
                          "\n"
                          "### Sub \\#1\n"
                          "\n"
                          "under_score snake_case \\*star\\* 5 * 3 \\[link](x) \\<b>tag\\</b> "
                          "\\&amp; AT&T \\`code\\` \\~\\~strike\\~\\~ a\\\\b \\_x\\_\n"
                          "\n"
                          "\\> not a quote\n"
                          "\n"
                          "\\+ plus\n"
                          "\n"
                          "\\* star\n"
                          "\n"
                          "2021\\) year\n");
    pith_free(out);
    pith_doc_free(doc);
}
END_TEST

START_TEST(markdown_edges)
{
    pith_doc *doc = new_doc();
    /* no title or byline; h4 is the top heading, so it becomes "##"; a heading-shaped
     * line of a text dump (no level) too; a one-column layout table is prose; a quoted
     * list keeps its quote marker on every line */
    add_h(doc, "Top", 4);
    add_h(doc, "Deeper", 6);
    pith_blk *h = add(doc, "Dump heading", PITH_KIND_BODY, PITH_BLOCK_HEADING);
    h->heading = 0;
    add(doc, "Layout cell one", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_ROW_START);
    add(doc, "Layout cell two", PITH_KIND_BODY, PITH_BLOCK_TABLE | BF_ROW_START);
    add_li(doc, "quoted item", 1, PITH_BLOCK_QUOTE);
    add_li(doc, "quoted item 2", 1, PITH_BLOCK_QUOTE);
    add(doc, "quoted para", PITH_KIND_BODY, PITH_BLOCK_QUOTE);
    add(doc, "plain", PITH_KIND_BODY, 0);
    add(doc, "line\nbreak  ", PITH_KIND_BODY, 0);
    char *out = render(doc, PITH_FORMAT_MARKDOWN, NULL);
    ck_assert_str_eq(out, "## Top\n"
                          "\n"
                          "#### Deeper\n"
                          "\n"
                          "## Dump heading\n"
                          "\n"
                          "Layout cell one\n"
                          "\n"
                          "Layout cell two\n"
                          "\n"
                          "> - quoted item\n"
                          "> - quoted item 2\n"
                          ">\n"
                          "> quoted para\n"
                          "\n"
                          "plain\n"
                          "\n"
                          "line break\n");
    pith_free(out);
    pith_doc_free(doc);

    doc = new_doc(); /* title only; date without author */
    set_meta(doc, PITH_META_TITLE, "T");
    set_meta(doc, PITH_META_DATE, "2020-01-02");
    out = render(doc, PITH_FORMAT_MARKDOWN, NULL);
    ck_assert_str_eq(out, "# T\n\n*2020-01-02*\n");
    pith_free(out);
    pith_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------ */

static pith_doc *json_doc(void)
{
    pith_doc *doc = new_doc();
    doc->input_kind = PITH_INPUT_HTML;
    strcpy(doc->charset, "windows-1252");
    add(doc, "Home", PITH_KIND_NAVIGATION, 0);
    add(doc, "Menu", PITH_KIND_NAVIGATION, 0);
    add(doc, "Title \"quoted\"", PITH_KIND_TITLE, 0);
    add(doc, "Body one.", PITH_KIND_BODY, 0);
    add(doc, "Body two\twith tab.", PITH_KIND_BODY, 0);
    add(doc, "Great!", PITH_KIND_COMMENTS, 0);
    pith_blk *b = add(doc, "Next story.", PITH_KIND_OTHER_ARTICLE, 0);
    b->article = 1;
    ck_assert_int_eq(segments_build(doc), PITH_OK);
    set_meta(doc, PITH_META_TITLE, "Title \"quoted\"");
    set_meta(doc, PITH_META_AUTHOR, "Jane Doe");
    set_meta(doc, PITH_META_DATE, "2021-12-31");
    set_meta(doc, PITH_META_LANG, "en-US");
    set_meta(doc, PITH_META_URL, "https://example.com/a");
    return doc;
}

START_TEST(json_render)
{
    pith_doc *doc = json_doc();
    size_t len;
    char *out = render(doc, PITH_FORMAT_JSON, &len);
    ck_assert_str_eq(out,
                     "{\"title\":\"Title \\\"quoted\\\"\",\"author\":\"Jane Doe\","
                     "\"date\":\"2021-12-31\",\"sitename\":null,\"lang\":\"en-US\","
                     "\"url\":\"https://example.com/a\",\"description\":null,\"page_type\":\"article\",\"input\":\"html\","
                     "\"charset\":\"windows-1252\",\"text\":\"Body one.\\n\\nBody two\\twith tab.\","
                     "\"comments\":\"Great!\",\"segments\":["
                     "{\"kind\":\"navigation\",\"text\":\"Home\\nMenu\",\"start\":0,\"end\":19,\"article\":0},"
                     "{\"kind\":\"title\",\"text\":\"Title \\\"quoted\\\"\",\"start\":20,\"end\":29,\"article\":0},"
                     "{\"kind\":\"body\",\"text\":\"Body one.\\nBody two\\twith tab.\",\"start\":30,\"end\":49,\"article\":0},"
                     "{\"kind\":\"comments\",\"text\":\"Great!\",\"start\":50,\"end\":59,\"article\":0},"
                     "{\"kind\":\"other_article\",\"text\":\"Next story.\",\"start\":60,\"end\":69,\"article\":1}]}");
    ck_assert_uint_eq(len, strlen(out));
    ck_assert_ptr_null(strchr(out, '\n'));

    json_error_t e;
    json_t *v = json_loads(out, 0, &e);
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_null(json_object_get(v, "source"));
    ck_assert_str_eq(json_string_value(json_object_get(v, "title")), "Title \"quoted\"");
    ck_assert(json_is_null(json_object_get(v, "description")));
    ck_assert_str_eq(json_string_value(json_object_get(v, "text")), "Body one.\n\nBody two\twith tab.");
    json_t *segs = json_object_get(v, "segments");
    ck_assert_uint_eq(json_array_size(segs), 5);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(segs, 4), "kind")),
                     "other_article");
    json_decref(v);
    pith_free(out);

    /* a batch record: the same object with a leading "source" */
    char *rec;
    ck_assert_int_eq(pith_render_record(doc, "dir/page \"1\".html", NULL, &rec, &len, NULL), PITH_OK);
    static const char PREFIX[] = "{\"source\":\"dir/page \\\"1\\\".html\",\"title\":";
    ck_assert(strncmp(rec, PREFIX, strlen(PREFIX)) == 0);
    v = json_loads(rec, 0, &e);
    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(json_string_value(json_object_get(v, "source")), "dir/page \"1\".html");
    ck_assert_uint_eq(json_array_size(json_object_get(v, "segments")), 5);
    json_decref(v);
    pith_free(rec);
    pith_doc_free(doc);

    /* an empty text dump */
    doc = new_doc();
    doc->input_kind = PITH_INPUT_TEXT;
    ck_assert_int_eq(segments_build(doc), PITH_OK);
    out = render(doc, PITH_FORMAT_JSON, NULL);
    ck_assert_str_eq(out, "{\"title\":null,\"author\":null,\"date\":null,\"sitename\":null,"
                          "\"lang\":null,\"url\":null,\"description\":null,\"page_type\":\"article\",\"input\":\"text\","
                          "\"charset\":\"UTF-8\",\"text\":\"\",\"comments\":\"\",\"segments\":[]}");
    pith_free(out);
    pith_doc_free(doc);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * HTML
 * ------------------------------------------------------------------------------ */

static int xpath_count(xmlDocPtr d, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(d);
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    ck_assert_ptr_nonnull(r);
    int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return n;
}

static char *xpath_string(xmlDocPtr d, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(d);
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    ck_assert_ptr_nonnull(r);
    xmlChar *s = xmlXPathCastToString(r);
    char *copy = strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return copy;
}

START_TEST(html_render)
{
    /* a text dump's view: its lines grouped by segment */
    pith_doc *doc = json_doc();
    add(doc, "<script>alert(1)</script> & \"q\" 'a' \x01", PITH_KIND_PROMO, 0);
    free(doc->body_text);
    free(doc->comments_text);
    doc->n_segs = 0;
    pbuf_clear(&doc->segtext);
    ck_assert_int_eq(segments_build(doc), PITH_OK);
    set_meta(doc, PITH_META_DESCRIPTION, "A <description> & more");
    size_t len;
    char *out = render(doc, PITH_FORMAT_HTML, &len);
    ck_assert_msg(strncmp(out, "<!DOCTYPE html>\n<html class=\"pith-view\" lang=\"en-US\">", 53) == 0,
                  "%.80s", out);
    ck_assert_ptr_null(strstr(out, "<script>alert"));
    ck_assert_ptr_null(strstr(out, "src="));
    ck_assert_ptr_null(strstr(out, "href="));
    ck_assert_ptr_nonnull(strstr(out, "Content-Security-Policy"));

    /* well-formed: even a strict XML parser accepts it */
    xmlDocPtr x = xmlReadMemory(out, (int)len, "render.html", "UTF-8", XML_PARSE_NONET);
    ck_assert_msg(x != NULL, "not well-formed:\n%s", out);
    ck_assert_int_eq(xpath_count(x, "//section"), 6);
    xmlFreeDoc(x);

    /* and the HTML parser sees every segment with its kind named, once in the legend */
    htmlDocPtr h = htmlReadMemory(out, (int)len, "render.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    ck_assert_ptr_nonnull(h);
    static const char *const KINDS[] = {"navigation", "title", "body", "comments",
                                        "other_article", "promo"};
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        char expr[160];
        snprintf(expr, sizeof expr, "//section[@data-pith-kind='%s' and @data-pith-label]", KINDS[k]);
        ck_assert_int_eq(xpath_count(h, expr), 1);
        snprintf(expr, sizeof expr, "//div[@id='pith-legend']/label[@class='pith-k-%s']/input",
                 KINDS[k]);
        ck_assert_int_eq(xpath_count(h, expr), 1);
    }
    ck_assert_int_eq(xpath_count(h, "//div[@id='pith-legend']/label"), 6);
    ck_assert_int_eq(xpath_count(h, "//script"), 2); /* the evidence data and pith's own */
    ck_assert_int_eq(xpath_count(h, "//script[@nonce='pith-view']"), 1);
    char *s = xpath_string(h, "string(//section[@data-pith-kind='promo']/p)");
    ck_assert_str_eq(s, "<script>alert(1)</script> & \"q\" 'a'  ");
    free(s);
    s = xpath_string(h, "string(//section[@data-pith-kind='other_article']/@data-pith-label)");
    ck_assert_str_eq(s, "other_article 1");
    free(s);
    s = xpath_string(h, "string(//section[@data-pith-kind='body'])");
    ck_assert_ptr_nonnull(strstr(s, "Body one."));
    ck_assert_ptr_nonnull(strstr(s, "Body two\twith tab."));
    free(s);
    s = xpath_string(h, "string(//title)");
    ck_assert_str_eq(s, "pith: Title \"quoted\"");
    free(s);
    s = xpath_string(h, "string(//div[@class='pith-meta'])");
    ck_assert_ptr_nonnull(strstr(s, "description: A <description> & more"));
    free(s);
    /* the evidence is JSON, one entry per block, and nothing in it can close the script */
    s = xpath_string(h, "string(//script[@id='pith-evidence'])");
    json_error_t jerr;
    json_t *ev = json_loads(s, 0, &jerr);
    ck_assert_msg(ev != NULL, "evidence is not JSON: %s", jerr.text);
    ck_assert_uint_eq(json_array_size(ev), doc->n_blocks);
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_array_get(ev, 0), "evidence")),
                                 "features:"));
    json_decref(ev);
    free(s);
    xmlFreeDoc(h);
    pith_free(out);
    pith_doc_free(doc);
}
END_TEST

/* An HTML page's view: the page itself, inert, its elements annotated with the blocks
 * pith found in them. */
START_TEST(html_view_of_a_page)
{
    static const char PAGE[] =
        "<html lang=\"en\"><head><title>T</title>"
        "<link rel=\"stylesheet\" href=\"http://x.example/a.css\">"
        "<meta http-equiv=\"refresh\" content=\"0; url=http://x.example/\">"
        "<style>@import url(http://x.example/b.css); body{background:url('http://x.example/c.png')}"
        " p{color:#123456} i{background:url(data:image/png;base64,AAAA)}</style>"
        "<script>alert(1)</script><base href=\"http://x.example/\"></head>"
        "<body onload=\"steal()\"><nav class=\"menu\"><ul><li><a href=\"http://x.example/\">Home</a>"
        "</li><li><a href=\"/news\" onclick=\"go()\">News</a></li><li><a href=\"/sport\">Sport</a>"
        "</li></ul></nav><article><h1>A headline about the harbour</h1>"
        "<p style=\"background-image:url(http://x.example/d.png);color:red\">The harbour "
        "reopened on Saturday after two years of repairs, and hundreds of people came to see "
        "the first boats pass through the lock.</p><img src=\"http://x.example/i.png\" "
        "srcset=\"http://x.example/i2.png 2x\" alt=\"boat\"><iframe src=\"http://x.example/f\">"
        "</iframe><p>The council said the works had cost less than planned, and that the "
        "harbour would be open every day of the week from now on.</p>"
        "<p>Read more <a href=\"#more\">below</a>.</p></article>"
        "<noscript><img src=\"http://x.example/pixel.gif\"></noscript></body></html>";
    pith_extractor *vx;
    pith_options o;
    pith_options_init(&o);
    o.flags |= PITH_OPT_EVIDENCE;
    ck_assert_int_eq(pith_extractor_new(&o, &vx, NULL), PITH_OK);
    pith_doc *doc;
    ck_assert_int_eq(pith_extract(vx, PAGE, sizeof PAGE - 1, NULL, NULL, &doc, NULL), PITH_OK);
    pith_render_options ro;
    pith_render_options_init(&ro);
    ro.kinds = PITH_KIND_BIT(PITH_KIND_BODY) | PITH_KIND_BIT(PITH_KIND_TITLE);
    char *out;
    size_t len;
    ck_assert_int_eq(pith_render_with(doc, PITH_FORMAT_HTML, &ro, &out, &len, NULL), PITH_OK);

    /* inert: nothing that fetches, navigates or runs is left */
    ck_assert_msg(strstr(out, "x.example") == NULL, "a URL is left:\n%s", out);
    ck_assert_ptr_null(strstr(out, "alert(1)"));
    ck_assert_ptr_null(strstr(out, "onload"));
    ck_assert_ptr_null(strstr(out, "onclick"));
    ck_assert_ptr_null(strstr(out, "@import"));
    ck_assert_ptr_null(strstr(out, "<iframe"));
    ck_assert_ptr_null(strstr(out, "<base"));
    ck_assert_ptr_null(strstr(out, "refresh"));
    /* its own styles and markup stay */
    ck_assert_ptr_nonnull(strstr(out, "p{color:#123456}"));
    ck_assert_ptr_nonnull(strstr(out, "background:none"));
    ck_assert_ptr_nonnull(strstr(out, "url(data:image/png;base64,AAAA)"));
    ck_assert_ptr_nonnull(strstr(out, "color:red"));
    ck_assert_ptr_nonnull(strstr(out, "alt=\"boat\""));
    ck_assert_ptr_nonnull(strstr(out, "href=\"#more\""));
    ck_assert_ptr_nonnull(strstr(out, "class=\"menu"));
    /* the CSP comes before anything the page has in its head */
    ck_assert_ptr_nonnull(strstr(out, "Content-Security-Policy"));
    ck_assert(strstr(out, "Content-Security-Policy") < strstr(out, "<style>"));

    htmlDocPtr h = htmlReadMemory(out, (int)len, "view.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    ck_assert_ptr_nonnull(h);
    /* --only: the kinds not kept start hidden, their legend entries unchecked */
    ck_assert_int_eq(xpath_count(h, "/html[contains(@class,'pith-hide-navigation')]"), 1);
    ck_assert_int_eq(xpath_count(h, "/html[contains(@class,'pith-hide-body')]"), 0);
    ck_assert_int_eq(xpath_count(h, "//input[@data-kind='navigation' and @checked]"), 0);
    ck_assert_int_eq(xpath_count(h, "//input[@data-kind='body' and @checked]"), 1);
    /* every segment is drawn, each labelled once */
    for (size_t i = 0; i < pith_doc_segment_count(doc); i++) {
        char expr[96];
        snprintf(expr, sizeof expr, "//*[@data-pith-seg='%zu']", i);
        ck_assert_msg(xpath_count(h, expr) >= 1, "segment %zu not drawn:\n%s", i, out);
        snprintf(expr, sizeof expr, "//*[@data-pith-seg='%zu' and @data-pith-label]", i);
        ck_assert_int_eq(xpath_count(h, expr), 1);
    }
    ck_assert_int_ge(xpath_count(h, "//nav[@data-pith-kind='navigation']"), 1);
    /* an annotated element holds the text of the blocks it names */
    ck_assert_int_ge(xpath_count(h, "//p[@data-pith-b]"), 3);
    for (int k = 1; k <= 3; k++) {
        char expr[96];
        snprintf(expr, sizeof expr, "string((//p[@data-pith-b])[%d]/@data-pith-b)", k);
        char *idx = xpath_string(h, expr);
        snprintf(expr, sizeof expr, "normalize-space((//p[@data-pith-b])[%d])", k);
        char *text = xpath_string(h, expr);
        pith_block b;
        ck_assert_int_eq(pith_doc_block(doc, (size_t)atoi(idx), &b), PITH_OK);
        ck_assert_str_eq(text, b.text);
        free(idx);
        free(text);
    }
    xmlFreeDoc(h);
    pith_free(out);
    pith_doc_free(doc);
    pith_extractor_free(vx);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Evidence and explain
 * ------------------------------------------------------------------------------ */

static pith_doc *evidence_doc(void)
{
    pith_doc *doc = new_doc();
    add(doc, "foo bar", PITH_KIND_BODY, PITH_BLOCK_HEADING)->heading = 2;
    pith_blk *b = add(doc, "Menu", PITH_KIND_NAVIGATION, BF_LINK_ONLY);
    b->path = doc_intern(doc, "div#top>nav>ul>li", 17);
    add(doc, "Subscribe to our newsletter and read this very long line that goes on and on "
             "past the eighty character excerpt limit \xE2\x80\x94 \xC3\xA9\xC3\xA9",
        PITH_KIND_PROMO, 0);
    pith_blk *b0 = &doc->blocks[0];
    b0->chars = 6;
    b0->words = 2;
    b0->stopwords = 1;
    b0->sentences = 0;
    b0->score = 1.5f;
    /* recorded out of block order, as the classifier's passes do */
    doc_vote(doc, 2, 2, PITH_KIND_PROMO, VOTE_TEXT, 3);
    doc_vote(doc, 0, 0, PITH_KIND_BODY, VOTE_TEXT, 2);
    doc_note(doc, 2, "promo phrase %d", 1);
    doc_vote(doc, 1, 1, PITH_KIND_NAVIGATION, VOTE_ATTR, -0.75f);
    doc_note(doc, 0, "kept as heading before body");
    doc_vote(doc, 2, 7, PITH_KIND_TRENDING, VOTE_TEXT, 1); /* no such rule */
    ck_assert_uint_eq(doc->n_votes, 6);
    ck_assert_int_eq(segments_build(doc), PITH_OK);
    return doc;
}

START_TEST(evidence_all)
{
    pith_doc *doc = evidence_doc();
    doc->evidence = calloc(doc->n_blocks, sizeof *doc->evidence);
    render_evidence_all(doc);
    char want[512];
    snprintf(want, sizeof want,
             "kind: body\n"
             "path: line 1\n"
             "flags: heading(h2)\n"
             "features: chars=6 words=2 link_density=0.00 stopword_density=0.50 "
             "text_density=%.2f sentences=0 commas=0 repeat=0 score=1.50\n"
             "rule test.rules:1 on text: body +2\n"
             "note: kept as heading before body\n",
             feat_text_density(&doc->blocks[0]));
    ck_assert_str_eq(pith_doc_block_evidence(doc, 0), want);
    const char *e1 = pith_doc_block_evidence(doc, 1);
    ck_assert_ptr_nonnull(strstr(e1, "path: div#top>nav>ul>li\n"));
    ck_assert_ptr_nonnull(strstr(e1, "flags: link_only\n"));
    ck_assert_ptr_nonnull(strstr(e1, "rule test.rules:2 on attr: navigation -1.5 (applied -0.75)\n"));
    const char *e2 = pith_doc_block_evidence(doc, 2);
    const char *r1 = strstr(e2, "rule test.rules:3 on text: promo +3\n");
    const char *r2 = strstr(e2, "note: promo phrase 1\n");
    const char *r3 = strstr(e2, "rule #7 on text: trending +1\n");
    ck_assert(r1 && r2 && r3 && r1 < r2 && r2 < r3);
    ck_assert_ptr_null(pith_doc_block_evidence(doc, 3));
    pith_doc_free(doc);
}
END_TEST

START_TEST(explain_render)
{
    pith_doc *doc = evidence_doc();
    set_meta(doc, PITH_META_TITLE, "foo bar");
    char *plain = render(doc, PITH_FORMAT_EXPLAIN, NULL); /* computed on the fly */
    doc->evidence = calloc(doc->n_blocks, sizeof *doc->evidence);
    render_evidence_all(doc);
    char *stored = render(doc, PITH_FORMAT_EXPLAIN, NULL);
    ck_assert_str_eq(plain, stored);
    static const char HEAD[] = "pith explain: 3 blocks, 3 segments, input text, charset UTF-8\n"
                               "page type: article\npage features:";
    ck_assert(strncmp(stored, HEAD, strlen(HEAD)) == 0);
    ck_assert_ptr_nonnull(strstr(stored, "\ntitle: foo bar\n\n[0] body line 1\n    text: foo bar\n"
                                         "    kind: body\n"));
    ck_assert_ptr_nonnull(strstr(stored, "\n[1] navigation div#top>nav>ul>li\n    text: Menu\n"));
    ck_assert_ptr_nonnull(strstr(stored, "    rule test.rules:2 on attr: navigation -1.5"));
    /* the excerpt: 80 characters, then "..." */
    ck_assert_ptr_nonnull(strstr(stored, "    text: Subscribe to our newsletter and read this very "
                                         "long line that goes on and on pas...\n"));
    pith_free(plain);
    pith_free(stored);
    pith_doc_free(doc);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("json_string");
    tcase_add_test(tc, json_escapes);
    tcase_add_test(tc, json_exhaustive);
    tcase_add_test(tc, json_long_runs);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    tc = tcase_create("renderers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, text_basic);
    tcase_add_test(tc, markdown_structure);
    tcase_add_test(tc, markdown_edges);
    tcase_add_test(tc, json_render);
    tcase_add_test(tc, html_render);
    tcase_add_test(tc, html_view_of_a_page);
    tcase_add_test(tc, evidence_all);
    tcase_add_test(tc, explain_render);
    suite_add_tcase(s, tc);
    return s;
}
