/* The public library (include/eproc.h) over the anatomy model: open any
 * capture the CLI reads, through the same fillers, so a program gets the
 * rows the commands print (docs/library.md).  Nothing here prints: errors
 * go to the caller's buffer, warnings to its callback (base/diag.h sink). */
#define EPROC_BUILDING_LIBRARY 1
#include "eproc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/fill.h"
#include "anatomy/model.h"
#include "base/alloc.h"
#include "base/diag.h"
#include "layer/physical.h"
#include "minidump/minidump.h"
#include "windows/kernel.h"
#include "windows/process.h"

struct ep_capture {
    struct capture *cap;
    struct kernel *kernel;       /* NULL for minidumps */
    struct anatomy *anatomy;
};

const char *ep_version(void)
{
    return EPROC_VERSION;
}

static int fail_with(char *err, size_t errlen, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
    return -1;
}

int ep_open(const char *path, const struct ep_open_options *opt, ep_capture **out, char *err, size_t errlen)
{
    static const struct ep_open_options defaults;
    if (!opt)
        opt = &defaults;
    *out = NULL;
    if (!path)
        return fail_with(err, errlen, "no capture path given");
    if (opt->n_symbol_dirs > 0 && !opt->symbol_dirs)
        return fail_with(err, errlen, "n_symbol_dirs without symbol_dirs");
    diag_set_sink(opt->on_warning, opt->user, 1);

    struct ep_error e = {{0}};
    ep_capture *c = ep_calloc(1, sizeof *c);
    if (capture_open(path, &c->cap, &e) != 0) {
        free(c);
        return fail_with(err, errlen, e.msg);
    }
    struct an_select sel = { NULL, 0, NULL, 0, opt->read & (EP_READ_HANDLES | EP_READ_TOKENS), 0 };
    if (c->cap->kind == CAPTURE_MINIDUMP) {
        struct md_dump *md = NULL;
        if (md_open(&c->cap->file, &md, &e) != 0)
            goto failed;
        c->anatomy = anatomy_from_minidump(md, c->cap->file.path, &sel, 1);
    } else {
        int ndirs = opt->n_symbol_dirs > 64 ? 64 : (int)opt->n_symbol_dirs;
        if (kernel_open(c->cap, opt->symbol_dirs, ndirs, &c->kernel, &e) != 0)
            goto failed;
        if (anatomy_from_image(c->kernel, &sel, &c->anatomy, &e) != 0)
            goto failed;
    }
    *out = c;
    return 0;
failed:
    fail_with(err, errlen, e.msg);
    ep_close(c);
    return -1;
}

void ep_close(ep_capture *c)
{
    if (!c)
        return;
    anatomy_free(c->anatomy);
    kernel_close(c->kernel);
    capture_close(c->cap);
    free(c);
}

const char *ep_capture_format(const ep_capture *c)
{
    return c->cap->kind == CAPTURE_MINIDUMP ? "minidump" : c->cap->format ? c->cap->format : "";
}

int ep_capture_is_partial(const ep_capture *c)
{
    return c->kernel && kernel_is_partial(c->kernel);
}

size_t ep_process_count(const ep_capture *c)
{
    return c->anatomy ? c->anatomy->nprocs : 0;
}

const ep_proc *ep_process_at(const ep_capture *c, size_t i)
{
    return i < ep_process_count(c) ? &c->anatomy->procs[i] : NULL;
}

/* --- processes --- */

uint64_t ep_proc_pid(const ep_proc *p) { return p->pid; }
int ep_proc_pid_known(const ep_proc *p) { return p->pid_known; }
uint64_t ep_proc_ppid(const ep_proc *p) { return p->ppid_known ? p->ppid : 0; }
const char *ep_proc_name(const ep_proc *p) { return p->name; }
uint64_t ep_proc_create_time(const ep_proc *p) { return p->create; }
uint64_t ep_proc_exit_time(const ep_proc *p) { return p->exit; }
int64_t ep_proc_session(const ep_proc *p) { return p->has_session ? (int64_t)p->session_id : -1; }
uint64_t ep_proc_eprocess(const ep_proc *p) { return p->has_kernel ? p->eprocess : 0; }
int ep_proc_is_wow64(const ep_proc *p) { return p->wow64.present; }

int ep_proc_on_active_list(const ep_proc *p)
{
    if (!p->has_kernel)
        return -1;
    return (p->kernel_views & VIEW_LIST) != 0;
}

const char *ep_proc_path(const ep_proc *p)
{
    if (p->kernel_path[0])
        return p->kernel_path;
    if (p->params.av == AN_AV_OK && p->params.image_path.av == AN_AV_OK)
        return p->params.image_path.text;
    return NULL;
}

const char *ep_proc_command_line(const ep_proc *p)
{
    if (p->params.av == AN_AV_OK && p->params.command_line.av == AN_AV_OK)
        return p->params.command_line.text;
    return NULL;
}

/* --- threads --- */

size_t ep_proc_thread_count(const ep_proc *p) { return p->nthreads; }
const ep_thread *ep_proc_thread_at(const ep_proc *p, size_t i) { return i < p->nthreads ? &p->threads[i] : NULL; }
uint64_t ep_thread_tid(const ep_thread *t) { return t->tid; }
uint64_t ep_thread_start(const ep_thread *t) { return t->has_start ? t->start : 0; }
uint64_t ep_thread_create_time(const ep_thread *t) { return t->has_times ? t->create : 0; }
uint64_t ep_thread_exit_time(const ep_thread *t) { return t->has_times ? t->exit : 0; }
uint64_t ep_thread_teb(const ep_thread *t) { return t->teb_va; }

/* --- modules --- */

size_t ep_proc_module_count(const ep_proc *p) { return p->nmodules; }
const ep_module *ep_proc_module_at(const ep_proc *p, size_t i) { return i < p->nmodules ? &p->modules[i] : NULL; }
uint64_t ep_module_base(const ep_module *m) { return m->base; }
uint64_t ep_module_size(const ep_module *m) { return m->size; }
const char *ep_module_path(const ep_module *m) { return m->path && m->path[0] ? m->path : NULL; }
const char *ep_module_name(const ep_module *m) { return m->name; }
uint64_t ep_module_load_time(const ep_module *m) { return m->has_load ? m->load_time : 0; }

/* --- regions --- */

size_t ep_proc_region_count(const ep_proc *p) { return p->nregions; }
const ep_region *ep_proc_region_at(const ep_proc *p, size_t i) { return i < p->nregions ? &p->regions[i] : NULL; }
uint64_t ep_region_base(const ep_region *r) { return r->base; }
uint64_t ep_region_size(const ep_region *r) { return r->size; }
uint32_t ep_region_protect(const ep_region *r) { return r->protect; }
uint32_t ep_region_type(const ep_region *r) { return r->type; }
const char *ep_region_file(const ep_region *r) { return r->file; }

/* --- handles --- */

size_t ep_proc_handle_count(const ep_proc *p) { return p->nhandles; }
const ep_handle *ep_proc_handle_at(const ep_proc *p, size_t i) { return i < p->nhandles ? &p->handles[i] : NULL; }
uint64_t ep_handle_value(const ep_handle *h) { return h->handle; }
const char *ep_handle_type(const ep_handle *h) { return h->type_name; }
const char *ep_handle_name(const ep_handle *h) { return h->object_name; }
uint32_t ep_handle_access(const ep_handle *h) { return h->granted_access; }

/* --- environment --- */

size_t ep_proc_env_count(const ep_proc *p) { return p->params.av == AN_AV_OK ? p->params.nenv : 0; }
const char *ep_proc_env_name(const ep_proc *p, size_t i) { return i < ep_proc_env_count(p) ? p->params.env[i].name : NULL; }
const char *ep_proc_env_value(const ep_proc *p, size_t i) { return i < ep_proc_env_count(p) ? p->params.env[i].value : NULL; }

/* --- token: the process's own (not a thread's impersonation token) --- */

static const struct an_token *process_token(const ep_proc *p)
{
    for (size_t i = 0; i < p->ntokens; i++)
        if (p->tokens[i].tid == 0)
            return &p->tokens[i];
    return NULL;
}

const char *ep_proc_token_user(const ep_proc *p)
{
    const struct an_token *t = process_token(p);
    return t && t->has_user ? t->user.text : NULL;
}

const char *ep_proc_token_integrity(const ep_proc *p)
{
    const struct an_token *t = process_token(p);
    return t && t->has_integrity ? t->integrity.text : NULL;
}
