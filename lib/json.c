#include "render.h"
void json_string(pbuf *out, const char *s, size_t n) { pbuf_putc(out, '"'); pbuf_append(out, s, n); pbuf_putc(out, '"'); }
