/* pith-bench: how far pith is from the cost of parsing the page at all.
 *
 * The baseline is a bare libxml2 parse of the same pages: gunzip with zlib,
 * htmlReadMemory, walk the tree collecting the text, free. Two measurements in one run:
 *   in-process  pith_extract vs the baseline over pages already in memory, rounds
 *               interleaved so both see the same machine noise; medians.
 *   processes   the CLI (`pith --format jsonl FILES`) vs this program in --baseline-only
 *               mode, as child processes, alternating; wall time and peak RSS; medians.
 *   --versus D  pith over the pages of D (say, the same pages as text dumps) in the same
 *               in-process rounds, and its time per page against the main pages'. 
 * Only ratios measured in one run mean anything on a shared machine. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "pith.h"

static const char USAGE[] =
    "usage: pith-bench [--cli PATH] [--rounds N] [--versus DIR] CORPUS_DIR|FILE...\n"
    "       pith-bench --baseline-only FILE...\n"
    "Times pith against a bare libxml2 parse of the same pages (*.html[.gz], *.txt[.gz]):\n"
    "in-process always; as whole processes too when --cli names the pith CLI; with\n"
    "--versus, also pith over DIR's pages (e.g. the same pages as text dumps) per page.\n";

typedef struct page {
    char *path;
    unsigned char *raw; /* the file's bytes, as stored (maybe gzip) */
    size_t raw_len, plain_len;
} page;

typedef struct pagelist {
    page *p;
    size_t n, cap;
} pagelist;

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "pith-bench: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- the pages ---- */

static int is_page(const char *name)
{
    static const char *const EXT[] = {".html.gz", ".html", ".txt.gz", ".txt"};
    size_t n = strlen(name);
    for (int i = 0; i < 4; i++) {
        size_t m = strlen(EXT[i]);
        if (n > m && strcmp(name + n - m, EXT[i]) == 0)
            return 1;
    }
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const page *)a)->path, ((const page *)b)->path);
}

static void add_page(pagelist *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->p = xrealloc(l->p, l->cap * sizeof *l->p);
    }
    page *p = &l->p[l->n++];
    memset(p, 0, sizeof *p);
    if (!(p->path = strdup(path)))
        die("out of memory", NULL);
}

/* A directory contributes its page files (sorted); any other argument is a page. */
static void collect(pagelist *l, char **args, int n)
{
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0)
            die(strerror(errno), args[i]);
        if (!S_ISDIR(st.st_mode)) {
            add_page(l, args[i]);
            continue;
        }
        DIR *d = opendir(args[i]);
        if (!d)
            die(strerror(errno), args[i]);
        size_t first = l->n;
        struct dirent *e;
        while ((e = readdir(d)))
            if (is_page(e->d_name)) {
                char *path = xrealloc(NULL, strlen(args[i]) + strlen(e->d_name) + 2);
                sprintf(path, "%s/%s", args[i], e->d_name);
                add_page(l, path);
                free(path);
            }
        closedir(d);
        qsort(l->p + first, l->n - first, sizeof *l->p, by_path);
    }
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(strerror(errno), path);
    size_t cap = 1 << 16, n = 0, k;
    unsigned char *buf = xrealloc(NULL, cap);
    while ((k = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap)
            buf = xrealloc(buf, cap *= 2);
    if (ferror(f))
        die("read error", path);
    fclose(f);
    *len = n;
    return buf;
}

/* ---- the baseline: gunzip, parse, walk the text, free ---- */

/* Inflates gzip (every member) into *out; plain bytes are returned as they are. */
static const unsigned char *gunzip(const unsigned char *in, size_t len, unsigned char **out,
                                   size_t *out_len)
{
    *out = NULL;
    if (len < 2 || in[0] != 0x1f || in[1] != 0x8b) {
        *out_len = len;
        return in;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        die("zlib init failed", NULL);
    size_t cap = len * 4 + 1024, n = 0;
    unsigned char *buf = xrealloc(NULL, cap);
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)len;
    int rc = Z_OK;
    while (rc != Z_STREAM_END || z.avail_in) {
        if (rc == Z_STREAM_END) /* concatenated members */
            inflateReset(&z);
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
        z.next_out = buf + n;
        z.avail_out = (uInt)(cap - n);
        rc = inflate(&z, Z_NO_FLUSH);
        n = cap - z.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && n == cap))
            break; /* corrupt or truncated: parse what came out, as a crawler would */
    }
    inflateEnd(&z);
    *out = buf;
    *out_len = n;
    return buf;
}

/* Collects the text of the tree (skipping script and style) the way an extractor must
 * at the least; iterative, so deep trees cost no stack. Returns the text's length. */
static size_t walk_text(xmlNodePtr root, char **buf, size_t *cap)
{
    size_t n = 0;
    xmlNodePtr node = root;
    while (node) {
        int descend = 0;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            size_t k = node->content ? strlen((const char *)node->content) : 0;
            if (n + k + 1 > *cap) {
                *cap = (n + k + 1) * 2;
                *buf = xrealloc(*buf, *cap);
            }
            memcpy(*buf + n, node->content, k);
            n += k;
            (*buf)[n++] = ' ';
        } else if (node->type == XML_ELEMENT_NODE) {
            descend = xmlStrcasecmp(node->name, BAD_CAST "script") != 0 &&
                      xmlStrcasecmp(node->name, BAD_CAST "style") != 0;
        } else {
            descend = node == root; /* the document node */
        }
        if (descend && node->children) {
            node = node->children;
            continue;
        }
        while (node && node != root && !node->next)
            node = node->parent;
        node = node && node != root ? node->next : NULL;
    }
    return n;
}

static size_t baseline_page(const unsigned char *raw, size_t len, size_t *plain_len, char **buf,
                            size_t *cap)
{
    unsigned char *inflated;
    const unsigned char *data = gunzip(raw, len, &inflated, plain_len);
    size_t text = 0;
    htmlDocPtr doc = htmlReadMemory((const char *)data, (int)*plain_len, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (doc) {
        text = walk_text((xmlNodePtr)doc, buf, cap);
        xmlFreeDoc(doc);
    }
    free(inflated);
    return text;
}

/* The whole-process baseline: read, gunzip, parse, walk, one page at a time. */
static int baseline_only(char **files, int n)
{
    xmlInitParser();
    char *buf = NULL;
    size_t cap = 0, total = 0, plain;
    for (int i = 0; i < n; i++) {
        size_t len;
        unsigned char *raw = read_file(files[i], &len);
        total += baseline_page(raw, len, &plain, &buf, &cap);
        free(raw);
    }
    printf("baseline pages=%d text_bytes=%zu\n", n, total);
    free(buf);
    xmlCleanupParser();
    return 0;
}

/* ---- in-process ---- */

static double time_baseline(pagelist *l, char **buf, size_t *cap)
{
    double t = now();
    for (size_t i = 0; i < l->n; i++)
        baseline_page(l->p[i].raw, l->p[i].raw_len, &l->p[i].plain_len, buf, cap);
    return now() - t;
}

static double time_pith(const pith_extractor *ex, const pagelist *l, size_t *errors)
{
    *errors = 0;
    double t = now();
    for (size_t i = 0; i < l->n; i++) {
        pith_doc *doc;
        if (pith_extract(ex, (const char *)l->p[i].raw, l->p[i].raw_len, NULL, NULL, &doc,
                         NULL) == PITH_OK)
            pith_doc_free(doc);
        else
            ++*errors;
    }
    return now() - t;
}

/* ---- whole processes ---- */

/* Runs argv with stdout on /dev/null; returns wall seconds and peak RSS in KiB. */
static double run_child(char **argv, long *maxrss_kb, int *status)
{
    double t = now();
    pid_t pid = fork();
    if (pid < 0)
        die("fork failed", strerror(errno));
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, STDOUT_FILENO);
        execv(argv[0], argv);
        fprintf(stderr, "pith-bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    struct rusage ru;
    while (wait4(pid, status, 0, &ru) < 0)
        if (errno != EINTR)
            die("wait4 failed", strerror(errno));
    double secs = now() - t;
    *maxrss_kb = ru.ru_maxrss;
    if (WIFSIGNALED(*status) || WEXITSTATUS(*status) > 1)
        die("child process failed", argv[0]);
    return secs;
}

int main(int argc, char **argv)
{
    const char *cli = NULL;
    char *versus = NULL;
    int rounds = 5, first = 1;
    if (argc > 1 && strcmp(argv[1], "--baseline-only") == 0)
        return baseline_only(argv + 2, argc - 2);
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--cli") && first + 1 < argc) {
            cli = argv[++first];
        } else if (!strcmp(argv[first], "--versus") && first + 1 < argc) {
            versus = argv[++first];
        } else if (!strcmp(argv[first], "--rounds") && first + 1 < argc) {
            rounds = atoi(argv[++first]);
            if (rounds < 1 || rounds > 1000)
                die("--rounds wants a number from 1 to 1000", argv[first]);
        } else {
            fputs(USAGE, strcmp(argv[first], "--help") ? stderr : stdout);
            return strcmp(argv[first], "--help") ? 2 : 0;
        }
    }
    if (first == argc) {
        fputs(USAGE, stderr);
        return 2;
    }
    pagelist l = {0}, vl = {0};
    collect(&l, argv + first, argc - first);
    if (!l.n)
        die("no pages found", argv[first]);
    /* Whole processes first, before this program reads the pages into memory: Linux
     * carries a process's peak RSS across fork and exec, so a child forked from a
     * program holding the corpus would report the corpus as its own memory. */
    double proc_b = 0, proc_c = 0;
    long proc_rss_kb = 0;
    int proc_failed = 0;
    if (cli) {
        /* The children get the same file list; this binary is the baseline. */
        char self[4096];
        ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
        if (k <= 0)
            die("cannot find this program's path", NULL);
        self[k] = '\0';
        char **bargs = xrealloc(NULL, (l.n + 3) * sizeof *bargs);
        char **cargs = xrealloc(NULL, (l.n + 4) * sizeof *cargs);
        bargs[0] = self, bargs[1] = "--baseline-only";
        cargs[0] = (char *)cli, cargs[1] = "--format", cargs[2] = "jsonl";
        for (size_t i = 0; i < l.n; i++)
            bargs[i + 2] = cargs[i + 3] = l.p[i].path;
        bargs[l.n + 2] = cargs[l.n + 3] = NULL;
        double *cb = xrealloc(NULL, sizeof(double) * (size_t)rounds * 2), *cc = cb + rounds;
        long rss_b, rss_c, peak_c = 0;
        int status, failed = 0;
        for (int r = 0; r < rounds; r++) {
            cb[r] = run_child(bargs, &rss_b, &status);
            cc[r] = run_child(cargs, &rss_c, &status);
            failed |= WEXITSTATUS(status) == 1;
            if (rss_c > peak_c)
                peak_c = rss_c;
        }
        proc_b = median(cb, rounds);
        proc_c = median(cc, rounds);
        proc_rss_kb = peak_c;
        proc_failed = failed;
        free(bargs);
        free(cargs);
        free(cb);
    }
    for (size_t i = 0; i < l.n; i++)
        l.p[i].raw = read_file(l.p[i].path, &l.p[i].raw_len);
    if (versus) {
        collect(&vl, &versus, 1);
        if (!vl.n)
            die("no pages found", versus);
        for (size_t i = 0; i < vl.n; i++)
            vl.p[i].raw = read_file(vl.p[i].path, &vl.p[i].raw_len);
    }

    pith_extractor *ex;
    pith_error err;
    if (pith_extractor_new(NULL, &ex, &err) != PITH_OK)
        die("cannot build the extractor", err.message);
    xmlInitParser();

    double *tb = xrealloc(NULL, sizeof(double) * (size_t)rounds * 3), *tp = tb + rounds,
           *tv = tb + 2 * rounds;
    char *buf = NULL;
    size_t cap = 0, errors = 0, verrors = 0;
    for (int r = 0; r < rounds; r++) {
        tb[r] = time_baseline(&l, &buf, &cap);
        tp[r] = time_pith(ex, &l, &errors);
        if (versus)
            tv[r] = time_pith(ex, &vl, &verrors);
    }
    double mb = 0;
    for (size_t i = 0; i < l.n; i++)
        mb += (double)l.p[i].plain_len / 1e6;
    double b = median(tb, rounds), p = median(tp, rounds);
    printf("pages=%zu MB=%.1f | in-process: baseline %.0f p/s %.1f MB/s, pith %.0f p/s %.1f MB/s, "
           "ratio %.2f",
           l.n, mb, (double)l.n / b, mb / b, (double)l.n / p, mb / p, p / b);
    if (errors)
        printf(" (pith errors: %zu pages)", errors);
    if (versus) {
        double v = median(tv, rounds);
        printf(" | versus %s: pith %.0f p/s, time per page %.2f of the main pages'", versus,
               (double)vl.n / v, (v / (double)vl.n) / (p / (double)l.n));
        if (verrors)
            printf(" (pith errors: %zu pages)", verrors);
    }

    if (cli) {
        printf(" | processes: baseline %.2fs, cli %.2fs, ratio %.2f, cli peak RSS %.0f MB",
               proc_b, proc_c, proc_c / proc_b, (double)proc_rss_kb / 1024);
        if (proc_failed)
            printf(" (cli reported failed inputs)");
    }
    printf("\n");

    free(tb);
    free(buf);
    for (size_t i = 0; i < l.n; i++) {
        free(l.p[i].path);
        free(l.p[i].raw);
    }
    free(l.p);
    for (size_t i = 0; i < vl.n; i++) {
        free(vl.p[i].path);
        free(vl.p[i].raw);
    }
    free(vl.p);
    pith_extractor_free(ex);
    xmlCleanupParser();
    return 0;
}
