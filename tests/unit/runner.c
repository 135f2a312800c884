#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"

struct test_entry { const char *name; test_fn fn; };
static struct test_entry tests[512];
static int ntests;
int test_failed_checks;
static int skipped_now;

void test_register(const char *name, test_fn fn)
{
    if (ntests < (int)(sizeof tests / sizeof tests[0]))
        tests[ntests++] = (struct test_entry){ name, fn };
}

void test_skip(const char *why)
{
    printf("skip - %s: %s\n", "unit", why);
    skipped_now = 1;
}

const char *test_shared_data(void)
{
    static char path[4096];
    const char *env = getenv("EPROC_SHARED_DATA");
    struct stat st;
    if (env && stat(env, &st) == 0)
        return env;
    snprintf(path, sizeof path, "../shared/data");
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return path;
    return NULL;
}

const char *test_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "tests/tmp/unit-%d", (int)getpid());
        mkdir("tests/tmp", 0755);
        mkdir(dir, 0755);
    }
    return dir;
}

int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    int failed = 0;
    diag_set_quiet(getenv("EPROC_TEST_VERBOSE") == NULL);
    /* The symbol index cache goes to the scratch directory, never to the
     * user's ~/.cache (and no earlier run's cache decides anything). */
    char cache[4096];
    snprintf(cache, sizeof cache, "%s/cache", test_tmpdir());
    setenv("XDG_CACHE_HOME", cache, 1);
    for (int i = 0; i < ntests; i++) {
        if (only && !strstr(tests[i].name, only))
            continue;
        int before = test_failed_checks;
        skipped_now = 0;
        tests[i].fn();
        if (skipped_now)
            continue;
        if (test_failed_checks != before) {
            printf("not ok - %s\n", tests[i].name);
            failed++;
        } else {
            printf("ok - %s\n", tests[i].name);
        }
    }
    return failed ? 1 : 0;
}
