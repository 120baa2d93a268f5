/* Visible-text dumps: cutting a dump into lines, the line shapes of text_features.h,
 * every rule of rules/dump.rules (each one seen to fire, and not to fire where it must
 * not), the sequence reasoning of classify_text.c on small dumps, and the five seed
 * dumps of the mission scored line by line the way the shared score_segments.py does. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suite.h"
#include "doc.h"
#include "extractor.h"
#include "pith.h"
#include "rules.h"
#include "text_features.h"
#include "utf8.h"

#define SEEDS PITH_FIXTURES "/seeds/"
/* Floors pinned a little below what the classifier measures (0.987 to 1.000 per seed,
 * 0.997 overall, kind F1 0.99 and up): a change that costs a seed line shows here. */
#define SEED_FLOOR 0.95
#define SEEDS_FLOOR 0.97
#define KIND_F1_FLOOR 0.95

/* ---- helpers ---------------------------------------------------------------------- */

static pith_extractor *text_extractor(void)
{
    pith_options o;
    pith_options_init(&o);
    o.input = PITH_INPUT_TEXT;
    o.flags = PITH_OPT_EVIDENCE;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_msg(pith_extractor_new(&o, &ex, &err) == PITH_OK, "extractor: %s", err.message);
    return ex;
}

static pith_doc *extract_n(const pith_extractor *ex, const char *s, size_t n)
{
    pith_doc *doc = NULL;
    pith_error err;
    ck_assert_msg(pith_extract(ex, s, n, NULL, NULL, &doc, &err) == PITH_OK, "extract: %s",
                  err.message);
    ck_assert_int_eq(pith_doc_input_kind(doc), PITH_INPUT_TEXT);
    return doc;
}

static pith_doc *extract(const pith_extractor *ex, const char *s)
{
    return extract_n(ex, s, strlen(s));
}

static const char *block_text(const pith_doc *doc, size_t i)
{
    pith_block b;
    ck_assert_int_eq(pith_doc_block(doc, i, &b, sizeof b), PITH_OK);
    return b.text;
}

static pith_kind block_kind(const pith_doc *doc, size_t i)
{
    pith_block b;
    ck_assert_int_eq(pith_doc_block(doc, i, &b, sizeof b), PITH_OK);
    return b.kind;
}

/* The index of the block whose text starts with `prefix`. */
static size_t find_block(const pith_doc *doc, const char *prefix)
{
    for (size_t i = 0; i < pith_doc_block_count(doc); i++)
        if (strncmp(block_text(doc, i), prefix, strlen(prefix)) == 0)
            return i;
    ck_abort_msg("no block starts with \"%s\"", prefix);
    return 0;
}

static void assert_kind(const pith_doc *doc, const char *prefix, pith_kind kind)
{
    size_t i = find_block(doc, prefix);
    pith_kind got = block_kind(doc, i);
    ck_assert_msg(got == kind, "\"%s\": %s, expected %s\n%s", prefix, pith_kind_name(got),
                  pith_kind_name(kind), pith_doc_block_evidence(doc, i));
}

static int block_article(const pith_doc *doc, const char *prefix)
{
    size_t i = find_block(doc, prefix);
    pith_segment seg;
    for (size_t s = 0; s < pith_doc_segment_count(doc); s++) {
        ck_assert_int_eq(pith_doc_segment(doc, s, &seg, sizeof seg), PITH_OK);
        if (i >= seg.first_block && i < seg.first_block + seg.block_count)
            return seg.article;
    }
    ck_abort_msg("block %zu in no segment", i);
    return -1;
}

/* Shapes of a one-line dump (the line goes through the whole pipeline, so its counts
 * are the ones the classifier sees). */
static unsigned shape_of(const pith_extractor *ex, const char *line)
{
    pith_doc *doc = extract(ex, line);
    ck_assert_uint_eq(doc->n_blocks, 1);
    const pith_blk *b = &doc->blocks[0];
    unsigned f = text_shape(blk_text(doc, b), b->len, b);
    pith_doc_free(doc);
    return f;
}

/* ---- lines and blocks ------------------------------------------------------------- */

START_TEST(test_lines_blank_groups)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(ex, "Title line\n\nFirst line\nSecond line\n\n\nLast");
    ck_assert_uint_eq(pith_doc_block_count(doc), 4);
    const char *want[] = {"Title line", "First line", "Second line", "Last"};
    const uint32_t lines[] = {1, 3, 4, 7};
    const int para_end[] = {1, 0, 1, 0};
    for (size_t i = 0; i < 4; i++) {
        pith_block b;
        ck_assert_int_eq(pith_doc_block(doc, i, &b, sizeof b), PITH_OK);
        ck_assert_str_eq(b.text, want[i]);
        ck_assert_uint_eq(doc->blocks[i].line, lines[i]);
        ck_assert_int_eq((doc->blocks[i].flags & BF_PARA_END) != 0, para_end[i]);
        char path[32];
        snprintf(path, sizeof path, "line %u", lines[i]);
        ck_assert_str_eq(b.path, path);
        ck_assert_uint_eq(doc->blocks[i].node, PITH_NONE);
    }
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_lines_crlf_and_ranges)
{
    pith_extractor *ex = text_extractor();
    const char *s = "alpha beta\r\n\r\ngamma\r\n";
    pith_doc *doc = extract(ex, s);
    ck_assert_uint_eq(pith_doc_block_count(doc), 2);
    pith_block b;
    ck_assert_int_eq(pith_doc_block(doc, 0, &b, sizeof b), PITH_OK);
    ck_assert_str_eq(b.text, "alpha beta");
    ck_assert_uint_eq(b.start, 0);
    ck_assert_uint_eq(b.end, 10); /* the '\r' is not part of the line */
    ck_assert(doc->blocks[0].flags & BF_PARA_END);
    ck_assert_int_eq(pith_doc_block(doc, 1, &b, sizeof b), PITH_OK);
    ck_assert_str_eq(b.text, "gamma");
    ck_assert_uint_eq(b.start, 14);
    ck_assert_uint_eq(b.end, 19);
    ck_assert_int_eq(memcmp(s + b.start, "gamma", 5), 0);
    pith_doc_free(doc);

    /* a lone '\r' is whitespace inside a line, as the scorers see it */
    doc = extract(ex, "one\rtwo\nthree");
    ck_assert_uint_eq(pith_doc_block_count(doc), 2);
    ck_assert_str_eq(block_text(doc, 0), "one two");
    ck_assert_str_eq(block_text(doc, 1), "three");
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_lines_whitespace)
{
    pith_extractor *ex = text_extractor();
    /* tabs, NBSP and U+2009 collapse; zero-width space and soft hyphen stay */
    pith_doc *doc = extract(ex, "  Mo\tDi\xc2\xa0\xc2\xa0Mi\xe2\x80\x89"
                                "Do  \n"
                                "In\xc2\xadhalts\xe2\x80\x8bverzeichnis\n \t \xc2\xa0\nEnd");
    ck_assert_uint_eq(pith_doc_block_count(doc), 3);
    ck_assert_str_eq(block_text(doc, 0), "Mo Di Mi Do");
    ck_assert_str_eq(block_text(doc, 1), "In\xc2\xadhalts\xe2\x80\x8bverzeichnis");
    ck_assert(doc->blocks[1].flags & BF_PARA_END); /* a line of spaces is blank */
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_lines_separators)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(ex, "-\n|\n\xe2\x80\xa2\n\xc2\xb7\n***\nA word\n- item");
    ck_assert_uint_eq(pith_doc_block_count(doc), 7);
    for (size_t i = 0; i < 5; i++)
        ck_assert_msg(doc->blocks[i].flags & BF_SEPARATOR, "block %zu", i);
    ck_assert(!(doc->blocks[5].flags & BF_SEPARATOR));
    ck_assert(!(doc->blocks[6].flags & BF_SEPARATOR));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_lines_tabs)
{
    pith_extractor *ex = text_extractor();
    /* tabs between texts: table cells, or the number of an ordered list item */
    pith_doc *doc = extract(ex, "Pos\tPlayer\tPlays\n1.\tIntroduction\n\tindented line\t\n"
                                "12.\tChapter twelve\nA\tB\n");
    ck_assert_uint_eq(pith_doc_block_count(doc), 5);
    ck_assert(doc->blocks[0].flags & PITH_BLOCK_TABLE);
    ck_assert_str_eq(block_text(doc, 0), "Pos Player Plays");
    ck_assert(doc->blocks[1].flags & PITH_BLOCK_LIST_ITEM);
    ck_assert(doc->blocks[1].flags & BF_ORDERED);
    ck_assert(!(doc->blocks[1].flags & PITH_BLOCK_TABLE));
    ck_assert(!(doc->blocks[2].flags & (PITH_BLOCK_TABLE | PITH_BLOCK_LIST_ITEM)));
    ck_assert(doc->blocks[3].flags & PITH_BLOCK_LIST_ITEM);
    ck_assert(doc->blocks[4].flags & PITH_BLOCK_TABLE);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* ---- line shapes -------------------------------------------------------------------- */

START_TEST(test_glue_points)
{
    ck_assert_uint_eq(text_glue_points("ContributorsPublishersAdvertisers", 33), 2);
    ck_assert_uint_eq(text_glue_points("International Sports5 days agoIPL 2026", 38), 2);
    ck_assert_uint_eq(text_glue_points("Back To Main MenuClose", 22), 1);
    ck_assert_uint_eq(text_glue_points("iPhone and McDonald and YouTube", 31), 0);
    ck_assert_uint_eq(text_glue_points("A plain sentence, with words.", 29), 0);
    const char *ru = "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8\xd0\xa1\xd0\xbf"
                     "\xd0\xbe\xd1\x80\xd1\x82"; /* "НовостиСпорт" */
    ck_assert_uint_eq(text_glue_points(ru, strlen(ru)), 1);
}
END_TEST

static int has_date(const char *s) { return text_has_date(s, strlen(s)); }

START_TEST(test_dates)
{
    const char *yes[] = {
        "27/09/2018",
        "Bonn, 11.10.2021",
        "2021-12-31 06:28",
        "8. Dezember 2012",
        "November 18, 2019",
        "Wednesday November 20, 2019",
        "22 de janeiro de 2018",
        "Friday 31 December 2021 - 06:28",
        "miercuri, 22 ianuarie 2025 - 17:00",
        "Mon 18 Nov 2019 18.56 GMT",
        "le 3 février 2020",
        "12 marca 2020",
        "12 \xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0 2020",
        "1st of May 2020",
        "Carlos Nadalim 27/09/2018 Comente!",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ck_assert_msg(has_date(yes[i]), "no date found in \"%s\"", yes[i]);
    const char *no[] = {
        "Version 3.5 is out",       "In 2019 we moved", "22 May be late", "1,000 days",
        "Chapter 12 of 2000 pages", "Call 555-12-34",   "December",       "",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ck_assert_msg(!has_date(no[i]), "a date found in \"%s\"", no[i]);
}
END_TEST

START_TEST(test_shapes)
{
    pith_extractor *ex = text_extractor();
    unsigned f = shape_of(ex, "US and Russia face deep differences ahead of Ukraine talks");
    ck_assert(f & TS_HEADLINE);
    ck_assert(!(f & (TS_TERMINAL | TS_TITLECASE | TS_CAPS | TS_LABEL)));
    f = shape_of(ex, "Biden Signs $770 Billion Defense Bill But Criticizes Guantanamo");
    ck_assert(f & TS_HEADLINE);
    ck_assert(f & TS_TITLECASE);
    f = shape_of(ex, "Is this the end of the road for the old lock?");
    ck_assert(f & TS_HEADLINE);
    ck_assert(f & TS_QUESTION);
    f = shape_of(ex, "The lock was built in 1843 to carry coal barges to the harbour.");
    ck_assert(f & TS_TERMINAL);
    ck_assert(!(f & TS_HEADLINE));
    f = shape_of(ex, "POLITICS");
    ck_assert(f & TS_CAPS);
    ck_assert(f & TS_LABEL);
    f = shape_of(ex, "Read more:");
    ck_assert(f & TS_COLON);
    ck_assert(!(f & TS_HEADLINE));
    f = shape_of(ex, "The mayor said the plan would be ready by spring and then...");
    ck_assert(f & TS_ELLIPSIS);
    f = shape_of(ex, "and then the gates opened");
    ck_assert(f & TS_LOWER_START);
    ck_assert(!(f & TS_HEADLINE));
    f = shape_of(ex, "Zubereitungszeit: 25 Minuten (+ 15 Minuten backen)");
    ck_assert(f & TS_FIELD);
    ck_assert(!(f & TS_HEADLINE));
    f = shape_of(ex, "date 2021-12-30 ContributorsPublishersAdvertisers");
    ck_assert(f & TS_GLUED);
    ck_assert(f & TS_DATE);
    f = shape_of(ex, "Download Premium WordPress Themes");
    ck_assert(f & TS_GLUED); /* one glue point on a short line */
    pith_extractor_free(ex);
}
END_TEST

/* ---- the dump rule table ------------------------------------------------------------- */

typedef struct rule_case {
    const char *text;
    int target; /* RT_LINE, RT_SECTION or RT_LINE_SECTION */
    int kind;   /* expected kind of a dump.rules rule, -1: no dump.rules rule fires */
} rule_case;

static const rule_case RULE_CASES[] = {
    /* meta */
    {"vor 5 Tagen", RT_LINE, PITH_KIND_META},
    {"il y a 3 heures", RT_LINE, PITH_KIND_META},
    {"hace 2 días", RT_LINE, PITH_KIND_META},
    {"an hour ago", RT_LINE, PITH_KIND_META},
    {"vor 5 Tagen haben wir das Haus gekauft", RT_LINE, -1},
    {"By Andy Sahadeo | Fox News", RT_LINE, PITH_KIND_META},
    {"Von Anna Müller, 12. März 2020", RT_LINE, PITH_KIND_META},
    {"by the way, this is no byline", RT_LINE, -1},
    {"Last modified on Mon 18 Nov 2019 18.56 GMT", RT_LINE, PITH_KIND_META},
    {"Stand: 12.03.2021", RT_LINE, PITH_KIND_META},
    {"Tempo de leitura: 1 minuto", RT_LINE, PITH_KIND_META},
    {"Lesezeit: ca. 3 Minuten", RT_LINE, PITH_KIND_META},
    {"3 min read", RT_LINE, PITH_KIND_META},
    {"5 Minuten Lesezeit", RT_LINE, PITH_KIND_META},
    {"Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Linux, Tutorials", RT_LINE,
     PITH_KIND_META},
    {"This entry was posted in News and tagged canal, lock. Bookmark the permalink.", RT_LINE,
     PITH_KIND_META},
    {"Will Knight is a senior writer for WIRED, covering artificial intelligence.", RT_LINE,
     PITH_KIND_META},
    {"Moritz Gathmann ist freier Journalist in Berlin.", RT_LINE, PITH_KIND_META},
    {"The mayor is a former journalist and a keen sailor.", RT_LINE, -1},
    {"Tags", RT_LINE_SECTION, PITH_KIND_META},
    {"Themen im Artikel", RT_LINE_SECTION, PITH_KIND_META},
    {"Filed under:", RT_LINE_SECTION, PITH_KIND_META},
    {"Tags and topics of the week are listed below", RT_LINE_SECTION, -1},
    /* ("About the author" is text.rules' now, on both paths: dump.rules says nothing) */
    {"About the author", RT_SECTION, -1},
    /* lists of other stories */
    {"Breaking News", RT_SECTION, PITH_KIND_TRENDING},
    {"Trending in Entertainment", RT_SECTION, PITH_KIND_TRENDING},
    {"Weitere Beiträge", RT_SECTION, PITH_KIND_TRENDING},
    {"Você pode gostar...", RT_SECTION, PITH_KIND_TRENDING},
    {"Das könnte Ihnen auch gefallen", RT_SECTION, PITH_KIND_TRENDING},
    {"Breaking news is what we do best at this paper", RT_SECTION, -1},
    {"More Great WIRED Stories", RT_SECTION, PITH_KIND_TRENDING},
    {"Keep Reading", RT_SECTION, PITH_KIND_TRENDING},
    {"Similar threads", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"Hot Network Questions", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"© 2025 Example Garden Furniture Ltd. All rights reserved.", RT_LINE_SECTION, PITH_KIND_NAVIGATION},
    {"Copyright 2019-2025 Harbour Works", RT_LINE_SECTION, PITH_KIND_NAVIGATION},
    {"© Reuters", RT_LINE_SECTION, -1},
    {"Copyright law was reformed in 2019 after a long debate", RT_LINE_SECTION, -1},
    {"Related searches", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"POPULAR SEARCHES:", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"Related searches for the lock are shown here", RT_LINE_SECTION, -1},
    {"Similar threads of the forum are listed on the left", RT_LINE_SECTION, -1},
    {"Verwandte Links", RT_SECTION, PITH_KIND_TRENDING},
    {"Read more: Recognizing Germany colonial crimes", RT_LINE, PITH_KIND_TRENDING},
    {"VEA TAMBI\xc3\x89N: Entre heces y guaricha, la escuela", RT_LINE, PITH_KIND_TRENDING},
    {"Read more about the lock on the trust's website", RT_LINE, -1},
    {"International Sports5 days agoIPL 2026: Teams take shape", RT_LINE, PITH_KIND_TRENDING},
    {"Latest News2 days agoAfghan border forces", RT_LINE, PITH_KIND_TRENDING},
    {"The match lasted 5 days ago, said nobody", RT_LINE, -1},
    /* comment widgets */
    {"Schreibe einen Kommentar", RT_LINE, PITH_KIND_COMMENTS},
    {"Hinterlasse einen Kommentar", RT_LINE, PITH_KIND_COMMENTS},
    {"2 Gedanken zu \xe2\x80\x9e"
     "Die Freiheit der Planung\xe2\x80\x9c",
     RT_LINE, PITH_KIND_COMMENTS},
    {"Name *", RT_LINE, PITH_KIND_COMMENTS},
    {"E-Mail (erforderlich) (Adresse wird niemals ver\xc3\xb6"
     "ffentlicht)",
     RT_LINE, PITH_KIND_COMMENTS},
    {"Name", RT_LINE, -1},
    {"Ihre E-Mail-Adresse wird nicht ver\xc3\xb6"
     "ffentlicht. Erforderliche Felder sind mit * markiert",
     RT_LINE, PITH_KIND_COMMENTS},
    {"Campos obrigat\xc3\xb3rios s\xc3\xa3o marcados com *", RT_LINE, PITH_KIND_COMMENTS},
    {"Benachrichtige mich \xc3\xbc"
     "ber nachfolgende Kommentare via E-Mail.",
     RT_LINE, PITH_KIND_COMMENTS},
    {"This site uses Akismet to reduce spam. Learn how your comment data is processed.", RT_LINE,
     PITH_KIND_COMMENTS},
    {"Verbinde mit %s", RT_LINE, PITH_KIND_COMMENTS},
    {"34 responses to \xe2\x80\x9c"
     "Anthony Lynn: We needed to win this game\xe2\x80\x9d",
     RT_LINE, PITH_KIND_COMMENTS},
    {"thelastchargersfan says:", RT_LINE, PITH_KIND_COMMENTS},
    {"Kathrin Bierling sagt:", RT_LINE, PITH_KIND_COMMENTS},
    {"What the minister says", RT_LINE, -1},
    {"The minister of finance of the republic says nothing at all about it", RT_LINE, -1},
    {"Milan Griffes on September 12, 2018 at 4:47 pm said:", RT_LINE, PITH_KIND_COMMENTS},
    /* promotion */
    {"Click to share on Facebook (Opens in new window)", RT_LINE, PITH_KIND_PROMO},
    {"Share it With Friends", RT_LINE, PITH_KIND_PROMO},
    {"Show more sharing options", RT_LINE, PITH_KIND_PROMO},
    {"Share this story with your family", RT_LINE, -1},
    {"Diese Seite teilen", RT_LINE, PITH_KIND_PROMO},
    {"Partager sur Facebook", RT_LINE, PITH_KIND_PROMO},
    {"Flipboard", RT_LINE, PITH_KIND_PROMO},
    {"Instagram-Fotos aus dem Urlaub", RT_LINE, -1},
    {"%d Bloggern gef\xc3\xa4llt das:", RT_LINE, PITH_KIND_PROMO},
    {"Gef\xc3\xa4llt mir Lade...", RT_LINE, PITH_KIND_PROMO},
    {"CLICK HERE TO GET THE FOX NEWS APP", RT_LINE, PITH_KIND_PROMO},
    {"Click here to comment", RT_LINE, -1},
    {"Newsletter abonnieren", RT_LINE, PITH_KIND_PROMO},
    {"Jetzt abonnieren und keine Ausgabe verpassen", RT_LINE, PITH_KIND_PROMO},
    {"Cookie-Einstellungen", RT_LINE, PITH_KIND_PROMO},
    {"Alle akzeptieren", RT_LINE, PITH_KIND_PROMO},
    {"Necessary cookies are absolutely essential for the website to function properly.", RT_LINE,
     PITH_KIND_PROMO},
    {"Any cookies that may not be particularly necessary for the website to function", RT_LINE,
     PITH_KIND_PROMO},
    {"cookielawinfo-checkbox-analytics\t11 months\tThis cookie is set by GDPR Cookie Consent plugin.",
     RT_LINE, PITH_KIND_PROMO},
    {"Always Enabled", RT_LINE, PITH_KIND_PROMO},
    {"SAVE & ACCEPT", RT_LINE, PITH_KIND_PROMO},
    {"Necessary repairs are absolutely essential for the lock to work.", RT_LINE, -1},
    {"Always enabled by the keeper, the lights guide the boats at night", RT_LINE, -1},
    {"Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.", RT_LINE, PITH_KIND_PROMO},
    /* navigation and widgets */
    {"Zum Inhalt springen", RT_LINE, PITH_KIND_NAVIGATION},
    {"Skip to Article", RT_LINE, PITH_KIND_NAVIGATION},
    {"Hauptnavigation", RT_LINE, PITH_KIND_NAVIGATION},
    {"Suche nach:", RT_LINE, PITH_KIND_NAVIGATION},
    {"Suche nach dem verlorenen Schatz", RT_LINE, -1},
    {"Monat ausw\xc3\xa4hlen", RT_LINE, PITH_KIND_NAVIGATION},
    {"Beitrags-Navigation", RT_LINE, PITH_KIND_NAVIGATION},
    {"Vorheriger Beitrag", RT_LINE, PITH_KIND_NAVIGATION},
    {"Article suivant \xc2\xbb", RT_LINE, PITH_KIND_NAVIGATION},
    {"Kommentare-Feed", RT_LINE, PITH_KIND_NAVIGATION},
    {"Kategorien", RT_SECTION, PITH_KIND_NAVIGATION},
    {"Archives", RT_SECTION, PITH_KIND_NAVIGATION},
    {"Oktober 2019", RT_LINE, PITH_KIND_NAVIGATION},
    {"September 2013 (4)", RT_LINE, PITH_KIND_NAVIGATION},
    {"Oktober 2019 war ein nasser Monat", RT_LINE, -1},
    {"17:00", RT_LINE, PITH_KIND_NAVIGATION},
    {"Harbourton 9\xc2\xb0"
     "C, light rain",
     RT_LINE, PITH_KIND_NAVIGATION},
    {"Backofen auf 200 \xc2\xb0"
     "C vorheizen.",
     RT_LINE, -1},
    /* captions */
    {"Image caption Scooter Braun has managed Justin Bieber", RT_LINE, PITH_KIND_CAPTION},
    {"Der neue Bahnhof am Abend (Foto: Stadt Bonn)", RT_LINE, PITH_KIND_CAPTION},
    {"Der Bahnhof (rechts) am Abend (Foto: Stadt Bonn)", RT_LINE, PITH_KIND_CAPTION},
    {"Die Stadt (Bonn) baut einen neuen Bahnhof", RT_LINE, -1},
    {"Getty Images", RT_LINE, PITH_KIND_CAPTION},
    {"\xc2\xa9 dpa | Kay Nietfeld", RT_LINE, PITH_KIND_CAPTION},
    {"\xc2\xa9 2019 The Harbour Courier. All rights reserved.", RT_LINE, -1},
    {"AFP / John Smith", RT_LINE, PITH_KIND_CAPTION},
    {"(Reed Saxon / Associated Press)", RT_LINE, PITH_KIND_CAPTION},
    {"(and / or both of them)", RT_LINE, -1},
    {"Patrick Semansky, ASSOCIATED PRESS", RT_LINE, PITH_KIND_CAPTION},
    {"Alex Wong | Getty Images", RT_LINE, PITH_KIND_CAPTION},
    {"Smith, Jones and Reuters", RT_LINE, -1},
    {"felix_stalder.jpg", RT_LINE, PITH_KIND_CAPTION},
    {"Download the report as report.pdf", RT_LINE, -1},
    {"Share Tweet Submit", RT_LINE, PITH_KIND_PROMO},
    {"FacebookTwitterPinterestEmail", RT_LINE, PITH_KIND_PROMO},
    {"195 Shares", RT_LINE, PITH_KIND_PROMO},
    {"Copy Link URLCopied!", RT_LINE, PITH_KIND_PROMO},
    {"Continue to the site SKIP AD", RT_LINE, PITH_KIND_PROMO},
    {"I Accept", RT_LINE, PITH_KIND_PROMO},
    {"Follow @harbour_news", RT_LINE, PITH_KIND_PROMO},
    {"Folgen Sie uns auf Facebook und Twitter", RT_LINE, PITH_KIND_PROMO},
    {"Join 513 other subscribers", RT_LINE, PITH_KIND_PROMO},
    {"Delivered by FeedBurner", RT_LINE, PITH_KIND_PROMO},
    {"Sponsored Links", RT_LINE_SECTION, PITH_KIND_PROMO},
    {"Never miss a post", RT_LINE_SECTION, PITH_KIND_PROMO},
    {"Weitere Artikel in diesem Ressort:", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"関連記事", RT_LINE_SECTION, PITH_KIND_TRENDING},
    {"Share the pin on the lock", RT_LINE, -1},
    {"Create a free website or blog at WordPress.com.", RT_LINE, PITH_KIND_NAVIGATION},
    {"You are commenting using your Google account. ( Log Out /  Change )", RT_LINE, PITH_KIND_COMMENTS},
    {"We’d like to hear what you think about this article.", RT_LINE, PITH_KIND_PROMO},
    {"Forscher am Experiment. (Symbolbild)", RT_LINE, PITH_KIND_CAPTION},
    {"The lock at dawn on July 25, 2019. Jane Doe / AP file", RT_LINE, PITH_KIND_CAPTION},
    {"The lock opened in 2019 and cost 3 million", RT_LINE, -1},
    {"The gates of the lower lock on the first morning. Photo: Jane Doe", RT_LINE, PITH_KIND_CAPTION},
    {"Bernd Lucke verl\xc3\xa4sst den H\xc3\xb6rsaal.Foto: Markus Scholz/dpa", RT_LINE,
     PITH_KIND_CAPTION},
    {"Der Bahnhof am Abend. Quelle: Stadt Bonn", RT_LINE, -1},
    {"The lock keeper took a photo: the gates at dawn, the boats, the weir.", RT_LINE, -1},
    {"Continue reading the main story", RT_LINE, PITH_KIND_NAVIGATION},
    {"Continue reading", RT_LINE, -1},
    {"Share All sharing options", RT_LINE, PITH_KIND_PROMO},
    {"We and our partners store and/or access information on a device, such as cookies.", RT_LINE,
     PITH_KIND_PROMO},
    {"We and our partners at the harbour opened the lock in 2019.", RT_LINE, -1},
    {"By submitting this form, you agree to our Privacy Policy.", RT_LINE, PITH_KIND_PROMO},
    {"Mit der Anmeldung stimme ich der Datenschutzerklärung zu.", RT_LINE, PITH_KIND_PROMO},
    {"By checking the water level every morning, the keeper knows when to open the lock.", RT_LINE, -1},
    {"Schleusenwärter (m/w/d) Hafen Muster GmbH", RT_LINE, PITH_KIND_PROMO},
    {"Program Engineer (d/m/f) Harbour Works", RT_LINE, PITH_KIND_PROMO},
    {"The lock (m) and the weir (w) opened in 2019", RT_LINE, -1},
    {"answered Mar 5, 2024 at 10:12", RT_LINE, PITH_KIND_META},
    {"asked 2 years, 3 months ago", RT_LINE, PITH_KIND_META},
    {"Answered the call at once, the keeper opened the lock", RT_LINE, -1},
    {"2024-03-05 12:34:56 +00:00", RT_LINE, PITH_KIND_META},
    {"Click to expand...", RT_LINE, PITH_KIND_NAVIGATION},
    {"More sharing options...", RT_LINE, PITH_KIND_NAVIGATION},
    {"Improve this answer", RT_LINE, PITH_KIND_NAVIGATION},
    {"Click to expand the map of the lock", RT_LINE, -1},
    {"12.3k15 gold badges67 silver badges89 bronze badges", RT_LINE, PITH_KIND_NAVIGATION},
    {"3 silver badges7 bronze badges", RT_LINE, PITH_KIND_NAVIGATION},
    {"3 bronze badges were given to the lock keepers", RT_LINE, -1},
};

typedef struct hits {
    const pith_ruleset *rs;
    int kind;      /* kind of the dump.rules rule that fired, -1 */
    uint8_t *seen; /* per rule */
} hits;

static int from_dump_rules(const pith_rule *r)
{
    return strncmp(r->source, "dump.rules:", 11) == 0;
}

static void on_rule(uint32_t r, void *ctx)
{
    hits *h = ctx;
    const pith_rule *rule = rules_get(h->rs, r);
    if (!from_dump_rules(rule))
        return;
    h->kind = rule->kind;
    h->seen[r] = 1;
}

START_TEST(test_dump_rules)
{
    pith_extractor *ex = text_extractor();
    const pith_ruleset *rs = ex->rules;
    size_t n = rules_count(rs);
    uint8_t *seen = calloc(n, 1);
    ck_assert_ptr_nonnull(seen);
    rules_matcher *m = rules_matcher_new(rs, UINT64_MAX);
    ck_assert_ptr_nonnull(m);
    for (size_t i = 0; i < sizeof RULE_CASES / sizeof *RULE_CASES; i++) {
        const rule_case *rc = &RULE_CASES[i];
        hits h = {rs, -1, seen};
        rules_match(m, rc->target, rc->text, strlen(rc->text), on_rule, &h);
        ck_assert_msg(h.kind == rc->kind, "\"%s\": dump.rules says %s, expected %s", rc->text,
                      h.kind < 0 ? "nothing" : pith_kind_name((pith_kind)h.kind),
                      rc->kind < 0 ? "nothing" : pith_kind_name((pith_kind)rc->kind));
    }
    /* every rule of the table is exercised by a positive case */
    size_t dump_rules = 0;
    for (size_t r = 0; r < n; r++) {
        const pith_rule *rule = rules_get(rs, r);
        if (!from_dump_rules(rule))
            continue;
        dump_rules++;
        ck_assert_msg(seen[r], "%s has no positive test case", rule->source);
    }
    ck_assert_uint_gt(dump_rules, 30);
    rules_matcher_free(m);
    free(seen);
    pith_extractor_free(ex);
}
END_TEST

/* ---- sequence reasoning ------------------------------------------------------------- */

#define P1                                                                                         \
    "The council voted on Tuesday to restore the old lock, and the work will begin in the spring " \
    "after the volunteers have cleared the silt from the chamber. The first stage of the work is " \
    "expected to take about three months.\n\n"
#define P2                                                                                         \
    "Residents who had opposed the plan said that they were worried about the noise and the "      \
    "parking, but most of them have since joined the crews on the site. The trust has held open "  \
    "days on the site every month since the start.\n\n"
#define P3                                                                                         \
    "The trust hopes to reopen the two locks further up the cut by the end of the decade, which "  \
    "would reconnect the town to the wider canal network again. The county council has already "   \
    "said that it would support the plan.\n\n"
#define P5                                                                                         \
    "The new ferry will carry up to two hundred passengers across the bay, and the first "         \
    "crossing is planned for the second week of May if the weather allows it. The harbour master " \
    "said that the timetable would be published soon.\n\n"
#define P6                                                                                         \
    "Most of the money for the ferry came from a grant, while the rest was raised by the harbour " \
    "board and by a small number of local businesses in the town. The board said that the fares "  \
    "would be kept as low as they could be.\n\n"
#define P4                                                                                         \
    "A public boat trip through the lock will run every Sunday from April until the end of "       \
    "September, and the tickets will be sold at the lock keeper's cottage. Children under twelve " \
    "will travel free of charge on all of the trips.\n\n"

START_TEST(test_article_title_meta_promo)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(
        ex,
        "Home\nNews\nSport\nWeather\n\n"
        "Volunteers bring the old lock back to life after sixty years\n"
        "By Maya Okafor | March 14, 2026\n\n" P1 P2
        "For the latest headlines, follow our Google News channel online or via the app.\n\n" P3 P4
        "Leave a Reply\n"
        "Your email address will not be published. Required fields are marked *\n");
    assert_kind(doc, "Home", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "By Maya Okafor", PITH_KIND_META);
    assert_kind(doc, "The council voted", PITH_KIND_BODY);
    assert_kind(doc, "For the latest headlines", PITH_KIND_PROMO); /* cut out ... */
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);           /* ... without ending it */
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    assert_kind(doc, "Leave a Reply", PITH_KIND_COMMENTS);
    assert_kind(doc, "Your email address", PITH_KIND_COMMENTS);
    ck_assert_str_eq(pith_doc_meta(doc, PITH_META_TITLE),
                     "Volunteers bring the old lock back to life after sixty years");
    size_t len;
    const char *text = pith_doc_text(doc, &len);
    ck_assert_ptr_nonnull(strstr(text, "The council voted"));
    ck_assert_ptr_nonnull(strstr(text, "A public boat trip"));
    ck_assert_ptr_null(strstr(text, "Google News"));
    ck_assert_ptr_null(strstr(text, "Volunteers bring"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

static pith_extractor *typed_extractor(pith_page_type type)
{
    pith_options o;
    pith_options_init(&o);
    o.input = PITH_INPUT_TEXT;
    o.flags = PITH_OPT_EVIDENCE;
    o.page_type = type;
    pith_extractor *ex = NULL;
    pith_error err;
    ck_assert_msg(pith_extractor_new(&o, &ex, &err) == PITH_OK, "extractor: %s", err.message);
    return ex;
}

#define THREAD                                                                              \
    "Home\nForums\nWhat's new\nMembers\nSearch forums\nLog in\nRegister\nHelp\n\n"           \
    "Best way to restore an old cast iron pan?\n"                                            \
    "Thread starter potlover\nStart date Mar 3, 2025\n"                                      \
    "potlover\nMember\n#1\n"                                                                 \
    "I found an old cast iron pan at a flea market and it is covered in rust. What is the "   \
    "best way to get it back into shape without ruining it?\n"                               \
    "Reply\n"                                                                                \
    "ironchef\nMember\n#2\n"                                                                 \
    "Scrub the rust off with steel wool and soapy water, dry it on the stove and then rub a " \
    "thin layer of oil into it before you bake it for an hour.\n"                            \
    "Reply\n"                                                                                \
    "potlover\nMember\n#3\n"                                                                 \
    "Thanks, that worked and the pan looks like new now. I will never buy a new one again.\n" \
    "Reply\n"                                                                                \
    "Similar threads\n"                                                                      \
    "How do you season a carbon steel wok at home\n"                                         \
    "Which knife sharpener works best for a beginner cook\n"                                 \
    "Privacy policy\nTerms and rules\n"

/* A forum's posts are its content: the replies under a thread are body, not a comment
 * thread below an article; the list of other threads is not. */
START_TEST(test_forum_posts_are_content)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_FORUM);
    pith_doc *doc = extract(ex, THREAD);
    ck_assert_int_eq(pith_doc_page_type(doc), PITH_PAGE_FORUM);
    assert_kind(doc, "I found an old cast iron pan", PITH_KIND_BODY);
    assert_kind(doc, "Scrub the rust off", PITH_KIND_BODY);
    assert_kind(doc, "Thanks, that worked", PITH_KIND_BODY);
    assert_kind(doc, "Similar threads", PITH_KIND_TRENDING);
    assert_kind(doc, "How do you season", PITH_KIND_TRENDING);
    assert_kind(doc, "Privacy policy", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    /* read as an article, the replies after "Reply" are not the article's */
    ex = typed_extractor(PITH_PAGE_ARTICLE);
    doc = extract(ex, THREAD);
    ck_assert_ptr_null(strstr(pith_doc_text(doc, NULL), "Thanks, that worked"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* Each post of a thread prints the same chrome around it: the author's rank printed with
 * every post and the post's number are not posts. */
START_TEST(test_thread_post_chrome)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_FORUM);
    pith_doc *doc = extract(ex, THREAD);
    assert_kind(doc, "Member", PITH_KIND_NAVIGATION);
    assert_kind(doc, "#2", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Scrub the rust off", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A newsletter box under the article: its form's field ("Email *", which a comment form
 * has too) is the newsletter's, as its head above says, and the list of editions between
 * the form's lines is the box's, not the page's menu. */
START_TEST(test_newsletter_box)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 P3
                    "Newsletter\n"
                    "The Harbour Courier sends the week's news every Friday morning.\n"
                    "Email *\n"
                    "Harbour (English, weekly)\n"
                    "Hafen (German, weekly)\n"
                    "Port (French, monthly)\n"
                    "Subscribe to our newsletter\n\n"
                    "Copyright 2026 The Harbour Courier. All rights reserved.\n");
    assert_kind(doc, "Email *", PITH_KIND_PROMO);
    assert_kind(doc, "Hafen (German", PITH_KIND_PROMO);
    assert_kind(doc, "Copyright 2026", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A listing's items are its content: headlines, dates and snippets of the list are body,
 * the menu above them navigation. */
START_TEST(test_listing_items_are_content)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_LISTING);
    pith_doc *doc = extract(
        ex, "Home\nNews\nSport\nBusiness\nCulture\nTravel\nWeather\nPodcasts\nAbout\n\n"
            "Latest posts from the workshop\n"
            "How we rebuilt the old water mill in six months of weekends\n"
            "March 3, 2025\n"
            "A short story of mud, gears and far too much coffee.\n"
            "Read more\n"
            "Ten tools every beginner woodworker should own before starting\n"
            "February 20, 2025\n"
            "The list is shorter than you think, and most of it is second hand.\n"
            "Read more\n"
            "Why our community garden switched to rain barrels this spring\n"
            "February 2, 2025\n"
            "Less water from the tap, more tomatoes on the table.\n"
            "Read more\n"
            "Privacy policy\n");
    assert_kind(doc, "How we rebuilt", PITH_KIND_BODY);
    assert_kind(doc, "A short story of mud", PITH_KIND_BODY);
    assert_kind(doc, "Ten tools every", PITH_KIND_BODY);
    assert_kind(doc, "Less water from the tap", PITH_KIND_BODY);
    assert_kind(doc, "Sport", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Privacy policy", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_product_stops_at_promo_box)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_PRODUCT);
    /* the shop's newsletter box and the story of the shop under it are not the product's */
    pith_doc *doc = extract(
        ex, "Home\nShop\nCart\n\nOak Garden Bench\n$249.00\nAdd to cart\n"
            "This bench is made from solid oak that has been left to dry for two years, so it "
            "will not warp or crack when it stands outside in the rain and the sun.\n"
            "The seat is wide enough for three people, and the back is shaped to support you "
            "when you sit there for a long summer evening with a book and a cup of tea.\n"
            "Width: 120 cm\nDepth: 45 cm\nWeight: 18 kg\n"
            "Newsletter\n"
            "Sign up and be the first to hear about our new furniture and our seasonal offers.\n"
            "Email address\n"
            "We are a small family workshop that has been building garden furniture in the "
            "valley since 1982, and every piece is still finished by hand in our barn.\n"
            "Our founder started with a single chair for his own garden and never stopped.\n");
    assert_kind(doc, "This bench is made", PITH_KIND_BODY);
    assert_kind(doc, "The seat is wide", PITH_KIND_BODY);
    assert_kind(doc, "Newsletter", PITH_KIND_PROMO);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "We are a small family")), PITH_KIND_BODY);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "Our founder started")), PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_service_stops_at_menu_head)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_SERVICE);
    /* a menu's head under a service page's sections: what follows is the site's */
    pith_doc *doc = extract(
        ex, "Home\nServices\nContact\n\nGarden design\n"
            "We plan gardens of every size, from a small courtyard behind a terraced house to "
            "the grounds of a country hotel, and we stay with you until the last plant is in. "
            "The first visit is free, and the plan is yours to keep whatever you decide.\n"
            "Planting\n"
            "Our gardeners choose plants that suit your soil and your light, so that the garden "
            "looks after itself once it has grown in, with little watering in the summer. "
            "We buy from nurseries in the county, so every plant is used to the weather.\n"
            "Paving and walls\n"
            "Paths, terraces and dry stone walls are built by our own masons from stone that "
            "comes from the quarries of the valley, and they are made to last for decades. "
            "We leave the site as tidy as we found it at the end of every working day.\n"
            "Categories\n"
            "All our garden furniture is made by hand in our own workshop in the valley.\n"
            "We deliver to every address in the country within five working days.\n"
            "Every order comes with a ten year guarantee on the wood and the joints.\n");
    assert_kind(doc, "We plan gardens", PITH_KIND_BODY);
    assert_kind(doc, "Paths, terraces", PITH_KIND_BODY);
    assert_kind(doc, "Categories", PITH_KIND_NAVIGATION);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "All our garden furniture")), PITH_KIND_BODY);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "Every order comes")), PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_region_ends_at_footer)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_PRODUCT);
    /* a dump prints the text of a closed modal (a policy, a form) below the footer */
    pith_doc *doc = extract(
        ex, "Home\nShop\nCart\n\nOak Garden Bench\n$249.00\n"
            "This bench is made from solid oak that has been left to dry for two years, so it "
            "will not warp or crack when it stands outside in the rain and the sun.\n"
            "The seat is wide enough for three people, and the back is shaped to support you "
            "when you sit there for a long summer evening with a book and a cup of tea.\n"
            "Every bench is oiled twice before it leaves the workshop, and a tin of the same "
            "oil comes with it, so that you can treat the wood again every spring.\n"
            "The bench arrives fully assembled on a pallet, and our driver will carry it to "
            "the place in your garden where you would like it to stand.\n"
            "© 2025 Example Garden Furniture Ltd. All rights reserved.\n"
            "Privacy notice\n"
            "We collect the name and the address that you give us when you order, and we use "
            "them only to deliver your order and to send you the invoice for it.\n"
            "We keep these details for as long as the law asks us to, and we never sell them "
            "or pass them on to anybody else for their own use.\n");
    assert_kind(doc, "This bench is made", PITH_KIND_BODY);
    assert_kind(doc, "The seat is wide", PITH_KIND_BODY);
    assert_kind(doc, "© 2025", PITH_KIND_NAVIGATION);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "We collect the name")), PITH_KIND_BODY);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "We keep these")), PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A consent plugin's settings dialog, printed under the footer, explains each category
 * of cookies in sentences: they are the dialog's, not a policy page's text. */
START_TEST(test_cookie_dialog_is_promo)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(
        ex, "Home\nNews\n\nVolunteers bring the old lock back to life after sixty years\n"
            "By Maya Okafor | March 14, 2026\n\n" P1 P2 P3
            "\xc2\xa9 2026 The Harbour Courier. All rights reserved.\n"
            "Privacy Policy\nTerms\n"
            "Necessary\nAlways Enabled\n"
            "Necessary cookies are absolutely essential for the website to function properly. "
            "This category only includes cookies that ensure basic functionalities and security "
            "features of the website.\n"
            "Functional\n"
            "Functional cookies help to perform certain functionalities like sharing the content "
            "of the website on social media platforms, collecting feedbacks, and other features.\n"
            "SAVE & ACCEPT\n");
    assert_kind(doc, "The council voted", PITH_KIND_BODY);
    assert_kind(doc, "Necessary cookies are", PITH_KIND_PROMO);
    assert_kind(doc, "Functional cookies help", PITH_KIND_PROMO);
    assert_kind(doc, "SAVE & ACCEPT", PITH_KIND_PROMO);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A picture's caption inside the article, its credit glued after its last sentence, is
 * the picture's, not a paragraph of the article; the article goes on below it. */
START_TEST(test_caption_with_glued_credit)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(
        ex, "Home\nNews\n\nVolunteers bring the old lock back to life after sixty years\n"
            "By Maya Okafor | March 14, 2026\n\n" P1 P2
            "Volunteers of the canal trust lift the restored gates of the lower lock into place on "
            "the morning of the first trial, watched by the keeper and families from the town. "
            "Credit: Jane Doe\n\n"
            P3 P4);
    assert_kind(doc, "The council voted", PITH_KIND_BODY);
    assert_kind(doc, "Volunteers of the canal", PITH_KIND_CAPTION);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* Two headlines beside the byline tie; the one whose words the article's opening takes up
 * ("council", "restore", "lock") is the title, the other a teaser's. */
START_TEST(test_title_echoed_by_body)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(ex, "Home\nNews\n\nCouncil votes to restore the old lock\nBy Maya Okafor\n"
                                "March 14, 2026\nFive Things We Loved This Weekend\n\n" P1 P2 P3 P4);
    assert_kind(doc, "Council votes", PITH_KIND_TITLE);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "Five Things")), PITH_KIND_TITLE);
    assert_kind(doc, "The council voted", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A breadcrumb ending in the headline holds the headline's words too, but it is the
 * headline that is the title, not the breadcrumb with the headline as its dek. */
START_TEST(test_title_under_breadcrumb)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(ex, "Home\nNews\n\nHome \xc2\xbb Local News \xc2\xbb Council votes to restore the old lock\n"
                                "Council votes to restore the old lock\nBy Maya Okafor | March 14, 2026\n\n" P1 P2 P3 P4);
    assert_kind(doc, "Council votes", PITH_KIND_TITLE);
    ck_assert_int_ne(block_kind(doc, find_block(doc, "Home \xc2\xbb")), PITH_KIND_TITLE);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* The chrome a forum engine prints with every post (a quote's expander, a share menu) is
 * not a post, and does not end the thread either: the posts under it are content. */
START_TEST(test_thread_engine_chrome)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_FORUM);
    pith_doc *doc = extract(
        ex, "Home\nForums\nWhat's new\nMembers\nSearch forums\nLog in\nRegister\nHelp\n\n"
            "Best way to restore an old cast iron pan?\n"
            "potlover\n"
            "I found an old cast iron pan at a flea market and it is covered in rust. What is "
            "the best way to get it back into shape without ruining it?\n"
            "More sharing options...\n"
            "ironchef\n"
            "potlover said:\nI found an old cast iron pan at a flea market\nClick to expand...\n"
            "Scrub the rust off with steel wool and soapy water, dry it on the stove and then "
            "rub a thin layer of oil into it.\n"
            "More sharing options...\n"
            "potlover\n"
            "ironchef said:\nScrub the rust off with steel wool\nClick to expand...\n"
            "Thanks, that worked and the pan looks like new now. I will never buy one again.\n"
            "More sharing options...\n"
            "ironchef\n"
            "potlover said:\nThanks, that worked and the pan looks like new now\nClick to expand...\n"
            "Glad to hear it. Cook something fatty in it the first few times and it will only "
            "get better with every meal you make in it.\n"
            "More sharing options...\n"
            "Similar threads\n"
            "How do you season a carbon steel wok at home\n");
    assert_kind(doc, "I found an old cast iron pan at a flea market and", PITH_KIND_BODY);
    assert_kind(doc, "Click to expand", PITH_KIND_NAVIGATION);
    assert_kind(doc, "More sharing options", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Scrub the rust off with steel wool and", PITH_KIND_BODY);
    assert_kind(doc, "Thanks, that worked", PITH_KIND_BODY);
    assert_kind(doc, "Glad to hear it", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* The kind of the second line of the page that starts with `prefix`. */
static pith_kind second_kind(const pith_doc *doc, const char *prefix)
{
    size_t i = find_block(doc, prefix);
    for (size_t j = i + 1; j < pith_doc_block_count(doc); j++)
        if (strncmp(block_text(doc, j), prefix, strlen(prefix)) == 0)
            return block_kind(doc, j);
    ck_abort_msg("\"%s\" is on the page once", prefix);
    return PITH_KIND_BODY;
}

#define SLIDES                                                                              \
    "Built to last\nSolid oak, dried for two years.\nOiled by hand\nTwice before it ships.\n" \
    "Made in the valley\nBy our own carpenters.\n"
#define BENCH_TEXT                                                                          \
    "This bench is made from solid oak that has been left to dry for two years, so it "      \
    "will not warp or crack when it stands outside in the rain and the sun.\n"

/* A stretch of the content printed twice (a carousel's slides, a page's copy for small
 * screens) and a paragraph printed twice are in the content once; a document keeps its
 * repeated lines, as a tutorial prints its code again. */
START_TEST(test_copies_in_content)
{
    pith_extractor *ex = typed_extractor(PITH_PAGE_PRODUCT);
    pith_doc *doc = extract(
        ex, "Home\nShop\nCart\n\nOak Garden Bench\n$249.00\nAdd to cart\n" BENCH_TEXT SLIDES
            "The seat is wide enough for three people, and the back is shaped to support you "
            "when you sit there for a long summer evening with a book and a cup of tea.\n"
            SLIDES BENCH_TEXT "Width: 120 cm\nDepth: 45 cm\nWeight: 18 kg\n");
    assert_kind(doc, "This bench is made", PITH_KIND_BODY);
    assert_kind(doc, "Oiled by hand", PITH_KIND_BODY);
    assert_kind(doc, "The seat is wide", PITH_KIND_BODY);
    ck_assert_int_ne(second_kind(doc, "This bench is made"), PITH_KIND_BODY);
    ck_assert_int_ne(second_kind(doc, "Oiled by hand"), PITH_KIND_BODY);
    ck_assert_int_ne(second_kind(doc, "By our own carpenters"), PITH_KIND_BODY);
    ck_assert_int_eq(pith_doc_page_type(doc), PITH_PAGE_PRODUCT);
    pith_doc_free(doc);
    pith_extractor_free(ex);
    ex = typed_extractor(PITH_PAGE_DOCUMENTATION);
    doc = extract(ex, "Docs\nGuides\nAPI\n\nReading a file\n" BENCH_TEXT SLIDES
                      "The seat is wide enough for three people, and the back is shaped to "
                      "support you when you sit there for a long summer evening.\n" SLIDES);
    ck_assert_int_eq(second_kind(doc, "Oiled by hand"), PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* Dumps are typed too: the probabilities are reported, and a thread reads as a forum. */
START_TEST(test_dump_page_type)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(ex, THREAD);
    ck_assert_int_ne(pith_doc_page_type(doc), PITH_PAGE_AUTO);
    char *out = NULL;
    pith_error err;
    ck_assert_int_eq(pith_render(doc, PITH_FORMAT_EXPLAIN, &out, NULL, &err), PITH_OK);
    ck_assert_ptr_nonnull(strstr(out, "page type: "));
    ck_assert_ptr_nonnull(strstr(out, "page features: "));
    ck_assert_ptr_nonnull(strstr(out, "prose_run="));
    pith_free(out);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_related_snippets_stay_trending)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 P3
                    "Related\n\n"
                    "Town council approves the budget for the new bridge\n\n"
                    "The council approved the budget on Monday after a long debate about the costs "
                    "of the bridge and the roads that lead to it.\n"
                    "POLITICS\nThe Daily Courier\n\n"
                    "Flood defences along the river will be raised next year\n\n"
                    "The agency said that the defences would be raised by a metre along the whole "
                    "river, which should protect most of the houses.\n"
                    "ENVIRONMENT\nThe Evening Post\n\n"
                    "School children plant a thousand trees in the park\n\n"
                    "The children from the three schools in the town planted the trees over two "
                    "days, and the council has promised to water them.\n"
                    "EDUCATION\nThe Weekly News\n");
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "Related", PITH_KIND_TRENDING);
    assert_kind(doc, "Town council approves", PITH_KIND_TRENDING);
    assert_kind(doc, "The council approved the budget", PITH_KIND_TRENDING);
    assert_kind(doc, "The agency said", PITH_KIND_TRENDING);
    assert_kind(doc, "EDUCATION", PITH_KIND_TRENDING);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_teasers_without_header)
{
    pith_extractor *ex = text_extractor();
    /* a list of other stories with full-sentence snippets and no header: the rhythm
     * headline, author, date, snippet gives it away */
    pith_doc *doc = extract(
        ex, "Volunteers bring the old lock back to life after sixty years\n" P1 P2 P3
            "Town council approves the budget for the new bridge\nAnna Berg\n"
            "Tuesday November 19, 2019\n"
            "The council approved the budget on Monday after a long debate about the costs of "
            "the bridge and the roads that lead to it.\n"
            "Flood defences along the river will be raised next year\nTom Hale\n"
            "Tuesday November 19, 2019\n"
            "The agency said that the defences would be raised by a metre along the whole "
            "river, which should protect most of the houses.\n"
            "School children plant a thousand trees in the park\nMia Roth\n"
            "Monday November 18, 2019\n"
            "The children from the three schools in the town planted the trees over two days, "
            "and the council has promised to water them.\n");
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "The council approved the budget", PITH_KIND_TRENDING);
    assert_kind(doc, "The children from the three", PITH_KIND_TRENDING);
    ck_assert_ptr_null(strstr(pith_doc_text(doc, NULL), "The agency said"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_other_articles_after_boundary)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc = extract(
        ex, "Local\n\nVolunteers bring the old lock back to life after sixty years\n\n" P1 P2
            "Read more:\n\nTown council approves the budget for the new bridge\n\n"
            "Continue Reading\nClick to comment\n\nLocal\n\n"
            "Flood defences along the river will be raised next year\n\n" P3 P4
            "Continue Reading\n\nLocal\n\n"
            "School children plant a thousand trees in the park\n\n" P5 P6 "Trending\n");
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "Read more:", PITH_KIND_TRENDING);
    assert_kind(doc, "Town council approves", PITH_KIND_TRENDING);
    assert_kind(doc, "Continue Reading", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Click to comment", PITH_KIND_COMMENTS);
    assert_kind(doc, "Flood defences", PITH_KIND_OTHER_ARTICLE);
    assert_kind(doc, "The trust hopes", PITH_KIND_OTHER_ARTICLE);
    assert_kind(doc, "School children", PITH_KIND_OTHER_ARTICLE);
    ck_assert_int_eq(block_article(doc, "The council voted"), 0);
    ck_assert_int_eq(block_article(doc, "Flood defences"), 1);
    ck_assert_int_eq(block_article(doc, "School children"), 2);
    /* the main article's body only */
    const char *text = pith_doc_text(doc, NULL);
    ck_assert_ptr_nonnull(strstr(text, "The council voted"));
    ck_assert_ptr_null(strstr(text, "The trust hopes"));
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_kicker_separates_articles)
{
    pith_extractor *ex = text_extractor();
    /* no blank lines, no widgets: only the section label above every headline */
    pith_doc *doc =
        extract(ex, "World\nVolunteers bring the old lock back to life after sixty years\n" P1 P2
                    "World\nFlood defences along the river will be raised next year\n" P3 P4
                    "World\nSchool children plant a thousand trees in the park\n" P5 P6);
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "World", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Flood defences", PITH_KIND_OTHER_ARTICLE);
    assert_kind(doc, "School children", PITH_KIND_OTHER_ARTICLE);
    ck_assert_int_eq(block_article(doc, "School children"), 2);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_numbered_sections_stay_in_article)
{
    pith_extractor *ex = text_extractor();
    /* a listicle: a call to action printed above its title and again above its numbered
     * sections is no kicker, and a numbered section after it is no other article */
    pith_doc *doc = extract(
        ex, "Get Started\nVolunteers bring the old lock back to life after sixty years\n" P1 P2
            "Try the app free for a month\nGet Started\n"
            "2. Flood defences along the river will be raised next year\n" P3 P4
            "Try the app free for a month\nGet Started\n"
            "3. School children plant a thousand trees in the park\n" P5 P6);
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "2. Flood defences", PITH_KIND_BODY);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "3. School children", PITH_KIND_BODY);
    assert_kind(doc, "Most of the money", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_faq_head_inside_article)
{
    pith_extractor *ex = text_extractor();
    /* "FAQ" is a menu's entry among labels, but under a paragraph and above a question it
     * heads the article's own questions, which the article goes on with */
    pith_doc *doc = extract(
        ex, "Home\nFAQ\nContact\n\nVolunteers bring the old lock back to life after sixty years\n\n" P1 P2
            "FAQ\nWhen will the lock open to boats again?\n" P3 P4 "Home\nFAQ\nContact\n");
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "When will the lock", PITH_KIND_BODY);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    assert_kind(doc, "Contact", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_inpage_navigation_inside_article)
{
    pith_extractor *ex = text_extractor();
    /* "Back to top" between two sections of an article is in-page navigation: the
     * article goes on below it, the link itself is cut out */
    pith_doc *doc = extract(
        ex, "Home\nNews\nContact\n\nVolunteers bring the old lock back to life after sixty years\n\n" P1 P2
            "Back to top\nThe keeper's cottage\n" P3 P4 P5 "Back to top\nHome\nNews\nContact\n");
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "Back to top", PITH_KIND_NAVIGATION);
    assert_kind(doc, "The keeper's cottage", PITH_KIND_BODY);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    assert_kind(doc, "Contact", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_form_consent)
{
    pith_extractor *ex = text_extractor();
    /* a form's consent notice is promotion under a newsletter box, but the comment
     * form's own line inside the comment form */
    pith_doc *doc = extract(
        ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 P3
            "Sign up for our newsletter\nEmail address\n"
            "By clicking Subscribe, you agree to receive news and offers by email.\n"
            "Leave a Reply\nName *\nEmail *\n"
            "By submitting this form you agree to the storage of your data for publishing your comment.\n"
            "Home\nNews\nContact\n");
    assert_kind(doc, "Volunteers bring", PITH_KIND_TITLE);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "By clicking Subscribe", PITH_KIND_PROMO);
    assert_kind(doc, "Name *", PITH_KIND_COMMENTS);
    assert_kind(doc, "By submitting this form", PITH_KIND_COMMENTS);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_box_inside_article)
{
    pith_extractor *ex = text_extractor();
    /* a related-stories box interrupts the article, which goes on below it */
    pith_doc *doc = extract(
        ex,
        "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 "RELATED STORIES\n"
        "Town council approves the budget for the new bridge\n"
        "Flood defences along the river will be raised next year\n"
        "School children plant a thousand trees in the park\n\n" P3 P4 "Home\nAbout us\nContact\n");
    assert_kind(doc, "RELATED STORIES", PITH_KIND_TRENDING);
    assert_kind(doc, "Flood defences", PITH_KIND_TRENDING);
    assert_kind(doc, "School children", PITH_KIND_TRENDING);
    assert_kind(doc, "The trust hopes", PITH_KIND_BODY);
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    assert_kind(doc, "Contact", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_table_and_list_in_article)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1
                    "Pos\tPlayer\tPlays\nDL\tLarry Smith\t63\nDL\tMyles Jones\t57\n"
                    "DL\tChad Brown\t57\nLB\tJoe Miller\t74\n\n" P2
                    "You will need:\nA spade\nTwo buckets\nStrong boots\nA flask of tea\n"
                    "Some patience\n\n" P3 P4);
    assert_kind(doc, "DL Larry Smith", PITH_KIND_BODY);
    assert_kind(doc, "LB Joe Miller", PITH_KIND_BODY);
    assert_kind(doc, "Two buckets", PITH_KIND_BODY);
    assert_kind(doc, "A public boat trip", PITH_KIND_BODY);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_furniture)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 P3
                    "Most popular\n"
                    "Town council approves the budget for the new bridge\n"
                    "Flood defences along the river will be raised next year\n\n"
                    "Archives\nOktober 2019\nSeptember 2019\n\n"
                    "Sharing is caring!\nFacebook\nTwitter\nPinterest\n\n"
                    "Copyright 2026 The Harbour Courier. All rights reserved.\n"
                    "-\n"
                    "Fire crews called to the harbour warehouse late on Friday night\n"
                    "Harbour ferry timetable changes for the summer season ahead\n"
                    "New cycle lanes open along the seafront promenade this week\n");
    assert_kind(doc, "Most popular", PITH_KIND_TRENDING);
    assert_kind(doc, "Flood defences", PITH_KIND_TRENDING);
    assert_kind(doc, "Archives", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Oktober 2019", PITH_KIND_NAVIGATION);
    assert_kind(doc, "Facebook", PITH_KIND_PROMO);
    assert_kind(doc, "Copyright 2026", PITH_KIND_NAVIGATION);
    assert_kind(doc, "-", PITH_KIND_TRENDING); /* a separator joins the list below it */
    assert_kind(doc, "Harbour ferry timetable", PITH_KIND_TRENDING);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* A social feed: a handle printed with each post, three times or more, is promo; the
 * author's box under the article (name, then a biography naming the role) is meta. */
START_TEST(test_feed_and_author_box)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n"
                    "By Jane Doe\n\n" P1 P2 P3
                    "Jane Doe\n"
                    "Jane Doe is a senior reporter for the Harbour Courier, covering the port.\n\n"
                    "Archives\nOktober 2019\nSeptember 2019\n\n"
                    "Harbour Courier @harbourcourier\n"
                    "The ferry runs late again tonight because of the storm over the bay\n"
                    "2 hours ago\n"
                    "Harbour Courier @harbourcourier\n"
                    "Council meets on Monday to vote on the bridge budget for next year\n"
                    "5 hours ago\n"
                    "Harbour Courier @harbourcourier\n"
                    "Fire crews were called to the warehouse on the quay late on Friday\n"
                    "1 day ago\n\n"
                    "Copyright 2026 The Harbour Courier. All rights reserved.\n");
    assert_kind(doc, "Jane Doe is a senior", PITH_KIND_META);
    assert_kind(doc, "Council meets on Monday", PITH_KIND_PROMO);
    assert_kind(doc, "5 hours ago", PITH_KIND_PROMO);
    assert_kind(doc, "Copyright 2026", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

/* Footnotes under the article ("Smith, 2012, p. 28 ↩") are the article's, even when a
 * paragraph printed after them made them a box inside it. */
START_TEST(test_footnotes_stay_in_article)
{
    pith_extractor *ex = text_extractor();
    pith_doc *doc =
        extract(ex, "Volunteers bring the old lock back to life after sixty years\n\n" P1 P2 P3
                    "Jane Smith, The Harbour and its Locks, Harbour Press, 2012\n"
                    "Smith, 2012, p. 28 \xe2\x86\xa9\n"
                    "Smith, 2012, p. 31 \xe2\x86\xa9\n"
                    "Brown, 1998, p. 4 \xe2\x86\xa9\n\n" P1
                    "Archives\nOktober 2019\nSeptember 2019\n");
    assert_kind(doc, "Smith, 2012, p. 28", PITH_KIND_BODY);
    assert_kind(doc, "Brown, 1998", PITH_KIND_BODY);
    assert_kind(doc, "Archives", PITH_KIND_NAVIGATION);
    pith_doc_free(doc);
    pith_extractor_free(ex);
}
END_TEST

START_TEST(test_degenerate_dumps)
{
    pith_extractor *ex = text_extractor();
    const char *cases[] = {
        "x",
        "Home\nNews\nSport",
        "-\n-\n-",
        "\xc2\xa0x\n",
        "A single long line without any newline at all and no end",
        "Just one paragraph of prose. It has a few sentences, and the classifier should still cope "
        "with it.",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pith_doc *doc = extract(ex, cases[i]);
        for (size_t b = 0; b < pith_doc_block_count(doc); b++)
            ck_assert_int_lt(block_kind(doc, b), PITH_KIND_COUNT);
        pith_doc_free(doc);
    }
    /* many lines: no quadratic blow-up, every line classified */
    size_t n = 20000;
    char *big = malloc(n * 40);
    ck_assert_ptr_nonnull(big);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(big + len, i % 7 ? "Menu item %zu\n" : "World\n", i);
    pith_doc *doc = extract_n(ex, big, len);
    ck_assert_uint_eq(pith_doc_block_count(doc), n);
    pith_doc_free(doc);
    free(big);
    pith_extractor_free(ex);
}
END_TEST

/* ---- the seeds, scored like score_segments.py ------------------------------------- */

/* Whitespace folded to single spaces and trimmed, as Python's re.sub(r"\s+", " ").strip(). */
static size_t fold(const char *s, size_t n, char *out)
{
    size_t w = 0;
    int space = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (uc_is_space(cp)) {
            space = w > 0;
        } else {
            if (space)
                out[w++] = ' ';
            space = 0;
            memcpy(out + w, s + i, k);
            w += k;
        }
        i += k;
    }
    out[w] = '\0';
    return w;
}

typedef struct tally {
    unsigned lines, right;
    unsigned tp[PITH_KIND_COUNT], gold[PITH_KIND_COUNT], pred[PITH_KIND_COUNT];
} tally;

/* Scores one seed: every labelled non-blank line is looked up in the folded segment
 * texts from where the previous one was found, and takes the kind of its segment. */
static void score_seed(const pith_extractor *ex, const char *name, tally *all)
{
    char path[512];
    snprintf(path, sizeof path, SEEDS "%s.txt", name);
    size_t len;
    char *dump = test_read_file(path, &len);
    snprintf(path, sizeof path, SEEDS "%s.labels", name);
    char *labels = test_read_file(path, NULL);
    pith_doc *doc = extract_n(ex, dump, len);

    /* the folded segment texts, each followed by a space, and each byte's kind */
    size_t cap = len * 2 + 64, tn = 0;
    char *text = malloc(cap), *tmp = malloc(cap);
    uint8_t *kinds = malloc(cap);
    ck_assert(text && tmp && kinds);
    for (size_t s = 0; s < pith_doc_segment_count(doc); s++) {
        pith_segment seg;
        ck_assert_int_eq(pith_doc_segment(doc, s, &seg, sizeof seg), PITH_OK);
        size_t k = fold(seg.text, seg.text_len, tmp);
        ck_assert_uint_lt(tn + k + 1, cap);
        memcpy(text + tn, tmp, k);
        text[tn + k] = ' ';
        memset(kinds + tn, seg.kind, k + 1);
        tn += k + 1;
    }
    text[tn] = '\0';

    tally t;
    memset(&t, 0, sizeof t);
    size_t cursor = 0;
    char *line = dump, *label = labels;
    while (line && label) {
        char *line_end = strchr(line, '\n'), *label_end = strchr(label, '\n');
        size_t ln = line_end ? (size_t)(line_end - line) : strlen(line);
        size_t lb = label_end ? (size_t)(label_end - label) : strlen(label);
        char want[32];
        snprintf(want, sizeof want, "%.*s", (int)(lb < 31 ? lb : 31), label);
        if (lb && strcmp(want, "blank") != 0) {
            int gold = pith_kind_from_name(want);
            ck_assert_msg(gold >= 0, "%s: unknown label %s", name, want);
            char *needle = malloc(ln + 1);
            fold(line, ln, needle);
            char *hit = strstr(text + cursor, needle);
            int got = -1;
            if (hit) {
                got = kinds[hit - text];
                cursor = (size_t)(hit - text) + strlen(needle);
            } else if ((hit = strstr(text, needle)) != NULL) {
                got = kinds[hit - text];
            }
            free(needle);
            t.lines++;
            t.gold[gold]++;
            if (got >= 0)
                t.pred[got]++;
            if (got == gold) {
                t.right++;
                t.tp[gold]++;
            }
        }
        line = line_end ? line_end + 1 : NULL;
        label = label_end ? label_end + 1 : NULL;
    }
    double acc = (double)t.right / (t.lines ? t.lines : 1);
    ck_assert_msg(acc >= SEED_FLOOR, "%s: line accuracy %.3f below %.2f", name, acc, SEED_FLOOR);
    all->lines += t.lines;
    all->right += t.right;
    for (int k = 0; k < PITH_KIND_COUNT; k++) {
        all->tp[k] += t.tp[k];
        all->gold[k] += t.gold[k];
        all->pred[k] += t.pred[k];
    }
    pith_doc_free(doc);
    free(text);
    free(tmp);
    free(kinds);
    free(dump);
    free(labels);
}

static double f1(const tally *t, pith_kind k)
{
    double p = t->pred[k] ? (double)t->tp[k] / t->pred[k] : 0;
    double r = t->gold[k] ? (double)t->tp[k] / t->gold[k] : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

START_TEST(test_seeds)
{
    static const char *const NAMES[] = {"000_9d04c5ad990d74ef", "001_3cd5b1731c5eabf5",
                                        "002_db192a472c371e1f", "003_d41097a4a6f6a289",
                                        "004_517ceb9286c79c9b"};
    pith_extractor *ex = text_extractor();
    tally all;
    memset(&all, 0, sizeof all);
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        score_seed(ex, NAMES[i], &all);
    double acc = (double)all.right / all.lines;
    ck_assert_msg(acc >= SEEDS_FLOOR, "seeds: line accuracy %.3f below %.2f", acc, SEEDS_FLOOR);
    const pith_kind kinds[] = {PITH_KIND_BODY, PITH_KIND_TRENDING, PITH_KIND_OTHER_ARTICLE};
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(f1(&all, kinds[i]) >= KIND_F1_FLOOR, "seeds: %s F1 %.3f below %.2f",
                      pith_kind_name(kinds[i]), f1(&all, kinds[i]), KIND_F1_FLOOR);
    pith_extractor_free(ex);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("text");
    TCase *lines = tcase_create("lines");
    tcase_add_test(lines, test_lines_blank_groups);
    tcase_add_test(lines, test_lines_crlf_and_ranges);
    tcase_add_test(lines, test_lines_whitespace);
    tcase_add_test(lines, test_lines_separators);
    tcase_add_test(lines, test_lines_tabs);
    suite_add_tcase(s, lines);
    TCase *shapes = tcase_create("shapes");
    tcase_add_test(shapes, test_glue_points);
    tcase_add_test(shapes, test_dates);
    tcase_add_test(shapes, test_shapes);
    suite_add_tcase(s, shapes);
    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, test_dump_rules);
    suite_add_tcase(s, rules);
    TCase *seq = tcase_create("sequence");
    tcase_add_test(seq, test_article_title_meta_promo);
    tcase_add_test(seq, test_related_snippets_stay_trending);
    tcase_add_test(seq, test_teasers_without_header);
    tcase_add_test(seq, test_other_articles_after_boundary);
    tcase_add_test(seq, test_kicker_separates_articles);
    tcase_add_test(seq, test_numbered_sections_stay_in_article);
    tcase_add_test(seq, test_faq_head_inside_article);
    tcase_add_test(seq, test_inpage_navigation_inside_article);
    tcase_add_test(seq, test_form_consent);
    tcase_add_test(seq, test_box_inside_article);
    tcase_add_test(seq, test_table_and_list_in_article);
    tcase_add_test(seq, test_furniture);
    tcase_add_test(seq, test_feed_and_author_box);
    tcase_add_test(seq, test_footnotes_stay_in_article);
    tcase_add_test(seq, test_degenerate_dumps);
    tcase_add_test(seq, test_forum_posts_are_content);
    tcase_add_test(seq, test_thread_post_chrome);
    tcase_add_test(seq, test_newsletter_box);
    tcase_add_test(seq, test_listing_items_are_content);
    tcase_add_test(seq, test_product_stops_at_promo_box);
    tcase_add_test(seq, test_service_stops_at_menu_head);
    tcase_add_test(seq, test_region_ends_at_footer);
    tcase_add_test(seq, test_cookie_dialog_is_promo);
    tcase_add_test(seq, test_caption_with_glued_credit);
    tcase_add_test(seq, test_title_echoed_by_body);
    tcase_add_test(seq, test_title_under_breadcrumb);
    tcase_add_test(seq, test_copies_in_content);
    tcase_add_test(seq, test_thread_engine_chrome);
    tcase_add_test(seq, test_dump_page_type);
    suite_add_tcase(s, seq);
    TCase *seeds = tcase_create("seeds");
    tcase_add_test(seeds, test_seeds);
    suite_add_tcase(s, seeds);
    return s;
}
