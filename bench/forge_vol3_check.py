#!/usr/bin/env python3
"""Compare Volatility 3's JSON output on a forged image with its truth file.

    forge_vol3_check.py IMAGE.truth.json OUTDIR/NAME

reads OUTDIR/NAME.PLUGIN.json for the 15 plugins bench/forge_vol3.sh runs
and prints one line per check: "ok - ..." or "FAIL - ..." (with the first
differences).  Exit status 1 if any check failed.

What "the truth's values" means per plugin (docs/forge.md):
  info        kernel base, DTB, KdDebuggerDataBlock, processors, system time
  pslist      the processes a forward walk of ActiveProcessLinks meets
              (truth active_process_list.forward_walk), with PID, PPID,
              offset, name, create/exit time and thread count
  psscan      every EPROCESS the forge wrote
  pstree      the pslist processes, each under its PPID when that is listed
  threads     every thread of the pslist processes: TID, StartAddress
  handles     every handle of the pslist processes: value, type, access,
              and the name for File (device path), Key (path without
              \\REGISTRY\\), Process and Thread handles
  dlllist     every loaded module: base, size, name, path
  cmdline     the command line (or PEB masquerade's) of each process
  envars      every variable of every process's environment
  getsids     the token's SIDs (user, groups, integrity label)
  privileges  every privilege present, and whether enabled
  vadinfo     every VAD: start, end, protection, tag, private memory
  malfind     exactly the staged injected/hollowed regions
  psxview     pslist/psscan/thrdscan per EPROCESS as the truth predicts
  joblinks    each listed process in a job: the job's session, total,
              active and terminated counts, and its members (PID, image path)
  svcscan     every service record in services.exe: order, name, display
              name, type, start, state, and for running services the PID
              and binary path (Volatility shows those only while running)
"""
import json
import sys

FAILED = False


def report(ok, what, diff=None):
    global FAILED
    if ok:
        print(f"ok - {what}")
    else:
        FAILED = True
        extra = ""
        if diff:
            extra = ": " + "; ".join(str(d) for d in list(diff)[:4])
        print(f"FAIL - {what}{extra}")


def rows(base, plugin):
    try:
        data = json.load(open(f"{base}.{plugin}.json"))
    except (OSError, ValueError):
        return None
    out = []

    def walk(items):
        for r in items:
            out.append(r)
            walk(r.get("__children", []))

    walk(data)
    return out


def h(s):
    return int(s, 16) if isinstance(s, str) else s


def low48(v):
    """Volatility prints kernel addresses without the sign extension."""
    return v & 0xFFFFFFFFFFFF


def iso(t):
    """truth '2025-03-14T06:24:49.123Z' and vol '2025-03-14T06:24:49+00:00' to seconds"""
    if not t:
        return None
    return t[:19]


# The names Volatility prints for the service enums (winsvc.h values)
SERVICE_STATES = {1: "SERVICE_STOPPED", 2: "SERVICE_START_PENDING", 3: "SERVICE_STOP_PENDING",
                  4: "SERVICE_RUNNING", 5: "SERVICE_CONTINUE_PENDING", 6: "SERVICE_PAUSE_PENDING",
                  7: "SERVICE_PAUSED"}
SERVICE_STARTS = {0: "SERVICE_BOOT_START", 1: "SERVICE_SYSTEM_START", 2: "SERVICE_AUTO_START",
                  3: "SERVICE_DEMAND_START", 4: "SERVICE_DISABLED"}
SERVICE_TYPES = {0x1: "SERVICE_KERNEL_DRIVER", 0x2: "SERVICE_FILE_SYSTEM_DRIVER", 0x4: "SERVICE_ADAPTOR",
                 0x8: "SERVICE_RECOGNIZER_DRIVER", 0x10: "SERVICE_WIN32_OWN_PROCESS",
                 0x20: "SERVICE_WIN32_SHARE_PROCESS", 0x100: "SERVICE_INTERACTIVE_PROCESS"}


def svcscan_row(x):
    types = frozenset(t for t in (x["Type"] or "").split("|") if t)
    return (x["Order"], x["Name"], x["Display"], types, x["Start"], x["State"], x["PID"], x["Binary"])


def svcscan_expected(sv):
    """The row Volatility's svcscan shows for a truth service: PID and
    binary only for a running service (the PID only for a Win32 one); the
    type as the flags it knows (0xE0, a per-user service, shows as SHARE)."""
    kind = h(sv["type"])
    running = sv["state"] == 4
    types = frozenset(name for bit, name in SERVICE_TYPES.items() if kind & bit)
    pid = sv["pid"] if running and kind & 0x30 else None
    # a driver's name is written only when the scenario gives one
    binary = sv["binary"] if running and (kind & 0x30 or sv["binary"]) else None
    return (sv["order"], sv["name"], sv["display"], types, SERVICE_STARTS[sv["start"]],
            SERVICE_STATES[sv["state"]], pid, binary)


def main():
    truth = json.load(open(sys.argv[1]))
    base = sys.argv[2]
    procs = truth["processes"]
    by_pid = {p["pid"]: p for p in procs}
    walk = truth["active_process_list"]["forward_walk"]
    listed = [by_pid[pid] for pid in walk]
    listed_pids = set(walk)
    m = truth["machine"]

    # info
    r = rows(base, "info")
    if r is not None:
        info = {x["Variable"]: x["Value"] for x in r}
        want = {
            "Kernel Base": low48(h(m["kernel_base"])),
            "DTB": h(m["dtb"]),
            "KdDebuggerDataBlock": low48(h(m["kd_debugger_data_block"])),
        }
        diff = [f"{k}: {info.get(k)} != {v:#x}" for k, v in want.items() if h(info.get(k, "0")) != v]
        if str(info.get("KeNumberProcessors")) != str(m["cpus"]):
            diff.append(f"KeNumberProcessors {info.get('KeNumberProcessors')}")
        if not str(info.get("SystemTime", "")).startswith(m["system_time"][:19].replace("T", " ")):
            diff.append(f"SystemTime {info.get('SystemTime')} != {m['system_time']}")
        report(not diff, "info: kernel base, DTB, KDBG, processors, system time", diff)

    # pslist
    r = rows(base, "pslist")
    if r is not None:
        got = [(x["PID"], x["PPID"], low48(x["Offset(V)"]), x["ImageFileName"], iso(x["CreateTime"]),
                iso(x["ExitTime"]), x["Threads"], x["SessionId"], x["Wow64"]) for x in r]
        want = [(p["pid"], p["ppid"], low48(h(p["offset"])), p["image_file_name"], iso(p["create_time"]),
                 iso(p["exit_time"]), p["active_threads"], p["session"], p["wow64"]) for p in listed]
        diff = [x for x in want if x not in got] + [("extra", x) for x in got if x not in want]
        report(got == want, f"pslist: the {len(want)} processes of the forward walk, in order, with PID, PPID, "
               "offset, name, times, threads, session, WoW64", diff)

    # psscan
    r = rows(base, "psscan")
    if r is not None:
        got = {(x["PID"], x["PPID"], low48(x["Offset(V)"]), x["ImageFileName"], iso(x["CreateTime"]))
               for x in r}
        want = {(p["pid"], p["ppid"], low48(h(p["offset"])), p["image_file_name"], iso(p["create_time"]))
                for p in procs}
        report(got == want, f"psscan: every EPROCESS ({len(want)}), unlinked ones included, with its offset",
               sorted(want ^ got))

    # pstree
    r = rows(base, "pstree")
    if r is not None:
        data = json.load(open(f"{base}.pstree.json"))
        pairs = set()

        def tree(items, parent):
            for x in items:
                pairs.add((x["PID"], parent))
                tree(x.get("__children", []), x["PID"])

        tree(data, None)
        want = {(p["pid"], p["ppid"] if p["ppid"] in listed_pids and p["ppid"] != p["pid"] else None)
                for p in listed}
        report(pairs == want, "pstree: every listed process under its PPID (roots: parent not listed)",
               sorted(pairs ^ want, key=str))

    # threads
    r = rows(base, "threads")
    if r is not None:
        got = {(x["PID"], x["TID"], low48(x["Offset"]), low48(x["StartAddress"]), iso(x["CreateTime"]),
                iso(x["ExitTime"])) for x in r}
        want = {(p["pid"], t["tid"], low48(h(t["offset"])), low48(h(t["start_address"])), iso(t["create_time"]),
                 iso(t["exit_time"])) for p in listed for t in p["threads"]}
        report(got == want, f"threads: every thread of the listed processes ({len(want)}) with its ETHREAD, "
               "StartAddress, create and exit time",
               sorted(want ^ got))

    # handles
    r = rows(base, "handles")
    if r is not None:
        got = {}
        for x in r:
            got[(x["PID"], x["HandleValue"])] = x
        diff = []
        n = skipped = 0
        type_index = {t["name"]: t["index"] for t in truth["object_types"]}
        cookie = h(m["ob_header_cookie"])
        for p in listed:
            for hd in p["handles"]:
                n += 1
                key = (p["pid"], h(hd["handle"]))
                # Volatility's handles drops entries whose OBJECT_HEADER.TypeIndex
                # byte is 0 (handles.py: `if item.TypeIndex != 0x0`); with the
                # Windows 10+ encoding (index ^ ObHeaderCookie ^ header byte 1)
                # that is 1 object in 256, on real machines as here
                encoded = type_index[hd["type"]] ^ cookie ^ ((h(hd["object_header"]) >> 8) & 0xFF)
                if encoded == 0:
                    skipped += 1
                    if key in got:
                        diff.append(("shown although TypeIndex byte is 0", key))
                        got.pop(key)
                    continue
                x = got.pop(key, None)
                if x is None:
                    diff.append(("missing", key, hd["type"]))
                    continue
                if x["Type"] != hd["type"] or x["GrantedAccess"] != h(hd["granted_access"]) or \
                        low48(x["Offset"]) != low48(h(hd["object"])):
                    diff.append(("differs", key, x["Type"], hd["type"], hex(x["GrantedAccess"]), hd["granted_access"]))
                    continue
                if hd["type"] == "Key":
                    want_name = hd["name"][len("\\REGISTRY\\"):] if hd["name"].upper().startswith("\\REGISTRY\\") \
                        else hd["name"]
                    if x["Name"] != want_name:
                        diff.append(("key name", key, x["Name"], want_name))
                elif hd["type"] in ("Process", "Thread"):
                    # the truth names them as a reader does ("NAME Pid N",
                    # "Tid N Pid N"; docs/forge.md, "Handle names")
                    if x["Name"] != hd["name"]:
                        diff.append((hd["type"].lower() + " name", key, x["Name"], hd["name"]))
                elif hd["type"] == "File" and hd["name"].startswith("\\Device\\"):
                    if x["Name"] != hd["name"]:
                        diff.append(("file name", key, x["Name"], hd["name"]))
        diff += [("extra", k) for k in got]
        report(not diff, f"handles: every handle of the listed processes ({n}; {skipped} with TypeIndex byte 0, "
               "which Volatility skips): value, type, access, object, Key/File/Process/Thread names", diff)

    # dlllist
    r = rows(base, "dlllist")
    if r is not None:
        got = {(x["PID"], x["Base"], x["Size"], x["Name"], x["Path"]) for x in r}
        want = {(p["pid"], h(md["base"]), h(md["size"]), md["name"], md["path"])
                for p in listed if p["ldr"] for md in p["modules"] if md["ldr_entry"]}
        # a masqueraded process shows the name it claims in its first entry
        masq = {p["pid"]: p["masqueraded_as"] for p in listed if p.get("masqueraded_as")}
        want = {w for w in want if w[0] not in masq or w[1] != h(by_pid[w[0]]["image_base"])}
        got = {g for g in got if g[0] not in masq or g[1] != h(by_pid[g[0]]["image_base"])}
        report(got == want, f"dlllist: every loader entry ({len(want)}): base, size, name, path",
               sorted(want ^ got, key=str))

    # cmdline
    r = rows(base, "cmdline")
    if r is not None:
        got = {x["PID"]: x["Args"] for x in r}
        diff = []
        for p in listed:
            if not p["peb"] or p["exited"]:
                continue
            want = p["command_line"]
            if p.get("masqueraded_as"):
                want = f"\"{p['masqueraded_as']}\""
            if got.get(p["pid"]) != want:
                diff.append((p["pid"], got.get(p["pid"]), want))
        report(not diff, "cmdline: every command line (the masquerade's where staged)", diff)

    # envars
    r = rows(base, "envars")
    if r is not None:
        got = {}
        for x in r:
            got.setdefault(x["PID"], {})[x["Variable"]] = x["Value"]
        diff = []
        nset = 0
        for p in listed:
            if not p["peb"] or p["exited"]:
                continue
            nset += 1
            want = dict(kv.split("=", 1) for kv in p["environment"])
            if got.get(p["pid"]) != want:
                diff.append((p["pid"], got.get(p["pid"]), want))
        report(not diff, f"envars: every variable of every environment ({nset} processes)", diff)

    # getsids
    r = rows(base, "getsids")
    if r is not None:
        got = {}
        for x in r:
            got.setdefault(x["PID"], []).append(x["SID"])
        diff = []
        for p in listed:
            tok = p["token"]
            stolen = tok["stolen_from_pid"]
            src = by_pid[stolen]["token"] if stolen else tok
            want = [s["sid"] for s in src["sids"]]
            if got.get(p["pid"]) != want:
                diff.append((p["pid"], got.get(p["pid"]), want))
        report(not diff, "getsids: every token's SIDs in order (the stolen token's where staged)", diff)

    # privileges
    r = rows(base, "privileges")
    if r is not None:
        got = {}
        for x in r:
            if "Present" in x["Attributes"]:    # Volatility lists absent ones too, with no attributes
                got.setdefault(x["PID"], set()).add((x["Privilege"], "Enabled" in x["Attributes"]))
        diff = []
        for p in listed:
            tok = p["token"]
            stolen = tok["stolen_from_pid"]
            src = by_pid[stolen]["token"] if stolen else tok
            want = {(pr["name"], pr["enabled"]) for pr in src["privileges"]}
            if got.get(p["pid"], set()) != want:
                diff.append((p["pid"], sorted(got.get(p["pid"], set()) ^ want)))
        report(not diff, "privileges: every privilege present, and enabled ones", diff)

    # vadinfo
    r = rows(base, "vadinfo")
    if r is not None:
        got = {(x["PID"], low48(x["Offset"]), x["Start VPN"], x["End VPN"], x["Protection"], x["Tag"],
                bool(x["PrivateMemory"]), x["CommitCharge"], x["File"]) for x in r}
        # Volatility names a mapped file by its FILE_OBJECT.FileName: the
        # truth's path without the drive
        want = {(p["pid"], low48(h(v["offset"])), h(v["start"]), h(v["end"]), v["protection"], v["tag"],
                 v["private_memory"], v["commit_charge"], v["file"] and v["file"][2:]) for p in listed for v in p["vads"]}
        report(got == want, f"vadinfo: every VAD ({len(want)}): node, range, protection, tag, private, commit, file",
               sorted(want ^ got))

    # malfind
    r = rows(base, "malfind")
    if r is not None:
        got = {(x["PID"], x["Start VPN"]) for x in r}
        want = set()
        for t in truth["techniques"]:
            if t["kind"] in ("injected_code", "hollowing") and t["target_pid"] in listed_pids:
                want.add((t["target_pid"], h(t["touched"][0]["address"])))
        for p in listed:
            for v in p["vads"]:
                if v["protection"] == "PAGE_EXECUTE_READWRITE" and v["private_memory"] and \
                        (p["pid"], h(v["start"])) not in want:
                    want.add((p["pid"], h(v["start"])))
        report(got == want, f"malfind: exactly the private RWX regions ({len(want)}), staged ones included",
               sorted(want ^ got))

    # psxview
    r = rows(base, "psxview")
    if r is not None:
        got = {x["PID"]: (x["pslist"], x["psscan"]) for x in r}
        # psxview drops processes whose name has a character other than a
        # letter, '.' or ' ' (psxview.py valid_proc_name_chars): rundll32.exe
        # and the like never appear
        valid = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ. ")
        want = {p["pid"]: (p["pid"] in listed_pids, True) for p in procs if set(p["image_file_name"]) <= valid}
        report(got == want, "psxview: pslist and psscan columns as the truth predicts",
               sorted(set(got.items()) ^ set(want.items())))

    # joblinks: each listed process in a job, with the job's counts, and
    # under it the job's members (ProcessListHead through EPROCESS.JobLinks)
    # with their image paths
    try:
        data = json.load(open(f"{base}.joblinks.json"))
    except (OSError, ValueError):
        data = None
    if data is not None:
        jobs = {low48(h(j["offset"])): j for j in truth["jobs"]}
        got = [(x["PID"], x["JobSess"], x["Total"], x["Active"], x["Term"],
                [(c["PID"], c["Process"]) for c in x.get("__children", [])]) for x in data]
        want = []
        for p in listed:
            j = jobs.get(low48(h(p["job"]))) if p["job"] else None
            if j:
                want.append((p["pid"], j["session"], j["total_processes"], j["active_processes"], j["terminated_processes"],
                             [(m, by_pid[m]["image_path"]) for m in j["members"]]))
        report(got == want, f"joblinks: the {len(want)} listed processes in a job, with its session, counts and "
               "members (PID, image path)", [x for x in want if x not in got] + [("extra", x) for x in got if x not in want])

    # svcscan
    r = rows(base, "svcscan")
    if r is not None:
        got = sorted(svcscan_row(x) for x in r)
        want = sorted(svcscan_expected(sv) for sv in truth["services"])
        report(got == want, f"svcscan: every service record ({len(want)}): order, name, display, type, start, "
               "state, PID and binary of running services", sorted(set(got) ^ set(want), key=str))

    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
