/* check_asn.c - tests for lib/lookup/asn.c: the questions asked of an IP-to-ASN zone and the
 * TXT records it answers (Team Cymru's layout), garbage included. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "asn.h"

static const struct {
	const char *txt;
	gboolean ok;
	guint32 asn;
	const char *prefix, *country, *registry;
} origin_cases[] = {
	{ "23028 | 216.90.108.0/24 | US | arin | 1998-09-25", TRUE, 23028, "216.90.108.0/24", "US",
		"arin" },
	{ "15169 36040 | 8.8.8.0/24 | us | arin | 2023-12-28", TRUE, 15169, "8.8.8.0/24", "US",
		"arin" },
	{ "24940 | 2a01:4f8::/32 | DE | ripencc | 2005-12-13", TRUE, 24940, "2a01:4f8::/32", "DE",
		"ripencc" },
	{ "64500 | 45.61.0.0/16 |  | | ", TRUE, 64500, "45.61.0.0/16", NULL, NULL },
	{ "4294967295 | 1.0.0.0/24 | AU | apnic |", TRUE, 4294967295u, "1.0.0.0/24", "AU",
		"apnic" },
	{ "4294967296 | 1.0.0.0/24 | AU | apnic |", FALSE, 0, NULL, NULL, NULL },
	{ "0 | 1.0.0.0/24 | AU | apnic |", FALSE, 0, NULL, NULL, NULL },
	{ "AS23028 | 216.90.108.0/24 | US | arin |", FALSE, 0, NULL, NULL, NULL },
	{ "23028 | 216.90.108.0 | US | arin |", FALSE, 0, NULL, NULL, NULL },
	{ "23028 | 500.90.108.0/24 | US | arin |", FALSE, 0, NULL, NULL, NULL },
	{ "23028 | 216.90.108.0/24 | USA | arin |", FALSE, 0, NULL, NULL, NULL },
	{ "23028 | 216.90.108.0/24 | <b | arin |", FALSE, 0, NULL, NULL, NULL },
	{ "23028", FALSE, 0, NULL, NULL, NULL },
	{ "", FALSE, 0, NULL, NULL, NULL },
	{ "||||||||", FALSE, 0, NULL, NULL, NULL },
};

START_TEST (test_origin)
{
	StAsnInfo info = { 0 };
	gboolean ok = st_asn_parse_origin (origin_cases[_i].txt, &info);
	ck_assert_msg (ok == origin_cases[_i].ok, "'%s'", origin_cases[_i].txt);
	ck_assert_uint_eq (info.asn, origin_cases[_i].asn);
	ck_assert_pstr_eq (info.prefix, origin_cases[_i].prefix);
	ck_assert_pstr_eq (info.country, origin_cases[_i].country);
	ck_assert_pstr_eq (info.registry, origin_cases[_i].registry);
	st_asn_info_clear (&info);
}
END_TEST

static const struct {
	const char *txt;
	guint32 asn;
	const char *name;
} name_cases[] = {
	{ "23028 | US | arin | 2002-01-04 | TEAM-CYMRU - Team Cymru Inc., US", 23028,
		"TEAM-CYMRU - Team Cymru Inc., US" },
	{ "23028 | US | arin | 2002-01-04 | NAME | WITH | BARS", 23028, "NAME | WITH | BARS" },
	{ "23029 | US | arin | 2002-01-04 | OTHER", 23028, NULL },
	{ "23028 | US | arin | 2002-01-04 | ", 23028, NULL },
	{ "23028 | US | arin | 2002-01-04 | A\x01<b>\xC3\xA9", 23028, "A?<b>??" },
	{ "23028 | US | arin", 23028, NULL },
};

START_TEST (test_name)
{
	g_autofree char *name = st_asn_parse_name (name_cases[_i].txt, name_cases[_i].asn);
	ck_assert_pstr_eq (name, name_cases[_i].name);
}
END_TEST

START_TEST (test_name_long)
{
	g_autofree char *txt = g_strdup_printf ("1 | US | arin | 2002-01-04 | %0300d", 7);
	g_autofree char *name = st_asn_parse_name (txt, 1);
	ck_assert_uint_eq (strlen (name), 96);
}
END_TEST

START_TEST (test_queries)
{
	StIp v4, v6;
	ck_assert (st_ip_parse ("216.90.108.31", -1, &v4));
	ck_assert (st_ip_parse ("2a01:4f8::5", -1, &v6));
	g_autofree char *q4 = st_asn_origin_query (&v4, "asn.cymru.com");
	g_autofree char *q6 = st_asn_origin_query (&v6, "asn.test");
	g_autofree char *qn = st_asn_name_query (23028, "asn.cymru.com");
	ck_assert_str_eq (q4, "31.108.90.216.origin.asn.cymru.com");
	ck_assert_str_eq (q6, "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.f.4.0.1.0.a.2."
			      "origin6.asn.test");
	ck_assert_str_eq (qn, "AS23028.asn.cymru.com");
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("asn");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_origin, 0, G_N_ELEMENTS (origin_cases));
	tcase_add_loop_test (tc, test_name, 0, G_N_ELEMENTS (name_cases));
	tcase_add_test (tc, test_name_long);
	tcase_add_test (tc, test_queries);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? 0 : 1;
}
