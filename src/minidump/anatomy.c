/* The process anatomy from dumped memory: each thread's TEB, and through it
 * the PEB, the process parameters (image path, command line, current
 * directory, environment) and the loader's three module lists.
 *
 * Every read may fail because the writer did not save that memory (a
 * normal minidump has stacks, not the PEB).  Nothing here is an error:
 * each value carries an md_avail and each structure a "why" that names
 * the first link of the chain that was missing.  Walks are bounded. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "minidump/md_internal.h"
#include "minidump/userprofile.h"

void md_find_fibers(struct md_dump *md, struct md_anatomy *a);   /* fibers.c */

const char *md_avail_name(enum md_avail av)
{
    switch (av) {
    case MD_AV_OK: return "read";
    case MD_AV_NOT_DUMPED: return "not in the dump";
    case MD_AV_NULL: return "null pointer";
    case MD_AV_INVALID: return "invalid";
    default: return "unknown";
    }
}

static uint64_t rd_ptr(const struct md_dump *md, const uint8_t *p)
{
    return md->ptr_size == 4 ? le32(p) : le64(p);
}

/* UNICODE_STRING at va.  base/denormalized: for process parameters that
 * were never normalised, Buffer is an offset from the parameters block. */
static void read_ustr(const struct md_dump *md, const struct md_user_profile *pr,
                      uint64_t va, uint64_t rebase, struct md_ustr *out)
{
    uint8_t us[16];
    out->text = NULL;
    out->va = 0;
    if (md_read_exact(md, va, us, pr->us_size) != 0) {
        out->av = MD_AV_NOT_DUMPED;
        return;
    }
    uint16_t len = le16(us), max = le16(us + 2);
    uint64_t buf = rd_ptr(md, us + pr->us_buffer);
    if (buf && rebase && buf < 0x10000)
        buf += rebase;
    out->va = buf;
    if (len == 0) {
        out->av = MD_AV_OK;
        out->text = md_strdup("");
        return;
    }
    if (!buf) {
        out->av = MD_AV_NULL;
        return;
    }
    if ((len & 1) || (max && len > max)) {
        out->av = MD_AV_INVALID;
        return;
    }
    uint8_t *tmp = md_calloc(len, 1);
    if (md_read_exact(md, buf, tmp, len) != 0) {
        free(tmp);
        out->av = MD_AV_NOT_DUMPED;
        return;
    }
    size_t cap = (size_t)len * 2 + 16;
    out->text = md_calloc(cap, 1);
    text_from_utf16le(out->text, cap, tmp, len);
    free(tmp);
    out->av = MD_AV_OK;
}

static void free_ustr(struct md_ustr *s)
{
    free(s->text);
    s->text = NULL;
}

static void read_tebs(struct md_dump *md, const struct md_user_profile *pr, struct md_anatomy *a)
{
    a->ntebs = md->nthreads;
    a->tebs = md_calloc(md->nthreads, sizeof *a->tebs);
    for (size_t i = 0; i < md->nthreads; i++) {
        struct md_teb *t = &a->tebs[i];
        uint8_t b[0x70];
        t->va = md->threads[i].teb;
        t->av_deallocation = t->av_fls = t->av_flags = MD_AV_UNKNOWN;
        if (!t->va) {
            t->av = MD_AV_NULL;
            continue;
        }
        if (md_read_exact(md, t->va, b, pr->teb_head) != 0) {
            t->av = MD_AV_NOT_DUMPED;
            continue;
        }
        t->exception_list = rd_ptr(md, b + pr->teb_exception_list);
        t->stack_base = rd_ptr(md, b + pr->teb_stack_base);
        t->stack_limit = rd_ptr(md, b + pr->teb_stack_limit);
        t->fiber_data = rd_ptr(md, b + pr->teb_fiber_data);
        t->self = rd_ptr(md, b + pr->teb_self);
        t->client_pid = rd_ptr(md, b + pr->teb_client_id);
        t->client_tid = rd_ptr(md, b + pr->teb_client_id + pr->ptr);
        t->tls_pointer = rd_ptr(md, b + pr->teb_tls_pointer);
        t->peb = rd_ptr(md, b + pr->teb_peb);
        t->last_error = le32(b + pr->teb_last_error);
        /* NtTib.Self points back at the TEB; a mismatch means these bytes
         * are not this thread's TEB (wrong layout or a bad Teb field). */
        t->av = t->self == t->va ? MD_AV_OK : MD_AV_INVALID;
        if (t->av != MD_AV_OK)
            continue;
        uint8_t w[8];
        t->av_deallocation = md_read_ptr(md, t->va + pr->teb_deallocation_stack,
                                         &t->deallocation_stack) == 0 ? MD_AV_OK : MD_AV_NOT_DUMPED;
        t->av_fls = md_read_ptr(md, t->va + pr->teb_fls_data, &t->fls_data) == 0
                    ? MD_AV_OK : MD_AV_NOT_DUMPED;
        if (md_read_exact(md, t->va + pr->teb_same_teb_flags, w, 2) == 0) {
            t->same_teb_flags = le16(w);
            t->av_flags = MD_AV_OK;
        } else {
            t->av_flags = MD_AV_NOT_DUMPED;
        }
    }
}

static void read_peb(struct md_dump *md, const struct md_user_profile *pr, struct md_anatomy *a)
{
    struct md_peb *p = &a->peb;
    p->av_os = p->av_session = MD_AV_UNKNOWN;
    size_t readable = 0;
    for (size_t i = 0; i < a->ntebs; i++) {
        if (a->tebs[i].av != MD_AV_OK)
            continue;
        readable++;
        if (!p->va)
            p->va = a->tebs[i].peb;
    }
    if (!p->va) {
        p->av = MD_AV_UNKNOWN;
        if (md->nthreads == 0)
            snprintf(p->why, sizeof p->why, "the dump lists no threads, so no TEB leads to the PEB");
        else if (readable == 0)
            snprintf(p->why, sizeof p->why, "no thread's TEB is in the dump, so the PEB address is unknown");
        else
            snprintf(p->why, sizeof p->why, "the TEBs hold a NULL PEB pointer");
        return;
    }
    uint8_t b[0x40];
    if (md_read_exact(md, p->va, b, pr->peb_head) != 0) {
        p->av = MD_AV_NOT_DUMPED;
        snprintf(p->why, sizeof p->why, "the PEB at 0x%" PRIx64 " is not in the dump", p->va);
        return;
    }
    p->av = MD_AV_OK;
    p->being_debugged = b[pr->peb_being_debugged];
    p->image_base = rd_ptr(md, b + pr->peb_image_base);
    p->ldr = rd_ptr(md, b + pr->peb_ldr);
    p->process_parameters = rd_ptr(md, b + pr->peb_params);
    p->process_heap = rd_ptr(md, b + pr->peb_process_heap);
    uint8_t o[0x14];
    md_read_ptr(md, p->va + pr->peb_api_set_map, &p->api_set_map);
    if (md_read_exact(md, p->va + pr->peb_number_of_processors, o, 8) == 0) {
        p->number_of_processors = le32(o);
        p->nt_global_flag = le32(o + 4);
    }
    if (md_read_exact(md, p->va + pr->peb_os_major, o, 0x14) == 0) {
        p->av_os = MD_AV_OK;
        p->os_major = le32(o);
        p->os_minor = le32(o + 4);
        p->os_build = le16(o + 8);
        p->os_platform = le32(o + 12);
        p->image_subsystem = le32(o + 16);
    } else {
        p->av_os = MD_AV_NOT_DUMPED;
    }
    if (md_read_exact(md, p->va + pr->peb_session_id, o, 4) == 0) {
        p->av_session = MD_AV_OK;
        p->session_id = le32(o);
    } else {
        p->av_session = MD_AV_NOT_DUMPED;
    }
}

/* Split a UTF-16 environment block into NAME=VALUE strings.  A name may
 * start with '=' ("=C:=C:\\dir"): the separator is the first '=' after
 * the first character. */
static void parse_environment(struct md_params *pp, const uint8_t *blk, size_t n)
{
    size_t cap = 64;
    pp->env = md_calloc(cap, sizeof *pp->env);
    size_t i = 0;
    while (i + 1 < n && pp->nenv < MD_MAX_ENV_VARS) {
        size_t start = i;
        while (i + 1 < n && (blk[i] || blk[i + 1]))
            i += 2;
        size_t len = i - start;
        if (len == 0)
            break;                      /* the empty string ends the block */
        int terminated = i + 1 < n;
        size_t tcap = len * 2 + 16;
        char *text = md_calloc(tcap, 1);
        text_from_utf16le(text, tcap, blk + start, len);
        char *eq = text[0] ? strchr(text + 1, '=') : NULL;
        if (pp->nenv == cap) {
            cap *= 2;
            struct md_envvar *nv = realloc(pp->env, cap * sizeof *nv);
            if (!nv) {
                fputs("eproc: out of memory\n", stderr);
                abort();
            }
            pp->env = nv;
        }
        struct md_envvar *v = &pp->env[pp->nenv++];
        if (eq) {
            *eq = 0;
            v->name = text;
            v->value = md_strdup(eq + 1);
        } else {
            v->name = text;
            v->value = md_strdup("");
        }
        if (!terminated) {
            pp->env_truncated = 1;
            break;
        }
        i += 2;
    }
    if (pp->nenv == MD_MAX_ENV_VARS)
        pp->env_truncated = 1;
}

static void read_environment(struct md_dump *md, struct md_params *pp)
{
    if (!pp->environment) {
        pp->env_av = MD_AV_NULL;
        return;
    }
    uint64_t want = MD_MAX_ENV_BYTES;
    if (pp->environment_size && pp->environment_size < want)
        want = pp->environment_size;
    uint8_t *blk = md_calloc((size_t)want, 1);
    uint64_t got = md_read(md, pp->environment, blk, want);
    if (got < 2) {
        free(blk);
        pp->env_av = MD_AV_NOT_DUMPED;
        return;
    }
    pp->env_av = MD_AV_OK;
    parse_environment(pp, blk, (size_t)(got & ~1ull));
    /* The block ends with an empty string; if we never saw it, the dump
     * (or the cap) cut it short. */
    if (got < want && !pp->env_truncated) {
        size_t i = 0, last_empty = 0;
        for (; i + 3 < got; i += 2)
            if (!blk[i] && !blk[i + 1] && !blk[i + 2] && !blk[i + 3]) {
                last_empty = 1;
                break;
            }
        if (!last_empty)
            pp->env_truncated = 1;
    }
    free(blk);
}

static void read_params(struct md_dump *md, const struct md_user_profile *pr, struct md_anatomy *a)
{
    struct md_params *pp = &a->params;
    struct md_ustr *strs[] = { &pp->current_directory, &pp->dll_path, &pp->image_path,
                               &pp->command_line, &pp->window_title, &pp->desktop_info,
                               &pp->shell_info };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        strs[i]->av = MD_AV_UNKNOWN;
    pp->env_av = MD_AV_UNKNOWN;
    if (a->peb.av != MD_AV_OK) {
        pp->av = MD_AV_UNKNOWN;
        snprintf(pp->why, sizeof pp->why, "%s", a->peb.why);
        return;
    }
    pp->va = a->peb.process_parameters;
    if (!pp->va) {
        pp->av = MD_AV_NULL;
        snprintf(pp->why, sizeof pp->why, "PEB.ProcessParameters is NULL");
        return;
    }
    uint8_t b[0xe0];
    uint32_t need = pr->pp_shell_info + pr->us_size;
    if (md_read_exact(md, pp->va, b, need) != 0) {
        pp->av = MD_AV_NOT_DUMPED;
        snprintf(pp->why, sizeof pp->why, "the process parameters at 0x%" PRIx64 " are not in the dump",
                 pp->va);
        return;
    }
    pp->av = MD_AV_OK;
    uint32_t length = le32(b + pr->pp_length);
    pp->flags = le32(b + pr->pp_flags);
    /* RTL_USER_PROC_PARAMS_NORMALIZED (1): pointers are absolute; before
     * normalisation they are offsets from the block. */
    uint64_t rebase = (pp->flags & 1) ? 0 : pp->va;
    uint32_t offs[] = { pr->pp_current_directory, pr->pp_dll_path, pr->pp_image_path,
                        pr->pp_command_line, pr->pp_window_title, pr->pp_desktop_info,
                        pr->pp_shell_info };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        read_ustr(md, pr, pp->va + offs[i], rebase, strs[i]);
    pp->environment = rd_ptr(md, b + pr->pp_environment);
    if (rebase && pp->environment && pp->environment < 0x10000)
        pp->environment += rebase;
    if (length >= pr->pp_environment_size + pr->ptr)
        md_read_ptr(md, pp->va + pr->pp_environment_size, &pp->environment_size);
    read_environment(md, pp);
}

/* --- loader lists --- */

#define LDR_HASH 8192u   /* > 2 * MD_MAX_LDR_ENTRIES */

struct ldr_set {
    uint64_t key[LDR_HASH];
    int idx[LDR_HASH];
};

static int *ldr_slot(struct ldr_set *s, uint64_t va)
{
    uint64_t h = (va >> 4) * 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < LDR_HASH; i++) {
        unsigned k = (unsigned)((h >> 40) + i) % LDR_HASH;
        if (s->idx[k] < 0 || s->key[k] == va) {
            s->key[k] = va;
            return &s->idx[k];
        }
    }
    return NULL;
}

static struct md_ldr_entry *ldr_entry(struct md_dump *md, const struct md_user_profile *pr,
                                      struct md_ldr *l, struct ldr_set *set, uint64_t va,
                                      size_t *cap)
{
    int *slot = ldr_slot(set, va);
    if (!slot)
        return NULL;
    if (*slot >= 0)
        return &l->entries[*slot];
    if (l->nentries >= MD_MAX_LDR_ENTRIES)
        return NULL;
    if (l->nentries == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        struct md_ldr_entry *ne = realloc(l->entries, *cap * sizeof *ne);
        if (!ne) {
            fputs("eproc: out of memory\n", stderr);
            abort();
        }
        l->entries = ne;
    }
    *slot = (int)l->nentries;
    struct md_ldr_entry *e = &l->entries[l->nentries++];
    memset(e, 0, sizeof *e);
    e->va = va;
    e->load_index = e->mem_index = e->init_index = -1;
    uint8_t b[0x68];
    if (md_read_exact(md, va, b, pr->entry_size) != 0) {
        e->av = MD_AV_NOT_DUMPED;
        e->full_name.av = e->base_name.av = MD_AV_UNKNOWN;
        return e;
    }
    e->av = MD_AV_OK;
    e->base = rd_ptr(md, b + pr->entry_dll_base);
    e->entry_point = rd_ptr(md, b + pr->entry_entry_point);
    e->size = le32(b + pr->entry_size_of_image);
    read_ustr(md, pr, va + pr->entry_full_name, 0, &e->full_name);
    read_ustr(md, pr, va + pr->entry_base_name, 0, &e->base_name);
    return e;
}

static void walk_list(struct md_dump *md, const struct md_user_profile *pr, struct md_ldr *l,
                      struct ldr_set *set, size_t *cap, int which)
{
    static const char *const names[] = { "InLoadOrderModuleList", "InMemoryOrderModuleList",
                                         "InInitializationOrderModuleList" };
    struct md_ldr_list *L = &l->lists[which];
    uint64_t head = l->va + pr->ldr_list[which];
    uint64_t cur;
    if (md_read_ptr(md, head, &cur) != 0) {
        L->av = MD_AV_NOT_DUMPED;
        snprintf(L->problem, sizeof L->problem, "%s head at 0x%" PRIx64 " not in the dump",
                 names[which], head);
        return;
    }
    L->av = MD_AV_OK;
    while (cur != head) {
        if (cur == 0) {
            L->av = MD_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: NULL link after %zu entries",
                     names[which], L->count);
            return;
        }
        if (L->count >= MD_MAX_LDR_ENTRIES) {
            L->av = MD_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: stopped after %u entries (cap)",
                     names[which], MD_MAX_LDR_ENTRIES);
            return;
        }
        uint64_t eva = cur - pr->entry_link[which];
        struct md_ldr_entry *e = ldr_entry(md, pr, l, set, eva, cap);
        if (!e) {
            L->av = MD_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: too many distinct entries", names[which]);
            return;
        }
        int *flag = which == MD_LDR_LOAD ? &e->in_load : which == MD_LDR_MEM ? &e->in_mem : &e->in_init;
        int *index = which == MD_LDR_LOAD ? &e->load_index
                     : which == MD_LDR_MEM ? &e->mem_index : &e->init_index;
        if (*flag) {
            L->av = MD_AV_INVALID;
            snprintf(L->problem, sizeof L->problem,
                     "%s loops back to entry 0x%" PRIx64 " without reaching its head",
                     names[which], eva);
            return;
        }
        *flag = 1;
        *index = (int)L->count++;
        if (md_read_ptr(md, cur, &cur) != 0) {
            L->av = MD_AV_NOT_DUMPED;
            snprintf(L->problem, sizeof L->problem,
                     "%s: entry %zu (0x%" PRIx64 ") is not in the dump; the walk stops there",
                     names[which], L->count, eva);
            return;
        }
    }
}

static void read_ldr(struct md_dump *md, const struct md_user_profile *pr, struct md_anatomy *a)
{
    struct md_ldr *l = &a->ldr;
    for (int i = 0; i < 3; i++)
        l->lists[i].av = MD_AV_UNKNOWN;
    if (a->peb.av != MD_AV_OK) {
        l->av = MD_AV_UNKNOWN;
        snprintf(l->why, sizeof l->why, "%s", a->peb.why);
        return;
    }
    l->va = a->peb.ldr;
    if (!l->va) {
        l->av = MD_AV_NULL;
        snprintf(l->why, sizeof l->why, "PEB.Ldr is NULL (the loader had not started)");
        return;
    }
    uint8_t b[0x40];
    if (md_read_exact(md, l->va, b, pr->ldr_size) != 0) {
        l->av = MD_AV_NOT_DUMPED;
        snprintf(l->why, sizeof l->why, "the loader data (PEB.Ldr) at 0x%" PRIx64 " is not in the dump",
                 l->va);
        return;
    }
    l->av = MD_AV_OK;
    l->initialized = b[pr->ldr_initialized];
    struct ldr_set *set = md_calloc(1, sizeof *set);
    for (unsigned i = 0; i < LDR_HASH; i++)
        set->idx[i] = -1;
    size_t cap = 0;
    for (int w = 0; w < 3; w++)
        walk_list(md, pr, l, set, &cap, w);
    free(set);
}

const struct md_anatomy *md_anatomy(struct md_dump *md)
{
    if (md->anatomy)
        return md->anatomy;
    const struct md_user_profile *pr = md_user_profile(md->arch);
    struct md_anatomy *a = md_calloc(1, sizeof *a);
    read_tebs(md, pr, a);
    read_peb(md, pr, a);
    read_params(md, pr, a);
    read_ldr(md, pr, a);
    md_find_fibers(md, a);
    md->anatomy = a;
    return a;
}

void md_anatomy_free(struct md_anatomy *a)
{
    if (!a)
        return;
    free(a->tebs);
    struct md_params *pp = &a->params;
    free_ustr(&pp->current_directory);
    free_ustr(&pp->dll_path);
    free_ustr(&pp->image_path);
    free_ustr(&pp->command_line);
    free_ustr(&pp->window_title);
    free_ustr(&pp->desktop_info);
    free_ustr(&pp->shell_info);
    for (size_t i = 0; i < pp->nenv; i++) {
        free(pp->env[i].name);
        free(pp->env[i].value);
    }
    free(pp->env);
    for (size_t i = 0; i < a->ldr.nentries; i++) {
        free_ustr(&a->ldr.entries[i].full_name);
        free_ustr(&a->ldr.entries[i].base_name);
    }
    free(a->ldr.entries);
    free(a->fibers);
    free(a->fls);
    free(a);
}

int md_process_id(struct md_dump *md, uint32_t *pid)
{
    if (md->pid_state == 0) {
        md->pid_state = -1;
        if (md->misc.present && (md->misc.flags1 & MD_MISC1_PROCESS_ID)) {
            md->pid = md->misc.pid;
            md->pid_state = 1;
        } else {
            const struct md_anatomy *a = md_anatomy(md);
            for (size_t i = 0; i < a->ntebs; i++)
                if (a->tebs[i].av == MD_AV_OK && a->tebs[i].client_pid) {
                    md->pid = (uint32_t)a->tebs[i].client_pid;
                    md->pid_state = 1;
                    break;
                }
        }
    }
    *pid = md->pid_state == 1 ? md->pid : 0;
    return md->pid_state == 1 ? 0 : -1;
}

const char *md_process_name(struct md_dump *md)
{
    if (md->name_done)
        return md->process_name;
    md->name_done = 1;
    const struct md_anatomy *a = md_anatomy(md);
    const char *path = NULL;
    if (a->params.image_path.av == MD_AV_OK && a->params.image_path.text[0])
        path = a->params.image_path.text;
    else if (md->nmodules)
        path = md->modules[0].path;
    if (!path)
        return md->process_name;
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            name = p + 1;
    size_t n = strlen(name);
    if (n >= 261) {                 /* cut at a UTF-8 character boundary */
        n = 260;
        while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
            n--;
    }
    memcpy(md->process_name, name, n);
    md->process_name[n] = 0;
    return md->process_name;
}
