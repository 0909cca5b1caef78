/* tag.h - our X-Spamtrace-* header fields: safe values, folding, the set we add.
 * RFC 5322 section 2.2.3 (folding, 78 columns), section 3.2.2 (no bare CR or LF). */
#ifndef ST_TAG_H
#define ST_TAG_H

#include <glib.h>

#include "ours.h"

#include "analysis.h"

G_BEGIN_DECLS

/* Longest value we copy from a message into a field, after escaping; our
 * own explanations (which quote the message) may run longer. */
#define ST_TAG_MAX_VALUE 200
#define ST_TAG_MAX_TEXT 600

/* Appends @value to @out so that it cannot leave its place in a
 * "key=value; key=value" field: printable ASCII stays, everything else
 * (and ";", "\" and, unless @keep_spaces, the space) becomes \xHH. Values
 * longer than ST_TAG_MAX_VALUE (our own text, with @keep_spaces:
 * ST_TAG_MAX_TEXT) end in "...". */
void st_tag_escape (GString *out, const char *value, gboolean keep_spaces);

/* Builds one field of "; "-separated items. */
typedef struct {
	char *name;
	GString *value;
} StTagField;

void st_tag_field_init (StTagField *f, const char *name);
void st_tag_field_clear (StTagField *f);
/* a word of ours, written as is */
void st_tag_field_word (StTagField *f, const char *word);
/* key=value with a value taken from the message: escaped */
void st_tag_field_pair (StTagField *f, const char *key, const char *value);
/* key=value with our own text: spaces kept, still escaped */
void st_tag_field_text (StTagField *f, const char *key, const char *text);
void st_tag_field_int (StTagField *f, const char *key, gint64 value);
/* Appends "Name: value" folded at 78 columns, lines ending in @eol. */
void st_tag_field_write (const StTagField *f, GString *out, const char *eol);

/* Appends the fields for @a: Version, Origin, Trust (and Renamed). */
void st_tag_write_analysis (
	const StAnalysis *a, const char *program, GString *out, const char *eol);

/* Appends "X-Spamtrace-Error: code" for a message we could not analyse. */
void st_tag_write_error (const char *program, const char *code, GString *out, const char *eol);

G_END_DECLS

#endif
