#include "render.h"
void render_explain(const pith_doc *doc, pbuf *out) { (void)doc; (void)out; }
