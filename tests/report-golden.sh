#!/bin/sh
# tests/report-golden.sh - every kind of draft against its golden copy: the --dry-run text as a person
# reads it (tests/data/drafts/*.expected), and the draft itself, well formed (tests/draft-check.c).
# UPDATE=1 rewrites the golden copies from what the program writes now: read the diff before
# committing it.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
CHECK="$top_builddir/tests/draft-check"
T="--offline --template-dir $top_srcdir/templates"
export EMAIL=alice@home.zz

# CASE INPUT OPTIONS: the drafts of INPUT, read from standard input so that
# the output names no path
golden() {
	case=$1 input=$2; shift 2
	expected="$DATA/drafts/$case.expected"
	# shellcheck disable=SC2086
	"$REPORT" $T --dry-run "$@" < "$input" > "$TMP/$case.out" 2> "$TMP/$case.err"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$TMP/$case.out" "$expected"
	fi
	if cmp -s "$TMP/$case.out" "$expected"; then
		pass "$case: the drafts as read"
	else
		fail "$case: the drafts differ from $expected:"
		diff "$expected" "$TMP/$case.out" | head -20 >&2
	fi
	# the drafts as written: each well formed, with the header section
	rm -rf "$TMP/ob" "$TMP/ob.sqlite"
	# shellcheck disable=SC2086
	"$REPORT" $T --outbox "$TMP/ob" --registry "$TMP/ob.sqlite" "$@" < "$input" > /dev/null 2>&1
	n=0
	for d in "$TMP"/ob/cur/*; do
		[ -f "$d" ] || continue
		n=$((n + 1))
		"$CHECK" "$d" "$input" || fail "$case: draft $n does not check"
	done
	[ $n -gt 0 ] && pass "$case: $n drafts well formed" || fail "$case: no draft written"
}

R="$DATA/report"
golden network "$R/network.eml"                       # the origin's network and an insecure relay
golden source "$R/tenant.eml"                         # behind a provider: its client's network
golden account "$R/gmail-account.eml"                 # a Gmail account, proven by our DKIM check
golden mailbox "$R/spoofed.eml"                       # a reply mailbox at a free-mail provider
golden spoofed "$R/spoofed.eml" --notify-spoofed      # the note to a forged domain's owner
golden advertiser "$R/advertiser.eml"                 # a link shortener
golden phones "$R/phones.eml"                         # numbers given, one line each
golden phishing-html "$DATA/drafts/phishing-pot-95.eml" # HTML phishing (see README.md)
golden phishing-attachments "$DATA/drafts/phishing-pot-2483.eml" # images, attachments
golden nul-long "$DATA/drafts/nul-long.eml"           # a NUL and a 5,000-character line
golden nul-long-attach "$DATA/drafts/nul-long.eml" --attach
golden nul-long-arf "$DATA/drafts/nul-long.eml" --arf --attach

# the original, attached, comes back byte for byte, NUL included, as
# base64 application/octet-stream: it cannot break the draft's structure
orig="$DATA/drafts/nul-long.eml"
rm -rf "$TMP/att"
# shellcheck disable=SC2086
"$REPORT" $T --attach --outbox "$TMP/att" --registry "$TMP/att.sqlite" < "$orig" > /dev/null 2>&1
d=$(ls "$TMP"/att/cur/* | head -n 1)
perl -MMIME::Base64 -0777 -ne 'm{Content-Type: application/octet-stream[^\n]*\n(?:[^\n]+\n)*?\n(.*?)\n--}s or exit 1;
	my $b64 = $1; m{filename="?spam\.eml"?} && m{Content-Transfer-Encoding: base64} or exit 1;
	print decode_base64($b64)' "$d" > "$TMP/back" &&
	cmp -s "$TMP/back" "$orig" && tail -n 1 "$d" | grep -q '^--.*--$' &&
	pass "a NUL and an overlong line: the original attached whole, base64, the draft closed" ||
	fail "the attached original: $(wc -c < "$TMP/back") bytes back"
# the note itself: the NUL did not cut it short, no line over 998 octets
grep -q '^| Call us on +44 20 7946 0958 before it is gone\.$' "$d" && pass "a NUL does not cut the note short" ||
	fail "the note was cut short"

finish
