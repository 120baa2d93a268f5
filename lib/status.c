/* Status strings, kind names and version: the small vocabulary of the public API. */
#include <string.h>

#include "pith.h"

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
    }
    return "unknown status";
}

static const char *const KIND_NAMES[PITH_KIND_COUNT] = {
    "title", "meta", "body", "caption", "navigation", "trending", "comments", "promo",
    "other_article",
};

const char *pith_kind_name(pith_kind kind)
{
    return (unsigned)kind < PITH_KIND_COUNT ? KIND_NAMES[kind] : NULL;
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
