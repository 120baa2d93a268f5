/* Page typing. Features are computed once per page in linear time; the model is a
 * weight per (feature, type), so a type's score is a dot product and the choice the
 * highest score (multinomial logistic regression: the probabilities are its softmax).
 *
 * The features are deliberately page-level and generic: counts of rule-table signals
 * (phrases and class names that many sites share, "Add to cart", "Reply", "post-body"),
 * schema.org and Open Graph types, URL conventions (/t/…, /products/…, /docs/…), and
 * proportions of the page's text (prose, links, code, lists, tables, headings) and of its
 * repeated templates. Counts enter as log(1 + n) so that a long page does not outvote a
 * short one by length alone. */
#include "page_type.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "extractor.h"
#include "jsonld.h"
#include "repeats.h"
#include "rules.h"
#include "status.h"
#include "stopwords.h"
#include "tags.h"

/* ---- the model ----------------------------------------------------------------------- */

struct page_model {
    size_t n_classes;
    pith_page_type classes[PITH_PAGE_COUNT];
    double w[PAGE_FEATURES_MAX][PITH_PAGE_COUNT]; /* by feature index, then class */
};

void page_model_free(page_model *m) { free(m); }

/* ---- features ------------------------------------------------------------------------ */

/* The signal channels that become features: one per page type the rule tables signal. */
static const pith_page_type SIGNAL_TYPES[] = {
    PITH_PAGE_ARTICLE, PITH_PAGE_FORUM,         PITH_PAGE_PRODUCT, PITH_PAGE_COLLECTION,
    PITH_PAGE_LISTING, PITH_PAGE_DOCUMENTATION, PITH_PAGE_SERVICE,
};
#define N_SIGNAL (sizeof SIGNAL_TYPES / sizeof SIGNAL_TYPES[0])

enum {
    F_BIAS,
    F_SIG_ATTR,                        /* N_SIGNAL features */
    F_SIG_TEXT = F_SIG_ATTR + N_SIGNAL, /* N_SIGNAL features */
    F_SIG_URL = F_SIG_TEXT + N_SIGNAL,  /* N_SIGNAL features */
    F_LD = F_SIG_URL + N_SIGNAL,        /* LDT_COUNT features */
    F_OG_ARTICLE = F_LD + LDT_COUNT,
    F_OG_PRODUCT,
    F_OG_WEBSITE,
    F_URL_NONE,      /* no URL known */
    F_URL_ROOT,      /* the site's home page */
    F_URL_DEPTH,     /* path segments */
    F_URL_SLUG,      /* words of the last path segment (hyphens and underscores + 1) */
    F_URL_NUMBER,    /* a run of 5+ digits in the path: an id */
    F_URL_QUERY,     /* a query string */
    F_CHARS,         /* log text characters */
    F_BLOCKS,        /* log blocks */
    F_PROSE,         /* share of the text in prose blocks */
    F_LONG_PROSE,    /* log prose blocks */
    F_LINKS,         /* share of the text inside links */
    F_CODE,          /* share of the text in code and preformatted blocks */
    F_LIST,          /* share of the text in list items */
    F_TABLE,         /* share of the text in table cells */
    F_HEADINGS,      /* log headings */
    F_H1,            /* h1 headings, up to 5 */
    F_NAV,           /* share of the text in navigation regions (nav, header, footer,
                        aside, navigation verdicts) */
    F_COMMENTS,      /* share of the text in comment regions */
    F_META,          /* log blocks with meta votes (bylines, dates) */
    F_SHORT,         /* share of the blocks under 40 characters */
    F_REP_GROUPS,    /* log repeated groups */
    F_REP_MEMBERS,   /* log members of the largest repeated group outside navigation */
    F_REP_SHARE,     /* its share of the page's text */
    F_REP_AVG,       /* log characters per member */
    F_REP_LINKS,     /* share of its text inside links */
    F_REP_PROSE,     /* share of its members holding prose */
    F_REP_BLOCKS,    /* log blocks per member */
    F_TITLE,         /* a block matches the page's title */
    F_TITLE_PROSE,   /* log prose characters in the blocks right after the title */
    F_PROSE_RUN,     /* log the longest run of consecutive prose blocks */
    F_DATE_META,     /* a publication date in the page's metadata */
    F_AUTHOR_META,   /* an author in the page's metadata */
    F_COUNT
};

static const char *const FEATURE_NAMES[F_COUNT] = {
    "bias",
    "sig_attr_article", "sig_attr_forum", "sig_attr_product", "sig_attr_collection",
    "sig_attr_listing", "sig_attr_documentation", "sig_attr_service",
    "sig_text_article", "sig_text_forum", "sig_text_product", "sig_text_collection",
    "sig_text_listing", "sig_text_documentation", "sig_text_service",
    "sig_url_article", "sig_url_forum", "sig_url_product", "sig_url_collection",
    "sig_url_listing", "sig_url_documentation", "sig_url_service",
    "ld_article", "ld_product", "ld_forum", "ld_list", "ld_docs", "ld_service", "ld_faq",
    "ld_breadcrumb", "ld_org",
    "og_article", "og_product", "og_website",
    "url_none", "url_root", "url_depth", "url_slug", "url_number", "url_query",
    "chars", "blocks", "prose", "long_prose", "links", "code", "list", "table",
    "headings", "h1", "nav", "comments", "meta", "short",
    "rep_groups", "rep_members", "rep_share", "rep_avg", "rep_links", "rep_prose",
    "rep_blocks", "title", "title_prose", "prose_run", "date_meta", "author_meta",
};

_Static_assert(F_COUNT <= PAGE_FEATURES_MAX, "PAGE_FEATURES_MAX too small");

/* Prose: a block long enough to be a paragraph whose stopword density is that of
 * running text (jusText's "good" class), or, without a stopword list for the language,
 * one with sentences. */
#define PROSE_MIN_CHARS 100
#define PROSE_MIN_STOPWORDS 0.30 /* scaled to English's prose density */
#define SHORT_BLOCK_CHARS 40
#define AFTER_TITLE_BLOCKS 30 /* an article's text starts within this many blocks */

static double log1(double x) { return log1p(x > 0 ? x : 0); }

static double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

/* The page's address: canonical, og:url, then the caller's hint. */
static const char *page_url(const pith_doc *doc, const char *hint)
{
    const char *u = doc->raw.canonical ? doc_str(doc, doc->raw.canonical) : NULL;
    if (!u || !*u)
        u = doc_metatag(doc, "og:url");
    if (!u || !*u)
        u = hint;
    return u && *u ? u : NULL;
}

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
        f[F_URL_NONE] = 1;
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
    f[F_URL_ROOT] = n == 0;
    f[F_URL_DEPTH] = depth > 8 ? 8 : (double)depth;
    f[F_URL_SLUG] = words > 12 ? 12 : (double)words;
    f[F_URL_NUMBER] = max_digits >= 5;
    f[F_URL_QUERY] = query;
}

/* The region kind each element sits in: its own strongest attr verdict of weight >= 2
 * (or what its tag implies), else its parent's. Parents precede children in the table,
 * so one pass suffices. */
#define REGION_NONE 0xFF
static void regions(const pith_doc *doc, uint8_t *region)
{
    for (uint32_t i = 0; i < doc->n_nodes; i++) {
        const pith_node *nd = &doc->nodes[i];
        uint8_t r = nd->parent != PITH_NONE ? region[nd->parent] : REGION_NONE;
        if (nd->votes != PITH_NONE) {
            const pith_attr_votes *av = &doc->attr_votes[nd->votes];
            float best = 2;
            for (int k = 0; k < PITH_KIND_COUNT; k++)
                if (av->w[k] >= best) {
                    best = av->w[k];
                    r = (uint8_t)k;
                }
        }
        if (nd->tag == TAG_NAV || nd->tag == TAG_ASIDE || nd->tag == TAG_FOOTER ||
            (nd->tag == TAG_HEADER && r == REGION_NONE))
            r = PITH_KIND_NAVIGATION;
        region[i] = r;
    }
}

static void html_structure(const pith_doc *doc, double *f)
{
    uint32_t nb = doc->n_blocks;
    uint8_t *prose = calloc(nb ? nb : 1, 1);
    uint8_t *region = malloc(doc->n_nodes ? doc->n_nodes : 1);
    if (!prose || !region) {
        free(prose);
        free(region);
        return;
    }
    double scale = 0.45 / stopwords_prose_density(doc->ex->stop, doc->lang);
    double chars = 0, prose_chars = 0, links = 0, code = 0, list = 0, table = 0, nav = 0,
           comments = 0, heads = 0, h1 = 0, meta = 0, shorts = 0, n_prose = 0;
    regions(doc, region);
    for (uint32_t i = 0; i < nb; i++) {
        const pith_blk *b = &doc->blocks[i];
        double c = b->chars;
        chars += c;
        links += b->link_chars;
        if (b->chars >= PROSE_MIN_CHARS && feat_link_density(b) < 0.3 &&
            (doc->lang >= 0 ? feat_stopword_density(b) * scale >= PROSE_MIN_STOPWORDS
                            : b->sentences >= 2)) {
            prose[i] = 1;
            prose_chars += c;
            n_prose++;
        }
        if (b->flags & PITH_BLOCK_CODE)
            code += c;
        if (b->flags & PITH_BLOCK_LIST_ITEM)
            list += c;
        if (b->flags & PITH_BLOCK_TABLE)
            table += c;
        if (b->heading) {
            heads++;
            h1 += b->heading == 1;
        }
        if (b->votes[PITH_KIND_META] > 0)
            meta++;
        if (b->chars < SHORT_BLOCK_CHARS)
            shorts++;
        uint8_t r = b->node != PITH_NONE ? region[b->node] : REGION_NONE;
        if (r == PITH_KIND_NAVIGATION)
            nav += c;
        else if (r == PITH_KIND_COMMENTS)
            comments += c;
    }
    double after_title = 0, run = 0, longest = 0;
    for (uint32_t i = 0; i < nb; i++) {
        run = prose[i] ? run + 1 : (doc->blocks[i].chars == 0 ? run : 0);
        if (run > longest)
            longest = run;
        if (prose[i] && doc->title_block != PITH_NONE && i > doc->title_block &&
            i <= doc->title_block + AFTER_TITLE_BLOCKS)
            after_title += doc->blocks[i].chars;
    }
    f[F_TITLE] = doc->title_block != PITH_NONE;
    f[F_TITLE_PROSE] = log1(after_title);
    f[F_PROSE_RUN] = log1(longest);
    f[F_CHARS] = log1(chars);
    f[F_BLOCKS] = log1(nb);
    f[F_PROSE] = share(prose_chars, chars);
    f[F_LONG_PROSE] = log1(n_prose);
    f[F_LINKS] = share(links, chars);
    f[F_CODE] = share(code, chars);
    f[F_LIST] = share(list, chars);
    f[F_TABLE] = share(table, chars);
    f[F_HEADINGS] = log1(heads);
    f[F_H1] = h1 > 5 ? 5 : h1;
    f[F_NAV] = share(nav, chars);
    f[F_COMMENTS] = share(comments, chars);
    f[F_META] = log1(meta);
    f[F_SHORT] = share(shorts, nb);

    repeat_group *g;
    size_t ng;
    if (repeats_find(doc, prose, &g, &ng) == 0) {
        const repeat_group *best = NULL;
        size_t groups = 0;
        for (size_t k = 0; k < ng; k++) {
            if (region[g[k].parent] == PITH_KIND_NAVIGATION ||
                region[g[k].parent] == PITH_KIND_PROMO)
                continue;
            groups++;
            if (!best || g[k].chars > best->chars)
                best = &g[k];
        }
        f[F_REP_GROUPS] = log1(groups);
        if (best) {
            f[F_REP_MEMBERS] = log1(best->members);
            f[F_REP_SHARE] = share(best->chars, chars);
            f[F_REP_AVG] = log1((double)best->chars / best->members);
            f[F_REP_LINKS] = share(best->link_chars, best->chars);
            f[F_REP_PROSE] = share(best->prose_members, best->members);
            f[F_REP_BLOCKS] = log1((double)best->blocks / best->members);
        }
        free(g);
    }
    free(prose);
    free(region);
}

size_t page_type_features(const pith_doc *doc, double *f, const char *const **names)
{
    memset(f, 0, F_COUNT * sizeof *f);
    if (names)
        *names = FEATURE_NAMES;
    f[F_BIAS] = 1;
    for (size_t k = 0; k < N_SIGNAL; k++) {
        pith_page_type t = SIGNAL_TYPES[k];
        f[F_SIG_ATTR + k] = log1(doc->page_sig[PAGE_SIG_ATTR][t]);
        f[F_SIG_TEXT + k] = log1(doc->page_sig[PAGE_SIG_TEXT][t]);
        f[F_SIG_URL + k] = fmin(doc->page_sig[PAGE_SIG_URL][t], 3);
    }
    for (int c = 0; c < LDT_COUNT; c++)
        f[F_LD + c] = jsonld_typed(doc->ld, c) != NULL;
    const char *og = doc_metatag(doc, "og:type");
    if (og) {
        f[F_OG_ARTICLE] = strncmp(og, "article", 7) == 0;
        f[F_OG_PRODUCT] = strncmp(og, "product", 7) == 0 || strncmp(og, "og:product", 10) == 0;
        f[F_OG_WEBSITE] = strcmp(og, "website") == 0;
    }
    url_features(doc->page_url ? doc_str(doc, doc->page_url) : NULL, f);
    static const char *const DATE_KEYS[] = {"article:published_time", "datepublished",
                                            "date", "pubdate", "publishdate", "dc.date"};
    for (size_t k = 0; k < sizeof DATE_KEYS / sizeof DATE_KEYS[0]; k++)
        f[F_DATE_META] = f[F_DATE_META] || doc_metatag(doc, DATE_KEYS[k]);
    f[F_DATE_META] = f[F_DATE_META] || jsonld_first(doc->ld, "datePublished");
    f[F_AUTHOR_META] = doc_metatag(doc, "author") || doc_metatag(doc, "article:author") ||
                       jsonld_first(doc->ld, "author");
    html_structure(doc, f);
    return F_COUNT;
}

/* ---- model file ---------------------------------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static const char *next_field(const char **p, const char *end, size_t *n)
{
    const char *s = *p;
    while (s < end && is_blank(*s))
        s++;
    const char *e = s;
    while (e < end && !is_blank(*e))
        e++;
    *n = (size_t)(e - s);
    *p = e;
    return s;
}

/* Syntax: '#' comments; one line "classes TYPE..." first; then one line per feature,
 * "NAME W1 W2 ..." with a weight per class. Features the file leaves out weigh 0. */
pith_status page_model_parse(const char *text, size_t len, const char *name, page_model **out,
                             pith_error *err)
{
    *out = NULL;
    page_model *m = calloc(1, sizeof *m);
    if (!m)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    const char *p = text, *end = text + len;
    unsigned lineno = 0;
    pith_status st = PITH_OK;
    while (p < end && st == PITH_OK) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = p;
        p = eol + (eol < end);
        lineno++;
        size_t n;
        const char *word = next_field(&q, eol, &n);
        if (!n || *word == '#')
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 63 ? n : 63), word);
        if (strcmp(buf, "classes") == 0) {
            while (m->n_classes < PITH_PAGE_COUNT) {
                word = next_field(&q, eol, &n);
                if (!n)
                    break;
                snprintf(buf, sizeof buf, "%.*s", (int)(n < 63 ? n : 63), word);
                int t = pith_page_type_from_name(buf);
                if (t <= PITH_PAGE_AUTO) {
                    st = pith_fail(err, PITH_ERR_RULES, "%s:%u: unknown page type '%s'", name,
                                   lineno, buf);
                    break;
                }
                m->classes[m->n_classes++] = (pith_page_type)t;
            }
            continue;
        }
        size_t fi = 0;
        while (fi < F_COUNT && strcmp(FEATURE_NAMES[fi], buf) != 0)
            fi++;
        if (fi == F_COUNT || !m->n_classes) {
            st = pith_fail(err, PITH_ERR_RULES, "%s:%u: %s '%s'", name, lineno,
                           m->n_classes ? "unknown feature" : "classes must come first, not",
                           buf);
            break;
        }
        for (size_t c = 0; c < m->n_classes && st == PITH_OK; c++) {
            word = next_field(&q, eol, &n);
            snprintf(buf, sizeof buf, "%.*s", (int)(n < 63 ? n : 63), word);
            char *e;
            double w = strtod(buf, &e);
            if (!n || *e || w != w)
                st = pith_fail(err, PITH_ERR_RULES, "%s:%u: expected %zu weights", name, lineno,
                               m->n_classes);
            m->w[fi][c] = w;
        }
    }
    if (st == PITH_OK && !m->n_classes)
        st = pith_fail(err, PITH_ERR_RULES, "%s: no classes line", name);
    if (st) {
        free(m);
        return st;
    }
    *out = m;
    return PITH_OK;
}

/* ---- detection ----------------------------------------------------------------------- */

static void on_url_rule(uint32_t r, void *ctx)
{
    pith_doc *doc = ctx;
    const pith_rule *rule = rules_get(doc->ex->rules, r);
    if (rule_is_page(rule->kind))
        doc->page_sig[PAGE_SIG_URL][rule->kind - RULE_PAGE] += rule->weight;
}

void page_type_detect(pith_doc *doc, struct rules_matcher *rm, const char *url_hint)
{
    const char *url = page_url(doc, url_hint);
    if (url) {
        doc->page_url = doc_intern(doc, url, strlen(url));
        /* url may have pointed into doc->strings, which interning can move */
        url = doc->page_url ? doc_str(doc, doc->page_url) : NULL;
    }
    if (doc->ex->opts.page_type != PITH_PAGE_AUTO) {
        doc->page_type = doc->ex->opts.page_type;
        return;
    }
    doc->page_type = PITH_PAGE_ARTICLE;
    if (url)
        rules_match(rm, RT_URL, url, strlen(url), on_url_rule, doc);
    const page_model *m = doc->input_kind == PITH_INPUT_HTML ? doc->ex->page_model_html
                                                             : doc->ex->page_model_text;
    if (!m)
        return;
    double f[PAGE_FEATURES_MAX], score[PITH_PAGE_COUNT], top = -INFINITY;
    page_type_features(doc, f, NULL);
    for (size_t c = 0; c < m->n_classes; c++) {
        double s = 0;
        for (size_t k = 0; k < F_COUNT; k++)
            s += m->w[k][c] * f[k];
        score[c] = s;
        if (s > top) {
            top = s;
            doc->page_type = m->classes[c];
        }
    }
    double z = 0;
    for (size_t c = 0; c < m->n_classes; c++)
        z += exp(score[c] - top);
    for (size_t c = 0; c < m->n_classes; c++)
        doc->page_prob[m->classes[c]] = (float)(exp(score[c] - top) / z);
}
