#!/usr/bin/env python3
"""Compare `eproc check` with the forge's truth file (issue 16).

usage: check_truth.py TRUTH.json FINDINGS.json RULES.json LABEL

FINDINGS.json is `eproc -f IMG -o json check`, RULES.json `eproc -o json
check --list`.  Each rule names the forge techniques that stage it
(forge_techniques).  Prints one TAP line per staged technique (found by a
rule that names it, on its target or source process, with evidence from the
views EXPECTED_VIEWS names) and one per finding that no staged technique
explains (a false positive).  A scenario with nothing staged must give no
finding at all.
"""
import json
import sys

# The views whose evidence must show the disagreement, per technique: a
# finding that names other views only has not shown why.
EXPECTED_VIEWS = {
    "token_steal": {"EPROCESS"},
    "lsass_handle": {"handles"},
    "injected_code": {"handles"},
    # system processes (rules_sysproc.c)
    "sysproc_parent": {"EPROCESS"},
    "sysproc_session": {"EPROCESS"},
    "sysproc_user": {"TOKEN"},
    "sysproc_path": {"EPROCESS", "PEB"},
    "sysproc_duplicate": {"EPROCESS", "psxview"},
    "sysproc_protection": {"EPROCESS"},
    # processes (rules_processes.c)
    "unlink": {"pslist", "psscan"},
    "cyclic_list": {"pslist", "psscan"},
    "csr_unlink": {"csrlist", "pslist"},
    "exited_unfreed": {"EPROCESS", "handles"},
    "ppid_spoof": {"EPROCESS", "handles"},
    "parent_after_child": {"EPROCESS", "psscan"},
    # memory and threads (src/check/rules_memory.c)
    "peb_masquerade": {"PEB", "EPROCESS"},
    "hollowing": {"EPROCESS", "VAD"},
    "orphan_thread": {"ETHREAD"},
    "fiber_outside_module": {"FIBER"},
    # tokens and kernel views (tests/cli/check_tokens.sh)
    "privilege_enable": {"TOKEN"},
    "system_token": {"TOKEN", "EPROCESS"},
    "system_impersonation": {"ETHREAD", "TOKEN"},
    "service_gone": {"svcscan", "psxview"},
    "unlinked_driver": {"modscan", "PsLoadedModuleList"},
    "callback_in_no_module": {"callbacks", "modules"},
    "w32_detach": {"PEB", "EPROCESS"},
}

# A rule whose findings show a technique through other views than the
# technique's usual ones: what its evidence must name instead.
RULE_VIEWS = {
    "injected-code": {"VAD", "memory"},
    "thread-outside-module": {"ETHREAD"},
}


def main():
    truth_path, findings_path, rules_path, label = sys.argv[1:5]
    truth = json.load(open(truth_path))
    findings = json.load(open(findings_path))
    rules = {r["rule"]: set(r["forge_techniques"]) for r in json.load(open(rules_path))}
    techniques = truth.get("techniques", [])
    failed = 0

    # cyclic_list hides the processes after its target from a forward
    # walk of the active list: findings about them are the technique's
    walk = set(truth.get("active_process_list", {}).get("forward_walk") or [])
    loop_hidden = {p["pid"] for p in truth.get("processes", [])
                   if p.get("in_active_process_list") and p["pid"] not in walk}

    def pids_of(t):
        pids = {p for p in (t.get("target_pid"), t.get("source_pid")) if p is not None}
        return pids | loop_hidden if t["kind"] == "cyclic_list" else pids

    def explains(t, f):
        if t["kind"] not in rules.get(f["rule"], ()):
            return False
        # a finding about no process (a driver, a callback) or about a
        # process the technique touched
        return f["pid"] is None or f["pid"] in pids_of(t) or t.get("target_pid") == 0

    for t in techniques:
        what = "%s: %s on PID %s" % (label, t["kind"], t.get("target_pid"))
        if not any(t["kind"] in kinds for kinds in rules.values()):
            failed += 1
            print("not ok - %s: no rule names this technique" % what)
            continue
        if t["kind"] == "cyclic_list" and not loop_hidden:
            print("skip - %s: the loop hides no process (its target is the last on the list)" % what)
            continue
        hits = [f for f in findings if explains(t, f)]
        want = EXPECTED_VIEWS.get(t["kind"], set())

        def shows(f):
            return f["evidence"] and RULE_VIEWS.get(f["rule"], want) <= {e["view"] for e in f["evidence"]}
        good = [f for f in hits if shows(f)]
        if good:
            print("ok - %s found by %s" % (what, ",".join(sorted({f["rule"] for f in good}))))
        elif hits:
            failed += 1
            print("not ok - %s found by %s, but its evidence does not name %s" %
                  (what, hits[0]["rule"], ",".join(sorted(want))))
        else:
            failed += 1
            rules_for = sorted(r for r, kinds in rules.items() if t["kind"] in kinds)
            print("not ok - %s not found (rules staging it: %s)" % (what, ",".join(rules_for) or "none"))

    unexplained = [f for f in findings if not any(explains(t, f) for t in techniques)]
    for f in unexplained:
        failed += 1
        print("not ok - %s: false positive: %s on PID %s (%s): %s" %
              (label, f["rule"], f["pid"], f["process"], f["summary"]))
    if not unexplained:
        print("ok - %s: every one of %d findings is explained by a staged technique" % (label, len(findings)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
