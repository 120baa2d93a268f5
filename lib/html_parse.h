/* libxml2's HTML parser, set up the one way pith reads a page: its SAX events to the
 * caller's handlers, errors recovered from silently, no network, and the input taken as
 * UTF-8 (the decode stage made it so; a <meta charset> must not switch it). The block
 * builder and the HTML view both read the page through it, so they see the same
 * elements in the same order. */
#ifndef PITH_HTML_PARSE_H
#define PITH_HTML_PARSE_H

#include <libxml/HTMLparser.h>

typedef struct html_sax {
    startElementSAXFunc start;
    endElementSAXFunc end;
    charactersSAXFunc text; /* text and ignorable white space */
    cdataBlockSAXFunc cdata;
} html_sax;

/* A parser over [data, data + len) calling `h` with `user`, or NULL when libxml2 cannot
 * make one; run it with htmlParseDocument, free it with htmlFreeParserCtxt. */
htmlParserCtxtPtr html_parser_new(const char *data, int len, const html_sax *h, void *user);

#endif
