/* eproc minidump: the streams of a process minidump, as its directory
 * lists them, with what the parser made of each. */
#include <string.h>

#include "commands/md_common.h"
#include "layer/physical.h"

extern const struct command cmd_minidump;

static const struct col_def cols[] = {
    { "index", "Index", COL_UINT },
    { "type", "Type", COL_HEX },
    { "type_name", "Name", COL_STR },
    { "rva", "RVA", COL_HEX },
    { "size", "Size", COL_HEX },
    { "status", "Status", COL_STR },
    { "summary", "Summary", COL_STR },
};
enum { C_INDEX, C_TYPE, C_NAME, C_RVA, C_SIZE, C_STATUS, C_SUMMARY };

static const char *status_name(enum md_stream_status st)
{
    switch (st) {
    case MD_ST_PARSED: return "parsed";
    case MD_ST_PARTIAL: return "partial";
    case MD_ST_EMPTY: return "empty";
    case MD_ST_UNKNOWN: return "not decoded";
    case MD_ST_BAD: return "unreadable";
    case MD_ST_DUPLICATE: return "duplicate";
    default: return "?";
    }
}

static int run_minidump(struct ep_context *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cmd_usage_error(&cmd_minidump, "unexpected argument '%s'", argv[1]);
    int rc = EP_EXIT_OK;
    struct md_dump *md = md_cmd_open(ctx, &rc);
    if (!md)
        return rc;
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    for (size_t i = 0; i < md->nstreams; i++) {
        const struct md_stream *s = &md->streams[i];
        table_add_row(t);
        cell_uint(t, C_INDEX, s->index);
        cell_addr(t, C_TYPE, s->type);
        cell_str(t, C_NAME, md_stream_type_name(s->type));
        cell_addr(t, C_RVA, s->rva);
        cell_uint(t, C_SIZE, s->size);
        cell_str(t, C_STATUS, status_name(s->status));
        if (s->note[0])
            cell_str(t, C_SUMMARY, s->note);
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_minidump = {
    "minidump",
    "list the streams of a process minidump (MDMP) and what was read from each",
    "usage: eproc -f DUMP.dmp minidump\n"
    "\n"
    "Lists the minidump's stream directory: index, stream type (number and\n"
    "name, including Breakpad/Crashpad/Wine vendor streams), where it lies in\n"
    "the file, its size, and what eproc made of it: parsed, partial (some\n"
    "entries dropped, with a warning), empty (unused slot), not decoded\n"
    "(listed only), unreadable (outside the file) or duplicate.\n"
    "\n"
    "columns: index, type, type_name, rva, size, status, summary\n",
    run_minidump,
};

COMMAND_COLUMNS(cmd_minidump, cols, sizeof cols / sizeof cols[0], NULL)
