/* check_sightings.c - tests for lib/complaint/sightings.c, blocklist.c and replace.c: which
 * addresses a spam credibly shows, how they are remembered, the rbldnsd zone made of them. */
#include "config.h"

#include <check.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <sqlite3.h>

#include "blocklist.h"
#include "registry.h"
#include "replace.h"
#include "sightings.h"

/* our own server, on a private address, writes the topmost line */
#define OURS                                                                                       \
	"Received: from mail.home.zz (mail.home.zz [10.0.0.2]) by mbox.home.zz (Postfix) with "    \
	"ESMTP id 1; Tue, 3 Sep 2024 10:00:05 +0200\n"
#define ORIGIN_LINE(ip)                                                                            \
	"Received: from relay.isp-one.zz (relay.isp-one.zz [" ip "]) by mail.home.zz (Postfix) "   \
	"with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"

/* 2024-09-03 08:00:04 UTC */
#define SEEN 1725350404

static const struct {
	const char *name;
	const char *trust; /* a --trust rule, or NULL */
	const char *msg;
	const char *want; /* kind=address(code)@hop,… */
} cases[] = {
	{ "the origin our line records", NULL, OURS ORIGIN_LINE ("45.61.137.3") "Subject: s\n\n",
		"origin=45.61.137.3@1" },
	{ "never a line below the origin, forged or not", NULL,
		OURS ORIGIN_LINE ("45.61.137.3") "Received: from x ([89.1.2.3]) by elsewhere.zz "
						 "with SMTP id 3; Tue, 3 Sep 2024 "
						 "07:00:00 +0000\nSubject: s\n"
						 "Received: from y ([91.1.2.3]) by "
						 "relay.isp-one.zz with SMTP id 4; Tue, 3 Sep 2024 "
						 "06:00:00 +0000\n\n",
		"origin=45.61.137.3@1" },
	{ "a documentation address is nobody's", NULL,
		OURS ORIGIN_LINE ("203.0.113.5") "Subject: s\n\n", "" },
	{ "a shared (CGN) address is nobody's", NULL,
		OURS ORIGIN_LINE ("100.64.1.2") "Subject: s\n\n", "" },
	{ "an address that is none", NULL, OURS ORIGIN_LINE ("500.61.137.3") "Subject: s\n\n", "" },
	{ "private and loopback clients are ours: no origin", NULL,
		OURS "Received: from pc (pc.home.zz [192.168.1.5]) by mail.home.zz (Postfix) with "
		     "ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"
		     "Received: from localhost ([127.0.0.1]) by pc.home.zz with SMTP id 3; Tue, 3 "
		     "Sep 2024 10:00:03 +0200\nSubject: s\n\n",
		"" },
	{ "our declared network is ours: the origin is below it", "45.61.137.0/24",
		OURS ORIGIN_LINE (
			"45.61.137.3") "Received: from far.zz (far.zz [46.1.2.3]) by "
				       "relay.isp-one.zz (Postfix) with ESMTP "
				       "id 3; Tue, 3 Sep 2024 08:00:03 +0000\nSubject: s\n\n",
		"origin=46.1.2.3@2" },
	{ "IPv6", NULL, OURS ORIGIN_LINE ("IPv6:2a01:4f8:0:a::5") "Subject: s\n\n",
		"origin=2a01:4f8:0:a::5@1" },
	{ "the origin's own line shows it relays without recording its client", NULL,
		OURS ORIGIN_LINE ("45.61.137.3") "Received: from pc by relay.isp-one.zz with SMTP "
						 "id 3; Tue, 3 Sep 2024 08:00:02 "
						 "+0000\nSubject: s\n\n",
		"origin=45.61.137.3@1,relay=45.61.137.3(no-client-ip)@2" },
	{ "a line below that another host claims to have written accuses nobody", NULL,
		OURS ORIGIN_LINE ("45.61.137.3") "Received: from pc by other.isp-two.zz with SMTP "
						 "id 3; Tue, 3 Sep 2024 08:00:02 "
						 "+0000\nSubject: s\n\n",
		"origin=45.61.137.3@1" },
	{ "a name the origin only claimed (HELO) does not make the line below its own", NULL,
		OURS
		"Received: from relay.isp-one.zz (unknown [45.61.137.3]) by mail.home.zz (Postfix) "
		"with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: from pc by relay.isp-one.zz with SMTP id 3; Tue, 3 Sep 2024 08:00:02 "
		"+0000\nSubject: s\n\n",
		"origin=45.61.137.3@1" },
	{ "nor does the origin's own line when it is forged", NULL,
		OURS ORIGIN_LINE ("45.61.137.3") "Subject: s\nReceived: from pc by "
						 "relay.isp-one.zz with SMTP id 3; Tue, 3 Sep 2024 "
						 "08:00:02 +0000\n\n",
		"origin=45.61.137.3@1" },
	{ "a big provider's outbound server is evidence, never listed", NULL,
		OURS
		"Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41]) "
		"by mail.home.zz (Postfix) with ESMTPS id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Subject: s\n\n",
		"provider=209.85.220.41(Google (Gmail, Workspace, Groups))@1" },
	{ "a filtering service's server is evidence, never listed", NULL,
		OURS
		"Received: from eu-smtp-1.mimecast.com (eu-smtp-1.mimecast.com [185.58.85.1]) by "
		"mail.home.zz (Postfix) with ESMTPS id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Subject: s\n\n",
		"provider=185.58.85.1(Mimecast)@1" },
	{ "an origin in our server's own domain may be our own relay: none", NULL,
		OURS
		"Received: from mx2.home.zz (mx2.home.zz [45.61.137.3]) by mail.home.zz (Postfix) "
		"with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\nSubject: s\n\n",
		"" },
	{ "unless our server could not confirm that name", NULL,
		OURS
		"Received: from mx2.home.zz (mx2.home.zz [45.61.137.3] (may be forged)) by "
		"mail.home.zz (8.15.2/8.15.2) with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Subject: s\n\n",
		"origin=45.61.137.3@1" },
	{ "no Received: line at all", NULL, "Subject: s\n\n", "" },
	/* the recipient policy decides for the blocklist as for complaints */
	{ "never an address of our own servers", NULL,
		OURS "Received: from relay.isp-one.zz (relay.isp-one.zz [45.61.137.3]) by "
		     "mail.home.zz ([45.61.137.3]) with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 "
		     "+0200\nSubject: s\n\n",
		"" },
};

static char *
sightings_string (const StSighting *s, guint n)
{
	GString *out = g_string_new (NULL);
	for (guint i = 0; i < n; i++) {
		g_string_append_printf (out, "%s%s=%s", i ? "," : "",
			st_sighting_kind_to_string (s[i].kind), s[i].address);
		if (s[i].code != NULL)
			g_string_append_printf (out, "(%s)", s[i].code);
		g_string_append_printf (out, "@%d", s[i].hop);
	}
	return g_string_free (out, FALSE);
}

START_TEST (test_from_analysis)
{
	g_autoptr (StSettings) st = st_settings_new ();
	if (cases[_i].trust != NULL)
		ck_assert (st_trust_add (st->trust, cases[_i].trust, NULL));
	const char *msg = cases[_i].msg;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, st);
	g_autoptr (StPolicy) policy = st_policy_new (a, NULL, st, NULL);
	StSighting s[ST_SIGHTINGS_PER_MESSAGE];
	guint n = st_sighting_list_from_analysis (a, policy, SEEN + 86400, s);
	g_autofree char *got = sightings_string (s, n);
	ck_assert_msg (g_str_equal (got, cases[_i].want), "%s: got '%s', want '%s'", cases[_i].name,
		got, cases[_i].want);
	/* seen when our own line, the origin's, says it arrived */
	for (guint i = 0; i < n; i++)
		ck_assert_int_eq (s[i].seen, a->hop[a->walk.origin].line->time);
}
END_TEST

/* the date of our own line, never one in the future, the clock when undated */
START_TEST (test_seen_time)
{
	const char *msg = OURS ORIGIN_LINE ("45.61.137.3") "Subject: s\n\n";
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	gboolean dated = FALSE;
	ck_assert_int_eq (st_sighting_seen_time (a, SEEN + 10, &dated), SEEN);
	ck_assert (dated);
	ck_assert_int_eq (st_sighting_seen_time (a, SEEN - 10, &dated), SEEN - 10);
	const char *undated = "Received: from relay.isp-one.zz (relay.isp-one.zz [45.61.137.3]) "
			      "by mail.home.zz (Postfix) with ESMTP id 2\nSubject: s\n\n";
	g_autoptr (StAnalysis) b = st_analysis_run (undated, strlen (undated), FALSE, NULL);
	ck_assert_int_eq (st_sighting_seen_time (b, 42, &dated), 42);
	ck_assert (!dated);
}
END_TEST

static char *
temp_path (const char *name)
{
	g_autofree char *dir = g_dir_make_tmp ("st-sightings-XXXXXX", NULL);
	ck_assert (dir != NULL);
	return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
	g_autofree char *dir = g_path_get_dirname (path);
	g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
	const char *n;
	while (d != NULL && (n = g_dir_read_name (d)) != NULL) {
		g_autofree char *f = g_build_filename (dir, n, NULL);
		g_unlink (f);
	}
	g_rmdir (dir);
}

static StSighting
sighting (StSightingKind kind, const char *address, gint64 seen, const char *code)
{
	StSighting s = { kind, "", code, 1, seen };
	g_strlcpy (s.address, address, sizeof s.address);
	return s;
}

/* a message counts once however often it is read; the latest evidence
 * names the message; the row knows first and last */
START_TEST (test_record)
{
	g_autofree char *path = temp_path ("drafted.sqlite");
	g_autoptr (GError) error = NULL;
	StSightings *s = st_sightings_open (path, &error);
	ck_assert_msg (s != NULL, "%s", error ? error->message : "");

	StSighting a = sighting (ST_SIGHTING_ORIGIN, "45.61.137.3", SEEN, NULL);
	StAsnInfo net = { 64500, (char *)"45.61.0.0/16", (char *)"ZZ", (char *)"ripencc",
		(char *)"ISP-ONE - ISP One, ZZ" };
	ck_assert (st_sightings_record (s, &a, "message-id:<1@x>", "<1@x>", &net, NULL));
	ck_assert (st_sightings_record (s, &a, "message-id:<1@x>", "<1@x>", NULL, NULL));
	StSighting b = sighting (ST_SIGHTING_ORIGIN, "45.61.137.3", SEEN - 100, NULL);
	ck_assert (st_sightings_record (s, &b, "message-id:<0@x>", "<0@x>", NULL, NULL));
	StSighting c = sighting (ST_SIGHTING_RELAY, "45.61.137.3", SEEN, "no-client-ip");
	ck_assert (st_sightings_record (s, &c, "message-id:<1@x>", "<1@x>", NULL, NULL));
	st_sightings_close (s);

	/* another connection, as another run, sees it all */
	s = st_sightings_open (path, &error);
	ck_assert (s != NULL);
	g_autoptr (GPtrArray) rows = st_sightings_since (s, 0, &error);
	ck_assert (rows != NULL);
	ck_assert_uint_eq (rows->len, 2);
	const StSightingRow *origin = NULL;
	for (guint i = 0; i < rows->len; i++)
		if (((StSightingRow *)rows->pdata[i])->kind == ST_SIGHTING_ORIGIN)
			origin = rows->pdata[i];
	ck_assert (origin != NULL);
	ck_assert_uint_eq (origin->count, 2);
	ck_assert_int_eq (origin->first_seen, SEEN - 100);
	ck_assert_int_eq (origin->last_seen, SEEN);
	ck_assert_str_eq (origin->message_id, "<1@x>");
	/* what a lookup found stays when a later one knew nothing */
	ck_assert_str_eq (origin->network, "45.61.0.0/16 ISP-ONE");
	ck_assert_uint_eq (origin->asn, 64500);
	ck_assert_str_eq (origin->country, "ZZ");
	g_autoptr (GPtrArray) recent = st_sightings_since (s, SEEN + 1, NULL);
	ck_assert_uint_eq (recent->len, 0);
	/* nothing drafted yet: no registry table, no error */
	g_autoptr (GPtrArray) drafted = st_sightings_drafted (s, &error);
	ck_assert (drafted != NULL);
	ck_assert_uint_eq (drafted->len, 0);
	st_sightings_close (s);
	remove_temp (path);
}
END_TEST

/* the drafts the registry remembers, read through our own connection */
START_TEST (test_drafted)
{
	g_autofree char *path = temp_path ("drafted.sqlite");
	g_autoptr (GError) error = NULL;
	StRegistry *r = st_registry_open (path, &error);
	ck_assert_msg (r != NULL, "%s", error ? error->message : "");
	ck_assert (st_registry_record (r, "message-id:<1@x>;network;45.61.137.3 (a.zz)",
		"abuse@isp-one.zz", "/outbox/1", NULL));
	ck_assert (st_registry_record (
		r, "message-id:<a;b@x>;relay;relay.zz", "postmaster@relay.zz", "/outbox/2", NULL));
	StSightings *s = st_sightings_open (path, &error);
	ck_assert (s != NULL);
	g_autoptr (GPtrArray) rows = st_sightings_drafted (s, &error);
	ck_assert_msg (rows != NULL, "%s", error ? error->message : "");
	ck_assert_uint_eq (rows->len, 2);
	g_autoptr (GString) got = g_string_new (NULL);
	for (guint i = 0; i < rows->len; i++) {
		const StDraftedRow *d = rows->pdata[i];
		g_string_append_printf (got, "%s|%s|%s\n", d->incident, d->role, d->recipient);
	}
	ck_assert (strstr (got->str, "message-id:<1@x>|network|abuse@isp-one.zz\n") != NULL);
	ck_assert (strstr (got->str, "message-id:<a;b@x>|relay|postmaster@relay.zz\n") != NULL);
	st_sightings_close (s);
	st_registry_close (r);
	remove_temp (path);
}
END_TEST

/* a file of a newer schema is left alone */
START_TEST (test_newer_schema)
{
	g_autofree char *path = temp_path ("drafted.sqlite");
	StSightings *s = st_sightings_open (path, NULL);
	ck_assert (s != NULL);
	st_sightings_close (s);
	sqlite3 *db = NULL;
	ck_assert (sqlite3_open (path, &db) == SQLITE_OK);
	ck_assert (sqlite3_exec (db, "UPDATE schema_versions SET version = 99", NULL, NULL, NULL) ==
		   SQLITE_OK);
	sqlite3_close (db);
	g_autoptr (GError) error = NULL;
	ck_assert (st_sightings_open (path, &error) == NULL);
	ck_assert_msg (strstr (error->message, "newer spamtrace") != NULL, "%s", error->message);
	remove_temp (path);
}
END_TEST

static StSightingRow *
row (const char *address, StSightingKind kind, guint count, gint64 last, const char *code)
{
	StSightingRow *r = g_new0 (StSightingRow, 1);
	r->address = g_strdup (address);
	r->kind = kind;
	r->count = count;
	r->first_seen = r->last_seen = last;
	r->code = g_strdup (code);
	return r;
}

START_TEST (test_zone)
{
	g_autoptr (GPtrArray) rows =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_sighting_row_free);
	gint64 now = 1796083200; /* 2026-12-01 00:00 UTC */
	g_ptr_array_add (rows, row ("45.61.137.3", ST_SIGHTING_ORIGIN, 3, now - 3600, NULL));
	g_ptr_array_add (rows, row ("46.1.2.3", ST_SIGHTING_ORIGIN, 1, now - 31 * 86400, NULL));
	g_ptr_array_add (rows, row ("5.6.7.8", ST_SIGHTING_ORIGIN, 2, now - 86400, NULL));
	g_ptr_array_add (rows, row ("5.6.7.8", ST_SIGHTING_RELAY, 1, now - 86400, "open-relay"));
	g_ptr_array_add (rows, row ("209.85.220.41", ST_SIGHTING_PROVIDER, 9, now, "Google"));
	g_ptr_array_add (rows, row ("2a01:4f8::5", ST_SIGHTING_ORIGIN, 1, now, NULL));
	guint n = 0;
	g_autofree char *zone = st_blocklist_format (rows, now, 30, &n);
	ck_assert_uint_eq (n, 3);
	const char *want = "$DATASET ip4set:spamtrace-ipv4 @\n"
			   "5.6.7.8 :127.0.0.3:insecure relay (open-relay), spam seen 2 times, "
			   "last 2026-11-30\n"
			   "45.61.137.3 :127.0.0.2:spam seen 3 times, last 2026-11-30\n"
			   "$DATASET ip6trie:spamtrace-ipv6 @\n"
			   "2a01:4f8::5/128 :127.0.0.2:spam seen 1 time, last 2026-12-01\n";
	const char *body = strstr (zone, "$DATASET");
	ck_assert_msg (body != NULL && g_str_equal (body, want), "%s", zone);
	/* the comment lines rbldnsd skips say what the file is */
	ck_assert (g_str_has_prefix (zone, "# spamtrace blocklist, written 2026-12-01T00:00:00Z"));
	ck_assert (strstr (zone, "46.1.2.3") == NULL);
	ck_assert (strstr (zone, "209.85.220.41") == NULL);
}
END_TEST

START_TEST (test_replace)
{
	g_autofree char *path = temp_path ("zone");
	g_autoptr (GError) error = NULL;
	ck_assert (g_file_set_contents (path, "old", -1, NULL));
	ck_assert (st_replace_file (path, "new\n", 4, 0644, &error));
	g_autofree char *text = NULL;
	ck_assert (g_file_get_contents (path, &text, NULL, NULL));
	ck_assert_str_eq (text, "new\n");
	GStatBuf sb;
	ck_assert (g_stat (path, &sb) == 0);
	ck_assert_uint_eq (sb.st_mode & 0777, 0644);
	/* nothing left beside it */
	g_autofree char *dir = g_path_get_dirname (path);
	g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
	guint files = 0;
	while (g_dir_read_name (d) != NULL)
		files++;
	ck_assert_uint_eq (files, 1);
	remove_temp (path);
	/* a directory that is not there: an error, no file */
	ck_assert (
		!st_replace_file ("/nonexistent/dir/zone", "x", 1, 0644, &error) || error != NULL);
	g_clear_error (&error);
	ck_assert (!st_replace_file ("/nonexistent/dir/zone", "x", 1, 0644, &error));
	ck_assert (strstr (error->message, "/nonexistent/dir") != NULL);
}
END_TEST

int
main (void)
{
	g_mime_init ();
	Suite *s = suite_create ("sightings");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_from_analysis, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_seen_time);
	tcase_add_test (tc, test_record);
	tcase_add_test (tc, test_drafted);
	tcase_add_test (tc, test_newer_schema);
	tcase_add_test (tc, test_zone);
	tcase_add_test (tc, test_replace);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? 0 : 1;
}
