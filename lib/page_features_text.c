/* Page features of visible-text dumps: only lines are left, so what the lines say (the
 * rule tables' page signals and kind votes) and how they are shaped and arranged:
 *   - prose: how much, in how many runs, how long the longest, where it starts;
 *   - line shapes: labels, headlines, dates, prices, numbers alone, fields ("Weight:
 *     2 kg"), questions, code;
 *   - the template of repeated items: a page of items repeats a short line per item
 *     ("Add to cart", "Reply", "Read more", "View Company Profile"), at a regular
 *     interval, over much of the page; what lies between the repeats (prose in a
 *     thread's posts, headlines and snippets in a listing, names and prices in a shop)
 *     tells the kinds of items apart.
 * All of it in one or two passes over the lines. */
#include "page_features.h"

#include <string.h>

#include "block_features.h"
#include "extractor.h"
#include "stopwords.h"
#include "text_features.h"

enum {
    F_CHARS = PF_COMMON, /* log text characters */
    F_LINES,         /* log lines */
    F_PROSE,         /* share of the text in prose lines */
    F_LONG_PROSE,    /* log prose lines */
    F_SHORT,         /* share of the lines under 40 characters */
    F_REPEATS,       /* share of the lines that repeat elsewhere in the dump */
    F_PROSE_RUN,     /* log prose lines in the longest run (one other line bridged) */
    F_PROSE_RUNS,    /* log runs of prose */
    F_PROSE_AT,      /* where the longest run starts, as a share of the lines */
    F_LABELS,        /* share of the lines that are labels (1-3 words) */
    F_HEADLINES,     /* share of the lines that are headlines of 4+ words */
    F_TITLECASE,     /* share of the lines of 2+ words in Title Case */
    F_DATES,         /* log lines holding a date */
    F_NUMBERS,       /* share of the lines that are numbers alone (votes, counts) */
    F_PRICES,        /* log short lines with a currency and a number */
    F_FIELDS,        /* log "Label: value" lines */
    F_QUESTIONS,     /* log lines ending with '?' */
    F_COLONS,        /* log lines ending with ':' */
    F_MENTIONS,      /* log lines with an @name */
    F_CODE,          /* share of the text in code-like lines */
    F_TERMINAL,      /* share of the lines of 4+ words ending like a sentence */
    F_WORDS,         /* log mean words per line */
    F_V_NAV,         /* log lines whose heaviest rule vote is navigation */
    F_V_TRENDING,    /* ... trending */
    F_V_PROMO,       /* ... promo */
    F_V_COMMENTS,    /* ... comments */
    F_V_META,        /* ... meta */
    F_SECTIONS,      /* log section heads (Related, Comments ...) */
    F_TOP_REPEAT,    /* log how often the most repeated short line repeats */
    F_ITEM_SPAN,     /* share of the lines between its first and last occurrence */
    F_ITEM_GAP,      /* log mean lines between occurrences */
    F_ITEM_CV,       /* how irregular those gaps are (deviation / mean, capped) */
    F_ITEM_PROSE,    /* share of the text between occurrences that is prose */
    F_ITEM_CHARS,    /* log characters per item */
    F_YOU,           /* share of the sampled words addressing the reader (you, vous ...) */
    F_WE,            /* share of the words a company speaks of itself with (we, our) */
    F_I,             /* share of the words a poster speaks of themself with (I, my) */
    F_DATED_HEAD,    /* a date or byline within a few lines above the longest prose run */
    F_PROSE_AVG,     /* log mean characters of the prose lines */
    F_PROSE_CHAIN,   /* share of the prose lines that follow a prose line */
    F_HEAD_DATE,     /* log headlines with a date in the next two lines */
    F_COUNT
};

static const char *const NAMES[F_COUNT] = {
    PAGE_COMMON_NAMES, "chars", "lines", "prose", "long_prose", "short", "repeats",
    "prose_run", "prose_runs", "prose_at", "labels", "headlines", "titlecase", "dates",
    "numbers", "prices", "fields", "questions", "colons", "mentions", "code", "terminal",
    "words", "v_nav", "v_trending", "v_promo", "v_comments", "v_meta", "sections",
    "top_repeat", "item_span", "item_gap", "item_cv", "item_prose", "item_chars", "you", "we",
    "i", "dated_head", "prose_avg", "prose_chain", "head_date",
};

_Static_assert(F_COUNT <= PAGE_FEATURES_MAX, "PAGE_FEATURES_MAX too small");

#define PROSE_MIN_CHARS 100
#define PROSE_MIN_STOPWORDS 0.30 /* scaled to English's prose density */
#define SHORT_LINE_CHARS 40
#define HEADLINE_WORDS 4
#define PRICE_MAX_CHARS 30
/* Longer lines are prose or tables, not a line of code. */
#define CODE_MAX_BYTES 300
/* A repeated short line is an item's template when it comes back this often. */
#define ITEM_MIN_REPEATS 3
#define ITEM_CV_CAP 3.0
/* The pronoun shares are taken over the first lines of sentences holding this many words:
 * enough to tell "we" pages from "I" pages, and a bound on the cost of long pages. */
#define PRONOUN_SAMPLE_WORDS 1500
/* A byline or dateline sits this close above an article's first paragraph. */
#define DATED_HEAD_LINES 6

/* Pronouns, lower-case, of the languages with stopword lists most pages use; who a page
 * speaks to and as whom is a matter of its type: a service page addresses "you" as
 * "we", a forum post speaks as "I", an article mostly in the third person. */
static const char *const YOU_WORDS[] = {"you", "your", "yours", "you're", "you'll", "vous",
                                       "votre", "vos", "usted", "ustedes", "ihnen", NULL};
static const char *const WE_WORDS[] = {"we", "our", "ours", "we're", "we've", "we'll", "wir",
                                      "unser", "unsere", "unseren", "nous", "notre", "nos",
                                      "nosotros", "nuestro", "nuestra", "nuestros", NULL};
static const char *const I_WORDS[] = {"i", "my", "me", "i'm", "i've", "i'd", "i'll", "ich",
                                     "mein", "meine", "mir", "mich", "je", "j'ai", "mon", "yo",
                                     NULL};

static int in_list(const char *const *list, const char *w)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(*list, w) == 0)
            return 1;
    return 0;
}

/* The first letters of the pronouns above: most words are rejected on their first. */
static int pronoun_start(char c)
{
    switch (c) {
    case 'y': case 'v': case 'u': case 'i': case 'w': case 'o': case 'n': case 'm': case 'j':
        return 1;
    default:
        return 0;
    }
}

/* Counts the pronouns of the three lists among the ASCII words of s. */
static void pronouns(const char *s, size_t n, double *you, double *we, double *me)
{
    char w[8];
    size_t k = 0;
    int skip = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : ' ';
        int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (letter || (c == '\'' && k > 0)) {
            if (k < sizeof w - 1)
                w[k++] = (char)(c == '\'' ? c : (c | 0x20));
            else
                skip = 1;
            continue;
        }
        if (c >= 0x80 || (c >= '0' && c <= '9')) {
            skip = 1; /* part of a longer word */
            continue;
        }
        if (k && !skip && pronoun_start(w[0])) {
            w[k] = '\0';
            if (in_list(YOU_WORDS, w))
                (*you)++;
            else if (in_list(WE_WORDS, w))
                (*we)++;
            else if (in_list(I_WORDS, w))
                (*me)++;
        }
        k = 0;
        skip = 0;
    }
}

static int is_prose(const pith_doc *doc, const pith_blk *b, double scale)
{
    return b->chars >= PROSE_MIN_CHARS &&
           (doc->lang >= 0 ? feat_stopword_density(b) * scale >= PROSE_MIN_STOPWORDS
                           : b->sentences >= 2);
}

static int has_currency(const char *s, size_t n)
{
    static const char *const CUR[] = {"$", "€", "£", "¥", "₹", "zł", "kr", "USD", "EUR", "GBP",
                                      "CHF"};
    for (size_t k = 0; k < sizeof CUR / sizeof *CUR; k++) {
        size_t m = strlen(CUR[k]);
        for (size_t i = 0; i + m <= n; i++)
            if (memcmp(s + i, CUR[k], m) == 0)
                return 1;
    }
    return 0;
}

/* A line of program text or a shell command: ends with ; { } or starts like a comment,
 * a prompt or a call, or is dense in the symbols code is made of. */
static int code_like(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    char last = s[n - 1], first = s[0];
    if (last == ';' || last == '{' || last == '}' || first == '}' || first == '#' ||
        (n >= 2 && ((first == '/' && s[1] == '/') || (first == '$' && s[1] == ' ') ||
                    (first == '>' && s[1] == '>'))))
        return 1;
    if (n < 8 || n > CODE_MAX_BYTES)
        return 0;
    /* code has brackets, assignments or underscores; most lines have none (the memchr
     * calls are vectorised, the count below is not) */
    if (!memchr(s, '(', n) && !memchr(s, '=', n) && !memchr(s, '_', n) && !memchr(s, '[', n) &&
        !memchr(s, '<', n))
        return 0;
    unsigned sym = 0;
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '{': case '}': case '(': case ')': case '[': case ']': case ';': case '=':
        case '<': case '>': case '_': case '$': case '\\': case '|': case '&': case '*':
            sym++;
            break;
        default:
            break;
        }
    }
    return sym * 6 >= n;
}

static int has_mention(const char *s, size_t n)
{
    for (const char *p = memchr(s, '@', n); p; p = memchr(p + 1, '@', (size_t)(s + n - p - 1))) {
        size_t i = (size_t)(p - s);
        if (i + 1 < n && (i == 0 || s[i - 1] == ' ') &&
            ((unsigned char)s[i + 1] | 0x20) >= 'a' && ((unsigned char)s[i + 1] | 0x20) <= 'z')
            return 1;
        if (i + 1 >= n)
            break;
    }
    return 0;
}

static int only_number(const char *s, size_t n)
{
    int digit = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digit = 1;
        else if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    return digit;
}

/* The occurrences of the most repeated short line: how regularly they come back and
 * what lies between them. */
static void item_features(const pith_doc *doc, double scale, double *f)
{
    uint32_t n = doc->n_blocks, top = PITH_NONE;
    unsigned best = 0;
    for (uint32_t i = 0; i < n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->chars < SHORT_LINE_CHARS && !(b->flags & BF_SEPARATOR) && b->repeat > best) {
            best = b->repeat;
            top = i;
        }
    }
    f[F_TOP_REPEAT] = pf_log1(best);
    if (top == PITH_NONE || best + 1 < ITEM_MIN_REPEATS)
        return;
    const pith_blk *t = &doc->blocks[top];
    const char *tt = blk_text(doc, t);
    uint32_t first = PITH_NONE, last = 0, prev = 0;
    double gaps = 0, gaps2 = 0, count = 0;
    for (uint32_t i = 0; i < n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->len != t->len || memcmp(blk_text(doc, b), tt, t->len) != 0)
            continue;
        if (first == PITH_NONE) {
            first = i;
        } else {
            double g = i - prev;
            gaps += g;
            gaps2 += g * g;
            count++;
        }
        prev = last = i;
    }
    if (count < 1)
        return;
    double mean = gaps / count, var = gaps2 / count - mean * mean;
    double chars = 0, prose = 0;
    for (uint32_t i = first; i <= last; i++) {
        const pith_blk *b = &doc->blocks[i];
        chars += b->chars;
        if (is_prose(doc, b, scale))
            prose += b->chars;
    }
    f[F_ITEM_SPAN] = pf_share(last - first + 1, n);
    f[F_ITEM_GAP] = pf_log1(mean);
    f[F_ITEM_CV] = fmin(sqrt(var > 0 ? var : 0) / mean, ITEM_CV_CAP);
    f[F_ITEM_PROSE] = pf_share(prose, chars);
    f[F_ITEM_CHARS] = pf_log1(chars / (count + 1));
}

static void compute(const pith_doc *doc, double *f)
{
    page_common_features(doc, f);
    double scale = 0.45 / stopwords_prose_density(doc->ex->stop, doc->lang);
    double chars = 0, prose = 0, n_prose = 0, shorts = 0, repeats = 0, labels = 0, heads = 0,
           titlecase = 0, multi = 0, dates = 0, numbers = 0, prices = 0, fields = 0,
           questions = 0, colons = 0, mentions = 0, code = 0, terminal = 0, long_lines = 0,
           words = 0, votes[PITH_KIND_COUNT] = {0}, sections = 0, runs = 0, you = 0, we = 0,
           me = 0, chain = 0, head_date = 0, sampled = 0;
    uint32_t last_dated = PITH_NONE, last_head = PITH_NONE, dated_before_best = 0;
    int prev_prose = 0;
    uint32_t n = doc->n_blocks, run = 0, run_start = 0, best_run = 0, best_start = 0;
    unsigned bridge = 0;
    for (uint32_t i = 0; i < n; i++) {
        const pith_blk *b = &doc->blocks[i];
        const char *s = blk_text(doc, b);
        unsigned shape = text_line_shape(doc, i);
        chars += b->chars;
        words += b->words;
        int p = is_prose(doc, b, scale);
        if (p) {
            prose += b->chars;
            n_prose++;
            chain += prev_prose;
            if (run == 0) {
                run_start = i;
                runs++;
            }
            run++;
            bridge = 0;
            if (run > best_run) {
                best_run = run;
                best_start = run_start;
                dated_before_best = last_dated != PITH_NONE && run_start - last_dated <= DATED_HEAD_LINES;
            }
        } else if (!(b->flags & BF_SEPARATOR) && (run == 0 || ++bridge > 1)) {
            run = 0;
            bridge = 0;
        }
        shorts += b->chars < SHORT_LINE_CHARS;
        repeats += b->repeat > 0;
        labels += (shape & TS_LABEL) != 0;
        heads += (shape & TS_HEADLINE) && b->words >= HEADLINE_WORDS;
        if (b->words >= 2) {
            multi++;
            titlecase += (shape & TS_TITLECASE) != 0;
        }
        if (b->words >= HEADLINE_WORDS) {
            long_lines++;
            terminal += (shape & TS_TERMINAL) && !(shape & TS_QUESTION);
        }
        dates += (shape & TS_DATE) != 0;
        if ((shape & TS_DATE) || b->votes[PITH_KIND_META] >= 1) {
            last_dated = i;
            if (last_head != PITH_NONE && i - last_head <= 2)
                head_date++;
            last_head = PITH_NONE;
        }
        if ((shape & TS_HEADLINE) && b->words >= HEADLINE_WORDS)
            last_head = i;
        if (!(b->flags & BF_SEPARATOR))
            prev_prose = p;
        /* the pronouns are stopwords; their shares are taken over a sample of the text */
        if (b->words >= 4 && b->stopwords >= 2 && sampled < PRONOUN_SAMPLE_WORDS) {
            pronouns(s, b->len, &you, &we, &me);
            sampled += b->words;
        }
        numbers += only_number(s, b->len);
        prices += b->chars < PRICE_MAX_CHARS && b->digits && has_currency(s, b->len);
        fields += (shape & TS_FIELD) != 0;
        questions += (shape & TS_QUESTION) && b->len && s[b->len - 1] == '?';
        colons += (shape & TS_COLON) != 0;
        mentions += has_mention(s, b->len);
        if (code_like(s, b->len))
            code += b->chars;
        int heavy = -1;
        float w = 0;
        for (int k = 0; k < PITH_KIND_COUNT; k++)
            if (k != PITH_KIND_BODY && b->votes[k] > w) {
                w = b->votes[k];
                heavy = k;
            }
        if (heavy >= 0)
            votes[heavy]++;
        /* (a copyright line opens the footer for the reader, lib/classify_text.c, but
         * heads nothing: it is no section head here) */
        sections += b->section != 0 && !(b->section == PITH_KIND_NAVIGATION + 1 && !(shape & TS_LABEL));
    }
    f[F_CHARS] = pf_log1(chars);
    f[F_LINES] = pf_log1(n);
    f[F_PROSE] = pf_share(prose, chars);
    f[F_LONG_PROSE] = pf_log1(n_prose);
    f[F_SHORT] = pf_share(shorts, n);
    f[F_REPEATS] = pf_share(repeats, n);
    f[F_PROSE_RUN] = pf_log1(best_run);
    f[F_PROSE_RUNS] = pf_log1(runs);
    f[F_PROSE_AT] = best_run ? pf_share(best_start, n) : 1;
    f[F_LABELS] = pf_share(labels, n);
    f[F_HEADLINES] = pf_share(heads, n);
    f[F_TITLECASE] = pf_share(titlecase, multi);
    f[F_DATES] = pf_log1(dates);
    f[F_NUMBERS] = pf_share(numbers, n);
    f[F_PRICES] = pf_log1(prices);
    f[F_FIELDS] = pf_log1(fields);
    f[F_QUESTIONS] = pf_log1(questions);
    f[F_COLONS] = pf_log1(colons);
    f[F_MENTIONS] = pf_log1(mentions);
    f[F_CODE] = pf_share(code, chars);
    f[F_TERMINAL] = pf_share(terminal, long_lines);
    f[F_WORDS] = pf_log1(pf_share(words, n));
    f[F_V_NAV] = pf_log1(votes[PITH_KIND_NAVIGATION]);
    f[F_V_TRENDING] = pf_log1(votes[PITH_KIND_TRENDING]);
    f[F_V_PROMO] = pf_log1(votes[PITH_KIND_PROMO]);
    f[F_V_COMMENTS] = pf_log1(votes[PITH_KIND_COMMENTS]);
    f[F_V_META] = pf_log1(votes[PITH_KIND_META]);
    f[F_SECTIONS] = pf_log1(sections);
    f[F_YOU] = pf_share(you, sampled);
    f[F_WE] = pf_share(we, sampled);
    f[F_I] = pf_share(me, sampled);
    f[F_DATED_HEAD] = dated_before_best;
    f[F_PROSE_AVG] = pf_log1(pf_share(prose, n_prose));
    f[F_PROSE_CHAIN] = pf_share(chain, n_prose);
    f[F_HEAD_DATE] = pf_log1(head_date);
    item_features(doc, scale, f);
}

const page_feature_set page_features_text = {NAMES, F_COUNT, compute};
