#include "windows/job.h"

#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "windows/listwalk.h"

struct job_layout {
    uint32_t size, limit_flags, active_limit, proc_mem, job_mem, active, total, terminated;
    uint32_t user_time, kernel_time, process_list, ep_job_links, session;
    uint32_t server_silo_globals;
    struct nt_bit silo;                  /* _EJOB.Silo (a JobFlags bit) */
};

static void resolve(const struct isf *isf, struct job_layout *l)
{
    l->size = isf_size(isf, "_EJOB");
    l->limit_flags = isf_offset(isf, "_EJOB", "LimitFlags");
    l->active_limit = isf_offset(isf, "_EJOB", "ActiveProcessLimit");
    l->proc_mem = isf_offset(isf, "_EJOB", "ProcessMemoryLimit");
    l->job_mem = isf_offset(isf, "_EJOB", "JobMemoryLimit");
    l->active = isf_offset(isf, "_EJOB", "ActiveProcesses");
    l->total = isf_offset(isf, "_EJOB", "TotalProcesses");
    l->terminated = isf_offset(isf, "_EJOB", "TotalTerminatedProcesses");
    l->user_time = isf_offset(isf, "_EJOB", "TotalUserTime");
    l->kernel_time = isf_offset(isf, "_EJOB", "TotalKernelTime");
    l->process_list = isf_offset(isf, "_EJOB", "ProcessListHead");
    l->ep_job_links = isf_offset(isf, "_EPROCESS", "JobLinks");
    l->session = isf_offset(isf, "_EJOB", "SessionId");
    l->server_silo_globals = isf_offset(isf, "_EJOB", "ServerSiloGlobals");
    const struct isf_field *f = isf_field(isf_user_type(isf, "_EJOB"), "Silo");
    l->silo.offset = NT_NONE;
    if (f && f->type.kind == ISF_KIND_BITFIELD) {
        l->silo.offset = f->offset;
        l->silo.position = f->type.bit_position;
        l->silo.length = f->type.bit_length;
    }
}

static uint32_t u32_at(const uint8_t *b, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 4 <= size ? le32(b + off) : 0;
}

static uint64_t u64_at(const uint8_t *b, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 8 <= size ? le64(b + off) : 0;
}

struct members { struct kjob *j; uint32_t links; };

static int add_member(uint64_t entry, void *arg)
{
    struct members *m = arg;
    if (m->j->nmembers >= KJOB_MAX_MEMBERS)
        return 1;
    m->j->members[m->j->nmembers++] = entry - m->links;
    return 0;
}

int kjob_read(const struct kobject_ctx *c, uint64_t va, struct kjob *j, struct ep_error *err)
{
    struct job_layout l;
    resolve(c->k->isf, &l);
    memset(j, 0, sizeof *j);
    j->va = va;
    if (l.size == NT_NONE || l.size > 0x4000)
        return ep_fail(err, "the profile has no _EJOB layout");
    static _Thread_local uint8_t b[0x4000];
    if (!va_canonical(va) || vread_all(c->k->vs, va, b, l.size) != 0)
        return ep_fail(err, "the job at 0x%llx is not in the capture", (unsigned long long)va);
    j->limit_flags = u32_at(b, l.size, l.limit_flags);
    j->active_process_limit = u32_at(b, l.size, l.active_limit);
    j->process_memory_limit = u64_at(b, l.size, l.proc_mem);
    j->job_memory_limit = u64_at(b, l.size, l.job_mem);
    j->active = u32_at(b, l.size, l.active);
    j->total = u32_at(b, l.size, l.total);
    j->terminated = u32_at(b, l.size, l.terminated);
    j->session = u32_at(b, l.size, l.session);
    j->user_time = u64_at(b, l.size, l.user_time);
    j->kernel_time = u64_at(b, l.size, l.kernel_time);
    kobject_header_name(c, va - c->nl->oh_body, j->name, sizeof j->name);
    j->has_silo_fields = l.silo.offset != NT_NONE;
    j->silo = nt_bits(b, l.size, l.silo) != 0;
    j->server_silo_globals = u64_at(b, l.size, l.server_silo_globals);
    if (l.process_list != NT_NONE && l.ep_job_links != NT_NONE) {
        struct members m = { j, l.ep_job_links };
        struct list_walk_result res;
        list_walk(c->k->vs, va + l.process_list, "_EJOB.ProcessListHead", add_member, &m, &res);
        j->members_complete = res.complete;
    }
    return 0;
}

void job_limit_text(uint32_t flags, char *out, size_t n)
{
    static const char *const names[] = {
        "WORKINGSET", "PROCESS_TIME", "JOB_TIME", "ACTIVE_PROCESS", "AFFINITY", "PRIORITY_CLASS",
        "PRESERVE_JOB_TIME", "SCHEDULING_CLASS", "PROCESS_MEMORY", "JOB_MEMORY", "DIE_ON_UNHANDLED_EXCEPTION",
        "BREAKAWAY_OK", "SILENT_BREAKAWAY_OK", "KILL_ON_JOB_CLOSE", "SUBSET_AFFINITY", "JOB_MEMORY_LOW",
        "JOB_READ_BYTES", "JOB_WRITE_BYTES", "RATE_CONTROL", "IO_RATE_CONTROL", "NET_RATE_CONTROL",
    };
    size_t pos = 0;
    out[0] = 0;
    uint32_t rest = flags;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & (1u << i)) {
            if (pos < n)
                pos += (size_t)snprintf(out + pos, n - pos, "%sJOB_OBJECT_LIMIT_%s", pos ? "|" : "", names[i]);
            rest &= ~(1u << i);
        }
    if (rest && pos < n)
        snprintf(out + pos, n - pos, "%s0x%x", pos ? "|" : "", rest);
}
