#!/bin/sh
# tools/deps.sh - makes sure the Debian packages needed to build are there.
#
# Installs what is missing when run as root (make run, .ci/run, containers);
# otherwise prints the exact command to run and exits 1, because a build tool
# should not ask for a password on its own. libc6-dev is listed although gcc
# normally brings it: with --no-install-recommends it does not.
# The test suite also needs golang-go and tmux; .ci/run installs those.
set -eu

PKGS="gcc make libc6-dev pkg-config libncurses-dev libedit-dev libcmocka-dev
libmd4c-dev libyaml-dev libjansson-dev"

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian: check by what the build uses instead of by package name.
  if command -v cc >/dev/null && command -v make >/dev/null &&
    pkg-config --exists ncursesw libedit cmocka md4c yaml-0.1 jansson; then
    exit 0
  fi
  echo "deps.sh: not a Debian system; install a C compiler, make, pkg-config" \
    "and the development files of ncursesw, libedit, cmocka, md4c," \
    "yaml-0.1 and jansson" >&2
  exit 1
fi

missing=""
for p in $PKGS; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case $status in
    *" installed") ;;
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "panicroom needs:$missing" >&2
  echo "run: sudo apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: installing$missing" >&2
# The package lists may be missing or stale on a fresh machine: update and
# try once more before giving up.
# shellcheck disable=SC2086 # $missing is a list of words
apt-get install -y --no-install-recommends $missing ||
  { apt-get update && apt-get install -y --no-install-recommends $missing; }
