/* check_html.c - tests for html.c: the tags and attributes st_html_walk reports, st_html_render.
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

/* What a text browser shows: blocks break lines, white space collapses,
 * each link's number after its text, images' alt text, no script, style
 * or title; the targets listed once each, in order. */
static const struct {
	const char *html;
	const char *text;
	const char *links; /* "href=count|text;" for each link */
	const char *images;
} render_cases[] = {
	{ "<p>Dear <b>cus</b>tomer,</p><p>pay\n  now</p>", "Dear customer,\n\npay now\n", "", "" },
	{ "<a href=\"http://x.zz/\">Go</a> <a href='http://x.zz/'>again</a>", "Go [1] again [1]\n",
		"http://x.zz/=2|Go;", "" },
	/* an image as a link: its alt text, else [image] */
	{ "<a href=h1><img src=\"http://i.zz/a.png\" alt=\"Claim\"></a><a href=h2><img "
	  "src=//i.zz/b.png></a>",
		"[Claim] [1] [image] [2]\n", "h1=1|[Claim];h2=1|[image];",
		"http://i.zz/a.png;//i.zz/b.png;" },
	{ "<img src=x.png alt=\"Logo\"><img src=x.png>", "[Logo]\n", "", "x.png;" },
	/* not shown: script, style, title; references decoded, in hrefs too */
	{ "<title>T</title><script>a<b</script><style>p{}</style>x&amp;y<a "
	  "href=\"http://x.zz/?a=1&amp;b=2\">z</a>",
		"x&yz [1]\n", "http://x.zz/?a=1&b=2=1|z;", "" },
	/* lists, cells, breaks */
	{ "<ul><li>one<li>two</ul><table><tr><td>a<td>b<tr><td>c</table>x<br>y",
		"* one\n* two\n\na b\nc\n\nx\ny\n", "", "" },
	/* an unclosed link ends at the next one, or at the end */
	{ "<a href=a>one <a href=b>two", "one [1] two [2]\n", "a=1|one;b=1|two;", "" },
	/* fragments are no target */
	{ "<a href=#top>top</a>", "top\n", "", "" },
	{ "", "", "", "" },
};

START_TEST (test_render)
{
	g_autoptr (StHtmlView) v = st_html_render (render_cases[_i].html, -1);
	GString *links = g_string_new (NULL), *images = g_string_new (NULL);
	for (guint k = 0; k < v->links->len; k++) {
		const StHtmlLink *l = v->links->pdata[k];
		g_string_append_printf (links, "%s=%u|%s;", l->href, l->count, l->text);
	}
	for (guint k = 0; k < v->images->len; k++)
		g_string_append_printf (images, "%s;", (char *)v->images->pdata[k]);
	ck_assert_str_eq (v->text, render_cases[_i].text);
	ck_assert_str_eq (links->str, render_cases[_i].links);
	ck_assert_str_eq (images->str, render_cases[_i].images);
	g_string_free (links, TRUE);
	g_string_free (images, TRUE);
}
END_TEST

/* Hostile markup is linear: 200,000 nested elements, 100,000 links (past
 * ST_HTML_MAX_LINKS counted, not numbered), 140,000 unclosed <b>. */
START_TEST (test_render_hostile)
{
	GString *h = g_string_new (NULL);
	for (int k = 0; k < 200000; k++)
		g_string_append (h, "<div>");
	g_string_append (h, "deep");
	for (int k = 0; k < 100000; k++)
		g_string_append_printf (h, "<a href=http://l%d.zz/>w</a>", k);
	for (int k = 0; k < 140000; k++)
		g_string_append (h, "<b>");
	gint64 t0 = g_get_monotonic_time ();
	g_autoptr (StHtmlView) v = st_html_render (h->str, (gssize)h->len);
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;
	g_string_free (h, TRUE);
	ck_assert_msg (ms < 3000, "took %" G_GINT64_FORMAT " ms", ms);
	ck_assert (g_str_has_prefix (v->text, "deepw [1] w [2]"));
	ck_assert_uint_eq (v->links->len, ST_HTML_MAX_LINKS);
	ck_assert_uint_eq (v->more_links, 100000 - ST_HTML_MAX_LINKS);
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
	tcase_add_loop_test (tc, test_render, 0, G_N_ELEMENTS (render_cases));
	tcase_add_test (tc, test_render_hostile);
	tcase_add_test (tc, test_name_is);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
