/* lookups.c - the lookups of a spamtrace-report run, as [lookups] and the options ask: the DNSBL
 * zones (RFC 5782) and the StLookup that asks DNS, RDAP and whois. */
#include "config.h"

#include <stdio.h>

#include "dns.h"
#include "error.h"
#include "lookups.h"
#include "run.h"

#define PROGRAM ST_REPORT_PROGRAM

int
st_report_dnsbl_zones (const StSettings *settings, GStrv opt_dnsbl, GStrv *out)
{
	GStrv zones = opt_dnsbl != NULL ? opt_dnsbl : settings->lookups.dnsbl;
	g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
	guint n = 0;

	for (char **z = zones; z != NULL && *z != NULL; z++) {
		if ((*z)[0] == '\0')
			continue;
		if (!st_dns_name_valid (*z)) {
			fprintf (stderr, PROGRAM ": %s: dnsbl zone '%s' is not a domain name\n",
				opt_dnsbl != NULL ? "--dnsbl" : settings->source, *z);
			return opt_dnsbl != NULL ? ST_EXIT_USAGE : ST_EXIT_CONFIG;
		}
		g_strv_builder_add (kept, *z);
		n++;
	}
	*out = n > 0 ? g_strv_builder_end (kept) : NULL;
	return 0;
}

int
st_report_open_lookup (const StSettings *settings, const StReportLookupOptions *opt, StLookup **out)
{
	g_autoptr (GError) error = NULL;
	/* [lookups] of the config, then the options: the last override of a name wins */
	g_autoptr (GStrvBuilder) ob = g_strv_builder_new ();
	if (settings->lookups.whois_servers != NULL)
		g_strv_builder_addv (ob, (const char **)settings->lookups.whois_servers);
	if (opt->whois_servers != NULL)
		g_strv_builder_addv (ob, (const char **)opt->whois_servers);
	g_auto (GStrv) overrides = g_strv_builder_end (ob);
	StLookupOptions lo = { 0 };
	lo.dns_server = opt->dns_server ? opt->dns_server : settings->lookups.dns_server;
	lo.rdap_bootstrap =
		opt->rdap_bootstrap ? opt->rdap_bootstrap : settings->lookups.rdap_bootstrap;
	lo.overrides = (const char *const *)overrides;
	lo.cache_path = settings->lookups.cache;
	lo.offline = settings->report.offline;
	lo.no_cache = opt->no_cache;
	*out = st_lookup_new (&lo, &error);
	if (*out == NULL) {
		fprintf (stderr, PROGRAM ": %s\n", error->message);
		/* the bootstrap files are data, not a word of the user's */
		return g_error_matches (error, ST_ERROR, ST_ERROR_NOT_INSTALLED) ||
				       g_error_matches (error, ST_ERROR, ST_ERROR_IO)
			       ? ST_EXIT_OSFILE
			       : ST_EXIT_USAGE;
	}
	return 0;
}
