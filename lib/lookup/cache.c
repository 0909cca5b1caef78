/* cache.c - what the lookups learnt, kept for a while in one SQLite file shared by processes.
 * RFC 2308 section 5 (negative answers are cached, shorter), RFC 9110 section 10.2.3 (Retry-After).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cache.h"
#include "error.h"

struct _StCache {
	sqlite3 *db;
	char *path;
	gint64 now; /* pinned clock, or 0 */
};

/* Registries change an abuse contact a few times a year; DNS answers say
 * their own TTL, which we do not keep, so an hour. Negative answers live an
 * hour at most (RFC 2308 section 5 caps them at the SOA minimum). */
static const struct {
	const char *name;
	guint ttl, negative_ttl;
} kinds[] = {
	[ST_CACHE_KIND_RDAP] = { "rdap", 7 * 86400, 3600 },
	[ST_CACHE_KIND_WHOIS] = { "whois", 7 * 86400, 3600 },
	[ST_CACHE_KIND_DNS] = { "dns", 3600, 900 },
	[ST_CACHE_KIND_ABUSENET] = { "abusenet", 86400, 3600 },
	[ST_CACHE_KIND_CONTACTS] = { "contacts", 86400, 3600 },
	/* A DNSBL lists and delists within minutes, and a draft says whether
	 * the origin was listed when it was written. */
	[ST_CACHE_KIND_DNSBL] = { "dnsbl", 900, 300 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == ST_CACHE_N_KINDS);

const char *
st_cache_kind_name (StCacheKind kind)
{
	g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kinds), "");
	return kinds[kind].name;
}

guint
st_cache_ttl (StCacheKind kind, gboolean negative)
{
	g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kinds), 0);
	return negative ? kinds[kind].negative_ttl : kinds[kind].ttl;
}

char *
st_cache_default_path (void)
{
	return g_build_filename (g_get_user_cache_dir (), "spamtrace", "lookups.sqlite", NULL);
}

static gint64
now_seconds (const StCache *cache)
{
	return cache->now != 0 ? cache->now : g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
exec (StCache *cache, const char *sql, GError **error)
{
	char *msg = NULL;

	if (sqlite3_exec (cache->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		g_set_error (error, ST_ERROR, ST_ERROR_IO, "cache '%s': %s", cache->path,
			msg != NULL ? msg : sqlite3_errmsg (cache->db));
		sqlite3_free (msg);
		return FALSE;
	}
	return TRUE;
}

/* WAL: readers never wait for the writer. synchronous=NORMAL is safe from
 * corruption in WAL mode; a power cut may lose the last entries, which a
 * cache can afford. A busy database is tried again, for 7.5 s at most. */
static gboolean
exec_setup (StCache *cache, const char *sql, GError **error)
{
	for (int attempt = 0; attempt < 25; attempt++) {
		int rc = sqlite3_exec (cache->db, sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return TRUE;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		g_usleep (100 * 1000);
	}
	return exec (cache, sql, error);
}

StCache *
st_cache_open (const char *path, guint busy_ms, GError **error)
{
	g_autoptr (StCache) cache = g_new0 (StCache, 1);
	g_autofree char *dir = NULL;

	g_return_val_if_fail (error == NULL || *error == NULL, NULL);

	cache->path = path != NULL ? g_strdup (path) : st_cache_default_path ();
	dir = g_path_get_dirname (cache->path);
	if (g_mkdir_with_parents (dir, 0700) != 0) {
		int e = errno;
		g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot create '%s': %s", dir,
			g_strerror (e));
		return NULL;
	}
	if (sqlite3_open_v2 (cache->path, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
		    NULL) != SQLITE_OK) {
		g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot open cache '%s': %s",
			cache->path,
			cache->db != NULL ? sqlite3_errmsg (cache->db) : "out of memory");
		return NULL;
	}
	/* Before anything else: switching to WAL and creating the table take
	 * locks that 20 processes starting at once contend for, and SQLite
	 * returns SQLITE_BUSY at once when a WAL file is being recovered; so
	 * the set-up waits longer (still bounded) than a lookup's read or
	 * write will. */
	sqlite3_busy_timeout (cache->db, 200);
	if (!exec_setup (cache, "PRAGMA journal_mode=WAL", error) ||
		!exec_setup (cache, "PRAGMA synchronous=NORMAL", error) ||
		!exec_setup (cache,
			"CREATE TABLE IF NOT EXISTS lookups ("
			" kind TEXT NOT NULL, query TEXT NOT NULL, value TEXT,"
			" negative INTEGER NOT NULL, fetched_at INTEGER NOT NULL,"
			" ttl INTEGER NOT NULL, PRIMARY KEY (kind, query))",
			error))
		return NULL;
	sqlite3_busy_timeout (cache->db, busy_ms > 0 ? (int)busy_ms : 1000);
	return g_steal_pointer (&cache);
}

void
st_cache_free (StCache *cache)
{
	if (cache == NULL)
		return;
	if (cache->db != NULL)
		sqlite3_close_v2 (cache->db);
	g_free (cache->path);
	g_free (cache);
}

void
st_cache_set_time (StCache *cache, gint64 now)
{
	cache->now = now;
}

gboolean
st_cache_get (StCache *cache, StCacheKind kind, const char *query, char **value, gboolean *negative)
{
	sqlite3_stmt *st = NULL;
	gboolean found = FALSE;

	g_return_val_if_fail (cache != NULL && query != NULL, FALSE);

	if (sqlite3_prepare_v2 (cache->db,
		    "SELECT value, negative FROM lookups WHERE kind = ?1 AND query = ?2"
		    " AND fetched_at <= ?3 AND fetched_at + ttl > ?3",
		    -1, &st, NULL) != SQLITE_OK)
		return FALSE;
	sqlite3_bind_text (st, 1, kinds[kind].name, -1, SQLITE_STATIC);
	sqlite3_bind_text (st, 2, query, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64 (st, 3, now_seconds (cache));
	if (sqlite3_step (st) == SQLITE_ROW) {
		found = TRUE;
		if (value != NULL) {
			const unsigned char *v = sqlite3_column_text (st, 0);
			*value = v != NULL ? g_strdup ((const char *)v) : NULL;
		}
		if (negative != NULL)
			*negative = sqlite3_column_int (st, 1) != 0;
	}
	sqlite3_finalize (st);
	return found;
}

gboolean
st_cache_put (StCache *cache, StCacheKind kind, const char *query, const char *value,
	gboolean negative, guint ttl, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc;

	g_return_val_if_fail (cache != NULL && query != NULL, FALSE);

	rc = sqlite3_prepare_v2 (cache->db,
		"INSERT OR REPLACE INTO lookups (kind, query, value, negative, fetched_at, ttl)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		-1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text (st, 1, kinds[kind].name, -1, SQLITE_STATIC);
		sqlite3_bind_text (st, 2, query, -1, SQLITE_TRANSIENT);
		if (value != NULL)
			sqlite3_bind_text (st, 3, value, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null (st, 3);
		sqlite3_bind_int (st, 4, negative ? 1 : 0);
		sqlite3_bind_int64 (st, 5, now_seconds (cache));
		sqlite3_bind_int64 (st, 6, ttl > 0 ? ttl : st_cache_ttl (kind, negative));
		rc = sqlite3_step (st);
	}
	if (rc != SQLITE_DONE) {
		g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot write cache '%s': %s",
			cache->path, sqlite3_errmsg (cache->db));
		sqlite3_finalize (st);
		return FALSE;
	}
	sqlite3_finalize (st);
	return TRUE;
}

int
st_cache_prune (StCache *cache)
{
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (sqlite3_prepare_v2 (cache->db, "DELETE FROM lookups WHERE fetched_at + ttl <= ?1", -1,
		    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64 (st, 1, now_seconds (cache));
	if (sqlite3_step (st) == SQLITE_DONE)
		n = sqlite3_changes (cache->db);
	sqlite3_finalize (st);
	return n;
}
