/* bootstrap.h - which RDAP service answers for an address, an AS number or a domain.
 * RFC 9224 sections 3-5 (IANA bootstrap registries), RFC 9082 section 3.1 (query paths). */
#ifndef ST_BOOTSTRAP_H
#define ST_BOOTSTRAP_H

#include <glib.h>

#include "ip.h"

G_BEGIN_DECLS

/* The four IANA registries; the file names are IANA's. */
typedef enum {
	ST_BOOTSTRAP_DNS = 0, /* dns.json: TLD labels */
	ST_BOOTSTRAP_IPV4,    /* ipv4.json: IPv4 prefixes */
	ST_BOOTSTRAP_IPV6,    /* ipv6.json: IPv6 prefixes */
	ST_BOOTSTRAP_ASN,     /* asn.json: AS number ranges */
} StBootstrapRegistry;

#define ST_BOOTSTRAP_N_REGISTRIES 4

typedef struct _StBootstrap StBootstrap;

StBootstrap *st_bootstrap_new (void);
void st_bootstrap_free (StBootstrap *bootstrap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StBootstrap, st_bootstrap_free)

/* "dns.json", "ipv4.json", "ipv6.json", "asn.json". */
const char *st_bootstrap_file_name (StBootstrapRegistry registry);

/* Loads @registry from the JSON text @data (@len bytes, or NUL-terminated
 * when @len < 0), replacing what was loaded before. ST_ERROR_CONFIG when the
 * text is not a bootstrap file. Entries that do not parse are skipped. */
gboolean st_bootstrap_load_data (StBootstrap *bootstrap, StBootstrapRegistry registry,
	const char *data, gssize len, GError **error);

/* Loads the four files from @dir (the ones we ship when NULL: see
 * st_paths_find ()). ST_ERROR_NOT_INSTALLED when ours cannot be found,
 * ST_ERROR_IO when one cannot be read, ST_ERROR_CONFIG when one is not a
 * bootstrap file; what loaded before the failure stays loaded. */
gboolean st_bootstrap_load_dir (StBootstrap *bootstrap, const char *dir, GError **error);

/* The "publication" date of a loaded registry, or NULL. Borrowed. */
const char *st_bootstrap_publication (const StBootstrap *bootstrap, StBootstrapRegistry registry);

/* Base URLs, ending in "/", preferring https; NULL when no service covers
 * the query. Longest prefix wins for addresses, the narrowest range for AS
 * numbers, the longest label suffix for domains (given in A-label form; case
 * and a trailing dot are ignored). Borrowed: valid until the registry is reloaded. */
const char *st_bootstrap_lookup_ip (const StBootstrap *bootstrap, const StIp *ip);
const char *st_bootstrap_lookup_asn (const StBootstrap *bootstrap, guint32 asn);
const char *st_bootstrap_lookup_domain (const StBootstrap *bootstrap, const char *domain);

/* Full query URLs ("…/ip/192.0.2.1", "…/autnum/64496", "…/domain/example.com"),
 * or NULL when no service covers the query. Owned by the caller. */
char *st_bootstrap_url_ip (const StBootstrap *bootstrap, const StIp *ip);
char *st_bootstrap_url_asn (const StBootstrap *bootstrap, guint32 asn);
char *st_bootstrap_url_domain (const StBootstrap *bootstrap, const char *domain);

G_END_DECLS

#endif
