/* Pages a scenario leaves paged out (process key "paged_out"): the PEB,
 * the loader data (ntdll's PEB_LDR_DATA and every LDR_DATA_TABLE_ENTRY) or
 * the process parameters.  Their PTEs become what the memory manager
 * leaves once a page went to the paging file and its frame was reused: not
 * valid, not a transition PTE, not a prototype, the page's place in
 * pagefile.sys in the high half.  The frame keeps whatever it held; nothing
 * maps it any more.  Readers must report such data as missing, never read
 * it from elsewhere.  The truth lists every page (docs/scenario.md). */
#include "forge/forge_int.h"

#include <strings.h>

/* _MMPTE_SOFTWARE (x64): Valid 0, PageFileLow bits 1-4, Protection bits
 * 5-9, Prototype bit 10, Transition bit 11, PageFileHigh bits 32-63
 * (public _MMPTE_SOFTWARE in the 26100 profile) */
#define PAGEFILE_NUMBER 0u        /* pagefile.sys */
#define MM_READWRITE 4u

static void page_out(struct forge *f, struct fprocess *p, uint64_t va, int part, uint64_t *next_slot)
{
    va &= ~(uint64_t)(PAGE - 1);
    for (size_t i = 0; i < p->npaged; i++)
        if (p->paged[i].va == va)
            return;
    uint64_t pa;
    if (!pg_translate(f, p->root, va, &pa))
        return;                         /* never written: nothing to page out */
    uint64_t pte = (*next_slot << 32) | (MM_READWRITE << 5) | (PAGEFILE_NUMBER << 1);
    (*next_slot)++;
    pg_set_raw_pte(f, p->root, va, pte);
    p->paged = fx_grow(p->paged, p->npaged + 1, sizeof *p->paged);
    p->paged[p->npaged].va = va;
    p->paged[p->npaged].pte = pte;
    p->paged[p->npaged].part = part;
    p->npaged++;
}

static void page_out_range(struct forge *f, struct fprocess *p, uint64_t va, uint64_t len, int part,
                           uint64_t *next_slot)
{
    for (uint64_t a = va & ~(uint64_t)(PAGE - 1); a < va + len; a += PAGE)
        page_out(f, p, a, part, next_slot);
}

void paged_out_apply(struct forge *f)
{
    const struct layout *L = &f->L;
    uint64_t next_slot = 0x2A0;          /* pagefile.sys page numbers, in order */
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        int parts = p->sc->paged_out;
        if (!parts)
            continue;
        if (!p->peb)
            forge_fail(EP_EXIT_USAGE, "%s: process %u (%s) has no PEB, so nothing of it can be paged out",
                       f->sc->path, p->pid, p->sc->name);
        if (parts & SC_PAGED_PEB)
            page_out_range(f, p, p->peb, L->sz_PEB, SC_PAGED_PEB, &next_slot);
        if (parts & SC_PAGED_LDR) {
            page_out_range(f, p, p->ldr, L->sz_PEB_LDR_DATA, SC_PAGED_LDR, &next_slot);
            for (size_t m = 0; m < p->nmods; m++)
                if (p->mods[m].ldr_entry)
                    page_out_range(f, p, p->mods[m].ldr_entry, L->sz_LDR_DATA_TABLE_ENTRY, SC_PAGED_LDR,
                                   &next_slot);
        }
        if (parts & SC_PAGED_PARAMETERS)
            page_out_range(f, p, p->params, 0x10000, SC_PAGED_PARAMETERS, &next_slot);
    }
}
