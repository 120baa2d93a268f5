/* pith_extract: the pipeline, top to bottom, and the document accessors. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "blocks.h"
#include "classify.h"
#include "decode.h"
#include "status.h"
#include "extractor.h"
#include "block_features.h"
#include "jsonld.h"
#include "metadata.h"
#include "page_type.h"
#include "title.h"
#include "render.h"
#include "segments.h"

static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
            return 0;
    return 1;
}

/* The automatic memory budget (max_memory 0): a fixed allowance for the stages' fixed
 * costs, plus a multiple of the page. Real pages peak at 2-4x their size (7x for the
 * worst of 2,100 corpus pages, all under 6x past 200 KB); 6x leaves room for them while
 * holding a hostile page (millions of tiny blocks) to what a crawler can plan for. */
#define AUTO_BUDGET_BASE ((size_t)32 << 20)
#define LATER_BYTES_PER_BLOCK 112
#define LATER_BYTES_PER_NODE 16
#define LATER_BYTES ((size_t)64 << 10)
#define AUTO_BUDGET_FACTOR 6

static size_t page_budget(const pith_options *o, size_t len)
{
    if (o->max_memory)
        return o->max_memory;
    if (len > (SIZE_MAX - AUTO_BUDGET_BASE) / AUTO_BUDGET_FACTOR)
        return SIZE_MAX;
    return AUTO_BUDGET_BASE + AUTO_BUDGET_FACTOR * len;
}

static pith_status run(const pith_extractor *ex, pith_doc *doc, const char *data, size_t len,
                       const char *url, const char *content_type, pith_error *err)
{
    const pith_options *o = &ex->opts;
    pith_status st;
    pbuf inflated;
    /* until the page's size is known, the budget is the one of the largest page */
    doc->mem.limit = page_budget(o, len > o->max_input_bytes ? len : o->max_input_bytes);
    pbuf_init_mem(&inflated, &doc->mem);
    if (!(o->flags & PITH_OPT_NO_GZIP) && decode_is_gzip(data, len)) {
        st = decode_gunzip(data, len, o->max_input_bytes, &inflated, err);
        if (st) {
            pbuf_free(&inflated);
            return st;
        }
        data = pbuf_cstr(&inflated);
        len = inflated.len;
    }
    if (len > o->max_input_bytes)
        st = pith_fail(err, PITH_ERR_TOO_LARGE, "input is %zu bytes, max_input_bytes is %zu", len,
                       o->max_input_bytes);
    else if (len == 0 || all_space(data, len))
        st = pith_fail(err, PITH_ERR_EMPTY_INPUT, "input is empty");
    else if ((st = decode_check_binary(data, len, err)) == PITH_OK)
        st = decode_to_utf8_detect(data, len, content_type, &doc->input, doc->charset,
                                   &doc->charset_confidence, err);
    doc->charset_guessed = doc->charset_confidence < 1.0;
    pbuf_free(&inflated);
    if (st)
        return st;
    doc->mem.limit = page_budget(o, doc->input.len);
    if (doc->mem.used > doc->mem.limit) {
        doc->mem.over = 1;
        return PITH_ERR_NOMEM;
    }

    doc->input_kind = o->input != PITH_INPUT_AUTO
                          ? o->input
                          : decode_sniff_kind(pbuf_cstr(&doc->input), doc->input.len);
    st = doc->input_kind == PITH_INPUT_HTML ? html_blocks_build(doc, err)
                                            : text_blocks_build(doc, err);
    if (st)
        return st;
    /* The later stages' working memory, reserved at once so that a page that cannot
     * afford it stops here: measured (heap peak less what the page's buffers account
     * for), about 100 bytes a block and 16 an element for features, classifier arrays
     * and segments, and the body and comments texts, at most the page's text. */
    size_t later = (size_t)doc->n_blocks * LATER_BYTES_PER_BLOCK +
                   (size_t)doc->n_nodes * LATER_BYTES_PER_NODE + doc->text.len + LATER_BYTES;
    if (doc_reserve(doc, later))
        return PITH_ERR_NOMEM;
    if ((st = jsonld_parse(doc)) != PITH_OK)
        return pith_fail(err, st, "%s", pith_status_str(st));
    if (doc->jsonld_skipped && doc->n_blocks)
        doc_note(doc, 0, "%u JSON-LD script(s) left out: over max_jsonld_bytes, max_jsonld_total "
                 "or the memory budget", (unsigned)doc->jsonld_skipped);
    features_compute(doc, ex);

    rules_matcher *m = rules_matcher_new(ex->rules, o->regex_budget);
    if (!m)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    st = classify_apply_rules(doc, m, err);
    if (st == PITH_OK && doc->input_kind == PITH_INPUT_HTML)
        title_find(doc);
    if (st == PITH_OK)
        page_type_detect(doc, m, url);
    const rules_stats *rs = rules_matcher_stats(m);
    if (rs->unbudgeted && doc->n_blocks)
        doc_note(doc, 0, "regex budget spent (%llu units): %llu rule runs taken as not matching",
                 (unsigned long long)o->regex_budget, (unsigned long long)rs->unbudgeted);
    rules_matcher_free(m);
    if (st)
        return st;
    if (doc->input_kind == PITH_INPUT_HTML)
        classify_html(doc);
    else
        classify_text(doc);

    if ((st = segments_build(doc)) != PITH_OK || (st = metadata_finish(doc, url)) != PITH_OK ||
        (st = segments_product_description(doc)) != PITH_OK)
        return pith_fail(err, st, "%s", pith_status_str(st));
    /* a refused charge some stage could do without (evidence, an interned string) still
     * means the page did not fit its budget */
    if (doc_oom(doc) || doc->mem.over)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    if (o->flags & PITH_OPT_EVIDENCE) {
        doc->evidence = calloc(doc->n_blocks ? doc->n_blocks : 1, sizeof *doc->evidence);
        if (!doc->evidence)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
        render_evidence_all(doc);
    }
    doc_unreserve(doc, later);
    return PITH_OK;
}

pith_status pith_extract(const pith_extractor *ex, const char *data, size_t len, const char *url,
                         const char *content_type, pith_doc **out, pith_error *err)
{
    if (!out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = NULL;
    if (!ex || (!data && len))
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "extractor or data is NULL");
    pith_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    doc->ex = ex;
    doc->lang = -1;
    doc->title_block = PITH_NONE;
    strcpy(doc->charset, "UTF-8");
    /* the page's own buffers are charged to its budget */
    pbuf *charged[] = {&doc->input, &doc->text, &doc->strings, &doc->segtext, &doc->jsonld};
    for (size_t i = 0; i < sizeof charged / sizeof *charged; i++)
        charged[i]->mem = &doc->mem;
    pith_status st = run(ex, doc, data ? data : "", len, url, content_type, err);
    if (st == PITH_ERR_NOMEM && doc->mem.over)
        /* a refused charge looks like a failed allocation to the stage that asked */
        st = pith_fail(err, PITH_ERR_TOO_LARGE,
                       "page needs more than %zu bytes of memory (max_memory)", doc->mem.limit);
    if (st) {
        pith_doc_free(doc);
        return st;
    }
    *out = doc;
    pith_ok(err);
    return PITH_OK;
}

void pith_doc_free(pith_doc *doc)
{
    if (!doc)
        return;
    pbuf_free(&doc->input);
    pbuf_free(&doc->text);
    pbuf_free(&doc->strings);
    pbuf_free(&doc->segtext);
    pbuf_free(&doc->jsonld);
    jsonld_free(doc->ld);
    free(doc->nodes);
    free(doc->blocks);
    free(doc->votes);
    free(doc->attr_votes);
    free(doc->segs);
    free(doc->metatags);
    for (int i = 0; i < PITH_META_COUNT; i++)
        free(doc->meta[i]);
    free(doc->body_text);
    free(doc->comments_text);
    if (doc->evidence)
        for (uint32_t i = 0; i < doc->n_blocks; i++)
            free(doc->evidence[i]);
    free(doc->evidence);
    free(doc);
}

pith_input_kind pith_doc_input_kind(const pith_doc *doc)
{
    return doc ? doc->input_kind : PITH_INPUT_AUTO;
}

const char *pith_doc_charset(const pith_doc *doc) { return doc ? doc->charset : ""; }

double pith_doc_charset_confidence(const pith_doc *doc)
{
    if (!doc)
        return 0.0;
    return doc->charset_guessed ? doc->charset_confidence : 1.0;
}

pith_page_type pith_doc_page_type(const pith_doc *doc)
{
    return doc ? doc->page_type : PITH_PAGE_AUTO;
}

const char *pith_doc_meta(const pith_doc *doc, pith_meta_field field)
{
    if (!doc || (unsigned)field >= PITH_META_COUNT)
        return NULL;
    return doc->meta[field];
}

const char *pith_doc_text(const pith_doc *doc, size_t *len)
{
    const char *s = doc && doc->body_text ? doc->body_text : "";
    if (len)
        *len = doc && doc->body_text ? doc->body_len : 0;
    return s;
}

const char *pith_doc_comments(const pith_doc *doc, size_t *len)
{
    const char *s = doc && doc->comments_text ? doc->comments_text : "";
    if (len)
        *len = doc && doc->comments_text ? doc->comments_len : 0;
    return s;
}

const char *pith_doc_input(const pith_doc *doc, size_t *len)
{
    const char *s = doc && doc->input.data ? doc->input.data : "";
    if (len)
        *len = doc && doc->input.data ? doc->input.len : 0;
    return s;
}

/* The sizes of pith_segment and pith_block as first published with a size argument
 * (0.1): the smallest a caller may pass. They never change; fields only grow the
 * structs at the end. */
#define SEGMENT_SIZE_0_1 (offsetof(pith_segment, article) + sizeof(int))
#define BLOCK_SIZE_0_1 (offsetof(pith_block, score) + sizeof(double))

/* Copies the library's view `full` (`full_size` bytes) into the caller's struct of
 * `size` bytes: the fields both know, then zeroes for the fields a newer header has. */
static void copy_sized(void *out, size_t size, const void *full, size_t full_size)
{
    memcpy(out, full, size < full_size ? size : full_size);
    if (size > full_size)
        memset((char *)out + full_size, 0, size - full_size);
}

size_t pith_doc_segment_count(const pith_doc *doc) { return doc ? doc->n_segs : 0; }

pith_status pith_doc_segment(const pith_doc *doc, size_t i, pith_segment *out, size_t size)
{
    if (!doc || !out || i >= doc->n_segs || size < SEGMENT_SIZE_0_1)
        return PITH_ERR_INVALID_ARGUMENT;
    const pith_seg *s = &doc->segs[i];
    pith_segment v;
    memset(&v, 0, sizeof v); /* the padding too: it is copied out */
    v.kind = (pith_kind)s->kind;
    v.text = doc->segtext.data ? doc->segtext.data + s->text : "";
    v.text_len = s->len;
    v.start = s->start;
    v.end = s->end;
    v.first_block = s->first_block;
    v.block_count = s->n_blocks;
    v.article = s->article;
    copy_sized(out, size, &v, sizeof v);
    return PITH_OK;
}

size_t pith_doc_block_count(const pith_doc *doc) { return doc ? doc->n_blocks : 0; }

pith_status pith_doc_block(const pith_doc *doc, size_t i, pith_block *out, size_t size)
{
    if (!doc || !out || i >= doc->n_blocks || size < BLOCK_SIZE_0_1)
        return PITH_ERR_INVALID_ARGUMENT;
    const pith_blk *b = &doc->blocks[i];
    pith_block v;
    memset(&v, 0, sizeof v);
    v.kind = (pith_kind)b->kind;
    v.text = blk_text(doc, b);
    v.text_len = b->len;
    v.start = b->start;
    v.end = b->end;
    v.path = doc_str(doc, b->path);
    v.flags = b->flags & 0xFFu;
    v.heading = b->heading;
    v.link_density = feat_link_density(b);
    v.stopword_density = feat_stopword_density(b);
    v.score = b->score;
    copy_sized(out, size, &v, sizeof v);
    return PITH_OK;
}

const char *pith_doc_block_evidence(const pith_doc *doc, size_t i)
{
    if (!doc || !doc->evidence || i >= doc->n_blocks)
        return NULL;
    return doc->evidence[i];
}

void pith_free(void *p) { free(p); }

void pith_render_options_init(pith_render_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->version = PITH_RENDER_OPTIONS_VERSION;
}

static const pith_render_options DEFAULT_RENDER = {PITH_RENDER_OPTIONS_VERSION, 0, NULL, NULL,
                                                   {0}};

/* Checks the caller's options; *o is never NULL after a PITH_OK. */
static pith_status render_options(const pith_render_options **o, pith_error *err)
{
    if (!*o) {
        *o = &DEFAULT_RENDER;
        return PITH_OK;
    }
    if ((*o)->version != PITH_RENDER_OPTIONS_VERSION)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT,
                         "render options of version %d (this library knows %d): call "
                         "pith_render_options_init first",
                         (*o)->version, PITH_RENDER_OPTIONS_VERSION);
    if ((*o)->kinds >> PITH_KIND_COUNT)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "kinds has bits past the last kind");
    if ((*o)->id) {
        /* copied into the record as it is, so it must be one JSON value on one line */
        json_error_t jerr;
        json_t *v = json_loads((*o)->id, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
        int one_line = strchr((*o)->id, '\n') == NULL && strchr((*o)->id, '\r') == NULL;
        json_decref(v);
        if (!v || !one_line)
            return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "id is not one line of JSON: %s",
                             v ? "it has a line break" : jerr.text);
    }
    return PITH_OK;
}

static pith_status detach(pbuf *b, char **out, size_t *len, pith_error *err)
{
    if (b->oom) {
        pbuf_free(b);
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    }
    *out = pbuf_detach(b, len);
    if (!*out)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    pith_ok(err);
    return PITH_OK;
}

pith_status pith_render_with(const pith_doc *doc, pith_format format,
                             const pith_render_options *opts, char **out, size_t *len,
                             pith_error *err)
{
    if (!doc || !out)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "doc or out is NULL");
    *out = NULL;
    pith_status st = render_options(&opts, err);
    if (st)
        return st;
    unsigned kinds = opts->kinds;
    pbuf b;
    pbuf_init(&b);
    switch (format) {
    case PITH_FORMAT_TEXT: render_text(doc, kinds, &b); break;
    case PITH_FORMAT_MARKDOWN: render_markdown(doc, kinds, &b); break;
    case PITH_FORMAT_JSON: render_json(doc, NULL, NULL, kinds, &b); break;
    case PITH_FORMAT_EXPLAIN: render_explain(doc, kinds, &b); break;
    case PITH_FORMAT_HTML: render_html(doc, kinds, &b); break;
    default: return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "unknown format %d", (int)format);
    }
    return detach(&b, out, len, err);
}

pith_status pith_render(const pith_doc *doc, pith_format format, char **out, size_t *len,
                        pith_error *err)
{
    return pith_render_with(doc, format, NULL, out, len, err);
}

pith_status pith_render_record_with(const pith_doc *doc, const pith_error *failure,
                                    const pith_render_options *opts, char **out, size_t *len,
                                    pith_error *err)
{
    if (!out || (!doc && !failure))
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "out, or both doc and failure, NULL");
    *out = NULL;
    pith_status st = render_options(&opts, err);
    if (st)
        return st;
    const char *source = opts->source ? opts->source : "";
    pbuf b;
    pbuf_init(&b);
    if (doc) {
        render_json(doc, source, opts->id, opts->kinds, &b);
    } else {
        pbuf_puts(&b, "{\"source\":");
        render_json_string(&b, source, strlen(source));
        if (opts->id) {
            pbuf_puts(&b, ",\"id\":");
            pbuf_puts(&b, opts->id);
        }
        pbuf_puts(&b, ",\"error\":");
        render_json_string(&b, failure->message, strnlen(failure->message, sizeof failure->message));
        pbuf_puts(&b, ",\"status\":");
        const char *code = pith_status_code(failure->status);
        render_json_string(&b, code, strlen(code));
        pbuf_putc(&b, '}');
    }
    return detach(&b, out, len, err);
}

pith_status pith_render_record(const pith_doc *doc, const char *source, const pith_error *failure,
                               char **out, size_t *len, pith_error *err)
{
    pith_render_options o;
    pith_render_options_init(&o);
    o.source = source;
    return pith_render_record_with(doc, failure, &o, out, len, err);
}
