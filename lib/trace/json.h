/* json.h - the analysis as JSON, for scripts and for the report tool.
 * RFC 8259. Written with GString: the filter must not pay for a JSON library. */
#ifndef ST_JSON_H
#define ST_JSON_H

#include <glib.h>

#include "analysis.h"

G_BEGIN_DECLS

/* Appends @s as a JSON string. Valid UTF-8 is kept; control characters
 * become \u00XX and each byte of invalid UTF-8 becomes the text \xHH. */
void st_json_string (GString *out, const char *s);

/* Appends @list (char*) as a JSON array of strings. */
void st_json_strings (GString *out, const GPtrArray *list);

/* The whole analysis: {"version", "hops": […], "origin": {…} | null, …}. */
char *st_json_analysis (const StAnalysis *a, const char *program);

G_END_DECLS

#endif
