#!/bin/sh
# bench/valgrind-corpus.sh - runs spamtrace-filter under valgrind's memcheck over every corpus
# message (and --json, --explain on each): no errors, nothing definitely lost.
# Usage: bench/valgrind-corpus.sh [FILTER] [CORPUS_DIR]   (slow: about a second a run)
set -u
filter=${1:-filter/spamtrace-filter}
corpus=${2:-$(dirname "$0")/../../shared/corpus}
command -v valgrind > /dev/null || { echo "valgrind is not installed (Debian: valgrind)"; exit 2; }
runs=0 bad=0
for f in "$corpus"/*/*; do
	[ -f "$f" ] || continue
	for mode in "" --json --explain; do
		runs=$((runs + 1))
		# shellcheck disable=SC2086
		if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			--show-leak-kinds=definite "$filter" $mode < "$f" > /dev/null 2> /tmp/valgrind.$$; then
			bad=$((bad + 1))
			echo "== $f $mode"
			cat /tmp/valgrind.$$
		fi
	done
done
rm -f /tmp/valgrind.$$
echo "$runs runs under memcheck, $bad with errors or definite leaks"
[ "$bad" -eq 0 ]
