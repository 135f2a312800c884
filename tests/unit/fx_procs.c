#include "fx_procs.h"

#include <stdio.h>
#include <string.h>

#include "symbols/isf.h"
#include "windows/layout.h"

/* Where the fixture puts EPROCESS objects: one page each, in a kernel
 * region of its own (the nonpaged pool lives in this part of the kernel
 * half on Windows 10/11). */
#define EPROC_BASE 0xffffb00000100000ull

static void stamp_builtin_guid(struct fx_machine *m)
{
    /* GUID E2B3C1D0-A5F4-486B-9C7D2E1F30415263 in its binary form (Data1..3
     * little-endian); the fixture's CodeView record is at image + 0x1100. */
    static const uint8_t guid[16] = { 0xd0, 0xc1, 0xb3, 0xe2, 0xf4, 0xa5, 0x6b, 0x48,
                                      0x9c, 0x7d, 0x2e, 0x1f, 0x30, 0x41, 0x52, 0x63 };
    uint32_t age = BUILTIN_26100_AGE, build = 0xf0000000u | 26100;
    fx_write_virt(m, m->kernel_base + 0x1104, guid, 16);
    fx_write_virt(m, m->kernel_base + 0x1114, &age, 4);
    fx_write_virt(m, 0xfffff78000000260ull, &build, 4);
    memcpy(m->guid, guid, 16);
    snprintf(m->guid_hex, sizeof m->guid_hex, "%s", BUILTIN_26100_GUID);
    m->age = age;
    m->build = 26100;
}

static void map_page(struct fx_machine *m, uint64_t va)
{
    fx_map(m, va & ~0xfffull, fx_alloc_page(m), 0x2);
}

void fx_set_flink(struct fx_machine *m, uint64_t entry_va, uint64_t flink)
{
    fx_write_virt(m, entry_va, &flink, 8);
}

int fx_add_processes(struct fx_machine *m, unsigned n, struct fx_procs *out)
{
    struct isf *isf = isf_builtin_26100();
    struct nt_layout l;
    struct ep_error err;
    if (!isf || n > FX_MAX_PROCS || layout_resolve(isf, &l, &err) != 0 || l.ep_size > 0x1000) {
        isf_free(isf);
        return -1;
    }
    isf_free(isf);
    stamp_builtin_guid(m);
    memset(out, 0, sizeof *out);
    out->n = n;
    out->ep_links = l.ep_links;
    out->head = m->kernel_base + l.sym_ps_active_process_head;
    map_page(m, out->head);
    for (unsigned i = 0; i < n; i++) {
        out->eproc[i] = EPROC_BASE + 0x1000ull * i;
        out->links[i] = out->eproc[i] + l.ep_links;
        map_page(m, out->eproc[i]);
        uint64_t pid = 4 * (i + 1), ppid = i ? 4 * i : 0, create = m->system_time - 1000000000ull * (n - i);
        uint64_t dtb = m->dtb;
        char name[15] = { 0 };
        snprintf(name, sizeof name, "proc%u.exe", i);
        fx_write_virt(m, out->eproc[i] + l.ep_pid, &pid, 8);
        if (l.ep_ppid != NT_NONE)
            fx_write_virt(m, out->eproc[i] + l.ep_ppid, &ppid, 8);
        fx_write_virt(m, out->eproc[i] + l.ep_create, &create, 8);
        fx_write_virt(m, out->eproc[i] + l.ep_dtb, &dtb, 8);
        fx_write_virt(m, out->eproc[i] + l.ep_name, name, sizeof name);
    }
    /* head <-> links[0] <-> ... <-> links[n-1] <-> head */
    for (unsigned i = 0; i <= n; i++) {
        uint64_t at = i == 0 ? out->head : out->links[i - 1];
        uint64_t next = i == n ? out->head : out->links[i];
        uint64_t prev = i == 0 ? (n ? out->links[n - 1] : out->head) : (i == 1 ? out->head : out->links[i - 2]);
        fx_write_virt(m, at, &next, 8);
        fx_write_virt(m, at + 8, &prev, 8);
    }
    return 0;
}
