/* pith_jsonl_parse: one line of JSON Lines input into a page, its address and its id.
 * jansson parses the line; the page is the html field's string, which JSON has already
 * decoded to Unicode, so the record says "charset=utf-8" and the page's own <meta
 * charset> (meaningful only for the bytes the crawler fetched) is not applied again.
 * The id is kept as compact JSON text, so 17 comes out as 17 and "a" as "a". */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pith.h"
#include "status.h"

typedef struct jsonl_internal {
    json_t *root;
    char *id;
} jsonl_internal;

static const char *const UTF8_HTML = "text/html; charset=utf-8";

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

pith_status pith_jsonl_parse(const char *line, size_t len, const pith_jsonl_fields *fields,
                             pith_jsonl_record *rec, pith_error *err)
{
    if (!rec)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "rec is NULL");
    memset(rec, 0, sizeof *rec);
    if (!line && len)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "line is NULL");
    const char *f_html = fields && fields->html ? fields->html : "html";
    const char *f_url = fields && fields->url ? fields->url : "url";
    const char *f_id = fields && fields->id ? fields->id : "id";
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3, len -= 3; /* a byte-order mark at the start of the file */
    if (!len || blank(line, len))
        return pith_fail(err, PITH_ERR_EMPTY_INPUT, "line is empty");

    jsonl_internal *in = calloc(1, sizeof *in);
    if (!in)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    rec->internal = in;
    json_error_t jerr;
    in->root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!in->root)
        return pith_fail(err, PITH_ERR_JSON, "not JSON: %s at column %d", jerr.text, jerr.column);
    if (!json_is_object(in->root))
        return pith_fail(err, PITH_ERR_JSON, "not a JSON object");

    json_t *id = json_object_get(in->root, f_id);
    if (id) {
        in->id = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!in->id)
            return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
        rec->id = in->id;
    }
    json_t *url = json_object_get(in->root, f_url);
    if (url && json_is_string(url))
        rec->url = json_string_value(url);

    json_t *page = json_object_get(in->root, f_html);
    if (!page)
        return pith_fail(err, PITH_ERR_JSON, "no \"%s\" field (the page; see --html-field)",
                         f_html);
    if (!json_is_string(page))
        return pith_fail(err, PITH_ERR_JSON, "field \"%s\" is not a string", f_html);
    rec->page = json_string_value(page);
    rec->page_len = json_string_length(page);
    rec->content_type = UTF8_HTML;
    pith_ok(err);
    return PITH_OK;
}

void pith_jsonl_record_free(pith_jsonl_record *rec)
{
    if (!rec || !rec->internal)
        return;
    jsonl_internal *in = rec->internal;
    json_decref(in->root);
    free(in->id);
    free(in);
    memset(rec, 0, sizeof *rec);
}
