/* offers.c - what a spam offers its reader: the mailboxes it asks replies at, the pages it sends
 * them to; and who to tell about each. RFC 5322 3.6.2, RFC 6068, RFC 3986, RFC 2142.
 *
 * The spammer writes every word of the body, so nothing in it names a
 * recipient by being there: a mailbox counts only when the message offers
 * it to the reader, a link only when it is where the reader is sent, and a
 * web host only when more than the spammer's own DNS says so. */
#include "config.h"

#include <libpsl.h>
#include <string.h>

#include <gmime/gmime.h>

#include "domain.h"
#include "ip.h"
#include "offers.h"
#include "platforms.h"

gboolean
st_offers_may_look_up (StPlan *plan, const StPlanner *planner, StRole role, const char *what)
{
	if (planner->lookup == NULL)
		return FALSE;
	if (plan->lookups >= planner->settings->report.max_lookups) {
		st_plan_withhold (plan, role, ST_RULE_MAX_LOOKUPS, what, NULL);
		return FALSE;
	}
	plan->lookups++;
	return TRUE;
}

/* ---- reply mailboxes ------------------------------------------------------ */

/* Free-mail providers whose abuse desks close a mailbox a spammer reads,
 * and the desk of each: a provider's other names go to the same one. */
static const struct {
	const char *domain;
	const char *desk;
} free_mail[] = {
	{ "gmail.com", "gmail.com" },
	{ "googlemail.com", "gmail.com" },
	{ "outlook.com", "outlook.com" },
	{ "hotmail.com", "hotmail.com" },
	{ "live.com", "live.com" },
	{ "msn.com", "msn.com" },
	{ "yahoo.com", "yahoo.com" },
	{ "ymail.com", "yahoo.com" },
	{ "aol.com", "aol.com" },
	{ "icloud.com", "icloud.com" },
	{ "me.com", "icloud.com" },
	{ "mail.ru", "mail.ru" },
	{ "yandex.ru", "yandex.ru" },
	{ "yandex.com", "yandex.com" },
	{ "gmx.net", "gmx.net" },
	{ "gmx.de", "gmx.net" },
	{ "gmx.com", "gmx.net" },
	{ "web.de", "web.de" },
	{ "zoho.com", "zoho.com" },
	{ "protonmail.com", "protonmail.com" },
	{ "proton.me", "protonmail.com" },
	{ "mail.com", "mail.com" },
	{ "qq.com", "qq.com" },
	{ "163.com", "163.com" },
	{ "126.com", "126.com" },
};

static const char *
free_mail_desk (const char *address)
{
	const char *at = strrchr (address, '@');
	for (gsize k = 0; at != NULL && k < G_N_ELEMENTS (free_mail); k++)
		if (g_ascii_strcasecmp (at + 1, free_mail[k].domain) == 0)
			return free_mail[k].desk;
	return NULL;
}

/* The rule that keeps a mailbox the message does not offer out. */
static StRule
not_offered_rule (guint context)
{
	if (context & ST_EMAIL_CONTEXT_CONTENT_ID)
		return ST_RULE_CONTENT_ID;
	if (context & ST_EMAIL_CONTEXT_QUOTED)
		return ST_RULE_QUOTED;
	if (context & ST_EMAIL_CONTEXT_GREETING)
		return ST_RULE_GREETING;
	return ST_RULE_NOT_OFFERED;
}

/* One mailbox the message offers, found as @how says. */
static void
offered_mailbox (StPlan *plan, GHashTable *seen, const char *address, const char *how,
	const char *forged_from)
{
	g_autofree char *key = st_policy_mailbox_key (address);
	const char *desk = free_mail_desk (address);

	if (!g_hash_table_add (seen, g_strdup (key)))
		return;
	if (st_policy_is_user (plan->policy, address)) {
		st_plan_withhold (plan, ST_ROLE_MAILBOX, ST_RULE_USER_ADDRESS, address, how);
		return;
	}
	if (forged_from != NULL && g_ascii_strcasecmp (forged_from, address) == 0) {
		st_plan_withhold (plan, ST_ROLE_MAILBOX, ST_RULE_FORGED_FROM, address, how);
		return;
	}
	if (desk == NULL) {
		st_plan_withhold (plan, ST_ROLE_MAILBOX, ST_RULE_NOT_FREE_MAIL, address, how);
		return;
	}
	g_autofree char *to = g_strdup_printf ("abuse@%s", desk);
	g_autofree char *src = g_strdup_printf (
		"RFC 2142 guess: abuse@ of %s, the provider of the reply mailbox %s", desk,
		address);
	g_autofree char *why = g_strdup_printf (
		"The message asks for replies to %s (%s), a mailbox at your service that the "
		"sender reads.\n",
		address, how);
	st_plan_add (plan, plan->policy, ST_ROLE_MAILBOX, ST_RULE_REPLY_CHANNEL, to, address, src,
		g_strdup (why), -1);
}

/* The Reply-To: mailboxes, from the header section as we read it (the
 * body's MIME parse is not needed for them). */
static void
reply_to_mailboxes (StPlan *plan, GHashTable *seen, const char *forged_from)
{
	const StField *f = st_headers_find (plan->analysis->headers, "Reply-To", NULL);
	if (f == NULL)
		return;
	g_autofree char *v = st_field_unfold (f);
	InternetAddressList *list = internet_address_list_parse (NULL, v);
	for (int i = 0; list != NULL && i < internet_address_list_length (list) && i < 16; i++) {
		InternetAddress *ia = internet_address_list_get_address (list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX (ia))
			offered_mailbox (plan, seen,
				internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)),
				"its Reply-To: field", forged_from);
	}
	if (list != NULL)
		g_object_unref (list);
}

void
st_offers_plan_mailboxes (StPlan *plan, const StPlanner *planner)
{
	const StAnalysis *a = plan->analysis;
	const char *forged_from = NULL;
	g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	g_autofree char *from = NULL;

	(void)planner;
	if (a->auth.from_forged) {
		const StField *f = st_headers_find (a->headers, "From", NULL);
		g_autofree char *v = f != NULL ? st_field_unfold (f) : NULL;
		InternetAddressList *list =
			v != NULL ? internet_address_list_parse (NULL, v) : NULL;
		if (list != NULL && internet_address_list_length (list) > 0 &&
			INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
			from = g_strdup (
				internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (
					internet_address_list_get_address (list, 0))));
		if (list != NULL)
			g_object_unref (list);
		forged_from = from;
	}
	reply_to_mailboxes (plan, seen, forged_from);
	for (guint i = 0; plan->body != NULL && i < plan->body->urls->emails->len; i++) {
		const StEmail *e = plan->body->urls->emails->pdata[i];
		if (e->where == ST_URLS_WHERE_HEADER || free_mail_desk (e->address) == NULL)
			continue; /* Reply-To: is read above; others are no provider's to close */
		if (plan->body->issues & ST_BODY_NOT_MIME)
			st_plan_withhold (
				plan, ST_ROLE_MAILBOX, ST_RULE_RAW_TEXT, e->address, NULL);
		else if (e->flags & ST_EMAIL_MAILTO)
			offered_mailbox (plan, seen, e->address, "a mailto: link", forged_from);
		else if (e->context & ST_EMAIL_CONTEXT_REPLY)
			offered_mailbox (plan, seen, e->address,
				"its text asks the reader to write there", forged_from);
		else
			st_plan_withhold (plan, ST_ROLE_MAILBOX, not_offered_rule (e->context),
				e->address, NULL);
	}
}

/* ---- landing pages ---------------------------------------------------------- */

/* Words of a link that asks the reader to act, in the languages of the
 * corpora; matched in the link's text, lower case. */
static const char *const action_words[] = { "click", "here", "verify", "confirm", "log in", "login",
	"sign in", "signin", "update", "unlock", "claim", "download", "view", "open", "access",
	"pay", "review", "continue", "restore", "validate", "secure", "activate", "redeem", "order",
	"buy", "shop", "track", "reset", "get ", "start", "clique", "aqui", "acess", "confirm",
	"verifi", "atualiz", "resgat", "haga clic", "aquí", "ingres", "cliquez", "ici", "vérifi",
	"accéd", "hier", "klick", "bestätig", "anmeld", "jetzt", "clicca", "qui", "accedi", "klik",
	"bevestig" };

typedef struct {
	char *key;        /* the registrable domain, or the address of an IP host */
	const StUrl *url; /* the link that shows it best */
	int score;
	int url_score;
} Candidate;

static void
candidate_free (gpointer p)
{
	Candidate *c = p;
	g_free (c->key);
	g_free (c);
}

static gboolean
asks_to_act (const char *text)
{
	if (text == NULL)
		return FALSE;
	g_autofree char *lower = g_utf8_strdown (text, -1);
	for (gsize k = 0; k < G_N_ELEMENTS (action_words); k++)
		if (strstr (lower, action_words[k]) != NULL)
			return TRUE;
	return FALSE;
}

/* The evidence that the reader is sent to @u: links to it, a link that
 * asks to act, how often it stands in the message. */
static int
url_score (const StUrl *u)
{
	int score = (int)MIN (u->links, 20) * 4 + (int)MIN (u->count, 20);
	if (asks_to_act (u->text))
		score += 8;
	else if (u->text != NULL && strcmp (u->text, "[image]") == 0)
		score += 3;
	if (u->where == ST_URLS_WHERE_HTML_HREF || u->where == ST_URLS_WHERE_HTML_ACTION ||
		u->where == ST_URLS_WHERE_HTML_REFRESH || u->where == ST_URLS_WHERE_REDIRECT)
		score += 2;
	return score;
}

/* Withholds @key once for @rule. */
static void
withhold_once (StPlan *plan, GHashTable *said, const char *key, StRule rule, const char *detail)
{
	if (g_hash_table_add (said, g_strdup (key)))
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, rule, key, detail);
}

/* Whether @u can be a landing page at all, else the rule against it. */
static StRule
landing_rule (const StPlan *plan, const StUrl *u, const char **detail)
{
	*detail = NULL;
	if (u->where == ST_URLS_WHERE_HEADER || u->where == ST_URLS_WHERE_HTML_SRC)
		return ST_RULE_NOT_LANDING;
	if (u->target != NULL) {
		*detail = "a redirector: the target it names is judged instead";
		return ST_RULE_NOT_LANDING;
	}
	if ((u->flags & ST_URL_BARE) && g_ascii_strncasecmp (u->raw, "www.", 4) != 0)
		return ST_RULE_BARE_WORD;
	if (u->flags & ST_URL_IP_HOST)
		return ST_RULE_COUNT;
	return st_policy_check_site (plan->policy, u->host, detail);
}

static gint
by_score (gconstpointer a, gconstpointer b)
{
	const Candidate *x = *(Candidate *const *)a, *y = *(Candidate *const *)b;
	return y->score - x->score;
}

/* The landing pages of the body, best first; the rest withheld. */
static GPtrArray *
landing_candidates (StPlan *plan, GHashTable *said)
{
	GPtrArray *out = g_ptr_array_new_with_free_func (candidate_free);
	g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

	for (guint i = 0; plan->body != NULL && i < plan->body->urls->urls->len; i++) {
		const StUrl *u = plan->body->urls->urls->pdata[i];
		const char *detail = NULL;
		const char *key = u->registrable != NULL ? u->registrable : u->host;
		StRule no = landing_rule (plan, u, &detail);
		if (no == ST_RULE_NOT_LANDING && detail == NULL)
			continue; /* images, style sheets, the Subject: nothing to say */
		if (no != ST_RULE_COUNT) {
			withhold_once (plan, said, u->target != NULL ? u->host : key, no, detail);
			continue;
		}
		if (u->registrable == NULL && !(u->flags & ST_URL_IP_HOST))
			continue;
		Candidate *c = g_hash_table_lookup (by_key, key);
		if (c == NULL) {
			c = g_new0 (Candidate, 1);
			c->key = g_strdup (key);
			g_ptr_array_add (out, c);
			g_hash_table_insert (by_key, c->key, c);
		}
		int s = url_score (u);
		c->score += s;
		if (c->url == NULL || s > c->url_score) {
			c->url = u;
			c->url_score = s;
		}
	}
	g_ptr_array_sort (out, by_score);
	return out;
}

/* TRUE when the public suffix of @domain is a shared platform's (the
 * private section of the Public Suffix List: web.app, blogspot.com…). */
static gboolean
on_platform (const char *domain)
{
	const psl_ctx_t *psl = psl_builtin ();
	const char *dot = strchr (domain, '.');
	return psl != NULL && dot != NULL &&
	       psl_is_public_suffix2 (psl, dot + 1, PSL_TYPE_PRIVATE | PSL_TYPE_NO_STAR_RULE);
}

static char *
link_evidence (const StUrl *u)
{
	GString *out = g_string_new (NULL);
	g_autofree char *raw = g_strdelimit (g_strdup (u->raw), "\t\r\n", ' ');
	g_string_append_printf (out,
		"The message sends its reader to %s (written as \"%s\", in its %s", u->url, raw,
		st_urls_where_name (u->where));
	if (u->text != NULL) {
		g_autofree char *text = g_strdelimit (g_strdup (u->text), "\t\r\n", ' ');
		g_string_append_printf (out, "; the link reads \"%s\"", text);
	}
	if (u->links > 1)
		g_string_append_printf (out, "; %u links lead there", u->links);
	g_string_append (out, ").\n");
	return g_string_free (out, FALSE);
}

/* The registrar of a domain that looks made for the spam. */
static void
plan_registrar (StPlan *plan, const StPlanner *planner, const Candidate *c, const char *evidence)
{
	const StAnalysis *a = plan->analysis;
	g_autofree char *from =
		a->auth.from_domain[0] ? st_domain_registrable (a->auth.from_domain) : NULL;
	g_autoptr (StContactList) found = st_contact_list_new ();
	const StContact *best = NULL;

	if (from != NULL && g_str_equal (from, c->key) && g_str_equal (a->auth.dmarc, "pass")) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_DMARC_PASS, c->key, NULL);
		return;
	}
	if (on_platform (c->key)) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_PLATFORM, c->key, NULL);
		return;
	}
	g_autofree char *what = g_strdup_printf ("the registrar of %s", c->key);
	if (!st_offers_may_look_up (plan, planner, ST_ROLE_ADVERTISER, what))
		return;
	if (st_lookup_domain_contacts (planner->lookup, c->key, found, NULL))
		best = st_contact_list_best (found, ST_CONTACT_SCOPE_REGISTRAR);
	st_plan_note_failures (plan, planner->lookup);
	if (best == NULL || best->confidence < ST_CONFIDENCE_MEDIUM) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_NO_CONTACT, what, NULL);
		return;
	}
	g_autofree char *src = g_strdup_printf ("%s (%s confidence): the abuse contact of the "
						"registrar of %s",
		best->source, st_contact_confidence_name (best->confidence), c->key);
	g_autofree char *party = g_strdup_printf ("the domain %s, registered through you", c->key);
	st_plan_add (plan, plan->policy, ST_ROLE_ADVERTISER, ST_RULE_LANDING, best->address, party,
		src, g_strdup (evidence), -1);
}

/* What, beyond the site's own DNS, says that @addr serves @c: NULL when
 * nothing does. New string. */
static char *
host_confirmed (const Candidate *c, const StContact *best, const char *ptr, gboolean confirmed)
{
	if (c->url->flags & ST_URL_IP_HOST)
		return g_strdup ("the link names the address itself");
	if (ptr == NULL || !confirmed)
		return NULL;
	if (st_domain_within (ptr, c->key))
		return g_strdup_printf ("the address's reverse name %s, which the network's holder "
					"sets, lies in %s and resolves back to it",
			ptr, c->key);
	g_autofree char *pd = st_domain_registrable (ptr);
	const char *at = strrchr (best->address, '@');
	if (pd != NULL && at != NULL && st_domain_within (at + 1, pd))
		return g_strdup_printf (
			"the address's reverse name %s and the registry's record of "
			"its network name the same holder, %s",
			ptr, pd);
	return NULL;
}

/* The network of the landing page's web server, when confirmed. */
static void
plan_web_host (StPlan *plan, const StPlanner *planner, const Candidate *c, const char *evidence)
{
	const char *host = c->url->host;
	g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autofree char *what = g_strdup_printf ("the web host of %s", host);

	if (c->url->flags & ST_URL_IP_HOST)
		g_ptr_array_add (addresses, g_strndup (host + (host[0] == '['),
						    strlen (host) - (host[0] == '[' ? 2 : 0)));
	else if (st_offers_may_look_up (plan, planner, ST_ROLE_ADVERTISER, what))
		st_lookup_host_addresses (planner->lookup, host, addresses, NULL);
	else
		return;
	st_plan_note_failures (plan, planner->lookup);
	if (addresses->len == 0) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_NO_CONTACT, what,
			"its address could not be found");
		return;
	}
	const char *addr = addresses->pdata[0];
	g_autofree char *where = g_strdup_printf ("%s at %s", what, addr);
	StRule no = st_policy_check_host_address (plan->policy, addr);
	if (no != ST_RULE_COUNT) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, no, where, NULL);
		return;
	}
	if (!st_offers_may_look_up (plan, planner, ST_ROLE_ADVERTISER, where))
		return;
	const StContact *best = NULL;
	if (st_lookup_address_contacts (planner->lookup, addr, found, NULL))
		best = st_contact_list_best (found, ST_CONTACT_SCOPE_NETWORK);
	st_plan_note_failures (plan, planner->lookup);
	if (best == NULL || best->confidence < ST_CONFIDENCE_MEDIUM) {
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_NO_CONTACT, where, NULL);
		return;
	}
	gboolean confirmed = FALSE;
	const char *ptr = st_lookup_ptr_name (planner->lookup, &confirmed);
	g_autofree char *proof = host_confirmed (c, best, ptr, confirmed);
	if (proof == NULL) {
		g_autofree char *detail = g_strdup_printf ("reverse name %s%s", ptr ? ptr : "none",
			ptr && !confirmed ? ", not confirmed" : "");
		st_plan_withhold (
			plan, ST_ROLE_ADVERTISER, ST_RULE_UNCONFIRMED_HOST, where, detail);
		return;
	}
	g_autofree char *src = g_strdup_printf ("%s (%s confidence): the abuse contact of the "
						"network of %s, the address of %s",
		best->source, st_contact_confidence_name (best->confidence), addr, host);
	g_autofree char *party =
		g_strdup_printf ("the web server %s (%s), in your network", host, addr);
	g_autofree char *ev = g_strdup_printf ("%sIts host name %s has the address %s in the DNS, "
					       "which the site's owner controls; what confirms it: "
					       "%s.\n",
		evidence, host, addr, proof);
	st_plan_add (plan, plan->policy, ST_ROLE_ADVERTISER, ST_RULE_WEB_HOST, best->address, party,
		src, g_steal_pointer (&ev), -1);
}

/* A site on a hosting platform whose DNS its operator runs: the operator's
 * desk, from our table; no lookup asks anyone, and the spammer's choice
 * of the name cannot point elsewhere. */
static void
plan_platform (StPlan *plan, const StPlatform *pf, const Candidate *c, const char *evidence)
{
	g_autofree char *src = g_strdup_printf (
		"spamtrace's table of hosting platforms: %s runs %s and the DNS of every name under "
		"it; %s is the abuse address %s registers for its networks",
		pf->operator, pf->suffix, pf->abuse, pf->operator);
	g_autofree char *party =
		g_strdup_printf ("a site on your platform %s, %s", pf->suffix, c->url->host);
	st_plan_add (plan, plan->policy, ST_ROLE_ADVERTISER, ST_RULE_HOSTING_PLATFORM, pf->abuse,
		party, src, g_strdup (evidence), -1);
}

static void
plan_landing (StPlan *plan, const StPlanner *planner, const Candidate *c)
{
	g_autofree char *evidence = link_evidence (c->url);

	if (c->url->flags & ST_URL_SHORTENER) {
		g_autofree char *to = g_strdup_printf ("abuse@%s", c->key);
		g_autofree char *src = g_strdup_printf ("RFC 2142 guess: abuse@ of %s, the link "
							"shortener hiding the real target",
			c->key);
		g_autofree char *party = g_strdup_printf ("a short link of yours, %s", c->url->url);
		st_plan_add (plan, plan->policy, ST_ROLE_ADVERTISER, ST_RULE_SHORTENER, to, party,
			src, g_steal_pointer (&evidence), -1);
		return;
	}
	const StPlatform *pf =
		(c->url->flags & ST_URL_IP_HOST) ? NULL : st_platform_find (c->url->host);
	if (pf != NULL) {
		plan_platform (plan, pf, c, evidence);
		return;
	}
	if (planner->lookup == NULL) {
		g_autofree char *what =
			g_strdup_printf ("the registrar and the web host of %s", c->key);
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_NEEDS_LOOKUPS, what, NULL);
		return;
	}
	if (!(c->url->flags & ST_URL_IP_HOST))
		plan_registrar (plan, planner, c, evidence);
	plan_web_host (plan, planner, c, evidence);
}

void
st_offers_plan_advertisers (StPlan *plan, const StPlanner *planner)
{
	if (planner->well_known == NULL) {
		/* without the list, a footer's links pass for the spam's own */
		st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_WELL_KNOWN, "every linked site",
			"no list of well-known sites could be read");
		return;
	}
	g_autoptr (GHashTable) said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr (GPtrArray) candidates = landing_candidates (plan, said);

	for (guint i = 0; i < candidates->len; i++) {
		const Candidate *c = candidates->pdata[i];
		g_ptr_array_add (plan->landing, g_strdup (c->url->url));
		if (i < ST_OFFERS_MAX_LANDING)
			plan_landing (plan, planner, c);
		else
			st_plan_withhold (plan, ST_ROLE_ADVERTISER, ST_RULE_NOT_LANDING, c->key,
				"ranked below the first landing pages");
	}
}
