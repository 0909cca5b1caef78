/* check_date.c - tests for lib/trace/date.c: RFC 5322 dates into RFC 3339 UTC.
 * RFC 5322 sections 3.3 and 4.3. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"

static const struct {
	const char *in;
	const char *utc; /* NULL: rejected */
} cases[] = {
	{ "Tue, 3 Sep 2024 10:00:00 +0200", "2024-09-03T08:00:00Z" },
	{ "Tue, 03 Sep 2024 01:00:00 -0700 (PDT)", "2024-09-03T08:00:00Z" },
	{ "3 Sep 2024 10:00:00 -0000", "2024-09-03T10:00:00Z" },
	{ "Mon, 4 Sep 2023 12:56:23 +0000", "2023-09-04T12:56:23Z" },
	{ "Fri,  7 Dec 2001 11:07:40 +1100 (EST)", "2001-12-07T00:07:40Z" },
	{ "Thu, 10 Aug 2000 06:44:36 +0100", "2000-08-10T05:44:36Z" },
	{ "Sun, 18 Feb 2001 08:28:16 GMT", "2001-02-18T08:28:16Z" },
	{ "Sun, 18 Feb 2001 03:26:12 EST", "2001-02-18T08:26:12Z" },
	{ "Sun, 18 Feb 2001 03:26:12 PDT", "2001-02-18T10:26:12Z" },
	{ "Sun, 18 Feb 01 03:26:12 UT", "2001-02-18T03:26:12Z" },
	{ "Sun, 18 Feb 99 03:26:12 +0000", "1999-02-18T03:26:12Z" },
	{ "18 Feb 101 03:26:12 +0000", "2001-02-18T03:26:12Z" },
	{ "Tue, 3 Sep 2024 10:00 +0200", "2024-09-03T08:00:00Z" },
	{ "Tue, 3 September 2024 10:00:00 +0200", "2024-09-03T08:00:00Z" },
	{ "Tue, 3 Sept 2024 10:00:00 +0200", "2024-09-03T08:00:00Z" },
	{ "Tue Sep  3 10:00:00 2024", "2024-09-03T10:00:00Z" },
	{ "18 Feb 01 12:29:13 AM", "2001-02-18T00:29:13Z" },
	{ "18 Feb 01 01:29:13 PM", "2001-02-18T13:29:13Z" },
	{ "Thu, 29 Feb 2024 23:59:59 -1200", "2024-03-01T11:59:59Z" },
	{ "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z" },
	{ "Sat, 31 Dec 2016 23:59:60 +0000", "2017-01-01T00:00:00Z" },
	{ "Tue, 3 Sep 2024 10:00:00.123 +0200", "2024-09-03T08:00:00Z" },
	{ "Tue, 3 Sep 2024 10:00:00 +0200 (CEST) (more)", "2024-09-03T08:00:00Z" },
	/* impossible or broken */
	{ "Thu, 29 Feb 2023 10:00:00 +0000", NULL },
	{ "Tue, 31 Sep 2024 10:00:00 +0000", NULL },
	{ "Tue, 3 Sep 2024 25:00:00 +0000", NULL },
	{ "Tue, 3 Sep 2024 10:61:00 +0000", NULL },
	{ "Tue, 0 Sep 2024 10:00:00 +0000", NULL },
	{ "Tue, 3 Foo 2024 10:00:00 +0000", NULL },
	{ "Tue, 3 Sep 2024", NULL },
	{ "", NULL },
	{ "garbage", NULL },
	{ "3 Sep 2024 10:00:00 +2500", "2024-09-03T10:00:00Z" },
	{ "1 2 3 4 5 6 7 8 9", NULL },
};

START_TEST (test_parse)
{
	gint64 t;
	char buf[ST_DATE_STRLEN];
	gboolean ok = st_date_parse (cases[_i].in, -1, &t, NULL);

	if (cases[_i].utc == NULL) {
		ck_assert_msg (!ok, "'%s' accepted", cases[_i].in);
		return;
	}
	ck_assert_msg (ok, "'%s' rejected", cases[_i].in);
	st_date_format (t, buf);
	ck_assert_str_eq (buf, cases[_i].utc);
}
END_TEST

START_TEST (test_format_roundtrip)
{
	/* every day from 1900 to 2100 formats back to the date it came from */
	for (gint64 day = -25567; day < 47482; day += 1) {
		char buf[ST_DATE_STRLEN], text[64];
		gint64 t = day * 86400 + 3723, back;
		st_date_format (t, buf);
		static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
			"Aug", "Sep", "Oct", "Nov", "Dec" };
		int y, m, d;
		ck_assert_int_eq (sscanf (buf, "%d-%d-%dT", &y, &m, &d), 3);
		g_snprintf (text, sizeof text, "%d %s %d 01:02:03 +0000", d, mon[m - 1], y);
		ck_assert (st_date_parse (text, -1, &back, NULL));
		ck_assert_int_eq (back, t);
	}
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("date");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_parse, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_format_roundtrip);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
