/* spamtrace-report.c - drafts polite, evidence-rich complaints about spam into an outbox Maildir.
 * RFC 5322 messages in; Maildir drafts out (maildir(5), flag D); nothing is ever sent. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "analysis.h"
#include "body.h"
#include "complaint.h"
#include "dns.h"
#include "draft.h"
#include "error.h"
#include "domain.h"
#include "input.h"
#include "ip.h"
#include "json.h"
#include "lookup.h"
#include "maildir.h"
#include "registry.h"
#include "settings.h"
#include "template.h"

#define PROGRAM "spamtrace-report"

/* sysexits.h values */
enum {
	EXIT_USAGE = 64,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78,
};

static gboolean opt_dry_run, opt_json, opt_force, opt_version, opt_notify_spoofed, opt_attach,
	opt_arf, opt_offline, opt_no_cache, opt_mbox;
static char *opt_config, *opt_outbox, *opt_template_dir, *opt_registry, *opt_from, *opt_contacts,
	*opt_dns_server, *opt_rdap_bootstrap, *opt_max_size;
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
	{ "mbox", 0, 0, G_OPTION_ARG_NONE, &opt_mbox,
		"Read every input (standard input too) as an mbox, whatever its first line", NULL },
	{ "max-size", 0, 0, G_OPTION_ARG_STRING, &opt_max_size,
		"Skip a message larger than SIZE bytes (K, M, G: KiB, MiB, GiB; default 64M)",
		"SIZE" },
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
	{ NULL },
};

typedef struct {
	StSettings *settings;
	StLookup *lookup; /* NULL when offline */
	GStrv dnsbl;      /* the zones, none empty; NULL when none */
	GStrv template_dirs;
	StRegistry *registry;
	GString *json; /* with --json */
	guint drafted, skipped, failed, too_big;
	guint planned;  /* messages in the --json plan so far */
	gboolean fatal; /* stop: the next draft would fail the same way */
	int exit_code;
} Run;

static char *
incident_of (const StAnalysis *a, const char *data, gsize header_len)
{
	const StField *f = st_headers_find (a->headers, "Message-ID", NULL);
	g_autofree char *id = f ? g_strstrip (st_field_unfold (f)) : NULL;
	gsize n = id != NULL ? strlen (id) : 0;
	/* the incident names the drafts (X-Spamtrace-Draft) and the registry's
	 * rows: a Message-ID of printable ASCII only, as RFC 5322 has it; the
	 * header's digest for any other (fuzz/fuzz-report.c found raw bytes
	 * reaching the drafts' header) */
	gboolean plain = n > 0 && n < 500;
	for (gsize i = 0; plain && i < n; i++)
		plain = (guchar)id[i] >= 0x20 && (guchar)id[i] < 0x7f;
	if (plain)
		return g_strdup_printf ("message-id:%s", id);
	g_autofree char *sum =
		g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, header_len);
	return g_strdup_printf ("headers-sha256:%s", sum);
}

/* Reply-To: addresses: mailboxes the spammer reads */
static GPtrArray *
reply_mailboxes (const StAnalysis *a)
{
	GPtrArray *boxes = g_ptr_array_new_with_free_func (g_free);
	const StField *f = st_headers_find (a->headers, "Reply-To", NULL);
	if (f == NULL)
		return boxes;
	g_autofree char *v = st_field_unfold (f);
	InternetAddressList *list = internet_address_list_parse (NULL, v);
	for (int i = 0; list != NULL && i < internet_address_list_length (list); i++) {
		InternetAddress *ia = internet_address_list_get_address (list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX (ia))
			g_ptr_array_add (
				boxes, g_ascii_strdown (internet_address_mailbox_get_addr (
								INTERNET_ADDRESS_MAILBOX (ia)),
					       -1));
	}
	if (list != NULL)
		g_object_unref (list);
	return boxes;
}

/* Replaces the RFC 2142 guesses with the abuse contacts the registries
 * publish: RDAP and whois for the networks, the domain's own contacts for a
 * relay. A lookup that fails leaves the guess, and says so. */
static void
look_up_recipients (Run *run, const StAnalysis *a, StPlan *plan)
{
	for (guint i = 0; i < plan->complaints->len; i++) {
		StComplaint *c = plan->complaints->pdata[i];
		g_autoptr (StContactList) found = st_contact_list_new ();
		g_autoptr (GError) error = NULL;
		StContactScope scope;
		gboolean ok;

		if ((c->role == ST_ROLE_NETWORK || c->role == ST_ROLE_SOURCE) && c->hop >= 0) {
			const StReceived *r = a->hops->pdata[c->hop];
			ok = st_lookup_address_contacts (run->lookup, r->ip, found, &error);
			scope = ST_CONTACT_SCOPE_NETWORK;
		} else if (c->role == ST_ROLE_RELAY) {
			g_autofree char *domain = st_domain_registrable (c->party);
			if (domain == NULL)
				continue;
			ok = st_lookup_domain_contacts (run->lookup, domain, found, &error);
			scope = ST_CONTACT_SCOPE_DOMAIN;
		} else {
			continue;
		}
		const StContact *best = ok ? st_contact_list_best (found, scope) : NULL;
		const char *why = NULL;
		if (best != NULL && best->confidence >= ST_CONFIDENCE_MEDIUM) {
			g_autofree char *src =
				g_strdup_printf ("%s (%s confidence, %s)", best->source,
					st_contact_confidence_name (best->confidence), best->role);
			if (st_plan_retarget (plan, i, best->address, src, run->settings, &why))
				continue;
		}
		/* keep the guess, and tell the reader why */
		GString *note = g_string_new (c->contact_source);
		if (why != NULL)
			g_string_append_printf (note, "; the registries named %s, but that is %s",
				best->address, why);
		else if (best == NULL && ok)
			g_string_append (note, "; the registries name no abuse contact");
		const GPtrArray *failures = st_lookup_failures (run->lookup);
		for (guint k = 0; failures != NULL && k < failures->len; k++)
			g_string_append_printf (
				note, "; lookup failed: %s", (const char *)failures->pdata[k]);
		g_free (c->contact_source);
		c->contact_source = g_string_free (note, FALSE);
	}
}

/* Mailboxes the body asks its readers to write to; never one of the
 * addresses the message was delivered to (a mailbox of the user's is never
 * one the spammer reads), which are collected once: a message may name
 * 200,000 of them and its body 4,096 mailboxes. */
static void
add_body_mailboxes (
	const StAnalysis *a, const StBody *body, const StSettings *settings, GPtrArray *boxes)
{
	static const char *const fields[] = { "To", "Cc", "Delivered-To", "X-Original-To",
		"Envelope-To", NULL };
	g_autoptr (GHashTable) delivered = st_headers_addresses (a->headers, fields);

	for (guint i = 0; body != NULL && i < body->urls->emails->len; i++) {
		const StEmail *e = body->urls->emails->pdata[i];
		g_autofree char *lower = g_ascii_strdown (e->address, -1);
		gboolean mine = g_hash_table_contains (delivered, lower);
		for (char **p = settings->report.addresses; p != NULL && *p != NULL && !mine; p++)
			mine = g_ascii_strcasecmp (*p, e->address) == 0;
		if (!mine)
			g_ptr_array_add (boxes, g_strdup (e->address));
	}
}

/* The network that hosts the web server of @u: its address from DNS, then
 * that address's abuse contact from the registries. */
static void
add_web_host (Run *run, const StUrl *u, const char *evidence, StPlan *plan)
{
	g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (StContactList) found = st_contact_list_new ();
	const StContact *best = NULL;
	const char *addr = NULL;

	if (u->flags & ST_URL_IP_HOST)
		g_ptr_array_add (addresses, g_strdup (u->host));
	else
		st_lookup_host_addresses (run->lookup, u->host, addresses, NULL);
	if (addresses->len == 0) {
		g_autofree char *note = g_strdup_printf (
			"the web host of %s (advertised): its address could not be found", u->host);
		st_plan_withhold (plan, note);
		return;
	}
	addr = addresses->pdata[0];
	if (st_lookup_address_contacts (run->lookup, addr, found, NULL))
		best = st_contact_list_best (found, ST_CONTACT_SCOPE_NETWORK);
	if (best == NULL || best->confidence < ST_CONFIDENCE_MEDIUM) {
		g_autofree char *note = g_strdup_printf (
			"the web host of %s at %s (advertised): the lookups named no abuse contact",
			u->host, addr);
		st_plan_withhold (plan, note);
		return;
	}
	g_autofree char *src =
		g_strdup_printf ("%s (%s confidence): the abuse contact of the network "
				 "of %s, the address of %s",
			best->source, st_contact_confidence_name (best->confidence), addr, u->host);
	g_autofree char *party =
		g_strdup_printf ("the web server %s (%s), in your network", u->host, addr);
	g_autofree char *ev = g_strdup_printf (
		"%sIts host name %s has the address %s.\n", evidence, u->host, addr);
	st_plan_add (plan, run->settings, ST_ROLE_ADVERTISER, best->address, party, src,
		g_steal_pointer (&ev));
}

/* At most this many advertised domains are looked up for one message. */
#define MAX_ADVERTISED 5

/* The parties behind what the spam advertises: the registrar of each
 * domain it links to (the domain itself is the advertiser's own, and is
 * listed, not written to), the abuse desk of a link shortener. */
static void
add_advertisers (Run *run, const StBody *body, StPlan *plan)
{
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	for (guint i = 0; body != NULL && i < body->urls->urls->len; i++) {
		const StUrl *u = body->urls->urls->pdata[i];
		if (u->registrable == NULL || g_hash_table_contains (seen, u->registrable) ||
			g_hash_table_size (seen) >= MAX_ADVERTISED)
			continue;
		g_hash_table_add (seen, u->registrable);
		g_autofree char *evidence = g_strdup_printf (
			"The message links to %s (written as \"%s\", in its %s).\n", u->url, u->raw,
			st_urls_where_name (u->where));
		if (u->flags & (ST_URL_SHORTENER | ST_URL_REDIRECTOR)) {
			g_autofree char *to = g_strdup_printf ("abuse@%s", u->registrable);
			g_autofree char *src =
				g_strdup_printf ("RFC 2142 guess: abuse@ of %s, the link shortener "
						 "or redirector hiding the "
						 "real target",
					u->registrable);
			g_autofree char *party = g_strdup_printf ("a link of yours, %s", u->url);
			st_plan_add (plan, run->settings, ST_ROLE_ADVERTISER, to, party, src,
				g_steal_pointer (&evidence));
			continue;
		}
		g_autofree char *own = g_strdup_printf (
			"%s (advertised): the advertiser's own domain, not written to",
			u->registrable);
		st_plan_withhold (plan, own);
		if (run->lookup == NULL) {
			g_autofree char *note =
				g_strdup_printf ("the registrar and the web host of %s "
						 "(advertised): need lookups (run "
						 "without --offline)",
					u->registrable);
			st_plan_withhold (plan, note);
			continue;
		}
		add_web_host (run, u, evidence, plan);
		g_autoptr (StContactList) found = st_contact_list_new ();
		const StContact *best = NULL;
		if (st_lookup_domain_contacts (run->lookup, u->registrable, found, NULL))
			best = st_contact_list_best (found, ST_CONTACT_SCOPE_REGISTRAR);
		if (best == NULL || best->confidence < ST_CONFIDENCE_MEDIUM) {
			g_autofree char *note =
				g_strdup_printf ("the registrar of %s (advertised): the lookups "
						 "named no abuse contact",
					u->registrable);
			st_plan_withhold (plan, note);
			continue;
		}
		g_autofree char *src =
			g_strdup_printf ("%s (%s confidence): the abuse contact of the "
					 "registrar of %s",
				best->source, st_contact_confidence_name (best->confidence),
				u->registrable);
		g_autofree char *party =
			g_strdup_printf ("the domain %s, registered through you", u->registrable);
		st_plan_add (plan, run->settings, ST_ROLE_ADVERTISER, best->address, party, src,
			g_steal_pointer (&evidence));
	}
}

/* What the DNSBLs say about the origin, for the user (--json, --contacts)
 * and, listings only, for the network's complaint: a list that refused or
 * timed out is said to have failed, never read as "not listed". NULL when
 * no zone was asked. */
static GPtrArray *
origin_dnsbl (Run *run, const StAnalysis *a, StPlan *plan)
{
	const StReceived *o = st_analysis_origin (a);
	GPtrArray *results;
	g_autoptr (GString) said = g_string_new (NULL);

	if (run->lookup == NULL || run->dnsbl == NULL || o == NULL || o->ip == NULL ||
		o->ip[0] == '\0')
		return NULL;
	results = g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);
	st_lookup_dnsbl (run->lookup, o->ip, (const char *const *)run->dnsbl, results, NULL);
	for (guint i = 0; i < results->len; i++) {
		const StDnsblResult *r = results->pdata[i];
		g_autofree char *codes = NULL;
		if (r->status != ST_DNS_POSITIVE)
			continue;
		g_ptr_array_add (r->codes, NULL);
		codes = g_strjoinv (", ", (char **)r->codes->pdata);
		g_ptr_array_set_size (r->codes, r->codes->len - 1);
		g_string_append_printf (
			said, "Listed in %s (%s) when this report was drafted.\n", r->zone, codes);
	}
	for (guint i = 0; said->len > 0 && i < plan->complaints->len; i++) {
		StComplaint *c = plan->complaints->pdata[i];
		char *ev;
		if (c->role != ST_ROLE_NETWORK || c->hop != a->walk.origin)
			continue;
		ev = g_strdup_printf ("%s\n%s", c->evidence, said->str);
		g_free (c->evidence);
		c->evidence = ev;
	}
	return results;
}

static void
json_plan (Run *run, const char *name, const StAnalysis *a, const StPlan *plan, const char *subject,
	const StBody *body, const GPtrArray *dnsbl)
{
	GString *j = run->json;
	const StReceived *o = st_analysis_origin (a);

	if (run->planned++ > 0)
		g_string_append_c (j, ',');
	g_string_append (j, "{\"input\":");
	st_json_string (j, name);
	g_string_append (j, ",\"subject\":");
	st_json_string (j, subject);
	g_string_append (j, ",\"origin\":");
	if (o != NULL) {
		g_string_append_printf (j, "{\"hop\":%d,\"ip\":", a->walk.origin);
		st_json_string (j, o->ip);
		g_string_append (j, ",\"rdns\":");
		st_json_string (j, o->rdns);
		g_string_append (j, ",\"dnsbl\":");
		st_dnsbl_results_json (j, dnsbl);
		g_string_append (j, "}");
	} else {
		g_string_append (j, "null");
	}
	g_string_append (j, ",\"drafts\":[");
	for (guint i = 0; i < plan->complaints->len; i++) {
		const StComplaint *c = plan->complaints->pdata[i];
		if (i > 0)
			g_string_append_c (j, ',');
		g_string_append (j, "{\"role\":");
		st_json_string (j, st_role_to_string (c->role));
		g_string_append (j, ",\"to\":");
		st_json_strings (j, c->to);
		g_string_append (j, ",\"party\":");
		st_json_string (j, c->party);
		g_string_append (j, ",\"hop\":");
		g_string_append_printf (j, "%d", c->hop);
		g_string_append (j, ",\"contact_source\":");
		st_json_string (j, c->contact_source);
		g_string_append (j, ",\"evidence\":");
		st_json_string (j, c->evidence);
		g_string_append (j, "}");
	}
	g_string_append (j, "],\"withheld\":[");
	for (guint i = 0; i < plan->withheld->len; i++) {
		if (i > 0)
			g_string_append_c (j, ',');
		st_json_string (j, plan->withheld->pdata[i]);
	}
	g_string_append (j, "],\"body\":");
	if (body != NULL) {
		g_autofree char *bj = st_body_to_json (body);
		g_string_append (j, bj);
	} else {
		g_string_append (j, "null");
	}
	g_string_append (j, "}");
}

/* Mail that went through spamtrace-filter carries our fields on top; the
 * copy we send is the message as it arrived, without them. */
static gsize
our_fields_length (const char *data, gsize len)
{
	gsize pos = 0;
	while (pos < len && len - pos >= 12 &&
		g_ascii_strncasecmp (data + pos, "X-Spamtrace-", 12) == 0) {
		do {
			const char *nl = memchr (data + pos, '\n', len - pos);
			pos = nl ? (gsize)(nl - data) + 1 : len;
		} while (pos < len && (data[pos] == ' ' || data[pos] == '\t'));
	}
	return pos;
}

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

/* Whether a draft's own header (up to its empty line) is printable ASCII
 * in lines of at most 998 bytes, as every header we write must be. The
 * planner keeps message text out of it; this is the last door: GMime
 * writes a recipient whose domain has an "xn--" label that libidn2
 * decodes but cannot encode back as raw UTF-8 (fuzz/fuzz-report.c). */
static gboolean
header_plain (const char *draft, gsize len)
{
	gsize line = 0;

	for (gsize i = 0; i < len; i++) {
		guchar b = (guchar)draft[i];
		if (b == '\n') {
			if (line == 0)
				return TRUE;
			line = 0;
			continue;
		}
		if ((b < 0x20 && b != '\t') || b > 0x7e || ++line > 998)
			return FALSE;
	}
	return FALSE;
}

/* One complaint: claimed in the registry, written, then recorded; a claim
 * is released when its draft cannot be written, and a draft the registry
 * cannot record is removed. */
static void
draft_complaint (Run *run, const char *name, const StDraftInput *in)
{
	const StComplaint *c = in->complaint;
	const char *role = st_role_to_string (c->role);
	g_autofree char *to = g_strjoinv (", ", (char **)c->to->pdata);
	g_autofree char *key = g_strdup_printf ("%s;%s;%s", in->incident, role, c->party);
	g_autofree char *was = NULL, *draft = NULL, *path = NULL;
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
	draft = st_draft_compose (in, &dlen, &error);
	if (draft != NULL && !header_plain (draft, dlen)) {
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
		fwrite (draft, 1, dlen, stdout);
		/* the marker on a line of its own: an attached original may end
		 * without a line end */
		printf ("%s----- end of draft -----\n",
			dlen > 0 && draft[dlen - 1] != '\n' ? "\n" : "");
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

static void
handle_message (Run *run, const char *name, const char *data, gsize len)
{
	gsize ours = our_fields_length (data, len);
	data += ours;
	len -= ours;

	StHeaderScan scan = { 0 };
	st_header_scan_feed (&scan, data, len, TRUE);
	g_autoptr (StAnalysis) a = st_analysis_run (data, scan.end, FALSE, run->settings);
	g_autoptr (GPtrArray) boxes = reply_mailboxes (a);
	g_autoptr (StBody) body = st_body_parse (data, len, NULL);
	add_body_mailboxes (a, body, run->settings, boxes);
	g_autoptr (StPlan) plan = st_plan_make (a, run->settings, boxes);
	if (run->lookup != NULL)
		look_up_recipients (run, a, plan);
	g_autoptr (GPtrArray) dnsbl = origin_dnsbl (run, a, plan);
	add_advertisers (run, body, plan);
	/* the numbers the spam gives are evidence for every recipient */
	st_plan_add_phones (plan, body);
	g_autofree char *incident = incident_of (a, data, scan.end);
	const StField *sf = st_headers_find (a->headers, "Subject", NULL);
	g_autofree char *subject_raw = sf ? g_strstrip (st_field_unfold (sf)) : g_strdup ("");
	g_autofree char *subject = g_mime_utils_header_decode_text (NULL, subject_raw);

	if (run->json != NULL) {
		json_plan (run, name, a, plan, subject, body, dnsbl);
		return;
	}
	for (guint i = 0; i < plan->withheld->len; i++)
		printf ("%s: not writing to %s\n", name, (char *)plan->withheld->pdata[i]);
	if (plan->complaints->len == 0)
		printf ("%s: nobody to write to\n", name);

	for (guint i = 0; i < plan->complaints->len && !run->fatal; i++) {
		StDraftInput in = { data, len, scan.end, a, plan->complaints->pdata[i],
			run->settings, (const char *const *)run->template_dirs, incident,
			body->region };
		draft_complaint (run, name, &in);
	}
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

static void
print_failures (StLookup *lookup)
{
	const GPtrArray *failures = st_lookup_failures (lookup);

	for (guint k = 0; failures != NULL && k < failures->len; k++)
		fprintf (stderr, "failed: %s\n", (const char *)failures->pdata[k]);
}

/* --contacts with DNSBLs: a line per zone, "dnsbl ZONE STATUS CODES|ERROR" */
static void
print_dnsbl (StLookup *lookup, const char *ip, GStrv zones)
{
	g_autoptr (GPtrArray) results =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);

	st_lookup_dnsbl (lookup, ip, (const char *const *)zones, results, NULL);
	for (guint i = 0; i < results->len; i++) {
		const StDnsblResult *r = results->pdata[i];
		g_autofree char *codes = NULL;
		g_ptr_array_add (r->codes, NULL);
		codes = g_strjoinv (" ", (char **)r->codes->pdata);
		g_ptr_array_set_size (r->codes, r->codes->len - 1);
		printf ("dnsbl\t%s\t%s%s%s\n", r->zone, st_dnsbl_status_name (r->status),
			r->codes->len > 0 || r->error != NULL ? "\t" : "",
			r->error != NULL ? r->error : codes);
	}
	print_failures (lookup);
}

/* Whether @what names an AS number, as "AS64500" or "as64500" (RFC 5396
 * asplain): TRUE, with the number in *@asn, or with @error set when it
 * reads as one but is written otherwise ("AS 1", "AS1.5", "AS012",
 * "AS4294967296"); FALSE, @error unset, when it does not read as one: a
 * name with a dot is a domain ("as1.example.net"), unless all after the
 * "AS" is digits and dots, which no domain is (no top-level label is
 * numeric). */
static gboolean
autnum_parse (const char *what, guint32 *asn, GError **error)
{
	const char *digits = what + 2;
	guint64 n = 0;

	if (g_ascii_strncasecmp (what, "AS", 2) != 0 ||
		(strchr (what, '.') != NULL && strspn (digits, "0123456789.") != strlen (digits)))
		return FALSE;
	if (digits[0] == '\0' || digits[0] == '0' ||
		strspn (digits, "0123456789") != strlen (digits) ||
		!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT32, &n, NULL)) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE,
			"'%s' is not an AS number: write AS and the number in decimal, "
			"AS1 to AS4294967295 (AS64500, or as64500)",
			what);
		return TRUE;
	}
	*asn = (guint32)n;
	return TRUE;
}

/* --contacts: what the registries say about an address, an AS number or a
 * domain, and the DNSBLs about an address */
static int
print_contacts (StLookup *lookup, const char *what, GStrv zones)
{
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	StIp ip;
	guint32 asn = 0;
	gboolean is_ip = st_ip_parse (what, -1, &ip);
	/* main () turned away the misspelt AS numbers */
	gboolean is_as = !is_ip && autnum_parse (what, &asn, NULL);
	gboolean ok = is_ip   ? st_lookup_address_contacts (lookup, what, found, &error)
		      : is_as ? st_lookup_autnum_contacts (lookup, asn, found, &error)
			      : st_lookup_domain_contacts (lookup, what, found, &error);

	for (guint i = 0; i < st_contact_list_length (found); i++) {
		const StContact *c = st_contact_list_get (found, i);
		printf ("%s\t%s\t%s\t%s\t%s\n", c->address, st_contact_scope_name (c->scope),
			st_contact_confidence_name (c->confidence), c->role, c->source);
	}
	print_failures (lookup);
	if (is_ip && zones != NULL)
		print_dnsbl (lookup, what, zones);
	if (!ok) {
		fprintf (stderr, PROGRAM ": %s\n", error ? error->message : "no answer");
		return error != NULL && g_error_matches (error, ST_ERROR, ST_ERROR_USAGE)
			       ? EXIT_USAGE
			       : 75;
	}
	if (st_contact_list_length (found) == 0)
		printf ("no contact found for %s\n", what);
	return 0;
}

int
main (int argc, char **argv)
{
	g_autoptr (GOptionContext) ctx = g_option_context_new ("[MESSAGE|MAILDIR|MBOX...]");
	g_autoptr (GError) error = NULL;
	g_autoptr (StSettings) settings = st_settings_new ();
	Run run = { 0 };
	guint64 max_size = 0;

	g_option_context_set_summary (ctx,
		"Drafts a short, polite complaint, with the evidence, for each party that should\n"
		"hear about each spam (read from the files, Maildirs and mboxes named, or from\n"
		"standard input), into an outbox Maildir flagged as drafts. Nothing is sent:\n"
		"review the drafts in your mail client and send them from there.");
	g_option_context_set_description (ctx,
		"Exit status: 0 when every message was handled, 1 when some input could not be\n"
		"read or a message was over the size limit (skipped), 64 for a usage error, 73\n"
		"when the outbox cannot be created, 74 when a draft cannot be written, 75 when\n"
		"the registry cannot be read or written, 78 for a bad config or template.\n"
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
		if (autnum_parse (opt_contacts, &asn, &error) && error != NULL) {
			fprintf (stderr, PROGRAM ": --contacts: %s\n", error->message);
			return EXIT_USAGE;
		}
	}
	if (opt_max_size != NULL && !st_settings_parse_size (opt_max_size, &max_size, &error)) {
		fprintf (stderr, PROGRAM ": --max-size: %s\n", error->message);
		return EXIT_USAGE;
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
	if (max_size != 0)
		rs->max_size = max_size;
	if (rs->max_size == 0)
		rs->max_size = ST_REPORT_MAX_SIZE_DEFAULT;
	/* --dnsbl replaces the config's zones; empty entries are dropped */
	{
		GStrv zones = opt_dnsbl != NULL ? opt_dnsbl : settings->lookups.dnsbl;
		g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
		guint n = 0;
		for (char **z = zones; z != NULL && *z != NULL; z++) {
			if ((*z)[0] == '\0')
				continue;
			if (!st_dns_name_valid (*z)) {
				fprintf (stderr,
					PROGRAM ": %s: dnsbl zone '%s' is not a domain name\n",
					opt_dnsbl != NULL ? "--dnsbl" : settings->source, *z);
				return opt_dnsbl != NULL ? EXIT_USAGE : EXIT_CONFIG;
			}
			g_strv_builder_add (kept, *z);
			n++;
		}
		run.dnsbl = n > 0 ? g_strv_builder_end (kept) : NULL;
	}
	if (!rs->offline || opt_contacts != NULL) {
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
		lo.offline = rs->offline;
		lo.no_cache = opt_no_cache;
		run.lookup = st_lookup_new (&lo, &error);
		if (run.lookup == NULL) {
			fprintf (stderr, PROGRAM ": %s\n", error->message);
			return EXIT_USAGE;
		}
	}
	if (opt_contacts != NULL) {
		int status = print_contacts (run.lookup, opt_contacts, run.dnsbl);
		st_lookup_free (run.lookup);
		g_strfreev (run.dnsbl);
		return status;
	}

	g_mime_init ();
	run.settings = settings;
	run.template_dirs =
		st_template_dirs (opt_template_dir ? opt_template_dir : rs->template_dir);
	if (opt_json)
		run.json = g_string_new ("[");
	/* the plan goes out a message at a time: an mbox of a million
	 * messages is not held as one string */
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

	read_inputs (&run, (const char *const *)argv + 1, rs->max_size);

	if (run.json != NULL) {
		g_string_append (run.json, "]\n");
		fwrite (run.json->str, 1, run.json->len, stdout);
		g_string_free (run.json, TRUE);
	} else if (!opt_dry_run) {
		printf ("%u draft%s written to %s, %u already drafted before\n", run.drafted,
			run.drafted == 1 ? "" : "s", rs->outbox, run.skipped);
	}
	st_registry_close (run.registry);
	st_lookup_free (run.lookup);
	g_strfreev (run.dnsbl);
	g_strfreev (run.template_dirs);
	if (fflush (stdout) != 0)
		return EXIT_IOERR;
	if (run.fatal)
		return run.exit_code;
	return run.failed > 0 || run.too_big > 0 ? 1 : 0;
}
