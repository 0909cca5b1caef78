/* plan-json.c - a plan as JSON: who would get what, and why not the others.
 * RFC 8259 (JSON), written by json-write.c. */
#include "config.h"

#include <gmime/gmime.h>

#include "json.h"
#include "lookup.h"
#include "planner.h"

static void
origin_json (StJson *j, const StPlan *plan)
{
	const StAnalysis *a = plan->analysis;
	const StReceived *o = st_analysis_origin (a);

	if (o == NULL) {
		st_json_null (j);
		return;
	}
	st_json_begin_object (j);
	st_json_member_int (j, "hop", a->walk.origin);
	st_json_member_str (j, "ip", o->ip);
	st_json_member_str (j, "rdns", o->rdns);
	st_json_key (j, "dnsbl");
	st_dnsbl_results_json (j, plan->dnsbl);
	st_json_end_object (j);
}

static void
drafts_json (StJson *j, const StPlan *plan)
{
	st_json_begin_array (j);
	for (guint i = 0; i < plan->complaints->len; i++) {
		const StComplaint *c = plan->complaints->pdata[i];
		st_json_begin_object (j);
		st_json_member_str (j, "role", st_role_to_string (c->role));
		st_json_member_str (j, "rule", st_rule_code (c->rule));
		st_json_key (j, "to");
		st_json_str_array (j, c->to);
		st_json_member_str (j, "party", c->party);
		st_json_member_int (j, "hop", c->hop);
		st_json_member_str (j, "contact_source", c->contact_source);
		st_json_member_str (j, "evidence", c->evidence);
		if (c->role == ST_ROLE_ACCOUNT) {
			st_json_member_str_or_null (j, "provider", c->provider);
			st_json_member_str_or_null (j, "account", c->account);
			st_json_member_str_or_null (j, "certainty", c->certainty);
		}
		st_json_end_object (j);
	}
	st_json_end_array (j);
}

static void
withheld_json (StJson *j, const StPlan *plan)
{
	st_json_begin_array (j);
	for (guint i = 0; i < plan->withheld->len; i++) {
		const StWithheld *w = plan->withheld->pdata[i];
		g_autofree char *text = st_withheld_describe (w);
		st_json_begin_object (j);
		st_json_member_str (j, "party", w->party);
		st_json_member_str (j, "role", st_role_to_string (w->role));
		st_json_member_str (j, "rule", st_rule_code (w->rule));
		st_json_member_str (j, "reason", st_rule_meaning (w->rule));
		st_json_member_str_or_null (j, "detail", w->detail);
		st_json_member_str (j, "text", text);
		st_json_end_object (j);
	}
	st_json_end_array (j);
}

void
st_plan_to_json (const StPlan *plan, const char *name, GString *out)
{
	const StField *sf = st_headers_find (plan->analysis->headers, "Subject", NULL);
	g_autofree char *raw = sf ? g_strstrip (st_field_unfold (sf)) : g_strdup ("");
	g_autofree char *subject = g_mime_utils_header_decode_text (NULL, raw);
	g_autofree char *incident = st_plan_incident (plan);
	g_autofree char *body = plan->body != NULL ? st_body_to_json (plan->body) : NULL;
	StJson j;

	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_json_member_str (&j, "input", name);
	st_json_member_str (&j, "subject", subject);
	st_json_key (&j, "origin");
	origin_json (&j, plan);
	st_json_key (&j, "forwarded");
	st_json_str_or_null (&j, plan->forwarded);
	st_json_member_bool (&j, "ham", plan->ham);
	st_json_key (&j, "drafts");
	drafts_json (&j, plan);
	st_json_key (&j, "withheld");
	withheld_json (&j, plan);
	st_json_key (&j, "landing");
	st_json_str_array (&j, plan->landing);
	st_json_key (&j, "user_provider");
	st_json_str_array (&j, st_policy_provider_domains (plan->policy));
	st_json_key (&j, "brands");
	st_json_str_array (&j, st_policy_brands (plan->policy));
	st_json_member_int (&j, "lookups", plan->lookups);
	st_json_member_str (&j, "incident", incident);
	st_json_key (&j, "lookup_failures");
	st_json_str_array (&j, plan->lookup_failures);
	st_json_key (&j, "body");
	st_json_raw (&j, body);
	st_json_end_object (&j);
}
