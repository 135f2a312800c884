/* The process model: what eproc knows about one EPROCESS, and the ways to
 * find them (the active list here; pool scanning in psscan.h; the other
 * views in psxview.h). */
#ifndef EPROC_WINDOWS_PROCESS_H
#define EPROC_WINDOWS_PROCESS_H

#include <stdint.h>

#include "windows/kernel.h"

/* Views that can see a process (psxview's columns). */
enum proc_view {
    VIEW_LIST = 1 << 0,       /* PsActiveProcessHead list */
    VIEW_SCAN = 1 << 1,       /* pool scan */
    VIEW_CID = 1 << 2,        /* PspCidTable */
    VIEW_CSRSS = 1 << 3,      /* a csrss.exe handle table */
    VIEW_SESSION = 1 << 4,    /* a session's process list */
    VIEW_THREADS = 1 << 5,    /* owner of a thread found by pool scan */
    VIEW_MMLIST = 1 << 6,     /* EPROCESS.MmProcessLinks: MiState.Processes.ProcessList */
    VIEW_KILIST = 1 << 7,     /* KPROCESS.ProcessListEntry: KiProcessListHead */
    VIEW_CSRLIST = 1 << 8,    /* a CSR_PROCESS on its session's csrss list */
    VIEW_W32 = 1 << 9,        /* EPROCESS.Win32Process: a W32PROCESS naming it */
    VIEW_DXG = 1 << 10,       /* EPROCESS.DxgProcess: a DXGPROCESS naming it */
};
/* The views that find processes (lists, tables, scans); W32 and DXG are
 * facts about a process already found (pstree's SeenBy leaves them out). */
#define VIEW_FINDERS (VIEW_LIST | VIEW_SCAN | VIEW_CID | VIEW_CSRSS | VIEW_SESSION | VIEW_THREADS | \
                      VIEW_MMLIST | VIEW_KILIST | VIEW_CSRLIST)

struct ep_process {
    uint64_t va;              /* EPROCESS address; 0 if unknown (scan only) */
    uint64_t pa;              /* physical address; ~0 if unknown */
    uint64_t pid, ppid;
    char name[64];            /* ImageFileName: 15 Windows-1252 bytes, as UTF-8 */
    char path[600];           /* SeAuditProcessCreationInfo name, "" if none */
    int64_t threads;          /* ActiveThreads; -1 unknown */
    int64_t handles;          /* entries in its handle table; -1 unknown */
    int64_t session;          /* -1 none/unknown */
    int wow64;
    uint64_t wow64_process;   /* EPROCESS.WoW64Process (EWOW64PROCESS), 0 if none */
    uint64_t create, exit;    /* FILETIME */
    uint64_t dtb;
    uint8_t protection;       /* PS_PROTECTION byte */
    int has_protection;       /* the build's EPROCESS has Protection (8.1+) */
    int exiting, deleted, minimal;
    uint64_t job, peb, object_table, session_ptr, token;
    uint64_t flink, blink;    /* ActiveProcessLinks */
    uint64_t win32_process, dxg_process;   /* EPROCESS.Win32Process / DxgProcess, 0 if none */
    unsigned views;           /* enum proc_view bits */
    int csr_list_read;        /* its session's CSR_PROCESS list was read (VIEW_CSRLIST applies) */
};

/* Fill p from EPROCESS bytes (buf holds layout->ep_size bytes of it); p's
 * va, pa and views are kept.  The fields that need further reads (path,
 * handle count, session id) are read through vs when it is non-NULL. */
void process_decode(const struct nt_layout *l, const uint8_t *buf, struct ep_process *p, struct vspace *vs);

/* Read and decode the EPROCESS at va.  0 on success. */
int process_read(struct kernel *k, const struct nt_layout *l, uint64_t va, struct ep_process *p);

struct process_list {
    struct ep_process *items;
    unsigned n, cap;
};

int process_list_add(struct process_list *list, const struct ep_process *p);
void process_list_free(struct process_list *list);
/* Index of the process with this EPROCESS address, -1 if none. */
int process_list_find_va(const struct process_list *list, uint64_t va);

/* Walk PsActiveProcessHead (pslist).  Warnings name where a broken or
 * cyclic list stopped.  Returns -1 with err when the walk cannot start. */
int processes_from_list(struct kernel *k, struct process_list *out, struct ep_error *err);

/* "Protected (WinTcb)", "ProtectedLight (Antimalware)", "" for none. */
void protection_text(uint8_t level, char *out, size_t outsz);

#endif
