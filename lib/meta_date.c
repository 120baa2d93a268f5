/* Stage 9 helpers: publication dates written any way pages write them (ISO 8601,
 * numeric, or with month names in the languages pith reads most), to ISO 8601. */
#include "meta_date.h"

#include <stdio.h>
#include <string.h>

#include "meta_clean.h"
#include "utf8.h"

#define DATE_SCAN 400 /* bytes of a value searched for a date */

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
        if (*i + (size_t)k >= n || !meta_is_digit((unsigned char)s[*i + k]))
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
    if (i < n && meta_is_digit((unsigned char)s[i]))
        return 0;
    snprintf(out, 40, "%04d-%02d-%02d", y, mo, d);
    if (i + 1 >= n || (s[i] != 'T' && s[i] != ' ') || !meta_is_digit((unsigned char)s[i + 1]))
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
            for (t++; t < n && meta_is_digit((unsigned char)s[t]); t++)
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
        int digit = meta_is_digit((int)cp), word = !digit && uc_is_word(cp) && cp != '_';
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
            if (digit ? !meta_is_digit((int)cp) : !(uc_is_word(cp) && !meta_is_digit((int)cp) && cp != '_'))
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
int meta_find_date(const char *s, size_t n, int mdy, char out[40])
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
