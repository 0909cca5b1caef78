/* bootstrap.c - which RDAP service answers for an address, an AS number or a domain.
 * RFC 9224 sections 3-5 (IANA bootstrap registries), RFC 9082 section 3.1 (query paths). */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bootstrap.h"
#include "error.h"
#include "json-node.h"
#include "paths.h"

typedef struct {
	StCidr cidr;
	const char *url; /* borrowed from Registry.urls */
} PrefixEntry;

typedef struct {
	guint32 first, last;
	const char *url;
} RangeEntry;

typedef struct {
	char *publication;
	GPtrArray *urls;    /* char*, owned: one per service */
	GArray *prefixes;   /* PrefixEntry, for IPv4 and IPv6 */
	GArray *ranges;     /* RangeEntry, for AS numbers */
	GHashTable *labels; /* lower-case domain suffix -> borrowed URL */
} Registry;

struct _StBootstrap {
	Registry reg[ST_BOOTSTRAP_N_REGISTRIES];
};

static const char *const file_names[ST_BOOTSTRAP_N_REGISTRIES] = {
	[ST_BOOTSTRAP_DNS] = "dns.json",
	[ST_BOOTSTRAP_IPV4] = "ipv4.json",
	[ST_BOOTSTRAP_IPV6] = "ipv6.json",
	[ST_BOOTSTRAP_ASN] = "asn.json",
};

const char *
st_bootstrap_file_name (StBootstrapRegistry registry)
{
	g_return_val_if_fail ((guint)registry < ST_BOOTSTRAP_N_REGISTRIES, NULL);
	return file_names[registry];
}

static void
registry_clear (Registry *r)
{
	g_clear_pointer (&r->publication, g_free);
	g_clear_pointer (&r->prefixes, g_array_unref);
	g_clear_pointer (&r->ranges, g_array_unref);
	g_clear_pointer (&r->labels, g_hash_table_unref);
	g_clear_pointer (&r->urls, g_ptr_array_unref);
}

StBootstrap *
st_bootstrap_new (void)
{
	return g_new0 (StBootstrap, 1);
}

void
st_bootstrap_free (StBootstrap *bootstrap)
{
	if (bootstrap == NULL)
		return;
	for (guint i = 0; i < ST_BOOTSTRAP_N_REGISTRIES; i++)
		registry_clear (&bootstrap->reg[i]);
	g_free (bootstrap);
}

/* RFC 9224 section 4: a service lists several base URLs; take https when
 * offered. The IANA files end each URL with "/", the object-tags file does
 * not; query paths are appended, so make sure of the slash. */
static char *
pick_url (JsonArray *urls)
{
	const char *chosen = NULL;

	for (guint i = 0; i < json_array_get_length (urls); i++) {
		const char *u = st_json_node_string (json_array_get_element (urls, i));
		if (u == NULL || u[0] == '\0')
			continue;
		if (g_ascii_strncasecmp (u, "https://", 8) == 0) {
			chosen = u;
			break;
		}
		if (chosen == NULL)
			chosen = u;
	}
	if (chosen == NULL)
		return NULL;
	return g_str_has_suffix (chosen, "/") ? g_strdup (chosen) : g_strconcat (chosen, "/", NULL);
}

static gboolean
parse_asn (const char *text, guint32 *out)
{
	guint64 v;

	if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &v, NULL))
		return FALSE;
	*out = (guint32)v;
	return TRUE;
}

static gboolean
parse_range (const char *text, RangeEntry *out)
{
	const char *dash = strchr (text, '-');
	g_autofree char *first = NULL;

	if (dash == NULL)
		return parse_asn (text, &out->first) && parse_asn (text, &out->last);
	first = g_strndup (text, (gsize)(dash - text));
	return parse_asn (first, &out->first) && parse_asn (dash + 1, &out->last) &&
	       out->first <= out->last;
}

static void
add_entry (Registry *r, StBootstrapRegistry registry, const char *entry, const char *url)
{
	if (registry == ST_BOOTSTRAP_DNS) {
		g_autofree char *label = g_ascii_strdown (entry, -1);
		gsize n = strlen (label);
		if (n > 0 && label[n - 1] == '.')
			label[n - 1] = '\0';
		if (label[0] != '\0' && !g_hash_table_contains (r->labels, label))
			g_hash_table_insert (r->labels, g_steal_pointer (&label), (gpointer)url);
	} else if (registry == ST_BOOTSTRAP_ASN) {
		RangeEntry e = { 0, 0, url };
		if (parse_range (entry, &e))
			g_array_append_val (r->ranges, e);
	} else {
		PrefixEntry e = { .url = url };
		guint8 family = registry == ST_BOOTSTRAP_IPV4 ? 4 : 6;
		if (strchr (entry, '/') != NULL && st_cidr_parse (entry, &e.cidr) &&
			e.cidr.net.family == family)
			g_array_append_val (r->prefixes, e);
	}
}

gboolean
st_bootstrap_load_data (StBootstrap *bootstrap, StBootstrapRegistry registry, const char *data,
	gssize len, GError **error)
{
	g_autoptr (JsonParser) parser = json_parser_new ();
	g_autoptr (GError) local = NULL;
	JsonNode *root;
	JsonObject *obj;
	JsonArray *services;
	Registry *r;

	g_return_val_if_fail (bootstrap != NULL && data != NULL, FALSE);
	g_return_val_if_fail ((guint)registry < ST_BOOTSTRAP_N_REGISTRIES, FALSE);

	/* IANA's files are ours or the user's, not an answer; their depth is
	 * bounded all the same, and their size at 8 MB (dns.json is 72 KB) */
	if (!st_json_check_bounds (data, len < 0 ? strlen (data) : (gsize)len, 8 * 1024 * 1024,
		    file_names[registry], &local)) {
		g_set_error (
			error, ST_ERROR, ST_ERROR_CONFIG, "rdap bootstrap: %s", local->message);
		return FALSE;
	}
	if (!json_parser_load_from_data (parser, data, len, &local)) {
		g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
			"rdap bootstrap '%s' is not JSON: %s", file_names[registry],
			local->message);
		return FALSE;
	}
	root = json_parser_get_root (parser);
	obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
	services =
		obj != NULL ? st_json_node_array (json_object_get_member (obj, "services")) : NULL;
	if (services == NULL) {
		g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
			"rdap bootstrap '%s' has no \"services\" array", file_names[registry]);
		return FALSE;
	}

	r = &bootstrap->reg[registry];
	registry_clear (r);
	r->publication =
		g_strdup (st_json_node_string (json_object_get_member (obj, "publication")));
	r->urls = g_ptr_array_new_with_free_func (g_free);
	r->prefixes = g_array_new (FALSE, FALSE, sizeof (PrefixEntry));
	r->ranges = g_array_new (FALSE, FALSE, sizeof (RangeEntry));
	r->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < json_array_get_length (services); i++) {
		JsonArray *service = st_json_node_array (json_array_get_element (services, i));
		JsonArray *entries, *urls;
		char *url;

		if (service == NULL || json_array_get_length (service) < 2)
			continue;
		entries = st_json_node_array (json_array_get_element (service, 0));
		urls = st_json_node_array (json_array_get_element (service, 1));
		if (entries == NULL || urls == NULL || (url = pick_url (urls)) == NULL)
			continue;
		g_ptr_array_add (r->urls, url);
		for (guint j = 0; j < json_array_get_length (entries); j++) {
			const char *entry =
				st_json_node_string (json_array_get_element (entries, j));
			if (entry != NULL)
				add_entry (r, registry, entry, url);
		}
	}
	return TRUE;
}

gboolean
st_bootstrap_load_dir (StBootstrap *bootstrap, const char *dir, GError **error)
{
	g_return_val_if_fail (bootstrap != NULL, FALSE);

	g_autofree char *ours = NULL;
	if (dir == NULL && (dir = ours = st_paths_find (ST_PATH_RDAP_BOOTSTRAP, error)) == NULL)
		return FALSE;
	for (guint i = 0; i < ST_BOOTSTRAP_N_REGISTRIES; i++) {
		g_autofree char *path = g_build_filename (dir, file_names[i], NULL);
		g_autofree char *data = NULL;
		g_autoptr (GError) local = NULL;
		gsize len;

		if (!g_file_get_contents (path, &data, &len, &local)) {
			g_set_error (error, ST_ERROR, ST_ERROR_IO,
				"cannot read rdap bootstrap '%s': %s", path, local->message);
			return FALSE;
		}
		if (!st_bootstrap_load_data (bootstrap, i, data, (gssize)len, error))
			return FALSE;
	}
	return TRUE;
}

const char *
st_bootstrap_publication (const StBootstrap *bootstrap, StBootstrapRegistry registry)
{
	g_return_val_if_fail (bootstrap != NULL, NULL);
	g_return_val_if_fail ((guint)registry < ST_BOOTSTRAP_N_REGISTRIES, NULL);
	return bootstrap->reg[registry].publication;
}

const char *
st_bootstrap_lookup_ip (const StBootstrap *bootstrap, const StIp *ip)
{
	const Registry *r;
	const char *url = NULL;
	gint best = -1;

	g_return_val_if_fail (bootstrap != NULL && ip != NULL, NULL);

	if (ip->family != 4 && ip->family != 6)
		return NULL;
	r = &bootstrap->reg[ip->family == 4 ? ST_BOOTSTRAP_IPV4 : ST_BOOTSTRAP_IPV6];
	if (r->prefixes == NULL)
		return NULL;
	for (guint i = 0; i < r->prefixes->len; i++) {
		const PrefixEntry *e = &g_array_index (r->prefixes, PrefixEntry, i);
		if ((gint)e->cidr.prefix > best && st_cidr_contains (&e->cidr, ip)) {
			best = (gint)e->cidr.prefix;
			url = e->url;
		}
	}
	return url;
}

const char *
st_bootstrap_lookup_asn (const StBootstrap *bootstrap, guint32 asn)
{
	const Registry *r;
	const char *url = NULL;
	guint64 best = G_MAXUINT64;

	g_return_val_if_fail (bootstrap != NULL, NULL);

	r = &bootstrap->reg[ST_BOOTSTRAP_ASN];
	if (r->ranges == NULL)
		return NULL;
	for (guint i = 0; i < r->ranges->len; i++) {
		const RangeEntry *e = &g_array_index (r->ranges, RangeEntry, i);
		guint64 width = (guint64)e->last - e->first;
		if (asn >= e->first && asn <= e->last && width < best) {
			best = width;
			url = e->url;
		}
	}
	return url;
}

const char *
st_bootstrap_lookup_domain (const StBootstrap *bootstrap, const char *domain)
{
	const Registry *r;
	g_autofree char *name = NULL;
	gsize n;

	g_return_val_if_fail (bootstrap != NULL && domain != NULL, NULL);

	r = &bootstrap->reg[ST_BOOTSTRAP_DNS];
	if (r->labels == NULL)
		return NULL;
	name = g_ascii_strdown (domain, -1);
	n = strlen (name);
	if (n > 0 && name[n - 1] == '.')
		name[n - 1] = '\0';
	/* Longest suffix first: "example.co.uk", then "co.uk", then "uk". */
	for (const char *p = name; *p != '\0';) {
		const char *url = g_hash_table_lookup (r->labels, p);
		const char *dot;
		if (url != NULL)
			return url;
		dot = strchr (p, '.');
		if (dot == NULL)
			break;
		p = dot + 1;
	}
	return NULL;
}

char *
st_bootstrap_url_ip (const StBootstrap *bootstrap, const StIp *ip)
{
	const char *base = st_bootstrap_lookup_ip (bootstrap, ip);
	char buf[ST_IP_STRLEN];

	if (base == NULL)
		return NULL;
	st_ip_format (ip, buf);
	return g_strconcat (base, "ip/", buf, NULL);
}

char *
st_bootstrap_url_asn (const StBootstrap *bootstrap, guint32 asn)
{
	const char *base = st_bootstrap_lookup_asn (bootstrap, asn);

	if (base == NULL)
		return NULL;
	return g_strdup_printf ("%sautnum/%" G_GUINT32_FORMAT, base, asn);
}

char *
st_bootstrap_url_domain (const StBootstrap *bootstrap, const char *domain)
{
	const char *base = st_bootstrap_lookup_domain (bootstrap, domain);
	g_autofree char *name = NULL;
	g_autofree char *escaped = NULL;
	gsize n;

	if (base == NULL)
		return NULL;
	name = g_ascii_strdown (domain, -1);
	n = strlen (name);
	if (n > 0 && name[n - 1] == '.')
		name[n - 1] = '\0';
	/* A-labels need no escaping; anything else must not break the path. */
	escaped = g_uri_escape_string (name, NULL, FALSE);
	return g_strconcat (base, "domain/", escaped, NULL);
}
