/* blocklist.h - a DNS blocklist zone from our sightings, as rbldnsd(8) reads it.
 * RFC 5782 (DNSBL: 127.0.0.2 listed, a TXT reason); rbldnsd's combined, ip4set and ip6trie data. */
#ifndef ST_BLOCKLIST_H
#define ST_BLOCKLIST_H

#include <glib.h>

#include "sightings.h"

G_BEGIN_DECLS

/* The answers of our zone. */
#define ST_BLOCKLIST_SPAM "127.0.0.2"  /* the origin of spam we received */
#define ST_BLOCKLIST_RELAY "127.0.0.3" /* a host whose own line shows it relays insecurely */

/* The zone's text for @rows (StSightingRow *, as st_sightings_since gives
 * them): one entry per address last seen within @days before @now, a
 * relay's answer when any of its rows is an insecure relay, else a spam
 * origin's; a provider's shared server never. A combined dataset: an
 * ip4set of the IPv4 addresses and an ip6trie of the IPv6 ones, both
 * serving the base zone. @count receives the number of entries. A new
 * string. */
char *st_blocklist_format (const GPtrArray *rows, gint64 now, guint days, guint *count);

/* Writes the zone of what @s holds (st_blocklist_format) to @path,
 * replacing it whole (st_replace_file). @count (may be NULL) receives the
 * number of entries. */
gboolean st_blocklist_write (
	StSightings *s, const char *path, gint64 now, guint days, guint *count, GError **error);

G_END_DECLS

#endif
