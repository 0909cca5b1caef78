/* check_policy.c - tests for lib/complaint/policy.c and the name validator of lib/trace/domain.c:
 * which addresses a draft may go to, whose mailboxes are the user's, the well-known sites.
 * RFC 5321 4.1.2 and 4.1.3, RFC 1123 2.1. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "domain.h"
#include "policy.h"

/* Addresses as a draft's recipient: valid, or withheld. */
static const struct {
	const char *address;
	gboolean valid;
} address_cases[] = {
	{ "abuse@isp-one.zz", TRUE },
	{ "postmaster@[192.0.2.1]", TRUE },
	{ "postmaster@[IPv6:2001:db8::1]", TRUE },
	{ "abuse@xn--bcher-kva.de", TRUE },
	{ "first.last+tag@example.net", TRUE },
	{ "postmaster@com,attacker@example.org", FALSE },
	{ "a%b@example.net", FALSE },
	{ "host!user@example.net", FALSE },
	{ "\"quoted\"@example.net", FALSE },
	{ "two words@example.net", FALSE },
	{ "abuse@example.net,x", FALSE },
	{ "abuse@@example.net", FALSE },
	{ "abuse", FALSE },
	{ "@example.net", FALSE },
	{ "abuse@", FALSE },
	{ "abuse@localhost", FALSE },
	{ "abuse@-bad.example.net", FALSE },
	{ "abuse@bad-.example.net", FALSE },
	{ "abuse@a..example.net", FALSE },
	{ "abuse@under_score.example.net", FALSE },
	{ "abuse@b\xc3\xbc"
	  "cher.de",
		FALSE },
	{ "abuse@192.0.2.1", FALSE },
	{ "postmaster@[2001:db8::1]", FALSE },
	{ "postmaster@[IPv6:192.0.2.1]", FALSE },
	{ "postmaster@[500.1.1.1]", FALSE },
	{ ".abuse@example.net", FALSE },
	{ "ab..use@example.net", FALSE },
};

START_TEST (test_address_valid)
{
	const char *why = NULL;
	gboolean got = st_policy_address_valid (address_cases[_i].address, &why);
	ck_assert_msg (got == address_cases[_i].valid, "%s: %s", address_cases[_i].address,
		why != NULL ? why : "valid");
	ck_assert (got == (why == NULL));
}
END_TEST

/* Every byte against the class it is in: letters, digits and '-' in a
 * host name, '_' only in DNS names, nothing else. */
START_TEST (test_name_bytes)
{
	for (int c = 1; c < 256; c++) {
		char name[] = "ab.x.cd";
		name[3] = (char)c;
		gboolean ldh = g_ascii_isalnum (c) || c == '-';
		ck_assert_msg (st_domain_name_valid (name, ST_DOMAIN_NAME_LDH) == (ldh && c != '-'),
			"byte %d", c);
		ck_assert_msg (st_domain_name_valid (name, ST_DOMAIN_NAME_UNDERSCORE) ==
				       ((ldh || c == '_') && c != '-'),
			"byte %d with underscores", c);
	}
	ck_assert (st_domain_name_valid ("a-b.example.", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid ("", ST_DOMAIN_NAME_LDH));
	ck_assert (!st_domain_name_valid (".", ST_DOMAIN_NAME_LDH));
	g_autofree char *long_label = g_strnfill (64, 'a');
	ck_assert (!st_domain_name_valid (long_label, ST_DOMAIN_NAME_LDH));
	long_label[63] = '\0';
	ck_assert (st_domain_name_valid (long_label, ST_DOMAIN_NAME_LDH));
}
END_TEST

/* Two mailboxes of one person share a key. */
static const struct {
	const char *a;
	const char *b;
	gboolean same;
} key_cases[] = {
	{ "Alice@Home.ZZ", "alice@home.zz", TRUE },
	{ "alice+spam@home.zz", "alice@home.zz", TRUE },
	{ "a.lice.smith@gmail.com", "alicesmith@gmail.com", TRUE },
	{ "AliceSmith@googlemail.com", "alice.smith@gmail.com", TRUE },
	{ "alice.smith+x@GMAIL.COM", "alicesmith@gmail.com", TRUE },
	/* dots matter elsewhere */
	{ "a.lice@home.zz", "alice@home.zz", FALSE },
	{ "alice@home.zz", "alice@home2.zz", FALSE },
	{ "bob@gmail.com", "alice@gmail.com", FALSE },
};

START_TEST (test_mailbox_key)
{
	g_autofree char *a = st_policy_mailbox_key (key_cases[_i].a);
	g_autofree char *b = st_policy_mailbox_key (key_cases[_i].b);
	ck_assert_msg (g_str_equal (a, b) == key_cases[_i].same, "%s / %s", a, b);
}
END_TEST

START_TEST (test_well_known)
{
	g_autoptr (StWellKnown) wk = st_well_known_new ();
	st_well_known_add (wk, "Facebook.com");
	st_well_known_add (wk, "*.example");
	st_well_known_add (wk, "  ");
	ck_assert_str_eq (st_well_known_find (wk, "www.facebook.com"), "facebook.com");
	ck_assert_str_eq (st_well_known_find (wk, "FACEBOOK.COM"), "facebook.com");
	ck_assert_str_eq (st_well_known_find (wk, "a.b.example"), "example");
	ck_assert_ptr_null (st_well_known_find (wk, "notfacebook.com"));
	ck_assert_ptr_null (st_well_known_find (wk, "facebook.com.evil.zz"));

	/* the shipped list reads, and covers what the file's head promises */
	const char *top = g_getenv ("top_srcdir");
	g_autofree char *path =
		g_build_filename (top != NULL ? top : ".", "data", "well-known-sites.txt", NULL);
	g_autoptr (StWellKnown) shipped = st_well_known_new ();
	ck_assert (st_well_known_add_file (shipped, path, NULL));
	static const char *const hosts[] = { "www.linkedin.com", "fonts.googleapis.com",
		"u123.ct.sendgrid.net", "www.w3.org", "d1.cloudfront.net", "www.paypal.com" };
	for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
		ck_assert_msg (st_well_known_find (shipped, hosts[i]) != NULL, "%s", hosts[i]);
	ck_assert_ptr_null (st_well_known_find (shipped, "bit.ly"));
	ck_assert (!st_well_known_add_file (shipped, "/nonexistent/list", NULL));
}
END_TEST

/* Every rule has its row, code and meaning. */
START_TEST (test_rules)
{
	g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
	for (int r = 0; r < ST_RULE_COUNT; r++) {
		const char *code = st_rule_code ((StRule)r);
		ck_assert_str_ne (code, "unknown");
		ck_assert_msg (g_hash_table_add (codes, (gpointer)code), "%s twice", code);
		ck_assert (strlen (st_rule_meaning ((StRule)r)) > 10);
	}
	ck_assert_str_eq (st_rule_code (ST_RULE_COUNT), "unknown");
}
END_TEST

static Suite *
policy_suite (void)
{
	Suite *s = suite_create ("policy");
	TCase *tc = tcase_create ("core");
	tcase_add_loop_test (tc, test_address_valid, 0, G_N_ELEMENTS (address_cases));
	tcase_add_test (tc, test_name_bytes);
	tcase_add_loop_test (tc, test_mailbox_key, 0, G_N_ELEMENTS (key_cases));
	tcase_add_test (tc, test_well_known);
	tcase_add_test (tc, test_rules);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (policy_suite ());
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? 0 : 1;
}
