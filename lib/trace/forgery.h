/* forgery.h - judging each line below the boundary: consistent, unverifiable or forged;
 * insecure relays; the credible source behind the origin.
 * RFC 5321 sections 4.4 (trace) and 3.6 (relaying), RFC 6890 (special addresses). */
#ifndef ST_FORGERY_H
#define ST_FORGERY_H

#include <glib.h>

#include "headers.h"
#include "hop.h"
#include "trust.h"

G_BEGIN_DECLS

const char *st_judgement_to_string (StJudgement j);

/* The deepest client a provider's credible lines record beneath the origin. */
typedef struct {
	int hop;              /* -1 when none */
	const char *provider; /* borrowed, or NULL */
	gboolean hidden;      /* the provider leaves the client out by policy */
	char *why;
} StSource;

/* Judges the @n hops at @hop at and below the walk's boundary, filling
 * each one's judged, and finds the credible source behind the origin;
 * @source must be cleared with st_source_clear. The hops free their
 * judgements (st_hops_free). */
void st_forgery_judge (
	const StHeaders *h, StHop *hop, guint n, const StWalk *walk, StSource *source);
void st_source_clear (StSource *source);

G_END_DECLS

#endif
