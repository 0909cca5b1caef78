/* lookups.h - the lookups of a spamtrace-report run, as [lookups] and the options ask: the DNSBL
 * zones (RFC 5782) and the StLookup that asks DNS, RDAP and whois. */
#ifndef ST_LOOKUPS_H
#define ST_LOOKUPS_H

#include <glib.h>

#include "lookup.h"
#include "settings.h"

G_BEGIN_DECLS

/* The options that override [lookups]; NULL where none was given. */
typedef struct {
	GStrv whois_servers; /* --whois-server NAME=HOST:PORT, after the config's */
	const char *dns_server;
	const char *rdap_bootstrap;
	gboolean no_cache;
} StReportLookupOptions;

/* The zones of @opt_dnsbl (--dnsbl), or else of the config, none empty,
 * into *@out (NULL when none). 0, or the exit status for a zone that is
 * no domain name (64 from the option, 78 from the config). */
int st_report_dnsbl_zones (const StSettings *settings, GStrv opt_dnsbl, GStrv *out);

/* The lookups, asking where [lookups] and @opt say, into *@out. 0, or the
 * exit status when an override or the DNS server does not parse (64) or
 * the bootstrap files we ship cannot be found or read (72). */
int st_report_open_lookup (
	const StSettings *settings, const StReportLookupOptions *opt, StLookup **out);

G_END_DECLS

#endif
