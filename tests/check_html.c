/* check_html.c - tests for html.c: the tags and attributes st_html_walk reports.
 * WHATWG HTML section 13.1; the text and reference cases are in check_urls.c. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Each start tag as "name=value name=value;", what the walk reported. */
static void
record (const StHtmlAttr *attrs, guint n, gpointer data)
{
	GString *out = data;
	for (guint k = 0; k < n; k++)
		g_string_append_printf (out, "%s%.*s=%.*s", k > 0 ? " " : "", (int)attrs[k].namelen,
			attrs[k].name, (int)attrs[k].valuelen, attrs[k].value);
	g_string_append_c (out, ';');
}

static const struct {
	const char *html;
	const char *tags; /* what record() wrote */
	const char *text; /* what a reader sees */
} walk_cases[] = {
	{ "<a href=\"http://x.zz/\">go</a>", "href=http://x.zz/;", " go " },
	/* end tags report nothing; attributes without a value are left out */
	{ "<input disabled name=q>", "name=q;", " " },
	{ "<p class='a b' id=x>t</p>", "class=a b id=x;", " t " },
	/* references stay as written: the caller decodes */
	{ "<a href=\"&#104;ttp://x.zz/\">", "href=&#104;ttp://x.zz/;", " " },
	{ "<meta http-equiv=refresh content=\"0; url=http://x.zz/\">",
		"http-equiv=refresh content=0; url=http://x.zz/;", " " },
	/* inline elements are no space; comments and style sheets vanish (the
	 * <style> tags are spaces) */
	{ "exam<b>ple</b>.zz<!-- <a href=x> --><style>a.menu{}</style>!", ";;", "example.zz  !" },
	/* an unclosed quote runs to the end, as in browsers */
	{ "<a href=\"http://x.zz/ and more", "href=http://x.zz/ and more;", " " },
	/* "< " is text; "<d" opens a tag, unclosed, with no attributes */
	{ "a < b and c<d", ";", "a < b and c " },
	{ "", "", "" },
};

START_TEST (test_walk)
{
	GString *tags = g_string_new (NULL);
	const char *html = walk_cases[_i].html;
	GString *text = st_html_walk (html, strlen (html), record, tags);

	ck_assert_str_eq (tags->str, walk_cases[_i].tags);
	ck_assert_str_eq (text->str, walk_cases[_i].text);
	g_string_free (text, TRUE);
	g_string_free (tags, TRUE);
}
END_TEST

/* A tag of thousands of attributes reports the first ST_HTML_MAX_ATTRS. */
START_TEST (test_many_attributes)
{
	GString *html = g_string_new ("<a");
	for (int k = 0; k < 1000; k++)
		g_string_append_printf (html, " a%d=%d", k, k);
	g_string_append (html, ">");
	guint calls = 0, most = 0;
	GString *tags = g_string_new (NULL);
	GString *text = st_html_walk (html->str, html->len, record, tags);

	for (const char *p = tags->str; *p != '\0'; p++) {
		calls += *p == ';';
		most += *p == '=';
	}
	ck_assert_uint_eq (calls, 1);
	ck_assert_uint_eq (most, ST_HTML_MAX_ATTRS);
	ck_assert (g_str_has_suffix (tags->str, "a31=31;"));
	g_string_free (text, TRUE);
	g_string_free (tags, TRUE);
	g_string_free (html, TRUE);
}
END_TEST

START_TEST (test_name_is)
{
	ck_assert (st_html_name_is ("HREF", 4, "href"));
	ck_assert (!st_html_name_is ("hre", 3, "href"));
	ck_assert (!st_html_name_is ("hrefs", 5, "href"));
	ck_assert (st_html_looks_like ("\n <!DOCTYPE HTML>", -1));
	ck_assert (!st_html_looks_like ("<b>bold</b>", -1));
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("html");
	TCase *tc = tcase_create ("walk");
	tcase_add_loop_test (tc, test_walk, 0, G_N_ELEMENTS (walk_cases));
	tcase_add_test (tc, test_many_attributes);
	tcase_add_test (tc, test_name_is);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
