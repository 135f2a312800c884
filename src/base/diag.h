/* Diagnostics: warnings to stderr, errors carried back to the CLI.
 *
 * The library never exits and never prints rows.  A failing call fills a
 * struct ep_error with one line ("FILE: problem") and returns -1; the CLI
 * prints it and picks the exit code (docs/architecture.md, "Contracts").  Warnings are for
 * conditions the user must know about but that do not stop the command
 * (missing pages, a list that broke, a fallback profile).
 *
 * The exit-3 contract is kept here, in one place: the CLI holds warnings
 * (diag_hold_warnings) until it knows how the run ends, and diag_finish()
 * prints them unless the run ends in exit 3, whose one error line then
 * stands alone -- the warnings that led up to an unreadable input (often
 * the same problem seen earlier) are dropped with it.  -v progress lines
 * are not held.  Every message is escaped with text_escape() first: they
 * quote capture text. */
#ifndef EPROC_BASE_DIAG_H
#define EPROC_BASE_DIAG_H

#include <stdarg.h>

enum ep_exit {
    EP_EXIT_OK = 0,       /* success */
    EP_EXIT_FOUND = 1,    /* a check command found something */
    EP_EXIT_USAGE = 2,    /* bad command line */
    EP_EXIT_INPUT = 3,    /* the input could not be read */
};

struct ep_error {
    char msg[512];
};

/* Fill err with a printf-style message; always returns -1 so callers can
 * write `return ep_fail(err, ...)`.  err may be NULL. */
int ep_fail(struct ep_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void diag_set_quiet(int quiet);
void diag_set_verbose(int verbose);
int diag_verbose(void);

/* "eproc: warning: ..." on stderr unless -q.  Identical warnings are
 * collapsed after the first few so a smeared image cannot flood stderr. */
void ep_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "eproc: ..." on stderr only with -v. */
void ep_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "eproc: MESSAGE" on stderr, escaped, never held: the one error line of a
 * failing run (usage or input). */
void ep_error_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Hold warnings instead of printing them, until diag_finish(). */
void diag_hold_warnings(int hold);
/* The run ends with exit_code: print the held warnings (and a count of
 * any beyond the buffer's 1 MiB), or drop them if exit_code is
 * EP_EXIT_INPUT.  Stops holding. */
void diag_finish(int exit_code);

/* For the library (include/eproc.h): warnings go to fn(text, user) instead
 * of stderr, escaped and collapsed as on stderr, never held; fn NULL with
 * drop 1 discards them, fn NULL with drop 0 restores stderr. */
void diag_set_sink(void (*fn)(const char *text, void *user), void *user, int drop);

/* Number of warnings emitted so far (tests and summaries use it). */
unsigned long ep_warning_count(void);

#endif
