/* draft-check.c - a helper of tests/report-cli.sh: does a draft parse back, and does it
 * carry the original's headers verbatim? RFC 5322, RFC 2045. Not a test on its own. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gmime-autoptr.h"
#include "headers.h"

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
	const char *subject = g_mime_message_get_subject (m);
	if (subject == NULL || !g_str_has_prefix (subject, "Spam from your system (\"") ||
		!g_str_has_suffix (subject, "\")")) {
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
	g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (body));
	if (text == NULL || strstr (text, "Hello,") == NULL) {
		printf ("%s: no note\n", argv[1]);
		return 1;
	}
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
			if (hit == NULL) {
				printf ("%s: header line not found verbatim: %s\n", argv[1], *l);
				return 1;
			}
			at = hit + strlen (*l);
		}
	}
	return 0;
}
