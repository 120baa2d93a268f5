/* Stage 9: metadata. Each field has an ordered list of sources, most trustworthy first,
 * as Readability and trafilatura order them: JSON-LD (schema.org) that the publisher
 * wrote for search engines, then OpenGraph and other <meta> tags, then the page itself
 * (<title>, <h1>, <time>), and for text dumps the lines the classifier labelled title
 * and meta. Every value is cleaned the same way: leftover entities decoded, tags
 * dropped, whitespace collapsed, length capped. */
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "jsonld.h"
#include "meta_author.h"
#include "meta_clean.h"
#include "meta_date.h"
#include "meta_title.h"
#include "meta_url.h"
#include "metadata.h"

#define CAP_TITLE 300
#define CAP_VALUE 1000
#define MAX_META_BLOCKS 64 /* meta-kind blocks searched for a date */

/* ---------------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------------ */

/* The first candidate that survives cleaning. */
static char *first_clean(meta_ctx *c, const char *const *cands, size_t n, size_t cap)
{
    for (size_t k = 0; k < n; k++) {
        char *s = meta_clean(c, cands[k], cap);
        if (s)
            return s;
    }
    return NULL;
}

static const char *raw_str(const pith_doc *doc, uint32_t off)
{
    return off ? doc_str(doc, off) : NULL;
}

static char *pick_url(meta_ctx *c, const jsonld *ld)
{
    const char *cands[] = {
        raw_str(c->doc, c->doc->raw.canonical), doc_metatag(c->doc, "og:url"), jsonld_url(ld),
        c->url_hint,
    };
    for (size_t k = 0; k < sizeof cands / sizeof cands[0]; k++) {
        char *u = meta_absolute_url(c, cands[k], c->url_hint);
        if (u)
            return u;
    }
    return NULL;
}

static char *pick_sitename(meta_ctx *c, const jsonld *ld, const char *url)
{
    const char *cands[] = {
        jsonld_publisher(ld), doc_metatag(c->doc, "og:site_name"),
        doc_metatag(c->doc, "application-name"), (ld ? ld->website : NULL),
    };
    char *s = first_clean(c, cands, sizeof cands / sizeof cands[0], 300);
    return s ? s : meta_url_host(c, url);
}

static char *pick_lang(meta_ctx *c, const jsonld *ld)
{
    const pith_doc *doc = c->doc;
    const char *cands[] = {
        raw_str(doc, doc->raw.html_lang), doc_metatag(doc, "og:locale"),
        doc_metatag(doc, "content-language"), doc_metatag(doc, "dc.language"),
        doc_metatag(doc, "language"), jsonld_first(ld, "inLanguage"),
        doc->lang >= 0 && doc->ex ? stopwords_lang_code(doc->ex->stop, doc->lang) : NULL,
    };
    char tag[36];
    for (size_t k = 0; k < sizeof cands / sizeof cands[0]; k++)
        if (meta_norm_lang(cands[k], tag))
            return meta_dup(c, tag);
    return NULL;
}

/* Tries one date candidate: 1 and the ISO form in out when it parses. An unparseable
 * value is kept as the fallback when `fallback` is given and holds none yet; only
 * fields that name the publication date get one (<time datetime> is as often opening
 * hours or an event as a publication date). */
static int try_date(meta_ctx *c, const char *v, char **fallback, char out[40])
{
    char *s = meta_clean(c, v, 200);
    if (!s)
        return 0;
    if (meta_find_date(s, strlen(s), c->mdy, out)) {
        free(s);
        return 1;
    }
    if (fallback && !*fallback)
        *fallback = s;
    else
        free(s);
    return 0;
}

static char *pick_date(meta_ctx *c, const jsonld *ld)
{
    static const char *const KEYS[] = {
        "article:published_time", "og:published_time", "og:article:published_time",
        "article:published", "datepublished", "date", "pubdate", "publishdate",
        "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.date",
        "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date",
        "citation_publication_date", "citation_date", "datecreated",
    };
    static const char *const LATE_KEYS[] = {
        "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
        "last-modified",
    };
    const pith_doc *doc = c->doc;
    char out[40], *fallback = NULL;
    int found = try_date(c, jsonld_first(ld, "datePublished"), &fallback, out) ||
                try_date(c, jsonld_first(ld, "dateCreated"), &fallback, out);
    for (size_t k = 0; !found && k < sizeof KEYS / sizeof KEYS[0]; k++)
        found = try_date(c, doc_metatag(doc, KEYS[k]), &fallback, out);
    found = found || try_date(c, raw_str(doc, doc->raw.time_datetime), NULL, out) ||
            try_date(c, jsonld_first(ld, "dateModified"), NULL, out);
    for (size_t k = 0; !found && k < sizeof LATE_KEYS / sizeof LATE_KEYS[0]; k++)
        found = try_date(c, doc_metatag(doc, LATE_KEYS[k]), NULL, out);
    /* Lines of a page are only believed when they parse: "5 days ago" is no date. */
    unsigned seen = 0;
    for (uint32_t i = 0; !found && i < doc->n_blocks && seen < MAX_META_BLOCKS; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_META || b->article != 0)
            continue;
        seen++;
        found = meta_find_date(blk_text(doc, b), b->len, c->mdy, out);
    }
    if (!found)
        return fallback;
    free(fallback);
    return meta_dup(c, out);
}

static char *pick_description(meta_ctx *c, const jsonld *ld)
{
    const char *cands[] = {
        jsonld_first(ld, "description"), doc_metatag(c->doc, "og:description"),
        doc_metatag(c->doc, "description"), doc_metatag(c->doc, "twitter:description"),
        doc_metatag(c->doc, "dc.description"),
    };
    return first_clean(c, cands, sizeof cands / sizeof cands[0], CAP_VALUE);
}

/* The classifier's title line: doc->title_block, else the first title-kind block. */
static char *title_from_blocks(meta_ctx *c)
{
    const pith_doc *doc = c->doc;
    const pith_blk *b = NULL;
    if (doc->title_block != PITH_NONE && doc->title_block < doc->n_blocks)
        b = &doc->blocks[doc->title_block];
    for (uint32_t i = 0; !b && i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == PITH_KIND_TITLE && doc->blocks[i].article == 0)
            b = &doc->blocks[i];
    return b ? meta_clean_n(c, blk_text(doc, b), b->len, CAP_TITLE) : NULL;
}

static char *pick_title(meta_ctx *c, const jsonld *ld, const char *site, int use_blocks)
{
    const pith_doc *doc = c->doc;
    char *h1 = meta_clean(c, raw_str(doc, doc->raw.first_h1), CAP_TITLE);
    const char *metas[] = {jsonld_title(ld), doc_metatag(doc, "og:title"),
                           doc_metatag(doc, "twitter:title")};
    char *t = NULL;
    for (size_t k = 0; !t && k < sizeof metas / sizeof metas[0]; k++)
        t = metas[k] ? meta_title_from_meta(c, metas[k], h1, site) : NULL;
    if (!t)
        t = meta_title_from_tag(c, raw_str(doc, doc->raw.title_tag), h1, site);
    if (!t) {
        t = h1;
        h1 = NULL;
    }
    if (!t && use_blocks)
        t = title_from_blocks(c);
    free(h1);
    return t;
}

/* US English writes 12/31/2021; everyone else 31/12/2021. */
static int month_first(const char *lang)
{
    return lang && lang[0] == 'e' && lang[1] == 'n' && (!lang[2] || strcmp(lang + 2, "-US") == 0);
}

pith_status metadata_finish(pith_doc *doc, const char *url_hint)
{
    meta_ctx c = {doc, url_hint, 0, 0};
    const jsonld *ld = doc->ld;
    for (int f = 0; f < PITH_META_COUNT; f++) {
        free(doc->meta[f]);
        doc->meta[f] = NULL;
    }
    doc->meta[PITH_META_URL] = pick_url(&c, ld);
    doc->meta[PITH_META_SITENAME] = pick_sitename(&c, ld, doc->meta[PITH_META_URL]);
    doc->meta[PITH_META_LANG] = pick_lang(&c, ld);
    c.mdy = month_first(doc->meta[PITH_META_LANG]);
    doc->meta[PITH_META_TITLE] = pick_title(&c, ld, doc->meta[PITH_META_SITENAME], 1);
    doc->meta[PITH_META_AUTHOR] = meta_pick_author(&c, ld, doc->meta[PITH_META_SITENAME]);
    doc->meta[PITH_META_DATE] = pick_date(&c, ld);
    doc->meta[PITH_META_DESCRIPTION] = pick_description(&c, ld);
    return c.oom ? PITH_ERR_NOMEM : PITH_OK;
}

char *metadata_title_hint(const pith_doc *doc)
{
    meta_ctx c = {doc, NULL, 0, 0};
    const jsonld *ld = doc->ld;
    const char *cands[] = {
        jsonld_publisher(ld), doc_metatag(doc, "og:site_name"),
        doc_metatag(doc, "application-name"), ld ? ld->website : NULL,
    };
    char *site = first_clean(&c, cands, sizeof cands / sizeof cands[0], 300);
    char *t = pick_title(&c, ld, site, 0);
    free(site);
    return t;
}
