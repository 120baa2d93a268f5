/* Repeated templates: sibling elements cut from one template (the cards of a product
 * grid, the rows of a results table, the posts of a thread, the entries of a menu).
 * What repeats, and what each repetition holds, is most of what tells a listing from an
 * article or a forum thread, and a listing's items are its main content. */
#ifndef PITH_REPEATS_H
#define PITH_REPEATS_H

#include "doc.h"

/* A group of >= REPEAT_MIN_MEMBERS siblings with the same tag and template token
 * (repeats_template_token; or none). Counts are over the members' blocks. */
typedef struct repeat_group {
    uint32_t parent;        /* the element holding the members */
    uint32_t first, last;   /* first and last member element */
    uint32_t members;       /* members holding text */
    uint32_t blocks;        /* blocks inside the members */
    uint32_t prose_members; /* members holding a prose block (see repeats_find) */
    uint64_t chars, link_chars;
} repeat_group;

#define REPEAT_MIN_MEMBERS 3

/* Finds the groups. `prose` flags the blocks that read as prose (NULL: none do). On
 * success *out holds *n groups (malloc'd, the caller frees it), in the order of their
 * first member; -1 when an allocation failed. Linear in the number of elements. */
int repeats_find(const pith_doc *doc, const uint8_t *prose, repeat_group **out, size_t *n);

/* Whether the members look like items rather than a menu's entries: a menu repeats too,
 * but its entries are one short link each, where items carry more (a title and a price,
 * a headline and a date) or at least longer text. */
int repeats_item_shaped(const repeat_group *g);
/* How much a group looks like a page's list of items: its text, weighed by links (items
 * link to their pages) and parts per member (a title, a price, a date, a teaser), where
 * a run of FAQ cards or of paragraphs holds prose. */
double repeats_item_score(const repeat_group *g);

/* Whether element `i` is a member of group g: a child of its parent from the same
 * template as its first member. */
int repeats_is_member(const pith_doc *doc, const repeat_group *g, uint32_t i);

/* What names an element's template: its first class/id token without a trailing number
 * (<article class="post-30149 post ...">, <li id="item-7">: a CMS numbers each entry in
 * the class or id it opens with). Not NUL-terminated; *len bytes. */
const char *repeats_template_token(const pith_doc *doc, const pith_node *nd, uint32_t *len);

#endif
