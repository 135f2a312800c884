/* IMAGE.truth.json: what the forge wrote and where (docs/forge.md).
 * Addresses are "0x..." strings (virtual, and physical through the
 * owning address space); times are ISO-8601 UTC and FILETIME numbers. */
#include "base/safe_file.h"
#include "forge/forge_int.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cp1252.h"
#include "base/text.h"
#include "symbols/builtin_26100.h"
#include "symbols/isf.h"

static json_t *hex(uint64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
    return json_string(b);
}

static json_t *phys_of(const struct forge *f, uint64_t root, uint64_t va)
{
    uint64_t pa;
    if (va && pg_translate(f, root, va, &pa))
        return hex(pa);
    return json_null();
}

static json_t *when(uint64_t ft)
{
    char b[40];
    if (!ft || filetime_to_iso(ft, b) != 0)
        return json_null();
    return json_string(b);
}

static void set(json_t *o, const char *k, json_t *v) { json_object_set_new(o, k, v); }

static json_t *thread_json(const struct forge *f, const struct fprocess *p, const struct fthread *t)
{
    json_t *o = json_object();
    set(o, "tid", json_integer(t->tid));
    set(o, "pid", json_integer(p->pid));
    set(o, "offset", hex(t->ethread));
    set(o, "offset_phys", phys_of(f, f->sys_root, t->ethread));
    set(o, "create_time", when(t->create_time));
    set(o, "exit_time", when(t->exit_time));
    set(o, "start_address", hex(t->start_address));
    set(o, "win32_start_address", hex(t->win32_start));
    set(o, "start", json_string(t->start_desc));
    set(o, "teb", t->teb ? hex(t->teb) : json_null());
    if (t->imp_token) {
        static const char *const levels[] = { "Anonymous", "Identification", "Impersonation", "Delegation" };
        json_t *im = json_object();
        set(im, "token", hex(t->imp_token));
        set(im, "client_pid", json_integer(t->imp_client_pid));
        set(im, "user_sid", json_string(t->imp_user_sid));
        set(im, "level", json_string(levels[t->imp_level & 3]));
        set(o, "impersonation", im);
    } else {
        set(o, "impersonation", json_null());
    }
    set(o, "teb_phys", t->teb ? phys_of(f, p->root, t->teb) : json_null());
    set(o, "kernel_stack_base", hex(t->kstack_base));
    set(o, "kernel_stack_limit", hex(t->kstack_limit));
    set(o, "user_stack_base", t->ustack_base ? hex(t->ustack_base) : json_null());
    set(o, "user_stack_limit", t->ustack_limit ? hex(t->ustack_limit) : json_null());
    set(o, "system_thread", json_boolean(t->is_system));
    set(o, "fiber", json_boolean(t->fiber));
    set(o, "ums", json_boolean(t->ums));
    set(o, "teb32", t->teb32 ? hex(t->teb32) : json_null());
    set(o, "stack32_base", t->stack32_base ? hex(t->stack32_base) : json_null());
    set(o, "stack32_limit", t->stack32_limit ? hex(t->stack32_limit) : json_null());
    if (t->trap_frame) {
        json_t *ic = json_object();
        set(ic, "trap_frame", hex(t->trap_frame));
        set(ic, "rip", hex(t->trap_rip));
        set(ic, "rcx", hex(t->context_record));
        set(ic, "rsp", hex(t->context_record));
        set(ic, "context_record", hex(t->context_record));
        set(ic, "context_rip", hex(t->context_rip));
        set(ic, "context_rcx", hex(t->win32_start));
        set(ic, "context_rdx", hex(t->context_rdx));
        set(ic, "context_rsp", hex(t->context_rsp));
        set(o, "initial_context", ic);
    } else {
        set(o, "initial_context", json_null());
    }
    set(o, "fiber_data", t->fiber_data ? hex(t->fiber_data) : json_null());
    set(o, "fls_data", t->fls_data ? hex(t->fls_data) : json_null());
    if (t->sfiber) {
        json_t *s = json_object();
        set(s, "fiber", hex(t->sfiber));
        set(s, "fiber_data", hex(t->sfiber_param));
        set(s, "stack_base", hex(t->sfiber_stack_base));
        set(s, "stack_limit", hex(t->sfiber_stack_limit));
        set(s, "deallocation_stack", hex(t->sfiber_dealloc));
        set(s, "saved_pc", hex(t->sfiber_pc));
        set(s, "saved_sp", hex(t->sfiber_sp));
        set(o, "suspended_fiber", s);
    } else {
        set(o, "suspended_fiber", json_null());
    }
    return o;
}

/* A loader list as written (the 64-bit one, or a WoW64 process's 32-bit one). */
static json_t *modules_json(const struct fmodule *mods, size_t n)
{
    json_t *ms = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct fmodule *m = &mods[i];
        json_t *mo = json_object();
        set(mo, "base", hex(m->img.base));
        set(mo, "size", hex(m->img.size));
        set(mo, "name", json_string(m->img.name));
        set(mo, "path", json_string(m->img.path));
        set(mo, "ldr_entry", m->ldr_entry ? hex(m->ldr_entry) : json_null());
        json_array_append_new(ms, mo);
    }
    return ms;
}

static const char *vad_kind(int k)
{
    return k == SC_VAD_IMAGE ? "image" : k == SC_VAD_MAPPED ? "mapped" : "private";
}

static const char *const prot_names[8] = {
    "PAGE_NOACCESS", "PAGE_READONLY", "PAGE_EXECUTE", "PAGE_EXECUTE_READ", "PAGE_READWRITE",
    "PAGE_WRITECOPY", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY",
};

/* What a reader walking ActiveProcessLinks forward from PsActiveProcessHead
 * meets in the image as written (after every technique): the position of
 * each EPROCESS on the walk, and how the walk ends.  Reads go through the
 * page tables without failing, since a technique may have left anything
 * in a Flink. */
enum walk_end { WALK_HEAD, WALK_CYCLE, WALK_BROKEN };
struct active_walk {
    long *index;                 /* per f->procs[i]: position, -1 not reached */
    uint32_t *order;             /* PIDs in walk order */
    size_t n;
    enum walk_end end;
    uint32_t cycle_from, cycle_to;   /* PIDs: whose Flink revisits whom */
};

static int kread64(const struct forge *f, uint64_t va, uint64_t *v)
{
    uint64_t pa;
    if ((va & 0xFFF) > 0xFF8 || !pg_translate(f, f->sys_root, va, &pa))
        return -1;
    mach_read(&f->m, pa, v, 8);
    return 0;
}

static int active_walk(const struct forge *f, struct active_walk *w)
{
    memset(w, 0, sizeof *w);
    w->index = malloc((f->nprocs + 1) * sizeof *w->index);
    w->order = malloc((f->nprocs + 1) * sizeof *w->order);
    if (!w->index || !w->order)
        return -1;
    for (size_t i = 0; i < f->nprocs; i++)
        w->index[i] = -1;
    uint64_t head = ksym(f, "PsActiveProcessHead"), links = (uint64_t)f->L.ep_ActiveProcessLinks.off;
    uint64_t cur, prev_pid = 0;
    if (!head || kread64(f, head, &cur)) {
        w->end = WALK_BROKEN;
        return 0;
    }
    while (cur != head) {
        size_t i = 0;
        while (i < f->nprocs && f->procs[i].eprocess + links != cur)
            i++;
        if (i == f->nprocs) {
            w->end = WALK_BROKEN;
            return 0;
        }
        if (w->index[i] >= 0) {
            w->end = WALK_CYCLE;
            w->cycle_from = (uint32_t)prev_pid;
            w->cycle_to = f->procs[i].pid;
            return 0;
        }
        w->index[i] = (long)w->n;
        w->order[w->n++] = f->procs[i].pid;
        prev_pid = f->procs[i].pid;
        if (kread64(f, cur, &cur)) {
            w->end = WALK_BROKEN;
            return 0;
        }
    }
    w->end = WALK_HEAD;
    return 0;
}

static json_t *process_json(const struct forge *f, const struct fprocess *p, long active_index)
{
    const struct sc_process *sp = p->sc;
    json_t *o = json_object();
    set(o, "pid", json_integer(p->pid));
    set(o, "ppid", json_integer(p->ppid));
    set(o, "creator_pid", json_integer(p->creator_pid));
    set(o, "name", json_string(sp->name));
    /* What EPROCESS.ImageFileName holds: 15 Windows-1252 bytes, as text. */
    uint8_t ansi[15];
    char fifteen[64];
    utf8_from_cp1252(fifteen, sizeof fifteen, ansi, cp1252_from_utf8(ansi, sizeof ansi, sp->name));
    set(o, "image_file_name", json_string(fifteen));
    set(o, "offset", hex(p->eprocess));
    set(o, "offset_phys", phys_of(f, f->sys_root, p->eprocess));
    set(o, "object_header", hex(obj_header_of(f, p->eprocess)));
    set(o, "dtb", hex(p->root));
    set(o, "session", (sp->kernel_only || !strcmp(sp->name, "smss.exe")) ? json_null() : json_integer(p->session));
    set(o, "session_space", p->session_space && !sp->kernel_only ? hex(p->session_space) : json_null());
    set(o, "create_time", when(p->create_time));
    set(o, "create_time_filetime", json_integer((json_int_t)p->create_time));
    set(o, "exit_time", when(p->exit_time));
    set(o, "exit_time_filetime", p->exit_time ? json_integer((json_int_t)p->exit_time) : json_null());
    set(o, "image_path", sp->image[0] ? json_string(sp->image) : json_null());
    set(o, "command_line", sp->cmdline[0] && p->peb ? json_string(sp->cmdline) : json_null());
    set(o, "cwd", p->peb ? json_string(sp->cwd[0] ? sp->cwd : "C:\\Windows\\system32\\") : json_null());
    set(o, "user", json_string(sp->user));
    set(o, "user_sid", json_string(p->user_sid));
    set(o, "integrity", json_string(p->integrity));
    set(o, "in_active_process_list", json_boolean(!p->unlinked && !p->freed));
    set(o, "active_list_index", active_index >= 0 ? json_integer(active_index) : json_null());
    int redundant = proc_on_redundant_lists(p);
    set(o, "in_mm_process_list", json_boolean(redundant && proc_mm_list_head(f)));
    set(o, "in_kprocess_list", json_boolean(redundant && proc_ki_list_head(f)));
    set(o, "exited", json_boolean(p->exited));
    set(o, "freed", json_boolean(p->freed));
    set(o, "kernel_only", json_boolean(sp->kernel_only));
    set(o, "protected", json_boolean(sp->protected_light));
    set(o, "protection_level", json_integer(forge_protection_level(sp, p)));
    set(o, "gui", json_boolean(sp->gui > 0));
    set(o, "wow64", json_boolean(p->ewow64 != 0));
    set(o, "wow64_process", p->ewow64 ? hex(p->ewow64) : json_null());
    set(o, "peb32", p->peb32 ? hex(p->peb32) : json_null());
    set(o, "ldr32", p->ldr32 ? hex(p->ldr32) : json_null());
    set(o, "process_parameters32", p->params32 ? hex(p->params32) : json_null());
    set(o, "modules32", modules_json(p->mods32, p->nmods32));
    set(o, "peb", p->peb ? hex(p->peb) : json_null());
    set(o, "peb_phys", p->peb ? phys_of(f, p->root, p->peb) : json_null());
    set(o, "ldr", p->ldr ? hex(p->ldr) : json_null());
    set(o, "process_parameters", p->params ? hex(p->params) : json_null());
    set(o, "environment_block", p->env ? hex(p->env) : json_null());
    json_t *paged = json_array();
    static const char *const part_names[] = { [SC_PAGED_PEB] = "peb", [SC_PAGED_LDR] = "ldr",
                                              [SC_PAGED_PARAMETERS] = "parameters" };
    for (size_t i = 0; i < p->npaged; i++) {
        json_t *pg = json_object();
        set(pg, "part", json_string(part_names[p->paged[i].part]));
        set(pg, "address", hex(p->paged[i].va));
        set(pg, "pte", hex(p->paged[i].pte));
        json_array_append_new(paged, pg);
    }
    set(o, "paged_out", paged);
    set(o, "process_heap", p->heap ? hex(p->heap) : json_null());
    set(o, "image_base", p->image_base ? hex(p->image_base) : json_null());
    set(o, "section_object", p->section_object ? hex(p->section_object) : json_null());
    set(o, "image_control_area", p->image_control_area ? hex(p->image_control_area) : json_null());
    set(o, "image_file_object", p->image_file_object ? hex(p->image_file_object) : json_null());
    set(o, "handle_table", p->exited ? json_null() : hex(p->handle_table));
    set(o, "handle_table_levels", json_integer(p->handle_levels));
    set(o, "vad_root", p->vad_root ? hex(p->vad_root) : json_null());
    set(o, "job", p->job ? hex(p->job) : json_null());
    set(o, "win32process", p->win32process ? hex(p->win32process) : json_null());
    set(o, "dxgprocess", p->dxgprocess ? hex(p->dxgprocess) : json_null());
    set(o, "csr_process", p->csr_process ? hex(p->csr_process) : json_null());
    set(o, "in_csr_list", json_boolean(p->csr_process && !p->csr_unlinked));
    set(o, "active_threads", json_integer(proc_active_threads(p)));
    set(o, "masqueraded_as", p->masquerade[0] ? json_string(p->masquerade) : json_null());
    if (p->peb) {
        /* the strings the environment block holds, the scenario's or the
         * default for the account */
        json_t *env = json_array();
        set(o, "environment_set_by_scenario", json_boolean(sp->has_env));
        if (sp->has_env) {
            for (size_t i = 0; i < sp->nenv; i++)
                json_array_append_new(env, json_string(sp->env[i]));
        } else {
            char *dv[DEFAULT_ENV_MAX];
            char *store = malloc(DEFAULT_ENV_MAX * DEFAULT_ENV_LEN);
            if (store) {
                size_t n = default_env(f, p, dv, store);
                for (size_t i = 0; i < n; i++)
                    json_array_append_new(env, json_string(dv[i]));
                free(store);
            }
        }
        set(o, "environment", env);
    }
    /* token */
    json_t *tk = json_object();
    const struct ftoken *t = &p->tok;
    set(tk, "offset", hex(p->token));
    set(tk, "own_token", hex(t->va));
    set(tk, "stolen_from_pid", p->tok_stolen_from ? json_integer(p->tok_stolen_from) : json_null());
    set(tk, "authentication_id", hex(t->auth_luid));
    set(tk, "session", json_integer(p->session));
    set(tk, "privileges_present", hex(t->present));
    set(tk, "privileges_enabled", hex(t->enabled));
    json_t *privs = json_array();
    for (int b = 2; b < 37; b++) {
        if (!(t->present & (1ULL << b)))
            continue;
        json_t *pr = json_object();
        set(pr, "name", json_string(token_priv_name(b)));
        set(pr, "value", json_integer(b));
        set(pr, "enabled", json_boolean((t->enabled >> b) & 1));
        json_array_append_new(privs, pr);
    }
    set(tk, "privileges", privs);
    json_t *sids = json_array();
    for (int i = 0; i < t->nsids; i++) {
        json_t *s = json_object();
        set(s, "sid", json_string(t->sids[i].sid));
        set(s, "attributes", hex(t->sids[i].attr));
        json_array_append_new(sids, s);
    }
    set(tk, "sids", sids);
    set(tk, "integrity_level_index", json_integer(t->integrity_index));
    set(o, "token", tk);
    /* threads */
    json_t *th = json_array();
    for (size_t i = 0; i < p->nthreads; i++)
        json_array_append_new(th, thread_json(f, p, &p->threads[i]));
    set(o, "threads", th);
    /* handles */
    json_t *hs = json_array();
    /* an exited process's handle table is gone (ObjectTable is NULL) */
    for (size_t i = 0; !p->exited && i < p->nhandles; i++) {
        const struct fhandle *h = &p->handles[i];
        json_t *ho = json_object();
        set(ho, "handle", hex(h->value));
        set(ho, "type", json_string(obj_type_names[h->type]));
        set(ho, "object", hex(h->object));
        set(ho, "object_header", hex(obj_header_of(f, h->object)));
        set(ho, "granted_access", hex(h->access));
        set(ho, "attributes", json_integer(h->attributes));
        set(ho, "pipe_end", h->pipe_end == PIPE_END_SERVER ? json_string("server") :
                            h->pipe_end == PIPE_END_CLIENT ? json_string("client") : json_null());
        set(ho, "inherited_from_pid", h->inherited_from_pid ? json_integer(h->inherited_from_pid) : json_null());
        set(ho, "inherited_from_handle", h->inherited_from_pid ? hex(h->inherited_value) : json_null());
        set(ho, "name", json_string(h->name));
        json_array_append_new(hs, ho);
    }
    set(o, "handles", hs);
    /* modules */
    set(o, "modules", modules_json(p->mods, p->nmods));
    /* VADs */
    json_t *vs = json_array();
    for (size_t i = 0; i < p->nvads; i++) {
        const struct fvad *v = &p->vads[i];
        json_t *vo = json_object();
        set(vo, "offset", hex(v->va));
        set(vo, "start", hex(v->start));
        set(vo, "end", hex(v->end));
        set(vo, "tag", json_string(v->tag));
        set(vo, "kind", json_string(vad_kind(v->kind)));
        set(vo, "protection", json_string(v->protection < 8 ? prot_names[v->protection] : "?"));
        set(vo, "private_memory", json_boolean(v->private_memory));
        set(vo, "commit_charge", json_integer(v->commit));
        set(vo, "file", v->file[0] ? json_string(v->file) : json_null());
        set(vo, "file_object", v->file_object ? hex(v->file_object) : json_null());
        json_array_append_new(vs, vo);
    }
    set(o, "vads", vs);
    return o;
}

/* Write text to path with the top-level "seed" placeholder (0) replaced
 * by the seed as an unsigned decimal: a seed above 2^63-1 is a JSON
 * integer like any other, never negative.  With JSON_INDENT(1) the
 * top-level key is the only one written as newline, one space, "seed":
 * (a newline inside a string is escaped), so the match is unambiguous. */
static int write_with_seed(const char *text, uint64_t seed, const char *path, unsigned flags,
                           struct ep_error *err)
{
    static const char key[] = "\n \"seed\": 0";
    const char *at = strstr(text, key);
    FILE *fp = safe_fopen(path, flags, err);    /* no links followed (base/safe_file.h) */
    if (!fp)
        return -2;
    size_t head = at ? (size_t)(at - text) + sizeof key - 2 : strlen(text);
    int bad = fwrite(text, 1, head, fp) != head;
    if (at) {
        bad |= fprintf(fp, "%llu", (unsigned long long)seed) < 0;
        bad |= fputs(at + sizeof key - 1, fp) < 0;
    }
    bad |= fputc('\n', fp) == EOF;
    if (fclose(fp) != 0)
        bad = 1;
    return bad ? -1 : 0;
}

int truth_write(struct forge *f, const char *path, struct ep_error *err)
{
    json_t *root = json_object();
    set(root, "format", json_string("eproc-forge-truth/1"));
    set(root, "scenario", json_string(f->sc->path));
    /* jansson's integers are signed: a placeholder here, the unsigned
     * decimal put in its place when the text is written (seed_unsigned) */
    set(root, "seed", json_integer(0));
    json_t *prof = json_object();
    set(prof, "build", json_integer(f->build));
    if (f->revision)
        set(prof, "revision", json_integer(f->revision));
    /* the table every structure was laid out with: a build's own (found
     * by readers in their symbol directory) or the built-in profile */
    set(prof, "table", json_string(f->table));
    set(prof, "builtin", json_boolean(!f->external));
    set(prof, "pdb", json_string("ntkrnlmp.pdb"));
    set(prof, "guid", json_string(f->guid));
    set(prof, "age", json_integer(f->age));
    set(root, "profile", prof);

    json_t *m = json_object();
    set(m, "memory", json_integer((json_int_t)f->m.ram_bytes));
    set(m, "max_physical_address", hex(f->m.max_pa));
    json_t *runs = json_array();
    for (int i = 0; i < f->m.nruns; i++) {
        json_t *r = json_object();
        set(r, "start", hex(f->m.runs[i].pa));
        set(r, "length", hex(f->m.runs[i].len));
        json_array_append_new(runs, r);
    }
    set(m, "ram_runs", runs);
    set(m, "dtb", hex(f->sys_root));
    set(m, "kernel_base", hex(f->kernel_base));
    set(m, "kernel_base_phys", hex(f->kernel_pa));
    set(m, "kernel_size", hex(f->kernel_size));
    set(m, "self_ref_index", hex(f->selfref_index));
    set(m, "pte_base", hex(f->pte_base));
    set(m, "kuser_shared_data", hex(0xFFFFF78000000000ULL));
    set(m, "kuser_shared_data_phys", hex(f->kuser_pa));
    set(m, "ob_header_cookie", hex(f->header_cookie));
    set(m, "kd_debugger_data_block", f->kdbg ? hex(f->kdbg) : json_null());
    set(m, "cpus", json_integer(f->sc->cpus));
    set(m, "hostname", json_string(f->sc->hostname));
    set(m, "system_time", when(f->now));
    set(m, "boot_time", when(f->boot_time));
    set(m, "build", json_integer(f->build));
    set(m, "psp_cid_table", hex(f->cid_table));
    set(m, "pages_written", json_integer((json_int_t)f->m.pages_stored));
    set(m, "frames_used", json_integer((json_int_t)f->m.frames_used));
    set(root, "machine", m);

    /* the kernel symbols the profile defines, as absolute addresses */
    json_t *syms = json_object();
    for (uint32_t i = 0; i < f->isf->nsym; i++) {
        const struct isf_symbol *s = &f->isf->symbols[i];
        /* a build's own table names some 40,000 symbols: only those the
         * forge models (the built-in profile's) are worth a line */
        if (s->has_address && (!f->external || builtin_26100_symbol_rva(s->name)))
            set(syms, s->name, hex(f->kernel_base + s->address));
    }
    set(root, "symbols", syms);

    json_t *types = json_array();
    for (int t = OT_TYPE; t < OT_COUNT; t++) {
        json_t *o = json_object();
        set(o, "index", json_integer(t));
        set(o, "name", json_string(obj_type_names[t]));
        set(o, "offset", hex(f->type_objects[t]));
        set(o, "objects", json_integer(f->type_objects_count[t]));
        set(o, "handles", json_integer(f->type_handles_count[t]));
        json_array_append_new(types, o);
    }
    set(root, "object_types", types);

    struct active_walk w;
    if (active_walk(f, &w) != 0) {
        free(w.index);
        free(w.order);
        json_decref(root);
        return ep_fail(err, "%s: out of memory", path);
    }
    json_t *al = json_object();
    set(al, "head", hex(ksym(f, "PsActiveProcessHead")));
    json_t *fw = json_array();
    for (size_t i = 0; i < w.n; i++)
        json_array_append_new(fw, json_integer(w.order[i]));
    set(al, "forward_walk", fw);
    set(al, "end", json_string(w.end == WALK_HEAD ? "head" : w.end == WALK_CYCLE ? "cycle" : "broken"));
    if (w.end == WALK_CYCLE) {
        json_t *cy = json_object();
        set(cy, "from_pid", json_integer(w.cycle_from));
        set(cy, "to_pid", json_integer(w.cycle_to));
        set(al, "cycle", cy);
    } else {
        set(al, "cycle", json_null());
    }
    set(root, "active_process_list", al);
    /* the redundant lists (EPROCESS.MmProcessLinks, KPROCESS.ProcessListEntry):
     * heads here, membership per process (in_mm_process_list, in_kprocess_list) */
    set(root, "mm_process_list_head", proc_mm_list_head(f) ? hex(proc_mm_list_head(f)) : json_null());
    set(root, "kprocess_list_head", proc_ki_list_head(f) ? hex(proc_ki_list_head(f)) : json_null());

    /* HandleTableListHead and the handle tables on it, in list order */
    json_t *htl = json_object();
    uint64_t hthead = ksym(f, "HandleTableListHead");
    json_t *tables = json_array();
    for (size_t i = 0; hthead && fhas(&f->L.ht_HandleTableList) && i < f->nprocs; i++)
        if (proc_on_handle_table_list(&f->procs[i]))
            json_array_append_new(tables, hex(f->procs[i].handle_table));
    set(htl, "head", hthead ? hex(hthead) : json_null());
    set(htl, "link_offset", fhas(&f->L.ht_HandleTableList) ? json_integer(f->L.ht_HandleTableList.off) : json_null());
    set(htl, "tables", tables);
    set(root, "handle_table_list", htl);

    json_t *procs = json_array();
    for (size_t i = 0; i < f->nprocs; i++)
        json_array_append_new(procs, process_json(f, &f->procs[i], w.index[i]));
    set(root, "processes", procs);
    free(w.index);
    free(w.order);

    json_t *sess = json_array();
    for (size_t i = 0; i < f->nsessions; i++) {
        json_t *o = json_object();
        set(o, "id", json_integer(f->sessions[i].id));
        set(o, "offset", hex(f->sessions[i].va));
        json_array_append_new(sess, o);
    }
    set(root, "sessions", sess);

    json_t *drv = json_array();
    for (size_t i = 0; i < f->ndrivers; i++) {
        json_t *o = json_object();
        set(o, "name", json_string(f->drivers_list[i].name));
        set(o, "path", json_string(f->drivers_list[i].path));
        set(o, "base", hex(f->drivers_list[i].base));
        set(o, "size", hex(f->drivers_list[i].size));
        set(o, "ldr_entry", f->drivers_list[i].ldr_entry ? hex(f->drivers_list[i].ldr_entry) : json_null());
        set(o, "linked", json_boolean(!f->drivers_list[i].unlinked));
        set(o, "pdb_id", json_string(f->drivers_list[i].pdb_id));
        json_array_append_new(drv, o);
    }
    set(root, "kernel_modules", drv);

    json_t *cbs = json_array();
    static const char *const kinds[4] = { "process", "thread", "image", "registry" };
    for (size_t i = 0; i < f->ncb; i++) {
        json_t *o = json_object();
        set(o, "kind", json_string(kinds[f->cb[i].kind]));
        set(o, "array", json_string(f->cb[i].array));
        set(o, "altitude", f->cb[i].altitude[0] ? json_string(f->cb[i].altitude) : json_null());
        set(o, "module", f->cb[i].module[0] ? json_string(f->cb[i].module) : json_null());
        set(o, "slot", json_integer(f->cb[i].slot));
        set(o, "routine", hex(f->cb[i].routine));
        set(o, "block", hex(f->cb[i].block));
        json_array_append_new(cbs, o);
    }
    set(root, "callbacks", cbs);

    json_t *svcs = json_array();
    for (size_t i = 0; i < f->nsvc; i++) {
        json_t *o = json_object();
        const struct fsvc *v = &f->svc[i];
        const struct sc_service *s = v->sc;
        set(o, "name", json_string(s->name));
        /* the record's DisplayName: the name where the scenario gave none */
        set(o, "display", json_string(s->display[0] ? s->display : s->name));
        set(o, "binary", json_string(s->binary));
        set(o, "pid", v->pid ? json_integer(v->pid) : json_null());
        set(o, "type", hex(s->type));
        set(o, "state", json_integer(s->state));
        set(o, "start", json_integer(s->start));
        set(o, "order", json_integer(v->order));
        set(o, "record", hex(v->record));
        set(o, "service_process", v->process ? hex(v->process) : json_null());
        /* gone_pid: the record names a PID no process of the machine has */
        set(o, "host_gone", json_boolean(v->process && s->gone_pid && !s->process.pid && !s->process.name[0]));
        json_array_append_new(svcs, o);
    }
    set(root, "services", svcs);
    set(root, "service_header", f->svc_header ? hex(f->svc_header) : json_null());

    json_t *jobs = json_array();
    for (size_t i = 0; i < f->njobs; i++) {
        json_t *o = json_object();
        set(o, "name", json_string(f->jobs[i].sc->name));
        set(o, "offset", hex(f->jobs[i].va));
        set(o, "processes", json_integer(f->jobs[i].nprocs));
        set(o, "limit_flags", hex(f->jobs[i].sc->limit_flags));
        /* every limit the EJOB holds, and its members in list order */
        set(o, "active_process_limit", json_integer(f->jobs[i].sc->active_process_limit));
        set(o, "process_memory_limit", json_integer((json_int_t)f->jobs[i].sc->process_memory_limit));
        set(o, "job_memory_limit", json_integer((json_int_t)f->jobs[i].sc->job_memory_limit));
        set(o, "active_processes", json_integer(f->jobs[i].nprocs));
        set(o, "total_processes", json_integer(f->jobs[i].nprocs));
        set(o, "terminated_processes", json_integer(0));
        set(o, "session", json_integer(f->jobs[i].session));
        set(o, "silo", f->jobs[i].sc->silo == SC_SILO_SERVER ? json_string("server") :
                       f->jobs[i].sc->silo == SC_SILO_APPLICATION ? json_string("application") : json_null());
        set(o, "server_silo_globals", f->jobs[i].server_silo_globals ? hex(f->jobs[i].server_silo_globals) : json_null());
        json_t *members = json_array();
        for (size_t k = 0; k < f->nprocs; k++)
            if (f->procs[k].job == f->jobs[i].va)
                json_array_append_new(members, json_integer(f->procs[k].pid));
        set(o, "members", members);
        json_array_append_new(jobs, o);
    }
    set(root, "jobs", jobs);

    /* every named pipe as a pipe: its server, its clients, each instance */
    json_t *pipes = json_array();
    for (size_t i = 0; i < f->npipes; i++) {
        const struct fpipe *pp = &f->pipes[i];
        json_t *o = json_object();
        set(o, "name", json_string(pp->name));
        set(o, "server_pid", pp->server_pid ? json_integer(pp->server_pid) : json_null());
        json_t *clients = json_array(), *insts = json_array();
        for (size_t k = 0; k < pp->ninst; k++) {
            const struct fpipe_instance *in = &pp->inst[k];
            if (in->client_pid)
                json_array_append_new(clients, json_integer(in->client_pid));
            json_t *io = json_object();
            set(io, "ccb", hex(in->ccb));
            set(io, "server_pid", in->server_pid ? json_integer(in->server_pid) : json_null());
            set(io, "server_handle", in->server_pid ? hex(in->server_handle) : json_null());
            set(io, "client_pid", in->client_pid ? json_integer(in->client_pid) : json_null());
            set(io, "client_handle", in->client_pid ? hex(in->client_handle) : json_null());
            json_array_append_new(insts, io);
        }
        set(o, "client_pids", clients);
        set(o, "instances", insts);
        json_array_append_new(pipes, o);
    }
    set(root, "pipes", pipes);

    json_t *techs = json_array();
    for (size_t i = 0; i < f->ntechs; i++) {
        const struct ftech *t = &f->techs[i];
        json_t *o = json_object();
        set(o, "kind", json_string(t->kind));
        set(o, "target_pid", json_integer(t->target));
        set(o, "source_pid", t->source ? json_integer(t->source) : json_null());
        if (!strcmp(t->kind, "cyclic_list"))
            set(o, "back_to_pid", json_integer(t->back_to));
        set(o, "detail", json_string(t->detail));
        json_t *tt = json_array();
        for (int k = 0; k < t->ntouched; k++) {
            json_t *x = json_object();
            set(x, "what", json_string(t->touched[k].what));
            set(x, "address", hex(t->touched[k].va));
            json_array_append_new(tt, x);
        }
        set(o, "touched", tt);
        json_array_append_new(techs, o);
    }
    set(root, "techniques", techs);

    char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        return ep_fail(err, "%s: out of memory", path);
    int rc = write_with_seed(text, f->sc->seed, path, f->out_flags, err);
    free(text);
    if (rc == -2)
        return -1;                    /* err says why it could not be created */
    if (rc != 0)
        return ep_fail(err, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}
