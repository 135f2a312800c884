/* Threads: ThreadList / ThreadExList, ThreadInfoList, ThreadNames, and
 * the few registers a listing needs from each thread's CONTEXT.
 *
 * Layouts (Microsoft Learn, minidumpapiset.h):
 *   MINIDUMP_THREAD (48 bytes): ThreadId, SuspendCount, PriorityClass,
 *     Priority, Teb (u64), Stack (MINIDUMP_MEMORY_DESCRIPTOR: u64 start,
 *     u32 size, u32 rva), ThreadContext (u32 size, u32 rva).
 *   MINIDUMP_THREAD_EX (64 bytes): the same plus BackingStore (IA-64).
 *   MINIDUMP_THREAD_INFO_LIST: SizeOfHeader, SizeOfEntry, NumberOfEntries;
 *   MINIDUMP_THREAD_INFO: ThreadId, DumpFlags, DumpError, ExitStatus,
 *     CreateTime, ExitTime, KernelTime, UserTime, StartAddress, Affinity.
 *   MINIDUMP_THREAD_NAME_LIST: NumberOfThreadNames, then 12-byte
 *     MINIDUMP_THREAD_NAME { ThreadId, RVA64 RvaOfThreadName } (pack 4).
 * CONTEXT register offsets: winnt.h (x86: Ebp 0xb4, Eip 0xb8, Esp 0xc4;
 * AMD64: Rsp 0x98, Rbp 0xa0, Rip 0xf8; ARM64: Fp 0xf0, Sp 0x100, Pc 0x108;
 * ARM: R11 0x30, Sp 0x38, Pc 0x40). */
#include <stdlib.h>
#include <string.h>

#include "minidump/md_internal.h"

#define THREAD_SIZE    48u
#define THREAD_EX_SIZE 64u
#define THREAD_INFO_MIN 64u
#define THREAD_NAME_SIZE 12u

static void read_threads(struct md_dump *md, struct md_stream *s, uint32_t entry_size)
{
    if (md->have_thread_list) {
        s->status = MD_ST_DUPLICATE;
        md_note(s, "a ThreadList was already read");
        return;
    }
    uint32_t n;
    uint32_t first = md_list_entries(md, s, entry_size, MD_MAX_THREADS, "threads", &n);
    md->threads = ep_calloc(n, sizeof *md->threads);
    md->nthreads = n;
    md->have_thread_list = 1;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + first + (uint64_t)i * entry_size;
        struct md_thread *t = &md->threads[i];
        t->tid = le32(e);
        t->suspend_count = le32(e + 4);
        t->priority_class = le32(e + 8);
        t->priority = le32(e + 12);
        t->teb = le64(e + 16);
        t->stack_start = le64(e + 24);
        t->stack_size = le32(e + 32);
        t->stack_rva = le32(e + 36);
        t->context_size = le32(e + 40);
        t->context_rva = le32(e + 44);
    }
    md_note(s, "%u thread%s", n, n == 1 ? "" : "s");
}

void md_parse_thread_list(struct md_dump *md, struct md_stream *s)
{
    read_threads(md, s, THREAD_SIZE);
}

void md_parse_thread_ex_list(struct md_dump *md, struct md_stream *s)
{
    read_threads(md, s, THREAD_EX_SIZE);
}

/* Thread lookup by id for the streams that annotate threads: a sorted
 * index, so a hostile ThreadInfoList costs O(n log n), not O(n^2). */
struct tid_index {
    uint32_t tid;
    uint32_t idx;
};

static int cmp_tid(const void *a, const void *b)
{
    const struct tid_index *x = a, *y = b;
    if (x->tid != y->tid)
        return x->tid < y->tid ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static struct tid_index *tid_index_new(const struct md_dump *md)
{
    struct tid_index *ix = ep_calloc(md->nthreads, sizeof *ix);
    for (size_t i = 0; i < md->nthreads; i++)
        ix[i] = (struct tid_index){ md->threads[i].tid, (uint32_t)i };
    qsort(ix, md->nthreads, sizeof *ix, cmp_tid);
    return ix;
}

/* The first thread with this id (duplicates: the earliest record). */
static struct md_thread *thread_by_tid(struct md_dump *md, const struct tid_index *ix, uint32_t tid)
{
    size_t lo = 0, hi = md->nthreads;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix[mid].tid < tid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < md->nthreads && ix[lo].tid == tid ? &md->threads[ix[lo].idx] : NULL;
}

void md_parse_thread_info(struct md_dump *md, struct md_stream *s)
{
    uint32_t hsize, esize;
    uint64_t count;
    if (md_list_header(md, s, "ThreadInfoList", "entries", 12, 0, THREAD_INFO_MIN, &hsize, &esize, &count) != 0)
        return;
    uint32_t n = (uint32_t)count;
    if (n > MD_MAX_THREADS)
        n = MD_MAX_THREADS;
    uint32_t matched = 0;
    struct tid_index *ix = tid_index_new(md);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + hsize + (uint64_t)i * esize;
        struct md_thread *t = thread_by_tid(md, ix, le32(e));
        if (!t)
            continue;
        matched++;
        t->has_info = 1;
        t->dump_flags = le32(e + 4);
        t->dump_error = le32(e + 8);
        t->exit_status = le32(e + 12);
        t->create_time = le64(e + 16);
        t->exit_time = le64(e + 24);
        t->kernel_time = le64(e + 32);
        t->user_time = le64(e + 40);
        t->start_address = le64(e + 48);
        t->affinity = le64(e + 56);
    }
    free(ix);
    md->have_thread_info = 1;
    md_note(s, "%u entries, %u matched to threads", n, matched);
    if (matched < n)
        md_warn(md, "ThreadInfoList: %u of %u entries name threads missing from the ThreadList",
                n - matched, n);
}

void md_parse_thread_names(struct md_dump *md, struct md_stream *s)
{
    uint32_t n;
    uint32_t first = 4;
    const uint8_t *p = md_at(md, s->rva, 4);
    if (!p || s->size < 4) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        return;
    }
    n = le32(p);
    uint64_t fit = (s->size - first) / THREAD_NAME_SIZE;
    if (n > fit) {
        md_warn(md, "ThreadNames stream claims %u names but only %llu fit", n,
                (unsigned long long)fit);
        n = (uint32_t)fit;
        s->status = MD_ST_PARTIAL;
    }
    if (n > MD_MAX_THREADS)
        n = MD_MAX_THREADS;
    uint32_t named = 0;
    struct tid_index *ix = tid_index_new(md);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + first + (uint64_t)i * THREAD_NAME_SIZE;
        struct md_thread *t = thread_by_tid(md, ix, le32(e));
        uint64_t rva = le64(e + 4);
        if (!t || t->name)
            continue;
        int bad = 0;
        t->name = md_string_at(md, rva, &bad);
        if (bad)
            md_warn(md, "ThreadNames: name of thread %u at 0x%llx is outside the file", t->tid,
                    (unsigned long long)rva);
        if (t->name)
            named++;
    }
    free(ix);
    md->have_thread_names = 1;
    md_note(s, "%u name%s", named, named == 1 ? "" : "s");
}

int md_decode_context(const struct md_dump *md, uint32_t rva, uint32_t size,
                      uint64_t *pc, uint64_t *sp, uint64_t *fp)
{
    const uint8_t *c;
    switch (md->arch) {
    case MD_ARCH_X86:
        if (size < 0xc8 || !(c = md_at(md, rva, 0xc8)))
            return -1;
        *fp = le32(c + 0xb4);
        *pc = le32(c + 0xb8);
        *sp = le32(c + 0xc4);
        return 0;
    case MD_ARCH_X64:
        if (size < 0x100 || !(c = md_at(md, rva, 0x100)))
            return -1;
        *sp = le64(c + 0x98);
        *fp = le64(c + 0xa0);
        *pc = le64(c + 0xf8);
        return 0;
    case MD_ARCH_ARM64:
        if (size < 0x110 || !(c = md_at(md, rva, 0x110)))
            return -1;
        *fp = le64(c + 0xf0);
        *sp = le64(c + 0x100);
        *pc = le64(c + 0x108);
        return 0;
    case MD_ARCH_ARM:
        if (size < 0x44 || !(c = md_at(md, rva, 0x44)))
            return -1;
        *fp = le32(c + 0x30);
        *sp = le32(c + 0x38);
        *pc = le32(c + 0x40);
        return 0;
    default:
        return -1;
    }
}

void md_finish_threads(struct md_dump *md)
{
    size_t bad = 0;
    for (size_t i = 0; i < md->nthreads; i++) {
        struct md_thread *t = &md->threads[i];
        if (md->ptr_size == 4) {
            t->teb &= 0xffffffffu;
            t->stack_start &= 0xffffffffu;
        }
        if (t->context_rva == 0 || t->context_size == 0)
            continue;
        if (md_decode_context(md, t->context_rva, t->context_size, &t->pc, &t->sp, &t->fp) == 0)
            t->has_context = 1;
        else
            bad++;
    }
    if (bad)
        md_warn(md, "%zu thread context%s outside the file or too short; their registers are unknown",
                bad, bad == 1 ? " is" : "s are");
}
