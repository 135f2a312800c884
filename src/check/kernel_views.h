/* The kernel's other views, where they disagree (seed 004: "processes are
 * tracked redundantly across subsystems"): a notify routine in no driver,
 * a driver entry off the loader's list, a service record naming a process
 * that is not running, a GUI process with no W32PROCESS.  One logic each,
 * used by its command (callbacks, modscan, svcscan, psxview) and by the
 * rules of src/check/rules_kernel.c. */
#ifndef EPROC_CHECK_KERNEL_VIEWS_H
#define EPROC_CHECK_KERNEL_VIEWS_H

#include <stddef.h>

#include "anatomy/model.h"
#include "windows/callbacks.h"
#include "windows/census.h"
#include "windows/kmodules.h"
#include "windows/service_records.h"

/* 1 when the routine of callback c lies in no module of a's kernel module
 * list (an_fill_kernel_modules); 0 when it is in one, or when the list or
 * the routine block could not be read (nothing to compare with).  where,
 * if not NULL, gets an_resolve's location ("WdFilter.sys+0x4f5a0", or ""),
 * *module the module holding it (NULL if none). */
int kcallback_outside_modules(const struct anatomy *a, const struct kcallback *c, const struct an_module **module,
                              char *where, size_t wheresz);

/* Does the loader's list hold the pool-scanned entry m?  By the entry's
 * address when the scan recovered it, else by the image it describes. */
int kmodule_on_list(const struct kmodule_list *list, const struct kmodule *m);

/* The process with this PID: a live one first, else an exited one; NULL
 * if none. */
const struct ep_process *process_by_pid(const struct process_list *all, uint64_t pid);

/* Why service record r is a finding ("its process PID 1234 (svchost.exe)
 * has exited", "not stopped, but no process has PID 1234"), into out; 0
 * and "" when it is none: a Win32 service that is not stopped whose
 * process is not running.  *host gets the process its record names (NULL
 * if none). */
int service_record_finding(const struct service_record *r, const struct process_list *all,
                           const struct ep_process **host, char *out, size_t outsz);

/* Whether win32k should know process p (seed 004: loading User32 makes a
 * process GUI-capable, and win32k then gives it a W32PROCESS): 1 for a
 * live process that loads USER32.dll when the census read the W32 view,
 * 0 when it loads none, -1 when unknown (exited, view unread, loader
 * lists unreadable). */
int census_expects_w32(struct kernel *k, const struct census *c, const struct ep_process *p);

#endif
