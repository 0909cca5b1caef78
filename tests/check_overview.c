/* check_overview.c - tests for lib/complaint/overview.c: the escaping every message string goes
 * through (all 256 bytes, invalid UTF-8), and a page made of hostile messages. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <gmime/gmime.h>

#include "overview.h"

#define FFFD "\xEF\xBF\xBD"

static char *
escaped (const char *text, gssize len)
{
	GString *out = g_string_new (NULL);
	st_overview_escape (out, text, len);
	return g_string_free (out, FALSE);
}

/* No markup can come out of any input: not one of these bytes raw, and
 * every '&' starts one of our references. */
static void
assert_inert (const char *out)
{
	ck_assert_msg (g_utf8_validate (out, -1, NULL), "not UTF-8: %s", out);
	ck_assert (strpbrk (out, "<>\"'") == NULL);
	for (const char *p = strchr (out, '&'); p != NULL; p = strchr (p + 1, '&'))
		ck_assert_msg (g_str_has_prefix (p, "&amp;") || g_str_has_prefix (p, "&lt;") ||
				       g_str_has_prefix (p, "&gt;") ||
				       g_str_has_prefix (p, "&quot;") ||
				       g_str_has_prefix (p, "&#39;"),
			"%s", out);
	for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar u = g_utf8_get_char (p);
		ck_assert_msg ((u >= 0x20 && u != 0x7f && (u < 0x80 || u > 0x9f)) || u == '\t' ||
				       u == '\n' || u == '\r',
			"control U+%04X in %s", u, out);
	}
}

/* every byte alone: what it must become */
START_TEST (test_escape_byte)
{
	char in = (char)_i;
	g_autofree char *out = escaped (&in, 1);
	const char *want;
	char self[2] = { (char)_i, '\0' };

	switch (_i) {
	case '&':
		want = "&amp;";
		break;
	case '<':
		want = "&lt;";
		break;
	case '>':
		want = "&gt;";
		break;
	case '"':
		want = "&quot;";
		break;
	case '\'':
		want = "&#39;";
		break;
	case '\t':
	case '\n':
	case '\r':
		want = self;
		break;
	default:
		want = _i >= 0x20 && _i < 0x7f ? self : FFFD;
	}
	ck_assert_msg (g_str_equal (out, want), "byte 0x%02x gave '%s'", _i, out);
	assert_inert (out);
}
END_TEST

/* every pair of bytes: inert whatever they are */
START_TEST (test_escape_pairs)
{
	for (guint a = 0; a < 256; a++)
		for (guint b = 0; b < 256; b++) {
			char in[2] = { (char)a, (char)b };
			g_autofree char *out = escaped (in, 2);
			assert_inert (out);
		}
}
END_TEST

static const struct {
	const char *in;
	gssize len;
	const char *want;
} utf8_cases[] = {
	{ "caf\xC3\xA9 \xE2\x82\xAC", -1, "caf\xC3\xA9 \xE2\x82\xAC" },
	{ "\xF4\x8F\xBF\xBF", -1, "\xF4\x8F\xBF\xBF" },  /* U+10FFFF */
	{ "\xC0\xAF", -1, FFFD FFFD },                   /* overlong '/' */
	{ "\xE0\x80\xBC", -1, FFFD FFFD FFFD },          /* overlong '<' */
	{ "\xED\xA0\x80", -1, FFFD FFFD FFFD },          /* a surrogate */
	{ "\xF4\x90\x80\x80", -1, FFFD FFFD FFFD FFFD }, /* past U+10FFFF */
	{ "\xE2\x82", -1, FFFD FFFD },                   /* cut short */
	{ "\xE2\x82<", -1, FFFD FFFD "&lt;" },           /* cut short by markup */
	{ "\xC2\x85", -1, FFFD },                        /* C1 NEL */
	{ "\xC2\x9F\xC2\xA0", -1, FFFD "\xC2\xA0" },     /* last C1, then NBSP */
	{ "a\0<b", 4, "a" FFFD "&lt;b" },                /* NUL inside */
	{ "\"><img src=x onerror=alert(1)>", -1, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" },
	{ "\xE2\x80\xAE"
	  "evil",
		-1,
		"\xE2\x80\xAE"
		"evil" }, /* RLO: kept, isolated by <bdi> */
};

START_TEST (test_escape_utf8)
{
	g_autofree char *out = escaped (utf8_cases[_i].in, utf8_cases[_i].len);
	ck_assert_msg (g_str_equal (out, utf8_cases[_i].want), "case %d gave '%s'", _i, out);
	assert_inert (out);
}
END_TEST

#define OURS                                                                                       \
	"Received: from mail.home.zz (mail.home.zz [10.0.0.2]) by mbox.home.zz (Postfix) with "    \
	"ESMTP id 1; Tue, 3 Sep 2024 10:00:05 +0200\n"
#define ORIGIN                                                                                     \
	"Received: from relay.isp-one.zz (relay.isp-one.zz [45.61.137.3]) by mail.home.zz "        \
	"(Postfix) with ESMTP id 2; Tue, 3 Sep 2024 10:00:04 +0200\n"

static const char *const hostile[] = {
	OURS ORIGIN "Subject: <script>alert(1)</script>\n\nhttp://www.pills-shop.click/\n",
	OURS ORIGIN "Subject: \"><img src=x onerror=alert(1)>\n"
		    "Received: from x (<svg onload=alert(1)> [45.61.137.9]) by "
		    "\"><script>evil()</script> with SMTP id 3; Tue, 3 Sep 2024 10:00:00 +0200\n\n",
	OURS "Received: from y (y.zz [46.1.2.3]) by mail.home.zz (Postfix) with ESMTP id 4; Tue, 3 "
	     "Sep 2024 11:00:04 +0200\nSubject: =?UTF-8?B?PHNjcmlwdD54PC9zY3JpcHQ+?=\n\n",
};

/* markup in any message string is text; the counts add up */
START_TEST (test_page)
{
	g_autoptr (StOverview) o = st_overview_new (1796083200);
	for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++) {
		g_autoptr (StAnalysis) a =
			st_analysis_run (hostile[i], strlen (hostile[i]), FALSE, NULL);
		g_autoptr (StBody) body = st_body_parse (hostile[i], strlen (hostile[i]), "US");
		st_overview_add (o, "<b>name</b>", a, body, NULL);
	}
	g_autoptr (GPtrArray) drafted = g_ptr_array_new ();
	gsize len = 0;
	g_autofree char *page = st_overview_render (o, drafted, NULL, &len);
	ck_assert_uint_eq (len, strlen (page));
	ck_assert (g_utf8_validate (page, -1, NULL));
	/* our own markup has no script, no img, no event handler, no URL */
	ck_assert (strstr (page, "<script") == NULL);
	ck_assert (strstr (page, "<img") == NULL);
	ck_assert (strstr (page, "<svg onload") == NULL);
	ck_assert (strstr (page, "<b>") == NULL);
	ck_assert (strstr (page, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	ck_assert (strstr (page, "&lt;script&gt;x&lt;/script&gt;") != NULL);
	ck_assert (strstr (page, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != NULL);
	ck_assert (strstr (page, "default-src 'none'") != NULL);
	/* no URL of a message is a link, or loaded */
	ck_assert (strstr (page, "pills-shop.click/") == NULL);
	ck_assert (strstr (page, "<td id=\"n-messages\">3</td>") != NULL);
	ck_assert (strstr (page, "<th scope=\"row\">45.61.137.3</th><td>2</td>") != NULL);
	ck_assert (strstr (page, "<th scope=\"row\">46.1.2.3</th><td>1</td>") != NULL);
	ck_assert (strstr (page, "<th scope=\"row\">unknown</th><td>3</td>") != NULL);
	ck_assert (strstr (page, "<th scope=\"row\">pills-shop.click</th><td>1</td>") != NULL);
	ck_assert (strstr (page, "<span id=\"n-drafted\">0</span>") != NULL);
	/* the trust boundary is drawn under each origin */
	g_auto (GStrv) parts = g_strsplit (page, "class=\"boundary\"", -1);
	ck_assert_uint_eq (g_strv_length (parts) - 1, 3);
}
END_TEST

/* the registry unreadable: the page says so, and why */
START_TEST (test_page_no_registry)
{
	g_autoptr (StOverview) o = st_overview_new (1796083200);
	g_autofree char *page = st_overview_render (o, NULL, "disk <on> fire", NULL);
	ck_assert (
		strstr (page, "Unknown: the registry could not be read (disk &lt;on&gt; fire)") !=
		NULL);
	ck_assert (strstr (page, "<td id=\"n-messages\">0</td>") != NULL);
}
END_TEST

int
main (void)
{
	g_mime_init ();
	Suite *s = suite_create ("overview");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_escape_byte, 0, 256);
	tcase_add_test (tc, test_escape_pairs);
	tcase_add_loop_test (tc, test_escape_utf8, 0, G_N_ELEMENTS (utf8_cases));
	tcase_add_test (tc, test_page);
	tcase_add_test (tc, test_page_no_registry);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? 0 : 1;
}
