/* Stage 4: per-block counts, the page's language, repetition.
 *
 * One pass over every block's text does all the counting. Each word is looked up once
 * in the stopword table, whose answer is the set of languages listing it, so the pass
 * collects per-block hits for every language at once; the page's language is chosen
 * from the sums afterwards and each block keeps the hits of that language. This avoids
 * tokenizing the page twice, at the price of a temporary n_blocks x n_languages array of
 * uint16 (46 bytes a block with 23 lists, less than half of a pith_blk).
 *
 * Rules, and why:
 *   - A word is a maximal run of word characters (uc_is_word), as Python's \w+; each
 *     character of an unspaced script (uc_is_unspaced: Han, kana, Thai ...) is a word of
 *     its own, since those scripts do not mark word boundaries. Combining accents stay
 *     inside the word they follow; soft hyphens and zero-width characters are ignored.
 *   - Apostrophes (' ’ ‘ ʼ) between two word characters join them: "it's", "l'homme",
 *     "aujourd’hui" are one run. The run is looked up whole first (English contractions
 *     and aujourd'hui are listed whole). If that misses and the part up to the first
 *     apostrophe is a listed elision ("l'", "qu'", "dell'" in the fr and it lists), the
 *     run counts as two words, the elided article and the rest, each looked up: French
 *     and Italian tokenizers split there, and it keeps their stopword densities
 *     comparable to English ("the man" = 1 of 2). "O'Brien" stays one non-stopword.
 *   - A sentence is counted at a terminal mark (uc_is_terminal) followed by white space,
 *     a closing quote or bracket, or the end of the block; a run ("?!", "...") counts
 *     once; "3.5" and "U.S.A" mid-word do not count. A '.' right after a one-character
 *     word does not count either, so initials ("J. Smith", "U.S. officials") and list
 *     numbers ("1. Intro") are not sentences. Full-width marks (。！？) count even when
 *     text follows directly, as Chinese and Japanese put no space after them.
 *   - uppers: words whose first character is an upper-case letter (all-caps words too);
 *     lowers: first character lower case; caps: at least two upper-case letters and no
 *     lower-case one. Digits and uncased scripts count in none of them.
 *   - Text density follows boilerpipe: the text is wrapped greedily at 80 columns over
 *     whitespace-separated tokens (a CJK character is a token of width 2); tokens without
 *     a word do not take room, as in boilerpipe. wrap_lines/wrap_words keep the full
 *     lines; a block that fits on one line has density = its word count.
 *   - Language: hits are summed over the blocks of at least 5 words (over all blocks when
 *     those hold fewer than 30 words), because menus are short and often in another
 *     language than the text. The best language needs 3 hits and 5% of the words. When
 *     none does and most words are Han or kana, the script decides; between zh and ja,
 *     kana (5% of the CJK characters or more) always means Japanese. <html lang> wins
 *     when detection failed, is weak (under 12%) or close (the hint's hits reach 80% of
 *     the best's): pages in many languages share one template, but the hint is the
 *     author's word on near-twins such as da/no or es/pt. The whole page is counted, not
 *     a sample: the hits come out of the one pass at no extra cost.
 *   - repeat: texts compare lower-cased, trimmed, with white space runs collapsed.
 */
#include "block_features.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "extractor.h"
#include "stopwords.h"
#include "utf8.h"

#define MAX_LANGS 32
#define LINE_COLUMNS 80
#define DETECT_MIN_WORDS 5    /* shorter blocks are menus and labels more often than prose */
#define DETECT_MIN_SAMPLE 30  /* fewer words than this in long blocks: use every block */
#define DETECT_MIN_HITS 3
#define DETECT_MIN_SHARE 0.05 /* best language's hits / words, below this: unknown */
#define HINT_WEAK_SHARE 0.12  /* below this, <html lang> overrules detection */
#define HINT_CLOSE_RATIO 0.8  /* the hint's hits within 80% of the best: the hint wins */
#define KANA_SHARE_JA 0.05    /* Chinese has no kana; Japanese prose has 30-50% */
#define WORD_FOLD_MAX 40      /* longer words are never stopwords */
#define FNV64_BASIS 14695981039346656037ull
#define FNV64_PRIME 1099511628211ull

enum {
    C_SPACE = 1u << 0,
    C_WORD = 1u << 1,
    C_DIGIT = 1u << 2,
    C_UPPER = 1u << 3,
    C_LOWER = 1u << 4,
    C_PUNCT = 1u << 5,
    C_TERM = 1u << 6,  /* sentence-ending mark */
    C_COMMA = 1u << 7,
    C_APOS = 1u << 8,  /* may join a word */
    C_CLOSE = 1u << 9, /* closing quote or bracket */
    C_UNSPACED = 1u << 10,
    C_KANA = 1u << 11,
    C_HAN = 1u << 12,
    C_MARK = 1u << 13,   /* combining accent */
    C_IGNORE = 1u << 14, /* invisible: neither a character nor a word break */
    C_END = 1u << 15     /* past the end of the block (peek only) */
};

#define S_ C_SPACE
#define P_ C_PUNCT
#define U_ (C_WORD | C_UPPER)
#define L_ (C_WORD | C_LOWER)
#define D_ (C_WORD | C_DIGIT)
static const uint16_t ASCII_CLASS[128] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  S_, S_, S_, S_, S_, 0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  S_, S_, S_, S_,
    S_, P_ | C_TERM, P_ | C_CLOSE, P_, P_, P_, P_, P_ | C_APOS | C_CLOSE,
    P_, P_ | C_CLOSE, P_, P_, P_ | C_COMMA, P_, P_ | C_TERM, P_,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_ | C_TERM,
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, P_, P_ | C_CLOSE, P_, C_WORD,
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_ | C_CLOSE, P_, 0,
};
#undef S_
#undef P_
#undef U_
#undef L_
#undef D_

static int is_closer(uint32_t cp)
{
    switch (cp) {
    case 0xAB: case 0xBB: case 0x2019: case 0x201C: case 0x201D: case 0x2039: case 0x203A:
    case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
    case 0xFF02: case 0xFF09: case 0xFF3D: case 0xFF5D:
        return 1;
    default:
        return 0;
    }
}

static unsigned nonword_class(uint32_t cp)
{
    unsigned c = 0;
    if (uc_is_punct(cp))
        c |= C_PUNCT;
    if (uc_is_terminal(cp))
        c |= C_TERM;
    if (cp == 0x60C || cp == 0x3001 || cp == 0xFF0C)
        c |= C_COMMA;
    if (cp == 0x2018 || cp == 0x2019)
        c |= C_APOS;
    if (is_closer(cp))
        c |= C_CLOSE;
    return c;
}

static unsigned unspaced_class(uint32_t cp)
{
    unsigned c = C_WORD | C_UNSPACED;
    if (cp >= 0x3040 && cp <= 0x30FF)
        c |= C_KANA;
    else if (cp >= 0x3400)
        c |= C_HAN;
    return c;
}

static unsigned general_class(uint32_t cp)
{
    if (uc_is_space(cp))
        return C_SPACE;
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF)
        return C_IGNORE;
    if (cp == 0x30FB || cp == 0x30A0) /* katakana middle dot and double hyphen */
        return C_PUNCT;
    if (uc_is_unspaced(cp))
        return unspaced_class(cp);
    if (cp >= 0x300 && cp <= 0x36F)
        return C_MARK;
    if (cp == 0x2BC) /* modifier-letter apostrophe, a letter to uc_is_word */
        return C_APOS;
    if (uc_is_word(cp)) {
        if (uc_is_digit(cp))
            return C_WORD | C_DIGIT;
        if (uc_is_upper(cp))
            return C_WORD | C_UPPER;
        return C_WORD | (uc_is_lower(cp) ? C_LOWER : 0);
    }
    return nonword_class(cp);
}

/* The letters of the most common scripts take a short cut past the general tests, which
 * cost a handful of calls a character; the answers are the same. */
static unsigned class_of(uint32_t cp)
{
    if (cp < 0x80)
        return ASCII_CLASS[cp];
    if (cp >= 0xC0 && cp < 0x180 && cp != 0xD7 && cp != 0xF7)
        return C_WORD | (uc_is_upper(cp) ? C_UPPER : C_LOWER);
    if (cp >= 0x400 && cp < 0x460)
        return C_WORD | (cp < 0x430 ? C_UPPER : C_LOWER);
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return C_WORD | C_UNSPACED | C_HAN;
    if (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB && cp != 0x30A0)
        return C_WORD | C_UNSPACED | C_KANA;
    if (cp >= 0x621 && cp <= 0x64A)
        return C_WORD;
    return general_class(cp);
}

static unsigned peek_class(const unsigned char *p, size_t n, size_t j, uint32_t *cp)
{
    *cp = 0;
    if (j >= n)
        return C_END;
    if (p[j] < 0x80) {
        *cp = p[j];
        return ASCII_CLASS[p[j]];
    }
    utf8_decode(p + j, n - j, cp);
    return class_of(*cp);
}

static uint16_t sat16(uint64_t v)
{
    return v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
}

static uint32_t lower_cp(uint32_t cp)
{
    return cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp) : uc_tolower(cp);
}

/* ---------------------------------------------------------------------------------
 * The scanner: the counts of one block
 * ------------------------------------------------------------------------------ */

typedef struct scan {
    const pith_stopwords *sw;
    const unsigned char *p;
    size_t n;

    uint32_t chars, words, sentences, commas, digits, uppers, caps, lowers, puncts;
    uint32_t kana, han;
    uint32_t seen; /* the languages with hits; hits[l] is valid only for these */

    /* the word being read */
    int in_word;
    size_t w_start, w_apos;     /* w_apos: offset just past its first apostrophe, or 0 */
    unsigned w_first;           /* class of its first character */
    uint32_t w_upper, w_lower, w_cps;
    int w_ascii;                /* the word is one ASCII run, folded in w_fold */
    uint32_t w_hash;
    char w_fold[WORD_FOLD_MAX];
    size_t prev_end;            /* where the last word ended, and its length in code */
    uint32_t prev_cps;          /* points (for the initials rule) */

    /* wrapping at LINE_COLUMNS: the token being read, the current line, full lines */
    uint32_t t_width, t_words;
    int space_before;
    uint32_t line_len, line_words, lines, line_total;

    /* the text lower-cased, trimmed and space-collapsed, hashed for repeats */
    uint64_t hash;
    int norm_started, norm_space;

    /* last, so that a reset need not clear it: most blocks hit few languages */
    uint32_t hits[MAX_LANGS]; /* stopwords per language */
} scan;

static void scan_reset(scan *sc, const pith_stopwords *sw, const char *text, size_t n)
{
    memset(sc, 0, offsetof(scan, hits));
    sc->sw = sw;
    sc->p = (const unsigned char *)text;
    sc->n = n;
    sc->prev_end = SIZE_MAX;
    sc->hash = FNV64_BASIS;
}

static int lang_bit(uint32_t *set)
{
#if defined(__GNUC__)
    int l = __builtin_ctz(*set);
#else
    int l = 0;
    while (!(*set & (1u << l)))
        l++;
#endif
    *set &= *set - 1;
    return l;
}

static uint32_t scan_hits(const scan *sc, int lang)
{
    return (sc->seen >> lang) & 1u ? sc->hits[lang] : 0;
}

static void add_hits(scan *sc, uint32_t langs)
{
    for (uint32_t fresh = langs & ~sc->seen; fresh;)
        sc->hits[lang_bit(&fresh)] = 0;
    sc->seen |= langs;
    while (langs)
        sc->hits[lang_bit(&langs)]++;
}

static uint32_t lookup(const scan *sc, size_t from, size_t to)
{
    return sc->sw ? stopwords_lookup(sc->sw, (const char *)sc->p + from, to - from) : 0;
}

static uint32_t whole_word_langs(const scan *sc, size_t end)
{
    if (!sc->sw || (sc->w_first & C_DIGIT))
        return 0; /* no list holds numbers */
    if (sc->w_ascii)
        return stopwords_lookup_folded(sc->sw, sc->w_fold, end - sc->w_start, sc->w_hash);
    return lookup(sc, sc->w_start, end);
}

/* Ends the word at `end`: stopword lookups (with the elision rule) and case counts. */
static void end_word(scan *sc, size_t end)
{
    if (!sc->in_word)
        return;
    sc->in_word = 0;
    uint32_t n_words = 1, langs = whole_word_langs(sc, end);
    if (!langs && sc->w_apos) {
        uint32_t elided = lookup(sc, sc->w_start, sc->w_apos);
        if (elided) {
            add_hits(sc, elided);
            langs = lookup(sc, sc->w_apos, end);
            n_words = 2;
        }
    }
    add_hits(sc, langs);
    sc->words += n_words;
    sc->t_words += n_words;
    if (sc->w_first & C_UPPER)
        sc->uppers++;
    else if (sc->w_first & C_LOWER)
        sc->lowers++;
    if (sc->w_upper >= 2 && !sc->w_lower)
        sc->caps++;
    sc->prev_end = end;
    sc->prev_cps = sc->w_cps;
    sc->w_apos = 0;
}

/* Places the finished token on the wrapped lines. */
static void end_token(scan *sc)
{
    if (sc->t_words) {
        uint32_t gap = sc->space_before && sc->line_words ? 1 : 0;
        if (sc->line_words && sc->line_len + gap + sc->t_width > LINE_COLUMNS) {
            sc->lines++;
            sc->line_total += sc->line_words;
            sc->line_len = sc->t_width;
            sc->line_words = sc->t_words;
        } else {
            sc->line_len += gap + sc->t_width;
            sc->line_words += sc->t_words;
        }
        sc->space_before = 0;
    }
    sc->t_width = 0;
    sc->t_words = 0;
}

static void hash_cp(scan *sc, uint32_t cp)
{
    if (sc->norm_space && sc->norm_started)
        sc->hash = (sc->hash ^ ' ') * FNV64_PRIME;
    sc->norm_space = 0;
    sc->norm_started = 1;
    sc->hash = (sc->hash ^ lower_cp(cp)) * FNV64_PRIME;
}

static void on_space(scan *sc, size_t i)
{
    end_word(sc, i);
    end_token(sc);
    sc->space_before = 1;
    sc->norm_space = 1;
}

static void on_unspaced(scan *sc, size_t i, size_t k, unsigned c)
{
    end_word(sc, i);
    end_token(sc);
    add_hits(sc, lookup(sc, i, i + k));
    sc->words++;
    sc->kana += (c & C_KANA) != 0;
    sc->han += (c & C_HAN) != 0;
    sc->t_width = (c & (C_KANA | C_HAN)) ? 2 : 1; /* CJK is full width */
    sc->t_words = 1;
    end_token(sc);
    sc->prev_end = SIZE_MAX;
}

static void on_word_char(scan *sc, size_t i, unsigned c)
{
    if (!sc->in_word) {
        sc->in_word = 1;
        sc->w_start = i;
        sc->w_first = c;
        sc->w_upper = sc->w_lower = sc->w_cps = 0;
    }
    sc->w_ascii = 0;
    sc->w_cps++;
    sc->w_upper += (c & C_UPPER) != 0;
    sc->w_lower += (c & C_LOWER) != 0;
    sc->digits += (c & C_DIGIT) != 0;
    sc->t_width++;
}

static void on_terminal(scan *sc, size_t i, size_t k, uint32_t cp)
{
    uint32_t next;
    unsigned nc = peek_class(sc->p, sc->n, i + k, &next);
    if (nc & C_TERM)
        return; /* the run is counted at its last mark */
    if (cp == '.' && sc->prev_end == i && sc->prev_cps == 1)
        return; /* initials, list numbers */
    int fullwidth = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E;
    if (fullwidth || (nc & (C_SPACE | C_CLOSE | C_END)))
        sc->sentences++;
}

/* An apostrophe joins the word before it to a spaced-script word right after it. */
static int apostrophe_joins(const scan *sc, size_t next_at)
{
    uint32_t next;
    unsigned nc = peek_class(sc->p, sc->n, next_at, &next);
    return (nc & C_WORD) && !(nc & C_UNSPACED);
}

/* Punctuation, symbols, anything not a word character nor space. */
static void on_other(scan *sc, size_t i, size_t k, uint32_t cp, unsigned c)
{
    if (sc->in_word && (c & (C_APOS | C_MARK))) {
        if ((c & C_MARK) || apostrophe_joins(sc, i + k)) {
            if ((c & C_APOS) && !sc->w_apos)
                sc->w_apos = i + k;
            sc->w_ascii = 0;
            sc->puncts += (c & C_PUNCT) != 0;
            sc->t_width++;
            return;
        }
    }
    end_word(sc, i);
    sc->t_width++;
    sc->puncts += (c & C_PUNCT) != 0;
    sc->commas += (c & C_COMMA) != 0;
    if (c & C_TERM)
        on_terminal(sc, i, k, cp);
}

/* A run of ASCII word characters, the bulk of most text, counted in one tight loop; it
 * does what on_word_char and hash_cp do a character at a time. Returns its end. */
static size_t ascii_word_run(scan *sc, size_t i)
{
    const unsigned char *p = sc->p;
    size_t j = i, n = sc->n;
    uint32_t upper = 0, lower = 0, digits = 0;
    uint64_t h = sc->hash;
    uint32_t wh = STOPWORDS_HASH_BASIS;
    if (sc->norm_space && sc->norm_started)
        h = (h ^ ' ') * FNV64_PRIME;
    for (; j < n && p[j] < 0x80; j++) {
        unsigned c = ASCII_CLASS[p[j]];
        if (!(c & C_WORD))
            break;
        unsigned lc = p[j] | ((c & C_UPPER) ? 0x20u : 0u);
        upper += (c & C_UPPER) != 0;
        lower += (c & C_LOWER) != 0;
        digits += (c & C_DIGIT) != 0;
        h = (h ^ lc) * FNV64_PRIME;
        wh = (wh ^ lc) * STOPWORDS_HASH_PRIME;
        if (j - i < WORD_FOLD_MAX)
            sc->w_fold[j - i] = (char)lc;
    }
    sc->hash = h;
    sc->norm_space = 0;
    sc->norm_started = 1;
    if (!sc->in_word) {
        sc->in_word = 1;
        sc->w_start = i;
        sc->w_first = ASCII_CLASS[p[i]];
        sc->w_upper = sc->w_lower = sc->w_cps = 0;
        sc->w_ascii = j - i <= WORD_FOLD_MAX;
        sc->w_hash = wh;
    } else {
        sc->w_ascii = 0;
    }
    uint32_t len = (uint32_t)(j - i);
    sc->chars += len;
    sc->w_cps += len;
    sc->w_upper += upper;
    sc->w_lower += lower;
    sc->digits += digits;
    sc->t_width += len;
    return j;
}

static void scan_block(scan *sc)
{
    const unsigned char *p = sc->p;
    size_t i = 0, n = sc->n;
    while (i < n) {
        if (p[i] < 0x80 && (ASCII_CLASS[p[i]] & C_WORD)) {
            i = ascii_word_run(sc, i);
            continue;
        }
        uint32_t cp;
        size_t k = 1;
        if (p[i] < 0x80)
            cp = p[i];
        else
            k = utf8_decode(p + i, n - i, &cp);
        unsigned c = cp < 0x80 ? ASCII_CLASS[cp] : class_of(cp);
        if (c & C_SPACE) {
            on_space(sc, i);
        } else if (!(c & C_IGNORE)) {
            sc->chars++;
            hash_cp(sc, cp);
            if (c & C_UNSPACED)
                on_unspaced(sc, i, k, c);
            else if ((c & C_WORD) && !(c & C_APOS))
                on_word_char(sc, i, c);
            else
                on_other(sc, i, k, cp, c);
        }
        i += k;
    }
    end_word(sc, n);
    end_token(sc);
}

/* ---------------------------------------------------------------------------------
 * The page: language, stopwords per block, repeats
 * ------------------------------------------------------------------------------ */

typedef struct lang_sums {
    uint64_t words, kana, han;
    uint64_t hits[MAX_LANGS];
} lang_sums;

static void sums_add(lang_sums *s, const scan *sc)
{
    s->words += sc->words;
    s->kana += sc->kana;
    s->han += sc->han;
    for (uint32_t set = sc->seen; set;) {
        int l = lang_bit(&set);
        s->hits[l] += sc->hits[l];
    }
}

static void store_hits(uint16_t *row, const scan *sc, int nl)
{
    memset(row, 0, (size_t)nl * sizeof *row);
    for (uint32_t set = sc->seen; set;) {
        int l = lang_bit(&set);
        if (l < nl)
            row[l] = sat16(sc->hits[l]);
    }
}

static void store_counts(pith_blk *b, const scan *sc)
{
    b->chars = sc->chars;
    if (b->link_chars > b->chars)
        b->link_chars = b->chars;
    b->words = sat16(sc->words);
    b->sentences = sat16(sc->sentences);
    b->commas = sat16(sc->commas);
    b->digits = sat16(sc->digits);
    b->uppers = sat16(sc->uppers);
    b->caps = sat16(sc->caps);
    b->lowers = sat16(sc->lowers);
    b->puncts = sat16(sc->puncts);
    /* halve both rather than saturate one, so their ratio survives huge blocks */
    uint32_t lines = sc->lines, words = sc->line_total;
    while (lines > UINT16_MAX || words > UINT16_MAX) {
        lines >>= 1;
        words >>= 1;
    }
    b->wrap_lines = (uint16_t)lines;
    b->wrap_words = (uint16_t)words;
}

/* Chinese and Japanese share the Han characters; only Japanese writes kana. */
static int cjk_lang(const lang_sums *s, const pith_stopwords *sw, int lang)
{
    int zh = stopwords_lang_find(sw, "zh"), ja = stopwords_lang_find(sw, "ja");
    uint64_t cjk = s->kana + s->han;
    int detected_cjk = lang >= 0 && (lang == zh || lang == ja);
    if (!cjk || (!detected_cjk && (lang >= 0 || cjk * 2 < s->words)))
        return lang;
    int pick = (double)s->kana >= KANA_SHARE_JA * (double)cjk ? ja : zh;
    return pick >= 0 ? pick : lang;
}

static int choose_lang(const lang_sums *s, const pith_stopwords *sw, int nl, int hint)
{
    int best = -1;
    for (int l = 0; l < nl; l++)
        if (s->hits[l] && (best < 0 || s->hits[l] > s->hits[best]))
            best = l;
    int lang = -1;
    if (best >= 0 && s->hits[best] >= DETECT_MIN_HITS &&
        (double)s->hits[best] >= DETECT_MIN_SHARE * (double)s->words)
        lang = best;
    lang = cjk_lang(s, sw, lang);
    if (hint >= 0 && (lang < 0 || (double)s->hits[lang] < HINT_WEAK_SHARE * (double)s->words ||
                      (double)s->hits[hint] >= HINT_CLOSE_RATIO * (double)s->hits[lang]))
        lang = hint;
    return lang;
}

static void assign_stopwords(pith_doc *doc, const pith_stopwords *sw, const uint16_t *hits,
                             int nl)
{
    int lang = doc->lang;
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        pith_blk *b = &doc->blocks[i];
        if (lang < 0) {
            b->stopwords = 0;
        } else if (hits) {
            b->stopwords = hits[(size_t)i * (size_t)nl + (size_t)lang];
        } else { /* the hits array could not be allocated: count again, one language */
            scan sc;
            scan_reset(&sc, sw, blk_text(doc, b), doc->text.data ? b->len : 0);
            scan_block(&sc);
            b->stopwords = sat16(scan_hits(&sc, lang));
        }
    }
}

/* Walks a text as the repeat hash sees it: lower case, trimmed, spaces collapsed. */
typedef struct norm_iter {
    const unsigned char *p;
    size_t i, n;
    int started, space;
} norm_iter;

static uint32_t norm_next(norm_iter *it)
{
    while (it->i < it->n) {
        uint32_t cp;
        size_t k = 1;
        if (it->p[it->i] < 0x80)
            cp = it->p[it->i];
        else
            k = utf8_decode(it->p + it->i, it->n - it->i, &cp);
        unsigned c = class_of(cp);
        if (c & (C_SPACE | C_IGNORE)) {
            it->space |= (c & C_SPACE) != 0;
            it->i += k;
            continue;
        }
        if (it->space && it->started) {
            it->space = 0;
            return ' ';
        }
        it->space = 0;
        it->started = 1;
        it->i += k;
        return lower_cp(cp);
    }
    return UINT32_MAX;
}

static int same_text(const pith_doc *doc, uint32_t a, uint32_t b)
{
    const pith_blk *ba = &doc->blocks[a], *bb = &doc->blocks[b];
    norm_iter x = {(const unsigned char *)blk_text(doc, ba), 0, ba->len, 0, 0};
    norm_iter y = {(const unsigned char *)blk_text(doc, bb), 0, bb->len, 0, 0};
    for (;;) {
        uint32_t cx = norm_next(&x), cy = norm_next(&y);
        if (cx != cy)
            return 0;
        if (cx == UINT32_MAX)
            return 1;
    }
}

typedef struct rep_slot {
    uint64_t hash;
    uint32_t first; /* the group's first block */
    uint32_t count; /* blocks in the group; 0 marks an empty slot */
} rep_slot;

/* keys[i]: block i's text hash, 0 for a block with no visible text. Consumed. */
static void count_repeats(pith_doc *doc, uint64_t *keys)
{
    uint32_t n = doc->n_blocks;
    size_t cap = 16;
    while (cap < 2 * (size_t)n && cap < SIZE_MAX / 4 / sizeof(rep_slot))
        cap <<= 1;
    rep_slot *tab = cap >= 2 * (size_t)n ? calloc(cap, sizeof *tab) : NULL;
    if (!tab)
        return; /* repeats stay 0: a missing hint, not a wrong one */
    for (uint32_t i = 0; i < n; i++) {
        if (!keys[i])
            continue;
        size_t j = (size_t)keys[i] & (cap - 1);
        for (;; j = (j + 1) & (cap - 1)) {
            rep_slot *s = &tab[j];
            if (!s->count) {
                *s = (rep_slot){keys[i], i, 1};
                break;
            }
            if (s->hash == keys[i] && same_text(doc, s->first, i)) {
                s->count++;
                break;
            }
        }
        keys[i] = j + 1; /* the hash is no longer needed: remember the group instead */
    }
    for (uint32_t i = 0; i < n; i++) {
        doc->blocks[i].repeat = keys[i] ? sat16(tab[keys[i] - 1].count - 1) : 0;
        doc->blocks[i].first_copy = keys[i] ? tab[keys[i] - 1].first : i;
    }
    free(tab);
}

void features_compute(pith_doc *doc, const struct pith_extractor *ex)
{
    if (!doc)
        return;
    const pith_stopwords *sw = ex ? ex->stop : NULL;
    int nl = stopwords_lang_count(sw);
    if (nl > MAX_LANGS)
        nl = MAX_LANGS;
    uint32_t n = doc->n_blocks;
    uint16_t *hits = n && nl ? malloc((size_t)n * (size_t)nl * sizeof *hits) : NULL;
    uint64_t *keys = n ? malloc((size_t)n * sizeof *keys) : NULL;
    lang_sums prose = {0}, all = {0};
    for (uint32_t i = 0; i < n; i++) {
        pith_blk *b = &doc->blocks[i];
        b->first_copy = i;
        scan sc;
        scan_reset(&sc, sw, blk_text(doc, b), doc->text.data ? b->len : 0);
        scan_block(&sc);
        store_counts(b, &sc);
        sums_add(&all, &sc);
        if (sc.words >= DETECT_MIN_WORDS)
            sums_add(&prose, &sc);
        if (hits)
            store_hits(hits + (size_t)i * (size_t)nl, &sc, nl);
        if (keys)
            keys[i] = !sc.norm_started ? 0 : sc.hash ? sc.hash : 1;
    }
    int hint = stopwords_lang_find(sw, doc_str(doc, doc->raw.html_lang));
    doc->lang = choose_lang(prose.words >= DETECT_MIN_SAMPLE ? &prose : &all, sw, nl, hint);
    assign_stopwords(doc, sw, hits, nl);
    if (keys)
        count_repeats(doc, keys);
    free(hits);
    free(keys);
}

double feat_link_density(const pith_blk *b)
{
    return b->chars ? (double)b->link_chars / b->chars : 0;
}

double feat_stopword_density(const pith_blk *b)
{
    return b->words ? (double)b->stopwords / b->words : 0;
}

double feat_text_density(const pith_blk *b)
{
    return b->wrap_lines ? (double)b->wrap_words / b->wrap_lines : (double)b->words;
}
