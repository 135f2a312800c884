#include "commands/kmod_rows.h"

enum { C_OFF, C_OFFP, C_BASE, C_SIZE, C_NAME, C_PATH, C_EP, C_PDB, C_PDBID, C_CSUM, C_TS };

void kmod_row(struct table *t, const struct kmodule *m)
{
    if (m->entry)
        cell_addr(t, C_OFF, m->entry);
    if (m->entry_pa != ~0ull)
        cell_addr(t, C_OFFP, m->entry_pa);
    cell_addr(t, C_BASE, m->base);
    cell_addr(t, C_SIZE, m->size);
    cell_str(t, C_NAME, m->name);
    cell_str(t, C_PATH, m->path);
    if (m->entry_point)
        cell_addr(t, C_EP, m->entry_point);
    if (m->has_cv) {
        cell_str(t, C_PDB, m->pdb_name);
        cell_str(t, C_PDBID, m->pdb_id);
    }
    if (m->has_checksum) {
        cell_addr(t, C_CSUM, m->checksum);
        cell_addr(t, C_TS, m->timestamp);
    }
}
