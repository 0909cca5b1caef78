/* received.h - one Received: header field into the facts it records.
 * RFC 5321 section 4.4 (trace information), RFC 5322 section 3.6.7. */
#ifndef ST_RECEIVED_H
#define ST_RECEIVED_H

#include <glib.h>

G_BEGIN_DECLS

/* What kind of event a line records. */
typedef enum {
	ST_RECEIVED_RELAY,       /* a hand-over from a client at a network address */
	ST_RECEIVED_LOCAL,       /* local submission, delivery, queue or scanner step */
	ST_RECEIVED_PICKUP,      /* fetchmail, POP or IMAP collected it from a mailbox */
	ST_RECEIVED_UNPARSEABLE, /* no structure we can read */
} StReceivedKind;

/* Oddities of a line: data for the forgery checks, never errors. */
typedef enum {
	ST_RECEIVED_NO_DATE = 1 << 0,       /* no "; date" at all */
	ST_RECEIVED_BAD_DATE = 1 << 1,      /* a date that does not parse or cannot exist */
	ST_RECEIVED_INVALID_IP = 1 << 2,    /* an address-like token that is no address */
	ST_RECEIVED_MAY_BE_FORGED = 1 << 3, /* Sendmail: rDNS did not confirm */
	ST_RECEIVED_NO_BY = 1 << 4,         /* no "by" clause */
	ST_RECEIVED_UNBALANCED = 1 << 5,    /* parentheses or brackets do not close */
	ST_RECEIVED_TRUNCATED = 1 << 6,     /* too long: only the start was read */
	ST_RECEIVED_CONTROL_CHARS = 1 << 7, /* NUL or other control bytes inside */
	ST_RECEIVED_CLIENT_HIDDEN = 1 << 8, /* hop with no "from": client not recorded */
	/* the client comments give two different addresses in a dialect that
	 * does not say which is the client's: no address is taken */
	ST_RECEIVED_AMBIGUOUS_CLIENT = 1 << 9,
} StReceivedFlags;

/* Every string is non-NULL ("" when the line does not record it) and owned
 * by the struct. Field names follow SpamAssassin's X-Spam-Relays-* format
 * where it has them; doc/VIOLATIONS.md has the conventions. Only a relay has
 * a client: ip, rdns and helo are "" on other kinds, and an unparseable line
 * has every field "". */
typedef struct {
	char *raw; /* the field value, unfolded */
	StReceivedKind kind; /* ST_RECEIVED_RELAY: a hand-over, with a client */
	char *ip;   /* canonical; as written when ST_RECEIVED_INVALID_IP */
	char *rdns; /* client name as the receiver determined it */
	char *helo; /* client name as the client claimed it */
	char *ident;
	char *auth; /* ESMTPA, HTTP, Postfix, Sendmail, … */
	char *auth_user;
	char *by;
	char *by_ip; /* the receiver's own address, when it wrote one */
	char *with;
	char *via;
	char *id;
	char *for_addr;
	char *envfrom;
	char *date;          /* RFC 3339 UTC, "" when missing or unparseable */
	char *date_raw;      /* the date as written */
	gint64 time;         /* seconds since the epoch; valid when date[0] */
	const char *dialect; /* the row of the dialect table that matched */
	guint flags;         /* StReceivedFlags */
	/* the receiver looked its client up and found no name: it wrote
	 * "unknown" where the name goes (Postfix, Sendmail) */
	gboolean rdns_unknown;
} StReceived;

/* Parses one Received: field value (the text after the colon, folded or
 * not; @len < 0 for NUL-terminated). Never fails: garbage gives a result of
 * kind ST_RECEIVED_UNPARSEABLE. */
StReceived *st_received_parse (const char *value, gssize len);
void st_received_free (StReceived *r);

/* Short names of the flags set in @flags, comma-separated; a new string. */
char *st_received_flags_to_string (guint flags);

/* "relay", "local", "pickup" or "unparseable" */
const char *st_received_kind_to_string (StReceivedKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StReceived, st_received_free)

G_END_DECLS

#endif
