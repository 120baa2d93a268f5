/* Charset labels (WHATWG Encoding Standard, https://encoding.spec.whatwg.org/) and the
 * conversion to UTF-8.
 *
 * Conversion uses glibc's iconv(3) for the legacy charsets: it is part of libc (no new
 * dependency), covers every charset the Encoding Standard names, reports invalid input
 * precisely (EILSEQ at the bad byte, EINVAL for a truncated tail), which is what lets us
 * emit U+FFFD, skip one byte and go on. libxml2's encoding handlers wrap the same iconv
 * for these charsets (its built-ins are only UTF-8, UTF-16, Latin-1 and ASCII), so they
 * would add a layer without adding a charset. Each call opens its own iconv_t, so
 * threads share nothing.
 * Four charsets are decoded natively instead: UTF-8 (it only needs checking), UTF-16
 * and UTF-32 (simple, and unpaired surrogates must become U+FFFD), and windows-1252,
 * which is the fallback for every undeclared legacy page and whose WHATWG mapping of
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D (to the C1 controls) glibc's CP1252 rejects.
 *
 * Labels the standard maps to its "replacement" encoding (ISO-2022-KR, HZ...) are left
 * out on purpose: the standard decodes such a page to a single U+FFFD, which is useless
 * to an extractor, so pith treats them as unknown and sniffs instead. x-user-defined is
 * left out too. UTF-32 is not in the standard; pith accepts its labels and BOM because
 * such files exist and are otherwise unreadable. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

enum {
    C_UTF8, C_IBM866, C_8859_2, C_8859_3, C_8859_4, C_8859_5, C_8859_6, C_8859_7, C_8859_8,
    C_8859_8I, C_8859_10, C_8859_13, C_8859_14, C_8859_15, C_8859_16, C_KOI8R, C_KOI8U,
    C_MAC, C_874, C_1250, C_1251, C_1252, C_1253, C_1254, C_1255, C_1256, C_1257, C_1258,
    C_MACCYR, C_GBK, C_GB18030, C_BIG5, C_EUCJP, C_2022JP, C_SJIS, C_EUCKR, C_UTF16BE,
    C_UTF16LE, C_UTF32BE, C_UTF32LE
};

/* Multi-byte charsets name the iconv superset that matches WHATWG's index: GBK is
 * decoded by the gb18030 decoder in the standard, Shift_JIS is windows-31j (0x5C is a
 * backslash, not glibc SHIFT_JIS's yen sign), EUC-KR is windows-949, Big5 is Big5-HKSCS,
 * and ISO-2022-JP-3 accepts the half-width katakana escape WHATWG's decoder accepts.
 * The second name is a fallback for iconvs without the first. */
static const charset_info charsets[] = {
    [C_UTF8] = {"UTF-8", CS_UTF8, {NULL, NULL}},
    [C_IBM866] = {"IBM866", CS_BYTE, {"IBM866", "CP866"}},
    [C_8859_2] = {"ISO-8859-2", CS_BYTE, {"ISO-8859-2", NULL}},
    [C_8859_3] = {"ISO-8859-3", CS_BYTE, {"ISO-8859-3", NULL}},
    [C_8859_4] = {"ISO-8859-4", CS_BYTE, {"ISO-8859-4", NULL}},
    [C_8859_5] = {"ISO-8859-5", CS_BYTE, {"ISO-8859-5", NULL}},
    [C_8859_6] = {"ISO-8859-6", CS_BYTE, {"ISO-8859-6", NULL}},
    [C_8859_7] = {"ISO-8859-7", CS_BYTE, {"ISO-8859-7", NULL}},
    [C_8859_8] = {"ISO-8859-8", CS_BYTE, {"ISO-8859-8", NULL}},
    [C_8859_8I] = {"ISO-8859-8-I", CS_BYTE, {"ISO-8859-8", NULL}},
    [C_8859_10] = {"ISO-8859-10", CS_BYTE, {"ISO-8859-10", NULL}},
    [C_8859_13] = {"ISO-8859-13", CS_BYTE, {"ISO-8859-13", NULL}},
    [C_8859_14] = {"ISO-8859-14", CS_BYTE, {"ISO-8859-14", NULL}},
    [C_8859_15] = {"ISO-8859-15", CS_BYTE, {"ISO-8859-15", NULL}},
    [C_8859_16] = {"ISO-8859-16", CS_BYTE, {"ISO-8859-16", NULL}},
    [C_KOI8R] = {"KOI8-R", CS_BYTE, {"KOI8-R", NULL}},
    [C_KOI8U] = {"KOI8-U", CS_BYTE, {"KOI8-RU", "KOI8-U"}},
    [C_MAC] = {"macintosh", CS_BYTE, {"MACINTOSH", NULL}},
    [C_874] = {"windows-874", CS_BYTE, {"WINDOWS-874", "CP874"}},
    [C_1250] = {"windows-1250", CS_BYTE, {"CP1250", NULL}},
    [C_1251] = {"windows-1251", CS_BYTE, {"CP1251", NULL}},
    [C_1252] = {"windows-1252", CS_BYTE, {NULL, NULL}},
    [C_1253] = {"windows-1253", CS_BYTE, {"CP1253", NULL}},
    [C_1254] = {"windows-1254", CS_BYTE, {"CP1254", NULL}},
    [C_1255] = {"windows-1255", CS_BYTE, {"CP1255", NULL}},
    [C_1256] = {"windows-1256", CS_BYTE, {"CP1256", NULL}},
    [C_1257] = {"windows-1257", CS_BYTE, {"CP1257", NULL}},
    [C_1258] = {"windows-1258", CS_BYTE, {"CP1258", NULL}},
    [C_MACCYR] = {"x-mac-cyrillic", CS_BYTE, {"MAC-CYRILLIC", NULL}},
    [C_GBK] = {"GBK", CS_MULTI, {"GB18030", "GBK"}},
    [C_GB18030] = {"gb18030", CS_MULTI, {"GB18030", NULL}},
    [C_BIG5] = {"Big5", CS_MULTI, {"BIG5-HKSCS", "BIG5"}},
    [C_EUCJP] = {"EUC-JP", CS_MULTI, {"EUC-JP-MS", "EUC-JP"}},
    /* 7-bit: a page with bytes above 0x7F is not ISO-2022-JP, like a single-byte one */
    [C_2022JP] = {"ISO-2022-JP", CS_BYTE, {"ISO-2022-JP-3", "ISO-2022-JP"}},
    [C_SJIS] = {"Shift_JIS", CS_MULTI, {"WINDOWS-31J", "SHIFT_JIS"}},
    [C_EUCKR] = {"EUC-KR", CS_MULTI, {"CP949", "EUC-KR"}},
    [C_UTF16BE] = {"UTF-16BE", CS_WIDE, {NULL, NULL}},
    [C_UTF16LE] = {"UTF-16LE", CS_WIDE, {NULL, NULL}},
    [C_UTF32BE] = {"UTF-32BE", CS_WIDE, {NULL, NULL}},
    [C_UTF32LE] = {"UTF-32LE", CS_WIDE, {NULL, NULL}},
};

typedef struct label {
    const char *label;
    unsigned char cs;
} label;

/* The Encoding Standard's label table, in its order. */
static const label labels[] = {
    {"unicode-1-1-utf-8", C_UTF8}, {"unicode11utf8", C_UTF8}, {"unicode20utf8", C_UTF8},
    {"utf-8", C_UTF8}, {"utf8", C_UTF8}, {"x-unicode20utf8", C_UTF8},
    {"866", C_IBM866}, {"cp866", C_IBM866}, {"csibm866", C_IBM866}, {"ibm866", C_IBM866},
    {"csisolatin2", C_8859_2}, {"iso-8859-2", C_8859_2}, {"iso-ir-101", C_8859_2},
    {"iso8859-2", C_8859_2}, {"iso88592", C_8859_2}, {"iso_8859-2", C_8859_2},
    {"iso_8859-2:1987", C_8859_2}, {"l2", C_8859_2}, {"latin2", C_8859_2},
    {"csisolatin3", C_8859_3}, {"iso-8859-3", C_8859_3}, {"iso-ir-109", C_8859_3},
    {"iso8859-3", C_8859_3}, {"iso88593", C_8859_3}, {"iso_8859-3", C_8859_3},
    {"iso_8859-3:1988", C_8859_3}, {"l3", C_8859_3}, {"latin3", C_8859_3},
    {"csisolatin4", C_8859_4}, {"iso-8859-4", C_8859_4}, {"iso-ir-110", C_8859_4},
    {"iso8859-4", C_8859_4}, {"iso88594", C_8859_4}, {"iso_8859-4", C_8859_4},
    {"iso_8859-4:1988", C_8859_4}, {"l4", C_8859_4}, {"latin4", C_8859_4},
    {"csisolatincyrillic", C_8859_5}, {"cyrillic", C_8859_5}, {"iso-8859-5", C_8859_5},
    {"iso-ir-144", C_8859_5}, {"iso8859-5", C_8859_5}, {"iso88595", C_8859_5},
    {"iso_8859-5", C_8859_5}, {"iso_8859-5:1988", C_8859_5},
    {"arabic", C_8859_6}, {"asmo-708", C_8859_6}, {"csiso88596e", C_8859_6},
    {"csiso88596i", C_8859_6}, {"csisolatinarabic", C_8859_6}, {"ecma-114", C_8859_6},
    {"iso-8859-6", C_8859_6}, {"iso-8859-6-e", C_8859_6}, {"iso-8859-6-i", C_8859_6},
    {"iso-ir-127", C_8859_6}, {"iso8859-6", C_8859_6}, {"iso88596", C_8859_6},
    {"iso_8859-6", C_8859_6}, {"iso_8859-6:1987", C_8859_6},
    {"csisolatingreek", C_8859_7}, {"ecma-118", C_8859_7}, {"elot_928", C_8859_7},
    {"greek", C_8859_7}, {"greek8", C_8859_7}, {"iso-8859-7", C_8859_7},
    {"iso-ir-126", C_8859_7}, {"iso8859-7", C_8859_7}, {"iso88597", C_8859_7},
    {"iso_8859-7", C_8859_7}, {"iso_8859-7:1987", C_8859_7}, {"sun_eu_greek", C_8859_7},
    {"csiso88598e", C_8859_8}, {"csisolatinhebrew", C_8859_8}, {"hebrew", C_8859_8},
    {"iso-8859-8", C_8859_8}, {"iso-8859-8-e", C_8859_8}, {"iso-ir-138", C_8859_8},
    {"iso8859-8", C_8859_8}, {"iso88598", C_8859_8}, {"iso_8859-8", C_8859_8},
    {"iso_8859-8:1988", C_8859_8}, {"visual", C_8859_8},
    {"csiso88598i", C_8859_8I}, {"iso-8859-8-i", C_8859_8I}, {"logical", C_8859_8I},
    {"csisolatin6", C_8859_10}, {"iso-8859-10", C_8859_10}, {"iso-ir-157", C_8859_10},
    {"iso8859-10", C_8859_10}, {"iso885910", C_8859_10}, {"l6", C_8859_10},
    {"latin6", C_8859_10},
    {"iso-8859-13", C_8859_13}, {"iso8859-13", C_8859_13}, {"iso885913", C_8859_13},
    {"iso-8859-14", C_8859_14}, {"iso8859-14", C_8859_14}, {"iso885914", C_8859_14},
    {"csisolatin9", C_8859_15}, {"iso-8859-15", C_8859_15}, {"iso8859-15", C_8859_15},
    {"iso885915", C_8859_15}, {"iso_8859-15", C_8859_15}, {"l9", C_8859_15},
    {"iso-8859-16", C_8859_16},
    {"cskoi8r", C_KOI8R}, {"koi", C_KOI8R}, {"koi8", C_KOI8R}, {"koi8-r", C_KOI8R},
    {"koi8_r", C_KOI8R},
    {"koi8-ru", C_KOI8U}, {"koi8-u", C_KOI8U},
    {"csmacintosh", C_MAC}, {"mac", C_MAC}, {"macintosh", C_MAC}, {"x-mac-roman", C_MAC},
    {"dos-874", C_874}, {"iso-8859-11", C_874}, {"iso8859-11", C_874},
    {"iso885911", C_874}, {"tis-620", C_874}, {"windows-874", C_874},
    {"cp1250", C_1250}, {"windows-1250", C_1250}, {"x-cp1250", C_1250},
    {"cp1251", C_1251}, {"windows-1251", C_1251}, {"x-cp1251", C_1251},
    {"ansi_x3.4-1968", C_1252}, {"ascii", C_1252}, {"cp1252", C_1252}, {"cp819", C_1252},
    {"csisolatin1", C_1252}, {"ibm819", C_1252}, {"iso-8859-1", C_1252},
    {"iso-ir-100", C_1252}, {"iso8859-1", C_1252}, {"iso88591", C_1252},
    {"iso_8859-1", C_1252}, {"iso_8859-1:1987", C_1252}, {"l1", C_1252},
    {"latin1", C_1252}, {"us-ascii", C_1252}, {"windows-1252", C_1252},
    {"x-cp1252", C_1252},
    {"cp1253", C_1253}, {"windows-1253", C_1253}, {"x-cp1253", C_1253},
    {"cp1254", C_1254}, {"csisolatin5", C_1254}, {"iso-8859-9", C_1254},
    {"iso-ir-148", C_1254}, {"iso8859-9", C_1254}, {"iso88599", C_1254},
    {"iso_8859-9", C_1254}, {"iso_8859-9:1989", C_1254}, {"l5", C_1254},
    {"latin5", C_1254}, {"windows-1254", C_1254}, {"x-cp1254", C_1254},
    {"cp1255", C_1255}, {"windows-1255", C_1255}, {"x-cp1255", C_1255},
    {"cp1256", C_1256}, {"windows-1256", C_1256}, {"x-cp1256", C_1256},
    {"cp1257", C_1257}, {"windows-1257", C_1257}, {"x-cp1257", C_1257},
    {"cp1258", C_1258}, {"windows-1258", C_1258}, {"x-cp1258", C_1258},
    {"x-mac-cyrillic", C_MACCYR}, {"x-mac-ukrainian", C_MACCYR},
    {"chinese", C_GBK}, {"csgb2312", C_GBK}, {"csiso58gb231280", C_GBK},
    {"gb2312", C_GBK}, {"gb_2312", C_GBK}, {"gb_2312-80", C_GBK}, {"gbk", C_GBK},
    {"iso-ir-58", C_GBK}, {"x-gbk", C_GBK},
    {"gb18030", C_GB18030},
    {"big5", C_BIG5}, {"big5-hkscs", C_BIG5}, {"cn-big5", C_BIG5}, {"csbig5", C_BIG5},
    {"x-x-big5", C_BIG5},
    {"cseucpkdfmtjapanese", C_EUCJP}, {"euc-jp", C_EUCJP}, {"x-euc-jp", C_EUCJP},
    {"csiso2022jp", C_2022JP}, {"iso-2022-jp", C_2022JP},
    {"csshiftjis", C_SJIS}, {"ms932", C_SJIS}, {"ms_kanji", C_SJIS},
    {"shift-jis", C_SJIS}, {"shift_jis", C_SJIS}, {"sjis", C_SJIS},
    {"windows-31j", C_SJIS}, {"x-sjis", C_SJIS},
    {"cseuckr", C_EUCKR}, {"csksc56011987", C_EUCKR}, {"euc-kr", C_EUCKR},
    {"iso-ir-149", C_EUCKR}, {"korean", C_EUCKR}, {"ks_c_5601-1987", C_EUCKR},
    {"ks_c_5601-1989", C_EUCKR}, {"ksc5601", C_EUCKR}, {"ksc_5601", C_EUCKR},
    {"windows-949", C_EUCKR},
    {"unicodefffe", C_UTF16BE}, {"utf-16be", C_UTF16BE},
    {"csunicode", C_UTF16LE}, {"iso-10646-ucs-2", C_UTF16LE}, {"ucs-2", C_UTF16LE},
    {"unicode", C_UTF16LE}, {"unicodefeff", C_UTF16LE}, {"utf-16", C_UTF16LE},
    {"utf-16le", C_UTF16LE},
    /* not in the standard, see the top of the file */
    {"utf-32", C_UTF32LE}, {"utf-32le", C_UTF32LE}, {"utf-32be", C_UTF32BE},
};

static int is_label_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

const charset_info *charset_lookup(const char *label_text, size_t len)
{
    const unsigned char *s = (const unsigned char *)label_text;
    while (len && is_label_space(*s)) {
        s++;
        len--;
    }
    while (len && is_label_space(s[len - 1]))
        len--;
    char low[24]; /* longer than any label */
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)ascii_lower(s[i]);
    low[len] = '\0';
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].label, low) == 0)
            return &charsets[labels[i].cs];
    return NULL;
}

const charset_info *charset_utf8(void) { return &charsets[C_UTF8]; }
const charset_info *charset_windows1252(void) { return &charsets[C_1252]; }
const charset_info *charset_utf16(int big_endian)
{
    return &charsets[big_endian ? C_UTF16BE : C_UTF16LE];
}
const charset_info *charset_utf32(int big_endian)
{
    return &charsets[big_endian ? C_UTF32BE : C_UTF32LE];
}

/* ---------------------------------------------------------------------------------
 * UTF-8 checking
 * ------------------------------------------------------------------------------ */

static const char replacement[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Length of the well-formed sequence at s (s[0] >= 0x80), or 0 when s[0] is a bad byte.
 * utf8_decode reports a bad byte as U+FFFD of length 1; a real U+FFFD is 3 bytes. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);
    return k == 1 ? 0 : k;
}

void charset_utf8_stats(const char *data, size_t len, size_t *valid_multi, size_t *invalid)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t good = 0, bad = 0, i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, len - i);
        if (k) {
            good++;
            i += k;
        } else {
            bad++;
            i++;
        }
    }
    *valid_multi = good;
    *invalid = bad;
}

/* Appends UTF-8-ish bytes, copying well-formed runs whole and turning each bad byte and
 * each NUL into U+FFFD. Used for UTF-8 input and, as a safety net, for iconv output. */
static void append_sanitized(pbuf *out, const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t run = 0, i = 0;
    while (i < len) {
        /* most pages are mostly ASCII: skip eight plain bytes (no high bit, no NUL) at a
         * time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) ||
                ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        size_t k = 1;
        if (s[i] >= 0x80)
            k = utf8_seq(s + i, len - i);
        else if (s[i] != 0) {
            i++;
            continue;
        } else
            k = 0;
        if (k) {
            i += k;
            continue;
        }
        pbuf_append(out, data + run, i - run);
        pbuf_append(out, replacement, sizeof replacement);
        run = ++i;
    }
    pbuf_append(out, data + run, len - run);
}

/* ---------------------------------------------------------------------------------
 * Native decoders: code points through a small staging buffer, so a 100 MB input costs
 * a few thousand appends rather than a hundred million.
 * ------------------------------------------------------------------------------ */

typedef struct writer {
    pbuf *out;
    size_t n;
    char buf[4096];
} writer;

static void w_flush(writer *w)
{
    pbuf_append(w->out, w->buf, w->n);
    w->n = 0;
}

static void w_put(writer *w, uint32_t cp)
{
    if (w->n > sizeof w->buf - 4)
        w_flush(w);
    if (cp == 0)
        cp = UC_REPLACEMENT;
    w->n += utf8_encode(cp, w->buf + w->n);
}

/* WHATWG's windows-1252 for 0x80-0x9F; the undefined five map to the C1 controls. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void decode_1252(writer *w, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        w_put(w, c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c);
    }
}

static uint32_t load16(const unsigned char *p, int be)
{
    return be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static void decode_utf16(writer *w, const unsigned char *s, size_t len, int be)
{
    size_t i = 0;
    for (; i + 2 <= len; i += 2) {
        uint32_t u = load16(s + i, be);
        if (u >= 0xD800 && u <= 0xDBFF && i + 4 <= len) {
            uint32_t lo = load16(s + i + 2, be);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                w_put(w, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        /* utf8_encode turns a lone surrogate into U+FFFD */
        w_put(w, u);
    }
    if (i < len)
        w_put(w, UC_REPLACEMENT);
}

static void decode_utf32(writer *w, const unsigned char *s, size_t len, int be)
{
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        const unsigned char *p = s + i;
        uint32_t u = be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                        : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
        w_put(w, u); /* out of range and surrogates become U+FFFD in utf8_encode */
    }
    if (i < len)
        w_put(w, UC_REPLACEMENT);
}

static void decode_native(const charset_info *cs, const char *data, size_t len, pbuf *out)
{
    const unsigned char *s = (const unsigned char *)data;
    if (cs == &charsets[C_UTF8]) {
        append_sanitized(out, data, len);
        return;
    }
    writer w;
    w.out = out;
    w.n = 0;
    if (cs == &charsets[C_1252])
        decode_1252(&w, s, len);
    else if (cs == &charsets[C_UTF16LE] || cs == &charsets[C_UTF16BE])
        decode_utf16(&w, s, len, cs == &charsets[C_UTF16BE]);
    else
        decode_utf32(&w, s, len, cs == &charsets[C_UTF32BE]);
    w_flush(&w);
}

/* ---------------------------------------------------------------------------------
 * iconv
 * ------------------------------------------------------------------------------ */

static iconv_t open_iconv(const charset_info *cs)
{
    for (int i = 0; i < 2 && cs->iconv[i]; i++) {
        iconv_t cd = iconv_open("UTF-8", cs->iconv[i]);
        if (cd != (iconv_t)-1)
            return cd;
    }
    return (iconv_t)-1;
}

/* iconv is handed the input a slice at a time. Sanitizer builds check the whole input
 * range on every iconv call, so with one call per bad byte a full-length range would
 * make a page of bad bytes quadratic there; a slice keeps each call's cost bounded. */
#define ICONV_SLICE 4096u

/* Every iconv call either consumes input, produces output, or fails on a byte we then
 * skip, so the loop ends after at most len rounds of errors plus the normal ones. */
static void decode_iconv(iconv_t cd, const char *data, size_t len, pbuf *out)
{
    char chunk[4 * ICONV_SLICE]; /* a UTF-8 character is at most 4 bytes a source byte */
    size_t pos = 0;
    while (pos < len && !out->oom) {
        size_t slice = len - pos < ICONV_SLICE ? len - pos : ICONV_SLICE;
        char *in = (char *)data + pos; /* iconv's prototype is not const-correct */
        size_t left = slice;
        char *o = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &in, &left, &o, &room);
        int e = errno;
        pos += slice - left;
        append_sanitized(out, chunk, (size_t)(o - chunk));
        if (r != (size_t)-1 || (e == E2BIG && o != chunk))
            continue;
        /* a character cut by the slice's end, not the input's: retry from its start */
        if (e == EINVAL && pos + left < len && left < slice)
            continue;
        /* EILSEQ (a bad byte), EINVAL (a truncated sequence at the end) or anything
         * unexpected: one U+FFFD for one byte, then resynchronise on the next. */
        pbuf_append(out, replacement, sizeof replacement);
        pos++;
    }
    char *o = chunk;
    size_t room = sizeof chunk;
    iconv(cd, NULL, NULL, &o, &room); /* end a stateful (ISO-2022-JP) stream */
    append_sanitized(out, chunk, (size_t)(o - chunk));
}

int charset_convert(const charset_info *cs, const char *data, size_t len, pbuf *out)
{
    if (!cs->iconv[0]) {
        decode_native(cs, data, len, out);
        return out->oom ? -1 : 0;
    }
    iconv_t cd = open_iconv(cs);
    if (cd == (iconv_t)-1)
        return 1;
    decode_iconv(cd, data, len, out);
    iconv_close(cd);
    return out->oom ? -1 : 0;
}
