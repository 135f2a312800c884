/* Shared by the libFuzzer harnesses (fuzz/fuzz_*.c).
 *
 * Each harness defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize).  They are linked two ways: with libFuzzer for
 * `make fuzz`, and with replay_main.c, a plain main() that feeds them
 * files, so that the inputs under tests/fuzz-regressions/ run in every
 * build of `make test` (gcc, and clang with ASan+UBSan). */
#ifndef EPROC_FUZZ_H
#define EPROC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the harness checks failed: abort so that libFuzzer (or the
 * sanitizer) reports the input as a crash. */
#define FUZZ_ASSERT(cond) do { if (!(cond)) abort(); } while (0)

#endif
