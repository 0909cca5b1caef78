/* contact.c - an address to complain to, who it speaks for, and how sure we are of it.
 * RFC 5322 section 3.4.1 (addr-spec), RFC 2142 section 2 (abuse@), RFC 2606/6761 (reserved names).
 */
#include "config.h"

#include <string.h>

#include "contact.h"
#include "domain.h"
#include "ip.h"
#include "json-write.h"

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
	return st_domain_char ((guchar)c) != 0;
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

/* Words that tell a sentence is about where abuse reports go. Matched in
 * the sentence without its addresses ("abuse@x was validated" says
 * nothing of reports), ignoring case. */
static const char *const remark_topics[] = {
	"abuse",
	"spam",
	"complaint",
	"phish",
	"malware",
	"unsolicited",
};

/* Words that turn the sentence around: "do not send spam complaints to
 * noc@…", "hostmaster@… is invalid". */
static const char *const remark_negations[] = {
	"do not",
	"don't",
	"dont ",
	"not for",
	"never",
	"invalid",
	"no longer",
	"not to",
	"not be",
	"ignored",
	"not monitored",
	"not read",
};

static gboolean
contains_any (const char *haystack, const char *const *needles, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (strstr (haystack, needles[i]) != NULL)
			return TRUE;
	return FALSE;
}

/* One sentence or clause: its addresses go to @found (when not NULL), the
 * rest, lower case, to @rest. */
static void
remark_split (const char *text, GPtrArray *found, GString *rest)
{
	g_auto (GStrv) words = g_strsplit_set (text, " \t,:;()<>\"'", -1);
	for (guint i = 0; words[i] != NULL; i++) {
		char *w = words[i];
		gsize n = strlen (w);
		while (n > 0 && (w[n - 1] == '.' || w[n - 1] == '!' || w[n - 1] == '?'))
			w[--n] = '\0';
		char *address = strchr (w, '@') != NULL ? st_contact_address_clean (w) : NULL;
		if (address != NULL) {
			if (found != NULL)
				g_ptr_array_add (found, address);
			else
				g_free (address);
			continue;
		}
		g_autofree char *lower = g_ascii_strdown (w, -1);
		g_string_append_printf (rest, " %s", lower);
	}
	g_string_append_c (rest, ' ');
}

/* The remark's text with one sentence a line: sentences end at ". ", ";"
 * and "!", and at a line break unless the next line goes on in lower case
 * (a remark wrapped over two lines: "issues to Auto-responder",
 * "abuse@apnic.net."). An address keeps its dots. */
static char *
remark_sentences (const char *text)
{
	GString *t = g_string_new (text);
	for (gsize i = 0; i < t->len; i++) {
		char c = t->str[i];
		if (c == '\n' || c == '\r') {
			gsize k = i + 1;
			while (k < t->len &&
				(t->str[k] == ' ' || t->str[k] == '\r' || t->str[k] == '\n'))
				k++;
			gboolean ended = i > 0 && strchr (".;!:", t->str[i - 1]) != NULL;
			t->str[i] =
				!ended && k < t->len && g_ascii_islower (t->str[k]) ? ' ' : '\n';
		} else if (c == ';' || c == '!' ||
			   (c == '.' && (i + 1 == t->len || t->str[i + 1] == ' '))) {
			t->str[i] = '\n';
		}
	}
	return g_string_free (t, FALSE);
}

guint
st_contact_list_add_remark (
	StContactList *list, const char *text, StContactScope scope, const char *source)
{
	guint added = 0;

	g_return_val_if_fail (list != NULL && text != NULL, 0);

	g_autofree char *t = remark_sentences (text);
	g_auto (GStrv) sentences = g_strsplit (t, "\n", -1);
	for (guint s = 0; sentences[s] != NULL; s++) {
		g_autoptr (GString) topic = g_string_new (NULL);
		remark_split (sentences[s], NULL, topic);
		if (!contains_any (topic->str, remark_topics, G_N_ELEMENTS (remark_topics)))
			continue;
		/* the topic is the sentence's; "not to x" only its clause's */
		g_auto (GStrv) clauses = g_strsplit (sentences[s], ",", -1);
		for (guint k = 0; clauses[k] != NULL; k++) {
			g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
			g_autoptr (GString) rest = g_string_new (NULL);
			remark_split (clauses[k], found, rest);
			if (contains_any (
				    rest->str, remark_negations, G_N_ELEMENTS (remark_negations)))
				continue;
			for (guint i = 0; i < found->len; i++) {
				const char *address = found->pdata[i];
				if (!st_contact_address_usable (address, NULL))
					continue;
				StContact *c = st_contact_new (
					address, scope, source, ST_CONFIDENCE_MEDIUM, "abuse");
				st_contact_set_note (
					c, "named for abuse reports in a remark of the record");
				st_contact_list_take (list, c);
				added++;
			}
		}
	}
	return added;
}

char *
st_contact_reserved_address (const char *text)
{
	StIp ip;
	const char *range = NULL;

	g_return_val_if_fail (text != NULL, NULL);
	if (!st_ip_parse (text, -1, &ip) || st_ip_scope (&ip, &range) == ST_IP_SCOPE_PUBLIC)
		return NULL;
	return g_strdup_printf ("reserved: nobody to tell (%s is %s)", text,
		range != NULL ? range : "a special-purpose address");
}

/* AS numbers that nobody holds, by RFC. */
static const struct {
	guint32 first, last;
	const char *what;
} reserved_autnums[] = {
	{ 0, 0, "AS 0, which marks none (RFC 7607)" },
	{ 23456, 23456, "AS_TRANS (RFC 6793)" },
	{ 64496, 64511, "for documentation (RFC 5398)" },
	{ 64512, 65534, "private use (RFC 6996)" },
	{ 65535, 65535, "reserved (RFC 7300)" },
	{ 65536, 65551, "for documentation (RFC 5398)" },
	{ 4200000000u, 4294967294u, "private use (RFC 6996)" },
	{ 4294967295u, 4294967295u, "reserved (RFC 7300)" },
};

char *
st_contact_reserved_autnum (guint32 asn)
{
	for (gsize i = 0; i < G_N_ELEMENTS (reserved_autnums); i++)
		if (asn >= reserved_autnums[i].first && asn <= reserved_autnums[i].last)
			return g_strdup_printf ("reserved: nobody to tell (AS%" G_GUINT32_FORMAT
						" is %s)",
				asn, reserved_autnums[i].what);
	return NULL;
}

void
st_contact_to_json (StJson *j, const StContact *c)
{
	g_return_if_fail (j != NULL && c != NULL);
	st_json_begin_object (j);
	st_json_member_str (j, "address", c->address);
	st_json_member_str (j, "scope", st_contact_scope_name (c->scope));
	st_json_member_str (j, "confidence", st_contact_confidence_name (c->confidence));
	st_json_member_str (j, "role", c->role);
	st_json_member_str (j, "source", c->source);
	st_json_member_str_or_null (j, "note", c->note);
	st_json_end_object (j);
}
