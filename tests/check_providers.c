/* check_providers.c - the provider facts agree: every row of every table names a known
 * organisation, every network parses, every desk is a free-mail domain of its own organisation. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ip.h"
#include "providers.h"

static gboolean
real_org (StOrgId id)
{
	return id > ST_ORG_NONE && id < ST_ORG_COUNT;
}

/* Every word of @list (NULL: none) parses as a network; returns their number. */
static guint
nets_parse (const char *list, const char *row)
{
	guint n = 0;
	g_auto (GStrv) words = g_strsplit (list != NULL ? list : "", " ", -1);
	for (char **w = words; *w != NULL; w++) {
		StCidr cidr;
		if ((*w)[0] == '\0')
			continue;
		ck_assert_msg (st_cidr_parse (*w, &cidr), "%s: '%s' is no network", row, *w);
		n++;
	}
	ck_assert_msg (n <= ST_PROVIDER_MAX_NETS, "%s: %u networks in one list", row, n);
	return n;
}

START_TEST (test_orgs)
{
	g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

	ck_assert_ptr_null (st_org (ST_ORG_NONE));
	ck_assert_ptr_null (st_org (ST_ORG_COUNT));
	for (StOrgId id = ST_ORG_NONE + 1; id < ST_ORG_COUNT; id++) {
		const StOrg *o = st_org (id);
		ck_assert_ptr_nonnull (o);
		ck_assert_int_eq (o->id, id);
		ck_assert_ptr_nonnull (o->name);
		ck_assert_msg (g_hash_table_add (names, (gpointer)o->name), "%s twice", o->name);
	}
}
END_TEST

/* Each organisation is the key of some row: none is named and never used. */
START_TEST (test_every_org_used)
{
	const StProviderTables *t = st_provider_tables ();
	gboolean used[ST_ORG_COUNT] = { FALSE };

	const StProvider *p = t->receiving;
	for (gsize i = 0; i < t->n_receiving; i++) {
		ck_assert_msg (
			real_org (p[i].org), "receiving side %s: no organisation", p[i].name);
		used[p[i].org] = TRUE;
		nets_parse (p[i].internal_nets, p[i].name);
		nets_parse (p[i].edge_nets, p[i].name);
	}
	const StSender *s = t->sending;
	for (gsize i = 0; i < t->n_sending; i++) {
		ck_assert_msg (real_org (s[i].org), "sending side %s: no organisation", s[i].name);
		used[s[i].org] = TRUE;
		ck_assert_uint_gt (nets_parse (s[i].nets, s[i].name), 0);
		nets_parse (s[i].hop_nets, s[i].name);
	}
	const StLineShape *sh = t->shapes;
	for (gsize i = 0; i < t->n_shapes; i++)
		ck_assert_msg (real_org (sh[i].org), "shape %s: no organisation", sh[i].by);
	for (StOrgId id = ST_ORG_NONE + 1; id < ST_ORG_COUNT; id++)
		ck_assert_msg (used[id], "%s has no receiving or sending side", st_org (id)->name);
}
END_TEST

/* An organisation we write to about accounts sends mail (else no draft
 * could name one), and its desk is one of its own free-mail desks. */
START_TEST (test_account_desks)
{
	const StProviderTables *t = st_provider_tables ();
	const StSender *s = t->sending;
	const StFreeMail *fm = t->free_mail;
	gsize n_send = t->n_sending, n_free = t->n_free_mail;
	guint desks = 0;

	for (StOrgId id = ST_ORG_NONE + 1; id < ST_ORG_COUNT; id++) {
		const StOrg *o = st_org (id);
		if (o->account_desk == NULL) {
			ck_assert_ptr_null (o->reference);
			continue;
		}
		desks++;
		gboolean sends = FALSE, own = FALSE;
		for (gsize i = 0; i < n_send; i++)
			sends |= s[i].org == id;
		for (gsize i = 0; i < n_free; i++)
			own |= fm[i].org == id && g_str_equal (fm[i].desk, o->account_desk);
		ck_assert_msg (sends, "%s: a desk, and no sending side", o->name);
		ck_assert_msg (own, "%s: desk %s is none of its free-mail desks", o->name,
			o->account_desk);
	}
	ck_assert_uint_eq (desks, 3);
}
END_TEST

/* A free-mail desk is itself a free-mail domain of the same organisation,
 * each domain is listed once, and lookups ignore case. */
START_TEST (test_free_mail)
{
	const StFreeMail *fm = st_provider_tables ()->free_mail;
	gsize n = st_provider_tables ()->n_free_mail;

	for (gsize i = 0; i < n; i++) {
		ck_assert_msg (st_domain_name_valid (fm[i].domain, ST_DOMAIN_NAME_LDH), "%s",
			fm[i].domain);
		ck_assert_msg (
			fm[i].org >= ST_ORG_NONE && fm[i].org < ST_ORG_COUNT, "%s", fm[i].domain);
		ck_assert_ptr_eq (st_provider_free_mail (fm[i].domain), &fm[i]);
		const StFreeMail *desk = st_provider_free_mail (fm[i].desk);
		ck_assert_msg (desk != NULL && desk->org == fm[i].org,
			"%s: desk %s is not a domain of the same organisation", fm[i].domain,
			fm[i].desk);
	}
	const StFreeMail *g = st_provider_free_mail ("GoogleMail.COM");
	ck_assert_ptr_nonnull (g);
	ck_assert_str_eq (g->desk, "gmail.com");
	ck_assert_str_eq (st_org (g->org)->name, "Google");
	ck_assert_ptr_null (st_provider_free_mail ("gmail.com.evil.example"));
	ck_assert_ptr_null (st_provider_free_mail (NULL));
}
END_TEST

/* The first shape whose writer matches decides: Google's inbound servers
 * before the rest of google.com. */
START_TEST (test_shapes)
{
	const StLineShape *in = st_provider_shape ("mx.google.com");
	const StLineShape *any = st_provider_shape ("mail-sor-f41.google.com");
	ck_assert_ptr_nonnull (in);
	ck_assert_ptr_nonnull (any);
	ck_assert_ptr_ne (in, any);
	ck_assert_int_eq (in->org, ST_ORG_GOOGLE);
	ck_assert_int_eq (any->org, ST_ORG_GOOGLE);
	ck_assert_ptr_null (st_provider_shape ("google.com.evil.example"));
	ck_assert_ptr_null (st_provider_shape (""));
	ck_assert_int_eq (st_provider_shape ("AM0PR02MB1234.eurprd02.prod.outlook.com")->org,
		ST_ORG_MICROSOFT);
}
END_TEST

/* Host globs: a '*' across dots, any case; a glob that ends in '*' has no
 * tail to pass over ("mout*"), one without '*' is the whole name. */
START_TEST (test_globs)
{
	ck_assert (st_provider_shared_host ("MX.Google.COM"));
	ck_assert (st_provider_shared_host ("he1eur04ft031.eop-eur04.prod.protection.outlook.com"));
	ck_assert (st_provider_shared_host ("mout-xforward.example.net"));
	ck_assert (st_provider_shared_host ("nam12-dm6-obe.outbound.protection.outlook.com"));
	ck_assert (!st_provider_shared_host ("google.com.evil.example"));
	ck_assert (!st_provider_shared_host ("google.co"));
	ck_assert (!st_provider_shared_host ("om"));
	ck_assert (!st_provider_shared_host (""));
	ck_assert (!st_provider_shared_host (NULL));
}
END_TEST

/* The networks, parsed once, answer as the text says. */
START_TEST (test_networks)
{
	const StProviderTables *t = st_provider_tables ();
	const StSender *google = NULL;
	StIp in, out;

	for (gsize i = 0; i < t->n_sending; i++)
		if (t->sending[i].org == ST_ORG_GOOGLE)
			google = &t->sending[i];
	ck_assert_ptr_nonnull (google);
	ck_assert (st_ip_parse ("209.85.220.41", -1, &in));
	ck_assert (st_ip_parse ("203.0.113.5", -1, &out));
	ck_assert (st_sender_has_addr (google, &in));
	ck_assert (!st_sender_has_addr (google, &out));
	ck_assert (!st_sender_has_addr (google, NULL));

	const StProvider *p = t->receiving;
	ck_assert_int_eq (p[0].org, ST_ORG_MICROSOFT);
	ck_assert (st_ip_parse ("2603:10a6:10:46a::17", -1, &in));
	ck_assert (st_provider_has_internal (&p[0], &in));
	ck_assert (!st_provider_has_internal (&p[0], &out));
}
END_TEST

static Suite *
providers_suite (void)
{
	Suite *s = suite_create ("providers");
	TCase *tc = tcase_create ("tables");

	tcase_add_test (tc, test_orgs);
	tcase_add_test (tc, test_every_org_used);
	tcase_add_test (tc, test_account_desks);
	tcase_add_test (tc, test_free_mail);
	tcase_add_test (tc, test_shapes);
	tcase_add_test (tc, test_globs);
	tcase_add_test (tc, test_networks);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (providers_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
