/* ip.c - IPv4 and IPv6 addresses: parsing, RFC 5952 text form, ranges.
 * RFC 791, RFC 4291 section 2.2, RFC 5952 section 4, RFC 6890 special-purpose registries. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "ip.h"

static gboolean
parse_ipv4 (const char *s, gsize len, guint8 out[4])
{
	gsize i = 0;
	for (int part = 0; part < 4; part++) {
		guint value = 0;
		gsize digits = 0;
		while (i < len && g_ascii_isdigit (s[i]) && digits < 4) {
			value = value * 10 + (guint)(s[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0 || digits > 3 || value > 255)
			return FALSE;
		out[part] = (guint8)value;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return FALSE;
			i++;
		}
	}
	return i == len;
}

gboolean
st_ip_looks_dotted (const char *text, gssize len)
{
	gsize n = len < 0 ? strlen (text) : (gsize)len;
	int parts = 1;
	gboolean digit = FALSE;

	for (gsize i = 0; i < n; i++) {
		if (g_ascii_isdigit (text[i])) {
			digit = TRUE;
		} else if (text[i] == '.' && digit) {
			parts++;
			digit = FALSE;
		} else {
			return FALSE;
		}
	}
	return parts == 4 && digit;
}

gboolean
st_ip_parse (const char *text, gssize len, StIp *out)
{
	char buf[64];
	gsize n;

	g_return_val_if_fail (text != NULL, FALSE);
	g_return_val_if_fail (out != NULL, FALSE);

	n = len < 0 ? strlen (text) : (gsize)len;
	memset (out, 0, sizeof *out);
	if (n == 0 || n >= sizeof buf)
		return FALSE;

	if (parse_ipv4 (text, n, out->bytes)) {
		out->family = 4;
		return TRUE;
	}

	/* RFC 5321 address literal tag, written by Sendmail and Postfix. */
	if (n > 5 && g_ascii_strncasecmp (text, "IPv6:", 5) == 0) {
		text += 5;
		n -= 5;
	}
	memcpy (buf, text, n);
	buf[n] = '\0';
	/* Zone ids (fe80::1%4) are local to the writer; Exchange records them. */
	char *zone = strchr (buf, '%');
	if (zone != NULL)
		*zone = '\0';
	if (strchr (buf, ':') == NULL)
		return FALSE;
	if (inet_pton (AF_INET6, buf, out->bytes) != 1) {
		memset (out, 0, sizeof *out);
		return FALSE;
	}
	out->family = 6;

	static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (memcmp (out->bytes, mapped, sizeof mapped) == 0) {
		memmove (out->bytes, out->bytes + 12, 4);
		memset (out->bytes + 4, 0, 12);
		out->family = 4;
	}
	return TRUE;
}

void
st_ip_format (const StIp *ip, char buf[ST_IP_STRLEN])
{
	g_return_if_fail (ip != NULL);

	buf[0] = '\0';
	if (ip->family == 4) {
		g_snprintf (buf, ST_IP_STRLEN, "%u.%u.%u.%u", ip->bytes[0], ip->bytes[1],
			ip->bytes[2], ip->bytes[3]);
		return;
	}
	if (ip->family != 6)
		return;

	/* RFC 5952 section 4: the longest run (the first of equals) of two or
	 * more zero groups becomes "::"; hex digits in lower case. */
	guint groups[8];
	int best = -1, best_len = 0;
	for (int i = 0; i < 8; i++)
		groups[i] = (guint)ip->bytes[2 * i] << 8 | ip->bytes[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && groups[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j == i ? i + 1 : j;
	}
	if (best_len < 2)
		best = -1;

	GString *s = g_string_sized_new (ST_IP_STRLEN);
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			g_string_append (s, "::");
			i += best_len - 1;
			continue;
		}
		if (s->len > 0 && s->str[s->len - 1] != ':')
			g_string_append_c (s, ':');
		g_string_append_printf (s, "%x", groups[i]);
	}
	g_strlcpy (buf, s->str, ST_IP_STRLEN);
	g_string_free (s, TRUE);
}

char *
st_ip_normalize (const char *text, gssize len)
{
	StIp ip;
	char buf[ST_IP_STRLEN];

	if (!st_ip_parse (text, len, &ip))
		return NULL;
	st_ip_format (&ip, buf);
	return g_strdup (buf);
}

gboolean
st_ip_equal (const StIp *a, const StIp *b)
{
	if (a->family != b->family || a->family == 0)
		return FALSE;
	return memcmp (a->bytes, b->bytes, a->family == 4 ? 4 : 16) == 0;
}

gboolean
st_cidr_parse (const char *text, StCidr *out)
{
	const char *slash;
	guint max;

	g_return_val_if_fail (text != NULL && out != NULL, FALSE);

	memset (out, 0, sizeof *out);
	slash = strchr (text, '/');
	if (!st_ip_parse (text, slash ? slash - text : -1, &out->net))
		return FALSE;
	max = out->net.family == 4 ? 32 : 128;
	out->prefix = max;
	if (slash != NULL) {
		char *end = NULL;
		guint64 v;
		if (slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
			return FALSE;
		v = g_ascii_strtoull (slash + 1, &end, 10);
		/* An IPv4-mapped network keeps its meaning as IPv4. */
		if (out->net.family == 4 && memchr (text, ':', (gsize)(slash - text)) != NULL) {
			if (v < 96 || v > 128)
				return FALSE;
			v -= 96;
		}
		if (*end != '\0' || v > max)
			return FALSE;
		out->prefix = (guint)v;
	}
	for (guint bit = out->prefix; bit < max; bit++)
		out->net.bytes[bit / 8] &= (guint8) ~(0x80u >> (bit % 8));
	return TRUE;
}

gboolean
st_cidr_contains (const StCidr *cidr, const StIp *ip)
{
	guint full, rest;

	if (cidr->net.family != ip->family)
		return FALSE;
	full = cidr->prefix / 8;
	rest = cidr->prefix % 8;
	if (memcmp (cidr->net.bytes, ip->bytes, full) != 0)
		return FALSE;
	if (rest == 0)
		return TRUE;
	guint8 mask = (guint8)(0xffu << (8 - rest));
	return (cidr->net.bytes[full] & mask) == (ip->bytes[full] & mask);
}

/* IANA special-purpose ranges (RFC 6890 and its updates). Order matters:
 * the first match decides, so narrower ranges come before wider ones. */
static const struct {
	const char *cidr;
	StIpScope scope;
	const char *name;
} special_ranges[] = {
	{ "0.0.0.0/8", ST_IP_SCOPE_RESERVED, "this network (RFC 1122)" },
	{ "10.0.0.0/8", ST_IP_SCOPE_PRIVATE, "private (RFC 1918)" },
	{ "100.64.0.0/10", ST_IP_SCOPE_SHARED, "shared address space (RFC 6598)" },
	{ "127.0.0.0/8", ST_IP_SCOPE_LOOPBACK, "loopback" },
	{ "169.254.0.0/16", ST_IP_SCOPE_LINK_LOCAL, "link-local" },
	{ "172.16.0.0/12", ST_IP_SCOPE_PRIVATE, "private (RFC 1918)" },
	{ "192.0.0.0/24", ST_IP_SCOPE_RESERVED, "IETF protocol assignments" },
	{ "192.0.2.0/24", ST_IP_SCOPE_RESERVED, "documentation (TEST-NET-1)" },
	{ "192.88.99.0/24", ST_IP_SCOPE_RESERVED, "deprecated 6to4 relay anycast" },
	{ "192.168.0.0/16", ST_IP_SCOPE_PRIVATE, "private (RFC 1918)" },
	{ "198.18.0.0/15", ST_IP_SCOPE_RESERVED, "benchmarking (RFC 2544)" },
	{ "198.51.100.0/24", ST_IP_SCOPE_RESERVED, "documentation (TEST-NET-2)" },
	{ "203.0.113.0/24", ST_IP_SCOPE_RESERVED, "documentation (TEST-NET-3)" },
	{ "224.0.0.0/4", ST_IP_SCOPE_RESERVED, "multicast" },
	{ "240.0.0.0/4", ST_IP_SCOPE_RESERVED, "reserved (class E) or broadcast" },
	{ "::/128", ST_IP_SCOPE_RESERVED, "unspecified" },
	{ "::1/128", ST_IP_SCOPE_LOOPBACK, "loopback" },
	{ "::/96", ST_IP_SCOPE_RESERVED, "deprecated IPv4-compatible" },
	{ "64:ff9b:1::/48", ST_IP_SCOPE_PRIVATE, "local-use NAT64 (RFC 8215)" },
	{ "100::/64", ST_IP_SCOPE_RESERVED, "discard-only (RFC 6666)" },
	{ "2001:db8::/32", ST_IP_SCOPE_RESERVED, "documentation" },
	{ "2001:2::/48", ST_IP_SCOPE_RESERVED, "benchmarking" },
	/* 6to4 addresses that embed private IPv4 space: Google writes its
	 * internal hops as 2002:a05:… (10.5.x.x). */
	{ "2002:a00::/24", ST_IP_SCOPE_PRIVATE, "6to4 of private (RFC 1918)" },
	{ "2002:ac10::/28", ST_IP_SCOPE_PRIVATE, "6to4 of private (RFC 1918)" },
	{ "2002:c0a8::/32", ST_IP_SCOPE_PRIVATE, "6to4 of private (RFC 1918)" },
	{ "2002:7f00::/24", ST_IP_SCOPE_RESERVED, "6to4 of loopback" },
	{ "3fff::/20", ST_IP_SCOPE_RESERVED, "documentation (RFC 9637)" },
	{ "fc00::/7", ST_IP_SCOPE_PRIVATE, "unique local (RFC 4193)" },
	{ "fe80::/10", ST_IP_SCOPE_LINK_LOCAL, "link-local" },
	{ "fec0::/10", ST_IP_SCOPE_RESERVED, "deprecated site-local" },
	{ "ff00::/8", ST_IP_SCOPE_RESERVED, "multicast" },
};

StIpScope
st_ip_scope (const StIp *ip, const char **range_name)
{
	if (range_name != NULL)
		*range_name = "";
	if (ip->family != 4 && ip->family != 6) {
		if (range_name != NULL)
			*range_name = "not an address";
		return ST_IP_SCOPE_RESERVED;
	}
	/* parsed once: the filter asks for every hop of every message */
	static StCidr parsed[G_N_ELEMENTS (special_ranges)];
	static gboolean ready;
	if (!ready) {
		for (gsize i = 0; i < G_N_ELEMENTS (special_ranges); i++)
			if (!st_cidr_parse (special_ranges[i].cidr, &parsed[i]))
				g_assert_not_reached ();
		ready = TRUE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (special_ranges); i++) {
		if (st_cidr_contains (&parsed[i], ip)) {
			if (range_name != NULL)
				*range_name = special_ranges[i].name;
			return special_ranges[i].scope;
		}
	}
	/* IPv6 outside 2000::/3 is unassigned global space. */
	if (ip->family == 6 && (ip->bytes[0] & 0xe0) != 0x20) {
		if (range_name != NULL)
			*range_name = ST_IP_RANGE_UNASSIGNED;
		return ST_IP_SCOPE_RESERVED;
	}
	return ST_IP_SCOPE_PUBLIC;
}
