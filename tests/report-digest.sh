#!/bin/sh
# tests/report-digest.sh - spamtrace-report --digest: one draft per recipient for all the spams of a
# run that name it, each spam in turn (its evidence, its header section, its body), the originals
# attached with --attach; remembered like single drafts. RFC 5322, RFC 2046 5.2.1.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
[ -x "$REPORT" ] || skip_all "no $REPORT: build first"
T="--offline --template-dir $top_srcdir/templates"
R="$DATA/report"
export EMAIL=alice@home.zz
IN="$R/gmail-account.eml $R/spoofed.eml $R/gmail-unsigned.eml"

# shellcheck disable=SC2086
"$REPORT" $T --digest --dry-run $IN > "$TMP/dry" 2> "$TMP/err"
n=$(grep -c '^----- draft ' "$TMP/dry")
google=$(sed -n '/^----- draft 1 /,/^----- end of draft/p' "$TMP/dry")
[ "$n" = 2 ] && printf '%s\n' "$google" | grep -q '^Subject: Spam from your system (3 messages)$' &&
	pass "three spams for Google (gmail.com and google.com alike): one draft; the network's its own" ||
	fail "digest drafts: $n; $(grep '^-----\|^To:\|^Subject:' "$TMP/dry")"
for k in 1 2 3; do
	printf '%s\n' "$google" | grep -q "^===== Spam $k of 3: " || fail "spam $k of 3 missing"
done
printf '%s\n' "$google" | grep -c '^----- The header section of the message, as we received it -----$' |
	grep -qx 3 && printf '%s\n' "$google" | grep -q '^The sending account: lotto.claims.desk@gmail.com$' &&
	pass "each spam in turn: its evidence and its header section" ||
	fail "the sections: $google"

# written and remembered: a second run drafts nothing again
rm -rf "$TMP/ob"
# shellcheck disable=SC2086
"$REPORT" $T --digest --attach --outbox "$TMP/ob" --registry "$TMP/reg.sqlite" $IN > "$TMP/out" 2>&1
files=$(ls "$TMP"/ob/cur | wc -l)
big=$(grep -l '^Subject: Spam from your system (3 messages)' "$TMP"/ob/cur/* | head -n 1)
[ "$files" = 2 ] && [ -n "$big" ] && [ "$(grep -c '^Content-Type: message/rfc822' "$big")" = 3 ] &&
	pass "written: two drafts, the originals attached one by one" ||
	fail "written: $files drafts; $(cat "$TMP/out")"
# shellcheck disable=SC2086
"$REPORT" $T --digest --outbox "$TMP/ob" --registry "$TMP/reg.sqlite" $IN > "$TMP/again" 2>&1
[ "$(ls "$TMP"/ob/cur | wc -l)" = 2 ] && grep -q 'already drafted' "$TMP/again" &&
	grep -q ': 0 drafts written' "$TMP/again" &&
	pass "a second run: already drafted, nothing new" || fail "second run: $(cat "$TMP/again")"

# an ARF report is about one message
# shellcheck disable=SC2086
"$REPORT" $T --digest --arf --dry-run $IN > /dev/null 2>&1
[ $? = 64 ] && pass "--digest --arf: a usage error" || fail "--digest --arf accepted"

finish
