#!/bin/sh
# tests/report-cli.sh - spamtrace-report end to end: drafts, the outbox Maildir, the registry.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
CHECK="$top_builddir/tests/draft-check"
# no lookups: nothing may leave 127.0.0.1 (tests/report-lookup.sh asks loopback servers)
T="--offline --template-dir $top_srcdir/templates"

"$REPORT" --help > "$TMP/out" 2>&1 && grep -q -- '--dry-run' "$TMP/out" && pass "--help" || fail "--help"
LC_ALL=C "$REPORT" -h > "$TMP/out" 2>&1 && grep -q '^  spamtrace-report \[OPTION\.\.\.\] \[MESSAGE' "$TMP/out" &&
	! LC_ALL=C grep -q '[^ -~]' "$TMP/out" && pass "-h: the usage in ASCII" || fail "-h: $(head -n 2 "$TMP/out")"
"$REPORT" --version | grep -q '^spamtrace-report [0-9]' && pass "--version" || fail "--version"
"$REPORT" --no-such-option > /dev/null 2>&1; [ $? -eq 64 ] && pass "usage error" || fail "usage error status"

msg="$DATA/report/network.eml"

# A mistake in the config stops the report tool (78) with the message the
# filter gives for the same line: file, line, and the form expected (the
# cases of tests/filter-cli.sh, where the filter goes on with its verdict)
while IFS="|" read -r name conf fline line why; do
	case $name in '#'*) continue ;; esac
	# shellcheck disable=SC2059
	printf "$conf" > "$TMP/$name.conf"
	# shellcheck disable=SC2086
	"$REPORT" $T --dry-run --config "$TMP/$name.conf" "$msg" > "$TMP/out" 2> "$TMP/err"
	st=$?
	said=$(head -n 1 "$TMP/err")
	"$FILTER" --config "$TMP/$name.conf" < "$msg" > /dev/null 2> "$TMP/ferr"
	if [ "$st" -ne 78 ] || [ -s "$TMP/out" ] ||
		[ "$said" = "${said#"spamtrace-report: $TMP/$name.conf:$line: ${why#why=}"}" ]; then
		fail "config $name: status $st, '$said'"
	elif [ -n "$fline" ] && [ "${said#spamtrace-report: }" != "$(sed -n '1s/^spamtrace-filter: //p' "$TMP/ferr")" ]; then
		fail "config $name: the filter says it otherwise: $(cat "$TMP/ferr")"
	else
		pass "config $name: exit 78, the file, the line and the form, as the filter says it"
	fi
done < "$DATA/config-typos.txt"

# --json: the plan, as JSON
# shellcheck disable=SC2086
"$REPORT" $T --json "$msg" > "$TMP/plan.json" &&
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); my $d = $p->[0]{drafts};
		die "no draft\n" unless @$d; die "role\n" unless $d->[0]{role} eq "network";
		die "to $d->[0]{to}[0]\n" unless $d->[0]{to}[0] eq "abuse\@isp-one.zz";' < "$TMP/plan.json" &&
	pass "--json plan" || fail "--json plan"

# the plan carries what the body advertises, with where each item was found
# shellcheck disable=SC2086
"$REPORT" $T --json "$msg" | perl -MJSON::PP -e 'local $/; my $b = decode_json(<STDIN>)->[0]{body};
	die "urls\n" unless $b->{urls}[0]{url} eq "http://pills.zz/order" && $b->{urls}[0]{where} eq "text";
	die "phones\n" unless $b->{phones}[0]{e164} eq "+442079460958";' &&
	pass "--json carries the body's URLs and phone numbers" || fail "--json body"

# the numbers a spam gives are evidence in every draft, never a recipient:
# a London number written nationally (region guessed from a .co.uk link),
# a US one written with +1
phones="$DATA/report/phones.eml"
# shellcheck disable=SC2086
"$REPORT" $T --json "$phones" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	my $b = $p->{body}; my ($n, $i) = @{$b->{phones}};
	die "region\n" unless $b->{region} eq "GB" && $b->{region_guessed} && $b->{region_reason} eq "1 URL or mailbox under .uk";
	die "national\n" unless $n->{e164} eq "+442079460958" && $n->{form} eq "national" && $n->{raw} eq "020 7946 0958";
	die "international\n" unless $i->{e164} eq "+14155550123" && $i->{form} eq "international";
	my @d = @{$p->{drafts}}; die "drafts\n" unless @d == 1 && $d[0]{to}[0] eq "abuse\@isp-one.zz";
	die "why\n" unless $n->{why} eq "after \"call\"" && $i->{why} eq "international form";
	die "evidence\n" unless $d[0]{evidence} =~ /\n  \+442079460958 \(written "020 7946 0958"\), GB, fixed-line\n  \+14155550123 \(written "\+1 415 555 0123"\), US, fixed-line-or-mobile\n/;' &&
	pass "--json: phone numbers in the evidence, one line each, the reasoning in the body" || fail "--json phone evidence"
# the drafts themselves, as written to the outbox (--dry-run prints them
# decoded, for a person): DRAFTS DIR FILE... leaves them in DIR/cur
drafts() {
	dir=$1; shift
	rm -rf "$dir"
	# shellcheck disable=SC2086
	"$REPORT" $T --no-munge --outbox "$dir" --registry "$dir.sqlite" "$@" > "$dir.out" 2>&1
}
drafts "$TMP/ph" "$phones"
d1=$(ls "$TMP"/ph/cur/* | head -n 1)
"$CHECK" "$d1" "$phones" &&
	perl -MMIME::QuotedPrint -0777 -ne 'my $t = $_;
		exit($t =~ /\+442079460958 \(written "020 7946 0958"\), GB, fixed-line\n/ && $t =~ /\+14155550123/ ? 0 : 1)' "$d1" &&
	pass "the draft shows the phone numbers" || fail "the draft shows the phone numbers"

# every spam of the corpus: drafts that GMime parses back, well formed, with
# the subject form and the original headers verbatim
if [ -d "$SHARED/corpus/spamassassin-spam" ]; then
	n=0
	for f in "$SHARED"/corpus/spamassassin-spam/*; do
		drafts "$TMP/ob" "$f" || { fail "$(basename "$f"): exit $?: $(cat "$TMP/ob.out")"; continue; }
		for d in "$TMP"/ob/cur/*; do
			[ -f "$d" ] || continue
			n=$((n + 1))
			# a file that starts with a From line is an mbox: its first message
			orig="$f"
			if head -n 1 "$f" | grep -q '^From '; then
				tail -n +2 "$f" > "$TMP/orig"; orig="$TMP/orig"
			fi
			"$CHECK" "$d" "$orig" || fail "$(basename "$f"): draft does not check"
		done
	done
	[ $n -gt 10 ] && pass "$n corpus drafts parse back with the original headers" || fail "only $n corpus drafts"
fi

# the outbox: drafts land in cur/ flagged D, nothing in new/; a second run
# drafts nothing new; --force drafts again
out="$TMP/outbox"
reg="$TMP/reg.sqlite"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$DATA"/report/*.eml > "$TMP/run1" 2>&1 || fail "first run: $(cat "$TMP/run1")"
first=$(find "$out/cur" -type f | wc -l)
[ "$first" -gt 0 ] && pass "$first drafts written" || fail "no drafts written"
[ "$(find "$out/new" "$out/tmp" -type f | wc -l)" -eq 0 ] && pass "nothing left in new/ or tmp/" || fail "files outside cur/"
if find "$out/cur" -type f | grep -v ':2,D$' | grep -q .; then fail "a draft without :2,D"; else pass "every draft flagged :2,D"; fi
for d in "$out"/cur/*; do "$CHECK" "$d" || fail "draft $d does not check"; done
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" "$DATA"/report/*.eml > "$TMP/run2" 2>&1
[ "$(find "$out/cur" -type f | wc -l)" -eq "$first" ] && grep -q 'already drafted' "$TMP/run2" &&
	pass "a second run drafts nothing new" || fail "second run drafted again"
# shellcheck disable=SC2086
"$REPORT" $T --outbox "$out" --registry "$reg" --force "$msg" > /dev/null 2>&1
[ "$(find "$out/cur" -type f | wc -l)" -gt "$first" ] && pass "--force drafts again" || fail "--force"

# the inputs: a Maildir, an mbox, standard input
mkdir -p "$TMP/md/cur" "$TMP/md/new" "$TMP/md/tmp"
cp "$msg" "$TMP/md/new/1.x:2,"
cp "$DATA/report/spoofed.eml" "$TMP/md/cur/2.x:2,S"
# shellcheck disable=SC2086
"$REPORT" $T --json "$TMP/md" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); exit(@$p == 2 ? 0 : 1)' &&
	pass "a Maildir as input" || fail "a Maildir as input"
{ printf 'From a@b Tue Sep  3 10:00:00 2024\n'; cat "$msg"; printf '\nFrom c@d Tue Sep  3 10:00:01 2024\n'; cat "$DATA/report/spoofed.eml"; } > "$TMP/mbox"
# shellcheck disable=SC2086
"$REPORT" $T --json "$TMP/mbox" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); exit(@$p == 2 && $p->[1]{input} =~ /#2$/ ? 0 : 1)' &&
	pass "an mbox as input" || fail "an mbox as input"
# shellcheck disable=SC2086
"$REPORT" $T --json < "$msg" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); exit($p->[0]{input} eq "<stdin>" ? 0 : 1)' &&
	pass "standard input" || fail "standard input"
# shellcheck disable=SC2086
"$REPORT" $T --json "$TMP/no-such-file" > /dev/null 2>&1; [ $? -eq 1 ] && pass "a missing input" || fail "a missing input"

# who gets what: the network and the insecure relay; the spoofed domain only
# when asked; the reply mailbox's provider; the source behind a provider
to_of() {
	# shellcheck disable=SC2086
	"$REPORT" $T "$@" --json | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>);
		print join(",", map { $_->{role} . "=" . join("+", @{$_->{to}}) } @{$p->[0]{drafts}}), "\n"'
}
check_to() {
	want=$1; shift
	got=$(to_of "$@")
	[ "$got" = "$want" ] && pass "recipients: $want" || fail "recipients: want $want, got $got"
}
check_to "network=abuse@isp-one.zz" "$DATA/report/network.eml"
check_to "network=abuse@hosting-two.zz,mailbox=abuse@gmail.com" "$DATA/report/spoofed.eml"
check_to "network=abuse@hosting-two.zz,mailbox=abuse@gmail.com,spoofed=postmaster@bank.zz" --notify-spoofed "$DATA/report/spoofed.eml"
check_to "account=abuse@outlook.com,source=abuse@three.zz" "$DATA/report/tenant.eml"
check_to "network=abuse@isp-one.zz,mailbox=abuse@gmail.com,advertiser=abuse@bit.ly" "$DATA/report/advertiser.eml"
# a site on a hosting platform whose DNS its operator runs: the operator's
# abuse desk, offline; the bare platform name and a look-alike are not it
check_to "network=abuse@isp-one.zz,advertiser=network-abuse@google.com" "$DATA/report/platform.eml"
# shellcheck disable=SC2086
"$REPORT" $T --json "$DATA/report/platform.eml" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	my ($d) = grep { $_->{role} eq "advertiser" } @{$p->{drafts}};
	die "rule\n" unless $d->{rule} eq "hosting-platform" && $d->{party} =~ /parcel-fee-7f3a\.web\.app/;
	die "evidence\n" unless $d->{evidence} =~ m{https://parcel-fee-7f3a\.web\.app/pay};
	die "look-alike\n" unless grep { $_->{party} =~ /parcel-track\.click/ && $_->{rule} eq "needs-lookups" } @{$p->{withheld}};
	die "bare\n" if grep { ($_->{party} // "") =~ /^(the registrar of |the web host of )?pages\.dev$/ } @{$p->{drafts}}' &&
	pass "a hosting platform's site: its operator, and nothing for the look-alike or the bare name" ||
	fail "hosting platform"
# shellcheck disable=SC2086
"$REPORT" $T --json "$DATA/report/advertiser.eml" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	exit (grep({ $_->{party} eq "the registrar and the web host of pills-shop.click" && $_->{rule} eq "needs-lookups" } @{$p->{withheld}}) ? 0 : 1)' &&
	pass "offline, the advertiser's registrar is listed for the user" || fail "advertiser offline"
# without any list of well-known sites (neither the installed one nor the
# user's), no linked site is named at all
# shellcheck disable=SC2086
mkdir -p "$TMP/empty-data"
XDG_CONFIG_HOME="$TMP/empty-config" SPAMTRACE_DATADIR="$TMP/empty-data" "$REPORT" $T --json "$DATA/report/advertiser.eml" 2> "$TMP/err" |
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	die "drafted\n" if grep { $_->{role} eq "advertiser" } @{$p->{drafts}};
	exit (grep({ $_->{party} eq "every linked site" && $_->{rule} eq "well-known" } @{$p->{withheld}}) ? 0 : 1)' &&
	grep -q 'warning: no list of well-known sites' "$TMP/err" &&
	pass "no list of well-known sites: no advertiser, and a warning" || fail "no well-known list: $(cat "$TMP/err")"
# a list of one's own, in [report] well-known: pills-shop.click is then well known
printf 'pills-shop.click # ours\n' > "$TMP/wk.txt"
printf '[report]\nwell-known = %s\n' "$TMP/wk.txt" > "$TMP/wk.conf"
check_to "network=abuse@isp-one.zz,mailbox=abuse@gmail.com,advertiser=abuse@bit.ly" --config "$TMP/wk.conf" "$DATA/report/advertiser.eml"
# shellcheck disable=SC2086
"$REPORT" $T --config "$TMP/wk.conf" --json "$DATA/report/advertiser.eml" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	exit (grep({ $_->{party} eq "pills-shop.click" && $_->{rule} eq "well-known" } @{$p->{withheld}}) ? 0 : 1)' &&
	pass "[report] well-known extends the list" || fail "[report] well-known"
printf '[report]\nwell-known = %s/nonexistent\n' "$TMP" > "$TMP/wk-bad.conf"
"$REPORT" $T --config "$TMP/wk-bad.conf" --json "$msg" > /dev/null 2> "$TMP/err"
[ $? -eq 78 ] && grep -q "well-known: cannot read" "$TMP/err" && pass "an unreadable [report] well-known: 78" ||
	fail "unreadable well-known: $(cat "$TMP/err")"
# the warning when [report] addresses is empty, once per run
# shellcheck disable=SC2086
"$REPORT" $T --json "$msg" "$msg" > /dev/null 2> "$TMP/err"
[ "$(grep -c 'warning: \[report\] addresses is empty' "$TMP/err")" = 1 ] && pass "an empty [report] addresses: one warning" ||
	fail "addresses warning: $(cat "$TMP/err")"

# never: the user's own domains and addresses
printf '[report]\ndomains=isp-one.zz\n' > "$TMP/own.conf"
check_to "" --config "$TMP/own.conf" "$DATA/report/network.eml"

# mail that went through the filter: our fields are left out of the copy.
# The filter judged this one not suspect (its only finding is a line below
# the boundary): nothing is drafted, and that is said, unless --force
"$top_builddir/filter/spamtrace-filter" < "$msg" > "$TMP/filtered"
grep -q '^X-Spamtrace-Suspect: no' "$TMP/filtered" || fail "network.eml is no longer judged ham"
# shellcheck disable=SC2086
"$REPORT" $T --dry-run "$TMP/filtered" > "$TMP/ham.out" 2> "$TMP/ham.err"
if grep -q 'not writing to every party (network): our filter judged the message not suspect (use --force) \[ham\]' "$TMP/ham.err" &&
	[ ! -s "$TMP/ham.out" ]; then
	pass "ham: nothing drafted, and said so on standard error"
else
	fail "ham: $(cat "$TMP/ham.out" "$TMP/ham.err")"
fi
# shellcheck disable=SC2086
"$REPORT" $T --json "$TMP/filtered" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	exit($p->{ham} && !@{$p->{drafts}} ? 0 : 1)' && pass "--json says ham" || fail "--json ham"
# shellcheck disable=SC2086
drafts "$TMP/flt" --force "$TMP/filtered"
d1=$(ls "$TMP"/flt/cur/* | head -n 1)
if "$CHECK" "$d1" "$msg" && ! grep -q 'X-Spamtrace-Origin' "$d1"; then
	pass "a filtered message is reported as it arrived"
else
	fail "a filtered message keeps our fields in the copy"
fi

# munging: the user's addresses (To:, Delivered-To:, [report] addresses) read
# [recipient] in the quoted headers, the evidence and the body, %40 too;
# the signature keeps the user's own; --no-munge keeps them all
nul="$DATA/drafts/nul-long.eml"
# (an address of the user's that only [report] addresses knows: an old one
# the spam greets too)
perl -0777 -pe 's/^Dear alice\@home\.zz,$/Dear alice\@home.zz and Old-Alice\@former.zz,/m' "$nul" > "$TMP/nul-old.eml"
printf '[report]\nfrom = alice@home.zz\naddresses = old-alice@former.zz\n' > "$TMP/munge.conf"
# shellcheck disable=SC2086
"$REPORT" $T --config "$TMP/munge.conf" --dry-run "$TMP/nul-old.eml" > "$TMP/munged.out" 2> "$TMP/err"
if [ "$(grep -c 'alice@home.zz' "$TMP/munged.out")" -eq 2 ] && grep -q '^alice@home.zz$' "$TMP/munged.out" &&
	grep -q '^| To: \[recipient\]$' "$TMP/munged.out" && grep -q '^| Dear \[recipient\] and \[recipient\],$' "$TMP/munged.out" &&
	grep -q 'for <\[recipient\]>' "$TMP/munged.out" && ! grep -qi 'old-alice@former.zz' "$TMP/munged.out"; then
	pass "the user's addresses munged in headers, evidence and body; the signature kept"
else
	fail "munging: $(grep -n 'alice@home.zz\|former' "$TMP/munged.out")"
fi
# the draft's own subject quotes the spam's: munged too
sed 's/^Subject: .*/Subject: RE: ALICE@home.zz, last chance/' "$nul" > "$TMP/subj.eml"
# shellcheck disable=SC2086
"$REPORT" $T --dry-run "$TMP/subj.eml" 2> /dev/null | grep -q '^Subject: Spam from your system ("RE: \[recipient\], last chance")$' &&
	pass "the subject munged" || fail "the subject not munged"
# shellcheck disable=SC2086
"$REPORT" $T --config "$TMP/munge.conf" --no-munge --dry-run "$TMP/nul-old.eml" > "$TMP/kept.out" 2> "$TMP/err"
grep -q '^| To: alice@home.zz$' "$TMP/kept.out" && grep -q 'Old-Alice@former.zz' "$TMP/kept.out" &&
	! grep -q '\[recipient\]' "$TMP/kept.out" &&
	pass "--no-munge keeps them" || fail "--no-munge"

# a broken template is an error naming the file and the line
mkdir -p "$TMP/tpl"
for f in "$top_srcdir"/templates/*.txt; do cp "$f" "$TMP/tpl/"; done
printf 'Hello,\n\nline two {{no_such_thing}}\n' > "$TMP/tpl/network.txt"
"$REPORT" --offline --template-dir "$TMP/tpl" --dry-run "$msg" > /dev/null 2> "$TMP/err"
st=$?
[ $st -eq 78 ] && grep -q "network.txt:3: unknown placeholder '{{no_such_thing}}'" "$TMP/err" &&
	pass "unknown placeholder names file and line" || fail "unknown placeholder: status $st: $(cat "$TMP/err")"


# the signature: the configured name, else the address the drafts are
# from, on its own line after the closing words, never refilled into them
printf '[report]\nfrom = alice@home.zz\n' > "$TMP/from.conf"
# shellcheck disable=SC2086
"$REPORT" $T --config "$TMP/from.conf" --dry-run "$msg" > "$TMP/sig.out" 2> "$TMP/err"
perl -0777 -ne 'my ($note) = /\n\n(.*?)----- The header section/s or exit 1;
	exit($note =~ /\nThank you for your time,\nalice\@home\.zz\n+\z/ ? 0 : 1)' "$TMP/sig.out" &&
	pass "a draft without [report] name is signed with its From address" ||
	fail "signature: $(sed -n '/Thank you/,+2p' "$TMP/sig.out" | head -3)"
printf '[report]\nfrom = alice@home.zz\nname = Alice Example\n' > "$TMP/name.conf"
# shellcheck disable=SC2086
"$REPORT" $T --config "$TMP/name.conf" --dry-run "$msg" > "$TMP/sig.out" 2> "$TMP/err"
grep -A1 '^Thank you for your time,$' "$TMP/sig.out" | grep -q '^Alice Example$' &&
	grep -q '^From: Alice Example <alice@home.zz>' "$TMP/sig.out" &&
	pass "a draft with [report] name is signed with it" || fail "named signature"
# From: [report] from, else $EMAIL, else none and a warning (never root@host)
# shellcheck disable=SC2086
EMAIL=bob@home.zz "$REPORT" $T --dry-run "$msg" > "$TMP/env.out" 2> "$TMP/err"
grep -q '^From: bob@home.zz$' "$TMP/env.out" && ! grep -q "warning: no address for the drafts' From:" "$TMP/err" &&
	pass "From: from \$EMAIL" || fail "From: from \$EMAIL: $(cat "$TMP/err")"
# shellcheck disable=SC2086
env -u EMAIL "$REPORT" $T --dry-run "$msg" > "$TMP/none.out" 2> "$TMP/err"
! grep -q '^From:' "$TMP/none.out" && grep -q "warning: no address for the drafts' From:" "$TMP/err" &&
	pass "no From: address: a warning, no made-up one" || fail "no From: $(grep '^From' "$TMP/none.out")"

# a big provider's outbound server with no DNS name recorded (Microsoft 365
# records the EHLO only): known by its address in the provider's networks;
# its desk hears about the account
# shellcheck disable=SC2086
"$REPORT" $T --json "$DATA/chains/m365-from-gmail-web.eml" > "$TMP/prov.json" 2> "$TMP/err"
perl -MJSON::PP -0777 -ne 'my $d = decode_json($_)->[0]{drafts}[0];
	exit(("@{$d->{to}}" eq "abuse\@google.com" && $d->{role} eq "account" &&
		$d->{contact_source} =~ /209\.85\.218\.41 is in the outbound networks of Google/) ? 0 : 1)' \
	"$TMP/prov.json" && pass "a provider's outbound server without a recorded name: its abuse desk" ||
	fail "provider without rDNS: $(cat "$TMP/prov.json" "$TMP/err")"


# the evidence speaks of "the lines above" only when there are some
# shellcheck disable=SC2086
"$REPORT" $T --dry-run "$DATA/report/phones.eml" > "$TMP/top.out" 2> "$TMP/err"
# shellcheck disable=SC2086
"$REPORT" $T --dry-run "$msg" > "$TMP/below.out" 2> "$TMP/err"
if tr '\n' ' ' < "$TMP/top.out" | grep -q 'Our server wrote this line itself' &&
	! tr '\n' ' ' < "$TMP/top.out" | grep -q 'The lines above it' &&
	tr '\n' ' ' < "$TMP/below.out" | grep -q 'The lines above it were written by our own servers'; then
	pass "the origin's line: topmost, or below our own"
else
	fail "the origin's line wording"
fi

# mail forwarded from an old address (README): the forwarder is the origin
# until [trust] hosts names its relay, and [report] domains keeps it out of
# the drafts where its lines are not trusted
fwd="$DATA/report/forwarded.eml"
printf '[report]\ndomains = oldisp.zz\n' > "$TMP/fwd-domains.conf"
printf '[trust]\nhosts = mx.oldisp.zz\n' > "$TMP/fwd-trust.conf"
for c in "none|abuse@oldisp.zz|" "fwd-domains|-|user-domain" \
	"fwd-trust|abuse@spam-host.zz|"; do
	IFS='|' read -r conf to held << EOF
$c
EOF
	opt=""
	[ "$conf" = none ] || opt="--config $TMP/$conf.conf"
	# shellcheck disable=SC2086
	"$REPORT" $T $opt --json "$fwd" | perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		my ($to, $held) = @ARGV; my @to = map { @{$_->{to}} } @{$p->{drafts}};
		die "drafts to @to\n" unless "@to" eq ($to eq "-" ? "" : $to);
		die "withheld: " . join("; ", map { $_->{text} } @{$p->{withheld}}) . "\n"
			if $held ne "" && !grep { $_->{rule} eq $held && $_->{party} =~ /^abuse\@oldisp\.zz\b/ } @{$p->{withheld}};' "$to" "$held" &&
		pass "forwarded mail, $conf: drafts to '$to'" || fail "forwarded mail, $conf"
done

finish
