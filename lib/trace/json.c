/* json.c - the analysis as JSON, for scripts and for the report tool.
 * RFC 8259; the text is written by json-write.c. */
#include "config.h"

#include <string.h>

#include "finding.h"
#include "json.h"

static void
findings_json (StJson *j, const char *key, const GPtrArray *list)
{
	st_json_key (j, key);
	st_json_begin_array (j);
	for (guint k = 0; k < list->len; k++) {
		const StFinding *f = list->pdata[k];
		st_json_begin_object (j);
		st_json_member_str (j, "code", f->code);
		st_json_member_str (j, "detail", f->detail);
		st_json_end_object (j);
	}
	st_json_end_array (j);
}

static void
hop_json (StJson *j, const StHop *h)
{
	const StReceived *r = h->line;

	st_json_begin_object (j);
	st_json_member_bool (j, "relay", r->kind == ST_RECEIVED_RELAY);
	st_json_member_str (j, "ip", r->ip);
	st_json_member_str (j, "rdns", r->rdns);
	st_json_member_str (j, "helo", r->helo);
	st_json_member_str (j, "ident", r->ident);
	st_json_member_str (j, "auth", r->auth);
	st_json_member_str (j, "auth_user", r->auth_user);
	st_json_member_str (j, "by", r->by);
	st_json_member_str (j, "with", r->with);
	st_json_member_str (j, "id", r->id);
	st_json_member_str (j, "for", r->for_addr);
	st_json_member_str (j, "envfrom", r->envfrom);
	st_json_member_str (j, "date", r->date);
	st_json_member_bool (j, "sender_trusted", h->trusted);
	st_json_member_str (j, "judgement", st_judgement_to_string (h->judged.judgement));
	findings_json (j, "forged", h->judged.forged);
	findings_json (j, "insecure", h->judged.insecure);
	findings_json (j, "notes", h->judged.notes);
	st_json_member_str (j, "kind", st_received_kind_to_string (r->kind));
	st_json_member_str (j, "dialect", r->dialect);
	st_json_member_str (j, "via", r->via);
	st_json_member_str (j, "by_ip", r->by_ip);
	g_autofree char *flags = st_received_flags_to_string (r->flags);
	g_auto (GStrv) names = g_strsplit (flags, ",", -1);
	st_json_key (j, "flags");
	st_json_begin_array (j);
	for (guint k = 0; names[k] != NULL && names[k][0] != '\0'; k++)
		st_json_str (j, names[k]);
	st_json_end_array (j);
	st_json_member_str (j, "trust", h->why);
	st_json_member_str (j, "raw", r->raw);
	st_json_end_object (j);
}

/* The origin, the trust boundary and the source the complaint goes to. */
static void
origin_json (StJson *j, const StAnalysis *a)
{
	const StReceived *o = st_analysis_origin (a);

	st_json_key (j, "origin");
	if (o != NULL) {
		st_json_begin_object (j);
		st_json_member_int (j, "hop", a->walk.origin);
		st_json_member_str (j, "ip", o->ip);
		st_json_member_str (j, "rdns", o->rdns);
		st_json_member_str (j, "helo", o->helo);
		st_json_member_str (j, "by", o->by);
		st_json_member_str (j, "date", o->date);
		st_json_member_str (j, "hint", a->walk.hint);
		st_json_end_object (j);
	} else {
		st_json_null (j);
	}
	st_json_member_str (j, "reason", a->walk.reason);
	st_json_key (j, "trust");
	st_json_begin_object (j);
	st_json_member_int (j, "trusted", a->walk.trusted);
	st_json_member_str (j, "boundary", a->walk.boundary);
	st_json_end_object (j);
	st_json_member_str (j, "hint", a->walk.hint);
	st_json_member_str (j, "gateway", a->walk.gateway);

	st_json_key (j, "source");
	if (a->source.hop >= 0) {
		const StReceived *s = a->hop[a->source.hop].line;
		st_json_begin_object (j);
		st_json_member_int (j, "hop", a->source.hop);
		st_json_member_str (j, "ip", s->ip);
		st_json_member_str (j, "rdns", s->rdns);
		st_json_member_str (j, "helo", s->helo);
		st_json_member_str (j, "why", a->source.why);
		st_json_end_object (j);
	} else {
		st_json_null (j);
	}
	st_json_member_bool (j, "source_hidden", a->source.hidden);
	st_json_member_str (j, "source_note", a->source.hidden ? a->source.why : "");
	st_json_member_str (j, "source_provider", a->source.provider);
}

static void
auth_verdict_json (StJson *j, const StAnalysis *a)
{
	st_json_key (j, "auth");
	st_json_begin_object (j);
	st_json_member_str (j, "authserv_id", a->auth.authserv_id);
	st_json_member_str (j, "spf", a->auth.spf);
	st_json_member_str (j, "dkim", a->auth.dkim);
	st_json_member_str (j, "dmarc", a->auth.dmarc);
	st_json_member_str (j, "arc", a->auth.arc);
	st_json_member_str (j, "from_domain", a->auth.from_domain);
	st_json_member_bool (j, "from_forged", a->auth.from_forged);
	st_json_member_str (j, "from_forged_why", a->auth.from_forged_why);
	st_json_end_object (j);
	st_json_key (j, "verdict");
	st_json_begin_object (j);
	st_json_member_bool (j, "suspect", a->verdict.suspect);
	st_json_key (j, "score");
	st_json_fixed (j, a->verdict.score, 1);
	st_json_key (j, "reasons");
	st_json_str_array (j, a->verdict.reasons);
	st_json_key (j, "filters");
	st_json_str_array (j, a->verdict.filters);
	st_json_end_object (j);
}

void
st_json_analysis_members (StJson *j, const StAnalysis *a, const char *program)
{
	g_autofree char *version = g_strdup_printf ("%s %s", program, PACKAGE_VERSION);

	st_json_member_str (j, "version", version);
	st_json_key (j, "hops");
	st_json_begin_array (j);
	for (guint i = 0; i < a->n_hops; i++)
		hop_json (j, &a->hop[i]);
	st_json_end_array (j);
	origin_json (j, a);
	auth_verdict_json (j, a);
	st_json_member_str (j, "webmail_client", a->webmail_ip);
	st_json_member_str (j, "webmail_why", a->webmail_why);
	st_json_member_int (j, "renamed", a->renamed);
	st_json_member_bool (j, "headers_truncated", a->truncated);
	st_json_member_int (j, "hops_not_read", a->hops_dropped);
}

char *
st_json_analysis (const StAnalysis *a, const char *program)
{
	GString *out = g_string_new (NULL);
	StJson j;

	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_json_analysis_members (&j, a, program);
	st_json_end_object (&j);
	g_string_append_c (out, '\n');
	return g_string_free (out, FALSE);
}
