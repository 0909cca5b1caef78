/* run.h - one run of spamtrace-report: every message of the inputs planned, then drafted into
 * the outbox (maildir(5), flag D) and remembered, printed (--dry-run, --json), or only seen. */
#ifndef ST_RUN_H
#define ST_RUN_H

#include <glib.h>

#include "digest.h"
#include "lookup.h"
#include "overview.h"
#include "policy.h"
#include "registry.h"
#include "settings.h"
#include "sightings.h"
#include "status.h"

G_BEGIN_DECLS

#define ST_REPORT_PROGRAM "spamtrace-report"

/* sysexits.h values */
enum {
	ST_EXIT_USAGE = 64,
	ST_EXIT_OSFILE = 72, /* a file we ship is missing */
	ST_EXIT_CANTCREAT = 73,
	ST_EXIT_IOERR = 74,
	ST_EXIT_TEMPFAIL = 75,
	ST_EXIT_CONFIG = 78,
};

/* What the options ask of a run. */
typedef struct {
	gboolean dry_run, force, mbox;
	const char *blocklist, *overview; /* the files to write; NULL when not asked */
} StRunOptions;

/* What a run holds; main () fills it, st_run_clear () releases it. */
typedef struct {
	StRunOptions opt;
	StSettings *settings; /* borrowed */
	StWellKnown *well_known;
	StLookup *lookup; /* NULL when offline */
	GStrv dnsbl;      /* the zones, none empty; NULL when none */
	GStrv template_dirs;
	StRegistry *registry;
	StSightings *sightings; /* where the origins are remembered; NULL with --json, -n */
	StOverview *overview;   /* with --overview */
	GString *json;          /* with --json */
	StDigest *digest;       /* with --digest: the drafts, written at the end */
	StStatus *status;
	guint failed, too_big;
	guint planned;  /* messages in the --json plan so far */
	gboolean fatal; /* stop: the next draft would fail the same way */
	int exit_code;
} StRun;

void st_run_clear (StRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StRun, st_run_clear)

/* The list of well-known sites, and the warnings the policy's data calls
 * for, once a run. FALSE when [report] well-known cannot be read. */
gboolean st_run_read_policy_data (StRun *run);

/* Every message of @paths (standard input when there are none), in order:
 * planned, then drafted, printed, or only remembered. Stops at a fatal
 * failure (run->fatal, run->exit_code). */
void st_run_inputs (StRun *run, const char *const *paths, guint64 max_size);

/* --digest: the drafts, one per recipient, after the last message. */
void st_run_write_digest (StRun *run);

/* --blocklist, --overview: the files, each replaced whole. */
void st_run_write_clearinghouse (StRun *run);

G_END_DECLS

#endif
