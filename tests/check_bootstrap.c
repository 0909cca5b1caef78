/* check_bootstrap.c - tests for bootstrap.c: which RDAP service answers for what.
 * RFC 9224 sections 3-5, on the shipped IANA files and on small written ones. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "bootstrap.h"
#include "error.h"

static StBootstrap *shipped;

static char *
data_dir (void)
{
	const char *top = g_getenv ("top_srcdir");
	return g_build_filename (top != NULL ? top : ".", "data", "rdap-bootstrap", NULL);
}

static void
shipped_setup (void)
{
	g_autofree char *dir = data_dir ();
	g_autoptr (GError) error = NULL;

	shipped = st_bootstrap_new ();
	if (!st_bootstrap_load_dir (shipped, dir, &error))
		ck_abort_msg ("cannot load %s: %s", dir, error->message);
}

static void
shipped_teardown (void)
{
	g_clear_pointer (&shipped, st_bootstrap_free);
}

/* Addresses on the shipped files. NULL: no registry holds the space. */
static const struct {
	const char *ip;
	const char *url;
} ip_cases[] = {
	{ "193.0.0.1", "https://rdap.db.ripe.net/" },
	{ "41.1.1.1", "https://rdap.afrinic.net/rdap/" }, /* https listed before http */
	{ "8.8.8.8", "https://rdap.arin.net/registry/" }, { "1.1.1.1", "https://rdap.apnic.net/" },
	{ "200.3.12.1", "https://rdap.lacnic.net/rdap/" },
	{ "206.41.110.1", "https://rdap.arin.net/registry/" },
	{ "10.0.0.1", NULL }, /* RFC 1918: in no registry */
	{ "127.0.0.1", NULL }, { "2001:67c:2e8::1", "https://rdap.db.ripe.net/" },
	{ "2c0f:f000::1", "https://rdap.afrinic.net/rdap/" },
	{ "2800:1::1", "https://rdap.lacnic.net/rdap/" },
	{ "2001:200::1", "https://rdap.apnic.net/" },
	{ "2600::1", "https://rdap.arin.net/registry/" }, { "::1", NULL },
	{ "::ffff:193.0.0.1", "https://rdap.db.ripe.net/" }, /* mapped: parsed as IPv4 */
};

START_TEST (test_shipped_ip)
{
	StIp ip;

	ck_assert_msg (st_ip_parse (ip_cases[_i].ip, -1, &ip), "cannot parse %s", ip_cases[_i].ip);
	ck_assert_pstr_eq (st_bootstrap_lookup_ip (shipped, &ip), ip_cases[_i].url);
}
END_TEST

static const struct {
	guint32 asn;
	const char *url;
} asn_cases[] = {
	{ 3333, "https://rdap.db.ripe.net/" },
	{ 3154, "https://rdap.db.ripe.net/" }, /* first of "3154-3353" */
	{ 3353, "https://rdap.db.ripe.net/" }, /* last of it */
	{ 2914, "https://rdap.arin.net/registry/" }, { 37271, "https://rdap.afrinic.net/rdap/" },
	{ 9269, "https://rdap.apnic.net/" }, { 53170, "https://rdap.lacnic.net/rdap/" },
	{ 16509, "https://rdap.arin.net/registry/" }, { 0, NULL },
	{ 4200000000u, NULL }, /* private use, RFC 6996 */
};

START_TEST (test_shipped_asn)
{
	ck_assert_pstr_eq (st_bootstrap_lookup_asn (shipped, asn_cases[_i].asn), asn_cases[_i].url);
}
END_TEST

static const struct {
	const char *domain;
	const char *url;
} domain_cases[] = {
	{ "20c.com", "https://rdap.verisign.com/com/v1/" },
	{ "EXAMPLE.NET", "https://rdap.verisign.com/net/v1/" },
	{ "ns1.nic.fr.", "https://rdap.nic.fr/" },
	{ "home.moscow", "https://rdap.flexireg.net/" },
	{ "microsoft.click", "https://whois.uniregistry.net/rdap/" },
	{ "bbc.co.uk", "https://rdap.nominet.uk/uk/" },
	{ "com", "https://rdap.verisign.com/com/v1/" },
	{ "example.de", NULL }, /* .de runs no RDAP service in this file */
	{ "foo.invalid", NULL },
	{ "", NULL },
	{ ".", NULL },
};

START_TEST (test_shipped_domain)
{
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (shipped, domain_cases[_i].domain),
		domain_cases[_i].url);
}
END_TEST

START_TEST (test_shipped_publication)
{
	ck_assert_str_eq (
		st_bootstrap_publication (shipped, ST_BOOTSTRAP_IPV4), "2019-06-07T19:00:02Z");
	ck_assert_str_eq (
		st_bootstrap_publication (shipped, ST_BOOTSTRAP_DNS), "2025-06-27T17:00:02Z");
	ck_assert_str_eq (st_bootstrap_file_name (ST_BOOTSTRAP_ASN), "asn.json");
}
END_TEST

START_TEST (test_shipped_urls)
{
	StIp ip;
	g_autofree char *u4 = NULL;
	g_autofree char *u6 = NULL;
	g_autofree char *uas = NULL;
	g_autofree char *udom = NULL;
	g_autofree char *none = NULL;

	ck_assert (st_ip_parse ("193.0.6.139", -1, &ip));
	u4 = st_bootstrap_url_ip (shipped, &ip);
	ck_assert_str_eq (u4, "https://rdap.db.ripe.net/ip/193.0.6.139");
	ck_assert (st_ip_parse ("2001:67c:2e8:22:0:0:c100:68b", -1, &ip));
	u6 = st_bootstrap_url_ip (shipped, &ip);
	ck_assert_str_eq (u6, "https://rdap.db.ripe.net/ip/2001:67c:2e8:22::c100:68b");
	uas = st_bootstrap_url_asn (shipped, 2914);
	ck_assert_str_eq (uas, "https://rdap.arin.net/registry/autnum/2914");
	udom = st_bootstrap_url_domain (shipped, "Lemonde.FR.");
	ck_assert_str_eq (udom, "https://rdap.nic.fr/domain/lemonde.fr");
	none = st_bootstrap_url_asn (shipped, 4200000000u);
	ck_assert_ptr_null (none);
}
END_TEST

/* Written files: the rules, one at a time. */
static const char ipv4_overlap[] =
	"{\"publication\": \"p4\", \"services\": ["
	"[[\"10.0.0.0/8\"], [\"http://wide.test/\", \"https://wide.test/\"]],"
	"[[\"10.1.0.0/16\", \"bogus\", 7, \"2001:db8::/32\"], [\"https://narrow.test\"]],"
	"[[\"10.1.2.0/24\"], []],"
	"\"not a service\", [[\"11.0.0.0/8\"]],"
	"[[\"12.0.0.0/8\"], [\"http://only-http.test/\"]]]}";

static const struct {
	const char *ip;
	const char *url;
} overlap_cases[] = {
	{ "10.9.9.9", "https://wide.test/" },   /* https preferred though listed second */
	{ "10.1.9.9", "https://narrow.test/" }, /* longest prefix; slash added */
	{ "10.1.2.3", "https://narrow.test/" }, /* a service without URLs is skipped */
	{ "11.1.1.1", NULL },                   /* a service without a URL list is skipped */
	{ "12.1.1.1", "http://only-http.test/" },
	{ "2001:db8::1", NULL }, /* an IPv6 prefix in the IPv4 file is ignored */
};

START_TEST (test_written_prefixes)
{
	g_autoptr (StBootstrap) b = st_bootstrap_new ();
	g_autoptr (GError) error = NULL;
	StIp ip;

	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_IPV4, ipv4_overlap, -1, &error));
	ck_assert_ptr_null (error);
	ck_assert (st_ip_parse (overlap_cases[_i].ip, -1, &ip));
	ck_assert_pstr_eq (st_bootstrap_lookup_ip (b, &ip), overlap_cases[_i].url);
	ck_assert_str_eq (st_bootstrap_publication (b, ST_BOOTSTRAP_IPV4), "p4");
}
END_TEST

START_TEST (test_written_asn_and_dns)
{
	g_autoptr (StBootstrap) b = st_bootstrap_new ();
	g_autoptr (GError) error = NULL;

	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_ASN,
		"{\"services\": [[[\"1-1000\"], [\"https://wide.test/\"]],"
		"[[\"500-600\", \"900\", \"700-650\", \"x-1\", \"4294967296\"], "
		"[\"https://narrow.test/\"]]]}",
		-1, &error));
	ck_assert_pstr_eq (st_bootstrap_lookup_asn (b, 499), "https://wide.test/");
	ck_assert_pstr_eq (st_bootstrap_lookup_asn (b, 550), "https://narrow.test/");
	ck_assert_pstr_eq (st_bootstrap_lookup_asn (b, 900), "https://narrow.test/");
	ck_assert_pstr_eq (
		st_bootstrap_lookup_asn (b, 660), "https://wide.test/"); /* 700-650 dropped */
	ck_assert_pstr_eq (st_bootstrap_lookup_asn (b, 1001), NULL);

	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_DNS,
		"{\"services\": [[[\"uk\"], [\"https://uk.test/\"]],"
		"[[\"CO.UK.\"], [\"https://co-uk.test/\"]]]}",
		-1, &error));
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "example.co.uk"), "https://co-uk.test/");
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "example.org.uk"), "https://uk.test/");
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "notuk"), NULL);
	/* Nothing loaded for IPv6. */
	{
		StIp ip;
		ck_assert (st_ip_parse ("2001:db8::1", -1, &ip));
		ck_assert_pstr_eq (st_bootstrap_lookup_ip (b, &ip), NULL);
	}
}
END_TEST

START_TEST (test_reload_replaces)
{
	g_autoptr (StBootstrap) b = st_bootstrap_new ();

	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_DNS,
		"{\"services\": [[[\"test\"], [\"https://one.test/\"]]]}", -1, NULL));
	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_DNS,
		"{\"services\": [[[\"other\"], [\"https://two.test/\"]]]}", -1, NULL));
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "a.test"), NULL);
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "a.other"), "https://two.test/");
	ck_assert_ptr_null (st_bootstrap_publication (b, ST_BOOTSTRAP_DNS));
}
END_TEST

/* Text that is not a bootstrap file: a clear error, nothing replaced. */
static const struct {
	const char *json;
	const char *message_part;
} bad_cases[] = {
	{ "", "no \"services\" array" }, /* json-glib reads "" as a document with no root */
	{ "{\"services\": [", "not JSON" },
	{ "[1, 2]", "no \"services\" array" },
	{ "{\"services\": {}}", "no \"services\" array" },
	{ "{\"description\": \"x\"}", "no \"services\" array" },
	{ "\"services\"", "no \"services\" array" },
};

START_TEST (test_bad_files)
{
	g_autoptr (StBootstrap) b = st_bootstrap_new ();
	g_autoptr (GError) error = NULL;

	ck_assert (st_bootstrap_load_data (b, ST_BOOTSTRAP_DNS,
		"{\"services\": [[[\"test\"], [\"https://kept.test/\"]]]}", -1, NULL));
	ck_assert (!st_bootstrap_load_data (b, ST_BOOTSTRAP_DNS, bad_cases[_i].json, -1, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_CONFIG));
	ck_assert_msg (strstr (error->message, bad_cases[_i].message_part) != NULL, "message: %s",
		error->message);
	ck_assert_msg (strstr (error->message, "dns.json") != NULL, "message: %s", error->message);
	ck_assert_pstr_eq (st_bootstrap_lookup_domain (b, "a.test"), "https://kept.test/");
}
END_TEST

START_TEST (test_missing_dir)
{
	g_autoptr (StBootstrap) b = st_bootstrap_new ();
	g_autoptr (GError) error = NULL;

	ck_assert (!st_bootstrap_load_dir (b, "/nonexistent/spamtrace", &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_IO));
	ck_assert_msg (strstr (error->message, "/nonexistent/spamtrace/dns.json") != NULL,
		"message: %s", error->message);
}
END_TEST

static Suite *
bootstrap_suite (void)
{
	Suite *s = suite_create ("bootstrap");
	TCase *tc = tcase_create ("shipped");

	tcase_add_checked_fixture (tc, shipped_setup, shipped_teardown);
	tcase_add_loop_test (tc, test_shipped_ip, 0, G_N_ELEMENTS (ip_cases));
	tcase_add_loop_test (tc, test_shipped_asn, 0, G_N_ELEMENTS (asn_cases));
	tcase_add_loop_test (tc, test_shipped_domain, 0, G_N_ELEMENTS (domain_cases));
	tcase_add_test (tc, test_shipped_publication);
	tcase_add_test (tc, test_shipped_urls);
	suite_add_tcase (s, tc);

	tc = tcase_create ("written");
	tcase_add_loop_test (tc, test_written_prefixes, 0, G_N_ELEMENTS (overlap_cases));
	tcase_add_test (tc, test_written_asn_and_dns);
	tcase_add_test (tc, test_reload_replaces);
	tcase_add_loop_test (tc, test_bad_files, 0, G_N_ELEMENTS (bad_cases));
	tcase_add_test (tc, test_missing_dir);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (bootstrap_suite ());
	int failed;

	srunner_run_all (sr, CK_ENV);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
