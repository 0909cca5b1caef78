/* extras.h - what the filter does beyond the header section, in modules it loads only when asked.
 *
 * Reading the body (GMime, libphonenumber and ICU) and asking who runs the
 * origin (libcurl, json-glib, c-ares, SQLite) would multiply the filter's
 * process start, its main cost, if the filter linked them. They live in two
 * modules, spamtrace-body.so and spamtrace-lookups.so, which the filter
 * opens each in a child process of its own when [filter] body or lookups
 * (or --json) ask for them, and stops waiting for when the budget is spent
 * (extras-run.c). Each loads only its own libraries. */
#ifndef ST_EXTRAS_H
#define ST_EXTRAS_H

#include <glib.h>

#include "settings.h"

G_BEGIN_DECLS

/* Raised whenever StExtrasJob changes; the modules' symbols carry it. */
#define ST_EXTRAS_ABI 1
#define ST_EXTRAS_BODY_MODULE "spamtrace-body"
#define ST_EXTRAS_BODY_SYMBOL "st_extras_body_v1"
#define ST_EXTRAS_LOOKUPS_MODULE "spamtrace-lookups"
#define ST_EXTRAS_LOOKUPS_SYMBOL "st_extras_lookups_v1"

typedef struct {
	/* What to do; read-only for the module. */
	const char *message; /* the message as read (From line included) */
	gsize len;
	gboolean cut;  /* the filter read only the first @len bytes */
	gboolean body; /* extract what the body advertises */
	StFilterLookups lookups;
	const char *ip;                /* the origin's address, or NULL when there is none */
	const StLookupSettings *where; /* which servers and cache the lookups use */
	guint budget_ms;               /* in all; the filter stops waiting at @deadline */
	gint64 deadline;               /* g_get_monotonic_time () at which the budget is spent */
	gboolean json;                 /* also write the JSON members */
	const char *eol;               /* of our fields */

	/* What came of it. Each module sets its part under @lock when it is
	 * done (in its child process, which hands it to the filter). */
	GMutex lock;
	char *body_fields; /* complete X-Spamtrace-* lines, or NULL */
	char *body_json;   /* a JSON object, or NULL */
	char *lookup_fields;
	char *lookup_json;
} StExtrasJob;

typedef void (*StExtrasRunFunc) (StExtrasJob *job);

/* The entry points: spamtrace-body.so sets body_fields and body_json,
 * spamtrace-lookups.so lookup_fields and lookup_json. */
void st_extras_body_v1 (StExtrasJob *job);
void st_extras_lookups_v1 (StExtrasJob *job);

/* The filter's side (extras-run.c): what came of the modules a job asked
 * for, each run in a child process of its own, the two at once. */
typedef struct {
	StExtrasJob job; /* with the results that came back */
	/* why a part is missing: the module could not be loaded, crashed,
	 * ended without an answer, or the budget was spent; NULL when it
	 * answered */
	char *body_error, *lookups_error;
} StExtras;

/* Runs the modules @job asks for and waits for them until job->budget_ms
 * is spent; a child still at work then is killed. Never fails: what is
 * missing says why. */
StExtras *st_extras_run (const StExtrasJob *job);
void st_extras_free (StExtras *x);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StExtras, st_extras_free)

G_END_DECLS

#endif
