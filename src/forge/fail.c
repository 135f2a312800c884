/* Failing from deep inside the builders.
 *
 * Building a machine is thousands of small steps that cannot fail, except
 * when the scenario asks for more than the machine has (physical frames,
 * a kernel region) or the host runs out of memory.  Rather than thread a
 * status through every one of them, they call forge_fail(), which unwinds
 * to forge_run() (longjmp) with one message in its ep_error.  Nothing is
 * lost on the way: everything the builders keep hangs off struct forge or
 * struct scenario, and the buffers they only need for a moment come from
 * fx_tmp(), which struct forge also tracks; forge_run() frees all of it.
 *
 * The trap is per thread, so two forges in two threads do not meet. */
#include "forge/forge_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local struct forge_trap *trap;

void forge_trap_arm(struct forge_trap *t, struct ep_error *err)
{
    t->err = err;
    t->code = 0;
    trap = t;
}

void forge_trap_disarm(void)
{
    trap = NULL;
}

void forge_fail(int code, const char *fmt, ...)
{
    char msg[sizeof ((struct ep_error *)0)->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!trap) {
        /* Only forge_run() drives the builders; reaching here means a
         * caller (a test) used them without a trap: there is no way back. */
        fprintf(stderr, "eproc: forge: %s\n", msg);
        abort();
    }
    struct forge_trap *t = trap;
    trap = NULL;
    ep_fail(t->err, "%s", msg);
    t->code = code;
    longjmp(t->jb, 1);
}

void forge_oom(void)
{
    forge_fail(EP_EXIT_INPUT, "out of memory on this host");
}

void *fx_alloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        forge_oom();
    return p;
}

void *fx_grow(void *old, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        forge_oom();
    size_t bytes = n * size;
    void *p = realloc(old, bytes ? bytes : 1);
    if (!p)
        forge_oom();           /* old stays with its owner, who frees it */
    return p;
}

void *fx_tmp(struct forge *f, size_t n, size_t size)
{
    if (f->ntmp == f->captmp) {
        size_t cap = f->captmp ? f->captmp * 2 : 16;
        f->tmp = fx_grow(f->tmp, cap, sizeof *f->tmp);
        f->captmp = cap;
    }
    void *p = fx_alloc(n, size);
    f->tmp[f->ntmp++] = p;
    return p;
}

void fx_tmp_free(struct forge *f, void *p)
{
    /* temporaries nest, so the one to free is nearly always the last */
    for (size_t i = f->ntmp; i-- > 0;)
        if (f->tmp[i] == p) {
            memmove(&f->tmp[i], &f->tmp[i + 1], (f->ntmp - i - 1) * sizeof *f->tmp);
            f->ntmp--;
            break;
        }
    free(p);
}

void fx_tmp_free_all(struct forge *f)
{
    for (size_t i = 0; i < f->ntmp; i++)
        free(f->tmp[i]);
    free(f->tmp);
    f->tmp = NULL;
    f->ntmp = f->captmp = 0;
}
