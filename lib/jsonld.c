/* Stage 3: JSON-LD. The <script type="application/ld+json"> texts the HTML stage kept are
 * parsed once per page, early, so that page typing and metadata read the same objects.
 * Objects are ranked by @type (articles first, then pages; WebSite is remembered for its
 * name) because a page's JSON-LD often describes the site, its breadcrumbs and its
 * organisation beside the article. Broken JSON-LD gets light repairs and a second try. */
#include "jsonld.h"

#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "meta_clean.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static int type_rank(const char *t)
{
    static const char *const ARTICLES[] = {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "Report", "ScholarlyArticle",
        "TechArticle", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting",
    };
    const char *cut = strrchr(t, '/');
    t = cut ? cut + 1 : t;
    cut = strrchr(t, ':');
    t = cut ? cut + 1 : t;
    for (size_t k = 0; k < sizeof ARTICLES / sizeof ARTICLES[0]; k++)
        if (strcmp(t, ARTICLES[k]) == 0)
            return RANK_ARTICLE;
    if (ends_with(t, "Article") || ends_with(t, "Posting"))
        return RANK_ARTICLE;
    if (strcmp(t, "WebPage") == 0)
        return RANK_PAGE + 1;
    if (ends_with(t, "Page"))
        return RANK_PAGE;
    if (strcmp(t, "WebSite") == 0)
        return RANK_SITE;
    return 0;
}

/* The best rank among an object's @type values (a string or an array of them). */
static int object_rank(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t))
        return type_rank(json_string_value(t));
    int best = 0;
    size_t i;
    json_t *e;
    json_array_foreach(t, i, e) {
        if (i >= 16)
            break;
        if (json_is_string(e)) {
            int r = type_rank(json_string_value(e));
            if (r > best || (best == 0 && r < 0))
                best = r;
        }
    }
    return best;
}

/* The LDT_ category of one @type name, or -1. */
static int type_category(const char *t)
{
    static const struct {
        const char *name;
        int category;
    } TYPES[] = {
        {"Product", LDT_PRODUCT}, {"ProductGroup", LDT_PRODUCT}, {"IndividualProduct", LDT_PRODUCT},
        {"ProductModel", LDT_PRODUCT}, {"Offer", LDT_PRODUCT}, {"AggregateOffer", LDT_PRODUCT},
        {"Car", LDT_PRODUCT}, {"Vehicle", LDT_PRODUCT},
        {"DiscussionForumPosting", LDT_FORUM}, {"QAPage", LDT_FORUM}, {"Question", LDT_FORUM},
        {"ItemList", LDT_LIST}, {"CollectionPage", LDT_LIST}, {"SearchResultsPage", LDT_LIST},
        {"OfferCatalog", LDT_LIST}, {"ProductCollection", LDT_LIST},
        {"TechArticle", LDT_DOCS}, {"APIReference", LDT_DOCS}, {"SoftwareSourceCode", LDT_DOCS},
        {"HowTo", LDT_DOCS},
        {"Service", LDT_SERVICE}, {"ProfessionalService", LDT_SERVICE},
        {"FinancialService", LDT_SERVICE}, {"SoftwareApplication", LDT_SERVICE},
        {"WebApplication", LDT_SERVICE}, {"MobileApplication", LDT_SERVICE},
        {"FAQPage", LDT_FAQ}, {"BreadcrumbList", LDT_BREADCRUMB},
        {"Organization", LDT_ORG}, {"Corporation", LDT_ORG}, {"LocalBusiness", LDT_ORG},
        {"Store", LDT_ORG}, {"Restaurant", LDT_ORG}, {"MedicalOrganization", LDT_ORG},
    };
    const char *cut = strrchr(t, '/');
    t = cut ? cut + 1 : t;
    cut = strrchr(t, ':');
    t = cut ? cut + 1 : t;
    for (size_t k = 0; k < sizeof TYPES / sizeof TYPES[0]; k++)
        if (strcmp(t, TYPES[k].name) == 0)
            return TYPES[k].category;
    return type_rank(t) == RANK_ARTICLE ? LDT_ARTICLE : -1;
}

static void note_types(jsonld *ld, json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    size_t i, n = json_is_array(t) ? json_array_size(t) : 1;
    for (i = 0; i < n && i < 16; i++) {
        json_t *e = json_is_array(t) ? json_array_get(t, i) : t;
        int c = json_is_string(e) ? type_category(json_string_value(e)) : -1;
        if (c >= 0 && !ld->typed[c])
            ld->typed[c] = o;
    }
}

json_t *jsonld_typed(const jsonld *ld, int category)
{
    return ld && category >= 0 && category < LDT_COUNT ? ld->typed[category] : NULL;
}

static void ld_visit(jsonld *ld, json_t *v, int depth)
{
    if (!v || depth > LD_MAX_DEPTH || ld->visited >= LD_MAX_NODES)
        return;
    ld->visited++;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) ld_visit(ld, e, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    note_types(ld, v);
    int r = object_rank(v);
    if (r > 0 && ld->n_objs < LD_MAX_OBJECTS) {
        size_t k = ld->n_objs++;
        while (k > 0 && ld->rank[k - 1] < r) { /* stable: equal ranks keep page order */
            ld->objs[k] = ld->objs[k - 1];
            ld->rank[k] = ld->rank[k - 1];
            k--;
        }
        ld->objs[k] = v;
        ld->rank[k] = r;
    }
    if (r == RANK_SITE && !ld->website && json_is_string(json_object_get(v, "name")))
        ld->website = json_string_value(json_object_get(v, "name"));
    ld_visit(ld, json_object_get(v, "@graph"), depth + 1);
    ld_visit(ld, json_object_get(v, "mainEntity"), depth + 1);
}

static int strip_prefix(const char **s, size_t *n, const char *p)
{
    size_t m = strlen(p);
    if (*n < m || memcmp(*s, p, m) != 0)
        return 0;
    *s += m;
    *n -= m;
    return 1;
}

static int strip_suffix(const char *s, size_t *n, const char *p)
{
    size_t m = strlen(p);
    if (*n < m || memcmp(s + *n - m, p, m) != 0)
        return 0;
    *n -= m;
    return 1;
}

static void trim_ws(const char **s, size_t *n)
{
    while (*n && meta_is_space_byte((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && meta_is_space_byte((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* The light repairs that make most broken JSON-LD parse: HTML comment and CDATA
 * wrappers and trailing semicolons dropped, raw control characters (illegal inside
 * strings) turned into spaces, trailing commas before '}' or ']' removed. */
static void ld_repair(const char *s, size_t n, pbuf *out)
{
    for (int changed = 1; changed;) {
        trim_ws(&s, &n);
        changed = strip_prefix(&s, &n, "<!--") || strip_prefix(&s, &n, "//<![CDATA[") ||
                  strip_prefix(&s, &n, "<![CDATA[") || strip_suffix(s, &n, "-->") ||
                  strip_suffix(s, &n, "//]]>") || strip_suffix(s, &n, "]]>") ||
                  strip_suffix(s, &n, ";");
    }
    int in_str = 0, esc = 0;
    pbuf_reserve(out, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (in_str) {
            if (esc && c < 0x20)
                pbuf_puts(out, "u0020");
            else
                pbuf_putc(out, c < 0x20 ? ' ' : (char)c);
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == ',') {
            size_t j = i + 1;
            while (j < n && meta_is_space_byte((unsigned char)s[j]))
                j++;
            if (j < n && (s[j] == '}' || s[j] == ']'))
                continue;
        }
        in_str = c == '"';
        pbuf_putc(out, c < 0x20 ? ' ' : (char)c);
    }
}

/* What jansson may allocate for a script of n bytes, from one pass over it: measured,
 * an object or array costs it up to 256 bytes (json_t, a hash table), another value 64,
 * a string its bytes again; and the repair below copies the script once more. */
static size_t jansson_cost(const char *s, size_t n)
{
    size_t containers = 0, values = 1;
    int in_str = 0, esc = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == '"')
            in_str = 1;
        else if (c == '{' || c == '[')
            containers++;
        else if (c == ',' || c == ':')
            values++;
    }
    return containers * 256 + values * 64 + 3 * n;
}

pith_status jsonld_parse(pith_doc *doc)
{
    jsonld_free(doc->ld); /* parsing again replaces the earlier result, not leaks it */
    doc->ld = NULL;
    if (!doc->jsonld.len)
        return PITH_OK;
    jsonld *ld = calloc(1, sizeof *ld);
    if (!ld)
        return PITH_ERR_NOMEM;
    doc->ld = ld;
    const char *data = doc->jsonld.data;
    size_t len = doc->jsonld.len;
    const pith_options *o = &doc->ex->opts;
    size_t total = 0;
    int oom = 0;
    for (size_t i = 0; i < len && ld->n_roots < LD_MAX_SCRIPTS;) {
        size_t n = strnlen(data + i, len - i);
        /* The caps (html_blocks.c keeps to them as it collects; these hold for any
         * caller), then the page's memory budget: a script that does not fit is left
         * out, and the page's other metadata stands. Keeping jansson well within the
         * budget also keeps it from running out of memory, which it does not survive
         * everywhere (a failed allocation while reading strings crashes jansson 2.14). */
        size_t cost = jansson_cost(data + i, n);
        if (n > o->max_jsonld_bytes || total + n > o->max_jsonld_total ||
            !pmem_fits(&doc->mem, cost)) {
            doc->jsonld_skipped++;
            i += n + 1;
            continue;
        }
        pmem_charge(&doc->mem, cost);
        total += n;
        json_error_t e;
        json_t *j = json_loadb(data + i, n, JSON_DECODE_ANY, &e);
        if (!j) {
            pbuf r;
            pbuf_init(&r);
            ld_repair(data + i, n, &r);
            if (r.oom)
                oom = 1;
            else if (r.len)
                j = json_loadb(r.data, r.len, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
            pbuf_free(&r);
        }
        if (j)
            ld->roots[ld->n_roots++] = j;
        i += n + 1;
    }
    for (size_t k = 0; k < ld->n_roots; k++)
        ld_visit(ld, ld->roots[k], 0);
    return oom ? PITH_ERR_NOMEM : PITH_OK;
}

void jsonld_free(jsonld *ld)
{
    if (!ld)
        return;
    for (size_t k = 0; k < ld->n_roots; k++)
        json_decref(ld->roots[k]);
    free(ld);
}

/* A string, or the first string of an array. */
const char *jsonld_string(json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && *s ? s : NULL;
}

/* The name of a thing given as a string, an object with "name", or an array of those. */
const char *jsonld_name(json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        v = json_object_get(v, "name");
    return jsonld_string(v);
}

/* The first value of `key` in the typed objects, best rank first. */
const char *jsonld_first(const jsonld *ld, const char *key)
{
    if (!ld)
        return NULL;
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = jsonld_string(json_object_get(ld->objs[k], key));
        if (s)
            return s;
    }
    return NULL;
}

const char *jsonld_title(const jsonld *ld)
{
    if (!ld)
        return NULL;
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = jsonld_string(json_object_get(ld->objs[k], "headline"));
        if (!s)
            s = jsonld_string(json_object_get(ld->objs[k], "name"));
        if (s)
            return s;
    }
    return NULL;
}

const char *jsonld_publisher(const jsonld *ld)
{
    if (!ld)
        return NULL;
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = jsonld_name(json_object_get(ld->objs[k], "publisher"));
        if (s)
            return s;
    }
    return NULL;
}

const char *jsonld_url(const jsonld *ld)
{
    if (!ld)
        return NULL;
    for (size_t k = 0; k < ld->n_objs; k++) {
        json_t *o = ld->objs[k];
        const char *s = jsonld_string(json_object_get(o, "url"));
        json_t *m = json_object_get(o, "mainEntityOfPage");
        if (!s && json_is_object(m))
            s = jsonld_string(json_object_get(m, "@id"));
        if (!s && json_is_object(m))
            s = jsonld_string(json_object_get(m, "url"));
        if (!s)
            s = jsonld_string(m);
        if (s)
            return s;
    }
    return NULL;
}
