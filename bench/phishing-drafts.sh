#!/bin/sh
# bench/phishing-drafts.sh - who spamtrace-report would write to about real phishing, and
# how the drafts look: the figures of issues 11 and 14. A measurement, not a test.
#
# Usage: bench/phishing-drafts.sh [BUILDDIR] [CORPUS_DIR]
#   BUILDDIR    where report/spamtrace-report and filter/spamtrace-filter were built
#               (default: build)
#   CORPUS_DIR  default: ../shared/corpus/phishing-pot-dev
#
# Every lookup goes to servers this script starts on 127.0.0.1 and nowhere
# else: dnsmasq answers every name with 192.0.2.10 (TEST-NET-1, RFC 5737);
# an RDAP server answers every network with an abuse contact of its own
# making (abuse@net-A-B-C-D.rir.fixture.net) and every domain with a
# registrar's (abuse-DOMAIN@registrar.fixture.net); a whois server answers
# every question with one abuse-mailbox line. The RDAP bootstrap files are
# ours with every URL pointed at the fixture; every whois server name a
# lookup can ask is pointed at the fixture too. The corpus's recipient was
# redacted to phishing@pot: that is the user's address ([report] addresses).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/corpus/phishing-pot-dev}
report="$build/report/spamtrace-report"
filter="$build/filter/spamtrace-filter"
dnsmasq=${DNSMASQ:-$(command -v dnsmasq || echo /usr/sbin/dnsmasq)}
[ -x "$report" ] && [ -x "$filter" ] || { echo "build first: no $report" >&2; exit 1; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
[ -x "$dnsmasq" ] || { echo "dnsmasq is needed (apt-get install dnsmasq-base)" >&2; exit 1; }

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2> /dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME" "$tmp/boot" "$tmp/out" "$tmp/outbox"

# the fixture RDAP server (HTTP/1.0, one connection at a time)
perl -MIO::Socket::INET -e '
	my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 16,
		ReuseAddr => 1) or die;
	$| = 1; print $s->sockport, "\n";
	$SIG{ALRM} = sub { exit 0 }; alarm 3600;
	sub vcard { my ($fn, $mail) = @_;
		qq(["vcard",[["version",{},"text","4.0"],["fn",{},"text","$fn"],["email",{},"text","$mail"]]]) }
	while (my $c = $s->accept) {
		my $req = <$c> // ""; while (my $h = <$c>) { last if $h =~ /^\r?\n$/ }
		my ($path) = $req =~ m{^GET (\S+)};
		$path //= "/"; my $body; my $status = "200 OK";
		if ($path =~ m{/ip/([0-9a-fA-F.:]+)}) {
			(my $n = $1) =~ s/[.:]/-/g;
			$body = qq({"objectClassName":"ip network","handle":"NET-$n","name":"FIXTURE-$n",)
				. qq("entities":[{"objectClassName":"entity","handle":"ABUSE-$n","roles":["abuse"],)
				. qq("vcardArray":) . vcard("Abuse desk", "abuse\@net-$n.rir.fixture.net") . "}]}";
		} elsif ($path =~ m{/domain/([A-Za-z0-9.-]+)}) {
			my $d = lc $1; (my $n = $d) =~ s/\./-/g;
			$body = qq({"objectClassName":"domain","ldhName":"$d","entities":[{"objectClassName":"entity",)
				. qq("handle":"9999","roles":["registrar"],"vcardArray":) . vcard("Fixture Registrar", "info\@registrar.fixture.net")
				. qq(,"entities":[{"objectClassName":"entity","roles":["abuse"],"vcardArray":)
				. vcard("Abuse", "abuse-$n\@registrar.fixture.net") . "}]}]}";
		} else { $status = "404 Not Found"; $body = "{}"; }
		print $c "HTTP/1.0 $status\r\nContent-Type: application/rdap+json\r\nContent-Length: ",
			length($body), "\r\nConnection: close\r\n\r\n", $body;
		close $c;
	}' > "$tmp/rdap.port" &
pids="$pids $!"
# the fixture whois server
perl -MIO::Socket::INET -e '
	my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 16,
		ReuseAddr => 1) or die;
	$| = 1; print $s->sockport, "\n";
	$SIG{ALRM} = sub { exit 0 }; alarm 3600;
	while (my $c = $s->accept) { my $q = <$c>; print $c "abuse-mailbox: abuse\@whois.fixture.net\r\n"; close $c }' \
	> "$tmp/whois.port" &
pids="$pids $!"
for _ in $(seq 50); do [ -s "$tmp/rdap.port" ] && [ -s "$tmp/whois.port" ] && break; sleep 0.1; done
rport=$(cat "$tmp/rdap.port")
wport=$(cat "$tmp/whois.port")
dport=$(perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(LocalAddr => "127.0.0.1", Proto => "udp")->sockport')
"$dnsmasq" --keep-in-foreground --no-resolv --no-hosts --no-poll --port="$dport" \
	--listen-address=127.0.0.1 --bind-interfaces --pid-file= --user="$(id -un)" \
	--log-facility=/dev/null --address=/#/192.0.2.10 &
pids="$pids $!"
sleep 0.5

# our bootstrap files, every service URL pointed at the fixture
for f in "$here"/data/rdap-bootstrap/*.json; do
	perl -pe "s{\"https?://[^\"]*\"}{\"http://127.0.0.1:$rport/\"}g" "$f" > "$tmp/boot/$(basename "$f")"
done
W=""
for w in whois.iana.org whois.arin.net whois.ripe.net whois.apnic.net whois.lacnic.net \
	whois.afrinic.net whois.abuse.net whois.verisign-grs.com whois.nic.br; do
	W="$W --whois-server $w=127.0.0.1:$wport"
done
printf '[report]\naddresses = phishing@pot\nfrom = bench@home.zz\nwell-known = %s\n' \
	"$here/data/well-known-sites.txt" > "$tmp/bench.conf"
L="--config $tmp/bench.conf --template-dir $here/templates --dns-server 127.0.0.1:$dport --rdap-bootstrap $tmp/boot $W"

n=0
for f in "$corpus"/*.eml; do
	b=$(basename "$f" .eml)
	n=$((n + 1))
	# shellcheck disable=SC2086
	timeout 120 "$report" $L --json "$f" > "$tmp/out/$b.json" 2> "$tmp/out/$b.err" || true
	# shellcheck disable=SC2086
	timeout 120 "$report" $L --dry-run "$f" > "$tmp/out/$b.dry" 2>> "$tmp/out/$b.err" || true
	# the drafts as written into the outbox: what goes out, byte for byte
	# shellcheck disable=SC2086
	timeout 120 "$report" $L --outbox "$tmp/outbox/$b" --registry "$tmp/registry.db" "$f" \
		> /dev/null 2>> "$tmp/out/$b.err" || true
	"$filter" --json < "$f" > "$tmp/out/$b.filter" 2> /dev/null || true
done

WELL_KNOWN="$here/data/well-known-sites.txt" perl -MJSON::PP -e '
	my ($dir, $corpus) = @ARGV;
	my @wk;
	open my $w, "<", $ENV{WELL_KNOWN} or die "$ENV{WELL_KNOWN}: $!";
	while (<$w>) { s/#.*//; s/^\s+|\s+$//g; push @wk, lc $_ if length }
	sub within { my ($h, $d) = @_; $d =~ s/^\*\.//; return $h eq $d || $h =~ /\.\Q$d\E$/ }
	sub well_known { my $h = lc shift; for (@wk) { return 1 if within($h, $_) } 0 }
	sub slurp { open my $f, "<", shift or return ""; local $/; <$f> }
	my ($written, @per, $msgs, $bad_site, $bad_relay, $landing, $landing_hit, $long, $big, $prov, $prov_named, $failed);
	my ($relay_total, $drafts_total) = (0, 0);
	for my $j (sort glob "$dir/*.json") {
		(my $b = $j) =~ s/\.json$//;
		my $text = slurp($j);
		my $plan = eval { decode_json($text)->[0] };
		$msgs++;
		if (!$plan) { $failed++; next }
		my $an = eval { decode_json(slurp("$b.filter")) } || {};
		my $auth = $an->{auth} || {};
		my $brand = $auth->{from_forged} ? lc($auth->{from_domain} // "") : "";
		my @d = @{$plan->{drafts} || []};
		push @per, scalar @d;
		$drafts_total += @d;
		my $origin = $an->{origin} ? $an->{origin}{hop} : -1;
		for my $d (@d) {
			my @to = @{$d->{to} || []};
			my $party = lc($d->{party} // "");
			if ($d->{role} eq "advertiser") {
				my ($host) = $party =~ /([a-z0-9][a-z0-9.-]*\.[a-z][a-z0-9-]+)/;
				$bad_site++ if defined $host && (well_known($host) || ($brand ne "" && within($host, $brand)));
			}
			for my $t (@to) {
				my ($dom) = lc($t) =~ /\@(.*)$/;
				$bad_site++ if $brand ne "" && defined $dom && within($dom, $brand) && $d->{role} ne "spoofed";
			}
			if ($d->{role} eq "relay") {
				$relay_total++;
				$bad_relay++ if $d->{hop} > $origin;
			}
		}
		# landing pages: clickable links whose host is not well known, not the
		# forged sender domain, not a redirector or shortener (their targets are
		# listed on their own)
		my %pages;
		for my $u (@{$plan->{body}{urls} || []}) {
			next unless $u->{where} =~ /^(href|action|refresh|text|html-text|redirect)$/;
			my %f = map { $_ => 1 } @{$u->{flags}};
			next if $f{redirector} || $f{shortener} || $f{"ip-host"} || !defined $u->{registrable};
			next if $f{bare} && $u->{raw} !~ /^www\./i;
			next if well_known($u->{host}) || ($brand ne "" && within($u->{host}, $brand));
			next if $u->{host} eq "pot";
			$pages{$u->{registrable}} = 1;
		}
		if (%pages) {
			$landing++;
			my $hit = 0;
			for my $d (@d) {
				next unless $d->{role} eq "advertiser";
				for my $p (keys %pages) { $hit = 1 if index(lc($d->{party} . " " . ($d->{evidence} // "")), $p) >= 0 }
			}
			$landing_hit += $hit;
		}
		# the drafts as written into the outbox: lines (without CRLF) and size
		my $dry = slurp("$b.dry");
		(my $box = $b) =~ s{/out/([^/]+)$}{/outbox/$1};
		for my $file (glob "$box/cur/* $box/new/*") {
			my $draft = slurp($file);
			$written++;
			$big++ if length($draft) > 65536;
			$long++ if grep { length($_) > 998 } split /\r?\n/, $draft;
		}
		# provider-origin messages: the draft to the provider names the account
		my $o = $an->{origin} || {};
		if (grep { /(^|\.)(google|googlemail|gmail|outlook|hotmail|yahoo|aol)\.com\.?$/i } grep { defined } $o->{rdns}, $o->{helo}) {
			$prov++;
			my $eml = slurp("$corpus/" . (split m{/}, $b)[-1] . ".eml");
			my ($from) = $eml =~ /^From:[^\n]*?([A-Za-z0-9._%+-]+\@[A-Za-z0-9.-]+)/mi;
			# the note and its evidence, before the copy of the headers
			my $named = 0;
			while ($dry =~ /^----- draft \d+ for [^\n]*\n.*?\n\n(.*?)(?:^----- The full headers|^----- end of draft)/msg) {
				$named = 1 if defined $from && index(lc $1, lc $from) >= 0;
			}
			$prov_named += $named;
		}
	}
	my @s = sort { $a <=> $b } @per;
	my $median = @s ? ($s[$#s / 2] + $s[@s / 2]) / 2 : 0;
	my $max = @s ? $s[-1] : 0;
	printf "messages: %d (plans that did not parse: %d)\n", $msgs, $failed // 0;
	printf "drafts: %d in all, median %s and max %d per message (want <= 3 and <= 8)\n", $drafts_total, $median, $max;
	printf "drafts to a well-known site or the impersonated brand: %d (want 0)\n", $bad_site // 0;
	printf "relay drafts: %d; resting on a line below the boundary: %d (want 0)\n", $relay_total, $bad_relay // 0;
	printf "messages linking to a landing page: %d; with a draft about its host: %d (%.0f%%)\n",
		$landing // 0, $landing_hit // 0, $landing ? 100 * ($landing_hit // 0) / $landing : 0;
	printf "drafts written to the outbox: %d; with a line over 998 octets: %d; over 64 KB: %d (want 0, issue 14)\n",
		$written // 0, $long // 0, $big // 0;
	printf "provider-origin messages (Google, Microsoft, Yahoo): %d; whose drafts name the sending account: %d\n",
		$prov // 0, $prov_named // 0;
' "$tmp/out" "$corpus"
# BENCH_KEEP=DIR keeps the plans, drafts and analyses for a closer look
if [ -n "${BENCH_KEEP:-}" ]; then mkdir -p "$BENCH_KEEP" && cp "$tmp"/out/* "$BENCH_KEEP"/; fi
