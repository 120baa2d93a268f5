/* Classifying the lines of a visible-text dump.
 *
 * Without tags, a line has its shape (text_features.h), its wording (stopwords, rule
 * phrases), its repeats, and its place in the sequence. The sequence carries most of
 * the signal, as a page prints title -> body -> related lists -> comments -> footer,
 * and an infinite-scroll dump repeats that for every further article.
 *
 * 1. Line quality: each line gets q in [-1, 1] from its own features, as jusText's
 *    paragraph classes do: long lines dense in stopwords and ending in sentences are
 *    prose, long lines without stopwords (lists of names, glued menus) are not, short
 *    lines are undecided. Rule votes for a boilerplate kind pull q down, a paragraph
 *    printed twice is a teaser. Two shapes of several lines are found here too: lists
 *    under a "...:" line (part of the text), and teaser lists that alternate
 *    headline, byline, date and snippet (not part of it, though the snippets are
 *    sentences).
 * 2. Boundaries: section heads ("Related Stories", "Comments", "About the author"),
 *    comment widgets, strong navigation lines ("Continue Reading", copyright) and long
 *    footers or bios after the prose end an article. So does a kicker: the short
 *    section label printed above the main headline ("World") when it comes back above
 *    a further headline followed by prose.
 * 3. Main article: between boundaries, the run of lines with the highest sum of
 *    q x length (a maximum subarray, so short lines between paragraphs are bridged and
 *    menus are not); the first run that is strong enough wins, as an infinite-scroll
 *    dump starts with the article the page is about, and a run under a headline with
 *    its byline counts double. The article then continues across a short box (related
 *    links, an ad) when prose follows that no headline of its own introduces, and across
 *    in-page navigation ("Back to top", a "FAQ" jump) when paragraphs follow.
 * 4. Title: the headline just above the article, skipping datelines, bylines, kickers,
 *    share bars and ad slots, preferring the one beside its byline or date. The lines
 *    between title and body are meta, promo or caption by their rules, else body;
 *    promo lines and links inside the body are cut out without ending it.
 * 5. Further articles: after a boundary (not inside a comment thread), a standalone
 *    headline followed by a run of prose is an other_article. The run must be prose
 *    line after prose line, which teaser lists are not.
 * 6. Everything else is page furniture: a section head gives its kind to what follows
 *    it until the next boundary, article or menu; otherwise lists of headlines are
 *    trending and the rest navigation, unless a rule says promo or comments.
 * All passes are linear in the number of lines.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "block_features.h"
#include "classify.h"
#include "extractor.h"
#include "text_features.h"

#define NO_KIND 0xFF

/* A rule vote this heavy decides a line's kind on its own (the tables use 1 for a
 * hint, 2 for clear, 3 for unmistakable). */
#define STRONG_VOTE 2.0f
/* Costs in the maximum-subarray search, in characters of prose: an undecided short
 * line costs a little, so a heading or a short quote between paragraphs is bridged
 * while a menu of forty items is not. */
#define SHORT_LINE_COST 15.0
#define SEPARATOR_COST 5.0
#define BAD_LINE_MIN_CHARS 40.0
#define LINE_VALUE_CAP 1500.0
/* Repeated lines this long are teasers, not paragraphs of the article. */
#define REPEAT_PROSE_CHARS 100
/* The prose after a comments head is a comment thread: worth this share of its value
 * as the main article. */
#define COMMENTS_SPAN_SHARE 0.3
#define PARAGRAPH_CHARS TEXT_SHORT_LINE_CHARS
/* Meta lines this long are footers and bios, not datelines. */
#define META_FOOTER_CHARS 60
/* The weight of a date in a short line, as a rule hint would have. */
#define DATE_HINT 1.0f
/* The main article is the first run reaching this share of the strongest run. */
#define FIRST_STRONG_SHARE 0.35
#define MAIN_MIN_VALUE 120.0
/* A run under a headline with its byline or date counts this much more. */
#define ANCHOR_BONUS 2.0
#define TITLE_WITH_META 4
/* A headline's byline or dateline follows it within this many lines. */
#define TITLE_META_LINES 2
/* How far above the body the title may sit (lines). */
#define TITLE_LOOKBACK 4
/* A headline is the article's own when its words come back in the article's opening:
 * at least TITLE_ECHO_SHARE of its words of TITLE_ECHO_MIN_BYTES or more (shorter ones
 * are "the", "of", "und") recur in the body's first TITLE_ECHO_CHARS characters, and
 * at least TITLE_ECHO_MIN_WORDS of them. A kicker, a tag line, a breadcrumb's section or
 * "Jump to Recipe" next to the byline seldom does, so the echoed line wins a tie. */
#define TITLE_ECHO_CHARS 600
#define TITLE_ECHO_MIN_BYTES 4
#define TITLE_ECHO_SHARE 0.5
#define TITLE_ECHO_MIN_WORDS 2
/* The echo only breaks ties: a title score counts TITLE_ECHO_WEIGHT times, the echo
 * TITLE_ECHO_BONUS, so a short line's echo does not outweigh a full headline. */
#define TITLE_ECHO_BONUS 1
#define TITLE_ECHO_WEIGHT 2
/* Lines between the title and the body are meta (the author's name and role, the
 * section, tags) when there are at most this many of them; more are the article's
 * own opening: a recipe's facts and ingredients, an interview's list of names. */
#define HEADER_MAX_LINES 6
/* A picture's caption sits right above its credit ("Image: ...", "Getty Images"): a line
 * of at most this many characters; in the header, the line under the credit too. */
#define CAPTION_MAX_CHARS 250
/* A credit alone is a few words; a caption line with its credit at the end is longer,
 * and the line above it is the article's. */
#define CREDIT_MAX_WORDS 6
/* In the body, the line right above a credit is the picture's caption when it is short:
 * at most this many characters and sentences (a paragraph before a picture without a
 * caption is longer). */
#define BODY_CAPTION_MAX_CHARS 200
#define BODY_CAPTION_MAX_SENTENCES 2
/* A further article: a headline, at most this many lines of dek or meta, then prose of
 * at least OTHER_MIN_LINES good lines and OTHER_MIN_CHARS characters. */
#define OTHER_LEAD_LINES 2
#define OTHER_MIN_LINES 2
#define OTHER_MIN_CHARS 300
#define OTHER_MIN_WORDS 4
/* An item number has at most this many digits ("12. "). */
#define NUMBER_MAX_DIGITS 2
/* The article continues below a box of at most this many lines when at least this much
 * prose follows. */
#define CONTINUE_MAX_GAP 16
#define CONTINUE_MIN_VALUE 150.0
#define CONTINUE_MIN_LINES 1
/* In-page navigation between an article's sections ("Back to top", a "FAQ" jump, a
 * section's name that a menu rule knows): a navigation label within INPAGE_NAV_GAP lines
 * of the last paragraph does not end the article when the prose below it is worth
 * INPAGE_MIN_VALUE and holds INPAGE_MIN_LINES good paragraphs: a footer's links lead to
 * more links, not to the article's next section. */
#define INPAGE_NAV_GAP 5
#define INPAGE_MIN_VALUE 400.0
#define INPAGE_MIN_LINES 2
/* Headline lists: a headline with this many headlines or dates within HEADLINE_WINDOW
 * lines on either side (itself included) is a list item. */
#define HEADLINE_WINDOW 3
#define HEADLINE_LIST_MIN 3
/* Headlines of other stories in a list have this many words; a menu's links fewer. */
#define LIST_HEADLINE_WORDS 6
/* Teaser lists: this many snippets in a row, each under a headline; a teaser keeps
 * this share of its prose quality. */
#define TEASER_CHAIN 3
#define TEASER_WEIGHT 0.2f
/* A teaser's snippet is a sentence or two; a longer paragraph under a subheading is an
 * article's section. A chain in which more than TEASER_LONG_SHARE of the snippets are
 * longer than TEASER_SNIPPET_MAX_CHARS is an article's sections (a listicle), not a list
 * of other stories (where long snippets happen, but seldom make most of the list). */
#define TEASER_SNIPPET_MAX_CHARS 250
#define TEASER_LONG_SHARE 0.67
/* A run of this many labels is a menu; a promo head covers at most this many lines. */
#define MENU_RUN 8
/* Items of a list under a "...:" line: short lines, at most this many. */
#define LIST_ITEM_WORDS 10
#define LIST_MAX_ITEMS 40
#define PROMO_SECTION_LINES 4
/* A box (a newsletter form, a list of stories) holds at most this many unclaimed lines
 * between two of its own lines; a longer stretch is a menu of its own. */
#define BOX_GAP_LINES 12
/* A tag list under its head ("Topics") is a run of labels, at most this many: more are
 * the menu below it. */
#define TAG_LIST_MAX 30
/* The article's tags follow its last paragraph within this many lines (comments, a
 * related box and a newsletter prompt may come between); a tag head further down is a
 * footer menu's ("Topics"). */
#define TAG_LIST_AFTER 40

/* The author's box under an article: the author's name alone on a line (two to four
 * words), then a line or two of biography. It sits among the last AUTHOR_TAIL_LINES
 * lines of the body run or within AUTHOR_AFTER_LINES lines after it. A name is taken
 * for the author's when the byline in the header holds it, or when the line under it is
 * a biography: a line the rules call meta ("Jane Doe is a reporter for ...") or prose of
 * at least AUTHOR_BIO_CHARS characters that names the author again ("Jane joined ..."). */
#define AUTHOR_TAIL_LINES 6
#define AUTHOR_AFTER_LINES 12
#define AUTHOR_NAME_MIN_WORDS 2
#define AUTHOR_NAME_MAX_WORDS 4
#define AUTHOR_NAME_MAX_CHARS 40
#define AUTHOR_BIO_CHARS 40
/* Pictures at the end of an article print their captions and credits under its last
 * paragraph: a line within this many lines after the body run that its rules call a
 * caption, before any section head or boundary, is the article's caption. */
#define TAIL_CAPTION_LINES 8
/* Footnotes under the article end with a link back to their mark, "↩": the article runs
 * on over a list of them that starts within FOOTNOTE_GAP lines of its last paragraph,
 * the lines between two footnotes (a reference printed without the arrow) included. */
#define FOOTNOTE_GAP 4

/* A social feed (a Twitter timeline) prints its account's handle with every post: a
 * short line holding "@handle" that comes back at least FEED_MIN_POSTS times, each copy
 * within FEED_MAX_GAP lines of the one before, spans a feed (promo). One embedded post in
 * an article prints its handle once. */
#define FEED_MIN_POSTS 3
#define FEED_MAX_GAP 6
#define FEED_HANDLE_MAX_WORDS 4

/* What the main content is, by page type (pith_page_type). An article is a run of prose
 * under its headline, and the rest of the page is furniture. Other pages are a region
 * of the page: a thread of posts, a list of items, a service page's sections. For them
 * the region is chosen like the article's run, as the maximum-sum stretch of lines, but
 * with values that suit the type, and inside it every line that is not chrome (menus,
 * lines rules call navigation or promotion) is body. */
typedef struct text_profile {
    /* the content is a region of the page rather than one article's run */
    uint8_t region;
    /* forum: the posts follow each other under comment-like chrome ("Reply", "Quote",
     * "12 replies"); comment heads and widgets do not end the content */
    uint8_t thread;
    /* listing, collection, service: lists of headlines, teasers, prices and repeated
     * short lines are the items of the content, not lists of other stories */
    uint8_t items;
    /* an article's continuation: a date or byline below the article's start is a
     * teaser's or a comment's, not the article's */
    uint8_t undated;
} text_profile;

static const text_profile PROFILES[PITH_PAGE_COUNT] = {
    [PITH_PAGE_FORUM] = {1, 1, 0, 0},
    [PITH_PAGE_PRODUCT] = {1, 0, 0, 0},
    [PITH_PAGE_COLLECTION] = {1, 0, 1, 0},
    [PITH_PAGE_LISTING] = {1, 0, 1, 0},
    [PITH_PAGE_DOCUMENTATION] = {1, 0, 0, 0},
    [PITH_PAGE_SERVICE] = {1, 0, 1, 0},
};

/* A detected type decides how the content is read through its probabilities, not only
 * through the most probable type: the page is read as an article while the article's
 * probability reaches ARTICLE_MIN_PROB, and otherwise by the profile whose types together
 * are the most probable (listing, collection and service share one). Reading a listing
 * as an article keeps one teaser of it, reading an article as a region keeps most of it:
 * on WCXB's dumps, each fold read with a model fitted on the other three, this rule gives
 * 0.789/0.783/0.811/0.795 where the most probable type alone (read when at least 0.3
 * probable) gave 0.782/0.772/0.806/0.790; aeb-text and tfeval-text do not lose. A forced
 * type always applies. */
#define ARTICLE_MIN_PROB 0.5

/* Line values of the region search, in characters of prose as in the article's. A
 * headline of four words or more is an item's title; short lines between items (dates,
 * prices, names, "Reply") cost little, a menu's labels and chrome lines much. */
#define REGION_HEADLINE_VALUE 20.0
#define REGION_SENTENCE_Q 0.3
#define REGION_SENTENCE_WORDS 4
/* An article continues to the end of its region when the continuation is worth this
 * much and holds this many lines of content (worth REGION_GOOD_VALUE or more): a blurb
 * below a few lines of links is not the article going on. */
#define REGION_EXTEND_MIN_VALUE 200.0
#define REGION_EXTEND_MIN_LINES 3
#define REGION_GOOD_VALUE 15.0
#define REGION_SHORT_COST 3.0
/* A region that runs across the site's footer ends there, at its best end above the
 * footer, when the stretch before the footer is worth this much (two or three
 * paragraphs): what a dump prints below the footer is a modal's text or a policy printed
 * in full. (With less above it, the content is more likely below a menu's head.) */
#define FOOTER_MIN_BEFORE 300.0
/* A post's chrome in a thread: at most this many words, printed at least this many more
 * times on the page (see post_chrome). */
#define POST_CHROME_WORDS 4
#define POST_CHROME_REPEATS 2
#define REGION_MENU_COST 15.0
#define REGION_CHROME_COST 40.0
#define REGION_NOPROSE_COST 10.0
/* In a run of labels, this share of repeated lines, prices or numbers makes it a grid of
 * items rather than a menu. */
#define ITEM_GRID_SHARE 0.25
/* A menu's entries are short: at most this many words and characters. */
#define MENU_ENTRY_WORDS 6
#define MENU_ENTRY_CHARS 50
/* An item's button ("Add to cart") is on the page three times or more; a menu printed
 * twice (header and footer) is not a grid for that. */
#define ITEM_REPEATS 2
/* A price, a count or a date: a third or more of its characters are digits. */
#define ITEM_DIGIT_SHARE 3
/* A tie between two rule kinds is settled by the nearest line with a say among this
 * many lines above: a form's field sits a line or two under the form's head or text. */
#define TIE_LOOKBACK 3
/* A dump prints some of a page's content twice or more: a carousel's slides, the copies
 * a page keeps for small and large screens, a post quoted in the next one. The copy adds
 * nothing to the content: a line of the content that repeats an earlier line of it is
 * left out when it is a paragraph (COPY_LINE_CHARS or more) or one of COPY_RUN lines in a
 * row that repeat as many lines in a row (a stretch printed twice; single short lines,
 * "Add to cart", a plan's "Get started", repeat by design). Documentation is left whole:
 * a tutorial prints the same code again as it grows it. On WCXB's dumps, checked fold by
 * fold, this gained on each of the four folds. */
#define COPY_LINE_CHARS 80
#define COPY_RUN 3

typedef struct tline {
    unsigned shape; /* TS_* */
    float q;        /* local prose quality */
    uint8_t vote;   /* heaviest non-body rule kind, NO_KIND when none */
    uint8_t hard;   /* 1 + the kind of boundary this line is, 0 when none */
    uint8_t done;   /* kind decided */
    uint8_t teaser; /* part of a list of teasers: headline, byline, date, snippet */
    uint8_t boxed;  /* inside the main article, in a box of links or an ad */
    uint8_t list;   /* an item of a list introduced by a line ending in ':' */
    uint8_t menu;   /* in a menu: a long run of labels that is not a grid of items */
    uint8_t dek;    /* the standfirst under the title: meta */
    uint8_t feed;   /* inside a social feed's posts (FEED_MIN_POSTS) */
    uint8_t stray;  /* navigation only because nothing else claimed it */
    float vote_w;
    unsigned words; /* text_words(): a CJK character is half a word, not one */
} tline;

typedef struct tctx {
    pith_doc *doc;
    uint32_t n;
    tline *l;
    uint32_t main_first, main_last; /* body run, inclusive; PITH_NONE when none */
    uint32_t title;                 /* title line, PITH_NONE when none */
    uint32_t head;                  /* first line of the main article (title or body) */
    const text_profile *prof;       /* of the page's type */
} tctx;

static const text_profile *profile_of(const pith_doc *doc)
{
    static const text_profile article = {0, 0, 0, 0};
    pith_page_type t = doc->page_type;
    if ((unsigned)t >= PITH_PAGE_COUNT)
        return &article;
    if (doc->ex->opts.page_type != PITH_PAGE_AUTO)
        return &PROFILES[t];
    if (doc->page_prob[PITH_PAGE_ARTICLE] >= ARTICLE_MIN_PROB || doc->page_prob[t] == 0)
        return &article;
    /* the probability of each profile: the sum over the types that read that way */
    const text_profile *best = &article;
    double best_p = 0;
    for (int k = 0; k < PITH_PAGE_COUNT; k++) {
        if (!PROFILES[k].region)
            continue;
        double p = 0;
        for (int j = 0; j < PITH_PAGE_COUNT; j++)
            if (memcmp(&PROFILES[j], &PROFILES[k], sizeof PROFILES[k]) == 0)
                p += doc->page_prob[j];
        if (p > best_p) {
            best_p = p;
            best = &PROFILES[k];
        }
    }
    return best;
}

static void set_kind(tctx *c, uint32_t i, int kind, int article)
{
    pith_blk *b = &c->doc->blocks[i];
    b->kind = (uint8_t)kind;
    b->article = (uint8_t)(article > 255 ? 255 : article);
    c->l[i].done = 1;
}

static int strong(const tline *t) { return t->vote != NO_KIND && t->vote_w >= STRONG_VOTE; }

static int is_prose(const tline *t, float min) { return t->q >= min; }

/* The next line after i that is not a separator, or n. */
static uint32_t next_line(const tctx *c, uint32_t i)
{
    for (i++; i < c->n; i++)
        if (!(c->doc->blocks[i].flags & BF_SEPARATOR))
            return i;
    return c->n;
}

/* The previous line before i that is not a separator, or PITH_NONE. */
static uint32_t prev_line(const tctx *c, uint32_t i)
{
    while (i-- > 0)
        if (!(c->doc->blocks[i].flags & BF_SEPARATOR))
            return i;
    return PITH_NONE;
}

/* Whether lines a and b have the same text (a title printed twice, a kicker). */
static int same_text(const pith_doc *doc, uint32_t a, uint32_t b)
{
    const pith_blk *x = &doc->blocks[a], *y = &doc->blocks[b];
    return x->len == y->len && memcmp(blk_text(doc, x), blk_text(doc, y), x->len) == 0;
}

/* A label (menu item, tag, section name) no rule has a say on. */
static int plain_label(const tline *t)
{
    return (t->shape & TS_LABEL) && t->vote == NO_KIND && !t->hard;
}

/* A headline of four words or more: a title or a teaser, not a label. */
static int full_headline(const tctx *c, uint32_t i)
{
    return (c->l[i].shape & TS_HEADLINE) && c->l[i].words >= OTHER_MIN_WORDS;
}

/* ---- 1. line quality, lists and teasers ------------------------------------------ */

static float prose_quality(const pith_doc *doc, const pith_blk *b, unsigned shape)
{
    if ((b->flags & BF_SEPARATOR) || b->chars == 0)
        return 0;
    double c = b->chars;
    int sentence = (shape & TS_TERMINAL) || b->sentences;
    /* a line that does not end like a sentence is a heading or a teaser until it is
     * long enough to be a paragraph whose full stop was lost */
    int open_end = !(shape & TS_TERMINAL) || (shape & TS_ELLIPSIS);
    float q;
    if (doc->lang >= 0) {
        double sd = feat_stopword_density(b);
        if (c >= 150 && sd >= 0.25)
            q = 1;
        else if (c >= 70 && sd >= 0.2 && sentence && !open_end)
            q = 0.7f;
        else if (c >= 70 && sd >= 0.1 && sentence && !open_end)
            q = 0.3f; /* news about people: names and numbers, few stopwords */
        else if (c >= 70 && sd < 0.1)
            q = -0.4f;
        else if (c < 70 && sd >= 0.2 && !open_end)
            q = 0.3f;
        else
            q = 0;
    } else {
        /* no stopword list for this language: sentences and length carry it */
        if (c >= 150 && (b->sentences || b->commas))
            q = 0.9f;
        else if (c >= 70 && sentence && !open_end)
            q = 0.5f;
        else
            q = 0;
    }
    if (shape & TS_GLUED)
        q -= 0.6f;
    if ((shape & TS_ELLIPSIS) && q > 0)
        q -= 0.3f;
    /* a paragraph printed twice on a page is a teaser or a ticker, not the article */
    if (b->repeat && q > 0 && c >= REPEAT_PROSE_CHARS)
        q *= 0.3f;
    return q;
}

/* The kind of the nearest line with a say among the TIE_LOOKBACK lines above line i
 * (whose votes are known): its rule vote, else the section it opens; NO_KIND when none. */
static int kind_above(const tctx *c, uint32_t i)
{
    for (int back = 0; back < TIE_LOOKBACK; back++) {
        i = prev_line(c, i);
        if (i == PITH_NONE)
            break;
        if (c->l[i].vote != NO_KIND)
            return c->l[i].vote;
        if (c->doc->blocks[i].section)
            return c->doc->blocks[i].section - 1;
    }
    return NO_KIND;
}

static void line_features(tctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        pith_blk *b = &doc->blocks[i];
        tline *t = &c->l[i];
        t->shape = text_line_shape(doc, i);
        t->words = text_words(blk_text(doc, b), b->len, b);
        if (b->flags & PITH_BLOCK_TABLE)
            t->shape &= ~(TS_HEADLINE | TS_LABEL); /* a row of cells, not a heading */
        t->vote = NO_KIND;
        for (int k = 0; k < PITH_KIND_COUNT; k++)
            if (k != PITH_KIND_BODY && b->votes[k] > t->vote_w) {
                t->vote_w = b->votes[k];
                t->vote = (uint8_t)k;
            }
        /* a date in a short line is a dateline or a teaser's date: a hint of meta */
        if (t->vote == NO_KIND && (t->shape & TS_DATE) && b->chars < PARAGRAPH_CHARS) {
            t->vote = PITH_KIND_META;
            t->vote_w = DATE_HINT;
            doc_note(doc, i, "holds a date: a hint of meta");
        }
        /* a tie between two kinds ("Email *": a comment form's field or a newsletter's)
         * goes to the kind of the form it sits in, when it is one of them */
        if (t->vote != NO_KIND) {
            int k = kind_above(c, i);
            if (k != NO_KIND && k != t->vote && k != PITH_KIND_BODY && b->votes[k] == t->vote_w) {
                doc_note(doc, i, "%s or %s: %s as the lines above", pith_kind_name((pith_kind)t->vote),
                         pith_kind_name((pith_kind)k), pith_kind_name((pith_kind)k));
                t->vote = (uint8_t)k;
            }
        }
        t->q = prose_quality(doc, b, t->shape);
        /* a hint (a date, a photo credit's shape) weighs on short lines only: a
         * paragraph that mentions a date is still a paragraph */
        if (strong(t))
            t->q = -1;
        else if (t->vote != NO_KIND && b->chars < PARAGRAPH_CHARS)
            t->q -= 0.5f;
        if (t->q < -1)
            t->q = -1;
        b->score = t->q;
    }
}

/* A comments head ("Reviews", "Comments") printed between menu labels is a menu's
 * entry, not the head of what follows: two plain labels above it and one below. (A list
 * of other stories under its head, "More on this", may well be a list of labels.) */
static void unmark_menu_heads(tctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        tline *t = &c->l[i];
        if (doc->blocks[i].section != PITH_KIND_COMMENTS + 1 || !(t->shape & TS_LABEL))
            continue;
        uint32_t p = prev_line(c, i), pp = p != PITH_NONE ? prev_line(c, p) : PITH_NONE;
        uint32_t nx = next_line(c, i);
        if (pp == PITH_NONE || nx >= c->n || !plain_label(&c->l[p]) || !plain_label(&c->l[pp]) ||
            !plain_label(&c->l[nx]))
            continue;
        doc->blocks[i].section = 0;
        t->vote = NO_KIND;
        t->vote_w = 0;
        t->q = 0;
        doc->blocks[i].score = 0;
        doc_note(doc, i, "a section name between menu labels: a menu entry");
    }
}

/* Lists introduced by a colon ("Zutaten:", "You will need:"): the short lines under
 * such a line are items of the text, not a menu, until the paragraph ends. */
static void mark_lists(tctx *c)
{
    const pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        const tline *t = &c->l[i];
        if (!(t->shape & TS_COLON) || strong(t) || doc->blocks[i].section)
            continue;
        uint32_t j = i + 1;
        unsigned items = 0;
        for (; j < c->n && items < LIST_MAX_ITEMS; j++) {
            const tline *u = &c->l[j];
            const pith_blk *b = &doc->blocks[j];
            if (u->vote != NO_KIND || u->words > LIST_ITEM_WORDS || (u->shape & TS_COLON))
                break;
            c->l[j].list = 1;
            items++;
            if (b->flags & BF_PARA_END)
                break;
        }
        if (items)
            doc_note(c->doc, i, "introduces a list of %u items", items);
        i = j > i ? j - 1 : i;
    }
}

/* Teaser lists. A list of other stories with snippets repeats headline, byline or tag,
 * date, snippet: full sentences, but every one of them under a headline of its own and
 * after two or more short lines. An article's paragraphs follow each other, with at
 * most a subheading or a caption between them, so a chain of TEASER_CHAIN snippets in
 * that rhythm is a list, and its snippets lose most of their weight as prose. */
static void mark_chain(tctx *c, const uint32_t *starts, unsigned len, unsigned longs, uint32_t end)
{
    if (len < TEASER_CHAIN || longs > TEASER_LONG_SHARE * len)
        return;
    for (uint32_t i = starts[0]; i <= end; i++) {
        tline *t = &c->l[i];
        t->teaser = 1;
        if (t->q > 0 && !c->prof->items) {
            t->q *= TEASER_WEIGHT;
            c->doc->blocks[i].score = t->q;
        }
    }
    doc_note(c->doc, starts[0], "list of %u teasers (headline, short lines, snippet)", len);
}

static void mark_teasers(tctx *c)
{
    uint32_t prev = PITH_NONE, gap_start = 0;
    unsigned gap = 0, headlines = 0, len = 0, longs = 0;
    uint32_t starts[TEASER_CHAIN];
    uint32_t last_teaser = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        const tline *t = &c->l[i];
        if (c->doc->blocks[i].flags & BF_SEPARATOR)
            continue;
        if (!is_prose(t, 0.7f) || strong(t)) {
            gap++;
            headlines += full_headline(c, i);
            continue;
        }
        int teaser = prev != PITH_NONE && gap >= 2 && headlines > 0;
        if (teaser) {
            if (len < TEASER_CHAIN)
                starts[len] = gap_start;
            len++;
            longs += c->doc->blocks[i].chars > TEASER_SNIPPET_MAX_CHARS;
            last_teaser = i;
        } else {
            mark_chain(c, starts, len, longs, last_teaser);
            len = longs = 0;
        }
        prev = i;
        gap = headlines = 0;
        gap_start = i + 1;
    }
    mark_chain(c, starts, len, longs, last_teaser);
}

/* Whether line i is short and holds an account's handle ("Jane Doe @janedoe"). */
static int handle_line(const tctx *c, uint32_t i)
{
    const pith_blk *b = &c->doc->blocks[i];
    if (c->l[i].words > FEED_HANDLE_MAX_WORDS || !b->repeat)
        return 0;
    const char *s = blk_text(c->doc, b);
    for (uint32_t k = 0; k + 2 < b->len; k++) {
        if (s[k] != '@' || (k > 0 && s[k - 1] != ' '))
            continue;
        unsigned n = 0;
        for (uint32_t j = k + 1; j < b->len && n < 3; j++, n++) {
            unsigned char ch = (unsigned char)s[j];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
                break;
        }
        if (n >= 2)
            return 1;
    }
    return 0;
}

/* Social feeds: the lines from a handle line's first copy to its last, when it comes
 * back FEED_MIN_POSTS times or more at most FEED_MAX_GAP lines apart, and the post under
 * the last copy (up to the next handle-free gap of FEED_MAX_GAP lines). */
static void mark_feeds(tctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        if (c->l[i].feed || !handle_line(c, i))
            continue;
        uint32_t last = i, posts = 1;
        for (uint32_t j = i + 1; j < c->n && j <= last + FEED_MAX_GAP; j++)
            if (same_text(doc, j, i)) {
                last = j;
                posts++;
            }
        if (posts < FEED_MIN_POSTS)
            continue;
        uint32_t end = last;
        for (uint32_t k = 0; k < 2 && next_line(c, end) < c->n; k++)
            end = next_line(c, end); /* the last post's text and date */
        for (uint32_t k = i; k <= end; k++)
            c->l[k].feed = 1;
        doc_note(doc, i, "a social feed of %u posts", posts);
    }
}

/* ---- 2. boundaries --------------------------------------------------------------- */

static int followed_by_paragraph(const tctx *c, uint32_t i)
{
    uint32_t j = next_line(c, i);
    return j < c->n && c->l[j].q >= 0.7f && c->doc->blocks[j].chars >= PARAGRAPH_CHARS;
}

/* Whether line i starts with an item number, "7. " or "3) ": a headline so numbered is
 * a section of a listicle or a how-to ("7. Functional Fitness"), not another article's
 * title. (A German date, "8. Dezember", is a date line, not a headline.) */
static int numbered(const tctx *c, uint32_t i)
{
    const pith_blk *b = &c->doc->blocks[i];
    const char *s = blk_text(c->doc, b);
    uint32_t k = 0;
    while (k < b->len && k < NUMBER_MAX_DIGITS && s[k] >= '0' && s[k] <= '9')
        k++;
    return k > 0 && k + 1 < b->len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ' &&
           !(c->l[i].shape & TS_DATE);
}

/* A headline at i followed by prose: what an article starts with. */
static int opens_article(const tctx *c, uint32_t i)
{
    if (i >= c->n || !(c->l[i].shape & TS_HEADLINE) || c->l[i].vote != NO_KIND || numbered(c, i))
        return 0;
    uint32_t j = next_line(c, i);
    for (int k = 0; k < OTHER_LEAD_LINES && j < c->n && !is_prose(&c->l[j], 0.7f); k++)
        j = next_line(c, j);
    return j < c->n && is_prose(&c->l[j], 0.7f);
}

/* A menu's label ("FAQ", "Help") printed under a paragraph and above a question is the
 * head of the article's own questions and answers, which go on below it: a menu entry
 * sits among other labels. */
static int faq_head(const tctx *c, uint32_t i)
{
    uint32_t p = prev_line(c, i), nx = next_line(c, i);
    if (p == PITH_NONE || nx >= c->n || !is_prose(&c->l[p], 0.7f) || c->l[nx].vote != NO_KIND)
        return 0;
    const pith_blk *q = &c->doc->blocks[nx];
    return (c->l[nx].shape & TS_QUESTION) && q->len && blk_text(c->doc, q)[q->len - 1] == '?';
}

static void mark_boundaries(tctx *c)
{
    pith_doc *doc = c->doc;
    double prose = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        tline *t = &c->l[i];
        if (is_prose(t, 0.7f))
            prose += b->chars;
        int sec = b->section ? b->section - 1 : -1;
        int kind = sec >= 0 ? sec : (strong(t) ? t->vote : -1);
        /* "12 Comments" in an article's header is followed by the article, a comment
         * thread by the name of its first commenter */
        if (kind == PITH_KIND_COMMENTS && (followed_by_paragraph(c, i) || prose < PARAGRAPH_CHARS ||
                                           opens_article(c, next_line(c, i)))) {
            doc_note(doc, i, "comments line before an article: not a boundary");
            continue;
        }
        /* a long meta line after the prose is a post's footer or its author's bio:
         * the article is over */
        if (sec < 0 && strong(t) && t->vote == PITH_KIND_META && b->chars >= META_FOOTER_CHARS &&
            prose >= PARAGRAPH_CHARS) {
            t->hard = PITH_KIND_META + 1;
            doc_note(doc, i, "boundary: a footer or bio after the prose");
            continue;
        }
        if (sec == PITH_KIND_TRENDING || sec == PITH_KIND_COMMENTS || sec == PITH_KIND_META) {
            t->hard = (uint8_t)(sec + 1);
            doc_note(doc, i, "boundary: opens a %s section", pith_kind_name((pith_kind)sec));
        } else if (strong(t) && t->vote == PITH_KIND_NAVIGATION && faq_head(c, i)) {
            doc_note(doc, i, "navigation label between prose and a question: the article's FAQ");
        } else if (strong(t) &&
                   (t->vote == PITH_KIND_COMMENTS || t->vote == PITH_KIND_NAVIGATION)) {
            /* (a single trending line, "Read more: <headline>", is cut out of an article
             * like a promo; a list of them opens with a section head) */
            t->hard = (uint8_t)(t->vote + 1);
            doc_note(doc, i, "boundary: %s line", pith_kind_name((pith_kind)t->vote));
        }
    }
}

/* Kickers: a short label repeated on the page, printed above a headline that opens an
 * article at least twice, separates the articles of an infinite-scroll dump. A label
 * repeated inside an article (a photo credit above a subheading) does not qualify,
 * since subheadings are not headlines followed by prose twice over with the same
 * label, and a label with rule votes (a caption, a byline) is not a kicker. */
static void mark_kickers(tctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t first = PITH_NONE;
    unsigned count = 0;
    double prose = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        const tline *t = &c->l[i];
        if (is_prose(t, 0.7f))
            prose += b->chars;
        /* the kicker is first printed above the page's own article, before any prose;
         * a label first seen after the prose heads boxes inside it */
        if (first == PITH_NONE && prose >= PARAGRAPH_CHARS)
            return;
        /* (a label ending in ':' introduces the line under it, "By:", and names no
         * section) */
        if (!b->repeat || !(t->shape & TS_LABEL) || (t->shape & TS_COLON) || t->vote != NO_KIND ||
            t->hard || !opens_article(c, next_line(c, i)))
            continue;
        if (first == PITH_NONE) {
            first = i;
            count = 1;
        } else if (b->len == doc->blocks[first].len &&
                   memcmp(blk_text(doc, b), blk_text(doc, &doc->blocks[first]), b->len) == 0) {
            count++;
        }
    }
    if (count < 2)
        return;
    const pith_blk *k = &doc->blocks[first];
    for (uint32_t i = first; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if (b->len == k->len && memcmp(blk_text(doc, b), blk_text(doc, k), b->len) == 0 &&
            !c->l[i].hard) {
            c->l[i].hard = PITH_KIND_NAVIGATION + 1;
            doc_note(doc, i, "boundary: kicker above %u headlines", count);
        }
    }
}

/* ---- 3. main article ------------------------------------------------------------- */

static int meta_line(const tctx *c, uint32_t i)
{
    return i < c->n && c->l[i].vote == PITH_KIND_META;
}

/* Whether a byline or dateline follows line i within TITLE_META_LINES lines (a dek may
 * sit between a headline and its byline). */
static int meta_follows(const tctx *c, uint32_t i)
{
    for (int k = 0; k < TITLE_META_LINES; k++) {
        i = next_line(c, i);
        if (i >= c->n || c->l[i].hard)
            return 0;
        if (meta_line(c, i))
            return 1;
    }
    return 0;
}

/* How much a line looks like the article's title: 0 when it cannot be one. A full
 * headline (four words or more, not shouted in capitals) beats a short one, which is
 * more often a kicker or a section name; a headline next to a byline or dateline beats
 * one that is not, as the title sits with its meta while a video's or a teaser's
 * headline sits alone. */
static int title_score(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    if (!(t->shape & TS_HEADLINE) || (t->shape & TS_GLUED) || t->vote != NO_KIND)
        return 0;
    uint32_t p = prev_line(c, i);
    /* the line after a photo credit's label ("Credit...") is the credit */
    if (p != PITH_NONE && c->l[p].vote == PITH_KIND_CAPTION)
        return 0;
    int s = c->l[i].words >= OTHER_MIN_WORDS && !(t->shape & TS_CAPS) ? 2 : 1;
    if (meta_line(c, p) || meta_follows(c, i))
        s += 2;
    return s;
}

/* Lines the title search looks through without counting them: ad slots, share
 * buttons, bylines and labels sit between a title and its body. */
static int title_filler(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    return t->vote != NO_KIND || t->list || (t->shape & (TS_LABEL | TS_FIELD)) ||
           (c->doc->blocks[i].flags & (BF_SEPARATOR | PITH_BLOCK_TABLE));
}

/* A label standing alone (no menu item above or below it): a one-word title
 * ("Mandelplätzchen") when no headline is found. */
static int lone_label(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    if (!(t->shape & TS_LABEL) || t->vote != NO_KIND || t->list ||
        (t->shape & (TS_CAPS | TS_FIELD | TS_COLON)))
        return 0;
    uint32_t p = prev_line(c, i), nx = next_line(c, i);
    return (p == PITH_NONE || !plain_label(&c->l[p])) && (nx >= c->n || !plain_label(&c->l[nx]));
}

static int contains_nocase(const char *s, size_t sn, const char *w, size_t n);

static int word_byte(unsigned char ch)
{
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* Whether most of line i's longer words recur in the opening of the body at `first`
 * (TITLE_ECHO_*). */
static int title_echo(const tctx *c, uint32_t i, uint32_t first)
{
    const pith_doc *doc = c->doc;
    const char *s = blk_text(doc, &doc->blocks[i]);
    size_t n = doc->blocks[i].len;
    unsigned words = 0, hits = 0;
    for (size_t a = 0; a < n;) {
        while (a < n && !word_byte((unsigned char)s[a]))
            a++;
        size_t e = a;
        while (e < n && word_byte((unsigned char)s[e]))
            e++;
        if (e - a >= TITLE_ECHO_MIN_BYTES) {
            words++;
            size_t seen = 0;
            for (uint32_t j = first; j < c->n && seen < TITLE_ECHO_CHARS; j = next_line(c, j)) {
                const pith_blk *b = &doc->blocks[j];
                if (contains_nocase(blk_text(doc, b), b->len, s + a, e - a)) {
                    hits++;
                    break;
                }
                seen += b->chars;
            }
        }
        a = e;
    }
    return hits >= TITLE_ECHO_MIN_WORDS && hits >= TITLE_ECHO_SHARE * words;
}

/* Whether line a holds the whole text of the shorter line b: a breadcrumb ending in the
 * headline ("Home » Recipes » Sourdough Bread"), the headline with the site's name. */
static int holds_line(const tctx *c, uint32_t a, uint32_t b)
{
    const pith_doc *doc = c->doc;
    const pith_blk *x = &doc->blocks[a], *y = &doc->blocks[b];
    return x->len > y->len && contains_nocase(blk_text(doc, x), x->len, blk_text(doc, y), y->len);
}

/* The title of an article whose body starts at `first`: the best title candidate among
 * the few lines above it, else a lone label; PITH_NONE when there is none. *score is
 * the candidate's title_score (0 for a lone label). With `echo`, the line echoed by the
 * body wins a tie, and a breadcrumb holding the headline below it is passed over. */
static uint32_t title_search(const tctx *c, uint32_t first, int *score, int echo)
{
    int best = 0, best_base = 0;
    unsigned seen = 0;
    uint32_t title = PITH_NONE, fallback = PITH_NONE;
    for (uint32_t i = first; i-- > 0 && seen < TITLE_LOOKBACK;) {
        if (c->l[i].hard)
            break;
        if (fallback == PITH_NONE && lone_label(c, i))
            fallback = i;
        if (title_filler(c, i))
            continue;
        seen++;
        /* a line repeating the headline found below it, and more, is not the title */
        if (echo && title != PITH_NONE && holds_line(c, i, title))
            continue;
        int base = title_score(c, i);
        int s = base * TITLE_ECHO_WEIGHT;
        if (echo && base > 0 && title_echo(c, i, first))
            s += TITLE_ECHO_BONUS;
        if (s > best) {
            best = s;
            best_base = base;
            title = i;
        }
    }
    *score = best_base;
    return title != PITH_NONE ? title : fallback;
}

static double line_value(const tline *t, const pith_blk *b)
{
    if (b->flags & BF_SEPARATOR)
        return -SEPARATOR_COST;
    if ((t->list || (b->flags & PITH_BLOCK_TABLE)) && t->q <= 0)
        return 0; /* a table row or a list item: the article's structure, not a menu */
    if (t->q > 0)
        return t->q * fmin((double)b->chars, LINE_VALUE_CAP);
    /* a promo line or a link to another story inside an article is cut out, not taken
     * as the article's end */
    if (t->vote == PITH_KIND_PROMO || t->vote == PITH_KIND_TRENDING)
        return -SHORT_LINE_COST;
    if (t->q < 0)
        return t->q * fmax((double)b->chars, BAD_LINE_MIN_CHARS);
    return -SHORT_LINE_COST;
}

static void choose_main(tctx *c)
{
    pith_doc *doc = c->doc;
    double best_all = 0;
    /* first pass: the strongest run anywhere; second: the first run near it */
    for (int pass = 0; pass < 2; pass++) {
        double sum = 0;
        uint32_t start = 0;
        double span_best = 0, share = 1;
        uint32_t sb_first = 0, sb_last = 0;
        for (uint32_t i = 0; i <= c->n; i++) {
            int cut = i == c->n || c->l[i].hard;
            if (!cut) {
                double v = line_value(&c->l[i], &doc->blocks[i]);
                if (sum <= 0) {
                    sum = 0;
                    start = i;
                }
                sum += v * share;
                if (sum > span_best) {
                    span_best = sum;
                    sb_first = start;
                    sb_last = i;
                }
                continue;
            }
            /* end of a span between boundaries: a run under a titled header (a
             * headline beside its byline or date) is what an article looks like */
            if (span_best > 0) {
                int ts;
                title_search(c, sb_first, &ts, 0);
                if (ts >= TITLE_WITH_META)
                    span_best *= ANCHOR_BONUS;
            }
            if (pass == 0 && span_best > best_all)
                best_all = span_best;
            if (pass == 1 && span_best > 0 &&
                span_best >= fmin(best_all, fmax(MAIN_MIN_VALUE, FIRST_STRONG_SHARE * best_all))) {
                c->main_first = sb_first;
                c->main_last = sb_last;
                doc_note(doc, sb_first, "main article starts here (value %.0f of best %.0f)",
                         span_best, best_all);
                return;
            }
            sum = 0;
            span_best = 0;
            share = i < c->n && c->l[i].hard == PITH_KIND_COMMENTS + 1 ? COMMENTS_SPAN_SHARE : 1;
        }
    }
}

/* ---- 3b. the region of a page that is not an article ---------------------------- */


/* A menu's entry: a short line that does not end like a sentence, holds no date and no
 * rule vote but navigation's. */
static int menu_entry(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    const pith_blk *b = &c->doc->blocks[i];
    if (b->flags & BF_SEPARATOR)
        return 1;
    return t->words <= MENU_ENTRY_WORDS && b->chars <= MENU_ENTRY_CHARS &&
           !(t->shape & (TS_TERMINAL | TS_DATE)) &&
           (t->vote == NO_KIND || t->vote == PITH_KIND_NAVIGATION);
}

/* Menus: runs of MENU_RUN entries or more. A run in which lines repeated all over the page
 * ("Add to cart", "New"), prices and counts are common is a grid of items, not a menu. */
static void mark_menus(tctx *c)
{
    const pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n;) {
        uint32_t end = i;
        while (end < c->n && menu_entry(c, end))
            end++;
        unsigned lines = 0, items = 0;
        for (uint32_t j = i; j < end; j++) {
            const pith_blk *b = &doc->blocks[j];
            if (b->flags & BF_SEPARATOR)
                continue;
            lines++;
            items += b->repeat >= ITEM_REPEATS || b->digits * ITEM_DIGIT_SHARE >= b->chars;
        }
        int grid = items >= ITEM_GRID_SHARE * lines;
        if (lines >= MENU_RUN && !grid) {
            for (uint32_t j = i; j < end; j++)
                c->l[j].menu = 1;
            doc_note(c->doc, i, "a menu of %u entries", lines);
        }
        i = end > i ? end : i + 1;
    }
}

/* The value of line i in the region search. */
static double region_value(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    const pith_blk *b = &c->doc->blocks[i];
    if (b->flags & BF_SEPARATOR)
        return -1;
    if (t->menu)
        return -REGION_MENU_COST;
    if (c->prof->undated && t->vote == PITH_KIND_META)
        return -REGION_CHROME_COST;
    if (strong(t)) {
        int k = t->vote;
        /* in a thread, chrome printed with every post ("Click to expand...", "More
         * sharing options...") sits between posts and does not end the thread */
        if ((k == PITH_KIND_NAVIGATION || k == PITH_KIND_PROMO) && c->prof->thread &&
            b->repeat >= POST_CHROME_REPEATS)
            return -REGION_SHORT_COST;
        if (k == PITH_KIND_NAVIGATION || k == PITH_KIND_PROMO ||
            (k == PITH_KIND_COMMENTS && !c->prof->thread))
            return -REGION_CHROME_COST;
        return -REGION_SHORT_COST;
    }
    if (t->q > 0)
        return fmax(t->q, t->teaser && c->prof->undated ? 0 : REGION_SENTENCE_Q) *
               fmin((double)b->chars, LINE_VALUE_CAP);
    if ((t->shape & TS_HEADLINE) && t->words >= OTHER_MIN_WORDS && t->vote == NO_KIND)
        return c->prof->items ? REGION_HEADLINE_VALUE : 0;
    /* a short sentence: a post's line, a feature's blurb */
    if (t->words >= REGION_SENTENCE_WORDS && b->stopwords > 0 && !(t->shape & TS_GLUED) &&
        !(t->teaser && c->prof->undated))
        return REGION_SENTENCE_Q * b->chars;
    if (t->list || (b->flags & PITH_BLOCK_TABLE))
        return 0;
    if (t->q < 0)
        return -REGION_NOPROSE_COST;
    return -REGION_SHORT_COST;
}

/* Whether the region stops at line i: a section of other stories ("Related", "Similar
 * threads") or, but in a thread, of comments. On a product's or a document's page, a
 * promotion's head ("Newsletter", "Follow us", "Share") stops it too: the product's
 * description and specs come before the shop's newsletter box and social links, while
 * the items of a list or the posts of a thread may each carry their own. (The site's
 * footer ends a region in choose_region.) */
static int region_cut(const tctx *c, uint32_t i)
{
    uint8_t h = c->l[i].hard;
    int sec = c->doc->blocks[i].section ? c->doc->blocks[i].section - 1 : -1;
    /* "Read more" under every item of a list is the item's button, not a section head */
    if (h == PITH_KIND_TRENDING + 1)
        return !(c->prof->items && c->doc->blocks[i].repeat >= ITEM_REPEATS);
    if (h == PITH_KIND_COMMENTS + 1 && !c->prof->thread)
        return sec == PITH_KIND_COMMENTS;
    return sec == PITH_KIND_PROMO && !c->prof->items && !c->prof->thread;
}

/* The region: the maximum-sum stretch of lines between cuts. A region that runs across
 * the site's footer (its copyright line, a menu's head: "Categories", "Shipping &
 * Returns") ends there when what comes before it is worth FOOTER_MIN_BEFORE. The footer
 * only truncates the region: a hard cut there would make the region whatever the dump
 * prints below the footer when that is bigger, and some pages' content does sit below
 * a menu's head. */
static void choose_region(tctx *c)
{
    double sum = 0, best = 0;
    uint32_t start = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        if (region_cut(c, i)) {
            sum = 0;
            continue;
        }
        double v = region_value(c, i);
        if (sum <= 0) {
            sum = 0;
            start = i;
        }
        sum += v;
        if (sum > best) {
            best = sum;
            c->main_first = start;
            c->main_last = i;
        }
    }
    if (best <= 0)
        return;
    doc_note(c->doc, c->main_first, "main content (%s) starts here (value %.0f)",
             pith_page_type_name(c->doc->page_type), best);
    if (c->prof->thread)
        return;
    double before = 0, top = 0;
    uint32_t top_at = c->main_first;
    for (uint32_t i = c->main_first; i <= c->main_last; i++) {
        if (i > c->main_first && c->doc->blocks[i].section == PITH_KIND_NAVIGATION + 1 &&
            before >= FOOTER_MIN_BEFORE) {
            doc_note(c->doc, i, "the content ends at the footer (%.0f of %.0f before it)", before, best);
            c->main_last = top_at; /* the best end above the footer */
            return;
        }
        before += region_value(c, i);
        if (before > top) {
            top = before;
            top_at = i;
        }
    }
}

/* An article whose run stops early, at a list or a stretch of short lines that the run
 * search does not bridge, goes on to the end of the region around it, as long as no
 * boundary (a section head, comments, a footer) lies in between. */
static void extend_to_region(tctx *c)
{
    static const text_profile region = {1, 0, 0, 1};
    uint32_t first = c->main_first, last = c->main_last;
    const text_profile *prof = c->prof;
    c->prof = &region;
    mark_menus(c);
    choose_region(c);
    uint32_t r0 = c->main_first, r1 = c->main_last;
    c->prof = prof;
    c->main_first = first;
    c->main_last = last;
    for (uint32_t i = 0; i < c->n; i++)
        c->l[i].menu = 0;
    if (r0 == PITH_NONE || r0 > last || r1 <= last)
        return;
    double gain = 0;
    unsigned good = 0;
    c->prof = &region;
    for (uint32_t i = last + 1; i <= r1 && !c->l[i].hard; i++) {
        double v = region_value(c, i);
        gain += v;
        good += v >= REGION_GOOD_VALUE;
    }
    c->prof = prof;
    for (uint32_t i = last + 1; i <= r1; i++)
        if (c->l[i].hard)
            return;
    if (gain < REGION_EXTEND_MIN_VALUE || good < REGION_EXTEND_MIN_LINES)
        return;
    doc_note(c->doc, last + 1, "main article continues to the end of its region");
    c->main_last = r1;
}

/* In a thread, each post prints the same chrome around it: the author's box ("Joined",
 * "Messages", "Reaction score" and their numbers), "Reply with quote". A short line that
 * is no sentence and that the page prints again, or a number or a "Label: value" field,
 * is such chrome, not a post. */
static int post_chrome(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    const pith_blk *b = &c->doc->blocks[i];
    if (t->q > 0 || t->words > POST_CHROME_WORDS || (t->shape & TS_TERMINAL))
        return 0;
    return b->repeat >= POST_CHROME_REPEATS || (t->shape & TS_FIELD) ||
           b->digits * ITEM_DIGIT_SHARE >= b->chars;
}

/* Lines of the region: everything but chrome is body. */
static void label_region(tctx *c)
{
    pith_doc *doc = c->doc;
    int prose = 0; /* a date before the first sentence is the content's dateline */
    for (uint32_t i = c->head; i <= c->main_last; i++) {
        const tline *t = &c->l[i];
        if (doc->blocks[i].flags & BF_SEPARATOR)
            continue;
        prose |= t->q > 0;
        if (i == c->title || (c->title != PITH_NONE && same_text(doc, i, c->title))) {
            set_kind(c, i, PITH_KIND_TITLE, 0);
        } else if (strong(t) || (t->vote == PITH_KIND_META && !prose)) {
            set_kind(c, i, t->vote, 0);
            doc_note(doc, i, "in the content, but its rules say %s",
                     pith_kind_name((pith_kind)t->vote));
        } else if (t->menu) {
            set_kind(c, i, PITH_KIND_NAVIGATION, 0);
            doc_note(doc, i, "in the content, but a menu");
        } else if (c->prof->thread && post_chrome(c, i)) {
            set_kind(c, i, PITH_KIND_NAVIGATION, 0);
            doc_note(doc, i, "in the thread, but a post's chrome");
        } else {
            set_kind(c, i, PITH_KIND_BODY, 0);
            doc_note(doc, i, "body: inside the main content");
        }
    }
}

/* Whether the headline at i is an item of a headline list: the line above it is a
 * headline too. An article's own title stands alone under a label or a boundary. */
static int after_headline(const tctx *c, uint32_t i)
{
    uint32_t p = prev_line(c, i);
    return p != PITH_NONE && (c->l[p].shape & TS_HEADLINE) && c->l[p].vote == NO_KIND &&
           c->l[p].words >= OTHER_MIN_WORDS;
}

/* A headline that opens an article of its own: a full headline, standing alone. */
static int article_headline(const tctx *c, uint32_t i)
{
    /* a question is an interview's or an explainer's subheading more often than the
     * title of another article, and a numbered headline is a listicle's section */
    return (c->l[i].shape & TS_HEADLINE) && !(c->l[i].shape & TS_QUESTION) &&
           c->l[i].words >= OTHER_MIN_WORDS && c->l[i].vote == NO_KIND &&
           !after_headline(c, i) && !numbered(c, i);
}

/* Whether the navigation line i, gap lines below the article's last paragraph, may be
 * in-page navigation: a short label. */
static int inpage_nav(const tctx *c, uint32_t i, unsigned gap)
{
    return gap < INPAGE_NAV_GAP && (c->l[i].shape & TS_LABEL);
}

/* An article is often interrupted by a box of related links ("Related stories" and a
 * few headlines) or an ad, and goes on below it. The main article continues across
 * such a gap when the gap is short, holds no comments or navigation boundary (which
 * end an article for good) and the prose below is not introduced by a headline of its
 * own (which would make it another article). */
static void extend_main(tctx *c)
{
    pith_doc *doc = c->doc;
    for (;;) {
        uint32_t i = next_line(c, c->main_last);
        unsigned gap = 0, headlines = 0, inpage = 0;
        for (; i < c->n && !is_prose(&c->l[i], 0.7f); i = next_line(c, i), gap++) {
            uint8_t h = c->l[i].hard;
            if (h == PITH_KIND_NAVIGATION + 1 && inpage_nav(c, i, gap)) {
                inpage++;
                continue;
            }
            if (gap >= CONTINUE_MAX_GAP || h == PITH_KIND_COMMENTS + 1 ||
                h == PITH_KIND_NAVIGATION + 1 || h == PITH_KIND_META + 1)
                return;
            headlines += full_headline(c, i);
        }
        if (i >= c->n || gap == 0 || c->l[i].hard)
            return;
        /* a headline standing alone above the prose opens another article, unless it is
         * an item of the box: the one item under a "Related" head, or one of several */
        uint32_t h = prev_line(c, i), hp = h != PITH_NONE ? prev_line(c, h) : PITH_NONE;
        int box_item = (hp != PITH_NONE && doc->blocks[hp].section == PITH_KIND_TRENDING + 1) ||
                       headlines >= 3;
        if (h != PITH_NONE && article_headline(c, h) && !box_item)
            return;
        double sum = 0, best = 0;
        uint32_t last = PITH_NONE;
        unsigned good = 0;
        for (uint32_t j = i; j < c->n && !c->l[j].hard && sum >= 0; j++) {
            sum += line_value(&c->l[j], &doc->blocks[j]);
            good += c->l[j].q >= 0.7f;
            if (sum > best) {
                best = sum;
                last = j;
            }
        }
        /* a line or two of prose below a box is a blurb (an author's bio, the site's
         * motto); the article goes on with paragraphs */
        if (last == PITH_NONE || best < CONTINUE_MIN_VALUE || good < CONTINUE_MIN_LINES)
            return;
        if (inpage && (best < INPAGE_MIN_VALUE || good < INPAGE_MIN_LINES))
            return;
        if (inpage)
            doc_note(doc, i, "main article continues after in-page navigation (%u lines)", gap);
        else
            doc_note(doc, i, "main article continues after a %u-line box", gap);
        for (uint32_t j = c->main_last + 1; j < i; j++)
            c->l[j].boxed = 1;
        /* the box's last line may be the subheading of the prose below it */
        const tline *th = &c->l[h];
        if (th->vote == NO_KIND && !th->hard && !box_item && !after_headline(c, h) &&
            ((th->shape & TS_LABEL) || (th->shape & TS_HEADLINE)) && !doc->blocks[h].section)
            c->l[h].boxed = 0;
        c->main_last = last;
    }
}

/* The same upwards: the best run may start below a box that cut the article in two (a
 * "Related" head and a few headlines), with the article's first paragraphs above it.
 * The article starts higher when the run's own start has no titled header (a headline
 * beside its byline, which would make it an article of its own), the box is short and
 * holds no boundary but a list's head, and prose worth CONTINUE_MIN_VALUE sits above. */
static void extend_main_back(tctx *c)
{
    pith_doc *doc = c->doc;
    for (;;) {
        int ts;
        title_search(c, c->main_first, &ts, 0);
        if (ts >= TITLE_WITH_META)
            return;
        uint32_t i = prev_line(c, c->main_first);
        unsigned gap = 0;
        for (; i != PITH_NONE && !is_prose(&c->l[i], 0.7f); i = prev_line(c, i), gap++) {
            uint8_t h = c->l[i].hard;
            if (gap >= CONTINUE_MAX_GAP || (h && h != PITH_KIND_TRENDING + 1))
                return;
        }
        if (i == PITH_NONE || gap == 0 || c->l[i].hard)
            return;
        double sum = 0, best = 0;
        uint32_t first = PITH_NONE;
        for (uint32_t j = i + 1; j-- > 0 && !c->l[j].hard && sum >= 0;) {
            sum += line_value(&c->l[j], &doc->blocks[j]);
            if (sum > best) {
                best = sum;
                first = j;
            }
        }
        if (first == PITH_NONE || best < CONTINUE_MIN_VALUE)
            return;
        doc_note(doc, first, "main article starts here, above a %u-line box", gap);
        for (uint32_t j = i + 1; j < c->main_first; j++)
            c->l[j].boxed = 1;
        c->main_first = first;
    }
}

/* Whether line i ends with the back link of a footnote, "↩" (U+21A9, UTF-8 E2 86 A9),
 * perhaps followed by the variation selector U+FE0E. */
static int footnote_line(const tctx *c, uint32_t i)
{
    const pith_blk *b = &c->doc->blocks[i];
    const unsigned char *s = (const unsigned char *)blk_text(c->doc, b);
    uint32_t n = b->len;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xB8 && s[n - 1] == 0x8E)
        n -= 3;
    return n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x86 && s[n - 1] == 0xA9;
}

/* The article's footnotes: a box inside the article made of footnotes is the article's,
 * and so is a list of them starting within FOOTNOTE_GAP lines of the body's end, up to
 * the last one no more than FOOTNOTE_GAP lines after the one before. */
static void extend_to_footnotes(tctx *c)
{
    uint32_t last = PITH_NONE;
    for (uint32_t i = c->main_first, gap = 0; i < c->n && (i <= c->main_last || gap <= FOOTNOTE_GAP); i++) {
        int foot = footnote_line(c, i);
        if (i > c->main_last && c->l[i].hard && !foot)
            break;
        if (foot) {
            /* the footnote, and the references since the one before it (each line once) */
            uint32_t from = last != PITH_NONE && gap <= FOOTNOTE_GAP ? last + 1 : i;
            for (uint32_t k = from; k <= i; k++)
                c->l[k].boxed = 0;
            last = i;
            gap = 0;
        } else {
            gap++;
        }
    }
    if (last == PITH_NONE || last <= c->main_last)
        return;
    doc_note(c->doc, c->main_last + 1, "footnotes of the article, to line %u", c->doc->blocks[last].line);
    c->main_last = last;
}

/* ---- 4. title and the main article's lines --------------------------------------- */

/* A headline that may stand above a dek: a full headline no rule has a say on, not
 * glued, not the last of a list of headlines. */
static int headline_alone(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    return full_headline(c, i) && t->vote == NO_KIND && !t->hard && !(t->shape & TS_GLUED) &&
           !after_headline(c, i);
}

/* News pages print headline, dek, byline: the title search, which prefers the headline
 * beside its byline, finds the dek when the dek has no full stop. A full headline right
 * above it (or above a one-label kicker between them, "Editorial") is the title, and
 * the line found is the dek. */
static uint32_t title_over_dek(tctx *c, uint32_t t)
{
    uint32_t p = prev_line(c, t);
    if (p != PITH_NONE && plain_label(&c->l[p]) && !full_headline(c, p))
        p = prev_line(c, p);
    if (p == PITH_NONE || !headline_alone(c, p) || same_text(c->doc, p, t) ||
        holds_line(c, p, t) || !(c->l[t].shape & TS_HEADLINE))
        return t;
    for (uint32_t i = p + 1; i < t; i++)
        if (c->l[i].hard)
            return t;
    /* the line whose words the body takes up is the headline, the other a menu's */
    if (title_echo(c, t, c->main_first) && !title_echo(c, p, c->main_first))
        return t;
    c->l[t].dek = 1;
    doc_note(c->doc, t, "dek: a line under the headline above it");
    return p;
}

static void find_title(tctx *c)
{
    int score;
    /* not on a region page (a product's, a listing's): the lines between its title and
     * its content count as content, and a higher title takes in buttons and menus */
    c->title = title_search(c, c->main_first, &score, !c->prof->region);
    if (c->title != PITH_NONE && !c->prof->region) {
        c->title = title_over_dek(c, c->title);
    }
    /* a region may open with its own headline */
    if (c->title == PITH_NONE && c->prof->region && title_score(c, c->main_first) > 0 &&
        c->main_first < c->main_last) {
        c->title = c->main_first;
        c->main_first = next_line(c, c->title);
    }
    c->head = c->title != PITH_NONE ? c->title : c->main_first;
    pith_doc *doc = c->doc;
    if (c->title == PITH_NONE)
        return;
    doc->title_block = c->title;
    pith_blk *tb = &doc->blocks[c->title];
    tb->flags |= BF_TITLE_LIKE | PITH_BLOCK_HEADING;
    tb->heading = 1;
    doc_note(doc, c->title, "title: the headline above the main article");
}

static int credit_line(const tctx *c, uint32_t i)
{
    return i < c->n && c->l[i].vote == PITH_KIND_CAPTION &&
           c->l[i].words <= CREDIT_MAX_WORDS;
}

/* A caption without a rule of its own, in the header between title and body: the line
 * right above or right under the lead picture's credit. (In the body, the line above a
 * credit is as often the paragraph before a picture that has no caption.) */
static int caption_by_credit(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    if (t->vote != NO_KIND || c->doc->blocks[i].chars > CAPTION_MAX_CHARS)
        return 0;
    /* in the body: a line of one or two sentences right above the credit */
    if (i >= c->main_first)
        return c->doc->blocks[i].chars <= BODY_CAPTION_MAX_CHARS &&
               c->doc->blocks[i].sentences <= BODY_CAPTION_MAX_SENTENCES &&
               credit_line(c, next_line(c, i));
    uint32_t p = prev_line(c, i);
    return credit_line(c, next_line(c, i)) || (p != PITH_NONE && p != c->title && credit_line(c, p));
}

/* Lines of the main article: from the title to the end of the body run. */
static void label_main(tctx *c)
{
    pith_doc *doc = c->doc;
    unsigned header = 0;
    for (uint32_t i = c->head + 1; i < c->main_first; i++)
        header += !(doc->blocks[i].flags & BF_SEPARATOR) && c->l[i].vote == NO_KIND;
    for (uint32_t i = c->head; i <= c->main_last; i++) {
        const tline *t = &c->l[i];
        pith_blk *b = &doc->blocks[i];
        if (t->boxed)
            continue; /* furniture inside the article, labelled with the furniture */
        if (i == c->title || (c->title != PITH_NONE && same_text(doc, i, c->title))) {
            set_kind(c, i, PITH_KIND_TITLE, 0);
            continue;
        }
        if (strong(t) || (t->vote != NO_KIND && t->q <= 0.3f)) {
            set_kind(c, i, t->vote, 0);
            doc_note(doc, i, "in the article, but its rules say %s",
                     pith_kind_name((pith_kind)t->vote));
            continue;
        }
        if (caption_by_credit(c, i)) {
            set_kind(c, i, PITH_KIND_CAPTION, 0);
            doc_note(doc, i, "caption: beside a picture's credit");
            continue;
        }
        /* between the title and the body: the dek, the author's name and role, the
         * section and tags of the article */
        if (t->dek || (i < c->main_first && t->q <= 0 && header <= HEADER_MAX_LINES && !t->list &&
                       !(t->shape & TS_FIELD) && !(b->flags & PITH_BLOCK_TABLE))) {
            set_kind(c, i, PITH_KIND_META, 0);
            doc_note(doc, i, t->dek ? "dek under the title" : "short line between title and body");
            continue;
        }
        set_kind(c, i, PITH_KIND_BODY, 0);
        doc_note(doc, i, "body: inside the main article");
        if ((t->shape & TS_HEADLINE) && t->q <= 0 && !(t->shape & TS_TERMINAL))
            b->flags |= PITH_BLOCK_HEADING;
    }
}

/* Lines just above the title that belong to it: datelines, story codes, the title
 * printed twice. A navigation line in between (a clock widget beside the menu) breaks
 * the chain. */
static void label_pre_title(tctx *c)
{
    pith_doc *doc = c->doc;
    if (c->title == PITH_NONE)
        return;
    for (uint32_t i = c->head; i-- > 0;) {
        const tline *t = &c->l[i];
        if (c->l[i].done || t->hard || (t->shape & TS_GLUED))
            break;
        if (same_text(doc, i, c->title)) {
            set_kind(c, i, PITH_KIND_TITLE, 0);
            doc_note(doc, i, "title: repeats the title");
        } else if (t->vote == PITH_KIND_META) {
            set_kind(c, i, PITH_KIND_META, 0);
            doc_note(doc, i, "meta: dateline or byline above the title");
        } else {
            break;
        }
    }
}

/* ---- 4b. the author's box under the article -------------------------------------- */

/* Whether the n bytes at w occur in s (ASCII letters compared without case). */
static int contains_nocase(const char *s, size_t sn, const char *w, size_t n)
{
    for (size_t i = 0; n && i + n <= sn; i++) {
        size_t k = 0;
        while (k < n) {
            unsigned char a = (unsigned char)s[i + k], b = (unsigned char)w[k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b + 32);
            if (a != b)
                break;
            k++;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

/* The first and the last word of a name line (a word: bytes up to a space). */
static void name_ends(const char *s, size_t n, size_t *first_len, size_t *last_at)
{
    size_t i = 0;
    while (i < n && s[i] != ' ')
        i++;
    *first_len = i;
    size_t j = n;
    while (j > 0 && s[j - 1] != ' ')
        j--;
    *last_at = j;
}

static int name_line(const tctx *c, uint32_t i)
{
    const tline *t = &c->l[i];
    const pith_blk *b = &c->doc->blocks[i];
    return (!t->done || b->kind == PITH_KIND_BODY) &&
           (t->vote == NO_KIND || t->vote == PITH_KIND_META) && !t->hard &&
           t->words >= AUTHOR_NAME_MIN_WORDS && t->words <= AUTHOR_NAME_MAX_WORDS &&
           b->chars <= AUTHOR_NAME_MAX_CHARS && !(t->shape & (TS_TERMINAL | TS_COLON | TS_DATE)) &&
           (t->shape & (TS_TITLECASE | TS_CAPS)) && !b->section;
}

/* Whether a meta line of the article's header holds the text of line i. */
static int in_byline(const tctx *c, uint32_t i)
{
    const pith_doc *doc = c->doc;
    const pith_blk *b = &doc->blocks[i];
    uint32_t from = c->head > TITLE_LOOKBACK ? c->head - TITLE_LOOKBACK : 0;
    for (uint32_t j = from; j < c->main_first && j < c->n; j++) {
        const pith_blk *m = &doc->blocks[j];
        if (m->kind == PITH_KIND_META && c->l[j].done &&
            contains_nocase(blk_text(doc, m), m->len, blk_text(doc, b), b->len))
            return 1;
    }
    return 0;
}

/* Whether line j is a biography of the author named at line i. */
static int biography(const tctx *c, uint32_t i, uint32_t j)
{
    if (j >= c->n || (c->l[j].hard && c->l[j].hard != PITH_KIND_META + 1))
        return 0;
    const pith_doc *doc = c->doc;
    const pith_blk *b = &doc->blocks[j], *nb = &doc->blocks[i];
    if (c->l[j].vote == PITH_KIND_META && strong(&c->l[j]))
        return 1;
    if (c->l[j].vote != NO_KIND || b->chars < AUTHOR_BIO_CHARS || c->l[j].q <= 0)
        return 0;
    size_t first, last;
    const char *name = blk_text(doc, nb);
    name_ends(name, nb->len, &first, &last);
    const char *s = blk_text(doc, b);
    /* "Jane joined ...", "Jane Doe is ..." (a subhead's words come back in the
     * paragraph under it, but not as its first word) */
    (void)last;
    return b->len > first && memcmp(s, name, first) == 0 && s[first] == ' ';
}

static void label_author_box(tctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t from = c->main_last > c->main_first + AUTHOR_TAIL_LINES ? c->main_last - AUTHOR_TAIL_LINES
                                                                     : c->main_first + 1;
    uint32_t to = c->main_last + AUTHOR_AFTER_LINES < c->n ? c->main_last + AUTHOR_AFTER_LINES : c->n - 1;
    for (uint32_t i = from; i <= to; i++) {
        const tline *t = &c->l[i];
        if (i > c->main_last && (t->hard || doc->blocks[i].section) && !t->done &&
            t->hard != PITH_KIND_META + 1)
            return; /* a section of its own: the box would have come before it */
        if (!name_line(c, i))
            continue;
        uint32_t nx = next_line(c, i);
        int bio = nx < c->n && biography(c, i, nx);
        if (!bio && !in_byline(c, i))
            continue;
        set_kind(c, i, PITH_KIND_META, 0);
        doc_note(doc, i, bio ? "the author's name above a biography" : "the author's name, as in the byline");
        if (bio) {
            set_kind(c, nx, PITH_KIND_META, 0);
            doc_note(doc, nx, "the author's biography");
        }
        return;
    }
}

/* Captions and credits of the pictures under the article's last paragraph. */
static void label_tail_captions(tctx *c)
{
    pith_doc *doc = c->doc;
    uint32_t to = c->main_last + TAIL_CAPTION_LINES < c->n ? c->main_last + TAIL_CAPTION_LINES : c->n - 1;
    for (uint32_t i = c->main_last + 1; i <= to; i++) {
        const tline *t = &c->l[i];
        if (t->done)
            continue;
        if (t->hard || doc->blocks[i].section)
            return;
        if (t->vote == PITH_KIND_CAPTION && strong(t)) {
            set_kind(c, i, PITH_KIND_CAPTION, 0);
            doc_note(doc, i, "caption under the article's last paragraph");
        }
    }
}

/* ---- 4c. copies inside the content ------------------------------------------------ */

/* Whether line i of the content is the COPY_RUN-th or later of lines that repeat, in
 * order, as many lines of the content above them; prev[i] is the line i copies. */
static int copied_run(const tctx *c, const uint32_t *prev, uint32_t i)
{
    uint32_t j = i;
    for (int k = 1; k < COPY_RUN; k++) {
        uint32_t p = prev_line(c, j);
        if (p == PITH_NONE || prev[p] == PITH_NONE || prev[j] == PITH_NONE ||
            next_line(c, prev[p]) != prev[j])
            return 0;
        j = p;
    }
    return prev[i] < j; /* the copy starts below the end of what it copies */
}

static void drop_copies(tctx *c)
{
    pith_doc *doc = c->doc;
    if (doc->page_type == PITH_PAGE_DOCUMENTATION)
        return;
    uint32_t *last = malloc((size_t)c->n * sizeof *last), *prev = malloc((size_t)c->n * sizeof *prev);
    uint8_t *drop = calloc(c->n ? c->n : 1, 1);
    if (!last || !prev || !drop) {
        free(last);
        free(prev);
        free(drop);
        doc->strings.oom = 1; /* reported as out of memory by the pipeline */
        return;
    }
    for (uint32_t i = 0; i < c->n; i++)
        last[i] = prev[i] = PITH_NONE;
    for (uint32_t i = 0; i < c->n; i++) {
        const pith_blk *b = &doc->blocks[i];
        if ((b->flags & BF_SEPARATOR) || !c->l[i].done || b->kind != PITH_KIND_BODY || b->article)
            continue;
        prev[i] = last[b->first_copy];
        last[b->first_copy] = i;
    }
    /* a run is marked from its COPY_RUN-th line back, so mark first and relabel after */
    for (uint32_t i = 0; i < c->n; i++) {
        if (prev[i] == PITH_NONE)
            continue;
        if (doc->blocks[i].chars >= COPY_LINE_CHARS)
            drop[i] = 1;
        if (copied_run(c, prev, i))
            for (uint32_t j = i, k = 0; k < COPY_RUN; k++, j = prev_line(c, j))
                drop[j] = 1;
    }
    for (uint32_t i = 0; i < c->n; i++)
        if (drop[i]) {
            set_kind(c, i, PITH_KIND_NAVIGATION, 0);
            doc_note(doc, i, "a copy of line %u of the content", doc->blocks[prev[i]].line);
        }
    free(drop);
    free(last);
    free(prev);
}

/* ---- 5. further articles --------------------------------------------------------- */

/* The last line of the prose run an article headline at h opens, or PITH_NONE when
 * what follows is not an article. */
static uint32_t article_run(const tctx *c, uint32_t h)
{
    const pith_doc *doc = c->doc;
    uint32_t i = next_line(c, h), last = PITH_NONE;
    unsigned lead = 0, good = 0, other = 0;
    double chars = 0;
    for (; i < c->n && !c->l[i].hard; i = next_line(c, i)) {
        const tline *t = &c->l[i];
        if (is_prose(t, 0.2f)) {
            last = i;
            good += t->q >= 0.7f;
            chars += doc->blocks[i].chars;
            continue;
        }
        if (last == PITH_NONE) {
            if (++lead > OTHER_LEAD_LINES)
                return PITH_NONE;
            continue;
        }
        /* one short line between paragraphs (a subheading, a promo) is bridged */
        uint32_t j = next_line(c, i);
        if (j < c->n && !c->l[j].hard && is_prose(&c->l[j], 0.2f) && !strong(&c->l[j])) {
            other++;
            continue;
        }
        break;
    }
    if (last == PITH_NONE || good < OTHER_MIN_LINES || chars < OTHER_MIN_CHARS || other * 2 > good)
        return PITH_NONE;
    return last;
}

static void find_other_articles(tctx *c)
{
    pith_doc *doc = c->doc;
    int article = 0;
    int boundary = 0, thread = 0;
    for (uint32_t i = c->main_last + 1; i < c->n; i++) {
        const tline *t = &c->l[i];
        if (t->hard || strong(t)) {
            boundary = 1;
            /* inside a comment thread, prose under a title is a comment; the thread
             * ends at the next navigation or list boundary */
            if (t->hard == PITH_KIND_COMMENTS + 1)
                thread = 1;
            else if (t->hard)
                thread = 0;
            continue;
        }
        if (!boundary || thread || !article_headline(c, i))
            continue;
        uint32_t last = article_run(c, i);
        if (last == PITH_NONE)
            continue;
        /* a last short line right before the boundary ("Developing", a sign-off) closes
         * the article */
        uint32_t tail = next_line(c, last), after = next_line(c, tail);
        if (tail < c->n && plain_label(&c->l[tail]) && (after >= c->n || c->l[after].hard))
            last = tail;
        article++;
        set_kind(c, i, PITH_KIND_OTHER_ARTICLE, article);
        doc_note(doc, i, "other article %d: headline after a boundary, then prose", article);
        for (uint32_t j = i + 1; j <= last; j++) {
            const tline *u = &c->l[j];
            if (strong(u) || (u->vote != NO_KIND && u->q <= 0.3f))
                set_kind(c, j, u->vote, article);
            else
                set_kind(c, j, PITH_KIND_OTHER_ARTICLE, article);
        }
        i = last;
        boundary = 0;
    }
}

/* ---- 6. page furniture ----------------------------------------------------------- */

/* Whether the headline at i sits in a list of headlines (or of headlines and dates). */
static int in_headline_list(const tctx *c, uint32_t i)
{
    uint32_t from = i > HEADLINE_WINDOW ? i - HEADLINE_WINDOW : 0;
    uint32_t to = i + HEADLINE_WINDOW < c->n ? i + HEADLINE_WINDOW : c->n - 1;
    unsigned hits = 0;
    for (uint32_t j = from; j <= to; j++) {
        const tline *t = &c->l[j];
        if (((t->shape & TS_HEADLINE) && c->l[j].words >= LIST_HEADLINE_WORDS) ||
            t->vote == PITH_KIND_TRENDING)
            hits++;
    }
    return hits >= HEADLINE_LIST_MIN;
}

/* The end of the run of plain labels (menu items) starting at i. */
static uint32_t label_run_end(const tctx *c, uint32_t i)
{
    while (i < c->n && (plain_label(&c->l[i]) || (c->doc->blocks[i].flags & BF_SEPARATOR)))
        i++;
    return i;
}

static int list_headline(const tctx *c, uint32_t i)
{
    return i < c->n && (c->l[i].shape & TS_HEADLINE) &&
           c->l[i].words >= LIST_HEADLINE_WORDS && c->l[i].vote == NO_KIND &&
           in_headline_list(c, i);
}

/* Page furniture, top to bottom. A section head gives its kind to what follows it
 * until a boundary, an article, or a menu (a long run of labels, which a list of
 * stories or a comment thread never is); a promo head (an ad slot, "Follow us") only
 * to the few lines of its widget. */
static void label_furniture(tctx *c)
{
    pith_doc *doc = c->doc;
    int section = NO_KIND;
    unsigned section_len = 0;
    uint32_t run_end = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        const tline *t = &c->l[i];
        const pith_blk *b = &doc->blocks[i];
        if (t->done) {
            section = NO_KIND; /* an article ends what came before it */
            continue;
        }
        if (b->flags & BF_SEPARATOR)
            continue; /* settled with their neighbours */
        if (i >= run_end && plain_label(t)) {
            run_end = label_run_end(c, i);
            if (run_end - i >= MENU_RUN && section != NO_KIND && section != PITH_KIND_META) {
                doc_note(doc, i, "a menu of %u labels ends the %s section", run_end - i,
                         pith_kind_name((pith_kind)section));
                section = NO_KIND;
            }
        }
        section_len++;
        if (section == PITH_KIND_PROMO && section_len > PROMO_SECTION_LINES)
            section = NO_KIND;
        /* a tag list is labels; what is not ends it */
        if (section == PITH_KIND_META && (!(t->shape & TS_LABEL) || section_len > TAG_LIST_MAX))
            section = NO_KIND;
        /* a label in capitals no rule knows is the head of a sidebar's widget ("ABOUT
         * ME"): the comment thread is over */
        if (section == PITH_KIND_COMMENTS && plain_label(t) && (t->shape & TS_CAPS)) {
            doc_note(doc, i, "a widget's head in capitals ends the comments section");
            section = NO_KIND;
        }
        int sec = b->section ? b->section - 1 : -1;
        /* the copyright line ends the page's content but heads nothing: the lines under
         * it are whatever they are (a menu's head, "Archives", is a label) */
        if (sec == PITH_KIND_NAVIGATION && !(t->shape & TS_LABEL))
            sec = -1;
        int vote = t->vote;
        /* meta and captions belong to an article; elsewhere they are part of the list
         * or menu they sit in */
        if (vote == PITH_KIND_META || vote == PITH_KIND_CAPTION)
            vote = NO_KIND;
        if (sec >= 0 && sec != PITH_KIND_META) {
            section = sec;
            section_len = 0;
            set_kind(c, i, sec, 0);
            doc_note(doc, i, "section head: %s", pith_kind_name((pith_kind)sec));
            continue;
        }
        /* a tag list's head far below the article is a menu's ("Topics" in the footer) */
        if (sec == PITH_KIND_META && c->main_last != PITH_NONE && i > c->main_last + TAG_LIST_AFTER) {
            doc_note(doc, i, "a tag head far below the article: a menu's head");
            sec = -1;
            vote = NO_KIND;
        }
        if (sec == PITH_KIND_META) {
            section = sec;
            section_len = 0;
            vote = sec;
        }
        if (t->hard == PITH_KIND_NAVIGATION + 1 && vote == NO_KIND) {
            /* a kicker: in a list of other stories it is an item's section label */
            uint32_t nx = next_line(c, i);
            if (section == PITH_KIND_TRENDING && nx < c->n && !c->l[nx].done) {
                set_kind(c, i, PITH_KIND_TRENDING, 0);
                doc_note(doc, i, "kicker of an item in a list of stories");
                continue;
            }
            section = NO_KIND;
            set_kind(c, i, PITH_KIND_NAVIGATION, 0);
            continue;
        }
        /* a form's promo sentence (its consent notice) inside the comment form, right
         * under the form's fields, is the comment form's (a share button there is not) */
        if (vote == PITH_KIND_PROMO && section == PITH_KIND_COMMENTS && t->words >= OTHER_MIN_WORDS) {
            uint32_t p = prev_line(c, i);
            if (p != PITH_NONE && c->l[p].done && doc->blocks[p].kind == PITH_KIND_COMMENTS &&
                c->l[p].vote == PITH_KIND_COMMENTS) {
                set_kind(c, i, PITH_KIND_COMMENTS, 0);
                doc_note(doc, i, "a form's line in the comment form");
                continue;
            }
        }
        if (vote != NO_KIND && t->vote_w >= STRONG_VOTE) {
            set_kind(c, i, vote, 0);
            if ((vote == PITH_KIND_COMMENTS || vote == PITH_KIND_TRENDING) && t->hard) {
                section = vote;
                section_len = 0;
            } else if (vote == PITH_KIND_NAVIGATION) {
                section = NO_KIND;
            }
            continue;
        }
        if (vote == NO_KIND && (t->shape & TS_LABEL) && list_headline(c, next_line(c, i))) {
            /* the title of a list of stories; it ends the section it sits in */
            if (section != NO_KIND) {
                section = PITH_KIND_TRENDING;
                section_len = 0;
            }
            set_kind(c, i, PITH_KIND_TRENDING, 0);
            doc_note(doc, i, "label above a list of headlines");
            continue;
        }
        if (t->feed) {
            set_kind(c, i, PITH_KIND_PROMO, 0);
            doc_note(doc, i, "in a social feed");
            continue;
        }
        if (section != NO_KIND) {
            set_kind(c, i, section, 0);
            doc_note(doc, i, "in a %s section", pith_kind_name((pith_kind)section));
            continue;
        }
        if (vote != NO_KIND) {
            set_kind(c, i, vote, 0);
            continue;
        }
        if (t->teaser || list_headline(c, i)) {
            set_kind(c, i, PITH_KIND_TRENDING, 0);
            doc_note(doc, i, "headline in a list of headlines");
            continue;
        }
        if (t->boxed) {
            set_kind(c, i, PITH_KIND_TRENDING, 0);
            doc_note(doc, i, "in a box inside the article");
            continue;
        }
        set_kind(c, i, PITH_KIND_NAVIGATION, 0);
        c->l[i].stray = 1;
        doc_note(doc, i, "page furniture: outside the articles, in no list or section");
    }
}

/* Stray lines (navigation for want of anything else) between two lines of one box
 * (a newsletter form's list of editions, a list of stories' item details) belong to
 * that box: a run of at most BOX_GAP_LINES stray lines whose neighbours above and below
 * are both promo, trending or comments takes their kind. */
static void fill_box_gaps(tctx *c)
{
    pith_doc *doc = c->doc;
    for (uint32_t i = 0; i < c->n; i++) {
        if (!c->l[i].stray)
            continue;
        uint32_t j = i;
        while (j < c->n && (c->l[j].stray || (doc->blocks[j].flags & BF_SEPARATOR)))
            j++;
        uint32_t p = prev_line(c, i);
        unsigned run = 0;
        for (uint32_t k = i; k < j; k++)
            run += c->l[k].stray;
        if (p != PITH_NONE && j < c->n && run <= BOX_GAP_LINES) {
            int kind = doc->blocks[p].kind;
            if (kind == doc->blocks[j].kind &&
                (kind == PITH_KIND_PROMO || kind == PITH_KIND_TRENDING || kind == PITH_KIND_COMMENTS))
                for (uint32_t k = i; k < j; k++)
                    if (c->l[k].stray) {
                        set_kind(c, k, kind, 0);
                        doc_note(doc, k, "between two lines of a %s box", pith_kind_name((pith_kind)kind));
                    }
        }
        i = j;
    }
}

/* Separator lines ("-", "|", "•") join the kind of the line after them, or of the line
 * before at the end of the page. */
static void label_separators(tctx *c)
{
    pith_doc *doc = c->doc;
    int next = NO_KIND, next_article = 0;
    for (uint32_t i = c->n; i-- > 0;) {
        pith_blk *b = &doc->blocks[i];
        if (!(b->flags & BF_SEPARATOR) || c->l[i].done) {
            next = b->kind;
            next_article = b->article;
            continue;
        }
        if (next == NO_KIND) {
            uint32_t j = i;
            while (j > 0 && (doc->blocks[j].flags & BF_SEPARATOR))
                j--;
            next = j != i ? doc->blocks[j].kind : PITH_KIND_NAVIGATION;
            next_article = j != i ? doc->blocks[j].article : 0;
        }
        set_kind(c, i, next, next_article);
    }
}

void classify_text(pith_doc *doc)
{
    doc->title_block = PITH_NONE;
    if (doc->n_blocks == 0)
        return;
    tctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.n = doc->n_blocks;
    c.main_first = c.main_last = c.title = PITH_NONE;
    c.prof = profile_of(doc);
    c.l = calloc(c.n, sizeof *c.l);
    if (!c.l) {
        doc->strings.oom = 1; /* reported as out of memory by the pipeline */
        return;
    }
    line_features(&c);
    unmark_menu_heads(&c);
    mark_lists(&c);
    mark_teasers(&c);
    mark_feeds(&c);
    mark_boundaries(&c);
    mark_kickers(&c);
    if (c.prof->region) {
        mark_menus(&c);
        choose_region(&c);
        if (c.main_first != PITH_NONE) {
            find_title(&c);
            label_region(&c);
            label_pre_title(&c);
            drop_copies(&c);
        }
    } else {
        choose_main(&c);
        if (c.main_first != PITH_NONE) {
            extend_main(&c);
            extend_to_footnotes(&c);
            extend_main_back(&c);
            extend_to_region(&c);
            find_title(&c);
            label_main(&c);
            label_pre_title(&c);
            label_author_box(&c);
            label_tail_captions(&c);
            find_other_articles(&c);
            drop_copies(&c);
        }
    }
    label_furniture(&c);
    fill_box_gaps(&c);
    label_separators(&c);
    free(c.l);
}
