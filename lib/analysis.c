/* analysis.c - everything the header section of one message tells us, in one place.
 * RFC 5321 section 4.4, RFC 5322 section 3.6.7. */
#include "config.h"

#include "analysis.h"

StAnalysis *
st_analysis_run (const char *data, gsize len, gboolean truncated, const StSettings *settings)
{
	StAnalysis *a = g_new0 (StAnalysis, 1);

	a->headers = st_headers_parse (data, len);
	a->hops = g_ptr_array_new_with_free_func ((GDestroyNotify) st_received_free);
	a->hop_field = g_array_new (FALSE, FALSE, sizeof (guint));
	a->truncated = truncated;

	for (guint i = 0; i < a->headers->fields->len; i++) {
		const StField *f = &g_array_index (a->headers->fields, StField, i);
		if (f->name_len >= 12 && g_ascii_strncasecmp (f->name, "X-Spamtrace-", 12) == 0)
			a->renamed++;
		if (!st_field_is (f, "Received"))
			continue;
		if (a->hops->len >= ST_MAX_HOPS) {
			a->hops_dropped++;
			continue;
		}
		g_ptr_array_add (a->hops, st_received_parse (f->value, (gssize) f->value_len));
		g_array_append_val (a->hop_field, i);
	}
	st_trust_walk (settings != NULL ? settings->trust : NULL, a->hops, &a->walk);
	return a;
}

void
st_analysis_free (StAnalysis *a)
{
	if (a == NULL)
		return;
	st_walk_clear (&a->walk);
	g_ptr_array_free (a->hops, TRUE);
	g_array_free (a->hop_field, TRUE);
	st_headers_free (a->headers);
	g_free (a);
}

const StReceived *
st_analysis_origin (const StAnalysis *a)
{
	if (a->walk.origin < 0)
		return NULL;
	return a->hops->pdata[a->walk.origin];
}
