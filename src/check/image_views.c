/* The views of a process's main image, compared (image_views.h). */
#include "check/image_views.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check/exec_memory.h"
#include "windows/vadtree.h"

static void side(struct iv_side *s, const char *label, const char *view, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void side(struct iv_side *s, const char *label, const char *view, const char *field, const char *fmt, ...)
{
    s->label = label;
    s->view = view;
    s->field = field;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->value, sizeof s->value, fmt, ap);
    va_end(ap);
}

/* The next slot of f, with its account; NULL past IV_MAX_DISAGREEMENTS
 * (the checks below make at most 8). */
static struct iv_disagreement *add(struct iv_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static struct iv_disagreement *add(struct iv_finding *f, const char *fmt, ...)
{
    static struct iv_disagreement spill;
    struct iv_disagreement *d = f->n < IV_MAX_DISAGREEMENTS ? &f->d[f->n++] : &spill;
    memset(d, 0, sizeof *d);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->text, sizeof d->text, fmt, ap);
    va_end(ap);
    return d;
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

int iv_same_path(const char *a, const char *b)
{
    char ka[600], kb[600];
    path_key(a, ka, sizeof ka);
    path_key(b, kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

int iv_applicable(const struct an_process *p)
{
    /* a process without user space has no image to hollow */
    return p->has_kernel && p->image_views.has_image_views && p->have_regions && p->peb_hint;
}

static const char *region_kind(const struct an_region *r)
{
    return r->type == 0x1000000 ? "an image map" : r->type == 0x40000 ? "a mapped file" : "private memory";
}

/* The kernel's name for the image: the file the section maps, else the
 * one the process was created from; label and field name the view. */
static const char *kernel_image(const struct an_process *p, const char **label, const char **field)
{
    const struct an_image_views *iv = &p->image_views;
    if (iv->section_file_name[0]) {
        *label = "EPROCESS.SectionObject file";
        *field = "SectionObject file";
        return iv->section_file_name;
    }
    if (iv->image_file_name[0]) {
        *label = "EPROCESS.ImageFilePointer";
        *field = "ImageFilePointer";
        return iv->image_file_name;
    }
    if (p->kernel_path[0]) {
        *label = "SeAuditProcessCreationInfo";
        *field = "SeAuditProcessCreationInfo";
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

void iv_hollowing(const struct an_process *p, struct iv_finding *f)
{
    const struct an_image_views *iv = &p->image_views;
    struct iv_disagreement *d;
    char prot[64];
    f->n = 0;
    uint64_t peb_base = p->peb.av == AN_AV_OK ? p->peb.image_base : 0;
    if (peb_base && iv->section_base && peb_base != iv->section_base) {
        d = add(f, "PEB.ImageBaseAddress=0x%llx, EPROCESS.SectionBaseAddress=0x%llx",
                (unsigned long long)peb_base, (unsigned long long)iv->section_base);
        side(&d->a, "PEB.ImageBaseAddress", "PEB", "ImageBaseAddress", "0x%llx", (unsigned long long)peb_base);
        side(&d->b, "EPROCESS.SectionBaseAddress", "EPROCESS", "SectionBaseAddress", "0x%llx",
             (unsigned long long)iv->section_base);
    }
    /* "no VAD maps it" needs the whole tree: a triage dump or a smeared
     * capture that lost VAD nodes (regions_problem) cannot say it */
    int whole_tree = !p->regions_problem[0];
    /* the section the process was created from must be mapped somewhere */
    if (iv->section_control_area && whole_tree) {
        int mapped = 0;
        for (size_t i = 0; i < p->nregions && !mapped; i++)
            mapped = p->regions[i].control_area == iv->section_control_area;
        if (!mapped) {
            const char *file = iv->section_file_name[0] ? iv->section_file_name : "file unknown";
            d = add(f, "SectionObject's control area 0x%llx (%s) is mapped by no VAD",
                    (unsigned long long)iv->section_control_area, file);
            side(&d->a, "EPROCESS.SectionObject", "EPROCESS", "SectionObject control area", "0x%llx (%s)",
                 (unsigned long long)iv->section_control_area, file);
            side(&d->b, "VAD tree", "VAD", "control_area", "mapped by no VAD");
        }
    }
    uint64_t bases[2] = { iv->section_base, peb_base };
    static const char *const labels[2] = { "EPROCESS.SectionBaseAddress", "PEB.ImageBaseAddress" };
    static const char *const views[2] = { "EPROCESS", "PEB" };
    static const char *const fields[2] = { "SectionBaseAddress", "ImageBaseAddress" };
    for (int i = 0; i < 2; i++) {
        if (!bases[i] || (i == 1 && bases[1] == bases[0]))
            continue;
        const struct an_region *r = exec_region_holding(p, bases[i]);
        if (!r) {
            if (!whole_tree)
                continue;
            d = add(f, "%s=0x%llx, VAD: none maps it", labels[i], (unsigned long long)bases[i]);
            side(&d->a, labels[i], views[i], fields[i], "0x%llx", (unsigned long long)bases[i]);
            side(&d->b, "VAD tree", "VAD", "region", "none maps 0x%llx", (unsigned long long)bases[i]);
            continue;
        }
        if (r->type != 0x1000000) {
            vad_protection_name(r->vad_protection, prot, sizeof prot);
            d = add(f, "%s=0x%llx, VAD 0x%llx-0x%llx: %s %s (tag %s), not an image map", labels[i],
                    (unsigned long long)bases[i], (unsigned long long)r->base,
                    (unsigned long long)(r->base + r->size - 1), region_kind(r), prot, r->tag[0] ? r->tag : "?");
            side(&d->a, labels[i], views[i], fields[i], "0x%llx", (unsigned long long)bases[i]);
            side(&d->b, "VAD", "VAD", "type", "0x%llx-0x%llx: %s %s (tag %s), not an image map",
                 (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1), region_kind(r), prot,
                 r->tag[0] ? r->tag : "?");
            continue;
        }
        if (iv->section_control_area && r->control_area && r->control_area != iv->section_control_area) {
            d = add(f, "SectionObject's control area=0x%llx, VAD at 0x%llx maps control area 0x%llx (%s)",
                    (unsigned long long)iv->section_control_area, (unsigned long long)r->base,
                    (unsigned long long)r->control_area, r->file ? r->file : "no file");
            side(&d->a, "EPROCESS.SectionObject", "EPROCESS", "SectionObject control area", "0x%llx",
                 (unsigned long long)iv->section_control_area);
            side(&d->b, "VAD", "VAD", "control_area", "0x%llx at 0x%llx (%s)", (unsigned long long)r->control_area,
                 (unsigned long long)r->base, r->file ? r->file : "no file");
        }
        if (iv->section_file_name[0] && r->file && !iv_same_path(iv->section_file_name, r->file)) {
            d = add(f, "SectionObject maps %s, VAD at 0x%llx maps %s", iv->section_file_name,
                    (unsigned long long)r->base, r->file);
            side(&d->a, "EPROCESS.SectionObject file", "EPROCESS", "SectionObject file", "%s",
                 iv->section_file_name);
            side(&d->b, "VAD file", "VAD", "file", "%s at 0x%llx", r->file, (unsigned long long)r->base);
        }
    }
}

void iv_masquerading(const struct an_process *p, struct iv_finding *f)
{
    const char *klabel = NULL, *kfield = NULL;
    struct iv_disagreement *d;
    f->n = 0;
    const char *kpath = kernel_image(p, &klabel, &kfield);
    if (!kpath)
        return;
    const struct an_ustr *ip = &p->params.image_path;
    if (p->params.av == AN_AV_OK && ip->av == AN_AV_OK && ip->text[0] && !iv_same_path(ip->text, kpath)) {
        d = add(f, "ImagePathName=%s, %s=%s", ip->text, klabel, kpath);
        side(&d->a, "PEB.ProcessParameters.ImagePathName", "PEB", "ImagePathName", "%s", ip->text);
        side(&d->b, klabel, "EPROCESS", kfield, "%s", kpath);
    }
    const struct an_ldr_entry *e = first_loaded(p);
    if (e && e->full_name.av == AN_AV_OK && e->full_name.text[0] && !iv_same_path(e->full_name.text, kpath)) {
        d = add(f, "loader entry 0x%llx FullDllName=%s, %s=%s", (unsigned long long)e->va, e->full_name.text,
                klabel, kpath);
        side(&d->a, "first InLoadOrder entry FullDllName", "LDR", "FullDllName", "%s (entry 0x%llx)",
             e->full_name.text, (unsigned long long)e->va);
        side(&d->b, klabel, "EPROCESS", kfield, "%s", kpath);
    }
}
