#include "buf.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int pmem_charge(pmem *m, size_t n)
{
    if (!m)
        return 0;
    if (m->limit && (n > m->limit || m->used > m->limit - n)) {
        m->over = 1;
        return -1;
    }
    m->used += n;
    if (m->used > m->peak)
        m->peak = m->used;
    return 0;
}

int pmem_fits(const pmem *m, size_t n)
{
    return !m || !m->limit || (n <= m->limit && m->used <= m->limit - n);
}

void pmem_release(pmem *m, size_t n)
{
    if (m)
        m->used = n < m->used ? m->used - n : 0;
}

void pbuf_init(pbuf *b) { memset(b, 0, sizeof *b); }

void pbuf_init_mem(pbuf *b, pmem *mem)
{
    memset(b, 0, sizeof *b);
    b->mem = mem;
}

void pbuf_free(pbuf *b)
{
    pmem *mem = b->mem;
    pmem_release(mem, b->cap);
    free(b->data);
    memset(b, 0, sizeof *b);
    b->mem = mem;
}

void pbuf_clear(pbuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int pbuf_reserve(pbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap += cap / 2 + 64;
    if (pmem_charge(b->mem, cap - b->cap)) {
        b->oom = 1;
        return -1;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        pmem_release(b->mem, cap - b->cap);
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void pbuf_append(pbuf *b, const void *p, size_t n)
{
    /* p may point into b itself (a string appended again), and growing moves b */
    uintptr_t at = (uintptr_t)p, base = (uintptr_t)b->data;
    size_t inside = b->data && at >= base && at < base + b->len ? (size_t)(at - base) + 1 : 0;
    if (n == 0 || pbuf_reserve(b, n))
        return;
    if (inside)
        p = b->data + inside - 1;
    memmove(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pbuf_putc(pbuf *b, char c)
{
    if (pbuf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void pbuf_puts(pbuf *b, const char *s) { pbuf_append(b, s, strlen(s)); }

void pbuf_printf(pbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        pbuf_append(b, small, (size_t)n);
        return;
    }
    if (pbuf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *pbuf_cstr(pbuf *b)
{
    if (b->oom || !b->data)
        return "";
    return b->data;
}

char *pbuf_detach(pbuf *b, size_t *len)
{
    char *p = NULL;
    if (!b->oom) {
        if (!b->data)
            pbuf_reserve(b, 0);
        p = b->data;
        if (p)
            p[b->len] = '\0';
    }
    if (len)
        *len = p ? b->len : 0;
    if (!p)
        free(b->data);
    pmem *mem = b->mem;
    pmem_release(mem, b->cap);
    memset(b, 0, sizeof *b);
    b->mem = mem;
    return p;
}
