/* Growable byte buffer used everywhere text is built. Allocation failure is sticky:
 * after the first failed growth every append is a no-op and `oom` stays set, so a
 * builder checks once at the end instead of after every append. */
#ifndef PITH_BUF_H
#define PITH_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pbuf {
    char *data; /* NUL-terminated whenever len > 0 or after pbuf_cstr() */
    size_t len;
    size_t cap;
    int oom;
} pbuf;

void pbuf_init(pbuf *b);
void pbuf_free(pbuf *b);
void pbuf_clear(pbuf *b); /* len = 0, keeps the memory */
/* Makes room for `extra` more bytes plus a NUL; 0 on success, -1 (and oom) on failure. */
int pbuf_reserve(pbuf *b, size_t extra);
void pbuf_append(pbuf *b, const void *p, size_t n);
void pbuf_putc(pbuf *b, char c);
void pbuf_puts(pbuf *b, const char *s);
void pbuf_printf(pbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Always returns a NUL-terminated string ("" for an empty or failed buffer). */
const char *pbuf_cstr(pbuf *b);
/* Hands the memory to the caller (free with free()/pith_free()); NULL after oom. The
 * buffer is left empty. */
char *pbuf_detach(pbuf *b, size_t *len);

#endif
