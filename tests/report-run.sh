#!/bin/sh
# tests/report-run.sh - long runs of spamtrace-report: what was done on standard error, a line at
# a time, the results (drafts of --dry-run, the plan of --json) on standard output; --quiet; the
# closing summary of a run and of --dry-run; the progress line on a terminal; --list and --forget;
# an empty standard input; the breaker against a registry that never answers.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
R="$DATA/report"
export EMAIL=alice@home.zz
printf '[report]\naddresses = alice@home.zz\n' > "$TMP/conf"
T="--offline --config $TMP/conf --template-dir $top_srcdir/templates"
ob="$TMP/ob" reg="$TMP/reg.sqlite"
three="$R/network.eml $R/spoofed.eml $R/advertiser.eml"

# 1. a run: nothing on standard output; each draft and each party left
# out on standard error, then the summary by role and recipient
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$ob" --registry "$reg" $three > "$TMP/out" 2> "$TMP/err"
st=$?
cat > "$TMP/summary" << EOF
spamtrace-report: 3 messages read: 6 drafts written to $ob, 0 already drafted before
  network: 3 drafts: abuse@isp-one.zz (2), abuse@hosting-two.zz
  mailbox: 2 drafts: abuse@gmail.com (2)
  advertiser: 1 draft: abuse@bit.ly
EOF
if [ $st -eq 0 ] && [ ! -s "$TMP/out" ] &&
	[ "$(grep -c ': drafted for ' "$TMP/err")" = 6 ] &&
	grep -q "^$R/network.eml: drafted for abuse@isp-one.zz (network): $ob/cur/" "$TMP/err" &&
	grep -q "^$R/spoofed.eml: not writing to postmaster@bank.zz (spoofed): " "$TMP/err" &&
	tail -n 4 "$TMP/err" | cmp -s - "$TMP/summary"; then
	pass "a run: status and summary on standard error, nothing on standard output"
else
	fail "a run: status $st: $(cat "$TMP/out" "$TMP/err")"
fi

# the same again: nothing new, and the summary says so
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$ob" --registry "$reg" $three > "$TMP/out" 2> "$TMP/err"
if [ ! -s "$TMP/out" ] && [ "$(grep -c ': already drafted for ' "$TMP/err")" = 6 ] &&
	[ "$(tail -n 1 "$TMP/err")" = "spamtrace-report: 3 messages read: 0 drafts written to $ob, 6 already drafted before" ]; then
	pass "a second run: already drafted, said on standard error"
else
	fail "a second run: $(cat "$TMP/out" "$TMP/err")"
fi

# 2. --dry-run: the drafts on standard output, all else on standard error,
# and a summary of what was printed
# shellcheck disable=SC2086
"$REPORT" $T --dry-run $three > "$TMP/out" 2> "$TMP/err"
st=$?
sed -e '1s/.*/spamtrace-report: 3 messages read: 6 drafts printed (--dry-run: none written, none remembered)/' \
	"$TMP/summary" > "$TMP/summary-n"
if [ $st -eq 0 ] && [ "$(grep -c '^----- draft ' "$TMP/out")" = 6 ] &&
	! grep -q 'not writing to\|drafted for\|messages read' "$TMP/out" &&
	grep -q "^$R/spoofed.eml: not writing to postmaster@bank.zz" "$TMP/err" &&
	! grep -q '^----- draft' "$TMP/err" && tail -n 4 "$TMP/err" | cmp -s - "$TMP/summary-n"; then
	pass "--dry-run: drafts on standard output, status and summary on standard error"
else
	fail "--dry-run: status $st: $(cat "$TMP/err")"
fi

# --json: the plan alone on standard output
# shellcheck disable=SC2086
"$REPORT" $T --json $three > "$TMP/out" 2> "$TMP/err"
if perl -MJSON::PP -e 'local $/; exit(@{decode_json(<STDIN>)} == 3 ? 0 : 1)' < "$TMP/out" &&
	! grep -q 'messages read' "$TMP/err"; then
	pass "--json: the plan alone on standard output"
else
	fail "--json: $(head -c 300 "$TMP/out") $(cat "$TMP/err")"
fi

# 3. --quiet: the drafts, and not a word
# shellcheck disable=SC2086
"$REPORT" $T --quiet --outbox "$TMP/ob2" --registry "$TMP/reg2.sqlite" $three > "$TMP/out" 2> "$TMP/err"
st=$?
n=$(find "$TMP/ob2/cur" -type f | wc -l | tr -d ' ')
[ $st -eq 0 ] && [ "$n" = 6 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] &&
	pass "--quiet: 6 drafts, nothing said" || fail "--quiet: status $st, $n drafts: $(cat "$TMP/out" "$TMP/err")"
# shellcheck disable=SC2086
"$REPORT" $T -q --dry-run $three > "$TMP/out" 2> "$TMP/err"
[ "$(grep -c '^----- draft ' "$TMP/out")" = 6 ] && [ ! -s "$TMP/err" ] &&
	pass "--quiet --dry-run: the drafts only" || fail "--quiet --dry-run: $(cat "$TMP/err")"
# warnings and errors are still said
"$REPORT" --offline --template-dir "$top_srcdir/templates" --quiet --dry-run "$TMP/none.eml" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 1 ] && grep -q "none.eml" "$TMP/err" && grep -q 'warning: \[report\] addresses is empty' "$TMP/err" &&
	pass "--quiet: warnings and errors still said" || fail "--quiet errors: status $st $(cat "$TMP/err")"

# a party the spam names, with bytes of no character and an escape
# sequence in it: said on standard error (a terminal, a log) as valid
# UTF-8 without control characters
perl -pe 's/^From: .*$/From: "Bank" <security\@bank.zz\x91\e[2J\x9b1m(x)/' "$R/spoofed.eml" > "$TMP/hostile.eml"
# shellcheck disable=SC2086
"$REPORT" $T --dry-run "$TMP/hostile.eml" > "$TMP/out" 2> "$TMP/err"
if grep -q 'not writing to postmaster@bank' "$TMP/err" &&
	perl -MEncode -e 'local $/; my $t = <STDIN>; my $ok = eval { decode("UTF-8", $t, Encode::FB_CROAK | Encode::LEAVE_SRC); 1 };
		exit($ok && $t !~ /[\x00-\x08\x0b-\x1f\x7f]/ && $t !~ /\xc2[\x80-\x9f]/ ? 0 : 1)' < "$TMP/err"; then
	pass "a party's bytes of no character and escape sequences: not said raw"
else
	fail "hostile status line: $(grep -a 'not writing' "$TMP/err" | od -c | head -5)"
fi

# 4. status lines leave as they are said, not at the end of the run: the
# first message's line is there while the second is still being written
mkfifo "$TMP/fifo"
# shellcheck disable=SC2086
"$REPORT" $T --dry-run --mbox "$TMP/fifo" > "$TMP/out" 2> "$TMP/err" &
pid=$!
{
	printf 'From spammer@pills.zz Tue Sep  3 10:00:00 2024\n'
	cat "$R/spoofed.eml"
	printf '\nFrom spammer@pills.zz Tue Sep  3 10:00:00 2024\n'
	said=no
	for _ in $(seq 1 100); do
		grep -q '#1: not writing to' "$TMP/err" && said=yes && break
		sleep 0.1
	done
	echo "$said" > "$TMP/said"
	cat "$R/network.eml"
} > "$TMP/fifo"
wait $pid
[ "$(cat "$TMP/said")" = yes ] && grep -q '#2: not writing to' "$TMP/err" &&
	pass "status lines are said as the run goes" || fail "status lines held back: $(cat "$TMP/err")"

# 5. the progress line, on a terminal only (script(1) of util-linux gives
# the run one); a named pipe among the inputs is not read twice to count
if command -v script > /dev/null 2>&1; then
	# shellcheck disable=SC2086
	script -qec "'$REPORT' $T --outbox '$TMP/ob3' --registry '$TMP/reg3.sqlite' $three" /dev/null > "$TMP/tty" 2>&1
	if grep -q '3/3 messages, 6 drafts' "$TMP/tty" && ! grep -q '3/3 messages' "$TMP/err"; then
		pass "a terminal gets a progress line: n/N messages, drafts so far"
	else
		fail "progress: $(tr '\r' '\n' < "$TMP/tty" | head -20)"
	fi
	cat "$R/spoofed.eml" > "$TMP/fifo" &
	writer=$!
	# shellcheck disable=SC2086
	timeout 60 script -qec "'$REPORT' $T --dry-run '$R/network.eml' '$TMP/fifo' > '$TMP/out'" /dev/null > "$TMP/tty" 2>&1
	wait $writer
	if grep -q '^----- draft 3 for .*/fifo (mailbox)' "$TMP/out" && grep -q '2 messages, 3 drafts' "$TMP/tty"; then
		pass "a named pipe: read once, the progress line without a total"
	else
		fail "progress with a pipe: $(tr '\r' '\n' < "$TMP/tty" | head -20)"
	fi
elif [ "${CI:-}" = true ]; then
	fail "script(1) is not installed, and CI=true"
fi

# 6. --list: what the registry remembers, newest first; --forget
"$REPORT" --list --registry "$reg" > "$TMP/list" 2> "$TMP/err"
st=$?
if [ $st -eq 0 ] && [ "$(wc -l < "$TMP/list")" = 6 ] && [ ! -s "$TMP/err" ] &&
	head -n 1 "$TMP/list" | grep -q "	abuse@bit.ly	message-id:<4@pills-shop.click>;advertiser;.*	$ob/cur/" &&
	tail -n 1 "$TMP/list" | grep -q "	abuse@isp-one.zz	message-id:<1@pills.zz>;network;" &&
	awk -F '\t' 'NF != 4 { bad = 1 } END { exit bad }' "$TMP/list"; then
	pass "--list: six drafts, newest first"
else
	fail "--list: status $st: $(cat "$TMP/list" "$TMP/err")"
fi
"$REPORT" --forget 1@pills.zz --registry "$reg" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 0 ] && [ "$(cat "$TMP/out")" = "forgot 1 draft for '1@pills.zz': the next run drafts it again" ] &&
	[ "$("$REPORT" --list --registry "$reg" | wc -l)" = 5 ] &&
	pass "--forget MESSAGE-ID" || fail "--forget id: status $st $(cat "$TMP/out" "$TMP/err")"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$ob" --registry "$reg" $three > "$TMP/out" 2> "$TMP/err"
grep -qx "spamtrace-report: 3 messages read: 1 draft written to $ob, 5 already drafted before" "$TMP/err" &&
	grep -q "^$R/network.eml: drafted for abuse@isp-one.zz" "$TMP/err" &&
	pass "a forgotten message is drafted again" || fail "after --forget: $(tail -n 3 "$TMP/err")"
"$REPORT" --forget ABUSE@gmail.com --registry "$reg" > "$TMP/out" 2> "$TMP/err"
[ "$(cat "$TMP/out")" = "forgot 2 drafts for 'ABUSE@gmail.com': the next run drafts them again" ] &&
	! "$REPORT" --list --registry "$reg" | grep -q 'gmail' &&
	pass "--forget ADDRESS" || fail "--forget address: $(cat "$TMP/out" "$TMP/err")"
"$REPORT" --forget '<nothing@here.zz>' --registry "$reg" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 0 ] && [ "$(cat "$TMP/out")" = "nothing remembered for '<nothing@here.zz>'" ] &&
	pass "--forget what was never drafted" || fail "--forget nothing: status $st $(cat "$TMP/out" "$TMP/err")"
"$REPORT" --forget 1@pills.zz --dry-run --registry "$reg" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 64 ] && grep -q -- '--list and --forget go alone' "$TMP/err" &&
	pass "--forget with --dry-run: 64" || fail "--forget --dry-run: status $st $(cat "$TMP/err")"

# 7. an empty standard input: said, and a summary of nothing
# shellcheck disable=SC2086
: | "$REPORT" $T --outbox "$TMP/ob4" --registry "$TMP/reg4.sqlite" > "$TMP/out" 2> "$TMP/err"
st=$?
if [ $st -eq 0 ] && [ ! -s "$TMP/out" ] &&
	[ "$(cat "$TMP/err")" = "spamtrace-report: <stdin>: empty, nothing to do
spamtrace-report: 0 messages read: 0 drafts written to $TMP/ob4, 0 already drafted before" ]; then
	pass "an empty standard input"
else
	fail "empty stdin: status $st: $(cat "$TMP/out" "$TMP/err")"
fi

# 8. the breaker: a registry that takes the connection and never answers,
# whois and DNS on a closed port. 200 messages: the RDAP server costs its
# timeout three times, then is not asked again, and that is said once
. "$top_srcdir/tests/servers.sh"
closed=$(free_port tcp)
W=""
for w in $(whois_overrides "$closed"); do
	W="$W --whois-server $w"
done
serve hold "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
perl -e 'open my $f, "<", $ARGV[0] or die; local $/; my $m = <$f>;
	for my $i (1 .. 200) {
		(my $c = $m) =~ s/^Message-ID: <[^>]*>/Message-ID: <$i\@pills.zz>/mi or die;
		print "From spammer\@pills.zz Tue Sep  3 10:00:00 2024\n", $c, "\n";
	}' "$R/network.eml" > "$TMP/200.mbox"
start=$(date +%s)
# shellcheck disable=SC2086
timeout 300 "$REPORT" --config "$TMP/conf" --template-dir "$top_srcdir/templates" --no-cache \
	--dns-server "127.0.0.1:$closed" $W --rdap-bootstrap "$TMP/boot" --dry-run "$TMP/200.mbox" \
	> "$TMP/out" 2> "$TMP/err"
st=$?
took=$(($(date +%s) - start))
kill "$server" 2> /dev/null
wait "$server" 2> /dev/null
printf 'the breaker: 200 messages in %s s\n' "$took"
if [ $st -eq 0 ] && [ "$took" -lt 60 ] &&
	[ "$(grep -c 'stopped asking the RDAP server 127\.0\.0\.1[, ]' "$TMP/err")" = 1 ] &&
	[ "$(grep -c 'the drafts of this run now use the offline fallbacks (try --offline' "$TMP/err")" = 1 ] &&
	[ -z "$(grep 'stopped asking' "$TMP/err" | sort | uniq -d)" ] &&
	[ "$(grep -c '^----- draft ' "$TMP/out")" = 200 ] &&
	grep -q '^spamtrace-report: 200 messages read: 200 drafts printed' "$TMP/err"; then
	pass "the breaker: 200 messages in $took s, the RDAP server given up once, said once"
else
	fail "the breaker: status $st, $took s: $(grep 'stopped\|messages read' "$TMP/err")"
fi
# what each message's lookups met is still said, as before
grep -q '#1: lookup failed: rdap http://127\.0\.0\.1:[0-9]*/ip/45\.61\.137\.3: cannot fetch' "$TMP/err" &&
	grep -q '#200: lookup failed: rdap http://127\.0\.0\.1:[0-9]*/ip/45\.61\.137\.3: not asked: the RDAP server 127\.0\.0\.1 gave no answer 3 times in a row in this run' "$TMP/err" &&
	pass "the breaker: each message's lookup failures still said" || fail "breaker failures: $(grep '#200:' "$TMP/err")"
# and never written into a letter
! grep -q -i 'not asked\|gave no answer\|timed out' "$TMP/out" &&
	pass "the breaker: nothing of it in the drafts" || fail "the breaker in the drafts"

finish
