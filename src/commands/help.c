/* One help layout for every command: usage, summary, the command's options,
 * the global options, the columns of its rows (generated from the column
 * tables the rows are built from), then what the rows show in prose, then
 * the Volatility 3 name.
 *
 * Each command keeps its help as one text (struct command.usage: a usage
 * block, prose, and option lines that start with "  -").  This file sorts
 * that text into the sections, so the layout is the same whatever order a
 * command wrote it in, and the man page (help2man) and the bash completion
 * read the same sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/command.h"

void help_global_options(FILE *out)
{
    fprintf(out,
        "  -f, --file IMAGE      capture to analyse: raw image, crash dump (full,\n"
        "                        bitmap, kernel triage), ELF core, LiME, minidump\n"
        "  -s, --symbols SYMDIR  symbol directory laid out like Volatility 3's\n"
        "                        (SYMDIR/windows/ntkrnlmp.pdb/GUID-AGE.json.xz);\n"
        "                        repeatable, or several separated by ';';\n"
        "                        searched in order\n"
        "  -o, --output FORMAT   text (default), json, jsonl or csv (timeline:\n"
        "                        also bodyfile)\n"
        "  -r, --renderer FMT    the same, as Volatility 3 spells it (quick and\n"
        "                        pretty mean text)\n"
        "  -q, --quiet           no warnings and no progress on stderr\n"
        "  -v, --verbose         explain what is being done on stderr\n"
        "      --threads N       workers for scans of physical memory (1 to 64;\n"
        "                        default: the online CPUs)\n");
}

static int is_option_line(const char *line, size_t len)
{
    return len >= 3 && line[0] == ' ' && line[1] == ' ' && line[2] == '-';
}

static int is_continuation(const char *line, size_t len)
{
    return len >= 6 && strncmp(line, "      ", 6) == 0;
}

/* Calls emit(line, len) for each line of text in the given section. */
enum help_part { PART_USAGE, PART_OPTIONS, PART_DETAILS };

static void print_part(FILE *out, const char *text, enum help_part want)
{
    const char *p = text;
    int in_usage = 1, in_option = 0, in_columns = 0, printed_blank = 1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        enum help_part part;
        if (in_usage) {
            if (len == 0) {
                in_usage = 0;
                p += len + (nl ? 1 : 0);
                continue;
            }
            part = PART_USAGE;
        } else if (is_option_line(p, len) || (in_option && is_continuation(p, len))) {
            in_option = 1;
            part = PART_OPTIONS;
        } else if (in_columns || (len >= 8 && strncmp(p, "columns:", 8) == 0)) {
            /* A command's own list of its column keys, in its prose: the
             * layout prints the list generated from its table instead. */
            in_columns = len != 0;
            p += len + (nl ? 1 : 0);
            continue;
        } else {
            in_option = 0;
            part = PART_DETAILS;
            /* The command's own "options:" heading: the layout prints one. */
            if (len == 8 && strncmp(p, "options:", 8) == 0) {
                p += len + (nl ? 1 : 0);
                continue;
            }
        }
        if (part == want) {
            /* Collapse runs of blank lines left where options were taken out. */
            if (len == 0) {
                if (!printed_blank)
                    fputc('\n', out);
                printed_blank = 1;
            } else {
                fprintf(out, "%.*s\n", (int)len, p);
                printed_blank = 0;
            }
        }
        p += len + (nl ? 1 : 0);
    }
}

/* The section without blank lines before or after it; 0 when empty. */
static int print_trimmed(FILE *out, const char *text, enum help_part want)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        return 0;
    print_part(m, text, want);
    fclose(m);
    size_t start = strspn(buf, "\n");
    while (n > start && buf[n - 1] == '\n')
        n--;
    if (n > start)
        fprintf(out, "%.*s\n", (int)(n - start), buf + start);
    free(buf);
    return n > start;
}

/* --- the column tables the commands register (COMMAND_COLUMNS) --- */

#define MAX_COLUMN_TABLES 128
static struct command_columns column_tables[MAX_COLUMN_TABLES];
static unsigned ncolumn_tables;

void command_columns_add(const struct command *cmd, const struct col_def *cols, unsigned ncols,
                         const char *label)
{
    if (ncolumn_tables < MAX_COLUMN_TABLES)
        column_tables[ncolumn_tables++] = (struct command_columns){ cmd, label, cols, ncols };
}

const struct command_columns *command_columns_at(const struct command *cmd, unsigned i)
{
    for (unsigned j = 0; j < ncolumn_tables; j++)
        if (column_tables[j].cmd == cmd && i-- == 0)
            return &column_tables[j];
    return NULL;
}

static const char *col_type_name(enum col_type type)
{
    switch (type) {
    case COL_STR: return "text";
    case COL_INT: case COL_UINT: return "number";
    case COL_ADDR: return "address (\"0x...\")";
    case COL_HEX: return "hex (\"0x...\")";
    case COL_TIME: return "time (ISO-8601 UTC)";
    case COL_BOOL: return "true/false";
    case COL_LIST: return "list (JSON array)";
    case COL_RECORDS: return "records (JSON array of objects)";
    default: break;        /* a type added since: its JSON form is in docs/schema.md */
    }
    return "value";
}

/* "columns:" then one line per column: the JSON/CSV key, the text
 * heading, the type; a heading per table when a command has several. */
static void print_columns(const struct command *cmd, FILE *out)
{
    const struct command_columns *first = command_columns_at(cmd, 0);
    fprintf(out, "\ncolumns (key, text heading, type; null when unknown):\n");
    if (!first) {
        fprintf(out, "  (no rows: see below for what it writes)\n");
        return;
    }
    for (unsigned i = 0; command_columns_at(cmd, i); i++) {
        const struct command_columns *c = command_columns_at(cmd, i);
        if (c->label)
            fprintf(out, "%s  %s:\n", i ? "\n" : "", c->label);
        int wkey = 0, whead = 0;
        for (unsigned j = 0; j < c->ncols; j++) {
            int k = (int)strlen(c->cols[j].key), h = (int)strlen(c->cols[j].header);
            wkey = k > wkey ? k : wkey;
            whead = h > whead ? h : whead;
        }
        for (unsigned j = 0; j < c->ncols; j++)
            fprintf(out, "  %-*s  %-*s  %s\n", wkey, c->cols[j].key, whead, c->cols[j].header,
                    col_type_name(c->cols[j].type));
    }
}

void command_print_help(const struct command *cmd, FILE *out)
{
    print_trimmed(out, cmd->usage, PART_USAGE);
    fprintf(out, "\n%s\n\noptions:\n", cmd->summary);
    char *opts = NULL;
    size_t nopts = 0;
    FILE *m = open_memstream(&opts, &nopts);
    int any = m && print_trimmed(m, cmd->usage, PART_OPTIONS);
    if (m)
        fclose(m);
    /* Process commands that only name --pid/--name in their usage line. */
    int filter_in_usage = strstr(cmd->usage, "[--pid") && strstr(cmd->usage, "[--name");
    if (filter_in_usage && !(opts && strstr(opts, "  --pid"))) {
        fprintf(out, "  --pid PID[,PID...]  only these process IDs (repeatable; --pid 4 392 works too)\n"
                     "  --name NAME         only processes with this image name (repeatable)\n");
        any = 1;
    }
    if (opts)
        fputs(opts, out);
    free(opts);
    if (!any)
        fprintf(out, "  (none besides the global options)\n");
    fprintf(out, "  -h, --help          this help\n");
    fprintf(out, "\nglobal options (before or after the command):\n");
    help_global_options(out);
    print_columns(cmd, out);
    fprintf(out, "\nwhat it shows:\n");
    print_trimmed(out, cmd->usage, PART_DETAILS);
    char buf[80];
    const char *vol = command_vol3_name(cmd, buf, sizeof buf);
    fprintf(out, "\nvolatility 3: %s\n", vol ? vol : "(no equivalent plugin)");
}
