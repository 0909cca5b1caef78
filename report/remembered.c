/* remembered.c - --list and --forget: the drafts the registry remembers, shown and forgotten.
 * The registry is lib/complaint/registry.c (SQLite). */
#include "config.h"

#include <stdio.h>

#include "registry.h"
#include "remembered.h"
#include "run.h"

/* @text with every byte that is not printable ASCII shown as "?": the
 * registry is a file anyone with the user's rights may have written. */
static char *
printable (const char *text)
{
	char *s = g_strdup (text != NULL ? text : "");

	for (char *p = s; *p != '\0'; p++)
		if ((guchar)*p < 0x20 || (guchar)*p > 0x7e)
			*p = '?';
	return s;
}

static StRegistry *
open_registry (const char *path, int *status)
{
	g_autoptr (GError) error = NULL;
	StRegistry *r = st_registry_open (path, &error);

	if (r == NULL) {
		fprintf (stderr, ST_REPORT_PROGRAM ": %s\n", error->message);
		*status = ST_EXIT_CANTCREAT;
	}
	return r;
}

int
st_report_list (const char *path)
{
	g_autoptr (GPtrArray) all =
		g_ptr_array_new_with_free_func ((GDestroyNotify)st_registry_entry_free);
	g_autoptr (GError) error = NULL;
	int status = 0;
	g_autoptr (StRegistry) r = open_registry (path, &status);

	if (r == NULL)
		return status;
	if (!st_registry_list (r, all, &error)) {
		fprintf (stderr, ST_REPORT_PROGRAM ": %s\n", error->message);
		return ST_EXIT_TEMPFAIL;
	}
	for (guint i = 0; i < all->len; i++) {
		const StRegistryEntry *e = all->pdata[i];
		g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (e->created);
		g_autofree char *when =
			t != NULL ? g_date_time_format (t, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
		g_autofree char *to = printable (e->recipient);
		g_autofree char *incident = printable (e->incident);
		g_autofree char *draft = printable (e->draft);
		printf ("%s\t%s\t%s\t%s\n", when, to, incident, draft);
	}
	return 0;
}

int
st_report_forget (const char *path, const char *what)
{
	g_autoptr (GError) error = NULL;
	int status = 0;
	guint n = 0;

	if (what[0] == '\0') {
		fprintf (stderr, ST_REPORT_PROGRAM ": --forget: name a Message-ID or an address\n");
		return ST_EXIT_USAGE;
	}
	g_autoptr (StRegistry) r = open_registry (path, &status);
	if (r == NULL)
		return status;
	if (!st_registry_forget (r, what, &n, &error)) {
		fprintf (stderr, ST_REPORT_PROGRAM ": %s\n", error->message);
		return ST_EXIT_TEMPFAIL;
	}
	g_autofree char *shown = printable (what);
	if (n == 0)
		printf ("nothing remembered for '%s'\n", shown);
	else
		printf ("forgot %u draft%s for '%s': the next run drafts %s again\n", n,
			n == 1 ? "" : "s", shown, n == 1 ? "it" : "them");
	return 0;
}
