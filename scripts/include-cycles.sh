#!/bin/sh
# scripts/include-cycles.sh - the graph of our #include "..." lines (lib/, filter/, report/):
# prints each cycle found, and "no cycles" when there is none. Exit 1 on a cycle.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
find lib filter report -name '*.[ch]' | LC_ALL=C sort | while read -r f; do
	sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
		printf '%s %s\n' "$(basename "$f")" "$inc"
	done
done | awk '
{ edge[$1] = edge[$1] " " $2; node[$1] = 1; node[$2] = 1 }
function visit(n,   k, m, parts, i) {
	state[n] = 1; stack[++depth] = n
	m = split(edge[n], parts, " ")
	for (i = 1; i <= m; i++) {
		k = parts[i]
		if (state[k] == 1) {
			cyc = k; for (j = depth; j >= 1 && stack[j] != k; j--) cyc = stack[j] " -> " cyc
			print "cycle: " k " -> " cyc; found = 1
		} else if (state[k] == 0) visit(k)
	}
	depth--; state[n] = 2
}
END {
	for (n in node) state[n] = 0
	for (n in node) if (state[n] == 0) visit(n)
	if (!found) { print "no cycles among " length(node) " files" } else exit 1
}'
