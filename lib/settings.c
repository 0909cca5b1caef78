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
	g_strfreev (cfg->report.dnsbl);
	g_free (cfg->source);
	g_free (cfg);
}

char *
st_settings_default_path (void)
{
	return g_build_filename (g_get_user_config_dir (), "spamtrace", "spamtrace.conf", NULL);
}

/* The [report] group, one row a key. */
typedef enum {
	KEY_STRING,
	KEY_PATH, /* a string; "~/" means the home directory */
	KEY_LIST,
	KEY_BOOL,
} KeyType;

static const struct {
	const char *key;
	KeyType type;
	gsize offset;
} report_keys[] = {
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
	{ "dnsbl", KEY_LIST, G_STRUCT_OFFSET (StReportSettings, dnsbl) },
};

static char *
expand_home (const char *s)
{
	if (g_str_has_prefix (s, "~/"))
		return g_build_filename (g_get_home_dir (), s + 2, NULL);
	return g_strdup (s);
}

static gboolean
read_report (StSettings *cfg, GKeyFile *kf, const char *path, GError **error)
{
	for (gsize i = 0; i < G_N_ELEMENTS (report_keys); i++) {
		gpointer field = G_STRUCT_MEMBER_P (&cfg->report, report_keys[i].offset);
		g_autoptr (GError) e = NULL;
		if (!g_key_file_has_key (kf, "report", report_keys[i].key, NULL))
			continue;
		switch (report_keys[i].type) {
		case KEY_STRING:
		case KEY_PATH: {
			g_autofree char *v =
				g_key_file_get_string (kf, "report", report_keys[i].key, &e);
			if (v == NULL)
				break;
			g_strstrip (v);
			g_free (*(char **)field);
			*(char **)field = report_keys[i].type == KEY_PATH ? expand_home (v)
									  : g_steal_pointer (&v);
			break;
		}
		case KEY_LIST: {
			GStrv v = g_key_file_get_string_list (
				kf, "report", report_keys[i].key, NULL, &e);
			if (v == NULL)
				break;
			for (char **p = v; *p; p++)
				g_strstrip (*p);
			g_strfreev (*(GStrv *)field);
			*(GStrv *)field = v;
			break;
		}
		case KEY_BOOL:
			*(gboolean *)field =
				g_key_file_get_boolean (kf, "report", report_keys[i].key, &e);
			break;
		}
		if (e != NULL) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "%s: [report] %s: %s", path,
				report_keys[i].key, e->message);
			return FALSE;
		}
	}
	return TRUE;
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

	if (!read_report (cfg, kf, path, error))
		return FALSE;

	/* unknown groups and keys are mistakes worth reporting */
	g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
	for (char **g = groups; *g != NULL; g++) {
		g_auto (GStrv) keys = g_key_file_get_keys (kf, *g, NULL, NULL);
		for (char **k = keys; k != NULL && *k != NULL; k++) {
			gboolean ok =
				g_str_equal (*g, "trust") &&
				(g_str_equal (*k, "hosts") || g_str_equal (*k, "authserv-id"));
			for (gsize i = 0; i < G_N_ELEMENTS (report_keys) && !ok; i++)
				ok = g_str_equal (*g, "report") &&
				     g_str_equal (*k, report_keys[i].key);
			if (!ok) {
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
