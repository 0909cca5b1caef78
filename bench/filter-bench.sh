#!/bin/sh
# bench/filter-bench.sh - what spamtrace-filter costs per message, against cat, SpamAssassin and bogofilter.
# Not a test: it asserts nothing and make check does not run it. See bench/README.md.
#
# Usage: bench/filter-bench.sh [-m METHOD] [-r RUNS] [-s SA_MESSAGES] [-n MAX_MESSAGES] [-a ARGS] [FILTER]
#   -m METHOD        hyperfine (the default where it is installed) or perl
#                    (fork and exec from perl, commands interleaved)
#   -r RUNS          timed runs of each command on each message (default 10)
#   -s SA_MESSAGES   messages given to spamassassin -L, which takes seconds each (default 12)
#   -n MAX_MESSAGES  use at most this many messages (default: all)
#   -a ARGS          options for the filter, e.g. "--body" (the extras module
#                    is then loaded from SPAMTRACE_MODULE_DIR or this tree)
#   FILTER           the binary (default: filter/spamtrace-filter of this tree)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
runs=10
sa_messages=12
max_messages=0
method=
filter_args=
while getopts m:r:s:n:a: opt; do
	case $opt in
	m) method=$OPTARG ;;
	r) runs=$OPTARG ;;
	s) sa_messages=$OPTARG ;;
	n) max_messages=$OPTARG ;;
	a) filter_args=$OPTARG ;;
	*) sed -n '4,13s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
filter=${1:-$top/filter/spamtrace-filter}
if [ -z "$method" ]; then
	if command -v hyperfine > /dev/null 2>&1; then method=hyperfine; else method=perl; fi
fi
case $method in hyperfine | perl) ;; *) echo "filter-bench.sh: -m hyperfine or -m perl" >&2; exit 64 ;; esac
[ -x "$filter" ] || { echo "filter-bench.sh: no program '$filter': build first" >&2; exit 1; }
filter=$(cd "$(dirname "$filter")" && pwd)/$(basename "$filter")
: "${SPAMTRACE_MODULE_DIR:=$(dirname "$filter")/.libs}"
export SPAMTRACE_MODULE_DIR

work=$(mktemp -d "${TMPDIR:-/tmp}/spamtrace-bench.XXXXXX")
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
# nobody's own settings, wordlists or SpamAssassin state
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME"

# The messages: the shared corpus of real mail beside the checkout, else
# the golden messages of the tests. Names without commas or spaces: they
# travel in a hyperfine parameter list.
if [ -d "$top/../shared/corpus" ]; then
	source_dir=$top/../shared/corpus
else
	source_dir=$top/tests/data
fi
mkdir -p "$work/msg"
i=0
for f in $(find "$source_dir" -type f ! -name '*.expected' ! -name '*.md' | LC_ALL=C sort); do
	i=$((i + 1))
	[ "$max_messages" -gt 0 ] && [ "$i" -gt "$max_messages" ] && break
	name=$(printf '%s' "${f#"$source_dir"/}" | tr -c 'A-Za-z0-9_.-' '_')
	cp "$f" "$work/msg/$(printf '%03d' "$i")-$name"
done
set -- "$work"/msg/*
[ -f "$1" ] || { echo "filter-bench.sh: no messages in '$source_dir'" >&2; exit 1; }
n_messages=$#
list=$(printf '%s,' "$@")
list=${list%,}

echo "messages: $n_messages from $source_dir"
echo "filter:   $filter $filter_args"
echo "runs:     $runs per command and message (median), warm-up 2, timed by $method"
echo "machine:  $(nproc) cores, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

have() { command -v "$1" > /dev/null 2>&1; }

# time_commands NAME RUNS WARMUP MESSAGE_LIST COMMAND...: the median wall
# time of each COMMAND on each message, where {msg} is the message, into
# $work/NAME.tsv as "command<TAB>message<TAB>seconds".
time_commands() {
	name=$1 n=$2 warmup=$3 msgs=$4
	shift 4
	if [ "$method" = hyperfine ]; then
		# hyperfine runs each command through sh and subtracts the
		# time of an empty sh, so the figures are the programs' own.
		# -i: bogofilter -p exits 1 or 2 for ham and unsure; the filter's
		# own exit status is checked before. Its warnings (runs under 5 ms,
		# outliers, a slow first run) are dropped: the medians are reported.
		hyperfine --style none -i --runs "$n" --warmup "$warmup" \
			--parameter-list msg "$msgs" --export-json "$work/$name.json" "$@" 2>&1 |
			grep -v -e 'Warning:' -e '^ *$' >&2 || true
		perl -MJSON::PP -e '
			local $/;
			my $r = decode_json(<STDIN>);
			for my $x (@{ $r->{results} }) {
				(my $cmd = $x->{command}) =~ s/ .*//;
				printf "%s\t%s\t%.6f\n", $cmd, $x->{parameters}{msg}, $x->{median};
			}' < "$work/$name.json" > "$work/$name.tsv"
	else
		# fork and exec straight from perl, no shell; the commands take
		# turns on each message, so a change in the machine's load
		# weighs on all of them alike
		perl -MTime::HiRes=clock_gettime,CLOCK_MONOTONIC -e '
			use strict;
			my ($n, $warmup, $msgs, @cmds) = @ARGV;
			sub median { my @v = sort { $a <=> $b } @_;
				@v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2 }
			for my $m (split /,/, $msgs) {
				my %t;
				for my $round (1 .. $warmup + $n) {
					for my $c (@cmds) {
						(my $line = $c) =~ s/\{msg\}/$m/g;
						my ($argv, $in) = split /\s*<\s*/, $line;
						my @argv = split " ", $argv;
						my $t0 = clock_gettime(CLOCK_MONOTONIC);
						my $pid = fork // die "fork: $!\n";
						if ($pid == 0) {
							open STDIN, "<", $in or die "$in: $!\n";
							open STDOUT, ">", "/dev/null" or die;
							open STDERR, ">", "/dev/null" or die;
							exec { $argv[0] } @argv or die "exec $argv[0]: $!\n";
						}
						waitpid $pid, 0;
						my $dt = clock_gettime(CLOCK_MONOTONIC) - $t0;
						push @{ $t{$c} }, $dt if $round > $warmup;
					}
				}
				for my $c (@cmds) {
					(my $cmd = $c) =~ s/ .*//;
					printf "%s\t%s\t%.6f\n", $cmd, $m, median(@{ $t{$c} });
				}
			}' "$n" "$warmup" "$msgs" "$@" > "$work/$name.tsv"
	fi
}

# bogofilter with a private home and a tiny wordlist made here first
bogo_dir="$work/bogofilter"
if have bogofilter; then
	mkdir -p "$bogo_dir"
	printf 'From: a@example.org\nSubject: cheap pills now\n\nbuy cheap pills now, free offer, click here\n' |
		bogofilter -d "$bogo_dir" -s
	printf 'From: b@example.org\nSubject: meeting notes\n\nthe minutes of the meeting are attached, see you tomorrow\n' |
		bogofilter -d "$bogo_dir" -n
fi

for m in "$work"/msg/*; do
	# shellcheck disable=SC2086
	"$filter" $filter_args < "$m" > /dev/null || { echo "filter-bench.sh: the filter fails on '$m'" >&2; exit 1; }
done

set -- "$filter${filter_args:+ $filter_args} < {msg}" "cat < {msg}"
have bogofilter && set -- "$@" "bogofilter -d $bogo_dir -p < {msg}"
echo "timing cat, spamtrace-filter${bogo_dir:+ and bogofilter -p} on $n_messages messages..."
time_commands main "$runs" 2 "$list" "$@"

# SpamAssassin -L (local tests only) takes seconds a message: a subset
sa_list=
if have spamassassin && [ "$sa_messages" -gt 0 ]; then
	sa_list=$(printf '%s' "$list" | tr ',' '\n' | awk -v n="$n_messages" -v k="$sa_messages" \
		'n <= k || (NR - 1) % int(n / k) == 0' | head -n "$sa_messages" | paste -sd, -)
	sa_n=$(printf '%s\n' "$sa_list" | tr ',' '\n' | grep -c .)
	echo "timing spamassassin -L on $sa_n of them (3 runs each, warm-up 1)..."
	time_commands sa 3 1 "$sa_list" "spamassassin -L < {msg}" \
		"$filter${filter_args:+ $filter_args} < {msg}"
fi
echo

# The report: per message, then the medians over messages
perl -e '
	use strict;
	my ($main, $sa) = @ARGV;
	my (%t, %sa);
	for ([$main, \%t], [$sa, \%sa]) {
		my ($file, $h) = @$_;
		next unless -s $file;
		open my $fh, "<", $file or die;
		while (<$fh>) {
			chomp;
			my ($cmd, $msg, $s) = split /\t/;
			$cmd =~ s{.*/}{};
			$h->{$msg}{$cmd} = $s;
		}
	}
	sub median { my @v = sort { $a <=> $b } @_; return 0 unless @v;
		@v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2 }
	sub ms { sprintf "%7.2f", 1000 * shift }
	my $bogo = grep { exists $t{$_}{bogofilter} } keys %t;
	printf "%-40s %7s %7s %7s %8s %7s\n", "message (bytes)", "cat", "filter",
		$bogo ? "bogo" : "", "filter/", $bogo ? "bogo/" : "";
	printf "%-40s %7s %7s %7s %8s %7s\n", "", "ms", "ms", $bogo ? "ms" : "", "cat", $bogo ? "filter" : "";
	my (@ratio_cat, @ratio_bogo, @cat, @filter, @bogo);
	for my $m (sort keys %t) {
		my $x = $t{$m};
		(my $short = $m) =~ s{.*/\d+-}{};
		my $size = -s $m;
		my $rc = $x->{cat} > 0 ? $x->{"spamtrace-filter"} / $x->{cat} : 0;
		push @ratio_cat, $rc;
		push @cat, $x->{cat};
		push @filter, $x->{"spamtrace-filter"};
		my $rb = "";
		if ($bogo) {
			$rb = $x->{bogofilter} / $x->{"spamtrace-filter"};
			push @ratio_bogo, $rb;
			push @bogo, $x->{bogofilter};
			$rb = sprintf "%7.2f", $rb;
		}
		printf "%-40s %s %s %s %8.2f %s\n", substr("$short ($size)", 0, 40), ms($x->{cat}),
			ms($x->{"spamtrace-filter"}), $bogo ? ms($x->{bogofilter}) : "", $rc, $rb;
	}
	print "\nmedians over ", scalar(@cat), " messages:\n";
	printf "  cat               %s ms\n", ms(median(@cat));
	printf "  spamtrace-filter  %s ms\n", ms(median(@filter));
	printf "  bogofilter -p     %s ms\n", ms(median(@bogo)) if $bogo;
	printf "  filter/cat        %7.2f (per message; worst %.2f)   target: <= 2\n",
		median(@ratio_cat), (sort { $b <=> $a } @ratio_cat)[0];
	printf "  bogofilter/filter %7.2f (per message)\n", median(@ratio_bogo) if $bogo;
	if (%sa) {
		my (@r, @s, @f);
		for my $m (keys %sa) {
			push @s, $sa{$m}{spamassassin};
			push @f, $sa{$m}{"spamtrace-filter"};
			push @r, $sa{$m}{spamassassin} / $sa{$m}{"spamtrace-filter"};
		}
		printf "  spamassassin -L   %s ms (%d messages)\n", ms(median(@s)), scalar @s;
		printf "  spamassassin/filter %5.0f (per message, same %d messages; least %.0f)   target: >= 200\n",
			median(@r), scalar @r, (sort { $a <=> $b } @r)[0];
	}
' "$work/main.tsv" "$work/sa.tsv"

# Peak RSS: GNU time where there is one, else Python's getrusage
peak_rss() {
	if /usr/bin/time -f %M -o "$work/rss" true 2> /dev/null && grep -q '^[0-9]' "$work/rss"; then
		# bogofilter -p exits 1 or 2 for ham and unsure
		/usr/bin/time -f %M -o "$work/rss" "$@" > /dev/null || true
		tail -n 1 "$work/rss"
	elif have python3; then
		python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
	else
		echo "?"
	fi
}

# an ordinary message: the median-sized one; a large one: 50 MB of body
# after the header section of the same message
ordinary=$(ls -S "$work"/msg/* | awk -v n="$n_messages" 'NR == int((n + 1) / 2)')
perl -e '
	my ($in, $out) = @ARGV;
	open my $i, "<:raw", $in or die; local $/; my $m = <$i>;
	my ($head) = $m =~ /\A(.*?\n)\r?\n/s; $head //= "Subject: big\n";
	open my $o, ">:raw", $out or die;
	print $o $head, "\n";
	my $line = ("0123456789" x 7) . "abcde\n";
	print $o $line for 1 .. int(50 * 1024 * 1024 / length $line);
	close $o or die;
' "$ordinary" "$work/big.eml"
echo
echo "peak RSS (KB):"
for input in "$ordinary" "$work/big.eml"; do
	size=$(wc -c < "$input")
	printf '  %-28s %10s bytes: filter %6s, cat %6s' "$(basename "$input" | cut -c1-28)" "$size" \
		"$(peak_rss sh -c "exec \"$filter\" $filter_args < \"$input\"")" "$(peak_rss sh -c "exec cat < \"$input\"")"
	if have bogofilter; then
		printf ', bogofilter -p %6s' "$(peak_rss sh -c "exec bogofilter -d \"$bogo_dir\" -p < \"$input\"")"
	fi
	echo
done
echo "  target: filter < 8192 KB on ordinary messages"
