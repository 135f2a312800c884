/* eproc hollowfind: process hollowing and image masquerading, found where
 * the views of a process's main image disagree (seed 004; docs/memmap.md).
 *
 * The views: PEB.ImageBaseAddress, EPROCESS.SectionBaseAddress, the VAD at
 * that address (an image map or not, and the file its control area maps),
 * EPROCESS.SectionObject (its control area and file), EPROCESS.
 * ImageFilePointer, SeAuditProcessCreationInfo, the PEB's ImagePathName and
 * the first loader entry.  On a clean process they all name one image at
 * one address.  A finding is one row per process and kind, listing every
 * pair of views that disagree and their values: at least two views each.
 *
 *   hollowing:    the image was unmapped or replaced at its base: the VAD
 *                 at the image base is no image map, or maps another
 *                 control area or file than EPROCESS.SectionObject, or the
 *                 PEB's base moved away from SectionBaseAddress;
 *   masquerading: the PEB's ImagePathName or the first loader entry names
 *                 another file than the kernel's views of the image.
 *
 * Memory images only: a minidump holds neither the EPROCESS nor the VADs. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "commands/model_cmd.h"
#include "windows/vadtree.h"

extern const struct command cmd_hollowfind;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "finding", "Finding", COL_STR },
    { "views", "Views", COL_STR },
    { "evidence", "Evidence", COL_STR },
};
enum { C_PID, C_PROC, C_FINDING, C_VIEWS, C_EVIDENCE };

#define EVIDENCE_MAX 2048

struct finding {
    char views[512];
    char evidence[EVIDENCE_MAX];
    unsigned n;
};

static void add(struct finding *f, const char *view_a, const char *view_b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static void add(struct finding *f, const char *view_a, const char *view_b, const char *fmt, ...)
{
    size_t vl = strlen(f->views), el = strlen(f->evidence);
    snprintf(f->views + vl, sizeof f->views - vl, "%s%s vs %s", f->n ? "; " : "", view_a, view_b);
    if (f->n && el < sizeof f->evidence)
        el += (size_t)snprintf(f->evidence + el, sizeof f->evidence - el, "; ");
    if (el < sizeof f->evidence) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(f->evidence + el, sizeof f->evidence - el, fmt, ap);
        va_end(ap);
    }
    f->n++;
}

/* A path reduced to what every view spells the same way: no "\??\" or
 * "\Device\HarddiskVolumeN" or "C:" in front, lower case. */
static void path_key(const char *in, char *out, size_t outsz)
{
    const char *p = in ? in : "";
    if (!strncmp(p, "\\??\\", 4))
        p += 4;
    if (!strncasecmp(p, "\\Device\\HarddiskVolume", 22)) {
        p += 22;
        while (isdigit((unsigned char)*p))
            p++;
    } else if (isalpha((unsigned char)p[0]) && p[1] == ':') {
        p += 2;
    }
    size_t i = 0;
    for (; *p && i + 1 < outsz; p++)
        out[i++] = (char)tolower((unsigned char)*p);
    out[i] = 0;
}

static int same_path(const char *a, const char *b)
{
    char ka[600], kb[600];
    path_key(a, ka, sizeof ka);
    path_key(b, kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

static const struct an_region *region_at(const struct an_process *p, uint64_t va)
{
    size_t lo = 0, hi = p->nregions;       /* regions are sorted by base */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct an_region *r = &p->regions[mid];
        if (va < r->base)
            hi = mid;
        else if (va - r->base >= r->size)
            lo = mid + 1;
        else
            return r;
    }
    return NULL;
}

static const char *region_kind(const struct an_region *r)
{
    return r->type == 0x1000000 ? "an image map" : r->type == 0x40000 ? "a mapped file" : "private memory";
}

/* The kernel's name for the image: the file the section maps, else the
 * one the process was created from. */
static const char *kernel_image(const struct an_process *p, const char **view)
{
    const struct an_image_views *iv = &p->image_views;
    if (iv->section_file_name[0]) {
        *view = "EPROCESS.SectionObject file";
        return iv->section_file_name;
    }
    if (iv->image_file_name[0]) {
        *view = "EPROCESS.ImageFilePointer";
        return iv->image_file_name;
    }
    if (p->kernel_path[0]) {
        *view = "SeAuditProcessCreationInfo";
        return p->kernel_path;
    }
    return NULL;
}

static const struct an_ldr_entry *first_loaded(const struct an_process *p)
{
    for (size_t i = 0; i < p->ldr.nentries; i++)
        if (p->ldr.entries[i].in_load && p->ldr.entries[i].load_index == 0)
            return &p->ldr.entries[i];
    return NULL;
}

static void hollowing(const struct an_process *p, struct finding *f)
{
    const struct an_image_views *iv = &p->image_views;
    char prot[64];
    uint64_t peb_base = p->peb.av == AN_AV_OK ? p->peb.image_base : 0;
    if (peb_base && iv->section_base && peb_base != iv->section_base)
        add(f, "PEB.ImageBaseAddress", "EPROCESS.SectionBaseAddress",
            "PEB.ImageBaseAddress=0x%llx, EPROCESS.SectionBaseAddress=0x%llx",
            (unsigned long long)peb_base, (unsigned long long)iv->section_base);
    /* the section the process was created from must be mapped somewhere */
    if (iv->section_control_area) {
        int mapped = 0;
        for (size_t i = 0; i < p->nregions && !mapped; i++)
            mapped = p->regions[i].control_area == iv->section_control_area;
        if (!mapped)
            add(f, "EPROCESS.SectionObject", "VAD tree",
                "SectionObject's control area 0x%llx (%s) is mapped by no VAD",
                (unsigned long long)iv->section_control_area,
                iv->section_file_name[0] ? iv->section_file_name : "file unknown");
    }
    uint64_t bases[2] = { iv->section_base, peb_base };
    const char *names[2] = { "EPROCESS.SectionBaseAddress", "PEB.ImageBaseAddress" };
    for (int i = 0; i < 2; i++) {
        if (!bases[i] || (i == 1 && bases[1] == bases[0]))
            continue;
        const struct an_region *r = region_at(p, bases[i]);
        if (!r) {
            add(f, names[i], "VAD tree", "%s=0x%llx, VAD: none maps it", names[i], (unsigned long long)bases[i]);
            continue;
        }
        if (r->type != 0x1000000) {
            add(f, names[i], "VAD", "%s=0x%llx, VAD 0x%llx-0x%llx: %s %s (tag %s), not an image map",
                names[i], (unsigned long long)bases[i], (unsigned long long)r->base,
                (unsigned long long)(r->base + r->size - 1), region_kind(r),
                vad_protection_name(r->vad_protection, prot, sizeof prot), r->tag[0] ? r->tag : "?");
            continue;
        }
        if (iv->section_control_area && r->control_area && r->control_area != iv->section_control_area)
            add(f, "EPROCESS.SectionObject", "VAD", "SectionObject's control area=0x%llx, VAD at 0x%llx maps control area 0x%llx (%s)",
                (unsigned long long)iv->section_control_area, (unsigned long long)r->base,
                (unsigned long long)r->control_area, r->file ? r->file : "no file");
        if (iv->section_file_name[0] && r->file && !same_path(iv->section_file_name, r->file))
            add(f, "EPROCESS.SectionObject file", "VAD file", "SectionObject maps %s, VAD at 0x%llx maps %s",
                iv->section_file_name, (unsigned long long)r->base, r->file);
    }
}

static void masquerading(const struct an_process *p, struct finding *f)
{
    const char *kview = NULL;
    const char *kpath = kernel_image(p, &kview);
    if (!kpath)
        return;
    const struct an_ustr *ip = &p->params.image_path;
    if (p->params.av == AN_AV_OK && ip->av == AN_AV_OK && ip->text[0] && !same_path(ip->text, kpath))
        add(f, "PEB.ProcessParameters.ImagePathName", kview, "ImagePathName=%s, %s=%s", ip->text, kview, kpath);
    const struct an_ldr_entry *e = first_loaded(p);
    if (e && e->full_name.av == AN_AV_OK && e->full_name.text[0] && !same_path(e->full_name.text, kpath))
        add(f, "first InLoadOrder entry FullDllName", kview, "loader entry 0x%llx FullDllName=%s, %s=%s",
            (unsigned long long)e->va, e->full_name.text, kview, kpath);
}

static void emit(struct table *t, const struct an_process *p, const char *kind, const struct finding *f)
{
    if (!f->n)
        return;
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_str(t, C_FINDING, kind);
    cell_str(t, C_VIEWS, f->views);
    cell_str(t, C_EVIDENCE, f->evidence);
}

static int run_hollowfind(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_hollowfind, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "hollowfind", a->no_regions);
    size_t examined = 0;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        /* a process without user space has no image to hollow */
        if (!p->has_kernel || !p->image_views.has_image_views || !p->have_regions || !p->peb_hint)
            continue;
        examined++;
        struct finding h = { "", "", 0 }, m = { "", "", 0 };
        hollowing(p, &h);
        masquerading(p, &m);
        emit(t, p, "hollowing", &h);
        emit(t, p, "masquerading", &m);
    }
    if (!examined && a->nprocs)
        ep_warn("%s: hollowfind: no process with the kernel's image views (EPROCESS and VADs): "
                "it needs a memory image", a->label);
    return model_cmd_finish_found(ctx, t, a, table_row_count(t) > 0);
}
const struct command cmd_hollowfind = {
    "hollowfind",
    "find hollowed and masquerading processes: views of the main image that disagree",
    "usage: eproc -f IMAGE hollowfind [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Compares the views of each process's main image: PEB.ImageBaseAddress,\n"
    "EPROCESS.SectionBaseAddress, the VAD at that address, EPROCESS.SectionObject\n"
    "(its control area and file), EPROCESS.ImageFilePointer,\n"
    "SeAuditProcessCreationInfo, the PEB's ImagePathName and the first loader\n"
    "entry.  One row per process and finding:\n"
    "  hollowing     the image base holds no image map, or another control\n"
    "                area or file than the section the process was created from;\n"
    "  masquerading  the PEB or the loader names another file than the kernel.\n"
    "views names each pair of views that disagree; evidence gives their values.\n"
    "Exit status 1 when anything is found.  Memory images only.\n"
    "\n"
    "columns: pid, process, finding, views, evidence\n",
    run_hollowfind,
};

COMMAND_COLUMNS(cmd_hollowfind, cols, sizeof cols / sizeof cols[0], NULL)
