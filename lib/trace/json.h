/* json.h - the analysis as JSON, for scripts and for the report tool.
 * RFC 8259. Written with json-write.h: the filter must not pay for a JSON library. */
#ifndef ST_JSON_H
#define ST_JSON_H

#include <glib.h>

#include "analysis.h"
#include "json-write.h"

G_BEGIN_DECLS

/* The analysis's members ("version", "hops": […], "origin": {…} | null, …)
 * written into the object open in @j, so that a program can add its own. */
void st_json_analysis_members (StJson *j, const StAnalysis *a, const char *program);

/* The whole analysis as one object and a newline. */
char *st_json_analysis (const StAnalysis *a, const char *program);

G_END_DECLS

#endif
