/* Minidump parsing: every stream and the anatomy walk, on synthetic x64
 * and x86 dumps built by md_fixture.c, and facts from the real dumps in
 * ../shared/data/minidumps. */
#include <stdlib.h>
#include <string.h>

#include "md_fixture.h"
#include "anatomy/fill.h"
#include "minidump/minidump.h"
#include "test.h"

static struct md_dump *open_fixture(const uint8_t *data, size_t len)
{
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    if (md_open_buffer(data, len, "fixture.dmp", &md, &err) != 0) {
        fprintf(stderr, "  md_open_buffer: %s\n", err.msg);
        return NULL;
    }
    return md;
}

static const struct md_stream *stream_of(const struct md_dump *md, uint32_t type)
{
    for (size_t i = 0; i < md->nstreams; i++)
        if (md->streams[i].type == type)
            return &md->streams[i];
    return NULL;
}

static const struct md_thread *thread_of(const struct md_dump *md, uint32_t tid)
{
    for (size_t i = 0; i < md->nthreads; i++)
        if (md->threads[i].tid == tid)
            return &md->threads[i];
    return NULL;
}

TEST(minidump_x64_streams)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    struct md_dump *md = open_fixture(d, len);
    CHECK(md != NULL);
    if (!md) {
        mdf_free(&f);
        return;
    }
    CHECK_EQ_U64(md->arch, MD_ARCH_X64);
    CHECK_EQ_U64(md->ptr_size, 8);
    CHECK_EQ_U64(md->timestamp, 1700000000u);
    /* every stream type was decoded; the vendor one is listed, not fatal */
    static const uint32_t parsed[] = { 3, 4, 9, 6, 7, 10, 11, 12, 14, 15, 16, 17, 19, 21, 22, 24 };
    for (size_t i = 0; i < sizeof parsed / sizeof parsed[0]; i++) {
        const struct md_stream *s = stream_of(md, parsed[i]);
        CHECK(s != NULL);
        if (s && s->status != MD_ST_PARSED)
            fprintf(stderr, "  stream %u status %d (%s)\n", parsed[i], s->status, s->note);
        CHECK(s && s->status == MD_ST_PARSED);
    }
    const struct md_stream *vendor = stream_of(md, 0x47670001);
    CHECK(vendor && vendor->status == MD_ST_UNKNOWN);
    CHECK_STR(md_stream_type_name(0x47670001), "Breakpad: BreakpadInfo");
    CHECK(stream_of(md, 0) && stream_of(md, 0)->status == MD_ST_EMPTY);

    /* SystemInfo */
    CHECK(md->sys.present);
    CHECK_EQ_U64(md->sys.major, 10);
    CHECK_EQ_U64(md->sys.build, 19041);
    CHECK_EQ_U64(md->sys.number_of_processors, 4);
    CHECK_STR(md->sys.csd_version, "Service Pack 9");
    CHECK_STR(md->sys.vendor, "GenuineIntel");
    /* MiscInfo v5 */
    CHECK(md->misc.present);
    CHECK_EQ_U64(md->misc.pid, MDS_PID);
    CHECK_EQ_U64(md->misc.create_time, 1600000000u);
    CHECK_EQ_U64(md->misc.user_time, 3);
    CHECK_EQ_U64(md->misc.integrity_level, 0x2000);
    CHECK_STR(md->misc.build_string, "19041.1.amd64fre");
    /* threads, ThreadInfoList, ThreadNames, contexts */
    CHECK_EQ_U64(md->nthreads, 2);
    const struct md_thread *t1 = thread_of(md, 0x10), *t2 = thread_of(md, 0x20);
    CHECK(t1 && t2);
    if (t1 && t2) {
        CHECK_EQ_U64(t1->teb, MDS_TEB1);
        CHECK(t1->has_context);
        CHECK_EQ_U64(t1->pc, 0x140001234);
        CHECK_EQ_U64(t1->sp, 0x3fe010);
        CHECK_EQ_U64(t1->stack_start, 0x3fe000);
        CHECK_EQ_U64(t1->stack_size, 0x100);
        CHECK(t1->has_info);
        CHECK_EQ_U64(t1->create_time, 0x01d6f1a2b3c4d5e6ull);
        CHECK_EQ_U64(t1->start_address, MDS_EXE + 0x1000);
        CHECK(t1->name == NULL);
        CHECK_STR(t2->name, "worker");
        CHECK_EQ_U64(t2->pc, MDS_NTDLL + 0x100);
        CHECK_EQ_U64(t2->priority, (uint32_t)-2);
        CHECK_EQ_U64(t2->suspend_count, 1);
    }
    /* modules: name, version, CodeView */
    CHECK_EQ_U64(md->nmodules, 3);
    if (md->nmodules == 3) {
        CHECK_EQ_U64(md->modules[0].base, MDS_EXE);
        CHECK_STR(md->modules[0].path, "C:\\app\\a.exe");
        CHECK_STR(md->modules[0].name, "a.exe");
        CHECK(md->modules[0].has_version);
        CHECK_EQ_U64(md->modules[0].version[0], 1);
        CHECK_EQ_U64(md->modules[0].version[3], 4);
        CHECK(md->modules[0].has_cv);
        CHECK_STR(md->modules[0].pdb_name, "a.pdb");
        /* GUID bytes 10..1f stored little-endian: Data1 0x13121110 ... */
        CHECK_STR(md->modules[0].pdb_id, "131211101514171618191A1B1C1D1E1F2");
        CHECK_STR(md->modules[1].name, "ntdll.dll");
        CHECK(!md->modules[1].has_cv);
    }
    CHECK(md_find_module(md, MDS_NTDLL + 0x50) == &md->modules[1]);
    CHECK(md_find_module(md, MDS_NTDLL + 0x100000) == NULL);
    CHECK_EQ_U64(md->nunloaded, 1);
    if (md->nunloaded)
        CHECK_STR(md->unloaded[0].name, "old.dll");
    /* memory info, handles */
    CHECK_EQ_U64(md->nmeminfo, 7);
    const struct an_region *mi = md_find_meminfo(md, MDS_RWX + 0x10);
    CHECK(mi && mi->protect == 0x40 && mi->type == 0x20000);
    CHECK_EQ_U64(md->nhandles, 2);
    if (md->nhandles == 2) {
        CHECK_STR(md->handles[0].type_name, "Event");
        CHECK_STR(md->handles[0].object_name, "\\BaseNamedObjects\\evt");
        CHECK_EQ_U64(md->handles[0].granted_access, 0x1f0003);
        CHECK_STR(md->handles[1].type_name, "File");
        CHECK(md->handles[1].object_name == NULL);
    }
    /* exception, counters, comments */
    CHECK(md->exc.present);
    CHECK_EQ_U64(md->exc.code, 0xc0000005);
    CHECK_EQ_U64(md->exc.tid, 0x10);
    CHECK(md->exc.has_context && md->exc.sp == 0x3fe000);
    CHECK_STR(md_exception_name(md->exc.code), "EXCEPTION_ACCESS_VIOLATION");
    CHECK(md->vm.present && md->vm.has_v2);
    CHECK_EQ_U64(md->vm.working_set, 0x100000);
    CHECK_EQ_U64(md->vm.private_usage, 0x200000);
    CHECK(md->sysmem.present);
    CHECK_EQ_U64(md->sysmem.page_size, 4096);
    CHECK_EQ_U64(md->sysmem.max_user_address, 0x7ffffffeffffull);
    CHECK_EQ_U64(md->ncomments, 2);
    if (md->ncomments == 2) {
        CHECK_STR(md->comments[0].text, "hello comment");
        CHECK_STR(md->comments[1].text, "wide");
    }
    /* token */
    CHECK_EQ_U64(md->ntokens, 1);
    if (md->ntokens == 1) {
        const struct an_token *tk = &md->tokens[0];
        CHECK_EQ_U64(tk->token_id, 0x77);
        CHECK(tk->has_user);
        CHECK_STR(tk->user.text, "S-1-5-21-111-222-333-1001");
        CHECK_EQ_U64(tk->ngroups, 2);
        if (tk->ngroups == 2) {
            CHECK_STR(tk->groups[0].text, "S-1-1-0");
            CHECK_STR(md_sid_name(tk->groups[0].text), "Everyone");
            CHECK_STR(tk->groups[1].text, "S-1-5-32-544");
            CHECK_EQ_U64(tk->groups[1].attributes, 0x10);
        }
        CHECK(tk->has_primary_group);
        CHECK_STR(tk->primary_group.text, "S-1-5-21-111-222-333-513");
        CHECK_STR(md_sid_name(tk->primary_group.text), "Domain Users");
        CHECK_EQ_U64(tk->nprivileges, 2);
        if (tk->nprivileges == 2) {
            CHECK_STR(md_privilege_name(tk->privileges[0].luid), "SeDebugPrivilege");
            CHECK_EQ_U64(tk->privileges[1].attributes, 3);
        }
        CHECK(tk->has_statistics && tk->authentication_id == 0x5698c && tk->token_type == 1);
    }
    /* the only warning: a ThreadInfoList entry for a thread not in the list */
    CHECK_EQ_U64(md->warnings, 1);
    md_close(md);
    mdf_free(&f);
}

TEST(minidump_x64_anatomy)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    struct md_dump *md = open_fixture(d, len);
    CHECK(md != NULL);
    if (!md) {
        mdf_free(&f);
        return;
    }
    struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
    const struct an_process *a = &model->procs[0];
    CHECK_EQ_U64(a->nthreads, 2);
    CHECK_EQ_U64(a->threads[0].teb.av, AN_AV_OK);
    CHECK_EQ_U64(a->threads[0].teb.stack_base, 0x400000);
    CHECK_EQ_U64(a->threads[0].teb.stack_limit, 0x3fd000);
    CHECK_EQ_U64(a->threads[0].teb.client_tid, 0x10);
    CHECK_EQ_U64(a->threads[0].teb.last_error, 5);
    CHECK_EQ_U64(a->threads[0].teb.deallocation_stack, 0x300000);
    CHECK_EQ_U64(a->threads[0].teb.fls_data, MDS_FLS1);
    CHECK_EQ_U64(a->threads[1].teb.client_tid, 0x20);
    /* PEB */
    CHECK_EQ_U64(a->peb.av, AN_AV_OK);
    CHECK_EQ_U64(a->peb.va, MDS_PEB);
    CHECK_EQ_U64(a->peb.image_base, MDS_EXE);
    CHECK_EQ_U64(a->peb.being_debugged, 1);
    CHECK_EQ_U64(a->peb.os_build, 19041);
    CHECK_EQ_U64(a->peb.session_id, 1);
    CHECK_EQ_U64(a->peb.number_of_processors, 4);
    /* process parameters and environment */
    CHECK_EQ_U64(a->params.av, AN_AV_OK);
    CHECK_STR(a->params.image_path.text, "C:\\app\\a.exe");
    CHECK_STR(a->params.command_line.text, "a.exe --flag \"two words\"");
    CHECK_STR(a->params.current_directory.text, "C:\\work\\");
    CHECK_STR(a->params.window_title.text, "title");
    CHECK_EQ_U64(a->params.dll_path.av, AN_AV_OK);   /* empty string */
    CHECK_EQ_U64(a->params.nenv, 4);
    CHECK(!a->params.env_truncated);
    if (a->params.nenv == 4) {
        CHECK_STR(a->params.env[0].name, "A");
        CHECK_STR(a->params.env[0].value, "1");
        CHECK_STR(a->params.env[1].name, "=C:");
        CHECK_STR(a->params.env[1].value, "C:\\work");
        CHECK_STR(a->params.env[2].value, "C:\\x;C:\\y");
        CHECK_STR(a->params.env[3].name, "EMPTY");
        CHECK_STR(a->params.env[3].value, "");
    }
    /* loader lists: the hidden DLL is on two lists, the exe not on init */
    CHECK_EQ_U64(a->ldr.av, AN_AV_OK);
    CHECK_EQ_U64(a->ldr.nentries, 3);
    CHECK_EQ_U64(a->ldr.lists[AN_LDR_LOAD].count, 3);
    CHECK_EQ_U64(a->ldr.lists[AN_LDR_MEM].count, 3);
    CHECK_EQ_U64(a->ldr.lists[AN_LDR_INIT].count, 1);
    for (int k = 0; k < 3; k++)
        CHECK_EQ_U64(a->ldr.lists[k].av, AN_AV_OK);
    for (size_t i = 0; i < a->ldr.nentries; i++) {
        const struct an_ldr_entry *e = &a->ldr.entries[i];
        CHECK(e->in_load && e->in_mem);
        if (e->base == MDS_EXE) {
            CHECK(!e->in_init);
            CHECK_STR(e->base_name.text, "a.exe");
            CHECK_EQ_U64(e->load_index, 0);
        } else if (e->base == MDS_NTDLL) {
            CHECK(e->in_init);
            CHECK_STR(e->full_name.text, "C:\\Windows\\System32\\ntdll.dll");
        } else {
            CHECK_EQ_U64(e->base, MDS_HIDDEN);
            CHECK_EQ_U64(e->size, 0x3000);
            CHECK(!e->in_init);
        }
    }
    /* fibers: the running one through the TEB, the other by scanning */
    CHECK_EQ_U64(a->nfibers, 2);
    int seen_run = 0, seen_susp = 0;
    for (size_t i = 0; i < a->nfibers; i++) {
        const struct an_fiber *fb = &a->fibers[i];
        if (fb->va == MDS_FIBER_RUN) {
            seen_run = 1;
            CHECK(fb->running && fb->tid == 0x10);
            CHECK_EQ_U64(fb->fiber_data, 0x1111);
            CHECK_STR(fb->source, "teb");
        } else if (fb->va == MDS_FIBER_SUSP) {
            seen_susp = 1;
            CHECK(!fb->running);
            CHECK_EQ_U64(fb->fiber_data, MDS_FIBER_RUN);
            CHECK_EQ_U64(fb->stack_base, 0x700000);
            CHECK_EQ_U64(fb->saved_pc, 0x140002000);
            CHECK_EQ_U64(fb->fls_data, MDS_FLS2);
            CHECK_STR(fb->source, "scan");
        }
    }
    CHECK(seen_run && seen_susp);
    /* FLS: three blocks (the head in ntdll is not one), one without owner */
    CHECK_EQ_U64(a->fls_av, AN_AV_OK);
    CHECK_EQ_U64(a->nfls, 3);
    for (size_t i = 0; i < a->nfls; i++) {
        if (a->fls[i].va == MDS_FLS1)
            CHECK(a->fls[i].tid == 0x10 && a->fls[i].fiber == MDS_FIBER_RUN);
        else if (a->fls[i].va == MDS_FLS2)
            CHECK(a->fls[i].tid == 0 && a->fls[i].fiber == MDS_FIBER_SUSP);
        else
            CHECK(a->fls[i].va == MDS_FLS_ORPHAN && !a->fls[i].tid && !a->fls[i].fiber);
    }
    uint32_t pid = 0;
    pid = (uint32_t)a->pid;
    CHECK(a->pid_known && pid == MDS_PID);
    CHECK_STR(a->name, "a.exe");
    anatomy_free(model);
    md_close(md);
    mdf_free(&f);
}

TEST(minidump_x86)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x86(&f, &len);
    struct md_dump *md = open_fixture(d, len);
    CHECK(md != NULL);
    if (!md) {
        mdf_free(&f);
        return;
    }
    CHECK_EQ_U64(md->arch, MD_ARCH_X86);
    CHECK_EQ_U64(md->ptr_size, 4);
    CHECK_EQ_U64(md->nthreads, 1);
    CHECK(md->threads[0].has_context);
    CHECK_EQ_U64(md->threads[0].pc, 0x401000);
    CHECK_EQ_U64(md->threads[0].sp, 0x12ff00);
    CHECK_EQ_U64(md->threads[0].fp, 0x12ff80);
    CHECK_EQ_U64(md->nmodules, 2);
    if (md->nmodules == 2)
        CHECK_EQ_U64(md->modules[1].base, 0x80000000);   /* sign extension undone */
    struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
    const struct an_process *a = &model->procs[0];
    CHECK_EQ_U64(a->threads[0].teb.av, AN_AV_OK);
    CHECK_EQ_U64(a->threads[0].teb.stack_base, 0x130000);
    CHECK_EQ_U64(a->threads[0].teb.deallocation_stack, 0x30000);
    CHECK_EQ_U64(a->peb.va, MDS32_PEB);
    CHECK_EQ_U64(a->peb.av, AN_AV_OK);
    CHECK_STR(a->params.image_path.text, "C:\\x86\\old.exe");
    CHECK_STR(a->params.command_line.text, "old.exe /q");
    CHECK_STR(a->params.current_directory.text, "C:\\x86\\");
    CHECK_EQ_U64(a->params.nenv, 1);
    if (a->params.nenv)
        CHECK_STR(a->params.env[0].value, "Windows_NT");
    CHECK_EQ_U64(a->ldr.nentries, 1);
    if (a->ldr.nentries) {
        const struct an_ldr_entry *e = &a->ldr.entries[0];
        CHECK(e->in_load && e->in_mem && e->in_init);
        CHECK_EQ_U64(e->base, MDS32_EXE);
        CHECK_STR(e->base_name.text, "old.exe");
    }
    CHECK_EQ_U64(a->nfibers, 0);                 /* FiberData is NtTib.Version */
    uint32_t pid = 0;                            /* no MiscInfo: from the TEB */
    pid = (uint32_t)a->pid;
    CHECK(a->pid_known && pid == 0x99);
    CHECK_EQ_U64(md->warnings, 0);
    anatomy_free(model);
    md_close(md);
    mdf_free(&f);
}

TEST(minidump_memory_reads)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, MDS_MEMLIST32, &len);
    struct md_dump *md = open_fixture(d, len);
    CHECK(md != NULL);
    if (!md) {
        mdf_free(&f);
        return;
    }
    /* the stack is both a MemoryList range and the thread's own descriptor:
     * one range, no warning */
    CHECK(md->have_memory);
    size_t stacks = 0;
    for (size_t i = 0; i < md->nranges; i++) {
        if (md->ranges[i].va == 0x3fe000)
            stacks++;
        if (i)
            CHECK(md->ranges[i - 1].va + md->ranges[i - 1].size <= md->ranges[i].va);
    }
    CHECK_EQ_U64(stacks, 1);
    uint8_t b[8];
    CHECK(md_read(md, MDS_RWX, b, 2) == 2 && b[0] == 'M' && b[1] == 'Z');
    CHECK(md_read(md, MDS_RWX + 0xffe, b, 8) == 2);      /* stops at the range's end */
    CHECK(md_read(md, 0x12345000, b, 8) == 0);
    CHECK(md_find_range(md, MDS_HEAP + 0x7fff) != NULL);
    CHECK(md_find_range(md, MDS_HEAP + 0x8000) == NULL);
    CHECK(md_find_range(md, 0) == NULL);
    CHECK(md_find_range(md, UINT64_MAX) == NULL);
    uint64_t v;
    CHECK(md_read_ptr(md, MDS_TEB1 + 0x30, &v) == 0 && v == MDS_TEB1);
    char pb[96];
    CHECK_STR(md_protect_name(0x40, pb, sizeof pb), "PAGE_EXECUTE_READWRITE");
    CHECK_STR(md_protect_name(0x104, pb, sizeof pb), "PAGE_READWRITE|PAGE_GUARD");
    CHECK_STR(md_state_name(0x2000), "MEM_RESERVE");
    CHECK_STR(md_type_name(0x1000000), "MEM_IMAGE");
    md_close(md);
    mdf_free(&f);
}

TEST(minidump_sid_format)
{
    static const uint8_t sys[] = { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 };
    char s[128];
    CHECK(md_sid_format(sys, sizeof sys, s, sizeof s) == 12);
    CHECK_STR(s, "S-1-5-18");
    CHECK_STR(md_sid_name(s), "Local System");
    CHECK(md_sid_format(sys, 11, s, sizeof s) == 0);        /* cut short */
    static const uint8_t bad[] = { 2, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 };
    CHECK(md_sid_format(bad, sizeof bad, s, sizeof s) == 0);   /* revision 2 */
    static const uint8_t big[] = { 1, 0, 1, 2, 3, 4, 5, 6 };
    CHECK(md_sid_format(big, sizeof big, s, sizeof s) == 8);
    CHECK_STR(s, "S-1-0x10203040506");
    CHECK(md_privilege_name(99) == NULL);
    CHECK_STR(md_privilege_description(20), "Debug programs");
}

/* --- real dumps (../shared/data) --- */

static struct md_dump *open_shared(const char *rel, uint8_t **buf)
{
    const char *dir = test_shared_data();
    if (!dir)
        return NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *buf = malloc((size_t)n);
    if (!*buf || fread(*buf, 1, (size_t)n, fp) != (size_t)n) {
        fclose(fp);
        free(*buf);
        *buf = NULL;
        return NULL;
    }
    fclose(fp);
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    if (md_open_buffer(*buf, (size_t)n, rel, &md, &err) != 0)
        fprintf(stderr, "  %s\n", err.msg);
    return md;
}

TEST(minidump_real_token_calc)
{
    if (!test_shared_data()) {
        test_skip("../shared/data absent");
        return;
    }
    uint8_t *buf = NULL;
    struct md_dump *md = open_shared("minidumps/other/rizin-calc.dmp", &buf);
    CHECK(md != NULL);
    if (md) {
        /* Facts read by hand from the stream's bytes (see token.c). */
        CHECK_EQ_U64(md->ntokens, 1);
        if (md->ntokens) {
            const struct an_token *t = &md->tokens[0];
            CHECK_STR(t->user.text, "S-1-5-21-537027915-1003861377-1410757817-1000");
            CHECK_EQ_U64(t->ngroups, 15);
            CHECK_STR(t->primary_group.text, "S-1-5-21-537027915-1003861377-1410757817-513");
            CHECK_EQ_U64(t->nprivileges, 5);
            int change_notify = 0;
            for (size_t i = 0; i < t->nprivileges; i++)
                if (t->privileges[i].luid == 23 && (t->privileges[i].attributes & 2))
                    change_notify = 1;
            CHECK(change_notify);
            CHECK(t->has_statistics && t->token_type == 1);
        }
        /* MiscInfo v5: Windows 7 SP1 build string */
        CHECK(strstr(md->misc.build_string, "7601") != NULL);
        CHECK_EQ_U64(md->misc.pid, 3368);
        CHECK(md->vm.present && md->sysmem.present && md->sysmem.page_size == 4096);
        /* only stacks were dumped: the PEB is unknown, and says why */
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->peb.av, AN_AV_UNKNOWN);
        CHECK(strstr(a->peb.why, "TEB") != NULL);
        CHECK_EQ_U64(a->params.av, AN_AV_UNKNOWN);
        CHECK_EQ_U64(a->ldr.av, AN_AV_UNKNOWN);
        anatomy_free(model);
        md_close(md);
    }
    free(buf);
}

TEST(minidump_real_partial_peb)
{
    if (!test_shared_data()) {
        test_skip("../shared/data absent");
        return;
    }
    uint8_t *buf = NULL;
    struct md_dump *md = open_shared("minidumps/breakpad/tiny-exe-with-cet-xsave.dmp", &buf);
    CHECK(md != NULL);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->peb.av, AN_AV_OK);
        CHECK_STR(a->params.image_path.text, "C:\\src\\crashpad\\tiny.exe");
        CHECK(md->have_meminfo && md->have_handles);
        /* every module of the ModuleList whose loader entry was dumped is
         * on the load-order list, at the same base (independent views) */
        size_t matched = 0;
        for (size_t i = 0; i < md->nmodules; i++)
            for (size_t k = 0; k < a->ldr.nentries; k++)
                if (a->ldr.entries[k].av == AN_AV_OK && a->ldr.entries[k].base == md->modules[i].base &&
                    a->ldr.entries[k].in_load)
                    matched++;
        CHECK(matched >= md->nmodules - 1);
        /* the walk stopped at an entry that is not in the dump, and says so */
        CHECK_EQ_U64(a->ldr.lists[AN_LDR_LOAD].av, AN_AV_MISSING);
        CHECK(strstr(a->ldr.lists[AN_LDR_LOAD].problem, "not in the dump") != NULL);
        anatomy_free(model);
        md_close(md);
    }
    free(buf);
}
