#include "windows/triage.h"

#include <string.h>

#include "base/bytes.h"
#include "layer/crashdump.h"
#include "windows/kobject.h"

void warn_partial_capture(const struct kernel *k)
{
    ep_warn("%s: partial capture (kernel triage dump): it holds the faulting process and thread only, "
            "not physical memory; other processes cannot be listed", k->cap->file.path);
}

int processes_from_triage(struct kernel *k, struct process_list *out, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return -1;
    const struct crashdump_info *d = k->cap->dump;
    const struct mapped_file *f = &k->cap->file;
    if (!d || !d->is_triage || !d->triage.process_offset ||
        !span_ok(d->triage.process_offset, l->ep_size, f->size))
        return ep_fail(err, "%s: the triage dump holds no process copy", f->path);
    struct ep_process p;
    memset(&p, 0, sizeof p);
    p.pa = ~0ull;
    p.views = VIEW_LIST;
    if (l->th_process != NT_NONE && d->triage.thread_offset &&
        span_ok(d->triage.thread_offset, (uint64_t)l->th_process + 8, f->size))
        p.va = le64(f->data + d->triage.thread_offset + l->th_process);
    /* Decode from the copy; pointers (path, handle table) are followed
     * through the dump's data blocks where they happen to be stored. */
    process_decode(l, f->data + d->triage.process_offset, &p, k->vs);
    return process_list_add(out, &p) == 0 ? 0 : ep_fail(err, "%s: out of memory", f->path);
}

int triage_thread(struct kernel *k, struct ep_thread *out, uint64_t *trap_rip, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return -1;
    const struct crashdump_info *d = k->cap->dump;
    const struct mapped_file *f = &k->cap->file;
    *trap_rip = 0;
    if (!d || !d->is_triage || !d->triage.thread_offset || l->th_size == NT_NONE ||
        !span_ok(d->triage.thread_offset, l->th_size, f->size))
        return ep_fail(err, "%s: the triage dump holds no thread copy", f->path);
    uint64_t va = 0;
    uint32_t cur = isf_offset(k->isf, "_KPRCB", "CurrentThread");
    if (d->triage.prcb_offset && cur != NT_NONE && span_ok((uint64_t)d->triage.prcb_offset + cur, 8, f->size))
        va = le64(f->data + d->triage.prcb_offset + cur);
    thread_decode(l, f->data + d->triage.thread_offset, va, ~0ull, out);
    uint64_t rip;
    if (out->trap_frame && l->tf_rip != NT_NONE && vread_u64(k->vs, out->trap_frame + l->tf_rip, &rip) == 0)
        *trap_rip = rip;
    return 0;
}
