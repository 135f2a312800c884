#include "base/cp1252.h"

#include <string.h>

/* Bytes 0x80-0x9F; every other byte is the code point of the same value
 * (ASCII, and Latin-1 for 0xA0-0xFF).  Source: the Unicode Consortium's
 * mapping file MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT.  0 marks the
 * five undefined bytes. */
static const uint16_t high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,   /* 0x80 */
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,        /* 0x88 */
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,   /* 0x90 */
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,   /* 0x98 */
};

int cp1252_undefined(uint8_t byte)
{
    return byte >= 0x80 && byte < 0xA0 && high[byte - 0x80] == 0;
}

uint32_t cp1252_code_point(uint8_t byte)
{
    if (byte < 0x80 || byte >= 0xA0 || cp1252_undefined(byte))
        return byte;
    return high[byte - 0x80];
}

char *utf8_from_cp1252(char *dst, size_t dstsz, const void *src, size_t n)
{
    const uint8_t *s = src;
    size_t pos = 0;
    if (dstsz == 0)
        return dst;
    for (size_t i = 0; i < n && s[i]; i++) {
        uint32_t cp = cp1252_code_point(s[i]);     /* at most U+2122: 1-3 bytes */
        char u[3];
        size_t len;
        if (cp < 0x80) {
            u[0] = (char)cp; len = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xc0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3f)); len = 2;
        } else {
            u[0] = (char)(0xe0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
            u[2] = (char)(0x80 | (cp & 0x3f)); len = 3;
        }
        if (pos + len >= dstsz)
            break;                  /* full: stop at a character boundary */
        memcpy(dst + pos, u, len);
        pos += len;
    }
    dst[pos] = 0;
    return dst;
}

static uint8_t encode_one(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (uint8_t)cp;
    for (unsigned i = 0; i < 32; i++)
        if (high[i] ? high[i] == cp : cp == 0x80 + i)
            return (uint8_t)(0x80 + i);
    return '?';
}

size_t cp1252_from_utf8(uint8_t *dst, size_t cap, const char *utf8)
{
    const uint8_t *p = (const uint8_t *)utf8;
    size_t n = 0;
    while (*p && n < cap) {
        uint32_t cp = *p;
        unsigned len = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : (cp & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0) {                  /* not UTF-8: no character */
            dst[n++] = '?';
            p++;
            continue;
        }
        cp = len == 1 ? cp : cp & (0x3F >> (len - 1));
        unsigned k = 1;
        for (; k < len && (p[k] & 0xC0) == 0x80; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        if (k < len) {                   /* truncated sequence */
            dst[n++] = '?';
            p += k;
            continue;
        }
        dst[n++] = encode_one(cp);
        p += len;
    }
    return n;
}
