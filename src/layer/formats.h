/* Per-format parsers, internal to the physical layer.  Each fills the
 * capture's kind, format name, runs (and vblocks / dump facts). */
#ifndef EPROC_LAYER_FORMATS_H
#define EPROC_LAYER_FORMATS_H

#include "layer/physical.h"

/* LiME header magic 0x4C694D45 (stored little-endian: "EMiL"), version 1.
 * Source: LiME's documented file format (lime-forensics, doc/README.md). */
#define LIME_MAGIC 0x4C694D45u
#define LIME_HEADER_SIZE 32

int raw_parse(struct capture *cap, struct ep_error *err);
int crashdump_parse(struct capture *cap, struct ep_error *err);
int elfcore_parse(struct capture *cap, struct ep_error *err);
int lime_parse(struct capture *cap, struct ep_error *err);

#endif
