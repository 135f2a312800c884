#include "base/safe_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Messages name the path; a 4,000-byte one is shortened so the message
 * stays one readable line. */
#define SHOWN_MAX 120

static const char *shown_path(const char *path, char *buf, size_t bufsz)
{
    size_t n = strlen(path);
    if (n <= SHOWN_MAX)
        return path;
    snprintf(buf, bufsz, "%.*s...%s (a %zu-byte path)", SHOWN_MAX / 2, path, path + n - SHOWN_MAX / 4, n);
    return buf;
}

static int fail_path(struct ep_error *err, const char *path, const char *problem, int e)
{
    char buf[SHOWN_MAX + 64];
    const char *p = shown_path(path, buf, sizeof buf);
    if (e)
        return ep_fail(err, "%s: %s: %s", p, problem, strerror(e));
    return ep_fail(err, "%s: %s", p, problem);
}

/* The length limits, before anything touches the file system. */
int safe_path_fits(const char *path, struct ep_error *err)
{
    size_t n = strlen(path);
    if (n == 0)
        return ep_fail(err, "empty output path");
    if (n >= PATH_MAX) {
        char buf[SHOWN_MAX + 64];
        return ep_fail(err, "%s: the path is %zu bytes, longer than this system allows (%d, PATH_MAX); "
                            "nothing written", shown_path(path, buf, sizeof buf), n, PATH_MAX - 1);
    }
    for (const char *c = path; *c;) {
        size_t len = strcspn(c, "/");
        if (len > NAME_MAX) {
            char buf[SHOWN_MAX + 64];
            return ep_fail(err, "%s: a name in the path is %zu bytes, longer than this system allows "
                                "(%d, NAME_MAX); nothing written", shown_path(path, buf, sizeof buf), len, NAME_MAX);
        }
        c += len;
        while (*c == '/')
            c++;
    }
    return 0;
}

/* Split path into its directory (opened, following the user's path) and
 * its last component.  Returns the directory descriptor or -1. */
static int open_parent(const char *path, const char **leaf, struct ep_error *err)
{
    if (safe_path_fits(path, err))
        return -1;
    size_t n = strlen(path);
    if (path[n - 1] == '/')
        return fail_path(err, path, "names a directory, not a file", 0);
    const char *slash = strrchr(path, '/');
    *leaf = slash ? slash + 1 : path;
    if (!strcmp(*leaf, ".") || !strcmp(*leaf, ".."))
        return fail_path(err, path, "names a directory, not a file", 0);
    char *dir;
    if (!slash)
        dir = strdup(".");
    else if (slash == path)
        dir = strdup("/");
    else
        dir = strndup(path, (size_t)(slash - path));
    if (!dir)
        return fail_path(err, path, "out of memory", 0);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int e = errno;
    free(dir);
    if (fd < 0)
        return fail_path(err, path, "cannot open its directory", e);
    return fd;
}

/* What is at dirfd/name now: 0 nothing, 1 a regular file, 2 a directory,
 * or -1 after filling err (a link, something else, or refused because it
 * exists and want_force is not set). */
static int existing(int dirfd, const char *name, const char *shown, unsigned flags, int want_dir,
                    struct ep_error *err)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return 0;
        return fail_path(err, shown, "cannot check it", errno);
    }
    if (S_ISLNK(st.st_mode))
        return fail_path(err, shown, "is a symbolic link: eproc does not write through links, "
                                     "not even with --force; remove it or choose another path", 0);
    if (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
        return fail_path(err, shown, want_dir ? "exists and is not a directory"
                                              : "exists and is not a regular file", 0);
    if (!(flags & SAFE_FILE_FORCE))
        return fail_path(err, shown, "already exists (use --force to replace it)", 0);
    return want_dir ? 2 : 1;
}

int safe_create_at(int dirfd, const char *name, const char *shown, unsigned flags, struct ep_error *err)
{
    int have = existing(dirfd, name, shown, flags, 0, err);
    if (have < 0)
        return -1;
    if (have == 1 && unlinkat(dirfd, name, 0) != 0 && errno != ENOENT)
        return fail_path(err, shown, "cannot replace it", errno);
    /* O_EXCL: whatever appeared since the check (a planted link included)
     * makes this fail rather than be written through. */
    int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail_path(err, shown, "cannot create", errno);
    return fd;
}

int safe_create(const char *path, unsigned flags, struct ep_error *err)
{
    const char *leaf;
    int dirfd = open_parent(path, &leaf, err);
    if (dirfd < 0)
        return -1;
    int fd = safe_create_at(dirfd, leaf, path, flags, err);
    close(dirfd);
    return fd;
}

FILE *safe_fopen(const char *path, unsigned flags, struct ep_error *err)
{
    int fd = safe_create(path, flags, err);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        fail_path(err, path, "cannot create", errno);
        close(fd);
    }
    return f;
}

/* mkdirat + open without following; an existing directory is accepted
 * only when allowed (always below a directory eproc just made its own). */
static int dir_at(int dirfd, const char *name, const char *shown, unsigned flags, struct ep_error *err)
{
    if (mkdirat(dirfd, name, 0755) != 0) {
        if (errno != EEXIST)
            return fail_path(err, shown, "cannot create the directory", errno);
        if (existing(dirfd, name, shown, flags, 1, err) < 0)
            return -1;
    }
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return fail_path(err, shown, "cannot open the directory", errno);
    return fd;
}

int safe_mkdir_chain(const char *path, const char *sub, unsigned flags, struct ep_error *err)
{
    const char *leaf;
    int parent = open_parent(path, &leaf, err);
    if (parent < 0)
        return -1;
    int fd = dir_at(parent, leaf, path, flags, err);
    close(parent);
    for (const char *c = sub ? sub : ""; fd >= 0 && *c;) {
        size_t len = strcspn(c, "/");
        char name[NAME_MAX + 1];
        if (len == 0 || len > NAME_MAX) {
            close(fd);
            return fail_path(err, path, "bad directory name below it", 0);
        }
        memcpy(name, c, len);
        name[len] = 0;
        /* Below a directory eproc created or was told to reuse, existing
         * entries are reused, but never through a link. */
        int next = dir_at(fd, name, path, flags | SAFE_FILE_FORCE, err);
        close(fd);
        fd = next;
        c += len;
        while (*c == '/')
            c++;
    }
    return fd;
}

int safe_path_check(const char *path, unsigned flags, int as_dir, struct ep_error *err)
{
    const char *leaf;
    int dirfd = open_parent(path, &leaf, err);
    if (dirfd < 0)
        return -1;
    int rc = existing(dirfd, leaf, path, flags, as_dir, err) < 0 ? -1 : 0;
    close(dirfd);
    return rc;
}

char *safe_path_join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}
