/* registry.c - what was already drafted, so that the same incident is not drafted twice.
 * SQLite with a busy timeout, so that runs started together wait for each other; a run claims
 * a draft (BEGIN IMMEDIATE) before it writes it, records it after. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "error.h"
#include "registry.h"

struct _StRegistry {
	sqlite3 *db;
	const char *host; /* a claim names its run by host and process */
	gint64 pid;
};

static gboolean
fail (StRegistry *r, const char *what, GError **error)
{
	g_set_error (error, ST_ERROR, ST_ERROR_IO, "registry: %s: %s", what,
		r->db ? sqlite3_errmsg (r->db) : "out of memory");
	return FALSE;
}

StRegistry *
st_registry_open (const char *path, GError **error)
{
	StRegistry *r = g_new0 (StRegistry, 1);
	g_autofree char *def = NULL;

	if (path == NULL) {
		g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "spamtrace", NULL);
		if (g_mkdir_with_parents (dir, 0700) != 0) {
			g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot create '%s'", dir);
			g_free (r);
			return NULL;
		}
		path = def = g_build_filename (dir, "drafted.sqlite", NULL);
	}
	if (sqlite3_open (path, &r->db) != SQLITE_OK) {
		fail (r, path, error);
		st_registry_close (r);
		return NULL;
	}
	sqlite3_busy_timeout (r->db, 10000);
	r->host = g_get_host_name ();
	r->pid = (gint64)getpid ();
	if (sqlite3_exec (r->db,
		    "CREATE TABLE IF NOT EXISTS drafted ("
		    " incident TEXT NOT NULL, recipient TEXT NOT NULL, draft TEXT NOT NULL,"
		    " created INTEGER NOT NULL, PRIMARY KEY (incident, recipient));"
		    "CREATE TABLE IF NOT EXISTS claims ("
		    " incident TEXT NOT NULL, recipient TEXT NOT NULL, host TEXT NOT NULL,"
		    " pid INTEGER NOT NULL, since INTEGER NOT NULL,"
		    " PRIMARY KEY (incident, recipient))",
		    NULL, NULL, NULL) != SQLITE_OK) {
		fail (r, path, error);
		st_registry_close (r);
		return NULL;
	}
	return r;
}

void
st_registry_close (StRegistry *r)
{
	if (r == NULL)
		return;
	sqlite3_close (r->db);
	g_free (r);
}

char *
st_registry_lookup (StRegistry *r, const char *incident, const char *recipient, GError **error)
{
	sqlite3_stmt *st = NULL;
	char *found = NULL;

	if (sqlite3_prepare_v2 (r->db,
		    "SELECT draft FROM drafted WHERE incident = ?1 AND recipient = lower(?2)", -1,
		    &st, NULL) != SQLITE_OK) {
		fail (r, "lookup", error);
		return NULL;
	}
	sqlite3_bind_text (st, 1, incident, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text (st, 2, recipient, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step (st);
	if (rc == SQLITE_ROW)
		found = g_strdup ((const char *)sqlite3_column_text (st, 0));
	else if (rc != SQLITE_DONE)
		fail (r, "lookup", error);
	sqlite3_finalize (st);
	return found;
}

/* Runs @sql, which takes no parameters. */
static gboolean
exec (StRegistry *r, const char *sql, const char *what, GError **error)
{
	return sqlite3_exec (r->db, sql, NULL, NULL, NULL) == SQLITE_OK || fail (r, what, error);
}

/* Prepares @sql with ?1 the incident and ?2 the recipient bound. */
static sqlite3_stmt *
prepare (StRegistry *r, const char *sql, const char *incident, const char *recipient)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2 (r->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text (st, 1, incident, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text (st, 2, recipient, -1, SQLITE_TRANSIENT);
	return st;
}

/* Runs a statement of prepare () that returns no row, binding ?3 to the
 * host and ?4 to the process of this run. */
static gboolean
step_ours (StRegistry *r, const char *sql, const char *incident, const char *recipient,
	const char *what, GError **error)
{
	sqlite3_stmt *st = prepare (r, sql, incident, recipient);
	gboolean ok;

	if (st == NULL)
		return fail (r, what, error);
	sqlite3_bind_text (st, 3, r->host, -1, SQLITE_STATIC);
	sqlite3_bind_int64 (st, 4, r->pid);
	ok = sqlite3_step (st) == SQLITE_DONE;
	sqlite3_finalize (st);
	return ok || fail (r, what, error);
}

static gboolean
rollback (StRegistry *r)
{
	sqlite3_exec (r->db, "ROLLBACK", NULL, NULL, NULL);
	return FALSE;
}

gboolean
st_registry_record (StRegistry *r, const char *incident, const char *recipient, const char *where,
	GError **error)
{
	sqlite3_stmt *st = NULL;
	gboolean ok;

	if (!exec (r, "BEGIN IMMEDIATE", "record", error))
		return FALSE;
	st = prepare (r,
		"INSERT OR REPLACE INTO drafted (incident, recipient, draft, created) "
		"VALUES (?1, lower(?2), ?3, strftime('%s','now'))",
		incident, recipient);
	if (st == NULL)
		return fail (r, "record", error) || rollback (r);
	sqlite3_bind_text (st, 3, where, -1, SQLITE_TRANSIENT);
	ok = sqlite3_step (st) == SQLITE_DONE;
	sqlite3_finalize (st);
	if (!ok)
		return fail (r, "record", error) || rollback (r);
	if (!step_ours (r,
		    "DELETE FROM claims WHERE incident = ?1 AND recipient = lower(?2) "
		    "AND host = ?3 AND pid = ?4",
		    incident, recipient, "record", error))
		return rollback (r);
	return exec (r, "COMMIT", "record", error) || rollback (r);
}

/* Whether the run that holds a claim made at @since by @pid on @host is
 * gone: too old, or (on this host) no such process. */
static gboolean
claim_stale (const StRegistry *r, const char *host, gint64 pid, gint64 since)
{
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;

	if (now - since > ST_REGISTRY_CLAIM_SECONDS || since > now + 60)
		return TRUE;
	return g_strcmp0 (host, r->host) == 0 && pid > 0 && pid <= G_MAXINT &&
	       kill ((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Within the claim's transaction: a live claim on the key by another run
 * gives *@was; a stale one is removed. FALSE on an error. */
static gboolean
claim_held (StRegistry *r, const char *incident, const char *recipient, char **was, GError **error)
{
	sqlite3_stmt *st = prepare (r,
		"SELECT host, pid, since FROM claims WHERE incident = ?1 AND recipient = lower(?2)",
		incident, recipient);
	gboolean stale = FALSE;
	int rc;

	if (st == NULL)
		return fail (r, "claim", error);
	rc = sqlite3_step (st);
	if (rc == SQLITE_ROW) {
		const char *host = (const char *)sqlite3_column_text (st, 0);
		gint64 pid = sqlite3_column_int64 (st, 1), since = sqlite3_column_int64 (st, 2);
		g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (since);
		g_autofree char *when = t != NULL ? g_date_time_format_iso8601 (t) : NULL;
		stale = claim_stale (r, host, pid, since);
		if (!stale)
			*was = g_strdup_printf ("being drafted now by process %" G_GINT64_FORMAT
						" on %s, since %s",
				pid, host != NULL ? host : "?", when != NULL ? when : "?");
	}
	sqlite3_finalize (st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail (r, "claim", error);
	if (stale) {
		st = prepare (r, "DELETE FROM claims WHERE incident = ?1 AND recipient = lower(?2)",
			incident, recipient);
		rc = st != NULL ? sqlite3_step (st) : SQLITE_ERROR;
		sqlite3_finalize (st);
		if (rc != SQLITE_DONE)
			return fail (r, "claim", error);
	}
	return TRUE;
}

gboolean
st_registry_claim (StRegistry *r, const char *incident, const char *recipient, gboolean force,
	char **was, GError **error)
{
	g_autoptr (GError) local = NULL;

	g_return_val_if_fail (r != NULL && was != NULL, FALSE);

	*was = NULL;
	if (!exec (r, "BEGIN IMMEDIATE", "claim", error))
		return FALSE;
	if (!force) {
		*was = st_registry_lookup (r, incident, recipient, &local);
		if (local != NULL) {
			g_propagate_error (error, g_steal_pointer (&local));
			return rollback (r);
		}
	}
	if (*was == NULL && !claim_held (r, incident, recipient, was, error))
		return rollback (r);
	if (*was == NULL && !step_ours (r,
				    "INSERT INTO claims (incident, recipient, host, pid, since) "
				    "VALUES (?1, lower(?2), ?3, ?4, strftime('%s','now')) "
				    "ON CONFLICT DO NOTHING",
				    incident, recipient, "claim", error)) {
		return rollback (r);
	}
	if (*was == NULL && sqlite3_changes (r->db) != 1)
		*was = g_strdup ("being drafted now by another run");
	if (!exec (r, "COMMIT", "claim", error)) {
		g_clear_pointer (was, g_free);
		return rollback (r);
	}
	return *was == NULL;
}

gboolean
st_registry_release (StRegistry *r, const char *incident, const char *recipient, GError **error)
{
	g_return_val_if_fail (r != NULL, FALSE);

	return step_ours (r,
		"DELETE FROM claims WHERE incident = ?1 AND recipient = lower(?2) "
		"AND host = ?3 AND pid = ?4",
		incident, recipient, "release", error);
}

void
st_registry_entry_free (StRegistryEntry *entry)
{
	if (entry == NULL)
		return;
	g_free (entry->incident);
	g_free (entry->recipient);
	g_free (entry->draft);
	g_free (entry);
}

gboolean
st_registry_list (StRegistry *r, GPtrArray *out, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2 (r->db,
		    "SELECT incident, recipient, draft, created FROM drafted "
		    "ORDER BY created DESC, rowid DESC",
		    -1, &st, NULL) != SQLITE_OK)
		return fail (r, "list", error);
	while ((rc = sqlite3_step (st)) == SQLITE_ROW) {
		StRegistryEntry *e = g_new0 (StRegistryEntry, 1);
		e->incident = g_strdup ((const char *)sqlite3_column_text (st, 0));
		e->recipient = g_strdup ((const char *)sqlite3_column_text (st, 1));
		e->draft = g_strdup ((const char *)sqlite3_column_text (st, 2));
		e->created = sqlite3_column_int64 (st, 3);
		g_ptr_array_add (out, e);
	}
	sqlite3_finalize (st);
	return rc == SQLITE_DONE || fail (r, "list", error);
}

gboolean
st_registry_forget (StRegistry *r, const char *what, guint *n, GError **error)
{
	gsize len = strlen (what);
	gboolean bracketed = len >= 2 && what[0] == '<' && what[len - 1] == '>';
	g_autofree char *prefix = g_strdup_printf (
		"message-id:%s%s%s;", bracketed ? "" : "<", what, bracketed ? "" : ">");
	/* the recipients are a list joined with ", " */
	sqlite3_stmt *st = prepare (r,
		"DELETE FROM drafted WHERE substr(incident, 1, length(?1)) = ?1 "
		"OR instr(', ' || recipient || ', ', ', ' || lower(?2) || ', ') > 0",
		prefix, what);
	gboolean ok;

	*n = 0;
	if (st == NULL)
		return fail (r, "forget", error);
	ok = sqlite3_step (st) == SQLITE_DONE;
	sqlite3_finalize (st);
	if (!ok)
		return fail (r, "forget", error);
	*n = (guint)sqlite3_changes (r->db);
	return TRUE;
}
