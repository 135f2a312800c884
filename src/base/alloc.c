#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *ep_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    return p;
}

char *ep_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = ep_calloc(n, 1);
    memcpy(p, s, n);
    return p;
}
