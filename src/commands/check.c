/* eproc check: every rule of src/check over the anatomy model, one row per
 * finding with its evidence (docs/check.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/fill.h"
#include "check/check.h"
#include "commands/command.h"
#include "commands/proc_filter.h"
#include "layer/physical.h"
#include "windows/census.h"
#include "windows/kernel.h"

extern const struct command cmd_check;

enum { C_RULE, C_SEVERITY, C_PID, C_PROCESS, C_SUMMARY, C_MITRE, C_EVIDENCE };

static const struct col_def finding_cols[] = {
    { "rule", "Rule", COL_STR },
    { "severity", "Severity", COL_STR },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "summary", "Summary", COL_STR },
    { "mitre", "MITRE", COL_LIST },
    { "evidence", "Evidence", COL_RECORDS },
};

enum { L_RULE, L_SEVERITY, L_MITRE, L_TITLE, L_SEED, L_STAGES, L_RUNS, L_WHY };

static const struct col_def list_cols[] = {
    { "rule", "Rule", COL_STR },
    { "severity", "Severity", COL_STR },
    { "mitre", "MITRE", COL_LIST },
    { "title", "Title", COL_STR },
    { "seed", "Seed", COL_STR },
    { "forge_techniques", "ForgeTechniques", COL_LIST },
    { "runs", "Runs", COL_BOOL },
    { "not_run_because", "NotRunBecause", COL_STR },
};

struct check_args {
    int list;
    const struct check_rule *rules[64];
    size_t nrules;
    enum check_severity min_severity;
    char *rest[256];             /* --pid/--name, for proc_filter_parse */
    int nrest;
};

static int add_rules(struct check_args *c, const char *v)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", v);
    for (char *save = NULL, *id = strtok_r(buf, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
        const struct check_rule *r = check_rule_find(id);
        if (!r)
            return cmd_usage_error(&cmd_check, "no rule '%s' ('eproc check --list' lists them)", id);
        if (c->nrules >= sizeof c->rules / sizeof c->rules[0])
            return cmd_usage_error(&cmd_check, "too many --rule values");
        c->rules[c->nrules++] = r;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct check_args *c)
{
    memset(c, 0, sizeof *c);
    c->rest[c->nrest++] = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int rc = 0;
        if (strcmp(a, "--list") == 0) {
            c->list = 1;
            continue;
        }
        int is_rule = strcmp(a, "--rule") == 0 || strncmp(a, "--rule=", 7) == 0;
        int is_sev = strcmp(a, "--severity") == 0 || strncmp(a, "--severity=", 11) == 0;
        if (!is_rule && !is_sev) {
            if (c->nrest >= (int)(sizeof c->rest / sizeof c->rest[0]))
                return cmd_usage_error(&cmd_check, "too many arguments");
            c->rest[c->nrest++] = argv[i];
            continue;
        }
        v = strchr(a, '=');
        if (v)
            v++;
        else if (i + 1 < argc)
            v = argv[++i];
        else
            return cmd_usage_error(&cmd_check, "option '%s' needs a value", a);
        if (is_rule) {
            rc = add_rules(c, v);
        } else if (!(c->min_severity = check_severity_parse(v))) {
            rc = cmd_usage_error(&cmd_check, "--severity '%s' is not one of low, medium, high, critical", v);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* What this capture holds, from the model the fillers made. */
static unsigned capture_has(const struct anatomy *a, const struct kernel *k, const struct census *c)
{
    unsigned have = 0;
    if (k)
        have |= CHECK_HAVE_KERNEL;
    if (c)
        have |= CHECK_HAVE_ALL_PROCESSES;
    if (a->have_kernel_modules)
        have |= CHECK_HAVE_KERNEL_MODULES;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        if (p->have_threads && p->nthreads)
            have |= CHECK_HAVE_THREADS;
        if (p->vas)
            have |= CHECK_HAVE_USER;
        if (p->have_modules)
            have |= CHECK_HAVE_MODULES;
        if (p->have_regions)
            have |= CHECK_HAVE_REGIONS;
        if (p->have_handles)
            have |= CHECK_HAVE_HANDLES;
        if (p->have_tokens)
            have |= CHECK_HAVE_TOKENS;
    }
    return have;
}

static int pid_matches(const struct proc_filter *f, const struct check_finding *x)
{
    if (!f->npids && !f->nnames)
        return 1;
    struct ep_process probe;
    memset(&probe, 0, sizeof probe);
    if (!x->pid_known)
        return 0;
    probe.pid = x->pid;
    snprintf(probe.name, sizeof probe.name, "%s", x->process);
    return proc_filter_match(f, &probe);
}

static void list_rows(struct table *t, const struct check_rule *r, int have_known, unsigned have)
{
    table_add_row(t);
    cell_str(t, L_RULE, r->id);
    cell_str(t, L_SEVERITY, check_severity_name(r->severity));
    cell_str(t, L_MITRE, r->mitre);
    cell_str(t, L_TITLE, r->title);
    cell_str(t, L_SEED, r->seed);
    cell_str(t, L_STAGES, r->stages ? r->stages : "");
    if (have_known) {
        unsigned missing = r->needs & ~have;
        cell_bool(t, L_RUNS, !missing);
        if (missing)
            cell_str(t, L_WHY, check_need_text(missing));
    }
}

static struct kernel *open_kernel(void *arg, int *exit_code)
{
    return ctx_kernel(arg, exit_code);
}

static int run_check(struct ep_context *ctx, int argc, char **argv)
{
    if (cmd_wants_help(&cmd_check, argc, argv, ctx->out))
        return EP_EXIT_OK;
    struct check_args args;
    int rc = parse_args(argc, argv, &args);
    if (rc)
        return rc;
    struct proc_filter filter;
    if ((rc = proc_filter_parse(&cmd_check, args.nrest, args.rest, &filter)) != 0)
        return rc;
    if (args.list && !ctx->image_path) {
        struct table *t = table_new(list_cols, sizeof list_cols / sizeof list_cols[0]);
        for (size_t i = 0; check_rules[i]; i++)
            list_rows(t, check_rules[i], 0, 0);
        rc = ctx_render(ctx, t);
        table_free(t);
        return rc;
    }

    struct capture *cap = ctx_capture(ctx, &rc);
    if (!cap)
        return rc;
    /* every process, with every part: rules compare processes with each
     * other, so --pid/--name choose the findings shown, not the model */
    struct an_select sel = { NULL, 0, NULL, 0, AN_PART_HANDLES | AN_PART_TOKENS | AN_PART_THREAD_TOKENS |
                                                   AN_PART_FIBER_SCAN, 0 };
    struct anatomy *a = anatomy_open(cap, open_kernel, ctx, &sel, &rc);
    if (!a)
        return rc;
    /* the kernel the model was built from; none for a process minidump
     * (anatomy_open never asked for one) */
    struct kernel *k = ctx->kernel;
    struct census census;
    int have_census = 0;
    if (k && !kernel_is_partial(k)) {
        struct ep_error err = {{0}};
        if (census_take(k, &census, &err) != 0) {
            fprintf(stderr, "eproc: %s\n", err.msg);
            anatomy_free(a);
            return EP_EXIT_INPUT;
        }
        have_census = 1;
    }
    struct check_input in = { ctx->image_path, a, k, have_census ? &census : NULL, 0 };
    in.have = capture_has(a, k, in.census);

    if (args.list) {
        struct table *t = table_new(list_cols, sizeof list_cols / sizeof list_cols[0]);
        for (size_t i = 0; check_rules[i]; i++)
            list_rows(t, check_rules[i], 1, in.have);
        rc = ctx_render(ctx, t);
        table_free(t);
    } else {
        size_t n = args.nrules;
        const struct check_rule *const *rules = args.rules;
        if (!n) {
            rules = check_rules;
            while (check_rules[n])
                n++;
        }
        struct check_result res;
        check_run_rules(&in, rules, n, &res);
        for (size_t i = 0; i < res.nskipped; i++)
            ep_warn("%s: check: rule %s not run: %s", ctx->image_path, res.skipped[i].rule->id,
                    res.skipped[i].why);
        struct table *t = table_new(finding_cols, sizeof finding_cols / sizeof finding_cols[0]);
        unsigned shown = 0;
        for (size_t i = 0; i < res.nfindings; i++) {
            const struct check_finding *f = &res.findings[i];
            if (f->rule->severity < args.min_severity || !pid_matches(&filter, f))
                continue;
            shown++;
            table_add_row(t);
            cell_str(t, C_RULE, f->rule->id);
            cell_str(t, C_SEVERITY, check_severity_name(f->rule->severity));
            if (f->pid_known)
                cell_uint(t, C_PID, f->pid);
            cell_str(t, C_PROCESS, f->process[0] ? f->process : NULL);
            cell_str(t, C_SUMMARY, f->summary);
            cell_str(t, C_MITRE, f->rule->mitre);
            static const char *const keys[] = { "view", "field", "value" };
            const char **values = calloc(f->nevidence * 3 + 1, sizeof *values);
            if (!values) {
                fputs("eproc: out of memory\n", stderr);
                abort();
            }
            for (size_t e = 0; e < f->nevidence; e++) {
                values[3 * e] = f->evidence[e].view;
                values[3 * e + 1] = f->evidence[e].field;
                values[3 * e + 2] = f->evidence[e].value;
            }
            cell_records(t, C_EVIDENCE, keys, 3, values, (unsigned)f->nevidence);
            free(values);
        }
        char footnote[80];
        snprintf(footnote, sizeof footnote, "%u finding%s", shown, shown == 1 ? "" : "s");
        check_result_free(&res);
        rc = ctx_render_found(ctx, t, shown, footnote);
    }
    if (have_census)
        census_free(&census);
    anatomy_free(a);
    return rc;
}

const struct command cmd_check = {
    "check",
    "every security rule over the anatomy: findings with their evidence",
    "usage: eproc [-f CAPTURE] [-s SYMDIR]... check [--list] [--rule ID[,ID...]] [--severity LEVEL]\n"
    "                                          [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Runs every rule (docs/check.md) over the anatomy model of the capture and\n"
    "shows one row per finding: the rule's id, its severity, the process, a\n"
    "one-line summary, the MITRE ATT&CK technique and the evidence, a list of\n"
    "{view, field, value} naming which views of the kernel or of process memory\n"
    "said what (text and CSV show each as view.field=value).\n"
    "\n"
    "  --list            list the rules (id, severity, MITRE ATT&CK id, title, the\n"
    "                    seed passage, the forge techniques that stage it); with -f,\n"
    "                    also whether each can run on that capture and why not\n"
    "  --rule ID         run only these rules (repeatable, comma-separated)\n"
    "  --severity LEVEL  show findings of LEVEL or higher: low, medium, high, critical\n"
    "  --pid, --name     show the findings about these processes (every process is\n"
    "                    still read: rules compare processes with each other)\n"
    "\n"
    "Memory images run every rule; kernel triage dumps and process minidumps run\n"
    "the rules their contents allow, and a warning names each rule that could not\n"
    "run and why.\n"
    "\n"
    "Exit status: 1 when any finding is shown, 0 when none is.\n",
    run_check,
};

COMMAND_COLUMNS(cmd_check, finding_cols, sizeof finding_cols / sizeof finding_cols[0], "findings")
COMMAND_COLUMNS(cmd_check, list_cols, sizeof list_cols / sizeof list_cols[0], "check --list (the rules)")
