/* offers.h - what a spam offers its reader: the mailboxes it asks replies at, the pages it sends
 * them to; and who to tell about each. RFC 5322 3.6.2 (Reply-To:), RFC 6068 (mailto:). */
#ifndef ST_OFFERS_H
#define ST_OFFERS_H

#include <glib.h>

#include "complaint.h"
#include "planner.h"

G_BEGIN_DECLS

/* Whether one more lookup about @what (for @role) may be made: there are
 * lookups at all, and [report] max-lookups is not spent (else @what is
 * withheld, ST_RULE_MAX_LOOKUPS). Counts it in @plan->lookups. */
gboolean st_offers_may_look_up (
	StPlan *plan, const StPlanner *planner, StRole role, const char *what);

/* The reply channels the message offers (Reply-To:, mailto: links, the
 * mailboxes its words ask the reader to write to): one complaint to each
 * free-mail provider's abuse desk, naming every such mailbox it hosts.
 * The rest are withheld with the rule that keeps them out. */
void st_offers_plan_mailboxes (StPlan *plan, const StPlanner *planner);

/* The landing pages: every link the reader can follow, redirectors and
 * click trackers unwrapped, ranked by the evidence that the message sends
 * its reader there (links that show a call to action, links repeated),
 * never a well-known site, the user's or the brand pretended; for the
 * first ST_OFFERS_MAX_LANDING: the registrar of a domain made for the spam,
 * the network of its web server when more than its DNS says so, the
 * shortener hiding it. Nothing without a list of well-known sites. */
void st_offers_plan_advertisers (StPlan *plan, const StPlanner *planner);

/* Landing pages looked into for one message. */
#define ST_OFFERS_MAX_LANDING 3

G_END_DECLS

#endif
