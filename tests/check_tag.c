/* check_tag.c - tests for lib/trace/tag.c: our fields stay ASCII, folded and unbreakable.
 * RFC 5322 sections 2.2.3 and 3.2.2. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tag.h"

static const struct {
	const char *in;
	gboolean keep_spaces;
	const char *out;
} escape_cases[] = {
	{ "mail.example.net", FALSE, "mail.example.net" },
	{ "a b", FALSE, "a\\x20b" },
	{ "a b", TRUE, "a b" },
	{ "x; hop=0", FALSE, "x\\x3B\\x20hop=0" },
	{ "back\\slash", FALSE, "back\\x5Cslash" },
	{ "cr\rlf\n", TRUE, "cr\\x0Dlf\\x0A" },
	{ "tab\there", TRUE, "tab\\x09here" },
	{ "caf\xc3\xa9", FALSE, "caf\\xC3\\xA9" },
	{ "\x7f\x01", FALSE, "\\x7F\\x01" },
	{ "", FALSE, "" },
};

START_TEST (test_escape)
{
	g_autoptr (GString) s = g_string_new (NULL);
	st_tag_escape (s, escape_cases[_i].in, escape_cases[_i].keep_spaces);
	ck_assert_str_eq (s->str, escape_cases[_i].out);
}
END_TEST

START_TEST (test_escape_limit)
{
	g_autoptr (GString) s = g_string_new (NULL);
	g_autofree char *big = g_strnfill (100000, '\n');
	st_tag_escape (s, big, FALSE);
	ck_assert_uint_le (s->len, ST_TAG_MAX_VALUE + 8);
	ck_assert (g_str_has_suffix (s->str, "..."));
}
END_TEST

/* Checks one written field: ASCII, lines ending in @eol, no line longer than
 * @max, continuations start with white space; returns the unfolded text. */
static char *
check_field (const char *text, const char *eol, gsize max)
{
	GString *unfolded = g_string_new (NULL);
	g_auto (GStrv) lines = g_strsplit (text, eol, -1);
	guint n = g_strv_length (lines);

	ck_assert_uint_ge (n, 2);
	ck_assert_str_eq (lines[n - 1], ""); /* ends with eol */
	for (guint i = 0; i + 1 < n; i++) {
		const char *l = lines[i];
		ck_assert_msg (strlen (l) <= max, "line %u is %zu long", i, strlen (l));
		ck_assert (strchr (l, '\r') == NULL && strchr (l, '\n') == NULL);
		for (const guchar *p = (const guchar *)l; *p; p++)
			ck_assert (*p >= 0x20 && *p < 0x7f);
		if (i > 0)
			ck_assert (l[0] == ' ' || l[0] == '\t');
		g_string_append (unfolded, l);
	}
	return g_string_free (unfolded, FALSE);
}

START_TEST (test_fold)
{
	const char *eol = _i == 0 ? "\n" : "\r\n";
	StTagField f;
	g_autoptr (GString) out = g_string_new (NULL);

	st_tag_field_init (&f, "X-Spamtrace-Test");
	st_tag_field_pair (&f, "ip", "192.0.2.1");
	st_tag_field_pair (&f, "rdns", "a-rather-long-host-name.with.many.labels.example.net");
	st_tag_field_pair (&f, "helo", "evil\r\nX-Spamtrace-Origin: ip=1.2.3.4; hop=0");
	st_tag_field_text (&f, "reason",
		"a long explanation of ours that has to be folded "
		"over several lines because it is long");
	st_tag_field_int (&f, "hop", 3);
	st_tag_field_write (&f, out, eol);
	g_autofree char *unfolded = check_field (out->str, eol, 78);
	ck_assert_str_eq (unfolded,
		"X-Spamtrace-Test: ip=192.0.2.1; "
		"rdns=a-rather-long-host-name.with.many.labels.example.net; "
		"helo=evil\\x0D\\x0AX-Spamtrace-Origin:\\x20ip=1.2.3.4\\x3B\\x20hop=0; "
		"reason=a long explanation of ours that has to be folded over "
		"several lines because it is long; hop=3");
	/* exactly one field: the injected name is not at the start of a line */
	ck_assert_ptr_null (strstr (out->str, "\nX-Spamtrace-Origin"));
	st_tag_field_clear (&f);
}
END_TEST

START_TEST (test_long_value)
{
	StTagField f;
	g_autoptr (GString) out = g_string_new (NULL);
	g_autofree char *big = g_strnfill (5000, 'a');

	st_tag_field_init (&f, "X-Spamtrace-Test");
	st_tag_field_pair (&f, "helo", big);
	st_tag_field_pair (&f, "ip", "192.0.2.1");
	st_tag_field_write (&f, out, "\n");
	g_autofree char *u = check_field (out->str, "\n", 998);
	ck_assert (g_str_has_suffix (u, "; ip=192.0.2.1"));
	st_tag_field_clear (&f);
}
END_TEST

START_TEST (test_empty)
{
	StTagField f;
	g_autoptr (GString) out = g_string_new (NULL);
	st_tag_field_init (&f, "X-Spamtrace-Test");
	st_tag_field_write (&f, out, "\n");
	ck_assert_str_eq (out->str, "X-Spamtrace-Test: \n");
	st_tag_field_clear (&f);
}
END_TEST

START_TEST (test_analysis_fields)
{
	const char *msg = "Received: from evil (evil [198.51.100.9]) by mx.example.org (Postfix) "
			  "with ESMTP id 1; Tue, 3 Sep 2024 10:00:00 +0200\n"
			  "X-Spamtrace-Origin: forged\n"
			  "Subject: x\n\n";
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	g_autoptr (GString) out = g_string_new (NULL);

	st_tag_write_analysis (a, "spamtrace-filter", out, "\n");
	ck_assert_ptr_nonnull (
		strstr (out->str, "X-Spamtrace-Version: spamtrace-filter " PACKAGE_VERSION "\n"));
	ck_assert_ptr_nonnull (strstr (
		out->str, "X-Spamtrace-Origin: ip=198.51.100.9; rdns=evil; helo=evil; hop=0\n"));
	ck_assert_ptr_nonnull (
		strstr (out->str, "X-Spamtrace-Trust: trusted=0; boundary=mx.example.org\n"));
	ck_assert_ptr_nonnull (strstr (out->str, "X-Spamtrace-Renamed: count=1;"));
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("tag");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_escape, 0, G_N_ELEMENTS (escape_cases));
	tcase_add_test (tc, test_escape_limit);
	tcase_add_loop_test (tc, test_fold, 0, 2);
	tcase_add_test (tc, test_long_value);
	tcase_add_test (tc, test_empty);
	tcase_add_test (tc, test_analysis_fields);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
