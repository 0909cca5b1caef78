#!/bin/sh
# tests/filter-corpus.sh - every real message under ../shared/corpus comes out byte for byte.
# The output minus our leading fields must equal the input, with exit status 0,
# as LF and as CRLF, with and without an mbox From line; --json must parse.
. "${top_srcdir:-.}/tests/lib.sh"

[ -d "$SHARED/corpus" ] || skip_all "no ../shared/corpus beside the checkout"

n=0
for f in "$SHARED"/corpus/*/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=${f#"$SHARED"/corpus/}

	"$FILTER" < "$f" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ $st -ne 0 ]; then
		fail "$name: exit $st: $(head -c 200 "$TMP/err")"
		continue
	fi
	[ -s "$TMP/out" ] || fail "$name: empty output"
	strip_ours "$TMP/out" | cmp -s - "$f" || fail "$name: message changed"
	grep -a -v '^From ' "$TMP/out" | head -n 1 | grep -a -q '^X-Spamtrace-Version: spamtrace-filter ' ||
		fail "$name: no version field on top"
	grep -a -q '^X-Spamtrace-Origin: ' "$TMP/out" || fail "$name: no origin field"
	# our fields: ASCII, short lines
	perl -ne 'last unless /^(X-Spamtrace-|[ \t])/; exit 1 if /[^\x20-\x7e\r\n]/ || length($_) > 998' "$TMP/out" ||
		fail "$name: our fields are not clean ASCII"

	# the same message with CRLF line endings keeps them, our fields too
	perl -pe 's/\r?\n/\r\n/' "$f" > "$TMP/crlf"
	"$FILTER" < "$TMP/crlf" > "$TMP/out" || fail "$name (CRLF): exit status"
	strip_ours "$TMP/out" | cmp -s - "$TMP/crlf" || fail "$name (CRLF): message changed"
	perl -ne 'last unless /^(X-Spamtrace-|[ \t])/; exit 1 unless /\r\n\z/' "$TMP/out" ||
		fail "$name (CRLF): our fields do not end in CRLF"

	# with an mbox From line in front, which stays first
	{ printf 'From sender@example.org Tue Sep  3 10:00:00 2024\n'; cat "$f"; } > "$TMP/mbox"
	"$FILTER" < "$TMP/mbox" > "$TMP/out" || fail "$name (mbox): exit status"
	head -n 1 "$TMP/out" | grep -q '^From sender@example.org ' || fail "$name (mbox): From line not first"
	strip_ours "$TMP/out" | cmp -s - "$TMP/mbox" || fail "$name (mbox): message changed"

	"$FILTER" --json < "$f" > "$TMP/json" || fail "$name: --json exit status"
	perl -MJSON::PP -e 'local $/; decode_json(<STDIN>)' < "$TMP/json" 2>/dev/null || fail "$name: --json is not JSON"
	"$FILTER" --explain < "$f" > /dev/null || fail "$name: --explain exit status"
done

[ $n -gt 0 ] || skip_all "the corpus is empty"
pass "$n corpus messages"
finish
