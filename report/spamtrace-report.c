/* spamtrace-report.c - drafts polite, evidence-rich complaints about spam into an outbox Maildir.
 * RFC 5322 messages in; Maildir drafts out (maildir(5), flag D); nothing is ever sent. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "contacts.h"
#include "dns.h"
#include "lookups.h"
#include "maildir.h"
#include "paths.h"
#include "remembered.h"
#include "run.h"
#include "settings.h"
#include "template.h"

#define PROGRAM ST_REPORT_PROGRAM

static gboolean opt_dry_run, opt_json, opt_force, opt_version, opt_help, opt_notify_spoofed,
	opt_attach, opt_arf, opt_offline, opt_no_cache, opt_mbox, opt_no_munge, opt_quiet, opt_list,
	opt_digest;
static char *opt_config, *opt_outbox, *opt_template_dir, *opt_registry, *opt_from, *opt_contacts,
	*opt_dns_server, *opt_rdap_bootstrap, *opt_max_size, *opt_blocklist, *opt_overview,
	*opt_forget;
static char **opt_trust, **opt_whois_server, **opt_dnsbl;

static const GOptionEntry entries[] = {
	{ "outbox", 'o', 0, G_OPTION_ARG_FILENAME, &opt_outbox,
		"Write drafts into the Maildir DIR (default ~/Maildir/.Drafts)", "DIR" },
	{ "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run,
		"Print the drafts instead of writing them; remember nothing", NULL },
	{ "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
		"Print the plan (who would get what, and why) as JSON; write nothing", NULL },
	{ "force", 'f', 0, G_OPTION_ARG_NONE, &opt_force, "Draft again what was drafted before",
		NULL },
	{ "notify-spoofed", 0, 0, G_OPTION_ARG_NONE, &opt_notify_spoofed,
		"Also tell the owner of a forged From: domain that their name is misused", NULL },
	{ "attach", 0, 0, G_OPTION_ARG_NONE, &opt_attach,
		"Attach the original message (message/rfc822)", NULL },
	{ "digest", 0, 0, G_OPTION_ARG_NONE, &opt_digest,
		"One draft per recipient for all the spams read that name it, each in turn", NULL },
	{ "arf", 0, 0, G_OPTION_ARG_NONE, &opt_arf,
		"Write each draft as an RFC 5965 abuse report (multipart/report)", NULL },
	{ "no-munge", 0, 0, G_OPTION_ARG_NONE, &opt_no_munge,
		"Keep your own addresses in the quoted headers and body (hidden by default)",
		NULL },
	{ "from", 0, 0, G_OPTION_ARG_STRING, &opt_from,
		"Your address, for the drafts' From:", "ADDRESS" },
	{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt_config,
		"Read settings from FILE (default: ~/.config/spamtrace/spamtrace.conf)", "FILE" },
	{ "trust", 't', 0, G_OPTION_ARG_STRING_ARRAY, &opt_trust,
		"Treat NET as ours, as in spamtrace-filter (repeatable)", "NET" },
	{ "template-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_template_dir,
		"Look for templates in DIR before the installed ones", "DIR" },
	{ "registry", 0, 0, G_OPTION_ARG_FILENAME, &opt_registry,
		"Remember drafts in FILE (default: ~/.local/share/spamtrace/drafted.sqlite)",
		"FILE" },
	{ "contacts", 0, 0, G_OPTION_ARG_STRING, &opt_contacts,
		"Look up who to tell about ADDRESS, AS number (AS64500) or DOMAIN, print it with "
		"its sources, and exit",
		"ADDRESS|ASN|DOMAIN" },
	{ "offline", 0, 0, G_OPTION_ARG_NONE, &opt_offline,
		"No DNS, RDAP or whois lookups: recipients from the headers alone", NULL },
	{ "no-cache", 0, 0, G_OPTION_ARG_NONE, &opt_no_cache,
		"Neither read nor write the lookup cache", NULL },
	{ "dns-server", 0, 0, G_OPTION_ARG_STRING, &opt_dns_server,
		"Ask this DNS server (default: the system's)", "HOST:PORT" },
	{ "rdap-bootstrap", 0, 0, G_OPTION_ARG_FILENAME, &opt_rdap_bootstrap,
		"A directory of IANA RDAP bootstrap files (default: the installed ones)", "DIR" },
	{ "whois-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_whois_server,
		"Ask HOST:PORT whenever NAME (a whois server or an RDAP host) would be asked "
		"(repeatable)",
		"NAME=HOST:PORT" },
	{ "dnsbl", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_dnsbl,
		"Look the origin up in the DNSBL ZONE (repeatable; replaces the config's list)",
		"ZONE" },
	{ "mbox", 0, 0, G_OPTION_ARG_NONE, &opt_mbox,
		"Read every input (standard input too) as an mbox, whatever its first line", NULL },
	{ "max-size", 0, 0, G_OPTION_ARG_STRING, &opt_max_size,
		"Skip a message larger than SIZE bytes (K, M, G: KiB, MiB, GiB; default 64M)",
		"SIZE" },
	{ "blocklist", 0, 0, G_OPTION_ARG_FILENAME, &opt_blocklist,
		"Remember where the spams came from, then write the DNS blocklist FILE for rbldnsd "
		"of all that was seen within [blocklist] days; draft nothing",
		"FILE" },
	{ "overview", 0, 0, G_OPTION_ARG_FILENAME, &opt_overview,
		"Write one HTML page about the spams read to FILE; draft nothing", "FILE" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
		"Say only warnings and errors: no status lines, no progress, no summary", NULL },
	{ "list", 0, 0, G_OPTION_ARG_NONE, &opt_list,
		"Print what the registry remembers was drafted, newest first, and exit", NULL },
	{ "forget", 0, 0, G_OPTION_ARG_STRING, &opt_forget,
		"Forget the drafts for the message MESSAGE-ID, or to ADDRESS, so that the next run "
		"drafts them again; then exit",
		"MESSAGE-ID|ADDRESS" },
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
	{ "help", 'h', 0, G_OPTION_ARG_NONE, &opt_help,
		"Print this summary of the options and exit", NULL },
	{ NULL },
};

/* --help, in ASCII (see st_settings_help ()). */
static int
print_help (GOptionContext *ctx)
{
	g_autofree char *help = st_settings_help (ctx);
	return fputs (help, stdout) < 0 ? ST_EXIT_IOERR : 0;
}

/* Whether a run that drafts, with no template directory of the user's
 * (@own), finds ours; if not, it says where it looked, before the run
 * allocates anything. */
static gboolean
templates_found (const char *own)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *ours = NULL;

	if (opt_json || opt_contacts != NULL || opt_blocklist != NULL || opt_overview != NULL ||
		own != NULL || (ours = st_paths_find (ST_PATH_TEMPLATES, &error)) != NULL)
		return TRUE;
	fprintf (stderr, PROGRAM ": %s\n", error->message);
	return FALSE;
}

/* What the steps of main () return to go on; anything else is the exit status. */
#define GO_ON (-1)

/* Options that exclude each other, or that no config can make sense of. */
static int
check_options (guint64 *max_size)
{
	g_autoptr (GError) error = NULL;

	if (opt_contacts != NULL) {
		/* a misspelt AS number is a usage error whatever the config says */
		guint32 asn;
		if (st_report_autnum_parse (opt_contacts, &asn, &error) && error != NULL) {
			fprintf (stderr, PROGRAM ": --contacts: %s\n", error->message);
			return ST_EXIT_USAGE;
		}
	}
	if (opt_max_size != NULL && !st_settings_parse_size (opt_max_size, max_size, &error)) {
		fprintf (stderr, PROGRAM ": --max-size: %s\n", error->message);
		return ST_EXIT_USAGE;
	}
	if (opt_digest && opt_arf) {
		fprintf (stderr, PROGRAM ": --digest and --arf exclude each other: a feedback "
					 "report is about one message\n");
		return ST_EXIT_USAGE;
	}
	if (opt_json && opt_dry_run) {
		fprintf (stderr, PROGRAM ": --json and --dry-run exclude each other\n");
		return ST_EXIT_USAGE;
	}
	if ((opt_blocklist != NULL || opt_overview != NULL) && (opt_json || opt_dry_run)) {
		fprintf (stderr, PROGRAM ": --blocklist and --overview draft nothing: they go "
					 "without --json and --dry-run\n");
		return ST_EXIT_USAGE;
	}
	if ((opt_list || opt_forget != NULL) &&
		(opt_list + (opt_forget != NULL) + opt_json + opt_dry_run + (opt_contacts != NULL) +
			(opt_blocklist != NULL) + (opt_overview != NULL)) > 1) {
		fprintf (stderr, PROGRAM ": --list and --forget go alone (with --registry, "
					 "--config)\n");
		return ST_EXIT_USAGE;
	}
	return GO_ON;
}

/* The config, then the options over it, into @settings. */
static int
load_settings (StSettings *settings, guint64 max_size)
{
	g_autoptr (GError) error = NULL;

	if (!st_settings_add_trust (settings, opt_trust, &error)) {
		fprintf (stderr, PROGRAM ": --trust: %s\n", error->message);
		return ST_EXIT_USAGE;
	}
	/* every group: the filter's too, so that its mistakes show here */
	if (!st_settings_load_chosen (settings, opt_config, ST_SETTINGS_ALL, &error)) {
		for (guint i = 0; i < settings->problems->len; i++) {
			g_autofree char *m = st_settings_problem_message (settings, i);
			fprintf (stderr, PROGRAM ": %s\n", m);
		}
		return ST_EXIT_CONFIG;
	}
	StReportSettings *rs = &settings->report;
	rs->notify_spoofed |= opt_notify_spoofed;
	rs->attach |= opt_attach;
	rs->arf |= opt_arf;
	rs->munge &= !opt_no_munge;
	if (opt_from != NULL) {
		g_free (rs->from);
		rs->from = g_strdup (opt_from);
	}
	const char *email = g_getenv ("EMAIL");
	if ((rs->from == NULL || rs->from[0] == '\0') && email != NULL && email[0] != '\0') {
		g_free (rs->from);
		rs->from = g_strdup (email);
	}
	if (opt_outbox != NULL) {
		g_free (rs->outbox);
		rs->outbox = g_strdup (opt_outbox);
	}
	if (rs->outbox == NULL)
		rs->outbox = g_build_filename (g_get_home_dir (), "Maildir", ".Drafts", NULL);
	if (opt_registry != NULL) {
		g_free (rs->registry);
		rs->registry = g_strdup (opt_registry);
	}
	rs->offline |= opt_offline;
	if (max_size != 0)
		rs->max_size = max_size;
	if (rs->max_size == 0)
		rs->max_size = ST_REPORT_MAX_SIZE_DEFAULT;
	return GO_ON;
}

/* What the settings need before a run: the zones and the lookups. */
static int
check_settings (StRun *run, StSettings *settings)
{
	const StReportSettings *rs = &settings->report;

	if ((rs->from == NULL || rs->from[0] == '\0') && !opt_json && opt_contacts == NULL &&
		opt_blocklist == NULL && opt_overview == NULL)
		fprintf (stderr,
			PROGRAM ": warning: no address for the drafts' From: (set "
				"[report] from, --from or $EMAIL); your mail client will ask\n");
	if (!templates_found (opt_template_dir ? opt_template_dir : rs->template_dir))
		return ST_EXIT_OSFILE;
	/* --dnsbl replaces the config's zones; empty entries are dropped */
	int status = st_report_dnsbl_zones (settings, opt_dnsbl, &run->dnsbl);
	if (status != 0)
		return status;
	if (settings->lookups.asn_zone != NULL && settings->lookups.asn_zone[0] != '\0' &&
		!st_dns_name_valid (settings->lookups.asn_zone)) {
		fprintf (stderr, PROGRAM ": %s: asn-zone '%s' is not a domain name\n",
			settings->source, settings->lookups.asn_zone);
		return ST_EXIT_CONFIG;
	}
	if (!rs->offline || opt_contacts != NULL) {
		StReportLookupOptions lo = { opt_whois_server, opt_dns_server, opt_rdap_bootstrap,
			opt_no_cache };
		status = st_report_open_lookup (settings, &lo, &run->lookup);
		if (status != 0)
			return status;
	}
	return GO_ON;
}

/* Whether the progress line goes to standard error: a terminal, and one
 * that the drafts or the plan are not printed on too. */
static gboolean
progress_wanted (void)
{
	return isatty (fileno (stderr)) &&
	       (!isatty (fileno (stdout)) || (!opt_dry_run && !opt_json));
}

/* What a run holds before it reads its first message. */
static int
open_run (StRun *run, StSettings *settings)
{
	StReportSettings *rs = &settings->report;
	g_autoptr (GError) error = NULL;

	run->opt = (StRunOptions){ opt_dry_run, opt_force, opt_mbox, opt_blocklist, opt_overview };
	run->settings = settings;
	run->status = st_status_new (PROGRAM, opt_quiet, progress_wanted ());
	if (!st_run_read_policy_data (run))
		return ST_EXIT_CONFIG;
	run->template_dirs =
		st_template_dirs (opt_template_dir ? opt_template_dir : rs->template_dir);
	/* the plan goes out a message at a time: an mbox of a million
	 * messages is not held as one string */
	if (opt_json)
		run->json = g_string_new ("[");
	else if (opt_digest)
		run->digest = st_digest_new ();
	if (!opt_json && !opt_dry_run) {
		/* the registry's file, a connection of its own */
		run->sightings = st_sightings_open (rs->registry, &error);
		if (run->sightings == NULL) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return ST_EXIT_CANTCREAT;
		}
		if (opt_overview != NULL)
			run->overview = st_overview_new (g_get_real_time () / G_USEC_PER_SEC);
	}
	if (!opt_json && !opt_dry_run && opt_blocklist == NULL && opt_overview == NULL) {
		if (!st_maildir_ensure (rs->outbox, &error)) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return ST_EXIT_CANTCREAT;
		}
		run->registry = st_registry_open (rs->registry, &error);
		if (run->registry == NULL) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return ST_EXIT_CANTCREAT;
		}
	}
	return GO_ON;
}

/* After the last message: the plan's end, the clearinghouse's files, or
 * the summary; the exit status. */
static int
finish_run (StRun *run)
{
	if (run->json != NULL) {
		g_string_append (run->json, "]\n");
		fputs (run->json->str, stdout);
	} else if (run->sightings != NULL && (opt_blocklist != NULL || opt_overview != NULL)) {
		st_run_write_clearinghouse (run);
	} else {
		st_status_summary (run->status, opt_dry_run ? NULL : run->settings->report.outbox);
	}
	if (fflush (stdout) != 0)
		return ST_EXIT_IOERR;
	if (run->fatal)
		return run->exit_code;
	return run->failed > 0 || run->too_big > 0 ? 1 : 0;
}

static GOptionContext *
options_new (void)
{
	GOptionContext *ctx = g_option_context_new ("[MESSAGE|MAILDIR|MBOX...]");

	g_option_context_set_summary (ctx,
		"Drafts a short, polite complaint, with the evidence, for each party that should\n"
		"hear about each spam (read from the files, Maildirs and mboxes named, or from\n"
		"standard input), into an outbox Maildir flagged as drafts. Nothing is sent:\n"
		"review the drafts in your mail client and send them from there.");
	g_option_context_set_description (ctx,
		"Exit status: 0 when every message was handled, 1 when some input could not be\n"
		"read or a message was over the size limit (skipped), 64 for a usage error, 72\n"
		"when the templates or bootstrap files we ship cannot be found, 73 when the\n"
		"outbox cannot be created, 74 when a draft cannot be written, 75 when the\n"
		"registry cannot be read or written, 78 for a bad config or template.\n"
		"See spamtrace-report(1) and spamtrace.conf(5).");
	g_option_context_add_main_entries (ctx, entries, NULL);
	g_option_context_set_help_enabled (ctx, FALSE); /* ours: see st_settings_help () */
	return ctx;
}

int
main (int argc, char **argv)
{
	g_autoptr (GOptionContext) ctx = options_new ();
	g_autoptr (GError) error = NULL;
	g_autoptr (StSettings) settings = st_settings_new ();
	g_auto (StRun) run = { 0 };
	guint64 max_size = 0;
	int status;

	/* unbuffered, a status line would reach a log in pieces (setvbuf
	 * comes before any output) */
	setvbuf (stderr, NULL, _IOLBF, 0);
	st_paths_init (argv[0]);
	if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
		fprintf (stderr, PROGRAM ": %s (try --help)\n", error->message);
		return ST_EXIT_USAGE;
	}
	if (opt_help)
		return print_help (ctx);
	if (opt_version) {
		printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
		return 0;
	}
	if ((status = check_options (&max_size)) != GO_ON ||
		(status = load_settings (settings, max_size)) != GO_ON)
		return status;
	if (opt_list)
		return st_report_list (settings->report.registry);
	if (opt_forget != NULL)
		return st_report_forget (settings->report.registry, opt_forget);
	if ((status = check_settings (&run, settings)) != GO_ON)
		return status;
	if (opt_contacts != NULL)
		return st_report_print_contacts (run.lookup, opt_contacts, run.dnsbl, opt_json);

	g_mime_init ();
	if ((status = open_run (&run, settings)) != GO_ON)
		return status;
	st_run_inputs (&run, (const char *const *)argv + 1, settings->report.max_size);
	st_run_write_digest (&run);
	return finish_run (&run);
}
