/* planner.h - the one planner: who should hear about a spam, in every role, and why.
 * RFC 2142 (abuse@, postmaster@), RFC 5321 section 4.1.3 (postmaster@[address]), RFC 5322
 * section 3.6.7 (trace fields), RFC 2046 section 5.2.1 (message/rfc822). */
#ifndef ST_PLANNER_H
#define ST_PLANNER_H

#include <glib.h>

#include "complaint.h"
#include "lookup.h"
#include "policy.h"
#include "settings.h"

G_BEGIN_DECLS

/* What the planner may use. Borrowed for its calls. */
typedef struct {
	const StSettings *settings; /* [report] max-drafts, max-lookups, addresses, … */
	const StWellKnown *well_known;
	StLookup *lookup;         /* NULL: no lookups (offline) */
	const char *const *dnsbl; /* zones asked about the origin, or NULL */
	gboolean force;           /* plan even what our filter judged not suspect */
} StPlanner;

/* Decides who gets a draft about the message in @len bytes of @data, which
 * must stay alive as long as the plan: the origin's network, the client a
 * provider's proven lines record, insecure relays our own lines show, the
 * provider of each reply mailbox the message offers, the registrar, web
 * host or shortener of its landing pages, and (when asked) the owner of a
 * forged From: domain; each through the recipient policy (policy.h),
 * the most credible first, at most [report] max-drafts drafts and
 * max-lookups lookups. X-Spamtrace-* fields on top are our filter's: when
 * its Suspect: says "no", nothing is planned unless @planner->force. Mail
 * the user forwarded is judged on the original it carries, or on its body
 * alone. Never fails: what could not be decided is in plan->withheld. */
StPlan *st_planner_plan (const StPlanner *planner, const char *data, gsize len);

/* An identifier of the plan's message, for the registry: its Message-ID,
 * or a hash of its header section. New string. */
char *st_plan_incident (const StPlan *plan);

/* The plan as one JSON object, appended to @out: "input" (@name),
 * "subject", "origin" (with its DNSBL answers), "forwarded", "ham",
 * "drafts" (each with "rule"), "withheld" (each with "party", "role",
 * "rule", "reason", "text"), "landing", "user_provider", "brands",
 * "lookups", "body". */
void st_plan_to_json (const StPlan *plan, const char *name, GString *out);

G_END_DECLS

#endif
