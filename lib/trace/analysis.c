/* analysis.c - everything the header section of one message tells us, in one place.
 * RFC 5321 section 4.4, RFC 5322 section 3.6.7. */
#include "config.h"

#include <string.h>

#include "analysis.h"
#include "ip.h"
#include "ours.h"
#include "providers.h"

/* Where webmail services write the address of the browser that sent. */
static const char *const webmail_fields[] = { "X-Originating-IP", "X-Sender-IP", "X-AOL-IP",
	"X-Yahoo-Post-IP", "X-Source-IP" };

static void
find_webmail_client (StAnalysis *a)
{
	const StHop *h = a->walk.origin >= 0 ? &a->hop[a->walk.origin] : NULL;
	if (h == NULL || h->sender == NULL)
		return;
	const StReceived *o = h->line;
	for (gsize k = 0; k < G_N_ELEMENTS (webmail_fields); k++) {
		const StField *f = st_headers_find (a->headers, webmail_fields[k], NULL);
		if (f == NULL)
			continue;
		g_autofree char *v = g_strstrip (st_field_unfold (f));
		char *p = v;
		if (*p == '[')
			p++;
		char *end = p + strcspn (p, "] ;,");
		*end = '\0';
		char *ip = st_ip_normalize (p, -1);
		/* Microsoft's receiving side writes X-Sender-IP with the address
		 * that connected to its edge: the origin's own, no web client */
		if (ip == NULL || strcmp (ip, o->ip) == 0) {
			g_free (ip);
			continue;
		}
		a->webmail_ip = ip;
		a->webmail_why = g_strdup_printf ("%s: written by %s, whose outbound server %s is "
						  "the origin; it names the web "
						  "client that submitted the message",
			webmail_fields[k], h->sender->name, o->ip);
		return;
	}
}

/* The authserv-id of an Authentication-Results field, or NULL. */
static char *
authserv_id_of (const StField *f)
{
	g_autofree char *v = st_field_unfold (f);
	char *id = NULL;
	g_ptr_array_unref (st_authres_parse (v, &id));
	return id;
}

/* Gmail writes its Received-SPF and Authentication-Results just below its own
 * Received: line, so when Gmail received from the origin they stand below the
 * origin's line, among the fields the sender wrote. For the receiving side of
 * a provider we have a profile for, which removes fields that claim its id
 * (RFC 8601 section 5), and when no field of that id stands above: the first
 * one below with the origin line's writer as its authserv-id is the
 * provider's own (the sender's fields come after it), and the fields up to it
 * are read as ours. */
static guint
auth_limit (const StAnalysis *a)
{
	const StReceived *o = st_analysis_origin (a);
	const GArray *fields = a->headers->fields;

	if (o == NULL || o->by[0] == '\0' || a->hop[a->walk.origin].writer == NULL)
		return a->ours_limit;
	for (guint i = 0; i < a->ours_limit && i < fields->len; i++) {
		const StField *f = &g_array_index (fields, StField, i);
		if (!st_field_is (f, "Authentication-Results"))
			continue;
		g_autofree char *id = authserv_id_of (f);
		if (id != NULL && g_ascii_strcasecmp (id, o->by) == 0)
			return a->ours_limit;
	}
	guint from = a->hop[a->walk.origin].field;
	for (guint i = from + 1; i < fields->len; i++) {
		const StField *f = &g_array_index (fields, StField, i);
		if (st_field_is (f, "Received"))
			break;
		if (!st_field_is (f, "Authentication-Results"))
			continue;
		g_autofree char *id = authserv_id_of (f);
		if (id != NULL && g_ascii_strcasecmp (id, o->by) == 0)
			return i + 1;
	}
	return a->ours_limit;
}

StAnalysis *
st_analysis_run (const char *data, gsize len, gboolean truncated, const StSettings *settings)
{
	StAnalysis *a = g_new0 (StAnalysis, 1);

	a->headers = st_headers_parse (data, len);
	a->truncated = truncated;

	const GArray *fields = a->headers->fields;
	guint received = 0;
	for (guint i = 0; i < fields->len; i++)
		if (st_field_is (&g_array_index (fields, StField, i), "Received"))
			received++;
	a->hop = g_new0 (StHop, MIN (received, ST_MAX_HOPS) + 1);
	for (guint i = 0; i < fields->len; i++) {
		const StField *f = &g_array_index (fields, StField, i);
		if (st_ours_is (f->name, (gssize)f->name_len))
			a->renamed++;
		if (!st_field_is (f, "Received"))
			continue;
		if (a->n_hops >= ST_MAX_HOPS) {
			a->hops_dropped++;
			continue;
		}
		st_hop_init (&a->hop[a->n_hops++],
			st_received_parse (f->value, (gssize)f->value_len), i);
	}
	st_trust_walk (settings != NULL ? settings->trust : NULL, a->hop, a->n_hops, &a->walk);

	/* fields above the first untrusted Received: line were written by us */
	a->ours_limit = fields->len;
	for (guint i = 0; i < a->n_hops; i++) {
		if (!a->hop[i].trusted) {
			a->ours_limit = a->hop[i].field;
			break;
		}
	}
	st_forgery_judge (a->headers, a->hop, a->n_hops, &a->walk, &a->source);
	st_authres_summarize (a->headers, auth_limit (a),
		settings != NULL ? settings->authserv_id : NULL, &a->auth);
	st_verdict_compute (a->headers, a->ours_limit, a->hop, a->n_hops, &a->auth,
		settings != NULL ? settings->filter.threshold : ST_VERDICT_THRESHOLD, &a->verdict);
	find_webmail_client (a);
	return a;
}

void
st_analysis_free (StAnalysis *a)
{
	if (a == NULL)
		return;
	st_source_clear (&a->source);
	st_hops_free (a->hop, a->n_hops);
	st_auth_summary_clear (&a->auth);
	st_verdict_clear (&a->verdict);
	g_free (a->webmail_ip);
	g_free (a->webmail_why);
	st_walk_clear (&a->walk);
	st_headers_free (a->headers);
	g_free (a);
}

const StReceived *
st_analysis_origin (const StAnalysis *a)
{
	if (a->walk.origin < 0)
		return NULL;
	return a->hop[a->walk.origin].line;
}
