/* headers.c - the header section of a message: where it ends, its fields.
 * RFC 5322 sections 2.2 and 2.2.3, with the obsolete "name WSP :" of section 4.5; RFC 4155. */
#include "config.h"

#include <string.h>

#include "headers.h"

/* RFC 5322 ftext: printable US-ASCII except the colon. Returns the length
 * of the name when @line starts a field ("Name:" or obsolete "Name :"). */
static gsize
field_name_len (const char *line, gsize len)
{
	gsize i = 0;
	while (i < len && (guchar)line[i] > 32 && (guchar)line[i] < 127 && line[i] != ':')
		i++;
	gsize name = i;
	if (name == 0)
		return 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] == ':' ? name : 0;
}

static gboolean
is_blank_line (const char *line, gsize len)
{
	return len == 1 || (len == 2 && line[0] == '\r');
}

static gboolean
scan_done (StHeaderScan *scan)
{
	scan->done = TRUE;
	scan->end = scan->pos;
	return TRUE;
}

gboolean
st_header_scan_feed (StHeaderScan *scan, const char *buf, gsize len, gboolean eof)
{
	if (scan->done)
		return TRUE;
	while (scan->pos < len) {
		const char *line = buf + scan->pos;
		const char *nl = memchr (line, '\n', len - scan->pos);
		gsize line_len;

		if (nl == NULL) {
			/* an incomplete last line: wait for more, unless there is
			 * no more */
			if (!eof)
				return FALSE;
			line_len = len - scan->pos;
		} else {
			line_len = (gsize)(nl - line) + 1;
		}

		if (!scan->started) {
			scan->started = TRUE;
			/* an mbox From line ends in a newline; without one it is
			 * just text */
			if (nl != NULL && line_len >= 5 && memcmp (line, "From ", 5) == 0) {
				scan->pos += line_len;
				continue;
			}
		}
		if (nl != NULL && is_blank_line (line, line_len)) {
			scan->pos += line_len;
			return scan_done (scan);
		}
		if (line[0] != ' ' && line[0] != '\t' && field_name_len (line, line_len) == 0)
			return scan_done (scan); /* body text with no blank line before it */
		scan->pos += line_len;
	}
	if (!eof)
		return FALSE;
	return scan_done (scan);
}

StHeaders *
st_headers_parse (const char *data, gsize len)
{
	StHeaders *h = g_new0 (StHeaders, 1);
	gsize pos = 0;

	h->data = data;
	h->len = len;
	h->fields = g_array_new (FALSE, TRUE, sizeof (StField));

	const char *first_nl = memchr (data, '\n', len);
	h->crlf = first_nl != NULL && first_nl > data && first_nl[-1] == '\r';

	if (len >= 5 && memcmp (data, "From ", 5) == 0 && first_nl != NULL)
		pos = h->from_line_len = (gsize)(first_nl - data) + 1;

	StField *cur = NULL;
	while (pos < len) {
		const char *line = data + pos;
		const char *nl = memchr (line, '\n', len - pos);
		gsize line_len = nl ? (gsize)(nl - line) + 1 : len - pos;

		if (nl != NULL && is_blank_line (line, line_len))
			break;
		if ((line[0] == ' ' || line[0] == '\t') && cur != NULL) {
			cur->end = pos + line_len;
		} else {
			gsize name_len = field_name_len (line, line_len);
			if (name_len == 0) {
				if (line[0] == ' ' || line[0] == '\t') {
					/* a continuation with no field: ignored */
					pos += line_len;
					continue;
				}
				break;
			}
			StField f = { 0 };
			f.name = line;
			f.name_len = name_len;
			f.start = pos;
			f.end = pos + line_len;
			g_array_append_val (h->fields, f);
			cur = &g_array_index (h->fields, StField, h->fields->len - 1);
		}
		pos += line_len;
	}

	/* values run from after the colon to the end of the last line */
	for (guint i = 0; i < h->fields->len; i++) {
		StField *f = &g_array_index (h->fields, StField, i);
		const char *colon = memchr (f->name, ':', f->end - f->start);
		f->value = colon + 1;
		f->value_len = (gsize)(data + f->end - f->value);
		while (f->value_len > 0 &&
			(f->value[f->value_len - 1] == '\n' || f->value[f->value_len - 1] == '\r'))
			f->value_len--;
	}
	return h;
}

void
st_headers_free (StHeaders *h)
{
	if (h == NULL)
		return;
	g_array_free (h->fields, TRUE);
	g_free (h);
}

/* The fields a message brings with it. A Received: line below them was
 * not prepended by a relay but written into the message (RFC 5322 section
 * 3.6: trace fields come first); Exim's ACLs (add_header, as its spamd
 * set-ups use) append their fields after them, at the end of the header
 * section, and so did SpamAssassin 2.x (seen in the SpamAssassin public
 * corpus, with its "*****SPAM*****" subject tag). */
static const char *const message_fields[] = { "From", "To", "Cc", "Subject", "Date", "Message-ID",
	"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Reply-To", "Sender",
	"In-Reply-To", "References" };

gboolean
st_field_is_message_own (const StField *f)
{
	for (gsize k = 0; k < G_N_ELEMENTS (message_fields); k++)
		if (st_field_is (f, message_fields[k]))
			return TRUE;
	return FALSE;
}

gboolean
st_field_is (const StField *f, const char *name)
{
	gsize n = strlen (name);
	return f->name_len == n && g_ascii_strncasecmp (f->name, name, n) == 0;
}

const StField *
st_headers_find (const StHeaders *h, const char *name, guint *index)
{
	for (guint i = 0; i < h->fields->len; i++) {
		const StField *f = &g_array_index (h->fields, StField, i);
		if (st_field_is (f, name)) {
			if (index != NULL)
				*index = i;
			return f;
		}
	}
	return NULL;
}

char *
st_field_unfold (const StField *f)
{
	GString *s = g_string_sized_new (f->value_len);
	for (gsize i = 0; i < f->value_len; i++) {
		char c = f->value[i];
		if (c == '\r' || c == '\n')
			continue;
		g_string_append_c (s, c);
	}
	return g_string_free (s, FALSE);
}

GHashTable *
st_headers_addresses (const StHeaders *h, const char *const *names)
{
	static const char separators[] = " \t\r\n,;<>()\"'";
	GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < h->fields->len; i++) {
		const StField *f = &g_array_index (h->fields, StField, i);
		gboolean wanted = FALSE;
		for (guint k = 0; names[k] != NULL && !wanted; k++)
			wanted = st_field_is (f, names[k]);
		for (gsize p = 0; wanted && p < f->value_len;) {
			gsize start = p;
			while (p < f->value_len && f->value[p] != '\0' &&
				strchr (separators, f->value[p]) == NULL)
				p++;
			if (p > start && memchr (f->value + start, '@', p - start) != NULL)
				g_hash_table_add (set,
					g_ascii_strdown (f->value + start, (gssize)(p - start)));
			p = MAX (p, start + 1);
		}
	}
	return set;
}
