/* tag.c - our X-Spamtrace-* header fields: safe values, folding, the set we add.
 * RFC 5322 sections 2.2.3 and 3.2.2: we write ASCII only, fold at white space
 * before column 78, and never let message text carry a line ending. */
#include "config.h"

#include <string.h>

#include "finding.h"
#include "tag.h"

#define FOLD_COLUMN 78

static void
escape_max (GString *out, const char *value, gboolean keep_spaces, gsize max)
{
	gsize start = out->len;

	for (const guchar *p = (const guchar *)value; *p != '\0'; p++) {
		if (out->len - start >= max) {
			g_string_append (out, "...");
			return;
		}
		if ((*p > 0x20 && *p < 0x7f && *p != ';' && *p != '\\') ||
			(*p == ' ' && keep_spaces))
			g_string_append_c (out, (char)*p);
		else
			g_string_append_printf (out, "\\x%02X", *p);
	}
}

void
st_tag_escape (GString *out, const char *value, gboolean keep_spaces)
{
	escape_max (out, value, keep_spaces, keep_spaces ? ST_TAG_MAX_TEXT : ST_TAG_MAX_VALUE);
}

void
st_tag_field_init (StTagField *f, const char *name)
{
	f->name = g_strdup (name);
	f->value = g_string_new (NULL);
}

void
st_tag_field_clear (StTagField *f)
{
	g_free (f->name);
	if (f->value != NULL)
		g_string_free (f->value, TRUE);
	f->name = NULL;
	f->value = NULL;
}

static void
separate (StTagField *f)
{
	if (f->value->len > 0)
		g_string_append (f->value, "; ");
}

void
st_tag_field_word (StTagField *f, const char *word)
{
	separate (f);
	st_tag_escape (f->value, word, FALSE);
}

void
st_tag_field_pair (StTagField *f, const char *key, const char *value)
{
	separate (f);
	g_string_append_printf (f->value, "%s=", key);
	st_tag_escape (f->value, value != NULL ? value : "", FALSE);
}

void
st_tag_field_text (StTagField *f, const char *key, const char *text)
{
	separate (f);
	g_string_append_printf (f->value, "%s=", key);
	st_tag_escape (f->value, text != NULL ? text : "", TRUE);
}

void
st_tag_field_int (StTagField *f, const char *key, gint64 value)
{
	separate (f);
	g_string_append_printf (f->value, "%s=%" G_GINT64_FORMAT, key, value);
}

void
st_tag_field_write (const StTagField *f, GString *out, const char *eol)
{
	gsize col;
	const char *v = f->value->str;

	g_string_append (out, f->name);
	g_string_append_c (out, ':');
	col = strlen (f->name) + 1;

	/* Greedy folding at the spaces of the value: the space stays as the
	 * first character of the continuation line, so unfolding (RFC 5322
	 * section 2.2.3) gives back the value exactly. */
	while (*v != '\0') {
		const char *sp = strchr (v + 1, ' ');
		gsize word = sp ? (gsize)(sp - v) : strlen (v);
		gboolean leading_space = *v == ' ';
		if (!leading_space) {
			/* the first word follows "Name:" after one space */
			g_string_append_c (out, ' ');
			col++;
		} else if (col + word > FOLD_COLUMN && col > strlen (f->name) + 2) {
			g_string_append (out, eol);
			col = 0;
		}
		g_string_append_len (out, v, (gssize)word);
		col += word;
		v += word;
	}
	if (f->value->len == 0)
		g_string_append_c (out, ' ');
	g_string_append (out, eol);
}

static void
write_field (StTagField *f, GString *out, const char *eol)
{
	st_tag_field_write (f, out, eol);
	st_tag_field_clear (f);
}

/* At most this many fields of one kind; then one with the count of the rest. */
#define MAX_FINDING_FIELDS 5

/* One field per finding: "hop=N; code=…; detail=…" (or "host=…"). Only
 * lines judged forged are named as forged: the findings on lines below
 * them stay in --json and --explain. */
static void
write_findings (
	const StAnalysis *a, const char *name, gboolean forged, GString *out, const char *eol)
{
	guint written = 0, more = 0;

	for (guint i = 0; i < a->n_hops; i++) {
		const StHopJudgement *j = &a->hop[i].judged;
		const GPtrArray *list = forged ? j->forged : j->insecure;
		if (forged && j->judgement != ST_JUDGEMENT_FORGED)
			continue;
		for (guint k = 0; k < list->len; k++) {
			const StFinding *fi = list->pdata[k];
			StTagField f;
			if (written >= MAX_FINDING_FIELDS) {
				more++;
				continue;
			}
			st_tag_field_init (&f, name);
			st_tag_field_int (&f, "hop", i);
			st_tag_field_pair (&f, "code", fi->code);
			if (!forged)
				st_tag_field_pair (&f, "host", a->hop[i].line->by);
			st_tag_field_text (&f, "detail", fi->detail);
			write_field (&f, out, eol);
			written++;
		}
	}
	if (more > 0) {
		StTagField f;
		st_tag_field_init (&f, name);
		st_tag_field_int (&f, "more", more);
		write_field (&f, out, eol);
	}
}

void
st_tag_write_analysis (const StAnalysis *a, const char *program, GString *out, const char *eol)
{
	StTagField f;
	const StReceived *o = st_analysis_origin (a);

	st_tag_field_init (&f, st_ours_name (ST_OURS_VERSION));
	g_string_append_printf (f.value, "%s %s", program, PACKAGE_VERSION);
	write_field (&f, out, eol);

	st_tag_field_init (&f, st_ours_name (ST_OURS_ORIGIN));
	if (o != NULL) {
		st_tag_field_pair (&f, "ip", o->ip);
		st_tag_field_pair (&f, "rdns", o->rdns);
		st_tag_field_pair (&f, "helo", o->helo);
		st_tag_field_int (&f, "hop", a->walk.origin);
		if (o->ip[0] == '\0')
			st_tag_field_text (&f, "note", a->walk.reason);
	} else {
		st_tag_field_word (&f, "none");
		st_tag_field_text (&f, "reason", a->walk.reason);
	}
	write_field (&f, out, eol);

	st_tag_field_init (&f, st_ours_name (ST_OURS_TRUST));
	st_tag_field_int (&f, "trusted", a->walk.trusted);
	st_tag_field_pair (&f, "boundary", a->walk.boundary != NULL ? a->walk.boundary : "");
	if (a->walk.gateway != NULL)
		st_tag_field_pair (&f, "gateway-origin", a->walk.gateway);
	else if (a->walk.hint != NULL)
		st_tag_field_word (&f, "same-domain-origin");
	if (a->truncated)
		st_tag_field_word (&f, "headers-truncated");
	if (a->hops_dropped > 0)
		st_tag_field_int (&f, "hops-not-read", a->hops_dropped);
	write_field (&f, out, eol);

	/* the verdict: recipes route on this line */
	st_tag_field_init (&f, st_ours_name (ST_OURS_SUSPECT));
	st_tag_field_word (&f, a->verdict.suspect ? "yes" : "no");
	g_string_append_printf (f.value, "; score=%.1f", a->verdict.score);
	{
		g_autoptr (GString) reasons = g_string_new (NULL);
		for (guint i = 0; i < a->verdict.reasons->len; i++) {
			if (i > 0)
				g_string_append_c (reasons, ',');
			g_string_append (reasons, a->verdict.reasons->pdata[i]);
		}
		if (reasons->len > 0)
			st_tag_field_pair (&f, "reasons", reasons->str);
	}
	write_field (&f, out, eol);

	write_findings (a, st_ours_name (ST_OURS_FORGED), TRUE, out, eol);
	write_findings (a, st_ours_name (ST_OURS_INSECURE), FALSE, out, eol);

	if (a->auth.found) {
		st_tag_field_init (&f, st_ours_name (ST_OURS_AUTH));
		st_tag_field_pair (&f, "spf", a->auth.spf[0] ? a->auth.spf : "none");
		st_tag_field_pair (&f, "dkim", a->auth.dkim[0] ? a->auth.dkim : "none");
		st_tag_field_pair (&f, "dmarc", a->auth.dmarc[0] ? a->auth.dmarc : "none");
		if (a->auth.arc[0])
			st_tag_field_pair (&f, "arc", a->auth.arc);
		st_tag_field_pair (&f, "from", a->auth.from_domain);
		st_tag_field_word (&f, a->auth.from_forged ? "from-forged=yes" : "from-forged=no");
		write_field (&f, out, eol);
	}

	if (a->source.hop >= 0 || a->source.hidden) {
		st_tag_field_init (&f, st_ours_name (ST_OURS_SOURCE));
		if (a->source.hop >= 0) {
			const StReceived *s = a->hop[a->source.hop].line;
			st_tag_field_pair (&f, "ip", s->ip);
			st_tag_field_pair (&f, "rdns", s->rdns);
			st_tag_field_pair (&f, "helo", s->helo);
			st_tag_field_int (&f, "hop", a->source.hop);
		} else {
			st_tag_field_word (&f, "hidden");
		}
		st_tag_field_text (&f, "provider", a->source.provider);
		write_field (&f, out, eol);
	}

	if (a->renamed > 0) {
		st_tag_field_init (&f, st_ours_name (ST_OURS_RENAMED));
		st_tag_field_int (&f, "count", a->renamed);
		st_tag_field_text (&f, "note",
			"X-Spamtrace fields found in the message were renamed Old-X-Spamtrace");
		write_field (&f, out, eol);
	}
}

void
st_tag_write_error (const char *program, const char *code, GString *out, const char *eol)
{
	StTagField f;

	st_tag_field_init (&f, st_ours_name (ST_OURS_VERSION));
	g_string_append_printf (f.value, "%s %s", program, PACKAGE_VERSION);
	write_field (&f, out, eol);
	st_tag_field_init (&f, st_ours_name (ST_OURS_ERROR));
	st_tag_field_word (&f, code);
	write_field (&f, out, eol);
}
