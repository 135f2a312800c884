/* Allocations that live as long as one anatomy (from_image_kernel.h). */
#include <stdlib.h>
#include <string.h>

#include "anatomy/from_image_kernel.h"
#include "anatomy/walk.h"

struct an_store {
    struct an_store *next;
    _Alignas(16) unsigned char data[];
};

void *an_store_alloc(struct an_store **s, size_t n)
{
    struct an_store *b = ep_calloc(1, sizeof *b + n + 1);
    b->next = *s;
    *s = b;
    return b->data;
}

char *an_store_strdup(struct an_store **s, const char *text)
{
    size_t n = strlen(text);
    char *d = an_store_alloc(s, n + 1);
    memcpy(d, text, n + 1);
    return d;
}

void an_store_free(struct an_store *s)
{
    while (s) {
        struct an_store *next = s->next;
        free(s);
        s = next;
    }
}
