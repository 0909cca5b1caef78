#!/bin/sh
# scripts/long-functions.sh - list the functions of lib/ and filter/ (or the given files) longer than N lines.
# A function starts at a name in column 0 followed by '(' and ends at the '}' in column 0.
# Usage: scripts/long-functions.sh [-n LINES] [FILE...]
set -eu
limit=120
if [ "${1:-}" = -n ]; then limit=$2; shift 2; fi
top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
	set -- $(cd "$top" && find lib filter -name '*.c' | LC_ALL=C sort)
	cd "$top"
fi
awk -v limit="$limit" '
FNR == 1 { name = "" }
/^[A-Za-z_][A-Za-z0-9_]* *\(/ && !/;[ \t]*$/ { name = $1; sub(/\(.*/, "", name); start = FNR; next }
/^}/ && name != "" { n = FNR - start + 1; if (n > limit) printf "%5d %s:%d %s\n", n, FILENAME, start, name; name = "" }
' "$@" | sort -rn
