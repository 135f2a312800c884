/* Image writers.  Every format is written sparse: the file is sized with
 * ftruncate and only pages the forge stored (non-zero) are written, so a
 * 16 GiB machine costs the time of its contents.
 *   raw        physical address = file offset, holes read as zero;
 *   crashdump  Windows full kernel dump (PAGEDU64, DumpType 1): a 0x2000
 *              header (DirectoryTableBase, PsLoadedModuleList,
 *              PsActiveProcessHead, KdDebuggerDataBlock, MachineImageType,
 *              NumberProcessors, SystemTime, PhysicalMemoryBlock runs),
 *              then the pages of each run in order;
 *   crashdump-bitmap  the same header with DumpType 5, then at 0x2000 a
 *              bitmap header and one bit per physical page; only the pages
 *              in use are stored, in page order;
 *   elf        QEMU-style ELF64 core: one PT_LOAD per RAM run, p_paddr set;
 *   lime       LiME: a 32-byte range header before each RAM run. */
#include "forge/forge_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/bytes.h"
#include "base/safe_file.h"

static int open_out(const char *path, uint64_t size, unsigned flags, struct ep_error *err)
{
    int fd = safe_create(path, flags, err);    /* no links followed (base/safe_file.h) */
    if (fd < 0)
        return -1;
    if (ftruncate(fd, (off_t)size) != 0) {
        ep_fail(err, "%s: cannot size to %llu bytes: %s", path, (unsigned long long)size, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int put_at(int fd, const void *buf, size_t len, uint64_t off, const char *path, struct ep_error *err)
{
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = pwrite(fd, p, len, (off_t)off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ep_fail(err, "%s: write failed: %s", path, strerror(errno));
        }
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

/* Write the stored pages of run r at file offset base. */
static int put_run(struct forge *f, int fd, const struct ram_run *r, uint64_t base, const char *path,
                   struct ep_error *err)
{
    for (uint64_t pfn = r->pa / PAGE; pfn < (r->pa + r->len) / PAGE; pfn++) {
        const uint8_t *pg = mach_page_view(&f->m, pfn);
        if (!pg)
            continue;
        if (put_at(fd, pg, PAGE, base + pfn * PAGE - r->pa, path, err))
            return -1;
    }
    return 0;
}

static int finish(int fd, const char *path, struct ep_error *err)
{
    if (close(fd) != 0)
        return ep_fail(err, "%s: close failed: %s", path, strerror(errno));
    return 0;
}

int write_raw(struct forge *f, const char *path, struct ep_error *err)
{
    int fd = open_out(path, f->m.max_pa, f->out_flags, err);
    if (fd < 0)
        return -1;
    for (uint64_t pfn = 0; pfn < f->m.npfn; pfn++) {
        const uint8_t *pg = mach_page_view(&f->m, pfn);
        if (pg && put_at(fd, pg, PAGE, pfn * PAGE, path, err)) {
            close(fd);
            return -1;
        }
    }
    return finish(fd, path, err);
}

/* DUMP_HEADER64 (0x2000 bytes); offsets as src/layer/crashdump.c reads
 * them (ntiodump.h, see src/layer/crashdump.h). */
static void dump_header(struct forge *f, uint8_t *h, uint32_t dump_type, uint64_t file_size)
{
    memset(h, 0, 0x2000);
    /* unused header space holds the "PAGE" fill pattern, as Windows writes it */
    for (size_t i = 0; i < 0x2000; i += 4)
        memcpy(h + i, "PAGE", 4);
    memcpy(h + 0x000, "PAGE", 4);
    memcpy(h + 0x004, "DU64", 4);
    put32(h + 0x008, 0xF);
    put32(h + 0x00C, f->build);
    put64(h + 0x010, f->sys_root);
    put64(h + 0x018, ksym(f, "MmPfnDatabase") ? kr64(f, ksym(f, "MmPfnDatabase")) : 0);
    put64(h + 0x020, ksym(f, "PsLoadedModuleList"));
    put64(h + 0x028, ksym(f, "PsActiveProcessHead"));
    put32(h + 0x030, 0x8664);
    put32(h + 0x034, f->sc->cpus);
    put32(h + 0x038, 0xE2);                  /* MANUALLY_INITIATED_CRASH */
    put64(h + 0x040, 0); put64(h + 0x048, 0); put64(h + 0x050, 0); put64(h + 0x058, 0);
    memset(h + 0x060, 0, 32);
    put64(h + 0x080, f->kdbg);
    /* PhysicalMemoryBlock: NumberOfRuns, NumberOfPages, Run[] {BasePage, PageCount} */
    uint64_t npages = 0;
    for (int i = 0; i < f->m.nruns; i++)
        npages += f->m.runs[i].len / PAGE;
    put32(h + 0x088, (uint32_t)f->m.nruns);
    put32(h + 0x08C, 0);
    put64(h + 0x090, npages);
    for (int i = 0; i < f->m.nruns; i++) {
        put64(h + 0x098 + 16 * i, f->m.runs[i].pa / PAGE);
        put64(h + 0x0A0 + 16 * i, f->m.runs[i].len / PAGE);
    }
    memset(h + 0x348, 0, 3000);              /* ContextRecord: zeroed CONTEXT */
    memset(h + 0xF00, 0, 0x98);              /* Exception */
    put32(h + 0xF98, dump_type);             /* 1 full, 5 bitmap */
    put64(h + 0xFA0, file_size);             /* RequiredDumpSpace */
    put64(h + 0xFA8, f->now);                /* SystemTime */
    memset(h + 0xFB0, 0, 0x80);
    put64(h + 0x1030, f->now - f->boot_time);   /* SystemUpTime */
    put32(h + 0x1038, 0);
    put32(h + 0x103C, 0);
    put32(h + 0x1040, 1);                    /* ProductType: NtProductWinNt */
    put32(h + 0x1044, 0x110);                /* SuiteMask */
    put32(h + 0x1048, 0);
    memset(h + 0x104C, 0, 0x2000 - 0x104C);
}

int write_crashdump(struct forge *f, const char *path, struct ep_error *err)
{
    uint8_t h[0x2000];
    uint64_t npages = 0;
    for (int i = 0; i < f->m.nruns; i++)
        npages += f->m.runs[i].len / PAGE;
    uint64_t total = 0x2000 + npages * PAGE;
    dump_header(f, h, 1, total);
    int fd = open_out(path, total, f->out_flags, err);
    if (fd < 0)
        return -1;
    if (put_at(fd, h, sizeof h, 0, path, err)) {
        close(fd);
        return -1;
    }
    uint64_t off = 0x2000;
    for (int i = 0; i < f->m.nruns; i++) {
        if (put_run(f, fd, &f->m.runs[i], off, path, err)) {
            close(fd);
            return -1;
        }
        off += f->m.runs[i].len;
    }
    return finish(fd, path, err);
}

/* A page goes into a bitmap dump when the machine handed its frame out
 * (page tables, pool, stacks, images, user memory, the reserved boot
 * windows) or wrote to it: what Windows leaves out of such a dump is the
 * free memory.  Pages outside RAM never are. */
static int page_in_use(const struct forge *f, uint64_t pfn)
{
    if (!mach_pa_is_ram(&f->m, pfn * PAGE))
        return 0;
    return ((f->m.used[pfn >> 6] >> (pfn & 63)) & 1) || mach_page_view(&f->m, pfn) != NULL;
}

/* Bitmap dump (DumpType 5).  At 0x2000, after DUMP_HEADER64, the bitmap
 * dump header: "SDMP" "DUMP", +0x20 FirstPage (file offset of the first
 * stored page, page-aligned), +0x28 TotalPresentPages, +0x30 Pages (bits in
 * the bitmap, one per physical page from PFN 0), +0x38 the bitmap (bit n of
 * byte n/8 for PFN n); the pages whose bit is set follow from FirstPage in
 * PFN order.  Layout as src/layer/crashdump.c reads it (Volatility's
 * _SUMMARY_DUMP names the same fields HeaderSize, Pages, BitmapSize). */
int write_crashdump_bitmap(struct forge *f, const char *path, struct ep_error *err)
{
    uint64_t bits = (f->m.npfn + 31) & ~31ULL;     /* whole 32-bit words, as Volatility reads them */
    uint64_t bitmap_bytes = bits / 8;
    uint64_t first_page = (0x2000 + 0x38 + bitmap_bytes + PAGE - 1) & ~(PAGE - 1);
    uint8_t *hdr = calloc(1, first_page);
    if (!hdr)
        return ep_fail(err, "%s: out of memory for the dump header", path);
    uint8_t *sub = hdr + 0x2000, *bm = sub + 0x38;
    uint64_t present = 0;
    for (uint64_t pfn = 0; pfn < f->m.npfn; pfn++)
        if (page_in_use(f, pfn)) {
            bm[pfn >> 3] |= (uint8_t)(1u << (pfn & 7));
            present++;
        }
    uint64_t total = first_page + present * PAGE;
    dump_header(f, hdr, 5, total);
    memcpy(sub, "SDMP", 4);
    memcpy(sub + 4, "DUMP", 4);
    put64(sub + 0x20, first_page);
    put64(sub + 0x28, present);
    put64(sub + 0x30, bits);
    int fd = open_out(path, total, f->out_flags, err);
    if (fd < 0) {
        free(hdr);
        return -1;
    }
    int rc = put_at(fd, hdr, (size_t)first_page, 0, path, err);
    free(hdr);
    uint64_t off = first_page;
    for (uint64_t pfn = 0; rc == 0 && pfn < f->m.npfn; pfn++) {
        if (!page_in_use(f, pfn))
            continue;
        const uint8_t *pg = mach_page_view(&f->m, pfn);
        if (pg)                  /* absent pages are zero: the file is sparse */
            rc = put_at(fd, pg, PAGE, off, path, err);
        off += PAGE;
    }
    if (rc) {
        close(fd);
        return -1;
    }
    return finish(fd, path, err);
}

int write_elf(struct forge *f, const char *path, struct ep_error *err)
{
    int n = f->m.nruns;
    uint64_t phoff = 64, phsz = 56;
    uint64_t data = (phoff + phsz * (uint64_t)n + PAGE - 1) & ~(PAGE - 1);
    uint8_t h[4096] = {0};
    memcpy(h, "\x7f" "ELF", 4);
    h[4] = 2;            /* ELFCLASS64 */
    h[5] = 1;            /* little-endian */
    h[6] = 1;            /* EV_CURRENT */
    put16(h + 16, 4);    /* ET_CORE */
    put16(h + 18, 62);   /* EM_X86_64 */
    put32(h + 20, 1);
    put64(h + 32, phoff);
    put16(h + 52, 64);
    put16(h + 54, (uint16_t)phsz);
    put16(h + 56, (uint16_t)n);
    uint64_t off = data;
    for (int i = 0; i < n; i++) {
        uint8_t *ph = h + phoff + phsz * (uint64_t)i;
        put32(ph, 1);                        /* PT_LOAD */
        put32(ph + 4, 7);                    /* RWX, as QEMU writes */
        put64(ph + 8, off);
        put64(ph + 16, 0);                   /* p_vaddr */
        put64(ph + 24, f->m.runs[i].pa);     /* p_paddr */
        put64(ph + 32, f->m.runs[i].len);
        put64(ph + 40, f->m.runs[i].len);
        put64(ph + 48, 0);
        off += f->m.runs[i].len;
    }
    int fd = open_out(path, off, f->out_flags, err);
    if (fd < 0)
        return -1;
    if (put_at(fd, h, (size_t)data, 0, path, err)) {
        close(fd);
        return -1;
    }
    off = data;
    for (int i = 0; i < n; i++) {
        if (put_run(f, fd, &f->m.runs[i], off, path, err)) {
            close(fd);
            return -1;
        }
        off += f->m.runs[i].len;
    }
    return finish(fd, path, err);
}

int write_lime(struct forge *f, const char *path, struct ep_error *err)
{
    uint64_t total = 0;
    for (int i = 0; i < f->m.nruns; i++)
        total += 32 + f->m.runs[i].len;
    int fd = open_out(path, total, f->out_flags, err);
    if (fd < 0)
        return -1;
    uint64_t off = 0;
    for (int i = 0; i < f->m.nruns; i++) {
        uint8_t h[32] = {0};
        put32(h, 0x4C694D45);                /* "EMiL" */
        put32(h + 4, 1);
        put64(h + 8, f->m.runs[i].pa);
        put64(h + 16, f->m.runs[i].pa + f->m.runs[i].len - 1);
        if (put_at(fd, h, 32, off, path, err) || put_run(f, fd, &f->m.runs[i], off + 32, path, err)) {
            close(fd);
            return -1;
        }
        off += 32 + f->m.runs[i].len;
    }
    return finish(fd, path, err);
}
