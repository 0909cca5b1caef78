/* complaint.h - who should hear about a spam, at which address, and on what evidence.
 * RFC 2142 (abuse@, postmaster@), RFC 5321 section 4.1.3 (postmaster@[address]). */
#ifndef ST_COMPLAINT_H
#define ST_COMPLAINT_H

#include <glib.h>

#include "analysis.h"
#include "body.h"
#include "lookup.h"
#include "policy.h"
#include "settings.h"

G_BEGIN_DECLS

typedef enum {
	ST_ROLE_NETWORK,    /* the network the origin belongs to */
	ST_ROLE_SOURCE,     /* the network of the client a provider's lines record */
	ST_ROLE_RELAY,      /* an insecure relay */
	ST_ROLE_SPOOFED,    /* the owner of a forged From: domain: a victim */
	ST_ROLE_MAILBOX,    /* the provider of a reply mailbox the spammer reads */
	ST_ROLE_ADVERTISER, /* the registrar of a domain the spam advertises, or its shortener */
	ST_ROLE_ACCOUNT,    /* a mail provider whose own server sent it: about the account */
} StRole;

const char *st_role_to_string (StRole role);

typedef struct {
	StRole role;
	StRule rule;          /* why this party is written to */
	GPtrArray *to;        /* char *: addresses, no duplicates; NULL-terminated */
	char *party;          /* who we write about: an address, a host, a domain */
	char *contact_source; /* how the address was found */
	char *evidence;       /* for the note: what we saw, quoting the lines */
	int hop;              /* the hop the complaint is about, or -1 */
	/* ST_ROLE_ACCOUNT: the provider ("Google"), the account or NULL, and
	 * how sure we are of it ("proven", "guess", "unknown"); borrowed
	 * strings but @account */
	const char *provider;
	char *account;
	const char *certainty;
} StComplaint;

/* A party left out, and the rule that left it out. */
typedef struct {
	char *party;  /* an address, a host, a domain, a line */
	StRole role;  /* the role it would have had */
	StRule rule;  /* why not */
	char *detail; /* what the rule found, for people: may be NULL */
} StWithheld;

typedef struct {
	GPtrArray *complaints; /* StComplaint *, the most credible first */
	GPtrArray *withheld;   /* StWithheld *: parties we do not write to, and why */
	guint max_drafts;      /* complaints past this many are withheld */
	/* what the planner read and decided on (see planner.h); owned */
	StAnalysis *analysis; /* the message judged: the original when forwarded */
	StBody *body;         /* its body, or NULL when it was not read */
	StPolicy *policy;     /* who is who in it */
	const char *message;  /* its bytes, our fields left out */
	gsize message_len;
	gsize header_len;   /* its header section, blank line included */
	char *inner;        /* the original a forward carried, when judged on it */
	char *forwarded;    /* why the message is taken for the user's forward, or NULL */
	gboolean ham;       /* our filter said "no" and nothing was planned */
	GPtrArray *dnsbl;   /* StDnsblResult * about the origin, or NULL */
	GPtrArray *landing; /* char *: the landing pages, best first */
	guint lookups;      /* lookups made for it */
	GPtrArray *lookup_failures; /* char *: what the lookups could not learn, for the
				     * user (stderr, --json), never for a letter */
} StPlan;

/* A new, empty plan allowing @max_drafts drafts. */
StPlan *st_plan_new (guint max_drafts);
void st_plan_free (StPlan *p);

/* Keeps what the last lookup of @lookup could not learn (st_lookup_failures)
 * in plan->lookup_failures, each line once. */
void st_plan_note_failures (StPlan *plan, const StLookup *lookup);

/* Adds a complaint of @role to @address for the reason @rule, unless
 * @address is one we never write to (st_policy_check_recipient, when
 * @policy is not NULL), the plan has max_drafts already, or another
 * complaint goes there (then a mailbox complaint's @party joins that one's
 * list). What is left out goes to plan->withheld. Takes @evidence. Returns
 * the complaint, or NULL when none was added. */
StComplaint *st_plan_add (StPlan *plan, const StPolicy *policy, StRole role, StRule rule,
	const char *address, const char *party, const char *contact_source, char *evidence,
	int hop);

/* Sends complaint @i of @plan to @address instead (an abuse contact a
 * lookup found, named by @source), unless @policy forbids it or another
 * complaint of the plan already goes there; says which in @why when not. */
gboolean st_plan_retarget (StPlan *plan, guint i, const StPolicy *policy, const char *address,
	const char *source, StRule *why);

/* Adds the telephone numbers @body found to the evidence of every
 * complaint of @plan, one line each: E.164, as written, region, line type
 * (how each was read is in the body's JSON). A number is evidence, never
 * a recipient. Nothing when @body found none. */
void st_plan_add_phones (StPlan *plan, const StBody *body);

/* Notes @party left out by @rule (@detail may be NULL). */
void st_plan_withhold (
	StPlan *plan, StRole role, StRule rule, const char *party, const char *detail);

/* "PARTY (ROLE): MEANING; DETAIL [CODE]", the line the program prints
 * after "not writing to". New string. */
char *st_withheld_describe (const StWithheld *w);

/* Releases what @c holds (a complaint kept by value, as a digest keeps
 * its first one) and zeroes it. */
void st_complaint_clear (StComplaint *c);

/* @text made safe to show to a person, at a terminal or in a draft: valid
 * UTF-8 (a byte of no character becomes U+FFFD), and no control character
 * (C0, DEL, C1) but the tab and, when @lines, the line end; each other one
 * becomes a space. For text that quotes the spam. New string. */
char *st_text_shown (const char *text, gboolean lines);

/* TRUE when @address is a placeholder or a redacted value, not a mailbox
 * anyone reads (RFC 2606 names, "redacted", "noreply", no dot…). */
gboolean st_complaint_is_placeholder (const char *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPlan, st_plan_free)

G_END_DECLS

#endif
