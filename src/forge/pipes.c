/* Named pipes: which process serves a pipe and which are its clients.
 *
 * The named-pipe file system (Npfs) gives each pipe instance a context
 * control block (CCB); the server's FILE_OBJECT and the connected client's
 * both point at it from FsContext, the server's with bit 0 set (the pipe
 * end: FILE_PIPE_SERVER_END 1, FILE_PIPE_CLIENT_END 0), and both carry
 * FO_NAMED_PIPE in Flags (Windows Internals 7th ed., ch. 6 "Named pipes";
 * the encoding as ReactOS's Npfs documents it: FsContext = CCB | end).  A
 * server makes one instance per client it serves (CreateNamedPipe once per
 * connection), so a pipe with N clients has N server handles; a server
 * nobody has connected to holds one listening instance.  The forge writes
 * no other CCB field (it stays zeroed pool, tag NpFc): readers need only
 * the pointer to pair the two ends. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <string.h>

/* FILE_OBJECT.Flags: the file object is a named pipe end (wdm.h) */
#define FO_NAMED_PIPE 0x00400000u
#define CCB_SIZE 0x100

static uint32_t pipe_end_add(struct forge *f, struct fprocess *p, const char *path, uint64_t ccb, int end)
{
    uint64_t fo = file_object_create(f, path, p->pid);
    kfield(f, f->sys_root, fo, &f->L.fo_FsContext, ccb | (end == PIPE_END_SERVER ? 1u : 0u));
    uint64_t flags = fhas(&f->L.fo_Flags) ? kr64(f, fo + (uint64_t)f->L.fo_Flags.off) & 0xFFFFFFFFu : 0;
    kfield(f, f->sys_root, fo, &f->L.fo_Flags, flags | FO_NAMED_PIPE);
    uint32_t v = handle_add(f, p, fo, OT_FILE, 0x12019F, path);
    p->handles[p->nhandles - 1].pipe_end = (uint8_t)end;
    return v;
}

void pipe_serve(struct forge *f, const char *name, struct fprocess *server, struct fprocess **clients,
                size_t nclients)
{
    char path[SC_PATH + 32];
    const char *bare = name[0] == '\\' ? name + 1 : name;
    snprintf(path, sizeof path, "\\Device\\NamedPipe\\%s", bare);
    f->pipes = fx_grow(f->pipes, f->npipes + 1, sizeof *f->pipes);
    struct fpipe *pp = &f->pipes[f->npipes++];
    memset(pp, 0, sizeof *pp);
    snprintf(pp->name, sizeof pp->name, "%s", bare);
    pp->server_pid = server && !server->exited ? server->pid : 0;
    size_t ninst = nclients ? nclients : 1;
    pp->inst = fx_alloc(ninst, sizeof *pp->inst);
    for (size_t i = 0; i < ninst; i++) {
        struct fpipe_instance *in = &pp->inst[pp->ninst++];
        in->ccb = pool_alloc(f, POOL_PAGED, CCB_SIZE, "NpFc");
        if (pp->server_pid) {
            in->server_pid = server->pid;
            in->server_handle = pipe_end_add(f, server, path, in->ccb, PIPE_END_SERVER);
        }
        struct fprocess *cl = i < nclients ? clients[i] : NULL;
        if (cl && !cl->exited) {
            in->client_pid = cl->pid;
            in->client_handle = pipe_end_add(f, cl, path, in->ccb, PIPE_END_CLIENT);
        }
    }
}
