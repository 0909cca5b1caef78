/* contacts.c - spamtrace-report --contacts: who to tell about an address, an AS or a domain.
 * RFC 5396 (AS numbers in asplain), RFC 5782 (DNSBLs); the lookups are lib/lookup's. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "contacts.h"
#include "contact.h"
#include "error.h"
#include "ip.h"
#include "json.h"

#define PROGRAM "spamtrace-report"
#define EXIT_USAGE 64 /* sysexits.h */
#define EXIT_TEMPFAIL 75

static void
print_failures (StLookup *lookup)
{
	const GPtrArray *failures = st_lookup_failures (lookup);

	for (guint k = 0; failures != NULL && k < failures->len; k++)
		fprintf (stderr, "failed: %s\n", (const char *)failures->pdata[k]);
}

/* --contacts with DNSBLs: a line per zone, "dnsbl ZONE STATUS CODES|ERROR" */
static void
print_dnsbl (StLookup *lookup, const char *ip, GStrv zones)
{
	g_autoptr (GPtrArray) results =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);

	st_lookup_dnsbl (lookup, ip, (const char *const *)zones, results, NULL);
	for (guint i = 0; i < results->len; i++) {
		const StDnsblResult *r = results->pdata[i];
		g_autofree char *codes = NULL;
		g_ptr_array_add (r->codes, NULL);
		codes = g_strjoinv (" ", (char **)r->codes->pdata);
		g_ptr_array_set_size (r->codes, r->codes->len - 1);
		printf ("dnsbl\t%s\t%s%s%s\n", r->zone, st_dnsbl_status_name (r->status),
			r->codes->len > 0 || r->error != NULL ? "\t" : "",
			r->error != NULL ? r->error : codes);
	}
	print_failures (lookup);
}

/* --contacts --json: one object, {"query", "reserved", "contacts": [the
 * contact objects], "dnsbl": [as in the plan's origin], "failures": [...]} */
static void
print_contacts_json (StLookup *lookup, const char *what, const char *reserved,
	const StContactList *found, const GPtrArray *dnsbl)
{
	const GPtrArray *failures = st_lookup_failures (lookup);
	g_autoptr (GString) out = g_string_new (NULL);
	StJson j;

	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_json_member_str (&j, "query", what);
	st_json_key (&j, "reserved");
	st_json_str_or_null (&j, reserved);
	st_json_key (&j, "contacts");
	st_json_begin_array (&j);
	for (guint i = 0; i < st_contact_list_length (found); i++)
		st_contact_to_json (&j, st_contact_list_get (found, i));
	st_json_end_array (&j);
	st_json_key (&j, "dnsbl");
	st_dnsbl_results_json (&j, dnsbl);
	st_json_key (&j, "failures");
	st_json_str_array (&j, failures);
	st_json_end_object (&j);
	g_string_append_c (out, '\n');
	fputs (out->str, stdout);
}

gboolean
st_report_autnum_parse (const char *what, guint32 *asn, GError **error)
{
	const char *digits = what + 2;
	guint64 n = 0;

	if (g_ascii_strncasecmp (what, "AS", 2) != 0 ||
		(strchr (what, '.') != NULL && strspn (digits, "0123456789.") != strlen (digits)))
		return FALSE;
	if (digits[0] == '\0' || digits[0] == '0' ||
		strspn (digits, "0123456789") != strlen (digits) ||
		!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT32, &n, NULL)) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE,
			"'%s' is not an AS number: write AS and the number in decimal, "
			"AS1 to AS4294967295 (AS64500, or as64500)",
			what);
		return TRUE;
	}
	*asn = (guint32)n;
	return TRUE;
}

int
st_report_print_contacts (StLookup *lookup, const char *what, GStrv zones, gboolean json)
{
	g_autoptr (StContactList) found = st_contact_list_new ();
	g_autoptr (GError) error = NULL;
	StIp ip;
	guint32 asn = 0;
	gboolean is_ip = st_ip_parse (what, -1, &ip);
	/* main () turned away the misspelt AS numbers */
	gboolean is_as = !is_ip && st_report_autnum_parse (what, &asn, NULL);
	/* private, documentation and other special addresses and AS numbers:
	 * no registry to ask, no traffic */
	g_autofree char *reserved = is_ip   ? st_contact_reserved_address (what)
				    : is_as ? st_contact_reserved_autnum (asn)
					    : NULL;
	gboolean ok = reserved != NULL ? TRUE
		      : is_ip          ? st_lookup_address_contacts (lookup, what, found, &error)
		      : is_as          ? st_lookup_autnum_contacts (lookup, asn, found, &error)
				       : st_lookup_domain_contacts (lookup, what, found, &error);

	if (json) {
		g_autoptr (GPtrArray) dnsbl = NULL;
		/* the DNSBLs the user named are asked even about a reserved
		 * address: a local zone may list one */
		if (is_ip && zones != NULL) {
			dnsbl = g_ptr_array_new_with_free_func (
				(GDestroyNotify)st_dnsbl_result_free);
			st_lookup_dnsbl (lookup, what, (const char *const *)zones, dnsbl, NULL);
		}
		print_contacts_json (lookup, what, reserved, found, dnsbl);
	} else {
		for (guint i = 0; i < st_contact_list_length (found); i++) {
			const StContact *c = st_contact_list_get (found, i);
			printf ("%s\t%s\t%s\t%s\t%s\n", c->address,
				st_contact_scope_name (c->scope),
				st_contact_confidence_name (c->confidence), c->role, c->source);
		}
		if (reserved != NULL)
			printf ("%s\n", reserved);
	}
	print_failures (lookup);
	if (!json && is_ip && zones != NULL)
		print_dnsbl (lookup, what, zones);
	if (!ok) {
		fprintf (stderr, PROGRAM ": %s\n", error ? error->message : "no answer");
		return error != NULL && g_error_matches (error, ST_ERROR, ST_ERROR_USAGE)
			       ? EXIT_USAGE
			       : EXIT_TEMPFAIL;
	}
	if (st_contact_list_length (found) == 0 && reserved == NULL && !json)
		printf ("no contact found for %s\n", what);
	return 0;
}
