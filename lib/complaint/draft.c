/* draft.c - one complaint as a message: the note, the evidence, the headers, the trimmed body.
 * RFC 5322 sections 2.1.1 (998 octets a line) and 3.6, RFC 2045 section 6 (7bit, 8bit,
 * quoted-printable), RFC 2046 section 5.2.1 (message/rfc822), RFC 5965 sections 2 and 3 (ARF).
 */
#include "config.h"

#include <string.h>

#include "draft.h"
#include "excerpt.h"
#include "munge.h"
#include "gmime-autoptr.h"
#include "template.h"

/* RFC 5322 2.1.1: a line is at most 998 octets, CRLF excluded. */
#define MAX_LINE_OCTETS 998

/* Of the spam's subject, at most this many characters go into ours. */
#define SUBJECT_CHARS 120

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

char *
st_draft_header_text (const char *s, glong max_chars)
{
	return st_excerpt_one_line (s, max_chars);
}

/* ---- the subject ------------------------------------------------------- */

/* Words of the tags that spam filters write in front of a subject
 * (SpamAssassin's "*****SPAM*****", "[SPAM]", MailScanner's "{Spam?}",
 * "[Suspected Spam]", "SPAM:"): a tag is a bracketed group of these words
 * only, or one of them decorated with * ! ? : signs. */
static const char *const tag_words[] = { "spam", "junk", "bulk", "phishing", "phish", "suspected",
	"suspect", "suspicious", "possible", "probable", "likely", "external" };

static gboolean
tag_word (const char *w, gsize n)
{
	for (gsize k = 0; k < G_N_ELEMENTS (tag_words); k++)
		if (strlen (tag_words[k]) == n && g_ascii_strncasecmp (w, tag_words[k], n) == 0)
			return TRUE;
	return FALSE;
}

/* TRUE when the @n bytes at @s are tag words and decoration only, with at
 * least one word. */
static gboolean
only_tag_words (const char *s, gsize n)
{
	gsize words = 0, i = 0;
	while (i < n) {
		if (strchr (" *!?:-_.", s[i]) != NULL) {
			i++;
			continue;
		}
		gsize w = i;
		while (i < n && g_ascii_isalpha (s[i]))
			i++;
		if (i == w || !tag_word (s + w, i - w))
			return FALSE;
		words++;
	}
	return words > 0;
}

/* The length of the tag at the start of @s, or 0. */
static gsize
leading_tag (const char *s)
{
	static const char open[] = "[{(<", close[] = "]})>";
	const char *o = strchr (open, s[0]);
	if (s[0] != '\0' && o != NULL) {
		const char *c = strchr (s + 1, close[o - open]);
		if (c != NULL && c - s <= 40 && only_tag_words (s + 1, (gsize)(c - s - 1)))
			return (gsize)(c - s) + 1;
		return 0;
	}
	gsize n = strcspn (s, " ");
	/* a bare word is a tag only when decorated: "SPAM:" yes, "Spam" no */
	if (n > 0 && only_tag_words (s, n) && strcspn (s, "*!?:") < n)
		return n;
	return 0;
}

/* The spam's subject as ours quotes it: decoded, one line, compatibility
 * forms folded (NFKC: the mathematical bold letters spam writes to slip
 * past filters read as letters), no tags, no double quotes, the user's
 * addresses in @hide munged, at most SUBJECT_CHARS characters; "" when
 * nothing is left. */
static char *
quotable_subject (const char *subject, GHashTable *hide)
{
	g_autofree char *decoded =
		subject != NULL ? g_mime_utils_header_decode_text (NULL, subject) : g_strdup ("");
	g_autofree char *line = st_draft_header_text (decoded, 4 * SUBJECT_CHARS);
	g_autofree char *folded = g_utf8_normalize (line, -1, G_NORMALIZE_ALL_COMPOSE);
	g_autofree char *munged = st_munge (folded != NULL ? folded : line, hide);
	GString *out = g_string_new (NULL);
	const char *p = munged;

	for (;;) {
		while (*p == ' ')
			p++;
		gsize t = leading_tag (p);
		if (t == 0)
			break;
		p += t;
	}
	/* quotes inside ours would read as its end: ""Car Emergency Kit" */
	for (; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB ||
			c == 0x00BB)
			continue;
		g_string_append_unichar (out, c);
	}
	g_strstrip (out->str);
	g_autofree char *s = g_string_free (out, FALSE);
	return st_draft_header_text (s, SUBJECT_CHARS);
}

static char *
subject_for (StRole role, const char *subject, GHashTable *hide)
{
	g_autofree char *q = quotable_subject (subject, hide);
	gboolean forged = role == ST_ROLE_SPOOFED;
	const char *title = forged ? "Your domain was forged in spam" : "Spam from your system";
	if (q[0] == '\0')
		return g_strdup_printf ("%s (no subject)", title);
	return g_strdup_printf ("%s (\"%s\")", title, q);
}

char *
st_draft_subject (const char *subject)
{
	return subject_for (ST_ROLE_NETWORK, subject, NULL);
}

char *
st_draft_subject_for (StRole role, const char *subject)
{
	return subject_for (role, subject, NULL);
}

/* ---- the user's addresses ---------------------------------------------- */

static void
collect_addresses (GPtrArray *out, GHashTable *seen, InternetAddressList *list, guint depth)
{
	for (int i = 0; list != NULL && depth < 4 && i < internet_address_list_length (list); i++) {
		InternetAddress *ia = internet_address_list_get_address (list, i);
		if (INTERNET_ADDRESS_IS_GROUP (ia)) {
			collect_addresses (out, seen,
				internet_address_group_get_members (INTERNET_ADDRESS_GROUP (ia)),
				depth + 1);
			continue;
		}
		const char *addr =
			internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia));
		if (addr == NULL || strchr (addr, '@') == NULL || strlen (addr) < 3)
			continue;
		char *lower = g_utf8_strdown (addr, -1);
		if (g_hash_table_contains (seen, lower)) {
			g_free (lower);
			continue;
		}
		g_hash_table_add (seen, lower);
		g_ptr_array_add (out, lower);
	}
}

GStrv
st_draft_user_addresses (const StAnalysis *a, const StReportSettings *rs)
{
	static const char *const fields[] = { "To", "Cc", "Delivered-To", "X-Original-To",
		"Envelope-To" };
	GPtrArray *out = g_ptr_array_new ();
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	for (guint i = 0; a != NULL && i < a->headers->fields->len; i++) {
		const StField *f = &g_array_index (a->headers->fields, StField, i);
		for (gsize k = 0; k < G_N_ELEMENTS (fields); k++) {
			if (!st_field_is (f, fields[k]))
				continue;
			g_autofree char *v = st_field_unfold (f);
			g_autoptr (InternetAddressList) list =
				internet_address_list_parse (NULL, v);
			collect_addresses (out, seen, list, 0);
		}
	}
	for (char **p = rs->addresses; p != NULL && *p != NULL; p++) {
		if (strlen (*p) < 3 || g_hash_table_contains (seen, *p))
			continue;
		char *lower = g_utf8_strdown (*p, -1);
		g_hash_table_add (seen, lower);
		g_ptr_array_add (out, lower);
	}
	g_ptr_array_add (out, NULL);
	return (GStrv)g_ptr_array_free (out, FALSE);
}

/* ---- the note ---------------------------------------------------------- */

/* Fills the lines of @lines (emptied) to 72 columns into @out. */
static void
fill (GString *out, GPtrArray *lines)
{
	g_autofree char *joined = NULL;
	gsize col = 0;

	g_ptr_array_add (lines, NULL);
	joined = g_strjoinv (" ", (char **)lines->pdata);
	g_ptr_array_set_size (lines, 0);
	g_auto (GStrv) words = g_strsplit (joined, " ", -1);
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
	g_string_append_c (out, '\n');
}

/* Fills every run of prose lines to 72 columns; lines that start with white
 * space (quoted evidence, lists) stay as written, and so does the last
 * paragraph, the sign-off ("Thank you for your time,", the name). Empty
 * paragraphs (a placeholder with nothing to say) go. */
static char *
wrap_prose (const char *text)
{
	g_auto (GStrv) paras = g_strsplit (text, "\n\n", -1);
	GString *out = g_string_new (NULL);
	g_autoptr (GPtrArray) run = g_ptr_array_new ();
	guint last = 0;

	for (guint k = 0; paras[k] != NULL; k++)
		if (paras[k][strspn (paras[k], " \t\n")] != '\0')
			last = k;
	for (guint k = 0; paras[k] != NULL; k++) {
		g_autofree char *trimmed = g_strstrip (g_strdup (paras[k]));
		if (trimmed[0] == '\0')
			continue;
		if (out->len > 0)
			g_string_append_c (out, '\n');
		g_strchomp (paras[k]);
		while (paras[k][0] == '\n')
			memmove (paras[k], paras[k] + 1, strlen (paras[k]));
		if (k == last) {
			g_string_append_printf (out, "%s\n", paras[k]);
			continue;
		}
		g_auto (GStrv) lines = g_strsplit (paras[k], "\n", -1);
		for (char **l = lines; *l != NULL; l++) {
			if ((*l)[0] == ' ' || (*l)[0] == '\t') {
				if (run->len > 0)
					fill (out, run);
				g_string_append_printf (out, "%s\n", *l);
			} else {
				g_ptr_array_add (run, *l);
			}
		}
		if (run->len > 0)
			fill (out, run);
	}
	return g_string_free (out, FALSE);
}

/* How the recipients were chosen, said plainly: a guess is said to be one
 * (the usual address of a domain, RFC 2142, or of the host itself, RFC
 * 5321), with a request for a pointer; an address the registries gave is
 * said to come from them. Lookup failures are the user's business, not the
 * desk's: they never get here. */
static char *
addressed (const StComplaint *c)
{
	g_autofree char *to = g_strjoinv (", ", (char **)c->to->pdata);
	const char *src = c->contact_source != NULL ? c->contact_source : "";
	const char *first = c->to->len > 0 ? c->to->pdata[0] : "";
	const char *at = strrchr (first, '@');
	const char *domain = at != NULL ? at + 1 : first;

	if (g_str_has_prefix (src, "last resort") || domain[0] == '[')
		return g_strdup_printf (
			"We wrote to %s, the postmaster of the host itself, as it has no name we "
			"could write to; if it is the wrong address, we would be grateful for a "
			"pointer to the right one.",
			to);
	if (g_str_has_prefix (src, "RFC 2142"))
		return g_strdup_printf ("We wrote to %s, the usual %s address of %s; if it is the "
					"wrong one, we would be grateful for a pointer to the "
					"right one.",
			to, g_str_has_prefix (first, "postmaster@") ? "postmaster" : "abuse",
			domain);
	if (g_str_has_prefix (src, "spamtrace's table of hosting platforms"))
		return g_strdup_printf ("We wrote to %s, the abuse address you register for your "
					"networks, as the site is on a platform you run; if "
					"another desk handles the platform, we would be grateful "
					"for a pointer to it.",
			to);
	/* "SOURCE (high confidence, abuse)": the registry, not our reading */
	g_autofree char *where = g_strndup (src, strcspn (src, ";"));
	return g_strdup_printf ("We wrote to %s, the abuse contact the registries give for this "
				"(%s). If this is not the right place, we would be grateful for a "
				"pointer to the right one.",
		to, where);
}

static GHashTable *
template_values (const StDraftInput *in, const char *subject, GHashTable *hide, GError **error)
{
	GHashTable *v = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
	const StComplaint *c = in->complaint;
	const StReportSettings *rs = &in->settings->report;
	const StReceived *o = st_analysis_origin (in->analysis);
	g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

	g_hash_table_insert (v, "subject", g_strdup (subject));
	g_hash_table_insert (v, "party", g_strdup (c->party));
	g_hash_table_insert (v, "recipients", g_strjoinv (", ", (char **)c->to->pdata));
	/* the evidence quotes Received: lines, which name the user too */
	g_hash_table_insert (v, "evidence", st_munge (c->evidence, hide));
	g_hash_table_insert (v, "contact_source", g_strdup (c->contact_source));
	g_hash_table_insert (v, "addressed", addressed (c));
	g_hash_table_insert (v, "origin_ip", g_strdup (o ? o->ip : ""));
	g_hash_table_insert (v, "origin_time", g_strdup (o ? o->date : ""));
	/* the signature: the user's name, else the address the draft is from */
	g_hash_table_insert (v, "name",
		g_strdup (rs->name != NULL && rs->name[0] != '\0' ? rs->name
			  : rs->from != NULL                      ? rs->from
								  : ""));
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

/* ---- the form of the message ------------------------------------------- */

typedef struct {
	gboolean eight;   /* a byte over 127 */
	gboolean nul;     /* a NUL */
	gboolean bare_cr; /* a CR not before an LF */
	gsize longest;    /* octets of the longest line, its CR excluded */
} Shape;

static Shape
shape_of (const char *data, gsize len)
{
	Shape s = { 0 };
	gsize line = 0;
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)data[i];
		if (c == '\n') {
			s.longest = MAX (s.longest, line);
			line = 0;
			continue;
		}
		if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		s.bare_cr |= c == '\r';
		s.nul |= c == 0;
		s.eight |= c >= 0x80;
		line++;
	}
	s.longest = MAX (s.longest, line);
	return s;
}

/* RFC 2045 6: 7bit and 8bit are lines of at most 998 octets, with no NUL
 * and no lone CR. */
static gboolean
fits_as_lines (const Shape *s)
{
	return !s->nul && !s->bare_cr && s->longest <= MAX_LINE_OCTETS;
}

/* Our text (UTF-8) as text/plain: 7bit when ASCII, 8bit otherwise, and
 * quoted-printable only when a line is too long or has a lone CR. Never
 * base64: desks grep the raw text for addresses. */
static GMimeObject *
text_part (const char *text)
{
	GMimePart *part = g_mime_part_new_with_type ("text", "plain");
	gsize len = strlen (text);
	g_autoptr (GMimeStream) s = g_mime_stream_mem_new_with_buffer (text, len);
	g_autoptr (GMimeDataWrapper) w =
		g_mime_data_wrapper_new_with_stream (s, GMIME_CONTENT_ENCODING_DEFAULT);
	Shape shape = shape_of (text, len);

	g_mime_object_set_content_type_parameter (
		GMIME_OBJECT (part), "charset", shape.eight ? "utf-8" : "us-ascii");
	g_mime_part_set_content (part, w);
	g_mime_part_set_content_encoding (part, !fits_as_lines (&shape)
							? GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE
						: shape.eight ? GMIME_CONTENT_ENCODING_8BIT
							      : GMIME_CONTENT_ENCODING_7BIT);
	return GMIME_OBJECT (part);
}

/* The original, byte for byte: as message/rfc822 when its lines allow it
 * (RFC 2046 5.2.1: no encoding but 7bit or 8bit), else — a NUL, a line
 * over 998 octets, a lone CR would break the draft's own structure — as
 * base64 application/octet-stream, "spam.eml". */
static GMimeObject *
original_part (const char *data, gsize len, const char *type, const char *subtype)
{
	Shape shape = shape_of (data, len);
	gboolean lines = fits_as_lines (&shape);
	GMimePart *part = lines ? g_mime_part_new_with_type (type, subtype)
				: g_mime_part_new_with_type ("application", "octet-stream");
	g_autoptr (GMimeStream) s = g_mime_stream_mem_new_with_buffer (data, len);
	g_autoptr (GMimeDataWrapper) w =
		g_mime_data_wrapper_new_with_stream (s, GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content (part, w);
	if (lines) {
		g_mime_part_set_content_encoding (part,
			shape.eight ? GMIME_CONTENT_ENCODING_8BIT : GMIME_CONTENT_ENCODING_7BIT);
	} else {
		g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
		g_mime_part_set_filename (part, "spam.eml");
	}
	return GMIME_OBJECT (part);
}

/* @s for a field of the 7bit feedback report: one line, printable ASCII,
 * anything else '?'. */
static char *
report_field (const char *s)
{
	char *line = st_draft_header_text (s, 200);
	for (char *p = line; *p != '\0'; p++)
		if ((guchar)*p < 0x20 || (guchar)*p > 0x7e)
			*p = '?';
	return line;
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
	if (o != NULL && o->envfrom[0] != '\0') {
		g_autofree char *env = report_field (o->envfrom);
		g_string_append_printf (r, "Original-Mail-From: <%s>\n", env);
	}
	if (in->analysis->auth.from_domain[0] != '\0' && !in->analysis->auth.from_forged) {
		g_autofree char *d = report_field (in->analysis->auth.from_domain);
		g_string_append_printf (r, "Reported-Domain: %s\n", d);
	}
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

/* The MIME structure: the note alone, with the original attached, or an
 * RFC 5965 report (whose third part is the original, or its header section
 * when the whole is not asked for or cannot go as message/rfc822). */
static GMimeObject *
structure (const StDraftInput *in, const char *text)
{
	const StReportSettings *rs = &in->settings->report;
	GMimeObject *body = text_part (text);

	if (rs->arf) {
		GMimeMultipart *report = g_mime_multipart_new_with_subtype ("report");
		g_mime_object_set_content_type_parameter (
			GMIME_OBJECT (report), "report-type", "feedback-report");
		g_mime_multipart_add (report, body);
		g_object_unref (body);
		g_autoptr (GMimeObject) fr = feedback_report (in);
		g_mime_multipart_add (report, fr);
		Shape whole = shape_of (in->original, in->original_len);
		g_autoptr (GMimeObject) orig =
			rs->attach && fits_as_lines (&whole)
				? original_part (
					  in->original, in->original_len, "message", "rfc822")
				: original_part (
					  in->original, in->header_len, "text", "rfc822-headers");
		g_mime_multipart_add (report, orig);
		return GMIME_OBJECT (report);
	}
	if (rs->attach) {
		GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
		g_mime_multipart_add (mixed, body);
		g_object_unref (body);
		g_autoptr (GMimeObject) orig =
			original_part (in->original, in->original_len, "message", "rfc822");
		g_mime_multipart_add (mixed, orig);
		return GMIME_OBJECT (mixed);
	}
	return body;
}

/* The draft's From: [report] from (main () falls back on $EMAIL); none
 * when neither is set: the mail client fills it in when the user sends. */
static void
set_from (GMimeMessage *msg, const StReportSettings *rs)
{
	if (rs->from == NULL || rs->from[0] == '\0')
		return;
	g_autofree char *from = st_draft_header_text (rs->from, 200);
	g_autoptr (InternetAddressList) list = internet_address_list_parse (NULL, from);
	if (list != NULL && internet_address_list_length (list) == 1 &&
		INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0))) {
		InternetAddress *ia = internet_address_list_get_address (list, 0);
		if (rs->name != NULL && rs->name[0] != '\0') {
			g_autofree char *name = st_draft_header_text (rs->name, 100);
			internet_address_set_name (ia, name);
		}
		internet_address_list_append (g_mime_message_get_from (msg), list);
	}
}

/* The text of the draft: the note, the header section, the excerpt. With
 * @marked, every line of the header section starts with "| " too. */
static char *
draft_text (const char *note, const char *headers, const char *excerpt, gboolean marked)
{
	GString *t = g_string_new (note);
	g_string_append (
		t, "\n----- The header section of the message, as we received it -----\n\n");
	if (!marked) {
		g_string_append (t, headers);
	} else {
		g_autofree char *h = g_strdup (headers);
		g_strchomp (h);
		g_auto (GStrv) lines = h[0] != '\0' ? st_excerpt_split_lines (h) : NULL;
		for (char **l = lines; l != NULL && *l != NULL; l++) {
			/* shown at a terminal: no control character of the
			 * spam's (a backspace, DEL, an escape sequence) reaches
			 * it; @headers is valid UTF-8 (fuzz/fuzz-report.c) */
			g_string_append (t, "| ");
			for (const char *p = *l; *p != '\0'; p = g_utf8_next_char (p)) {
				gunichar c = g_utf8_get_char (p);
				g_string_append_unichar (
					t, c != '\t' && g_unichar_iscntrl (c) ? ' ' : c);
			}
			g_string_append_c (t, '\n');
		}
	}
	g_string_append (t, "\n----- Its body, decoded and shortened: lines of the message are "
			    "marked | -----\n\n");
	g_string_append (t, excerpt);
	return g_string_free (t, FALSE);
}

/* The note as the template rendered it, made safe to show: its evidence
 * quotes the spam's own lines, which may hold any byte. Valid UTF-8, and
 * no control character but the line end and the tab (C0, DEL and C1 each
 * become a space). New string. */
static char *
note_text (const char *rendered)
{
	g_autofree char *valid = g_utf8_make_valid (rendered, -1);
	GString *out = g_string_sized_new (strlen (valid));

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar u = g_utf8_get_char (p);
		if ((u < 0x20 && u != '\n' && u != '\t') || (u >= 0x7f && u <= 0x9f))
			g_string_append_c (out, ' ');
		else
			g_string_append_len (out, p, g_utf8_next_char (p) - p);
	}
	return g_string_free (out, FALSE);
}

/* The header section we quote: valid UTF-8 with LF line ends; the user's
 * addresses hidden when asked. */
static char *
quoted_headers (const StDraftInput *in, GHashTable *hide)
{
	GString *h = g_string_sized_new (in->header_len);
	for (gsize i = 0; i < in->header_len; i++) {
		char c = in->original[i];
		if (c == '\r' && i + 1 < in->header_len && in->original[i + 1] == '\n')
			continue;
		g_string_append_c (h, c == '\0' ? ' ' : c);
	}
	g_autofree char *valid = g_utf8_make_valid (h->str, (gssize)h->len);
	g_string_free (h, TRUE);
	return st_munge (valid, hide);
}

static char *
preview_of (GMimeMessage *msg, const char *text)
{
	GString *p = g_string_new (NULL);
	static const char *const fields[] = { "From", "To", "Subject" };
	for (gsize k = 0; k < G_N_ELEMENTS (fields); k++) {
		const char *v = g_mime_object_get_header (GMIME_OBJECT (msg), fields[k]);
		if (v == NULL)
			continue;
		g_autofree char *d = g_mime_utils_header_decode_text (NULL, v);
		g_autofree char *u = g_mime_utils_header_unfold (d);
		g_string_append_printf (p, "%s: %s\n", fields[k], u);
	}
	GMimeObject *part = g_mime_message_get_mime_part (msg);
	if (GMIME_IS_MULTIPART (part))
		for (int k = 1; k < g_mime_multipart_get_count (GMIME_MULTIPART (part)); k++) {
			GMimeObject *o = g_mime_multipart_get_part (GMIME_MULTIPART (part), k);
			g_autofree char *type = g_mime_content_type_get_mime_type (
				g_mime_object_get_content_type (o));
			const char *name = GMIME_IS_PART (o)
						   ? g_mime_part_get_filename (GMIME_PART (o))
						   : NULL;
			g_string_append_printf (p, "[attached: %s%s%s]\n", type, name ? ", " : "",
				name ? name : "");
		}
	g_string_append_c (p, '\n');
	g_string_append (p, text);
	return g_string_free (p, FALSE);
}

char *
st_draft_compose (const StDraftInput *in, gsize *len, char **preview, GError **error)
{
	const StReportSettings *rs = &in->settings->report;
	const StComplaint *c = in->complaint;
	const StField *sf = st_headers_find (in->analysis->headers, "Subject", NULL);
	g_autofree char *orig_subject = sf ? st_field_unfold (sf) : NULL;
	g_auto (GStrv) users = rs->munge ? st_draft_user_addresses (in->analysis, rs) : NULL;
	g_autoptr (GHashTable) hide = st_munge_set_new ((const char *const *)users);
	g_autofree char *subject =
		subject_for (c->role, orig_subject ? g_strstrip (orig_subject) : "", hide);

	g_autoptr (GHashTable) values = template_values (in, subject, hide, error);
	if (values == NULL)
		return NULL;
	g_autofree char *rendered = st_template_render (
		in->template_dirs, st_draft_template_name (c->role), values, error);
	if (rendered == NULL)
		return NULL;
	g_autofree char *clean = note_text (rendered);
	g_autofree char *note = wrap_prose (clean);

	/* the note, then the evidence a desk needs: every header as we got
	 * it, and the body as the reader met it */
	g_autofree char *headers = quoted_headers (in, hide);
	StExcerptOptions eo = { rs->excerpt_lines, rs->excerpt_bytes, hide };
	g_autofree char *excerpt =
		st_excerpt_make (in->original, in->original_len, in->region, &eo);
	g_autofree char *text = draft_text (note, headers, excerpt, FALSE);

	g_autoptr (GMimeMessage) msg = g_mime_message_new (TRUE);
	set_from (msg, rs);
	for (guint i = 0; i < c->to->len; i++) {
		g_autofree char *to = st_draft_header_text (c->to->pdata[i], 200);
		g_mime_message_add_mailbox (msg, GMIME_ADDRESS_TYPE_TO, "", to);
	}
	g_mime_message_set_subject (msg, subject, "utf-8");
	g_autoptr (GDateTime) now = g_date_time_new_now_local ();
	g_mime_message_set_date (msg, now);
	/* the Message-ID names the user's domain, not this machine */
	g_autofree char *from = rs->from != NULL ? report_field (rs->from) : NULL;
	const char *at = from != NULL ? strrchr (from, '@') : NULL;
	g_autofree char *domain = at != NULL ? g_strndup (at + 1, strcspn (at + 1, "> ?")) : NULL;
	g_autofree char *mid = g_mime_utils_generate_message_id (
		domain != NULL && domain[0] != '\0' ? domain : "spamtrace.invalid");
	g_mime_message_set_message_id (msg, mid);

	g_autoptr (GMimeObject) body = structure (in, text);
	g_mime_message_set_mime_part (msg, body);

	/* through a memory stream and its length: a NUL in the spam is a
	 * byte like any other */
	g_autoptr (GMimeFormatOptions) fo = g_mime_format_options_new ();
	g_mime_format_options_set_newline_format (fo, GMIME_NEWLINE_FORMAT_UNIX);
	g_autoptr (GMimeStream) out = g_mime_stream_mem_new ();
	g_mime_object_write_to_stream (GMIME_OBJECT (msg), fo, out);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
	if (preview != NULL) {
		g_autofree char *marked = draft_text (note, headers, excerpt, TRUE);
		*preview = preview_of (msg, marked);
	}
	char *copy = g_malloc (bytes->len + 1);
	memcpy (copy, bytes->data, bytes->len);
	copy[bytes->len] = '\0';
	*len = bytes->len;
	return copy;
}
