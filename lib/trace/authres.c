/* authres.c - what our own servers concluded about the sender: SPF, DKIM, DMARC, ARC.
 * RFC 8601 sections 2.2 and 2.7, RFC 7208 section 9.1, RFC 7489 section 3.1 (alignment). */
#include "config.h"

#include <string.h>

#include "authres.h"
#include "domain.h"

static void
result_free (gpointer p)
{
	StAuthResult *r = p;
	g_free (r->method);
	g_free (r->result);
	g_free (r->domain);
	g_free (r);
}

/* Splits at ";" outside comments and quoted strings. */
static GPtrArray *
split_resinfo (const char *v)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
	GString *cur = g_string_new (NULL);
	int depth = 0;
	gboolean quoted = FALSE;

	for (const char *p = v; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			g_string_append_c (cur, *p++);
		} else if (*p == '"' && depth == 0) {
			quoted = !quoted;
		} else if (!quoted && *p == '(') {
			depth++;
		} else if (!quoted && *p == ')' && depth > 0) {
			depth--;
		} else if (!quoted && depth == 0 && *p == ';') {
			g_ptr_array_add (parts, g_strstrip (g_string_free (cur, FALSE)));
			cur = g_string_new (NULL);
			continue;
		}
		/* comments are dropped; everything else is kept */
		if (depth == 0 && *p != ')')
			g_string_append_c (cur, *p);
	}
	g_ptr_array_add (parts, g_strstrip (g_string_free (cur, FALSE)));
	return parts;
}

static char *
domain_of (const char *v)
{
	const char *at = strrchr (v, '@');
	g_autofree char *d = g_ascii_strdown (at ? at + 1 : v, -1);
	g_strstrip (d);
	gsize n = strlen (d);
	while (n > 0 && (d[n - 1] == '>' || d[n - 1] == '"' || d[n - 1] == '.'))
		d[--n] = '\0';
	return n > 0 && strchr (d, '.') != NULL ? g_steal_pointer (&d) : NULL;
}

GPtrArray *
st_authres_parse (const char *value, char **authserv_id)
{
	GPtrArray *out = g_ptr_array_new_with_free_func (result_free);
	g_autoptr (GPtrArray) parts = split_resinfo (value);

	*authserv_id = g_strdup ("");
	for (guint i = 0; i < parts->len; i++) {
		const char *part = parts->pdata[i];
		g_auto (GStrv) words = g_strsplit_set (part, " \t\r\n", -1);
		StAuthResult *r = NULL;

		for (char **w = words; *w != NULL; w++) {
			if ((*w)[0] == '\0')
				continue;
			const char *eq = strchr (*w, '=');
			if (i == 0 && r == NULL && eq == NULL) {
				/* authserv-id, maybe followed by a version */
				if ((*authserv_id)[0] == '\0') {
					g_free (*authserv_id);
					*authserv_id = g_ascii_strdown (*w, -1);
				}
				continue;
			}
			if (eq == NULL)
				continue;
			g_autofree char *key = g_ascii_strdown (*w, eq - *w);
			const char *val = eq + 1;
			if (r == NULL && strchr (key, '.') == NULL) {
				/* method[/version]=result */
				char *slash = strchr (key, '/');
				if (slash != NULL)
					*slash = '\0';
				r = g_new0 (StAuthResult, 1);
				r->method = g_strdup (key);
				r->result = g_ascii_strdown (val, -1);
				g_ptr_array_add (out, r);
			} else if (r != NULL &&
				   (g_str_equal (key, "smtp.mailfrom") ||
					   g_str_equal (key, "header.d") ||
					   g_str_equal (key, "header.from") ||
					   g_str_equal (key, "header.i")) &&
				   r->domain == NULL) {
				r->domain = domain_of (val);
			}
		}
	}
	return out;
}

char *
st_authres_from_domain (const char *value)
{
	const char *lt = strrchr (value, '<');
	g_autofree char *addr = NULL;
	if (lt != NULL) {
		const char *gt = strchr (lt, '>');
		addr = g_strndup (lt + 1, gt ? (gsize)(gt - lt - 1) : strlen (lt + 1));
	} else {
		addr = g_strdup (value);
		char *comma = strchr (addr, ',');
		if (comma != NULL)
			*comma = '\0';
	}
	if (strchr (addr, '@') == NULL)
		return NULL;
	return domain_of (addr);
}

static void
set (char **slot, const char *v)
{
	if ((*slot)[0] == '\0' && v != NULL) {
		g_free (*slot);
		*slot = g_strdup (v);
	}
}

/* RFC 7489 relaxed alignment: the same organisational domain. */
static gboolean
aligned (const char *a, const char *b)
{
	if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
		return FALSE;
	g_autofree char *ra = st_domain_registrable (a);
	g_autofree char *rb = st_domain_registrable (b);
	return ra != NULL && rb != NULL && g_str_equal (ra, rb);
}

static gboolean
is_fail (const char *r)
{
	return g_str_equal (r, "fail") || g_str_equal (r, "softfail") ||
	       g_str_equal (r, "permerror");
}

void
st_authres_summarize (const StHeaders *h, guint limit, const char *authserv_id, StAuthSummary *out)
{
	memset (out, 0, sizeof *out);
	out->spf = g_strdup ("");
	out->dkim = g_strdup ("");
	out->dmarc = g_strdup ("");
	out->arc = g_strdup ("");
	out->spf_domain = g_strdup ("");
	out->dkim_domain = g_strdup ("");
	out->from_domain = g_strdup ("");
	out->authserv_id = g_strdup ("");
	out->from_forged_why = g_strdup ("");

	for (guint i = 0; i < h->fields->len; i++) {
		const StField *f = &g_array_index (h->fields, StField, i);
		g_autofree char *v = NULL;

		if (st_field_is (f, "From") && out->from_domain[0] == '\0') {
			v = st_field_unfold (f);
			g_autofree char *d = st_authres_from_domain (v);
			set (&out->from_domain, d);
			continue;
		}
		if (i >= limit)
			continue;
		if (st_field_is (f, "Authentication-Results")) {
			g_autofree char *id = NULL;
			v = st_field_unfold (f);
			g_autoptr (GPtrArray) rs = st_authres_parse (v, &id);
			if (authserv_id != NULL && authserv_id[0] != '\0' &&
				g_ascii_strcasecmp (id, authserv_id) != 0)
				continue;
			out->found = TRUE;
			set (&out->authserv_id, id);
			for (guint k = 0; k < rs->len; k++) {
				const StAuthResult *r = rs->pdata[k];
				if (g_str_equal (r->method, "spf")) {
					set (&out->spf, r->result);
					set (&out->spf_domain, r->domain);
				} else if (g_str_equal (r->method, "dkim")) {
					/* several signatures: a pass wins */
					if (g_str_equal (r->result, "pass") ||
						out->dkim[0] == '\0') {
						g_free (out->dkim);
						out->dkim = g_strdup (r->result);
						g_free (out->dkim_domain);
						out->dkim_domain =
							g_strdup (r->domain ? r->domain : "");
					}
				} else if (g_str_equal (r->method, "dmarc")) {
					set (&out->dmarc, r->result);
				} else if (g_str_equal (r->method, "arc")) {
					set (&out->arc, r->result);
				}
			}
		} else if (st_field_is (f, "Received-SPF") &&
			   (authserv_id == NULL || authserv_id[0] == '\0')) {
			/* RFC 7208 9.1: the result is the first word */
			v = st_field_unfold (f);
			g_auto (GStrv) w = g_strsplit_set (g_strstrip (v), " \t(;", 2);
			if (w[0] != NULL && w[0][0] != '\0') {
				g_autofree char *r = g_ascii_strdown (w[0], -1);
				set (&out->spf, r);
				out->found = TRUE;
			}
		}
	}

	/* Is the From: domain forged? DMARC says so directly; without DMARC,
	 * SPF and DKIM failing for the From: domain itself say so too. */
	if (g_str_equal (out->dmarc, "fail")) {
		out->from_forged = TRUE;
		g_free (out->from_forged_why);
		out->from_forged_why = g_strdup_printf ("DMARC for %s failed (%s)",
			out->from_domain[0] ? out->from_domain : "the From: domain",
			out->authserv_id[0] ? out->authserv_id : "our server's verdict");
	} else if (out->dmarc[0] == '\0' && out->from_domain[0] != '\0' && is_fail (out->spf) &&
		   aligned (out->spf_domain, out->from_domain) &&
		   !(g_str_equal (out->dkim, "pass") &&
			   aligned (out->dkim_domain, out->from_domain))) {
		out->from_forged = TRUE;
		g_free (out->from_forged_why);
		out->from_forged_why = g_strdup_printf (
			"SPF for %s failed and no DKIM signature of that domain verified",
			out->from_domain);
	}
}

void
st_auth_summary_clear (StAuthSummary *s)
{
	g_free (s->spf);
	g_free (s->dkim);
	g_free (s->dmarc);
	g_free (s->arc);
	g_free (s->spf_domain);
	g_free (s->dkim_domain);
	g_free (s->from_domain);
	g_free (s->authserv_id);
	g_free (s->from_forged_why);
	memset (s, 0, sizeof *s);
}
