/* registry.c - what was already drafted, so that the same incident is not drafted twice.
 * SQLite with a busy timeout, so that runs started together wait for each other. */
#include "config.h"

#include <sqlite3.h>

#include "error.h"
#include "registry.h"

struct _StRegistry {
	sqlite3 *db;
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
	if (sqlite3_exec (r->db,
		    "CREATE TABLE IF NOT EXISTS drafted ("
		    " incident TEXT NOT NULL, recipient TEXT NOT NULL, draft TEXT NOT NULL,"
		    " created INTEGER NOT NULL, PRIMARY KEY (incident, recipient))",
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

gboolean
st_registry_record (StRegistry *r, const char *incident, const char *recipient, const char *where,
	GError **error)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2 (r->db,
		    "INSERT OR REPLACE INTO drafted (incident, recipient, draft, created) "
		    "VALUES (?1, lower(?2), ?3, strftime('%s','now'))",
		    -1, &st, NULL) != SQLITE_OK)
		return fail (r, "record", error);
	sqlite3_bind_text (st, 1, incident, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text (st, 2, recipient, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text (st, 3, where, -1, SQLITE_TRANSIENT);
	gboolean ok = sqlite3_step (st) == SQLITE_DONE;
	sqlite3_finalize (st);
	return ok || fail (r, "record", error);
}
