/* Progress of long work (pool scans, symbol choice, the report) on stderr:
 * "eproc: scanning physical memory: 42%", rewritten in place.  Shown only
 * when the CLI enabled it (stderr is a terminal and no -q); otherwise
 * every call is a cheap no-op, so the library and pipes never see it.
 * Thread-safe: scan workers add their bytes from any thread. */
#ifndef EPROC_BASE_PROGRESS_H
#define EPROC_BASE_PROGRESS_H

#include <stdint.h>

void progress_enable(int on);
int progress_enabled(void);
/* Start a task of `total` units (bytes, tables, steps); 0 = unknown. */
void progress_begin(const char *what, uint64_t total);
/* `done` more units finished. */
void progress_add(uint64_t done);
/* The task is over: the line is cleared. */
void progress_end(void);

#endif
