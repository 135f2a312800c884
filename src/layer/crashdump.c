/* 64-bit Windows crash dumps: full (type 1), bitmap (5, 6) and kernel
 * triage (4).  See crashdump.h for the layout sources. */
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"
#include "layer/crashdump.h"
#include "layer/formats.h"

#define HEADER64_SIZE 0x2000
#define OFF_MAJOR 0x008
#define OFF_MINOR 0x00c
#define OFF_DTB 0x010
#define OFF_PFN 0x018
#define OFF_PSLOADED 0x020
#define OFF_PSACTIVE 0x028
#define OFF_MACHINE 0x030
#define OFF_NPROC 0x034
#define OFF_BUGCHECK 0x038
#define OFF_BUGPARAMS 0x040
#define OFF_KDBG 0x080
#define OFF_PHYSMEM 0x088          /* PHYSICAL_MEMORY_DESCRIPTOR64, 0x2c0 bytes */
#define PHYSMEM_AREA 0x2c0
#define OFF_DUMPTYPE 0xf98
#define OFF_SYSTIME 0xfa8
#define OFF_COMMENT 0xfb0
#define OFF_UPTIME 0x1030
#define OFF_PRODUCT 0x1040
#define OFF_SUITE 0x1044
#define OFF_SUBHEADER 0x2000       /* bitmap or triage header */

/* Unused header fields are filled with this pattern; a field that still
 * holds it was not written. */
#define PAGE_PATTERN32 0x45474150u  /* "PAGE" */
#define PAGE_PATTERN64 0x4547415045474150ull

const char *dump_type_name(uint32_t type)
{
    switch (type) {
    case DUMP_TYPE_FULL: return "full";
    case DUMP_TYPE_SUMMARY: return "summary";
    case DUMP_TYPE_HEADER: return "header only";
    case DUMP_TYPE_TRIAGE: return "kernel triage";
    case DUMP_TYPE_BITMAP_FULL: return "bitmap (full)";
    case DUMP_TYPE_BITMAP_KERNEL: return "bitmap (kernel)";
    case DUMP_TYPE_AUTOMATIC: return "automatic";
    default: return "unknown";
    }
}

static uint64_t field64(const uint8_t *d, size_t off)
{
    uint64_t v = le64(d + off);
    return v == PAGE_PATTERN64 ? 0 : v;
}

static uint32_t field32(const uint8_t *d, size_t off)
{
    uint32_t v = le32(d + off);
    return v == PAGE_PATTERN32 ? 0 : v;
}

static int parse_full(struct capture *cap, struct ep_error *err)
{
    const uint8_t *d = cap->file.data;
    const char *path = cap->file.path;
    uint32_t nruns = le32(d + OFF_PHYSMEM);
    const uint32_t max_runs = (PHYSMEM_AREA - 16) / 16;
    if (nruns == 0 || nruns > max_runs)
        return ep_fail(err, "%s: full crash dump with %u physical memory runs (expected 1..%u)", path, nruns, max_runs);
    uint64_t file_off = HEADER64_SIZE;
    for (uint32_t i = 0; i < nruns; i++) {
        const uint8_t *r = d + OFF_PHYSMEM + 16 + 16 * i;
        uint64_t base_page = le64(r), pages = le64(r + 8);
        if (base_page > (UINT64_MAX >> 12) || pages > (UINT64_MAX >> 12) ||
            (base_page << 12) + (pages << 12) < (base_page << 12))
            return ep_fail(err, "%s: physical memory run %u is out of range", path, i);
        if (capture_add_run(cap, base_page << 12, pages << 12, file_off) != 0)
            return ep_fail(err, "%s: out of memory", path);
        /* Runs past the end are trimmed by capture_finish_runs(); but a
         * file offset that wraps would make later runs point back into
         * the file at the wrong data, so stop there. */
        if (file_off + (pages << 12) < file_off) {
            ep_warn("%s: physical memory run %u and those after it lie beyond any file size; ignored", path, i + 1);
            break;
        }
        file_off += pages << 12;
    }
    return 0;
}

/* Bitmap dumps: one bit per physical page; set pages are stored in order
 * from FirstPage.  Header ("SDMP"/"FDMP", "DUMP"): FirstPage at +0x20,
 * TotalPresentPages at +0x28, Pages (bits) at +0x30, bitmap at +0x38. */
static int parse_bitmap(struct capture *cap, struct ep_error *err)
{
    const uint8_t *d = cap->file.data;
    const char *path = cap->file.path;
    uint64_t size = cap->file.size;
    if (!span_ok(OFF_SUBHEADER, 0x38, size))
        return ep_fail(err, "%s: truncated bitmap dump header", path);
    const uint8_t *h = d + OFF_SUBHEADER;
    if ((memcmp(h, "SDMP", 4) != 0 && memcmp(h, "FDMP", 4) != 0) || memcmp(h + 4, "DUMP", 4) != 0)
        return ep_fail(err, "%s: bitmap dump header signature missing at 0x2000", path);
    uint64_t first_page = le64(h + 0x20), present = le64(h + 0x28), bits = le64(h + 0x30);
    uint64_t bitmap_bytes = (bits + 7) / 8;
    if (bits == 0 || !span_ok(OFF_SUBHEADER + 0x38, bitmap_bytes, size))
        return ep_fail(err, "%s: bitmap of %llu pages runs past end of file", path, (unsigned long long)bits);
    if (first_page > size)
        return ep_fail(err, "%s: bitmap dump data starts past end of file (0x%llx)", path, (unsigned long long)first_page);
    const uint8_t *bm = h + 0x38;
    uint64_t file_off = first_page, found = 0, beyond = 0;
    for (uint64_t byte = 0; byte < bitmap_bytes; byte++) {
        if (bm[byte] == 0)
            continue;
        for (unsigned b = 0; b < 8; b++) {
            uint64_t page = byte * 8 + b;
            if (page >= bits || !(bm[byte] & (1u << b)))
                continue;
            found++;
            /* Pages whose data would lie past end of file (a truncated
             * dump, or a hostile bitmap of alternating bits) are only
             * counted: storing a run for each would let a small file
             * claim millions of runs. */
            if (file_off >= size) {
                beyond++;
                continue;
            }
            if (capture_add_run(cap, page << 12, 0x1000, file_off) != 0)
                return ep_fail(err, "%s: out of memory reading the page bitmap", path);
            file_off += 0x1000;
        }
    }
    if (beyond)
        ep_warn("%s: the bitmap lists %llu pages whose data lies past end of file (truncated capture?); "
                "they are missing", path, (unsigned long long)beyond);
    if (found != present)
        ep_warn("%s: bitmap has %llu pages set but the header says %llu are present",
                path, (unsigned long long)found, (unsigned long long)present);
    return 0;
}

/* Kernel triage dumps: TRIAGE_DUMP64 at 0x2000; offsets are from the start
 * of the file.  Data blocks (TRIAGE_DATA_BLOCK64: u64 Address, u32 Offset,
 * u32 Size) are kernel-virtual memory. */
static int parse_triage(struct capture *cap, struct crashdump_info *info, struct ep_error *err)
{
    const uint8_t *d = cap->file.data;
    const char *path = cap->file.path;
    uint64_t size = cap->file.size;
    if (!span_ok(OFF_SUBHEADER, 0x80, size))
        return ep_fail(err, "%s: truncated triage dump header", path);
    const uint8_t *t = d + OFF_SUBHEADER;
    struct triage_info *tr = &info->triage;
    tr->size_of_dump = le32(t + 0x04);
    tr->context_offset = le32(t + 0x0c);
    tr->exception_offset = le32(t + 0x10);
    tr->mm_offset = le32(t + 0x14);
    tr->unloaded_drivers_offset = le32(t + 0x18);
    tr->prcb_offset = le32(t + 0x1c);
    tr->process_offset = le32(t + 0x20);
    tr->thread_offset = le32(t + 0x24);
    tr->call_stack_offset = le32(t + 0x28);
    tr->call_stack_size = le32(t + 0x2c);
    tr->driver_list_offset = le32(t + 0x30);
    tr->driver_count = le32(t + 0x34);
    tr->string_pool_offset = le32(t + 0x38);
    tr->string_pool_size = le32(t + 0x3c);
    tr->top_of_stack = le64(t + 0x48);
    tr->debugger_data_offset = le32(t + 0x70);
    tr->debugger_data_size = le32(t + 0x74);
    tr->data_blocks_offset = le32(t + 0x78);
    tr->data_blocks_count = le32(t + 0x7c);
    info->is_triage = 1;

    if (tr->debugger_data_offset && tr->debugger_data_size) {
        uint32_t n = tr->debugger_data_size;
        if (n > KDBG_MAX_SIZE) n = KDBG_MAX_SIZE;
        if (span_ok(tr->debugger_data_offset, n, size)) {
            memcpy(info->kdbg, d + tr->debugger_data_offset, n);
            info->kdbg_size = n;
            if (info->kdbg_va && capture_add_vblock(cap, info->kdbg_va, n, tr->debugger_data_offset) != 0)
                return ep_fail(err, "%s: out of memory", path);
        } else {
            ep_warn("%s: the triage dump's KDBG copy lies past end of file", path);
        }
    }
    uint64_t nblocks = tr->data_blocks_count;
    if (nblocks && !span_ok(tr->data_blocks_offset, nblocks * 16, size)) {
        ep_warn("%s: the triage data block table runs past end of file (truncated?); reading what is there", path);
        nblocks = tr->data_blocks_offset < size ? (size - tr->data_blocks_offset) / 16 : 0;
    }
    for (uint64_t i = 0; i < nblocks; i++) {
        const uint8_t *b = d + tr->data_blocks_offset + 16 * i;
        if (capture_add_vblock(cap, le64(b), le32(b + 12), le32(b + 8)) != 0)
            return ep_fail(err, "%s: too many triage data blocks", path);
    }
    return 0;
}

int crashdump_parse(struct capture *cap, struct ep_error *err)
{
    const uint8_t *d = cap->file.data;
    const char *path = cap->file.path;
    cap->kind = CAPTURE_CRASHDUMP;
    cap->format = "crash dump";
    if (cap->file.size < HEADER64_SIZE)
        return ep_fail(err, "%s: truncated crash dump: %llu bytes, the header alone is 8192",
                       path, (unsigned long long)cap->file.size);
    struct crashdump_info *info = calloc(1, sizeof *info);
    if (!info)
        return ep_fail(err, "%s: out of memory", path);
    cap->dump = info;
    info->major_version = le32(d + OFF_MAJOR);
    info->build = le32(d + OFF_MINOR);
    info->dtb = field64(d, OFF_DTB);
    info->pfn_database = field64(d, OFF_PFN);
    info->ps_loaded_module_list = field64(d, OFF_PSLOADED);
    info->ps_active_process_head = field64(d, OFF_PSACTIVE);
    info->machine_type = field32(d, OFF_MACHINE);
    info->processors = field32(d, OFF_NPROC);
    info->bugcheck_code = field32(d, OFF_BUGCHECK);
    for (int i = 0; i < 4; i++)
        info->bugcheck_params[i] = field64(d, OFF_BUGPARAMS + 8 * i);
    info->kdbg_va = field64(d, OFF_KDBG);
    info->dump_type = field32(d, OFF_DUMPTYPE);
    info->system_time = field64(d, OFF_SYSTIME);
    info->system_uptime = field64(d, OFF_UPTIME);
    info->product_type = field32(d, OFF_PRODUCT);
    info->suite_mask = field32(d, OFF_SUITE);
    if (le32(d + OFF_COMMENT) != PAGE_PATTERN32)
        text_from_bytes(info->comment, sizeof info->comment, d + OFF_COMMENT, 128);

    /* Non-x64 dumps still open so that `info` can show their header; the
     * translation layer and the profile match refuse them later. */
    if (info->machine_type && info->machine_type != 0x8664)
        ep_warn("%s: crash dump of a %s machine (type 0x%x): only its header and KDBG are interpreted",
                path, info->machine_type == 0xaa64 ? "ARM64" : "non-x64", info->machine_type);
    switch (info->dump_type) {
    case DUMP_TYPE_FULL:
        cap->format = "crash dump (full)";
        return parse_full(cap, err);
    case DUMP_TYPE_BITMAP_FULL:
    case DUMP_TYPE_BITMAP_KERNEL:
    case DUMP_TYPE_AUTOMATIC:
        cap->format = info->dump_type == DUMP_TYPE_BITMAP_FULL ? "crash dump (bitmap, full)"
                                                               : "crash dump (bitmap, kernel)";
        return parse_bitmap(cap, err);
    case DUMP_TYPE_TRIAGE:
        cap->format = "crash dump (kernel triage)";
        return parse_triage(cap, info, err);
    default:
        return ep_fail(err, "%s: crash dump type %u (%s) holds no memory eproc can read",
                       path, info->dump_type, dump_type_name(info->dump_type));
    }
}
