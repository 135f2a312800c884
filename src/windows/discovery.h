/* Finding the kernel in a capture with no hints. */
#ifndef EPROC_WINDOWS_DISCOVERY_H
#define EPROC_WINDOWS_DISCOVERY_H

#include <stdint.h>

#include "layer/physical.h"
#include "translate/x64.h"
#include "windows/pe.h"
#include "windows/ptrset.h"

struct dtb_candidate {
    uint64_t pa;
    unsigned self_index;     /* PML4 index of the self-reference, 0x100-0x1ff */
};

/* Scan physical memory from page-aligned address `from` upwards, lowest
 * address first, for PML4 pages holding a present entry at index
 * 0x100-0x1ff that points at the page itself.  Returns the number of
 * candidates stored (at most max); call again from after the last one to
 * continue.  The kernel's own table is usually in low memory, so callers
 * try candidates in small batches instead of scanning everything first. */
int find_dtb_candidates(const struct capture *cap, uint64_t from, struct dtb_candidate *out, int max);

/* Search the kernel's address space for the NT kernel image: a PE at a
 * 2 MiB-aligned kernel address whose CodeView record names ntkrnlmp.pdb,
 * ntoskrnl.pdb, ntkrpamp.pdb or ntkrla57.pdb.  Returns 0 and fills base
 * and pe when found. */
int find_kernel_image(struct vspace *vs, uint64_t *base, struct pe_info *pe);

/* The search's work is bounded (hostile page tables can make every entry
 * of every table present and point back at the same pages): each distinct
 * page-directory and PDPT page is scanned once, and at most
 * IMAGE_SEARCH_MAX_PROBES addresses are tried per search.  Searches over
 * several candidate DTBs share the set of table pages scanned (a table
 * page maps the same memory whichever PML4 leads to it), but each gets
 * its own probe budget, so that a hostile table early in memory cannot
 * use up the budget of the real kernel's; a search cut short by the cap
 * leaves the set unreliable, and the next one starts afresh. */
#define IMAGE_SEARCH_MAX_PROBES (1u << 20)
#define IMAGE_SEARCH_MAX_TABLES (1u << 18)
struct image_search {
    struct ptrset tables;    /* table pages scanned: physical address | level */
    uint64_t probes;         /* addresses tried by the current search */
    uint64_t total_probes;   /* by all searches */
    int capped;              /* some search stopped early: the caller may warn */
    int capped_now;          /* the last search did */
};
void image_search_init(struct image_search *s);
void image_search_free(struct image_search *s);
int find_kernel_image_in(struct vspace *vs, struct image_search *s, uint64_t *base, struct pe_info *pe);

/* Is this PDB file name one of the NT kernel's? */
int is_kernel_pdb_name(const char *name);

/* KUSER_SHARED_DATA (kernel address 0xfffff78000000000).  Offsets are
 * stable since Windows 8 (public _KUSER_SHARED_DATA: NtBuildNumber 0x260,
 * NtProductType 0x264, NtMajorVersion 0x26c, NtMinorVersion 0x270,
 * SystemTime 0x14 as KSYSTEM_TIME, ActiveProcessorCount 0x3c0). */
#define KUSER_SHARED_DATA_KVA 0xfffff78000000000ull
struct kuser_facts {
    uint32_t build;           /* NtBuildNumber & 0xffff */
    uint32_t major, minor;
    uint32_t processors;
    uint64_t system_time;
};
int read_kuser_shared_data(struct vspace *vs, struct kuser_facts *out);

#endif
