/* Shared between the ISF model, loader and writer. */
#ifndef EPROC_SYMBOLS_ISF_INTERNAL_H
#define EPROC_SYMBOLS_ISF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "symbols/isf.h"

void isf_sort(struct isf *isf);
const char *isf_kind_name(enum isf_kind k);
/* First type name referenced but not defined (NULL if none). */
const char *isf_first_dangling(const struct isf *isf, const char **in_type, const char **in_field);

/* xz helpers (xz.c).  Decompression is capped at max_out bytes. */
int xz_is_compressed(const void *data, size_t len);
int xz_decompress(const void *in, size_t in_len, size_t max_out, uint8_t **out, size_t *out_len, const char *label,
                  struct ep_error *err);
int xz_compress(const void *in, size_t in_len, uint8_t **out, size_t *out_len);

#endif
