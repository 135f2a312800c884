#include "base/number.h"

#include <string.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int number_parse_n(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    unsigned base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        n -= 2;
    }
    if (n == 0)
        return -1;
    uint64_t v = 0;
    int too_big = 0;
    for (size_t i = 0; i < n; i++) {
        int d = hex_digit(s[i]);
        if (d < 0 || (unsigned)d >= base)
            return -1;
        if (v > (UINT64_MAX - (unsigned)d) / base)
            too_big = 1;              /* keep checking the rest is digits */
        else
            v = v * base + (unsigned)d;
    }
    if (too_big || v > max)
        return -2;
    *out = v;
    return 0;
}

int number_parse(const char *s, uint64_t max, uint64_t *out)
{
    return number_parse_n(s, strlen(s), max, out);
}

int number_list_parse(const char *s, uint64_t max, uint64_t *out, unsigned cap, const char **bad_item,
                      size_t *bad_len)
{
    unsigned count = 0;
    const char *p = s;
    for (;;) {
        size_t len = strcspn(p, ",");
        *bad_item = p;
        *bad_len = len;
        if (count == cap)
            return -3;
        int rc = number_parse_n(p, len, max, &out[count]);
        if (rc)
            return rc;
        count++;
        if (!p[len])
            return (int)count;
        p += len + 1;
    }
}
