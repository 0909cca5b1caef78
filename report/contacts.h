/* contacts.h - spamtrace-report --contacts: who to tell about an address, an AS or a domain.
 * RFC 5396 (AS numbers in asplain), RFC 5782 (DNSBLs). */
#ifndef ST_REPORT_CONTACTS_H
#define ST_REPORT_CONTACTS_H

#include <glib.h>

#include "lookup.h"

G_BEGIN_DECLS

/* Whether @what names an AS number, as "AS64500" or "as64500" (RFC 5396
 * asplain): TRUE, with the number in *@asn, or with @error set when it
 * reads as one but is written otherwise ("AS 1", "AS1.5", "AS012",
 * "AS4294967296"); FALSE, @error unset, when it does not read as one: a
 * name with a dot is a domain ("as1.example.net"), unless all after the
 * "AS" is digits and dots, which no domain is (no top-level label is
 * numeric). */
gboolean st_report_autnum_parse (const char *what, guint32 *asn, GError **error);

/* Prints what the registries say about an address, an AS number or a
 * domain (a line per contact, then the failures on stderr) and what the
 * DNSBL @zones (may be NULL) say about an address. The exit status: 0, 64
 * for a usage error, 75 when no source answered. With @json, one JSON object
 * on stdout (the contact objects of the plan, the reserved note, the DNSBL
 * answers and the failures). */
int st_report_print_contacts (StLookup *lookup, const char *what, GStrv zones, gboolean json);

G_END_DECLS

#endif
