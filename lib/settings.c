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
	g_free (cfg->source);
	g_free (cfg);
}

char *
st_settings_default_path (void)
{
	return g_build_filename (g_get_user_config_dir (), "spamtrace", "spamtrace.conf", NULL);
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
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "%s: [trust] hosts: %s", path,
				local->message);
			return FALSE;
		}
		for (gsize i = 0; i < n; i++) {
			g_autoptr (GError) e = NULL;
			if (list[i][0] == '\0')
				continue;
			if (!st_trust_add (cfg->trust, list[i], &e)) {
				g_set_error (error, ST_ERROR, ST_ERROR_CONFIG, "%s: [trust] hosts: %s",
					path, e->message);
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

	/* unknown groups and keys are mistakes worth reporting */
	static const char *const known[][2] = {
		{ "trust", "hosts" },
		{ "trust", "authserv-id" },
	};
	g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
	for (char **g = groups; *g != NULL; g++) {
		g_auto (GStrv) keys = g_key_file_get_keys (kf, *g, NULL, NULL);
		for (char **k = keys; k != NULL && *k != NULL; k++) {
			gboolean ok = FALSE;
			for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
				if (g_str_equal (*g, known[i][0]) && g_str_equal (*k, known[i][1]))
					ok = TRUE;
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
