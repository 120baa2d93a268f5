#include <stdlib.h>
#include "metadata.h"
pith_status metadata_finish(pith_doc *doc, const char *url) { (void)doc; (void)url; return PITH_OK; }
char *metadata_title_hint(const pith_doc *doc) { (void)doc; return NULL; }
