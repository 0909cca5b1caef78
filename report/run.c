/* run.c - one run of spamtrace-report: every message of the inputs planned, then drafted into
 * the outbox (maildir(5), flag D) and remembered, printed (--dry-run, --json), or only seen. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "blocklist.h"
#include "body.h"
#include "complaint.h"
#include "draft.h"
#include "error.h"
#include "headers.h"
#include "input.h"
#include "maildir.h"
#include "planner.h"
#include "run.h"

/* What a run holds, released on every way out of main (). */
void
st_run_clear (StRun *run)
{
	st_registry_close (run->registry);
	st_sightings_close (run->sightings);
	st_overview_free (run->overview);
	st_well_known_free (run->well_known);
	st_lookup_free (run->lookup);
	st_digest_free (run->digest);
	g_strfreev (run->dnsbl);
	g_strfreev (run->template_dirs);
	if (run->json != NULL)
		g_string_free (run->json, TRUE);
	st_status_free (run->status);
	memset (run, 0, sizeof *run);
}
gboolean
st_run_read_policy_data (StRun *run)
{
	const StReportSettings *rs = &run->settings->report;
	g_autoptr (GError) error = NULL;
	g_autofree char *warning = NULL;

	run->well_known = st_well_known_load (run->settings, &warning, &error);
	if (run->well_known == NULL && error != NULL) {
		st_status_warn (run->status, "%s", error->message);
		return FALSE;
	}
	if (warning != NULL)
		st_status_warn (run->status, "warning: %s", warning);
	/* the user's own addresses keep their mailboxes out of every draft;
	 * a run that drafts nothing needs none */
	if ((rs->addresses == NULL || rs->addresses[0] == NULL) && run->opt.blocklist == NULL &&
		run->opt.overview == NULL)
		st_status_warn (run->status,
			"warning: [report] addresses is empty: only the message's recipient "
			"fields say which mailboxes are yours (see spamtrace.conf(5))");
	return TRUE;
}

/* Stops the run on an error that the next draft would meet again. */
static void
stop (StRun *run, const GError *error, int exit_code)
{
	st_status_warn (run->status, "%s", error->message);
	run->fatal = TRUE;
	run->exit_code = exit_code;
}

/* A registry that cannot be read or written (locked past its busy timeout,
 * broken) stops the run: a draft it does not remember would be drafted
 * again, and one it cannot claim may be another run's. */
static void
stop_registry (StRun *run, const GError *error)
{
	st_status_warn (run->status,
		"%s; nothing more is drafted (try again when the registry is free)",
		error->message);
	run->fatal = TRUE;
	run->exit_code = ST_EXIT_TEMPFAIL;
}

/* One draft of @plan: claimed in the registry first (another run may be
 * drafting the same), then composed and printed or delivered, then
 * recorded; a claim whose draft could not be written is released, and a
 * draft the registry cannot remember is removed. */
static void
draft_one (StRun *run, const char *name, const StPlan *plan, const StComplaint *c,
	const char *incident)
{
	const char *role = st_role_to_string (c->role);
	g_autofree char *to = g_strjoinv (", ", (char **)c->to->pdata);
	g_autofree char *key = g_strdup_printf ("%s;%s;%s", incident, role, c->party);
	g_autofree char *was = NULL, *draft = NULL, *path = NULL, *preview = NULL;
	g_autoptr (GError) error = NULL;
	gsize dlen = 0;

	if (run->registry != NULL &&
		!st_registry_claim (run->registry, key, to, run->opt.force, &was, &error)) {
		if (error != NULL) {
			stop_registry (run, error);
			return;
		}
		st_status_say (
			run->status, "%s: already drafted for %s (%s): %s", name, to, role, was);
		st_status_skipped (run->status);
		return;
	}
	StDraftInput in = { plan->message, plan->message_len, plan->header_len, plan->analysis, c,
		run->settings, (const char *const *)run->template_dirs, incident,
		plan->body->region };
	if (run->digest != NULL) {
		st_digest_add (run->digest, &in, key);
		return;
	}
	draft = st_draft_compose (&in, &dlen, run->opt.dry_run ? &preview : NULL, &error);
	if (draft != NULL && !st_draft_header_plain (draft, dlen)) {
		st_status_warn (run->status,
			"%s: no draft for %s (%s): its header would carry bytes that are not "
			"printable ASCII",
			name, to, role);
		if (run->registry != NULL)
			st_registry_release (run->registry, key, to, NULL);
		run->failed++;
		return;
	}
	if (draft != NULL && run->opt.dry_run) {
		printf ("----- draft %u for %s (%s) -----\n", st_status_drafts (run->status) + 1,
			name, role);
		fputs (preview, stdout);
		/* the marker on a line of its own: an attached original may end
		 * without a line end */
		printf ("%s----- end of draft -----\n",
			preview[0] != '\0' && !g_str_has_suffix (preview, "\n") ? "\n" : "");
		st_status_drafted (run->status, role, to);
		return;
	}
	if (draft != NULL)
		path = st_maildir_deliver (run->settings->report.outbox, draft, dlen, "D", &error);
	if (path == NULL) {
		if (run->registry != NULL)
			st_registry_release (run->registry, key, to, NULL);
		stop (run, error,
			g_error_matches (error, ST_ERROR, ST_ERROR_TEMPLATE) ? ST_EXIT_CONFIG
									     : ST_EXIT_IOERR);
		return;
	}
	if (run->registry != NULL && !st_registry_record (run->registry, key, to, path, &error)) {
		if (g_unlink (path) != 0)
			st_status_warn (run->status,
				"cannot remove '%s' (%s): it is kept, but not remembered", path,
				g_strerror (errno));
		else
			st_status_warn (run->status,
				"removed '%s', which the registry cannot remember", path);
		st_registry_release (run->registry, key, to, NULL);
		stop_registry (run, error);
		return;
	}
	st_status_say (run->status, "%s: drafted for %s (%s): %s", name, to, role, path);
	st_status_drafted (run->status, role, to);
}

/* The clearinghouse: where the spam came from is remembered (the
 * blocklist's sightings), the overview page gets the message. */
static void
clearinghouse (StRun *run, const char *name, const StPlan *plan)
{
	const StAnalysis *a = plan->analysis;
	StSighting seen[ST_SIGHTINGS_PER_MESSAGE];
	guint n = st_sighting_list_from_analysis (
		a, plan->policy, g_get_real_time () / G_USEC_PER_SEC, seen);
	g_autofree char *incident = n > 0 ? st_plan_incident (plan) : NULL;
	const StField *f = st_headers_find (a->headers, "Message-ID", NULL);
	g_autofree char *id = f != NULL ? g_strstrip (st_field_unfold (f)) : NULL;
	const char *zone = run->settings->lookups.asn_zone != NULL ? run->settings->lookups.asn_zone
								   : ST_ASN_ZONE_DEFAULT;
	StAsnInfo as = { 0 };

	/* who announces the origin: a failure leaves it unknown */
	if (n > 0 && run->lookup != NULL && zone[0] != '\0' &&
		(run->sightings != NULL || run->overview != NULL))
		st_lookup_origin_as (run->lookup, seen[0].address, zone, &as, NULL);
	for (guint i = 0; run->sightings != NULL && i < n; i++) {
		g_autoptr (GError) error = NULL;
		if (!st_sightings_record (run->sightings, &seen[i], incident, id, &as, &error))
			st_status_warn (run->status, "%s", error->message);
	}
	if (run->overview != NULL)
		st_overview_add (run->overview, name, a, plan->body, &as);
	st_asn_info_clear (&as);
	/* the registry writes to the same file next: no batch may hold it */
	if (run->sightings != NULL && run->opt.blocklist == NULL && run->opt.overview == NULL) {
		g_autoptr (GError) error = NULL;
		if (!st_sightings_flush (run->sightings, &error))
			st_status_warn (run->status, "%s", error->message);
	}
}

/* The plan for one message, then its drafts: printed, or written to the
 * outbox and remembered. With --blocklist or --overview, nobody is looked
 * up and nothing drafted: the message is only remembered (with the
 * origin's AS when lookups are on). */
static void
handle_message (StRun *run, const char *name, const char *data, gsize len)
{
	StPlanner planner = { run->settings, run->well_known, run->lookup,
		(const char *const *)run->dnsbl, run->opt.force };
	gboolean clearing_only = run->opt.blocklist != NULL || run->opt.overview != NULL;
	if (clearing_only) {
		/* the planner reads the message as for drafts, judging a forward on
		 * the original it carries, but asks no one */
		planner.lookup = NULL;
		planner.dnsbl = NULL;
	}
	g_autoptr (StPlan) plan = st_planner_plan (&planner, data, len);

	/* what our filter judged not suspect is not remembered as spam */
	gboolean spam = !plan->ham || run->opt.force;
	if (clearing_only) {
		if (spam)
			clearinghouse (run, name, plan);
		return;
	}
	for (guint i = 0; i < plan->lookup_failures->len; i++)
		st_status_say (run->status, "%s: lookup failed: %s", name,
			(const char *)plan->lookup_failures->pdata[i]);
	if (run->lookup != NULL)
		st_status_stopped (run->status, st_lookup_stopped (run->lookup));
	if (run->json != NULL) {
		if (run->planned++ > 0)
			g_string_append_c (run->json, ',');
		st_plan_to_json (plan, name, run->json);
		return;
	}
	for (guint i = 0; i < plan->withheld->len; i++) {
		g_autofree char *line = st_withheld_describe (plan->withheld->pdata[i]);
		st_status_say (run->status, "%s: not writing to %s", name, line);
	}
	if (plan->complaints->len == 0) {
		st_status_say (run->status, "%s: nobody to write to", name);
		st_status_nobody (run->status);
	}
	g_autofree char *incident = st_plan_incident (plan);
	for (guint i = 0; i < plan->complaints->len && !run->fatal; i++)
		draft_one (run, name, plan, plan->complaints->pdata[i], incident);
	/* remembered after the drafts, whose registry comes first: a registry
	 * that cannot be written stops the run before */
	if (spam && !run->fatal)
		clearinghouse (run, name, plan);
}

/* How many messages @paths hold, for the progress line: each read once
 * more, none kept. 0 (not known) for standard input, or a path that is
 * neither a file nor a directory (a pipe cannot be read twice). */
static guint
count_messages (const char *const *paths, gboolean mbox)
{
	if (paths == NULL || paths[0] == NULL)
		return 0;
	for (guint i = 0; paths[i] != NULL; i++) {
		GStatBuf st;
		if (g_stat (paths[i], &st) != 0 || !(S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)))
			return 0;
	}
	g_autoptr (StInput) in = st_input_new (paths, 1, mbox);
	StInputItem item;
	guint n = 0;

	while (st_input_next (in, &item)) {
		n += item.kind == ST_INPUT_MESSAGE || item.kind == ST_INPUT_TOO_BIG;
		st_input_item_clear (&item);
	}
	return n;
}

/* One item of the inputs that is not a message. */
static void
not_a_message (StRun *run, const StInputItem *item, guint64 max_size)
{
	switch (item->kind) {
	case ST_INPUT_EMPTY:
		st_status_warn (run->status, "%s: empty, nothing to do", item->label);
		break;
	case ST_INPUT_TOO_BIG:
		st_status_warn (run->status,
			"%s: %" G_GUINT64_FORMAT " bytes, over the limit of %" G_GUINT64_FORMAT
			" (--max-size, [report] max-size): skipped, nothing drafted",
			item->label, item->size, max_size);
		run->too_big++;
		break;
	case ST_INPUT_ERROR:
		st_status_warn (run->status, "%s", item->error);
		run->failed++;
		break;
	case ST_INPUT_MESSAGE:
		break;
	}
}

void
st_run_inputs (StRun *run, const char *const *paths, guint64 max_size)
{
	guint total =
		st_status_progress_wanted (run->status) ? count_messages (paths, run->opt.mbox) : 0;
	g_autoptr (StInput) in = st_input_new (paths, max_size, run->opt.mbox);
	StInputItem item;
	guint done = 0;

	while (!run->fatal && st_input_next (in, &item)) {
		if (item.kind == ST_INPUT_MESSAGE) {
			st_status_message (run->status);
			handle_message (run, item.label, item.data, item.len);
			if (run->json != NULL) {
				fwrite (run->json->str, 1, run->json->len, stdout);
				g_string_truncate (run->json, 0);
			}
		} else {
			not_a_message (run, &item, max_size);
		}
		done += item.kind == ST_INPUT_MESSAGE || item.kind == ST_INPUT_TOO_BIG;
		st_status_progress (run->status, done, total > 0 ? MAX (total, done) : 0);
		st_input_item_clear (&item);
	}
}

void
st_run_write_digest (StRun *run)
{
	for (guint i = 0; run->digest != NULL && i < st_digest_len (run->digest) && !run->fatal;
		i++) {
		g_autoptr (GError) error = NULL;
		const char *to = st_digest_to (run->digest, i),
			   *role = st_digest_role (run->digest, i);
		guint n = st_digest_count (run->digest, i);
		g_autofree char *out = st_digest_write (run->digest, i, run->settings,
			(const char *const *)run->template_dirs, run->registry, run->opt.dry_run,
			&error);
		if (out == NULL) {
			stop (run, error,
				g_error_matches (error, ST_ERROR, ST_ERROR_TEMPLATE)
					? ST_EXIT_CONFIG
					: ST_EXIT_IOERR);
			return;
		}
		if (run->opt.dry_run)
			printf ("----- draft %u for %u message%s (%s) -----\n%s%s"
				"----- end of draft -----\n",
				st_status_drafts (run->status) + 1, n, n == 1 ? "" : "s", role, out,
				g_str_has_suffix (out, "\n") ? "" : "\n");
		else
			st_status_say (run->status,
				"digest of %u message%s: drafted for %s (%s): %s", n,
				n == 1 ? "" : "s", to, role, out);
		st_status_drafted (run->status, role, to);
	}
}

void
st_run_write_clearinghouse (StRun *run)
{
	g_autoptr (GError) error = NULL;
	guint n = 0;

	if (run->opt.blocklist != NULL && st_blocklist_write (run->sightings, run->opt.blocklist,
						  g_get_real_time () / G_USEC_PER_SEC,
						  run->settings->blocklist.days, &n, &error))
		printf ("%u address%s written to %s\n", n, n == 1 ? "" : "es", run->opt.blocklist);
	if (error == NULL && run->opt.overview != NULL &&
		st_overview_write (run->overview, run->sightings, run->opt.overview, &error))
		printf ("overview written to %s\n", run->opt.overview);
	if (error != NULL) {
		st_status_warn (run->status, "%s", error->message);
		run->fatal = TRUE;
		run->exit_code = ST_EXIT_IOERR;
	}
}
