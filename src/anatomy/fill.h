/* The fillers: how each kind of capture fills the anatomy model
 * (docs/architecture.md, "Fillers").  Commands call anatomy_open() and
 * never see which filler ran. */
#ifndef EPROC_ANATOMY_FILL_H
#define EPROC_ANATOMY_FILL_H

#include "anatomy/model.h"
#include "base/diag.h"

struct md_dump;
struct kernel;
struct capture;

/* One process from a minidump (kept when it passes sel; sel may be NULL).
 * owns_dump: md is closed with the anatomy.  Never fails. */
struct anatomy *anatomy_from_minidump(struct md_dump *md, const char *label, const struct an_select *sel,
                                      int owns_dump);

/* Every process the kernel's active list or the pool scan finds in a
 * memory image, that passes sel: kernel facts, threads from each
 * ThreadListHead, and the user-mode walk through the process's own DTB.
 * -1 with err when the process list cannot be read at all. */
int anatomy_from_image(struct kernel *k, const struct an_select *sel, struct anatomy **out,
                       struct ep_error *err);

/* The kernel's modules into a (a memory image's PsLoadedModuleList, a
 * triage dump's driver list), indexed for an_resolve().  Leaves
 * have_kernel_modules 0 when they cannot be read.  anatomy_from_image
 * calls it; kernel-only commands (callbacks) call it on a bare anatomy. */
void an_fill_kernel_modules(struct kernel *k, struct anatomy *a);

/* The VAD tree of p (p->eprocess) as p's regions, and the kernel's views
 * of its main image (from_image_vad.c).  -1 with err when the profile
 * lacks the VAD fields; a broken tree is p->regions_problem. */
int an_fill_vads(struct kernel *k, struct an_process *p, struct ep_error *err);

/* Open the model for a capture, whatever its kind.  get_kernel opens (once)
 * the kernel of a memory image; it prints its own error and returns NULL
 * with *exit_code set.  Returns NULL with *exit_code set (an error line was
 * printed) when nothing can be read. */
struct anatomy *anatomy_open(struct capture *cap, struct kernel *(*get_kernel)(void *arg, int *exit_code),
                             void *arg, const struct an_select *sel, int *exit_code);

#endif
