/* asn.h - the AS that announces an address, its prefix and country, as IP-to-ASN DNS zones say.
 * Team Cymru's interface (origin.ZONE, origin6.ZONE, ASn.ZONE TXT records); RFC 1035 3.3.14. */
#ifndef ST_ASN_H
#define ST_ASN_H

#include <glib.h>

#include "ip.h"

G_BEGIN_DECLS

/* The zone asked when the config names none. */
#define ST_ASN_ZONE_DEFAULT "asn.cymru.com"

/* Strings owned, NULL when unknown. */
typedef struct {
	guint32 asn;    /* 0: unknown */
	char *prefix;   /* the announced prefix, "216.90.108.0/24" */
	char *country;  /* ISO 3166 alpha-2, upper case */
	char *registry; /* "arin", "ripencc", … */
	char *name;     /* the AS's name, "TEAM-CYMRU - Team Cymru Inc., US" */
} StAsnInfo;

void st_asn_info_clear (StAsnInfo *info);

/* The question for @ip under @zone: "4.3.2.1.origin.ZONE" for IPv4, the
 * 32 nibbles of IPv6 under "origin6.ZONE". A new string. */
char *st_asn_origin_query (const StIp *ip, const char *zone);

/* "AS23028.ZONE". A new string. */
char *st_asn_name_query (guint32 asn, const char *zone);

/* Reads an origin TXT record, "23028 | 216.90.108.0/24 | US | arin |
 * 1998-09-25" (several AS numbers before the first bar: the first is
 * taken), into @out. FALSE, @out untouched, when it is not of that form:
 * an AS number from 1 to 4294967295, a prefix that parses, a country of
 * two letters (or none). */
gboolean st_asn_parse_origin (const char *txt, StAsnInfo *out);

/* The name in an AS TXT record, "23028 | US | arin | 2002-01-04 |
 * TEAM-CYMRU - Team Cymru Inc., US", when its number is @asn; printable
 * ASCII only, at most 96 bytes. NULL otherwise. A new string. */
char *st_asn_parse_name (const char *txt, guint32 asn);

G_END_DECLS

#endif
