/* Bounded walks of kernel LIST_ENTRY lists.
 *
 * A rootkit can unlink, loop or redirect these lists, and a smeared capture
 * can do the same by accident: the walk remembers every entry it visited,
 * checks each back-link, stops at a cap, and says where and why it stopped
 * (as a warning naming the list). */
#ifndef EPROC_WINDOWS_LISTWALK_H
#define EPROC_WINDOWS_LISTWALK_H

#include <stdint.h>

#include "translate/x64.h"

#define LIST_WALK_CAP (1u << 20)

/* Called with the address of each LIST_ENTRY in the list (not the head).
 * Return nonzero to stop. */
typedef int (*list_visit_fn)(uint64_t entry, void *ctx);

struct list_walk_result {
    unsigned entries;
    int complete;          /* got back to the head */
    int broken;            /* unreadable or non-canonical link */
    int cycle;             /* came back to an entry other than the head */
    int capped;
    unsigned bad_backlinks;
};

/* Walk forward from head.  `what` names the list in warnings, e.g.
 * "PsActiveProcessHead". */
void list_walk(struct vspace *vs, uint64_t head, const char *what, list_visit_fn fn, void *ctx,
               struct list_walk_result *res);

#endif
