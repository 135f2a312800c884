/* Shared between the ISF model, loader and writer. */
#ifndef EPROC_SYMBOLS_ISF_INTERNAL_H
#define EPROC_SYMBOLS_ISF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "symbols/isf.h"

/* Size caps shared by the full loader (isf_load.c) and the fast symbol
 * scan (symscan.c).  The real kernel tables in ../shared/data are at most
 * 1.2 MiB compressed and expand to 6.4 MiB; 64 MiB is a 10x margin, and
 * with the shape caps (json_shape.h) it keeps any file within these caps
 * under 5 s and 512 MiB (docs/hostile-input.md §2). */
#define ISF_MAX_FILE_BYTES (64u << 20)   /* compressed or plain */
#define ISF_MAX_JSON_BYTES (64u << 20)   /* after decompression */

void isf_sort(struct isf *isf);
const char *isf_kind_name(enum isf_kind k);
/* First type name referenced but not defined (NULL if none). */
const char *isf_first_dangling(const struct isf *isf, const char **in_type, const char **in_field);

struct json_shape;

/* xz helpers (xz.c).  Decompression is capped at max_out bytes; with a
 * shape, the text is checked against its caps as it is decoded. */
int xz_is_compressed(const void *data, size_t len);
int xz_decompress(const void *in, size_t in_len, size_t max_out, struct json_shape *shape, uint8_t **out,
                  size_t *out_len, const char *label, struct ep_error *err);
int xz_compress(const void *in, size_t in_len, uint8_t **out, size_t *out_len);

#endif
