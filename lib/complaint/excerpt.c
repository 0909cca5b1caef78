/* excerpt.c - the body of a spam as a person reads it, trimmed to what shows it is spam.
 * RFC 2045 (transfer encodings), RFC 2046 (multipart), RFC 2183 (attachment names), via GMime. */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "body.h"
#include "excerpt.h"
#include "munge.h"
#include "gmime-autoptr.h"
#include "html.h"
#include "phone.h"
#include "postal.h"
#include "settings.h"
#include "urls.h"

/* Lines kept from the top whatever they hold: the pitch. */
#define HEAD_LINES 20

/* Each line below the head costs the finders a pass, and libphonenumber's
 * matcher takes some 50 µs on a line of digits: a hostile body of a
 * million such lines would take a minute per draft. Real spam says what it
 * has to say well within this many distinct lines (in the shared corpus
 * the excerpt stops by 284); past it the rest is left out. A repeated line
 * is judged once. */
#define MAX_JUDGED_LINES 2000

/* What marks a line of the message, so that no line of the spam can pass
 * for one of ours. */
#define QUOTE "| "

/* Sites a message links to without being about them (a footer's social
 * links, a brand's own pages in a phish): never taken for the link the
 * reader is asked to follow. Registrable domains. */
static const char *const well_known[] = { "facebook.com", "fb.com", "twitter.com", "x.com",
	"instagram.com", "linkedin.com", "youtube.com", "youtu.be", "pinterest.com", "tiktok.com",
	"whatsapp.com", "apple.com", "google.com", "microsoft.com", "office.com", "live.com",
	"w3.org", "googleapis.com", "gstatic.com", "schema.org" };

gboolean
st_excerpt_line_has_contact (const char *line, const char *region)
{
	g_autoptr (StUrls) urls = st_urls_new ();
	st_urls_scan_text (urls, line, -1, ST_URLS_WHERE_TEXT, 1);
	if (urls->urls->len > 0 || urls->emails->len > 0)
		return TRUE;
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	st_phone_find_offered (phones, line, -1, region, ST_URLS_WHERE_TEXT, 1, 1);
	if (phones->len > 0)
		return TRUE;
	g_autoptr (GPtrArray) postal =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_postal_free);
	st_postal_find (postal, line, -1, ST_URLS_WHERE_TEXT, 1, 1);
	return postal->len > 0;
}

/* Characters that would make a line we write say something else than it
 * shows: bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero
 * widths (U+200B-U+200F), the byte order mark: every format character. */
static gboolean
unshown (gunichar c)
{
	GUnicodeType t = g_unichar_type (c);
	return t == G_UNICODE_FORMAT || t == G_UNICODE_UNASSIGNED || t == G_UNICODE_SURROGATE ||
	       t == G_UNICODE_PRIVATE_USE;
}

char *
st_excerpt_one_line (const char *s, glong max_chars)
{
	g_autofree char *valid = g_utf8_make_valid (s != NULL ? s : "", -1);
	GString *out = g_string_new (NULL);
	glong n = 0;
	gboolean space = FALSE;

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		GUnicodeType t = g_unichar_type (c);
		if (unshown (c))
			continue;
		if (t == G_UNICODE_CONTROL || t == G_UNICODE_LINE_SEPARATOR ||
			t == G_UNICODE_PARAGRAPH_SEPARATOR || g_unichar_isspace (c)) {
			space = out->len > 0;
			continue;
		}
		if (n >= max_chars) {
			g_string_append (out, "...");
			return g_string_free (out, FALSE);
		}
		if (space) {
			g_string_append_c (out, ' ');
			n++;
			space = FALSE;
		}
		g_string_append_unichar (out, c);
		n++;
	}
	return g_string_free (out, FALSE);
}

/* One line of the message as we quote it: tabs and control characters
 * become spaces, format characters go, the user's addresses are hidden,
 * and past @max characters the rest is cut with a mark.
 * Sets *@cut when it was. */
static char *
quoted_line (const char *line, GHashTable *hide, glong max, gboolean *cut)
{
	GString *out = g_string_new (NULL);
	glong n = 0;

	for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if (unshown (c))
			continue;
		if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
			g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
			c = ' ';
		g_string_append_unichar (out, c);
	}
	g_strchomp (out->str);
	g_string_set_size (out, strlen (out->str));
	if (hide != NULL) {
		g_autofree char *hidden = st_munge (out->str, hide);
		g_string_assign (out, hidden);
	}
	n = g_utf8_strlen (out->str, -1);
	if (n > max) {
		const char *end = g_utf8_offset_to_pointer (out->str, max - 6);
		g_string_truncate (out, (gsize)(end - out->str));
		g_string_append (out, " [...]");
		*cut = TRUE;
	}
	return g_string_free (out, FALSE);
}

char **
st_excerpt_split_lines (const char *text)
{
	GPtrArray *lines = g_ptr_array_new ();
	const char *p = text, *end = text + strlen (text);

	for (;;) {
		const char *nl = memchr (p, '\n', (gsize)(end - p));
		if (nl == NULL) {
			g_ptr_array_add (lines, g_strndup (p, (gsize)(end - p)));
			break;
		}
		g_ptr_array_add (lines, g_strndup (p, (gsize)(nl - p)));
		p = nl + 1;
	}
	g_ptr_array_add (lines, NULL);
	return (char **)g_ptr_array_free (lines, FALSE);
}

/* ---- what the message is made of -------------------------------------- */

typedef struct {
	char *filename; /* one line, or NULL */
	char *type;     /* "application/pdf" */
	gsize size;     /* decoded */
	char *sha256;
} Attachment;

static void
attachment_free (gpointer p)
{
	Attachment *a = p;
	g_free (a->filename);
	g_free (a->type);
	g_free (a->sha256);
	g_free (a);
}

/* The message's readable text and its attachments. */
typedef struct {
	char *plain;            /* the first text/plain part, decoded, or NULL */
	char *html;             /* the first text/html part (or HTML sent as text/plain) */
	GPtrArray *attachments; /* Attachment * */
	guint more_attachments; /* past ST_EXCERPT_MAX_ATTACHMENTS */
} Parts;

static void
parts_clear (Parts *p)
{
	g_free (p->plain);
	g_free (p->html);
	g_ptr_array_unref (p->attachments);
}

/* Decodes @part and sums it: its size and SHA-256. */
static void
attachment_add (Parts *parts, GMimePart *part)
{
	if (parts->attachments->len >= ST_EXCERPT_MAX_ATTACHMENTS) {
		parts->more_attachments++;
		return;
	}
	Attachment *a = g_new0 (Attachment, 1);
	GMimeContentType *ct = g_mime_object_get_content_type (GMIME_OBJECT (part));
	const char *name = g_mime_part_get_filename (part);
	g_autoptr (GMimeStream) mem = g_mime_stream_mem_new ();
	GMimeDataWrapper *content = g_mime_part_get_content (part);

	if (content != NULL)
		g_mime_data_wrapper_write_to_stream (content, mem);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
	g_autofree char *type = ct ? g_mime_content_type_get_mime_type (ct) : NULL;
	a->filename = name != NULL ? st_excerpt_one_line (name, 80) : NULL;
	a->type = st_excerpt_one_line (type ? type : "application/octet-stream", 60);
	a->size = bytes->len;
	a->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data, bytes->len);
	g_ptr_array_add (parts->attachments, a);
}

/* A text part's content as UTF-8: decoded, converted from its charset
 * (Windows-1252 or Latin-1 when that fails or lies), NULs made spaces. GMime's own
 * g_mime_text_part_get_text stops at the first NUL, and a spam's text
 * goes on after it. */
static char *
part_text (GMimePart *part)
{
	g_autoptr (GMimeStream) mem = g_mime_stream_mem_new ();
	GMimeDataWrapper *content = g_mime_part_get_content (part);
	const char *charset =
		g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");

	if (content != NULL)
		g_mime_data_wrapper_write_to_stream (content, mem);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
	/* an empty part has no buffer at all */
	if (bytes->len == 0)
		return g_strdup ("");
	for (guint k = 0; k < bytes->len; k++)
		if (bytes->data[k] == '\0')
			bytes->data[k] = ' ';
	const char *from = charset != NULL ? g_mime_charset_iconv_name (charset) : "UTF-8";
	const char *data = (const char *)bytes->data;
	char *text = NULL;
	if (g_ascii_strcasecmp (from, "UTF-8") != 0 && g_ascii_strcasecmp (from, "us-ascii") != 0)
		text = g_convert (data, bytes->len, "UTF-8", from, NULL, NULL, NULL);
	/* labelled UTF-8 (or not at all) and not: the usual truth is
	 * Windows-1252, else Latin-1, which takes any byte */
	if (text == NULL && !g_utf8_validate (data, bytes->len, NULL))
		text = g_convert (data, bytes->len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
	if (text == NULL && !g_utf8_validate (data, bytes->len, NULL))
		text = g_convert (data, bytes->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
	if (text == NULL)
		text = g_utf8_make_valid ((const char *)bytes->data, bytes->len);
	return text;
}

static void
parts_read (Parts *parts, GMimeObject *root)
{
	g_autoptr (GMimePartIter) iter = g_mime_part_iter_new (root);
	/* the iterator starts at the first part below the root; a leaf is
	 * its own only part */
	gboolean more = GMIME_IS_MULTIPART (root) || GMIME_IS_MESSAGE_PART (root);
	GMimeObject *o = more ? g_mime_part_iter_get_current (iter) : root;

	parts->attachments = g_ptr_array_new_with_free_func (attachment_free);
	for (;;) {
		if (o != NULL && GMIME_IS_PART (o)) {
			GMimePart *part = GMIME_PART (o);
			GMimeContentType *ct = g_mime_object_get_content_type (o);
			gboolean text = GMIME_IS_TEXT_PART (o) &&
					!g_mime_part_is_attachment (part) &&
					g_mime_part_get_filename (part) == NULL;
			if (text && g_mime_content_type_is_type (ct, "text", "html") &&
				parts->html == NULL) {
				parts->html = part_text (part);
			} else if (text && g_mime_content_type_is_type (ct, "text", "plain") &&
				   parts->plain == NULL) {
				parts->plain = part_text (part);
			} else if (!text || !g_mime_content_type_is_type (ct, "text", "*")) {
				attachment_add (parts, part);
			}
		}
		if (!more || !g_mime_part_iter_next (iter))
			break;
		o = g_mime_part_iter_get_current (iter);
	}
	/* spam often sends HTML labelled text/plain */
	if (parts->html == NULL && parts->plain != NULL && st_html_looks_like (parts->plain, -1)) {
		parts->html = g_steal_pointer (&parts->plain);
	}
}

/* ---- links ------------------------------------------------------------- */

typedef struct {
	char *url;    /* as written (references decoded) */
	char *target; /* where a redirector leads, or NULL */
	char *host;   /* of the target, else of the URL; or NULL */
	guint count;
} Link;

static void
link_free (gpointer p)
{
	Link *l = p;
	g_free (l->url);
	g_free (l->target);
	g_free (l->host);
	g_free (l);
}

/* Where a redirector's or a click tracker's link really leads (the last
 * target of a chain), or NULL. urls.c unwraps them, for the recipient
 * policy (offers.c) as for this list: both name the same target. */
static char *
unwrap_link (const char *url, char **host)
{
	g_autoptr (StUrls) found = st_urls_new ();
	const StUrl *first = NULL, *last = NULL;

	st_urls_scan_text (found, url, -1, ST_URLS_WHERE_HTML_HREF, 1);
	for (guint k = 0; k < found->urls->len; k++) {
		const StUrl *u = found->urls->pdata[k];
		if (first == NULL)
			first = u;
		else if (u->where == ST_URLS_WHERE_REDIRECT)
			last = u;
	}
	*host = NULL;
	if (first == NULL)
		return NULL;
	if (last != NULL && first->target != NULL) {
		*host = g_strdup (last->host);
		return g_strdup (last->url);
	}
	*host = g_strdup (first->host);
	return NULL;
}

static Link *
link_new (const char *url, guint count)
{
	Link *l = g_new0 (Link, 1);
	l->url = g_strdup (url);
	l->count = count;
	l->target = unwrap_link (url, &l->host);
	return l;
}

static gboolean
is_web (const char *url)
{
	return g_ascii_strncasecmp (url, "http://", 7) == 0 ||
	       g_ascii_strncasecmp (url, "https://", 8) == 0;
}

static gboolean
is_well_known (const char *host)
{
	if (host == NULL)
		return TRUE;
	for (gsize k = 0; k < G_N_ELEMENTS (well_known); k++) {
		gsize hl = strlen (host), wl = strlen (well_known[k]);
		if (g_ascii_strcasecmp (host, well_known[k]) == 0 ||
			(hl > wl && host[hl - wl - 1] == '.' &&
				g_ascii_strcasecmp (host + hl - wl, well_known[k]) == 0))
			return TRUE;
	}
	return FALSE;
}

/* The link the reader is asked to follow: of the web links that do not go
 * to a well-known site, the first to the domain most of them go to (a
 * call to action is repeated: the button, the picture, "click here"; a
 * logo's or an unsubscribe link is not). Its index in @links, or -1. */
static int
call_to_action (const GPtrArray *links)
{
	g_autoptr (GHashTable) votes =
		g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr (GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
	int best = -1;
	guint most = 0;

	for (guint k = 0; k < links->len; k++) {
		const Link *l = links->pdata[k];
		char *d = NULL;
		if (is_web (l->url) && !is_well_known (l->host))
			d = st_domain_registrable (l->host);
		if (d == NULL && is_web (l->url) && !is_well_known (l->host))
			d = g_strdup (l->host);
		g_ptr_array_add (domains, d);
		if (d == NULL)
			continue;
		guint n = GPOINTER_TO_UINT (g_hash_table_lookup (votes, d)) + l->count;
		g_hash_table_insert (votes, g_strdup (d), GUINT_TO_POINTER (n));
	}
	for (guint k = 0; k < links->len; k++) {
		const char *d = domains->pdata[k];
		guint n = d != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (votes, d)) : 0;
		if (n > most) {
			most = n;
			best = (int)k;
		}
	}
	return best;
}

/* The host of an image's src ("https://cdn.example/x.png" → "cdn.example"),
 * lower case; NULL for an embedded one (cid:, data:). */
static char *
src_host (const char *src)
{
	const char *p = strstr (src, "//");
	if (p == NULL || (p != src && p[-1] != ':'))
		return NULL;
	p += 2;
	gsize n = strcspn (p, "/?#\\");
	g_autofree char *auth = g_strndup (p, n);
	const char *at = strrchr (auth, '@');
	const char *host = at ? at + 1 : auth;
	gsize hl = host[0] == '[' ? strcspn (host, "]") + 1 : strcspn (host, ":");
	if (hl == 0)
		return NULL;
	return g_ascii_strdown (host, (gssize)hl);
}

/* ---- the excerpt ------------------------------------------------------- */

typedef struct {
	GString *out;
	const StExcerptOptions *options;
	guint max_lines;
	gsize max_bytes;
	guint lines;   /* body lines written, marks included */
	gsize bytes;   /* of body text written */
	guint cut;     /* lines cut at ST_EXCERPT_LINE_CHARS */
	guint skipped; /* lines left out since the last one kept */
	gboolean full; /* the limit is reached */
} Excerpt;

static gboolean
has_link_mark (const char *line)
{
	for (const char *p = strchr (line, '['); p != NULL; p = strchr (p + 1, '[')) {
		gsize d = strspn (p + 1, "0123456789");
		if (d > 0 && p[1 + d] == ']')
			return TRUE;
	}
	return FALSE;
}

static void
say_skipped (Excerpt *e)
{
	if (e->skipped == 0)
		return;
	g_string_append_printf (
		e->out, "[... %u line%s left out ...]\n", e->skipped, e->skipped == 1 ? "" : "s");
	e->lines++;
	e->skipped = 0;
}

/* Writes @line (already quoted), unless the limits are reached. */
static void
keep_line (Excerpt *e, const char *line, gboolean blank_before)
{
	gsize len = strlen (line) + strlen (QUOTE) + 1;
	guint need = 1 + (e->skipped > 0 || blank_before);
	if (e->lines + need > e->max_lines || e->bytes + len > e->max_bytes) {
		e->full = TRUE;
		return;
	}
	if (e->skipped > 0)
		say_skipped (e);
	else if (blank_before && e->lines > 0) {
		g_string_append (e->out, "|\n");
		e->lines++;
	}
	g_string_append_printf (e->out, "%s%s\n", QUOTE, line);
	e->lines++;
	e->bytes += len;
}

/* The text's first lines and every line with a contact, within limits. */
static void
excerpt_text (Excerpt *e, const char *text, const char *region)
{
	g_auto (GStrv) lines = st_excerpt_split_lines (text);
	g_autoptr (GHashTable) judged = g_hash_table_new (g_str_hash, g_str_equal);
	guint seen = 0, left = 0;
	gboolean blank = FALSE;

	for (char **l = lines; *l != NULL; l++) {
		if (e->full) {
			left += (*l)[0] != '\0';
			continue;
		}
		g_strchomp (*l);
		if (!g_utf8_validate (*l, -1, NULL)) {
			char *fixed = g_utf8_make_valid (*l, -1);
			g_free (*l);
			*l = fixed;
		}
		if ((*l)[0] == '\0') {
			/* a paragraph break, kept between kept lines */
			blank = TRUE;
			continue;
		}
		gboolean keep = seen++ < HEAD_LINES || has_link_mark (*l);
		gpointer known = NULL;
		if (!keep && g_hash_table_lookup_extended (judged, *l, NULL, &known)) {
			keep = GPOINTER_TO_INT (known);
		} else if (!keep && g_hash_table_size (judged) >= MAX_JUDGED_LINES) {
			e->full = TRUE;
			left++;
			continue;
		} else if (!keep) {
			keep = st_excerpt_line_has_contact (*l, region);
			g_hash_table_insert (judged, *l, GINT_TO_POINTER (keep));
		}
		if (!keep) {
			e->skipped++;
			blank = FALSE;
			continue;
		}
		gboolean cut = FALSE;
		g_autofree char *q = quoted_line (
			*l, e->options->hide, ST_EXCERPT_LINE_CHARS - (glong)strlen (QUOTE), &cut);
		keep_line (e, q, blank);
		blank = FALSE;
		if (e->full) {
			left++;
			continue;
		}
		e->cut += cut;
	}
	if (e->full)
		g_string_append_printf (e->out,
			"[... the excerpt stops at %u lines or %zu bytes: %u more line%s of text "
			"left out ...]\n",
			e->max_lines, e->max_bytes, left + e->skipped,
			left + e->skipped == 1 ? "" : "s");
	else
		say_skipped (e);
	if (e->cut > 0)
		g_string_append_printf (e->out,
			"[%u line%s longer than %d characters, cut where marked [...]]\n", e->cut,
			e->cut == 1 ? " was" : "s were", ST_EXCERPT_LINE_CHARS);
}

/* TRUE when @needle is in @hay, ignoring ASCII case. */
static gboolean
strcasestr_ascii (const char *hay, const char *needle)
{
	g_autofree char *h = g_ascii_strdown (hay, -1);
	g_autofree char *n = g_ascii_strdown (needle, -1);
	return strstr (h, n) != NULL;
}

/* A line of ours that names a URL: cut like a quoted one. */
static void
append_url_line (GString *out, const char *prefix, const char *url, GHashTable *hide)
{
	g_autofree char *line = g_strconcat (prefix, url, NULL);
	gboolean cut = FALSE;
	g_autofree char *q = quoted_line (line, hide, ST_EXCERPT_LINE_CHARS, &cut);
	g_string_append_printf (out, "%s\n", q);
}

static void
excerpt_links (GString *out, const GPtrArray *links, guint more, GHashTable *hide)
{
	guint shown = MIN (links->len, ST_EXCERPT_MAX_LINKS);
	guint left = links->len - shown + more;

	if (links->len == 0)
		return;
	g_string_append (out, "\nThe links of the message, by number:\n");
	for (guint k = 0; k < shown; k++) {
		const Link *l = links->pdata[k];
		g_autofree char *prefix = g_strdup_printf ("  [%u] ", k + 1);
		append_url_line (out, prefix, l->url, hide);
		/* the host as DNS knows it, when the link hides it (an IDN, an
		 * address written in decimal, references) */
		if (l->target == NULL && l->host != NULL && !strcasestr_ascii (l->url, l->host))
			append_url_line (out, "      host ", l->host, hide);
		if (l->target != NULL)
			append_url_line (out, "      which leads to ", l->target, hide);
	}
	if (left > 0)
		g_string_append_printf (
			out, "  [... %u more link%s left out ...]\n", left, left == 1 ? "" : "s");
}

static void
excerpt_images (GString *out, const GPtrArray *images)
{
	g_autoptr (GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	for (guint k = 0; images != NULL && k < images->len; k++) {
		char *h = src_host (images->pdata[k]);
		if (h == NULL || g_hash_table_contains (seen, h)) {
			g_free (h);
			continue;
		}
		g_ptr_array_add (hosts, h);
		g_hash_table_add (seen, h);
	}
	if (hosts->len == 0)
		return;
	g_string_append (out, "\nIts images are loaded from:");
	gsize col = 200;
	for (guint k = 0; k < hosts->len && k < ST_EXCERPT_MAX_LINKS; k++) {
		g_autofree char *h = st_excerpt_one_line (hosts->pdata[k], 100);
		if (col + strlen (h) + 2 > 72) {
			g_string_append (out, "\n ");
			col = 1;
		}
		g_string_append_printf (out, " %s%s", h, k + 1 < hosts->len ? "," : "");
		col += strlen (h) + 2;
	}
	if (hosts->len > ST_EXCERPT_MAX_LINKS)
		g_string_append_printf (out, "\n  and %u more", hosts->len - ST_EXCERPT_MAX_LINKS);
	g_string_append_c (out, '\n');
}

static void
excerpt_attachments (GString *out, const Parts *parts)
{
	if (parts->attachments->len == 0)
		return;
	g_string_append (out, "\nIts attachments:\n");
	for (guint k = 0; k < parts->attachments->len; k++) {
		const Attachment *a = parts->attachments->pdata[k];
		g_string_append_printf (out, "  \"%s\", %s, %zu bytes,\n    SHA-256 %s\n",
			a->filename != NULL ? a->filename : "(no name)", a->type, a->size,
			a->sha256);
	}
	if (parts->more_attachments > 0)
		g_string_append_printf (
			out, "  [... %u more left out ...]\n", parts->more_attachments);
}

/* The links of a plain text, in order, once each. */
static GPtrArray *
plain_links (const char *text)
{
	g_autoptr (StUrls) urls = st_urls_new ();
	GPtrArray *links = g_ptr_array_new_with_free_func (link_free);

	st_urls_scan_text (urls, text, -1, ST_URLS_WHERE_TEXT, 1);
	for (guint k = 0; k < urls->urls->len && links->len < ST_HTML_MAX_LINKS; k++) {
		const StUrl *u = urls->urls->pdata[k];
		if (u->where == ST_URLS_WHERE_REDIRECT)
			continue;
		g_ptr_array_add (links, link_new (u->url, u->count));
	}
	return links;
}

char *
st_excerpt_make (const char *data, gsize len, const char *region, const StExcerptOptions *options)
{
	static const StExcerptOptions defaults = { 0 };
	g_autoptr (GMimeMessage) msg = st_body_mime_parse (data, len);
	Parts parts = { 0 };
	g_autoptr (StHtmlView) view = NULL;
	g_autoptr (GPtrArray) links = NULL;
	const char *text = NULL;

	if (options == NULL)
		options = &defaults;
	if (msg != NULL && g_mime_message_get_mime_part (msg) != NULL)
		parts_read (&parts, g_mime_message_get_mime_part (msg));
	else
		parts.attachments = g_ptr_array_new_with_free_func (attachment_free);
	if (parts.html != NULL) {
		view = st_html_render (parts.html, -1);
		links = g_ptr_array_new_with_free_func (link_free);
		for (guint k = 0; k < view->links->len; k++) {
			const StHtmlLink *h = view->links->pdata[k];
			g_ptr_array_add (links, link_new (h->href, h->count));
		}
		text = view->text;
	} else if (parts.plain != NULL) {
		links = plain_links (parts.plain);
		text = parts.plain;
	}

	GString *out = g_string_new (NULL);
	if (text == NULL) {
		g_string_append (out, "[the body has no text we could read]\n");
		excerpt_attachments (out, &parts);
		parts_clear (&parts);
		return g_string_free (out, FALSE);
	}
	int cta = call_to_action (links);
	if (cta >= 0) {
		const Link *l = links->pdata[cta];
		g_autofree char *prefix =
			g_strdup_printf ("The link the reader is asked to follow [%d]: ", cta + 1);
		append_url_line (out, prefix, l->target ? l->target : l->url, options->hide);
		if (l->target != NULL)
			append_url_line (out, "  through the redirector ", l->url, options->hide);
		g_string_append_c (out, '\n');
	}
	Excerpt e = { .out = out,
		.options = options,
		.max_lines = options->max_lines ? options->max_lines : ST_EXCERPT_LINES_DEFAULT,
		.max_bytes = options->max_bytes ? options->max_bytes : ST_EXCERPT_BYTES_DEFAULT };
	excerpt_text (&e, text, region);
	excerpt_links (out, links, view != NULL ? view->more_links : 0, options->hide);
	excerpt_images (out, view != NULL ? view->images : NULL);
	excerpt_attachments (out, &parts);
	parts_clear (&parts);
	return g_string_free (out, FALSE);
}
