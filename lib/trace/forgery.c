/* forgery.c - judging each line below the boundary: consistent, unverifiable or forged;
 * insecure relays; the credible source behind the origin.
 * RFC 5321 sections 4.4 and 3.6, RFC 6890. Lines below the origin are claims
 * made by hosts we cannot vouch for; we look for claims that contradict each
 * other or the world, and say what contradicts what. */
#include "config.h"

#include <string.h>

#include "date.h"
#include "domain.h"
#include "finding.h"
#include "forgery.h"
#include "ip.h"
#include "providers.h"
#include "received.h"

/* A lower line dated later than the one above it: time running backwards. */
/* Honest servers with a wrong zone setting are off by up to 26 hours
 * (UTC-12 against UTC+14); past that the clock cannot explain it. */
#define SKEW_FORGED (27 * 3600)
#define SKEW_NOTE (15 * 60)

const char *
st_judgement_to_string (StJudgement j)
{
	switch (j) {
	case ST_JUDGEMENT_TRUSTED:
		return "trusted";
	case ST_JUDGEMENT_CONSISTENT:
		return "consistent";
	case ST_JUDGEMENT_UNVERIFIABLE:
		return "unverifiable";
	case ST_JUDGEMENT_FORGED:
		break;
	}
	return "forged";
}

/* a real host name: letters, and at least one dot */
static gboolean
is_hostname (const char *s)
{
	gboolean alpha = FALSE;
	if (s[0] == '\0' || strchr (s, '.') == NULL)
		return FALSE;
	for (const char *p = s; *p; p++) {
		if (g_ascii_isalpha (*p))
			alpha = TRUE;
		else if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '_')
			return FALSE;
	}
	return alpha;
}

static gboolean
is_localhost (const char *s)
{
	return g_ascii_strcasecmp (s, "localhost") == 0 ||
	       g_ascii_strncasecmp (s, "localhost.", 10) == 0;
}

static gboolean
same_host (const char *a, const char *b)
{
	gsize la = strlen (a), lb = strlen (b);
	while (la > 0 && a[la - 1] == '.')
		la--;
	while (lb > 0 && b[lb - 1] == '.')
		lb--;
	if (la == 0 || lb == 0)
		return FALSE;
	if (la == lb && g_ascii_strncasecmp (a, b, la) == 0)
		return TRUE;
	/* a short name against the first label of a full one */
	const char *da = memchr (a, '.', la), *db = memchr (b, '.', lb);
	if (da == NULL && db != NULL)
		return (gsize)(db - b) == la && g_ascii_strncasecmp (a, b, la) == 0;
	if (db == NULL && da != NULL)
		return (gsize)(da - a) == lb && g_ascii_strncasecmp (a, b, lb) == 0;
	return FALSE;
}

static gboolean
same_org (const char *a, const char *b)
{
	g_autofree char *ra = st_domain_registrable (a);
	g_autofree char *rb = st_domain_registrable (b);
	return ra != NULL && rb != NULL && g_str_equal (ra, rb);
}

/* The scope of a hop's client address; none or no valid one is no
 * network of anyone's. */
static StIpScope
scope_of (const StHop *h)
{
	return h->has_ip ? st_ip_scope (&h->ip, NULL) : ST_IP_SCOPE_RESERVED;
}

/* A line with neither a date nor any clause keyword, or with control
 * characters in it, is no server's work. */
static gboolean
junk_line (const StReceived *r)
{
	static const char *const words[] = { "from ", "by ", "via ", "with ", "id ", "for " };
	gboolean clause = FALSE;
	if (r->flags & ST_RECEIVED_CONTROL_CHARS)
		return TRUE;
	for (gsize k = 0; k < G_N_ELEMENTS (words); k++)
		if (g_ascii_strncasecmp (r->raw, words[k], strlen (words[k])) == 0 ||
			strstr (r->raw, words[k]) != NULL)
			clause = TRUE;
	gboolean dated = st_date_parse (r->date_raw, -1, NULL, NULL);
	return !clause || !dated;
}

typedef enum {
	LINK_UNKNOWN,
	LINK_MATCH,
	LINK_MISMATCH,
} Link;

/* Does the host that wrote @lower look like the client @upper recorded? */
static Link
check_link (const StReceived *lower, const StHop *up, GString *evidence)
{
	const StReceived *upper = up->line;
	const char *by = lower->by;

	/* a client recorded without an address cannot be checked (and its
	 * relay is insecure, which is reported on its own) */
	if (upper->ip[0] == '\0')
		return LINK_UNKNOWN;
	/* addresses first: "by [192.0.2.1]", "by host (192.0.2.1)" */
	{
		g_autofree char *by_as_ip = st_ip_normalize (by, -1);
		if ((by_as_ip != NULL && g_str_equal (by_as_ip, upper->ip)) ||
			(lower->by_ip[0] != '\0' && g_str_equal (lower->by_ip, upper->ip)))
			return LINK_MATCH;
	}
	if (by[0] == '\0' || is_localhost (by))
		return LINK_UNKNOWN;

	const char *names[] = { upper->rdns, upper->helo };
	gboolean compared = FALSE;
	for (gsize k = 0; k < G_N_ELEMENTS (names); k++) {
		if (!is_hostname (names[k]) &&
			!(names[k][0] && !strchr (names[k], '.') && g_ascii_isalpha (names[k][0])))
			continue;
		compared = TRUE;
		if (same_host (by, names[k]) || same_org (by, names[k]))
			return LINK_MATCH;
	}
	/* a bare internal name ("filterdrecv-1") or a client inside a
	 * private network: naming there follows no public rule (a reserved
	 * address is no network of anyone's, and is judged on its own line) */
	if (!compared || strchr (by, '.') == NULL)
		return LINK_UNKNOWN;
	StIpScope sc = scope_of (up);
	if (sc != ST_IP_SCOPE_PUBLIC && sc != ST_IP_SCOPE_RESERVED)
		return LINK_UNKNOWN;
	g_string_printf (evidence,
		"this line says %s received the message, but the line above "
		"says it came from %s%s%s%s%s",
		by, upper->ip[0] ? upper->ip : "", upper->rdns[0] ? " rdns=" : "", upper->rdns,
		upper->helo[0] ? " helo=" : "", upper->helo);
	return LINK_MISMATCH;
}

static gboolean
word_listed (const char *list, const char *word)
{
	g_auto (GStrv) words = g_strsplit (list, " ", -1);
	for (char **w = words; *w; w++)
		if ((*w)[0] && g_ascii_strcasecmp (*w, word) == 0)
			return TRUE;
	return FALSE;
}

static void
check_shape (const StReceived *r, GPtrArray *forged)
{
	const StLineShape *shape = st_provider_shape (r->by);
	if (shape == NULL)
		return;
	g_autofree char *first = g_strdup (r->with);
	char *sp = strchr (first, ' ');
	if (sp != NULL)
		*sp = '\0';
	if (!word_listed (shape->with, first))
		st_finding_add (forged, "shape-mismatch",
			"claims to be written by %s (%s), which never write \"with %s\"", r->by,
			shape->who, r->with[0] ? r->with : "(nothing)");
	else if (shape->needs_id && r->id[0] == '\0' && !word_listed (shape->without_id, first))
		st_finding_add (forged, "shape-mismatch",
			"claims to be written by %s (%s), which always write an id", r->by,
			shape->who);
}

static void
check_address (const StHop *h, Link link, GPtrArray *forged, GPtrArray *notes)
{
	const StReceived *r = h->line;
	const char *range = "";

	if (r->flags & ST_RECEIVED_INVALID_IP) {
		st_finding_add (forged, "invalid-ip", "'%s' is not an IP address", r->ip);
		return;
	}
	if (!h->has_ip)
		return;
	switch (st_ip_scope (&h->ip, &range)) {
	case ST_IP_SCOPE_RESERVED:
		/* Unassigned IPv6 is no proof: a provider's internal hop may use
		 * it as others use private space (Tutanota writes fd:ac::d:3).
		 * Documentation, multicast and the other named ranges are. */
		if (strcmp (range, ST_IP_RANGE_UNASSIGNED) == 0)
			st_finding_add (notes, "private-ip",
				"%s is %s: no host on the Internet sends from it, but an internal "
				"network may use it",
				r->ip, range);
		else
			st_finding_add (forged, "reserved-ip",
				"%s is %s space: no host on the Internet sends from it", r->ip,
				range);
		break;
	case ST_IP_SCOPE_LOOPBACK:
		/* a host passing mail to itself (content filters such as
		 * amavisd-new, Proofpoint, IMSVA; local scripts) is normal:
		 * the line above then names this host as its client. Only a
		 * loopback line whose host the line above contradicts is
		 * out of place. */
		if (link != LINK_MISMATCH)
			st_finding_add (notes, "loopback", "a local hop on %s (%s)",
				r->by[0] ? r->by : "an unnamed host", r->ip);
		else
			st_finding_add (forged, "reserved-ip",
				"loopback address %s recorded by %s, but the line above says the "
				"message came from another host",
				r->ip, r->by[0] ? r->by : "an unnamed host");
		break;
	case ST_IP_SCOPE_PRIVATE:
	case ST_IP_SCOPE_LINK_LOCAL:
	case ST_IP_SCOPE_SHARED:
		st_finding_add (notes, "private-ip",
			"%s is %s: normal inside the sender's own network", r->ip, range);
		break;
	case ST_IP_SCOPE_PUBLIC:
		break;
	}
}

/* The hosts a client might impersonate: our receiving servers (those that
 * took mail from the network for us, after the last pickup) and the domain
 * of the one that received from the origin. A provider's domain
 * (google.com) is shared with its other customers and is left out. */
static void
collect_ours (const StHop *hop, guint n, const StWalk *walk, GPtrArray *hosts, GPtrArray *domains)
{
	guint end = walk->origin >= 0 ? (guint)walk->origin + 1 : n;
	guint first = 0;

	for (guint i = 0; i < end && i < n; i++)
		if (hop[i].line->kind == ST_RECEIVED_PICKUP)
			first = i + 1;
	for (guint i = first; i < end && i < n; i++) {
		const StReceived *r = hop[i].line;
		if (r->kind != ST_RECEIVED_RELAY || r->by[0] == '\0' || is_localhost (r->by))
			continue;
		g_ptr_array_add (hosts, (gpointer)r->by);
	}
	if (walk->origin >= 0) {
		const StReceived *o = hop[walk->origin].line;
		char *d = st_provider_shared_host (o->by) ? NULL : st_domain_registrable (o->by);
		if (d != NULL)
			g_ptr_array_add (domains, d);
	}
}

/* The one of our receiving servers @by names (a provider's host, shared
 * with its other customers, is not ours to claim), or NULL. */
static const char *
own_host (GPtrArray *hosts, const char *by)
{
	if (strchr (by, '.') == NULL || st_provider_shared_host (by))
		return NULL;
	for (guint k = 0; k < hosts->len; k++)
		if (same_host (by, hosts->pdata[k]) && strchr (hosts->pdata[k], '.') != NULL)
			return hosts->pdata[k];
	return NULL;
}

static void
check_helo (
	const StHop *h, GPtrArray *hosts, GPtrArray *domains, GPtrArray *forged, GPtrArray *notes)
{
	const StReceived *r = h->line;
	StIp claimed;

	if (r->helo[0] == '\0')
		return;
	/* an address literal is written in brackets (RFC 5321 4.1.3): "from
	 * [192.0.2.1]" or Exim's "helo=[192.0.2.1]"; a bare number as HELO is
	 * only a badly configured client */
	g_autofree char *bare = g_strdup (r->helo);
	gboolean literal = g_ascii_strncasecmp (r->raw, "from [", 6) == 0;
	if (bare[0] == '[' && bare[strlen (bare) - 1] == ']') {
		bare[strlen (bare) - 1] = '\0';
		memmove (bare, bare + 1, strlen (bare));
		literal = TRUE;
	}
	if (st_ip_parse (bare, -1, &claimed)) {
		if (!literal || !h->has_ip || st_ip_equal (&claimed, &h->ip))
			return;
		if (st_ip_scope (&claimed, NULL) == ST_IP_SCOPE_PUBLIC)
			st_finding_add (forged, "helo-impersonation",
				"the client said it was [%s] but connected from %s", r->helo,
				r->ip);
		else
			st_finding_add (notes, "helo-private-literal",
				"the client said it was [%s] (behind NAT) and connected from %s",
				r->helo, r->ip);
		return;
	}
	/* A big provider's host names exist only inside its network. The
	 * address lists may miss a range, so the receiver's DNS lookup must say
	 * it too: a name that is not the provider's, or none at all (the
	 * providers name every server they send from). */
	const StSender *named = st_provider_sender_of_host (r->helo);
	gboolean dns_says_other = r->rdns[0] != '\0' ? st_provider_sender_of_host (r->rdns) != named
						     : r->rdns_unknown;
	if (named != NULL && dns_says_other && h->has_ip &&
		st_ip_scope (&h->ip, NULL) != ST_IP_SCOPE_PRIVATE &&
		st_ip_scope (&h->ip, NULL) != ST_IP_SCOPE_LOOPBACK &&
		!st_sender_has_addr (named, &h->ip)) {
		st_finding_add (forged, "helo-impersonation",
			"the client at %s (%s) said it was %s, a host of %s, but its address is "
			"outside that provider's network",
			r->ip, r->rdns[0] ? r->rdns : "no DNS name", r->helo, named->name);
		return;
	}
	for (guint k = 0; k < hosts->len; k++) {
		if (same_host (r->helo, hosts->pdata[k]) && strchr (r->helo, '.') != NULL &&
			!same_host (r->rdns, hosts->pdata[k])) {
			st_finding_add (forged, "helo-impersonation",
				"the client at %s said it was %s, one of the servers that received "
				"this "
				"message",
				r->ip[0] ? r->ip : "(no address)", r->helo);
			return;
		}
	}
	g_autofree char *hd = st_domain_registrable (r->helo);
	g_autofree char *rd = r->rdns[0] ? st_domain_registrable (r->rdns) : NULL;
	if (hd == NULL || (rd != NULL && g_str_equal (hd, rd)) || r->ip[0] == '\0')
		return;
	for (guint k = 0; k < domains->len; k++) {
		if (g_str_equal (hd, domains->pdata[k])) {
			st_finding_add (forged, "helo-impersonation",
				"the client at %s said it was %s, in the recipient's own domain "
				"%s, "
				"but its address is not named there",
				r->ip[0] ? r->ip : "(no address)", r->helo, hd);
			return;
		}
	}
}

static void
check_time (const StHop *hop, guint i, gint64 top, GPtrArray *forged, GPtrArray *notes)
{
	const StReceived *r = hop[i].line;

	if (r->flags & ST_RECEIVED_BAD_DATE) {
		if (st_date_read (r->date_raw, -1, NULL, NULL) == ST_DATE_IMPOSSIBLE)
			st_finding_add (
				forged, "time-travel", "the date '%s' does not exist", r->date_raw);
		else
			st_finding_add (
				notes, "bad-date", "the date '%s' cannot be read", r->date_raw);
		return;
	}
	if (r->date[0] == '\0')
		return;
	for (gint j = (gint)i - 1; j >= 0; j--) {
		const StReceived *up = hop[j].line;
		if (up->date[0] == '\0')
			continue;
		gint64 ahead = r->time - up->time;
		if (ahead > SKEW_FORGED)
			st_finding_add (forged, "time-travel",
				"dated %s, %" G_GINT64_FORMAT
				" minutes after the line above it (%s) "
				"that received the message from it",
				r->date, ahead / 60, up->date);
		else if (ahead > SKEW_NOTE)
			st_finding_add (notes, "clock-skew",
				"dated %" G_GINT64_FORMAT " minutes after the line above it",
				ahead / 60);
		break;
	}
	if (top != G_MININT64 && r->time - top > SKEW_FORGED &&
		!st_finding_list_has (forged, "time-travel"))
		st_finding_add (forged, "time-travel",
			"dated %s, in the future of the topmost line, which our server wrote",
			r->date);
}

/* Open relaying shows when a relay took a message from a client outside
 * its own domain and handed it straight to the recipient's own server, for
 * a recipient outside its domain too, with no login recorded. Mail hosts
 * serve many domains, so every part must be positive evidence: the client's
 * DNS name as the relay found it, and the next server in the recipient's
 * domain. */
static void
check_open_relay (const StHop *h, const StReceived *above, GPtrArray *insecure)
{
	const StReceived *r = h->line;

	if (r->kind != ST_RECEIVED_RELAY || r->auth[0] != '\0' || r->for_addr[0] == '\0' ||
		r->by[0] == '\0' || r->rdns[0] == '\0' || (r->flags & ST_RECEIVED_MAY_BE_FORGED) ||
		above == NULL || above->kind != ST_RECEIVED_RELAY)
		return;
	if (scope_of (h) != ST_IP_SCOPE_PUBLIC)
		return;
	const char *at = strrchr (r->for_addr, '@');
	if (at == NULL)
		return;
	g_autofree char *own = st_domain_registrable (r->by);
	g_autofree char *rcpt = st_domain_registrable (at + 1);
	g_autofree char *client = st_domain_registrable (r->rdns);
	g_autofree char *next = st_domain_registrable (above->by);
	if (own == NULL || rcpt == NULL || client == NULL || next == NULL)
		return;
	if (g_str_equal (rcpt, own) || g_str_equal (client, own) || !g_str_equal (next, rcpt))
		return;
	/* the next server received it from this relay */
	if (!(same_host (above->rdns, r->by) || same_host (above->helo, r->by) ||
		    (above->ip[0] && r->by_ip[0] && g_str_equal (above->ip, r->by_ip))))
		return;
	st_finding_add (insecure, "open-relay",
		"%s took the message from %s (%s) for %s and passed it to %s: neither the client "
		"nor "
		"the recipient is in its domain %s, and no authentication is recorded",
		r->by, r->ip, r->rdns, r->for_addr, above->by, own);
}

/* The provider's own lines below its outbound server are credible while
 * they stay on its hosts. A step that records no client (Gmail's "by
 * mail-sor-f41.google.com with SMTP", a web submission "with HTTP") does not
 * end them: mail forwarded from another account of the same provider keeps
 * that account's lines below, and the deepest of them records the client
 * that handed the message to the provider in the first place. */
static void
find_source (const StHop *hop, guint n, const StWalk *walk, StSource *source)
{
	const StReceived *o = hop[walk->origin].line;
	const StSender *s = hop[walk->origin].sender;
	int unrecorded = -1; /* the first step without a client */

	if (s == NULL)
		return;
	source->provider = s->name;
	for (guint i = (guint)walk->origin + 1; i < n; i++) {
		const StReceived *r = hop[i].line;
		if (hop[i].judged.judgement == ST_JUDGEMENT_FORGED || !st_sender_owns (s, r->by))
			break;
		if (r->kind == ST_RECEIVED_LOCAL &&
			((r->flags & ST_RECEIVED_CLIENT_HIDDEN) || r->auth[0] != '\0')) {
			if (unrecorded < 0)
				unrecorded = (int)i;
			continue;
		}
		if (r->kind != ST_RECEIVED_RELAY || !hop[i].has_ip)
			continue;
		StIpScope sc = st_ip_scope (&hop[i].ip, NULL);
		if (sc == ST_IP_SCOPE_PUBLIC && !st_sender_has_addr (s, &hop[i].ip)) {
			source->hop = (int)i;
			source->why =
				g_strdup_printf ("the origin %s is %s's outbound server, whose own "
						 "line (hop %u, by %s) "
						 "records the client that submitted the message",
					o->ip, s->name, i, r->by);
			return;
		}
	}
	if (unrecorded >= 0 && s->hides_client) {
		const StReceived *r = hop[unrecorded].line;
		source->hidden = TRUE;
		source->why = g_strdup_printf ("%s records no client address by "
					       "policy (hop %d, %s): ask %s "
					       "about the account that sent it",
			s->name, unrecorded, r->by, s->name);
	}
}

/* What every hop's judgement reads: the message, the walk, and what the
 * lines of our own servers show. */
typedef struct {
	const StHeaders *h;
	StHop *hop;
	guint n;
	const StWalk *walk;
	GPtrArray *hosts;   /* our receiving servers' names */
	GPtrArray *domains; /* their domains */
	gint64 top;         /* the time our server wrote, or G_MININT64 */
	guint first_message_field;
} Judge;

/* A line below ours that our server did not write: its shape, its link to
 * the line above, its address, and where it stands among the fields.
 * Returns how the line links to the one above. */
static Link
judge_outside (const Judge *jd, guint i, StHopJudgement *j)
{
	const StHop *h = &jd->hop[i];
	const StReceived *r = h->line;
	Link link = LINK_UNKNOWN;
	g_autoptr (GString) evidence = g_string_new (NULL);

	check_shape (r, j->forged);
	/* the line just above must name this line's writer as its client; a
	 * local line has no client to frame, and across a local step (a
	 * scanner, a list manager) the host may go by another name */
	const StHop *up = i > 0 ? &jd->hop[i - 1] : NULL;
	if (r->kind == ST_RECEIVED_RELAY && up != NULL &&
		(up->line->kind == ST_RECEIVED_RELAY || up->line->kind == ST_RECEIVED_PICKUP))
		link = check_link (r, up, evidence);
	/* Names alone disagree often in honest mail (a host whose PTR is not
	 * its own name, virtual hosting); a line that claims a big provider's
	 * server received the message from a host outside that provider's
	 * network is a lie. */
	const StSender *claimed = link == LINK_MISMATCH ? st_provider_sender_of_host (r->by) : NULL;
	/* Nor does one of our own receiving servers take a message from a host
	 * that then hands it to us: our server's line above names the real
	 * client. (A message that really left us and came back, by a list or a
	 * forward, has the outside host's line in between, which names our
	 * server as its client.) */
	const char *own =
		link == LINK_MISMATCH && claimed == NULL ? own_host (jd->hosts, r->by) : NULL;
	if (claimed != NULL && !st_sender_has_addr (claimed, up->has_ip ? &up->ip : NULL))
		st_finding_add (j->forged, "chain-break",
			"%s. %s belongs to %s, and %s is not in its network", evidence->str, r->by,
			claimed->name, up->line->ip);
	else if (own != NULL)
		st_finding_add (j->forged, "chain-break",
			"%s. %s is one of the servers that received this message for us, and "
			"its own line above names another client",
			evidence->str, own);
	else if (link == LINK_MISMATCH)
		st_finding_add (j->notes, "chain-mismatch", "%s", evidence->str);
	check_address (h, link, j->forged, j->notes);
	gboolean local_hop = r->kind != ST_RECEIVED_RELAY ||
			     (h->has_ip && st_ip_scope (&h->ip, NULL) == ST_IP_SCOPE_LOOPBACK);
	if (h->field > jd->first_message_field && !local_hop) {
		const StField *first =
			&g_array_index (jd->h->fields, StField, jd->first_message_field);
		st_finding_add (j->forged, "out-of-block",
			"this Received: line stands below the message's own fields (%.*s "
			"comes first): relays prepend their lines, they do not insert them",
			(int)first->name_len, first->name);
	}
	return link;
}

/* The findings and the judgement of hop @i; *@below_forged carries the
 * news of a forged line up the chain. */
static void
judge_hop (const Judge *jd, guint i, gboolean *below_forged)
{
	const StReceived *r = jd->hop[i].line;
	StHopJudgement *j = &jd->hop[i].judged;
	gboolean ours = (int)i == jd->walk->origin; /* written by our server */
	Link link = LINK_UNKNOWN;

	if (r->kind == ST_RECEIVED_UNPARSEABLE) {
		g_autofree char *raw = g_strndup (r->raw, 120);
		/* RFC 822 allowed lines we do not read ("from X via Y; date"); a
		 * line with no date and no clause is junk */
		if (junk_line (r))
			st_finding_add (j->forged, "unparseable",
				"no mail server writes a line like this: '%s'", raw);
		else
			st_finding_add (
				j->notes, "unparsed", "a line in a form we do not read: '%s'", raw);
	} else if (!ours) {
		link = judge_outside (jd, i, j);
	}
	if (r->kind == ST_RECEIVED_RELAY)
		check_helo (&jd->hop[i], jd->hosts, jd->domains, j->forged, j->notes);
	check_time (jd->hop, i, jd->top, j->forged, j->notes);
	if (r->flags & ST_RECEIVED_MAY_BE_FORGED)
		st_finding_add (j->notes, "may-be-forged",
			"%s noted that the DNS name of %s does not confirm its address", r->by,
			r->ip);

	/* insecure relays; a client that logged in (SMTP AUTH, a webmail or
	 * API session) is known to the relay by its account even when its
	 * address went unrecorded; a line that records two addresses recorded
	 * one, we cannot tell which */
	if (r->kind == ST_RECEIVED_RELAY && r->ip[0] == '\0' && r->auth[0] == '\0' &&
		!(r->flags & ST_RECEIVED_AMBIGUOUS_CLIENT) && !*below_forged && j->forged->len == 0)
		st_finding_add (j->insecure, "no-client-ip",
			"%s accepted the message from %s without recording the client's "
			"address: its senders are anonymous",
			r->by[0] ? r->by : "a relay", r->helo[0] ? r->helo : "an unnamed client");
	if (!ours && !*below_forged && j->forged->len == 0)
		check_open_relay (&jd->hop[i], i > 0 ? jd->hop[i - 1].line : NULL, j->insecure);

	if (j->forged->len > 0) {
		j->judgement = ST_JUDGEMENT_FORGED;
		*below_forged = TRUE;
	} else if (*below_forged) {
		j->judgement = ST_JUDGEMENT_UNVERIFIABLE;
	} else if (ours || link == LINK_MATCH) {
		j->judgement = ST_JUDGEMENT_CONSISTENT;
	} else {
		j->judgement = ST_JUDGEMENT_UNVERIFIABLE;
	}
}

void
st_forgery_judge (const StHeaders *h, StHop *hop, guint n, const StWalk *walk, StSource *source)
{
	guint start = n; /* the first untrusted line */
	g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
	g_autoptr (GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
	Judge jd = {
		.h = h,
		.hop = hop,
		.n = n,
		.walk = walk,
		.hosts = hosts,
		.domains = domains,
		.top = G_MININT64,
		.first_message_field = G_MAXUINT,
	};

	source->hop = -1;
	for (guint i = 0; i < n; i++) {
		hop[i].judged.forged = st_finding_list_new ();
		hop[i].judged.insecure = st_finding_list_new ();
		hop[i].judged.notes = st_finding_list_new ();
		hop[i].judged.judgement = ST_JUDGEMENT_TRUSTED;
		if (start == n && !hop[i].trusted)
			start = i;
	}
	for (guint i = 0; i < h->fields->len && jd.first_message_field == G_MAXUINT; i++)
		if (st_field_is_message_own (&g_array_index (h->fields, StField, i)))
			jd.first_message_field = i;
	for (guint i = 0; i < start; i++) {
		if (hop[i].line->date[0] != '\0') {
			jd.top = hop[i].line->time;
			break;
		}
	}
	if (jd.top == G_MININT64 && start < n && hop[start].line->date[0])
		jd.top = hop[start].line->time;
	collect_ours (hop, n, walk, hosts, domains);

	gboolean below_forged = FALSE;
	for (guint i = start; i < n; i++)
		judge_hop (&jd, i, &below_forged);
	if (walk->origin >= 0)
		find_source (hop, n, walk, source);
}

void
st_source_clear (StSource *source)
{
	g_free (source->why);
	source->why = NULL;
}
