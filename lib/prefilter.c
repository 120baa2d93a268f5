/* Literal prefilter: required literals from rule patterns, and an Aho-Corasick
 * automaton over them (a dense DFA over the bytes that occur in literals). */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

#define MIN_LITERAL 2
#define MAX_LITERAL 64
/* The most alternatives of one group that are read: a list of month names in ten
 * languages runs to about a hundred. */
#define MAX_ALTERNATIVES 256
/* Literals enter the automaton cut to this many bytes: a string holding a literal holds
 * its prefix, so the filter stays exact, while long phrases ("your email address will
 * not be published") would otherwise add a state per byte for no selectivity. */
#define AUTOMATON_DEPTH 10
#define PF_NONE 0xFFFFu

/* ---- literals from a pattern ------------------------------------------------------ */

/* The end of the group whose '(' is at p (the position of its ')'), or NULL. */
static const char *group_end(const char *p, const char *end)
{
    int depth = 0;
    for (const char *q = p; q < end; q++) {
        if (*q == '\\' && q + 1 < end) {
            q++;
        } else if (*q == '[') {
            q++;
            if (q < end && *q == ']')
                q++;
            while (q < end && *q != ']')
                q++;
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')' && --depth == 0) {
            return q;
        }
    }
    return NULL;
}

/* A set of literals one of which every match must contain: a range of `lits`. */
typedef struct litset {
    size_t off, len;  /* byte range in the scratch buffer */
    size_t count;
    size_t min_len;   /* the shortest literal: the set's selectivity */
} litset;

static int alternatives(const char *p, const char *end, pbuf *out, litset *set, int depth);

/* The end of a character class starting at p ('['). */
static const char *class_end(const char *p, const char *end)
{
    const char *q = p + 1;
    if (q < end && *q == '^')
        q++;
    if (q < end && *q == ']')
        q++;
    while (q < end && *q != ']') {
        if (*q == '\\' && q + 1 < end)
            q++;
        q++;
    }
    return q < end ? q : NULL;
}

/* Whether the atom ending before q may occur zero times; advances *qp past the
 * quantifier. */
static int optional_after(const char **qp, const char *end)
{
    const char *q = *qp;
    if (q >= end)
        return 0;
    if (*q == '?' || *q == '*') {
        *qp = q + 1 + (q + 1 < end && (q[1] == '?' || q[1] == '+'));
        return 1;
    }
    if (*q == '+') {
        *qp = q + 1 + (q + 1 < end && (q[1] == '?' || q[1] == '+'));
        return 0;
    }
    if (*q == '{') {
        const char *c = memchr(q, '}', (size_t)(end - q));
        if (!c)
            return 0;
        int zero = q[1] == '0' || q[1] == ',';
        *qp = c + 1 + (c + 1 < end && (c[1] == '?' || c[1] == '+'));
        return zero;
    }
    return 0;
}

/* Keeps the better of two candidate sets (the one whose shortest literal is longer);
 * both live in `out`, the loser's bytes stay there unused. */
static void keep_best(litset *best, const litset *cand)
{
    if (cand->count && cand->min_len >= MIN_LITERAL &&
        (!best->count || cand->min_len > best->min_len))
        *best = *cand;
}

static void finish_run(pbuf *out, char *run, size_t *rn, litset *best)
{
    while (*rn && run[*rn - 1] == ' ')
        (*rn)--;
    size_t start = 0;
    while (start < *rn && run[start] == ' ')
        start++;
    if (*rn - start >= MIN_LITERAL) {
        litset c = {out->len, 0, 1, *rn - start};
        pbuf_append(out, run + start, *rn - start);
        pbuf_putc(out, '\0');
        c.len = out->len - c.off;
        keep_best(best, &c);
    }
    *rn = 0;
}

/* The best set of required literals of a sequence (one alternative) p[0..end):
 * maximal runs of literal characters that must occur, and required groups all of
 * whose alternatives give literals. */
static int sequence(const char *p, const char *end, pbuf *out, litset *best, int depth)
{
    char run[MAX_LITERAL];
    size_t rn = 0;
    memset(best, 0, sizeof *best);
    while (p < end) {
        char c = *p;
        if (c == '(') {
            finish_run(out, run, &rn, best);
            const char *ge = group_end(p, end);
            if (!ge)
                return 0;
            const char *inner = p + 1, *q = ge + 1;
            int lookaround = 0;
            if (inner < ge && *inner == '?') {
                if (ge - inner >= 2 && inner[1] == ':')
                    inner += 2;
                else
                    lookaround = 1; /* assertions, options, named groups: not used */
            }
            int opt = optional_after(&q, end);
            if (!lookaround && !opt) {
                litset g;
                if (alternatives(inner, ge, out, &g, depth + 1))
                    keep_best(best, &g);
            }
            p = q;
        } else if (c == '[') {
            finish_run(out, run, &rn, best);
            const char *ce = class_end(p, end);
            if (!ce)
                return 0;
            p = ce + 1;
            optional_after(&p, end);
        } else if (c == '.' || c == '^' || c == '$') {
            finish_run(out, run, &rn, best);
            p++;
            optional_after(&p, end);
        } else if (c == '\\' && p + 1 < end &&
                   ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
                    (p[1] >= '0' && p[1] <= '9'))) {
            /* \d \s \w \b \p{..} \x{..} and back references: not literal */
            finish_run(out, run, &rn, best);
            p += 2;
            if (p < end && *p == '{') {
                const char *cb = memchr(p, '}', (size_t)(end - p));
                p = cb ? cb + 1 : end;
            }
            optional_after(&p, end);
        } else if (c == '*' || c == '+' || c == '?' || c == '{' || c == ')' || c == ']' ||
                   c == '|') {
            return 0; /* not expected here: give up rather than guess */
        } else {
            const char *ch = c == '\\' ? p + 1 : p;
            uint32_t cp;
            size_t k = utf8_decode((const unsigned char *)ch, (size_t)(end - ch), &cp);
            const char *q = ch + k;
            int plus = q < end && *q == '+';
            if (optional_after(&q, end)) {
                finish_run(out, run, &rn, best);
            } else {
                if (rn + 4 >= MAX_LITERAL)
                    finish_run(out, run, &rn, best);
                rn += utf8_encode(uc_tolower(cp), run + rn);
                if (plus)
                    finish_run(out, run, &rn, best);
            }
            p = q;
        }
    }
    finish_run(out, run, &rn, best);
    return best->count > 0;
}

/* The literal set of p[0..end) split at its top-level '|': the union of its
 * alternatives' sets; 0 when one alternative has none. */
static int alternatives(const char *p, const char *end, pbuf *out, litset *set, int depth)
{
    memset(set, 0, sizeof *set);
    if (depth > 8)
        return 0;
    /* the alternatives' sets, then copied together so the union is one range */
    litset *parts = malloc(MAX_ALTERNATIVES * sizeof *parts);
    if (!parts)
        return 0;
    size_t np = 0;
    const char *start = p;
    for (const char *q = p;; q++) {
        if (q == end || *q == '|') {
            if (np == MAX_ALTERNATIVES || !sequence(start, q, out, &parts[np], depth)) {
                free(parts);
                return 0;
            }
            np++;
            if (q == end)
                break;
            start = q + 1;
        } else if (*q == '\\' && q + 1 < end) {
            q++;
        } else if (*q == '(') {
            const char *ge = group_end(q, end);
            if (!ge) {
                free(parts);
                return 0;
            }
            q = ge;
        } else if (*q == '[') {
            const char *ce = class_end(q, end);
            if (!ce) {
                free(parts);
                return 0;
            }
            q = ce;
        }
    }
    if (np == 1) {
        *set = parts[0];
        free(parts);
        return 1;
    }
    size_t off = out->len, count = 0, min = SIZE_MAX;
    for (size_t i = 0; i < np; i++) {
        /* copy: appending may move out->data, so copy through a bounded buffer */
        size_t o = parts[i].off;
        for (size_t k = 0; k < parts[i].count; k++) {
            char lit[MAX_LITERAL];
            size_t ln = strlen(out->data + o);
            memcpy(lit, out->data + o, ln);
            pbuf_append(out, lit, ln);
            pbuf_putc(out, '\0');
            o += ln + 1;
            if (ln < min)
                min = ln;
            count++;
        }
    }
    free(parts);
    if (out->oom)
        return 0;
    set->off = off;
    set->len = out->len - off;
    set->count = count;
    set->min_len = min;
    return 1;
}

/* Whether the pattern sets the extended option (x), under which its spaces are not
 * literal: such patterns are left unfiltered. */
static int extended(const char *p)
{
    for (; (p = strstr(p, "(?")) != NULL; p += 2)
        for (const char *q = p + 2; *q && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '-'); q++)
            if (*q == 'x')
                return 1;
    return 0;
}

size_t prefilter_literals(const char *pattern, char **lits, size_t *len, size_t *cap)
{
    if (extended(pattern))
        return 0;
    pbuf work;
    pbuf_init(&work);
    pbuf_putc(&work, '\0'); /* offset 0 is never a literal */
    litset set;
    size_t count = 0;
    if (alternatives(pattern, pattern + strlen(pattern), &work, &set, 0) && !work.oom &&
        set.min_len >= MIN_LITERAL) {
        pbuf out;
        out.data = *lits;
        out.len = *len;
        out.cap = *cap;
        out.oom = 0;
        out.mem = NULL;
        pbuf_append(&out, work.data + set.off, set.len);
        if (!out.oom)
            count = set.count;
        else
            out.len = *len;
        *lits = out.data;
        *len = out.len;
        *cap = out.cap;
    }
    pbuf_free(&work);
    return count;
}
/* ---- the automaton ------------------------------------------------------------------ */

struct prefilter {
    size_t n_rules;
    uint8_t *filtered;   /* per rule: 1 when it has literals */
    uint8_t cls[256];    /* byte -> class, 0 for bytes in no literal */
    uint32_t n_cls;      /* classes including 0 */
    uint32_t n_states;
    uint16_t *next;      /* n_states x n_cls transitions; NULL: nothing is filtered */
    uint32_t *out_start; /* per state, into out (n_states + 1) */
    uint32_t *out;       /* rule indices */
};

void prefilter_free(prefilter *pf)
{
    if (!pf)
        return;
    free(pf->filtered);
    free(pf->next);
    free(pf->out_start);
    free(pf->out);
    free(pf);
}

int prefilter_filters(const prefilter *pf, size_t rule)
{
    return pf && rule < pf->n_rules && pf->filtered[rule];
}

/* Growable list of (state, rule) output pairs during construction. */
typedef struct pairs {
    uint32_t *v;
    size_t n, cap;
} pairs;

static int pairs_add(pairs *p, uint32_t state, uint32_t rule)
{
    if (p->n + 2 > p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 256;
        uint32_t *v = realloc(p->v, ncap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = ncap;
    }
    p->v[p->n++] = state;
    p->v[p->n++] = rule;
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return (x[1] > y[1]) - (x[1] < y[1]);
}

prefilter *prefilter_build(const char *const *rule_lits, const size_t *rule_nlits, size_t n)
{
    prefilter *pf = calloc(1, sizeof *pf);
    if (!pf)
        return NULL;
    pf->n_rules = n;
    pf->filtered = calloc(n ? n : 1, 1);
    size_t total = 1;
    for (size_t r = 0; r < n; r++) {
        const char *l = rule_lits[r];
        for (size_t k = 0; k < rule_nlits[r]; k++) {
            size_t ln = strlen(l), depth = ln < AUTOMATON_DEPTH ? ln : AUTOMATON_DEPTH;
            for (size_t i = 0; i < depth; i++)
                if (!pf->cls[(unsigned char)l[i]])
                    pf->cls[(unsigned char)l[i]] = (uint8_t)++pf->n_cls;
            total += depth;
            l += ln + 1;
        }
        pf->filtered[r] = rule_nlits[r] > 0;
    }
    pf->n_cls++;
    pairs outs = {0};
    uint32_t *fail = NULL, *queue = NULL;
    if (!pf->filtered)
        goto fail;
    if (total == 1)
        return pf; /* no rule has literals (or there are no rules): nothing to filter */
    if (total >= PF_NONE) {
        /* more literal bytes than 16-bit states can hold (a very large user table):
         * run every rule rather than refuse the rules */
        memset(pf->filtered, 0, n ? n : 1);
        return pf;
    }
    pf->next = malloc(total * pf->n_cls * sizeof *pf->next);
    if (!pf->next)
        goto fail;
    /* the trie; PF_NONE marks a missing edge until the automaton is completed */
    memset(pf->next, 0xFF, total * pf->n_cls * sizeof *pf->next);
    pf->n_states = 1;
    for (size_t r = 0; r < n; r++) {
        const char *l = rule_lits[r];
        for (size_t k = 0; k < rule_nlits[r]; k++) {
            size_t ln = strlen(l), depth = ln < AUTOMATON_DEPTH ? ln : AUTOMATON_DEPTH;
            uint32_t s = 0;
            for (size_t i = 0; i < depth; i++) {
                uint16_t *e = &pf->next[s * pf->n_cls + pf->cls[(unsigned char)l[i]]];
                if (*e == PF_NONE)
                    *e = (uint16_t)pf->n_states++;
                s = *e;
            }
            if (pairs_add(&outs, s, (uint32_t)r))
                goto fail;
            l += ln + 1;
        }
    }
    /* breadth first: failure links, missing edges completed through them, and each
     * state inheriting the outputs of its failure state */
    fail = calloc(pf->n_states, sizeof *fail);
    queue = malloc(pf->n_states * sizeof *queue);
    if (!fail || !queue)
        goto fail;
    size_t head = 0, tail = 0;
    for (uint32_t c = 0; c < pf->n_cls; c++) {
        uint16_t *e = &pf->next[c];
        if (*e == PF_NONE || c == 0) {
            if (*e == PF_NONE)
                *e = 0;
        } else {
            fail[*e] = 0;
            queue[tail++] = *e;
        }
    }
    size_t own = outs.n;
    while (head < tail) {
        uint32_t s = queue[head++];
        for (uint32_t c = 0; c < pf->n_cls; c++) {
            uint16_t *e = &pf->next[s * pf->n_cls + c];
            uint16_t via = pf->next[fail[s] * pf->n_cls + c];
            if (*e == PF_NONE || c == 0) {
                *e = c == 0 ? 0 : via;
            } else {
                fail[*e] = via;
                queue[tail++] = *e;
            }
        }
    }
    /* outputs of failure chains: states are visited parents first, so one pass over
     * the BFS order with the already complete outputs of fail[s] suffices */
    if (own)
        qsort(outs.v, own / 2, 2 * sizeof *outs.v, cmp_pair);
    pf->out_start = calloc(pf->n_states + 1, sizeof *pf->out_start);
    if (!pf->out_start)
        goto fail;
    {
        /* per state, its own outputs are a run in the sorted pairs */
        uint32_t *own_start = calloc(pf->n_states + 1, sizeof *own_start);
        pairs all = {0};
        uint32_t *st_start = calloc(pf->n_states + 1, sizeof *st_start);
        uint32_t *st_len = calloc(pf->n_states, sizeof *st_len);
        if (!own_start || !st_start || !st_len) {
            free(own_start);
            free(st_start);
            free(st_len);
            goto fail;
        }
        for (size_t i = 0; i < own; i += 2)
            own_start[outs.v[i] + 1]++;
        for (uint32_t s = 0; s < pf->n_states; s++)
            own_start[s + 1] += own_start[s];
        /* all[] holds each state's full list, built in BFS order */
        int bad = 0;
        for (size_t qi = 0; qi < tail && !bad; qi++) {
            uint32_t s = queue[qi];
            st_start[s] = (uint32_t)(all.n / 2);
            for (uint32_t i = own_start[s]; i < own_start[s + 1]; i++)
                bad |= pairs_add(&all, s, outs.v[2 * i + 1]);
            uint32_t f = fail[s];
            for (uint32_t i = 0; i < st_len[f]; i++)
                bad |= pairs_add(&all, s, all.v[2 * (st_start[f] + i) + 1]);
            st_len[s] = (uint32_t)(all.n / 2) - st_start[s];
        }
        free(own_start);
        free(st_start);
        free(st_len);
        if (bad) {
            free(all.v);
            goto fail;
        }
        if (all.n)
            qsort(all.v, all.n / 2, 2 * sizeof *all.v, cmp_pair);
        pf->out = malloc((all.n / 2 + 1) * sizeof *pf->out);
        if (!pf->out) {
            free(all.v);
            goto fail;
        }
        for (size_t i = 0; i < all.n; i += 2) {
            pf->out[i / 2] = all.v[i + 1];
            pf->out_start[all.v[i] + 1]++;
        }
        for (uint32_t s = 0; s < pf->n_states; s++)
            pf->out_start[s + 1] += pf->out_start[s];
        free(all.v);
    }
    free(outs.v);
    free(fail);
    free(queue);
    return pf;
fail:
    free(outs.v);
    free(fail);
    free(queue);
    prefilter_free(pf);
    return NULL;
}

void prefilter_scan(const prefilter *pf, const char *s, size_t n, uint64_t *hits)
{
    if (!pf->next)
        return;
    const unsigned char *p = (const unsigned char *)s;
    uint32_t state = 0;
    const uint32_t ncls = pf->n_cls;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            /* ASCII: lower-case and step without the UTF-8 round trip */
            unsigned char c = p[i++];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            state = pf->next[state * ncls + pf->cls[c]];
            for (uint32_t o = pf->out_start[state]; o < pf->out_start[state + 1]; o++)
                hits[pf->out[o] >> 6] |= 1ull << (pf->out[o] & 63);
            continue;
        }
        char low[4];
        size_t k, m;
        {
            /* the literals were lower-cased the same way */
            uint32_t cp;
            k = utf8_decode(p + i, n - i, &cp);
            m = utf8_encode(uc_tolower(cp), low);
        }
        i += k;
        for (size_t j = 0; j < m; j++) {
            state = pf->next[state * pf->n_cls + pf->cls[(unsigned char)low[j]]];
            for (uint32_t o = pf->out_start[state]; o < pf->out_start[state + 1]; o++)
                hits[pf->out[o] >> 6] |= 1ull << (pf->out[o] & 63);
        }
    }
}
