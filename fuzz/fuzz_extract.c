/* libFuzzer harness: any bytes through pith_extract, every renderer and the segment and
 * block accessors, as HTML, as a text dump and sniffed. A crash, a leak or a sanitizer report is a bug; an error
 * status is a correct answer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "pith.h"

static pith_extractor *extractors[3];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int k = 0; k < 3; k++) {
        pith_options o;
        pith_options_init(&o);
        o.input = (pith_input_kind)k;
        o.flags |= PITH_OPT_EVIDENCE;
        o.max_input_bytes = 1 << 20;
        if (pith_extractor_new(&o, &extractors[k], NULL) != PITH_OK)
            abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks the input kind, so one corpus exercises all three */
    if (size == 0)
        return 0;
    pith_extractor *ex = extractors[data[0] % 3];
    pith_doc *doc = NULL;
    pith_error err;
    if (pith_extract(ex, (const char *)data + 1, size - 1, "https://example.org/a/b",
                     "text/html", &doc, &err) != PITH_OK)
        return 0;
    for (int f = PITH_FORMAT_TEXT; f <= PITH_FORMAT_HTML; f++) {
        char *out = NULL;
        if (pith_render(doc, (pith_format)f, &out, NULL, NULL) == PITH_OK)
            pith_free(out);
    }
    char *rec = NULL;
    if (pith_render_record(doc, "fuzz", NULL, &rec, NULL, NULL) == PITH_OK)
        pith_free(rec);
    /* the ranges bindings rely on: every segment and block lies in pith_doc_input() */
    size_t n;
    pith_doc_input(doc, &n);
    for (size_t i = 0; i < pith_doc_segment_count(doc); i++) {
        pith_segment s;
        if (pith_doc_segment(doc, i, &s, sizeof s) != PITH_OK || s.start > s.end || s.end > n)
            abort();
    }
    for (size_t i = 0; i < pith_doc_block_count(doc); i++) {
        pith_block b;
        if (pith_doc_block(doc, i, &b, sizeof b) != PITH_OK || b.start > b.end || b.end > n)
            abort();
    }
    pith_doc_free(doc);
    return 0;
}
