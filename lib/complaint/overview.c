/* overview.c - a spam folder at a glance: one self-contained HTML page of what was read.
 * HTML (WHATWG), inline SVG 1.1 charts each with a table beside it (WCAG 2.1 1.1.1), a
 * Content-Security-Policy (CSP3) meta that allows no script and no load from anywhere. */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "finding.h"
#include "overview.h"
#include "replace.h"

/* Every message string goes through st_overview_escape; nothing else of
 * a message reaches the page. Lines are shown up to this many bytes, and
 * a chain up to this many lines: a spam may carry a thousand. */
#define MAX_LINE 1500
#define MAX_HOPS 40
/* Rows of each top-N chart, and days in the daily chart. */
#define TOP_N 10
#define MAX_DAYS 62

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

void
st_overview_escape (GString *out, const char *text, gssize len)
{
	gsize n = len < 0 ? strlen (text) : (gsize)len;
	const char *p = text, *end = text + n;

	while (p < end) {
		guchar c = (guchar)*p;
		if (c < 0x80) {
			switch (c) {
			case '&':
				g_string_append (out, "&amp;");
				break;
			case '<':
				g_string_append (out, "&lt;");
				break;
			case '>':
				g_string_append (out, "&gt;");
				break;
			case '"':
				g_string_append (out, "&quot;");
				break;
			case '\'':
				g_string_append (out, "&#39;");
				break;
			default:
				if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
					g_string_append (out, replacement);
				else
					g_string_append_c (out, (char)c);
			}
			p++;
			continue;
		}
		/* overlong forms, surrogates and truncated sequences are
		 * invalid: one U+FFFD per byte that starts none */
		gunichar u = g_utf8_get_char_validated (p, end - p);
		if (u == (gunichar)-1 || u == (gunichar)-2) {
			g_string_append (out, replacement);
			p++;
			continue;
		}
		gsize skip = (gsize)g_utf8_skip[c];
		if (u <= 0x9f)
			g_string_append (out, replacement);
		else
			g_string_append_len (out, p, (gssize)skip);
		p += skip;
	}
}

struct _StOverview {
	gint64 now;
	guint messages, with_origin, suspect;
	/* char * -> count of messages */
	GHashTable *days, *origins, *networks, *asns, *countries, *domains, *forged, *insecure,
		*verdicts, *reasons;
	GString *rows; /* the list of every spam, as it was read */
};

static GHashTable *
tally_new (void)
{
	return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
tally (GHashTable *t, const char *key)
{
	gpointer old = NULL;
	if (g_hash_table_lookup_extended (t, key, NULL, &old))
		g_hash_table_replace (
			t, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
	else
		g_hash_table_insert (t, g_strdup (key), GUINT_TO_POINTER (1));
}

StOverview *
st_overview_new (gint64 now)
{
	StOverview *o = g_new0 (StOverview, 1);
	o->now = now;
	GHashTable **tables[] = { &o->days, &o->origins, &o->networks, &o->asns, &o->countries,
		&o->domains, &o->forged, &o->insecure, &o->verdicts, &o->reasons };
	for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
		*tables[i] = tally_new ();
	o->rows = g_string_new (NULL);
	return o;
}

void
st_overview_free (StOverview *o)
{
	if (o == NULL)
		return;
	GHashTable *tables[] = { o->days, o->origins, o->networks, o->asns, o->countries,
		o->domains, o->forged, o->insecure, o->verdicts, o->reasons };
	for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
		g_hash_table_unref (tables[i]);
	g_string_free (o->rows, TRUE);
	g_free (o);
}

static char *
format_time (gint64 t, const char *format)
{
	g_autoptr (GDateTime) d = g_date_time_new_from_unix_utc (t);
	return d != NULL ? g_date_time_format (d, format) : g_strdup ("?");
}

/* The Subject: as its author meant it (RFC 2047 words decoded), UTF-8. */
static char *
subject_of (const StAnalysis *a)
{
	const StField *f = st_headers_find (a->headers, "Subject", NULL);
	if (f == NULL)
		return NULL;
	g_autofree char *raw = g_strstrip (st_field_unfold (f));
	return g_mime_utils_header_decode_text (NULL, raw);
}

/* Adds each key of @keys once to @t. */
static void
tally_distinct (GHashTable *t, GPtrArray *keys)
{
	g_autoptr (GHashTable) once = g_hash_table_new (g_str_hash, g_str_equal);
	for (guint i = 0; i < keys->len; i++)
		if (g_hash_table_add (once, keys->pdata[i]))
			tally (t, keys->pdata[i]);
}

static void
tally_codes (GHashTable *t, const StAnalysis *a, gboolean insecure)
{
	g_autoptr (GPtrArray) codes = g_ptr_array_new ();
	for (guint i = 0; i < a->n_hops; i++) {
		const GPtrArray *list = insecure ? a->hop[i].judged.insecure : a->hop[i].judged.forged;
		for (guint k = 0; list != NULL && k < list->len; k++)
			g_ptr_array_add (codes, ((StFinding *)list->pdata[k])->code);
	}
	tally_distinct (t, codes);
}

static void
escape_line (GString *out, const char *text)
{
	gsize n = strlen (text);
	st_overview_escape (out, text, (gssize)MIN (n, MAX_LINE));
	if (n > MAX_LINE)
		g_string_append_printf (out, " … (%" G_GSIZE_FORMAT " bytes more)", n - MAX_LINE);
}

/* The client a line records, for people: "1.2.3.4 (rdns) helo=x". */
static void
client_text (GString *out, const StReceived *r)
{
	if (r->ip[0] == '\0' && r->rdns[0] == '\0' && r->helo[0] == '\0') {
		g_string_append (out, "no client recorded");
		return;
	}
	st_overview_escape (out, r->ip[0] ? r->ip : "no address", -1);
	if (r->rdns[0] != '\0') {
		g_string_append (out, " (");
		st_overview_escape (out, r->rdns, -1);
		g_string_append (out, ")");
	}
	if (r->helo[0] != '\0') {
		g_string_append (out, " calling itself ");
		st_overview_escape (out, r->helo, -1);
	}
}

static void
findings_text (GString *out, const char *what, const GPtrArray *list)
{
	if (list == NULL || list->len == 0)
		return;
	g_string_append_printf (out, "<p class=\"codes\">%s: ", what);
	for (guint k = 0; k < list->len; k++) {
		const StFinding *f = list->pdata[k];
		g_string_append (out, k > 0 ? "; " : "");
		g_string_append (out, "<strong>");
		st_overview_escape (out, f->code, -1);
		g_string_append (out, "</strong> ");
		escape_line (out, f->detail);
	}
	g_string_append (out, "</p>");
}

/* One line of the chain: who wrote it, what it records, the line itself. */
static void
render_hop (GString *out, const StAnalysis *a, guint i)
{
	const StReceived *r = a->hop[i].line;
	const StHopJudgement *j = &a->hop[i].judged;
	int origin = a->walk.origin;
	const char *cls, *label;

	if ((int)i < origin || (origin < 0 && a->hop[i].trusted)) {
		cls = "ours";
		label = "our server";
	} else if ((int)i == origin) {
		cls = "origin";
		label = "the origin, recorded by our server";
	} else {
		cls = st_judgement_to_string (j->judgement);
		label = j->judgement == ST_JUDGEMENT_FORGED ? "forged" : cls;
	}
	g_string_append_printf (
		out, "<li class=\"hop %s\"><p><span class=\"tag\">%s</span> ", cls, label);
	if (r->by[0] != '\0') {
		st_overview_escape (out, r->by, -1);
		g_string_append (out, " received from ");
	} else {
		g_string_append (out, "received from ");
	}
	if ((int)i == origin)
		g_string_append (out, "<strong>");
	client_text (out, r);
	if ((int)i == origin)
		g_string_append (out, "</strong>");
	g_string_append (out, "</p>");
	findings_text (out, "forged", j->forged);
	findings_text (out, "insecure relay", j->insecure);
	g_string_append_printf (out, "<code>Received: ");
	escape_line (out, r->raw);
	g_string_append (out, "</code></li>\n");
	if ((int)i == origin)
		g_string_append (out,
			"<li class=\"boundary\" role=\"separator\">the trust boundary: "
			"the lines below were written by others, and may lie</li>\n");
}

static void
render_spam (StOverview *o, const char *name, const StAnalysis *a, gint64 seen)
{
	GString *out = o->rows;
	const StReceived *origin = st_analysis_origin (a);
	g_autofree char *subject = subject_of (a);
	g_autofree char *when =
		seen >= 0 ? format_time (seen, "%Y-%m-%d %H:%M") : g_strdup ("undated         ");

	g_string_append_printf (out,
		"<li><details class=\"spam\"><summary><span class=\"when\">%s</span> "
		"<bdi class=\"subject\">",
		when);
	if (subject != NULL && subject[0] != '\0')
		escape_line (out, subject);
	else
		g_string_append (out, "(no subject)");
	g_string_append (out, "</bdi> <span class=\"origin\">");
	if (origin != NULL && origin->ip[0] != '\0')
		st_overview_escape (out, origin->ip, -1);
	else
		g_string_append (out, "no origin");
	g_string_append_printf (out,
		"</span> <span class=\"verdict %s\">%s %.1f</span></summary>\n",
		a->verdict.suspect ? "suspect" : "clean",
		a->verdict.suspect ? "suspect" : "not suspect", a->verdict.score);
	g_string_append (out, "<div class=\"detail\"><p>Read from <code>");
	st_overview_escape (out, name, -1);
	g_string_append (out, "</code>. ");
	if (a->walk.reason != NULL && a->walk.origin < 0) {
		st_overview_escape (out, a->walk.reason, -1);
		g_string_append (out, ". ");
	}
	if (a->verdict.reasons->len > 0) {
		g_string_append (out, "Verdict reasons: ");
		for (guint i = 0; i < a->verdict.reasons->len; i++) {
			g_string_append (out, i > 0 ? ", " : "");
			st_overview_escape (out, a->verdict.reasons->pdata[i], -1);
		}
		g_string_append (out, ".");
	}
	g_string_append (out, "</p>\n<ol class=\"chain\">\n");
	guint shown = MIN (a->n_hops, MAX_HOPS);
	for (guint i = 0; i < shown; i++)
		render_hop (out, a, i);
	g_string_append (out, "</ol>");
	if (a->n_hops + a->hops_dropped > shown)
		g_string_append_printf (out, "<p>%u more Received: lines not shown.</p>",
			a->n_hops + a->hops_dropped - shown);
	g_string_append (out, "</div></details></li>\n");
}

void
st_overview_add (StOverview *o, const char *name, const StAnalysis *a, const StBody *body,
	const StAsnInfo *as)
{
	gboolean dated = FALSE;
	gint64 seen = st_sighting_seen_time (a, o->now, &dated);
	g_autofree char *day = dated ? format_time (seen, "%Y-%m-%d") : g_strdup ("undated");
	const StReceived *origin = st_analysis_origin (a);

	o->messages++;
	tally (o->days, day);
	if (origin != NULL && origin->ip[0] != '\0') {
		gboolean known = as != NULL && as->asn != 0;
		g_autofree char *network = known ? st_sighting_network_label (as) : NULL;
		g_autofree char *asn =
			known ? g_strdup_printf ("AS%" G_GUINT32_FORMAT "%s%s", as->asn,
					as->name ? " " : "", as->name ? as->name : "")
			      : NULL;
		o->with_origin++;
		tally (o->origins, origin->ip);
		tally (o->networks, network != NULL ? network : "unknown");
		tally (o->asns, asn != NULL ? asn : "unknown");
		tally (o->countries, known && as->country != NULL ? as->country : "unknown");
	}
	if (body != NULL) {
		g_autoptr (GPtrArray) domains = g_ptr_array_new ();
		for (guint i = 0; i < body->urls->urls->len; i++) {
			const StUrl *u = body->urls->urls->pdata[i];
			if (u->registrable != NULL)
				g_ptr_array_add (domains, u->registrable);
		}
		tally_distinct (o->domains, domains);
	}
	tally_codes (o->forged, a, FALSE);
	tally_codes (o->insecure, a, TRUE);
	o->suspect += a->verdict.suspect ? 1 : 0;
	tally (o->verdicts, a->verdict.suspect ? "suspect" : "not suspect");
	tally_distinct (o->reasons, a->verdict.reasons);
	render_spam (o, name, a, dated ? seen : -1);
}

/* ---- the page ---- */

typedef struct {
	const char *key;
	guint count;
} Item;

/* Most first, then by key: the same order every time. */
static int
compare_items (gconstpointer pa, gconstpointer pb)
{
	const Item *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp (a->key, b->key);
}

static int
compare_keys (gconstpointer pa, gconstpointer pb)
{
	return strcmp (((const Item *)pa)->key, ((const Item *)pb)->key);
}

static GArray *
items_of (GHashTable *t, GCompareFunc order)
{
	GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init (&it, t);
	while (g_hash_table_iter_next (&it, &k, &v)) {
		Item item = { k, GPOINTER_TO_UINT (v) };
		g_array_append_val (items, item);
	}
	g_array_sort (items, order);
	return items;
}

static const char *const palette[] = { "#2f6690", "#c0392b", "#3a7d44", "#b9770e", "#6c3483",
	"#148f77", "#7b7d7d", "#a04000", "#1f618d", "#922b21" };

#define LABEL_BYTES 44

/* A horizontal bar chart of @items[0..@n) and, beside it, the same as a
 * table: the picture is hidden from screen readers, the table is not. */
static void
bar_chart (GString *out, const char *id, const char *caption, const char *key_head,
	const Item *items, guint n, guint total_keys)
{
	guint max = 1;
	for (guint i = 0; i < n; i++)
		max = MAX (max, items[i].count);
	guint height = 22 * MAX (n, 1) + 6;
	g_string_append_printf (out,
		"<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		"aria-hidden=\"true\" focusable=\"false\" width=\"460\" height=\"%u\" "
		"viewBox=\"0 0 460 %u\" font-family=\"sans-serif\" font-size=\"12\">\n",
		height, height);
	for (guint i = 0; i < n; i++) {
		guint y = 4 + 22 * i, w = MAX (1, 200 * items[i].count / max);
		gsize kl = strlen (items[i].key);
		g_string_append_printf (out, "<text x=\"0\" y=\"%u\" fill=\"#222\">", y + 13);
		st_overview_escape (out, items[i].key, (gssize)MIN (kl, LABEL_BYTES));
		g_string_append_printf (out,
			"%s</text><rect x=\"210\" y=\"%u\" width=\"%u\" height=\"16\" "
			"fill=\"%s\"/><text x=\"%u\" y=\"%u\" fill=\"#222\">%u</text>\n",
			kl > LABEL_BYTES ? "…" : "", y, w, palette[i % G_N_ELEMENTS (palette)],
			214 + w, y + 13, items[i].count);
	}
	if (n == 0)
		g_string_append (out, "<text x=\"0\" y=\"17\" fill=\"#222\">none</text>\n");
	g_string_append_printf (out,
		"</svg>\n<table id=\"%s\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		"<th scope=\"col\">spams</th></tr></thead><tbody>\n",
		id, caption, key_head);
	for (guint i = 0; i < n; i++) {
		g_string_append (out, "<tr><th scope=\"row\">");
		st_overview_escape (out, items[i].key, -1);
		g_string_append_printf (out, "</th><td>%u</td></tr>\n", items[i].count);
	}
	g_string_append (out, "</tbody></table>");
	if (total_keys > n)
		g_string_append_printf (
			out, "<p class=\"more\">%u more not shown.</p>", total_keys - n);
	g_string_append (out, "</figure>\n");
}

static void
top_section (GString *out, const char *id, const char *title, const char *key_head, GHashTable *t,
	const char *note)
{
	g_autoptr (GArray) items = items_of (t, compare_items);
	guint n = MIN (items->len, TOP_N);
	g_string_append_printf (
		out, "<section aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">%s</h2>\n", id, id, title);
	if (note != NULL)
		g_string_append_printf (out, "<p>%s</p>\n", note);
	bar_chart (out, id, title, key_head, (const Item *)items->data, n, items->len);
	g_string_append (out, "</section>\n");
}

/* Spams per day: a column for each of the last MAX_DAYS days that had any;
 * the undated in the text. */
static void
days_section (GString *out, GHashTable *days)
{
	guint undated = GPOINTER_TO_UINT (g_hash_table_lookup (days, "undated"));
	g_hash_table_remove (days, "undated");
	g_autoptr (GArray) items = items_of (days, compare_keys);
	guint skip = items->len > MAX_DAYS ? items->len - MAX_DAYS : 0;
	guint n = items->len - skip, max = 1;
	const Item *it = (const Item *)items->data + skip;

	for (guint i = 0; i < n; i++)
		max = MAX (max, it[i].count);
	g_string_append (out, "<section aria-labelledby=\"days-h\"><h2 id=\"days-h\">Spams per "
			      "day</h2>\n<p>By the date our own server received each one (UTC).");
	if (skip > 0)
		g_string_append_printf (out, " The %u earlier days with spam are not shown.", skip);
	if (undated > 0)
		g_string_append_printf (out,
			" <span id=\"n-undated\">%u</span> spam%s carried no date of our own "
			"servers.",
			undated, undated == 1 ? "" : "s");
	guint width = MAX (n * 14 + 40, 200);
	g_string_append_printf (out,
		"</p>\n<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		"aria-hidden=\"true\" focusable=\"false\" width=\"%u\" height=\"180\" "
		"viewBox=\"0 0 %u 180\" font-family=\"sans-serif\" font-size=\"11\">\n"
		"<line x1=\"30\" y1=\"150\" x2=\"%u\" y2=\"150\" stroke=\"#555\"/>"
		"<text x=\"0\" y=\"24\" fill=\"#222\">%u</text>\n",
		width, width, width, max);
	for (guint i = 0; i < n; i++) {
		guint h = MAX (1, 120 * it[i].count / max);
		g_string_append_printf (out,
			"<rect x=\"%u\" y=\"%u\" width=\"10\" height=\"%u\" fill=\"%s\"/>\n",
			32 + 14 * i, 150 - h, h, palette[0]);
		if (i == 0 || i + 1 == n || i % 10 == 0)
			g_string_append_printf (out,
				"<text x=\"%u\" y=\"166\" fill=\"#222\">%.5s</text>\n", 24 + 14 * i,
				it[i].key + 5);
	}
	/* a long table scrolls in a region of its own, which the keyboard
	 * can reach */
	g_string_append (out,
		"</svg>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
		"aria-label=\"spams per day, as a table\">"
		"<table id=\"t-days\"><caption>Spams per day</caption>"
		"<thead><tr><th scope=\"col\">day</th><th scope=\"col\">spams</th></tr>"
		"</thead><tbody>\n");
	for (guint i = 0; i < n; i++)
		g_string_append_printf (out, "<tr><th scope=\"row\">%s</th><td>%u</td></tr>\n",
			it[i].key, it[i].count);
	g_string_append (out, "</tbody></table></div></figure></section>\n");
}

/* The complaints the registry remembers: how many, by role, to whom. */
static void
drafted_section (GString *out, const GPtrArray *drafted, const char *error)
{
	g_string_append (out, "<section aria-labelledby=\"drafted-h\"><h2 id=\"drafted-h\">"
			      "Complaints drafted</h2>\n");
	if (drafted == NULL) {
		g_string_append (out, "<p>Unknown: the registry could not be read (");
		st_overview_escape (out, error != NULL ? error : "no registry", -1);
		g_string_append (out, ").</p></section>\n");
		return;
	}
	g_autoptr (GHashTable) roles = tally_new ();
	g_autoptr (GHashTable) to = tally_new ();
	for (guint i = 0; i < drafted->len; i++) {
		const StDraftedRow *d = drafted->pdata[i];
		tally (roles, d->role[0] != '\0' ? d->role : "unknown");
		tally (to, d->recipient);
	}
	g_string_append_printf (out,
		"<p>The registry remembers <span id=\"n-drafted\">%u</span> draft%s, for every "
		"run that shares it: what was drafted, not what was sent.</p>\n",
		drafted->len, drafted->len == 1 ? "" : "s");
	g_autoptr (GArray) by_role = items_of (roles, compare_items);
	g_autoptr (GArray) by_to = items_of (to, compare_items);
	bar_chart (out, "t-roles", "Drafts by the role of the recipient", "role",
		(const Item *)by_role->data, by_role->len, by_role->len);
	bar_chart (out, "t-recipients", "Drafts by recipient", "recipient",
		(const Item *)by_to->data, MIN (by_to->len, TOP_N), by_to->len);
	g_string_append (out, "</section>\n");
}

/* No script, no load of anything from anywhere, the page's own style
 * sheet only (by its hash): a spam's text cannot make the page act. */
static const char style[] =
	"body{font-family:sans-serif;margin:1em auto;max-width:72em;padding:0 1em;color:#222;"
	"background:#fdfdfb;line-height:1.4}"
	"h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:1.6em}"
	".grid{display:flex;flex-wrap:wrap;gap:0 2em}.grid section{flex:1 1 30em}"
	"figure.chart{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start;margin:0}"
	"table{border-collapse:collapse;font-size:.9em}caption{text-align:left;font-weight:bold}"
	"th,td{border:1px solid #ccc;padding:.15em .5em;text-align:left}td{text-align:right}"
	"#totals td{min-width:4em}.scroll{max-height:16em;overflow-y:auto}"
	"ol#spams{list-style:none;padding:0}ol#spams>li{border-top:1px solid #ddd}"
	"summary{cursor:pointer;padding:.3em 0}"
	"summary .when{font-family:monospace;color:#555}summary .origin{font-family:monospace}"
	".verdict{font-size:.85em;padding:0 .4em;border-radius:.3em}"
	".verdict.suspect{background:#f6d5d1;color:#7b241c}.verdict.clean{background:#dfeee0}"
	"ol.chain{list-style:none;padding-left:1.2em;border-left:3px solid #999;margin:.5em 0}"
	"li.hop{margin:.4em 0;padding:.3em .6em;border:1px solid #bbb;border-radius:.3em;"
	"background:#f4f4f4}"
	"li.hop code{display:block;white-space:pre-wrap;word-break:break-all;font-size:.85em}"
	"li.ours{background:#e3efe3;border-color:#5a8f5a}"
	"li.origin{background:#fdebd0;border-color:#b9770e;border-width:2px}"
	"li.forged{background:#f9e0dd;border-color:#c0392b;border-style:dashed}"
	"li.boundary{margin:.5em 0;padding:.2em .6em;border-top:3px double #333;"
	"font-weight:bold}"
	".tag{font-weight:bold;text-transform:uppercase;font-size:.75em;letter-spacing:.05em}"
	".codes{margin:.2em 0;font-size:.9em}";

static char *
style_hash (void)
{
	guint8 digest[32];
	gsize len = sizeof digest;
	g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
	g_checksum_update (sum, (const guchar *)style, (gssize)strlen (style));
	g_checksum_get_digest (sum, digest, &len);
	return g_base64_encode (digest, len);
}

static void
totals_section (GString *out, const StOverview *o)
{
	g_string_append_printf (out,
		"<section aria-labelledby=\"totals-h\"><h2 id=\"totals-h\">Totals</h2>\n"
		"<table id=\"totals\"><tbody>\n"
		"<tr><th scope=\"row\">spams read</th><td id=\"n-messages\">%u</td></tr>\n"
		"<tr><th scope=\"row\">with an origin</th><td id=\"n-origin\">%u</td></tr>\n"
		"<tr><th scope=\"row\">suspect</th><td id=\"n-suspect\">%u</td></tr>\n"
		"<tr><th scope=\"row\">origin addresses</th><td id=\"n-origins\">%u</td></tr>\n"
		"<tr><th scope=\"row\">advertised domains</th><td id=\"n-domains\">%u</td></tr>\n"
		"</tbody></table></section>\n",
		o->messages, o->with_origin, o->suspect, g_hash_table_size (o->origins),
		g_hash_table_size (o->domains));
}

char *
st_overview_render (StOverview *o, const GPtrArray *drafted, const char *drafted_error, gsize *len)
{
	GString *out = g_string_sized_new (o->rows->len + 65536);
	g_autofree char *hash = style_hash ();
	g_autofree char *stamp = format_time (o->now, "%Y-%m-%d %H:%M UTC");

	g_string_append_printf (out,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'sha256-%s'; base-uri 'none'; form-action 'none'\">\n"
		"<meta name=\"referrer\" content=\"no-referrer\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>spamtrace overview: %u spam%s</title>\n<style>%s</style></head>\n<body>\n"
		"<header><h1>What %u spam%s tell</h1><p>Written by spamtrace-report at %s. Every "
		"origin is the host that handed a spam to our own servers, as their own lines "
		"record it; the lines below those were written by others. Networks, AS numbers "
		"and countries come from the lookups, and say unknown when they were off.</p>"
		"</header>\n<main>\n",
		hash, o->messages, o->messages == 1 ? "" : "s", style, o->messages,
		o->messages == 1 ? "" : "s", stamp);
	totals_section (out, o);
	days_section (out, o->days);
	g_string_append (out, "<div class=\"grid\">\n");
	top_section (out, "t-origins", "Top origins", "address", o->origins, NULL);
	top_section (out, "t-networks", "Top origin networks", "network", o->networks, NULL);
	top_section (out, "t-asns", "Top AS numbers", "AS", o->asns, NULL);
	top_section (out, "t-countries", "Top countries", "country", o->countries, NULL);
	top_section (out, "t-domains", "Top advertised domains", "registrable domain", o->domains,
		"The registrable domains the spams link to, each counted once a spam.");
	top_section (out, "t-verdicts", "Verdicts", "verdict", o->verdicts, NULL);
	top_section (out, "t-reasons", "Verdict reasons", "reason", o->reasons, NULL);
	top_section (out, "t-forged", "Forgery codes", "code", o->forged,
		"Evidence that a Received: line lies, by the spams that carry it.");
	top_section (out, "t-insecure", "Insecure-relay codes", "code", o->insecure, NULL);
	g_string_append (out, "</div>\n");
	drafted_section (out, drafted, drafted_error);
	g_string_append_printf (out,
		"<section aria-labelledby=\"spams-h\"><h2 id=\"spams-h\">Every spam</h2>\n"
		"<p>In the order read: when our server received it, the subject, the origin, the "
		"verdict. Open one for its chain of Received: lines, top down: our servers, the "
		"trust boundary, then what the sender's side claims, forged lines marked, each "
		"with the line it rests on.</p>\n<ol id=\"spams\">\n%s</ol></section>\n"
		"</main></body></html>\n",
		o->rows->str);
	if (len != NULL)
		*len = out->len;
	return g_string_free (out, FALSE);
}

gboolean
st_overview_write (StOverview *o, StSightings *s, const char *path, GError **error)
{
	g_autoptr (GError) local = NULL;
	g_autoptr (GPtrArray) drafted = s != NULL ? st_sightings_drafted (s, &local) : NULL;
	gsize len = 0;
	g_autofree char *page = st_overview_render (
		o, drafted, local != NULL ? local->message : "no registry was opened", &len);
	return st_replace_file (path, page, len, 0644, error);
}
