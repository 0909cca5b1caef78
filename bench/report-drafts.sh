#!/bin/sh
# bench/report-drafts.sh - the form and evidence of spamtrace-report's drafts over a corpus: lines
# over 998 octets, drafts of 64 KB or more (no --attach), and whether the hosts a message links
# to reach its drafts. Prints figures; asserts nothing. RFC 5322 2.1.1.
# Usage: bench/report-drafts.sh [REPORT] [CORPUS_DIR]
set -eu
report=${1:-report/spamtrace-report}
corpus=${2:-$(dirname "$0")/../../shared/corpus/phishing-pot-dev}
templates=$(dirname "$0")/../templates
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export EMAIL=bench@home.zz
mkdir -p "$HOME"

for f in "$corpus"/*; do
	case $f in *.md) continue ;; esac
	[ -f "$f" ] || continue
	name=$(basename "$f")
	mkdir -p "$tmp/ob/$name"
	# the drafts as written (what a desk gets), and the plan (the links)
	"$report" --offline --template-dir "$templates" --outbox "$tmp/ob/$name" \
		--registry "$tmp/reg.sqlite" "$f" > /dev/null 2>&1 || true
	"$report" --offline --template-dir "$templates" --json "$f" > "$tmp/ob/$name.json" 2> /dev/null || true
done

# Sites a message links to without being about them: the excerpt's list
# (lib/complaint/excerpt.c), for the figure on links.
perl -MJSON::PP -MMIME::QuotedPrint -e '
	my @well = qw(facebook.com fb.com twitter.com x.com instagram.com linkedin.com youtube.com
		youtu.be pinterest.com tiktok.com whatsapp.com apple.com google.com microsoft.com
		office.com live.com w3.org googleapis.com gstatic.com schema.org);
	sub well { my $h = shift; for my $w (@well) { return 1 if $h eq $w || $h =~ /\.\Q$w\E$/ } 0 }
	my $dir = shift;
	my ($msgs, $drafts, $long, $big, $max, @sizes, $linking, $first_ok, $hosts, $hosts_ok) = (0) x 10;
	opendir my $d, $dir or die;
	for my $name (sort grep { !/\.json$/ && !/^\./ } readdir $d) {
		$msgs++;
		my @files = glob("$dir/$name/cur/*");
		my $text = "";
		for my $file (@files) {
			$drafts++;
			open my $h, "<:raw", $file or die; local $/; my $raw = <$h>;
			my $size = length $raw; push @sizes, $size; $max = $size if $size > $max;
			$big++ if $size >= 65536;
			$long++ if grep { length($_) > 998 } split /\n/, $raw;
			# the note, decoded when it is quoted-printable
			my ($head, $body) = split /\n\n/, $raw, 2;
			$body = decode_qp($body) if $raw =~ /Content-Transfer-Encoding: quoted-printable/i;
			$text .= $body;
		}
		next unless @files;
		open my $j, "<", "$dir/$name.json" or next; local $/; my $plan = eval { decode_json(<$j>) } or next;
		my @links; my %seen;
		for my $u (@{$plan->[0]{body}{urls}}) {
			next if $u->{where} eq "src" || $u->{where} eq "header" || !$u->{host};
			next if well($u->{host}) || $seen{$u->{host}}++;
			push @links, $u->{host};
		}
		next unless @links;
		$linking++;
		my $all = 1;
		for my $file (@files) {
			open my $h, "<:raw", $file or die; local $/; my $raw = <$h>;
			my (undef, $body) = split /\n\n/, $raw, 2;
			$body = decode_qp($body) if $raw =~ /Content-Transfer-Encoding: quoted-printable/i;
			$all = 0 unless index(lc $body, lc $links[0]) >= 0;
		}
		$first_ok += $all;
		print STDERR "first link host not in every draft: $name ($links[0])\n" if !$all && $ENV{VERBOSE};
		for my $host (@links) { $hosts++; $hosts_ok++ if index(lc $text, lc $host) >= 0 }
	}
	@sizes = sort { $a <=> $b } @sizes;
	my $median = @sizes ? $sizes[int(@sizes / 2)] : 0;
	printf "%d messages, %d drafts (no --attach)\n", $msgs, $drafts;
	printf "drafts with a line over 998 octets: %d\n", $long;
	printf "drafts of 64 KB or more: %d (largest %.1f KB, median %.1f KB)\n", $big, $max / 1024, $median / 1024;
	printf "messages linking to a site not well known: %d; every draft shows its first such host: %d\n",
		$linking, $first_ok;
	printf "their link hosts (distinct, per message) named in the drafts: %d of %d\n", $hosts_ok, $hosts;
' "$tmp/ob"
