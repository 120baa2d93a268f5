/* gzip inflation with a hard cap on the output.
 *
 * The output grows as zlib fills it and zlib is never given room past max + 1 bytes,
 * so a zip bomb stops at the cap having allocated about the cap, not the bomb.
 *
 * Decisions on imperfect streams:
 *   - concatenated members (gzip a; gzip b; cat) are inflated one after the other, as
 *     gzip(1) does;
 *   - bytes after a complete member that do not start another member (NUL padding,
 *     junk a server appended) are ignored, as gzip(1) does with a warning;
 *   - a stream cut short (the input ends inside a member) returns what it inflated so
 *     far, PITH_OK: crawls are full of truncated downloads, and a cut page is still a
 *     page, which the later stages already handle like truncated HTML. If nothing at
 *     all could be inflated it is PITH_ERR_GZIP;
 *   - corrupt data (a bad header, bad deflate data, a wrong CRC or length) is
 *     PITH_ERR_GZIP: after corruption nothing says the bytes are the page.
 * On failure `out` keeps what was inflated; the caller frees it as usual. */
#include <limits.h>
#include <string.h>
#include <zlib.h>

#include "decode.h"
#include "status.h"

int decode_is_gzip(const char *data, size_t len)
{
    return len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b;
}

/* zlib counts in uInt; larger buffers are fed in slices of this size. */
#define SLICE ((size_t)1 << 30)

static uInt slice(size_t n) { return (uInt)(n < SLICE ? n : SLICE); }

/* Gives zlib the free space of out, at most `limit` bytes, growing out first. Returns
 * -1 when out could not grow. */
static int give_room(z_stream *zs, pbuf *out, size_t limit)
{
    size_t want = out->len < 65536 ? 65536 : out->len / 2; /* geometric growth */
    if (want > limit)
        want = limit;
    if (out->cap - out->len < want + 1 && pbuf_reserve(out, want))
        return -1;
    size_t room = out->cap - out->len - 1; /* keep the byte for pbuf's NUL */
    if (room > limit)
        room = limit;
    zs->next_out = (Bytef *)out->data + out->len;
    zs->avail_out = slice(room);
    return 0;
}

static pith_status gzip_error(pith_error *err, const z_stream *zs, size_t produced)
{
    return pith_fail(err, PITH_ERR_GZIP, "gzip data is corrupt after %zu inflated bytes: %s",
                     produced, zs->msg ? zs->msg : "invalid stream");
}

static pith_status inflate_all(z_stream *zs, const char *data, size_t len, size_t max,
                               pbuf *out, size_t base, pith_error *err)
{
    size_t pos = 0; /* bytes of data handed to zlib so far */
    int members = 0;
    for (;;) {
        if (zs->avail_in == 0 && pos < len) {
            zs->next_in = (Bytef *)(data + pos);
            zs->avail_in = slice(len - pos);
            pos += zs->avail_in;
        }
        size_t produced = out->len - base;
        if (produced > max)
            return pith_fail(err, PITH_ERR_TOO_LARGE,
                             "gzip input inflates past max_input_bytes (%zu)", max);
        /* room for one byte past the cap, so reaching the cap and exceeding it differ */
        size_t limit = max - produced < SIZE_MAX ? max - produced + 1 : SIZE_MAX;
        if (give_room(zs, out, limit))
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory inflating gzip input");
        Bytef *before = zs->next_out;
        int rc = inflate(zs, Z_NO_FLUSH);
        out->len += (size_t)(zs->next_out - before);
        out->data[out->len] = '\0';
        if (rc == Z_STREAM_END) {
            members++;
            if (out->len - base > max)
                continue; /* reported at the top of the loop */
            size_t rest = zs->avail_in + (len - pos);
            const char *next = (const char *)zs->next_in;
            if (rest < 2 || !decode_is_gzip(next, rest))
                return PITH_OK; /* trailing padding or junk is ignored */
            if (inflateReset(zs) != Z_OK)
                return gzip_error(err, zs, out->len - base);
            continue;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && zs->avail_in == 0 && pos == len) {
            if (out->len - base > 0 || members > 0)
                return PITH_OK; /* truncated: keep what we have (see the top) */
            return pith_fail(err, PITH_ERR_GZIP, "gzip data is truncated: nothing inflated");
        }
        if (rc == Z_MEM_ERROR)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory inflating gzip input");
        return gzip_error(err, zs, out->len - base);
    }
}

pith_status decode_gunzip(const char *data, size_t len, size_t max, pbuf *out, pith_error *err)
{
    if (!decode_is_gzip(data, len))
        return pith_fail(err, PITH_ERR_GZIP, "input is not gzip data");
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory starting zlib");
    pith_status st = inflate_all(&zs, data, len, max, out, out->len, err);
    inflateEnd(&zs);
    if (st == PITH_OK)
        pith_ok(err);
    return st;
}
