/* Facts from a 64-bit Windows crash dump header (PAGEDU64).
 *
 * Header layout (DUMP_HEADER64, 0x2000 bytes) and the TRIAGE_DUMP64 and
 * bitmap (SDMP/FDMP) headers that follow it: Microsoft's public ntiodump.h
 * / wdbgexts.h definitions as documented in the WDK and reproduced in the
 * public kdmp-parser project's documentation; offsets confirmed against the
 * real dumps in ../shared/data/kernel-triage. */
#ifndef EPROC_LAYER_CRASHDUMP_H
#define EPROC_LAYER_CRASHDUMP_H

#include <stdint.h>

/* DUMP_HEADER64.DumpType values. */
enum dump_type {
    DUMP_TYPE_FULL = 1,
    DUMP_TYPE_SUMMARY = 2,
    DUMP_TYPE_HEADER = 3,
    DUMP_TYPE_TRIAGE = 4,
    DUMP_TYPE_BITMAP_FULL = 5,
    DUMP_TYPE_BITMAP_KERNEL = 6,
    DUMP_TYPE_AUTOMATIC = 7,
};

#define KDBG_MAX_SIZE 0x1000

struct triage_info {
    uint32_t size_of_dump;
    uint32_t context_offset, exception_offset, mm_offset, unloaded_drivers_offset;
    uint32_t prcb_offset, process_offset, thread_offset;
    uint32_t call_stack_offset, call_stack_size;
    uint32_t driver_list_offset, driver_count;
    uint32_t string_pool_offset, string_pool_size;
    uint64_t top_of_stack;
    uint32_t debugger_data_offset, debugger_data_size;
    uint32_t data_blocks_offset, data_blocks_count;
};

struct crashdump_info {
    uint32_t dump_type;
    uint32_t major_version;          /* 0xf: free build, 0xc: checked */
    uint32_t build;                  /* MinorVersion: the build number */
    uint64_t dtb;                    /* DirectoryTableBase */
    uint64_t pfn_database;           /* address of MmPfnDatabase */
    uint64_t ps_loaded_module_list;
    uint64_t ps_active_process_head;
    uint32_t machine_type;           /* 0x8664 x64, 0xaa64 ARM64 */
    uint32_t processors;
    uint32_t bugcheck_code;
    uint64_t bugcheck_params[4];
    uint64_t kdbg_va;                /* KdDebuggerDataBlock */
    uint64_t system_time;            /* FILETIME */
    uint64_t system_uptime;          /* 100 ns units */
    uint32_t product_type, suite_mask;
    char comment[129];

    /* KDBG copy, when the dump stores one (triage dumps do). */
    uint8_t kdbg[KDBG_MAX_SIZE];
    uint32_t kdbg_size;

    int is_triage;
    struct triage_info triage;
};

const char *dump_type_name(uint32_t type);

#endif
