/* A set of 64-bit values (addresses) for bounded walks: every list, tree
 * and table walk remembers where it has been, so cycles end the walk. */
#ifndef EPROC_WINDOWS_PTRSET_H
#define EPROC_WINDOWS_PTRSET_H

#include <stddef.h>
#include <stdint.h>

struct ptrset {
    uint64_t *slots;      /* 0 = empty; value 0 is stored as a flag */
    size_t cap, n;
    int has_zero;
};

void ptrset_init(struct ptrset *s);
void ptrset_free(struct ptrset *s);
/* 1 if newly added, 0 if already present, -1 on allocation failure. */
int ptrset_add(struct ptrset *s, uint64_t v);
int ptrset_has(const struct ptrset *s, uint64_t v);

#endif
