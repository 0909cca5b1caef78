/* check_whois.c - tests for whois.c: whois answers into contacts and referrals.
 * RFC 3912, RFC 2622 objects as the RIRs write them; fixtures in tests/data/whois. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "fixture-server.h"
#include "testdata.h"

#include "error.h"
#include "whois.h"

/* the fixtures of tests/data/whois, and contact lists as text: tests/testdata.c */
static char *
read_data (const char *name, gsize *len)
{
	return st_test_read ("whois", name, len);
}

#define describe st_test_describe_contacts

/* One answer per registry, written by us in each one's documented format
 * (see tests/data/whois/README.md), asked of a server called "whois.test". */
static const struct {
	const char *file;
	StContactScope scope;
	const char *abuse;
	const char *contacts;
	const char *rejected;
	const char *referral;
	guint port;
	gboolean rwhois;
	const char *netname, *country, *range;
} fixture_cases[] = {
	{ "abusenet.txt", ST_CONTACT_SCOPE_DOMAIN, "abuse@markmonitor.com",
		"abuse@markmonitor.com domain medium abuse; abuse@arin.net domain medium abuse; "
		"abuse@nowhere-in-particular.net domain low abuse",
		"", NULL, 0, FALSE, NULL, NULL, NULL },
	{ "afrinic-inetnum.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@afrinic.net",
		"abuse@afrinic.net network high abuse; contact@afrinic.net network low "
		"organisation; hostmaster@afrinic.net network low administrative",
		"", NULL, 0, FALSE, "AFRINIC-SVC", "MU", "196.216.2.0 - 196.216.3.255" },
	{ "apnic-inetnum.txt", ST_CONTACT_SCOPE_NETWORK, "helpdesk@apnic.net",
		"helpdesk@apnic.net network high abuse; netops@apnic.net network low technical", "",
		NULL, 0, FALSE, "APNIC-AP", "AU", "202.12.28.0 - 202.12.29.255" },
	{ "arin-net.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@arin.net",
		"abuse@arin.net network high abuse; hostmaster@arin.net network low technical; "
		"noc@arin.net network low noc",
		"", NULL, 0, FALSE, "ARIN-BLK-1", "US", "192.136.136.0 - 192.136.136.255" },
	{ "arin-referral.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@ripe.net",
		"abuse@ripe.net network high abuse", "", "whois.ripe.net", 43, FALSE, "RIPE-CBLK2",
		"NL", "193.0.0.0 - 193.255.255.255" },
	{ "gtld-registrar.txt", ST_CONTACT_SCOPE_DOMAIN, "abusecomplaints@markmonitor.com",
		"abusecomplaints@markmonitor.com registrar high abuse",
		"Please query the RDDS service of the Registrar of Record identified in this "
		"output for information on how to contact the Registrant, Admin, or Tech contact "
		"of the queried domain name. domain low registrant (not an address); REDACTED FOR "
		"PRIVACY domain low administrative (not an address); redacted@redacted.invalid "
		"domain low technical (redacted)",
		"whois.markmonitor.com", 43, FALSE, NULL, NULL, NULL },
	{ "iana-tld.txt", ST_CONTACT_SCOPE_DOMAIN, "tld-admin@afnic.fr",
		"tld-admin@afnic.fr domain low contact", "", "whois.nic.fr", 43, FALSE, NULL, NULL,
		NULL },
	{ "jpnic-network.txt", ST_CONTACT_SCOPE_NETWORK, "ip-ops@nic.ad.jp",
		"ip-ops@nic.ad.jp network low technical", "", NULL, 0, FALSE, "JPNIC-NET", NULL,
		"192.41.192.0/24" },
	{ "krnic-network.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@kisa.or.kr",
		"ip-adm@kisa.or.kr network low administrative; abuse@kisa.or.kr network high abuse",
		"", NULL, 0, FALSE, "KISA-NET", NULL, "211.104.0.0 - 211.104.255.255 (/16)" },
	{ "lacnic-inetnum.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@lacnic.net",
		"abuse@lacnic.net network high abuse; ops@lacnic.net network low registrant", "",
		NULL, 0, FALSE, NULL, "UY", "200.3.12.0/22" },
	{ "ripe-inetnum.txt", ST_CONTACT_SCOPE_NETWORK, "abuse@ripe.net",
		"abuse@ripe.net network high abuse; ops@ripe.net network low technical; "
		"cert@ripe.net network medium abuse",
		"", NULL, 0, FALSE, "RIPE-NCC", "NL", "193.0.0.0 - 193.0.7.255" },
};

static void
check_invariants (const StWhoisResult *r)
{
	for (guint i = 0; i < st_contact_list_length (r->contacts); i++) {
		const StContact *c = st_contact_list_get (r->contacts, i);
		ck_assert (st_contact_address_usable (c->address, NULL));
		ck_assert_str_eq (c->source, "whois.test");
	}
	ck_assert_int_eq (r->referral_host != NULL, r->referral_port != 0);
	if (r->referral_host != NULL)
		ck_assert_str_ne (r->referral_host, "whois.test");
}

START_TEST (test_fixtures)
{
	g_autoptr (StWhoisResult) r = NULL;
	g_autofree char *text = NULL;
	g_autofree char *got = NULL;
	g_autofree char *rej = NULL;
	const StContact *abuse;
	gsize len;

	text = read_data (fixture_cases[_i].file, &len);
	r = st_whois_parse (text, (gssize)len, "whois.test", fixture_cases[_i].scope);
	ck_assert_ptr_nonnull (r);
	ck_assert_int_eq (r->scope, fixture_cases[_i].scope);
	got = describe (r->contacts, FALSE);
	rej = describe (r->rejected, TRUE);
	ck_assert_str_eq (got, fixture_cases[_i].contacts);
	ck_assert_str_eq (rej, fixture_cases[_i].rejected);
	abuse = st_whois_result_abuse (r);
	ck_assert_pstr_eq (abuse != NULL ? abuse->address : NULL, fixture_cases[_i].abuse);
	ck_assert_pstr_eq (r->referral_host, fixture_cases[_i].referral);
	ck_assert_uint_eq (r->referral_port, fixture_cases[_i].port);
	ck_assert_int_eq (r->referral_rwhois, fixture_cases[_i].rwhois);
	ck_assert_pstr_eq (r->netname, fixture_cases[_i].netname);
	ck_assert_pstr_eq (r->country, fixture_cases[_i].country);
	ck_assert_pstr_eq (r->range, fixture_cases[_i].range);
	check_invariants (r);
}
END_TEST

/* Every fixture cut at every byte: a truncated answer is still data. */
START_TEST (test_fixture_truncated)
{
	g_autofree char *text = NULL;
	gsize len;

	text = read_data (fixture_cases[_i].file, &len);
	for (gsize cut = 0; cut <= len; cut++) {
		g_autoptr (StWhoisResult) r =
			st_whois_parse (text, (gssize)cut, "whois.test", fixture_cases[_i].scope);
		ck_assert_ptr_nonnull (r);
		check_invariants (r);
		/* Cut before any '@', an answer names nobody. */
		if (memchr (text, '@', cut) == NULL)
			ck_assert_uint_eq (st_contact_list_length (r->contacts), 0);
	}
}
END_TEST

/* Single rules, on short written answers, network scope. */
static const struct {
	const char *text;
	const char *contacts;
	const char *referral;
	guint port;
	gboolean rwhois;
} rule_cases[] = {
	/* Referrals: ARIN whois:// and rwhois:// with a port, IANA bare names. */
	{ "ReferralServer: rwhois://RWhois.ISP-One.net:4321/\n", "", "rwhois.isp-one.net", 4321,
		TRUE },
	{ "ReferralServer:  whois://whois.ripe.net\n", "", "whois.ripe.net", 43, FALSE },
	{ "refer:        whois.afrinic.net\r\n", "", "whois.afrinic.net", 43, FALSE },
	{ "ReferralServer: whois://whois.ripe.net:99999\n", "", NULL, 0, FALSE },
	{ "ReferralServer: whois://whois.ripe.net:x\n", "", NULL, 0, FALSE },
	{ "refer: whois.test\n", "", NULL, 0, FALSE }, /* the server asked: no loop */
	{ "Registrar WHOIS Server: https://whois.reg-one.net/\n", "", NULL, 0, FALSE },
	{ "refer:\n", "", NULL, 0, FALSE },
	{ "whois: bad host!\n", "", NULL, 0, FALSE },
	{ "whois: localhost\n", "", NULL, 0, FALSE },
	{ "refer: whois.one.net\nrefer: whois.two.net\n", "", "whois.one.net", 43, FALSE },
	/* The same handle named by tech-c and abuse-c: abuse wins. */
	{ "inetnum: 1.2.3.0 - 1.2.3.255\ntech-c: AB1\nabuse-c: ab1\n\nrole: Team\nnic-hdl: "
	  "AB1\ne-mail: team@isp-one.net\n",
		"team@isp-one.net network high abuse", NULL, 0, FALSE },
	{ "inetnum: 1.2.3.0 - 1.2.3.255\nabuse-c: AB1\ntech-c: AB1\n\nrole: Team\nnic-hdl: "
	  "AB1\ne-mail: team@isp-one.net\n",
		"team@isp-one.net network high abuse", NULL, 0, FALSE },
	/* registro.br names its handles nic-hdl-br. */
	{ "inetnum: 200.160.0.0/20\nabuse-c: XYZ\n\nnic-hdl-br: XYZ\nperson: Abuse\ne-mail: "
	  "abuse@isp-one.com.br\n",
		"abuse@isp-one.com.br network high abuse", NULL, 0, FALSE },
	/* A blank line ends an object: the e-mail after it is not in the irt. */
	{ "irt: IRT-ONE\ne-mail: cert@isp-one.net\n\nperson: Someone\ne-mail: "
	  "someone@isp-one.net\n",
		"cert@isp-one.net network high abuse; someone@isp-one.net network low person", NULL,
		0, FALSE },
	/* Comments: only RIPE's abuse line counts. */
	{ "% Abuse contact for '1.2.3.0 - 1.2.3.255' is 'abuse@isp-one.net'\n# e-mail: "
	  "no@isp-one.net\n",
		"abuse@isp-one.net network high abuse", NULL, 0, FALSE },
	{ "% Abuse contact for '1.2.3.0 - 1.2.3.255' is ''\n", "", NULL, 0, FALSE },
	{ "% Abuse contact for '1.2.3.0 - 1.2.3.255' is 'abuse@isp-one.net\n", "", NULL, 0, FALSE },
	{ "% Abuse contact for '1.2.3.0\n", "", NULL, 0, FALSE },
	/* Truncated and odd lines. */
	{ "OrgAbuseEmail:\n", "", NULL, 0, FALSE },
	{ "OrgAbuseEm", "", NULL, 0, FALSE },
	{ "OrgAbuseEmail: abuse@isp-one.net", "abuse@isp-one.net network high abuse", NULL, 0,
		FALSE },
	{ "  OrgAbuseEmail  :  <abuse@isp-one.net>  \r\n", "abuse@isp-one.net network high abuse",
		NULL, 0, FALSE },
	{ "orgabuseemail: abuse@isp-one.net\n", "abuse@isp-one.net network high abuse", NULL, 0,
		FALSE },
	/* a remark that says where complaints go names an abuse contact, below
	 * a registered one (issue 13); other prose names nobody */
	{ "Comment: send complaints to abuse@isp-one.net\n",
		"abuse@isp-one.net network medium abuse", NULL, 0, FALSE },
	{ "remarks: please send spam reports\nremarks: to spam@isp-one.net, not to\n"
	  "remarks: noc@isp-one.net.\nremarks: abuse@isp-one.net was validated\n",
		"spam@isp-one.net network medium abuse", NULL, 0, FALSE },
	{ "remarks: Do not send abuse complaints to noc@isp-one.net\n", "", NULL, 0, FALSE },
	{ "OrgAbuseEmail: abuse@isp-one.net\nComment: spam to abuse@isp-one.net\n",
		"abuse@isp-one.net network high abuse", NULL, 0, FALSE },
	{ "This line is very long and has a colon far away from its start, too far: "
	  "abuse@isp-one.net\n",
		"", NULL, 0, FALSE },
	{ "abuse@isp-one.net (for isp-one.net)\n", "abuse@isp-one.net network medium abuse", NULL,
		0, FALSE },
	{ "abuse@isp-one.net (something else)\n", "", NULL, 0, FALSE },
	{ "(for isp-one.net)\n", "", NULL, 0, FALSE },
	{ "[ Network Abuse Contact ]\nE-Mail : abuse@isp-one.net\n[ Admin Contact ]\nE-Mail : "
	  "adm@isp-one.net\n",
		"abuse@isp-one.net network high abuse; adm@isp-one.net network low administrative",
		NULL, 0, FALSE },
	{ "[E-Mail]\n[", "", NULL, 0, FALSE },
	{ "a. [Network Name", "", NULL, 0, FALSE },
	{ "", "", NULL, 0, FALSE },
	/* CR alone ends a line too; CRLF is one line end, not two. */
	{ "irt: IRT-ONE\re-mail: cert@isp-one.net\r\r\ne-mail: x@isp-one.net\n",
		"cert@isp-one.net network high abuse; x@isp-one.net network low e-mail", NULL, 0,
		FALSE },
	{ "irt: IRT-ONE\r\ne-mail: cert@isp-one.net\r\n", "cert@isp-one.net network high abuse",
		NULL, 0, FALSE },
	{ "\n\n\r\n:\n::\n%\n#\n[]\n[ ]\n", "", NULL, 0, FALSE },
};

START_TEST (test_rules)
{
	g_autoptr (StWhoisResult) r = NULL;
	g_autofree char *got = NULL;

	r = st_whois_parse (rule_cases[_i].text, -1, "whois.test", ST_CONTACT_SCOPE_NETWORK);
	got = describe (r->contacts, FALSE);
	ck_assert_str_eq (got, rule_cases[_i].contacts);
	ck_assert_pstr_eq (r->referral_host, rule_cases[_i].referral);
	ck_assert_uint_eq (r->referral_port, rule_cases[_i].port);
	ck_assert_int_eq (r->referral_rwhois, rule_cases[_i].rwhois);
	check_invariants (r);
}
END_TEST

START_TEST (test_embedded_nul)
{
	static const char text[] = "e-mail: a@isp-one.net\0OrgAbuseEmail: abuse@isp-one.net\n";
	g_autoptr (StWhoisResult) r = NULL;
	g_autofree char *got = NULL;

	r = st_whois_parse (text, sizeof text - 1, NULL, ST_CONTACT_SCOPE_NETWORK);
	got = describe (r->contacts, FALSE);
	ck_assert_str_eq (
		got, "a@isp-one.net network low e-mail; abuse@isp-one.net network high abuse");
	ck_assert_str_eq (st_contact_list_get (r->contacts, 0)->source, "");
}
END_TEST

START_TEST (test_registrar_wins)
{
	static const char text[] = "Registrar Abuse Contact Email: abuse@reg-one.net\n"
				   "e-mail: abuse@isp-one.net\n";
	g_autoptr (StWhoisResult) r = st_whois_parse (text, -1, NULL, ST_CONTACT_SCOPE_DOMAIN);
	const StContact *a = st_whois_result_abuse (r);

	ck_assert_ptr_nonnull (a);
	ck_assert_str_eq (a->address, "abuse@reg-one.net");
	ck_assert_int_eq (a->scope, ST_CONTACT_SCOPE_REGISTRAR);
}
END_TEST

/* Random bytes, biased towards the characters the parser looks at. */
START_TEST (test_garbage)
{
	static const char alphabet[] = "ab@.:%#[]()'\n\r -e\x01\xff"
				       "abuse-mailbox";
	g_autoptr (GRand) rand = g_rand_new_with_seed (0x5eed + (guint32)_i);

	for (guint round = 0; round < 200; round++) {
		guint n = (guint)g_rand_int_range (rand, 0, 400);
		g_autofree char *text = g_malloc (n + 1);
		g_autoptr (StWhoisResult) r = NULL;

		for (guint i = 0; i < n; i++)
			text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
		text[n] = '\0';
		r = st_whois_parse (text, n, "whois.test", ST_CONTACT_SCOPE_NETWORK);
		ck_assert_ptr_nonnull (r);
		check_invariants (r);
	}
}
END_TEST

/* A hostile registry's answer of ST_WHOIS_MAX_ANSWER bytes in its worst
 * shapes: 40,000 distinct addresses (each was compared with all the ones
 * before it: 14 s), 30,000 objects with a handle each, one line of 1 MB;
 * and more than the bound, of which the bound is read. Each in well under a
 * second here; the limit leaves room for a sanitizer build. */
static const struct {
	const char *line; /* "{n}" stands for the line's number */
	guint min_contacts;
} big_cases[] = {
	{ "abuse-mailbox: a{n}@isp{n}.net\n", 30000 },
	{ "e-mail: a{n}@isp.net\nadmin-c: H{n}\n\n", 20000 },
	{ "person: P{n}\nnic-hdl: H{n}\ne-mail: p{n}@isp.net\n\n", 15000 },
	{ "x", 0 },
};

START_TEST (test_big_answer)
{
	g_autoptr (GString) text = g_string_new (NULL);
	g_auto (GStrv) parts = g_strsplit (big_cases[_i].line, "{n}", -1);
	g_autoptr (StWhoisResult) r = NULL;
	gint64 start;
	double seconds;

	for (guint i = 0; text->len < 2 * ST_WHOIS_MAX_ANSWER; i++) {
		g_autofree char *n = g_strdup_printf ("%u", i);
		g_autofree char *line = g_strjoinv (n, parts);
		g_string_append (text, line);
	}
	start = g_get_monotonic_time ();
	r = st_whois_parse (text->str, (gssize)text->len, "whois.test", ST_CONTACT_SCOPE_NETWORK);
	seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
	ck_assert_ptr_nonnull (r);
	ck_assert_uint_ge (st_contact_list_length (r->contacts), big_cases[_i].min_contacts);
	ck_assert_msg (seconds < 5, "%.1f s for %u contacts", seconds,
		st_contact_list_length (r->contacts));
	check_invariants (r);
}
END_TEST

/* ---- the question and the conversation --------------------------------- */

static const struct {
	const char *server, *object, *question;
} question_cases[] = {
	{ "whois.arin.net", "192.0.2.1", "n + 192.0.2.1" },
	{ "WHOIS.ARIN.NET", "2001:db8::/32", "n + 2001:db8::/32" },
	{ "whois.arin.net", "AS2914", "a + AS2914" },
	{ "whois.arin.net", "2914", "a + 2914" },
	{ "whois.arin.net", "ARIN-HOSTMASTER", "ARIN-HOSTMASTER" },
	{ "whois.nic.ad.jp", "192.41.192.0", "192.41.192.0/e" },
	{ "whois.denic.de", "xn--mller-kva.de", "-T dn,ace xn--mller-kva.de" },
	{ "whois.ripe.net", "193.0.6.139", "193.0.6.139" },
	{ NULL, "example.com", "example.com" },
	{ "whois.arin.net", "AS", "AS" },
};

START_TEST (test_question)
{
	g_autofree char *q =
		st_whois_question (question_cases[_i].server, question_cases[_i].object);

	ck_assert_str_eq (q, question_cases[_i].question);
}
END_TEST

/* What the whois server on 127.0.0.1 (tests/fixture-server.c) answers
 * every question: @len bytes of @text, or silence when @text is NULL. */
typedef struct {
	const char *text;
	gsize len;
} Reply;

static char *
reply (const char *question, gsize *len, gpointer data)
{
	const Reply *r = data;
	char *text;

	if (r->text == NULL)
		return NULL;
	/* not g_memdup2, which gives NULL (silence) for an empty reply */
	text = g_malloc (r->len + 1);
	memcpy (text, r->text, r->len);
	*len = r->len;
	return text;
}

/* The whole path: question, answer, parse. */
START_TEST (test_query_loopback)
{
	g_autofree char *text = NULL;
	g_autofree char *question = st_whois_question ("whois.arin.net", "192.136.136.1");
	g_autofree char *answer = NULL;
	g_autoptr (GError) error = NULL;
	g_autofree char *asked = NULL;
	g_autoptr (StWhoisResult) r = NULL;
	StTestServer *s;
	Reply a = { 0 };
	gboolean truncated = TRUE;
	gsize len, got_len = 0;

	text = read_data ("arin-net.txt", &len);
	a.text = text;
	a.len = len;
	s = st_test_whois_start (reply, &a);
	answer = st_whois_query ("127.0.0.1", st_test_server_port (s), question, 5, NULL, &got_len,
		&truncated, &error);
	asked = st_test_server_requests (s);
	st_test_server_stop (s);

	ck_assert_msg (answer != NULL, "%s", error != NULL ? error->message : "");
	ck_assert_uint_eq (got_len, len);
	ck_assert_mem_eq (answer, text, len);
	ck_assert_int_eq (answer[len], '\0');
	ck_assert (!truncated);
	ck_assert_str_eq (asked, "n + 192.136.136.1\n");
	r = st_whois_parse (answer, (gssize)got_len, "127.0.0.1", ST_CONTACT_SCOPE_NETWORK);
	ck_assert_str_eq (st_whois_result_abuse (r)->address, "abuse@arin.net");
}
END_TEST

START_TEST (test_query_question_seen)
{
	g_autofree char *answer = NULL;
	g_autofree char *asked = NULL;
	Reply a = { "", 0 };
	StTestServer *s = st_test_whois_start (reply, &a);

	answer = st_whois_query (
		"127.0.0.1", st_test_server_port (s), "n + 192.0.2.1", 5, NULL, NULL, NULL, NULL);
	asked = st_test_server_requests (s);
	st_test_server_stop (s);
	ck_assert_str_eq (answer, ""); /* an empty answer is an answer */
	/* The server read up to CR LF: the question arrived whole and alone. */
	ck_assert_str_eq (asked, "n + 192.0.2.1\n");
}
END_TEST

START_TEST (test_query_truncated)
{
	g_autofree char *big = g_malloc (ST_WHOIS_MAX_ANSWER + 5000);
	g_autofree char *answer = NULL;
	Reply a = { big, ST_WHOIS_MAX_ANSWER + 5000 };
	StTestServer *s;
	gboolean truncated = FALSE;
	gsize got_len = 0;

	memset (big, 'x', ST_WHOIS_MAX_ANSWER + 5000);
	s = st_test_whois_start (reply, &a);
	answer = st_whois_query (
		"127.0.0.1", st_test_server_port (s), "q", 5, NULL, &got_len, &truncated, NULL);
	st_test_server_stop (s);
	ck_assert_ptr_nonnull (answer);
	ck_assert (truncated);
	ck_assert_uint_eq (got_len, ST_WHOIS_MAX_ANSWER);
	ck_assert_uint_eq (strlen (answer), ST_WHOIS_MAX_ANSWER);
}
END_TEST

START_TEST (test_query_timeout)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *answer = NULL;
	Reply silence = { NULL, 0 };
	StTestServer *s = st_test_whois_start (reply, &silence);

	answer = st_whois_query (
		"127.0.0.1", st_test_server_port (s), "q", 1, NULL, NULL, NULL, &error);
	st_test_server_stop (s);
	ck_assert_ptr_null (answer);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_msg (
		strstr (error->message, "failed while answering") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_query_refused)
{
	g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (loopback, 0);
	g_autoptr (GSocketAddress) bound = NULL;
	g_autoptr (GSocketListener) listener = g_socket_listener_new ();
	g_autoptr (GError) error = NULL;
	g_autofree char *answer = NULL;
	g_autofree char *expected = NULL;
	guint16 port;

	/* A port that was free a moment ago and is closed now. */
	ck_assert (g_socket_listener_add_address (
		listener, addr, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
	port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
	g_socket_listener_close (listener);

	answer = st_whois_query ("127.0.0.1", port, "q", 5, NULL, NULL, NULL, &error);
	ck_assert_ptr_null (answer);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	expected = g_strdup_printf ("cannot reach whois server '127.0.0.1:%u'", port);
	ck_assert_msg (g_str_has_prefix (error->message, expected), "%s", error->message);
}
END_TEST

START_TEST (test_query_line_break)
{
	g_autoptr (GError) error = NULL;
	g_autofree char *answer =
		st_whois_query ("127.0.0.1", 43, "a\r\nb", 1, NULL, NULL, NULL, &error);

	ck_assert_ptr_null (answer);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_USAGE));
}
END_TEST

static Suite *
whois_suite (void)
{
	Suite *s = suite_create ("whois");
	TCase *tc = tcase_create ("fixtures");

	tcase_add_loop_test (tc, test_fixtures, 0, G_N_ELEMENTS (fixture_cases));
	tcase_add_loop_test (tc, test_fixture_truncated, 0, G_N_ELEMENTS (fixture_cases));
	suite_add_tcase (s, tc);

	tc = tcase_create ("rules");
	tcase_add_loop_test (tc, test_rules, 0, G_N_ELEMENTS (rule_cases));
	tcase_add_test (tc, test_embedded_nul);
	tcase_add_test (tc, test_registrar_wins);
	tcase_add_loop_test (tc, test_garbage, 0, 10);
	tcase_add_loop_test (tc, test_big_answer, 0, G_N_ELEMENTS (big_cases));
	suite_add_tcase (s, tc);

	tc = tcase_create ("query");
	tcase_add_loop_test (tc, test_question, 0, G_N_ELEMENTS (question_cases));
	tcase_add_test (tc, test_query_loopback);
	tcase_add_test (tc, test_query_question_seen);
	tcase_add_test (tc, test_query_truncated);
	tcase_add_test (tc, test_query_timeout);
	tcase_add_test (tc, test_query_refused);
	tcase_add_test (tc, test_query_line_break);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (whois_suite ());
	int failed;

	srunner_run_all (sr, CK_ENV);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
