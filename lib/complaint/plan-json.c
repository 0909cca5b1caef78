/* plan-json.c - a plan as JSON: who would get what, and why not the others.
 * RFC 8259 (JSON), through json.c's string writer. */
#include "config.h"

#include <gmime/gmime.h>

#include "json.h"
#include "lookup.h"
#include "planner.h"

static void
key (GString *j, const char *name)
{
	g_string_append_c (j, ',');
	st_json_string (j, name);
	g_string_append_c (j, ':');
}

static void
string_or_null (GString *j, const char *value)
{
	if (value != NULL)
		st_json_string (j, value);
	else
		g_string_append (j, "null");
}

static void
strings (GString *j, const GPtrArray *list)
{
	g_string_append_c (j, '[');
	for (guint i = 0; list != NULL && i < list->len; i++) {
		if (i > 0)
			g_string_append_c (j, ',');
		st_json_string (j, list->pdata[i]);
	}
	g_string_append_c (j, ']');
}

static void
origin_json (GString *j, const StPlan *plan)
{
	const StAnalysis *a = plan->analysis;
	const StReceived *o = st_analysis_origin (a);

	if (o == NULL) {
		g_string_append (j, "null");
		return;
	}
	g_string_append_printf (j, "{\"hop\":%d,\"ip\":", a->walk.origin);
	st_json_string (j, o->ip);
	key (j, "rdns");
	st_json_string (j, o->rdns);
	key (j, "dnsbl");
	st_dnsbl_results_json (j, plan->dnsbl);
	g_string_append_c (j, '}');
}

static void
drafts_json (GString *j, const StPlan *plan)
{
	g_string_append_c (j, '[');
	for (guint i = 0; i < plan->complaints->len; i++) {
		const StComplaint *c = plan->complaints->pdata[i];
		g_string_append (j, i > 0 ? ",{\"role\":" : "{\"role\":");
		st_json_string (j, st_role_to_string (c->role));
		key (j, "rule");
		st_json_string (j, st_rule_code (c->rule));
		key (j, "to");
		st_json_strings (j, c->to);
		key (j, "party");
		st_json_string (j, c->party);
		g_string_append_printf (j, ",\"hop\":%d", c->hop);
		key (j, "contact_source");
		st_json_string (j, c->contact_source);
		key (j, "evidence");
		st_json_string (j, c->evidence);
		if (c->role == ST_ROLE_ACCOUNT) {
			key (j, "provider");
			string_or_null (j, c->provider);
			key (j, "account");
			string_or_null (j, c->account);
			key (j, "certainty");
			string_or_null (j, c->certainty);
		}
		g_string_append_c (j, '}');
	}
	g_string_append_c (j, ']');
}

static void
withheld_json (GString *j, const StPlan *plan)
{
	g_string_append_c (j, '[');
	for (guint i = 0; i < plan->withheld->len; i++) {
		const StWithheld *w = plan->withheld->pdata[i];
		g_autofree char *text = st_withheld_describe (w);
		g_string_append (j, i > 0 ? ",{\"party\":" : "{\"party\":");
		st_json_string (j, w->party);
		key (j, "role");
		st_json_string (j, st_role_to_string (w->role));
		key (j, "rule");
		st_json_string (j, st_rule_code (w->rule));
		key (j, "reason");
		st_json_string (j, st_rule_meaning (w->rule));
		key (j, "detail");
		string_or_null (j, w->detail);
		key (j, "text");
		st_json_string (j, text);
		g_string_append_c (j, '}');
	}
	g_string_append_c (j, ']');
}

void
st_plan_to_json (const StPlan *plan, const char *name, GString *j)
{
	const StField *sf = st_headers_find (plan->analysis->headers, "Subject", NULL);
	g_autofree char *raw = sf ? g_strstrip (st_field_unfold (sf)) : g_strdup ("");
	g_autofree char *subject = g_mime_utils_header_decode_text (NULL, raw);

	g_string_append (j, "{\"input\":");
	st_json_string (j, name);
	key (j, "subject");
	st_json_string (j, subject);
	key (j, "origin");
	origin_json (j, plan);
	key (j, "forwarded");
	string_or_null (j, plan->forwarded);
	g_string_append_printf (j, ",\"ham\":%s", plan->ham ? "true" : "false");
	key (j, "drafts");
	drafts_json (j, plan);
	key (j, "withheld");
	withheld_json (j, plan);
	key (j, "landing");
	strings (j, plan->landing);
	key (j, "user_provider");
	strings (j, st_policy_provider_domains (plan->policy));
	key (j, "brands");
	strings (j, st_policy_brands (plan->policy));
	g_string_append_printf (j, ",\"lookups\":%u", plan->lookups);
	key (j, "incident");
	{
		g_autofree char *incident = st_plan_incident (plan);
		st_json_string (j, incident);
	}
	key (j, "lookup_failures");
	strings (j, plan->lookup_failures);
	key (j, "body");
	if (plan->body != NULL) {
		g_autofree char *bj = st_body_to_json (plan->body);
		g_string_append (j, bj);
	} else {
		g_string_append (j, "null");
	}
	g_string_append_c (j, '}');
}
