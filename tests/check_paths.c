/* check_paths.c - tests for lib/trace/paths.c: the installed files found from where the program is.
 * The GNU Coding Standards' directory variables. */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "paths.h"

static const struct {
	const char *from, *to, *way;
} relative_cases[] = {
	{ "/usr/local/bin", "/usr/local/share/spamtrace", "../share/spamtrace" },
	{ "/usr/local/bin", "/usr/local/lib/spamtrace", "../lib/spamtrace" },
	{ "/usr/bin", "/usr/lib/x86_64-linux-gnu/spamtrace", "../lib/x86_64-linux-gnu/spamtrace" },
	{ "/opt/st/bin", "/usr/share/spamtrace", "../../../usr/share/spamtrace" },
	{ "/opt/st/bin/", "/opt/st/bin", "." },
	{ "/opt/st", "/opt/st/libexec/x", "libexec/x" },
	{ "/", "/usr/share", "usr/share" },
	{ "/usr/bin", "/", "../.." },
	{ "/a//b", "/a/c", "../c" },
};

START_TEST (test_relative)
{
	g_autofree char *way = st_paths_relative (relative_cases[_i].from, relative_cases[_i].to);
	ck_assert_str_eq (way, relative_cases[_i].way);
}
END_TEST

/* The variable names the one place looked at, found or not */
START_TEST (test_environment)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *dir = g_dir_make_tmp ("check-paths-XXXXXX", NULL);
	g_autofree char *templates = g_build_filename (dir, "templates", NULL);
	g_autofree char *found = NULL;

	g_setenv (ST_PATHS_DATADIR_ENV, dir, TRUE);
	ck_assert_ptr_null (st_paths_find (ST_PATH_TEMPLATES, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NOT_INSTALLED));
	ck_assert_ptr_nonnull (strstr (error->message, templates));
	ck_assert_ptr_nonnull (strstr (error->message, ST_PATHS_DATADIR_ENV));
	g_clear_error (&error);

	ck_assert (g_mkdir (templates, 0700) == 0);
	found = st_paths_find (ST_PATH_TEMPLATES, &error);
	ck_assert_str_eq (found, templates);
	g_rmdir (templates);
	g_rmdir (dir);

	/* empty is unset: the build tree's own, as this test runs there */
	g_setenv (ST_PATHS_MODULE_DIR_ENV, "", TRUE);
	g_free (found);
	found = st_paths_find (ST_PATH_MODULES, &error);
	ck_assert_str_eq (found, ST_TOP_BUILDDIR "/filter/.libs");
	g_unsetenv (ST_PATHS_DATADIR_ENV);
	g_free (found);
	found = st_paths_find (ST_PATH_RDAP_BOOTSTRAP, &error);
	ck_assert_str_eq (found, ST_TOP_SRCDIR "/data/rdap-bootstrap");
}
END_TEST

int
main (int argc, char **argv)
{
	st_paths_init (argv[0]);
	Suite *s = suite_create ("paths");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_relative, 0, G_N_ELEMENTS (relative_cases));
	tcase_add_test (tc, test_environment);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
