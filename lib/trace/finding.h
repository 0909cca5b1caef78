/* finding.h - one piece of evidence against a line or a relay: a reason code and its detail.
 * No RFC; the codes are ours and documented in spamtrace-filter(1). */
#ifndef ST_FINDING_H
#define ST_FINDING_H

#include <glib.h>

G_BEGIN_DECLS

/* Where a code's findings go, which decides whether they weigh. */
typedef enum {
	ST_FINDING_FORGED,   /* a line a relay did not write as it stands */
	ST_FINDING_INSECURE, /* a relay that let the message in too easily */
	ST_FINDING_NOTE,     /* worth telling, no evidence: weighs nothing */
	ST_FINDING_VERDICT,  /* a reason of the verdict that no hop carries */
} StFindingList;

/* One code: its weight in the verdict's score, its list and what it means
 * in one line. */
typedef struct {
	const char *code;
	double weight;
	StFindingList list;
	const char *meaning;
} StFindingCode;

/* The row of @code, NULL when no row has it. */
const StFindingCode *st_finding_code (const char *code);

/* Every row; their number in @n. */
const StFindingCode *st_finding_codes (gsize *n);

typedef struct {
	char *code;   /* "chain-break", "no-client-ip", … */
	char *detail; /* for people: what was compared, with the text that shows it */
} StFinding;

/* @code must be a row of the table (a programmer error otherwise). */
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
