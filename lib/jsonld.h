/* Stage 3: JSON-LD (schema.org) objects of an HTML page, parsed once. */
#ifndef PITH_JSONLD_H
#define PITH_JSONLD_H

#include <jansson.h>

#include "doc.h"

#define LD_MAX_SCRIPTS 32
#define LD_MAX_OBJECTS 64
#define LD_MAX_NODES 4096 /* JSON values visited looking for typed objects */
#define LD_MAX_DEPTH 8

enum { RANK_ARTICLE = 10, RANK_PAGE = 2, RANK_SITE = -1 };

/* What the page's JSON-LD says it is, by @type (schema.org), for page typing. */
enum {
    LDT_ARTICLE,    /* Article, NewsArticle, BlogPosting, Report, ... */
    LDT_PRODUCT,    /* Product, ProductGroup, Offer, AggregateOffer, ... */
    LDT_FORUM,      /* DiscussionForumPosting, QAPage, Question */
    LDT_LIST,       /* ItemList, CollectionPage, SearchResultsPage, OfferCatalog */
    LDT_DOCS,       /* TechArticle, APIReference, SoftwareSourceCode, HowTo */
    LDT_SERVICE,    /* Service, ProfessionalService, SoftwareApplication, WebApplication */
    LDT_FAQ,        /* FAQPage */
    LDT_BREADCRUMB, /* BreadcrumbList */
    LDT_ORG,        /* Organization, Corporation, LocalBusiness and kin */
    LDT_COUNT
};

/* The parsed scripts and their typed objects; owned by the doc (doc->ld). */
struct jsonld {
    json_t *roots[LD_MAX_SCRIPTS];
    size_t n_roots;
    json_t *objs[LD_MAX_OBJECTS]; /* typed objects, best rank first */
    int rank[LD_MAX_OBJECTS];
    size_t n_objs;
    const char *website; /* name of a WebSite object, a site-name fallback */
    json_t *typed[LDT_COUNT]; /* the first object of each LDT_ category, or NULL */
    size_t visited;
};

/* Parses doc->jsonld into doc->ld (left NULL when the page has none). Scripts that do
 * not parse even after repair are skipped. */
pith_status jsonld_parse(pith_doc *doc);
void jsonld_free(jsonld *ld);

/* Lookups. `ld` may be NULL (no JSON-LD); strings live as long as ld. */
const char *jsonld_string(json_t *v); /* a string, or the first of an array; NULL if "" */
const char *jsonld_name(json_t *v);   /* a string, {"name": ...}, or the first of those */
const char *jsonld_first(const jsonld *ld, const char *key); /* best-ranked object first */
const char *jsonld_title(const jsonld *ld);     /* headline, else name */
const char *jsonld_publisher(const jsonld *ld); /* publisher's name */
const char *jsonld_url(const jsonld *ld);       /* url or mainEntityOfPage */
/* The first object of an LDT_ category, or NULL. */
json_t *jsonld_typed(const jsonld *ld, int category);

#endif
