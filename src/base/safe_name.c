#include "base/safe_name.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int keep(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '+';
}

/* Device names Windows reserves whatever the extension ("nul.txt" too):
 * files extracted by eproc are often copied to a Windows analysis box. */
static int windows_reserved(const char *name)
{
    static const char *const names[] = { "CON", "PRN", "AUX", "NUL" };
    size_t stem = strcspn(name, ".");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (stem == 3 && strncasecmp(name, names[i], 3) == 0)
            return 1;
    if (stem == 4 && (strncasecmp(name, "COM", 3) == 0 || strncasecmp(name, "LPT", 3) == 0) && name[3] >= '1' &&
        name[3] <= '9')
        return 1;
    return 0;
}

char *safe_name(char *dst, size_t dstsz, const char *src, size_t n)
{
    if (dstsz == 0)
        return dst;
    size_t max = dstsz - 1 < SAFE_NAME_MAX ? dstsz - 1 : SAFE_NAME_MAX;
    size_t pos = 0;
    for (size_t i = 0; src && i < n && src[i] && pos < max; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[pos++] = keep(c) ? (char)c : '_';
    }
    dst[pos] = 0;
    if (pos && (dst[0] == '.' || dst[0] == '-'))
        dst[0] = '_';
    if (pos == 0) {
        snprintf(dst, dstsz, "%s", "unnamed");
        return dst;
    }
    if (windows_reserved(dst)) {
        size_t stem = strcspn(dst, ".");
        if (pos < max) {             /* "nul.txt" -> "nul_.txt" */
            memmove(dst + stem + 1, dst + stem, pos - stem + 1);
            dst[stem] = '_';
        } else {
            dst[0] = '_';            /* no room: "_UL.txt" is not reserved either */
        }
    }
    return dst;
}

int safe_join(char *out, size_t outsz, const char *dir, const char *component)
{
    int n = snprintf(out, outsz, "%s/%s", dir, component);
    if (n < 0 || (size_t)n >= outsz) {
        if (outsz)
            out[0] = 0;
        return -1;
    }
    return 0;
}
