/* check_ip.c - tests for lib/trace/ip.c: parsing, RFC 5952 text, ranges.
 * RFC 4291, RFC 5952, RFC 6890. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "ip.h"

static const struct {
	const char *in;
	const char *out; /* NULL: not an address */
} parse_cases[] = {
	{ "192.0.2.1", "192.0.2.1" },
	{ "0.0.0.0", "0.0.0.0" },
	{ "255.255.255.255", "255.255.255.255" },
	{ "256.1.1.1", NULL },
	{ "500.202.999.352", NULL },
	{ "1.2.3", NULL },
	{ "1.2.3.4.5", NULL },
	{ "1.2.3.", NULL },
	{ ".1.2.3", NULL },
	{ "1..2.3", NULL },
	{ "1.2.3.4 ", NULL },
	{ "1.2.3.0004", NULL },
	{ "a.b.c.d", NULL },
	{ "", NULL },
	{ "::", "::" },
	{ "::1", "::1" },
	{ "2001:DB8::1", "2001:db8::1" },
	{ "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
	/* RFC 5952 4.2.2: a single zero group is not compressed */
	{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
	/* 4.2.3: the first of two equal runs is compressed */
	{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	/* 4.2.3: the longest run wins */
	{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
	{ "IPv6:2001:db8::25", "2001:db8::25" },
	{ "ipv6:2001:db8::25", "2001:db8::25" },
	{ "fe80::1c2d:3e4f:5a6b:7c8d%4", "fe80::1c2d:3e4f:5a6b:7c8d" },
	{ "fe80::1%eth0", "fe80::1" },
	{ "::ffff:192.0.2.7", "192.0.2.7" },
	{ "::FFFF:C000:0207", "192.0.2.7" },
	{ "IPv6:::ffff:198.51.100.3", "198.51.100.3" },
	{ "2603:10b6:5:1c8::14", "2603:10b6:5:1c8::14" },
	{ "2001:db8::1::2", NULL },
	{ "2001:db8:::1", NULL },
	{ "12345::1", NULL },
	{ "gggg::1", NULL },
	{ "15.20.4308.20", NULL },
	{ "IPv6:", NULL },
};

START_TEST (test_parse)
{
	StIp ip;
	char buf[ST_IP_STRLEN];
	gboolean ok = st_ip_parse (parse_cases[_i].in, -1, &ip);

	if (parse_cases[_i].out == NULL) {
		ck_assert_msg (!ok, "'%s' should not parse", parse_cases[_i].in);
		return;
	}
	ck_assert_msg (ok, "'%s' should parse", parse_cases[_i].in);
	st_ip_format (&ip, buf);
	ck_assert_str_eq (buf, parse_cases[_i].out);
}
END_TEST

static const struct {
	const char *in;
	gboolean dotted;
} dotted_cases[] = {
	{ "500.202.999.352", TRUE },
	{ "1.2.3.4", TRUE },
	{ "1.2.3", FALSE },
	{ "1.2.3.4.5", FALSE },
	{ "1.2.3.x", FALSE },
	{ "1..3.4", FALSE },
	{ "", FALSE },
};

START_TEST (test_dotted)
{
	ck_assert_int_eq (st_ip_looks_dotted (dotted_cases[_i].in, -1), dotted_cases[_i].dotted);
}
END_TEST

static const struct {
	const char *ip;
	StIpScope scope;
} scope_cases[] = {
	{ "8.8.8.8", ST_IP_SCOPE_PUBLIC },
	{ "193.120.211.219", ST_IP_SCOPE_PUBLIC },
	{ "10.1.2.3", ST_IP_SCOPE_PRIVATE },
	{ "172.16.0.1", ST_IP_SCOPE_PRIVATE },
	{ "172.31.255.255", ST_IP_SCOPE_PRIVATE },
	{ "172.32.0.1", ST_IP_SCOPE_PUBLIC },
	{ "192.168.1.1", ST_IP_SCOPE_PRIVATE },
	{ "127.0.0.1", ST_IP_SCOPE_LOOPBACK },
	{ "127.255.0.9", ST_IP_SCOPE_LOOPBACK },
	{ "169.254.3.4", ST_IP_SCOPE_LINK_LOCAL },
	{ "100.64.0.1", ST_IP_SCOPE_SHARED },
	{ "0.1.2.3", ST_IP_SCOPE_RESERVED },
	{ "192.0.2.25", ST_IP_SCOPE_RESERVED },
	{ "198.51.100.9", ST_IP_SCOPE_RESERVED },
	{ "203.0.113.200", ST_IP_SCOPE_RESERVED },
	{ "224.0.0.1", ST_IP_SCOPE_RESERVED },
	{ "239.255.255.255", ST_IP_SCOPE_RESERVED },
	{ "240.0.0.1", ST_IP_SCOPE_RESERVED },
	{ "255.255.255.255", ST_IP_SCOPE_RESERVED },
	{ "::1", ST_IP_SCOPE_LOOPBACK },
	{ "::", ST_IP_SCOPE_RESERVED },
	{ "fe80::1", ST_IP_SCOPE_LINK_LOCAL },
	{ "fd12:3456::1", ST_IP_SCOPE_PRIVATE },
	{ "2001:db8::1", ST_IP_SCOPE_RESERVED },
	{ "ff02::1", ST_IP_SCOPE_RESERVED },
	{ "2a00:1450:4864:20::52f", ST_IP_SCOPE_PUBLIC },
	{ "2603:10b6:5:1c8::14", ST_IP_SCOPE_PUBLIC },
	{ "2002:a05:6a10:ab0b::1", ST_IP_SCOPE_PRIVATE },
	{ "2002:c633:6401::1", ST_IP_SCOPE_PUBLIC },
	{ "4000::1", ST_IP_SCOPE_RESERVED },
};

START_TEST (test_scope)
{
	StIp ip;
	const char *name = NULL;
	ck_assert (st_ip_parse (scope_cases[_i].ip, -1, &ip));
	ck_assert_msg (st_ip_scope (&ip, &name) == scope_cases[_i].scope, "%s: got scope %d (%s)",
		scope_cases[_i].ip, st_ip_scope (&ip, NULL), name);
}
END_TEST

static const struct {
	const char *cidr;
	const char *ip;
	gboolean inside;
} cidr_cases[] = {
	{ "192.0.2.0/24", "192.0.2.255", TRUE },
	{ "192.0.2.0/24", "192.0.3.0", FALSE },
	{ "192.0.2.77/24", "192.0.2.1", TRUE }, /* host bits are cleared */
	{ "10.0.0.0/8", "10.255.1.1", TRUE },
	{ "0.0.0.0/0", "203.0.113.5", TRUE },
	{ "192.0.2.1", "192.0.2.1", TRUE },
	{ "192.0.2.1", "192.0.2.2", FALSE },
	{ "172.16.0.0/12", "172.31.0.1", TRUE },
	{ "172.16.0.0/12", "172.32.0.1", FALSE },
	{ "2603:1000::/24", "2603:10b6:5:1c8::14", TRUE },
	{ "2603:1000::/24", "2604:10b6::1", FALSE },
	{ "2001:db8::/32", "192.0.2.1", FALSE },
	{ "::ffff:192.0.2.0/120", "192.0.2.9", TRUE },
};

START_TEST (test_cidr)
{
	StCidr c;
	StIp ip;
	ck_assert (st_cidr_parse (cidr_cases[_i].cidr, &c));
	ck_assert (st_ip_parse (cidr_cases[_i].ip, -1, &ip));
	ck_assert_int_eq (st_cidr_contains (&c, &ip), cidr_cases[_i].inside);
}
END_TEST

static const char *const bad_cidrs[] = { "192.0.2.0/33", "192.0.2.0/", "192.0.2.0/x",
	"2001:db8::/129", "host.example", "/24", "192.0.2.0/24/1", "192.0.2.0/-1" };

START_TEST (test_bad_cidr)
{
	StCidr c;
	ck_assert_msg (!st_cidr_parse (bad_cidrs[_i], &c), "'%s' accepted", bad_cidrs[_i]);
}
END_TEST

/* every byte at every position of a short string: no crash, no false
 * positives for non-digits in a dotted quad */
START_TEST (test_all_bytes)
{
	char s[] = "192.0.2.1";
	for (int pos = 0; pos < 9; pos++) {
		for (int b = 0; b < 256; b++) {
			StIp ip;
			char t[10];
			memcpy (t, s, sizeof t);
			t[pos] = (char)b;
			gboolean ok = st_ip_parse (t, 9, &ip);
			if (ok && ip.family == 4)
				ck_assert_msg (
					g_ascii_isdigit (b) || b == '.', "byte %d at %d", b, pos);
		}
	}
}
END_TEST

static Suite *
ip_suite (void)
{
	Suite *s = suite_create ("ip");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_parse, 0, G_N_ELEMENTS (parse_cases));
	tcase_add_loop_test (tc, test_dotted, 0, G_N_ELEMENTS (dotted_cases));
	tcase_add_loop_test (tc, test_scope, 0, G_N_ELEMENTS (scope_cases));
	tcase_add_loop_test (tc, test_cidr, 0, G_N_ELEMENTS (cidr_cases));
	tcase_add_loop_test (tc, test_bad_cidr, 0, G_N_ELEMENTS (bad_cidrs));
	tcase_add_test (tc, test_all_bytes);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (ip_suite ());
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
