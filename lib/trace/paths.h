/* paths.h - where the installed data and modules are: found from where the program itself is.
 * The GNU Coding Standards' directory variables, kept relative to each other wherever the tree
 * goes. */
#ifndef ST_PATHS_H
#define ST_PATHS_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	ST_PATH_TEMPLATES,      /* the complaint templates we ship */
	ST_PATH_RDAP_BOOTSTRAP, /* IANA's RDAP bootstrap files we ship */
	ST_PATH_MODULES,        /* spamtrace-body.so, spamtrace-lookups.so */
	ST_PATH_DATA,           /* the data directory itself: well-known-sites.txt */
} StPathKind;

/* The environment variables that name the directories instead:
 * SPAMTRACE_DATADIR holds templates/, rdap-bootstrap/ and the data files. */
#define ST_PATHS_DATADIR_ENV "SPAMTRACE_DATADIR"
#define ST_PATHS_MODULE_DIR_ENV "SPAMTRACE_MODULE_DIR"

/* The program's own name, for when /proc/self/exe cannot be read: a path,
 * or a name to look for in $PATH. Call first thing in main (). */
void st_paths_init (const char *argv0);

/* The directory of @kind: the one its environment variable names when set;
 * else the installed one, at the place relative to the running program
 * that `make install` gave it (PREFIX/bin -> PREFIX/share/spamtrace,
 * PREFIX/lib/spamtrace, wherever PREFIX now is); else, for a program run
 * from its build tree, the sources' and the build's. NULL when none of
 * them exists, with @error (ST_ERROR_NOT_INSTALLED) naming each place
 * looked at. A new string. */
char *st_paths_find (StPathKind kind, GError **error);

/* The way from the directory @from to @to, both absolute and without "."
 * or ".." ("/usr/local/bin", "/usr/local/share/spamtrace" ->
 * "../share/spamtrace"). A new string; "." when they are the same. */
char *st_paths_relative (const char *from, const char *to);

G_END_DECLS

#endif
