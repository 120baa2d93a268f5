/* Stage 9: title, author, date, site name, language, canonical URL and description,
 * from JSON-LD (schema.org Article and kin), OpenGraph/meta tags, <title>, <h1>,
 * <html lang>, and for text dumps from the classified title and meta lines. */
#ifndef PITH_METADATA_H
#define PITH_METADATA_H

#include "doc.h"

/* Fills doc->meta. url_hint may be NULL. */
pith_status metadata_finish(pith_doc *doc, const char *url_hint);
/* The title as the page's <title>/og:title/JSON-LD headline give it, before the
 * classifier has run; used to find the title block. NULL if none. Caller frees. */
char *metadata_title_hint(const pith_doc *doc);

#endif
