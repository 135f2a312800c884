/* The anatomy model: what eproc knows about each process, whatever the
 * capture it came from (docs/architecture.md, "The anatomy model").
 *
 * Plain C structs, filled once and read by every command:
 *   - a memory image fills one an_process per process that the kernel's
 *     process list or the pool scan finds (from_image.c);
 *   - a minidump fills one an_process from its streams (from_minidump.c).
 * The user-mode part (TEB -> PEB -> parameters, environment, loader lists,
 * fibers/FLS) is walked by the same code for both (user.c, loader.c,
 * fibers.c) over the process's address space (vas.h).
 *
 * Adding a fact: put the field here, in the struct it describes, fill it in
 * the walker or filler that reads it, and show it in a command.  Values
 * read from process memory carry an enum an_avail: a missing page is an
 * outcome to report (null cell, one warning per process), never an error
 * and never a made-up value. */
#ifndef EPROC_ANATOMY_MODEL_H
#define EPROC_ANATOMY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "anatomy/vas.h"

/* --- modules: as the capture lists them --- */

/* One module: from a minidump's ModuleList, or from the loader's
 * InLoadOrderModuleList in process memory. */
struct an_module {
    uint64_t base;
    uint64_t size;
    int has_checksum;          /* the dump writer's record holds checksum and link time */
    uint32_t checksum;
    uint32_t timestamp;        /* PE TimeDateStamp (seconds since 1970) */
    const char *path;          /* UTF-8; minidumps: never NULL ("" when unreadable); loader: NULL when unreadable */
    const char *name;          /* the part of path after the last \ or / (the loader's BaseDllName) */
    int has_version;
    uint16_t version[4];       /* VS_FIXEDFILEINFO file version a.b.c.d */
    int has_cv;                /* CodeView record (RSDS or NB10) */
    char pdb_id[48];           /* symbol-server id: GUID hex + age hex */
    char *pdb_name;            /* NULL if none */
    int has_load;              /* the loader entry's LoadReason/LoadTime (Windows 8+) */
    uint32_t load_reason;      /* LDR_DLL_LOAD_REASON */
    uint64_t load_time;        /* FILETIME */
    uint64_t ldr_entry;        /* its LDR_DATA_TABLE_ENTRY, 0 if the source is not the loader */
};

/* --- slots the kernel walkers of later issues fill on memory images;
 * minidumps fill them from their streams (MemoryInfoList, HandleData,
 * Token) --- */

/* One region of the address space (minidump MemoryInfoList; VADs later). */
struct an_region {
    uint64_t base;
    uint64_t allocation_base;
    uint64_t size;
    uint32_t allocation_protect;
    uint32_t state;            /* MEM_COMMIT 0x1000, MEM_RESERVE 0x2000, MEM_FREE 0x10000 */
    uint32_t protect;
    uint32_t type;             /* MEM_PRIVATE 0x20000, MEM_MAPPED 0x40000, MEM_IMAGE 0x1000000 */

    /* memory images: the VAD the region is (from_image_vad.c); a VAD
     * knows its protection at allocation, not each page's state, so
     * protect == allocation_protect and state is MEM_COMMIT when any page
     * is charged (or the VAD maps a file), else MEM_RESERVE. */
    int has_vad;
    uint64_t vad_va;           /* the _MMVAD_SHORT / _MMVAD node */
    uint64_t vad_parent, vad_left, vad_right;   /* its tree links (vadwalk), 0 if none */
    uint32_t vad_type;         /* _MI_VAD_TYPE (2 = VadImageMap) */
    uint32_t vad_protection;   /* MM protection index (u.VadFlags.Protection) */
    int vad_private;           /* u.VadFlags.PrivateMemory */
    uint64_t commit_charge;    /* pages */
    int mem_commit;
    uint32_t vad_flags, vad_flags1;   /* raw u.VadFlags / u1.VadFlags1 */
    char tag[5];               /* pool tag: "VadS", "Vad ", ... */
    uint64_t control_area, file_object;   /* 0 when none */
    const char *file;          /* the mapped file's FILE_OBJECT.FileName, NULL if none */
};

/* What the kernel says about a process's main image, for the hollowing
 * and masquerading checks (memory images; has_image_views 0 otherwise). */
struct an_image_views {
    int has_image_views;
    uint64_t section_object;   /* EPROCESS.SectionObject */
    uint64_t section_base;     /* EPROCESS.SectionBaseAddress */
    uint64_t image_file_object;          /* EPROCESS.ImageFilePointer, 0 if none */
    char image_file_name[600];           /* its FileName, "" if unreadable */
    uint64_t section_control_area;       /* SectionObject -> _SECTION.u1.ControlArea, 0 if unknown */
    char section_file_name[600];         /* -> FilePointer -> FileName, "" if unknown */
};

struct an_handle {
    uint64_t handle;
    const char *type_name;     /* NULL if the writer did not record it */
    const char *object_name;
    uint32_t attributes;
    uint32_t granted_access;
    uint32_t handle_count;
    uint32_t pointer_count;
    /* memory images: the object behind the handle (from_image_handles.c) */
    int has_object;
    uint64_t object, object_header;      /* body and _OBJECT_HEADER addresses */
    int has_target;                      /* a Process or Thread handle: whom it opens */
    uint64_t target_pid, target_tid;     /* target_tid 0 for a Process handle */
    const char *target_name;             /* the target's ImageFileName, NULL if unknown */
    /* a named pipe's File object: FILE_OBJECT.FsContext is the instance's
     * CCB with bit 0 set on the server end (docs/kernel-objects.md) */
    int pipe_end;                        /* AN_PIPE_END_* */
    uint64_t pipe_instance;              /* the CCB both ends share, 0 if unknown */
};
enum { AN_PIPE_END_UNKNOWN, AN_PIPE_END_SERVER, AN_PIPE_END_CLIENT };

struct an_sid {
    char text[192];            /* "S-1-5-21-..." */
    uint32_t attributes;
};

struct an_privilege {
    uint64_t luid;
    uint32_t attributes;       /* SE_PRIVILEGE_ENABLED_BY_DEFAULT 1, ENABLED 2, REMOVED 4, USED_FOR_ACCESS 0x80000000 */
};

struct an_token {
    uint32_t token_id;
    uint64_t handle;
    int has_user;
    struct an_sid user;
    int has_primary_group;
    struct an_sid primary_group;
    struct an_sid *groups;
    size_t ngroups;
    struct an_privilege *privileges;
    size_t nprivileges;
    int has_statistics;        /* TOKEN_STATISTICS */
    uint64_t token_luid, authentication_id, modified_id;
    uint32_t token_type;       /* 1 primary, 2 impersonation */
    uint32_t impersonation_level;
    /* memory images: the _TOKEN itself (from_image_token.c) */
    int has_kernel;
    uint64_t va;
    uint64_t tid;              /* the thread impersonating with it, 0 for the process token */
    char source[9];            /* TokenSource name ("*SYSTEM*", "User32 ") */
    int has_session;
    uint32_t session_id;
    int has_integrity;
    struct an_sid integrity;   /* the mandatory label (also among groups, as the token holds it) */
    int elevated;              /* -1 unknown; see docs/kernel-objects.md "Elevation" */
    uint32_t flags;            /* TokenFlags */
    uint64_t stolen_from;      /* another process's EPROCESS whose token this is, 0 if its own */
    uint64_t stolen_from_pid;
};

/* --- the user-mode anatomy, walked over the address space --- */

enum an_avail {
    AN_AV_OK = 0,        /* read */
    AN_AV_MISSING,       /* the memory holding it is not in the capture (minidump: not dumped) */
    AN_AV_NULL,          /* the pointer to it is NULL */
    AN_AV_INVALID,       /* read, but implausible (bad length, broken list) */
    AN_AV_UNKNOWN,       /* an earlier step failed, so its address is unknown */
    AN_AV_PAGED_OUT,     /* the page holding it is paged out (memory images) */
};
/* "read", "not in the dump", "null pointer", "invalid", "unknown", "paged out" */
const char *an_avail_name(enum an_avail av);

struct an_ustr {                 /* a UNICODE_STRING read from memory */
    enum an_avail av;
    uint64_t va;                 /* address of its characters */
    char *text;                  /* sanitised UTF-8 when av == AN_AV_OK */
};

struct an_teb {
    uint64_t va;
    enum an_avail av;            /* the NT_TIB..PEB pointer part */
    uint64_t exception_list, stack_base, stack_limit, fiber_data, self;
    uint64_t client_pid, client_tid, peb, tls_pointer;
    uint32_t last_error;
    enum an_avail av_deallocation;
    uint64_t deallocation_stack; /* start of the stack reservation */
    enum an_avail av_fls;
    uint64_t fls_data;
    enum an_avail av_flags;
    uint16_t same_teb_flags;
};

struct an_peb {
    uint64_t va;
    enum an_avail av;
    char why[160];               /* when av != OK: what stopped us */
    uint8_t being_debugged;
    uint64_t image_base, ldr, process_parameters, process_heap;
    uint64_t api_set_map;        /* the mapped API set schema, 0 if unknown */
    enum an_avail av_os;         /* the OS version/NumberOfProcessors part */
    uint32_t number_of_processors, nt_global_flag;
    uint32_t os_major, os_minor, os_build, os_platform, image_subsystem;
    enum an_avail av_session;
    uint32_t session_id;
};

struct an_envvar {
    char *name;
    char *value;
};

struct an_params {               /* RTL_USER_PROCESS_PARAMETERS */
    uint64_t va;
    enum an_avail av;
    char why[160];
    uint32_t flags;
    struct an_ustr current_directory, dll_path, image_path, command_line,
                   window_title, desktop_info, shell_info;
    uint64_t environment;        /* address of the environment block */
    enum an_avail env_av;
    uint64_t environment_size;   /* EnvironmentSize (Vista+), 0 if absent */
    int env_truncated;           /* the block ran into missing memory or the cap */
    struct an_envvar *env;
    size_t nenv;
};

/* One loader entry (LDR_DATA_TABLE_ENTRY) found on any of the lists. */
struct an_ldr_entry {
    uint64_t va;
    uint64_t base, entry_point, size;
    enum an_avail av;            /* the entry itself */
    struct an_ustr full_name, base_name;
    int in_load, in_mem, in_init;
    int load_index, mem_index, init_index;   /* position, -1 if absent */
    int has_load;                /* LoadTime/LoadReason read (Windows 8+) */
    uint64_t load_time;          /* FILETIME */
    uint32_t load_reason;        /* LDR_DLL_LOAD_REASON */
};

enum an_ldr_list_id { AN_LDR_LOAD, AN_LDR_MEM, AN_LDR_INIT };

struct an_ldr_list {
    enum an_avail av;            /* OK when walked back to the head */
    size_t count;
    char problem[128];           /* why the walk stopped early, "" if it did not */
};

struct an_ldr {                  /* PEB_LDR_DATA and its three lists */
    uint64_t va;
    enum an_avail av;
    char why[160];
    uint8_t initialized;
    struct an_ldr_list lists[3]; /* load, memory, initialization order */
    struct an_ldr_entry *entries;
    size_t nentries;
};

struct an_fiber {
    uint64_t va;                 /* the FIBER structure */
    uint64_t fiber_data;         /* GetFiberData(): CreateFiber's parameter */
    uint64_t stack_base, stack_limit, deallocation_stack;
    int has_context;
    uint64_t saved_pc, saved_sp; /* the saved CONTEXT (stale while running) */
    enum an_avail av_fls;
    uint64_t fls_data;
    uint32_t tid;                /* thread running it, when running */
    int running;
    const char *source;          /* "teb" (a thread's current fiber) or "scan" */
};

struct an_fls {                  /* one per-thread/per-fiber FLS block */
    uint64_t va;
    uint32_t tid;                /* owning thread (its TEB's FlsData), or 0 */
    uint64_t fiber;              /* owning fiber, or 0 */
};

struct an_user_profile;

/* One thread.  Which parts are known depends on the capture: has_* say. */
struct an_thread {
    uint64_t tid, pid;
    uint64_t teb_va;             /* 0 if unknown */

    /* the kernel's ETHREAD (memory images) */
    int has_kernel;
    uint64_t ethread, ethread_pa;        /* pa ~0 if unknown */
    uint64_t win32_start;
    int has_kstack;                      /* KTHREAD's kernel stack fields were read */
    uint64_t kstack_base, kstack_limit;  /* StackBase (top), StackLimit (bottom) */
    uint64_t kstack_initial, kernel_sp;  /* InitialStack, KernelStack (saved stack pointer) */
    uint64_t trap_frame, trap_rip;       /* KTHREAD.TrapFrame and the Rip it saved (0 if unknown) */

    /* start address and times: ETHREAD, or the minidump ThreadInfoList */
    int has_start, has_times;
    uint64_t start;
    uint64_t create, exit;               /* FILETIME */

    /* the dump writer's thread record (minidumps) */
    int has_record;
    uint32_t suspend_count, priority_class;
    int32_t priority;
    uint64_t stack_start, stack_dumped;  /* the stack saved with the record: where, how many bytes */
    int has_context;
    uint64_t pc, sp;                     /* where it was (the exception's context if it faulted) */
    int faulted;                         /* the exception stream names it; triage dumps: the faulting thread */
    const char *name;                    /* thread name, NULL if none */

    /* impersonation (memory images): ETHREAD.ClientSecurity while
     * CrossThreadFlags.ActiveImpersonationInfo is set */
    int impersonating;
    uint64_t impersonation_token;        /* _TOKEN */
    uint32_t impersonation_level;        /* SECURITY_IMPERSONATION_LEVEL: 0 Anonymous .. 3 Delegation */
    int effective_only;
    char impersonation_user[192];        /* the token's user SID ("" unless AN_PART_THREAD_TOKENS) */

    struct an_teb teb;                   /* the TEB in process memory */
    struct an_teb teb32;                 /* a WoW64 thread's 32-bit TEB (va 0: none) */
};

/* A WoW64 process's 32-bit view: its own PEB, parameters and loader lists
 * (the 64-bit ones beside them hold the 64-bit ntdll and wow64 DLLs). */
struct an_wow64 {
    int present;
    uint64_t peb32;              /* EPROCESS.WoW64Process -> the 32-bit PEB */
    struct an_peb peb;
    struct an_params params;
    struct an_ldr ldr;
    struct an_module *modules;   /* its InLoadOrder list (paths owned) */
    size_t nmodules;
};

struct an_process {
    uint64_t pid;
    int pid_known;
    uint64_t ppid;
    int ppid_known;
    char name[264];              /* ImageFileName, or the image's file name; "" if unknown */

    /* the kernel's EPROCESS (memory images) */
    int has_kernel;
    uint64_t eprocess, eprocess_pa;      /* pa ~0 if unknown */
    uint64_t create, exit;               /* FILETIME */
    uint64_t dtb;
    char kernel_path[600];               /* SeAuditProcessCreationInfo, "" if none */
    int has_protection;                  /* the build's EPROCESS has Protection (8.1+) */
    uint8_t protection;                  /* EPROCESS.Protection: PS_PROTECTION (pslist's column) */
    unsigned kernel_views;               /* enum proc_view bits (windows/process.h): VIEW_LIST when on the active list */
    int64_t active_threads;              /* EPROCESS.ActiveThreads, -1 unknown */
    int64_t handle_count;                /* entries in its handle table, -1 unknown */
    int wow64_process;                   /* EPROCESS.WoW64Process is set (a WoW64 process) */
    int exiting, deleted, minimal;       /* EPROCESS flags */
    uint64_t job;                        /* its _EJOB, 0 if none */

    /* user memory */
    struct vas *vas;                     /* NULL when the capture holds none */
    const struct an_user_profile *profile;
    uint64_t peb_hint;                   /* PEB address the kernel gives (EPROCESS.Peb), 0 if none */

    struct an_thread *threads;
    size_t nthreads;
    int have_threads;                    /* the capture lists threads */

    struct an_peb peb;
    struct an_params params;
    struct an_ldr ldr;
    struct an_wow64 wow64;
    struct an_fiber *fibers;
    size_t nfibers;
    int scan_fibers;                     /* set by the filler: scan memory for suspended fibers */
    int fiber_scan;                      /* 1 scanned all memory, 0 stopped at the work cap, -1 not possible
                                          * or not asked for */
    struct an_fls *fls;
    size_t nfls;
    enum an_avail fls_av;
    char fls_problem[128];

    /* modules as the capture lists them (see an_module) */
    struct an_module *modules;
    size_t nmodules;
    int have_modules;
    const char *modules_source;          /* "ModuleList", "InLoadOrderModuleList" */
    int modules_owned;                   /* free modules[] (and its strings) with the process */
    int modules_from_loader;             /* modules[] is the loader's InLoadOrder list, not a view of its own */
    char modules_problem[160];           /* why the list may be incomplete, "" if it is not */
    uint32_t *module_index;              /* modules sorted by base (an_index_modules) */

    /* slots: regions, handles, tokens (NULL/0 and have_* 0 when the
     * capture or this version cannot fill them) */
    const struct an_region *regions;
    size_t nregions;
    int have_regions;
    struct an_region *vads;              /* memory images: owned; regions points here */
    char regions_problem[200];           /* why the VAD list may be incomplete, "" if not */
    struct an_image_views image_views;
    const struct an_handle *handles;
    size_t nhandles;
    int have_handles;
    const struct an_token *tokens;
    size_t ntokens;
    int have_tokens;
    /* memory images: why handles or the token could not be read, "" if they were */
    char handles_problem[160];
    char tokens_problem[160];
    /* memory images: EPROCESS.Session (an_image_session) */
    int has_session;
    uint32_t session_id;
    uint64_t session_space;              /* its _MM_SESSION_SPACE / _PSP_SESSION_SPACE */
};

/* All processes of one capture. */
struct anatomy {
    const char *label;           /* the capture's path, for messages */
    const char *kind;            /* "minidump", "memory image": for messages only */
    struct an_process *procs;
    size_t nprocs;
    /* Parts this capture cannot hold, said once by the commands that need
     * them ("handles: not read from memory images yet"); NULL when held. */
    const char *no_regions, *no_handles, *no_tokens;
    const char *no_vad_tree;     /* the capture lists regions but keeps no VAD tree (minidumps) */
    /* the kernel's modules (drivers): PsLoadedModuleList on memory images,
     * the dump's driver list on kernel triage dumps; none for minidumps
     * (have_kernel_modules 0).  Paths and names owned. */
    struct an_module *kernel_modules;
    size_t nkernel_modules;
    int have_kernel_modules;
    const char *kernel_modules_source;   /* "PsLoadedModuleList", "triage driver list" */
    uint32_t *kernel_module_index;       /* an_index_kernel_modules */
    void *source;                /* the filler's own state, freed by anatomy_free */
    void (*source_free)(void *);
    void (*source_release_pages)(void *);   /* see anatomy_release_pages; NULL if nothing to release */
};

/* Let go of the capture pages that walks over process memory mapped so far
 * (a memory image's page tables and pages stay in the process's memory
 * once read: walking 2,000 processes' address spaces held 1.4 GB); what is
 * read later is mapped again.  Commands that walk every process's memory
 * call it between processes. */
void anatomy_release_pages(struct anatomy *a);

/* Which processes to fill (--pid, --name). */
struct an_select {
    const uint64_t *pids;
    unsigned npids;
    const char *const *names;    /* case-insensitive: process name or the file name of its image path */
    unsigned nnames;
    unsigned parts;              /* AN_PART_*: kernel parts to fill beyond the default (memory images) */
    unsigned only;               /* AN_ONLY_*: less than the default, for commands that need less */
};
#define AN_PART_HANDLES 0x1u     /* handle tables, each object named */
#define AN_PART_TOKENS  0x2u     /* the process token */
#define AN_PART_THREAD_TOKENS 0x4u   /* the user of each impersonating thread's token */
#define AN_PART_FIBER_SCAN 0x8u  /* scan user memory for suspended fibers (minidumps always do) */
/* Only the processes on the kernel's active list (memory images: no pool
 * scan for unlinked ones; other captures: the process they hold). */
#define AN_ONLY_LISTED 0x1u
/* Only each process's own facts (kernel facts; a minidump's streams): no
 * threads, VADs or user-memory walk on memory images (pslist's cost). */
#define AN_ONLY_PROCESS_FACTS 0x2u
int an_select_match(const struct an_select *s, uint64_t pid, int pid_known, const char *name,
                    const char *path);

/* Walk the user-mode anatomy of p over p->vas with p->profile: each
 * thread's TEB (thread[i].teb_va), the PEB (from a TEB, else p->peb_hint),
 * parameters and environment, the three loader lists, fibers and FLS.
 * Never fails: what cannot be read is marked per field. */
void an_walk_user(struct an_process *p);
/* The 32-bit half of a WoW64 process (p->wow64.peb32 set): its PEB,
 * parameters and loader lists through a 4-byte-pointer view of the same
 * memory. */
void an_walk_wow64(struct an_process *p, struct vas *vas32);

/* The module holding va (O(log n)), or NULL; fillers call
 * an_index_modules once their module list is final. */
void an_index_modules(struct an_process *p);
const struct an_module *an_module_at(const struct an_process *p, uint64_t va);

/* The kernel module holding va, or NULL. */
void an_index_kernel_modules(struct anatomy *a);
const struct an_module *an_kernel_module_at(const struct anatomy *a, uint64_t va);

/* Where va lies, as "module+0xOFFSET" in out: a kernel address (from
 * AN_KERNEL_SPACE up) among the kernel's modules, a user address among
 * p's (p may be NULL).  AN_NO_MODULE when that list is known and no module
 * holds va (a finding for a thread start); "" when there is no list to
 * look in or va is 0.  Returns the module or NULL.  The one resolver the
 * commands share (threads, callbacks). */
#define AN_KERNEL_SPACE 0xffff800000000000ull
#define AN_NO_MODULE "(no module)"
const struct an_module *an_resolve(const struct anatomy *a, const struct an_process *p, uint64_t va, char *out,
                                   size_t n);

/* Release what the walkers allocated for p, and p's vas. */
void an_process_free(struct an_process *p);
void anatomy_free(struct anatomy *a);

/* The short name of a path (after the last \ or /). */
const char *an_base_name(const char *path);

/* Caps on walks over process memory. */
#define AN_MAX_LDR_ENTRIES  4096
#define AN_MAX_ENV_BYTES    (1u << 20)
#define AN_MAX_ENV_VARS     8192
#define AN_MAX_FIBERS       1024
#define AN_MAX_FLS          4096
#define AN_MAX_THREADS      65536

#endif
