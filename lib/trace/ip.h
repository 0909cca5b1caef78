/* ip.h - IPv4 and IPv6 addresses: parsing, RFC 5952 text form, ranges.
 * RFC 791, RFC 4291 (text forms), RFC 5952 (canonical text), RFC 6890 (special ranges). */
#ifndef ST_IP_H
#define ST_IP_H

#include <glib.h>

G_BEGIN_DECLS

/* Long enough for any IPv6 address in RFC 5952 form, plus the NUL. */
#define ST_IP_STRLEN 48

typedef struct {
	guint8 family;    /* 4 or 6; 0 for "no address" */
	guint8 bytes[16]; /* IPv4 uses the first 4 */
} StIp;

/* What an address can do on the Internet, most specific first. */
typedef enum {
	ST_IP_SCOPE_PUBLIC = 0,
	ST_IP_SCOPE_PRIVATE,    /* RFC 1918, RFC 4193 ULA, 6to4 of RFC 1918 space */
	ST_IP_SCOPE_LOOPBACK,   /* 127/8, ::1 */
	ST_IP_SCOPE_LINK_LOCAL, /* 169.254/16, fe80::/10 */
	ST_IP_SCOPE_SHARED,     /* 100.64/10 carrier-grade NAT */
	ST_IP_SCOPE_RESERVED,   /* cannot send mail on the Internet at all */
} StIpScope;

/* Parses @text (@len bytes, or NUL-terminated when @len < 0) as an address:
 * a dotted quad, an IPv6 address (an "IPv6:" prefix and a "%zone" suffix are
 * accepted and dropped), or an IPv4-mapped IPv6 address, which becomes IPv4.
 * Returns FALSE for anything else. */
gboolean st_ip_parse (const char *text, gssize len, StIp *out);

/* TRUE when @text looks like a dotted quad (four dot-separated runs of
 * digits) whether or not it is a valid address: 500.202.999.352 does. */
gboolean st_ip_looks_dotted (const char *text, gssize len);

/* Writes @ip in canonical form: a dotted quad, or RFC 5952 IPv6. */
void st_ip_format (const StIp *ip, char buf[ST_IP_STRLEN]);

/* Returns the canonical form of @text as a new string, or NULL when
 * @text is not an address. */
char *st_ip_normalize (const char *text, gssize len);

/* The range name st_ip_scope gives IPv6 outside 2000::/3 that no special
 * range covers: unassigned, yet seen on providers' internal hops. */
#define ST_IP_RANGE_UNASSIGNED "not in global unicast space"

/* Classifies @ip; @range_name, when not NULL, receives a borrowed
 * description of the matching range ("RFC 1918", "documentation", …). */
StIpScope st_ip_scope (const StIp *ip, const char **range_name);

typedef struct {
	StIp net;
	guint prefix;
} StCidr;

/* Parses "ADDR" or "ADDR/LEN"; host bits are cleared. */
gboolean st_cidr_parse (const char *text, StCidr *out);
gboolean st_cidr_contains (const StCidr *cidr, const StIp *ip);

/* Both must be of the same family; compares all bits. */
gboolean st_ip_equal (const StIp *a, const StIp *b);

G_END_DECLS

#endif
