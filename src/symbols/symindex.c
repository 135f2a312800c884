/* The symbol-directory index and its cache (symindex.h).
 *
 * Cache file, text, one record per line:
 *   eproc-symindex 1 NAMES-HASH
 *   F SIZE MTIME-SEC MTIME-NSEC PATH        a table, then its facts:
 *   M GUID AGE MACHINE                      metadata
 *   S NAME ADDRESS                          one per wanted symbol it defines
 *   E MESSAGE                               or: why it could not be read
 *   sum SHA256                              of every byte before this line
 * NAMES-HASH names the list of wanted symbols, so an eproc that compares
 * other symbols does not use an index built for fewer. */
#include "base/progress.h"
#include "symbols/symindex.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sha256.h"
#include "base/sort.h"
#include "symbols/cachefile.h"

#define MAGIC "eproc-symindex 1"
/* 10,000 tables (symdir.c's bound) x ~100 symbols x ~60 bytes. */
#define MAX_CACHE_BYTES (64u << 20)
#define MAX_WORKERS 16
#define MAX_SYMFILES_IN_INDEX 10000u     /* symdir.c lists at most that many */

struct file_key {
    char *real;                  /* the absolute path: the same table from any working directory */
    uint64_t size;
    int64_t sec;
    long nsec;
    int ok;                      /* stat() worked and the path can be stored */
};

static void key_of(const char *path, struct file_key *k)
{
    struct stat st;
    memset(k, 0, sizeof *k);
    k->real = realpath(path, NULL);
    if (!k->real || stat(k->real, &st) != 0 || strchr(k->real, '\n'))
        return;
    k->size = (uint64_t)st.st_size;
    k->sec = (int64_t)st.st_mtim.tv_sec;
    k->nsec = st.st_mtim.tv_nsec;
    k->ok = 1;
}

static void names_hash(const char *const *names, unsigned nnames, char out[17])
{
    struct sha256 h;
    char hex[65];
    sha256_init(&h);
    for (unsigned i = 0; i < nnames; i++)
        sha256_update(&h, names[i], strlen(names[i]) + 1);
    sha256_hex(&h, hex);
    memcpy(out, hex, 16);
    out[16] = 0;
}

/* One cache file per set of tables and wanted names. */
static int cache_path(const struct file_key *keys, unsigned nkeys, const char *const *names, unsigned nnames,
                      char *buf, size_t n)
{
    char dir[4096], nh[17], hex[65];
    if (cachefile_dir(dir, sizeof dir) != 0)
        return -1;
    struct sha256 h;
    sha256_init(&h);
    names_hash(names, nnames, nh);
    sha256_update(&h, nh, 16);
    for (unsigned i = 0; i < nkeys; i++)
        if (keys[i].real)
            sha256_update(&h, keys[i].real, strlen(keys[i].real) + 1);
    sha256_hex(&h, hex);
    hex[24] = 0;
    int w = snprintf(buf, n, "%s/symindex-%s", dir, hex);
    return w > 0 && (size_t)w < n ? 0 : -1;
}

/* --- reading the cache --- */

struct cached {
    char *path;
    struct file_key key;
    struct isf_symbols *syms;
    char *error;
};

struct cache {
    struct cached *items;
    unsigned n, cap;
};

static void cache_free(struct cache *c)
{
    for (unsigned i = 0; i < c->n; i++) {
        free(c->items[i].path);
        isf_symbols_free(c->items[i].syms);
        free(c->items[i].error);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct sym_addr *)a)->name, ((const struct sym_addr *)b)->name);
}

static int parse_u64(const char *s, int base, uint64_t *out, const char **end)
{
    char *e;
    if (!((*s >= '0' && *s <= '9') || (base == 16 && ((*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))))
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &e, base);
    if (errno || e == s)
        return -1;
    *out = v;
    *end = e;
    return 0;
}

static int wanted(const char *name, const char *const *names, unsigned nnames)
{
    for (unsigned i = 0; i < nnames; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

/* Parse one line (NUL-terminated, no newline) into c.  -1: corrupt. */
static int parse_line(char *line, struct cache *c, const char *const *names, unsigned nnames)
{
    const char *p = line + 2, *e;
    struct cached *cur = c->n ? &c->items[c->n - 1] : NULL;
    if (line[0] == 'F' && line[1] == ' ') {
        uint64_t size, sec, nsec;
        if (parse_u64(p, 10, &size, &e) || *e != ' ' || parse_u64(e + 1, 10, &sec, &e) || *e != ' ' ||
            parse_u64(e + 1, 10, &nsec, &e) || *e != ' ' || !e[1] || nsec >= 1000000000u || sec > INT64_MAX)
            return -1;
        if (c->n >= MAX_SYMFILES_IN_INDEX)
            return -1;
        if (c->n == c->cap) {
            unsigned cap = c->cap ? c->cap * 2 : 64;
            struct cached *items = realloc(c->items, cap * sizeof *items);
            if (!items)
                return -1;
            c->items = items;
            c->cap = cap;
        }
        struct cached *it = &c->items[c->n++];
        memset(it, 0, sizeof *it);
        it->path = strdup(e + 1);
        it->key = (struct file_key){ NULL, size, (int64_t)sec, (long)nsec, 1 };
        return it->path ? 0 : -1;
    }
    if (!cur)
        return -1;
    if (line[0] == 'M' && line[1] == ' ') {
        uint64_t age, machine;
        if (cur->syms || cur->error || strlen(p) < 33 || p[32] != ' ')
            return -1;
        for (int i = 0; i < 32; i++)
            if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' && p[i] <= 'F')))
                return -1;
        if (parse_u64(p + 33, 10, &age, &e) || *e != ' ' || parse_u64(e + 1, 10, &machine, &e) || *e ||
            age > UINT32_MAX || machine > UINT32_MAX)
            return -1;
        cur->syms = calloc(1, sizeof *cur->syms);
        if (!cur->syms)
            return -1;
        memcpy(cur->syms->guid, p, 32);
        cur->syms->age = (uint32_t)age;
        cur->syms->machine_type = (uint32_t)machine;
        return 0;
    }
    if (line[0] == 'S' && line[1] == ' ') {
        struct isf_symbols *s = cur->syms;
        const char *sp = strchr(p, ' ');
        uint64_t addr;
        if (!s || !sp || sp == p || parse_u64(sp + 1, 16, &addr, &e) || *e || s->n >= nnames)
            return -1;
        char *name = strndup(p, (size_t)(sp - p));
        if (!name)
            return -1;
        if (!wanted(name, names, nnames)) {
            free(name);
            return -1;
        }
        if (s->n == 0 && !(s->syms = calloc(nnames, sizeof *s->syms))) {
            free(name);
            return -1;
        }
        s->syms[s->n++] = (struct sym_addr){ name, addr };
        return 0;
    }
    if (line[0] == 'E' && line[1] == ' ') {
        if (cur->syms || cur->error || !(cur->error = strdup(p)))
            return -1;
        return 0;
    }
    return -1;
}

/* Read and check the cache file; 0 with c filled, -1 when absent, -2
 * when corrupt. */
static int cache_read(const char *path, const char *const *names, unsigned nnames, struct cache *c)
{
    char *text;
    size_t len;
    int rc = cachefile_text_read(path, MAX_CACHE_BYTES, &text, &len);
    if (rc != 0)
        return rc;
    char head[64], nh[17];
    names_hash(names, nnames, nh);
    snprintf(head, sizeof head, "%s %s\n", MAGIC, nh);
    if (strncmp(text, head, strlen(head)) != 0)
        rc = -2;
    for (char *line = text + strlen(head), *stop = text + len; rc == 0 && line < stop;) {
        char *nl = memchr(line, '\n', (size_t)(stop - line));
        if (!nl) {
            rc = -2;
            break;
        }
        *nl = 0;
        if (nl - line < 2 || parse_line(line, c, names, nnames) != 0)
            rc = -2;
        line = nl + 1;
    }
    for (unsigned i = 0; rc == 0 && i < c->n; i++) {
        if (!c->items[i].syms && !c->items[i].error)
            rc = -2;                 /* a table with neither facts nor error */
        else if (c->items[i].syms && c->items[i].syms->n)
            sort_items(c->items[i].syms->syms, c->items[i].syms->n, sizeof *c->items[i].syms->syms, by_name);
    }
    free(text);
    if (rc != 0)
        cache_free(c);
    return rc;
}

/* --- building entries --- */

struct scan_job {
    struct symindex_entry *out;
    const unsigned *todo;
    unsigned ntodo, next;
    pthread_mutex_t lock;
    const char *const *names;
    unsigned nnames;
};

static void *scan_worker(void *arg)
{
    struct scan_job *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        unsigned t = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (t >= j->ntodo)
            return NULL;
        struct symindex_entry *e = &j->out[j->todo[t]];
        struct ep_error err = {{0}};
        e->syms = isf_symbols_load_wanted(e->file->path, j->names, j->nnames, &err);
        if (!e->syms)
            snprintf(e->error, sizeof e->error, "%s", err.msg[0] ? err.msg : "unreadable symbol table");
        progress_add(1);
    }
}

/* Read the tables listed in todo, on all cores: each is several MB of
 * compressed JSON. */
static void scan_tables(struct symindex_entry *out, const unsigned *todo, unsigned ntodo,
                        const char *const *names, unsigned nnames)
{
    struct scan_job job = { out, todo, ntodo, 0, PTHREAD_MUTEX_INITIALIZER, names, nnames };
    progress_begin("reading symbol tables to choose one", ntodo);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = (unsigned)(cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : cpus);
    if (n > ntodo)
        n = ntodo;
    pthread_t th[MAX_WORKERS];
    unsigned started = 0;
    for (unsigned i = 1; i < n; i++)
        if (pthread_create(&th[started], NULL, scan_worker, &job) == 0)
            started++;
    scan_worker(&job);
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    progress_end();
}

/* --- writing the cache --- */

/* Write the index for entries whose key is known; atomically (a temporary
 * file renamed over the old one), so a concurrent eproc reads the old or
 * the new cache, never half of one.  Failures are silent: the cache only
 * saves time. */
static void cache_write(const char *path, const struct symindex_entry *e, const struct file_key *keys, unsigned n,
                        const char *const *names, unsigned nnames)
{
    char nh[17];
    struct cachefile_text t = { .max = MAX_CACHE_BYTES };
    names_hash(names, nnames, nh);
    cachefile_text_put(&t, "%s %s\n", MAGIC, nh);
    for (unsigned i = 0; i < n; i++) {
        if (!keys[i].ok)
            continue;
        cachefile_text_put(&t, "F %" PRIu64 " %" PRId64 " %ld %s\n", keys[i].size, keys[i].sec, keys[i].nsec, keys[i].real);
        if (e[i].syms) {
            cachefile_text_put(&t, "M %s %" PRIu32 " %" PRIu32 "\n", e[i].syms->guid, e[i].syms->age, e[i].syms->machine_type);
            for (size_t s = 0; s < e[i].syms->n; s++)
                cachefile_text_put(&t, "S %s %" PRIx64 "\n", e[i].syms->syms[s].name, e[i].syms->syms[s].address);
        } else {
            char msg[sizeof e[i].error];
            snprintf(msg, sizeof msg, "%s", e[i].error[0] ? e[i].error : "unreadable symbol table");
            for (char *q = msg; *q; q++)
                if (*q == '\n' || *q == '\r')
                    *q = ' ';
            cachefile_text_put(&t, "E %s\n", msg);
        }
    }
    cachefile_text_seal_write(path, &t);
}

/* --- the index --- */

static int same_key(const struct file_key *a, const struct file_key *b)
{
    return a->ok && b->ok && a->size == b->size && a->sec == b->sec && a->nsec == b->nsec;
}

int symindex_load(const struct symfile_list *list, const char *const *names, unsigned nnames, int no_cache,
                  struct symindex_entry *out, struct symindex_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    unsigned n = list->n;
    if (n == 0)
        return 0;
    struct file_key *keys = calloc(n, sizeof *keys);
    unsigned *todo = calloc(n, sizeof *todo);
    if (!keys || !todo) {
        free(keys);
        free(todo);
        return -1;
    }
    for (unsigned i = 0; i < n; i++)
        key_of(list->files[i].path, &keys[i]);
    char path[4300];
    int have_path = cache_path(keys, n, names, nnames, path, sizeof path) == 0;
    struct cache c = { 0 };
    int rc = have_path && !no_cache ? cache_read(path, names, nnames, &c) : -1;
    stats->cache_state = rc == 0 ? 1 : rc == -2 ? -1 : 0;
    unsigned ntodo = 0;
    for (unsigned i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].file = &list->files[i];
        const struct cached *hit = NULL;
        for (unsigned j = 0; j < c.n && !hit; j++)
            if (same_key(&c.items[j].key, &keys[i]) && strcmp(c.items[j].path, keys[i].real) == 0)
                hit = &c.items[j];
        if (hit && hit->syms) {
            out[i].syms = hit->syms;
            c.items[hit - c.items].syms = NULL;      /* moved */
            stats->from_cache++;
        } else if (hit) {
            snprintf(out[i].error, sizeof out[i].error, "%s", hit->error);
            stats->from_cache++;
        } else {
            todo[ntodo++] = i;
        }
    }
    int stale = c.n != stats->from_cache;             /* entries for tables no longer there */
    cache_free(&c);
    if (ntodo)
        scan_tables(out, todo, ntodo, names, nnames);
    stats->scanned = ntodo;
    if (ntodo && stats->cache_state == 1)
        stats->cache_state = -1;
    if (have_path && (ntodo || stale || stats->cache_state != 1))
        cache_write(path, out, keys, n, names, nnames);
    for (unsigned i = 0; i < n; i++)
        free(keys[i].real);
    free(keys);
    free(todo);
    return 0;
}

void symindex_entries_free(struct symindex_entry *e, unsigned n)
{
    for (unsigned i = 0; e && i < n; i++)
        isf_symbols_free(e[i].syms);
}

void symindex_forget(const struct symfile_list *list, const char *const *names, unsigned nnames)
{
    char path[4300];
    struct file_key *keys = calloc(list->n ? list->n : 1, sizeof *keys);
    if (!keys)
        return;
    for (unsigned i = 0; i < list->n; i++)
        key_of(list->files[i].path, &keys[i]);
    if (cache_path(keys, list->n, names, nnames, path, sizeof path) == 0)
        unlink(path);
    for (unsigned i = 0; i < list->n; i++)
        free(keys[i].real);
    free(keys);
}

void symindex_files_digest(const struct symfile_list *list, char hex[65])
{
    struct sha256 h;
    sha256_init(&h);
    for (unsigned i = 0; i < list->n; i++) {
        const struct symfile *f = &list->files[i];
        struct file_key k;
        char line[4400];
        key_of(f->path, &k);
        /* the path as given too: an exact choice's reason quotes it */
        int w = snprintf(line, sizeof line, "%s %s %d %" PRIu64 " %" PRId64 " %ld %s %s %" PRIu32 " %" PRIu32
                         " %" PRIu32, f->path, k.real ? k.real : "-", k.ok, k.size, k.sec, k.nsec, f->pdb_name, f->guid,
                         f->age, f->build, f->revision);
        sha256_update(&h, line, w > 0 ? strlen(line) + 1 : 0);
        free(k.real);
    }
    sha256_hex(&h, hex);
}
