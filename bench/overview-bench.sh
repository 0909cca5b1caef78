#!/bin/sh
# bench/overview-bench.sh - how long spamtrace-report --overview (and --blocklist) takes on a
# big spam folder, offline. Not a test: it asserts nothing and make check does not run it.
#
# Usage: bench/overview-bench.sh [-n MESSAGES] [-k PAGE] [REPORT]
#   -n MESSAGES  how many messages to make from the corpus (default 10000)
#   -k PAGE      keep the overview there (to open it in a browser)
#   REPORT       the binary (default: report/spamtrace-report of this tree, or build/)
#
# The messages are the corpus's (../shared/corpus/spamassassin-spam), each copied many
# times with a Received: line of our own server on top, a client address, a date (over
# 60 days) and a Message-ID of its own, into one Maildir: 10,000 distinct spams from
# 10,000 / 8 origins.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
n=10000
keep=
while getopts n:k: opt; do
	case $opt in
	n) n=$OPTARG ;;
	k) keep=$OPTARG ;;
	*) sed -n '4,7s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
report=${1:-}
[ -n "$report" ] || for r in "$top/report/spamtrace-report" "$top/build/report/spamtrace-report"; do
	[ -x "$r" ] && report=$r && break
done
[ -x "$report" ] || { echo "overview-bench: build spamtrace-report first" >&2; exit 1; }
corpus="$top/../shared/corpus/spamassassin-spam"
[ -d "$corpus" ] || { echo "overview-bench: $corpus is missing" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/overview-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$HOME" "$tmp/spam/cur" "$tmp/spam/new" "$tmp/spam/tmp"

perl -e '
	my ($n, $dir, @files) = @ARGV;
	my @msgs = map { local $/; open my $f, "<:raw", $_ or die; scalar <$f> } @files;
	my $t0 = 1796083200; # 2026-12-01
	for my $i (0 .. $n - 1) {
		my $m = $msgs[$i % @msgs];
		$m =~ s/^From [^\n]*\n//;
		$m =~ s/^Message-ID:[^\n]*\n(?:[ \t][^\n]*\n)*//mi;
		my $o = int($i / 8);
		my $ip = sprintf "%d.%d.%d.%d", 45 + $o % 20, ($o >> 5) % 250 + 1, ($o >> 2) % 250 + 1, $o % 250 + 1;
		my @t = gmtime($t0 - ($i % 60) * 86400 - $i % 86400);
		my $date = sprintf "%02d %s %d %02d:%02d:%02d +0000", $t[3],
			(qw(Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec))[$t[4]], $t[5] + 1900, @t[2, 1, 0];
		open my $f, ">:raw", sprintf("%s/cur/%06d.bench:2,S", $dir, $i) or die;
		print $f "Received: from relay$o.isp.zz (relay$o.isp.zz [$ip]) by mx.home.zz (Postfix) ",
			"with ESMTP id B$i; $date\nMessage-ID: <bench-$i\@spam.zz>\n", $m;
		close $f;
	}' "$n" "$tmp/spam" "$corpus"/*
echo "overview-bench: $n messages made from $(ls "$corpus" | wc -l) corpus messages, $(du -sh "$tmp/spam" | cut -f1)"

: > "$tmp/empty.conf"
elapsed() { # COMMAND...: runs it, prints the wall-clock seconds
	s=$(date +%s.%N)
	"$@" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.1f", $2 - $1 }'
}
t=$(elapsed "$report" --offline --config "$tmp/empty.conf" --registry "$tmp/reg.sqlite" \
	--overview "$tmp/page.html" "$tmp/spam")
echo "overview-bench: --overview of $n messages, offline: $t s wall ($(nproc) cores); page $(du -h "$tmp/page.html" | cut -f1)"
[ -z "$keep" ] || cp "$tmp/page.html" "$keep"
t=$(elapsed "$report" --offline --config "$tmp/empty.conf" --registry "$tmp/reg.sqlite" \
	--blocklist "$tmp/zone" "$tmp/spam")
echo "overview-bench: --blocklist of the same again (each message already counted): $t s wall; $(cat "$tmp/out")"
