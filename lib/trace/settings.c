/* settings.c - the user's settings: command line and the GKeyFile config file.
 * XDG Base Directory Specification; the keys are documented in spamtrace.conf(5). */
#include "config.h"

#include <errno.h>

#include "error.h"
#include "settings.h"

StSettings *
st_settings_new (void)
{
	StSettings *cfg = g_new0 (StSettings, 1);
	cfg->trust = st_trust_new ();
	cfg->filter.budget_ms = ST_FILTER_BUDGET_DEFAULT_MS;
	cfg->blocklist.days = ST_BLOCKLIST_DAYS_DEFAULT;
	return cfg;
}

void
st_settings_free (StSettings *cfg)
{
	if (cfg == NULL)
		return;
	st_trust_free (cfg->trust);
	g_free (cfg->authserv_id);
	g_free (cfg->report.outbox);
	g_free (cfg->report.from);
	g_free (cfg->report.name);
	g_strfreev (cfg->report.addresses);
	g_strfreev (cfg->report.domains);
	g_free (cfg->report.closing);
	g_free (cfg->report.template_dir);
	g_free (cfg->report.registry);
	g_free (cfg->lookups.dns_server);
	g_free (cfg->lookups.rdap_bootstrap);
	g_strfreev (cfg->lookups.whois_servers);
	g_free (cfg->lookups.cache);
	g_strfreev (cfg->lookups.dnsbl);
	g_free (cfg->lookups.asn_zone);
	g_free (cfg->source);
	g_free (cfg);
}

char *
st_settings_default_path (void)
{
	return g_build_filename (g_get_user_config_dir (), "spamtrace", "spamtrace.conf", NULL);
}

/* The groups of plain keys, one row a key. */
typedef enum {
	KEY_STRING,
	KEY_PATH, /* a string; "~/" means the home directory */
	KEY_LIST,
	KEY_BOOL,
	KEY_LOOKUPS, /* StFilterLookups by its name */
	KEY_BUDGET,  /* milliseconds, 1 to ST_FILTER_BUDGET_MAX_MS */
	KEY_DAYS,    /* days, 1 to ST_BLOCKLIST_DAYS_MAX */
} KeyType;

typedef struct {
	const char *key;
	KeyType type;
	gsize offset;
} Key;

static const Key report_keys[] = {
	{ "outbox", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, outbox) },
	{ "from", KEY_STRING, G_STRUCT_OFFSET (StReportSettings, from) },
	{ "name", KEY_STRING, G_STRUCT_OFFSET (StReportSettings, name) },
	{ "addresses", KEY_LIST, G_STRUCT_OFFSET (StReportSettings, addresses) },
	{ "domains", KEY_LIST, G_STRUCT_OFFSET (StReportSettings, domains) },
	{ "closing", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, closing) },
	{ "template-dir", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, template_dir) },
	{ "registry", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, registry) },
	{ "attach", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, attach) },
	{ "arf", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, arf) },
	{ "notify-spoofed", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, notify_spoofed) },
	{ "munge", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, munge) },
	{ "offline", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, offline) },
};

static const Key lookup_keys[] = {
	{ "dns-server", KEY_STRING, G_STRUCT_OFFSET (StLookupSettings, dns_server) },
	{ "rdap-bootstrap", KEY_PATH, G_STRUCT_OFFSET (StLookupSettings, rdap_bootstrap) },
	{ "whois-server", KEY_LIST, G_STRUCT_OFFSET (StLookupSettings, whois_servers) },
	{ "cache", KEY_PATH, G_STRUCT_OFFSET (StLookupSettings, cache) },
	{ "dnsbl", KEY_LIST, G_STRUCT_OFFSET (StLookupSettings, dnsbl) },
	{ "asn-zone", KEY_STRING, G_STRUCT_OFFSET (StLookupSettings, asn_zone) },
};

static const Key filter_keys[] = {
	{ "body", KEY_BOOL, G_STRUCT_OFFSET (StFilterSettings, body) },
	{ "lookups", KEY_LOOKUPS, G_STRUCT_OFFSET (StFilterSettings, lookups) },
	{ "budget", KEY_BUDGET, G_STRUCT_OFFSET (StFilterSettings, budget_ms) },
};

static const Key blocklist_keys[] = {
	{ "days", KEY_DAYS, G_STRUCT_OFFSET (StBlocklistSettings, days) },
};

static const struct {
	const char *name;
	const Key *keys;
	gsize n_keys;
	gsize offset; /* of the group's struct in StSettings */
} groups[] = {
	{ "report", report_keys, G_N_ELEMENTS (report_keys), G_STRUCT_OFFSET (StSettings, report) },
	{ "lookups", lookup_keys, G_N_ELEMENTS (lookup_keys),
		G_STRUCT_OFFSET (StSettings, lookups) },
	{ "filter", filter_keys, G_N_ELEMENTS (filter_keys), G_STRUCT_OFFSET (StSettings, filter) },
	{ "blocklist", blocklist_keys, G_N_ELEMENTS (blocklist_keys),
		G_STRUCT_OFFSET (StSettings, blocklist) },
};

static const char *const lookups_names[] = { "off", "cache", "network" };

const char *
st_filter_lookups_name (StFilterLookups mode)
{
	return (guint)mode < G_N_ELEMENTS (lookups_names) ? lookups_names[mode] : "off";
}

gboolean
st_filter_lookups_parse (const char *name, StFilterLookups *mode)
{
	for (gsize i = 0; i < G_N_ELEMENTS (lookups_names); i++)
		if (g_ascii_strcasecmp (name, lookups_names[i]) == 0) {
			*mode = (StFilterLookups)i;
			return TRUE;
		}
	return FALSE;
}

static char *
expand_home (const char *s)
{
	if (g_str_has_prefix (s, "~/"))
		return g_build_filename (g_get_home_dir (), s + 2, NULL);
	return g_strdup (s);
}

/* Reads one key of @group into @field; FALSE with @e set when its value is wrong. */
static gboolean
read_key (GKeyFile *kf, const char *group, const Key *k, gpointer field, GError **e)
{
	switch (k->type) {
	case KEY_STRING:
	case KEY_PATH: {
		g_autofree char *v = g_key_file_get_string (kf, group, k->key, e);
		if (v == NULL)
			return FALSE;
		g_strstrip (v);
		g_free (*(char **)field);
		*(char **)field = k->type == KEY_PATH ? expand_home (v) : g_steal_pointer (&v);
		return TRUE;
	}
	case KEY_LIST: {
		GStrv v = g_key_file_get_string_list (kf, group, k->key, NULL, e);
		if (v == NULL)
			return FALSE;
		for (char **p = v; *p; p++)
			g_strstrip (*p);
		g_strfreev (*(GStrv *)field);
		*(GStrv *)field = v;
		return TRUE;
	}
	case KEY_BOOL: {
		gboolean v = g_key_file_get_boolean (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		*(gboolean *)field = v;
		return TRUE;
	}
	case KEY_LOOKUPS: {
		g_autofree char *v = g_key_file_get_string (kf, group, k->key, e);
		if (v == NULL)
			return FALSE;
		g_strstrip (v);
		if (st_filter_lookups_parse (v, field))
			return TRUE;
		g_set_error (
			e, ST_ERROR, ST_ERROR_CONFIG, "'%s' is not one of off, cache, network", v);
		return FALSE;
	}
	case KEY_BUDGET: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		if (v < 1 || v > ST_FILTER_BUDGET_MAX_MS) {
			g_set_error (e, ST_ERROR, ST_ERROR_CONFIG,
				"%d is not between 1 and %d milliseconds", v,
				ST_FILTER_BUDGET_MAX_MS);
			return FALSE;
		}
		*(guint *)field = (guint)v;
		return TRUE;
	}
	case KEY_DAYS: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		if (v < 1 || v > ST_BLOCKLIST_DAYS_MAX) {
			g_set_error (e, ST_ERROR, ST_ERROR_CONFIG,
				"%d is not between 1 and %d days", v, ST_BLOCKLIST_DAYS_MAX);
			return FALSE;
		}
		*(guint *)field = (guint)v;
		return TRUE;
	}
	}
	return TRUE;
}

static gboolean
read_groups (StSettings *cfg, GKeyFile *kf, const char *path, GError **error)
{
	for (gsize g = 0; g < G_N_ELEMENTS (groups); g++) {
		gpointer base = G_STRUCT_MEMBER_P (cfg, groups[g].offset);
		for (gsize i = 0; i < groups[g].n_keys; i++) {
			const Key *k = &groups[g].keys[i];
			g_autoptr (GError) e = NULL;
			if (!g_key_file_has_key (kf, groups[g].name, k->key, NULL))
				continue;
			if (!read_key (kf, groups[g].name, k, G_STRUCT_MEMBER_P (base, k->offset),
				    &e)) {
				g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "%s: [%s] %s: %s",
					path, groups[g].name, k->key, e->message);
				return FALSE;
			}
		}
	}
	return TRUE;
}

static gboolean
known_key (const char *group, const char *key)
{
	if (g_str_equal (group, "trust"))
		return g_str_equal (key, "hosts") || g_str_equal (key, "authserv-id");
	for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
		if (g_str_equal (group, groups[g].name))
			for (gsize i = 0; i < groups[g].n_keys; i++)
				if (g_str_equal (key, groups[g].keys[i].key))
					return TRUE;
	return FALSE;
}

gboolean
st_settings_add_trust (StSettings *cfg, char **rules, GError **error)
{
	for (char **t = rules; t != NULL && *t != NULL; t++)
		if (!st_trust_add (cfg->trust, *t, error))
			return FALSE;
	return TRUE;
}

gboolean
st_settings_load (StSettings *cfg, const char *path, gboolean must_exist, GError **error)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) local = NULL;

	if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local)) {
		if (!must_exist && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "cannot read config '%s': %s", path,
			local->message);
		return FALSE;
	}

	/* [trust] hosts = 192.0.2.0/24;mx.example.org;!bad.example.org */
	if (g_key_file_has_key (kf, "trust", "hosts", NULL)) {
		gsize n = 0;
		g_auto (GStrv) list = g_key_file_get_string_list (kf, "trust", "hosts", &n, &local);
		if (list == NULL) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "%s: [trust] hosts: %s",
				path, local->message);
			return FALSE;
		}
		for (gsize i = 0; i < n; i++) {
			g_autoptr (GError) e = NULL;
			if (list[i][0] == '\0')
				continue;
			if (!st_trust_add (cfg->trust, list[i], &e)) {
				g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
					"%s: [trust] hosts: %s", path, e->message);
				return FALSE;
			}
		}
	}

	/* [trust] authserv-id = mx.example.org */
	if (g_key_file_has_key (kf, "trust", "authserv-id", NULL)) {
		g_free (cfg->authserv_id);
		cfg->authserv_id = g_key_file_get_string (kf, "trust", "authserv-id", NULL);
		if (cfg->authserv_id != NULL)
			g_strstrip (cfg->authserv_id);
	}

	if (!read_groups (cfg, kf, path, error))
		return FALSE;

	/* unknown groups and keys are mistakes worth reporting */
	g_auto (GStrv) names = g_key_file_get_groups (kf, NULL);
	for (char **g = names; *g != NULL; g++) {
		g_auto (GStrv) keys = g_key_file_get_keys (kf, *g, NULL, NULL);
		for (char **k = keys; k != NULL && *k != NULL; k++) {
			if (!known_key (*g, *k)) {
				g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
					"%s: unknown key '%s' in group [%s]", path, *k, *g);
				return FALSE;
			}
		}
	}
	g_free (cfg->source);
	cfg->source = g_strdup (path);
	return TRUE;
}

gboolean
st_settings_load_chosen (StSettings *cfg, const char *chosen, GError **error)
{
	g_autofree char *path = chosen != NULL ? g_strdup (chosen) : st_settings_default_path ();
	return st_settings_load (cfg, path, chosen != NULL, error);
}
