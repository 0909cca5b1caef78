#!/bin/sh
# bench/report-bench.sh - spamtrace-report's offline throughput over a Maildir: the analysis and
# plan of every message (--json), and the drafts themselves (--dry-run). A benchmark, not a test.
# Usage: bench/report-bench.sh [REPORT] [CORPUS_DIR] [COPIES]
set -eu
report=${1:-report/spamtrace-report}
corpus=${2:-$(dirname "$0")/../../shared/corpus}
copies=${3:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$HOME" "$tmp/md/cur" "$tmp/md/new" "$tmp/md/tmp"
n=0
for i in $(seq "$copies"); do
	for f in "$corpus"/*/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		cp "$f" "$tmp/md/cur/$n.bench:2,S"
	done
done
bytes=$(cat "$tmp"/md/cur/* | wc -c)
templates=$(dirname "$0")/../templates
for mode in --json --dry-run; do
	start=$(date +%s%N)
	"$report" --offline --template-dir "$templates" "$mode" "$tmp/md" > /dev/null
	end=$(date +%s%N)
	ns=$((end - start))
	awk -v n="$n" -v b="$bytes" -v ns="$ns" -v m="$mode" 'BEGIN {
		s = ns / 1e9;
		printf "%-10s %d messages, %.1f MB in %.2f s: %.0f messages/s, %.1f MB/s\n", m, n, b / 1e6, s, n / s, b / 1e6 / s }'
done
