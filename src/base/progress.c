#include "base/progress.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int enabled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char what[64];
static uint64_t total, done;
static int active, shown;
static double last_draw;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_enable(int on) { enabled = on; }
int progress_enabled(void) { return enabled; }

/* Lock held.  At most ten redraws a second: a terminal is slow. */
static void draw(int force)
{
    double t = now();
    if (!force && t - last_draw < 0.1)
        return;
    last_draw = t;
    if (total)
        fprintf(stderr, "\reproc: %s: %3u%%\033[K", what, (unsigned)(done * 100 / total > 100 ? 100 : done * 100 / total));
    else
        fprintf(stderr, "\reproc: %s: %llu\033[K", what, (unsigned long long)done);
    fflush(stderr);
    shown = 1;
}

void progress_begin(const char *w, uint64_t t)
{
    if (!enabled)
        return;
    pthread_mutex_lock(&lock);
    snprintf(what, sizeof what, "%s", w);
    total = t;
    done = 0;
    active = 1;
    last_draw = 0;
    draw(1);
    pthread_mutex_unlock(&lock);
}

void progress_add(uint64_t n)
{
    if (!enabled || !active)
        return;
    pthread_mutex_lock(&lock);
    done += n;
    draw(0);
    pthread_mutex_unlock(&lock);
}

void progress_end(void)
{
    if (!enabled)
        return;
    pthread_mutex_lock(&lock);
    if (shown)
        fputs("\r\033[K", stderr);
    fflush(stderr);
    active = shown = 0;
    pthread_mutex_unlock(&lock);
}
