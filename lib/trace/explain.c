/* explain.c - the analysis for a person: the hop table and the reasoning, with evidence.
 * Every conclusion is printed next to the line it was drawn from. */
#include "config.h"

#include <string.h>

#include "explain.h"
#include "finding.h"

char *
st_explain_safe (const char *text, gsize max)
{
	GString *out = g_string_new (NULL);
	const char *p = text, *end = text + strlen (text);

	while (p < end) {
		if (out->len >= max) {
			g_string_append (out, "...");
			break;
		}
		guchar c = (guchar)*p;
		if (c >= 0x20 && c < 0x7f) {
			g_string_append_c (out, (char)c);
			p++;
			continue;
		}
		if (c >= 0x80) {
			gunichar u = g_utf8_get_char_validated (p, end - p);
			if (u != (gunichar)-1 && u != (gunichar)-2 && g_unichar_isprint (u)) {
				const char *after = g_utf8_next_char (p);
				g_string_append_len (out, p, after - p);
				p = after;
				continue;
			}
		}
		g_string_append_printf (out, "\\x%02X", c);
		p++;
	}
	return g_string_free (out, FALSE);
}

static const char *
or_dash (const char *s)
{
	return s[0] != '\0' ? s : "-";
}

static void
append_findings (GString *out, const char *label, const GPtrArray *list)
{
	for (guint k = 0; k < list->len; k++) {
		const StFinding *f = list->pdata[k];
		g_autofree char *d = st_explain_safe (f->detail, 600);
		g_string_append_printf (out, "  %s %s: %s\n", label, f->code, d);
	}
}

/* The hop table: one row a hop, its kind, trust and client. */
static void
explain_table (GString *out, const StAnalysis *a)
{
	g_string_append (out, "hop  kind         trusted  client (ip / rdns / helo)"
			      "                    received by\n");
	for (guint i = 0; i < a->n_hops; i++) {
		const StReceived *r = a->hop[i].line;
		const char *mark = (int)i == a->walk.origin ? "ORIGIN"
				   : a->hop[i].trusted      ? "yes"
							    : "no";
		g_autofree char *client = g_strdup_printf (
			"%s / %s / %s", or_dash (r->ip), or_dash (r->rdns), or_dash (r->helo));
		g_autofree char *sc = st_explain_safe (client, 60);
		g_autofree char *sb = st_explain_safe (or_dash (r->by), 40);
		g_string_append_printf (out, "%3u  %-11s  %-7s  %-44s %s\n", i,
			st_received_kind_to_string (r->kind), mark, sc, sb);
	}
}

/* Each hop's line, what it records, and what the walk and the judge made
 * of it. */
static void
explain_reasoning (GString *out, const StAnalysis *a)
{
	g_string_append (
		out, "\nReasoning, top down (the top line was written by your own server):\n");
	for (guint i = 0; i < a->n_hops; i++) {
		const StHop *h = &a->hop[i];
		const StReceived *r = h->line;
		g_autofree char *raw = st_explain_safe (r->raw, 400);
		g_autofree char *flags = st_received_flags_to_string (r->flags);
		g_autofree char *by = st_explain_safe (r->by[0] ? r->by : "an unnamed host", 200);
		g_string_append_printf (out, "\nhop %u (%s, written by %s):\n  Received: %s\n", i,
			r->dialect, by, raw);
		if (flags[0] != '\0')
			g_string_append_printf (out, "  notes: %s\n", flags);
		if (r->date[0] != '\0')
			g_string_append_printf (out, "  time: %s\n", r->date);
		if (r->auth[0] != '\0') {
			g_autofree char *u = st_explain_safe (r->auth_user, 80);
			g_autofree char *au = st_explain_safe (r->auth, 80);
			g_string_append_printf (
				out, "  authenticated: %s%s%s\n", au, u[0] ? " as " : "", u);
		}
		if (h->why != NULL) {
			g_autofree char *why = st_explain_safe (h->why, 600);
			g_string_append_printf (out, "  => %s\n", why);
		}
		const StHopJudgement *j = &h->judged;
		if (j->judgement != ST_JUDGEMENT_TRUSTED)
			g_string_append_printf (
				out, "  judgement: %s\n", st_judgement_to_string (j->judgement));
		append_findings (out, "FORGED", j->forged);
		append_findings (out, "INSECURE", j->insecure);
		append_findings (out, "note", j->notes);
	}
}

/* The origin, the source, the web client. */
static void
explain_origin (GString *out, const StAnalysis *a)
{
	const StReceived *o = st_analysis_origin (a);

	if (o != NULL) {
		g_autofree char *rd = st_explain_safe (or_dash (o->rdns), 200);
		g_autofree char *he = st_explain_safe (or_dash (o->helo), 200);
		g_autofree char *by = st_explain_safe (or_dash (o->by), 200);
		g_string_append_printf (out,
			"Origin: hop %d, %s (rdns %s, helo %s), which handed the message to "
			"%s%s%s.\n",
			a->walk.origin, o->ip[0] ? o->ip : "an unrecorded address", rd, he, by,
			o->date[0] ? " at " : "", o->date);
		if (a->walk.reason != NULL) {
			g_autofree char *why = st_explain_safe (a->walk.reason, 600);
			g_string_append_printf (out, "Note: %s.\n", why);
		}
	} else {
		g_autofree char *why = st_explain_safe (
			a->walk.reason != NULL ? a->walk.reason : "unknown", 600);
		g_string_append_printf (out, "No origin: %s.\n", why);
	}
	if (a->source.hop >= 0) {
		const StReceived *src = a->hop[a->source.hop].line;
		g_autofree char *why = st_explain_safe (a->source.why, 600);
		g_string_append_printf (
			out, "Source: hop %d, %s: %s.\n", a->source.hop, src->ip, why);
	} else if (a->source.hidden) {
		g_autofree char *why = st_explain_safe (a->source.why, 600);
		g_string_append_printf (out, "Source: hidden. %s.\n", why);
	}
	if (a->webmail_ip != NULL) {
		g_autofree char *why = st_explain_safe (a->webmail_why, 600);
		g_string_append_printf (out, "Web client: %s (%s).\n", a->webmail_ip, why);
	}
}

/* What our own servers' authentication checks found. */
static void
explain_auth (GString *out, const StAnalysis *a)
{
	if (a->auth.found || a->auth.from_domain[0]) {
		g_autofree char *from = st_explain_safe (a->auth.from_domain, 200);
		g_autofree char *id = st_explain_safe (a->auth.authserv_id, 200);
		g_autofree char *spf = st_explain_safe (a->auth.spf[0] ? a->auth.spf : "none", 40);
		g_autofree char *dkim = st_explain_safe (a->auth.dkim[0] ? a->auth.dkim : "none", 40);
		g_autofree char *dmarc = st_explain_safe (a->auth.dmarc[0] ? a->auth.dmarc : "none", 40);
		g_autofree char *arc = st_explain_safe (a->auth.arc, 40);
		g_string_append_printf (out,
			"Authentication (as our own servers%s%s found it): spf=%s dkim=%s "
			"dmarc=%s%s%s; "
			"From: domain %s%s\n",
			id[0] ? ", " : "", id, spf, dkim, dmarc, arc[0] ? " arc=" : "", arc,
			from[0] ? from : "(none)",
			a->auth.from_forged
				? " is FORGED: the owner of that domain is a victim, not the "
				  "sender"
				: "");
		if (a->auth.from_forged) {
			g_autofree char *w = st_explain_safe (a->auth.from_forged_why, 300);
			g_string_append_printf (out, "  (%s)\n", w);
		}
	}
}

/* The verdict with its reasons, the hint, and what was not read. */
static void
explain_verdict (GString *out, const StAnalysis *a)
{
	g_string_append_printf (out, "Verdict: %s, score %.1f",
		a->verdict.suspect ? "SUSPECT" : "not suspect", a->verdict.score);
	for (guint i = 0; i < a->verdict.reasons->len; i++)
		g_string_append_printf (
			out, "%s%s", i == 0 ? " (" : ", ", (char *)a->verdict.reasons->pdata[i]);
	g_string_append (out, a->verdict.reasons->len > 0 ? ")\n" : "\n");
	for (guint i = 0; i < a->verdict.filters->len; i++)
		g_string_append_printf (
			out, "  our own filter said: %s\n", (char *)a->verdict.filters->pdata[i]);
	if (a->walk.hint != NULL) {
		g_autofree char *h = st_explain_safe (a->walk.hint, 600);
		g_string_append_printf (out, "Hint: %s.\n", h);
	}
	if (a->truncated)
		g_string_append (
			out, "Note: the header section was too large; only its start was read.\n");
	if (a->hops_dropped > 0)
		g_string_append_printf (
			out, "Note: %u further Received: lines were not read.\n", a->hops_dropped);
	if (a->renamed > 0)
		g_string_append_printf (out,
			"Note: %u X-Spamtrace fields were already in the message; someone else "
			"wrote "
			"them, so the filter renames them Old-X-Spamtrace-*.\n",
			a->renamed);
}

char *
st_explain_analysis (const StAnalysis *a, const char *program)
{
	GString *out = g_string_new (NULL);

	g_string_append_printf (
		out, "%s %s: how this message reached you\n\n", program, PACKAGE_VERSION);
	if (a->n_hops == 0)
		g_string_append (out, "The message has no Received: lines at all.\n");
	explain_table (out, a);
	explain_reasoning (out, a);
	g_string_append_c (out, '\n');
	explain_origin (out, a);
	explain_auth (out, a);
	explain_verdict (out, a);
	return g_string_free (out, FALSE);
}
