/* finding.c - one piece of evidence against a line or a relay: a reason code and its detail.
 * No RFC. */
#include "config.h"

#include <string.h>

#include "finding.h"

/* Every code we write: X-Spamtrace-Forged and -Insecure carry the first
 * two lists, --explain and --json the notes too, X-Spamtrace-Suspect the
 * reasons. The weights are those of spamtrace-filter(1). */
static const StFindingCode codes[] = {
	{ "invalid-ip", 3.0, ST_FINDING_FORGED, "an address that cannot exist" },
	{ "reserved-ip", 3.0, ST_FINDING_FORGED, "a client in a range no one can send from" },
	{ "chain-break", 3.0, ST_FINDING_FORGED, "the line's receiver is not the client of the line above" },
	{ "time-travel", 3.0, ST_FINDING_FORGED, "a date that cannot be, or far after the line above" },
	{ "helo-impersonation", 3.0, ST_FINDING_FORGED, "a HELO naming a host the client is not" },
	{ "out-of-block", 3.0, ST_FINDING_FORGED, "a provider's server name on an address outside its networks" },
	{ "unparseable", 3.0, ST_FINDING_FORGED, "a line below the origin that no server writes" },
	{ "shape-mismatch", 3.0, ST_FINDING_FORGED, "a line claiming a provider's server in a shape it never writes" },
	{ "no-client-ip", 1.0, ST_FINDING_INSECURE, "the origin's relay did not record its client's address" },
	{ "open-relay", 1.5, ST_FINDING_INSECURE, "a relay took mail for others from a client that did not log in" },
	{ "private-ip", 0, ST_FINDING_NOTE, "a client in a private range" },
	{ "loopback", 0, ST_FINDING_NOTE, "a client on the loopback address" },
	{ "chain-mismatch", 0, ST_FINDING_NOTE, "the receiver's name differs from the client above, in one organisation" },
	{ "clock-skew", 0, ST_FINDING_NOTE, "a date somewhat out of line with the line above" },
	{ "bad-date", 0, ST_FINDING_NOTE, "a date that cannot be read" },
	{ "helo-private-literal", 0, ST_FINDING_NOTE, "a HELO that is a private address literal" },
	{ "may-be-forged", 0, ST_FINDING_NOTE, "Sendmail's rDNS did not confirm the client" },
	{ "unparsed", 0, ST_FINDING_NOTE, "a line in our part of the chain that we cannot read" },
	{ "dmarc-fail", 3.0, ST_FINDING_VERDICT, "our server's DMARC check failed" },
	{ "from-forged", 3.0, ST_FINDING_VERDICT, "the From: domain was not the sender's" },
	{ "spf-fail", 1.0, ST_FINDING_VERDICT, "our server's SPF check failed" },
	{ "spf-softfail", 0.5, ST_FINDING_VERDICT, "our server's SPF check soft-failed" },
	{ "dkim-fail", 1.0, ST_FINDING_VERDICT, "our server's DKIM check failed" },
	{ "spam-verdict", 5.0, ST_FINDING_VERDICT, "a spam filter of ours said spam" },
};

const StFindingCode *
st_finding_code (const char *code)
{
	for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (codes); i++)
		if (strcmp (codes[i].code, code) == 0)
			return &codes[i];
	return NULL;
}

const StFindingCode *
st_finding_codes (gsize *n)
{
	*n = G_N_ELEMENTS (codes);
	return codes;
}

StFinding *
st_finding_new (const char *code, const char *detail)
{
	g_return_val_if_fail (st_finding_code (code) != NULL, NULL);
	StFinding *f = g_new0 (StFinding, 1);
	f->code = g_strdup (code);
	f->detail = g_strdup (detail != NULL ? detail : "");
	return f;
}

void
st_finding_free (StFinding *f)
{
	if (f == NULL)
		return;
	g_free (f->code);
	g_free (f->detail);
	g_free (f);
}

void
st_finding_add (GPtrArray *list, const char *code, const char *format, ...)
{
	va_list ap;
	va_start (ap, format);
	g_autofree char *detail = g_strdup_vprintf (format, ap);
	va_end (ap);
	StFinding *f = st_finding_new (code, detail);
	if (f != NULL)
		g_ptr_array_add (list, f);
}

GPtrArray *
st_finding_list_new (void)
{
	return g_ptr_array_new_with_free_func ((GDestroyNotify)st_finding_free);
}

gboolean
st_finding_list_has (const GPtrArray *list, const char *code)
{
	for (guint i = 0; i < list->len; i++)
		if (strcmp (((StFinding *)list->pdata[i])->code, code) == 0)
			return TRUE;
	return FALSE;
}
