#include "base/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/bytes.h"

size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    uint8_t c = s[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xe0) == 0xc0) { v = c & 0x1f; len = 2; }
    else if ((c & 0xf0) == 0xe0) { v = c & 0x0f; len = 3; }
    else if ((c & 0xf8) == 0xf0) { v = c & 0x07; len = 4; }
    else return 0;
    if (len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3f);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
        (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

int text_cp_unsafe(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/* Encode cp (any value below 0x110000, surrogates included: that is the
 * WTF-8 form) into out; returns its length. */
static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Append len bytes if they fit with room for the NUL; else leave pos. */
static int put(char *dst, size_t *pos, size_t dstsz, const char *s, size_t len)
{
    if (*pos + len >= dstsz)
        return -1;
    memcpy(dst + *pos, s, len);
    *pos += len;
    return 0;
}

char *text_from_bytes(char *dst, size_t dstsz, const void *src, size_t n)
{
    const uint8_t *s = src;
    size_t pos = 0, i = 0;
    if (dstsz == 0)
        return dst;
    while (i < n && s[i]) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            len = 1;                  /* not UTF-8: one raw byte */
        if (put(dst, &pos, dstsz, (const char *)s + i, len))
            break;                    /* full: stop on a character boundary */
        i += len;
    }
    dst[pos] = 0;
    return dst;
}

char *text_from_utf16le(char *dst, size_t dstsz, const void *src, size_t nbytes)
{
    const uint8_t *s = src;
    size_t pos = 0, i = 0;
    if (dstsz == 0)
        return dst;
    while (i + 1 < nbytes) {
        uint32_t u = le16(s + i);
        if (u == 0)
            break;
        i += 2;
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < nbytes) {
            uint32_t lo = le16(s + i);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        /* a lone surrogate is kept as its WTF-8 form (see text.h) */
        char tmp[4];
        if (put(dst, &pos, dstsz, tmp, utf8_encode(u, tmp)))
            break;
    }
    dst[pos] = 0;
    return dst;
}

char *text_escape(char *dst, size_t dstsz, const char *src, size_t n)
{
    const uint8_t *s = (const uint8_t *)src;
    size_t pos = 0, i = 0;
    if (dstsz == 0)
        return dst;
    while (i < n && s[i]) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        char tmp[8];
        size_t tlen;
        if (len == 0 || cp < 0x20 || cp == 0x7f) {
            tlen = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", s[i]);
            len = 1;
        } else if (text_cp_unsafe(cp)) {
            tlen = (size_t)snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)cp);
        } else {
            memcpy(tmp, s + i, len);
            tlen = len;
        }
        if (put(dst, &pos, dstsz, tmp, tlen))
            break;
        i += len;
    }
    dst[pos] = 0;
    return dst;
}

int text_is_utf8(const char *s, size_t n)
{
    const uint8_t *u = (const uint8_t *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (len == 0)
            return 0;
        i += len;
    }
    return 1;
}

char *text_utf8_lossy(char *dst, size_t dstsz, const char *src, size_t n)
{
    const uint8_t *s = (const uint8_t *)src;
    size_t pos = 0;
    if (dstsz == 0)
        return dst;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        const char *piece = (const char *)s + i;
        size_t plen = len;
        if (len == 0) {
            piece = "\xef\xbf\xbd";   /* U+FFFD REPLACEMENT CHARACTER */
            plen = 3;
            len = 1;
        }
        if (put(dst, &pos, dstsz, piece, plen))
            break;
        i += len;
    }
    dst[pos] = 0;
    return dst;
}

/* 100 ns ticks between 1601-01-01 and 1970-01-01. */
#define FILETIME_UNIX_EPOCH 116444736000000000ULL

int filetime_to_iso(uint64_t ft, char out[40])
{
    out[0] = 0;
    /* 0x7fff35f4f06c7fff is 30827-12-31, the largest SYSTEMTIME year. */
    if (ft == 0 || ft > 0x7fff35f4f06c7fffULL)
        return -1;
    int64_t secs = (int64_t)(ft / 10000000ULL) - (int64_t)(FILETIME_UNIX_EPOCH / 10000000ULL);
    unsigned frac = (unsigned)((ft % 10000000ULL) / 10);
    time_t t = (time_t)secs;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return -1;
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
    snprintf(out, 40, "%.39s", tmp);
    return 0;
}

void guid_to_hex(const uint8_t g[16], char out[33])
{
    snprintf(out, 33, "%08X%04X%04X%02X%02X%02X%02X%02X%02X%02X%02X",
             le32(g), le16(g + 4), le16(g + 6), g[8], g[9], g[10], g[11], g[12],
             g[13], g[14], g[15]);
}
