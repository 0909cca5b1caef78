# tests/lib.sh - shared helpers for the shell tests (sourced, not run).
# Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
FILTER="$top_builddir/filter/spamtrace-filter"
SHARED="$top_srcdir/../shared"
DATA="$top_srcdir/tests/data"

# a private scratch directory, removed at exit
TMP=$(mktemp -d "${TMPDIR:-/tmp}/spamtrace-test.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT

# keep the user's own config out of the tests
export XDG_CONFIG_HOME="$TMP/config"
export XDG_CACHE_HOME="$TMP/cache"
export HOME="$TMP/home"
mkdir -p "$HOME"
# the list of well-known sites, where an installed spamtrace-report reads
# the user's own (it is not installed for the tests)
mkdir -p "$XDG_CONFIG_HOME/spamtrace"
cp "$top_srcdir/data/well-known-sites.txt" "$XDG_CONFIG_HOME/spamtrace/"

failures=0

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}

pass() {
	printf 'ok: %s\n' "$*"
}

skip_all() {
	printf 'SKIP: %s\n' "$*" >&2
	exit 77
}

# finish: the exit status for automake
finish() {
	if [ "$failures" -gt 0 ]; then
		printf '%d failure(s)\n' "$failures" >&2
		exit 1
	fi
	exit 0
}

# strip_ours FILE: the file without the X-Spamtrace-* fields we add at the
# top (after an mbox From line, if any), byte for byte otherwise. perl-base
# is essential in Debian, so it is always there.
strip_ours() {
	perl -0777 -pe 's/\A(From [^\n]*\n)?(?:X-Spamtrace-[A-Za-z-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+/defined $1 ? $1 : ""/e' "$1"
}

# unfolded NAME FILE: each NAME: field of FILE's header section, on one
# line (RFC 5322 unfolding: the line breaks go, the white space stays)
unfolded() {
	perl -0777 -ne '($_) = /\A(.*?)(?:\n\n|\z)/s; my $n = shift @ARGV;
		while (/^(\Q$n\E:[^\n]*(?:\n[ \t][^\n]*)*)/mg) { (my $f = $1) =~ s/\n(?=[ \t])//g; print "$f\n" }' "$2" "$1"
}
