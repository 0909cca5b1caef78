/* hop.h - one Received: line of a message with everything the analysis learns about it.
 * RFC 5321 section 4.4 (one line a hand-over); the facts come from received.c, trust.c, forgery.c. */
#ifndef ST_HOP_H
#define ST_HOP_H

#include <glib.h>

#include "forgery.h"
#include "ip.h"
#include "received.h"

G_BEGIN_DECLS

/* One per Received: line, hop[0] the topmost: the parsed line, where it
 * stands, its client's address parsed once, and what the trust walk and
 * the judge decided. Every pointer is borrowed from the StAnalysis that
 * holds the array. */
typedef struct {
	const StReceived *line;
	guint field;            /* index in the analysis's headers->fields */
	StIp ip;                /* the client's address, when has_ip */
	gboolean has_ip;        /* line->ip is a valid address */
	gboolean trusted;       /* the walk trusted this line's client */
	const char *why;        /* why trusted, or why the walk stopped; may be NULL */
	const StHopJudgement *judged; /* the judgement and its findings */
} StHop;

G_END_DECLS

#endif
