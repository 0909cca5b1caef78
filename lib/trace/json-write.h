/* json-write.h - writing JSON text: strings, objects and arrays, commas placed by the writer.
 * RFC 8259. GLib only, no analysis types: every library and program writes its JSON with it. */
#ifndef ST_JSON_WRITE_H
#define ST_JSON_WRITE_H

#include <glib.h>

G_BEGIN_DECLS

/* Appends @s (NULL is "") as a JSON string. Valid UTF-8 is kept; control
 * characters become \u00XX and each byte of invalid UTF-8 becomes the text
 * \xHH. */
void st_json_string (GString *out, const char *s);

/* Appends @list (char*) as a JSON array of strings. */
void st_json_strings (GString *out, const GPtrArray *list);

/* A writer appending to a GString it does not own. It places the commas
 * and colons: a caller opens and closes containers, names a member with
 * st_json_key (), and writes values. Nesting deeper than 64 is a
 * programmer error. A stack struct: st_json_init (), no clear. */
typedef struct {
	GString *out;
	guint depth;
	guint64 filled;  /* bit d: the container at depth d has a value already */
	gboolean keyed;  /* a key was written, its value comes next */
} StJson;

void st_json_init (StJson *j, GString *out);

void st_json_begin_object (StJson *j);
void st_json_end_object (StJson *j);
void st_json_begin_array (StJson *j);
void st_json_end_array (StJson *j);

/* Names the next value, in an object. */
void st_json_key (StJson *j, const char *key);

/* Values: a string (NULL is ""), a string or null, integers, booleans,
 * null, a number with @decimals digits after the point, an array of
 * strings, and text already written as one JSON value (NULL is null). */
void st_json_str (StJson *j, const char *s);
void st_json_str_or_null (StJson *j, const char *s);
void st_json_int (StJson *j, gint64 v);
void st_json_uint (StJson *j, guint64 v);
void st_json_bool (StJson *j, gboolean v);
void st_json_null (StJson *j);
void st_json_fixed (StJson *j, double v, int decimals);
void st_json_str_array (StJson *j, const GPtrArray *list);
void st_json_raw (StJson *j, const char *json);

/* A member in one call: st_json_key () then the value. */
void st_json_member_str (StJson *j, const char *key, const char *s);
void st_json_member_str_or_null (StJson *j, const char *key, const char *s);
void st_json_member_int (StJson *j, const char *key, gint64 v);
void st_json_member_bool (StJson *j, const char *key, gboolean v);

G_END_DECLS

#endif
