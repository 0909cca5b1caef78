/* draft.c - one complaint as a message: the note, the evidence, the headers, the trimmed body.
 * RFC 5322 section 3.6, RFC 2046 section 5.2.1 (message/rfc822), RFC 5965 sections 2 and 3 (ARF).
 */
#include "config.h"

#include <string.h>

#include "draft.h"
#include "excerpt.h"
#include "gmime-autoptr.h"
#include "template.h"

const char *
st_draft_template_name (StRole role)
{
	switch (role) {
	case ST_ROLE_NETWORK:
		return "network.txt";
	case ST_ROLE_SOURCE:
		return "source.txt";
	case ST_ROLE_RELAY:
		return "relay.txt";
	case ST_ROLE_SPOOFED:
		return "spoofed.txt";
	case ST_ROLE_MAILBOX:
		return "mailbox.txt";
	case ST_ROLE_ADVERTISER:
		break;
	}
	return "advertiser.txt";
}

/* one line of printable text: control characters become spaces */
static char *
one_line (const char *s, glong max_chars)
{
	g_autofree char *valid = g_utf8_make_valid (s, -1);
	GString *out = g_string_new (NULL);
	glong n = 0;
	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if (n >= max_chars) {
			g_string_append (out, "...");
			break;
		}
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			c = ' ';
		g_string_append_unichar (out, c);
		n++;
	}
	g_strstrip (out->str);
	return g_string_free (out, FALSE);
}

char *
st_draft_subject (const char *subject)
{
	g_autofree char *decoded =
		subject != NULL ? g_mime_utils_header_decode_text (NULL, subject) : g_strdup ("");
	g_autofree char *line = one_line (decoded, 120);
	return g_strdup_printf ("Spam from your system (\"%s\")", line);
}

/* The user's own addresses, hidden in the copy when asked. */
static char *
munge (const char *text, const StReportSettings *rs)
{
	char *out = g_strdup (text);
	if (!rs->munge)
		return out;
	for (char **a = rs->addresses; a != NULL && *a != NULL; a++) {
		if ((*a)[0] == '\0')
			continue;
		g_autofree char *quoted = g_regex_escape_string (*a, -1);
		g_autoptr (GRegex) re = g_regex_new (quoted, G_REGEX_CASELESS, 0, NULL);
		char *next = g_regex_replace_literal (re, out, -1, 0, "user@[munged]", 0, NULL);
		if (next != NULL) {
			g_free (out);
			out = next;
		}
	}
	return out;
}

/* Fills each paragraph of plain prose to 72 columns; lines that start with
 * white space (quoted evidence) and paragraphs holding them stay as written. */
static char *
wrap_prose (const char *text)
{
	g_auto (GStrv) paras = g_strsplit (text, "\n\n", -1);
	GString *out = g_string_new (NULL);

	for (char **p = paras; *p != NULL; p++) {
		if (p != paras)
			g_string_append (out, "\n\n");
		if (strstr (*p, "\n ") != NULL || (*p)[0] == ' ' || (*p)[0] == '\t' ||
			strstr (*p, "\n\t") != NULL) {
			g_string_append (out, *p);
			continue;
		}
		g_auto (GStrv) words = g_strsplit_set (*p, " \n", -1);
		gsize col = 0;
		for (char **w = words; *w != NULL; w++) {
			gsize wl = g_utf8_strlen (*w, -1);
			if (wl == 0)
				continue;
			if (col > 0 && col + 1 + wl > 72) {
				g_string_append_c (out, '\n');
				col = 0;
			} else if (col > 0) {
				g_string_append_c (out, ' ');
				col++;
			}
			g_string_append (out, *w);
			col += wl;
		}
	}
	return g_string_free (out, FALSE);
}
/* The address drafts are from: [report] from, else USER@HOST. */
static char *
draft_from (const StReportSettings *rs)
{
	if (rs->from != NULL && rs->from[0] != '\0')
		return g_strdup (rs->from);
	return g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ());
}


static GHashTable *
template_values (const StDraftInput *in, const char *subject, GError **error)
{
	GHashTable *v = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
	const StComplaint *c = in->complaint;
	const StReportSettings *rs = &in->settings->report;
	const StReceived *o = st_analysis_origin (in->analysis);
	g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

	g_hash_table_insert (v, "subject", g_strdup (subject));
	g_hash_table_insert (v, "party", g_strdup (c->party));
	g_hash_table_insert (v, "recipients", g_strjoinv (", ", (char **)c->to->pdata));
	g_hash_table_insert (v, "evidence", g_strdup (c->evidence));
	g_hash_table_insert (v, "contact_source", g_strdup (c->contact_source));
	g_hash_table_insert (v, "origin_ip", g_strdup (o ? o->ip : ""));
	g_hash_table_insert (v, "origin_time", g_strdup (o ? o->date : ""));
	/* the signature: the user's name, else the address the draft is from */
	g_hash_table_insert (v, "name",
		rs->name != NULL && rs->name[0] != '\0' ? g_strdup (rs->name) : draft_from (rs));
	g_hash_table_insert (v, "today", g_date_time_format (now, "%Y-%m-%d"));
	g_hash_table_insert (v, "tool", g_strdup ("spamtrace " PACKAGE_VERSION));

	char *closing = g_strdup ("");
	if (rs->closing != NULL && rs->closing[0] != '\0') {
		g_free (closing);
		closing = NULL;
		if (!g_file_get_contents (rs->closing, &closing, NULL, error)) {
			g_hash_table_unref (v);
			return NULL;
		}
		g_strchomp (closing);
	}
	g_hash_table_insert (v, "closing", closing);
	return v;
}

static GMimeObject *
text_part (const char *text)
{
	GMimeTextPart *tp = g_mime_text_part_new_with_subtype ("plain");
	g_mime_text_part_set_text (tp, text);
	return GMIME_OBJECT (tp);
}

/* the original, byte for byte, as message/rfc822 (RFC 2046 5.2.1: no
 * base64, 7bit or 8bit as its bytes need) */
static GMimeObject *
original_part (const char *data, gsize len, const char *type, const char *subtype)
{
	GMimePart *part = g_mime_part_new_with_type (type, subtype);
	g_autoptr (GMimeStream) s = g_mime_stream_mem_new_with_buffer (data, len);
	g_autoptr (GMimeDataWrapper) w =
		g_mime_data_wrapper_new_with_stream (s, GMIME_CONTENT_ENCODING_DEFAULT);
	gboolean eight = FALSE;
	for (gsize i = 0; i < len && !eight; i++)
		eight = (guchar)data[i] >= 0x80;
	g_mime_part_set_content (part, w);
	g_mime_part_set_content_encoding (
		part, eight ? GMIME_CONTENT_ENCODING_8BIT : GMIME_CONTENT_ENCODING_7BIT);
	return GMIME_OBJECT (part);
}

static GMimeObject *
feedback_report (const StDraftInput *in)
{
	const StReceived *o = st_analysis_origin (in->analysis);
	GString *r = g_string_new (NULL);

	g_string_append (r, "Feedback-Type: abuse\n");
	g_string_append (r, "User-Agent: spamtrace/" PACKAGE_VERSION "\n");
	g_string_append (r, "Version: 1\n");
	if (o != NULL && o->ip[0] != '\0')
		g_string_append_printf (r, "Source-IP: %s\n", o->ip);
	if (o != NULL && o->date[0] != '\0') {
		g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (o->time);
		g_autofree char *d =
			t ? g_date_time_format (t, "%a, %d %b %Y %H:%M:%S +0000") : NULL;
		if (d != NULL)
			g_string_append_printf (r, "Arrival-Date: %s\n", d);
	}
	if (o != NULL && o->envfrom[0] != '\0')
		g_string_append_printf (r, "Original-Mail-From: <%s>\n", o->envfrom);
	if (in->analysis->auth.from_domain[0] != '\0' && !in->analysis->auth.from_forged)
		g_string_append_printf (r, "Reported-Domain: %s\n", in->analysis->auth.from_domain);
	GMimePart *part = g_mime_part_new_with_type ("message", "feedback-report");
	g_autoptr (GMimeStream) s = g_mime_stream_mem_new ();
	g_mime_stream_write_string (s, r->str);
	g_mime_stream_reset (s);
	g_autoptr (GMimeDataWrapper) w =
		g_mime_data_wrapper_new_with_stream (s, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content (part, w);
	g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_7BIT);
	g_string_free (r, TRUE);
	return GMIME_OBJECT (part);
}

char *
st_draft_compose (const StDraftInput *in, gsize *len, GError **error)
{
	const StReportSettings *rs = &in->settings->report;
	const StComplaint *c = in->complaint;
	const StField *sf = st_headers_find (in->analysis->headers, "Subject", NULL);
	g_autofree char *orig_subject = sf ? st_field_unfold (sf) : NULL;
	g_autofree char *subject = st_draft_subject (orig_subject ? g_strstrip (orig_subject) : "");

	g_autoptr (GHashTable) values = template_values (in, subject, error);
	if (values == NULL)
		return NULL;
	g_autofree char *rendered = st_template_render (
		in->template_dirs, st_draft_template_name (c->role), values, error);
	if (rendered == NULL)
		return NULL;
	g_autofree char *note = wrap_prose (rendered);

	/* the note, then the evidence a desk needs: every header as we got
	 * it, and the body trimmed to what shows it is spam */
	g_autofree char *headers_raw = g_strndup (in->original, in->header_len);
	g_autofree char *headers_valid = g_utf8_make_valid (headers_raw, -1);
	g_autofree char *headers = munge (headers_valid, rs);
	g_autofree char *excerpt_raw = st_excerpt_make (in->original, in->original_len, in->region);
	g_autofree char *excerpt = munge (excerpt_raw, rs);
	g_autofree char *text = g_strdup_printf (
		"%s\n\n"
		"----- The full headers of the message, as we received them -----\n\n%s\n"
		"----- The body, decoded and trimmed (every line with a link, an address or a "
		"phone number kept) -----\n\n%s",
		note, headers, excerpt);

	g_autoptr (GMimeMessage) msg = g_mime_message_new (TRUE);
	g_autofree char *from = draft_from (rs);
	g_mime_message_add_mailbox (msg, GMIME_ADDRESS_TYPE_FROM, rs->name ? rs->name : "", from);
	for (guint i = 0; i < c->to->len; i++)
		g_mime_message_add_mailbox (msg, GMIME_ADDRESS_TYPE_TO, "", c->to->pdata[i]);
	g_mime_message_set_subject (msg, subject, "utf-8");
	g_autoptr (GDateTime) now = g_date_time_new_now_local ();
	g_mime_message_set_date (msg, now);
	g_autofree char *mid = g_mime_utils_generate_message_id (g_get_host_name ());
	g_mime_message_set_message_id (msg, mid);
	g_autofree char *tag =
		g_strdup_printf ("role=%s; incident=%s", st_role_to_string (c->role), in->incident);
	g_mime_object_set_header (GMIME_OBJECT (msg), "X-Spamtrace-Draft", tag, NULL);

	g_autoptr (GMimeObject) body = text_part (text);
	/* only our note is re-encoded; the original stays as it came */
	g_mime_object_encode (body, GMIME_ENCODING_CONSTRAINT_7BIT);
	if (rs->arf) {
		g_autoptr (GMimeMultipart) report = g_mime_multipart_new_with_subtype ("report");
		g_mime_object_set_content_type_parameter (
			GMIME_OBJECT (report), "report-type", "feedback-report");
		g_mime_multipart_add (report, body);
		g_autoptr (GMimeObject) fr = feedback_report (in);
		g_mime_multipart_add (report, fr);
		g_autoptr (GMimeObject) orig =
			rs->attach ? original_part (
					     in->original, in->original_len, "message", "rfc822")
				   : original_part (in->original, in->header_len, "text",
					     "rfc822-headers");
		g_mime_multipart_add (report, orig);
		g_mime_message_set_mime_part (msg, GMIME_OBJECT (report));
	} else if (rs->attach) {
		g_autoptr (GMimeMultipart) mixed = g_mime_multipart_new_with_subtype ("mixed");
		g_mime_multipart_add (mixed, body);
		g_autoptr (GMimeObject) orig =
			original_part (in->original, in->original_len, "message", "rfc822");
		g_mime_multipart_add (mixed, orig);
		g_mime_message_set_mime_part (msg, GMIME_OBJECT (mixed));
	} else {
		g_mime_message_set_mime_part (msg, body);
	}

	g_autoptr (GMimeFormatOptions) fo = g_mime_format_options_new ();
	g_mime_format_options_set_newline_format (fo, GMIME_NEWLINE_FORMAT_UNIX);
	char *out = g_mime_object_to_string (GMIME_OBJECT (msg), fo);
	*len = strlen (out);
	return out;
}
