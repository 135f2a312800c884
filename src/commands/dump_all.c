/* eproc dump-all: every process's whole anatomy in one run, as jsonl: one
 * line per process, its kernel facts and, under "threads", "modules",
 * "handles", "vads" and "tokens", exactly the rows the single commands
 * (threads, dlllist, handles, vadinfo, tokens) give for it, built by the
 * same functions (commands/anatomy_section.h) from one anatomy model, so
 * the capture is opened, the processes found and each process's memory
 * walked once instead of five times (docs/output.md, "dump-all"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/anatomy_section.h"
#include "commands/model_cmd.h"

extern const struct command cmd_dump_all;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "ppid", "PPID", COL_UINT },
    { "offset", "Offset(V)", COL_ADDR },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
};
enum { C_PID, C_PROC, C_PPID, C_OFF, C_CREATE, C_EXIT };

static const struct anatomy_section *const sections[] = {
    &section_threads, &section_modules, &section_handles, &section_vads, &section_tokens,
};

/* Render t as jsonl into a string ("" when it has no rows). */
static char *render_jsonl(const struct table *t, int *failed)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m || table_render(t, OUT_JSONL, m) != 0)
        *failed = 1;
    if (m)
        fclose(m);
    return buf;
}

/* Write jsonl rows (one object per line) as the elements of a JSON array. */
static void put_array(FILE *out, const char *rows)
{
    fputc('[', out);
    int first = 1;
    for (const char *line = rows; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (n) {
            if (!first)
                fputc(',', out);
            fwrite(line, 1, n, out);
            first = 0;
        }
        line += n + (nl != NULL);
    }
    fputc(']', out);
}

static void process_cells(struct table *t, const struct an_process *p)
{
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    if (p->ppid_known)
        cell_uint(t, C_PPID, p->ppid);
    if (p->has_kernel) {
        cell_addr(t, C_OFF, p->eprocess);
        cell_time(t, C_CREATE, p->create);
        cell_time(t, C_EXIT, p->exit);
    }
}

static int run_dump_all(struct ep_context *ctx, int argc, char **argv)
{
    unsigned parts = 0;
    for (size_t s = 0; s < ARRAY_LEN(sections); s++)
        parts |= sections[s]->parts;
    struct anatomy *a;
    struct table *unused;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_dump_all, argc, argv, cols, ARRAY_LEN(cols), parts, &a, &unused, &rc))
        return rc;
    table_free(unused);
    model_warn_missing_part(a, "handles", a->no_handles);
    model_warn_missing_part(a, "tokens", a->no_tokens);
    model_warn_missing_part(a, "vadinfo", a->no_regions);
    unsigned found = 0;
    int failed = 0;
    for (size_t i = 0; i < a->nprocs && !failed; i++) {
        const struct an_process *p = &a->procs[i];
        struct table *t = table_new(cols, ARRAY_LEN(cols));
        process_cells(t, p);
        char *head = render_jsonl(t, &failed);
        table_free(t);
        /* {"pid":...,"exit_time":...} without its closing brace and newline */
        size_t hn = head ? strlen(head) : 0;
        while (hn && (head[hn - 1] == '\n' || head[hn - 1] == '}'))
            if (head[--hn] == '}')
                break;
        if (!head || hn == 0) {
            free(head);
            failed = 1;
            break;
        }
        fwrite(head, 1, hn, ctx->out);
        free(head);
        for (size_t s = 0; s < ARRAY_LEN(sections); s++) {
            const struct anatomy_section *sec = sections[s];
            struct table *st = table_new(sec->cols, sec->ncols);
            found += sec->rows(st, a, p);
            char *rows = render_jsonl(st, &failed);
            table_free(st);
            fprintf(ctx->out, ",\"%s\":", sec->name);
            put_array(ctx->out, rows);
            free(rows);
        }
        fputs("}\n", ctx->out);
        /* Rendering walks each process's page tables again (vadinfo's
         * extents), mapping pages all over the capture: without letting go
         * of them now and then, the 2,001-process machine's resident memory
         * grew by 1.4 GB here, after the model was built
         * (docs/performance.md). */
        if ((i & 15) == 15)
            anatomy_release_pages(a);
    }
    anatomy_free(a);
    if (failed || fflush(ctx->out) != 0 || ferror(ctx->out)) {
        fprintf(stderr, "eproc: cannot write output\n");
        return EP_EXIT_INPUT;
    }
    return found ? EP_EXIT_FOUND : EP_EXIT_OK;
}

const struct command cmd_dump_all = {
    "dump-all",
    "every process's whole anatomy in one run (jsonl): threads, modules, handles, VADs, tokens",
    "usage: eproc -f CAPTURE dump-all [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "One JSON object per line and process: pid, process, ppid, offset,\n"
    "create_time, exit_time, then the arrays threads, modules, handles, vads\n"
    "and tokens, whose elements are exactly the rows 'threads', 'dlllist',\n"
    "'handles', 'vadinfo' and 'tokens' give with -o jsonl for that process.\n"
    "The capture is opened and each process walked once for all of them.\n"
    "Always jsonl, whatever -o says.  Warnings and the exit code are the\n"
    "single commands' (exit 1 when a handle is a finding).\n",
    run_dump_all,
};

COMMAND_COLUMNS(cmd_dump_all, cols, sizeof cols / sizeof cols[0], NULL)
