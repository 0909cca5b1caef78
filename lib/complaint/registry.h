/* registry.h - what was already drafted, so that the same incident is not drafted twice.
 * SQLite (https://sqlite.org): the drafts made, and the claims of the runs making them now. */
#ifndef ST_REGISTRY_H
#define ST_REGISTRY_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StRegistry StRegistry;

/* Opens (creating when missing) the registry at @path; NULL gives the
 * default, $XDG_DATA_HOME/spamtrace/drafted.sqlite. */
StRegistry *st_registry_open (const char *path, GError **error);
void st_registry_close (StRegistry *r);

/* When was (@incident, @recipient) drafted? NULL when never; else where the
 * draft went (a new string). */
char *st_registry_lookup (
	StRegistry *r, const char *incident, const char *recipient, GError **error);

/* Records that the draft for (@incident, @recipient) went to @where, and
 * ends this run's claim on it, in one transaction. */
gboolean st_registry_record (StRegistry *r, const char *incident, const char *recipient,
	const char *where, GError **error);

/* A claim older than this, or whose process is gone, is stale: its run
 * died, and another may take the draft over. */
#define ST_REGISTRY_CLAIM_SECONDS 600

/* Claims (@incident, @recipient) for this run before its draft is written,
 * in one transaction (BEGIN IMMEDIATE; the claim inserted unless one is
 * there), so that of runs started together exactly one drafts it. TRUE
 * when it is ours to draft: then st_registry_record or st_registry_release
 * must follow. FALSE with *@was set (a new string: where the draft went,
 * or which run is drafting it now) when it is taken; with @force a draft
 * made before does not count, a live claim does. FALSE with @error (*@was
 * NULL) when the registry fails, locked past its busy timeout included:
 * the caller must not draft. */
gboolean st_registry_claim (StRegistry *r, const char *incident, const char *recipient,
	gboolean force, char **was, GError **error);

/* Gives up this run's claim on (@incident, @recipient): its draft could not
 * be written (or was removed). */
gboolean st_registry_release (
	StRegistry *r, const char *incident, const char *recipient, GError **error);

/* One draft the registry remembers. */
typedef struct {
	char *incident;  /* "message-id:<ID>;ROLE;PARTY" (or "headers-sha256:…;…") */
	char *recipient; /* the draft's To:, lower-case */
	char *draft;     /* where it went */
	gint64 created;  /* seconds since the epoch */
} StRegistryEntry;

void st_registry_entry_free (StRegistryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StRegistryEntry, st_registry_entry_free)

/* Every draft remembered, newest first (then by incident), appended to
 * @out as StRegistryEntry* (@out frees them with st_registry_entry_free). */
gboolean st_registry_list (StRegistry *r, GPtrArray *out, GError **error);

/* Forgets every draft remembered for the message whose Message-ID is
 * @what (with or without its angle brackets), and every draft to the
 * address @what (one of a draft's recipients; case does not matter), so
 * that the next run drafts them again. Claims of runs now drafting are
 * left alone. *@n: how many were forgotten. */
gboolean st_registry_forget (StRegistry *r, const char *what, guint *n, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StRegistry, st_registry_close)

G_END_DECLS

#endif
