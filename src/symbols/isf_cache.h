/* Parsed symbol tables, cached.
 *
 * Parsing a 6 MB Windows kernel table (jansson, then the model) costs
 * ~0.3 CPU-s, more than everything else an analysis of a triage dump
 * does.  isf_load_cached() keeps a binary copy of the parsed model in the
 * cache directory (cachefile.h), one file per table, keyed by the table's
 * absolute path, device, inode, size, modification and change times; the
 * next load of the same unchanged file reads the copy in a few
 * milliseconds.  The copy is untrusted like any input: it must end in the
 * SHA-256 of everything before it, name this very file with this very
 * key, and parse strictly (every count, length, kind, bit range and
 * nesting depth checked, every byte accounted for); anything else and the
 * table is parsed again and the copy rewritten.  At most
 * ISF_CACHE_KEEP copies are kept (the oldest go).  Format:
 * isf_cache.c. */
#ifndef EPROC_SYMBOLS_ISF_CACHE_H
#define EPROC_SYMBOLS_ISF_CACHE_H

#include "symbols/isf.h"

#define ISF_CACHE_KEEP 8

enum isf_cache_use { ISF_CACHE_HIT, ISF_CACHE_MISS, ISF_CACHE_BAD };

/* isf_load_file(path) through the cache.  *use (may be NULL) says whether
 * the copy was used, absent, or stale/corrupt (then rewritten). */
struct isf *isf_load_cached(const char *path, enum isf_cache_use *use, struct ep_error *err);

/* The model as the cache stores it, and back (tests, the fuzzer):
 * isf_cache_encode returns a malloc'd buffer or NULL; isf_cache_decode
 * returns NULL for anything but a well-formed copy whose key is key. */
uint8_t *isf_cache_encode(const struct isf *isf, const char *key, size_t *len);
struct isf *isf_cache_decode(const uint8_t *data, size_t len, const char *key, const char *label);

#endif
