/* _KDDEBUGGER_DATA64 ("KDBG"), the debugger's table of kernel addresses.
 *
 * Layout: the public KDDEBUGGER_DATA64 in the Windows debugger SDK header
 * wdbgexts.h (DBGKD_DEBUG_DATA_HEADER64: LIST_ENTRY64 List, ULONG OwnerTag
 * 'KDBG', ULONG Size; then KernBase at 0x18 and one ULONG64 per field).
 * Confirmed on ../shared/data/kernel-triage, whose headers repeat
 * PsLoadedModuleList and PsActiveProcessHead at the same values. */
#ifndef EPROC_WINDOWS_KDBG_H
#define EPROC_WINDOWS_KDBG_H

#include <stddef.h>
#include <stdint.h>

#define KDBG_OWNER_TAG 0x4742444bu   /* "KDBG" */

/* One KDBG pointer field that holds the address of a named kernel
 * variable or routine (the symbol it is compared against). */
struct kdbg_field {
    uint32_t offset;
    const char *field;       /* name in KDDEBUGGER_DATA64 */
    const char *symbol;      /* kernel symbol it points at */
};

extern const struct kdbg_field kdbg_symbol_fields[];
extern const size_t kdbg_symbol_field_count;

struct kdbg {
    uint32_t size;           /* Header.Size */
    uint64_t kern_base;
    uint64_t ps_loaded_module_list;
    uint64_t ps_active_process_head;
    uint64_t psp_cid_table;
    uint64_t mm_pfn_database;
    uint64_t ki_processor_block;
    uint64_t values[0x300 / 8];   /* raw ULONG64 slots, for symbol matching */
    uint32_t nvalues;
};

/* Parse a decoded KDBG copy.  Returns 0 if the OwnerTag and size are
 * sane, -1 otherwise (e.g. an encoded block). */
int kdbg_parse(const uint8_t *data, size_t len, struct kdbg *out);

/* Value of the slot at byte offset off, 0 if beyond the block. */
uint64_t kdbg_slot(const struct kdbg *k, uint32_t off);

#endif
