/* check_body.c - tests for body.c: the contacts in every text part of a message, as JSON.
 * RFC 2045 section 6, RFC 2046 sections 4.1.2 and 5; golden files in tests/data/body. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "body.h"
#include "gmime-autoptr.h"
#include "phone.h"
#include "postal.h"

static char *
data_path (const char *name)
{
	const char *top = g_getenv ("top_srcdir");
	return g_build_filename (top != NULL ? top : ".", "tests", "data", "body", name, NULL);
}

/* ---- golden files: <case>.eml parsed with no region gives <case>.expected */

static const char *const golden[] = {
	"alternative",   /* multipart/alternative, QP text, base64 HTML, Reply-To, shortener */
	"charsets",      /* ISO-8859-1 and KOI8-R parts, IDN hosts, a German phone number */
	"nested",        /* message/rfc822 inside, a PDF and a named text attachment not read */
	"postal",        /* US, UK, German, P.O. Box and street lines */
	"html-as-plain", /* HTML labelled text/plain */
	"spamassassin-spam-004", /* real spam: HTML without transfer decoding, 1-888 number */
	"spamassassin-spam-009", /* real spam: hosts written as decimal and hex numbers */
};

START_TEST (test_golden)
{
	g_autofree char *name = g_strconcat (golden[_i], ".eml", NULL);
	g_autofree char *expected_name = g_strconcat (golden[_i], ".expected", NULL);
	g_autofree char *path = data_path (name);
	g_autofree char *expected_path = data_path (expected_name);
	g_autofree char *data = NULL, *expected = NULL;
	gsize len = 0;

	ck_assert (g_file_get_contents (path, &data, &len, NULL));
	ck_assert (g_file_get_contents (expected_path, &expected, NULL, NULL));
	g_strchomp (expected);
	g_autoptr (StBody) body = st_body_parse (data, len, NULL);
	g_autofree char *json = st_body_to_json (body);
	ck_assert_str_eq (json, expected);
}
END_TEST

/* ---- what the golden files show, asserted one fact at a time ---------- */

static StBody *
parse_file (const char *name, const char *region)
{
	g_autofree char *path = data_path (name);
	g_autofree char *data = NULL;
	gsize len = 0;

	ck_assert (g_file_get_contents (path, &data, &len, NULL));
	return st_body_parse (data, len, region);
}

static const StEmail *
find_email (const StBody *b, const char *address)
{
	for (guint k = 0; k < b->urls->emails->len; k++)
		if (strcmp (((StEmail *)b->urls->emails->pdata[k])->address, address) == 0)
			return b->urls->emails->pdata[k];
	return NULL;
}

static const StUrl *
find_url (const StBody *b, const char *url)
{
	for (guint k = 0; k < b->urls->urls->len; k++)
		if (strcmp (((StUrl *)b->urls->urls->pdata[k])->url, url) == 0)
			return b->urls->urls->pdata[k];
	return NULL;
}

START_TEST (test_reply_to_and_parts)
{
	g_autoptr (StBody) b = parse_file ("alternative.eml", NULL);

	const StEmail *r = find_email (b, "orders@reply.example.net");
	ck_assert_ptr_nonnull (r);
	ck_assert_uint_eq (r->flags, ST_EMAIL_REPLY_TO);
	ck_assert_int_eq (r->where, ST_URLS_WHERE_HEADER);
	const StEmail *o = find_email (b, "orders@pills-shop.biz");
	ck_assert_ptr_nonnull (o);
	ck_assert_uint_eq (o->flags, ST_EMAIL_OBFUSCATED);
	const StUrl *s = find_url (b, "https://bit.ly/3sPamX");
	ck_assert_ptr_nonnull (s);
	ck_assert_uint_eq (s->part, 1);  /* the text part comes first */
	ck_assert_uint_eq (s->count, 2); /* and the HTML part has it too */
	ck_assert_ptr_nonnull (find_url (b, "http://198.51.100.23/cgi-bin/order.cgi"));
	ck_assert_uint_eq (b->text_parts, 2);
	ck_assert_uint_eq (b->issues, 0);
	/* no country-code domain in it, so national numbers are read as US ones */
	ck_assert_str_eq (b->region, "US");
	ck_assert_uint_eq (b->phones->len, 0);
}
END_TEST

START_TEST (test_region_parameter)
{
	g_autoptr (StBody) b = parse_file ("alternative.eml", "GB");

	ck_assert_str_eq (b->region, "GB");
	ck_assert_uint_eq (b->phones->len, 1);
	const StPhone *p = b->phones->pdata[0];
	ck_assert_str_eq (p->e164, "+442079460958");
	ck_assert_str_eq (p->description, "London");
	ck_assert_uint_eq (p->count, 2);
}
END_TEST

/* ---- the region national numbers are read in: each kind of clue, and
 * which wins. Strongest first: the ccTLDs of the body's URLs and mailboxes,
 * then of From: and Reply-To:, then Content-Language, then a charset made
 * for one country; a weaker kind only breaks ties of the stronger ones. */

#define TEXT_PART "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n"
#define CALL "\nCall 030 12345678 or 020 7946 0958 or (650) 253-0000.\n"

static const struct {
	const char *name;
	const char *msg;
	const char *region;
	const char *reason;
	const char *e164; /* the national number read in that region, or NULL */
} region_cases[] = {
	{ "no clue", "Subject: s\n" TEXT_PART CALL, "US", "no clue in the message; US assumed",
		"+16502530000" },
	{ "a URL under .de", "Subject: s\n" TEXT_PART "\nhttp://shop.de/x" CALL, "DE",
		"1 URL or mailbox under .de", "+493012345678" },
	{ "a mailbox under .uk: ISO 3166 calls it GB",
		"Subject: s\n" TEXT_PART "\nsales@shop.co.uk" CALL, "GB",
		"1 URL or mailbox under .uk", "+442079460958" },
	{ "more URLs win", "Subject: s\n" TEXT_PART "\nhttp://a.at/ http://b.de/ http://c.de/" CALL,
		"DE", "2 URLs or mailboxes under .de", "+493012345678" },
	{ "a ccTLD sold as a generic name is no clue",
		"Subject: s\n" TEXT_PART "\nhttp://shop.io/ http://x.ly/ http://y.co/" CALL, "US",
		"no clue in the message; US assumed", "+16502530000" },
	{ "a ccTLD libphonenumber has no numbers for is no clue",
		"Subject: s\n" TEXT_PART "\nhttp://shop.zz/" CALL, "US",
		"no clue in the message; US assumed", "+16502530000" },
	{ "a URL in the Subject counts as the body's",
		"Subject: see www.shop.de now\n" TEXT_PART CALL, "DE", "1 URL or mailbox under .de",
		"+493012345678" },
	{ "From:", "From: a@bank.de\nSubject: s\n" TEXT_PART CALL, "DE", "From: under .de",
		"+493012345678" },
	{ "Reply-To:", "Reply-To: a@shop.co.uk\nSubject: s\n" TEXT_PART CALL, "GB",
		"Reply-To: under .uk", "+442079460958" },
	{ "From: and Reply-To:",
		"From: a@bank.de\nReply-To: b@shop.de\nSubject: s\n" TEXT_PART CALL, "DE",
		"From: and Reply-To: under .de", "+493012345678" },
	{ "Reply-To: also in the body counts there too",
		"Reply-To: b@shop.de\nSubject: s\n" TEXT_PART "\nwrite to b@shop.de" CALL, "DE",
		"1 URL or mailbox under .de, Reply-To: under .de", "+493012345678" },
	{ "the body beats From:",
		"From: a@bank.co.uk\nSubject: s\n" TEXT_PART "\nhttp://shop.de/" CALL, "DE",
		"1 URL or mailbox under .de", "+493012345678" },
	{ "From: breaks the body's tie",
		"From: a@bank.co.uk\nSubject: s\n" TEXT_PART
		"\nhttp://shop.de/ http://shop.co.uk/" CALL,
		"GB", "1 URL or mailbox under .uk, From: under .uk", "+442079460958" },
	{ "a tie on every kind goes to the first seen",
		"Subject: s\n" TEXT_PART "\nhttp://shop.de/ http://shop.co.uk/" CALL, "DE",
		"1 URL or mailbox under .de; as many clues for 1 other region, this one was seen "
		"first",
		"+493012345678" },
	{ "Content-Language with a region", "Content-Language: de-AT\nSubject: s\n" TEXT_PART CALL,
		"AT", "Content-Language de-AT", NULL },
	{ "Content-Language with a script and a region",
		"Content-Language: zh-Hant-TW\nSubject: s\n" TEXT_PART CALL, "TW",
		"Content-Language zh-TW", NULL },
	{ "Content-Language of one country", "Content-Language: DE\nSubject: s\n" TEXT_PART CALL,
		"DE", "Content-Language de", "+493012345678" },
	{ "Content-Language of many countries is no clue",
		"Content-Language: en, es, pt\nSubject: s\n" TEXT_PART CALL, "US",
		"no clue in the message; US assumed", "+16502530000" },
	{ "Content-Language en-GB", "Content-Language: en-GB\nSubject: s\n" TEXT_PART CALL, "GB",
		"Content-Language en-GB", "+442079460958" },
	{ "Content-Language of a text part",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
		"Content-Type: text/plain\nContent-Language: ja\n\nhello\n--b--\n",
		"JP", "Content-Language ja", NULL },
	{ "From: beats Content-Language",
		"From: a@bank.co.uk\nContent-Language: de\nSubject: s\n" TEXT_PART CALL, "GB",
		"From: under .uk", "+442079460958" },
	{ "Content-Language beats a charset",
		"Content-Language: de\nSubject: s\nMIME-Version: 1.0\nContent-Type: text/plain; "
		"charset=koi8-r\n" CALL,
		"DE", "Content-Language de", "+493012345678" },
	{ "a charset breaks Content-Language's tie",
		"Content-Language: ru, uk\nSubject: s\nMIME-Version: 1.0\nContent-Type: "
		"text/plain; "
		"charset=koi8-u\n" CALL,
		"UA", "Content-Language uk, charset koi8-u", NULL },
	{ "a tie of Content-Language goes to the first",
		"Content-Language: fr, de\nSubject: s\n" TEXT_PART CALL, "FR",
		"Content-Language fr; as many clues for 1 other region, this one was seen first",
		NULL },
	{ "charset iso-2022-jp",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; "
		"charset=ISO-2022-JP\n" CALL,
		"JP", "charset iso-2022-jp", NULL },
	{ "charset shift_jis",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; "
		"charset=\"Shift_JIS\"\n" CALL,
		"JP", "charset shift_jis", NULL },
	{ "charset euc-kr",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=euc-kr\n" CALL,
		"KR", "charset euc-kr", NULL },
	{ "charset ks_c_5601-1987",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; "
		"charset=ks_c_5601-1987\n" CALL,
		"KR", "charset ks_c_5601-1987", NULL },
	{ "charset gb2312",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=gb2312\n" CALL,
		"CN", "charset gb2312", NULL },
	{ "charset big5",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=big5\n" CALL,
		"TW", "charset big5", NULL },
	{ "charset koi8-u",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=koi8-u\n" CALL,
		"UA", "charset koi8-u", NULL },
	{ "windows-1251 is written in many countries: no clue",
		"Subject: s\nMIME-Version: 1.0\nContent-Type: text/plain; "
		"charset=windows-1251\n" CALL,
		"US", "no clue in the message; US assumed", "+16502530000" },
	{ "the Date: zone is no clue",
		"Date: Tue, 3 Sep 2024 10:00:00 +0900\nSubject: s\n" TEXT_PART CALL, "US",
		"no clue in the message; US assumed", "+16502530000" },
	{ "garbage language tags are no clue",
		"Content-Language: x-klingon, 12-34, -, de-\xff, , i-default, \"fr\"\nSubject: "
		"s\n" TEXT_PART CALL,
		"US", "no clue in the message; US assumed", "+16502530000" },
	{ "not MIME: the URLs only", "\x01\x02 not a header\n\nhttp://shop.de/" CALL, "DE",
		"1 URL or mailbox under .de", "+493012345678" },
};

START_TEST (test_region_guess)
{
	const char *msg = region_cases[_i].msg;
	g_autoptr (StBody) b = st_body_parse (msg, strlen (msg), NULL);

	ck_assert_msg (g_str_equal (b->region, region_cases[_i].region), "%s: region %s, want %s",
		region_cases[_i].name, b->region, region_cases[_i].region);
	ck_assert_msg (g_str_equal (b->region_reason, region_cases[_i].reason),
		"%s: reason '%s', want '%s'", region_cases[_i].name, b->region_reason,
		region_cases[_i].reason);
	ck_assert (b->region_guessed);
	if (region_cases[_i].e164 != NULL) {
		gboolean found = FALSE;
		for (guint k = 0; k < b->phones->len; k++)
			found |= g_str_equal (
				((StPhone *)b->phones->pdata[k])->e164, region_cases[_i].e164);
		ck_assert_msg (
			found, "%s: %s not read", region_cases[_i].name, region_cases[_i].e164);
	}
}
END_TEST

/* A header of thousands of tags is read for its first few only. */
START_TEST (test_region_hostile_language)
{
	GString *m = g_string_new ("Content-Language: ");
	for (int k = 0; k < 100000; k++)
		g_string_append (m, "en, ");
	g_string_append (m, "de\nSubject: s\n" TEXT_PART CALL);
	gint64 t0 = g_get_monotonic_time ();
	g_autoptr (StBody) b = st_body_parse (m->str, m->len, NULL);
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;
	g_string_free (m, TRUE);
	ck_assert_str_eq (b->region, "US");
	ck_assert_msg (ms < 10000, "took %" G_GINT64_FORMAT " ms", ms);
}
END_TEST

START_TEST (test_region_named)
{
	static const char msg[] = "From: a@bank.de\nSubject: s\n" TEXT_PART CALL;
	g_autoptr (StBody) b = st_body_parse (msg, strlen (msg), "GB");

	ck_assert_str_eq (b->region, "GB");
	ck_assert (!b->region_guessed);
	ck_assert_str_eq (b->region_reason, "named by the caller, not guessed");
	g_autofree char *json = st_body_to_json (b);
	ck_assert_ptr_nonnull (
		strstr (json, "\"region\":\"GB\",\"region_reason\":\"named by the caller, not "
			      "guessed\",\"region_guessed\":false,"));
}
END_TEST

START_TEST (test_attachments_not_read)
{
	g_autoptr (StBody) b = parse_file ("nested.eml", NULL);

	ck_assert_ptr_null (find_url (b, "http://inside-pdf.example.com/"));
	ck_assert_ptr_null (find_url (b, "http://in-attachment.example.com/"));
	ck_assert_ptr_nonnull (find_url (b, "http://inner-offer.example.com/x"));
	ck_assert_uint_eq (b->attachments->len, 2);
	const StBodyAttachment *a = b->attachments->pdata[0];
	ck_assert_str_eq (a->filename, "invoice.pdf");
	ck_assert_str_eq (a->content_type, "application/pdf");
	/* only the outer Reply-To counts: the forwarded message's is not ours */
	ck_assert_ptr_null (find_email (b, "inner-reply@inner.example.com"));
}
END_TEST

/* ---- hostile structure ------------------------------------------------- */

static char *
nested_multipart (guint depth)
{
	GString *s = g_string_new ("From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n"
				   "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
	for (guint k = 0; k < depth; k++)
		g_string_append_printf (
			s, "--b%u\nContent-Type: multipart/mixed; boundary=\"b%u\"\n\n", k, k + 1);
	g_string_append_printf (
		s, "--b%u\nContent-Type: text/plain\n\nhttp://deep.example.com/\n", depth);
	for (guint k = depth + 1; k-- > 0;)
		g_string_append_printf (s, "--b%u--\n", k);
	return g_string_free (s, FALSE);
}

static char *
nested_messages (guint depth)
{
	GString *s = g_string_new (NULL);
	for (guint k = 0; k < depth; k++)
		g_string_append (s,
			"From: a@example.com\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n");
	g_string_append (s, "From: z@example.com\nSubject: z\n\nhttp://deepest.example.com/\n");
	return g_string_free (s, FALSE);
}

/* depth, multipart or message/rfc822, whether the innermost URL is found,
 * the issues expected */
static const struct {
	guint depth;
	gboolean messages;
	gboolean found;
	guint issues;
} deep_cases[] = {
	{ 3, FALSE, TRUE, 0 },
	{ 3, TRUE, TRUE, 0 },
	{ ST_BODY_MAX_DEPTH - 1, FALSE, TRUE, 0 },
	{ 1000, FALSE, FALSE, ST_BODY_DEPTH_LIMIT },
	{ 1000, TRUE, FALSE, ST_BODY_DEPTH_LIMIT },
	{ 20000, TRUE, FALSE, ST_BODY_DEPTH_LIMIT },
	/* too many boundaries for GMime's parser: read as text, where the
	 * URL is still found */
	{ 10000, FALSE, TRUE, ST_BODY_DEPTH_LIMIT | ST_BODY_NOT_MIME },
};

START_TEST (test_deep)
{
	g_autofree char *m = deep_cases[_i].messages ? nested_messages (deep_cases[_i].depth)
						     : nested_multipart (deep_cases[_i].depth);
	gint64 t0 = g_get_monotonic_time ();
	g_autoptr (StBody) b = st_body_parse (m, strlen (m), NULL);
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;

	const char *url = deep_cases[_i].messages ? "http://deepest.example.com/"
						  : "http://deep.example.com/";
	ck_assert_int_eq (find_url (b, url) != NULL, deep_cases[_i].found);
	ck_assert_uint_eq (b->issues, deep_cases[_i].issues);
	ck_assert_msg (
		ms < 30000, "depth %u took %" G_GINT64_FORMAT " ms", deep_cases[_i].depth, ms);
}
END_TEST

START_TEST (test_size_limit)
{
	/* base64 of more text than we read: the URL at the end is dropped */
	gsize n = ST_BODY_MAX_TEXT + 4096;
	char *text = g_malloc (n + 64);
	for (gsize k = 0; k < n; k++)
		text[k] = (k % 64 == 63) ? '\n' : 'a';
	strcpy (text + n, "\nhttp://after-the-limit.example.com/\n");
	g_autofree char *b64 = g_base64_encode ((const guchar *)text, strlen (text));
	g_free (text);
	g_autofree char *m =
		g_strconcat ("From: a@example.com\nMIME-Version: 1.0\n"
			     "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n",
			b64, "\n", NULL);

	g_autoptr (StBody) b = st_body_parse (m, strlen (m), NULL);
	ck_assert_uint_eq (b->issues, ST_BODY_SIZE_LIMIT);
	ck_assert_ptr_null (find_url (b, "http://after-the-limit.example.com/"));
}
END_TEST

/* 5 MB of hostile HTML in one part: thousands of distinct links,
 * unclosed tags, references, obfuscations, a phone number and an address
 * line repeated. It must finish in bounded time with the item limit hit. */
START_TEST (test_hostile_html)
{
	static const char *const units[] = {
		"<<<<<<<<<<<<<<<<<<<<",
		"hxxp://a[.]b[.]c dot dot dot ",
		"&#104;&amp;&#x74;&#104;&amp;&#x74;",
		"x@x@x@x@x@x@x@x@x@",
		"www.www.www.www.",
		"<!-- c -->\n<p>Visit 123 Main Street, Springfield, IL 62701</p>\n",
		"<td style=\"x\">((((",
		"lorem ipsum call 1-800-555-0199 now\n",
	};
	GString *s = g_string_new (
		"From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/html\n\n");
	guint k = 0;

	while (s->len < 5 * 1024 * 1024) {
		if (k % 2 == 0)
			g_string_append_printf (
				s, "<a href=\"http://h%u.example.com/%u\">x</a>", k, k);
		else
			g_string_append (s, units[(k / 2) % G_N_ELEMENTS (units)]);
		k++;
	}
	gint64 t0 = g_get_monotonic_time ();
	g_autoptr (StBody) b = st_body_parse (s->str, s->len, "US");
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;
	g_string_free (s, TRUE);

	ck_assert_uint_eq (b->issues, ST_BODY_ITEMS_LIMIT);
	ck_assert_uint_eq (b->urls->urls->len + b->urls->emails->len, ST_URLS_MAX_ITEMS);
	ck_assert_uint_eq (b->phones->len, 1);
	ck_assert_str_eq (((StPhone *)b->phones->pdata[0])->e164, "+18005550199");
	ck_assert_uint_eq (b->addresses->len, 1);
	ck_assert_str_eq (((StPostal *)b->addresses->pdata[0])->line,
		"Visit 123 Main Street, Springfield, IL 62701");
	ck_assert_msg (ms < 60000, "5 MB of hostile HTML took %" G_GINT64_FORMAT " ms", ms);
}
END_TEST

/* A string literal and its length, NULs included. */
#define S(lit) lit, sizeof (lit) - 1

/* Not a message at all, or a broken one: never a crash, always JSON. */
static const struct {
	const char *data;
	gsize len;
	guint urls;
} garbage_cases[] = {
	{ S (""), 0 },
	{ S ("\0\0\0\0"), 0 },
	{ S ("no headers at all, just www.example.com"), 1 },
	{ S ("\xff\xfe\x00h\x00t\x00t\x00p"), 0 },
	{ S ("Content-Type: multipart/mixed; boundary=x\n\n--x\n--x--\n--x"), 0 },
	{ S ("Content-Type: text/plain; charset=no-such-charset\n\nhttp://example.com/\xff\n"), 1 },
	{ S ("Content-Transfer-Encoding: base64\n\n!!!!===="), 0 },
	{ S ("Content-Type: message/rfc822\n\n"), 0 },
};

START_TEST (test_garbage)
{
	g_autoptr (StBody) b = st_body_parse (garbage_cases[_i].data, garbage_cases[_i].len, NULL);
	ck_assert_uint_eq (b->urls->urls->len, garbage_cases[_i].urls);
	g_autofree char *json = st_body_to_json (b);
	ck_assert (g_utf8_validate (json, -1, NULL));
	ck_assert (g_str_has_prefix (json, "{\"urls\":["));
}
END_TEST

/* ---- JSON ---------------------------------------------------------------- */

/* A small RFC 8259 validator: enough to prove the output parses. */
static gboolean json_value (const char **p, int depth);

static void
json_ws (const char **p)
{
	while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
		(*p)++;
}

static gboolean
json_string (const char **p)
{
	if (**p != '"')
		return FALSE;
	for ((*p)++; **p != '"'; (*p)++) {
		if ((guchar) * *p < 0x20)
			return FALSE;
		if (**p == '\\') {
			(*p)++;
			if (**p == 'u') {
				for (int k = 1; k <= 4; k++)
					if (!g_ascii_isxdigit ((*p)[k]))
						return FALSE;
				*p += 4;
			} else if (strchr ("\"\\/bfnrt", **p) == NULL || **p == '\0') {
				return FALSE;
			}
		}
	}
	(*p)++;
	return TRUE;
}

static gboolean
json_value (const char **p, int depth)
{
	json_ws (p);
	if (depth > 64)
		return FALSE;
	if (**p == '{' || **p == '[') {
		char close = **p == '{' ? '}' : ']';
		gboolean object = **p == '{';
		(*p)++;
		json_ws (p);
		if (**p == close) {
			(*p)++;
			return TRUE;
		}
		for (;;) {
			if (object) {
				json_ws (p);
				if (!json_string (p))
					return FALSE;
				json_ws (p);
				if (*(*p)++ != ':')
					return FALSE;
			}
			if (!json_value (p, depth + 1))
				return FALSE;
			json_ws (p);
			if (**p == ',') {
				(*p)++;
				continue;
			}
			if (**p != close)
				return FALSE;
			(*p)++;
			return TRUE;
		}
	}
	if (**p == '"')
		return json_string (p);
	if (g_str_has_prefix (*p, "null") || g_str_has_prefix (*p, "true")) {
		*p += 4;
		return TRUE;
	}
	if (g_str_has_prefix (*p, "false")) {
		*p += 5;
		return TRUE;
	}
	const char *start = *p;
	if (**p == '-')
		(*p)++;
	while (g_ascii_isdigit (**p))
		(*p)++;
	return *p > start;
}

static gboolean
json_valid (const char *s)
{
	const char *p = s;
	if (!g_utf8_validate (s, -1, NULL) || !json_value (&p, 0))
		return FALSE;
	json_ws (&p);
	return *p == '\0';
}

START_TEST (test_json_validator)
{
	/* the validator itself must tell good from bad, or the corpus test
	 * below proves nothing */
	ck_assert (json_valid ("{\"a\":[1,-2,\"x\\u0041\",null,true,false,{}],\"b\":{}}"));
	ck_assert (!json_valid ("{\"a\":}"));
	ck_assert (!json_valid ("{\"a\":1,}"));
	ck_assert (!json_valid ("[\"\x01\"]"));
	ck_assert (!json_valid ("{\"a\":1} x"));
	ck_assert (!json_valid ("[\"\\x41\"]"));
}
END_TEST

START_TEST (test_json_escapes)
{
	const char *m = "From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain\n\n"
			"see http://example.com/\"quoted\\path and http://example.com/tab\tend\n";
	g_autoptr (StBody) b = st_body_parse (m, strlen (m), "US");
	g_autofree char *json = st_body_to_json (b);

	ck_assert (json_valid (json));
	ck_assert_ptr_nonnull (strstr (json, "\"url\":\"http://example.com/\""));
	ck_assert_ptr_nonnull (strstr (json, "\"region\":\"US\""));
	ck_assert_ptr_nonnull (strstr (json, "\"issues\":[]}"));
}
END_TEST

/* ---- the shared corpus: every message parses, quickly, into valid JSON */

static GPtrArray *corpus;

static void
corpus_load (void)
{
	const char *top = g_getenv ("top_srcdir");
	g_autofree char *root =
		g_build_filename (top != NULL ? top : ".", "..", "shared", "corpus", NULL);
	g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);

	corpus = g_ptr_array_new_with_free_func (g_free);
	if (dir == NULL)
		return;
	const char *sub;
	while ((sub = g_dir_read_name (dir)) != NULL) {
		g_autofree char *subpath = g_build_filename (root, sub, NULL);
		g_autoptr (GDir) d = g_dir_open (subpath, 0, NULL);
		const char *f;
		while (d != NULL && (f = g_dir_read_name (d)) != NULL)
			g_ptr_array_add (corpus, g_build_filename (subpath, f, NULL));
	}
	g_ptr_array_sort (corpus, (GCompareFunc)(void (*) (void))g_strcmp0);
}

START_TEST (test_corpus)
{
	const char *path = corpus->pdata[_i];
	g_autofree char *data = NULL;
	gsize len = 0;

	ck_assert (g_file_get_contents (path, &data, &len, NULL));
	gint64 t0 = g_get_monotonic_time ();
	g_autoptr (StBody) b = st_body_parse (data, len, NULL);
	g_autofree char *json = st_body_to_json (b);
	gint64 ms = (g_get_monotonic_time () - t0) / 1000;
	ck_assert_msg (json_valid (json), "%s: invalid JSON", path);
	ck_assert_msg (ms < 10000, "%s took %" G_GINT64_FORMAT " ms", path, ms);
}
END_TEST

/* A top header field over ST_BODY_FIELD_MAX is cut before GMime reads it
 * (at a line end, a comma, or left out), and the body is read all the same */
START_TEST (test_mime_parse_long_fields)
{
	g_autoptr (GString) m = g_string_new ("From: a@example.com\nTo: ");
	for (guint i = 0; i < 200000; i++)
		g_string_append_printf (m, "%sr%u@dest%u.example", i > 0 ? ",\n " : "", i, i);
	g_string_append (m, "\nSubject: ");
	for (guint i = 0; i < 100000; i++)
		g_string_append (m, "word,");
	g_string_append (m, "\nX-Long: ");
	for (guint i = 0; i < 100000; i++)
		g_string_append (m, "nocomma");
	g_string_append (m, "\nReply-To: reply@example.net\n\nWrite to sales@example.org now\n");
	g_autoptr (GMimeMessage) msg = st_body_mime_parse (m->str, m->len);
	ck_assert_ptr_nonnull (msg);
	const char *to = g_mime_object_get_header (GMIME_OBJECT (msg), "To");
	ck_assert_ptr_nonnull (to);
	ck_assert_uint_le (strlen (to), ST_BODY_FIELD_MAX);
	ck_assert_ptr_null (g_mime_object_get_header (GMIME_OBJECT (msg), "X-Long"));
	const char *subject = g_mime_message_get_subject (msg);
	ck_assert_ptr_nonnull (subject);
	ck_assert_uint_le (strlen (subject), ST_BODY_FIELD_MAX);
	InternetAddressList *reply = g_mime_message_get_reply_to (msg);
	ck_assert_int_eq (internet_address_list_length (reply), 1);
	g_autoptr (StBody) body = st_body_parse (m->str, m->len, NULL);
	ck_assert_uint_eq (body->urls->emails->len, 2);
}
END_TEST

static Suite *
body_suite (void)
{
	Suite *s = suite_create ("body");
	TCase *tc = tcase_create ("messages");

	tcase_add_loop_test (tc, test_golden, 0, G_N_ELEMENTS (golden));
	tcase_add_test (tc, test_mime_parse_long_fields);
	tcase_add_test (tc, test_reply_to_and_parts);
	tcase_add_test (tc, test_region_parameter);
	tcase_add_test (tc, test_attachments_not_read);
	tcase_add_loop_test (tc, test_region_guess, 0, G_N_ELEMENTS (region_cases));
	tcase_add_test (tc, test_region_named);
	tcase_add_loop_test (tc, test_garbage, 0, G_N_ELEMENTS (garbage_cases));
	tcase_add_test (tc, test_json_validator);
	tcase_add_test (tc, test_json_escapes);
	suite_add_tcase (s, tc);

	TCase *hostile = tcase_create ("hostile");
	tcase_set_timeout (hostile, 180);
	tcase_add_loop_test (hostile, test_deep, 0, G_N_ELEMENTS (deep_cases));
	tcase_add_test (hostile, test_size_limit);
	tcase_add_test (hostile, test_hostile_html);
	tcase_add_test (hostile, test_region_hostile_language);
	suite_add_tcase (s, hostile);

	if (corpus->len > 0) {
		TCase *tcc = tcase_create ("corpus");
		tcase_set_timeout (tcc, 180);
		tcase_add_loop_test (tcc, test_corpus, 0, (int)corpus->len);
		suite_add_tcase (s, tcc);
	}
	return s;
}

int
main (void)
{
	corpus_load ();
	if (corpus->len == 0)
		g_printerr ("check_body: no ../shared/corpus beside the checkout; corpus cases not "
			    "run\n");
	SRunner *sr = srunner_create (body_suite ());
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	g_ptr_array_unref (corpus);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
