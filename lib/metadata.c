/* Stage 6: metadata. Each field has an ordered list of sources, most trustworthy first,
 * as Readability and trafilatura order them: JSON-LD (schema.org) that the publisher
 * wrote for search engines, then OpenGraph and other <meta> tags, then the page itself
 * (<title>, <h1>, <time>), and for text dumps the lines the classifier labelled title
 * and meta. Every value is cleaned the same way: leftover entities decoded, tags
 * dropped, whitespace collapsed, length capped. */
#include <jansson.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "metadata.h"
#include "utf8.h"

#define CAP_TITLE 300
#define CAP_VALUE 1000
#define CAP_URL 2048
#define LD_MAX_SCRIPTS 32
#define LD_MAX_OBJECTS 64
#define LD_MAX_NODES 4096  /* JSON values visited looking for typed objects */
#define LD_MAX_DEPTH 8
#define MAX_NAMES 16       /* authors kept */
#define MAX_META_BLOCKS 64 /* meta-kind blocks searched for a byline or a date */
#define DATE_SCAN 400      /* bytes of a value searched for a date */

/* ---------------------------------------------------------------------------------
 * Cleaning values
 * ------------------------------------------------------------------------------ */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static const struct {
    const char *name;
    uint16_t cp;
} ENTITIES[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},          {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xA0},      {"ndash", 0x2013},    {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018},   {"rsquo", 0x2019},    {"sbquo", 0x201A},
    {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"bdquo", 0x201E},    {"laquo", 0xAB},
    {"raquo", 0xBB},    {"lsaquo", 0x2039},  {"rsaquo", 0x203A},   {"copy", 0xA9},
    {"reg", 0xAE},      {"trade", 0x2122},   {"middot", 0xB7},     {"bull", 0x2022},
    {"euro", 0x20AC},   {"pound", 0xA3},     {"yen", 0xA5},        {"cent", 0xA2},
    {"sect", 0xA7},     {"para", 0xB6},      {"deg", 0xB0},        {"shy", 0xAD},
    {"zwnj", 0x200C},   {"zwj", 0x200D},     {"zwsp", 0x200B},     {"thinsp", 0x2009},
    {"ensp", 0x2002},   {"emsp", 0x2003},    {"iexcl", 0xA1},      {"iquest", 0xBF},
    {"divide", 0xF7},   {"times", 0xD7},     {"plusmn", 0xB1},     {"frac12", 0xBD},
    {"oelig", 0x153},   {"OElig", 0x152},    {"scaron", 0x161},    {"Scaron", 0x160},
    {"dagger", 0x2020}, {"prime", 0x2032},   {"minus", 0x2212},    {"hyphen", 0x2010},
};

/* Latin-1 letters U+00C0..U+00FF by entity name (U+00D7 and U+00F7 are in ENTITIES). */
static const char *const LATIN1[64] = {
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

/* Decodes the character reference whose name starts at s (just after '&'): "amp;",
 * "#39;", "#x27;". Returns the bytes consumed including ';', 0 if it is not one. */
static size_t entity_after(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 0;
    if (n && s[0] == '#') {
        int hex = n > 1 && (s[1] | 0x20) == 'x';
        uint32_t v = 0;
        size_t d = i = hex ? 2 : 1;
        for (; i < n && i - d < 8; i++) {
            int c = s[i], x;
            if (is_digit(c))
                x = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                x = (c | 0x20) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)x;
        }
        if (i == d || i >= n || s[i] != ';')
            return 0;
        *cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? UC_REPLACEMENT : v;
        return i + 1;
    }
    while (i < n && i < 10 && is_alnum((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != ';')
        return 0;
    for (size_t k = 0; k < sizeof ENTITIES / sizeof ENTITIES[0]; k++)
        if (strlen(ENTITIES[k].name) == i && memcmp(ENTITIES[k].name, s, i) == 0) {
            *cp = ENTITIES[k].cp;
            return i + 1;
        }
    for (size_t k = 0; k < 64; k++)
        if (strlen(LATIN1[k]) == i && memcmp(LATIN1[k], s, i) == 0) {
            *cp = 0xC0 + (uint32_t)k;
            return i + 1;
        }
    return 0;
}

/* Length of an HTML tag at s ("<b>", "</p>", "<br/>"), 0 if s does not start one. */
static size_t tag_at(const char *s, size_t n)
{
    if (n < 3 || s[0] != '<' || !(is_alpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!'))
        return 0;
    for (size_t i = 1; i < n && i < 300; i++) {
        if (s[i] == '<')
            return 0;
        if (s[i] == '>')
            return i + 1;
    }
    return 0;
}

/* Copies s with tags dropped (a space in their place) and character references
 * decoded, in one pass so that an escaped "&lt;div&gt;" stays as text. Pages
 * double-escape meta content ("&amp;quot;"), so a reference that decodes to '&' is
 * tried once more with what follows it. */
static void decode_value(pbuf *out, const char *s, size_t n)
{
    size_t span = 0;
    for (size_t i = 0; i < n; i++) {
        size_t t = s[i] == '<' ? tag_at(s + i, n - i) : 0;
        if (t) {
            pbuf_append(out, s + span, i - span);
            pbuf_putc(out, ' ');
            i += t - 1;
            span = i + 1;
            continue;
        }
        if (s[i] != '&')
            continue;
        uint32_t cp;
        size_t k = entity_after(s + i + 1, n - i - 1, &cp);
        if (!k)
            continue;
        if (cp == '&') {
            uint32_t cp2;
            size_t k2 = entity_after(s + i + 1 + k, n - i - 1 - k, &cp2);
            if (k2) {
                cp = cp2;
                k += k2;
            }
        }
        char enc[4];
        pbuf_append(out, s + span, i - span);
        pbuf_append(out, enc, utf8_encode(cp, enc));
        i += k;
        span = i + 1;
    }
    pbuf_append(out, s + span, n - span);
}

/* Appends s with white space collapsed and trimmed, invisible characters removed and
 * invalid UTF-8 replaced; at most `cap` bytes, cut at a character. */
static void collapse(pbuf *out, const char *s, size_t n, size_t cap)
{
    size_t base = out->len;
    int space = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (uc_is_space(cp) || cp < 0x20 || cp == 0x7F) {
            space = 1;
        } else if (cp != 0xAD && cp != 0x200B && cp != 0xFEFF && cp != 0x2060) {
            char enc[4];
            size_t m = utf8_encode(cp, enc);
            if (out->len - base + m + (space && out->len > base) > cap)
                break;
            if (space && out->len > base)
                pbuf_putc(out, ' ');
            space = 0;
            pbuf_append(out, enc, m);
        }
        i += k;
    }
}

typedef struct meta_ctx {
    const pith_doc *doc;
    const char *url_hint;
    int oom;
    int mdy; /* ambiguous numeric dates read month first (US English) */
} meta_ctx;

/* A cleaned, malloc'd copy of s[0..n), or NULL when nothing is left. */
static char *clean_n(meta_ctx *c, const char *s, size_t n, size_t cap)
{
    if (!s || !n)
        return NULL;
    pbuf dec, out;
    pbuf_init(&dec);
    pbuf_init(&out);
    decode_value(&dec, s, n);
    collapse(&out, dec.data ? dec.data : "", dec.len, cap);
    if (dec.oom || out.oom)
        c->oom = 1;
    pbuf_free(&dec);
    if (!out.len) {
        pbuf_free(&out);
        return NULL;
    }
    return pbuf_detach(&out, NULL);
}

static char *clean(meta_ctx *c, const char *s, size_t cap)
{
    return s ? clean_n(c, s, strlen(s), cap) : NULL;
}

static char *dup_str(meta_ctx *c, const char *s)
{
    char *p = strdup(s);
    if (!p)
        c->oom = 1;
    return p;
}

/* Case-insensitive (ASCII) comparison that ignores everything but letters and digits,
 * so "BBC News" matches "bbc-news" and "The Site." matches "the site". */
static int loose_eq(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !is_alnum((unsigned char)a[i]) && (unsigned char)a[i] < 0x80)
            i++;
        while (j < bn && !is_alnum((unsigned char)b[j]) && (unsigned char)b[j] < 0x80)
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[j]))
            return 0;
        i++, j++;
    }
}

/* Appends s lower-cased with everything but letters and digits dropped. */
static void loose_norm(pbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_alnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            pbuf_putc(out, (char)lower((unsigned char)s[i]));
}

/* Whether needle (loosely compared) occurs in hay; with `at_start`, only at its start.
 * Linear in practice: both are short metadata strings. */
static int loose_find(const char *hay, size_t hn, const char *needle, size_t nn, int at_start)
{
    pbuf h, n;
    pbuf_init(&h);
    pbuf_init(&n);
    loose_norm(&h, hay, hn);
    loose_norm(&n, needle, nn);
    const char *hit = n.len && h.len ? strstr(pbuf_cstr(&h), pbuf_cstr(&n)) : NULL;
    int found = hit && (!at_start || hit == h.data);
    pbuf_free(&h);
    pbuf_free(&n);
    return found;
}

static int loose_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
    return loose_find(hay, hn, needle, nn, 0);
}

static int is_url_like(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
           strncmp(s, "www.", 4) == 0 || strstr(s, "://") != NULL;
}

/* ---------------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------------ */

/* Month names and abbreviations, lower case, of the languages pith reads most: English,
 * German, French, Spanish, Italian, Portuguese, Dutch, Romanian, Scandinavian, Polish,
 * Czech, Finnish, Russian (genitive forms where dates use them). */
static const struct {
    const char *name;
    int month;
} MONTHS[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
    {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    /* de */
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3},
    {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3},
    {"mrz", 3}, {"okt", 10}, {"dez", 12},
    /* fr */
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"janv", 1}, {"févr", 2},
    {"fév", 2}, {"avr", 4}, {"juil", 7}, {"déc", 12},
    /* es, pt, it */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    {"fev", 2}, {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
    {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    {"gen", 1}, {"mag", 5}, {"giu", 6}, {"lug", 7}, {"ott", 10},
    /* nl, sv, da, no */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    {"mrt", 3}, {"marts", 3}, {"maj", 5}, {"augusti", 8},
    /* ro */
    {"ianuarie", 1}, {"februarie", 2}, {"martie", 3}, {"aprilie", 4}, {"iunie", 6},
    {"iulie", 7}, {"septembrie", 9}, {"octombrie", 10}, {"noiembrie", 11},
    {"decembrie", 12}, {"ian", 1}, {"iun", 6}, {"iul", 7},
    /* pl */
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9}, {"października", 10},
    {"listopada", 11}, {"grudnia", 12},
    /* cs */
    {"ledna", 1}, {"února", 2}, {"března", 3}, {"dubna", 4}, {"května", 5}, {"června", 6},
    {"července", 7}, {"srpna", 8}, {"září", 9}, {"října", 10}, {"listopadu", 11},
    {"prosince", 12},
    /* fi */
    {"tammikuuta", 1}, {"helmikuuta", 2}, {"maaliskuuta", 3}, {"huhtikuuta", 4},
    {"toukokuuta", 5}, {"kesäkuuta", 6}, {"heinäkuuta", 7}, {"elokuuta", 8},
    {"syyskuuta", 9}, {"lokakuuta", 10}, {"marraskuuta", 11}, {"joulukuuta", 12},
    /* ru */
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6},
    {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11},
    {"декабря", 12},
};

static int month_of(const char *w, size_t n)
{
    char low[48];
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode((const unsigned char *)w + i, n - i, &cp);
        char enc[4];
        size_t k = utf8_encode(uc_tolower(cp), enc);
        if (m + k >= sizeof low)
            return 0;
        memcpy(low + m, enc, k);
        m += k;
    }
    for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++)
        if (strlen(MONTHS[k].name) == m && memcmp(MONTHS[k].name, low, m) == 0)
            return MONTHS[k].month;
    return 0;
}

static int valid_ymd(int y, int m, int d)
{
    static const int DAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1])
        return 0;
    return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* Reads exactly `w` digits at s[*i]. */
static int digits(const char *s, size_t n, size_t *i, int w, int *v)
{
    int x = 0;
    for (int k = 0; k < w; k++) {
        if (*i + (size_t)k >= n || !is_digit((unsigned char)s[*i + k]))
            return 0;
        x = x * 10 + (s[*i + k] - '0');
    }
    *i += (size_t)w;
    *v = x;
    return 1;
}

/* An ISO 8601 date at the start of s: "YYYY-MM-DD", optionally with a time
 * ("THH:MM[:SS[.fff]]" then "Z" or an offset) that is kept, normalised. */
static int parse_iso(const char *s, size_t n, char out[40])
{
    size_t i = 0;
    int y, mo, d, h, mi, se = -1;
    if (!digits(s, n, &i, 4, &y) || i >= n || s[i++] != '-' || !digits(s, n, &i, 2, &mo) ||
        i >= n || s[i++] != '-' || !digits(s, n, &i, 2, &d) || !valid_ymd(y, mo, d))
        return 0;
    if (i < n && is_digit((unsigned char)s[i]))
        return 0;
    snprintf(out, 40, "%04d-%02d-%02d", y, mo, d);
    if (i + 1 >= n || (s[i] != 'T' && s[i] != ' ') || !is_digit((unsigned char)s[i + 1]))
        return 1;
    size_t t = i + 1;
    if (!digits(s, n, &t, 2, &h) || t >= n || s[t++] != ':' || !digits(s, n, &t, 2, &mi) ||
        h > 23 || mi > 59)
        return 1;
    if (t < n && s[t] == ':') {
        t++;
        if (!digits(s, n, &t, 2, &se) || se > 60)
            return 1;
        if (t < n && (s[t] == '.' || s[t] == ','))
            for (t++; t < n && is_digit((unsigned char)s[t]); t++)
                ;
    }
    char tz[32] = "";
    if (t < n && (s[t] == 'Z' || s[t] == 'z')) {
        strcpy(tz, "Z");
    } else if (t < n && (s[t] == '+' || s[t] == '-')) {
        size_t z = t + 1;
        int zh, zm = 0;
        if (digits(s, n, &z, 2, &zh) && zh <= 23) {
            if (z < n && s[z] == ':')
                z++;
            if (!digits(s, n, &z, 2, &zm))
                zm = 0;
            snprintf(tz, sizeof tz, "%c%02d:%02d", s[t], zh, zm % 60);
        }
    }
    if (se >= 0)
        snprintf(out + 10, 30, "T%02d:%02d:%02d%s", h, mi, se, tz);
    else
        snprintf(out + 10, 30, "T%02d:%02d%s", h, mi, tz);
    return 1;
}

enum { TK_NUM, TK_WORD };
typedef struct token {
    uint8_t type;
    uint8_t ndig;   /* TK_NUM: digits */
    char sep;       /* the punctuation between this token and the next ('\0' if none) */
    uint8_t spaced; /* white space before the next token */
    int value;      /* TK_NUM */
    const char *s;
    size_t n;
} token;

/* Cuts s into number and word tokens (at most `max`). */
static size_t tokenize(const char *s, size_t n, token *tk, size_t max)
{
    size_t nt = 0, i = 0;
    while (i < n && nt < max) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        int digit = is_digit((int)cp), word = !digit && uc_is_word(cp) && cp != '_';
        if (!digit && !word) {
            if (nt) {
                if (uc_is_space(cp))
                    tk[nt - 1].spaced = 1;
                else if (!tk[nt - 1].sep)
                    tk[nt - 1].sep = cp < 0x80 ? (char)cp : '?';
                else
                    tk[nt - 1].sep = '?'; /* two marks: "--", ".," ... */
            }
            i += k;
            continue;
        }
        token *t = &tk[nt++];
        memset(t, 0, sizeof *t);
        t->type = digit ? TK_NUM : TK_WORD;
        t->s = s + i;
        while (i < n) {
            k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (digit ? !is_digit((int)cp) : !(uc_is_word(cp) && !is_digit((int)cp) && cp != '_'))
                break;
            if (digit && t->ndig < 9)
                t->value = t->value * 10 + (int)(cp - '0');
            t->ndig += digit && t->ndig < 255;
            i += k;
        }
        t->n = (size_t)(s + i - t->s);
    }
    return nt;
}

static int tk_is(const token *t, const char *w)
{
    return t->type == TK_WORD && t->n == strlen(w) && strncmp(t->s, w, t->n) == 0;
}

/* Separator allowed between the parts of a written date: space, ',', '.', '-'. */
static int soft_sep(const token *t) { return !t->sep || strchr(",.-", t->sep); }

/* Skips an ordinal suffix ("31st", "1er") and filler words ("31 de diciembre",
 * "the 31st of December"). */
static size_t skip_fill(const token *tk, size_t nt, size_t j)
{
    if (j < nt && j > 0 && !tk[j - 1].spaced && !tk[j - 1].sep &&
        (tk_is(&tk[j], "st") || tk_is(&tk[j], "nd") || tk_is(&tk[j], "rd") ||
         tk_is(&tk[j], "th") || tk_is(&tk[j], "er")))
        j++;
    while (j < nt && (tk_is(&tk[j], "de") || tk_is(&tk[j], "of") || tk_is(&tk[j], "del")))
        j++;
    return j;
}

static int is_year(const token *t) { return t->type == TK_NUM && t->ndig == 4; }
static int is_day(const token *t)
{
    return t->type == TK_NUM && t->ndig <= 2 && t->value >= 1 && t->value <= 31;
}

/* A date starting at token i: numeric (2021-12-31, 31.12.2021, 12/31/2021) or written
 * (31 December 2021, December 31st, 2021, 31. Dezember 2021, 31 de diciembre de 2021). */
static int date_at(const token *tk, size_t nt, size_t i, int mdy, int *y, int *m, int *d)
{
    const token *a = &tk[i];
    if (i + 2 < nt && a->type == TK_NUM && tk[i + 1].type == TK_NUM &&
        tk[i + 2].type == TK_NUM && a->sep && strchr("-/.", a->sep) && !a->spaced &&
        tk[i + 1].sep == a->sep && !tk[i + 1].spaced && tk[i + 1].ndig <= 2) {
        const token *b = &tk[i + 1], *c3 = &tk[i + 2];
        if (is_year(a) && c3->ndig <= 2) {
            *y = a->value, *m = b->value, *d = c3->value;
            return valid_ymd(*y, *m, *d);
        }
        if (a->ndig <= 2 && is_year(c3)) {
            int month_first = a->value <= 12 && (b->value > 12 || (a->sep != '.' && mdy));
            *y = c3->value;
            *m = month_first ? a->value : b->value;
            *d = month_first ? b->value : a->value;
            return valid_ymd(*y, *m, *d);
        }
        return 0;
    }
    if (is_day(a) && soft_sep(a)) { /* D [.] [de] Month [de] [,] YYYY */
        size_t j = skip_fill(tk, nt, i + 1);
        int mo = j < nt && tk[j].type == TK_WORD && soft_sep(&tk[j]) ? month_of(tk[j].s, tk[j].n) : 0;
        size_t k = mo ? skip_fill(tk, nt, j + 1) : nt;
        if (k < nt && is_year(&tk[k])) {
            *y = tk[k].value, *m = mo, *d = a->value;
            return valid_ymd(*y, *m, *d);
        }
    }
    if (a->type == TK_WORD && soft_sep(a)) { /* Month [.] D[st] [,] YYYY */
        int mo = month_of(a->s, a->n);
        size_t j = i + 1;
        if (mo && j < nt && is_day(&tk[j])) {
            size_t k = skip_fill(tk, nt, j + 1);
            if (soft_sep(&tk[k - 1]) && k < nt && is_year(&tk[k])) {
                *y = tk[k].value, *m = mo, *d = tk[j].value;
                return valid_ymd(*y, *m, *d);
            }
        }
    }
    if (is_year(a) && a->sep == '.' && i + 2 < nt) { /* 2021. december 31. */
        int mo = month_of(tk[i + 1].s, tk[i + 1].n);
        if (mo && is_day(&tk[i + 2])) {
            *y = a->value, *m = mo, *d = tk[i + 2].value;
            return valid_ymd(*y, *m, *d);
        }
    }
    return 0;
}

/* Finds a date in s and writes it as ISO 8601 to out. An ISO timestamp at the start
 * keeps its time; dates written any other way keep the day only. */
static int find_date(const char *s, size_t n, int mdy, char out[40])
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    if (n > DATE_SCAN)
        n = DATE_SCAN;
    if (parse_iso(s, n, out))
        return 1;
    if (n == 8) { /* 20211231 */
        size_t i = 0;
        int y, m, d;
        if (digits(s, n, &i, 4, &y) && digits(s, n, &i, 2, &m) && digits(s, n, &i, 2, &d) &&
            valid_ymd(y, m, d)) {
            snprintf(out, 40, "%04d-%02d-%02d", y, m, d);
            return 1;
        }
    }
    token tk[96];
    size_t nt = tokenize(s, n, tk, sizeof tk / sizeof tk[0]);
    for (size_t i = 0; i < nt; i++) {
        int y, m, d;
        if (date_at(tk, nt, i, mdy, &y, &m, &d)) {
            snprintf(out, 40, "%04d-%02d-%02d", y, m, d);
            return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------------------
 * Language tags and URLs
 * ------------------------------------------------------------------------------ */

/* Normalises a language tag ("en_us" -> "en-US", "de-ch" -> "de-CH"); 0 if s does not
 * look like one. Only the first of a list ("en, fr") is kept. */
static int norm_lang(const char *s, char out[36])
{
    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, ",; \t\n\r");
    if (n == 0 || n >= 36)
        return 0;
    size_t sub = 0, sublen = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = i < n ? s[i] : '-';
        if (ch == '-' || ch == '_') {
            if (sublen == 0 || sublen > 8 || (sub == 0 && (sublen < 2 || sublen > 3)))
                return 0;
            for (size_t k = i - sublen; k < i; k++) {
                char x = (char)lower((unsigned char)s[k]);
                if (sub > 0 && sublen == 2 && is_alpha((unsigned char)x))
                    x = (char)(x - 32); /* region: "US" */
                else if (sub > 0 && sublen == 4 && k == i - 4 && is_alpha((unsigned char)x))
                    x = (char)(x - 32); /* script: "Hant" */
                out[k] = x;
            }
            if (sub == 0)
                for (size_t k = 0; k < sublen; k++)
                    if (!is_alpha((unsigned char)s[k]))
                        return 0;
            out[i] = '-';
            sub++;
            sublen = 0;
        } else if (is_alnum((unsigned char)ch)) {
            sublen++;
        } else {
            return 0;
        }
    }
    out[n] = '\0';
    return strcmp(out, "und") != 0 && strcmp(out, "zxx") != 0;
}

static int starts_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (lower((unsigned char)*s) != (unsigned char)*prefix)
            return 0;
    return 1;
}

static int is_http(const char *s) { return starts_ci(s, "http://") || starts_ci(s, "https://"); }

static int has_scheme(const char *s)
{
    if (!is_alpha((unsigned char)*s))
        return 0;
    for (s++; *s && *s != '/' && *s != '?' && *s != '#'; s++)
        if (*s == ':')
            return 1;
    return 0;
}

static int url_chars_ok(const char *s, size_t n)
{
    if (n == 0 || n > CAP_URL)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
            return 0;
    return utf8_valid(s, n); /* the url hint comes from the caller, unchecked */
}

/* An absolute http(s) URL for href, resolved against base when relative; malloc'd, or
 * NULL for other schemes (javascript:, mailto:) and for what cannot be resolved. */
static char *absolute_url(meta_ctx *c, const char *href, const char *base)
{
    if (!href)
        return NULL;
    while (*href == ' ' || (*href >= '\t' && *href <= '\r'))
        href++;
    size_t n = strlen(href);
    while (n && (href[n - 1] == ' ' || (href[n - 1] >= '\t' && href[n - 1] <= '\r')))
        n--;
    if (!url_chars_ok(href, n))
        return NULL;
    char *h = strndup(href, n);
    if (!h) {
        c->oom = 1;
        return NULL;
    }
    if (is_http(h))
        return h;
    char *res = NULL;
    if (base && is_http(base) && !has_scheme(h)) {
        xmlChar *u = xmlBuildURI((const xmlChar *)h, (const xmlChar *)base);
        if (u && is_http((const char *)u) && url_chars_ok((const char *)u, strlen((const char *)u)))
            res = dup_str(c, (const char *)u);
        xmlFree(u);
    }
    free(h);
    return res;
}

/* The host of an http(s) URL without "www.", as a last-resort site name. */
static char *url_host(meta_ctx *c, const char *url)
{
    if (!url || !is_http(url))
        return NULL;
    const char *h = strstr(url, "://") + 3;
    size_t n = strcspn(h, "/?#");
    const char *at = memchr(h, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    const char *colon = memchr(h, ':', n);
    if (colon)
        n = (size_t)(colon - h);
    if (n > 4 && starts_ci(h, "www."))
        h += 4, n -= 4;
    if (!n)
        return NULL;
    char *s = strndup(h, n);
    if (!s) {
        c->oom = 1;
        return NULL;
    }
    for (char *p = s; *p; p++)
        *p = (char)lower((unsigned char)*p);
    return s;
}

/* ---------------------------------------------------------------------------------
 * Titles
 * ------------------------------------------------------------------------------ */

typedef struct span {
    size_t a, b;
} span;

#define MAX_PARTS 16

static size_t title_sep_at(const char *s, size_t n)
{
    static const char *const SEPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xBB ", " \xC2\xB7 "};
    for (size_t k = 0; k < sizeof SEPS / sizeof SEPS[0]; k++) {
        size_t m = strlen(SEPS[k]);
        if (m <= n && memcmp(s, SEPS[k], m) == 0)
            return m;
    }
    return 0;
}

/* Splits a title at the separators sites put between headline and site name. */
static size_t split_title(const char *t, size_t n, span *parts)
{
    size_t np = 0, start = 0;
    for (size_t i = 0; i < n;) {
        size_t m = t[i] == ' ' ? title_sep_at(t + i, n - i) : 0;
        if (m && np + 1 < MAX_PARTS) {
            parts[np++] = (span){start, i};
            i += m;
            start = i;
        } else {
            i++;
        }
    }
    parts[np++] = (span){start, n};
    return np;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* Whether a part of a title names the site: "CNN" for site "CNN", "BBC News" for
 * "BBC", "Example" for "example.com"; but not "Apple unveils iPhone" for "Apple". */
static int names_site(const char *t, span p, const char *site)
{
    if (!site)
        return 0;
    size_t n = p.b - p.a, sn = strlen(site);
    if (loose_eq(t + p.a, n, site, sn) || loose_contains(site, sn, t + p.a, n))
        return 1;
    return count_words(t + p.a, n) <= count_words(site, sn) + 1 &&
           loose_find(t + p.a, n, site, sn, 1);
}

/* Drops site-name parts at either end of a cleaned title; NULL if there are none. */
static char *strip_site(meta_ctx *c, const char *t, const span *parts, size_t np,
                        const char *site)
{
    size_t a = 0, b = np;
    while (b - a > 1 && names_site(t, parts[b - 1], site))
        b--;
    while (b - a > 1 && names_site(t, parts[a], site))
        a++;
    if (a == 0 && b == np)
        return NULL;
    return clean_n(c, t + parts[a].a, parts[b - 1].b - parts[a].a, CAP_TITLE);
}

/* The part, or run of parts from either end, of a split title that equals the <h1>;
 * {0, 0} if none does. */
static span match_h1(const char *t, size_t n, const span *parts, size_t np, const char *h1)
{
    size_t hn = h1 ? strlen(h1) : 0;
    for (size_t k = 1; h1 && k < np; k++) {
        if (loose_eq(t, parts[k - 1].b, h1, hn))
            return (span){0, parts[k - 1].b};
        if (loose_eq(t + parts[k].a, n - parts[k].a, h1, hn))
            return (span){parts[k].a, n};
    }
    for (size_t k = 0; h1 && k < np; k++)
        if (loose_eq(t + parts[k].a, parts[k].b - parts[k].a, h1, hn))
            return parts[k];
    return (span){0, 0};
}

/* A headline from og:title or JSON-LD: kept whole, but for a section or site name
 * around it ("Opinion | Headline", "Headline | CNN") that the <h1> or the site name
 * shows to be one. */
static char *title_from_meta(meta_ctx *c, const char *raw, const char *h1, const char *site)
{
    char *t = clean(c, raw, CAP_TITLE);
    if (!t || (!site && !h1))
        return t;
    size_t n = strlen(t);
    span parts[MAX_PARTS];
    size_t np = split_title(t, n, parts);
    if (np == 1 || (h1 && loose_eq(t, n, h1, strlen(h1))))
        return t;
    span m = match_h1(t, n, parts, np, h1);
    char *s = m.b ? clean_n(c, t + m.a, m.b - m.a, CAP_TITLE) : strip_site(c, t, parts, np, site);
    if (!s)
        return t;
    free(t);
    return s;
}

/* The headline in a <title>: the part (or run of parts) that matches the first <h1>,
 * else what is left after dropping the site name, else the longest part. */
static char *title_from_tag(meta_ctx *c, const char *raw, const char *h1, const char *site)
{
    char *t = clean(c, raw, CAP_TITLE);
    if (!t)
        return NULL;
    size_t n = strlen(t), hn = h1 ? strlen(h1) : 0;
    span parts[MAX_PARTS];
    size_t np = split_title(t, n, parts);
    if (np == 1 || (h1 && loose_eq(t, n, h1, hn)))
        return t;
    span best = match_h1(t, n, parts, np, h1);
    char *r = best.b ? NULL : strip_site(c, t, parts, np, site);
    if (!r && !best.b) /* the longest part near the <h1>, else the longest part */
        for (size_t k = 0; h1 && k < np; k++) {
            span p = parts[k];
            if (count_words(t + p.a, p.b - p.a) >= 2 && p.b - p.a > best.b - best.a &&
                (loose_contains(t + p.a, p.b - p.a, h1, hn) ||
                 loose_contains(h1, hn, t + p.a, p.b - p.a)))
                best = p;
        }
    if (!r && !best.b)
        for (size_t k = 0; k < np; k++)
            if (parts[k].b - parts[k].a > best.b - best.a)
                best = parts[k];
    if (!r)
        r = clean_n(c, t + best.a, best.b - best.a, CAP_TITLE);
    if (!r)
        return t;
    free(t);
    return r;
}

/* ---------------------------------------------------------------------------------
 * JSON-LD
 * ------------------------------------------------------------------------------ */

typedef struct ld_info {
    json_t *roots[LD_MAX_SCRIPTS];
    size_t n_roots;
    json_t *objs[LD_MAX_OBJECTS]; /* typed objects, best rank first */
    int rank[LD_MAX_OBJECTS];
    size_t n_objs;
    const char *website; /* name of a WebSite object, a site-name fallback */
    size_t visited;
} ld_info;

enum { RANK_ARTICLE = 10, RANK_PAGE = 2, RANK_SITE = -1 };

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

static void ld_visit(ld_info *ld, json_t *v, int depth)
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

static int is_ws_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

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
    while (*n && is_ws_byte((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && is_ws_byte((unsigned char)(*s)[*n - 1]))
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
            while (j < n && is_ws_byte((unsigned char)s[j]))
                j++;
            if (j < n && (s[j] == '}' || s[j] == ']'))
                continue;
        }
        in_str = c == '"';
        pbuf_putc(out, c < 0x20 ? ' ' : (char)c);
    }
}

static void ld_load(meta_ctx *c, ld_info *ld)
{
    memset(ld, 0, sizeof *ld);
    const pith_doc *doc = c->doc;
    const char *data = doc->jsonld.data;
    size_t len = doc->jsonld.len;
    for (size_t i = 0; data && i < len && ld->n_roots < LD_MAX_SCRIPTS;) {
        size_t n = strnlen(data + i, len - i);
        json_error_t e;
        json_t *j = json_loadb(data + i, n, JSON_DECODE_ANY, &e);
        if (!j) {
            pbuf r;
            pbuf_init(&r);
            ld_repair(data + i, n, &r);
            if (r.oom)
                c->oom = 1;
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
}

static void ld_free(ld_info *ld)
{
    for (size_t k = 0; k < ld->n_roots; k++)
        json_decref(ld->roots[k]);
    ld->n_roots = ld->n_objs = 0;
}

/* A string, or the first string of an array. */
static const char *ld_string(json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && *s ? s : NULL;
}

/* The name of a thing given as a string, an object with "name", or an array of those. */
static const char *ld_name(json_t *v)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        v = json_object_get(v, "name");
    return ld_string(v);
}

/* The first value of `key` in the typed objects, best rank first. */
static const char *ld_first(const ld_info *ld, const char *key)
{
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = ld_string(json_object_get(ld->objs[k], key));
        if (s)
            return s;
    }
    return NULL;
}

static const char *ld_title(const ld_info *ld)
{
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = ld_string(json_object_get(ld->objs[k], "headline"));
        if (!s)
            s = ld_string(json_object_get(ld->objs[k], "name"));
        if (s)
            return s;
    }
    return NULL;
}

static const char *ld_publisher(const ld_info *ld)
{
    for (size_t k = 0; k < ld->n_objs; k++) {
        const char *s = ld_name(json_object_get(ld->objs[k], "publisher"));
        if (s)
            return s;
    }
    return NULL;
}

static const char *ld_url(const ld_info *ld)
{
    for (size_t k = 0; k < ld->n_objs; k++) {
        json_t *o = ld->objs[k];
        const char *s = ld_string(json_object_get(o, "url"));
        json_t *m = json_object_get(o, "mainEntityOfPage");
        if (!s && json_is_object(m))
            s = ld_string(json_object_get(m, "@id"));
        if (!s && json_is_object(m))
            s = ld_string(json_object_get(m, "url"));
        if (!s)
            s = ld_string(m);
        if (s)
            return s;
    }
    return NULL;
}

/* ---------------------------------------------------------------------------------
 * Authors
 * ------------------------------------------------------------------------------ */

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
        if (starts_ci(s, PREFIXES[k]))
            return strlen(PREFIXES[k]);
    return 0;
}

static void names_add_one(meta_ctx *c, names *nm, const char *raw, size_t n, const char *site)
{
    if (nm->n >= MAX_NAMES)
        return;
    char *s = clean_n(c, raw, n, 200);
    if (!s)
        return;
    size_t p = byline_prefix(s);
    if (p)
        memmove(s, s + p, strlen(s + p) + 1);
    int skip = !*s || is_url_like(s) || s[0] == '@' ||
               (site && loose_eq(s, strlen(s), site, strlen(site)));
    for (size_t k = 0; k < nm->n && !skip; k++)
        skip = loose_eq(s, strlen(s), nm->v[k], strlen(nm->v[k]));
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
        const char *given = ld_string(json_object_get(a, "givenName"));
        const char *family = ld_string(json_object_get(a, "familyName"));
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
    while (n && is_ws_byte((unsigned char)*s))
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
        if (is_digit((unsigned char)head[i])) {
            end = i;
            break;
        }
        for (size_t k = 0; k < sizeof STOPS / sizeof STOPS[0]; k++)
            if (starts_ci(head + i, STOPS[k])) {
                end = i;
                break;
            }
    }
    while (end > p && strchr(" ,.;:", head[end - 1]))
        end--;
    size_t words = count_words(head + p, end - p);
    uint32_t first;
    utf8_decode((const unsigned char *)head + p, end - p, &first);
    if (end > p && words >= 1 && words <= 8 && end - p <= 100 && !uc_is_lower(first) &&
        !is_digit((int)first))
        names_add(c, nm, head + p, end - p, site);
}

static int key_eq(const pith_doc *doc, const pith_metatag *m, const char *key)
{
    return strcmp(doc_str(doc, m->key), key) == 0;
}

static char *pick_author(meta_ctx *c, const ld_info *ld, const char *site)
{
    static const char *const KEYS[] = {
        "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
        "sailthru.author", "citation_author", "byl",
    };
    const pith_doc *doc = c->doc;
    names nm = {{NULL}, 0};
    for (size_t k = 0; k < ld->n_objs && !nm.n; k++)
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

/* ---------------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------------ */

/* The first candidate that survives cleaning. */
static char *first_clean(meta_ctx *c, const char *const *cands, size_t n, size_t cap)
{
    for (size_t k = 0; k < n; k++) {
        char *s = clean(c, cands[k], cap);
        if (s)
            return s;
    }
    return NULL;
}

static const char *raw_str(const pith_doc *doc, uint32_t off)
{
    return off ? doc_str(doc, off) : NULL;
}

static char *pick_url(meta_ctx *c, const ld_info *ld)
{
    const char *cands[] = {
        raw_str(c->doc, c->doc->raw.canonical), doc_metatag(c->doc, "og:url"), ld_url(ld),
        c->url_hint,
    };
    for (size_t k = 0; k < sizeof cands / sizeof cands[0]; k++) {
        char *u = absolute_url(c, cands[k], c->url_hint);
        if (u)
            return u;
    }
    return NULL;
}

static char *pick_sitename(meta_ctx *c, const ld_info *ld, const char *url)
{
    const char *cands[] = {
        ld_publisher(ld), doc_metatag(c->doc, "og:site_name"),
        doc_metatag(c->doc, "application-name"), ld->website,
    };
    char *s = first_clean(c, cands, sizeof cands / sizeof cands[0], 300);
    return s ? s : url_host(c, url);
}

static char *pick_lang(meta_ctx *c, const ld_info *ld)
{
    const pith_doc *doc = c->doc;
    const char *cands[] = {
        raw_str(doc, doc->raw.html_lang), doc_metatag(doc, "og:locale"),
        doc_metatag(doc, "content-language"), doc_metatag(doc, "dc.language"),
        doc_metatag(doc, "language"), ld_first(ld, "inLanguage"),
        doc->lang >= 0 && doc->ex ? stopwords_lang_code(doc->ex->stop, doc->lang) : NULL,
    };
    char tag[36];
    for (size_t k = 0; k < sizeof cands / sizeof cands[0]; k++)
        if (norm_lang(cands[k], tag))
            return dup_str(c, tag);
    return NULL;
}

/* Tries one date candidate: 1 and the ISO form in out when it parses. An unparseable
 * value is kept as the fallback when `fallback` is given and holds none yet; only
 * fields that name the publication date get one (<time datetime> is as often opening
 * hours or an event as a publication date). */
static int try_date(meta_ctx *c, const char *v, char **fallback, char out[40])
{
    char *s = clean(c, v, 200);
    if (!s)
        return 0;
    if (find_date(s, strlen(s), c->mdy, out)) {
        free(s);
        return 1;
    }
    if (fallback && !*fallback)
        *fallback = s;
    else
        free(s);
    return 0;
}

static char *pick_date(meta_ctx *c, const ld_info *ld)
{
    static const char *const KEYS[] = {
        "article:published_time", "og:published_time", "og:article:published_time",
        "article:published", "datepublished", "date", "pubdate", "publishdate",
        "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.date",
        "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date",
        "citation_publication_date", "citation_date", "datecreated",
    };
    static const char *const LATE_KEYS[] = {
        "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
        "last-modified",
    };
    const pith_doc *doc = c->doc;
    char out[40], *fallback = NULL;
    int found = try_date(c, ld_first(ld, "datePublished"), &fallback, out) ||
                try_date(c, ld_first(ld, "dateCreated"), &fallback, out);
    for (size_t k = 0; !found && k < sizeof KEYS / sizeof KEYS[0]; k++)
        found = try_date(c, doc_metatag(doc, KEYS[k]), &fallback, out);
    found = found || try_date(c, raw_str(doc, doc->raw.time_datetime), NULL, out) ||
            try_date(c, ld_first(ld, "dateModified"), NULL, out);
    for (size_t k = 0; !found && k < sizeof LATE_KEYS / sizeof LATE_KEYS[0]; k++)
        found = try_date(c, doc_metatag(doc, LATE_KEYS[k]), NULL, out);
    /* Lines of a page are only believed when they parse: "5 days ago" is no date. */
    unsigned seen = 0;
    for (uint32_t i = 0; !found && i < doc->n_blocks && seen < MAX_META_BLOCKS; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->kind != PITH_KIND_META || b->article != 0)
            continue;
        seen++;
        found = find_date(blk_text(doc, b), b->len, c->mdy, out);
    }
    if (!found)
        return fallback;
    free(fallback);
    return dup_str(c, out);
}

static char *pick_description(meta_ctx *c, const ld_info *ld)
{
    const char *cands[] = {
        ld_first(ld, "description"), doc_metatag(c->doc, "og:description"),
        doc_metatag(c->doc, "description"), doc_metatag(c->doc, "twitter:description"),
        doc_metatag(c->doc, "dc.description"),
    };
    return first_clean(c, cands, sizeof cands / sizeof cands[0], CAP_VALUE);
}

/* The classifier's title line: doc->title_block, else the first title-kind block. */
static char *title_from_blocks(meta_ctx *c)
{
    const pith_doc *doc = c->doc;
    const pith_blk *b = NULL;
    if (doc->title_block != PITH_NONE && doc->title_block < doc->n_blocks)
        b = &doc->blocks[doc->title_block];
    for (uint32_t i = 0; !b && i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == PITH_KIND_TITLE && doc->blocks[i].article == 0)
            b = &doc->blocks[i];
    return b ? clean_n(c, blk_text(doc, b), b->len, CAP_TITLE) : NULL;
}

static char *pick_title(meta_ctx *c, const ld_info *ld, const char *site, int use_blocks)
{
    const pith_doc *doc = c->doc;
    char *h1 = clean(c, raw_str(doc, doc->raw.first_h1), CAP_TITLE);
    const char *metas[] = {ld_title(ld), doc_metatag(doc, "og:title"),
                           doc_metatag(doc, "twitter:title")};
    char *t = NULL;
    for (size_t k = 0; !t && k < sizeof metas / sizeof metas[0]; k++)
        t = metas[k] ? title_from_meta(c, metas[k], h1, site) : NULL;
    if (!t)
        t = title_from_tag(c, raw_str(doc, doc->raw.title_tag), h1, site);
    if (!t) {
        t = h1;
        h1 = NULL;
    }
    if (!t && use_blocks)
        t = title_from_blocks(c);
    free(h1);
    return t;
}

/* US English writes 12/31/2021; everyone else 31/12/2021. */
static int month_first(const char *lang)
{
    return lang && lang[0] == 'e' && lang[1] == 'n' && (!lang[2] || strcmp(lang + 2, "-US") == 0);
}

pith_status metadata_finish(pith_doc *doc, const char *url_hint)
{
    meta_ctx c = {doc, url_hint, 0, 0};
    ld_info ld;
    ld_load(&c, &ld);
    for (int f = 0; f < PITH_META_COUNT; f++) {
        free(doc->meta[f]);
        doc->meta[f] = NULL;
    }
    doc->meta[PITH_META_URL] = pick_url(&c, &ld);
    doc->meta[PITH_META_SITENAME] = pick_sitename(&c, &ld, doc->meta[PITH_META_URL]);
    doc->meta[PITH_META_LANG] = pick_lang(&c, &ld);
    c.mdy = month_first(doc->meta[PITH_META_LANG]);
    doc->meta[PITH_META_TITLE] = pick_title(&c, &ld, doc->meta[PITH_META_SITENAME], 1);
    doc->meta[PITH_META_AUTHOR] = pick_author(&c, &ld, doc->meta[PITH_META_SITENAME]);
    doc->meta[PITH_META_DATE] = pick_date(&c, &ld);
    doc->meta[PITH_META_DESCRIPTION] = pick_description(&c, &ld);
    ld_free(&ld);
    return c.oom ? PITH_ERR_NOMEM : PITH_OK;
}

char *metadata_title_hint(const pith_doc *doc)
{
    meta_ctx c = {doc, NULL, 0, 0};
    ld_info ld;
    ld_load(&c, &ld);
    const char *cands[] = {
        ld_publisher(&ld), doc_metatag(doc, "og:site_name"),
        doc_metatag(doc, "application-name"), ld.website,
    };
    char *site = first_clean(&c, cands, sizeof cands / sizeof cands[0], 300);
    char *t = pick_title(&c, &ld, site, 0);
    free(site);
    ld_free(&ld);
    return t;
}
