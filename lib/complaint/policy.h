/* policy.h - the recipient policy: who may be named in a complaint, and every reason not to.
 * RFC 5321 sections 4.1.2 and 4.1.3 (mailboxes, address literals), RFC 1123 section 2.1
 * (host names), RFC 5890 (IDNA), RFC 2142 (role mailboxes). */
#ifndef ST_POLICY_H
#define ST_POLICY_H

#include <glib.h>

#include "analysis.h"
#include "settings.h"

G_BEGIN_DECLS

/* Every decision of the planner names one of these: why a party is
 * written to, or why it is not. Each has a code for scripts (--json) and a
 * sentence for people ("not writing to" lines); see st_rule_code. */
typedef enum {
	/* written to */
	ST_RULE_ORIGIN = 0,    /* our server recorded the origin handing the message to us */
	ST_RULE_SOURCE,        /* a provider's proven line records the submitting client */
	ST_RULE_RELAY,         /* a credible line shows this relay taking mail insecurely */
	ST_RULE_REPLY_CHANNEL, /* the message asks the reader to write to this mailbox */
	ST_RULE_LANDING,       /* the spam's own landing page: its registrar */
	ST_RULE_WEB_HOST,      /* the network that hosts the landing page, confirmed */
	ST_RULE_SHORTENER,     /* a short link hiding the landing page */
	ST_RULE_HOSTING_PLATFORM, /* the landing page is a site on a platform its operator runs */
	ST_RULE_SPOOFED,       /* the owner of a forged From: domain, when asked */
	/* not written to */
	ST_RULE_USER_ADDRESS,     /* one of the user's own addresses */
	ST_RULE_USER_DOMAIN,      /* one of the user's own domains */
	ST_RULE_OUR_SERVER,       /* the domain of the user's own mail servers */
	ST_RULE_USER_PROVIDER,    /* the user's own mailbox provider */
	ST_RULE_OUR_NETWORK,      /* an address of the user's servers or networks */
	ST_RULE_PLACEHOLDER,      /* a placeholder or redacted value */
	ST_RULE_INVALID_ADDRESS,  /* not a mailbox we can write a draft to */
	ST_RULE_BELOW_BOUNDARY,   /* rests on a line the sender may have written */
	ST_RULE_HIDDEN,           /* the provider records no client: ask it about the account */
	ST_RULE_NO_CLIENT,        /* the origin line records no client address */
	ST_RULE_NO_ORIGIN,        /* the walk found no origin */
	ST_RULE_NOT_OFFERED,      /* a mailbox the message does not ask anyone to write to */
	ST_RULE_QUOTED,           /* in a quoted or forwarded header block */
	ST_RULE_GREETING,         /* the reader greeted by address */
	ST_RULE_CONTENT_ID,       /* a part's name (cid:), not a mailbox */
	ST_RULE_FORGED_FROM,      /* the forged From: address: its owner is a victim */
	ST_RULE_RAW_TEXT,         /* the body could not be read as MIME */
	ST_RULE_NOT_FREE_MAIL,    /* a mailbox at no provider we know to close accounts */
	ST_RULE_WELL_KNOWN,       /* a well-known site, on the list */
	ST_RULE_BRAND,            /* the brand the message pretends to be */
	ST_RULE_BARE_WORD,        /* a word that looks like a domain, never written as a link */
	ST_RULE_NOT_LANDING,      /* linked, but not where the reader is sent */
	ST_RULE_DMARC_PASS,       /* the From: domain of mail that passed DMARC */
	ST_RULE_PLATFORM,         /* a name on a shared platform: its registrar sold the platform */
	ST_RULE_UNCONFIRMED_HOST, /* only the site's own DNS names this web host */
	ST_RULE_NOT_ROUTABLE,     /* an address no web server on the Internet has */
	ST_RULE_NO_CONTACT,       /* the lookups named no abuse contact */
	ST_RULE_NEEDS_LOOKUPS,    /* offline: the lookups that would name it were not made */
	ST_RULE_MAX_DRAFTS,       /* past [report] max-drafts */
	ST_RULE_MAX_LOOKUPS,      /* past [report] max-lookups */
	ST_RULE_DUPLICATE,        /* another draft of this message already goes there */
	ST_RULE_SPOOFED_VICTIM,   /* the owner of a forged From: domain, not asked */
	ST_RULE_FORWARDED,        /* lines of the user's own forward */
	ST_RULE_HAM,              /* our filter judged the message not suspect */
	ST_RULE_COUNT
} StRule;

/* "origin", "user-address", … Borrowed. */
const char *st_rule_code (StRule rule);

/* One line for people: what the rule means. Borrowed. */
const char *st_rule_meaning (StRule rule);

/* TRUE when @address is a mailbox a draft can go to: one "@", a local
 * part of letters, digits and ". _ + - = '" (no "%", "!", quotes, spaces or
 * commas: source routes and lists), a domain that is a host name with a
 * dot (st_domain_name_valid; IDNA in its xn-- form) or an address literal,
 * "[192.0.2.1]" or "[IPv6:2001:db8::1]". Otherwise @why (may be NULL)
 * receives a borrowed reason. */
gboolean st_policy_address_valid (const char *address, const char **why);

/* The form of @address two mailboxes of one person share: lower case,
 * "+tag" dropped, and at Gmail the dots of the local part dropped and
 * googlemail.com read as gmail.com. A new string. */
char *st_policy_mailbox_key (const char *address);

/* The list of well-known sites (data/well-known-sites.txt, the user's). */
typedef struct _StWellKnown StWellKnown;

StWellKnown *st_well_known_new (void);
void st_well_known_free (StWellKnown *wk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StWellKnown, st_well_known_free)

/* Adds the lines of the file @path ("#" comments, one domain a line, or
 * "*.SUFFIX"). FALSE with @error when it cannot be read. */
gboolean st_well_known_add_file (StWellKnown *wk, const char *path, GError **error);

/* Adds one entry. */
void st_well_known_add (StWellKnown *wk, const char *entry);

/* The entry that covers @host, or NULL. Borrowed. */
const char *st_well_known_find (const StWellKnown *wk, const char *host);

/* The lists spamtrace-report reads: the installed file (where
 * st_paths_find () finds it), the one in the user's config directory, and
 * [report] well-known of @settings.
 * A missing installed or config-directory file is not an error; when no
 * list at all could be read, NULL with *@warning saying so (and no
 * advertiser is then named: see st_offers_plan_advertisers). An unreadable
 * [report] well-known is an error: NULL with @error set. */
StWellKnown *st_well_known_load (const StSettings *settings, char **warning, GError **error);

/* What the analysis of one message says about who is who. */
typedef struct _StPolicy StPolicy;

/* @outer: the message as delivered when @a is the original it carried
 * (its recipients and our servers are the user's too), or NULL. */
StPolicy *st_policy_new (const StAnalysis *a, const StAnalysis *outer, const StSettings *settings,
	const StWellKnown *wk);
void st_policy_free (StPolicy *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPolicy, st_policy_free)

/* TRUE when @address is one of the user's: [report] addresses, the
 * recipient fields (To, Cc, Delivered-To, X-Original-To, Envelope-To), the
 * "for" of our own lines; compared by st_policy_mailbox_key. */
gboolean st_policy_is_user (const StPolicy *p, const char *address);

/* Whether a draft may go to @address: valid, no placeholder, not the
 * user's or their servers' or provider's. ST_RULE_COUNT when it may; else
 * the rule that forbids it. */
StRule st_policy_check_recipient (const StPolicy *p, const char *address);

/* Whether @host may be named as a linked site's: not the user's, not on
 * the well-known list, not the brand the message pretends to be. As
 * st_policy_check_recipient; *@detail (may be NULL) receives the entry or
 * brand that matched, borrowed. */
StRule st_policy_check_site (const StPolicy *p, const char *host, const char **detail);

/* Whether the address @ip (text) may be named as a web host's: routable,
 * not one of the user's servers' or networks' or their provider's. */
StRule st_policy_check_host_address (const StPolicy *p, const char *ip);

/* The registrable domains of the user's mailbox provider (from the
 * receiving side that wrote our trusted lines), for the plan's JSON. */
const GPtrArray *st_policy_provider_domains (const StPolicy *p);

/* The brand domains and words the message pretends to be, for the JSON. */
const GPtrArray *st_policy_brands (const StPolicy *p);

G_END_DECLS

#endif
