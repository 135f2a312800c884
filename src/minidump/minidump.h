/* Process minidumps (MDMP): the snapshot of one user-mode process that
 * Task Manager, procdump, WER, Breakpad and Crashpad write.
 *
 * md_open() parses the header, the stream directory and every stream it
 * knows into the plain structs below.  The user-mode anatomy in dumped
 * memory (TEB -> PEB -> loader lists, process parameters, fibers) is walked
 * by anatomy/ over the dump's address space (anatomy/from_minidump.c,
 * docs/architecture.md).  The
 * input is hostile: every RVA and size is checked against the file, counts
 * are capped, list walks are bounded.  A damaged stream is a warning and a
 * partial result; only a file where nothing can be read is an error.
 *
 * Layouts come from Microsoft's minidumpapiset.h documentation ("Minidump
 * Files", learn.microsoft.com/windows/win32/debug/minidump-files and the
 * MINIDUMP_* structure pages); each parser names the structures it reads. */
#ifndef EPROC_MINIDUMP_MINIDUMP_H
#define EPROC_MINIDUMP_MINIDUMP_H

#include <stddef.h>
#include <stdint.h>

#include "anatomy/model.h"
#include "base/diag.h"

struct mapped_file;

/* MINIDUMP_STREAM_TYPE (minidumpapiset.h). */
enum md_stream_type {
    MD_UNUSED_STREAM = 0,
    MD_THREAD_LIST = 3,
    MD_MODULE_LIST = 4,
    MD_MEMORY_LIST = 5,
    MD_EXCEPTION = 6,
    MD_SYSTEM_INFO = 7,
    MD_THREAD_EX_LIST = 8,
    MD_MEMORY64_LIST = 9,
    MD_COMMENT_A = 10,
    MD_COMMENT_W = 11,
    MD_HANDLE_DATA = 12,
    MD_FUNCTION_TABLE = 13,
    MD_UNLOADED_MODULE_LIST = 14,
    MD_MISC_INFO = 15,
    MD_MEMORY_INFO_LIST = 16,
    MD_THREAD_INFO_LIST = 17,
    MD_HANDLE_OPERATION_LIST = 18,
    MD_TOKEN = 19,
    MD_JAVASCRIPT_DATA = 20,
    MD_SYSTEM_MEMORY_INFO = 21,
    MD_PROCESS_VM_COUNTERS = 22,
    MD_IPT_TRACE = 23,
    MD_THREAD_NAMES = 24,
    MD_WINE_HOST_MODULES = 0xfff0,   /* Wine's dbghelp: the Unix (ELF) modules */
};

enum md_arch {
    MD_ARCH_UNKNOWN = 0,
    MD_ARCH_X86,
    MD_ARCH_X64,
    MD_ARCH_ARM64,
    MD_ARCH_ARM,
    MD_ARCH_OTHER,
};

/* What happened to one directory entry. */
enum md_stream_status {
    MD_ST_PARSED,      /* read completely */
    MD_ST_PARTIAL,     /* read, but some entries were dropped (warned) */
    MD_ST_EMPTY,       /* UnusedStream or size 0: padding the writer left */
    MD_ST_UNKNOWN,     /* a type this parser does not decode (listed only) */
    MD_ST_BAD,         /* outside the file or unreadable (warned) */
    MD_ST_DUPLICATE,   /* a second stream of a type already read: ignored */
};

struct md_stream {
    uint32_t index;
    uint32_t type;
    uint32_t rva;
    uint32_t size;
    enum md_stream_status status;
    char note[96];     /* short human summary: "3 threads", "past end of file" */
};

struct md_thread {
    uint32_t tid;
    uint32_t suspend_count;
    uint32_t priority_class;
    uint32_t priority;
    uint64_t teb;
    uint64_t stack_start;      /* MINIDUMP_THREAD.Stack: the dumped stack */
    uint64_t stack_size;
    uint32_t stack_rva;
    uint32_t context_rva, context_size;
    int has_context;           /* pc/sp/fp decoded from the context record */
    uint64_t pc, sp, fp;
    /* MINIDUMP_THREAD_INFO (ThreadInfoList), when has_info */
    int has_info;
    uint32_t dump_flags, dump_error, exit_status;
    uint64_t create_time, exit_time;   /* FILETIME */
    uint64_t kernel_time, user_time;   /* 100 ns units */
    uint64_t start_address, affinity;
    const char *name;          /* ThreadNames stream, NULL if none */
};


struct md_unloaded_module {
    uint64_t base;
    uint64_t size;
    uint32_t checksum;
    uint32_t timestamp;
    const char *path;
    const char *name;
};

/* A range of dumped memory: [va, va+size) is stored at file_off. */
struct md_range {
    uint64_t va;
    uint64_t size;
    uint64_t file_off;
};

/* MINIDUMP_MEMORY_INFO (MemoryInfoList): what VirtualQuery said. */

struct md_sysinfo {
    int present;
    uint16_t processor_architecture;  /* PROCESSOR_ARCHITECTURE_*: 0 x86, 9 AMD64, 12 ARM64 */
    uint16_t processor_level, processor_revision;
    uint8_t number_of_processors, product_type;
    uint32_t major, minor, build, platform_id;
    uint16_t suite_mask;
    const char *csd_version;   /* service pack string, NULL if none */
    char vendor[13];           /* x86/x64 CPUID vendor, "" if none */
};

struct md_misc {
    int present;
    uint32_t size, flags1;
    uint32_t pid;                              /* flags1 & 1 */
    uint32_t create_time, user_time, kernel_time;  /* flags1 & 2; create_time is time_t */
    uint32_t max_mhz, current_mhz, mhz_limit;  /* flags1 & 4 (MISC_INFO_2) */
    uint32_t integrity_level;                  /* flags1 & 0x10 (MISC_INFO_3) */
    uint32_t execute_flags;                    /* flags1 & 0x20 */
    uint32_t protected_process;                /* flags1 & 0x80 */
    uint32_t timezone_id;                      /* flags1 & 0x40 */
    int32_t tz_bias;
    char tz_name[96];
    char build_string[520];                    /* flags1 & 0x100 (MISC_INFO_4) */
    char dbg_build_string[96];
    uint32_t process_cookie;                   /* flags1 & 0x200 (MISC_INFO_5) */
};

#define MD_MISC1_PROCESS_ID             0x1u
#define MD_MISC1_PROCESS_TIMES          0x2u
#define MD_MISC1_PROCESSOR_POWER_INFO   0x4u
#define MD_MISC3_PROCESS_INTEGRITY      0x10u
#define MD_MISC3_PROCESS_EXECUTE_FLAGS  0x20u
#define MD_MISC3_TIMEZONE               0x40u
#define MD_MISC3_PROTECTED_PROCESS      0x80u
#define MD_MISC4_BUILDSTRING            0x100u
#define MD_MISC5_PROCESS_COOKIE         0x200u

struct md_exception {
    int present;
    uint32_t tid;
    uint32_t code, flags;
    uint64_t record, address;
    uint32_t nparams;
    uint64_t params[15];
    int has_context;
    uint64_t pc, sp;
};

struct md_vm_counters {
    int present;
    uint16_t revision, flags;
    uint32_t page_fault_count;
    uint64_t peak_working_set, working_set;
    uint64_t quota_peak_paged_pool, quota_paged_pool;
    uint64_t quota_peak_nonpaged_pool, quota_nonpaged_pool;
    uint64_t pagefile_usage, peak_pagefile_usage, private_usage;
    int has_v2;
    uint64_t peak_virtual_size, virtual_size, private_working_set, shared_commit;
};

struct md_system_memory {
    int present;
    uint16_t revision, flags;
    uint32_t page_size, number_of_physical_pages, allocation_granularity;
    uint64_t min_user_address, max_user_address;
    uint32_t number_of_processors;
    uint64_t available_pages, committed_pages, commit_limit, peak_commitment;
};

struct md_comment {
    int wide;
    char *text;
};

/* Fixed caps: hostile counts never size an allocation beyond these. */
#define MD_MAX_STREAMS   4096
#define MD_MAX_THREADS   65536
#define MD_MAX_MODULES   65536
#define MD_MAX_RANGES    (1u << 22)
#define MD_MAX_MEMINFO   (1u << 22)
#define MD_MAX_HANDLES   (1u << 20)
#define MD_MAX_TOKENS    256
#define MD_MAX_COMMENTS  64
#define MD_MAX_STRING    65536      /* bytes of one MINIDUMP_STRING */
#define MD_STRING_BUDGET (16u << 20) /* names handed out, repeats counted; past it, cut to 128 chars */


struct md_dump {
    const char *label;         /* the path, for messages */
    const uint8_t *data;
    uint64_t size;

    uint32_t version;          /* low 16 bits MINIDUMP_VERSION (0xa793) */
    uint32_t nstreams_claimed;
    uint32_t directory_rva;
    uint32_t timestamp;        /* time_t the dump was written */
    uint64_t flags;            /* MINIDUMP_TYPE */

    struct md_stream *streams;
    size_t nstreams;

    enum md_arch arch;
    unsigned ptr_size;         /* 4 or 8: pointer size of the dumped process */

    struct md_sysinfo sys;
    struct md_misc misc;
    struct md_exception exc;
    struct md_vm_counters vm;
    struct md_system_memory sysmem;

    struct md_thread *threads;
    size_t nthreads;
    int have_thread_list, have_thread_info, have_thread_names;

    struct an_module *modules;
    size_t nmodules;
    int have_module_list;
    uint32_t *module_index;    /* (parser-internal) modules sorted by base */
    struct an_module *host_modules;  /* Wine's 0xfff0 stream: the host's ELF modules */
    size_t nhost_modules;
    struct md_unloaded_module *unloaded;
    size_t nunloaded;
    int have_unloaded;

    struct md_range *ranges;   /* sorted by va, non-overlapping */
    size_t nranges;
    size_t ranges_alloc;       /* (parser-internal) */
    uint64_t dumped_bytes;
    int have_memory;           /* MemoryList and/or Memory64List */

    struct an_region *meminfo;  /* sorted by base */
    size_t nmeminfo;
    int have_meminfo;

    struct an_handle *handles;
    size_t nhandles;
    int have_handles;

    struct an_token *tokens;
    size_t ntokens;
    int have_tokens;

    struct md_comment *comments;
    size_t ncomments;

    unsigned long warnings;    /* warnings emitted while opening */
    uint64_t string_bytes;     /* (internal) UTF-8 bytes of names handed out, for MD_STRING_BUDGET */
    struct md_strtab *strings; /* (internal) names read from the file, one copy per RVA */
    int strings_capped;        /* (internal) the budget was hit (warned once) */
};

/* Parse a minidump held in f (the capture layer's mapping; f must outlive
 * the dump).  Returns 0, or -1 with "PATH: problem" in err when nothing can
 * be read (bad magic, header or directory outside the file, no readable
 * stream).  Damaged streams are warnings and partial results. */
int md_open(const struct mapped_file *f, struct md_dump **out, struct ep_error *err);
/* The same from a buffer (tests, fuzzing); data must outlive the dump. */
int md_open_buffer(const void *data, size_t len, const char *label,
                   struct md_dump **out, struct ep_error *err);
void md_close(struct md_dump *md);

/* --- names (never NULL) --- */
const char *md_stream_type_name(uint32_t type);   /* "ThreadListStream", "unknown" */
const char *md_arch_name(enum md_arch arch);      /* "x86", "x64", ... */
/* "PAGE_EXECUTE_READWRITE", "PAGE_READONLY|PAGE_GUARD"; buf >= 64 bytes. */
const char *md_protect_name(uint32_t protect, char *buf, size_t bufsz);
const char *md_state_name(uint32_t state);        /* "MEM_COMMIT", ... or "" */
const char *md_type_name(uint32_t type);          /* "MEM_PRIVATE", ... or "" */
/* Well-known exception code name, or NULL. */
const char *md_exception_name(uint32_t code);

/* --- dumped memory, by virtual address --- */

/* Copy up to len bytes at va; returns how many contiguous bytes were
 * present (0 when va is not in the dump). */
uint64_t md_read(const struct md_dump *md, uint64_t va, void *buf, uint64_t len);
/* 0 when all len bytes were read, else -1. */
int md_read_exact(const struct md_dump *md, uint64_t va, void *buf, uint64_t len);
/* Read one pointer of the process's size (4 or 8 bytes). */
int md_read_ptr(const struct md_dump *md, uint64_t va, uint64_t *out);
/* The range holding va, or NULL. */
const struct md_range *md_find_range(const struct md_dump *md, uint64_t va);
/* MemoryInfoList entry holding va, or NULL. */
const struct an_region *md_find_meminfo(const struct md_dump *md, uint64_t va);
/* The module whose image holds va, or NULL. */
const struct an_module *md_find_module(const struct md_dump *md, uint64_t va);

/* Format a SID from its binary form (revision, count, authority, subauths);
 * returns the bytes it used, or 0 if buf does not hold a valid SID. */
size_t md_sid_format(const uint8_t *p, size_t avail, char *out, size_t outsz);
/* Names of well-known SIDs ("Everyone", "Local System", ...) or NULL. */
const char *md_sid_name(const char *sid);
/* Privilege name for a LUID low part ("SeDebugPrivilege") or NULL. */
const char *md_privilege_name(uint64_t luid);
const char *md_privilege_description(uint64_t luid);

#endif
