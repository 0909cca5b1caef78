/* cache.h - what the lookups learnt, kept for a while in one SQLite file shared by processes.
 * RFC 2308 section 5 (negative answers are cached, shorter), RFC 9110 section 10.2.3 (Retry-After).
 */
#ifndef ST_CACHE_H
#define ST_CACHE_H

#include <glib.h>

G_BEGIN_DECLS

/* What a cached value answers; each has its own time to live. */
typedef enum {
	ST_CACHE_KIND_RDAP = 0, /* an RDAP URL -> the answer's contacts */
	ST_CACHE_KIND_WHOIS,    /* "server question" -> the answer's contacts */
	ST_CACHE_KIND_DNS,      /* "rdns IP", "addresses HOST" -> what DNS said */
	ST_CACHE_KIND_ABUSENET, /* a domain -> abuse.net's addresses */
	ST_CACHE_KIND_CONTACTS, /* an address or domain -> the contacts found */
	ST_CACHE_KIND_DNSBL,    /* "ZONE IP" -> the listing codes; negative: not listed */
} StCacheKind;

#define ST_CACHE_N_KINDS 6

/* "rdap", "whois", "dns", "abusenet", "contacts", "dnsbl". */
const char *st_cache_kind_name (StCacheKind kind);

/* Seconds a value of @kind stays fresh; @negative ("nothing there") ones
 * live shorter, so that a new registration is seen soon. */
guint st_cache_ttl (StCacheKind kind, gboolean negative);

/* $XDG_CACHE_HOME/spamtrace/lookups.sqlite. Owned by the caller. */
char *st_cache_default_path (void);

typedef struct _StCache StCache;

/* Opens (creating it and its directory) the cache at @path, or at
 * st_cache_default_path () when NULL, in WAL mode. Every statement waits at
 * most @busy_ms (0: 1000) for another process's lock, then fails: a cache
 * must never hold a lookup up. ST_ERROR_IO when it cannot be opened. */
StCache *st_cache_open (const char *path, guint busy_ms, GError **error);
void st_cache_free (StCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StCache, st_cache_free)

/* Pins the clock at @now (seconds since the epoch); 0 returns to the real
 * one. For tests of expiry. */
void st_cache_set_time (StCache *cache, gint64 now);

/* TRUE when a fresh value for (@kind, @query) is cached: @value (owned by
 * the caller, may be NULL) and @negative (may be NULL) receive it. FALSE
 * when there is none, it expired, or the cache is busy or broken: each is
 * a miss, never an error. */
gboolean st_cache_get (
	StCache *cache, StCacheKind kind, const char *query, char **value, gboolean *negative);

/* Stores @value (may be NULL for a negative answer) for (@kind, @query),
 * replacing what was there, fresh for @ttl seconds (0: st_cache_ttl ()).
 * ST_ERROR_IO when the cache is busy for longer than the bound, or broken. */
gboolean st_cache_put (StCache *cache, StCacheKind kind, const char *query, const char *value,
	gboolean negative, guint ttl, GError **error);

/* Deletes the entries that expired. The number deleted, or -1 on failure. */
int st_cache_prune (StCache *cache);

G_END_DECLS

#endif
