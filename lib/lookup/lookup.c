/* lookup.c - who runs an address, an AS or a domain: cache, then RDAP, whois and abuse.net,
 * each failure said. RFC 9224 (bootstrap), RFC 7480 section 5.5 (429), RFC 3912 (whois),
 * RFC 9110 section 15.5.5. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bootstrap.h"
#include "cache.h"
#include "destination.h"
#include "dns.h"
#include "domain.h"
#include "error.h"
#include "json-write.h"
#include "lookup.h"
#include "rdap.h"
#include "whois.h"

/* A chain of whois referrals is short (IANA -> ARIN -> RIPE is the longest
 * seen); the bound keeps a referral loop finite. */
#define MAX_WHOIS_HOPS 4

typedef struct {
	char *host;
	guint port;
} Server;

struct _StLookup {
	StBootstrap *bootstrap;
	GHashTable *overrides; /* lower-case name -> Server* */
	char *dns_server;
	StCache *cache; /* NULL: none */
	char *cache_problem;
	gboolean offline, cache_only;
	guint budget_ms, timeout_ms;
	/* the call in progress */
	gint64 deadline;
	GPtrArray *failures;
	char *ptr_name;
	gboolean ptr_confirmed;
	/* RDAP hosts that asked us to wait, for this process even without a cache */
	GHashTable *paused; /* host -> Pause* */
	/* the breaker: unanswered questions in a row by service, the services stopped */
	GHashTable *misses; /* service (as st_lookup_stopped names it) -> count */
	GPtrArray *stopped;
	char *dns_service;
};

typedef struct {
	long status;  /* 429 or 503 */
	gint64 until; /* real time, seconds since the epoch */
} Pause;

/* The whois server of each RIR, by the host of its RDAP service as the
 * IANA bootstrap names it: RDAP's registry is whois's registry. */
static const struct {
	const char *rdap_host;
	const char *whois;
} rir_whois[] = {
	{ "rdap.afrinic.net", "whois.afrinic.net" },
	{ "rdap.apnic.net", "whois.apnic.net" },
	{ "rdap.arin.net", "whois.arin.net" },
	{ "rdap.db.ripe.net", "whois.ripe.net" },
	{ "rdap.lacnic.net", "whois.lacnic.net" },
};

static void
server_free (gpointer data)
{
	Server *s = data;

	g_free (s->host);
	g_free (s);
}

/* "HOST:PORT", "[V6]:PORT". */
static Server *
server_parse (const char *text)
{
	const char *colon;
	guint64 port;
	Server *s;

	if (text[0] == '[') {
		const char *close = strchr (text, ']');
		if (close == NULL || close[1] != ':')
			return NULL;
		colon = close + 1;
	} else {
		colon = strrchr (text, ':');
	}
	if (colon == NULL || colon == text ||
		!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
		return NULL;
	s = g_new0 (Server, 1);
	s->host = text[0] == '[' ? g_strndup (text + 1, colon - text - 2)
				 : g_strndup (text, colon - text);
	s->port = (guint)port;
	return s;
}

StLookup *
st_lookup_new (const StLookupOptions *options, GError **error)
{
	g_autoptr (StLookup) l = g_new0 (StLookup, 1);
	StLookupOptions none = { 0 };
	g_autoptr (GError) local = NULL;

	g_return_val_if_fail (error == NULL || *error == NULL, NULL);

	if (options == NULL)
		options = &none;
	l->failures = g_ptr_array_new_with_free_func (g_free);
	l->paused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
	l->misses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	l->stopped = g_ptr_array_new_with_free_func (g_free);
	l->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_free);
	for (guint i = 0; options->overrides != NULL && options->overrides[i] != NULL; i++) {
		const char *o = options->overrides[i];
		const char *eq = strchr (o, '=');
		Server *s = eq != NULL && eq != o ? server_parse (eq + 1) : NULL;
		if (s == NULL) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
				"server override '%s' is not NAME=HOST:PORT", o);
			return NULL;
		}
		g_hash_table_replace (l->overrides, g_ascii_strdown (o, eq - o), s);
	}
	if (options->dns_server != NULL) {
		/* Checked now so that a typo is a usage error, not a failed lookup. */
		g_autoptr (StDnsResolver) r =
			st_dns_resolver_new (options->dns_server, 0, 0, error);
		if (r == NULL)
			return NULL;
		l->dns_server = g_strdup (options->dns_server);
	}
	l->dns_service = l->dns_server != NULL
				 ? g_strdup_printf ("the DNS server %s", l->dns_server)
				 : g_strdup ("the DNS servers of /etc/resolv.conf");
	l->bootstrap = st_bootstrap_new ();
	/* only a lookup that may ask a server needs to know which */
	if (!options->cache_only && !options->offline &&
		!st_bootstrap_load_dir (l->bootstrap, options->rdap_bootstrap, error))
		return NULL;
	if (options->cache_only && options->no_cache) {
		g_set_error_literal (error, ST_ERROR, ST_ERROR_CONFIG,
			"cache-only lookups need the cache, which no_cache turns off");
		return NULL;
	}
	l->offline = options->offline;
	l->cache_only = options->cache_only;
	l->budget_ms = options->budget_ms > 0 ? options->budget_ms : 60000;
	l->timeout_ms = options->timeout_ms > 0 ? options->timeout_ms : 10000;
	if (!options->offline && !options->no_cache) {
		l->cache = st_cache_open (options->cache_path, 0, &local);
		if (l->cache == NULL)
			l->cache_problem = g_strdup (local->message);
	}
	return g_steal_pointer (&l);
}

void
st_lookup_free (StLookup *lookup)
{
	if (lookup == NULL)
		return;
	st_bootstrap_free (lookup->bootstrap);
	if (lookup->overrides != NULL)
		g_hash_table_unref (lookup->overrides);
	g_free (lookup->dns_server);
	st_cache_free (lookup->cache);
	g_free (lookup->cache_problem);
	if (lookup->failures != NULL)
		g_ptr_array_unref (lookup->failures);
	g_free (lookup->ptr_name);
	if (lookup->paused != NULL)
		g_hash_table_unref (lookup->paused);
	if (lookup->misses != NULL)
		g_hash_table_unref (lookup->misses);
	if (lookup->stopped != NULL)
		g_ptr_array_unref (lookup->stopped);
	g_free (lookup->dns_service);
	g_free (lookup);
}

const GPtrArray *
st_lookup_failures (const StLookup *lookup)
{
	return lookup->failures;
}

const GPtrArray *
st_lookup_stopped (const StLookup *lookup)
{
	return lookup->stopped;
}

const char *
st_lookup_ptr_name (const StLookup *lookup, gboolean *confirmed)
{
	if (confirmed != NULL)
		*confirmed = lookup->ptr_confirmed;
	return lookup->ptr_name;
}

G_GNUC_PRINTF (2, 3)
static void
fail (StLookup *l, const char *format, ...)
{
	va_list ap;

	va_start (ap, format);
	g_ptr_array_add (l->failures, g_strdup_vprintf (format, ap));
	va_end (ap);
}

/* ---- the breaker (ST_LOOKUP_BREAKER_FAILURES) --------------------------- */

/* Whether @service is stopped; a failure saying so is added when it is. */
static gboolean
breaker_open (StLookup *l, const char *service, const char *what)
{
	if (GPOINTER_TO_UINT (g_hash_table_lookup (l->misses, service)) <
		ST_LOOKUP_BREAKER_FAILURES)
		return FALSE;
	fail (l, "%s: not asked: %s gave no answer %u times in a row in this run", what, service,
		ST_LOOKUP_BREAKER_FAILURES);
	return TRUE;
}

/* What @service did with a question: @answered (anything at all, an error
 * status included) starts its count again; no answer adds to it, and
 * stops the service at the limit. */
static void
breaker_count (StLookup *l, const char *service, gboolean answered)
{
	guint misses = GPOINTER_TO_UINT (g_hash_table_lookup (l->misses, service));

	if (misses >= ST_LOOKUP_BREAKER_FAILURES)
		return;
	if (answered) {
		g_hash_table_remove (l->misses, service);
		return;
	}
	g_hash_table_replace (l->misses, g_strdup (service), GUINT_TO_POINTER (++misses));
	if (misses == ST_LOOKUP_BREAKER_FAILURES)
		g_ptr_array_add (l->stopped, g_strdup (service));
}

/* @a, counted for the DNS server. */
static StDnsAnswer *
dns_seen (StLookup *l, StDnsAnswer *a)
{
	breaker_count (l, l->dns_service, !(a->status == ST_DNS_FAILED && a->unanswered));
	return a;
}

/* The answer of a question the breaker does not let go out. */
static StDnsAnswer *
dns_not_asked (StLookup *l)
{
	StDnsAnswer *a = g_new0 (StDnsAnswer, 1);

	a->status = ST_DNS_FAILED;
	a->error = g_strdup_printf ("not asked: %s gave no answer %u times in a row in this run",
		l->dns_service, ST_LOOKUP_BREAKER_FAILURES);
	a->records = g_ptr_array_new_with_free_func (g_free);
	return a;
}

static gboolean
dns_stopped (const StLookup *l)
{
	return GPOINTER_TO_UINT (g_hash_table_lookup (l->misses, l->dns_service)) >=
	       ST_LOOKUP_BREAKER_FAILURES;
}

/* One DNS question of @l: CALL is not made once the breaker stopped DNS. */
#define DNS_ASK(l, call) (dns_stopped (l) ? dns_not_asked (l) : dns_seen ((l), (call)))

static guint
remaining_ms (const StLookup *l)
{
	gint64 left = (l->deadline - g_get_monotonic_time ()) / 1000;

	return left > 0 ? (guint)MIN (left, (gint64)G_MAXUINT) : 0;
}

/* One server's bound in whole seconds (what rdap.c and whois.c take): the
 * per-server timeout or what is left of the budget, rounded up. */
static guint
timeout_seconds (const StLookup *l)
{
	guint ms = MIN (l->timeout_ms, remaining_ms (l));

	return MAX (1, (ms + 999) / 1000);
}

static const Server *
override_for (const StLookup *l, const char *name)
{
	g_autofree char *key = g_ascii_strdown (name, -1);

	return g_hash_table_lookup (l->overrides, key);
}

static char *
url_host (const char *url)
{
	g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

	return uri != NULL && g_uri_get_host (uri) != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

/* @url with its host replaced by its override, over http; NULL when its
 * host has none. */
static char *
url_overridden (const StLookup *l, const char *url)
{
	g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
	const Server *s;

	if (uri == NULL || g_uri_get_host (uri) == NULL ||
		(s = override_for (l, g_uri_get_host (uri))) == NULL)
		return NULL;
	return g_uri_join (G_URI_FLAGS_NONE, "http", NULL, s->host, (gint)s->port,
		g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}

static GPtrArray *registry_addresses (const char *host, gpointer data);

/* The route of an RDAP question (rdap.h): a host the user overrides goes
 * where the override says, on any address, first URL or redirect alike;
 * anything else as st_rdap_route_default says. */
static gboolean
rdap_route (const char *url, gboolean redirect, gpointer data, StRdapTarget *target, GError **error)
{
	StLookup *l = data;
	char *overridden = url_overridden (l, url);
	g_autofree char *host = NULL;
	StIp ip;

	if (overridden == NULL && !st_rdap_route_default (url, redirect, NULL, target, error))
		return FALSE;
	if (overridden != NULL) {
		target->url = overridden;
		target->any_address = TRUE;
		target->addresses = NULL;
	}
	/* --dns-server finds the registries' own names too, never the
	 * system's resolver: a name it does not know is not asked at all */
	host = l->dns_server != NULL ? url_host (target->url) : NULL;
	if (host == NULL || st_ip_parse (host, -1, &ip))
		return TRUE;
	target->addresses = registry_addresses (host, l);
	if (target->addresses->len > 0)
		return TRUE;
	g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "cannot fetch '%s': no address for %s", url,
		host);
	g_clear_pointer (&target->url, g_free);
	g_clear_pointer (&target->addresses, g_ptr_array_unref);
	return FALSE;
}

static void
copy_contacts (const StContactList *from, StContactList *to)
{
	for (guint i = 0; i < st_contact_list_length (from); i++) {
		const StContact *c = st_contact_list_get (from, i);
		StContact *copy =
			st_contact_new (c->address, c->scope, c->source, c->confidence, c->role);
		if (c->note != NULL)
			st_contact_set_note (copy, c->note);
		st_contact_list_take (to, copy);
	}
}

/* ---- the cache: contacts as lines of escaped, tab-separated fields ------ */

static char *
contacts_serialize (const StContactList *list)
{
	GString *s = g_string_new (NULL);

	for (guint i = 0; i < st_contact_list_length (list); i++) {
		const StContact *c = st_contact_list_get (list, i);
		g_autofree char *a = g_strescape (c->address, NULL);
		g_autofree char *src = g_strescape (c->source, NULL);
		g_autofree char *role = g_strescape (c->role, NULL);
		g_autofree char *note = g_strescape (c->note != NULL ? c->note : "", NULL);
		g_string_append_printf (
			s, "%s\t%d\t%d\t%s\t%s\t%s\n", a, c->scope, c->confidence, src, role, note);
	}
	return g_string_free (s, FALSE);
}

/* FALSE when @text is not what contacts_serialize wrote. */
static gboolean
contacts_parse (const char *text, StContactList *out)
{
	g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
	g_autoptr (StContactList) list = st_contact_list_new ();

	for (guint i = 0; lines[i] != NULL; i++) {
		g_auto (GStrv) f = NULL;
		g_autofree char *a = NULL, *src = NULL, *role = NULL, *note = NULL;
		guint64 scope, conf;
		StContact *c;
		if (lines[i][0] == '\0')
			continue;
		f = g_strsplit (lines[i], "\t", -1);
		if (g_strv_length (f) != 6 ||
			!g_ascii_string_to_unsigned (
				f[1], 10, 0, ST_CONTACT_SCOPE_MAILBOX_PROVIDER, &scope, NULL) ||
			!g_ascii_string_to_unsigned (f[2], 10, 0, ST_CONFIDENCE_HIGH, &conf, NULL))
			return FALSE;
		a = g_strcompress (f[0]);
		src = g_strcompress (f[3]);
		role = g_strcompress (f[4]);
		note = g_strcompress (f[5]);
		c = st_contact_new (a, (StContactScope)scope, src, (StConfidence)conf, role);
		if (note[0] != '\0')
			st_contact_set_note (c, note);
		st_contact_list_take (list, c);
	}
	copy_contacts (list, out);
	return TRUE;
}

static gboolean
cache_read (StLookup *l, const char *query, StContactList *out)
{
	g_autofree char *value = NULL;
	gboolean negative = FALSE;

	if (l->cache == NULL ||
		!st_cache_get (l->cache, ST_CACHE_KIND_CONTACTS, query, &value, &negative))
		return FALSE;
	return contacts_parse (value != NULL ? value : "", out);
}

static void
cache_write (StLookup *l, const char *query, const StContactList *list)
{
	g_autofree char *value = contacts_serialize (list);
	g_autoptr (GError) error = NULL;

	/* An answer put together while a source failed is not the whole
	 * answer: caching it would turn a failure into "no contact". */
	if (l->cache == NULL || l->failures->len > 0)
		return;
	if (!st_cache_put (l->cache, ST_CACHE_KIND_CONTACTS, query, value,
		    st_contact_list_length (list) == 0, 0, &error))
		fail (l, "cache: %s", error->message);
}

/* ---- RDAP --------------------------------------------------------------- */

static const char *
pause_reason (long status)
{
	return status == 429 ? "rate limited" : "unavailable";
}

/* Whether @host asked (this process, or another sharing the cache) not to
 * be asked now; @pause receives why and until when. The cache entry is
 * "STATUS UNTIL" and lives as long as the pause. */
static gboolean
host_paused (StLookup *l, const char *host, Pause *pause)
{
	g_autofree char *key = g_strdup_printf ("paused %s", host);
	g_autofree char *value = NULL;
	const Pause *p = g_hash_table_lookup (l->paused, host);
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;

	if (p != NULL && p->until > now) {
		*pause = *p;
		return TRUE;
	}
	if (l->cache == NULL || !st_cache_get (l->cache, ST_CACHE_KIND_RDAP, key, &value, NULL) ||
		value == NULL ||
		sscanf (value, "%ld %" G_GINT64_FORMAT, &pause->status, &pause->until) != 2)
		return FALSE;
	pause->until = MAX (pause->until, now);
	return TRUE;
}

/* RFC 7480 section 5.5 and RFC 9110 section 10.2.3: asking again before
 * the time the server named only prolongs the block. Returns the pause. */
static guint
host_pause (StLookup *l, const char *host, long status, guint retry_after)
{
	guint seconds = retry_after == 0
				? ST_LOOKUP_RATE_LIMIT_PAUSE
				: CLAMP (retry_after, ST_LOOKUP_PAUSE_MIN, ST_LOOKUP_PAUSE_MAX);
	Pause *p = g_new (Pause, 1);
	g_autofree char *key = g_strdup_printf ("paused %s", host);
	g_autofree char *value = NULL;

	p->status = status;
	p->until = g_get_real_time () / G_USEC_PER_SEC + seconds;
	value = g_strdup_printf ("%ld %" G_GINT64_FORMAT, p->status, p->until);
	g_hash_table_replace (l->paused, g_strdup (host), p);
	if (l->cache != NULL)
		st_cache_put (l->cache, ST_CACHE_KIND_RDAP, key, value, FALSE, seconds, NULL);
	return seconds;
}

static StDnsResolver *resolver_new (StLookup *l);

/* --dns-server also finds the registries' own hosts: their A and AAAA
 * records from that server, never the system's resolver. */
static GPtrArray *
registry_addresses (const char *host, gpointer data)
{
	StLookup *l = data;
	g_autoptr (StDnsResolver) resolver = resolver_new (l);
	GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
	static const StDnsType types[] = { ST_DNS_TYPE_A, ST_DNS_TYPE_AAAA };

	for (gsize t = 0; resolver != NULL && t < G_N_ELEMENTS (types); t++) {
		g_autoptr (StDnsAnswer) a = DNS_ASK (l, st_dns_query (resolver, host, types[t]));
		for (guint i = 0; a->status == ST_DNS_POSITIVE && i < a->records->len; i++)
			g_ptr_array_add (found, g_strdup (a->records->pdata[i]));
	}
	if (found->len == 0)
		fail (l, "dns %s: no address from %s", host, l->dns_server);
	return found;
}

static StRdapResult *
rdap_ask (StLookup *l, const char *url)
{
	g_autofree char *host = url_host (url);
	g_autofree char *effective = NULL;
	g_autofree char *body = NULL;
	g_autoptr (GError) error = NULL;
	StRdapResult *r;
	guint retry_after = 0;
	long status = 0;
	Pause pause;
	gsize len = 0;

	if (host != NULL && host_paused (l, host, &pause)) {
		fail (l,
			"rdap %s: %s (HTTP %ld) a short while ago; not asked for another "
			"%" G_GINT64_FORMAT " s",
			url, pause_reason (pause.status), pause.status,
			pause.until - g_get_real_time () / G_USEC_PER_SEC);
		return NULL;
	}
	if (remaining_ms (l) == 0) {
		fail (l, "rdap %s: time budget spent; not asked", url);
		return NULL;
	}
	g_autofree char *service = g_strdup_printf ("the RDAP server %s", host ? host : url);
	g_autofree char *what = g_strdup_printf ("rdap %s", url);
	if (breaker_open (l, service, what))
		return NULL;
	body = st_rdap_fetch_routed (url, timeout_seconds (l), rdap_route, l, &len, &status,
		&effective, &retry_after, &error);
	/* no body: no connection, no answer in time (or one we would not read) */
	breaker_count (l, service, body != NULL);
	if (body == NULL) {
		fail (l, "rdap %s: %s", url, error->message);
		return NULL;
	}
	/* A 503 without Retry-After is a server in trouble, not one asking
	 * for a pause: an ordinary failure, below. */
	if (host != NULL && (status == 429 || (status == 503 && retry_after > 0))) {
		guint seconds = host_pause (l, host, status, retry_after);
		g_autofree char *asked_for =
			retry_after > 0 && retry_after != seconds
				? g_strdup_printf (" (it asked for %u s)", retry_after)
				: g_strdup ("");
		fail (l, "rdap %s: %s (HTTP %ld); not asked again for %u s%s", url,
			pause_reason (status), status, seconds, asked_for);
		return NULL;
	}
	/* The contacts name where they came from: after a redirect between
	 * registries, the URL that answered; through an override, the URL meant. */
	r = st_rdap_parse (body, (gssize)len, effective, &error);
	if (status < 200 || status > 299) {
		/* The body of an error status is an RDAP error, or not RDAP at all. */
		if (r != NULL || error == NULL ||
			!g_str_has_prefix (error->message, "rdap server answered"))
			fail (l, "rdap %s: rdap server answered HTTP %ld", url, status);
		else
			fail (l, "rdap %s: %s", url, error->message);
		st_rdap_result_free (r);
		return NULL;
	}
	if (r == NULL)
		fail (l, "rdap %s: %s", url, error->message);
	return r;
}

/* ---- whois -------------------------------------------------------------- */

/* Cancels a whois exchange when the budget runs out: st_whois_query bounds
 * each read, not the whole answer, and a server may trickle. */
typedef struct {
	GMutex lock;
	GCond cond;
	gboolean done;
	gint64 deadline;
	GCancellable *cancel;
} Watchdog;

static gpointer
watchdog_run (gpointer data)
{
	Watchdog *w = data;

	g_mutex_lock (&w->lock);
	while (!w->done)
		if (!g_cond_wait_until (&w->cond, &w->lock, w->deadline)) {
			g_cancellable_cancel (w->cancel);
			break;
		}
	g_mutex_unlock (&w->lock);
	return NULL;
}

static StDnsResolver *resolver_new (StLookup *l);

/* Where the whois server @server on @port may be asked when no override
 * names it (destination.h): a host name, on port 43, at a public address,
 * which goes to @address; FALSE, said as a failure, otherwise. The name is
 * resolved here (through the DNS server of the lookups) so that the
 * address connected to is the address checked. */
static gboolean
whois_destination (StLookup *l, const char *server, guint port, char address[ST_IP_STRLEN])
{
	static const StDnsType types[] = { ST_DNS_TYPE_A, ST_DNS_TYPE_AAAA };
	g_autoptr (StDnsResolver) resolver = NULL;
	g_autofree char *refused = NULL;
	const char *why = NULL;

	if (!st_destination_host_ok (server, &why)) {
		fail (l, "whois %s: not asked: %s", server, why);
		return FALSE;
	}
	if (port != ST_DESTINATION_WHOIS_PORT) {
		fail (l, "whois %s: not asked on port %u: whois is port 43", server, port);
		return FALSE;
	}
	if ((resolver = resolver_new (l)) == NULL)
		return FALSE;
	for (gsize t = 0; t < G_N_ELEMENTS (types); t++) {
		g_autoptr (StDnsAnswer) a = DNS_ASK (l, st_dns_query (resolver, server, types[t]));
		for (guint i = 0; a->status == ST_DNS_POSITIVE && i < a->records->len; i++) {
			StIp ip;
			if (!st_ip_parse (a->records->pdata[i], -1, &ip))
				continue;
			if (st_destination_address_ok (&ip, &why)) {
				st_ip_format (&ip, address);
				return TRUE;
			}
			if (refused == NULL)
				refused = g_strdup_printf (
					"%s is %s", (char *)a->records->pdata[i], why);
		}
	}
	fail (l, "whois %s: not asked: %s", server,
		refused != NULL ? refused : "no address found for it");
	return FALSE;
}

/* With --dns-server, whois server @host is reached at its first address
 * from that server, in *@address: FALSE when it has none (the system's
 * resolver is never asked). */
static gboolean
whois_address (StLookup *l, const char *host, char **address)
{
	StIp ip;
	if (l->dns_server == NULL || st_ip_parse (host, -1, &ip))
		return TRUE;
	g_autoptr (GPtrArray) found = registry_addresses (host, l);
	if (found->len == 0)
		return FALSE;
	*address = g_strdup (found->pdata[0]);
	return TRUE;
}

static StWhoisResult *
whois_ask (StLookup *l, const char *server, guint port, const char *object, StContactScope scope)
{
	const Server *o = override_for (l, server);
	g_autofree char *question = st_whois_question (server, object);
	g_autoptr (GError) error = NULL;
	g_autofree char *text = NULL;
	char address[ST_IP_STRLEN] = "";
	gboolean truncated = FALSE;
	Watchdog w = { 0 };
	GThread *thread;
	gboolean cancelled;
	guint bound_ms;
	gsize len = 0;

	if (remaining_ms (l) == 0) {
		fail (l, "whois %s: time budget spent; not asked", server);
		return NULL;
	}
	g_autofree char *service = g_strdup_printf ("the whois server %s", server);
	g_autofree char *what = g_strdup_printf ("whois %s", server);
	if (breaker_open (l, service, what))
		return NULL;
	const char *host = o != NULL ? o->host : server;
	g_autofree char *override_address = NULL;
	if (o == NULL && !whois_destination (l, server, port, address))
		return NULL;
	/* an override's host is the user's: found with --dns-server, not checked */
	if (o != NULL && !whois_address (l, host, &override_address))
		return NULL;
	g_mutex_init (&w.lock);
	g_cond_init (&w.cond);
	w.cancel = g_cancellable_new ();
	bound_ms = MIN (l->timeout_ms, remaining_ms (l));
	w.deadline = g_get_monotonic_time () + (gint64)bound_ms * 1000;
	thread = g_thread_new ("whois-watchdog", watchdog_run, &w);
	text = st_whois_query (o == NULL                  ? address
			       : override_address != NULL ? override_address
							  : host,
		o != NULL ? o->port : port, question, timeout_seconds (l), w.cancel, &len,
		&truncated, &error);
	g_mutex_lock (&w.lock);
	w.done = TRUE;
	g_cond_signal (&w.cond);
	g_mutex_unlock (&w.lock);
	g_thread_join (thread);
	cancelled = g_cancellable_is_cancelled (w.cancel);
	g_object_unref (w.cancel);
	g_cond_clear (&w.cond);
	g_mutex_clear (&w.lock);
	breaker_count (l, service, text != NULL);

	if (text == NULL) {
		/* The socket's own timeout (whole seconds) and the watchdog race
		 * on a loaded machine: past the deadline, it is the same failure. */
		if (cancelled || g_get_monotonic_time () >= w.deadline)
			fail (l, "whois %s: no whole answer within %u ms", server, bound_ms);
		else
			fail (l, "whois %s: %s", server, error->message);
		return NULL;
	}
	if (len == 0) {
		fail (l, "whois %s: empty answer", server);
		return NULL;
	}
	if (truncated)
		fail (l, "whois %s: answer longer than %u bytes; the rest was dropped", server,
			ST_WHOIS_MAX_ANSWER);
	return st_whois_parse (text, (gssize)len, server, scope);
}

/* Asks @server, then whoever it refers to. The contacts are those of the
 * last answer that names any: a referral that fails leaves the referring
 * registry's, marked as such. TRUE when a server answered. */
static gboolean
whois_chain (StLookup *l, const char *server, const char *object, StContactScope scope,
	StContactList *out)
{
	g_autofree char *asking = g_strdup (server);
	g_autoptr (StContactList) best = NULL;
	gboolean answered = FALSE, referred = FALSE;
	guint port = 43;

	for (guint hop = 0; hop < MAX_WHOIS_HOPS && asking != NULL; hop++) {
		g_autoptr (StWhoisResult) r = whois_ask (l, asking, port, object, scope);
		if (r == NULL)
			break;
		answered = TRUE;
		referred = FALSE;
		if (st_contact_list_length (r->contacts) > 0) {
			g_clear_pointer (&best, st_contact_list_free);
			best = g_steal_pointer (&r->contacts);
			r->contacts = st_contact_list_new ();
		}
		g_clear_pointer (&asking, g_free);
		/* rwhois (RFC 2167) speaks another protocol: not followed. */
		if (r->referral_host != NULL && !r->referral_rwhois) {
			asking = g_strdup (r->referral_host);
			port = r->referral_port;
			referred = TRUE;
		}
	}
	if (best != NULL) {
		if (referred)
			for (guint i = 0; i < best->items->len; i++)
				st_contact_set_note (best->items->pdata[i],
					"from the referring registry: the referral failed");
		copy_contacts (best, out);
	}
	return answered;
}

static const char *
rir_whois_for (const char *rdap_url)
{
	g_autofree char *host = rdap_url != NULL ? url_host (rdap_url) : NULL;

	for (guint i = 0; host != NULL && i < G_N_ELEMENTS (rir_whois); i++)
		if (g_ascii_strcasecmp (host, rir_whois[i].rdap_host) == 0)
			return rir_whois[i].whois;
	return NULL;
}

/* The whois of the registry that holds a network or an AS number: the
 * RDAP answer's port43, else the RIR the bootstrap chose, else IANA's,
 * whose referral leads on. */
static const char *
registry_whois (const StRdapResult *rdap, const char *url)
{
	if (rdap != NULL && rdap->port43 != NULL)
		return rdap->port43;
	if (rir_whois_for (url) != NULL)
		return rir_whois_for (url);
	return "whois.iana.org";
}

/* ---- abuse.net ---------------------------------------------------------- */

/* Asks abuse.net about @domain; TRUE when it answered. */
static gboolean
abusenet_ask (StLookup *l, StDnsResolver *resolver, const char *domain, StContactScope scope,
	StContactList *out)
{
	gboolean registered = FALSE;
	g_autoptr (StDnsAnswer) a = DNS_ASK (l, st_dns_abusenet (resolver, domain, &registered));
	g_autofree char *source = g_strdup_printf ("abuse.net (%s.contacts.abuse.net)", domain);

	if (a->status == ST_DNS_FAILED) {
		fail (l, "abuse.net %s: %s", domain, a->error);
		return FALSE;
	}
	for (guint i = 0; i < a->records->len; i++) {
		g_autofree char *address = st_contact_address_clean (a->records->pdata[i]);
		StContact *c;
		if (address == NULL || !st_contact_address_usable (address, NULL))
			continue;
		/* A registered entry is what the domain's owner told abuse.net;
		 * the default is abuse.net's guess (abuse@DOMAIN). */
		c = st_contact_new (address, scope, source,
			registered ? ST_CONFIDENCE_MEDIUM : ST_CONFIDENCE_LOW, "abuse");
		st_contact_set_note (c, registered ? "abuse.net: registered entry"
						   : "abuse.net: default, no registered entry");
		st_contact_list_take (out, c);
	}
	return TRUE;
}

static StDnsResolver *
resolver_new (StLookup *l)
{
	g_autoptr (GError) error = NULL;
	StDnsResolver *r;

	if (remaining_ms (l) == 0) {
		fail (l, "dns: time budget spent; not asked");
		return NULL;
	}
	if (breaker_open (l, l->dns_service, "dns"))
		return NULL;
	r = st_dns_resolver_new (
		l->dns_server, MAX (1, l->timeout_ms / 2), remaining_ms (l), &error);
	if (r == NULL)
		fail (l, "dns: %s", error->message);
	return r;
}

/* ---- reverse DNS: cached as "rdns IP" -> "1 NAME" (confirmed) or
 * "0 NAME"; a negative entry when there is no PTR name ------------------ */

/* Sets l->ptr_name and l->ptr_confirmed from the cache; FALSE on a miss. */
static gboolean
rdns_read (StLookup *l, const char *text)
{
	g_autofree char *key = g_strdup_printf ("rdns %s", text);
	g_autofree char *value = NULL;
	gboolean negative = FALSE;

	if (l->cache == NULL || !st_cache_get (l->cache, ST_CACHE_KIND_DNS, key, &value, &negative))
		return FALSE;
	if (negative)
		return TRUE;
	if (value == NULL || (value[0] != '0' && value[0] != '1') || value[1] != ' ' ||
		value[2] == '\0')
		return FALSE;
	l->ptr_name = g_strdup (value + 2);
	l->ptr_confirmed = value[0] == '1';
	return TRUE;
}

/* Asks DNS for the PTR name of @addr and its confirmation; caches what DNS
 * said unless a question failed. */
static void
rdns_ask (StLookup *l, StDnsResolver *resolver, const StIp *addr, const char *text)
{
	g_autoptr (StDnsAnswer) ptr = DNS_ASK (l, st_dns_ptr (resolver, addr));
	g_autoptr (StDnsAnswer) fwd = NULL;
	g_autofree char *key = g_strdup_printf ("rdns %s", text);
	g_autofree char *value = NULL;

	if (ptr->status == ST_DNS_FAILED) {
		fail (l, "dns %s PTR: %s", text, ptr->error);
		return;
	}
	if (ptr->status == ST_DNS_POSITIVE) {
		const char *name = ptr->records->pdata[0];
		fwd = DNS_ASK (l, st_dns_confirm (resolver, addr, name));
		l->ptr_name = g_strdup (name);
		l->ptr_confirmed = fwd->status == ST_DNS_POSITIVE;
		if (fwd->status == ST_DNS_FAILED) {
			fail (l, "dns %s A/AAAA: %s", name, fwd->error);
			return;
		}
		value = g_strdup_printf ("%d %s", l->ptr_confirmed ? 1 : 0, name);
	}
	if (l->cache != NULL)
		st_cache_put (l->cache, ST_CACHE_KIND_DNS, key, value, value == NULL, 0, NULL);
}

/* ---- the lookups -------------------------------------------------------- */

/* Resets the per-call state; FALSE (and @error) when offline. */
static gboolean
call_begin (StLookup *l, const char *what, GError **error)
{
	g_ptr_array_set_size (l->failures, 0);
	if (l->offline) {
		fail (l, "offline: no lookup made");
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "offline: no lookup made for '%s'",
			what);
		return FALSE;
	}
	if (l->cache_problem != NULL)
		fail (l, "cache: %s", l->cache_problem);
	l->deadline = g_get_monotonic_time () + (gint64)l->budget_ms * 1000;
	return TRUE;
}

static gboolean
call_end (StLookup *l, const char *what, gboolean answered, GError **error)
{
	if (answered)
		return TRUE;
	g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "no source answered about '%s'%s%s", what,
		l->failures->len > 0 ? ": " : "",
		l->failures->len > 0 ? (const char *)l->failures->pdata[0] : "");
	return FALSE;
}

/* Asks the RDAP service at @url (NULL: the bootstrap names none for
 * @what) and adds the contacts of its answer, which goes to @rdap, to
 * @found. TRUE when it answered. */
static gboolean
rdap_contacts (
	StLookup *l, const char *url, const char *what, StRdapResult **rdap, StContactList *found)
{
	if (url == NULL) {
		fail (l, "rdap: no service in the bootstrap covers %s", what);
		return FALSE;
	}
	*rdap = rdap_ask (l, url);
	if (*rdap == NULL)
		return FALSE;
	copy_contacts ((*rdap)->contacts, found);
	return TRUE;
}

/* The end of a contacts lookup: @found goes to @out, and to the cache
 * under @key when a source answered. */
static gboolean
call_finish (StLookup *l, const char *what, const char *key, const StContactList *found,
	gboolean answered, StContactList *out, GError **error)
{
	copy_contacts (found, out);
	if (answered)
		cache_write (l, key, found);
	return call_end (l, what, answered, error);
}

/* @ip into @addr and its canonical text; ST_ERROR_USAGE when it is none. */
static gboolean
address_parse (const char *ip, StIp *addr, char text[ST_IP_STRLEN], GError **error)
{
	if (!st_ip_parse (ip, -1, addr)) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE, "'%s' is not an ip address", ip);
		return FALSE;
	}
	st_ip_format (addr, text);
	return TRUE;
}

/* A cache_only call that the cache cannot answer. */
static gboolean
cache_miss (StLookup *l, const char *what, GError **error)
{
	fail (l, "cache %s: not in the cache; cache-only, no server asked", what);
	return call_end (l, what, FALSE, error);
}

/* Before a contacts lookup asks anyone: FALSE when the call is over
 * already (offline, answered from the cache under @key, or a cache-only
 * miss), with its result in *@done. */
static gboolean
call_open (StLookup *l, const char *what, const char *key, StContactList *out, gboolean *done,
	GError **error)
{
	*done = FALSE;
	if (!call_begin (l, what, error))
		return FALSE;
	if (cache_read (l, key, out)) {
		*done = TRUE;
		return FALSE;
	}
	if (l->cache_only) {
		*done = cache_miss (l, what, error);
		return FALSE;
	}
	return TRUE;
}

gboolean
st_lookup_address_contacts (StLookup *lookup, const char *ip, StContactList *out, GError **error)
{
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autoptr (StRdapResult) rdap = NULL;
	g_autoptr (StDnsResolver) resolver = NULL;
	g_autofree char *url = NULL;
	g_autofree char *key = NULL;
	char text[ST_IP_STRLEN];
	gboolean answered = FALSE;
	StIp addr;

	g_return_val_if_fail (lookup != NULL && ip != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	if (!address_parse (ip, &addr, text, error))
		return FALSE;
	g_clear_pointer (&lookup->ptr_name, g_free);
	lookup->ptr_confirmed = FALSE;
	if (!call_begin (lookup, text, error))
		return FALSE;
	key = g_strdup_printf ("ip %s", text);
	if (cache_read (lookup, key, out)) {
		/* The reverse DNS lives shorter than the contacts: asked again
		 * when it expired, unless only the cache may answer. */
		if (!rdns_read (lookup, text)) {
			if (lookup->cache_only)
				fail (lookup, "dns %s PTR: not in the cache", text);
			else if ((resolver = resolver_new (lookup)) != NULL)
				rdns_ask (lookup, resolver, &addr, text);
		}
		return TRUE;
	}
	if (lookup->cache_only)
		return cache_miss (lookup, text, error);

	url = st_bootstrap_url_ip (lookup->bootstrap, &addr);
	answered = rdap_contacts (lookup, url, text, &rdap, found);
	if (st_contact_list_best (found, ST_CONTACT_SCOPE_NETWORK) == NULL)
		answered |= whois_chain (
			lookup, registry_whois (rdap, url), text, ST_CONTACT_SCOPE_NETWORK, found);

	resolver = resolver_new (lookup);
	if (resolver != NULL) {
		g_autofree char *domain = NULL;
		/* A PTR name is no contact: it does not make the lookup answered. */
		if (!rdns_read (lookup, text))
			rdns_ask (lookup, resolver, &addr, text);
		/* An unconfirmed PTR name is whatever the network's owner
		 * wrote: its domain's abuse desk may be a stranger's. */
		if (lookup->ptr_name != NULL && lookup->ptr_confirmed &&
			(domain = st_domain_registrable (lookup->ptr_name)) != NULL)
			answered |= abusenet_ask (
				lookup, resolver, domain, ST_CONTACT_SCOPE_NETWORK, found);
	}

	return call_finish (lookup, text, key, found, answered, out, error);
}

gboolean
st_lookup_domain_contacts (StLookup *lookup, const char *domain, StContactList *out, GError **error)
{
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autoptr (StDnsResolver) resolver = NULL;
	g_autoptr (StRdapResult) rdap = NULL;
	g_autofree char *name = NULL;
	g_autofree char *registrable = NULL;
	g_autofree char *url = NULL;
	g_autofree char *key = NULL;
	gboolean answered = FALSE, done;

	g_return_val_if_fail (lookup != NULL && domain != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	name = g_ascii_strdown (domain, -1);
	if (name[0] != '\0' && name[strlen (name) - 1] == '.')
		name[strlen (name) - 1] = '\0';
	if (name[0] == '\0' || strchr (name, '.') == NULL || strpbrk (name, " \t\r\n/@") != NULL) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE, "'%s' is not a domain name", domain);
		return FALSE;
	}
	registrable = st_domain_registrable (name);
	if (registrable == NULL)
		registrable = g_strdup (name);
	key = g_strdup_printf ("domain %s", registrable);
	if (!call_open (lookup, registrable, key, out, &done, error))
		return done;

	url = st_bootstrap_url_domain (lookup->bootstrap, registrable);
	answered = rdap_contacts (lookup, url, registrable, &rdap, found);
	if (st_contact_list_best (found, ST_CONTACT_SCOPE_REGISTRAR) == NULL) {
		const char *server =
			rdap != NULL && rdap->port43 != NULL ? rdap->port43 : "whois.iana.org";
		answered |=
			whois_chain (lookup, server, registrable, ST_CONTACT_SCOPE_DOMAIN, found);
	}
	resolver = resolver_new (lookup);
	if (resolver != NULL)
		answered |= abusenet_ask (
			lookup, resolver, registrable, ST_CONTACT_SCOPE_DOMAIN, found);

	return call_finish (lookup, registrable, key, found, answered, out, error);
}

gboolean
st_lookup_autnum_contacts (StLookup *lookup, guint32 asn, StContactList *out, GError **error)
{
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autoptr (StRdapResult) rdap = NULL;
	g_autofree char *url = NULL;
	g_autofree char *what = NULL;
	g_autofree char *key = NULL;
	gboolean answered = FALSE, done;

	g_return_val_if_fail (lookup != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	/* The RIRs' whois and IANA's all take "AS64500"; ARIN's wants its
	 * "a + " before it, which st_whois_question adds. */
	what = g_strdup_printf ("AS%" G_GUINT32_FORMAT, asn);
	key = g_strdup_printf ("autnum %" G_GUINT32_FORMAT, asn);
	if (!call_open (lookup, what, key, out, &done, error))
		return done;

	url = st_bootstrap_url_asn (lookup->bootstrap, asn);
	answered = rdap_contacts (lookup, url, what, &rdap, found);
	/* No abuse.net here: it knows domains, and an AS has none. */
	if (st_contact_list_best (found, ST_CONTACT_SCOPE_NETWORK) == NULL)
		answered |= whois_chain (
			lookup, registry_whois (rdap, url), what, ST_CONTACT_SCOPE_NETWORK, found);

	return call_finish (lookup, what, key, found, answered, out, error);
}

gboolean
st_lookup_host_addresses (StLookup *lookup, const char *host, GPtrArray *out, GError **error)
{
	static const StDnsType types[] = { ST_DNS_TYPE_A, ST_DNS_TYPE_AAAA };
	g_autoptr (StDnsResolver) resolver = NULL;
	g_autoptr (GString) found = g_string_new (NULL);
	g_autofree char *name = NULL;
	g_autofree char *key = NULL;
	g_autofree char *value = NULL;
	gboolean answered = FALSE;

	g_return_val_if_fail (lookup != NULL && host != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	if (!call_begin (lookup, host, error))
		return FALSE;
	/* cached as "addresses HOST" -> one a line; negative when none */
	name = g_ascii_strdown (host, -1);
	key = g_strdup_printf ("addresses %s", name);
	if (lookup->cache != NULL &&
		st_cache_get (lookup->cache, ST_CACHE_KIND_DNS, key, &value, NULL)) {
		g_auto (GStrv) lines = g_strsplit (value != NULL ? value : "", "\n", -1);
		for (guint i = 0; lines[i] != NULL; i++)
			if (lines[i][0] != '\0')
				g_ptr_array_add (out, g_strdup (lines[i]));
		return TRUE;
	}
	if (lookup->cache_only)
		return cache_miss (lookup, name, error);
	resolver = resolver_new (lookup);
	for (gsize t = 0; resolver != NULL && t < G_N_ELEMENTS (types); t++) {
		g_autoptr (StDnsAnswer) a =
			DNS_ASK (lookup, st_dns_query (resolver, host, types[t]));
		if (a->status == ST_DNS_FAILED) {
			fail (lookup, "dns %s %s: %s", host,
				types[t] == ST_DNS_TYPE_A ? "A" : "AAAA",
				a->error != NULL ? a->error : "no answer");
			continue;
		}
		answered = TRUE;
		for (guint i = 0; i < a->records->len; i++) {
			g_ptr_array_add (out, g_strdup (a->records->pdata[i]));
			g_string_append_printf (found, "%s\n", (const char *)a->records->pdata[i]);
		}
	}
	/* Half an answer is not cached: the missing half may hold the address. */
	if (answered && lookup->failures->len == 0 && lookup->cache != NULL)
		st_cache_put (lookup->cache, ST_CACHE_KIND_DNS, key,
			found->len > 0 ? found->str : NULL, found->len == 0, 0, NULL);
	return call_end (lookup, host, answered, error);
}

/* ---- DNSBLs ------------------------------------------------------------- */

void
st_dnsbl_results_json (StJson *j, const GPtrArray *results)
{
	st_json_begin_array (j);
	for (guint i = 0; results != NULL && i < results->len; i++) {
		const StDnsblResult *r = results->pdata[i];
		st_json_begin_object (j);
		st_json_member_str (j, "zone", r->zone);
		st_json_member_str (j, "status", st_dnsbl_status_name (r->status));
		st_json_key (j, "codes");
		st_json_str_array (j, r->codes);
		st_json_member_str_or_null (j, "error", r->error);
		st_json_end_object (j);
	}
	st_json_end_array (j);
}

const char *
st_dnsbl_status_name (StDnsStatus status)
{
	return status == ST_DNS_POSITIVE   ? "listed"
	       : status == ST_DNS_NEGATIVE ? "not listed"
					   : "failed";
}

void
st_dnsbl_result_free (StDnsblResult *result)
{
	if (result == NULL)
		return;
	g_free (result->zone);
	g_ptr_array_unref (result->codes);
	g_free (result->error);
	g_free (result);
}

static StDnsblResult *
dnsbl_result_new (const char *zone, StDnsStatus status, const char *error)
{
	StDnsblResult *r = g_new0 (StDnsblResult, 1);

	r->zone = g_strdup (zone);
	r->status = status;
	r->codes = g_ptr_array_new_with_free_func (g_free);
	r->error = g_strdup (error);
	return r;
}

/* Listing codes are 127.0.0.x (st_dns_dnsbl sees to it): the shorter is
 * the smaller. */
static int
compare_codes (gconstpointer a, gconstpointer b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	gsize lx = strlen (x), ly = strlen (y);

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp (x, y);
}

/* One zone: from the cache, or asked; appended to @out. TRUE when it
 * answered. @resolver is made on the first question. */
static gboolean
dnsbl_one (StLookup *l, StDnsResolver **resolver, gboolean *no_resolver, const StIp *addr,
	const char *text, const char *zone, GPtrArray *out)
{
	g_autofree char *name = g_ascii_strdown (zone, -1);
	g_autofree char *key = NULL;
	g_autofree char *value = NULL;
	g_autoptr (StDnsAnswer) a = NULL;
	gboolean negative = FALSE;
	StDnsblResult *r;

	if (name[strlen (name) - 1] == '.')
		name[strlen (name) - 1] = '\0';
	key = g_strdup_printf ("%s %s", name, text);
	if (l->cache != NULL &&
		st_cache_get (l->cache, ST_CACHE_KIND_DNSBL, key, &value, &negative)) {
		g_auto (GStrv) codes = g_strsplit (value != NULL ? value : "", " ", -1);
		r = dnsbl_result_new (zone, negative ? ST_DNS_NEGATIVE : ST_DNS_POSITIVE, NULL);
		for (guint i = 0; !negative && codes[i] != NULL; i++)
			if (codes[i][0] != '\0')
				g_ptr_array_add (r->codes, g_strdup (codes[i]));
		g_ptr_array_add (out, r);
		return TRUE;
	}
	if (l->cache_only) {
		fail (l, "dnsbl %s %s: not in the cache; cache-only, no server asked", name, text);
		g_ptr_array_add (out, dnsbl_result_new (zone, ST_DNS_FAILED, "not in the cache"));
		return FALSE;
	}
	if (*resolver == NULL && !*no_resolver) {
		*resolver = resolver_new (l);
		*no_resolver = *resolver == NULL;
	}
	if (*no_resolver) {
		/* resolver_new said why, once */
		g_ptr_array_add (out, dnsbl_result_new (zone, ST_DNS_FAILED,
					      l->failures->pdata[l->failures->len - 1]));
		return FALSE;
	}
	a = DNS_ASK (l, st_dns_dnsbl (*resolver, addr, name));
	if (a->status == ST_DNS_FAILED) {
		fail (l, "dnsbl %s %s: %s", name, text, a->error);
		g_ptr_array_add (out, dnsbl_result_new (zone, ST_DNS_FAILED, a->error));
		return FALSE;
	}
	r = dnsbl_result_new (zone, a->status, NULL);
	if (a->status == ST_DNS_POSITIVE) {
		for (guint i = 0; i < a->records->len; i++)
			g_ptr_array_add (r->codes, g_strdup (a->records->pdata[i]));
		g_ptr_array_sort (r->codes, compare_codes);
		g_ptr_array_add (r->codes, NULL);
		value = g_strjoinv (" ", (char **)r->codes->pdata);
		g_ptr_array_set_size (r->codes, r->codes->len - 1);
	}
	if (l->cache != NULL)
		st_cache_put (l->cache, ST_CACHE_KIND_DNSBL, key, value, value == NULL, 0, NULL);
	g_ptr_array_add (out, r);
	return TRUE;
}

gboolean
st_lookup_dnsbl (
	StLookup *lookup, const char *ip, const char *const *zones, GPtrArray *out, GError **error)
{
	g_autoptr (StDnsResolver) resolver = NULL;
	g_autoptr (GError) local = NULL;
	gboolean answered = FALSE, no_resolver = FALSE;
	char text[ST_IP_STRLEN];
	StIp addr;

	g_return_val_if_fail (lookup != NULL && ip != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	if (!address_parse (ip, &addr, text, error))
		return FALSE;
	for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
		if (!st_dns_name_valid (zones[i])) {
			g_set_error (error, ST_ERROR, ST_ERROR_USAGE,
				"dnsbl zone '%s' is not a domain name", zones[i]);
			return FALSE;
		}
	if (!call_begin (lookup, text, &local)) {
		for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
			g_ptr_array_add (out, dnsbl_result_new (zones[i], ST_DNS_FAILED,
						      (const char *)lookup->failures->pdata[0]));
		g_propagate_error (error, g_steal_pointer (&local));
		return FALSE;
	}
	for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
		answered |= dnsbl_one (lookup, &resolver, &no_resolver, &addr, text, zones[i], out);
	return call_end (lookup, text, answered, error);
}

/* ---- the AS of an address: cached as "asn ZONE IP" -> "ASN\tPREFIX\tCC\t
 * REGISTRY\tNAME" (empty when unknown); negative when the zone knows none */

static char *
asn_serialize (const StAsnInfo *info)
{
	return g_strdup_printf ("%" G_GUINT32_FORMAT "\t%s\t%s\t%s\t%s", info->asn,
		info->prefix ? info->prefix : "", info->country ? info->country : "",
		info->registry ? info->registry : "", info->name ? info->name : "");
}

static gboolean
asn_deserialize (const char *value, StAsnInfo *out)
{
	g_auto (GStrv) f = g_strsplit (value, "\t", 5);
	guint64 n = 0;
	if (g_strv_length (f) != 5 ||
		!g_ascii_string_to_unsigned (f[0], 10, 1, G_MAXUINT32, &n, NULL))
		return FALSE;
	out->asn = (guint32)n;
	out->prefix = f[1][0] ? g_strdup (f[1]) : NULL;
	out->country = f[2][0] ? g_strdup (f[2]) : NULL;
	out->registry = f[3][0] ? g_strdup (f[3]) : NULL;
	out->name = f[4][0] ? g_strdup (f[4]) : NULL;
	return TRUE;
}

/* Asks the zone; TRUE when it answered (@out zero when it knows no AS). */
static gboolean
asn_ask (StLookup *l, const StIp *addr, const char *text, const char *zone, StAsnInfo *out)
{
	g_autoptr (StDnsResolver) resolver = resolver_new (l);
	if (resolver == NULL)
		return FALSE;
	g_autofree char *q = st_asn_origin_query (addr, zone);
	g_autoptr (StDnsAnswer) a = DNS_ASK (l, st_dns_query (resolver, q, ST_DNS_TYPE_TXT));
	if (a->status == ST_DNS_FAILED) {
		fail (l, "asn %s %s: %s", zone, text, a->error != NULL ? a->error : "no answer");
		return FALSE;
	}
	for (guint i = 0; i < a->records->len && out->asn == 0; i++)
		st_asn_parse_origin (a->records->pdata[i], out);
	if (out->asn == 0)
		return TRUE;
	/* the name is a nicety: its failure leaves the number */
	g_autofree char *nq = st_asn_name_query (out->asn, zone);
	g_autoptr (StDnsAnswer) n = DNS_ASK (l, st_dns_query (resolver, nq, ST_DNS_TYPE_TXT));
	for (guint i = 0; n->status == ST_DNS_POSITIVE && i < n->records->len && !out->name; i++)
		out->name = st_asn_parse_name (n->records->pdata[i], out->asn);
	if (n->status == ST_DNS_FAILED)
		fail (l, "asn %s AS%" G_GUINT32_FORMAT ": %s", zone, out->asn,
			n->error != NULL ? n->error : "no answer");
	return TRUE;
}

gboolean
st_lookup_origin_as (
	StLookup *lookup, const char *ip, const char *zone, StAsnInfo *out, GError **error)
{
	char text[ST_IP_STRLEN];
	StIp addr;

	g_return_val_if_fail (lookup != NULL && ip != NULL && zone != NULL && out != NULL, FALSE);
	g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

	memset (out, 0, sizeof *out);
	if (!address_parse (ip, &addr, text, error))
		return FALSE;
	if (!st_dns_name_valid (zone)) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE, "asn zone '%s' is not a domain name",
			zone);
		return FALSE;
	}
	if (!call_begin (lookup, text, error))
		return FALSE;
	g_autofree char *name = g_ascii_strdown (zone, -1);
	g_autofree char *key = g_strdup_printf ("asn %s %s", name, text);
	g_autofree char *value = NULL;
	gboolean negative = FALSE;
	if (lookup->cache != NULL &&
		st_cache_get (lookup->cache, ST_CACHE_KIND_DNS, key, &value, &negative) &&
		(negative || (value != NULL && asn_deserialize (value, out))))
		return TRUE;
	if (lookup->cache_only)
		return cache_miss (lookup, text, error);
	gboolean answered = asn_ask (lookup, &addr, text, name, out);
	if (answered && lookup->cache != NULL) {
		g_autofree char *v = out->asn != 0 ? asn_serialize (out) : NULL;
		st_cache_put (lookup->cache, ST_CACHE_KIND_DNS, key, v, v == NULL, 0, NULL);
	}
	return call_end (lookup, text, answered, error);
}
