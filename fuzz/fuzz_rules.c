/* libFuzzer harness for rule files: any bytes added as a rule table (to an empty builder
 * and to one with the built-in tables); when they are accepted, the extractor built from
 * them runs on a small page, as HTML and as a text dump. A rejected table must leave the
 * builder as it was, which a build after it checks (now and then: builds are slow). A crash, a leak, a sanitizer report
 * or a hang (a rule's regex work is bounded per run and per page) is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pith.h"

static const char PAGE_HTML[] =
    "<html><head><title>The old lock</title></head><body><nav><a href=/>Home</a> "
    "<a href=/news>News</a></nav><article class=\"post-content\"><h1>The old lock</h1>"
    "<p class=byline>By Jane Doe</p><p>The council voted on Tuesday to restore the old "
    "lock, and the work will begin in the spring.</p><p>Leave a Reply</p></article>"
    "<footer class=site-footer>Copyright 2024</footer></body></html>";
static const char PAGE_TEXT[] = "The old lock\nBy Jane Doe\nThe council voted on Tuesday to "
                                "restore the old lock, and the work will begin in the "
                                "spring.\n\nRelated Stories\nA new bridge\nLeave a Reply\n";

static pith_options opts[2];
static size_t builtin_count[2]; /* rules a fresh builder of each kind has */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int k = 0; k < 2; k++) {
        pith_options_init(&opts[k]);
        opts[k].flags = PITH_OPT_EVIDENCE | (k ? 0 : PITH_OPT_NO_BUILTIN_RULES);
        opts[k].regex_match_limit = 20000;
        opts[k].regex_budget = 200000;
        pith_extractor *ex;
        if (pith_extractor_new(&opts[k], &ex, NULL) != PITH_OK)
            abort();
        builtin_count[k] = pith_extractor_rule_count(ex);
        pith_extractor_free(ex);
    }
    return 0;
}

static void run(const pith_extractor *ex, const char *page, size_t len)
{
    pith_doc *doc = NULL;
    if (pith_extract(ex, page, len, "https://example.org/news/2024/05/old-lock", NULL, &doc,
                     NULL) != PITH_OK)
        return;
    char *out = NULL;
    if (pith_render(doc, PITH_FORMAT_EXPLAIN, &out, NULL, NULL) == PITH_OK)
        pith_free(out);
    pith_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks the builder: with the built-in tables one time in eight
     * (compiling them is most of the time of a run), else empty */
    if (size == 0)
        return 0;
    int k = (data[0] & 7) == 0;
    pith_builder *b = NULL;
    if (pith_builder_new(&opts[k], &b, NULL) != PITH_OK)
        abort();
    pith_error err;
    pith_status st = pith_builder_add_rules(b, (const char *)data + 1, size - 1, "fuzz.rules", &err);
    /* building an extractor costs most of a run (stopword tables): after a failed add,
     * one time in eight, to check that the builder was left as it was */
    if (st == PITH_OK || (data[0] & 0x38) == 0) {
        pith_extractor *ex = NULL;
        if (pith_builder_build(b, &ex, NULL) != PITH_OK)
            abort(); /* a builder builds whatever add accepted, or what it had */
        if (st != PITH_OK && pith_extractor_rule_count(ex) != builtin_count[k])
            abort(); /* a failed add changed the builder */
        if (st == PITH_OK) {
            run(ex, PAGE_HTML, sizeof PAGE_HTML - 1);
            run(ex, PAGE_TEXT, sizeof PAGE_TEXT - 1);
        }
        pith_extractor_free(ex);
    }
    pith_builder_free(b);
    return 0;
}
