/* Building the immutable extractor: options, rule tables (built-in and the user's),
 * stopword lists. */
#include <errno.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "status.h"
#include "extractor.h"

struct pith_builder {
    pith_options opts;
    pith_rule *rules; /* parsed, not compiled */
    size_t n_rules, cap_rules;
};

/* libxml2 sets up its globals (dictionaries' random seed, entity tables) on the first
 * parse, and that is not thread-safe: threads starting their first parse together
 * deadlock. jansson seeds its hash function lazily the same way. Both are done once,
 * here, before any extractor exists; this flag is the library's only static state and
 * is written once. */
static pthread_once_t libraries_once = PTHREAD_ONCE_INIT;

static void init_libraries(void)
{
    xmlInitParser();
    json_object_seed(0);
}

/* pith_options as version 1 first shipped: the new fields live in what was its reserved
 * space, so the struct must keep this size for programs built against the old header. */
struct options_v1 {
    int version;
    unsigned flags;
    pith_input_kind input;
    size_t max_input_bytes;
    size_t max_nodes;
    uint32_t regex_match_limit;
    uint32_t reserved[8];
};
_Static_assert(sizeof(pith_options) == sizeof(struct options_v1),
               "pith_options must keep the size of version 1");
_Static_assert(offsetof(pith_options, page_type) == offsetof(struct options_v1, reserved),
               "new option fields must start where the reserved space did");

enum {
    DEFAULT_MAX_DEPTH = 256,
    DEFAULT_MAX_ATTRIBUTES = 256,
    DEFAULT_MAX_BLOCKS = 1000000,
    DEFAULT_MAX_JSONLD_BYTES = 1 << 20,
    DEFAULT_MAX_JSONLD_TOTAL = 4 << 20,
    DEFAULT_REGEX_BUDGET = 10000000,
};

void pith_options_init(pith_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->version = PITH_OPTIONS_VERSION;
    opts->input = PITH_INPUT_AUTO;
    opts->max_input_bytes = (size_t)256 << 20;
    opts->max_nodes = 4000000;
    opts->regex_match_limit = 100000;
    opts->page_type = PITH_PAGE_AUTO;
    opts->max_depth = DEFAULT_MAX_DEPTH;
    opts->max_memory = 0; /* scales with the page: see pith_extract */
    opts->max_attributes = DEFAULT_MAX_ATTRIBUTES;
    opts->max_blocks = DEFAULT_MAX_BLOCKS;
    opts->max_jsonld_bytes = DEFAULT_MAX_JSONLD_BYTES;
    opts->max_jsonld_total = DEFAULT_MAX_JSONLD_TOTAL;
    opts->regex_budget = DEFAULT_REGEX_BUDGET;
}

/* The fields that were reserved take their default when 0 (a struct filled by an older
 * program, or by one that zeroed it). */
static void fill_defaults(pith_options *o)
{
    if (!o->max_depth)
        o->max_depth = DEFAULT_MAX_DEPTH;
    if (!o->max_attributes)
        o->max_attributes = DEFAULT_MAX_ATTRIBUTES;
    if (!o->max_blocks)
        o->max_blocks = DEFAULT_MAX_BLOCKS;
    if (!o->max_jsonld_bytes)
        o->max_jsonld_bytes = DEFAULT_MAX_JSONLD_BYTES;
    if (!o->max_jsonld_total)
        o->max_jsonld_total = DEFAULT_MAX_JSONLD_TOTAL;
    if (!o->regex_budget)
        o->regex_budget = DEFAULT_REGEX_BUDGET;
}

static pith_status check_options(const pith_options *opts, pith_error *err)
{
    if (opts->version != PITH_OPTIONS_VERSION)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT,
                         "options version %d unknown (expected %d): call pith_options_init",
                         opts->version, PITH_OPTIONS_VERSION);
    if ((unsigned)opts->page_type >= PITH_PAGE_COUNT)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "options.page_type %d out of range",
                         (int)opts->page_type);
    if ((unsigned)opts->input > PITH_INPUT_TEXT)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "options.input %d out of range",
                         (int)opts->input);
    if (opts->max_input_bytes == 0 || opts->max_nodes == 0 || opts->regex_match_limit == 0)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT,
                         "options limits (max_input_bytes, max_nodes, regex_match_limit) "
                         "must be positive");
    /* html, head and body stay open under everything; fewer levels than this leave a
     * page no structure to classify */
    if (opts->max_depth && opts->max_depth < 16)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "options.max_depth %u is below 16",
                         (unsigned)opts->max_depth);
    return PITH_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

pith_status pith_builder_new(const pith_options *opts, pith_builder **out, pith_error *err)
{
    if (!out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    pith_options defaults;
    if (!opts) {
        pith_options_init(&defaults);
        opts = &defaults;
    }
    pith_status st = check_options(opts, err);
    if (st)
        return st;
    pith_builder *b = calloc(1, sizeof *b);
    if (!b)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    b->opts = *opts;
    fill_defaults(&b->opts);
    if (!(opts->flags & PITH_OPT_NO_BUILTIN_RULES)) {
        for (unsigned i = 0; i < pith_embedded_count; i++) {
            const pith_embedded_file *f = &pith_embedded_files[i];
            if (!ends_with(f->name, ".rules"))
                continue;
            st = rules_parse((const char *)f->data, f->len, f->name, &b->rules, &b->n_rules,
                             &b->cap_rules, err);
            if (st) {
                pith_builder_free(b);
                return st;
            }
        }
    }
    *out = b;
    pith_ok(err);
    return PITH_OK;
}

pith_status pith_builder_add_rules(pith_builder *b, const char *text, size_t len,
                                   const char *name, pith_error *err)
{
    if (!b || (!text && len))
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "builder or text is NULL");
    pith_status st = rules_parse(text ? text : "", len, name ? name : "(rules)", &b->rules,
                                 &b->n_rules, &b->cap_rules, err);
    if (!st)
        pith_ok(err);
    return st;
}

pith_status pith_builder_add_rules_file(pith_builder *b, const char *path, pith_error *err)
{
    if (!b || !path)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "builder or path is NULL");
    FILE *f = fopen(path, "rb");
    if (!f)
        return pith_fail(err, PITH_ERR_IO, "%s: %s", path, strerror(errno));
    pbuf text;
    pbuf_init(&text);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pbuf_append(&text, chunk, n);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        pbuf_free(&text);
        return pith_fail(err, PITH_ERR_IO, "%s: read error", path);
    }
    if (text.oom) {
        pbuf_free(&text);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory reading %s", path);
    }
    pith_status st = pith_builder_add_rules(b, pbuf_cstr(&text), text.len, path, err);
    pbuf_free(&text);
    return st;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The page type models are built-in data, like the stopword lists. */
static pith_status load_page_models(pith_extractor *ex, pith_error *err)
{
    for (unsigned i = 0; i < pith_embedded_count; i++) {
        const pith_embedded_file *f = &pith_embedded_files[i];
        int text = strcmp(f->name, "page_type_text.model") == 0;
        if (!text && strcmp(f->name, "page_type_html.model") != 0)
            continue;
        pith_status st = page_model_parse((const char *)f->data, f->len, f->name,
                                          text ? PITH_INPUT_TEXT : PITH_INPUT_HTML,
                                          text ? &ex->page_model_text : &ex->page_model_html, err);
        if (st)
            return st;
    }
    return PITH_OK;
}

pith_status pith_builder_build(const pith_builder *b, pith_extractor **out, pith_error *err)
{
    if (!b || !out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "builder or out is NULL");
    *out = NULL;
    pthread_once(&libraries_once, init_libraries);
    pith_extractor *ex = calloc(1, sizeof *ex);
    pith_rule *copy = b->n_rules ? calloc(b->n_rules, sizeof *copy) : NULL;
    if (!ex || (b->n_rules && !copy)) {
        free(ex);
        free(copy);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    }
    ex->opts = b->opts;
    int oom = 0;
    for (size_t i = 0; i < b->n_rules; i++) {
        copy[i] = b->rules[i];
        copy[i].code = NULL;
        copy[i].source = dup_or_null(b->rules[i].source);
        copy[i].pattern = dup_or_null(b->rules[i].pattern);
        oom |= !copy[i].source || !copy[i].pattern;
    }
    if (oom) {
        rules_free_array(copy, b->n_rules);
        free(ex);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    }
    pith_status st = rules_compile(copy, b->n_rules, b->opts.regex_match_limit, &ex->rules, err);
    if (st) {
        free(ex);
        return st;
    }
    ex->stop = stopwords_new();
    if (!ex->stop) {
        pith_extractor_free(ex);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory building stopword lists");
    }
    if ((st = load_page_models(ex, err)) != PITH_OK) {
        pith_extractor_free(ex);
        return st;
    }
    *out = ex;
    pith_ok(err);
    return PITH_OK;
}

void pith_builder_free(pith_builder *b)
{
    if (!b)
        return;
    rules_free_array(b->rules, b->n_rules);
    free(b);
}

pith_status pith_extractor_new(const pith_options *opts, pith_extractor **out, pith_error *err)
{
    if (!out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    pith_builder *b;
    pith_status st = pith_builder_new(opts, &b, err);
    if (st)
        return st;
    st = pith_builder_build(b, out, err);
    pith_builder_free(b);
    return st;
}

size_t pith_extractor_rule_count(const pith_extractor *ex)
{
    return ex ? rules_count(ex->rules) : 0;
}

void pith_extractor_free(pith_extractor *ex)
{
    if (!ex)
        return;
    rules_free(ex->rules);
    stopwords_free(ex->stop);
    page_model_free(ex->page_model_html);
    page_model_free(ex->page_model_text);
    free(ex);
}
