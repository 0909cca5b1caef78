/* verdict.h - is this message suspect? A score from the evidence, with its reasons.
 * Reads spam verdicts our own servers wrote (SpamAssassin, rspamd, Microsoft SCL). */
#ifndef ST_VERDICT_H
#define ST_VERDICT_H

#include <glib.h>

#include "authres.h"
#include "hop.h"
#include "headers.h"

G_BEGIN_DECLS

/* At or above this score a message is suspect, unless [filter] threshold
 * says otherwise. One forged line, a forged From: domain or a spam verdict
 * of our own server each reach it alone; weak signs (an insecure relay, an
 * SPF softfail) do not. */
#define ST_VERDICT_THRESHOLD 3.0

typedef struct {
	gboolean suspect;
	double score;
	GPtrArray *reasons; /* char *: reason codes, no duplicates */
	GPtrArray *filters; /* char *: spam verdicts of our own servers, for people */
} StVerdict;

/* Weighs the findings of the @n hops at @hop, the authentication summary
 * and the spam verdicts in the fields of @h above index @limit; suspect
 * from @threshold on. */
void st_verdict_compute (const StHeaders *h, guint limit, const StHop *hop, guint n,
	const StAuthSummary *auth, double threshold, StVerdict *out);
void st_verdict_clear (StVerdict *v);

G_END_DECLS

#endif
