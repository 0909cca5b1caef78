/* account.c - the sending account of mail a large mail provider's own servers sent us, and
 * that provider's abuse desk. RFC 6376, RFC 7489 3.1, RFC 8601, RFC 5321 4.4, RFC 2142.
 *
 * A free-mail desk acts on an account, not on the address of its shared
 * outbound server. Only what our own server wrote names it: the
 * Authentication-Results of our boundary (a DKIM signature of the From:
 * domain that passed), a Return-Path above the origin's line. A From: that
 * nothing we trust confirms is named as a guess, and said to be one. */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "account.h"
#include "domain.h"
#include "policy.h"
#include "providers.h"

/* Free-mail providers whose abuse desks close a mailbox, the desk of each,
 * and the organisation it belongs to: one organisation gets one draft a
 * message, whichever of its names the spam used. */
static const struct {
	const char *domain;
	const char *desk;
	const char *org;
} free_mail[] = {
	{ "gmail.com", "gmail.com", "Google" },
	{ "googlemail.com", "gmail.com", "Google" },
	{ "google.com", "google.com", "Google" },
	{ "outlook.com", "outlook.com", "Microsoft" },
	{ "hotmail.com", "outlook.com", "Microsoft" },
	{ "live.com", "outlook.com", "Microsoft" },
	{ "msn.com", "outlook.com", "Microsoft" },
	{ "yahoo.com", "yahoo.com", "Yahoo" },
	{ "ymail.com", "yahoo.com", "Yahoo" },
	{ "aol.com", "aol.com", "Yahoo" },
	{ "icloud.com", "icloud.com", "Apple" },
	{ "me.com", "icloud.com", "Apple" },
	{ "mail.ru", "mail.ru", "Mail.ru" },
	{ "yandex.ru", "yandex.ru", "Yandex" },
	{ "yandex.com", "yandex.com", "Yandex" },
	{ "gmx.net", "gmx.net", "GMX" },
	{ "gmx.de", "gmx.net", "GMX" },
	{ "gmx.com", "gmx.net", "GMX" },
	{ "web.de", "web.de", "GMX" },
	{ "zoho.com", "zoho.com", "Zoho" },
	{ "protonmail.com", "protonmail.com", "Proton" },
	{ "proton.me", "protonmail.com", "Proton" },
	{ "mail.com", "mail.com", NULL },
	{ "qq.com", "qq.com", NULL },
	{ "163.com", "163.com", NULL },
	{ "126.com", "126.com", NULL },
};

/* The providers whose outbound servers send for accounts of their own
 * (providers.c's sending sides, by name), and the desk for an account on
 * a domain that is not theirs (a hosted or customer domain). */
static const struct {
	const char *sender; /* the start of the StSender's name */
	const char *org;
	const char *desk;
	const char *reference; /* a field the provider writes at submission, or NULL */
} senders[] = {
	{ "Google", "Google", "google.com", "X-Google-Smtp-Source" },
	{ "Microsoft", "Microsoft", "outlook.com", NULL },
	{ "Yahoo", "Yahoo", "yahoo.com", NULL },
};

const char *
st_account_certainty_name (StAccountCertainty c)
{
	switch (c) {
	case ST_ACCOUNT_PROVEN:
		return "proven";
	case ST_ACCOUNT_GUESS:
		return "guess";
	case ST_ACCOUNT_UNKNOWN:
		break;
	}
	return "unknown";
}

static int
free_mail_row (const char *domain)
{
	for (gsize k = 0; domain != NULL && k < G_N_ELEMENTS (free_mail); k++)
		if (g_ascii_strcasecmp (domain, free_mail[k].domain) == 0)
			return (int)k;
	return -1;
}

const char *
st_account_org_of_domain (const char *domain)
{
	int k = free_mail_row (domain);
	return k >= 0 ? free_mail[k].org : NULL;
}

const char *
st_account_free_mail_desk (const char *address)
{
	const char *at = address != NULL ? strrchr (address, '@') : NULL;
	int k = at != NULL ? free_mail_row (at + 1) : -1;
	return k >= 0 ? free_mail[k].desk : NULL;
}

static int
sender_row (const StHop *h)
{
	const StSender *s = h != NULL ? h->sender : NULL;
	for (gsize k = 0; s != NULL && k < G_N_ELEMENTS (senders); k++)
		if (g_str_has_prefix (s->name, senders[k].sender))
			return (int)k;
	return -1;
}

/* The first mailbox of the first field @name above field index @limit
 * (G_MAXUINT: anywhere), or NULL. */
static char *
field_mailbox (const StAnalysis *a, const char *name, guint limit)
{
	guint index = 0;
	const StField *f = st_headers_find (a->headers, name, &index);
	char *addr = NULL;
	if (f == NULL || index >= limit)
		return NULL;
	g_autofree char *v = st_field_unfold (f);
	InternetAddressList *list = internet_address_list_parse (NULL, v);
	if (list != NULL && internet_address_list_length (list) > 0 &&
		INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0))) {
		const char *m = internet_address_mailbox_get_addr (
			INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0)));
		if (m != NULL && strchr (m, '@') != NULL && strlen (m) < 256)
			addr = g_ascii_strdown (m, -1);
	}
	if (list != NULL)
		g_object_unref (list);
	return addr;
}

/* RFC 7489 3.1.1, relaxed: @signer is @domain or a parent of it. */
static gboolean
aligned (const char *signer, const char *domain)
{
	return signer[0] != '\0' && domain[0] != '\0' && st_domain_within (domain, signer);
}

/* The one field @name of the message, unfolded, or NULL when there is
 * none or more than one (then we cannot tell which the provider wrote). */
static char *
single_field (const StAnalysis *a, const char *name)
{
	const StField *found = NULL;
	for (guint i = 0; i < a->headers->fields->len; i++) {
		const StField *f = &g_array_index (a->headers->fields, StField, i);
		if (!st_field_is (f, name))
			continue;
		if (found != NULL)
			return NULL;
		found = f;
	}
	if (found == NULL)
		return NULL;
	g_autofree char *v = g_strstrip (st_field_unfold (found));
	/* an opaque token: letters, digits and + / = - _ only */
	for (const char *p = v; *p != '\0'; p++)
		if (!g_ascii_isalnum (*p) && strchr ("+/=-_", *p) == NULL)
			return NULL;
	return v[0] != '\0' && strlen (v) < 200 ? g_strdup (v) : NULL;
}

/* What the From: is worth: proven by a DKIM signature our server verified,
 * or a guess, with the reason nothing confirms it in @why. */
static StAccountCertainty
from_certainty (const StAuthSummary *auth, const char **why)
{
	if (auth->from_forged || g_str_equal (auth->dmarc, "fail")) {
		*why = "our server's DMARC check of its domain failed";
		return ST_ACCOUNT_GUESS;
	}
	if (g_str_equal (auth->dkim, "pass") && aligned (auth->dkim_domain, auth->from_domain))
		return ST_ACCOUNT_PROVEN;
	*why = !auth->found ? "our server recorded no DKIM check of it"
	       : g_str_equal (auth->dkim, "pass")
		       ? "the DKIM signature our server verified is of another domain"
		       : "no DKIM signature of its domain passed our server's check";
	return ST_ACCOUNT_GUESS;
}

static void
say_account (GString *ev, const StAccount *acc, const char *from, const char *why,
	const StAuthSummary *auth)
{
	const char *org = acc->org;
	if (acc->certainty == ST_ACCOUNT_PROVEN) {
		const char *d = auth->dkim_domain;
		g_string_append_printf (ev,
			"The sending account: %s\n\n"
			"How we know: it is the message's From: address, and the message carries "
			"a DKIM signature of %s (d=%s) that our own server checked and found good "
			"(dkim=pass%s%s in the Authentication-Results it wrote). ",
			from, d, d, g_str_equal (auth->dmarc, "pass") ? ", dmarc=pass" : "",
			g_str_equal (auth->spf, "pass") ? ", spf=pass" : "");
		if (g_strcmp0 (st_account_org_of_domain (auth->from_domain), org) == 0)
			g_string_append_printf (
				ev, "%s is one of %s's own mail domains.\n", d, org);
		else
			g_string_append_printf (ev,
				"%s is not one of %s's own domains: the account is a mailbox of a "
				"domain whose mail your servers send.\n",
				d, org);
		return;
	}
	if (acc->certainty == ST_ACCOUNT_GUESS) {
		g_string_append_printf (ev,
			"The sending account, as far as we can tell: %s\n\n"
			"This is a guess, not a finding: it is the message's From: address, "
			"which the sender writes, and %s. Your own records of the message will "
			"show the real account.\n",
			from, why);
		return;
	}
	g_string_append (ev, "The sending account: we could not tell which.\n\n");
	if (from != NULL)
		g_string_append_printf (ev,
			"Its From: address is not it: our server found that address forged "
			"(%s), so its owner is more likely a victim than the sender. ",
			auth->from_forged_why[0] ? auth->from_forged_why : "DMARC failed");
	else
		g_string_append (ev, "The message names no account that our server could "
				     "confirm. ");
	g_string_append (ev, "Your own records of the message (the time and the line below) "
			     "will show which account sent it.\n");
}

/* The account the provider's own topmost line below @hop records as
 * authenticated (RFC 4954, "Authenticated sender: …"), or NULL. Only that
 * line: it is the first the provider wrote after our server's, and every
 * line below it may be the sender's. */
static const StReceived *
provider_auth_line (const StAnalysis *a, int hop)
{
	const StSender *s = a->hop[hop].sender;
	guint below = (guint)hop + 1;
	if (s == NULL || below >= a->n_hops)
		return NULL;
	const StReceived *r = a->hop[below].line;
	if (a->hop[below].judged.judgement == ST_JUDGEMENT_FORGED || !st_sender_owns (s, r->by) ||
		r->auth_user == NULL || strchr (r->auth_user, '@') == NULL ||
		strlen (r->auth_user) > 254)
		return NULL;
	return r;
}

/* The desk of the account's product (abuse@gmail.com for a Gmail
 * account), else of the provider that sent it; returns the senders[] row
 * of the organisation written to. */
static int
choose_desk (const StAnalysis *a, StAccount *out, int row)
{
	const char *at = out->account != NULL ? strrchr (out->account, '@') : NULL;
	int k = at != NULL ? free_mail_row (at + 1) : -1;
	/* a signature of another provider's own domain that our server
	 * verified: that provider's account, whoever carried the mail on
	 * (a Yahoo account's mail forwarded by a Microsoft 365 tenant) */
	if (k >= 0 && out->certainty == ST_ACCOUNT_PROVEN && free_mail[k].org != NULL &&
		g_strcmp0 (free_mail[k].org, out->org) != 0 &&
		st_account_org_of_domain (a->auth.dkim_domain) == free_mail[k].org) {
		for (gsize s = 0; s < G_N_ELEMENTS (senders); s++)
			if (g_str_equal (senders[s].org, free_mail[k].org))
				row = (int)s;
		out->org = free_mail[k].org;
	}
	out->desk = g_strdup_printf ("abuse@%s",
		k >= 0 && g_strcmp0 (free_mail[k].org, out->org) == 0 ? free_mail[k].desk
								      : senders[row].desk);
	return row;
}

gboolean
st_account_find (const StAnalysis *a, gboolean source_ok, StAccount *out)
{
	const StReceived *o = st_analysis_origin (a);
	int hop = a->walk.origin;
	int row = sender_row (o != NULL ? &a->hop[hop] : NULL);
	const char *why = NULL;

	memset (out, 0, sizeof *out);
	out->hop = -1;
	if (o == NULL)
		return FALSE;
	if (row < 0 && source_ok && a->source.hop >= 0) {
		hop = a->source.hop;
		row = sender_row (&a->hop[hop]);
	}
	if (row < 0)
		return FALSE;
	out->org = senders[row].org;
	out->hop = hop;
	const char *org_of_origin = out->org;

	g_autofree char *from = field_mailbox (a, "From", G_MAXUINT);
	/* RFC 5321 4.4: the Return-Path our delivering server wrote, above
	 * the origin's line; one below it is the sender's */
	guint origin_field = a->hop[a->walk.origin].field;
	g_autofree char *envelope = field_mailbox (a, "Return-Path", origin_field);
	/* a From: our server found forged is a victim's address: never named */
	gboolean forged = a->auth.from_forged || g_str_equal (a->auth.dmarc, "fail");
	if (from != NULL && !forged) {
		out->certainty = from_certainty (&a->auth, &why);
		out->account = g_strdup (from);
	}
	const StReceived *auth = provider_auth_line (a, hop);
	g_autofree char *claimed = NULL; /* a From: that nothing confirms */
	g_autofree char *auth_user = auth != NULL ? g_ascii_strdown (auth->auth_user, -1) : NULL;
	if (auth_user != NULL && out->certainty != ST_ACCOUNT_PROVEN &&
		st_policy_address_valid (auth_user, NULL)) {
		/* the provider's own record outweighs a From: nothing confirms */
		if (out->certainty == ST_ACCOUNT_GUESS && g_strcmp0 (from, auth_user) != 0)
			claimed = g_strdup (from);
		g_free (out->account);
		out->account = g_strdup (auth_user);
		out->certainty = ST_ACCOUNT_PROVEN;
		g_clear_pointer (&from, g_free);
	}
	row = choose_desk (a, out, row);
	GString *ev = g_string_new (NULL);
	if (from == NULL && out->certainty == ST_ACCOUNT_PROVEN)
		g_string_append_printf (ev,
			"The sending account: %s\n\n"
			"How we know: the first line your servers wrote (hop %d, by %s) records "
			"it as the account that authenticated to send the message.\n",
			auth_user, hop + 1, auth->by);
	else
		say_account (ev, out, from, why, &a->auth);
	if (claimed != NULL)
		g_string_append_printf (ev,
			"Its From: address, which the sender writes and nothing we trust "
			"confirms, is %s.\n",
			claimed);
	if (from != NULL && auth_user != NULL && g_strcmp0 (auth_user, from) != 0 &&
		g_str_equal (out->org, org_of_origin))
		g_string_append_printf (ev,
			"The first line your servers wrote (hop %d, by %s) records %s as the "
			"account that authenticated.\n",
			hop + 1, auth->by, auth_user);
	if (envelope != NULL && g_strcmp0 (envelope, from) != 0)
		g_string_append_printf (ev,
			"The envelope sender, as our server recorded it (Return-Path): %s.\n",
			envelope);
	g_autofree char *ref = senders[row].reference != NULL && hop == a->walk.origin &&
					       g_str_equal (out->org, org_of_origin)
				       ? single_field (a, senders[row].reference)
				       : NULL;
	if (ref != NULL)
		g_string_append_printf (ev,
			"\nThe reference your servers wrote for its submission (%s, the only "
			"one in the message):\n\n  %s\n",
			senders[row].reference, ref);
	out->evidence = g_string_free (ev, FALSE);
	return TRUE;
}

void
st_account_clear (StAccount *acc)
{
	g_free (acc->desk);
	g_free (acc->account);
	g_free (acc->evidence);
	memset (acc, 0, sizeof *acc);
	acc->hop = -1;
}
