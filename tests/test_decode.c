/* Stage 1: gzip, binary refusal, charset detection and conversion, HTML/text sniffing. */
#include <check.h>
#include <dirent.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "check_suite.h"
#include "decode.h"
#include "utf8.h"

#define FFFD "\xEF\xBF\xBD"

/* ---------------------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------------------ */

/* Decodes and checks the invariants every output must keep; returns the malloc'd text. */
static char *dec(const char *data, size_t len, const char *ct, char cs[32])
{
    pbuf out;
    pbuf_init(&out);
    pith_error err;
    pith_status st = decode_to_utf8(data, len, ct, &out, cs, &err);
    ck_assert_int_eq(st, PITH_OK);
    ck_assert_int_eq(err.status, PITH_OK);
    ck_assert_msg(utf8_valid(out.data ? out.data : "", out.len), "output is not valid UTF-8");
    ck_assert_msg(out.len == 0 || memchr(out.data, 0, out.len) == NULL, "output has a NUL");
    ck_assert_msg(out.len < 3 || memcmp(out.data, "\xEF\xBB\xBF", 3) != 0, "output has a BOM");
    size_t n;
    char *s = pbuf_detach(&out, &n);
    ck_assert_ptr_nonnull(s);
    return s;
}

#define DEC(lit, ct, cs) dec((lit), sizeof(lit) - 1, (ct), (cs))

/* Asserts that `lit` decodes to `want` from charset `want_cs`. */
#define CHECK_DEC(lit, ct, want, want_cs)                                                  \
    do {                                                                                  \
        char cs_[32];                                                                     \
        char *got_ = DEC(lit, ct, cs_);                                                   \
        ck_assert_str_eq(got_, want);                                                     \
        ck_assert_str_eq(cs_, want_cs);                                                   \
        free(got_);                                                                       \
    } while (0)

static char *fixture(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/decode/%s", PITH_FIXTURES, name);
    return test_read_file(path, len);
}

/* gzip-compresses data with zlib (a gzip header, not zlib's own). */
static unsigned char *gz(const void *data, size_t len, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    ck_assert_int_eq(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t cap = deflateBound(&zs, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

/* Encodes UTF-8 text as UTF-16 or UTF-32 (unit 2 or 4), big- or little-endian. */
static char *widen(const char *utf8, int unit, int be, size_t *out_len)
{
    size_t n = strlen(utf8);
    unsigned char *out = malloc(n * 4 + 4);
    ck_assert_ptr_nonnull(out);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode((const unsigned char *)utf8 + i, n - i, &cp);
        uint32_t units[2] = {cp, 0};
        int k = 1;
        if (unit == 2 && cp >= 0x10000) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            k = 2;
        }
        for (int u = 0; u < k; u++)
            for (int b = 0; b < unit; b++) {
                int shift = 8 * (be ? unit - 1 - b : b);
                out[o++] = (unsigned char)(units[u] >> shift);
            }
    }
    *out_len = o;
    return (char *)out;
}

/* Deterministic pseudo-random bytes. */
static void fill_random(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
}

/* Prose that compresses but not to nothing. */
static char *make_text(size_t n)
{
    static const char *const words[] = {"the ", "quick ", "brown ", "fox ", "jumps ",
                                        "over ", "lazy ", "dogs, ", "and ", "café. "};
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    uint32_t seed = 7;
    size_t o = 0;
    while (o < n) {
        seed = seed * 1103515245u + 12345u;
        const char *w = words[(seed >> 16) % 10];
        size_t k = strlen(w);
        if (o + k > n)
            k = n - o;
        memcpy(s + o, w, k);
        o += k;
    }
    s[n] = '\0';
    return s;
}

/* ---------------------------------------------------------------------------------
 * BOMs
 * ------------------------------------------------------------------------------ */

START_TEST(bom_utf8)
{
    CHECK_DEC("\xEF\xBB\xBFh\xC3\xA9", NULL, "hé", "UTF-8");
    /* the BOM beats a header that says otherwise */
    CHECK_DEC("\xEF\xBB\xBF" "caf\xC3\xA9", "text/html; charset=iso-8859-2", "café", "UTF-8");
}
END_TEST

START_TEST(bom_utf16_and_utf32)
{
    CHECK_DEC("\xFF\xFEh\0\xE9\0", NULL, "hé", "UTF-16LE");
    CHECK_DEC("\xFE\xFF\0h\0\xE9", NULL, "hé", "UTF-16BE");
    CHECK_DEC("\xFF\xFE\0\0h\0\0\0\xE9\0\0\0", NULL, "hé", "UTF-32LE");
    CHECK_DEC("\0\0\xFE\xFF\0\0\0h\0\0\0\xE9", NULL, "hé", "UTF-32BE");
    /* a surrogate pair, an unpaired surrogate and an odd trailing byte */
    CHECK_DEC("\xFF\xFE\x3D\xD8\x00\xDE" "a\0" "\x00\xD8" "b\0" "c", NULL,
              "\xF0\x9F\x98\x80" "a" FFFD "b" FFFD, "UTF-16LE");
    /* out of range in UTF-32 */
    CHECK_DEC("\xFF\xFE\0\0\0\0\x11\0x\0\0\0", NULL, FFFD "x", "UTF-32LE");
}
END_TEST

START_TEST(bom_only)
{
    CHECK_DEC("\xEF\xBB\xBF", NULL, "", "UTF-8");
    CHECK_DEC("\xFF\xFE", NULL, "", "UTF-16LE");
    CHECK_DEC("", NULL, "", "UTF-8");
    CHECK_DEC("", "text/html; charset=shift_jis", "", "Shift_JIS");
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Declarations
 * ------------------------------------------------------------------------------ */

START_TEST(content_type_beats_meta)
{
    CHECK_DEC("<meta charset=\"iso-8859-2\"><p>\xCF\xF0\xE8</p>", "text/html; charset=windows-1251",
              "<meta charset=\"iso-8859-2\"><p>При</p>", "windows-1251");
    CHECK_DEC("<p>caf\xE9</p>", "text/html;charset=\"ISO-8859-1\"", "<p>café</p>", "windows-1252");
    CHECK_DEC("<p>\xB1</p>", "text/html; CHARSET = latin2 ; foo=bar", "<p>ą</p>", "ISO-8859-2");
    /* an unknown label in the header falls through to the meta */
    CHECK_DEC("<meta charset=iso-8859-2><p>\xB1</p>", "text/html; charset=x-nonsense",
              "<meta charset=iso-8859-2><p>ą</p>", "ISO-8859-2");
    /* no charset parameter at all */
    CHECK_DEC("<meta charset=iso-8859-2><p>\xB1</p>", "text/html",
              "<meta charset=iso-8859-2><p>ą</p>", "ISO-8859-2");
}
END_TEST

START_TEST(meta_charset_variants)
{
    static const char *const heads[] = {
        "<meta charset=\"iso-8859-2\">",
        "<META CHARSET=ISO-8859-2>",
        "<meta charset='iso-8859-2'/>",
        "<meta  charset = iso-8859-2 >",
        "<meta name=viewport content=\"width=device-width\" charset=\" latin2 \">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">",
        "<META HTTP-EQUIV=content-type CONTENT='text/html;charset=ISO-8859-2'>",
        "<meta content=\"text/html; charset='iso-8859-2'\" http-equiv=\"content-type\">",
        "<!-- <meta charset=koi8-r> --><meta charset=iso-8859-2>",
        "<div title='<meta charset=koi8-r>'></div><meta charset=iso-8859-2>",
        "<meta charset=x-bogus><meta charset=iso-8859-2>",
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        char in[256], want[256], cs[32];
        snprintf(in, sizeof in, "<html><head>%s</head><body>\xB1\xE6</body>", heads[i]);
        snprintf(want, sizeof want, "<html><head>%s</head><body>ąć</body>", heads[i]);
        char *got = dec(in, strlen(in), NULL, cs);
        ck_assert_msg(strcmp(got, want) == 0, "case %zu: got %s", i, got);
        ck_assert_msg(strcmp(cs, "ISO-8859-2") == 0, "case %zu: charset %s", i, cs);
        free(got);
    }
}
END_TEST

START_TEST(meta_ignored)
{
    /* content=...charset without http-equiv is not a declaration (WHATWG need-pragma) */
    CHECK_DEC("<meta content=\"text/html; charset=iso-8859-2\"><p>caf\xE9</p>", NULL,
              "<meta content=\"text/html; charset=iso-8859-2\"><p>café</p>", "windows-1252");
    /* an unknown label falls back to sniffing: valid UTF-8 stays UTF-8 */
    CHECK_DEC("<meta charset=\"x-klingon\"><p>caf\xC3\xA9</p>", NULL,
              "<meta charset=\"x-klingon\"><p>café</p>", "UTF-8");
    /* a meta past the first 16 KiB is not looked for */
    size_t n = 20000;
    char *in = malloc(n + 64);
    ck_assert_ptr_nonnull(in);
    memset(in, ' ', n);
    strcpy(in + n, "<meta charset=iso-8859-2>\xB1");
    char cs[32];
    char *got = dec(in, strlen(in), NULL, cs);
    ck_assert_str_eq(cs, "windows-1252");
    ck_assert_str_eq(got + n, "<meta charset=iso-8859-2>±");
    free(got);
    free(in);
}
END_TEST

START_TEST(meta_malformed)
{
    /* cut or broken markup is no declaration, and never read past the input */
    static const char *const heads[] = {
        "<meta charset='iso-8859-2><p>",
        "<!-- unclosed <meta charset=iso-8859-2>",
        "<meta http-equiv=content-type content=\"text/html; charset=\">",
        "<meta http-equiv=content-type content=\"text/html; charset='iso-8859-2\">",
        "<meta charset",
        "<meta charset=",
        "<meta",
        "<",
        "<!",
        "<?xml encoding=",
        "<?xml version='1.0' encoding='iso-8859-2",
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        size_t n = strlen(heads[i]);
        char *in = malloc(n); /* exactly n bytes, so valgrind and ASan see any over-read */
        ck_assert_ptr_nonnull(in);
        memcpy(in, heads[i], n);
        char cs[32];
        char *got = dec(in, n, NULL, cs);
        ck_assert_msg(strcmp(cs, "UTF-8") == 0, "case %zu: charset %s", i, cs);
        ck_assert_str_eq(got, heads[i]);
        free(got);
        free(in);
    }
}
END_TEST

START_TEST(random_inputs)
{
    /* every entry point on noise, and on noise behind a gzip magic */
    unsigned char buf[5000];
    for (uint32_t seed = 1; seed <= 50; seed++) {
        size_t n = (seed * 97) % sizeof buf;
        fill_random(buf, n, seed);
        if (seed % 2 && n >= 2) {
            buf[0] = 0x1f;
            buf[1] = 0x8b;
        }
        pbuf out;
        pbuf_init(&out);
        pith_status st = decode_gunzip((const char *)buf, n, 1 << 20, &out, NULL);
        ck_assert(st == PITH_ERR_GZIP || st == PITH_OK);
        pbuf_free(&out);
        st = decode_check_binary((const char *)buf, n, NULL);
        ck_assert(st == PITH_ERR_BINARY || st == PITH_OK);
        char cs[32];
        char *text = dec((const char *)buf, n, NULL, cs);
        pith_input_kind k = decode_sniff_kind(text, strlen(text));
        ck_assert(k == PITH_INPUT_HTML || k == PITH_INPUT_TEXT);
        free(text);
    }
}
END_TEST

START_TEST(declared_utf16_in_markup)
{
    /* readable as ASCII, so not UTF-16: the HTML standard reads it as UTF-8 */
    CHECK_DEC("<meta charset=utf-16><p>caf\xC3\xA9</p>", NULL, "<meta charset=utf-16><p>café</p>",
              "UTF-8");
    /* a header saying UTF-16 over bytes without a single NUL is not believed */
    CHECK_DEC("<p>caf\xC3\xA9</p>", "text/html; charset=utf-16", "<p>café</p>", "UTF-8");
}
END_TEST

START_TEST(declared_utf16_in_header)
{
    size_t n;
    char *be = widen("<p>Привет, мир</p>", 2, 1, &n);
    char cs[32];
    /* the label says utf-16 (little-endian), the NULs say big-endian: the bytes win */
    char *got = dec(be, n, "text/html; charset=utf-16", cs);
    ck_assert_str_eq(got, "<p>Привет, мир</p>");
    ck_assert_str_eq(cs, "UTF-16BE");
    free(got);
    free(be);
}
END_TEST

START_TEST(xml_declaration)
{
    CHECK_DEC("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><p>\xB1</p>", NULL,
              "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><p>ą</p>", "ISO-8859-2");
    CHECK_DEC("  <?xml version='1.0' encoding = 'koi8-r' ?><p>\xF0\xD2\xC9\xD7\xC5\xD4</p>", NULL,
              "  <?xml version='1.0' encoding = 'koi8-r' ?><p>Привет</p>", "KOI8-R");
    /* the meta is stronger than the XML declaration */
    CHECK_DEC("<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=iso-8859-2><p>\xB1</p>",
              NULL, "<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=iso-8859-2><p>ą</p>",
              "ISO-8859-2");
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Legacy charsets
 * ------------------------------------------------------------------------------ */

START_TEST(windows_1252)
{
    CHECK_DEC("caf\xE9", NULL, "café", "windows-1252");
    CHECK_DEC("\x93quoted\x94 \x80" "5 \x85", NULL, "“quoted” €5 …", "windows-1252");
    /* the five holes map to C1 controls, as WHATWG says */
    CHECK_DEC("a\x81z\xE9", NULL, "a\xC2\x81zé", "windows-1252");
    CHECK_DEC("a\x81z\xE9", "text/plain; charset=us-ascii", "a\xC2\x81zé", "windows-1252");

    size_t n;
    char *data = fixture("windows-1252.txt", &n);
    char cs[32];
    char *got = dec(data, n, NULL, cs);
    ck_assert_str_eq(got, "Café au lait\nThe naïve façade of the coöperative.\n");
    ck_assert_str_eq(cs, "windows-1252");
    free(got);
    free(data);
}
END_TEST

static void check_fixture(const char *name, const char *want_text, const char *want_cs)
{
    size_t n;
    char *data = fixture(name, &n);
    char cs[32];
    char *got = dec(data, n, NULL, cs);
    ck_assert_msg(strstr(got, want_text) != NULL, "%s: %s not found in %s", name, want_text, got);
    ck_assert_str_eq(cs, want_cs);
    free(got);
    free(data);
}

START_TEST(iso_8859_2_fixture)
{
    check_fixture("iso-8859-2.html", "<p>Zażółć gęślą jaźń. Příliš žluťoučký kůň.</p>",
                  "ISO-8859-2");
    check_fixture("iso-8859-2.html", "<title>Zażółć</title>", "ISO-8859-2");
}
END_TEST

START_TEST(shift_jis_fixture)
{
    check_fixture("shift_jis.html", "<p>日本語のテキストです。カタカナ、ひらがな、漢字。</p>",
                  "Shift_JIS");
}
END_TEST

START_TEST(gbk_fixture)
{
    check_fixture("gbk.html", "<p>这是一个简体中文网页的内容。</p>", "GBK");
}
END_TEST

START_TEST(other_multibyte)
{
    CHECK_DEC("\xC7\xD1\xB1\xB9\xBE\xEE", "text/html; charset=euc-kr", "한국어", "EUC-KR");
    CHECK_DEC("\x1B$B$3$s$K$A$O\x1B(B!", "text/html; charset=ISO-2022-JP", "こんにちは!",
              "ISO-2022-JP");
    CHECK_DEC("\x1B(I\x36\x40\x1B(B", "text/html; charset=csISO2022JP", "ｶﾀ", "ISO-2022-JP");
    CHECK_DEC("\xA4\xA4\xA4\xE5", "text/html; charset=big5", "中文", "Big5");
    CHECK_DEC("\xC6\xFC\xCB\xDC", "text/html; charset=euc-jp", "日本", "EUC-JP");
    /* Shift_JIS is windows-31j: 0x5C is a backslash, not a yen sign */
    CHECK_DEC("a\\b\x93\xFA", "text/html; charset=sjis", "a\\b日", "Shift_JIS");
}
END_TEST

/* iconv gets the input in slices: characters cut by a slice's end must survive. */
START_TEST(long_multibyte)
{
    pbuf in, want;
    pbuf_init(&in);
    pbuf_init(&want);
    pbuf_putc(&in, 'a');
    pbuf_putc(&want, 'a');
    for (int i = 0; i < 5000; i++) {
        pbuf_append(&in, "\x93\xFA", 2);
        pbuf_puts(&want, "日");
    }
    char cs[32];
    char *got = dec(in.data, in.len, "text/html; charset=shift_jis", cs);
    ck_assert_str_eq(got, pbuf_cstr(&want));
    free(got);

    /* a stateful charset keeps its state from slice to slice */
    pbuf_clear(&in);
    pbuf_clear(&want);
    pbuf_puts(&in, "\x1B$B");
    for (int i = 0; i < 5000; i++) {
        pbuf_puts(&in, "$3");
        pbuf_puts(&want, "こ");
    }
    pbuf_puts(&in, "\x1B(Bx");
    pbuf_puts(&want, "x");
    got = dec(in.data, in.len, "text/html; charset=iso-2022-jp", cs);
    ck_assert_str_eq(got, pbuf_cstr(&want));
    free(got);
    pbuf_free(&in);
    pbuf_free(&want);
}
END_TEST

START_TEST(invalid_in_legacy_charset)
{
    /* 0xFF 0xFF is no Shift_JIS character; 0x82 at the end is a cut one */
    CHECK_DEC("a\xFF\xFF" "b\x93\xFA\x82", "text/html; charset=shift_jis",
              "a" FFFD FFFD "b日" FFFD, "Shift_JIS");
    /* 0xA1 0x20 is no GBK pair: one U+FFFD, then the space is kept */
    CHECK_DEC("\xD6\xD0\xA1 x", "text/html; charset=gbk", "中" FFFD " x", "GBK");
}
END_TEST

/* ---------------------------------------------------------------------------------
 * UTF-16 without BOM
 * ------------------------------------------------------------------------------ */

START_TEST(utf16_without_bom)
{
    static const char *const texts[] = {
        "<html><body><p>Hello, world</p></body></html>",
        "Привет, мир! Это текст на русском языке.\nВторая строка.",
        "Καλημέρα κόσμε, αυτό είναι ένα κείμενο.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (int be = 0; be < 2; be++) {
            size_t n;
            char *w = widen(texts[i], 2, be, &n);
            char cs[32];
            ck_assert_int_eq(decode_check_binary(w, n, NULL), PITH_OK);
            char *got = dec(w, n, NULL, cs);
            ck_assert_str_eq(got, texts[i]);
            ck_assert_str_eq(cs, be ? "UTF-16BE" : "UTF-16LE");
            free(got);
            free(w);
        }
}
END_TEST

START_TEST(utf32_without_bom)
{
    size_t n;
    char *w = widen("<p>Grüße</p>", 4, 0, &n);
    char cs[32];
    char *got = dec(w, n, NULL, cs);
    ck_assert_str_eq(got, "<p>Grüße</p>");
    ck_assert_str_eq(cs, "UTF-32LE");
    free(got);
    free(w);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Invalid UTF-8, NULs, mislabelled pages
 * ------------------------------------------------------------------------------ */

START_TEST(invalid_utf8_replaced)
{
    /* mostly valid: UTF-8 with the bad bytes replaced */
    CHECK_DEC("é è ê \xFF!", NULL, "é è ê " FFFD "!", "UTF-8");
    /* an overlong, a surrogate, a sequence cut at the end: U+FFFD for each byte */
    CHECK_DEC("é è \xC0\xAF", NULL, "é è " FFFD FFFD, "UTF-8");
    CHECK_DEC("é è ê \xED\xA0\x80", NULL, "é è ê " FFFD FFFD FFFD, "UTF-8");
    CHECK_DEC("é è €\xE2\x82", NULL, "é è €" FFFD FFFD, "UTF-8");
    /* declared UTF-8 is never second-guessed as windows-1252 */
    CHECK_DEC("<meta charset=utf-8>caf\xE9 cr\xE8me", NULL,
              "<meta charset=utf-8>caf" FFFD " cr" FFFD "me", "UTF-8");
    CHECK_DEC("caf\xE9", "text/html; charset=UTF8", "caf" FFFD, "UTF-8");
    /* a real U+FFFD in the input is kept as it is */
    CHECK_DEC("a" FFFD "b", NULL, "a" FFFD "b", "UTF-8");
}
END_TEST

START_TEST(frequent_invalid_is_1252)
{
    /* one valid sequence, three invalid bytes: windows-1252 does less damage */
    CHECK_DEC("\xC3\xA9 caf\xE9 na\xEFve \xE0", NULL, "Ã© café naïve à", "windows-1252");
    /* a tie goes to UTF-8 */
    CHECK_DEC("\xC3\xA9 caf\xE9", NULL, "é caf" FFFD, "UTF-8");
}
END_TEST

START_TEST(nul_bytes_replaced)
{
    CHECK_DEC("a\0b", NULL, "a" FFFD "b", "UTF-8");
    CHECK_DEC("\0", NULL, FFFD, "UTF-8");
    CHECK_DEC("caf\xE9\0", NULL, "café" FFFD, "windows-1252");
    CHECK_DEC("\xB1\0", "text/html; charset=iso-8859-2", "ą" FFFD, "ISO-8859-2");
    CHECK_DEC("\xFF\xFEh\0\0\0i\0", NULL, "h" FFFD "i", "UTF-16LE");
}
END_TEST

START_TEST(mislabelled_utf8)
{
    check_fixture("mislabelled-utf8.html", "<p>Crème brûlée à la française — déjà vu.</p>",
                  "UTF-8");
    CHECK_DEC("<p>caf\xC3\xA9</p>", "text/html; charset=ISO-8859-1", "<p>café</p>", "UTF-8");
    CHECK_DEC("<meta charset=koi8-r><p>Привет</p>", NULL, "<meta charset=koi8-r><p>Привет</p>",
              "UTF-8");
    /* ASCII-only is consistent with the declaration, which stands */
    CHECK_DEC("<meta charset=koi8-r><p>hello</p>", NULL, "<meta charset=koi8-r><p>hello</p>",
              "KOI8-R");
    /* a multi-byte declaration needs more evidence: two UTF-8 characters are not enough
     * to overrule GBK (whose pairs can look like UTF-8), eight are */
    CHECK_DEC("\xC3\xA9\xC3\xA9", "text/html; charset=gbk", "茅茅", "GBK");
    CHECK_DEC("<p>日本語のテキストです</p>", "text/html; charset=shift_jis",
              "<p>日本語のテキストです</p>", "UTF-8");
}
END_TEST

START_TEST(output_always_valid)
{
    /* random bytes through every decoder: valid UTF-8, no NUL, never stuck (dec checks) */
    static const char *const cts[] = {
        NULL, "charset=utf-8", "charset=windows-1252", "charset=shift_jis", "charset=gbk",
        "charset=gb18030", "charset=big5", "charset=euc-jp", "charset=iso-2022-jp",
        "charset=euc-kr", "charset=koi8-u", "charset=iso-8859-8-i", "charset=utf-16le",
        "charset=utf-16be", "charset=utf-32", "charset=x-mac-cyrillic", "charset=windows-874",
    };
    unsigned char buf[3000];
    for (uint32_t seed = 1; seed <= 20; seed++) {
        size_t n = (seed * 149) % sizeof buf;
        fill_random(buf, n, seed);
        for (size_t i = 0; i < sizeof cts / sizeof cts[0]; i++) {
            char cs[32];
            free(dec((const char *)buf, n, cts[i], cs));
        }
    }
}
END_TEST

START_TEST(labels)
{
    /* WHATWG label mapping, seen through a header that names them */
    static const struct {
        const char *label, *name;
    } cases[] = {
        {"latin1", "windows-1252"},      {"US-ASCII", "windows-1252"},
        {"iso_8859-1:1987", "windows-1252"}, {"iso-8859-9", "windows-1254"},
        {"gb2312", "GBK"},               {"GBK", "GBK"},
        {"gb18030", "gb18030"},          {"x-sjis", "Shift_JIS"},
        {"ms932", "Shift_JIS"},          {"euc-jp", "EUC-JP"},
        {"ks_c_5601-1987", "EUC-KR"},    {"big5-hkscs", "Big5"},
        {"koi8-u", "KOI8-U"},            {"cp1251", "windows-1251"},
        {"iso-8859-15", "ISO-8859-15"},  {"tis-620", "windows-874"},
        {"mac", "macintosh"},            {"unicode-1-1-utf-8", "UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ct[64], cs[32];
        snprintf(ct, sizeof ct, "text/html; charset=%s", cases[i].label);
        free(dec("abc", 3, ct, cs));
        ck_assert_msg(strcmp(cs, cases[i].name) == 0, "%s gave %s", cases[i].label, cs);
    }
}
END_TEST

/* ---------------------------------------------------------------------------------
 * gzip
 * ------------------------------------------------------------------------------ */

START_TEST(gzip_round_trip)
{
    size_t n = 200000, zn;
    char *text = make_text(n);
    unsigned char *z = gz(text, n, &zn);
    ck_assert_int_eq(decode_is_gzip((const char *)z, zn), 1);
    ck_assert_int_eq(decode_is_gzip(text, n), 0);
    ck_assert_int_eq(decode_is_gzip("\x1f", 1), 0);
    pbuf out;
    pbuf_init(&out);
    pith_error err;
    ck_assert_int_eq(decode_gunzip((const char *)z, zn, n, &out, &err), PITH_OK);
    ck_assert_uint_eq(out.len, n);
    ck_assert_int_eq(memcmp(out.data, text, n), 0);
    ck_assert_int_eq(out.data[n], '\0');
    pbuf_free(&out);
    free(z);
    free(text);
}
END_TEST

START_TEST(gzip_concatenated)
{
    size_t n1, n2;
    unsigned char *a = gz("hello ", 6, &n1);
    unsigned char *b = gz("world", 5, &n2);
    unsigned char *both = malloc(n1 + n2 + 4);
    ck_assert_ptr_nonnull(both);
    memcpy(both, a, n1);
    memcpy(both + n1, b, n2);
    memset(both + n1 + n2, 0, 4); /* NUL padding after the last member is ignored */
    pbuf out;
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)both, n1 + n2 + 4, 1000, &out, NULL), PITH_OK);
    ck_assert_str_eq(pbuf_cstr(&out), "hello world");
    pbuf_free(&out);
    free(a);
    free(b);
    free(both);
}
END_TEST

START_TEST(gzip_truncated)
{
    size_t n = 100000, zn;
    char *text = make_text(n);
    unsigned char *z = gz(text, n, &zn);
    pbuf out;
    pbuf_init(&out);
    /* cut in the middle: what inflated is returned */
    ck_assert_int_eq(decode_gunzip((const char *)z, zn / 2, n, &out, NULL), PITH_OK);
    ck_assert_uint_gt(out.len, 0);
    ck_assert_uint_lt(out.len, n);
    ck_assert_int_eq(memcmp(out.data, text, out.len), 0);
    pbuf_free(&out);
    /* cut inside the header: nothing inflated, an error */
    pith_error err;
    ck_assert_int_eq(decode_gunzip((const char *)z, 6, n, &out, &err), PITH_ERR_GZIP);
    ck_assert_int_eq(err.status, PITH_ERR_GZIP);
    ck_assert_ptr_nonnull(strstr(err.message, "truncated"));
    pbuf_free(&out);
    free(z);
    free(text);
}
END_TEST

START_TEST(gzip_corrupt)
{
    size_t n = 50000, zn;
    char *text = make_text(n);
    unsigned char *z = gz(text, n, &zn);
    pbuf out;
    pith_error err;

    unsigned char *bad = malloc(zn);
    ck_assert_ptr_nonnull(bad);
    memcpy(bad, z, zn);
    bad[3] = 0xE0; /* reserved header flag bits */
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)bad, zn, n, &out, &err), PITH_ERR_GZIP);
    ck_assert_ptr_nonnull(strstr(err.message, "corrupt"));
    pbuf_free(&out);

    memcpy(bad, z, zn);
    bad[zn - 6] ^= 0xFF; /* the CRC */
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)bad, zn, n, &out, &err), PITH_ERR_GZIP);
    pbuf_free(&out);

    memcpy(bad, z, zn);
    memset(bad + 20, 0xFF, 64); /* the deflate data */
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)bad, zn, n, &out, &err), PITH_ERR_GZIP);
    pbuf_free(&out);

    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip("plain text", 10, n, &out, &err), PITH_ERR_GZIP);
    pbuf_free(&out);
    free(bad);
    free(z);
    free(text);
}
END_TEST

START_TEST(gzip_cap)
{
    size_t n = 1 << 20, zn;
    char *zeros = calloc(n, 1);
    ck_assert_ptr_nonnull(zeros);
    unsigned char *z = gz(zeros, n, &zn);
    pbuf out;
    pith_error err;
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)z, zn, 65536, &out, &err), PITH_ERR_TOO_LARGE);
    ck_assert_int_eq(err.status, PITH_ERR_TOO_LARGE);
    ck_assert_ptr_nonnull(strstr(err.message, "max_input_bytes"));
    ck_assert_uint_le(out.len, 65537);
    ck_assert_uint_le(out.cap, 2 * 65536 + 1024); /* stopped at the cap, not after */
    pbuf_free(&out);
    /* exactly at the cap is fine */
    pbuf_init(&out);
    ck_assert_int_eq(decode_gunzip((const char *)z, zn, n, &out, &err), PITH_OK);
    ck_assert_uint_eq(out.len, n);
    pbuf_free(&out);
    free(z);
    free(zeros);
}
END_TEST

START_TEST(gzip_bomb)
{
    /* 256 MiB of zeros as concatenated 4 MiB members: ~256 KB of input */
    size_t member = 4u << 20, zn;
    char *zeros = calloc(member, 1);
    ck_assert_ptr_nonnull(zeros);
    unsigned char *z = gz(zeros, member, &zn);
    size_t copies = 64, total = zn * copies;
    unsigned char *bomb = malloc(total);
    ck_assert_ptr_nonnull(bomb);
    for (size_t i = 0; i < copies; i++)
        memcpy(bomb + i * zn, z, zn);
    pbuf out;
    pbuf_init(&out);
    size_t cap = 10u << 20;
    ck_assert_int_eq(decode_gunzip((const char *)bomb, total, cap, &out, NULL), PITH_ERR_TOO_LARGE);
    ck_assert_uint_le(out.cap, 2 * cap);
    pbuf_free(&out);
    free(bomb);
    free(z);
    free(zeros);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Binary files
 * ------------------------------------------------------------------------------ */

static void check_binary(const char *data, size_t len, const char *what)
{
    unsigned char buf[512];
    ck_assert_uint_le(len, sizeof buf);
    /* pad with text, so the signature and not the control bytes decide */
    memset(buf, 'a', sizeof buf);
    memcpy(buf, data, len);
    pith_error err;
    ck_assert_int_eq(decode_check_binary((const char *)buf, sizeof buf, &err), PITH_ERR_BINARY);
    ck_assert_int_eq(err.status, PITH_ERR_BINARY);
    ck_assert_msg(strstr(err.message, what) != NULL, "'%s' lacks '%s'", err.message, what);
    ck_assert_ptr_nonnull(strstr(err.message, "not text"));
}

#define BIN(lit, what) check_binary((lit), sizeof(lit) - 1, (what))

START_TEST(binary_signatures)
{
    BIN("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image");
    BIN("\xff\xd8\xff\xe0\0\x10JFIF", "JPEG image");
    BIN("GIF89a\x01\0\x01\0", "GIF image");
    BIN("RIFF\x24\0\0\0WEBPVP8 ", "WebP image");
    BIN("\0\0\1\0\1\0\x10\x10\0\0\1\0\x20\0\x68\4\0\0\x16\0\0\0", "ICO icon");
    BIN("%PDF-1.7\n", "PDF document");
    BIN("PK\3\4\x14\0\0\0\x08\0", "ZIP archive");
    BIN("PK\3\4\x14\0\6\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml"
        "....PK\3\4\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x11\0\0\0word/document.xml",
        "Word document");
    BIN("7z\xbc\xaf\x27\x1c\0\4", "7z archive");
    BIN("Rar!\x1a\x07\x01\0", "RAR archive");
    BIN("\xfd" "7zXZ\0\0\4", "xz archive");
    BIN("BZh91AY&SY", "bzip2 archive");
    BIN("\x28\xb5\x2f\xfd\x24\x04", "zstd archive");
    BIN("\x7f" "ELF\2\1\1\0", "ELF executable");
    BIN("wOFF\0\1\0\0", "WOFF font");
    BIN("wOF2\0\1\0\0", "WOFF2 font");
    BIN("\0\1\0\0\0\x10\1\0", "TrueType font");
    BIN("\0asm\1\0\0\0", "WebAssembly");
    BIN("\0\0\0\x20" "ftypisom\0\0\2\0", "MP4 video");
    BIN("ID3\x04\0\0\0\0\0\0", "MP3 audio");
    BIN("\xff\xfb\x90\x44\0\0", "MP3 or AAC");
    BIN("OggS\0\2\0\0", "Ogg");
    BIN("\x1f\x8b\x08\0", "gzip-compressed");

    /* a Windows executable: MZ, and the PE header where e_lfanew points */
    unsigned char pe[512];
    memset(pe, 'a', sizeof pe);
    memcpy(pe, "MZ\x90\0", 4);
    pe[0x3C] = 0x80;
    pe[0x3D] = pe[0x3E] = pe[0x3F] = 0;
    memcpy(pe + 0x80, "PE\0\0", 4);
    pith_error err;
    ck_assert_int_eq(decode_check_binary((const char *)pe, sizeof pe, &err), PITH_ERR_BINARY);
    ck_assert_ptr_nonnull(strstr(err.message, "Windows executable"));
}
END_TEST

START_TEST(binary_control_bytes)
{
    unsigned char buf[8192];
    fill_random(buf, sizeof buf, 42);
    pith_error err;
    ck_assert_int_eq(decode_check_binary((const char *)buf, sizeof buf, &err), PITH_ERR_BINARY);
    ck_assert_ptr_nonnull(strstr(err.message, "control characters"));
    ck_assert_int_eq(decode_check_binary("\x01\x02\x03x", 4, NULL), PITH_ERR_BINARY);
}
END_TEST

START_TEST(not_binary)
{
    static const char *const texts[] = {
        "<!DOCTYPE html><html><body>Hello</body></html>",
        "Plain text\nwith lines\n",
        "caf\xE9 cr\xE8me \x93quoted\x94",                 /* windows-1252 */
        "\x1B$B$3$s$K$A$O\x1B(B",                           /* ISO-2022-JP uses ESC */
        "\xFF\xFE<\0p\0>\0",                                /* UTF-16LE BOM, not MP3 */
        "hello\0world",                                     /* a stray NUL */
        "BMW and Audi are car makers; MZ was a motorcycle", /* short magics in prose */
        "ID3 tags are metadata",
        "",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = i == 5 ? 11 : i == 4 ? 8 : strlen(texts[i]);
        pith_error err;
        ck_assert_msg(decode_check_binary(texts[i], n, &err) == PITH_OK, "case %zu: %s", i,
                      err.message);
        ck_assert_int_eq(err.status, PITH_OK);
    }
    /* a few stray control bytes in a long page are tolerated */
    char page[4096];
    memset(page, 'x', sizeof page);
    for (size_t i = 0; i < sizeof page; i += 100)
        page[i] = '\x01';
    ck_assert_int_eq(decode_check_binary(page, sizeof page, NULL), PITH_OK);
}
END_TEST

/* A byte order mark in front of binary data does not make it text. */
START_TEST(bom_does_not_exempt)
{
    BIN("\xEF\xBB\xBF\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image");
    BIN("\xFF\xFE%PDF-1.7\n", "PDF document");
    /* random bytes behind each BOM: control bytes, or code units that no text has */
    static const char *const boms[] = {"\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
                                       "\xFF\xFE\0\0"};
    static const size_t bom_len[] = {3, 2, 2, 4};
    unsigned char data[4100];
    uint32_t x = 12345;
    for (size_t b = 0; b < 4; b++) {
        memcpy(data, boms[b], bom_len[b]);
        for (size_t i = bom_len[b]; i < sizeof data; i++) {
            x = x * 1664525u + 1013904223u;
            data[i] = (unsigned char)(x >> 24);
        }
        pith_error err;
        ck_assert_msg(decode_check_binary((const char *)data, sizeof data, &err) ==
                          PITH_ERR_BINARY,
                      "random bytes after BOM %zu taken for text", b);
    }
    /* while text behind them is text, emoji (surrogate pairs) included */
    size_t n;
    char *w = widen("<p>Text in UTF-16, with an emoji \xF0\x9F\x98\x80 and accents: "
                    "\xC3\xA9\xC3\xA8.</p>\n", 2, 0, &n);
    char *page = malloc(n + 2);
    ck_assert_ptr_nonnull(page);
    memcpy(page, "\xFF\xFE", 2);
    memcpy(page + 2, w, n);
    ck_assert_int_eq(decode_check_binary(page, n + 2, NULL), PITH_OK);
    free(page);
    free(w);
    ck_assert_int_eq(decode_check_binary("\xEF\xBB\xBFPlain text after a BOM\n", 26, NULL),
                     PITH_OK);
}
END_TEST

/* Undeclared pages in the East Asian multi-byte charsets, which are not UTF-8, come back
 * in their language by ICU's detector, and say that the charset was a guess. */
static void check_detected(const char *utf8, const char *to, const char *want_cs)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    ck_assert_msg(cd != (iconv_t)-1, "iconv lacks %s", to);
    size_t in_left = strlen(utf8), cap = in_left * 2 + 16, out_left = cap;
    char *legacy = malloc(cap), *in = (char *)utf8, *out = legacy;
    ck_assert_ptr_nonnull(legacy);
    ck_assert_uint_ne(iconv(cd, &in, &in_left, &out, &out_left), (size_t)-1);
    iconv_close(cd);
    size_t n = cap - out_left;
    pbuf dec_out;
    pbuf_init(&dec_out);
    char cs[32];
    double confidence = 1.0;
    ck_assert_int_eq(decode_to_utf8_detect(legacy, n, NULL, &dec_out, cs, &confidence, NULL),
                     PITH_OK);
    ck_assert_str_eq(cs, want_cs);
    ck_assert_str_eq(pbuf_cstr(&dec_out), utf8);
    ck_assert_msg(confidence > 0.3 && confidence < 1.0, "confidence %f", confidence);
    pbuf_free(&dec_out);
    free(legacy);
}

START_TEST(undeclared_legacy_detected)
{
    check_detected("<html><head><title>ニュース</title></head><body><p>東京都は十二日、新しい"
                   "交通計画を発表した。市民の意見を聞きながら、来年の春から段階的に実施する"
                   "予定だという。</p><p>担当者は「安全で便利な町づくりを進めたい」と話した。"
                   "</p></body></html>",
                   "SHIFT_JIS", "Shift_JIS");
    check_detected("<html><body><p>北京市政府今天公布了新的交通规划。规划将从明年春天开始分阶段"
                   "实施，市民可以通过网站提出意见。</p><p>负责人表示，希望建设安全便利的城市。"
                   "</p></body></html>",
                   "GBK", "gb18030");
    check_detected("<html><body><p>서울시는 오늘 새로운 교통 계획을 발표했다. 시민들의 의견을 "
                   "들으면서 내년 봄부터 단계적으로 시행할 예정이라고 밝혔다.</p><p>담당자는 "
                   "안전하고 편리한 도시를 만들고 싶다고 말했다.</p></body></html>",
                   "EUC-KR", "EUC-KR");
    /* valid UTF-8 and declared charsets are certain */
    pbuf out;
    pbuf_init(&out);
    char cs[32];
    double confidence = 0;
    ck_assert_int_eq(decode_to_utf8_detect("caf\xC3\xA9", 5, NULL, &out, cs, &confidence, NULL),
                     PITH_OK);
    ck_assert(confidence == 1.0);
    pbuf_clear(&out);
    ck_assert_int_eq(decode_to_utf8_detect("caf\xE9", 4, "text/html; charset=latin1", &out, cs,
                                           &confidence, NULL),
                     PITH_OK);
    ck_assert(confidence == 1.0);
    pbuf_free(&out);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * HTML or text
 * ------------------------------------------------------------------------------ */

#define KIND(lit) decode_sniff_kind((lit), sizeof(lit) - 1)

START_TEST(sniff_kind_openers)
{
    ck_assert_int_eq(KIND("<!DOCTYPE html><title>x</title>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("\xEF\xBB\xBF \n\t<!doctype html>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("<HTML lang=en>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("<?xml version=\"1.0\"?><html>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("  <head><title>x</title>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("<body>text"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("<!-- generated --><div>a</div>"), PITH_INPUT_HTML);
    ck_assert_int_eq(KIND("<!-- just a comment --> and prose"), PITH_INPUT_TEXT);
    /* a fragment of long paragraphs, whose markup is a small share */
    ck_assert_int_eq(KIND("<p>A very long paragraph of article text that goes on and on and on "
                          "for a long while, much longer than the tags around it.</p>"),
                     PITH_INPUT_HTML);
}
END_TEST

START_TEST(sniff_kind_markup_share)
{
    ck_assert_int_eq(KIND("Site name\n<div class=a><span>Menu</span><a href=/>Home</a></div>"),
                     PITH_INPUT_HTML);
    ck_assert_int_eq(KIND(""), PITH_INPUT_TEXT);
    ck_assert_int_eq(KIND("   \n  "), PITH_INPUT_TEXT);
    ck_assert_int_eq(KIND("Just a line of text.\nAnd another one, 3 < 4 and 5 > 2. I <3 it."),
                     PITH_INPUT_TEXT);
    /* a text dump of a blog post: a comment form lists tags inside a lot of prose */
    pbuf b;
    pbuf_init(&b);
    for (int i = 0; i < 40; i++)
        pbuf_puts(&b, "This is a sentence of a blog post that a scraper kept as visible text.\n");
    pbuf_puts(&b, "You may use these HTML tags and attributes: <a href=\"\" title=\"\"> <abbr> "
                  "<b> <blockquote cite=\"\"> <code> <em> <i> <strong>\n");
    for (int i = 0; i < 10; i++)
        pbuf_puts(&b, "Leave a Reply. Your email address will not be published.\n");
    ck_assert_int_eq(decode_sniff_kind(pbuf_cstr(&b), b.len), PITH_INPUT_TEXT);
    pbuf_free(&b);
}
END_TEST

/* Every dump in the shared corpus sniffs as its kind; skipped without the corpus. */
static int corpus_check(const char *dir, const char *suffix, pith_input_kind want)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/../shared/corpus/%s", PITH_SOURCE_DIR, dir);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t k = strlen(e->d_name), sk = strlen(suffix);
        if (k <= sk || strcmp(e->d_name + k - sk, suffix) != 0)
            continue;
        char file[1400];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        size_t n;
        char *raw = test_read_file(file, &n);
        pbuf plain, text;
        pbuf_init(&plain);
        pbuf_init(&text);
        const char *data = raw;
        if (decode_is_gzip(raw, n)) {
            ck_assert_int_eq(decode_gunzip(raw, n, (size_t)1 << 28, &plain, NULL), PITH_OK);
            data = pbuf_cstr(&plain);
            n = plain.len;
        }
        char cs[32];
        ck_assert_int_eq(decode_check_binary(data, n, NULL), PITH_OK);
        ck_assert_int_eq(decode_to_utf8(data, n, NULL, &text, cs, NULL), PITH_OK);
        ck_assert_msg(decode_sniff_kind(pbuf_cstr(&text), text.len) == want, "%s sniffs wrong",
                      file);
        pbuf_free(&plain);
        pbuf_free(&text);
        free(raw);
        count++;
    }
    closedir(d);
    return count;
}

START_TEST(sniff_kind_corpus)
{
    int n = corpus_check("seeds", ".txt", PITH_INPUT_TEXT);
    if (n < 0)
        return; /* no corpus beside the repository */
    ck_assert_int_gt(n, 0);
    ck_assert_int_gt(corpus_check("aeb-text", ".txt.gz", PITH_INPUT_TEXT), 0);
    ck_assert_int_gt(corpus_check("tfeval-text", ".txt.gz", PITH_INPUT_TEXT), 0);
    ck_assert_int_gt(corpus_check("aeb", ".html.gz", PITH_INPUT_HTML), 0);
    ck_assert_int_gt(corpus_check("tfeval", ".html.gz", PITH_INPUT_HTML), 0);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * Size: big inputs in the worst case. Whether their cost stays linear is measured by
 * the benchmark (bench/), not here: timings in a test fail on a busy machine.
 * ------------------------------------------------------------------------------ */

START_TEST(big_inputs)
{
    /* every byte invalid, through UTF-8, the windows-1252 fallback and iconv */
    size_t big = 8u << 20;
    char *data = malloc(big);
    ck_assert_ptr_nonnull(data);
    memset(data, 0xFF, big);
    static const char *const cts[] = {"charset=utf-8", NULL, "charset=shift_jis"};
    for (size_t i = 0; i < sizeof cts / sizeof cts[0]; i++) {
        pbuf out;
        pbuf_init(&out);
        char cs[32];
        ck_assert_int_eq(decode_to_utf8(data, big, cts[i], &out, cs, NULL), PITH_OK);
        ck_assert_uint_ge(out.len, big); /* every 0xFF became a character */
        ck_assert(utf8_valid(out.data, out.len));
        pbuf_free(&out);
    }
    /* sniffing looks at a bounded prefix: a page of '<' is not markup */
    memset(data, '<', big);
    ck_assert_int_eq(decode_sniff_kind(data, big), PITH_INPUT_TEXT);
    ck_assert_int_eq(decode_check_binary(data, big, NULL), PITH_OK);
    free(data);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("charset");
    tcase_add_test(tc, bom_utf8);
    tcase_add_test(tc, bom_utf16_and_utf32);
    tcase_add_test(tc, bom_only);
    tcase_add_test(tc, content_type_beats_meta);
    tcase_add_test(tc, meta_charset_variants);
    tcase_add_test(tc, meta_ignored);
    tcase_add_test(tc, meta_malformed);
    tcase_add_test(tc, declared_utf16_in_markup);
    tcase_add_test(tc, declared_utf16_in_header);
    tcase_add_test(tc, xml_declaration);
    tcase_add_test(tc, windows_1252);
    tcase_add_test(tc, iso_8859_2_fixture);
    tcase_add_test(tc, shift_jis_fixture);
    tcase_add_test(tc, gbk_fixture);
    tcase_add_test(tc, other_multibyte);
    tcase_add_test(tc, long_multibyte);
    tcase_add_test(tc, invalid_in_legacy_charset);
    tcase_add_test(tc, utf16_without_bom);
    tcase_add_test(tc, utf32_without_bom);
    tcase_add_test(tc, invalid_utf8_replaced);
    tcase_add_test(tc, frequent_invalid_is_1252);
    tcase_add_test(tc, nul_bytes_replaced);
    tcase_add_test(tc, mislabelled_utf8);
    tcase_add_test(tc, undeclared_legacy_detected);
    tcase_add_test(tc, output_always_valid);
    tcase_add_test(tc, random_inputs);
    tcase_add_test(tc, labels);
    suite_add_tcase(s, tc);

    tc = tcase_create("gzip");
    tcase_add_test(tc, gzip_round_trip);
    tcase_add_test(tc, gzip_concatenated);
    tcase_add_test(tc, gzip_truncated);
    tcase_add_test(tc, gzip_corrupt);
    tcase_add_test(tc, gzip_cap);
    tcase_add_test(tc, gzip_bomb);
    suite_add_tcase(s, tc);

    tc = tcase_create("binary");
    tcase_add_test(tc, binary_signatures);
    tcase_add_test(tc, binary_control_bytes);
    tcase_add_test(tc, not_binary);
    tcase_add_test(tc, bom_does_not_exempt);
    suite_add_tcase(s, tc);

    tc = tcase_create("kind");
    tcase_add_test(tc, sniff_kind_openers);
    tcase_add_test(tc, sniff_kind_markup_share);
    suite_add_tcase(s, tc);

    tc = tcase_create("corpus"); /* 1,200 pages: slow in sanitizer builds */
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, sniff_kind_corpus);
    suite_add_tcase(s, tc);

    tc = tcase_create("size");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, big_inputs);
    suite_add_tcase(s, tc);
    return s;
}
