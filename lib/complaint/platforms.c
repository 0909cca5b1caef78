/* platforms.c - hosting platforms whose names and DNS their operator runs, and the operator's
 * abuse desk: a site under one of them is the operator's to take down. RFC 2142.
 *
 * A registrar complaint about "x.web.app" would go to whoever sold
 * web.app to Google, and the site's address comes from DNS that Google,
 * not the spammer, answers: for these names the operator is the one party
 * that can act, and the spammer cannot choose it. Only platforms whose
 * every name is served by the operator belong here: a name under a
 * sub-registry (co.ua, sa.com), whose customers run their own DNS, does
 * not. The abuse address is the one each operator registers for its
 * networks in the RIR records (ARIN, RIPE), where it answers for its
 * hosting too. */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "platforms.h"

/* Most specific first does not matter: no suffix lies under another's. */
static const StPlatform platforms[] = {
	{ "appspot.com", "Google", "network-abuse@google.com" },
	{ "run.app", "Google", "network-abuse@google.com" },
	{ "cloudfunctions.net", "Google", "network-abuse@google.com" },
	{ "web.app", "Google", "network-abuse@google.com" },
	{ "firebaseapp.com", "Google", "network-abuse@google.com" },
	{ "blogspot.com", "Google", "network-abuse@google.com" },
	{ "pages.dev", "Cloudflare", "abuse@cloudflare.com" },
	{ "workers.dev", "Cloudflare", "abuse@cloudflare.com" },
	{ "r2.dev", "Cloudflare", "abuse@cloudflare.com" },
	{ "trycloudflare.com", "Cloudflare", "abuse@cloudflare.com" },
	{ "azurewebsites.net", "Microsoft", "abuse@microsoft.com" },
	{ "azurestaticapps.net", "Microsoft", "abuse@microsoft.com" },
	{ "web.core.windows.net", "Microsoft", "abuse@microsoft.com" },
	{ "blob.core.windows.net", "Microsoft", "abuse@microsoft.com" },
	{ "ondigitalocean.app", "DigitalOcean", "abuse@digitalocean.com" },
	{ "digitaloceanspaces.com", "DigitalOcean", "abuse@digitalocean.com" },
	{ "your-server.de", "Hetzner", "abuse@hetzner.com" },
};

const StPlatform *
st_platform_find (const char *host)
{
	g_return_val_if_fail (host != NULL, NULL);

	gsize h = strlen (host);

	while (h > 0 && host[h - 1] == '.')
		h--;
	for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
		if (h > strlen (platforms[i].suffix) && st_domain_within (host, platforms[i].suffix))
			return &platforms[i];
	return NULL;
}
