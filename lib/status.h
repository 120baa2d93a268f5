/* Filling a caller's pith_error. */
#ifndef PITH_STATUS_H
#define PITH_STATUS_H

#include "pith.h"

/* Sets err (if not NULL) to `status` with a printf-style message, and returns status,
 * so a failure path reads `return pith_fail(err, PITH_ERR_IO, "%s: %s", path, why);`. */
pith_status pith_fail(pith_error *err, pith_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Sets err to PITH_OK with an empty message. */
void pith_ok(pith_error *err);

#endif
