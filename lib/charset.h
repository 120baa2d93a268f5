/* Charsets for stage 1: the WHATWG Encoding Standard's labels, and the conversion of a
 * whole input from one charset to valid UTF-8. Deciding *which* charset is decode.c's
 * job; this file only knows names and how to convert. */
#ifndef PITH_CHARSET_H
#define PITH_CHARSET_H

#include <stddef.h>

#include "buf.h"

/* What a charset's bytes look like, which decides how much a declaration of it is
 * believed (decode.c). */
typedef enum charset_family {
    CS_UTF8,   /* UTF-8 itself */
    CS_BYTE,   /* one byte a character, or 7-bit (ISO-2022-JP): never valid multi-byte UTF-8 */
    CS_MULTI,  /* the East Asian multi-byte charsets: GBK, Big5, Shift_JIS, EUC-* */
    CS_WIDE    /* UTF-16 and UTF-32: ASCII text has NUL bytes */
} charset_family;

typedef struct charset_info {
    const char *name;       /* canonical WHATWG name, e.g. "windows-1252", "Shift_JIS" */
    charset_family family;
    const char *iconv[2];   /* glibc iconv names to try in order; NULL when native */
} charset_info;

/* The charset for a label such as "latin1" or " UTF-8 " (ASCII case and surrounding
 * white space ignored), or NULL for an unknown label. `len` bytes of `label` are
 * looked at; it need not be NUL-terminated. */
const charset_info *charset_lookup(const char *label, size_t len);
/* Shortcuts for the charsets decode.c picks without a label. */
const charset_info *charset_utf8(void);
const charset_info *charset_windows1252(void);
const charset_info *charset_utf16(int big_endian);
const charset_info *charset_utf32(int big_endian);

/* Converts data[0..len) from `cs` to UTF-8 and appends it to out. Invalid or truncated
 * sequences of the source become U+FFFD (one per bad byte, then decoding goes on), NUL
 * characters become U+FFFD, and the result is always valid UTF-8.
 * Returns 0 on success, 1 when the charset is not available here (iconv lacks it;
 * nothing is appended), -1 when out ran out of memory. */
int charset_convert(const charset_info *cs, const char *data, size_t len, pbuf *out);

/* Counts, over data[0..len), the well-formed multi-byte UTF-8 sequences and the bytes
 * that are not part of one (each is an invalid sequence of one byte). */
void charset_utf8_stats(const char *data, size_t len, size_t *valid_multi, size_t *invalid);

#endif
