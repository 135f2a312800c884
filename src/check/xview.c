/* Which kernel views should see a process (xview.h). */
#include <string.h>
#include <strings.h>

#include "anatomy/loaded_module.h"
#include "check/xview.h"

/* Processes that legitimately have no csrss handle: those started before
 * csrss or by the kernel itself, and csrss itself. */
static int csrss_exempt(const struct ep_process *p)
{
    static const char *const names[] = { "System", "smss.exe", "csrss.exe", "Registry", "MemCompression",
                                         "Memory Compression", "Secure System", "Idle" };
    if (p->pid == 0 || p->pid == 4)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(p->name, names[i]) == 0)
            return 1;
    return 0;
}

/* Sessions that have a running csrss.exe: only their processes can be
 * seen by the csrss view.  For any other process (a session with no csrss
 * at all, or no session) the view does not exist: "not applicable". */
static int session_has_csrss(const struct process_list *all, int64_t session)
{
    for (unsigned i = 0; i < all->n; i++)
        if (session >= 0 && all->items[i].session == session && census_is_csrss(&all->items[i]))
            return 1;
    return 0;
}

unsigned xview_expect(struct kernel *k, const struct census *c, const struct ep_process *p, struct xview_row *row)
{
    memset(row, 0, sizeof *row);
    /* Every process is on the active list until its object is freed,
     * exited or not (Windows keeps exited but referenced processes
     * linked): absence from it is a finding whatever the exit time.  An
     * exited process leaves the CID table, csrss and its session; a
     * process with no session is on no session list; threadless processes
     * own no thread. */
    int alive = !p->exit;
    int csrss_applies = session_has_csrss(&c->procs, p->session);
    /* seed 004: loading User32 makes a process GUI-capable, and win32k
     * then gives it a W32PROCESS; unknown (-1) expects nothing */
    row->gui = alive && (c->views_read & VIEW_W32) ? an_image_loads_module(k, p, "user32.dll") : -1;
    const struct xview_view v[XVIEW_NVIEWS] = {
        { VIEW_LIST, 1, 1, 0 },
        { VIEW_SCAN, 1, !c->partial, 0 },
        { VIEW_CID, 1, alive && (c->views_read & VIEW_CID), 0 },
        { VIEW_CSRSS, csrss_applies, alive && !csrss_exempt(p), 0 },
        { VIEW_SESSION, 1, alive && p->session >= 0, 0 },
        { VIEW_THREADS, 1, alive && p->threads > 0 && !c->partial, 0 },
        /* the memory manager's and the scheduler's lists keep every
         * process with an address space, whatever ActiveProcessLinks says */
        { VIEW_MMLIST, (c->views_read & VIEW_MMLIST) != 0, alive, 0 },
        { VIEW_KILIST, (c->views_read & VIEW_KILIST) != 0, alive, 0 },
        { VIEW_CSRLIST, p->csr_list_read, alive && !csrss_exempt(p), 0 },
        { VIEW_W32, (c->views_read & VIEW_W32) != 0, row->gui == 1, 0 },
        { VIEW_DXG, (c->views_read & VIEW_DXG) != 0, 0, 0 },   /* seed 004: informational */
    };
    for (size_t j = 0; j < XVIEW_NVIEWS; j++) {
        row->v[j] = v[j];
        row->v[j].seen = (p->views & v[j].bit) != 0;
        if (v[j].applies && v[j].expected && !row->v[j].seen)
            row->missing |= v[j].bit;
    }
    return row->missing;
}
