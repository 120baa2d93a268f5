/* Stage 4a: stopword lists, per-block counts, language detection, repeats, densities. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "block_features.h"
#include "check_suite.h"
#include "doc.h"
#include "embedded.h"
#include "extractor.h"
#include "stopwords.h"
#include "utf8.h"

/* ---------------------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------------------ */

static pith_extractor *new_ex(void)
{
    pith_extractor *ex = NULL;
    ck_assert_int_eq(pith_extractor_new(NULL, &ex, NULL), PITH_OK);
    ck_assert_ptr_nonnull(ex);
    return ex;
}

static pith_doc *new_doc(const pith_extractor *ex)
{
    pith_doc *doc = calloc(1, sizeof *doc);
    ck_assert_ptr_nonnull(doc);
    doc->ex = ex;
    doc->lang = -1;
    return doc;
}

static uint32_t add(pith_doc *doc, const char *text)
{
    uint32_t i = doc_add_block(doc, text, strlen(text));
    ck_assert_uint_ne(i, PITH_NONE);
    return i;
}

static void set_hint(pith_doc *doc, const char *lang)
{
    doc->raw.html_lang = doc_intern(doc, lang, strlen(lang));
    ck_assert_uint_ne(doc->raw.html_lang, 0);
}

static int lang_of(const pith_extractor *ex, const char *code)
{
    int l = stopwords_lang_find(ex->stop, code);
    ck_assert_msg(l >= 0, "no stopword list for %s", code);
    return l;
}

/* The page language detected for one block of text (plus an English menu line). */
static const char *detect(const pith_extractor *ex, const char *text, const char *hint)
{
    pith_doc *doc = new_doc(ex);
    add(doc, "Home | News | Sport | Login");
    add(doc, text);
    if (hint)
        set_hint(doc, hint);
    features_compute(doc, ex);
    static char code[8]; /* test-only scratch, one caller at a time */
    snprintf(code, sizeof code, "%s", doc->lang < 0 ? "-" : stopwords_lang_code(ex->stop, doc->lang));
    pith_doc_free(doc);
    return code;
}

/* One block, features computed with the page language forced by the hint. */
static pith_doc *one_block(const pith_extractor *ex, const char *text, const char *hint)
{
    pith_doc *doc = new_doc(ex);
    add(doc, text);
    if (hint)
        set_hint(doc, hint);
    features_compute(doc, ex);
    return doc;
}

static int has(const pith_extractor *ex, const char *code, const char *word)
{
    uint32_t bits = stopwords_lookup(ex->stop, word, strlen(word));
    return (bits >> lang_of(ex, code)) & 1u;
}

static void expect_stop(const pith_extractor *ex, const char *code, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        ck_assert_msg(has(ex, code, words[i]), "%s: '%s' should be a stopword", code, words[i]);
}

static void expect_not_stop(const pith_extractor *ex, const char *code, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        ck_assert_msg(!has(ex, code, words[i]), "%s: '%s' should not be a stopword", code,
                      words[i]);
}

/* ---------------------------------------------------------------------------------
 * stopword table
 * ------------------------------------------------------------------------------ */

START_TEST(languages_listed)
{
    pith_extractor *ex = new_ex();
    static const char *const required[] = {"en", "de", "fr", "es", "it", "pt", "nl", "pl",
                                           "ru", "ar", "zh", "ja", "sv", "da", "no", "fi",
                                           "cs", "ro", "hu", "tr", "uk", "el", "id"};
    ck_assert_int_eq(stopwords_lang_count(ex->stop), 23);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        int l = lang_of(ex, required[i]);
        ck_assert_str_eq(stopwords_lang_code(ex->stop, l), required[i]);
    }
    ck_assert_str_eq(stopwords_lang_code(ex->stop, -1), "");
    ck_assert_str_eq(stopwords_lang_code(ex->stop, 99), "");
    pith_extractor_free(ex);
}
END_TEST

START_TEST(lang_find)
{
    pith_extractor *ex = new_ex();
    const pith_stopwords *sw = ex->stop;
    int de = lang_of(ex, "de");
    ck_assert_int_eq(stopwords_lang_find(sw, "de-CH"), de);
    ck_assert_int_eq(stopwords_lang_find(sw, "DE"), de);
    ck_assert_int_eq(stopwords_lang_find(sw, "De-at"), de);
    ck_assert_int_eq(stopwords_lang_find(sw, "deu"), de);
    ck_assert_int_eq(stopwords_lang_find(sw, "pt_BR"), lang_of(ex, "pt"));
    ck_assert_int_eq(stopwords_lang_find(sw, "zh-Hans-CN"), lang_of(ex, "zh"));
    ck_assert_int_eq(stopwords_lang_find(sw, "nb-NO"), lang_of(ex, "no"));
    ck_assert_int_eq(stopwords_lang_find(sw, "nn"), lang_of(ex, "no"));
    ck_assert_int_eq(stopwords_lang_find(sw, " en"), lang_of(ex, "en"));
    ck_assert_int_eq(stopwords_lang_find(sw, "ko"), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, "english"), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, "e"), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, ""), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, "-"), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, "\xC3\xA9n"), -1);
    ck_assert_int_eq(stopwords_lang_find(sw, NULL), -1);
    ck_assert_int_eq(stopwords_lang_find(NULL, "en"), -1);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(lookup_per_language)
{
    pith_extractor *ex = new_ex();
    static const char *const en[] = {"the", "and", "of", "which", "it's", "would", NULL};
    static const char *const de[] = {"der", "die", "und", "nicht", "über", "dass", "daß", NULL};
    static const char *const fr[] = {"le", "les", "et", "dans", "être", "où", "l'", "qu'",
                                     "aujourd'hui", NULL};
    static const char *const es[] = {"el", "los", "y", "pero", "también", "según", NULL};
    static const char *const it[] = {"il", "della", "perché", "più", "dell'", "un'", NULL};
    static const char *const pt[] = {"não", "uma", "pelo", "também", "você", NULL};
    static const char *const nl[] = {"het", "een", "niet", "zijn", "zo'n", NULL};
    static const char *const pl[] = {"się", "że", "jest", "który", "będzie", NULL};
    static const char *const ru[] = {"и", "что", "это", "который", "её", "ее", NULL};
    static const char *const ar[] = {"في", "من", "على", "إلى", "الذي", NULL};
    static const char *const zh[] = {"的", "了", "是", "在", "這", "们", NULL};
    static const char *const ja[] = {"の", "に", "は", "を", "が", "て", NULL};
    static const char *const sv[] = {"och", "är", "inte", NULL};
    static const char *const da[] = {"ikke", "af", "meget", NULL};
    static const char *const no[] = {"ikke", "av", "mye", "å", NULL};
    static const char *const fi[] = {"ja", "että", "mutta", NULL};
    static const char *const cs[] = {"že", "který", "jsou", NULL};
    static const char *const ro[] = {"și", "că", "pentru", NULL};
    static const char *const hu[] = {"és", "hogy", "nem", NULL};
    static const char *const tr[] = {"ve", "bir", "için", NULL};
    static const char *const uk[] = {"і", "що", "який", NULL};
    static const char *const el[] = {"και", "του", "είναι", NULL};
    static const char *const id[] = {"yang", "dan", "tidak", NULL};
    expect_stop(ex, "en", en);
    expect_stop(ex, "de", de);
    expect_stop(ex, "fr", fr);
    expect_stop(ex, "es", es);
    expect_stop(ex, "it", it);
    expect_stop(ex, "pt", pt);
    expect_stop(ex, "nl", nl);
    expect_stop(ex, "pl", pl);
    expect_stop(ex, "ru", ru);
    expect_stop(ex, "ar", ar);
    expect_stop(ex, "zh", zh);
    expect_stop(ex, "ja", ja);
    expect_stop(ex, "sv", sv);
    expect_stop(ex, "da", da);
    expect_stop(ex, "no", no);
    expect_stop(ex, "fi", fi);
    expect_stop(ex, "cs", cs);
    expect_stop(ex, "ro", ro);
    expect_stop(ex, "hu", hu);
    expect_stop(ex, "tr", tr);
    expect_stop(ex, "uk", uk);
    expect_stop(ex, "el", el);
    expect_stop(ex, "id", id);

    static const char *const en_no[] = {"house", "government", "der", "fence", "", NULL};
    static const char *const de_no[] = {"haus", "the", "regierung", NULL};
    static const char *const ru_no[] = {"москва", "город", NULL};
    static const char *const zh_no[] = {"北", "京", "的了", NULL};
    static const char *const ja_no[] = {"東", "コ", "ン", NULL};
    expect_not_stop(ex, "en", en_no);
    expect_not_stop(ex, "de", de_no);
    expect_not_stop(ex, "ru", ru_no);
    expect_not_stop(ex, "zh", zh_no);
    expect_not_stop(ex, "ja", ja_no);
    /* "de" is Spanish, French, Portuguese, Romanian ... at once */
    uint32_t bits = stopwords_lookup(ex->stop, "de", 2);
    ck_assert(bits & (1u << lang_of(ex, "es")));
    ck_assert(bits & (1u << lang_of(ex, "fr")));
    ck_assert(bits & (1u << lang_of(ex, "pt")));
    ck_assert(!(bits & (1u << lang_of(ex, "en"))));
    ck_assert_uint_eq(stopwords_lookup(ex->stop, "the", 0), 0);
    ck_assert_uint_eq(stopwords_lookup(NULL, "the", 3), 0);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(lookup_folding)
{
    pith_extractor *ex = new_ex();
    /* case, typographic apostrophes, variant letters, invisible characters */
    static const char *const en[] = {"The", "THE", "It\xE2\x80\x99s", "DON\xE2\x80\x99T",
                                     "wh\xC2\xADich", NULL};
    static const char *const de[] = {"ÜBER", "Über", "DASS", NULL};
    static const char *const fr[] = {"L\xE2\x80\x99", "aujourd\xE2\x80\x99hui", "\xC3\x80", NULL};
    static const char *const ru[] = {"ЧТО", "Это", "ЕЁ", NULL};
    static const char *const el[] = {"ΤΟΥΣ", "τους", "Είναι", "ΚΑΙ", NULL};
    static const char *const tr[] = {"İçin", "şu", "ȘU", NULL};
    static const char *const ro[] = {"şi", "ŞI", "Și", "toţi", NULL};
    static const char *const ar[] = {"الى", "ان", NULL};
    static const char *const uk[] = {"Її", "ЩО", NULL};
    expect_stop(ex, "en", en);
    expect_stop(ex, "de", de);
    expect_stop(ex, "fr", fr);
    expect_stop(ex, "ru", ru);
    expect_stop(ex, "el", el);
    expect_stop(ex, "tr", tr);
    expect_stop(ex, "ro", ro);
    expect_stop(ex, "ar", ar);
    expect_stop(ex, "uk", uk);
    /* long words never match, and lookups of any bytes are safe */
    char longw[300];
    memset(longw, 'a', sizeof longw);
    ck_assert_uint_eq(stopwords_lookup(ex->stop, longw, sizeof longw), 0);
    ck_assert_uint_eq(stopwords_lookup(ex->stop, "\xFF\xFE\xC3", 3), 0);
    pith_extractor_free(ex);
}
END_TEST

/* Every entry of every embedded list is found under its own language; zh and ja hold
 * single characters only, since unspaced text is matched a character at a time. */
START_TEST(list_entries)
{
    pith_extractor *ex = new_ex();
    int lists = 0;
    for (unsigned f = 0; f < pith_embedded_count; f++) {
        const pith_embedded_file *file = &pith_embedded_files[f];
        if (strncmp(file->name, "stopwords/", 10) != 0)
            continue;
        char code[8];
        snprintf(code, sizeof code, "%.*s", (int)(strlen(file->name) - 14), file->name + 10);
        int lang = lang_of(ex, code);
        int unspaced = !strcmp(code, "zh") || !strcmp(code, "ja");
        const char *p = (const char *)file->data, *end = p + file->len;
        int entries = 0;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            if (n && p[0] != '#') {
                ck_assert_msg(stopwords_lookup(ex->stop, p, n) & (1u << lang), "%s: '%.*s' not found",
                              code, (int)n, p);
                uint32_t cp;
                ck_assert_msg(!unspaced || utf8_decode((const unsigned char *)p, n, &cp) == n,
                              "%s: '%.*s' is not one character", code, (int)n, p);
                entries++;
            }
            p += n + 1;
        }
        ck_assert_msg(entries >= (unspaced ? 80 : 100) && entries <= 300, "%s has %d entries", code,
                      entries);
        lists++;
    }
    ck_assert_int_eq(lists, stopwords_lang_count(ex->stop));
    pith_extractor_free(ex);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * counts
 * ------------------------------------------------------------------------------ */

START_TEST(counts_english)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(
        ex, "The quick brown fox, aged 3.5 years, jumped over the U.S. fence! Then it's done.",
        NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "en");
    ck_assert_uint_eq(b->chars, 66);
    ck_assert_uint_eq(b->words, 17);      /* 3.5 is two words, U.S. two, it's one */
    ck_assert_uint_eq(b->stopwords, 6);   /* the over the then it's done */
    ck_assert_uint_eq(b->sentences, 2);   /* "!" and the final "."; not 3.5 nor U.S. */
    ck_assert_uint_eq(b->commas, 2);
    ck_assert_uint_eq(b->digits, 2);
    ck_assert_uint_eq(b->uppers, 4);      /* The U S Then */
    ck_assert_uint_eq(b->lowers, 11);
    ck_assert_uint_eq(b->caps, 0);
    ck_assert_uint_eq(b->puncts, 8);      /* , . , . . ! ' . */
    ck_assert_uint_eq(b->repeat, 0);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_capitals)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "NASA and the FBI said OK to the EU-US deal, A B", "en");
    const pith_blk *b = &doc->blocks[0];
    ck_assert_uint_eq(b->words, 13);
    ck_assert_uint_eq(b->caps, 5);    /* NASA FBI OK EU US; not the one-letter A B */
    ck_assert_uint_eq(b->uppers, 7);  /* all-caps words start upper case too */
    ck_assert_uint_eq(b->lowers, 6);
    ck_assert_uint_eq(b->stopwords, 7); /* and the said to the US A: case is folded */
    ck_assert_uint_eq(b->sentences, 0);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_russian)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(
        ex, "Москва — столица России. Это очень большой город, и в нём живёт много людей.", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "ru");
    ck_assert_uint_eq(b->chars, 63);
    ck_assert_uint_eq(b->words, 13);
    ck_assert_uint_eq(b->stopwords, 6); /* это очень и в нём много */
    ck_assert_uint_eq(b->sentences, 2);
    ck_assert_uint_eq(b->commas, 1);
    ck_assert_uint_eq(b->uppers, 3);
    ck_assert_uint_eq(b->lowers, 10);
    ck_assert_uint_eq(b->puncts, 4); /* — . , . */
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_chinese)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "我们今天去北京。他说这个城市很大，人也很多！", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "zh");
    ck_assert_uint_eq(b->chars, 22);
    ck_assert_uint_eq(b->words, 19);     /* every Han character */
    ck_assert_uint_eq(b->stopwords, 12); /* 我们去 他说这个 很 人也很多 */
    ck_assert_uint_eq(b->sentences, 2);  /* 。 needs no space after it */
    ck_assert_uint_eq(b->commas, 1);
    ck_assert_uint_eq(b->puncts, 3);
    ck_assert_uint_eq(b->uppers + b->lowers + b->caps, 0);
    ck_assert_double_eq_tol(feat_text_density(b), 19.0, 1e-9);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_japanese)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "私は東京に住んでいます。日本の文化が好きです。", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "ja");
    ck_assert_uint_eq(b->chars, 23);
    ck_assert_uint_eq(b->words, 21);
    ck_assert_uint_eq(b->stopwords, 13);
    ck_assert_uint_eq(b->sentences, 2);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_arabic)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc =
        one_block(ex, "ذهب الرجل إلى السوق في الصباح، ولكن المحل كان مغلقا.", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "ar");
    ck_assert_uint_eq(b->words, 10);
    ck_assert_uint_eq(b->stopwords, 4); /* إلى في ولكن كان */
    ck_assert_uint_eq(b->commas, 1);    /* ، */
    ck_assert_uint_eq(b->sentences, 1);
    ck_assert_uint_eq(b->uppers + b->lowers + b->caps, 0);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_greek)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "Ο άνθρωπος που ήρθε χθες είναι ΦΙΛΟΣ μου.", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "el");
    ck_assert_uint_eq(b->words, 8);
    ck_assert_uint_eq(b->stopwords, 4); /* ο που είναι μου */
    ck_assert_uint_eq(b->uppers, 2);
    ck_assert_uint_eq(b->caps, 1);
    ck_assert_uint_eq(b->lowers, 6);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(counts_digits)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "Score 12:30, ٣٤ and ５６ on 2024-05-01", "en");
    const pith_blk *b = &doc->blocks[0];
    ck_assert_uint_eq(b->digits, 2 + 2 + 2 + 2 + 8);
    ck_assert_uint_eq(b->words, 10); /* Score 12 30 ٣٤ and ５６ on 2024 05 01 */
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(elisions)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = one_block(ex, "L'homme qu'il aime aujourd\xE2\x80\x99hui", NULL);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "fr");
    ck_assert_uint_eq(b->words, 6);     /* l' homme qu' il aime aujourd'hui */
    ck_assert_uint_eq(b->stopwords, 4); /* l' qu' il aujourd'hui */
    ck_assert_uint_eq(b->uppers, 1);    /* case is counted per written token */
    ck_assert_uint_eq(b->lowers, 3);
    pith_doc_free(doc);

    doc = one_block(ex, "Dell\xE2\x80\x99" "anno un'amica nell'arte", "it");
    b = &doc->blocks[0];
    ck_assert_uint_eq(b->words, 6);
    ck_assert_uint_eq(b->stopwords, 3);
    pith_doc_free(doc);

    /* English: contractions are listed whole; a name is one word, not a stopword */
    doc = one_block(ex, "O'Brien said it\xE2\x80\x99s fine 'quoted' rock'n'roll", "en");
    b = &doc->blocks[0];
    ck_assert_uint_eq(b->words, 6);     /* O'Brien said it's fine quoted rock'n'roll */
    ck_assert_uint_eq(b->stopwords, 2); /* said it's */
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(sentences)
{
    pith_extractor *ex = new_ex();
    static const struct {
        const char *text;
        unsigned sentences;
    } cases[] = {
        {"J. Smith arrived at 3.5 p.m. today. Really?! Yes... \"Stop.\" (Done.) 1. Item", 5},
        {"你好。我很好！谢谢？", 3},
        {"See example.com and v1.2.3 now", 0},
        {"Wait\xE2\x80\xA6 what", 1},
        {"It ended.", 1},
        {"It ended. ", 1},
        {"\xC2\xAB" "C'est fini.\xC2\xBB Oui.", 2},
        {"Ende.\xE2\x80\x9C Neu", 1},
        {"Why?", 1},
        {"...", 1},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pith_doc *doc = one_block(ex, cases[i].text, NULL);
        ck_assert_msg(doc->blocks[0].sentences == cases[i].sentences, "'%s': %u sentences, not %u",
                      cases[i].text, doc->blocks[0].sentences, cases[i].sentences);
        pith_doc_free(doc);
    }
    pith_extractor_free(ex);
}
END_TEST

START_TEST(saturation)
{
    pith_extractor *ex = new_ex();
    size_t n = 70000;
    char *text = malloc(n * 3 + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 3, "a, ", 3);
    text[n * 3 - 1] = '\0';
    pith_doc *doc = new_doc(ex);
    add(doc, text);
    set_hint(doc, "en");
    features_compute(doc, ex);
    const pith_blk *b = &doc->blocks[0];
    ck_assert_str_eq(stopwords_lang_code(ex->stop, doc->lang), "en");
    ck_assert_uint_eq(b->chars, 2 * n);
    ck_assert_uint_eq(b->words, UINT16_MAX);
    ck_assert_uint_eq(b->stopwords, UINT16_MAX);
    ck_assert_uint_eq(b->commas, UINT16_MAX);
    ck_assert_uint_eq(b->puncts, UINT16_MAX);
    ck_assert_uint_eq(b->lowers, UINT16_MAX);
    ck_assert_uint_eq(b->sentences, 0);
    /* 27 "a," tokens a line: the ratio survives although the counts do not fit */
    ck_assert_double_eq_tol(feat_text_density(b), 27.0, 1e-9);
    pith_doc_free(doc);
    free(text);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(repeats)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    add(doc, "Read more");
    add(doc, "read more");
    add(doc, "  READ \xC2\xA0 MORE ");
    add(doc, "Read more!");
    add(doc, "Other");
    add(doc, "");
    add(doc, " ");
    add(doc, "Read more");
    add(doc, "Read\xE2\x80\x8B more"); /* a zero-width space is not a difference */
    add(doc, "Readmore");
    features_compute(doc, ex);
    static const unsigned expect[] = {4, 4, 4, 0, 0, 0, 0, 4, 4, 0};
    for (uint32_t i = 0; i < doc->n_blocks; i++)
        ck_assert_msg(doc->blocks[i].repeat == expect[i], "block %u: repeat %u, not %u", i,
                      doc->blocks[i].repeat, expect[i]);
    pith_doc_free(doc);

    /* many groups */
    doc = new_doc(ex);
    for (int i = 0; i < 3000; i++) {
        char t[32];
        snprintf(t, sizeof t, i % 2 ? "Item %d" : "ITEM %d", i % 100);
        add(doc, t);
    }
    features_compute(doc, ex);
    for (uint32_t i = 0; i < doc->n_blocks; i++)
        ck_assert_uint_eq(doc->blocks[i].repeat, 29);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(link_chars_clamped)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    add(doc, "hello");
    add(doc, "hello world");
    add(doc, "");
    doc->blocks[0].link_chars = 50;
    doc->blocks[1].link_chars = 5;
    features_compute(doc, ex);
    ck_assert_uint_eq(doc->blocks[0].link_chars, 5);
    ck_assert_uint_eq(doc->blocks[1].link_chars, 5);
    ck_assert_double_eq_tol(feat_link_density(&doc->blocks[0]), 1.0, 1e-9);
    ck_assert_double_eq_tol(feat_link_density(&doc->blocks[1]), 0.5, 1e-9);
    ck_assert_double_eq(feat_link_density(&doc->blocks[2]), 0.0);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(densities)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    set_hint(doc, "en");
    add(doc, "one two three");
    char words[40 * 5 + 1] = "";
    for (int i = 0; i < 40; i++)
        strcat(words, i ? " word" : "word");
    add(doc, words);
    char han[100 * 3 + 1] = "";
    for (int i = 0; i < 100; i++)
        strcat(han, "国");
    add(doc, han);
    add(doc, "");
    add(doc, "the cat and the dog");
    add(doc, "| - | — |");
    features_compute(doc, ex);
    const pith_blk *b = doc->blocks;
    /* one partial line: its word count, as boilerpipe */
    ck_assert_double_eq_tol(feat_text_density(&b[0]), 3.0, 1e-9);
    /* "word" + 15 x " word" fill 79 columns: lines of 16, 16, then 8 left over */
    ck_assert_uint_eq(b[1].wrap_lines, 2);
    ck_assert_uint_eq(b[1].wrap_words, 32);
    ck_assert_double_eq_tol(feat_text_density(&b[1]), 16.0, 1e-9);
    /* a Han character is two columns wide: 40 a line */
    ck_assert_double_eq_tol(feat_text_density(&b[2]), 40.0, 1e-9);
    ck_assert_double_eq(feat_text_density(&b[3]), 0.0);
    ck_assert_double_eq(feat_stopword_density(&b[3]), 0.0);
    ck_assert_double_eq_tol(feat_stopword_density(&b[4]), 3.0 / 5.0, 1e-9);
    ck_assert_double_eq(feat_text_density(&b[5]), 0.0);
    ck_assert_uint_eq(b[5].puncts, 5);
    ck_assert_uint_eq(b[5].chars, 5);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(odd_input)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    add(doc, "\xFF\xFE abc \xC3");
    add(doc, "   ");
    doc_add_block(doc, "a\0b", 3);
    features_compute(doc, ex);
    ck_assert_uint_eq(doc->blocks[0].words, 1);
    ck_assert_uint_eq(doc->blocks[0].chars, 6);
    ck_assert_uint_eq(doc->blocks[1].words, 0);
    ck_assert_uint_eq(doc->blocks[1].chars, 0);
    ck_assert_uint_eq(doc->blocks[2].words, 2);
    ck_assert_int_eq(doc->lang, -1);
    pith_doc_free(doc);

    /* no blocks: the hint alone decides; no extractor: counts without stopwords */
    doc = new_doc(ex);
    set_hint(doc, "pl-PL");
    features_compute(doc, ex);
    ck_assert_int_eq(doc->lang, lang_of(ex, "pl"));
    pith_doc_free(doc);
    doc = new_doc(ex);
    add(doc, "the cat and the dog and the bird");
    features_compute(doc, NULL);
    ck_assert_int_eq(doc->lang, -1);
    ck_assert_uint_eq(doc->blocks[0].words, 8);
    ck_assert_uint_eq(doc->blocks[0].stopwords, 0);
    pith_doc_free(doc);
    features_compute(NULL, ex);
    pith_extractor_free(ex);
}
END_TEST

/* Random bytes and tricky characters: no crash, and the counts stay consistent. */
START_TEST(invariants_on_noise)
{
    static const char *const pieces[] = {
        "a", "Z", " ", "'", "\xE2\x80\x99", ".", "!", "?", "\xE3\x80\x82", ",", "\xD8\x8C",
        "\xC3\xA9", "\xCC\x81", "\xE2\x80\x8B", "\xC2\xAD", "\xE7\x9A\x84", "\xE3\x81\xAE",
        "\xD0\x96", "\xF0\x9F\x98\x80", "\xFF", "\xC3", "\xE2\x80", "\x00", "1", "\"", ")",
        "l'", "qu'", "\xCA\xBC", "\xC2\xA0", "\t", "the", "und", "\xE0\xB8\x81"};
    size_t np = sizeof pieces / sizeof pieces[0];
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    uint32_t seed = 12345;
    char buf[2048];
    for (int b = 0; b < 400; b++) {
        size_t len = 0;
        int count = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 300;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % np];
            size_t pl = piece[0] ? strlen(piece) : 1;
            memcpy(buf + len, piece, pl);
            len += pl;
        }
        uint32_t i = doc_add_block(doc, buf, len);
        ck_assert_uint_ne(i, PITH_NONE);
        doc->blocks[i].link_chars = (seed >> 8) % 500;
    }
    features_compute(doc, ex);
    for (uint32_t i = 0; i < doc->n_blocks; i++) {
        const pith_blk *b = &doc->blocks[i];
        ck_assert_uint_le(b->link_chars, b->chars);
        ck_assert_uint_le(b->stopwords, b->words);
        ck_assert_uint_le(b->uppers + b->lowers, b->words);
        ck_assert_uint_le(b->caps, b->uppers);
        ck_assert_uint_le(b->digits, b->chars);
        ck_assert_uint_le(b->puncts, b->chars);
        ck_assert_uint_le(b->wrap_words, b->words);
        ck_assert_uint_lt(b->repeat, doc->n_blocks);
        ck_assert(feat_link_density(b) >= 0 && feat_link_density(b) <= 1);
        ck_assert(feat_stopword_density(b) >= 0 && feat_stopword_density(b) <= 1);
        ck_assert(feat_text_density(b) >= 0 && feat_text_density(b) <= b->words);
    }
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* Sizes where a quadratic path would take minutes. */
START_TEST(pathological_sizes)
{
    pith_extractor *ex = new_ex();
    size_t n = 2u << 20;
    char *big = malloc(n);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < n; i++)
        big[i] = "a'b."[i % 4]; /* one endless apostrophe-joined word */
    clock_t t0 = clock();
    pith_doc *doc = new_doc(ex);
    doc_add_block(doc, big, n);
    memset(big, 'x', n); /* one word of 2 MB */
    doc_add_block(doc, big, n);
    for (int i = 0; i < 100000; i++)
        add(doc, "Share");
    features_compute(doc, ex);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    ck_assert_uint_eq(doc->blocks[1].words, 1);
    ck_assert_uint_eq(doc->blocks[1].chars, n);
    ck_assert_uint_eq(doc->blocks[2].repeat, 99999 > UINT16_MAX ? UINT16_MAX : 99999);
    ck_assert_msg(secs < 30, "features took %.1f s", secs);
    pith_doc_free(doc);
    free(big);
    pith_extractor_free(ex);
}
END_TEST

/* ---------------------------------------------------------------------------------
 * language detection
 * ------------------------------------------------------------------------------ */

static const struct {
    const char *lang, *text;
} PARAGRAPHS[] = {
    {"en", "The government announced on Tuesday that it would invest more money in public "
           "transport over the next five years, but critics said the plan was not enough to "
           "meet the targets that had been set by the city."},
    {"de", "Die Regierung hat am Dienstag angekündigt, dass sie in den nächsten fünf Jahren "
           "mehr Geld in den öffentlichen Verkehr investieren wird, aber Kritiker sagen, dass "
           "der Plan nicht ausreicht, um die Ziele der Stadt zu erreichen."},
    {"fr", "Le gouvernement a annoncé mardi qu'il allait investir davantage dans les "
           "transports publics au cours des cinq prochaines années, mais les critiques "
           "estiment que le plan n'est pas suffisant pour atteindre les objectifs fixés par "
           "la ville."},
    {"es", "El gobierno anunció el martes que invertirá más dinero en el transporte público "
           "durante los próximos cinco años, pero los críticos dijeron que el plan no es "
           "suficiente para cumplir los objetivos que había fijado la ciudad."},
    {"it", "Il governo ha annunciato martedì che investirà più denaro nel trasporto pubblico "
           "nei prossimi cinque anni, ma i critici hanno detto che il piano non è sufficiente "
           "per raggiungere gli obiettivi fissati dalla città."},
    {"pt", "O governo anunciou na terça-feira que vai investir mais dinheiro no transporte "
           "público nos próximos cinco anos, mas os críticos disseram que o plano não é "
           "suficiente para cumprir as metas que tinham sido definidas pela cidade."},
    {"nl", "De regering heeft dinsdag aangekondigd dat zij de komende vijf jaar meer geld in "
           "het openbaar vervoer zal investeren, maar critici zeggen dat het plan niet genoeg "
           "is om de doelen van de stad te halen."},
    {"pl", "Rząd ogłosił we wtorek, że w ciągu najbliższych pięciu lat zainwestuje więcej "
           "pieniędzy w transport publiczny, ale krytycy twierdzą, że ten plan nie wystarczy, "
           "aby osiągnąć cele, które wyznaczyło miasto."},
    {"ru", "Правительство объявило во вторник, что в ближайшие пять лет оно будет вкладывать "
           "больше денег в общественный транспорт, но критики считают, что этого плана "
           "недостаточно для того, чтобы достичь целей, которые поставил город."},
    {"uk", "Уряд оголосив у вівторок, що протягом наступних п'яти років він буде вкладати "
           "більше грошей у громадський транспорт, але критики вважають, що цього плану "
           "недостатньо для того, щоб досягти цілей, які поставило місто."},
    {"zh", "政府星期二宣布，在未来五年里将在公共交通上投入更多资金，但是批评者说这个计划不足以"
           "实现城市设定的目标。"},
    {"zh", "我們今天去台北。這個城市很大，人也很多，我們都很喜歡這裡的食物。"},
    {"ja", "政府は火曜日、今後五年間で公共交通にもっと多くの資金を投資すると発表したが、批評家"
           "たちはこの計画では市が設定した目標を達成するには不十分だと述べた。"},
    {"ar", "أعلنت الحكومة يوم الثلاثاء أنها ستستثمر المزيد من الأموال في النقل العام خلال "
           "السنوات الخمس المقبلة، لكن المنتقدين قالوا إن الخطة ليست كافية لتحقيق الأهداف التي "
           "حددتها المدينة."},
    {"sv", "Regeringen meddelade på tisdagen att den kommer att investera mer pengar i "
           "kollektivtrafiken under de kommande fem åren, men kritiker säger att planen inte "
           "är tillräcklig för att nå de mål som staden har satt."},
    {"da", "Regeringen meddelte tirsdag, at den vil investere flere penge i den offentlige "
           "transport i de kommende fem år, men kritikerne siger, at planen ikke er nok til at "
           "nå de mål, som byen har sat, og at der mangler meget af det, som blev lovet."},
    {"no", "Regjeringen kunngjorde tirsdag at den vil investere mer penger i "
           "kollektivtransporten i løpet av de neste fem årene, men kritikerne sier at planen "
           "ikke er nok til å nå målene som byen har satt."},
    {"fi", "Hallitus ilmoitti tiistaina, että se aikoo investoida enemmän rahaa julkiseen "
           "liikenteeseen seuraavien viiden vuoden aikana, mutta kriitikoiden mukaan "
           "suunnitelma ei ole riittävä, jotta kaupungin asettamat tavoitteet saavutettaisiin."},
    {"cs", "Vláda v úterý oznámila, že v příštích pěti letech bude investovat více peněz do "
           "veřejné dopravy, ale kritici říkají, že tento plán nestačí k tomu, aby město "
           "dosáhlo cílů, které si stanovilo."},
    {"ro", "Guvernul a anunțat marți că va investi mai mulți bani în transportul public în "
           "următorii cinci ani, dar criticii spun că planul nu este suficient pentru a atinge "
           "obiectivele stabilite de oraș."},
    {"hu", "A kormány kedden bejelentette, hogy a következő öt évben több pénzt fektet a "
           "tömegközlekedésbe, de a kritikusok szerint a terv nem elég ahhoz, hogy a város "
           "által kitűzött célokat elérjék."},
    {"tr", "Hükümet salı günü yaptığı açıklamada, önümüzdeki beş yıl içinde toplu taşımaya "
           "daha fazla para yatıracağını bildirdi, ancak eleştirmenler bu planın şehrin "
           "hedeflerine ulaşmak için yeterli olmadığını ve bir çözüm olmadığını söyledi."},
    {"el", "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα επενδύσει περισσότερα χρήματα στις "
           "δημόσιες συγκοινωνίες τα επόμενα πέντε χρόνια, αλλά οι επικριτές λένε ότι το "
           "σχέδιο δεν είναι αρκετό για να επιτευχθούν οι στόχοι της πόλης."},
    {"id", "Pemerintah mengumumkan pada hari Selasa bahwa mereka akan menginvestasikan lebih "
           "banyak uang untuk transportasi umum dalam lima tahun ke depan, tetapi para kritikus "
           "mengatakan bahwa rencana itu tidak cukup untuk mencapai target yang telah "
           "ditetapkan oleh kota."},
};

START_TEST(detect_paragraph)
{
    pith_extractor *ex = new_ex();
    const char *want = PARAGRAPHS[_i].lang;
    const char *got = detect(ex, PARAGRAPHS[_i].text, NULL);
    ck_assert_msg(strcmp(got, want) == 0, "paragraph %d: detected %s, not %s", _i, got, want);
    /* a wrong template hint does not overrule a clear detection */
    got = detect(ex, PARAGRAPHS[_i].text, strcmp(want, "en") ? "en" : "de");
    ck_assert_msg(strcmp(got, want) == 0, "paragraph %d with a wrong hint: %s, not %s", _i, got,
                  want);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(detect_stopwords_counted_for_chosen_language)
{
    pith_extractor *ex = new_ex();
    pith_doc *doc = new_doc(ex);
    add(doc, PARAGRAPHS[1].text); /* German */
    add(doc, "in die der und");   /* de only, though "in" is English too */
    add(doc, "the of and with");  /* English menu words count nothing on a German page */
    features_compute(doc, ex);
    ck_assert_int_eq(doc->lang, lang_of(ex, "de"));
    ck_assert_uint_eq(doc->blocks[1].stopwords, 4);
    ck_assert_uint_eq(doc->blocks[2].stopwords, 0);
    ck_assert_uint_ge(doc->blocks[0].stopwords, 15);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(hint)
{
    pith_extractor *ex = new_ex();
    ck_assert_str_eq(detect(ex, PARAGRAPHS[0].text, "en-US"), "en");
    /* weak: nothing to detect from, the hint wins */
    ck_assert_str_eq(detect(ex, "Login Register Contact Impressum", "de"), "de");
    ck_assert_str_eq(detect(ex, "Login Register Contact Impressum", NULL), "-");
    /* a hint without a list is ignored */
    ck_assert_str_eq(detect(ex, PARAGRAPHS[0].text, "ko"), "en");
    /* close: de que a se is as Spanish as it is French or Portuguese */
    const char *tie = "de que a se de que a se de que a se";
    ck_assert_str_eq(detect(ex, tie, "pt-BR"), "pt");
    ck_assert_str_eq(detect(ex, tie, "es"), "es");
    ck_assert_str_eq(detect(ex, tie, "fr"), "fr");
    const char *none = detect(ex, tie, NULL);
    ck_assert_msg(!strcmp(none, "es") || !strcmp(none, "fr") || !strcmp(none, "pt"), "%s", none);
    /* Danish and Norwegian are close: the hint decides between them */
    ck_assert_str_eq(detect(ex, PARAGRAPHS[16].text, "nb"), "no");
    pith_extractor_free(ex);
}
END_TEST

START_TEST(detect_unknown_and_cjk_fallback)
{
    pith_extractor *ex = new_ex();
    ck_assert_str_eq(detect(ex, "Xyzzy plugh qwerty asdf zork frobozz grue", NULL), "-");
    pith_doc *doc = one_block(ex, "Xyzzy plugh qwerty asdf zork frobozz grue", NULL);
    ck_assert_int_eq(doc->lang, -1);
    ck_assert_uint_eq(doc->blocks[0].stopwords, 0);
    pith_doc_free(doc);
    /* no listed character at all: the script decides */
    ck_assert_str_eq(detect(ex, "北京天气预报明天晴转阴气温", NULL), "zh");
    ck_assert_str_eq(detect(ex, "コンピュータ プログラム ソフトウェア", NULL), "ja");
    /* Korean is spaced and has no list */
    ck_assert_str_eq(detect(ex, "서울 날씨 예보 내일 맑음 기온 상승", NULL), "-");
    pith_extractor_free(ex);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("features");
    TCase *tc = tcase_create("stopwords");
    tcase_add_test(tc, languages_listed);
    tcase_add_test(tc, lang_find);
    tcase_add_test(tc, lookup_per_language);
    tcase_add_test(tc, lookup_folding);
    tcase_add_test(tc, list_entries);
    suite_add_tcase(s, tc);

    tc = tcase_create("counts");
    tcase_add_test(tc, counts_english);
    tcase_add_test(tc, counts_capitals);
    tcase_add_test(tc, counts_russian);
    tcase_add_test(tc, counts_chinese);
    tcase_add_test(tc, counts_japanese);
    tcase_add_test(tc, counts_arabic);
    tcase_add_test(tc, counts_greek);
    tcase_add_test(tc, counts_digits);
    tcase_add_test(tc, elisions);
    tcase_add_test(tc, sentences);
    tcase_add_test(tc, saturation);
    tcase_add_test(tc, repeats);
    tcase_add_test(tc, link_chars_clamped);
    tcase_add_test(tc, densities);
    tcase_add_test(tc, odd_input);
    tcase_add_test(tc, invariants_on_noise);
    tcase_add_test(tc, pathological_sizes);
    suite_add_tcase(s, tc);

    tc = tcase_create("language");
    tcase_add_loop_test(tc, detect_paragraph, 0,
                        (int)(sizeof PARAGRAPHS / sizeof PARAGRAPHS[0]));
    tcase_add_test(tc, detect_stopwords_counted_for_chosen_language);
    tcase_add_test(tc, hint);
    tcase_add_test(tc, detect_unknown_and_cjk_fallback);
    suite_add_tcase(s, tc);
    return s;
}
