/* Small helpers shared by the forge's builders: strings and times. */
#include "forge/forge_int.h"

#include <string.h>

#include "base/bytes.h"

size_t utf16_from_ascii(uint16_t *dst, size_t cap, const char *s)
{
    /* Scenario strings are UTF-8; decode to UTF-16 (BMP and surrogates). */
    size_t n = 0;
    const uint8_t *p = (const uint8_t *)s;
    while (*p && n + 1 < cap) {
        uint32_t cp = *p++;
        if (cp >= 0xC0 && cp < 0xE0 && (*p & 0xC0) == 0x80) {
            cp = ((cp & 0x1F) << 6) | (*p++ & 0x3F);
        } else if (cp >= 0xE0 && cp < 0xF0 && (p[0] & 0xC0) == 0x80 && (p[1] & 0xC0) == 0x80) {
            cp = ((cp & 0x0F) << 12) | ((uint32_t)(p[0] & 0x3F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if (cp >= 0xF0 && (p[0] & 0xC0) == 0x80 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            cp = ((cp & 0x07) << 18) | ((uint32_t)(p[0] & 0x3F) << 12) |
                 ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        } else if (cp >= 0x80) {
            cp = 0xFFFD;
        }
        if (cp >= 0x10000) {
            if (n + 2 >= cap)
                break;
            cp -= 0x10000;
            dst[n++] = (uint16_t)(0xD800 + (cp >> 10));
            dst[n++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        } else {
            dst[n++] = (uint16_t)cp;
        }
    }
    dst[n] = 0;
    return n;
}

void write_unicode_string(struct forge *f, uint64_t root, uint64_t us_va, uint64_t buf_va, const char *s)
{
    uint16_t w[1100];
    size_t n = utf16_from_ascii(w, ARRAY_LEN(w), s);
    vw(f, root, buf_va, w, (n + 1) * 2);
    uint8_t u[16] = {0};
    put16(u, (uint16_t)(n * 2));
    put16(u + 2, (uint16_t)(n * 2 + 2));
    put64(u + 8, buf_va);
    vw(f, root, us_va, u, 16);
}

void kernel_unicode_string(struct forge *f, uint64_t us_va, const char *s, const char tag[4])
{
    uint16_t w[1100];
    size_t n = utf16_from_ascii(w, ARRAY_LEN(w), s);
    uint64_t buf = pool_alloc(f, POOL_PAGED, (uint32_t)(n * 2 + 2), tag);
    write_unicode_string(f, f->sys_root, us_va, buf, s);
}

const char *path_basename(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            b = p + 1;
    return b;
}

uint64_t filetime_after(const struct forge *f, double seconds)
{
    if (seconds < 0)
        seconds = 0;
    return f->boot_time + (uint64_t)(seconds * 10000000.0);
}
