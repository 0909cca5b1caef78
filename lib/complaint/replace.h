/* replace.h - replacing a file whole, so that its readers see the old one or the new one.
 * POSIX rename(2) is atomic within a file system; fsync(2) makes it last a crash. */
#ifndef ST_REPLACE_H
#define ST_REPLACE_H

#include <glib.h>

G_BEGIN_DECLS

/* Writes @len bytes of @data to @path: a temporary file in the same
 * directory, written and fsync'ed, given @mode (0644: rbldnsd runs as a
 * user of its own), renamed over @path, then the directory fsync'ed.
 * ST_ERROR_IO on failure, with @path untouched and no temporary file
 * left behind. */
gboolean st_replace_file (
	const char *path, const char *data, gsize len, guint mode, GError **error);

G_END_DECLS

#endif
