#!/bin/sh
# Install the Debian packages eproc needs, skipping those already present.
# Uses sudo when not root.  Used by `make demo` and `make test`.
set -e
# clang with libclang-rt-dev: the ASan/UBSan runtimes (make test) and
# libFuzzer (make fuzz); lldb: the independent minidump reader the tests
# compare with; util-linux gives setpriv (unreadable-file test);
# libcapstone-dev disassembles what malfind finds; help2man writes the man
# page from the help and bash-completion loads the completion the CLI
# tests exercise (tests/cli/cli.sh).
PKGS="make gcc clang libclang-rt-dev libjansson-dev liblzma-dev libcapstone-dev xz-utils python3 lldb util-linux"
PKGS="$PKGS help2man bash-completion"
# sleuthkit: mactime reads timeline's body file (tests/cli/timeline.sh).
PKGS="$PKGS sleuthkit"
# chromium draws and dumps the report's page, tidy validates it
# (tests/cli/report.sh).
PKGS="$PKGS chromium tidy"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "eproc: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
