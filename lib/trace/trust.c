/* trust.c - where our own mail infrastructure ends: the trust walk and the origin.
 * RFC 5321 section 4.4. The topmost line is written by our own server; each
 * line written by a trusted host truthfully records the client it received
 * from, so trust extends down exactly while that client is ours. */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "error.h"
#include "providers.h"
#include "trust.h"

typedef struct {
	gboolean exclude;
	gboolean is_net;
	StCidr net;
	char *name;
	char *spec;
} Rule;

struct _StTrust {
	GPtrArray *rules;
};

static void
rule_free (gpointer p)
{
	Rule *r = p;
	g_free (r->name);
	g_free (r->spec);
	g_free (r);
}

StTrust *
st_trust_new (void)
{
	StTrust *t = g_new0 (StTrust, 1);
	t->rules = g_ptr_array_new_with_free_func (rule_free);
	return t;
}

void
st_trust_free (StTrust *t)
{
	if (t == NULL)
		return;
	g_ptr_array_free (t->rules, TRUE);
	g_free (t);
}

guint
st_trust_count (const StTrust *t)
{
	return t->rules->len;
}

/* RFC 1123 host names: letters, digits, hyphens and dots, an optional
 * leading "*." or "." meaning "and below" (which is what a name means here
 * anyway). */
static gboolean
valid_host_name (const char *s)
{
	if (s[0] == '\0' || strlen (s) > 253)
		return FALSE;
	return st_domain_chars_only (s, ST_DOMAIN_CHAR_LDH | ST_DOMAIN_CHAR_HYPHEN |
						ST_DOMAIN_CHAR_DOT | ST_DOMAIN_CHAR_UNDERSCORE) &&
	       strstr (s, "..") == NULL;
}

gboolean
st_trust_add (StTrust *t, const char *spec, GError **error)
{
	g_return_val_if_fail (t != NULL && spec != NULL, FALSE);

	g_autofree char *s = g_strstrip (g_strdup (spec));
	const char *p = s;
	Rule *r = g_new0 (Rule, 1);

	r->spec = g_strdup (s);
	if (*p == '!') {
		r->exclude = TRUE;
		p++;
	}
	if (st_cidr_parse (p, &r->net)) {
		r->is_net = TRUE;
	} else {
		if (g_str_has_prefix (p, "*."))
			p += 2;
		else if (*p == '.')
			p++;
		if (!valid_host_name (p) || st_ip_looks_dotted (p, -1) || strchr (p, '/') != NULL) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
				"'%s' is not an address, a network or a host name", spec);
			rule_free (r);
			return FALSE;
		}
		r->name = g_ascii_strdown (p, -1);
	}
	g_ptr_array_add (t->rules, r);
	return TRUE;
}

/* The big providers' receiving sides, by their profiles in providers.c. */
static StTrustReason
provider_hop (const StHop *h, const StReceived *below, char **why)
{
	const StReceived *hop = h->line;
	const StProvider *p = h->writer;
	const char *proof = p != NULL ? st_provider_internal_proof (
						p, hop, st_hop_valid_ip (h) ? &h->ip : NULL, below)
				      : NULL;
	if (proof == NULL)
		return ST_TRUST_NOT_OURS;
	*why = g_strdup_printf ("an internal hop of %s's receiving side (%s from %s: %s)", p->name,
		hop->by, hop->ip[0] ? hop->ip : hop->helo, proof);
	return ST_TRUST_PROVIDER;
}

StTrustReason
st_trust_client (const StTrust *t, const StHop *h, const StReceived *below, char **why)
{
	const StReceived *hop = h->line;
	const char *range = NULL;

	*why = NULL;
	/* the user's rules come first, so that "!" can take back anything */
	for (guint i = 0; t != NULL && i < t->rules->len; i++) {
		const Rule *r = t->rules->pdata[i];
		gboolean match = FALSE;
		if (r->is_net)
			match = st_hop_valid_ip (h) && st_cidr_contains (&r->net, &h->ip);
		else
			/* a name counts only as the receiver found it in the
			 * DNS, never as the client claimed it */
			match = hop->rdns[0] != '\0' && !(hop->flags & ST_RECEIVED_MAY_BE_FORGED) &&
				st_domain_within (hop->rdns, r->name);
		if (match) {
			*why = g_strdup_printf ("%s by the rule '%s'",
				r->exclude ? "excluded" : "declared ours", r->spec);
			return r->exclude ? ST_TRUST_EXCLUDED : ST_TRUST_DECLARED;
		}
	}
	if (!st_hop_valid_ip (h))
		return provider_hop (h, below, why);

	switch (st_ip_scope (&h->ip, &range)) {
	case ST_IP_SCOPE_LOOPBACK:
		*why = g_strdup_printf ("client %s is a loopback address", hop->ip);
		return ST_TRUST_LOOPBACK;
	case ST_IP_SCOPE_PRIVATE:
	case ST_IP_SCOPE_LINK_LOCAL:
		*why = g_strdup_printf ("client %s is inside our network (%s)", hop->ip, range);
		return ST_TRUST_PRIVATE;
	default:
		break;
	}

	return provider_hop (h, below, why);
}

/* Filtering services that receive mail for their customers and hand it
 * on: in front of a mailbox, the origin is their server unless the user
 * declares it. By the registrable domain of their servers' names. */
static const struct {
	const char *domain;
	const char *name;
} gateways[] = {
	{ "mimecast.com", "Mimecast" },
	{ "pphosted.com", "Proofpoint" },
	{ "ppe-hosted.com", "Proofpoint Essentials" },
	{ "barracudanetworks.com", "Barracuda" },
	{ "iphmx.com", "Cisco Secure Email" },
	{ "messagelabs.com", "Symantec Email Security.cloud" },
	{ "trendmicro.com", "Trend Micro Email Security" },
	{ "trendmicro.eu", "Trend Micro Email Security" },
	{ "hornetsecurity.com", "Hornetsecurity" },
	{ "mailcontrol.com", "Forcepoint Email Security" },
	{ "fireeyecloud.com", "Trellix Email Security" },
};

/* The origin's name is a filtering service's: say how to look past it.
 * A name the client gave itself (EHLO) is only a claim, and the hint
 * says which it is. TRUE when it set the hint. */
static gboolean
set_gateway_hint (StWalk *walk, const StReceived *o)
{
	gboolean recorded = o->rdns[0] != '\0' && !(o->flags & ST_RECEIVED_MAY_BE_FORGED);
	const char *name = recorded ? o->rdns : o->helo;
	if (name[0] == '\0' || o->ip[0] == '\0')
		return FALSE;
	g_autofree char *d = st_domain_registrable (name);
	for (gsize i = 0; d != NULL && i < G_N_ELEMENTS (gateways); i++) {
		if (strcmp (d, gateways[i].domain) != 0)
			continue;
		walk->gateway = gateways[i].name;
		walk->hint = g_strdup_printf (
			"the origin %s [%s] %s a server of %s, a service that filters mail for its "
			"customers: if it filters yours, declare its networks as ours (--trust, "
			"or [trust] hosts; by the name %s only where your server records DNS "
			"names) and the walk goes on to the host that sent the message to it; "
			"if not, it sent mail for one of its customers",
			name, o->ip, recorded ? "is" : "calls itself", gateways[i].name, d);
		return TRUE;
	}
	return FALSE;
}

static void
set_hint (StWalk *walk, const StHop *h)
{
	const StReceived *o = h->line;
	if (set_gateway_hint (walk, o))
		return;
	if (o->rdns[0] == '\0' || (o->flags & ST_RECEIVED_MAY_BE_FORGED) || o->by[0] == '\0')
		return;
	/* a provider we have a profile for: its own sending side is another
	 * customer, and the profile already decided that */
	if (h->writer != NULL)
		return;
	g_autofree char *a = st_domain_registrable (o->rdns);
	g_autofree char *b = st_domain_registrable (o->by);
	if (a == NULL || b == NULL || strcmp (a, b) != 0)
		return;
	walk->hint = g_strdup_printf (
		"the origin %s [%s] is in the same domain (%s) as %s, which received from it: "
		"it may be one of your own relays, or another customer of the same hosting "
		"company; if it is yours, declare it with --trust %s",
		o->rdns, o->ip, a, o->by, o->ip);
}

/* The next hand-over below hop @i, past local steps (a scanner's or a
 * queue's line between two relays), or NULL. */
static const StReceived *
next_relay (const StHop *hop, guint n, guint i)
{
	for (guint k = i + 1; k < n; k++) {
		const StReceived *r = hop[k].line;
		if (r->kind == ST_RECEIVED_RELAY)
			return r;
		if (r->kind != ST_RECEIVED_LOCAL)
			return NULL;
	}
	return NULL;
}

void
st_trust_walk (const StTrust *t, StHop *hop, guint n, StWalk *walk)
{
	memset (walk, 0, sizeof *walk);
	walk->origin = -1;

	if (n == 0) {
		walk->reason = g_strdup ("the message has no Received: header");
		return;
	}

	const char *last_by = NULL;
	for (guint i = 0; i < n; i++) {
		const StReceived *line = hop[i].line;
		char *why = NULL;

		switch (line->kind) {
		case ST_RECEIVED_UNPARSEABLE:
			walk->reason = g_strdup_printf (
				"hop %u cannot be parsed, so the walk cannot tell who handed the "
				"message over",
				i);
			hop[i].why = g_strdup ("unparseable: the walk stops here");
			goto done;
		case ST_RECEIVED_LOCAL:
			hop[i].why = g_strdup ("a local step: it neither extends nor breaks trust");
			break;
		case ST_RECEIVED_PICKUP:
			hop[i].why = g_strdup (
				"a pickup from a mailbox: the line below it was written by the "
				"mailbox provider, so the walk goes on there");
			break;
		case ST_RECEIVED_RELAY:
			if (line->by[0] != '\0')
				last_by = line->by;
			if (line->flags & ST_RECEIVED_AMBIGUOUS_CLIENT) {
				/* which address connected? trusting either could be
				 * trusting the client's own words */
				walk->reason = g_strdup_printf (
					"hop %u records two different client addresses in its "
					"comments, so the walk cannot tell which one handed the "
					"message over",
					i);
				hop[i].why = g_strdup ("ambiguous client: the walk stops here");
				goto done;
			}
			switch (st_trust_client (t, &hop[i], next_relay (hop, n, i), &why)) {
			case ST_TRUST_NOT_OURS:
			case ST_TRUST_EXCLUDED: {
				gboolean excluded = why != NULL;
				walk->origin = (int)i;
				if (why == NULL)
					why = g_strdup_printf ("client %s is not ours: the origin",
						line->ip[0] ? line->ip : "(no address recorded)");
				hop[i].why = why;
				if (line->ip[0] == '\0')
					walk->reason = g_strdup_printf (
						"%s received the message without recording the "
						"client's address",
						line->by[0] ? line->by : "the relay");
				if (!excluded)
					set_hint (walk, &hop[i]);
				goto done;
			}
			default:
				hop[i].why = why;
				break;
			}
			break;
		}
		hop[i].trusted = TRUE;
		walk->trusted++;
	}
	walk->reason = g_strdup ("every hop is ours: the message was sent from inside");

done:
	if (last_by != NULL)
		walk->boundary = g_strdup (last_by);
	else
		walk->boundary = g_strdup (hop[0].line->by);
}

void
st_walk_clear (StWalk *walk)
{
	g_free (walk->reason);
	g_free (walk->boundary);
	g_free (walk->hint);
	memset (walk, 0, sizeof *walk);
}
