/* excerpt.c - the body of a spam as a person reads it, trimmed to what shows it is spam.
 * RFC 2045 (transfer encodings), RFC 2046 (multipart), decoded by GMime. */
#include "config.h"

#include <string.h>

#include "excerpt.h"
#include "gmime-autoptr.h"
#include "phone.h"
#include "postal.h"
#include "html.h"
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

/* The finders decide, not a pattern of our own: a line is kept exactly
 * when it holds something the evidence lists. Each runs on the one line,
 * and each is linear in it. */
gboolean
st_excerpt_line_has_contact (const char *line, const char *region)
{
	g_autoptr (StUrls) urls = st_urls_new ();
	st_urls_scan_text (urls, line, -1, ST_URLS_WHERE_TEXT, 1);
	if (urls->urls->len > 0 || urls->emails->len > 0)
		return TRUE;
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	st_phone_find (phones, line, -1, region, ST_URLS_WHERE_TEXT, 1, 1);
	if (phones->len > 0)
		return TRUE;
	g_autoptr (GPtrArray) postal =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_postal_free);
	st_postal_find (postal, line, -1, ST_URLS_WHERE_TEXT, 1, 1);
	return postal->len > 0;
}

static char *
readable_text (GMimeObject *root)
{
	g_autoptr (GMimePartIter) iter = NULL;
	GMimeObject *html = NULL;

	if (GMIME_IS_TEXT_PART (root)) {
		if (g_mime_content_type_is_type (
			    g_mime_object_get_content_type (root), "text", "plain"))
			return g_mime_text_part_get_text (GMIME_TEXT_PART (root));
		html = root;
	} else {
		iter = g_mime_part_iter_new (root);
		do {
			GMimeObject *o = g_mime_part_iter_get_current (iter);
			if (o == NULL || !GMIME_IS_TEXT_PART (o))
				continue;
			GMimeContentType *ct = g_mime_object_get_content_type (o);
			if (g_mime_content_type_is_type (ct, "text", "plain"))
				return g_mime_text_part_get_text (GMIME_TEXT_PART (o));
			if (html == NULL && g_mime_content_type_is_type (ct, "text", "html"))
				html = o;
		} while (g_mime_part_iter_next (iter));
	}
	if (html != NULL) {
		g_autofree char *h = g_mime_text_part_get_text (GMIME_TEXT_PART (html));
		if (h != NULL)
			return st_html_text (h, -1);
	}
	return NULL;
}

/* g_strsplit (text, "\n", -1), made linear: g_strsplit asks strstr for the
 * next line end in all the rest of the text, and AddressSanitizer's strstr
 * measures that rest each time (200,000 lines took two and a half minutes).
 * Returns a newly allocated string vector. */
static char **
split_lines (const char *text)
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

char *
st_excerpt_make (const char *data, gsize len, const char *region)
{
	g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, len);
	g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
	g_autoptr (GMimeMessage) msg = g_mime_parser_construct_message (parser, NULL);
	g_autofree char *text = NULL;

	if (msg != NULL && g_mime_message_get_mime_part (msg) != NULL)
		text = readable_text (g_mime_message_get_mime_part (msg));
	if (text == NULL)
		return g_strdup ("[the body has no text we could read]\n");

	g_auto (GStrv) lines = split_lines (text);
	g_autoptr (GHashTable) judged = g_hash_table_new (g_str_hash, g_str_equal);
	GString *out = g_string_new (NULL);
	guint kept = 0, skipped = 0, skipped_blank = 0, seen = 0;
	gboolean rest = FALSE;
	for (char **l = lines; *l != NULL && !rest; l++) {
		g_strchomp (*l);
		/* invalid UTF-8 cannot go into a text/plain; charset=utf-8 part */
		if (!g_utf8_validate (*l, -1, NULL)) {
			char *fixed = g_utf8_make_valid (*l, -1);
			g_free (*l);
			*l = fixed;
		}
		if ((*l)[0] == '\0' && (out->len == 0 || skipped > 0))
			continue;
		gboolean keep = seen < HEAD_LINES;
		gpointer known = NULL;
		if (!keep && g_hash_table_lookup_extended (judged, *l, NULL, &known)) {
			keep = GPOINTER_TO_INT (known);
		} else if (!keep && g_hash_table_size (judged) >= MAX_JUDGED_LINES) {
			rest = TRUE;
			break;
		} else if (!keep) {
			keep = st_excerpt_line_has_contact (*l, region);
			g_hash_table_insert (judged, *l, GINT_TO_POINTER (keep));
		}
		if (keep) {
			if (skipped > 0)
				g_string_append_printf (out, "[... %u line%s left out ...]\n",
					skipped, skipped == 1 ? "" : "s");
			skipped = skipped_blank = 0;
			g_string_append_printf (out, "%s\n", *l);
			rest = ++kept >= ST_EXCERPT_MAX_LINES;
		} else {
			skipped++;
			if ((*l)[0] == '\0')
				skipped_blank++;
		}
		if ((*l)[0] != '\0')
			seen++;
	}
	/* blank lines at the end are no loss worth a mark */
	if (skipped > skipped_blank)
		g_string_append_printf (
			out, "[... %u line%s left out ...]\n", skipped, skipped == 1 ? "" : "s");
	if (rest)
		g_string_append (out, "[... the rest left out ...]\n");
	return g_string_free (out, FALSE);
}
