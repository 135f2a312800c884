/* Job objects on a memory image: EPROCESS.Job -> _EJOB, with its limits
 * (LimitFlags, ActiveProcessLimit, ProcessMemoryLimit, JobMemoryLimit),
 * accounting (ActiveProcesses, TotalProcesses, TotalTerminatedProcesses,
 * TotalUserTime, TotalKernelTime) and members: ProcessListHead, linking
 * each member's EPROCESS.JobLinks.  Sources: public _EJOB in the ntkrnlmp
 * symbols; winnt.h JOB_OBJECT_LIMIT_* for the flags. */
#ifndef EPROC_WINDOWS_JOB_H
#define EPROC_WINDOWS_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "windows/kobject.h"

#define KJOB_MAX_MEMBERS 4096

struct kjob {
    uint64_t va;
    char name[512];                      /* object name, "" if unnamed */
    uint32_t limit_flags, active_process_limit;
    uint64_t process_memory_limit, job_memory_limit;
    uint32_t active, total, terminated;
    uint32_t session;                    /* SessionId: the session its processes are in */
    uint64_t user_time, kernel_time;     /* 100 ns units */
    uint64_t members[KJOB_MAX_MEMBERS];  /* EPROCESS addresses from ProcessListHead */
    size_t nmembers;
    int members_complete;                /* the list walk got back to its head */
    /* silos (Windows containers): JobFlags.Silo; a server silo also has
     * ServerSiloGlobals.  has_silo_fields: the profile names Silo */
    int has_silo_fields, silo;
    uint64_t server_silo_globals;
};

/* Read the job at va.  0, or -1 with err set. */
int kjob_read(const struct kobject_ctx *c, uint64_t va, struct kjob *j, struct ep_error *err);

/* "JOB_OBJECT_LIMIT_ACTIVE_PROCESS|JOB_OBJECT_LIMIT_PROCESS_MEMORY", "" for 0. */
void job_limit_text(uint32_t flags, char *out, size_t n);

#endif
