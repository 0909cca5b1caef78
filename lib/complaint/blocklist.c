/* blocklist.c - a DNS blocklist zone from our sightings, as rbldnsd(8) reads it.
 * RFC 5782 sections 2.1 (IPv4), 2.4 (IPv6) and 2.3 (the TXT record's reason). One file in
 * rbldnsd's "combined" form carries both families, so a copy (rsync) is one rename. */
#include "config.h"

#include <string.h>

#include "blocklist.h"
#include "ip.h"
#include "replace.h"
#include "sightings.h"

/* What one address will answer. */
typedef struct {
	const char *address; /* borrowed from the row */
	StIp ip;
	gboolean relay;
	const char *code; /* the relay finding, or NULL */
	guint spam;       /* messages it handed us */
	gint64 last;
} Entry;

static int
compare_entries (gconstpointer pa, gconstpointer pb)
{
	const Entry *a = pa, *b = pb;
	if (a->ip.family != b->ip.family)
		return a->ip.family < b->ip.family ? -1 : 1;
	return memcmp (a->ip.bytes, b->ip.bytes, sizeof a->ip.bytes);
}

static void
format_day (GString *out, gint64 t)
{
	g_autoptr (GDateTime) d = g_date_time_new_from_unix_utc (t);
	g_autofree char *s = d != NULL ? g_date_time_format (d, "%Y-%m-%d") : g_strdup ("?");
	g_string_append (out, s);
}

/* "spam seen 3 times, last 2026-12-01"; for a relay, what shows it first.
 * Our words and codes only: rbldnsd would expand a '$' in them. */
static void
format_entry (GString *out, const Entry *e)
{
	g_string_append_printf (out, "%s%s :%s:", e->address, e->ip.family == 6 ? "/128" : "",
		e->relay ? ST_BLOCKLIST_RELAY : ST_BLOCKLIST_SPAM);
	if (e->relay)
		g_string_append_printf (
			out, "insecure relay (%s), ", e->code != NULL ? e->code : "?");
	g_string_append_printf (
		out, "spam seen %u time%s, last ", e->spam, e->spam == 1 ? "" : "s");
	format_day (out, e->last);
	g_string_append_c (out, '\n');
}

char *
st_blocklist_format (const GPtrArray *rows, gint64 now, guint days, guint *count)
{
	g_autoptr (GHashTable) by_address = g_hash_table_new (g_str_hash, g_str_equal);
	g_autoptr (GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
	gint64 since = now - (gint64)days * 86400;
	GString *out = g_string_new (NULL);

	for (guint i = 0; i < rows->len; i++) {
		const StSightingRow *r = rows->pdata[i];
		StIp ip;
		if (r->kind == ST_SIGHTING_PROVIDER || r->last_seen < since ||
			!st_ip_parse (r->address, -1, &ip))
			continue;
		gpointer idx;
		Entry *e;
		if (g_hash_table_lookup_extended (by_address, r->address, NULL, &idx)) {
			e = &g_array_index (entries, Entry, GPOINTER_TO_UINT (idx));
		} else {
			Entry blank = { r->address, ip, FALSE, NULL, 0, 0 };
			g_array_append_val (entries, blank);
			g_hash_table_insert (
				by_address, r->address, GUINT_TO_POINTER (entries->len - 1));
			e = &g_array_index (entries, Entry, entries->len - 1);
		}
		/* a relay sighting is also an origin one: the origin count is
		 * the number of spams */
		if (r->kind == ST_SIGHTING_RELAY) {
			e->relay = TRUE;
			e->code = r->code;
		} else {
			e->spam = r->count;
		}
		e->last = MAX (e->last, r->last_seen);
	}
	g_array_sort (entries, compare_entries);

	g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (now);
	g_autofree char *stamp = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
	g_string_append_printf (out,
		"# spamtrace blocklist, written %s by spamtrace-report --blocklist:\n"
		"# %u addresses that sent us spam within %u days (%s) or relayed it\n"
		"# insecurely (%s). Serve it with rbldnsd ZONE:combined:FILE; do not edit.\n",
		stamp, entries->len, days, ST_BLOCKLIST_SPAM, ST_BLOCKLIST_RELAY);
	static const struct {
		guint8 family;
		const char *header;
	} sets[] = {
		{ 4, "$DATASET ip4set:spamtrace-ipv4 @\n" },
		{ 6, "$DATASET ip6trie:spamtrace-ipv6 @\n" },
	};
	for (gsize s = 0; s < G_N_ELEMENTS (sets); s++) {
		g_string_append (out, sets[s].header);
		for (guint i = 0; i < entries->len; i++) {
			const Entry *e = &g_array_index (entries, Entry, i);
			if (e->ip.family == sets[s].family)
				format_entry (out, e);
		}
	}
	if (count != NULL)
		*count = entries->len;
	return g_string_free (out, FALSE);
}

gboolean
st_blocklist_write (
	StSightings *s, const char *path, gint64 now, guint days, guint *count, GError **error)
{
	g_autoptr (GPtrArray) rows = st_sightings_since (s, now - (gint64)days * 86400, error);
	if (rows == NULL)
		return FALSE;
	g_autofree char *text = st_blocklist_format (rows, now, days, count);
	return st_replace_file (path, text, strlen (text), 0644, error);
}
