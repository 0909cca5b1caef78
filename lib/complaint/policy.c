/* policy.c - the recipient policy: who may be named in a complaint, and every reason not to.
 * RFC 5321 sections 4.1.2 and 4.1.3, RFC 1123 section 2.1, RFC 5890, RFC 2142.
 *
 * A complaint that reaches an innocent party does harm; one that is left
 * out costs a little evidence. So every party is checked against what the
 * message and the settings say about the user (their addresses, domains,
 * servers, networks and mailbox provider), against the well-known sites
 * and the brand the message pretends to be, and every address against
 * RFC 5321's grammar before it is used. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <gmime/gmime.h>

#include "complaint.h"
#include "domain.h"
#include "error.h"
#include "ip.h"
#include "paths.h"
#include "policy.h"
#include "providers.h"

/* One row per rule, in the order of StRule; a test checks the order. */
static const struct {
	StRule rule;
	const char *code;
	const char *meaning;
} rules[] = {
	{ ST_RULE_ORIGIN, "origin", "our own server recorded this host handing the message to us" },
	{ ST_RULE_SOURCE, "source",
		"a provider's own line, proven by its addresses, records the client that "
		"submitted the message" },
	{ ST_RULE_ACCOUNT, "account",
		"a mail provider's own outbound server handed the message on: its desk can act "
		"on the account that sent it" },
	{ ST_RULE_RELAY, "relay",
		"a line our own servers wrote shows this relay taking mail "
		"insecurely" },
	{ ST_RULE_REPLY_CHANNEL, "reply-channel",
		"the message asks its reader to write to this "
		"mailbox" },
	{ ST_RULE_LANDING, "landing",
		"the page the message sends its reader to, on a domain that "
		"looks made for the spam" },
	{ ST_RULE_WEB_HOST, "web-host",
		"the network of the landing page's web server, confirmed "
		"by more than the site's own DNS" },
	{ ST_RULE_SHORTENER, "shortener", "a short link that hides the landing page" },
	{ ST_RULE_HOSTING_PLATFORM, "hosting-platform",
		"the landing page is a site on a hosting platform whose names and DNS its "
		"operator runs" },
	{ ST_RULE_SPOOFED, "spoofed", "the owner of the forged From: domain, as you asked" },
	{ ST_RULE_USER_ADDRESS, "user-address", "one of your own addresses" },
	{ ST_RULE_USER_DOMAIN, "user-domain", "one of your own domains" },
	{ ST_RULE_OUR_SERVER, "our-server", "the domain of your own mail servers" },
	{ ST_RULE_USER_PROVIDER, "user-provider", "your own mailbox provider" },
	{ ST_RULE_OUR_NETWORK, "our-network", "an address of your own servers or networks" },
	{ ST_RULE_PLACEHOLDER, "placeholder", "a placeholder, not a mailbox anyone reads" },
	{ ST_RULE_INVALID_ADDRESS, "invalid-address", "not a mailbox a draft can go to" },
	{ ST_RULE_BELOW_BOUNDARY, "below-boundary",
		"it rests on a line below the trust boundary, which the sender may have written: "
		"evidence at most" },
	{ ST_RULE_HIDDEN, "hidden",
		"the provider records no client by policy: ask it about the "
		"account" },
	{ ST_RULE_NO_CLIENT, "no-client", "the origin line records no client address" },
	{ ST_RULE_NO_ORIGIN, "no-origin", "the trust walk found no origin" },
	{ ST_RULE_NOT_OFFERED, "not-offered",
		"the message does not ask its reader to write there" },
	{ ST_RULE_QUOTED, "quoted", "it stands in a quoted or forwarded header block" },
	{ ST_RULE_GREETING, "greeting", "the message greets its reader by this address" },
	{ ST_RULE_CONTENT_ID, "content-id", "the name of a part of the message, not a mailbox" },
	{ ST_RULE_FORGED_FROM, "forged-from", "the forged From: address: its owner is a victim" },
	{ ST_RULE_RAW_TEXT, "raw-text",
		"the body could not be read as MIME, so its words prove "
		"nothing" },
	{ ST_RULE_NOT_FREE_MAIL, "not-free-mail",
		"no free-mail provider we know to close "
		"accounts" },
	{ ST_RULE_WELL_KNOWN, "well-known", "a well-known site: links to it are not the spam's" },
	{ ST_RULE_BRAND, "brand", "the brand the message pretends to be: a victim" },
	{ ST_RULE_BARE_WORD, "bare-word", "written without a scheme or www.: prose, not a link" },
	{ ST_RULE_NOT_LANDING, "not-landing", "linked, but not the page the reader is sent to" },
	{ ST_RULE_DMARC_PASS, "dmarc-pass",
		"the From: domain of mail that passed DMARC: not a "
		"domain made for the spam" },
	{ ST_RULE_PLATFORM, "platform",
		"a name on a shared hosting platform: its registrar sold "
		"the platform's domain, not this site" },
	{ ST_RULE_UNCONFIRMED_HOST, "unconfirmed-host",
		"only the site's own DNS names this address, and the spammer sets that" },
	{ ST_RULE_NOT_ROUTABLE, "not-routable", "no web server on the Internet has this address" },
	{ ST_RULE_NO_CONTACT, "no-contact", "the lookups named no abuse contact" },
	{ ST_RULE_NEEDS_LOOKUPS, "needs-lookups",
		"only lookups could name it (run without "
		"--offline)" },
	{ ST_RULE_MAX_DRAFTS, "max-drafts", "more drafts than [report] max-drafts allows" },
	{ ST_RULE_MAX_LOOKUPS, "max-lookups", "more lookups than [report] max-lookups allows" },
	{ ST_RULE_DUPLICATE, "duplicate", "another draft of this message already goes there" },
	{ ST_RULE_SPOOFED_VICTIM, "spoofed-victim",
		"the From: domain is forged, its owner a "
		"victim; use --notify-spoofed to tell them" },
	{ ST_RULE_FORWARDED, "forwarded",
		"a line of your own forward, not of the spam's "
		"delivery" },
	{ ST_RULE_HAM, "ham", "our filter judged the message not suspect (use --force)" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rules) == ST_RULE_COUNT);

const char *
st_rule_code (StRule rule)
{
	return (guint)rule < G_N_ELEMENTS (rules) ? rules[rule].code : "unknown";
}

const char *
st_rule_meaning (StRule rule)
{
	return (guint)rule < G_N_ELEMENTS (rules) ? rules[rule].meaning : "unknown";
}

/* ---- addresses ---------------------------------------------------------- */

/* RFC 5321 4.1.2 allows more in a dot-atom; these are what abuse desks
 * and free-mail users have. '%' and '!' route mail through a host,
 * quotes and commas make lists of one string. */
static gboolean
local_char (char c)
{
	return g_ascii_isalnum (c) || strchr ("._+-='", c) != NULL;
}

static gboolean
literal_valid (const char *domain)
{
	gsize n = strlen (domain);
	StIp ip;

	if (n < 3 || domain[n - 1] != ']')
		return FALSE;
	g_autofree char *inside = g_strndup (domain + 1, n - 2);
	if (g_ascii_strncasecmp (inside, "IPv6:", 5) == 0)
		return strchr (inside + 5, ':') != NULL && st_ip_parse (inside + 5, -1, &ip);
	return strchr (inside, ':') == NULL && st_ip_parse (inside, -1, &ip);
}

gboolean
st_policy_address_valid (const char *address, const char **why)
{
	const char *at = address != NULL ? strchr (address, '@') : NULL;
	const char *reason = NULL;

	if (at == NULL || strchr (at + 1, '@') != NULL)
		reason = "not exactly one @";
	else if (at == address || at - address > 64)
		reason = "an empty or overlong local part";
	else if (address[0] == '.' || at[-1] == '.' ||
		 g_strstr_len (address, at - address, "..") != NULL)
		reason = "dots out of place in the local part";
	for (const char *p = address; reason == NULL && p < at; p++)
		if (!local_char (*p))
			reason = "a character that is no part of a plain mailbox (% ! , quotes, "
				 "spaces)";
	if (reason == NULL && at[1] == '[') {
		if (!literal_valid (at + 1))
			reason = "an address literal that is no address";
	} else if (reason == NULL) {
		const char *dot = strrchr (at + 1, '.');
		if (!st_domain_name_valid (at + 1, ST_DOMAIN_NAME_LDH))
			reason = "a domain that is no host name";
		else if (dot == NULL || dot[1] == '\0' || g_ascii_isdigit (dot[1]))
			reason = "a domain without a top-level name";
	}
	if (why != NULL)
		*why = reason;
	return reason == NULL;
}

char *
st_policy_mailbox_key (const char *address)
{
	g_autofree char *lower = g_ascii_strdown (address, -1);
	char *at = strrchr (lower, '@');

	if (at == NULL)
		return g_steal_pointer (&lower);
	*at = '\0';
	const char *domain = at + 1;
	if (g_str_equal (domain, "googlemail.com"))
		domain = "gmail.com";
	char *plus = strchr (lower, '+');
	if (plus != NULL && plus != lower)
		*plus = '\0';
	GString *local = g_string_new (NULL);
	for (const char *p = lower; *p != '\0'; p++)
		if (*p != '.' || !g_str_equal (domain, "gmail.com"))
			g_string_append_c (local, *p);
	g_string_append_printf (local, "@%s", domain);
	return g_string_free (local, FALSE);
}

/* ---- the well-known sites ------------------------------------------------ */

struct _StWellKnown {
	GHashTable *entries; /* lower-case domain → itself */
};

StWellKnown *
st_well_known_new (void)
{
	StWellKnown *wk = g_new0 (StWellKnown, 1);
	wk->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	return wk;
}

void
st_well_known_free (StWellKnown *wk)
{
	if (wk == NULL)
		return;
	g_hash_table_unref (wk->entries);
	g_free (wk);
}

void
st_well_known_add (StWellKnown *wk, const char *entry)
{
	g_autofree char *e = g_ascii_strdown (entry, -1);
	g_strstrip (e);
	const char *name = g_str_has_prefix (e, "*.") ? e + 2 : e;
	gsize n = strlen (name);
	while (n > 0 && name[n - 1] == '.')
		n--;
	if (n > 0)
		g_hash_table_add (wk->entries, g_strndup (name, n));
}

gboolean
st_well_known_add_file (StWellKnown *wk, const char *path, GError **error)
{
	g_autofree char *text = NULL;
	if (!g_file_get_contents (path, &text, NULL, error))
		return FALSE;
	g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		char *hash = strchr (*l, '#');
		if (hash != NULL)
			*hash = '\0';
		st_well_known_add (wk, *l);
	}
	return TRUE;
}

const char *
st_well_known_find (const StWellKnown *wk, const char *host)
{
	if (wk == NULL || host == NULL)
		return NULL;
	g_autofree char *lower = g_ascii_strdown (host, -1);
	for (const char *p = lower; p != NULL; p = strchr (p, '.') ? strchr (p, '.') + 1 : NULL) {
		const char *hit = g_hash_table_lookup (wk->entries, p);
		if (hit != NULL)
			return hit;
	}
	return NULL;
}

StWellKnown *
st_well_known_load (const StSettings *settings, char **warning, GError **error)
{
	g_autoptr (StWellKnown) wk = st_well_known_new ();
	g_autoptr (GError) where = NULL;
	g_autofree char *data = st_paths_find (ST_PATH_DATA, &where);
	g_autofree char *installed =
		data != NULL ? g_build_filename (data, "well-known-sites.txt", NULL) : NULL;
	g_autofree char *own = g_build_filename (
		g_get_user_config_dir (), "spamtrace", "well-known-sites.txt", NULL);
	gboolean any = FALSE;

	*warning = NULL;
	any |= installed != NULL && st_well_known_add_file (wk, installed, NULL);
	any |= st_well_known_add_file (wk, own, NULL);
	if (settings->report.well_known != NULL) {
		g_autoptr (GError) e = NULL;
		if (!st_well_known_add_file (wk, settings->report.well_known, &e)) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
				"[report] well-known: cannot read '%s': %s",
				settings->report.well_known, e->message);
			return NULL;
		}
		any = TRUE;
	}
	if (!any) {
		*warning = g_strdup_printf ("no list of well-known sites ('%s' or '%s'): no draft "
					    "about a linked site",
			installed != NULL ? installed : where->message, own);
		return NULL;
	}
	return g_steal_pointer (&wk);
}

/* ---- who is who ----------------------------------------------------------- */

struct _StPolicy {
	const StSettings *settings;
	const StWellKnown *well_known;
	GHashTable *user;       /* st_policy_mailbox_key of each of the user's addresses */
	GPtrArray *our_domains; /* registrable domains of our own servers */
	GPtrArray *provider;    /* registrable domains of the user's mailbox provider */
	GPtrArray *providers;   /* const StProvider *: its receiving side, once each */
	GPtrArray *our_ips;     /* char *: addresses of our servers, as our lines wrote them */
	GPtrArray *brands;      /* registrable domains and words the message pretends to be */
};

void
st_policy_free (StPolicy *p)
{
	if (p == NULL)
		return;
	g_hash_table_unref (p->user);
	g_ptr_array_unref (p->our_domains);
	g_ptr_array_unref (p->provider);
	g_ptr_array_unref (p->providers);
	g_ptr_array_unref (p->our_ips);
	g_ptr_array_unref (p->brands);
	g_free (p);
}

static void
add_unique (GPtrArray *list, char *item)
{
	if (item == NULL)
		return;
	for (guint i = 0; i < list->len; i++)
		if (g_str_equal (list->pdata[i], item)) {
			g_free (item);
			return;
		}
	g_ptr_array_add (list, item);
}

static void
add_user (StPolicy *p, const char *address)
{
	if (address != NULL && strchr (address, '@') != NULL)
		g_hash_table_add (p->user, st_policy_mailbox_key (address));
}

/* The mailboxes of the recipient fields: the spammer writes To: and Cc:,
 * but a name there is one never to accuse all the same. */
static void
add_recipients (StPolicy *p, const StAnalysis *a)
{
	static const char *const fields[] = { "To", "Cc", "Delivered-To", "X-Original-To",
		"Envelope-To", "X-Forwarded-To", "X-Forwarded-For" };

	for (guint i = 0; i < a->headers->fields->len; i++) {
		const StField *f = &g_array_index (a->headers->fields, StField, i);
		for (gsize k = 0; k < G_N_ELEMENTS (fields); k++) {
			if (!st_field_is (f, fields[k]))
				continue;
			g_autofree char *v = st_field_unfold (f);
			/* X-Forwarded-For lists addresses with spaces between */
			g_strdelimit (v, " \t", ',');
			InternetAddressList *list = internet_address_list_parse (NULL, v);
			for (int m = 0; list != NULL && m < internet_address_list_length (list);
				m++) {
				InternetAddress *ia = internet_address_list_get_address (list, m);
				if (INTERNET_ADDRESS_IS_MAILBOX (ia))
					add_user (p, internet_address_mailbox_get_addr (
							     INTERNET_ADDRESS_MAILBOX (ia)));
			}
			if (list != NULL)
				g_object_unref (list);
		}
	}
}

/* The provider whose receiving side wrote our line @r: its domains and its
 * internal networks, from the profile in providers.c. */
static void
add_provider (StPolicy *p, const StProvider *prov)
{
	g_auto (GStrv) hosts = g_strsplit (prov->internal_by, " ", -1);
	for (char **h = hosts; *h != NULL; h++) {
		const char *name = g_str_has_prefix (*h, "*.") ? *h + 2 : *h;
		add_unique (p->provider, st_domain_registrable (name));
	}
	if (!g_ptr_array_find (p->providers, prov, NULL))
		g_ptr_array_add (p->providers, (gpointer)prov);
}

/* Our own lines: the trusted hops and the origin's line, which our server
 * wrote. */
static void
add_servers (StPolicy *p, const StAnalysis *a)
{
	int last = a->walk.origin >= 0 ? a->walk.origin : (int)a->n_hops - 1;

	for (int i = 0; i <= last; i++) {
		const StReceived *r = a->hop[i].line;
		const StProvider *prov = a->hop[i].writer;
		if (prov != NULL)
			add_provider (p, prov);
		if (r->by[0] != '\0' && !st_provider_shared_host (r->by))
			add_unique (p->our_domains, st_domain_registrable (r->by));
		if (r->by_ip[0] != '\0')
			add_unique (p->our_ips, g_strdup (r->by_ip));
		if (i < last && r->ip[0] != '\0')
			add_unique (p->our_ips, g_strdup (r->ip));
		add_user (p, r->for_addr);
	}
}

/* The words of @text that can name a brand, lower case: each word, and
 * each two neighbours written together ("Banco Inter" → "bancointer").
 * With @names_only, only words written as names: capitalised, not the
 * first ("Your Netflix account", not "Cheap pills"). */
static void
add_brand_words (StPolicy *p, const char *text, gboolean names_only)
{
	if (text == NULL)
		return;
	g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
	const char *s = text;
	for (guint n = 0; *s != '\0' && words->len < 64; n++) {
		while (*s != '\0' && !g_ascii_isalnum (*s))
			s++;
		const char *e = s;
		while (g_ascii_isalnum (*e))
			e++;
		if (e > s && (!names_only || (n > 0 && g_ascii_isupper (*s))))
			g_ptr_array_add (words, g_ascii_strdown (s, (gssize)(e - s)));
		s = e;
	}
	for (guint i = 0; i < words->len; i++) {
		if (strlen (words->pdata[i]) >= 4)
			add_unique (p->brands, g_strdup (words->pdata[i]));
		if (i + 1 < words->len)
			add_unique (p->brands,
				g_strconcat (words->pdata[i], words->pdata[i + 1], NULL));
	}
}

/* The brand: the From: domain when DMARC failed, and the names the
 * Subject and the From: display name give. */
static void
add_brands (StPolicy *p, const StAnalysis *a)
{
	if (a->auth.from_forged && a->auth.from_domain[0] != '\0')
		add_unique (p->brands, st_domain_registrable (a->auth.from_domain));
	const StField *subject = st_headers_find (a->headers, "Subject", NULL);
	if (subject != NULL) {
		g_autofree char *raw = st_field_unfold (subject);
		g_autofree char *text = g_mime_utils_header_decode_text (NULL, raw);
		add_brand_words (p, text, TRUE);
	}
	const StField *from = st_headers_find (a->headers, "From", NULL);
	if (from != NULL) {
		g_autofree char *raw = st_field_unfold (from);
		InternetAddressList *list = internet_address_list_parse (NULL, raw);
		if (list != NULL && internet_address_list_length (list) > 0)
			add_brand_words (p,
				internet_address_get_name (
					internet_address_list_get_address (list, 0)),
				FALSE);
		if (list != NULL)
			g_object_unref (list);
	}
}

StPolicy *
st_policy_new (const StAnalysis *a, const StAnalysis *outer, const StSettings *settings,
	const StWellKnown *wk)
{
	StPolicy *p = g_new0 (StPolicy, 1);

	p->settings = settings;
	p->well_known = wk;
	p->user = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	p->our_domains = g_ptr_array_new_with_free_func (g_free);
	p->provider = g_ptr_array_new_with_free_func (g_free);
	p->providers = g_ptr_array_new ();
	p->our_ips = g_ptr_array_new_with_free_func (g_free);
	p->brands = g_ptr_array_new_with_free_func (g_free);
	for (char **s = settings->report.addresses; s != NULL && *s != NULL; s++)
		add_user (p, *s);
	for (const StAnalysis *m = a; m != NULL; m = m == outer ? NULL : outer) {
		add_recipients (p, m);
		add_servers (p, m);
	}
	add_brands (p, a);
	return p;
}

gboolean
st_policy_is_user (const StPolicy *p, const char *address)
{
	g_autofree char *key = st_policy_mailbox_key (address);
	return g_hash_table_contains (p->user, key);
}

static gboolean
within_any (const char *host, char **list)
{
	for (char **d = list; d != NULL && *d != NULL; d++)
		if ((*d)[0] != '\0' && st_domain_within (host, *d))
			return TRUE;
	return FALSE;
}

static gboolean
within_array (const char *host, const GPtrArray *list)
{
	for (guint i = 0; i < list->len; i++)
		if (st_domain_within (host, list->pdata[i]))
			return TRUE;
	return FALSE;
}

StRule
st_policy_check_recipient (const StPolicy *p, const char *address)
{
	const char *at = strrchr (address, '@');

	if (!st_policy_address_valid (address, NULL))
		return ST_RULE_INVALID_ADDRESS;
	if (st_complaint_is_placeholder (address))
		return ST_RULE_PLACEHOLDER;
	if (st_policy_is_user (p, address))
		return ST_RULE_USER_ADDRESS;
	if (within_any (at + 1, p->settings->report.domains))
		return ST_RULE_USER_DOMAIN;
	if (within_array (at + 1, p->our_domains))
		return ST_RULE_OUR_SERVER;
	return ST_RULE_COUNT;
}

/* The label of @host's registrable domain before its public suffix:
 * "bancointer" of "www.bancointer.com.br". New string, or NULL. */
static char *
brand_label (const char *host)
{
	g_autofree char *reg = st_domain_registrable (host);
	char *dot = reg != NULL ? strchr (reg, '.') : NULL;
	return dot != NULL ? g_strndup (reg, (gsize)(dot - reg)) : NULL;
}

StRule
st_policy_check_site (const StPolicy *p, const char *host, const char **detail)
{
	const char *hit = NULL;

	if (detail != NULL)
		*detail = NULL;
	if (within_any (host, p->settings->report.domains))
		return ST_RULE_USER_DOMAIN;
	if (within_array (host, p->our_domains))
		return ST_RULE_OUR_SERVER;
	if (within_array (host, p->provider))
		return ST_RULE_USER_PROVIDER;
	if ((hit = st_well_known_find (p->well_known, host)) != NULL) {
		if (detail != NULL)
			*detail = hit;
		return ST_RULE_WELL_KNOWN;
	}
	g_autofree char *label = brand_label (host);
	for (guint i = 0; i < p->brands->len; i++) {
		const char *b = p->brands->pdata[i];
		if ((strchr (b, '.') != NULL && st_domain_within (host, b)) ||
			(label != NULL && strlen (label) >= 4 && g_str_equal (label, b))) {
			if (detail != NULL)
				*detail = b;
			return ST_RULE_BRAND;
		}
	}
	return ST_RULE_COUNT;
}

StRule
st_policy_check_host_address (const StPolicy *p, const char *ip)
{
	StIp addr;
	g_autofree char *why = NULL;

	if (!st_ip_parse (ip, -1, &addr) || st_ip_scope (&addr, NULL) != ST_IP_SCOPE_PUBLIC)
		return ST_RULE_NOT_ROUTABLE;
	for (guint i = 0; i < p->our_ips->len; i++) {
		StIp ours;
		if (st_ip_parse (p->our_ips->pdata[i], -1, &ours) && st_ip_equal (&ours, &addr))
			return ST_RULE_OUR_NETWORK;
	}
	/* the user's [trust] rules, read as the walk reads them */
	StReceived stub = { .raw = (char *)"",
		.ip = (char *)ip,
		.rdns = (char *)"",
		.helo = (char *)"",
		.by = (char *)"" };
	StHop hop = { .line = &stub, .ip = addr, .has_ip = TRUE };
	if (st_trust_client (p->settings->trust, &hop, NULL, &why) == ST_TRUST_DECLARED)
		return ST_RULE_OUR_NETWORK;
	for (guint i = 0; i < p->providers->len; i++)
		if (st_provider_has_internal (p->providers->pdata[i], &addr))
			return ST_RULE_USER_PROVIDER;
	return ST_RULE_COUNT;
}

const GPtrArray *
st_policy_provider_domains (const StPolicy *p)
{
	return p->provider;
}

const GPtrArray *
st_policy_brands (const StPolicy *p)
{
	return p->brands;
}
