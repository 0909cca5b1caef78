# tests/servers.sh - servers on 127.0.0.1 for the lookup tests (sourced after lib.sh).
# Nothing here ever talks to another address.

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

# free_port tcp|udp: a port on 127.0.0.1 that nothing listens on (for what
# must fail fast, or to hand to a server)
free_port() {
	perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1",
			$ARGV[0] eq "udp" ? (Proto => "udp") : (Listen => 1)) or die;
		print $s->sockport' "$1"
}

# serve STATUS FILE [DOMAIN-FILE [WEB-FILE]]: an RDAP server on 127.0.0.1
# until killed, answering every request with STATUS and FILE; /domain/…
# with DOMAIN-FILE, /ip/46.… with WEB-FILE. Requests are logged, one a line,
# to $TMP/rdap-requests. With STATUS "hold" it takes the connection and
# never answers. Sets $server (its pid) and $port.
serve() {
	rm -f "$TMP/port"
	perl -MIO::Socket::INET -e '
		my ($status, $file, $dfile, $wfile, $log) = @ARGV;
		my %body;
		for (["ip", $file], ["domain", $dfile || $file], ["web", $wfile || $file]) {
			open my $f, "<", $_->[1] or die; local $/; $body{$_->[0]} = <$f>;
		}
		my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
			Listen => 8, ReuseAddr => 1) or die;
		$| = 1; print $s->sockport, "\n";
		$SIG{ALRM} = sub { exit 0 }; alarm 120;
		my @held;
		while (my $c = $s->accept) {
			my $req = <$c> // "";
			open my $l, ">>", $log; print $l $req; close $l;
			if ($status eq "hold") { push @held, $c; next }
			my $body = $req =~ m{ /domain/} ? $body{domain}
				: $req =~ m{ /ip/46\.} ? $body{web} : $body{ip};
			while (my $h = <$c>) { last if $h =~ /^\r?\n$/ }
			print $c "HTTP/1.1 $status\r\nContent-Type: application/rdap+json\r\n",
				"Content-Length: ", length($body), "\r\nConnection: close\r\n\r\n", $body;
			close $c;
		}' "$1" "$2" "${3:-}" "${4:-}" "$TMP/rdap-requests" >"$TMP/port" &
	server=$!
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -s "$TMP/port" ] && break
		sleep 0.1
	done
	port=$(cat "$TMP/port")
}

# bootstrap PORT: IANA bootstrap files in $TMP/boot that send 45.0.0.0/8,
# 46.0.0.0/8, AS63311 and the .click domains to the RDAP server on PORT
bootstrap() {
	mkdir -p "$TMP/boot"
	printf '{"version":"1.0","publication":"2024-01-01T00:00:00Z","services":[]}\n' \
		>"$TMP/boot/ipv6.json"
	printf '{"version":"1.0","publication":"2024-01-01T00:00:00Z","services":[[["63311"],["http://127.0.0.1:%s/"]]]}\n' \
		"$1" >"$TMP/boot/asn.json"
	printf '{"version":"1.0","publication":"2024-01-01T00:00:00Z","services":[[["45.0.0.0/8","46.0.0.0/8"],["http://127.0.0.1:%s/"]]]}\n' \
		"$1" >"$TMP/boot/ipv4.json"
	printf '{"version":"1.0","publication":"2024-01-01T00:00:00Z","services":[[["click"],["http://127.0.0.1:%s/"]]]}\n' \
		"$1" >"$TMP/boot/dns.json"
}

# whois_overrides PORT: NAME=127.0.0.1:PORT for every whois server a lookup
# could ask, one a line
whois_overrides() {
	for w in whois.iana.org whois.arin.net whois.ripe.net whois.apnic.net \
		whois.lacnic.net whois.afrinic.net whois.abuse.net; do
		printf '%s=127.0.0.1:%s\n' "$w" "$1"
	done
}

# find_dnsmasq: sets $DNSMASQ to the program, or empty when there is none
find_dnsmasq() {
	DNSMASQ=${DNSMASQ:-$(command -v dnsmasq || ls /usr/sbin/dnsmasq 2>/dev/null || true)}
	[ -n "$DNSMASQ" ] && [ -x "$DNSMASQ" ] || DNSMASQ=""
}

# start_dnsmasq OPTION...: a real DNS server on 127.0.0.1, no upstream, with
# the records the options give (--conf-file=FILE, --address=/NAME/IP, …);
# sets $dnsmasq (its pid) and $dport
start_dnsmasq() {
	dport=$(free_port udp)
	"$DNSMASQ" --keep-in-foreground --no-resolv --no-hosts --no-poll --port="$dport" \
		--listen-address=127.0.0.1 --bind-interfaces --pid-file= --user="$(id -un)" \
		--log-facility=/dev/null "$@" &
	dnsmasq=$!
	# ready when it answers
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		perl -MIO::Socket::INET -e '
			my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]", Proto => "udp") or exit 1;
			# a query for "." NS
			$s->send(pack("n6", 1, 0x0100, 1, 0, 0, 0) . "\0" . pack("n2", 2, 1));
			my $r; my $rin = ""; vec($rin, fileno($s), 1) = 1;
			select($rin, undef, undef, 0.2) or exit 1; exit 0' "$dport" && break
		sleep 0.1
	done
}

# silent_udp: a UDP socket on 127.0.0.1 that reads queries and never
# answers, for DNS that times out; sets $silent (its pid) and $sport
silent_udp() {
	rm -f "$TMP/sport"
	perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", Proto => "udp") or die;
		$| = 1; print $s->sockport, "\n";
		$SIG{ALRM} = sub { exit 0 }; alarm 120;
		my $buf; 1 while defined $s->recv($buf, 4096);' >"$TMP/sport" &
	silent=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$TMP/sport" ] && break
		sleep 0.1
	done
	sport=$(cat "$TMP/sport")
}

# loopback_config PORT: a [lookups] group for spamtrace.conf that sends
# every lookup to 127.0.0.1:PORT: DNS, every whois server a lookup could
# ask, and the host of every RDAP URL in the bootstrap files we ship (for
# a program that uses those, as installed)
loopback_config() {
	printf '[lookups]\ndns-server=127.0.0.1:%s\nwhois-server=' "$1"
	{
		whois_overrides "$1"
		perl -MJSON::PP -e 'my %h; for my $f (@ARGV) {
			open my $fh, "<", $f or die "$f: $!\n"; local $/; my $j = decode_json(<$fh>);
			for my $s (@{$j->{services}}) { $h{lc $_} = 1 for map { m{^https?://([^/:]+)} } @{$s->[1]} } }
			print "$_\n" for sort keys %h' "$top_srcdir"/data/rdap-bootstrap/*.json |
			sed "s/\$/=127.0.0.1:$1/"
	} | tr '\n' ';'
	printf '\n'
}
