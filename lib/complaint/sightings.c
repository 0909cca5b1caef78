/* sightings.c - the clearinghouse: which addresses sent us spam or relayed it insecurely, and when.
 * SQLite with a busy timeout, its own connection to the registry's file and its own tables. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "domain.h"
#include "error.h"
#include "finding.h"
#include "providers.h"
#include "sightings.h"

/* The version of the tables below; a file with a higher one was written
 * by a newer spamtrace and is left alone. The registry's own table keeps
 * its own version: the two change apart. */
#define SCHEMA_VERSION 1

/* One row per address and kind; one evidence row per message, so that a
 * message read again (the same Maildir every night) counts once. */
static const char schema[] =
	"CREATE TABLE IF NOT EXISTS schema_versions ("
	" component TEXT PRIMARY KEY, version INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS sightings ("
	" address TEXT NOT NULL, kind TEXT NOT NULL, code TEXT,"
	" first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, count INTEGER NOT NULL,"
	" network TEXT, asn INTEGER, country TEXT, message_id TEXT,"
	" PRIMARY KEY (address, kind));"
	"CREATE INDEX IF NOT EXISTS sightings_last_seen ON sightings (last_seen);"
	"CREATE TABLE IF NOT EXISTS sighting_evidence ("
	" address TEXT NOT NULL, kind TEXT NOT NULL, incident TEXT NOT NULL,"
	" seen INTEGER NOT NULL, PRIMARY KEY (address, kind, incident));";

static const char *const kind_names[] = {
	[ST_SIGHTING_ORIGIN] = "origin",
	[ST_SIGHTING_RELAY] = "relay",
	[ST_SIGHTING_PROVIDER] = "provider",
};

/* A transaction stays open at most this long, so that another run
 * sharing the file waits at most about as long for its turn. */
#define BATCH_US G_USEC_PER_SEC

struct _StSightings {
	sqlite3 *db;
	gboolean in_batch;
	gint64 batch_started; /* monotonic, µs */
};

const char *
st_sighting_kind_to_string (StSightingKind kind)
{
	return (guint)kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "origin";
}

gboolean
st_sighting_kind_parse (const char *text, StSightingKind *kind)
{
	for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
		if (g_str_equal (text, kind_names[i])) {
			*kind = (StSightingKind)i;
			return TRUE;
		}
	return FALSE;
}

gint64
st_sighting_seen_time (const StAnalysis *a, gint64 now, gboolean *dated)
{
	int top = a->walk.origin >= 0 ? a->walk.origin : (int)a->n_hops - 1;
	if (dated != NULL)
		*dated = TRUE;
	for (int i = top; i >= 0; i--) {
		const StReceived *r = a->hop[i].line;
		if (r->date[0] != '\0')
			return MIN (r->time, now);
	}
	if (dated != NULL)
		*dated = FALSE;
	return now;
}

/* An address that can send mail on the Internet, in canonical text. */
static gboolean
listable_address (const StHop *h, char text[ST_IP_STRLEN])
{
	if (!st_hop_valid_ip (h) || st_ip_scope (&h->ip, NULL) != ST_IP_SCOPE_PUBLIC)
		return FALSE;
	st_ip_format (&h->ip, text);
	return TRUE;
}

/* The origin's name, as our server found it, in the domain of our server
 * itself: most often one of the user's own relays not yet declared (the
 * walk's hint says so), else a neighbour at the same hoster. A blocklist
 * that named it could refuse the user's own mail: neither is listed. */
static gboolean
same_domain_as_receiver (const StReceived *o)
{
	if (o->rdns[0] == '\0' || (o->flags & ST_RECEIVED_MAY_BE_FORGED) || o->by[0] == '\0')
		return FALSE;
	g_autofree char *a = st_domain_registrable (o->rdns);
	g_autofree char *b = st_domain_registrable (o->by);
	return a != NULL && b != NULL && g_str_equal (a, b);
}

guint
st_sighting_list_from_analysis (const StAnalysis *a, const StPolicy *policy, gint64 now,
	StSighting out[ST_SIGHTINGS_PER_MESSAGE])
{
	const StReceived *o = st_analysis_origin (a);
	char text[ST_IP_STRLEN];
	guint n = 0;

	if (o == NULL || o->kind != ST_RECEIVED_RELAY ||
		!listable_address (&a->hop[a->walk.origin], text))
		return 0;
	if (same_domain_as_receiver (o))
		return 0;
	gint64 seen = st_sighting_seen_time (a, now, NULL);
	const StSender *sender = a->hop[a->walk.origin].sender;
	const char *provider = sender != NULL ? sender->name : a->walk.gateway;
	/* an address the policy calls the user's (their servers and
	 * networks, their provider's ranges) or none on the Internet is not
	 * listed: a provider's shared ranges hold its outbound servers too,
	 * which the complaints may name but a blocklist must not */
	if (provider == NULL && policy != NULL &&
		st_policy_check_host_address (policy, text) != ST_RULE_COUNT)
		return 0;
	memset (out, 0, sizeof (StSighting) * ST_SIGHTINGS_PER_MESSAGE);
	out[n].kind = provider != NULL ? ST_SIGHTING_PROVIDER : ST_SIGHTING_ORIGIN;
	out[n].code = provider;
	out[n].hop = a->walk.origin;
	out[n].seen = seen;
	memcpy (out[n].address, text, sizeof text);
	n++;
	if (provider != NULL)
		return n;

	/* the origin's own line: the one just below ours, in the name our
	 * server found for the origin (its DNS name, not the one it gave
	 * itself), and not forged. As origin_relaying () in planner.c, which
	 * makes it evidence for the origin's complaint. */
	guint below = (guint)a->walk.origin + 1;
	if (below >= a->n_hops)
		return n;
	const StReceived *r = a->hop[below].line;
	const StHopJudgement *j = &a->hop[below].judged;
	if (r->kind != ST_RECEIVED_RELAY || j->judgement == ST_JUDGEMENT_FORGED ||
		j->insecure->len == 0 || o->rdns[0] == '\0' ||
		(o->flags & ST_RECEIVED_MAY_BE_FORGED))
		return n;
	g_autofree char *od = st_domain_registrable (o->rdns);
	g_autofree char *rd = st_domain_registrable (r->by);
	if (od == NULL || rd == NULL || !g_str_equal (od, rd))
		return n;
	const StFinding *f = j->insecure->pdata[0];
	out[n] = out[0];
	out[n].kind = ST_SIGHTING_RELAY;
	out[n].code = f->code;
	out[n].hop = (int)below;
	return n + 1;
}

char *
st_sighting_network_label (const StAsnInfo *as)
{
	if (as->prefix == NULL)
		return NULL;
	if (as->name == NULL)
		return g_strdup (as->prefix);
	const char *dash = strstr (as->name, " - ");
	int len = dash != NULL ? (int)(dash - as->name) : (int)strlen (as->name);
	return g_strdup_printf ("%s %.*s", as->prefix, len, as->name);
}

static void
set_io_error (sqlite3 *db, const char *what, GError **error)
{
	g_set_error (error, ST_ERROR, ST_ERROR_IO, "sightings: %s: %s", what,
		db != NULL ? sqlite3_errmsg (db) : "out of memory");
}

char *
st_sightings_default_path (void)
{
	/* the registry's file (lib/complaint/registry.c) */
	return g_build_filename (g_get_user_data_dir (), "spamtrace", "drafted.sqlite", NULL);
}

/* Our version in the file: written when missing, refused when newer. */
static gboolean
check_version (sqlite3 *db, const char *path, GError **error)
{
	sqlite3_stmt *st = NULL;
	int found = -1;

	if (sqlite3_prepare_v2 (db,
		    "SELECT version FROM schema_versions WHERE component = 'sightings'", -1, &st,
		    NULL) != SQLITE_OK) {
		set_io_error (db, path, error);
		return FALSE;
	}
	if (sqlite3_step (st) == SQLITE_ROW)
		found = sqlite3_column_int (st, 0);
	sqlite3_finalize (st);
	if (found > SCHEMA_VERSION) {
		g_set_error (error, ST_ERROR, ST_ERROR_IO,
			"sightings: %s: written by a newer spamtrace (schema %d, we read %d)", path,
			found, SCHEMA_VERSION);
		return FALSE;
	}
	if (found < 0 && sqlite3_exec (db,
				 "INSERT OR IGNORE INTO schema_versions (component, version) "
				 "VALUES ('sightings', " G_STRINGIFY (SCHEMA_VERSION) ")",
				 NULL, NULL, NULL) != SQLITE_OK) {
		set_io_error (db, path, error);
		return FALSE;
	}
	return TRUE;
}

StSightings *
st_sightings_open (const char *path, GError **error)
{
	g_autofree char *def = NULL;
	g_autoptr (StSightings) s = g_new0 (StSightings, 1);

	if (path == NULL) {
		path = def = st_sightings_default_path ();
		g_autofree char *dir = g_path_get_dirname (path);
		if (g_mkdir_with_parents (dir, 0700) != 0) {
			g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot create '%s'", dir);
			return NULL;
		}
	}
	if (sqlite3_open (path, &s->db) != SQLITE_OK) {
		set_io_error (s->db, path, error);
		return NULL;
	}
	/* runs started together (a cron job, the MDA's) wait for each other */
	sqlite3_busy_timeout (s->db, 10000);
	if (sqlite3_exec (s->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		set_io_error (s->db, path, error);
		return NULL;
	}
	if (!check_version (s->db, path, error))
		return NULL;
	return g_steal_pointer (&s);
}

gboolean
st_sightings_flush (StSightings *s, GError **error)
{
	if (!s->in_batch)
		return TRUE;
	s->in_batch = FALSE;
	if (sqlite3_exec (s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		set_io_error (s->db, "commit", error);
		sqlite3_exec (s->db, "ROLLBACK", NULL, NULL, NULL);
		return FALSE;
	}
	return TRUE;
}

void
st_sightings_close (StSightings *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL) {
		g_autoptr (GError) error = NULL;
		if (!st_sightings_flush (s, &error))
			g_warning ("%s", error->message);
		sqlite3_close (s->db);
	}
	g_free (s);
}

/* Runs @sql with @n text parameters (NULL binds NULL) and integers after
 * them; TRUE when it ran to the end. */
static gboolean
run_statement (sqlite3 *db, const char *sql, const char *const *texts, guint n_texts,
	const gint64 *ints, guint n_ints)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
		return FALSE;
	for (guint i = 0; i < n_texts; i++)
		sqlite3_bind_text (st, (int)i + 1, texts[i], -1, SQLITE_TRANSIENT);
	for (guint i = 0; i < n_ints; i++)
		sqlite3_bind_int64 (st, (int)(n_texts + i) + 1, ints[i]);
	gboolean ok = sqlite3_step (st) == SQLITE_DONE;
	sqlite3_finalize (st);
	return ok;
}

gboolean
st_sightings_record (StSightings *s, const StSighting *sg, const char *incident,
	const char *message_id, const StAsnInfo *as, GError **error)
{
	g_return_val_if_fail (s != NULL && sg != NULL && incident != NULL, FALSE);

	const char *kind = st_sighting_kind_to_string (sg->kind);
	if (s->in_batch && g_get_monotonic_time () - s->batch_started > BATCH_US &&
		!st_sightings_flush (s, error))
		return FALSE;
	if (!s->in_batch) {
		if (sqlite3_exec (s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
			set_io_error (s->db, "begin", error);
			return FALSE;
		}
		s->in_batch = TRUE;
		s->batch_started = g_get_monotonic_time ();
	}
	const char *ev[] = { sg->address, kind, incident };
	if (!run_statement (s->db,
		    "INSERT OR IGNORE INTO sighting_evidence (address, kind, incident, seen) "
		    "VALUES (?1, ?2, ?3, ?4)",
		    ev, G_N_ELEMENTS (ev), &sg->seen, 1)) {
		set_io_error (s->db, "record", error);
		return FALSE;
	}
	if (sqlite3_changes (s->db) == 0)
		return TRUE; /* this message was counted before */
	gint64 asn = as != NULL ? as->asn : 0;
	g_autofree char *network = as != NULL ? st_sighting_network_label (as) : NULL;
	const char *row[] = { sg->address, kind, sg->code, message_id, network,
		as != NULL ? as->country : NULL };
	const gint64 ints[] = { sg->seen, asn };
	/* the latest evidence names the message; a lookup that knew nothing
	 * leaves what an earlier one found */
	if (!run_statement (s->db,
		    "INSERT INTO sightings (address, kind, code, message_id, network, country,"
		    " first_seen, last_seen, count, asn) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1, nullif(?8, 0)) "
		    "ON CONFLICT (address, kind) DO UPDATE SET count = count + 1,"
		    " first_seen = min(first_seen, excluded.first_seen),"
		    " code = CASE WHEN excluded.last_seen >= last_seen THEN excluded.code"
		    "  ELSE code END,"
		    " message_id = CASE WHEN excluded.last_seen >= last_seen"
		    "  THEN excluded.message_id ELSE message_id END,"
		    " last_seen = max(last_seen, excluded.last_seen),"
		    " network = coalesce(excluded.network, network),"
		    " country = coalesce(excluded.country, country),"
		    " asn = coalesce(excluded.asn, asn)",
		    row, G_N_ELEMENTS (row), ints, G_N_ELEMENTS (ints))) {
		set_io_error (s->db, "record", error);
		return FALSE;
	}
	return TRUE;
}

void
st_sighting_row_free (StSightingRow *row)
{
	if (row == NULL)
		return;
	g_free (row->address);
	g_free (row->code);
	g_free (row->network);
	g_free (row->country);
	g_free (row->message_id);
	g_free (row);
}

static char *
column_dup (sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text (st, i);
	return t != NULL ? g_strdup ((const char *)t) : NULL;
}

GPtrArray *
st_sightings_since (StSightings *s, gint64 since, GError **error)
{
	sqlite3_stmt *st = NULL;
	g_autoptr (GPtrArray) rows =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_sighting_row_free);

	if (!st_sightings_flush (s, error))
		return NULL;
	if (sqlite3_prepare_v2 (s->db,
		    "SELECT address, kind, code, first_seen, last_seen, count, network,"
		    " coalesce(asn, 0), country, message_id FROM sightings WHERE last_seen >= ?1"
		    " ORDER BY last_seen DESC, address",
		    -1, &st, NULL) != SQLITE_OK) {
		set_io_error (s->db, "read", error);
		return NULL;
	}
	sqlite3_bind_int64 (st, 1, since);
	int rc;
	while ((rc = sqlite3_step (st)) == SQLITE_ROW) {
		StSightingRow *row = g_new0 (StSightingRow, 1);
		row->address = column_dup (st, 0);
		if (!st_sighting_kind_parse ((const char *)sqlite3_column_text (st, 1), &row->kind))
			row->kind = ST_SIGHTING_PROVIDER; /* unknown: never listed */
		row->code = column_dup (st, 2);
		row->first_seen = sqlite3_column_int64 (st, 3);
		row->last_seen = sqlite3_column_int64 (st, 4);
		row->count = (guint)CLAMP (sqlite3_column_int64 (st, 5), 0, G_MAXUINT);
		row->network = column_dup (st, 6);
		row->asn = (guint32)CLAMP (sqlite3_column_int64 (st, 7), 0, G_MAXUINT32);
		row->country = column_dup (st, 8);
		row->message_id = column_dup (st, 9);
		g_ptr_array_add (rows, row);
	}
	sqlite3_finalize (st);
	if (rc != SQLITE_DONE) {
		set_io_error (s->db, "read", error);
		return NULL;
	}
	return g_steal_pointer (&rows);
}

void
st_drafted_row_free (StDraftedRow *row)
{
	if (row == NULL)
		return;
	g_free (row->incident);
	g_free (row->role);
	g_free (row->recipient);
	g_free (row);
}

/* The report keys a draft "INCIDENT;ROLE;PARTY" (report/spamtrace-report.c):
 * the role is the first of ours between semicolons. */
static void
split_key (const char *key, StDraftedRow *row)
{
	static const char *const roles[] = { "network", "source", "relay", "spoofed", "mailbox",
		"advertiser" };
	for (gsize k = 0; k < G_N_ELEMENTS (roles); k++) {
		g_autofree char *needle = g_strdup_printf (";%s;", roles[k]);
		const char *at = strstr (key, needle);
		if (at != NULL) {
			row->incident = g_strndup (key, (gsize)(at - key));
			row->role = g_strdup (roles[k]);
			return;
		}
	}
	row->incident = g_strdup (key);
	row->role = g_strdup ("");
}

GPtrArray *
st_sightings_drafted (StSightings *s, GError **error)
{
	sqlite3_stmt *st = NULL;
	g_autoptr (GPtrArray) rows =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_drafted_row_free);
	int rc;

	if (!st_sightings_flush (s, error))
		return NULL;
	rc = sqlite3_prepare_v2 (s->db,
		"SELECT incident, recipient, created FROM drafted ORDER BY created", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		/* no table: nothing drafted with this file yet */
		sqlite3_finalize (st);
		if (strstr (sqlite3_errmsg (s->db), "no such table") != NULL)
			return g_steal_pointer (&rows);
		set_io_error (s->db, "read the drafts", error);
		return NULL;
	}
	while ((rc = sqlite3_step (st)) == SQLITE_ROW) {
		StDraftedRow *row = g_new0 (StDraftedRow, 1);
		const char *key = (const char *)sqlite3_column_text (st, 0);
		split_key (key != NULL ? key : "", row);
		row->recipient = column_dup (st, 1);
		if (row->recipient == NULL)
			row->recipient = g_strdup ("");
		row->created = sqlite3_column_int64 (st, 2);
		g_ptr_array_add (rows, row);
	}
	sqlite3_finalize (st);
	if (rc != SQLITE_DONE) {
		set_io_error (s->db, "read the drafts", error);
		return NULL;
	}
	return g_steal_pointer (&rows);
}
