#include "render.h"
void render_text(const pith_doc *doc, pbuf *out) { (void)doc; (void)out; }
