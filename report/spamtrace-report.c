/* spamtrace-report.c - drafts polite, evidence-rich complaints about spam into an outbox Maildir.
 * RFC 5322 messages in; Maildir drafts out (maildir(5), flag D); nothing is ever sent. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "complaint.h"
#include "contacts.h"
#include "dns.h"
#include "draft.h"
#include "error.h"
#include "lookup.h"
#include "maildir.h"
#include "planner.h"
#include "registry.h"
#include "settings.h"
#include "template.h"

#define PROGRAM "spamtrace-report"

/* sysexits.h values */
enum {
	EXIT_USAGE = 64,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_CONFIG = 78,
};

static gboolean opt_dry_run, opt_json, opt_force, opt_version, opt_notify_spoofed, opt_attach,
	opt_arf, opt_offline, opt_no_cache;
static char *opt_config, *opt_outbox, *opt_template_dir, *opt_registry, *opt_from, *opt_contacts,
	*opt_dns_server, *opt_rdap_bootstrap;
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
	{ "arf", 0, 0, G_OPTION_ARG_NONE, &opt_arf,
		"Write each draft as an RFC 5965 abuse report (multipart/report)", NULL },
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
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
	{ NULL },
};

typedef struct {
	StSettings *settings;
	StWellKnown *well_known;
	StLookup *lookup; /* NULL when offline */
	GStrv dnsbl;      /* the zones, none empty; NULL when none */
	GStrv template_dirs;
	StRegistry *registry;
	GString *json; /* with --json */
	guint drafted, skipped, failed;
	gboolean fatal; /* stop: the next draft would fail the same way */
	int exit_code;
} Run;

/* One draft of @plan: skipped when the registry has it, else composed and
 * printed or delivered. */
static void
draft_one (
	Run *run, const char *name, const StPlan *plan, const StComplaint *c, const char *incident)
{
	g_autofree char *to = g_strjoinv (", ", (char **)c->to->pdata);
	g_autofree char *key =
		g_strdup_printf ("%s;%s;%s", incident, st_role_to_string (c->role), c->party);
	g_autoptr (GError) error = NULL;

	if (run->registry != NULL && !opt_force) {
		g_autofree char *was = st_registry_lookup (run->registry, key, to, &error);
		if (was != NULL) {
			printf ("%s: already drafted for %s (%s): %s\n", name, to,
				st_role_to_string (c->role), was);
			run->skipped++;
			return;
		}
	}
	StDraftInput in = { plan->message, plan->message_len, plan->header_len, plan->analysis, c,
		run->settings, (const char *const *)run->template_dirs, incident,
		plan->body->region };
	gsize dlen = 0;
	g_autofree char *draft = st_draft_compose (&in, &dlen, &error);
	if (draft == NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		run->fatal = TRUE;
		run->exit_code = g_error_matches (error, ST_ERROR, ST_ERROR_TEMPLATE) ? EXIT_CONFIG
										      : EXIT_IOERR;
		return;
	}
	if (opt_dry_run) {
		printf ("----- draft %u for %s (%s) -----\n", run->drafted + 1, name,
			st_role_to_string (c->role));
		fwrite (draft, 1, dlen, stdout);
		printf ("----- end of draft -----\n");
		run->drafted++;
		return;
	}
	g_autofree char *path =
		st_maildir_deliver (run->settings->report.outbox, draft, dlen, "D", &error);
	if (path == NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		run->fatal = TRUE;
		run->exit_code = EXIT_IOERR;
		return;
	}
	if (run->registry != NULL && !st_registry_record (run->registry, key, to, path, &error))
		fprintf (stderr, PROGRAM ": %s\n", error->message);
	printf ("%s: drafted for %s (%s): %s\n", name, to, st_role_to_string (c->role), path);
	run->drafted++;
}

/* The plan for one message, then its drafts: printed, or written to the
 * outbox and remembered. */
static void
handle_message (Run *run, const char *name, const char *data, gsize len)
{
	StPlanner planner = { run->settings, run->well_known, run->lookup,
		(const char *const *)run->dnsbl, opt_force };
	g_autoptr (StPlan) plan = st_planner_plan (&planner, data, len);

	if (run->json != NULL) {
		if (run->json->len > 1)
			g_string_append_c (run->json, ',');
		st_plan_to_json (plan, name, run->json);
		return;
	}
	for (guint i = 0; i < plan->withheld->len; i++) {
		g_autofree char *line = st_withheld_describe (plan->withheld->pdata[i]);
		printf ("%s: not writing to %s\n", name, line);
	}
	if (plan->complaints->len == 0)
		printf ("%s: nobody to write to\n", name);
	g_autofree char *incident = st_plan_incident (plan);
	for (guint i = 0; i < plan->complaints->len && !run->fatal; i++)
		draft_one (run, name, plan, plan->complaints->pdata[i], incident);
}

/* An mbox holds messages each starting with a "From " line (RFC 4155). */
static void
handle_mbox (Run *run, const char *name, const char *data, gsize len)
{
	gsize start = 0;
	guint n = 0;
	while (start < len) {
		const char *next = NULL;
		for (const char *p = data + start; p != NULL && (gsize)(p - data) < len;) {
			p = memchr (p, '\n', len - (gsize)(p - data));
			if (p == NULL)
				break;
			p++;
			/* RFC 4155: a From line follows an empty line and names
			 * a sender; "From  :" inside a header is not one */
			if ((gsize)(p - data) + 6 <= len && memcmp (p, "From ", 5) == 0 &&
				p[5] != ' ' && p[5] != ':' && p - data >= 2 && p[-2] == '\n') {
				next = p;
				break;
			}
		}
		gsize end = next ? (gsize)(next - data) : len;
		/* the "From " line itself is not part of the message */
		const char *msg = data + start;
		const char *nl = memchr (msg, '\n', end - start);
		gsize skip = nl ? (gsize)(nl - msg) + 1 : end - start;
		g_autofree char *label = g_strdup_printf ("%s#%u", name, ++n);
		handle_message (run, label, msg + skip, end - start - skip);
		start = end;
		if (run->fatal)
			return;
	}
}

static void
handle_path (Run *run, const char *path)
{
	if (g_file_test (path, G_FILE_TEST_IS_DIR)) {
		static const char *const subs[] = { "new", "cur" };
		gboolean maildir = FALSE;
		for (gsize s = 0; s < G_N_ELEMENTS (subs) && !run->fatal; s++) {
			g_autofree char *dir = g_build_filename (path, subs[s], NULL);
			g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
			if (d == NULL)
				continue;
			maildir = TRUE;
			g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
			const char *n;
			while ((n = g_dir_read_name (d)) != NULL)
				if (n[0] != '.')
					g_ptr_array_add (names, g_strdup (n));
			g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
			for (guint i = 0; i < names->len && !run->fatal; i++) {
				g_autofree char *f =
					g_build_filename (dir, (char *)names->pdata[i], NULL);
				handle_path (run, f);
			}
		}
		if (!maildir) {
			fprintf (stderr,
				PROGRAM
				": '%s' is a directory but not a Maildir (no cur/ or new/)\n",
				path);
			run->failed++;
		}
		return;
	}
	g_autofree char *data = NULL;
	gsize len = 0;
	g_autoptr (GError) error = NULL;
	if (!g_file_get_contents (path, &data, &len, &error)) {
		fprintf (stderr, PROGRAM ": cannot read '%s': %s\n", path, error->message);
		run->failed++;
		return;
	}
	if (len > 5 && memcmp (data, "From ", 5) == 0)
		handle_mbox (run, path, data, len);
	else
		handle_message (run, path, data, len);
}

/* The zones of --dnsbl, or else of the config, none empty, into *@out
 * (NULL when none). 0, or the exit status for a zone that is no name. */
static int
dnsbl_zones (const StSettings *settings, GStrv *out)
{
	GStrv zones = opt_dnsbl != NULL ? opt_dnsbl : settings->lookups.dnsbl;
	g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
	guint n = 0;

	for (char **z = zones; z != NULL && *z != NULL; z++) {
		if ((*z)[0] == '\0')
			continue;
		if (!st_dns_name_valid (*z)) {
			fprintf (stderr, PROGRAM ": %s: dnsbl zone '%s' is not a domain name\n",
				opt_dnsbl != NULL ? "--dnsbl" : settings->source, *z);
			return opt_dnsbl != NULL ? EXIT_USAGE : EXIT_CONFIG;
		}
		g_strv_builder_add (kept, *z);
		n++;
	}
	*out = n > 0 ? g_strv_builder_end (kept) : NULL;
	return 0;
}

/* The list of well-known sites, and the warnings the policy's data calls
 * for, once a run. FALSE when [report] well-known cannot be read. */
static gboolean
read_policy_data (Run *run)
{
	const StReportSettings *rs = &run->settings->report;
	g_autoptr (GError) error = NULL;
	g_autofree char *warning = NULL;

	run->well_known = st_well_known_load (run->settings, &warning, &error);
	if (run->well_known == NULL && error != NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		return FALSE;
	}
	if (warning != NULL)
		fprintf (stderr, PROGRAM ": warning: %s\n", warning);
	/* the user's own addresses keep their mailboxes out of every draft */
	if (rs->addresses == NULL || rs->addresses[0] == NULL)
		fprintf (stderr,
			PROGRAM ": warning: [report] addresses is empty: only the message's "
				"recipient fields say which mailboxes are yours (see "
				"spamtrace.conf(5))\n");
	return TRUE;
}

/* The lookups, asking where [lookups] and the options say. FALSE when an
 * override or the DNS server does not parse. */
static gboolean
open_lookup (Run *run, const StSettings *settings)
{
	g_autoptr (GError) error = NULL;
	/* [lookups] of the config, then the options: the last override of a name wins */
	g_autoptr (GStrvBuilder) ob = g_strv_builder_new ();
	if (settings->lookups.whois_servers != NULL)
		g_strv_builder_addv (ob, (const char **)settings->lookups.whois_servers);
	if (opt_whois_server != NULL)
		g_strv_builder_addv (ob, (const char **)opt_whois_server);
	g_auto (GStrv) overrides = g_strv_builder_end (ob);
	StLookupOptions lo = { 0 };
	lo.dns_server = opt_dns_server ? opt_dns_server : settings->lookups.dns_server;
	lo.rdap_bootstrap =
		opt_rdap_bootstrap ? opt_rdap_bootstrap : settings->lookups.rdap_bootstrap;
	lo.overrides = (const char *const *)overrides;
	lo.cache_path = settings->lookups.cache;
	lo.offline = settings->report.offline;
	lo.no_cache = opt_no_cache;
	run->lookup = st_lookup_new (&lo, &error);
	if (run->lookup == NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		return FALSE;
	}
	return TRUE;
}

int
main (int argc, char **argv)
{
	g_autoptr (GOptionContext) ctx = g_option_context_new ("[MESSAGE|MAILDIR|MBOX...]");
	g_autoptr (GError) error = NULL;
	g_autoptr (StSettings) settings = st_settings_new ();
	Run run = { 0 };

	g_option_context_set_summary (ctx,
		"Drafts a short, polite complaint, with the evidence, for each party that should\n"
		"hear about each spam (read from the files, Maildirs and mboxes named, or from\n"
		"standard input), into an outbox Maildir flagged as drafts. Nothing is sent:\n"
		"review the drafts in your mail client and send them from there.");
	g_option_context_set_description (ctx,
		"Exit status: 0 when every message was handled, 1 when some input could not be\n"
		"read, 64 for a usage error, 73 when the outbox cannot be created, 74 when a\n"
		"draft cannot be written, 78 for a bad config or template.\n"
		"See spamtrace-report(1) and spamtrace.conf(5).");
	g_option_context_add_main_entries (ctx, entries, NULL);
	if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
		fprintf (stderr, PROGRAM ": %s (try --help)\n", error->message);
		return EXIT_USAGE;
	}
	if (opt_version) {
		printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
		return 0;
	}
	if (opt_contacts != NULL) {
		/* a misspelt AS number is a usage error whatever the config says */
		guint32 asn;
		if (st_report_autnum_parse (opt_contacts, &asn, &error) && error != NULL) {
			fprintf (stderr, PROGRAM ": --contacts: %s\n", error->message);
			return EXIT_USAGE;
		}
	}
	if (opt_json && opt_dry_run) {
		fprintf (stderr, PROGRAM ": --json and --dry-run exclude each other\n");
		return EXIT_USAGE;
	}
	if (!st_settings_add_trust (settings, opt_trust, &error)) {
		fprintf (stderr, PROGRAM ": --trust: %s\n", error->message);
		return EXIT_USAGE;
	}
	if (!st_settings_load_chosen (settings, opt_config, &error)) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		return EXIT_CONFIG;
	}
	StReportSettings *rs = &settings->report;
	rs->notify_spoofed |= opt_notify_spoofed;
	rs->attach |= opt_attach;
	rs->arf |= opt_arf;
	if (opt_from != NULL) {
		g_free (rs->from);
		rs->from = g_strdup (opt_from);
	}
	if (opt_outbox != NULL) {
		g_free (rs->outbox);
		rs->outbox = g_strdup (opt_outbox);
	}
	if (rs->outbox == NULL)
		rs->outbox = g_build_filename (g_get_home_dir (), "Maildir", ".Drafts", NULL);

	rs->offline |= opt_offline;
	/* --dnsbl replaces the config's zones; empty entries are dropped */
	int status = dnsbl_zones (settings, &run.dnsbl);
	if (status != 0)
		return status;
	if ((!rs->offline || opt_contacts != NULL) && !open_lookup (&run, settings))
		return EXIT_USAGE;
	if (opt_contacts != NULL) {
		status = st_report_print_contacts (run.lookup, opt_contacts, run.dnsbl);
		st_lookup_free (run.lookup);
		g_strfreev (run.dnsbl);
		return status;
	}

	g_mime_init ();
	run.settings = settings;
	if (!read_policy_data (&run))
		return EXIT_CONFIG;
	run.template_dirs =
		st_template_dirs (opt_template_dir ? opt_template_dir : rs->template_dir);
	if (opt_json)
		run.json = g_string_new ("[");
	if (!opt_json && !opt_dry_run) {
		if (!st_maildir_ensure (rs->outbox, &error)) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return EXIT_CANTCREAT;
		}
		run.registry =
			st_registry_open (opt_registry ? opt_registry : rs->registry, &error);
		if (run.registry == NULL) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return EXIT_CANTCREAT;
		}
	}

	if (argc < 2) {
		g_autoptr (GByteArray) in = g_byte_array_new ();
		guint8 buf[65536];
		ssize_t r;
		while ((r = read (0, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
			if (r > 0)
				g_byte_array_append (in, buf, (guint)r);
		if (r < 0) {
			fprintf (stderr, PROGRAM ": cannot read standard input: %s\n",
				g_strerror (errno));
			return 1;
		}
		if (in->len > 5 && memcmp (in->data, "From ", 5) == 0)
			handle_mbox (&run, "<stdin>", (const char *)in->data, in->len);
		else
			handle_message (&run, "<stdin>", (const char *)in->data, in->len);
	}
	for (int i = 1; i < argc && !run.fatal; i++)
		handle_path (&run, argv[i]);

	if (run.json != NULL) {
		g_string_append (run.json, "]\n");
		fputs (run.json->str, stdout);
		g_string_free (run.json, TRUE);
	} else if (!opt_dry_run) {
		printf ("%u draft%s written to %s, %u already drafted before\n", run.drafted,
			run.drafted == 1 ? "" : "s", rs->outbox, run.skipped);
	}
	st_registry_close (run.registry);
	st_well_known_free (run.well_known);
	st_lookup_free (run.lookup);
	g_strfreev (run.dnsbl);
	g_strfreev (run.template_dirs);
	if (fflush (stdout) != 0)
		return EXIT_IOERR;
	if (run.fatal)
		return run.exit_code;
	return run.failed > 0 ? 1 : 0;
}
