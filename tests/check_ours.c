/* check_ours.c - the table of our field names and the predicate for "ours".
 * RFC 5322 section 2.2 (field names are case-insensitive). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ours.h"

/* Every row has a name of its own that the predicate calls ours. */
START_TEST (test_table)
{
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	for (int f = 0; f < ST_OURS_N; f++) {
		const char *name = st_ours_name ((StOurs)f);
		ck_assert_ptr_nonnull (name);
		ck_assert (g_str_has_prefix (name, ST_OURS_PREFIX));
		ck_assert_uint_gt (strlen (name), ST_OURS_PREFIX_LEN);
		ck_assert (st_ours_is (name, -1));
		ck_assert_msg (g_hash_table_add (seen, (gpointer)name), "'%s' twice", name);
	}
	ck_assert_str_eq (st_ours_name (ST_OURS_ORIGIN), "X-Spamtrace-Origin");
}
END_TEST

START_TEST (test_is)
{
	ck_assert (st_ours_is ("x-spamtrace-suspect", -1));
	ck_assert (st_ours_is ("X-SPAMTRACE-", -1));
	ck_assert (st_ours_is ("X-Spamtrace-Whatever: x", 14));
	ck_assert (!st_ours_is ("X-Spamtrace-", 11));
	ck_assert (!st_ours_is ("X-Spamtrace", -1));
	ck_assert (!st_ours_is ("Old-X-Spamtrace-Origin", -1));
	ck_assert (!st_ours_is ("", -1));
}
END_TEST

static Suite *
ours_suite (void)
{
	Suite *s = suite_create ("ours");
	TCase *tc = tcase_create ("names");

	tcase_add_test (tc, test_table);
	tcase_add_test (tc, test_is);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (ours_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
