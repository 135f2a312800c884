/* The memory map of a memory-image process: its VAD tree (windows/vadtree.c)
 * as the model's regions, and the kernel's views of the main image
 * (EPROCESS.SectionObject, SectionBaseAddress, ImageFilePointer) that the
 * hollowing checks compare with the PEB and the loader. */
#include <stdio.h>
#include <string.h>

#include "anatomy/fill.h"
#include "anatomy/walk.h"
#include "base/bytes.h"
#include "windows/objects.h"
#include "windows/vadtree.h"

#define MEM_COMMIT   0x1000u
#define MEM_RESERVE  0x2000u
#define MEM_PRIVATE  0x20000u
#define MEM_MAPPED   0x40000u
#define MEM_IMAGE    0x1000000u

static void region_from_vad(const struct ep_vad *v, struct an_region *r)
{
    memset(r, 0, sizeof *r);
    r->base = r->allocation_base = v->start;
    r->size = v->end - v->start + 1;
    r->allocation_protect = r->protect = vad_protection_win32(v->protection);
    r->type = v->vad_type == 2 || v->ca_image ? MEM_IMAGE : v->private_memory ? MEM_PRIVATE : MEM_MAPPED;
    r->state = v->commit_charge || v->mem_commit || r->type != MEM_PRIVATE ? MEM_COMMIT : MEM_RESERVE;
    r->has_vad = 1;
    r->vad_va = v->va;
    r->vad_parent = v->parent;
    r->vad_left = v->left;
    r->vad_right = v->right;
    r->vad_type = v->vad_type;
    r->vad_protection = v->protection;
    r->vad_private = v->private_memory;
    r->commit_charge = v->commit_charge;
    r->mem_commit = v->mem_commit;
    r->vad_flags = v->flags;
    r->vad_flags1 = v->flags1;
    memcpy(r->tag, v->tag, sizeof r->tag);
    r->control_area = v->control_area;
    r->file_object = v->file_object;
    r->file = v->file[0] ? ep_strdup(v->file) : NULL;
}

static void read_image_views(struct kernel *k, const struct nt_layout *l, struct an_process *p)
{
    const struct nt_vad_layout *L = &l->vad;
    struct an_image_views *iv = &p->image_views;
    if (L->ep_section_base == NT_NONE || L->ep_section_object == NT_NONE)
        return;
    if (vread_u64(k->vs, p->eprocess + L->ep_section_object, &iv->section_object) != 0 ||
        vread_u64(k->vs, p->eprocess + L->ep_section_base, &iv->section_base) != 0)
        return;
    iv->has_image_views = 1;
    /* the section's control area and the file it maps */
    uint64_t ca, fp;
    if (iv->section_object && va_canonical(iv->section_object) && L->sec_control_area != NT_NONE &&
        vread_u64(k->vs, iv->section_object + L->sec_control_area, &ca) == 0 && ca && va_canonical(ca)) {
        iv->section_control_area = ca;
        if (L->ca_file_pointer != NT_NONE && vread_u64(k->vs, ca + L->ca_file_pointer, &fp) == 0 &&
            va_canonical(fp & ~0xFull) && (fp & ~0xFull) && L->fo_file_name != NT_NONE)
            read_unicode_string(k->vs, (fp & ~0xFull) + L->fo_file_name, iv->section_file_name,
                                sizeof iv->section_file_name);
    }
    uint64_t fo;
    if (L->ep_image_file_pointer != NT_NONE &&
        vread_u64(k->vs, p->eprocess + L->ep_image_file_pointer, &fo) == 0 && fo && va_canonical(fo)) {
        iv->image_file_object = fo;
        if (L->fo_file_name != NT_NONE)
            read_unicode_string(k->vs, fo + L->fo_file_name, iv->image_file_name, sizeof iv->image_file_name);
    }
}

int an_fill_vads(struct kernel *k, struct an_process *p, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l || !p->eprocess)
        return -1;
    struct ep_vad_list vl;
    if (vads_of_process(k, p->eprocess, &vl, err) != 0)
        return -1;
    p->vads = ep_calloc(vl.n + 1, sizeof *p->vads);
    for (unsigned i = 0; i < vl.n; i++)
        region_from_vad(&vl.items[i], &p->vads[i]);
    p->regions = p->vads;
    p->nregions = vl.n;
    p->have_regions = 1;
    snprintf(p->regions_problem, sizeof p->regions_problem, "%s", vl.problem);
    vad_list_free(&vl);
    read_image_views(k, l, p);
    return 0;
}
