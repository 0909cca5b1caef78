/* check_settings.c - tests for lib/trace/settings.c: the config file, and what a mistake in it
 * costs. GLib key files; XDG Base Directory Specification. */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "verdict.h"

/* Writes @text to a new file; its name, to free and unlink. */
static char *
write_config (const char *text)
{
	g_autoptr (GError) error = NULL;
	char *path = NULL;
	int fd = g_file_open_tmp ("check-settings-XXXXXX.conf", &path, &error);

	ck_assert_msg (fd >= 0, "%s", error ? error->message : "");
	close (fd);
	ck_assert (g_file_set_contents (path, text, -1, NULL));
	return path;
}

/* The problems, one "LINE: TEXT" a line. */
static char *
problems_of (const StSettings *cfg)
{
	GString *s = g_string_new (NULL);
	for (guint i = 0; i < cfg->problems->len; i++) {
		const StSettingsProblem *p = &g_array_index (cfg->problems, StSettingsProblem, i);
		g_string_append_printf (s, "%u: %s\n", p->line, p->text);
	}
	return g_string_free (s, FALSE);
}

/* Each file read with the groups named; what it must say, in the order
 * of the file. */
static const struct {
	const char *name;
	const char *text;
	StSettingsGroups groups;
	const char *problems;
} problem_cases[] = {
	{ "none", "# mine\n\n[trust]\nhosts = 192.0.2.0/24\n[filter]\nbody=true\n", ST_SETTINGS_ALL,
		"" },
	{ "bool", "[report]\nattach=yes\n", ST_SETTINGS_ALL,
		"2: [report] attach: expected true or false, not 'yes'\n" },
	{ "another program's group", "[report]\nattach=yes\n; mine\n",
		ST_SETTINGS_TRUST | ST_SETTINGS_FILTER, "" },
	{ "its own line in a group not read", "[report]\n; mine\n[filter]\n; mine\n",
		ST_SETTINGS_FILTER,
		"4: [filter]: '; mine' is not key = value, a [group] line or a # comment "
		"(comments start with #)\n" },
	{ "unknown group, whoever reads", "[trust]\n[fliter]\nbody=true\n", ST_SETTINGS_TRUST,
		"2: [fliter]: unknown group (the groups are [trust], [filter], [lookups] and "
		"[report])\n" },
	{ "a key before the groups", "body=true\n[filter]\n", ST_SETTINGS_FILTER,
		"1: 'body=true' comes before any [group] line\n" },
	{ "unknown key", "[lookups]\n\ndns_server=1\n", ST_SETTINGS_LOOKUPS,
		"3: [lookups] dns_server: unknown key (the keys are dns-server, rdap-bootstrap, "
		"whois-server, cache, dnsbl, asn-zone)\n" },
	{ "each kind of value",
		"[filter]\nlookups=all\nbudget=0\nthreshold=-1\n[filter]\nbudget=2.5\nbody=1\n",
		ST_SETTINGS_FILTER,
		"2: [filter] lookups: expected off, cache or network, not 'all'\n"
		"6: [filter] budget: expected a whole number of milliseconds from 1 to 30000, "
		"not '2.5'\n"
		"4: [filter] threshold: expected a number from 0.5 to 100, not '-1'\n" },
	{ "a rule of [trust] hosts", "[trust]\nhosts=192.0.2.0/24;500.1.1.1\n", ST_SETTINGS_TRUST,
		"2: [trust] hosts: '500.1.1.1' is not an address, a network or a host name "
		"(expected addresses, CIDR networks, host names or domains separated by "
		"semicolons, ! in front to exclude)\n" },
	{ "a broken group line", "[trust]\nhosts=192.0.2.1\n[filter] # mine\nbody=yes\n[report]\n",
		ST_SETTINGS_FILTER,
		"3: '[filter] # mine' is not a [group] line (the keys below it are left out)\n" },
	{ "another program's broken group line",
		"[report] # mine\nattach=yes\n[filter]\nbody=true\n", ST_SETTINGS_FILTER, "" },
	{ "CRLF lines", "[filter]\r\nbody = true\r\nbudget = 9\r\n", ST_SETTINGS_FILTER, "" },
	{ "not UTF-8", "[report]\nname=Jos\xe9\n", ST_SETTINGS_REPORT, NULL },
};

START_TEST (test_problems)
{
	g_autofree char *path = write_config (problem_cases[_i].text);
	g_autoptr (StSettings) cfg = st_settings_new ();
	g_autoptr (GError) error = NULL;
	gboolean ok = st_settings_load_groups (cfg, path, TRUE, problem_cases[_i].groups, &error);
	g_autofree char *got = problems_of (cfg);
	const char *want = problem_cases[_i].problems;

	g_unlink (path);
	if (want == NULL) {
		/* a mistake on line 2, whatever GLib calls it */
		ck_assert_msg (!ok && g_str_has_prefix (got, "2: [report] name: "), "%s: %s",
			problem_cases[_i].name, got);
		return;
	}
	ck_assert_msg (ok == (want[0] == '\0'), "%s", problem_cases[_i].name);
	/* sorted by line: compare as sets, then check the order */
	g_auto (GStrv) got_lines = g_strsplit (got, "\n", -1);
	g_auto (GStrv) want_lines = g_strsplit (want, "\n", -1);
	ck_assert_msg (g_strv_length (got_lines) == g_strv_length (want_lines), "%s: got\n%s",
		problem_cases[_i].name, got);
	for (char **w = want_lines; *w != NULL; w++)
		ck_assert_msg (g_strv_contains ((const char *const *)got_lines, *w),
			"%s: no '%s' in\n%s", problem_cases[_i].name, *w, got);
	for (guint i = 1; i < cfg->problems->len; i++)
		ck_assert_uint_le (g_array_index (cfg->problems, StSettingsProblem, i - 1).line,
			g_array_index (cfg->problems, StSettingsProblem, i).line);
	if (!ok) {
		/* the error is the first problem, with the file's name */
		g_autofree char *first = st_settings_problem_message (cfg, 0);
		ck_assert_str_eq (error->message, first);
		ck_assert (g_str_has_prefix (first, path));
	}
}
END_TEST

/* A mistake costs its key only: the keys beside it are read, the wrong
 * one keeps its default. */
START_TEST (test_defaults_kept)
{
	g_autofree char *path =
		write_config ("[filter]\nbody=true\nbudget=forever\n"
			      "lookups=cache\nthreshold=4.5\n"
			      "[trust]\nhosts=mx.example.org;!500.1.1.1\n"
			      "authserv-id = mx.example.org\n"
			      "[report]\noutbox=~/Drafts\nattach=maybe\narf=true\n");
	g_autoptr (StSettings) cfg = st_settings_new ();

	ck_assert (!st_settings_load (cfg, path, TRUE, NULL));
	g_unlink (path);
	ck_assert_uint_eq (cfg->problems->len, 3);
	ck_assert (cfg->filter.body);
	ck_assert_uint_eq (cfg->filter.budget_ms, ST_FILTER_BUDGET_DEFAULT_MS);
	ck_assert_int_eq (cfg->filter.lookups, ST_FILTER_LOOKUPS_CACHE);
	ck_assert (cfg->filter.threshold == 4.5);
	/* one wrong rule drops them all: the one left could trust too much */
	ck_assert_uint_eq (st_trust_count (cfg->trust), 0);
	ck_assert_str_eq (cfg->authserv_id, "mx.example.org");
	g_autofree char *drafts = g_build_filename (g_get_home_dir (), "Drafts", NULL);
	ck_assert_str_eq (cfg->report.outbox, drafts);
	ck_assert (!cfg->report.attach);
	ck_assert (cfg->report.arf);
	ck_assert_str_eq (cfg->source, path);
}
END_TEST

START_TEST (test_defaults)
{
	g_autoptr (StSettings) cfg = st_settings_new ();
	ck_assert (cfg->filter.threshold == ST_VERDICT_THRESHOLD);
	ck_assert_uint_eq (cfg->filter.budget_ms, ST_FILTER_BUDGET_DEFAULT_MS);
	ck_assert_uint_eq (cfg->problems->len, 0);
}
END_TEST

START_TEST (test_missing)
{
	g_autoptr (StSettings) cfg = st_settings_new ();
	g_autoptr (GError) error = NULL;

	/* the default file may be missing, a file named must not */
	ck_assert (st_settings_load (cfg, "/nonexistent/spamtrace.conf", FALSE, &error));
	ck_assert_ptr_null (cfg->source);
	ck_assert (!st_settings_load (cfg, "/nonexistent/spamtrace.conf", TRUE, &error));
	ck_assert_str_eq (error->message,
		"/nonexistent/spamtrace.conf: cannot read it: no such file or directory");
}
END_TEST

/* [trust] hosts rules from the file come after those of the command line */
START_TEST (test_trust_order)
{
	g_autofree char *path = write_config ("[trust]\nhosts=192.0.2.0/24\n");
	g_autoptr (StSettings) cfg = st_settings_new ();
	char *rules[] = { "!192.0.2.25", NULL };

	ck_assert (st_settings_add_trust (cfg, rules, NULL));
	ck_assert (st_settings_load (cfg, path, TRUE, NULL));
	g_unlink (path);
	ck_assert_uint_eq (st_trust_count (cfg->trust), 2);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("settings");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_problems, 0, G_N_ELEMENTS (problem_cases));
	tcase_add_test (tc, test_defaults_kept);
	tcase_add_test (tc, test_defaults);
	tcase_add_test (tc, test_missing);
	tcase_add_test (tc, test_trust_order);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
