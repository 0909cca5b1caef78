/* check_domain.c - the character classes of names and the one host-name validator.
 * RFC 1123 section 2.1, RFC 2181 section 11. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "domain.h"

/* Every byte: its class, and whether a one-character name of it is valid. */
START_TEST (test_every_byte)
{
	guchar c = (guchar)_i;
	guint want = g_ascii_isalnum (c) ? ST_DOMAIN_CHAR_LDH
		     : c == '-'          ? ST_DOMAIN_CHAR_HYPHEN
		     : c == '_'          ? ST_DOMAIN_CHAR_UNDERSCORE
		     : c == '.'          ? ST_DOMAIN_CHAR_DOT
					 : 0;
	char name[] = { 'a', (char)c, 'b', '\0' };

	ck_assert_uint_eq (st_domain_char (c), want);
	if (c == 0)
		return;
	ck_assert_int_eq (st_domain_name_valid (name, ST_DOMAIN_NAME_LDH),
		want == ST_DOMAIN_CHAR_LDH || want == ST_DOMAIN_CHAR_HYPHEN ||
			want == ST_DOMAIN_CHAR_DOT);
	ck_assert_int_eq (st_domain_name_valid (name, ST_DOMAIN_NAME_UNDERSCORE), want != 0);
	ck_assert_int_eq (st_domain_chars_only (name, ST_DOMAIN_CHAR_LDH), want == ST_DOMAIN_CHAR_LDH);
}
END_TEST

START_TEST (test_names)
{
	ck_assert (st_domain_name_valid ("mail.example.net", ST_DOMAIN_NAME_LDH));
	ck_assert (st_domain_name_valid ("mail.example.net.", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid ("-mail.example.net", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid ("mail-.example.net", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid ("mail..example.net", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid ("_dmarc.example.net", ST_DOMAIN_NAME_LDH));
	ck_assert (st_domain_name_valid ("_dmarc.example.net", ST_DOMAIN_NAME_UNDERSCORE));
	ck_assert (!st_domain_name_valid ("", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid (NULL, ST_DOMAIN_NAME_LDH));
}
END_TEST

static Suite *
domain_suite (void)
{
	Suite *s = suite_create ("domain");
	TCase *tc = tcase_create ("names");

	tcase_add_loop_test (tc, test_every_byte, 0, 256);
	tcase_add_test (tc, test_names);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (domain_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
