/* domain.h - host names: registrable domains (the Public Suffix List) and name patterns.
 * RFC 1034 section 3.1; https://publicsuffix.org through Debian's libpsl. */
#include "config.h"

#include <libpsl.h>
#include <string.h>

#include "domain.h"
#include "ip.h"

char *
st_domain_registrable (const char *host)
{
	const psl_ctx_t *psl = psl_builtin ();
	StIp ip;

	if (host == NULL || host[0] == '\0' || st_ip_parse (host, -1, &ip))
		return NULL;
	g_autofree char *lower = g_ascii_strdown (host, -1);
	gsize n = strlen (lower);
	while (n > 0 && lower[n - 1] == '.')
		lower[--n] = '\0';
	if (psl == NULL)
		return NULL;
	const char *reg = psl_registrable_domain (psl, lower);
	return reg != NULL ? g_strdup (reg) : NULL;
}

/* The characters of a name, one class each (RFC 1123 section 2.1, RFC
 * 2181 section 11 for '_'); every other byte is 0. */
#define LDH ST_DOMAIN_CHAR_LDH
static const guint8 name_class[256] = {
	['0' ... '9'] = LDH,
	['A' ... 'Z'] = LDH,
	['a' ... 'z'] = LDH,
	['-'] = ST_DOMAIN_CHAR_HYPHEN,
	['_'] = ST_DOMAIN_CHAR_UNDERSCORE,
	['.'] = ST_DOMAIN_CHAR_DOT,
};
#undef LDH

guint
st_domain_char (guchar c)
{
	return name_class[c];
}

gboolean
st_domain_chars_only (const char *s, guint allowed)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((name_class[(guchar)*p] & allowed) == 0)
			return FALSE;
	return TRUE;
}

gboolean
st_domain_name_valid (const char *name, guint flags)
{
	gsize len = name != NULL ? strlen (name) : 0;
	gsize label = 0;
	guint8 allowed = ST_DOMAIN_CHAR_LDH | ST_DOMAIN_CHAR_HYPHEN |
			 ((flags & ST_DOMAIN_NAME_UNDERSCORE) ? ST_DOMAIN_CHAR_UNDERSCORE : 0);

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		guint8 c = name_class[(guchar)name[i]];
		if (name[i] == '.') {
			if (label == 0 || name[i - 1] == '-')
				return FALSE;
			label = 0;
		} else if ((c & allowed) == 0 || ++label > 63 ||
			   (label == 1 && (c & ST_DOMAIN_CHAR_HYPHEN))) {
			return FALSE;
		}
	}
	return label > 0 && name[len - 1] != '-';
}

gboolean
st_domain_within (const char *host, const char *domain)
{
	gsize h = strlen (host), d = strlen (domain);

	while (h > 0 && host[h - 1] == '.')
		h--;
	while (d > 0 && domain[d - 1] == '.')
		d--;
	if (d == 0 || h < d)
		return FALSE;
	if (g_ascii_strncasecmp (host + h - d, domain, d) != 0)
		return FALSE;
	return h == d || host[h - d - 1] == '.';
}

gboolean
st_domain_glob (const char *glob, const char *host)
{
	const char *g = glob, *h = host;
	const char *star = NULL, *mark = NULL;

	while (*h != '\0') {
		if (*g == '*') {
			star = g++;
			mark = h;
		} else if (*g != '\0' && g_ascii_tolower (*g) == g_ascii_tolower (*h)) {
			g++;
			h++;
		} else if (star != NULL) {
			g = star + 1;
			h = ++mark;
		} else {
			return FALSE;
		}
	}
	while (*g == '*')
		g++;
	return *g == '\0';
}
