/* Stage 1: from raw bytes to valid UTF-8.
 * gzip is inflated first (with a size cap), binary files are refused, then the charset
 * is found (BOM, the HTTP Content-Type hint, <meta charset> / http-equiv, the XML
 * declaration, UTF-16 without BOM by its NUL pattern, else UTF-8 if valid, else, when
 * invalid sequences are frequent, the legacy charset ICU's detector finds (windows-1252
 * when it is unsure), else UTF-8 with the invalid bytes replaced) and the bytes are
 * converted. After this stage everything is UTF-8 without
 * NUL bytes. */
#ifndef PITH_DECODE_H
#define PITH_DECODE_H

#include <stddef.h>

#include "buf.h"
#include "pith.h"

/* 1 when data starts with the gzip magic bytes. */
int decode_is_gzip(const char *data, size_t len);
/* Inflates gzip data (concatenated members too) into out. PITH_ERR_TOO_LARGE past
 * `max` bytes, PITH_ERR_GZIP for a corrupt stream. */
pith_status decode_gunzip(const char *data, size_t len, size_t max, pbuf *out, pith_error *err);
/* PITH_ERR_BINARY when the bytes are an image, PDF, archive, executable or otherwise
 * mostly control bytes (UTF-16 text is recognised and not refused). */
pith_status decode_check_binary(const char *data, size_t len, pith_error *err);
/* Converts data to valid UTF-8 (NUL bytes become U+FFFD) in out, and writes the name
 * of the source charset to charset (e.g. "UTF-8", "windows-1252", "Shift_JIS").
 * content_type may be NULL. */
pith_status decode_to_utf8(const char *data, size_t len, const char *content_type, pbuf *out,
                           char charset[32], pith_error *err);
/* The same, also telling how sure the charset is: 1 when it was declared (BOM,
 * Content-Type, <meta>, XML declaration), seen (UTF-16/32 NUL patterns) or the bytes
 * are valid UTF-8; below 1 when it was guessed (damaged UTF-8, or the statistical
 * detector's answer for undeclared legacy bytes). */
pith_status decode_to_utf8_detect(const char *data, size_t len, const char *content_type,
                                  pbuf *out, char charset[32], double *confidence,
                                  pith_error *err);
/* Whether UTF-8 text looks like HTML (tags in its first part) or a visible-text dump. */
pith_input_kind decode_sniff_kind(const char *utf8, size_t len);

#endif
