#!/bin/sh
# fuzz/make-corpus.sh - rebuilds the seed corpora in fuzz/corpus/ from real mail.
# Usage: fuzz/make-corpus.sh [CORPUS_DIR [TARGET...]]   (default: ../shared/corpus beside the
# tree, every target: received headers filter from the messages; rdap whois report from the
# fixtures and the test data)
# The messages are the Apache-2.0 test data of SpamAssassin and mail-parser; see fuzz/README.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/../../shared/corpus}
[ $# -gt 0 ] && shift
targets=${*:-received headers filter rdap whois report}
out=$here/corpus
wants() {
	case " $targets " in *" $1 "*) return 0 ;; esac
	return 1
}

if wants received || wants headers || wants filter; then
[ -d "$src" ] || { echo "make-corpus.sh: no corpus at '$src'" >&2; exit 1; }
rm -rf "$out/received" "$out/headers" "$out/filter"
mkdir -p "$out/received" "$out/headers" "$out/filter"

find "$src" -type f | LC_ALL=C sort | perl -e '
	use strict;
	my $out = shift;
	my (%seen, $n);
	while (my $path = <STDIN>) {
		chomp $path;
		open my $fh, "<:raw", $path or die "$path: $!";
		local $/;
		my $msg = <$fh>;
		close $fh;
		(my $name = $path) =~ s{.*/corpus/}{};
		$name =~ s{[^A-Za-z0-9_.-]}{_}g;

		# the header section: up to the first empty line
		my ($head) = $msg =~ /\A(.*?\r?\n)\r?\n/s;
		$head //= $msg;

		# fuzz-filter: the header section and the start of the body
		my $n_body = length($msg) > length($head) + 512 ? length($head) + 512 : length($msg);
		write_file("$out/filter/$name", substr($msg, 0, $n_body));

		# fuzz-headers: one byte for "no chunk sizes", then the section and a little body
		write_file("$out/headers/$name", "\x00" . substr($msg, 0, $n_body));

		# fuzz-received: each distinct Received: value, folded as written
		while ($head =~ /^Received:[ \t]?((?:[^\n]*\n)(?:[ \t][^\n]*\n)*)/mgi) {
			my $v = $1;
			next if $seen{$v}++;
			write_file(sprintf("$out/received/%s-%d", $name, ++$n), $v);
		}
	}
	sub write_file {
		my ($p, $data) = @_;
		open my $fh, ">:raw", $p or die "$p: $!";
		print $fh $data;
		close $fh or die "$p: $!";
	}
' "$out"

fi

# fuzz-rdap: the RDAP answers of ../shared/fixtures/rdap (icann-rdap,
# 20c-rdap) and the ones we wrote (tests/data/rdap/written), once each,
# up to 64 KB (the three larger ones slow every run and add no code)
fixtures=$here/../../shared/fixtures/rdap
if wants rdap; then
rm -rf "$out/rdap"
mkdir -p "$out/rdap"
find "$fixtures" "$here/../tests/data/rdap/written" -type f \( -name '*.json' -o -name '*.input' \) \
	-size -65k 2>/dev/null | LC_ALL=C sort | while read -r f; do
	sum=$(cksum < "$f" | cut -d' ' -f1)
	[ -e "$out/rdap/.$sum" ] && continue
	: > "$out/rdap/.$sum"
	name=$(printf '%s' "${f#"$here"/../}" | sed 's|.*/shared/fixtures/rdap/||; s|[^A-Za-z0-9_.-]|_|g')
	cp "$f" "$out/rdap/$name"
done
rm -f "$out"/rdap/.[0-9]*
fi

# fuzz-whois: the whois answers of tests/data/whois (written by us in the
# registries' formats; see its README)
if wants whois; then
rm -rf "$out/whois"
mkdir -p "$out/whois"
for f in "$here"/../tests/data/whois/*.txt; do
	cp "$f" "$out/whois/$(basename "$f")"
done
fi

# fuzz-report: the report tests' messages and the golden messages, each in
# the four modes of fuzz-report.c (its first byte)
if wants report; then
rm -rf "$out/report"
mkdir -p "$out/report"
for f in "$here"/../tests/data/report/*.eml "$here"/../tests/data/golden/*.eml; do
	b=$(basename "$f" .eml)
	for m in 0 1 2 3; do
		{ printf "\\00$m"; cat "$f"; } > "$out/report/$b-$m"
	done
done
fi

for t in $targets; do
	printf '%s: %s files\n' "$t" "$(ls "$out/$t" | wc -l)"
done
