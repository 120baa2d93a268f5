#include <string.h>
#include "decode.h"
#include "status.h"
int decode_is_gzip(const char *d, size_t n) { return n >= 2 && (unsigned char)d[0] == 0x1f && (unsigned char)d[1] == 0x8b; }
pith_status decode_check_binary(const char *d, size_t n, pith_error *err) { (void)d; (void)n; (void)err; return PITH_OK; }
pith_status decode_to_utf8(const char *d, size_t n, const char *ct, pbuf *out, char cs[32], pith_error *err)
{ (void)ct; (void)err; pbuf_append(out, d, n); strcpy(cs, "UTF-8"); return out->oom ? PITH_ERR_NOMEM : PITH_OK; }
pith_input_kind decode_sniff_kind(const char *s, size_t n) { return memchr(s, (int)'<', n < 4096 ? n : 4096) ? PITH_INPUT_HTML : PITH_INPUT_TEXT; }
