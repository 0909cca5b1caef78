/* check_input.c - tests for report/input.c: one message is one message; an mbox is split where RFC
 * 4155 says. RFC 4155 (From lines with a date after an empty line, >From quoting, Content-Length),
 * maildir(5). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "input.h"

#define FROM_A "From a@example.org Tue Sep  3 10:00:00 2024\n"
#define FROM_B "From b@example.org Tue Sep  3 10:00:01 2024\n"
#define FROM_C "From c@example.org  Wed Sep  4 09:08:07 2024\n"

/* What st_input_is_from_line says of one line. */
static const struct {
	const char *line;
	gboolean from;
} from_lines[] = {
	{ FROM_A, TRUE },
	{ "From MAILER-DAEMON Fri Jul  8 12:08:34 2011\n", TRUE },
	{ "From - Mon Jan  1 00:00:00 2001\r\n", TRUE },
	{ "From b@example.org Tue Sep 3 10:00 2024\n", TRUE },
	/* a zone, or the year before the time (some writers do both) */
	{ "From b@example.org Tue, 3 Sep 2024 10:00:00 +0000\n", TRUE },
	{ "From b@example.org Tue Sep  3 10:00:00 -0700 2024\n", TRUE },
	{ "From \n", FALSE },
	{ "From the desk of our president\n", FALSE },
	{ "From here on, prices at 10:00 go up\n", FALSE },
	{ "From Sep 2024 on\n", FALSE },
	{ "From: a@example.org Tue Sep  3 10:00:00 2024\n", FALSE },
	{ ">From a@example.org Tue Sep  3 10:00:00 2024\n", FALSE },
	{ "from a@example.org Tue Sep  3 10:00:00 2024\n", FALSE },
	{ "From a@example.org Tue Sep  3 100:00:00 2024\n", FALSE },
	{ "From a@example.org Tue Sep  3 10:00:00 924\n", FALSE },
};

START_TEST (test_from_line)
{
	const char *l = from_lines[_i].line;
	ck_assert_msg (st_input_is_from_line (l, strlen (l)) == from_lines[_i].from, "%s", l);
}
END_TEST

/* A file's messages: each expected item is "M" and the message, "E"
 * (empty), "B" and the size counted (too big) or "X" (an error). */
static const struct {
	const char *name;
	const char *text;
	gboolean mbox; /* --mbox */
	gsize max;     /* 0: no limit to speak of */
	const char *items[5];
} file_cases[] = {
	/* a file that does not start with a dated From line is one message,
	 * whatever its body holds: here a whole second message */
	{ "one message, a From line without a date first",
		"From nobody\nSubject: one\n\nhi\n\n" FROM_B "Subject: two\n\nthere\n", FALSE, 0,
		{ "MSubject: one\n\nhi\n\n" FROM_B "Subject: two\n\nthere\n" } },
	{ "one message, no From line", "Subject: one\n\nhi\n\n" FROM_B "Subject: two\n\n", FALSE, 0,
		{ "MSubject: one\n\nhi\n\n" FROM_B "Subject: two\n\n" } },
	{ "the obsolete From : field is not an envelope line",
		"From : a@example.org\nSubject: x\n\nhi\n", FALSE, 0,
		{ "MFrom : a@example.org\nSubject: x\n\nhi\n" } },
	{ "an mbox", FROM_A "Subject: one\n\nhi\n\n" FROM_B "Subject: two\n\nthere\n", FALSE, 0,
		{ "MSubject: one\n\nhi\n\n", "MSubject: two\n\nthere\n" } },
	/* RFC 4155: a From line ends a message only after an empty line, and
	 * only with a date */
	{ "From lines that are no separators",
		FROM_A "Subject: one\n\nhi\n" FROM_B "\nFrom the desk of nobody\nbye\n", FALSE, 0,
		{ "MSubject: one\n\nhi\n" FROM_B "\nFrom the desk of nobody\nbye\n" } },
	{ "a separator right after the header",
		FROM_A "Subject: one\n\n" FROM_B "Subject: two\n\nthere\n", FALSE, 0,
		{ "MSubject: one\n\n", "MSubject: two\n\nthere\n" } },
	{ ">From lines lose one >", FROM_A "Subject: one\n\n>From here\n>>From there\n> From x\n",
		FALSE, 0, { "MSubject: one\n\nFrom here\n>From there\n> From x\n" } },
	{ "CRLF",
		"From a@example.org Tue Sep  3 10:00:00 2024\r\nSubject: one\r\n\r\nhi\r\n\r\n"
		"From b@example.org Tue Sep  3 10:00:01 2024\r\nSubject: two\r\n\r\n",
		FALSE, 0, { "MSubject: one\r\n\r\nhi\r\n\r\n", "MSubject: two\r\n\r\n" } },
	/* Content-Length: (mboxcl2) keeps an unquoted From line in the body */
	{ "Content-Length, right",
		FROM_A "Subject: one\nContent-Length: 55\n\nhi\n\n" FROM_C "there\n\n" FROM_B
		       "Subject: two\n\nx\n",
		FALSE, 0,
		{ "MSubject: one\nContent-Length: 55\n\nhi\n\n" FROM_C "there\n",
			"MSubject: two\n\nx\n" } },
	{ "Content-Length, right, no empty line before the next",
		FROM_A "Subject: one\nContent-Length: 3\n\nhi\n" FROM_B "Subject: two\n\nx\n",
		FALSE, 0, { "MSubject: one\nContent-Length: 3\n\nhi\n", "MSubject: two\n\nx\n" } },
	{ "Content-Length, right, at the end",
		FROM_A "Subject: one\nContent-Length: 55\n\nhi\n\n" FROM_C "there\n", FALSE, 0,
		{ "MSubject: one\nContent-Length: 55\n\nhi\n\n" FROM_C "there\n" } },
	/* a wrong count is no count: the From lines decide */
	{ "Content-Length, too long",
		FROM_A "Subject: one\nContent-Length: 9999\n\nhi\n\n" FROM_B "Subject: two\n\nx\n",
		FALSE, 0,
		{ "MSubject: one\nContent-Length: 9999\n\nhi\n\n", "MSubject: two\n\nx\n" } },
	{ "Content-Length, too short",
		FROM_A "Subject: one\nContent-Length: 1\n\nhi\n\n" FROM_B "Subject: two\n\nx\n",
		FALSE, 0,
		{ "MSubject: one\nContent-Length: 1\n\nhi\n\n", "MSubject: two\n\nx\n" } },
	{ "Content-Length, not a number",
		FROM_A "Subject: one\nContent-Length: 3x\n\nhi\n\n" FROM_B "Subject: two\n\nx\n",
		FALSE, 0,
		{ "MSubject: one\nContent-Length: 3x\n\nhi\n\n", "MSubject: two\n\nx\n" } },
	{ "a From line alone is empty", FROM_A, FALSE, 0, { "E" } },
	{ "an empty file", "", FALSE, 0, { "E" } },
	{ "--mbox, no From line first", "Subject: one\n\nhi\n\n" FROM_B "Subject: two\n\n", TRUE, 0,
		{ "MSubject: one\n\nhi\n\n", "MSubject: two\n\n" } },
	/* a message over the limit is counted and skipped; the next is read */
	{ "too big in an mbox",
		FROM_A "Subject: one\n\nhi\n\n" FROM_B
		       "Subject: two\n\n0123456789012345678901234567\n\n" FROM_C
		       "Subject: three\n\n",
		FALSE, 40, { "MSubject: one\n\nhi\n\n", "B44", "MSubject: three\n\n" } },
	{ "too big with a Content-Length",
		FROM_A
		"Subject: one\nContent-Length: 31\n\n012345678901234567890123456789\n\n" FROM_B
		"Subject: two\n\n",
		FALSE, 40, { "B65", "MSubject: two\n\n" } },
	{ "too big, one message", "Subject: one\n\n01234567890123456789\n", FALSE, 20, { "B35" } },
	{ "just under the limit", "Subject: one\n\n0123\n", FALSE, 19,
		{ "MSubject: one\n\n0123\n" } },
};

static char *
write_file (const char *dir, const char *name, const char *text, gssize len)
{
	char *path = g_build_filename (dir, name, NULL);
	g_autoptr (GError) error = NULL;

	ck_assert_msg (
		g_file_set_contents (path, text, len, &error), "%s", error ? error->message : "");
	return path;
}

/* Compares what @in gives with @items, labelled @label#N (the messages of
 * an mbox) or @label. */
static void
check_items (StInput *in, const char *const *items, const char *label, gboolean numbered)
{
	StInputItem item;
	guint n = 0;

	while (st_input_next (in, &item)) {
		const char *want = items[n];
		g_autofree char *want_label =
			numbered ? g_strdup_printf ("%s#%u", label, n + 1) : g_strdup (label);
		ck_assert_msg (want != NULL, "item %u (%s) is too many", n + 1, item.label);
		ck_assert_str_eq (item.label, want_label);
		switch (want[0]) {
		case 'M':
			ck_assert_int_eq (item.kind, ST_INPUT_MESSAGE);
			ck_assert_uint_eq (item.len, strlen (want + 1));
			ck_assert_str_eq (item.data, want + 1);
			break;
		case 'E':
			ck_assert_int_eq (item.kind, ST_INPUT_EMPTY);
			break;
		case 'B':
			ck_assert_int_eq (item.kind, ST_INPUT_TOO_BIG);
			ck_assert_uint_eq (item.size, g_ascii_strtoull (want + 1, NULL, 10));
			ck_assert_ptr_null (item.data);
			break;
		default:
			ck_assert_int_eq (item.kind, ST_INPUT_ERROR);
			ck_assert_ptr_nonnull (item.error);
		}
		st_input_item_clear (&item);
		n++;
	}
	ck_assert_msg (items[n] == NULL, "%u item(s), want more", n);
}

START_TEST (test_file)
{
	g_autofree char *dir = g_dir_make_tmp ("check_input-XXXXXX", NULL);
	g_autofree char *path = write_file (dir, "in", file_cases[_i].text, -1);
	const char *paths[] = { path, NULL };
	gsize max = file_cases[_i].max ? file_cases[_i].max : 1024 * 1024;
	g_autoptr (StInput) in = st_input_new (paths, max, file_cases[_i].mbox);
	const char *text = file_cases[_i].text;
	gboolean numbered =
		file_cases[_i].mbox || st_input_is_from_line (text, strcspn (text, "\n") + 1);

	check_items (in, file_cases[_i].items, path, numbered);
	g_unlink (path);
	g_rmdir (dir);
}
END_TEST

/* Lines longer than the reader's pieces, one of them ending in what would
 * be a separator at the start of a line, then a separator: each piece is
 * kept, none read as a line of its own. */
START_TEST (test_long_line)
{
	g_autofree char *dir = g_dir_make_tmp ("check_input-XXXXXX", NULL);
	g_autoptr (GString) text = g_string_new (FROM_A "Subject: one\n\n");
	g_autoptr (GString) first = NULL;
	g_autofree char *path = NULL;

	for (guint i = 0; i < 300000; i++)
		g_string_append (text, i % 65536 == 65530 ? "\n\nFrom " : "x");
	g_string_append (text, "\n\n");
	for (guint i = 0; i < 65536; i++)
		g_string_append_c (text, 'x');
	g_string_append (text, FROM_C "\n" FROM_B "Subject: two\n\n");
	path = write_file (dir, "in", text->str, (gssize)text->len);
	first = g_string_new_len (text->str + strlen (FROM_A),
		(gssize)(text->len - strlen (FROM_A) - strlen (FROM_B "Subject: two\n\n")));
	first = g_string_prepend_c (first, 'M');
	{
		const char *paths[] = { path, NULL };
		const char *items[] = { first->str, "MSubject: two\n\n", NULL };
		g_autoptr (StInput) in = st_input_new (paths, 1024 * 1024, FALSE);
		check_items (in, items, path, TRUE);
	}
	g_unlink (path);
	g_rmdir (dir);
}
END_TEST

/* A Maildir's files are one message each, even one that looks like an
 * mbox; a directory that is no Maildir and a missing file are errors,
 * and the inputs after them are read. */
START_TEST (test_maildir)
{
	g_autofree char *dir = g_dir_make_tmp ("check_input-XXXXXX", NULL);
	g_autofree char *md = g_build_filename (dir, "md", NULL);
	g_autofree char *cur = g_build_filename (md, "cur", NULL);
	g_autofree char *plain = g_build_filename (dir, "plain", NULL);
	g_autofree char *missing = g_build_filename (dir, "missing", NULL);
	g_autofree char *m1 = NULL, *m2 = NULL, *last = NULL;
	const char *paths[] = { md, plain, missing, NULL, NULL };
	StInputItem item;
	g_autoptr (StInput) in = NULL;

	g_mkdir_with_parents (cur, 0700);
	g_mkdir (plain, 0700);
	m1 = write_file (
		cur, "1.x:2,S", FROM_A "Subject: one\n\nhi\n\n" FROM_B "Subject: two\n\n", -1);
	m2 = write_file (cur, "2.x:2,S", "Subject: three\n\n", -1);
	last = write_file (dir, "last", "Subject: four\n\n", -1);
	paths[3] = last;
	in = st_input_new (paths, 1024 * 1024, FALSE);

	ck_assert (st_input_next (in, &item));
	ck_assert_int_eq (item.kind, ST_INPUT_MESSAGE);
	ck_assert_str_eq (item.label, m1);
	ck_assert_str_eq (item.data, "Subject: one\n\nhi\n\n" FROM_B "Subject: two\n\n");
	st_input_item_clear (&item);
	ck_assert (st_input_next (in, &item));
	ck_assert_str_eq (item.label, m2);
	ck_assert_str_eq (item.data, "Subject: three\n\n");
	st_input_item_clear (&item);
	ck_assert (st_input_next (in, &item));
	ck_assert_int_eq (item.kind, ST_INPUT_ERROR);
	ck_assert_msg (strstr (item.error, "not a Maildir") != NULL, "%s", item.error);
	st_input_item_clear (&item);
	ck_assert (st_input_next (in, &item));
	ck_assert_int_eq (item.kind, ST_INPUT_ERROR);
	ck_assert_msg (strstr (item.error, "cannot read") != NULL, "%s", item.error);
	st_input_item_clear (&item);
	ck_assert (st_input_next (in, &item));
	ck_assert_str_eq (item.data, "Subject: four\n\n");
	st_input_item_clear (&item);
	ck_assert (!st_input_next (in, &item));

	g_unlink (m1);
	g_unlink (m2);
	g_unlink (last);
	g_rmdir (cur);
	g_rmdir (md);
	g_rmdir (plain);
	g_rmdir (dir);
}
END_TEST

/* Content-Length: counts that are all wrong (each says a megabyte): one
 * wrong count is enough to trust none in that mbox, or each message would
 * read on and give back up to the size limit, quadratic in the messages
 * (20,000 of them: minutes). */
START_TEST (test_counts_wrong)
{
	g_autofree char *dir = g_dir_make_tmp ("check_input-XXXXXX", NULL);
	g_autoptr (GString) text = g_string_new (NULL);
	g_autofree char *path = NULL;
	const char *paths[] = { NULL, NULL };
	StInputItem item;
	guint n = 0;
	gint64 start;

	for (guint i = 0; i < 20000; i++)
		g_string_append_printf (
			text, FROM_A "Subject: %u\nContent-Length: 1000000\n\nhi\n\n", i);
	path = write_file (dir, "in", text->str, (gssize)text->len);
	paths[0] = path;
	start = g_get_monotonic_time ();
	{
		g_autoptr (StInput) in = st_input_new (paths, 1024 * 1024, FALSE);
		while (st_input_next (in, &item)) {
			g_autofree char *want = g_strdup_printf (
				"Subject: %u\nContent-Length: 1000000\n\nhi\n\n", n);
			ck_assert_int_eq (item.kind, ST_INPUT_MESSAGE);
			ck_assert_str_eq (item.data, want);
			st_input_item_clear (&item);
			n++;
		}
	}
	ck_assert_uint_eq (n, 20000);
	ck_assert_msg (g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC, "%.1f s",
		(double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
	g_unlink (path);
	g_rmdir (dir);
}
END_TEST

/* A Maildir's FIFO (open () would wait for a writer forever) and a link to
 * /dev/zero (never ends) are no messages: said, and the next one read. */
START_TEST (test_maildir_special)
{
	g_autofree char *dir = g_dir_make_tmp ("check_input-XXXXXX", NULL);
	g_autofree char *cur = g_build_filename (dir, "cur", NULL);
	g_autofree char *fifo = g_build_filename (cur, "1.fifo:2,S", NULL);
	g_autofree char *zero = g_build_filename (cur, "2.zero:2,S", NULL);
	g_autofree char *last = NULL;
	const char *paths[] = { dir, NULL };
	g_autoptr (StInput) in = NULL;
	StInputItem item;

	g_mkdir_with_parents (cur, 0700);
	ck_assert (mkfifo (fifo, 0600) == 0);
	ck_assert (symlink ("/dev/zero", zero) == 0);
	last = write_file (cur, "3.x:2,S", "Subject: three\n\n", -1);
	in = st_input_new (paths, 1024 * 1024, FALSE);
	for (guint i = 0; i < 2; i++) {
		ck_assert (st_input_next (in, &item));
		ck_assert_int_eq (item.kind, ST_INPUT_ERROR);
		ck_assert_msg (
			strstr (item.error, "is not a regular file") != NULL, "%s", item.error);
		st_input_item_clear (&item);
	}
	ck_assert (st_input_next (in, &item));
	ck_assert_str_eq (item.data, "Subject: three\n\n");
	st_input_item_clear (&item);
	g_unlink (fifo);
	g_unlink (zero);
	g_unlink (last);
	g_rmdir (cur);
	g_rmdir (dir);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("input");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_from_line, 0, G_N_ELEMENTS (from_lines));
	tcase_add_loop_test (tc, test_file, 0, G_N_ELEMENTS (file_cases));
	tcase_add_test (tc, test_long_line);
	tcase_add_test (tc, test_maildir);
	tcase_add_test (tc, test_counts_wrong);
	tcase_add_test (tc, test_maildir_special);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
