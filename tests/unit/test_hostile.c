/* Hostile input (issue 6): bounded walks, capped allocations and clean
 * failures on captures built to break the parsers.  The CLI side (warning
 * text, exit codes) is tests/cli/degrade.sh. */
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/bytes.h"
#include "base/diag.h"
#include "fixture.h"
#include "fx_procs.h"
#include "layer/physical.h"
#include "test.h"
#include "windows/discovery.h"
#include "windows/kernel.h"
#include "windows/listwalk.h"
#include "windows/process.h"

static int count_entry(uint64_t entry, void *ctx)
{
    (void)entry;
    ++*(unsigned *)ctx;
    return 0;
}

/* A 26100 machine with four processes, opened from memory. */
struct procs_case {
    struct fx_machine *m;
    struct fx_procs p;
    struct capture *cap;
    struct kernel *k;
};

static int open_case(struct procs_case *c)
{
    struct ep_error err;
    if (!c->cap && capture_open_buffer(c->m->mem, c->m->size, "procs", &c->cap, &err) != 0)
        return -1;
    return kernel_open(c->cap, NULL, 0, &c->k, &err);
}

static void close_case(struct procs_case *c)
{
    kernel_close(c->k);
    capture_close(c->cap);
    fx_free(c->m);
}

static void walk(struct procs_case *c, struct list_walk_result *res, unsigned *visited)
{
    *visited = 0;
    list_walk(c->k->vs, c->p.head, "PsActiveProcessHead", count_entry, visited, res);
}

TEST(hostile_list_intact)
{
    struct procs_case c = { fx_windows(), { 0 }, NULL, NULL };
    CHECK(fx_add_processes(c.m, 4, &c.p) == 0);
    CHECK(open_case(&c) == 0);
    if (!c.k) { close_case(&c); return; }
    CHECK(c.k->profile == PROFILE_BUILTIN);
    struct list_walk_result res;
    unsigned n;
    walk(&c, &res, &n);
    CHECK(res.complete && !res.cycle && !res.broken && !res.capped);
    CHECK_EQ_U64(n, 4);
    struct process_list list = { 0 };
    struct ep_error err;
    CHECK(processes_from_list(c.k, &list, &err) == 0);
    CHECK_EQ_U64(list.n, 4);
    if (list.n == 4) {
        CHECK_EQ_U64(list.items[3].pid, 16);
        CHECK_STR(list.items[2].name, "proc2.exe");
    }
    process_list_free(&list);
    close_case(&c);
}

TEST(hostile_list_cycle_self_loop_nowhere)
{
    /* entry 2 -> entry 1: a cycle that never returns to the head;
     * entry 1 -> itself: a self-loop; entry 1 -> unmapped: smeared. */
    const struct { const char *what; int target; uint64_t nowhere; unsigned entries; } cases[] = {
        { "cycle", 1, 0, 3 },
        { "self-loop", 2, 0, 3 },
        { "nowhere", -1, 0xffffb00077770000ull, 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct procs_case c = { fx_windows(), { 0 }, NULL, NULL };
        CHECK(fx_add_processes(c.m, 4, &c.p) == 0);
        uint64_t to = cases[i].target >= 0 ? c.p.links[cases[i].target] : cases[i].nowhere;
        fx_set_flink(c.m, c.p.links[2], to);
        CHECK(open_case(&c) == 0);
        if (!c.k) { close_case(&c); continue; }
        struct list_walk_result res;
        unsigned n;
        unsigned long before = ep_warning_count();
        walk(&c, &res, &n);
        CHECK(!res.complete && !res.capped);
        CHECK(cases[i].nowhere ? res.broken : res.cycle);
        CHECK_EQ_U64(n, cases[i].entries);
        CHECK(ep_warning_count() > before);
        /* The walker keeps what it read before the break. */
        struct process_list list = { 0 };
        struct ep_error err;
        CHECK(processes_from_list(c.k, &list, &err) == 0);
        CHECK_EQ_U64(list.n, cases[i].entries);
        process_list_free(&list);
        close_case(&c);
    }
}

TEST(hostile_list_head_unreadable)
{
    struct procs_case c = { fx_windows(), { 0 }, NULL, NULL };
    CHECK(fx_add_processes(c.m, 2, &c.p) == 0);
    /* Unmap the head's page: the list cannot even start. */
    fx_set_entry(c.m, c.p.head, 1, 0);
    CHECK(open_case(&c) == 0);
    if (c.k) {
        struct list_walk_result res;
        unsigned n;
        walk(&c, &res, &n);
        CHECK(res.broken && n == 0);
        struct process_list list = { 0 };
        struct ep_error err;
        processes_from_list(c.k, &list, &err);
        CHECK_EQ_U64(list.n, 0);
        process_list_free(&list);
    }
    close_case(&c);
}

/* A list longer than LIST_WALK_CAP: LIST_ENTRYs packed 16 bytes apart in
 * 16 MiB of kernel memory, each pointing at the next. */
TEST(hostile_list_million_entries_capped)
{
    const uint64_t base = 0xffffb80000000000ull, entries = LIST_WALK_CAP + 64;
    const uint64_t bytes = entries * 16 + 0x1000;
    struct fx_machine *m = fx_windows_sized(24u << 20);
    uint64_t pa0 = (m->next_page + 0xfff) & ~0xfffull;
    m->next_page = pa0 + bytes + 0x1000;
    CHECK(m->next_page + (64u << 10) < m->size);
    for (uint64_t off = 0; off < bytes; off += 0x1000)
        fx_map(m, base + off, pa0 + off, 0x2);
    for (uint64_t i = 0; i < entries; i++) {
        put64(m->mem + pa0 + 16 * i, base + 16 * (i + 1));
        put64(m->mem + pa0 + 16 * i + 8, i ? base + 16 * (i - 1) : base + 16 * entries);
    }
    struct capture *cap;
    struct kernel *k;
    struct ep_error err;
    CHECK(capture_open_buffer(m->mem, m->size, "long", &cap, &err) == 0);
    CHECK(kernel_open(cap, NULL, 0, &k, &err) == 0);
    struct list_walk_result res;
    unsigned n = 0;
    /* The "head" is the first entry: the list never comes back to it. */
    list_walk(k->vs, base, "LongList", count_entry, &n, &res);
    CHECK(res.capped && !res.complete && !res.cycle);
    CHECK(n <= LIST_WALK_CAP);
    kernel_close(k);
    capture_close(cap);
    fx_free(m);
}

/* Every PML4 entry present and pointing at the PML4 itself: read as a
 * PDPT and a page directory it maps the whole kernel half 2^18 times over.
 * The kernel-image search must end quickly and report nothing found. */
TEST(hostile_page_table_self_reference_everywhere)
{
    struct fx_machine *m = fx_new(64u << 10);
    m->next_page = 0x1000;
    uint64_t pml4 = fx_alloc_page(m);
    for (unsigned i = 0; i < 512; i++)
        put64(m->mem + pml4 + 8 * i, pml4 | FX_PTE_P | FX_PTE_RW);
    struct capture *cap;
    struct ep_error err;
    CHECK(capture_open_buffer(m->mem, m->size, "bomb", &cap, &err) == 0);
    struct vspace *vs = calloc(1, sizeof *vs);
    vspace_init(vs, cap, pml4);
    struct image_search s;
    image_search_init(&s);
    uint64_t base;
    struct pe_info pe;
    alarm(60);
    CHECK(find_kernel_image_in(vs, &s, &base, &pe) == -1);
    alarm(0);
    CHECK(s.probes <= 2 * 512);
    image_search_free(&s);
    /* And through kernel discovery: a warning, not a hang or a crash. */
    struct kernel *k = NULL;
    if (kernel_open(cap, NULL, 0, &k, &err) == 0)
        CHECK(k->base == 0);
    kernel_close(k);
    free(vs);
    capture_close(cap);
    fx_free(m);
}

/* A bitmap dump whose bitmap claims every other page of 32 GiB while the
 * file holds a few: runs are only made for pages the file holds. */
TEST(hostile_bitmap_claims_more_than_file)
{
    const uint64_t bits = 8ull << 20;            /* 32 GiB of pages */
    const size_t bitmap = bits / 8, first = (0x2038 + bitmap + 0xfff) & ~(size_t)0xfff;
    const size_t size = first + 4 * 0x1000;
    uint8_t *d = calloc(1, size);
    memcpy(d, "PAGEDU64", 8);
    put32(d + 0x30, 0x8664);
    put32(d + 0xf98, 5);
    memcpy(d + 0x2000, "SDMP", 4);
    memcpy(d + 0x2004, "DUMP", 4);
    put64(d + 0x2020, first);
    put64(d + 0x2028, bits / 2);
    put64(d + 0x2030, bits);
    memset(d + 0x2038, 0x55, bitmap);
    struct capture *cap;
    struct ep_error err;
    unsigned long before = ep_warning_count();
    CHECK(capture_open_buffer(d, size, "bitmap", &cap, &err) == 0);
    CHECK(ep_warning_count() > before);
    CHECK(cap->nruns <= 4);
    CHECK_EQ_U64(cap->phys_bytes, 4 * 0x1000);
    capture_close(cap);
    free(d);
}

/* capture_close() must not unmap or free memory it was lent. */
TEST(hostile_capture_buffer_is_borrowed)
{
    struct fx_machine *m = fx_windows_small();
    struct capture *cap;
    struct ep_error err;
    CHECK(capture_open_buffer(m->mem, m->size, "lent", &cap, &err) == 0);
    capture_close(cap);
    volatile uint8_t x = m->mem[m->size - 1];
    m->mem[0] = x;
    CHECK(capture_open_buffer(m->mem, 0, "empty", &cap, &err) == -1);
    fx_free(m);
}

/* Opening a FIFO for reading waits for a writer; eproc must refuse it at
 * once.  alarm() turns a hang into a failed run. */
TEST(hostile_fifo_is_refused)
{
    const char *p = fx_path("fifo");
    unlink(p);
    if (mkfifo(p, 0600) != 0) {
        test_skip("cannot make a FIFO here");
        return;
    }
    struct capture *cap;
    struct ep_error err;
    alarm(20);
    CHECK(capture_open(p, &cap, &err) == -1);
    alarm(0);
    CHECK(strstr(err.msg, "not a regular file") != NULL);
    unlink(p);
}

/* A capture truncated while it is being read: the mapping raises SIGBUS;
 * the guard turns it into one error line and exit code 3.  Run in a child
 * so the test runner survives. */
TEST(hostile_capture_truncated_while_mapped)
{
    struct fx_machine *m = fx_windows_small();
    const char *p = fx_path("shrinking.img"), *errpath = fx_path("shrinking.err");
    CHECK(fx_write_raw(m, p) == 0);
    fx_free(m);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        struct capture *cap;
        struct ep_error err;
        FILE *e = freopen(errpath, "w", stderr);
        if (!e || capture_open(p, &cap, &err) != 0)
            _exit(10);
        capture_guard_reads(p);
        if (truncate(p, 0) != 0)
            _exit(11);
        uint8_t buf[16];
        phys_read(cap, 0x8000, buf, sizeof buf);   /* SIGBUS here */
        _exit(12);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == EP_EXIT_INPUT);
    char msg[512] = { 0 };
    FILE *f = fopen(errpath, "r");
    if (f) {
        size_t n = fread(msg, 1, sizeof msg - 1, f);
        msg[n] = 0;
        fclose(f);
    }
    CHECK(strstr(msg, "shrinking.img: read error while analysing it") != NULL);
    unlink(p);
    unlink(errpath);
}
