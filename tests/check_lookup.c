/* check_lookup.c - tests for lookup.c: cache, RDAP, whois and abuse.net together, and each failing.
 * RFC 9224, RFC 7480 section 5.5, RFC 3912; every server on 127.0.0.1, started here. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <check.h>

#include "dnsmasq.h"
#include "fixture-server.h"
#include "testdata.h"
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cache.h"
#include "dns.h"
#include "error.h"
#include "lookup.h"

/* the files of tests/data: tests/testdata.c */
#define data_path st_test_data_path
#define read_data st_test_read

/* ---- dnsmasq ------------------------------------------------------------ */

static const char *dns_server; /* NULL: dnsmasq is not installed; the tests needing it skip */

/* dnsmasq on 127.0.0.1 with tests/data/dns/records.conf: tests/dnsmasq.c */
static void
dnsmasq_start (void)
{
	dns_server = st_test_dnsmasq_start ("check_lookup");
}

static void
dnsmasq_stop (void)
{
	st_test_dnsmasq_stop ();
	dns_server = NULL;
}

/* ---- the RDAP and whois servers on 127.0.0.1: tests/fixture-server.c -- */

/* RDAP answers by path. "{port}" in headers is the HTTP server's port. */
static const StTestRoute routes[] = {
	{ "/ripe/ip/193.0.6.139", "200 OK", "Content-Type: application/rdap+json\r\n",
		"written/ripe_ip_193.0.6.0.json", NULL },
	/* ARIN sends a LACNIC address on to LACNIC (RFC 7480 section 5.2) */
	{ "/arin/registry/ip/200.3.12.1", "301 Moved Permanently",
		"Location: https://rdap.lacnic.net/lacnic/rdap/ip/200.3.12.1\r\n", NULL, "" },
	{ "/lacnic/rdap/ip/200.3.12.1", "200 OK", "Content-Type: application/rdap+json\r\n",
		"written/lacnic_ip_200.3.12.0.json", NULL },
	{ "/apnic/ip/203.0.113.5", "429 Too Many Requests", "Retry-After: 120\r\n", NULL,
		"{\"errorCode\": 429, \"title\": \"Too Many Requests\"}" },
	/* Retry-After as an HTTP-date, none, too short, too long; a 503 with
	 * one and without */
	{ "/apnic/ip/203.0.113.20", "429 Too Many Requests", "Retry-After: {date+7200}\r\n", NULL,
		"" },
	{ "/apnic/ip/203.0.113.21", "429 Too Many Requests", "", NULL, "" },
	{ "/apnic/ip/203.0.113.22", "429 Too Many Requests", "Retry-After: 5\r\n", NULL, "" },
	{ "/apnic/ip/203.0.113.23", "429 Too Many Requests", "Retry-After: 9999999\r\n", NULL, "" },
	{ "/apnic/ip/203.0.113.24", "503 Service Unavailable", "Retry-After: 600\r\n", NULL, "" },
	{ "/apnic/ip/203.0.113.25", "503 Service Unavailable", "", NULL, "" },
	{ "/lacnic/rdap/ip/192.0.2.1", "200 OK", "Content-Type: application/rdap+json\r\n", NULL,
		"{\"objectClassName\": \"ip network\", \"handle\": " },
	{ "/afrinic/rdap/ip/198.18.0.1", NULL, "", NULL, "" },
	{ "/com/v1/domain/20c.com", "200 OK", "Content-Type: application/rdap+json\r\n",
		"20c-rdap/rdap_domain_20c.com.input", NULL },
	{ "/fr/domain/lemonde.fr", "500 Internal Server Error", "", NULL, "<html>busy</html>" },
	/* AS numbers */
	{ "/arin/registry/autnum/63311", "200 OK", "Content-Type: application/rdap+json\r\n",
		"20c-rdap/rdap_autnum_63311.input", NULL },
	/* IANA's file may name the wrong RIR after a transfer: ARIN sends it on */
	{ "/arin/registry/autnum/205697", "301 Moved Permanently",
		"Location: https://rdap.db.ripe.net/ripe/autnum/205697\r\n", NULL, "" },
	/* where an answer may not send us (destination.h): a redirect to an
	 * address over http, or to an address; a port43 that is an address and
	 * a port, or a name that resolves to a private address */
	{ "/arin/registry/autnum/64501", "301 Moved Permanently",
		"Location: http://127.0.0.1:{port}/ripe/autnum/205697\r\n", NULL, "" },
	{ "/arin/registry/autnum/64502", "301 Moved Permanently",
		"Location: https://127.0.0.1/ripe/autnum/205697\r\n", NULL, "" },
	{ "/arin/registry/autnum/64503", "200 OK", "Content-Type: application/rdap+json\r\n", NULL,
		"{\"objectClassName\": \"autnum\", \"handle\": \"AS64503\", \"port43\": "
		"\"127.0.0.1:6391\"}" },
	{ "/arin/registry/autnum/64507", "200 OK", "Content-Type: application/rdap+json\r\n", NULL,
		"{\"objectClassName\": \"autnum\", \"handle\": \"AS64507\", \"port43\": "
		"\"whois.lan-registry.net\"}" },
	{ "/ripe/autnum/205697", "200 OK", "Content-Type: application/rdap+json\r\n",
		"20c-rdap/rdap_autnum_205697.input", NULL },
	{ "/arin/registry/autnum/64500", "500 Internal Server Error", "", NULL,
		"<html>busy</html>" },
	{ "/arin/registry/autnum/64504", "500 Internal Server Error", "", NULL, "" },
	{ "/arin/registry/autnum/64505", "500 Internal Server Error", "", NULL, "" },
	{ "/arin/registry/autnum/64506", "500 Internal Server Error", "", NULL, "" },
	/* an answer with no contact, whose port43 is whois.nic.br */
	{ "/lacnic/rdap/autnum/53170", "200 OK", "Content-Type: application/rdap+json\r\n",
		"20c-rdap/rdap_autnum_53170.input", NULL },
	{ "/apnic/autnum/9269", "429 Too Many Requests", "Retry-After: 120\r\n", NULL, "" },
	{ "/afrinic/rdap/autnum/37271", NULL, "", NULL, "" },
};

/* whois answers: the first row of the server's name whose @question is in
 * the question asked (NULL: any). */
typedef enum { ANSWER, SILENT, TRUNCATED } WhoisMode;

static const struct {
	const char *server;
	const char *question;
	WhoisMode mode;
	const char *file; /* under tests/data/whois */
	const char *text;
} whois_rows[] = {
	{ "whois.iana.org", "240.0.0.1", ANSWER, NULL,
		"% IANA WHOIS server\n\nrefer:        whois.apnic.net\n\ninetnum:      240.0.0.0 - "
		"255.255.255.255\nstatus:       RESERVED\n" },
	{ "whois.iana.org", "lemonde.fr", ANSWER, "iana-tld.txt", NULL },
	{ "whois.iana.org", NULL, ANSWER, NULL, "" }, /* says nothing: an empty answer */
	{ "whois.arin.net", "a + AS64500", ANSWER, "arin-autnum.txt", NULL },
	{ "whois.arin.net", "a + AS64501", ANSWER, NULL, "OrgAbuseEmail: abuse@iana.org\n" },
	{ "whois.arin.net", "a + AS64502", ANSWER, NULL, "OrgAbuseEmail: abuse@iana.org\n" },
	/* referrals an answer may not make: to an address, another port, a
	 * name that resolves to a private address (tests/data/dns/records.conf) */
	{ "whois.arin.net", "a + AS64504", ANSWER, NULL,
		"OrgAbuseEmail: abuse@iana.org\nReferralServer: whois://127.0.0.1:6391\n" },
	{ "whois.arin.net", "a + AS64505", ANSWER, NULL,
		"OrgAbuseEmail: abuse@iana.org\nReferralServer: "
		"whois://whois.other-registry.net:4343\n" },
	{ "whois.arin.net", "a + AS64506", ANSWER, NULL,
		"OrgAbuseEmail: abuse@iana.org\nReferralServer: whois://whois.lan-registry.net\n" },
	{ "whois.arin.net", NULL, ANSWER, "arin-referral.txt", NULL },
	{ "whois.ripe.net", "AS3333", ANSWER, "ripe-autnum.txt", NULL },
	{ "whois.ripe.net", NULL, ANSWER, "ripe-inetnum.txt", NULL },
	{ "whois.apnic.net", "AS9269", ANSWER, NULL, "" },
	{ "whois.apnic.net", NULL, ANSWER, "apnic-inetnum.txt", NULL },
	{ "whois.lacnic.net", NULL, SILENT, NULL, NULL },
	{ "whois.afrinic.net", NULL, TRUNCATED, "afrinic-inetnum.txt", NULL },
	{ "whois.nic.fr", NULL, ANSWER, "gtld-registrar.txt", NULL },
	/* The registrar's own server, which gtld-registrar.txt refers to. */
	{ "whois.markmonitor.com", NULL, ANSWER, "gtld-registrar.txt", NULL },
	/* an answer that names nobody */
	{ "whois.nic.br", NULL, ANSWER, NULL, "% spamtrace test fixture: no contact here\n" },
};

/* Bytes of the answer a TRUNCATED server sends before it hangs up: the
 * abuse comment line and the inetnum object, not the roles after them. */
#define TRUNCATE_AT 640

/* What the whois server standing for @data (a name of whois_rows) says. */
static char *
whois_reply (const char *question, gsize *len, gpointer data)
{
	const char *name = data;
	char *text;
	guint r;

	for (r = 0; r < G_N_ELEMENTS (whois_rows); r++)
		if (strcmp (whois_rows[r].server, name) == 0 &&
			(whois_rows[r].question == NULL ||
				strstr (question, whois_rows[r].question) != NULL))
			break;
	ck_assert (r < G_N_ELEMENTS (whois_rows));
	if (whois_rows[r].mode == SILENT)
		return NULL;
	if (whois_rows[r].file != NULL) {
		text = read_data ("whois", whois_rows[r].file, len);
	} else {
		text = g_strdup (whois_rows[r].text);
		*len = strlen (text);
	}
	if (whois_rows[r].mode == TRUNCATED)
		*len = MIN (*len, TRUNCATE_AT);
	return text;
}

static char *
replace_all (const char *text, const char *what, const char *with)
{
	g_auto (GStrv) parts = g_strsplit (text, what, -1);
	return g_strjoinv (with, parts);
}

/* ---- the world: bootstrap files naming the real registries, each
 * overridden to a server here ------------------------------------------ */

static const char *const rdap_hosts[][2] = {
	/* host in the bootstrap, path prefix on our HTTP server */
	{ "rdap.db.ripe.net", "/ripe" },
	{ "rdap.arin.net", "/arin" },
	{ "rdap.apnic.net", "/apnic" },
	{ "rdap.lacnic.net", "/lacnic" },
	{ "rdap.afrinic.net", "/afrinic" },
	{ "rdap.verisign.com", "" },
	{ "rdap.nic.fr", "/fr" },
};

static const char *const bootstrap_files[][2] = {
	{ "ipv4.json",
		"{\"version\": \"1.0\", \"publication\": \"2026-01-01T00:00:00Z\", \"services\": ["
		"[[\"193.0.0.0/8\"], [\"https://rdap.db.ripe.net/\"]],"
		"[[\"198.51.100.0/24\", \"200.0.0.0/8\"], [\"https://rdap.arin.net/registry/\"]],"
		"[[\"203.0.113.0/24\"], [\"https://rdap.apnic.net/\"]],"
		"[[\"192.0.2.0/24\"], [\"https://rdap.lacnic.net/rdap/\"]],"
		"[[\"198.18.0.0/15\"], [\"https://rdap.afrinic.net/rdap/\"]]]}" },
	{ "ipv6.json",
		"{\"version\": \"1.0\", \"publication\": \"2026-01-01T00:00:00Z\", \"services\": ["
		"[[\"2001:db8::/32\"], [\"https://rdap.db.ripe.net/\"]]]}" },
	{ "dns.json",
		"{\"version\": \"1.0\", \"publication\": \"2026-01-01T00:00:00Z\", \"services\": ["
		"[[\"com\"], [\"https://rdap.verisign.com/com/v1/\"]],"
		"[[\"fr\"], [\"https://rdap.nic.fr/\"]]]}" },
	{ "asn.json",
		"{\"version\": \"1.0\", \"publication\": \"2026-01-01T00:00:00Z\", \"services\": ["
		"[[\"63311\", \"205697\", \"64496-64511\"], [\"https://rdap.arin.net/registry/\"]],"
		"[[\"3333\"], [\"https://rdap.db.ripe.net/\"]],"
		"[[\"9269\"], [\"https://rdap.apnic.net/\"]],"
		"[[\"53170\"], [\"https://rdap.lacnic.net/rdap/\"]],"
		"[[\"37271\"], [\"https://rdap.afrinic.net/rdap/\"]]]}" },
};

static StTestServer *http;
static GHashTable *whois_servers; /* name -> StTestServer* */
static char *tmpdir;
static GPtrArray *overrides; /* "NAME=127.0.0.1:PORT", NULL-terminated */

static void
world_start (void)
{
	g_autofree char *boot = NULL;

	tmpdir = g_dir_make_tmp ("check_lookup-XXXXXX", NULL);
	boot = g_build_filename (tmpdir, "bootstrap", NULL);
	ck_assert (g_mkdir (boot, 0700) == 0);
	http = st_test_http_start (routes, G_N_ELEMENTS (routes));
	overrides = g_ptr_array_new_with_free_func (g_free);
	for (guint i = 0; i < G_N_ELEMENTS (bootstrap_files); i++) {
		g_autofree char *text = g_strdup (bootstrap_files[i][1]);
		g_autofree char *path = g_build_filename (boot, bootstrap_files[i][0], NULL);
		/* Our server serves each registry under its own path prefix. */
		for (guint h = 0; h < G_N_ELEMENTS (rdap_hosts); h++) {
			g_autofree char *from = g_strdup_printf ("%s/", rdap_hosts[h][0]);
			g_autofree char *to =
				g_strdup_printf ("%s%s/", rdap_hosts[h][0], rdap_hosts[h][1]);
			g_autofree char *next = replace_all (text, from, to);
			g_free (text);
			text = g_steal_pointer (&next);
		}
		ck_assert (g_file_set_contents (path, text, -1, NULL));
	}
	for (guint h = 0; h < G_N_ELEMENTS (rdap_hosts); h++)
		g_ptr_array_add (overrides, g_strdup_printf ("%s=127.0.0.1:%u", rdap_hosts[h][0],
						    st_test_server_port (http)));
	whois_servers = g_hash_table_new_full (
		g_str_hash, g_str_equal, NULL, (GDestroyNotify)st_test_server_stop);
	for (guint r = 0; r < G_N_ELEMENTS (whois_rows); r++) {
		StTestServer *s;
		if (g_hash_table_contains (whois_servers, whois_rows[r].server))
			continue;
		s = st_test_whois_start (whois_reply, (gpointer)whois_rows[r].server);
		g_hash_table_insert (whois_servers, (gpointer)whois_rows[r].server, s);
		g_ptr_array_add (overrides, g_strdup_printf ("%s=127.0.0.1:%u",
						    whois_rows[r].server, st_test_server_port (s)));
	}
	g_ptr_array_add (overrides, NULL);
}

static void
world_stop (void)
{
	g_autofree char *cmd = NULL;

	st_test_server_stop (http);
	g_hash_table_unref (whois_servers);
	g_ptr_array_unref (overrides);
	{
		const char *names[] = { "ipv4.json", "ipv6.json", "dns.json", "asn.json" };
		g_autofree char *boot = g_build_filename (tmpdir, "bootstrap", NULL);
		for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
			g_autofree char *p = g_build_filename (boot, names[i], NULL);
			g_unlink (p);
		}
		g_rmdir (boot);
	}
	{
		const char *names[] = { "cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm" };
		for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
			g_autofree char *p = g_build_filename (tmpdir, names[i], NULL);
			g_unlink (p);
		}
	}
	g_rmdir (tmpdir);
	g_clear_pointer (&tmpdir, g_free);
}

/* A lookup on the world with the flags of @o: the world's bootstrap files,
 * overrides and cache file, dnsmasq unless @o names a DNS server, 1 s per
 * server. */
static StLookup *
lookup_with (StLookupOptions o)
{
	g_autofree char *boot = g_build_filename (tmpdir, "bootstrap", NULL);
	g_autofree char *cache_path = g_build_filename (tmpdir, "cache.sqlite", NULL);
	g_autoptr (GError) error = NULL;
	StLookup *l;

	if (o.dns_server == NULL)
		o.dns_server = dns_server;
	o.rdap_bootstrap = boot;
	o.overrides = (const char *const *)overrides->pdata;
	o.cache_path = cache_path;
	o.timeout_ms = 1000;
	l = st_lookup_new (&o, &error);
	ck_assert_msg (l != NULL, "%s", error->message);
	return l;
}

/* No cache unless @cache. */
static StLookup *
lookup_new (gboolean cache, gboolean offline, guint budget_ms)
{
	return lookup_with ((StLookupOptions){
		.offline = offline, .no_cache = !cache, .budget_ms = budget_ms });
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
	return strcmp (*(char *const *)a, *(char *const *)b);
}

/* "address scope confidence source" each, sorted, "; "-joined; an RDAP URL
 * source shows as its path. */
static char *
describe (const StContactList *list)
{
	g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
	g_autofree char *prefix =
		g_strdup_printf ("http://127.0.0.1:%u", st_test_server_port (http));

	for (guint i = 0; i < st_contact_list_length (list); i++) {
		const StContact *c = st_contact_list_get (list, i);
		const char *source = c->source;
		if (g_str_has_prefix (source, prefix))
			source += strlen (prefix);
		g_ptr_array_add (rows, g_strdup_printf ("%s %s %s %s", c->address,
					       st_contact_scope_name (c->scope),
					       st_contact_confidence_name (c->confidence), source));
	}
	g_ptr_array_sort (rows, compare_strings);
	g_ptr_array_add (rows, NULL);
	return g_strjoinv ("; ", (char **)rows->pdata);
}

static char *
failures_text (const StLookup *l)
{
	const GPtrArray *f = st_lookup_failures (l);
	GString *s = g_string_new (NULL);

	for (guint i = 0; i < f->len; i++)
		g_string_append_printf (s, "%s%s", i > 0 ? "\n" : "", (const char *)f->pdata[i]);
	return g_string_free (s, FALSE);
}

/* What a st_lookup_*_contacts call gave against what a case wants: @ok,
 * the contacts as describe () writes them, and the failures, one line
 * each, in order, as a prefix of the line ("|"-separated). */
static void
check_answer (const StLookup *l, const char *what, gboolean ok, const GError *error,
	const StContactList *out, gboolean want_ok, const char *contacts, const char *failures)
{
	g_autofree char *got = describe (out);
	g_autofree char *text = failures_text (l);
	g_auto (GStrv) want =
		failures[0] != '\0' ? g_strsplit (failures, "|", -1) : g_new0 (char *, 1);

	ck_assert_msg (ok == want_ok, "%s: %s", what, error != NULL ? error->message : "no error");
	ck_assert_str_eq (got, contacts);
	ck_assert_msg (st_lookup_failures (l)->len == g_strv_length (want), "failures:\n%s", text);
	for (guint i = 0; want[i] != NULL; i++)
		ck_assert_msg (g_str_has_prefix (st_lookup_failures (l)->pdata[i], want[i]),
			"failure %u: %s", i, (const char *)st_lookup_failures (l)->pdata[i]);
	if (!ok) {
		ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
		ck_assert_msg (g_str_has_prefix (error->message, "no source answered about '"),
			"%s", error->message);
	}
}

/* ---- addresses ---------------------------------------------------------- */

/* failures: as check_answer wants them */
static const struct {
	const char *ip;
	gboolean ok;
	const char *contacts;
	const char *failures;
	const char *ptr; /* confirmed PTR name, or NULL */
	gint64 max_ms;
} address_cases[] = {
	/* RDAP answers; abuse.net (the PTR name is confirmed) agrees on abuse@ */
	{ "193.0.6.139", TRUE,
		"abuse@ripe.net network high https://rdap.db.ripe.net/ripe/ip/193.0.6.139; "
		"ops@ripe.net network low https://rdap.db.ripe.net/ripe/ip/193.0.6.139",
		"", "www.ripe.net", 1000 },
	/* ARIN redirects to LACNIC (over https, overridden here): the contacts
	 * name LACNIC's URL */
	{ "200.3.12.1", TRUE,
		"abuse@lacnic.net network high https://rdap.lacnic.net/lacnic/rdap/ip/200.3.12.1; "
		"ops@lacnic.net network low https://rdap.lacnic.net/lacnic/rdap/ip/200.3.12.1",
		"", NULL, 1000 },
	/* RDAP 404: ARIN's whois, which refers to RIPE's */
	{ "198.51.100.7", TRUE,
		"abuse@ripe.net network high whois.ripe.net; cert@ripe.net network medium "
		"whois.ripe.net; ops@ripe.net network low whois.ripe.net",
		"rdap https://rdap.arin.net/arin/registry/ip/198.51.100.7: rdap server answered "
		"HTTP 404",
		NULL, 1000 },
	/* RDAP 429: not retried; APNIC's whois; abuse.net for the confirmed PTR */
	{ "203.0.113.5", TRUE,
		"abuse@isp-one.net network medium abuse.net (isp-one.net.contacts.abuse.net); "
		"helpdesk@apnic.net network high whois.apnic.net; "
		"netops@apnic.net network low whois.apnic.net; "
		"noc@isp-one.net network medium abuse.net (isp-one.net.contacts.abuse.net)",
		"rdap https://rdap.apnic.net/apnic/ip/203.0.113.5: rate limited (HTTP 429); not "
		"asked again for 120 s",
		"mail.isp-one.net", 1000 },
	/* not in the bootstrap: IANA refers to APNIC */
	{ "240.0.0.1", TRUE,
		"helpdesk@apnic.net network high whois.apnic.net; "
		"netops@apnic.net network low whois.apnic.net",
		"rdap: no service in the bootstrap covers 240.0.0.1", NULL, 1000 },
	/* RDAP never answers; whois hangs up mid-answer: what came is data */
	{ "198.18.0.1", TRUE, "abuse@afrinic.net network high whois.afrinic.net",
		"rdap https://rdap.afrinic.net/afrinic/rdap/ip/198.18.0.1: cannot fetch", NULL,
		2500 },
	/* malformed JSON, then a whois server that never answers: no source */
	{ "192.0.2.1", FALSE, "",
		"rdap https://rdap.lacnic.net/lacnic/rdap/ip/192.0.2.1: rdap answer is not JSON|"
		"whois whois.lacnic.net: no whole answer within 1000 ms",
		NULL, 2500 },
};

START_TEST (test_address)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	gint64 start, ms;
	gboolean ok, confirmed = FALSE;
	const char *ptr;

	if (dns_server == NULL)
		return;
	l = lookup_new (FALSE, FALSE, 0);
	start = g_get_monotonic_time ();
	ok = st_lookup_address_contacts (l, address_cases[_i].ip, out, &error);
	ms = (g_get_monotonic_time () - start) / 1000;
	check_answer (l, address_cases[_i].ip, ok, error, out, address_cases[_i].ok,
		address_cases[_i].contacts, address_cases[_i].failures);
	ptr = st_lookup_ptr_name (l, &confirmed);
	ck_assert_pstr_eq (confirmed ? ptr : NULL, address_cases[_i].ptr);
	ck_assert_msg (ms <= address_cases[_i].max_ms, "took %" G_GINT64_FORMAT " ms", ms);
}
END_TEST

/* --dns-server finds the whois servers' own names: RIPE's whois is reached
 * under a name only dnsmasq knows (whois.registry.test), which the system's
 * resolver could not find. */
START_TEST (test_whois_by_name)
{
	g_autoptr (GPtrArray) named = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	g_autoptr (StLookup) l = NULL;
	g_autofree char *boot = g_build_filename (tmpdir, "bootstrap", NULL);

	if (dns_server == NULL)
		return;
	for (guint i = 0; i + 1 < overrides->len; i++) {
		const char *o = overrides->pdata[i];
		g_ptr_array_add (
			named, g_str_has_prefix (o, "whois.ripe.net=127.0.0.1:")
				       ? g_strdup_printf ("whois.ripe.net=whois.registry.test:%s",
						 strrchr (o, ':') + 1)
				       : g_strdup (o));
	}
	g_ptr_array_add (named, NULL);
	l = st_lookup_new (&(StLookupOptions){ .dns_server = dns_server,
				   .rdap_bootstrap = boot,
				   .overrides = (const char *const *)named->pdata,
				   .no_cache = TRUE,
				   .timeout_ms = 1000 },
		&error);
	ck_assert_msg (l != NULL, "%s", error->message);
	ck_assert (st_lookup_address_contacts (l, "198.51.100.7", out, NULL));
	ck_assert_ptr_nonnull (
		st_contact_list_find (out, "abuse@ripe.net", ST_CONTACT_SCOPE_NETWORK));
}
END_TEST

/* A 429 is not asked again: not in this call, and not in the next; with
 * the cache (_i 0) and without (_i 1). */
START_TEST (test_rate_limited)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autofree char *failures = NULL;
	const char *path = "GET /apnic/ip/203.0.113.5 ";
	guint before = st_test_server_count (http, path);

	if (dns_server == NULL)
		return;
	ck_assert_uint_eq (before, 0);
	/* remembered in the process, and in the cache for the others */
	l = lookup_new (_i == 0, FALSE, 0);
	ck_assert (st_lookup_address_contacts (l, "203.0.113.5", out, NULL));
	ck_assert_uint_eq (st_test_server_count (http, path), before + 1);
	ck_assert (st_lookup_address_contacts (l, "203.0.113.5", out, NULL));
	ck_assert_uint_eq (st_test_server_count (http, path), before + 1);
	failures = failures_text (l);
	ck_assert_msg (
		strstr (failures, "rate limited (HTTP 429) a short while ago; not asked") != NULL,
		"%s", failures);
	/* An answer put together while RDAP failed is not cached: whois is
	 * asked again. */
	ck_assert_uint_eq (
		st_test_server_count (
			g_hash_table_lookup (whois_servers, "whois.apnic.net"), "203.0.113.5"),
		2);
}
END_TEST

/* The pause a 429 or 503 answer asks for, as the failure line says it and
 * as another process sharing the cache keeps it: at least @min, at most @max
 * seconds (an HTTP-date is a second coarse); 0: no pause at all. */
static const struct {
	const char *ip;
	const char *said; /* the failure line after the URL, up to the figure */
	guint min, max;
} pause_cases[] = {
	{ "203.0.113.5", "rate limited (HTTP 429); not asked again for ", 120, 120 },
	{ "203.0.113.20", "rate limited (HTTP 429); not asked again for ", 7198, 7200 },
	{ "203.0.113.21", "rate limited (HTTP 429); not asked again for ", 300, 300 },
	{ "203.0.113.22", "rate limited (HTTP 429); not asked again for ", 60, 60 },
	{ "203.0.113.23", "rate limited (HTTP 429); not asked again for ", 86400, 86400 },
	{ "203.0.113.24", "unavailable (HTTP 503); not asked again for ", 600, 600 },
	{ "203.0.113.25", "rdap server answered HTTP 503", 0, 0 },
};

START_TEST (test_pause)
{
	g_autofree char *cache_path = g_build_filename (tmpdir, "cache.sqlite", NULL);
	g_autofree char *path = g_strdup_printf ("GET /apnic/ip/%s ", pause_cases[_i].ip);
	g_autofree char *prefix = g_strdup_printf ("rdap https://rdap.apnic.net/apnic/ip/%s: %s",
		pause_cases[_i].ip, pause_cases[_i].said);
	g_autoptr (StLookup) first = NULL;
	g_autoptr (StLookup) second = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (StCache) cache = NULL;
	g_autofree char *failures = NULL;
	const char *line = NULL;
	const char *rest;
	guint64 seconds = 0, left = 0;
	char *end;

	if (dns_server == NULL)
		return;
	first = lookup_new (TRUE, FALSE, 0);
	/* APNIC's whois still answers */
	ck_assert (st_lookup_address_contacts (first, pause_cases[_i].ip, out, NULL));
	failures = failures_text (first);
	for (guint i = 0; i < st_lookup_failures (first)->len; i++)
		if (g_str_has_prefix (st_lookup_failures (first)->pdata[i], prefix))
			line = st_lookup_failures (first)->pdata[i];
	ck_assert_msg (line != NULL, "no '%s' in:\n%s", prefix, failures);
	if (pause_cases[_i].max == 0) {
		/* not paused: the next call asks again */
		second = lookup_new (TRUE, FALSE, 0);
		ck_assert (st_lookup_address_contacts (second, pause_cases[_i].ip, out, NULL));
		ck_assert_uint_eq (st_test_server_count (http, path), 2);
		return;
	}
	rest = line + strlen (prefix);
	seconds = g_ascii_strtoull (rest, &end, 10);
	ck_assert_msg (g_str_has_prefix (end, " s"), "%s", line);
	ck_assert_msg (
		seconds >= pause_cases[_i].min && seconds <= pause_cases[_i].max, "%s", line);

	/* another process sharing the cache leaves the server alone, and says
	 * for how much longer */
	second = lookup_new (TRUE, FALSE, 0);
	ck_assert (st_lookup_address_contacts (second, pause_cases[_i].ip, out, NULL));
	ck_assert_uint_eq (st_test_server_count (http, path), 1);
	g_clear_pointer (&failures, g_free);
	failures = failures_text (second);
	rest = strstr (failures, "a short while ago; not asked for another ");
	ck_assert_msg (rest != NULL, "%s", failures);
	left = g_ascii_strtoull (
		rest + strlen ("a short while ago; not asked for another "), NULL, 10);
	ck_assert_msg (left + 5 >= seconds && left <= seconds, "%s", failures);

	/* and the cache forgets the pause when it is over */
	cache = st_cache_open (cache_path, 0, NULL);
	ck_assert (cache != NULL);
	st_cache_set_time (cache, g_get_real_time () / G_USEC_PER_SEC + (gint64)seconds - 30);
	ck_assert (st_cache_get (cache, ST_CACHE_KIND_RDAP, "paused rdap.apnic.net", NULL, NULL));
	st_cache_set_time (cache, g_get_real_time () / G_USEC_PER_SEC + (gint64)seconds + 30);
	ck_assert (!st_cache_get (cache, ST_CACHE_KIND_RDAP, "paused rdap.apnic.net", NULL, NULL));
}
END_TEST

/* The second lookup is the cache's: no server is asked. */
START_TEST (test_cached)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) first = st_contact_list_new ();
	g_autoptr (StContactList) second = st_contact_list_new ();
	g_autofree char *a = NULL, *b = NULL;
	const char *path = "GET /ripe/ip/193.0.6.139 ";
	guint before = st_test_server_count (http, path);

	if (dns_server == NULL)
		return;
	l = lookup_new (TRUE, FALSE, 0);
	ck_assert (st_lookup_address_contacts (l, "193.0.6.139", first, NULL));
	ck_assert_uint_eq (st_lookup_failures (l)->len, 0);
	ck_assert_uint_eq (st_test_server_count (http, path), before + 1);
	ck_assert (st_lookup_address_contacts (l, "193.0.6.139", second, NULL));
	ck_assert_uint_eq (st_test_server_count (http, path), before + 1);
	a = describe (first);
	b = describe (second);
	ck_assert_str_eq (a, b);
	ck_assert_uint_eq (st_contact_list_length (second), 2);
	/* no-cache: asked again */
	{
		g_autoptr (StLookup) fresh = lookup_new (FALSE, FALSE, 0);
		g_autoptr (StContactList) third = st_contact_list_new ();
		ck_assert (st_lookup_address_contacts (fresh, "193.0.6.139", third, NULL));
		ck_assert_uint_eq (st_test_server_count (http, path), before + 2);
	}
}
END_TEST

/* ---- cache only --------------------------------------------------------- */

/* A UDP socket on 127.0.0.1 that answers nothing: given as the DNS server
 * of a cache-only lookup, it shows whether a question was sent. */
static GSocket *
dns_trap (char **server)
{
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
	g_autoptr (GSocketAddress) bound = NULL;
	GSocket *s = g_socket_new (
		G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);

	ck_assert (s != NULL && g_socket_bind (s, addr, FALSE, NULL));
	bound = g_socket_get_local_address (s, NULL);
	*server = g_strdup_printf (
		"127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
	return s;
}

/* Every request the HTTP and whois servers saw, as one number. */
static guint
requests_seen (void)
{
	GHashTableIter iter;
	gpointer value;
	guint n = st_test_server_n_requests (http);

	g_hash_table_iter_init (&iter, whois_servers);
	while (g_hash_table_iter_next (&iter, NULL, &value))
		n += st_test_server_n_requests (value);
	return n;
}

/* What a normal lookup put in the cache, a cache-only one finds again,
 * PTR name included, asking no server. */
START_TEST (test_cache_only)
{
	g_autoptr (StLookup) filled = lookup_new (TRUE, FALSE, 0);
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) a1 = st_contact_list_new (), a2 = st_contact_list_new ();
	g_autoptr (StContactList) d1 = st_contact_list_new (), d2 = st_contact_list_new ();
	g_autoptr (GPtrArray) h1 = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GPtrArray) h2 = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GSocket) trap = NULL;
	g_autofree char *trap_server = NULL;
	g_autofree char *want = NULL, *got = NULL;
	g_autoptr (GError) error = NULL;
	gboolean confirmed = FALSE;
	gsize before;

	if (dns_server == NULL)
		return;
	ck_assert (st_lookup_address_contacts (filled, "193.0.6.139", a1, NULL));
	ck_assert (st_lookup_domain_contacts (filled, "20c.com", d1, NULL));
	ck_assert (st_lookup_host_addresses (filled, "Mail.ISP-one.net", h1, NULL));
	ck_assert_uint_eq (st_lookup_failures (filled)->len, 0);
	ck_assert_uint_eq (h1->len, 1);

	before = requests_seen ();
	trap = dns_trap (&trap_server);
	l = lookup_with ((StLookupOptions){ .dns_server = trap_server, .cache_only = TRUE });
	ck_assert_msg (
		st_lookup_address_contacts (l, "193.0.6.139", a2, &error), "%s", error->message);
	ck_assert_uint_eq (st_lookup_failures (l)->len, 0);
	ck_assert_pstr_eq (st_lookup_ptr_name (l, &confirmed), "www.ripe.net");
	ck_assert (confirmed);
	want = describe (a1);
	got = describe (a2);
	ck_assert_str_eq (got, want);
	ck_assert_uint_eq (st_contact_list_length (a2), 2);

	ck_assert (st_lookup_domain_contacts (l, "www.20c.com", d2, NULL));
	g_free (want);
	g_free (got);
	want = describe (d1);
	got = describe (d2);
	ck_assert_str_eq (got, want);

	ck_assert (st_lookup_host_addresses (l, "mail.isp-one.net", h2, NULL));
	ck_assert_uint_eq (h2->len, 1);
	ck_assert_str_eq (h2->pdata[0], "203.0.113.5");

	ck_assert_uint_eq (requests_seen (), before);
	ck_assert (!g_socket_condition_check (trap, G_IO_IN));
}
END_TEST

/* What the cache lacks is a failure, and no server hears of it. */
START_TEST (test_cache_only_miss)
{
	g_autoptr (GSocket) trap = NULL;
	g_autofree char *trap_server = NULL;
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GError) error = NULL;
	guint before = requests_seen ();

	trap = dns_trap (&trap_server);
	l = lookup_with ((StLookupOptions){ .dns_server = trap_server, .cache_only = TRUE });
	ck_assert (!st_lookup_address_contacts (l, "193.0.6.139", out, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (error->message,
		"no source answered about '193.0.6.139': cache 193.0.6.139: not in the cache; "
		"cache-only, no server asked");
	ck_assert_uint_eq (st_lookup_failures (l)->len, 1);
	ck_assert_ptr_null (st_lookup_ptr_name (l, NULL));
	g_clear_error (&error);
	ck_assert (!st_lookup_domain_contacts (l, "20c.com", out, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (st_lookup_failures (l)->pdata[0],
		"cache 20c.com: not in the cache; cache-only, no server asked");
	g_clear_error (&error);
	ck_assert (!st_lookup_host_addresses (l, "mail.isp-one.net", addresses, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_uint_eq (st_contact_list_length (out), 0);
	ck_assert_uint_eq (addresses->len, 0);
	ck_assert_uint_eq (requests_seen (), before);
	ck_assert (!g_socket_condition_check (trap, G_IO_IN));
}
END_TEST

START_TEST (test_offline)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	guint before;

	if (dns_server == NULL)
		return;
	before = st_test_server_n_requests (http);
	l = lookup_new (TRUE, TRUE, 0);
	ck_assert (!st_lookup_address_contacts (l, "193.0.6.139", out, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (error->message, "offline: no lookup made for '193.0.6.139'");
	g_clear_error (&error);
	ck_assert (!st_lookup_domain_contacts (l, "20c.com", out, &error));
	ck_assert_str_eq (error->message, "offline: no lookup made for '20c.com'");
	ck_assert_uint_eq (st_contact_list_length (out), 0);
	ck_assert_uint_eq (st_lookup_failures (l)->len, 1);
	ck_assert_str_eq (st_lookup_failures (l)->pdata[0], "offline: no lookup made");
	ck_assert_uint_eq (st_test_server_n_requests (http), before);
}
END_TEST

/* The budget bounds the whole call, whatever the servers do. */
START_TEST (test_budget)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	g_autofree char *failures = NULL;
	gint64 start, ms;

	if (dns_server == NULL)
		return;
	l = lookup_new (FALSE, FALSE, 700);
	start = g_get_monotonic_time ();
	ck_assert (!st_lookup_address_contacts (l, "192.0.2.1", out, &error));
	ms = (g_get_monotonic_time () - start) / 1000;
	failures = failures_text (l);
	ck_assert_msg (ms < 1300, "took %" G_GINT64_FORMAT " ms", ms);
	ck_assert_msg (strstr (failures, "whois whois.lacnic.net: no whole answer within") != NULL,
		"%s", failures);
	ck_assert_msg (
		strstr (failures, "dns: time budget spent; not asked") != NULL, "%s", failures);
}
END_TEST

/* ---- domains ------------------------------------------------------------ */

static const struct {
	const char *domain;
	gboolean ok;
	const char *contacts;
	const char *failures;
} domain_cases[] = {
	{ "20c.com", TRUE,
		"abuse@joker.com registrar high https://rdap.verisign.com/com/v1/domain/20c.com",
		"" },
	{ "WWW.20c.com.", TRUE,
		"abuse@joker.com registrar high https://rdap.verisign.com/com/v1/domain/20c.com",
		"" },
	/* RDAP 500: IANA refers to the registry, which refers to the registrar */
	{ "lemonde.fr", TRUE,
		"abusecomplaints@markmonitor.com registrar high whois.markmonitor.com",
		"rdap https://rdap.nic.fr/fr/domain/lemonde.fr: rdap server answered HTTP 500" },
	/* no RDAP service, IANA says nothing; abuse.net's registered entry */
	{ "isp-one.net", TRUE,
		"abuse@isp-one.net domain medium abuse.net (isp-one.net.contacts.abuse.net); "
		"noc@isp-one.net domain medium abuse.net (isp-one.net.contacts.abuse.net)",
		"rdap: no service in the bootstrap covers isp-one.net|"
		"whois whois.iana.org: empty answer" },
	/* abuse.net's default: a guess, low */
	{ "other-isp.net", TRUE,
		"abuse@other-isp.net domain low abuse.net (other-isp.net.contacts.abuse.net)",
		"rdap: no service in the bootstrap covers other-isp.net|"
		"whois whois.iana.org: empty answer" },
};

START_TEST (test_domain)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	gboolean ok;

	if (dns_server == NULL)
		return;
	l = lookup_new (FALSE, FALSE, 0);
	ok = st_lookup_domain_contacts (l, domain_cases[_i].domain, out, &error);
	check_answer (l, domain_cases[_i].domain, ok, error, out, domain_cases[_i].ok,
		domain_cases[_i].contacts, domain_cases[_i].failures);
}
END_TEST

/* ---- AS numbers --------------------------------------------------------- */

/* As address_cases; @question is what the last whois server asked must
 * have been asked, or NULL. */
static const struct {
	guint32 asn;
	gboolean ok;
	const char *contacts;
	const char *failures;
	const char *whois, *question;
} autnum_cases[] = {
	{ 63311, TRUE,
		"neteng@20c.com network high https://rdap.arin.net/arin/registry/autnum/63311", "",
		NULL, NULL },
	/* ARIN redirects to RIPE: the contacts name RIPE's URL */
	{ 205697, TRUE,
		"abuse@alojalia.com network high https://rdap.db.ripe.net/ripe/autnum/205697; "
		"alejandro@alojalia.com network low https://rdap.db.ripe.net/ripe/autnum/205697; "
		"angel@alojalia.com network low https://rdap.db.ripe.net/ripe/autnum/205697",
		"", NULL, NULL },
	/* a redirect to http, or to an address: not followed; ARIN's whois */
	{ 64501, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64501: redirect to "
		"'http://127.0.0.1:",
		"whois.arin.net", "a + AS64501" },
	{ 64502, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64502: redirect to "
		"'https://127.0.0.1/ripe/autnum/205697' not followed: an address, not a host name",
		"whois.arin.net", "a + AS64502" },
	/* port43 names an address and a port: not asked */
	{ 64503, TRUE, "", "whois 127.0.0.1:6391: not asked: not a host name", NULL, NULL },
	/* port43 names a host whose address is private: not asked */
	{ 64507, TRUE, "", "whois whois.lan-registry.net: not asked: 10.0.0.5 is private", NULL,
		NULL },
	/* referrals to an address, to another port, to a private address: not
	 * followed; the referring registry's contact stays */
	{ 64504, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64504: rdap server answered HTTP "
		"500|whois 127.0.0.1: not asked: an address, not a host name",
		"whois.arin.net", "a + AS64504" },
	{ 64505, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64505: rdap server answered HTTP "
		"500|whois whois.other-registry.net: not asked on port 4343: whois is port 43",
		"whois.arin.net", "a + AS64505" },
	{ 64506, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64506: rdap server answered HTTP "
		"500|whois whois.lan-registry.net: not asked: 10.0.0.5 is private",
		"whois.arin.net", "a + AS64506" },
	/* RDAP 404: the RIR's whois, in RPSL */
	{ 3333, TRUE,
		"abuse@ripe.net network high whois.ripe.net; ops@ripe.net network low "
		"whois.ripe.net",
		"rdap https://rdap.db.ripe.net/ripe/autnum/3333: rdap server answered HTTP 404",
		"whois.ripe.net", "AS3333" },
	/* RDAP 500: ARIN's whois, asked in its own syntax */
	{ 64500, TRUE, "abuse@iana.org network high whois.arin.net",
		"rdap https://rdap.arin.net/arin/registry/autnum/64500: rdap server answered HTTP "
		"500",
		"whois.arin.net", "a + AS64500" },
	/* RDAP names no contact: the whois its port43 names, which names none */
	{ 53170, TRUE, "", "", "whois.nic.br", "AS53170" },
	/* a 429, then a whois that says nothing: no source answered */
	{ 9269, FALSE, "",
		"rdap https://rdap.apnic.net/apnic/autnum/9269: rate limited (HTTP 429); not asked "
		"again for 120 s|whois whois.apnic.net: empty answer",
		"whois.apnic.net", "AS9269" },
	/* not in the bootstrap (RFC 6996 private use): IANA, which says nothing */
	{ 4200000000u, FALSE, "",
		"rdap: no service in the bootstrap covers AS4200000000|"
		"whois whois.iana.org: empty answer",
		"whois.iana.org", "AS4200000000" },
};

START_TEST (test_autnum)
{
	g_autoptr (StLookup) l = lookup_new (FALSE, FALSE, 0);
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	g_autofree char *what = g_strdup_printf ("AS%u", autnum_cases[_i].asn);
	gboolean ok;

	ok = st_lookup_autnum_contacts (l, autnum_cases[_i].asn, out, &error);
	check_answer (l, what, ok, error, out, autnum_cases[_i].ok, autnum_cases[_i].contacts,
		autnum_cases[_i].failures);
	if (!ok) {
		g_autofree char *prefix = g_strdup_printf ("no source answered about '%s': ", what);
		ck_assert_msg (g_str_has_prefix (error->message, prefix), "%s", error->message);
	}
	if (autnum_cases[_i].whois != NULL) {
		g_autofree char *line = g_strdup_printf ("%s\n", autnum_cases[_i].question);
		g_autofree char *asked = st_test_server_requests (
			g_hash_table_lookup (whois_servers, autnum_cases[_i].whois));
		ck_assert_str_eq (asked, line);
	}
}
END_TEST

/* Cached as the addresses are: a whole answer, and one naming nobody (as
 * negative); a cache-only lookup finds both, and misses the rest. */
START_TEST (test_autnum_cached)
{
	g_autofree char *cache_path = g_build_filename (tmpdir, "cache.sqlite", NULL);
	g_autoptr (StLookup) filled = lookup_new (TRUE, FALSE, 0);
	g_autoptr (StLookup) l = NULL;
	g_autoptr (StContactList) first = st_contact_list_new ();
	g_autoptr (StContactList) second = st_contact_list_new ();
	g_autoptr (StContactList) none = st_contact_list_new ();
	g_autoptr (StCache) cache = NULL;
	g_autoptr (GError) error = NULL;
	g_autofree char *a = NULL, *b = NULL;
	gboolean negative = TRUE;
	gsize before;

	ck_assert (st_lookup_autnum_contacts (filled, 63311, first, NULL));
	ck_assert (st_lookup_autnum_contacts (filled, 53170, none, NULL));
	ck_assert_uint_eq (st_lookup_failures (filled)->len, 0);
	cache = st_cache_open (cache_path, 0, NULL);
	ck_assert (st_cache_get (cache, ST_CACHE_KIND_CONTACTS, "autnum 63311", NULL, &negative));
	ck_assert (!negative);
	ck_assert (st_cache_get (cache, ST_CACHE_KIND_CONTACTS, "autnum 53170", NULL, &negative));
	ck_assert (negative);

	before = requests_seen ();
	l = lookup_with ((StLookupOptions){ .cache_only = TRUE });
	ck_assert (st_lookup_autnum_contacts (l, 63311, second, NULL));
	ck_assert_uint_eq (st_lookup_failures (l)->len, 0);
	a = describe (first);
	b = describe (second);
	ck_assert_str_eq (a, b);
	ck_assert_uint_eq (st_contact_list_length (second), 1);
	ck_assert (st_lookup_autnum_contacts (l, 53170, none, NULL));
	ck_assert_uint_eq (st_contact_list_length (none), 0);
	ck_assert (!st_lookup_autnum_contacts (l, 205697, second, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (st_lookup_failures (l)->pdata[0],
		"cache AS205697: not in the cache; cache-only, no server asked");
	ck_assert_uint_eq (st_contact_list_length (second), 1);
	ck_assert_uint_eq (requests_seen (), before);
}
END_TEST

/* Offline asks nobody; a 429 pauses the registry for the next call too;
 * the budget bounds the call. */
START_TEST (test_autnum_refused)
{
	g_autoptr (StLookup) off = lookup_new (FALSE, TRUE, 0);
	g_autoptr (StLookup) l = lookup_new (FALSE, FALSE, 0);
	g_autoptr (StLookup) hurried = lookup_new (FALSE, FALSE, 700);
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	g_autofree char *failures = NULL;
	gint64 start, ms;

	ck_assert (!st_lookup_autnum_contacts (off, 63311, out, &error));
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (error->message, "offline: no lookup made for 'AS63311'");
	ck_assert_uint_eq (requests_seen (), 0);
	g_clear_error (&error);

	ck_assert (!st_lookup_autnum_contacts (l, 9269, out, NULL));
	ck_assert (!st_lookup_autnum_contacts (l, 9269, out, NULL));
	ck_assert_uint_eq (st_test_server_count (http, "GET /apnic/autnum/9269 "), 1);
	failures = failures_text (l);
	ck_assert_msg (
		strstr (failures, "rate limited (HTTP 429) a short while ago; not asked") != NULL,
		"%s", failures);

	start = g_get_monotonic_time ();
	ck_assert (!st_lookup_autnum_contacts (hurried, 37271, out, NULL));
	ms = (g_get_monotonic_time () - start) / 1000;
	g_free (failures);
	failures = failures_text (hurried);
	ck_assert_msg (ms < 1300, "took %" G_GINT64_FORMAT " ms", ms);
	ck_assert_msg (
		strstr (failures, "whois whois.afrinic.net: time budget spent; not asked") != NULL,
		"%s", failures);
	ck_assert_uint_eq (st_contact_list_length (out), 0);
}
END_TEST

/* ---- DNSBLs ------------------------------------------------------------- */

/* "zone status codes (error)" each, "; "-joined; the error as "(…)" unless
 * @errors. */
static char *
describe_dnsbl (const GPtrArray *results, gboolean errors)
{
	GString *s = g_string_new (NULL);

	for (guint i = 0; i < results->len; i++) {
		const StDnsblResult *r = results->pdata[i];
		g_string_append_printf (
			s, "%s%s %s", i > 0 ? "; " : "", r->zone, st_dns_status_name (r->status));
		for (guint k = 0; k < r->codes->len; k++)
			g_string_append_printf (s, " %s", (const char *)r->codes->pdata[k]);
		if (r->error != NULL)
			g_string_append_printf (s, " (%s)", errors ? r->error : "…");
	}
	return g_string_free (s, FALSE);
}

/* tests/data/dns/records.conf lists under bl.test; dnsmasq refuses
 * bl.invalid, which it does not serve. */
static const struct {
	const char *ip;
	const char *zones; /* ";"-separated */
	gboolean ok;
	const char *results; /* describe_dnsbl, without the errors' text */
	guint failures;
} dnsbl_cases[] = {
	{ "127.0.0.2", "bl.test", TRUE, "bl.test positive 127.0.0.2", 0 },
	{ "203.0.113.9", "bl.test", TRUE, "bl.test positive 127.0.0.4 127.0.0.10", 0 },
	{ "203.0.113.7", "BL.test.", TRUE, "BL.test. negative", 0 },
	{ "2001:db8::1", "bl.test", TRUE, "bl.test positive 127.0.0.3", 0 },
	/* a refusal code is no answer: failed, not "not listed" */
	{ "203.0.113.66", "bl.test", FALSE, "bl.test failed (…)", 1 },
	{ "203.0.113.9", "bl.invalid;bl.test", TRUE,
		"bl.invalid failed (…); bl.test positive 127.0.0.4 127.0.0.10", 1 },
	{ "203.0.113.9", "", FALSE, "", 0 },
};

static GPtrArray *
dnsbl_ask (StLookup *l, const char *ip, const char *zones, gboolean *ok, GError **error)
{
	g_auto (GStrv) z = zones[0] != '\0' ? g_strsplit (zones, ";", -1) : g_new0 (char *, 1);
	GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);

	*ok = st_lookup_dnsbl (l, ip, (const char *const *)z, out, error);
	return out;
}

START_TEST (test_dnsbl)
{
	g_autoptr (StLookup) l = NULL;
	g_autoptr (GPtrArray) out = NULL;
	g_autoptr (GError) error = NULL;
	g_autofree char *got = NULL;
	g_autofree char *failures = NULL;
	gboolean ok;

	if (dns_server == NULL)
		return;
	l = lookup_new (FALSE, FALSE, 0);
	out = dnsbl_ask (l, dnsbl_cases[_i].ip, dnsbl_cases[_i].zones, &ok, &error);
	got = describe_dnsbl (out, FALSE);
	failures = failures_text (l);
	ck_assert_msg (ok == dnsbl_cases[_i].ok, "%s", error != NULL ? error->message : "");
	ck_assert_str_eq (got, dnsbl_cases[_i].results);
	ck_assert_msg (st_lookup_failures (l)->len == dnsbl_cases[_i].failures, "%s", failures);
	if (!ok)
		ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
}
END_TEST

/* Listings and "not listed" come back from the cache, in a cache-only
 * lookup too; a failed question was never cached. */
START_TEST (test_dnsbl_cached)
{
	g_autoptr (StLookup) filled = NULL;
	g_autoptr (StLookup) l = NULL;
	g_autoptr (GPtrArray) a = NULL, b = NULL, c = NULL;
	g_autoptr (GSocket) trap = NULL;
	g_autofree char *trap_server = NULL;
	g_autofree char *got = NULL;
	g_autoptr (GError) error = NULL;
	gboolean ok;

	if (dns_server == NULL)
		return;
	filled = lookup_new (TRUE, FALSE, 0);
	a = dnsbl_ask (filled, "203.0.113.9", "bl.test;bl.invalid", &ok, NULL);
	ck_assert (ok);
	b = dnsbl_ask (filled, "203.0.113.7", "bl.test", &ok, NULL);
	ck_assert (ok);

	trap = dns_trap (&trap_server);
	l = lookup_with ((StLookupOptions){ .dns_server = trap_server, .cache_only = TRUE });
	g_clear_pointer (&a, g_ptr_array_unref);
	a = dnsbl_ask (l, "203.0.113.9", "bl.test;bl.invalid", &ok, NULL);
	ck_assert (ok);
	got = describe_dnsbl (a, TRUE);
	ck_assert_str_eq (got, "bl.test positive 127.0.0.4 127.0.0.10; bl.invalid failed (not "
			       "in the cache)");
	ck_assert_str_eq (st_lookup_failures (l)->pdata[0],
		"dnsbl bl.invalid 203.0.113.9: not in the cache; cache-only, no server asked");
	g_clear_pointer (&b, g_ptr_array_unref);
	b = dnsbl_ask (l, "203.0.113.7", "bl.test", &ok, NULL);
	g_free (got);
	got = describe_dnsbl (b, TRUE);
	ck_assert (ok);
	ck_assert_str_eq (got, "bl.test negative");
	/* never asked before */
	c = dnsbl_ask (l, "203.0.113.66", "bl.test", &ok, &error);
	ck_assert (!ok);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert (!g_socket_condition_check (trap, G_IO_IN));
}
END_TEST

/* Offline, each zone says so; a bad address or zone appends nothing. */
START_TEST (test_dnsbl_refused)
{
	g_autoptr (StLookup) off = lookup_new (FALSE, TRUE, 0);
	g_autoptr (StLookup) l = lookup_new (FALSE, FALSE, 0);
	g_autoptr (GPtrArray) out = NULL;
	g_autoptr (GError) error = NULL;
	g_autofree char *got = NULL;
	gboolean ok;

	out = dnsbl_ask (off, "203.0.113.9", "bl.test;bl2.test", &ok, &error);
	got = describe_dnsbl (out, TRUE);
	ck_assert (!ok);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_NETWORK));
	ck_assert_str_eq (got, "bl.test failed (offline: no lookup made); bl2.test failed "
			       "(offline: no lookup made)");
	g_clear_error (&error);
	g_clear_pointer (&out, g_ptr_array_unref);
	out = dnsbl_ask (l, "203.0.113.999", "bl.test", &ok, &error);
	ck_assert (!ok && g_error_matches (error, ST_ERROR, ST_ERROR_USAGE));
	ck_assert_uint_eq (out->len, 0);
	g_clear_error (&error);
	g_clear_pointer (&out, g_ptr_array_unref);
	out = dnsbl_ask (l, "203.0.113.9", "bl.test;bad zone", &ok, &error);
	ck_assert (!ok && g_error_matches (error, ST_ERROR, ST_ERROR_USAGE));
	ck_assert_str_eq (error->message, "dnsbl zone 'bad zone' is not a domain name");
	ck_assert_uint_eq (out->len, 0);
}
END_TEST

/* ---- usage -------------------------------------------------------------- */

static const struct {
	const char *override;
	const char *dns;
	const char *error;
	gboolean cache_only; /* with no_cache */
} option_cases[] = {
	{ "whois.ripe.net", NULL, "server override 'whois.ripe.net' is not NAME=HOST:PORT", FALSE },
	{ "whois.ripe.net=127.0.0.1", NULL,
		"server override 'whois.ripe.net=127.0.0.1' is not NAME=HOST:PORT", FALSE },
	{ "=127.0.0.1:43", NULL, "server override '=127.0.0.1:43' is not NAME=HOST:PORT", FALSE },
	{ "whois.ripe.net=127.0.0.1:70000", NULL,
		"server override 'whois.ripe.net=127.0.0.1:70000' is not NAME=HOST:PORT", FALSE },
	{ NULL, "localhost:53", "dns server 'localhost:53' is not ADDRESS:PORT", FALSE },
	{ NULL, NULL, "cache-only lookups need the cache, which no_cache turns off", TRUE },
};

START_TEST (test_options)
{
	g_autofree char *boot = g_build_filename (tmpdir, "bootstrap", NULL);
	const char *overrides_one[] = { option_cases[_i].override, NULL };
	StLookupOptions o = { .dns_server = option_cases[_i].dns,
		.rdap_bootstrap = boot,
		.overrides = overrides_one,
		.no_cache = TRUE,
		.cache_only = option_cases[_i].cache_only };
	g_autoptr (GError) error = NULL;
	g_autoptr (StLookup) l = st_lookup_new (&o, &error);

	ck_assert_ptr_null (l);
	ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_CONFIG));
	ck_assert_str_eq (error->message, option_cases[_i].error);
}
END_TEST

static const char *const bad_queries[] = { "not-an-ip", "300.1.1.1", "", "a b.net", "nodot" };

START_TEST (test_usage)
{
	g_autoptr (StLookup) l = lookup_new (FALSE, FALSE, 0);
	g_autoptr (StContactList) out = st_contact_list_new ();
	g_autoptr (GError) error = NULL;

	if (_i < 3) {
		ck_assert (!st_lookup_address_contacts (l, bad_queries[_i], out, &error));
		ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_USAGE));
		ck_assert_msg (strstr (error->message, "is not an ip address") != NULL, "%s",
			error->message);
	}
	if (_i >= 2) {
		g_clear_error (&error);
		ck_assert (!st_lookup_domain_contacts (l, bad_queries[_i], out, &error));
		ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_USAGE));
		ck_assert_msg (strstr (error->message, "is not a domain name") != NULL, "%s",
			error->message);
	}
}
END_TEST

/* ---- the breaker ---------------------------------------------------------- */

/* A UDP port of 127.0.0.1 that nothing listens on: a question there is
 * refused at once. */
static char *
closed_udp_port (void)
{
	g_autoptr (GSocket) sock =
		g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
	g_autoptr (GSocketAddress) bound = NULL;

	ck_assert (g_socket_bind (sock, any, FALSE, NULL));
	bound = g_socket_get_local_address (sock, NULL);
	return g_strdup_printf (
		"127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

/* A DNS server that never answers is stopped after
 * ST_LOOKUP_BREAKER_FAILURES questions in a row, once, and then nothing
 * is asked; answers, NXDOMAIN included, never stop one. */
START_TEST (test_breaker)
{
	g_autofree char *closed = closed_udp_port ();
	g_autofree char *name = NULL;
	g_autoptr (StLookup) dead = NULL;
	g_autoptr (StLookup) alive = NULL;
	guint calls = 0;

	if (dns_server == NULL)
		return;
	dead = lookup_with ((StLookupOptions){ .no_cache = TRUE, .dns_server = closed });
	/* each call asks A and AAAA: the second call passes the limit */
	while (st_lookup_stopped (dead)->len == 0 && calls < 10) {
		g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
		ck_assert (!st_lookup_host_addresses (dead, "www.example.test", out, NULL));
		calls++;
	}
	ck_assert_uint_eq (calls, (ST_LOOKUP_BREAKER_FAILURES + 1) / 2);
	name = g_strdup_printf ("the DNS server %s", closed);
	ck_assert_uint_eq (st_lookup_stopped (dead)->len, 1);
	ck_assert_str_eq (st_lookup_stopped (dead)->pdata[0], name);
	for (guint i = 0; i < 5; i++) {
		g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
		g_autoptr (GError) error = NULL;
		g_autofree char *failures = NULL;
		ck_assert (!st_lookup_host_addresses (dead, "www.example.test", out, &error));
		failures = failures_text (dead);
		ck_assert_msg (strstr (failures, "dns: not asked: ") != NULL &&
				       strstr (failures, "gave no answer 3 times in a row") != NULL,
			"%s", failures);
	}
	/* said once: the list does not grow */
	ck_assert_uint_eq (st_lookup_stopped (dead)->len, 1);

	/* a whois server that takes the question and never answers, beside an
	 * RDAP server that answers (junk, but an answer): the whois server
	 * alone is stopped, and then costs nothing */
	g_autoptr (StLookup) held = lookup_with ((StLookupOptions){ .no_cache = TRUE });
	for (guint i = 0; i < ST_LOOKUP_BREAKER_FAILURES; i++) {
		g_autoptr (StContactList) out = st_contact_list_new ();
		ck_assert (!st_lookup_address_contacts (held, "192.0.2.1", out, NULL));
	}
	ck_assert_uint_eq (st_lookup_stopped (held)->len, 1);
	ck_assert_str_eq (st_lookup_stopped (held)->pdata[0], "the whois server whois.lacnic.net");
	{
		g_autoptr (StContactList) out = st_contact_list_new ();
		g_autofree char *failures = NULL;
		gint64 start = g_get_monotonic_time ();
		ck_assert (!st_lookup_address_contacts (held, "192.0.2.1", out, NULL));
		ck_assert_int_lt (g_get_monotonic_time () - start, 500 * 1000);
		failures = failures_text (held);
		ck_assert_msg (
			strstr (failures, "rdap https://rdap.lacnic.net/lacnic/rdap/ip/"
					  "192.0.2.1: rdap answer is not JSON") != NULL &&
				strstr (failures, "whois whois.lacnic.net: not asked: the whois "
						  "server whois.lacnic.net gave no answer 3 "
						  "times in a row in this run") != NULL,
			"%s", failures);
	}

	alive = lookup_with ((StLookupOptions){ .no_cache = TRUE });
	for (guint i = 0; i < 2 * ST_LOOKUP_BREAKER_FAILURES; i++) {
		g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
		ck_assert (st_lookup_host_addresses (alive, "nothing-here.test", out, NULL));
	}
	ck_assert_uint_eq (st_lookup_stopped (alive)->len, 0);
}
END_TEST

static Suite *
lookup_suite (void)
{
	Suite *s = suite_create ("lookup");
	TCase *tc = tcase_create ("lookup");

	/* dnsmasq once, in the runner; the servers in each test's process, so
	 * that the test sees what they were asked. */
	tcase_add_unchecked_fixture (tc, dnsmasq_start, dnsmasq_stop);
	tcase_add_checked_fixture (tc, world_start, world_stop);
	tcase_add_loop_test (tc, test_address, 0, G_N_ELEMENTS (address_cases));
	tcase_add_test (tc, test_whois_by_name);
	tcase_add_loop_test (tc, test_rate_limited, 0, 2);
	tcase_add_loop_test (tc, test_pause, 0, G_N_ELEMENTS (pause_cases));
	tcase_add_test (tc, test_cached);
	tcase_add_test (tc, test_cache_only);
	tcase_add_test (tc, test_cache_only_miss);
	tcase_add_test (tc, test_offline);
	tcase_add_test (tc, test_budget);
	tcase_add_loop_test (tc, test_domain, 0, G_N_ELEMENTS (domain_cases));
	tcase_add_loop_test (tc, test_autnum, 0, G_N_ELEMENTS (autnum_cases));
	tcase_add_test (tc, test_autnum_cached);
	tcase_add_test (tc, test_autnum_refused);
	tcase_add_loop_test (tc, test_dnsbl, 0, G_N_ELEMENTS (dnsbl_cases));
	tcase_add_test (tc, test_dnsbl_cached);
	tcase_add_test (tc, test_dnsbl_refused);
	tcase_add_loop_test (tc, test_options, 0, G_N_ELEMENTS (option_cases));
	tcase_add_loop_test (tc, test_usage, 0, G_N_ELEMENTS (bad_queries));
	tcase_add_test (tc, test_breaker);
	tcase_set_timeout (tc, 30);
	suite_add_tcase (s, tc);
	return s;
}

int
main (void)
{
	SRunner *sr = srunner_create (lookup_suite ());
	int failed;

	srunner_run_all (sr, CK_NORMAL);
	failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
