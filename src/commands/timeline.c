/* eproc timeline: the capture's times as events, oldest first: process and
 * thread creation and exit, module load times (LDR_DATA_TABLE_ENTRY.LoadTime,
 * Windows 8+), and, for a minidump, the process start from MiscInfo.  VADs
 * and handles carry no time in any Windows build eproc reads, so they add
 * no events (docs/timeline.md).  `-o bodyfile` writes the Sleuth Kit body
 * file (3.x) that mactime and Plaso read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/sort.h"
#include "base/text.h"
#include "commands/model_cmd.h"

extern const struct command cmd_timeline;

static const struct col_def cols[] = {
    { "time", "Time", COL_TIME },
    { "source", "Source", COL_STR },
    { "event", "Event", COL_STR },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "details", "Details", COL_STR },
};
enum { C_TIME, C_SOURCE, C_EVENT, C_PID, C_PROC, C_DETAILS };

struct event {
    uint64_t time;               /* FILETIME */
    const char *source;          /* the structure and field the time is read from */
    const char *event;
    const struct an_process *p;
    char *details;               /* owned, NULL if none */
    size_t seq;                  /* order of discovery: ties keep it */
};

struct events {
    struct event *items;
    size_t n, cap;
};

static void add(struct events *ev, uint64_t time, const char *source, const char *event,
                const struct an_process *p, const char *details)
{
    if (!time)
        return;
    if (ev->n == ev->cap) {
        size_t cap = ev->cap ? ev->cap * 2 : 256;
        struct event *grown = ep_calloc(cap, sizeof *grown);
        if (ev->n)
            memcpy(grown, ev->items, ev->n * sizeof *grown);
        free(ev->items);
        ev->items = grown;
        ev->cap = cap;
    }
    struct event *e = &ev->items[ev->n];
    e->time = time;
    e->source = source;
    e->event = event;
    e->p = p;
    e->details = details ? ep_strdup(details) : NULL;
    e->seq = ev->n++;
}

static int by_time(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void collect(const struct anatomy *a, struct events *ev)
{
    int minidump = a->kind && strcmp(a->kind, "minidump") == 0;
    char d[800];
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const char *path = p->kernel_path[0] ? p->kernel_path
                           : p->params.image_path.av == AN_AV_OK ? p->params.image_path.text : NULL;
        if (p->ppid_known)
            snprintf(d, sizeof d, "ppid %llu%s%s", (unsigned long long)p->ppid, path ? ", " : "", path ? path : "");
        else
            snprintf(d, sizeof d, "%s", path ? path : "");
        add(ev, p->create, minidump ? "MINIDUMP_MISC_INFO.ProcessCreateTime" : "EPROCESS.CreateTime",
            "process created", p, d[0] ? d : NULL);
        add(ev, p->exit, "EPROCESS.ExitTime", "process exited", p, NULL);
        for (size_t t = 0; t < p->nthreads; t++) {
            const struct an_thread *th = &p->threads[t];
            if (!th->has_times)
                continue;
            const char *src = th->has_kernel ? "ETHREAD.CreateTime" : "MINIDUMP_THREAD_INFO.CreateTime";
            if (th->has_start && th->start)
                snprintf(d, sizeof d, "tid %llu, start 0x%llx", (unsigned long long)th->tid,
                         (unsigned long long)th->start);
            else
                snprintf(d, sizeof d, "tid %llu", (unsigned long long)th->tid);
            add(ev, th->create, src, "thread created", p, d);
            snprintf(d, sizeof d, "tid %llu", (unsigned long long)th->tid);
            add(ev, th->exit, th->has_kernel ? "ETHREAD.ExitTime" : "MINIDUMP_THREAD_INFO.ExitTime",
                "thread exited", p, d);
        }
        /* The loader's list, then a WoW64 process's 32-bit one. */
        for (int half = 0; half < 2; half++) {
            const struct an_module *mods = half ? p->wow64.modules : p->modules;
            size_t n = half ? p->wow64.nmodules : p->nmodules;
            for (size_t m = 0; m < n; m++) {
                const struct an_module *mod = &mods[m];
                if (!mod->has_load)
                    continue;
                snprintf(d, sizeof d, "%s (base 0x%llx%s)", mod->path ? mod->path : mod->name ? mod->name : "?",
                         (unsigned long long)mod->base, half ? ", 32-bit" : "");
                add(ev, mod->load_time, half ? "LDR_DATA_TABLE_ENTRY32.LoadTime" : "LDR_DATA_TABLE_ENTRY.LoadTime",
                    "module loaded", p, d);
            }
        }
    }
    sort_items(ev->items, ev->n, sizeof *ev->items, by_time);
}

/* One body-file field: escaped like every text output (capture text never
 * steers a terminal), and '|' -- the separator -- shown as \x7c. */
static void body_text(char *out, size_t cap, const char *s)
{
    char esc[TEXT_ESCAPED_SIZE(900)];
    text_escape(esc, sizeof esc, s, strnlen(s, 900));
    size_t o = 0;
    for (const char *q = esc; *q && o + 5 < cap; q++) {
        if (*q == '|') {
            memcpy(out + o, "\\x7c", 4);
            o += 4;
        } else {
            out[o++] = *q;
        }
    }
    out[o] = 0;
}

/* Sleuth Kit body format 3.x, one line per event:
 *   MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime
 * with the event's time (Unix seconds) in all four time fields, as memory
 * timelines do: the event is one moment, not a file's four. */
static int render_bodyfile(FILE *out, const struct events *ev)
{
    char name[1200], line[1400], field[TEXT_ESCAPED_SIZE(900) + 200];
    for (size_t i = 0; i < ev->n; i++) {
        const struct event *e = &ev->items[i];
        const uint64_t epoch_gap = 116444736000000000ull;   /* 1601 -> 1970, in 100 ns */
        if (e->time < epoch_gap)
            continue;    /* before 1970: not a Unix time */
        uint64_t t = (e->time - epoch_gap) / 10000000ull;
        if (e->p->pid_known)
            snprintf(name, sizeof name, "[%s] %s (PID %llu)%s%s [%s]", e->event, e->p->name[0] ? e->p->name : "?",
                     (unsigned long long)e->p->pid, e->details ? ": " : "", e->details ? e->details : "", e->source);
        else
            snprintf(name, sizeof name, "[%s] %s%s%s [%s]", e->event, e->p->name[0] ? e->p->name : "?",
                     e->details ? ": " : "", e->details ? e->details : "", e->source);
        body_text(field, sizeof field, name);
        snprintf(line, sizeof line, "0|%s|0|0|0|0|0|%llu|%llu|%llu|%llu\n", field, (unsigned long long)t,
                 (unsigned long long)t, (unsigned long long)t, (unsigned long long)t);
        if (fputs(line, out) == EOF)
            return -1;
    }
    return fflush(out) == 0 ? 0 : -1;
}

static int run_timeline(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_timeline, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    struct events ev = { 0 };
    collect(a, &ev);
    if (ctx->bodyfile) {
        rc = EP_EXIT_OK;
        if (render_bodyfile(ctx->out, &ev) != 0) {
            fprintf(stderr, "eproc: cannot write output\n");
            rc = EP_EXIT_INPUT;
        }
        table_free(t);
        anatomy_free(a);
    } else {
        for (size_t i = 0; i < ev.n; i++) {
            const struct event *e = &ev.items[i];
            table_add_row(t);
            cell_time(t, C_TIME, e->time);
            cell_str(t, C_SOURCE, e->source);
            cell_str(t, C_EVENT, e->event);
            model_cells_process(t, C_PID, C_PROC, e->p);
            cell_str(t, C_DETAILS, e->details);
        }
        rc = model_cmd_finish(ctx, t, a);
    }
    for (size_t i = 0; i < ev.n; i++)
        free(ev.items[i].details);
    free(ev.items);
    return rc;
}

const struct command cmd_timeline = {
    "timeline",
    "the capture's times as events: process, thread and module creation and exit",
    "usage: eproc -f CAPTURE timeline [--pid PID[,PID...]] [--name NAME] [-o bodyfile]\n"
    "\n"
    "Every time the capture holds about its processes, as one event per row,\n"
    "oldest first: process created and exited (EPROCESS.CreateTime and\n"
    "ExitTime; a minidump's MiscInfo ProcessCreateTime), thread created and\n"
    "exited (ETHREAD; a minidump's ThreadInfoList), module loaded\n"
    "(LDR_DATA_TABLE_ENTRY.LoadTime, Windows 8 and later).  VADs and handles\n"
    "hold no times in the builds eproc reads, so they add no events.  Times\n"
    "of zero (never set) are left out.\n"
    "\n"
    "  -o bodyfile         the Sleuth Kit body file (3.x) for mactime and\n"
    "                      Plaso: MD5|name|inode|mode|UID|GID|size|atime|mtime|\n"
    "                      ctime|crtime, the event's time in the four time fields\n"
    "\n"
    "columns: time, source, event, pid, process, details\n",
    run_timeline,
};

COMMAND_COLUMNS(cmd_timeline, cols, sizeof cols / sizeof cols[0], NULL)
