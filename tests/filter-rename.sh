#!/bin/sh
# tests/filter-rename.sh - a sender's own X-Spamtrace-Suspect field, hidden where a header parser stops
# but the MDAs read on: renamed all the same, so that recipes routing on "no", and those that look at
# every occurrence of the field, see ours alone. Through the real procmail, maildrop and Sieve.
#
# The message is suspect (tests/data/report/spoofed.eml: our field says yes); the sender adds
# "X-Spamtrace-Suspect: no" after a line that is no field, after an obsolete "Name : value" field,
# after a "\r\n" line (procmail reads on past it: it ends the header only at "\n" alone), in the
# obsolete form itself, and behind 5 MB of header, past what the filter reads before it writes.
# Each recipe files "no" into No/ first, then "yes" into Junk/; the message must land in Junk/, and
# the header the MDA delivers must hold one X-Spamtrace-Suspect field, ours.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$FILTER" ] || {
	printf 'ERROR: %s is not built\n' "$FILTER" >&2
	exit 99
}
: "${PROCMAIL:=$(command -v procmail || true)}"
: "${MAILDROP:=$(command -v maildrop || true)}"
: "${SIEVE_TEST:=$(command -v sieve-test || true)}"
SPOOFED="$DATA/report/spoofed.eml"
IN="$TMP/in"
mkdir -p "$IN"
chmod 755 "$TMP" "$IN"

# hide NAME LINES: spoofed.eml with LINES (printf escapes) before its empty line
hide() {
	{
		sed '/^$/,$d' "$SPOOFED"
		printf "$2"
		sed -n '/^$/,$p' "$SPOOFED"
	} >"$IN/$1.eml"
}
hide junk 'this line is no field\nX-Spamtrace-Suspect: no\n'
hide obsolete 'X-Mailer : obsolete form\nX-Spamtrace-Suspect: no\n'
hide colon ': a colon first\nX-Spamtrace-Suspect: no\n'
hide crlf '\r\nX-Spamtrace-Suspect: no\n'
hide ours-obsolete 'X-Spamtrace-Suspect : no\n'
hide lower 'not a field either\nx-spamtrace-suspect: no\n'
# past the 4 MB the filter reads before it writes (the rest is streamed)
for how in junk obsolete; do
	{
		sed '/^$/,$d' "$SPOOFED"
		perl -e 'printf "X-Filler-%06d: %s\n", $_, "y" x 60 for 1 .. 5 * 1024 * 1024 / 80'
		if [ $how = junk ]; then printf 'this line is no field\n'; else printf 'X-Mailer : obsolete form\n'; fi
		printf 'X-Spamtrace-Suspect: no\n'
		sed -n '/^$/,$p' "$SPOOFED"
	} >"$IN/deep-$how.eml"
done
chmod 644 "$IN"/*.eml
CASES="junk obsolete colon crlf ours-obsolete lower deep-junk deep-obsolete"

# one_field NAME FILE: the header FILE's MDA reads (to the first "\n"
# alone, after a From line) holds one X-Spamtrace-Suspect field
one_field() {
	n=$(perl -ne 'last if /^\n\z/; $n++ if /^X-Spamtrace-Suspect/i; END { print $n + 0 }' "$2")
	if [ "$n" = 1 ]; then
		return 0
	fi
	fail "$1: $n X-Spamtrace-Suspect fields in the header: $(perl -ne 'last if /^\n\z/; print if /^X-Spamtrace-Suspect/i' "$2" | tr '\n' '|')"
	return 1
}

# --- procmail and maildrop run the filter and route ----------------------------------

# route MDA NAME INPUT: delivers INPUT through the filter and the routing
# recipe into $TMP/NAME/{Inbox,No,Junk}; sets $where to the folder used
route() {
	d="$TMP/$2"
	for f in Inbox No Junk; do mkdir -p "$d/$f/new" "$d/$f/cur" "$d/$f/tmp"; done
	case $1 in
	procmail)
		printf 'SHELL=/bin/sh\nMAILDIR=%s\nDEFAULT=%s/Inbox/\nLOGFILE=%s/log\n' "$d" "$d" "$d" >"$d/rc"
		printf ':0 fw\n| %s\n' "$FILTER" >>"$d/rc"
		printf ':0\n* ^X-Spamtrace-Suspect: no\n%s/No/\n' "$d" >>"$d/rc"
		printf ':0\n* ^X-Spamtrace-Suspect: yes\n%s/Junk/\n' "$d" >>"$d/rc"
		timeout 120 "$PROCMAIL" -m "$d/rc" <"$3" >"$d/out" 2>&1
		;;
	maildrop)
		printf 'DEFAULT="%s/Inbox/"\nxfilter "%s"\n' "$d" "$FILTER" >"$d/rc"
		printf 'if (/^X-Spamtrace-Suspect: no/)\n\tto "%s/No/"\n' "$d" >>"$d/rc"
		printf 'if (/^X-Spamtrace-Suspect: yes/)\n\tto "%s/Junk/"\n' "$d" >>"$d/rc"
		chmod 600 "$d/rc"
		timeout 120 "$MAILDROP" "$d/rc" <"$3" >"$d/out" 2>&1
		;;
	esac
	st=$?
	where=""
	for f in Inbox No Junk; do
		[ -n "$(find "$d/$f" -type f)" ] && where="$where$f"
	done
	[ $st -eq 0 ] || fail "$2: $1 exited $st: $(cat "$d/out")"
}

ran=0
for mda in procmail maildrop; do
	case $mda in procmail) prog=$PROCMAIL ;; maildrop) prog=$MAILDROP ;; esac
	if [ -z "$prog" ] || [ ! -x "$prog" ]; then
		[ "${CI:-}" = true ] && fail "$mda is not installed (the CI set-up must install it)"
		printf 'skip: %s is not installed\n' "$mda"
		continue
	fi
	ran=$((ran + 1))
	for c in $CASES; do
		route $mda "$mda-$c" "$IN/$c.eml"
		if [ "$where" = Junk ]; then
			got=$(find "$TMP/$mda-$c/Junk" -type f)
			one_field "$mda: $c" "$got" && pass "$mda: $c: filed as suspect, one X-Spamtrace-Suspect field"
		else
			fail "$mda: $c: filed into '$where', not Junk"
		fi
		rm -rf "${TMP:?}/$mda-$c"
	done
done

# --- Sieve reads what the filter wrote -------------------------------------------------

if [ -z "$SIEVE_TEST" ] || [ ! -x "$SIEVE_TEST" ]; then
	[ "${CI:-}" = true ] && fail "sieve-test is not installed (the CI set-up must install dovecot-sieve)"
	printf 'skip: sieve-test is not installed\n'
else
	ran=$((ran + 1))
	SV="$TMP/sieve"
	mkdir -p "$SV"
	# :contains looks at every occurrence of the field; :is at each whole value
	cat >"$SV/route.sieve" <<'EOF'
require ["fileinto"];
if anyof (header :contains "X-Spamtrace-Suspect" "no", header :is "X-Spamtrace-Suspect" "no") {
	fileinto "No";
} elsif header :matches "X-Spamtrace-Suspect" "yes*" {
	fileinto "Junk";
}
EOF
	if [ "$(id -u)" -eq 0 ]; then uid=65534 gid=65534; else uid=$(id -u) gid=$(id -g); fi
	printf 'mail_uid = %s\nmail_gid = %s\nfirst_valid_uid = %s\nfirst_valid_gid = %s\nmail_location = maildir:%s/Maildir\n' \
		"$uid" "$gid" "$uid" "$gid" "$SV" >"$SV/dovecot.conf"
	chmod -R a+rX "$SV"
	[ "$(id -u)" -eq 0 ] && chown -R "$uid:$gid" "$SV"
	for c in $CASES; do
		"$FILTER" <"$IN/$c.eml" >"$SV/$c.out" 2>"$SV/$c.err"
		chmod 644 "$SV/$c.out"
		(cd "$SV" && timeout 60 "$SIEVE_TEST" -c "$SV/dovecot.conf" "$SV/route.sieve" "$SV/$c.out") \
			>"$SV/$c.result" 2>&1
		folder=$(sed -n 's/^ *\* store message in folder: //p' "$SV/$c.result")
		if [ "$folder" = Junk ]; then
			one_field "sieve: $c" "$SV/$c.out" && pass "sieve: $c: filed as suspect, one X-Spamtrace-Suspect field"
		else
			fail "sieve: $c: filed into '$folder': $(cat "$SV/$c.result" | head -n 5)"
		fi
	done
fi

[ "$ran" -gt 0 ] || skip_all "neither procmail, maildrop nor sieve-test is installed"
finish
