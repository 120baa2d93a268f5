/* The title block: the heading that matches what the page's metadata calls its title.
 * Titles in <title> usually carry the site name ("Headline | Site"), headings sometimes
 * a kicker, so matching works on word sequences with containment, not equality. */
#include "title.h"

#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "utf8.h"

/* Lower-cased words of s, each word's code points packed, separated by single spaces. */
static size_t normalize(const char *s, size_t n, char *out, size_t cap)
{
    size_t w = 0;
    int space = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n && w + 5 < cap;) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        i += k;
        if (!uc_is_word(cp)) {
            space = w > 0;
            continue;
        }
        if (space)
            out[w++] = ' ';
        space = 0;
        w += utf8_encode(uc_tolower(cp), out + w);
    }
    out[w] = '\0';
    return w;
}

/* Similarity of two normalized titles. */
static double similarity_norm(const char *na, size_t la, const char *nb, size_t lb)
{
    if (!la || !lb)
        return 0;
    if (la == lb && memcmp(na, nb, la) == 0)
        return 1;
    const char *shorter = la < lb ? na : nb, *longer = la < lb ? nb : na;
    size_t ls = la < lb ? la : lb, ll = la < lb ? lb : la;
    const char *hit = strstr(longer, shorter);
    /* containment on word boundaries: "headline" inside "headline site name" */
    if (hit && (hit == longer || hit[-1] == ' ') && (hit[ls] == '\0' || hit[ls] == ' '))
        return (double)ls / (double)ll;
    return 0;
}

void title_find(pith_doc *doc)
{
    doc->title_block = PITH_NONE;
    char *hint = metadata_title_hint(doc);
    const char *h = hint;
    if (!h)
        h = doc_metatag(doc, "og:title");
    if (!h && doc->raw.title_tag)
        h = doc_str(doc, doc->raw.title_tag);
    char nh[1024], nb[1024];
    size_t lh = h ? normalize(h, strlen(h), nh, sizeof nh) : 0;
    double best = 0;
    uint32_t best_i = PITH_NONE;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->len == 0 || b->len > 400 || b->kind == PITH_KIND_BODY)
            continue;
        double s = 0;
        /* a block under a third of the hint's length cannot reach the threshold */
        if (lh && b->len * 3 >= lh) {
            size_t lb = normalize(blk_text(doc, b), b->len, nb, sizeof nb);
            s = similarity_norm(nh, lh, nb, lb);
        }
        if (b->heading == 1)
            s += lh ? 0 : 0.6;
        else if (b->heading)
            s *= 0.9;
        else
            s *= 0.75;
        if (s > best + 1e-9) {
            best = s;
            best_i = i;
        }
    }
    if (best >= 0.45)
        doc->title_block = best_i;
    free(hint);
}

void title_apply(pith_doc *doc)
{
    if (doc->title_block == PITH_NONE)
        return;
    pith_blk *t = &doc->blocks[doc->title_block];
    t->kind = PITH_KIND_TITLE;
    t->flags |= BF_TITLE_LIKE;
    doc_note(doc, doc->title_block, "title: matches the page title");
    const char *tt = blk_text(doc, t);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        pith_blk *b = &doc->blocks[i];
        if (i == doc->title_block || b->len != t->len || b->kind == PITH_KIND_BODY)
            continue;
        if (memcmp(blk_text(doc, b), tt, t->len) == 0 &&
            (b->kind == PITH_KIND_NAVIGATION || b->kind == PITH_KIND_META)) {
            b->kind = PITH_KIND_TITLE;
            b->flags |= BF_TITLE_LIKE;
            doc_note(doc, i, "title: repeats the title");
        }
    }
}
