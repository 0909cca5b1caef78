#!/bin/sh
# filter-lookups.sh - spamtrace-filter's [filter] lookups: who runs the
# origin's network (a fixture RDAP server), its reverse DNS and its DNSBL
# listings (dnsmasq), from the network, then from the cache alone, and never
# longer than the budget. Every server is on 127.0.0.1; every whois server a
# lookup could ask is pointed at a closed port there.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/servers.sh"

[ -x "$FILTER" ] || {
	printf 'ERROR: %s is not built\n' "$FILTER" >&2
	exit 99
}
: "${SPAMTRACE_MODULE_DIR:=$top_builddir/filter/.libs}"
export SPAMTRACE_MODULE_DIR
find_dnsmasq
if [ -z "$DNSMASQ" ]; then
	[ "${CI:-}" = true ] && {
		fail "dnsmasq is not installed, and CI=true"
		finish
	}
	skip_all "dnsmasq is not installed"
fi
trap 'kill $server $dnsmasq $silent 2>/dev/null; rm -rf "$TMP"' EXIT
server="" dnsmasq="" silent=""

msg="$DATA/report/network.eml" # origin 45.61.137.3
closed=$(free_port tcp)

# conf NAME MODE DNS-PORT [BUDGET]: a config file using the servers
conf() {
	{
		printf '[filter]\nlookups = %s\nbudget = %s\n' "$2" "${4:-8000}"
		printf '[lookups]\ndns-server = 127.0.0.1:%s\n' "$3"
		printf 'rdap-bootstrap = %s\n' "$TMP/boot"
		printf 'cache = %s\n' "$TMP/cache.sqlite"
		printf 'dnsbl = bl.zz;clean.zz\n'
		printf 'whois-server = '
		whois_overrides "$closed" | tr '\n' ';'
		printf '\n'
	} >"$TMP/$1.conf"
}

# run NAME CONF [ARGS]: the filter on $msg; sets $status and $ms (wall time)
run() {
	name=$1 c=$2
	shift 2
	t0=$(date +%s%N)
	"$FILTER" --config "$TMP/$c.conf" "$@" <"$msg" >"$TMP/$name.out" 2>"$TMP/$name.err"
	status=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
}

field() {
	perl -0777 -ne 'while (/^\Q'"$2"'\E:[ \t]*((?:[^\r\n]*\r?\n[ \t][^\r\n]*)*[^\r\n]*)/mg) {
		my $v = $1; $v =~ s/\r?\n[ \t]+/ /g; print "$v\n"; }' "$TMP/$1.out"
}

has() {
	v=$(field "$1" "$2")
	if printf '%s\n' "$v" | grep -Eq -- "$3"; then
		pass "$1: $2 has $3"
	else
		fail "$1: $2 lacks $3: '$v'"
	fi
}

intact() {
	strip_ours "$TMP/$1.out" >"$TMP/$1.stripped"
	if cmp -s "$msg" "$TMP/$1.stripped"; then
		pass "$1: the message is intact"
	else
		fail "$1: the message changed"
	fi
}

# --- 1. from the network -------------------------------------------------------
start_dnsmasq --conf-file="$DATA/extras/dns.conf"
serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
conf network network "$dport"
run network network
[ "$status" = 0 ] || fail "network: exit $status: $(cat "$TMP/network.err")"
intact network
has network X-Spamtrace-Abuse '^address=abuse@lacnic\.net; source=127\.0\.0\.1:[0-9]+; confidence=high'
has network X-Spamtrace-Rdns '^name=dsl-45-61-137-3\.dyn\.isp-one\.zz; confirmed'
has network X-Spamtrace-DNSBL '^listed; listed=bl\.zz\(127\.0\.0\.2\+127\.0\.0\.11\); not-listed=clean\.zz'
has network X-Spamtrace-Lookups '^network; complete; ip=45\.61\.137\.3; ms=[0-9]+'
grep -q '/ip/45\.61\.137\.3 ' "$TMP/rdap-requests" &&
	pass "network: the RDAP server was asked about the origin" ||
	fail "network: the RDAP server saw: $(cat "$TMP/rdap-requests" 2>/dev/null)"

# --json carries the same
"$FILTER" --config "$TMP/network.conf" --json <"$msg" >"$TMP/json.out" 2>&1
if perl -MJSON::PP -0777 -ne '
	my $l = JSON::PP->new->decode($_)->{lookups} or exit 1;
	exit 2 unless $l->{mode} eq "network" && $l->{ip} eq "45.61.137.3";
	exit 3 unless grep { $_->{address} eq "abuse\@lacnic.net" && $_->{scope} eq "network" } @{$l->{contacts}};
	exit 4 unless $l->{rdns}{name} eq "dsl-45-61-137-3.dyn.isp-one.zz" && $l->{rdns}{confirmed};
	my %z = map { $_->{zone} => $_ } @{$l->{dnsbl}};
	exit 5 unless $z{"bl.zz"}{status} eq "listed" && $z{"clean.zz"}{status} eq "not listed";
	exit 6 if @{$l->{failures}};
	exit 0;' "$TMP/json.out"; then
	pass "json: lookups with contacts, rdns, dnsbl, no failures"
else
	fail "json: lookups wrong (perl exit $?): $(head -c 600 "$TMP/json.out")"
fi

# spamtrace-report reads the same [lookups] group
REPORT="$top_builddir/report/spamtrace-report"
timeout 60 "$REPORT" --config "$TMP/network.conf" --no-cache --contacts 45.61.137.3 \
	>"$TMP/contacts" 2>"$TMP/contacts.err"
if grep -q '^abuse@lacnic\.net	network	high	abuse	http://127\.0\.0\.1:' "$TMP/contacts"; then
	pass "report: --contacts with the servers of [lookups]"
else
	fail "report: --contacts: $(cat "$TMP/contacts" "$TMP/contacts.err")"
fi

# --- 2. from the cache alone, the servers gone -------------------------------------
kill "$server" "$dnsmasq" 2>/dev/null
wait "$server" "$dnsmasq" 2>/dev/null
server="" dnsmasq=""
rm -f "$TMP/rdap-requests"
conf cache cache "$closed"
run cache cache
[ "$status" = 0 ] || fail "cache: exit $status"
intact cache
has cache X-Spamtrace-Abuse '^address=abuse@lacnic\.net'
has cache X-Spamtrace-Rdns '^name=dsl-45-61-137-3\.dyn\.isp-one\.zz; confirmed'
has cache X-Spamtrace-DNSBL 'listed=bl\.zz\(127\.0\.0\.2\+127\.0\.0\.11\); not-listed=clean\.zz'
has cache X-Spamtrace-Lookups '^cache; complete'
# the cache alone needs no bootstrap files: it asks no registry
sed "s|^rdap-bootstrap = .*|rdap-bootstrap = $TMP/nowhere|" "$TMP/cache.conf" >"$TMP/noboot.conf"
run noboot noboot
has noboot X-Spamtrace-Abuse '^address=abuse@lacnic\.net'
has noboot X-Spamtrace-Lookups '^cache; complete'

# each part needs only its own module: with the lookups' alone, the lookups
# answer and the body says it cannot load its module
mkdir -p "$TMP/only"
cp "$SPAMTRACE_MODULE_DIR/spamtrace-lookups.so" "$TMP/only/"
SPAMTRACE_MODULE_DIR="$TMP/only" run only cache --body
has only X-Spamtrace-Abuse '^address=abuse@lacnic\.net'
has only X-Spamtrace-Advertises '^unknown; why=cannot load the module: .*spamtrace-body\.so'
intact only

# an empty cache: nothing known, and said so; no traffic
mv "$TMP/cache.sqlite" "$TMP/full.sqlite"
rm -f "$TMP/cache.sqlite-wal" "$TMP/cache.sqlite-shm"
run empty cache
[ "$status" = 0 ] || fail "empty: exit $status"
intact empty
has empty X-Spamtrace-Abuse '^unknown$'
has empty X-Spamtrace-Lookups '^cache; incomplete; .*first=.*not in the cache'
if [ -z "$(field empty X-Spamtrace-DNSBL | grep 'not-listed')" ]; then
	pass "empty: a DNSBL not in the cache is not 'not listed'"
else
	fail "empty: X-Spamtrace-DNSBL: $(field empty X-Spamtrace-DNSBL)"
fi

# --- 3. servers that never answer: the budget holds ---------------------------------
silent_udp
serve hold "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
rm -f "$TMP/cache.sqlite"*
conf slow network "$sport" 700
run slow slow
[ "$status" = 0 ] || fail "slow: exit $status"
intact slow
if [ "$ms" -lt 2500 ]; then
	pass "slow: done in $ms ms with a budget of 700 ms"
else
	fail "slow: $ms ms with a budget of 700 ms"
fi
v=$(field slow X-Spamtrace-Lookups)
case $v in
"network; unknown; why=the budget of 700 ms was spent" | "network; incomplete;"*)
	pass "slow: X-Spamtrace-Lookups says what is missing: $v" ;;
*) fail "slow: X-Spamtrace-Lookups: '$v'" ;;
esac
if field slow X-Spamtrace-DNSBL | grep -q 'not-listed'; then
	fail "slow: a DNSBL that did not answer counted as not listed"
else
	pass "slow: no DNSBL is 'not listed' without an answer"
fi

# --- 4. twenty filters at once, one cache ------------------------------------------
# procmail runs filters in parallel: each of 20 messages from another origin
# is looked up over the network by its own process, all sharing one cache;
# then each is asked again from the cache alone. No errors, no entry lost.
kill "$server" "$silent" 2>/dev/null
wait "$server" "$silent" 2>/dev/null
server="" silent=""
start_dnsmasq --conf-file="$DATA/extras/dns.conf"
serve "200 OK" "$DATA/rdap/written/lacnic_ip_200.3.12.0.json"
bootstrap "$port"
rm -f "$TMP/cache.sqlite"*
conf many network "$dport"
conf manycache cache "$closed"
mkdir -p "$TMP/many"
i=1
while [ $i -le 20 ]; do
	sed "s/45\.61\.137\.3\]/45.61.138.$i]/" "$msg" >"$TMP/many/$i.eml"
	i=$((i + 1))
done
for mode in many manycache; do
	i=1 pids=""
	while [ $i -le 20 ]; do
		"$FILTER" --config "$TMP/$mode.conf" <"$TMP/many/$i.eml" >"$TMP/many/$mode.$i.out" \
			2>"$TMP/many/$mode.$i.err" &
		pids="$pids $!"
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	wait $pids
	good=0
	i=1
	while [ $i -le 20 ]; do
		o="$TMP/many/$mode.$i.out"
		if strip_ours "$o" | cmp -s - "$TMP/many/$i.eml" &&
			grep -q "^X-Spamtrace-Abuse: address=abuse@lacnic.net;" "$o" &&
			grep -q "^X-Spamtrace-Lookups: [a-z]*; complete; ip=45.61.138.$i;" "$o" &&
			[ ! -s "$TMP/many/$mode.$i.err" ]; then
			good=$((good + 1))
		else
			fail "$mode $i: $(grep '^X-Spamtrace-\(Abuse\|Lookups\)' "$o" | tr '\n' ' ') $(cat "$TMP/many/$mode.$i.err")"
		fi
		i=$((i + 1))
	done
	[ "$good" = 20 ] && pass "$mode: 20 filters at once, all 20 complete and intact"
done
kill "$server" "$dnsmasq" 2>/dev/null
wait "$server" "$dnsmasq" 2>/dev/null
server="" dnsmasq=""

# --- 4b. a registry that answers JSON nested 300,000 deep ---------------------------
# json-glib's parser recursed through it and overflowed the stack of the
# lookups' thread: the filter died of SIGSEGV with nothing written (maildrop
# deferred the mail, procmail delivered it untagged). Now the answer is
# refused before it is parsed, and the message goes out with our fields.
perl -e 'print "{\"objectClassName\":\"ip network\",\"entities\":", "[" x 300000, "]" x 300000, "}"' \
	>"$TMP/deep.json"
start_dnsmasq --conf-file="$DATA/extras/dns.conf"
serve "200 OK" "$TMP/deep.json"
bootstrap "$port"
rm -f "$TMP/cache.sqlite"*
conf deep network "$dport"
run deep deep
[ "$status" = 0 ] || fail "deep: exit $status: $(head -c 300 "$TMP/deep.err")"
intact deep
has deep X-Spamtrace-Origin '^ip=45\.61\.137\.3'
has deep X-Spamtrace-Lookups '^network; incomplete; .*first=rdap http://127\.0\.0\.1:[0-9]+/ip/45\.61\.137\.3: rdap answer nests deeper than 64'
has deep X-Spamtrace-Rdns '^name=dsl-45-61-137-3\.dyn\.isp-one\.zz; confirmed'
kill "$server" "$dnsmasq" 2>/dev/null
wait "$server" "$dnsmasq" 2>/dev/null
server="" dnsmasq=""

# --- 5. no origin to look up --------------------------------------------------------
printf 'From: a@example.org\nSubject: local\n\nno Received lines\n' >"$TMP/local.eml"
"$FILTER" --config "$TMP/cache.conf" <"$TMP/local.eml" >"$TMP/local.out" 2>&1
has local X-Spamtrace-Lookups '^cache; incomplete; ms=[0-9]+; failures=1; first=no origin address to look up'

finish
