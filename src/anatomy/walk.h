/* What the user-mode walkers share (user.c, loader.c, fibers.c); not used
 * outside anatomy/. */
#ifndef EPROC_ANATOMY_WALK_H
#define EPROC_ANATOMY_WALK_H

#include "anatomy/model.h"
#include "anatomy/userprofile.h"
#include "base/alloc.h"
#include "base/bytes.h"

/* calloc/strdup that abort on exhaustion: every size here is capped. */

/* The availability a short read means: paged out, or not in the capture. */
static inline enum an_avail an_av_of(const struct vas_miss *m)
{
    return m->gap == VAS_GAP_PAGED_OUT ? AN_AV_PAGED_OUT : AN_AV_MISSING;
}

/* "is not in the dump" / "is paged out" / "is not mapped": the end of a
 * sentence naming why a structure could not be read. */
const char *an_why_missing(const struct vas *v, const struct vas_miss *m);

static inline uint64_t an_word(const struct an_user_profile *pr, const uint8_t *p)
{
    return pr->ptr == 4 ? le32(p) : le64(p);
}

/* A UNICODE_STRING at va; rebase: for parameters never normalised, Buffer
 * is an offset from the block (0: absolute). */
void an_read_ustr(struct vas *v, const struct an_user_profile *pr, uint64_t va, uint64_t rebase,
                  struct an_ustr *out);
void an_free_ustr(struct an_ustr *s);

void an_read_peb(struct vas *v, const struct an_user_profile *pr, uint64_t va, struct an_peb *p);
void an_read_params(struct vas *v, const struct an_user_profile *pr, const struct an_peb *peb,
                    struct an_params *pp);
void an_read_ldr(struct vas *v, const struct an_user_profile *pr, const struct an_peb *peb,
                 unsigned os_build, struct an_ldr *l);
void an_free_params(struct an_params *pp);
void an_free_ldr(struct an_ldr *l);
void an_find_fibers(struct an_process *p);

#endif
