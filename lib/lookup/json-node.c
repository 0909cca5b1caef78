/* json-node.c - reading json-glib nodes whose shape an answer from the network may not have.
 * RFC 8259 sections 2 (arrays and objects nest) and 9 (a parser may limit the depth). */
#include "config.h"

#include "error.h"
#include "json-node.h"

gboolean
st_json_check_bounds (const char *text, gsize len, gsize max_size, const char *what, GError **error)
{
	gboolean in_string = FALSE;
	guint depth = 0;

	if (len > max_size) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
			"%s is longer than %" G_GSIZE_FORMAT " bytes", what, max_size);
		return FALSE;
	}
	for (gsize i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\')
				i++; /* the escaped character, a quote included */
			else if (c == '"')
				in_string = FALSE;
			continue;
		}
		if (c == '"') {
			in_string = TRUE;
		} else if (c == '[' || c == '{') {
			if (++depth > ST_JSON_MAX_DEPTH) {
				g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
					"%s nests deeper than %u arrays and objects (at byte "
					"%" G_GSIZE_FORMAT ")",
					what, ST_JSON_MAX_DEPTH, i);
				return FALSE;
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return TRUE;
}
