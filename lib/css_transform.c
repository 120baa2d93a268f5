/* The text-transform of a page's own style sheets (see css_transform.h): a small reader
 * of CSS that keeps the rules setting text-transform and skips everything else, and a
 * right-to-left selector matcher over the path of open elements. */
#include "css_transform.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tags.h"
#include "utf8.h"

#define CSS_MAX_RULES 4096   /* per page: a framework's sheet sets text-transform a few
                              * hundred times at most */
#define MAX_COMPOUNDS 8      /* compound selectors in one selector */
#define MAX_CLASSES 4        /* class selectors in one compound */
#define MAX_NESTING 8        /* @media inside @supports inside ... */
#define BUCKETS 256          /* rules by the key of their last compound */
/* Work css_match may do for one element, in compound tests plus bytes of class lists
 * read. A hostile page can make each element cost rules x ancestors x class bytes (4,096
 * rules "p b" under 250 divs: 30 s for 20,000 <b>s); real pages stay far below, and an
 * element past it keeps its parent's transform, the text as written at worst. */
#define MATCH_BUDGET (1u << 16)

typedef struct compound {
    int tag;                 /* TAG_*, -1 for any element */
    uint32_t id;             /* offset of the id in strs, 0 for none */
    uint32_t cls[MAX_CLASSES];
    uint8_t n_cls;
    uint8_t child;           /* joined to the compound on its left by '>' */
} compound;

typedef struct rule {
    uint32_t first;          /* its compounds: comps[first .. first + n), outermost first */
    uint8_t n;
    uint8_t tt;
    uint32_t spec;           /* specificity, !important above all */
    uint32_t next;           /* the next rule of its bucket + 1, 0 at the end */
} rule;

struct css_sheet {
    rule *rules;
    size_t n_rules, cap_rules;
    compound *comps;
    size_t n_comps, cap_comps;
    char *strs;              /* NUL-terminated names; offset 0 is "" */
    size_t n_strs, cap_strs;
    uint32_t bucket[BUCKETS]; /* first rule + 1 */
    uint32_t any;            /* rules ending in a compound with no class or id: first + 1 */
};

css_sheet *css_sheet_new(void)
{
    css_sheet *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->strs = malloc(64);
    if (!s->strs) {
        free(s);
        return NULL;
    }
    s->strs[0] = '\0';
    s->n_strs = 1;
    s->cap_strs = 64;
    return s;
}

void css_sheet_free(css_sheet *s)
{
    if (!s)
        return;
    free(s->rules);
    free(s->comps);
    free(s->strs);
    free(s);
}

int css_sheet_empty(const css_sheet *s) { return !s || s->n_rules == 0; }

static uint32_t key_hash(char kind, const char *p, size_t n)
{
    uint32_t h = (2166136261u ^ (unsigned char)kind) * 16777619u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* ---- reading ------------------------------------------------------------------------ */

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static int ident_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c >= 0x80;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads an identifier at *pp into s->strs (escapes resolved: Tailwind's `md\:block` is
 * the class "md:block"); returns its offset, 0 when there is none, or -1 when out of
 * memory. */
static long read_ident(css_sheet *s, const char **pp, const char *end)
{
    const char *p = *pp;
    size_t start = s->n_strs;
    while (p < end) {
        char buf[4];
        size_t n;
        if (*p == '\\' && p + 1 < end) {
            p++;
            uint32_t cp = 0;
            int digits = 0, v;
            while (p < end && digits < 6 && (v = hexval(*p)) >= 0) {
                cp = cp * 16 + (uint32_t)v;
                p++;
                digits++;
            }
            if (digits) {
                if (p < end && is_ws(*p))
                    p++;
                n = utf8_encode(cp, buf);
            } else {
                buf[0] = *p++;
                n = 1;
            }
        } else if (ident_char((unsigned char)*p)) {
            buf[0] = *p++;
            n = 1;
        } else {
            break;
        }
        if (s->n_strs + n + 1 > s->cap_strs) {
            size_t cap = s->cap_strs * 2 + n + 1;
            char *t = realloc(s->strs, cap);
            if (!t)
                return -1;
            s->strs = t;
            s->cap_strs = cap;
        }
        memcpy(s->strs + s->n_strs, buf, n);
        s->n_strs += n;
    }
    *pp = p;
    if (s->n_strs == start)
        return 0;
    s->strs[s->n_strs++] = '\0';
    return (long)start;
}

/* One selector of a list (`a, b`) into compounds. 1 when read, 0 when it uses what the
 * matcher leaves out (pseudo-classes, attributes, sibling combinators), -1 when out of
 * memory. */
static int read_selector(css_sheet *s, const char *p, const char *end, compound *out, size_t *n_out,
                         uint32_t *spec)
{
    size_t n = 0;
    uint32_t ids = 0, classes = 0, tags = 0;
    int child = 0;
    for (;;) {
        while (p < end && is_ws(*p))
            p++;
        if (p < end && *p == '>') {
            child = 1;
            p++;
            while (p < end && is_ws(*p))
                p++;
        }
        if (p == end)
            break;
        if (n == MAX_COMPOUNDS)
            return 0;
        compound c;
        memset(&c, 0, sizeof c);
        c.tag = -1;
        c.child = (uint8_t)(n > 0 && child);
        child = 0;
        int star = 0;
        if (*p == '*') {
            p++;
            star = 1;
        } else if (ident_char((unsigned char)*p) && !(*p >= '0' && *p <= '9')) {
            char name[16];
            size_t k = 0;
            while (p < end && ident_char((unsigned char)*p)) {
                if (k + 1 < sizeof name)
                    name[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
                else
                    return 0;
                p++;
            }
            name[k] = '\0';
            c.tag = tag_lookup(name);
            if (c.tag == TAG_OTHER)
                return 0; /* an element pith does not name: it cannot tell it apart */
            tags++;
        }
        while (p < end && (*p == '.' || *p == '#')) {
            char kind = *p++;
            long off = read_ident(s, &p, end);
            if (off < 0)
                return -1;
            if (off == 0)
                return 0;
            if (kind == '#') {
                c.id = (uint32_t)off;
                ids++;
            } else {
                if (c.n_cls == MAX_CLASSES)
                    return 0;
                c.cls[c.n_cls++] = (uint32_t)off;
                classes++;
            }
        }
        if (p < end && !is_ws(*p) && *p != '>')
            return 0; /* ':', '[', '+', '~' or something stranger */
        if (c.tag < 0 && !c.id && !c.n_cls && !star)
            return 0;
        out[n++] = c;
    }
    if (n == 0)
        return 0;
    *n_out = n;
    *spec = (ids > 255 ? 255 : ids) << 16 | (classes > 255 ? 255 : classes) << 8 | (tags > 255 ? 255 : tags);
    return 1;
}

static int add_rule(css_sheet *s, const compound *cs, size_t n, css_tt tt, uint32_t spec)
{
    if (s->n_rules >= CSS_MAX_RULES)
        return 0;
    if (s->n_rules == s->cap_rules) {
        size_t cap = s->cap_rules ? s->cap_rules * 2 : 32;
        rule *r = realloc(s->rules, cap * sizeof *r);
        if (!r)
            return -1;
        s->rules = r;
        s->cap_rules = cap;
    }
    if (s->n_comps + n > s->cap_comps) {
        size_t cap = s->cap_comps * 2 + n + 32;
        compound *c = realloc(s->comps, cap * sizeof *c);
        if (!c)
            return -1;
        s->comps = c;
        s->cap_comps = cap;
    }
    memcpy(s->comps + s->n_comps, cs, n * sizeof *cs);
    rule *r = &s->rules[s->n_rules];
    r->first = (uint32_t)s->n_comps;
    r->n = (uint8_t)n;
    r->tt = (uint8_t)tt;
    r->spec = spec;
    s->n_comps += n;
    /* the bucket of the last compound's first class, else its id, else none */
    const compound *last = &cs[n - 1];
    uint32_t *head;
    if (last->n_cls) {
        const char *c = s->strs + last->cls[0];
        head = &s->bucket[key_hash('.', c, strlen(c)) % BUCKETS];
    } else if (last->id) {
        const char *c = s->strs + last->id;
        head = &s->bucket[key_hash('#', c, strlen(c)) % BUCKETS];
    } else {
        head = &s->any;
    }
    r->next = *head;
    *head = (uint32_t)s->n_rules + 1;
    s->n_rules++;
    return 0;
}

/* Whether the text n bytes at p equals lower-case `word`, case ignored. */
static int word_is(const char *p, size_t n, const char *word)
{
    return n == strlen(word) && strncasecmp(p, word, n) == 0;
}

static int contains_ci(const char *p, const char *end, const char *word)
{
    size_t k = strlen(word);
    for (; p + k <= end; p++)
        if (word_is(p, k, word))
            return 1;
    return 0;
}

/* The last text-transform of a declaration block, its !important in *important. */
static css_tt block_transform(const char *p, const char *end, int *important)
{
    static const char PROP[] = "text-transform";
    css_tt tt = CSS_TT_INHERIT;
    for (const char *q = p; q + sizeof PROP - 1 <= end; q++) {
        if ((*q | 0x20) != 't' || !word_is(q, sizeof PROP - 1, PROP))
            continue;
        /* a property name starts the block or follows ';' or '{' */
        const char *b = q;
        while (b > p && is_ws(b[-1]))
            b--;
        if (b > p && b[-1] != ';' && b[-1] != '{')
            continue;
        const char *v = q + sizeof PROP - 1;
        while (v < end && is_ws(*v))
            v++;
        if (v == end || *v != ':')
            continue;
        v++;
        while (v < end && is_ws(*v))
            v++;
        const char *w = v;
        while (w < end && ident_char((unsigned char)*w))
            w++;
        css_tt t = word_is(v, (size_t)(w - v), "uppercase")    ? CSS_TT_UPPER
                   : word_is(v, (size_t)(w - v), "lowercase")  ? CSS_TT_LOWER
                   : word_is(v, (size_t)(w - v), "capitalize") ? CSS_TT_CAPITALIZE
                   : word_is(v, (size_t)(w - v), "none")       ? CSS_TT_NONE
                                                               : CSS_TT_INHERIT;
        if (t == CSS_TT_INHERIT)
            continue;
        /* the value ends at ';', or at a brace in a block of nested braces: a scan that ran
         * on to the next ';' would read the same bytes again for each of a run of
         * "{text-transform:x" and take quadratic time */
        const char *semi = w;
        while (semi < end && *semi != ';' && *semi != '{' && *semi != '}')
            semi++;
        tt = t;
        *important = contains_ci(w, semi, "!important");
        q = w;
    }
    return tt;
}

/* The end of the block whose '{' is at p (p itself when unbalanced: the rest). */
static const char *block_end(const char *p, const char *end)
{
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p;
        else if (*p == '"' || *p == '\'') {
            char q = *p;
            for (p++; p < end && *p != q; p++)
                if (*p == '\\')
                    p++;
            if (p == end)
                return end;
        }
    }
    return end;
}

static int add_rules(css_sheet *s, const char *sel, const char *sel_end, css_tt tt, int important)
{
    for (const char *p = sel; p < sel_end;) {
        const char *comma = p;
        int paren = 0;
        while (comma < sel_end && (paren || *comma != ',')) {
            paren += *comma == '(';
            paren -= *comma == ')' && paren > 0;
            comma++;
        }
        compound cs[MAX_COMPOUNDS];
        size_t n;
        uint32_t spec;
        size_t mark = s->n_strs;
        int rc = read_selector(s, p, comma, cs, &n, &spec);
        if (rc < 0)
            return -1;
        if (rc == 0)
            s->n_strs = mark; /* the names it read are not needed */
        else if (add_rule(s, cs, n, tt, spec | (important ? 1u << 24 : 0)) < 0)
            return -1;
        p = comma < sel_end ? comma + 1 : sel_end;
    }
    return 0;
}

static int read_rules(css_sheet *s, const char *p, const char *end, int include, int depth)
{
    while (p < end) {
        while (p < end && (is_ws(*p) || *p == ';' || *p == '}'))
            p++;
        if (p == end)
            break;
        const char *open = p;
        while (open < end && *open != '{' && !(*p == '@' && *open == ';'))
            open++;
        if (open == end)
            break;
        if (*open == ';') { /* @import, @charset ... */
            p = open + 1;
            continue;
        }
        const char *close = block_end(open, end);
        if (*p == '@') {
            const char *name = p + 1, *ne = name;
            while (ne < open && ident_char((unsigned char)*ne))
                ne++;
            size_t nl = (size_t)(ne - name);
            int nested = word_is(name, nl, "media") || word_is(name, nl, "supports") ||
                         word_is(name, nl, "layer") || word_is(name, nl, "container");
            if (nested && depth < MAX_NESTING) {
                int inc = include && !(word_is(name, nl, "media") &&
                                       (contains_ci(ne, open, "max-width") || contains_ci(ne, open, "print")));
                if (read_rules(s, open + 1, close, inc, depth + 1) < 0)
                    return -1;
            }
        } else if (include) {
            int important = 0;
            css_tt tt = block_transform(open + 1, close, &important);
            if (tt != CSS_TT_INHERIT && add_rules(s, p, open, tt, important) < 0)
                return -1;
        }
        p = close < end ? close + 1 : end;
    }
    return 0;
}

int css_sheet_add(css_sheet *s, const char *css, size_t len)
{
    /* comments out first: frameworks put them between rules (styled-components' / *!sc* /) */
    char *t = malloc(len + 1);
    if (!t)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (css[i] == '/' && i + 1 < len && css[i + 1] == '*') {
            const char *e = NULL;
            for (size_t j = i + 2; j + 1 < len; j++)
                if (css[j] == '*' && css[j + 1] == '/') {
                    e = css + j;
                    break;
                }
            if (!e)
                break;
            i = (size_t)(e - css) + 1;
            t[n++] = ' ';
            continue;
        }
        t[n++] = css[i];
    }
    t[n] = '\0';
    /* most sheets set no text-transform at all (property names are written in lower case
     * in practice): one scan spares reading their rules */
    int rc = strstr(t, "text-transform") ? read_rules(s, t, t + n, 1, 0) : 0;
    free(t);
    return rc;
}

/* Whether html[i..) starts with `tag` (lower case) followed by a space, '/' or '>'. */
static int tag_at(const char *html, size_t i, size_t len, const char *tag)
{
    size_t k = strlen(tag);
    if (i + k >= len || !word_is(html + i, k, tag))
        return 0;
    char c = html[i + k];
    return is_ws(c) || c == '>' || c == '/';
}

/* The first occurrence of `end` (lower case, e.g. "</style") at or after i, case
 * ignored; len when there is none. */
static size_t find_ci(const char *html, size_t i, size_t len, const char *end)
{
    size_t k = strlen(end);
    for (; i + k <= len; i++) {
        const char *p = memchr(html + i, end[0], len - i);
        if (!p)
            return len;
        i = (size_t)(p - html);
        if (i + k <= len && word_is(p, k, end))
            return i;
    }
    return len;
}

int css_sheet_add_html(css_sheet *s, const char *html, size_t len, size_t max_bytes)
{
    size_t read = 0;
    for (size_t i = 0; i < len;) {
        const char *lt = memchr(html + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - html) + 1;
        if (i + 3 <= len && memcmp(html + i, "!--", 3) == 0) {
            size_t e = find_ci(html, i + 3, len, "-->");
            i = e < len ? e + 3 : len; /* a commented-out sheet is not applied */
            continue;
        }
        int style = tag_at(html, i, len, "style");
        if (!style && !tag_at(html, i, len, "script"))
            continue;
        const char *gt = memchr(html + i, '>', len - i);
        if (!gt)
            break;
        size_t body = (size_t)(gt - html) + 1;
        size_t end = find_ci(html, body, len, style ? "</style" : "</script");
        if (style) {
            /* a sheet for print or small screens is not the one the page is read with */
            size_t tl = body - i;
            int skip = contains_ci(html + i, html + body, "print") ||
                       contains_ci(html + i, html + body, "max-width") || tl > 4096;
            if (!skip && read + (end - body) <= max_bytes) {
                if (css_sheet_add(s, html + body, end - body) < 0)
                    return -1;
                read += end - body;
            }
        }
        i = end; /* a script's text is not markup: "<style" inside it opens nothing */
    }
    return 0;
}

/* ---- matching ----------------------------------------------------------------------- */

/* Whether the space-separated list holds `name` as a whole token; the bytes read are
 * added to *work. */
static int has_token(const char *list, const char *name, size_t *work)
{
    size_t k = strlen(name);
    const char *p = list;
    while (*p) {
        while (*p && is_ws(*p))
            p++;
        const char *e = p;
        while (*e && !is_ws(*e))
            e++;
        if ((size_t)(e - p) == k && memcmp(p, name, k) == 0) {
            *work += (size_t)(e - list);
            return 1;
        }
        p = e;
    }
    *work += (size_t)(p - list);
    return 0;
}

static int compound_matches(const css_sheet *s, const compound *c, const css_elem *e, size_t *work)
{
    ++*work;
    if (c->tag >= 0 && e->tag != c->tag)
        return 0;
    if (c->id && strcmp(e->id, s->strs + c->id) != 0)
        return 0;
    for (size_t k = 0; k < c->n_cls; k++)
        if (!has_token(e->cls, s->strs + c->cls[k], work))
            return 0;
    return 1;
}

/* Right to left, each ancestor compound matched by the nearest ancestor that fits: the
 * browsers' order. Greedy, so a selector mixing '>' and ' ' may miss a match a
 * backtracking matcher would find; those are rare and the miss only leaves text as
 * written. */
static int rule_matches(const css_sheet *s, const rule *r, const css_elem *path, size_t n, size_t *work)
{
    const compound *cs = s->comps + r->first;
    if (!compound_matches(s, &cs[r->n - 1], &path[n - 1], work))
        return 0;
    size_t pos = n - 1;
    for (int k = (int)r->n - 2; k >= 0; k--) {
        if (cs[k + 1].child) {
            if (pos == 0 || !compound_matches(s, &cs[k], &path[--pos], work))
                return 0;
        } else {
            do {
                if (pos == 0 || *work > MATCH_BUDGET)
                    return 0;
                pos--;
            } while (!compound_matches(s, &cs[k], &path[pos], work));
        }
    }
    return 1;
}

/* Walks one bucket chain, keeping the best match in *best (rule index + 1). */
static void best_in(const css_sheet *s, uint32_t head, const css_elem *path, size_t n, uint32_t *best,
                    size_t *work)
{
    for (uint32_t i = head; i && *work <= MATCH_BUDGET; i = s->rules[i - 1].next) {
        const rule *r = &s->rules[i - 1];
        ++*work; /* a rule passed over costs a step too */
        if (*best) {
            const rule *b = &s->rules[*best - 1];
            if (r->spec < b->spec || (r->spec == b->spec && i < *best))
                continue;
        }
        if (rule_matches(s, r, path, n, work))
            *best = i;
    }
}

/* Runs body with bucket_var set to the bucket of each class and of the id of e. */
#define FOR_EACH_KEY(s, e, bucket_var, body)                                                       \
    do {                                                                                           \
        for (const char *p_ = (e)->cls; *p_;) {                                                    \
            while (*p_ && is_ws(*p_))                                                              \
                p_++;                                                                              \
            const char *q_ = p_;                                                                   \
            while (*q_ && !is_ws(*q_))                                                             \
                q_++;                                                                              \
            if (q_ > p_) {                                                                         \
                uint32_t bucket_var = key_hash('.', p_, (size_t)(q_ - p_)) % BUCKETS;              \
                body;                                                                              \
            }                                                                                      \
            p_ = q_;                                                                               \
        }                                                                                          \
        if (*(e)->id) {                                                                            \
            uint32_t bucket_var = key_hash('#', (e)->id, strlen((e)->id)) % BUCKETS;               \
            body;                                                                                  \
        }                                                                                          \
    } while (0)

int css_may_match(const css_sheet *s, const css_elem *e)
{
    if (css_sheet_empty(s))
        return 0;
    if (s->any)
        return 1;
    FOR_EACH_KEY(s, e, k, if (s->bucket[k]) return 1);
    return 0;
}

css_tt css_match(const css_sheet *s, const css_elem *path, size_t n)
{
    size_t work = 0;
    return css_match_work(s, path, n, &work);
}

css_tt css_match_work(const css_sheet *s, const css_elem *path, size_t n, size_t *work_done)
{
    if (css_sheet_empty(s) || n == 0)
        return CSS_TT_INHERIT;
    uint32_t best = 0;
    size_t work = 0;
    const css_elem *e = &path[n - 1];
    best_in(s, s->any, path, n, &best, &work);
    /* a bucket walked once: class="a a a ..." (or two classes of one bucket) would walk
     * its rules again for each, thousands of times over for a long attribute */
    uint8_t seen[BUCKETS / 8] = {0};
    FOR_EACH_KEY(s, e, k, if (!(seen[k / 8] & (1u << (k % 8)))) {
        seen[k / 8] |= (uint8_t)(1u << (k % 8));
        best_in(s, s->bucket[k], path, n, &best, &work);
    });
    *work_done += work;
    if (work > MATCH_BUDGET)
        return CSS_TT_INHERIT; /* the best of the rules read may not be the best of all */
    return best ? (css_tt)s->rules[best - 1].tt : CSS_TT_INHERIT;
}

css_tt css_inline_transform(const char *style)
{
    if (!style || !strstr(style, "ransform"))
        return CSS_TT_INHERIT;
    int important = 0;
    return block_transform(style, style + strlen(style), &important);
}

/* Punctuation that does not end a word (Unicode's word breaks): apostrophes ("don't"),
 * a full stop between letters ("e.g."), a colon, a middle dot. */
static int inside_word(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == '.' || cp == ':' || cp == 0xB7;
}

void css_apply(css_tt t, char *text, size_t n, int *word_start)
{
    if (t != CSS_TT_UPPER && t != CSS_TT_LOWER && t != CSS_TT_CAPITALIZE)
        return;
    int ws = *word_start;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)text + i, n - i, &cp);
        if (uc_is_space(cp)) {
            ws = 1;
            i += k;
            continue;
        }
        uint32_t to = cp;
        if (t == CSS_TT_UPPER || (t == CSS_TT_CAPITALIZE && ws && uc_is_word(cp)))
            to = uc_toupper(cp);
        else if (t == CSS_TT_LOWER)
            to = uc_tolower(cp);
        if (uc_is_word(cp))
            ws = 0;
        else if (!inside_word(cp))
            ws = 1; /* browsers start a word after a hyphen too: "op-ed" shows "Op-Ed" */
        if (to != cp) {
            char buf[4];
            if (utf8_encode(to, buf) == k)
                memcpy(text + i, buf, k);
        }
        i += k;
    }
    *word_start = ws;
}
