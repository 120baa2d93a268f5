/* The stopword table: every embedded list (rules/stopwords/<code>.txt) merged into one
 * open-addressing hash table that maps a folded word to the bit set of the languages
 * listing it. Built once per extractor and never written again, so threads share it. */
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "utf8.h"

#define SW_MAX_LANGS 32 /* one bit each in the lookup result */
#define SW_CODE_MAX 8
#define SW_MAX_WORD 40  /* folded bytes; longer words are never stopwords */

static const char SW_PREFIX[] = "stopwords/";
static const char SW_SUFFIX[] = ".txt";

typedef struct sw_slot {
    uint32_t langs; /* 0 marks an empty slot */
    uint32_t off;   /* word bytes in pool */
    uint32_t len;
} sw_slot;

struct pith_stopwords {
    int n_langs;
    char codes[SW_MAX_LANGS][SW_CODE_MAX];
    double density[SW_MAX_LANGS]; /* typical stopword density of the language's prose */
    /* Most words miss, and a miss reads only the 16-bit tags (0 = empty slot): a compact
     * array that stays in cache while the slots are touched only on a tag match. */
    uint16_t *tags;
    sw_slot *slots;
    uint32_t mask;  /* slot count - 1 (a power of two) */
    size_t max_len; /* longest folded word in the table: longer lookups miss at once */
    char *pool;     /* the words, back to back, not NUL-terminated */
    size_t pool_len, pool_cap;
};

/* Codes pages use that are not the list's file name. */
static const struct {
    const char *alias, *code;
} ALIASES[] = {
    {"nb", "no"},  {"nn", "no"},  {"in", "id"},  {"jp", "ja"},  {"cz", "cs"},  {"gr", "el"},
    {"ua", "uk"},  {"dk", "da"},  {"eng", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"},
    {"fre", "fr"}, {"spa", "es"}, {"ita", "it"}, {"por", "pt"}, {"nld", "nl"}, {"dut", "nl"},
    {"pol", "pl"}, {"rus", "ru"}, {"ara", "ar"}, {"zho", "zh"}, {"chi", "zh"}, {"cmn", "zh"},
    {"jpn", "ja"}, {"swe", "sv"}, {"dan", "da"}, {"nor", "no"}, {"nob", "no"}, {"nno", "no"},
    {"fin", "fi"}, {"ces", "cs"}, {"cze", "cs"}, {"ron", "ro"}, {"rum", "ro"}, {"hun", "hu"},
    {"tur", "tr"}, {"ukr", "uk"}, {"ell", "el"}, {"gre", "el"}, {"ind", "id"},
};

/* The one spelling a code point is stored and looked up under, so that case, typographic
 * apostrophes and the usual variant spellings do not make a lookup miss. 0 = drop it. */
static uint32_t fold_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x02BC: /* ‘ ’ ʼ as apostrophes */
        return '\'';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return 0; /* invisible: soft hyphen, zero-width characters */
    case 0x0130:  /* Turkish İ: lower case is i, not the ı uc_tolower gives */
        return 'i';
    case 0x015E: case 0x015F: /* ş (Turkish, old Romanian) and ș are one letter here */
    case 0x0218: case 0x0219:
        return 0x0219;
    case 0x0162: case 0x0163: case 0x021A: case 0x021B:
        return 0x021B;
    case 0x03C2: /* final sigma: lists and text disagree on it after lower-casing Σ */
        return 0x03C3;
    case 0x0386:
        return 0x03AC;
    case 0x038C:
        return 0x03CC;
    case 0x0623: case 0x0625: case 0x0622: /* Arabic hamza alefs, often written bare */
        return 0x0627;
    case 0x0490:
        return 0x0491;
    default:
        break;
    }
    if (cp >= 0x0388 && cp <= 0x038A)
        return cp + 37;
    if (cp == 0x038E || cp == 0x038F)
        return cp + 63;
    return uc_tolower(cp);
}

#define FNV_BASIS STOPWORDS_HASH_BASIS
#define FNV_PRIME STOPWORDS_HASH_PRIME

/* Folds s[0..n) into out and hashes the result (FNV-1a) in the same pass, the one hot
 * loop of a lookup. Returns the folded length, or SIZE_MAX when it exceeds cap. */
static size_t fold_word(const char *s, size_t n, char *out, size_t cap, uint32_t *hash)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t h = FNV_BASIS;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            unsigned char c = p[i++];
            if (o >= cap)
                return SIZE_MAX;
            c = (unsigned char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
            out[o++] = (char)c;
            h = (h ^ c) * FNV_PRIME;
            continue;
        }
        uint32_t cp;
        i += utf8_decode(p + i, n - i, &cp);
        cp = fold_cp(cp);
        if (!cp)
            continue;
        char enc[4];
        size_t k = utf8_encode(cp, enc);
        if (o + k > cap)
            return SIZE_MAX;
        for (size_t j = 0; j < k; j++) {
            out[o++] = enc[j];
            h = (h ^ (unsigned char)enc[j]) * FNV_PRIME;
        }
    }
    *hash = h;
    return o;
}

/* A used slot's tag: the hash's high half, never 0. */
static uint16_t tag_of(uint32_t h)
{
    uint16_t t = (uint16_t)(h >> 16);
    return t ? t : 1;
}

/* The index of the slot holding w, or of the empty slot where it belongs. */
static uint32_t find_slot(const pith_stopwords *sw, const char *w, size_t n, uint32_t h)
{
    uint16_t tag = tag_of(h);
    for (uint32_t i = h & sw->mask;; i = (i + 1) & sw->mask) {
        if (!sw->tags[i])
            return i;
        const sw_slot *s = &sw->slots[i];
        if (sw->tags[i] == tag && s->len == n && memcmp(sw->pool + s->off, w, n) == 0)
            return i;
    }
}

static void add_word(pith_stopwords *sw, const char *raw, size_t n, int lang)
{
    char w[SW_MAX_WORD];
    uint32_t h;
    size_t len = fold_word(raw, n, w, sizeof w, &h);
    if (len == 0 || len == SIZE_MAX || sw->pool_len + len > sw->pool_cap)
        return;
    uint32_t i = find_slot(sw, w, len, h);
    sw_slot *s = &sw->slots[i];
    if (!sw->tags[i]) {
        memcpy(sw->pool + sw->pool_len, w, len);
        sw->tags[i] = tag_of(h);
        s->off = (uint32_t)sw->pool_len;
        s->len = (uint32_t)len;
        sw->pool_len += len;
        if (len > sw->max_len)
            sw->max_len = len;
    }
    s->langs |= 1u << lang;
}

/* Typical share of stopwords among the words of prose, for lists that do not say: the
 * figure of the Western European languages, measured on their pages. */
#define SW_DEFAULT_DENSITY 0.45
#define SW_DENSITY_DIRECTIVE "#! prose-density"

/* The first word of each line; '#' starts a comment line. A "#! prose-density D" line
 * gives the language's typical density: inflected and agglutinative languages (Polish,
 * Russian, Finnish, Turkish) and single-character lists (Chinese) sit far below the
 * 0.45 of English or German, and the classifier scales by it. */
static void add_list(pith_stopwords *sw, const char *text, size_t n, int lang)
{
    size_t i = 0;
    sw->density[lang] = SW_DEFAULT_DENSITY;
    size_t dl = sizeof SW_DENSITY_DIRECTIVE - 1;
    while (i < n) {
        if (n - i > dl && memcmp(text + i, SW_DENSITY_DIRECTIVE, dl) == 0) {
            char num[16];
            size_t k = 0, j = i + dl;
            while (j < n && k + 1 < sizeof num && text[j] != '\n')
                num[k++] = text[j++];
            num[k] = '\0';
            double d = strtod(num, NULL);
            if (d > 0.05 && d < 0.95)
                sw->density[lang] = d;
        }
        while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            i++;
        size_t start = i;
        while (i < n && text[i] != '\n' && text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            i++;
        if (i > start && text[start] != '#')
            add_word(sw, text + start, i - start, lang);
        while (i < n && text[i] != '\n')
            i++;
        i++;
    }
}

/* The language code of an embedded list file, or NULL when f is not one. */
static const char *list_code(const pith_embedded_file *f, size_t *len)
{
    size_t pl = sizeof SW_PREFIX - 1, sl = sizeof SW_SUFFIX - 1, n = strlen(f->name);
    if (n <= pl + sl || strncmp(f->name, SW_PREFIX, pl) != 0 ||
        strcmp(f->name + n - sl, SW_SUFFIX) != 0 || n - pl - sl >= SW_CODE_MAX)
        return NULL;
    *len = n - pl - sl;
    return f->name + pl;
}

static size_t count_lines(const unsigned char *s, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

pith_stopwords *stopwords_new(void)
{
    pith_stopwords *sw = calloc(1, sizeof *sw);
    if (!sw)
        return NULL;
    size_t entries = 0, bytes = 0;
    for (unsigned i = 0; i < pith_embedded_count; i++) {
        size_t len;
        if (list_code(&pith_embedded_files[i], &len)) {
            entries += count_lines(pith_embedded_files[i].data, pith_embedded_files[i].len);
            bytes += pith_embedded_files[i].len;
        }
    }
    /* load factor <= 1/2 keeps misses, the common case, at about one probe */
    uint32_t cap = 64;
    while (cap < 2 * entries && cap < (1u << 30))
        cap <<= 1;
    sw->tags = calloc(cap, sizeof *sw->tags);
    sw->slots = calloc(cap, sizeof *sw->slots);
    sw->pool = malloc(bytes ? bytes : 1);
    if (!sw->tags || !sw->slots || !sw->pool) {
        stopwords_free(sw);
        return NULL;
    }
    sw->mask = cap - 1;
    sw->pool_cap = bytes; /* folding never lengthens a word */
    for (unsigned i = 0; i < pith_embedded_count && sw->n_langs < SW_MAX_LANGS; i++) {
        const pith_embedded_file *f = &pith_embedded_files[i];
        size_t len;
        const char *code = list_code(f, &len);
        if (!code)
            continue;
        memcpy(sw->codes[sw->n_langs], code, len);
        sw->codes[sw->n_langs][len] = '\0';
        add_list(sw, (const char *)f->data, f->len, sw->n_langs);
        sw->n_langs++;
    }
    return sw;
}

void stopwords_free(pith_stopwords *sw)
{
    if (!sw)
        return;
    free(sw->tags);
    free(sw->slots);
    free(sw->pool);
    free(sw);
}

double stopwords_prose_density(const pith_stopwords *sw, int lang)
{
    if (!sw || lang < 0 || lang >= sw->n_langs)
        return SW_DEFAULT_DENSITY;
    return sw->density[lang];
}

double stopwords_scale(const pith_stopwords *sw, int lang)
{
    return SW_DEFAULT_DENSITY / stopwords_prose_density(sw, lang);
}

int stopwords_lang_count(const pith_stopwords *sw)
{
    return sw ? sw->n_langs : 0;
}

const char *stopwords_lang_code(const pith_stopwords *sw, int lang)
{
    return sw && lang >= 0 && lang < sw->n_langs ? sw->codes[lang] : "";
}

static int find_code(const pith_stopwords *sw, const char *code)
{
    for (int i = 0; i < sw->n_langs; i++)
        if (strcmp(sw->codes[i], code) == 0)
            return i;
    return -1;
}

int stopwords_lang_find(const pith_stopwords *sw, const char *code)
{
    if (!sw || !code)
        return -1;
    while (*code == ' ' || *code == '\t')
        code++;
    char c[SW_CODE_MAX];
    size_t n = 0;
    for (; code[n] && code[n] != '-' && code[n] != '_'; n++) {
        unsigned char ch = (unsigned char)code[n];
        if (n + 1 >= sizeof c || !((ch | 32) >= 'a' && (ch | 32) <= 'z'))
            return -1;
        c[n] = (char)(ch | 32);
    }
    c[n] = '\0';
    if (n == 0)
        return -1;
    int lang = find_code(sw, c);
    for (size_t i = 0; lang < 0 && i < sizeof ALIASES / sizeof ALIASES[0]; i++)
        if (strcmp(ALIASES[i].alias, c) == 0)
            lang = find_code(sw, ALIASES[i].code);
    return lang;
}

uint32_t stopwords_lookup(const pith_stopwords *sw, const char *w, size_t n)
{
    if (!sw || !w || n == 0 || !sw->n_langs)
        return 0;
    char buf[SW_MAX_WORD];
    uint32_t h;
    /* folding never lengthens a word, and shortens it only a little (’ to ', invisibles) */
    size_t len = n <= 4 * SW_MAX_WORD ? fold_word(w, n, buf, sw->max_len, &h) : SIZE_MAX;
    if (len == 0 || len == SIZE_MAX)
        return 0;
    uint32_t i = find_slot(sw, buf, len, h);
    return sw->tags[i] ? sw->slots[i].langs : 0;
}

uint32_t stopwords_lookup_folded(const pith_stopwords *sw, const char *w, size_t n,
                                 uint32_t hash)
{
    if (!sw || n == 0 || n > sw->max_len || !sw->n_langs)
        return 0;
    uint32_t i = find_slot(sw, w, n, hash);
    return sw->tags[i] ? sw->slots[i].langs : 0;
}
