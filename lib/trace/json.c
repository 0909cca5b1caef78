/* json.c - the analysis as JSON, for scripts and for the report tool.
 * RFC 8259 sections 7 (strings) and 8.1 (UTF-8). */
#include "config.h"

#include <string.h>

#include "finding.h"
#include "json.h"

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
findings_json (GString *out, const GPtrArray *list)
{
	g_string_append_c (out, '[');
	for (guint k = 0; k < list->len; k++) {
		const StFinding *f = list->pdata[k];
		gboolean first = TRUE;
		if (k > 0)
			g_string_append_c (out, ',');
		g_string_append_c (out, '{');
		kv_str (out, "code", f->code, &first);
		kv_str (out, "detail", f->detail, &first);
		g_string_append_c (out, '}');
	}
	g_string_append_c (out, ']');
}

void
st_json_strings (GString *out, const GPtrArray *list)
{
	g_string_append_c (out, '[');
	for (guint k = 0; k < list->len; k++) {
		if (k > 0)
			g_string_append_c (out, ',');
		st_json_string (out, list->pdata[k]);
	}
	g_string_append_c (out, ']');
}

static void
hop_json (GString *out, const StAnalysis *a, guint i)
{
	const StReceived *r = a->hops->pdata[i];
	gboolean first = TRUE;

	g_string_append_c (out, '{');
	kv_bool (out, "relay", r->kind == ST_RECEIVED_RELAY, &first);
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
	kv_str (out, "judgement", st_judgement_to_string (a->judged[i].judgement), &first);
	key (out, "forged", &first);
	findings_json (out, a->judged[i].forged);
	key (out, "insecure", &first);
	findings_json (out, a->judged[i].insecure);
	key (out, "notes", &first);
	findings_json (out, a->judged[i].notes);
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
	kv_str (out, "gateway", a->walk.gateway != NULL ? a->walk.gateway : "", &first);

	key (out, "source", &first);
	if (a->source.hop >= 0) {
		const StReceived *s = a->hops->pdata[a->source.hop];
		gboolean f2 = TRUE;
		g_string_append_c (out, '{');
		kv_int (out, "hop", a->source.hop, &f2);
		kv_str (out, "ip", s->ip, &f2);
		kv_str (out, "rdns", s->rdns, &f2);
		kv_str (out, "helo", s->helo, &f2);
		kv_str (out, "why", a->source.why, &f2);
		g_string_append_c (out, '}');
	} else {
		g_string_append (out, "null");
	}
	kv_bool (out, "source_hidden", a->source.hidden, &first);
	kv_str (out, "source_note", a->source.hidden ? a->source.why : "", &first);
	kv_str (out, "source_provider", a->source.provider ? a->source.provider : "", &first);

	key (out, "auth", &first);
	{
		gboolean f2 = TRUE;
		g_string_append_c (out, '{');
		kv_str (out, "authserv_id", a->auth.authserv_id, &f2);
		kv_str (out, "spf", a->auth.spf, &f2);
		kv_str (out, "dkim", a->auth.dkim, &f2);
		kv_str (out, "dmarc", a->auth.dmarc, &f2);
		kv_str (out, "arc", a->auth.arc, &f2);
		kv_str (out, "from_domain", a->auth.from_domain, &f2);
		kv_bool (out, "from_forged", a->auth.from_forged, &f2);
		kv_str (out, "from_forged_why", a->auth.from_forged_why, &f2);
		g_string_append_c (out, '}');
	}
	key (out, "verdict", &first);
	{
		gboolean f2 = TRUE;
		g_string_append_c (out, '{');
		kv_bool (out, "suspect", a->verdict.suspect, &f2);
		key (out, "score", &f2);
		g_string_append_printf (out, "%.1f", a->verdict.score);
		key (out, "reasons", &f2);
		st_json_strings (out, a->verdict.reasons);
		key (out, "filters", &f2);
		st_json_strings (out, a->verdict.filters);
		g_string_append_c (out, '}');
	}
	kv_str (out, "webmail_client", a->webmail_ip ? a->webmail_ip : "", &first);
	kv_str (out, "webmail_why", a->webmail_why ? a->webmail_why : "", &first);
	kv_int (out, "renamed", a->renamed, &first);
	kv_bool (out, "headers_truncated", a->truncated, &first);
	kv_int (out, "hops_not_read", a->hops_dropped, &first);
	g_string_append (out, "}\n");
	return g_string_free (out, FALSE);
}
