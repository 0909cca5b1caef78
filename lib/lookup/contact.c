/* contact.c - an address to complain to, who it speaks for, and how sure we are of it.
 * RFC 5322 section 3.4.1 (addr-spec), RFC 2142 section 2 (abuse@), RFC 2606/6761 (reserved names).
 */
#include "config.h"

#include <string.h>

#include "contact.h"

StContact *
st_contact_new (const char *address, StContactScope scope, const char *source,
	StConfidence confidence, const char *role)
{
	StContact *c;

	g_return_val_if_fail (address != NULL, NULL);

	c = g_new0 (StContact, 1);
	c->address = g_strdup (address);
	c->scope = scope;
	c->source = g_strdup (source != NULL ? source : "");
	c->confidence = confidence;
	c->role = g_strdup (role != NULL ? role : "");
	return c;
}

void
st_contact_free (StContact *contact)
{
	if (contact == NULL)
		return;
	g_free (contact->address);
	g_free (contact->source);
	g_free (contact->role);
	g_free (contact->note);
	g_free (contact);
}

void
st_contact_set_note (StContact *contact, const char *note)
{
	g_return_if_fail (contact != NULL);
	g_free (contact->note);
	contact->note = g_strdup (note);
}

gboolean
st_contact_has_role (const StContact *contact, const char *role)
{
	gsize n;
	const char *p;

	g_return_val_if_fail (contact != NULL && role != NULL, FALSE);

	n = strlen (role);
	for (p = contact->role; *p != '\0';) {
		const char *end = strchr (p, ',');
		gsize len = end != NULL ? (gsize)(end - p) : strlen (p);
		if (len == n && g_ascii_strncasecmp (p, role, n) == 0)
			return TRUE;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return FALSE;
}

static const char *const scope_names[] = {
	[ST_CONTACT_SCOPE_NETWORK] = "network",
	[ST_CONTACT_SCOPE_DOMAIN] = "domain",
	[ST_CONTACT_SCOPE_REGISTRAR] = "registrar",
	[ST_CONTACT_SCOPE_RELAY] = "relay",
	[ST_CONTACT_SCOPE_HOSTING] = "hosting",
	[ST_CONTACT_SCOPE_MAILBOX_PROVIDER] = "mailbox-provider",
};

const char *
st_contact_scope_name (StContactScope scope)
{
	g_return_val_if_fail ((guint)scope < G_N_ELEMENTS (scope_names), "");
	return scope_names[scope];
}

static const char *const confidence_names[] = {
	[ST_CONFIDENCE_LOW] = "low",
	[ST_CONFIDENCE_MEDIUM] = "medium",
	[ST_CONFIDENCE_HIGH] = "high",
};

const char *
st_contact_confidence_name (StConfidence confidence)
{
	g_return_val_if_fail ((guint)confidence < G_N_ELEMENTS (confidence_names), "");
	return confidence_names[confidence];
}

/* RFC 5322 atext, plus '.' between atoms. */
static gboolean
is_local_char (char c)
{
	return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL);
}

static gboolean
is_domain_char (char c)
{
	return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

char *
st_contact_address_clean (const char *text)
{
	g_autofree char *s = NULL;
	char *at, *p;
	gsize len;

	g_return_val_if_fail (text != NULL, NULL);

	s = g_strstrip (g_strdup (text));
	if (g_ascii_strncasecmp (s, "mailto:", 7) == 0)
		memmove (s, s + 7, strlen (s + 7) + 1);
	/* Whois writes 'x@y', <x@y> and "x@y"; strip one matching pair. */
	len = strlen (s);
	if (len >= 2 &&
		((s[0] == '<' && s[len - 1] == '>') || (s[0] == '\'' && s[len - 1] == '\'') ||
			(s[0] == '"' && s[len - 1] == '"'))) {
		s[len - 1] = '\0';
		memmove (s, s + 1, len - 1);
	}
	g_strstrip (s);

	at = strchr (s, '@');
	if (at == NULL || at == s || strchr (at + 1, '@') != NULL || at[1] == '\0')
		return NULL;
	for (p = s; p < at; p++)
		if (!is_local_char (*p))
			return NULL;
	if (s[0] == '.' || at[-1] == '.' || strstr (s, "..") != NULL)
		return NULL;
	for (p = at + 1; *p != '\0'; p++) {
		if (!is_domain_char (*p))
			return NULL;
		*p = g_ascii_tolower (*p);
	}
	if (at[1] == '.' || p[-1] == '.' || at[1] == '-')
		return NULL;
	return g_steal_pointer (&s);
}

/* Text that registries put where an address was removed. Matched anywhere
 * in the address, ignoring case. Seen: "redacted@redacted.invalid" style
 * markers in gTLD RDAP, "gdpr-masked@gdpr-masked.com" from registrars. */
static const char *const redaction_markers[] = {
	"redacted",
	"gdpr-masked",
	"data-protected",
	"not.disclosed",
	"notdisclosed",
};

/* RFC 2606 and RFC 6761 names, and template placeholders. A domain in the
 * table matches itself and every name below it. */
static const char *const reserved_domains[] = {
	"example", "example.com", "example.net", "example.org", "invalid", "test", "localhost",
	"local", "tld", /* "abuse@domain.tld" in contact templates */
};

/* Mailboxes that nobody reads. Compared with the local part, ignoring case
 * and a "+tag". */
static const char *const unread_locals[] = {
	"noreply",
	"no-reply",
	"no_reply",
	"donotreply",
	"do-not-reply",
	"do_not_reply",
	"nobody",
	"mailer-daemon",
};

static gboolean
domain_within (const char *domain, const char *parent)
{
	gsize n = strlen (domain), m = strlen (parent);

	if (n == m)
		return g_ascii_strcasecmp (domain, parent) == 0;
	return n > m && domain[n - m - 1] == '.' &&
	       g_ascii_strcasecmp (domain + n - m, parent) == 0;
}

gboolean
st_contact_address_usable (const char *address, const char **reason)
{
	g_autofree char *lower = NULL;
	const char *at, *domain;
	gsize local_len;

	g_return_val_if_fail (address != NULL, FALSE);

	lower = g_ascii_strdown (address, -1);
	at = strchr (lower, '@');
	if (at == NULL || at == lower) {
		if (reason != NULL)
			*reason = "not an address";
		return FALSE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (redaction_markers); i++) {
		if (strstr (lower, redaction_markers[i]) != NULL) {
			if (reason != NULL)
				*reason = "redacted";
			return FALSE;
		}
	}
	domain = at + 1;
	if (strchr (domain, '.') == NULL) {
		if (reason != NULL)
			*reason = "domain has no dot";
		return FALSE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (reserved_domains); i++) {
		if (domain_within (domain, reserved_domains[i])) {
			if (reason != NULL)
				*reason = "reserved example domain";
			return FALSE;
		}
	}
	local_len = (gsize)(at - lower);
	if (memchr (lower, '+', local_len) != NULL)
		local_len = (gsize)((const char *)memchr (lower, '+', local_len) - lower);
	for (gsize i = 0; i < G_N_ELEMENTS (unread_locals); i++) {
		if (strlen (unread_locals[i]) == local_len &&
			strncmp (lower, unread_locals[i], local_len) == 0) {
			if (reason != NULL)
				*reason = "mailbox that nobody reads";
			return FALSE;
		}
	}
	if (reason != NULL)
		*reason = NULL;
	return TRUE;
}

StContactList *
st_contact_list_new (void)
{
	StContactList *list = g_new0 (StContactList, 1);
	list->items = g_ptr_array_new_with_free_func ((GDestroyNotify)st_contact_free);
	list->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	return list;
}

void
st_contact_list_free (StContactList *list)
{
	if (list == NULL)
		return;
	g_hash_table_unref (list->index);
	g_ptr_array_unref (list->items);
	g_free (list);
}

static void
merge_roles (StContact *into, const char *roles)
{
	g_auto (GStrv) words = g_strsplit (roles, ",", -1);

	for (guint i = 0; words[i] != NULL; i++) {
		char *joined;
		if (words[i][0] == '\0' || st_contact_has_role (into, words[i]))
			continue;
		joined = into->role[0] == '\0' ? g_strdup (words[i])
					       : g_strconcat (into->role, ",", words[i], NULL);
		g_free (into->role);
		into->role = joined;
	}
}

static char *
index_key (const char *address, StContactScope scope)
{
	g_autofree char *lower = g_ascii_strdown (address, -1);

	return g_strdup_printf ("%d %s", (int)scope, lower);
}

gboolean
st_contact_list_take (StContactList *list, StContact *contact)
{
	g_autoptr (StContact) owned = contact;
	StContact *old;

	g_return_val_if_fail (list != NULL && contact != NULL, FALSE);

	old = (StContact *)st_contact_list_find (list, contact->address, contact->scope);
	if (old == NULL) {
		g_hash_table_insert (
			list->index, index_key (contact->address, contact->scope), contact);
		g_ptr_array_add (list->items, g_steal_pointer (&owned));
		return TRUE;
	}
	merge_roles (old, contact->role);
	if (contact->confidence > old->confidence) {
		old->confidence = contact->confidence;
		g_free (old->source);
		old->source = g_steal_pointer (&contact->source);
		g_free (old->note);
		old->note = g_steal_pointer (&contact->note);
	}
	return FALSE;
}

guint
st_contact_list_length (const StContactList *list)
{
	g_return_val_if_fail (list != NULL, 0);
	return list->items->len;
}

const StContact *
st_contact_list_get (const StContactList *list, guint i)
{
	g_return_val_if_fail (list != NULL && i < list->items->len, NULL);
	return g_ptr_array_index (list->items, i);
}

const StContact *
st_contact_list_find (const StContactList *list, const char *address, StContactScope scope)
{
	g_autofree char *key = NULL;

	g_return_val_if_fail (list != NULL && address != NULL, NULL);

	key = index_key (address, scope);
	return g_hash_table_lookup (list->index, key);
}

const StContact *
st_contact_list_best (const StContactList *list, StContactScope scope)
{
	const StContact *best = NULL;
	int best_score = -1;

	g_return_val_if_fail (list != NULL, NULL);

	for (guint i = 0; i < list->items->len; i++) {
		const StContact *c = g_ptr_array_index (list->items, i);
		int score;
		if (c->scope != scope)
			continue;
		score = (int)c->confidence * 2 + (st_contact_has_role (c, "abuse") ? 1 : 0);
		if (score > best_score) {
			best = c;
			best_score = score;
		}
	}
	return best;
}
