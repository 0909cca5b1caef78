#!/bin/sh
# tests/install.sh - the programs find what they need wherever they are run from: the build
# tree (the README's commands, as written), `make install prefix=DIR`, that tree moved,
# `make install DESTDIR=DIR`, and a lone copy (exit 72, saying where it looked, until
# SPAMTRACE_DATADIR or SPAMTRACE_MODULE_DIR names the place). The installed man pages name
# the real directories. Lookups go to a closed port on 127.0.0.1 (tests/servers.sh).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/servers.sh"

[ -f "$top_builddir/Makefile" ] || skip_all "no Makefile in $top_builddir"
# the modules' place as `make check` names it would hide what is tested here
unset SPAMTRACE_MODULE_DIR SPAMTRACE_DATADIR
PHISH="$top_srcdir/examples/phish-into-m365.eml"

# every lookup of a program that uses the shipped bootstrap files goes to
# a port nothing listens on; the default config file, so that the README's
# commands run as written
closed=$(free_port tcp)
mkdir -p "$XDG_CONFIG_HOME/spamtrace"
loopback_config "$closed" > "$XDG_CONFIG_HOME/spamtrace/spamtrace.conf"

# works LABEL BINDIR: the two programs of BINDIR load their modules, and
# draft with the templates and bootstrap files they find
works() {
	"$2/spamtrace-filter" --body --lookups=cache < "$PHISH" > "$TMP/f.out" 2> "$TMP/f.err"
	if [ $? -eq 0 ] && grep -q '^X-Spamtrace-Advertises: urls=1;' "$TMP/f.out" &&
		grep -q '^X-Spamtrace-Lookups: cache;' "$TMP/f.out" &&
		! grep -q 'X-Spamtrace-Lookups: cache; unknown' "$TMP/f.out"; then
		pass "$1: spamtrace-filter loads both modules"
	else
		fail "$1: spamtrace-filter: $(grep '^X-Spamtrace-\(Adv\|Look\)' "$TMP/f.out") $(cat "$TMP/f.err")"
	fi
	timeout 60 "$2/spamtrace-report" --dry-run "$PHISH" > "$TMP/r.out" 2> "$TMP/r.err"
	st=$?
	if [ $st -eq 0 ] && grep -q '^----- draft 1 for ' "$TMP/r.out" &&
		grep -q '^Subject: Spam from your system ("Your account is locked")' "$TMP/r.out"; then
		pass "$1: spamtrace-report drafts with its templates and bootstrap files"
	else
		fail "$1: spamtrace-report --dry-run: status $st, $(head -c 400 "$TMP/r.err")"
	fi
}

# manpages LABEL MANDIR DATADIR LIBDIR: the man pages name DATADIR and
# LIBDIR, and nothing left for the build to fill in
manpages() {
	m1="$2/man1"
	if grep -q '@pkg\|PKGLIBDIR' "$m1/spamtrace-filter.1" "$m1/spamtrace-report.1" "$2/man5/spamtrace.conf.5"; then
		fail "$1: the man pages keep a placeholder: $(grep -h '@pkg\|PKGLIBDIR' "$m1"/*.1 "$2"/man5/*.5 | head -n 3)"
	elif grep -qF ".I $3/templates/" "$m1/spamtrace-report.1" &&
		grep -qF ".IR $4/spamtrace-body.so" "$m1/spamtrace-filter.1" &&
		grep -qF ".IR $3/rdap-bootstrap" "$2/man5/spamtrace.conf.5"; then
		pass "$1: the man pages name $3 and $4"
	else
		fail "$1: the man pages do not name $3 and $4"
	fi
}

# install LOG ARGS...: make install with ARGS, a make of its own
install_into() {
	log=$1
	shift
	(unset MAKEFLAGS MFLAGS MAKELEVEL; cd "$top_builddir" && ${MAKE:-make} install "$@") > "$log" 2>&1 ||
		{ fail "make install $*: $(tail -n 5 "$log")"; return 1; }
}

# --- the build tree: the README's commands, with the build's programs on PATH ---
W="$TMP/readme"
mkdir -p "$W/examples" "$HOME/Maildir/.Junk/cur" "$HOME/Maildir/.Junk/new" "$HOME/Maildir/.Junk/tmp"
cp "$PHISH" "$W/examples/"
cp "$PHISH" "$W/message.eml"
cp "$PHISH" "$HOME/Maildir/.Junk/new/1.phish"
# the lines "$ spamtrace-..." of the README's blocks, each with the output
# the README shows under it (to the end of the block)
perl -ne '
	if (/^```/) { $in = !$in; if (!$in && $open) { close $o; $open = 0 } next }
	next unless $in;
	if (/^\$ (spamtrace-.*)$/) {
		close $o if $open; $n++; $open = 1;
		open $c, ">", "$p-cmd$n"; print $c "$1\n"; close $c; open $o, ">", "$p-out$n"; next }
	print $o $_ if $open;
	BEGIN { $p = shift }' "$W/readme" "$top_srcdir/README.md"
n=0
for cmd in "$W"/readme-cmd*; do
	[ -f "$cmd" ] || continue
	n=$((n + 1))
	out=${cmd%-cmd*}-out${cmd##*-cmd}
	c=$(cat "$cmd")
	(cd "$W" && PATH="$top_builddir/filter:$top_builddir/report:$PATH" timeout 60 sh -c "$c") > "$TMP/cmd.out" 2> "$TMP/cmd.err"
	st=$?
	if [ $st -ne 0 ]; then
		fail "README, from the build tree: '$c': status $st, $(head -c 300 "$TMP/cmd.err")"
	elif [ -s "$out" ] && ! cmp -s "$out" "$TMP/cmd.out"; then
		fail "README, from the build tree: '$c' does not print what the README shows: $(diff "$out" "$TMP/cmd.out" | head -n 5)"
	else
		pass "README, from the build tree: $c"
	fi
done
[ "$n" -ge 4 ] || fail "README: $n commands found, want at least 4"
ls "$HOME/Maildir/.Drafts/cur/"* > /dev/null 2>&1 &&
	pass "README: spamtrace-report ~/Maildir/.Junk drafts into ~/Maildir/.Drafts" ||
	fail "README: no drafts in ~/Maildir/.Drafts"
# the filter and the report tool are in two directories of the build tree
mkdir -p "$TMP/bt"
ln -s "$top_builddir/filter/spamtrace-filter" "$top_builddir/report/spamtrace-report" "$TMP/bt/"
works "the build tree, through links" "$TMP/bt"

# --- make install prefix=DIR, then the tree moved ---
P="$TMP/prefix"
if install_into "$TMP/install.log" prefix="$P"; then
	works "prefix=DIR" "$P/bin"
	manpages "prefix=DIR" "$P/share/man" "$P/share/spamtrace" "$P/lib/spamtrace"
	mv "$P" "$TMP/moved"
	works "prefix=DIR, moved" "$TMP/moved/bin"

	# a copy on its own: 72 and where it looked, until told
	mkdir -p "$TMP/alone/bin"
	cp "$TMP/moved/bin/spamtrace-report" "$TMP/moved/bin/spamtrace-filter" "$TMP/alone/bin/"
	for what in "complaint templates:templates:--offline" \
		"RDAP bootstrap files:rdap-bootstrap:--template-dir=$top_srcdir/templates"; do
		# shellcheck disable=SC2086
		"$TMP/alone/bin/spamtrace-report" ${what##*:} --dry-run "$PHISH" > "$TMP/out" 2> "$TMP/err"
		st=$?
		sub=${what#*:}
		if [ $st -eq 72 ] && [ ! -s "$TMP/out" ] &&
			grep -qF "the ${what%%:*} are not where this program (in $TMP/alone/bin) looks for them ($TMP/alone/share/spamtrace/${sub%:*}): set SPAMTRACE_DATADIR" "$TMP/err"; then
			pass "a lone spamtrace-report ${what##*:}: 72, and where it looked for the ${what%%:*}"
		else
			fail "a lone spamtrace-report ${what##*:}: status $st, $(cat "$TMP/err")"
		fi
	done
	"$TMP/alone/bin/spamtrace-report" --rdap-bootstrap "$TMP/nowhere" --json "$PHISH" > /dev/null 2> "$TMP/err"
	st=$?
	[ $st -eq 72 ] && pass "bootstrap files that cannot be read: 72" || fail "no bootstrap files: status $st, $(cat "$TMP/err")"
	"$TMP/alone/bin/spamtrace-filter" --body < "$PHISH" > "$TMP/out" 2> "$TMP/err"
	st=$?
	if [ $st -eq 0 ] && strip_ours "$TMP/out" | cmp -s - "$PHISH" &&
		unfolded X-Spamtrace-Advertises "$TMP/out" | grep -qF "X-Spamtrace-Advertises: unknown; why=the modules are not where this program (in $TMP/alone/bin) looks for them ($TMP/alone/lib/spamtrace): set SPAMTRACE_MODULE_DIR"; then
		pass "a lone spamtrace-filter: the message tagged, and where the modules were looked for"
	else
		fail "a lone spamtrace-filter: status $st, $(unfolded X-Spamtrace-Advertises "$TMP/out")"
	fi
	SPAMTRACE_DATADIR="$TMP/moved/share/spamtrace" SPAMTRACE_MODULE_DIR="$TMP/moved/lib/spamtrace" \
		works "a lone copy, with SPAMTRACE_DATADIR and SPAMTRACE_MODULE_DIR" "$TMP/alone/bin"
	SPAMTRACE_DATADIR="$TMP/nowhere" "$TMP/alone/bin/spamtrace-report" --offline --dry-run "$PHISH" > /dev/null 2> "$TMP/err"
	st=$?
	[ $st -eq 72 ] && grep -qF "the complaint templates are not in $TMP/nowhere/templates (named by SPAMTRACE_DATADIR)" "$TMP/err" &&
		pass "SPAMTRACE_DATADIR naming the wrong place: 72, and the place" || fail "SPAMTRACE_DATADIR wrong: status $st, $(cat "$TMP/err")"
fi

# --- make install DESTDIR=DIR: the staged tree runs, its man pages name the final one ---
D="$TMP/dest"
if install_into "$TMP/install-dest.log" DESTDIR="$D"; then
	bindir=$(sed -n 's/^bindir = //p' "$top_builddir/Makefile")
	prefix=$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")
	bin=$(printf '%s' "$bindir" | sed "s|\${exec_prefix}|$prefix|")
	works "DESTDIR=DIR" "$D$bin"
	manpages "DESTDIR=DIR" "$D$prefix/share/man" "$prefix/share/spamtrace" "$prefix/lib/spamtrace"
fi

finish
