#!/bin/sh
# tests/filter-cli.sh - spamtrace-filter's command line: options, exit statuses, --json.
. "${top_srcdir:-.}/tests/lib.sh"

msg="$TMP/msg"
printf 'Received: from mail.example.net (mail.example.net [192.0.2.25]) by mx.example.org (Postfix) with ESMTPS id 4Xk2; Tue, 3 Sep 2024 10:00:00 +0200\nSubject: hi\n\nbody\n' > "$msg"

# --help and --version answer and exit 0
"$FILTER" --help > "$TMP/out" 2>&1 && grep -q -- '--explain' "$TMP/out" && pass "--help" || fail "--help"
"$FILTER" --version > "$TMP/out" 2>&1 && grep -q '^spamtrace-filter [0-9]' "$TMP/out" && pass "--version" || fail "--version"
# ... in ASCII whatever the locale: no "[OPTION?]" (GLib's "[OPTION\u2026]")
for h in -h --help; do
	LC_ALL=C "$FILTER" $h > "$TMP/out" 2>&1 && grep -q '^  spamtrace-filter \[OPTION\.\.\.\] < MESSAGE$' "$TMP/out" &&
		grep -q '^  -h, --help ' "$TMP/out" && ! LC_ALL=C grep -q '[^ -~]' "$TMP/out" &&
		pass "$h: the usage in ASCII" || fail "$h: $(head -n 2 "$TMP/out")"
done

# usage errors: exit 64 with a message, and nothing on stdout
for args in "--no-such-option" "extra-argument" "--json --explain" "--trust 500.1.1.1" "--trust"; do
	# shellcheck disable=SC2086
	"$FILTER" $args < "$msg" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ "$st" -eq 64 ] && [ ! -s "$TMP/out" ] && [ -s "$TMP/err" ]; then
		pass "usage error: $args"
	else
		fail "usage error '$args' gave status $st"
	fi
done

# A mistake in the config never stops the tagging: in a group the filter
# reads, the key keeps its default, the verdict is written, and
# X-Spamtrace-Error names the file, the line and the form expected; in
# [report] (the report tool's) it changes nothing. The cases, a group or
# two each, are in tests/data/config-typos.txt; tests/report-cli.sh runs
# the report tool on them.
phish="$top_srcdir/examples/phish-into-m365.eml"
while IFS="|" read -r name conf line _ why; do
	case $name in '#'*) continue ;; esac
	# shellcheck disable=SC2059
	printf "$conf" > "$TMP/$name.conf"
	"$FILTER" --config "$TMP/$name.conf" < "$phish" > "$TMP/out" 2> "$TMP/err"
	st=$?
	err=$(unfolded X-Spamtrace-Error "$TMP/out")
	if [ "$st" -ne 0 ] || ! grep -q '^X-Spamtrace-Suspect: yes; score=4.0;' "$TMP/out" ||
		! strip_ours "$TMP/out" | cmp -s - "$phish"; then
		fail "config $name: status $st, or no verdict, or the message changed"
	elif [ -z "$line" ]; then
		[ -z "$err" ] && [ ! -s "$TMP/err" ] && pass "config $name: not the filter's, not a word" ||
			fail "config $name: the filter complains: $err $(cat "$TMP/err")"
	elif printf '%s\n' "$err" | grep -qF "X-Spamtrace-Error: config; file=$TMP/$name.conf; line=$line; $why" &&
		grep -qF "spamtrace-filter: $TMP/$name.conf:$line: ${why#why=}" "$TMP/err"; then
		pass "config $name: the verdict, and the mistake's file, line and form"
	else
		fail "config $name: '$err' $(cat "$TMP/err")"
	fi
done < "$DATA/config-typos.txt"
# the rest of a group with a mistake is read: [trust] hosts beside the
# mistake makes the network ours, and the origin moves below it
printf '[trust]\nhosts=192.0.2.0/24\nhost=mx.example.org\n' > "$TMP/beside.conf"
"$FILTER" --config "$TMP/beside.conf" < "$msg" > "$TMP/out" 2> /dev/null
grep -q '^X-Spamtrace-Origin: none; reason=every hop is ours' "$TMP/out" &&
	pass "config: the keys beside a mistake are read" || fail "config: the keys beside a mistake"
# several mistakes: the first in the field, the count of the others
printf '[filter]\nbody=yes\nbudget=0\n[lookups]\nbogus=1\n' > "$TMP/many.conf"
"$FILTER" --config "$TMP/many.conf" < "$msg" > "$TMP/out" 2> "$TMP/err"
unfolded X-Spamtrace-Error "$TMP/out" | grep -q '^X-Spamtrace-Error: config; .*; line=2; .*; more=2$' &&
	[ "$(wc -l < "$TMP/err")" -eq 3 ] && pass "config: three mistakes, all on stderr" ||
	fail "config: three mistakes: $(cat "$TMP/out" "$TMP/err")"
# ... and with --json or --explain, run by hand, it is an error (78)
for mode in --json --explain; do
	"$FILTER" $mode --config "$TMP/many.conf" < "$msg" > /dev/null 2>&1
	[ $? -eq 78 ] && pass "broken config with $mode exits 78" || fail "broken config with $mode"
done
# a missing --config file is a mistake; a missing default file is not
"$FILTER" --config "$TMP/none.conf" < "$msg" > "$TMP/out" 2>/dev/null
unfolded X-Spamtrace-Error "$TMP/out" |
	grep -qF "X-Spamtrace-Error: config; file=$TMP/none.conf; why=cannot read it: no such file" &&
	grep -q '^X-Spamtrace-Suspect: ' "$TMP/out" && pass "missing --config file" || fail "missing --config file"
"$FILTER" < "$msg" > "$TMP/out" 2> "$TMP/err"
[ ! -s "$TMP/err" ] && ! grep -q 'X-Spamtrace-Error' "$TMP/out" && pass "no default config" || fail "no default config"

# [filter] threshold: the phish scores 4.0, suspect from 3.0 (the default) on
for t in 4:yes 4.5:no; do
	printf '[filter]\nthreshold = %s\n' "${t%:*}" > "$TMP/threshold.conf"
	"$FILTER" --config "$TMP/threshold.conf" < "$phish" > "$TMP/out" 2> "$TMP/err"
	grep -q "^X-Spamtrace-Suspect: ${t#*:}; score=4.0;" "$TMP/out" && [ ! -s "$TMP/err" ] &&
		pass "[filter] threshold ${t%:*}: suspect ${t#*:}" || fail "[filter] threshold ${t%:*}"
done

# the config file and --trust change the walk
mkdir -p "$XDG_CONFIG_HOME/spamtrace"
printf '[trust]\nhosts=mail.example.net\n' > "$XDG_CONFIG_HOME/spamtrace/spamtrace.conf"
"$FILTER" < "$msg" > "$TMP/out"
grep -q '^X-Spamtrace-Origin: none; reason=every hop is ours' "$TMP/out" && pass "default config read" || fail "default config not read"
"$FILTER" --trust '!192.0.2.25' < "$msg" > "$TMP/out"
grep -q '^X-Spamtrace-Origin: ip=192.0.2.25;' "$TMP/out" && pass "--trust before the config" || fail "--trust order"
rm -f "$XDG_CONFIG_HOME/spamtrace/spamtrace.conf"

# beside SpamAssassin (README): its verdict counts when spamc runs before
# the filter, whether its fields go on top or after the message's own; run
# after, the filter cannot know it. A stand-in spamc adds the fields.
spamc() {
	WHERE=$1 perl -0777 -pe 'my $f = "X-Spam-Flag: YES\nX-Spam-Status: Yes, score=8.1 required=5.0\n";
		$ENV{WHERE} eq "top" ? s/\A/$f/ : s/\n\n/\n$f\n/'
}
clean="$DATA/report/network.eml"
"$FILTER" < "$clean" | grep -q '^X-Spamtrace-Suspect: no;' || fail "network.eml is suspect on its own"
for where in top end; do
	spamc "$where" < "$clean" | "$FILTER" > "$TMP/out"
	grep -q '^X-Spamtrace-Suspect: yes; score=6.0; reasons=no-client-ip,spam-verdict$' "$TMP/out" &&
		pass "spamc then the filter, fields at the $where: suspect, spam-verdict" ||
		fail "spamc then the filter ($where): $(grep '^X-Spamtrace-Suspect' "$TMP/out")"
	"$FILTER" < "$clean" | spamc "$where" > "$TMP/out"
	grep -q '^X-Spamtrace-Suspect: no;' "$TMP/out" &&
		pass "the filter then spamc ($where): the verdict comes too late" ||
		fail "the filter then spamc ($where): $(grep '^X-Spamtrace-Suspect' "$TMP/out")"
done
# the forwarder's relay named in [trust] hosts: the origin is below it
printf '[trust]\nhosts = mx.oldisp.zz\n' > "$TMP/fwd.conf"
"$FILTER" < "$DATA/report/forwarded.eml" | grep -q '^X-Spamtrace-Origin: ip=198.51.100.7;' &&
	"$FILTER" --config "$TMP/fwd.conf" < "$DATA/report/forwarded.eml" | grep -q '^X-Spamtrace-Origin: ip=203.0.113.9;' &&
	pass "forwarded mail: [trust] hosts moves the origin below the forwarder" ||
	fail "forwarded mail: the origin"

# --json: valid JSON with the documented names and types
"$FILTER" --json < "$msg" > "$TMP/json" || fail "--json status"
perl -MJSON::PP -e '
	local $/; my $j = decode_json(<STDIN>);
	my @s = qw(ip rdns helo ident auth auth_user by with id for envfrom date);
	my $h = $j->{hops}[0] or die "no hop\n";
	for (@s) { die "hop.$_ missing or not a string\n" unless defined $h->{$_} && !ref $h->{$_} }
	for (qw(relay sender_trusted)) { die "hop.$_ not bool\n" unless JSON::PP::is_bool($h->{$_}) }
	for (qw(forged insecure)) { die "hop.$_ not an array\n" unless ref $h->{$_} eq "ARRAY" }
	my %want = (relay => 1, ip => "192.0.2.25", rdns => "mail.example.net", helo => "mail.example.net",
		by => "mx.example.org", with => "ESMTPS", id => "4Xk2", date => "2024-09-03T08:00:00Z",
		ident => "", auth => "", auth_user => "", for => "", envfrom => "");
	for (keys %want) { die "hop.$_ = $h->{$_}\n" unless $h->{$_} eq $want{$_} }
	die "sender_trusted\n" if $h->{sender_trusted};
	my $o = $j->{origin} or die "origin null\n";
	die "origin.hop\n" unless $o->{hop} == 0 && $o->{ip} eq "192.0.2.25" && $o->{rdns} eq "mail.example.net" && $o->{helo} eq "mail.example.net";
' < "$TMP/json" && pass "--json fields" || fail "--json fields"

# --json on garbage, empty input and a message without Received lines
for input in "" "garbage without a colon" "Subject: x

body"; do
	printf '%s' "$input" | "$FILTER" --json > "$TMP/json" &&
		perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); die if defined $j->{origin}; die unless ref $j->{hops} eq "ARRAY"' < "$TMP/json" &&
		pass "--json on '$input'" || fail "--json on '$input'"
done

# --explain names the origin and shows the line it came from
"$FILTER" --explain < "$msg" > "$TMP/out" &&
	grep -q '^Origin: hop 0, 192.0.2.25' "$TMP/out" && grep -q 'Received: from mail.example.net' "$TMP/out" &&
	pass "--explain" || fail "--explain"

# attacker text cannot reach the terminal raw in --explain
printf 'Received: from x\033]0;pwned\007 (x [198.51.100.1]) by y (Postfix) with ESMTP id 1; Tue, 3 Sep 2024 10:00:00 +0200\n\n' |
	"$FILTER" --explain > "$TMP/out"
if LC_ALL=C grep -q "$(printf '\033')" "$TMP/out"; then fail "escape sequence in --explain"; else pass "--explain escapes control characters"; fi

# an mbox From line without a newline is text, not a From line: our fields
# come first and the line follows untouched
printf 'From x@y Thu Nov 26 09:14:02 2026' > "$TMP/fromonly"
"$FILTER" < "$TMP/fromonly" > "$TMP/out"
head -n 1 "$TMP/out" | grep -q '^X-Spamtrace-Version: ' && strip_ours "$TMP/out" | cmp -s - "$TMP/fromonly" &&
	pass "a From line without a newline" || fail "a From line without a newline"

# a message that starts with a folded line: the line continues a field of
# its own, never one the recipes read
printf ' ; score=0.0
 yes
Subject: x

body
' > "$TMP/folded"
"$FILTER" < "$TMP/folded" > "$TMP/out"
if perl -0777 -ne 'exit 1 unless /\nX-Spamtrace-Folded-Start: [^\n]*\n ; score=0\.0\n yes\nSubject: x\n\nbody\n\z/' "$TMP/out" &&
	! grep -q '^X-Spamtrace-Suspect: yes' "$TMP/out"; then
	pass "a leading folded line gets a field of its own"
else
	fail "a leading folded line"
fi

# what the fuzzers found stays fixed: every regression input gives clean
# output in all three forms (fuzz/regressions/, see fuzz/README.md)
for f in "$top_srcdir"/fuzz/regressions/*; do
	[ -f "$f" ] || continue
	for mode in "" --json --explain; do
		# shellcheck disable=SC2086
		timeout 20 "$FILTER" $mode < "$f" > "$TMP/out" 2> /dev/null || { fail "$(basename "$f") $mode: status $?"; continue; }
		perl -e 'local $/; my $s = <STDIN>; my $m = shift;
			if ($m eq "") { my ($h) = $s =~ /\A((?:X-Spamtrace-[^\n]*\n(?:[ \t][^\n]*\n)*)+)/; $s = $h // die "no fields\n" }
			$s =~ s/\r\n/\n/g; utf8::decode($s) or die "invalid UTF-8\n";
			die "control characters\n" if $s =~ /[\x00-\x08\x0b-\x1f\x7f]/;
			die "non-ASCII in our fields\n" if $m eq "" && $s =~ /[^\x00-\x7f]/;' -- "$mode" < "$TMP/out" ||
			fail "$(basename "$f") $mode: output not clean"
	done
done
pass "fuzz regression inputs"

# stdout that cannot be written: exit 75, never 0
if [ -w /dev/full ]; then
	"$FILTER" < "$msg" > /dev/full 2>/dev/null
	[ $? -eq 75 ] && pass "write error exits 75" || fail "write error status"
fi

finish
