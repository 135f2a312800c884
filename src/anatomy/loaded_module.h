/* Whether a memory-image process has loaded a module (loaded_module.c). */
#ifndef EPROC_ANATOMY_LOADED_MODULE_H
#define EPROC_ANATOMY_LOADED_MODULE_H

#include "windows/process.h"

/* 1 when the process's loader lists name the module (base name, any case),
 * 0 when they were read and do not, -1 when they cannot be read (no user
 * space, PEB or loader data not in the capture). */
int an_image_loads_module(struct kernel *k, const struct ep_process *e, const char *name);

#endif
