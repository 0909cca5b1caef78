/* providers.h - built-in profiles of the big mailbox providers' receiving side.
 * Facts from the providers' published host names and address ranges; no RFC. */
#ifndef ST_PROVIDERS_H
#define ST_PROVIDERS_H

#include <glib.h>

#include "received.h"

G_BEGIN_DECLS

/* The receiving side of one provider: the servers that take mail in for its
 * users and pass it on inside. Lists are space-separated. */
typedef struct {
	const char *name;
	/* hosts whose lines can record an internal client (host globs) */
	const char *internal_by;
	/* addresses of the receiving side's internal hops (CIDRs); loopback
	 * and private space are trusted anyway */
	const char *internal_nets;
	/* names an internal client is written with (host globs; the rDNS, or
	 * the HELO the provider's own server recorded) */
	const char *internal_names;
	/* the provider's sending side: another customer, never trusted */
	const char *outbound_names;
} StProvider;

/* The provider whose receiving side wrote @hop and received it from one of
 * its own internal hops, or NULL. A client is never taken for internal by
 * its name alone: its address must be in the provider's internal ranges. */
const StProvider *st_provider_internal_hop (const StReceived *hop);

/* The provider whose receiving side wrote @hop (by its "by" host), or NULL. */
const StProvider *st_provider_writer (const StReceived *hop);

/* For tests and documentation: the table itself. */
const StProvider *st_provider_table (gsize *n);

G_END_DECLS

#endif
