/* check_headers.c - tests for lib/trace/headers.c: where the header section ends, its fields.
 * RFC 5322 sections 2.2 and 2.2.3; RFC 4155. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"

static const struct {
	const char *name;
	const char *msg;
	gsize end; /* expected section length */
	guint fields;
	gsize from_line;
	gboolean crlf;
} cases[] = {
	{ "plain", "A: 1\nB: 2\n\nbody\n", 11, 2, 0, FALSE },
	{ "crlf", "A: 1\r\nB: 2\r\n\r\nbody\r\n", 14, 2, 0, TRUE },
	{ "folded", "A: 1\n 2\n\t3\nB: x\n\nbody", 17, 2, 0, FALSE },
	{ "mbox", "From a@b Mon Jan  1 00:00:00 2024\nA: 1\n\nbody", 40, 1, 34, FALSE },
	{ "no blank line", "A: 1\nB: 2\nthis is body text\n", 10, 2, 0, FALSE },
	{ "no headers", "just a body\n", 0, 0, 0, FALSE },
	{ "empty", "", 0, 0, 0, FALSE },
	{ "only blank", "\n\nbody", 1, 0, 0, FALSE },
	{ "no final newline", "A: 1\nB: 2", 9, 2, 0, FALSE },
	{ "obsolete space before colon", "Subject : x\n\nb", 13, 1, 0, FALSE },
	{ "leading continuation", " x\nA: 1\n\n", 9, 1, 0, FALSE },
	{ "bare CR", "A: 1\rB: 2\r\rbody", 15, 1, 0, FALSE },
	{ "colon first", ": x\n\n", 0, 0, 0, FALSE },
	{ "NUL in value", "A: 1\0002\nB: 3\n\nbody", 13, 2, 0, FALSE },
	{ "mbox only", "From a@b Mon Jan  1 00:00:00 2024\n", 34, 0, 34, FALSE },
};

static gsize
case_len (guint i)
{
	/* the NUL case has an embedded NUL: count up to the "body" marker */
	if (strcmp (cases[i].name, "NUL in value") == 0)
		return 17;
	return strlen (cases[i].msg);
}

START_TEST (test_scan_and_parse)
{
	const char *msg = cases[_i].msg;
	gsize len = case_len (_i);

	/* the scan gives the same end whatever the pieces the input arrives in */
	for (gsize piece = 1; piece <= len + 1; piece++) {
		StHeaderScan scan = { 0 };
		gsize have = 0;
		gboolean done = FALSE;
		while (!done) {
			have = MIN (len, have + piece);
			done = st_header_scan_feed (&scan, msg, have, have == len);
		}
		ck_assert_msg (scan.end == cases[_i].end, "%s (pieces of %zu): end %zu, want %zu",
			cases[_i].name, piece, scan.end, cases[_i].end);
	}

	g_autoptr (StHeaders) h = st_headers_parse (msg, cases[_i].end);
	ck_assert_msg (h->fields->len == cases[_i].fields, "%s: %u fields", cases[_i].name,
		h->fields->len);
	ck_assert_uint_eq (h->from_line_len, cases[_i].from_line);
	ck_assert_int_eq (h->crlf, cases[_i].crlf);
}
END_TEST

START_TEST (test_values)
{
	const char *msg = "Received: from a\n\tby b; date\nSubject: hi\r\nX-Empty:\n\n";
	g_autoptr (StHeaders) h = st_headers_parse (msg, strlen (msg) - 1);
	guint idx = 99;

	ck_assert_uint_eq (h->fields->len, 3);
	const StField *f = st_headers_find (h, "received", &idx);
	ck_assert_ptr_nonnull (f);
	ck_assert_uint_eq (idx, 0);
	g_autofree char *v = st_field_unfold (f);
	ck_assert_str_eq (v, " from a\tby b; date");
	f = st_headers_find (h, "SUBJECT", NULL);
	g_autofree char *s = st_field_unfold (f);
	ck_assert_str_eq (s, " hi");
	f = st_headers_find (h, "X-Empty", NULL);
	ck_assert_uint_eq (f->value_len, 0);
	ck_assert_ptr_null (st_headers_find (h, "From", NULL));
}
END_TEST

static int
compare_strings (const void *a, const void *b)
{
	return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* every single byte as a one-byte message and as a field name character */
START_TEST (test_all_bytes)
{
	for (int b = 0; b < 256; b++) {
		char msg[8] = { (char)b, ':', ' ', 'x', '\n', '\n' };
		StHeaderScan scan = { 0 };
		ck_assert (st_header_scan_feed (&scan, msg, 6, TRUE));
		gboolean name_char = b > 32 && b < 127 && b != ':';
		ck_assert_msg (scan.end == (name_char ? 6u
						      : (b == ' ' || b == '\t' ? 6u
								: b == '\n'    ? 1u
									       : 0u)),
			"byte %d: end %zu", b, scan.end);
		g_autoptr (StHeaders) h = st_headers_parse (msg, scan.end);
		(void)h;
	}
}
END_TEST

/* The addresses of some fields, as a set: the whole words with an "@". */
static const struct {
	const char *header;
	const char *set; /* sorted, space-separated */
} address_cases[] = {
	{ "To: alice@home.zz\n", "alice@home.zz" },
	{ "To: \"Alice A.\" <Alice@Home.ZZ>, bob@b.zz;\n carol@c.zz\n",
		"alice@home.zz bob@b.zz carol@c.zz" },
	{ "To: Undisclosed recipients:;\nCc: (comment) x@y.zz (z@w.zz)\n", "x@y.zz z@w.zz" },
	/* a substring of an address is not the address */
	{ "To: xalice@home.zz\n", "xalice@home.zz" },
	{ "Delivered-To: a@b.zz\nX-Original-To: c@d.zz\nEnvelope-To: e@f.zz\n",
		"a@b.zz c@d.zz e@f.zz" },
	/* only the fields asked about */
	{ "From: f@g.zz\nReply-To: r@g.zz\nSubject: s@g.zz\nTo: t@g.zz\n", "t@g.zz" },
	{ "To: no address here\n", "" },
	{ "To: @\n", "@" },
};

START_TEST (test_addresses)
{
	static const char *const names[] = { "To", "Cc", "Delivered-To", "X-Original-To",
		"Envelope-To", NULL };
	const char *msg = address_cases[_i].header;
	g_autoptr (StHeaders) h = st_headers_parse (msg, strlen (msg));
	g_autoptr (GHashTable) set = st_headers_addresses (h, names);
	guint n = 0;
	g_autofree const char **keys = (const char **)g_hash_table_get_keys_as_array (set, &n);
	g_autofree char *got = NULL;

	qsort (keys, n, sizeof *keys, compare_strings);
	got = g_strjoinv (" ", (char **)keys);
	ck_assert_str_eq (got, address_cases[_i].set);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("headers");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_scan_and_parse, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_values);
	tcase_add_test (tc, test_all_bytes);
	tcase_add_loop_test (tc, test_addresses, 0, G_N_ELEMENTS (address_cases));
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
