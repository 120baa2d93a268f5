#include "render.h"
void render_json(const pith_doc *doc, const char *source, pbuf *out) { (void)doc; (void)source; pbuf_puts(out, "{}"); }
