/* Stage 1 orchestration: refuse binary files, find the charset, convert to UTF-8, and
 * tell HTML from a visible-text dump. gzip is in gzip.c, charset names and conversion
 * in charset.c. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucsdet.h>

#include "charset.h"
#include "decode.h"
#include "status.h"

/* How much of the input each sniffer looks at. Bounded, so sniffing a 100 MB page costs
 * no more than sniffing a 100 KB one. */
#define BINARY_SAMPLE 4096u
#define WIDE_SAMPLE 4096u
#define PRESCAN_BYTES 16384u
#define XMLDECL_BYTES 512u
#define KIND_SAMPLE 65536u
#define DETECT_SAMPLE 65536u

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* 1 when s[i..n) starts with the lower-case literal `lit`, ignoring ASCII case. */
static int starts_ci(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    for (; *lit; lit++, i++)
        if (i >= n || lower(s[i]) != (unsigned char)*lit)
            return 0;
    return 1;
}

/* First position >= i where s[i..n) holds `lit` (case-insensitive), or n. The literals
 * are a few bytes long, so this is linear in n. */
static size_t find_ci(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    for (; i < n; i++)
        if (starts_ci(s, n, i, lit))
            return i;
    return n;
}

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

/* ---------------------------------------------------------------------------------
 * UTF-16 and UTF-32 without a BOM
 *
 * Text in UTF-16LE has a NUL in the high (odd) byte of every ASCII character, which in
 * a web page (markup, spaces, newlines, digits) is a large share of the characters even
 * in Cyrillic or Greek; the low (even) byte is NUL only for the rare U+xx00. So: many
 * NULs on one side, almost none on the other. UTF-32 has two NULs in every BMP code
 * point. A few stray NULs in UTF-8 text fall on both sides and do not qualify; below
 * four NULs nothing is decided (a two-character UTF-16 text goes undetected).
 * ------------------------------------------------------------------------------ */

static const charset_info *sniff_wide(const unsigned char *s, size_t len)
{
    size_t n = min_size(len, WIDE_SAMPLE);
    size_t z[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        z[i & 3] += s[i] == 0;
    size_t quads = n / 4, pairs = n / 2;
    if (quads >= 4) {
        if (z[2] * 10 >= quads * 9 && z[3] * 10 >= quads * 9 && z[1] * 8 >= quads &&
            z[0] * 2 < quads)
            return charset_utf32(0);
        if (z[0] * 10 >= quads * 9 && z[1] * 10 >= quads * 9 && z[2] * 8 >= quads &&
            z[3] * 2 < quads)
            return charset_utf32(1);
    }
    size_t even = z[0] + z[2], odd = z[1] + z[3];
    if (odd >= 4 && odd * 8 >= pairs && even * 8 <= odd)
        return charset_utf16(0);
    if (even >= 4 && even * 8 >= pairs && odd * 8 <= even)
        return charset_utf16(1);
    return NULL;
}

/* The charset a byte order mark names, and the BOM's length; NULL without one. UTF-32LE
 * is tested before UTF-16LE, whose BOM is its prefix. */
static const charset_info *sniff_bom(const unsigned char *s, size_t n, size_t *bom_len)
{
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *bom_len = 3;
        return charset_utf8();
    }
    if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) {
        *bom_len = 4;
        return charset_utf32(0);
    }
    if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
        *bom_len = 4;
        return charset_utf32(1);
    }
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        *bom_len = 2;
        return charset_utf16(s[0] == 0xFE);
    }
    *bom_len = 0;
    return NULL;
}

/* ---------------------------------------------------------------------------------
 * Binary files
 * ------------------------------------------------------------------------------ */

typedef struct magic {
    unsigned short off;
    unsigned char n;
    const char *bytes;
    const char *what;
} magic;

/* Signatures long or odd enough that no text starts with them by accident. */
static const magic magics[] = {
    {0, 8, "\x89PNG\r\n\x1a\n", "a PNG image"},
    {0, 3, "\xff\xd8\xff", "a JPEG image"},
    {0, 6, "GIF87a", "a GIF image"},
    {0, 6, "GIF89a", "a GIF image"},
    {0, 4, "II*\0", "a TIFF image"},
    {0, 4, "MM\0*", "a TIFF image"},
    {0, 4, "8BPS", "a Photoshop image"},
    {0, 12, "\0\0\0\x0cjP  \r\n\x87\n", "a JPEG 2000 image"},
    {0, 12, "\0\0\0\x0cJXL \r\n\x87\n", "a JPEG XL image"},
    {0, 5, "%PDF-", "a PDF document"},
    {0, 8, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (OLE2)"},
    {0, 6, "7z\xbc\xaf\x27\x1c", "a 7z archive"},
    {0, 6, "Rar!\x1a\x07", "a RAR archive"},
    {0, 6, "\xfd" "7zXZ\0", "an xz archive"},
    {0, 4, "\x28\xb5\x2f\xfd", "a zstd archive"},
    {0, 4, "\x04\x22\x4d\x18", "an LZ4 archive"},
    {0, 2, "\x1f\x8b", "gzip-compressed data (inflate it first)"},
    {257, 5, "ustar", "a tar archive"},
    {0, 4, "\x7f" "ELF", "an ELF executable"},
    {0, 4, "\xfe\xed\xfa\xce", "a Mach-O executable"},
    {0, 4, "\xfe\xed\xfa\xcf", "a Mach-O executable"},
    {0, 4, "\xce\xfa\xed\xfe", "a Mach-O executable"},
    {0, 4, "\xcf\xfa\xed\xfe", "a Mach-O executable"},
    {0, 4, "\xca\xfe\xba\xbe", "a Java class file or Mach-O executable"},
    {0, 4, "\0asm", "a WebAssembly module"},
    {0, 4, "dex\n", "an Android DEX file"},
    {0, 4, "wOFF", "a WOFF font"},
    {0, 4, "wOF2", "a WOFF2 font"},
    {0, 5, "OTTO\0", "an OpenType font"},
    {0, 5, "ttcf\0", "a TrueType font collection"},
    {0, 5, "\0\1\0\0\0", "a TrueType font"},
    {0, 4, "OggS", "an Ogg audio or video file"},
    {0, 4, "fLaC", "a FLAC audio file"},
    {0, 4, "ID3\x02", "an MP3 audio file"},
    {0, 4, "ID3\x03", "an MP3 audio file"},
    {0, 4, "ID3\x04", "an MP3 audio file"},
    {0, 4, "\x1a\x45\xdf\xa3", "a Matroska or WebM video"},
    {0, 8, "MThd\0\0\0\x06", "a MIDI file"},
    {0, 4, "FLV\x01", "a Flash video"},
    {0, 4, "\0\0\1\xba", "an MPEG video"},
    {0, 4, "\0\0\1\xb3", "an MPEG video"},
    {0, 8, "\x30\x26\xb2\x75\x8e\x66\xcf\x11", "a Windows Media file"},
    {0, 16, "SQLite format 3\0", "an SQLite database"},
};

static int has(const unsigned char *s, size_t n, size_t off, const char *bytes, size_t k)
{
    return n >= off + k && memcmp(s + off, bytes, k) == 0;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const char *riff_kind(const unsigned char *s, size_t n)
{
    if (!has(s, n, 0, "RIFF", 4) || n < 12)
        return NULL;
    if (has(s, n, 8, "WEBP", 4))
        return "a WebP image";
    if (has(s, n, 8, "WAVE", 4))
        return "a WAV audio file";
    if (has(s, n, 8, "AVI ", 4))
        return "an AVI video";
    return "a RIFF media file";
}

/* ISO base media (MP4, MOV, HEIF, AVIF): a box size, then "ftyp" and the brand. */
static const char *ftyp_kind(const unsigned char *s, size_t n)
{
    if (!has(s, n, 4, "ftyp", 4) || n < 12 || s[0] != 0)
        return NULL;
    if (has(s, n, 8, "avif", 4) || has(s, n, 8, "heic", 4) || has(s, n, 8, "heix", 4) ||
        has(s, n, 8, "mif1", 4))
        return "a HEIF/AVIF image";
    if (has(s, n, 8, "M4A ", 4))
        return "an MPEG-4 audio file";
    if (has(s, n, 8, "qt  ", 4))
        return "a QuickTime video";
    return "an MP4 video";
}

static size_t find_bytes(const unsigned char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == (unsigned char)lit[0] && memcmp(s + i, lit, k) == 0)
            return i;
    return n;
}

/* ZIP, and the formats built on it, told apart by the member names near the start. */
static const char *zip_kind(const unsigned char *s, size_t n)
{
    if (!has(s, n, 0, "PK\3\4", 4) && !has(s, n, 0, "PK\5\6", 4) && !has(s, n, 0, "PK\7\10", 4))
        return NULL;
    static const struct {
        const char *member, *what;
    } zips[] = {
        {"word/", "a Word document (docx)"},
        {"xl/", "an Excel workbook (xlsx)"},
        {"ppt/", "a PowerPoint presentation (pptx)"},
        {"mimetypeapplication/epub+zip", "an EPUB book"},
        {"mimetypeapplication/vnd.oasis.opendocument", "an OpenDocument file"},
        {"AndroidManifest.xml", "an Android package (apk)"},
        {"META-INF/", "a Java archive (jar)"},
    };
    size_t m = min_size(n, BINARY_SAMPLE);
    for (size_t i = 0; i < sizeof zips / sizeof zips[0]; i++)
        if (find_bytes(s, m, zips[i].member) < m)
            return zips[i].what;
    return "a ZIP archive";
}

static const char *exe_kind(const unsigned char *s, size_t n)
{
    if (!has(s, n, 0, "MZ", 2) || n < 64)
        return NULL;
    uint32_t pe = le32(s + 0x3C);
    if (pe <= n - 4 && memcmp(s + pe, "PE\0\0", 4) == 0)
        return "a Windows executable";
    return NULL; /* a DOS program still fails the control-byte test */
}

/* The MPEG audio frame header (MP3 without ID3 tag, AAC in ADTS). 0xFF 0xFE is the
 * UTF-16LE byte order mark and is left alone. */
static const char *mpeg_audio_kind(const unsigned char *s, size_t n)
{
    if (n < 3 || s[0] != 0xFF || (s[1] & 0xE0) != 0xE0 || s[1] == 0xFE || s[1] == 0xFF)
        return NULL;
    if ((s[2] & 0xF0) == 0xF0 || (s[2] & 0x0C) == 0x0C)
        return NULL;
    return "an MP3 or AAC audio file";
}

/* "BZh", the block size digit, then the magic of the first block (or of the end of an
 * empty stream): "BZh9" alone could start a line of text. */
static const char *bzip2_kind(const unsigned char *s, size_t n)
{
    if (n < 10 || !has(s, n, 0, "BZh", 3) || s[3] < '1' || s[3] > '9')
        return NULL;
    if (has(s, n, 4, "\x31\x41\x59\x26\x53\x59", 6) ||
        has(s, n, 4, "\x17\x72\x45\x38\x50\x90", 6))
        return "a bzip2 archive";
    return NULL;
}

/* ICO/CUR and BMP have short magics; the fields after them must be plausible too. */
static const char *small_image_kind(const unsigned char *s, size_t n)
{
    if (n >= 22 && s[0] == 0 && s[1] == 0 && (s[2] == 1 || s[2] == 2) && s[3] == 0 &&
        s[4] != 0 && s[5] == 0 && s[9] == 0)
        return s[2] == 1 ? "an ICO icon" : "a CUR cursor";
    if (n >= 26 && s[0] == 'B' && s[1] == 'M' && le32(s + 6) == 0)
        return "a BMP image";
    return NULL;
}

static const char *binary_kind(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (has(s, n, magics[i].off, magics[i].bytes, magics[i].n))
            return magics[i].what;
    const char *what;
    if ((what = riff_kind(s, n)) || (what = ftyp_kind(s, n)) || (what = zip_kind(s, n)) ||
        (what = exe_kind(s, n)) || (what = bzip2_kind(s, n)) ||
        (what = mpeg_audio_kind(s, n)) || (what = small_image_kind(s, n)))
        return what;
    return NULL;
}

/* Control bytes no text has: C0 controls except tab, newlines, form feed and escape
 * (ISO-2022-JP uses it), and DEL. */
static int is_control(unsigned char c)
{
    if (c == 0x7F)
        return 1;
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B;
}

/* Binary data read as UTF-16 or UTF-32: its code units fall anywhere, so some are
 * control characters and some surrogates without their pair, which text in those
 * charsets practically never has. Counted over the first BINARY_SAMPLE bytes. */
static int wide_looks_binary(const unsigned char *s, size_t len, const charset_info *cs)
{
    int unit = cs == charset_utf32(0) || cs == charset_utf32(1) ? 4 : 2;
    int be = cs == charset_utf16(1) || cs == charset_utf32(1);
    size_t n = min_size(len, BINARY_SAMPLE) / (size_t)unit, bad = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = s + i * (size_t)unit;
        uint32_t u = 0;
        for (int k = 0; k < unit; k++)
            u |= (uint32_t)p[be ? unit - 1 - k : k] << (8 * k);
        int surrogate = u >= 0xD800 && u <= 0xDFFF;
        if (surrogate && u < 0xDC00 && i + 1 < n && unit == 2) {
            const unsigned char *q = p + 2;
            uint32_t next = be ? (uint32_t)q[0] << 8 | q[1] : (uint32_t)q[1] << 8 | q[0];
            if (next >= 0xDC00 && next <= 0xDFFF) {
                i++; /* a pair */
                continue;
            }
        }
        bad += surrogate || u > 0x10FFFF || (u < 0x20 && u != '\t' && u != '\n' && u != '\r' &&
                                              u != '\f' && u != 0x1B) || u == 0x7F;
    }
    /* random bytes give about 3% of each (a 16-bit unit is a surrogate 1 time in 32),
     * text none at all */
    return n >= 16 && bad * 100 > n;
}

pith_status decode_check_binary(const char *data, size_t len, pith_error *err)
{
    const unsigned char *s = (const unsigned char *)data;
    const char *what = binary_kind(s, len);
    if (what)
        return pith_fail(err, PITH_ERR_BINARY, "input is %s, not text", what);
    /* A byte order mark says what the bytes after it should be, not that they are: an
     * image with a BOM in front is still an image. */
    size_t bom;
    const charset_info *cs = sniff_bom(s, len, &bom);
    if (cs && (what = binary_kind(s + bom, len - bom)) != NULL)
        return pith_fail(err, PITH_ERR_BINARY, "input is %s (after a byte order mark), not text",
                         what);
    if (cs == charset_utf8()) {
        s += bom;
        len -= bom;
    } else if (cs || (cs = sniff_wide(s, len)) != NULL) {
        if (wide_looks_binary(s + bom, len - bom, cs))
            return pith_fail(err, PITH_ERR_BINARY,
                             "input looks like binary data, not %s text: its code units are "
                             "control characters and broken surrogates",
                             cs->name);
        pith_ok(err);
        return PITH_OK;
    }
    /* Text has practically no control bytes; compressed or encrypted data has about
     * 11% (28 of 256 byte values), structured binaries far more. 5% sits between, on a
     * sample large enough for the ratio to mean something; a tiny input must be mostly
     * control bytes. */
    size_t n = min_size(len, BINARY_SAMPLE), controls = 0;
    for (size_t i = 0; i < n; i++)
        controls += is_control(s[i]);
    if (controls * 2 > n || (n >= 256 && controls * 20 > n))
        return pith_fail(err, PITH_ERR_BINARY,
                         "input looks like binary data, not text: %zu of its first %zu bytes "
                         "are control characters",
                         controls, n);
    pith_ok(err);
    return PITH_OK;
}

/* ---------------------------------------------------------------------------------
 * Declared charsets: the HTTP header, <meta>, the XML declaration
 * ------------------------------------------------------------------------------ */

/* WHATWG "extracting a character encoding from a meta element", also good for an HTTP
 * Content-Type value: the first `charset` followed by `=`, then a quoted value (which
 * must be closed) or an unquoted one up to white space or `;`. */
static const charset_info *charset_from_content(const unsigned char *v, size_t n)
{
    size_t i = 0;
    for (;;) {
        i = find_ci(v, n, i, "charset");
        if (i >= n)
            return NULL;
        i += 7;
        while (i < n && is_space(v[i]))
            i++;
        if (i < n && v[i] == '=')
            break;
    }
    i++;
    while (i < n && is_space(v[i]))
        i++;
    if (i >= n)
        return NULL;
    if (v[i] == '"' || v[i] == '\'') {
        const unsigned char *close = memchr(v + i + 1, v[i], n - i - 1);
        return close ? charset_lookup((const char *)v + i + 1, (size_t)(close - v - i - 1))
                     : NULL;
    }
    size_t j = i;
    while (j < n && !is_space(v[j]) && v[j] != ';')
        j++;
    return charset_lookup((const char *)v + i, j - i);
}

/* An attribute of the prescan, lower-cased. Longer names and values are cut; the
 * cut-off length is kept so a cut name never matches. */
typedef struct attr {
    size_t name_len, value_len;
    char name[16];
    unsigned char value[512];
} attr;

static void attr_name_push(attr *a, unsigned char c)
{
    if (a->name_len < sizeof a->name)
        a->name[a->name_len] = (char)lower(c);
    a->name_len++;
}

static void attr_value_push(attr *a, unsigned char c)
{
    if (a->value_len < sizeof a->value)
        a->value[a->value_len++] = lower(c);
}

static int attr_is(const attr *a, const char *name)
{
    size_t k = strlen(name);
    return a->name_len == k && memcmp(a->name, name, k) == 0;
}

static size_t attr_value(const unsigned char *s, size_t n, size_t i, attr *a)
{
    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || s[i] == '>')
        return i;
    if (s[i] == '"' || s[i] == '\'') {
        unsigned char q = s[i++];
        while (i < n && s[i] != q)
            attr_value_push(a, s[i++]);
        return i < n ? i + 1 : i;
    }
    while (i < n && !is_space(s[i]) && s[i] != '>')
        attr_value_push(a, s[i++]);
    return i;
}

/* WHATWG "get an attribute": reads one attribute at s[i..] into a. Returns the new
 * position; *found is 0 when there is none (at '>' or the end). */
static size_t get_attr(const unsigned char *s, size_t n, size_t i, attr *a, int *found)
{
    a->name_len = a->value_len = 0;
    while (i < n && (is_space(s[i]) || s[i] == '/'))
        i++;
    *found = i < n && s[i] != '>';
    if (!*found)
        return i;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c == '=' && a->name_len > 0)
            return attr_value(s, n, i + 1, a);
        if (is_space(c)) {
            while (i < n && is_space(s[i]))
                i++;
            return i < n && s[i] == '=' ? attr_value(s, n, i + 1, a) : i;
        }
        if (c == '/' || c == '>')
            return i;
        attr_name_push(a, c);
    }
    return i;
}

/* The attributes of one <meta>, as the prescan weighs them: charset=, or http-equiv=
 * content-type together with content=...charset=. *pos ends at the tag's '>'. */
static const charset_info *meta_charset(const unsigned char *s, size_t n, size_t *pos)
{
    attr a;
    int found, got_pragma = 0, need_pragma = -1, seen = 0;
    const charset_info *cs = NULL;
    size_t i = *pos;
    while ((i = get_attr(s, n, i, &a, &found)), found) {
        int bit = attr_is(&a, "http-equiv") ? 1 : attr_is(&a, "content") ? 2
                : attr_is(&a, "charset")    ? 4 : 0;
        if (!bit || (seen & bit))
            continue; /* the first of duplicate attributes wins */
        seen |= bit;
        if (bit == 1)
            got_pragma = a.value_len == 12 && memcmp(a.value, "content-type", 12) == 0;
        else if (bit == 2 && need_pragma == -1) {
            cs = charset_from_content(a.value, a.value_len);
            if (cs)
                need_pragma = 1;
        } else if (bit == 4) {
            cs = charset_lookup((const char *)a.value, a.value_len);
            need_pragma = 0;
        }
    }
    *pos = i;
    if (need_pragma == -1 || (need_pragma == 1 && !got_pragma))
        return NULL;
    return cs;
}

/* Skips a start or end tag's name and attributes, so that a '<meta' inside an
 * attribute value is not taken for a tag. */
static size_t skip_tag(const unsigned char *s, size_t n, size_t i)
{
    while (i < n && !is_space(s[i]) && s[i] != '>')
        i++;
    attr a;
    int found;
    while ((i = get_attr(s, n, i, &a, &found)), found)
        ;
    return i;
}

/* WHATWG "prescan a byte stream to determine its encoding", over PRESCAN_BYTES. */
static const charset_info *prescan_meta(const unsigned char *s, size_t len)
{
    size_t n = min_size(len, PRESCAN_BYTES);
    size_t i = 0;
    while (i < n) {
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (starts_ci(s, n, i, "<!--")) {
            size_t end = find_ci(s, n, i + 2, "-->");
            i = end + 3;
        } else if (starts_ci(s, n, i, "<meta") && i + 5 < n &&
                   (is_space(s[i + 5]) || s[i + 5] == '/')) {
            i += 6;
            const charset_info *cs = meta_charset(s, n, &i);
            if (cs)
                return cs;
        } else if (i + 1 < n && (is_alpha(s[i + 1]) ||
                                 (s[i + 1] == '/' && i + 2 < n && is_alpha(s[i + 2])))) {
            i = skip_tag(s, n, i + 1);
        } else if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            const unsigned char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) : n;
        } else
            i++;
    }
    return NULL;
}

/* <?xml version="1.0" encoding="..."?> at the very start (white space tolerated). */
static const charset_info *xml_declaration(const unsigned char *s, size_t len)
{
    size_t i = 0;
    size_t n = min_size(len, XMLDECL_BYTES);
    while (i < n && is_space(s[i]))
        i++;
    if (!starts_ci(s, n, i, "<?xml") || i + 5 >= n || !is_space(s[i + 5]))
        return NULL;
    size_t end = find_ci(s, n, i, "?>");
    i = find_ci(s, end, i, "encoding");
    if (i >= end)
        return NULL;
    i += 8;
    while (i < end && is_space(s[i]))
        i++;
    if (i >= end || s[i] != '=')
        return NULL;
    i++;
    while (i < end && is_space(s[i]))
        i++;
    if (i >= end || (s[i] != '"' && s[i] != '\''))
        return NULL;
    const unsigned char *close = memchr(s + i + 1, s[i], end - i - 1);
    return close ? charset_lookup((const char *)s + i + 1, (size_t)(close - s - i - 1)) : NULL;
}

/* ---------------------------------------------------------------------------------
 * Choosing the charset
 * ------------------------------------------------------------------------------ */

/* The whole-input UTF-8 statistics, computed once and only if a rule needs them. */
typedef struct evidence {
    const unsigned char *s;
    size_t len;
    int have_stats;
    size_t valid_multi, invalid;
} evidence;

static void need_stats(evidence *ev)
{
    if (!ev->have_stats)
        charset_utf8_stats((const char *)ev->s, ev->len, &ev->valid_multi, &ev->invalid);
    ev->have_stats = 1;
}

/* Whether bytes declared to be a legacy charset are really UTF-8. Legacy text with
 * non-ASCII characters practically never forms well-formed UTF-8: an accented letter of
 * windows-1252 or ISO-8859-x is a lone byte >= 0x80 between ASCII letters, which UTF-8
 * rejects, and the rare pair that happens to be valid ("Ã©") is itself mojibake. So
 * UTF-8 sequences with (almost) no invalid bytes mean the declaration is the common
 * mistake of a template that kept "iso-8859-1" after the site moved to UTF-8. One
 * invalid byte in a hundred is tolerated for a page cut inside a character. The CJK
 * multi-byte charsets can form a few valid UTF-8 sequences by chance (a GBK pair with
 * lead 0xC2-0xDF and trail 0xA1-0xBF is one), so for them eight are asked for: the
 * odds of eight in a row by chance are below one in a million. */
static int really_utf8(evidence *ev, const charset_info *declared)
{
    need_stats(ev);
    size_t enough = declared->family == CS_MULTI ? 8 : 1;
    return ev->valid_multi >= enough && ev->invalid * 100 <= ev->valid_multi;
}

/* How far a declared charset is believed. `in_markup` is set for <meta> and the XML
 * declaration: having been read as ASCII, the page cannot be UTF-16 or UTF-32, so the
 * HTML standard turns such a declaration into UTF-8. An HTTP header naming UTF-16 is
 * believed when the bytes have NULs, with the byte order the bytes show. NULL: ignore
 * the declaration and look at the next piece of evidence. */
static const charset_info *believe(evidence *ev, const charset_info *cs, int in_markup)
{
    if (!cs || cs->family == CS_UTF8)
        return cs;
    if (cs->family == CS_WIDE) {
        if (in_markup)
            return charset_utf8();
        const charset_info *seen = sniff_wide(ev->s, ev->len);
        if (seen)
            return seen;
        return memchr(ev->s, 0, min_size(ev->len, WIDE_SAMPLE)) ? cs : NULL;
    }
    return really_utf8(ev, cs) ? charset_utf8() : cs;
}

/* Statistical detection, for bytes that declare nothing and are not UTF-8: ICU's
 * charset detector (byte-sequence and n-gram models of the East Asian multi-byte
 * charsets and of the single-byte ones of some twenty languages). It sees a bounded
 * sample from just before the first non-ASCII byte, where the text that tells charsets
 * apart starts (the markup before it is ASCII in every candidate), with tags filtered
 * out. A multi-byte charset is taken when ICU is fairly sure (its byte patterns are
 * distinctive); another single-byte charset than windows-1252 only when it is sure,
 * since the Latin ones differ in a few letters and the web's legacy pages are mostly
 * windows-1252. NULL: stay with windows-1252; *confidence is ICU's for the answer it
 * gave, 0 when it gave none. */
static const charset_info *detect_legacy(evidence *ev, double *confidence)
{
    *confidence = 0;
    size_t first = 0;
    while (first < ev->len && ev->s[first] < 0x80)
        first++;
    size_t start = first > 1024 ? first - 1024 : 0;
    size_t n = min_size(ev->len - start, DETECT_SAMPLE);
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status))
        return NULL;
    const charset_info *cs = NULL;
    int decided = 0;
    int32_t n_matches = 0;
    ucsdet_enableInputFilter(det, 1);
    ucsdet_setText(det, (const char *)ev->s + start, (int32_t)n, &status);
    const UCharsetMatch **m = U_SUCCESS(status) ? ucsdet_detectAll(det, &n_matches, &status)
                                                : NULL;
    /* the best answer pith knows decides; a windows-1252 (ISO-8859-1) answer further
     * down still gives the fallback its confidence */
    for (int32_t i = 0; m && U_SUCCESS(status) && i < n_matches; i++) {
        const char *name = ucsdet_getName(m[i], &status);
        int32_t conf = ucsdet_getConfidence(m[i], &status);
        const charset_info *found =
            U_SUCCESS(status) && name ? charset_lookup(name, strlen(name)) : NULL;
        if (!found || found->family == CS_UTF8 || found->family == CS_WIDE)
            continue;
        /* a guess is never certain: 1 is kept for what was declared */
        double c = (conf < 99 ? conf : 99) / 100.0;
        if (found == charset_windows1252()) {
            *confidence = c;
            break;
        }
        if (!decided && conf >= (found->family == CS_MULTI ? 30 : 60)) {
            cs = found;
            *confidence = c;
            break;
        }
        decided = 1; /* not sure enough: windows-1252 it is */
    }
    ucsdet_close(det);
    return cs;
}

/* The last resort. Valid UTF-8 is UTF-8. Invalid UTF-8 is windows-1252 (or what the
 * detector above finds) when the invalid bytes outnumber the valid multi-byte
 * sequences, else UTF-8 with U+FFFD for the bad bytes. The majority rule minimises the
 * damage on mixed pages (a UTF-8 template around a Latin-1 article, or the reverse):
 * reading as windows-1252 garbles every valid sequence, reading as UTF-8 loses every
 * invalid byte, so the smaller loss wins; ties go to UTF-8, the web's usual charset. A
 * real legacy page is nearly all invalid bytes, a damaged UTF-8 page nearly all valid
 * sequences, so both land right. *confidence is 1 for valid UTF-8, the share of valid
 * sequences for damaged UTF-8, the detector's for a legacy charset. */
static const charset_info *sniff_utf8_or_legacy(evidence *ev, double *confidence)
{
    need_stats(ev);
    if (ev->invalid > ev->valid_multi) {
        const charset_info *cs = detect_legacy(ev, confidence);
        return cs ? cs : charset_windows1252();
    }
    *confidence = ev->invalid ? (double)ev->valid_multi / (double)(ev->valid_multi + ev->invalid)
                              : 1.0;
    return charset_utf8();
}

static const charset_info *choose_charset(evidence *ev, const char *content_type,
                                          double *confidence)
{
    const charset_info *cs = NULL;
    if (content_type)
        cs = believe(ev, charset_from_content((const unsigned char *)content_type,
                                              strlen(content_type)),
                     0);
    if (!cs)
        cs = believe(ev, prescan_meta(ev->s, ev->len), 1);
    if (!cs)
        cs = believe(ev, xml_declaration(ev->s, ev->len), 1);
    if (!cs)
        cs = sniff_wide(ev->s, ev->len);
    if (!cs)
        cs = sniff_utf8_or_legacy(ev, confidence);
    return cs;
}

pith_status decode_to_utf8(const char *data, size_t len, const char *content_type, pbuf *out,
                           char charset[32], pith_error *err)
{
    double confidence;
    return decode_to_utf8_detect(data, len, content_type, out, charset, &confidence, err);
}

pith_status decode_to_utf8_detect(const char *data, size_t len, const char *content_type,
                                  pbuf *out, char charset[32], double *confidence,
                                  pith_error *err)
{
    *confidence = 1.0;
    if (!data) { /* so no pointer arithmetic or memchr ever sees NULL */
        data = "";
        len = 0;
    }
    const unsigned char *s = (const unsigned char *)data;
    size_t bom = 0;
    const charset_info *cs = sniff_bom(s, len, &bom);
    evidence ev = {s + bom, len - bom, 0, 0, 0};
    if (!cs)
        cs = choose_charset(&ev, content_type, confidence);
    size_t base = out->len;
    int rc = charset_convert(cs, (const char *)ev.s, ev.len, out);
    if (rc == 1) { /* this iconv lacks the declared charset: sniff as if undeclared */
        cs = sniff_wide(ev.s, ev.len);
        if (!cs)
            cs = sniff_utf8_or_legacy(&ev, confidence);
        rc = charset_convert(cs, (const char *)ev.s, ev.len, out);
        if (rc == 1) /* the detector's pick is missing too */
            rc = charset_convert(cs = charset_windows1252(), (const char *)ev.s, ev.len, out);
    }
    if (rc != 0)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory converting %zu bytes from %s",
                         len, cs->name);
    /* a BOM inside the declared charset's bytes (UTF-8 BOM under a UTF-16 header...) */
    if (out->len - base >= 3 && memcmp(out->data + base, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data + base, out->data + base + 3, out->len - base - 3 + 1);
        out->len -= 3;
    }
    snprintf(charset, 32, "%s", cs->name);
    pith_ok(err);
    return PITH_OK;
}

/* ---------------------------------------------------------------------------------
 * HTML or visible text
 * ------------------------------------------------------------------------------ */

/* Tags that make up ordinary pages; a text dump quoting code or a comment form's "You
 * may use these HTML tags" mentions some too, which is why their share of the text
 * counts as well as their variety. At most 64, for the bit set. */
static const char *const known_tags[] = {
    "html", "head", "body", "div", "p", "span", "a", "script", "meta", "table", "tr",
    "td", "th", "li", "ul", "ol", "br", "link", "style", "title", "img", "h1", "h2",
    "h3", "h4", "h5", "h6", "section", "article", "nav", "header", "footer", "form",
    "input", "button", "iframe", "noscript", "strong", "em", "b", "i", "figure",
    "label", "select", "option", "tbody", "aside", "main", "source", "picture", "svg",
    "time", "small", "blockquote", "pre", "code", "hr", "dl", "dt", "dd", "figcaption",
    "template", "u", "font",
};
_Static_assert(sizeof known_tags / sizeof known_tags[0] <= 64, "known_tags must fit a uint64_t");

/* Index of the known tag named s[0..k), or -1. */
static int known_tag(const unsigned char *s, size_t k)
{
    char name[12];
    if (k == 0 || k >= sizeof name)
        return -1;
    for (size_t i = 0; i < k; i++)
        name[i] = (char)lower(s[i]);
    name[k] = '\0';
    for (size_t i = 0; i < sizeof known_tags / sizeof known_tags[0]; i++)
        if (strcmp(known_tags[i], name) == 0)
            return (int)i;
    return -1;
}

typedef struct markup {
    uint64_t distinct; /* bit set of known_tags seen */
    size_t tags;       /* known tags, start and end */
    size_t end_tags;   /* of which end tags */
    size_t tag_bytes;  /* bytes inside them, '<' to '>' */
} markup;

/* A known tag at s[i] ('<'): its length up to and including '>', or 0. */
static size_t tag_at(const unsigned char *s, size_t n, size_t i, int *which)
{
    size_t j = i + 1;
    if (j < n && s[j] == '/')
        j++;
    size_t name = j;
    while (j < n && j - name < 12 && (is_alpha(s[j]) || (s[j] >= '0' && s[j] <= '9')))
        j++;
    if (j >= n || !(is_space(s[j]) || s[j] == '>' || s[j] == '/'))
        return 0;
    if ((*which = known_tag(s + name, j - name)) < 0)
        return 0;
    const unsigned char *gt = memchr(s + j, '>', min_size(n - j, 2048));
    return gt ? (size_t)(gt - s) - i + 1 : 0;
}

static markup count_markup(const unsigned char *s, size_t n)
{
    markup m = {0, 0, 0, 0};
    size_t i = 0;
    const unsigned char *lt;
    while (i < n && (lt = memchr(s + i, '<', n - i)) != NULL) {
        i = (size_t)(lt - s);
        int which;
        size_t k = tag_at(s, n, i, &which);
        if (!k) {
            i++;
            continue;
        }
        m.distinct |= (uint64_t)1 << which;
        m.tags++;
        m.end_tags += s[i + 1] == '/';
        m.tag_bytes += k;
        i += k;
    }
    return m;
}

static int popcount64(uint64_t v)
{
    int c = 0;
    for (; v; v &= v - 1)
        c++;
    return c;
}

pith_input_kind decode_sniff_kind(const char *utf8, size_t len)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t n = min_size(len, KIND_SAMPLE), i = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n && is_space(s[i]))
        i++;
    static const char *const openers[] = {"<!doctype", "<html", "<?xml", "<head", "<body"};
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        if (starts_ci(s, n, i, openers[k]))
            return PITH_INPUT_HTML;
    markup m = count_markup(s + i, n - i);
    /* A comment or a known tag first, and an end tag after it: a page without its head,
     * or a fragment such as an article body of <p>s, whose long prose would fail the
     * share test below. A text dump may open with the text of a <noscript> (tracking
     * <img> tags) but has no end tags to go with it. */
    int which;
    if ((starts_ci(s, n, i, "<!--") && m.tags > 0) ||
        (tag_at(s, n, i, &which) && m.end_tags > 0))
        return PITH_INPUT_HTML;
    /* Markup is a third or more of a page's bytes even without a doctype (35-70% in the
     * corpora); text dumps that quote tags (code samples, "You may use these HTML
     * tags") stay under 4%. 10% sits between with room on both sides. */
    if (popcount64(m.distinct) >= 3 && m.tag_bytes * 100 >= (n - i) * 10)
        return PITH_INPUT_HTML;
    return PITH_INPUT_TEXT;
}
