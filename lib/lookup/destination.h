/* destination.h - where a lookup may go because an answer sent it there: host names, public
 * addresses. RFC 6761 and RFC 6762 (special-use names), RFC 8375, RFC 6890 (special-use addresses),
 * RFC 3912. */
#ifndef ST_DESTINATION_H
#define ST_DESTINATION_H

#include <glib.h>

#include "ip.h"

G_BEGIN_DECLS

/* What a registry writes into its answer (an RDAP port43, a whois
 * referral, an RDAP redirect) chooses the next server asked. A hostile
 * registry, or one a spammer controls through a referral, must not make us
 * probe the loopback, the LAN or any port: so such a destination is a host
 * name, on the service's own port, resolving to public addresses only. The
 * servers the user names (--whois-server, --dns-server, the bootstrap
 * files) are the user's choice and are not checked. */

/* TRUE when an answer may send us to @host: a DNS name with a dot, not an
 * address literal, not localhost and not under a special-use or internal
 * suffix (localhost, local, internal, home.arpa, invalid, test, example,
 * onion, alt). FALSE with @why, a borrowed phrase. */
gboolean st_destination_host_ok (const char *host, const char **why);

/* TRUE when an answer may lead us to connect to @ip: a public unicast
 * address (st_ip_scope), nothing loopback, private, link-local, shared or
 * reserved. FALSE with @why, a borrowed phrase naming its kind. */
gboolean st_destination_address_ok (const StIp *ip, const char **why);

/* The whois port an answer may name: 43 (RFC 3912). */
#define ST_DESTINATION_WHOIS_PORT 43

G_END_DECLS

#endif
