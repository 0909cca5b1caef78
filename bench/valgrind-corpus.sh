#!/bin/sh
# bench/valgrind-corpus.sh - runs spamtrace-filter under valgrind's memcheck over every corpus
# message (and --json, --explain on each), then spamtrace-report (--offline --dry-run and --json):
# no errors, nothing definitely lost.
# Usage: bench/valgrind-corpus.sh [FILTER] [CORPUS_DIR] [REPORT]   (slow: about a second a run;
# the report's runs only when REPORT is given, or report/spamtrace-report is beside FILTER's dir)
set -u
filter=${1:-filter/spamtrace-filter}
corpus=${2:-$(dirname "$0")/../../shared/corpus}
report=${3:-$(dirname "$filter")/../report/spamtrace-report}
templates=$(cd "$(dirname "$0")/../templates" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
supp=$here/valgrind-pcre2-jit.supp
supp_ld=$here/valgrind-glibc-ld.supp
command -v valgrind > /dev/null || { echo "valgrind is not installed (Debian: valgrind)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/valgrind-corpus.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# nobody's own config, cache or registry
export HOME="$work" XDG_CONFIG_HOME="$work" XDG_CACHE_HOME="$work" XDG_DATA_HOME="$work"
runs=0 bad=0
# check NAME COMMAND...: one run under memcheck, its input on standard input
check() {
	name=$1
	shift
	runs=$((runs + 1))
	if ! valgrind -q --error-exitcode=99 --suppressions="$supp" --suppressions="$supp_ld" --leak-check=full \
		--errors-for-leak-kinds=definite \
		--show-leak-kinds=definite "$@" > /dev/null 2> "$work/valgrind"; then
		bad=$((bad + 1))
		echo "== $name"
		cat "$work/valgrind"
	fi
}
for f in "$corpus"/*/*; do
	[ -f "$f" ] || continue
	for mode in "" --json --explain; do
		# shellcheck disable=SC2086
		check "$f $mode" "$filter" $mode < "$f"
	done
done
filter_runs=$runs
if [ -x "$report" ]; then
	for f in "$corpus"/*/*; do
		[ -f "$f" ] || continue
		for mode in --dry-run --json; do
			check "report $f $mode" "$report" --offline --template-dir "$templates" $mode "$f" < /dev/null
		done
	done
fi
echo "$runs runs under memcheck ($filter_runs of the filter, $((runs - filter_runs)) of the report), $bad with errors or definite leaks"
[ "$bad" -eq 0 ]
