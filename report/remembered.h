/* remembered.h - --list and --forget: the drafts the registry remembers, shown and forgotten.
 * The registry is lib/complaint/registry.c (SQLite). */
#ifndef ST_REMEMBERED_H
#define ST_REMEMBERED_H

#include <glib.h>

G_BEGIN_DECLS

/* Prints every draft the registry at @path (NULL: the default) remembers,
 * newest first, a line each: "DATE TIME<TAB>RECIPIENT<TAB>INCIDENT<TAB>
 * DRAFT". 0, or the exit status (73: cannot be opened; 75: cannot be read). */
int st_report_list (const char *path);

/* Forgets the drafts for Message-ID or address @what (st_registry_forget)
 * and says how many. 0, or the exit status (64: @what is empty; 73, 75). */
int st_report_forget (const char *path, const char *what);

G_END_DECLS

#endif
