#ifndef PITH_META_DATE_H
#define PITH_META_DATE_H

#include <stddef.h>

/* Finds a date in s and writes it as ISO 8601 to out; 0 if there is none. An ISO
 * timestamp at the start keeps its time; dates written any other way keep the day only.
 * `mdy` reads ambiguous numeric dates month first. */
int meta_find_date(const char *s, size_t n, int mdy, char out[40]);

#endif
