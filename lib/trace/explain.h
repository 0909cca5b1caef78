/* explain.h - the analysis for a person: the hop table and the reasoning, with evidence.
 * No RFC; the text is ours. */
#ifndef ST_EXPLAIN_H
#define ST_EXPLAIN_H

#include <glib.h>

#include "analysis.h"

G_BEGIN_DECLS

/* A printable form of message text for a terminal: control characters and
 * invalid UTF-8 become \xHH, at most @max bytes (then "..."). New string. */
char *st_explain_safe (const char *text, gsize max);

/* The report on @a, lines ending in "\n". New string. */
char *st_explain_analysis (const StAnalysis *a, const char *program);

G_END_DECLS

#endif
