/*
 * pith: strip the boilerplate from scraped web pages.
 *
 * pith takes a raw page dump (the HTML of a page, or the visible text a scraper kept of
 * it) and returns it segmented and cleaned: every part of the page lands in exactly one
 * labelled segment (title, body, navigation, trending lists, comments ...) and the
 * article comes out as clean text with its metadata.
 *
 * Conventions of this header
 *   - Everything public is prefixed: types and functions `pith_`, constants `PITH_`.
 *   - Objects are opaque handles with one create and one free call each.
 *   - Functions that can fail return a pith_status and, when given a pith_error,
 *     fill it with the status and a message a person can act on.
 *   - Strings are UTF-8. Strings returned as `const char *` are NUL-terminated and
 *     owned by the object they came from; they live as long as that object. Memory
 *     returned through a `char **` belongs to the caller, who frees it with pith_free().
 *   - A pith_extractor is immutable once built and may be shared by any number of
 *     threads; each pith_extract() call keeps all its state in the pith_doc it returns.
 *     The library has no global mutable state.
 *
 * A minimal program:
 *
 *     pith_extractor *ex;
 *     pith_doc *doc;
 *     pith_error err;
 *     if (pith_extractor_new(NULL, &ex, &err) != PITH_OK) die(err.message);
 *     if (pith_extract(ex, html, html_len, url, NULL, &doc, &err) != PITH_OK)
 *         die(err.message);
 *     puts(pith_doc_meta(doc, PITH_META_TITLE));
 *     fwrite(pith_doc_text(doc, NULL), 1, ..., stdout);
 *     pith_doc_free(doc);
 *     pith_extractor_free(ex);
 */
#ifndef PITH_H
#define PITH_H

#include <stddef.h>
#include <stdint.h>

#include "pith_export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PITH_VERSION_MAJOR 0
#define PITH_VERSION_MINOR 2
#define PITH_VERSION_PATCH 0
#define PITH_VERSION_STRING "0.2.0"

/* The library's version as "MAJOR.MINOR.PATCH"; may differ from the header's when a
 * program runs against a newer shared library. */
PITH_EXPORT const char *pith_version(void);
/* The same as MAJOR * 10000 + MINOR * 100 + PATCH. */
PITH_EXPORT int pith_version_number(void);

/* ---------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------ */

typedef enum pith_status {
    PITH_OK = 0,
    PITH_ERR_INVALID_ARGUMENT, /* a NULL handle, a bad enum value, an options struct of
                                  an unknown version */
    PITH_ERR_NOMEM,            /* an allocation failed */
    PITH_ERR_EMPTY_INPUT,      /* zero bytes, or nothing but whitespace */
    PITH_ERR_TOO_LARGE,        /* input (or its gunzipped form) exceeds max_input_bytes, or
                                  the page would need more memory than max_memory */
    PITH_ERR_TOO_MANY_NODES,   /* the HTML has more elements than max_nodes, or the page
                                  more blocks (text-dump lines) than max_blocks */
    PITH_ERR_BINARY,           /* the bytes are not text: an image, a PDF, an archive... */
    PITH_ERR_GZIP,             /* gzip-compressed input that does not inflate */
    PITH_ERR_PARSE,            /* the HTML parser could not be set up or gave up */
    PITH_ERR_RULES,            /* a rule table has a syntax error or a bad regex */
    PITH_ERR_IO,               /* a file could not be read */
    PITH_ERR_LIMIT,            /* reserved: a rule that hits its regex match limit is taken
                                  as not matching and noted in the block's evidence; the
                                  extraction goes on */
    PITH_ERR_WARC,             /* a WARC record (or the HTTP message in it) is malformed or
                                  cut short */
    PITH_ERR_ENCODING,         /* a transfer- or content-encoding pith cannot undo (br,
                                  zstd, compress ...) */
    PITH_ERR_JSON,             /* a JSON Lines line is not a JSON object with the page in
                                  a string field */
    PITH_END                   /* not an error: a reader has no more records */
} pith_status;

/* A short English description of a status ("input is empty"); never NULL. */
PITH_EXPORT const char *pith_status_str(pith_status status);
/* A stable machine-readable name of a status, for programs to branch on: "ok",
 * "invalid_argument", "out_of_memory", "empty_input", "too_large", "too_many_nodes",
 * "binary", "gzip_corrupt", "parse_error", "rules_error", "io_error", "limit",
 * "warc_corrupt", "unsupported_encoding", "json_invalid", "end"; "unknown" for a value
 * out of range. These names never change once released; error records carry them. */
PITH_EXPORT const char *pith_status_code(pith_status status);

/* Filled by any function taking a `pith_error *` when it fails (and set to PITH_OK with
 * an empty message when it succeeds). Caller-allocated; NULL may be passed when the
 * message is not wanted. */
typedef struct pith_error {
    pith_status status;
    char message[256]; /* NUL-terminated, e.g. "rules.txt:12: bad regex at offset 3: ..." */
} pith_error;

/* ---------------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------------ */

typedef enum pith_input_kind {
    PITH_INPUT_AUTO = 0, /* sniff: markup-heavy input is HTML, anything else text */
    PITH_INPUT_HTML,
    PITH_INPUT_TEXT      /* a visible-text dump: one block a line */
} pith_input_kind;

/* Option flags (pith_options.flags). */
#define PITH_OPT_EVIDENCE 0x1u         /* keep per-block evidence for explanations
                                          (pith_doc_block_evidence, PITH_FORMAT_EXPLAIN) */
#define PITH_OPT_NO_BUILTIN_RULES 0x2u /* start from empty rule tables; only rules added
                                          with pith_builder_add_rules* are used */
#define PITH_OPT_NO_GZIP 0x4u          /* do not inflate gzip-compressed input */
#define PITH_OPT_SOURCE_CASE 0x8u      /* HTML: keep letter case as the page writes it. By
                                          default the text-transform of the page's own
                                          style sheets (<style> elements and style
                                          attributes; uppercase, lowercase, capitalize)
                                          is applied, as a browser shows the text and as
                                          a dump of the page holds it */

/* What kind of page it is. The main content (the `body` segments) follows the type: an
 * article's text, a thread's posts, the items of a listing or collection, a product's
 * name, description and specs, documentation without its sidebar and table of contents,
 * the sections of a service page together. */
typedef enum pith_page_type {
    PITH_PAGE_AUTO = 0,      /* options only: detect the type (the default) */
    PITH_PAGE_ARTICLE,       /* news story, blog post, essay */
    PITH_PAGE_FORUM,         /* a thread of posts, a Q&A page */
    PITH_PAGE_PRODUCT,       /* one product: name, price, description, specs */
    PITH_PAGE_COLLECTION,    /* a grid of products or things: a shop category */
    PITH_PAGE_LISTING,       /* a list of entries: a news index, search results, jobs */
    PITH_PAGE_DOCUMENTATION, /* reference and manual pages, tutorials */
    PITH_PAGE_SERVICE,       /* a company's or product's page of sections: hero,
                                features, pricing, FAQ */
    PITH_PAGE_OTHER,         /* none of these */
    PITH_PAGE_COUNT
} pith_page_type;

/* "auto", "article", "forum", "product", "collection", "listing", "documentation",
 * "service", "other"; NULL for a value out of range. */
PITH_EXPORT const char *pith_page_type_name(pith_page_type type);
/* The type named `name` (as above), or -1. */
PITH_EXPORT int pith_page_type_from_name(const char *name);

#define PITH_OPTIONS_VERSION 1

/* Set everything with pith_options_init() first, then change what you need; fields
 * added in later versions get their defaults that way and old programs keep working.
 *
 * The limits bound what one page may cost, so that a hostile page (millions of tiny
 * lines, 100,000 nested elements or attributes, regex bait, a JSON-LD bomb) costs a
 * small multiple of an ordinary page of its size. Each says what happens past it: an
 * error status, or a partial result that is described here. The fields after
 * regex_match_limit took the space that was reserved (the struct keeps its size and
 * layout); those from max_memory on take their default when 0, so a struct from an
 * older program still works. */
typedef struct pith_options {
    int version;              /* PITH_OPTIONS_VERSION; set by pith_options_init */
    unsigned flags;           /* PITH_OPT_* */
    pith_input_kind input;    /* default PITH_INPUT_AUTO */
    size_t max_input_bytes;   /* default 256 MiB; also caps gunzipped size
                                 (PITH_ERR_TOO_LARGE) */
    size_t max_nodes;         /* default 4,000,000 elements (PITH_ERR_TOO_MANY_NODES) */
    uint32_t regex_match_limit; /* PCRE2 match limit for one rule on one string;
                                   default 100,000. A rule that hits it is taken as not
                                   matching and noted in the evidence. */
    pith_page_type page_type; /* default PITH_PAGE_AUTO (detect); any other value forces
                                 the type for every page */
    size_t max_memory;        /* bytes one page may use while it is extracted (the pith_doc
                                 and the stages' working memory, including libxml2's and
                                 jansson's for the page); default 0: 32 MiB + 6 x the input
                                 size (after gunzip). Past it: PITH_ERR_TOO_LARGE.
                                 SIZE_MAX: no budget. */
    uint16_t max_depth;       /* HTML: elements open at once; default 256 (libxml2's own
                                 tree builder stops there), at least 16. A deeper element
                                 is not nested: it becomes a sibling of the deepest one, as
                                 browsers do past their limit, and the page goes on. */
    uint16_t max_attributes;  /* HTML: attributes read per element; default 256. The rest
                                 are skipped before parsing (libxml2's duplicate check is
                                 quadratic in them). */
    uint32_t max_blocks;      /* blocks of one page: HTML blocks and text-dump lines;
                                 default 1,000,000 (PITH_ERR_TOO_MANY_NODES) */
    uint32_t max_jsonld_bytes; /* one <script type=application/ld+json>; default 1 MiB.
                                  A longer script is skipped (metadata comes from the
                                  page's other sources). */
    uint32_t max_jsonld_total; /* all JSON-LD scripts of a page together; default 4 MiB.
                                  Scripts past it are skipped. */
    uint32_t regex_budget;    /* regex work of one page across all rules, in PCRE2 match
                                 limit units; default 10,000,000. Every rule run may take
                                 1,000 units (ordinary runs take far fewer); a run needing
                                 more is retried with 10,000 and then regex_match_limit,
                                 each retry charged to the budget. Once it is spent, runs
                                 needing more than 1,000 are taken as not matching and
                                 noted in the evidence. */
    uint32_t reserved[1];     /* zero */
} pith_options;

PITH_EXPORT void pith_options_init(pith_options *opts);

/* ---------------------------------------------------------------------------------
 * Extractor: the compiled rule tables and options, built once, shared by threads
 * ------------------------------------------------------------------------------ */

typedef struct pith_extractor pith_extractor;
typedef struct pith_builder pith_builder;

/* Builds an extractor with the built-in rule tables. `opts` may be NULL for defaults.
 * Free the result with pith_extractor_free(). */
PITH_EXPORT pith_status pith_extractor_new(const pith_options *opts, pith_extractor **out,
                                           pith_error *err);

/* A builder collects rule tables before compiling them. The rule-file syntax is in
 * rules/README.md: one rule a line, `KIND TARGET WEIGHT PATTERN`. */
PITH_EXPORT pith_status pith_builder_new(const pith_options *opts, pith_builder **out,
                                         pith_error *err);
/* Adds the rules in `text` (`len` bytes); `name` names them in messages and evidence.
 * All of them or none: every line is checked here, its regex compiled, so a syntax
 * error, a bad regex or a NUL byte fails this call (PITH_ERR_RULES, the message naming
 * name:line) and leaves the builder as it was, able to build what it had. */
PITH_EXPORT pith_status pith_builder_add_rules(pith_builder *b, const char *text, size_t len,
                                               const char *name, pith_error *err);
PITH_EXPORT pith_status pith_builder_add_rules_file(pith_builder *b, const char *path,
                                                    pith_error *err);
/* Compiles the rules into a new extractor (JIT); it fails only for want of memory. The
 * builder stays valid and can build again. */
PITH_EXPORT pith_status pith_builder_build(const pith_builder *b, pith_extractor **out,
                                           pith_error *err);
PITH_EXPORT void pith_builder_free(pith_builder *b);

/* Number of rules in the extractor's tables. */
PITH_EXPORT size_t pith_extractor_rule_count(const pith_extractor *ex);
PITH_EXPORT void pith_extractor_free(pith_extractor *ex);

/* ---------------------------------------------------------------------------------
 * Extraction
 * ------------------------------------------------------------------------------ */

typedef struct pith_doc pith_doc;

/* Segments one page. `data` is `len` raw bytes (HTML or a visible-text dump, in any
 * charset, possibly gzip-compressed); it is not kept and may be freed after the call.
 * `url` (the page's address) and `content_type` (the HTTP Content-Type header, whose
 * charset parameter is used) are optional hints and may be NULL.
 * On success *out holds a new document, freed with pith_doc_free(). On failure *out
 * is NULL and `err` says why. */
PITH_EXPORT pith_status pith_extract(const pith_extractor *ex, const char *data, size_t len,
                                     const char *url, const char *content_type,
                                     pith_doc **out, pith_error *err);

PITH_EXPORT void pith_doc_free(pith_doc *doc);

/* The kind of input the document was read as (never PITH_INPUT_AUTO, except for a NULL
 * doc). */
PITH_EXPORT pith_input_kind pith_doc_input_kind(const pith_doc *doc);
/* The charset the input was decoded from, e.g. "UTF-8", "windows-1252"; "" for a NULL
 * doc. */
PITH_EXPORT const char *pith_doc_charset(const pith_doc *doc);
/* How sure pith is of that charset, 0 to 1: 1 when the page declared it (byte order
 * mark, Content-Type, <meta>, XML declaration), its bytes show it (UTF-16/32) or they
 * are valid UTF-8; below 1 when it was guessed: for undeclared bytes that are not UTF-8,
 * the confidence of the statistical detector (ICU's) in the charset taken (0 when it
 * had none and windows-1252 was assumed), and for damaged UTF-8 the share of its
 * multi-byte sequences that are valid. 0 for a NULL doc. The JSON rendering carries it
 * as "charset_confidence" when it is below 1. */
PITH_EXPORT double pith_doc_charset_confidence(const pith_doc *doc);

/* The page's type: the one forced in the options, else the one detected (never
 * PITH_PAGE_AUTO, except for a NULL doc). */
PITH_EXPORT pith_page_type pith_doc_page_type(const pith_doc *doc);

typedef enum pith_meta_field {
    PITH_META_TITLE = 0,
    PITH_META_AUTHOR,
    PITH_META_DATE,        /* publication date as found, ISO 8601 where the page gives it */
    PITH_META_SITENAME,
    PITH_META_LANG,        /* e.g. "en", "de-CH" */
    PITH_META_URL,         /* canonical URL, else the url hint */
    PITH_META_DESCRIPTION,
    PITH_META_COUNT
} pith_meta_field;

/* A metadata field, or NULL when the page does not give it. */
PITH_EXPORT const char *pith_doc_meta(const pith_doc *doc, pith_meta_field field);

/* The main article's body as plain text: paragraphs separated by a blank line, no
 * title. Never NULL (empty when no body was found, or for a NULL doc); `len` may be
 * NULL. */
PITH_EXPORT const char *pith_doc_text(const pith_doc *doc, size_t *len);
/* The comments as plain text, one comment block a paragraph; never NULL. */
PITH_EXPORT const char *pith_doc_comments(const pith_doc *doc, size_t *len);

/* ---------------------------------------------------------------------------------
 * Segments and blocks
 * ------------------------------------------------------------------------------ */

/* The input as the library read it: gunzipped and decoded to UTF-8 (a byte order mark
 * dropped, invalid sequences replaced), the text that the `start` and `end` byte ranges
 * of segments and blocks index. `*len` bytes plus a terminating NUL (the text itself may
 * contain NULs); never NULL ("" for a NULL doc). `len` may be NULL. */
PITH_EXPORT const char *pith_doc_input(const pith_doc *doc, size_t *len);

/* pith_segment and pith_block are filled by the library into the caller's struct, whose
 * size the caller passes (`sizeof *out`). Fields are only ever added at the end: the
 * library writes the fields both sides know and zeroes the ones it does not have, so a
 * program, or a binding mirroring the struct, built against an older or a newer header
 * keeps working. */

typedef enum pith_kind {
    PITH_KIND_TITLE = 0,     /* the main article's headline and its repeats */
    PITH_KIND_META,          /* byline, dateline, story codes, tags of the main article */
    PITH_KIND_BODY,          /* the main article's text */
    PITH_KIND_CAPTION,       /* image and video captions and credits in the article */
    PITH_KIND_NAVIGATION,    /* menus, breadcrumbs, headers, footers, widgets, pagination */
    PITH_KIND_TRENDING,      /* trending, popular, related, featured lists of other stories */
    PITH_KIND_COMMENTS,      /* comment widgets and threads */
    PITH_KIND_PROMO,         /* ads, newsletter/social/app prompts, cookie notices */
    PITH_KIND_OTHER_ARTICLE, /* further complete articles in the same dump */
    PITH_KIND_COUNT
} pith_kind;

/* "title", "meta", "body", "caption", "navigation", "trending", "comments", "promo",
 * "other_article"; NULL for a value out of range. */
PITH_EXPORT const char *pith_kind_name(pith_kind kind);
/* The kind named `name`, or -1. */
PITH_EXPORT int pith_kind_from_name(const char *name);

/* A segment: a run of consecutive blocks of one kind. A view into the document; its
 * pointers live as long as the document. */
typedef struct pith_segment {
    pith_kind kind;
    const char *text;    /* the blocks' text, one block a line */
    size_t text_len;
    size_t start, end;   /* byte range in pith_doc_input() (for plain UTF-8 input
                            without a byte order mark, the range in the bytes given) */
    size_t first_block;  /* index of its first block */
    size_t block_count;
    int article;         /* 0 for the main article's parts and page furniture; 1, 2 ...
                            for the further articles of an infinite-scroll dump */
} pith_segment;

PITH_EXPORT size_t pith_doc_segment_count(const pith_doc *doc);
/* Fills *out, `size` bytes (sizeof *out), with segment `i`. PITH_ERR_INVALID_ARGUMENT if
 * i is out of range or `size` is smaller than the struct ever was. */
PITH_EXPORT pith_status pith_doc_segment(const pith_doc *doc, size_t i, pith_segment *out,
                                         size_t size);

/* Block flags (pith_block.flags). */
#define PITH_BLOCK_HEADING 0x01u   /* h1-h6, or a heading-shaped line of a text dump */
#define PITH_BLOCK_LIST_ITEM 0x02u
#define PITH_BLOCK_TABLE 0x04u     /* inside a table cell */
#define PITH_BLOCK_QUOTE 0x08u     /* inside a blockquote */
#define PITH_BLOCK_CODE 0x10u      /* preformatted or code */
#define PITH_BLOCK_HIDDEN 0x20u    /* hidden, aria-hidden or display:none */
#define PITH_BLOCK_CAPTION 0x40u   /* figcaption or caption element */

/* A block: the unit pith classifies; a paragraph-like element of HTML or a line of a
 * text dump. A view into the document. */
typedef struct pith_block {
    pith_kind kind;
    const char *text;     /* whitespace-collapsed text */
    size_t text_len;
    size_t start, end;    /* byte range in pith_doc_input() */
    const char *path;     /* HTML: short element path, e.g. "div#main>article>p";
                             text dumps: "line 12" */
    unsigned flags;       /* PITH_BLOCK_* */
    int heading;          /* 1-6 for headings, else 0 */
    double link_density;  /* share of the text inside links */
    double stopword_density; /* stopwords per word, in the page's language */
    double score;         /* the classifier's content score; > 0 leans body */
} pith_block;

PITH_EXPORT size_t pith_doc_block_count(const pith_doc *doc);
/* Fills *out, `size` bytes (sizeof *out), with block `i`; as pith_doc_segment. */
PITH_EXPORT pith_status pith_doc_block(const pith_doc *doc, size_t i, pith_block *out,
                                       size_t size);
/* Why block `i` got its kind: the rules that fired, the feature values and the
 * decisions taken, one per line. NULL unless the extractor was built with
 * PITH_OPT_EVIDENCE. */
PITH_EXPORT const char *pith_doc_block_evidence(const pith_doc *doc, size_t i);

/* ---------------------------------------------------------------------------------
 * Rendering
 * ------------------------------------------------------------------------------ */

typedef enum pith_format {
    PITH_FORMAT_TEXT = 0, /* title, then the body; paragraphs separated by a blank line */
    PITH_FORMAT_MARKDOWN, /* the article with headings, lists, quotes, tables and code */
    PITH_FORMAT_JSON,     /* metadata, text, comments, segments; one line */
    PITH_FORMAT_EXPLAIN,  /* every block with its kind and evidence, for rule authors */
    PITH_FORMAT_HTML      /* an HTML page showing the segments coloured by kind */
} pith_format;

/* Renders `doc`. On success *out holds `*len` bytes plus a terminating NUL; the caller
 * frees it with pith_free(). `len` may be NULL. */
PITH_EXPORT pith_status pith_render(const pith_doc *doc, pith_format format, char **out,
                                    size_t *len, pith_error *err);

/* Renders one JSON Lines record (no trailing newline) for a batch: the JSON rendering
 * of `doc` with a leading "source" member, or, when `doc` is NULL, a failure record
 * {"source": ..., "error": message, "status": pith_status_code()} built from
 * `failure`. `source` (e.g. a file name) may be NULL. Caller frees *out with
 * pith_free(). */
PITH_EXPORT pith_status pith_render_record(const pith_doc *doc, const char *source,
                                           const pith_error *failure, char **out,
                                           size_t *len, pith_error *err);

/* Frees memory the library handed to the caller. */
PITH_EXPORT void pith_free(void *p);

/* ---------------------------------------------------------------------------------
 * Rendering with options: a subset of kinds, and batch records that carry an id
 * ------------------------------------------------------------------------------ */

/* The bit of a kind in pith_render_options.kinds. */
#define PITH_KIND_BIT(kind) (1u << (unsigned)(kind))

#define PITH_RENDER_OPTIONS_VERSION 1

/* Set with pith_render_options_init() first (all kinds, no source, no id). */
typedef struct pith_render_options {
    int version;        /* PITH_RENDER_OPTIONS_VERSION; set by pith_render_options_init */
    unsigned kinds;     /* the segment kinds to keep, PITH_KIND_BIT()s; 0 keeps all. TEXT
                           and MARKDOWN then give the blocks of those kinds in page order
                           (every article) instead of the main article; JSON and records
                           list only those segments ("text" and "comments" stay); EXPLAIN
                           shows only their blocks; HTML starts with the others hidden */
    const char *source; /* records: the "source" member (a file name, FILE@OFFSET ...) */
    const char *id;     /* records: an "id" member, given as JSON text and copied as it
                           is ("17", "\"a1\""), so an input record's id comes out with its
                           type; must be valid JSON (PITH_ERR_INVALID_ARGUMENT if not) */
    uint32_t reserved[8]; /* zero */
} pith_render_options;

PITH_EXPORT void pith_render_options_init(pith_render_options *opts);
/* pith_kind_from_name for a comma-separated list ("body,title"): fills *kinds with
 * their bits. PITH_ERR_INVALID_ARGUMENT naming the first unknown kind. */
PITH_EXPORT pith_status pith_kinds_parse(const char *list, unsigned *kinds, pith_error *err);

/* pith_render with options; `opts` may be NULL (the same as pith_render). */
PITH_EXPORT pith_status pith_render_with(const pith_doc *doc, pith_format format,
                                         const pith_render_options *opts, char **out,
                                         size_t *len, pith_error *err);
/* One JSON Lines record for a batch, no trailing newline: for a document, its JSON
 * rendering with leading "source" and "id" members from `opts`; when `doc` is NULL, the
 * failure record {"source", "id", "error": failure->message, "status":
 * pith_status_code(failure->status)}. "id" is left out when opts->id is NULL; "source"
 * is "" when opts->source is. `opts` may be NULL. Caller frees *out with pith_free(). */
PITH_EXPORT pith_status pith_render_record_with(const pith_doc *doc, const pith_error *failure,
                                                const pith_render_options *opts, char **out,
                                                size_t *len, pith_error *err);

/* ---------------------------------------------------------------------------------
 * Reading crawls: WARC files
 *
 * A WARC reader walks a WARC 1.0 or 1.1 file record by record, streaming: uncompressed,
 * compressed with one gzip member per record (the usual .warc.gz), or compressed as a
 * whole. For each `response` record (and each `resource` record) whose Content-Type is
 * HTML or plain text it strips the WARC and HTTP headers, undoes chunked
 * transfer-encoding and gzip/deflate content-encoding, and hands back the page with its
 * address and HTTP Content-Type (whose charset pith_extract uses). Every other record
 * (requests, metadata, warcinfo, revisits, images, redirects and other non-2xx
 * responses) comes back marked as skipped, with the reason, so a caller can count it.
 *
 * A malformed or truncated record makes pith_warc_next return PITH_ERR_WARC (or
 * PITH_ERR_GZIP, PITH_ERR_ENCODING, PITH_ERR_TOO_LARGE) with the record's offset filled
 * in; the reader then resynchronises on the next record (the next gzip member, or the
 * next "WARC/1.x" line) and the following call goes on from there. Only a file
 * compressed as a whole cannot be resynchronised after corrupt deflate data.
 * ------------------------------------------------------------------------------ */

typedef struct pith_warc_reader pith_warc_reader;

/* A source of bytes: reads up to `len` bytes into `buf` and returns how many, 0 at the
 * end, -1 on an error (with errno set). */
typedef ptrdiff_t (*pith_read_fn)(void *userdata, void *buf, size_t len);

/* One record, as pith_warc_next fills it. Every pointer is owned by the reader and
 * valid until the next pith_warc_next or pith_warc_reader_free; strings are
 * NUL-terminated, "" when the record does not have the field. */
typedef struct pith_warc_record {
    int page;                 /* 1: a page to extract (payload); 0: skipped */
    const char *skip_reason;  /* when skipped: "request", "metadata", "not_html",
                                 "http_status", "no_payload" ...; "" for a page */
    const char *type;         /* WARC-Type, e.g. "response" */
    const char *target_uri;   /* WARC-Target-URI */
    const char *record_id;    /* WARC-Record-ID, e.g. "<urn:uuid:...>" */
    const char *date;         /* WARC-Date */
    uint64_t offset;          /* where the record starts: the byte offset in the file for
                                 uncompressed WARCs and one-member-per-record .warc.gz
                                 (the offset CDX indexes give), the offset in the
                                 uncompressed stream for a WARC gzipped as a whole */
    int http_status;          /* the HTTP status code of a response; 0 otherwise */
    const char *content_type; /* the HTTP Content-Type (resource records: the WARC one) */
    const char *payload;      /* the page, decoded; NUL-terminated (NULL when skipped) */
    size_t payload_len;
    uintptr_t reserved[6];    /* zeroed: room for fields added later */
} pith_warc_record;

/* A reader over `read`/`userdata`, which must stay usable until the reader is freed.
 * `opts` may be NULL; its max_input_bytes caps a record's page (a larger one gives
 * PITH_ERR_TOO_LARGE for that record, and the reader goes on). Free the reader with
 * pith_warc_reader_free(). */
PITH_EXPORT pith_status pith_warc_reader_new(pith_read_fn read, void *userdata,
                                             const pith_options *opts,
                                             pith_warc_reader **out, pith_error *err);
/* A reader over the file at `path` (opened now, closed by pith_warc_reader_free). */
PITH_EXPORT pith_status pith_warc_reader_open(const char *path, const pith_options *opts,
                                              pith_warc_reader **out, pith_error *err);
/* A reader over `len` bytes in memory, which must outlive the reader. */
PITH_EXPORT pith_status pith_warc_reader_new_memory(const char *data, size_t len,
                                                    const pith_options *opts,
                                                    pith_warc_reader **out, pith_error *err);
/* Reads the next record into *rec. PITH_OK: a record (a page, or a skipped one);
 * PITH_END: no more records; any other status: the record at rec->offset could not be
 * read (err says why; rec->record_id and rec->target_uri are filled when its headers
 * were read), and the next call goes on after it. After PITH_ERR_IO or PITH_ERR_NOMEM
 * the reader stops: the next call returns PITH_END. */
PITH_EXPORT pith_status pith_warc_next(pith_warc_reader *r, pith_warc_record *rec,
                                       pith_error *err);
/* Bytes taken from the source so far (compressed bytes for a .warc.gz): with the
 * file's size, how far the reading has got. */
PITH_EXPORT uint64_t pith_warc_reader_position(const pith_warc_reader *r);
PITH_EXPORT void pith_warc_reader_free(pith_warc_reader *r);
/* 1 when `data` (the first bytes of a file, 4 KiB is plenty; gzip-compressed or not)
 * starts a WARC record, else 0. */
PITH_EXPORT int pith_warc_sniff(const char *data, size_t len);

/* ---------------------------------------------------------------------------------
 * Reading crawls: JSON Lines
 *
 * One page per line, as crawlers and Hadoop/Spark jobs pass them: a JSON object whose
 * string fields hold the page, its address and an id, e.g.
 *     {"id": 17, "url": "https://example.org/a", "html": "<html>..."}
 * ------------------------------------------------------------------------------ */

/* The field names to read; NULL for the defaults "html", "url" and "id". */
typedef struct pith_jsonl_fields {
    const char *html; /* the page (HTML or a text dump): a JSON string */
    const char *url;  /* optional: the page's address, a JSON string */
    const char *id;   /* optional: any JSON value, passed through to the output record */
} pith_jsonl_fields;

/* A parsed line; its pointers are owned by it, freed with pith_jsonl_record_free(). */
typedef struct pith_jsonl_record {
    const char *page;         /* the page's bytes (UTF-8, since JSON strings are text) */
    size_t page_len;
    const char *url;          /* NULL when the line has none */
    const char *content_type; /* "text/html; charset=utf-8": a JSON string is already
                                 decoded, so the page's own <meta charset> must not apply */
    const char *id;           /* the id's value as compact JSON text, NULL when absent */
    void *internal;
    uintptr_t reserved[4];    /* zeroed: room for fields added later */
} pith_jsonl_record;

/* Parses one line (`len` bytes, no newline needed). PITH_ERR_JSON when it is not a JSON
 * object, or its page field is missing or not a string (rec->id is then still filled
 * when the id could be read, so an error record can name it); PITH_ERR_EMPTY_INPUT for
 * a blank line. Free *rec with pith_jsonl_record_free() whatever the status. */
PITH_EXPORT pith_status pith_jsonl_parse(const char *line, size_t len,
                                         const pith_jsonl_fields *fields,
                                         pith_jsonl_record *rec, pith_error *err);
PITH_EXPORT void pith_jsonl_record_free(pith_jsonl_record *rec);

#ifdef __cplusplus
}
#endif

#endif /* PITH_H */
