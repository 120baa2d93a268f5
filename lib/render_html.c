#include "render.h"
void render_html(const pith_doc *doc, pbuf *out) { (void)doc; (void)out; }
