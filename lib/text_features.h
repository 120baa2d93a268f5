/* Line shapes of visible-text dumps: what a line still tells once its tags are gone.
 * These complement the per-block counts of block_features.h (words, stopwords,
 * sentences, capitalisation, repeats) with the shape of the line as a whole: does it
 * end like a sentence, is it a headline, a menu label, an ALL-CAPS section head, or
 * words glued together by a scraper that dropped the spaces between elements. */
#ifndef PITH_TEXT_FEATURES_H
#define PITH_TEXT_FEATURES_H

#include <stdint.h>

#include "doc.h"

#define TS_TERMINAL 0x0001u  /* ends like a sentence: . ! ? … (closing quotes allowed) */
#define TS_QUESTION 0x0002u  /* ends with ? or ! (headlines may, sentences may) */
#define TS_COLON 0x0004u     /* ends with ':' – introduces what follows ("Read more:") */
#define TS_LABEL 0x0008u     /* 1-3 words, short: a menu item, a section or tag name */
#define TS_HEADLINE 0x0010u  /* 3-30 words, starts capitalised, no sentence end */
#define TS_TITLECASE 0x0020u /* most words capitalised ("Biden Signs $770 Billion Bill") */
#define TS_CAPS 0x0040u      /* every cased word in capitals ("POLITICS") */
#define TS_GLUED 0x0080u     /* words glued without spaces ("ContributorsPublishers") */
#define TS_LOWER_START 0x0100u /* starts with a lower-case letter: a continuation */
#define TS_ELLIPSIS 0x0200u  /* ends with … or ...: a teaser cut short */
#define TS_FIELD 0x0400u     /* "Label: 25 ..." – a field of a fact box, not a headline */
/* Lines shorter than this (characters) are datelines, labels and list items rather than
 * paragraphs; TS_DATE is only looked for in them. */
#define TEXT_SHORT_LINE_CHARS 150

#define TS_DATE 0x0800u      /* holds a calendar date: 27/09/2018, 2021-12-31, 8. Dezember
                                2012, November 18, 2019, 22 de janeiro de 2018 */

/* The shape flags of one line (TS_*), from its text and its block counts. */
unsigned text_shape(const char *s, size_t n, const pith_blk *b);
/* Set beside the TS_* flags in pith_blk.shape once the shape is known. */
#define TS_KNOWN 0x8000u
/* The shape of block i of a dump, computed once and cached in the block (the page type's
 * features and the classifier both read it). */
unsigned text_line_shape(const pith_doc *doc, uint32_t i);
/* The words of a line: the block's, with Chinese and Japanese characters counted as
 * words of CJK_WORD_CHARS characters rather than one word each. */
unsigned text_words(const char *s, size_t n, const pith_blk *b);
/* Whether s holds a calendar date, numeric or with a month name in one of the corpora's
 * languages (en de fr es it pt nl ro pl ru). */
int text_has_date(const char *s, size_t n);
/* Glue points: places where a word of three or more lower-case letters runs straight
 * into a capital or a digit ("Sports5", "agoIPL", "ContributorsPublishers"). */
unsigned text_glue_points(const char *s, size_t n);

#endif
