/* The kernel: ntoskrnl's PE image at a random 2 MiB-aligned base (KASLR),
 * mapped with large pages, its debug directory carrying the CodeView RSDS
 * record for ntkrnlmp.pdb (the profile's GUID and age), the global
 * variables the analysis reads at the RVAs the emitted ISF gives, and
 * KUSER_SHARED_DATA at its fixed kernel and user addresses.
 *
 * Facts: PE/COFF layout (Microsoft PE format specification); CodeView
 * "RSDS" record = signature, GUID, age, NUL-terminated PDB path;
 * KUSER_SHARED_DATA at 0xFFFFF78000000000 (kernel) and 0x7FFE0000 (user);
 * NtBuildNumber = 0xF0000000 | build for free builds; MmProtectToValue
 * maps the 5-bit MM protection to PAGE_* values; KDBG OwnerTag 'KDBG'. */
#include "forge/forge_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "symbols/builtin_26100.h"
#include "symbols/isf.h"

#define KUSER_KVA 0xFFFFF78000000000ULL

uint64_t ksym(const struct forge *f, const char *name)
{
    const struct isf_symbol *s = isf_symbol(f->isf, name);
    if (!s || !s->has_address)
        return 0;
    return f->kernel_base + s->address;
}

static void ksym_w(struct forge *f, const char *name, const void *data, size_t len)
{
    uint64_t va = ksym(f, name);
    if (va)
        kw(f, va, data, len);
}

static void ksym_w64(struct forge *f, const char *name, uint64_t v) { ksym_w(f, name, &v, 8); }
static void ksym_w32(struct forge *f, const char *name, uint32_t v) { ksym_w(f, name, &v, 4); }

/* GUID text (32 hex digits, Data1..Data4 as printed) to its stored bytes. */
static void guid_bytes(const char *hex, uint8_t out[16])
{
    uint8_t raw[16] = {0};
    for (int i = 0; i < 16 && hex[2 * i] && hex[2 * i + 1]; i++) {
        char b[3] = { hex[2 * i], hex[2 * i + 1], 0 };
        raw[i] = (uint8_t)strtoul(b, NULL, 16);
    }
    /* Data1 (4), Data2 (2), Data3 (2) are little-endian; Data4 as is */
    out[0] = raw[3]; out[1] = raw[2]; out[2] = raw[1]; out[3] = raw[0];
    out[4] = raw[5]; out[5] = raw[4];
    out[6] = raw[7]; out[7] = raw[6];
    memcpy(out + 8, raw + 8, 8);
}

/* Is [rva, rva+len) clear of every profile symbol? */
static int rva_free(uint32_t rva, uint32_t len)
{
    size_t n;
    const struct builtin_symbol *s = builtin_26100_symbol_table(&n);
    for (size_t i = 0; i < n; i++)
        if (s[i].rva < rva + len && rva < s[i].rva + (s[i].size ? s[i].size : 8))
            return 0;
    return 1;
}

static uint32_t find_free_rva(const struct forge *f, const char *section, uint32_t len, uint32_t from_end)
{
    size_t n = f->nksec;
    const struct builtin_section *sec = f->ksections;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(sec[i].name, section) != 0)
            continue;
        uint32_t lo = sec[i].rva, hi = sec[i].rva + sec[i].vsize;
        if (from_end) {
            for (uint32_t r = (hi - len) & ~0xFFFu; r >= lo && r + len <= hi; r -= 0x1000)
                if (rva_free(r, len))
                    return r;
        } else {
            for (uint32_t r = lo + 0x100; r + len <= hi; r += 0x100)
                if (rva_free(r, len))
                    return r;
        }
    }
    return 0;
}

static void write_pe_headers(struct forge *f, uint32_t debug_rva, uint32_t cv_rva, uint32_t cv_len,
                             uint32_t timestamp)
{
    size_t nsec = f->nksec;
    const struct builtin_section *sec = f->ksections;
    uint8_t h[0x1000] = {0};
    /* DOS header + stub */
    h[0] = 'M'; h[1] = 'Z';
    put16(h + 2, 0x90); put16(h + 4, 3); put16(h + 8, 4); put16(h + 0x0C, 0xFFFF);
    put16(h + 0x10, 0xB8); put16(h + 0x18, 0x40);
    uint32_t lfanew = 0x108;
    put32(h + 0x3C, lfanew);
    static const uint8_t stub[] = { 0x0E, 0x1F, 0xBA, 0x0E, 0x00, 0xB4, 0x09, 0xCD, 0x21, 0xB8, 0x01, 0x4C, 0xCD, 0x21 };
    memcpy(h + 0x40, stub, sizeof stub);
    memcpy(h + 0x4E, "This program cannot be run in DOS mode.\r\r\n$", 44);
    uint8_t *nt = h + lfanew;
    memcpy(nt, "PE\0\0", 4);
    uint8_t *fh = nt + 4;
    put16(fh + 0, 0x8664);                 /* Machine */
    put16(fh + 2, (uint16_t)nsec);
    put32(fh + 4, timestamp);
    put16(fh + 16, 0xF0);                  /* SizeOfOptionalHeader */
    put16(fh + 18, 0x0022);                /* EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE */
    uint8_t *oh = fh + 20;
    uint32_t code_size = 0, idata_size = 0, code_base = 0x1000;
    for (size_t i = 0; i < nsec; i++) {
        if (sec[i].characteristics & BUILTIN_SCN_CODE) code_size += sec[i].vsize;
        else idata_size += sec[i].vsize;
    }
    put16(oh + 0, 0x20B);                  /* PE32+ */
    oh[2] = 14; oh[3] = 38;                /* linker 14.38 */
    put32(oh + 4, code_size);
    put32(oh + 8, idata_size);
    put32(oh + 16, 0x1000);   /* AddressOfEntryPoint */
    put32(oh + 20, code_base);
    put64(oh + 24, f->kernel_base);        /* ImageBase: the loader writes the actual base */
    put32(oh + 32, 0x1000);                /* SectionAlignment */
    put32(oh + 36, 0x200);                 /* FileAlignment */
    put16(oh + 40, 10); put16(oh + 42, 0); /* OS version */
    put16(oh + 44, 10); put16(oh + 46, 0); /* image version */
    put16(oh + 48, 10); put16(oh + 50, 0); /* subsystem version */
    put32(oh + 56, f->kernel_size);        /* SizeOfImage */
    put32(oh + 60, 0x800);                 /* SizeOfHeaders */
    put32(oh + 64, 0x00A3C1D5u ^ timestamp);   /* CheckSum */
    put16(oh + 68, 1);                     /* IMAGE_SUBSYSTEM_NATIVE */
    put16(oh + 70, 0x4160);                /* HIGH_ENTROPY_VA | DYNAMIC_BASE | NX_COMPAT | GUARD_CF */
    put64(oh + 72, 0x80000); put64(oh + 80, 0x2000);
    put64(oh + 88, 0x100000); put64(oh + 96, 0x1000);
    put32(oh + 108, 16);                   /* NumberOfRvaAndSizes */
    uint8_t *dd = oh + 112;
    put32(dd + 6 * 8, debug_rva);          /* IMAGE_DIRECTORY_ENTRY_DEBUG */
    put32(dd + 6 * 8 + 4, 28);
    uint8_t *sh = oh + 0xF0;
    for (size_t i = 0; i < nsec && (size_t)(sh - h) + 40 <= sizeof h; i++, sh += 40) {
        strncpy((char *)sh, sec[i].name, 8);
        put32(sh + 8, sec[i].vsize);
        put32(sh + 12, sec[i].rva);
        put32(sh + 16, (sec[i].vsize + 0x1FF) & ~0x1FFu);
        put32(sh + 20, sec[i].rva);        /* PointerToRawData: file layout mirrors memory */
        put32(sh + 36, sec[i].characteristics);
    }
    kw(f, f->kernel_base, h, sizeof h);

    /* IMAGE_DEBUG_DIRECTORY (type 2 = CODEVIEW) and the RSDS record */
    uint8_t d[28] = {0};
    put32(d + 4, timestamp);
    put32(d + 12, 2);
    put32(d + 16, cv_len);
    put32(d + 20, cv_rva);
    put32(d + 24, cv_rva);
    kw(f, f->kernel_base + debug_rva, d, sizeof d);
    uint8_t cv[64] = {0};
    memcpy(cv, "RSDS", 4);
    guid_bytes(f->guid, cv + 4);
    put32(cv + 20, f->age);
    memcpy(cv + 24, "ntkrnlmp.pdb", 13);
    kw(f, f->kernel_base + cv_rva, cv, cv_len);
}

static void write_kuser(struct forge *f)
{
    const struct layout *L = &f->L;
    uint32_t sz = L->sz_KUSER_SHARED_DATA ? L->sz_KUSER_SHARED_DATA : 0x1000;
    uint8_t *k = fx_tmp(f, 1, PAGE);
    uint64_t uptime = f->now - f->boot_time;               /* 100 ns */
    fset(k, &L->ku_TickCountMultiplier, 0x0FA00000);
    if (fhas(&L->ku_InterruptTime)) {                        /* KSYSTEM_TIME: Low, High1, High2 */
        put32(k + L->ku_InterruptTime.off, (uint32_t)uptime);
        put32(k + L->ku_InterruptTime.off + 4, (uint32_t)(uptime >> 32));
        put32(k + L->ku_InterruptTime.off + 8, (uint32_t)(uptime >> 32));
    }
    put32(k + L->ku_SystemTime.off, (uint32_t)f->now);
    put32(k + L->ku_SystemTime.off + 4, (uint32_t)(f->now >> 32));
    put32(k + L->ku_SystemTime.off + 8, (uint32_t)(f->now >> 32));
    fset(k, &L->ku_ImageNumberLow, 0x8664);
    fset(k, &L->ku_ImageNumberHigh, 0x8664);
    if (fhas(&L->ku_NtSystemRoot)) {
        uint16_t w[16];
        size_t n = utf16_from_ascii(w, 16, "C:\\Windows");
        memcpy(k + L->ku_NtSystemRoot.off, w, n * 2);
    }
    fset(k, &L->ku_NtBuildNumber, f->build);
    fset(k, &L->ku_NtProductType, 1);                      /* NtProductWinNt: workstation */
    fset(k, &L->ku_ProductTypeIsValid, 1);
    fset(k, &L->ku_NativeProcessorArchitecture, 9);        /* PROCESSOR_ARCHITECTURE_AMD64 */
    fset(k, &L->ku_NtMajorVersion, BUILTIN_26100_MAJOR);
    fset(k, &L->ku_NtMinorVersion, BUILTIN_26100_MINOR);
    fset(k, &L->ku_ActiveConsoleId, 1);
    fset(k, &L->ku_NumberOfPhysicalPages, f->m.ram_bytes / PAGE);
    fset(k, &L->ku_ActiveProcessorCount, f->sc->cpus);
    fset(k, &L->ku_ActiveGroupCount, 1);
    fset(k, &L->ku_TickCountQuad, uptime / 10000 / 15);    /* 15.6 ms ticks, roughly */
    fset(k, &L->ku_Cookie, (uint32_t)rng_next(&f->rng));
    (void)sz;
    f->kuser_pa = pg_new_root(f);         /* any free frame, or forge_fail() */
    mach_write(&f->m, f->kuser_pa, k, PAGE);
    fx_tmp_free(f, k);
    pg_map(f, f->sys_root, KUSER_KVA, f->kuser_pa, PTE_RW | PTE_A | PTE_D | PTE_G | PTE_NX);
}

/* A plausible ObpCaptureHandleInformationEx prologue: tools disassemble it
 * to learn the handle-entry pointer shift (sar reg, 0x10). */
static const uint8_t capture_handle_code[] = {
    0x48, 0x89, 0x5C, 0x24, 0x08,             /* mov [rsp+8], rbx */
    0x48, 0x89, 0x74, 0x24, 0x10,             /* mov [rsp+16], rsi */
    0x57,                                     /* push rdi */
    0x48, 0x83, 0xEC, 0x20,                   /* sub rsp, 0x20 */
    0x48, 0x8B, 0x02,                         /* mov rax, [rdx] */
    0x48, 0x8B, 0xF9,                         /* mov rdi, rcx */
    0x48, 0xC1, 0xF8, 0x10,                   /* sar rax, 0x10 */
    0x48, 0x83, 0xE0, 0xF0,                   /* and rax, -16 */
    0x48, 0x8B, 0xD8,                         /* mov rbx, rax */
    0x48, 0x8B, 0x5C, 0x24, 0x30,             /* mov rbx, [rsp+0x30] */
    0x48, 0x83, 0xC4, 0x20,                   /* add rsp, 0x20 */
    0x5F,                                     /* pop rdi */
    0xC3,                                     /* ret */
};

/* PAGE_* value for each 5-bit MM protection (MmProtectToValue). */
static const int32_t protect_to_value[32] = {
    0x01, 0x02, 0x10, 0x20, 0x04, 0x08, 0x40, 0x80,
    0x01, 0x202, 0x210, 0x220, 0x204, 0x208, 0x240, 0x280,
    0x01, 0x102, 0x110, 0x120, 0x104, 0x108, 0x140, 0x180,
    0x01, 0x402, 0x410, 0x420, 0x404, 0x408, 0x440, 0x480,
};

static void write_globals(struct forge *f)
{
    const struct layout *L = &f->L;
    ksym_w32(f, "KeNumberProcessors", f->sc->cpus);
    uint32_t nbn = 0xF0000000u | f->build;
    ksym_w32(f, "NtBuildNumber", nbn);
    ksym_w32(f, "NtMajorVersion", BUILTIN_26100_MAJOR);
    ksym_w32(f, "NtMinorVersion", BUILTIN_26100_MINOR);
    uint8_t cookie = f->header_cookie;
    ksym_w(f, "ObHeaderCookie", &cookie, 1);
    ksym_w64(f, "MmSystemRangeStart", 0xFFFF800000000000ULL);
    ksym_w64(f, "MmHighestUserAddress", 0x00007FFFFFFEFFFFULL);
    ksym_w64(f, "MmUserProbeAddress", 0x00007FFFFFFF0000ULL);
    ksym_w64(f, "MmPteBase", f->pte_base);
    ksym_w64(f, "KiWaitNever", rng_next(&f->rng));
    ksym_w64(f, "KiWaitAlways", rng_next(&f->rng));
    ksym_w(f, "MmProtectToValue", protect_to_value, sizeof protect_to_value);
    ksym_w(f, "ObpCaptureHandleInformationEx", capture_handle_code, sizeof capture_handle_code);
    ksym_w64(f, "KeBootTime", f->boot_time);
    ksym_w64(f, "MmNumberOfPhysicalPages", f->m.ram_bytes / PAGE);

    /* NtBuildLab string and the CSD version, reached from the KDBG */
    uint64_t misc = kva_alloc_pages(f, &f->sysmisc, 1);
    kw(f, misc, f->buildlab, strlen(f->buildlab) + 1);
    uint64_t buildlab = ksym(f, "NtBuildLab") ? ksym(f, "NtBuildLab") : misc;
    if (buildlab != misc)
        kw(f, buildlab, f->buildlab, strlen(f->buildlab) + 1);
    uint64_t csd = ksym(f, "CmNtCSDVersion") ? ksym(f, "CmNtCSDVersion") : misc + 0x100;
    kw64(f, csd, 0);

    /* CmpHiveListHead: the loaded hives, linked through _CMHIVE.HiveList.
     * The forge models no hive contents, so the list is empty (the head
     * points at itself); readers that walk it (Volatility's getsids and
     * hivelist) then find no hive rather than a half-built one. */
    uint64_t hives = ksym(f, "CmpHiveListHead");
    if (hives) {
        kw64(f, hives, hives);
        kw64(f, hives + 8, hives);
    }

    /* KdVersionBlock (_DBGKD_GET_VERSION64) */
    uint64_t vb = ksym(f, "KdVersionBlock");
    if (vb && L->sz_DBGKD_GET_VERSION64) {
        uint8_t b[64] = {0};
        fset(b, &L->kv_MajorVersion, 0xF);            /* 0xF: free build */
        fset(b, &L->kv_MinorVersion, f->build);
        fset(b, &L->kv_ProtocolVersion, 6);
        fset(b, &L->kv_KdSecondaryVersion, 2);
        fset(b, &L->kv_Flags, 0x47);                  /* MP | 64-bit pointers | ... */
        fset(b, &L->kv_MachineType, 0x8664);
        fset(b, &L->kv_MaxPacketType, 0x0C);
        fset(b, &L->kv_MaxStateChange, 3);
        fset(b, &L->kv_MaxManipulate, 0x33);
        fset(b, &L->kv_KernBase, f->kernel_base);
        fset(b, &L->kv_PsLoadedModuleList, ksym(f, "PsLoadedModuleList"));
        fset(b, &L->kv_DebuggerDataList, ksym(f, "KdpDebuggerDataListHead"));
        kw(f, vb, b, L->sz_DBGKD_GET_VERSION64 < sizeof b ? L->sz_DBGKD_GET_VERSION64 : sizeof b);
    }

    /* KdDebuggerDataBlock (_KDDEBUGGER_DATA64), written decoded as a
     * crash dump carries it.  Offsets are those of the documented
     * structure (wdbgexts.h). */
    uint64_t kd = ksym(f, "KdDebuggerDataBlock");
    if (kd) {
        uint8_t b[0x368] = {0};
        put64(b + 0x00, kd); put64(b + 0x08, kd);     /* List */
        memcpy(b + 0x10, "KDBG", 4);
        put32(b + 0x14, sizeof b);
        put64(b + 0x18, f->kernel_base);
        put64(b + 0x48, ksym(f, "PsLoadedModuleList"));
        put64(b + 0x50, ksym(f, "PsActiveProcessHead"));
        put64(b + 0x58, ksym(f, "PspCidTable"));
        put64(b + 0x98, ksym(f, "ObpRootDirectoryObject"));
        put64(b + 0xA0, ksym(f, "ObpTypeObjectType"));
        put64(b + 0xC0, ksym(f, "MmPfnDatabase"));
        put64(b + 0x1C8, ksym(f, "MmHighestUserAddress"));
        put64(b + 0x1D0, ksym(f, "MmSystemRangeStart"));
        put64(b + 0x208, buildlab);
        put64(b + 0x268, csd);
        put16(b + 0x338 - 0x20, 0);
        kw(f, kd, b, sizeof b);
        f->kdbg = kd;
    }
}

int kimg_build(struct forge *f, struct ep_error *err)
{
    (void)err;
    uint64_t npages2m = (f->kernel_size + LARGE_PAGE - 1) / LARGE_PAGE;
    f->kernel_base = 0xFFFFF80000000000ULL + rng_range(&f->rng, 0x10, 0x3F0) * LARGE_PAGE;
    f->kernel_pa = mach_alloc_contig(&f->m, npages2m * (LARGE_PAGE / PAGE), LARGE_PAGE);
    if (!f->kernel_pa)
        return ep_fail(err, "machine.memory: too small for the kernel image");
    for (uint64_t i = 0; i < npages2m; i++)
        pg_map_large(f, f->sys_root, f->kernel_base + i * LARGE_PAGE, f->kernel_pa + i * LARGE_PAGE,
                     PTE_RW | PTE_A | PTE_D | PTE_G);

    uint32_t timestamp = 0x66F1C3A5u;     /* 2024-09-23: a 24H2 servicing build */
    /* the debug directory and its RSDS record: in .rdata between the
     * built-in profile's symbols; for a build's own table, whose free
     * spaces are not known, in the header page after the section table */
    uint32_t debug_rva = f->external ? 0x700 : find_free_rva(f, ".rdata", 0x80, 0);
    uint32_t cv_rva = debug_rva + 0x40;
    write_pe_headers(f, debug_rva, cv_rva, 24 + 13, timestamp);
    write_kuser(f);
    write_globals(f);
    return 0;
}
