/* extras-lookups.c - spamtrace-lookups.so: who runs the origin, for spamtrace-filter.
 * RFC 5322 section 2.2 (our fields), RFC 8259 (JSON), RFC 5782 (DNSBL). */
#include "config.h"

#include <string.h>

#include "extras.h"
#include "dns.h"
#include "error.h"
#include "json.h"
#include "lookup.h"
#include "tag.h"

/* Milliseconds left until @deadline, at least 1. */
static guint
left_ms (gint64 deadline)
{
	gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
	return left > 0 ? (guint)MIN (left, (gint64)G_MAXUINT) : 1;
}

static void
json_contact (GString *j, const StContact *c)
{
	g_string_append (j, "{\"address\":");
	st_json_string (j, c->address);
	g_string_append (j, ",\"scope\":");
	st_json_string (j, st_contact_scope_name (c->scope));
	g_string_append (j, ",\"source\":");
	st_json_string (j, c->source);
	g_string_append (j, ",\"confidence\":");
	st_json_string (j, st_contact_confidence_name (c->confidence));
	g_string_append (j, ",\"role\":");
	st_json_string (j, c->role);
	g_string_append (j, "}");
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

/* Who runs the origin's network, its reverse DNS, its DNSBL listings: from
 * the cache only, or asking the servers, within what is left of the budget. */
void
st_extras_lookups_v1 (StExtrasJob *job)
{
	const char *mode = st_filter_lookups_name (job->lookups);
	gint64 start = g_get_monotonic_time ();
	g_autoptr (GString) fields = g_string_new (NULL);
	g_autoptr (GString) j = g_string_new ("{\"mode\":");
	g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (StContactList) contacts = st_contact_list_new ();
	g_autoptr (StLookup) l = NULL;
	g_autoptr (GError) error = NULL;
	g_autofree char *ptr = NULL;
	gboolean confirmed = FALSE, answered = FALSE;
	StTagField f;

	st_json_string (j, mode);
	g_string_append (j, ",\"ip\":");
	if (job->ip != NULL)
		st_json_string (j, job->ip);
	else
		g_string_append (j, "null");

	if (job->ip == NULL || *job->ip == '\0') {
		g_ptr_array_add (failures, g_strdup ("no origin address to look up"));
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
		l = st_lookup_new (&o, &error);
		if (l == NULL)
			g_ptr_array_add (failures, g_strdup (error->message));
	}
	if (l != NULL) {
		answered = st_lookup_address_contacts (l, job->ip, contacts, NULL);
		const GPtrArray *fl = st_lookup_failures (l);
		for (guint i = 0; i < fl->len; i++)
			g_ptr_array_add (failures, g_strdup (fl->pdata[i]));
		const char *name = st_lookup_ptr_name (l, &confirmed);
		ptr = g_strdup (name);
	}
	g_autoptr (GPtrArray) listings =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_dnsbl_result_free);
	if (l != NULL && job->where->dnsbl != NULL && job->where->dnsbl[0] != NULL) {
		g_autoptr (GError) e = NULL;
		if (!st_lookup_dnsbl (
			    l, job->ip, (const char *const *)job->where->dnsbl, listings, &e) &&
			g_error_matches (e, ST_ERROR, ST_ERROR_USAGE))
			g_ptr_array_add (failures, g_strdup_printf ("dnsbl: %s", e->message));
		const GPtrArray *fl = st_lookup_failures (l);
		for (guint i = 0; i < fl->len; i++)
			g_ptr_array_add (failures, g_strdup (fl->pdata[i]));
	}
	guint ms = (guint)((g_get_monotonic_time () - start) / 1000);

	/* X-Spamtrace-Abuse: the address to complain to about the origin */
	const StContact *best = st_contact_list_best (contacts, ST_CONTACT_SCOPE_NETWORK);
	if (l != NULL) {
		st_tag_field_init (&f, "X-Spamtrace-Abuse");
		if (best != NULL) {
			g_autofree char *src = short_source (best->source);
			st_tag_field_pair (&f, "address", best->address);
			st_tag_field_pair (&f, "source", src);
			st_tag_field_pair (
				&f, "confidence", st_contact_confidence_name (best->confidence));
		} else {
			/* no contact is news only when every source answered */
			st_tag_field_word (&f, answered && failures->len == 0 ? "none" : "unknown");
		}
		st_tag_field_write (&f, fields, job->eol);
		st_tag_field_clear (&f);

		st_tag_field_init (&f, "X-Spamtrace-Rdns");
		if (ptr != NULL) {
			st_tag_field_pair (&f, "name", ptr);
			st_tag_field_word (&f, confirmed ? "confirmed" : "unconfirmed");
		} else {
			st_tag_field_word (&f, answered && failures->len == 0 ? "none" : "unknown");
		}
		st_tag_field_write (&f, fields, job->eol);
		st_tag_field_clear (&f);
	}
	if (listings->len > 0) {
		g_autoptr (GString) listed = g_string_new (NULL);
		g_autoptr (GString) clean = g_string_new (NULL);
		g_autoptr (GString) failed = g_string_new (NULL);
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
					g_string_append_printf (to, k > 0 ? "+%s" : "%s",
						(const char *)r->codes->pdata[k]);
				g_string_append_c (to, ')');
			}
		}
		st_tag_field_init (&f, "X-Spamtrace-DNSBL");
		/* not listed only when every zone answered */
		st_tag_field_word (&f, listed->len > 0   ? "listed"
				       : failed->len > 0 ? "unknown"
							 : "not-listed");
		if (listed->len > 0)
			st_tag_field_pair (&f, "listed", listed->str);
		if (clean->len > 0)
			st_tag_field_pair (&f, "not-listed", clean->str);
		if (failed->len > 0)
			st_tag_field_pair (&f, "failed", failed->str);
		st_tag_field_write (&f, fields, job->eol);
		st_tag_field_clear (&f);
	}

	/* X-Spamtrace-Lookups: how it went */
	st_tag_field_init (&f, "X-Spamtrace-Lookups");
	st_tag_field_word (&f, mode);
	st_tag_field_word (&f, failures->len == 0 ? "complete" : "incomplete");
	if (job->ip != NULL && *job->ip != '\0')
		st_tag_field_pair (&f, "ip", job->ip);
	st_tag_field_int (&f, "ms", ms);
	if (failures->len > 0) {
		st_tag_field_int (&f, "failures", failures->len);
		st_tag_field_text (&f, "first", failures->pdata[0]);
	}
	st_tag_field_write (&f, fields, job->eol);
	st_tag_field_clear (&f);

	g_string_append (j, ",\"contacts\":[");
	for (guint i = 0; i < st_contact_list_length (contacts); i++) {
		if (i > 0)
			g_string_append_c (j, ',');
		json_contact (j, st_contact_list_get (contacts, i));
	}
	g_string_append (j, "],\"rdns\":");
	if (ptr != NULL) {
		g_string_append (j, "{\"name\":");
		st_json_string (j, ptr);
		g_string_append_printf (j, ",\"confirmed\":%s}", confirmed ? "true" : "false");
	} else {
		g_string_append (j, "null");
	}
	g_string_append (j, ",\"dnsbl\":");
	st_dnsbl_results_json (j, listings);
	g_string_append (j, ",\"failures\":");
	st_json_strings (j, failures);
	g_string_append_printf (j, ",\"ms\":%u}", ms);

	g_mutex_lock (&job->lock);
	job->lookup_fields = g_string_free (g_steal_pointer (&fields), FALSE);
	job->lookup_json = job->json ? g_string_free (g_steal_pointer (&j), FALSE) : NULL;
	g_mutex_unlock (&job->lock);
}
