/* forge_run(): the order in which the forged machine comes to be.  It
 * follows boot: memory and paging, the kernel image and its globals, the
 * object types, drivers, sessions, then processes in start order (each
 * with its token, handle table, address space, PEB and threads), then the
 * handles they hold, staged techniques, and finally the structures that
 * summarise the rest (VAD trees, handle tables, CID table, lists). */
#include "forge/forge.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/safe_file.h"
#include "forge/forge_int.h"
#include "symbols/isf.h"

int forge_format_parse(const char *name)
{
    if (!strcmp(name, "raw")) return FORGE_RAW;
    if (!strcmp(name, "crashdump") || !strcmp(name, "crash")) return FORGE_CRASHDUMP;
    if (!strcmp(name, "crashdump-bitmap")) return FORGE_CRASHDUMP_BITMAP;
    if (!strcmp(name, "elf")) return FORGE_ELF;
    if (!strcmp(name, "lime")) return FORGE_LIME;
    return -1;
}

#define SYMBOLS_SUBDIR "windows/ntkrnlmp.pdb"

/* Every output, checked before any work (base/safe_file.h): the image,
 * IMAGE.truth.json and IMAGE.symbols/ must not exist (unless --force),
 * must not be links, and the deepest file written must fit PATH_MAX, so
 * that nothing is forged only to be refused, or written cut short. */
static int outputs_check(const struct forge_options *opt, unsigned flags, struct ep_error *err)
{
    static const char *const files[] = { "", ".truth.json" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = safe_path_join(opt->out_path, files[i]);
        int bad = !p ? ep_fail(err, "out of memory") : safe_path_check(p, flags, 0, err);
        free(p);
        if (bad)
            return -1;
    }
    if (opt->no_symbols)
        return 0;
    char *dir = safe_path_join(opt->out_path, ".symbols");
    /* GUID (32) + "-" + age (up to 8 hex digits) + ".json.xz" */
    char *deepest = safe_path_join(opt->out_path, ".symbols/" SYMBOLS_SUBDIR "/00000000000000000000000000000000-ffffffff.json.xz");
    int bad = !dir || !deepest ? ep_fail(err, "out of memory") : 0;
    if (!bad && safe_path_fits(deepest, err) != 0)
        bad = ep_fail(err, "%.60s...: the symbol file IMAGE.symbols/%s/GUID-AGE.json.xz would need a %zu-byte "
                      "path, longer than this system allows (%d, PATH_MAX); choose a shorter -o or --no-symbols; "
                      "nothing written", opt->out_path, SYMBOLS_SUBDIR, strlen(deepest), PATH_MAX - 1);
    if (!bad)
        bad = safe_path_check(dir, flags, 1, err);
    free(dir);
    free(deepest);
    return bad ? -1 : 0;
}

/* IMAGE.symbols/windows/ntkrnlmp.pdb/GUID-AGE.json.xz, created without
 * following links at any level eproc names. */
static int write_symbols(struct forge *f, const char *out_path, struct ep_error *err)
{
    char name[96];
    snprintf(name, sizeof name, "%s-%u.json.xz", f->guid, f->age);
    char *dir = safe_path_join(out_path, ".symbols");
    char *sub = safe_path_join("/" SYMBOLS_SUBDIR "/", name);
    char *shown = dir && sub ? safe_path_join(dir, sub) : NULL;
    int rc = -1;
    if (!shown) {
        ep_fail(err, "out of memory");
    } else {
        int dfd = safe_mkdir_chain(dir, SYMBOLS_SUBDIR, f->out_flags, err);
        int fd = dfd < 0 ? -1 : safe_create_at(dfd, name, shown, f->out_flags, err);
        if (dfd >= 0)
            close(dfd);
        rc = fd < 0 ? -1 : isf_write_fd(f->isf, fd, shown, 1, err);
    }
    free(dir);
    free(sub);
    free(shown);
    return rc;
}

static void forge_free(struct forge *f)
{
    for (size_t i = 0; i < f->nprocs; i++) {
        free(f->procs[i].threads);
        free(f->procs[i].handles);
        free(f->procs[i].vads);
        free(f->procs[i].mods);
        free(f->procs[i].paged);
        free(f->procs[i].mods32);
    }
    free(f->procs);
    free(f->jobs);
    for (size_t i = 0; i < f->npipes; i++)
        free(f->pipes[i].inst);
    free(f->pipes);
    free(f->drivers_list);
    free(f->big);
    free(f->named);
    free(f->techs);
    free(f->svc);
    ptrset_free(&f->cids);
    for (size_t i = 0; i < f->ndlls; i++) {
        free(f->dlls[i].page_off);
        free(f->dlls[i].page_pa);
    }
    free(f->dlls);
    fx_tmp_free_all(f);
    mach_free(&f->m);
    if (f->isf)
        isf_free(f->isf);
    if (f->model)
        isf_free(f->model);
    free(f->ksec);
}

static int build(struct forge *f, struct ep_error *err)
{
    struct scenario *sc = f->sc;
    f->now = sc->time;
    f->boot_time = sc->boot_time;
    rng_seed(&f->rng, sc->seed, 2);
    if (mach_init(&f->m, sc->memory, sc->seed, err))
        return -1;

    /* the kernel DTB where Windows puts it (0x1a0000-0x1b0000; tools look
     * there first), the rest of that window and Volatility's second scan
     * window kept free of other page-map pages */
    uint64_t dtb = 0x1A0000 + rng_range(&f->rng, 0, 15) * PAGE;
    mach_reserve(&f->m, 0x100000, 0x200000);
    mach_reserve(&f->m, 0x600000, 0x100000);
    f->sys_root = dtb;
    f->selfref_index = (unsigned)rng_range(&f->rng, 0x100, 0x1EE);
    f->pte_base = 0xFFFF000000000000ULL | ((uint64_t)f->selfref_index << 39);
    f->header_cookie = (uint8_t)rng_range(&f->rng, 1, 255);
    snprintf(f->machine_sid, sizeof f->machine_sid, "S-1-5-21-%u-%u-%u",
             (uint32_t)rng_range(&f->rng, 1000000000u, 4000000000u),
             (uint32_t)rng_range(&f->rng, 1000000000u, 4000000000u),
             (uint32_t)rng_range(&f->rng, 100000000u, 999999999u));
    f->user_logon_luid = 0x2A000 + rng_range(&f->rng, 0, 0xFFFF);
    f->next_tid = 8;
    ptrset_init(&f->cids);
    f->next_dll_top = 0x7FFC00000000ULL - (rng_range(&f->rng, 0, 0x3FF) << 20);

    kva_init(f);
    if (kimg_build(f, err))
        return -1;
    obj_types_create(f);
    drivers_build(f);
    sessions_build(f);
    if (proc_create_all(f, err))
        return -1;
    handles_build(f);
    jobs_build(f);
    if (techniques_apply(f, err))
        return -1;
    subsystem_build(f);
    services_build(f);
    callbacks_build(f);
    handles_inherit(f);
    impersonation_apply(f);
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        vad_write_tree(f, p);
        if (!p->exited)
            handles_write(f, p);
    }
    cid_table_build(f);
    for (size_t i = 0; i < f->nprocs; i++) {
        proc_write(f, &f->procs[i]);
        thread_link(f, &f->procs[i]);
    }
    proc_link_lists(f);
    sessions_link(f);
    jobs_link(f);
    /* last of the user memory: nothing is written there after this */
    paged_out_apply(f);
    /* PsInitialSystemProcess, PsIdleProcess */
    struct fprocess *sys = proc_by_pid(f, 4);
    if (sys && ksym(f, "PsInitialSystemProcess"))
        kw64(f, ksym(f, "PsInitialSystemProcess"), sys->eprocess);
    pool_finish(f);
    obj_types_finish(f);
    for (size_t i = 0; i < f->nprocs; i++)
        if (f->procs[i].root != f->sys_root)
            pg_finish_root(f, f->procs[i].root);
    pg_finish_root(f, f->sys_root);
    return 0;
}

int forge_run(const struct forge_options *opt, struct ep_error *err)
{
    /* Everything forge_fail() may unwind past hangs off these two heap
     * objects; they and rc are all that is read after the longjmp, hence
     * volatile (C11 7.13.2.1). */
    struct scenario *volatile sc = NULL;
    struct forge *volatile f = NULL;
    volatile int rc = EP_EXIT_OK;
    struct forge_trap trap;
    const unsigned out_flags = opt->force ? SAFE_FILE_FORCE : 0;
    if (outputs_check(opt, out_flags, err))
        return EP_EXIT_USAGE;
    if (setjmp(trap.jb)) {
        rc = trap.code;
        goto out;
    }
    forge_trap_arm(&trap, err);
    sc = fx_alloc(1, sizeof *sc);
    if (opt->scenario_path) {
        int lrc = scenario_load(opt->scenario_path, sc, err);
        if (lrc) {
            rc = lrc == -2 ? EP_EXIT_INPUT : EP_EXIT_USAGE;
            goto out;
        }
    } else {
        scenario_init(sc);
    }
    if (opt->have_seed)
        sc->seed = opt->seed;
    if (opt->have_memory)
        sc->memory = opt->memory;
    if (scenario_complete(sc, err)) {
        rc = EP_EXIT_USAGE;
        goto out;
    }

    f = fx_alloc(1, sizeof *f);
    f->sc = sc;
    f->out_flags = out_flags;
    int prc = forge_profile_load(f, opt, err);
    if (prc) {
        rc = prc == -2 ? EP_EXIT_USAGE : EP_EXIT_INPUT;
        goto out;
    }
    if (forge_layout_resolve_with(f->isf, f->model, &f->L, err)) {
        rc = EP_EXIT_INPUT;
        goto out;
    }
    /* User-mode scheduling lived in KTHREAD.Ucb/Uch and the
     * UmsPerformingSyscall/UmsDirectedSwitchEnable bits up to Windows 10
     * (14393, 17763, 19041 have them); 20348, 22000 and 26100 name none
     * (ETHREAD.CrossThreadFlags.UmsForceQueueTermination, left on all,
     * marks no UMS thread).  The forge stages no UMS thread on any build
     * (docs/decisions.md), and says which of the two reasons holds. */
    if (sc->ums_key[0]) {
        if (fhas(&f->L.kt_Ucb))
            ep_fail(err, "%s: key '%s': build %u: the forge does not model user-mode scheduling "
                    "(its table has KTHREAD.Ucb; docs/decisions.md)", sc->path, sc->ums_key, f->build);
        else
            ep_fail(err, "%s: key '%s': build %u has no user-mode scheduling: its table names no UMS field "
                    "(KTHREAD.Ucb)", sc->path, sc->ums_key, f->build);
        rc = EP_EXIT_USAGE;
        goto out;
    }
    if (build(f, err)) {
        rc = EP_EXIT_USAGE;
        goto out;
    }
    /* the writers and the truth file report errors the ordinary way */
    forge_trap_disarm();
    int wr;
    switch (opt->format) {
    case FORGE_CRASHDUMP: wr = write_crashdump(f, opt->out_path, err); break;
    case FORGE_CRASHDUMP_BITMAP: wr = write_crashdump_bitmap(f, opt->out_path, err); break;
    case FORGE_ELF: wr = write_elf(f, opt->out_path, err); break;
    case FORGE_LIME: wr = write_lime(f, opt->out_path, err); break;
    default: wr = write_raw(f, opt->out_path, err); break;
    }
    if (wr) {
        rc = EP_EXIT_INPUT;
        goto out;
    }
    char *truth_path = safe_path_join(opt->out_path, ".truth.json");
    int trc = truth_path ? truth_write(f, truth_path, err) : ep_fail(err, "out of memory");
    free(truth_path);
    if (trc) {
        rc = EP_EXIT_INPUT;
        goto out;
    }
    /* a build's own table is already in its symbol directory, where
     * readers find it by the kernel's GUID and age: no copy is written */
    if (!opt->no_symbols && !f->external && write_symbols(f, opt->out_path, err)) {
        rc = EP_EXIT_INPUT;
        goto out;
    }
out:
    forge_trap_disarm();
    if (f) {
        forge_free(f);
        free(f);
    }
    if (sc) {
        scenario_free(sc);
        free(sc);
    }
    return rc;
}
