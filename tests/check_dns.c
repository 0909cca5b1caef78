/* check_dns.c - tests for dns.c (PTR and its confirmation, DNSBLs, abuse.net) against dnsmasq.
 * RFC 1035, RFC 3596 section 2.5, RFC 5782 section 2; every packet goes to 127.0.0.1. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <check.h>

#include "dnsmasq.h"
#include <gio/gio.h>

#include "dns.h"
#include "error.h"

/* ---- dnsmasq on 127.0.0.1 with tests/data/dns/records.conf: tests/dnsmasq.c */

static const char *dnsmasq_server; /* "127.0.0.1:PORT", NULL when not running */

static void
dnsmasq_start (void)
{
	dnsmasq_server = st_test_dnsmasq_start ("check_dns");
}

static void
dnsmasq_stop (void)
{
	st_test_dnsmasq_stop ();
	dnsmasq_server = NULL;
}

/* The resolver on dnsmasq, or NULL (the test then returns: skipped). */
static StDnsResolver *
resolver (void)
{
	g_autoptr (GError) error = NULL;
	StDnsResolver *r;

	if (dnsmasq_server == NULL)
		return NULL;
	r = st_dns_resolver_new (dnsmasq_server, 1000, 0, &error);
	ck_assert_msg (r != NULL, "%s", error->message);
	return r;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
	return strcmp (*(char *const *)a, *(char *const *)b);
}

static char *
joined (const StDnsAnswer *a)
{
	g_autoptr (GPtrArray) copy = g_ptr_array_new ();

	for (guint i = 0; i < a->records->len; i++)
		g_ptr_array_add (copy, a->records->pdata[i]);
	g_ptr_array_sort (copy, compare_strings);
	g_ptr_array_add (copy, NULL);
	return g_strjoinv ("; ", (char **)copy->pdata);
}

/* ---- names ------------------------------------------------------------- */

static const struct {
	const char *ip, *zone, *name;
} reverse_cases[] = {
	{ "192.0.2.1", NULL, "1.2.0.192.in-addr.arpa" },
	{ "192.0.2.1", "bl.test", "1.2.0.192.bl.test" },
	{ "192.0.2.1", "bl.test.", "1.2.0.192.bl.test" },
	{ "::ffff:192.0.2.1", NULL, "1.2.0.192.in-addr.arpa" }, /* mapped: IPv4 */
	{ "2001:db8::1", NULL,
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa" },
	/* RFC 5782 section 2.4: nibbles under the zone */
	{ "2001:DB8:abcd::ff", "bl.test",
		"f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.b.d.0.1.0.0.2.bl.test" },
};

START_TEST (test_reverse_name)
{
	StIp ip;
	g_autofree char *name = NULL;

	ck_assert (st_ip_parse (reverse_cases[_i].ip, -1, &ip));
	name = st_dns_reverse_name (&ip, reverse_cases[_i].zone);
	ck_assert_str_eq (name, reverse_cases[_i].name);
}
END_TEST

static const struct {
	const char *name;
	gboolean valid;
} name_cases[] = {
	{ "bl.test", TRUE },
	{ "bl.test.", TRUE },
	{ "zen.spamhaus.org", TRUE },
	{ "_dmarc.isp-one.net", TRUE },
	{ "localhost", TRUE },
	{ "", FALSE },
	{ ".", FALSE },
	{ "bl..test", FALSE },
	{ ".bl.test", FALSE },
	{ "bl.test..", FALSE },
	{ "bl test", FALSE },
	{ "bl.test\n", FALSE },
	{ "bl/test", FALSE },
	{ "b\xc3\xa4" "d.test", FALSE }, /* IDN: the A-label is what DNS knows */
	/* 63 octets a label at most, 253 in all */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test", TRUE },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test", FALSE },
};

START_TEST (test_name_valid)
{
	ck_assert_msg (st_dns_name_valid (name_cases[_i].name) == name_cases[_i].valid, "'%s'",
		name_cases[_i].name);
}
END_TEST

/* 253 octets in all: 63 + 1 + 63 + 1 + 63 + 1 + 61 */
START_TEST (test_name_length)
{
	g_autofree char *label = g_strnfill (63, 'a');
	g_autofree char *last = g_strnfill (61, 'b');
	g_autofree char *name = g_strjoin (".", label, label, label, last, NULL);
	g_autofree char *longer = g_strconcat ("c", name, NULL);

	ck_assert_uint_eq (strlen (name), 253);
	ck_assert (st_dns_name_valid (name));
	ck_assert (!st_dns_name_valid (longer));
	ck_assert (!st_dns_name_valid (NULL));
}
END_TEST

static const struct {
	const char *server;
	gboolean ok;
} server_cases[] = {
	{ "127.0.0.1:5353", TRUE },
	{ "127.0.0.1", TRUE },
	{ "[::1]:5353", TRUE },
	{ "::1", TRUE },
	{ "localhost:53", FALSE }, /* resolving the resolver's name would ask the system */
	{ "127.0.0.1:0", FALSE },
	{ "127.0.0.1:65536", FALSE },
	{ "127.0.0.1:", FALSE },
	{ "[::1:53", FALSE },
	{ "", FALSE },
};

START_TEST (test_resolver_server)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (StDnsResolver) r = st_dns_resolver_new (server_cases[_i].server, 0, 0, &error);

	ck_assert_int_eq (r != NULL, server_cases[_i].ok);
	if (!server_cases[_i].ok) {
		ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_CONFIG));
		ck_assert_msg (strstr (error->message, "is not ADDRESS:PORT") != NULL, "%s",
			error->message);
	}
}
END_TEST

/* ---- queries against dnsmasq ------------------------------------------- */

static const struct {
	const char *name;
	StDnsType type;
	StDnsStatus status;
	const char *records; /* sorted, "; "-joined */
} query_cases[] = {
	{ "mail.isp-one.net", ST_DNS_TYPE_A, ST_DNS_POSITIVE, "203.0.113.5" },
	{ "MAIL.isp-one.net.", ST_DNS_TYPE_A, ST_DNS_POSITIVE, "203.0.113.5" },
	{ "v6host.isp-one.net", ST_DNS_TYPE_AAAA, ST_DNS_POSITIVE, "2001:db8::25" },
	{ "mail.isp-one.net", ST_DNS_TYPE_AAAA, ST_DNS_NEGATIVE, "" }, /* NODATA */
	{ "nothere.isp-one.net", ST_DNS_TYPE_A, ST_DNS_NEGATIVE, "" }, /* NXDOMAIN */
	{ "isp-one.net", ST_DNS_TYPE_MX, ST_DNS_POSITIVE, "10 mx.isp-one.net" },
	{ "isp-one.net", ST_DNS_TYPE_TXT, ST_DNS_POSITIVE, "v=spf1 -all" },
	{ "long.isp-one.net", ST_DNS_TYPE_TXT, ST_DNS_POSITIVE, "part one part two" },
	{ "5.113.0.203.in-addr.arpa", ST_DNS_TYPE_PTR, ST_DNS_POSITIVE, "mail.isp-one.net" },
	{ "isp-one.net.contacts.abuse.net", ST_DNS_TYPE_HINFO, ST_DNS_POSITIVE,
		"registered abuse.net" },
	{ "isp-one.net.contacts.abuse.net", ST_DNS_TYPE_TXT, ST_DNS_POSITIVE,
		"abuse@isp-one.net; noc@isp-one.net" },
	{ "", ST_DNS_TYPE_A, ST_DNS_FAILED, "" },
};

START_TEST (test_query)
{
	g_autoptr (StDnsResolver) r = resolver ();
	g_autoptr (StDnsAnswer) a = NULL;
	g_autofree char *got = NULL;

	if (r == NULL)
		return;
	a = st_dns_query (r, query_cases[_i].name, query_cases[_i].type);
	got = joined (a);
	ck_assert_msg (a->status == query_cases[_i].status, "%s: %s (%s)", query_cases[_i].name,
		st_dns_status_name (a->status), a->error);
	ck_assert_str_eq (got, query_cases[_i].records);
	ck_assert_int_eq (a->error != NULL, a->status == ST_DNS_FAILED);
}
END_TEST

static const struct {
	const char *ip;
	StDnsStatus ptr;
	const char *name;
	StDnsStatus confirm;
} ptr_cases[] = {
	{ "203.0.113.5", ST_DNS_POSITIVE, "mail.isp-one.net", ST_DNS_POSITIVE },
	/* the PTR name points elsewhere: not confirmed */
	{ "203.0.113.6", ST_DNS_POSITIVE, "liar.isp-one.net", ST_DNS_NEGATIVE },
	{ "203.0.113.7", ST_DNS_NEGATIVE, NULL, ST_DNS_NEGATIVE },
	{ "2001:db8::25", ST_DNS_POSITIVE, "v6host.isp-one.net", ST_DNS_POSITIVE },
};

START_TEST (test_ptr_confirm)
{
	g_autoptr (StDnsResolver) r = resolver ();
	g_autoptr (StDnsAnswer) ptr = NULL;
	StIp ip;

	if (r == NULL)
		return;
	ck_assert (st_ip_parse (ptr_cases[_i].ip, -1, &ip));
	ptr = st_dns_ptr (r, &ip);
	ck_assert_msg (ptr->status == ptr_cases[_i].ptr, "%s (%s)",
		st_dns_status_name (ptr->status), ptr->error);
	if (ptr_cases[_i].name != NULL) {
		g_autoptr (StDnsAnswer) fwd = NULL;
		ck_assert_uint_eq (ptr->records->len, 1);
		ck_assert_str_eq (ptr->records->pdata[0], ptr_cases[_i].name);
		fwd = st_dns_confirm (r, &ip, ptr->records->pdata[0]);
		ck_assert_int_eq (fwd->status, ptr_cases[_i].confirm);
	}
}
END_TEST

static const struct {
	const char *ip;
	StDnsStatus status;
	const char *codes;
} dnsbl_cases[] = {
	{ "127.0.0.2", ST_DNS_POSITIVE, "127.0.0.2" },
	{ "203.0.113.9", ST_DNS_POSITIVE, "127.0.0.10; 127.0.0.4" },
	{ "203.0.113.5", ST_DNS_NEGATIVE, "" },
	{ "203.0.113.66", ST_DNS_FAILED, "127.255.255.254" }, /* a refusal, not a listing */
	{ "2001:db8::1", ST_DNS_POSITIVE, "127.0.0.3" },
	{ "2001:db8::2", ST_DNS_NEGATIVE, "" },
};

START_TEST (test_dnsbl)
{
	g_autoptr (StDnsResolver) r = resolver ();
	g_autoptr (StDnsAnswer) a = NULL;
	g_autofree char *got = NULL;
	StIp ip;

	if (r == NULL)
		return;
	ck_assert (st_ip_parse (dnsbl_cases[_i].ip, -1, &ip));
	a = st_dns_dnsbl (r, &ip, "bl.test");
	got = joined (a);
	ck_assert_msg (a->status == dnsbl_cases[_i].status, "%s: %s (%s)", dnsbl_cases[_i].ip,
		st_dns_status_name (a->status), a->error);
	ck_assert_str_eq (got, dnsbl_cases[_i].codes);
	if (a->status == ST_DNS_FAILED)
		ck_assert_msg (strstr (a->error, "not a listing code") != NULL, "%s", a->error);
}
END_TEST

static const struct {
	const char *domain;
	StDnsStatus status;
	const char *addresses;
	gboolean registered;
} abusenet_cases[] = {
	{ "isp-one.net", ST_DNS_POSITIVE, "abuse@isp-one.net; noc@isp-one.net", TRUE },
	{ "other-isp.net", ST_DNS_POSITIVE, "abuse@other-isp.net", FALSE },
	{ "unknown-isp.net", ST_DNS_NEGATIVE, "", FALSE },
};

START_TEST (test_abusenet)
{
	g_autoptr (StDnsResolver) r = resolver ();
	g_autoptr (StDnsAnswer) a = NULL;
	g_autofree char *got = NULL;
	gboolean registered = !abusenet_cases[_i].registered;

	if (r == NULL)
		return;
	a = st_dns_abusenet (r, abusenet_cases[_i].domain, &registered);
	got = joined (a);
	ck_assert_int_eq (a->status, abusenet_cases[_i].status);
	ck_assert_str_eq (got, abusenet_cases[_i].addresses);
	ck_assert_int_eq (registered, abusenet_cases[_i].registered);
}
END_TEST

/* ---- servers that fail: a UDP socket on 127.0.0.1 ---------------------- */

typedef struct {
	GSocket *socket;
	guint16 port;
	gboolean servfail; /* FALSE: never answer */
	GCancellable *stop;
	GThread *thread;
} BadServer;

/* Answers every query with its question and RCODE 2 (SERVFAIL). */
static gpointer
servfail_serve (gpointer data)
{
	BadServer *b = data;

	for (;;) {
		guint8 buf[512];
		GSocketAddress *from = NULL;
		gssize n = g_socket_receive_from (
			b->socket, &from, (char *)buf, sizeof buf, b->stop, NULL);
		if (n < 0)
			return NULL;
		if (n >= 12) {
			buf[2] = 0x80 | (buf[2] & 0x01); /* QR, keep RD */
			buf[3] = 0x80 | 2;               /* RA, SERVFAIL */
			memset (buf + 6, 0, 6);          /* no answer, authority, additional */
			g_socket_send_to (b->socket, from, (char *)buf, (gsize)n, NULL, NULL);
		}
		g_clear_object (&from);
	}
}

static void
bad_start (BadServer *b, gboolean servfail)
{
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
	g_autoptr (GSocketAddress) bound = NULL;

	b->socket = g_socket_new (
		G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	ck_assert (g_socket_bind (b->socket, addr, FALSE, NULL));
	bound = g_socket_get_local_address (b->socket, NULL);
	b->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
	b->servfail = servfail;
	b->stop = g_cancellable_new ();
	if (servfail)
		b->thread = g_thread_new ("servfail", servfail_serve, b);
}

static void
bad_stop (BadServer *b)
{
	g_cancellable_cancel (b->stop);
	if (b->thread != NULL)
		g_thread_join (b->thread);
	g_object_unref (b->socket);
	g_object_unref (b->stop);
}

/* Each call on a bad server: FAILED with the reason, never NEGATIVE, and
 * within the bound. */
typedef struct {
	gboolean servfail;
	guint timeout_ms, budget_ms;
	const char *error; /* a part of the message */
	gint64 max_ms;     /* elapsed at most */
} BadCase;

static const BadCase bad_cases[] = {
	{ FALSE, 200, 0, "within 400 ms", 1500 },        /* two tries of 200 ms */
	{ FALSE, 5000, 300, "time budget spent", 1500 }, /* the budget cuts the timeout */
	{ TRUE, 1000, 0, "answered SERVFAIL", 900 },
};

typedef enum { CALL_QUERY, CALL_PTR, CALL_DNSBL, CALL_ABUSENET, N_CALLS } Call;

START_TEST (test_bad_server)
{
	const BadCase *c = &bad_cases[_i];
	BadServer b = { 0 };
	g_autofree char *server = NULL;
	StIp ip;

	bad_start (&b, c->servfail);
	server = g_strdup_printf ("127.0.0.1:%u", b.port);
	ck_assert (st_ip_parse ("203.0.113.9", -1, &ip));
	for (Call call = CALL_QUERY; call < N_CALLS; call++) {
		g_autoptr (StDnsResolver) r =
			st_dns_resolver_new (server, c->timeout_ms, c->budget_ms, NULL);
		g_autoptr (StDnsAnswer) a = NULL;
		gint64 start = g_get_monotonic_time (), ms;
		gboolean registered = TRUE;

		switch (call) {
		case CALL_QUERY:
			a = st_dns_query (r, "mail.isp-one.net", ST_DNS_TYPE_A);
			break;
		case CALL_PTR:
			a = st_dns_ptr (r, &ip);
			break;
		case CALL_DNSBL:
			a = st_dns_dnsbl (r, &ip, "bl.test");
			break;
		default:
			a = st_dns_abusenet (r, "isp-one.net", &registered);
			ck_assert (!registered);
			break;
		}
		ms = (g_get_monotonic_time () - start) / 1000;
		ck_assert_msg (a->status == ST_DNS_FAILED, "call %d: %s", call,
			st_dns_status_name (a->status));
		ck_assert_msg (strstr (a->error, c->error) != NULL, "call %d: %s", call, a->error);
		ck_assert_msg (ms <= c->max_ms, "call %d took %" G_GINT64_FORMAT " ms", call, ms);
		ck_assert_uint_eq (a->records->len, 0);
		if (c->budget_ms > 0) {
			/* Spent: the next question is not even asked. */
			g_autoptr (StDnsAnswer) again = st_dns_query (r, "x.test", ST_DNS_TYPE_A);
			ck_assert_uint_eq (st_dns_resolver_remaining (r), 0);
			ck_assert_int_eq (again->status, ST_DNS_FAILED);
			ck_assert_msg (strstr (again->error, "budget spent before asking") != NULL,
				"%s", again->error);
		}
	}
	bad_stop (&b);
}
END_TEST

static Suite *
dns_suite (void)
{
	Suite *s = suite_create ("dns");
	TCase *tc;

	tc = tcase_create ("names");
	tcase_add_loop_test (tc, test_reverse_name, 0, G_N_ELEMENTS (reverse_cases));
	tcase_add_loop_test (tc, test_name_valid, 0, G_N_ELEMENTS (name_cases));
	tcase_add_test (tc, test_name_length);
	tcase_add_loop_test (tc, test_resolver_server, 0, G_N_ELEMENTS (server_cases));
	suite_add_tcase (s, tc);

	tc = tcase_create ("dnsmasq");
	tcase_add_unchecked_fixture (tc, dnsmasq_start, dnsmasq_stop);
	tcase_add_loop_test (tc, test_query, 0, G_N_ELEMENTS (query_cases));
	tcase_add_loop_test (tc, test_ptr_confirm, 0, G_N_ELEMENTS (ptr_cases));
	tcase_add_loop_test (tc, test_dnsbl, 0, G_N_ELEMENTS (dnsbl_cases));
	tcase_add_loop_test (tc, test_abusenet, 0, G_N_ELEMENTS (abusenet_cases));
	suite_add_tcase (s, tc);

	tc = tcase_create ("failures");
	tcase_add_loop_test (tc, test_bad_server, 0, G_N_ELEMENTS (bad_cases));
	tcase_set_timeout (tc, 30);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (dns_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
