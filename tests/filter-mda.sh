#!/bin/sh
# filter-mda.sh - spamtrace-filter as the MDAs run it: procmail ":0 fw" and
# maildrop "xfilter", delivering into a private Maildir.
#
# For every message the same recipe delivers once without the filter and once
# through it; the filtered copy, minus our fields, must be the unfiltered copy
# (up to what the MDA itself adds, see below), our fields must be there and
# well-formed, and a filter that fails must leave the original to be delivered.
#
# What the MDAs do, found by experiment (Debian procmail 3.23pre, maildrop
# 2.9.3, both run as root with a private rc file):
#  procmail -m RC  delivers the message as read, but hands a filter the message
#        plus one "\n" unless it already ends in "\n\n" (so "" becomes "\n",
#        "body" becomes "body\n", "body\n" becomes "body\n\n", "body\r\n"
#        becomes "body\r\n\n"), and delivers what the filter wrote. Writing to
#        a Maildir it drops a leading "From " line. A filter that exits non-zero
#        or dies of a signal: its output is thrown away and the message as read
#        is delivered ("Rescue of unfiltered data succeeded"); procmail exits 0.
#        A filter that writes nothing and exits 0 gets an empty file delivered.
#        Without -m, procmail creates /var/mail/$USER: never run it so here.
#  maildrop RC  adds "\n" if the message does not end in one, for the filter
#        and for delivery alike; keeps a "From " line; delivers nothing for an
#        empty message (exit 0); turns NUL bytes into "\n" in a message of
#        more than 8192 bytes (not in a smaller one), for the filter and for
#        delivery alike. An xfilter that exits non-zero or dies of a signal:
#        nothing is delivered and maildrop exits 75 (EX_TEMPFAIL), so the MTA
#        keeps the message; inside "exception { }" the original is delivered
#        instead and maildrop exits 0. An xfilter that writes nothing and
#        exits 0: "Unable to filter message.", nothing delivered, exit 0: the
#        message is lost.
#        The rc file must not be world-writable (exit 75), the Maildir must
#        exist (else exit 75).
# Both replace HOME with the user's home from the password file (procmail -m
# also clears the environment), so the rc files set HOME and XDG_CONFIG_HOME.

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

: "${PROCMAIL:=$(command -v procmail || true)}"
: "${MAILDROP:=$(command -v maildrop || true)}"
missing=""
[ -n "$PROCMAIL" ] && [ -x "$PROCMAIL" ] || missing="$missing procmail"
[ -n "$MAILDROP" ] && [ -x "$MAILDROP" ] || missing="$missing maildrop"
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		fail "not installed:$missing (the CI set-up must install them)"
		finish
	fi
	skip_all "not installed:$missing"
fi
[ -x "$FILTER" ] || {
	printf 'ERROR: %s is not built\n' "$FILTER" >&2
	exit 99
}
MDADATA="$DATA/mda"
# an interrupted run still removes $TMP (the EXIT trap of lib.sh)
trap 'exit 1' HUP INT PIPE TERM

# --- delivery ---------------------------------------------------------------

# deliver MDA NAME INPUT [COMMAND [exception]]: delivers INPUT with a recipe
# that runs COMMAND as a filter (none: no filter) into $TMP/NAME/Maildir.
# COMMAND goes into the rc file as it is: the paths in it must not need
# quoting. A hung MDA counts as exit 124 (timeout).
# Sets $dir, $status (the MDA's exit status) and $got (the delivered file, or
# empty if nothing was delivered); fails if more than one file was delivered.
deliver() {
	dir="$TMP/$2"
	mkdir -p "$dir/home" "$dir/Maildir/new" "$dir/Maildir/cur" "$dir/Maildir/tmp"
	case $1 in
	procmail)
		{
			printf 'SHELL=/bin/sh\nHOME="%s/home"\nXDG_CONFIG_HOME="%s/home/.config"\n' \
				"$dir" "$dir"
			printf 'MAILDIR="%s"\nDEFAULT="%s/Maildir/"\nLOGFILE="%s/log"\n' \
				"$dir" "$dir" "$dir"
			if [ -n "${4:-}" ]; then
				printf ':0 fw\n| %s\n' "$4"
			fi
		} >"$dir/rc"
		timeout 120 "$PROCMAIL" -m "$dir/rc" <"$3" >"$dir/out" 2>"$dir/err"
		status=$?
		;;
	maildrop)
		{
			printf 'HOME="%s/home"\nXDG_CONFIG_HOME="%s/home/.config"\n' "$dir" "$dir"
			printf 'DEFAULT="%s/Maildir/"\n' "$dir"
			if [ -n "${4:-}" ] && [ "${5:-}" = exception ]; then
				printf 'exception {\n\txfilter "%s"\n}\n' "$4"
			elif [ -n "${4:-}" ]; then
				printf 'xfilter "%s"\n' "$4"
			fi
		} >"$dir/rc"
		chmod 600 "$dir/rc"
		timeout 120 "$MAILDROP" "$dir/rc" <"$3" >"$dir/out" 2>"$dir/err"
		status=$?
		;;
	esac
	got=""
	for f in "$dir/Maildir/new/"* "$dir/Maildir/cur/"*; do
		[ -f "$f" ] || continue
		if [ -n "$got" ]; then
			fail "$2: more than one message delivered"
			break
		fi
		got=$f
	done
	for f in "$dir/Maildir/tmp/"*; do
		if [ -e "$f" ]; then
			fail "$2: left behind in Maildir/tmp: $f"
		fi
	done
}

# show NAME: what the MDA said, for a failure
show() {
	sed 's/^/  | /' "$TMP/$1/err" "$TMP/$1/out" >&2
	[ -f "$TMP/$1/log" ] && sed 's/^/  | log: /' "$TMP/$1/log" >&2
	return 0
}

# same NAME WHAT EXPECTED-FILE ACTUAL-FILE: byte comparison
same() {
	if cmp -s "$3" "$4"; then
		return 0
	fi
	fail "$1: $2 differs: $(cmp "$3" "$4" 2>&1 | head -n 1)"
	show "$1"
	return 1
}

# --- expectations -------------------------------------------------------------

# what each MDA delivers without a filter (see the top of the file)
plain_procmail() {
	perl -0777 -pe 's/\AFrom [^\n]*\n//' "$1"
}
plain_maildrop() {
	perl -0777 -pe 'tr/\0/\n/ if length > 8192; $_ .= "\n" if length && !/\n\z/' "$1"
}

# what the filtered copy must be, minus our fields, given the unfiltered
# copy: procmail's extra "\n" for the filter, and X-Spamtrace-* lines of the
# message renamed Old-X-Spamtrace-* (only at the start of a line, up to the
# first line of "\n" alone, where procmail's header ends; see
# lib/trace/rename.h)
filtered_procmail() {
	perl -0777 -pe '$_ .= "\n" unless /\n\n\z/' "$1" | rename_old
}
filtered_maildrop() {
	rename_old <"$1"
}
rename_old() {
	perl -0777 -pe '
		my ($from, $head, $rest) = /\A(From [^\n]*\n)?(\n|.*?(?:\n\n|\z))(.*)\z/s;
		$head =~ s/^(X-Spamtrace-)/Old-$1/gim;
		$_ = ($from // "") . $head . $rest;'
}

# wellformed NAME FILE INPUT: our fields open FILE (after a "From " line if
# any), with X-Spamtrace-Version among them; every line is ASCII, at most 998
# bytes, ends as the first line of INPUT does (CRLF or LF); continuation
# lines start with a space or tab and are not blank.
wellformed() {
	if ! msg=$(perl -0777 -e '
		open my $in, "<", $ARGV[1] or die "$ARGV[1]: $!\n";
		my $input = do { local $/; <$in> };
		my $eol = $input =~ /\A[^\n]*\r\n/ ? "\r\n" : "\n";
		open my $fh, "<", $ARGV[0] or die "$ARGV[0]: $!\n";
		$_ = <$fh>;
		my ($block) = /\A(?:From [^\n]*\n)?((?:X-Spamtrace-[A-Za-z-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+)/
			or die "no X-Spamtrace fields at the top\n";
		$block =~ /^X-Spamtrace-Version: spamtrace-filter \S/m
			or die "no X-Spamtrace-Version field\n";
		for my $line ($block =~ /([^\n]*\n)/g) {
			my $shown = substr($line, 0, 60);
			$shown =~ s/([^\x20-\x7e])/sprintf "\\x%02X", ord $1/ge;
			substr($line, -length $eol) eq $eol && ($eol eq "\r\n" || $line !~ /\r\n\z/)
				or die "line does not end in the message line ending: $shown\n";
			my $text = substr($line, 0, -length $eol);
			$text =~ /\A[\x20-\x7e\t]*\z/ or die "not printable ASCII: $shown\n";
			length $text <= 998 or die "longer than 998 bytes: $shown\n";
			$text =~ /\A(?:X-Spamtrace-[A-Za-z-]+:|[ \t]+\S)/
				or die "neither a field nor a continuation line: $shown\n";
		}' "$2" "$3" 2>&1); then
		fail "$1: our fields: $msg"
		return 1
	fi
	return 0
}

# error_config FILE: "X-Spamtrace-Error: config; ..." is among our fields,
# and so is the verdict: a mistake in the config never stops the tagging
error_config() {
	perl -0777 -ne '
		my ($block) = /\A(?:From [^\n]*\n)?((?:X-Spamtrace-[A-Za-z-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+)/;
		exit(defined $block && $block =~ /^X-Spamtrace-Error: config;/m &&
			$block =~ /^X-Spamtrace-Suspect: /m ? 0 : 1);' "$1"
}

# --- the messages -------------------------------------------------------------

IN="$TMP/in"
mkdir -p "$IN"
cp "$MDADATA/plain.eml" "$MDADATA/mbox-from.eml" "$MDADATA/ours.eml" \
	"$MDADATA/hostile.eml" "$IN/"
# no final newline; CRLF line endings (made here: a checkout may convert)
perl -0777 -pe 's/\n\z//' "$MDADATA/plain.eml" >"$IN/no-final-newline.eml"
perl -0777 -pe 's/\n/\r\n/g' "$MDADATA/plain.eml" >"$IN/crlf.eml"
: >"$IN/empty.eml"
# fields of ours to rename after an mbox From line
{
	head -n 1 "$MDADATA/mbox-from.eml"
	cat "$MDADATA/ours.eml"
} >"$IN/ours-mbox-from.eml"
# fields of ours deep in a header section of 5 MB, past the 4 MB that the
# filter reads before it starts writing: they must be renamed all the same
{
	sed -n '/^Received:/,/^To:/p' "$MDADATA/plain.eml"
	perl -e 'printf "X-Filler-%06d: %s\n", $_, "y" x 60 for 1 .. 5 * 1024 * 1024 / 80'
	sed '/^From:/,$d' "$MDADATA/ours.eml"
	sed -n '/^Subject:/,$p' "$MDADATA/plain.eml"
} >"$IN/ours-deep.eml"
# garbage: NUL and every other byte, a 100 KB line, no final newline; it
# starts with a byte that is no white space so that nothing reads its first
# line as a continuation of our last field
perl -e '
	my $x = 20261127;
	my $out = "\xff\x00\x01 not a header\n";
	for my $i (1 .. 300000) {
		$x = ($x * 1103515245 + 12345) % 2147483648;
		$out .= chr(($x >> 16) & 255);
		$out .= "w" x 100000 if $i == 150000;
	}
	print $out, "the end";' >"$IN/garbage.eml"
# huge: a real header and a 50 MB body in lines of 998 bytes, near the most RFC
# 5322 allows (maildrop pumps a message through xfilter line by line: 50 MB
# of 76-byte lines take it 10 s, of 998-byte lines 3 s)
{
	sed '/^$/q' "$MDADATA/plain.eml"
	perl -e 'my $line = ("0123456789" x 99) . "abcdefg\n"; print $line x (50 * 1024 * 1024 / 998)'
} >"$IN/huge.eml"

# --- every message, through both MDAs -------------------------------------------

for mda in procmail maildrop; do
	for m in plain no-final-newline crlf empty garbage mbox-from ours ours-mbox-from \
		ours-deep hostile huge; do
		input="$IN/$m.eml"
		name="$mda-$m"

		deliver "$mda" "$name-plain" "$input"
		plain=$got
		if [ "$status" -ne 0 ]; then
			fail "$name: $mda without the filter exited $status"
			show "$name-plain"
		fi
		"plain_$mda" "$input" >"$TMP/$name.plain-expected"
		if [ -z "$plain" ]; then
			# maildrop delivers nothing for an empty message
			if [ "$mda" = maildrop ] && [ "$m" = empty ]; then
				: >"$TMP/$name.plain"
			else
				fail "$name: nothing delivered without the filter"
				show "$name-plain"
				continue
			fi
		elif [ "$mda" = maildrop ] && [ "$m" = empty ]; then
			fail "$name: maildrop did deliver an empty message without a filter"
			cp "$plain" "$TMP/$name.plain"
		else
			cp "$plain" "$TMP/$name.plain"
		fi
		same "$name-plain" "the delivery without the filter" \
			"$TMP/$name.plain-expected" "$TMP/$name.plain"

		deliver "$mda" "$name" "$input" "$FILTER"
		[ "$status" -eq 0 ] || fail "$name: $mda exited $status"
		if [ -z "$got" ]; then
			fail "$name: nothing delivered through the filter"
			show "$name"
			continue
		fi
		if [ ! -s "$got" ]; then
			fail "$name: the delivered message is empty"
			continue
		fi
		wellformed "$name" "$got" "$input" || show "$name"
		if [ "$m" = empty ]; then
			# maildrop hands the filter the empty message, which it turns
			# into our fields and a blank line; procmail hands it "\n" (see
			# the top), which comes to the same
			printf '\n' >"$TMP/$name.expected"
		else
			"filtered_$mda" "$TMP/$name.plain" >"$TMP/$name.expected"
		fi
		strip_ours "$got" >"$TMP/$name.stripped"
		same "$name" "the filtered message minus our fields" \
			"$TMP/$name.expected" "$TMP/$name.stripped" &&
			pass "$name"
		rm -rf "${TMP:?}/$name" "$TMP/$name-plain" "$TMP/$name".*
	done
done

# --- a module that crashes -----------------------------------------------------------

# The body and the lookups run in modules; one that runs out of stack (as
# json-glib's parser did on a registry's deeply nested answer) took the
# whole filter down: procmail delivered the message untagged, maildrop
# deferred it. Now the message is delivered with our fields, and the
# module's say why they are missing (tests/extras-crash.c, both modules).
crash_so="$top_builddir/tests/.libs/extras-crash.so"
if [ -f "$crash_so" ]; then
	mkdir -p "$TMP/crash"
	ln -sf "$crash_so" "$TMP/crash/spamtrace-body.so"
	ln -sf "$crash_so" "$TMP/crash/spamtrace-lookups.so"
	for mda in procmail maildrop; do
		name="$mda-crashing-module"
		deliver "$mda" "$name-plain" "$IN/plain.eml"
		cp "$got" "$TMP/$name.plain"
		deliver "$mda" "$name" "$IN/plain.eml" \
			"env SPAMTRACE_MODULE_DIR=$TMP/crash SPAMTRACE_TEST_MODULE=overflow $FILTER --body --lookups=cache"
		if [ "$status" -ne 0 ] || [ -z "$got" ]; then
			fail "$name: $mda exited $status, delivered '$got'"
			show "$name"
			continue
		fi
		wellformed "$name" "$got" "$IN/plain.eml" || show "$name"
		"filtered_$mda" "$TMP/$name.plain" >"$TMP/$name.expected"
		strip_ours "$got" >"$TMP/$name.stripped"
		if same "$name" "the message minus our fields" "$TMP/$name.expected" "$TMP/$name.stripped" &&
			grep -q '^X-Spamtrace-Origin: ' "$got" &&
			grep -q '^X-Spamtrace-Advertises: unknown; why=the module' "$got" &&
			grep -q '^X-Spamtrace-Lookups: cache; unknown; why=the module' "$got"; then
			pass "$name: delivered with our fields, the modules' unknown"
		else
			fail "$name: $(grep '^X-Spamtrace-' "$got" | head -n 8)"
		fi
	done
else
	fail "no $crash_so: the crashing module did not run"
fi

# --- a filter that fails ----------------------------------------------------------

# (a1) it cannot allocate: under "ulimit -v" GLib's g_malloc fails (g_error
# raises SIGTRAP), and the filter's fallback passes the message through
# unchanged with exit 0; lower still, the dynamic loader fails before the
# filter runs (exit 127, nothing written), which the MDA must survive. The
# limits depend on the libraries, so look for them.
limit="" passthrough=""
for kb in 4000 5000 6000 7000 8000 9000 10000 11000 12000 13000 14000 16000; do
	# (a subshell keeps the shell's report of a signal quiet; ulimit -v is
	# not POSIX, but dash and bash have it)
	st=$( (
		(
			ulimit -c 0
			ulimit -v "$kb" && exec "$FILTER"
		) <"$IN/plain.eml" >"$TMP/probe.out" 2>/dev/null
		echo $?
	) 2>/dev/null)
	if [ "$st" -eq 0 ]; then
		if cmp -s "$TMP/probe.out" "$IN/plain.eml"; then
			passthrough=${passthrough:-$kb}
		elif ! strip_ours "$TMP/probe.out" | cmp -s - "$IN/plain.eml"; then
			fail "ulimit -v $kb: exit 0 with a damaged message"
		fi
	elif [ ! -s "$TMP/probe.out" ]; then
		limit=${limit:-$kb} # failed before writing anything
	else
		fail "ulimit -v $kb: exit $st after writing $(wc -c <"$TMP/probe.out") bytes"
	fi
done
if grep -q __asan_init "$FILTER"; then
	# AddressSanitizer cannot start under any ulimit -v: (a2) still runs
	printf 'skip: ulimit -v cannot make an AddressSanitizer build run short of memory\n'
	limit=""
elif [ -n "$passthrough" ]; then
	pass "short of memory (ulimit -v $passthrough) the message passes through unchanged, exit 0"
else
	fail "no ulimit -v made the filter fall back to passing the message through"
fi
if [ -n "$limit" ]; then
	printf '#!/bin/sh\nulimit -c 0\nulimit -v %s\nexec "%s" "$@"\n' "$limit" "$FILTER" \
		>"$TMP/no-memory"
	chmod +x "$TMP/no-memory"
fi

# (a2) it is killed (SIGKILL) after it has written the start of its output:
# it is given the message but not the end of its input, so that it waits for
# more after writing what it has; the wrapper passes on its first 64 bytes
# (or what came within 5 s: a filter may wait for the end before writing),
# kills it, and then dies of SIGKILL itself, so that the MDA sees a signal.
cat >"$TMP/killed" <<EOF
#!/bin/sh
ulimit -c 0
d=\$(mktemp -d "$TMP/killed.XXXXXX") || exit 1
mkfifo "\$d/in" "\$d/out" || exit 1
exec 4<&0
{ cat <&4; exec sleep 60 4<&-; } >"\$d/in" &
feeder=\$!
"$FILTER" <"\$d/in" >"\$d/out" 4<&- &
filter=\$!
exec 3<"\$d/out" 4<&-
timeout 5 head -c 64 <&3
kill -KILL \$filter
wait \$filter
echo "killed: filter status \$?" >&2
kill \$feeder
wait \$feeder
rm -rf "\$d"
kill -KILL \$\$
EOF
chmod +x "$TMP/killed"
st=$( (
	"$TMP/killed" <"$IN/plain.eml" >"$TMP/killed.out" 2>"$TMP/killed.err"
	echo $?
) 2>/dev/null)
if [ "$st" -ne 137 ] || ! grep -q '^killed: filter status 137$' "$TMP/killed.err"; then
	fail "the killing wrapper does not work: status $st, $(cat "$TMP/killed.err")"
else
	pass "the killing wrapper kills the filter after $(wc -c <"$TMP/killed.out") bytes of its output"
fi

# (b) a usage error: exit 64, nothing written
"$FILTER" --no-such-option <"$IN/plain.eml" >"$TMP/usage.out" 2>"$TMP/usage.err"
st=$?
if [ "$st" -ne 64 ] || [ -s "$TMP/usage.out" ]; then
	fail "an unknown option: exit $st (want 64), $(wc -c <"$TMP/usage.out") bytes written (want 0)"
else
	pass "an unknown option exits 64 and writes nothing"
fi

# (c) a broken config: unchanged, tagged, with "X-Spamtrace-Error: config", exit 0
printf '[trust]\nhosts = 192.0.2.0/24\nfrobnicate = yes\n' >"$TMP/bad.conf"
"$FILTER" --config "$TMP/bad.conf" <"$IN/plain.eml" >"$TMP/bad.out" 2>"$TMP/bad.err"
st=$?
if [ "$st" -ne 0 ]; then
	fail "a broken config: exit $st (want 0)"
elif ! error_config "$TMP/bad.out"; then
	fail "a broken config: no X-Spamtrace-Error: config field: $(head -n 3 "$TMP/bad.out")"
elif ! strip_ours "$TMP/bad.out" | cmp -s - "$IN/plain.eml"; then
	fail "a broken config: the message is not passed through unchanged"
else
	pass "a broken config: passed through with X-Spamtrace-Error: config, exit 0"
fi

# failing MDA-NAME LABEL INPUT COMMAND: a filter that fails leaves the
# original to be delivered: procmail rescues it; maildrop with a bare
# xfilter exits 75 and delivers nothing (the MTA keeps the message), inside
# "exception { }" it delivers the original
failing() {
	label=$1 input=$2 cmd=$3
	for mda in procmail maildrop; do
		name="$mda-$label"
		deliver "$mda" "$name-plain" "$input"
		plain=$got
		if [ -z "$plain" ] || [ "$status" -ne 0 ]; then
			fail "$name: no delivery without the filter"
			continue
		fi
		if [ "$mda" = maildrop ]; then
			deliver maildrop "$name-bare" "$input" "$cmd"
			if [ "$status" -ne 75 ]; then
				fail "$name: maildrop with a bare xfilter exited $status (want 75)"
				show "$name-bare"
			elif [ -n "$got" ]; then
				fail "$name: maildrop with a bare xfilter delivered something"
			else
				pass "$name: a bare xfilter: exit 75, the MTA keeps the message"
			fi
			deliver maildrop "$name" "$input" "$cmd" exception
		else
			deliver procmail "$name" "$input" "$cmd"
		fi
		[ "$status" -eq 0 ] || fail "$name: $mda exited $status"
		if [ -z "$got" ]; then
			fail "$name: nothing delivered"
			show "$name"
			continue
		fi
		same "$name" "the delivered message (the original)" "$plain" "$got" &&
			pass "$name: the original is delivered"
	done
}

for m in plain no-final-newline; do
	if [ -n "$limit" ]; then
		failing "no-memory-$m" "$IN/$m.eml" "$TMP/no-memory"
	fi
	failing "killed-$m" "$IN/$m.eml" "$TMP/killed"
	failing "usage-$m" "$IN/$m.eml" "$FILTER --no-such-option"
done

# (c) through the MDAs: a broken config is no failure, the message goes
# through with the error field
for mda in procmail maildrop; do
	for m in plain mbox-from; do
		name="$mda-bad-config-$m"
		deliver "$mda" "$name-plain" "$IN/$m.eml"
		if [ -z "$got" ] || [ "$status" -ne 0 ]; then
			fail "$name: no delivery without the filter"
			continue
		fi
		cp "$got" "$TMP/$name.plain"
		deliver "$mda" "$name" "$IN/$m.eml" "$FILTER --config $TMP/bad.conf"
		[ "$status" -eq 0 ] || fail "$name: $mda exited $status"
		if [ -z "$got" ] || [ ! -s "$got" ]; then
			fail "$name: nothing or an empty message delivered"
			show "$name"
			continue
		fi
		wellformed "$name" "$got" "$IN/$m.eml" || show "$name"
		error_config "$got" || fail "$name: no X-Spamtrace-Error: config field"
		"filtered_$mda" "$TMP/$name.plain" >"$TMP/$name.expected"
		strip_ours "$got" >"$TMP/$name.stripped"
		same "$name" "the message minus our fields" "$TMP/$name.expected" "$TMP/$name.stripped" &&
			pass "$name: passed through with X-Spamtrace-Error: config"
	done
done

finish
