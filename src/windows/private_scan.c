#include "windows/private_scan.h"

#include "windows/vadtree.h"

int private_pages_scan(struct kernel *k, const struct ep_process *p, struct vspace *vs, private_page_fn fn,
                       void *ctx)
{
    struct ep_vad_list vads = { 0 };
    struct ep_error err = {{0}};
    if (!p->va || vads_of_process(k, p->va, &vads, &err) != 0)
        return -1;
    static _Thread_local uint8_t page[4096];
    uint64_t budget = PRIVATE_SCAN_MAX_BYTES;
    int stop = 0;
    for (unsigned i = 0; i < vads.n && !stop && budget; i++) {
        const struct ep_vad *v = &vads.items[i];
        if (!v->private_memory || v->end < v->start || v->end >= 0x800000000000ull)
            continue;
        for (uint64_t va = v->start & ~0xfffull; va <= v->end && !stop && budget; va += 4096) {
            budget -= 4096;
            if (vread(vs, va, page, sizeof page) == sizeof page)
                stop = fn(vs, va, page, ctx);
        }
    }
    vad_list_free(&vads);
    return 0;
}
