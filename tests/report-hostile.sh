#!/bin/sh
# tests/report-hostile.sh - spamtrace-report against input built to hurt it: 100,000 URLs, 200,000
# recipients, a 50 MB attachment, a 10,000-message mbox; each under a limit of time and memory.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
[ -x "$REPORT" ] || skip_all "no $REPORT: build first"
T="--offline --template-dir $top_srcdir/templates"
NETWORK="$DATA/report/network.eml"

# Under AddressSanitizer memory is not measured (its shadow counts in the
# RSS) and time limits are six times longer (tests/filter-hostile.sh says
# how the sanitizer build is recognised).
sanitizers=${SPAMTRACE_SANITIZERS:-0}
if [ "$sanitizers" != 1 ] && { ldd "$REPORT" 2> /dev/null | grep -q libasan ||
	{ command -v nm > /dev/null && nm "$REPORT" 2> /dev/null | grep -q __asan_init; }; }; then
	sanitizers=1
fi
slow=1
if [ "$sanitizers" = 1 ]; then
	printf 'note: sanitizer build: memory limits are not asserted, time limits x6\n'
	slow=6
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4096"
	export ASAN_OPTIONS
fi
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$TMP/probe" true 2> /dev/null; then
	gnu_time=/usr/bin/time
else
	printf 'note: no GNU time (/usr/bin/time): peak RSS is not measured\n'
fi

# run_case NAME INPUT SECONDS MEGABYTES ARGS...: the report tool on INPUT
# (a path) with ARGS, within SECONDS of wall time and MEGABYTES of peak
# RSS; its status in $st, its output in $TMP/out, stderr in $TMP/err.
# Returns 1 after a failure of the limits.
run_case() {
	name=$1 input=$2 seconds=$(($3 * slow)) mb=$4
	shift 4
	rm -f "$TMP/rss"
	start=$(date +%s)
	if [ -n "$gnu_time" ]; then
		# shellcheck disable=SC2086
		"$gnu_time" -f %M -o "$TMP/rss" timeout -s KILL "$seconds" "$REPORT" $T "$@" "$input" \
			> "$TMP/out" 2> "$TMP/err"
	else
		# shellcheck disable=SC2086
		timeout -s KILL "$seconds" "$REPORT" $T "$@" "$input" > "$TMP/out" 2> "$TMP/err"
	fi
	st=$?
	took=$(($(date +%s) - start))
	if [ $st -eq 137 ] || [ $st -eq 124 ]; then
		fail "$name: still running after $seconds s"
		return 1
	fi
	rss=0
	[ -s "$TMP/rss" ] && rss=$(tail -n 1 "$TMP/rss")
	if [ "$sanitizers" != 1 ] && [ "$rss" -gt $((mb * 1024)) ]; then
		fail "$name: peak RSS $rss KB, over $mb MB"
		return 1
	fi
	printf 'note: %s: %s s, %s KB\n' "$name" "$took" "$rss"
	return 0
}

# json_check NAME PERL: the --json plan in $TMP/out passes the perl test
# (the plan in $p)
json_check() {
	if st=$st perl -MJSON::PP -e 'local $/; our $p = decode_json(<STDIN>); our $st = $ENV{st};
		exit(eval($ARGV[0]) ? 0 : 1)' "$2" < "$TMP/out"; then
		pass "$1"
	else
		fail "$1: the plan does not pass: $2"
	fi
}

head=$(sed '/^$/q' "$NETWORK" | grep -v '^$')
msg="$TMP/msg"

# 100,000 distinct URLs: the body's finder keeps its first 4,096, the
# advertisers their first five domains
{
	printf '%s\n\n' "$head"
	perl -e 'print "see http://u$_.shop-$_.zz/p\n" for 1 .. 100000'
} > "$msg"
for mode in --json --dry-run; do
	run_case "100,000 URLs ($mode)" "$msg" 20 200 $mode &&
		if [ $st -eq 0 ]; then pass "100,000 URLs ($mode)"; else fail "100,000 URLs ($mode): exit $st"; fi
done

# 200,000 recipients and 4,096 mailboxes in the body: each mailbox is
# checked against the recipients (before: the To: field scanned again for
# each, 80 s). The user's own alice@gmail.com, among the recipients, is no
# mailbox of the spammer's; bob.spammer@gmail.com is.
# Under AddressSanitizer 20,000: GMime's parser grows its buffer for a
# field by small steps, and ASan's realloc copies (and poisons) each time:
# 177 s for the 4.5 MB To: of 200,000 (0.6 s without ASan).
recipients=200000
[ "$sanitizers" = 1 ] && recipients=20000
{
	printf '%s\n' "$head" | grep -v '^To:'
	printf 'To: '
	perl -e 'print join(",\n ", map { $_ == 10000 ? "alice\@gmail.com" : "r$_\@dest$_.biz" } 1 .. $ARGV[0]), "\n"' "$recipients"
	printf '\nwrite to alice@gmail.com\nor write to bob.spammer@gmail.com\n'
	perl -e 'print "or to x$_\@spam$_.biz now\n" for 3 .. 4096'
} > "$msg"
if run_case "$recipients recipients, 4,096 mailboxes (--json)" "$msg" 20 300 --json; then
	json_check "$recipients recipients, 4,096 mailboxes: a recipient is no mailbox of the spammer's" \
		'my ($m) = grep { $_->{role} eq "mailbox" } @{$p->[0]{drafts}};
		 $st == 0 && @{$p->[0]{body}{emails}} == 4096 && $m && $m->{party} eq "bob.spammer\@gmail.com"'
fi
run_case "$recipients recipients, 4,096 mailboxes (--dry-run)" "$msg" 30 300 --dry-run &&
	{ [ $st -eq 0 ] && pass "$recipients recipients, 4,096 mailboxes (--dry-run)" ||
		fail "$recipients recipients (--dry-run): exit $st"; }

# a 50 MB attachment (37 MB base64-encoded): read, under the 64M default
{
	printf '%s\n' "$head" | grep -iv '^\(content-type\|content-transfer-encoding\|mime-version\):'
	printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
	printf 'Content-Type: text/plain\n\nOrder at http://pills.zz/order\n--b\n'
	printf 'Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n'
	perl -e 'my $l = ("QUJD" x 19) . "\n"; print $l x (50 * 1024 * 1024 / 77)'
	printf -- '--b--\n'
} > "$msg"
for mode in --json --dry-run; do
	run_case "50 MB attachment ($mode)" "$msg" 30 400 $mode &&
		{ [ $st -eq 0 ] && pass "50 MB attachment ($mode)" || fail "50 MB attachment ($mode): exit $st"; }
done
# and over a smaller limit: skipped, said, exit 1, little memory
if run_case "50 MB attachment, --max-size 16M" "$msg" 10 80 --json --max-size 16M; then
	if [ $st -eq 1 ] && grep -q 'over the limit of 16777216 .*skipped' "$TMP/err"; then
		pass "50 MB attachment over --max-size 16M: skipped, said, exit 1"
	else
		fail "50 MB attachment over --max-size 16M: exit $st: $(cat "$TMP/err")"
	fi
fi
rm -f "$msg"

# drafted OUTBOX: the drafts written there, their own headers only, one
# after the other (--dry-run shows them decoded, for people)
drafted() {
	for d in "$1"/cur/*; do
		[ -f "$d" ] && sed '/^$/q' "$d"
	done
}
# ascii_headers OUTBOX: every draft's own header is printable ASCII
ascii_headers() {
	drafted "$1" | perl -ne '$bad = 1 if /[^\x20-\x7e\t\n]/; END { exit($bad ? 1 : 0) }'
}
W="--registry $TMP/reg.sqlite --force"

# the name our own server recorded for the origin is its PTR record, whose
# owner writes any bytes: a guess from it must not put them into a draft's
# To: (fuzz/fuzz-report.c found it); the network still gets a draft
perl -pe 's/\(dsl-45-61-137-3\.dyn\.isp-one\.zz \[/(dsl-45-61-137-3.dyn.is\xbb\x01-one.zz [/' "$NETWORK" > "$msg"
# shellcheck disable=SC2086
if run_case "a PTR name with bytes no host name has" "$msg" 10 200 $W --outbox "$TMP/ob1"; then
	if ascii_headers "$TMP/ob1" && drafted "$TMP/ob1" | grep -q '^To: postmaster@\[45\.61\.137\.3\]$'; then
		pass "a PTR name with bytes no host name has: drafts' headers ASCII, postmaster@[address]"
	else
		fail "a PTR name with bytes no host name has: $(drafted "$TMP/ob1" | grep -a '^To: ' | od -c | head -3)"
	fi
fi

# an "xn--" label that libidn2 decodes but cannot encode back: GMime
# wrote the recipient as raw UTF-8 (fuzz/fuzz-report.c); no such draft now
perl -pe 's/\(dsl-45-61-137-3\.dyn\.isp-one\.zz \[/(mail.outlook.xn--fffffffffm [/' "$NETWORK" > "$msg"
# shellcheck disable=SC2086
if run_case "a PTR name with a bad xn-- label" "$msg" 10 200 $W --outbox "$TMP/ob2"; then
	if [ $st -eq 1 ] && grep -q 'no draft for abuse@outlook.xn--fffffffffm (network): its header would carry bytes' "$TMP/err" &&
		ascii_headers "$TMP/ob2"; then
		pass "a PTR name with a bad xn-- label: no draft with a raw UTF-8 header, said, exit 1"
	else
		fail "a PTR name with a bad xn-- label: exit $st: $(cat "$TMP/err")"
	fi
fi

# a Message-ID of raw bytes: it named the drafts and the registry's rows
# (incident=message-id:...) as it was (fuzz/fuzz-report.c found it in the
# drafts' X-Spamtrace-Draft field); now the header's digest does
perl -pe 's/^Message-ID: .*/Message-ID: <5\@\xcd\xcd\x07\x1b[2Jloans-now.zz>/' "$NETWORK" > "$msg"
# shellcheck disable=SC2086
if run_case "a Message-ID of raw bytes (--arf)" "$msg" 10 200 $W --arf --outbox "$TMP/ob3" &&
	ascii_headers "$TMP/ob3" && [ -n "$(drafted "$TMP/ob3")" ] &&
	run_case "a Message-ID of raw bytes (--json)" "$msg" 10 200 --json; then
	json_check "a Message-ID of raw bytes: the incident is the header's digest, the drafts' headers ASCII" \
		'$p->[0]{incident} =~ /^headers-sha256:[0-9a-f]{64}\z/'
else
	fail "a Message-ID of raw bytes: $(drafted "$TMP/ob3" | od -c | head -3)"
fi

# --dry-run shows the drafts at a terminal: the header section it quotes
# carried the spam's control characters raw (a backspace, DEL, an escape
# sequence that retitles the window; fuzz/fuzz-report.c found them)
perl -pe 's/^Subject: .*/Subject: hi\x08\x08\x7f\e]0;pwned\x07\e[2J there/' "$NETWORK" > "$msg"
if run_case "control characters in the header, --dry-run" "$msg" 10 200 --dry-run; then
	if perl -ne '$bad = 1 if /[\x00-\x08\x0b-\x1f\x7f]/; END { exit($bad ? 1 : 0) }' "$TMP/out" &&
		grep -q '^| Subject: hi .*there$' "$TMP/out"; then
		pass "control characters in the header: none reaches the terminal with --dry-run"
	else
		fail "control characters in the header: $(grep -a 'Subject: hi' "$TMP/out" | od -c | head -4)"
	fi
fi

# the note's evidence quotes our own Received: line, where the spammer's
# bytes (the envelope recipient, the HELO name) may be any byte: the note
# was invalid UTF-8 with raw C1 and escape bytes (fuzz/fuzz-report.c)
perl -pe 's/^(\s+by mail\.home\.zz .*)$/$1 x\xff\x9b\e[2Jy/ if $. < 7' "$NETWORK" > "$msg"
if run_case "bytes of no character in the quoted Received: line, --dry-run" "$msg" 10 200 --dry-run; then
	if perl -MEncode -e 'local $/; my $t = <STDIN>; my $ok = eval { decode("UTF-8", $t, Encode::FB_CROAK | Encode::LEAVE_SRC); 1 };
		exit($ok && $t !~ /[\x00-\x08\x0b-\x1f\x7f]/ && $t =~ /^We wrote to/m ? 0 : 1)' < "$TMP/out"; then
		pass "bytes of no character in the evidence: the note is valid UTF-8, no control character"
	else
		fail "bytes of no character in the evidence: $(grep -a 'by mail.home' "$TMP/out" | od -c | head -4)"
	fi
fi

# an mbox of 10,000 messages of 10 KB: streamed, a message at a time
perl -e '
	local $/; open my $f, "<", $ARGV[0] or die; my $m = <$f>;
	my $pad = join "", map { "line $_ of the text that makes this message ten kilobytes long\n" } 1 .. 150;
	for my $i (1 .. 10000) {
		(my $x = $m) =~ s/^Message-ID: .*$/Message-ID: <$i\@pills.zz>/mi;
		print "From spam\@pills.zz Tue Sep  3 10:00:00 2024\n", $x, $pad, "\n";
	}' "$NETWORK" > "$msg"
if run_case "an mbox of 10,000 messages, 100 MB (--json)" "$msg" 120 80 --json; then
	json_check "an mbox of 10,000 messages: each read, none held with the next" \
		'@$p == 10000 && $p->[9999]{input} =~ /#10000$/ && !grep { !@{$_->{drafts}} } @$p'
fi
rm -f "$msg"

finish
