/* VADs: each process's address space as an AVL tree (RTL_AVL_TREE of
 * RTL_BALANCED_NODE) of _MMVAD_SHORT (private memory, pool tag 'VadS') and
 * _MMVAD (mapped files 'Vad ', images 'Vad ') nodes.  Long VADs reach the
 * file through Subsection -> ControlArea -> FilePointer (an EX_FAST_REF to
 * the FILE_OBJECT), which is where tools read mapped file names.  The tree
 * is built balanced from the sorted list, so depth is log2(n); the low two
 * bits of ParentValue hold the balance (0 here: perfectly balanced). */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vad_add(struct forge *f, struct fprocess *p, uint64_t start, uint64_t len, uint32_t prot,
             int kind, const char *file, int commit_private)
{
    (void)f;
    if (p->nvads == p->cap_vads) {
        p->cap_vads = p->cap_vads ? p->cap_vads * 2 : 32;
        p->vads = fx_grow(p->vads, p->cap_vads, sizeof *p->vads);
    }
    struct fvad *v = &p->vads[p->nvads++];
    memset(v, 0, sizeof *v);
    v->start = start & ~0xFFFULL;
    v->end = ((start + len + 0xFFF) & ~0xFFFULL) - 1;
    v->protection = prot;
    v->kind = kind;
    v->is_long = kind != SC_VAD_PRIVATE;
    v->private_memory = kind == SC_VAD_PRIVATE;
    if (file)
        snprintf(v->file, sizeof v->file, "%s", file);
    memcpy(v->tag, v->is_long ? "Vad " : "VadS", 5);
    v->commit = commit_private ? (uint32_t)((v->end + 1 - v->start) / PAGE) : 0;
}

struct fvad *vad_find(struct fprocess *p, uint64_t va)
{
    for (size_t i = 0; i < p->nvads; i++)
        if (va >= p->vads[i].start && va <= p->vads[i].end)
            return &p->vads[i];
    return NULL;
}

struct fvad *vad_overlapping(struct fprocess *p, uint64_t start, uint64_t len)
{
    uint64_t last = start + (len ? len - 1 : 0);
    for (size_t i = 0; i < p->nvads; i++)
        if (start <= p->vads[i].end && last >= p->vads[i].start)
            return &p->vads[i];
    return NULL;
}

static int by_start(const void *a, const void *b)
{
    const struct fvad *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* A control area with one subsection after it, as MiCreateImageFileMap
 * (images, 'MmCi') or a data section ('MmCa') lays them out, pointing at
 * the file object, which points back through its section object pointers. */
static uint64_t control_area_write(struct forge *f, int image, uint64_t file_object, uint64_t npages)
{
    const struct layout *L = &f->L;
    uint32_t ca_sz = L->sz_CONTROL_AREA, ss_sz = L->sz_SUBSECTION;
    uint64_t ca = pool_alloc(f, POOL_NONPAGED, ca_sz + ss_sz, image ? "MmCi" : "MmCa");
    uint8_t *b = fx_tmp(f, 1, ca_sz + ss_sz);
    fset(b, &L->ca_NumberOfSectionReferences, 1);
    fset(b, &L->ca_NumberOfPfnReferences, 8);
    fset(b, &L->ca_NumberOfMappedViews, 1);
    fset(b, &L->ca_NumberOfUserReferences, 1);
    fset(b, &L->ca_Image, image);
    fset(b, &L->ca_File, 1);
    fset(b, &L->ca_FilePointer, file_object | 0x5);     /* EX_FAST_REF: 5 cached refs */
    uint8_t *s = b + ca_sz;
    fset(s, &L->ss_ControlArea, ca);
    fset(s, &L->ss_PtesInSubsection, npages);
    kw(f, ca, b, ca_sz + ss_sz);
    fx_tmp_free(f, b);
    if (fhas(&L->fo_SectionObjectPointer) && L->sz_SECTION_OBJECT_POINTERS) {
        uint64_t sop = pool_alloc(f, POOL_NONPAGED, L->sz_SECTION_OBJECT_POINTERS, "FSso");
        kfield(f, f->sys_root, sop, image ? &L->sop_ImageSectionObject : &L->sop_DataSectionObject, ca);
        kfield(f, f->sys_root, file_object, &L->fo_SectionObjectPointer, sop);
    }
    return ca;
}

static void alloc_node(struct forge *f, struct fprocess *p, struct fvad *v)
{
    const struct layout *L = &f->L;
    uint32_t sz = v->is_long ? L->sz_MMVAD : L->sz_MMVAD_SHORT;
    v->va = pool_alloc(f, POOL_NONPAGED, sz, v->tag);
    if (!v->is_long)
        return;
    /* The executable's view maps the file object the process was created
     * from: EPROCESS.ImageFilePointer and the control area's FilePointer
     * are the same object on Windows. */
    if (!v->file_object && v->kind == SC_VAD_IMAGE && v->start == p->image_base && p->image_file_object)
        v->file_object = p->image_file_object;
    if (!v->file_object)
        v->file_object = file_object_create(f, v->file, p->pid);
    v->control_area = control_area_write(f, v->kind == SC_VAD_IMAGE, v->file_object, (v->end + 1 - v->start) / PAGE);
    if (v->kind == SC_VAD_IMAGE && v->start == p->image_base)
        p->image_control_area = v->control_area;
}

/* EPROCESS.SectionObject: the image section the process was created from
 * (NtCreateUserProcess keeps a reference for the process's lifetime), a
 * 'Section' object whose u1.ControlArea is the executable's control area.
 * When the view was unmapped (hollowing) the section and its control area
 * live on without a VAD: that is the disagreement hollowing leaves. */
static void image_section_write(struct forge *f, struct fprocess *p)
{
    const struct layout *L = &f->L;
    if (!p->image_file_object || !p->image_base || !L->sz_SECTION)
        return;
    uint64_t size = p->nmods ? p->mods[0].img.size : 0x20000;
    if (!p->image_control_area)
        p->image_control_area = control_area_write(f, 1, p->image_file_object, (size + PAGE - 1) / PAGE);
    struct obj_spec s = { .type = OT_SECTION, .body_size = L->sz_SECTION };
    uint64_t sec = obj_create(f, &s);
    uint8_t *b = fx_tmp(f, 1, L->sz_SECTION);
    fset(b, &L->sec_ControlArea, p->image_control_area);
    fset(b, &L->sec_SizeOfSection, size);
    fset(b, &L->sec_Flags, 0xA0);                 /* MMSECTION_FLAGS Image (bit 5) | File (bit 7) */
    fset(b, &L->sec_InitialPageProtection, 0x80); /* PAGE_EXECUTE_WRITECOPY */
    kw(f, sec, b, L->sz_SECTION);
    fx_tmp_free(f, b);
    p->section_object = sec;
}

static void write_node(struct forge *f, struct fprocess *p, struct fvad *v, uint64_t left,
                       uint64_t right, uint64_t parent)
{
    const struct layout *L = &f->L;
    uint32_t sz = v->is_long ? L->sz_MMVAD : L->sz_MMVAD_SHORT;
    uint8_t *b = fx_tmp(f, 1, sz);
    uint64_t svpn = v->start >> 12, evpn = v->end >> 12;
    fset(b, &L->vs_Left, left);
    fset(b, &L->vs_Right, right);
    fset(b, &L->vs_ParentValue, parent);
    fset(b, &L->vs_StartingVpn, svpn & 0xFFFFFFFF);
    fset(b, &L->vs_EndingVpn, evpn & 0xFFFFFFFF);
    fset(b, &L->vs_StartingVpnHigh, svpn >> 32);
    fset(b, &L->vs_EndingVpnHigh, evpn >> 32);
    fset(b, &L->vs_ReferenceCount, 1);
    fset(b, &L->vs_VadType, v->kind == SC_VAD_IMAGE ? 2 : 0);
    fset(b, &L->vs_Protection, v->protection);
    fset(b, &L->vs_PrivateMemory, v->private_memory);
    fset(b, &L->vs_PrivateMemory1, v->private_memory);
    fset(b, &L->vs_CommitCharge, v->commit);
    fset(b, &L->vs_MemCommit, v->commit ? 1 : 0);
    if (v->is_long) {
        /* the subsection sits right after the control area */
        fset(b, &L->v_Subsection, v->control_area + L->sz_CONTROL_AREA);
        fset(b, &L->v_VadsProcess, p->eprocess | 1);
        fset(b, &L->v_FileObject, v->file_object);
        if (fhas(&L->v_ViewLinks)) {
            struct fld bl = L->v_ViewLinks;
            fset(b, &L->v_ViewLinks, v->va + (uint64_t)L->v_ViewLinks.off);
            bl.off += 8; bl.size = 8;
            fset(b, &bl, v->va + (uint64_t)L->v_ViewLinks.off);
        }
    }
    kw(f, v->va, b, sz);
    fx_tmp_free(f, b);
}

/* Balanced tree over sorted[lo, hi): returns the root node VA. */
static uint64_t build(struct forge *f, struct fprocess *p, struct fvad *sorted, long lo, long hi, uint64_t parent)
{
    if (lo >= hi)
        return 0;
    long mid = lo + (hi - lo) / 2;
    struct fvad *v = &sorted[mid];
    uint64_t left = build(f, p, sorted, lo, mid, v->va);
    uint64_t right = build(f, p, sorted, mid + 1, hi, v->va);
    write_node(f, p, v, left, right, parent);
    return v->va;
}

void vad_write_tree(struct forge *f, struct fprocess *p)
{
    if (!p->nvads) {
        image_section_write(f, p);
        return;
    }
    qsort(p->vads, p->nvads, sizeof *p->vads, by_start);
    for (size_t i = 0; i < p->nvads; i++)
        alloc_node(f, p, &p->vads[i]);
    p->vad_root = build(f, p, p->vads, 0, (long)p->nvads, 0);
    image_section_write(f, p);
}
