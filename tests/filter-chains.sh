#!/bin/sh
# tests/filter-chains.sh - the held-out chains of tests/data/chains: whole header
# sections from many mail systems, each with the origin, trust count, source,
# forged and insecure lines and verdict written down before the filter read it.
# Prints the figures (right / total for each) and fails on any difference.
. "${top_srcdir:-.}/tests/lib.sh"

CHAINS="$DATA/chains"
[ -d "$CHAINS" ] || skip_all "no tests/data/chains"

for expect in "$CHAINS"/*.expect; do
	name=$(basename "$expect" .expect)
	args=$(sed -n 's/^args: *//p' "$expect")
	# shellcheck disable=SC2086
	"$FILTER" --json $args < "$CHAINS/$name.eml" > "$TMP/$name.json" 2> "$TMP/err" ||
		fail "$name: exit status $?"
done

perl -MJSON::PP -e '
	my ($dir, $tmp) = @ARGV;
	my @metrics = qw(origin trusted source forged insecure suspect);
	my (%right, $total, $failed, $known_wrong);
	for my $expect (sort glob "$dir/*.expect") {
		my ($name) = $expect =~ m{([^/]+)\.expect$};
		open my $fh, "<", $expect or die "$expect: $!";
		my %e;
		while (<$fh>) {
			next if /^#/ || !/^([\w-]+):\s*(.*?)\s*$/;
			$e{$1} = $2;
		}
		open my $jh, "<", "$tmp/$name.json" or die;
		my $j = eval { local $/; decode_json (<$jh>) } or do { print "FAIL: $name: no JSON\n"; $failed++; next };
		my %got;
		$got{origin} = $j->{origin} ? "$j->{origin}{ip} $j->{origin}{hop}" : "none";
		$got{trusted} = $j->{trust}{trusted};
		$got{source} = $j->{source} ? "$j->{source}{ip} $j->{source}{hop}"
			     : $j->{source_hidden} ? "hidden" : "none";
		for my $kind (qw(forged insecure)) {
			my @f;
			my $i = 0;
			for my $h (@{$j->{hops}}) {
				push @f, "$i:$_->{code}" for @{$h->{$kind}};
				$i++;
			}
			my %seen;
			$got{$kind} = join (" ", grep { !$seen{$_}++ } sort @f) || "none";
		}
		$got{suspect} = $j->{verdict}{suspect} ? "yes" : "no";
		$got{gateway} = $j->{gateway} ne "" ? $j->{gateway} : "none";
		$total++;
		# the gateway hint is checked where the chain says what it should be
		for my $m (@metrics, exists $e{gateway} ? ("gateway") : ()) {
			my ($want, $have) = ($e{$m} // "none", $got{$m});
			# findings are sets: their order does not matter
			($want, $have) = map { join " ", sort split " " } $want, $have
				if $m eq "forged" || $m eq "insecure";
			# "known-wrong: METRIC ...": a miss we measured and have not
			# fixed; it counts as wrong in the figures, and the test
			# fails when it comes out right, so that the mark goes
			my $known = grep { $_ eq $m } split " ", ($e{"known-wrong"} // "");
			if ($want eq $have) {
				$right{$m}++;
				if ($known) {
					print "FAIL: $name: $m is right now: remove it from known-wrong\n";
					$failed++;
				}
			} elsif ($known) {
				print "KNOWN WRONG: $name: $m: expected \"$want\", got \"$have\"\n";
				$known_wrong++;
			} else {
				print "FAIL: $name: $m: expected \"$want\", got \"$have\"\n";
				$failed++;
			}
		}
	}
	printf "figures: %s\n", join ", ", map { sprintf "%s %d/%d", $_, $right{$_} // 0, $total } @metrics;
	printf "gateway hints right: %d\n", $right{gateway} // 0;
	printf "known wrong (measured, not fixed): %d\n", $known_wrong // 0;
	exit ($failed ? 1 : 0);
' "$CHAINS" "$TMP" >&2 || fail "the chains differ from their expectations"
[ "$failures" -eq 0 ] && pass "every chain as expected"
finish
