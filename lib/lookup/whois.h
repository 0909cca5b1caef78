/* whois.h - whois: asking a server, and the contacts and referrals its answer names.
 * RFC 3912, RFC 2622 sections 2-3 (RPSL as the RIRs write it), ICANN 2013 RAA RDDS spec. */
#ifndef ST_WHOIS_H
#define ST_WHOIS_H

#include <gio/gio.h>
#include <glib.h>

#include "contact.h"

G_BEGIN_DECLS

/* Strings are owned and NULL when the answer does not carry them. */
typedef struct {
	StContactScope scope; /* the scope given to st_whois_parse */
	/* Every usable address, deduplicated. Registrar abuse lines are in
	 * the registrar scope, gTLD Registrant/Admin/Tech lines in the domain
	 * scope, everything else in the scope given. */
	StContactList *contacts;
	/* Addresses seen but not usable (redacted, placeholders): note = reason. */
	StContactList *rejected;
	/* Where to ask next: ARIN "ReferralServer:", IANA "refer:" and "whois:",
	 * thin-registry "Registrar WHOIS Server:". Never the server asked. */
	char *referral_host;
	guint referral_port;      /* 43 unless the referral names a port */
	gboolean referral_rwhois; /* an rwhois:// referral (RFC 2167) */
	char *netname;            /* first netname / NetName / [Network Name] */
	char *country;            /* first country / Country */
	char *range;              /* first inetnum / inet6num / NetRange / IPv4 Address */
} StWhoisResult;

/* Parses the answer @text (@len bytes, or NUL-terminated when @len < 0) that
 * @server (may be NULL; becomes each contact's source) gave to a query about
 * a party in @scope; only its first ST_WHOIS_MAX_ANSWER bytes, in time
 * linear in them. Any text gives a result, empty when nothing is found:
 * a whois answer is free text and a truncated one is still data. */
StWhoisResult *st_whois_parse (
	const char *text, gssize len, const char *server, StContactScope scope);
void st_whois_result_free (StWhoisResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StWhoisResult, st_whois_result_free)

/* The contact to send an abuse complaint to: the registrar's when the answer
 * names a registrar abuse contact, otherwise the best in the scope given.
 * NULL when there is none. Borrowed. */
const StContact *st_whois_result_abuse (const StWhoisResult *result);

/* The question to send @server about @object, following each server's
 * documented syntax: ARIN wants "n + 192.0.2.1" for the network with its
 * contacts, JPNIC "/e" for English, DENIC "-T dn,ace". Owned by the caller. */
char *st_whois_question (const char *server, const char *object);

/* The longest answer read; the rest is dropped and *@truncated set. */
#define ST_WHOIS_MAX_ANSWER (1024 * 1024)

/* Asks @host on TCP @port (43 when 0) the RFC 3912 question @question and
 * returns the whole answer, NUL-terminated, its length in @len (may be NULL).
 * @timeout_seconds bounds the connect and each read (0: GIO's default).
 * ST_ERROR_USAGE when @question holds CR or LF; ST_ERROR_NETWORK when the
 * server cannot be reached or drops the connection with an error. */
char *st_whois_query (const char *host, guint port, const char *question, guint timeout_seconds,
	GCancellable *cancellable, gsize *len, gboolean *truncated, GError **error);

G_END_DECLS

#endif
