/* spamtrace-report.c - drafts polite, evidence-rich complaints about spam into an outbox Maildir.
 * RFC 5322 messages in; Maildir drafts out (maildir(5), flag D); nothing is ever sent. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "analysis.h"
#include "blocklist.h"
#include "body.h"
#include "complaint.h"
#include "digest.h"
#include "contacts.h"
#include "dns.h"
#include "draft.h"
#include "error.h"
#include "domain.h"
#include "input.h"
#include "json.h"
#include "lookup.h"
#include "maildir.h"
#include "overview.h"
#include "paths.h"
#include "planner.h"
#include "registry.h"
#include "settings.h"
#include "sightings.h"
#include "template.h"

#define PROGRAM "spamtrace-report"

/* sysexits.h values */
enum {
	EXIT_USAGE = 64,
	EXIT_OSFILE = 72, /* a file we ship is missing */
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78,
};

static gboolean opt_dry_run, opt_json, opt_force, opt_version, opt_help, opt_notify_spoofed,
	opt_attach, opt_arf, opt_offline, opt_no_cache, opt_mbox, opt_no_munge, opt_digest;
static char *opt_config, *opt_outbox, *opt_template_dir, *opt_registry, *opt_from, *opt_contacts,
	*opt_dns_server, *opt_rdap_bootstrap, *opt_max_size, *opt_blocklist, *opt_overview;
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
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
	{ "help", 'h', 0, G_OPTION_ARG_NONE, &opt_help,
		"Print this summary of the options and exit", NULL },
	{ NULL },
};

typedef struct {
	StSettings *settings;
	StWellKnown *well_known;
	StLookup *lookup; /* NULL when offline */
	GStrv dnsbl;      /* the zones, none empty; NULL when none */
	GStrv template_dirs;
	StRegistry *registry;
	StSightings *sightings; /* where the origins are remembered; NULL with --json, -n */
	StOverview *overview;   /* with --overview */
	GString *json;          /* with --json */
	StDigest *digest;       /* with --digest: the drafts, written at the end */
	guint drafted, skipped, failed, too_big;
	guint planned;  /* messages in the --json plan so far */
	gboolean fatal; /* stop: the next draft would fail the same way */
	int exit_code;
} Run;

/* What a run holds, released on every way out of main (). */
static void
run_clear (Run *run)
{
	st_registry_close (run->registry);
	st_sightings_close (run->sightings);
	st_overview_free (run->overview);
	st_well_known_free (run->well_known);
	st_lookup_free (run->lookup);
	st_digest_free (run->digest);
	g_strfreev (run->dnsbl);
	g_strfreev (run->template_dirs);
	if (run->json != NULL)
		g_string_free (run->json, TRUE);
	memset (run, 0, sizeof *run);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Stops the run on an error that the next draft would meet again. */
static void
stop (Run *run, const GError *error, int exit_code)
{
	fprintf (stderr, PROGRAM ": %s\n", error->message);
	run->fatal = TRUE;
	run->exit_code = exit_code;
}

/* A registry that cannot be read or written (locked past its busy timeout,
 * broken) stops the run: a draft it does not remember would be drafted
 * again, and one it cannot claim may be another run's. */
static void
stop_registry (Run *run, const GError *error)
{
	fprintf (stderr,
		PROGRAM ": %s; nothing more is drafted (try again when the registry is "
			"free)\n",
		error->message);
	run->fatal = TRUE;
	run->exit_code = EXIT_TEMPFAIL;
}

/* One draft of @plan: claimed in the registry first (another run may be
 * drafting the same), then composed and printed or delivered, then
 * recorded; a claim whose draft could not be written is released, and a
 * draft the registry cannot remember is removed. */
static void
draft_one (
	Run *run, const char *name, const StPlan *plan, const StComplaint *c, const char *incident)
{
	const char *role = st_role_to_string (c->role);
	g_autofree char *to = g_strjoinv (", ", (char **)c->to->pdata);
	g_autofree char *key = g_strdup_printf ("%s;%s;%s", incident, role, c->party);
	g_autofree char *was = NULL, *draft = NULL, *path = NULL, *preview = NULL;
	g_autoptr (GError) error = NULL;
	gsize dlen = 0;

	if (run->registry != NULL &&
		!st_registry_claim (run->registry, key, to, opt_force, &was, &error)) {
		if (error != NULL) {
			stop_registry (run, error);
			return;
		}
		printf ("%s: already drafted for %s (%s): %s\n", name, to, role, was);
		run->skipped++;
		return;
	}
	StDraftInput in = { plan->message, plan->message_len, plan->header_len, plan->analysis, c,
		run->settings, (const char *const *)run->template_dirs, incident,
		plan->body->region };
	if (run->digest != NULL) {
		st_digest_add (run->digest, &in, key);
		return;
	}
	draft = st_draft_compose (&in, &dlen, opt_dry_run ? &preview : NULL, &error);
	if (draft != NULL && !st_draft_header_plain (draft, dlen)) {
		fprintf (stderr,
			PROGRAM ": %s: no draft for %s (%s): its header would carry bytes that "
				"are not printable ASCII\n",
			name, to, role);
		if (run->registry != NULL)
			st_registry_release (run->registry, key, to, NULL);
		run->failed++;
		return;
	}
	if (draft != NULL && opt_dry_run) {
		printf ("----- draft %u for %s (%s) -----\n", run->drafted + 1, name, role);
		fputs (preview, stdout);
		/* the marker on a line of its own: an attached original may end
		 * without a line end */
		printf ("%s----- end of draft -----\n",
			preview[0] != '\0' && !g_str_has_suffix (preview, "\n") ? "\n" : "");
		run->drafted++;
		return;
	}
	if (draft != NULL)
		path = st_maildir_deliver (run->settings->report.outbox, draft, dlen, "D", &error);
	if (path == NULL) {
		if (run->registry != NULL)
			st_registry_release (run->registry, key, to, NULL);
		stop (run, error,
			g_error_matches (error, ST_ERROR, ST_ERROR_TEMPLATE) ? EXIT_CONFIG
									     : EXIT_IOERR);
		return;
	}
	if (run->registry != NULL && !st_registry_record (run->registry, key, to, path, &error)) {
		if (g_unlink (path) != 0)
			fprintf (stderr,
				PROGRAM ": cannot remove '%s' (%s): it is kept, but not "
					"remembered\n",
				path, g_strerror (errno));
		else
			fprintf (stderr,
				PROGRAM ": removed '%s', which the registry cannot "
					"remember\n",
				path);
		st_registry_release (run->registry, key, to, NULL);
		stop_registry (run, error);
		return;
	}
	printf ("%s: drafted for %s (%s): %s\n", name, to, role, path);
	run->drafted++;
}

/* --digest: the drafts, one per recipient, at the end of the run. */
static void
write_digest (Run *run)
{
	for (guint i = 0; run->digest != NULL && i < st_digest_len (run->digest) && !run->fatal;
		i++) {
		g_autoptr (GError) error = NULL;
		const char *to = st_digest_to (run->digest, i),
			   *role = st_digest_role (run->digest, i);
		guint n = st_digest_count (run->digest, i);
		g_autofree char *out = st_digest_write (run->digest, i, run->settings,
			(const char *const *)run->template_dirs, run->registry, opt_dry_run,
			&error);
		if (out == NULL) {
			stop (run, error,
				g_error_matches (error, ST_ERROR, ST_ERROR_TEMPLATE) ? EXIT_CONFIG
										     : EXIT_IOERR);
			return;
		}
		if (opt_dry_run)
			printf ("----- draft %u for %u message%s (%s) -----\n%s%s"
				"----- end of draft -----\n",
				run->drafted + 1, n, n == 1 ? "" : "s", role, out,
				g_str_has_suffix (out, "\n") ? "" : "\n");
		else
			printf ("digest of %u message%s: drafted for %s (%s): %s\n", n,
				n == 1 ? "" : "s", to, role, out);
		run->drafted++;
	}
}

/* The clearinghouse: where the spam came from is remembered (the
 * blocklist's sightings), the overview page gets the message. */
static void
clearinghouse (Run *run, const char *name, const StPlan *plan)
{
	const StAnalysis *a = plan->analysis;
	StSighting seen[ST_SIGHTINGS_PER_MESSAGE];
	guint n = st_sighting_list_from_analysis (a, g_get_real_time () / G_USEC_PER_SEC, seen);
	g_autofree char *incident = n > 0 ? st_plan_incident (plan) : NULL;
	const StField *f = st_headers_find (a->headers, "Message-ID", NULL);
	g_autofree char *id = f != NULL ? g_strstrip (st_field_unfold (f)) : NULL;
	const char *zone = run->settings->lookups.asn_zone != NULL ? run->settings->lookups.asn_zone
								   : ST_ASN_ZONE_DEFAULT;
	StAsnInfo as = { 0 };

	/* who announces the origin: a failure leaves it unknown */
	if (n > 0 && run->lookup != NULL && zone[0] != '\0' &&
		(run->sightings != NULL || run->overview != NULL))
		st_lookup_origin_as (run->lookup, seen[0].address, zone, &as, NULL);
	for (guint i = 0; run->sightings != NULL && i < n; i++) {
		g_autoptr (GError) error = NULL;
		if (!st_sightings_record (run->sightings, &seen[i], incident, id, &as, &error))
			fprintf (stderr, PROGRAM ": %s\n", error->message);
	}
	if (run->overview != NULL)
		st_overview_add (run->overview, name, a, plan->body, &as);
	st_asn_info_clear (&as);
	/* the registry writes to the same file next: no batch may hold it */
	if (run->sightings != NULL && opt_blocklist == NULL && opt_overview == NULL) {
		g_autoptr (GError) error = NULL;
		if (!st_sightings_flush (run->sightings, &error))
			fprintf (stderr, PROGRAM ": %s\n", error->message);
	}
}

/* The plan for one message, then its drafts: printed, or written to the
 * outbox and remembered. With --blocklist or --overview, nobody is looked
 * up and nothing drafted: the message is only remembered (with the
 * origin's AS when lookups are on). */
static void
handle_message (Run *run, const char *name, const char *data, gsize len)
{
	StPlanner planner = { run->settings, run->well_known, run->lookup,
		(const char *const *)run->dnsbl, opt_force };
	gboolean clearing_only = opt_blocklist != NULL || opt_overview != NULL;
	if (clearing_only) {
		/* the planner reads the message as for drafts, judging a forward on
		 * the original it carries, but asks no one */
		planner.lookup = NULL;
		planner.dnsbl = NULL;
	}
	g_autoptr (StPlan) plan = st_planner_plan (&planner, data, len);

	/* what our filter judged not suspect is not remembered as spam */
	gboolean spam = !plan->ham || opt_force;
	if (clearing_only) {
		if (spam)
			clearinghouse (run, name, plan);
		return;
	}
	for (guint i = 0; i < plan->lookup_failures->len; i++)
		fprintf (stderr, "%s: lookup failed: %s\n", name,
			(const char *)plan->lookup_failures->pdata[i]);
	if (run->json != NULL) {
		if (run->planned++ > 0)
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
	/* remembered after the drafts, whose registry comes first: a registry
	 * that cannot be written stops the run before */
	if (spam && !run->fatal)
		clearinghouse (run, name, plan);
}

/* Every message of the inputs (standard input when there are none), in order. */
static void
read_inputs (Run *run, const char *const *paths, guint64 max_size)
{
	g_autoptr (StInput) in = st_input_new (paths, max_size, opt_mbox);
	StInputItem item;

	while (!run->fatal && st_input_next (in, &item)) {
		switch (item.kind) {
		case ST_INPUT_MESSAGE:
			handle_message (run, item.label, item.data, item.len);
			if (run->json != NULL) {
				fwrite (run->json->str, 1, run->json->len, stdout);
				g_string_truncate (run->json, 0);
			}
			break;
		case ST_INPUT_EMPTY:
			fprintf (stderr, PROGRAM ": %s: empty, nothing to do\n", item.label);
			break;
		case ST_INPUT_TOO_BIG:
			fprintf (stderr,
				PROGRAM ": %s: %" G_GUINT64_FORMAT " bytes, over the limit of "
					"%" G_GUINT64_FORMAT " (--max-size, [report] max-size): "
					"skipped, nothing drafted\n",
				item.label, item.size, max_size);
			run->too_big++;
			break;
		case ST_INPUT_ERROR:
			fprintf (stderr, PROGRAM ": %s\n", item.error);
			run->failed++;
			break;
		}
		st_input_item_clear (&item);
	}
}

/* --blocklist, --overview: the files, each replaced whole */
static void
write_clearinghouse (Run *run)
{
	g_autoptr (GError) error = NULL;
	guint n = 0;

	if (opt_blocklist != NULL && st_blocklist_write (run->sightings, opt_blocklist,
					     g_get_real_time () / G_USEC_PER_SEC,
					     run->settings->blocklist.days, &n, &error))
		printf ("%u address%s written to %s\n", n, n == 1 ? "" : "es", opt_blocklist);
	if (error == NULL && opt_overview != NULL &&
		st_overview_write (run->overview, run->sightings, opt_overview, &error))
		printf ("overview written to %s\n", opt_overview);
	if (error != NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		run->fatal = TRUE;
		run->exit_code = EXIT_IOERR;
	}
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
	/* the user's own addresses keep their mailboxes out of every draft;
	 * a run that drafts nothing needs none */
	if ((rs->addresses == NULL || rs->addresses[0] == NULL) && opt_blocklist == NULL &&
		opt_overview == NULL && opt_contacts == NULL)
		fprintf (stderr,
			PROGRAM ": warning: [report] addresses is empty: only the message's "
				"recipient fields say which mailboxes are yours (see "
				"spamtrace.conf(5))\n");
	return TRUE;
}

/* --help, in ASCII (see st_settings_help ()). */
static int
print_help (GOptionContext *ctx)
{
	g_autofree char *help = st_settings_help (ctx);
	return fputs (help, stdout) < 0 ? EXIT_IOERR : 0;
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

/* The lookups, asking where [lookups] and the options say. 0, or the exit status
 * when an override or the DNS server does not parse (64) or the bootstrap
 * files we ship cannot be found or read (72). */
static int
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
		/* the bootstrap files are data, not a word of the user's */
		return g_error_matches (error, ST_ERROR, ST_ERROR_NOT_INSTALLED) ||
				       g_error_matches (error, ST_ERROR, ST_ERROR_IO)
			       ? EXIT_OSFILE
			       : EXIT_USAGE;
	}
	return 0;
}

int
main (int argc, char **argv)
{
	g_autoptr (GOptionContext) ctx = g_option_context_new ("[MESSAGE|MAILDIR|MBOX...]");
	g_autoptr (GError) error = NULL;
	g_autoptr (StSettings) settings = st_settings_new ();
	g_auto (Run) run = { 0 };
	guint64 max_size = 0;

	st_paths_init (argv[0]);
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
	if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
		fprintf (stderr, PROGRAM ": %s (try --help)\n", error->message);
		return EXIT_USAGE;
	}
	if (opt_help)
		return print_help (ctx);
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
	if (opt_max_size != NULL && !st_settings_parse_size (opt_max_size, &max_size, &error)) {
		fprintf (stderr, PROGRAM ": --max-size: %s\n", error->message);
		return EXIT_USAGE;
	}
	if (opt_digest && opt_arf) {
		fprintf (stderr, PROGRAM ": --digest and --arf exclude each other: a feedback "
					 "report is about one message\n");
		return EXIT_USAGE;
	}
	if (opt_json && opt_dry_run) {
		fprintf (stderr, PROGRAM ": --json and --dry-run exclude each other\n");
		return EXIT_USAGE;
	}
	if ((opt_blocklist != NULL || opt_overview != NULL) && (opt_json || opt_dry_run)) {
		fprintf (stderr, PROGRAM ": --blocklist and --overview draft nothing: they go "
					 "without --json and --dry-run\n");
		return EXIT_USAGE;
	}
	if (!st_settings_add_trust (settings, opt_trust, &error)) {
		fprintf (stderr, PROGRAM ": --trust: %s\n", error->message);
		return EXIT_USAGE;
	}
	/* every group: the filter's too, so that its mistakes show here */
	if (!st_settings_load_chosen (settings, opt_config, ST_SETTINGS_ALL, &error)) {
		for (guint i = 0; i < settings->problems->len; i++) {
			g_autofree char *m = st_settings_problem_message (settings, i);
			fprintf (stderr, PROGRAM ": %s\n", m);
		}
		return EXIT_CONFIG;
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
	if ((rs->from == NULL || rs->from[0] == '\0') && g_getenv ("EMAIL") != NULL &&
		g_getenv ("EMAIL")[0] != '\0') {
		g_free (rs->from);
		rs->from = g_strdup (g_getenv ("EMAIL"));
	}
	if ((rs->from == NULL || rs->from[0] == '\0') && !opt_json && opt_contacts == NULL &&
		opt_blocklist == NULL && opt_overview == NULL)
		fprintf (stderr,
			PROGRAM ": warning: no address for the drafts' From: (set "
				"[report] from, --from or $EMAIL); your mail client will ask\n");
	if (opt_outbox != NULL) {
		g_free (rs->outbox);
		rs->outbox = g_strdup (opt_outbox);
	}
	if (rs->outbox == NULL)
		rs->outbox = g_build_filename (g_get_home_dir (), "Maildir", ".Drafts", NULL);

	rs->offline |= opt_offline;
	if (max_size != 0)
		rs->max_size = max_size;
	if (rs->max_size == 0)
		rs->max_size = ST_REPORT_MAX_SIZE_DEFAULT;
	const char *own_templates = opt_template_dir ? opt_template_dir : rs->template_dir;
	if (!templates_found (own_templates))
		return EXIT_OSFILE;
	/* --dnsbl replaces the config's zones; empty entries are dropped */
	int status = dnsbl_zones (settings, &run.dnsbl);
	if (status != 0)
		return status;
	if (settings->lookups.asn_zone != NULL && settings->lookups.asn_zone[0] != '\0' &&
		!st_dns_name_valid (settings->lookups.asn_zone)) {
		fprintf (stderr, PROGRAM ": %s: asn-zone '%s' is not a domain name\n",
			settings->source, settings->lookups.asn_zone);
		return EXIT_CONFIG;
	}
	if (!rs->offline || opt_contacts != NULL) {
		status = open_lookup (&run, settings);
		if (status != 0)
			return status;
	}
	if (opt_contacts != NULL) {
		return st_report_print_contacts (run.lookup, opt_contacts, run.dnsbl, opt_json);
	}

	g_mime_init ();
	run.settings = settings;
	if (!read_policy_data (&run))
		return EXIT_CONFIG;
	run.template_dirs = st_template_dirs (own_templates);
	if (opt_json)
		run.json = g_string_new ("[");
	/* the plan goes out a message at a time: an mbox of a million
	 * messages is not held as one string */
	if (!opt_json && !opt_dry_run) {
		/* the registry's file, a connection of its own */
		run.sightings =
			st_sightings_open (opt_registry ? opt_registry : rs->registry, &error);
		if (run.sightings == NULL) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return EXIT_CANTCREAT;
		}
		if (opt_overview != NULL)
			run.overview = st_overview_new (g_get_real_time () / G_USEC_PER_SEC);
	}
	if (!opt_json && !opt_dry_run && opt_blocklist == NULL && opt_overview == NULL) {
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

	if (opt_digest && !opt_json)
		run.digest = st_digest_new ();
	read_inputs (&run, (const char *const *)argv + 1, rs->max_size);
	write_digest (&run);

	if (run.json != NULL) {
		g_string_append (run.json, "]\n");
		fputs (run.json->str, stdout);
	} else if (run.sightings != NULL && (opt_blocklist != NULL || opt_overview != NULL)) {
		write_clearinghouse (&run);
	} else if (!opt_dry_run) {
		printf ("%u draft%s written to %s, %u already drafted before\n", run.drafted,
			run.drafted == 1 ? "" : "s", rs->outbox, run.skipped);
	}
	if (fflush (stdout) != 0)
		return EXIT_IOERR;
	if (run.fatal)
		return run.exit_code;
	return run.failed > 0 || run.too_big > 0 ? 1 : 0;
}
