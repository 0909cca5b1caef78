/* finding.c - one piece of evidence against a line or a relay: a reason code and its detail.
 * No RFC. */
#include "config.h"

#include <string.h>

#include "finding.h"

StFinding *
st_finding_new (const char *code, const char *detail)
{
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
	g_ptr_array_add (list, st_finding_new (code, detail));
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
