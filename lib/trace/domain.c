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
