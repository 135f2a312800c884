/* services.exe's service database (the service control manager's records
 * of every service: name, display name, type, start, state, binary, and the
 * PID of the process hosting a running Win32 service).  service_records.c
 * says where the layout comes from and how the records are found. */
#ifndef EPROC_WINDOWS_SERVICE_RECORDS_H
#define EPROC_WINDOWS_SERVICE_RECORDS_H

#include "windows/process.h"
#include "windows/service_layout.h"

struct service_record {
    uint64_t va;                  /* the _SERVICE_RECORD */
    uint32_t order, start, type, state;
    char name[256], display[512], binary[1024];   /* "" when unreadable or absent */
    int has_process;              /* a _SERVICE_PROCESS block is attached */
    uint64_t pid;                 /* its ProcessId (0 without one) */
};

struct service_db {
    struct service_record *items;
    unsigned n, cap;
    unsigned headers;             /* 'serH' headers found */
    const struct service_layout *layout;   /* the layout read: the kernel build's */
};

/* SERVICE_WIN32_OWN_PROCESS | SERVICE_WIN32_SHARE_PROCESS: types that run in a process */
#define SERVICE_WIN32 0x30u
#define SERVICE_STOPPED 1u

/* Read the database of one services.exe: scan its private memory for
 * 'serH' headers and walk each one's records, in the layout of the
 * kernel's build (service_layout.h).  Records are kept once, in
 * walk order.  0, or -1 when its memory map cannot be read. */
int service_records_read(struct kernel *k, const struct ep_process *services, struct service_db *out);
void service_db_free(struct service_db *db);

/* "SERVICE_WIN32_SHARE_PROCESS", "SERVICE_KERNEL_DRIVER|..." (type bits),
 * "SERVICE_RUNNING" (state), "SERVICE_AUTO_START" (start): the names of
 * winsvc.h; unknown values as hex. */
void service_type_text(uint32_t type, char *out, size_t outsz);
const char *service_state_name(uint32_t state);
const char *service_start_name(uint32_t start);

#endif
