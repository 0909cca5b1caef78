/* complaint.c - who should hear about a spam, at which address, and on what evidence.
 * RFC 2142 section 2 and 4 (abuse@ for network abuse, postmaster@ for mail
 * service), RFC 5321 4.1.3 (postmaster@[192.0.2.1] reaches a host with no name). */
#include "config.h"

#include <string.h>

#include "account.h"
#include "complaint.h"
#include "domain.h"
#include "finding.h"
#include "ip.h"
#include "phone.h"
#include "providers.h"

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
	case ST_ROLE_ACCOUNT:
		return "account";
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

void
st_complaint_clear (StComplaint *c)
{
	if (c->to != NULL)
		g_ptr_array_unref (c->to);
	g_free (c->party);
	g_free (c->contact_source);
	g_free (c->evidence);
	g_free (c->account);
	memset (c, 0, sizeof *c);
}

static void
complaint_free (gpointer p)
{
	st_complaint_clear (p);
	g_free (p);
}

static void
withheld_free (gpointer p)
{
	StWithheld *w = p;
	g_free (w->party);
	g_free (w->detail);
	g_free (w);
}

StPlan *
st_plan_new (guint max_drafts)
{
	StPlan *plan = g_new0 (StPlan, 1);
	plan->complaints = g_ptr_array_new_with_free_func (complaint_free);
	plan->withheld = g_ptr_array_new_with_free_func (withheld_free);
	plan->landing = g_ptr_array_new_with_free_func (g_free);
	plan->lookup_failures = g_ptr_array_new_with_free_func (g_free);
	plan->max_drafts = max_drafts;
	return plan;
}

void
st_plan_note_failures (StPlan *plan, const StLookup *lookup)
{
	const GPtrArray *failures = lookup != NULL ? st_lookup_failures (lookup) : NULL;

	for (guint i = 0; failures != NULL && i < failures->len; i++) {
		const char *f = failures->pdata[i];
		gboolean seen = FALSE;
		for (guint k = 0; k < plan->lookup_failures->len && !seen; k++)
			seen = g_str_equal (plan->lookup_failures->pdata[k], f);
		if (!seen)
			g_ptr_array_add (plan->lookup_failures, g_strdup (f));
	}
}

void
st_plan_free (StPlan *p)
{
	if (p == NULL)
		return;
	g_ptr_array_free (p->complaints, TRUE);
	g_ptr_array_free (p->withheld, TRUE);
	g_ptr_array_free (p->landing, TRUE);
	g_ptr_array_free (p->lookup_failures, TRUE);
	if (p->dnsbl != NULL)
		g_ptr_array_unref (p->dnsbl);
	st_policy_free (p->policy);
	st_body_free (p->body);
	st_analysis_free (p->analysis);
	g_free (p->inner);
	g_free (p->forwarded);
	g_free (p);
}

char *
st_text_shown (const char *text, gboolean lines)
{
	g_autofree char *valid = g_utf8_make_valid (text, -1);
	GString *out = g_string_sized_new (strlen (valid));

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar u = g_utf8_get_char (p);
		if ((u < 0x20 && u != '\t' && !(lines && u == '\n')) || (u >= 0x7f && u <= 0x9f))
			g_string_append_c (out, ' ');
		else
			g_string_append_len (out, p, g_utf8_next_char (p) - p);
	}
	return g_string_free (out, FALSE);
}

/* The party and the detail quote host names and mailboxes from the spam:
 * kept as one line of text a terminal shows as it is. */
void
st_plan_withhold (StPlan *plan, StRole role, StRule rule, const char *party, const char *detail)
{
	StWithheld *w = g_new0 (StWithheld, 1);
	w->party = st_text_shown (party, FALSE);
	w->role = role;
	w->rule = rule;
	w->detail = detail != NULL ? st_text_shown (detail, FALSE) : NULL;
	g_ptr_array_add (plan->withheld, w);
}

char *
st_withheld_describe (const StWithheld *w)
{
	return g_strdup_printf ("%s (%s): %s%s%s [%s]", w->party, st_role_to_string (w->role),
		st_rule_meaning (w->rule), w->detail != NULL ? "; " : "",
		w->detail != NULL ? w->detail : "", st_rule_code (w->rule));
}

static StComplaint *
going_to (StPlan *plan, const char *address)
{
	for (guint i = 0; i < plan->complaints->len; i++) {
		StComplaint *c = plan->complaints->pdata[i];
		for (guint k = 0; k < c->to->len; k++)
			if (g_str_equal (c->to->pdata[k], address))
				return c;
	}
	return NULL;
}

/* The organisation whose desk @address is (abuse@gmail.com: Google), or NULL. */
static const char *
desk_org (const char *address)
{
	const char *at = strrchr (address, '@');
	return at != NULL ? st_account_org_of_domain (at + 1) : NULL;
}

/* A complaint about an account or a reply mailbox that already goes to
 * the desk of @address's organisation: google.com and gmail.com are one
 * company, which gets one draft. */
static StComplaint *
going_to_org (StPlan *plan, StRole role, const char *address)
{
	const char *org = desk_org (address);

	if (org == NULL || (role != ST_ROLE_MAILBOX && role != ST_ROLE_ACCOUNT))
		return NULL;
	for (guint i = 0; i < plan->complaints->len; i++) {
		StComplaint *c = plan->complaints->pdata[i];
		if ((c->role == ST_ROLE_MAILBOX || c->role == ST_ROLE_ACCOUNT) &&
			g_strcmp0 (desk_org (c->to->pdata[0]), org) == 0)
			return c;
	}
	return NULL;
}

/* A second mailbox at a provider a complaint already goes to: one draft
 * names them all. */
static void
merge_mailbox (StComplaint *c, const char *party, const char *evidence)
{
	g_autofree char *parties = g_strdup_printf ("%s, %s", c->party, party);
	g_autofree char *ev = g_strdup_printf ("%s%s", c->evidence, evidence);
	g_free (c->party);
	c->party = g_steal_pointer (&parties);
	g_free (c->evidence);
	c->evidence = g_steal_pointer (&ev);
}

/* @evidence about another of the account's mailboxes, after the rest. */
static void
merge_evidence (StComplaint *c, const char *evidence)
{
	g_autofree char *ev = g_strdup_printf ("%s\n%s", c->evidence, evidence);
	g_free (c->evidence);
	c->evidence = g_steal_pointer (&ev);
}

StComplaint *
st_plan_add (StPlan *plan, const StPolicy *policy, StRole role, StRule rule, const char *address,
	const char *party, const char *contact_source, char *evidence, int hop)
{
	g_autofree char *lower = g_ascii_strdown (address, -1);
	g_autofree char *ev = evidence;
	StRule no = policy != NULL ? st_policy_check_recipient (policy, lower)
		    : st_complaint_is_placeholder (lower) ? ST_RULE_PLACEHOLDER
							  : ST_RULE_COUNT;
	StComplaint *other;

	if (no != ST_RULE_COUNT) {
		g_autofree char *who = g_strdup_printf ("%s, about %s", lower, party);
		st_plan_withhold (plan, role, no, who, NULL);
		return NULL;
	}
	if ((other = going_to (plan, lower)) != NULL ||
		(other = going_to_org (plan, role, lower)) != NULL) {
		/* already told, about a party at least as close; a reply
		 * mailbox at the provider whose account sent it is part of that
		 * draft's evidence */
		if (role == ST_ROLE_MAILBOX && other->role == ST_ROLE_MAILBOX)
			merge_mailbox (other, party, ev);
		else if (role == ST_ROLE_MAILBOX && other->role == ST_ROLE_ACCOUNT)
			merge_evidence (other, ev);
		return NULL;
	}
	if (plan->complaints->len >= plan->max_drafts) {
		g_autofree char *who = g_strdup_printf ("%s, about %s", lower, party);
		st_plan_withhold (plan, role, ST_RULE_MAX_DRAFTS, who, NULL);
		return NULL;
	}
	StComplaint *c = g_new0 (StComplaint, 1);
	c->role = role;
	c->rule = rule;
	/* NULL-terminated: callers join it with g_strjoinv */
	c->to = g_ptr_array_new_null_terminated (1, g_free, TRUE);
	g_ptr_array_add (c->to, g_steal_pointer (&lower));
	c->party = g_strdup (party);
	c->contact_source = g_strdup (contact_source);
	c->evidence = g_steal_pointer (&ev);
	c->hop = hop;
	g_ptr_array_add (plan->complaints, c);
	return c;
}

/* The paragraph st_plan_add_phones adds, or NULL: one line a number, E.164,
 * as written, region and line type; how it was read (its form, the region
 * guessed, the words that offer it) is for --json. Attacker-written: only
 * the raw text, which the finder keeps to digits and the separators
 * libphonenumber accepts; tabs become spaces all the same. */
static char *
phones_evidence (const StBody *body)
{
	if (body->phones->len == 0)
		return NULL;
	GString *out = g_string_new (NULL);
	g_string_append_printf (out, "The message gives %s to call:\n\n",
		body->phones->len == 1 ? "this telephone number" : "these telephone numbers");
	for (guint i = 0; i < body->phones->len; i++) {
		const StPhone *p = body->phones->pdata[i];
		g_autofree char *raw = g_strdelimit (g_strdup (p->raw), "\t\r\n", ' ');
		g_string_append_printf (out, "  %s (written \"%s\"), %s, %s\n", p->e164, raw,
			p->region != NULL ? p->region : "no region", p->type);
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

gboolean
st_plan_retarget (StPlan *plan, guint i, const StPolicy *policy, const char *address,
	const char *source, StRule *why)
{
	StComplaint *c = plan->complaints->pdata[i];
	g_autofree char *lower = g_ascii_strdown (address, -1);
	StComplaint *other = going_to (plan, lower);

	*why = policy != NULL ? st_policy_check_recipient (policy, lower) : ST_RULE_COUNT;
	if (*why != ST_RULE_COUNT)
		return FALSE;
	if (other != NULL && other != c) {
		*why = ST_RULE_DUPLICATE;
		return FALSE;
	}
	g_ptr_array_set_size (c->to, 0);
	g_ptr_array_add (c->to, g_steal_pointer (&lower));
	g_free (c->contact_source);
	c->contact_source = g_strdup (source);
	return TRUE;
}
