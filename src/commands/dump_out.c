#include "commands/dump_out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/number.h"
#include "base/safe_file.h"
#include "base/safe_name.h"
#include "base/sha256.h"
#include "commands/model_cmd.h"

const struct col_def dump_columns[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "kind", "Kind", COL_STR },
    { "address", "Address", COL_ADDR },
    { "size", "Size", COL_HEX },
    { "missing", "MissingBytes", COL_UINT },
    { "sha256", "SHA256", COL_STR },
    { "file", "File", COL_STR },
};
const unsigned dump_column_count = sizeof dump_columns / sizeof dump_columns[0];
enum { D_PID, D_PROC, D_KIND, D_ADDR, D_SIZE, D_MISSING, D_SHA, D_FILE };

struct dump_out {
    const char *dir;
    int force;
    int dirfd;
    FILE *manifest;
    int failed;
};

int dump_opts_parse(const struct command *cmd, int argc, char **argv, struct dump_opts *o)
{
    memset(o, 0, sizeof *o);
    o->rest_argv = calloc((size_t)argc + 1, sizeof *o->rest_argv);
    if (!o->rest_argv)
        abort();
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--force")) {
            o->force = 1;
        } else if (!strcmp(a, "--dump-dir") || !strcmp(a, "--base")) {
            if (i + 1 >= argc)
                return cmd_usage_error(cmd, "%s needs a value", a);
            const char *v = argv[++i];
            if (a[2] == 'd') {
                o->dir = v;
            } else if (number_parse(v, UINT64_MAX, &o->base) != 0) {
                return cmd_usage_error(cmd, "--base: not an address: %s", v);
            } else {
                o->has_base = 1;
            }
        } else {
            o->rest_argv[o->rest_argc++] = argv[i];
        }
    }
    if (o->dir && !o->dir[0])
        return cmd_usage_error(cmd, "--dump-dir needs a directory");
    return 0;
}

void dump_opts_free(struct dump_opts *o)
{
    free(o->rest_argv);
    o->rest_argv = NULL;
}

/* Create name inside the directory (base/safe_file.c): never through a
 * symlink, never over an existing file unless forced (and then only a
 * regular file). */
static int create_in(struct dump_out *d, const char *name, struct ep_error *err)
{
    char shown[4096];
    snprintf(shown, sizeof shown, "%s/%s", d->dir, name);
    return safe_create_at(d->dirfd, name, shown, d->force ? SAFE_FILE_FORCE : 0, err);
}

struct dump_out *dump_out_open(const struct command *cmd, const struct dump_opts *o, int *rc)
{
    if (!o->dir) {               /* a dry run: the rows say what would be written */
        struct dump_out *d = calloc(1, sizeof *d);
        if (!d)
            abort();
        d->dirfd = -1;
        ep_info("%s: no --dump-dir: listing what would be written; nothing is written", cmd->name);
        return d;
    }
    int dirfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        fprintf(stderr, "eproc: %s: --dump-dir %s: %s\n", cmd->name, o->dir, strerror(errno));
        *rc = EP_EXIT_USAGE;
        return NULL;
    }
    struct dump_out *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->dir = o->dir;
    d->force = o->force;
    d->dirfd = dirfd;
    struct ep_error err = {{0}};
    int fd = create_in(d, "manifest.txt", &err);
    if (fd < 0 || !(d->manifest = fdopen(fd, "w"))) {
        int exists = fd < 0 && strstr(err.msg, "already exists") != NULL;
        if (fd < 0)
            fprintf(stderr, "eproc: %s: %s\n", cmd->name, err.msg);
        else
            fprintf(stderr, "eproc: %s: %s/manifest.txt: %s\n", cmd->name, o->dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        close(dirfd);
        free(d);
        *rc = exists ? EP_EXIT_USAGE : EP_EXIT_INPUT;
        return NULL;
    }
    fprintf(d->manifest, "# sha256 size source_address pid kind file\n");
    return d;
}

int dump_out_close(struct dump_out *d)
{
    if (!d)
        return EP_EXIT_OK;
    int bad = d->failed;
    if (d->manifest && fclose(d->manifest) != 0)
        bad = 1;
    if (d->dirfd >= 0)
        close(d->dirfd);
    free(d);
    return bad ? EP_EXIT_INPUT : EP_EXIT_OK;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

#define CHUNK (1u << 20)

int dump_memory(struct dump_out *d, struct table *t, const struct an_process *p, const char *kind,
                const char *label, const char *ext, uint64_t va, uint64_t len, dump_patch_fn patch,
                void *patch_arg)
{
    char safe[SAFE_NAME_MAX + 1], name[256];
    safe_name(safe, sizeof safe, label && label[0] ? label : p->name, SIZE_MAX);
    snprintf(name, sizeof name, "pid.%llu.%s.0x%llx.%s.%s", (unsigned long long)p->pid, kind,
             (unsigned long long)va, safe, ext);
    if (d->dirfd < 0) {
        table_add_row(t);
        model_cells_process(t, D_PID, D_PROC, p);
        cell_str(t, D_KIND, kind);
        cell_addr(t, D_ADDR, va);
        cell_addr(t, D_SIZE, len);
        cell_str(t, D_FILE, name);
        return 0;
    }
    if (len == 0 || len > DUMP_MAX_FILE || va + len < va) {
        ep_warn("%s/%s: not written: %llu bytes is not a size eproc dumps (limit %llu)", d->dir, name,
                (unsigned long long)len, (unsigned long long)DUMP_MAX_FILE);
        d->failed = 1;
        return -1;
    }
    struct ep_error err = {{0}};
    int fd = create_in(d, name, &err);
    if (fd < 0) {
        ep_warn("%s", err.msg);
        d->failed = 1;
        return -1;
    }
    uint8_t *buf = malloc(CHUNK);
    if (!buf)
        abort();
    struct sha256 h;
    sha256_init(&h);
    uint64_t missing = 0;
    int ok = 1;
    for (uint64_t off = 0; off < len && ok; off += CHUNK) {
        size_t n = len - off < CHUNK ? (size_t)(len - off) : CHUNK;
        /* page by page: a page the capture lacks is zeros */
        for (size_t at = 0; at < n;) {
            uint64_t cur = va + off + at;
            size_t want = (size_t)(0x1000 - (cur & 0xFFF));
            if (want > n - at)
                want = n - at;
            uint64_t got = p->vas ? vas_read(p->vas, cur, buf + at, want, NULL) : 0;
            if (got < want) {
                memset(buf + at + got, 0, want - got);
                missing += want - got;
            }
            at += want;
        }
        if (patch)
            patch(patch_arg, off, buf, n);
        sha256_update(&h, buf, n);
        ok = write_all(fd, buf, n) == 0;
    }
    free(buf);
    if (close(fd) != 0)
        ok = 0;
    if (!ok) {
        ep_warn("%s/%s: write failed: %s", d->dir, name, strerror(errno));
        d->failed = 1;
        return -1;
    }
    char hex[65];
    sha256_hex(&h, hex);
    fprintf(d->manifest, "%s %llu 0x%llx %llu %s %s\n", hex, (unsigned long long)len, (unsigned long long)va,
            (unsigned long long)p->pid, kind, name);
    table_add_row(t);
    model_cells_process(t, D_PID, D_PROC, p);
    cell_str(t, D_KIND, kind);
    cell_addr(t, D_ADDR, va);
    cell_addr(t, D_SIZE, len);
    cell_uint(t, D_MISSING, missing);
    cell_str(t, D_SHA, hex);
    cell_str(t, D_FILE, name);
    return 0;
}
