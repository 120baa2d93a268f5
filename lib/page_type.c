/* Page typing. Features are computed once per page in linear time (page_features.h);
 * the model is a weight per (feature, type), so a type's score is a dot product and the
 * choice the highest score (multinomial logistic regression: the probabilities are its
 * softmax). */
#include "page_type.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "fields.h"
#include "page_features.h"
#include "rules.h"
#include "status.h"

struct page_model {
    const page_feature_set *set;
    size_t n_classes;
    pith_page_type classes[PITH_PAGE_COUNT];
    double w[PAGE_FEATURES_MAX][PITH_PAGE_COUNT]; /* by feature index, then class */
};

void page_model_free(page_model *m) { free(m); }

static const page_feature_set *feature_set(pith_input_kind kind)
{
    return kind == PITH_INPUT_TEXT ? &page_features_text : &page_features_html;
}

size_t page_type_features(const pith_doc *doc, double *f, const char *const **names)
{
    const page_feature_set *set = feature_set(doc->input_kind);
    memset(f, 0, set->count * sizeof *f);
    if (names)
        *names = set->names;
    set->compute(doc, f);
    return set->count;
}

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

/* ---- model file ---------------------------------------------------------------------- */


/* Syntax: '#' comments; one line "classes TYPE..." first; then one line per feature,
 * "NAME W1 W2 ..." with a weight per class. Features the file leaves out weigh 0. */
pith_status page_model_parse(const char *text, size_t len, const char *name,
                             pith_input_kind kind, page_model **out, pith_error *err)
{
    *out = NULL;
    page_model *m = calloc(1, sizeof *m);
    if (!m)
        return pith_fail(err, PITH_ERR_NOMEM, "out of memory");
    const page_feature_set *set = feature_set(kind);
    m->set = set;
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
        const char *word = field_next(&q, eol, &n);
        if (!n || *word == '#')
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 63 ? n : 63), word);
        if (strcmp(buf, "classes") == 0) {
            while (m->n_classes < PITH_PAGE_COUNT) {
                word = field_next(&q, eol, &n);
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
        while (fi < set->count && strcmp(set->names[fi], buf) != 0)
            fi++;
        if (fi == set->count || !m->n_classes) {
            st = pith_fail(err, PITH_ERR_RULES, "%s:%u: %s '%s'", name, lineno,
                           m->n_classes ? "unknown feature" : "classes must come first, not",
                           buf);
            break;
        }
        for (size_t c = 0; c < m->n_classes && st == PITH_OK; c++) {
            word = field_next(&q, eol, &n);
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
    size_t nf = page_type_features(doc, f, NULL);
    for (size_t c = 0; c < m->n_classes; c++) {
        double s = 0;
        for (size_t k = 0; k < nf; k++)
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
