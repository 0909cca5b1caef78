#!/bin/sh
# tests/report-registry.sh - spamtrace-report's registry when runs overlap and when it fails: a draft is
# claimed before it is written and recorded after; a registry that fails stops the run (exit 75) and
# leaves no draft it does not remember.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
[ -x "$REPORT" ] || skip_all "no $REPORT: build first"
: "${SQLITE3:=$(command -v sqlite3 || true)}"
T="--offline --template-dir $top_srcdir/templates"

# drafts DIR: how many drafts the outbox DIR holds
drafts() {
	find "$1/cur" "$1/new" -type f 2> /dev/null | wc -l | tr -d ' '
}

# a Maildir of 90 messages: the report messages, each 18 times with a
# Message-ID of its own
mkdir -p "$TMP/folder/cur" "$TMP/folder/new" "$TMP/folder/tmp"
for i in $(seq 1 18); do
	for m in "$DATA"/report/*.eml; do
		sed "s/^Message-ID: <\\(.*\\)>/Message-ID: <$i.\\1>/I" "$m" \
			> "$TMP/folder/cur/$i.$(basename "$m" .eml):2,S"
	done
done
# the distinct (message, recipient) pairs: every draft the plan names
# shellcheck disable=SC2086
want=$("$REPORT" $T --json "$TMP/folder" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>);
	my %pairs; for my $m (@$p) { $pairs{"$m->{input} @{$_->{to}} $_->{role}"} = 1 for @{$m->{drafts}} }
	print scalar(keys %pairs)')

# eight runs at once on the folder, one outbox and one registry: every pair
# drafted once
out="$TMP/outbox"
reg="$TMP/reg.sqlite"
for r in 1 2 3 4 5 6 7 8; do
	# shellcheck disable=SC2086
	"$REPORT" $T --outbox "$out" --registry "$reg" "$TMP/folder" > "$TMP/run$r" 2>&1 &
	eval "pid$r=\$!"
done
statuses=""
for r in 1 2 3 4 5 6 7 8; do
	eval "wait \$pid$r"
	statuses="$statuses $?"
done
got=$(drafts "$out")
if [ "$got" -eq "$want" ] && [ "$want" -gt 100 ] && [ "$statuses" = " 0 0 0 0 0 0 0 0" ]; then
	pass "8 runs at once: $got drafts for $want (message, recipient) pairs, each run exit 0"
else
	fail "8 runs at once: $got drafts for $want pairs, exit statuses$statuses: $(grep -h 'spamtrace-report:' "$TMP"/run? | head -5)"
fi
# and each draft was written by the run that says so
said=$(grep -h ': drafted for ' "$TMP"/run? | wc -l | tr -d ' ')
[ "$said" -eq "$got" ] && pass "the runs say they wrote $said drafts" ||
	fail "the runs say they wrote $said drafts, the outbox has $got"

if [ -z "$SQLITE3" ] || [ ! -x "$SQLITE3" ]; then
	if [ "${CI:-}" = true ]; then
		fail "sqlite3 is not installed (the CI set-up must install it)"
	else
		printf 'skip: the failing registry: no sqlite3 (Debian package sqlite3)\n'
	fi
	finish
fi

msg="$DATA/report/network.eml"

# the registry's tables, made by a run on another message
rm -rf "$out" "$reg"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$TMP/warm" --registry "$reg" "$DATA/report/spoofed.eml" > /dev/null 2>&1 ||
	fail "cannot make the registry"

# a registry that another program writes to (it holds the write lock past
# the 10 s the tool waits), which can still be read: the old tool wrote
# the draft and could not record it (exit 0, drafted again next time); now
# the claim fails: exit 75, said, no draft
{
	echo 'BEGIN IMMEDIATE;'
	echo 'CREATE TABLE IF NOT EXISTS x (y);'
	sleep 14
	echo 'COMMIT;'
} | "$SQLITE3" "$reg" &
locker=$!
sleep 1
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$msg" > "$TMP/out" 2> "$TMP/err"
st=$?
wait $locker
if [ $st -eq 75 ] && [ "$(drafts "$out")" -eq 0 ] && grep -q 'registry: claim: database is locked' "$TMP/err"; then
	pass "a locked registry: exit 75, said, no draft"
else
	fail "a locked registry: exit $st, $(drafts "$out") draft(s): $(cat "$TMP/err")"
fi

# a registry that claims but cannot record: the draft written is removed,
# the claim released, exit 75
rm -rf "$out"
"$SQLITE3" "$reg" "CREATE TRIGGER refuse BEFORE INSERT ON drafted BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$msg" > "$TMP/out" 2> "$TMP/err"
st=$?
claims=$("$SQLITE3" "$reg" 'SELECT count(*) FROM claims' 2>&1)
if [ $st -eq 75 ] && [ "$(drafts "$out")" -eq 0 ] && [ "$claims" = 0 ] &&
	grep -q "removed '.*', which the registry cannot remember" "$TMP/err" &&
	grep -q 'refused by the test' "$TMP/err"; then
	pass "a registry that cannot record: the draft removed, the claim released, exit 75"
else
	fail "a registry that cannot record: exit $st, $(drafts "$out") draft(s), claims: $claims: $(cat "$TMP/err")"
fi
"$SQLITE3" "$reg" 'DROP TRIGGER refuse'

# a claim of another run that is alive holds; one of a run that died is
# taken over
rm -rf "$out"
key=$("$REPORT" $T --json "$msg" | perl -MJSON::PP -e 'local $/; print decode_json(<STDIN>)->[0]{incident}')
host=$(perl -MSys::Hostname -e 'print hostname')
sleep 30 &
alive=$!
# the key of the network complaint: the incident, the role, the party
party=$("$REPORT" $T --json "$msg" | perl -MJSON::PP -e 'local $/; my $d = decode_json(<STDIN>)->[0]{drafts}[0]; print $d->{party}')
"$SQLITE3" "$reg" "DELETE FROM claims; INSERT INTO claims VALUES ('$key;network;$party', 'abuse@isp-one.zz', '$host', $alive, strftime('%s','now'))"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$msg" > "$TMP/out" 2> "$TMP/err"
st=$?
if [ $st -eq 0 ] && grep -q "already drafted for abuse@isp-one.zz (network): being drafted now by process $alive" "$TMP/err"; then
	pass "a live claim of another run holds"
else
	fail "a live claim: exit $st: $(cat "$TMP/out" "$TMP/err")"
fi
kill $alive
wait $alive 2> /dev/null
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$msg" > "$TMP/out" 2> "$TMP/err"
st=$?
if [ $st -eq 0 ] && grep -q "drafted for abuse@isp-one.zz (network): " "$TMP/err"; then
	pass "the claim of a run that died is taken over"
else
	fail "a dead run's claim: exit $st: $(cat "$TMP/out" "$TMP/err")"
fi

finish
