/* ELF64 core files: QEMU's dump-guest-memory and VirtualBox's
 * `debugvm dumpvmcore`.  Each PT_LOAD segment is a range of guest physical
 * memory at p_paddr, p_filesz bytes of it stored at p_offset.
 * Layouts: System V gABI (Elf64_Ehdr, Elf64_Phdr, Elf64_Shdr); PN_XNUM
 * (0xffff) means the real segment count is in section header 0's sh_info. */
#include "base/bytes.h"
#include "layer/formats.h"

#define ET_CORE 4
#define PT_LOAD 1
#define PN_XNUM 0xffff
#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define SHDR_SIZE 64
#define MAX_SEGMENTS 1000000u

int elfcore_parse(struct capture *cap, struct ep_error *err)
{
    const char *path = cap->file.path;
    const uint8_t *d = cap->file.data;
    uint64_t size = cap->file.size;
    cap->kind = CAPTURE_ELF;
    cap->format = "ELF core";
    if (size < EHDR_SIZE)
        return ep_fail(err, "%s: truncated ELF header (%llu bytes)", path, (unsigned long long)size);
    if (d[4] != 2)
        return ep_fail(err, "%s: 32-bit ELF file: only ELF64 cores are read", path);
    if (d[5] != 1)
        return ep_fail(err, "%s: big-endian ELF file: not an x64 memory capture", path);
    uint16_t type = le16(d + 16), machine = le16(d + 18);
    if (type != ET_CORE)
        return ep_fail(err, "%s: ELF file is not a core dump (e_type %u)", path, type);
    if (machine != 62 /* EM_X86_64 */)
        ep_warn("%s: ELF core machine %u is not x86-64", path, machine);
    uint64_t phoff = le64(d + 32), shoff = le64(d + 40);
    uint16_t phentsize = le16(d + 54);
    uint64_t phnum = le16(d + 56);
    if (phnum == PN_XNUM) {
        if (!span_ok(shoff, SHDR_SIZE, size))
            return ep_fail(err, "%s: ELF core uses PN_XNUM but section header 0 is past end of file", path);
        phnum = le32(d + shoff + 44);
    }
    if (phentsize < PHDR_SIZE)
        return ep_fail(err, "%s: ELF program header entry size %u is too small", path, phentsize);
    if (phnum == 0)
        return ep_fail(err, "%s: ELF core has no program headers", path);
    if (phnum > MAX_SEGMENTS)
        return ep_fail(err, "%s: ELF core claims %llu program headers", path, (unsigned long long)phnum);
    if (phoff > size || phnum > (size - phoff) / phentsize)
        return ep_fail(err, "%s: ELF program header table runs past end of file (truncated?)", path);

    unsigned loads = 0;
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + i * phentsize;
        if (le32(ph) != PT_LOAD)
            continue;
        uint64_t off = le64(ph + 8), paddr = le64(ph + 24), filesz = le64(ph + 32);
        loads++;
        if (filesz == 0)
            continue;       /* MMIO or reserved ranges are listed without data */
        if (capture_add_run(cap, paddr, filesz, off) != 0)
            return ep_fail(err, "%s: out of memory reading ELF segments", path);
    }
    if (loads == 0)
        return ep_fail(err, "%s: ELF core has no PT_LOAD segments: no memory in it", path);
    return 0;
}
