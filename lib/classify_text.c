#include "classify.h"
void classify_text(pith_doc *doc) { (void)doc; }
