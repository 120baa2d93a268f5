/* Stage 9 helpers: the author, from JSON-LD, author meta tags or a byline line ("By Jane
 * Doe | 5 min read"), without the site's own name and without duplicates. */
#include "meta_author.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_NAMES 16       /* authors kept */
#define MAX_META_BLOCKS 64 /* meta-kind blocks searched for a byline */

typedef struct names {
    char *v[MAX_NAMES];
    size_t n;
} names;

static size_t byline_prefix(const char *s)
{
    static const char *const PREFIXES[] = {
        "written by ", "posted by ", "story by ", "words by ", "reporting by ", "by: ",
        "by ", "authors: ", "author: ", "autor: ", "autorin: ", "auteur : ", "auteur: ",
        "von ", "par ", "por ", "di ", "door ", "av ", "af ",
    };
    for (size_t k = 0; k < sizeof PREFIXES / sizeof PREFIXES[0]; k++)
        if (meta_starts_ci(s, PREFIXES[k]))
            return strlen(PREFIXES[k]);
    return 0;
}

static void names_add_one(meta_ctx *c, names *nm, const char *raw, size_t n, const char *site)
{
    if (nm->n >= MAX_NAMES)
        return;
    char *s = meta_clean_n(c, raw, n, 200);
    if (!s)
        return;
    size_t p = byline_prefix(s);
    if (p)
        memmove(s, s + p, strlen(s + p) + 1);
    int skip = !*s || meta_is_url_like(s) || s[0] == '@' ||
               (site && meta_loose_eq(s, strlen(s), site, strlen(site)));
    for (size_t k = 0; k < nm->n && !skip; k++)
        skip = meta_loose_eq(s, strlen(s), nm->v[k], strlen(nm->v[k]));
    if (skip)
        free(s);
    else
        nm->v[nm->n++] = s;
}

/* Adds the names in a list such as "Ann Lee, Bo Ek; Cy Do", one by one, so that each is
 * checked against the site name and the names already found. */
static void names_add(meta_ctx *c, names *nm, const char *raw, size_t n, const char *site)
{
    while (n) {
        size_t k = 0;
        while (k < n && raw[k] != ',' && raw[k] != ';')
            k++;
        names_add_one(c, nm, raw, k, site);
        k += k < n;
        raw += k;
        n -= k;
    }
}

/* The names joined by ", " (malloc'd, NULL if none); frees them. */
static char *names_join(meta_ctx *c, names *nm)
{
    pbuf b;
    pbuf_init(&b);
    for (size_t k = 0; k < nm->n; k++) {
        if (k)
            pbuf_append(&b, ", ", 2);
        pbuf_puts(&b, nm->v[k]);
        free(nm->v[k]);
    }
    int had = nm->n > 0;
    nm->n = 0;
    if (b.oom)
        c->oom = 1;
    if (had)
        return pbuf_detach(&b, NULL);
    pbuf_free(&b);
    return NULL;
}

static void ld_author_add(meta_ctx *c, names *nm, json_t *a, const char *site, int depth)
{
    if (!a || depth > 3)
        return;
    if (json_is_string(a)) {
        names_add(c, nm, json_string_value(a), json_string_length(a), site);
    } else if (json_is_array(a)) {
        size_t i;
        json_t *e;
        json_array_foreach(a, i, e) {
            if (i >= 32)
                break;
            ld_author_add(c, nm, e, site, depth + 1);
        }
    } else if (json_is_object(a)) {
        json_t *name = json_object_get(a, "name");
        if (json_is_string(name) || json_is_array(name)) {
            ld_author_add(c, nm, name, site, depth + 1);
            return;
        }
        const char *given = jsonld_string(json_object_get(a, "givenName"));
        const char *family = jsonld_string(json_object_get(a, "familyName"));
        if (given && family) {
            pbuf full;
            pbuf_init(&full);
            pbuf_printf(&full, "%s %s", given, family);
            if (full.oom)
                c->oom = 1;
            else
                names_add(c, nm, full.data, full.len, site);
            pbuf_free(&full);
        }
    }
}

/* "By Jane Doe | 5 min read" -> "Jane Doe": the name after a byline prefix, up to the
 * first thing that is not part of a name. */
static void byline_add(meta_ctx *c, names *nm, const char *s, size_t n, const char *site)
{
    static const char *const STOPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                        "\xE2\x80\xA2", "\xC2\xB7", " on ", " at ", " updated",
                                        " published", " am ", " le ", " el ", " em ", "(", "\n"};
    while (n && meta_is_space_byte((unsigned char)*s))
        s++, n--;
    if (n > 300)
        n = 300;
    char head[320];
    memcpy(head, s, n);
    head[n] = '\0';
    size_t p = byline_prefix(head);
    if (!p)
        return;
    size_t end = n;
    for (size_t i = p; i < end; i++) {
        if (meta_is_digit((unsigned char)head[i])) {
            end = i;
            break;
        }
        for (size_t k = 0; k < sizeof STOPS / sizeof STOPS[0]; k++)
            if (meta_starts_ci(head + i, STOPS[k])) {
                end = i;
                break;
            }
    }
    while (end > p && strchr(" ,.;:", head[end - 1]))
        end--;
    size_t words = meta_count_words(head + p, end - p);
    uint32_t first;
    utf8_decode((const unsigned char *)head + p, end - p, &first);
    if (end > p && words >= 1 && words <= 8 && end - p <= 100 && !uc_is_lower(first) &&
        !meta_is_digit((int)first))
        names_add(c, nm, head + p, end - p, site);
}

static int key_eq(const pith_doc *doc, const pith_metatag *m, const char *key)
{
    return strcmp(doc_str(doc, m->key), key) == 0;
}

char *meta_pick_author(meta_ctx *c, const jsonld *ld, const char *site)
{
    static const char *const KEYS[] = {
        "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
        "sailthru.author", "citation_author", "byl",
    };
    const pith_doc *doc = c->doc;
    names nm = {{NULL}, 0};
    for (size_t k = 0; ld && k < ld->n_objs && !nm.n; k++)
        ld_author_add(c, &nm, json_object_get(ld->objs[k], "author"), site, 0);
    for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0] && !nm.n; k++)
        for (uint32_t i = 0; i < doc->n_metatags; i++)
            if (key_eq(doc, &doc->metatags[i], KEYS[k])) {
                const char *v = doc_str(doc, doc->metatags[i].value);
                names_add(c, &nm, v, strlen(v), site);
            }
    unsigned seen = 0;
    for (uint32_t i = 0; i < doc->n_blocks && !nm.n && seen < MAX_META_BLOCKS; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_META || b->article != 0)
            continue;
        seen++;
        byline_add(c, &nm, blk_text(doc, b), b->len, site);
    }
    return names_join(c, &nm);
}
