/* Shared plumbing for the minidump format commands (md_common.h). */
#include <stdio.h>

#include "commands/md_common.h"
#include "layer/physical.h"

struct md_dump *md_cmd_open(struct ep_context *ctx, int *rc)
{
    struct capture *cap = ctx_capture(ctx, rc);
    if (!cap)
        return NULL;
    if (cap->kind != CAPTURE_MINIDUMP) {
        *rc = ctx_wrong_capture(ctx, cap, CTX_READS_MINIDUMP);
        return NULL;
    }
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    if (md_open(&cap->file, &md, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        *rc = EP_EXIT_INPUT;
        return NULL;
    }
    return md;
}

int md_cmd_finish(struct ep_context *ctx, struct table *t, struct md_dump *md)
{
    int rc = ctx_render(ctx, t);
    table_free(t);
    md_close(md);
    return rc;
}

uint64_t md_filetime_from_unix(uint64_t t)
{
    if (t == 0)
        return 0;
    /* 11644473600 s between 1601-01-01 and 1970-01-01 */
    return (t + 11644473600ull) * 10000000ull;
}
