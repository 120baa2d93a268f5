/* UTF-8 decoding and the few Unicode character classes pith needs. The tables are
 * deliberately approximate outside the scripts of the languages pith knows: they only
 * feed heuristics (word counts, capitalisation), never correctness. */
#ifndef PITH_UTF8_H
#define PITH_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UC_REPLACEMENT 0xFFFDu

/* Decodes one code point from s[0..n). Returns the bytes consumed (>= 1 when n > 0).
 * Invalid or truncated sequences, overlongs and surrogates decode as U+FFFD and
 * consume one byte, so a scan always advances. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp (U+FFFD if invalid) into out; returns 1-4. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* 1 when s[0..n) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);

/* White space as Python's str.isspace() sees it (HTML whitespace, NBSP, U+2000-U+200A,
 * U+3000 ...); zero-width space and soft hyphen are not. */
int uc_is_space(uint32_t cp);
/* A "word" character, as Python's \w: letters and digits of any script, underscore. */
int uc_is_word(uint32_t cp);
int uc_is_digit(uint32_t cp);
/* Letters with case, for capitalisation features. */
int uc_is_upper(uint32_t cp);
int uc_is_lower(uint32_t cp);
uint32_t uc_tolower(uint32_t cp);
uint32_t uc_toupper(uint32_t cp);
/* Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar.
 * Hangul is spaced and not included. */
int uc_is_unspaced(uint32_t cp);
/* Sentence-ending punctuation of any script: . ! ? … 。 ！ ？ ؟ । */
int uc_is_terminal(uint32_t cp);
/* Any punctuation or symbol. */
int uc_is_punct(uint32_t cp);

#endif
