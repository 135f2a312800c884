/* A program built on the eproc library (include/eproc.h): lists the
 * processes of any capture the way `eproc pslist` does (the active list;
 * a minidump's one process), with thread and module counts, and shows the
 * library's warnings through its callback.
 *
 *   cc lib_pslist.c $(pkg-config --cflags --libs eproc) -o lib_pslist
 *   ./lib_pslist [-s SYMDIR]... CAPTURE
 * Output: one line per process, "PID<TAB>PPID<TAB>NAME<TAB>THREADS<TAB>MODULES". */
#include <stdio.h>
#include <string.h>

#include <eproc.h>

static void on_warning(const char *message, void *user)
{
    unsigned *count = user;
    ++*count;
    fprintf(stderr, "lib_pslist: warning: %s\n", message);
}

int main(int argc, char **argv)
{
    const char *dirs[16];
    unsigned ndirs = 0;
    int i = 1;
    while (i + 1 < argc && strcmp(argv[i], "-s") == 0 && ndirs < 16) {
        dirs[ndirs++] = argv[i + 1];
        i += 2;
    }
    if (i + 1 != argc) {
        fprintf(stderr, "usage: lib_pslist [-s SYMDIR]... CAPTURE\n");
        return 2;
    }
    unsigned warnings = 0;
    struct ep_open_options opt = { dirs, ndirs, 0, on_warning, &warnings };
    ep_capture *c;
    char err[EP_ERROR_MAX];
    if (ep_open(argv[i], &opt, &c, err, sizeof err) != 0) {
        fprintf(stderr, "lib_pslist: %s\n", err);
        return 3;
    }
    for (size_t n = 0; n < ep_process_count(c); n++) {
        const ep_proc *p = ep_process_at(c, n);
        if (ep_proc_on_active_list(p) == 0)
            continue;   /* found only by the pool scan: psscan's, not pslist's */
        printf("%llu\t%llu\t%s\t%zu\t%zu\n", (unsigned long long)ep_proc_pid(p),
               (unsigned long long)ep_proc_ppid(p), ep_proc_name(p), ep_proc_thread_count(p),
               ep_proc_module_count(p));
    }
    fprintf(stderr, "lib_pslist: %s capture (eproc %s), %u warnings\n", ep_capture_format(c), ep_version(), warnings);
    ep_close(c);
    return 0;
}
