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

	ck_assert_uint_eq (a->n_hops, 3);
	for (guint i = 0; i < a->n_hops; i++) {
		const StHop *h = &a->hop[i];
		ck_assert_ptr_nonnull (h->line);
		ck_assert (st_field_is (
			&g_array_index (a->headers->fields, StField, h->field), "Received"));
		/* the walk says why for every line down to the origin */
		ck_assert ((h->why != NULL) == ((int)i <= a->walk.origin));
		ck_assert_ptr_nonnull (h->judged.forged);
	}
	/* the walk's decisions, on the hops themselves */
	ck_assert_int_eq (a->walk.origin, 0);
	ck_assert (!a->hop[0].trusted);
	ck_assert (!a->hop[1].trusted);
	ck_assert (!a->hop[2].trusted);
	ck_assert_int_eq (a->hop[1].judged.judgement, ST_JUDGEMENT_FORGED);
	ck_assert (st_finding_list_has (a->hop[1].judged.forged, "invalid-ip"));
	ck_assert_uint_eq (a->hop[0].field, 0);
	ck_assert_uint_eq (a->hop[1].field, 2);
	ck_assert_uint_eq (a->hop[2].field, 3);
	/* the address parsed once: a valid one, one that is no address, none */
	char text[ST_IP_STRLEN];
	ck_assert (a->hop[0].has_ip);
	st_ip_format (&a->hop[0].ip, text);
	ck_assert_str_eq (text, "192.0.2.25");
	ck_assert (!a->hop[1].has_ip);
	ck_assert (st_hop_valid_ip (&a->hop[0]));
	ck_assert (!st_hop_valid_ip (&a->hop[1]));
	ck_assert (!a->hop[2].has_ip);
	ck_assert_ptr_eq (st_analysis_origin (a), a->hop[a->walk.origin].line);
}
END_TEST

/* The provider sides, found once per hop: who wrote the line, and whose
 * outbound server its client is (by address and name, never a name alone). */
static const char gmail[] =
	"Received: by 2002:a05:6a10:a0c4:b0:4c5:1e0c:ab8 with SMTP id x;\n"
	"\tTue, 3 Sep 2024 01:00:02 -0700 (PDT)\n"
	"Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\n"
	"\tby mx.google.com with SMTPS id a1; Tue, 03 Sep 2024 01:00:01 -0700 (PDT)\n"
	"Received: from mail-sor-f41.google.com (evil.example [203.0.113.5])\n"
	"\tby relay.example.net with SMTP id b2; Tue, 03 Sep 2024 08:00:00 +0000\n"
	"From: a@example.net\n"
	"\n"
	"body\n";

START_TEST (test_provider_sides)
{
	g_autoptr (StAnalysis) a = st_analysis_run (gmail, strlen (gmail), FALSE, NULL);

	ck_assert_uint_eq (a->n_hops, 3);
	ck_assert_ptr_null (a->hop[0].writer);
	ck_assert_ptr_null (a->hop[0].sender);
	ck_assert_ptr_nonnull (a->hop[1].writer);
	ck_assert (g_str_has_prefix (a->hop[1].writer->name, "Gmail"));
	ck_assert_ptr_nonnull (a->hop[1].sender);
	ck_assert (g_str_has_prefix (a->hop[1].sender->name, "Google"));
	/* Google's name from an address outside its networks */
	ck_assert_ptr_null (a->hop[2].writer);
	ck_assert_ptr_null (a->hop[2].sender);
}
END_TEST

static Suite *
analysis_suite (void)
{
	Suite *s = suite_create ("analysis");
	TCase *tc = tcase_create ("hops");

	tcase_add_test (tc, test_hops);
	tcase_add_test (tc, test_provider_sides);
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
