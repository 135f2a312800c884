/* .xz compression for ISF files (liblzma). */
#include <lzma.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/isf_internal.h"
#include "symbols/json_shape.h"

int xz_is_compressed(const void *data, size_t len)
{
    /* .xz stream header magic: FD 37 7A 58 5A 00 (xz file format spec 1.1.0, §2.1.1.1). */
    return len >= 6 && memcmp(data, "\xfd" "7zXZ\0", 6) == 0;
}

/* Output is decoded and checked 1 MiB at a time, so that a table over the
 * shape caps stops after the first megabytes, not after all of them. */
#define XZ_STEP (1u << 20)

int xz_decompress(const void *in, size_t in_len, size_t max_out, struct json_shape *shape, uint8_t **out,
                  size_t *out_len, const char *label, struct ep_error *err)
{
    lzma_stream s = LZMA_STREAM_INIT;
    /* 256 MiB of decoder memory is far above what real ISF files need. */
    if (lzma_stream_decoder(&s, 256u << 20, LZMA_CONCATENATED) != LZMA_OK)
        return ep_fail(err, "%s: cannot start the xz decoder", label);
    size_t cap = in_len * 8 + 4096, used = 0;
    if (cap > max_out) cap = max_out;
    uint8_t *buf = malloc(cap + 1);
    if (!buf) {
        lzma_end(&s);
        return ep_fail(err, "%s: out of memory", label);
    }
    s.next_in = in;
    s.avail_in = in_len;
    int rc = 0;
    for (;;) {
        if (used == cap) {
            if (cap >= max_out) {
                rc = ep_fail(err, "%s: decompresses to more than %zu MiB: not a symbol table", label, max_out >> 20);
                break;
            }
            cap = cap * 2 > max_out ? max_out : cap * 2;
            uint8_t *b2 = realloc(buf, cap + 1);
            if (!b2) {
                rc = ep_fail(err, "%s: out of memory", label);
                break;
            }
            buf = b2;
        }
        s.next_out = buf + used;
        s.avail_out = cap - used < XZ_STEP ? cap - used : XZ_STEP;
        size_t before = used;
        lzma_ret r = lzma_code(&s, LZMA_FINISH);
        used = (size_t)(s.next_out - buf);
        if (shape && json_shape_feed(shape, (const char *)buf + before, used - before) != 0) {
            rc = ep_fail(err, "%s: symbol table over eproc's limits: %s", label, shape->problem);
            break;
        }
        if (r == LZMA_STREAM_END)
            break;
        if (r == LZMA_OK && s.avail_out == 0)
            continue;
        if (r == LZMA_OK || r == LZMA_BUF_ERROR)
            rc = ep_fail(err, "%s: truncated xz data", label);
        else
            rc = ep_fail(err, "%s: corrupt xz data (liblzma error %d)", label, (int)r);
        break;
    }
    lzma_end(&s);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    buf[used] = 0;
    *out = buf;
    *out_len = used;
    return 0;
}

int xz_compress(const void *in, size_t in_len, uint8_t **out, size_t *out_len)
{
    size_t cap = lzma_stream_buffer_bound(in_len);
    uint8_t *buf = malloc(cap);
    if (!buf)
        return -1;
    size_t pos = 0;
    /* Preset 6 is xz's default; the output is deterministic for a given input. */
    if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, in_len, buf, &pos, cap) != LZMA_OK) {
        free(buf);
        return -1;
    }
    *out = buf;
    *out_len = pos;
    return 0;
}
