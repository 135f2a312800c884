/* eproc report --out DIR: one self-contained HTML page (DIR/report.html)
 * with the capture's summary, the process tree drawn as SVG, each
 * process's anatomy, the findings with their evidence and a timeline
 * (docs/report.md).
 *
 * The page is built from the commands' own rows: each section runs a
 * command (info, pstree, psxview, tokens, threads, dlllist, handles,
 * vadinfo, envars, cmdline, malfind, hollowfind, check, timeline) as JSON
 * lines into a temporary file and lays its rows out one at a time, so the
 * report never disagrees with the CLI and never holds a section whole.
 * No script, no network, no external font: every byte is in the file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/progress.h"
#include "base/safe_file.h"
#include "base/sort.h"
#include "base/text.h"
#include "commands/command.h"
#include "layer/physical.h"

extern const struct command cmd_report;

/* ---- running a command ---- */

/* Run `eproc CMD ARG -o jsonl`, sharing ctx's capture and kernel, into a
 * temporary file, then hand each row to each() in order: only one row is
 * ever parsed at a time (the page of 2,000 processes held every section's
 * JSON at once: 2.3 GB).  Returns the number of rows (its warnings stand
 * when it printed none). */
static size_t each_row_of(struct ep_context *ctx, const char *name, void (*each)(json_t *row, void *user),
                          void *user)
{
    const struct command *c = command_find(name);
    FILE *m = c ? tmpfile() : NULL;
    if (!m)
        return 0;
    struct ep_context sub = *ctx;
    sub.out = m;
    sub.format = OUT_JSONL;
    sub.cmd = c;
    sub.bodyfile = 0;
    char *argv[2] = { (char *)name, NULL };
    c->run(&sub, 1, argv);
    ctx->cap = sub.cap;          /* opened once, for every section */
    ctx->kernel = sub.kernel;
    size_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    rewind(m);
    while ((len = getline(&line, &cap, m)) > 0) {
        json_t *row = json_loadb(line, (size_t)len, 0, NULL);
        if (row && json_is_object(row)) {
            each(row, user);
            n++;
        }
        json_decref(row);
    }
    free(line);
    fclose(m);
    return n;
}

/* ---- HTML text ---- */

/* Capture text as HTML: escaped like every text output first (controls as
 * \xNN), then the five HTML specials. */
static void put_text(FILE *o, const char *s)
{
    size_t n = strlen(s);
    if (n > 4096)
        n = 4096;
    char *esc = ep_calloc(1, TEXT_ESCAPED_SIZE(n));
    text_escape(esc, TEXT_ESCAPED_SIZE(n), s, n);
    for (const char *p = esc; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        default: fputc(*p, o);
        }
    }
    free(esc);
}

/* A JSON value as cell text ("" for null; arrays joined with ", "). */
static void put_value(FILE *o, const json_t *v)
{
    char buf[64];
    if (!v || json_is_null(v))
        return;
    if (json_is_string(v)) {
        put_text(o, json_string_value(v));
    } else if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        fputs(buf, o);
    } else if (json_is_true(v)) {
        fputs("true", o);
    } else if (json_is_false(v)) {
        fputs("false", o);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i)
                fputs(", ", o);
            put_value(o, x);
        }
    }
}

static const char *str_of(const json_t *row, const char *key)
{
    const json_t *v = json_object_get(row, key);
    return v && json_is_string(v) ? json_string_value(v) : NULL;
}

static long long int_of(const json_t *row, const char *key, long long dflt)
{
    const json_t *v = json_object_get(row, key);
    return v && json_is_integer(v) ? (long long)json_integer_value(v) : dflt;
}

static int list_has(const json_t *row, const char *key, const char *item)
{
    const json_t *v = json_object_get(row, key);
    size_t i;
    json_t *x;
    if (!v || !json_is_array(v))
        return 0;
    json_array_foreach(v, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), item) == 0)
            return 1;
    return 0;
}

/* ---- rows grouped by pid ---- */

struct by_pid {
    struct pid_row { long long pid; size_t seq; json_t *row; } *items;
    size_t n;
};

/* By pid, then in the command's order (qsort is not stable). */
static int cmp_pid(const void *a, const void *b)
{
    const struct pid_row *x = a, *y = b;
    if (x->pid != y->pid)
        return x->pid < y->pid ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void group(struct by_pid *g, json_t *rows)
{
    g->n = 0;
    g->items = ep_calloc(rows ? json_array_size(rows) + 1 : 1, sizeof *g->items);
    size_t i;
    json_t *r;
    if (!rows)
        return;
    json_array_foreach(rows, i, r) {
        g->items[g->n].pid = int_of(r, "pid", -1);
        g->items[g->n].seq = g->n;
        g->items[g->n].row = r;
        g->n++;
    }
    sort_items(g->items, g->n, sizeof *g->items, cmp_pid);
}

/* Rows of pid: [*first, *first + count). */
static size_t rows_for(const struct by_pid *g, long long pid, size_t *first)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g->items[mid].pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < g->n && g->items[end].pid == pid)
        end++;
    *first = lo;
    return end - lo;
}

/* ---- pane rows, spooled ---- */

/* A pane's rows (threads, modules, handles...) as HTML <tr> lines in a
 * temporary file, indexed by pid: the page copies a process's rows from
 * there when it writes its pane, so no section stays in memory. */
struct pane_ref { long long pid; size_t seq; long off; size_t len; };
struct pane {
    const char *title;
    const char *const *keys;
    struct pane_ref *items;
    size_t n, cap;
};

static int cmp_ref(const void *a, const void *b)
{
    const struct pane_ref *x = a, *y = b;
    if (x->pid != y->pid)
        return x->pid < y->pid ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void pane_add(struct pane *pn, FILE *spool, const json_t *row)
{
    long off = ftell(spool);
    fputs("<tr>", spool);
    for (const char *const *k = pn->keys; *k; k++) {
        fputs("<td>", spool);
        put_value(spool, json_object_get(row, *k));
        fputs("</td>", spool);
    }
    fputs("</tr>\n", spool);
    if (pn->n == pn->cap) {
        pn->cap = pn->cap ? pn->cap * 2 : 256;
        pn->items = realloc(pn->items, pn->cap * sizeof *pn->items);
        if (!pn->items)
            abort();
    }
    pn->items[pn->n] = (struct pane_ref){ int_of(row, "pid", -1), pn->n, off, (size_t)(ftell(spool) - off) };
    pn->n++;
}

/* Bytes [off, off + len) of the spool into o. */
static void copy_range(FILE *o, FILE *spool, long off, size_t len)
{
    char buf[16384];
    if (fseek(spool, off, SEEK_SET) != 0)
        return;
    while (len) {
        size_t k = fread(buf, 1, len < sizeof buf ? len : sizeof buf, spool);
        if (!k)
            break;
        fwrite(buf, 1, k, o);
        len -= k;
    }
}

/* The pane's table for pid's rows (the heading alone when none). */
static void pane_write(FILE *o, FILE *spool, const struct pane *pn, long long pid)
{
    size_t lo = 0, hi = pn->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pn->items[mid].pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < pn->n && pn->items[end].pid == pid)
        end++;
    fprintf(o, "<h4>%s (%zu)</h4>\n", pn->title, end - lo);
    if (end == lo)
        return;
    fputs("<div class=\"pane\"><table><thead><tr>", o);
    for (const char *const *k = pn->keys; *k; k++)
        fprintf(o, "<th>%s</th>", *k);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t i = lo; i < end; i++)
        copy_range(o, spool, pn->items[i].off, pn->items[i].len);
    fputs("</tbody></table></div>\n", o);
}

/* ---- the page ---- */

struct proc_node {
    json_t *row;                 /* pstree's (or cmdline's, minidumps) */
    long long pid;
    int depth;
    int parent;                  /* index of the parent node, -1 if none drawn */
    int hidden, exited, suspicious;
    const char *integrity;
    long long session;
};

struct finding {
    long long pid;
    char *source;                /* the check rule's id, or the command that found it */
    char *severity;              /* the rule's severity, "" for the commands' findings */
    char *process, *what;
    char *evidence_html;         /* the evidence, already HTML */
};

static const char style[] =
    "body{font-family:sans-serif;margin:1em 2em;color:#1a202c}"
    "h1{font-size:1.5em}h2{border-bottom:1px solid #cbd5e0;margin-top:2em}"
    "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}"
    "td,th{border:1px solid #cbd5e0;padding:2px 6px;text-align:left;vertical-align:top}"
    "th{background:#edf2f7}nav a{margin-right:1em}"
    "details{margin:0.3em 0}summary{cursor:pointer}"
    ".tree{overflow:auto;max-height:80vh;border:1px solid #cbd5e0}"
    ".node rect{fill:#bee3f8;stroke:#2b6cb0}.node text{font-size:12px;font-family:monospace;fill:#1a202c}"
    ".node.exited rect{fill:#e2e8f0;stroke:#718096}"
    ".node.hidden rect{fill:#fed7d7;stroke:#c53030;stroke-width:2}"
    ".node.suspicious rect{fill:#feebc8;stroke:#c05621;stroke-width:2}"
    ".node.hidden.suspicious rect{fill:#fed7d7;stroke:#c53030;stroke-width:3}"
    ".edge{stroke:#718096;fill:none}"
    ".legend span{display:inline-block;padding:0 6px;margin-right:6px;border:1px solid}"
    ".l-run{background:#bee3f8;border-color:#2b6cb0}.l-exit{background:#e2e8f0;border-color:#718096}"
    ".l-hid{background:#fed7d7;border-color:#c53030}.l-sus{background:#feebc8;border-color:#c05621}"
    "tr.finding td{background:#fffaf0}"
    /* Long values (rights lists, paths, evidence) wrap inside their cell
     * instead of widening the page; a very long one scrolls in its cell. */
    "td{overflow-wrap:break-word}td.evidence,td.evidence td,.pane td{overflow-wrap:anywhere}"
    ".pane{overflow-x:auto;max-width:100%}"
    "td.evidence{min-width:20em}.scroll{max-height:12em;overflow:auto}"
    "table.ev{margin:0;font-size:1em}table.ev td{border:0;padding:0 6px 0 0}"
    "table.ev td:not(:last-child){white-space:nowrap}";   /* view and field whole; the value wraps */

#define ROW_H 20
#define INDENT 18

static void write_tree(FILE *o, struct proc_node *nodes, size_t n)
{
    int maxdepth = 0;
    for (size_t i = 0; i < n; i++)
        if (nodes[i].depth > maxdepth)
            maxdepth = nodes[i].depth;
    unsigned width = (unsigned)(maxdepth * INDENT + 520), height = (unsigned)(n * ROW_H + 10);
    fprintf(o, "<div class=\"tree\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
               "role=\"img\" aria-label=\"process tree\">\n", width, height);
    /* Edges first, under the nodes: an elbow from the parent's left edge
     * down to the child's middle. */
    for (size_t i = 0; i < n; i++) {
        int p = nodes[i].parent;
        if (p < 0)
            continue;
        int px = 4 + nodes[p].depth * INDENT + 6, py = 5 + p * ROW_H + 16;
        int cx = 4 + nodes[i].depth * INDENT, cy = 5 + (int)i * ROW_H + 8;
        fprintf(o, "<path class=\"edge\" d=\"M%d %dV%dH%d\"/>\n", px, py, cy, cx);
    }
    for (size_t i = 0; i < n; i++) {
        const struct proc_node *nd = &nodes[i];
        int x = 4 + nd->depth * INDENT, y = 5 + (int)i * ROW_H;
        const char *name = str_of(nd->row, "name");
        if (!name)
            name = str_of(nd->row, "process");
        fprintf(o, "<a href=\"#proc-%zu\"><g class=\"node%s%s%s\" id=\"node-%zu\" data-pid=\"%lld\">", i,
                nd->hidden ? " hidden" : "", nd->exited ? " exited" : "", nd->suspicious ? " suspicious" : "",
                i, nd->pid);
        fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"480\" height=\"16\" rx=\"3\"/>", x, y);
        fprintf(o, "<text x=\"%d\" y=\"%d\">", x + 4, y + 12);
        put_text(o, name ? name : "?");
        fprintf(o, " (%lld)", nd->pid);
        if (nd->session >= 0)
            fprintf(o, " S%lld", nd->session);
        if (nd->integrity) {
            fputs(" ", o);
            put_text(o, nd->integrity);
        }
        if (nd->hidden)
            fputs(" [hidden]", o);
        if (nd->exited)
            fputs(" [exited]", o);
        if (nd->suspicious)
            fputs(" [finding]", o);
        fputs("</text></g></a>\n", o);
    }
    fputs("</svg></div>\n", o);
}

static char *join_evidence(const json_t *row, const char *const *keys)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        return ep_strdup("");
    int first = 1;
    for (const char *const *k = keys; *k; k++) {
        const json_t *v = json_object_get(row, *k);
        if (!v || json_is_null(v))
            continue;
        char tmp[64];
        fprintf(m, "%s%s: ", first ? "" : "; ", *k);
        if (json_is_string(v))
            fputs(json_string_value(v), m);
        else if (json_is_integer(v))
            fprintf(m, "%lld", (long long)json_integer_value(v));
        else if (json_is_boolean(v))
            fputs(json_is_true(v) ? "true" : "false", m);
        else if (json_is_array(v)) {
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x)
                fprintf(m, "%s%s", i ? ", " : "", json_is_string(x) ? json_string_value(x) : "");
        }
        (void)tmp;
        first = 0;
    }
    fclose(m);
    return buf;
}

static struct finding *new_finding(struct finding **f, size_t *nf, const json_t *row, const char *source,
                                   const char *severity, const char *what)
{
    *f = realloc(*f, (*nf + 1) * sizeof **f);
    if (!*f)
        abort();
    struct finding *x = &(*f)[(*nf)++];
    const char *process = str_of(row, "process") ? str_of(row, "process") : str_of(row, "name");
    x->pid = int_of(row, "pid", -1);
    x->process = ep_strdup(process ? process : "");
    x->source = ep_strdup(source);
    x->severity = ep_strdup(severity ? severity : "");
    x->what = ep_strdup(what ? what : "");
    x->evidence_html = NULL;
    return x;
}

/* HTML written by write(o, row) as an owned string. */
static char *html_of(const json_t *row, const void *arg, void (*write)(FILE *o, const json_t *row, const void *arg))
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        return ep_strdup("");
    write(m, row, arg);
    fclose(m);
    return buf;
}

static void write_joined(FILE *o, const json_t *row, const void *keys)
{
    char *text = join_evidence(row, keys);
    put_text(o, text);
    free(text);
}

/* A finding of psxview, malfind, hollowfind or handles: its evidence the
 * row's keys, joined. */
static void add_finding(struct finding **f, size_t *nf, const json_t *row, const char *source, const char *what,
                        const char *const *evidence_keys)
{
    struct finding *x = new_finding(f, nf, row, source, NULL, what);
    x->evidence_html = html_of(row, evidence_keys, write_joined);
}

/* check's evidence, a list of {view, field, value}: one line each. */
static void write_check_evidence(FILE *o, const json_t *row, const void *unused)
{
    (void)unused;
    const json_t *ev = json_object_get(row, "evidence");
    size_t i;
    json_t *e;
    if (!ev || !json_is_array(ev))
        return;
    fputs("<table class=\"ev\"><tbody>", o);
    json_array_foreach(ev, i, e) {
        fputs("<tr><td>", o);
        put_value(o, json_object_get(e, "view"));
        fputs("</td><td>", o);
        put_value(o, json_object_get(e, "field"));
        fputs("</td><td>", o);
        put_value(o, json_object_get(e, "value"));
        fputs("</td></tr>", o);
    }
    fputs("</tbody></table>", o);
}

/* A finding of `eproc check`: rule, severity, summary, evidence. */
static void add_check_finding(struct finding **f, size_t *nf, const json_t *row)
{
    const char *rule = str_of(row, "rule");
    struct finding *x = new_finding(f, nf, row, rule ? rule : "?", str_of(row, "severity"), str_of(row, "summary"));
    x->evidence_html = html_of(row, NULL, write_check_evidence);
}

/* ---- the sections: which command, and what the page takes of its rows ---- */

/* The findings, in the sections' order: psxview's (hidden), malfind's,
 * hollowfind's, then `eproc check`'s (every rule, with its evidence as
 * {view, field, value}).  A build without check lists `handles
 * --findings`' rows instead: check's handle-cross-process rule is the same
 * judgment (src/check/handle_access.c), so it is not listed twice. */
enum { S_INFO, S_TREE, S_XVIEW, S_TOKENS, S_THREADS, S_DLLS, S_VADS, S_ENV, S_CMD, S_MALFIND, S_HOLLOW,
       S_HANDLES, S_CHECK, S_TIMELINE, S_N };
static const char *const section_command[S_N] = { "info", "pstree", "psxview", "tokens", "threads", "dlllist",
                                                  "vadinfo", "envars", "cmdline", "malfind", "hollowfind",
                                                  "handles", "check", "timeline" };

/* What one section's rows feed, for load_row(). */
struct loader {
    int section;
    int use_check;               /* this build has check: handle findings come from it */
    FILE *spool;
    struct pane *pane;           /* the rows' pane, or NULL */
    json_t *kept;                /* every row, when the page needs them beyond a pane (tree, info), or NULL */
    struct finding **f;
    size_t *nf;
};

static const char *const ev_xview[] = { "missing_from", "pslist", "psscan", "pspcid", "csrss", "session_list",
                                        "thrdscan", "offset", NULL };
static const char *const ev_malfind[] = { "start", "end", "protection", "type", "notes", "thread_starts", NULL };
static const char *const ev_hollow[] = { "views", "evidence", NULL };
static const char *const ev_handle[] = { "finding", "handle_value", "type", "name", "rights", NULL };

/* The timeline's rows (process and thread events) as HTML, in order. */
static void timeline_row(FILE *spool, const json_t *r)
{
    const char *ev = str_of(r, "event");
    if (!ev || strncmp(ev, "module", 6) == 0)
        return;
    fputs("<tr><td>", spool);
    put_value(spool, json_object_get(r, "time"));
    fputs("</td><td>", spool);
    put_text(spool, ev);
    fputs("</td><td>", spool);
    put_value(spool, json_object_get(r, "pid"));
    fputs("</td><td>", spool);
    put_value(spool, json_object_get(r, "process"));
    fputs("</td><td>", spool);
    put_value(spool, json_object_get(r, "details"));
    fputs("</td></tr>\n", spool);
}

static void load_row(json_t *row, void *user)
{
    struct loader *l = user;
    if (l->pane)
        pane_add(l->pane, l->spool, row);
    if (l->kept)
        json_array_append(l->kept, row);
    const json_t *m;
    switch (l->section) {
    case S_CHECK:
        add_check_finding(l->f, l->nf, row);
        break;
    case S_XVIEW:
        m = json_object_get(row, "missing_from");
        if (m && json_is_array(m) && json_array_size(m))
            add_finding(l->f, l->nf, row, "psxview", "hidden from some kernel views", ev_xview);
        break;
    case S_MALFIND:
        add_finding(l->f, l->nf, row, "malfind", "executable private memory", ev_malfind);
        break;
    case S_HOLLOW:
        add_finding(l->f, l->nf, row, "hollowfind", str_of(row, "finding") ? str_of(row, "finding") : "hollowing",
                    ev_hollow);
        break;
    case S_HANDLES:
        if (!l->use_check && str_of(row, "finding"))
            add_finding(l->f, l->nf, row, "handles", "handle into another process", ev_handle);
        break;
    case S_TIMELINE:
        timeline_row(l->spool, row);
        break;
    }
}

static int run_report(struct ep_context *ctx, int argc, char **argv)
{
    const char *out_dir = NULL;
    int force = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_dir = argv[++i];
        else if (strncmp(argv[i], "--out=", 6) == 0)
            out_dir = argv[i] + 6;
        else if (strcmp(argv[i], "--force") == 0)
            force = 1;
        else
            return cmd_usage_error(&cmd_report, "unexpected argument '%s'", argv[i]);
    }
    if (!out_dir)
        return cmd_usage_error(&cmd_report, "--out DIR is required");
    int rc = 0;
    struct capture *cap = ctx_capture(ctx, &rc);
    if (!cap)
        return rc;
    struct ep_error err = {{0}};
    unsigned flags = force ? SAFE_FILE_FORCE : 0;
    /* Refuse before the work: an existing report without --force. */
    if (safe_mkdir_chain(out_dir, NULL, SAFE_FILE_FORCE, &err) < 0) {
        ep_error_line("%s", err.msg);
        return EP_EXIT_INPUT;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/report.html", out_dir);
    if (safe_path_check(path, flags, 0, &err) != 0) {
        ep_error_line("%s", err.msg);
        return EP_EXIT_USAGE;
    }

    int minidump = cap->kind == CAPTURE_MINIDUMP;
    static const char *const k_threads[] = { "tid", "start_address", "start_module", "create_time", "exit_time", "teb", NULL };
    static const char *const k_dlls[] = { "base", "size", "name", "path", "load_time", NULL };
    static const char *const k_handles[] = { "handle_value", "type", "name", "granted_access", "finding", NULL };
    static const char *const k_vads[] = { "start", "end", "protection", "type", "tag", "file", NULL };
    static const char *const k_tokens[] = { "user", "user_name", "session", "integrity", "elevated", "privileges", NULL };
    static const char *const k_env[] = { "variable", "value", NULL };
    static const char *const k_cmd[] = { "args", "image_path", "current_directory", NULL };
    /* The panes in the order a process shows them, and their section. */
    struct pane panes[] = {
        { "Command line", k_cmd, NULL, 0, 0 }, { "Token", k_tokens, NULL, 0, 0 },
        { "Threads", k_threads, NULL, 0, 0 },  { "Modules", k_dlls, NULL, 0, 0 },
        { "Handles", k_handles, NULL, 0, 0 },  { "VADs", k_vads, NULL, 0, 0 },
        { "Environment", k_env, NULL, 0, 0 },
    };
    enum { NPANES = sizeof panes / sizeof panes[0] };
    static const int pane_section[NPANES] = { S_CMD, S_TOKENS, S_THREADS, S_DLLS, S_HANDLES, S_VADS, S_ENV };
    json_t *rows[S_N] = { 0 };
    int use_check = command_find("check") != NULL;
    struct finding *f = NULL;
    size_t nf = 0;
    long timeline_off = 0, timeline_end = 0;
    struct proc_node *nodes = NULL;
    struct by_pid g[S_N] = { 0 };
    int fd = -1;
    FILE *o = NULL;
    FILE *spool = tmpfile();
    if (!spool) {
        ep_error_line("%s: cannot make a temporary file for the report's rows", out_dir);
        return EP_EXIT_INPUT;
    }
    for (int s = 0; s < S_N; s++) {
        /* Anew each section: a section's own scan shows its progress and
         * ends it (progress has one line). */
        progress_begin("building the report", S_N);
        progress_add((uint64_t)s);
        int kernel_only = s == S_TREE || s == S_XVIEW || s == S_HOLLOW;
        if (minidump && kernel_only)
            continue;
        if (s == S_CHECK && !use_check)
            continue;
        struct loader l = { s, use_check, spool, NULL, NULL, &f, &nf };
        for (int k = 0; k < NPANES; k++)
            if (pane_section[k] == s)
                l.pane = &panes[k];
        /* Kept whole: the tree and the facts its nodes show (a few rows
         * per process); every other section is spooled. */
        if (s == S_INFO || s == S_TREE || s == S_XVIEW || s == S_TOKENS || s == S_CMD)
            l.kept = rows[s] = json_array();
        if (s == S_TIMELINE)
            timeline_off = ftell(spool);
        size_t got = each_row_of(ctx, minidump && s == S_INFO ? "minidump" : section_command[s], load_row, &l);
        /* The capture pages this section's command mapped: let them go
         * before the next (the peak is then one command's, not the sum). */
        capture_release_pages(ctx->cap);
        if (s == S_TIMELINE)
            timeline_end = ftell(spool);
        if (s == S_INFO && !got && !minidump) {
            progress_end();
            rc = EP_EXIT_INPUT;   /* info printed why the capture cannot be read */
            goto done;
        }
    }
    progress_end();
    for (int k = 0; k < NPANES; k++)
        sort_items(panes[k].items, panes[k].n, sizeof *panes[k].items, cmp_ref);

    /* The processes: pstree's order (parents before children, with depth);
     * a minidump's one process from cmdline. */
    json_t *procs = json_array_size(rows[S_TREE]) ? rows[S_TREE] : rows[S_CMD];
    size_t n = procs ? json_array_size(procs) : 0;
    nodes = ep_calloc(n + 1, sizeof *nodes);
    for (int s = 0; s < S_N; s++)
        group(&g[s], rows[s]);
    int stack[256];
    for (size_t i = 0; i < n; i++) {
        struct proc_node *nd = &nodes[i];
        nd->row = json_array_get(procs, i);
        nd->pid = int_of(nd->row, "pid", -1);
        nd->depth = (int)int_of(nd->row, "depth", 0);
        if (nd->depth < 0)
            nd->depth = 0;
        if (nd->depth > 255)
            nd->depth = 255;
        stack[nd->depth] = (int)i;
        nd->parent = nd->depth > 0 ? stack[nd->depth - 1] : -1;
        nd->exited = str_of(nd->row, "exit_time") != NULL;
        nd->session = -1;
        size_t first;
        if (rows_for(&g[S_XVIEW], nd->pid, &first))
            nd->hidden = list_has(g[S_XVIEW].items[first].row, "missing_from", "pslist");
        if (rows_for(&g[S_TOKENS], nd->pid, &first)) {
            nd->integrity = str_of(g[S_TOKENS].items[first].row, "integrity");
            nd->session = int_of(g[S_TOKENS].items[first].row, "session", -1);
        }
    }
    for (size_t k = 0; k < nf; k++)
        for (size_t p = 0; p < n; p++)
            if (nodes[p].pid == f[k].pid)
                nodes[p].suspicious = 1;

    int dfd = safe_mkdir_chain(out_dir, NULL, SAFE_FILE_FORCE, &err);
    if (dfd >= 0) {
        fd = safe_create_at(dfd, "report.html", path, flags, &err);
        close(dfd);
    }
    if (fd < 0 || !(o = fdopen(fd, "wb"))) {
        if (fd >= 0)
            close(fd);
        ep_error_line("%s", err.msg[0] ? err.msg : "cannot write the report");
        rc = EP_EXIT_INPUT;
        goto done;
    }

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>eproc report: ", o);
    put_text(o, cap->file.path);
    fprintf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>eproc report</h1>\n<p>Capture <code>", style);
    put_text(o, cap->file.path);
    fprintf(o, "</code>, eproc %s: %zu processes, %zu findings.</p>\n", EPROC_VERSION, n, nf);
    fputs("<nav><a href=\"#tree\">Process tree</a><a href=\"#findings\">Findings</a><a href=\"#summary\">Summary</a>"
          "<a href=\"#processes\">Processes</a><a href=\"#timeline\">Timeline</a></nav>\n", o);

    fputs("<section id=\"tree\">\n<h2>Process tree</h2>\n<p class=\"legend\"><span class=\"l-run\">running</span>"
          "<span class=\"l-exit\">exited</span><span class=\"l-hid\">hidden (not on the active list)</span>"
          "<span class=\"l-sus\">has a finding</span> S = session, then the token's integrity level; "
          "click a process for its anatomy.</p>\n", o);
    write_tree(o, nodes, n);
    fputs("</section>\n", o);

    fprintf(o, "<section id=\"findings\">\n<h2>Findings (%zu)</h2>\n", nf);
    if (nf) {
        fputs("<table><thead><tr><th>PID</th><th>Process</th><th>Rule or command</th><th>Severity</th>"
              "<th>Finding</th><th>Evidence</th></tr></thead><tbody>\n", o);
        for (size_t k = 0; k < nf; k++) {
            fputs("<tr class=\"finding\" data-pid=\"", o);
            fprintf(o, "%lld\" data-source=\"", f[k].pid);
            put_text(o, f[k].source);
            fputs("\" data-severity=\"", o);
            put_text(o, f[k].severity);
            fputs("\"><td>", o);
            if (f[k].pid >= 0)
                fprintf(o, "<a href=\"#pid-%lld\">%lld</a>", f[k].pid, f[k].pid);
            fputs("</td><td>", o);
            put_text(o, f[k].process);
            fputs("</td><td>", o);
            put_text(o, f[k].source);
            fputs("</td><td>", o);
            put_text(o, f[k].severity);
            fputs("</td><td>", o);
            put_text(o, f[k].what);
            fputs("</td><td class=\"evidence\"><div class=\"scroll\">", o);
            fputs(f[k].evidence_html, o);
            fputs("</div></td></tr>\n", o);
        }
        fputs("</tbody></table>\n", o);
    } else {
        fputs("<p>None.</p>\n", o);
    }
    fputs("</section>\n", o);

    /* Summary: info's one row (a minidump: its streams). */
    fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"pane\"><table><tbody>\n", o);
    if (rows[S_INFO] && !minidump) {
        const char *key;
        json_t *v;
        json_object_foreach(json_array_get(rows[S_INFO], 0), key, v) {
            if (json_is_null(v))
                continue;
            fputs("<tr><th>", o);
            put_text(o, key);
            fputs("</th><td>", o);
            put_value(o, v);
            fputs("</td></tr>\n", o);
        }
    } else if (rows[S_INFO]) {
        size_t i;
        json_t *r;
        json_array_foreach(rows[S_INFO], i, r) {
            fputs("<tr><th>", o);
            put_value(o, json_object_get(r, "type_name"));
            fputs("</th><td>", o);
            put_value(o, json_object_get(r, "summary"));
            fputs("</td></tr>\n", o);
        }
    }
    fputs("</tbody></table></div>\n</section>\n", o);

    fputs("<section id=\"processes\">\n<h2>Processes</h2>\n", o);
    for (size_t p = 0; p < n; p++) {
        const struct proc_node *nd = &nodes[p];
        const char *name = str_of(nd->row, "name") ? str_of(nd->row, "name") : str_of(nd->row, "process");
        /* One anchor per pid for the findings' links (the first process
         * with that pid), one per node for the tree's. */
        int first_of_pid = 1;
        for (size_t q = 0; q < p && first_of_pid; q++)
            first_of_pid = nodes[q].pid != nd->pid;
        fprintf(o, "<details id=\"proc-%zu\" class=\"process\" data-pid=\"%lld\"><summary>", p, nd->pid);
        if (first_of_pid)
            fprintf(o, "<span id=\"pid-%lld\"></span>", nd->pid);
        put_text(o, name ? name : "?");
        fprintf(o, " (PID %lld)%s%s%s</summary>\n", nd->pid, nd->hidden ? " hidden" : "", nd->exited ? " exited" : "",
                nd->suspicious ? " &#8212; has findings" : "");
        for (int k = 0; k < NPANES; k++)
            pane_write(o, spool, &panes[k], nd->pid);
        fputs("</details>\n", o);
    }
    fputs("</section>\n", o);

    /* Timeline: process and thread creation and exit. */
    fputs("<section id=\"timeline\">\n<h2>Timeline</h2>\n<div class=\"pane\"><table><thead><tr><th>Time</th><th>Event</th><th>PID</th>"
          "<th>Process</th><th>Details</th></tr></thead><tbody>\n", o);
    copy_range(o, spool, timeline_off, (size_t)(timeline_end - timeline_off));
    fputs("</tbody></table></div>\n</section>\n</body>\n</html>\n", o);
    if (fclose(o) != 0) {
        ep_error_line("%s: cannot write the report", path);
        rc = EP_EXIT_INPUT;
        goto done;
    }
    fprintf(ctx->out, "%s\n", path);
    rc = EP_EXIT_OK;
done:
    for (size_t k = 0; k < nf; k++) {
        free(f[k].process);
        free(f[k].what);
        free(f[k].source);
        free(f[k].severity);
        free(f[k].evidence_html);
    }
    free(f);
    for (int k = 0; k < NPANES; k++)
        free(panes[k].items);
    fclose(spool);
    for (int s = 0; s < S_N; s++) {
        free(g[s].items);
        json_decref(rows[s]);
    }
    free(nodes);
    return rc;
}

const struct command cmd_report = {
    "report",
    "write one self-contained HTML report: summary, process tree, anatomy, findings, timeline",
    "usage: eproc -f CAPTURE report --out DIR [--force]\n"
    "\n"
    "Writes DIR/report.html, one file with no script and nothing fetched:\n"
    "the capture's summary (info), the process tree drawn as SVG (parent to\n"
    "child; hidden, exited and processes with findings marked; session and\n"
    "integrity shown; click a process for its pane), each process's command\n"
    "line, token, threads, modules, handles, VADs and environment, the\n"
    "findings with their evidence (psxview's hidden processes, malfind,\n"
    "hollowfind, and every `eproc check` rule's, with its id, severity and\n"
    "{view, field, value} evidence), and a timeline of process and thread\n"
    "creation and exit.\n"
    "Prints the path of the report.\n"
    "\n"
    "  --out DIR           where to write report.html (created if needed)\n"
    "  --force             replace an existing DIR/report.html\n",
    run_report,
};
