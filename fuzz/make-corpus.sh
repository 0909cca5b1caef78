#!/bin/sh
# fuzz/make-corpus.sh - rebuilds the seed corpora in fuzz/corpus/ from real mail.
# Usage: fuzz/make-corpus.sh [CORPUS_DIR]   (default: ../shared/corpus beside the tree)
# The messages are the Apache-2.0 test data of SpamAssassin and mail-parser; see fuzz/README.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/../../shared/corpus}
out=$here/corpus
[ -d "$src" ] || { echo "make-corpus.sh: no corpus at '$src'" >&2; exit 1; }

rm -rf "$out"
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

for t in received headers filter; do
	printf '%s: %s files\n' "$t" "$(ls "$out/$t" | wc -l)"
done
