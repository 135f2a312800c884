/* The kernel-object parts of the memory-image filler (from_image.c calls
 * these when a command asks for them through an_select.parts): handles
 * (from_image_handles.c) and tokens (from_image_token.c).  What they
 * allocate goes into the image source's store, freed with the anatomy. */
#ifndef EPROC_ANATOMY_FROM_IMAGE_KERNEL_H
#define EPROC_ANATOMY_FROM_IMAGE_KERNEL_H

#include <stddef.h>

#include "anatomy/model.h"
#include "windows/kobject.h"
#include "windows/process.h"

/* Allocations that live as long as the anatomy. */
struct an_store;
void *an_store_alloc(struct an_store **s, size_t n);   /* zeroed; aborts on exhaustion */
char *an_store_strdup(struct an_store **s, const char *text);
void an_store_free(struct an_store *s);

/* Every handle of e's table, each object typed and named. */
void an_image_handles(const struct kobject_ctx *c, const struct process_list *all, const struct ep_process *e,
                      struct an_process *p, struct an_store **store);

/* e's primary token (EPROCESS.Token). */
void an_image_token(const struct kobject_ctx *c, const struct process_list *all, const struct ep_process *e,
                    struct an_process *p, struct an_store **store);

/* e's session (EPROCESS.Session -> SessionId), when it has one. */
void an_image_session(const struct ep_process *e, struct an_process *p);

/* The user SID of the token at va ("" if unreadable), for Token handles. */
void an_image_token_user(const struct kobject_ctx *c, uint64_t va, char *out, size_t n);

#endif
