/* Files in eproc's cache directory ($XDG_CACHE_HOME/eproc, else
 * $HOME/.cache/eproc): the symbol-directory index (symindex.c), the
 * parsed symbol tables (isf_cache.c) and the per-capture symbol choices
 * (choicecache.c).  A cache only saves time, so every
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

/* A file's identity as a cache key: "DEV INO SIZE MTIME CTIME PATH"
 * (times in ns, PATH absolute, symbolic links resolved) into key, the
 * absolute path into real (may be NULL).  -1 when the file is not a
 * regular file or a buffer is too small. */
int cachefile_identity(const char *path, char *key, size_t n, char *real, size_t real_n);

/* Text cache files: lines built with cachefile_text_put, then sealed with
 * a last line "sum SHA256\n" (of every byte before it) and written. */
struct cachefile_text {
    char *p;
    size_t n, cap;
    size_t max;                  /* the most the file may hold */
    int failed;                  /* out of memory or over max: nothing is written */
};
void cachefile_text_put(struct cachefile_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Seal and write t to path (cachefile_write); frees t's buffer.  -1 on
 * any failure. */
int cachefile_text_seal_write(const char *path, struct cachefile_text *t);
/* Read a sealed text file (at most max bytes): 0 with *text (malloc'd)
 * holding the *body_len bytes before the checksum line, NUL-terminated;
 * -1 when absent; -2 when unreadable, holding a NUL byte, without its
 * checksum line or with a checksum that does not match. */
int cachefile_text_read(const char *path, size_t max, char **text, size_t *body_len);

/* Keep at most keep files whose names start with prefix in the cache
 * directory: the oldest (modification time) are removed. */
void cachefile_trim(const char *prefix, unsigned keep);

#endif
