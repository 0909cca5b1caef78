#!/bin/sh
# scripts/setup.sh - install what spamtrace needs from Debian 12, then build it.
# Run as root on a fresh machine (sudo is not needed and often not installed).
# The build goes to build/.
set -eu

cd "$(dirname "$0")/.."

# Build and test dependencies; each is explained in README.md.
PACKAGES="build-essential autoconf automake pkg-config
	libglib2.0-dev libgmime-3.0-dev libpsl-dev check
	libjson-glib-dev libcurl4-openssl-dev libsqlite3-dev
	libphonenumber-dev libicu-dev libc-ares-dev dnsmasq-base
	perl time procmail maildrop dovecot-sieve neomutt tmux libtool sqlite3
	rbldnsd dnsutils chromium"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: missing Debian packages:$missing (run this script as root to install them)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi

# out-of-tree builds: build/ here, build-asan/ for the sanitizer run
[ -x configure ] && [ -f build-aux/ltmain.sh ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -j"$(nproc)" -s
