/* forgery.h - judging each line below the boundary: consistent, unverifiable or forged;
 * insecure relays; the credible source behind the origin.
 * RFC 5321 sections 4.4 (trace) and 3.6 (relaying), RFC 6890 (special addresses). */
#ifndef ST_FORGERY_H
#define ST_FORGERY_H

#include <glib.h>

#include "headers.h"
#include "trust.h"

G_BEGIN_DECLS

typedef enum {
	ST_JUDGEMENT_TRUSTED,      /* above the origin: written by our own servers */
	ST_JUDGEMENT_CONSISTENT,   /* nothing contradicts it, and its link checks out */
	ST_JUDGEMENT_UNVERIFIABLE, /* nothing to check it against, or below a forged line */
	ST_JUDGEMENT_FORGED,       /* evidence that it lies */
} StJudgement;

const char *st_judgement_to_string (StJudgement j);

typedef struct {
	StJudgement judgement;
	GPtrArray *forged;   /* StFinding: evidence of forgery */
	GPtrArray *insecure; /* StFinding: the relay that wrote it is insecure */
	GPtrArray *notes;    /* StFinding: worth knowing, not evidence */
} StHopJudgement;

/* The deepest client a provider's credible lines record beneath the origin. */
typedef struct {
	int hop;              /* -1 when none */
	const char *provider; /* borrowed, or NULL */
	gboolean hidden;      /* the provider leaves the client out by policy */
	char *why;
} StSource;

/* Judges @hops (StReceived *) at and below the walk's boundary; @hop_field
 * gives each hop's field index in @h. @out has one entry per hop and must
 * be cleared with st_forgery_clear. */
void st_forgery_judge (const StHeaders *h, GPtrArray *hops, GArray *hop_field, const StWalk *walk,
	StHopJudgement *out, StSource *source);
void st_forgery_clear (StHopJudgement *j, guint n, StSource *source);

G_END_DECLS

#endif
