#!/bin/sh
# recipes.sh - the recipes of the README as users copy them, run by the real
# programs: procmail, maildrop, Dovecot's Sieve through sieve-test -e and
# neomutt in a tmux of its own.
#
# Each recipe is taken from the README, the fenced block after a line
# "<!-- recipe: examples/NAME -->", and must hold the lines of
# examples/NAME, comments and blank lines aside: the README shows what
# examples/ explains, and neither can drift from what is tested here.
# Each is used as it is, not a copy edited for the test: the rc file of the
# test only sets HOME and then includes the recipe. The recipe puts ~/bin
# first on PATH, and so the test puts there spamtrace-filter and a
# spamtrace-report that logs its call, fails on demand, and runs the real
# one with a private registry and the templates of the source tree. The
# home has nothing else: no ~/Maildir, no folder, and procmail runs in it.
#
# The messages: tests/data/report/spoofed.eml is suspect and gets two
# drafts (abuse@hosting-two.zz, abuse@gmail.com); network.eml is not
# suspect although the report tool would draft for it, so a draft for it
# shows a recipe that reports what it should not; golden/forged-lines.eml
# is suspect but all its parties are RFC 2606 placeholders (no draft);
# golden/postfix-amavis.eml is clean.
#
# What the programs do, found by experiment (Debian 12: procmail 3.23pre,
# maildrop 2.9.3, dovecot-sieve 2.3.19.1 / Pigeonhole 0.5, neomutt
# 20220429):
#  procmail  without "w" a "c" pipe recipe does not wait for the program:
#        procmail exits while spamtrace-report still runs, hence ":0 wc".
#        With "w" a program that fails is logged ("Program failure") and
#        the message goes on to the next recipe. Creates a missing Maildir
#        folder.
#  maildrop  a "cc" to a program that fails is logged ("!Err") and the
#        filter goes on, but EXITCODE keeps the program's exit status and
#        maildrop exits with it after the final "to": hence "EXITCODE=0".
#        A missing folder: exit 75.
#  sieve-test -e  runs the script for real, programs and deliveries
#        included, with a dovecot.conf of our own (-c); no dovecot needs to
#        run. Mail access as root is refused, so as root the mail user is
#        65534 (nobody), who must reach everything the script touches.
#        "filter" with a program that fails: logged, the script goes on
#        with the message unchanged. "pipe" without ":try" with a program
#        that fails: the script fails, the message goes to the inbox.
#        sieve-test allows sieve_global_extensions in the script it is
#        given, so it cannot tell a personal script from a global one.
#  neomutt  runs in a tmux server of our own (its socket in $TMP); the
#        test sends keys and waits for the ends of the programs, not for
#        the screen (see mutt_recipe).

. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
CHECK="$top_builddir/tests/draft-check"
EX="$top_srcdir/examples"
for p in "$FILTER" "$REPORT" "$CHECK"; do
	[ -x "$p" ] || {
		printf 'ERROR: %s is not built\n' "$p" >&2
		exit 99
	}
done
: "${PROCMAIL:=$(command -v procmail || true)}"
: "${MAILDROP:=$(command -v maildrop || true)}"
: "${SIEVE_TEST:=$(command -v sieve-test || true)}"
: "${NEOMUTT:=$(command -v neomutt || true)}"
: "${TMUX_BIN:=$(command -v tmux || true)}"

SPOOFED="$DATA/report/spoofed.eml"
NETWORK="$DATA/report/network.eml"
FORGED="$DATA/golden/forged-lines.eml"
CLEAN="$DATA/golden/postfix-amavis.eml"
# the drafts spoofed.eml gets, by their To:, sorted
SPOOFED_TO="abuse@gmail.com abuse@hosting-two.zz"

# an interrupted run still cleans up (the EXIT trap)
# shellcheck disable=SC2317
cleanup() {
	if [ -n "${SOCK:-}" ]; then
		"$TMUX_BIN" -S "$SOCK" kill-server 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

# --- helpers -------------------------------------------------------------------

# recipe NAME OUT: the README's recipe for examples/NAME into OUT; fails
# when the README has none, or when it is not examples/NAME's code
recipe() {
	perl -ne '
		BEGIN { $want = shift }
		if (/^<!-- recipe: \Q$want\E -->$/) { $armed = 1; next }
		if ($armed && /^```/) { if ($in) { exit } $in = 1; next }
		print if $in;' "examples/$1" "$top_srcdir/README.md" >"$2"
	if [ ! -s "$2" ]; then
		fail "README: no recipe for examples/$1"
		return 1
	fi
	# the code: no comment lines, no blank lines
	code='/^[ \t]*#/ || /^[ \t]*$/ || print'
	if [ "$(perl -ne "$code" "$2")" != "$(perl -ne "$code" "$EX/$1")" ]; then
		fail "README: the recipe for examples/$1 is not its code: $(perl -ne "$code" "$EX/$1" |
			diff - "$(perl -ne "$code" "$2" >"$2.code"; echo "$2.code")" | head -n 4)"
		return 1
	fi
	pass "README: the recipe for examples/$1 is its code"
}

# only_these DIR NAMES: DIR holds NAMES and nothing else (a folder filed
# outside the Maildir, a lock file left behind)
only_these() {
	got_names=$(ls -A "$1" | sort | tr '\n' ' ')
	if [ "$got_names" = "$2 " ]; then
		pass "$3: nothing outside ~/Maildir"
	else
		fail "$3: the home holds '$got_names', want '$2 '"
	fi
}

# tools DIR REPORT-BINARY STATE-DIR: writes DIR/spamtrace-report, a
# wrapper that appends its arguments as a line to STATE-DIR/calls, exits 1
# when STATE-DIR/fail exists, and else runs REPORT-BINARY with the registry
# STATE-DIR/reg.sqlite and the templates STATE-DIR/templates; when it is
# done it appends its exit status to STATE-DIR/ends
tools() {
	mkdir -p "$1" "$3/templates"
	cp "$top_srcdir"/templates/*.txt "$3/templates/"
	cat >"$1/spamtrace-report" <<EOF
#!/bin/sh
printf '%s\\n' "\$*" >>"$3/calls"
[ -e "$3/slow" ] && sleep 3
if [ -e "$3/fail" ]; then
	st=1
else
	"$2" --offline --registry "$3/reg.sqlite" --template-dir "$3/templates" "\$@"
	st=\$?
fi
echo \$st >>"$3/ends"
exit \$st
EOF
	chmod 755 "$1/spamtrace-report"
}

# files DIR: how many messages the Maildir folder DIR holds (new/ and cur/)
files() {
	find "$1/new" "$1/cur" -type f 2>/dev/null | wc -l | tr -d ' '
}

# calls STATE-DIR: how many times the report tool was called
calls() {
	if [ -f "$1/calls" ]; then
		wc -l <"$1/calls" | tr -d ' '
	else
		echo 0
	fi
}

# state MAILDIR STATE-DIR: "inbox=N junk=N drafts=N calls=N", and
# " stray=N" when N files of the outbox are outside cur/ or not flagged D
state() {
	stray=0
	for f in "$1/.Drafts/new/"* "$1/.Drafts/tmp/"*; do
		[ -e "$f" ] && stray=$((stray + 1))
	done
	for f in "$1/.Drafts/cur/"*; do
		[ -e "$f" ] || continue
		case $f in
		*:2,D) ;;
		*) stray=$((stray + 1)) ;;
		esac
	done
	printf 'inbox=%s junk=%s drafts=%s calls=%s' "$(files "$1")" "$(files "$1/.Junk")" \
		"$(files "$1/.Drafts")" "$(calls "$2")"
	[ "$stray" -eq 0 ] || printf ' stray=%s' "$stray"
}

# expect LABEL MAILDIR STATE-DIR WANT: the state is WANT
expect() {
	got_state=$(state "$2" "$3")
	if [ "$got_state" = "$4" ]; then
		pass "$1: $4"
		return 0
	fi
	fail "$1: want $4, got $got_state"
	return 1
}

# only DIR: the one message of the Maildir folder DIR (nothing if it holds
# none or more than one)
only() {
	[ "$(files "$1")" -eq 1 ] && find "$1/new" "$1/cur" -type f
}

# suspect_field FILE: the value of our X-Spamtrace-Suspect field, on one line
suspect_field() {
	perl -0777 -ne '
		my ($block) = /\A((?:X-Spamtrace-[A-Za-z-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+)/ or exit;
		print "$1\n" if $block =~ /^X-Spamtrace-Suspect: ([^;\n]*)/m;' "$1"
}

# filed LABEL FILE VERDICT EXPECTED: FILE carries our fields with
# X-Spamtrace-Suspect VERDICT and is, minus our fields, EXPECTED
filed() {
	if [ -z "$2" ] || [ ! -f "$2" ]; then
		fail "$1: nothing delivered"
		return 1
	fi
	v=$(suspect_field "$2")
	if [ "$v" != "$3" ]; then
		fail "$1: X-Spamtrace-Suspect is '$v', want '$3'"
		return 1
	fi
	strip_ours "$2" >"$TMP/stripped"
	if ! cmp -s "$4" "$TMP/stripped"; then
		fail "$1: the delivered message minus our fields is not the message: $(cmp "$4" "$TMP/stripped" 2>&1 | head -n 1)"
		return 1
	fi
	pass "$1: delivered with X-Spamtrace-Suspect: $3, the message unchanged"
}

# drafts LABEL MAILDIR ORIGINAL: the outbox holds exactly the drafts of
# spoofed.eml, and each parses back with the original's header verbatim
drafts() {
	to=$(for d in "$2/.Drafts/cur/"*; do
		[ -f "$d" ] || continue
		"$CHECK" "$d" "$3" >&2 || echo "BAD:$d"
		sed -n '/^$/q; s/^To: //p' "$d"
	done | sort | tr '\n' ' ' | sed 's/ $//')
	if [ "$to" = "$SPOOFED_TO" ]; then
		pass "$1: drafts for $to, each with the original header"
	else
		fail "$1: the drafts are for '$to', want '$SPOOFED_TO'"
	fi
}

# with_newline FILE: FILE, plus a "\n" unless it ends in "\n\n" (procmail
# hands a filter that; see tests/filter-mda.sh)
with_newline() {
	perl -0777 -pe '$_ .= "\n" unless /\n\n\z/' "$1"
}

# --- procmail and maildrop --------------------------------------------------------

# run_mda MDA DIR INPUT: delivers INPUT with the example recipe, the
# private home DIR/home; sets $status
run_mda() {
	# in the home, as the mail server runs them
	case $1 in
	procmail)
		(cd "$2/home" && timeout 30 "$PROCMAIL" -m "$2/rc") <"$3" >>"$2/out" 2>&1
		;;
	maildrop)
		(cd "$2/home" && timeout 30 "$MAILDROP" "$2/rc") <"$3" >>"$2/out" 2>&1
		;;
	esac
	status=$?
	if [ "$status" -ne 0 ]; then
		fail "$1: $(basename "$3"): exit $status"
		sed 's/^/  | /' "$2/out" "$2"/home/.*.log >&2
	fi
}

mda_recipe() {
	mda=$1
	d="$TMP/$mda"
	h="$d/home"
	md="$h/Maildir"
	tools "$h/bin" "$REPORT" "$d"
	ln -s "$FILTER" "$h/bin/spamtrace-filter"
	# no ~/Maildir: the recipe makes what it files into
	case $mda in
	procmail)
		recipe procmailrc "$d/recipe" || return
		# procmail -m clears the environment and takes HOME from the
		# password file: the rc sets it, then reads the recipe
		printf 'HOME=%s\nINCLUDERC=%s\n' "$h" "$d/recipe" >"$d/rc"
		;;
	maildrop)
		recipe mailfilter "$d/recipe" || return
		chmod 600 "$d/recipe"
		printf 'HOME="%s"\ninclude "%s"\n' "$h" "$d/recipe" >"$d/rc"
		chmod 600 "$d/rc"
		;;
	esac

	# not suspect, though the report tool would draft for it: inbox
	run_mda "$mda" "$d" "$NETWORK"
	expect "$mda: network.eml, not suspect" "$md" "$d" "inbox=1 junk=0 drafts=0 calls=0"
	if [ "$mda" = procmail ]; then
		with_newline "$NETWORK" >"$d/expected"
	else
		cp "$NETWORK" "$d/expected"
	fi
	filed "$mda: network.eml in the inbox" "$(only "$md")" no "$d/expected"

	run_mda "$mda" "$d" "$CLEAN"
	expect "$mda: postfix-amavis.eml, clean" "$md" "$d" "inbox=2 junk=0 drafts=0 calls=0"

	# suspect: Junk, and its drafts in the outbox
	run_mda "$mda" "$d" "$SPOOFED"
	if expect "$mda: spoofed.eml, suspect" "$md" "$d" "inbox=2 junk=1 drafts=2 calls=1"; then
		if [ "$mda" = procmail ]; then
			with_newline "$SPOOFED" >"$d/expected"
		else
			cp "$SPOOFED" "$d/expected"
		fi
		filed "$mda: spoofed.eml in Junk" "$(only "$md/.Junk")" yes "$d/expected"
		drafts "$mda: spoofed.eml" "$md" "$SPOOFED"
	fi
	# what was drafted is said on standard error, into the log the example names
	case $mda in
	procmail) log="$h/.procmail.log" ;;
	maildrop) log="$h/.maildrop.log" ;;
	esac
	if grep -q '^<stdin>: drafted for abuse@gmail.com (mailbox): ' "$log" 2>/dev/null &&
		grep -q '^spamtrace-report: 1 message read: 2 drafts written to ' "$log"; then
		pass "$mda: the drafts and the summary are in the log"
	else
		fail "$mda: no 'drafted for' or summary in $log: $(cat "$log" 2>/dev/null | head -20)"
	fi

	# delivered again: Junk again, no second set of drafts
	run_mda "$mda" "$d" "$SPOOFED"
	expect "$mda: spoofed.eml again, no new drafts" "$md" "$d" "inbox=2 junk=2 drafts=2 calls=2"

	# suspect, nobody to write to: Junk, the tool runs, no draft
	run_mda "$mda" "$d" "$FORGED"
	expect "$mda: forged-lines.eml, suspect, placeholders only" "$md" "$d" \
		"inbox=2 junk=3 drafts=2 calls=3"

	# the report tool fails: the message is filed all the same, exit 0,
	# and the failure is in the log the example names
	: >"$d/fail"
	run_mda "$mda" "$d" "$SPOOFED"
	rm -f "$d/fail"
	expect "$mda: spoofed.eml with a report tool that fails" "$md" "$d" \
		"inbox=2 junk=4 drafts=2 calls=4"
	case $mda in
	procmail) pat='Program failure (1) of "spamtrace-report"' log="$h/.procmail.log" ;;
	maildrop) pat='!Err: | spamtrace-report' log="$h/.maildrop.log" ;;
	esac
	if grep -qF "$pat" "$log" 2>/dev/null; then
		pass "$mda: the failure of the report tool is logged"
	else
		fail "$mda: no '$pat' in $log"
	fi

	# a suspect message (an envelope From line first, as the MDA pipes
	# it) whose body carries a whole second message after an empty line
	# and a dated From line: the report tool reads one message, and
	# drafts for its parties only, never for the smuggled one's
	{
		printf 'From security@bank.zz Tue Sep  3 10:00:05 2024\n'
		sed 's/^Message-ID: .*/Message-ID: <smuggled@vps-7.hosting-two.zz>/' "$SPOOFED"
		printf '\nFrom sales@pills.zz Tue Sep  3 10:00:00 2024\n'
		cat "$NETWORK"
	} >"$d/smuggled.eml"
	run_mda "$mda" "$d" "$d/smuggled.eml"
	expect "$mda: a message carrying another in its body" "$md" "$d" \
		"inbox=2 junk=5 drafts=4 calls=5"
	if grep -l '^To: abuse@isp-one.zz' "$md/.Drafts/cur/"* >/dev/null 2>&1; then
		fail "$mda: a draft for the smuggled message's origin"
	fi

	# no lock file asked for, none left, nothing filed outside ~/Maildir
	if grep -i 'lockfile\|lock failure\|dot-lock' "$log"; then
		fail "$mda: the log speaks of a lock"
	else
		pass "$mda: no lock file"
	fi
	only_these "$h" "$(basename "$log") Maildir bin" "$mda"
}

missing=""
[ -n "$PROCMAIL" ] && [ -x "$PROCMAIL" ] || missing="$missing procmail"
[ -n "$MAILDROP" ] && [ -x "$MAILDROP" ] || missing="$missing maildrop"
if [ -n "$missing" ] && [ "${CI:-}" = true ]; then
	fail "not installed:$missing (the CI set-up must install them)"
elif [ -n "$missing" ]; then
	printf 'skip: not installed:%s\n' "$missing"
fi
# how many of the four recipes ran: none is a skip
ran=0
for mda in procmail maildrop; do
	case $missing in
	*" $mda"*) ;;
	*)
		mda_recipe "$mda"
		ran=$((ran + 1))
		;;
	esac
done

# --- Sieve --------------------------------------------------------------------------

# the plugin that brings "filter" and "pipe"
: "${EXTPROGRAMS:=/usr/lib/dovecot/modules/sieve/lib90_sieve_extprograms_plugin.so}"

# sieve_run LABEL CONF INPUT: runs the example script on INPUT; sets
# $status; stderr in $SV/err
sieve_run() {
	(cd "$SV" && HOME="$SV/home" timeout 30 "$SIEVE_TEST" -e -c "$2" "$SV/spamtrace.sieve" "$3") \
		>"$SV/out" 2>"$SV/err"
	status=$?
	if [ "$status" -ne 0 ] || ! grep -q 'final result: success' "$SV/err"; then
		fail "sieve: $1: exit $status"
		sed 's/^/  | /' "$SV/out" "$SV/err" >&2
	fi
}

sieve_recipe() {
	SV="$TMP/sieve"
	h="$SV/home"
	md="$h/Maildir"
	# no Maildir: Dovecot makes it
	mkdir -p "$h" "$SV/filter-bin" "$SV/bad-bin"
	# what the mail user runs must be theirs to reach: a copy of each
	cp "$FILTER" "$SV/filter-bin/spamtrace-filter"
	cp "$REPORT" "$SV/spamtrace-report.real"
	tools "$SV/pipe-bin" "$SV/spamtrace-report.real" "$SV"
	recipe spamtrace.sieve "$SV/spamtrace.sieve" || return
	cp "$SPOOFED" "$NETWORK" "$SV/"
	printf '#!/bin/sh\ncat >/dev/null\nexit 75\n' >"$SV/bad-bin/spamtrace-filter"
	chmod 755 "$SV/bad-bin/spamtrace-filter"
	if [ "$(id -u)" -eq 0 ]; then
		uid=65534 gid=65534
		chown -R "$uid:$gid" "$SV"
	else
		uid=$(id -u) gid=$(id -g)
	fi
	for bin in filter-bin bad-bin; do
		cat >"$SV/$bin.conf" <<EOF
mail_uid = $uid
mail_gid = $gid
first_valid_uid = $uid
first_valid_gid = $gid
mail_location = maildir:$md
plugin {
  sieve_plugins = sieve_extprograms
  sieve_global_extensions = +vnd.dovecot.filter +vnd.dovecot.pipe
  sieve_filter_bin_dir = $SV/$bin
  sieve_pipe_bin_dir = $SV/pipe-bin
}
EOF
	done
	# slow.conf: Dovecot's limit on a program, 10 s by default, made 1 s
	sed 's/^}$/  sieve_pipe_exec_timeout = 1s\n}/' "$SV/filter-bin.conf" >"$SV/slow.conf"

	sieve_run "network.eml" "$SV/filter-bin.conf" "$SV/network.eml"
	expect "sieve: network.eml, not suspect" "$md" "$SV" "inbox=1 junk=0 drafts=0 calls=0"
	filed "sieve: network.eml in the inbox" "$(only "$md")" no "$NETWORK"

	sieve_run "spoofed.eml" "$SV/filter-bin.conf" "$SV/spoofed.eml"
	if expect "sieve: spoofed.eml, suspect" "$md" "$SV" "inbox=1 junk=1 drafts=2 calls=1"; then
		filed "sieve: spoofed.eml in Junk" "$(only "$md/.Junk")" yes "$SPOOFED"
		drafts "sieve: spoofed.eml" "$md" "$SPOOFED"
	fi

	# the report tool fails: ":try", Junk all the same
	: >"$SV/fail"
	sieve_run "spoofed.eml, the report tool fails" "$SV/filter-bin.conf" "$SV/spoofed.eml"
	rm -f "$SV/fail"
	expect "sieve: spoofed.eml with a report tool that fails" "$md" "$SV" \
		"inbox=1 junk=2 drafts=2 calls=2"

	# the report tool takes longer than Dovecot allows: stopped, Junk all
	# the same
	: >"$SV/slow"
	sieve_run "spoofed.eml, the report tool is slow" "$SV/slow.conf" "$SV/spoofed.eml"
	rm -f "$SV/slow"
	expect "sieve: spoofed.eml with a report tool slower than sieve_pipe_exec_timeout" "$md" "$SV" \
		"inbox=1 junk=3 drafts=2 calls=3" &&
		grep -q 'spamtrace-report.*Forcibly terminated' "$SV/err" &&
		pass "sieve: the slow report tool was stopped, and it says so" ||
		fail "sieve: the slow report tool: $(cat "$SV/err")"

	# the filter fails: the message as it was, into the inbox
	sieve_run "spoofed.eml, the filter fails" "$SV/bad-bin.conf" "$SV/spoofed.eml"
	if expect "sieve: spoofed.eml with a filter that fails" "$md" "$SV" \
		"inbox=2 junk=3 drafts=2 calls=3"; then
		# the other message of the inbox is network.eml, with our fields
		unchanged=no
		for f in "$md"/new/* "$md"/cur/*; do
			[ -f "$f" ] && cmp -s "$SPOOFED" "$f" && unchanged=yes
		done
		if [ "$unchanged" = yes ]; then
			pass "sieve: the filter fails: the message is delivered unchanged"
		else
			fail "sieve: the filter fails: the inbox has no unchanged copy of the message"
		fi
	fi
}

# as root the mail user is nobody, who must reach $TMP (setpriv is in
# util-linux, essential in Debian)
reach=yes
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 711 "$TMP"
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$TMP" || reach=no
fi
if [ ! -x "$SIEVE_TEST" ] || [ ! -f "$EXTPROGRAMS" ]; then
	printf 'skip: sieve: sieve-test or the extprograms plugin is missing (dovecot-sieve)\n'
elif [ "$reach" = no ]; then
	printf 'skip: sieve: the mail user nobody cannot reach %s\n' "$TMP"
else
	sieve_recipe
	ran=$((ran + 1))
fi

# --- neomutt --------------------------------------------------------------------------

# screen_has TEXT: TEXT shows in the tmux window within 10 s
screen_has() {
	i=0
	while [ $i -lt 100 ]; do
		"$TMUX_BIN" -S "$SOCK" capture-pane -p -t mutt 2>/dev/null | grep -qF "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# until_file FILE N: FILE has N lines or more within 10 s
until_file() {
	i=0
	while [ $i -lt 100 ]; do
		[ -f "$1" ] && [ "$(wc -l <"$1" | tr -d ' ')" -ge "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

mutt_recipe() {
	M="$TMP/mutt"
	h="$M/home"
	md="$h/Maildir"
	mkdir -p "$md/new" "$md/cur" "$md/tmp"
	tools "$h/bin" "$REPORT" "$M"
	recipe muttrc "$M/muttrc" || return
	cp "$SPOOFED" "$md/cur/1.spamtrace:2,S"
	# the pager: what it is given into a file, then a line when it is done
	printf '#!/bin/sh\ncat >"%s/paged"\necho done >>"%s/pager-ends"\n' "$M" "$M" >"$M/pager"
	# the mail server: what it is given into a file, its arguments into another
	printf '#!/bin/sh\necho "$*" >"%s/sent-to"\ncat >"%s/sent"\n' "$M" "$M" >"$M/sendmail"
	chmod 755 "$M/pager" "$M/sendmail"
	# wait_key=no: no "Press any key" after a command that exits 0. The
	# test waits for the end of each command (the "ends" files), as a
	# prompt on the screen is no sign of it: the screen neomutt leaves
	# while a command runs still shows the prompt of the one before
	cat >"$M/rc" <<EOF
set folder="$md"
set spoolfile="$md"
set mbox_type=Maildir
set wait_key=no
set editor=true
set sendmail="$M/sendmail"
set record=""
source "$M/muttrc"
EOF
	SOCK="$M/tmux.sock"
	"$TMUX_BIN" -S "$SOCK" -f /dev/null new-session -d -s mutt -x 100 -y 30 \
		"env HOME='$h' PATH='$h/bin:/usr/bin:/bin' PAGER='$M/pager' EMAIL=alice@home.zz '$NEOMUTT' -n -F '$M/rc' 2>'$M/err'; echo \$? >'$M/exit'; sleep 60"
	if ! screen_has "Your account is locked"; then
		fail "neomutt: the index does not show the message"
		"$TMUX_BIN" -S "$SOCK" capture-pane -p -t mutt | sed 's/^/  | /' >&2
		return
	fi
	# S: the drafts, in the outbox
	"$TMUX_BIN" -S "$SOCK" send-keys -t mutt S
	if ! until_file "$M/ends" 1; then
		fail "neomutt: S: spamtrace-report did not run, or did not end"
		return
	fi
	expect "neomutt: S" "$md" "$M" "inbox=1 junk=0 drafts=2 calls=1" &&
		drafts "neomutt: S" "$md" "$SPOOFED"
	# Esc S: the drafts into the pager, nothing written
	"$TMUX_BIN" -S "$SOCK" send-keys -t mutt Escape S
	if until_file "$M/ends" 2 && until_file "$M/pager-ends" 1; then
		expect "neomutt: Esc S" "$md" "$M" "inbox=1 junk=0 drafts=2 calls=2"
		if [ "$(tail -n 1 "$M/calls")" = "--dry-run" ] &&
			[ "$(grep -c '^----- draft [0-9]* for <stdin> ' "$M/paged")" -eq 2 ]; then
			pass "neomutt: Esc S shows both drafts in the pager"
		else
			fail "neomutt: Esc S: called with '$(tail -n 1 "$M/calls")', the pager got: $(head -c 300 "$M/paged")"
		fi
	else
		fail "neomutt: Esc S: spamtrace-report or the pager did not run, or did not end"
	fi
	# R: the drafts, from the postponed folder the recipe makes the outbox;
	# Enter: the first into the compose menu (through the editor); y: sent
	"$TMUX_BIN" -S "$SOCK" send-keys -t mutt R
	if screen_has 'Spam from your system ("Your account is locked")' && [ "$(
		"$TMUX_BIN" -S "$SOCK" capture-pane -p -t mutt | grep -c '^ *[12] .*Spam from your system'
	)" -eq 2 ]; then
		pass "neomutt: R lists the two drafts"
		"$TMUX_BIN" -S "$SOCK" send-keys -t mutt Enter
		if screen_has "y:Send"; then
			"$TMUX_BIN" -S "$SOCK" send-keys -t mutt y
			if until_file "$M/sent" 1 && expect "neomutt: y" "$md" "$M" "inbox=1 junk=0 drafts=1 calls=2" &&
				grep -q '^Subject: Spam from your system ("Your account is locked")$' "$M/sent" &&
				grep -q "^To: $(cat "$M/sent-to" | sed 's/^-- //')\$" "$M/sent" &&
				grep -q '^----- The header section of the message, as we received it -----$' "$M/sent"; then
				pass "neomutt: y sends the draft to $(cat "$M/sent-to"), and it leaves the outbox"
			else
				fail "neomutt: y: sent to '$(cat "$M/sent-to" 2>/dev/null)': $(head -c 300 "$M/sent" 2>/dev/null)"
			fi
		else
			fail "neomutt: Enter on a draft: no compose menu"
			"$TMUX_BIN" -S "$SOCK" capture-pane -p -t mutt | sed 's/^/  | /' >&2
		fi
	else
		fail "neomutt: R does not list the two drafts"
		"$TMUX_BIN" -S "$SOCK" capture-pane -p -t mutt | sed 's/^/  | /' >&2
	fi
	"$TMUX_BIN" -S "$SOCK" send-keys -t mutt q
	if until_file "$M/exit" 1 && [ "$(cat "$M/exit")" = 0 ]; then
		pass "neomutt: quits with exit 0"
	else
		fail "neomutt: did not quit with exit 0: $(cat "$M/exit" "$M/err" 2>/dev/null)"
	fi
}

if [ ! -x "$NEOMUTT" ] || [ ! -x "$TMUX_BIN" ]; then
	printf 'skip: neomutt: neomutt or tmux is missing\n'
else
	mutt_recipe
	ran=$((ran + 1))
fi

[ "$ran" -gt 0 ] || [ "$failures" -gt 0 ] || skip_all "none of the programs is installed"
finish
