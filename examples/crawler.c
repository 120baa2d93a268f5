/* crawler: how a crawler embeds pith. It builds one extractor and shares it between N
 * worker threads (an extractor is immutable and thread-safe; every extraction keeps its
 * state in its own pith_doc), takes pages from a queue of files, and writes one JSON
 * Lines record per page, in input order, whichever thread finished first. A page that
 * fails gets an error record and the crawl goes on; totals go to stderr at the end.
 *
 * Against an installed pith:
 *     cc -O2 -o crawler crawler.c $(pkg-config --cflags --libs pith) -pthread
 *
 * usage: crawler [-j THREADS] [-r RULES_FILE] [FILE|DIR|-]...
 *   DIR is walked recursively in name order; - reads file names from stdin, one a line
 *   (a crawl queue fed by another process). THREADS defaults to the number of CPUs.
 *   The exit status is 1 when a page failed, 2 when the crawl could not start.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pith.h>

/* One page in flight. A worker owns it from taking it until `done`; then the writer. */
typedef struct page {
    char *path;
    char *record; /* the JSON Lines record (pith_free) */
    size_t record_len;
    size_t bytes;
    pith_status status;
    int done;
} page;

/* The queue: a ring of pages, numbered in input order; page n lives in slot n % window.
 * `queued` pages have been added, `taken` handed to workers, `written` written out. The
 * window bounds the memory held by pages that wait for a slower one before them. */
typedef struct crawl {
    const pith_extractor *ex;
    size_t max_bytes; /* the extractor's max_input_bytes */
    page *ring;
    size_t window, queued, taken, written;
    int closed; /* no more pages will be queued */
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    /* totals, kept by the writer */
    size_t pages, failed, bytes, by_status[PITH_END]; /* PITH_END: past the errors */
    int unlisted; /* directories that could not be read */
} crawl;

/* Reads a whole file of at most `max` bytes (the extractor would refuse more; a crawler
 * should not hold it in memory to find out). A failure becomes a pith_error, so it is
 * reported like the library's own. */
static char *read_file(const char *path, size_t max, size_t *len, pith_error *err)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        goto fail;
    for (;;) {
        if (n > max) {
            err->status = PITH_ERR_TOO_LARGE;
            snprintf(err->message, sizeof err->message, "file is larger than max_input_bytes");
            fclose(f);
            free(data);
            return NULL;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            char *p = realloc(data, cap);
            if (!p) {
                errno = ENOMEM;
                goto fail;
            }
            data = p;
        }
        size_t k = fread(data + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(f)) {
        errno = EIO;
        goto fail;
    }
    fclose(f);
    *len = n;
    return data;
fail:
    err->status = PITH_ERR_IO;
    snprintf(err->message, sizeof err->message, "%s", strerror(errno));
    if (f)
        fclose(f);
    free(data);
    return NULL;
}

/* Extracts one page into its record. Runs on any worker, concurrently. */
static void process(const pith_extractor *ex, size_t max, page *p)
{
    pith_error err = {PITH_OK, ""};
    pith_doc *doc = NULL;
    size_t len = 0;
    char *data = read_file(p->path, max, &len, &err);
    if (data) {
        pith_extract(ex, data, len, NULL, NULL, &doc, &err);
        free(data);
    }
    p->bytes = len;
    p->status = err.status;
    /* the page's record, or an error record {"source", "error", "status"} */
    if (pith_render_record(doc, p->path, doc ? NULL : &err, &p->record, &p->record_len,
                           NULL) != PITH_OK)
        p->record = NULL; /* out of memory: counted, not written */
    pith_doc_free(doc);
}

static void *worker(void *arg)
{
    crawl *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (c->taken == c->queued && !c->closed)
            pthread_cond_wait(&c->work, &c->mu);
        if (c->taken == c->queued)
            break; /* closed and nothing left */
        page *p = &c->ring[c->taken++ % c->window];
        pthread_mutex_unlock(&c->mu);
        process(c->ex, c->max_bytes, p);
        pthread_mutex_lock(&c->mu);
        p->done = 1;
        pthread_cond_broadcast(&c->finished);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* Writes the finished pages at the head of the queue, in order. Called with the lock
 * held; drops it while writing (a finished page belongs to the writer). */
static void write_finished(crawl *c)
{
    while (c->written < c->queued && c->ring[c->written % c->window].done) {
        page *p = &c->ring[c->written % c->window];
        pthread_mutex_unlock(&c->mu);
        if (p->record) {
            fwrite(p->record, 1, p->record_len, stdout);
            putchar('\n');
        } else {
            fprintf(stderr, "crawler: %s: out of memory writing its record\n", p->path);
        }
        c->pages++;
        c->bytes += p->bytes;
        pith_status st = p->record ? p->status : PITH_ERR_NOMEM;
        if (st != PITH_OK) {
            c->failed++;
            c->by_status[st < PITH_END ? st : PITH_ERR_INVALID_ARGUMENT]++;
        }
        pith_free(p->record);
        free(p->path);
        memset(p, 0, sizeof *p);
        pthread_mutex_lock(&c->mu);
        c->written++;
    }
}

/* Adds a page to the queue (taking ownership of `path`), writing finished pages while
 * the window is full. */
static void enqueue(crawl *c, char *path)
{
    pthread_mutex_lock(&c->mu);
    for (;;) {
        write_finished(c);
        if (c->queued - c->written < c->window)
            break;
        pthread_cond_wait(&c->finished, &c->mu);
    }
    c->ring[c->queued % c->window].path = path;
    c->queued++;
    pthread_cond_signal(&c->work);
    pthread_mutex_unlock(&c->mu);
}

/* ---- inputs ---- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = malloc(n + strlen(name) + 2);
    if (p)
        sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

/* Queues the regular files under `dir`, in name order; symbolic links are followed to
 * files, not into directories. */
static void walk(crawl *c, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "crawler: %s: %s\n", dir, strerror(errno));
        c->unlisted++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *path = strcmp(name, ".") && strcmp(name, "..") ? join(dir, name) : NULL;
        struct stat st;
        if (path && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(c, path);
            free(path);
        } else if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            enqueue(c, path);
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* Queues an argument: a file, a directory, or - for names on stdin. */
static void add_input(crawl *c, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, stdin)) > 0) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0])
                add_input(c, line);
        }
        free(line);
    } else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        walk(c, arg);
    } else {
        char *path = strdup(arg);
        if (!path) {
            fputs("crawler: out of memory\n", stderr);
            exit(2);
        }
        enqueue(c, path); /* a missing file gets its error record */
    }
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = cpus > 0 && cpus <= 256 ? (int)cpus : 4, i = 1;
    const char *rules = NULL;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
            rules = argv[++i];
        } else {
            fputs("usage: crawler [-j THREADS] [-r RULES_FILE] [FILE|DIR|-]...\n", stderr);
            return 2;
        }
    }
    if (threads < 1 || threads > 256) {
        fputs("crawler: -j wants 1 to 256 threads\n", stderr);
        return 2;
    }

    /* One extractor for the whole crawl: the rule tables are compiled once here. */
    pith_options opts;
    pith_options_init(&opts);
    pith_error err;
    pith_builder *b;
    pith_extractor *ex = NULL;
    if (pith_builder_new(&opts, &b, &err) == PITH_OK) {
        if (!rules || pith_builder_add_rules_file(b, rules, &err) == PITH_OK)
            pith_builder_build(b, &ex, &err);
        pith_builder_free(b);
    }
    if (!ex) {
        fprintf(stderr, "crawler: %s\n", err.message);
        return 2;
    }

    crawl c = {.ex = ex, .max_bytes = opts.max_input_bytes, .window = (size_t)threads * 8};
    c.ring = calloc(c.window, sizeof *c.ring);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    if (!c.ring || !tids) {
        fputs("crawler: out of memory\n", stderr);
        return 2;
    }
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.work, NULL);
    pthread_cond_init(&c.finished, NULL);
    double t0 = now();
    int started = 0;
    while (started < threads && pthread_create(&tids[started], NULL, worker, &c) == 0)
        started++;
    if (!started) {
        fputs("crawler: cannot start threads\n", stderr);
        return 2;
    }

    if (i == argc)
        add_input(&c, "-");
    for (; i < argc; i++)
        add_input(&c, argv[i]);

    /* no more pages: let the workers finish, writing as pages complete */
    pthread_mutex_lock(&c.mu);
    c.closed = 1;
    pthread_cond_broadcast(&c.work);
    for (;;) {
        write_finished(&c);
        if (c.written == c.queued)
            break;
        pthread_cond_wait(&c.finished, &c.mu);
    }
    pthread_mutex_unlock(&c.mu);
    for (int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    fflush(stdout);
    double secs = now() - t0;

    fprintf(stderr, "crawler: %zu pages, %zu extracted, %zu failed; %.1f MB in %.2f s "
                    "(%.0f pages/s, %d threads)\n",
            c.pages, c.pages - c.failed, c.failed, (double)c.bytes / 1e6, secs,
            secs > 0 ? (double)c.pages / secs : 0.0, started);
    for (int s = 1; s < PITH_END; s++)
        if (c.by_status[s])
            fprintf(stderr, "crawler:   %zu %s\n", c.by_status[s], pith_status_str((pith_status)s));

    pthread_cond_destroy(&c.work);
    pthread_cond_destroy(&c.finished);
    pthread_mutex_destroy(&c.mu);
    free(tids);
    free(c.ring);
    pith_extractor_free(ex);
    return c.failed || c.unlisted ? 1 : 0;
}
