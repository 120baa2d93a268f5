/* libFuzzer harness for the WARC reader: any bytes, as a whole and in small reads, read
 * to the end; every page record is extracted, as the CLI would. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pith.h"

static pith_extractor *ex;

typedef struct source {
    const uint8_t *data;
    size_t len, pos, step;
} source;

static ptrdiff_t read_some(void *ud, void *buf, size_t len)
{
    source *s = ud;
    size_t n = s->len - s->pos;
    if (n > s->step)
        n = s->step;
    if (n > len)
        n = len;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (ptrdiff_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ex) {
        pith_options o;
        pith_options_init(&o);
        o.max_input_bytes = 1 << 20;
        if (pith_extractor_new(&o, &ex, NULL) != PITH_OK)
            return 0;
    }
    pith_options o;
    pith_options_init(&o);
    o.max_input_bytes = 1 << 20;
    /* the first byte picks the read size, so short reads straddle every boundary */
    source src = {data, size, 0, size ? (size_t)data[0] % 61 + 1 : 1};
    pith_warc_reader *r;
    if (pith_warc_reader_new(read_some, &src, &o, &r, NULL) != PITH_OK)
        return 0;
    pith_warc_record rec;
    pith_status st;
    int records = 0;
    while ((st = pith_warc_next(r, &rec, NULL)) != PITH_END && records++ < 10000) {
        if (st != PITH_OK || !rec.page)
            continue;
        pith_doc *doc;
        if (pith_extract(ex, rec.payload, rec.payload_len, rec.target_uri, rec.content_type, &doc,
                         NULL) == PITH_OK)
            pith_doc_free(doc);
    }
    pith_warc_reader_free(r);
    pith_warc_sniff((const char *)data, size);
    return 0;
}
