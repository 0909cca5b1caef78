/* extras-lookups.c - spamtrace-lookups.so: who runs the origin, for spamtrace-filter.
 * RFC 5322 section 2.2 (our fields), RFC 8259 (JSON), RFC 5782 (DNSBL). */
#include "config.h"

#include <string.h>

#include "extras.h"
#include "dns.h"
#include "error.h"
#include "json-write.h"
#include "lookup.h"
#include "tag.h"

/* Milliseconds left until @deadline, at least 1. */
static guint
left_ms (gint64 deadline)
{
	gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
	return left > 0 ? (guint)MIN (left, (gint64)G_MAXUINT) : 1;
}

/* The host part of an RDAP URL, or the whole source: fields stay short. */
static char *
short_source (const char *source)
{
	const char *p = strstr (source, "://");
	if (p == NULL)
		return g_strdup (source);
	p += 3;
	return g_strndup (p, strcspn (p, "/"));
}

/* What the lookups found for the origin, and what failed. */
typedef struct {
	StLookup *l;
	StContactList *contacts;
	GPtrArray *listings; /* StDnsblResult */
	GPtrArray *failures; /* char* */
	char *ptr;
	gboolean confirmed, answered;
	guint ms;
} Found;

static void
found_clear (Found *f)
{
	g_clear_pointer (&f->l, st_lookup_free);
	g_clear_pointer (&f->contacts, st_contact_list_free);
	g_clear_pointer (&f->listings, g_ptr_array_unref);
	g_clear_pointer (&f->failures, g_ptr_array_unref);
	g_clear_pointer (&f->ptr, g_free);
}

static void
take_failures (Found *f)
{
	const GPtrArray *fl = st_lookup_failures (f->l);
	for (guint i = 0; i < fl->len; i++)
		g_ptr_array_add (f->failures, g_strdup (fl->pdata[i]));
}

/* Asks who runs the origin's network, its reverse DNS and the DNSBLs,
 * within what is left of the budget. */
static void
look_up (StExtrasJob *job, Found *f)
{
	gint64 start = g_get_monotonic_time ();
	g_autoptr (GError) error = NULL;

	f->contacts = st_contact_list_new ();
	f->failures = g_ptr_array_new_with_free_func (g_free);
	f->listings = g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);
	if (job->ip == NULL || *job->ip == '\0') {
		g_ptr_array_add (f->failures, g_strdup ("no origin address to look up"));
	} else {
		guint budget = left_ms (job->deadline);
		StLookupOptions o = {
			.dns_server = job->where->dns_server,
			.rdap_bootstrap = job->where->rdap_bootstrap,
			.overrides = (const char *const *)job->where->whois_servers,
			.cache_path = job->where->cache,
			.cache_only = job->lookups == ST_FILTER_LOOKUPS_CACHE,
			.budget_ms = budget,
			.timeout_ms = budget,
		};
		f->l = st_lookup_new (&o, &error);
		if (f->l == NULL)
			g_ptr_array_add (f->failures, g_strdup (error->message));
	}
	if (f->l != NULL) {
		f->answered = st_lookup_address_contacts (f->l, job->ip, f->contacts, NULL);
		take_failures (f);
		f->ptr = g_strdup (st_lookup_ptr_name (f->l, &f->confirmed));
	}
	if (f->l != NULL && job->where->dnsbl != NULL && job->where->dnsbl[0] != NULL) {
		g_autoptr (GError) e = NULL;
		if (!st_lookup_dnsbl (f->l, job->ip, (const char *const *)job->where->dnsbl,
			    f->listings, &e) &&
			g_error_matches (e, ST_ERROR, ST_ERROR_USAGE))
			g_ptr_array_add (f->failures, g_strdup_printf ("dnsbl: %s", e->message));
		take_failures (f);
	}
	f->ms = (guint)((g_get_monotonic_time () - start) / 1000);
}

/* X-Spamtrace-Abuse, the address to complain to about the origin, and
 * X-Spamtrace-Rdns. */
static void
abuse_rdns_fields (const Found *f, GString *fields, const char *eol)
{
	const StContact *best = st_contact_list_best (f->contacts, ST_CONTACT_SCOPE_NETWORK);
	/* no contact, no name, is news only when every source answered */
	const char *none = f->answered && f->failures->len == 0 ? "none" : "unknown";
	StTagField t;

	st_tag_field_init (&t, st_ours_name (ST_OURS_ABUSE));
	if (best != NULL) {
		g_autofree char *src = short_source (best->source);
		st_tag_field_pair (&t, "address", best->address);
		st_tag_field_pair (&t, "source", src);
		st_tag_field_pair (&t, "confidence", st_contact_confidence_name (best->confidence));
	} else {
		st_tag_field_word (&t, none);
	}
	st_tag_field_write (&t, fields, eol);
	st_tag_field_clear (&t);

	st_tag_field_init (&t, st_ours_name (ST_OURS_RDNS));
	if (f->ptr != NULL) {
		st_tag_field_pair (&t, "name", f->ptr);
		st_tag_field_word (&t, f->confirmed ? "confirmed" : "unconfirmed");
	} else {
		st_tag_field_word (&t, none);
	}
	st_tag_field_write (&t, fields, eol);
	st_tag_field_clear (&t);
}

/* X-Spamtrace-DNSBL: the zones that list the origin, those that do not,
 * those that failed. */
static void
dnsbl_field (const GPtrArray *listings, GString *fields, const char *eol)
{
	g_autoptr (GString) listed = g_string_new (NULL);
	g_autoptr (GString) clean = g_string_new (NULL);
	g_autoptr (GString) failed = g_string_new (NULL);
	StTagField t;

	for (guint i = 0; i < listings->len; i++) {
		const StDnsblResult *r = listings->pdata[i];
		GString *to = r->status == ST_DNS_POSITIVE   ? listed
			      : r->status == ST_DNS_NEGATIVE ? clean
							     : failed;
		if (to->len > 0)
			g_string_append_c (to, ',');
		g_string_append (to, r->zone);
		if (r->status == ST_DNS_POSITIVE && r->codes->len > 0) {
			g_string_append_c (to, '(');
			for (guint k = 0; k < r->codes->len; k++)
				g_string_append_printf (
					to, k > 0 ? "+%s" : "%s", (const char *)r->codes->pdata[k]);
			g_string_append_c (to, ')');
		}
	}
	st_tag_field_init (&t, st_ours_name (ST_OURS_DNSBL));
	/* not listed only when every zone answered */
	st_tag_field_word (&t, listed->len > 0   ? "listed"
			       : failed->len > 0 ? "unknown"
						 : "not-listed");
	if (listed->len > 0)
		st_tag_field_pair (&t, "listed", listed->str);
	if (clean->len > 0)
		st_tag_field_pair (&t, "not-listed", clean->str);
	if (failed->len > 0)
		st_tag_field_pair (&t, "failed", failed->str);
	st_tag_field_write (&t, fields, eol);
	st_tag_field_clear (&t);
}

/* X-Spamtrace-Lookups: how it went. */
static void
lookups_field (const StExtrasJob *job, const Found *f, GString *fields)
{
	StTagField t;

	st_tag_field_init (&t, st_ours_name (ST_OURS_LOOKUPS));
	st_tag_field_word (&t, st_filter_lookups_name (job->lookups));
	st_tag_field_word (&t, f->failures->len == 0 ? "complete" : "incomplete");
	if (job->ip != NULL && *job->ip != '\0')
		st_tag_field_pair (&t, "ip", job->ip);
	st_tag_field_int (&t, "ms", f->ms);
	if (f->failures->len > 0) {
		st_tag_field_int (&t, "failures", f->failures->len);
		st_tag_field_text (&t, "first", f->failures->pdata[0]);
	}
	st_tag_field_write (&t, fields, job->eol);
	st_tag_field_clear (&t);
}

/* The same for --json: {"mode", "ip", "contacts", "rdns", "dnsbl",
 * "failures", "ms"}. */
static char *
lookups_json (const StExtrasJob *job, const Found *f)
{
	GString *out = g_string_new (NULL);
	StJson j;

	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_json_member_str (&j, "mode", st_filter_lookups_name (job->lookups));
	st_json_key (&j, "ip");
	st_json_str_or_null (&j, job->ip);
	st_json_key (&j, "contacts");
	st_json_begin_array (&j);
	for (guint i = 0; i < st_contact_list_length (f->contacts); i++) {
		const StContact *c = st_contact_list_get (f->contacts, i);
		st_json_begin_object (&j);
		st_json_member_str (&j, "address", c->address);
		st_json_member_str (&j, "scope", st_contact_scope_name (c->scope));
		st_json_member_str (&j, "source", c->source);
		st_json_member_str (&j, "confidence", st_contact_confidence_name (c->confidence));
		st_json_member_str (&j, "role", c->role);
		st_json_end_object (&j);
	}
	st_json_end_array (&j);
	st_json_key (&j, "rdns");
	if (f->ptr != NULL) {
		st_json_begin_object (&j);
		st_json_member_str (&j, "name", f->ptr);
		st_json_member_bool (&j, "confirmed", f->confirmed);
		st_json_end_object (&j);
	} else {
		st_json_null (&j);
	}
	st_json_key (&j, "dnsbl");
	st_dnsbl_results_json (&j, f->listings);
	st_json_key (&j, "failures");
	st_json_str_array (&j, f->failures);
	st_json_member_int (&j, "ms", f->ms);
	st_json_end_object (&j);
	return g_string_free (out, FALSE);
}

/* Who runs the origin's network, its reverse DNS, its DNSBL listings: from
 * the cache only, or asking the servers, within what is left of the budget. */
void
st_extras_lookups_v1 (StExtrasJob *job)
{
	g_autoptr (GString) fields = g_string_new (NULL);
	Found f = { 0 };

	look_up (job, &f);
	if (f.l != NULL)
		abuse_rdns_fields (&f, fields, job->eol);
	if (f.listings->len > 0)
		dnsbl_field (f.listings, fields, job->eol);
	lookups_field (job, &f, fields);
	char *json = job->json ? lookups_json (job, &f) : NULL;
	found_clear (&f);

	g_mutex_lock (&job->lock);
	job->lookup_fields = g_string_free (g_steal_pointer (&fields), FALSE);
	job->lookup_json = json;
	g_mutex_unlock (&job->lock);
}
