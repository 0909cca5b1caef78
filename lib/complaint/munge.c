/* munge.c - the user's own addresses hidden in the copy of a spam, as "[recipient]".
 * RFC 5321 section 4.1.2 (the mailbox), RFC 3986 section 2.1 (%40 for the @). */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "munge.h"

/* RFC 5321 caps a local part at 64 octets and a domain at 255: no mailbox
 * of the set is longer, so no longer run is looked at. */
#define LOCAL_MAX 64
#define DOMAIN_MAX 255

GHashTable *
st_munge_set_new (const char *const *hide)
{
	GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	for (const char *const *a = hide; a != NULL && *a != NULL; a++) {
		const char *at = strchr (*a, '@');
		/* a mailbox: something on both sides of its @ */
		if (at == NULL || at == *a || at[1] == '\0')
			continue;
		g_hash_table_add (set, g_ascii_strdown (*a, -1));
	}
	return set;
}

static gboolean
is_local_char (char c)
{
	return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL);
}

static gboolean
is_domain_char (char c)
{
	return (st_domain_char ((guchar)c) &
		       (ST_DOMAIN_CHAR_LDH | ST_DOMAIN_CHAR_DOT | ST_DOMAIN_CHAR_HYPHEN)) != 0;
}

/* At @p (an @ or a %40 of @at_len bytes) in @text: the length of the text
 * from *@start to the end of the domain that is a mailbox of @set, or 0. */
static gsize
match_at (const char *text, const char *p, gsize at_len, GHashTable *set, const char **start)
{
	const char *l = p, *d = p + at_len;
	char key[LOCAL_MAX + 1 + DOMAIN_MAX + 1];
	gsize nl, nd;

	while (l > text && (gsize)(p - l) < LOCAL_MAX && is_local_char (l[-1]))
		l--;
	for (nd = 0; nd <= DOMAIN_MAX && is_domain_char (d[nd]); nd++)
		;
	if (nd == 0 || nd > DOMAIN_MAX || p == l)
		return 0;
	/* a sentence's full stop is no part of the domain */
	while (nd > 0 && d[nd - 1] == '.')
		nd--;
	nl = (gsize)(p - l);
	for (gsize i = 0; i < nl; i++)
		key[i] = g_ascii_tolower (l[i]);
	key[nl] = '@';
	for (gsize i = 0; i < nd; i++)
		key[nl + 1 + i] = g_ascii_tolower (d[i]);
	key[nl + 1 + nd] = '\0';
	/* the longest local part first: "x+alice@" may be a mailbox itself;
	 * a shorter one only after a sign ("x+alice@" hides "alice@", but
	 * "malice@" is somebody else) */
	for (gsize i = 0; i < nl; i++)
		if ((i == 0 || !g_ascii_isalnum (l[i - 1])) &&
			g_hash_table_contains (set, key + i)) {
			*start = l + i;
			return (gsize)(d + nd - *start);
		}
	return 0;
}

char *
st_munge (const char *text, GHashTable *set)
{
	GString *out;
	const char *done, *p;

	g_return_val_if_fail (text != NULL, NULL);
	if (set == NULL || g_hash_table_size (set) == 0)
		return g_strdup (text);
	out = g_string_sized_new (strlen (text));
	done = text;
	for (p = text; *p != '\0'; p++) {
		gsize at_len = *p == '@' ? 1 : (p[0] == '%' && p[1] == '4' && p[2] == '0') ? 3 : 0;
		const char *start = NULL;
		gsize n;
		if (at_len == 0 || (n = match_at (text, p, at_len, set, &start)) == 0 ||
			start < done)
			continue;
		g_string_append_len (out, done, start - done);
		g_string_append (out, "[recipient]");
		done = start + n;
		p = done - 1;
	}
	g_string_append (out, done);
	return g_string_free (out, FALSE);
}
