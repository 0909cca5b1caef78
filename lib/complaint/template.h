/* template.h - complaint templates: text with {{placeholders}}, found in the user's dir or ours.
 * No RFC; the syntax is ours and documented in spamtrace.conf(5). */
#ifndef ST_TEMPLATE_H
#define ST_TEMPLATE_H

#include <glib.h>

G_BEGIN_DECLS

/* Finds @name ("network.txt") in @dirs (NULL-terminated, first wins) and
 * returns its contents with every {{key}} replaced by the value @values
 * maps it to. An unknown or unterminated placeholder, or a missing file, is
 * an error naming the file and the line. */
char *st_template_render (
	const char *const *dirs, const char *name, GHashTable *values, GError **error);

/* As st_template_render, for text already in memory; @origin names it in
 * error messages. */
char *st_template_render_text (
	const char *text, const char *origin, GHashTable *values, GError **error);

/* The directories to search: $XDG_DATA_HOME/spamtrace/templates, then
 * @extra (the config's template-dir, may be NULL), then ours (when
 * st_paths_find () finds them). */
GStrv st_template_dirs (const char *extra);

G_END_DECLS

#endif
