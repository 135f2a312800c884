/* Fast, partial reading of an ISF file: only its metadata and symbol
 * addresses.  Choosing a profile compares a capture's kernel addresses with
 * every table in the symbol directories (43 in ../shared/data); a full
 * parse of each is ~300 ms, this decompresses and scans the text chunk by
 * chunk and stops as soon as nothing later can matter (keys and symbol
 * names are stored sorted): before "user_types", or, for a few wanted
 * names, right after the last of them.  It builds nothing but the kept
 * symbols, so it needs no shape check (json_shape.h): the full loader
 * applies those caps to the one table that is then loaded. */
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
 * metadata.  Stops reading once the file's sorted symbols section is past
 * the last of them (symscan.c): about 40% of a kernel table. */
struct isf_symbols *isf_symbols_load_wanted(const char *path, const char *const *names, unsigned nnames,
                                            struct ep_error *err);
/* The same from bytes in memory (the fuzzer and tests); label names them
 * in messages. */
struct isf_symbols *isf_symbols_load_buffer(const void *data, size_t len, const char *label, struct ep_error *err);
void isf_symbols_free(struct isf_symbols *s);
/* Address of a symbol; 0 and -1 if absent or address-less. */
int isf_symbols_find(const struct isf_symbols *s, const char *name, uint64_t *address);

#endif
