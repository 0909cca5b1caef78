/* check_destination.c - tests for lib/lookup/destination.c: where an answer may send a lookup.
 * RFC 6761, RFC 6762, RFC 8375 (special-use names), RFC 6890 (special-use addresses). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "destination.h"

static const struct {
	const char *host;
	const char *why; /* NULL: may be asked */
} host_cases[] = {
	{ "whois.ripe.net", NULL },
	{ "rdap.db.ripe.net.", NULL },
	{ "WHOIS.ARIN.NET", NULL },
	{ "whois.nic.xn--p1ai", NULL },
	{ "127.0.0.1", "an address, not a host name" },
	{ "10.0.0.5", "an address, not a host name" },
	{ "500.1.1.1", "an address, not a host name" },
	{ "::1", "an address, not a host name" },
	{ "[::1]", "an address, not a host name" },
	{ "2001:db8::1", "an address, not a host name" },
	{ "localhost", "a name for local or special use" },
	{ "LocalHost.", "a name for local or special use" },
	{ "whois.localhost", "a name for local or special use" },
	{ "printer.local", "a name for local or special use" },
	{ "rdap.corp.internal", "a name for local or special use" },
	{ "router.home.arpa", "a name for local or special use" },
	{ "x.invalid", "a name for local or special use" },
	{ "whois.test", "a name for local or special use" },
	{ "whois.example", "a name for local or special use" },
	{ "abc.onion", "a name for local or special use" },
	{ "whois", "not a host name" },
	{ "127.0.0.1:6391", "not a host name" },
	{ "whois.ripe.net:43", "not a host name" },
	{ "whois ripe.net", "not a host name" },
	{ "whois..ripe.net", "not a host name" },
	{ "", "no host" },
};

START_TEST (test_host)
{
	const char *why = NULL;
	gboolean ok = st_destination_host_ok (host_cases[_i].host, &why);

	ck_assert_msg (ok == (host_cases[_i].why == NULL), "%s", host_cases[_i].host);
	if (!ok)
		ck_assert_str_eq (why, host_cases[_i].why);
}
END_TEST

static const struct {
	const char *ip;
	const char *why; /* NULL: may be connected to */
} address_cases[] = {
	{ "193.0.6.139", NULL },
	{ "2001:67c:2e8:22::c100:68b", NULL },
	{ "127.0.0.1", "loopback" },
	{ "127.9.9.9", "loopback" },
	{ "::1", "loopback" },
	{ "10.0.0.5", "private" },
	{ "172.16.0.1", "private" },
	{ "192.168.1.1", "private" },
	{ "fd00::1", "private" },
	{ "169.254.169.254", "link-local" },
	{ "fe80::1", "link-local" },
	{ "100.64.0.1", "shared (carrier-grade NAT)" },
	{ "0.0.0.0", "reserved" },
	{ "255.255.255.255", "reserved" },
	{ "224.0.0.1", "reserved" },
	{ "::ffff:127.0.0.1", "loopback" },
};

START_TEST (test_address)
{
	const char *why = NULL;
	StIp ip;

	ck_assert (st_ip_parse (address_cases[_i].ip, -1, &ip));
	gboolean ok = st_destination_address_ok (&ip, &why);
	ck_assert_msg (ok == (address_cases[_i].why == NULL), "%s", address_cases[_i].ip);
	if (!ok)
		ck_assert_str_eq (why, address_cases[_i].why);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("destination");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_host, 0, G_N_ELEMENTS (host_cases));
	tcase_add_loop_test (tc, test_address, 0, G_N_ELEMENTS (address_cases));
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
