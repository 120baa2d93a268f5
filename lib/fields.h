/* Fields of the line-oriented data files (rule tables, page-type models): words
 * separated by blanks, read in place. */
#ifndef PITH_FIELDS_H
#define PITH_FIELDS_H

#include <stddef.h>

static inline int field_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The next field in [*p, end): its start, its length in *n; *p moves past it. */
static inline const char *field_next(const char **p, const char *end, size_t *n)
{
    const char *s = *p;
    while (s < end && field_blank(*s))
        s++;
    const char *e = s;
    while (e < end && !field_blank(*e))
        e++;
    *n = (size_t)(e - s);
    *p = e;
    return s;
}

#endif
