#!/bin/sh
# tests/report-blocklist.sh - spamtrace-report --blocklist writes a zone that Debian's rbldnsd
# serves (RFC 5782): rbldnsd on 127.0.0.1, asked by our own DNSBL lookup and by dig. Listed
# origins answer 127.0.0.2 and a TXT reason, insecure relays 127.0.0.3; our own servers, forged
# lines and expired entries are absent. Nothing leaves the loopback.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/servers.sh"
export LC_ALL=C

REPORT="$top_builddir/report/spamtrace-report"
RBLDNSD=${RBLDNSD:-$(command -v rbldnsd || ls /usr/sbin/rbldnsd 2>/dev/null || true)}
if [ -z "$RBLDNSD" ]; then
	[ "${CI:-}" = true ] && { fail "rbldnsd is not installed, and CI=true"; finish; }
	skip_all "rbldnsd is not installed (apt-get install rbldnsd)"
fi
DIG=$(command -v dig || true)
[ -z "$DIG" ] && [ "${CI:-}" = true ] && fail "dig is not installed (dnsutils), and CI=true"

# rbldnsd refuses to run as root: as root it becomes nobody, who must read the zone
chmod 0711 "$TMP"
mkdir -m 0755 "$TMP/zones"
as_user=""
[ "$(id -u)" -eq 0 ] && as_user="-u nobody:nogroup"

# every lookup but DNS goes to a closed port: only the DNSBL answers
closed=$(free_port tcp)
W=""
for w in $(whois_overrides "$closed"); do
	W="$W --whois-server $w"
done
bootstrap "$closed"

# start_rbldnsd ZONEFILE: serves bl.test from ZONEFILE; sets $rbl (pid), $rport
start_rbldnsd() {
	rport=$(free_port udp)
	# shellcheck disable=SC2086
	"$RBLDNSD" -n -q $as_user -b "127.0.0.1/$rport" -c 0 bl.test:combined:"$1" \
		> "$TMP/rbldnsd.log" 2>&1 &
	rbl=$!
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
		perl -MIO::Socket::INET -e '
			my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]", Proto => "udp") or exit 1;
			# a query for 2.0.0.127.bl.test A: any answer will do
			my $q = pack("n6", 7, 0x0100, 1, 0, 0, 0);
			$q .= pack("C", length $_) . $_ for qw(2 0 0 127 bl test);
			$s->send($q . "\0" . pack("n2", 1, 1));
			my $rin = ""; vec($rin, fileno($s), 1) = 1;
			select($rin, undef, undef, 0.2) or exit 1;
			my $r; defined $s->recv($r, 512) && length $r > 12 or exit 1; exit 0' "$rport" && return 0
		sleep 0.1
	done
	fail "rbldnsd did not answer: $(cat "$TMP/rbldnsd.log")"
	return 1
}

# our_lookup IP: what spamtrace-report's own DNSBL lookup says, "listed 127.0.0.2",
# "not listed" or "failed ..."
our_lookup() {
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" --no-cache --rdap-bootstrap "$TMP/boot" $W --dns-server "127.0.0.1:$rport" \
		--dnsbl bl.test --contacts "$1" 2> /dev/null | sed -n 's/^dnsbl	bl\.test	//p' | tr '\t' ' '
}

# reversed IP: the name below bl.test (RFC 5782 section 2.1, 2.4)
dnsbl_name() {
	perl -MSocket=inet_pton,AF_INET6 -e '
		my $a = shift;
		if ($a =~ /:/) { print join(".", reverse split //, unpack("H32", inet_pton(AF_INET6, $a))) }
		else { print join(".", reverse split /\./, $a) }
		print ".bl.test\n"' "$1"
}

# txt IP: the TXT reason, by dig
txt() {
	"$DIG" +short +time=2 +tries=1 -p "$rport" @127.0.0.1 "$(dnsbl_name "$1")" TXT | tr -d '"'
}

today=$(date -u +%Y-%m-%d)
now=$(date -R)
old=$(date -R -d '40 days ago')
msg() { # ORIGIN-IP DATE [LINES BELOW...]: a spam our server 10.0.0.2 took from ORIGIN-IP
	ip=$1 d=$2
	shift 2
	printf 'Received: from mail.home.zz (mail.home.zz [10.0.0.2]) by mbox.home.zz (Postfix) with ESMTP id 1; %s\n' "$d"
	printf 'Received: from relay.isp-one.zz (relay.isp-one.zz [%s]) by mail.home.zz (Postfix) with ESMTP id 2; %s\n' "$ip" "$d"
	for l in "$@"; do printf '%s\n' "$l"; done
	printf 'Message-ID: <%s@spam.zz>\nSubject: cheap pills\nFrom: a@spam.zz\n\nbuy\n' "$ip"
}

# 1. crafted messages, [blocklist] days at its default (30)
mkdir "$TMP/crafted"
msg 45.61.137.3 "$now" > "$TMP/crafted/fresh.eml"
# a forged line below the origin's (below the message's own fields): never listed
msg 45.61.137.4 "$now" > "$TMP/crafted/forged.eml"
printf 'Received: from x ([89.1.2.3]) by relay.isp-one.zz with SMTP id 9; %s\n' "$now" >> "$TMP/crafted/forged.eml"
# the origin's own line records no client: an insecure relay
msg 46.1.2.3 "$now" "Received: from pc by relay.isp-one.zz with SMTP id 3; $now" > "$TMP/crafted/relay.eml"
msg 47.1.2.3 "$old" > "$TMP/crafted/expired.eml"
msg 2a01:4f8:0:a::5 "$now" > "$TMP/crafted/ipv6.eml"
msg 203.0.113.9 "$now" > "$TMP/crafted/documentation.eml"
zone="$TMP/zones/crafted.zone"
: > "$TMP/empty.conf"
reg="--registry $TMP/crafted.sqlite --config $TMP/empty.conf"
# shellcheck disable=SC2086
"$REPORT" --offline $reg --blocklist "$zone" "$TMP/crafted/"*.eml > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 0 ] && grep -q "^4 addresses written to $zone\$" "$TMP/out" && [ ! -s "$TMP/err" ] &&
	pass "--blocklist: the crafted spams' addresses" || fail "--blocklist: status $st $(cat "$TMP/out" "$TMP/err")"
# read again: a message counts once; the file was replaced whole, readable by rbldnsd
# shellcheck disable=SC2086
"$REPORT" --offline $reg --blocklist "$zone" "$TMP/crafted/fresh.eml" > /dev/null 2>&1
[ "$(stat -c %a "$zone")" = 644 ] && [ "$(ls -A "$TMP/zones")" = crafted.zone ] &&
	pass "the zone replaced whole, mode 644, nothing left beside it" || fail "zone file: $(ls -la "$TMP/zones")"

if start_rbldnsd "$zone"; then
	for case in "45.61.137.3=listed 127.0.0.2" "46.1.2.3=listed 127.0.0.3" \
		"2a01:4f8:0:a::5=listed 127.0.0.2" "45.61.137.4=listed 127.0.0.2" \
		"89.1.2.3=not listed" "10.0.0.2=not listed" "47.1.2.3=not listed" \
		"203.0.113.9=not listed"; do
		ip=${case%%=*} want=${case#*=}
		got=$(our_lookup "$ip")
		[ "$got" = "$want" ] && pass "our DNSBL lookup of $ip: $want" || fail "our lookup of $ip: got '$got', want '$want'"
	done
	if [ -n "$DIG" ]; then
		for case in "45.61.137.3=spam seen 1 time, last $today" \
			"46.1.2.3=insecure relay (no-client-ip), spam seen 1 time, last $today" \
			"2a01:4f8:0:a::5=spam seen 1 time, last $today" "89.1.2.3=" "47.1.2.3=" "10.0.0.2="; do
			ip=${case%%=*} want=${case#*=}
			got=$(txt "$ip")
			[ "$got" = "$want" ] && pass "dig TXT $ip: '$want'" || fail "dig TXT $ip: got '$got', want '$want'"
		done
	fi
	kill "$rbl" 2> /dev/null
	wait "$rbl" 2> /dev/null
fi

# 1b. with lookups on: who announces each origin, from an IP-to-ASN zone (Team Cymru's
# layout) that dnsmasq serves on 127.0.0.1; the overview of the same run shows it
find_dnsmasq
if [ -n "$DNSMASQ" ]; then
	start_dnsmasq --local=/test/ \
		--txt-record=3.137.61.45.origin.asn.test,"64500 | 45.61.0.0/16 | ZZ | ripencc | 2010-01-01" \
		--txt-record=AS64500.asn.test,"64500 | ZZ | ripencc | 2010-01-01 | ISP-ONE - ISP One (ZZ)" \
		--txt-record=5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.a.0.0.0.0.0.0.0.8.f.4.0.1.0.a.2.origin6.asn.test,"24940 | 2a01:4f8::/32 | DE | ripencc | 2005-12-13"
	printf '[lookups]\nasn-zone = asn.test\n' > "$TMP/asn.conf"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" --config "$TMP/asn.conf" --registry "$TMP/asn.sqlite" $W \
		--rdap-bootstrap "$TMP/boot" --dns-server "127.0.0.1:$dport" \
		--blocklist "$TMP/zones/asn.zone" --overview "$TMP/asn.html" \
		"$TMP/crafted/fresh.eml" "$TMP/crafted/relay.eml" "$TMP/crafted/ipv6.eml" > "$TMP/out" 2> "$TMP/err"
	st=$?
	for want in '<th scope="row">AS64500 ISP-ONE - ISP One (ZZ)</th><td>1</td>' \
		'<th scope="row">45.61.0.0/16 ISP-ONE</th><td>1</td>' '<th scope="row">ZZ</th><td>1</td>' \
		'<th scope="row">AS24940</th><td>1</td>' '<th scope="row">2a01:4f8::/32</th><td>1</td>' \
		'<th scope="row">DE</th><td>1</td>' '<th scope="row">unknown</th><td>1</td>'; do
		grep -qF "$want" "$TMP/asn.html" || { fail "asn: no '$want' in the overview"; st=1; }
	done
	[ $st -eq 0 ] && grep -q '^3 addresses written' "$TMP/out" &&
		pass "lookups on: AS, network and country of each origin, unknown where the zone knows none" ||
		fail "asn: status $st $(cat "$TMP/out" "$TMP/err")"
	# the DNS server gone, the cache still knows
	kill "$dnsmasq" 2> /dev/null
	wait "$dnsmasq" 2> /dev/null
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" --config "$TMP/asn.conf" --registry "$TMP/asn.sqlite" $W \
		--rdap-bootstrap "$TMP/boot" --dns-server "127.0.0.1:$dport" \
		--overview "$TMP/asn.html" "$TMP/crafted/fresh.eml" > /dev/null 2>&1
	grep -qF '<th scope="row">AS64500 ISP-ONE - ISP One (ZZ)</th><td>1</td>' "$TMP/asn.html" &&
		pass "the AS from the cache when DNS is gone" || fail "asn from the cache"
	printf '[lookups]\nasn-zone = bad zone\n' > "$TMP/bad.conf"
	"$REPORT" --config "$TMP/bad.conf" --blocklist "$TMP/zones/x" < /dev/null > /dev/null 2> "$TMP/err"
	st=$?
	[ $st -eq 78 ] && grep -q "asn-zone 'bad zone' is not a domain name" "$TMP/err" &&
		pass "[lookups] asn-zone that is no domain: 78" || fail "bad asn-zone: status $st $(cat "$TMP/err")"
elif [ "${CI:-}" = true ]; then
	fail "dnsmasq is not installed, and CI=true"
fi

# 2. the corpus: every origin --json names that the zone lists answers; no other
# address of any Received: line does
CORPUS="$SHARED/corpus/spamassassin-spam"
if [ ! -d "$CORPUS" ]; then
	[ "${CI:-}" = true ] && fail "the corpus is missing ($CORPUS), and CI=true"
	printf 'SKIP: the corpus part: %s is absent\n' "$CORPUS" >&2
	finish
fi
# the corpus is from 2000 to 2023: keep it all
printf '[blocklist]\ndays = 36500\n' > "$TMP/corpus.conf"
zone="$TMP/zones/corpus.zone"
"$REPORT" --offline --config "$TMP/corpus.conf" --registry "$TMP/corpus.sqlite" --blocklist "$zone" \
	"$CORPUS"/* > "$TMP/out" 2> "$TMP/err" || fail "--blocklist of the corpus: $(cat "$TMP/err")"
"$REPORT" --offline --config "$TMP/empty.conf" --json "$CORPUS"/* > "$TMP/corpus.json" 2> /dev/null
perl -MJSON::PP -e 'local $/; my %o;
	$o{$_->{origin}{ip}}++ for grep { $_->{origin} && $_->{origin}{ip} ne "" } @{decode_json(<STDIN>)};
	print "$_\n" for sort keys %o' < "$TMP/corpus.json" > "$TMP/origins"
sed -n 's/^\([0-9a-f.:]*\)\(\/128\)\{0,1\} :127\.0\.0\.[23]:.*/\1/p' "$zone" | sort > "$TMP/listed"
# every listed address is an origin; the origins left out are a provider's shared servers
# (Google's, in this corpus) or no address that sends mail
[ -s "$TMP/listed" ] && [ -z "$(comm -23 "$TMP/listed" "$TMP/origins")" ] &&
	pass "the corpus zone lists $(wc -l < "$TMP/listed") of its $(wc -l < "$TMP/origins") origins, nothing else" ||
	fail "corpus zone: listed but no origin: $(comm -23 "$TMP/listed" "$TMP/origins")"
# every address any Received: line of the corpus records, origins or not
perl -MSocket=inet_pton,AF_INET,AF_INET6 -ne '
	while (/\[(?:IPv6:)?([0-9a-fA-F.:]+)\]/g) {
		my $a = $1;
		print "$a\n" if ($a =~ /:/ ? inet_pton(AF_INET6, $a) : $a =~ /^[0-9.]+$/ && inet_pton(AF_INET, $a));
	}' "$CORPUS"/* | sort -u > "$TMP/all"
comm -23 "$TMP/all" "$TMP/origins" > "$TMP/others"
if start_rbldnsd "$zone"; then
	bad=0 n=0
	while read -r ip; do
		n=$((n + 1))
		[ $n -le 5 ] || break
		got=$(our_lookup "$ip")
		[ "$got" = "listed 127.0.0.2" ] || { bad=1; fail "our lookup of listed $ip: '$got'"; }
	done < "$TMP/listed"
	n=0
	while read -r ip; do
		n=$((n + 1))
		[ $n -le 5 ] || break
		got=$(our_lookup "$ip")
		[ "$got" = "not listed" ] || { bad=1; fail "our lookup of $ip (no origin): '$got'"; }
	done < "$TMP/others"
	[ $bad -eq 0 ] && pass "our DNSBL lookup: corpus origins listed, other lines' addresses not"
	if [ -n "$DIG" ]; then
		: > "$TMP/queries"
		while read -r ip; do
			printf '%s TXT\n' "$(dnsbl_name "$ip")" >> "$TMP/queries"
		done < "$TMP/listed"
		"$DIG" +short +time=2 +tries=1 -p "$rport" @127.0.0.1 -f "$TMP/queries" > "$TMP/txt"
		[ "$(grep -c '^"spam seen [0-9]* times\{0,1\}, last [0-9-]*"$' "$TMP/txt")" -eq "$(wc -l < "$TMP/listed")" ] &&
			pass "dig: every listed corpus origin has its TXT reason" || fail "dig TXT: $(head "$TMP/txt")"
		: > "$TMP/queries"
		while read -r ip; do
			printf '%s A\n' "$(dnsbl_name "$ip")" >> "$TMP/queries"
		done < "$TMP/others"
		"$DIG" +short +time=2 +tries=1 -p "$rport" @127.0.0.1 -f "$TMP/queries" > "$TMP/a"
		[ ! -s "$TMP/a" ] && pass "dig: none of the $(wc -l < "$TMP/others") other addresses of the corpus' Received: lines is listed" ||
			fail "dig: listed but no origin: $(head "$TMP/a")"
	fi
	kill "$rbl" 2> /dev/null
	wait "$rbl" 2> /dev/null
fi
finish
