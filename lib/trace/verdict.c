/* verdict.c - is this message suspect? A score from the evidence, with its reasons.
 * SpamAssassin's X-Spam-Flag/X-Spam-Status, rspamd's X-Rspamd-Action and X-Spam,
 * Microsoft's SCL (X-MS-Exchange-Organization-SCL, X-Forefront-Antispam-Report). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "verdict.h"

/* How much a reason weighs: its row in finding.c. */
static double
weight_of (const char *code)
{
	const StFindingCode *row = st_finding_code (code);
	g_return_val_if_fail (row != NULL, 0);
	return row->weight;
}

/* each reason counts once, however many lines show it */
static void
add_reason (StVerdict *v, const char *code)
{
	for (guint i = 0; i < v->reasons->len; i++)
		if (g_str_equal (v->reasons->pdata[i], code))
			return;
	g_ptr_array_add (v->reasons, g_strdup (code));
	v->score += weight_of (code);
}

/* The index after the last of the message's own fields. */
static guint
tail_of (const StHeaders *h)
{
	guint tail = 0;
	for (guint i = 0; i < h->fields->len; i++)
		if (st_field_is_message_own (&g_array_index (h->fields, StField, i)))
			tail = i + 1;
	return tail;
}

/* Our servers' verdicts: the fields above @limit, and those appended after
 * the message's own fields. A sender gains nothing by calling its own mail
 * spam, and only the verdicts that say spam are counted. */
static void
read_filters (const StHeaders *h, guint limit, StVerdict *v)
{
	guint tail = tail_of (h);
	for (guint i = 0; i < h->fields->len; i++) {
		if (i >= limit && (i < tail || tail <= limit))
			continue;
		const StField *f = &g_array_index (h->fields, StField, i);
		g_autofree char *val = NULL;
		const char *what = NULL;

		if (st_field_is (f, "X-Spam-Flag")) {
			val = g_strstrip (st_field_unfold (f));
			if (g_ascii_strncasecmp (val, "YES", 3) == 0)
				what = "SpamAssassin: X-Spam-Flag: YES";
		} else if (st_field_is (f, "X-Spam-Status")) {
			val = g_strstrip (st_field_unfold (f));
			if (g_ascii_strncasecmp (val, "Yes", 3) == 0)
				what = "SpamAssassin: X-Spam-Status: Yes";
		} else if (st_field_is (f, "X-Rspamd-Action") || st_field_is (f, "X-Spam-Action")) {
			val = g_strstrip (st_field_unfold (f));
			if (g_ascii_strcasecmp (val, "no action") != 0 && val[0] != '\0' &&
				g_ascii_strcasecmp (val, "greylist") != 0)
				what = "rspamd: action";
		} else if (st_field_is (f, "X-Spam")) {
			val = g_strstrip (st_field_unfold (f));
			if (g_ascii_strncasecmp (val, "Yes", 3) == 0)
				what = "X-Spam: Yes";
		} else if (st_field_is (f, "X-MS-Exchange-Organization-SCL") ||
			   st_field_is (f, "X-Forefront-Antispam-Report") ||
			   st_field_is (f, "X-Microsoft-Antispam")) {
			val = st_field_unfold (f);
			const char *p = st_field_is (f, "X-MS-Exchange-Organization-SCL")
						? val
						: strstr (val, "SCL:");
			if (p != NULL) {
				if (g_str_has_prefix (p, "SCL:"))
					p += 4;
				while (*p == ' ')
					p++;
				int scl = atoi (p);
				/* Microsoft: 5 and above is spam, 9 high confidence */
				if (scl >= 5 && scl <= 9)
					what = "Microsoft: SCL of 5 or more";
			}
		}
		if (what != NULL) {
			g_ptr_array_add (v->filters,
				i >= limit ? g_strdup_printf (
						     "%s (appended at the end of the header)", what)
					   : g_strdup (what));
			add_reason (v, "spam-verdict");
		}
	}
}

void
st_verdict_compute (const StHeaders *h, guint limit, const StHop *hop, guint n,
	const StAuthSummary *auth, double threshold, StVerdict *out)
{
	memset (out, 0, sizeof *out);
	out->reasons = g_ptr_array_new_with_free_func (g_free);
	out->filters = g_ptr_array_new_with_free_func (g_free);

	for (guint i = 0; i < n; i++) {
		const StHopJudgement *j = &hop[i].judged;
		for (guint k = 0; k < j->forged->len; k++)
			add_reason (out, ((StFinding *)j->forged->pdata[k])->code);
		for (guint k = 0; k < j->insecure->len; k++)
			add_reason (out, ((StFinding *)j->insecure->pdata[k])->code);
	}
	if (auth != NULL) {
		if (g_str_equal (auth->dmarc, "fail"))
			add_reason (out, "dmarc-fail");
		else if (auth->from_forged)
			add_reason (out, "from-forged");
		if (g_str_equal (auth->spf, "fail"))
			add_reason (out, "spf-fail");
		else if (g_str_equal (auth->spf, "softfail"))
			add_reason (out, "spf-softfail");
		if (g_str_equal (auth->dkim, "fail"))
			add_reason (out, "dkim-fail");
	}
	read_filters (h, limit, out);
	out->suspect = out->score >= threshold;
}

void
st_verdict_clear (StVerdict *v)
{
	if (v->reasons)
		g_ptr_array_free (v->reasons, TRUE);
	if (v->filters)
		g_ptr_array_free (v->filters, TRUE);
	memset (v, 0, sizeof *v);
}
