/* check_rename.c - tests for lib/trace/rename.c: someone else's X-Spamtrace-* lines, renamed as far
 * as the MDAs read. RFC 5322 section 2.2; what procmail, maildrop and Dovecot take for the header
 * (see rename.h). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rename.h"

/* The input (after any From line), what it becomes, how many lines were
 * renamed. */
static const struct {
	const char *name;
	const char *in;
	const char *out;
	guint renamed;
} cases[] = {
	{ "on top", "X-Spamtrace-Suspect: no\nSubject: x\n\nbody\n",
		"Old-X-Spamtrace-Suspect: no\nSubject: x\n\nbody\n", 1 },
	{ "any case", "x-spamtrace-suspect: no\nX-SPAMTRACE-Trust: 9\n\n",
		"Old-x-spamtrace-suspect: no\nOld-X-SPAMTRACE-Trust: 9\n\n", 2 },
	/* the MDAs read on past a line that is no field */
	{ "after a line that is no field",
		"Subject: x\nthis is not a field\nX-Spamtrace-Suspect: no\n\n",
		"Subject: x\nthis is not a field\nOld-X-Spamtrace-Suspect: no\n\n", 1 },
	{ "after an obsolete field", "Foo : bar\nX-Spamtrace-Suspect: no\n\n",
		"Foo : bar\nOld-X-Spamtrace-Suspect: no\n\n", 1 },
	{ "after a colon first", ": x\nX-Spamtrace-Suspect: no\n\n",
		": x\nOld-X-Spamtrace-Suspect: no\n\n", 1 },
	/* Sieve reads "Name : value" as the field Name */
	{ "the obsolete form of ours", "X-Spamtrace-Suspect : no\n\n",
		"Old-X-Spamtrace-Suspect : no\n\n", 1 },
	{ "no colon at all", "X-Spamtrace-Suspect no\n\n", "Old-X-Spamtrace-Suspect no\n\n", 1 },
	{ "the prefix alone", "X-Spamtrace-\n\n", "Old-X-Spamtrace-\n\n", 1 },
	{ "one byte short", "X-Spamtrace\nX-Spamtrac: e\n\n", "X-Spamtrace\nX-Spamtrac: e\n\n", 0 },
	/* procmail does not end the header at "\r\n" in an LF message */
	{ "after a CR LF line", "Subject: x\n\r\nX-Spamtrace-Suspect: no\n\nX-Spamtrace-Body: y\n",
		"Subject: x\n\r\nOld-X-Spamtrace-Suspect: no\n\nX-Spamtrace-Body: y\n", 1 },
	{ "after blanks", "Subject: x\n \n\t\nX-Spamtrace-Suspect: no\n\n",
		"Subject: x\n \n\t\nOld-X-Spamtrace-Suspect: no\n\n", 1 },
	/* the body is left alone */
	{ "in the body", "Subject: x\n\nX-Spamtrace-Suspect: no\n",
		"Subject: x\n\nX-Spamtrace-Suspect: no\n", 0 },
	{ "empty header", "\nX-Spamtrace-Suspect: no\n", "\nX-Spamtrace-Suspect: no\n", 0 },
	/* a CRLF message has no line of "\n" alone: procmail matches its body too */
	{ "CRLF", "Subject: x\r\n\r\nX-Spamtrace-Suspect: no\r\n",
		"Subject: x\r\n\r\nOld-X-Spamtrace-Suspect: no\r\n", 1 },
	/* a field's start only: not a continuation, not inside a line */
	{ "continuation", "Subject: x\n X-Spamtrace-Suspect: no\n\n",
		"Subject: x\n X-Spamtrace-Suspect: no\n\n", 0 },
	{ "inside a line", "Subject: X-Spamtrace-Suspect: no\n\n",
		"Subject: X-Spamtrace-Suspect: no\n\n", 0 },
	{ "after a bare CR", "Subject: x\rX-Spamtrace-Suspect: no\n\n",
		"Subject: x\rX-Spamtrace-Suspect: no\n\n", 0 },
	{ "a long line first",
		"Subject: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nX-Spamtrace-A: 1\n\n",
		"Subject: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nOld-X-Spamtrace-A: 1\n\n", 1 },
	{ "no final newline", "Subject: x\nX-Spamtrace-A: 1", "Subject: x\nOld-X-Spamtrace-A: 1",
		1 },
	{ "short, no final newline", "X-Spam", "X-Spam", 0 },
	{ "empty", "", "", 0 },
};

/* Fed in pieces of every size, the output is the same. */
START_TEST (test_rename)
{
	const char *in = cases[_i].in;
	gsize len = strlen (in);

	for (gsize piece = 1; piece <= len + 1; piece++) {
		g_autoptr (GString) out = g_string_new (NULL);
		StRename r;
		StRename count;
		gsize pos = 0;

		st_rename_init (&r);
		while (pos < len) {
			gsize n = MIN (piece, len - pos);
			gsize taken = st_rename_feed (&r, in + pos, n, out);
			ck_assert (taken == n || r.done);
			g_string_append_len (out, in + pos + taken, (gssize)(n - taken));
			pos += n;
		}
		st_rename_finish (&r, out);
		ck_assert_msg (strcmp (out->str, cases[_i].out) == 0, "%s (pieces of %zu): %s",
			cases[_i].name, piece, out->str);
		ck_assert_uint_eq (r.renamed, cases[_i].renamed);
		st_rename_init (&count);
		st_rename_feed (&count, in, len, NULL);
		ck_assert_uint_eq (count.renamed, cases[_i].renamed);
	}
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("rename");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_rename, 0, G_N_ELEMENTS (cases));
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
