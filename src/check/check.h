/* eproc check: the seeds' security reading as rules with evidence
 * (docs/check.md).
 *
 * Seed 004: code that runs leaves kernel objects behind, and tampering
 * shows as disagreement between views that should agree.  A rule reads the
 * anatomy model (and, on memory images, the kernel's other views) and
 * reports each disagreement as a finding: who, a one-line summary, and the
 * evidence, a list of {view, field, value} that shows which views said
 * what.  Rules never read the capture themselves.
 *
 * Adding a rule: write it in the src/check/rules_*.c file of its topic,
 * give it a stable id, and list it in src/check/registry.c.  Its `needs`
 * say what the capture must hold; the engine does not run it otherwise and
 * says why.  Its `stages` names the forge technique(s) that stage it, which
 * tests/cli/check*.sh use to prove recall against the truth file. */
#ifndef EPROC_CHECK_CHECK_H
#define EPROC_CHECK_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "anatomy/model.h"

struct kernel;
struct census;

enum check_severity { CHECK_LOW = 1, CHECK_MEDIUM, CHECK_HIGH, CHECK_CRITICAL };

/* "low", "medium", "high", "critical" */
const char *check_severity_name(enum check_severity s);
/* The severity NAME names, or 0. */
enum check_severity check_severity_parse(const char *name);

/* What a capture holds (check_input.have) and a rule needs (check_rule.needs). */
enum {
    CHECK_HAVE_KERNEL = 1u << 0,        /* a kernel: memory image or kernel crash dump */
    CHECK_HAVE_ALL_PROCESSES = 1u << 1, /* every process of the machine and the kernel's
                                         * views of them (census); not a triage dump */
    CHECK_HAVE_THREADS = 1u << 2,       /* threads with their start addresses */
    CHECK_HAVE_USER = 1u << 3,          /* user memory: PEB, loader lists, TEBs */
    CHECK_HAVE_MODULES = 1u << 4,       /* each process's module list */
    CHECK_HAVE_REGIONS = 1u << 5,       /* VADs or the minidump's MemoryInfoList */
    CHECK_HAVE_HANDLES = 1u << 6,
    CHECK_HAVE_TOKENS = 1u << 7,
    CHECK_HAVE_KERNEL_MODULES = 1u << 8,/* the kernel's drivers */
};

/* What the rules read: the model of every process (all parts: handles,
 * tokens, regions, threads, user memory), and on kernel captures the
 * kernel and the census of every process any view found. */
struct check_input {
    const char *label;                  /* the capture's path, for messages */
    struct anatomy *a;                  /* every process, whatever --pid says */
    struct kernel *k;                   /* NULL for minidumps */
    const struct census *census;        /* NULL unless CHECK_HAVE_ALL_PROCESSES */
    unsigned have;                      /* CHECK_HAVE_* */
};

struct check_run;

struct check_rule {
    const char *id;            /* stable, kebab-case: "token-shared" */
    const char *title;         /* one line: what the finding means */
    enum check_severity severity;
    const char *mitre;         /* ATT&CK technique id(s): "T1134.001" */
    const char *seed;          /* the seed passage it comes from: "seed 004, Tokens" */
    const char *stages;        /* forge technique kind(s) that stage it, comma-separated; NULL if none */
    unsigned needs;            /* CHECK_HAVE_* bits it cannot run without */
    void (*run)(struct check_run *run, const struct check_input *in);
};

/* Every rule, NULL-terminated, in the order --list shows them (registry.c). */
extern const struct check_rule *const check_rules[];
const struct check_rule *check_rule_find(const char *id);

/* --- what a rule calls --- */

/* One finding of the running rule about process p (NULL for a finding
 * about no process: a driver, a callback).  summary is printf-style, one
 * line.  Returns the finding, to which evidence is added. */
struct check_finding *check_found(struct check_run *run, const struct an_process *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a process the model may not hold (a census entry, a pid
 * another object names): pid_known 0 leaves the pid null. */
struct check_finding *check_found_pid(struct check_run *run, int pid_known, uint64_t pid, const char *process,
                                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* One piece of evidence: which view (a command's or structure's name:
 * "pslist", "psscan", "EPROCESS", "PEB", "VAD", "handles") said what
 * value for which field. */
void check_evidence(struct check_finding *f, const char *view, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The rule could not run on this capture after all (beyond its needs):
 * say why, once; the engine reports it like an unmet need. */
void check_skip(struct check_run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- what the command calls --- */

struct check_evidence {
    char *view, *field, *value;
};

struct check_finding {
    const struct check_rule *rule;
    int pid_known;
    uint64_t pid;
    char process[264];
    char *summary;
    struct check_evidence *evidence;
    size_t nevidence;
};

struct check_skipped {
    const struct check_rule *rule;
    char *why;
};

struct check_result {
    struct check_finding *findings;     /* sorted: severity (highest first), rule, pid */
    size_t nfindings;
    struct check_skipped *skipped;      /* rules that could not run, and why */
    size_t nskipped;
};

/* Run the rules selected by ids (NULL: all; the ids were checked) over in. */
void check_run_rules(const struct check_input *in, const struct check_rule *const *rules, size_t nrules,
                     struct check_result *out);
void check_result_free(struct check_result *r);

/* Why a capture lacking `missing` (CHECK_HAVE_* bits) cannot run a rule:
 * "the capture holds no kernel (a process minidump)". */
const char *check_need_text(unsigned missing);

#endif
