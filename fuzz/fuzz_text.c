/* libFuzzer harness for the text-dump path: any bytes as a visible-text dump, under the
 * default limits and under tight ones (few blocks, a small memory budget, a small regex
 * budget), so that the paths where a limit stops a page are exercised as much as the
 * ordinary ones. A crash, a leak or a sanitizer report is a bug; an error status is a
 * correct answer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "pith.h"

static pith_extractor *extractors[2];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int k = 0; k < 2; k++) {
        pith_options o;
        pith_options_init(&o);
        o.input = PITH_INPUT_TEXT;
        o.flags |= PITH_OPT_EVIDENCE;
        o.max_input_bytes = 1 << 20;
        if (k == 1) {
            o.max_blocks = 64;
            o.max_memory = 1 << 20;
            o.regex_budget = 20000;
            o.regex_match_limit = 5000;
        }
        if (pith_extractor_new(&o, &extractors[k], NULL) != PITH_OK)
            abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks the limits */
    if (size == 0)
        return 0;
    pith_doc *doc = NULL;
    pith_error err;
    if (pith_extract(extractors[data[0] & 1], (const char *)data + 1, size - 1, NULL, NULL, &doc,
                     &err) != PITH_OK)
        return 0;
    for (int f = PITH_FORMAT_TEXT; f <= PITH_FORMAT_HTML; f++) {
        char *out = NULL;
        if (pith_render(doc, (pith_format)f, &out, NULL, NULL) == PITH_OK)
            pith_free(out);
    }
    char *rec = NULL;
    if (pith_render_record(doc, "fuzz", NULL, &rec, NULL, NULL) == PITH_OK)
        pith_free(rec);
    pith_doc_free(doc);
    return 0;
}
