/* Status strings, kind names and version: the small vocabulary of the public API. */
#include <string.h>

#include "pith.h"
#include "status.h"

const char *pith_version(void) { return PITH_VERSION_STRING; }

int pith_version_number(void)
{
    return PITH_VERSION_MAJOR * 10000 + PITH_VERSION_MINOR * 100 + PITH_VERSION_PATCH;
}

const char *pith_status_str(pith_status status)
{
    switch (status) {
    case PITH_OK: return "ok";
    case PITH_ERR_INVALID_ARGUMENT: return "invalid argument";
    case PITH_ERR_NOMEM: return "out of memory";
    case PITH_ERR_EMPTY_INPUT: return "input is empty";
    case PITH_ERR_TOO_LARGE: return "page is too large (max_input_bytes, max_memory)";
    case PITH_ERR_TOO_MANY_NODES: return "page has too many elements or blocks (max_nodes, max_blocks)";
    case PITH_ERR_BINARY: return "input is binary, not text";
    case PITH_ERR_GZIP: return "gzip data is corrupt";
    case PITH_ERR_PARSE: return "HTML could not be parsed";
    case PITH_ERR_RULES: return "rule table error";
    case PITH_ERR_IO: return "file could not be read";
    case PITH_ERR_LIMIT: return "regex match limit hit";
    case PITH_ERR_WARC: return "WARC record is malformed or truncated";
    case PITH_ERR_ENCODING: return "unsupported transfer or content encoding";
    case PITH_ERR_JSON: return "JSON Lines record is not valid";
    case PITH_END: return "no more records";
    }
    return "unknown status";
}

/* No default case: a status added without a code name is a compiler warning (-Wswitch),
 * and with -Werror a build failure. */
const char *pith_status_code(pith_status status)
{
    switch (status) {
    case PITH_OK: return "ok";
    case PITH_ERR_INVALID_ARGUMENT: return "invalid_argument";
    case PITH_ERR_NOMEM: return "out_of_memory";
    case PITH_ERR_EMPTY_INPUT: return "empty_input";
    case PITH_ERR_TOO_LARGE: return "too_large";
    case PITH_ERR_TOO_MANY_NODES: return "too_many_nodes";
    case PITH_ERR_BINARY: return "binary";
    case PITH_ERR_GZIP: return "gzip_corrupt";
    case PITH_ERR_PARSE: return "parse_error";
    case PITH_ERR_RULES: return "rules_error";
    case PITH_ERR_IO: return "io_error";
    case PITH_ERR_LIMIT: return "limit";
    case PITH_ERR_WARC: return "warc_corrupt";
    case PITH_ERR_ENCODING: return "unsupported_encoding";
    case PITH_ERR_JSON: return "json_invalid";
    case PITH_END: return "end";
    }
    return "unknown";
}

static const char *const KIND_NAMES[PITH_KIND_COUNT] = {
    "title", "meta", "body", "caption", "navigation", "trending", "comments", "promo",
    "other_article",
};

const char *pith_kind_name(pith_kind kind)
{
    return (unsigned)kind < PITH_KIND_COUNT ? KIND_NAMES[kind] : NULL;
}

pith_status pith_kinds_parse(const char *list, unsigned *kinds, pith_error *err)
{
    if (!list || !kinds)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "list or kinds is NULL");
    unsigned mask = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char name[32];
        int k = -1;
        if (n && n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            k = pith_kind_from_name(name);
        }
        if (k < 0)
            return pith_fail(err, PITH_ERR_INVALID_ARGUMENT,
                             "unknown kind \"%.*s\" (kinds: title, meta, body, caption, "
                             "navigation, trending, comments, promo, other_article)",
                             (int)(n > 40 ? 40 : n), p);
        mask |= PITH_KIND_BIT(k);
        p += n + (p[n] == ',');
    }
    if (!mask)
        return pith_fail(err, PITH_ERR_INVALID_ARGUMENT, "no kind named");
    *kinds = mask;
    pith_ok(err);
    return PITH_OK;
}

int pith_kind_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < PITH_KIND_COUNT; k++)
        if (strcmp(KIND_NAMES[k], name) == 0)
            return k;
    return -1;
}

static const char *const PAGE_TYPE_NAMES[PITH_PAGE_COUNT] = {
    "auto", "article", "forum", "product", "collection", "listing", "documentation",
    "service", "other",
};

const char *pith_page_type_name(pith_page_type type)
{
    return (unsigned)type < PITH_PAGE_COUNT ? PAGE_TYPE_NAMES[type] : NULL;
}

int pith_page_type_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < PITH_PAGE_COUNT; k++)
        if (strcmp(PAGE_TYPE_NAMES[k], name) == 0)
            return k;
    return -1;
}

#include <stdarg.h>
#include <stdio.h>

#include "status.h"

pith_status pith_fail(pith_error *err, pith_status status, const char *fmt, ...)
{
    if (err) {
        err->status = status;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

void pith_ok(pith_error *err)
{
    if (err) {
        err->status = PITH_OK;
        err->message[0] = '\0';
    }
}
