# examples/spamtrace.sieve - spamtrace with Dovecot's Sieve (Pigeonhole).
#
# Every message goes through spamtrace-filter, which adds X-Spamtrace-*
# fields on top and changes nothing else; a message it marks
# "X-Spamtrace-Suspect: yes" gets complaint drafts written by
# spamtrace-report into the outbox ~/Maildir/.Drafts (nothing is sent:
# review and send them from your mail client) and is filed into Junk.
#
# The programs run through Pigeonhole's extprograms plugin, which runs
# only programs found in the directories the administrator names. For
# every user, make this the "sieve_before" script, and dovecot.conf (or
# conf.d/90-sieve-extprograms.conf) needs:
#
#   plugin {
#     sieve_before = /etc/dovecot/sieve/spamtrace.sieve
#     sieve_plugins = sieve_extprograms
#     sieve_global_extensions = +vnd.dovecot.filter +vnd.dovecot.pipe
#     sieve_filter_bin_dir = /usr/local/lib/dovecot/sieve-filter
#     sieve_pipe_bin_dir = /usr/local/lib/dovecot/sieve-pipe
#     # Dovecot stops a program after 10 s (SIGTERM). The filter stays
#     # within [filter] budget (2 s); the report tool asking the
#     # registries about a message may need longer (see examples/README.md)
#     sieve_pipe_exec_timeout = 2min
#   }
#
# (sieve_global_extensions are for global scripts only: to let users copy
# this into their own script, e.g. ~/.dovecot.sieve, name the two
# extensions in sieve_extensions instead.) The programs go into those
# directories:
#
#   ln -s /usr/local/bin/spamtrace-filter /usr/local/lib/dovecot/sieve-filter/
#   ln -s /usr/local/bin/spamtrace-report /usr/local/lib/dovecot/sieve-pipe/
#
# and a global script is compiled once, by hand, since the mail user may
# not write next to it: sievec /etc/dovecot/sieve/spamtrace.sieve
#
# They run as the mail user, with that user's HOME; spamtrace-report
# writes into ~/Maildir/.Drafts by default and remembers what it drafted
# in ~/.local/share/spamtrace/drafted.sqlite. Virtual users need a HOME
# each (mail_home): see examples/README.md.

require ["vnd.dovecot.filter", "vnd.dovecot.pipe", "copy", "fileinto", "mailbox"];

# filter: the program's output replaces the message for the rest of the
# script and for delivery. If the program fails, Dovecot logs it and the
# script goes on with the message as it was (Pigeonhole 0.5), so it ends
# up in the inbox.
filter "spamtrace-filter";

if header :matches "X-Spamtrace-Suspect" "yes*" {
	# :copy: the message is still delivered; :try: a report tool that
	# fails does not make the script fail
	pipe :copy :try "spamtrace-report";
	# :create: make the Junk folder if it is not there yet
	fileinto :create "Junk";
}
