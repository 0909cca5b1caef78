/* draft-check.c - a helper of tests/report-cli.sh: does a draft parse back, is it well formed,
 * and does it carry the original's headers verbatim? RFC 5322, RFC 2045. Not a test on its own. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gmime-autoptr.h"
#include "headers.h"

/* RFC 5322 2.1.1: no line over 998 octets, in any part. */
static gboolean
lines_fit (const char *draft, gsize len, const char *path)
{
	gsize line = 0, number = 1;
	for (gsize i = 0; i < len; i++) {
		if (draft[i] == '\n') {
			line = 0;
			number++;
			continue;
		}
		if (++line > 998) {
			printf ("%s: line %zu is over 998 octets\n", path, number);
			return FALSE;
		}
	}
	return TRUE;
}

/* No sentence of the note (the text before the quoted header section)
 * said twice. */
static gboolean
no_sentence_twice (const char *text, const char *path)
{
	const char *end = strstr (text, "\n----- The header section");
	g_autofree char *note = g_strndup (text, end ? (gsize)(end - text) : strlen (text));
	g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
	g_autofree char *flat = g_regex_replace_literal (space, note, -1, 0, " ", 0, NULL);
	g_auto (GStrv) sentences = g_regex_split_simple ("(?<=[.!?:])\\s", flat, 0, 0);

	for (char **s = sentences; *s != NULL; s++) {
		g_strstrip (*s);
		if (strlen (*s) < 20)
			continue;
		if (!g_hash_table_add (seen, g_strdup (*s))) {
			printf ("%s: said twice: %s\n", path, *s);
			return FALSE;
		}
	}
	return TRUE;
}

/* The first line of @text that is @line with some of it munged ("[recipient]"
 * where the line has anything), or NULL; *@found gets that line. */
static const char *
munged_line (const char *text, const char *line, char **found)
{
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr (p, '\n');
		gsize n = nl != NULL ? (gsize)(nl - p) : strlen (p);
		g_autofree char *d = g_strchomp (g_strndup (p, n));
		if (strstr (d, "[recipient]") != NULL) {
			g_autofree char *escaped = g_regex_escape_string (d, -1);
			g_autoptr (GRegex) any =
				g_regex_new ("\\\\\\[recipient\\\\\\]", 0, 0, NULL);
			g_autofree char *pattern =
				g_regex_replace_literal (any, escaped, -1, 0, ".+?", 0, NULL);
			g_autofree char *anchored = g_strdup_printf ("^%s$", pattern);
			g_autoptr (GRegex) re = g_regex_new (anchored, 0, 0, NULL);
			if (re != NULL && g_regex_match (re, line, 0, NULL)) {
				*found = g_steal_pointer (&d);
				return p;
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return NULL;
}

/* usage: draft-check DRAFT [ORIGINAL] ; exit 0 when good, 1 with a reason */
int
main (int argc, char **argv)
{
	g_autofree char *draft = NULL, *orig = NULL;
	gsize dlen = 0, olen = 0;

	if (argc < 2 || !g_file_get_contents (argv[1], &draft, &dlen, NULL)) {
		fprintf (stderr, "usage: draft-check DRAFT [ORIGINAL]\n");
		return 2;
	}
	g_mime_init ();
	g_autoptr (GMimeStream) s = g_mime_stream_mem_new_with_buffer (draft, dlen);
	g_autoptr (GMimeParser) p = g_mime_parser_new_with_stream (s);
	g_autoptr (GMimeMessage) m = g_mime_parser_construct_message (p, NULL);
	if (m == NULL) {
		printf ("%s: GMime cannot parse the draft\n", argv[1]);
		return 1;
	}
	if (!lines_fit (draft, dlen, argv[1]))
		return 1;
	if (g_mime_object_get_header (GMIME_OBJECT (m), "X-Spamtrace-Draft") != NULL) {
		printf ("%s: an X-Spamtrace-Draft field\n", argv[1]);
		return 1;
	}
	const char *subject = g_mime_message_get_subject (m);
	if (subject == NULL ||
		!(g_str_has_prefix (subject, "Spam from your system (") ||
			g_str_has_prefix (subject, "Your domain was forged in spam (")) ||
		!g_str_has_suffix (subject, ")") || strstr (subject, "(\"\")") != NULL) {
		printf ("%s: subject '%s'\n", argv[1], subject ? subject : "(none)");
		return 1;
	}
	if (internet_address_list_length (g_mime_message_get_to (m)) < 1) {
		printf ("%s: no recipient\n", argv[1]);
		return 1;
	}
	GMimeObject *body = g_mime_message_get_body (m);
	if (body == NULL || !GMIME_IS_TEXT_PART (body)) {
		printf ("%s: no text part\n", argv[1]);
		return 1;
	}
	GMimeContentEncoding enc = g_mime_part_get_content_encoding (GMIME_PART (body));
	const char *charset = g_mime_object_get_content_type_parameter (body, "charset");
	if (enc == GMIME_CONTENT_ENCODING_BASE64 || charset == NULL ||
		(g_ascii_strcasecmp (charset, "utf-8") != 0 &&
			g_ascii_strcasecmp (charset, "us-ascii") != 0)) {
		printf ("%s: the note is %s in %s\n", argv[1],
			g_mime_content_encoding_to_string (enc), charset ? charset : "no charset");
		return 1;
	}
	g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (body));
	if (text == NULL || strstr (text, "Hello,") == NULL) {
		printf ("%s: no note\n", argv[1]);
		return 1;
	}
	if (!no_sentence_twice (text, argv[1]))
		return 1;
	if (argc > 2 && g_file_get_contents (argv[2], &orig, &olen, NULL)) {
		/* every line of the original header section, in order; the
		 * section ends where lib/trace/headers.c says it does */
		StHeaderScan scan = { 0 };
		st_header_scan_feed (&scan, orig, olen, TRUE);
		g_autofree char *headers = g_strndup (orig, scan.end);
		if (!g_utf8_validate (headers, -1, NULL)) {
			char *v = g_utf8_make_valid (headers, -1);
			g_free (headers);
			headers = v;
		}
		g_auto (GStrv) lines = g_strsplit (headers, "\n", -1);
		const char *at = text;
		for (char **l = lines; *l != NULL; l++) {
			g_strchomp (*l);
			if ((*l)[0] == '\0' || g_str_has_prefix (*l, "From "))
				continue;
			const char *hit = strstr (at, *l);
			g_autofree char *munged = NULL;
			if (hit == NULL) {
				/* munged: a later line of the draft that reads as
				 * this one with something in place of each
				 * [recipient] */
				hit = munged_line (at, *l, &munged);
				if (hit != NULL) {
					g_free (*l);
					*l = g_steal_pointer (&munged);
				}
			}
			if (hit == NULL) {
				printf ("%s: header line not found verbatim: %s\n", argv[1], *l);
				return 1;
			}
			at = hit + strlen (*l);
		}
	}
	return 0;
}
