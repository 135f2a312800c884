/* Forge internals shared by the files of src/forge/.  Not a public interface. */
#ifndef EPROC_FORGE_FORGE_INT_H
#define EPROC_FORGE_FORGE_INT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "forge/forge.h"
#include "forge/layout.h"
#include "forge/scenario.h"
#include "windows/ptrset.h"

struct isf;
struct builtin_section;
struct truth;

#define PAGE 4096ULL
#define LARGE_PAGE 0x200000ULL

/* ---- fail.c: errors from deep inside the builders ---- */
struct forge;
struct forge_trap {
    jmp_buf jb;                  /* forge_run()'s setjmp */
    struct ep_error *err;
    int code;                    /* exit code forge_fail() asked for */
};
/* forge_run() arms the trap right after its setjmp(trap.jb) and disarms
 * it when the builders are done. */
void forge_trap_arm(struct forge_trap *t, struct ep_error *err);
void forge_trap_disarm(void);
/* One line into the trap's ep_error, then back to forge_run(), which
 * returns code.  Scenario problems found while building name their key. */
_Noreturn void forge_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void forge_oom(void);
/* calloc/realloc that never return NULL (forge_oom() instead). */
void *fx_alloc(size_t n, size_t size);
void *fx_grow(void *old, size_t n, size_t size);
/* Zeroed temporaries owned by the forge until fx_tmp_free(), so that a
 * forge_fail() while one is in use leaks nothing. */
void *fx_tmp(struct forge *f, size_t n, size_t size);
void fx_tmp_free(struct forge *f, void *p);
void fx_tmp_free_all(struct forge *f);

/* ---- rng.c: deterministic PRNG (splitmix64) ---- */
struct rng { uint64_t s; };
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* Uniform in [lo, hi] (inclusive). */
uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi);

/* ---- machine.c: physical memory, sparse, frames handed out scattered ---- */
struct ram_run { uint64_t pa, len; };

struct machine {
    uint64_t ram_bytes;          /* RAM the scenario asked for */
    struct ram_run runs[4];      /* where that RAM sits (holes as on a PC) */
    int nruns;
    uint64_t max_pa;             /* highest PA + 1 */
    uint64_t npfn;
    uint8_t **pages;             /* by PFN; NULL = all zero */
    uint64_t *used;              /* bitmap of frames handed out */
    uint64_t frames_used;
    uint64_t pages_stored;
    struct rng rng;
};
int mach_init(struct machine *m, uint64_t ram_bytes, uint64_t seed, struct ep_error *err);
void mach_free(struct machine *m);
int mach_pa_is_ram(const struct machine *m, uint64_t pa);
/* A free frame at a random place; 0 when memory is exhausted. */
uint64_t mach_alloc_frame(struct machine *m);
/* npages contiguous frames aligned to align bytes, random place; 0 if none. */
uint64_t mach_alloc_contig(struct machine *m, uint64_t npages, uint64_t align);
/* Claim one specific frame (the kernel DTB); 0 if taken. */
int mach_claim(struct machine *m, uint64_t pa);
/* Reserve [pa, pa+len) so the scattered allocator never uses it. */
void mach_reserve(struct machine *m, uint64_t pa, uint64_t len);
void mach_write(struct machine *m, uint64_t pa, const void *buf, size_t len);
void mach_read(const struct machine *m, uint64_t pa, void *buf, size_t len);
uint64_t mach_r64(const struct machine *m, uint64_t pa);
void mach_w64(struct machine *m, uint64_t pa, uint64_t v);
/* Host view of a stored page, NULL if the page is zero. */
const uint8_t *mach_page_view(const struct machine *m, uint64_t pfn);

/* ---- paging.c: x64 4-level tables ---- */
#define PTE_P   0x1ULL
#define PTE_RW  0x2ULL
#define PTE_US  0x4ULL
#define PTE_A   0x20ULL
#define PTE_D   0x40ULL
#define PTE_PS  0x80ULL
#define PTE_G   0x100ULL
#define PTE_TRANSITION 0x800ULL   /* Windows: software bit 11 */
#define PTE_NX  (1ULL << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ULL

struct forge;
/* A fresh, zeroed PML4 page. */
uint64_t pg_new_root(struct forge *f);
/* Map one 4 KiB page / one 2 MiB page. */
void pg_map(struct forge *f, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags);
void pg_map_large(struct forge *f, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags);
/* Write a raw (not valid) PTE for va: transition or pagefile entries. */
void pg_set_raw_pte(struct forge *f, uint64_t root, uint64_t va, uint64_t pte);
/* Translate; returns 1 and *pa when mapped (valid or transition). */
int pg_translate(const struct forge *f, uint64_t root, uint64_t va, uint64_t *pa);
/* Allocate scattered frames and map [va, va+len) (page-rounded). */
void pg_map_alloc(struct forge *f, uint64_t root, uint64_t va, uint64_t len, uint64_t flags);
/* Copy the kernel half and set the self-reference entry. */
void pg_finish_root(struct forge *f, uint64_t root);

/* Virtual memory access through a root (kernel addresses: any root). */
void vw(struct forge *f, uint64_t root, uint64_t va, const void *buf, size_t len);
void vr(const struct forge *f, uint64_t root, uint64_t va, void *buf, size_t len);
void vw64(struct forge *f, uint64_t root, uint64_t va, uint64_t v);
void vw32(struct forge *f, uint64_t root, uint64_t va, uint32_t v);
uint64_t vr64(const struct forge *f, uint64_t root, uint64_t va);
/* Kernel-space shorthands (system root). */
void kw(struct forge *f, uint64_t va, const void *buf, size_t len);
void kw64(struct forge *f, uint64_t va, uint64_t v);
uint64_t kr64(const struct forge *f, uint64_t va);
/* Write a field of a structure at va (skipped when the profile lacks it). */
void kfield(struct forge *f, uint64_t root, uint64_t va, const struct fld *fl, uint64_t v);

/* ---- kva.c: kernel virtual regions (bump allocators) ---- */
struct kregion {
    const char *name;
    uint64_t base, next, end;
    uint64_t flags;
};
void kva_init(struct forge *f);
/* Allocate mapped, zeroed kernel memory from a region (page-granular). */
uint64_t kva_alloc_pages(struct forge *f, struct kregion *r, uint64_t npages);

/* ---- pool.c: pool allocations with _POOL_HEADER ---- */
enum pool_kind { POOL_NONPAGED = 0, POOL_PAGED = 1 };
/* Returns the VA just after the POOL_HEADER (16-byte aligned). */
uint64_t pool_alloc(struct forge *f, enum pool_kind kind, uint32_t size, const char tag[4]);
/* Page-aligned big allocation (no POOL_HEADER), recorded in PoolBigPageTable. */
uint64_t pool_alloc_big(struct forge *f, enum pool_kind kind, uint64_t size, const char tag[4]);
void pool_finish(struct forge *f);

/* ---- object.c: executive objects ---- */
/* Object types in ObTypeIndexTable order (index 0 is empty, 1 holds the
 * 0xbad0b0b0 marker); names as Windows 11 registers them. */
enum obj_type {
    OT_NONE = 0, OT_BAD = 1,
    OT_TYPE = 2,
    OT_DIRECTORY = 3,
    OT_SYMBOLICLINK = 4,
    OT_TOKEN = 5,
    OT_JOB = 6,
    OT_PROCESS = 7,
    OT_THREAD = 8,
    OT_PARTITION = 9,
    OT_USERAPCRESERVE = 10,
    OT_IOCOMPLETIONRESERVE = 11,
    OT_ACTIVITYREFERENCE = 12,
    OT_PSSILOCONTEXTPAGED = 13,
    OT_PSSILOCONTEXTNONPAGED = 14,
    OT_DEBUGOBJECT = 15,
    OT_EVENT = 16,
    OT_MUTANT = 17,
    OT_CALLBACK = 18,
    OT_SEMAPHORE = 19,
    OT_TIMER = 20,
    OT_IRTIMER = 21,
    OT_PROFILE = 22,
    OT_KEYEDEVENT = 23,
    OT_WINDOWSTATION = 24,
    OT_DESKTOP = 25,
    OT_COMPOSITION = 26,
    OT_RAWINPUTMANAGER = 27,
    OT_COREMESSAGING = 28,
    OT_ACTIVATIONOBJECT = 29,
    OT_TPWORKERFACTORY = 30,
    OT_ADAPTER = 31,
    OT_CONTROLLER = 32,
    OT_DEVICE = 33,
    OT_DRIVER = 34,
    OT_IOCOMPLETION = 35,
    OT_WAITCOMPLETIONPACKET = 36,
    OT_FILE = 37,
    OT_TMTM = 38,
    OT_TMTX = 39,
    OT_TMRM = 40,
    OT_TMEN = 41,
    OT_SECTION = 42,
    OT_SESSION = 43,
    OT_KEY = 44,
    OT_REGISTRYTRANSACTION = 45,
    OT_ALPCPORT = 46,
    OT_ENERGYTRACKER = 47,
    OT_POWERREQUEST = 48,
    OT_WMIGUID = 49,
    OT_ETWREGISTRATION = 50,
    OT_ETWSESSIONDEMUXENTRY = 51,
    OT_ETWCONSUMER = 52,
    OT_COVERAGESAMPLER = 53,
    OT_DMAADAPTER = 54,
    OT_PCWOBJECT = 55,
    OT_FILTERCONNECTIONPORT = 56,
    OT_FILTERCOMMUNICATIONPORT = 57,
    OT_NDISCMSTATE = 58,
    OT_DXGKSHAREDRESOURCE = 59,
    OT_DXGKSHAREDKEYEDMUTEXOBJECT = 60,
    OT_DXGKSHAREDSYNCOBJECT = 61,
    OT_DXGKSHAREDSWAPCHAINOBJECT = 62,
    OT_DXGKDISPLAYMANAGEROBJECT = 63,
    OT_DXGKDISPLAYMUXSWITCH = 64,
    OT_DXGKSHAREDPROTECTEDSESSIONOBJECT = 65,
    OT_DXGKSHAREDBUNDLEOBJECT = 66,
    OT_DXGKCOMPOSITIONOBJECT = 67,
    OT_VREGCONFIGURATIONCONTEXT = 68,
    OT_COUNT
};
extern const char *const obj_type_names[OT_COUNT];
extern const char obj_type_tags[OT_COUNT][5];
int obj_type_by_name(const char *name);

/* Optional header flags (OBJECT_HEADER.InfoMask bits). */
#define OBH_CREATOR 0x01
#define OBH_NAME    0x02
#define OBH_HANDLE  0x04
#define OBH_QUOTA   0x08
#define OBH_PROCESS 0x10
#define OBH_AUDIT   0x20
#define OBH_EXTENDED 0x40
#define OBH_PADDING 0x80

struct obj_spec {
    enum obj_type type;
    uint32_t body_size;
    uint8_t info_mask;
    const uint16_t *name;        /* UTF-16 name for NAME_INFO, NULL none */
    size_t name_len;             /* in WCHARs */
    uint64_t directory;          /* NAME_INFO.Directory */
    uint32_t creator_pid;        /* CREATOR_INFO.CreatorUniqueProcess */
    uint64_t quota_process;      /* QUOTA_INFO / PROCESS_INFO */
    int64_t pointer_count, handle_count;
    int paged;                   /* paged pool */
    const char *tag;             /* NULL: the type's tag */
};
/* Allocate pool + optional headers + OBJECT_HEADER; returns the body VA. */
uint64_t obj_create(struct forge *f, const struct obj_spec *s);
static inline uint64_t obj_header_of(const struct forge *f, uint64_t body);
void obj_types_create(struct forge *f);
void obj_set_counts(struct forge *f, uint64_t body, int64_t pointers, int64_t handles);
void obj_types_finish(struct forge *f);

/* ---- profile.c ---- */
struct forge_options;
/* Load the table of the build asked for (--profile, else machine.profile)
 * into f->isf and fill the fields above; 0, or -1 (a table not found or
 * unreadable) or -2 (a spec that names no build or file) with err set. */
int forge_profile_load(struct forge *f, const struct forge_options *opt, struct ep_error *err);

/* ---- kernel_image.c ---- */
int kimg_build(struct forge *f, struct ep_error *err);
/* Kernel VA of a symbol from the profile (0 if absent). */
uint64_t ksym(const struct forge *f, const char *name);

/* ---- modules.c: a tiny PE image model for user and kernel modules ---- */
struct pe_image {
    char path[SC_PATH];
    char name[SC_NAME];
    uint64_t base;
    uint32_t size;
    uint32_t entry_rva;
    uint32_t timestamp;
    int is_dll, is_driver;
};
/* Write headers and a few code bytes of a PE image at base via root. */
void pe_write_image(struct forge *f, uint64_t root, const struct pe_image *img);
/* The symbol-server id (GUID hex + age hex) of the RSDS record
 * pe_write_image writes for an image of this name. */
void pe_rsds_id(const char *name, char out[48]);
/* Deterministic size and entry for a module name. */
void pe_guess(const char *name, uint32_t *size, uint32_t *entry_rva, uint32_t *timestamp);

/* ---- the forge state ---- */
struct fprocess;
struct fthread;

/* _HANDLE_TABLE_ENTRY.Attributes bit a child process inherits (OBJ_INHERIT) */
#define HANDLE_ATTR_INHERIT 0x2

struct fhandle {
    uint32_t value;
    uint64_t object;              /* body VA */
    enum obj_type type;
    uint32_t access;
    uint8_t attributes;           /* OBJ_PROTECT_CLOSE 1, OBJ_INHERIT 2, OBJ_AUDIT_OBJECT_CLOSE 4 */
    uint32_t inherited_from_pid;  /* 0: opened by the process itself */
    uint32_t inherited_value;     /* the handle's value in that process */
    uint8_t pipe_end;             /* PIPE_END_*: a named pipe's server or client end (pipes.c) */
    char name[SC_PATH];
};

struct fvad {
    uint64_t start, end;          /* end inclusive (last byte) */
    uint32_t protection;
    int kind;                     /* SC_VAD_* */
    int is_long;                  /* _MMVAD vs _MMVAD_SHORT */
    char file[SC_PATH];
    uint64_t va;                  /* the node */
    uint64_t file_object;
    uint64_t control_area;
    char tag[5];
    uint32_t commit;
    int private_memory;
};

struct fmodule {
    struct pe_image img;
    uint64_t ldr_entry;           /* LDR_DATA_TABLE_ENTRY VA (user) */
    uint64_t file_object;
};

/* bytes between a kernel stack's base and KTHREAD.InitialStack (the
 * thread's floating-point/xsave area sits there) */
#define KSTACK_INITIAL_GAP 0x1F0u

struct fthread {
    struct fprocess *proc;
    uint32_t tid;
    uint64_t ethread;             /* body VA */
    uint64_t teb;
    uint64_t start_address;       /* ETHREAD.StartAddress */
    uint64_t win32_start;         /* ETHREAD.Win32StartAddress */
    uint64_t create_time, exit_time;
    uint64_t kstack_base, kstack_limit, kernel_stack;
    uint64_t ustack_base, ustack_limit;
    int fiber, ums, is_system, exited;
    uint64_t fiber_data, fls_data;
    /* impersonation (impersonation.c): the scenario's request, then the
     * impersonation _TOKEN written and the client it was made for */
    struct sc_ref imp_client;
    int imp_wanted, imp_level;
    uint64_t imp_token;
    uint32_t imp_client_pid;
    char imp_user_sid[96];
    /* a fiber thread's second fiber, created and never switched to (thread.c) */
    uint64_t sfiber, sfiber_param, sfiber_stack_base, sfiber_stack_limit, sfiber_dealloc,
             sfiber_pc, sfiber_sp;
    /* the first user-mode context (initial_context.c): the KTRAP_FRAME at
     * the top of the kernel stack, the CONTEXT record on the user stack */
    uint64_t trap_frame, trap_rip, context_record, context_rip, context_rsp, context_rdx;
    uint64_t teb32, stack32_base, stack32_limit;   /* WoW64 threads (wow64.c) */
    char start_desc[SC_PATH];
};

#define FTOKEN_MAX_SIDS 64
struct ftoken {
    uint64_t va;
    uint64_t present, enabled;
    int nsids;
    struct { char sid[96]; uint32_t attr; } sids[FTOKEN_MAX_SIDS];
    int integrity_index;
    uint64_t auth_luid;
};

struct fprocess {
    struct sc_process *sc;
    struct ftoken tok;
    uint32_t pid, ppid;
    uint32_t creator_pid;
    uint32_t session;
    uint64_t eprocess;            /* body VA */
    uint64_t root;                /* PML4 PA (DirectoryTableBase) */
    uint64_t peb, ldr, params, env;
    uint64_t env_size;            /* bytes of the environment block, to its final NUL */
    uint64_t token;               /* _TOKEN body VA */
    uint64_t handle_table;        /* _HANDLE_TABLE VA */
    uint64_t table_code;
    int handle_levels;
    uint64_t create_time, exit_time;
    uint64_t image_base;
    uint64_t heap, heap_next, heap_end;
    uint64_t session_space;
    uint64_t job;
    uint64_t win32process, dxgprocess;
    uint64_t csr_process;
    uint64_t image_file_object;
    uint64_t section_object;      /* the image's _SECTION (EPROCESS.SectionObject) */
    uint64_t image_control_area;  /* its control area, mapped or not */
    uint64_t vad_root;
    int unlinked;
    int csr_unlinked, w32_detached;   /* techniques csr_unlink / w32_detach (subsystem_build) */
    size_t csr_tech;                  /* csr_unlink: its f->techs entry */
    uint32_t tok_stolen_from;
    uint64_t injected_va;
    char masquerade[SC_PATH];
    int exited;
    struct fthread *threads; size_t nthreads, cap_threads;
    struct fhandle *handles; size_t nhandles, cap_handles;
    struct fvad *vads; size_t nvads, cap_vads;
    struct fmodule *mods; size_t nmods;
    uint64_t next_user_va;        /* bump allocator for user regions */
    uint32_t next_handle_hint;
    uint32_t cwd_handle;
    uint64_t teb_next, teb_end;   /* the reserved TEB window still free */
    int freed;                    /* exited and gone: not in lists or CID table */
    /* cyclic_list: this process's ActiveProcessLinks.Flink points back at
     * loop_to (NULL: the list's first); loop_key is the technique's index
     * in the scenario, loop_tech its record in f->techs */
    int loop_set;
    struct fprocess *loop_to;
    size_t loop_key, loop_tech;
    uint64_t next_dll_va;
    char user_sid[96];
    char integrity[16];
    /* WoW64 (wow64.c): EWOW64PROCESS, the 32-bit PEB, its loader data and modules */
    uint64_t ewow64, peb32, ldr32;
    uint64_t params32;            /* PEB32.ProcessParameters */
    struct fmodule *mods32; size_t nmods32;
    /* pages the scenario left paged out (paged_out.c) */
    struct fpaged { uint64_t va, pte; int part; } *paged; size_t npaged;
};

struct fsession {
    uint32_t id;
    uint64_t va;                  /* _MM_SESSION_SPACE */
};

/* A named pipe and its instances (pipes.c): each instance is one CCB both
 * ends' FILE_OBJECTs point at. */
enum { PIPE_END_NONE, PIPE_END_SERVER, PIPE_END_CLIENT };
struct fpipe_instance {
    uint64_t ccb;
    uint32_t server_pid, server_handle;   /* 0: no server handle (the server exited) */
    uint32_t client_pid, client_handle;   /* 0: listening, no client */
};
struct fpipe {
    char name[SC_PATH];               /* after \Device\NamedPipe\ */
    uint32_t server_pid;
    struct fpipe_instance *inst; size_t ninst;
};

struct fjob {
    struct sc_job *sc;
    uint64_t va;
    uint32_t nprocs;
    uint32_t session;              /* _EJOB.SessionId: its first member's session */
    uint64_t server_silo_globals;  /* a server silo's _ESERVERSILO_GLOBALS */
};

struct fdriver {
    char name[SC_NAME];
    char path[SC_PATH];
    uint64_t base;
    uint32_t size;
    uint64_t ldr_entry;
    int unlinked;                  /* technique unlinked_driver: its entry is off the list */
    char pdb_id[48];               /* its RSDS record's GUID and age, as symbol servers name it */
};

struct forge {
    struct scenario *sc;
    unsigned out_flags;           /* SAFE_FILE_FORCE with --force (base/safe_file.h) */
    struct isf *isf;
    struct layout L;
    struct machine m;
    struct rng rng;               /* general decisions */
    struct truth *truth;

    uint64_t sys_root;            /* System's PML4 PA: the kernel DTB */
    uint64_t user_pte_flags;      /* flags for user pages mapped on first write */
    struct fdll {
        char name[SC_NAME];
        char path[SC_PATH];
        uint64_t base;
        uint32_t size, entry_rva, timestamp;
        uint64_t *page_off, *page_pa;   /* shared pages (headers, code) */
        size_t npages;
    } *dlls; size_t ndlls;
    uint64_t next_dll_top;
    unsigned selfref_index;
    uint64_t pte_base;            /* MmPteBase */

    struct kregion pool_np, pool_p, stacks, sysmisc, drivers;
    uint64_t kernel_base;
    uint32_t kernel_size;
    uint64_t kernel_pa;
    uint64_t kuser_pa;
    uint8_t header_cookie;
    uint64_t type_objects[OT_COUNT];
    uint64_t root_directory;
    uint64_t kdbg;

    struct fprocess *procs; size_t nprocs;
    struct fsession sessions[8]; size_t nsessions;
    struct fjob *jobs; size_t njobs;
    struct fpipe *pipes; size_t npipes;
    struct fdriver *drivers_list; size_t ndrivers;
    uint64_t cid_table;           /* PspCidTable's _HANDLE_TABLE */
    struct { char key[SC_PATH + 8]; uint64_t va; } *named; size_t nnamed;
    uint64_t cid_pages[64]; size_t ncid_pages;

    /* pool allocator state */
    uint64_t pool_page_np, pool_off_np;
    uint64_t pool_page_p, pool_off_p;
    uint16_t pool_prev[2];
    struct { uint64_t va, size; char tag[4]; int paged; } *big; size_t nbig, capbig;

    /* object counters per type */
    uint32_t type_objects_count[OT_COUNT];
    uint32_t type_handles_count[OT_COUNT];

    /* every registration as written (callbacks_build): kind SC_CB_*, the
     * array or list holding it, its slot or list position, the routine
     * block or registry callback block; altitude for registry callbacks */
    struct fcallback {
        int kind; const char *array; unsigned slot; uint64_t block, routine;
        char module[SC_NAME]; char altitude[24];
    } cb[64]; size_t ncb;
    /* technique callback_in_no_module: routines in pool, registered by callbacks_build */
    struct { int kind; uint64_t routine; } rogue_cb[8]; size_t nrogue_cb;
    /* services.exe's service database as written (services.c) */
    struct fsvc {
        uint64_t record, process;           /* SERVICE_RECORD, SERVICE_PROCESS (0: none) */
        uint32_t order;
        const struct sc_service *sc;
        uint32_t pid;
    } *svc; size_t nsvc;
    uint64_t svc_header;                    /* the database's 'serH' SERVICE_HEADER (0: none) */
    struct ftech {
        const char *kind;
        uint32_t target, source;
        uint32_t back_to;           /* cyclic_list: the PID the Flink points back at */
        char detail[SC_PATH + 64];
        struct { char what[48]; uint64_t va; } touched[8];
        int ntouched;
    } *techs; size_t ntechs;
    uint64_t boot_time, now;
    char machine_sid[64];          /* S-1-5-21-a-b-c */
    uint64_t user_logon_luid;
    uint32_t next_token_luid;
    uint32_t next_tid;            /* where cid_alloc() looks next */
    struct ptrset cids;           /* every PID and TID in use (one namespace) */
    char guid[33];
    uint32_t age;
    /* the build laid out (profile.c): its table, and for a build other
     * than the built-in 26100 the model for types that table lacks */
    struct isf *model;
    uint32_t build, revision;     /* revision 0: not known (the built-in profile) */
    int external;                 /* laid out with a build's own table */
    char table[4096];             /* that table's path, or "built-in 26100" */
    char buildlab[64];            /* NtBuildLab */
    const struct builtin_section *ksections;   /* the kernel image's section table */
    struct builtin_section *ksec; /* owned when made from a build's table */
    size_t nksec;
    void **tmp; size_t ntmp, captmp;   /* fx_tmp() buffers in use */
};

static inline uint64_t obj_header_of(const struct forge *f, uint64_t body)
{
    return body - (uint64_t)f->L.oh_Body.off;
}

/* ---- per-idea builders ---- */
int proc_create_all(struct forge *f, struct ep_error *err);
struct fprocess *proc_by_pid(struct forge *f, uint32_t pid);
struct fprocess *proc_by_ref(struct forge *f, const struct sc_ref *r);
void proc_link_lists(struct forge *f);
/* Whether the process's handle table is on HandleTableListHead (every live
 * process's; an exited one has no table). */
int proc_on_handle_table_list(const struct fprocess *p);
/* The redundant process lists (seed 001): MiState.Processes.ProcessList
 * (EPROCESS.MmProcessLinks) and KiProcessListHead (KPROCESS.ProcessListEntry);
 * 0 when the profile lacks them.  Who is on them: */
uint64_t proc_mm_list_head(const struct forge *f);
uint64_t proc_ki_list_head(const struct forge *f);
int proc_on_redundant_lists(const struct fprocess *p);
void proc_write(struct forge *f, struct fprocess *p);
/* The PS_PROTECTION byte a process gets (EPROCESS.Protection): lsass-like
 * protected processes 0x41 (ProtectedLight, signer Lsa), System 0x72
 * (Protected, signer WinSystem), others 0 — as on Windows 11. */
uint8_t forge_protection_level(const struct sc_process *sp, const struct fprocess *p);

int thread_create(struct forge *f, struct fprocess *p, const struct sc_thread *st,
                  struct fthread *t, struct ep_error *err);
/* Client IDs: PIDs and TIDs come from one table (PspCidTable), so no
 * thread may get an ID a process or another thread has.  cid_reserve()
 * claims the IDs the scenario gave; cid_alloc() hands out the rest. */
void cid_reserve(struct forge *f, uint32_t id);
uint32_t cid_alloc(struct forge *f);
void thread_link(struct forge *f, struct fprocess *p);
/* EPROCESS.ActiveThreads: the threads that have not exited (an exited
 * thread stays on the thread list while referenced, but is not active). */
uint32_t proc_active_threads(const struct fprocess *p);

uint64_t token_create(struct forge *f, struct fprocess *p, struct ep_error *err);
/* token_tamper.c: the techniques privilege_enable, system_token, service_gone, system_impersonation */
int tech_privilege_enable(struct forge *f, struct fprocess *p, size_t key, struct ep_error *err);
int tech_system_token(struct forge *f, struct fprocess *p, size_t key, struct ep_error *err);
uint32_t tech_service_gone(struct forge *f, const char *name);
int tech_system_impersonation_check(struct forge *f, const struct fprocess *p, const struct fprocess *client,
                                    size_t key, struct ep_error *err);
int token_priv_bit(const char *name);
const char *token_priv_name(int bit);
size_t sid_encode(const char *text, uint8_t out[68]);
void token_user_sid(const struct forge *f, const char *user, char out[96]);

void handles_init(struct forge *f, struct fprocess *p);
uint32_t handle_add(struct forge *f, struct fprocess *p, uint64_t body, enum obj_type type,
                    uint32_t access, const char *name);
void handles_write(struct forge *f, struct fprocess *p);
void cid_table_build(struct forge *f);
/* Create a named object of a simple type (event, mutant, key...). */
uint64_t object_named(struct forge *f, enum obj_type type, const char *name, uint32_t creator_pid);
uint64_t file_object_create(struct forge *f, const char *path, uint32_t creator_pid);
uint64_t key_object_create(struct forge *f, const char *path, uint32_t pid);
uint64_t device_object(struct forge *f, const char *devname, const char *driver);
uint32_t handle_add_at(struct forge *f, struct fprocess *p, uint64_t body, enum obj_type type,
                       uint32_t access, const char *name, uint32_t value);

void vad_add(struct forge *f, struct fprocess *p, uint64_t start, uint64_t len, uint32_t prot,
             int kind, const char *file, int commit_private);
void vad_write_tree(struct forge *f, struct fprocess *p);
struct fvad *vad_find(struct fprocess *p, uint64_t va);
/* The first VAD of p sharing a byte with [start, start+len), or NULL:
 * no two VADs of a process overlap, as in any Windows VAD tree. */
struct fvad *vad_overlapping(struct fprocess *p, uint64_t start, uint64_t len);
void uw(struct forge *f, struct fprocess *p, uint64_t va, const void *buf, size_t len);
uint64_t heap_alloc(struct forge *f, struct fprocess *p, uint32_t size);
uint64_t heap_wstr(struct forge *f, struct fprocess *p, const char *s, uint16_t *len_bytes);
uint64_t dll_base(struct forge *f, const char *name);
uint64_t ntdll_rva(struct forge *f, const char *what);
uint64_t module_symbol(struct forge *f, struct fprocess *p, const char *spec, int *ok);

int peb_build(struct forge *f, struct fprocess *p, struct ep_error *err);
/* The environment a process gets when the scenario sets none: up to
 * DEFAULT_ENV_MAX strings of at most DEFAULT_ENV_LEN bytes, written into
 * store (one slot each) and pointed at by env[]; returns how many.  It
 * depends on the account and the machine only, so the truth file asks
 * again rather than keep a copy. */
#define DEFAULT_ENV_MAX 40
#define DEFAULT_ENV_LEN 1024
size_t default_env(const struct forge *f, const struct fprocess *p, char **env, char *store);
void user_map(struct forge *f, struct fprocess *p, uint64_t va, uint64_t len, int writable, int exec);
uint64_t user_alloc(struct forge *f, struct fprocess *p, uint64_t len, uint32_t prot, const char *why);
/* Address space only (no VAD): [va, va+len) is the caller's to carve up,
 * and no other user allocation of p will overlap it. */
uint64_t user_reserve(struct forge *f, struct fprocess *p, uint64_t len);
/* The same without the random gap after it: draws nothing from the rng,
 * so a region added late leaves every other process's layout as it was. */
uint64_t user_reserve_packed(struct fprocess *p, uint64_t len);
/* Reserve room for nthreads more TEBs (p->teb_next .. p->teb_end). */
void teb_window(struct forge *f, struct fprocess *p, size_t nthreads);

void jobs_build(struct forge *f);
void jobs_link(struct forge *f);
void sessions_link(struct forge *f);
void subsystem_build(struct forge *f);
void handles_build(struct forge *f);
/* Copy each creator's inheritable handles into the processes the
 * scenario created with inherit_handles (handles.c). */
void handles_inherit(struct forge *f);
/* Threads the scenario has impersonate a client: an impersonation token
 * for the client's account in ETHREAD.ClientSecurity (impersonation.c). */
void impersonation_apply(struct forge *f);
/* A named pipe served by server: the scenario's pipes (one instance per
 * client, the server's handle and the client's on each) or a listening
 * instance (clients NULL, nclients 0).  pipes.c */
void pipe_serve(struct forge *f, const char *name, struct fprocess *server, struct fprocess **clients,
                size_t nclients);
int truth_write(struct forge *f, const char *path, struct ep_error *err);
void sessions_build(struct forge *f);
void services_build(struct forge *f);
void paged_out_apply(struct forge *f);
/* WoW64 (wow64.c): user addresses below 4 GiB, the 64-bit modules of a
 * WoW64 process, its 32-bit PEB/loader data, each thread's TEB32 */
#define WOW64_USER_START 0x01000000ULL
#define WOW64_EXE_BASE 0x00400000ULL
#define WOW64_TEB_BYTES 0x4000ULL     /* TEB (2 pages), TEB32 at +0x2000 (0x1018 bytes) */
const char *const *wow64_native_modules(size_t *n);
void wow64_build(struct forge *f, struct fprocess *p);
void wow64_teb_write(struct forge *f, struct fprocess *p, struct fthread *t);
void map_private_image(struct forge *f, struct fprocess *p, struct pe_image *img);
void initial_context_write(struct forge *f, struct fprocess *p, struct fthread *t, int initial);
void callbacks_build(struct forge *f);
void drivers_build(struct forge *f);
int techniques_apply(struct forge *f, struct ep_error *err);
void tech_touch(struct ftech *t, const char *what, uint64_t va);

/* writers */
int write_raw(struct forge *f, const char *path, struct ep_error *err);
int write_crashdump(struct forge *f, const char *path, struct ep_error *err);
int write_crashdump_bitmap(struct forge *f, const char *path, struct ep_error *err);
int write_elf(struct forge *f, const char *path, struct ep_error *err);
int write_lime(struct forge *f, const char *path, struct ep_error *err);

/* helpers: strings */
size_t utf16_from_ascii(uint16_t *dst, size_t cap, const char *s);
/* Write a UNICODE_STRING at va (root) whose buffer lives at buf_va. */
void write_unicode_string(struct forge *f, uint64_t root, uint64_t us_va, uint64_t buf_va,
                          const char *s);
/* Allocate a buffer in kernel pool with the UTF-16 text and set the
 * UNICODE_STRING at us_va to it. */
void kernel_unicode_string(struct forge *f, uint64_t us_va, const char *s, const char tag[4]);
const char *path_basename(const char *path);

uint64_t filetime_after(const struct forge *f, double seconds);

#endif
