/* Links against the static library while defining functions named like pith's
 * internals: the link must succeed and both must keep working, because libpith.a
 * exports only the pith_ API. */
#include <stdio.h>
#include <string.h>

#include "pith.h"

/* names pith uses internally */
int utf8_decode(int x);
int pbuf_append(int x);
int utf8_decode(int x) { return x + 1; }
int pbuf_append(int x) { return x * 2; }

int main(void)
{
    pith_extractor *ex;
    pith_doc *doc;
    pith_error err;
    const char *page = "<html><body><article><h1>A title for this page</h1><p>A paragraph "
                       "of text that reads like the prose of an article, with enough "
                       "words in it to be the body of the page.</p></article></body></html>";
    if (pith_extractor_new(NULL, &ex, &err) != PITH_OK ||
        pith_extract(ex, page, strlen(page), NULL, NULL, &doc, &err) != PITH_OK) {
        fprintf(stderr, "static_link: %s\n", err.message);
        return 1;
    }
    int ok = strstr(pith_doc_text(doc, NULL), "A paragraph of text") != NULL &&
             utf8_decode(1) == 2 && pbuf_append(3) == 6;
    pith_doc_free(doc);
    pith_extractor_free(ex);
    if (!ok)
        fprintf(stderr, "static_link: wrong results\n");
    return ok ? 0 : 1;
}
