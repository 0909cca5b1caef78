/* check_finding.c - the table of finding codes: every code the sources write is a row.
 * No RFC; the codes are ours (spamtrace-filter(1)). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"

/* Every row: a code written once, a meaning, a weight only where it counts. */
START_TEST (test_rows)
{
	gsize n;
	const StFindingCode *rows = st_finding_codes (&n);
	g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

	ck_assert_uint_gt (n, 0);
	for (gsize i = 0; i < n; i++) {
		ck_assert_msg (g_hash_table_add (seen, (gpointer)rows[i].code), "'%s' twice",
			rows[i].code);
		ck_assert (rows[i].meaning != NULL && rows[i].meaning[0] != '\0');
		ck_assert (st_finding_code (rows[i].code) == &rows[i]);
		if (rows[i].list == ST_FINDING_NOTE)
			ck_assert (rows[i].weight == 0);
		else
			ck_assert (rows[i].weight > 0);
	}
	ck_assert_ptr_null (st_finding_code ("no-such-code"));
	ck_assert_ptr_null (st_finding_code (NULL));
}
END_TEST

/* The codes the analysis writes, read from its sources: a code without a
 * row would weigh nothing and mean nothing. */
static const char *const sources[] = { "forgery.c", "verdict.c", "trust.c", "analysis.c" };

START_TEST (test_sources)
{
	g_autoptr (GRegex) re = g_regex_new (
		"(?:st_finding_add\\s*\\(\\s*[a-z_>.-]+|add_reason\\s*\\(\\s*[a-z]+)\\s*,\\s*\"([^\"]+)\"",
		0, 0, NULL);
	guint found = 0;

	for (gsize s = 0; s < G_N_ELEMENTS (sources); s++) {
		g_autofree char *path =
			g_build_filename (ST_TOP_SRCDIR, "lib", "trace", sources[s], NULL);
		g_autofree char *text = NULL;
		g_autoptr (GMatchInfo) m = NULL;
		ck_assert_msg (g_file_get_contents (path, &text, NULL, NULL), "cannot read '%s'", path);
		for (g_regex_match (re, text, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL)) {
			g_autofree char *code = g_match_info_fetch (m, 1);
			ck_assert_msg (st_finding_code (code) != NULL, "%s: code '%s' has no row",
				sources[s], code);
			found++;
		}
	}
	ck_assert_uint_ge (found, 20);
}
END_TEST

static Suite *
finding_suite (void)
{
	Suite *s = suite_create ("finding");
	TCase *tc = tcase_create ("codes");

	tcase_add_test (tc, test_rows);
	tcase_add_test (tc, test_sources);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (finding_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
