/* pith: the example command-line tool. It only maps flags onto the public API; every
 * decision about a page (and about a WARC record or a JSON line) is the library's.
 *
 * The main thread lists the inputs: files, folders walked in name order, the records of
 * WARC files (pith_warc_reader) and the lines of JSON Lines files. Each becomes a job;
 * with --jobs N, N threads share one extractor (it is immutable and thread-safe) and
 * process the jobs while the main thread writes the results in input order, so the
 * output is byte-identical to --jobs 1. Every input ends as a record, an error record,
 * or a count in the summary: nothing is dropped silently. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pith.h"

enum { FMT_JSONL = -1 }; /* a record per input; not a pith_format */
enum { IN_AUTO, IN_PAGE, IN_WARC, IN_JSONL };

static const char USAGE[] =
    "usage: pith [options] [FILE|DIR|-]...\n"
    "Segments scraped pages (HTML or visible-text dumps, gzip allowed) and prints the article.\n"
    "  --format F            text (default), markdown, json, jsonl, explain, html\n"
    "  --explain             the same as --format explain\n"
    "  --only KINDS          keep only these segment kinds (comma-separated, e.g. title,body)\n"
    "  --url URL             the page's address (a hint for metadata)\n"
    "  --content-type CT     the HTTP Content-Type, whose charset is used\n"
    "  --input K             html, text or auto (default: sniff)\n"
    "  --page-type T         auto (default: detect), article, forum, product, collection,\n"
    "                        listing, documentation, service or other\n"
    "  --input-format F      auto (default), page, warc or jsonl: what each FILE holds.\n"
    "                        auto reads WARC files (also gzipped) by their content, .jsonl\n"
    "                        and .ndjson files as JSON Lines, anything else as one page\n"
    "  --html-field NAME     JSON Lines: the field holding the page (default html)\n"
    "  --url-field NAME      JSON Lines: the page's address (default url)\n"
    "  --id-field NAME       JSON Lines: an id passed through to the output (default id)\n"
    "  --rules FILE          add a rule file (may be repeated)\n"
    "  --no-builtin-rules    use only the rules given with --rules\n"
    "  --source-case         HTML: keep letter case as written, not as the page's own\n"
    "                        CSS (text-transform) shows it\n"
    "  -j, --jobs N          worker threads sharing one extractor (default 1)\n"
    "  --progress, --quiet   force the progress line on stderr (shown by default when\n"
    "                        stderr is a terminal and stdout is not), or show neither it\n"
    "                        nor the summary\n"
    "  --help, --version\n"
    "No FILE, or -, reads standard input; a DIR is walked recursively in name order.\n"
    "jsonl prints one record per input, page or WARC record or JSON line, and an error record\n"
    "(with a stable \"status\" code) for one that failed; a batch ends with a summary on\n"
    "stderr. The exit status is 1 when any input failed, 2 for a usage or rule error.\n";

/* Settings shared read-only by the workers. */
typedef struct cli {
    const pith_extractor *ex;
    int format; /* a pith_format or FMT_JSONL */
    const char *url, *content_type;
    size_t cap; /* max_input_bytes: reading stops one byte past it */
    unsigned kinds;
    pith_jsonl_fields fields;
} cli;

enum { J_FILE, J_DATA, J_JSONL, J_FAILED };

/* One input in flight: what to process, and once processed, what to print. */
typedef struct job {
    int type;
    char *source;       /* the name in records: a path, PATH@OFFSET, PATH:LINE */
    char *id;           /* JSON text of the "id" member, or NULL */
    char *data;         /* J_DATA: the page; J_JSONL: the line */
    size_t len;
    char *url, *ctype;  /* J_DATA from a WARC: the record's address and Content-Type */
    unsigned long long line; /* J_JSONL: its line number */
    pith_error failure; /* J_FAILED: why */
    char *out;          /* the rendering or record (pith_free), or NULL */
    size_t out_len;
    char message[300];  /* for stderr when not jsonl */
    int failed, done;
} job;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("pith: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static void job_clear(job *j)
{
    pith_free(j->out);
    free(j->source);
    free(j->id);
    free(j->data);
    free(j->url);
    free(j->ctype);
    memset(j, 0, sizeof *j);
}

/* A failure known before any work (a folder entry that cannot be read, a broken WARC
 * record): `errnum` != 0 takes the message from it. */
static void job_fail(job *j, const char *source, pith_status st, int errnum, const char *what)
{
    j->type = J_FAILED;
    j->source = xstrdup(source);
    j->failure.status = st;
    if (errnum)
        snprintf(j->failure.message, sizeof j->failure.message, "%s%s%s", what ? what : "",
                 what ? ": " : "", strerror(errnum));
    else
        snprintf(j->failure.message, sizeof j->failure.message, "%s", what);
}

/* ---- output: large buffered writes; a closed pipe ends the run quietly ---- */

static char outbuf[1 << 20];
static size_t outlen;

static void flush_out(void)
{
    for (size_t off = 0; off < outlen;) {
        ssize_t n = write(STDOUT_FILENO, outbuf + off, outlen - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (errno != EPIPE)
                fprintf(stderr, "pith: write error: %s\n", strerror(errno));
            /* _exit: workers may still be running; nothing else needs cleaning up */
            _exit(errno == EPIPE ? 0 : 1);
        }
        off += (size_t)n;
    }
    outlen = 0;
}

static void put(const char *s, size_t n)
{
    while (n) {
        if (outlen == sizeof outbuf)
            flush_out();
        size_t k = sizeof outbuf - outlen < n ? sizeof outbuf - outlen : n;
        memcpy(outbuf + outlen, s, k);
        outlen += k;
        s += k;
        n -= k;
    }
}

/* ---- progress and summary on stderr ---- */

typedef struct progress {
    int show;               /* draw the progress line */
    int drawn;              /* a line is on the screen */
    double start, last;     /* seconds */
    unsigned long long ok, failed, skipped;
    unsigned long long done_bytes, total_bytes; /* total 0: unknown */
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_line(progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}

static void hms(char *out, size_t cap, double s)
{
    unsigned long t = s < 0 ? 0 : (unsigned long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%lu:%02lu", t / 60, t % 60);
}

static void draw(progress *p, int force)
{
    double t = now();
    if (!p->show || (!force && t - p->last < 0.25))
        return;
    p->last = t;
    double elapsed = t - p->start;
    unsigned long long pages = p->ok + p->failed;
    char el[32], eta[48] = "";
    hms(el, sizeof el, elapsed);
    if (p->total_bytes && p->done_bytes) {
        double left = elapsed * (double)(p->total_bytes - (p->done_bytes < p->total_bytes
                                                               ? p->done_bytes
                                                               : p->total_bytes)) /
                      (double)p->done_bytes;
        char e[32];
        hms(e, sizeof e, left);
        snprintf(eta, sizeof eta, ", ETA %s", e);
    }
    fprintf(stderr, "\r\033[Kpith: %llu pages, %.1f/s, %llu errors, %s elapsed%s", pages,
            elapsed > 0 ? (double)pages / elapsed : 0.0, p->failed, el, eta);
    p->drawn = 1;
}

/* ---- reading one page file ---- */

static pith_status fail(pith_error *err, pith_status st, int errnum, const char *what)
{
    err->status = st;
    if (!errnum || strerror_r(errnum, err->message, sizeof err->message) != 0)
        snprintf(err->message, sizeof err->message, "%s", what);
    return st;
}

/* Reads fd to the end, at most cap + 1 bytes; `have`/`have_len` are bytes already read
 * from it (moved into the result). */
static pith_status read_fd_all(int fd, size_t cap, char *have, size_t have_len, char **data,
                               size_t *len, pith_error *err)
{
    struct stat st;
    size_t size = 1 << 16;
    if (fstat(fd, &st) != 0)
        st.st_mode = 0;
    if (S_ISDIR(st.st_mode))
        return free(have), fail(err, PITH_ERR_IO, EISDIR, "is a directory");
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > cap)
        return free(have), fail(err, PITH_ERR_TOO_LARGE, 0, "file is larger than max_input_bytes");
    if (S_ISREG(st.st_mode))
        size = (size_t)st.st_size + 1; /* +1 sees EOF without a second allocation */
    if (size < have_len + 1)
        size = have_len + 1;
    char *buf = realloc(have, size);
    size_t n = have_len;
    if (!buf)
        return free(have), fail(err, PITH_ERR_NOMEM, 0, "out of memory");
    for (;;) {
        if (n == size) {
            if (size > cap) {
                free(buf);
                return fail(err, PITH_ERR_TOO_LARGE, 0, "input is larger than max_input_bytes");
            }
            size = size * 2 > cap + 1 ? cap + 1 : size * 2;
            char *p = realloc(buf, size);
            if (!p) {
                free(buf);
                return fail(err, PITH_ERR_NOMEM, 0, "out of memory");
            }
            buf = p;
        }
        ssize_t k = read(fd, buf + n, size - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            free(buf);
            return fail(err, PITH_ERR_IO, errno, "read error");
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    *data = buf;
    *len = n;
    return PITH_OK;
}

static pith_status read_file(const char *path, size_t cap, char **data, size_t *len,
                             pith_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, PITH_ERR_IO, errno, "read error");
    pith_status st = read_fd_all(fd, cap, NULL, 0, data, len, err);
    close(fd);
    return st;
}

/* ---- processing a job: safe to run on several threads at once ---- */

static void process(const cli *c, job *j)
{
    pith_error err = {PITH_OK, ""}, rerr = {PITH_OK, ""};
    pith_doc *doc = NULL;
    pith_status st = PITH_OK;
    const char *url = c->url, *ctype = c->content_type;
    char *data = NULL;
    size_t len = 0;
    pith_jsonl_record line;
    memset(&line, 0, sizeof line);

    switch (j->type) {
    case J_FAILED:
        err = j->failure;
        st = err.status;
        break;
    case J_FILE:
        st = read_file(j->source, c->cap, &data, &len, &err);
        break;
    case J_DATA:
        data = j->data, len = j->len;
        j->data = NULL;
        if (j->url)
            url = j->url;
        if (j->ctype && *j->ctype)
            ctype = j->ctype;
        break;
    case J_JSONL:
        st = pith_jsonl_parse(j->data, j->len, &c->fields, &line, &err);
        if (line.id && !j->id)
            j->id = xstrdup(line.id);
        if (st == PITH_OK) {
            url = line.url ? line.url : url;
            ctype = line.content_type;
        } else {
            /* name the line: the source already says which one, the message why */
            char msg[sizeof err.message + 32];
            snprintf(msg, sizeof msg, "line %llu: %s", j->line, err.message);
            size_t n = strlen(msg) < sizeof err.message ? strlen(msg) : sizeof err.message - 1;
            memcpy(err.message, msg, n);
            err.message[n] = '\0';
        }
        break;
    }
    if (st == PITH_OK) {
        if (j->type == J_JSONL)
            st = pith_extract(c->ex, line.page, line.page_len, url, ctype, &doc, &err);
        else
            st = pith_extract(c->ex, data, len, url, ctype, &doc, &err);
    }
    free(data);
    pith_jsonl_record_free(&line);

    pith_render_options ro;
    pith_render_options_init(&ro);
    ro.kinds = c->kinds;
    ro.source = j->source;
    ro.id = j->id;
    if (c->format == FMT_JSONL) {
        /* every input gets a record: its own, or an error record saying why not */
        if (!st)
            st = pith_render_record_with(doc, NULL, &ro, &j->out, &j->out_len, &err);
        if (st && pith_render_record_with(NULL, &err, &ro, &j->out, &j->out_len, &rerr))
            snprintf(j->message, sizeof j->message, "pith: %s: %s\n", j->source, rerr.message);
    } else {
        if (!st)
            st = pith_render_with(doc, (pith_format)c->format, &ro, &j->out, &j->out_len, &err);
        if (st)
            snprintf(j->message, sizeof j->message, "pith: %s: %s\n", j->source, err.message);
    }
    pith_doc_free(doc);
    j->failed = st != PITH_OK;
}

/* Prints a finished job and counts it. */
static void emit(const cli *c, job *j, int multi, progress *p)
{
    if (j->out && multi && (c->format == PITH_FORMAT_TEXT || c->format == PITH_FORMAT_MARKDOWN ||
                            c->format == PITH_FORMAT_EXPLAIN)) {
        put("==> ", 4);
        put(j->source, strlen(j->source));
        put(" <==\n", 5);
    }
    if (j->out) {
        put(j->out, j->out_len);
        if (!j->out_len || j->out[j->out_len - 1] != '\n')
            put("\n", 1);
        if (multi && c->format != FMT_JSONL && c->format != PITH_FORMAT_JSON)
            put("\n", 1);
    }
    if (j->message[0]) {
        flush_out(); /* keep stdout and stderr in input order on a terminal */
        clear_line(p);
        fputs(j->message, stderr);
    }
    if (j->failed)
        p->failed++;
    else
        p->ok++;
    job_clear(j);
    draw(p, 0);
}

/* ---- inputs: arguments, folders walked in name order, WARC records, JSON lines ---- */

typedef struct level {
    char *dir;
    char **names;
    size_t n, i;
    dev_t dev;
    ino_t ino;
} level;

/* A stream (stdin, a pipe named on the command line) seen through the first bytes
 * already read from it to sniff what it holds. */
typedef struct replay {
    char head[4096];
    size_t n, pos;
    int fd;
    int owned; /* closed with the container */
} replay;

typedef struct walker {
    const cli *c;
    char **args;
    int nargs, argi;
    int input_format;
    level *stack;
    size_t depth, cap;
    progress *p;
    /* the container being read, if any */
    pith_warc_reader *warc;
    uint64_t warc_pos;
    FILE *lines;
    unsigned long long lineno;
    char *container;  /* its name, for sources */
    replay in;        /* a stream's first bytes, when the stream is a WARC */
} walker;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = xmalloc(n + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

/* Lists `dir` onto the stack; an errno when it cannot be listed. `dir` is the stack's
 * then (freed with the level). A folder already on the stack is a loop (ELOOP). */
static int push_dir(walker *w, char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno;
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st.st_dev && w->stack[i].ino == st.st_ino)
            return ELOOP;
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    level lv = {dir, NULL, 0, 0, st.st_dev, st.st_ino};
    size_t cap = 0;
    struct dirent *e;
    for (;;) {
        errno = 0;
        if (!(e = readdir(d)))
            break;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (lv.n == cap) {
            cap = cap ? cap * 2 : 64;
            char **names = realloc(lv.names, cap * sizeof *names);
            if (!names) {
                fputs("pith: out of memory\n", stderr);
                exit(1);
            }
            lv.names = names;
        }
        lv.names[lv.n++] = xstrdup(e->d_name);
    }
    int readdir_errno = errno;
    closedir(d);
    if (readdir_errno) {
        while (lv.n)
            free(lv.names[--lv.n]);
        free(lv.names);
        return readdir_errno;
    }
    qsort(lv.names, lv.n, sizeof *lv.names, by_name);
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 8;
        level *s = realloc(w->stack, w->cap * sizeof *w->stack);
        if (!s) {
            fputs("pith: out of memory\n", stderr);
            exit(1);
        }
        w->stack = s;
    }
    w->stack[w->depth++] = lv;
    return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static ptrdiff_t read_replay(void *ud, void *buf, size_t len)
{
    replay *r = ud;
    if (r->pos < r->n) {
        size_t k = r->n - r->pos < len ? r->n - r->pos : len;
        memcpy(buf, r->head + r->pos, k);
        r->pos += k;
        return (ptrdiff_t)k;
    }
    for (;;) {
        ssize_t k = read(r->fd, buf, len);
        if (k >= 0 || errno != EINTR)
            return k;
    }
}

/* Reads up to sizeof head bytes from fd. */
static ssize_t read_head(int fd, char *head, size_t cap)
{
    size_t n = 0;
    while (n < cap) {
        ssize_t k = read(fd, head + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return n ? (ssize_t)n : -1;
        if (k == 0)
            break;
        n += (size_t)k;
    }
    return (ssize_t)n;
}

/* What a file holds, for --input-format auto: WARC by content, JSON Lines by name. */
static int file_format(const walker *w, const char *path)
{
    if (w->input_format != IN_AUTO)
        return w->input_format;
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
        return IN_JSONL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return IN_PAGE; /* the page reader reports the error */
    char head[4096];
    ssize_t n = read_head(fd, head, sizeof head);
    close(fd);
    return n > 0 && pith_warc_sniff(head, (size_t)n) ? IN_WARC : IN_PAGE;
}

/* Starts reading a container (WARC or JSON Lines) file, or stdin when path is "-"
 * (`stream`: a WARC from w->in); on failure fills j with an error record and returns 1. */
static int open_container(walker *w, const char *path, int format, int stream, job *j)
{
    pith_error err;
    int std = strcmp(path, "-") == 0;
    if (format == IN_WARC) {
        pith_options o;
        pith_options_init(&o);
        o.max_input_bytes = w->c->cap;
        pith_status st = stream ? pith_warc_reader_new(read_replay, &w->in, &o, &w->warc, &err)
                             : pith_warc_reader_open(path, &o, &w->warc, &err);
        if (st) {
            job_fail(j, path, st, 0, err.message);
            return 1;
        }
        w->warc_pos = 0;
    } else {
        w->lines = std ? stdin : fopen(path, "rb");
        if (!w->lines) {
            job_fail(j, path, PITH_ERR_IO, errno, NULL);
            return 1;
        }
        w->lineno = 0;
    }
    w->container = xstrdup(path);
    return 0;
}

static void close_container(walker *w)
{
    if (w->warc)
        pith_warc_reader_free(w->warc);
    if (w->lines && w->lines != stdin)
        fclose(w->lines);
    w->warc = NULL;
    w->lines = NULL;
    if (w->in.owned)
        close(w->in.fd);
    w->in.owned = 0;
    free(w->container);
    w->container = NULL;
}

/* The next WARC record as a job; 0 at the end of the file. Skipped records are
 * counted, not jobs. */
static int next_warc(walker *w, job *j)
{
    for (;;) {
        pith_warc_record rec;
        pith_error err;
        pith_status st = pith_warc_next(w->warc, &rec, &err);
        uint64_t pos = pith_warc_reader_position(w->warc);
        w->p->done_bytes += pos - w->warc_pos;
        w->warc_pos = pos;
        if (st == PITH_END)
            return 0;
        char source[PATH_MAX + 32];
        snprintf(source, sizeof source, "%s@%llu", w->container, (unsigned long long)rec.offset);
        if (st == PITH_OK && !rec.page) {
            w->p->skipped++;
            continue;
        }
        if (st != PITH_OK) {
            job_fail(j, source, st, 0, err.message);
        } else {
            j->type = J_DATA;
            j->source = xstrdup(source);
            j->data = xmalloc(rec.payload_len);
            memcpy(j->data, rec.payload, rec.payload_len);
            j->len = rec.payload_len;
            j->url = *rec.target_uri ? xstrdup(rec.target_uri) : NULL;
            j->ctype = *rec.content_type ? xstrdup(rec.content_type) : NULL;
        }
        if (*rec.record_id) {
            /* the record id as a JSON string ("<urn:uuid:...>" needs no other escapes) */
            size_t n = strlen(rec.record_id);
            char *id = xmalloc(2 * n + 8), *o = id;
            *o++ = '"';
            for (const char *s = rec.record_id; *s; s++) {
                unsigned char ch = (unsigned char)*s;
                if (ch == '"' || ch == '\\')
                    *o++ = '\\', *o++ = (char)ch;
                else if (ch >= 0x20)
                    *o++ = (char)ch;
            }
            *o++ = '"';
            *o = '\0';
            j->id = id;
        }
        return 1;
    }
}

/* The next JSON line as a job; 0 at the end. Blank lines are counted as skipped. A line
 * longer than the cap becomes an error record (and the rest of it is read through). */
static int next_line(walker *w, job *j)
{
    size_t cap = w->c->cap < SIZE_MAX / 4 ? w->c->cap * 2 + 4096 : SIZE_MAX; /* JSON escapes */
    for (;;) {
        size_t size = 4096, n = 0;
        char *buf = xmalloc(size);
        int c, too_long = 0;
        /* getc_unlocked: only this thread reads the stream */
        while ((c = getc_unlocked(w->lines)) != EOF && c != '\n') {
            if (n + 1 >= size) {
                if (size >= cap) {
                    too_long = 1;
                    continue;
                }
                size = size * 2 > cap ? cap : size * 2;
                char *p = realloc(buf, size);
                if (!p) {
                    fputs("pith: out of memory\n", stderr);
                    exit(1);
                }
                buf = p;
            }
            if (!too_long)
                buf[n++] = (char)c;
            w->p->done_bytes++;
        }
        int read_error = ferror(w->lines);
        if (c == EOF && n == 0 && !too_long) {
            free(buf);
            if (read_error) {
                job_fail(j, w->container, PITH_ERR_IO, errno, "read error");
                clearerr(w->lines);
                close_container(w);
                return 1;
            }
            return 0;
        }
        w->lineno++;
        buf[n] = '\0';
        char source[PATH_MAX + 32];
        snprintf(source, sizeof source, "%s:%llu", w->container, w->lineno);
        if (too_long) {
            free(buf);
            job_fail(j, source, PITH_ERR_TOO_LARGE, 0, "line is longer than max_input_bytes allows");
            return 1;
        }
        size_t k = 0;
        while (k < n && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r'))
            k++;
        if (k == n) {
            free(buf);
            w->p->skipped++;
            continue;
        }
        j->type = J_JSONL;
        j->line = w->lineno;
        j->source = xstrdup(source);
        j->data = buf;
        j->len = n;
        return 1;
    }
}

/* A stream, read once: standard input, or a pipe named on the command line (which
 * cannot be opened twice, to sniff and then to read). A page, a WARC stream, or (when
 * asked) JSON Lines. `fd` is closed here or with the container when `owned`. */
static int start_stream(walker *w, const char *name, int fd, int owned, job *j)
{
    int format = w->input_format;
    if (format == IN_JSONL || format == IN_WARC) { /* stdin: named files open themselves */
        w->in.fd = fd;
        w->in.n = w->in.pos = 0;
        return open_container(w, name, format, 1, j) ? 1 : 0;
    }
    ssize_t n = read_head(fd, w->in.head, sizeof w->in.head);
    w->in.n = n > 0 ? (size_t)n : 0;
    w->in.pos = 0;
    w->in.fd = fd;
    if (format == IN_AUTO && pith_warc_sniff(w->in.head, w->in.n)) {
        w->in.owned = owned;
        if (open_container(w, name, IN_WARC, 1, j)) {
            if (owned)
                close(fd);
            w->in.owned = 0;
            return 1;
        }
        return 0;
    }
    pith_error err;
    char *have = xmalloc(w->in.n);
    memcpy(have, w->in.head, w->in.n);
    char *data;
    size_t len;
    pith_status st = read_fd_all(fd, w->c->cap, have, w->in.n, &data, &len, &err);
    if (owned)
        close(fd);
    if (st) {
        job_fail(j, name, err.status, 0, err.message);
        return 1;
    }
    w->p->done_bytes += len;
    j->type = J_DATA;
    j->source = xstrdup(name);
    j->data = data;
    j->len = len;
    return 1;
}

/* A file found by the walk or named: a page job, or the start of a container. */
static int start_file(walker *w, char *path, job *j)
{
    struct stat st;
    int regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    if (!regular && w->input_format == IN_AUTO && !has_suffix(path, ".jsonl") &&
        !has_suffix(path, ".ndjson")) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            int r = start_stream(w, path, fd, 1, j);
            free(path);
            return r;
        }
    }
    int format = regular ? file_format(w, path) : w->input_format == IN_AUTO ? IN_PAGE
                                                                          : w->input_format;
    if (format == IN_PAGE) {
        if (regular)
            w->p->done_bytes += (unsigned long long)st.st_size;
        j->type = J_FILE;
        j->source = path;
        return 1;
    }
    int failed = open_container(w, path, format, 0, j);
    free(path);
    return failed ? 1 : 0;
}

/* The next input into j; 0 at the end. */
static int next_input(walker *w, job *j)
{
    for (;;) {
        if (w->warc) {
            if (next_warc(w, j))
                return 1;
            close_container(w);
            continue;
        }
        if (w->lines) {
            if (next_line(w, j))
                return 1;
            close_container(w);
            continue;
        }
        if (w->depth) {
            level *lv = &w->stack[w->depth - 1];
            if (lv->i == lv->n) {
                while (lv->n)
                    free(lv->names[--lv->n]);
                free(lv->names);
                free(lv->dir);
                w->depth--;
                continue;
            }
            char *name = lv->names[lv->i];
            lv->names[lv->i++] = NULL;
            char *path = join(lv->dir, name);
            free(name);
            struct stat st;
            if (lstat(path, &st) != 0) {
                /* too long a path, a folder that is readable but not searchable, an entry
                 * gone since the listing: each is reported, never skipped silently */
                job_fail(j, path, PITH_ERR_IO, errno, "cannot stat");
                free(path);
                return 1;
            }
            if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
                int e = errno;
                job_fail(j, path, PITH_ERR_IO, e,
                         e == ENOENT ? "dangling symlink" : e == ELOOP ? "symlink loop" : "symlink");
                free(path);
                return 1;
            }
            if (S_ISDIR(st.st_mode)) {
                int e = push_dir(w, path);
                if (!e)
                    continue;
                job_fail(j, path, PITH_ERR_IO, e == ELOOP ? 0 : e,
                         e == ELOOP ? "symlink loop: this folder is already being walked"
                                    : "cannot list");
                free(path);
                return 1;
            }
            if (!S_ISREG(st.st_mode)) {
                w->p->skipped++; /* a FIFO, socket or device: not a page */
                free(path);
                continue;
            }
            if (start_file(w, path, j))
                return 1;
            continue;
        }
        if (w->argi >= w->nargs)
            return 0;
        const char *arg = w->args[w->argi++];
        if (strcmp(arg, "-") == 0) {
            if (start_stream(w, "-", STDIN_FILENO, 0, j))
                return 1;
            continue;
        }
        struct stat st;
        if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *dir = xstrdup(arg);
            int e = push_dir(w, dir);
            if (!e)
                continue;
            free(dir);
            job_fail(j, arg, PITH_ERR_IO, e, "cannot list");
            return 1;
        }
        if (start_file(w, xstrdup(arg), j))
            return 1;
    }
}

/* The bytes a run will read, for the ETA: the sizes of the files named and of those in
 * the folders named, followed like the walk does; 0 when unknown (stdin). */
static unsigned long long total_bytes(char **args, int nargs)
{
    unsigned long long total = 0;
    for (int i = 0; i < nargs; i++) {
        struct stat st;
        if (strcmp(args[i], "-") == 0)
            return 0;
        if (stat(args[i], &st) != 0)
            continue;
        if (S_ISREG(st.st_mode)) {
            total += (unsigned long long)st.st_size;
            continue;
        }
        if (!S_ISDIR(st.st_mode))
            continue;
        /* an explicit stack of folders; loops are cut by a depth bound */
        char **todo = xmalloc(sizeof *todo);
        size_t n = 1, cap = 1;
        todo[0] = xstrdup(args[i]);
        while (n) {
            char *dir = todo[--n];
            DIR *d = opendir(dir);
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *path = join(dir, e->d_name);
                /* lstat: folders reached through symlinks are not counted, so that a
                 * loop cannot make this walk endless */
                if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                    if (n == cap) {
                        cap *= 2;
                        char **t = realloc(todo, cap * sizeof *todo);
                        if (!t)
                            exit(1);
                        todo = t;
                    }
                    todo[n++] = path;
                    continue;
                }
                if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
                    st.st_mode = 0;
                if (S_ISREG(st.st_mode))
                    total += (unsigned long long)st.st_size;
                free(path);
            }
            if (d)
                closedir(d);
            free(dir);
        }
        free(todo);
    }
    return total;
}

/* ---- the run: sequential, or a window of jobs in flight for the workers ---- */

typedef struct pool {
    const cli *c;
    job *slots;
    size_t window, filled, taken, written; /* counters of jobs; slot = counter % window */
    int quit;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->taken == p->filled && !p->quit)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->taken == p->filled)
            break;
        job *j = &p->slots[p->taken++ % p->window];
        pthread_mutex_unlock(&p->mu);
        process(p->c, j);
        pthread_mutex_lock(&p->mu);
        j->done = 1;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void run(const cli *c, walker *w, int jobs, int multi, progress *prog)
{
    job one;
    memset(&one, 0, sizeof one);
    if (jobs == 1) {
        while (next_input(w, &one)) {
            process(c, &one);
            emit(c, &one, multi, prog);
        }
        return;
    }
    pool p = {.c = c, .window = (size_t)jobs * 4};
    pthread_t *tids = calloc((size_t)jobs, sizeof *tids);
    p.slots = calloc(p.window, sizeof *p.slots);
    if (!tids || !p.slots) {
        fputs("pith: out of memory\n", stderr);
        exit(1);
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    int started = 0;
    while (started < jobs && pthread_create(&tids[started], NULL, worker, &p) == 0)
        started++;
    if (!started) {
        fputs("pith: cannot start worker threads\n", stderr);
        exit(1);
    }
    int more = 1;
    pthread_mutex_lock(&p.mu);
    for (;;) {
        job *head = &p.slots[p.written % p.window];
        if (p.written < p.filled && head->done) {
            pthread_mutex_unlock(&p.mu); /* the slot is ours until `written` moves */
            emit(c, head, multi, prog);
            pthread_mutex_lock(&p.mu);
            p.written++;
        } else if (more && p.filled - p.written < p.window) {
            job *j = &p.slots[p.filled % p.window];
            pthread_mutex_unlock(&p.mu);
            more = next_input(w, j);
            pthread_mutex_lock(&p.mu);
            if (more) {
                p.filled++;
                pthread_cond_signal(&p.work);
            }
        } else if (!more && p.written == p.filled) {
            break;
        } else {
            pthread_cond_wait(&p.done, &p.mu);
        }
    }
    p.quit = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(tids);
}

/* ---- flags ---- */

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "pith: %s: %s (try pith --help)\n", what, arg);
    return 2;
}

static int lookup(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

int main(int argc, char **argv)
{
    static const char *const FORMATS[] = {"text", "markdown", "json", "explain", "html", "jsonl"};
    static const char *const INPUTS[] = {"auto", "html", "text"};
    static const char *const CONTAINERS[] = {"auto", "page", "warc", "jsonl"};
    static const char *const WITH_VALUE[] = {
        "--format", "--url", "--content-type", "--input", "--rules", "--jobs", "-j",
        "--input-format", "--html-field", "--url-field", "--id-field", "--only", "--page-type"};
    enum { N_WITH_VALUE = sizeof WITH_VALUE / sizeof WITH_VALUE[0] };
    cli c = {.format = PITH_FORMAT_TEXT};
    pith_options o;
    pith_options_init(&o);
    const char **rules = calloc((size_t)argc, sizeof *rules);
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nrules = 0, nfiles = 0, jobs = 1, opts_done = 0, input_format = IN_AUTO;
    int show_progress = -1; /* -1: when stderr is a terminal and stdout is not */
    if (!rules || !files)
        return 1;

    for (int i = 1; i < argc; i++) {
        char *a = argv[i], *val = NULL;
        if (opts_done || a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            opts_done = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return 0;
        }
        if (!strcmp(a, "--version")) {
            printf("pith %s (library %s)\n", PITH_VERSION_STRING, pith_version());
            return 0;
        }
        if (!strcmp(a, "--explain")) {
            c.format = PITH_FORMAT_EXPLAIN;
            continue;
        }
        if (!strcmp(a, "--no-builtin-rules")) {
            o.flags |= PITH_OPT_NO_BUILTIN_RULES;
            continue;
        }
        if (!strcmp(a, "--source-case")) {
            o.flags |= PITH_OPT_SOURCE_CASE;
            continue;
        }
        if (!strcmp(a, "--progress") || !strcmp(a, "--quiet")) {
            show_progress = a[2] == 'p';
            continue;
        }
        if (!strncmp(a, "-j", 2) && a[2] && a[2] != '=') /* -j4 */
            val = a + 2, a = "-j";
        char *eq = strchr(a, '=');
        if (eq) /* --flag=value */
            *eq = '\0', val = eq + 1;
        int flag = lookup(WITH_VALUE, N_WITH_VALUE, a);
        if (flag < 0)
            return usage_error("unknown option", a);
        if (!val && i + 1 >= argc)
            return usage_error("missing value for", a);
        if (!val)
            val = argv[++i];
        char *end;
        long n;
        switch (flag) {
        case 0:
            if ((c.format = lookup(FORMATS, 6, val)) < 0)
                return usage_error("unknown format", val);
            if (c.format == 5)
                c.format = FMT_JSONL;
            break;
        case 1: c.url = val; break;
        case 2: c.content_type = val; break;
        case 3:
            if ((n = lookup(INPUTS, 3, val)) < 0)
                return usage_error("--input wants html, text or auto, not", val);
            o.input = (pith_input_kind)n;
            break;
        case 4: rules[nrules++] = val; break;
        case 5:
        case 6:
            n = strtol(val, &end, 10);
            if (*end || n < 1 || n > 256)
                return usage_error("--jobs wants a number from 1 to 256, not", val);
            jobs = (int)n;
            break;
        case 7:
            if ((input_format = lookup(CONTAINERS, 4, val)) < 0)
                return usage_error("--input-format wants auto, page, warc or jsonl, not", val);
            break;
        case 8: c.fields.html = val; break;
        case 9: c.fields.url = val; break;
        case 10: c.fields.id = val; break;
        case 11: {
            pith_error kerr;
            if (pith_kinds_parse(val, &c.kinds, &kerr) != PITH_OK)
                return usage_error("--only", kerr.message);
            break;
        }
        case 12:
            if ((n = pith_page_type_from_name(val)) < 0)
                return usage_error("unknown page type", val);
            o.page_type = (pith_page_type)n;
            break;
        }
    }
    /* the HTML view shows each block's evidence on hover */
    if (c.format == PITH_FORMAT_EXPLAIN || c.format == PITH_FORMAT_HTML)
        o.flags |= PITH_OPT_EVIDENCE;
    c.cap = o.max_input_bytes;

    pith_error err;
    pith_builder *b;
    pith_extractor *ex = NULL;
    if (pith_builder_new(&o, &b, &err) != PITH_OK) {
        fprintf(stderr, "pith: %s\n", err.message);
        return 2;
    }
    for (int i = 0; i < nrules; i++)
        if (pith_builder_add_rules_file(b, rules[i], &err) != PITH_OK)
            break;
    if (err.status == PITH_OK)
        pith_builder_build(b, &ex, &err);
    pith_builder_free(b);
    if (!ex) {
        fprintf(stderr, "pith: %s\n", err.message);
        return 2;
    }
    c.ex = ex;

    signal(SIGPIPE, SIG_IGN); /* a closed pipe shows up as EPIPE from write() */
    static char *dash[] = {"-"};
    char **args = nfiles ? files : dash;
    int nargs = nfiles ? nfiles : 1;
    /* several records per run: a header per record in the text formats, a summary */
    int multi = nargs > 1 || input_format == IN_WARC || input_format == IN_JSONL;
    for (int i = 0; i < nargs && !multi; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
            (S_ISDIR(st.st_mode) ||
             (S_ISREG(st.st_mode) && input_format == IN_AUTO &&
              file_format(&(walker){.input_format = IN_AUTO}, args[i]) != IN_PAGE)))
            multi = 1;
    }
    progress prog = {0};
    prog.show = show_progress == 1 || (show_progress == -1 && isatty(STDERR_FILENO) &&
                                       !isatty(STDOUT_FILENO));
    prog.start = prog.last = now();
    if (prog.show)
        prog.total_bytes = total_bytes(args, nargs);
    walker w = {.c = &c, .args = args, .nargs = nargs, .input_format = input_format, .p = &prog};
    run(&c, &w, jobs, multi, &prog);
    flush_out();
    if (prog.show) {
        draw(&prog, 1);
        fputc('\n', stderr);
        prog.drawn = 0;
    }
    if (show_progress != 0 && (multi || prog.skipped))
        fprintf(stderr, "pith: %llu ok, %llu failed, %llu skipped\n", prog.ok, prog.failed,
                prog.skipped);
    free(w.stack);
    pith_extractor_free(ex);
    free(rules);
    free(files);
    return prog.failed ? 1 : 0;
}
