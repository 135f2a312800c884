/* Files in eproc's cache directory (cachefile.h). */
#include "symbols/cachefile.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sha256.h"

/* A cache directory holds a handful of files; this bounds the trim's walk. */
#define MAX_TRIM_SCAN 4096

int cachefile_dir(char *buf, size_t n)
{
    const char *x = getenv("XDG_CACHE_HOME");
    int w;
    if (x && x[0] == '/')
        w = snprintf(buf, n, "%s/eproc", x);
    else if ((x = getenv("HOME")) && x[0] == '/')
        w = snprintf(buf, n, "%s/.cache/eproc", x);
    else
        return -1;
    return w > 0 && (size_t)w < n ? 0 : -1;
}

static int mkdirs(const char *dir)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int cachefile_write(const char *path, const void *data, size_t len)
{
    char dir[4096], tmp[4200];
    if (cachefile_dir(dir, sizeof dir) != 0 || mkdirs(dir) != 0)
        return -1;
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
        return -1;
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (close(fd) != 0 || done != len || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int cachefile_read(const char *path, size_t max, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > max) {
        close(fd);
        return -2;
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *buf = malloc(n + 1);
    while (buf && got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != n) {
        free(buf);
        return -2;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return 0;
}

int cachefile_identity(const char *path, char *key, size_t n, char *real_out, size_t real_n)
{
    char *real = realpath(path, NULL);
    struct stat st;
    int rc = -1;
    if (real && !strchr(real, '\n') && stat(real, &st) == 0 && S_ISREG(st.st_mode)) {
        int w = snprintf(key, n, "%llu %llu %lld %lld.%09ld %lld.%09ld %s", (unsigned long long)st.st_dev,
                         (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                         st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec, real);
        int w2 = real_out ? snprintf(real_out, real_n, "%s", real) : 1;
        rc = w > 0 && (size_t)w < n && w2 > 0 && (!real_out || (size_t)w2 < real_n) ? 0 : -1;
    }
    free(real);
    return rc;
}

/* --- sealed text files --- */

#define SUM_LINE_LEN (4 + 64 + 1)        /* "sum " + hex + "\n" */

void cachefile_text_put(struct cachefile_text *t, const char *fmt, ...)
{
    for (int attempt = 0; attempt < 2 && !t->failed; attempt++) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(t->p ? t->p + t->n : NULL, t->p ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0) {
            t->failed = 1;
            return;
        }
        if (t->p && (size_t)w < t->cap - t->n) {
            t->n += (size_t)w;
            return;
        }
        size_t cap = t->cap ? t->cap : 4096;
        while (cap - t->n <= (size_t)w)
            cap *= 2;
        char *p = cap <= t->max ? realloc(t->p, cap) : NULL;
        if (!p) {
            t->failed = 1;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
}

int cachefile_text_seal_write(const char *path, struct cachefile_text *t)
{
    int rc = -1;
    if (!t->failed && t->p) {
        struct sha256 h;
        char hex[65];
        sha256_init(&h);
        sha256_update(&h, t->p, t->n);
        sha256_hex(&h, hex);
        cachefile_text_put(t, "sum %s\n", hex);
        if (!t->failed)
            rc = cachefile_write(path, t->p, t->n);
    }
    free(t->p);
    memset(t, 0, sizeof *t);
    return rc;
}

int cachefile_text_read(const char *path, size_t max, char **text, size_t *body_len)
{
    char *data;
    size_t len;
    int got = cachefile_read(path, max, &data, &len);
    if (got != 0)
        return got;
    size_t body = len - SUM_LINE_LEN;
    if (len <= SUM_LINE_LEN || memcmp(data + body, "sum ", 4) != 0 || data[len - 1] != '\n' ||
        memchr(data, 0, len) != NULL) {
        free(data);
        return -2;
    }
    struct sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, data, body);
    sha256_hex(&h, hex);
    if (memcmp(hex, data + body + 4, 64) != 0) {
        free(data);
        return -2;
    }
    data[body] = 0;
    *text = data;
    *body_len = body;
    return 0;
}

struct aged {
    char name[256];
    struct timespec mtime;
};

static int oldest_first(const void *a, const void *b)
{
    const struct timespec *x = &((const struct aged *)a)->mtime, *y = &((const struct aged *)b)->mtime;
    if (x->tv_sec != y->tv_sec)
        return x->tv_sec < y->tv_sec ? -1 : 1;
    return x->tv_nsec < y->tv_nsec ? -1 : x->tv_nsec > y->tv_nsec;
}

void cachefile_trim(const char *prefix, unsigned keep)
{
    char dir[4096];
    if (cachefile_dir(dir, sizeof dir) != 0)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct aged *files = NULL;
    size_t n = 0, cap = 0, plen = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_TRIM_SCAN) {
        struct stat st;
        if (strncmp(e->d_name, prefix, plen) != 0 || strchr(e->d_name, '.') ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            strlen(e->d_name) >= sizeof files->name)
            continue;
        if (n == cap) {
            size_t c = cap ? cap * 2 : 16;
            struct aged *p = realloc(files, c * sizeof *p);
            if (!p)
                break;
            files = p;
            cap = c;
        }
        memcpy(files[n].name, e->d_name, strlen(e->d_name) + 1);
        files[n++].mtime = st.st_mtim;
    }
    if (n > keep) {
        qsort(files, n, sizeof *files, oldest_first);
        for (size_t i = 0; i < n - keep; i++)
            unlinkat(dirfd(d), files[i].name, 0);
    }
    closedir(d);
    free(files);
}
