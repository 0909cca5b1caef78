/* asn.c - the AS that announces an address, its prefix and country, as IP-to-ASN DNS zones say.
 * Team Cymru's TXT layout, fields split by '|'; the reversed name as RFC 5782 section 2.1, 2.4. */
#include "config.h"

#include <string.h>

#include "asn.h"
#include "dns.h"

#define MAX_NAME 96

void
st_asn_info_clear (StAsnInfo *info)
{
	g_free (info->prefix);
	g_free (info->country);
	g_free (info->registry);
	g_free (info->name);
	memset (info, 0, sizeof *info);
}

char *
st_asn_origin_query (const StIp *ip, const char *zone)
{
	g_autofree char *below =
		g_strdup_printf ("%s.%s", ip->family == 6 ? "origin6" : "origin", zone);
	return st_dns_reverse_name (ip, below);
}

char *
st_asn_name_query (guint32 asn, const char *zone)
{
	return g_strdup_printf ("AS%" G_GUINT32_FORMAT ".%s", asn, zone);
}

static gboolean
parse_asn (const char *text, guint32 *asn)
{
	guint64 n = 0;
	if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) ||
		!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &n, NULL))
		return FALSE;
	*asn = (guint32)n;
	return TRUE;
}

gboolean
st_asn_parse_origin (const char *txt, StAsnInfo *out)
{
	g_auto (GStrv) f = g_strsplit (txt, "|", -1);
	guint32 asn = 0;
	StCidr cidr;

	if (g_strv_length (f) < 3)
		return FALSE;
	for (guint i = 0; f[i] != NULL; i++)
		g_strstrip (f[i]);
	/* "23028 1234": announced by several; the first */
	g_auto (GStrv) numbers = g_strsplit (f[0], " ", 2);
	if (numbers[0] == NULL || !parse_asn (numbers[0], &asn))
		return FALSE;
	if (!st_cidr_parse (f[1], &cidr) || strchr (f[1], '/') == NULL)
		return FALSE;
	if (f[2][0] != '\0' &&
		(strlen (f[2]) != 2 || !g_ascii_isalpha (f[2][0]) || !g_ascii_isalpha (f[2][1])))
		return FALSE;
	st_asn_info_clear (out);
	out->asn = asn;
	out->prefix = g_strdup (f[1]);
	out->country = f[2][0] != '\0' ? g_ascii_strup (f[2], -1) : NULL;
	if (f[3] != NULL && f[3][0] != '\0' &&
		strspn (f[3], "abcdefghijklmnopqrstuvwxyz") == strlen (f[3]))
		out->registry = g_strdup (f[3]);
	return TRUE;
}

char *
st_asn_parse_name (const char *txt, guint32 asn)
{
	g_auto (GStrv) f = g_strsplit (txt, "|", 5);
	guint32 n = 0;

	if (g_strv_length (f) < 5)
		return NULL;
	if (!parse_asn (g_strstrip (f[0]), &n) || n != asn)
		return NULL;
	char *name = g_strstrip (f[4]);
	if (name[0] == '\0')
		return NULL;
	for (char *p = name; *p != '\0'; p++)
		if (!g_ascii_isprint (*p))
			*p = '?';
	return g_strndup (name, MAX_NAME);
}
