#!/bin/sh
# tests/filter-origin-m365.sh - the origin into Microsoft 365, measured on real mail.
# ../shared/corpus/phishing-pot-dev holds real phishing delivered into Exchange
# Online; Microsoft's inbound edge wrote the connecting client's address in
# X-Sender-IP:. With no configuration the origin we name should be that address.
# Prints the figure and every miss; fails under MIN_PERCENT (default 99).
# Run alone: tests/filter-origin-m365.sh [DIR], with top_builddir set when the
# build is not in the source tree.
. "${top_srcdir:-.}/tests/lib.sh"

dir=${1:-$SHARED/corpus/phishing-pot-dev}
min=${MIN_PERCENT:-99}
[ -d "$dir" ] || skip_all "no $dir beside the checkout"

total=0
right=0
for f in "$dir"/*.eml; do
	[ -f "$f" ] || continue
	# the first X-Sender-IP field of the header section: Microsoft's edge's
	truth=$(perl -ne 'last if /^\r?$/; if (/^X-Sender-IP:[ \t]*(\S+)/i) { print $1; exit }' "$f")
	[ -n "$truth" ] || continue
	total=$((total + 1))
	got=$("$FILTER" --json < "$f" |
		perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); print $j->{origin}{ip} // ""')
	if [ "$got" = "$truth" ]; then
		right=$((right + 1))
	else
		printf 'miss: %s: X-Sender-IP %s, origin %s\n' "${f##*/}" "$truth" "${got:-none}"
	fi
done

[ $total -gt 0 ] || skip_all "no message in $dir has an X-Sender-IP field"
percent=$(perl -e 'printf "%.1f", 100 * $ARGV[0] / $ARGV[1]' $right $total)
printf 'origin == X-Sender-IP: %d of %d (%s%%)\n' $right $total "$percent"
perl -e 'exit($ARGV[0] * 100 >= $ARGV[1] * $ARGV[2] ? 0 : 1)' $right $min $total ||
	fail "origin == X-Sender-IP for $percent% of the messages, under $min%"
finish
