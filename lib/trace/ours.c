/* ours.c - the names of the fields we write (X-Spamtrace-*), and which names are ours.
 * RFC 5322 section 3.6.8 (optional fields), section 2.2 (names are case-insensitive). */
#include "config.h"

#include <string.h>

#include "ours.h"

/* Indexed by StOurs: doc/spamtrace-filter.1 describes each. */
static const char *const names[] = {
	[ST_OURS_VERSION] = ST_OURS_PREFIX "Version",
	[ST_OURS_ORIGIN] = ST_OURS_PREFIX "Origin",
	[ST_OURS_TRUST] = ST_OURS_PREFIX "Trust",
	[ST_OURS_SUSPECT] = ST_OURS_PREFIX "Suspect",
	[ST_OURS_FORGED] = ST_OURS_PREFIX "Forged",
	[ST_OURS_INSECURE] = ST_OURS_PREFIX "Insecure",
	[ST_OURS_AUTH] = ST_OURS_PREFIX "Auth",
	[ST_OURS_SOURCE] = ST_OURS_PREFIX "Source",
	[ST_OURS_RENAMED] = ST_OURS_PREFIX "Renamed",
	[ST_OURS_ERROR] = ST_OURS_PREFIX "Error",
	[ST_OURS_ADVERTISES] = ST_OURS_PREFIX "Advertises",
	[ST_OURS_ABUSE] = ST_OURS_PREFIX "Abuse",
	[ST_OURS_RDNS] = ST_OURS_PREFIX "Rdns",
	[ST_OURS_DNSBL] = ST_OURS_PREFIX "DNSBL",
	[ST_OURS_LOOKUPS] = ST_OURS_PREFIX "Lookups",
	[ST_OURS_FOLDED_START] = ST_OURS_PREFIX "Folded-Start",
};
G_STATIC_ASSERT (G_N_ELEMENTS (names) == ST_OURS_N);

const char *
st_ours_name (StOurs field)
{
	g_return_val_if_fail (field < ST_OURS_N, NULL);
	return names[field];
}

gboolean
st_ours_is (const char *name, gssize len)
{
	gsize n = len < 0 ? strlen (name) : (gsize)len;
	return n >= ST_OURS_PREFIX_LEN &&
	       g_ascii_strncasecmp (name, ST_OURS_PREFIX, ST_OURS_PREFIX_LEN) == 0;
}
