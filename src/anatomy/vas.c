/* The address-space interface's shared part: counting short reads, so that
 * each process gets one warning naming the first page that was missing
 * (vas.h). */
#include "anatomy/vas.h"

#include <stdlib.h>

#include "base/bytes.h"

uint64_t vas_read(struct vas *v, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss)
{
    struct vas_miss m = { va, VAS_GAP_NONE };
    uint64_t got = len ? v->ops->read(v->impl, va, buf, len, &m) : 0;
    if (got < len) {
        if (m.gap == VAS_GAP_NONE)
            m = (struct vas_miss){ va + got, VAS_GAP_ABSENT };
        if (v->gaps++ == 0)
            v->first_gap = m;
    }
    if (miss)
        *miss = m;
    return got;
}

int vas_read_exact(struct vas *v, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss)
{
    return vas_read(v, va, buf, len, miss) == len ? 0 : -1;
}

int vas_read_ptr(struct vas *v, uint64_t va, uint64_t *out, struct vas_miss *miss)
{
    uint8_t b[8];
    if (vas_read_exact(v, va, b, v->ptr_size, miss) != 0)
        return -1;
    *out = v->ptr_size == 4 ? le32(b) : le64(b);
    return 0;
}

void vas_close(struct vas *v)
{
    if (!v)
        return;
    if (v->ops->close)
        v->ops->close(v->impl);
    free(v);
}

const char *vas_gap_name(enum vas_gap g)
{
    switch (g) {
    case VAS_GAP_ABSENT: return "not in the capture";
    case VAS_GAP_PAGED_OUT: return "paged out";
    case VAS_GAP_UNMAPPED: return "not mapped";
    default: return "readable";
    }
}
