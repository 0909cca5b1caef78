#!/bin/sh
# tests/report-overview.sh - spamtrace-report --overview, opened in a real browser: Debian's
# chromium, headless, from file://, with no network. No console error, no CSP violation; the
# counts in the DOM are those of --json; a hostile subject is text; the screenshot is a picture.
. "${top_srcdir:-.}/tests/lib.sh"
export LC_ALL=C

REPORT="$top_builddir/report/spamtrace-report"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
	[ "${CI:-}" = true ] && { fail "chromium is not installed, and CI=true"; finish; }
	skip_all "chromium is not installed (apt-get install chromium)"
fi
CORPUS="$SHARED/corpus/spamassassin-spam"
if [ ! -d "$CORPUS" ]; then
	[ "${CI:-}" = true ] && { fail "the corpus is missing ($CORPUS), and CI=true"; finish; }
	skip_all "the corpus is absent ($CORPUS)"
fi

# the corpus, and spams whose subjects and lines are markup
mkdir "$TMP/in"
cp "$CORPUS"/* "$TMP/in/"
R1='Received: from mail.home.zz (mail.home.zz [10.0.0.2]) by mbox.home.zz (Postfix) with ESMTP id 1; Tue, 3 Sep 2024 10:00:05 +0200'
R2='Received: from x (<img src=x onerror=alert(3)> [45.61.137.3]) by mail.home.zz (Postfix) with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200'
printf '%s\n%s\nSubject: <script>alert(1)</script> "><img src=x onerror=alert(2)>\n\nhi\n' "$R1" "$R2" > "$TMP/in/zz-hostile1.eml"
printf '%s\n%s\nSubject: =?UTF-8?B?PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==?=\n\nhi\n' "$R1" "$R2" > "$TMP/in/zz-hostile2.eml"
: > "$TMP/empty.conf"
C="--offline --config $TMP/empty.conf --registry $TMP/reg.sqlite"

# shellcheck disable=SC2086
"$REPORT" $C --overview "$TMP/page.html" "$TMP/in"/* > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 0 ] && [ "$(cat "$TMP/out")" = "overview written to $TMP/page.html" ] && [ ! -s "$TMP/err" ] &&
	pass "--overview writes the page" || fail "--overview: status $st $(cat "$TMP/out" "$TMP/err")"
# shellcheck disable=SC2086
"$REPORT" $C --json "$TMP/in"/* > "$TMP/plan.json" 2> /dev/null
# nothing in the page loads anything, or runs
grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-" "$TMP/page.html" &&
	perl -e 'local $/; my $p = <STDIN>; my %ok = map { $_ => 1 } qw(html head meta title style body
		header main section h1 h2 p div table caption thead tbody tr th td figure svg text rect
		line ol li details summary span bdi code strong);
		while ($p =~ /<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g) { my ($t, $a) = (lc $1, $2);
			die "tag <$t>\n" unless $ok{$t}; die "attribute in <$t$a>\n" if $a =~ /\s(on\w+|src|href|xlink:href|style)=/i }
		die "a URL in the style sheet\n" if $p =~ /url\(|\@import/i' < "$TMP/page.html" &&
	pass "no script, no resource, a CSP that forbids both" || fail "the page loads or runs something"

# chromium as root needs --no-sandbox; no network: every name resolves to nothing
browse() {
	rm -rf "$TMP/profile"
	mkdir "$TMP/profile"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$TMP/profile" \
		--enable-logging=stderr --v=0 "$@" "file://$TMP/page.html"
}
browse --dump-dom > "$TMP/dom.html" 2> "$TMP/chromium.log"
st=$?
[ $st -eq 0 ] && grep -q '</html>' "$TMP/dom.html" && pass "chromium --dump-dom" ||
	fail "chromium --dump-dom: status $st $(tail -5 "$TMP/chromium.log")"
grep -E 'CONSOLE|Uncaught|Content Security Policy|Content-Security-Policy|Refused to' "$TMP/chromium.log" > "$TMP/console"
[ ! -s "$TMP/console" ] && pass "no console message, no CSP violation" || fail "console: $(head "$TMP/console")"

# the DOM as chromium built it against --json
perl -MJSON::PP -CS -e '
	sub slurp { local $/; open my $f, "<:raw", $_[0] or die; my $t = <$f>; $t }
	my $plan = decode_json(slurp($ARGV[0]));
	my $dom = slurp($ARGV[1]);
	utf8::decode($dom) or die "the DOM is not UTF-8\n";
	my $bad = 0;
	sub bad { print STDERR "$_[0]\n"; $bad = 1 }
	sub text { my $t = shift; $t =~ s/<[^>]*>//g; $t =~ s/&nbsp;/\x{a0}/g; $t =~ s/&lt;/</g;
		$t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&#39;/\x27/g; $t =~ s/&amp;/&/g; $t }
	sub table { my ($id) = @_; $dom =~ m{<table id="\Q$id\E">(.*?)</table>}s or return ();
		my $t = $1; my @r; push @r, [text($1), $2] while $t =~ m{<tr><th scope="row">(.*?)</th><td>(\d+)</td></tr>}gs; @r }
	sub top { my %c = %{$_[0]}; my @k = sort { $c{$b} <=> $c{$a} || $a cmp $b } keys %c;
		splice @k, 10 if @k > 10; map { [$_, $c{$_}] } @k }
	sub same { my ($what, $got, $want) = @_;
		my $g = join ",", map { "$_->[0]=$_->[1]" } @$got; my $w = join ",", map { "$_->[0]=$_->[1]" } @$want;
		bad("$what: DOM $g, --json $w") unless $g eq $w }
	my $n = @$plan;
	$dom =~ m{<td id="n-messages">(\d+)</td>} && $1 == $n or bad("n-messages: DOM $1, --json $n");
	my $rows = () = $dom =~ /<details class="spam">/g;
	$rows == $n or bad("rows: $rows, --json $n");
	my (%origins, %domains);
	for my $m (@$plan) {
		$origins{$m->{origin}{ip}}++ if $m->{origin} && $m->{origin}{ip} ne "";
		my %once; $once{$_->{registrable}} = 1 for grep { defined $_->{registrable} } @{$m->{body}{urls}};
		$domains{$_}++ for keys %once;
	}
	my $with = 0; $with += $_ for values %origins;
	$dom =~ m{<td id="n-origin">(\d+)</td>} && $1 == $with or bad("n-origin: DOM $1, --json $with");
	same("top origins", [table("t-origins")], [top(\%origins)]);
	same("top domains", [table("t-domains")], [top(\%domains)]);
	# every subject that the page can show as it is, in the order read
	my @subjects = map { text($_) } $dom =~ m{<bdi class="subject">(.*?)</bdi>}gs;
	my $compared = 0;
	for my $i (0 .. $#$plan) {
		my $s = $plan->[$i]{subject};
		next if $s eq "" || length($s) > 1000 || $s =~ /[\x00-\x1f\x7f-\x9f]/;
		$compared++;
		$subjects[$i] eq $s or bad("subject $i: DOM \"$subjects[$i]\", --json \"$s\"");
	}
	$compared >= $n - 10 or bad("only $compared subjects compared");
	# the hostile ones are text: no element came of them
	$dom =~ /<(script|img|svg onload)\b/i and bad("an element from a message: <$1");
	grep { $_ eq "<script>alert(1)</script> \"><img src=x onerror=alert(2)>" } @subjects or bad("hostile subject 1 not shown as text");
	grep { $_ eq "<script>alert(4)</script>" } @subjects or bad("hostile subject 2 (RFC 2047) not shown as text");
	print "compared $n messages, ", scalar(keys %origins), " origins, $compared subjects\n";
	exit $bad' "$TMP/plan.json" "$TMP/dom.html" > "$TMP/compare" 2> "$TMP/compare.err" &&
	pass "the DOM's counts and subjects are --json's: $(cat "$TMP/compare")" || fail "DOM against --json: $(cat "$TMP/compare.err")"

# the screenshot is a picture: many colours, the charts' blue among them
browse --screenshot="$TMP/shot.png" --window-size=800,600 > /dev/null 2> "$TMP/chromium.log"
perl -MCompress::Zlib -e '
	open my $f, "<:raw", $ARGV[0] or die "no screenshot\n"; local $/; my $png = <$f>;
	substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n" or die "not a PNG\n";
	my ($pos, $idat, $w, $h, $depth, $type) = (8, "");
	while ($pos < length $png) {
		my ($len, $kind) = unpack "N a4", substr($png, $pos, 8);
		my $data = substr($png, $pos + 8, $len);
		($w, $h, $depth, $type) = unpack "N N C C", $data if $kind eq "IHDR";
		$idat .= $data if $kind eq "IDAT";
		$pos += 12 + $len;
	}
	$depth == 8 && ($type == 2 || $type == 6) or die "PNG type $type depth $depth\n";
	my $bpp = $type == 6 ? 4 : 3;
	my $raw = uncompress($idat) // die "bad IDAT\n";
	my $stride = $w * $bpp;
	my @prev = (0) x $stride;
	my %colours;
	for my $y (0 .. $h - 1) {
		my $filter = ord substr($raw, $y * ($stride + 1), 1);
		my @cur = unpack "C*", substr($raw, $y * ($stride + 1) + 1, $stride);
		for my $i (0 .. $stride - 1) {
			my $a = $i >= $bpp ? $cur[$i - $bpp] : 0;
			my $b = $prev[$i];
			my $c = $i >= $bpp ? $prev[$i - $bpp] : 0;
			my $p = $filter == 1 ? $a : $filter == 2 ? $b : $filter == 3 ? ($a + $b) >> 1
				: $filter == 4 ? do { my $q = $a + $b - $c; my ($pa, $pb, $pc) = (abs($q - $a), abs($q - $b), abs($q - $c));
					$pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $c } : 0;
			$cur[$i] = ($cur[$i] + $p) & 255;
		}
		for (my $i = 0; $i < $stride; $i += $bpp) { $colours{"$cur[$i],$cur[$i+1],$cur[$i+2]"}++ }
		@prev = @cur;
	}
	my $n = keys %colours;
	print "${w}x$h, $n colours\n";
	$n >= 20 or die "only $n colours: blank\n";
	$colours{"47,102,144"} or die "no bar of the charts (#2f6690)\n";' "$TMP/shot.png" > "$TMP/png" 2>&1 &&
	pass "the screenshot is a picture: $(cat "$TMP/png")" || fail "screenshot: $(cat "$TMP/png") $(tail -3 "$TMP/chromium.log")"
finish
