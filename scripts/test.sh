#!/bin/sh
# scripts/test.sh - set up, build, run every test, then every test again
# under AddressSanitizer and UBSan (in build-asan/).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
cd build
# count: the results of one make check, from automake's .trs files
count() {
	p=$(cat tests/*.trs | grep -c '^:test-result: PASS' || true)
	f=$(cat tests/*.trs | grep -c -E '^:test-result: (FAIL|ERROR|XPASS)' || true)
	s=$(cat tests/*.trs | grep -c '^:test-result: SKIP' || true)
	echo "$1: $p passed, $f failed, $s skipped"
}

make -j"$(nproc)" check || { cat tests/*.log 2>/dev/null | tail -200; exit 1; }
plain=$(count plain)

cd ..
mkdir -p build-asan
cd build-asan
[ -f Makefile ] || ../configure -q --enable-sanitizers
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export SPAMTRACE_SANITIZERS=1
make -j"$(nproc)" -s
make -j"$(nproc)" check || { cat tests/*.log 2>/dev/null | tail -200; exit 1; }
echo "$plain"
count "sanitizers"
