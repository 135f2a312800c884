/* Does a memory-image process's loader list name a module?  psxview's
 * subsystem check asks it of user32.dll (seed 004: loading User32 makes a
 * process GUI-capable, and win32k then gives it a W32PROCESS).
 *
 * The same user-mode walk the anatomy model uses (PEB -> PEB_LDR_DATA ->
 * the three module lists), through the process's own page tables, without
 * building the whole model. */
#include "anatomy/loaded_module.h"

#include <strings.h>

#include "anatomy/walk.h"
#include "windows/kernel.h"

int an_image_loads_module(struct kernel *k, const struct ep_process *e, const char *name)
{
    if (!e->peb || !e->dtb)
        return -1;
    struct vas *v = vas_from_image(k->cap, e->dtb, 8);
    if (!v)
        return -1;
    const struct an_user_profile *pr = an_user_profile(AN_CPU_X64);
    struct an_peb peb = { 0 };
    struct an_ldr ldr = { 0 };
    an_read_peb(v, pr, e->peb, &peb);
    an_read_ldr(v, pr, &peb, peb.av_os == AN_AV_OK ? peb.os_build : 0, &ldr);
    int found = ldr.av == AN_AV_OK ? 0 : -1;
    for (size_t i = 0; found == 0 && i < ldr.nentries; i++) {
        const struct an_ustr *b = &ldr.entries[i].base_name;
        if (b->av == AN_AV_OK && b->text && strcasecmp(b->text, name) == 0)
            found = 1;
    }
    /* a list walk that stopped early may have missed the module */
    if (found == 0 && ldr.lists[AN_LDR_LOAD].problem[0] && ldr.lists[AN_LDR_MEM].problem[0])
        found = -1;
    an_free_ldr(&ldr);
    vas_close(v);
    return found;
}
