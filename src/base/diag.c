#include "base/diag.h"

#include <stdio.h>
#include <string.h>
#include <pthread.h>

static int quiet_mode;
static int verbose_mode;
static unsigned long warnings;
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;

/* Remember recent warning texts so a corrupt capture that trips the same
 * check a million times prints it a few times and then a summary. */
#define SEEN_SLOTS 64
#define SEEN_REPEAT_LIMIT 3
static struct { char text[160]; unsigned count; } seen[SEEN_SLOTS];

int ep_fail(struct ep_error *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void diag_set_quiet(int quiet) { quiet_mode = quiet; }
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

void ep_warn(const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);

    pthread_mutex_lock(&diag_lock);
    warnings++;
    if (!quiet_mode) {
        unsigned n = seen_bump(text);
        if (n <= SEEN_REPEAT_LIMIT)
            fprintf(stderr, "eproc: warning: %s\n", text);
        else if (n == SEEN_REPEAT_LIMIT + 1)
            fprintf(stderr, "eproc: warning: (further warnings like the last are suppressed)\n");
    }
    pthread_mutex_unlock(&diag_lock);
}

void ep_info(const char *fmt, ...)
{
    if (!verbose_mode || quiet_mode)
        return;
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&diag_lock);
    fputs("eproc: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    pthread_mutex_unlock(&diag_lock);
    va_end(ap);
}
