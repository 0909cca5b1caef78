/* hop.h - one Received: line of a message with everything the analysis learns about it.
 * RFC 5321 section 4.4 (one line a hand-over); the facts come from received.c,
 * providers.c, trust.c and forgery.c, each filling its own part once. */
#ifndef ST_HOP_H
#define ST_HOP_H

#include <glib.h>

#include "ip.h"
#include "providers.h"
#include "received.h"

G_BEGIN_DECLS

typedef enum {
	ST_JUDGEMENT_TRUSTED,      /* above the origin: written by our own servers */
	ST_JUDGEMENT_CONSISTENT,   /* nothing contradicts it, and its link checks out */
	ST_JUDGEMENT_UNVERIFIABLE, /* nothing to check it against, or below a forged line */
	ST_JUDGEMENT_FORGED,       /* evidence that it lies */
} StJudgement;

typedef struct {
	StJudgement judgement;
	GPtrArray *forged;   /* StFinding: evidence of forgery */
	GPtrArray *insecure; /* StFinding: the relay that wrote it is insecure */
	GPtrArray *notes;    /* StFinding: worth knowing, not evidence */
} StHopJudgement;

/* One per Received: line, hop[0] the topmost. st_hop_init fills what the
 * line alone says (its address parsed once, the provider sides its names
 * and address belong to); the trust walk fills trusted and why, the judge
 * fills judged. */
typedef struct {
	StReceived *line; /* owned */
	guint field;      /* index in the analysis's headers->fields */
	StIp ip;          /* the client's address as written, when has_ip */
	/* line->ip reads as an address (st_ip_parse): the judge reads any such
	 * (it says where the client was), the walk and the blocklist only one
	 * st_hop_valid_ip accepts */
	gboolean has_ip;
	/* the provider whose receiving side wrote the line (by its "by"), or NULL */
	const StProvider *writer;
	/* the provider whose outbound server the client is (address and name),
	 * or NULL: st_provider_sender_at of the line and its address */
	const StSender *sender;
	gboolean trusted;      /* the walk trusted this line's client */
	char *why;             /* owned: why trusted, or why the walk stopped; or NULL */
	StHopJudgement judged; /* the judgement and its findings */
} StHop;

/* TRUE when @h's address reads as one and received.c found it well-formed
 * (no ST_RECEIVED_INVALID_IP, such as a leading zero). */
static inline gboolean
st_hop_valid_ip (const StHop *h)
{
	return h->has_ip && !(h->line->flags & ST_RECEIVED_INVALID_IP);
}

/* Makes @h the hop of @line (taken over) at field index @field. */
void st_hop_init (StHop *h, StReceived *line, guint field);

/* Frees what @n hops at @hop own, and the array itself. */
void st_hops_free (StHop *hop, guint n);

G_END_DECLS

#endif
