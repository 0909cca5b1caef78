/* dns.h - asking DNS: reverse names and their confirmation, DNSBLs, the abuse.net contacts.
 * RFC 1035 sections 3.3-4.1, RFC 3596 section 2.5 (ip6.arpa), RFC 5782 section 2 (DNSBL). */
#ifndef ST_DNS_H
#define ST_DNS_H

#include <glib.h>

#include "ip.h"

G_BEGIN_DECLS

/* Every answer says which of the three it is: a timeout, SERVFAIL or
 * REFUSED is FAILED and must never be read as NEGATIVE. */
typedef enum {
	ST_DNS_FAILED = 0, /* no usable answer: timeout, SERVFAIL, REFUSED, budget spent */
	ST_DNS_NEGATIVE,   /* NXDOMAIN, or the name has no record of the type */
	ST_DNS_POSITIVE,   /* records of the type (or: listed, confirmed) */
} StDnsStatus;

typedef enum {
	ST_DNS_TYPE_A = 1,
	ST_DNS_TYPE_PTR = 12,
	ST_DNS_TYPE_HINFO = 13,
	ST_DNS_TYPE_MX = 15,
	ST_DNS_TYPE_TXT = 16,
	ST_DNS_TYPE_AAAA = 28,
} StDnsType;

typedef struct {
	StDnsStatus status;
	char *error; /* FAILED: why, for the reader ("timed out asking 127.0.0.1:53"); else NULL */
	/* FAILED with no answer at all (a timeout, no connection): the server
	 * may be down. A SERVFAIL, a REFUSED or a malformed answer came from a
	 * server that is up. */
	gboolean unanswered;
	/* POSITIVE: the records as text. A, AAAA: canonical addresses; PTR:
	 * names without the final dot; MX: "PREF HOST"; TXT: one string per
	 * record, its chunks joined; HINFO: "CPU OS". Empty otherwise. */
	GPtrArray *records; /* char*, owned */
} StDnsAnswer;

void st_dns_answer_free (StDnsAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDnsAnswer, st_dns_answer_free)

/* "failed", "negative", "positive". */
const char *st_dns_status_name (StDnsStatus status);

typedef struct _StDnsResolver StDnsResolver;

/* A resolver asking @server ("HOST:PORT", "HOST" for port 53, "[V6]:PORT"),
 * or the servers of /etc/resolv.conf when NULL. Each query waits at most
 * @timeout_ms (0: 3000) per try, two tries; all queries together at most
 * @budget_ms (0: no total bound) from creation. ST_ERROR_CONFIG when @server
 * is not a HOST:PORT with a numeric host, ST_ERROR_NETWORK when c-ares
 * cannot start. */
StDnsResolver *st_dns_resolver_new (
	const char *server, guint timeout_ms, guint budget_ms, GError **error);
void st_dns_resolver_free (StDnsResolver *resolver);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDnsResolver, st_dns_resolver_free)

/* Milliseconds left of the budget; G_MAXUINT when there is no budget. */
guint st_dns_resolver_remaining (const StDnsResolver *resolver);

/* One question, no search list. @name may end in a dot. Never NULL. */
StDnsAnswer *st_dns_query (StDnsResolver *resolver, const char *name, StDnsType type);

/* "4.3.2.1.in-addr.arpa" or the 32 nibbles of ip6.arpa, without a final
 * dot; below @zone ("bl.example.net") instead of the arpa tree when @zone
 * is not NULL (RFC 5782 section 2.1, 2.4). Owned by the caller. */
char *st_dns_reverse_name (const StIp *ip, const char *zone);

/* The PTR names of @ip. */
StDnsAnswer *st_dns_ptr (StDnsResolver *resolver, const StIp *ip);

/* Forward confirmation of a PTR name: POSITIVE when the A (IPv4) or AAAA
 * (IPv6) records of @name hold @ip, NEGATIVE when they do not or there are
 * none; the records are those seen. */
StDnsAnswer *st_dns_confirm (StDnsResolver *resolver, const StIp *ip, const char *name);

/* TRUE when @name (a final dot allowed) is a domain name DNS can be asked
 * about: labels of 1 to 63 letters, digits, hyphens or underscores (some
 * DNSBL zones hold one), 253 octets at most. */
gboolean st_dns_name_valid (const char *name);

/* Whether DNSBL @zone lists @ip: POSITIVE with the 127.0.0.x codes as
 * records; NEGATIVE on NXDOMAIN (or no A record); FAILED on a timeout,
 * SERVFAIL, or an answer outside 127.0.0.0/24 (Spamhaus answers
 * 127.255.255.x to say it refuses the asker: not a listing either way). */
StDnsAnswer *st_dns_dnsbl (StDnsResolver *resolver, const StIp *ip, const char *zone);

/* The abuse.net DNS interface: the TXT records of DOMAIN.contacts.abuse.net
 * are the addresses; @registered says whether the HINFO marks a registered
 * entry (FALSE: abuse.net's default guess, or no HINFO). POSITIVE with the
 * addresses as records, NEGATIVE when abuse.net has none. */
StDnsAnswer *st_dns_abusenet (StDnsResolver *resolver, const char *domain, gboolean *registered);

G_END_DECLS

#endif
