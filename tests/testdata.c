/* testdata.c - what several test programs share: the files under tests/data, contact lists as text.
 * No RFC. */
#include "config.h"

#include <check.h>

#include "testdata.h"

char *
st_test_data_path (const char *dir, const char *name)
{
	const char *top = g_getenv ("top_srcdir");
	return g_build_filename (top != NULL ? top : ".", "tests", "data", dir, name, NULL);
}

char *
st_test_read (const char *dir, const char *name, gsize *len)
{
	g_autofree char *path = st_test_data_path (dir, name);
	g_autoptr (GError) error = NULL;
	char *text = NULL;

	if (!g_file_get_contents (path, &text, len, &error))
		ck_abort_msg ("cannot read %s: %s", path, error->message);
	return text;
}

char *
st_test_describe_contacts (const StContactList *l, gboolean notes)
{
	GString *s = g_string_new (NULL);

	for (guint i = 0; i < st_contact_list_length (l); i++) {
		const StContact *c = st_contact_list_get (l, i);
		g_string_append_printf (s, "%s%s %s %s %s", i > 0 ? "; " : "", c->address,
			st_contact_scope_name (c->scope), st_contact_confidence_name (c->confidence),
			c->role);
		if (notes)
			g_string_append_printf (s, " (%s)", c->note);
	}
	return g_string_free (s, FALSE);
}
