/* json-node.h - reading json-glib nodes whose shape an answer from the network may not have.
 * RFC 8259. Each accessor gives NULL when the node is missing or of another type; text is
 * measured before json-glib, whose parser recurses, sees it. */
#ifndef ST_JSON_NODE_H
#define ST_JSON_NODE_H

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects read. Real RDAP answers go
 * about 12 deep (entities in entities, vCards); json-glib's parser
 * recurses once a level, and a few hundred KB of "[" overflowed its stack. */
#define ST_JSON_MAX_DEPTH 64

/* FALSE, with ST_ERROR_NETWORK naming @what, when @text (@len bytes) is
 * longer than @max_size or nests arrays and objects deeper than
 * ST_JSON_MAX_DEPTH. Brackets inside strings do not count. A linear scan
 * with no stack of its own: run it before json_parser_load_from_data on
 * anything that came from the network. */
gboolean st_json_check_bounds (
	const char *text, gsize len, gsize max_size, const char *what, GError **error);

static inline JsonNode *
st_json_member (JsonObject *obj, const char *name)
{
	return obj != NULL ? json_object_get_member (obj, name) : NULL;
}

static inline const char *
st_json_node_string (JsonNode *node)
{
	if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
		json_node_get_value_type (node) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string (node);
}

static inline JsonArray *
st_json_node_array (JsonNode *node)
{
	return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
st_json_node_object (JsonNode *node)
{
	return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

G_END_DECLS

#endif
