/* "Who holds handles to whom" (seed 004): the handles that let one process
 * write another's memory or start code in it, or read lsass's memory. */
#ifndef EPROC_CHECK_HANDLE_ACCESS_H
#define EPROC_CHECK_HANDLE_ACCESS_H

#include <stddef.h>

#include "anatomy/model.h"

/* 1 with the evidence in out ("PID 8012 (powershell.exe) handle 0x68
 * grants PROCESS_VM_WRITE|PROCESS_CREATE_THREAD into PID 7064
 * (notepad.exe)") when h held by p is a finding, else 0. */
int handle_finding(const struct anatomy *a, const struct an_process *p, const struct an_handle *h, char *out,
                   size_t n);

#endif
