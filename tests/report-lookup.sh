#!/bin/sh
# tests/report-lookup.sh - spamtrace-report asks the registries who to tell, here a fixture RDAP
# server on 127.0.0.1 (RFC 7480, RFC 9224 bootstrap). Nothing leaves the loopback: DNS goes to
# a closed local port, every whois server name is pointed at one, and so is every RDAP URL.
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
msg="$DATA/report/network.eml"   # origin 45.61.137.3, rdns dsl-45-61-137-3.dyn.isp-one.zz
. "$top_srcdir/tests/servers.sh"

# a port nothing listens on, for everything that must fail fast
closed=$(free_port tcp)

# every whois server a lookup could ask, pointed at the closed port
W=""
for w in $(whois_overrides "$closed"); do
	W="$W --whois-server $w"
done
L="--no-cache --dns-server 127.0.0.1:$closed --template-dir $top_srcdir/templates $W"

# 1. the registry answers: its abuse contact replaces the RFC 2142 guess
serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --json "$msg" > "$TMP/plan.json" 2> "$TMP/err"
perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); my $d = $p->[0]{drafts}[0];
	die "to: @{$d->{to}}\n" unless $d->{role} eq "network" && "@{$d->{to}}" eq "abuse\@lacnic.net";
	die "source: $d->{contact_source}\n" unless $d->{contact_source} =~ m{^http://127\.0\.0\.1:\d+/ip/45\.61\.137\.3 \(high confidence};' \
	< "$TMP/plan.json" && pass "the registry's abuse contact, with its source" || fail "registry contact: $(cat "$TMP/plan.json" "$TMP/err")"
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --dry-run "$msg" > "$TMP/letter" 2> "$TMP/err"
tr '\n' ' ' < "$TMP/letter" | grep -q 'We wrote to abuse@lacnic.net, the abuse contact the registries give for this (http://127.0.0.1:[0-9]*/ip/45.61.137.3 (high confidence' &&
	pass "the letter names the registry's answer" || fail "the letter: $(grep -A2 'We wrote' "$TMP/letter")"
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
grep -q '^abuse@lacnic.net	network	high	abuse	http://127.0.0.1:' "$TMP/contacts" &&
	pass "--contacts prints the contact and where it came from" || fail "--contacts: $(cat "$TMP/contacts" "$TMP/err")"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 1b. an AS number, as AS63311 or as63311: the autnum from the RDAP server
# the bootstrap's asn.json names; no whois (RDAP named a contact)
serve "200 OK" "$DATA/rdap/20c-rdap/rdap_autnum_63311.input"
bootstrap "$port"
: > "$TMP/rdap-requests"
for as in AS63311 as63311; do
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts "$as" > "$TMP/contacts" 2> "$TMP/err"
	st=$?
	[ $st -eq 0 ] && [ ! -s "$TMP/err" ] &&
		[ "$(cat "$TMP/contacts")" = "neteng@20c.com	network	high	technical,abuse,administrative	http://127.0.0.1:$port/autnum/63311" ] &&
		pass "--contacts $as: the autnum's contact and its source" || fail "--contacts $as: status $st $(cat "$TMP/contacts" "$TMP/err")"
done
[ "$(grep -c '^GET /autnum/63311 ' "$TMP/rdap-requests")" = 2 ] &&
	pass "--contacts AS…: asks /autnum/N" || fail "autnum requests: $(cat "$TMP/rdap-requests")"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 1c. an answer with no contact whose port43 names an address and a port
# (a server that logs what it is asked stands there): not asked, and said
serve "200 OK" "$DATA/rdap/20c-rdap/rdap_autnum_63311.input"
listener=$server listener_port=$port
printf '{"objectClassName": "autnum", "handle": "AS63311", "port43": "127.0.0.1:%s"}' "$listener_port" \
	> "$TMP/port43.json"
serve "200 OK" "$TMP/port43.json"
bootstrap "$port"
: > "$TMP/rdap-requests"
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts AS63311 > "$TMP/contacts" 2> "$TMP/err"
if grep -q "^failed: whois 127.0.0.1:$listener_port: not asked: not a host name" "$TMP/err" &&
	! grep -q 'AS63311' "$TMP/rdap-requests"; then
	pass "--contacts: a port43 that is an address and a port is not asked"
else
	fail "port43 address: $(cat "$TMP/err" "$TMP/rdap-requests")"
fi
kill "$server" "$listener" 2> /dev/null; wait "$server" "$listener" 2> /dev/null

# an AS number written any other way is a usage error, before any lookup
for bad in AS ASN63311 "AS 63311" AS1.5 AS063311 AS4294967296; do
	"$REPORT" --rdap-bootstrap /nonexistent --contacts "$bad" > "$TMP/contacts" 2> "$TMP/err"
	st=$?
	[ $st -eq 64 ] && [ ! -s "$TMP/contacts" ] &&
		grep -q "^spamtrace-report: --contacts: '$bad' is not an AS number: write AS and the number in decimal" "$TMP/err" &&
		pass "--contacts '$bad': 64" || fail "--contacts '$bad': status $st $(cat "$TMP/err")"
done

# 2. what the spam advertises: the registrar of the linked domain (the
# domain itself is the advertiser's own), the shortener, the reply mailbox
serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json" "$DATA/rdap/icann-rdap/microsoft.click.json"
bootstrap "$port"
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --json "$DATA/report/advertiser.eml" > "$TMP/plan.json" 2> "$TMP/err"
perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
	my $got = join ",", map { "$_->{role}=@{$_->{to}}" } @{$p->{drafts}};
	my $want = "network=abuse\@lacnic.net,mailbox=abuse\@gmail.com,advertiser=abusecomplaints\@markmonitor.com,advertiser=abuse\@bit.ly";
	die "drafts: $got\n" unless $got eq $want;
	die "landing: @{$p->{landing}}\n" unless $p->{landing}[0] =~ m{^https?://[^/]*pills-shop\.click};' \
	< "$TMP/plan.json" && pass "the advertiser's registrar, shortener and reply mailbox" || fail "advertiser: $(cat "$TMP/err")"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 3. the advertiser's web host: its address from a real DNS server on
# 127.0.0.1 (dnsmasq), then that network's abuse contact
# web_servers DNSMASQ-OPTION...: dnsmasq with those records, the RDAP server
# for the origin, the advertiser's domain and its web server, and $L2: the
# options that ask them
web_servers() {
	start_dnsmasq "$@"
	serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json" \
		"$DATA/rdap/icann-rdap/microsoft.click.json" "$DATA/rdap/written/ripe_ip_193.0.6.0.json"
	bootstrap "$port"
	L2=$(echo "$L" | sed "s/--dns-server 127.0.0.1:$closed/--dns-server 127.0.0.1:$dport/")
}

find_dnsmasq
if [ -n "$DNSMASQ" ]; then
	# the site's address, and the network's own reverse name for it
	web_servers --address=/www.pills-shop.click/46.1.2.3 \
		--ptr-record=3.2.1.46.in-addr.arpa,www.pills-shop.click
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --json "$DATA/report/advertiser.eml" > "$TMP/plan.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		my @w = grep { $_->{role} eq "advertiser" && $_->{party} =~ /^the web server www\.pills-shop\.click \(46\.1\.2\.3\)/ } @{$p->{drafts}};
		die "no web host draft: " . join(",", map { "$_->{role}=@{$_->{to}}" } @{$p->{drafts}}) . "\n" unless @w;
		die "source: $w[0]{contact_source}\n" unless $w[0]{contact_source} =~ m{/ip/46\.1\.2\.3 .*the address of www\.pills-shop\.click};' \
		< "$TMP/plan.json" && pass "the advertiser's web host, from DNS and RDAP" || fail "web host: $(cat "$TMP/err")"
	# the same A record, when the address is one of the user's own servers
	# (declared ours with --trust): never accused
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --trust 46.1.2.0/24 --rdap-bootstrap "$TMP/boot" --json "$DATA/report/advertiser.eml" > "$TMP/plan.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		die "drafted\n" if grep { $_->{party} =~ /web server/ } @{$p->{drafts}};
		die "not withheld\n" unless grep { $_->{rule} eq "our-network" && $_->{party} =~ /46\.1\.2\.3/ } @{$p->{withheld}};' \
		< "$TMP/plan.json" && pass "an A record pointing at the user's own server: withheld" || fail "A record at ours: $(cat "$TMP/plan.json" "$TMP/err")"
	kill "$server" "$dnsmasq" 2> /dev/null; wait "$server" "$dnsmasq" 2> /dev/null
	# an A record and nothing else: the spammer's word alone
	web_servers --address=/www.pills-shop.click/46.1.2.3
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --json "$DATA/report/advertiser.eml" > "$TMP/plan.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		die "drafted\n" if grep { $_->{party} =~ /web server/ } @{$p->{drafts}};
		die "not withheld\n" unless grep { $_->{rule} eq "unconfirmed-host" } @{$p->{withheld}};' \
		< "$TMP/plan.json" && pass "a web host only the site's DNS names: withheld" || fail "unconfirmed host: $(cat "$TMP/plan.json" "$TMP/err")"
	kill "$server" "$dnsmasq" 2> /dev/null; wait "$server" "$dnsmasq" 2> /dev/null
elif [ "${CI:-}" = true ]; then
	fail "dnsmasq is not installed, and CI=true"
fi

# 3b. DNSBLs (RFC 5782) for the origin 45.61.137.3, from dnsmasq on 127.0.0.1:
# bl.test lists it, clean.test does not, bl.invalid is refused (not served)
if [ -n "$DNSMASQ" ]; then
	start_dnsmasq --local=/test/ --address=/3.137.61.45.bl.test/127.0.0.2
	serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
	bootstrap "$port"
	L2=$(echo "$L" | sed "s/--dns-server 127.0.0.1:$closed/--dns-server 127.0.0.1:$dport/")
	Z="--dnsbl bl.test --dnsbl clean.test --dnsbl bl.invalid"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 $Z --rdap-bootstrap "$TMP/boot" --json "$msg" > "$TMP/plan.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		my $got = join ",", map { "$_->{zone}=$_->{status}:@{$_->{codes}}:" . (defined $_->{error} ? "error" : "") } @{$p->{origin}{dnsbl}};
		die "dnsbl: $got\n" unless $got eq "bl.test=listed:127.0.0.2:,clean.test=not listed::,bl.invalid=failed::error";
		my $ev = $p->{drafts}[0]{evidence};
		die "evidence: $ev\n" unless $p->{drafts}[0]{role} eq "network" &&
			$ev =~ /^Listed in bl\.test \(127\.0\.0\.2\) when this report was drafted\.$/m &&
			$ev !~ /clean\.test|bl\.invalid/;' \
		< "$TMP/plan.json" && pass "DNSBL listings in the plan and the network's evidence" || fail "dnsbl json: $(cat "$TMP/plan.json" "$TMP/err")"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 $Z --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
	grep -q '^dnsbl	bl\.test	listed	127\.0\.0\.2$' "$TMP/contacts" &&
		grep -q '^dnsbl	clean\.test	not listed$' "$TMP/contacts" &&
		grep -q '^dnsbl	bl\.invalid	failed	.' "$TMP/contacts" &&
		grep -q '^failed: dnsbl bl\.invalid 45\.61\.137\.3: ' "$TMP/err" &&
		pass "--contacts with DNSBLs: listed, not listed, failed" || fail "--contacts dnsbl: $(cat "$TMP/contacts" "$TMP/err")"
	# the config's zones, and --dnsbl replacing them
	printf '[lookups]\ndnsbl = clean.test;bl.test\n' > "$TMP/dnsbl.conf"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --config "$TMP/dnsbl.conf" --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
	[ "$(grep -c '^dnsbl' "$TMP/contacts")" = 2 ] && grep -q '^dnsbl	bl\.test	listed' "$TMP/contacts" &&
		pass "[lookups] dnsbl" || fail "config dnsbl: $(cat "$TMP/contacts" "$TMP/err")"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --config "$TMP/dnsbl.conf" --dnsbl clean.test --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
	[ "$(grep -c '^dnsbl' "$TMP/contacts")" = 1 ] && grep -q '^dnsbl	clean\.test	not listed$' "$TMP/contacts" &&
		pass "--dnsbl replaces the config's zones" || fail "--dnsbl over config: $(cat "$TMP/contacts" "$TMP/err")"
	# no zone unless asked
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --json "$msg" > "$TMP/plan.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>)->[0];
		die "dnsbl asked\n" if @{$p->{origin}{dnsbl}} || $p->{drafts}[0]{evidence} =~ /Listed in/;' \
		< "$TMP/plan.json" && pass "no DNSBL by default" || fail "default dnsbl: $(cat "$TMP/plan.json")"
	kill "$server" "$dnsmasq" 2> /dev/null; wait "$server" "$dnsmasq" 2> /dev/null
fi

# a zone that is no domain name
"$REPORT" --offline --dnsbl 'bad zone' --contacts 192.0.2.1 > /dev/null 2> "$TMP/err"
st=$?
[ $st -eq 64 ] && grep -q "dnsbl zone 'bad zone' is not a domain name" "$TMP/err" &&
	pass "--dnsbl with a bad zone: 64" || fail "--dnsbl bad zone: status $st $(cat "$TMP/err")"
printf '[lookups]\ndnsbl = bl.test;bad/zone\n' > "$TMP/bad.conf"
"$REPORT" --offline --config "$TMP/bad.conf" --contacts 192.0.2.1 > /dev/null 2> "$TMP/err"
st=$?
[ $st -eq 78 ] && grep -q "bad.conf: dnsbl zone 'bad/zone'" "$TMP/err" &&
	pass "[lookups] dnsbl with a bad zone: 78" || fail "config bad zone: status $st $(cat "$TMP/err")"

# 3c. --dns-server also finds the registries' own hosts: the bootstrap names
# rdap.registry.test, which only dnsmasq on 127.0.0.1 knows (the system's
# resolver would fail); --contacts --json prints the contact objects
if [ -n "$DNSMASQ" ]; then
	start_dnsmasq --local=/test/ --address=/rdap.registry.test/127.0.0.1
	serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
	bootstrap "$port"
	sed -i "s|http://127.0.0.1:$port/|http://rdap.registry.test:$port/|" "$TMP/boot/ipv4.json"
	L2=$(echo "$L" | sed "s/--dns-server 127.0.0.1:$closed/--dns-server 127.0.0.1:$dport/")
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
	grep -q "^abuse@lacnic.net	network	high	abuse	http://rdap.registry.test:$port/" "$TMP/contacts" &&
		pass "--dns-server finds the RDAP server's name" || fail "--dns-server rdap name: $(cat "$TMP/contacts" "$TMP/err")"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 --json > "$TMP/contacts.json" 2> "$TMP/err"
	perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>);
		die "query\n" unless $j->{query} eq "45.61.137.3" && !defined $j->{reserved};
		my $c = $j->{contacts}[0];
		die "contact: " . join(",", %$c) . "\n" unless $c->{address} eq "abuse\@lacnic.net" &&
			$c->{scope} eq "network" && $c->{confidence} eq "high" && $c->{role} eq "abuse" &&
			$c->{source} =~ m{^http://rdap\.registry\.test:\d+/ip/45\.61\.137\.3$} && exists $c->{note};' \
		< "$TMP/contacts.json" && pass "--contacts --json: the contact objects" || fail "--contacts --json: $(cat "$TMP/contacts.json" "$TMP/err")"
	# a name dnsmasq does not know is not asked of anyone else
	sed -i "s|rdap.registry.test|rdap.unknown.test|" "$TMP/boot/ipv4.json"
	: > "$TMP/rdap-requests"
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L2 --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
	grep -q "^failed: dns rdap.unknown.test: no address from 127.0.0.1:$dport" "$TMP/err" && [ ! -s "$TMP/rdap-requests" ] &&
		pass "--dns-server: an unknown registry name fails, nothing asked" || fail "unknown registry name: $(cat "$TMP/err")"
	kill "$server" "$dnsmasq" 2> /dev/null; wait "$server" "$dnsmasq" 2> /dev/null
fi

# 3d. private, documentation and other reserved addresses and AS numbers
# are answered here: nobody to tell, nobody asked
serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
: > "$TMP/rdap-requests"
for what in 192.0.2.7 10.1.2.3 2001:db8::1 AS64500 AS4200000001; do
	# shellcheck disable=SC2086
	timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts "$what" > "$TMP/contacts" 2> "$TMP/err"
	st=$?
	[ $st -eq 0 ] && grep -q "^reserved: nobody to tell ($what is " "$TMP/contacts" && [ ! -s "$TMP/err" ] &&
		pass "--contacts $what: reserved" || fail "--contacts $what: status $st $(cat "$TMP/contacts" "$TMP/err")"
done
# shellcheck disable=SC2086
timeout 60 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts 192.0.2.7 --json > "$TMP/contacts.json" 2> "$TMP/err"
perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>);
	exit($j->{reserved} =~ /^reserved: nobody to tell/ && !@{$j->{contacts}} ? 0 : 1)' < "$TMP/contacts.json" &&
	pass "--contacts --json: reserved" || fail "--contacts --json reserved: $(cat "$TMP/contacts.json")"
[ ! -s "$TMP/rdap-requests" ] && pass "reserved: no registry asked" || fail "reserved: asked $(cat "$TMP/rdap-requests")"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 4. every source fails: the guess stays, and the draft says the lookups failed

# 4. every source fails: the guess stays, and the user (not the letter) is
# told that the lookups failed
serve "500 Internal Server Error" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
# shellcheck disable=SC2086
timeout 90 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --json "$msg" > "$TMP/plan.json" 2> "$TMP/err"
perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); my $d = $p->[0]{drafts}[0];
	die "to: @{$d->{to}}\n" unless "@{$d->{to}}" eq "abuse\@isp-one.zz";
	die "source: $d->{contact_source}\n" unless $d->{contact_source} =~ /^RFC 2142 guess/ && $d->{contact_source} !~ /fail/;
	die "failures\n" unless grep { /rdap server answered HTTP 500/ } @{$p->[0]{lookup_failures}};' \
	< "$TMP/plan.json" && pass "failing lookups keep the guess and say so" || fail "failing lookups: $(cat "$TMP/plan.json" "$TMP/err")"
# shellcheck disable=SC2086
timeout 90 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --dry-run "$msg" > "$TMP/letter" 2> "$TMP/err"
! grep -q -i 'fail\|could not\|resolve' "$TMP/letter" && grep -q 'lookup failed: rdap' "$TMP/err" &&
	tr '\n' ' ' < "$TMP/letter" | grep -q 'the usual abuse address of isp-one.zz; if it is the wrong one' &&
	pass "failures to the user, never into the letter, which calls the guess a guess" ||
	fail "failures in the letter: $(grep -i 'fail' "$TMP/letter" "$TMP/err" | head -3)"
# shellcheck disable=SC2086
timeout 90 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
st=$?
[ $st -eq 75 ] && grep -q '^failed: ' "$TMP/err" && pass "--contacts reports failing sources (75)" || fail "--contacts failing: status $st"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 4b. a registry that answers JSON nested 300,000 deep: json-glib's parser
# overflowed the stack and the report tool died of SIGSEGV, and every later
# message of the run was lost. Now the answer is refused, the guess stays,
# the draft says why, and the next message is read.
perl -e 'print "{\"objectClassName\":\"ip network\",\"entities\":", "[" x 300000, "]" x 300000, "}"' \
	> "$TMP/deep.json"
serve "200 OK" "$TMP/deep.json"
bootstrap "$port"
# shellcheck disable=SC2086
timeout 90 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --json "$msg" "$DATA/report/spoofed.eml" > "$TMP/plan.json" 2> "$TMP/err"
st=$?
perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); my $d = $p->[0]{drafts}[0];
	die "messages: " . scalar(@$p) . "\n" unless @$p == 2;
	die "to: @{$d->{to}}\n" unless "@{$d->{to}}" eq "abuse\@isp-one.zz";
	die "source: $d->{contact_source}\n" unless $d->{contact_source} =~ m{RFC 2142 guess};
	die "failures: @{$p->[0]{lookup_failures}}\n" unless grep { m{^rdap http://127\.0\.0\.1:\d+/ip/45\.61\.137\.3: rdap answer nests deeper than 64} } @{$p->[0]{lookup_failures}};' \
	< "$TMP/plan.json" && [ $st -eq 0 ] && pass "a registry answering JSON 300,000 deep: refused, said, the next message read" ||
	fail "deep JSON: exit $st: $(head -c 300 "$TMP/err")"
# shellcheck disable=SC2086
timeout 90 "$REPORT" $L --rdap-bootstrap "$TMP/boot" --contacts 45.61.137.3 > "$TMP/contacts" 2> "$TMP/err"
st=$?
[ $st -eq 75 ] && grep -q '^failed: rdap .*nests deeper than 64' "$TMP/err" &&
	pass "--contacts with a registry answering JSON 300,000 deep: 75, said" || fail "--contacts deep: status $st $(cat "$TMP/err")"
kill "$server" 2> /dev/null; wait "$server" 2> /dev/null

# 5. --offline asks nobody
# shellcheck disable=SC2086
timeout 30 "$REPORT" --offline --template-dir "$top_srcdir/templates" --json "$msg" |
	perl -MJSON::PP -e 'local $/; my $p = decode_json(<STDIN>); exit("@{$p->[0]{drafts}[0]{to}}" eq "abuse\@isp-one.zz" ? 0 : 1)' &&
	pass "--offline" || fail "--offline"

finish
