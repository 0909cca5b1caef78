/* check_registry.c - tests for lib/complaint/registry.c: claim, then write, then record; release on
 * failure. SQLite (https://sqlite.org); what the claims do when runs overlap or die. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "registry.h"

static char *dir, *path;

static void
setup (void)
{
	dir = g_dir_make_tmp ("check_registry-XXXXXX", NULL);
	path = g_build_filename (dir, "reg.sqlite", NULL);
}

static void
teardown (void)
{
	g_autofree char *journal = g_strconcat (path, "-journal", NULL);
	g_unlink (journal);
	g_unlink (path);
	g_rmdir (dir);
	g_clear_pointer (&path, g_free);
	g_clear_pointer (&dir, g_free);
}

/* Runs @sql on the registry file through a connection of its own. */
static void
sql (const char *text)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
	ck_assert_msg (sqlite3_exec (db, text, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", text, msg);
	sqlite3_close (db);
}

/* How many rows @query (a SELECT count(*)) counts. */
static int
count (const char *query)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int n;

	ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
	ck_assert_int_eq (sqlite3_prepare_v2 (db, query, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq (sqlite3_step (st), SQLITE_ROW);
	n = sqlite3_column_int (st, 0);
	sqlite3_finalize (st);
	sqlite3_close (db);
	return n;
}

START_TEST (test_claim_record)
{
	g_autoptr (GError) e = NULL;
	g_autoptr (StRegistry) r = st_registry_open (path, &e);
	g_autoptr (StRegistry) other = st_registry_open (path, &e);
	g_autofree char *was = NULL, *again = NULL, *forced = NULL;

	ck_assert_ptr_nonnull (r);
	ck_assert (st_registry_claim (r, "m1", "Abuse@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (was);
	ck_assert_int_eq (count ("SELECT count(*) FROM claims"), 1);
	/* a claim that lives holds, whoever asks (the same process here) */
	ck_assert (!st_registry_claim (other, "m1", "abuse@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (e);
	ck_assert_msg (g_str_has_prefix (was, "being drafted now by process "), "%s", was);
	ck_assert (!st_registry_claim (other, "m1", "abuse@isp.zz", TRUE, &forced, &e));
	ck_assert_ptr_nonnull (forced);
	g_clear_pointer (&forced, g_free);
	/* recorded: the claim is over, the draft remembered */
	ck_assert (st_registry_record (r, "m1", "abuse@isp.zz", "/o/cur/1", &e));
	ck_assert_int_eq (count ("SELECT count(*) FROM claims"), 0);
	ck_assert (!st_registry_claim (other, "m1", "ABUSE@ISP.ZZ", FALSE, &again, &e));
	ck_assert_str_eq (again, "/o/cur/1");
	/* --force drafts again what was drafted */
	ck_assert (st_registry_claim (other, "m1", "abuse@isp.zz", TRUE, &forced, &e));
	ck_assert (st_registry_record (other, "m1", "abuse@isp.zz", "/o/cur/2", &e));
	ck_assert_int_eq (count ("SELECT count(*) FROM drafted WHERE draft = '/o/cur/2'"), 1);
	/* another recipient of the same message is another claim */
	g_clear_pointer (&was, g_free);
	ck_assert (st_registry_claim (r, "m1", "postmaster@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (was);
}
END_TEST

START_TEST (test_release)
{
	g_autoptr (GError) e = NULL;
	g_autoptr (StRegistry) r = st_registry_open (path, &e);
	g_autofree char *was = NULL;

	ck_assert (st_registry_claim (r, "m1", "abuse@isp.zz", FALSE, &was, &e));
	ck_assert (st_registry_release (r, "m1", "abuse@isp.zz", &e));
	ck_assert_int_eq (count ("SELECT count(*) FROM claims"), 0);
	ck_assert (st_registry_claim (r, "m1", "abuse@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (was);
}
END_TEST

/* A claim whose run is gone: too old, or its process no longer there. */
START_TEST (test_stale)
{
	g_autoptr (GError) e = NULL;
	g_autoptr (StRegistry) r = st_registry_open (path, &e);
	g_autofree char *was = NULL;
	g_autofree char *old = NULL, *dead = NULL, *live = NULL;
	pid_t child = fork ();

	if (child == 0)
		_exit (0);
	ck_assert_int_eq (waitpid (child, NULL, 0), child);
	old = g_strdup_printf ("INSERT INTO claims VALUES ('m1', 'a@isp.zz', '%s', %d, "
			       "strftime('%%s','now') - %d)",
		g_get_host_name (), (int)getpid (), ST_REGISTRY_CLAIM_SECONDS + 5);
	dead = g_strdup_printf ("INSERT INTO claims VALUES ('m2', 'a@isp.zz', '%s', %d, "
				"strftime('%%s','now'))",
		g_get_host_name (), (int)child);
	live = g_strdup_printf ("INSERT INTO claims VALUES ('m3', 'a@isp.zz', 'elsewhere.zz', %d, "
				"strftime('%%s','now'))",
		(int)child);
	sql (old);
	sql (dead);
	sql (live);
	ck_assert (st_registry_claim (r, "m1", "a@isp.zz", FALSE, &was, &e));
	ck_assert (st_registry_claim (r, "m2", "a@isp.zz", FALSE, &was, &e));
	/* on another host a process number says nothing: the claim holds */
	ck_assert (!st_registry_claim (r, "m3", "a@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (e);
	ck_assert_msg (strstr (was, " on elsewhere.zz, since ") != NULL, "%s", was);
}
END_TEST

/* A registry that fails is an error, never "not drafted yet". */
START_TEST (test_errors)
{
	g_autoptr (GError) e = NULL;
	g_autoptr (StRegistry) r = st_registry_open (path, &e);
	g_autofree char *was = NULL;

	sql ("CREATE TRIGGER no_claims BEFORE INSERT ON claims BEGIN "
	     "SELECT RAISE(ABORT, 'claims refused'); END");
	ck_assert (!st_registry_claim (r, "m1", "a@isp.zz", FALSE, &was, &e));
	ck_assert_ptr_null (was);
	ck_assert_msg (e != NULL && strstr (e->message, "claims refused") != NULL, "%s",
		e != NULL ? e->message : "no error");
	g_clear_error (&e);
	sql ("DROP TRIGGER no_claims");
	sql ("CREATE TRIGGER no_drafts BEFORE INSERT ON drafted BEGIN "
	     "SELECT RAISE(ABORT, 'drafts refused'); END");
	ck_assert (st_registry_claim (r, "m1", "a@isp.zz", FALSE, &was, &e));
	ck_assert (!st_registry_record (r, "m1", "a@isp.zz", "/o/cur/1", &e));
	ck_assert_msg (e != NULL && strstr (e->message, "drafts refused") != NULL, "%s",
		e != NULL ? e->message : "no error");
	g_clear_error (&e);
	/* the transaction was rolled back: the claim is still there, to release */
	ck_assert_int_eq (count ("SELECT count(*) FROM claims"), 1);
	ck_assert (st_registry_release (r, "m1", "a@isp.zz", &e));
	ck_assert_int_eq (count ("SELECT count(*) FROM claims"), 0);
	ck_assert_int_eq (count ("SELECT count(*) FROM drafted"), 0);
}
END_TEST

/* Listed newest first; forgotten by Message-ID (brackets or not) or by
 * one of the recipients, whatever its case; nothing else goes. */
START_TEST (test_list_forget)
{
	g_autoptr (StRegistry) r = st_registry_open (path, NULL);
	g_autoptr (GPtrArray) all =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_registry_entry_free);
	guint n = 99;

	ck_assert (r != NULL);
	ck_assert (
		st_registry_record (r, "message-id:<a@x>;network;n", "abuse@one.zz", "/d/1", NULL));
	ck_assert (st_registry_record (
		r, "message-id:<a@x>;mailbox;m", "Abuse@Mail.zz", "/d/2", NULL));
	ck_assert (st_registry_record (
		r, "message-id:<b@x>;network;n", "abuse@one.zz, noc@one.zz", "/d/3", NULL));
	ck_assert (st_registry_record (
		r, "message-id:<a@xy>;network;n", "abuse@two.zz", "/d/4", NULL));
	sql ("UPDATE drafted SET created = 100 WHERE draft = '/d/1';"
	     "UPDATE drafted SET created = 300 WHERE draft = '/d/2';"
	     "UPDATE drafted SET created = 200 WHERE draft = '/d/3';"
	     "UPDATE drafted SET created = 50 WHERE draft = '/d/4'");
	ck_assert (st_registry_list (r, all, NULL));
	ck_assert_uint_eq (all->len, 4);
	ck_assert_str_eq (((StRegistryEntry *)all->pdata[0])->draft, "/d/2");
	ck_assert_str_eq (((StRegistryEntry *)all->pdata[0])->recipient, "abuse@mail.zz");
	ck_assert_int_eq (((StRegistryEntry *)all->pdata[0])->created, 300);
	ck_assert_str_eq (((StRegistryEntry *)all->pdata[1])->draft, "/d/3");
	ck_assert_str_eq (((StRegistryEntry *)all->pdata[2])->draft, "/d/1");
	ck_assert_str_eq (((StRegistryEntry *)all->pdata[3])->draft, "/d/4");

	/* the Message-ID without brackets: <a@x>, not <a@xy> */
	ck_assert (st_registry_forget (r, "a@x", &n, NULL));
	ck_assert_uint_eq (n, 2);
	ck_assert_int_eq (count ("SELECT count(*) FROM drafted"), 2);
	ck_assert (st_registry_forget (r, "<a@x>", &n, NULL));
	ck_assert_uint_eq (n, 0);
	/* one recipient of a list, in another case; not a prefix of another */
	ck_assert (st_registry_forget (r, "NOC@one.zz", &n, NULL));
	ck_assert_uint_eq (n, 1);
	ck_assert (st_registry_forget (r, "abuse@two.z", &n, NULL));
	ck_assert_uint_eq (n, 0);
	ck_assert (st_registry_forget (r, "<a@xy>", &n, NULL));
	ck_assert_uint_eq (n, 1);
	ck_assert_int_eq (count ("SELECT count(*) FROM drafted"), 0);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("registry");
	TCase *tc = tcase_create ("core");
	tcase_add_checked_fixture (tc, setup, teardown);
	tcase_add_test (tc, test_claim_record);
	tcase_add_test (tc, test_release);
	tcase_add_test (tc, test_stale);
	tcase_add_test (tc, test_errors);
	tcase_add_test (tc, test_list_forget);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
