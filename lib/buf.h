/* Growable byte buffer used everywhere text is built. Allocation failure is sticky:
 * after the first failed growth every append is a no-op and `oom` stays set, so a
 * builder checks once at the end instead of after every append. */
#ifndef PITH_BUF_H
#define PITH_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A page's memory budget (pith_options.max_memory). The page's buffers and arrays are
 * charged as they grow, and the stages that allocate working memory of their own
 * (libxml2, jansson, the classifiers) reserve an estimate of it first. A charge that
 * would pass the limit is refused and sets `over`, so a caller tells a budget overrun
 * (PITH_ERR_TOO_LARGE) from a failed allocation (PITH_ERR_NOMEM). */
typedef struct pmem {
    size_t used;
    size_t peak;
    size_t limit; /* 0: no limit (a zeroed pmem only counts) */
    int over;
} pmem;

/* Charges n bytes: 0, or -1 (nothing charged, `over` set) past the limit. m may be NULL. */
int pmem_charge(pmem *m, size_t n);
/* Whether n more bytes would fit, without charging them or setting `over`: for what a
 * stage can do without. */
int pmem_fits(const pmem *m, size_t n);
void pmem_release(pmem *m, size_t n);

typedef struct pbuf {
    char *data; /* NUL-terminated whenever len > 0 or after pbuf_cstr() */
    size_t len;
    size_t cap;
    int oom;
    pmem *mem;  /* charged for cap when not NULL; a budget overrun is an oom */
} pbuf;

void pbuf_init(pbuf *b);
/* An empty buffer charged to `mem`. */
void pbuf_init_mem(pbuf *b, pmem *mem);
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
 * buffer is left empty (and its memory no longer charged). */
char *pbuf_detach(pbuf *b, size_t *len);

#endif
