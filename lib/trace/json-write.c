/* json-write.c - writing JSON text: strings, objects and arrays, commas placed by the writer.
 * RFC 8259 sections 2 (grammar), 7 (strings) and 8.1 (UTF-8). */
#include "config.h"

#include <string.h>

#include "json-write.h"

void
st_json_string (GString *out, const char *s)
{
	const char *p = s != NULL ? s : "";
	const char *end = p + strlen (p);

	g_string_append_c (out, '"');
	while (p < end) {
		guchar c = (guchar)*p;
		if (c == '"' || c == '\\') {
			g_string_append_c (out, '\\');
			g_string_append_c (out, (char)c);
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			g_string_append_printf (out, "\\u%04x", c);
			p++;
		} else if (c < 0x80) {
			g_string_append_c (out, (char)c);
			p++;
		} else {
			gunichar u = g_utf8_get_char_validated (p, end - p);
			if (u != (gunichar)-1 && u != (gunichar)-2) {
				const char *after = g_utf8_next_char (p);
				g_string_append_len (out, p, after - p);
				p = after;
				continue;
			}
			g_string_append_printf (out, "\\\\x%02X", c);
			p++;
		}
	}
	g_string_append_c (out, '"');
}

void
st_json_strings (GString *out, const GPtrArray *list)
{
	g_string_append_c (out, '[');
	for (guint k = 0; list != NULL && k < list->len; k++) {
		if (k > 0)
			g_string_append_c (out, ',');
		st_json_string (out, list->pdata[k]);
	}
	g_string_append_c (out, ']');
}

void
st_json_init (StJson *j, GString *out)
{
	g_return_if_fail (j != NULL && out != NULL);
	*j = (StJson){ .out = out };
}

/* Before any value or key: the comma when the container has one already. */
static void
separate (StJson *j)
{
	if (j->keyed) {
		j->keyed = FALSE;
		return;
	}
	if (j->depth == 0)
		return;
	guint64 bit = G_GUINT64_CONSTANT (1) << (j->depth - 1);
	if (j->filled & bit)
		g_string_append_c (j->out, ',');
	j->filled |= bit;
}

static void
open_container (StJson *j, char c)
{
	g_return_if_fail (j->depth < 64);
	separate (j);
	g_string_append_c (j->out, c);
	j->depth++;
	j->filled &= ~(G_GUINT64_CONSTANT (1) << (j->depth - 1));
}

static void
close_container (StJson *j, char c)
{
	g_return_if_fail (j->depth > 0 && !j->keyed);
	g_string_append_c (j->out, c);
	j->depth--;
}

void
st_json_begin_object (StJson *j)
{
	open_container (j, '{');
}

void
st_json_end_object (StJson *j)
{
	close_container (j, '}');
}

void
st_json_begin_array (StJson *j)
{
	open_container (j, '[');
}

void
st_json_end_array (StJson *j)
{
	close_container (j, ']');
}

void
st_json_key (StJson *j, const char *key)
{
	g_return_if_fail (j->depth > 0 && !j->keyed);
	separate (j);
	st_json_string (j->out, key);
	g_string_append_c (j->out, ':');
	j->keyed = TRUE;
}

void
st_json_str (StJson *j, const char *s)
{
	separate (j);
	st_json_string (j->out, s);
}

void
st_json_str_or_null (StJson *j, const char *s)
{
	if (s != NULL)
		st_json_str (j, s);
	else
		st_json_null (j);
}

void
st_json_int (StJson *j, gint64 v)
{
	separate (j);
	g_string_append_printf (j->out, "%" G_GINT64_FORMAT, v);
}

void
st_json_uint (StJson *j, guint64 v)
{
	separate (j);
	g_string_append_printf (j->out, "%" G_GUINT64_FORMAT, v);
}

void
st_json_bool (StJson *j, gboolean v)
{
	separate (j);
	g_string_append (j->out, v ? "true" : "false");
}

void
st_json_null (StJson *j)
{
	separate (j);
	g_string_append (j->out, "null");
}

void
st_json_fixed (StJson *j, double v, int decimals)
{
	separate (j);
	g_string_append_printf (j->out, "%.*f", decimals, v);
}

void
st_json_str_array (StJson *j, const GPtrArray *list)
{
	separate (j);
	st_json_strings (j->out, list);
}

void
st_json_raw (StJson *j, const char *json)
{
	separate (j);
	g_string_append (j->out, json != NULL ? json : "null");
}

void
st_json_member_str (StJson *j, const char *key, const char *s)
{
	st_json_key (j, key);
	st_json_str (j, s);
}

void
st_json_member_str_or_null (StJson *j, const char *key, const char *s)
{
	st_json_key (j, key);
	st_json_str_or_null (j, s);
}

void
st_json_member_int (StJson *j, const char *key, gint64 v)
{
	st_json_key (j, key);
	st_json_int (j, v);
}

void
st_json_member_bool (StJson *j, const char *key, gboolean v)
{
	st_json_key (j, key);
	st_json_bool (j, v);
}
