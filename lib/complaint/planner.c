/* planner.c - the one planner: who should hear about a spam, in every role, and why.
 * RFC 2142 sections 2 and 4, RFC 5321 section 4.1.3, RFC 5322 section 3.6.7, RFC 2046 5.2.1.
 *
 * A party is named only on credible evidence: the lines our own servers
 * wrote (the origin), a provider's lines proven by its own addresses (the
 * source), the reply channels the message really offers, the landing pages
 * it really sends its reader to. The roles are planned in that order, so
 * that the drafts past [report] max-drafts are the least credible. */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "account.h"
#include "body.h"
#include "domain.h"
#include "finding.h"
#include "gmime-autoptr.h"
#include "ip.h"
#include "offers.h"
#include "ours.h"
#include "planner.h"
#include "providers.h"

/* The planning of one message. */
typedef struct {
	const StPlanner *planner;
	StPlan *plan;
	const StAnalysis *a;
	const StPolicy *policy;
	gboolean outer_forward; /* the Received lines are the user's own forward's */
} Planning;

static gboolean
may_look_up (Planning *pl, StRole role, const char *what)
{
	return st_offers_may_look_up (pl->plan, pl->planner, role, what);
}

/* ---- our own fields, and forwards --------------------------------------- */

/* Mail that went through spamtrace-filter carries our fields on top: the
 * copy we send is the message as it arrived, without them. Returns their
 * length; *@ham tells whether the topmost X-Spamtrace-Suspect says "no". */
static gsize
our_fields (const char *data, gsize len, gboolean *ham)
{
	gsize pos = 0;
	gboolean seen = FALSE;

	*ham = FALSE;
	const char *suspect = st_ours_name (ST_OURS_SUSPECT);
	gsize sl = strlen (suspect);

	while (pos < len && st_ours_is (data + pos, (gssize)(len - pos))) {
		if (!seen && len - pos > sl + 1 &&
			g_ascii_strncasecmp (data + pos, suspect, sl) == 0 &&
			data[pos + sl] == ':') {
			const char *v = data + pos + sl + 1;
			while (v < data + len && (*v == ' ' || *v == '\t'))
				v++;
			*ham = data + len - v >= 2 && g_ascii_strncasecmp (v, "no", 2) == 0 &&
			       (data + len - v == 2 || !g_ascii_isalnum (v[2]));
			seen = TRUE;
		}
		do {
			const char *nl = memchr (data + pos, '\n', len - pos);
			pos = nl ? (gsize)(nl - data) + 1 : len;
		} while (pos < len && (data[pos] == ' ' || data[pos] == '\t'));
	}
	return pos;
}

/* Subject prefixes of a forward, in the languages of the corpora: Fw, Fwd,
 * TR (French), WG (German), RV (Spanish), ENC (Portuguese), I (Italian),
 * Doorst (Dutch). */
static gboolean
forward_subject (const StAnalysis *a)
{
	static const char *const prefixes[] = { "fw", "fwd", "tr", "wg", "rv", "enc", "i",
		"doorst" };
	const StField *f = st_headers_find (a->headers, "Subject", NULL);
	if (f == NULL)
		return FALSE;
	g_autofree char *v = g_strstrip (st_field_unfold (f));
	for (gsize k = 0; k < G_N_ELEMENTS (prefixes); k++) {
		gsize n = strlen (prefixes[k]);
		/* the prefix first: a shorter subject ends before v + n */
		if (g_ascii_strncasecmp (v, prefixes[k], n) != 0)
			continue;
		const char *p = v + n;
		while (*p == ' ')
			p++;
		if (*p == ':')
			return TRUE;
	}
	return FALSE;
}

/* The first message/rfc822 part of the message in @data, as bytes, or NULL. */
static char *
attached_original (const char *data, gsize len, gsize *out_len)
{
	g_autoptr (GMimeMessage) m = st_body_mime_parse (data, len);
	GMimeObject *top = m != NULL ? g_mime_message_get_mime_part (m) : NULL;

	if (top == NULL || !GMIME_IS_MULTIPART (top))
		return NULL;
	GMimeMultipart *mp = GMIME_MULTIPART (top);
	for (int k = 0; k < g_mime_multipart_get_count (mp) && k < 64; k++) {
		GMimeObject *part = g_mime_multipart_get_part (mp, k);
		if (!GMIME_IS_MESSAGE_PART (part))
			continue;
		GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (part));
		if (inner == NULL)
			continue;
		char *text = g_mime_object_to_string (GMIME_OBJECT (inner), NULL);
		*out_len = strlen (text);
		return text;
	}
	return NULL;
}

/* The From: mailbox, or NULL. */
static char *
from_address (const StAnalysis *a)
{
	const StField *f = st_headers_find (a->headers, "From", NULL);
	char *addr = NULL;
	if (f == NULL)
		return NULL;
	g_autofree char *v = st_field_unfold (f);
	InternetAddressList *list = internet_address_list_parse (NULL, v);
	if (list != NULL && internet_address_list_length (list) > 0 &&
		INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
		addr = g_strdup (internet_address_mailbox_get_addr (
			INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0))));
	if (list != NULL)
		g_object_unref (list);
	return addr;
}

static gsize
header_length (const char *data, gsize len)
{
	StHeaderScan scan = { 0 };
	st_header_scan_feed (&scan, data, len, TRUE);
	return scan.end;
}

/* Reads the message: our fields off, then the original a forward carries
 * when there is one. Fills plan->analysis, ->policy, ->message. */
static void
read_message (Planning *pl, const char *data, gsize len)
{
	const StSettings *settings = pl->planner->settings;
	StPlan *plan = pl->plan;
	gsize ours = our_fields (data, len, &plan->ham);

	plan->message = data + ours;
	plan->message_len = len - ours;
	plan->header_len = header_length (plan->message, plan->message_len);
	plan->analysis = st_analysis_run (plan->message, plan->header_len, FALSE, settings);
	plan->policy = st_policy_new (plan->analysis, NULL, settings, pl->planner->well_known);

	g_autofree char *from = from_address (plan->analysis);
	gboolean mine = from != NULL && st_policy_is_user (plan->policy, from);
	gboolean fw = forward_subject (plan->analysis);
	gsize inner_len = 0;
	g_autofree char *inner =
		mine || fw ? attached_original (plan->message, plan->message_len, &inner_len)
			   : NULL;
	if (!mine && inner == NULL)
		return;
	plan->forwarded = g_strdup (
		mine ? "its From: is your own address: you forwarded it"
		     : "a forward (its Subject says so) carrying the original as message/rfc822");
	if (inner == NULL) {
		pl->outer_forward = TRUE;
		return;
	}
	/* judged on the original; the forward's recipients and servers are
	 * the user's all the same */
	StAnalysis *outer = plan->analysis;
	st_policy_free (plan->policy);
	plan->inner = g_steal_pointer (&inner);
	plan->message = plan->inner;
	plan->message_len = inner_len;
	plan->header_len = header_length (plan->message, plan->message_len);
	plan->analysis = st_analysis_run (plan->message, plan->header_len, FALSE, settings);
	plan->policy = st_policy_new (plan->analysis, outer, settings, pl->planner->well_known);
	st_analysis_free (outer);
}

/* ---- the lines our servers wrote: origin, source, relays ----------------- */

/* The registrable domain of @name when it is a host name; a name a line
 * recorded for a client is its PTR record, whose owner writes any bytes
 * (fuzz/fuzz-report.c): then NULL, and the guess is postmaster@[address]
 * rather than none. */
static char *
host_registrable (const char *name)
{
	char *domain = st_domain_registrable (name);

	if (domain != NULL && !st_domain_name_valid (domain, ST_DOMAIN_NAME_LDH))
		g_clear_pointer (&domain, g_free);
	return domain;
}

/* The address to tell about a client: abuse@ of the registrable domain of
 * the name a trusted line recorded for it, else postmaster@[address]. */
static void
network_contact (const StHop *h, char **address, char **source)
{
	const StReceived *r = h->line;
	g_autofree char *domain = NULL;
	const StSender *sender = h->sender;
	if (r->rdns[0] != '\0' && !(r->flags & ST_RECEIVED_MAY_BE_FORGED))
		domain = host_registrable (r->rdns);
	/* No name recorded (Microsoft 365 records the EHLO only): a big
	 * provider's outbound server is known by its address in the
	 * provider's networks, and its EHLO in the provider's form. */
	if (domain == NULL && r->helo[0] != '\0' && sender != NULL &&
		(domain = host_registrable (r->helo)) != NULL) {
		*address = g_strdup_printf ("abuse@%s", domain);
		*source = g_strdup_printf (
			"RFC 2142 guess: abuse@ of %s; %s is in the outbound networks of %s and "
			"introduced itself as %s",
			domain, r->ip, sender->name, r->helo);
		return;
	}
	if (domain != NULL) {
		*address = g_strdup_printf ("abuse@%s", domain);
		*source = g_strdup_printf (
			"RFC 2142 guess: abuse@ of %s, the registrable domain of %s, the name %s "
			"found for %s",
			domain, r->rdns, r->by[0] ? r->by : "the receiving server", r->ip);
		return;
	}
	/* RFC 5321 4.1.3: an IPv6 literal is tagged */
	gboolean v6 = h->has_ip && h->ip.family == 6;
	*address = g_strdup_printf ("postmaster@[%s%s]", v6 ? "IPv6:" : "", r->ip);
	*source = g_strdup_printf ("last resort: %s (RFC 5321), as %s recorded no name for it",
		*address, r->by[0] ? r->by : "the receiving server");
}

static char *
hop_evidence (const StAnalysis *a, int hop, const char *why)
{
	const StReceived *r = a->hop[hop].line;
	return g_strdup_printf ("%s\nThe line that shows it (hop %d of the message's Received: "
				"lines, counted from the top):\n\n  Received: %s\n",
		why, hop, r->raw);
}

static char *
party_of (const StReceived *r)
{
	return g_strdup_printf (
		"%s%s%s%s", r->ip, r->rdns[0] ? " (" : "", r->rdns, r->rdns[0] ? ")" : "");
}

/* Replaces the RFC 2142 guess of complaint @i about the client @ip with
 * the abuse contact the registries publish; a lookup that fails leaves
 * the guess, and says so. */
static void
look_up_network (Planning *pl, guint i, const char *ip)
{
	StComplaint *c = pl->plan->complaints->pdata[i];
	g_autoptr (StContactList) found = st_contact_list_new ();
	StRule why = ST_RULE_COUNT;

	if (!may_look_up (pl, c->role, ip))
		return;
	gboolean ok = st_lookup_address_contacts (pl->planner->lookup, ip, found, NULL);
	st_plan_note_failures (pl->plan, pl->planner->lookup);
	const StContact *best = ok ? st_contact_list_best (found, ST_CONTACT_SCOPE_NETWORK) : NULL;
	if (best != NULL && best->confidence >= ST_CONFIDENCE_MEDIUM) {
		g_autofree char *src = g_strdup_printf ("%s (%s confidence, %s)", best->source,
			st_contact_confidence_name (best->confidence), best->role);
		if (st_plan_retarget (pl->plan, i, pl->policy, best->address, src, &why))
			return;
	}
	GString *note = g_string_new (c->contact_source);
	if (why != ST_RULE_COUNT)
		g_string_append_printf (note, "; the registries named %s, but that is %s",
			best->address, st_rule_meaning (why));
	else if (best == NULL && ok)
		g_string_append (note, "; the registries name no abuse contact");
	/* what failed is the user's business (stderr, --json), never the letter's */
	st_plan_note_failures (pl->plan, pl->planner->lookup);
	g_free (c->contact_source);
	c->contact_source = g_string_free (note, FALSE);
}

/* The DNSBLs' answers about the origin: listings go into its complaint's
 * evidence; a list that could not be asked is said to have failed. */
static void
origin_dnsbl (Planning *pl, StComplaint *c, const char *ip)
{
	g_autoptr (GString) said = g_string_new (NULL);

	if (pl->planner->dnsbl == NULL || !may_look_up (pl, ST_ROLE_NETWORK, ip))
		return;
	pl->plan->dnsbl = g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);
	st_lookup_dnsbl (pl->planner->lookup, ip, pl->planner->dnsbl, pl->plan->dnsbl, NULL);
	for (guint i = 0; i < pl->plan->dnsbl->len; i++) {
		const StDnsblResult *r = pl->plan->dnsbl->pdata[i];
		if (r->status != ST_DNS_POSITIVE)
			continue;
		g_ptr_array_add (r->codes, NULL);
		g_autofree char *codes = g_strjoinv (", ", (char **)r->codes->pdata);
		g_ptr_array_set_size (r->codes, r->codes->len - 1);
		g_string_append_printf (
			said, "Listed in %s (%s) when this report was drafted.\n", r->zone, codes);
	}
	if (c != NULL && said->len > 0) {
		char *ev = g_strdup_printf ("%s\n%s", c->evidence, said->str);
		g_free (c->evidence);
		c->evidence = ev;
	}
}

/* The origin's own line, just below ours, signed with the name our server
 * found for it: what it says about relaying is evidence about the origin,
 * never a complaint of its own. */
static char *
origin_relaying (const StAnalysis *a)
{
	int below = a->walk.origin + 1;
	if (below >= (int)a->n_hops || a->hop[below].judged.insecure->len == 0)
		return NULL;
	const StReceived *o = a->hop[a->walk.origin].line;
	const StReceived *r = a->hop[below].line;
	g_autofree char *od = o->rdns[0] ? st_domain_registrable (o->rdns) : NULL;
	g_autofree char *rd = st_domain_registrable (r->by);
	if (od == NULL || rd == NULL || strcmp (od, rd) != 0 ||
		(o->flags & ST_RECEIVED_MAY_BE_FORGED))
		return NULL;
	GString *out = g_string_new (NULL);
	for (guint k = 0; k < a->hop[below].judged.insecure->len; k++) {
		const StFinding *f = a->hop[below].judged.insecure->pdata[k];
		g_string_append_printf (out,
			"The line below it, written in the name of %s, says it relays insecurely: "
			"%s.\n",
			r->by, f->detail);
	}
	return g_string_free (out, FALSE);
}

/* When a mail provider's own outbound server at @hop sent the message
 * (the origin, or the source its proven lines record), one complaint to
 * its desk about the account, instead of one about its shared server's
 * address. TRUE when it is a provider we know. */
static gboolean
plan_account (Planning *pl, int hop)
{
	const StAnalysis *a = pl->a;
	StAccount acc;

	if (!st_account_find (a, hop != a->walk.origin, &acc))
		return FALSE;
	if (acc.hop != hop) {
		st_account_clear (&acc);
		return FALSE;
	}
	const StReceived *r = a->hop[acc.hop].line;
	g_autofree char *server = party_of (r);
	g_autofree char *party =
		acc.account != NULL
			? g_strdup_printf ("%s%s", acc.account,
				  acc.certainty == ST_ACCOUNT_PROVEN ? "" : " (unconfirmed)")
			: g_strdup_printf ("an account that sent mail through %s", server);
	const StSender *sender = a->hop[acc.hop].sender;
	g_autofree char *src = g_strdup_printf (
		"RFC 2142 guess: abuse@ of %s, for accounts of %s; %s is in the outbound networks "
		"of %s and introduced itself as %s",
		acc.desk + 6, acc.org, r->ip, sender != NULL ? sender->name : acc.org,
		r->helo[0] ? r->helo : "nothing");
	g_autofree char *why = g_strdup_printf ("%s\n%s handed the message %s at %s.", acc.evidence,
		server, acc.hop == a->walk.origin ? "to our server" : "on",
		r->date[0] ? r->date : "the time in the line");
	StComplaint *c = st_plan_add (pl->plan, pl->policy, ST_ROLE_ACCOUNT, ST_RULE_ACCOUNT,
		acc.desk, party, src, hop_evidence (a, acc.hop, why), acc.hop);
	if (c != NULL) {
		c->provider = acc.org;
		c->account = g_steal_pointer (&acc.account);
		c->certainty = st_account_certainty_name (acc.certainty);
	}
	st_account_clear (&acc);
	return TRUE;
}

static void
plan_origin (Planning *pl)
{
	const StAnalysis *a = pl->a;
	const StReceived *o = st_analysis_origin (a);

	if (o == NULL) {
		st_plan_withhold (
			pl->plan, ST_ROLE_NETWORK, ST_RULE_NO_ORIGIN, "the origin", a->walk.reason);
		return;
	}
	if (o->ip[0] == '\0') {
		st_plan_withhold (pl->plan, ST_ROLE_NETWORK, ST_RULE_NO_CLIENT, o->by, NULL);
		return;
	}
	g_autofree char *to = NULL, *src = NULL;
	g_autofree char *party = party_of (o);
	if (pl->outer_forward) {
		st_plan_withhold (pl->plan, ST_ROLE_NETWORK, ST_RULE_FORWARDED, party, NULL);
		return;
	}
	if (plan_account (pl, a->walk.origin))
		return;
	/* an address our own servers go by, or one of the user's declared
	 * networks, that the walk could not trust: the user's own server,
	 * whatever name it goes by. (An address in the user's provider's
	 * ranges is not: where its inbound and outbound servers share them,
	 * the walk has found another customer's outbound server.) */
	if (st_policy_check_host_address (pl->policy, o->ip) == ST_RULE_OUR_NETWORK) {
		st_plan_withhold (pl->plan, ST_ROLE_NETWORK, ST_RULE_OUR_NETWORK, party, o->ip);
		return;
	}
	network_contact (&a->hop[a->walk.origin], &to, &src);
	g_autofree char *relaying = origin_relaying (a);
	g_autofree char *why = g_strdup_printf (
		"The message was handed to our mail system by %s, which our server %s "
		"recorded at %s. %s%s%s",
		party, o->by, o->date[0] ? o->date : "the time in the line",
		a->walk.origin > 0 ? "The lines above it were written by our own servers; this one "
				     "records who connected to them, so it cannot have been forged "
				     "by the sender."
				   : "Our server wrote this line itself when the client connected, "
				     "so it cannot have been forged by the sender.",
		relaying != NULL ? "\n" : "", relaying != NULL ? relaying : "");
	guint n = pl->plan->complaints->len;
	StComplaint *c = st_plan_add (pl->plan, pl->policy, ST_ROLE_NETWORK, ST_RULE_ORIGIN, to,
		party, src, hop_evidence (a, a->walk.origin, why), a->walk.origin);
	if (c != NULL)
		look_up_network (pl, n, o->ip);
	origin_dnsbl (pl, c, o->ip);
}

/* The source stands only when every line from the origin down to it is
 * the provider's own, each recording a client in the provider's networks,
 * none forged; the first step that records no client ends the proof. */
static StRule
source_proven (const StAnalysis *a, const StSender *s, int *stop)
{
	for (int i = a->walk.origin + 1; i < a->source.hop; i++) {
		const StReceived *r = a->hop[i].line;
		*stop = i;
		if (a->hop[i].judged.judgement == ST_JUDGEMENT_FORGED || !st_sender_owns (s, r->by))
			return ST_RULE_BELOW_BOUNDARY;
		if (r->ip[0] == '\0')
			return ST_RULE_HIDDEN;
		if (!st_sender_has_addr (s, a->hop[i].has_ip ? &a->hop[i].ip : NULL) &&
			!st_sender_owns (s, r->ip))
			return ST_RULE_BELOW_BOUNDARY;
	}
	return ST_RULE_COUNT;
}

static void
plan_source (Planning *pl)
{
	const StAnalysis *a = pl->a;
	const StReceived *o = st_analysis_origin (a);
	const StSender *s = o != NULL ? a->hop[a->walk.origin].sender : NULL;
	int stop = -1;

	if (a->source.hop < 0) {
		if (a->source.hidden)
			st_plan_withhold (pl->plan, ST_ROLE_SOURCE, ST_RULE_HIDDEN,
				a->source.provider, a->source.why);
		return;
	}
	const StReceived *r = a->hop[a->source.hop].line;
	g_autofree char *party = party_of (r);
	StRule no = s == NULL ? ST_RULE_BELOW_BOUNDARY : source_proven (a, s, &stop);
	if (pl->outer_forward)
		no = ST_RULE_FORWARDED;
	if (no != ST_RULE_COUNT) {
		g_autofree char *detail =
			stop >= 0 ? g_strdup_printf ("the proof ends at hop %d", stop) : NULL;
		st_plan_withhold (pl->plan, ST_ROLE_SOURCE, no, party, detail);
		return;
	}
	if (plan_account (pl, a->source.hop))
		return;
	g_autofree char *to = NULL, *src = NULL;
	network_contact (&a->hop[a->source.hop], &to, &src);
	g_autofree char *why =
		g_strdup_printf ("The message was submitted by %s: %s.", party, a->source.why);
	guint n = pl->plan->complaints->len;
	if (st_plan_add (pl->plan, pl->policy, ST_ROLE_SOURCE, ST_RULE_SOURCE, to, party, src,
		    hop_evidence (a, a->source.hop, why), a->source.hop) != NULL)
		look_up_network (pl, n, r->ip);
}

/* At most this many lines below the boundary are listed one by one. */
#define MAX_LISTED_LINES 5

/* Insecure relays: a complaint only for a relay our own lines show; what
 * the lines below the boundary say is the sender's word. */
static void
plan_relays (Planning *pl)
{
	const StAnalysis *a = pl->a;
	int credible = a->walk.origin >= 0 ? a->walk.origin : -1;
	guint below = 0;

	for (guint i = 0; i < a->n_hops; i++) {
		const StReceived *r = a->hop[i].line;
		for (guint k = 0; k < a->hop[i].judged.insecure->len; k++) {
			const StFinding *f = a->hop[i].judged.insecure->pdata[k];
			g_autofree char *party = g_strdup_printf ("the relay %s (%s, hop %u)",
				r->by[0] ? r->by : "with no name", f->code, i);
			const char *site = NULL;
			StRule no = (int)i > credible   ? ST_RULE_BELOW_BOUNDARY
				    : pl->outer_forward ? ST_RULE_FORWARDED
				    : r->by[0] == '\0'
					    ? ST_RULE_NO_CONTACT
					    : st_policy_check_site (pl->policy, r->by, &site);
			if (no == ST_RULE_BELOW_BOUNDARY && ++below > MAX_LISTED_LINES)
				continue;
			if (no != ST_RULE_COUNT) {
				st_plan_withhold (pl->plan, ST_ROLE_RELAY, no, party, site);
				continue;
			}
			g_autofree char *domain = st_domain_registrable (r->by);
			g_autofree char *to =
				g_strdup_printf ("postmaster@%s", domain ? domain : r->by);
			g_autofree char *src = g_strdup_printf (
				"RFC 2142: postmaster@ of %s, the domain of the relay %s", domain,
				r->by);
			g_autofree char *why = g_strdup_printf (
				"Your relay %s handled this message insecurely: %s.", r->by,
				f->detail);
			st_plan_add (pl->plan, pl->policy, ST_ROLE_RELAY, ST_RULE_RELAY, to, r->by,
				src, hop_evidence (a, (int)i, why), (int)i);
		}
	}
	if (below > MAX_LISTED_LINES) {
		g_autofree char *more = g_strdup_printf ("%u more insecure relays on lines below "
							 "the boundary",
			below - MAX_LISTED_LINES);
		st_plan_withhold (pl->plan, ST_ROLE_RELAY, ST_RULE_BELOW_BOUNDARY, more, NULL);
	}
}

static void
plan_spoofed (Planning *pl)
{
	const StAnalysis *a = pl->a;
	const char *domain = a->auth.from_domain;

	if (!a->auth.from_forged || domain[0] == '\0')
		return;
	g_autofree char *to = g_strdup_printf ("postmaster@%s", domain);
	if (!pl->planner->settings->report.notify_spoofed) {
		st_plan_withhold (pl->plan, ST_ROLE_SPOOFED, ST_RULE_SPOOFED_VICTIM, to, NULL);
		return;
	}
	g_autofree char *src = g_strdup_printf (
		"RFC 2142: postmaster@ of %s, the domain in the forged From: field", domain);
	g_autofree char *why =
		g_strdup_printf ("What our server found: %s.", a->auth.from_forged_why);
	st_plan_add (pl->plan, pl->policy, ST_ROLE_SPOOFED, ST_RULE_SPOOFED, to, domain, src,
		g_strdup (why), -1);
}

StPlan *
st_planner_plan (const StPlanner *planner, const char *data, gsize len)
{
	g_return_val_if_fail (planner != NULL && planner->settings != NULL, NULL);
	StPlan *plan = st_plan_new (planner->settings->report.max_drafts);
	Planning pl = { planner, plan, NULL, NULL, FALSE };

	read_message (&pl, data, len);
	pl.a = plan->analysis;
	pl.policy = plan->policy;
	if (plan->ham && !planner->force) {
		st_plan_withhold (plan, ST_ROLE_NETWORK, ST_RULE_HAM, "every party", NULL);
		return plan;
	}
	plan->body = st_body_parse (plan->message, plan->message_len, NULL);
	plan_origin (&pl);
	plan_source (&pl);
	st_offers_plan_mailboxes (plan, planner);
	st_offers_plan_advertisers (plan, planner);
	plan_relays (&pl);
	plan_spoofed (&pl);
	/* the numbers the spam gives are evidence for every recipient */
	st_plan_add_phones (plan, plan->body);
	return plan;
}

char *
st_plan_incident (const StPlan *plan)
{
	const StField *f = st_headers_find (plan->analysis->headers, "Message-ID", NULL);
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
	g_autofree char *sum = g_compute_checksum_for_data (
		G_CHECKSUM_SHA256, (const guchar *)plan->message, plan->header_len);
	return g_strdup_printf ("headers-sha256:%s", sum);
}
