#!/usr/bin/perl
# compare-spamassassin.pl - compare spamtrace's Received: parser with
# SpamAssassin's (Mail::SpamAssassin::Message::Metadata::Received).
#
# Usage:
#   perl bench/compare-spamassassin.pl [--filter PATH] [--quiet] [CORPUS_DIR|FILE ...]
#
#   --filter PATH   spamtrace-filter binary (default: $SPAMTRACE_FILTER or
#                   ./filter/spamtrace-filter)
#   --quiet         print only the summary tables, not every difference
#   CORPUS_DIR      directories are walked recursively; default
#                   ../shared/corpus beside the checkout
#
# For each message, SpamAssassin parses the message with a configuration that
# loads no rules and trusts no network (trusted_networks !0/0,
# internal_networks !0/0; SA still always trusts 127/8 and authenticated
# relays, which only moves relays between relays_trusted and
# relays_untrusted, so the script uses the concatenation of both).  To know
# which Received: header each SA relay came from, every header is also fed
# to SA's parse_received_line() individually: a hashref means "relay",
# 0 means "ignored (not a relay handover)", undef means "unparseable".  The
# k-th header that yields a relay is paired with the k-th relay of the
# metadata lists (so state kept across lines, like the qmail-scanner
# envfrom hack, is honoured).
#
# Our side is `spamtrace-filter --json`; hops are matched to SA's headers by
# the raw header text (whitespace-collapsed), in order.
#
# Each field of each pair parsed by both sides is classified as
#   agree       identical strings
#   convention  equal once SA's documented normalisations are applied to
#               both sides (SA maps [ ] ( ) < > # | and whitespace to "!",
#               drops a trailing dot and "unknown" from rdns, strips IPv6:
#               and ::ffff:, strips <> around envfrom; case is ignored for
#               host names and addresses; for auth only "authenticated or
#               not" is compared, since SA stores a label of its own
#               ("Sendmail", "Postfix", "GMail - ...") where we store the
#               protocol keyword)
#   disagree    anything else
#
# The script is self-contained and uses only SpamAssassin's public objects;
# it does not modify SpamAssassin.

use strict;
use FindBin;
use warnings;
use File::Find;
use File::Temp qw(tempdir);
use JSON::PP;
use Getopt::Long;

my $filter = $ENV{SPAMTRACE_FILTER} || './filter/spamtrace-filter';
my $quiet  = 0;
GetOptions('filter=s' => \$filter, 'quiet' => \$quiet)
  or die "usage: $0 [--filter PATH] [--quiet] [CORPUS_DIR|FILE ...]\n";
-x $filter or die "$0: filter binary $filter not found/executable\n";
my @roots = @ARGV ? @ARGV : ("$FindBin::Bin/../../shared/corpus");

require Mail::SpamAssassin;
require Mail::SpamAssassin::PerMsgStatus;

my $tmp = tempdir(CLEANUP => 1);
mkdir "$tmp/rules"; mkdir "$tmp/state";
my $sa = Mail::SpamAssassin->new({
  local_tests_only    => 1,
  dont_copy_prefs     => 1,
  rules_filename      => "$tmp/rules",
  site_rules_filename => "$tmp/rules",
  userprefs_filename  => '/dev/null',
  userstate_dir       => "$tmp/state",
  post_config_text    => "trusted_networks !0/0\ninternal_networks !0/0\n"
                       . "clear_originating_ip_headers\n",
});
{
  # silence "registryboundaries: no tlds defined" noise
  local $SIG{__WARN__} = sub { warn @_ unless $_[0] =~ /registryboundaries|tlds/ };
  $sa->init(1);
}

my @files;
for my $r (@roots) {
  if (-d $r) {
    find({ no_chdir => 1, wanted => sub { push @files, $_ if -f $_ } }, $r);
  } else { push @files, $r }
}
@files = sort @files;

my @FIELDS = qw(ip rdns helo ident by id envfrom auth);
my %count;            # {field}{agree|convention|disagree}
my @diffs;            # [file, raw, field, sa, ours, class]
my @only_sa;          # [file, raw, sa_as_string, our kind]
my @only_ours;        # [file, raw, sa status, our hop summary]
my @unmatched;        # [file, raw, side]
my @neither;          # [file, raw, sa status, our kind]
my %distinct_both;    # distinct raw lines among the pairs
my %tot = (messages => 0, headers => 0, sa_relays => 0, our_relays => 0,
           both => 0, neither => 0, sa_ignored => 0, sa_unparseable => 0,
           msgs_sa_count_mismatch => 0);

# Compare as UTF-8 bytes, collapsing only ASCII white space (a U+00A0 inside
# a UTF-8 sequence must not be taken for a space).
sub bytes_of { my $s = shift // ''; utf8::encode($s) if utf8::is_utf8($s); $s }
sub norm_raw {
  my $s = bytes_of(shift);
  $s =~ s/^Received:[ \t\r\n]*//i;
  $s =~ s/[ \t\r\n]+/ /g; $s =~ s/^ //; $s =~ s/ $//;
  return $s;
}

# SA's own normalisation, re-expressed (not copied) so both sides can be
# compared modulo convention.
sub conv {
  my ($f, $v) = @_;
  $v = '' unless defined $v;
  $v =~ s/\s+/ /g; $v =~ s/^ //; $v =~ s/ $//;
  if ($f eq 'ip') {
    $v =~ s/^\[//; $v =~ s/\]$//;
    $v =~ s/^ipv6://i;
    $v =~ s/%[A-Za-z0-9._~-]*$//;
    $v =~ s/^0*:0*:(?:0*:)*ffff:(\d+\.\d+\.\d+\.\d+)$/$1/i;
    $v = lc $v;
  }
  if ($f eq 'rdns') {
    $v =~ s/\.+$//;
    $v = '' if $v =~ /^unknown$/i || $v =~ /^\[/;
  }
  if ($f eq 'envfrom' || $f eq 'id') { $v =~ s/^<+//; $v =~ s/>+$//; }
  if ($f eq 'helo') { $v =~ s/^\[(.*)\]$/$1/; $v =~ s/^!(.*)!$/$1/; }
  if ($f eq 'by') { $v =~ s/;$//; }
  if ($f eq 'auth') { return $v eq '' ? 'no' : 'yes'; }
  $v =~ s/[\s\000#\[\]()<>|]/!/g;
  $v = lc $v if $f =~ /^(?:ip|rdns|helo|by|envfrom)$/;
  return $v;
}

# Known, deliberate differences of convention between the two parsers.
# Returns (agree|convention|disagree, explanation).
sub classify {
  my ($f, $sv, $ov, $raw, $r, $o) = @_;
  return ('agree', '') if $sv eq $ov;
  if ($f eq 'auth') {
    return ('convention', 'both say authenticated; SA stores its own label')
      if $sv ne '' && $ov ne '';
    return ('convention', 'SA counts "with HTTPS" as a webmail login; spamtrace '
      . 'deliberately does not (Exchange Online writes it between its own '
      . 'servers, see doc/VIOLATIONS.md)')
      if uc($sv) eq 'HTTPS' && $ov eq '';
    return ('disagree', '');
  }
  return ('convention', 'same value modulo SA normalisation (! for []()<>#|, '
    . 'case, trailing dot, <> around ids/addresses)')
    if conv($f, $sv) eq conv($f, $ov);
  my $ip = quotemeta($r->{ip} // '');
  if ($f eq 'helo' && $sv eq '' && $ip ne '' && conv('ip', $ov) eq conv('ip', $r->{ip})
      && $raw =~ /^from \[?$ip\]? by /i) {
    return ('convention', 'bare "from [IP] by": spamtrace records the address '
      . 'literal as the HELO as well as the IP, SA as the IP only');
  }
  if ($f eq 'rdns' && $ov eq '' && $sv ne '' && lc $sv eq lc($r->{helo} // '')
      && $raw =~ /^from \S+ \(\[?(?:IPv6:)?[0-9a-f.:]+\]?\) by /i) {
    return ('convention', '"from NAME (IP) by": SA copies NAME into rdns as well '
      . 'as helo; spamtrace leaves rdns empty because no lookup result is written '
      . '(SA\'s own Exchange rule also leaves rdns empty)');
  }
  return ('disagree', '');
}

sub run_ours {
  my $file = shift;
  my $pid = open(my $out, '-|') // die "fork: $!";
  if (!$pid) {
    open(STDIN, '<', $file) or die "$file: $!";
    open(STDERR, '>', '/dev/null');
    exec($filter, '--json') or die "exec $filter: $!";
  }
  local $/; my $json = <$out>; close $out;
  my $d = eval { JSON::PP->new->utf8(1)->decode($json) };
  return $d ? $d->{hops} : undef;
}

FILE: for my $file (@files) {
  my $text = do { local $/; open(my $fh, '<', $file) or next FILE; <$fh> };
  $tot{messages}++;

  my $hops = run_ours($file);
  if (!$hops) { push @unmatched, [$file, '(whole message)', 'spamtrace-filter produced no JSON']; next }

  my $msg = $sa->parse($text, 1);
  my $pms = Mail::SpamAssassin::PerMsgStatus->new($sa, $msg);
  $msg->extract_message_metadata($pms);
  my $md = $msg->{metadata};
  my @sa_relays = (@{$md->{relays_trusted} || []}, @{$md->{relays_untrusted} || []});

  # per-header classification by SA
  my @hdrs;
  my $k = 0;
  for my $h ($msg->get_header('Received')) {
    my $line = $h; $line =~ s/\n[ \t]+/ /gs;
    my %save = %$md;                       # parse_received_line may touch state
    my $r = $md->parse_received_line($line);
    %$md = %save;
    my $e = { raw => norm_raw($h) };
    if (!defined $r)  { $e->{sa} = 'unparseable' }
    elsif (!$r)       { $e->{sa} = 'ignored' }
    else {
      $e->{sa} = 'relay'; $e->{rel} = $r;
      # prefer the pipeline's copy of the same relay (it carries state kept
      # across lines, e.g. the qmail-scanner envfrom); a relay missing from
      # the pipeline was dropped by SA's fetchmail-marker restart, which
      # discards the trusted relays seen so far.
      my $p = $sa_relays[$k];
      if ($p && join("\0", map { $p->{$_} // '' } qw(ip by helo id))
             eq join("\0", map { $r->{$_} // '' } qw(ip by helo id))) {
        $e->{rel} = $p; $k++;
      } else { $tot{sa_fetchmail_dropped}++ }
    }
    push @hdrs, $e;
  }
  if ($k != @sa_relays) { $tot{msgs_sa_count_mismatch}++ }

  # match to our hops by raw text, in order
  my @ours = map { { h => $_, raw => norm_raw($_->{raw}) } } @$hops;
  my $pos = 0;
  for my $e (@hdrs) {
    $tot{headers}++;
    my $found;
    for my $j ($pos .. $#ours) {
      if ($ours[$j]{raw} eq $e->{raw}) { $found = $j; last }
    }
    if (!defined $found) {
      # second chance: prefix match (one side may truncate very long lines)
      for my $j ($pos .. $#ours) {
        my ($a, $b) = ($ours[$j]{raw}, $e->{raw});
        if (length($a) > 20 && length($b) > 20 &&
            (index($a, $b) == 0 || index($b, $a) == 0)) { $found = $j; last }
      }
    }
    if (!defined $found) { push @unmatched, [$file, $e->{raw}, "no hop of ours (SA: $e->{sa})"]; next }
    $ours[$found]{matched} = 1;
    $pos = $found + 1;
    my $o = $ours[$found]{h};
    my $our_relay = $o->{relay} ? 1 : 0;
    $tot{sa_relays}++   if $e->{sa} eq 'relay';
    $tot{our_relays}++  if $our_relay;
    $tot{sa_ignored}++  if $e->{sa} eq 'ignored';
    $tot{sa_unparseable}++ if $e->{sa} eq 'unparseable';

    if ($e->{sa} eq 'relay' && !$our_relay) {
      push @only_sa, [$file, $e->{raw}, $e->{rel}{as_string}, "kind=$o->{kind} dialect=$o->{dialect}"];
      next;
    }
    if ($e->{sa} ne 'relay' && $our_relay) {
      push @only_ours, [$file, $e->{raw}, "SA: $e->{sa}",
        join(' ', map { "$_=" . ($o->{$_} // '') } qw(ip rdns helo by id), 'kind', 'dialect')];
      next;
    }
    if ($e->{sa} ne 'relay') {
      $tot{neither}++;
      push @neither, [$file, $e->{raw}, $e->{sa}, $o->{kind}];
      next;
    }

    $tot{both}++;
    $distinct_both{$e->{raw}} = 1;
    my $r = $e->{rel};
    for my $f (@FIELDS) {
      my $sv = bytes_of($r->{$f});
      my $ov = bytes_of($o->{$f});
      my ($cls, $why) = classify($f, $sv, $ov, $e->{raw}, $r, $o);
      $count{$f}{$cls}++;
      push @diffs, [$file, $e->{raw}, $f, $sv, $ov, $cls, $o->{dialect}, $why] if $cls ne 'agree';
    }
  }
  $pms->finish; $msg->finish;
  for my $x (@ours) {
    next if $x->{matched};
    push @unmatched, [$file, $x->{raw}, "no SA header (our kind=$x->{h}{kind})"];
  }
}

# ------------------------------------------------------------------ report
sub sh { my $f = shift; $f =~ s{^.*/corpus/}{}; $f }

print "spamtrace vs SpamAssassin $Mail::SpamAssassin::VERSION Received: parser\n";
print "filter: $filter\n\n";
printf "messages                      %5d\n", $tot{messages};
printf "Received: headers (SA view)   %5d\n", $tot{headers};
printf "  relay for SA                %5d\n", $tot{sa_relays};
printf "  ignored by SA (not a relay) %5d\n", $tot{sa_ignored};
printf "  unparseable for SA          %5d\n", $tot{sa_unparseable};
printf "  relay for spamtrace         %5d\n", $tot{our_relays};
printf "  relay for both              %5d\n", $tot{both};
printf "    (distinct lines)          %5d\n", scalar keys %distinct_both;
printf "  relay for neither           %5d\n", $tot{neither};
printf "  relay for SA only           %5d\n", scalar @only_sa;
printf "  relay for spamtrace only    %5d\n", scalar @only_ours;
printf "  headers not matched         %5d\n", scalar @unmatched;
printf "messages where per-line SA relays != SA metadata relays: %d\n", $tot{msgs_sa_count_mismatch};
printf "  (relays SA parses but then drops at a fetchmail marker: %d; compared anyway)\n\n", $tot{sa_fetchmail_dropped} // 0;

print "Per-field agreement over the $tot{both} relays parsed by both\n";
printf "%-8s %6s %6s %6s %6s  %8s %8s\n", 'field', 'agree', 'conv', 'differ', 'total', 'strict%', 'modconv%';
for my $f (@FIELDS) {
  my ($a, $c, $d) = map { $count{$f}{$_} // 0 } qw(agree convention disagree);
  my $t = $a + $c + $d || 1;
  printf "%-8s %6d %6d %6d %6d  %7.1f%% %7.1f%%\n", $f, $a, $c, $d, $a + $c + $d,
    100 * $a / $t, 100 * ($a + $c) / $t;
}
exit 0 if $quiet;

for my $cls (qw(disagree convention)) {
  my @l = grep { $_->[5] eq $cls } @diffs;
  print "\n== ", ($cls eq 'disagree' ? 'DISAGREEMENTS' : 'CONVENTION DIFFERENCES'),
        " (", scalar @l, ") ==\n";
  for my $x (sort { $a->[2] cmp $b->[2] || $a->[0] cmp $b->[0] } @l) {
    my ($file, $raw, $f, $sv, $ov, undef, $dial, $why) = @$x;
    print "\n[$f] ", sh($file), " (dialect $dial)\n  raw:  $raw\n  SA:   '$sv'\n  ours: '$ov'\n";
    print "  why:  $why\n" if $why;
  }
}
print "\n== RELAY FOR SA ONLY (", scalar @only_sa, ") ==\n";
for my $x (@only_sa) {
  print "\n", sh($x->[0]), "\n  raw:  $x->[1]\n  SA:   $x->[2]\n  ours: $x->[3]\n";
}
print "\n== RELAY FOR SPAMTRACE ONLY (", scalar @only_ours, ") ==\n";
for my $x (@only_ours) {
  print "\n", sh($x->[0]), "\n  raw:  $x->[1]\n  $x->[2]\n  ours: $x->[3]\n";
}
print "\n== RELAY FOR NEITHER (", scalar @neither, "): SA status / our kind ==\n";
for my $x (sort { $a->[2] cmp $b->[2] || $a->[3] cmp $b->[3] } @neither) {
  print "  SA=$x->[2] ours=$x->[3]  ", sh($x->[0]), ": $x->[1]\n";
}
print "\n== NOT MATCHED (", scalar @unmatched, ") ==\n";
for my $x (@unmatched) { print "\n", sh($x->[0]), "\n  raw:  $x->[1]\n  $x->[2]\n" }
