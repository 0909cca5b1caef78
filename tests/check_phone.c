/* check_phone.c - tests for phone.cc: telephone numbers in text, through libphonenumber.
 * ITU-T E.164; the descriptions are those of libphonenumber 8.12's offline geocoder (English). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"

/* Text, the region national numbers are read in, how many distinct
 * numbers, and the first one: E.164, raw, country code, region, place, type. */
static const struct {
	const char *in;
	const char *region;
	guint n;
	const char *e164;
	const char *raw;
	int cc;
	const char *iso;
	const char *place;
	const char *type;
} cases[] = {
	{ "Call 1-800-555-0199 now", "US", 1, "+18005550199", "1-800-555-0199", 1, "US",
		"United States", "toll-free" },
	{ "call (650) 253-0000 today", NULL, 1, "+16502530000", "(650) 253-0000", 1, "US",
		"Mountain View, CA", "fixed-line-or-mobile" },
	{ "Tel:+14155552671.", "DE", 1, "+14155552671", "+14155552671", 1, "US",
		"San Francisco, CA", "fixed-line-or-mobile" },
	{ "London office +44 20 7946 0958", "US", 1, "+442079460958", "+44 20 7946 0958", 44, "GB",
		"London", "fixed-line" },
	{ "Tel. 030 12345678", "DE", 1, "+493012345678", "030 12345678", 49, "DE", "Berlin",
		"fixed-line" },
	{ "Tel. 030 12345678", "de", 1, "+493012345678", "030 12345678", 49, "DE", "Berlin",
		"fixed-line" },
	{ "0044 20 7946 0958", "DE", 1, "+442079460958", "0044 20 7946 0958", 44, "GB", "London",
		"fixed-line" },
	{ "free: 08000 123456", "GB", 1, "+448000123456", "08000 123456", 44, "GB",
		"United Kingdom", "toll-free" },
	{ "+33 1 42 68 53 00", "US", 1, "+33142685300", "+33 1 42 68 53 00", 33, "FR", "Paris",
		"fixed-line" },
	{ "+7 495 123-45-67", NULL, 1, "+74951234567", "+7 495 123-45-67", 7, "RU", "Moscow",
		"fixed-line" },
	{ "+86 10 6552 9988", "US", 1, "+861065529988", "+86 10 6552 9988", 86, "CN", "Beijing",
		"fixed-line" },
	{ "WhatsApp +234 803 123 4567", "US", 1, "+2348031234567", "+234 803 123 4567", 234, "NG",
		"Nigeria", "mobile" },
	{ "premium +1 900 555 0100", "US", 1, "+19005550100", "+1 900 555 0100", 1, "US",
		"United States", "premium-rate" },
	{ "+1 650 253 0000 or +1 (650) 253-0000", "US", 1, "+16502530000", "+1 650 253 0000", 1,
		"US", "Mountain View, CA", "fixed-line-or-mobile" },
	{ "Fax (650) 253-0000, phone (650) 253-0001", "US", 2, "+16502530000", "(650) 253-0000", 1,
		"US", "Mountain View, CA", "fixed-line-or-mobile" },
	/* national numbers of another region are not valid here */
	{ "030 12345678", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
	/* an unknown region falls back to US */
	{ "call (650) 253-0000", "QQ", 1, "+16502530000", "(650) 253-0000", 1, "US",
		"Mountain View, CA", "fixed-line-or-mobile" },
	/* not numbers */
	{ "Date 2026-11-02 10:00", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
	{ "ISBN 978-3-16-148410-0", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
	{ "order no 12345678", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
	{ "version 1.2.3.4.5.6", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
	{ "", "US", 0, NULL, NULL, 0, NULL, NULL, NULL },
};

START_TEST (test_cases)
{
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);

	st_phone_find (phones, cases[_i].in, -1, cases[_i].region, ST_URLS_WHERE_TEXT, 3, 10);
	ck_assert_msg (phones->len == cases[_i].n, "'%s': %u numbers, expected %u", cases[_i].in,
		phones->len, cases[_i].n);
	if (cases[_i].n == 0)
		return;
	const StPhone *p = phones->pdata[0];
	ck_assert_str_eq (p->e164, cases[_i].e164);
	ck_assert_str_eq (p->raw, cases[_i].raw);
	ck_assert_int_eq (p->country_code, cases[_i].cc);
	ck_assert_pstr_eq (p->region, cases[_i].iso);
	ck_assert_pstr_eq (p->description, cases[_i].place);
	ck_assert_str_eq (p->type, cases[_i].type);
	ck_assert_int_eq (p->where, ST_URLS_WHERE_TEXT);
	ck_assert_uint_eq (p->part, 3);
}
END_TEST

/* How the number was written decides whether its country is a fact of the
 * text or a reading of ours: the plus, an exit prefix of the reading
 * region, a bare country code, or nothing. */
static const struct {
	const char *in;
	const char *region;
	const char *e164;
	StPhoneForm form;
} form_cases[] = {
	{ "call +44 20 7946 0958", "US", "+442079460958", ST_PHONE_FORM_INTERNATIONAL },
	{ "call +44 20 7946 0958", "GB", "+442079460958", ST_PHONE_FORM_INTERNATIONAL },
	{ "call 020 7946 0958", "GB", "+442079460958", ST_PHONE_FORM_NATIONAL },
	{ "call 0044 20 7946 0958", "DE", "+442079460958", ST_PHONE_FORM_IDD },
	{ "call 011 44 20 7946 0958", "US", "+442079460958", ST_PHONE_FORM_IDD },
	{ "Tel. 030 12345678", "DE", "+493012345678", ST_PHONE_FORM_NATIONAL },
	{ "call (650) 253-0000", "US", "+16502530000", ST_PHONE_FORM_NATIONAL },
	/* in the NANP the trunk prefix 1 is also the country code */
	{ "call 1-800-555-0199", "US", "+18005550199", ST_PHONE_FORM_COUNTRY_CODE },
	{ "Tel. 49 30 12345678", "DE", "+493012345678", ST_PHONE_FORM_COUNTRY_CODE },
	/* 1 and ten digits in North American groups: the NANP whatever the
	 * region (read in China, 18885550142 would be a mobile number) */
	{ "call 1-888-555-0142 today", "CN", "+18885550142", ST_PHONE_FORM_NANP },
	{ "call 1 (888) 555-0142.", "GB", "+18885550142", ST_PHONE_FORM_NANP },
	{ "call 1.888.555.0142", "DE", "+18885550142", ST_PHONE_FORM_NANP },
	/* Chinese mobile numbers group 3-4-4: not the NANP form */
	{ "call 139-1234-5678", "CN", "+8613912345678", ST_PHONE_FORM_NATIONAL },
};

START_TEST (test_form)
{
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);

	st_phone_find (
		phones, form_cases[_i].in, -1, form_cases[_i].region, ST_URLS_WHERE_TEXT, 1, 10);
	ck_assert_msg (phones->len == 1, "'%s' in %s: %u numbers", form_cases[_i].in,
		form_cases[_i].region, phones->len);
	const StPhone *p = phones->pdata[0];
	ck_assert_str_eq (p->e164, form_cases[_i].e164);
	ck_assert_msg (p->form == form_cases[_i].form, "'%s' in %s: %s, expected %s",
		form_cases[_i].in, form_cases[_i].region, st_phone_form_name (p->form),
		st_phone_form_name (form_cases[_i].form));
}
END_TEST

/* Only what the text offers as a phone number, and why: a phone word or
 * sign before it (on its line, or alone on the line before), or the
 * international form; never a date, an identifier, a number in a URL or a
 * conference's dial-in list. Read in @region; NULL why: none found. */
static const struct {
	const char *in;
	const char *region;
	const char *why;
} offered_cases[] = {
	{ "Call us on 0800 725 7282 today", "GB", "after \"call\"" },
	{ "please contact us immediately at 877-222-5488.", "US", "after \"contact\"" },
	{ "Toll Free: 844-333-1748", "US", "after \"toll free\"" },
	{ "Help Contact Line: 1 810 268-4073", "US", "after \"line\"" },
	{ "O: 952-945-4174", "US", "after \"o\"" },
	{ "Tel.: 030 12345678", "DE", "after \"tel\"" },
	{ "Telefon:\n030 12345678", "DE", "after \"telefon\"" },
	{ "Bel ons op 020 794 6095", "NL", "after \"bel\"" },
	{ "Appelez le 01 42 68 53 00", "FR", "after \"appelez\"" },
	{ "\xf0\x9f\x93\x9e Telefones: (31) 2552-4452", "BR", "after \"telefones\"" },
	{ "\xf0\x9f\x93\xb2 (31) 98258-4560", "BR", "after a telephone sign" },
	{ "Mob - 8383063372", "IN", "after \"mob\"" },
	{ "WHATSAPP: +18388781007", "US", "after \"whatsapp\"" },
	{ "Gedimino g. 45-7, Kaunas \xe2\x80\xa2 +4932213260060", "LT", "international form" },
	/* no word, no plus: not offered */
	{ "We sent 0800 725 7282 items", "GB", NULL },
	{ "(650) 253-0000", "US", NULL },
	/* a date in a phone's shape */
	{ "Call before 05-12-2025", "NL", NULL },
	{ "Tel abgelaufen am 03.04.2025.", "DE", NULL },
	/* an identifier's label closer than the phone word */
	{ "Call us about order 0800 725 7282", "GB", NULL },
	{ "Phone support, e-ticket: 1135929866", "BR", NULL },
	{ "QQ\xef\xbc\x9a3163745494", "CN", NULL },
	{ "USt-IdNr. +49 301 234 5678", "DE", NULL },
	/* in a URL */
	{ "call https://docs.zz/d/preview?7272802582", "US", NULL },
	/* a dial-in list */
	{ "Or call in (audio only)\n+1 213-279-1455,,123456789#", "US", NULL },
	{ "Phone Conference ID: 123 456 789#\nCall +1 213-279-1455", "US", NULL },
};

START_TEST (test_offered)
{
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	st_phone_find_offered (phones, offered_cases[_i].in, -1, offered_cases[_i].region,
		ST_URLS_WHERE_TEXT, 1, 10);
	if (offered_cases[_i].why == NULL) {
		ck_assert_msg (phones->len == 0, "'%s': found %s", offered_cases[_i].in,
			phones->len ? ((StPhone *)phones->pdata[0])->raw : "");
		return;
	}
	ck_assert_msg (phones->len == 1, "'%s': %u numbers", offered_cases[_i].in, phones->len);
	ck_assert_str_eq (((StPhone *)phones->pdata[0])->why, offered_cases[_i].why);
}
END_TEST

/* A tel: link offers its number, whatever is around it. */
START_TEST (test_tel)
{
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	st_phone_find_tel (phones, "+1-415-555-0123\n", "US", ST_URLS_WHERE_HTML_HREF, 1, 10);
	ck_assert_uint_eq (phones->len, 1);
	ck_assert_str_eq (((StPhone *)phones->pdata[0])->e164, "+14155550123");
	ck_assert_str_eq (((StPhone *)phones->pdata[0])->why, "a tel: link");
}
END_TEST

START_TEST (test_form_names)
{
	ck_assert_str_eq (st_phone_form_name (ST_PHONE_FORM_INTERNATIONAL), "international");
	ck_assert_str_eq (st_phone_form_name (ST_PHONE_FORM_IDD), "idd");
	ck_assert_str_eq (st_phone_form_name (ST_PHONE_FORM_COUNTRY_CODE), "country-code");
	ck_assert_str_eq (st_phone_form_name (ST_PHONE_FORM_NATIONAL), "national");
	ck_assert_str_eq (st_phone_form_name (ST_PHONE_FORM_NANP), "north-american");
}
END_TEST

/* A number already in the list only has its count raised, across calls. */
START_TEST (test_dedup_and_max)
{
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);

	st_phone_find (phones, "+1 650 253 0000", -1, "US", ST_URLS_WHERE_TEXT, 1, 10);
	st_phone_find (phones, "(650) 253-0000 and +44 20 7946 0958", -1, "US",
		ST_URLS_WHERE_HTML_TEXT, 2, 1);
	ck_assert_uint_eq (phones->len, 1);
	const StPhone *p = phones->pdata[0];
	ck_assert_uint_eq (p->count, 2);
	ck_assert_uint_eq (p->part, 1);
	ck_assert_int_eq (p->where, ST_URLS_WHERE_TEXT);
}
END_TEST

/* Megabytes of digits and separators finish quickly: the text is cut into
 * short candidate stretches and each distinct one is read once. */
START_TEST (test_hostile)
{
	static const char *const units[] = { "1", "1-", "+1 (650) 253-0000 ", "12345678 ", "+",
		"((((1" };
	g_autoptr (GPtrArray) phones =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	GString *s = g_string_new (NULL);
	gsize k = 0;

	while (s->len < 2 * 1024 * 1024)
		g_string_append (s, units[k++ % G_N_ELEMENTS (units)]);
	gint64 t0 = g_get_monotonic_time ();
	st_phone_find (phones, s->str, (gssize)s->len, "US", ST_URLS_WHERE_TEXT, 1, 256);
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;
	g_string_free (s, TRUE);
	ck_assert_msg (ms < 20000, "2 MB took %" G_GINT64_FORMAT " ms", ms);
}
END_TEST

static Suite *
phone_suite (void)
{
	Suite *s = suite_create ("phone");
	TCase *tc = tcase_create ("cases");

	tcase_add_loop_test (tc, test_cases, 0, G_N_ELEMENTS (cases));
	tcase_add_loop_test (tc, test_form, 0, G_N_ELEMENTS (form_cases));
	tcase_add_test (tc, test_form_names);
	tcase_add_loop_test (tc, test_offered, 0, G_N_ELEMENTS (offered_cases));
	tcase_add_test (tc, test_tel);
	tcase_add_test (tc, test_dedup_and_max);
	tcase_add_test (tc, test_hostile);
	tcase_set_timeout (tc, 120);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (phone_suite ());
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
