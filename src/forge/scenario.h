/* Forge scenarios: the parsed form of SCENARIO.json (docs/scenario.md).
 *
 * The parser is strict: an unknown key, a wrong type or an impossible value
 * is an error naming the key path ("processes[3].threads[0].start").  The
 * default machine (defaults.c) fills the same structures. */
#ifndef EPROC_FORGE_SCENARIO_H
#define EPROC_FORGE_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

#define SC_NAME 64
#define SC_PATH 520
#define SC_MAX_PROCS 4096

/* Client IDs (PIDs, TIDs) are PspCidTable handle values: multiples of 4.
 * Entry 0 of every 256-entry handle-table page is reserved, so Windows
 * never hands out an ID that is a multiple of 1024 (0x400); the forge
 * neither allocates nor accepts one. */
#define SC_CID_PAGE_IDS 1024u
static inline int sc_cid_never_issued(uint32_t id)
{
    return id % SC_CID_PAGE_IDS == 0;
}

/* A reference to a process in the scenario: by PID, or by image name (the
 * first process with that name). */
struct sc_ref {
    uint32_t pid;                /* 0 when by name */
    char name[SC_NAME];
};

struct sc_module {
    char path[SC_PATH];          /* full path; base name derived */
    uint64_t base;               /* 0: the forge picks */
    uint32_t size;               /* 0: the forge picks */
};

struct sc_thread {
    uint32_t tid;                /* 0: the forge picks */
    char start[SC_PATH];         /* "module.dll+0x1234", "0x...", "" = image entry */
    int fiber;                   /* converted to a fiber: TEB FiberData, FLS */
    int ums;                     /* UMS worker */
    double create_offset;        /* seconds after the process, -1: forge picks */
    uint64_t create_filetime;    /* an ISO create_time: the instant; 0 none
                                    (scenario_complete turns it into create_offset) */
    int exited;
    struct sc_ref impersonate;   /* the client whose token the thread impersonates */
    int has_impersonate;
    int impersonation_level;     /* SECURITY_IMPERSONATION_LEVEL 0..3 (default 2, Impersonation) */
};

struct sc_handle {
    char type[24];               /* File, Key, Event, Mutant, Section, Process,
                                    Thread, Token, Job, NamedPipe, Directory,
                                    Semaphore, Timer, ALPC Port, Desktop */
    char name[SC_PATH];          /* object name, if any */
    struct sc_ref target;        /* Process/Thread/Token: whose */
    uint32_t access;
    int has_access;
    uint32_t value;              /* handle value, 0: forge picks */
    int inherit;                 /* OBJ_INHERIT: children with inherit_handles get it */
};

struct sc_priv {
    char name[48];
    int enabled;
};

struct sc_group {
    char sid[96];                /* "S-1-5-32-544" or a well-known name */
    uint32_t attributes;
    int has_attributes;
};

struct sc_vad {
    uint64_t start;              /* 0: the forge picks */
    uint64_t size;
    uint32_t protection;         /* MM_* protection index 0..31 */
    int kind;                    /* SC_VAD_PRIVATE, SC_VAD_MAPPED, SC_VAD_IMAGE */
    char file[SC_PATH];
    int pe;                      /* write an MZ/PE header at the start */
    int code;                    /* write some x64 code */
};
enum { SC_VAD_PRIVATE, SC_VAD_MAPPED, SC_VAD_IMAGE };

struct sc_process {
    char name[SC_NAME];          /* ImageFileName (the kernel keeps 15 chars) */
    uint32_t pid, ppid;
    uint32_t session;
    int has_session;
    char user[96];               /* SID or well-known account */
    char image[SC_PATH];
    char cmdline[2048];
    char cwd[SC_PATH];
    char **env;                  /* "K=V" strings */
    size_t nenv;
    int has_env;
    double create_offset;        /* seconds after boot; -1: forge picks */
    double exit_offset;          /* -1: running */
    struct sc_module *mods; size_t nmods; int has_mods;
    struct sc_thread *threads; size_t nthreads; int has_threads;
    struct sc_handle *handles; size_t nhandles;
    struct sc_priv *privs; size_t nprivs; int has_privs;
    struct sc_group *groups; size_t ngroups; int has_groups;
    char integrity[16];          /* untrusted low medium high system protected */
    struct sc_vad *vads; size_t nvads;
    char job[SC_NAME];
    int gui;                     /* -1: by name */
    int wow64;
    int protected_light;         /* PS_PROTECTION: light (lsass) */
    int elevated;
    int inherit_handles;         /* created with bInheritHandles: the creator's inheritable handles */
    int kernel_only;             /* System, Registry, MemCompression: no PEB */
    int paged_out;               /* SC_PAGED_* bits: user pages left paged out */
};
/* the parts of a process's user memory a scenario can leave paged out */
enum { SC_PAGED_PEB = 1, SC_PAGED_LDR = 2, SC_PAGED_PARAMETERS = 4 };

struct sc_service {
    char name[SC_NAME];
    char display[128];
    char binary[SC_PATH];
    struct sc_ref process;       /* hosting process; pid 0 and no name: stopped */
    uint32_t gone_pid;           /* no host: the PID the record names (a host that is gone), 0 if none */
    uint32_t type;               /* SERVICE_WIN32_OWN_PROCESS (0x10), SHARE (0x20), KERNEL_DRIVER (1) */
    uint32_t state;              /* SERVICE_RUNNING 4, STOPPED 1 */
    uint32_t start;              /* 2 auto, 3 demand, 4 disabled */
};

struct sc_pipe {
    char name[SC_PATH];          /* without \Device\NamedPipe\ */
    struct sc_ref server;
    struct sc_ref *clients; size_t nclients;
};

struct sc_job {
    char name[SC_NAME];          /* object name ("" unnamed) */
    uint32_t active_process_limit;
    uint64_t job_memory_limit;
    uint64_t process_memory_limit;
    uint32_t limit_flags;
    int silo;                    /* SC_SILO_*: a job that is a silo (Windows containers) */
};
enum { SC_SILO_NONE, SC_SILO_APPLICATION, SC_SILO_SERVER };

/* What a callback is registered for: the three notify arrays, or
 * CmRegisterCallbackEx (stored in the build's form: windows/cm_callbacks.h). */
enum { SC_CB_PROCESS, SC_CB_THREAD, SC_CB_IMAGE, SC_CB_REGISTRY };

struct sc_callback {
    char module[SC_NAME];        /* driver name */
    uint32_t offset;             /* routine offset in the driver */
    int kind;                    /* SC_CB_* */
    char altitude[24];           /* registry callbacks: the altitude ("" for the forge's default) */
};

enum sc_technique_kind {
    TQ_UNLINK,          /* remove from ActiveProcessLinks */
    TQ_PEB_MASQUERADE,  /* PEB image path/command line of another program */
    TQ_HOLLOWING,       /* original image unmapped, private RWX PE at ImageBase */
    TQ_INJECTED_CODE,   /* RWX private region with a PE, remote thread in it */
    TQ_TOKEN_STEAL,     /* Token points at another process's token */
    TQ_PPID_SPOOF,      /* parent differs from the creator */
    TQ_EXITED_UNFREED,  /* exited, object kept alive by a handle */
    TQ_LSASS_HANDLE,    /* handle to lsass with VM_READ|VM_WRITE */
    TQ_ORPHAN_THREAD,   /* thread starting in no module */
    TQ_CYCLIC_LIST,     /* ActiveProcessLinks.Flink points back at an earlier process */
    TQ_UNLINKED_DRIVER, /* a loaded driver whose KLDR entry is off PsLoadedModuleList */
    TQ_CALLBACK_NO_MODULE, /* a notify routine in pool memory, in no driver */
    TQ_CSR_UNLINK,      /* CSR_PROCESS removed from csrss's process list */
    TQ_W32_DETACH,      /* EPROCESS.Win32Process cleared although User32 is loaded */
    /* system process anomalies, staged on the scenario before the build (sysproc.c) */
    TQ_SYSPROC_PARENT, TQ_SYSPROC_SESSION, TQ_SYSPROC_USER, TQ_SYSPROC_PATH, TQ_SYSPROC_DUPLICATE,
    TQ_SYSPROC_PROTECTION,
    TQ_FIBER_OUTSIDE_MODULE, /* a suspended fiber whose saved Rip is in private memory, in no module */
    TQ_PRIVILEGE_ENABLE,   /* every privilege present and enabled in a token below high integrity */
    TQ_SYSTEM_TOKEN,       /* a SYSTEM token in a user's child, in its interactive session */
    TQ_SERVICE_GONE,       /* a running service record naming a PID no process has */
    TQ_SYSTEM_IMPERSONATION, /* a user's thread impersonating a SYSTEM client */
    TQ_PARENT_AFTER_CHILD, /* the recorded parent PID names a process created after the child */
};

struct sc_technique {
    enum sc_technique_kind kind;
    struct sc_ref target;
    struct sc_ref source;        /* token_steal: from; ppid_spoof: real creator; lsass_handle: holder */
    char path[SC_PATH];          /* masquerade / hollowing image */
    uint32_t access;
    uint64_t address;
    struct sc_ref back_to;       /* cyclic_list: where the Flink points (default: the list's first) */
    int notify;                  /* callback_in_no_module: SC_CB_* */
    int has_target, has_source, has_back_to;
    char staged[SC_PATH + 64];   /* sysproc_*: what sysproc_stage changed, for the truth */
};

struct scenario {
    char path[SC_PATH];          /* for messages */
    uint64_t memory;
    uint64_t seed;
    char profile[16];
    uint64_t time;               /* FILETIME of the capture */
    uint64_t boot_time;          /* FILETIME */
    uint32_t cpus;
    char hostname[64];
    int default_machine;         /* no "processes": defaults.c fills them */
    size_t procs_prepended;      /* procs[] before the file's processes[0] (System added) */
    char ums_key[64];            /* the first thread key with "ums": true, "" if none:
                                  * refused once the build is known (forge.c) */

    struct sc_process *procs; size_t nprocs;
    struct sc_service *services; size_t nservices; int has_services;
    struct sc_pipe *pipes; size_t npipes;
    struct sc_job *jobs; size_t njobs;
    struct sc_callback *callbacks; size_t ncallbacks; int has_callbacks;
    struct sc_technique *techs; size_t ntechs;
};

/* Parse a scenario file.  Returns 0, or -1 with err = "PATH: key 'k': why". */
int scenario_load(const char *path, struct scenario *sc, struct ep_error *err);
/* The default settings (no file). */
void scenario_init(struct scenario *sc);
void scenario_free(struct scenario *sc);
/* Fill the default machine's processes/services/etc. where the scenario
 * gave none, then check cross-references (duplicate PIDs, unknown refs). */
int scenario_complete(struct scenario *sc, struct ep_error *err);
/* Stage the sysproc_* techniques on the completed scenario: give the
 * target the parent, session, account, path or protection Windows never
 * gives it, or add a second instance of it (sysproc.c). */
int sysproc_stage(struct scenario *sc, struct ep_error *err);

/* Helpers shared with defaults.c */
struct sc_process *sc_add_process(struct scenario *sc);
void sc_proc_init(struct sc_process *p);
struct sc_process *sc_find(struct scenario *sc, const struct sc_ref *r);
int sc_parse_iso_time(const char *s, uint64_t *ft);
char *sc_strdup(const char *s);

#endif
