/* pith: the example command-line tool. It only maps flags onto the public API; every
 * decision about a page is the library's. With --jobs N, N threads share one extractor
 * (it is immutable and thread-safe) while the main thread lists inputs and writes the
 * results in input order. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pith.h"

enum { FMT_JSONL = -1 }; /* a pith_render_record line per input; not a pith_format */

static const char USAGE[] =
    "usage: pith [options] [FILE|DIR|-]...\n"
    "Segments scraped pages (HTML or visible-text dumps, gzip allowed) and prints the article.\n"
    "  --format F           text (default), markdown, json, jsonl, explain, html\n"
    "  --explain            the same as --format explain\n"
    "  --url URL            the page's address (a hint for metadata)\n"
    "  --content-type CT    the HTTP Content-Type, whose charset is used\n"
    "  --input K            html, text or auto (default: sniff)\n"
    "  --page-type T        auto (default: detect), article, forum, product, collection,\n"
    "                       listing, documentation, service or other\n"
    "  --rules FILE         add a rule file (may be repeated)\n"
    "  --no-builtin-rules   use only the rules given with --rules\n"
    "  --jobs N             worker threads sharing one extractor (default 1)\n"
    "  --help, --version\n"
    "No FILE, or -, reads standard input; a DIR is walked recursively in name order.\n"
    "jsonl prints one record per input, an error record for a failed one; the exit status\n"
    "is 1 when any input failed, 2 for a usage or rule error.\n";

/* Settings shared read-only by the workers. */
typedef struct cli {
    const pith_extractor *ex;
    int format; /* a pith_format or FMT_JSONL */
    const char *url, *content_type;
    size_t cap; /* max_input_bytes: reading stops one byte past it */
} cli;

/* One input in flight: its name, and once processed, what to print. */
typedef struct job {
    char *source;
    int walk_errno; /* a directory that could not be listed */
    char *out;      /* the rendering or record (pith_free), or NULL */
    size_t len;
    char message[300]; /* for stderr when not jsonl */
    int failed, done;
} job;

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

/* ---- reading: raw bytes (the library sniffs gzip), capped ---- */

/* The CLI's own failures (reading) become records like the library's. `errnum` != 0
 * takes the message from it (strerror_r: workers run this concurrently). */
static pith_status fail(pith_error *err, pith_status st, int errnum, const char *what)
{
    err->status = st;
    if (!errnum || strerror_r(errnum, err->message, sizeof err->message) != 0)
        snprintf(err->message, sizeof err->message, "%s", what);
    return st;
}

static pith_status read_input(const char *source, size_t cap, char **data, size_t *len,
                              pith_error *err)
{
    int stdin_ = strcmp(source, "-") == 0;
    int fd = stdin_ ? STDIN_FILENO : open(source, O_RDONLY);
    if (fd < 0)
        return fail(err, PITH_ERR_IO, errno, "read error");
    struct stat st;
    size_t size = 1 << 16;
    if (fstat(fd, &st) != 0)
        st.st_mode = 0;
    if (S_ISDIR(st.st_mode)) {
        if (!stdin_)
            close(fd);
        return fail(err, PITH_ERR_IO, EISDIR, "is a directory");
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > cap) {
        if (!stdin_)
            close(fd);
        return fail(err, PITH_ERR_TOO_LARGE, 0, "file is larger than max_input_bytes");
    }
    if (S_ISREG(st.st_mode))
        size = (size_t)st.st_size + 1; /* +1 sees EOF without a second allocation */
    char *buf = malloc(size);
    size_t n = 0;
    pith_status rc = buf ? PITH_OK : fail(err, PITH_ERR_NOMEM, 0, "out of memory");
    while (rc == PITH_OK) {
        if (n == size) {
            if (size > cap) {
                rc = fail(err, PITH_ERR_TOO_LARGE, 0, "input is larger than max_input_bytes");
                break;
            }
            size = size * 2 > cap + 1 ? cap + 1 : size * 2;
            char *p = realloc(buf, size);
            if (!p) {
                rc = fail(err, PITH_ERR_NOMEM, 0, "out of memory");
                break;
            }
            buf = p;
        }
        ssize_t k = read(fd, buf + n, size - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            rc = fail(err, PITH_ERR_IO, errno, "read error");
        else if (k == 0)
            break;
        else
            n += (size_t)k;
    }
    if (!stdin_)
        close(fd);
    if (rc) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return PITH_OK;
}

/* Reads, extracts and renders one input; safe to run on several threads at once. */
static void process(const cli *c, job *j)
{
    pith_error err = {PITH_OK, ""}, rerr = {PITH_OK, ""};
    pith_doc *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    pith_status st = j->walk_errno ? fail(&err, PITH_ERR_IO, j->walk_errno, "cannot list")
                                   : read_input(j->source, c->cap, &data, &len, &err);
    if (st == PITH_OK) {
        st = pith_extract(c->ex, data, len, c->url, c->content_type, &doc, &err);
        free(data);
    }
    if (c->format == FMT_JSONL) {
        /* every input gets a record: its own, or an error record saying why not */
        if (!st)
            st = pith_render_record(doc, j->source, NULL, &j->out, &j->len, &err);
        if (st && pith_render_record(NULL, j->source, &err, &j->out, &j->len, &rerr))
            snprintf(j->message, sizeof j->message, "pith: %s: %s\n", j->source, rerr.message);
    } else {
        if (!st)
            st = pith_render(doc, (pith_format)c->format, &j->out, &j->len, &err);
        if (st)
            snprintf(j->message, sizeof j->message, "pith: %s: %s\n", j->source, err.message);
    }
    pith_doc_free(doc);
    j->failed = st != PITH_OK;
}

/* Prints a finished job; returns 1 when it had failed. */
static int emit(const cli *c, job *j, int multi)
{
    if (j->out && multi && (c->format == PITH_FORMAT_TEXT || c->format == PITH_FORMAT_MARKDOWN ||
                            c->format == PITH_FORMAT_EXPLAIN)) {
        put("==> ", 4);
        put(j->source, strlen(j->source));
        put(" <==\n", 5);
    }
    if (j->out) {
        put(j->out, j->len);
        if (!j->len || j->out[j->len - 1] != '\n')
            put("\n", 1);
        if (multi && c->format != FMT_JSONL && c->format != PITH_FORMAT_JSON)
            put("\n", 1);
    }
    if (j->message[0]) {
        flush_out(); /* keep stdout and stderr in input order on a terminal */
        fputs(j->message, stderr);
    }
    int failed = j->failed;
    pith_free(j->out);
    free(j->source);
    memset(j, 0, sizeof *j);
    return failed;
}

/* ---- inputs: the arguments, directories walked lazily in name order ---- */

typedef struct level {
    char *dir;
    char **names;
    size_t n, i;
} level;

typedef struct walker {
    char **args;
    int nargs, argi;
    level *stack;
    size_t depth, cap;
} walker;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = malloc(n + strlen(name) + 2);
    if (p)
        sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

static int push_dir(walker *w, char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    level lv = {dir, NULL, 0, 0};
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (lv.n == cap) {
            cap = cap ? cap * 2 : 64;
            lv.names = realloc(lv.names, cap * sizeof *lv.names);
        }
        if (!lv.names || !(lv.names[lv.n++] = strdup(e->d_name))) {
            fputs("pith: out of memory\n", stderr);
            exit(1);
        }
    }
    closedir(d);
    qsort(lv.names, lv.n, sizeof *lv.names, by_name);
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 8;
        if (!(w->stack = realloc(w->stack, w->cap * sizeof *w->stack))) {
            fputs("pith: out of memory\n", stderr);
            exit(1);
        }
    }
    w->stack[w->depth++] = lv;
    return 0;
}

/* The next input into j->source (malloc'd); 0 at the end. */
static int next_input(walker *w, job *j)
{
    while (w->depth) {
        level *lv = &w->stack[w->depth - 1];
        if (lv->i == lv->n) {
            while (lv->n)
                free(lv->names[--lv->n]);
            free(lv->names);
            free(lv->dir);
            w->depth--;
            continue;
        }
        char *name = lv->names[lv->i++];
        char *path = join(lv->dir, name);
        free(name);
        lv->names[lv->i - 1] = NULL;
        struct stat st;
        if (!path || lstat(path, &st) != 0) {
            free(path);
            continue; /* vanished since it was listed */
        }
        if (S_ISDIR(st.st_mode)) {
            int e = push_dir(w, path);
            if (!e)
                continue;
            j->source = path, j->walk_errno = e;
            return 1;
        }
        if (S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
                                    S_ISREG(st.st_mode))) {
            j->source = path;
            return 1;
        }
        free(path);
    }
    if (w->argi >= w->nargs)
        return 0;
    const char *arg = w->args[w->argi++];
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        char *dir = strdup(arg);
        int e = dir ? push_dir(w, dir) : ENOMEM;
        if (!e)
            return next_input(w, j);
        free(dir);
        j->walk_errno = e;
    }
    if (!(j->source = strdup(arg))) {
        fputs("pith: out of memory\n", stderr);
        exit(1);
    }
    return 1;
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

static int run(const cli *c, walker *w, int jobs, int multi)
{
    int failed = 0;
    job one = {0};
    if (jobs == 1) {
        while (next_input(w, &one)) {
            process(c, &one);
            failed |= emit(c, &one, multi);
        }
        return failed;
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
            failed |= emit(c, head, multi);
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
    return failed;
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
    cli c = {.format = PITH_FORMAT_TEXT};
    pith_options o;
    pith_options_init(&o);
    const char **rules = calloc((size_t)argc, sizeof *rules);
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nrules = 0, nfiles = 0, jobs = 1, opts_done = 0;
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
        char *eq = strchr(a, '=');
        if (eq) /* --flag=value */
            *eq = '\0', val = eq + 1;
        static const char *const WITH_VALUE[] = {"--format", "--url", "--content-type",
                                                 "--input", "--rules", "--jobs", "--page-type"};
        int flag = lookup(WITH_VALUE, 7, a);
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
            n = strtol(val, &end, 10);
            if (*end || n < 1 || n > 256)
                return usage_error("--jobs wants a number from 1 to 256, not", val);
            jobs = (int)n;
            break;
        case 6:
            if ((n = pith_page_type_from_name(val)) < 0)
                return usage_error("unknown page type", val);
            o.page_type = (pith_page_type)n;
            break;
        }
    }
    if (c.format == PITH_FORMAT_EXPLAIN)
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
    struct stat st;
    int multi = nfiles > 1 || (nfiles == 1 && stat(files[0], &st) == 0 && S_ISDIR(st.st_mode));
    walker w = {.args = nfiles ? files : dash, .nargs = nfiles ? nfiles : 1};
    int failed = run(&c, &w, jobs, multi);
    flush_out();
    free(w.stack);
    pith_extractor_free(ex);
    free(rules);
    free(files);
    return failed ? 1 : 0;
}
