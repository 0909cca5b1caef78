/* providers.h - what we know of the big mail providers, keyed by organisation: their receiving
 * and sending sides, the shapes of their lines, their free-mail domains and abuse desks.
 * Facts from the providers' published host names and address ranges; no RFC. */
#ifndef ST_PROVIDERS_H
#define ST_PROVIDERS_H

#include <glib.h>

#include "ip.h"
#include "received.h"

G_BEGIN_DECLS

/* The organisations behind the mail services we know. Every table of
 * provider facts (receiving sides, sending sides, the shapes of their
 * lines, free-mail domains) names each row's organisation by this key, so
 * that all we know of one provider is found from it; tests/check_providers
 * checks that the tables agree. */
typedef enum {
	ST_ORG_NONE = 0,
	ST_ORG_GOOGLE,
	ST_ORG_MICROSOFT,
	ST_ORG_YAHOO,
	ST_ORG_APPLE,
	ST_ORG_FASTMAIL,
	ST_ORG_PROTON,
	ST_ORG_GMX,
	ST_ORG_ZOHO,
	ST_ORG_YANDEX,
	ST_ORG_MAILRU,
	ST_ORG_AMAZON,
	ST_ORG_SENDGRID,
	ST_ORG_MAILCHIMP,
	ST_ORG_COUNT
} StOrgId;

typedef struct {
	StOrgId id;
	const char *name; /* "Google": one name for the organisation, in drafts too */
	/* the desk (abuse@ this domain) for an account its outbound servers
	 * sent for, whatever the account's domain; NULL when we do not write
	 * to it about accounts */
	const char *account_desk;
	/* a field its servers write at submission, naming it, or NULL */
	const char *reference;
} StOrg;

/* The organisation @id; NULL for ST_ORG_NONE. */
const StOrg *st_org (StOrgId id);

/* The most networks one list of the tables may hold (they are parsed
 * once, into room of this size). */
#define ST_PROVIDER_MAX_NETS 32

/* The receiving side of one provider: the servers that take mail in for its
 * users and pass it on inside. Lists are space-separated. */
typedef struct {
	StOrgId org;
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
	/* the provider's published edge networks (CIDRs), where its inbound
	 * frontends and its outbound servers both live: a client there is
	 * internal only when the chain shows it is an inbound frontend */
	const char *edge_nets;
	/* the inbound frontends' names in "by" (host globs): the servers that
	 * take mail from the Internet */
	const char *frontend_by;
} StProvider;

/* Why the client of @hop, a line @p's receiving side wrote (StHop.writer),
 * is one of @p's own internal hops: a static phrase; or NULL when it is not.
 * @ip is the client's address, parsed, or NULL when the line records none
 * (or no valid one). @below is the next line down (the one the client
 * wrote if it is the provider's), or NULL. A client is never taken for
 * internal by its name alone: its address must be in the provider's
 * internal ranges, or in its edge networks with the line below written by
 * it as an inbound frontend, or (no address recorded) the line below must
 * be its own. */
const char *st_provider_internal_proof (
	const StProvider *p, const StReceived *hop, const StIp *ip, const StReceived *below);

/* TRUE when @ip is in @p's internal networks. */
gboolean st_provider_has_internal (const StProvider *p, const StIp *ip);

/* TRUE when @below was written by the client of @hop: the "by" address of
 * @below is the client's address, or the first label of its "by" name is
 * the first label of the name the client was recorded with. */
gboolean st_provider_wrote_below (const StReceived *hop, const StReceived *below);

/* The provider whose receiving side wrote @hop (by its "by" host), or NULL. */
const StProvider *st_provider_writer (const StReceived *hop);

/* The sending side of a well-known provider: its outbound servers truthfully
 * record the client that submitted each message. */
typedef struct {
	StOrgId org;
	const char *name;
	/* the outbound servers' addresses (CIDRs) */
	const char *nets;
	/* their names (host globs), matched against the rDNS or HELO the
	 * receiving server recorded */
	const char *names;
	/* hosts that write the provider's own lines below it (host globs) */
	const char *hosts;
	/* TRUE when the provider leaves the submitting client out by policy */
	gboolean hides_client;
	/* addresses its own hosts go by in "by" (CIDRs), or NULL: Google's
	 * hops inside its network are "by 2002:a05:…" */
	const char *hop_nets;
} StSender;

/* The provider whose outbound server the client of @origin is: its address
 * @ip (NULL when none) in the provider's networks and its name in the
 * provider's form; or NULL. Every hop has it as StHop.sender. */
const StSender *st_provider_sender_at (const StReceived *origin, const StIp *ip);

/* The provider whose host names cover @host, or NULL. */
const StSender *st_provider_sender_of_host (const char *host);

/* TRUE when @host is one of @s's own hosts: by name, or by an address in
 * its hop_nets. */
gboolean st_sender_owns (const StSender *s, const char *host);

/* TRUE when @ip (NULL: no address) is in @s's networks. */
gboolean st_sender_has_addr (const StSender *s, const StIp *ip);

/* TRUE when @host belongs to a provider in either table: its domain is
 * shared by all of the provider's customers. */
gboolean st_provider_shared_host (const char *host);

/* What a provider's own servers always write in their lines: a line that
 * claims one of them as its writer in another shape is no line of theirs. */
typedef struct {
	StOrgId org;
	const char *by;         /* the writers (a host glob) */
	const char *with;       /* allowed first words of "with", space-separated */
	gboolean needs_id;      /* every line of theirs carries an id ... */
	const char *without_id; /* ... except with these "with" words */
	const char *who;        /* the writers, for people */
} StLineShape;

/* The shape the writer @by of a line must follow, or NULL. */
const StLineShape *st_provider_shape (const char *by);

/* A free-mail domain: whose mailboxes it holds, and the abuse desk
 * (abuse@ this domain) that closes them. */
typedef struct {
	const char *domain;
	const char *desk;
	StOrgId org; /* ST_ORG_NONE: a service of no organisation above */
} StFreeMail;

/* The free-mail service of @domain (case-insensitive), or NULL. */
const StFreeMail *st_provider_free_mail (const char *domain);

/* For tests and documentation: the tables themselves. */
typedef struct {
	const StProvider *receiving;
	gsize n_receiving;
	const StSender *sending;
	gsize n_sending;
	const StLineShape *shapes;
	gsize n_shapes;
	const StFreeMail *free_mail;
	gsize n_free_mail;
} StProviderTables;

const StProviderTables *st_provider_tables (void);

G_END_DECLS

#endif
