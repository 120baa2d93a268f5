/* The text-transform a page's own style sheets give its elements. A browser shows a menu
 * entry written "News" as "NEWS" when the page's CSS says `text-transform: uppercase`,
 * and a dump of the visible text holds what the browser showed: pith's text should read
 * the same. Only the style sheets inside the page count (<style> elements and style
 * attributes; linked sheets are not fetched), and only selectors built of type, class
 * and id selectors with descendant and child combinators: a rule with a pseudo-class, an
 * attribute selector or a sibling combinator is left out rather than guessed at. Inside
 * @media, rules for narrow screens (max-width) and for print are left out: dumps are
 * taken on a desktop browser. */
#ifndef PITH_CSS_TRANSFORM_H
#define PITH_CSS_TRANSFORM_H

#include <stddef.h>
#include <stdint.h>

typedef enum css_tt {
    CSS_TT_INHERIT = 0, /* no rule says: the parent's transform */
    CSS_TT_NONE,
    CSS_TT_UPPER,
    CSS_TT_LOWER,
    CSS_TT_CAPITALIZE
} css_tt;

/* An open element as the matcher sees it: its tag (tags.h), its class attribute
 * (space-separated) and id, NUL-terminated, "" when absent. */
typedef struct css_elem {
    int tag;
    const char *cls;
    const char *id;
} css_elem;

typedef struct css_sheet css_sheet;

/* NULL when out of memory. */
css_sheet *css_sheet_new(void);
void css_sheet_free(css_sheet *s);
/* Reads the text-transform rules of a style sheet's text (other rules are skipped
 * unparsed). Rules past CSS_MAX_RULES are ignored. -1 when out of memory. */
int css_sheet_add(css_sheet *s, const char *css, size_t len);
/* Reads every <style> element of an HTML page (not those of comments and scripts, nor
 * those for print or narrow screens), up to max_bytes of style sheets in all: a sheet
 * applies to the whole page wherever it stands, so they are read before the page is.
 * -1 when out of memory. */
int css_sheet_add_html(css_sheet *s, const char *html, size_t len, size_t max_bytes);
int css_sheet_empty(const css_sheet *s);

/* The transform the sheet gives path[n - 1], whose ancestors are path[0 .. n - 2]
 * (outermost first): that of the most specific matching rule, the later of equals;
 * CSS_TT_INHERIT when none matches. */
css_tt css_match(const css_sheet *s, const css_elem *path, size_t n);
/* css_match, adding the work it did (rules and ancestors tested, class bytes read; at
 * most a bound per element) to *work: a page's matching can be held to a budget. */
css_tt css_match_work(const css_sheet *s, const css_elem *path, size_t n, size_t *work);

/* Whether element `e` could match a rule at all (its own tag, classes or id end some
 * rule's selector): a cheap test before the caller builds the path of ancestors. */
int css_may_match(const css_sheet *s, const css_elem *e);

/* The text-transform of a style attribute, CSS_TT_INHERIT when it gives none. */
css_tt css_inline_transform(const char *style);

/* Applies t to n bytes of UTF-8 text in place (ASCII and the Latin-1 letters, which keep
 * their length; other scripts are left as they are). *word_start says whether the text
 * starts a word (for capitalize) and is updated to the state at the end. */
void css_apply(css_tt t, char *text, size_t n, int *word_start);

#endif
