/* One entry point for the commands: the anatomy of any capture.  The only
 * place that looks at the kind of capture (docs/architecture.md). */
#include <stdio.h>

#include "anatomy/fill.h"
#include "layer/physical.h"
#include "minidump/minidump.h"

struct anatomy *anatomy_open(struct capture *cap, struct kernel *(*get_kernel)(void *arg, int *exit_code),
                             void *arg, const struct an_select *sel, int *exit_code)
{
    struct ep_error err = {{0}};
    if (cap->kind == CAPTURE_MINIDUMP) {
        struct md_dump *md = NULL;
        if (md_open(&cap->file, &md, &err) != 0) {
            fprintf(stderr, "eproc: %s\n", err.msg);
            *exit_code = EP_EXIT_INPUT;
            return NULL;
        }
        return anatomy_from_minidump(md, cap->file.path, sel, 1);
    }
    struct kernel *k = get_kernel(arg, exit_code);
    if (!k)
        return NULL;
    struct anatomy *a = NULL;
    if (anatomy_from_image(k, sel, &a, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        *exit_code = EP_EXIT_INPUT;
        return NULL;
    }
    return a;
}
