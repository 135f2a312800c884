#include "windows/listwalk.h"

#include <string.h>

#include "base/diag.h"
#include "windows/ptrset.h"

static int kernel_pointer(uint64_t p)
{
    return p >= 0xffff800000000000ull && va_canonical(p);
}

void list_walk(struct vspace *vs, uint64_t head, const char *what, list_visit_fn fn, void *ctx,
               struct list_walk_result *res)
{
    memset(res, 0, sizeof *res);
    struct ptrset seen;
    ptrset_init(&seen);
    ptrset_add(&seen, head);
    uint64_t prev = head, cur;
    if (vread_u64(vs, head, &cur) != 0) {
        ep_warn("%s list: head at 0x%llx is not readable", what, (unsigned long long)head);
        res->broken = 1;
        ptrset_free(&seen);
        return;
    }
    for (;;) {
        if (cur == head) {
            res->complete = 1;
            break;
        }
        if (!kernel_pointer(cur)) {
            ep_warn("%s list: broken after %u entries: 0x%llx points to 0x%llx, not a kernel address",
                    what, res->entries, (unsigned long long)prev, (unsigned long long)cur);
            res->broken = 1;
            break;
        }
        int added = ptrset_add(&seen, cur);
        if (added == 0) {
            ep_warn("%s list: cycle after %u entries: 0x%llx links back to 0x%llx without reaching the head",
                    what, res->entries, (unsigned long long)prev, (unsigned long long)cur);
            res->cycle = 1;
            break;
        }
        if (added < 0 || res->entries >= LIST_WALK_CAP) {
            ep_warn("%s list: stopped after %u entries (cap)", what, res->entries);
            res->capped = 1;
            break;
        }
        uint64_t next, back;
        if (vread_u64(vs, cur, &next) != 0 || vread_u64(vs, cur + 8, &back) != 0) {
            ep_warn("%s list: broken after %u entries: entry 0x%llx is not in the capture", what,
                    res->entries, (unsigned long long)cur);
            res->broken = 1;
            break;
        }
        if (back != prev) {
            if (res->bad_backlinks++ < 3)
                ep_warn("%s list: entry 0x%llx has Blink 0x%llx but was reached from 0x%llx", what,
                        (unsigned long long)cur, (unsigned long long)back, (unsigned long long)prev);
        }
        res->entries++;
        if (fn(cur, ctx))
            break;
        prev = cur;
        cur = next;
    }
    ptrset_free(&seen);
}
