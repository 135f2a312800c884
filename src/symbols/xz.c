/* .xz compression for ISF files (liblzma). */
#include <lzma.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/isf_internal.h"

int xz_is_compressed(const void *data, size_t len)
{
    /* .xz stream header magic: FD 37 7A 58 5A 00 (xz file format spec 1.1.0, §2.1.1.1). */
    return len >= 6 && memcmp(data, "\xfd" "7zXZ\0", 6) == 0;
}

int xz_decompress(const void *in, size_t in_len, size_t max_out, uint8_t **out, size_t *out_len, const char *label,
                  struct ep_error *err)
{
    lzma_stream s = LZMA_STREAM_INIT;
    /* 256 MiB of decoder memory is far above what real ISF files need. */
    if (lzma_stream_decoder(&s, 256u << 20, LZMA_CONCATENATED) != LZMA_OK)
        return ep_fail(err, "%s: cannot start the xz decoder", label);
    size_t cap = in_len * 8 + 4096;
    if (cap > max_out) cap = max_out;
    uint8_t *buf = malloc(cap + 1);
    if (!buf) {
        lzma_end(&s);
        return ep_fail(err, "%s: out of memory", label);
    }
    s.next_in = in;
    s.avail_in = in_len;
    s.next_out = buf;
    s.avail_out = cap;
    for (;;) {
        lzma_ret r = lzma_code(&s, LZMA_FINISH);
        if (r == LZMA_STREAM_END)
            break;
        if (r == LZMA_OK && s.avail_out == 0) {
            if (cap >= max_out) {
                free(buf);
                lzma_end(&s);
                return ep_fail(err, "%s: decompresses to more than %zu MiB: not a symbol table", label, max_out >> 20);
            }
            size_t used = cap;
            cap = cap * 2 > max_out ? max_out : cap * 2;
            uint8_t *b2 = realloc(buf, cap + 1);
            if (!b2) {
                free(buf);
                lzma_end(&s);
                return ep_fail(err, "%s: out of memory", label);
            }
            buf = b2;
            s.next_out = buf + used;
            s.avail_out = cap - used;
            continue;
        }
        if (r == LZMA_OK || r == LZMA_BUF_ERROR) {
            free(buf);
            lzma_end(&s);
            return ep_fail(err, "%s: truncated xz data", label);
        }
        free(buf);
        lzma_end(&s);
        return ep_fail(err, "%s: corrupt xz data (liblzma error %d)", label, (int)r);
    }
    *out_len = cap - s.avail_out;
    buf[*out_len] = 0;
    *out = buf;
    lzma_end(&s);
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
