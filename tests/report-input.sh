#!/bin/sh
# tests/report-input.sh - what spamtrace-report reads: one message is one message, an mbox is split
# where RFC 4155 says, empty input is nothing to do, a message over the size limit is skipped and said.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
[ -x "$REPORT" ] || skip_all "no $REPORT: build first"
T="--offline --template-dir $top_srcdir/templates"
NETWORK="$DATA/report/network.eml"
SPOOFED="$DATA/report/spoofed.eml"

# inputs JSON-FILE: "LABEL=ORIGIN,..." for each message of a --json plan
inputs() {
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>);
		print join(",", map { $_->{input} . "=" . ($_->{origin} ? $_->{origin}{ip} : "none") } @$p), "\n"' < "$1"
}

# plan NAME WANT [ARGS...]: the --json plan of ARGS (standard input: $in)
# names WANT
plan() {
	name=$1 want=$2
	shift 2
	# shellcheck disable=SC2086
	"$REPORT" $T --json "$@" < "$in" > "$TMP/plan.json" 2> "$TMP/err"
	st=$?
	got=$(inputs "$TMP/plan.json" 2> /dev/null)
	if [ $st -eq 0 ] && [ "$got" = "$want" ]; then
		pass "$name: $want"
	else
		fail "$name: exit $st, want '$want', got '$got': $(head -c 300 "$TMP/err")"
	fi
}

# The spam, as procmail pipes it (an envelope From line first), carries in
# its body a whole second message, after an empty line and a From line with
# a date: the sender's own "top" Received: line and recipients. Standard
# input is one message: the second is the first's body.
{
	printf 'From security@bank.zz Tue Sep  3 10:00:05 2024\n'
	cat "$SPOOFED"
	printf '\nFrom sales@pills.zz Tue Sep  3 10:00:00 2024\n'
	cat "$NETWORK"
} > "$TMP/smuggled.eml"
in="$TMP/smuggled.eml"
plan "standard input is one message" "<stdin>=81.2.69.160"
# shellcheck disable=SC2086
"$REPORT" $T --json --mbox < "$in" > "$TMP/plan.json" 2> "$TMP/err"
[ "$(inputs "$TMP/plan.json")" = "<stdin>#1=81.2.69.160,<stdin>#2=45.61.137.3" ] &&
	pass "--mbox: standard input read as an mbox" || fail "--mbox on standard input: $(inputs "$TMP/plan.json")"

# a named file is one message too, unless it is an mbox: its first line a
# From line with a date
in=/dev/null
{
	printf 'From security@bank.zz\n'
	cat "$SPOOFED"
	printf '\nFrom sales@pills.zz Tue Sep  3 10:00:00 2024\n'
	cat "$NETWORK"
} > "$TMP/file.eml"
plan "a file is one message" "$TMP/file.eml=81.2.69.160" "$TMP/file.eml"
plan "a file that is an mbox" "$TMP/smuggled.eml#1=81.2.69.160,$TMP/smuggled.eml#2=45.61.137.3" \
	"$TMP/smuggled.eml"
plan "--mbox: a file read as an mbox" "$TMP/file.eml#1=81.2.69.160,$TMP/file.eml#2=45.61.137.3" \
	--mbox "$TMP/file.eml"

# a Maildir's files are one message each, whatever their first line
mkdir -p "$TMP/md/cur" "$TMP/md/new" "$TMP/md/tmp"
cp "$TMP/smuggled.eml" "$TMP/md/cur/1.x:2,S"
plan "a Maildir's file is one message" "$TMP/md/cur/1.x:2,S=81.2.69.160" "$TMP/md"

# drafting from standard input: the spam's parties only
out="$TMP/outbox"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$TMP/reg.sqlite" < "$TMP/smuggled.eml" > "$TMP/run" 2>&1
to=$(for d in "$out"/cur/*; do sed -n '/^$/q; s/^To: //p' "$d"; done | sort | tr '\n' ' ')
[ "$to" = "abuse@gmail.com abuse@hosting-two.zz " ] && pass "drafts from standard input: $to" ||
	fail "drafts from standard input: $to"

# nothing on standard input: nothing to do, said, exit 0
for args in "--json" "--dry-run" "--outbox $TMP/empty-out --registry $TMP/reg.sqlite"; do
	# shellcheck disable=SC2086
	"$REPORT" $T $args < /dev/null > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ $st -eq 0 ] && grep -q '<stdin>: empty, nothing to do' "$TMP/err"; then
		pass "empty standard input ($args): exit 0, said on standard error"
	else
		fail "empty standard input ($args): exit $st: $(head -c 300 "$TMP/err")"
	fi
done
: > "$TMP/empty.eml"
# shellcheck disable=SC2086
"$REPORT" $T --json "$TMP/empty.eml" "$NETWORK" > "$TMP/plan.json" 2> "$TMP/err"
[ $? -eq 0 ] && [ "$(inputs "$TMP/plan.json")" = "$NETWORK=45.61.137.3" ] && grep -q 'empty, nothing to do' "$TMP/err" &&
	pass "an empty file: nothing to do, the next one read" || fail "an empty file: $(cat "$TMP/err")"

# the size limit: a message over it is skipped and said, the others are
# read, the exit status is 1
{
	printf 'From a@pills.zz Tue Sep  3 10:00:00 2024\n'
	cat "$NETWORK"
	printf '\nFrom b@pills.zz Tue Sep  3 10:00:01 2024\n'
	cat "$SPOOFED"
	perl -e 'print "x" x 80, "\n" for 1 .. 100'
	printf '\nFrom c@pills.zz Tue Sep  3 10:00:02 2024\n'
	cat "$NETWORK"
} > "$TMP/sizes.mbox"
size2=$(perl -0777 -ne 'my @m = split /\n(?=From [a-c]\@pills\.zz )/; my $m = $m[1]; $m =~ s/\AFrom [^\n]*\n//; print length($m) + 1' "$TMP/sizes.mbox")
for how in option config; do
	if [ $how = option ]; then
		limit="--max-size 4K"
	else
		printf '[report]\nmax-size = 4k\n' > "$TMP/size.conf"
		limit="--config $TMP/size.conf"
	fi
	# shellcheck disable=SC2086
	"$REPORT" $T --json $limit "$TMP/sizes.mbox" > "$TMP/plan.json" 2> "$TMP/err"
	st=$?
	if [ $st -eq 1 ] && [ "$(inputs "$TMP/plan.json")" = "$TMP/sizes.mbox#1=45.61.137.3,$TMP/sizes.mbox#3=45.61.137.3" ] &&
		grep -q "sizes.mbox#2: $size2 bytes, over the limit of 4096 .*skipped, nothing drafted" "$TMP/err"; then
		pass "max-size ($how): the message over it skipped and said, exit 1"
	else
		fail "max-size ($how): exit $st, $(inputs "$TMP/plan.json"): $(cat "$TMP/err")"
	fi
done
# standard input over the limit is read to its end (the MDA's pipe is not
# left full) and said
perl -e 'print "Subject: big\n\n", ("y" x 99 . "\n") x 20000' > "$TMP/big.eml"
# shellcheck disable=SC2086
"$REPORT" $T --json --max-size 100K < "$TMP/big.eml" > "$TMP/plan.json" 2> "$TMP/err"
st=$?
[ $st -eq 1 ] && grep -q "<stdin>: 2000014 bytes, over the limit of 102400" "$TMP/err" &&
	pass "standard input over the limit: skipped, its size said, exit 1" ||
	fail "standard input over the limit: exit $st: $(cat "$TMP/err")"
for bad in 0 -1 1.5M 3G 12Q; do
	# shellcheck disable=SC2086
	"$REPORT" $T --json --max-size "$bad" "$NETWORK" > /dev/null 2> "$TMP/err"
	st=$?
	[ $st -eq 64 ] || fail "--max-size $bad: exit $st (want 64)"
done
pass "--max-size: a wrong size is a usage error"
printf '[report]\nmax-size = lots\n' > "$TMP/bad.conf"
# shellcheck disable=SC2086
"$REPORT" $T --json --config "$TMP/bad.conf" "$NETWORK" > /dev/null 2> "$TMP/err"
[ $? -eq 78 ] && grep -q 'max-size' "$TMP/err" && pass "[report] max-size: a wrong size is a config error" ||
	fail "[report] max-size = lots: $(cat "$TMP/err")"

finish
