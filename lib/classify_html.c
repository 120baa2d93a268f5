#include "classify.h"
void classify_html(pith_doc *doc) { (void)doc; }
