/* trust.h - where our own mail infrastructure ends: the trust walk and the origin.
 * RFC 5321 section 4.4: each relay prepends its line, so lines are read top down. */
#ifndef ST_TRUST_H
#define ST_TRUST_H

#include <glib.h>

#include "hop.h"
#include "ip.h"
#include "received.h"

G_BEGIN_DECLS

/* The hosts and networks the user declares as ours ("--trust NET"). */
typedef struct _StTrust StTrust;

StTrust *st_trust_new (void);
void st_trust_free (StTrust *t);

/* Adds one rule: an address, a CIDR, a host name or a domain (which covers
 * its subdomains); "!" in front excludes. The first matching rule decides.
 * Returns FALSE with @error for text that is none of these. */
gboolean st_trust_add (StTrust *t, const char *spec, GError **error);

guint st_trust_count (const StTrust *t);

/* Why a hop's client is (or is not) ours. */
typedef enum {
	ST_TRUST_NOT_OURS = 0,
	ST_TRUST_DECLARED,
	ST_TRUST_LOOPBACK,
	ST_TRUST_PRIVATE,
	ST_TRUST_PROVIDER,
	ST_TRUST_EXCLUDED, /* a "!" rule matched */
} StTrustReason;

/* Decides whether the client recorded in @hop is one of ours. @below is the
 * next hand-over down, or NULL: a provider's server is known by the line it
 * wrote. @why receives a new string for people (the rule, the range, the
 * provider). */
StTrustReason st_trust_client (
	const StTrust *t, const StHop *hop, const StReceived *below, char **why);

/* The walk over a message's lines, top down. */
typedef struct {
	int origin;          /* index of the origin hop, -1 when none */
	char *reason;        /* why there is no origin, or NULL */
	char *boundary;      /* the last trusted receiving host */
	char *hint;          /* advice for people, or NULL */
	const char *gateway; /* the filtering service the origin seems to be, or NULL */
	guint trusted;       /* how many hops the walk trusted */
} StWalk;

/* Walks the @n hops at @hop (hop[0] the topmost), setting each one's
 * trusted and why, and fills @walk, which must be cleared with
 * st_walk_clear. */
void st_trust_walk (const StTrust *t, StHop *hop, guint n, StWalk *walk);
void st_walk_clear (StWalk *walk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StTrust, st_trust_free)

G_END_DECLS

#endif
