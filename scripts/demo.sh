#!/bin/sh
# scripts/demo.sh - set up, build, and trace the bundled example spam.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
example=examples/phish-into-m365.eml
echo "=== spamtrace-filter --explain < $example"
build/filter/spamtrace-filter --explain < "$example"
echo
echo "=== spamtrace-filter < $example  (the fields it adds on top)"
build/filter/spamtrace-filter < "$example" | sed -n '/^X-Spamtrace-/,/^[^ \t]/p' | sed '$d'
echo
echo "=== spamtrace-filter --body < $example  (what the body advertises)"
SPAMTRACE_MODULE_DIR=build/filter/.libs build/filter/spamtrace-filter --body < "$example" |
	sed -n '/^X-Spamtrace-Advertises/,/^[^ \t]/p' | sed '$d'
