/* complaint.c - who should hear about a spam, at which address, and on what evidence.
 * RFC 2142 section 2 and 4 (abuse@ for network abuse, postmaster@ for mail
 * service), RFC 5321 4.1.3 (postmaster@[192.0.2.1] reaches a host with no name). */
#include "config.h"

#include <string.h>

#include "complaint.h"
#include "domain.h"
#include "finding.h"
#include "ip.h"
#include "phone.h"
#include "providers.h"

/* Free-mail providers whose users' mailboxes spammers use for replies;
 * their abuse desks can close the mailbox. */
static const char *const mailbox_providers[] = { "gmail.com", "googlemail.com", "outlook.com",
	"hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "aol.com", "icloud.com",
	"me.com", "mail.ru", "yandex.ru", "yandex.com", "gmx.net", "gmx.de", "gmx.com", "web.de",
	"zoho.com", "protonmail.com", "proton.me", "mail.com", "qq.com", "163.com", "126.com" };

/* RFC 2606 and RFC 6761: names that reach nobody. */
static const char *const reserved_names[] = { "example", "invalid", "localhost", "test", "local",
	"example.com", "example.net", "example.org" };

static const char *const placeholder_words[] = { "redacted", "privacy", "withheld", "noreply",
	"no-reply", "donotreply", "do-not-reply", "query the rdds", "not disclosed",
	"placeholder" };

const char *
st_role_to_string (StRole role)
{
	switch (role) {
	case ST_ROLE_NETWORK:
		return "network";
	case ST_ROLE_SOURCE:
		return "source";
	case ST_ROLE_RELAY:
		return "relay";
	case ST_ROLE_SPOOFED:
		return "spoofed";
	case ST_ROLE_MAILBOX:
		return "mailbox";
	case ST_ROLE_ADVERTISER:
		break;
	}
	return "advertiser";
}

gboolean
st_complaint_is_placeholder (const char *address)
{
	g_autofree char *lower = g_ascii_strdown (address, -1);
	const char *at = strrchr (lower, '@');

	for (gsize i = 0; i < G_N_ELEMENTS (placeholder_words); i++)
		if (strstr (lower, placeholder_words[i]) != NULL)
			return TRUE;
	if (at == NULL || at == lower || at[1] == '\0')
		return TRUE;
	const char *domain = at + 1;
	if (domain[0] == '[')
		return FALSE; /* postmaster@[192.0.2.1] */
	if (strchr (domain, '.') == NULL)
		return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS (reserved_names); i++)
		if (st_domain_within (domain, reserved_names[i]))
			return TRUE;
	return FALSE;
}

static void
complaint_free (gpointer p)
{
	StComplaint *c = p;
	g_ptr_array_free (c->to, TRUE);
	g_free (c->party);
	g_free (c->contact_source);
	g_free (c->evidence);
	g_free (c);
}

void
st_plan_free (StPlan *p)
{
	if (p == NULL)
		return;
	g_ptr_array_free (p->complaints, TRUE);
	g_ptr_array_free (p->withheld, TRUE);
	g_ptr_array_free (p->own_domains, TRUE);
	g_free (p);
}

/* What we must never write to: our own domains, the user's addresses. */
typedef struct {
	GPtrArray *domains; /* char *: registrable domains */
	const StSettings *settings;
	StPlan *plan;
} Never;

static gboolean
is_ours (const Never *n, const char *address, const char **why)
{
	const char *at = strrchr (address, '@');
	const char *domain = at ? at + 1 : address;
	const StReportSettings *rs = &n->settings->report;

	for (char **p = rs->addresses; p != NULL && *p != NULL; p++)
		if (g_ascii_strcasecmp (*p, address) == 0) {
			*why = "one of your own addresses";
			return TRUE;
		}
	for (char **p = rs->domains; p != NULL && *p != NULL; p++)
		if (st_domain_within (domain, *p)) {
			*why = "one of your own domains";
			return TRUE;
		}
	for (guint i = 0; i < n->domains->len; i++)
		if (st_domain_within (domain, n->domains->pdata[i])) {
			*why = "the domain of your own mail servers";
			return TRUE;
		}
	return FALSE;
}

static void withhold (StPlan *plan, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
withhold (StPlan *plan, const char *format, ...)
{
	va_list ap;
	va_start (ap, format);
	g_ptr_array_add (plan->withheld, g_strdup_vprintf (format, ap));
	va_end (ap);
}

/* Whether @name is a host name in LDH form (RFC 1123 section 2.1): labels
 * of 1 to 63 letters, digits and hyphens, none at a label's ends. */
static gboolean
ldh_name (const char *name)
{
	gsize label = 0;

	if (name[0] == '\0' || strlen (name) > 253)
		return FALSE;
	for (const char *p = name;; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63 || p[-1] == '-')
				return FALSE;
			if (*p == '\0')
				return TRUE;
			label = 0;
		} else if (g_ascii_isalnum (*p) || (*p == '-' && label > 0)) {
			label++;
		} else {
			return FALSE;
		}
	}
}

/* Whether @address can go into a draft's To: as it is: local@domain in
 * printable ASCII, the domain a host name or an [address] literal. The
 * domain of a guess comes from a name a Received: line recorded, which a
 * PTR record chooses: any bytes at all (fuzz/fuzz-report.c found one). */
static gboolean
address_plain (const char *address)
{
	const char *at = strrchr (address, '@');

	if (at == NULL || at == address || at[1] == '\0')
		return FALSE;
	for (const char *p = address; p < at; p++)
		if ((guchar)*p <= 0x20 || (guchar)*p >= 0x7f ||
			strchr ("\"(),:;<>[\\]", *p) != NULL)
			return FALSE;
	if (at[1] == '[')
		return strspn (at + 2, "0123456789abcdefABCDEF.:") == strlen (at + 2) - 1 &&
		       g_str_has_suffix (at, "]");
	return ldh_name (at + 1);
}

/* Adds a complaint unless its address is one we never write to; merges
 * complaints to the same address. */
static void
add (Never *n, StRole role, const char *address, const char *party, const char *contact_source,
	char *evidence, int hop)
{
	const char *why = NULL;
	g_autofree char *lower = g_ascii_strdown (address, -1);
	g_autofree char *ev = evidence;

	if (!address_plain (lower)) {
		g_autofree char *shown = g_strescape (lower, NULL);
		withhold (n->plan,
			"%s (%s): not a plain address (a name with bytes no host name has)", shown,
			st_role_to_string (role));
		return;
	}
	if (st_complaint_is_placeholder (lower)) {
		withhold (n->plan, "%s (%s): a placeholder, not a mailbox anyone reads", lower,
			st_role_to_string (role));
		return;
	}
	if (is_ours (n, lower, &why)) {
		withhold (n->plan, "%s (%s): %s", lower, st_role_to_string (role), why);
		return;
	}
	for (guint i = 0; i < n->plan->complaints->len; i++) {
		StComplaint *c = n->plan->complaints->pdata[i];
		for (guint k = 0; k < c->to->len; k++)
			if (g_str_equal (c->to->pdata[k], lower))
				return; /* already told, about a party at least as close */
	}
	StComplaint *c = g_new0 (StComplaint, 1);
	c->role = role;
	/* NULL-terminated: callers join it with g_strjoinv */
	c->to = g_ptr_array_new_null_terminated (1, g_free, TRUE);
	g_ptr_array_add (c->to, g_steal_pointer (&lower));
	c->party = g_strdup (party);
	c->contact_source = g_strdup (contact_source);
	c->evidence = g_steal_pointer (&ev);
	c->hop = hop;
	g_ptr_array_add (n->plan->complaints, c);
}

/* The registrable domain of @name when it is a host name in LDH form; a
 * name a line recorded for a client is its PTR record, whose owner may
 * write any bytes. NULL otherwise. */
static char *
plain_registrable (const char *name)
{
	char *domain = st_domain_registrable (name);

	if (domain != NULL && !ldh_name (domain))
		g_clear_pointer (&domain, g_free);
	return domain;
}

/* The address to tell about a client: abuse@ of the registrable domain of
 * the name a trusted line recorded for it, else postmaster@[address]. */
static void
network_contact (const StReceived *r, char **address, char **source)
{
	g_autofree char *domain = NULL;
	const StSender *sender = NULL;
	if (r->rdns[0] != '\0' && !(r->flags & ST_RECEIVED_MAY_BE_FORGED))
		domain = plain_registrable (r->rdns);
	/* No name recorded (Microsoft 365 records the EHLO only): a big
	 * provider's outbound server is known by its address in the
	 * provider's networks, and its EHLO in the provider's form. */
	if (domain == NULL && r->helo[0] != '\0' && (sender = st_provider_sender (r)) != NULL &&
		(domain = plain_registrable (r->helo)) != NULL) {
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
	} else {
		*address = g_strdup_printf ("postmaster@[%s]", r->ip);
		*source = g_strdup_printf ("last resort: postmaster@[%s] (RFC 5321), as %s "
					   "recorded no name for it",
			r->ip, r->by[0] ? r->by : "the receiving server");
	}
}

static char *
hop_evidence (const StAnalysis *a, int hop, const char *why)
{
	const StReceived *r = a->hops->pdata[hop];
	return g_strdup_printf ("%s\nThe line that shows it (hop %d of the message's Received: "
				"lines, counted from the top):\n\n  Received: %s\n",
		why, hop, r->raw);
}

void
st_plan_add (StPlan *plan, const StSettings *settings, StRole role, const char *address,
	const char *party, const char *contact_source, char *evidence)
{
	Never n = { plan->own_domains, settings, plan };
	add (&n, role, address, party, contact_source, evidence, -1);
}

/* Where in a message a number was read, for a sentence. */
static const struct {
	StUrlsWhere where;
	const char *words;
} where_words[] = {
	{ ST_URLS_WHERE_TEXT, "the plain text" },
	{ ST_URLS_WHERE_HTML_TEXT, "the visible text of the HTML" },
	{ ST_URLS_WHERE_HEADER, "a header field" },
};

static const char *
words_for_where (StUrlsWhere where)
{
	for (gsize k = 0; k < G_N_ELEMENTS (where_words); k++)
		if (where_words[k].where == where)
			return where_words[k].words;
	return st_urls_where_name (where);
}

/* Whether the number's country is in the text or is our reading of it. */
static void
phone_form (GString *out, const StPhone *p, const StBody *body)
{
	g_autofree char *region = body->region_guessed
					  ? g_strdup_printf ("%s, the region guessed for the "
							     "message (%s)",
						    body->region, body->region_reason)
					  : g_strdup_printf ("%s, the region we were asked to "
							     "read it in",
						    body->region);
	switch (p->form) {
	case ST_PHONE_FORM_INTERNATIONAL:
		g_string_append (out,
			"    written in international form: its country code is in the text\n");
		break;
	case ST_PHONE_FORM_IDD:
		g_string_append_printf (out,
			"    written after the international call prefix of %s: its country code "
			"is in the text\n",
			body->region);
		break;
	case ST_PHONE_FORM_COUNTRY_CODE:
		g_string_append_printf (out,
			"    written starting with %d, without a plus; %d is the country code of "
			"%s\n",
			p->country_code, p->country_code, region);
		break;
	case ST_PHONE_FORM_NANP:
		g_string_append (out,
			"    written as 1 and ten digits in North American groups: read in the "
			"North American numbering plan, whatever the message's region\n");
		break;
	case ST_PHONE_FORM_NATIONAL:
		g_string_append_printf (out,
			"    written without a country code: read as a number of %s\n", region);
		break;
	}
}

/* The paragraph st_plan_add_phones adds, or NULL. Attacker-written: only
 * the raw text, which the finder keeps to digits and the separators
 * libphonenumber accepts; tabs become spaces all the same. */
static char *
phones_evidence (const StBody *body)
{
	if (body->phones->len == 0)
		return NULL;
	GString *out = g_string_new (NULL);
	g_string_append_printf (out, "The message gives %s to call:\n",
		body->phones->len == 1 ? "this telephone number" : "these telephone numbers");
	for (guint i = 0; i < body->phones->len; i++) {
		const StPhone *p = body->phones->pdata[i];
		g_autofree char *raw = g_strdelimit (g_strdup (p->raw), "\t\r\n", ' ');
		g_string_append_printf (out, "\n  %s, written \"%s\" in %s of part %u", p->e164,
			raw, words_for_where (p->where), p->part);
		if (p->count > 1)
			g_string_append_printf (out, " (found %u times)", p->count);
		g_string_append_printf (out, "\n    region %s, country code %d",
			p->region != NULL ? p->region : "no region", p->country_code);
		if (p->description != NULL)
			g_string_append_printf (out, ", %s", p->description);
		g_string_append_printf (out, "; line type: %s\n", p->type);
		phone_form (out, p, body);
	}
	return g_string_free (out, FALSE);
}

void
st_plan_add_phones (StPlan *plan, const StBody *body)
{
	g_return_if_fail (plan != NULL && body != NULL);
	g_autofree char *text = phones_evidence (body);
	if (text == NULL)
		return;
	g_strchomp (text);
	for (guint i = 0; i < plan->complaints->len; i++) {
		StComplaint *c = plan->complaints->pdata[i];
		/* the templates lay out the evidence by its last line end:
		 * keep it */
		gboolean newline = g_str_has_suffix (c->evidence, "\n");
		g_autofree char *before = g_strchomp (c->evidence);
		c->evidence = g_strdup_printf ("%s\n\n%s%s", before, text, newline ? "\n" : "");
	}
}

void
st_plan_withhold (StPlan *plan, const char *text)
{
	g_ptr_array_add (plan->withheld, g_strdup (text));
}

gboolean
st_plan_retarget (StPlan *plan, guint i, const char *address, const char *source,
	const StSettings *settings, const char **why)
{
	Never n = { plan->own_domains, settings, plan };
	StComplaint *c = plan->complaints->pdata[i];
	g_autofree char *lower = g_ascii_strdown (address, -1);

	*why = NULL;
	if (!address_plain (lower)) {
		*why = "not a plain address";
		return FALSE;
	}
	if (st_complaint_is_placeholder (lower)) {
		*why = "a placeholder, not a mailbox anyone reads";
		return FALSE;
	}
	if (is_ours (&n, lower, why))
		return FALSE;
	for (guint k = 0; k < plan->complaints->len; k++) {
		const StComplaint *other = plan->complaints->pdata[k];
		for (guint m = 0; k != i && m < other->to->len; m++)
			if (g_str_equal (other->to->pdata[m], lower)) {
				*why = "another draft of this message already goes there";
				return FALSE;
			}
	}
	g_ptr_array_set_size (c->to, 0);
	g_ptr_array_add (c->to, g_steal_pointer (&lower));
	g_free (c->contact_source);
	c->contact_source = g_strdup (source);
	return TRUE;
}

StPlan *
st_plan_make (const StAnalysis *a, const StSettings *settings, GPtrArray *mailboxes)
{
	StPlan *plan = g_new0 (StPlan, 1);
	GPtrArray *domains = g_ptr_array_new_with_free_func (g_free);
	Never n = { domains, settings, plan };

	plan->own_domains = domains;

	plan->complaints = g_ptr_array_new_with_free_func (complaint_free);
	plan->withheld = g_ptr_array_new_with_free_func (g_free);

	/* our own servers: the receivers of the trusted lines, unless a
	 * provider's domain that all its customers share */
	int limit = a->walk.origin >= 0 ? a->walk.origin + 1 : (int)a->hops->len;
	for (int i = 0; i < limit; i++) {
		const StReceived *r = a->hops->pdata[i];
		if (r->by[0] == '\0' || st_provider_shared_host (r->by))
			continue;
		char *d = st_domain_registrable (r->by);
		if (d != NULL)
			g_ptr_array_add (domains, d);
	}

	const StReceived *o = st_analysis_origin (a);
	if (o != NULL && o->ip[0] != '\0') {
		g_autofree char *to = NULL, *src = NULL;
		network_contact (o, &to, &src);
		g_autofree char *party = g_strdup_printf (
			"%s%s%s%s", o->ip, o->rdns[0] ? " (" : "", o->rdns, o->rdns[0] ? ")" : "");
		g_autofree char *why = g_strdup_printf (
			"The message was handed to our mail system by %s, which our server %s "
			"recorded at %s. %s",
			party, o->by, o->date[0] ? o->date : "the time in the line",
			a->walk.origin > 0
				? "The lines above it were written by our own servers; this one "
				  "records who connected to them, so it cannot have been forged "
				  "by the sender."
				: "Our server wrote this line itself when the client connected, "
				  "so it cannot have been forged by the sender.");
		add (&n, ST_ROLE_NETWORK, to, party, src, hop_evidence (a, a->walk.origin, why),
			a->walk.origin);
	} else if (o != NULL) {
		withhold (plan,
			"the origin relay %s recorded no client address: there is no network to "
			"write to",
			o->by);
	} else {
		withhold (plan, "no origin: %s", a->walk.reason ? a->walk.reason : "unknown");
	}

	if (a->source.hop >= 0) {
		const StReceived *s = a->hops->pdata[a->source.hop];
		g_autofree char *to = NULL, *src = NULL;
		network_contact (s, &to, &src);
		g_autofree char *party = g_strdup_printf (
			"%s%s%s%s", s->ip, s->rdns[0] ? " (" : "", s->rdns, s->rdns[0] ? ")" : "");
		g_autofree char *why = g_strdup_printf (
			"The message was submitted by %s: %s.", party, a->source.why);
		add (&n, ST_ROLE_SOURCE, to, party, src, hop_evidence (a, a->source.hop, why),
			a->source.hop);
	}

	for (guint i = 0; i < a->hops->len; i++) {
		const StHopJudgement *j = &a->judged[i];
		const StReceived *r = a->hops->pdata[i];
		for (guint k = 0; k < j->insecure->len; k++) {
			const StFinding *f = j->insecure->pdata[k];
			g_autofree char *domain = st_domain_registrable (r->by);
			if (domain == NULL) {
				withhold (plan, "the insecure relay %s (%s): no domain to write to",
					r->by, f->code);
				continue;
			}
			g_autofree char *to = g_strdup_printf ("postmaster@%s", domain);
			g_autofree char *src = g_strdup_printf (
				"RFC 2142: postmaster@ of %s, the domain of the relay %s", domain,
				r->by);
			g_autofree char *why =
				g_strdup_printf ("Your relay %s handled this message "
						 "insecurely (%s): %s.",
					r->by, f->code, f->detail);
			add (&n, ST_ROLE_RELAY, to, r->by, src, hop_evidence (a, (int)i, why),
				(int)i);
		}
	}

	if (a->auth.from_forged && a->auth.from_domain[0] != '\0') {
		if (settings->report.notify_spoofed) {
			g_autofree char *to =
				g_strdup_printf ("postmaster@%s", a->auth.from_domain);
			g_autofree char *src = g_strdup_printf (
				"RFC 2142: postmaster@ of %s, the domain in the forged From: field",
				a->auth.from_domain);
			g_autofree char *why =
				g_strdup_printf ("The message claims to come from %s, but %s. You "
						 "are very likely not "
						 "involved: someone is using your domain's name.",
					a->auth.from_domain, a->auth.from_forged_why);
			add (&n, ST_ROLE_SPOOFED, to, a->auth.from_domain, src, g_strdup (why), -1);
		} else {
			withhold (plan,
				"postmaster@%s (spoofed): the From: domain is forged, its owner a "
				"victim; use --notify-spoofed to tell them",
				a->auth.from_domain);
		}
	}

	for (guint i = 0; mailboxes != NULL && i < mailboxes->len; i++) {
		const char *box = mailboxes->pdata[i];
		const char *at = strrchr (box, '@');
		if (at == NULL)
			continue;
		for (gsize k = 0; k < G_N_ELEMENTS (mailbox_providers); k++) {
			if (g_ascii_strcasecmp (at + 1, mailbox_providers[k]) != 0)
				continue;
			g_autofree char *to = g_strdup_printf ("abuse@%s", mailbox_providers[k]);
			g_autofree char *src = g_strdup_printf ("RFC 2142 guess: abuse@ of %s, the "
								"provider of the reply mailbox %s",
				mailbox_providers[k], box);
			g_autofree char *why =
				g_strdup_printf ("The message asks for replies to %s, a mailbox at "
						 "your service that the "
						 "sender reads.",
					box);
			add (&n, ST_ROLE_MAILBOX, to, box, src, g_strdup (why), -1);
		}
	}
	return plan;
}
