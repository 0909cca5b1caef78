/* excerpt.c - the body of a spam as a person reads it, trimmed to what shows it is spam.
 * RFC 2045 (transfer encodings), RFC 2046 (multipart), decoded by GMime. */
#include "config.h"

#include <string.h>

#include "excerpt.h"
#include "gmime-autoptr.h"
#include "urls.h"

/* Lines kept from the top whatever they hold: the pitch. */
#define HEAD_LINES 20

gboolean
st_excerpt_line_has_contact (const char *line)
{
	static GRegex *re;
	if (g_once_init_enter (&re)) {
		/* URLs and host names, addresses (also "at"/"dot" spelled out),
		 * phone numbers (7+ digits with the usual separators), P.O.
		 * boxes, US ZIP after a state, UK postcodes, 5-digit codes
		 * before a city */
		GRegex *r = g_regex_new (
			"(?i)(https?://|hxxps?://"
			"|www\\.|\\b[a-z0-9.-]+\\.(com|net|org|info|biz|ru|cn)\\b"
			"|[a-z0-9._%+-]+\\s*(@|\\[at\\]|\\(at\\)|\\sat\\s)\\s*[a-z0-9.-]+"
			"|\\+?\\d[\\d\\s().-]{6,}\\d"
			"|\\bp\\.?\\s*o\\.?\\s*box\\b|\\bpostfach\\b"
			"|\\b[A-Z]{2}\\s+\\d{5}(-\\d{4})?\\b"
			"|\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b)",
			G_REGEX_OPTIMIZE, 0, NULL);
		g_once_init_leave (&re, r);
	}
	return g_regex_match (re, line, 0, NULL);
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
			return st_urls_html_text (h, -1);
	}
	return NULL;
}

char *
st_excerpt_make (const char *data, gsize len)
{
	g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, len);
	g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
	g_autoptr (GMimeMessage) msg = g_mime_parser_construct_message (parser, NULL);
	g_autofree char *text = NULL;

	if (msg != NULL && g_mime_message_get_mime_part (msg) != NULL)
		text = readable_text (g_mime_message_get_mime_part (msg));
	if (text == NULL)
		return g_strdup ("[the body has no text we could read]\n");

	g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
	GString *out = g_string_new (NULL);
	guint kept = 0, skipped = 0, seen = 0;
	for (char **l = lines; *l != NULL && kept < ST_EXCERPT_MAX_LINES; l++) {
		g_strchomp (*l);
		/* invalid UTF-8 cannot go into a text/plain; charset=utf-8 part */
		if (!g_utf8_validate (*l, -1, NULL)) {
			char *fixed = g_utf8_make_valid (*l, -1);
			g_free (*l);
			*l = fixed;
		}
		if ((*l)[0] == '\0' && (out->len == 0 || skipped > 0))
			continue;
		if (seen < HEAD_LINES || st_excerpt_line_has_contact (*l)) {
			if (skipped > 0)
				g_string_append_printf (out, "[... %u line%s left out ...]\n",
					skipped, skipped == 1 ? "" : "s");
			skipped = 0;
			g_string_append_printf (out, "%s\n", *l);
			kept++;
		} else {
			skipped++;
		}
		if ((*l)[0] != '\0')
			seen++;
	}
	if (skipped > 0)
		g_string_append_printf (
			out, "[... %u line%s left out ...]\n", skipped, skipped == 1 ? "" : "s");
	if (kept >= ST_EXCERPT_MAX_LINES)
		g_string_append (out, "[... the rest left out ...]\n");
	return g_string_free (out, FALSE);
}
