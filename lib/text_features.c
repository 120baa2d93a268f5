/* Line shapes for visible-text dumps (see text_features.h).
 *
 * Why these shapes:
 *   - Prose ends its lines like sentences; headlines, menu items, tags and section
 *     names do not. A headline (a title, a teaser in a list) is a capitalised run of a
 *     few to thirty words without a final full stop; a question mark is allowed, as
 *     headlines ask questions.
 *   - Title Case and ALL CAPS mark headlines and section heads in the languages that do
 *     not capitalise every noun; German prose capitalises nouns, so Title Case needs a
 *     clear majority of capitalised words, not just many.
 *   - Glue: a scraper that drops the tags between inline elements glues their texts
 *     ("International Sports5 days agoIPL 2026", "Contact UsWork with usAdvertise").
 *     A word of three or more lower-case letters running into a capital or a digit
 *     almost never happens in prose; brand names ("WordPress") do it once, so one glue
 *     point counts only on short lines.
 */
#include "text_features.h"

#include <string.h>

#include "utf8.h"

#define LABEL_MAX_WORDS 3
#define LABEL_MAX_CHARS 40
#define HEADLINE_MIN_WORDS 3
#define HEADLINE_MAX_WORDS 30
#define HEADLINE_MAX_BYTES 260
#define GLUE_MIN_RUN 3
#define GLUE_SHORT_WORDS 6
#define FIELD_MAX_WORDS 2
/* Chinese and Japanese write no spaces, and the block's features count each of their
 * characters as a word; their words are about this many characters long, so a line's
 * words are its other words plus its CJK characters over this. "カテゴリー" is a label,
 * not a headline of five words. */
#define CJK_WORD_CHARS 2
/* Dates are looked for in lines this short: in a paragraph a date is just a date. */

/* Quotes and brackets that may follow the last mark of a sentence. */
static int is_trailer(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case '*':
    case 0xBB: case 0xAB: case 0x2019: case 0x201D: case 0x201C: case 0x201E: case 0x203A:
    case 0x300D: case 0x300F: case 0xFF09:
        return 1;
    default:
        return 0;
    }
}

/* The code point ending at byte `end` of s (end > 0), and where it starts. */
static uint32_t prev_cp(const char *s, size_t end, size_t *start)
{
    size_t i = end - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && end - i < 4)
        i--;
    uint32_t cp;
    utf8_decode((const unsigned char *)s + i, end - i, &cp);
    *start = i;
    return cp;
}

/* TS_TERMINAL, TS_QUESTION, TS_COLON, TS_ELLIPSIS from the end of the line. */
static unsigned ending(const char *s, size_t n)
{
    size_t end = n, at;
    uint32_t cp = 0;
    while (end > 0) {
        cp = prev_cp(s, end, &at);
        if (!is_trailer(cp) && !uc_is_space(cp))
            break;
        end = at;
    }
    if (end == 0)
        return 0;
    if (cp == ':')
        return TS_COLON;
    if (!uc_is_terminal(cp))
        return 0;
    unsigned f = TS_TERMINAL;
    if (cp == '?' || cp == '!' || cp == 0xFF1F || cp == 0xFF01 || cp == 0x61F)
        f |= TS_QUESTION;
    if (cp == 0x2026 || (end >= 3 && s[end - 1] == '.' && s[end - 2] == '.' && s[end - 3] == '.'))
        f |= TS_ELLIPSIS;
    return f;
}

/* The first letter or digit of the line; 0 if none. */
static uint32_t first_word_cp(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(p + i, n - i, &cp);
        if (uc_is_word(cp))
            return cp;
    }
    return 0;
}

/* ---- dates ------------------------------------------------------------------------
 * Scanned as tokens (runs of digits, runs of letters) rather than with a regex: a date
 * can sit anywhere in a line, and a search for one at every position of every line
 * costs more than the rest of the text path together. Month names are only looked up
 * when a year turns up, which few tokens are. */

static const char *const MONTHS[] = {
    /* en */ "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
    /* de */ "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "jän", "mär", "okt", "dez",
    /* fr */ "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "janv", "févr", "avr", "juil", "déc",
    /* es */ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "ene", "abr", "ago", "dic",
    /* it */ "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
    "ottobre", "dicembre", "gen", "mag", "giu", "lug", "set", "ott",
    /* pt */ "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "fev", "out",
    /* nl */ "januari", "februari", "maart", "mei", "augustus", "mrt",
    /* ro */ "ianuarie", "februarie", "martie", "aprilie", "iunie", "iulie", "septembrie",
    "octombrie", "noiembrie", "decembrie",
    /* pl, genitive as in dates */ "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
    /* ru, genitive */ "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря",
};

#define TOKEN_BYTES 24

typedef struct dtok {
    int num;               /* 1 digits, 0 letters */
    unsigned digits;       /* number of digits */
    unsigned value;        /* numeric value (saturating) */
    size_t start, end;     /* byte range */
    char low[TOKEN_BYTES]; /* letters, lower-cased; empty when too long */
} dtok;

static int is_month(const dtok *t)
{
    if (t->num || !t->low[0])
        return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (strcmp(MONTHS[i], t->low) == 0)
            return 1;
    return 0;
}

/* Ordinal suffixes and the "de"/"of" of "22 de janeiro", "1st of May": skipped. */
static int is_filler_word(const dtok *t)
{
    static const char *const W[] = {"st", "nd", "rd", "th", "de", "del", "of", "º"};
    if (t->num)
        return 0;
    for (size_t i = 0; i < sizeof W / sizeof *W; i++)
        if (strcmp(W[i], t->low) == 0)
            return 1;
    return 0;
}

static int is_day(const dtok *t)
{
    return t->num && t->digits <= 2 && t->value >= 1 && t->value <= 31;
}

static int is_year(const dtok *t)
{
    return t->num && t->digits == 4 && t->value >= 1900 && t->value < 2100;
}

/* The single byte between two adjacent tokens, or 0 when they are not one byte apart. */
static char between(const char *s, const dtok *a, const dtok *b)
{
    return b->start == a->end + 1 ? s[a->end] : 0;
}

static int numeric_date(const char *s, const dtok *a, const dtok *b, const dtok *c)
{
    if (!a->num || !b->num || !c->num)
        return 0;
    char x = between(s, a, b), y = between(s, b, c);
    if (!x || x != y)
        return 0;
    if ((x == '.' || x == '/') && a->digits <= 2 && b->digits <= 2 &&
        (c->digits == 2 || c->digits == 4))
        return 1;
    return x == '-' && a->digits == 4 && b->digits == 2 && c->digits == 2;
}

/* Reads the token starting at or after *pos; 0 at the end. */
static int next_token(const char *s, size_t n, size_t *pos, dtok *t)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = *pos;
    uint32_t cp = 0;
    size_t k = 0;
    while (i < n) {
        k = utf8_decode(p + i, n - i, &cp);
        if (uc_is_digit(cp) || (uc_is_word(cp) && !uc_is_digit(cp)) || cp == 0xBA)
            break;
        i += k;
    }
    if (i >= n)
        return 0;
    memset(t, 0, sizeof *t);
    t->start = i;
    t->num = uc_is_digit(cp);
    size_t w = 0;
    while (i < n) {
        k = utf8_decode(p + i, n - i, &cp);
        if (t->num ? !uc_is_digit(cp) : !((uc_is_word(cp) && !uc_is_digit(cp)) || cp == 0xBA))
            break;
        if (t->num) {
            t->digits++;
            if (t->value < 100000)
                t->value = t->value * 10 + (cp >= '0' && cp <= '9' ? cp - '0' : 0);
        } else if (w != SIZE_MAX) {
            char enc[4];
            size_t e = utf8_encode(uc_tolower(cp), enc);
            if (w + e < TOKEN_BYTES) {
                memcpy(t->low + w, enc, e);
                w += e;
            } else {
                w = SIZE_MAX;
            }
        }
        i += k;
    }
    if (w == SIZE_MAX)
        t->low[0] = '\0';
    t->end = i;
    *pos = i;
    return 1;
}

static int memchr_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

int text_has_date(const char *s, size_t n)
{
    if (!memchr_digit(s, n))
        return 0; /* most lines: no digit, no date */
    dtok tk[3];
    unsigned have = 0;
    size_t pos = 0;
    dtok t;
    while (next_token(s, n, &pos, &t)) {
        if (is_filler_word(&t))
            continue;
        tk[0] = tk[1];
        tk[1] = tk[2];
        tk[2] = t;
        if (have < 3)
            have++;
        if (have < 3 || !t.num)
            continue;
        if (numeric_date(s, &tk[0], &tk[1], &tk[2]))
            return 1;
        if (is_year(&tk[2]) && ((is_day(&tk[0]) && is_month(&tk[1])) ||
                                (is_month(&tk[0]) && is_day(&tk[1]))))
            return 1;
    }
    return 0;
}

unsigned text_glue_points(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned glue = 0, run = 0;
    for (size_t i = 0; i < n;) {
        int lower, upper_or_digit;
        if (p[i] < 0x80) {
            unsigned char ch = p[i++];
            lower = ch >= 'a' && ch <= 'z';
            upper_or_digit = (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        } else {
            uint32_t cp;
            i += utf8_decode(p + i, n - i, &cp);
            lower = uc_is_lower(cp);
            upper_or_digit = uc_is_upper(cp) || uc_is_digit(cp);
        }
        if (lower) {
            run++;
            continue;
        }
        if (run >= GLUE_MIN_RUN && upper_or_digit)
            glue++;
        run = 0;
    }
    return glue;
}

/* "Zubereitungszeit: 25 Minuten", "Story Code : 971280": at most two words, a colon,
 * then a number. */
static int is_field(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned words = 0;
    int in_word = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(p + i, n - i, &cp);
        if (cp == ':') {
            while (i < n && p[i] == ' ')
                i++;
            return words >= 1 && words <= FIELD_MAX_WORDS && i < n && p[i] >= '0' && p[i] <= '9';
        }
        int w = uc_is_word(cp);
        if (w && !in_word && ++words > FIELD_MAX_WORDS)
            return 0;
        in_word = w || cp == '-';
    }
    return 0;
}

static int is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

unsigned text_words(const char *s, size_t n, const pith_blk *b)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned cjk = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        i += utf8_decode(p + i, n - i, &cp);
        cjk += is_cjk(cp);
    }
    if (cjk == 0 || cjk > b->words)
        return b->words;
    return b->words - cjk + (cjk + CJK_WORD_CHARS - 1) / CJK_WORD_CHARS;
}

unsigned text_shape(const char *s, size_t n, const pith_blk *b)
{
    unsigned f = ending(s, n);
    uint32_t first = first_word_cp(s, n);
    if (first && uc_is_lower(first))
        f |= TS_LOWER_START;
    unsigned words = text_words(s, n, b), cased = (unsigned)b->uppers + b->lowers;
    if (words >= 1 && words <= LABEL_MAX_WORDS && b->chars <= LABEL_MAX_CHARS)
        f |= TS_LABEL;
    if (words >= HEADLINE_MIN_WORDS && words <= HEADLINE_MAX_WORDS && n <= HEADLINE_MAX_BYTES &&
        first && !uc_is_lower(first) && !(f & TS_COLON) &&
        (!(f & TS_TERMINAL) || (f & TS_QUESTION)) && !(f & TS_ELLIPSIS))
        f |= TS_HEADLINE;
    if (is_field(s, n))
        f = (f & ~TS_HEADLINE) | TS_FIELD;
    if (b->chars < TEXT_SHORT_LINE_CHARS && text_has_date(s, n))
        f |= TS_DATE;
    if (cased >= 2 && b->uppers * 10 >= cased * 7)
        f |= TS_TITLECASE;
    if (b->uppers > 0 && b->lowers == 0 && b->caps * 2 >= b->uppers)
        f |= TS_CAPS;
    unsigned glue = text_glue_points(s, n);
    if (glue >= 2 || (glue == 1 && words <= GLUE_SHORT_WORDS))
        f |= TS_GLUED;
    return f;
}

unsigned text_line_shape(const pith_doc *doc, uint32_t i)
{
    pith_blk *b = &doc->blocks[i]; /* the blocks are the document's; the cache is theirs */
    if (!(b->shape & TS_KNOWN))
        b->shape = (uint16_t)(text_shape(blk_text(doc, b), b->len, b) | TS_KNOWN);
    return b->shape & ~TS_KNOWN;
}
