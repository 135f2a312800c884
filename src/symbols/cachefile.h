/* Files in eproc's cache directory ($XDG_CACHE_HOME/eproc, else
 * $HOME/.cache/eproc): the symbol-directory index (symindex.c) and the
 * parsed symbol tables (isf_cache.c).  A cache only saves time, so every
 * failure here is silent, and everything read back is untrusted input:
 * each file ends in the SHA-256 of the bytes before it and is parsed
 * strictly by its reader. */
#ifndef EPROC_SYMBOLS_CACHEFILE_H
#define EPROC_SYMBOLS_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

/* The cache directory into buf; -1 when neither variable gives an
 * absolute path. */
int cachefile_dir(char *buf, size_t n);

/* Write data to path atomically (a temporary file renamed over the old
 * one, the directory made if needed): a concurrent eproc reads the old
 * file or the new one, never half of one.  -1 on any failure. */
int cachefile_write(const char *path, const void *data, size_t len);

/* The whole regular file at path (at most max bytes, never through a
 * symbolic link) into a malloc'd buffer with a NUL after it.  -1 when
 * absent, -2 when unreadable, empty or too large. */
int cachefile_read(const char *path, size_t max, char **data, size_t *len);

/* Keep at most keep files whose names start with prefix in the cache
 * directory: the oldest (modification time) are removed. */
void cachefile_trim(const char *prefix, unsigned keep);

#endif
