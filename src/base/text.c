#include "base/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/bytes.h"

/* Append one code point as UTF-8, or an escape for the unprintable. */
static size_t put_cp(char *dst, size_t pos, size_t dstsz, uint32_t cp)
{
    char tmp[8];
    size_t n;
    if (cp < 0x20 || cp == 0x7f) {
        n = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)cp);
    } else if (cp < 0x80) {
        tmp[0] = (char)cp; n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xc0 | (cp >> 6)); tmp[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xe0 | (cp >> 12)); tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        tmp[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
    } else {
        tmp[0] = (char)(0xf0 | (cp >> 18)); tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); tmp[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
    }
    if (pos + n >= dstsz)
        return pos;             /* no room: truncate at a character boundary */
    memcpy(dst + pos, tmp, n);
    return pos + n;
}

static size_t put_escape(char *dst, size_t pos, size_t dstsz, unsigned byte)
{
    char tmp[8];
    size_t n = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", byte & 0xff);
    if (pos + n >= dstsz)
        return pos;
    memcpy(dst + pos, tmp, n);
    return pos + n;
}

char *text_from_bytes(char *dst, size_t dstsz, const void *src, size_t n)
{
    const uint8_t *s = src;
    size_t pos = 0, i = 0;
    if (dstsz == 0)
        return dst;
    while (i < n && s[i] && pos + 1 < dstsz) {
        uint8_t c = s[i];
        uint32_t cp;
        size_t len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c & 0xe0) == 0xc0) { cp = c & 0x1f; len = 2; }
        else if ((c & 0xf0) == 0xe0) { cp = c & 0x0f; len = 3; }
        else if ((c & 0xf8) == 0xf0) { cp = c & 0x07; len = 4; }
        else { pos = put_escape(dst, pos, dstsz, c); i++; continue; }
        int ok = i + len <= n;
        for (size_t k = 1; ok && k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) ok = 0;
            else cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        /* Reject overlong forms, surrogates and out-of-range values. */
        if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                   (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
                   (cp >= 0xd800 && cp <= 0xdfff)))
            ok = 0;
        if (!ok) { pos = put_escape(dst, pos, dstsz, c); i++; continue; }
        pos = put_cp(dst, pos, dstsz, cp);
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
    while (i + 1 < nbytes && pos + 1 < dstsz) {
        uint32_t u = le16(s + i);
        if (u == 0)
            break;
        i += 2;
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < nbytes) {
            uint32_t lo = le16(s + i);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            } else {
                u = 0xfffd;
            }
        } else if (u >= 0xd800 && u <= 0xdfff) {
            u = 0xfffd;     /* lone surrogate */
        }
        pos = put_cp(dst, pos, dstsz, u);
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
