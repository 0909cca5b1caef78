/* paths.c - where the installed data and modules are: found from where the program itself is.
 * The GNU Coding Standards' directory variables, kept relative to each other wherever the tree
 * goes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "paths.h"

/* Compiled in: the directories as configured, for their places relative to
 * each other only (never opened as they are), and the trees of a build. */
#ifndef ST_BINDIR
#error "ST_BINDIR, ST_PKGLIBDIR, ST_PKGDATADIR, ST_TOP_SRCDIR, ST_TOP_BUILDDIR come from Makefile.am"
#endif

static char *program_name;

void
st_paths_init (const char *argv0)
{
	g_free (program_name);
	program_name = g_strdup (argv0);
}

/* Each kind: its environment variable and the directory below it, the
 * installed directory, and where a build tree keeps it (from the top of
 * the sources, or of the build). */
static const struct {
	const char *env;
	const char *env_sub; /* below the variable's directory, or NULL */
	const char *installed;
	gboolean in_build; /* the build tree's rather than the sources' */
	const char *in_tree;
	const char *what; /* for the message */
	const char *holds;
} kinds[] = {
	[ST_PATH_TEMPLATES] = { ST_PATHS_DATADIR_ENV, "templates", ST_PKGDATADIR "/templates",
		FALSE, "templates", "complaint templates",
		"templates/, rdap-bootstrap/ and well-known-sites.txt" },
	[ST_PATH_RDAP_BOOTSTRAP] = { ST_PATHS_DATADIR_ENV, "rdap-bootstrap",
		ST_PKGDATADIR "/rdap-bootstrap", FALSE, "data/rdap-bootstrap",
		"RDAP bootstrap files", "templates/, rdap-bootstrap/ and well-known-sites.txt" },
	[ST_PATH_MODULES] = { ST_PATHS_MODULE_DIR_ENV, NULL, ST_PKGLIBDIR, TRUE, "filter/.libs",
		"modules", "spamtrace-body.so and spamtrace-lookups.so" },
	[ST_PATH_DATA] = { ST_PATHS_DATADIR_ENV, NULL, ST_PKGDATADIR, FALSE, "data", "data files",
		"templates/, rdap-bootstrap/ and well-known-sites.txt" },
};

char *
st_paths_relative (const char *from, const char *to)
{
	g_auto (GStrv) f = g_strsplit (from, "/", -1);
	g_auto (GStrv) t = g_strsplit (to, "/", -1);
	g_autoptr (GPtrArray) way = g_ptr_array_new ();
	guint common = 0;

	while (f[common] != NULL && t[common] != NULL && g_str_equal (f[common], t[common]))
		common++;
	for (guint i = common; f[i] != NULL; i++)
		if (f[i][0] != '\0')
			g_ptr_array_add (way, "..");
	for (guint i = common; t[i] != NULL; i++)
		if (t[i][0] != '\0')
			g_ptr_array_add (way, t[i]);
	if (way->len == 0)
		return g_strdup (".");
	g_ptr_array_add (way, NULL);
	return g_strjoinv ("/", (char **)way->pdata);
}

/* @path with its links resolved, or NULL. */
static char *
resolved (const char *path)
{
	char *r = realpath (path, NULL);
	char *copy = g_strdup (r);
	free (r);
	return copy;
}

/* The directory the running program is in, links resolved; NULL when
 * neither /proc/self/exe nor its name tells. */
static char *
program_dir (void)
{
	g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
	g_autofree char *real = NULL;

	if (exe == NULL && program_name != NULL)
		exe = strchr (program_name, '/') != NULL ? g_strdup (program_name)
							 : g_find_program_in_path (program_name);
	if (exe == NULL || (real = resolved (exe)) == NULL)
		return NULL;
	return g_path_get_dirname (real);
}

static gboolean
same_dir (const char *a, const char *b)
{
	g_autofree char *ra = resolved (a);
	g_autofree char *rb = resolved (b);
	return ra != NULL && rb != NULL && g_str_equal (ra, rb);
}

char *
st_paths_find (StPathKind kind, GError **error)
{
	g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kinds), NULL);
	const char *env = g_getenv (kinds[kind].env);
	g_autoptr (GPtrArray) looked = g_ptr_array_new_with_free_func (g_free);
	g_autofree char *dir = program_dir ();

	if (env != NULL && env[0] != '\0') {
		/* named: that one or none */
		g_ptr_array_add (looked, g_build_filename (env, kinds[kind].env_sub, NULL));
	} else if (dir != NULL) {
		g_autofree char *way = st_paths_relative (ST_BINDIR, kinds[kind].installed);
		g_autofree char *up = g_build_filename (dir, "..", NULL);
		g_autofree char *there = g_build_filename (dir, way, NULL);
		g_ptr_array_add (looked, g_canonicalize_filename (there, NULL));
		/* a program of the build tree: filter/spamtrace-filter */
		if (same_dir (up, ST_TOP_BUILDDIR))
			g_ptr_array_add (looked,
				g_build_filename (
					kinds[kind].in_build ? ST_TOP_BUILDDIR : ST_TOP_SRCDIR,
					kinds[kind].in_tree, NULL));
	}
	for (guint i = 0; i < looked->len; i++)
		if (g_file_test (looked->pdata[i], G_FILE_TEST_IS_DIR))
			return g_strdup (looked->pdata[i]);

	g_ptr_array_add (looked, NULL);
	g_autofree char *places = g_strjoinv (", ", (char **)looked->pdata);
	if (env != NULL && env[0] != '\0')
		g_set_error (error, ST_ERROR, ST_ERROR_NOT_INSTALLED,
			"the %s are not in %s (named by %s)", kinds[kind].what, places,
			kinds[kind].env);
	else if (dir == NULL)
		g_set_error (error, ST_ERROR, ST_ERROR_NOT_INSTALLED,
			"the %s cannot be found, as the program cannot tell where it is itself: "
			"set %s to the directory holding %s",
			kinds[kind].what, kinds[kind].env, kinds[kind].holds);
	else
		g_set_error (error, ST_ERROR, ST_ERROR_NOT_INSTALLED,
			"the %s are not where this program (in %s) looks for them (%s): set %s "
			"to the directory holding %s",
			kinds[kind].what, dir, places, kinds[kind].env, kinds[kind].holds);
	return NULL;
}
