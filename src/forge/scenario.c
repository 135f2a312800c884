/* Scenario files (docs/scenario.md): strict JSON in, sc_* structures out.
 * Every error names the file and the key path, e.g.
 *   "attacks.json: key 'processes[2].pid': duplicate PID 1234". */
#include "forge/scenario.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/bytes.h"
#include "forge/forge.h"
#include "forge/forge_int.h"

int token_priv_bit(const char *name);   /* token.c */

#define MIN_MEMORY (128ULL << 20)
#define MAX_MEMORY (16ULL << 30)

struct pctx {
    const char *file;
    struct ep_error *err;
    char ums_key[64];            /* the first "ums": true (scenario ums_key) */
};

static int bad(struct pctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(struct pctx *c, const char *path, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ep_fail(c->err, "%s: key '%s': %s", c->file, path, msg);
}

static void join(char *out, size_t n, const char *base, const char *key)
{
    if (base[0])
        snprintf(out, n, "%s.%s", base, key);
    else
        snprintf(out, n, "%s", key);
}

static void joini(char *out, size_t n, const char *base, size_t i)
{
    snprintf(out, n, "%s[%zu]", base, i);
}

/* Reject keys not in the allowed list (NULL-terminated). */
static int only_keys(struct pctx *c, json_t *obj, const char *path, const char *const *allowed)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        int ok = 0;
        for (int i = 0; allowed[i]; i++)
            if (!strcmp(k, allowed[i]))
                ok = 1;
        if (!ok) {
            char p[512];
            join(p, sizeof p, path, k);
            return bad(c, p, "unknown key");
        }
    }
    return 0;
}

static int get_str(struct pctx *c, json_t *v, const char *path, char *out, size_t n)
{
    if (!json_is_string(v))
        return bad(c, path, "must be a string");
    const char *s = json_string_value(v);
    if (strlen(s) >= n)
        return bad(c, path, "longer than %zu characters", n - 1);
    memcpy(out, s, strlen(s) + 1);
    return 0;
}

/* Integer or "0x..." / decimal string. */
static int get_u64(struct pctx *c, json_t *v, const char *path, uint64_t *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < 0)
            return bad(c, path, "must not be negative");
        *out = (uint64_t)i;
        return 0;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        errno = 0;
        unsigned long long x = strtoull(s, &end, 0);
        if (!*s || *end || errno || s[0] == '-')
            return bad(c, path, "'%s' is not a number", s);
        *out = x;
        return 0;
    }
    return bad(c, path, "must be a number or a \"0x...\" string");
}

static int get_u32(struct pctx *c, json_t *v, const char *path, uint32_t *out, uint64_t max)
{
    uint64_t x;
    if (get_u64(c, v, path, &x))
        return -1;
    if (x > max)
        return bad(c, path, "%llu is out of range (at most %llu)", (unsigned long long)x,
                   (unsigned long long)max);
    *out = (uint32_t)x;
    return 0;
}

/* A PID or TID the scenario gives (what is "PID" or "thread ID"): a
 * multiple of 4 that Windows could hand out (not a multiple of 1024,
 * sc_cid_never_issued).  0 is left to the caller (absent or an error). */
static int get_cid(struct pctx *c, json_t *v, const char *path, const char *what, uint32_t *out)
{
    if (get_u32(c, v, path, out, 0xFFFFFFFCu))
        return -1;
    if (*out % 4)
        return bad(c, path, "%s %u is not a multiple of 4", what, *out);
    if (*out && sc_cid_never_issued(*out))
        return bad(c, path, "%s %u is a multiple of 1024, which Windows never hands out "
                   "(entry 0 of every PspCidTable page is reserved)", what, *out);
    return 0;
}

static int get_bool(struct pctx *c, json_t *v, const char *path, int *out)
{
    if (!json_is_boolean(v))
        return bad(c, path, "must be true or false");
    *out = json_is_true(v);
    return 0;
}

int forge_parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || errno || x < 0)
        return -1;
    uint64_t mul = 1;
    if (*end == 'K' || *end == 'k') { mul = 1ULL << 10; end++; }
    else if (*end == 'M' || *end == 'm') { mul = 1ULL << 20; end++; }
    else if (*end == 'G' || *end == 'g') { mul = 1ULL << 30; end++; }
    if (*end == 'i' && mul > 1) end++;
    if (*end == 'B' || *end == 'b') end++;
    if (*end)
        return -1;
    /* NaN, infinities and values past 2^64 have no uint64_t: converting
     * them is undefined behaviour (found by fuzz/fuzz_scenario). */
    double bytes = x * (double)mul;
    if (!(bytes < 18446744073709551616.0))
        return -1;
    *out = (uint64_t)bytes;
    return 0;
}

/* A size (docs/scenario.md "Values"): bytes as a number or a "0x..."
 * string, or a string with a K/M/G suffix ("512M"). */
static int get_size(struct pctx *c, json_t *v, const char *path, uint64_t *out)
{
    if (!json_is_string(v))
        return get_u64(c, v, path, out);
    if (forge_parse_size(json_string_value(v), out))
        return bad(c, path, "'%s' is not a size (e.g. 4096, \"0x1000\", \"512M\", \"4G\")",
                   json_string_value(v));
    return 0;
}

int sc_parse_iso_time(const char *s, uint64_t *ft)
{
    int Y, M, D, h, m;
    double sec;
    char z = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%lf%c", &Y, &M, &D, &h, &m, &sec, &z) != 7 || z != 'Z')
        return -1;
    if (Y < 1980 || Y > 2100 || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 ||
        sec < 0 || sec >= 61)
        return -1;
    struct tm tm = {0};
    tm.tm_year = Y - 1900; tm.tm_mon = M - 1; tm.tm_mday = D;
    tm.tm_hour = h; tm.tm_min = m; tm.tm_sec = (int)sec;
    time_t t = timegm(&tm);
    double frac = sec - (int)sec;
    *ft = (uint64_t)((int64_t)t + 11644473600LL) * 10000000ULL + (uint64_t)(frac * 1e7);
    return 0;
}

/* A time relative to boot: number of seconds, or ISO string. */
/* One of a fixed set of names (exact match).  The error names the key and
 * lists the accepted names, from the same table that maps them. */
struct choice {
    const char *name;
    int value;
};

static int get_choice(struct pctx *c, json_t *v, const char *path, const char *what, const struct choice *table,
                      size_t n, int *out)
{
    char s[40];
    if (get_str(c, v, path, s, sizeof s))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, table[i].name)) {
            *out = table[i].value;
            return 0;
        }
    char list[320] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", table[i].name);
    return bad(c, path, "unknown %s '%s' (%s)", what, s, list);
}

static const char *choice_name(const struct choice *table, size_t n, int value)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].value == value)
            return table[i].name;
    return "?";
}

static int get_offset(struct pctx *c, json_t *v, const char *path, const struct scenario *sc, double *out)
{
    if (json_is_number(v)) {
        double x = json_number_value(v);
        if (x < 0)
            return bad(c, path, "must not be negative (seconds after boot)");
        *out = x;
        return 0;
    }
    if (json_is_string(v)) {
        uint64_t ft;
        if (sc_parse_iso_time(json_string_value(v), &ft))
            return bad(c, path, "'%s' is not an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
                       json_string_value(v));
        if (ft < sc->boot_time)
            return bad(c, path, "is before machine.boot_time");
        *out = (double)(ft - sc->boot_time) / 1e7;
        return 0;
    }
    return bad(c, path, "must be seconds after boot or an ISO-8601 time");
}

static int get_ref(struct pctx *c, json_t *v, const char *path, struct sc_ref *r)
{
    memset(r, 0, sizeof *r);
    if (json_is_string(v) && json_string_value(v)[0] && !(json_string_value(v)[0] >= '0' && json_string_value(v)[0] <= '9'))
        return get_str(c, v, path, r->name, sizeof r->name);
    uint32_t pid = 0;
    if (get_u32(c, v, path, &pid, 0xFFFFFFFCu))
        return -1;
    if (pid % 4)
        return bad(c, path, "PID %u is not a multiple of 4", pid);
    r->pid = pid;
    return 0;
}

char *sc_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = fx_alloc(n, 1);
    memcpy(d, s, n);
    return d;
}

static void *grow(void *arr, size_t n, size_t elem)
{
    void *p = fx_grow(arr, n + 1, elem);
    memset((char *)p + n * elem, 0, elem);
    return p;
}

void sc_proc_init(struct sc_process *p)
{
    memset(p, 0, sizeof *p);
    p->create_offset = -1;
    p->exit_offset = -1;
    p->gui = -1;
    p->has_session = 0;
}

struct sc_process *sc_add_process(struct scenario *sc)
{
    sc->procs = grow(sc->procs, sc->nprocs, sizeof *sc->procs);
    struct sc_process *p = &sc->procs[sc->nprocs++];
    sc_proc_init(p);
    return p;
}

void scenario_init(struct scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->memory = 256ULL << 20;
    sc->seed = 1;
    snprintf(sc->profile, sizeof sc->profile, "26100");
    sc_parse_iso_time("2025-03-14T09:26:53Z", &sc->time);
    sc->boot_time = sc->time - 3ULL * 3600 * 10000000ULL - 1234567890ULL;
    sc->cpus = 4;
    snprintf(sc->hostname, sizeof sc->hostname, "DESKTOP-7H2Q9LK");
    sc->default_machine = 1;
}

void scenario_free(struct scenario *sc)
{
    for (size_t i = 0; i < sc->nprocs; i++) {
        struct sc_process *p = &sc->procs[i];
        for (size_t j = 0; j < p->nenv; j++)
            free(p->env[j]);
        free(p->env);
        free(p->mods);
        free(p->threads);
        free(p->handles);
        free(p->privs);
        free(p->groups);
        free(p->vads);
    }
    free(sc->procs);
    free(sc->services);
    for (size_t i = 0; i < sc->npipes; i++)
        free(sc->pipes[i].clients);
    free(sc->pipes);
    free(sc->jobs);
    free(sc->callbacks);
    free(sc->techs);
    memset(sc, 0, sizeof *sc);
}

/* ---- machine ---- */

static int parse_machine(struct pctx *c, json_t *o, struct scenario *sc)
{
    static const char *const keys[] = { "memory", "seed", "profile", "build", "time", "boot_time",
                                        "cpus", "hostname", NULL };
    if (!json_is_object(o))
        return bad(c, "machine", "must be an object");
    if (only_keys(c, o, "machine", keys))
        return -1;
    json_t *v;
    if ((v = json_object_get(o, "memory"))) {
        uint64_t m;
        if (get_size(c, v, "machine.memory", &m))
            return -1;
        if (m < MIN_MEMORY)
            return bad(c, "machine.memory", "%llu bytes is too small (at least 128M)", (unsigned long long)m);
        if (m > MAX_MEMORY)
            return bad(c, "machine.memory", "%llu bytes is too large (at most 16G)", (unsigned long long)m);
        sc->memory = m & ~0xFFFFFULL;
    }
    if ((v = json_object_get(o, "seed")) && get_u64(c, v, "machine.seed", &sc->seed))
        return -1;
    json_t *prof = json_object_get(o, "profile");
    if (!prof)
        prof = json_object_get(o, "build");
    if (prof) {
        char b[16];
        if (json_is_integer(prof))
            snprintf(b, sizeof b, "%lld", (long long)json_integer_value(prof));
        else if (get_str(c, prof, "machine.profile", b, sizeof b))
            return -1;
        /* a build number, with a revision if wanted ("19041.1288"); the
         * table is found at forge time (profile.c: 26100 is built in,
         * others come from the -s symbol directories) */
        size_t digits = strspn(b, "0123456789");
        if (digits < 4 || digits > 5 || (b[digits] && (b[digits] != '.' || !b[digits + 1] ||
                                                         strspn(b + digits + 1, "0123456789") != strlen(b + digits + 1))))
            return bad(c, "machine.profile", "'%s' is not a Windows build number (26100, 19041, 19041.1288)", b);
        snprintf(sc->profile, sizeof sc->profile, "%s", b);
    }
    if ((v = json_object_get(o, "time"))) {
        char s[64];
        if (get_str(c, v, "machine.time", s, sizeof s))
            return -1;
        if (sc_parse_iso_time(s, &sc->time))
            return bad(c, "machine.time", "'%s' is not an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)", s);
        sc->boot_time = sc->time - 3ULL * 3600 * 10000000ULL - 1234567890ULL;
    }
    if ((v = json_object_get(o, "boot_time"))) {
        char s[64];
        if (get_str(c, v, "machine.boot_time", s, sizeof s))
            return -1;
        if (sc_parse_iso_time(s, &sc->boot_time))
            return bad(c, "machine.boot_time", "'%s' is not an ISO-8601 UTC time", s);
        if (sc->boot_time >= sc->time)
            return bad(c, "machine.boot_time", "must be before machine.time");
    }
    if ((v = json_object_get(o, "cpus")) && get_u32(c, v, "machine.cpus", &sc->cpus, 64))
        return -1;
    if (sc->cpus == 0)
        return bad(c, "machine.cpus", "must be at least 1");
    if ((v = json_object_get(o, "hostname")) && get_str(c, v, "machine.hostname", sc->hostname, sizeof sc->hostname))
        return -1;
    return 0;
}

/* ---- processes ---- */

static const char *const integrity_names[] = { "untrusted", "low", "medium", "medium-plus", "high",
                                               "system", "protected", NULL };

static int parse_protection(struct pctx *c, json_t *v, const char *path, uint32_t *out)
{
    static const struct { const char *name; uint32_t v; } t[] = {
        { "PAGE_NOACCESS", 0 }, { "PAGE_READONLY", 1 }, { "PAGE_EXECUTE", 2 },
        { "PAGE_EXECUTE_READ", 3 }, { "PAGE_READWRITE", 4 }, { "PAGE_WRITECOPY", 5 },
        { "PAGE_EXECUTE_READWRITE", 6 }, { "PAGE_EXECUTE_WRITECOPY", 7 },
        { "r", 1 }, { "x", 2 }, { "rx", 3 }, { "rw", 4 }, { "wc", 5 }, { "rwx", 6 }, { "xwc", 7 },
    };
    char s[40];
    if (get_str(c, v, path, s, sizeof s))
        return -1;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcasecmp(s, t[i].name)) {
            *out = t[i].v;
            return 0;
        }
    return bad(c, path, "unknown protection '%s' (PAGE_READONLY, PAGE_EXECUTE_READWRITE, ...)", s);
}

static int parse_thread(struct pctx *c, json_t *o, const char *path, struct sc_thread *t)
{
    static const char *const keys[] = { "tid", "start", "fiber", "ums", "create_time", "exited", "impersonate",
                                        "impersonation_level", NULL };
    static const char *const levels[] = { "anonymous", "identification", "impersonation", "delegation", NULL };
    memset(t, 0, sizeof *t);
    t->create_offset = -1;
    t->impersonation_level = 2;
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char p[512];
    json_t *v;
    if ((v = json_object_get(o, "tid"))) {
        join(p, sizeof p, path, "tid");
        if (get_cid(c, v, p, "thread ID", &t->tid))
            return -1;
        if (t->tid == 0)
            return bad(c, p, "thread ID 0 is not a thread's (IDs start at 4)");
    }
    if ((v = json_object_get(o, "start"))) {
        join(p, sizeof p, path, "start");
        if (json_is_integer(v))
            snprintf(t->start, sizeof t->start, "0x%llx", (unsigned long long)json_integer_value(v));
        else if (get_str(c, v, p, t->start, sizeof t->start))
            return -1;
    }
    if ((v = json_object_get(o, "fiber"))) { join(p, sizeof p, path, "fiber"); if (get_bool(c, v, p, &t->fiber)) return -1; }
    if ((v = json_object_get(o, "ums"))) {
        join(p, sizeof p, path, "ums");
        if (get_bool(c, v, p, &t->ums))
            return -1;
        /* whether the build has UMS is known only with the profile
         * (--profile or machine.build): forge.c refuses it then */
        if (t->ums && !c->ums_key[0])
            snprintf(c->ums_key, sizeof c->ums_key, "%s", p);
    }
    if ((v = json_object_get(o, "exited"))) { join(p, sizeof p, path, "exited"); if (get_bool(c, v, p, &t->exited)) return -1; }
    if ((v = json_object_get(o, "impersonate"))) {
        join(p, sizeof p, path, "impersonate");
        if (get_ref(c, v, p, &t->impersonate))
            return -1;
        t->has_impersonate = 1;
    }
    if ((v = json_object_get(o, "impersonation_level"))) {
        join(p, sizeof p, path, "impersonation_level");
        char lv[32];
        if (get_str(c, v, p, lv, sizeof lv))
            return -1;
        int found = -1;
        for (int i = 0; levels[i]; i++)
            if (!strcasecmp(lv, levels[i]))
                found = i;
        if (found < 0)
            return bad(c, p, "unknown level '%s' (anonymous, identification, impersonation, delegation)", lv);
        t->impersonation_level = found;
    }
    if ((v = json_object_get(o, "create_time"))) {
        join(p, sizeof p, path, "create_time");
        if (json_is_string(v)) {
            if (sc_parse_iso_time(json_string_value(v), &t->create_filetime))
                return bad(c, p, "'%s' is not an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
                           json_string_value(v));
        } else if (!json_is_number(v) || json_number_value(v) < 0) {
            return bad(c, p, "must be seconds after the process start or an ISO-8601 time");
        } else {
            t->create_offset = json_number_value(v);
        }
    }
    return 0;
}

static int parse_handle(struct pctx *c, json_t *o, const char *path, struct sc_handle *h)
{
    static const char *const keys[] = { "type", "name", "target", "access", "value", "inherit", NULL };
    static const char *const types[] = { "File", "Key", "Event", "Mutant", "Section", "Process",
        "Thread", "Token", "Job", "NamedPipe", "Directory", "Semaphore", "Timer", "ALPC Port",
        "Desktop", "WindowStation", "SymbolicLink", "IoCompletion", "TpWorkerFactory",
        "EtwRegistration", "WaitCompletionPacket", "IRTimer", NULL };
    memset(h, 0, sizeof *h);
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char p[512];
    json_t *v = json_object_get(o, "type");
    join(p, sizeof p, path, "type");
    if (!v)
        return bad(c, p, "is required");
    if (get_str(c, v, p, h->type, sizeof h->type))
        return -1;
    int known = 0;
    for (int i = 0; types[i]; i++)
        if (!strcasecmp(h->type, types[i])) {
            snprintf(h->type, sizeof h->type, "%s", types[i]);
            known = 1;
        }
    if (!known)
        return bad(c, p, "unknown handle type '%s'", h->type);
    if ((v = json_object_get(o, "name"))) { join(p, sizeof p, path, "name"); if (get_str(c, v, p, h->name, sizeof h->name)) return -1; }
    if ((v = json_object_get(o, "target"))) { join(p, sizeof p, path, "target"); if (get_ref(c, v, p, &h->target)) return -1; }
    int needs_target = !strcmp(h->type, "Process") || !strcmp(h->type, "Thread") || !strcmp(h->type, "Token");
    if (needs_target && !json_object_get(o, "target")) {
        join(p, sizeof p, path, "target");
        return bad(c, p, "is required for a %s handle", h->type);
    }
    if ((v = json_object_get(o, "access"))) {
        join(p, sizeof p, path, "access");
        if (get_u32(c, v, p, &h->access, 0x1FFFFFF))
            return -1;
        h->has_access = 1;
    }
    if ((v = json_object_get(o, "inherit"))) {
        join(p, sizeof p, path, "inherit");
        if (get_bool(c, v, p, &h->inherit))
            return -1;
    }
    if ((v = json_object_get(o, "value"))) {
        join(p, sizeof p, path, "value");
        if (get_u32(c, v, p, &h->value, 0x3FFFFFC))
            return -1;
        if (h->value == 0 || h->value % 4)
            return bad(c, p, "handle value %u must be a non-zero multiple of 4", h->value);
    }
    return 0;
}

static int parse_vad(struct pctx *c, json_t *o, const char *path, struct sc_vad *d)
{
    static const char *const keys[] = { "start", "size", "protection", "type", "file", "pe", "code", NULL };
    memset(d, 0, sizeof *d);
    d->protection = 4;
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char p[512];
    json_t *v;
    if ((v = json_object_get(o, "start"))) {
        join(p, sizeof p, path, "start");
        if (get_u64(c, v, p, &d->start))
            return -1;
        if (d->start & 0xFFF)
            return bad(c, p, "0x%llx is not page-aligned", (unsigned long long)d->start);
        if (d->start < 0x10000 || d->start >= 0x7FFFFFFE0000ULL)
            return bad(c, p, "0x%llx is outside user space (0x10000-0x7ffffffdffff)", (unsigned long long)d->start);
    }
    join(p, sizeof p, path, "size");
    if (!(v = json_object_get(o, "size")))
        return bad(c, p, "is required");
    if (get_size(c, v, p, &d->size))
        return -1;
    if (d->size == 0 || d->size > (1ULL << 32))
        return bad(c, p, "must be between 1 byte and 4 GiB");
    d->size = (d->size + 0xFFF) & ~0xFFFULL;
    if ((v = json_object_get(o, "protection"))) { join(p, sizeof p, path, "protection"); if (parse_protection(c, v, p, &d->protection)) return -1; }
    if ((v = json_object_get(o, "type"))) {
        static const struct choice types[] = {
            { "private", SC_VAD_PRIVATE }, { "mapped", SC_VAD_MAPPED }, { "image", SC_VAD_IMAGE },
        };
        join(p, sizeof p, path, "type");
        if (get_choice(c, v, p, "VAD type", types, ARRAY_LEN(types), &d->kind))
            return -1;
    }
    if ((v = json_object_get(o, "file"))) { join(p, sizeof p, path, "file"); if (get_str(c, v, p, d->file, sizeof d->file)) return -1; }
    if (d->kind != SC_VAD_PRIVATE && !d->file[0]) {
        join(p, sizeof p, path, "file");
        return bad(c, p, "is required for a mapped or image VAD");
    }
    if ((v = json_object_get(o, "pe"))) { join(p, sizeof p, path, "pe"); if (get_bool(c, v, p, &d->pe)) return -1; }
    if ((v = json_object_get(o, "code"))) { join(p, sizeof p, path, "code"); if (get_bool(c, v, p, &d->code)) return -1; }
    return 0;
}

static int parse_str_list(struct pctx *c, json_t *a, const char *path, char ***out, size_t *n)
{
    if (json_is_object(a)) {
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) {
            char p[512];
            join(p, sizeof p, path, k);
            if (!json_is_string(v))
                return bad(c, p, "must be a string");
            if (!k[0] || strchr(k, '='))
                return bad(c, p, "variable names must be non-empty and without '='");
            size_t len = strlen(k) + strlen(json_string_value(v)) + 2;
            if (len > 32767)
                return bad(c, p, "too long");
            char *s = fx_alloc(len, 1);
            snprintf(s, len, "%s=%s", k, json_string_value(v));
            *out = grow(*out, *n, sizeof **out);
            (*out)[(*n)++] = s;
        }
        return 0;
    }
    if (!json_is_array(a))
        return bad(c, path, "must be an object of NAME: VALUE or an array of \"NAME=VALUE\"");
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        char p[512];
        joini(p, sizeof p, path, i);
        if (!json_is_string(v) || !strchr(json_string_value(v), '='))
            return bad(c, p, "must be a \"NAME=VALUE\" string");
        *out = grow(*out, *n, sizeof **out);
        (*out)[(*n)++] = sc_strdup(json_string_value(v));
    }
    return 0;
}

static int parse_process(struct pctx *c, json_t *o, const char *path, struct sc_process *p, const struct scenario *sc)
{
    static const char *const keys[] = { "name", "pid", "ppid", "session", "user", "image", "image_path",
        "command_line", "cwd", "environment", "create_time", "exit_time", "modules", "threads",
        "handles", "privileges", "groups", "integrity", "vads", "job", "gui", "wow64",
        "protected", "elevated", "paged_out", "inherit_handles", NULL };
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char k[512];
    json_t *v;
    join(k, sizeof k, path, "name");
    if (!(v = json_object_get(o, "name")))
        return bad(c, k, "is required");
    if (get_str(c, v, k, p->name, sizeof p->name))
        return -1;
    if (!p->name[0])
        return bad(c, k, "must not be empty");
    join(k, sizeof k, path, "pid");
    if ((v = json_object_get(o, "pid"))) {
        if (get_cid(c, v, k, "PID", &p->pid))
            return -1;
    }
    if ((v = json_object_get(o, "ppid"))) {
        join(k, sizeof k, path, "ppid");
        if (get_cid(c, v, k, "PID", &p->ppid))
            return -1;
    }
    if ((v = json_object_get(o, "session"))) {
        join(k, sizeof k, path, "session");
        if (get_u32(c, v, k, &p->session, 7))
            return -1;
        p->has_session = 1;
    }
    if ((v = json_object_get(o, "user"))) { join(k, sizeof k, path, "user"); if (get_str(c, v, k, p->user, sizeof p->user)) return -1; }
    if ((v = json_object_get(o, "image")) || (v = json_object_get(o, "image_path"))) {
        join(k, sizeof k, path, "image");
        if (get_str(c, v, k, p->image, sizeof p->image))
            return -1;
    }
    if ((v = json_object_get(o, "command_line"))) { join(k, sizeof k, path, "command_line"); if (get_str(c, v, k, p->cmdline, sizeof p->cmdline)) return -1; }
    if ((v = json_object_get(o, "cwd"))) { join(k, sizeof k, path, "cwd"); if (get_str(c, v, k, p->cwd, sizeof p->cwd)) return -1; }
    if ((v = json_object_get(o, "environment"))) {
        join(k, sizeof k, path, "environment");
        if (parse_str_list(c, v, k, &p->env, &p->nenv))
            return -1;
        p->has_env = 1;
    }
    if ((v = json_object_get(o, "create_time"))) { join(k, sizeof k, path, "create_time"); if (get_offset(c, v, k, sc, &p->create_offset)) return -1; }
    if ((v = json_object_get(o, "exit_time")) && !json_is_null(v)) {
        join(k, sizeof k, path, "exit_time");
        if (get_offset(c, v, k, sc, &p->exit_offset))
            return -1;
    }
    if ((v = json_object_get(o, "modules"))) {
        join(k, sizeof k, path, "modules");
        if (!json_is_array(v))
            return bad(c, k, "must be an array");
        size_t i;
        json_t *m;
        p->has_mods = 1;
        json_array_foreach(v, i, m) {
            char mk[512];
            joini(mk, sizeof mk, k, i);
            p->mods = grow(p->mods, p->nmods, sizeof *p->mods);
            struct sc_module *mod = &p->mods[p->nmods++];
            if (json_is_string(m)) {
                if (get_str(c, m, mk, mod->path, sizeof mod->path))
                    return -1;
                continue;
            }
            static const char *const mkeys[] = { "path", "base", "size", NULL };
            if (!json_is_object(m))
                return bad(c, mk, "must be a path or an object");
            if (only_keys(c, m, mk, mkeys))
                return -1;
            char f2[560];
            json_t *x;
            join(f2, sizeof f2, mk, "path");
            if (!(x = json_object_get(m, "path")))
                return bad(c, f2, "is required");
            if (get_str(c, x, f2, mod->path, sizeof mod->path))
                return -1;
            if ((x = json_object_get(m, "base"))) {
                join(f2, sizeof f2, mk, "base");
                if (get_u64(c, x, f2, &mod->base))
                    return -1;
                if ((mod->base & 0xFFFF) || mod->base < 0x10000 || mod->base >= 0x7FFFFFFE0000ULL)
                    return bad(c, f2, "0x%llx is not a 64 KiB-aligned user address", (unsigned long long)mod->base);
            }
            if ((x = json_object_get(m, "size"))) {
                join(f2, sizeof f2, mk, "size");
                uint64_t size;
                if (get_size(c, x, f2, &size))
                    return -1;
                if (size > 0x10000000)
                    return bad(c, f2, "%llu is out of range (at most 256M)", (unsigned long long)size);
                mod->size = (uint32_t)size;
                if (mod->size < 0x1000)
                    return bad(c, f2, "must be at least 4096");
            }
        }
    }
    if ((v = json_object_get(o, "threads"))) {
        join(k, sizeof k, path, "threads");
        p->has_threads = 1;
        if (json_is_integer(v)) {
            json_int_t n = json_integer_value(v);
            if (n < 0 || n > 256)
                return bad(c, k, "thread count must be 0..256");
            for (json_int_t i = 0; i < n; i++) {
                p->threads = grow(p->threads, p->nthreads, sizeof *p->threads);
                p->threads[p->nthreads].create_offset = -1;
                p->nthreads++;
            }
        } else if (json_is_array(v)) {
            if (json_array_size(v) > 256)
                return bad(c, k, "at most 256 threads");
            size_t i;
            json_t *t;
            json_array_foreach(v, i, t) {
                char tk[512];
                joini(tk, sizeof tk, k, i);
                p->threads = grow(p->threads, p->nthreads, sizeof *p->threads);
                if (parse_thread(c, t, tk, &p->threads[p->nthreads]))
                    return -1;
                p->nthreads++;
            }
        } else {
            return bad(c, k, "must be a count or an array of threads");
        }
    }
    if ((v = json_object_get(o, "handles"))) {
        join(k, sizeof k, path, "handles");
        if (!json_is_array(v))
            return bad(c, k, "must be an array");
        if (json_array_size(v) > 100000)
            return bad(c, k, "at most 100000 handles");
        size_t i;
        json_t *h;
        json_array_foreach(v, i, h) {
            char hk[512];
            joini(hk, sizeof hk, k, i);
            p->handles = grow(p->handles, p->nhandles, sizeof *p->handles);
            if (parse_handle(c, h, hk, &p->handles[p->nhandles]))
                return -1;
            p->nhandles++;
        }
    }
    if ((v = json_object_get(o, "privileges"))) {
        join(k, sizeof k, path, "privileges");
        p->has_privs = 1;
        if (json_is_object(v)) {
            const char *name;
            json_t *st;
            json_object_foreach(v, name, st) {
                char pk[512];
                join(pk, sizeof pk, k, name);
                p->privs = grow(p->privs, p->nprivs, sizeof *p->privs);
                struct sc_priv *pr = &p->privs[p->nprivs++];
                if (strlen(name) >= sizeof pr->name)
                    return bad(c, pk, "privilege name too long");
                snprintf(pr->name, sizeof pr->name, "%s", name);
                if (token_priv_bit(name) < 0)
                    return bad(c, pk, "unknown privilege '%s'", name);
                if (json_is_boolean(st)) pr->enabled = json_is_true(st);
                else if (json_is_string(st) && !strcmp(json_string_value(st), "enabled")) pr->enabled = 1;
                else if (json_is_string(st) && !strcmp(json_string_value(st), "present")) pr->enabled = 0;
                else return bad(c, pk, "must be \"enabled\", \"present\", true or false");
            }
        } else if (json_is_array(v)) {
            size_t i;
            json_t *s;
            json_array_foreach(v, i, s) {
                char pk[512];
                joini(pk, sizeof pk, k, i);
                p->privs = grow(p->privs, p->nprivs, sizeof *p->privs);
                if (get_str(c, s, pk, p->privs[p->nprivs].name, sizeof p->privs[p->nprivs].name))
                    return -1;
                if (token_priv_bit(p->privs[p->nprivs].name) < 0)
                    return bad(c, pk, "unknown privilege '%s'", p->privs[p->nprivs].name);
                p->privs[p->nprivs++].enabled = 0;
            }
        } else {
            return bad(c, k, "must be an object {\"SeDebugPrivilege\": \"enabled\"} or an array of names");
        }
    }
    if ((v = json_object_get(o, "groups"))) {
        join(k, sizeof k, path, "groups");
        if (!json_is_array(v))
            return bad(c, k, "must be an array");
        p->has_groups = 1;
        size_t i;
        json_t *g;
        json_array_foreach(v, i, g) {
            char gk[512];
            joini(gk, sizeof gk, k, i);
            p->groups = grow(p->groups, p->ngroups, sizeof *p->groups);
            struct sc_group *gr = &p->groups[p->ngroups++];
            if (json_is_string(g)) {
                if (get_str(c, g, gk, gr->sid, sizeof gr->sid))
                    return -1;
                continue;
            }
            static const char *const gkeys[] = { "sid", "attributes", NULL };
            if (!json_is_object(g))
                return bad(c, gk, "must be a SID string or {\"sid\", \"attributes\"}");
            if (only_keys(c, g, gk, gkeys))
                return -1;
            char f2[560];
            json_t *x;
            join(f2, sizeof f2, gk, "sid");
            if (!(x = json_object_get(g, "sid")))
                return bad(c, f2, "is required");
            if (get_str(c, x, f2, gr->sid, sizeof gr->sid))
                return -1;
            if ((x = json_object_get(g, "attributes"))) {
                join(f2, sizeof f2, gk, "attributes");
                if (get_u32(c, x, f2, &gr->attributes, 0xFFFFFFFFu))
                    return -1;
                gr->has_attributes = 1;
            }
        }
    }
    if ((v = json_object_get(o, "integrity"))) {
        join(k, sizeof k, path, "integrity");
        if (get_str(c, v, k, p->integrity, sizeof p->integrity))
            return -1;
        int ok = 0;
        for (int i = 0; integrity_names[i]; i++)
            if (!strcmp(p->integrity, integrity_names[i]))
                ok = 1;
        if (!ok)
            return bad(c, k, "unknown integrity level '%s' (untrusted, low, medium, high, system, protected)", p->integrity);
    }
    if ((v = json_object_get(o, "vads"))) {
        join(k, sizeof k, path, "vads");
        if (!json_is_array(v))
            return bad(c, k, "must be an array");
        size_t i;
        json_t *d;
        json_array_foreach(v, i, d) {
            char dk[512];
            joini(dk, sizeof dk, k, i);
            p->vads = grow(p->vads, p->nvads, sizeof *p->vads);
            if (parse_vad(c, d, dk, &p->vads[p->nvads]))
                return -1;
            p->nvads++;
        }
    }
    if ((v = json_object_get(o, "job"))) { join(k, sizeof k, path, "job"); if (get_str(c, v, k, p->job, sizeof p->job)) return -1; }
    if ((v = json_object_get(o, "gui"))) { join(k, sizeof k, path, "gui"); if (get_bool(c, v, k, &p->gui)) return -1; }
    if ((v = json_object_get(o, "wow64"))) { join(k, sizeof k, path, "wow64"); if (get_bool(c, v, k, &p->wow64)) return -1; }
    if ((v = json_object_get(o, "paged_out"))) {
        static const struct choice parts[] = {
            { "peb", SC_PAGED_PEB }, { "ldr", SC_PAGED_LDR }, { "parameters", SC_PAGED_PARAMETERS },
        };
        join(k, sizeof k, path, "paged_out");
        if (!json_is_array(v))
            return bad(c, k, "must be an array of \"peb\", \"ldr\", \"parameters\"");
        size_t i;
        json_t *d;
        json_array_foreach(v, i, d) {
            char dk[512];
            int part;
            joini(dk, sizeof dk, k, i);
            if (get_choice(c, d, dk, "part", parts, ARRAY_LEN(parts), &part))
                return -1;
            p->paged_out |= part;
        }
    }
    if ((v = json_object_get(o, "protected"))) { join(k, sizeof k, path, "protected"); if (get_bool(c, v, k, &p->protected_light)) return -1; }
    if ((v = json_object_get(o, "elevated"))) { join(k, sizeof k, path, "elevated"); if (get_bool(c, v, k, &p->elevated)) return -1; }
    if ((v = json_object_get(o, "inherit_handles"))) { join(k, sizeof k, path, "inherit_handles"); if (get_bool(c, v, k, &p->inherit_handles)) return -1; }
    if (p->exit_offset >= 0 && p->create_offset >= 0 && p->exit_offset < p->create_offset) {
        join(k, sizeof k, path, "exit_time");
        return bad(c, k, "is before create_time");
    }
    return 0;
}

/* ---- services, pipes, jobs, callbacks, techniques ---- */

/* What a callback registers for (scenario.h SC_CB_*): a scenario's
 * callbacks[].kind and callback_in_no_module's notify. */
static const struct choice callback_kinds[] = {
    { "process", SC_CB_PROCESS }, { "thread", SC_CB_THREAD }, { "image", SC_CB_IMAGE }, { "registry", SC_CB_REGISTRY },
};

static int parse_service(struct pctx *c, json_t *o, const char *path, struct sc_service *s)
{
    static const char *const keys[] = { "name", "display", "binary", "process", "gone_pid", "type", "state", "start",
                                        NULL };
    memset(s, 0, sizeof *s);
    s->type = 0x20;
    s->state = 4;
    s->start = 2;
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char k[512];
    json_t *v;
    join(k, sizeof k, path, "name");
    if (!(v = json_object_get(o, "name")))
        return bad(c, k, "is required");
    if (get_str(c, v, k, s->name, sizeof s->name))
        return -1;
    if ((v = json_object_get(o, "display"))) { join(k, sizeof k, path, "display"); if (get_str(c, v, k, s->display, sizeof s->display)) return -1; }
    if ((v = json_object_get(o, "binary"))) { join(k, sizeof k, path, "binary"); if (get_str(c, v, k, s->binary, sizeof s->binary)) return -1; }
    if ((v = json_object_get(o, "process"))) { join(k, sizeof k, path, "process"); if (get_ref(c, v, k, &s->process)) return -1; }
    if ((v = json_object_get(o, "gone_pid"))) {
        /* a host that is gone: the record keeps naming its PID */
        join(k, sizeof k, path, "gone_pid");
        if (get_u32(c, v, k, &s->gone_pid, 0xFFFFFFFCu))
            return -1;
        if (!s->gone_pid || (s->gone_pid & 3))
            return bad(c, k, "%u is not a process ID (a non-zero multiple of 4)", s->gone_pid);
        if (json_object_get(o, "process"))
            return bad(c, k, "give either 'process' (the host) or 'gone_pid' (a host that is gone), not both");
    }
    static const struct choice types[] = {
        { "own_process", 0x10 }, { "share_process", 0x20 }, { "kernel_driver", 0x1 }, { "file_system_driver", 0x2 },
    };
    static const struct choice states[] = { { "running", 4 }, { "stopped", 1 }, { "paused", 7 } };
    static const struct choice starts[] = {
        { "boot", 0 }, { "system", 1 }, { "auto", 2 }, { "demand", 3 }, { "disabled", 4 },
    };
    int choice;
    if ((v = json_object_get(o, "type"))) {
        join(k, sizeof k, path, "type");
        if (get_choice(c, v, k, "service type", types, ARRAY_LEN(types), &choice))
            return -1;
        s->type = choice;
    }
    if ((v = json_object_get(o, "state"))) {
        join(k, sizeof k, path, "state");
        if (get_choice(c, v, k, "state", states, ARRAY_LEN(states), &choice))
            return -1;
        s->state = choice;
    }
    if ((v = json_object_get(o, "start"))) {
        join(k, sizeof k, path, "start");
        if (get_choice(c, v, k, "start type", starts, ARRAY_LEN(starts), &choice))
            return -1;
        s->start = choice;
    }
    if (s->state == 4 && s->type >= 0x10 && !s->process.pid && !s->process.name[0] && !s->gone_pid) {
        join(k, sizeof k, path, "process");
        return bad(c, k, "a running service needs its hosting process");
    }
    return 0;
}

static int parse_technique(struct pctx *c, json_t *o, const char *path, struct sc_technique *t)
{
    static const struct choice kinds[] = {
        { "unlink", TQ_UNLINK }, { "peb_masquerade", TQ_PEB_MASQUERADE }, { "hollowing", TQ_HOLLOWING },
        { "injected_code", TQ_INJECTED_CODE }, { "token_steal", TQ_TOKEN_STEAL },
        { "ppid_spoof", TQ_PPID_SPOOF }, { "exited_unfreed", TQ_EXITED_UNFREED },
        { "lsass_handle", TQ_LSASS_HANDLE }, { "orphan_thread", TQ_ORPHAN_THREAD },
        { "cyclic_list", TQ_CYCLIC_LIST }, { "unlinked_driver", TQ_UNLINKED_DRIVER },
        { "callback_in_no_module", TQ_CALLBACK_NO_MODULE },
        { "cyclic_list", TQ_CYCLIC_LIST }, { "csr_unlink", TQ_CSR_UNLINK }, { "w32_detach", TQ_W32_DETACH },
        { "sysproc_parent", TQ_SYSPROC_PARENT }, { "sysproc_session", TQ_SYSPROC_SESSION },
        { "sysproc_user", TQ_SYSPROC_USER }, { "sysproc_path", TQ_SYSPROC_PATH },
        { "sysproc_duplicate", TQ_SYSPROC_DUPLICATE }, { "sysproc_protection", TQ_SYSPROC_PROTECTION },
        { "fiber_outside_module", TQ_FIBER_OUTSIDE_MODULE },
        { "privilege_enable", TQ_PRIVILEGE_ENABLE }, { "system_token", TQ_SYSTEM_TOKEN },
        { "service_gone", TQ_SERVICE_GONE }, { "system_impersonation", TQ_SYSTEM_IMPERSONATION },
        { "parent_after_child", TQ_PARENT_AFTER_CHILD },
    };
    static const char *const keys[] = { "kind", "target", "source", "path", "access", "address", "back_to",
                                        "notify", NULL };
    memset(t, 0, sizeof *t);
    if (!json_is_object(o))
        return bad(c, path, "must be an object");
    if (only_keys(c, o, path, keys))
        return -1;
    char k[512];
    json_t *v;
    join(k, sizeof k, path, "kind");
    if (!(v = json_object_get(o, "kind")))
        return bad(c, k, "is required");
    int kind;
    if (get_choice(c, v, k, "technique", kinds, ARRAY_LEN(kinds), &kind))
        return -1;
    t->kind = (enum sc_technique_kind)kind;
    if ((v = json_object_get(o, "target"))) { join(k, sizeof k, path, "target"); if (get_ref(c, v, k, &t->target)) return -1; t->has_target = 1; }
    if ((v = json_object_get(o, "source"))) { join(k, sizeof k, path, "source"); if (get_ref(c, v, k, &t->source)) return -1; t->has_source = 1; }
    if ((v = json_object_get(o, "back_to"))) {
        join(k, sizeof k, path, "back_to");
        if (t->kind != TQ_CYCLIC_LIST)
            return bad(c, k, "only cyclic_list takes back_to");
        if (get_ref(c, v, k, &t->back_to))
            return -1;
        t->has_back_to = 1;
    }
    if ((v = json_object_get(o, "notify"))) {
        join(k, sizeof k, path, "notify");
        if (t->kind != TQ_CALLBACK_NO_MODULE)
            return bad(c, k, "only callback_in_no_module takes notify");
        if (get_choice(c, v, k, "notify routine kind", callback_kinds, ARRAY_LEN(callback_kinds), &t->notify))
            return -1;
    }
    if ((v = json_object_get(o, "path"))) { join(k, sizeof k, path, "path"); if (get_str(c, v, k, t->path, sizeof t->path)) return -1; }
    if (t->kind == TQ_UNLINKED_DRIVER && t->path[0] && (strchr(t->path, '\\') || strchr(t->path, '/'))) {
        join(k, sizeof k, path, "path");
        return bad(c, k, "is the driver's file name (\"rootkit.sys\"), without a directory");
    }
    if ((v = json_object_get(o, "access"))) { join(k, sizeof k, path, "access"); if (get_u32(c, v, k, &t->access, 0x1FFFFF)) return -1; }
    if ((v = json_object_get(o, "address"))) {
        join(k, sizeof k, path, "address");
        if (get_u64(c, v, k, &t->address))
            return -1;
        if ((t->address & 0xFFFF) || t->address < 0x10000 || t->address >= 0x7FFFFFFE0000ULL)
            return bad(c, k, "0x%llx is not a 64 KiB-aligned user address", (unsigned long long)t->address);
    }
    int needs_target = t->kind != TQ_LSASS_HANDLE && t->kind != TQ_UNLINKED_DRIVER && t->kind != TQ_CALLBACK_NO_MODULE;
    needs_target = needs_target && t->kind != TQ_SERVICE_GONE;
    if (needs_target && !t->has_target) {
        join(k, sizeof k, path, "target");
        return bad(c, k, "is required for '%s'", choice_name(kinds, ARRAY_LEN(kinds), kind));
    }
    if ((t->kind == TQ_TOKEN_STEAL || t->kind == TQ_PPID_SPOOF || t->kind == TQ_LSASS_HANDLE ||
         t->kind == TQ_INJECTED_CODE || t->kind == TQ_SYSPROC_PARENT || t->kind == TQ_SYSTEM_IMPERSONATION ||
         t->kind == TQ_PARENT_AFTER_CHILD) &&
        !t->has_source) {
        join(k, sizeof k, path, "source");
        return bad(c, k, "is required for '%s'", choice_name(kinds, ARRAY_LEN(kinds), kind));
    }
    return 0;
}

static int parse_root(struct pctx *c, json_t *root, struct scenario *sc)
{
    static const char *const keys[] = { "machine", "processes", "services", "pipes", "jobs",
                                        "callbacks", "techniques", "description", NULL };
    if (!json_is_object(root))
        return ep_fail(c->err, "%s: the scenario must be a JSON object", c->file);
    if (only_keys(c, root, "", keys))
        return -1;
    json_t *v;
    if ((v = json_object_get(root, "machine")) && parse_machine(c, v, sc))
        return -1;
    if ((v = json_object_get(root, "processes"))) {
        if (!json_is_array(v))
            return bad(c, "processes", "must be an array");
        if (json_array_size(v) > SC_MAX_PROCS)
            return bad(c, "processes", "at most %d processes", SC_MAX_PROCS);
        sc->default_machine = json_array_size(v) == 0;
        size_t i;
        json_t *p;
        json_array_foreach(v, i, p) {
            char k[64];
            joini(k, sizeof k, "processes", i);
            if (parse_process(c, p, k, sc_add_process(sc), sc))
                return -1;
        }
    }
    if ((v = json_object_get(root, "services"))) {
        if (!json_is_array(v))
            return bad(c, "services", "must be an array");
        sc->has_services = 1;
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            char k[64];
            joini(k, sizeof k, "services", i);
            sc->services = grow(sc->services, sc->nservices, sizeof *sc->services);
            if (parse_service(c, s, k, &sc->services[sc->nservices]))
                return -1;
            sc->nservices++;
        }
    }
    if ((v = json_object_get(root, "pipes"))) {
        if (!json_is_array(v))
            return bad(c, "pipes", "must be an array");
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            static const char *const pk[] = { "name", "server", "clients", NULL };
            char k[64], k2[96];
            joini(k, sizeof k, "pipes", i);
            if (!json_is_object(s))
                return bad(c, k, "must be an object");
            if (only_keys(c, s, k, pk))
                return -1;
            sc->pipes = grow(sc->pipes, sc->npipes, sizeof *sc->pipes);
            struct sc_pipe *pp = &sc->pipes[sc->npipes++];
            json_t *x;
            join(k2, sizeof k2, k, "name");
            if (!(x = json_object_get(s, "name")))
                return bad(c, k2, "is required");
            if (get_str(c, x, k2, pp->name, sizeof pp->name))
                return -1;
            join(k2, sizeof k2, k, "server");
            if (!(x = json_object_get(s, "server")))
                return bad(c, k2, "is required");
            if (get_ref(c, x, k2, &pp->server))
                return -1;
            if ((x = json_object_get(s, "clients"))) {
                join(k2, sizeof k2, k, "clients");
                if (!json_is_array(x))
                    return bad(c, k2, "must be an array");
                size_t j;
                json_t *cl;
                json_array_foreach(x, j, cl) {
                    char k3[128];
                    joini(k3, sizeof k3, k2, j);
                    pp->clients = grow(pp->clients, pp->nclients, sizeof *pp->clients);
                    if (get_ref(c, cl, k3, &pp->clients[pp->nclients++]))
                        return -1;
                }
            }
        }
    }
    if ((v = json_object_get(root, "jobs"))) {
        if (!json_is_array(v))
            return bad(c, "jobs", "must be an array");
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            static const char *const jk[] = { "name", "active_process_limit", "job_memory_limit",
                                              "process_memory_limit", "limit_flags", "silo", NULL };
            char k[64], k2[96];
            joini(k, sizeof k, "jobs", i);
            if (!json_is_object(s))
                return bad(c, k, "must be an object");
            if (only_keys(c, s, k, jk))
                return -1;
            sc->jobs = grow(sc->jobs, sc->njobs, sizeof *sc->jobs);
            struct sc_job *j = &sc->jobs[sc->njobs++];
            json_t *x;
            join(k2, sizeof k2, k, "name");
            if (!(x = json_object_get(s, "name")))
                return bad(c, k2, "is required");
            if (get_str(c, x, k2, j->name, sizeof j->name))
                return -1;
            if ((x = json_object_get(s, "active_process_limit"))) { join(k2, sizeof k2, k, "active_process_limit"); if (get_u32(c, x, k2, &j->active_process_limit, 100000)) return -1; j->limit_flags |= 0x8; }
            if ((x = json_object_get(s, "job_memory_limit"))) { join(k2, sizeof k2, k, "job_memory_limit"); if (get_size(c, x, k2, &j->job_memory_limit)) return -1; j->limit_flags |= 0x200; }
            if ((x = json_object_get(s, "process_memory_limit"))) { join(k2, sizeof k2, k, "process_memory_limit"); if (get_size(c, x, k2, &j->process_memory_limit)) return -1; j->limit_flags |= 0x100; }
            if ((x = json_object_get(s, "limit_flags"))) { join(k2, sizeof k2, k, "limit_flags"); if (get_u32(c, x, k2, &j->limit_flags, 0xFFFFFFFFu)) return -1; }
            if ((x = json_object_get(s, "silo"))) {
                join(k2, sizeof k2, k, "silo");
                char kind[32];
                if (get_str(c, x, k2, kind, sizeof kind))
                    return -1;
                if (!strcasecmp(kind, "application"))
                    j->silo = SC_SILO_APPLICATION;
                else if (!strcasecmp(kind, "server"))
                    j->silo = SC_SILO_SERVER;
                else
                    return bad(c, k2, "unknown silo '%s' (application, server)", kind);
            }
        }
    }
    if ((v = json_object_get(root, "callbacks"))) {
        if (!json_is_array(v))
            return bad(c, "callbacks", "must be an array");
        sc->has_callbacks = 1;
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            static const char *const ck[] = { "module", "offset", "kind", "altitude", NULL };
            char k[64], k2[96];
            joini(k, sizeof k, "callbacks", i);
            if (!json_is_object(s))
                return bad(c, k, "must be an object");
            if (only_keys(c, s, k, ck))
                return -1;
            sc->callbacks = grow(sc->callbacks, sc->ncallbacks, sizeof *sc->callbacks);
            struct sc_callback *cb = &sc->callbacks[sc->ncallbacks++];
            json_t *x;
            join(k2, sizeof k2, k, "module");
            if (!(x = json_object_get(s, "module")))
                return bad(c, k2, "is required");
            if (get_str(c, x, k2, cb->module, sizeof cb->module))
                return -1;
            if ((x = json_object_get(s, "offset"))) { join(k2, sizeof k2, k, "offset"); if (get_u32(c, x, k2, &cb->offset, 0xFFFFFF)) return -1; }
            if ((x = json_object_get(s, "kind"))) {
                join(k2, sizeof k2, k, "kind");
                if (get_choice(c, x, k2, "callback kind", callback_kinds, ARRAY_LEN(callback_kinds), &cb->kind))
                    return -1;
            }
            if ((x = json_object_get(s, "altitude"))) {
                join(k2, sizeof k2, k, "altitude");
                if (cb->kind != SC_CB_REGISTRY)
                    return bad(c, k2, "only registry callbacks have an altitude");
                if (get_str(c, x, k2, cb->altitude, sizeof cb->altitude))
                    return -1;
                if (!cb->altitude[0] || strspn(cb->altitude, "0123456789.") != strlen(cb->altitude))
                    return bad(c, k2, "must be an altitude: digits (\"328010\", \"385201.5\")");
            }
        }
    }
    if ((v = json_object_get(root, "techniques"))) {
        if (!json_is_array(v))
            return bad(c, "techniques", "must be an array");
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            char k[64];
            joini(k, sizeof k, "techniques", i);
            sc->techs = grow(sc->techs, sc->ntechs, sizeof *sc->techs);
            if (parse_technique(c, s, k, &sc->techs[sc->ntechs]))
                return -1;
            sc->ntechs++;
        }
    }
    return 0;
}

/* The whole file, NUL-terminated, with room for two more bytes; NULL
 * when it cannot be read (errno says why). */
static char *read_text(FILE *fp, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 3, fp);
        if (ferror(fp)) {
            free(buf);
            return NULL;
        }
        if (feof(fp))
            break;
        char *bigger = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* jansson keeps integers in a signed 64-bit type and refuses a literal
 * above 2^63-1, but machine.seed is any unsigned 64-bit value.  Before
 * parsing, the integer literal after a "seed" key, if it does not fit,
 * is put in quotes; get_u64() reads it from the string.  Strings are
 * skipped whole (escapes included), so only a real key matches, and no
 * newline is added, so error line numbers stay true.  buf has room for
 * the two quotes. */
static void quote_big_seed(char *buf, size_t *len)
{
    static const char int64_max[] = "9223372036854775807";
    for (size_t i = 0; i < *len; i++) {
        if (buf[i] != '"')
            continue;
        size_t start = i + 1, j = start;
        while (j < *len && buf[j] != '"')
            j += buf[j] == '\\' ? 2 : 1;
        if (j >= *len)
            return;
        int is_seed = j - start == 4 && !memcmp(buf + start, "seed", 4);
        i = j;
        if (!is_seed)
            continue;
        size_t k = j + 1;
        while (k < *len && strchr(" \t\r\n", buf[k]))
            k++;
        if (k >= *len || buf[k] != ':')
            continue;
        k++;
        while (k < *len && strchr(" \t\r\n", buf[k]))
            k++;
        size_t d = k;
        while (d < *len && buf[d] >= '0' && buf[d] <= '9')
            d++;
        size_t ndig = d - k;
        if (!ndig || (d < *len && strchr(".eE", buf[d])))
            continue;
        if (ndig < sizeof int64_max - 1 ||
            (ndig == sizeof int64_max - 1 && memcmp(buf + k, int64_max, ndig) <= 0))
            continue;
        memmove(buf + d + 2, buf + d, *len - d + 1);
        memmove(buf + k + 1, buf + k, ndig);
        buf[k] = '"';
        buf[d + 1] = '"';
        *len += 2;
        return;                       /* one seed per file */
    }
}

int scenario_load(const char *path, struct scenario *sc, struct ep_error *err)
{
    scenario_init(sc);
    snprintf(sc->path, sizeof sc->path, "%s", path);
    json_error_t jerr;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ep_fail(err, "%s: cannot open: %s", path, strerror(errno)) - 1;   /* -2: unreadable */
    size_t len = 0;
    char *text = read_text(fp, &len);
    fclose(fp);
    if (!text)
        return ep_fail(err, "%s: cannot read: %s", path, strerror(errno)) - 1;
    quote_big_seed(text, &len);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (!root)
        return ep_fail(err, "%s: line %d: not valid JSON: %s", path, jerr.line, jerr.text);
    struct pctx c = { path, err, "" };
    int rc = parse_root(&c, root, sc);
    json_decref(root);
    memcpy(sc->ums_key, c.ums_key, sizeof sc->ums_key);
    return rc;
}
