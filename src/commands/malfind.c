/* eproc malfind: memory that is both writable and executable but backs no
 * image: where injected code lives.  With a MemoryInfoList the test is the
 * protection of committed private (or mapped) regions; without one the
 * protection is unknown and the dumped ranges outside every module, stack
 * and TEB that begin with an MZ header are reported instead.  The region
 * test and the thread starts are check/exec_memory.c's, which the check
 * rule injected-code shares. */
#include <stdio.h>
#include <string.h>

#include "anatomy/userprofile.h"
#include "base/disasm.h"
#include "check/exec_memory.h"
#include "commands/model_cmd.h"
#include "minidump/minidump.h"

#define MD_PROT_BUF 96

extern const struct command cmd_malfind;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "start", "Start", COL_ADDR },
    { "end", "End", COL_ADDR },
    { "protection", "Protection", COL_STR },
    { "type", "Type", COL_STR },
    { "notes", "Notes", COL_STR },
    { "hexdump", "Hexdump", COL_STR },
    { "pe_header", "PEHeader", COL_BOOL },
    { "thread_starts", "ThreadStarts", COL_STR },
    { "disasm", "Disasm", COL_STR },
    { "vad", "VAD", COL_ADDR },
    { "tag", "Tag", COL_STR },
};
enum { C_PID, C_PROC, C_START, C_END, C_PROT, C_TYPE, C_NOTES, C_HEX, C_PE, C_THREADS, C_DISASM,
       C_VAD, C_TAG };

/* Instructions shown from the region's first bytes. */
#define DISASM_INSNS 8

#define HEX_BYTES 64
#define MAX_ROWS 4096

/* Threads whose start address (the kernel's StartAddress or
 * Win32StartAddress, or the dump's ThreadInfoList) lies in [va, va+size):
 * code that runs from memory no image backs is how injected code starts. */
static void thread_cells(struct table *t, const struct an_process *p, uint64_t va, uint64_t size)
{
    struct exec_start starts[32];
    size_t n = exec_thread_starts(p, va, size, starts, ARRAY_LEN(starts));
    char buf[256] = "";
    size_t pos = 0;
    for (size_t i = 0; i < n && i < ARRAY_LEN(starts); i++)
        if (pos < sizeof buf)
            pos += (size_t)snprintf(buf + pos, sizeof buf - pos, "%sTID %llu at 0x%llx", i ? ", " : "",
                                    (unsigned long long)starts[i].tid, (unsigned long long)starts[i].at);
    if (n)
        cell_str(t, C_THREADS, buf);
}

/* Fill notes, hexdump, PE header flag, disassembly and thread starts from
 * the region's first bytes. */
static void content_cells(struct table *t, const struct an_process *p, uint64_t va, uint64_t size,
                          const char *extra)
{
    struct vas *v = p->vas;
    uint8_t head[HEX_BYTES];
    uint64_t want = size < sizeof head ? size : sizeof head;
    uint64_t got = vas_read(v, va, head, want, NULL);
    char notes[192] = "";
    if (extra)
        snprintf(notes, sizeof notes, "%s", extra);
    size_t n = strlen(notes);
    int mz = got >= 2 && head[0] == 'M' && head[1] == 'Z';
    if (got == 0)
        snprintf(notes + n, sizeof notes - n, "%scontents not in the dump", n ? "; " : "");
    else if (mz)
        snprintf(notes + n, sizeof notes - n, "%sMZ header", n ? "; " : "");
    if (notes[0])
        cell_str(t, C_NOTES, notes);
    thread_cells(t, p, va, size);
    if (got == 0)
        return;
    cell_bool(t, C_PE, mz);
    char hex[HEX_BYTES * 3 + 1];
    size_t pos = 0;
    for (uint64_t i = 0; i < got; i++)
        pos += (size_t)snprintf(hex + pos, sizeof hex - pos, "%s%02x", i ? " " : "", head[i]);
    cell_str(t, C_HEX, hex);
    char dis[1024];
    /* x86-64 code only: a 32-bit or ARM64 process's bytes would decode as nonsense */
    if (p->profile == an_user_profile(AN_CPU_X64) && disasm_x64(head, got, va, DISASM_INSNS, dis, sizeof dis) >= 0)
        cell_str(t, C_DISASM, dis);
}

/* Without a MemoryInfoList: one MZ range of dumped memory (exec_scan_mz). */
struct mz_rows {
    const struct anatomy *a;
    const struct an_process *p;
    struct table *t;
    size_t rows;
};

static int mz_row(void *ctx, const struct vas_extent *r, const char *why)
{
    struct mz_rows *m = ctx;
    if (why) {
        ep_info("%s: malfind: MZ at 0x%llx: %s", m->a->label, (unsigned long long)r->va, why);
        return 0;
    }
    if (m->rows == MAX_ROWS) {
        ep_warn("%s: malfind: more than %d candidates; the rest are not listed", m->a->label, MAX_ROWS);
        return 1;
    }
    m->rows++;
    table_add_row(m->t);
    model_cells_process(m->t, C_PID, C_PROC, m->p);
    cell_addr(m->t, C_START, r->va);
    cell_addr(m->t, C_END, r->va + r->len - 1);
    content_cells(m->t, m->p, r->va, r->len,
                  "protection unknown (no MemoryInfoList); in no module, loader list, stack or TEB");
    return 0;
}

static void process_rows(const struct anatomy *a, const struct an_process *p, struct table *t)
{
    char pbuf[MD_PROT_BUF];
    if (!p->vas)
        return;
    if (p->have_regions) {
        size_t examined = 0;
        for (size_t i = 0; i < p->nregions; i++) {
            const struct an_region *m = &p->regions[i];
            struct exec_region er;
            exec_region_read(p, m, &er);
            if (!er.candidate)
                continue;
            if (++examined > MAX_ROWS) {
                ep_warn("%s: malfind: more than %d candidate regions; the rest are not examined",
                        a->label, MAX_ROWS);
                break;
            }
            if (!er.written)
                continue;
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_START, m->base);
            cell_addr(t, C_END, m->base + m->size - 1);
            cell_str(t, C_PROT, md_protect_name(m->protect, pbuf, sizeof pbuf));
            cell_str(t, C_TYPE, md_type_name(m->type));
            content_cells(t, p, m->base, m->size, NULL);
            if (m->has_vad) {
                cell_addr(t, C_VAD, m->vad_va);
                cell_str(t, C_TAG, m->tag[0] ? m->tag : NULL);
            }
        }
        return;
    }
    if (!p->vas->ops->next_extent)
        return;
    ep_warn("%s: malfind: no MemoryInfoList stream, so protections are unknown: "
            "reporting dumped memory that starts with an MZ header outside every module, "
            "stack and TEB", a->label);
    struct mz_rows m = { a, p, t, 0 };
    exec_scan_mz(p, mz_row, &m);
}

static int run_malfind(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_malfind, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "malfind", a->no_regions);
    for (size_t i = 0; i < a->nprocs; i++)
        process_rows(a, &a->procs[i], t);
    /* Exit 1 when a region is reported (docs/architecture.md, "Contracts": a check found something). */
    return model_cmd_finish_found(ctx, t, a, table_row_count(t) > 0);
}
const struct command cmd_malfind = {
    "malfind",
    "find injected code: executable+writable memory no image backs, with hex dump and disassembly",
    "usage: eproc -f CAPTURE malfind [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Reports committed memory that is not part of an image and is both\n"
    "writable and executable (PAGE_EXECUTE_READWRITE or _WRITECOPY), per the\n"
    "VADs (memory images) or the MemoryInfoList stream (minidumps), with the\n"
    "first 64 bytes in hex, their x86-64 disassembly (capstone; x64 processes),\n"
    "whether they start with an MZ header (pe_header), and the threads whose\n"
    "start address lies in the region (thread_starts).  Exit status 1 when\n"
    "anything is reported.  Regions whose first page is all zero\n"
    "are skipped, as Volatility's malfind does.  Without a MemoryInfoList\n"
    "the protection is unknown: then dumped memory that starts with an MZ\n"
    "header outside every module, thread stack and TEB is reported, with\n"
    "protection null and a note saying so.\n"
    "\n"
    "columns: pid, process, start, end, protection, type, notes, hexdump,\n"
    "pe_header, thread_starts, disasm, vad, tag (the last two: memory images)\n",
    run_malfind,
};

COMMAND_COLUMNS(cmd_malfind, cols, sizeof cols / sizeof cols[0], NULL)
