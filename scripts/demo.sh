#!/bin/sh
# scripts/demo.sh - set up, build, and trace the bundled example spam.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
example=examples/phish-into-m365.eml
# the fields we add: the first lines, with their continuation lines
ours() {
	awk '/^X-Spamtrace-/ { print; next } /^[ \t]/ { print; next } { exit }'
}
echo "=== spamtrace-filter --explain < $example"
build/filter/spamtrace-filter --explain < "$example"
echo
echo "=== spamtrace-filter < $example  (the fields it adds on top)"
build/filter/spamtrace-filter < "$example" | ours
echo
echo "=== spamtrace-filter --body < $example  (what the body advertises)"
build/filter/spamtrace-filter --body < "$example" |
	ours | sed -n '/^X-Spamtrace-Advertises/,$p'
echo
echo "=== spamtrace-report --dry-run --offline $example  (the complaint it would draft; the start)"
build/report/spamtrace-report --dry-run --offline "$example" 2>&1 |
	sed -n '1,/^----- The full headers/p'
