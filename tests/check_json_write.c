/* check_json_write.c - the JSON writer: commas and colons placed for the caller, strings escaped.
 * RFC 8259 sections 2, 7 and 8.1. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "json-write.h"

START_TEST (test_nesting)
{
	g_autoptr (GString) out = g_string_new (NULL);
	g_autoptr (GPtrArray) list = g_ptr_array_new ();
	StJson j;

	g_ptr_array_add (list, "a");
	g_ptr_array_add (list, "b");
	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_json_member_str (&j, "s", "x");
	st_json_member_int (&j, "n", -3);
	st_json_key (&j, "empty");
	st_json_begin_array (&j);
	st_json_end_array (&j);
	st_json_key (&j, "items");
	st_json_begin_array (&j);
	st_json_begin_object (&j);
	st_json_member_bool (&j, "t", TRUE);
	st_json_end_object (&j);
	st_json_begin_object (&j);
	st_json_end_object (&j);
	st_json_null (&j);
	st_json_str_or_null (&j, NULL);
	st_json_str_or_null (&j, "y");
	st_json_end_array (&j);
	st_json_key (&j, "list");
	st_json_str_array (&j, list);
	st_json_key (&j, "score");
	st_json_fixed (&j, 2.25, 1);
	st_json_key (&j, "raw");
	st_json_raw (&j, "{\"k\":1}");
	st_json_key (&j, "none");
	st_json_raw (&j, NULL);
	st_json_end_object (&j);
	ck_assert_str_eq (out->str,
		"{\"s\":\"x\",\"n\":-3,\"empty\":[],\"items\":[{\"t\":true},{},null,null,\"y\"],"
		"\"list\":[\"a\",\"b\"],\"score\":2.2,\"raw\":{\"k\":1},\"none\":null}");
}
END_TEST

/* Values at the top level, one after another, take no comma: each is a
 * document of its own. */
START_TEST (test_top_level)
{
	g_autoptr (GString) out = g_string_new (NULL);
	StJson j;

	st_json_init (&j, out);
	st_json_begin_array (&j);
	st_json_end_array (&j);
	st_json_begin_array (&j);
	st_json_uint (&j, 7);
	st_json_end_array (&j);
	ck_assert_str_eq (out->str, "[][7]");
}
END_TEST

START_TEST (test_escapes)
{
	g_autoptr (GString) out = g_string_new (NULL);

	st_json_string (out, "q\"b\\c\n\x01\x7f é \xff");
	ck_assert_str_eq (out->str, "\"q\\\"b\\\\c\\u000a\\u0001\\u007f é \\\\xFF\"");
	g_string_truncate (out, 0);
	st_json_string (out, NULL);
	ck_assert_str_eq (out->str, "\"\"");
}
END_TEST

static Suite *
json_write_suite (void)
{
	Suite *s = suite_create ("json-write");
	TCase *tc = tcase_create ("writer");

	tcase_add_test (tc, test_nesting);
	tcase_add_test (tc, test_top_level);
	tcase_add_test (tc, test_escapes);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (json_write_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
