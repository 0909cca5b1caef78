/* check_postal.c - which lines look like a postal address, and of which kind.
 * Addresses of public institutions and reserved or made-up ones, written by us. */
#include "config.h"

#include <check.h>

#include "postal.h"

static const struct {
	const char *line;
	const char *kind; /* NULL: not an address */
} cases[] = {
	/* the United States and the United Kingdom */
	{ "1600 Amphitheatre Pkwy, Mountain View, CA 94043", "us" },
	{ "Springfield, IL 62701-1234", "us" },
	{ "10 Downing Street, London SW1A 2AA", "uk" },
	{ "Manchester M1 1AE", "uk" },
	/* a code before the town: Germany, France, Italy, Spain; with prefixes */
	{ "10115 Berlin", "postcode-town" },
	{ "Musterweg 3, 80331 München", "postcode-town" },
	{ "75008 Paris", "postcode-town" },
	{ "F-75008 Paris", "postcode-town" },
	{ "Via del Corso, 00186 Roma", "postcode-town" },
	{ "CH-8001 Zürich", "postcode-town" },
	{ "A-1010 Wien", "postcode-town" },
	/* Canada, Australia, the Netherlands, Japan, Brazil, India */
	{ "Ottawa, ON K1A 0B1", "ca" },
	{ "Montréal, Québec H3B 4W8", "ca" },
	{ "Sydney NSW 2000", "au" },
	{ "Parliament House, Canberra ACT 2600", "au" },
	{ "1012 AB Amsterdam", "nl" },
	{ "Keizersgracht 123, 1015 CJ Amsterdam", "nl" }, /* the specific form first */
	{ "Postbus 1234, 1000 BE Amsterdam", "nl" },
	{ "\xe3\x80\x92"
	  "100-0001 東京都千代田区",
		"jp" },
	{ "CEP 01310-100", "br" },
	{ "Av. Paulista, 1000 - São Paulo - SP, 01310-100", "br" },
	{ "Connaught Place, New Delhi - 110001", "in" },
	{ "PIN: 560 001", "in" },
	/* boxes */
	{ "P.O. Box 4711, Springfield", "po-box" },
	{ "Postfach 10 20 30", "po-box" },
	{ "GPO Box 1234", "po-box" },
	{ "Caixa Postal 123", "po-box" },
	{ "Apartado de Correos 45", "po-box" },
	{ "PMB 301", "po-box" },
	/* streets */
	{ "123 Main Street", "street" },
	{ "Hauptstrasse 5", "street" },
	{ "Kerkstraat 12", "street" },
	{ "Storgatan 4", "street" },
	{ "12 rue de la Paix", "street" },
	{ "5 bis, avenue Victor Hugo", "street" },
	{ "Calle Mayor 5", "street" },
	{ "Via Roma 10", "street" },
	{ "Rua Augusta, 200", "street" },
	/* not addresses, though they have a number in an address's place */
	{ "We have 10000 Members already", NULL },
	{ "Nothing else here, 12345 items in stock.", NULL },
	{ "Get 1500 MB Storage free", NULL },
	{ "2000 GB Extra for you", NULL },
	{ "Order - 123456", NULL },
	{ "Invoice no. 100-0001 is due", NULL },
	{ "Call 555-0142 now", NULL },
	{ "------=_Part_1234_56789.1700000000000", NULL },
	{ "Sale ends 2026-12-01", NULL },
	{ "Ref 01310-100", NULL },
	{ "", NULL },
};

START_TEST (test_kind)
{
	g_autoptr (GPtrArray) found =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_postal_free);

	st_postal_find (found, cases[_i].line, -1, ST_URLS_WHERE_TEXT, 1, 10);
	if (cases[_i].kind == NULL) {
		ck_assert_msg (found->len == 0, "'%s' taken for an address (%s)", cases[_i].line,
			found->len > 0 ? st_postal_kind_name (((StPostal *)found->pdata[0])->kind)
				       : "");
		return;
	}
	ck_assert_msg (found->len == 1, "'%s' not found", cases[_i].line);
	ck_assert_str_eq (
		st_postal_kind_name (((StPostal *)found->pdata[0])->kind), cases[_i].kind);
}
END_TEST

/* A line once, counted; lines past the limit left out; long lines skipped. */
START_TEST (test_count_and_limits)
{
	g_autoptr (GPtrArray) found =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_postal_free);
	g_autofree char *long_line = g_strnfill (400, 'x');
	g_autofree char *text = g_strdup_printf (
		"10115 Berlin\n10115   Berlin\nSydney NSW 2000\n%s 10115 Berlin\n75008 Paris\n",
		long_line);

	st_postal_find (found, text, -1, ST_URLS_WHERE_TEXT, 1, 2);
	ck_assert_uint_eq (found->len, 2);
	ck_assert_str_eq (((StPostal *)found->pdata[0])->line, "10115 Berlin");
	ck_assert_uint_eq (((StPostal *)found->pdata[0])->count, 2);
	ck_assert_str_eq (((StPostal *)found->pdata[1])->line, "Sydney NSW 2000");
}
END_TEST

static Suite *
postal_suite (void)
{
	Suite *s = suite_create ("postal");
	TCase *tc = tcase_create ("lines");
	tcase_add_loop_test (tc, test_kind, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_count_and_limits);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (postal_suite ());
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? 0 : 1;
}
