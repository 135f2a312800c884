/* Fast, partial reading of an ISF file: only its metadata and symbol
 * addresses.  Choosing a profile compares a capture's kernel addresses with
 * every table in the symbol directories (43 in ../shared/data); a full
 * parse of each is ~300 ms, this decompresses and scans the text chunk by
 * chunk and stops once metadata and symbols are read (top-level keys are
 * stored sorted: before "user_types", half of the file), keeping only the
 * wanted symbols; the full loader's shape caps (json_shape.h) apply to
 * every byte decoded. */
#ifndef EPROC_SYMBOLS_SYMSCAN_H
#define EPROC_SYMBOLS_SYMSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

struct sym_addr {
    char *name;
    uint64_t address;
};

struct isf_symbols {
    char guid[33];
    uint32_t age;
    uint32_t machine_type;
    struct sym_addr *syms;     /* sorted by name */
    size_t n;
};

/* Read metadata + symbols from a .json/.json.xz file. */
struct isf_symbols *isf_symbols_load(const char *path, struct ep_error *err);
/* Only the symbols named in names[0..nnames) (repeats allowed), with the
 * metadata. */
struct isf_symbols *isf_symbols_load_wanted(const char *path, const char *const *names, unsigned nnames,
                                            struct ep_error *err);
/* The same from bytes in memory (the fuzzer and tests); label names them
 * in messages. */
struct isf_symbols *isf_symbols_load_buffer(const void *data, size_t len, const char *label, struct ep_error *err);
void isf_symbols_free(struct isf_symbols *s);
/* Address of a symbol; 0 and -1 if absent or address-less. */
int isf_symbols_find(const struct isf_symbols *s, const char *name, uint64_t *address);

#endif
