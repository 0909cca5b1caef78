/* check_cache.c - tests for cache.c: values, expiry, negative entries, and 20 processes at once.
 * RFC 2308 section 5 (negative caching); SQLite WAL mode and busy timeouts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cache.h"
#include "error.h"

static char *tmpdir;

static void
tmp_setup (void)
{
	tmpdir = g_dir_make_tmp ("check_cache-XXXXXX", NULL);
	ck_assert (tmpdir != NULL);
}

static void
remove_tree (const char *path)
{
	g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
		g_autofree char *child = g_build_filename (path, name, NULL);
		if (g_file_test (child, G_FILE_TEST_IS_DIR))
			remove_tree (child);
		else
			g_unlink (child);
	}
	g_rmdir (path);
}

static void
tmp_teardown (void)
{
	remove_tree (tmpdir);
	g_clear_pointer (&tmpdir, g_free);
}

static char *
db_path (void)
{
	return g_build_filename (tmpdir, "sub", "lookups.sqlite", NULL);
}

static StCache *
open_cache (void)
{
	g_autofree char *path = db_path ();
	g_autoptr (GError) error = NULL;
	StCache *c = st_cache_open (path, 0, &error);

	ck_assert_msg (c != NULL, "%s", error->message);
	return c;
}

static const struct {
	StCacheKind kind;
	const char *name;
} kind_cases[] = {
	{ ST_CACHE_KIND_RDAP, "rdap" },
	{ ST_CACHE_KIND_WHOIS, "whois" },
	{ ST_CACHE_KIND_DNS, "dns" },
	{ ST_CACHE_KIND_ABUSENET, "abusenet" },
	{ ST_CACHE_KIND_CONTACTS, "contacts" },
	{ ST_CACHE_KIND_DNSBL, "dnsbl" },
};

/* Each kind is named, and a negative answer lives shorter than a positive. */
START_TEST (test_kinds)
{
	StCacheKind k = kind_cases[_i].kind;

	ck_assert_str_eq (st_cache_kind_name (k), kind_cases[_i].name);
	ck_assert_uint_gt (st_cache_ttl (k, FALSE), 0);
	ck_assert_uint_gt (st_cache_ttl (k, TRUE), 0);
	ck_assert_uint_lt (st_cache_ttl (k, TRUE), st_cache_ttl (k, FALSE));
}
END_TEST

START_TEST (test_default_path)
{
	g_autofree char *path = NULL;
	g_autofree char *want =
		g_build_filename (tmpdir, "xdg", "spamtrace", "lookups.sqlite", NULL);
	g_autofree char *xdg = g_build_filename (tmpdir, "xdg", NULL);

	/* Check forks each test: GLib reads XDG_CACHE_HOME afresh here. */
	g_setenv ("XDG_CACHE_HOME", xdg, TRUE);
	path = st_cache_default_path ();
	ck_assert_str_eq (path, want);
	{
		g_autoptr (StCache) c = st_cache_open (NULL, 0, NULL);
		ck_assert (c != NULL);
		ck_assert (g_file_test (want, G_FILE_TEST_IS_REGULAR));
	}
}
END_TEST

START_TEST (test_put_get)
{
	g_autoptr (StCache) c = open_cache ();
	g_autoptr (GError) error = NULL;
	g_autofree char *v = NULL;
	gboolean negative = TRUE;

	ck_assert (!st_cache_get (c, ST_CACHE_KIND_RDAP, "https://rdap.test/ip/1", &v, &negative));
	ck_assert (st_cache_put (c, ST_CACHE_KIND_RDAP, "https://rdap.test/ip/1",
		"abuse@isp-one.net", FALSE, 0, &error));
	ck_assert (st_cache_get (c, ST_CACHE_KIND_RDAP, "https://rdap.test/ip/1", &v, &negative));
	ck_assert_str_eq (v, "abuse@isp-one.net");
	ck_assert (!negative);
	g_clear_pointer (&v, g_free);
	/* The key is (kind, query): another kind is another entry. */
	ck_assert (!st_cache_get (c, ST_CACHE_KIND_WHOIS, "https://rdap.test/ip/1", NULL, NULL));
	/* Replaced, and a negative entry may carry no value. */
	ck_assert (st_cache_put (
		c, ST_CACHE_KIND_RDAP, "https://rdap.test/ip/1", NULL, TRUE, 0, &error));
	ck_assert (st_cache_get (c, ST_CACHE_KIND_RDAP, "https://rdap.test/ip/1", &v, &negative));
	ck_assert_ptr_null (v);
	ck_assert (negative);
}
END_TEST

/* Expiry: a value is fresh for its TTL, a negative one for the shorter TTL. */
static const struct {
	gboolean negative;
	guint ttl;  /* as stored; 0: the kind's */
	gint64 age; /* seconds later */
	gboolean fresh;
} expiry_cases[] = {
	{ FALSE, 0, 0, TRUE }, { FALSE, 0, 3599, TRUE }, { FALSE, 0, 86400 - 1, TRUE },
	{ FALSE, 0, 86400, FALSE }, { TRUE, 0, 3599, TRUE }, { TRUE, 0, 3600, FALSE },
	{ FALSE, 10, 9, TRUE }, { FALSE, 10, 10, FALSE },
	{ FALSE, 0, -5, FALSE }, /* written "in the future": a clock went back; not trusted */
};

START_TEST (test_expiry)
{
	g_autoptr (StCache) c = open_cache ();
	const gint64 t0 = 1790000000;

	/* contacts: a day, an hour when negative */
	ck_assert_uint_eq (st_cache_ttl (ST_CACHE_KIND_CONTACTS, FALSE), 86400);
	ck_assert_uint_eq (st_cache_ttl (ST_CACHE_KIND_CONTACTS, TRUE), 3600);
	st_cache_set_time (c, t0);
	ck_assert (st_cache_put (c, ST_CACHE_KIND_CONTACTS, "ip 192.0.2.1", "x",
		expiry_cases[_i].negative, expiry_cases[_i].ttl, NULL));
	st_cache_set_time (c, t0 + expiry_cases[_i].age);
	ck_assert_int_eq (st_cache_get (c, ST_CACHE_KIND_CONTACTS, "ip 192.0.2.1", NULL, NULL),
		expiry_cases[_i].fresh);
	if (expiry_cases[_i].age >= 0)
		ck_assert_int_eq (st_cache_prune (c), expiry_cases[_i].fresh ? 0 : 1);
}
END_TEST

START_TEST (test_open_fails)
{
	g_autofree char *file = g_build_filename (tmpdir, "a-file", NULL);
	g_autofree char *path = g_build_filename (file, "spamtrace", "lookups.sqlite", NULL);
	g_autoptr (GError) error = NULL;
	g_autoptr (StCache) c = NULL;

	ck_assert (g_file_set_contents (file, "", 0, NULL));
	c = st_cache_open (path, 0, &error);
	ck_assert_ptr_null (c);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_IO));
	ck_assert_msg (g_str_has_prefix (error->message, "cannot create '"), "%s", error->message);
}
END_TEST

/* Another process holds the write lock: a put gives up after the bound with
 * an error, and reads still work (WAL). */
START_TEST (test_busy_bounded)
{
	g_autofree char *path = db_path ();
	g_autoptr (StCache) c = open_cache ();
	g_autoptr (StCache) slow = NULL;
	g_autoptr (GError) error = NULL;
	sqlite3 *db = NULL;
	gint64 start, ms;

	ck_assert (st_cache_put (
		c, ST_CACHE_KIND_DNS, "A mail.isp-one.net", "203.0.113.5", FALSE, 0, NULL));
	ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
	ck_assert_int_eq (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	slow = st_cache_open (path, 200, &error);
	ck_assert_msg (slow != NULL, "%s", error->message);
	start = g_get_monotonic_time ();
	ck_assert (
		!st_cache_put (slow, ST_CACHE_KIND_DNS, "A x.isp-one.net", "1", FALSE, 0, &error));
	ms = (g_get_monotonic_time () - start) / 1000;
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_IO));
	ck_assert_msg (strstr (error->message, "locked") != NULL, "%s", error->message);
	ck_assert_int_ge (ms, 150);
	ck_assert_int_lt (ms, 1500);
	ck_assert (st_cache_get (slow, ST_CACHE_KIND_DNS, "A mail.isp-one.net", NULL, NULL));
	sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close (db);
	g_clear_error (&error);
	ck_assert (
		st_cache_put (slow, ST_CACHE_KIND_DNS, "A x.isp-one.net", "1", FALSE, 0, &error));
}
END_TEST

/* ---- 20 processes at once ---------------------------------------------- */

#define N_PROCS 20
#define N_ENTRIES 50

static char *
entry_query (int proc, int i)
{
	return g_strdup_printf ("proc %d entry %d", proc, i);
}

/* A child: opens its own connection after the fork, writes its entries,
 * reads each back and some of the others'. Exits with the failure count. */
static int
child_run (const char *path, int proc)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (StCache) c = st_cache_open (path, 0, &error);
	int failures = 0;

	if (c == NULL)
		return 100;
	for (int i = 0; i < N_ENTRIES; i++) {
		g_autofree char *q = entry_query (proc, i);
		g_autofree char *v = NULL;
		if (!st_cache_put (c, (StCacheKind)(i % ST_CACHE_N_KINDS), q, q, FALSE, 0, NULL)) {
			failures++;
			continue;
		}
		if (!st_cache_get (c, (StCacheKind)(i % ST_CACHE_N_KINDS), q, &v, NULL) ||
			strcmp (v, q) != 0)
			failures++;
		/* a read of another process's entry, there or not yet */
		{
			g_autofree char *other = entry_query ((proc + 1) % N_PROCS, i);
			st_cache_get (c, (StCacheKind)(i % ST_CACHE_N_KINDS), other, NULL, NULL);
		}
	}
	return failures;
}

START_TEST (test_concurrent)
{
	g_autofree char *path = db_path ();
	pid_t pids[N_PROCS];
	g_autoptr (StCache) c = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int missing = 0;

	for (int p = 0; p < N_PROCS; p++) {
		pids[p] = fork ();
		ck_assert_int_ge (pids[p], 0);
		if (pids[p] == 0)
			_exit (child_run (path, p));
	}
	for (int p = 0; p < N_PROCS; p++) {
		int status = 0;
		ck_assert_int_eq (waitpid (pids[p], &status, 0), pids[p]);
		ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0,
			"process %d: status %d", p, status);
	}
	c = open_cache ();
	for (int p = 0; p < N_PROCS; p++)
		for (int i = 0; i < N_ENTRIES; i++) {
			g_autofree char *q = entry_query (p, i);
			g_autofree char *v = NULL;
			if (!st_cache_get (c, (StCacheKind)(i % ST_CACHE_N_KINDS), q, &v, NULL) ||
				strcmp (v, q) != 0)
				missing++;
		}
	ck_assert_int_eq (missing, 0);

	ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
	ck_assert_int_eq (
		sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
	ck_assert_str_eq ((const char *)sqlite3_column_text (st, 0), "ok");
	sqlite3_finalize (st);
	ck_assert_int_eq (
		sqlite3_prepare_v2 (db, "SELECT count(*) FROM lookups", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
	ck_assert_int_eq (sqlite3_column_int (st, 0), N_PROCS * N_ENTRIES);
	sqlite3_finalize (st);
	ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
	ck_assert_str_eq ((const char *)sqlite3_column_text (st, 0), "wal");
	sqlite3_finalize (st);
	sqlite3_close (db);
}
END_TEST

static Suite *
cache_suite (void)
{
	Suite *s = suite_create ("cache");
	TCase *tc = tcase_create ("cache");

	tcase_add_checked_fixture (tc, tmp_setup, tmp_teardown);
	tcase_add_loop_test (tc, test_kinds, 0, G_N_ELEMENTS (kind_cases));
	tcase_add_test (tc, test_default_path);
	tcase_add_test (tc, test_put_get);
	tcase_add_loop_test (tc, test_expiry, 0, G_N_ELEMENTS (expiry_cases));
	tcase_add_test (tc, test_open_fails);
	tcase_add_test (tc, test_busy_bounded);
	tcase_add_test (tc, test_concurrent);
	tcase_set_timeout (tc, 60);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (cache_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
