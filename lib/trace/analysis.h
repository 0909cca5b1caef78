/* analysis.h - everything the header section of one message tells us, in one place.
 * Ties the Received chain (RFC 5321 section 4.4) to the trust walk and the findings. */
#ifndef ST_ANALYSIS_H
#define ST_ANALYSIS_H

#include <glib.h>

#include "authres.h"
#include "forgery.h"
#include "headers.h"
#include "hop.h"
#include "received.h"
#include "settings.h"
#include "trust.h"
#include "verdict.h"

G_BEGIN_DECLS

/* Past this many Received: lines the rest are counted, not read: no real
 * path has more than a few dozen, and each costs time and output. */
#define ST_MAX_HOPS 1000

typedef struct {
	StHeaders *headers; /* owned; points into the caller's buffer */
	/* One record per Received: line, hop[0] the topmost: the line, its
	 * address and provider sides, the walk's decision and the judgement.
	 * Everything after reads them; nothing parses a line's address again. */
	StHop *hop;
	guint n_hops;
	guint hops_dropped; /* Received: lines beyond ST_MAX_HOPS */
	StWalk walk;
	StSource source;
	StAuthSummary auth;
	StVerdict verdict;
	char *webmail_ip; /* X-Originating-IP and kin, when credible; or NULL */
	char *webmail_why;
	guint ours_limit;   /* fields above this index were written by our servers */
	guint renamed;      /* X-Spamtrace-* fields in the input */
	gboolean truncated; /* the header section was cut at the size limit */
} StAnalysis;

/* Analyses the header section @data[0..@len), which must stay alive as long
 * as the result. @truncated says the caller stopped reading it early. */
StAnalysis *st_analysis_run (
	const char *data, gsize len, gboolean truncated, const StSettings *settings);
void st_analysis_free (StAnalysis *a);

/* The origin hop, or NULL. Borrowed. */
const StReceived *st_analysis_origin (const StAnalysis *a);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StAnalysis, st_analysis_free)

G_END_DECLS

#endif
