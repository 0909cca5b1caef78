/* json.c - the analysis as JSON, for scripts and for the report tool.
 * RFC 8259 sections 7 (strings) and 8.1 (UTF-8). */
#include "config.h"

#include <string.h>

#include "json.h"

void
st_json_string (GString *out, const char *s)
{
	const char *p = s != NULL ? s : "";
	const char *end = p + strlen (p);

	g_string_append_c (out, '"');
	while (p < end) {
		guchar c = (guchar) *p;
		if (c == '"' || c == '\\') {
			g_string_append_c (out, '\\');
			g_string_append_c (out, (char) c);
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			g_string_append_printf (out, "\\u%04x", c);
			p++;
		} else if (c < 0x80) {
			g_string_append_c (out, (char) c);
			p++;
		} else {
			gunichar u = g_utf8_get_char_validated (p, end - p);
			if (u != (gunichar) -1 && u != (gunichar) -2) {
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

static void
key (GString *out, const char *k, gboolean *first)
{
	if (!*first)
		g_string_append_c (out, ',');
	*first = FALSE;
	st_json_string (out, k);
	g_string_append_c (out, ':');
}

static void
kv_str (GString *out, const char *k, const char *v, gboolean *first)
{
	key (out, k, first);
	st_json_string (out, v);
}

static void
kv_bool (GString *out, const char *k, gboolean v, gboolean *first)
{
	key (out, k, first);
	g_string_append (out, v ? "true" : "false");
}

static void
kv_int (GString *out, const char *k, gint64 v, gboolean *first)
{
	key (out, k, first);
	g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
}

static void
hop_json (GString *out, const StAnalysis *a, guint i)
{
	const StReceived *r = a->hops->pdata[i];
	gboolean first = TRUE;

	g_string_append_c (out, '{');
	kv_bool (out, "relay", r->relay, &first);
	kv_str (out, "ip", r->ip, &first);
	kv_str (out, "rdns", r->rdns, &first);
	kv_str (out, "helo", r->helo, &first);
	kv_str (out, "ident", r->ident, &first);
	kv_str (out, "auth", r->auth, &first);
	kv_str (out, "auth_user", r->auth_user, &first);
	kv_str (out, "by", r->by, &first);
	kv_str (out, "with", r->with, &first);
	kv_str (out, "id", r->id, &first);
	kv_str (out, "for", r->for_addr, &first);
	kv_str (out, "envfrom", r->envfrom, &first);
	kv_str (out, "date", r->date, &first);
	kv_bool (out, "sender_trusted", a->walk.sender_trusted[i], &first);
	key (out, "forged", &first);
	g_string_append (out, "[]");
	key (out, "insecure", &first);
	g_string_append (out, "[]");
	kv_str (out, "kind", st_received_kind_to_string (r->kind), &first);
	kv_str (out, "dialect", r->dialect, &first);
	kv_str (out, "via", r->via, &first);
	kv_str (out, "by_ip", r->by_ip, &first);
	g_autofree char *flags = st_received_flags_to_string (r->flags);
	key (out, "flags", &first);
	g_string_append_c (out, '[');
	g_auto (GStrv) names = g_strsplit (flags, ",", -1);
	for (guint k = 0; names[k] != NULL && names[k][0] != '\0'; k++) {
		if (k > 0)
			g_string_append_c (out, ',');
		st_json_string (out, names[k]);
	}
	g_string_append_c (out, ']');
	kv_str (out, "trust", a->walk.why[i] != NULL ? a->walk.why[i] : "", &first);
	kv_str (out, "raw", r->raw, &first);
	g_string_append_c (out, '}');
}

char *
st_json_analysis (const StAnalysis *a, const char *program)
{
	GString *out = g_string_new (NULL);
	gboolean first = TRUE;
	const StReceived *o = st_analysis_origin (a);

	g_string_append_c (out, '{');
	g_autofree char *version = g_strdup_printf ("%s %s", program, PACKAGE_VERSION);
	kv_str (out, "version", version, &first);
	key (out, "hops", &first);
	g_string_append_c (out, '[');
	for (guint i = 0; i < a->hops->len; i++) {
		if (i > 0)
			g_string_append_c (out, ',');
		hop_json (out, a, i);
	}
	g_string_append_c (out, ']');

	key (out, "origin", &first);
	if (o != NULL) {
		gboolean f2 = TRUE;
		g_string_append_c (out, '{');
		kv_int (out, "hop", a->walk.origin, &f2);
		kv_str (out, "ip", o->ip, &f2);
		kv_str (out, "rdns", o->rdns, &f2);
		kv_str (out, "helo", o->helo, &f2);
		kv_str (out, "by", o->by, &f2);
		kv_str (out, "date", o->date, &f2);
		kv_str (out, "hint", a->walk.hint != NULL ? a->walk.hint : "", &f2);
		g_string_append_c (out, '}');
	} else {
		g_string_append (out, "null");
	}
	kv_str (out, "reason", a->walk.reason != NULL ? a->walk.reason : "", &first);
	key (out, "trust", &first);
	{
		gboolean f2 = TRUE;
		g_string_append_c (out, '{');
		kv_int (out, "trusted", a->walk.trusted, &f2);
		kv_str (out, "boundary", a->walk.boundary != NULL ? a->walk.boundary : "", &f2);
		g_string_append_c (out, '}');
	}
	kv_str (out, "hint", a->walk.hint != NULL ? a->walk.hint : "", &first);
	kv_int (out, "renamed", a->renamed, &first);
	kv_bool (out, "headers_truncated", a->truncated, &first);
	kv_int (out, "hops_not_read", a->hops_dropped, &first);
	g_string_append (out, "}\n");
	return g_string_free (out, FALSE);
}
