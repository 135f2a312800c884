#ifndef EPROC_WINDOWS_PROFILE_SELECT_H
#define EPROC_WINDOWS_PROFILE_SELECT_H

#include <unistd.h>

struct kernel;

/* Fill k->isf / profile / profile_name / profile_reason.  Never fails for
 * lack of a match (PROFILE_NONE); returns -1 only on internal errors. */
int profile_select(struct kernel *k, const char *const *symdirs, int nsymdirs, struct ep_error *err);

static inline long sysconf_cpus(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN);
}

#endif
