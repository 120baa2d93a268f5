/* The attribute cap of the HTML stage, applied before libxml2 parses (see html_attrs.c). */
#ifndef PITH_HTML_ATTRS_H
#define PITH_HTML_ATTRS_H

#include <stddef.h>

#include "buf.h"

/* When some start tag of html[0..n) has more than `max` attributes, copies the page to
 * `out` with those past the first `max` of each such tag overwritten by spaces, and
 * returns 1; returns 0 (out untouched) when no tag has that many, -1 when out could not
 * hold the copy. The copy has the page's length. */
int html_cap_attributes(const char *html, size_t n, size_t max, pbuf *out);

#endif
