/* The per-page document: everything one pith_extract() call builds, owned by the
 * pith_doc and freed with it. Stages fill it top to bottom, in the order run() in
 * extract.c calls them:
 *   1 decode      -> input (valid UTF-8), charset
 *   2 html_blocks / text_blocks -> nodes (HTML only), blocks, raw metadata
 *   3 jsonld      -> the parsed JSON-LD
 *   4 features    -> per-block feature values, language, repeats
 *   5 rules       -> per-block rule votes (evidence), page signals
 *   6 title, page_type -> the title block (HTML), the page type
 *   7 classify_*  -> per-block kind and score
 *   8 segments    -> segments, body text, comments text
 *   9 metadata    -> meta fields
 */
#ifndef PITH_DOC_H
#define PITH_DOC_H

#include <stdint.h>

#include "buf.h"
#include "pith.h"

#define PITH_NONE UINT32_MAX

/* Where page signals matched: element tokens, block texts (and dump lines), the URL. */
enum { PAGE_SIG_ATTR, PAGE_SIG_TEXT, PAGE_SIG_URL, PAGE_SIG_COUNT };

/* Internal block flags, above the public PITH_BLOCK_* bits (which fit in 0xFF). */
#define BF_ORDERED 0x0100u    /* list item of an <ol> */
#define BF_ROW_START 0x0200u  /* first cell of a table row */
#define BF_TH 0x0400u         /* header cell */
#define BF_LINK_ONLY 0x0800u  /* every character is inside a link */
#define BF_PARA_END 0x1000u   /* text dumps: a blank line follows */
#define BF_TITLE_LIKE 0x2000u /* matches the page title (<title>, og:title) */
#define BF_SEPARATOR 0x4000u  /* text dumps: a line of symbols only ("-", "|", "•") */
#define BF_ITEM_START 0x8000u /* first block of a list item */
#define BF_CONTROL 0x10000u   /* HTML: every character is a control's (button, picker, label) */

/* An HTML element, in document order (a parent precedes its children). */
typedef struct jsonld jsonld;

typedef struct pith_node {
    uint32_t parent;      /* index, PITH_NONE for the root */
    uint32_t attrs;       /* offset in doc->strings of its lower-cased "class id role
                             itemprop" tokens joined by spaces, 0 when it has none */
    uint32_t first_block; /* blocks inside the element are [first_block, end_block) */
    uint32_t end_block;
    uint16_t tag;         /* enum pith_tag (tags.h) */
    uint16_t depth;       /* saturates at 65535 */
    uint8_t flags;        /* NF_* */
    uint8_t pad;
    uint32_t votes;       /* index in doc->attr_votes of what the attr rules said about
                             its tokens, PITH_NONE when no rule matched */
} pith_node;

/* The attr rules' verdict on one distinct class/id token string. */
typedef struct pith_attr_votes {
    float w[PITH_KIND_COUNT];       /* summed weights per kind */
    uint16_t rule[PITH_KIND_COUNT]; /* the heaviest rule per kind, for evidence */
    float page[PITH_PAGE_COUNT];    /* summed page-signal weights per page type */
} pith_attr_votes;

#define NF_HIDDEN 0x01u   /* hidden attribute, aria-hidden, display:none/visibility:hidden */
#define NF_LINK 0x02u     /* <a href> */
#define NF_ITEM_BODY 0x04u /* itemprop=articleBody / articleBody-like */
#define NF_DIALOG 0x08u   /* in a <dialog>, role=dialog/alertdialog, aria-modal=true, class modal/dialog/popup */

/* One evidence record: a rule that fired, or a decision of the classifier. */
typedef struct pith_vote {
    uint32_t block;
    uint16_t rule;   /* rule index in the extractor, or PITH_VOTE_NOTE */
    uint8_t kind;    /* kind voted for */
    uint8_t source;  /* VOTE_ATTR (matched on an element's class/id), VOTE_TEXT, VOTE_NOTE */
    float weight;
    uint32_t note;   /* VOTE_NOTE: offset in doc->strings of the note text */
} pith_vote;

#define PITH_VOTE_NOTE 0xFFFFu
enum { VOTE_ATTR = 0, VOTE_TEXT = 1, VOTE_NOTE = 2 };

typedef struct pith_blk {
    uint32_t text;        /* offset in doc->text of the NUL-terminated text */
    uint32_t len;         /* bytes */
    uint32_t start, end;  /* byte range in doc->input */
    uint32_t node;        /* HTML: the innermost element holding the text; else PITH_NONE */
    uint32_t line;        /* text dumps: 1-based line number; HTML: 0 */
    uint32_t path;        /* offset in doc->strings of the short element path, 0 if none */
    uint32_t flags;       /* PITH_BLOCK_* | BF_* */
    uint8_t tag;          /* enum pith_tag of the block element */
    uint8_t heading;      /* 1-6, else 0 */
    uint8_t list_depth;   /* nesting of lists around the block */
    uint8_t kind;         /* pith_kind, set by the classifier */
    uint8_t article;      /* 0 main article, 1.. further articles (other_article) */
    uint8_t section;      /* 1 + the kind of section this block opens (a "Related
                             Stories" heading), 0 when none: set by section rules */
    uint8_t line_section; /* HTML: 1 + the kind a dump-only section rule (linesection)
                             gives the block, without voting: the HTML classifier reads
                             it where a dump's head ("Tags", "Topics") is just as clear */
    uint16_t shape;       /* text dumps: the line's shape, text_features.h (TS_KNOWN once
                             computed), cached by text_line_shape(); HTML: 0 */

    /* features (features.c) */
    uint32_t chars;       /* code points, spaces excluded */
    uint32_t link_chars;  /* code points inside links, spaces excluded */
    uint16_t words;       /* words; for unspaced scripts each character counts */
    uint16_t stopwords;   /* words found in the stopword list of the page's language */
    uint16_t sentences;   /* sentence-ending punctuation marks followed by space or end */
    uint16_t commas;      /* , ، 、 ， */
    uint16_t digits;
    uint16_t uppers;      /* capitalised words (first letter upper) */
    uint16_t caps;        /* words entirely upper case, length >= 2 */
    uint16_t lowers;      /* words starting with a lower-case letter */
    uint16_t puncts;      /* punctuation and symbol characters */
    uint16_t repeat;      /* how many other blocks of the page have the same text */
    uint32_t first_copy;  /* the first block of the page with the same text (itself when
                             it is the first or has no text) */
    uint16_t wrap_lines;  /* full lines when the text is wrapped at 80 columns (boilerpipe) */
    uint16_t wrap_words;  /* words on those full lines; the last, partial line is left out */

    /* decision */
    float score;          /* content score, > 0 leans body */
    float votes[PITH_KIND_COUNT]; /* summed rule weights per kind */
} pith_blk;

typedef struct pith_seg {
    uint8_t kind;
    uint8_t article;
    uint32_t first_block, n_blocks;
    uint32_t text, len;   /* offset in doc->segtext */
    uint32_t start, end;
} pith_seg;

/* Metadata as found in the page, before the choice of metadata.c. All offsets in
 * doc->strings, 0 when absent. */
typedef struct pith_raw_meta {
    uint32_t title_tag;          /* <title> */
    uint32_t html_lang;          /* <html lang> */
    uint32_t canonical;          /* <link rel=canonical href> */
    uint32_t jsonld;             /* all <script type=application/ld+json> texts, NUL-separated
                                    in doc->jsonld */
    uint32_t first_h1;           /* text of the first <h1> */
    uint32_t time_datetime;      /* first <time datetime> */
} pith_raw_meta;

/* <meta> tags: name/property/itemprop/http-equiv (lower-cased) and content. */
typedef struct pith_metatag {
    uint32_t key;   /* offset in doc->strings */
    uint32_t value; /* offset in doc->strings */
} pith_metatag;

struct pith_doc {
    const struct pith_extractor *ex;
    pith_input_kind input_kind;
    char charset[32];
    int charset_guessed;        /* the charset was guessed from the bytes, not declared */
    double charset_confidence;  /* then: how sure the guess is, 0 to 1 */
    pmem mem;           /* the page's memory budget: its buffers and arrays are charged */

    pbuf input;         /* the page as valid UTF-8 */
    pbuf text;          /* block texts, NUL-separated */
    pbuf strings;       /* small strings (paths, attrs, meta values), NUL-separated;
                           offset 0 is the empty string */
    pbuf segtext;       /* segment texts */
    pbuf jsonld;        /* JSON-LD script bodies, NUL-separated */
    struct jsonld *ld;  /* the parsed JSON-LD (jsonld.c), NULL if none */
    uint32_t jsonld_skipped; /* JSON-LD scripts left out: over the caps or the budget */

    pith_node *nodes;
    uint32_t n_nodes, cap_nodes;
    pith_blk *blocks;
    uint32_t n_blocks, cap_blocks;
    pith_vote *votes;
    uint32_t n_votes, cap_votes;
    pith_seg *segs;
    uint32_t n_segs, cap_segs;
    pith_attr_votes *attr_votes;
    uint32_t n_attr_votes, cap_attr_votes;
    pith_metatag *metatags;
    uint32_t n_metatags, cap_metatags;

    pith_raw_meta raw;
    char *meta[PITH_META_COUNT]; /* final metadata, malloc'd or NULL */
    char *body_text;             /* malloc'd */
    size_t body_len;
    char *comments_text;         /* malloc'd */
    size_t comments_len;
    char **evidence;             /* per block, malloc'd, only with PITH_OPT_EVIDENCE */

    /* page type (page_type.h): the page signals of the rule tables, by where they
     * matched (PAGE_SIG_*) and the type they signal, then the detector's verdict */
    float page_sig[PAGE_SIG_COUNT][PITH_PAGE_COUNT];
    float page_prob[PITH_PAGE_COUNT]; /* the model's probabilities, 0 when forced */
    pith_page_type page_type;
    uint32_t page_url;            /* offset in doc->strings of the URL typing used, or 0 */

    /* language as detected from stopwords (stopwords.h), index into its table */
    int lang;
    uint32_t title_block;        /* the main title block, PITH_NONE if none */
};

/* Makes room for one more element in a growable array of `size`-byte elements with `n`
 * used and `*cap` allocated; 0 on success, -1 on allocation failure (array unchanged). */
int doc_grow(void **arr, uint32_t *cap, uint32_t n, size_t size);
/* doc_grow charging the growth to `mem` (NULL: not charged); -1 also past the budget. */
int doc_grow_mem(pmem *mem, void **arr, uint32_t *cap, uint32_t n, size_t size);

/* Reserves `bytes` of the page's budget for a stage's working memory, which the stage
 * allocates itself (libxml2's copy of the input, the classifiers' per-block arrays,
 * jansson's trees): 0, or -1 past the budget (doc->mem.over is then set). */
int doc_reserve(pith_doc *doc, size_t bytes);
void doc_unreserve(pith_doc *doc, size_t bytes);

/* Interns a string into doc->strings; returns its offset (0 for an empty string or on
 * allocation failure, which leaves doc->strings.oom set). */
uint32_t doc_intern(pith_doc *doc, const char *s, size_t n);
static inline const char *doc_str(const pith_doc *doc, uint32_t off)
{
    return off && doc->strings.data ? doc->strings.data + off : "";
}
static inline const char *blk_text(const pith_doc *doc, const pith_blk *b)
{
    return doc->text.data ? doc->text.data + b->text : "";
}

/* Appends a block whose text is s[0..n) (already whitespace-collapsed); returns its
 * index, or PITH_NONE on allocation failure. The block is zeroed apart from text. */
uint32_t doc_add_block(pith_doc *doc, const char *s, size_t n);
/* Like doc_add_block for text the caller has already written at the end of doc->text
 * (n bytes at doc->text.data + doc->text.len, with room reserved for n + 1): saves a
 * copy per block where blocks are built straight into the arena. */
uint32_t doc_add_block_written(pith_doc *doc, size_t n);
/* Appends an element; PITH_NONE on allocation failure. */
uint32_t doc_add_node(pith_doc *doc);
/* Records a vote as evidence and adds its weight to the block's votes. */
void doc_vote(pith_doc *doc, uint32_t block, uint16_t rule, pith_kind kind, int source,
              float weight);
/* Records a classifier decision as evidence (kept only with PITH_OPT_EVIDENCE). */
void doc_note(pith_doc *doc, uint32_t block, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int doc_add_metatag(pith_doc *doc, const char *key, size_t klen, const char *val, size_t vlen);
/* The value of the first <meta> whose key equals `key`, or NULL. */
const char *doc_metatag(const pith_doc *doc, const char *key);

/* Whether any allocation in the document failed. */
int doc_oom(const pith_doc *doc);

#endif
