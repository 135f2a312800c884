/* The kernel's loaded modules (drivers), three ways:
 *   - the list: PsLoadedModuleList, a LIST_ENTRY of
 *     KLDR_DATA_TABLE_ENTRY.InLoadOrderLinks (what the loader keeps);
 *   - the pool scan: every nonpaged allocation tagged 'MmLd' holding a
 *     KLDR_DATA_TABLE_ENTRY right after its _POOL_HEADER (the entry is a
 *     plain pool block, no object header), found by windows/poolscan.c;
 *     an entry the scan finds and the list lacks is an unlinked driver;
 *   - a kernel triage dump's driver list (TRIAGE_DUMP64.DriverListOffset,
 *     DriverCount): DUMP_DRIVER_ENTRY64 records, 0x90 bytes each, with
 *     their names in the dump's string pool (layouts in kmodules.c).
 * Each module's PDB id comes from its image's RSDS record (windows/pe.c)
 * when the image header is in the capture. */
#ifndef EPROC_WINDOWS_KMODULES_H
#define EPROC_WINDOWS_KMODULES_H

#include <stdint.h>

#include "windows/kernel.h"

struct kmodule {
    uint64_t entry;              /* the KLDR_DATA_TABLE_ENTRY's address, 0 if unknown */
    uint64_t entry_pa;           /* pool scan: its physical address; ~0 otherwise */
    uint64_t base, size, entry_point;
    uint32_t checksum, timestamp, flags;
    int has_checksum;            /* triage: CheckSum/TimeDateStamp as the dump writer saved them */
    char name[128];              /* BaseDllName (triage: the path's last part) */
    char path[520];              /* FullDllName (triage: the string pool's name) */
    int has_cv;
    char pdb_name[64];
    char pdb_id[48];             /* GUID hex + age hex, as symbol servers name it */
};

struct kmodule_list {
    struct kmodule *items;
    unsigned n, cap;
    const char *source;          /* "PsLoadedModuleList", "pool scan 'MmLd'", "triage driver list" */
    int complete;                /* the list walk got back to its head */
    char problem[200];           /* why it may be incomplete, "" if it is not */
};

/* The loader's list.  -1 with err when the profile names no list head. */
int kmodules_from_list(struct kernel *k, struct kmodule_list *out, struct ep_error *err);

/* A triage dump's driver list.  -1 with err when the dump has none. */
int kmodules_from_triage(struct kernel *k, struct kmodule_list *out, struct ep_error *err);

/* Pool scan for 'MmLd' blocks.  -1 with err when the profile lacks
 * KLDR_DATA_TABLE_ENTRY or the capture has no physical memory. */
int kmodules_scan(struct kernel *k, struct kmodule_list *out, struct ep_error *err);

/* The modules of the capture whatever its kind: the triage driver list
 * on a triage dump, else the loader's list. */
int kmodules_of_capture(struct kernel *k, struct kmodule_list *out, struct ep_error *err);

/* Read each module's RSDS record from its mapped image (memory images). */
void kmodules_read_pdb(struct kernel *k, struct kmodule_list *l);

/* The module whose [base, base+size) holds va, NULL if none (linear:
 * callers with many lookups use the anatomy model's index). */
const struct kmodule *kmodule_at(const struct kmodule_list *l, uint64_t va);

void kmodule_list_free(struct kmodule_list *l);

#define KMODULES_MAX 65536

#endif
