/* Allocation that cannot fail quietly.  Every count passed here is capped
 * by its caller (docs/hostile-input.md), so running out of memory is the
 * host's problem, not the input's: say so on stderr and abort rather than
 * thread a NULL through every walker. */
#ifndef EPROC_BASE_ALLOC_H
#define EPROC_BASE_ALLOC_H

#include <stddef.h>

/* calloc(n ? n : 1, size ? size : 1), never NULL. */
void *ep_calloc(size_t n, size_t size);
/* A copy of s, never NULL. */
char *ep_strdup(const char *s);

#endif
