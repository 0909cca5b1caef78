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

const char *
st_account_org_of_domain (const char *domain)
{
	const StFreeMail *fm = st_provider_free_mail (domain);
	const StOrg *org = fm != NULL ? st_org (fm->org) : NULL;
	return org != NULL ? org->name : NULL;
}

const char *
st_account_free_mail_desk (const char *address)
{
	const char *at = address != NULL ? strrchr (address, '@') : NULL;
	const StFreeMail *fm = at != NULL ? st_provider_free_mail (at + 1) : NULL;
	return fm != NULL ? fm->desk : NULL;
}

/* The organisation whose outbound server the client of @h is, when we
 * write to it about accounts; or NULL. */
static const StOrg *
account_org (const StHop *h)
{
	const StOrg *org = h != NULL && h->sender != NULL ? st_org (h->sender->org) : NULL;
	return org != NULL && org->account_desk != NULL ? org : NULL;
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
 * account), else of the provider that sent it; returns the organisation
 * written to. */
static const StOrg *
choose_desk (const StAnalysis *a, StAccount *out, const StOrg *org)
{
	const char *at = out->account != NULL ? strrchr (out->account, '@') : NULL;
	const StFreeMail *fm = at != NULL ? st_provider_free_mail (at + 1) : NULL;
	const StOrg *owner = fm != NULL ? st_org (fm->org) : NULL;
	/* a signature of another provider's own domain that our server
	 * verified: that provider's account, whoever carried the mail on
	 * (a Yahoo account's mail forwarded by a Microsoft 365 tenant) */
	if (owner != NULL && out->certainty == ST_ACCOUNT_PROVEN && owner != org &&
		st_account_org_of_domain (a->auth.dkim_domain) == owner->name) {
		if (owner->account_desk != NULL)
			org = owner;
		out->org = owner->name;
	}
	out->desk = g_strdup_printf ("abuse@%s",
		owner != NULL && g_strcmp0 (owner->name, out->org) == 0 ? fm->desk
									: org->account_desk);
	return org;
}

gboolean
st_account_find (const StAnalysis *a, gboolean source_ok, StAccount *out)
{
	const StReceived *o = st_analysis_origin (a);
	int hop = a->walk.origin;
	const StOrg *org = account_org (o != NULL ? &a->hop[hop] : NULL);
	const char *why = NULL;

	memset (out, 0, sizeof *out);
	out->hop = -1;
	if (o == NULL)
		return FALSE;
	if (org == NULL && source_ok && a->source.hop >= 0) {
		hop = a->source.hop;
		org = account_org (&a->hop[hop]);
	}
	if (org == NULL)
		return FALSE;
	out->org = org->name;
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
	org = choose_desk (a, out, org);
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
	g_autofree char *ref = org->reference != NULL && hop == a->walk.origin &&
					       g_str_equal (out->org, org_of_origin)
				       ? single_field (a, org->reference)
				       : NULL;
	if (ref != NULL)
		g_string_append_printf (ev,
			"\nThe reference your servers wrote for its submission (%s, the only "
			"one in the message):\n\n  %s\n",
			org->reference, ref);
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
