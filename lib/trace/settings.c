/* settings.c - the user's settings: command line and the GKeyFile config file.
 * XDG Base Directory Specification; the keys are documented in spamtrace.conf(5). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "error.h"
#include "settings.h"
#include "verdict.h"

static void
clear_problem (gpointer p)
{
	g_free (((StSettingsProblem *)p)->text);
}

StSettings *
st_settings_new (void)
{
	StSettings *cfg = g_new0 (StSettings, 1);
	cfg->trust = st_trust_new ();
	cfg->filter.budget_ms = ST_FILTER_BUDGET_DEFAULT_MS;
	/* the user's own addresses are hidden in the copies unless asked */
	cfg->report.munge = TRUE;
	cfg->report.excerpt_lines = ST_EXCERPT_LINES_DEFAULT;
	cfg->report.excerpt_bytes = ST_EXCERPT_BYTES_DEFAULT;
	cfg->filter.threshold = ST_VERDICT_THRESHOLD;
	cfg->problems = g_array_new (FALSE, FALSE, sizeof (StSettingsProblem));
	g_array_set_clear_func (cfg->problems, clear_problem);
	cfg->blocklist.days = ST_BLOCKLIST_DAYS_DEFAULT;
	cfg->report.max_drafts = ST_REPORT_MAX_DRAFTS_DEFAULT;
	cfg->report.max_lookups = ST_REPORT_MAX_LOOKUPS_DEFAULT;
	return cfg;
}

void
st_settings_free (StSettings *cfg)
{
	if (cfg == NULL)
		return;
	st_trust_free (cfg->trust);
	g_free (cfg->authserv_id);
	g_free (cfg->report.outbox);
	g_free (cfg->report.from);
	g_free (cfg->report.name);
	g_strfreev (cfg->report.addresses);
	g_strfreev (cfg->report.domains);
	g_free (cfg->report.closing);
	g_free (cfg->report.template_dir);
	g_free (cfg->report.registry);
	g_free (cfg->report.well_known);
	g_free (cfg->lookups.dns_server);
	g_free (cfg->lookups.rdap_bootstrap);
	g_strfreev (cfg->lookups.whois_servers);
	g_free (cfg->lookups.cache);
	g_strfreev (cfg->lookups.dnsbl);
	g_free (cfg->lookups.asn_zone);
	g_free (cfg->source);
	g_array_unref (cfg->problems);
	g_free (cfg);
}

char *
st_settings_default_path (void)
{
	return g_build_filename (g_get_user_config_dir (), "spamtrace", "spamtrace.conf", NULL);
}

/* The kinds of value a key takes, each with the form the user is told to
 * write when the value is wrong. */
typedef enum {
	KEY_STRING,
	KEY_PATH, /* a string; "~/" means the home directory */
	KEY_LIST,
	KEY_BOOL,
	KEY_LOOKUPS,   /* StFilterLookups by its name */
	KEY_BUDGET,    /* milliseconds, 1 to ST_FILTER_BUDGET_MAX_MS */
	KEY_THRESHOLD, /* a score, ST_FILTER_THRESHOLD_MIN to _MAX */
	KEY_TRUST,     /* [trust] hosts: rules for the StTrust */
	KEY_SIZE,      /* bytes, as st_settings_parse_size reads them */
	KEY_LINES,     /* a count of lines, 1 to ST_EXCERPT_LINES_MAX */
	KEY_BYTES,     /* a count of bytes, 256 to ST_EXCERPT_BYTES_MAX */
	KEY_DAYS,      /* days, 1 to ST_BLOCKLIST_DAYS_MAX */
	KEY_COUNT,     /* a guint, 0 to ST_REPORT_MAX_COUNT */
} KeyType;

static const char *const expected[] = {
	[KEY_STRING] = "text in UTF-8",
	[KEY_PATH] = "a file or directory name in UTF-8",
	[KEY_LIST] = "values separated by semicolons",
	[KEY_BOOL] = "true or false",
	[KEY_LOOKUPS] = "off, cache or network",
	[KEY_BUDGET] = "a whole number of milliseconds from 1 to 30000",
	[KEY_THRESHOLD] = "a number from 0.5 to 100",
	[KEY_TRUST] = "addresses, CIDR networks, host names or domains separated by "
		      "semicolons, ! in front to exclude",
	[KEY_SIZE] = "a size in bytes, or a number and K, M or G, up to 2G",
	[KEY_LINES] = "a whole number of lines from 1 to 1000",
	[KEY_BYTES] = "a whole number of bytes from 256 to 262144",
	[KEY_DAYS] = "a whole number of days from 1 to 36500",
	[KEY_COUNT] = "a whole number from 0 to 100",
};

typedef struct {
	const char *key;
	KeyType type;
	gsize offset;
} Key;

static const Key trust_keys[] = {
	{ "hosts", KEY_TRUST, G_STRUCT_OFFSET (StSettings, trust) },
	{ "authserv-id", KEY_STRING, G_STRUCT_OFFSET (StSettings, authserv_id) },
};

static const Key report_keys[] = {
	{ "outbox", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, outbox) },
	{ "from", KEY_STRING, G_STRUCT_OFFSET (StReportSettings, from) },
	{ "name", KEY_STRING, G_STRUCT_OFFSET (StReportSettings, name) },
	{ "addresses", KEY_LIST, G_STRUCT_OFFSET (StReportSettings, addresses) },
	{ "domains", KEY_LIST, G_STRUCT_OFFSET (StReportSettings, domains) },
	{ "closing", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, closing) },
	{ "template-dir", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, template_dir) },
	{ "registry", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, registry) },
	{ "attach", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, attach) },
	{ "arf", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, arf) },
	{ "notify-spoofed", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, notify_spoofed) },
	{ "munge", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, munge) },
	{ "offline", KEY_BOOL, G_STRUCT_OFFSET (StReportSettings, offline) },
	{ "max-size", KEY_SIZE, G_STRUCT_OFFSET (StReportSettings, max_size) },
	{ "excerpt-lines", KEY_LINES, G_STRUCT_OFFSET (StReportSettings, excerpt_lines) },
	{ "excerpt-bytes", KEY_BYTES, G_STRUCT_OFFSET (StReportSettings, excerpt_bytes) },
	{ "well-known", KEY_PATH, G_STRUCT_OFFSET (StReportSettings, well_known) },
	{ "max-drafts", KEY_COUNT, G_STRUCT_OFFSET (StReportSettings, max_drafts) },
	{ "max-lookups", KEY_COUNT, G_STRUCT_OFFSET (StReportSettings, max_lookups) },
};

static const Key lookup_keys[] = {
	{ "dns-server", KEY_STRING, G_STRUCT_OFFSET (StLookupSettings, dns_server) },
	{ "rdap-bootstrap", KEY_PATH, G_STRUCT_OFFSET (StLookupSettings, rdap_bootstrap) },
	{ "whois-server", KEY_LIST, G_STRUCT_OFFSET (StLookupSettings, whois_servers) },
	{ "cache", KEY_PATH, G_STRUCT_OFFSET (StLookupSettings, cache) },
	{ "dnsbl", KEY_LIST, G_STRUCT_OFFSET (StLookupSettings, dnsbl) },
	{ "asn-zone", KEY_STRING, G_STRUCT_OFFSET (StLookupSettings, asn_zone) },
};

static const Key filter_keys[] = {
	{ "body", KEY_BOOL, G_STRUCT_OFFSET (StFilterSettings, body) },
	{ "lookups", KEY_LOOKUPS, G_STRUCT_OFFSET (StFilterSettings, lookups) },
	{ "budget", KEY_BUDGET, G_STRUCT_OFFSET (StFilterSettings, budget_ms) },
	{ "threshold", KEY_THRESHOLD, G_STRUCT_OFFSET (StFilterSettings, threshold) },
};

static const Key blocklist_keys[] = {
	{ "days", KEY_DAYS, G_STRUCT_OFFSET (StBlocklistSettings, days) },
};

static const struct {
	const char *name;
	StSettingsGroups bit;
	const Key *keys;
	gsize n_keys;
	gsize offset; /* of the group's struct in StSettings */
} groups[] = {
	{ "trust", ST_SETTINGS_TRUST, trust_keys, G_N_ELEMENTS (trust_keys), 0 },
	{ "report", ST_SETTINGS_REPORT, report_keys, G_N_ELEMENTS (report_keys),
		G_STRUCT_OFFSET (StSettings, report) },
	{ "lookups", ST_SETTINGS_LOOKUPS, lookup_keys, G_N_ELEMENTS (lookup_keys),
		G_STRUCT_OFFSET (StSettings, lookups) },
	{ "filter", ST_SETTINGS_FILTER, filter_keys, G_N_ELEMENTS (filter_keys),
		G_STRUCT_OFFSET (StSettings, filter) },
	{ "blocklist", ST_SETTINGS_BLOCKLIST, blocklist_keys, G_N_ELEMENTS (blocklist_keys),
		G_STRUCT_OFFSET (StSettings, blocklist) },
};

static const char *const lookups_names[] = { "off", "cache", "network" };

const char *
st_filter_lookups_name (StFilterLookups mode)
{
	return (guint)mode < G_N_ELEMENTS (lookups_names) ? lookups_names[mode] : "off";
}

gboolean
st_filter_lookups_parse (const char *name, StFilterLookups *mode)
{
	for (gsize i = 0; i < G_N_ELEMENTS (lookups_names); i++)
		if (g_ascii_strcasecmp (name, lookups_names[i]) == 0) {
			*mode = (StFilterLookups)i;
			return TRUE;
		}
	return FALSE;
}

gboolean
st_settings_parse_size (const char *text, guint64 *size, GError **error)
{
	static const char units[] = "KMG";
	g_autofree char *t = g_strstrip (g_strdup (text));
	gsize len = strlen (t);
	const char *unit = len > 0 ? strchr (units, g_ascii_toupper (t[len - 1])) : NULL;
	guint64 n = 0;

	if (unit != NULL)
		t[--len] = '\0';
	if (len == 0 || strspn (t, "0123456789") != len ||
		!g_ascii_string_to_unsigned (t, 10, 1, ST_REPORT_MAX_SIZE_MAX, &n, NULL) ||
		(unit != NULL && n > ST_REPORT_MAX_SIZE_MAX >> (10 * (unit - units + 1)))) {
		g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
			"'%s' is not a size from 1 byte to 2G (bytes, or a number and K, M or G)",
			text);
		return FALSE;
	}
	*size = unit != NULL ? n << (10 * (unit - units + 1)) : n;
	return TRUE;
}

static char *
expand_home (const char *s)
{
	if (g_str_has_prefix (s, "~/"))
		return g_build_filename (g_get_home_dir (), s + 2, NULL);
	return g_strdup (s);
}

/* The rules of [trust] hosts, added to @trust only when every one reads:
 * a rule left out could widen what another one trusts ("!" excludes). */
static gboolean
read_trust (GKeyFile *kf, const char *group, const char *key, StTrust *trust, GError **e)
{
	g_auto (GStrv) list = g_key_file_get_string_list (kf, group, key, NULL, e);
	g_autoptr (StTrust) check = st_trust_new ();

	if (list == NULL)
		return FALSE;
	for (char **p = list; *p != NULL; p++)
		if ((*p)[0] != '\0' && !st_trust_add (check, *p, e))
			return FALSE;
	for (char **p = list; *p != NULL; p++)
		if ((*p)[0] != '\0')
			st_trust_add (trust, *p, NULL);
	return TRUE;
}

/* Reads one key of @group into @field; FALSE, @field untouched, when its
 * value is not of the key's form (@e then may say why). */
static gboolean
read_key (GKeyFile *kf, const char *group, const Key *k, gpointer field, GError **e)
{
	switch (k->type) {
	case KEY_STRING:
	case KEY_PATH: {
		g_autofree char *v = g_key_file_get_string (kf, group, k->key, e);
		if (v == NULL)
			return FALSE;
		g_strstrip (v);
		g_free (*(char **)field);
		*(char **)field = k->type == KEY_PATH ? expand_home (v) : g_steal_pointer (&v);
		return TRUE;
	}
	case KEY_LIST: {
		GStrv v = g_key_file_get_string_list (kf, group, k->key, NULL, e);
		if (v == NULL)
			return FALSE;
		for (char **p = v; *p; p++)
			g_strstrip (*p);
		g_strfreev (*(GStrv *)field);
		*(GStrv *)field = v;
		return TRUE;
	}
	case KEY_BOOL: {
		gboolean v = g_key_file_get_boolean (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		*(gboolean *)field = v;
		return TRUE;
	}
	case KEY_LOOKUPS: {
		g_autofree char *v = g_key_file_get_string (kf, group, k->key, e);
		return v != NULL && st_filter_lookups_parse (g_strstrip (v), field);
	}
	case KEY_BUDGET: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		if (*e != NULL || v < 1 || v > ST_FILTER_BUDGET_MAX_MS)
			return FALSE;
		*(guint *)field = (guint)v;
		return TRUE;
	}
	case KEY_SIZE: {
		g_autofree char *v = g_key_file_get_string (kf, group, k->key, e);
		return v != NULL && st_settings_parse_size (v, field, e);
	}
	case KEY_LINES:
	case KEY_BYTES: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		gint lo = k->type == KEY_LINES ? 1 : 256;
		gint hi = k->type == KEY_LINES ? ST_EXCERPT_LINES_MAX : ST_EXCERPT_BYTES_MAX;
		if (*e != NULL)
			return FALSE;
		if (v < lo || v > hi) {
			g_set_error (e, ST_ERROR, ST_ERROR_CONFIG, "%d is not between %d and %d", v,
				lo, hi);
			return FALSE;
		}
		*(guint *)field = (guint)v;
		return TRUE;
	}
	case KEY_THRESHOLD: {
		double v = g_key_file_get_double (kf, group, k->key, e);
		if (*e != NULL || !(v >= ST_FILTER_THRESHOLD_MIN && v <= ST_FILTER_THRESHOLD_MAX))
			return FALSE;
		*(double *)field = v;
		return TRUE;
	}
	case KEY_COUNT: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		if (v < 0 || v > ST_REPORT_MAX_COUNT) {
			g_set_error (e, ST_ERROR, ST_ERROR_CONFIG, "%d is not between 0 and %d", v,
				ST_REPORT_MAX_COUNT);
			return FALSE;
		}
		*(guint *)field = (guint)v;
		return TRUE;
	}
	case KEY_DAYS: {
		gint v = g_key_file_get_integer (kf, group, k->key, e);
		if (*e != NULL)
			return FALSE;
		if (v < 1 || v > ST_BLOCKLIST_DAYS_MAX) {
			g_set_error (e, ST_ERROR, ST_ERROR_CONFIG,
				"%d is not between 1 and %d days", v, ST_BLOCKLIST_DAYS_MAX);
			return FALSE;
		}
		*(guint *)field = (guint)v;
		return TRUE;
	}
	case KEY_TRUST:
		return read_trust (kf, group, k->key, *(StTrust **)field, e);
	}
	return FALSE;
}

/* The file as written, line by line: where each group and key stands, and
 * the text GKeyFile is given, without the lines it would refuse (one bad
 * line would otherwise lose the whole file). */
typedef struct {
	GHashTable *lines; /* "group" or "group\nkey" -> its line (GUINT_TO_POINTER) */
	GString *clean;
} Layout;

static void
layout_clear (Layout *l)
{
	g_clear_pointer (&l->lines, g_hash_table_unref);
	if (l->clean != NULL)
		g_string_free (l->clean, TRUE);
	l->clean = NULL;
}

static guint
layout_line (const Layout *l, const char *group, const char *key)
{
	g_autofree char *id = key != NULL ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
	return GPOINTER_TO_UINT (g_hash_table_lookup (l->lines, id));
}

static void
add_problem (StSettings *cfg, guint line, char *text)
{
	StSettingsProblem p = { line, text };
	g_array_append_val (cfg->problems, p);
}

static gboolean
group_known (const char *name, StSettingsGroups *bit)
{
	for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
		if (g_str_equal (name, groups[g].name)) {
			*bit = groups[g].bit;
			return TRUE;
		}
	return FALSE;
}

/* Text of the file, short and printable, to quote in a problem. */
static char *
quote_text (const char *text)
{
	GString *q = g_string_new (NULL);
	const char *p = text;

	for (; *p != '\0' && q->len < 60; p++)
		g_string_append_c (q, g_ascii_isprint (*p) ? *p : '?');
	if (*p != '\0')
		g_string_append (q, "...");
	return g_string_free (q, FALSE);
}

/* Whether GKeyFile reads @text alone ("[group]" or "[g]\nkey=value"). */
static gboolean
keyfile_reads (const char *text)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	return g_key_file_load_from_data (kf, text, (gsize)-1, G_KEY_FILE_NONE, NULL);
}

/* A mistake in the layout of a line counts when the line is in one of the
 * @wanted groups, or in an unknown group (a misspelt name of one), or
 * before any group. The keys below a group line that does not read are
 * left out: their group is not known. */
static void
layout_scan (Layout *l, StSettings *cfg, const char *data, StSettingsGroups wanted)
{
	g_auto (GStrv) text = g_strsplit (data, "\n", -1);
	g_autofree char *group = NULL;
	gboolean counts = TRUE, lost = FALSE;

	l->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	l->clean = g_string_new (NULL);
	for (guint i = 0; text[i] != NULL; i++) {
		char *s = g_strchug (text[i]);
		g_autofree char *probe = NULL;
		const char *eq = strchr (s, '=');
		guint line = i + 1;

		g_strchomp (s);
		if (s[0] == '\0' || s[0] == '#') {
			g_string_append_c (l->clean, '\n');
			continue;
		}
		if (s[0] == '[') {
			StSettingsGroups bit;
			probe = g_strconcat (s, "\n", NULL);
			g_clear_pointer (&group, g_free);
			lost = !keyfile_reads (probe) || s[strlen (s) - 1] != ']';
			if (!lost) {
				group = g_strndup (s + 1, strlen (s) - 2);
				counts = !group_known (group, &bit) || (bit & wanted);
				if (!g_hash_table_contains (l->lines, group))
					g_hash_table_insert (l->lines, g_strdup (group),
						GUINT_TO_POINTER (line));
				g_string_append_printf (l->clean, "%s\n", s);
				continue;
			}
		} else if (group != NULL && eq != NULL && eq > s) {
			probe = g_strconcat ("[g]\n", s, "\n", NULL);
			if (keyfile_reads (probe)) {
				g_autofree char *key = g_strstrip (g_strndup (s, (gsize)(eq - s)));
				g_hash_table_insert (l->lines, g_strconcat (group, "\n", key, NULL),
					GUINT_TO_POINTER (line));
				g_string_append_printf (l->clean, "%s\n", s);
				continue;
			}
		}
		g_string_append_c (l->clean, '\n');
		if (s[0] == '[') {
			/* "[report] # mine": another program's, by its name */
			const char *end = strchr (s, ']');
			g_autofree char *name = end != NULL ? g_strndup (s + 1, end - s - 1) : NULL;
			StSettingsGroups bit;
			if (name != NULL && group_known (name, &bit) && !(bit & wanted))
				continue;
			g_autofree char *quoted = quote_text (s);
			add_problem (cfg, line,
				g_strdup_printf ("'%s' is not a [group] line (the keys below it "
						 "are left out)",
					quoted));
		} else if (lost) {
			continue;
		} else if (group == NULL) {
			g_autofree char *quoted = quote_text (s);
			add_problem (cfg, line,
				g_strdup_printf ("'%s' comes before any [group] line", quoted));
		} else if (counts) {
			g_autofree char *quoted = quote_text (s);
			add_problem (cfg, line,
				g_strdup_printf (
					"[%s]: '%s' is not key = value, a [group] line or a "
					"# comment%s",
					group, quoted,
					s[0] == ';' ? " (comments start with #)" : ""));
		}
	}
}

static void
read_group (StSettings *cfg, GKeyFile *kf, const Layout *l, gsize g)
{
	gpointer base = G_STRUCT_MEMBER_P (cfg, groups[g].offset);
	const char *name = groups[g].name;
	g_auto (GStrv) keys = g_key_file_get_keys (kf, name, NULL, NULL);

	for (char **key = keys; key != NULL && *key != NULL; key++) {
		const Key *k = NULL;
		gboolean again = FALSE;
		/* a key written twice (the last one counts) is listed twice */
		for (char **before = keys; before < key && !again; before++)
			again = g_str_equal (*before, *key);
		if (again)
			continue;
		for (gsize i = 0; i < groups[g].n_keys && k == NULL; i++)
			if (g_str_equal (*key, groups[g].keys[i].key))
				k = &groups[g].keys[i];
		if (k == NULL) {
			g_autoptr (GString) known = g_string_new (NULL);
			for (gsize i = 0; i < groups[g].n_keys; i++)
				g_string_append_printf (
					known, "%s%s", i > 0 ? ", " : "", groups[g].keys[i].key);
			add_problem (cfg, layout_line (l, name, *key),
				g_strdup_printf ("[%s] %s: unknown key (the keys are %s)", name,
					*key, known->str));
			continue;
		}
		g_autoptr (GError) e = NULL;
		if (read_key (kf, name, k, G_STRUCT_MEMBER_P (base, k->offset), &e))
			continue;
		g_autofree char *raw = g_key_file_get_value (kf, name, *key, NULL);
		g_autofree char *v = quote_text (raw != NULL ? g_strstrip (raw) : "");
		/* a word or number of the wrong form is quoted; the reason is
		 * told when it is more than the form (a rule of [trust] hosts) */
		gboolean why = e != NULL && (k->type == KEY_TRUST || k->type == KEY_STRING ||
						    k->type == KEY_PATH || k->type == KEY_LIST);
		add_problem (cfg, layout_line (l, name, *key),
			why ? g_strdup_printf ("[%s] %s: %s (expected %s)", name, *key, e->message,
				      expected[k->type])
			    : g_strdup_printf ("[%s] %s: expected %s, not '%s'", name, *key,
				      expected[k->type], v));
	}
}

gboolean
st_settings_add_trust (StSettings *cfg, char **rules, GError **error)
{
	for (char **t = rules; t != NULL && *t != NULL; t++)
		if (!st_trust_add (cfg->trust, *t, error))
			return FALSE;
	return TRUE;
}

/* Why a file could not be read, without GLib's quoting of its name. */
static const char *
read_failure (const GError *e)
{
	if (e->domain != G_FILE_ERROR)
		return e->message;
	switch (e->code) {
	case G_FILE_ERROR_NOENT:
		return "no such file or directory";
	case G_FILE_ERROR_ACCES:
		return "permission denied";
	case G_FILE_ERROR_ISDIR:
		return "is a directory";
	default:
		return e->message;
	}
}

static gint
compare_problems (gconstpointer a, gconstpointer b)
{
	guint la = ((const StSettingsProblem *)a)->line, lb = ((const StSettingsProblem *)b)->line;
	return la < lb ? -1 : la > lb;
}

gboolean
st_settings_load_groups (StSettings *cfg, const char *path, gboolean must_exist,
	StSettingsGroups wanted, GError **error)
{
	g_autoptr (GKeyFile) kf = g_key_file_new ();
	g_autoptr (GError) local = NULL;
	g_autofree char *data = NULL;
	Layout l = { 0 };

	if (!g_file_get_contents (path, &data, NULL, &local)) {
		if (!must_exist && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		g_free (cfg->source);
		cfg->source = g_strdup (path);
		add_problem (cfg, 0, g_strdup_printf ("cannot read it: %s", read_failure (local)));
	} else {
		g_free (cfg->source);
		cfg->source = g_strdup (path);
		layout_scan (&l, cfg, data, wanted);
		if (!g_key_file_load_from_data (
			    kf, l.clean->str, l.clean->len, G_KEY_FILE_NONE, &local))
			add_problem (cfg, 0, g_strdup (local->message));
	}

	g_auto (GStrv) names = l.lines != NULL ? g_key_file_get_groups (kf, NULL) : NULL;
	for (char **g = names; g != NULL && *g != NULL; g++) {
		StSettingsGroups bit;
		if (!group_known (*g, &bit))
			add_problem (cfg, layout_line (&l, *g, NULL),
				g_strdup_printf ("[%s]: unknown group (the groups are [trust], "
						 "[filter], [lookups] and [report])",
					*g));
	}
	for (gsize g = 0; l.lines != NULL && g < G_N_ELEMENTS (groups); g++)
		if ((groups[g].bit & wanted) && g_key_file_has_group (kf, groups[g].name))
			read_group (cfg, kf, &l, g);
	layout_clear (&l);

	if (cfg->problems->len == 0)
		return TRUE;
	/* in the order of the file (g_array_sort is stable) */
	g_array_sort (cfg->problems, compare_problems);
	g_autofree char *first = st_settings_problem_message (cfg, 0);
	g_set_error_literal (error, ST_ERROR, ST_ERROR_CONFIG, first);
	return FALSE;
}

gboolean
st_settings_load (StSettings *cfg, const char *path, gboolean must_exist, GError **error)
{
	return st_settings_load_groups (cfg, path, must_exist, ST_SETTINGS_ALL, error);
}

char *
st_settings_help (GOptionContext *ctx)
{
	g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
	g_auto (GStrv) parts = g_strsplit (help, "\u2026", -1);
	return g_strjoinv ("...", parts);
}

char *
st_settings_problem_message (const StSettings *cfg, guint i)
{
	const StSettingsProblem *p = &g_array_index (cfg->problems, StSettingsProblem, i);

	g_return_val_if_fail (i < cfg->problems->len, NULL);
	if (p->line == 0)
		return g_strdup_printf ("%s: %s", cfg->source, p->text);
	return g_strdup_printf ("%s:%u: %s", cfg->source, p->line, p->text);
}

gboolean
st_settings_load_chosen (
	StSettings *cfg, const char *chosen, StSettingsGroups wanted, GError **error)
{
	g_autofree char *path = chosen != NULL ? g_strdup (chosen) : st_settings_default_path ();
	return st_settings_load_groups (cfg, path, chosen != NULL, wanted, error);
}
