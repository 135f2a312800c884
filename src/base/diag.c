#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "base/text.h"

static int quiet_mode;
static void (*sink_fn)(const char *, void *);
static void *sink_user;
static int sink_drop;
static int verbose_mode;
static unsigned long warnings;
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;

/* Remember recent warning texts so a corrupt capture that trips the same
 * check a million times prints it a few times and then a summary. */
#define SEEN_SLOTS 64
#define SEEN_REPEAT_LIMIT 3
static struct { char text[160]; unsigned count; } seen[SEEN_SLOTS];

/* Held warnings (diag_hold_warnings): the lines, as they would have been
 * printed, until diag_finish() knows how the run ends.  Bounded so that a
 * capture that raises endless distinct warnings cannot grow it without
 * limit; past the cap only a count is kept. */
#define HELD_MAX (1u << 20)
static int holding;
static char *held;
static size_t held_len;
static unsigned long held_dropped;

/* Every message reaches stderr through text_escape(): warnings and errors
 * quote capture text (process names, PDB names, paths), which must not
 * drive the user's terminal any more than table cells may. */
static void format_escaped(char *out, size_t outsz, const char *fmt, va_list ap)
{
    char raw[1024];
    vsnprintf(raw, sizeof raw, fmt, ap);
    text_escape(out, outsz, raw, strlen(raw));
}

int ep_fail(struct ep_error *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        format_escaped(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void diag_set_quiet(int quiet) { quiet_mode = quiet; }

void diag_set_sink(void (*fn)(const char *text, void *user), void *user, int drop)
{
    pthread_mutex_lock(&diag_lock);
    sink_fn = fn;
    sink_user = user;
    sink_drop = !fn && drop;
    pthread_mutex_unlock(&diag_lock);
}
void diag_set_verbose(int verbose) { verbose_mode = verbose; }
int diag_verbose(void) { return verbose_mode; }
unsigned long ep_warning_count(void) { return warnings; }

static unsigned seen_bump(const char *text)
{
    unsigned h = 5381;
    for (const char *p = text; *p; p++)
        h = h * 33 + (unsigned char)*p;
    unsigned slot = h % SEEN_SLOTS;
    if (strncmp(seen[slot].text, text, sizeof seen[slot].text - 1) != 0) {
        size_t n = strnlen(text, sizeof seen[slot].text - 1);
        memcpy(seen[slot].text, text, n);
        seen[slot].text[n] = 0;
        seen[slot].count = 0;
    }
    return ++seen[slot].count;
}

/* One finished line, to stderr or to the held buffer.  Lock held. */
static void emit_warning_line(const char *line)
{
    if (!holding) {
        fputs(line, stderr);
        return;
    }
    size_t n = strlen(line);
    if (held_len + n > HELD_MAX) {
        held_dropped++;
        return;
    }
    char *grown = realloc(held, held_len + n + 1);
    if (!grown) {
        held_dropped++;
        return;
    }
    held = grown;
    memcpy(held + held_len, line, n + 1);
    held_len += n;
}

void ep_warn(const char *fmt, ...)
{
    /* -q: counted, never formatted.  Formatting and escaping a warning that
     * nobody sees was most of the time spent on hostile captures that warn
     * once per damaged run (the capture fuzzer's profile). */
    if (quiet_mode || sink_drop) {
        pthread_mutex_lock(&diag_lock);
        warnings++;
        pthread_mutex_unlock(&diag_lock);
        return;
    }
    char text[TEXT_ESCAPED_SIZE(1024)];
    va_list ap;
    va_start(ap, fmt);
    format_escaped(text, sizeof text, fmt, ap);
    va_end(ap);

    pthread_mutex_lock(&diag_lock);
    warnings++;
    if (sink_fn) {
        /* The callback runs outside the lock: it may do anything, even
         * call back into the library. */
        void (*fn)(const char *, void *) = sink_fn;
        void *user = sink_user;
        unsigned n = seen_bump(text);
        pthread_mutex_unlock(&diag_lock);
        if (n <= SEEN_REPEAT_LIMIT)
            fn(text, user);
        return;
    }
    {
        unsigned n = seen_bump(text);
        char line[sizeof text + 32];
        if (n <= SEEN_REPEAT_LIMIT) {
            snprintf(line, sizeof line, "eproc: warning: %s\n", text);
            emit_warning_line(line);
        } else if (n == SEEN_REPEAT_LIMIT + 1) {
            emit_warning_line("eproc: warning: (further warnings like the last are suppressed)\n");
        }
    }
    pthread_mutex_unlock(&diag_lock);
}

void ep_info(const char *fmt, ...)
{
    if (!verbose_mode || quiet_mode)
        return;
    char text[TEXT_ESCAPED_SIZE(1024)];
    va_list ap;
    va_start(ap, fmt);
    format_escaped(text, sizeof text, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&diag_lock);
    fprintf(stderr, "eproc: %s\n", text);
    pthread_mutex_unlock(&diag_lock);
}

void ep_error_line(const char *fmt, ...)
{
    char text[TEXT_ESCAPED_SIZE(1024)];
    va_list ap;
    va_start(ap, fmt);
    format_escaped(text, sizeof text, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&diag_lock);
    fprintf(stderr, "eproc: %s\n", text);
    pthread_mutex_unlock(&diag_lock);
}

void diag_hold_warnings(int hold)
{
    pthread_mutex_lock(&diag_lock);
    holding = hold;
    pthread_mutex_unlock(&diag_lock);
}

void diag_finish(int exit_code)
{
    pthread_mutex_lock(&diag_lock);
    if (exit_code != EP_EXIT_INPUT) {
        if (held_len)
            fputs(held, stderr);
        if (held_dropped)
            fprintf(stderr, "eproc: warning: %lu further warnings not shown (more than %u KiB of warnings)\n",
                    held_dropped, HELD_MAX >> 10);
    }
    free(held);
    held = NULL;
    held_len = 0;
    held_dropped = 0;
    holding = 0;
    fflush(stderr);
    pthread_mutex_unlock(&diag_lock);
}
