/* Page-level features for page typing (page_type.h): one set for HTML, one for text
 * dumps. Every set starts with the common features (rule-table signals, schema.org and
 * Open Graph types, the URL's shape, date and author metadata); the model files name
 * the features they weigh, so a set can grow without breaking a model. */
#ifndef PITH_PAGE_FEATURES_H
#define PITH_PAGE_FEATURES_H

#include <math.h>

#include "doc.h"
#include "jsonld.h"

#define PAGE_FEATURES_MAX 96

typedef struct page_feature_set {
    const char *const *names;
    size_t count;
    /* fills values[0..count); they arrive zeroed */
    void (*compute)(const pith_doc *doc, double *values);
} page_feature_set;

extern const page_feature_set page_features_html; /* page_features_html.c */
extern const page_feature_set page_features_text; /* page_features_text.c */

/* The page types the rule tables signal, in the order of the sig_* features. */
#define PAGE_N_SIGNAL 7

enum {
    PF_BIAS,
    PF_SIG_ATTR,                             /* PAGE_N_SIGNAL features: elements */
    PF_SIG_TEXT = PF_SIG_ATTR + PAGE_N_SIGNAL, /* PAGE_N_SIGNAL features: blocks, lines */
    PF_SIG_URL = PF_SIG_TEXT + PAGE_N_SIGNAL,  /* PAGE_N_SIGNAL features: the address */
    PF_LD = PF_SIG_URL + PAGE_N_SIGNAL,        /* LDT_COUNT features */
    PF_OG_ARTICLE = PF_LD + LDT_COUNT,
    PF_OG_PRODUCT,
    PF_OG_WEBSITE,
    PF_URL_NONE,   /* no URL known */
    PF_URL_ROOT,   /* the site's home page */
    PF_URL_DEPTH,  /* path segments */
    PF_URL_SLUG,   /* words of the last path segment (hyphens and underscores + 1) */
    PF_URL_NUMBER, /* a run of 5+ digits in the path: an id */
    PF_URL_QUERY,  /* a query string */
    PF_DATE_META,  /* a publication date in the page's metadata */
    PF_AUTHOR_META, /* an author in the page's metadata */
    PF_COMMON
};

/* The names of the common features, in order; sets begin their tables with them. */
#define PAGE_COMMON_NAMES                                                                  \
    "bias", "sig_attr_article", "sig_attr_forum", "sig_attr_product", "sig_attr_collection", \
        "sig_attr_listing", "sig_attr_documentation", "sig_attr_service", "sig_text_article", \
        "sig_text_forum", "sig_text_product", "sig_text_collection", "sig_text_listing",   \
        "sig_text_documentation", "sig_text_service", "sig_url_article", "sig_url_forum",  \
        "sig_url_product", "sig_url_collection", "sig_url_listing",                        \
        "sig_url_documentation", "sig_url_service", "ld_article", "ld_product", "ld_forum", \
        "ld_list", "ld_docs", "ld_service", "ld_faq", "ld_breadcrumb", "ld_org",           \
        "og_article", "og_product", "og_website", "url_none", "url_root", "url_depth",      \
        "url_slug", "url_number", "url_query", "date_meta", "author_meta"

void page_common_features(const pith_doc *doc, double *f);

/* Counts enter as log(1 + n), so that a long page does not outvote a short one by
 * length alone. */
static inline double pf_log1(double x) { return log1p(x > 0 ? x : 0); }
static inline double pf_share(double part, double whole) { return whole > 0 ? part / whole : 0; }

#endif
