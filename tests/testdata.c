/* testdata.c - what several test programs share: the files under tests/data, contact lists as text.
 * No RFC. */
#include "config.h"

#include <string.h>

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
			st_contact_scope_name (c->scope),
			st_contact_confidence_name (c->confidence), c->role);
		if (notes)
			g_string_append_printf (s, " (%s)", c->note);
	}
	return g_string_free (s, FALSE);
}

char *
st_test_http_headers (const char *headers, guint port)
{
	GString *out = g_string_new (NULL);
	const char *p = headers;

	for (const char *open; (open = strchr (p, '{')) != NULL;) {
		const char *close = strchr (open, '}');
		g_autofree char *name =
			close != NULL ? g_strndup (open + 1, close - open - 1) : NULL;
		gint64 offset;

		ck_assert_msg (close != NULL, "unclosed placeholder in '%s'", headers);
		g_string_append_len (out, p, open - p);
		if (strcmp (name, "port") == 0) {
			g_string_append_printf (out, "%u", port);
		} else if (g_str_has_prefix (name, "date") && (name[4] == '+' || name[4] == '-') &&
			   g_ascii_string_to_signed (
				   name + 4, 10, -86400 * 365, 86400 * 365, &offset, NULL)) {
			/* Names written out: %a and %b would follow the locale. */
			static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
				"Sat", "Sun" };
			static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
				"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
			g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
			g_autoptr (GDateTime) then = g_date_time_add_seconds (now, (gdouble)offset);
			g_string_append_printf (out, "%s, %02d %s %d %02d:%02d:%02d GMT",
				days[g_date_time_get_day_of_week (then) - 1],
				g_date_time_get_day_of_month (then),
				months[g_date_time_get_month (then) - 1],
				g_date_time_get_year (then), g_date_time_get_hour (then),
				g_date_time_get_minute (then), g_date_time_get_second (then));
		} else {
			ck_abort_msg ("unknown placeholder {%s} in '%s'", name, headers);
		}
		p = close + 1;
	}
	g_string_append (out, p);
	return g_string_free (out, FALSE);
}
