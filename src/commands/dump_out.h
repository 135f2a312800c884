/* Writing dumped memory to files (procdump, dlldump, memdump; issue 13
 * item 5, docs/memmap.md "Dumping").
 *
 * Everything lands in the one directory the user names with --dump-dir:
 * file names are built from capture text only through safe_name(), files
 * are created with O_EXCL|O_NOFOLLOW (an existing file or a planted
 * symlink is refused; --force replaces regular files, never follows a
 * link), and each file gets a line in DIR/manifest.txt: sha256, size,
 * source address, pid, kind, file name.  Creation is base/safe_file.c's
 * safe_create_at().  The same facts are the
 * command's output rows. */
#ifndef EPROC_COMMANDS_DUMP_OUT_H
#define EPROC_COMMANDS_DUMP_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "anatomy/model.h"
#include "commands/command.h"
#include "output/table.h"

/* The options every dump command takes, split off argv. */
struct dump_opts {
    const char *dir;          /* --dump-dir */
    int force;                /* --force */
    int has_base;
    uint64_t base;            /* --base ADDR (dlldump, memdump) */
    int rest_argc;
    char **rest_argv;         /* what is left for --pid/--name (owned) */
};
/* 0, or an exit code after printing the problem.  Without --dump-dir the
 * command lists what it would write and writes nothing (a dry run). */
int dump_opts_parse(const struct command *cmd, int argc, char **argv, struct dump_opts *o);
void dump_opts_free(struct dump_opts *o);

struct dump_out;
/* Open DIR (it must exist and be a directory) and its manifest; no DIR:
 * a dry run.  NULL with *rc set after printing one line. */
struct dump_out *dump_out_open(const struct command *cmd, const struct dump_opts *o, int *rc);
/* 0 when every file was written, else EP_EXIT_INPUT (after the messages). */
int dump_out_close(struct dump_out *d);

/* The columns of every dump command's output, and the row for one file. */
extern const struct col_def dump_columns[];
extern const unsigned dump_column_count;

/* Write len bytes of p's memory from va (pages the capture lacks become
 * zeros, counted in the row) into DIR/<name>, name built from the parts:
 * "pid.<pid>.<kind>.<0xva>.<safe label>.<ext>".  patch, when given, is
 * called on each chunk (offset, bytes, n) before it is hashed and written
 * (procdump's header fix-up).  Adds the output row.  0 or -1. */
typedef void (*dump_patch_fn)(void *arg, uint64_t offset, uint8_t *bytes, size_t n);
int dump_memory(struct dump_out *d, struct table *t, const struct an_process *p, const char *kind,
                const char *label, const char *ext, uint64_t va, uint64_t len, dump_patch_fn patch,
                void *patch_arg);

/* The most bytes one file may take: a VAD or image claiming more is
 * refused (a hostile size must not fill the disk with zeros). */
#define DUMP_MAX_FILE (1ull << 30)

#endif
