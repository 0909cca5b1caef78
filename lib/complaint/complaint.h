/* complaint.h - who should hear about a spam, at which address, and on what evidence.
 * RFC 2142 (abuse@, postmaster@), RFC 5321 section 4.1.3 (postmaster@[address]). */
#ifndef ST_COMPLAINT_H
#define ST_COMPLAINT_H

#include <glib.h>

#include "analysis.h"
#include "body.h"
#include "settings.h"

G_BEGIN_DECLS

typedef enum {
	ST_ROLE_NETWORK,    /* the network the origin belongs to */
	ST_ROLE_SOURCE,     /* the network of the client a provider's lines record */
	ST_ROLE_RELAY,      /* an insecure relay */
	ST_ROLE_SPOOFED,    /* the owner of a forged From: domain: a victim */
	ST_ROLE_MAILBOX,    /* the provider of a reply mailbox the spammer reads */
	ST_ROLE_ADVERTISER, /* the registrar of a domain the spam advertises, or its shortener */
} StRole;

const char *st_role_to_string (StRole role);

typedef struct {
	StRole role;
	GPtrArray *to;        /* char *: addresses, no duplicates; NULL-terminated */
	char *party;          /* who we write about: an address, a host, a domain */
	char *contact_source; /* how the address was found */
	char *evidence;       /* for the note: what we saw, quoting the lines */
	int hop;              /* the hop the complaint is about, or -1 */
} StComplaint;

typedef struct {
	GPtrArray *complaints;  /* StComplaint * */
	GPtrArray *withheld;    /* char *: parties we do not write to, and why */
	GPtrArray *own_domains; /* char *: our own servers' domains, never written to */
} StPlan;

/* Decides who gets a draft for the analysed message. @reply_to and @from
 * are the message's fields (may be NULL); @mailboxes are reply addresses
 * found in the body (may be NULL). */
StPlan *st_plan_make (const StAnalysis *a, const StSettings *settings, GPtrArray *mailboxes);
void st_plan_free (StPlan *p);

/* Sends complaint @i of @plan to @address instead (an abuse contact a
 * lookup found, named by @source), unless it is an address we never write
 * to or one another complaint of the plan already goes to; says which in
 * @why when not. */
gboolean st_plan_retarget (StPlan *plan, guint i, const char *address, const char *source,
	const StSettings *settings, const char **why);

/* Adds a complaint of @role to @address, with the same rules as the plan's
 * own: never to our own or the user's addresses, never to placeholders, an
 * address once (what is left out goes to plan->withheld). Takes @evidence. */
void st_plan_add (StPlan *plan, const StSettings *settings, StRole role, const char *address,
	const char *party, const char *contact_source, char *evidence);

/* Adds the telephone numbers @body found to the evidence of every
 * complaint of @plan, one line each: E.164, as written, region, line type
 * (how each was read is in the body's JSON). A number is evidence, never
 * a recipient. Nothing when @body found none. */
void st_plan_add_phones (StPlan *plan, const StBody *body);

/* Notes a party left out, and why, for the user. */
void st_plan_withhold (StPlan *plan, const char *text);

/* TRUE when @address is a placeholder or a redacted value, not a mailbox
 * anyone reads (RFC 2606 names, "redacted", "noreply", no dot…). */
gboolean st_complaint_is_placeholder (const char *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPlan, st_plan_free)

G_END_DECLS

#endif
