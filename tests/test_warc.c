/* The WARC reader (lib/warc.c) and the JSON Lines parser (lib/jsonl.c), through the
 * public API: framing, the three compression layouts, HTTP decoding, skipped records,
 * offsets, and every kind of damage followed by the records after it. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check_suite.h"
#include "pith.h"

/* ---- building WARCs ---- */

typedef struct bytes {
    char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(bytes *b, const char *s) { put(b, s, strlen(s)); }

/* gzip (one member) of data, with zlib. */
static void put_gz(bytes *b, const void *data, size_t len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    ck_assert_int_eq(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, (uLong)len) + 32;
    unsigned char *out = malloc(cap);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
    put(b, out, cap - zs.avail_out);
    deflateEnd(&zs);
    free(out);
}

/* A WARC record with the given extra header lines (each ending "\r\n") and block. */
static void warc_record(bytes *b, const char *type, const char *uri, const char *id,
                        const char *extra, const char *block, size_t block_len)
{
    char head[1024];
    snprintf(head, sizeof head,
             "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Record-ID: %s\r\n"
             "WARC-Date: 2024-01-01T00:00:00Z\r\n%sContent-Length: %zu\r\n\r\n",
             type, uri, id, extra ? extra : "", block_len);
    puts_(b, head);
    put(b, block, block_len);
    puts_(b, "\r\n\r\n");
}

/* An HTTP response record: `headers` are extra HTTP header lines. */
static void response(bytes *b, const char *uri, const char *id, const char *status,
                     const char *headers, const char *body, size_t body_len)
{
    bytes http = {0};
    puts_(&http, "HTTP/1.1 ");
    puts_(&http, status);
    puts_(&http, "\r\n");
    puts_(&http, headers);
    puts_(&http, "\r\n");
    put(&http, body, body_len);
    warc_record(b, "response", uri, id, "Content-Type: application/http; msgtype=response\r\n",
                http.p, http.n);
    free(http.p);
}

#define PAGE1 "<html><head><title>One</title></head><body><p>First page.</p></body></html>"
#define PAGE2 "<html><body><p>Second page, caf\xC3\xA9.</p></body></html>"

/* The standard test file's records, as separate byte strings (so they can be gzipped
 * one per member): warcinfo, request, response 1, image, response 2 chunked + gzip. */
static size_t standard_records(bytes recs[8])
{
    memset(recs, 0, 8 * sizeof *recs);
    warc_record(&recs[0], "warcinfo", "", "<urn:uuid:info>", NULL, "software: t\r\n", 13);
    warc_record(&recs[1], "request", "http://a.example/1", "<urn:uuid:req1>", NULL,
                "GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n", 36);
    response(&recs[2], "http://a.example/1", "<urn:uuid:r1>", "200 OK",
             "Content-Type: text/html; charset=utf-8\r\n", PAGE1, strlen(PAGE1));
    response(&recs[3], "http://a.example/logo.png", "<urn:uuid:img>", "200 OK",
             "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n", 8);
    /* page 2: gzip content-encoding, then chunked */
    bytes gzbody = {0}, chunked = {0};
    put_gz(&gzbody, PAGE2, strlen(PAGE2));
    size_t half = gzbody.n / 2;
    char line[32];
    snprintf(line, sizeof line, "%zx\r\n", half);
    puts_(&chunked, line);
    put(&chunked, gzbody.p, half);
    snprintf(line, sizeof line, "\r\n%zx;ext=1\r\n", gzbody.n - half);
    puts_(&chunked, line);
    put(&chunked, gzbody.p + half, gzbody.n - half);
    puts_(&chunked, "\r\n0\r\nX-Trailer: t\r\n\r\n");
    response(&recs[4], "http://a.example/2", "<urn:uuid:r2>", "200 OK",
             "Content-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\n"
             "Transfer-Encoding: chunked\r\n",
             chunked.p, chunked.n);
    free(gzbody.p);
    free(chunked.p);
    return 5;
}

static void free_records(bytes *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(recs[i].p);
}

enum layout { PLAIN, PER_MEMBER, WHOLE };

/* The records joined in `layout`; offsets[i] gets where record i starts in the file
 * (or in the uncompressed stream, for WHOLE). */
static bytes assemble(bytes *recs, size_t n, enum layout layout, uint64_t *offsets)
{
    bytes out = {0}, all = {0};
    for (size_t i = 0; i < n; i++) {
        if (layout == PER_MEMBER) {
            offsets[i] = out.n;
            put_gz(&out, recs[i].p, recs[i].n);
        } else {
            offsets[i] = all.n;
            put(&all, recs[i].p, recs[i].n);
        }
    }
    if (layout == PLAIN)
        return all;
    if (layout == WHOLE)
        put_gz(&out, all.p, all.n);
    free(all.p);
    return out;
}

/* ---- reading ---- */

typedef struct got {
    pith_status st;
    int page;
    char type[32], uri[128], id[64], skip[32], ctype[128];
    uint64_t offset;
    int http;
    char *payload;
    size_t payload_len;
} got;

/* Reads every record (stops after 64) into out; returns how many. */
static size_t read_all(pith_warc_reader *r, got *out, size_t max)
{
    size_t n = 0;
    for (;;) {
        pith_warc_record rec;
        pith_error err;
        pith_status st = pith_warc_next(r, &rec, &err);
        if (st == PITH_END)
            break;
        ck_assert_msg(n < max, "too many records");
        got *g = &out[n++];
        memset(g, 0, sizeof *g);
        g->st = st;
        if (st != PITH_OK)
            ck_assert_msg(err.status == st && err.message[0], "error %d without message", st);
        g->page = rec.page;
        snprintf(g->type, sizeof g->type, "%s", rec.type);
        snprintf(g->uri, sizeof g->uri, "%s", rec.target_uri);
        snprintf(g->id, sizeof g->id, "%s", rec.record_id);
        snprintf(g->skip, sizeof g->skip, "%s", rec.skip_reason);
        snprintf(g->ctype, sizeof g->ctype, "%s", rec.content_type);
        g->offset = rec.offset;
        g->http = rec.http_status;
        if (rec.page) {
            ck_assert_ptr_nonnull(rec.payload);
            ck_assert_int_eq(rec.payload[rec.payload_len], '\0');
            g->payload = malloc(rec.payload_len + 1);
            memcpy(g->payload, rec.payload, rec.payload_len + 1);
            g->payload_len = rec.payload_len;
        } else {
            ck_assert_ptr_null(rec.payload);
        }
    }
    /* the end is sticky */
    pith_warc_record rec;
    ck_assert_int_eq(pith_warc_next(r, &rec, NULL), PITH_END);
    return n;
}

static void free_got(got *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(g[i].payload);
}

static size_t read_mem(const bytes *file, got *out, size_t max)
{
    pith_warc_reader *r;
    pith_error err;
    ck_assert_int_eq(pith_warc_reader_new_memory(file->p, file->n, NULL, &r, &err), PITH_OK);
    size_t n = read_all(r, out, max);
    ck_assert_uint_eq(pith_warc_reader_position(r), file->n);
    pith_warc_reader_free(r);
    return n;
}

static void check_standard(got *g, size_t n, const uint64_t *offsets)
{
    ck_assert_uint_eq(n, 5);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(g[i].st == PITH_OK, "record %zu: status %d", i, g[i].st);
        ck_assert_uint_eq(g[i].offset, offsets[i]);
    }
    ck_assert_str_eq(g[0].type, "warcinfo");
    ck_assert_str_eq(g[0].skip, "warcinfo");
    ck_assert_str_eq(g[1].skip, "request");
    ck_assert_int_eq(g[1].page, 0);

    ck_assert_int_eq(g[2].page, 1);
    ck_assert_str_eq(g[2].skip, "");
    ck_assert_str_eq(g[2].uri, "http://a.example/1");
    ck_assert_str_eq(g[2].id, "<urn:uuid:r1>");
    ck_assert_str_eq(g[2].ctype, "text/html; charset=utf-8");
    ck_assert_int_eq(g[2].http, 200);
    ck_assert_uint_eq(g[2].payload_len, strlen(PAGE1));
    ck_assert_str_eq(g[2].payload, PAGE1);

    ck_assert_int_eq(g[3].page, 0);
    ck_assert_str_eq(g[3].skip, "not_html");
    ck_assert_str_eq(g[3].ctype, "image/png");

    ck_assert_int_eq(g[4].page, 1);
    ck_assert_str_eq(g[4].payload, PAGE2); /* de-chunked, then gunzipped */
    ck_assert_str_eq(g[4].uri, "http://a.example/2");
}

static void standard_in(enum layout layout)
{
    bytes recs[8];
    uint64_t offsets[8];
    size_t n = standard_records(recs);
    bytes file = assemble(recs, n, layout, offsets);
    got g[16];
    size_t k = read_mem(&file, g, 16);
    check_standard(g, k, offsets);
    free_got(g, k);
    free(file.p);
    free_records(recs, n);
}

START_TEST(plain_warc) { standard_in(PLAIN); }
END_TEST

START_TEST(gzip_member_per_record) { standard_in(PER_MEMBER); }
END_TEST

START_TEST(gzip_whole_file) { standard_in(WHOLE); }
END_TEST

/* A reader fed by a callback a few bytes at a time sees the same records. */
typedef struct trickle {
    const bytes *file;
    size_t pos, step;
} trickle;

static ptrdiff_t trickle_read(void *ud, void *buf, size_t len)
{
    trickle *t = ud;
    size_t n = t->file->n - t->pos;
    if (n > t->step)
        n = t->step;
    if (n > len)
        n = len;
    memcpy(buf, t->file->p + t->pos, n);
    t->pos += n;
    return (ptrdiff_t)n;
}

START_TEST(callback_in_small_reads)
{
    for (int layout = PLAIN; layout <= WHOLE; layout++) {
        bytes recs[8];
        uint64_t offsets[8];
        size_t n = standard_records(recs);
        bytes file = assemble(recs, n, (enum layout)layout, offsets);
        trickle t = {&file, 0, 7};
        pith_warc_reader *r;
        ck_assert_int_eq(pith_warc_reader_new(trickle_read, &t, NULL, &r, NULL), PITH_OK);
        got g[16];
        size_t k = read_all(r, g, 16);
        check_standard(g, k, offsets);
        pith_warc_reader_free(r);
        free_got(g, k);
        free(file.p);
        free_records(recs, n);
    }
}
END_TEST

/* A source that fails on its first read: an I/O error at offset 0, then the end. (The
 * reader did not yet know whether the stream was gzip and looked through its list of
 * gzip members, still NULL: a memmove from NULL, which UBSan reported through the Python
 * module's test.) */
static ptrdiff_t failing_read(void *ud, void *buf, size_t len)
{
    (void)ud;
    (void)buf;
    (void)len;
    errno = EIO;
    return -1;
}

START_TEST(source_fails_at_once)
{
    pith_warc_reader *r;
    ck_assert_int_eq(pith_warc_reader_new(failing_read, NULL, NULL, &r, NULL), PITH_OK);
    pith_warc_record rec;
    pith_error err;
    ck_assert_int_eq(pith_warc_next(r, &rec, &err), PITH_ERR_IO);
    ck_assert_uint_eq(rec.offset, 0);
    ck_assert_int_eq(pith_warc_next(r, &rec, NULL), PITH_END);
    pith_warc_reader_free(r);
}
END_TEST

START_TEST(open_file_and_sniff)
{
    bytes recs[8];
    uint64_t offsets[8];
    size_t n = standard_records(recs);
    bytes file = assemble(recs, n, PER_MEMBER, offsets);
    ck_assert_int_eq(pith_warc_sniff(file.p, file.n), 1);
    ck_assert_int_eq(pith_warc_sniff(recs[0].p, recs[0].n), 1);
    ck_assert_int_eq(pith_warc_sniff(PAGE1, strlen(PAGE1)), 0);
    ck_assert_int_eq(pith_warc_sniff("WARC", 4), 0);
    ck_assert_int_eq(pith_warc_sniff(NULL, 0), 0);
    char path[] = "/tmp/pith-test-warc-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, file.p, file.n), (ssize_t)file.n);
    close(fd);
    pith_warc_reader *r;
    ck_assert_int_eq(pith_warc_reader_open(path, NULL, &r, NULL), PITH_OK);
    got g[16];
    size_t k = read_all(r, g, 16);
    check_standard(g, k, offsets);
    pith_warc_reader_free(r);
    unlink(path);
    pith_error err;
    ck_assert_int_eq(pith_warc_reader_open(path, NULL, &r, &err), PITH_ERR_IO);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(err.message, path));
    free_got(g, k);
    free(file.p);
    free_records(recs, n);
}
END_TEST

START_TEST(bad_arguments)
{
    pith_warc_reader *r = (pith_warc_reader *)1;
    ck_assert_int_eq(pith_warc_reader_new(NULL, NULL, NULL, &r, NULL), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(pith_warc_reader_new_memory(NULL, 3, NULL, &r, NULL), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_warc_reader_open(NULL, NULL, &r, NULL), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_warc_next(NULL, NULL, NULL), PITH_ERR_INVALID_ARGUMENT);
    pith_options o;
    pith_options_init(&o);
    o.version = 99;
    ck_assert_int_eq(pith_warc_reader_new_memory("", 0, &o, &r, NULL), PITH_ERR_INVALID_ARGUMENT);
    pith_warc_reader_free(NULL);
    ck_assert_uint_eq(pith_warc_reader_position(NULL), 0);
    /* an empty source has no records */
    ck_assert_int_eq(pith_warc_reader_new_memory("", 0, NULL, &r, NULL), PITH_OK);
    pith_warc_record rec;
    ck_assert_int_eq(pith_warc_next(r, &rec, NULL), PITH_END);
    pith_warc_reader_free(r);
}
END_TEST

/* ---- HTTP decoding ---- */

static got one_response(const char *status, const char *headers, const char *body, size_t len,
                        size_t max)
{
    bytes file = {0};
    response(&file, "http://x.example/", "<urn:uuid:x>", status, headers, body, len);
    pith_options o;
    pith_options_init(&o);
    if (max)
        o.max_input_bytes = max;
    pith_warc_reader *r;
    ck_assert_int_eq(pith_warc_reader_new_memory(file.p, file.n, &o, &r, NULL), PITH_OK);
    got g[4];
    size_t k = read_all(r, g, 4);
    ck_assert_uint_eq(k, 1);
    pith_warc_reader_free(r);
    free(file.p);
    return g[0];
}

START_TEST(http_decoding)
{
    /* deflate as zlib data, and as raw deflate */
    unsigned char z[256];
    uLongf zn = sizeof z;
    ck_assert_int_eq(compress(z, &zn, (const Bytef *)PAGE1, strlen(PAGE1)), Z_OK);
    got g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
                         (const char *)z, zn, 0);
    ck_assert_int_eq(g.st, PITH_OK);
    ck_assert_str_eq(g.payload, PAGE1);
    free(g.payload);
    g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
                     (const char *)z + 2, zn - 6, 0);
    ck_assert_int_eq(g.st, PITH_OK);
    ck_assert_str_eq(g.payload, PAGE1);
    free(g.payload);

    /* a gzip header kept on a body stored decoded: taken as it is */
    g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", PAGE1,
                     strlen(PAGE1), 0);
    ck_assert_str_eq(g.payload, PAGE1);
    free(g.payload);
    /* the same for chunked */
    g = one_response("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", PAGE1,
                     strlen(PAGE1), 0);
    ck_assert_str_eq(g.payload, PAGE1);
    free(g.payload);

    /* an encoding pith cannot undo is an error for that record */
    g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "\x0b\x02",
                     2, 0);
    ck_assert_int_eq(g.st, PITH_ERR_ENCODING);
    ck_assert_str_eq(g.uri, "http://x.example/");
    g = one_response("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: gzip, chunked\r\n",
                     "0\r\n\r\n", 5, 0);
    ck_assert_int_eq(g.st, PITH_ERR_ENCODING);

    /* corrupt gzip content */
    g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                     "\x1f\x8b\x08\x00garbage-garbage", 19, 0);
    ck_assert_int_eq(g.st, PITH_ERR_GZIP);

    /* broken chunking after a good first chunk */
    g = one_response("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                     "3\r\nabc\r\nzz\r\n", 12, 0);
    ck_assert_int_eq(g.st, PITH_ERR_WARC);

    /* skipped: non-2xx, non-HTML, empty body, not HTTP */
    g = one_response("301 Moved Permanently", "Location: /b\r\nContent-Type: text/html\r\n",
                     "<p>moved</p>", 12, 0);
    ck_assert_int_eq(g.st, PITH_OK);
    ck_assert_str_eq(g.skip, "http_status");
    ck_assert_int_eq(g.http, 301);
    g = one_response("200 OK", "Content-Type: application/pdf\r\n", "%PDF-1.4", 8, 0);
    ck_assert_str_eq(g.skip, "not_html");
    g = one_response("200 OK", "Content-Type: text/html\r\n", "", 0, 0);
    ck_assert_str_eq(g.skip, "no_payload");
    /* text dumps and a missing Content-Type are pages (pith_extract sniffs) */
    g = one_response("200 OK", "Content-Type: text/plain; charset=iso-8859-1\r\n", "caf\xE9", 4, 0);
    ck_assert_int_eq(g.page, 1);
    ck_assert_str_eq(g.ctype, "text/plain; charset=iso-8859-1");
    free(g.payload);
    g = one_response("200 OK", "Server: x\r\n", PAGE1, strlen(PAGE1), 0);
    ck_assert_int_eq(g.page, 1);
    free(g.payload);

    /* a malformed status line */
    g = one_response("OK", "Content-Type: text/html\r\n", PAGE1, strlen(PAGE1), 0);
    ck_assert_int_eq(g.st, PITH_ERR_WARC);

    /* the cap: a page past max_input_bytes, and a gzip body inflating past it */
    g = one_response("200 OK", "Content-Type: text/html\r\n", PAGE1, strlen(PAGE1), 20);
    ck_assert_int_eq(g.st, PITH_ERR_TOO_LARGE);
    char *zeros = calloc(1, 100000);
    bytes bomb = {0};
    put_gz(&bomb, zeros, 100000);
    g = one_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", bomb.p,
                     bomb.n, 1000);
    ck_assert_int_eq(g.st, PITH_ERR_TOO_LARGE);
    free(bomb.p);
    free(zeros);
}
END_TEST

START_TEST(resource_records)
{
    bytes file = {0};
    warc_record(&file, "resource", "file:///a.html", "<urn:uuid:res>", "Content-Type: text/html\r\n",
                PAGE1, strlen(PAGE1));
    warc_record(&file, "resource", "file:///a.png", "<urn:uuid:res2>", "Content-Type: image/png\r\n",
                "\x89PNG", 4);
    warc_record(&file, "revisit", "http://a.example/1", "<urn:uuid:rev>", NULL, "", 0);
    got g[8];
    size_t k = read_mem(&file, g, 8);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(g[0].page, 1);
    ck_assert_str_eq(g[0].payload, PAGE1);
    ck_assert_str_eq(g[0].ctype, "text/html");
    ck_assert_str_eq(g[1].skip, "not_html");
    ck_assert_str_eq(g[2].skip, "revisit");
    free_got(g, k);
    free(file.p);
}
END_TEST

/* ---- damage, and the records after it ---- */

START_TEST(garbage_between_records)
{
    bytes recs[8];
    uint64_t offsets[8];
    size_t n = standard_records(recs);
    bytes file = {0};
    put(&file, recs[2].p, recs[2].n);
    size_t junk_at = file.n;
    puts_(&file, "this is not a WARC record\r\nnor this\r\n");
    size_t next_at = file.n;
    put(&file, recs[4].p, recs[4].n);
    got g[8];
    size_t k = read_mem(&file, g, 8);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(g[0].page, 1);
    ck_assert_int_eq(g[1].st, PITH_ERR_WARC);
    ck_assert_uint_eq(g[1].offset, junk_at);
    ck_assert_int_eq(g[2].st, PITH_OK);
    ck_assert_uint_eq(g[2].offset, next_at);
    ck_assert_str_eq(g[2].payload, PAGE2);
    free_got(g, k);
    free(file.p);
    free_records(recs, n);
    (void)offsets;
}
END_TEST

START_TEST(bad_content_length)
{
    bytes recs[8];
    size_t n = standard_records(recs);
    bytes file = {0};
    puts_(&file, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bad>\r\n"
                 "Content-Length: twelve\r\n\r\nHTTP/1.1 200 OK\r\n\r\nbody\r\n\r\n");
    put(&file, recs[2].p, recs[2].n);
    puts_(&file, "WARC/1.0\r\nWARC-Type: response\r\n\r\nno length at all\r\n\r\n");
    put(&file, recs[4].p, recs[4].n);
    got g[8];
    size_t k = read_mem(&file, g, 8);
    ck_assert_uint_eq(k, 4);
    ck_assert_int_eq(g[0].st, PITH_ERR_WARC);
    ck_assert_str_eq(g[0].id, "<urn:uuid:bad>"); /* the headers were read: the id is known */
    ck_assert_int_eq(g[1].page, 1);
    ck_assert_str_eq(g[1].payload, PAGE1);
    ck_assert_int_eq(g[2].st, PITH_ERR_WARC);
    ck_assert_int_eq(g[3].page, 1);
    ck_assert_str_eq(g[3].payload, PAGE2);
    free_got(g, k);
    free(file.p);
    free_records(recs, n);
}
END_TEST

START_TEST(truncated_record)
{
    bytes recs[8];
    size_t n = standard_records(recs);
    for (int layout = PLAIN; layout <= WHOLE; layout++) {
        bytes two[2] = {recs[2], recs[4]};
        uint64_t offsets[2];
        bytes file = assemble(two, 2, (enum layout)layout, offsets);
        file.n -= 60; /* cut inside the second record's block */
        got g[8];
        size_t k = read_mem(&file, g, 8);
        ck_assert_msg(k == 2, "layout %d: %zu records", layout, k);
        ck_assert_int_eq(g[0].page, 1);
        ck_assert_str_eq(g[0].payload, PAGE1);
        ck_assert_msg(g[1].st == PITH_ERR_WARC, "layout %d: status %d", layout, g[1].st);
        ck_assert_uint_eq(g[1].offset, offsets[1]);
        free_got(g, k);
        free(file.p);
    }
    /* cut inside the headers */
    bytes file = {0};
    put(&file, recs[2].p, recs[2].n);
    put(&file, recs[4].p, 30);
    got g[8];
    size_t k = read_mem(&file, g, 8);
    ck_assert_uint_eq(k, 2);
    ck_assert_int_eq(g[1].st, PITH_ERR_WARC);
    free_got(g, k);
    free(file.p);
    free_records(recs, n);
}
END_TEST

START_TEST(corrupt_gzip_member)
{
    bytes recs[8];
    uint64_t offsets[8];
    size_t n = standard_records(recs);
    bytes file = assemble(recs, n, PER_MEMBER, offsets);
    /* damage the deflate data of member 2 (response 1), past its 10-byte header */
    size_t at = (size_t)offsets[2] + 20;
    for (size_t i = 0; i < 12; i++)
        file.p[at + i] ^= 0x5a;
    got g[16];
    size_t k = read_mem(&file, g, 16);
    ck_assert_uint_eq(k, 5);
    ck_assert_int_eq(g[0].st, PITH_OK);
    ck_assert_int_eq(g[1].st, PITH_OK);
    ck_assert_int_eq(g[2].st, PITH_ERR_GZIP);
    ck_assert_uint_eq(g[2].offset, offsets[2]);
    ck_assert_int_eq(g[3].st, PITH_OK);
    ck_assert_uint_eq(g[3].offset, offsets[3]);
    ck_assert_str_eq(g[3].skip, "not_html");
    ck_assert_int_eq(g[4].page, 1);
    ck_assert_str_eq(g[4].payload, PAGE2);
    ck_assert_uint_eq(g[4].offset, offsets[4]);
    free_got(g, k);

    /* junk between members (in the undamaged file) */
    for (size_t i = 0; i < 12; i++)
        file.p[at + i] ^= 0x5a;
    bytes junky = {0};
    put(&junky, file.p, (size_t)offsets[3]);
    puts_(&junky, "JUNK JUNK");
    put(&junky, file.p + offsets[3], file.n - (size_t)offsets[3]);
    k = read_mem(&junky, g, 16);
    ck_assert_uint_eq(k, 6);
    ck_assert_int_eq(g[2].page, 1);
    ck_assert_int_eq(g[3].st, PITH_ERR_GZIP);
    ck_assert_uint_eq(g[3].offset, offsets[3]);
    ck_assert_str_eq(g[4].skip, "not_html");
    ck_assert_int_eq(g[5].page, 1);
    ck_assert_uint_eq(g[5].offset, offsets[4] + 9);
    free_got(g, k);
    free(junky.p);

    /* NUL padding after the last member is not an error */
    bytes padded = {0};
    put(&padded, file.p, file.n);
    put(&padded, "\0\0\0\0", 4);
    k = read_mem(&padded, g, 16);
    ck_assert_uint_eq(k, 5);
    for (size_t i = 0; i < k; i++)
        ck_assert_int_eq(g[i].st, PITH_OK);
    free_got(g, k);
    free(padded.p);
    free(file.p);
    free_records(recs, n);
}
END_TEST

START_TEST(record_too_large_is_skipped_over)
{
    bytes file = {0};
    char *big = malloc(5000);
    memset(big, 'a', 5000);
    response(&file, "http://x.example/big", "<urn:uuid:big>", "200 OK", "Content-Type: text/html\r\n",
             big, 5000);
    response(&file, "http://x.example/1", "<urn:uuid:r1>", "200 OK", "Content-Type: text/html\r\n",
             PAGE1, strlen(PAGE1));
    pith_options o;
    pith_options_init(&o);
    o.max_input_bytes = 1000;
    pith_warc_reader *r;
    ck_assert_int_eq(pith_warc_reader_new_memory(file.p, file.n, &o, &r, NULL), PITH_OK);
    got g[4];
    size_t k = read_all(r, g, 4);
    ck_assert_uint_eq(k, 2);
    ck_assert_int_eq(g[0].st, PITH_ERR_TOO_LARGE);
    ck_assert_str_eq(g[0].uri, "http://x.example/big");
    ck_assert_str_eq(g[1].payload, PAGE1);
    pith_warc_reader_free(r);
    free_got(g, k);
    free(file.p);
    free(big);
}
END_TEST

/* The extraction of a WARC page equals the extraction of the same bytes as a file. */
START_TEST(extract_from_record)
{
    bytes recs[8];
    uint64_t offsets[8];
    size_t n = standard_records(recs);
    bytes file = assemble(recs, n, PER_MEMBER, offsets);
    pith_extractor *ex;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    pith_warc_reader *r;
    ck_assert_int_eq(pith_warc_reader_new_memory(file.p, file.n, NULL, &r, NULL), PITH_OK);
    pith_warc_record rec;
    int pages = 0;
    while (pith_warc_next(r, &rec, NULL) == PITH_OK) {
        if (!rec.page)
            continue;
        pith_doc *doc;
        ck_assert_int_eq(pith_extract(ex, rec.payload, rec.payload_len, rec.target_uri,
                                      rec.content_type, &doc, NULL),
                         PITH_OK);
        const char *text = pith_doc_text(doc, NULL);
        ck_assert_str_eq(text, pages == 0 ? "First page." : "Second page, caf\xC3\xA9.");
        ck_assert_str_eq(pith_doc_charset(doc), "UTF-8");
        pith_doc_free(doc);
        pages++;
    }
    ck_assert_int_eq(pages, 2);
    pith_warc_reader_free(r);
    pith_extractor_free(ex);
    free(file.p);
    free_records(recs, n);
}
END_TEST

/* ---- JSON Lines ---- */

START_TEST(jsonl_lines)
{
    pith_jsonl_record rec;
    pith_error err;
    const char *line = "{\"id\": 17, \"url\": \"https://e.example/a\", \"html\": \"<p>caf\\u00e9</p>\"}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_OK);
    ck_assert_str_eq(rec.page, "<p>caf\xC3\xA9</p>");
    ck_assert_uint_eq(rec.page_len, strlen("<p>caf\xC3\xA9</p>"));
    ck_assert_str_eq(rec.url, "https://e.example/a");
    ck_assert_str_eq(rec.id, "17");
    ck_assert_ptr_nonnull(strstr(rec.content_type, "utf-8"));
    pith_jsonl_record_free(&rec);

    /* other field names; a string id keeps its quotes; no url */
    pith_jsonl_fields f = {"body", "link", "key"};
    line = "{\"key\": \"a\\\"1\", \"body\": \"x\"}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), &f, &rec, &err), PITH_OK);
    ck_assert_str_eq(rec.id, "\"a\\\"1\"");
    ck_assert_ptr_null(rec.url);
    ck_assert_str_eq(rec.page, "x");
    pith_jsonl_record_free(&rec);

    /* errors, the id still read where it can be */
    line = "{\"id\": [1, 2], \"html\": 5}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_ERR_JSON);
    ck_assert_str_eq(rec.id, "[1,2]");
    ck_assert_ptr_nonnull(strstr(err.message, "not a string"));
    pith_jsonl_record_free(&rec);
    line = "{\"id\": 3}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_ERR_JSON);
    ck_assert_ptr_nonnull(strstr(err.message, "\"html\""));
    pith_jsonl_record_free(&rec);
    line = "{\"id\": 3, \"html\": \"<p>";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_ERR_JSON);
    ck_assert_ptr_null(rec.id);
    pith_jsonl_record_free(&rec);
    ck_assert_int_eq(pith_jsonl_parse("[1]", 3, NULL, &rec, &err), PITH_ERR_JSON);
    pith_jsonl_record_free(&rec);
    ck_assert_int_eq(pith_jsonl_parse(" \r", 2, NULL, &rec, &err), PITH_ERR_EMPTY_INPUT);
    pith_jsonl_record_free(&rec);
    ck_assert_int_eq(pith_jsonl_parse(NULL, 0, NULL, NULL, &err), PITH_ERR_INVALID_ARGUMENT);
    pith_jsonl_record_free(NULL);
    /* a byte-order mark before the first line is not an error */
    line = "\xEF\xBB\xBF{\"html\": \"<p>x</p>\"}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_OK);
    pith_jsonl_record_free(&rec);
    /* a NUL inside the page string survives */
    line = "{\"html\": \"a\\u0000b\"}";
    ck_assert_int_eq(pith_jsonl_parse(line, strlen(line), NULL, &rec, &err), PITH_OK);
    ck_assert_uint_eq(rec.page_len, 3);
    pith_jsonl_record_free(&rec);
}
END_TEST

START_TEST(records_with_id_and_codes)
{
    pith_extractor *ex;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    pith_doc *doc;
    ck_assert_int_eq(pith_extract(ex, PAGE1, strlen(PAGE1), NULL, NULL, &doc, NULL), PITH_OK);
    pith_render_options o;
    pith_render_options_init(&o);
    o.source = "f.jsonl:3";
    o.id = "{\"k\": [1, \"x\"]}";
    o.kinds = PITH_KIND_BIT(PITH_KIND_BODY);
    char *out;
    size_t len;
    ck_assert_int_eq(pith_render_record_with(doc, NULL, &o, &out, &len, NULL), PITH_OK);
    const char *head = "{\"source\":\"f.jsonl:3\",\"id\":{\"k\": [1, \"x\"]},\"title\":\"One\",";
    ck_assert_msg(strncmp(out, head, strlen(head)) == 0, "%s", out);
    ck_assert_ptr_null(strstr(out, "\"kind\":\"title\"")); /* only body segments */
    ck_assert_ptr_nonnull(strstr(out, "\"kind\":\"body\""));
    pith_free(out);

    pith_error failure = {PITH_ERR_GZIP, "gzip data is corrupt"};
    ck_assert_int_eq(pith_render_record_with(NULL, &failure, &o, &out, &len, NULL), PITH_OK);
    ck_assert_str_eq(out, "{\"source\":\"f.jsonl:3\",\"id\":{\"k\": [1, \"x\"]},"
                          "\"error\":\"gzip data is corrupt\",\"status\":\"gzip_corrupt\"}");
    pith_free(out);

    /* an id that is not one line of JSON is refused, not copied */
    pith_error err;
    o.id = "{\"a\":";
    ck_assert_int_eq(pith_render_record_with(doc, NULL, &o, &out, &len, &err),
                     PITH_ERR_INVALID_ARGUMENT);
    o.id = "[1,\n2]";
    ck_assert_int_eq(pith_render_record_with(doc, NULL, &o, &out, &len, &err),
                     PITH_ERR_INVALID_ARGUMENT);
    o.id = NULL;
    o.kinds = 1u << PITH_KIND_COUNT;
    ck_assert_int_eq(pith_render_with(doc, PITH_FORMAT_TEXT, &o, &out, &len, &err),
                     PITH_ERR_INVALID_ARGUMENT);
    o.kinds = PITH_KIND_BIT(PITH_KIND_BODY);
    ck_assert_int_eq(pith_render_with(doc, PITH_FORMAT_TEXT, &o, &out, &len, &err), PITH_OK);
    ck_assert_str_eq(out, "First page.\n"); /* no title line: only the kinds asked for */
    pith_free(out);
    o.version = 0;
    ck_assert_int_eq(pith_render_with(doc, PITH_FORMAT_TEXT, &o, &out, &len, &err),
                     PITH_ERR_INVALID_ARGUMENT);

    unsigned kinds = 0;
    ck_assert_int_eq(pith_kinds_parse("body,title", &kinds, &err), PITH_OK);
    ck_assert_uint_eq(kinds, PITH_KIND_BIT(PITH_KIND_BODY) | PITH_KIND_BIT(PITH_KIND_TITLE));
    ck_assert_int_eq(pith_kinds_parse("body,adverts", &kinds, &err), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "adverts"));
    ck_assert_int_eq(pith_kinds_parse("", &kinds, &err), PITH_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pith_kinds_parse("body,", &kinds, &err), PITH_OK);

    /* every status has a distinct code of lower-case letters and underscores */
    for (int s = PITH_OK; s <= PITH_END; s++) {
        const char *c = pith_status_code((pith_status)s);
        ck_assert_msg(strcmp(c, "unknown") != 0, "status %d has no code", s);
        ck_assert_uint_eq(strspn(c, "abcdefghijklmnopqrstuvwxyz_"), strlen(c));
        for (int t = PITH_OK; t < s; t++)
            ck_assert_str_ne(c, pith_status_code((pith_status)t));
    }
    ck_assert_str_eq(pith_status_code((pith_status)(PITH_END + 1)), "unknown");
    ck_assert_str_eq(pith_status_code(PITH_ERR_GZIP), "gzip_corrupt");
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("warc");
    TCase *tc = tcase_create("warc");
    tcase_add_test(tc, plain_warc);
    tcase_add_test(tc, gzip_member_per_record);
    tcase_add_test(tc, gzip_whole_file);
    tcase_add_test(tc, callback_in_small_reads);
    tcase_add_test(tc, source_fails_at_once);
    tcase_add_test(tc, open_file_and_sniff);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, http_decoding);
    tcase_add_test(tc, resource_records);
    tcase_add_test(tc, garbage_between_records);
    tcase_add_test(tc, bad_content_length);
    tcase_add_test(tc, truncated_record);
    tcase_add_test(tc, corrupt_gzip_member);
    tcase_add_test(tc, record_too_large_is_skipped_over);
    tcase_add_test(tc, extract_from_record);
    suite_add_tcase(s, tc);
    TCase *tj = tcase_create("jsonl");
    tcase_add_test(tj, jsonl_lines);
    tcase_add_test(tj, records_with_id_and_codes);
    suite_add_tcase(s, tj);
    return s;
}
