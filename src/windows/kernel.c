/* Kernel discovery: DTB, kernel base, build, KDBG, then the profile. */
#include "windows/kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layer/crashdump.h"
#include "windows/discovery.h"
#include "windows/pe.h"
#include "windows/profile_select.h"

#define MAX_DTB_CANDIDATES 64

const char *profile_choice_name(enum profile_choice p)
{
    switch (p) {
    case PROFILE_NONE: return "none";
    case PROFILE_EXACT_GUID: return "exact PDB GUID match";
    case PROFILE_SYMBOL_MATCH: return "kernel symbol addresses match";
    case PROFILE_BUILD_FALLBACK: return "same-build fallback";
    case PROFILE_BUILTIN: return "built-in";
    case PROFILE_GIVEN: return "given with -s";
    }
    return "?";
}

static void set_image(struct kernel *k, uint64_t base, const struct pe_info *pe, const char *source)
{
    k->base = base;
    if (source)
        snprintf(k->base_source, sizeof k->base_source, "%s", source);
    if (pe->has_codeview) {
        snprintf(k->pdb_name, sizeof k->pdb_name, "%s", pe->cv.pdb_name);
        snprintf(k->guid, sizeof k->guid, "%s", pe->cv.guid);
        k->age = pe->cv.age;
    }
}

/* Raw, ELF and LiME captures: try each self-referencing PML4, lowest
 * first, until one maps the kernel image; at most MAX_DTB_CANDIDATES. */
static int discover_from_page_tables(struct kernel *k, struct ep_error *err)
{
    struct dtb_candidate batch[1], first = { 0, 0 };
    int tried = 0;
    uint64_t from = 0;
    /* One search state for all candidates: processes share the kernel's
     * page tables, so each table page is scanned once in all (see
     * struct image_search for the caps). */
    struct image_search search;
    image_search_init(&search);
    while (tried < MAX_DTB_CANDIDATES) {
        int n = find_dtb_candidates(k->cap, from, batch, 1);
        if (n == 0)
            break;
        if (!tried)
            first = batch[0];
        for (int i = 0; i < n; i++, tried++) {
            vspace_init(k->vs, k->cap, batch[i].pa);
            uint64_t base;
            struct pe_info pe;
            if (find_kernel_image_in(k->vs, &search, &base, &pe) == 0) {
                image_search_free(&search);
                k->dtb = batch[i].pa;
                snprintf(k->dtb_source, sizeof k->dtb_source, "self-reference scan (PML4 index 0x%x)",
                         batch[i].self_index);
                set_image(k, base, &pe, "RSDS CodeView record in the kernel image");
                return 0;
            }
        }
        from = batch[n - 1].pa + 0x1000;
    }
    if (search.capped)
        ep_warn("%s: the search for the kernel image stopped after %llu addresses in %zu page-table pages "
                "(page tables this large or looping are not a normal kernel's)",
                k->cap->file.path, (unsigned long long)search.total_probes, search.tables.n);
    image_search_free(&search);
    if (!tried)
        return ep_fail(err, "%s: not a Windows x64 memory capture: no page-table root (self-referencing "
                       "PML4 entry) found in %s", k->cap->file.path, k->cap->format);
    /* Page tables but no kernel image: keep the first table, say so. */
    k->dtb = first.pa;
    vspace_init(k->vs, k->cap, k->dtb);
    snprintf(k->dtb_source, sizeof k->dtb_source, "self-reference scan (PML4 index 0x%x)", first.self_index);
    ep_warn("%s: found %d page-table root(s) but no NT kernel image mapped at a 2 MiB boundary",
            k->cap->file.path, tried);
    return 0;
}

static void load_kdbg(struct kernel *k)
{
    const struct crashdump_info *d = k->cap->dump;
    if (!d)
        return;
    if (d->kdbg_size) {
        k->has_kdbg = kdbg_parse(d->kdbg, d->kdbg_size, &k->kdbg) == 0;
        if (!k->has_kdbg)
            ep_warn("%s: the dump's KDBG copy is not a readable KDBG block", k->cap->file.path);
        return;
    }
    if (d->kdbg_va && k->machine_type == 0x8664) {
        uint8_t buf[0x400];
        uint64_t got = vread(k->vs, d->kdbg_va, buf, sizeof buf);
        if (got >= 0x80 && kdbg_parse(buf, got, &k->kdbg) == 0)
            k->has_kdbg = 1;
        else
            ep_info("%s: KDBG at 0x%llx is encoded or not in the capture", k->cap->file.path,
                    (unsigned long long)d->kdbg_va);
    }
}

int kernel_open(struct capture *cap, const char *const *symdirs, int nsymdirs, struct kernel **out,
                struct ep_error *err)
{
    if (cap->kind == CAPTURE_MINIDUMP)
        return ep_fail(err, "%s: a user-mode minidump holds no kernel", cap->file.path);
    struct kernel *k = calloc(1, sizeof *k);
    if (!k || !(k->vs = calloc(1, sizeof *k->vs))) {
        free(k);
        return ep_fail(err, "%s: out of memory", cap->file.path);
    }
    k->cap = cap;
    const struct crashdump_info *d = cap->dump;
    k->machine_type = d && d->machine_type ? d->machine_type : 0x8664;

    if (d && d->dtb) {
        k->dtb = d->dtb;
        vspace_init(k->vs, cap, d->dtb);
        snprintf(k->dtb_source, sizeof k->dtb_source, "crash dump header");
    } else if (cap->nruns) {
        if (discover_from_page_tables(k, err) != 0) {
            kernel_close(k);
            return -1;
        }
    } else {
        vspace_init(k->vs, cap, 0);
    }

    load_kdbg(k);
    if (k->has_kdbg && k->kdbg.kern_base) {
        uint64_t found = k->base;
        k->base = k->kdbg.kern_base;
        snprintf(k->base_source, sizeof k->base_source, "KDBG KernBase");
        if (found && found != k->base)
            ep_warn("%s: KDBG says the kernel is at 0x%llx but its image was found at 0x%llx",
                    cap->file.path, (unsigned long long)k->base, (unsigned long long)found);
    }
    if (k->machine_type == 0x8664 && cap->nruns) {
        struct pe_info pe;
        if (k->base && pe_parse_mapped(k->vs, k->base, &pe) == 0 && pe.has_codeview)
            set_image(k, k->base, &pe, NULL);
        else if (!k->base && find_kernel_image(k->vs, &k->base, &pe) == 0)
            set_image(k, k->base, &pe, "RSDS CodeView record in the kernel image");
    }

    struct kuser_facts ku;
    int have_kuser = k->machine_type == 0x8664 && read_kuser_shared_data(k->vs, &ku) == 0;
    if (d && d->build) {
        k->build = d->build;
        snprintf(k->build_source, sizeof k->build_source, "crash dump header");
        if (have_kuser && ku.build != d->build)
            ep_warn("%s: the dump header says build %u but KUSER_SHARED_DATA says %u", cap->file.path,
                    d->build, ku.build);
    } else if (have_kuser) {
        k->build = ku.build;
        snprintf(k->build_source, sizeof k->build_source, "KUSER_SHARED_DATA");
    }
    if (have_kuser) {
        k->major = ku.major;
        k->minor = ku.minor;
    } else if (d && d->build) {
        k->major = 10;      /* PAGEDU64 dumps with a 4- or 5-digit build are NT 10.0 */
        k->minor = 0;
    }
    k->processors = d && d->processors ? d->processors : (have_kuser ? ku.processors : 0);
    k->system_time = d && d->system_time ? d->system_time : (have_kuser ? ku.system_time : 0);

    if (!k->base)
        ep_warn("%s: kernel image base not found", cap->file.path);
    if (profile_select(k, symdirs, nsymdirs, err) != 0) {
        kernel_close(k);
        return -1;
    }
    *out = k;
    return 0;
}

void kernel_close(struct kernel *k)
{
    if (!k)
        return;
    free(k->layout);
    free(k->types);
    isf_free(k->isf);
    free(k->vs);
    free(k);
}

int kernel_require_profile(const struct kernel *k, struct ep_error *err)
{
    if (k->isf)
        return 0;
    return ep_fail(err, "%s: %s", k->cap->file.path, k->profile_reason);
}

const struct nt_layout *kernel_layout(struct kernel *k, struct ep_error *err)
{
    if (k->layout)
        return k->layout;
    if (kernel_require_profile(k, err) != 0)
        return NULL;
    struct nt_layout *l = calloc(1, sizeof *l);
    if (!l) {
        ep_fail(err, "%s: out of memory", k->cap->file.path);
        return NULL;
    }
    if (layout_resolve(k->isf, l, err) != 0) {
        free(l);
        return NULL;
    }
    k->layout = l;
    return l;
}

const struct obj_types *kernel_types(struct kernel *k)
{
    if (k->types)
        return k->types;
    struct obj_types *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (k->layout && k->base)
        obj_types_load(k->vs, k->base, k->layout, t);
    else
        t->process_index = t->thread_index = -1;
    k->types = t;
    return t;
}

int kernel_is_partial(const struct kernel *k)
{
    return k->cap->nruns == 0;
}
