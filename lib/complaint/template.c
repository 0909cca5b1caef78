/* template.c - complaint templates: text with {{placeholders}}, found in the user's dir or ours.
 * A placeholder is {{name}} with name made of [a-z0-9_]; "{{{{" writes "{{". */
#include "config.h"

#include <string.h>

#include "error.h"
#include "paths.h"
#include "template.h"

char *
st_template_render_text (const char *text, const char *origin, GHashTable *values, GError **error)
{
	GString *out = g_string_sized_new (strlen (text) + 256);
	guint line = 1;

	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\n')
			line++;
		if (p[0] != '{' || p[1] != '{') {
			g_string_append_c (out, *p);
			continue;
		}
		if (p[2] == '{' && p[3] == '{') {
			g_string_append (out, "{{");
			p += 3;
			continue;
		}
		const char *start = p + 2;
		const char *end = strstr (start, "}}");
		const char *nl = strchr (start, '\n');
		if (end == NULL || (nl != NULL && nl < end)) {
			g_set_error (error, ST_ERROR, ST_ERROR_TEMPLATE,
				"%s:%u: '{{' without a closing '}}'", origin, line);
			g_string_free (out, TRUE);
			return NULL;
		}
		g_autofree char *key = g_strstrip (g_strndup (start, (gsize)(end - start)));
		const char *value = g_hash_table_lookup (values, key);
		if (value == NULL) {
			g_set_error (error, ST_ERROR, ST_ERROR_TEMPLATE,
				"%s:%u: unknown placeholder '{{%s}}'", origin, line, key);
			g_string_free (out, TRUE);
			return NULL;
		}
		g_string_append (out, value);
		p = end + 1;
	}
	return g_string_free (out, FALSE);
}

char *
st_template_render (const char *const *dirs, const char *name, GHashTable *values, GError **error)
{
	for (const char *const *d = dirs; d != NULL && *d != NULL; d++) {
		g_autofree char *path = g_build_filename (*d, name, NULL);
		g_autofree char *text = NULL;
		g_autoptr (GError) local = NULL;
		if (!g_file_get_contents (path, &text, NULL, &local)) {
			if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
				continue;
			g_set_error (error, ST_ERROR, ST_ERROR_TEMPLATE,
				"cannot read template '%s': %s", path, local->message);
			return NULL;
		}
		return st_template_render_text (text, path, values, error);
	}
	g_autofree char *where = dirs != NULL ? g_strjoinv (", ", (char **)dirs) : g_strdup ("");
	g_set_error (error, ST_ERROR, ST_ERROR_TEMPLATE, "no template '%s' in %s", name, where);
	return NULL;
}

GStrv
st_template_dirs (const char *extra)
{
	GPtrArray *dirs = g_ptr_array_new ();
	g_ptr_array_add (
		dirs, g_build_filename (g_get_user_data_dir (), "spamtrace", "templates", NULL));
	if (extra != NULL && extra[0] != '\0')
		g_ptr_array_add (dirs, g_strdup (extra));
	char *ours = st_paths_find (ST_PATH_TEMPLATES, NULL);
	if (ours != NULL)
		g_ptr_array_add (dirs, ours);
	g_ptr_array_add (dirs, NULL);
	return (GStrv)g_ptr_array_free (dirs, FALSE);
}
