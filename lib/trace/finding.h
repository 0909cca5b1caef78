/* finding.h - one piece of evidence against a line or a relay: a reason code and its detail.
 * No RFC; the codes are ours and documented in spamtrace-filter(1). */
#ifndef ST_FINDING_H
#define ST_FINDING_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
	char *code;   /* "chain-break", "no-client-ip", … */
	char *detail; /* for people: what was compared, with the text that shows it */
} StFinding;

StFinding *st_finding_new (const char *code, const char *detail);
void st_finding_free (StFinding *f);

/* Appends a new finding to @list (a GPtrArray owning StFinding). */
void st_finding_add (GPtrArray *list, const char *code, const char *format, ...)
	G_GNUC_PRINTF (3, 4);

/* A new GPtrArray that frees its StFinding elements. */
GPtrArray *st_finding_list_new (void);

gboolean st_finding_list_has (const GPtrArray *list, const char *code);

G_END_DECLS

#endif
