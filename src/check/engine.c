/* Running the rules (check.h): needs, findings, evidence, order. */
#include "check/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/sort.h"

/* A rule that reports more than this stops there: a hostile capture could
 * otherwise make one rule fill memory with findings. */
#define CHECK_MAX_FINDINGS_PER_RULE 100000
#define CHECK_MAX_EVIDENCE 64

struct check_run {
    const struct check_rule *rule;
    struct check_result *out;
    size_t cap;
    size_t found;              /* by this rule */
    int capped;
    struct check_finding overflow;   /* where findings past the cap go (dropped) */
};

static const char *const severity_names[] = { NULL, "low", "medium", "high", "critical" };

const char *check_severity_name(enum check_severity s)
{
    return s >= CHECK_LOW && s <= CHECK_CRITICAL ? severity_names[s] : "?";
}

enum check_severity check_severity_parse(const char *name)
{
    for (int s = CHECK_LOW; s <= CHECK_CRITICAL; s++)
        if (strcmp(name, severity_names[s]) == 0)
            return (enum check_severity)s;
    return 0;
}

const struct check_rule *check_rule_find(const char *id)
{
    for (size_t i = 0; check_rules[i]; i++)
        if (strcmp(check_rules[i]->id, id) == 0)
            return check_rules[i];
    return NULL;
}

const char *check_need_text(unsigned missing)
{
    static const struct { unsigned bit; const char *why; } texts[] = {
        { CHECK_HAVE_KERNEL, "the capture holds no kernel (a process minidump)" },
        { CHECK_HAVE_ALL_PROCESSES, "the capture does not hold every process and the kernel's views of them" },
        { CHECK_HAVE_THREADS, "the capture lists no threads" },
        { CHECK_HAVE_USER, "the capture holds no user memory" },
        { CHECK_HAVE_MODULES, "the capture lists no process modules" },
        { CHECK_HAVE_REGIONS, "the capture describes no memory regions" },
        { CHECK_HAVE_HANDLES, "the capture holds no handle tables" },
        { CHECK_HAVE_TOKENS, "the capture holds no tokens" },
        { CHECK_HAVE_KERNEL_MODULES, "the capture lists no kernel modules" },
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (missing & texts[i].bit)
            return texts[i].why;
    return "the capture lacks what it needs";
}

static void finding_free(struct check_finding *f)
{
    free(f->summary);
    for (size_t i = 0; i < f->nevidence; i++) {
        free(f->evidence[i].view);
        free(f->evidence[i].field);
        free(f->evidence[i].value);
    }
    free(f->evidence);
}

static struct check_finding *new_finding(struct check_run *run)
{
    if (run->found >= CHECK_MAX_FINDINGS_PER_RULE) {
        /* keep the rule's code simple: it writes into a scratch finding */
        if (!run->capped)
            check_skip(run, "stopped after %d findings", CHECK_MAX_FINDINGS_PER_RULE);
        run->capped = 1;
        finding_free(&run->overflow);
        memset(&run->overflow, 0, sizeof run->overflow);
        return &run->overflow;
    }
    struct check_result *r = run->out;
    if (r->nfindings == run->cap) {
        run->cap = run->cap ? run->cap * 2 : 16;
        struct check_finding *grown = realloc(r->findings, run->cap * sizeof *grown);
        if (!grown) {
            fputs("eproc: out of memory\n", stderr);
            abort();
        }
        r->findings = grown;
    }
    run->found++;
    struct check_finding *f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof *f);
    f->rule = run->rule;
    return f;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return ep_strdup("");
    char *s = ep_calloc((size_t)n + 1, 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static struct check_finding *found(struct check_run *run, int pid_known, uint64_t pid, const char *process,
                                   const char *fmt, va_list ap)
{
    struct check_finding *f = new_finding(run);
    f->rule = run->rule;
    f->pid_known = pid_known;
    f->pid = pid;
    snprintf(f->process, sizeof f->process, "%s", process ? process : "");
    f->summary = vformat(fmt, ap);
    return f;
}

struct check_finding *check_found(struct check_run *run, const struct an_process *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct check_finding *f = found(run, p && p->pid_known, p ? p->pid : 0, p ? p->name : NULL, fmt, ap);
    va_end(ap);
    return f;
}

struct check_finding *check_found_pid(struct check_run *run, int pid_known, uint64_t pid, const char *process,
                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct check_finding *f = found(run, pid_known, pid, process, fmt, ap);
    va_end(ap);
    return f;
}

void check_evidence(struct check_finding *f, const char *view, const char *field, const char *fmt, ...)
{
    if (f->nevidence >= CHECK_MAX_EVIDENCE)
        return;
    if (f->nevidence == 0)
        f->evidence = ep_calloc(CHECK_MAX_EVIDENCE, sizeof *f->evidence);
    struct check_evidence *e = &f->evidence[f->nevidence++];
    e->view = ep_strdup(view);
    e->field = ep_strdup(field);
    va_list ap;
    va_start(ap, fmt);
    e->value = vformat(fmt, ap);
    va_end(ap);
}

void check_skip(struct check_run *run, const char *fmt, ...)
{
    struct check_result *r = run->out;
    for (size_t i = 0; i < r->nskipped; i++)
        if (r->skipped[i].rule == run->rule)
            return;                       /* once per rule */
    struct check_skipped *grown = realloc(r->skipped, (r->nskipped + 1) * sizeof *grown);
    if (!grown) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    r->skipped = grown;
    va_list ap;
    va_start(ap, fmt);
    r->skipped[r->nskipped].rule = run->rule;
    r->skipped[r->nskipped].why = vformat(fmt, ap);
    r->nskipped++;
    va_end(ap);
}

static int finding_order(const void *a, const void *b)
{
    const struct check_finding *x = a, *y = b;
    if (x->rule->severity != y->rule->severity)
        return x->rule->severity > y->rule->severity ? -1 : 1;
    int c = strcmp(x->rule->id, y->rule->id);
    if (c)
        return c;
    if (x->pid_known != y->pid_known)
        return x->pid_known ? -1 : 1;
    if (x->pid != y->pid)
        return x->pid < y->pid ? -1 : 1;
    return strcmp(x->summary, y->summary);
}

void check_run_rules(const struct check_input *in, const struct check_rule *const *rules, size_t nrules,
                     struct check_result *out)
{
    memset(out, 0, sizeof *out);
    struct check_run run = { 0 };
    run.out = out;
    for (size_t i = 0; i < nrules; i++) {
        run.rule = rules[i];
        run.found = 0;
        run.capped = 0;
        unsigned missing = rules[i]->needs & ~in->have;
        if (missing) {
            check_skip(&run, "%s", check_need_text(missing));
            continue;
        }
        rules[i]->run(&run, in);
    }
    finding_free(&run.overflow);
    sort_items(out->findings, out->nfindings, sizeof *out->findings, finding_order);
}

void check_result_free(struct check_result *r)
{
    for (size_t i = 0; i < r->nfindings; i++)
        finding_free(&r->findings[i]);
    free(r->findings);
    for (size_t i = 0; i < r->nskipped; i++)
        free(r->skipped[i].why);
    free(r->skipped);
    memset(r, 0, sizeof *r);
}
