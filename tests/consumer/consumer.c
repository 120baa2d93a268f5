/* A user's program for the install test: one JSON Lines record per file named, like
 * `pith --format jsonl FILE...`, through the installed header and library. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pith.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *data = malloc(cap);
    while (data && (k = fread(data + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) {
            char *p = realloc(data, cap *= 2);
            if (!p)
                free(data);
            data = p;
        }
    fclose(f);
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    pith_extractor *ex;
    pith_error err;
    if (pith_extractor_new(NULL, &ex, &err) != PITH_OK) {
        fprintf(stderr, "consumer: %s\n", err.message);
        return 2;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        pith_doc *doc = NULL;
        size_t len = 0;
        char *data = slurp(argv[i], &len), *out;
        if (!data) {
            err.status = PITH_ERR_IO;
            snprintf(err.message, sizeof err.message, "%s", strerror(errno));
        } else {
            pith_extract(ex, data, len, NULL, NULL, &doc, &err);
        }
        if (pith_render_record(doc, argv[i], &err, &out, &len, NULL) == PITH_OK) {
            printf("%s\n", out);
            pith_free(out);
        }
        failed |= doc == NULL;
        pith_doc_free(doc);
        free(data);
    }
    pith_extractor_free(ex);
    return failed;
}
