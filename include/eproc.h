/* eproc: Windows process anatomy from memory captures, as a C library.
 *
 * Open a capture of any kind eproc reads (raw image, crash dump full /
 * bitmap / kernel triage, ELF core, LiME, process minidump), let eproc find
 * the kernel and choose its symbols, then walk the processes and, for each,
 * its threads, modules, memory regions (VADs), handles, environment and
 * token, as far as the capture holds them.  The rows are the ones the
 * eproc command line prints; docs/library.md says which command each
 * accessor matches.
 *
 *     ep_capture *c;
 *     char err[EP_ERROR_MAX];
 *     if (ep_open("mem.raw", NULL, &c, err, sizeof err) != 0) { puts(err); return 1; }
 *     for (size_t i = 0; i < ep_process_count(c); i++) {
 *         const ep_proc *p = ep_process_at(c, i);
 *         printf("%llu %s\n", (unsigned long long)ep_proc_pid(p), ep_proc_name(p));
 *     }
 *     ep_close(c);
 *
 * Every string is UTF-8 with control characters left as the capture holds
 * them (escape them before printing to a terminal).  Times are Windows
 * FILETIMEs (100 ns since 1601-01-01 UTC), 0 when unknown.  Pointers
 * returned stay valid until ep_close().  Captures are untrusted input: a
 * damaged one gives fewer rows and warnings, never a crash.  The library
 * never prints and never exits: problems go to the warning callback (or
 * nowhere) and errors to the caller's buffer.  One ep_capture must not be
 * used by two threads at once; warnings go to the callback of the capture
 * opened last (they are process-wide). */
#ifndef EPROC_H
#define EPROC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EP_API_VERSION 1
#define EP_ERROR_MAX 512

#if defined(EPROC_BUILDING_LIBRARY) && defined(__GNUC__)
#define EP_API __attribute__((visibility("default")))
#else
#define EP_API
#endif

typedef struct ep_capture ep_capture;
typedef struct an_process ep_proc;
typedef struct an_thread ep_thread;
typedef struct an_module ep_module;
typedef struct an_region ep_region;
typedef struct an_handle ep_handle;

/* Called once per warning ("FILE: what happened"), without a newline. */
typedef void (*ep_warning_fn)(const char *message, void *user);

/* Parts that cost more to read, on request (memory images; minidumps hold
 * what they hold). */
#define EP_READ_HANDLES 0x1u    /* handle tables, every object named */
#define EP_READ_TOKENS  0x2u    /* each process's token */

struct ep_open_options {
    const char *const *symbol_dirs;   /* searched in order (Volatility 3 layout) */
    unsigned n_symbol_dirs;
    unsigned read;                    /* EP_READ_* */
    ep_warning_fn on_warning;         /* NULL: warnings are dropped */
    void *user;                       /* passed to on_warning */
};

/* The library's version, "MAJOR.MINOR.PATCH". */
EP_API const char *ep_version(void);

/* Open PATH and read its processes.  opt may be NULL (built-in symbols,
 * no handles/tokens, warnings dropped).  0 on success; -1 with one line in
 * err ("PATH: problem") when the capture cannot be read. */
EP_API int ep_open(const char *path, const struct ep_open_options *opt, ep_capture **out, char *err,
                   size_t errlen);
EP_API void ep_close(ep_capture *c);

/* "raw", "crash dump (full)", "crash dump (kernel triage)", "minidump", ... */
EP_API const char *ep_capture_format(const ep_capture *c);
/* 1 for a kernel triage dump: one process, no physical memory. */
EP_API int ep_capture_is_partial(const ep_capture *c);

/* --- processes: those on the kernel's active list (pslist), then those
 * only the pool scan finds; a minidump's one process; a triage dump's
 * faulting process. --- */
EP_API size_t ep_process_count(const ep_capture *c);
EP_API const ep_proc *ep_process_at(const ep_capture *c, size_t i);

EP_API uint64_t ep_proc_pid(const ep_proc *p);
EP_API int ep_proc_pid_known(const ep_proc *p);
EP_API uint64_t ep_proc_ppid(const ep_proc *p);
EP_API const char *ep_proc_name(const ep_proc *p);          /* ImageFileName; "" if unknown */
EP_API const char *ep_proc_path(const ep_proc *p);          /* image path; NULL if unknown */
EP_API const char *ep_proc_command_line(const ep_proc *p);  /* NULL if unknown */
EP_API uint64_t ep_proc_create_time(const ep_proc *p);
EP_API uint64_t ep_proc_exit_time(const ep_proc *p);
EP_API int64_t ep_proc_session(const ep_proc *p);           /* -1 if none */
EP_API uint64_t ep_proc_eprocess(const ep_proc *p);         /* 0 for minidumps */
/* 1 on the kernel's active list (what pslist shows), 0 found only by the
 * pool scan (unlinked or exited), -1 the capture has no kernel (minidump). */
EP_API int ep_proc_on_active_list(const ep_proc *p);
EP_API int ep_proc_is_wow64(const ep_proc *p);

EP_API size_t ep_proc_thread_count(const ep_proc *p);
EP_API const ep_thread *ep_proc_thread_at(const ep_proc *p, size_t i);
EP_API uint64_t ep_thread_tid(const ep_thread *t);
EP_API uint64_t ep_thread_start(const ep_thread *t);        /* 0 if unknown */
EP_API uint64_t ep_thread_create_time(const ep_thread *t);
EP_API uint64_t ep_thread_exit_time(const ep_thread *t);
EP_API uint64_t ep_thread_teb(const ep_thread *t);

/* Modules: the loader's InLoadOrderModuleList, or a minidump's ModuleList. */
EP_API size_t ep_proc_module_count(const ep_proc *p);
EP_API const ep_module *ep_proc_module_at(const ep_proc *p, size_t i);
EP_API uint64_t ep_module_base(const ep_module *m);
EP_API uint64_t ep_module_size(const ep_module *m);
EP_API const char *ep_module_path(const ep_module *m);      /* NULL if unreadable */
EP_API const char *ep_module_name(const ep_module *m);
EP_API uint64_t ep_module_load_time(const ep_module *m);    /* LoadTime, 0 if none */

/* Regions: the VAD tree (memory images) or MemoryInfoList (minidumps). */
EP_API size_t ep_proc_region_count(const ep_proc *p);
EP_API const ep_region *ep_proc_region_at(const ep_proc *p, size_t i);
EP_API uint64_t ep_region_base(const ep_region *r);
EP_API uint64_t ep_region_size(const ep_region *r);
EP_API uint32_t ep_region_protect(const ep_region *r);      /* PAGE_* */
EP_API uint32_t ep_region_type(const ep_region *r);         /* MEM_PRIVATE/MAPPED/IMAGE */
EP_API const char *ep_region_file(const ep_region *r);      /* mapped file, NULL if none */

/* Handles (memory images: with EP_READ_HANDLES). */
EP_API size_t ep_proc_handle_count(const ep_proc *p);
EP_API const ep_handle *ep_proc_handle_at(const ep_proc *p, size_t i);
EP_API uint64_t ep_handle_value(const ep_handle *h);
EP_API const char *ep_handle_type(const ep_handle *h);      /* NULL if unknown */
EP_API const char *ep_handle_name(const ep_handle *h);      /* NULL if none */
EP_API uint32_t ep_handle_access(const ep_handle *h);

/* Environment variables of the process parameters. */
EP_API size_t ep_proc_env_count(const ep_proc *p);
EP_API const char *ep_proc_env_name(const ep_proc *p, size_t i);
EP_API const char *ep_proc_env_value(const ep_proc *p, size_t i);

/* The process token (memory images: with EP_READ_TOKENS): user SID and
 * integrity level SID as text, NULL when unknown. */
EP_API const char *ep_proc_token_user(const ep_proc *p);
EP_API const char *ep_proc_token_integrity(const ep_proc *p);

#ifdef __cplusplus
}
#endif
#endif
