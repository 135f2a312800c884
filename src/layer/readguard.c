/* Captures are read through mmap(), so a read that fails does not return
 * an error: a file truncated while eproc analyses it, or an I/O error on
 * the disk or network file system under it, raises SIGBUS at the access.
 * The guard turns that into the input-error contract of docs/architecture.md, "Contracts": one
 * line naming the file on stderr, exit code 3, instead of a core dump. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "layer/physical.h"

static const char *guarded_path;

static void put(const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

/* Only async-signal-safe calls here: write() and _exit(). */
static void on_sigbus(int sig)
{
    (void)sig;
    put("eproc: ");
    put(guarded_path ? guarded_path : "the capture");
    put(": read error while analysing it (the file was truncated or the disk failed); the output is incomplete\n");
    _exit(EP_EXIT_INPUT);
}

int capture_guard_reads(const char *path)
{
    guarded_path = path;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGBUS, &sa, NULL);
}
