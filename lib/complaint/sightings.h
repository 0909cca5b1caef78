/* sightings.h - the clearinghouse: which addresses sent us spam or relayed it insecurely, and when.
 * SQLite (https://sqlite.org), in the registry's file; RFC 5782 for what feeds on it (a DNSBL). */
#ifndef ST_SIGHTINGS_H
#define ST_SIGHTINGS_H

#include <glib.h>

#include "analysis.h"
#include "asn.h"
#include "ip.h"
#include "policy.h"

G_BEGIN_DECLS

typedef enum {
	ST_SIGHTING_ORIGIN,   /* the host that handed the spam to our servers */
	ST_SIGHTING_RELAY,    /* that host, its own line showing it relays insecurely */
	ST_SIGHTING_PROVIDER, /* a provider's or filtering service's shared server: never listed */
} StSightingKind;

/* "origin", "relay", "provider"; and back. */
const char *st_sighting_kind_to_string (StSightingKind kind);
gboolean st_sighting_kind_parse (const char *text, StSightingKind *kind);

/* One credible finding about one address in one message. */
typedef struct {
	StSightingKind kind;
	char address[ST_IP_STRLEN]; /* canonical text */
	const char *code;           /* relay: the finding's code; provider: its name; borrowed */
	int hop;                    /* the Received: line it rests on (0 the topmost) */
	gint64 seen;                /* when our own server received the message (UTC) */
} StSighting;

/* At most: the origin (or the provider), and the origin as an insecure relay. */
#define ST_SIGHTINGS_PER_MESSAGE 2

/* The sightings @a credibly shows, into @out; returns how many. @policy
 * (the one the message's complaints are planned with; NULL: none) decides
 * for the blocklist with the function the complaints ask: an address
 * st_policy_check_host_address refuses is never listed. That is stricter
 * than the origin's complaint, which is written to the user's provider
 * about an address in its shared ranges (another customer's outbound
 * server); a blocklist entry there could refuse the user's own mail. @now is
 * the clock (seconds since the epoch), for a message none of our lines
 * dates and for a date in the future.
 *
 * The address is the trust walk's origin, recorded by our own
 * line or a provider's receiving side; never a line below it; never an
 * address that cannot send mail on the Internet (loopback, private,
 * shared, reserved, documentation: st_ip_scope not public), never an
 * invalid one. The origin is also an insecure relay when its own line
 * (the one just below ours, written in the name our server found for the
 * origin in the DNS, not forged) carries an insecure-relay finding.
 * A big provider's outbound server, or a filtering service's (the walk's
 * gateway), is a provider sighting: evidence, never listed, since all its
 * customers share it. An origin whose name (as our server found it) is in
 * our server's own domain is none: most often the user's own relay, not
 * yet declared. */
guint st_sighting_list_from_analysis (const StAnalysis *a, const StPolicy *policy, gint64 now,
	StSighting out[ST_SIGHTINGS_PER_MESSAGE]);

/* When our own servers received the message of @a: the date of the
 * origin's line (which ours wrote), else of the first dated line above it;
 * never later than @now (a server clock that ran ahead); @now when none of
 * ours is dated, and then *@dated (may be NULL) is FALSE. */
gint64 st_sighting_seen_time (const StAnalysis *a, gint64 now, gboolean *dated);

/* The label of an address's network for people: "45.61.0.0/16 ISP-ONE",
 * the prefix and the AS name's handle (before " - "); NULL when @as knows
 * no prefix. A new string. */
char *st_sighting_network_label (const StAsnInfo *as);

typedef struct _StSightings StSightings;

/* $XDG_DATA_HOME/spamtrace/drafted.sqlite: the registry's file. */
char *st_sightings_default_path (void);

/* Opens the sightings table in the SQLite file at @path (NULL: the
 * default), with a connection of its own, creating the table when
 * missing. ST_ERROR_IO when the file cannot be opened, or holds a newer
 * schema than ours. */
StSightings *st_sightings_open (const char *path, GError **error);

/* Commits what was recorded, and closes. */
void st_sightings_close (StSightings *s);

/* Records @sg, seen in the message @incident (its Message-ID, or a digest
 * of its header: a message read twice counts once), whose Message-ID is
 * @message_id (may be NULL). @as is what the lookups said about its
 * network (NULL, or zero: unknown). Writes are batched: a
 * transaction is committed every second, at st_sightings_flush and
 * at close. */
gboolean st_sightings_record (StSightings *s, const StSighting *sg, const char *incident,
	const char *message_id, const StAsnInfo *as, GError **error);

gboolean st_sightings_flush (StSightings *s, GError **error);

/* One address of one kind, over every message. */
typedef struct {
	char *address;
	StSightingKind kind;
	char *code; /* the last relay finding, or the provider's name; may be NULL */
	gint64 first_seen, last_seen;
	guint count; /* messages */
	char *network, *country,
		*message_id; /* may be NULL; network as st_sighting_network_label */
	guint32 asn;         /* 0: unknown */
} StSightingRow;

void st_sighting_row_free (StSightingRow *row);

/* The rows last seen at or after @since, newest first; NULL with @error
 * when the table cannot be read. */
GPtrArray *st_sightings_since (StSightings *s, gint64 since, GError **error);

/* A draft the registry remembers (lib/complaint/registry.c's table, read
 * here only because the same file is open). */
typedef struct {
	char *incident;  /* "message-id:<…>" or "headers-sha256:…" */
	char *role;      /* "network", "relay", … or "" when unknown */
	char *recipient; /* the address it went to */
	gint64 created;
} StDraftedRow;

void st_drafted_row_free (StDraftedRow *row);

/* Every draft the registry remembers; an empty array when it has drafted
 * nothing yet. NULL with @error when its table cannot be read. */
GPtrArray *st_sightings_drafted (StSightings *s, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSightings, st_sightings_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSightingRow, st_sighting_row_free)

G_END_DECLS

#endif
