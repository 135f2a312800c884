/* A process's user-mode half, built as the kernel and the loader do
 * (seed 001, "Process creation in the kernel"): KUSER_SHARED_DATA mapped
 * read-only at 0x7FFE0000, the executable and ntdll mapped as images, the
 * PEB, the process parameters (image path, command line, current
 * directory, environment), the process heap, and the loader's three
 * module lists (load, memory and initialisation order) as LdrInitializeThunk
 * leaves them once the static imports are loaded.
 *
 * System DLLs sit at the same base in every process of a boot and share
 * their header and code pages; data pages (ntdll's PebLdr) are private. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"

#define KUSER_UVA 0x7FFE0000ULL
#define PTE_USER_RW (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | PTE_NX)
#define PTE_USER_RX (PTE_P | PTE_US | PTE_A)
#define PTE_USER_RO (PTE_P | PTE_US | PTE_A | PTE_NX)

/* ntdll RVAs the forge uses (modelled, consistent across the image) */
#define NTDLL_PEBLDR_RVA 0x1D63C0u
#define NTDLL_RTLUSERTHREADSTART_RVA 0x8B6D0u
#define NTDLL_TPPWORKERTHREAD_RVA 0x3B1A0u
#define NTDLL_LDRINITIALIZETHUNK_RVA 0x156280u
#define NTDLL_RTLUSERFIBERSTART_RVA 0x9F2A0u   /* where CreateFiber's context starts (x64) */
#define KERNEL32_BASETHREADINITTHUNK_RVA 0x1E8D0u

void uw(struct forge *f, struct fprocess *p, uint64_t va, const void *buf, size_t len)
{
    vw(f, p->root, va, buf, len);
}

void user_map(struct forge *f, struct fprocess *p, uint64_t va, uint64_t len, int writable, int exec)
{
    uint64_t flags = PTE_P | PTE_US | PTE_A;
    if (writable) flags |= PTE_RW | PTE_D;
    if (!exec) flags |= PTE_NX;
    pg_map_alloc(f, p->root, va, len, flags);
}

uint64_t user_reserve_packed(struct fprocess *p, uint64_t len)
{
    len = (len + 0xFFFF) & ~0xFFFFULL;
    uint64_t va = p->next_user_va;
    /* past any region the scenario placed itself */
    struct fvad *v;
    while ((v = vad_overlapping(p, va, len)) != NULL)
        va = (v->end + 0x10000) & ~0xFFFFULL;
    p->next_user_va = va + len;
    return va;
}

uint64_t user_reserve(struct forge *f, struct fprocess *p, uint64_t len)
{
    uint64_t va = user_reserve_packed(p, len);
    p->next_user_va += rng_range(&f->rng, 1, 16) << 16;
    return va;
}

uint64_t user_alloc(struct forge *f, struct fprocess *p, uint64_t len, uint32_t prot, const char *why)
{
    (void)why;
    len = (len + 0xFFFF) & ~0xFFFFULL;
    uint64_t va = user_reserve(f, p, len);
    vad_add(f, p, va, len, prot, SC_VAD_PRIVATE, NULL, 1);
    return va;
}

uint64_t heap_alloc(struct forge *f, struct fprocess *p, uint32_t size)
{
    uint64_t total = ((uint64_t)size + 16 + 15) & ~15ULL;
    if (p->heap_next + total > p->heap_end) {
        /* a new segment */
        uint64_t seg = user_alloc(f, p, 0x100000, 4, "heap segment");
        p->heap_next = seg + 0x40;
        p->heap_end = seg + 0x100000;
    }
    uint64_t va = p->heap_next + 16;
    /* _HEAP_ENTRY: size in 16-byte units, flags busy; encoded in real
     * heaps, plain here */
    uint8_t e[16] = {0};
    put16(e + 8, (uint16_t)(total / 16));
    e[10] = 0x01;
    uw(f, p, p->heap_next, e, 16);
    p->heap_next += total;
    return va;
}

uint64_t heap_wstr(struct forge *f, struct fprocess *p, const char *s, uint16_t *len_bytes)
{
    uint16_t w[2100];
    size_t n = utf16_from_ascii(w, ARRAY_LEN(w), s);
    uint64_t va = heap_alloc(f, p, (uint32_t)(n * 2 + 2));
    uw(f, p, va, w, n * 2 + 2);
    if (len_bytes)
        *len_bytes = (uint16_t)(n * 2);
    return va;
}


static struct fdll *dll_get(struct forge *f, const char *path)
{
    const char *name = path_basename(path);
    for (size_t i = 0; i < f->ndlls; i++)
        if (!strcasecmp(f->dlls[i].name, name))
            return &f->dlls[i];
    f->dlls = fx_grow(f->dlls, f->ndlls + 1, sizeof *f->dlls);
    struct fdll *d = &f->dlls[f->ndlls++];
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%s", name);
    snprintf(d->path, sizeof d->path, "%s", path);
    pe_guess(name, &d->size, &d->entry_rva, &d->timestamp);
    d->size = (d->size + 0xFFFF) & ~0xFFFFu;
    f->next_dll_top -= d->size + (rng_range(&f->rng, 0, 8) << 16);
    f->next_dll_top &= ~0xFFFFULL;
    d->base = f->next_dll_top;
    return d;
}

uint64_t dll_base(struct forge *f, const char *name)
{
    for (size_t i = 0; i < f->ndlls; i++)
        if (!strcasecmp(f->dlls[i].name, name))
            return f->dlls[i].base;
    return 0;
}

/* Map an image into p: shared pages for a system DLL, private for the exe. */
static void map_image(struct forge *f, struct fprocess *p, struct pe_image *img, struct fdll *d)
{
    f->user_pte_flags = PTE_USER_RX;
    if (d && d->npages) {
        for (size_t i = 0; i < d->npages; i++)
            pg_map(f, p->root, d->base + d->page_off[i], d->page_pa[i], PTE_USER_RX);
    } else {
        pe_write_image(f, p->root, img);
        if (d) {
            /* remember which pages the image has, to share them */
            for (uint64_t off = 0; off < d->size; off += PAGE) {
                uint64_t pa;
                if (!pg_translate(f, p->root, d->base + off, &pa))
                    continue;
                d->page_off = fx_grow(d->page_off, d->npages + 1, sizeof *d->page_off);
                d->page_pa = fx_grow(d->page_pa, d->npages + 1, sizeof *d->page_pa);
                d->page_off[d->npages] = off;
                d->page_pa[d->npages] = pa & ~0xFFFULL;
                d->npages++;
            }
        }
    }
    f->user_pte_flags = 0;
    vad_add(f, p, img->base, img->size, 7 /* EXECUTE_WRITECOPY */, SC_VAD_IMAGE, img->path, 0);
}

static void add_module(struct forge *f, struct fprocess *p, const struct pe_image *img)
{
    (void)f;
    p->mods = fx_grow(p->mods, p->nmods + 1, sizeof *p->mods);
    memset(&p->mods[p->nmods], 0, sizeof p->mods[p->nmods]);
    p->mods[p->nmods].img = *img;
    p->nmods++;
}

/* "ntdll.dll+0x1234", "0x7ff6...", or "" */
uint64_t module_symbol(struct forge *f, struct fprocess *p, const char *spec, int *ok)
{
    *ok = 1;
    if (!spec[0]) {
        *ok = 0;
        return 0;
    }
    const char *plus = strchr(spec, '+');
    if (!plus) {
        char *end;
        uint64_t v = strtoull(spec, &end, 0);
        if (*end == 0)
            return v;
        plus = spec + strlen(spec);
    }
    char name[SC_NAME];
    size_t n = (size_t)(plus - spec);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, spec, n);
    name[n] = 0;
    uint64_t off = *plus ? strtoull(plus + 1, NULL, 0) : 0;
    for (size_t i = 0; i < p->nmods; i++)
        if (!strcasecmp(p->mods[i].img.name, name))
            return p->mods[i].img.base + off;
    if (!strcasecmp(name, "ntoskrnl.exe") || !strcasecmp(name, "nt"))
        return f->kernel_base + off;
    for (size_t i = 0; i < f->ndrivers; i++)
        if (!strcasecmp(f->drivers_list[i].name, name))
            return f->drivers_list[i].base + off;
    *ok = 0;
    return 0;
}

size_t default_env(const struct forge *f, const struct fprocess *p, char **env, char *store)
{
    const char *user = !strcmp(p->user_sid, "S-1-5-18") ? "SYSTEM" : "jdoe";
    int sys = !strcmp(user, "SYSTEM");
    char home[128], buf[1024];
    if (sys)
        snprintf(home, sizeof home, "C:\\Windows\\system32\\config\\systemprofile");
    else
        snprintf(home, sizeof home, "C:\\Users\\%s", user);
    const char *fixed[] = {
        "ALLUSERSPROFILE=C:\\ProgramData", NULL, "CommonProgramFiles=C:\\Program Files\\Common Files",
        "CommonProgramFiles(x86)=C:\\Program Files (x86)\\Common Files",
        "CommonProgramW6432=C:\\Program Files\\Common Files", NULL,
        "ComSpec=C:\\Windows\\system32\\cmd.exe", "DriverData=C:\\Windows\\System32\\Drivers\\DriverData",
        NULL, NULL, "OS=Windows_NT",
        "Path=C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\",
        "PATHEXT=.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
        "PROCESSOR_ARCHITECTURE=AMD64",
        "PROCESSOR_IDENTIFIER=Intel64 Family 6 Model 154 Stepping 3, GenuineIntel",
        "PROCESSOR_LEVEL=6", "PROCESSOR_REVISION=9a03", "ProgramData=C:\\ProgramData",
        "ProgramFiles=C:\\Program Files", "ProgramFiles(x86)=C:\\Program Files (x86)",
        "ProgramW6432=C:\\Program Files",
        "PSModulePath=%ProgramFiles%\\WindowsPowerShell\\Modules;C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules",
        "PUBLIC=C:\\Users\\Public", "SystemDrive=C:", "SystemRoot=C:\\Windows", NULL, NULL,
        NULL, NULL, NULL, "windir=C:\\Windows",
    };
    _Static_assert(ARRAY_LEN(fixed) <= DEFAULT_ENV_MAX, "default environment slots");
    _Static_assert(sizeof buf <= DEFAULT_ENV_LEN, "default environment string size");
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
        buf[0] = 0;
        if (fixed[i]) snprintf(buf, sizeof buf, "%s", fixed[i]);
        else if (i == 1) { if (!sys) snprintf(buf, sizeof buf, "APPDATA=%s\\AppData\\Roaming", home); }
        else if (i == 5) snprintf(buf, sizeof buf, "COMPUTERNAME=%s", f->sc->hostname);
        else if (i == 8) { if (!sys) snprintf(buf, sizeof buf, "LOCALAPPDATA=%s\\AppData\\Local", home); }
        else if (i == 9) snprintf(buf, sizeof buf, "NUMBER_OF_PROCESSORS=%u", f->sc->cpus);
        else if (i == 25) snprintf(buf, sizeof buf, "TEMP=%s\\AppData\\Local\\Temp", home);
        else if (i == 26) snprintf(buf, sizeof buf, "TMP=%s\\AppData\\Local\\Temp", home);
        else if (i == 27) snprintf(buf, sizeof buf, "USERDOMAIN=%s", sys ? "WORKGROUP" : f->sc->hostname);
        else if (i == 28) snprintf(buf, sizeof buf, "USERNAME=%s", sys ? "DESKTOP-7H2Q9LK$" : user);
        else if (i == 29) snprintf(buf, sizeof buf, "USERPROFILE=%s", home);
        if (i == 28 && sys)
            snprintf(buf, sizeof buf, "USERNAME=%.60s$", f->sc->hostname);
        if (!buf[0])
            continue;
        env[n] = store + n * DEFAULT_ENV_LEN;
        memcpy(env[n], buf, strlen(buf) + 1);
        n++;
    }
    return n;
}

static uint64_t write_ldr_entry(struct forge *f, struct fprocess *p, struct fmodule *m, int load_reason)
{
    const struct layout *L = &f->L;
    uint32_t sz = L->sz_LDR_DATA_TABLE_ENTRY;
    uint64_t e = heap_alloc(f, p, sz);
    uint8_t *b = fx_tmp(f, 1, sz);
    uint16_t flen, blen;
    char full[SC_PATH];
    snprintf(full, sizeof full, "%s", m->img.path);
    uint64_t fbuf = heap_wstr(f, p, full, &flen);
    uint64_t bbuf = heap_wstr(f, p, m->img.name, &blen);
    fset(b, &L->lde_DllBase, m->img.base);
    fset(b, &L->lde_EntryPoint, m->img.base + m->img.entry_rva);
    fset(b, &L->lde_SizeOfImage, m->img.size);
    if (fhas(&L->lde_FullDllName)) {
        put16(b + L->lde_FullDllName.off, flen);
        put16(b + L->lde_FullDllName.off + 2, (uint16_t)(flen + 2));
        put64(b + L->lde_FullDllName.off + 8, fbuf);
    }
    if (fhas(&L->lde_BaseDllName)) {
        put16(b + L->lde_BaseDllName.off, blen);
        put16(b + L->lde_BaseDllName.off + 2, (uint16_t)(blen + 2));
        put64(b + L->lde_BaseDllName.off + 8, bbuf);
    }
    fset(b, &L->lde_Flags, m->img.is_dll ? 0x000CC2CC : 0x000C22CC);
    fset(b, &L->lde_ObsoleteLoadCount, 0xFFFF);
    fset(b, &L->lde_TlsIndex, 0);
    fset(b, &L->lde_TimeDateStamp, m->img.timestamp);
    fset(b, &L->lde_LoadTime, p->create_time + 10000 * (uint64_t)(p->nmods + 1));
    fset(b, &L->lde_LoadReason, (uint64_t)load_reason);
    fset(b, &L->lde_ReferenceCount, 1);
    fset(b, &L->lde_OriginalBase, m->img.is_dll ? 0x180000000ULL : 0x140000000ULL);
    uw(f, p, e, b, sz);
    fx_tmp_free(f, b);
    m->ldr_entry = e;
    return e;
}

static void link_list(struct forge *f, struct fprocess *p, uint64_t head, const uint64_t *entries,
                      size_t n, int32_t link_off)
{
    uint64_t prev = head;
    for (size_t i = 0; i < n; i++) {
        uint64_t node = entries[i] + (uint64_t)link_off;
        vw64(f, p->root, prev, node);          /* prev->Flink */
        vw64(f, p->root, node + 8, prev);      /* node->Blink */
        prev = node;
    }
    vw64(f, p->root, prev, head);
    vw64(f, p->root, head + 8, prev);
}

int peb_build(struct forge *f, struct fprocess *p, struct ep_error *err)
{
    (void)err;
    const struct layout *L = &f->L;
    struct sc_process *sp = p->sc;

    /* user allocations start at a random low address, as ASLR places them */
    p->next_user_va = (rng_range(&f->rng, 0x10, 0x7F) << 32) + (rng_range(&f->rng, 0x100, 0xFFFF) << 16);
    /* a WoW64 process keeps what its 32-bit code reaches below 4 GiB:
     * everything the forge allocates for it (same random draws) */
    if (sp->wow64)
        p->next_user_va = WOW64_USER_START + ((p->next_user_va >> 16) & 0xFFF) * 0x10000;

    /* KUSER_SHARED_DATA, read-only */
    pg_map(f, p->root, KUSER_UVA, f->kuser_pa, PTE_USER_RO);
    vad_add(f, p, KUSER_UVA, PAGE, 1, SC_VAD_PRIVATE, NULL, 1);

    /* the executable */
    struct pe_image exe = {0};
    snprintf(exe.path, sizeof exe.path, "%s", sp->image);
    snprintf(exe.name, sizeof exe.name, "%s", path_basename(sp->image));
    pe_guess(exe.name, &exe.size, &exe.entry_rva, &exe.timestamp);
    exe.size = (exe.size + 0xFFFF) & ~0xFFFFu;
    exe.base = 0x7FF600000000ULL + (rng_range(&f->rng, 0, 0x1FFFF) << 16);
    if (sp->wow64)        /* a 32-bit image: its preferred-base range */
        exe.base = WOW64_EXE_BASE + ((exe.base >> 16) & 0x7F) * 0x10000;
    p->image_base = exe.base;
    map_image(f, p, &exe, NULL);
    add_module(f, p, &exe);

    /* ntdll, kernel32, KERNELBASE, then what the scenario names */
    const char *core[] = { "C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\KERNEL32.DLL",
                           "C:\\Windows\\System32\\KERNELBASE.dll" };
    size_t ncore = !strcasecmp(sp->name, "smss.exe") ? 1 : 3;   /* smss is native: ntdll only */
    size_t nmods64 = sp->nmods;
    const char *const *core64 = core;
    if (sp->wow64) {
        /* the 64-bit side of a WoW64 process: ntdll and the WoW64 layer;
         * kernel32 and the scenario's modules are 32-bit (wow64.c) */
        core64 = wow64_native_modules(&ncore);
        nmods64 = 0;
    }
    for (size_t i = 0; i < ncore + nmods64; i++) {
        const char *path = i < ncore ? core64[i] : sp->mods[i - ncore].path;
        if (i >= ncore && !strcasecmp(path_basename(path), exe.name))
            continue;
        int dup = 0;
        for (size_t k = 0; k < p->nmods; k++)
            if (!strcasecmp(p->mods[k].img.name, path_basename(path)))
                dup = 1;
        if (dup)
            continue;
        struct fdll *d = dll_get(f, path);
        struct pe_image img = {0};
        snprintf(img.path, sizeof img.path, "%s", path);
        snprintf(img.name, sizeof img.name, "%s", path_basename(path));
        img.base = d->base;
        img.size = d->size;
        img.entry_rva = d->entry_rva;
        img.timestamp = d->timestamp;
        img.is_dll = 1;
        if (i >= ncore && sp->mods[i - ncore].base) {
            /* a scenario-given base: a private mapping there */
            img.base = sp->mods[i - ncore].base;
            if (sp->mods[i - ncore].size)
                img.size = sp->mods[i - ncore].size;
            map_image(f, p, &img, NULL);
        } else {
            map_image(f, p, &img, d);
        }
        add_module(f, p, &img);
    }

    /* process heap */
    p->heap = user_alloc(f, p, 0x100000, 4, "process heap");
    {
        uint8_t h[0x80] = {0};
        put32(h + 0x10, 0xFFEEFFEE);           /* _HEAP.SegmentSignature */
        put64(h + 0x18, p->heap);              /* Heap */
        put32(h + 0x70, 0xEEFFEEFF);           /* _HEAP.Signature */
        uw(f, p, p->heap, h, sizeof h);
    }
    p->heap_next = p->heap + 0x800;
    p->heap_end = p->heap + 0x100000;

    /* process parameters: their own region, strings after the structure */
    uint64_t pp = user_alloc(f, p, 0x10000, 4, "process parameters");
    p->params = pp;
    uint32_t ppsz = L->sz_RTL_USER_PROCESS_PARAMETERS;
    uint8_t *b = fx_tmp(f, 1, ppsz);
    uint64_t sp_va = pp + ((ppsz + 15) & ~15u);
    uint16_t w[2100];
    struct { const struct fld *fl; const char *text; } strs[] = {
        { &L->pp_CurrentDirectory, sp->cwd[0] ? sp->cwd : "C:\\Windows\\system32\\" },
        { &L->pp_DllPath, "" },
        { &L->pp_ImagePathName, sp->image },
        { &L->pp_CommandLine, sp->cmdline },
        { &L->pp_WindowTitle, sp->image },
        { &L->pp_DesktopInfo, p->session ? "WinSta0\\Default" : "" },
    };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++) {
        if (!fhas(strs[i].fl))
            continue;
        size_t n = utf16_from_ascii(w, ARRAY_LEN(w), strs[i].text);
        put16(b + strs[i].fl->off, (uint16_t)(n * 2));
        put16(b + strs[i].fl->off + 2, (uint16_t)(n * 2 + 2));
        put64(b + strs[i].fl->off + 8, n || i != 1 ? sp_va : 0);
        if (n || i != 1) {
            uw(f, p, sp_va, w, n * 2 + 2);
            sp_va += (n * 2 + 2 + 7) & ~7ULL;
        }
    }
    /* environment: its own allocation, UTF-16 "K=V\0...\0\0" */
    char **env = sp->env;
    size_t nenv = sp->nenv;
    char **denv = NULL, *dstore = NULL;
    if (!sp->has_env) {
        denv = fx_tmp(f, DEFAULT_ENV_MAX, sizeof *denv);
        dstore = fx_tmp(f, DEFAULT_ENV_MAX, DEFAULT_ENV_LEN);
        nenv = default_env(f, p, denv, dstore);
        env = denv;
    }
    size_t total = 1;
    for (size_t i = 0; i < nenv; i++)
        total += strlen(env[i]) + 1;
    uint64_t ev = user_alloc(f, p, total * 2 + 0x1000, 4, "environment");
    p->env = ev;
    uint64_t at = ev;
    for (size_t i = 0; i < nenv; i++) {
        size_t n = utf16_from_ascii(w, ARRAY_LEN(w), env[i]);
        uw(f, p, at, w, n * 2 + 2);
        at += n * 2 + 2;
    }
    uint16_t z = 0;
    uw(f, p, at, &z, 2);
    at += 2;
    uint64_t envsize = at - ev;
    p->env_size = envsize;
    if (denv) {
        fx_tmp_free(f, dstore);
        fx_tmp_free(f, denv);
    }
    fset(b, &L->pp_MaximumLength, ppsz);
    fset(b, &L->pp_Length, ppsz);
    fset(b, &L->pp_Flags, 0x6001);             /* NORMALIZED | ... */
    fset(b, &L->pp_Environment, ev);
    fset(b, &L->pp_EnvironmentSize, envsize);
    fset(b, &L->pp_CurrentDirectoryHandle, p->cwd_handle);
    uw(f, p, pp, b, ppsz);
    fx_tmp_free(f, b);

    /* loader data: PEB_LDR_DATA in ntdll's .data, entries on the heap */
    uint64_t ntdll = dll_base(f, "ntdll.dll");
    uint64_t ldr = ntdll + NTDLL_PEBLDR_RVA;
    p->ldr = ldr;
    {
        f->user_pte_flags = PTE_USER_RW;
        uint8_t lb[0x58] = {0};
        fset(lb, &L->ldr_Length, 0x58);
        fset(lb, &L->ldr_Initialized, 1);
        uw(f, p, ldr, lb, sizeof lb);
        f->user_pte_flags = 0;
    }
    uint64_t *ents = fx_tmp(f, p->nmods + 1, sizeof *ents);
    for (size_t i = 0; i < p->nmods; i++)
        ents[i] = write_ldr_entry(f, p, &p->mods[i], i == 0 ? 0 : 4 /* static dependency */);
    link_list(f, p, ldr + (uint64_t)L->ldr_InLoadOrderModuleList.off, ents, p->nmods,
              L->lde_InLoadOrderLinks.off);
    link_list(f, p, ldr + (uint64_t)L->ldr_InMemoryOrderModuleList.off, ents, p->nmods,
              L->lde_InMemoryOrderLinks.off);
    /* initialisation order: ntdll, KERNELBASE, kernel32, the rest; no exe */
    uint64_t *init = fx_tmp(f, p->nmods + 1, sizeof *init);
    size_t ni = 0;
    const char *first[] = { "ntdll.dll", "KERNELBASE.dll", "KERNEL32.DLL" };
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 1; i < p->nmods; i++)
            if (!strcasecmp(p->mods[i].img.name, first[k]))
                init[ni++] = ents[i];
    for (size_t i = 1; i < p->nmods; i++) {
        int skip = 0;
        for (size_t k = 0; k < 3; k++)
            if (!strcasecmp(p->mods[i].img.name, first[k]))
                skip = 1;
        if (!skip)
            init[ni++] = ents[i];
    }
    link_list(f, p, ldr + (uint64_t)L->ldr_InInitializationOrderModuleList.off, init, ni,
              L->lde_InInitializationOrderLinks.off);
    fx_tmp_free(f, init);
    fx_tmp_free(f, ents);

    /* the PEB itself */
    uint64_t peb = user_alloc(f, p, PAGE, 4, "PEB");
    p->peb = peb;
    /* the TEBs follow the PEB, each its own VAD, in a window reserved now
     * so that no later allocation (a thread's stack) lands on them */
    p->teb_next = p->teb_end = 0;
    teb_window(f, p, p->sc->nthreads);
    uint32_t pebsz = L->sz_PEB;
    b = fx_tmp(f, 1, pebsz);
    fset(b, &L->peb_ImageBaseAddress, p->image_base);
    fset(b, &L->peb_Ldr, ldr);
    fset(b, &L->peb_ProcessParameters, pp);
    fset(b, &L->peb_ProcessHeap, p->heap);
    fset(b, &L->peb_NumberOfProcessors, f->sc->cpus);
    fset(b, &L->peb_OSMajorVersion, 10);
    fset(b, &L->peb_OSMinorVersion, 0);
    fset(b, &L->peb_OSBuildNumber, f->build);
    fset(b, &L->peb_OSPlatformId, 2);
    fset(b, &L->peb_ImageSubsystem, p->sc->gui ? 2 : 3);
    fset(b, &L->peb_ImageSubsystemMajorVersion, 10);
    fset(b, &L->peb_SessionId, p->session);
    fset(b, &L->peb_NumberOfHeaps, 1);
    fset(b, &L->peb_MaximumNumberOfHeaps, 16);
    uint64_t heaps = heap_alloc(f, p, 16 * 8);
    uw(f, p, heaps, &p->heap, 8);
    fset(b, &L->peb_ProcessHeaps, heaps);
    if (p->sc->gui)
        fset(b, &L->peb_KernelCallbackTable, dll_base(f, "USER32.dll") ?
             dll_base(f, "USER32.dll") + 0x95000 : 0);
    uw(f, p, peb, b, pebsz);
    fx_tmp_free(f, b);
    if (sp->wow64)
        wow64_build(f, p);
    return 0;
}

void map_private_image(struct forge *f, struct fprocess *p, struct pe_image *img)
{
    map_image(f, p, img, NULL);
}

uint64_t ntdll_rva(struct forge *f, const char *what)
{
    uint64_t nt = dll_base(f, "ntdll.dll");
    if (!strcmp(what, "RtlUserThreadStart")) return nt + NTDLL_RTLUSERTHREADSTART_RVA;
    if (!strcmp(what, "TppWorkerThread")) return nt + NTDLL_TPPWORKERTHREAD_RVA;
    if (!strcmp(what, "LdrInitializeThunk")) return nt + NTDLL_LDRINITIALIZETHUNK_RVA;
    if (!strcmp(what, "RtlUserFiberStart")) return nt + NTDLL_RTLUSERFIBERSTART_RVA;
    if (!strcmp(what, "BaseThreadInitThunk")) return dll_base(f, "KERNEL32.DLL") + KERNEL32_BASETHREADINITTHUNK_RVA;
    return 0;
}
