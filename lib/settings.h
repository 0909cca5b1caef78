/* settings.h - the user's settings: command line and the GKeyFile config file.
 * XDG Base Directory Specification for the default path. */
#ifndef ST_SETTINGS_H
#define ST_SETTINGS_H

#include <glib.h>

#include "trust.h"

G_BEGIN_DECLS

typedef struct {
	StTrust *trust;
	char *authserv_id; /* whose Authentication-Results count; NULL: by position */
	char *source; /* the file read, or NULL */
} StSettings;

StSettings *st_settings_new (void);
void st_settings_free (StSettings *cfg);

/* $XDG_CONFIG_HOME/spamtrace/spamtrace.conf; a new string. */
char *st_settings_default_path (void);

/* Reads @path. A missing file is an error only when @must_exist. */
gboolean st_settings_load (StSettings *cfg, const char *path, gboolean must_exist, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSettings, st_settings_free)

G_END_DECLS

#endif
