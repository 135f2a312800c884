/* Harness: the fast ISF symbol scanner that profile selection runs over
 * every table in the symbol directories (issue 6).
 *
 * Input: a .json or .json.xz symbol table.  Checked against the full
 * loader: when both read the file, every symbol address the loader sees
 * under a plain name, the scanner finds with the same value (the profile
 * chosen by the scanner must describe the table the loader then uses). */
#include "fuzz.h"

#include <string.h>

#include "base/diag.h"
#include "symbols/isf.h"
#include "symbols/symscan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    return 0;
}

static int plain(const char *s)
{
    return s[0] && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@$?.") == strlen(s) &&
           strlen(s) < 500;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ep_error err;
    struct isf_symbols *s = isf_symbols_load_buffer(data, size, "fuzz", &err);
    if (!s)
        return 0;
    for (size_t i = 0; i < s->n; i++) {
        uint64_t a;
        FUZZ_ASSERT(isf_symbols_find(s, s->syms[i].name, &a) == 0);
        if (i)
            FUZZ_ASSERT(strcmp(s->syms[i - 1].name, s->syms[i].name) <= 0);
    }
    struct isf *isf = isf_load_buffer(data, size, "fuzz", &err);
    if (isf) {
        for (uint32_t i = 0; i < isf->nsym; i++) {
            const struct isf_symbol *sym = &isf->symbols[i];
            uint64_t a;
            if (!sym->has_address || !plain(sym->name))
                continue;
            FUZZ_ASSERT(isf_symbols_find(s, sym->name, &a) == 0 && a == sym->address);
        }
        isf_free(isf);
    }
    isf_symbols_free(s);
    return 0;
}
