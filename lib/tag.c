/* tag.c - our X-Spamtrace-* header fields: safe values, folding, the set we add.
 * RFC 5322 sections 2.2.3 and 3.2.2: we write ASCII only, fold at white space
 * before column 78, and never let message text carry a line ending. */
#include "config.h"

#include <string.h>

#include "tag.h"

#define FOLD_COLUMN 78

void
st_tag_escape (GString *out, const char *value, gboolean keep_spaces)
{
	gsize start = out->len;

	for (const guchar *p = (const guchar *) value; *p != '\0'; p++) {
		if (out->len - start >= ST_TAG_MAX_VALUE) {
			g_string_append (out, "...");
			return;
		}
		if ((*p > 0x20 && *p < 0x7f && *p != ';' && *p != '\\') || (*p == ' ' && keep_spaces))
			g_string_append_c (out, (char) *p);
		else
			g_string_append_printf (out, "\\x%02X", *p);
	}
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
		gsize word = sp ? (gsize) (sp - v) : strlen (v);
		gboolean leading_space = *v == ' ';
		if (!leading_space) {
			/* the first word follows "Name:" after one space */
			g_string_append_c (out, ' ');
			col++;
		} else if (col + word > FOLD_COLUMN && col > strlen (f->name) + 2) {
			g_string_append (out, eol);
			col = 0;
		}
		g_string_append_len (out, v, (gssize) word);
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

void
st_tag_write_analysis (const StAnalysis *a, const char *program, GString *out, const char *eol)
{
	StTagField f;
	const StReceived *o = st_analysis_origin (a);

	st_tag_field_init (&f, "X-Spamtrace-Version");
	g_string_append_printf (f.value, "%s %s", program, PACKAGE_VERSION);
	write_field (&f, out, eol);

	st_tag_field_init (&f, "X-Spamtrace-Origin");
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

	st_tag_field_init (&f, "X-Spamtrace-Trust");
	st_tag_field_int (&f, "trusted", a->walk.trusted);
	st_tag_field_pair (&f, "boundary", a->walk.boundary != NULL ? a->walk.boundary : "");
	if (a->walk.hint != NULL)
		st_tag_field_word (&f, "same-domain-origin");
	if (a->truncated)
		st_tag_field_word (&f, "headers-truncated");
	if (a->hops_dropped > 0)
		st_tag_field_int (&f, "hops-not-read", a->hops_dropped);
	write_field (&f, out, eol);

	if (a->renamed > 0) {
		st_tag_field_init (&f, "X-Spamtrace-Renamed");
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

	st_tag_field_init (&f, "X-Spamtrace-Version");
	g_string_append_printf (f.value, "%s %s", program, PACKAGE_VERSION);
	write_field (&f, out, eol);
	st_tag_field_init (&f, "X-Spamtrace-Error");
	st_tag_field_word (&f, code);
	write_field (&f, out, eol);
}
