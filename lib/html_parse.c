/* libxml2's HTML parser set up for pith (see html_parse.h). */
#include "html_parse.h"

#include <libxml/parserInternals.h>
#include <string.h>

htmlParserCtxtPtr html_parser_new(const char *data, int len, const html_sax *h, void *user)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(data, len);
    if (!ctxt)
        return NULL;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = h->start;
    sax.endElement = h->end;
    sax.characters = h->text;
    sax.ignorableWhitespace = h->text;
    sax.cdataBlock = h->cdata;
    sax.initialized = 1;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    return ctxt;
}
