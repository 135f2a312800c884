/* The user-mode anatomy of one process, over its address space (vas.h):
 * each thread's TEB, and through it the PEB, the process parameters (image
 * path, command line, current directory, environment); the loader lists
 * are in loader.c and fibers in fibers.c.  The same code serves minidumps
 * and memory images (docs/architecture.md).
 *
 * Every read may fail: a minidump writer did not save that memory, or the
 * page is paged out in a memory image.  Nothing here is an error: each
 * value carries an an_avail and each structure a "why" that names the first
 * link of the chain that was missing.  Walks are bounded. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "anatomy/walk.h"
#include "base/text.h"

const char *an_avail_name(enum an_avail av)
{
    switch (av) {
    case AN_AV_OK: return "read";
    case AN_AV_MISSING: return "not in the dump";
    case AN_AV_NULL: return "null pointer";
    case AN_AV_INVALID: return "invalid";
    case AN_AV_PAGED_OUT: return "paged out";
    default: return "unknown";
    }
}

const char *an_why_missing(const struct vas *v, const struct vas_miss *m)
{
    switch (m->gap) {
    case VAS_GAP_PAGED_OUT: return "is paged out";
    case VAS_GAP_UNMAPPED: return "is not mapped";
    default: return strcmp(v->where, "the dump") == 0 ? "is not in the dump" : "is not in the capture";
    }
}

const char *an_base_name(const char *path)
{
    const char *n = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            n = p + 1;
    return n;
}

int an_select_match(const struct an_select *s, uint64_t pid, int pid_known, const char *name,
                    const char *path)
{
    if (s->npids) {
        int hit = 0;
        for (unsigned i = 0; i < s->npids; i++)
            hit |= pid_known && s->pids[i] == pid;
        if (!hit)
            return 0;
    }
    if (s->nnames) {
        int hit = 0;
        for (unsigned i = 0; i < s->nnames; i++)
            hit |= (name && name[0] && strcasecmp(s->names[i], name) == 0) ||
                   (path && path[0] && strcasecmp(s->names[i], an_base_name(path)) == 0);
        if (!hit)
            return 0;
    }
    return 1;
}

void an_read_ustr(struct vas *v, const struct an_user_profile *pr, uint64_t va, uint64_t rebase,
                  struct an_ustr *out)
{
    uint8_t us[16];
    struct vas_miss m;
    out->text = NULL;
    out->va = 0;
    if (vas_read_exact(v, va, us, pr->us_size, &m) != 0) {
        out->av = an_av_of(&m);
        return;
    }
    uint16_t len = le16(us), max = le16(us + 2);
    uint64_t buf = an_word(pr, us + pr->us_buffer);
    if (buf && rebase && buf < 0x10000)
        buf += rebase;
    out->va = buf;
    if (len == 0) {
        out->av = AN_AV_OK;
        out->text = ep_strdup("");
        return;
    }
    if (!buf) {
        out->av = AN_AV_NULL;
        return;
    }
    if ((len & 1) || (max && len > max)) {
        out->av = AN_AV_INVALID;
        return;
    }
    uint8_t *tmp = ep_calloc(len, 1);
    if (vas_read_exact(v, buf, tmp, len, &m) != 0) {
        free(tmp);
        out->av = an_av_of(&m);
        return;
    }
    size_t cap = (size_t)len * 2 + 16;
    out->text = ep_calloc(cap, 1);
    text_from_utf16le(out->text, cap, tmp, len);
    free(tmp);
    out->av = AN_AV_OK;
}

void an_free_ustr(struct an_ustr *s)
{
    free(s->text);
    s->text = NULL;
}

static void read_teb(struct vas *v, const struct an_user_profile *pr, struct an_teb *t)
{
    uint8_t b[0x70];
    struct vas_miss m;
    t->av_deallocation = t->av_fls = t->av_flags = AN_AV_UNKNOWN;
    if (!t->va) {
        t->av = AN_AV_NULL;
        return;
    }
    if (vas_read_exact(v, t->va, b, pr->teb_head, &m) != 0) {
        t->av = an_av_of(&m);
        return;
    }
    t->exception_list = an_word(pr, b + pr->teb_exception_list);
    t->stack_base = an_word(pr, b + pr->teb_stack_base);
    t->stack_limit = an_word(pr, b + pr->teb_stack_limit);
    t->fiber_data = an_word(pr, b + pr->teb_fiber_data);
    t->self = an_word(pr, b + pr->teb_self);
    t->client_pid = an_word(pr, b + pr->teb_client_id);
    t->client_tid = an_word(pr, b + pr->teb_client_id + pr->ptr);
    t->tls_pointer = an_word(pr, b + pr->teb_tls_pointer);
    t->peb = an_word(pr, b + pr->teb_peb);
    t->last_error = le32(b + pr->teb_last_error);
    /* NtTib.Self points back at the TEB; a mismatch means these bytes are
     * not this thread's TEB (wrong layout or a bad Teb field). */
    t->av = t->self == t->va ? AN_AV_OK : AN_AV_INVALID;
    if (t->av != AN_AV_OK)
        return;
    uint8_t w[8];
    t->av_deallocation = vas_read_ptr(v, t->va + pr->teb_deallocation_stack, &t->deallocation_stack, &m) == 0
                         ? AN_AV_OK : an_av_of(&m);
    t->av_fls = vas_read_ptr(v, t->va + pr->teb_fls_data, &t->fls_data, &m) == 0 ? AN_AV_OK : an_av_of(&m);
    if (vas_read_exact(v, t->va + pr->teb_same_teb_flags, w, 2, &m) == 0) {
        t->same_teb_flags = le16(w);
        t->av_flags = AN_AV_OK;
    } else {
        t->av_flags = an_av_of(&m);
    }
}

/* The PEB address: the first readable TEB's, else what the kernel says. */
static void find_peb(struct an_process *p)
{
    struct an_peb *peb = &p->peb;
    size_t readable = 0;
    for (size_t i = 0; i < p->nthreads; i++) {
        if (p->threads[i].teb.av != AN_AV_OK)
            continue;
        readable++;
        if (!peb->va)
            peb->va = p->threads[i].teb.peb;
    }
    if (!peb->va)
        peb->va = p->peb_hint;
    if (peb->va)
        return;
    peb->av = AN_AV_UNKNOWN;
    if (p->has_kernel)
        snprintf(peb->why, sizeof peb->why, "EPROCESS.Peb is NULL (a kernel-only process)");
    else if (p->nthreads == 0)
        snprintf(peb->why, sizeof peb->why, "the dump lists no threads, so no TEB leads to the PEB");
    else if (readable == 0)
        snprintf(peb->why, sizeof peb->why, "no thread's TEB is in the dump, so the PEB address is unknown");
    else
        snprintf(peb->why, sizeof peb->why, "the TEBs hold a NULL PEB pointer");
}

void an_read_peb(struct vas *v, const struct an_user_profile *pr, uint64_t va, struct an_peb *p)
{
    struct vas_miss m;
    p->va = va;
    p->av_os = p->av_session = AN_AV_UNKNOWN;
    if (!va) {
        if (p->av == AN_AV_OK)
            p->av = AN_AV_NULL;
        return;
    }
    uint8_t b[0x40];
    if (vas_read_exact(v, va, b, pr->peb_head, &m) != 0) {
        p->av = an_av_of(&m);
        snprintf(p->why, sizeof p->why, "the PEB at 0x%" PRIx64 " %s", va, an_why_missing(v, &m));
        return;
    }
    p->av = AN_AV_OK;
    p->being_debugged = b[pr->peb_being_debugged];
    p->image_base = an_word(pr, b + pr->peb_image_base);
    p->ldr = an_word(pr, b + pr->peb_ldr);
    p->process_parameters = an_word(pr, b + pr->peb_params);
    p->process_heap = an_word(pr, b + pr->peb_process_heap);
    uint8_t o[0x14];
    vas_read_ptr(v, va + pr->peb_api_set_map, &p->api_set_map, NULL);
    if (vas_read_exact(v, va + pr->peb_number_of_processors, o, 8, NULL) == 0) {
        p->number_of_processors = le32(o);
        p->nt_global_flag = le32(o + 4);
    }
    if (vas_read_exact(v, va + pr->peb_os_major, o, 0x14, &m) == 0) {
        p->av_os = AN_AV_OK;
        p->os_major = le32(o);
        p->os_minor = le32(o + 4);
        p->os_build = le16(o + 8);
        p->os_platform = le32(o + 12);
        p->image_subsystem = le32(o + 16);
    } else {
        p->av_os = an_av_of(&m);
    }
    if (vas_read_exact(v, va + pr->peb_session_id, o, 4, &m) == 0) {
        p->av_session = AN_AV_OK;
        p->session_id = le32(o);
    } else {
        p->av_session = an_av_of(&m);
    }
}

/* Split a UTF-16 environment block into NAME=VALUE strings.  A name may
 * start with '=' ("=C:=C:\\dir"): the separator is the first '=' after
 * the first character. */
static void parse_environment(struct an_params *pp, const uint8_t *blk, size_t n)
{
    size_t cap = 64;
    pp->env = ep_calloc(cap, sizeof *pp->env);
    size_t i = 0;
    while (i + 1 < n && pp->nenv < AN_MAX_ENV_VARS) {
        size_t start = i;
        while (i + 1 < n && (blk[i] || blk[i + 1]))
            i += 2;
        size_t len = i - start;
        if (len == 0)
            break;                      /* the empty string ends the block */
        int terminated = i + 1 < n;
        size_t tcap = len * 2 + 16;
        char *text = ep_calloc(tcap, 1);
        text_from_utf16le(text, tcap, blk + start, len);
        char *eq = text[0] ? strchr(text + 1, '=') : NULL;
        if (pp->nenv == cap) {
            cap *= 2;
            struct an_envvar *nv = realloc(pp->env, cap * sizeof *nv);
            if (!nv) {
                fputs("eproc: out of memory\n", stderr);
                abort();
            }
            pp->env = nv;
        }
        struct an_envvar *e = &pp->env[pp->nenv++];
        e->name = text;
        if (eq) {
            *eq = 0;
            e->value = ep_strdup(eq + 1);
        } else {
            e->value = ep_strdup("");
        }
        if (!terminated) {
            pp->env_truncated = 1;
            break;
        }
        i += 2;
    }
    if (pp->nenv == AN_MAX_ENV_VARS)
        pp->env_truncated = 1;
}

static void read_environment(struct vas *v, struct an_params *pp)
{
    if (!pp->environment) {
        pp->env_av = AN_AV_NULL;
        return;
    }
    uint64_t want = AN_MAX_ENV_BYTES;
    if (pp->environment_size && pp->environment_size < want)
        want = pp->environment_size;
    uint8_t *blk = ep_calloc((size_t)want, 1);
    struct vas_miss m;
    uint64_t got = vas_read(v, pp->environment, blk, want, &m);
    if (got < 2) {
        free(blk);
        pp->env_av = an_av_of(&m);
        return;
    }
    pp->env_av = AN_AV_OK;
    parse_environment(pp, blk, (size_t)(got & ~1ull));
    /* The block ends with an empty string; if we never saw it, missing
     * memory (or the cap) cut it short. */
    if (got < want && !pp->env_truncated) {
        int ended = 0;
        for (size_t i = 0; i + 3 < got; i += 2)
            if (!blk[i] && !blk[i + 1] && !blk[i + 2] && !blk[i + 3]) {
                ended = 1;
                break;
            }
        if (!ended)
            pp->env_truncated = 1;
    }
    free(blk);
}

void an_read_params(struct vas *v, const struct an_user_profile *pr, const struct an_peb *peb,
                    struct an_params *pp)
{
    struct an_ustr *strs[] = { &pp->current_directory, &pp->dll_path, &pp->image_path,
                               &pp->command_line, &pp->window_title, &pp->desktop_info,
                               &pp->shell_info };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        strs[i]->av = AN_AV_UNKNOWN;
    pp->env_av = AN_AV_UNKNOWN;
    if (peb->av != AN_AV_OK) {
        pp->av = AN_AV_UNKNOWN;
        snprintf(pp->why, sizeof pp->why, "%s", peb->why);
        return;
    }
    pp->va = peb->process_parameters;
    if (!pp->va) {
        pp->av = AN_AV_NULL;
        snprintf(pp->why, sizeof pp->why, "PEB.ProcessParameters is NULL");
        return;
    }
    uint8_t b[0xe0];
    uint32_t need = pr->pp_shell_info + pr->us_size;
    struct vas_miss m;
    if (vas_read_exact(v, pp->va, b, need, &m) != 0) {
        pp->av = an_av_of(&m);
        snprintf(pp->why, sizeof pp->why, "the process parameters at 0x%" PRIx64 " %s", pp->va,
                 strcmp(v->where, "the dump") == 0 && m.gap == VAS_GAP_ABSENT ? "are not in the dump"
                 : an_why_missing(v, &m));
        return;
    }
    pp->av = AN_AV_OK;
    uint32_t length = le32(b + pr->pp_length);
    pp->flags = le32(b + pr->pp_flags);
    /* RTL_USER_PROC_PARAMS_NORMALIZED (1): pointers are absolute; before
     * normalisation they are offsets from the block. */
    uint64_t rebase = (pp->flags & 1) ? 0 : pp->va;
    uint32_t offs[] = { pr->pp_current_directory, pr->pp_dll_path, pr->pp_image_path,
                        pr->pp_command_line, pr->pp_window_title, pr->pp_desktop_info,
                        pr->pp_shell_info };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        an_read_ustr(v, pr, pp->va + offs[i], rebase, strs[i]);
    pp->environment = an_word(pr, b + pr->pp_environment);
    if (rebase && pp->environment && pp->environment < 0x10000)
        pp->environment += rebase;
    if (length >= pr->pp_environment_size + pr->ptr)
        vas_read_ptr(v, pp->va + pr->pp_environment_size, &pp->environment_size, NULL);
    read_environment(v, pp);
}

void an_free_params(struct an_params *pp)
{
    an_free_ustr(&pp->current_directory);
    an_free_ustr(&pp->dll_path);
    an_free_ustr(&pp->image_path);
    an_free_ustr(&pp->command_line);
    an_free_ustr(&pp->window_title);
    an_free_ustr(&pp->desktop_info);
    an_free_ustr(&pp->shell_info);
    for (size_t i = 0; i < pp->nenv; i++) {
        free(pp->env[i].name);
        free(pp->env[i].value);
    }
    free(pp->env);
    pp->env = NULL;
    pp->nenv = 0;
}

void an_walk_user(struct an_process *p)
{
    struct vas *v = p->vas;
    const struct an_user_profile *pr = p->profile;
    if (!v || !pr)
        return;
    for (size_t i = 0; i < p->nthreads; i++) {
        p->threads[i].teb.va = p->threads[i].teb_va;
        read_teb(v, pr, &p->threads[i].teb);
    }
    find_peb(p);
    if (p->peb.va)
        an_read_peb(v, pr, p->peb.va, &p->peb);
    an_read_params(v, pr, &p->peb, &p->params);
    an_read_ldr(v, pr, &p->peb, p->peb.av_os == AN_AV_OK ? p->peb.os_build : 0, &p->ldr);
    an_find_fibers(p);
}

/* A WoW64 thread's TEB32: the 64-bit TEB's WowTebOffset away from it. */
static void read_teb32(struct vas *v64, const struct an_user_profile *pr64, struct vas *vas32,
                       const struct an_user_profile *pr32, struct an_thread *th)
{
    uint8_t b[4];
    if (th->teb.av != AN_AV_OK || !pr64->teb_wow_teb_offset ||
        vas_read_exact(v64, th->teb.va + pr64->teb_wow_teb_offset, b, 4, NULL) != 0)
        return;
    int32_t off = (int32_t)le32(b);
    uint64_t va = th->teb.va + (uint64_t)(int64_t)off;
    if (off == 0 || va >= 1ull << 32)
        return;
    th->teb32.va = va;
    read_teb(vas32, pr32, &th->teb32);
}

void an_walk_wow64(struct an_process *p, struct vas *vas32)
{
    const struct an_user_profile *pr = an_user_profile_for(4);
    struct an_wow64 *w = &p->wow64;
    if (p->vas && p->profile)
        for (size_t i = 0; i < p->nthreads; i++)
            read_teb32(p->vas, p->profile, vas32, pr, &p->threads[i]);
    an_read_peb(vas32, pr, w->peb32, &w->peb);
    an_read_params(vas32, pr, &w->peb, &w->params);
    an_read_ldr(vas32, pr, &w->peb, w->peb.av_os == AN_AV_OK ? w->peb.os_build : 0, &w->ldr);
}

void an_process_free(struct an_process *p)
{
    free(p->threads);
    an_free_params(&p->params);
    an_free_ldr(&p->ldr);
    an_free_params(&p->wow64.params);
    for (size_t i = 0; i < p->wow64.nmodules; i++)
        free((char *)p->wow64.modules[i].path);
    free(p->wow64.modules);
    an_free_ldr(&p->wow64.ldr);
    free(p->fibers);
    free(p->fls);
    free(p->module_index);
    if (p->modules_owned) {
        for (size_t i = 0; i < p->nmodules; i++) {
            free((char *)p->modules[i].path);
            free(p->modules[i].pdb_name);
        }
        free(p->modules);
    }
    if (p->vads) {
        for (size_t i = 0; i < p->nregions; i++)
            free((char *)p->vads[i].file);
        free(p->vads);
    }
    vas_close(p->vas);
    memset(p, 0, sizeof *p);
}

void anatomy_free(struct anatomy *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nprocs; i++)
        an_process_free(&a->procs[i]);
    free(a->procs);
    for (size_t i = 0; i < a->nkernel_modules; i++) {
        free((char *)a->kernel_modules[i].path);
        free((char *)a->kernel_modules[i].name);
        free(a->kernel_modules[i].pdb_name);
    }
    free(a->kernel_modules);
    free(a->kernel_module_index);
    if (a->source_free)
        a->source_free(a->source);
    free(a);
}

void anatomy_release_pages(struct anatomy *a)
{
    if (a && a->source_release_pages)
        a->source_release_pages(a->source);
}
