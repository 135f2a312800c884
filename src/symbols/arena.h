/* A bump allocator that owns every string and node of one symbol table, so
 * the whole table is freed at once and nothing leaks on a parse error. */
#ifndef EPROC_SYMBOLS_ARENA_H
#define EPROC_SYMBOLS_ARENA_H

#include <stddef.h>

struct isf_arena;

struct isf_arena *arena_new(void);
void arena_free(struct isf_arena *a);
/* Zeroed, 16-byte aligned; NULL only on out-of-memory. */
void *arena_alloc(struct isf_arena *a, size_t n);
char *arena_strdup(struct isf_arena *a, const char *s);

#endif
