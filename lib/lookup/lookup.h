/* lookup.h - who runs an address, an AS or a domain: cache, then RDAP, whois and abuse.net,
 * each failure said. RFC 9224 (bootstrap), RFC 7480 section 5.5 (429), RFC 3912 (whois),
 * RFC 9110 section 15.5.5. */
#ifndef ST_LOOKUP_H
#define ST_LOOKUP_H

#include <glib.h>

#include "asn.h"
#include "contact.h"
#include "dns.h"
#include "json-write.h"

G_BEGIN_DECLS

/* Every field may be left zero. Strings are borrowed for the call to st_lookup_new. */
typedef struct {
	const char *dns_server;     /* "HOST:PORT" (numeric host); NULL: /etc/resolv.conf */
	const char *rdap_bootstrap; /* directory of the IANA files; NULL: ours */
	/* "NAME=HOST:PORT", NULL-terminated: whenever server NAME would be
	 * asked (a whois server, or the host of an RDAP URL, which is then
	 * asked over plain http), HOST:PORT is asked instead. */
	const char *const *overrides;
	const char *cache_path; /* NULL: st_cache_default_path () */
	gboolean offline;       /* make no lookup at all */
	gboolean no_cache;      /* neither read nor write the cache */
	/* Answers from the cache only: no server is ever asked, no socket
	 * opened. What the cache lacks is a failure ("not in the cache"),
	 * never "no contact". Excludes no_cache; offline wins over it. */
	gboolean cache_only;
	guint budget_ms;  /* all of one st_lookup_*_contacts call (0: 60000) */
	guint timeout_ms; /* one server's answer (0: 10000) */
} StLookupOptions;

typedef struct _StLookup StLookup;

/* How long an RDAP server that answered 429 (or 503 with a Retry-After) is
 * left alone: what its Retry-After asked for, at least ST_LOOKUP_PAUSE_MIN
 * (a server asking for less would be asked again within the same batch of
 * mail) and at most ST_LOOKUP_PAUSE_MAX seconds (a typo in the server's
 * date must not silence it for a year); ST_LOOKUP_RATE_LIMIT_PAUSE when a
 * 429 names no time. */
#define ST_LOOKUP_RATE_LIMIT_PAUSE 300
#define ST_LOOKUP_PAUSE_MIN 60
#define ST_LOOKUP_PAUSE_MAX 86400

/* The breaker: a service (the DNS server, one RDAP host, one whois server)
 * that gives no answer at all (a timeout, no connection) this many times
 * in a row is not asked again by this StLookup, for the rest of the
 * process: each question it would have had fails at once, saying so, and
 * the callers fall back on what they do offline. An answer, even "no such
 * object" or an HTTP error, starts the count again. In memory only: the
 * next run asks again. */
#define ST_LOOKUP_BREAKER_FAILURES 3

/* ST_ERROR_CONFIG when an override or the DNS server does not parse, the
 * bootstrap files cannot be loaded (they are not read with offline or
 * cache_only, which ask no server), or cache_only comes with no_cache. A cache that cannot be
 * opened is not an error: the lookups go on without it and st_lookup_failures says so. */
StLookup *st_lookup_new (const StLookupOptions *options, GError **error);
void st_lookup_free (StLookup *lookup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StLookup, st_lookup_free)

/* The contacts for the network holding @ip (text form): from the cache
 * (with the reverse DNS of @ip, for st_lookup_ptr_name), or
 * RDAP (bootstrap, redirects between registries followed), then whois when
 * RDAP gives no usable contact (the registry's server, or whois.iana.org's
 * referral, then ReferralServer), then abuse.net for the registrable domain
 * of the address's PTR name when its A/AAAA records confirm it (an
 * unconfirmed name is whatever the network's owner wrote). A whole answer
 * (no source failed) is cached, an empty one for a shorter time.
 * Contacts are appended to @out (scope network; source the RDAP URL that
 * answered, the whois server's name, or "abuse.net (DOMAIN.contacts.abuse.net)").
 * Returns TRUE when at least one source answered, even with no contact; FALSE with
 * ST_ERROR_NETWORK when none did (offline, and a cache_only miss, included), ST_ERROR_USAGE when
 * @ip is not an address. Either way st_lookup_failures () lists what failed:
 * an empty @out with failures means "not known", never "no contact". */
gboolean st_lookup_address_contacts (
	StLookup *lookup, const char *ip, StContactList *out, GError **error);

/* The same for @domain: the registrar's abuse contact (scope registrar) and
 * the domain's own (scope domain) via RDAP, whois through whois.iana.org's
 * referral when RDAP fails, and abuse.net (scope domain). */
gboolean st_lookup_domain_contacts (
	StLookup *lookup, const char *domain, StContactList *out, GError **error);

/* The same for the AS number @asn (the autnum): RDAP (bootstrap asn.json,
 * redirects between registries followed), then whois when RDAP gives no
 * usable contact (the answer's port43, the registry the bootstrap names,
 * or whois.iana.org's referral; asked "AS64500", ARIN "a + AS64500"). No
 * abuse.net: it knows domains only. Cached as the addresses are. Contacts
 * have scope network and the RDAP URL or whois server as source. TRUE
 * when a source answered; FALSE with ST_ERROR_NETWORK when none did
 * (offline and a cache_only miss included). */
gboolean st_lookup_autnum_contacts (
	StLookup *lookup, guint32 asn, StContactList *out, GError **error);

/* What failed during the last st_lookup_*_contacts call, one line each,
 * naming the source: "rdap https://rdap.db.ripe.net/ip/193.0.6.139: rate
 * limited (HTTP 429); not asked again for 120 s". A 429 (or a 503 with a
 * Retry-After) is never retried within the budget, and the server is left
 * alone, in every process sharing the cache, for the pause above; a 503
 * without one is an ordinary failure. Borrowed, valid until the next call. */
const GPtrArray *st_lookup_failures (const StLookup *lookup);

/* The services the breaker stopped asking, in the order they were
 * stopped, one string each, for the reader: "the DNS server 127.0.0.1:53",
 * "the DNS servers of /etc/resolv.conf", "the RDAP server rdap.arin.net",
 * "the whois server whois.ripe.net". Borrowed; it only grows, so a caller
 * may tell each once by remembering how many it has told. */
const GPtrArray *st_lookup_stopped (const StLookup *lookup);

/* The addresses (A and AAAA, canonical text, appended to @out as new
 * strings) of @host, the web server a spam links to, from the cache or DNS
 * (cached when both types answered). TRUE when DNS answered, even with
 * none; FALSE with ST_ERROR_NETWORK when it did not (offline, or not in
 * the cache with cache_only, included); st_lookup_failures () says why. */
gboolean st_lookup_host_addresses (
	StLookup *lookup, const char *host, GPtrArray *out, GError **error);

/* What one DNSBL said about an address. */
typedef struct {
	char *zone;         /* as given */
	StDnsStatus status; /* POSITIVE: listed; NEGATIVE: not listed; FAILED: not known */
	GPtrArray *codes;   /* char*: "127.0.0.2", …, in numeric order; empty unless listed */
	char *error;        /* FAILED: why; NULL otherwise */
} StDnsblResult;

void st_dnsbl_result_free (StDnsblResult *result);

/* "listed", "not listed", "failed": for the reader, never "negative". */
const char *st_dnsbl_status_name (StDnsStatus status);

/* Writes @results (StDnsblResult *; NULL is none) as a JSON array of
 * {"zone", "status" (as st_dnsbl_status_name), "codes": […], "error"}. */
void st_dnsbl_results_json (StJson *j, const GPtrArray *results);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDnsblResult, st_dnsbl_result_free)

/* Whether each DNSBL of @zones (NULL-terminated domain names) lists @ip
 * (RFC 5782): one StDnsblResult per zone appended to @out (which must free
 * them with st_dnsbl_result_free), in the order of @zones, whatever
 * happened. From the cache, or DNS: a listing and a "not listed" are
 * cached for a short while (each its own), a failed question never, so a
 * failure is never read back as "not listed". TRUE when at least one zone
 * answered; FALSE with ST_ERROR_NETWORK when none did (offline, cache_only
 * misses and the budget included: each zone then says why),
 * ST_ERROR_USAGE, with nothing appended, when @ip is not an address or a
 * zone not a domain name. */
gboolean st_lookup_dnsbl (
	StLookup *lookup, const char *ip, const char *const *zones, GPtrArray *out, GError **error);

/* The AS that announces @ip, its prefix, country and name, from the
 * IP-to-ASN zone @zone (Team Cymru's layout, e.g. ST_ASN_ZONE_DEFAULT):
 * TXT records of origin.ZONE (origin6.ZONE for IPv6), then ASn.ZONE. From
 * the cache ("asn ZONE IP", the DNS kind's time to live), or DNS; a
 * failure is never cached. TRUE when the zone answered: @out filled, or
 * left zero when it knows no AS for @ip; FALSE with ST_ERROR_NETWORK when
 * it did not (offline and cache-only misses included), ST_ERROR_USAGE when
 * @ip is not an address or @zone not a domain name. Clear @out with
 * st_asn_info_clear. */
gboolean st_lookup_origin_as (
	StLookup *lookup, const char *ip, const char *zone, StAsnInfo *out, GError **error);

/* The PTR name of the address of the last st_lookup_address_contacts call
 * and whether its A/AAAA records confirm it; NULL when there is none or
 * DNS failed. Borrowed. */
const char *st_lookup_ptr_name (const StLookup *lookup, gboolean *confirmed);

G_END_DECLS

#endif
