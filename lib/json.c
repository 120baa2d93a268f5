/* JSON string literals. Every renderer that emits JSON goes through render_json_string, so the
 * guarantee "the output parses" lives in one place: control characters, quotes and
 * backslashes are escaped, U+2028/U+2029 too (JavaScript source cannot hold them raw),
 * and bytes that are not UTF-8 become \ufffd instead of breaking the consumer's parser. */
#include "render.h"
#include "utf8.h"

/* Short escapes for the control characters that have one; 0 means use \u00XX. */
static char short_escape(unsigned char c)
{
    switch (c) {
    case '\n': return 'n';
    case '\t': return 't';
    case '\r': return 'r';
    case '\b': return 'b';
    case '\f': return 'f';
    case '"': return '"';
    case '\\': return '\\';
    default: return 0;
    }
}

static void put_escape(pbuf *out, unsigned char c)
{
    static const char HEX[] = "0123456789abcdef";
    char e = short_escape(c);
    if (e) {
        char two[2] = {'\\', e};
        pbuf_append(out, two, 2);
        return;
    }
    char six[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
    pbuf_append(out, six, 6);
}

void render_json_string(pbuf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t span = 0; /* start of the run of bytes that can be copied as they are */
    size_t i = 0;
    pbuf_reserve(out, n + 2);
    pbuf_putc(out, '"');
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = utf8_decode(p + i, n - i, &cp);
            int bad = cp == UC_REPLACEMENT && k == 1;
            if (!bad && cp != 0x2028 && cp != 0x2029) {
                i += k;
                continue;
            }
            pbuf_append(out, s + span, i - span);
            pbuf_append(out, bad ? "\\ufffd" : cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
            i += k;
            span = i;
            continue;
        }
        pbuf_append(out, s + span, i - span);
        put_escape(out, c);
        span = ++i;
    }
    pbuf_append(out, s + span, n - span);
    pbuf_putc(out, '"');
}
