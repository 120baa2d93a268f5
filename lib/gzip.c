#include "decode.h"
#include "status.h"
pith_status decode_gunzip(const char *d, size_t n, size_t max, pbuf *out, pith_error *err) { (void)d; (void)n; (void)max; (void)out; return pith_fail(err, PITH_ERR_GZIP, "gzip: not yet"); }
