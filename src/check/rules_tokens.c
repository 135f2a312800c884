/* Rules over access tokens (seed: "Tokens"; docs/check.md). */
#include <stdio.h>

#include "check/check.h"

/* Token theft: a process whose EPROCESS.Token is another process's
 * _TOKEN.  Windows gives every process its own primary token (a copy at
 * creation, NtDuplicateToken or CreateProcessAsUser); two EPROCESSes
 * pointing at one _TOKEN is the signature of a kernel-mode token swap.
 * The filler names the earliest holder as the owner (from_image_token.c). */
static void run_token_shared(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        for (size_t j = 0; j < p->ntokens; j++) {
            const struct an_token *t = &p->tokens[j];
            if (!t->has_kernel || t->tid || !t->stolen_from)
                continue;
            const char *owner = "?";
            for (size_t k = 0; k < a->nprocs; k++)
                if (a->procs[k].has_kernel && a->procs[k].eprocess == t->stolen_from)
                    owner = a->procs[k].name;
            struct check_finding *f = check_found(run, p, "uses the primary token of PID %llu (%s)%s%s",
                                                  (unsigned long long)t->stolen_from_pid, owner,
                                                  t->has_user ? " as " : "", t->has_user ? t->user.text : "");
            check_evidence(f, "EPROCESS", "Token", "0x%llx", (unsigned long long)t->va);
            check_evidence(f, "EPROCESS", "owner_pid", "%llu", (unsigned long long)t->stolen_from_pid);
            check_evidence(f, "EPROCESS", "owner_eprocess", "0x%llx", (unsigned long long)t->stolen_from);
            if (t->has_user)
                check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        }
    }
}

const struct check_rule check_token_shared = {
    .id = "token-shared",
    .title = "a process runs with another process's primary token (token theft)",
    .severity = CHECK_CRITICAL,
    .mitre = "T1134.001",
    .seed = "seed 004, \"Tokens\": each process has its own primary token",
    .stages = "token_steal",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_TOKENS,
    .run = run_token_shared,
};
