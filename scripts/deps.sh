#!/bin/sh
# Install the Debian packages eproc needs, skipping those already present.
# Uses sudo when not root.  Used by `make demo` and `make test`.
set -e
PKGS="make gcc clang libjansson-dev liblzma-dev xz-utils python3 lldb"
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
