/* Which kernel views should see a process, and which do (seed 004: a
 * process hidden from one view is still found by the others).  One logic
 * for psxview's table and for the process-hidden rule of eproc check. */
#ifndef EPROC_CHECK_XVIEW_H
#define EPROC_CHECK_XVIEW_H

#include "windows/census.h"

struct kernel;

/* The views in psxview's column order: pslist, psscan, pspcid, csrss,
 * session, thrdscan, mmlist, kilist, csrlist, win32, dxg. */
enum { XVIEW_NVIEWS = 11 };

struct xview_view {
    unsigned bit;               /* VIEW_* */
    int applies;                /* 0: the view does not exist for this process (no csrss in its session...) */
    int expected;               /* it should see the process */
    int seen;                   /* it does */
};

struct xview_row {
    struct xview_view v[XVIEW_NVIEWS];
    int gui;                    /* loads USER32.dll: 1, 0, or -1 unknown (or exited, or no win32 view) */
    unsigned missing;           /* VIEW_* bits of views that apply, should see it and do not */
};

/* The expectations for census entry p of c (k: the kernel the census was
 * taken from, for the loader-list read that says whether p is GUI-capable).
 * Returns row->missing. */
unsigned xview_expect(struct kernel *k, const struct census *c, const struct ep_process *p, struct xview_row *row);

#endif
