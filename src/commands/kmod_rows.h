/* The rows modules and modscan share: one kernel module (driver) each. */
#ifndef EPROC_COMMANDS_KMOD_ROWS_H
#define EPROC_COMMANDS_KMOD_ROWS_H

#include "output/table.h"
#include "windows/kmodules.h"

/* Columns 0..KMOD_NCOLS-1: offset, offset_phys, base, size, name, path,
 * entry_point, pdb_name, pdb_id, checksum, timestamp.  Commands append
 * their own after them. */
#define KMOD_COLUMNS \
    { "offset", "Offset(V)", COL_ADDR }, \
    { "offset_phys", "Offset(P)", COL_ADDR }, \
    { "base", "Base", COL_ADDR }, \
    { "size", "Size", COL_HEX }, \
    { "name", "Name", COL_STR }, \
    { "path", "Path", COL_STR }, \
    { "entry_point", "EntryPoint", COL_ADDR }, \
    { "pdb_name", "PDB", COL_STR }, \
    { "pdb_id", "PDBId", COL_STR }, \
    { "checksum", "CheckSum", COL_HEX }, \
    { "timestamp", "TimeDateStamp", COL_HEX }
#define KMOD_NCOLS 11

void kmod_row(struct table *t, const struct kmodule *m);

#endif
