/* Staged techniques: what an attacker does to the kernel's and the
 * process's structures, done the same way here, with every object touched
 * recorded for the truth file. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"

static struct ftech *rec(struct forge *f, const char *kind, uint32_t target, uint32_t source)
{
    f->techs = fx_grow(f->techs, f->ntechs + 1, sizeof *f->techs);
    struct ftech *t = &f->techs[f->ntechs++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->target = target;
    t->source = source;
    return t;
}

void tech_touch(struct ftech *t, const char *what, uint64_t va)
{
    if (t->ntouched < 8) {
        snprintf(t->touched[t->ntouched].what, sizeof t->touched[t->ntouched].what, "%s", what);
        t->touched[t->ntouched].va = va;
        t->ntouched++;
    }
}

static struct fthread *add_thread(struct forge *f, struct fprocess *p, const char *start, int fiber,
                                  struct ep_error *err)
{
    if (p->nthreads >= p->cap_threads) {
        p->cap_threads = p->cap_threads * 2 + 4;
        p->threads = fx_grow(p->threads, p->cap_threads, sizeof *p->threads);
    }
    struct sc_thread st;
    memset(&st, 0, sizeof st);
    st.tid = cid_alloc(f);
    st.create_offset = (double)(f->now - p->create_time) / 1e7 * 0.8;
    snprintf(st.start, sizeof st.start, "%s", start);
    st.fiber = fiber;
    struct fthread *t = &p->threads[p->nthreads];
    if (thread_create(f, p, &st, t, err))
        return NULL;
    p->nthreads++;
    return t;
}

/* Private RWX memory with an MZ/PE image and code at its entry point. */
static uint64_t inject_region(struct forge *f, struct fprocess *p, size_t key, uint64_t at, int with_pe,
                              uint32_t prot)
{
    uint64_t size = 0x20000;
    struct fvad *in_use;
    if (at && (in_use = vad_overlapping(p, at, size)) != NULL)
        forge_fail(EP_EXIT_USAGE, "%s: key 'techniques[%zu].address': 0x%llx-0x%llx overlaps PID %u's region "
                   "0x%llx-0x%llx (a VAD tree never overlaps)", f->sc->path, key, (unsigned long long)at,
                   (unsigned long long)(at + size - 1), p->pid, (unsigned long long)in_use->start,
                   (unsigned long long)in_use->end);
    uint64_t va = at ? at : user_reserve(f, p, size);
    vad_add(f, p, va, size, prot, SC_VAD_PRIVATE, NULL, 1);
    f->user_pte_flags = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;
    if (with_pe) {
        struct pe_image img = {0};
        snprintf(img.name, sizeof img.name, "beacon.dll");
        img.base = va;
        img.size = (uint32_t)size;
        img.entry_rva = 0x1A40;
        img.timestamp = 0x6642F1D3;
        img.is_dll = 1;
        pe_write_image(f, p->root, &img);
    } else {
        /* position-independent shellcode: cld; and rsp,-16; call ... */
        static const uint8_t code[] = { 0xFC, 0x48, 0x83, 0xE4, 0xF0, 0xE8, 0xC8, 0x00, 0x00, 0x00,
                                        0x41, 0x51, 0x41, 0x50, 0x52, 0x51, 0x56, 0x48, 0x31, 0xD2,
                                        0x65, 0x48, 0x8B, 0x52, 0x60, 0x48, 0x8B, 0x52, 0x18 };
        uw(f, p, va, code, sizeof code);
    }
    f->user_pte_flags = 0;
    return va;
}

static struct fprocess *need(struct forge *f, const struct sc_ref *r)
{
    return proc_by_ref(f, r);
}

int techniques_apply(struct forge *f, struct ep_error *err)
{
    size_t unlinked_seen = 0;
    for (size_t i = 0; i < f->sc->ntechs; i++) {
        struct sc_technique *tq = &f->sc->techs[i];
        struct fprocess *tp = tq->has_target ? need(f, &tq->target) : NULL;
        struct fprocess *sp = tq->has_source ? need(f, &tq->source) : NULL;
        struct ftech *t;
        char buf[SC_PATH + 64];
        switch (tq->kind) {
        case TQ_UNLINK:
            t = rec(f, "unlink", tp->pid, 0);
            tp->unlinked = 1;
            tech_touch(t, "EPROCESS", tp->eprocess);
            tech_touch(t, "ActiveProcessLinks", tp->eprocess + (uint64_t)f->L.ep_ActiveProcessLinks.off);
            snprintf(t->detail, sizeof t->detail, "removed from PsActiveProcessHead; its links point at itself");
            break;
        case TQ_PEB_MASQUERADE: {
            if (!tp->peb)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u has no PEB to masquerade",
                               f->sc->path, i, tp->pid);
            const char *path = tq->path[0] ? tq->path : "C:\\Windows\\explorer.exe";
            t = rec(f, "peb_masquerade", tp->pid, 0);
            const struct layout *L = &f->L;
            uint16_t len;
            uint64_t s1 = heap_wstr(f, tp, path, &len);
            uint8_t u[16] = {0};
            put16(u, len); put16(u + 2, (uint16_t)(len + 2)); put64(u + 8, s1);
            uw(f, tp, tp->params + (uint64_t)L->pp_ImagePathName.off, u, 16);
            snprintf(buf, sizeof buf, "\"%s\"", path);
            uint64_t s2 = heap_wstr(f, tp, buf, &len);
            put16(u, len); put16(u + 2, (uint16_t)(len + 2)); put64(u + 8, s2);
            uw(f, tp, tp->params + (uint64_t)L->pp_CommandLine.off, u, 16);
            if (tp->nmods && tp->mods[0].ldr_entry) {
                uint64_t s3 = heap_wstr(f, tp, path, &len);
                put16(u, len); put16(u + 2, (uint16_t)(len + 2)); put64(u + 8, s3);
                uw(f, tp, tp->mods[0].ldr_entry + (uint64_t)L->lde_FullDllName.off, u, 16);
                uint64_t s4 = heap_wstr(f, tp, path_basename(path), &len);
                put16(u, len); put16(u + 2, (uint16_t)(len + 2)); put64(u + 8, s4);
                uw(f, tp, tp->mods[0].ldr_entry + (uint64_t)L->lde_BaseDllName.off, u, 16);
                tech_touch(t, "LDR_DATA_TABLE_ENTRY", tp->mods[0].ldr_entry);
            }
            tech_touch(t, "PEB", tp->peb);
            tech_touch(t, "RTL_USER_PROCESS_PARAMETERS", tp->params);
            snprintf(t->detail, sizeof t->detail, "PEB image path and command line say %s; EPROCESS and VAD keep %s",
                     path, tp->sc->image);
            snprintf(tp->masquerade, sizeof tp->masquerade, "%s", path);
            break;
        }
        case TQ_HOLLOWING: {
            if (!tp->peb)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u has no image to hollow",
                               f->sc->path, i, tp->pid);
            t = rec(f, "hollowing", tp->pid, 0);
            struct fvad *v = vad_find(tp, tp->image_base);
            if (v) {
                /* NtUnmapViewOfSection + VirtualAllocEx(RWX) at the same base */
                v->kind = SC_VAD_PRIVATE;
                v->is_long = 0;
                v->private_memory = 1;
                v->protection = 6;
                v->file[0] = 0;
                memcpy(v->tag, "VadS", 5);
                v->commit = (uint32_t)((v->end + 1 - v->start) / PAGE);
            }
            f->user_pte_flags = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;
            struct pe_image img = {0};
            snprintf(img.name, sizeof img.name, "payload.exe");
            img.base = tp->image_base;
            img.size = tp->nmods ? tp->mods[0].img.size : 0x20000;
            img.entry_rva = 0x2150;
            img.timestamp = 0x6711A0B4;
            pe_write_image(f, tp->root, &img);
            f->user_pte_flags = 0;
            tech_touch(t, "VAD", tp->image_base);
            tech_touch(t, "image", tp->image_base);
            snprintf(t->detail, sizeof t->detail, "image of %s unmapped; private PAGE_EXECUTE_READWRITE memory with another PE at 0x%llx",
                     tp->sc->image, (unsigned long long)tp->image_base);
            break;
        }
        case TQ_INJECTED_CODE: {
            if (!tp->peb)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u has no user space",
                               f->sc->path, i, tp->pid);
            t = rec(f, "injected_code", tp->pid, sp->pid);
            uint64_t va = inject_region(f, tp, i, tq->address, 1, 6);
            snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)(va + 0x1A40));
            struct fthread *th = add_thread(f, tp, buf, 0, err);
            if (!th)
                return -1;
            snprintf(th->start_desc, sizeof th->start_desc, "injected region+0x1a40");
            if (sp != tp)
                handle_add(f, sp, tp->eprocess, OT_PROCESS, tq->access ? tq->access : 0x1F0FFF, "");
            tech_touch(t, "VAD", va);
            tech_touch(t, "ETHREAD", th->ethread);
            tech_touch(t, "TEB", th->teb);
            snprintf(t->detail, sizeof t->detail, "PAGE_EXECUTE_READWRITE private region at 0x%llx with an MZ header; remote thread %u starts at 0x%llx",
                     (unsigned long long)va, th->tid, (unsigned long long)(va + 0x1A40));
            tp->injected_va = va;
            break;
        }
        case TQ_TOKEN_STEAL:
            t = rec(f, "token_steal", tp->pid, sp->pid);
            tech_touch(t, "EPROCESS.Token", tp->eprocess + (uint64_t)f->L.ep_Token.off);
            tech_touch(t, "original TOKEN", tp->token);
            tech_touch(t, "stolen TOKEN", sp->token);
            tp->token = sp->token;
            tp->tok_stolen_from = sp->pid;
            snprintf(t->detail, sizeof t->detail, "Token points at PID %u's token", sp->pid);
            break;
        case TQ_PPID_SPOOF:
            t = rec(f, "ppid_spoof", tp->pid, sp->pid);
            tp->creator_pid = sp->pid;
            /* CreateProcess hands the creator a full-access process handle */
            handle_add(f, sp, tp->eprocess, OT_PROCESS, 0x1FFFFF, "");
            {
                /* the named parent never created it, so it holds no
                 * creator's handle (services.exe and explorer.exe got one
                 * for each child they are recorded as parent of) */
                struct sc_ref rp = { tp->ppid, "" };
                struct fprocess *named = proc_by_ref(f, &rp);
                for (size_t k = 0; named && named != sp && k < named->nhandles;) {
                    struct fhandle *h = &named->handles[k];
                    if (h->type == OT_PROCESS && h->object == tp->eprocess && !h->inherited_from_pid) {
                        memmove(h, h + 1, (named->nhandles - k - 1) * sizeof *h);
                        named->nhandles--;
                    } else {
                        k++;
                    }
                }
            }
            tech_touch(t, "EPROCESS", tp->eprocess);
            snprintf(t->detail, sizeof t->detail,
                     "InheritedFromUniqueProcessId says %u; PID %u created it and holds a handle to it",
                     tp->ppid, sp->pid);
            break;
        case TQ_EXITED_UNFREED: {
            t = rec(f, "exited_unfreed", tp->pid, 0);
            tp->exited = 1;
            if (!tp->exit_time)
                tp->exit_time = f->now - 600ULL * 10000000ULL;
            if (tp->exit_time < tp->create_time)
                tp->exit_time = tp->create_time + 10000000ULL;
            for (size_t k = 0; k < tp->nthreads; k++) {
                struct fthread *th = &tp->threads[k];
                th->exited = 1;
                th->exit_time = tp->exit_time;
                kfield(f, f->sys_root, th->ethread, &f->L.et_ExitTime, th->exit_time);
                kfield(f, f->sys_root, th->ethread, &f->L.et_CrossThreadFlags, 0x3);
                struct fld st = f->L.kt_State;
                if (fhas(&st))
                    kfield(f, f->sys_root, th->ethread + (uint64_t)f->L.et_Tcb.off, &st, 4);
            }
            struct sc_ref pr = { tp->ppid, "" };
            struct fprocess *holder = sp ? sp : proc_by_ref(f, &pr);
            if (holder && holder != tp && !holder->exited) {
                handle_add(f, holder, tp->eprocess, OT_PROCESS, 0x1000, "");
                t->source = holder->pid;   /* the truth names who holds it */
            } else {
                holder = NULL;
            }
            tech_touch(t, "EPROCESS", tp->eprocess);
            if (holder)
                snprintf(t->detail, sizeof t->detail, "exited with no threads; kept by a handle in PID %u",
                         holder->pid);
            else
                snprintf(t->detail, sizeof t->detail, "exited with no threads; no live process holds a handle to it");
            break;
        }
        case TQ_LSASS_HANDLE: {
            struct sc_ref lr = { 0, "lsass.exe" };
            struct fprocess *ls = tp ? tp : proc_by_ref(f, &lr);
            if (!ls)
                return ep_fail(err, "%s: key 'techniques[%zu]': no lsass.exe to open", f->sc->path, i);
            t = rec(f, "lsass_handle", ls->pid, sp->pid);
            uint32_t acc = tq->access ? tq->access : 0x1438;   /* VM_READ|VM_WRITE|VM_OPERATION|QUERY_INFORMATION */
            uint32_t hv = handle_add(f, sp, ls->eprocess, OT_PROCESS, acc, "");
            tech_touch(t, "EPROCESS (lsass)", ls->eprocess);
            snprintf(t->detail, sizeof t->detail, "PID %u handle 0x%x to lsass (PID %u) with access 0x%x",
                     sp->pid, hv, ls->pid, acc);
            break;
        }
        case TQ_CYCLIC_LIST:
            if (tp->loop_set)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u already has a cyclic_list "
                               "(techniques[%zu])", f->sc->path, i, tp->pid, tp->loop_key);
            t = rec(f, "cyclic_list", tp->pid, 0);
            /* the Flink is written when the list is linked (proc_link_lists),
             * once every unlink is known */
            tp->loop_set = 1;
            tp->loop_to = tq->has_back_to ? need(f, &tq->back_to) : NULL;
            tp->loop_key = i;
            tp->loop_tech = f->ntechs - 1;
            tech_touch(t, "EPROCESS", tp->eprocess);
            break;
        case TQ_CSR_UNLINK: {
            /* the CSR_PROCESS exists only once csrss's list is built
             * (subsystem_build), which touches it and says where */
            int has_csrss = 0;
            for (size_t c = 0; c < f->nprocs; c++)
                has_csrss |= !strcasecmp(f->procs[c].sc->name, "csrss.exe") && f->procs[c].session == tp->session &&
                             f->procs[c].peb && &f->procs[c] != tp;
            if (!has_csrss || tp->sc->kernel_only || tp->exited || !strcasecmp(tp->sc->name, "smss.exe"))
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u has no CSR_PROCESS to unlink (csrss "
                               "tracks the live Windows processes of its session)", f->sc->path, i, tp->pid);
            t = rec(f, "csr_unlink", tp->pid, 0);
            tp->csr_unlinked = 1;
            tp->csr_tech = f->ntechs - 1;
            tech_touch(t, "EPROCESS", tp->eprocess);
            break;
        }
        case TQ_PARENT_AFTER_CHILD:
            /* the real parent exited and was freed, and Windows handed its
             * PID to the source (PIDs come back from PspCidTable) */
            if (sp == tp || sp->create_time <= tp->create_time)
                return ep_fail(err, "%s: key 'techniques[%zu].source': PID %u was not created after PID %u",
                               f->sc->path, i, sp->pid, tp->pid);
            t = rec(f, "parent_after_child", tp->pid, sp->pid);
            tech_touch(t, "EPROCESS.InheritedFromUniqueProcessId",
                       tp->eprocess + (uint64_t)f->L.ep_InheritedFromUniqueProcessId.off);
            snprintf(t->detail, sizeof t->detail, "InheritedFromUniqueProcessId says %u (was %u): a process "
                     "created after PID %u", sp->pid, tp->ppid, tp->pid);
            tp->ppid = sp->pid;
            break;
        case TQ_W32_DETACH:
            if (!tp->sc->gui || tp->exited)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u is not GUI-capable (it loads no "
                               "USER32.dll), so it has no W32PROCESS to detach", f->sc->path, i, tp->pid);
            t = rec(f, "w32_detach", tp->pid, 0);
            tp->w32_detached = 1;
            tech_touch(t, "EPROCESS", tp->eprocess);
            tech_touch(t, "Win32Process", tp->eprocess + (uint64_t)f->L.ep_Win32Process.off);
            snprintf(t->detail, sizeof t->detail, "EPROCESS.Win32Process is NULL although the process loads "
                     "USER32.dll (its W32PROCESS is gone from win32k's view)");
            break;
        case TQ_PRIVILEGE_ENABLE:
            if (tech_privilege_enable(f, tp, i, err))
                return -1;
            t = rec(f, "privilege_enable", tp->pid, 0);
            tech_touch(t, "TOKEN.Privileges.Present", tp->token + (uint64_t)f->L.tk_PrivPresent.off);
            tech_touch(t, "TOKEN.Privileges.Enabled", tp->token + (uint64_t)f->L.tk_PrivEnabled.off);
            snprintf(t->detail, sizeof t->detail, "every privilege SYSTEM holds is present and enabled in the "
                     "%s-integrity token", tp->integrity);
            break;
        case TQ_SYSTEM_TOKEN:
            if (tech_system_token(f, tp, i, err))
                return -1;
            t = rec(f, "system_token", tp->pid, tp->ppid);
            tech_touch(t, "EPROCESS.Token", tp->eprocess + (uint64_t)f->L.ep_Token.off);
            tech_touch(t, "SYSTEM TOKEN", tp->token);
            snprintf(t->detail, sizeof t->detail, "runs with a SYSTEM token in session %u; its parent PID %u runs "
                     "as the user", tp->session, tp->ppid);
            break;
        case TQ_SYSTEM_IMPERSONATION: {
            /* impersonation_apply builds the SYSTEM impersonation token */
            if (tech_system_impersonation_check(f, tp, sp, i, err))
                return -1;
            struct fthread *th = add_thread(f, tp, "", 0, err);
            if (!th)
                return -1;
            th->imp_wanted = 1;
            th->imp_client.pid = sp->pid;
            th->imp_client.name[0] = 0;
            th->imp_level = 2;           /* SecurityImpersonation */
            t = rec(f, "system_impersonation", tp->pid, sp->pid);
            tech_touch(t, "ETHREAD", th->ethread);
            snprintf(t->detail, sizeof t->detail, "thread %u impersonates PID %u's SYSTEM account at "
                     "SecurityImpersonation level", th->tid, sp->pid);
            break;
        }
        case TQ_SERVICE_GONE: {
            uint32_t pid = tech_service_gone(f, tq->path);
            t = rec(f, "service_gone", pid, 0);
            snprintf(t->detail, sizeof t->detail, "service %s is recorded running in PID %u, which no process "
                     "has", f->sc->services[f->sc->nservices - 1].name, pid);
            break;
        }
        case TQ_ORPHAN_THREAD: {
            t = rec(f, "orphan_thread", tp->pid, 0);
            uint64_t va;
            if (tp->pid == 4 || tp->sc->kernel_only) {
                va = kva_alloc_pages(f, &f->sysmisc, 2);
                static const uint8_t code[] = { 0x48, 0x83, 0xEC, 0x28, 0x33, 0xC9, 0xE8, 0x00, 0x00,
                                                0x00, 0x00, 0xEB, 0xF6 };
                kw(f, va + 0x40, code, sizeof code);
                va += 0x40;
            } else {
                va = inject_region(f, tp, i, tq->address, 0, 3) + 0x10;
            }
            snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)va);
            struct fthread *th = add_thread(f, tp, buf, 0, err);
            if (!th)
                return -1;
            snprintf(th->start_desc, sizeof th->start_desc, "no module (0x%llx)", (unsigned long long)va);
            tech_touch(t, "ETHREAD", th->ethread);
            tech_touch(t, "start", va);
            snprintf(t->detail, sizeof t->detail, "thread %u starts at 0x%llx, inside no loaded module",
                     th->tid, (unsigned long long)va);
            break;
        }
        case TQ_FIBER_OUTSIDE_MODULE: {
            if (!tp->peb || tp->sc->wow64)
                return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u has no 64-bit user space for a "
                               "fiber (a WoW64 program's fibers are 32-bit)", f->sc->path, i, tp->pid);
            t = rec(f, "fiber_outside_module", tp->pid, 0);
            /* shellcode in private PAGE_EXECUTE_READ memory, and a fiber
             * thread whose second (suspended) fiber will resume there: the
             * saved CONTEXT's Rip points into the region, as when a loader
             * builds the FIBER's context by hand or the fiber switched out
             * from shellcode (thread.c writes the FIBER; Rip at +0x30+0xF8) */
            uint64_t va = inject_region(f, tp, i, tq->address, 0, 3) + 0x10;
            struct fthread *th = add_thread(f, tp, "", 1, err);
            if (!th)
                return -1;
            th->sfiber_pc = va;
            uint8_t pc[8];
            put64(pc, va);
            uw(f, tp, th->sfiber + 0x30 + 0xF8, pc, sizeof pc);
            tech_touch(t, "FIBER", th->sfiber);
            tech_touch(t, "saved_pc", va);
            snprintf(t->detail, sizeof t->detail, "thread %u's suspended fiber 0x%llx resumes at 0x%llx, in "
                     "private executable memory inside no loaded module", th->tid,
                     (unsigned long long)th->sfiber, (unsigned long long)va);
            break;
        }
        case TQ_UNLINKED_DRIVER: {
            /* drivers_build loaded it and left its entry off the list */
            const struct fdriver *d = NULL;
            for (size_t k = 0, seen = 0; k < f->ndrivers && !d; k++)
                if (f->drivers_list[k].unlinked && seen++ == unlinked_seen)
                    d = &f->drivers_list[k];
            unlinked_seen++;
            if (!d)
                break;
            t = rec(f, "unlinked_driver", 0, 0);
            tech_touch(t, "KLDR_DATA_TABLE_ENTRY", d->ldr_entry);
            tech_touch(t, "DllBase", d->base);
            snprintf(t->detail, sizeof t->detail, "%s loaded at 0x%llx; its KLDR_DATA_TABLE_ENTRY is off "
                     "PsLoadedModuleList (its links point at itself), the 'MmLd' pool block remains", d->name,
                     (unsigned long long)d->base);
            break;
        }
        case TQ_SYSPROC_PARENT: case TQ_SYSPROC_SESSION: case TQ_SYSPROC_USER: case TQ_SYSPROC_PATH:
        case TQ_SYSPROC_DUPLICATE: case TQ_SYSPROC_PROTECTION: {
            /* staged on the scenario before the build (sysproc.c) */
            static const char *const kinds[] = { "sysproc_parent", "sysproc_session", "sysproc_user",
                                                 "sysproc_path", "sysproc_duplicate", "sysproc_protection" };
            t = rec(f, kinds[tq->kind - TQ_SYSPROC_PARENT], tp->pid, sp ? sp->pid : 0);
            tech_touch(t, "EPROCESS", tp->eprocess);
            snprintf(t->detail, sizeof t->detail, "%s", tq->staged);
            break;
        }
        case TQ_CALLBACK_NO_MODULE: {
            static const char *const notify[4] = { "process", "thread", "image", "registry" };
            if (f->nrogue_cb >= ARRAY_LEN(f->rogue_cb))
                return ep_fail(err, "%s: key 'techniques[%zu]': at most %zu callback_in_no_module techniques",
                               f->sc->path, i, ARRAY_LEN(f->rogue_cb));
            /* code copied into nonpaged pool: the routine a driver that
             * has unloaded itself leaves registered */
            uint64_t va = pool_alloc(f, POOL_NONPAGED, 0x100, "Ddk ");
            static const uint8_t code[] = { 0x48, 0x89, 0x5C, 0x24, 0x08, 0x57, 0x48, 0x83, 0xEC, 0x20,
                                            0x48, 0x8B, 0xFA, 0x48, 0x8B, 0xD9, 0x33, 0xC0, 0xC3 };
            kw(f, va, code, sizeof code);
            f->rogue_cb[f->nrogue_cb].kind = tq->notify;
            f->rogue_cb[f->nrogue_cb].routine = va;
            f->nrogue_cb++;
            t = rec(f, "callback_in_no_module", 0, 0);
            tech_touch(t, "routine", va);
            snprintf(t->detail, sizeof t->detail, "a %s notify routine at 0x%llx, in nonpaged pool, inside no "
                     "loaded driver", notify[tq->notify], (unsigned long long)va);
            break;
        }
        }
    }
    return 0;
}
