/* ours.h - the names of the fields we write (X-Spamtrace-*), and which names are ours.
 * RFC 5322 section 3.6.8 (optional fields), section 2.2 (names are case-insensitive). */
#ifndef ST_OURS_H
#define ST_OURS_H

#include <glib.h>

G_BEGIN_DECLS

/* The prefix of our field names, and its length. */
#define ST_OURS_PREFIX "X-Spamtrace-"
#define ST_OURS_PREFIX_LEN (sizeof ST_OURS_PREFIX - 1)

/* Every field we write, in the order the filter writes them. */
typedef enum {
	ST_OURS_VERSION,
	ST_OURS_ORIGIN,
	ST_OURS_TRUST,
	ST_OURS_SUSPECT,
	ST_OURS_FORGED,
	ST_OURS_INSECURE,
	ST_OURS_AUTH,
	ST_OURS_SOURCE,
	ST_OURS_RENAMED,
	ST_OURS_ERROR,
	ST_OURS_ADVERTISES,
	ST_OURS_ABUSE,
	ST_OURS_RDNS,
	ST_OURS_DNSBL,
	ST_OURS_LOOKUPS,
	ST_OURS_FOLDED_START,
	ST_OURS_N, /* not a field */
} StOurs;

/* "X-Spamtrace-Origin" for ST_OURS_ORIGIN. */
const char *st_ours_name (StOurs field);

/* Whether the field name @name (@len bytes, or NUL-terminated when < 0)
 * starts with our prefix, in any case: a field someone may have written
 * to pass for ours. */
gboolean st_ours_is (const char *name, gssize len);

G_END_DECLS

#endif
