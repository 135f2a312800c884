#include "windows/ptrset.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(uint64_t v, size_t cap)
{
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdull;     /* murmur3 finaliser: spreads aligned pointers */
    v ^= v >> 33;
    return (size_t)v & (cap - 1);
}

void ptrset_init(struct ptrset *s)
{
    memset(s, 0, sizeof *s);
}

void ptrset_free(struct ptrset *s)
{
    free(s->slots);
    memset(s, 0, sizeof *s);
}

static int grow(struct ptrset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 256;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++) {
        uint64_t v = s->slots[i];
        if (!v)
            continue;
        size_t j = slot_of(v, cap);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = v;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int ptrset_has(const struct ptrset *s, uint64_t v)
{
    if (v == 0)
        return s->has_zero;
    if (!s->cap)
        return 0;
    for (size_t j = slot_of(v, s->cap);; j = (j + 1) & (s->cap - 1)) {
        if (s->slots[j] == v)
            return 1;
        if (!s->slots[j])
            return 0;
    }
}

int ptrset_add(struct ptrset *s, uint64_t v)
{
    if (v == 0) {
        int added = !s->has_zero;
        s->has_zero = 1;
        return added;
    }
    if (ptrset_has(s, v))
        return 0;
    if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
        return -1;
    size_t j = slot_of(v, s->cap);
    while (s->slots[j])
        j = (j + 1) & (s->cap - 1);
    s->slots[j] = v;
    s->n++;
    return 1;
}
