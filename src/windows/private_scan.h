/* Scanning a process's private memory page by page (csrss's CSR_PROCESS
 * root, services.exe's service database): the regions its VAD tree marks
 * private, through its own page tables, at most a fixed number of bytes. */
#ifndef EPROC_WINDOWS_PRIVATE_SCAN_H
#define EPROC_WINDOWS_PRIVATE_SCAN_H

#include "windows/process.h"

/* How much of one process's private memory a scan reads at most: heaps of
 * system processes are a few MiB; a hostile VAD tree must not make a scan
 * read gigabytes. */
#define PRIVATE_SCAN_MAX_BYTES (64ull << 20)

/* Called for each readable 4 KiB page (va page-aligned); nonzero stops. */
typedef int (*private_page_fn)(struct vspace *vs, uint64_t va, const uint8_t *page, void *ctx);

/* Visit p's private pages in address order through vs (p's address space).
 * -1 when its VAD tree cannot be read, else 0. */
int private_pages_scan(struct kernel *k, const struct ep_process *p, struct vspace *vs, private_page_fn fn,
                       void *ctx);

#endif
