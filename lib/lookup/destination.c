/* destination.c - where a lookup may go because an answer sent it there: host names, public
 * addresses. RFC 6761 and RFC 6762 (special-use names), RFC 8375, RFC 6890 (special-use addresses),
 * RFC 3912. */
#include "config.h"

#include <string.h>

#include "destination.h"
#include "domain.h"

/* Names that never lead to a registry on the Internet: RFC 6761 (localhost,
 * invalid, test, example), RFC 6762 (local), RFC 8375 (home.arpa), RFC 7686
 * (onion), RFC 9476 (alt), and ICANN's internal (2024). */
static const char *const special[] = {
	"localhost",
	"local",
	"internal",
	"home.arpa",
	"invalid",
	"test",
	"example",
	"onion",
	"alt",
};

gboolean
st_destination_host_ok (const char *host, const char **why)
{
	StIp ip;

	if (host == NULL || host[0] == '\0') {
		*why = "no host";
		return FALSE;
	}
	if (st_ip_parse (host, -1, &ip) || host[0] == '[' || st_ip_looks_dotted (host, -1)) {
		*why = "an address, not a host name";
		return FALSE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (special); i++)
		if (st_domain_within (host, special[i])) {
			*why = "a name for local or special use";
			return FALSE;
		}
	if (!st_domain_name_valid (host, ST_DOMAIN_NAME_LDH) || strchr (host, '.') == NULL) {
		*why = "not a host name";
		return FALSE;
	}
	return TRUE;
}

gboolean
st_destination_address_ok (const StIp *ip, const char **why)
{
	static const char *const kinds[] = {
		[ST_IP_SCOPE_PUBLIC] = "public",
		[ST_IP_SCOPE_PRIVATE] = "private",
		[ST_IP_SCOPE_LOOPBACK] = "loopback",
		[ST_IP_SCOPE_LINK_LOCAL] = "link-local",
		[ST_IP_SCOPE_SHARED] = "shared (carrier-grade NAT)",
		[ST_IP_SCOPE_RESERVED] = "reserved",
	};
	StIpScope scope = ip->family != 0 ? st_ip_scope (ip, NULL) : ST_IP_SCOPE_RESERVED;

	if (scope == ST_IP_SCOPE_PUBLIC)
		return TRUE;
	*why = (guint)scope < G_N_ELEMENTS (kinds) ? kinds[scope] : "not public";
	return FALSE;
}
