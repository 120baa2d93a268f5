/* The features every page has, whatever its input kind: what the rule tables' page
 * signals counted, what schema.org and Open Graph say the page is, the shape of its
 * address, and whether its metadata dates and signs it. */
#include "page_features.h"

#include <string.h>

/* The path of a URL (after scheme and host), up to the query. */
static void url_path(const char *u, const char **path, size_t *len, int *query)
{
    const char *p = strstr(u, "://");
    p = p ? strchr(p + 3, '/') : (u[0] == '/' ? u : NULL);
    *query = strchr(u, '?') != NULL;
    if (!p) {
        *path = "";
        *len = 0;
        return;
    }
    *path = p;
    *len = strcspn(p, "?#");
}

static void url_features(const char *u, double *f)
{
    if (!u) {
        f[PF_URL_NONE] = 1;
        return;
    }
    const char *p;
    size_t n;
    int query;
    url_path(u, &p, &n, &query);
    while (n && p[n - 1] == '/')
        n--;
    size_t depth = 0, last = 0, digits = 0, max_digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '/') {
            depth++;
            last = i + 1;
        }
        digits = p[i] >= '0' && p[i] <= '9' ? digits + 1 : 0;
        if (digits > max_digits)
            max_digits = digits;
    }
    size_t words = last < n ? 1 : 0;
    for (size_t i = last; i < n; i++)
        words += p[i] == '-' || p[i] == '_';
    f[PF_URL_ROOT] = n == 0;
    f[PF_URL_DEPTH] = depth > 8 ? 8 : (double)depth;
    f[PF_URL_SLUG] = words > 12 ? 12 : (double)words;
    f[PF_URL_NUMBER] = max_digits >= 5;
    f[PF_URL_QUERY] = query;
}

void page_common_features(const pith_doc *doc, double *f)
{
    static const pith_page_type SIGNAL_TYPES[PAGE_N_SIGNAL] = {
        PITH_PAGE_ARTICLE, PITH_PAGE_FORUM,         PITH_PAGE_PRODUCT, PITH_PAGE_COLLECTION,
        PITH_PAGE_LISTING, PITH_PAGE_DOCUMENTATION, PITH_PAGE_SERVICE,
    };
    f[PF_BIAS] = 1;
    for (size_t k = 0; k < PAGE_N_SIGNAL; k++) {
        pith_page_type t = SIGNAL_TYPES[k];
        f[PF_SIG_ATTR + k] = pf_log1(doc->page_sig[PAGE_SIG_ATTR][t]);
        f[PF_SIG_TEXT + k] = pf_log1(doc->page_sig[PAGE_SIG_TEXT][t]);
        f[PF_SIG_URL + k] = fmin(doc->page_sig[PAGE_SIG_URL][t], 3);
    }
    for (int c = 0; c < LDT_COUNT; c++)
        f[PF_LD + c] = jsonld_typed(doc->ld, c) != NULL;
    const char *og = doc_metatag(doc, "og:type");
    if (og) {
        f[PF_OG_ARTICLE] = strncmp(og, "article", 7) == 0;
        f[PF_OG_PRODUCT] = strncmp(og, "product", 7) == 0 || strncmp(og, "og:product", 10) == 0;
        f[PF_OG_WEBSITE] = strcmp(og, "website") == 0;
    }
    url_features(doc->page_url ? doc_str(doc, doc->page_url) : NULL, f);
    static const char *const DATE_KEYS[] = {"article:published_time", "datepublished",
                                            "date", "pubdate", "publishdate", "dc.date"};
    for (size_t k = 0; k < sizeof DATE_KEYS / sizeof DATE_KEYS[0]; k++)
        f[PF_DATE_META] = f[PF_DATE_META] || doc_metatag(doc, DATE_KEYS[k]);
    f[PF_DATE_META] = f[PF_DATE_META] || jsonld_first(doc->ld, "datePublished");
    f[PF_AUTHOR_META] = doc_metatag(doc, "author") || doc_metatag(doc, "article:author") ||
                        jsonld_first(doc->ld, "author");
}
