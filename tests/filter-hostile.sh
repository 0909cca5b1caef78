#!/bin/sh
# tests/filter-hostile.sh - spamtrace-filter against messages built to hurt it: size, depth, bytes.
# Each case is generated here, run under a fixed limit of wall time and memory, and
# must come out with exit 0, our fields valid on top and the input unchanged below.
. "${top_srcdir:-.}/tests/lib.sh"

[ -x "$FILTER" ] || skip_all "no $FILTER: build first"

# Under AddressSanitizer the process reserves terabytes of address space and
# its shadow memory counts in its RSS: no memory limit means anything there.
# The lead's sanitizer build sets SPAMTRACE_SANITIZERS=1; a binary that
# carries ASan (statically with clang, as libasan.so with gcc) is caught too.
sanitizers=${SPAMTRACE_SANITIZERS:-0}
if [ "$sanitizers" != 1 ]; then
	if ldd "$FILTER" 2>/dev/null | grep -q 'libasan' ||
		{ command -v nm > /dev/null && nm "$FILTER" 2>/dev/null | grep -q '__asan_init'; }; then
		sanitizers=1
	fi
fi
if [ "$sanitizers" = 1 ]; then
	printf 'note: sanitizer build: memory limits are not asserted\n'
	# not an assertion, a guard: a runaway allocation fails instead of
	# taking the machine's memory
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4096"
	export ASAN_OPTIONS
fi

# GNU time reports the peak RSS (Debian package "time"); without it the
# address-space limit below is the memory assertion on its own.
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$TMP/probe" true 2> /dev/null &&
	grep -q '^[0-9][0-9]*$' "$TMP/probe"; then
	gnu_time=/usr/bin/time
else
	printf 'note: no GNU time (/usr/bin/time): peak RSS is not measured, only capped\n'
fi

# check_ours FILE CRLF: the fields on top of the output are ours and valid: the
# first is X-Spamtrace-Version; every line is printable ASCII (tabs allowed), at
# most 998 bytes before its line ending, ends in LF (CRLF when CRLF=1) with no
# other CR; a line that does not start a field starts with a space or a tab.
check_ours() {
	perl -e '
		my ($file, $crlf) = @ARGV;
		open my $fh, "<:raw", $file or die "$file: $!\n";
		my $line = <$fh>;
		$line = <$fh> if defined $line && $line =~ /^From /;
		die "no X-Spamtrace-Version field on top\n"
			unless defined $line && $line =~ /^X-Spamtrace-Version: /;
		my $n = 0;
		while (defined $line && $line =~ /^(?:X-Spamtrace-[A-Za-z0-9-]+:|[ \t])/) {
			$n++;
			my $eol = $crlf ? "\r\n" : "\n";
			die "line $n does not end in the right line ending\n"
				unless substr($line, -length $eol) eq $eol;
			my $text = substr($line, 0, -length $eol);
			die "line $n has a byte that is not printable ASCII\n"
				if $text =~ /[^\x20-\x7e\t]/;
			die "line $n is longer than 998 bytes\n" if length $text > 998;
			$line = <$fh>;
		}
	' "$1" "$2"
}

# run_case NAME INPUT SECONDS MEGABYTES [CRLF]: runs the filter on INPUT with at
# most SECONDS of wall time and MEGABYTES of memory and checks the output.
# Leaves the output in $TMP/out for further checks; returns 1 after a failure.
run_case() {
	name="$1$label" input=$2 seconds=$3 mb=$4 crlf=${5:-0}

	rm -f "$TMP/out" "$TMP/err" "$TMP/rss"
	(
		# address space, a limit that holds without GNU time: the filter
		# needs under 20 MB of it for an ordinary message
		[ "$sanitizers" = 1 ] || ulimit -v $(((mb + extra_mb) * 1024)) || exit 99
		# shellcheck disable=SC2086
		if [ -n "$gnu_time" ]; then
			exec "$gnu_time" -f %M -o "$TMP/rss" timeout -s KILL "$seconds" "$FILTER" \
				$filter_args
		else
			exec timeout -s KILL "$seconds" "$FILTER" $filter_args
		fi
	) < "$input" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ $st -eq 137 ] || [ $st -eq 124 ]; then
		fail "$name: still running after $seconds s"
		return 1
	fi
	if [ $st -ne 0 ]; then
		fail "$name: exit $st: $(head -c 300 "$TMP/err")"
		return 1
	fi
	# the fallback also exits 0, with the message unchanged: not good enough here
	if grep -q 'internal failure' "$TMP/err"; then
		fail "$name: $(head -c 300 "$TMP/err")"
		return 1
	fi
	if [ ! -s "$TMP/out" ]; then
		fail "$name: empty output"
		return 1
	fi
	if [ "$sanitizers" != 1 ] && [ -s "$TMP/rss" ]; then
		rss=$(tail -n 1 "$TMP/rss")
		if [ "$rss" -gt $(((mb + extra_mb) * 1024)) ]; then
			fail "$name: peak RSS $rss KB, over $((mb + extra_mb)) MB"
			return 1
		fi
	fi
	if ! why=$(check_ours "$TMP/out" "$crlf" 2>&1); then
		fail "$name: our fields: $why"
		return 1
	fi
	# with --body, the module must have read it, not given up
	if [ -n "$filter_args" ] && ! grep -Eq '^X-Spamtrace-Advertises: (urls=|nothing;)' "$TMP/out"; then
		fail "$name: $(grep -A2 '^X-Spamtrace-Advertises' "$TMP/out" | head -3)"
		return 1
	fi
	return 0
}

# unchanged NAME INPUT: the output minus our fields is INPUT byte for byte
unchanged() {
	if strip_ours "$TMP/out" | cmp -s - "$2"; then
		pass "$1$label"
	else
		fail "$1$label: the message changed"
	fi
}

# a relay line of the kind Postfix writes, numbered
relay() {
	perl -e 'for my $i ($ARGV[0] .. $ARGV[1]) {
		my $ip = join ".", 198, 51, int($i / 250) % 250, $i % 250 + 1;
		print "Received: from h$i.example.net (h$i.example.net [$ip])\n",
			"\tby mx$i.example.org (Postfix) with ESMTP id Q$i\n",
			"\tfor <u\@example.org>; Tue, 3 Sep 2024 10:00:00 +0000\n";
	}' "$1" "$2"
}

msg="$TMP/msg"

# every case, as the filter runs on its own (filter_args empty), then with
# the body read by the extras module (more address space for its libraries)
filter_args=""
extra_mb=0
label=""
all_cases() {
	# 10,000 Received: lines: the first ST_MAX_HOPS are read, the rest counted
	{
		relay 1 10000
		printf 'Subject: many hops\n\nbody\n'
	} > "$msg"
	if run_case "10,000 Received lines" "$msg" 10 64; then
		grep -q '^X-Spamtrace-.*hops-not-read=9000' "$TMP/out" ||
			fail "10,000 Received lines: no hops-not-read=9000"
		unchanged "10,000 Received lines" "$msg"
	fi

	# a header line of 1 MB, in a plain field and in a Received: field
	{
		printf 'Subject: '
		perl -e 'print "A" x 1048576'
		printf '\nReceived: from '
		perl -e 'print "x.example.net " x 80000'
		printf '(unknown [192.0.2.7]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\n\nbody\n'
	} > "$msg"
	run_case "1 MB header lines" "$msg" 10 64 && unchanged "1 MB header lines" "$msg"

	# a header section larger than the filter reads (4 MB): the rest is streamed
	{
		relay 1 2
		perl -e 'print "X-Filler: ", "f" x 990, "\n" for 1 .. 6000'
		printf '\nbody\n'
	} > "$msg"
	run_case "6 MB header section" "$msg" 10 64 && unchanged "6 MB header section" "$msg"

	# a 100 MB message: the body is streamed, never held
	{
		relay 1 3
		printf 'Subject: big\n\n'
		perl -e 'my $l = ("0123456789" x 7) . "abcde\n"; print $l for 1 .. 1380000'
	} > "$msg"
	run_case "100 MB message" "$msg" 10 200 && unchanged "100 MB message" "$msg"
	rm -f "$msg"

	# MIME nested 1,000 deep
	perl -e '
		print "Received: from a.example.net (a.example.net [203.0.113.9]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\n";
		print "MIME-Version: 1.0\n";
		print "Content-Type: multipart/mixed; boundary=\"b0\"\n\n";
		for my $d (1 .. 1000) {
			print "--b", $d - 1, "\nContent-Type: multipart/mixed; boundary=\"b$d\"\n\n";
		}
		print "--b1000\nContent-Type: text/plain\n\ndeep\n";
		print "--b$_--\n" for reverse 0 .. 1000;
	' > "$msg"
	run_case "MIME nested 1,000 deep" "$msg" 10 64 && unchanged "MIME nested 1,000 deep" "$msg"

	# NUL bytes in the header section (names, values, a Received line) and the body
	printf 'Received: from n\000ul.example.net (nul.example.net [192.0.2.\00099]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\nSub\000ject: a\000b\nX-Nul: \000\000\000\n\nbo\000dy\000\n\000' > "$msg"
	run_case "NUL bytes" "$msg" 10 64 && unchanged "NUL bytes" "$msg"

	# invalid UTF-8: stray continuation bytes, overlong forms, surrogates, 0xFF
	printf 'Received: from \377\376.example.net (\300\257 [203.0.113.5]) by mx.example.org (\355\240\200) with ESMTP; Tue, 3 Sep 2024 10:00:00 +0000\nSubject: \200\201\302\n\n\370\210\200\200\200 body \377\n' > "$msg"
	run_case "invalid UTF-8" "$msg" 10 64 && unchanged "invalid UTF-8" "$msg"

	# bare CR line endings (old Mac): no LF at all
	printf 'Received: from a.example.net (a.example.net [203.0.113.5]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\rSubject: cr\r\rbody\rmore\r' > "$msg"
	run_case "bare CR line endings" "$msg" 10 64 && unchanged "bare CR line endings" "$msg"

	# bare CR inside the lines of an otherwise CRLF message
	printf 'Received: from a.example.net (a.example.net [203.0.113.5])\r by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\r\nSubject: c\rr\r\n\r\nbody\r\n' > "$msg"
	run_case "bare CR inside CRLF lines" "$msg" 10 64 1 && unchanged "bare CR inside CRLF lines" "$msg"

	# no blank line between the header section and the body
	printf 'Received: from a.example.net (a.example.net [203.0.113.5]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\nSubject: no blank line\nThis line is body text, not a field.\nX-Later: looks like a field but is body\n' > "$msg"
	run_case "no blank line before the body" "$msg" 10 64 && unchanged "no blank line before the body" "$msg"

	# a message with no line ending at all, and an empty one
	printf 'Subject: no newline at all' > "$msg"
	run_case "no line ending" "$msg" 10 64 && unchanged "no line ending" "$msg"
	: > "$msg"
	if run_case "empty input" "$msg" 10 64; then
		# an empty message: our fields and the blank line that ends them
		perl -0777 -ne 'exit 1 unless /\A(?:X-Spamtrace-[^\n]*\n(?:[ \t][^\n]*\n)*)+\n\z/' "$TMP/out" &&
			pass "empty input" || fail "empty input: not our fields and a blank line"
	fi

	# a HELO full of text that looks like line endings, and real control bytes:
	# the origin hop, so that the HELO lands in our Origin field
	printf 'Received: from evil\\r\\nX-Injected: 1\\r\\n%%0d%%0aX-Also: 2=0D=0A\r\001\002\033c\0337\007\010\013\014\177\302\205\342\200\250x (unknown [203.0.113.66]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\nSubject: helo\n\nbody\n' > "$msg"
	if run_case "hostile HELO" "$msg" 10 64; then
		grep -q '^X-Spamtrace-Origin: .*ip=203\.0\.113\.66' "$TMP/out" ||
			fail "hostile HELO: the hop is not the origin"
		unchanged "hostile HELO" "$msg"
	fi
	# ... and as CRLF
	perl -pe 's/\n/\r\n/' "$msg" > "$msg.crlf"
	run_case "hostile HELO (CRLF)" "$msg.crlf" 10 64 1 && unchanged "hostile HELO (CRLF)" "$msg.crlf"

	# our own fields already in the input, on top (where a careless strip would
	# take them for ours), folded, in lower case and further down: all renamed
	printf 'X-Spamtrace-Origin: ip=192.0.2.1; forged=yes\nx-spamtrace-trust: trusted=99\n\tforged=yes\nReceived: from a.example.net (a.example.net [203.0.113.5]) by mx.example.org; Tue, 3 Sep 2024 10:00:00 +0000\nX-SPAMTRACE-Origin: again\nSubject: forged\n\nX-Spamtrace-Origin: in the body, left alone\n' > "$msg"
	perl -pe 's/^(x-spamtrace-)/Old-$1/i unless $body; $body = 1 if /^$/' "$msg" > "$msg.renamed"
	if run_case "X-Spamtrace fields in the input" "$msg" 10 64; then
		n=$(perl -ne 'last if /^$/; $n++ if /^X-Spamtrace-Origin:/i; END { print $n + 0 }' "$TMP/out")
		[ "$n" -eq 1 ] || fail "X-Spamtrace fields in the input: $n X-Spamtrace-Origin fields in the header"
		grep -q '^X-Spamtrace-Renamed: ' "$TMP/out" || fail "X-Spamtrace fields in the input: no Renamed field"
		unchanged "X-Spamtrace fields in the input (as Old-X-Spamtrace-*)" "$msg.renamed"
	fi

	# a stray ">" or "]" in a Received: line, as broken or hostile software writes it
	# (fuzz/regressions/received-stray-closer)
	printf 'Received: from a.example.net> (a.example.net [203.0.113.5]) by mx.example.org]; Tue, 3 Sep 2024 10:00:00 +0000\nSubject: stray closers\n\nbody\n' > "$msg"
	run_case "stray > and ] in Received" "$msg" 10 64 && unchanged "stray > and ] in Received" "$msg"
}
all_cases

: "${SPAMTRACE_MODULE_DIR:=$top_builddir/filter/.libs}"
export SPAMTRACE_MODULE_DIR
if [ -f "$SPAMTRACE_MODULE_DIR/spamtrace-body.so" ]; then
	filter_args="--body --budget 8000"
	extra_mb=700
	label=" (--body)"
	all_cases
	printf 'note: the cases ran again with %s\n' "$filter_args"
else
	fail "no $SPAMTRACE_MODULE_DIR/spamtrace-body.so: the cases with --body did not run"
fi

finish
