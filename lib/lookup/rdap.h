/* rdap.h - RDAP: fetching an answer, and the contacts and network it names.
 * RFC 7480 section 4, RFC 9083 sections 4-6, RFC 7095, RFC 9537, ICANN gTLD RDAP profile 2.4. */
#ifndef ST_RDAP_H
#define ST_RDAP_H

#include <glib.h>

#include "contact.h"

G_BEGIN_DECLS

typedef enum {
	ST_RDAP_KIND_IP_NETWORK = 0,
	ST_RDAP_KIND_AUTNUM,
	ST_RDAP_KIND_DOMAIN,
	ST_RDAP_KIND_NAMESERVER,
	ST_RDAP_KIND_ENTITY,
	ST_RDAP_KIND_SEARCH, /* domainSearchResults, entitySearchResults, … */
} StRdapKind;

/* Strings are owned and NULL when the answer does not carry them. */
typedef struct {
	StRdapKind kind;
	char *handle;
	char *name; /* network or AS name; ldhName for domains and nameservers */
	char *country;
	char *start_address, *end_address; /* IP networks */
	char *parent_handle;
	guint32 start_autnum, end_autnum; /* autnums; 0 otherwise */
	char *registrar;                  /* domains: the registrar entity's name ("fn") */
	char *registrar_iana_id;          /* domains: publicIds "IANA Registrar ID" */
	char *port43;                     /* the whois server of the same registry */
	/* Every usable address, deduplicated. Scope: network for IP networks,
	 * autnums and entities; registrar for the registrar entity and what it
	 * contains; domain for the other entities of a domain or nameserver. */
	StContactList *contacts;
	/* Addresses seen but not usable (redacted, placeholders): note = reason. */
	StContactList *rejected;
} StRdapResult;

/* Parses one RDAP answer (@len bytes, or NUL-terminated when @len < 0).
 * @source (may be NULL) is the URL it came from and becomes each contact's
 * source. Fails with ST_ERROR_NETWORK when the text is longer than
 * ST_RDAP_MAX_ANSWER or nests deeper than ST_JSON_MAX_DEPTH (it is measured
 * before the JSON parser sees it), when it is not JSON, when it is
 * an RDAP error answer (errorCode, RFC 9083 section 6; the message quotes
 * the code and title), or when it holds no object we can read. */
StRdapResult *st_rdap_parse (const char *json, gssize len, const char *source, GError **error);
void st_rdap_result_free (StRdapResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StRdapResult, st_rdap_result_free)

/* The contact to send an abuse complaint to: for domains and nameservers
 * the registrar's (or, for a reverse-DNS domain, its network's), otherwise
 * the network's; never a registrant's. NULL when there is none, and for
 * search results, which name many parties. Borrowed. */
const StContact *st_rdap_result_abuse (const StRdapResult *result);

/* The longest RDAP answer read, and parsed, in bytes: ARIN entity searches
 * run to 400 kB. */
#define ST_RDAP_MAX_ANSWER (1024 * 1024)

/* Where an URL leads: the URL to ask, and whether any address may be
 * connected to (the user's own choice: an override), or public ones only. */
typedef struct {
	char *url; /* a new string */
	gboolean any_address;
	/* owned; not NULL: the addresses of @url's host (from the lookups'
	 * own DNS server), handed to libcurl, which asks no resolver */
	GPtrArray *addresses;
} StRdapTarget;

/* Where the URL @url (the first asked when not @redirect, else where the
 * last answer redirected) is to be asked: fills @target, or refuses with
 * ST_ERROR_NETWORK. */
typedef gboolean (*StRdapRouteFunc) (
	const char *url, gboolean redirect, gpointer data, StRdapTarget *target, GError **error);

/* The route when nobody overrides: the first URL is the caller's (the
 * bootstrap's) and is asked as it is; a redirect is followed only over
 * https (RFC 7480 section 4.3 wants it), to a host name (see
 * st_destination_host_ok), and connects to public addresses only. */
gboolean st_rdap_route_default (
	const char *url, gboolean redirect, gpointer data, StRdapTarget *target, GError **error);

/* Fetches @url as RFC 7480 section 4 asks: GET with "Accept:
 * application/rdap+json", following at most 5 redirects (RIRs redirect to
 * one another; a relative one against the URL meant, not the URL asked),
 * each where @route (NULL: st_rdap_route_default) says; over http and
 * https only. @timeout_seconds bounds the whole exchange (0: 30 s). Returns the
 * body, NUL-terminated, whatever the HTTP status, which goes to @status;
 * @len and @effective_url (the URL meant at the last step, before @route
 * rewrote it; owned by the caller) may be NULL. @retry_after (may be NULL)
 * receives how many seconds a 429 or 503 answer asks the client to wait
 * (Retry-After, RFC 9110 section 10.2.3, in seconds or as an HTTP-date);
 * 0 for any other status, and when the answer names no time to come (none,
 * "0", a date gone by, or one that does not parse). ST_ERROR_NETWORK when
 * no answer arrives or it is longer than ST_RDAP_MAX_ANSWER. */
char *st_rdap_fetch_routed (const char *url, guint timeout_seconds, StRdapRouteFunc route,
	gpointer data, gsize *len, long *status, char **effective_url, guint *retry_after,
	GError **error);

/* st_rdap_fetch_routed with the default route. */
char *st_rdap_fetch (const char *url, guint timeout_seconds, gsize *len, long *status,
	char **effective_url, guint *retry_after, GError **error);

/* st_rdap_fetch, then st_rdap_parse with the effective URL as source. An
 * HTTP error status gives the RDAP error the body carries, or a
 * ST_ERROR_NETWORK error quoting the status when the body is not RDAP. */
StRdapResult *st_rdap_lookup (const char *url, guint timeout_seconds, GError **error);

/* "ip network", "autnum", "domain", … */
const char *st_rdap_kind_name (StRdapKind kind);

G_END_DECLS

#endif
