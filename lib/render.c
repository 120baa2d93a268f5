#include "render.h"
void render_evidence_all(pith_doc *doc) { (void)doc; }
