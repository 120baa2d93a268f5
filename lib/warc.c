/* pith_warc_reader: pages out of WARC files, streaming, one record at a time.
 *
 * Three layers, bottom to top:
 *   raw     bytes from the source (a callback, a file descriptor or memory), buffered;
 *   stream  the uncompressed WARC stream: the raw bytes themselves, or their inflation
 *           when the file starts with the gzip magic. Inflation stops at the end of each
 *           gzip member, so the compressed offset of each member is known and a record
 *           that starts a member (the usual .warc.gz) is reported at its file offset;
 *   record  WARC headers, the block of Content-Length bytes, and for responses the HTTP
 *           message: status line, headers, chunked transfer-encoding, content-encoding.
 *
 * Errors and resynchronisation. A record whose headers are not WARC, whose length is
 * missing, or whose HTTP message is broken is reported at its offset; the record layer
 * then scans the stream for the next line starting "WARC/" (the framing of a WARC has no
 * other marker). Corrupt deflate data cannot be scanned, so the stream layer instead
 * searches the raw bytes for the next gzip member header and restarts inflation there:
 * with one member per record that loses only the corrupt record. A source that ends
 * inside a record (a truncated download) reports that record and ends.
 *
 * Memory: a record's block is held while it is decoded, so at most about
 * max_input_bytes (plus 1 MiB for HTTP headers) per record; records past that are read
 * through without being kept and reported as PITH_ERR_TOO_LARGE. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "decode.h"
#include "pith.h"
#include "status.h"

#define RAW_CHUNK ((size_t)1 << 16)
#define MAX_HEADER_BYTES ((size_t)1 << 18) /* WARC or HTTP header block */
#define HTTP_HEADROOM ((size_t)1 << 20)    /* a response block may exceed the page cap by this */

typedef struct member {
    uint64_t uoff; /* uncompressed offset where the member's output starts */
    uint64_t coff; /* its offset in the file */
} member;

struct pith_warc_reader {
    /* source */
    pith_read_fn read;
    void *userdata;
    int fd;                 /* pith_warc_reader_open's, closed by free; else -1 */
    const char *mem;        /* pith_warc_reader_new_memory's */
    size_t mem_len, mem_pos;
    size_t max;             /* max_input_bytes */

    /* raw layer: raw[raw_pos .. raw_len) not yet used; raw_base bytes came before raw[0] */
    unsigned char *raw;
    size_t raw_pos, raw_len, raw_cap;
    uint64_t raw_base;
    int raw_eof;

    /* stream layer */
    int gz;                 /* -1 not yet known, 0 plain, 1 gzip */
    z_stream zs;
    int zs_ready;           /* inflateInit2 done */
    int in_member;          /* inside a gzip member */
    member *members;        /* members whose output may still be unread, oldest first */
    size_t n_members, cap_members;
    pith_status pending;    /* a stream error met after some bytes were produced */
    int broken;             /* fill reported corrupt gzip data since the record began */
    uint64_t broken_at;     /* the file offset of that data (a member's start, or junk) */
    char pending_msg[200];

    /* the uncompressed window: buf[pos .. len) unread; ubase bytes came before buf[0] */
    unsigned char *buf;
    size_t pos, len, cap;
    uint64_t ubase;
    int eof;                /* the stream has ended (or stopped on an error) */
    int stopped;            /* PITH_ERR_IO / NOMEM / truncation: the next call ends */

    /* the current record */
    pbuf header;            /* WARC header lines, NUL-separated copies of the values */
    pbuf block;
    pbuf payload;
    char type[32], skip[40];
    size_t f_target, f_id, f_date, f_ctype; /* offsets in `header`, 0 for "" */
    char http_ctype[256];
};

/* ---- raw layer --------------------------------------------------------------------- */

static ptrdiff_t read_fd(void *userdata, void *buf, size_t len)
{
    int fd = *(int *)userdata;
    for (;;) {
        ssize_t n = read(fd, buf, len);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

static ptrdiff_t read_mem(void *userdata, void *buf, size_t len)
{
    pith_warc_reader *r = userdata;
    size_t n = r->mem_len - r->mem_pos < len ? r->mem_len - r->mem_pos : len;
    memcpy(buf, r->mem + r->mem_pos, n);
    r->mem_pos += n;
    return (ptrdiff_t)n;
}

/* Reads more raw bytes; PITH_OK with raw_eof set at the end. */
static pith_status raw_more(pith_warc_reader *r, pith_error *err)
{
    if (r->raw_eof)
        return PITH_OK;
    if (r->raw_pos > 0 && r->raw_pos == r->raw_len) {
        r->raw_base += r->raw_len;
        r->raw_pos = r->raw_len = 0;
    } else if (r->raw_pos > r->raw_cap / 2) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_base += r->raw_pos;
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
    }
    if (r->raw_cap - r->raw_len < RAW_CHUNK) {
        size_t ncap = r->raw_cap ? r->raw_cap * 2 : 2 * RAW_CHUNK;
        unsigned char *p = realloc(r->raw, ncap);
        if (!p)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading the WARC");
        r->raw = p;
        r->raw_cap = ncap;
    }
    ptrdiff_t n = r->read(r->userdata, r->raw + r->raw_len, r->raw_cap - r->raw_len);
    if (n < 0)
        return pith_fail(err, PITH_ERR_IO, "read error: %s", strerror(errno));
    if (n == 0)
        r->raw_eof = 1;
    r->raw_len += (size_t)n;
    return PITH_OK;
}

/* Makes at least `n` raw bytes available when the source has them. */
static pith_status raw_need(pith_warc_reader *r, size_t n, pith_error *err)
{
    while (r->raw_len - r->raw_pos < n && !r->raw_eof) {
        pith_status st = raw_more(r, err);
        if (st)
            return st;
    }
    return PITH_OK;
}

static uint64_t raw_offset(const pith_warc_reader *r) { return r->raw_base + r->raw_pos; }

/* ---- stream layer ------------------------------------------------------------------ */

/* Room for at least `n` more bytes in the window. */
static int buf_room(pith_warc_reader *r, size_t n)
{
    if (r->pos > 0 && (r->pos == r->len || r->pos >= r->cap / 2)) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->ubase += r->pos;
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len >= n)
        return 0;
    size_t ncap = r->cap ? r->cap : 4 * RAW_CHUNK;
    while (ncap - r->len < n)
        ncap *= 2;
    unsigned char *p = realloc(r->buf, ncap);
    if (!p)
        return -1;
    r->buf = p;
    r->cap = ncap;
    return 0;
}

static int note_member(pith_warc_reader *r)
{
    uint64_t u = r->ubase + r->len;
    if (r->n_members && r->members[r->n_members - 1].uoff == u)
        r->n_members--; /* the previous member gave nothing (empty, or broken at once) */
    if (r->n_members == r->cap_members) {
        size_t ncap = r->cap_members ? r->cap_members * 2 : 16;
        member *m = realloc(r->members, ncap * sizeof *m);
        if (!m)
            return -1;
        r->members = m;
        r->cap_members = ncap;
    }
    r->members[r->n_members].uoff = u;
    r->members[r->n_members].coff = raw_offset(r);
    r->n_members++;
    return 0;
}

/* Whether the raw bytes from raw_pos on are only padding (NUL or whitespace) to EOF. */
static pith_status raw_only_padding(pith_warc_reader *r, int *yes, pith_error *err)
{
    for (;;) {
        for (size_t i = r->raw_pos; i < r->raw_len; i++) {
            unsigned char c = r->raw[i];
            if (c != 0 && c != '\r' && c != '\n' && c != ' ' && c != '\t') {
                *yes = 0;
                return PITH_OK;
            }
        }
        r->raw_pos = r->raw_len;
        if (r->raw_eof) {
            *yes = 1;
            return PITH_OK;
        }
        pith_status st = raw_more(r, err);
        if (st)
            return st;
    }
}

/* Searches the raw bytes after the current position for a gzip member header and
 * starts inflating there; sets eof when there is none. */
static pith_status gz_resync(pith_warc_reader *r, pith_error *err)
{
    r->in_member = 0;
    if (r->raw_pos < r->raw_len)
        r->raw_pos++; /* past the start of the broken member or junk */
    for (;;) {
        pith_status st = raw_need(r, 3, err);
        if (st)
            return st;
        size_t avail = r->raw_len - r->raw_pos;
        if (avail < 3) {
            r->raw_pos = r->raw_len;
            r->eof = 1;
            return PITH_OK;
        }
        const unsigned char *p = r->raw + r->raw_pos;
        const unsigned char *hit = NULL;
        for (size_t i = 0; i + 2 < avail; i++)
            if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8) {
                hit = p + i;
                break;
            }
        if (hit) {
            r->raw_pos += (size_t)(hit - p);
            return PITH_OK;
        }
        r->raw_pos = r->raw_len - 2; /* a header may straddle the next read */
        st = raw_more(r, err);
        if (st)
            return st;
    }
}

/* Adds bytes to the window (at least one, unless the stream ends: then eof is set).
 * Never crosses the end of a gzip member, so a member start is noted before any byte
 * of it is produced. */
static pith_status fill(pith_warc_reader *r, pith_error *err)
{
    pith_status st;
    if (r->pending) {
        st = r->pending;
        r->pending = PITH_OK;
        r->broken = 1; /* broken_at was set with pending */
        return pith_fail(err, st, "%s", r->pending_msg);
    }
    if (r->eof)
        return PITH_OK;
    if (r->gz < 0) {
        if ((st = raw_need(r, 2, err)))
            return st;
        r->gz = decode_is_gzip((const char *)r->raw + r->raw_pos, r->raw_len - r->raw_pos);
    }
    if (!r->gz) {
        if (r->raw_pos == r->raw_len && (st = raw_more(r, err)))
            return st;
        size_t n = r->raw_len - r->raw_pos;
        if (!n) {
            r->eof = 1;
            return PITH_OK;
        }
        if (buf_room(r, n))
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading the WARC");
        memcpy(r->buf + r->len, r->raw + r->raw_pos, n);
        r->len += n;
        r->raw_pos += n;
        return PITH_OK;
    }
    for (;;) {
        if (!r->in_member) {
            if ((st = raw_need(r, 3, err)))
                return st;
            if (r->raw_pos == r->raw_len) {
                r->eof = 1;
                return PITH_OK;
            }
            if (!decode_is_gzip((const char *)r->raw + r->raw_pos, r->raw_len - r->raw_pos)) {
                int pad;
                if ((st = raw_only_padding(r, &pad, err)))
                    return st;
                if (pad) {
                    r->eof = 1;
                    return PITH_OK;
                }
                uint64_t at = raw_offset(r);
                if ((st = gz_resync(r, err)))
                    return st;
                r->broken = 1;
                r->broken_at = at;
                return pith_fail(err, PITH_ERR_GZIP,
                                 "bytes at file offset %llu are not a gzip member",
                                 (unsigned long long)at);
            }
            if (!r->zs_ready) {
                if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK)
                    return pith_fail(err, PITH_ERR_NOMEM, "out of memory starting zlib");
                r->zs_ready = 1;
            } else if (inflateReset(&r->zs) != Z_OK) {
                return pith_fail(err, PITH_ERR_GZIP, "zlib could not be reset");
            }
            if (note_member(r))
                return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading the WARC");
            r->in_member = 1;
        }
        if (r->raw_pos == r->raw_len) {
            if ((st = raw_more(r, err)))
                return st;
            if (r->raw_pos == r->raw_len) { /* the file ends inside a member */
                r->in_member = 0;
                r->eof = 1;
                return PITH_OK;
            }
        }
        if (buf_room(r, RAW_CHUNK))
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading the WARC");
        size_t in = r->raw_len - r->raw_pos, room = r->cap - r->len;
        r->zs.next_in = r->raw + r->raw_pos;
        r->zs.avail_in = (uInt)(in < UINT_MAX ? in : UINT_MAX);
        r->zs.next_out = r->buf + r->len;
        r->zs.avail_out = (uInt)(room < UINT_MAX ? room : UINT_MAX);
        int rc = inflate(&r->zs, Z_NO_FLUSH);
        size_t used = (size_t)(r->zs.next_in - (r->raw + r->raw_pos));
        size_t made = (size_t)(r->zs.next_out - (r->buf + r->len));
        r->raw_pos += used;
        r->len += made;
        if (rc == Z_STREAM_END) {
            r->in_member = 0;
            if (made)
                return PITH_OK;
            continue; /* an empty member */
        }
        if (rc == Z_OK || (rc == Z_BUF_ERROR && !used && !made && r->raw_pos == r->raw_len)) {
            if (made)
                return PITH_OK;
            continue;
        }
        if (rc == Z_MEM_ERROR)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory inflating the WARC");
        /* corrupt deflate data: hand out what came before it, then the error */
        const char *why = r->zs.msg ? r->zs.msg : "invalid data";
        uint64_t at = r->n_members ? r->members[r->n_members - 1].coff : 0;
        /* restart from the broken member's header, so the search starts just past it */
        if (at >= r->raw_base && at <= r->raw_base + r->raw_len)
            r->raw_pos = (size_t)(at - r->raw_base);
        if ((st = gz_resync(r, err)))
            return st;
        snprintf(r->pending_msg, sizeof r->pending_msg,
                 "gzip member at file offset %llu is corrupt: %s", (unsigned long long)at, why);
        r->broken_at = at;
        if (made) {
            r->pending = PITH_ERR_GZIP;
            return PITH_OK;
        }
        r->broken = 1;
        return pith_fail(err, PITH_ERR_GZIP, "%s", r->pending_msg);
    }
}

/* At least n unread bytes in the window, unless the stream ends first. */
static pith_status need(pith_warc_reader *r, size_t n, pith_error *err)
{
    while (r->len - r->pos < n && !r->eof) {
        pith_status st = fill(r, err);
        if (st)
            return st;
    }
    return PITH_OK;
}

static uint64_t stream_offset(const pith_warc_reader *r) { return r->ubase + r->pos; }

/* The offset to report for a record starting at uncompressed offset `u`: the file
 * offset of the gzip member that starts there, else u. Forgets older members. */
static uint64_t record_offset(pith_warc_reader *r, uint64_t u)
{
    if (!r->gz)
        return u;
    size_t keep = 0;
    while (keep < r->n_members && r->members[keep].uoff < u)
        keep++;
    /* the last member before u may still be producing: keep it */
    if (keep)
        keep--;
    /* (not with keep 0: members is NULL until a member is seen, and memmove's
     * arguments must not be NULL even for 0 bytes) */
    if (keep) {
        memmove(r->members, r->members + keep, (r->n_members - keep) * sizeof *r->members);
        r->n_members -= keep;
    }
    for (size_t i = 0; i < r->n_members; i++)
        if (r->members[i].uoff == u)
            return r->members[i].coff;
    return u;
}

/* Consumes n bytes of the stream, appending them to dst unless dst is NULL. *got is
 * how many there were (fewer at the end of the stream). */
static pith_status take(pith_warc_reader *r, uint64_t n, pbuf *dst, uint64_t *got,
                        pith_error *err)
{
    *got = 0;
    while (*got < n) {
        if (r->pos == r->len) {
            if (r->eof)
                return PITH_OK;
            pith_status st = fill(r, err);
            if (st)
                return st;
            continue;
        }
        size_t k = r->len - r->pos;
        if (k > n - *got)
            k = (size_t)(n - *got);
        if (dst)
            pbuf_append(dst, r->buf + r->pos, k);
        r->pos += k;
        *got += k;
    }
    return PITH_OK;
}

/* Whether a record may start at window index i: "WARC/" and a digit, at the start of a
 * line or of a gzip member. `m` walks r->members (sorted) along with i. */
static int record_starts_at(const pith_warc_reader *r, size_t i, size_t *m)
{
    if (r->len - i < 6 || memcmp(r->buf + i, "WARC/", 5) != 0 || r->buf[i + 5] < '0' ||
        r->buf[i + 5] > '9')
        return 0;
    if (i > 0 && r->buf[i - 1] == '\n')
        return 1;
    uint64_t u = r->ubase + i;
    while (*m < r->n_members && r->members[*m].uoff < u)
        (*m)++;
    return *m < r->n_members && r->members[*m].uoff == u;
}

/* Scans the stream, from one byte past the current position, for the next record
 * start and stops there (or at the end of the stream). */
static pith_status resync(pith_warc_reader *r, pith_error *err)
{
    if (r->pos < r->len)
        r->pos++;
    size_t skip = 0; /* bytes after pos already looked at (fills may move the window) */
    for (;;) {
        pith_status st = need(r, 6, err);
        if (st)
            return st;
        size_t m = 0, from = r->pos + skip;
        for (size_t i = from; i + 6 <= r->len; i++) {
            const unsigned char *w = memchr(r->buf + i, 'W', r->len - i);
            if (!w)
                break;
            i = (size_t)(w - r->buf);
            if (record_starts_at(r, i, &m)) {
                r->pos = i;
                return PITH_OK;
            }
        }
        if (r->eof) {
            r->pos = r->len;
            return PITH_OK;
        }
        /* keep the last bytes (a start may straddle the fill) and the byte before them */
        if (r->len - r->pos > 7)
            r->pos = r->len - 7;
        size_t before = r->len;
        if ((st = fill(r, err)))
            return st;
        skip = 1;
        if (r->len == before && r->eof) {
            r->pos = r->len;
            return PITH_OK;
        }
    }
}

/* ---- parsing helpers --------------------------------------------------------------- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int name_is(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n && b[i]; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return i == n && !b[i];
}

static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r'))
        (*n)--;
    return s;
}

/* A decimal number of at most 18 digits; -1 if it is not one. */
static long long parse_len(const char *s, size_t n)
{
    s = trim(s, &n);
    if (!n || n > 18)
        return -1;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* One header line "Name: value" of a header block; calls back with the trimmed value.
 * Folded lines (starting with a space) continue the previous value and are joined. */
typedef void (*header_fn)(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen);

static void each_header(const char *s, size_t n, header_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        const char *eol = memchr(s + i, '\n', n - i);
        size_t end = eol ? (size_t)(eol - s) : n;
        const char *line = s + i;
        size_t len = end - i;
        const char *colon = memchr(line, ':', len);
        if (colon && line[0] != ' ' && line[0] != '\t') {
            size_t nlen = (size_t)(colon - line), vlen = len - nlen - 1;
            const char *val = trim(colon + 1, &vlen);
            fn(ctx, line, nlen, val, vlen);
        }
        i = end + 1;
    }
}

/* Copies a value into the header arena; returns its offset (0 for ""). */
static size_t keep_value(pith_warc_reader *r, const char *v, size_t n)
{
    if (!n)
        return 0;
    size_t off = r->header.len;
    pbuf_append(&r->header, v, n);
    pbuf_putc(&r->header, '\0');
    return off;
}

static void copy_field(char *dst, size_t cap, const char *v, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

typedef struct warc_fields {
    pith_warc_reader *r;
    const char *text;     /* the header block, so values can be copied after parsing */
    long long length;     /* Content-Length, -1 if missing or bad */
    int have_length;
    const char *type, *target, *id, *date, *ctype;
    size_t type_n, target_n, id_n, date_n, ctype_n;
} warc_fields;

static void on_warc_header(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
    warc_fields *f = ctx;
    if (name_is(name, nlen, "Content-Length")) {
        f->length = parse_len(val, vlen);
        f->have_length = 1;
    } else if (name_is(name, nlen, "WARC-Type")) {
        f->type = val, f->type_n = vlen;
    } else if (name_is(name, nlen, "WARC-Target-URI")) {
        f->target = val, f->target_n = vlen;
    } else if (name_is(name, nlen, "WARC-Record-ID")) {
        f->id = val, f->id_n = vlen;
    } else if (name_is(name, nlen, "WARC-Date")) {
        f->date = val, f->date_n = vlen;
    } else if (name_is(name, nlen, "Content-Type")) {
        f->ctype = val, f->ctype_n = vlen;
    }
}

typedef struct http_fields {
    const char *ctype, *te, *ce;
    size_t ctype_n, te_n, ce_n;
} http_fields;

static void on_http_header(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
    http_fields *f = ctx;
    if (name_is(name, nlen, "Content-Type") && !f->ctype)
        f->ctype = val, f->ctype_n = vlen;
    else if (name_is(name, nlen, "Transfer-Encoding"))
        f->te = val, f->te_n = vlen;
    else if (name_is(name, nlen, "Content-Encoding"))
        f->ce = val, f->ce_n = vlen;
}

/* Whether a Content-Type names a page pith reads: HTML, XHTML or plain text; a missing
 * one counts too (pith_extract sniffs, and refuses binary data with its own error). */
static int page_type(const char *ct, size_t n)
{
    size_t k = 0;
    while (k < n && ct[k] != ';')
        k++;
    ct = trim(ct, &k);
    return k == 0 || name_is(ct, k, "text/html") || name_is(ct, k, "application/xhtml+xml") ||
           name_is(ct, k, "text/plain");
}

/* The end of the header block starting at s: the offset just past the first blank
 * line, or 0 when there is none in n bytes. */
static size_t header_end(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n')
            continue;
        if (i + 1 < n && s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* ---- HTTP bodies ------------------------------------------------------------------- */

/* Undoes chunked transfer-encoding. A body whose first line is not a chunk size is
 * taken as already de-chunked (some crawlers store it so and keep the header). */
static pith_status dechunk(const char *s, size_t n, size_t max, pbuf *out, pith_error *err)
{
    size_t i = 0;
    int first = 1;
    for (;;) {
        size_t j = i;
        unsigned long long size = 0;
        int digits = 0;
        while (j < n) {
            int c = lower((unsigned char)s[j]);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                break;
            if (size > (1ull << 40))
                return pith_fail(err, PITH_ERR_WARC, "chunk size is too large");
            size = size * 16 + (unsigned)d;
            digits++;
            j++;
        }
        const char *eol = j < n ? memchr(s + j, '\n', n - j) : NULL;
        if (!digits || !eol) {
            if (first) {
                pbuf_append(out, s, n);
                return PITH_OK;
            }
            if (i >= n)
                return PITH_OK; /* the last-chunk line is missing: take what was there */
            return pith_fail(err, PITH_ERR_WARC,
                             "chunked body is malformed at byte %zu of the HTTP body", i);
        }
        first = 0;
        i = (size_t)(eol - s) + 1;
        if (size == 0)
            return PITH_OK; /* trailers, if any, are not content */
        if (size > n - i) {
            /* a truncated final chunk: keep what there is, like a cut download */
            pbuf_append(out, s + i, n - i);
            return PITH_OK;
        }
        if (out->len + size > max)
            return pith_fail(err, PITH_ERR_TOO_LARGE,
                             "HTTP body is larger than max_input_bytes (%zu)", max);
        pbuf_append(out, s + i, (size_t)size);
        i += (size_t)size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
}

/* Inflates zlib or raw deflate data ("deflate" means either in practice). */
static pith_status inflate_deflate(const char *s, size_t n, size_t max, pbuf *out,
                                   pith_error *err)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, attempt ? -MAX_WBITS : MAX_WBITS) != Z_OK)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory starting zlib");
        size_t base = out->len;
        zs.next_in = (Bytef *)s;
        zs.avail_in = (uInt)(n < UINT_MAX ? n : UINT_MAX);
        int rc = Z_OK;
        while (rc == Z_OK) {
            if (out->len - base > max) {
                inflateEnd(&zs);
                return pith_fail(err, PITH_ERR_TOO_LARGE,
                                 "deflate body inflates past max_input_bytes (%zu)", max);
            }
            if (pbuf_reserve(out, RAW_CHUNK)) {
                inflateEnd(&zs);
                return pith_fail(err, PITH_ERR_NOMEM, "out of memory inflating the body");
            }
            zs.next_out = (Bytef *)out->data + out->len;
            zs.avail_out = (uInt)RAW_CHUNK;
            rc = inflate(&zs, Z_NO_FLUSH);
            out->len += RAW_CHUNK - zs.avail_out;
            out->data[out->len] = '\0';
        }
        inflateEnd(&zs);
        if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out->len > base))
            return PITH_OK; /* complete, or truncated with something inflated */
        out->len = base;
    }
    return pith_fail(err, PITH_ERR_GZIP, "deflate-encoded body is corrupt");
}

/* Undoes the content-codings, last applied first. */
static pith_status decode_body(pith_warc_reader *r, const char *ce, size_t ce_n, pith_error *err)
{
    /* the codings, in the order they were applied */
    const char *codes[8];
    size_t lens[8], nc = 0;
    for (size_t i = 0; i < ce_n;) {
        size_t k = 0;
        while (i + k < ce_n && ce[i + k] != ',')
            k++;
        size_t tn = k;
        const char *t = trim(ce + i, &tn);
        if (tn && !name_is(t, tn, "identity") && !name_is(t, tn, "none")) {
            if (nc == 8)
                return pith_fail(err, PITH_ERR_ENCODING, "too many content-codings");
            codes[nc] = t, lens[nc++] = tn;
        }
        i += k + 1;
    }
    while (nc--) {
        const char *t = codes[nc];
        size_t tn = lens[nc];
        pbuf next;
        pbuf_init(&next);
        pith_status st;
        if (name_is(t, tn, "gzip") || name_is(t, tn, "x-gzip")) {
            if (!decode_is_gzip(r->payload.data, r->payload.len)) {
                pbuf_free(&next);
                continue; /* stored decoded, the header kept: take the bytes as they are */
            }
            st = decode_gunzip(r->payload.data, r->payload.len, r->max, &next, err);
        } else if (name_is(t, tn, "deflate")) {
            st = inflate_deflate(r->payload.data, r->payload.len, r->max, &next, err);
        } else {
            pbuf_free(&next);
            return pith_fail(err, PITH_ERR_ENCODING, "Content-Encoding \"%.*s\" is not supported",
                             (int)(tn > 40 ? 40 : tn), t);
        }
        if (st == PITH_OK && next.oom)
            st = pith_fail(err, PITH_ERR_NOMEM, "out of memory decoding the body");
        if (st) {
            pbuf_free(&next);
            return st;
        }
        pbuf_free(&r->payload);
        r->payload = next;
    }
    return PITH_OK;
}

/* The HTTP message of a response record: status, headers, body. */
static pith_status read_http(pith_warc_reader *r, pith_warc_record *rec, pith_error *err)
{
    const char *s = r->block.data ? r->block.data : "";
    size_t n = r->block.len;
    if (n < 5 || memcmp(s, "HTTP/", 5) != 0) {
        snprintf(r->skip, sizeof r->skip, "not_http");
        return PITH_OK;
    }
    size_t hend = header_end(s, n < MAX_HEADER_BYTES ? n : MAX_HEADER_BYTES);
    if (!hend)
        return pith_fail(err, PITH_ERR_WARC, "HTTP headers do not end (no blank line)");
    const char *sp = memchr(s, ' ', hend);
    int code = 0;
    if (sp)
        for (const char *p = sp + 1; p < s + hend && *p >= '0' && *p <= '9' && code < 1000; p++)
            code = code * 10 + (*p - '0');
    if (code < 100 || code > 999)
        return pith_fail(err, PITH_ERR_WARC, "HTTP status line is malformed");
    rec->http_status = code;
    http_fields h;
    memset(&h, 0, sizeof h);
    const char *eol = memchr(s, '\n', hend);
    size_t first = eol ? (size_t)(eol - s) + 1 : hend;
    each_header(s + first, hend - first, on_http_header, &h);
    if (h.ctype)
        copy_field(r->http_ctype, sizeof r->http_ctype, h.ctype, h.ctype_n);
    if (code < 200 || code > 299) {
        snprintf(r->skip, sizeof r->skip, "http_status");
        return PITH_OK;
    }
    if (!page_type(h.ctype ? h.ctype : "", h.ctype ? h.ctype_n : 0)) {
        snprintf(r->skip, sizeof r->skip, "not_html");
        return PITH_OK;
    }
    const char *body = s + hend;
    size_t blen = n - hend;
    pith_status st;
    if (h.te && !(h.te_n == 8 && name_is(h.te, 8, "identity"))) {
        /* chunked is the one transfer-coding in use; any other is refused */
        size_t tn = h.te_n;
        const char *te = trim(h.te, &tn);
        if (!name_is(te, tn, "chunked"))
            return pith_fail(err, PITH_ERR_ENCODING, "Transfer-Encoding \"%.*s\" is not supported",
                             (int)(tn > 40 ? 40 : tn), te);
        if ((st = dechunk(body, blen, r->max, &r->payload, err)))
            return st;
    } else {
        pbuf_append(&r->payload, body, blen);
    }
    if (h.ce && (st = decode_body(r, h.ce, h.ce_n, err)))
        return st;
    if (r->payload.oom)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory decoding the body");
    if (r->payload.len > r->max)
        return pith_fail(err, PITH_ERR_TOO_LARGE, "page is larger than max_input_bytes (%zu)",
                         r->max);
    if (!r->payload.len) {
        snprintf(r->skip, sizeof r->skip, "no_payload");
        return PITH_OK;
    }
    rec->page = 1;
    return PITH_OK;
}

/* ---- records ----------------------------------------------------------------------- */

static void clear_record(pith_warc_reader *r, pith_warc_record *rec)
{
    pbuf_clear(&r->header);
    pbuf_putc(&r->header, '\0'); /* offset 0 is "" */
    if (r->block.cap > ((size_t)1 << 24))
        pbuf_free(&r->block); /* one large record should not hold its memory for good */
    else
        pbuf_clear(&r->block);
    pbuf_free(&r->payload); /* a decoded body may have been large: give it back */
    r->type[0] = r->skip[0] = r->http_ctype[0] = '\0';
    r->f_target = r->f_id = r->f_date = r->f_ctype = 0;
    memset(rec, 0, sizeof *rec);
    rec->skip_reason = rec->type = rec->target_uri = rec->record_id = rec->date = "";
    rec->content_type = "";
}

static void publish(pith_warc_reader *r, pith_warc_record *rec)
{
    const char *h = r->header.data ? r->header.data : "";
    rec->type = r->type;
    rec->target_uri = h + r->f_target;
    rec->record_id = h + r->f_id;
    rec->date = h + r->f_date;
    rec->skip_reason = rec->page ? "" : r->skip;
    rec->content_type = r->http_ctype[0] ? r->http_ctype : h + r->f_ctype;
    if (rec->page) {
        rec->payload = pbuf_cstr(&r->payload);
        rec->payload_len = r->payload.len;
    }
}

/* A record-level failure: the stream errors stop the reader, the others let it go on. */
static pith_status record_error(pith_warc_reader *r, pith_warc_record *rec, pith_status st)
{
    if (st == PITH_ERR_IO || st == PITH_ERR_NOMEM)
        r->stopped = 1;
    if (r->broken) /* the rest of a broken member's output is not a record */
        r->pos = r->len;
    r->broken = 0;
    rec->page = 0;
    publish(r, rec);
    rec->payload = NULL;
    rec->payload_len = 0;
    return st;
}

pith_status pith_warc_next(pith_warc_reader *r, pith_warc_record *rec, pith_error *err)
{
    if (!r || !rec)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "reader or record is NULL");
    clear_record(r, rec);
    if (r->stopped)
        return PITH_END;
    pith_status st;

    /* blank lines (and NUL padding) between records */
    for (;;) {
        if ((st = need(r, 1, err))) {
            /* before any byte of a record: name the damaged bytes themselves */
            rec->offset = r->broken ? r->broken_at : record_offset(r, stream_offset(r));
            return record_error(r, rec, st);
        }
        if (r->pos == r->len) {
            r->stopped = 1;
            return PITH_END;
        }
        unsigned char c = r->buf[r->pos];
        if (c != '\r' && c != '\n' && c != 0 && c != ' ' && c != '\t')
            break;
        r->pos++;
    }
    uint64_t start = stream_offset(r);
    rec->offset = record_offset(r, start);

    /* the header block */
    size_t hend = 0;
    for (;;) {
        size_t avail = r->len - r->pos;
        hend = header_end((const char *)r->buf + r->pos, avail);
        if (hend || r->eof || avail > MAX_HEADER_BYTES)
            break;
        if ((st = fill(r, err)))
            return record_error(r, rec, st);
    }
    size_t avail = r->len - r->pos;
    const char *h = (const char *)r->buf + r->pos;
    if (avail < 6 || memcmp(h, "WARC/", 5) != 0 || h[5] < '0' || h[5] > '9') {
        /* not a record: report this stretch once, and find the next record */
        if ((st = resync(r, err)))
            return record_error(r, rec, st);
        pith_fail(err, PITH_ERR_WARC, "no WARC record at offset %llu (%s)",
                  (unsigned long long)start, r->pos < r->len ? "skipped to the next record"
                                                             : "nothing readable after it");
        return record_error(r, rec, PITH_ERR_WARC);
    }
    if (!hend) {
        r->pos = r->len;
        if (!r->eof && (st = resync(r, err)))
            return record_error(r, rec, st);
        pith_fail(err, PITH_ERR_WARC, "WARC headers at offset %llu %s",
                  (unsigned long long)start, r->eof ? "are cut short" : "do not end");
        if (r->eof)
            r->stopped = 1;
        return record_error(r, rec, PITH_ERR_WARC);
    }
    warc_fields f;
    memset(&f, 0, sizeof f);
    f.length = -1;
    const char *eol = memchr(h, '\n', hend);
    size_t first = (size_t)(eol - h) + 1;
    each_header(h + first, hend - first, on_warc_header, &f);
    if (f.type)
        copy_field(r->type, sizeof r->type, f.type, f.type_n);
    r->f_target = keep_value(r, f.target, f.target_n);
    r->f_id = keep_value(r, f.id, f.id_n);
    r->f_date = keep_value(r, f.date, f.date_n);
    r->f_ctype = keep_value(r, f.ctype, f.ctype_n);
    r->pos += hend;
    if (f.length < 0) {
        pith_fail(err, PITH_ERR_WARC, "WARC record at offset %llu has %s Content-Length",
                  (unsigned long long)start, f.have_length ? "a malformed" : "no");
        if ((st = resync(r, err)))
            return record_error(r, rec, st);
        return record_error(r, rec, PITH_ERR_WARC);
    }

    /* the block: kept only when it may hold a page, and only up to the cap */
    int response = strcmp(r->type, "response") == 0, resource = strcmp(r->type, "resource") == 0;
    int keep = response || (resource && page_type(f.ctype ? f.ctype : "", f.ctype ? f.ctype_n : 0));
    uint64_t len = (uint64_t)f.length, got;
    int too_large = keep && len > (uint64_t)r->max + HTTP_HEADROOM;
    if ((st = take(r, len, keep && !too_large ? &r->block : NULL, &got, err)))
        return record_error(r, rec, st);
    if (r->block.oom)
        return record_error(r, rec, pith_fail(err, PITH_ERR_NOMEM, "out of memory reading a record"));
    if (got < len) {
        r->stopped = 1;
        pith_fail(err, PITH_ERR_WARC,
                  "WARC record at offset %llu is truncated: %llu of %llu block bytes present",
                  (unsigned long long)start, (unsigned long long)got, (unsigned long long)len);
        return record_error(r, rec, PITH_ERR_WARC);
    }
    if (too_large)
        return record_error(r, rec,
                            pith_fail(err, PITH_ERR_TOO_LARGE,
                                      "WARC record at offset %llu is %llu bytes, past "
                                      "max_input_bytes",
                                      (unsigned long long)start, (unsigned long long)len));

    if (response) {
        if ((st = read_http(r, rec, err)))
            return record_error(r, rec, st);
    } else if (keep) {
        pbuf_free(&r->payload);
        r->payload = r->block;
        pbuf_init(&r->block);
        if (r->payload.len > r->max)
            return record_error(r, rec, pith_fail(err, PITH_ERR_TOO_LARGE,
                                                  "page is larger than max_input_bytes (%zu)",
                                                  r->max));
        rec->page = r->payload.len > 0;
        if (!rec->page)
            snprintf(r->skip, sizeof r->skip, "no_payload");
    } else if (resource) {
        snprintf(r->skip, sizeof r->skip, "not_html");
    } else {
        const char *why = r->type[0] ? r->type : "untyped"; /* request, metadata ... */
        copy_field(r->skip, sizeof r->skip, why, strlen(why));
    }
    publish(r, rec);
    pith_ok(err);
    return PITH_OK;
}

/* ---- the reader -------------------------------------------------------------------- */

static pith_status reader_new(pith_read_fn read, void *userdata, const pith_options *opts,
                              pith_warc_reader **out, pith_error *err)
{
    if (!out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    pith_options defaults;
    if (!opts) {
        pith_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->version != PITH_OPTIONS_VERSION)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "options of an unknown version %d",
                         opts->version);
    pith_warc_reader *r = calloc(1, sizeof *r);
    if (!r)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    r->read = read;
    r->userdata = userdata;
    r->fd = -1;
    r->gz = -1;
    r->max = opts->max_input_bytes;
    pbuf_init(&r->header);
    pbuf_init(&r->block);
    pbuf_init(&r->payload);
    *out = r;
    pith_ok(err);
    return PITH_OK;
}

pith_status pith_warc_reader_new(pith_read_fn read, void *userdata, const pith_options *opts,
                                 pith_warc_reader **out, pith_error *err)
{
    if (!read) {
        if (out)
            *out = NULL;
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "read is NULL");
    }
    return reader_new(read, userdata, opts, out, err);
}

pith_status pith_warc_reader_open(const char *path, const pith_options *opts,
                                  pith_warc_reader **out, pith_error *err)
{
    if (!path) {
        if (out)
            *out = NULL;
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "path is NULL");
    }
    pith_status st = reader_new(read_fd, NULL, opts, out, err);
    if (st)
        return st;
    pith_warc_reader *r = *out;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        int e = errno;
        pith_warc_reader_free(r);
        *out = NULL;
        return pith_fail(err, PITH_ERR_IO, "%s: %s", path, strerror(e));
    }
    r->userdata = &r->fd;
    return PITH_OK;
}

pith_status pith_warc_reader_new_memory(const char *data, size_t len, const pith_options *opts,
                                        pith_warc_reader **out, pith_error *err)
{
    if (!data && len) {
        if (out)
            *out = NULL;
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "data is NULL");
    }
    pith_status st = reader_new(read_mem, NULL, opts, out, err);
    if (st)
        return st;
    (*out)->mem = data ? data : "";
    (*out)->mem_len = len;
    (*out)->userdata = *out;
    return PITH_OK;
}

uint64_t pith_warc_reader_position(const pith_warc_reader *r)
{
    return r ? r->raw_base + r->raw_pos : 0;
}

void pith_warc_reader_free(pith_warc_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    if (r->zs_ready)
        inflateEnd(&r->zs);
    free(r->raw);
    free(r->buf);
    free(r->members);
    pbuf_free(&r->header);
    pbuf_free(&r->block);
    pbuf_free(&r->payload);
    free(r);
}

int pith_warc_sniff(const char *data, size_t len)
{
    if (!data)
        return 0;
    if (!decode_is_gzip(data, len))
        return len >= 6 && memcmp(data, "WARC/", 5) == 0 && data[5] >= '0' && data[5] <= '9';
    unsigned char head[8];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return 0;
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)(len < UINT_MAX ? len : UINT_MAX);
    zs.next_out = head;
    zs.avail_out = sizeof head;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t n = sizeof head - zs.avail_out;
    inflateEnd(&zs);
    (void)rc;
    return n >= 6 && memcmp(head, "WARC/", 5) == 0 && head[5] >= '0' && head[5] <= '9';
}
