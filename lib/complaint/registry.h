/* registry.h - what was already drafted, so that the same incident is not drafted twice.
 * SQLite (https://sqlite.org), one table; safe when several runs share it. */
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

gboolean st_registry_record (StRegistry *r, const char *incident, const char *recipient,
	const char *where, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StRegistry, st_registry_close)

G_END_DECLS

#endif
