#!/bin/sh
# tests/filter-golden.sh - whole messages against the fields we expect to add.
# tests/data/golden/<case>.eml in, <case>.expected: our fields but the version.
. "${top_srcdir:-.}/tests/lib.sh"

for eml in "$DATA"/golden/*.eml; do
	name=$(basename "$eml" .eml)
	expected="${eml%.eml}.expected"
	"$FILTER" < "$eml" > "$TMP/out" 2> "$TMP/err" || { fail "$name: exit status $?"; continue; }
	perl -ne 'last unless /^(X-Spamtrace-|[ \t])/; print unless /^X-Spamtrace-Version/' "$TMP/out" > "$TMP/ours"
	if cmp -s "$TMP/ours" "$expected"; then
		pass "$name"
	else
		fail "$name: our fields differ"
		diff -u "$expected" "$TMP/ours" >&2
	fi
	strip_ours "$TMP/out" > "$TMP/rest"
	# the one change we make: someone else's X-Spamtrace fields are renamed
	perl -pe 's/^(X-Spamtrace-)/Old-$1/i' "$eml" | cmp -s - "$TMP/rest" || fail "$name: message changed"
done

# the renamed fields keep their case and their values
"$FILTER" < "$DATA/golden/prior-tags.eml" > "$TMP/out"
grep -q '^Old-X-Spamtrace-Origin: ip=127.0.0.1; rdns=trusted' "$TMP/out" &&
	grep -q '^Old-x-spamtrace-trust: trusted=99' "$TMP/out" &&
	[ "$(grep -c -i '^X-Spamtrace-Origin:' "$TMP/out")" -eq 1 ] &&
	pass "prior X-Spamtrace fields renamed" || fail "prior X-Spamtrace fields not renamed"

finish
