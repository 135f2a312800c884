/* eproc procdump, dlldump, memdump: process memory into files
 * (docs/memmap.md "Dumping"; the writing itself is dump_out.c).
 *
 *   procdump  the main image, from its base for SizeOfImage bytes, with the
 *             section headers rewritten so that the file layout is the
 *             memory layout (PointerToRawData = VirtualAddress,
 *             SizeOfRawData = VirtualSize): a PE parser reads what was in
 *             memory;
 *   dlldump   the same for every module the capture lists (--base: one);
 *   memdump   every committed region / VAD (--base: the one holding it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "commands/dump_out.h"
#include "commands/model_cmd.h"

extern const struct command cmd_procdump, cmd_dlldump, cmd_memdump;

/* PE/COFF facts (Microsoft PE format specification): e_lfanew at 0x3c,
 * "PE\0\0", IMAGE_FILE_HEADER (NumberOfSections +6, SizeOfOptionalHeader
 * +20), optional header at +24 (SizeOfImage at +56 in PE32 and PE32+),
 * 40-byte section headers (VirtualSize +8, VirtualAddress +12,
 * SizeOfRawData +16, PointerToRawData +20). */
#define PE_HEAD 0x1000

struct pe_head {
    uint32_t size_of_image;
    uint32_t sections, nsections;   /* offset of the section table, count */
};

static int pe_head_parse(const uint8_t *h, size_t n, struct pe_head *out)
{
    if (n < 0x40 || h[0] != 'M' || h[1] != 'Z')
        return -1;
    uint32_t nt = le32(h + 0x3c);
    if (nt > n - 24 - 60 || memcmp(h + nt, "PE\0\0", 4) != 0)
        return -1;
    uint16_t magic = le16(h + nt + 24);
    if (magic != 0x10b && magic != 0x20b)
        return -1;
    out->size_of_image = le32(h + nt + 24 + 56);
    out->nsections = le16(h + nt + 6);
    out->sections = nt + 24 + le16(h + nt + 20);
    return 0;
}

/* Chunk 0 of an image dump: section headers to the memory layout. */
static void unmap_sections(void *arg, uint64_t offset, uint8_t *b, size_t n)
{
    (void)arg;
    struct pe_head ph;
    if (offset != 0 || pe_head_parse(b, n < PE_HEAD ? n : PE_HEAD, &ph) != 0)
        return;
    for (uint32_t i = 0; i < ph.nsections; i++) {
        uint64_t s = (uint64_t)ph.sections + 40ull * i;
        if (s + 40 > n || s + 40 > PE_HEAD)
            break;
        uint8_t *sh = b + s;
        uint32_t vsize = le32(sh + 8), vaddr = le32(sh + 12);
        uint32_t raw = le32(sh + 16);
        uint32_t size = vsize ? vsize : raw;
        memcpy(sh + 16, &size, 4);     /* SizeOfRawData (host is little-endian x86-64/arm64) */
        memcpy(sh + 20, &vaddr, 4);    /* PointerToRawData */
    }
}

/* Size of the image at base per its own header, else fallback. */
static uint64_t image_size(const struct an_process *p, uint64_t base, uint64_t fallback)
{
    uint8_t h[PE_HEAD];
    struct pe_head ph;
    uint64_t got = p->vas ? vas_read(p->vas, base, h, sizeof h, NULL) : 0;
    if (pe_head_parse(h, (size_t)got, &ph) == 0 && ph.size_of_image)
        return ph.size_of_image;
    return fallback;
}

static int run_dump(struct ep_context *ctx, const struct command *cmd, int argc, char **argv)
{
    struct dump_opts o;
    int rc = dump_opts_parse(cmd, argc, argv, &o);
    if (rc) {
        dump_opts_free(&o);
        return rc;
    }
    struct anatomy *a;
    struct table *t;
    if (!model_cmd_begin(ctx, cmd, o.rest_argc, o.rest_argv, dump_columns, dump_column_count, &a, &t, &rc)) {
        dump_opts_free(&o);
        return rc;
    }
    struct dump_out *d = dump_out_open(cmd, &o, &rc);
    if (!d) {
        table_free(t);
        anatomy_free(a);
        dump_opts_free(&o);
        return rc;
    }
    if (cmd == &cmd_memdump)
        model_warn_missing_part(a, cmd->name, a->no_regions);
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        if (!p->vas)
            continue;
        if (cmd == &cmd_procdump) {
            uint64_t base = p->peb.av == AN_AV_OK ? p->peb.image_base : p->image_views.section_base;
            if (!base)
                continue;
            uint64_t size = image_size(p, base, 0);
            if (!size) {
                ep_warn("%s: PID %llu: no PE header at the image base 0x%llx: not dumped", a->label,
                        (unsigned long long)p->pid, (unsigned long long)base);
                continue;
            }
            dump_memory(d, t, p, "exe", p->name, "exe", base, size, unmap_sections, NULL);
        } else if (cmd == &cmd_dlldump) {
            for (size_t m = 0; m < p->nmodules; m++) {
                const struct an_module *mod = &p->modules[m];
                if (o.has_base && mod->base != o.base)
                    continue;
                dump_memory(d, t, p, "dll", mod->name ? mod->name : "module", "dll", mod->base,
                            image_size(p, mod->base, mod->size), unmap_sections, NULL);
            }
        } else {
            for (size_t r = 0; r < p->nregions; r++) {
                const struct an_region *g = &p->regions[r];
                if (g->state != 0x1000)     /* MEM_COMMIT only: reserved memory holds nothing */
                    continue;
                if (o.has_base && (o.base < g->base || o.base - g->base >= g->size))
                    continue;
                dump_memory(d, t, p, "vad", g->file ? an_base_name(g->file) : p->name, "dmp", g->base,
                            g->size, NULL, NULL);
            }
        }
    }
    int wrc = dump_out_close(d);
    rc = model_cmd_finish(ctx, t, a);
    dump_opts_free(&o);
    return rc != EP_EXIT_OK ? rc : wrc;
}

static int run_procdump(struct ep_context *ctx, int argc, char **argv)
{
    return run_dump(ctx, &cmd_procdump, argc, argv);
}
static int run_dlldump(struct ep_context *ctx, int argc, char **argv)
{
    return run_dump(ctx, &cmd_dlldump, argc, argv);
}
static int run_memdump(struct ep_context *ctx, int argc, char **argv)
{
    return run_dump(ctx, &cmd_memdump, argc, argv);
}

#define DUMP_COMMON_HELP \
    "Files go to DIR only, named pid.<PID>.<kind>.<address>.<name>.<ext> with\n" \
    "the name made safe (no path from the capture leaves DIR); an existing file\n" \
    "or symlink is never written through (--force replaces regular files).\n" \
    "DIR/manifest.txt has one line per file: sha256, size, source address, pid,\n" \
    "kind, file.  Pages the capture lacks are written as zeros and counted in\n" \
    "missing.  Files over 1 GiB are refused.  Without --dump-dir the rows say\n" \
    "what would be written and nothing is.\n" \
    "\n" \
    "columns: pid, process, kind, address, size, missing, sha256, file\n"

const struct command cmd_procdump = {
    "procdump",
    "write each process's main image, rebuilt from memory, to --dump-dir",
    "usage: eproc -f CAPTURE procdump [--dump-dir DIR] [--force] [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "The image at PEB.ImageBaseAddress (else EPROCESS.SectionBaseAddress),\n"
    "SizeOfImage bytes, its section headers rewritten to the memory layout\n"
    "(raw offset = virtual address) so that PE tools parse what was in memory.\n"
    DUMP_COMMON_HELP,
    run_procdump,
};
const struct command cmd_dlldump = {
    "dlldump",
    "write the modules of each process, rebuilt from memory, to --dump-dir",
    "usage: eproc -f CAPTURE dlldump [--dump-dir DIR] [--force] [--base ADDR] [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Every module the capture lists (the loader's InLoadOrder list on memory\n"
    "images, the ModuleList of a minidump), or the one at --base, rebuilt as\n"
    "procdump rebuilds the main image.\n"
    DUMP_COMMON_HELP,
    run_dlldump,
};
const struct command cmd_memdump = {
    "memdump",
    "write each committed VAD / memory region of each process to --dump-dir",
    "usage: eproc -f CAPTURE memdump [--dump-dir DIR] [--force] [--base ADDR] [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "One file per committed VAD (memory images) or MemoryInfoList region\n"
    "(minidumps), as it lies in memory; with --base only the one holding ADDR.\n"
    DUMP_COMMON_HELP,
    run_memdump,
};

COMMAND_COLUMNS(cmd_procdump, dump_columns, dump_column_count, NULL)

COMMAND_COLUMNS(cmd_dlldump, dump_columns, dump_column_count, NULL)

COMMAND_COLUMNS(cmd_memdump, dump_columns, dump_column_count, NULL)
