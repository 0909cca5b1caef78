#!/bin/sh
# filter-extras.sh - spamtrace-filter with its extras module: the body's
# X-Spamtrace-Advertises field, --json's "body", the budget, and a module
# that cannot be had. The message must come out whole in every case.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$FILTER" ] || {
	printf 'ERROR: %s is not built\n' "$FILTER" >&2
	exit 99
}
: "${SPAMTRACE_MODULE_DIR:=$top_builddir/filter/.libs}"
export SPAMTRACE_MODULE_DIR
[ -f "$SPAMTRACE_MODULE_DIR/spamtrace-body.so" ] || {
	printf 'ERROR: %s/spamtrace-body.so is not built\n' "$SPAMTRACE_MODULE_DIR" >&2
	exit 99
}
X="$DATA/extras"

# run NAME INPUT ARGS...: the filter on INPUT into $TMP/NAME.out; sets $status
run() {
	name=$1
	input=$2
	shift 2
	"$FILTER" "$@" <"$input" >"$TMP/$name.out" 2>"$TMP/$name.err"
	status=$?
}

# intact NAME INPUT: the output minus our fields is INPUT, byte for byte
intact() {
	strip_ours "$TMP/$1.out" >"$TMP/$1.stripped"
	if cmp -s "$2" "$TMP/$1.stripped"; then
		pass "$1: the message is intact"
	else
		fail "$1: the message changed: $(cmp "$2" "$TMP/$1.stripped" 2>&1 | head -n 1)"
	fi
}

# field NAME FIELD: the unfolded value of our field FIELD, or nothing
field() {
	perl -0777 -ne 'while (/^\Q'"$2"'\E:[ \t]*((?:[^\r\n]*\r?\n[ \t][^\r\n]*)*[^\r\n]*)/mg) {
		my $v = $1; $v =~ s/\r?\n[ \t]+/ /g; print "$v\n"; }' "$TMP/$1.out"
}

# has NAME FIELD PATTERN: FIELD's value matches the extended regex PATTERN
has() {
	v=$(field "$1" "$2")
	if printf '%s\n' "$v" | grep -Eq -- "$3"; then
		pass "$1: $2 has $3"
	else
		fail "$1: $2 lacks $3: '$v'"
	fi
}

# ascii NAME: our fields are printable ASCII, every line ends as the message's
ascii() {
	if perl -0777 -ne '
		s/\A(From [^\n]*\n)?//;
		/\A((?:X-Spamtrace-[A-Za-z-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+)/ or exit 1;
		my $ours = $1;
		for my $line (split /(?<=\n)/, $ours) {
			$line =~ s/\r?\n\z//;
			exit 1 if $line =~ /[^\x20-\x7e\t]/;
		}
		exit 0;' "$TMP/$1.out"; then
		pass "$1: our fields are printable ASCII"
	else
		fail "$1: our fields carry control or non-ASCII bytes"
	fi
}

# --- the body's field -------------------------------------------------------

run advert "$X/advert.eml" --body
[ "$status" = 0 ] || fail "advert: exit $status"
intact advert "$X/advert.eml"
has advert X-Spamtrace-Advertises 'domains=www\.prize-shop\.example'
has advert X-Spamtrace-Advertises 'shorteners=bit\.ly'
has advert X-Spamtrace-Advertises 'mailboxes=[^;]*claims@replies\.example\.net'
has advert X-Spamtrace-Advertises 'mailboxes=[^;]*prizes@shop\.example\.org'
has advert X-Spamtrace-Advertises 'phones=[^;]*\+442079460958/GB/fixed-line'
has advert X-Spamtrace-Advertises 'phones=[^;]*\+12125550142/US/'
has advert X-Spamtrace-Advertises 'postal=1'
has advert X-Spamtrace-Origin 'ip=192\.0\.2\.10'
ascii advert

# the same from the config file
mkdir -p "$TMP/conf"
printf '[filter]\nbody = true\n' >"$TMP/conf/body.conf"
run config "$X/advert.eml" --config "$TMP/conf/body.conf"
if [ "$(field config X-Spamtrace-Advertises)" = "$(field advert X-Spamtrace-Advertises)" ]; then
	pass "config: [filter] body = true gives the field --body gives"
else
	fail "config: [filter] body = true: '$(field config X-Spamtrace-Advertises)'"
fi
# and without either, no field and no module
run plain "$X/advert.eml"
if [ -z "$(field plain X-Spamtrace-Advertises)" ]; then
	pass "plain: no X-Spamtrace-Advertises unless asked"
else
	fail "plain: X-Spamtrace-Advertises without being asked"
fi

# attacker text: IDN hosts, encoded CR/LF, long names stay escaped ASCII
run hostile "$X/hostile.eml" --body
[ "$status" = 0 ] || fail "hostile: exit $status"
intact hostile "$X/hostile.eml"
ascii hostile
has hostile X-Spamtrace-Advertises 'xn--bcher-kva\.example'
if grep -q '^X-Spamtrace-Origin: forged' "$TMP/hostile.out"; then
	fail "hostile: a URL wrote a field of ours"
else
	pass "hostile: no field from a URL's encoded line break"
fi

# CRLF in, CRLF out
perl -pe 's/\n/\r\n/' "$X/advert.eml" >"$TMP/crlf.eml"
run crlf "$TMP/crlf.eml" --body
intact crlf "$TMP/crlf.eml"
if perl -0777 -ne '/^X-Spamtrace-Advertises:.*?\n(?![ \t])/ms or exit 1;
	exit(($& =~ /[^\r]\n/) ? 1 : 0)' "$TMP/crlf.out"; then
	pass "crlf: X-Spamtrace-Advertises ends its lines in CRLF"
else
	fail "crlf: X-Spamtrace-Advertises has a bare LF"
fi

# an empty message still gets our fields and a blank line, never nothing
: >"$TMP/empty.eml"
run empty "$TMP/empty.eml" --body
if [ "$status" = 0 ] && [ -s "$TMP/empty.out" ] && grep -q '^X-Spamtrace-Advertises: nothing' "$TMP/empty.out" &&
	[ "$(tail -c 1 "$TMP/empty.out" | od -An -c | tr -d ' ')" = '\n' ]; then
	pass "empty: our fields, X-Spamtrace-Advertises: nothing, a blank line"
else
	fail "empty: exit $status, output: $(head -c 300 "$TMP/empty.out")"
fi

# a body longer than what is read: the start is read, all goes out
{
	cat "$X/advert.eml"
	perl -e 'print "filler line of the kind spam pads itself with, to get past size limits\n" x 40000'
	printf 'late link: https://late.example.org/\n'
} >"$TMP/long.eml"
run long "$TMP/long.eml" --body
[ "$status" = 0 ] || fail "long: exit $status"
intact long "$TMP/long.eml"
has long X-Spamtrace-Advertises 'read=the start of the message only'
has long X-Spamtrace-Advertises 'prize-shop'
v=$(field long X-Spamtrace-Advertises)
case $v in
*late.example*) fail "long: read past the limit: $v" ;;
*) pass "long: nothing from beyond the first megabyte" ;;
esac

# --- when the extras cannot help ----------------------------------------------

# no module: the message goes out whole, the field says why: no such
# directory, or no module in it
SPAMTRACE_MODULE_DIR="$TMP/nowhere" run nomodule "$X/advert.eml" --body
[ "$status" = 0 ] || fail "nomodule: exit $status"
intact nomodule "$X/advert.eml"
has nomodule X-Spamtrace-Advertises "^unknown; why=the modules are not in $TMP/nowhere \\(named by SPAMTRACE_MODULE_DIR\\)"
has nomodule X-Spamtrace-Origin 'ip=192\.0\.2\.10'
mkdir -p "$TMP/empty"
SPAMTRACE_MODULE_DIR="$TMP/empty" run emptydir "$X/advert.eml" --body
[ "$status" = 0 ] || fail "emptydir: exit $status"
intact emptydir "$X/advert.eml"
has emptydir X-Spamtrace-Advertises '^unknown; why=cannot load the module'

# a module of another kind: a library without our entry point
for lib in /usr/lib/*/libm.so.6 /lib/*/libm.so.6; do
	[ -f "$lib" ] && break
done
mkdir -p "$TMP/wrong"
cp "$lib" "$TMP/wrong/spamtrace-body.so"
SPAMTRACE_MODULE_DIR="$TMP/wrong" run wrong "$X/advert.eml" --body
intact wrong "$X/advert.eml"
has wrong X-Spamtrace-Advertises '^unknown; why=.*module of another version'

# a budget too small for loading the module: the filter does not wait
run budget "$X/advert.eml" --body --budget 1
[ "$status" = 0 ] || fail "budget: exit $status"
intact budget "$X/advert.eml"
has budget X-Spamtrace-Advertises '^unknown; why=the budget of 1 ms was spent'

# a module that crashes, runs out of stack, aborts, exits, hangs or is
# killed (tests/extras-crash.c, for both modules at once): the message
# goes out whole with our fields, and each part of the extras says why it
# is missing; one that writes on standard output writes into nothing
crash_so="$top_builddir/tests/.libs/extras-crash.so"
if [ -f "$crash_so" ]; then
	mkdir -p "$TMP/crash"
	ln -s "$crash_so" "$TMP/crash/spamtrace-body.so"
	ln -s "$crash_so" "$TMP/crash/spamtrace-lookups.so"
	for how in segv overflow abort exit hang kill stdout; do
		case $how in
		hang) why='the budget of 1500 ms was spent' ;;
		exit) why='the module ended without an answer \(exit status 3\)' ;;
		stdout) why='' ;;
		# AddressSanitizer reports a crash itself and exits 1
		*) why='the module (crashed \(signal [0-9]+, [A-Za-z ]+\)|ended without an answer \(exit status 1\))' ;;
		esac
		# a module that calls exit () ends the child inside our frames, whose
		# allocations LeakSanitizer then reports, turning exit status 3 into 1:
		# the leak check is off for that one child, the status is what is tested
		asan=${ASAN_OPTIONS:-}
		[ $how = exit ] && asan="$asan${asan:+:}detect_leaks=0"
		t0=$(date +%s)
		ASAN_OPTIONS=$asan SPAMTRACE_MODULE_DIR="$TMP/crash" SPAMTRACE_TEST_MODULE=$how \
			run "crash-$how" "$X/advert.eml" --body --lookups=cache --budget 1500
		took=$(($(date +%s) - t0))
		[ $how = hang ] && took_hang=$took
		[ "$status" = 0 ] || fail "crash-$how: exit $status"
		[ "$took" -le 10 ] || fail "crash-$how: took $took s"
		intact "crash-$how" "$X/advert.eml"
		has "crash-$how" X-Spamtrace-Origin 'ip=192\.0\.2\.10'
		if [ -n "$why" ]; then
			has "crash-$how" X-Spamtrace-Advertises "^unknown; why=$why"
			has "crash-$how" X-Spamtrace-Lookups "^cache; unknown; why=$why"
		else
			[ "$(field "crash-$how" X-Spamtrace-Test | tr '\n' ' ')" = "stdout stdout " ] &&
				pass "crash-$how: both modules answered" || fail "crash-$how: no answers"
		fi
	done
	# both modules hang: they run at once, and cost one budget
	if [ "$took_hang" -le 3 ]; then
		pass "crash-hang: two hanging modules cost one budget ($took_hang s)"
	else
		fail "crash-hang: two hanging modules took $took_hang s for a budget of 1.5 s"
	fi
else
	fail "no $crash_so: the crashing modules did not run"
fi

# usage errors are errors, before anything is read
for bad in "--lookups=sometimes" "--budget=0" "--budget=-1" "--budget=999999"; do
	run usage "$X/advert.eml" "$bad"
	if [ "$status" = 64 ] && [ ! -s "$TMP/usage.out" ] && [ -s "$TMP/usage.err" ]; then
		pass "usage: $bad exits 64 with a message"
	else
		fail "usage: $bad: exit $status"
	fi
done

# a config with a wrong [filter] value: the message passes, marked
printf '[filter]\nlookups = sometimes\n' >"$TMP/conf/bad.conf"
run badconf "$X/advert.eml" --config "$TMP/conf/bad.conf"
[ "$status" = 0 ] || fail "badconf: exit $status"
intact badconf "$X/advert.eml"
has badconf X-Spamtrace-Error 'config'
grep -q "bad.conf:2: \\[filter\\] lookups: expected off, cache or network, not 'sometimes'" "$TMP/badconf.err" &&
	pass "badconf: the error names the key and the value" ||
	fail "badconf: stderr: $(cat "$TMP/badconf.err")"
printf '[filter]\nbudget = 90000\n' >"$TMP/conf/bad2.conf"
run badconf2 "$X/advert.eml" --config "$TMP/conf/bad2.conf" --json
[ "$status" = 78 ] && pass "badconf2: a budget out of range with --json exits 78" ||
	fail "badconf2: exit $status"

# --- --json -------------------------------------------------------------------

run json "$X/advert.eml" --json --trust 192.0.2.10
[ "$status" = 0 ] || fail "json: exit $status"
if perl -MJSON::PP -0777 -ne '
	my $d = JSON::PP->new->decode($_);
	my $b = $d->{body} or exit 1;
	my %urls = map { $_->{host} => $_ } @{$b->{urls}};
	exit 2 unless $urls{"www.prize-shop.example"} && $urls{"bit.ly"};
	exit 3 unless grep { $_->{e164} eq "+442079460958" } @{$b->{phones}};
	exit 4 unless grep { $_->{address} eq "claims\@replies.example.net" } @{$b->{emails}};
	exit 5 unless $d->{origin}{ip} eq "198.51.100.23";
	exit 6 if exists $d->{body_missing};
	exit 0;' "$TMP/json.out"; then
	pass "json: the analysis with its body: URLs, phones, mailboxes"
else
	fail "json: body missing or wrong (perl exit $?): $(head -c 400 "$TMP/json.out")"
fi
SPAMTRACE_MODULE_DIR="$TMP/nowhere" run json-nomodule "$X/advert.eml" --json
if perl -MJSON::PP -0777 -ne '
	my $d = JSON::PP->new->decode($_);
	exit(!defined $d->{body} && $d->{body_missing} =~ /the modules are not in .*nowhere/ ? 0 : 1);' \
	"$TMP/json-nomodule.out"; then
	pass "json-nomodule: body null, body_missing says why"
else
	fail "json-nomodule: $(head -c 400 "$TMP/json-nomodule.out")"
fi

# --explain shows the fields the extras would add
run explain "$X/advert.eml" --explain --body
grep -q '^X-Spamtrace-Advertises: urls=2' "$TMP/explain.out" &&
	pass "explain: shows X-Spamtrace-Advertises" ||
	fail "explain: $(tail -n 5 "$TMP/explain.out")"

finish
