/* check_analysis.c - one StHop per Received: line, made once from the line, the walk and the judge.
 * RFC 5321 section 4.4. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

static const char message[] =
	"Received: from mail.example.net (mail.example.net [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 4Xk2; Tue, 3 Sep 2024 10:00:00 +0200\n"
	"X-Other: between\n"
	"Received: from pc (unknown [999.0.2.1]) by mail.example.net (Postfix)\n"
	"\twith ESMTP id 7Yz1; Tue, 3 Sep 2024 09:59:00 +0200\n"
	"Received: from localhost by mail.example.net with local; Tue, 3 Sep 2024 09:58:00 +0200\n"
	"From: a@example.net\n"
	"Subject: x\n"
	"\n"
	"body\n";

START_TEST (test_hops)
{
	g_autoptr (StAnalysis) a = st_analysis_run (message, strlen (message), FALSE, NULL);

	ck_assert_uint_eq (a->hops->len, 3);
	for (guint i = 0; i < a->hops->len; i++) {
		const StHop *h = &a->hop[i];
		ck_assert_ptr_eq (h->line, a->hops->pdata[i]);
		ck_assert (st_field_is (&g_array_index (a->headers->fields, StField, h->field),
			"Received"));
		ck_assert_int_eq (h->trusted, a->walk.sender_trusted[i]);
		ck_assert_ptr_eq (h->why, a->walk.why[i]);
		ck_assert_ptr_eq (h->judged, &a->judged[i]);
	}
	ck_assert_uint_eq (a->hop[0].field, 0);
	ck_assert_uint_eq (a->hop[1].field, 2);
	ck_assert_uint_eq (a->hop[2].field, 3);
	/* the address parsed once: a valid one, one that is no address, none */
	char text[ST_IP_STRLEN];
	ck_assert (a->hop[0].has_ip);
	st_ip_format (&a->hop[0].ip, text);
	ck_assert_str_eq (text, "192.0.2.25");
	ck_assert (!a->hop[1].has_ip);
	ck_assert (!a->hop[2].has_ip);
	ck_assert_ptr_eq (st_analysis_origin (a), a->hop[a->walk.origin].line);
}
END_TEST

static Suite *
analysis_suite (void)
{
	Suite *s = suite_create ("analysis");
	TCase *tc = tcase_create ("hops");

	tcase_add_test (tc, test_hops);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (analysis_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
