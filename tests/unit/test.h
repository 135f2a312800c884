/* A minimal unit-test harness: TEST(name) registers a function; CHECK
 * records a failure with file:line and keeps going.  The runner prints one
 * "ok - name" / "not ok - name" line per test, which tests/run.sh counts. */
#ifndef EPROC_TEST_H
#define EPROC_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void test_register(const char *name, test_fn fn);
extern int test_failed_checks;
/* Directory of ../shared/data, or NULL when absent (then tests skip). */
const char *test_shared_data(void);
/* Scratch directory for fixtures, created on first use. */
const char *test_tmpdir(void);
void test_skip(const char *why);

#define TEST(name)                                                          \
    static void test_##name(void);                                          \
    __attribute__((constructor)) static void register_##name(void)          \
    { test_register(#name, test_##name); }                                  \
    static void test_##name(void)

#define CHECK(cond) do {                                                    \
    if (!(cond)) {                                                          \
        fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        test_failed_checks++;                                               \
    } } while (0)

#define CHECK_EQ_U64(a, b) do {                                             \
    uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                        \
    if (a_ != b_) {                                                         \
        fprintf(stderr, "  %s:%d: %s == 0x%" PRIx64 ", expected 0x%" PRIx64 "\n", \
                __FILE__, __LINE__, #a, a_, b_);                            \
        test_failed_checks++;                                               \
    } } while (0)

#define CHECK_STR(a, b) do {                                                \
    const char *a_ = (a), *b_ = (b);                                        \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                \
        fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n",         \
                __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
        test_failed_checks++;                                               \
    } } while (0)

#endif
