/* rdap.c - RDAP: fetching an answer, and the contacts and network it names.
 * RFC 7480 section 4, RFC 9083 sections 4-6, RFC 7095, RFC 9537, ICANN gTLD RDAP profile 2.4. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "destination.h"
#include "error.h"
#include "ip.h"
#include "json-node.h"
#include "ip.h"
#include "rdap.h"

/* Entities nest (ARIN: network -> org -> POCs; gTLD: domain -> registrar ->
 * abuse); real answers go three deep. The bound keeps hostile input finite. */
#define MAX_ENTITY_DEPTH 8

typedef struct {
	StRdapResult *r;
	const char *source;
} Ctx;

static const char *const kind_names[] = {
	[ST_RDAP_KIND_IP_NETWORK] = "ip network",
	[ST_RDAP_KIND_AUTNUM] = "autnum",
	[ST_RDAP_KIND_DOMAIN] = "domain",
	[ST_RDAP_KIND_NAMESERVER] = "nameserver",
	[ST_RDAP_KIND_ENTITY] = "entity",
	[ST_RDAP_KIND_SEARCH] = "search results",
};

const char *
st_rdap_kind_name (StRdapKind kind)
{
	g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), "");
	return kind_names[kind];
}

/* json-glib's typed getters warn on a type mismatch; answers are untrusted,
 * so every access goes through these, which return NULL instead. */
static char *
member_dup (JsonObject *obj, const char *name)
{
	const char *s = st_json_node_string (st_json_member (obj, name));
	return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
}

/* TRUE when the string @node, or any string in the array @node, equals @word. */
static gboolean
node_has_word (JsonNode *node, const char *word)
{
	JsonArray *a = st_json_node_array (node);
	const char *s = st_json_node_string (node);

	if (s != NULL)
		return g_ascii_strcasecmp (s, word) == 0;
	for (guint i = 0; a != NULL && i < json_array_get_length (a); i++) {
		s = st_json_node_string (json_array_get_element (a, i));
		if (s != NULL && g_ascii_strcasecmp (s, word) == 0)
			return TRUE;
	}
	return FALSE;
}

/* The jCard properties of an entity: vcardArray = ["vcard", [[name, params, type, value], …]]. */
static JsonArray *
vcard_properties (JsonObject *entity)
{
	JsonArray *v = st_json_node_array (st_json_member (entity, "vcardArray"));

	if (v == NULL || json_array_get_length (v) < 2)
		return NULL;
	return st_json_node_array (json_array_get_element (v, 1));
}

static const char *
property_name (JsonArray *prop)
{
	return json_array_get_length (prop) >= 4
		       ? st_json_node_string (json_array_get_element (prop, 0))
		       : NULL;
}

/* RIPE marks its abuse-mailbox with {"type": "abuse"}; APNIC marks it with
 * {"pref": "1"} in irt objects (IRT-HKBN-HK lists hostmaster@ first and the
 * abuse-mailbox second, with pref 1). Elsewhere pref is only the vCard
 * preference, so it counts inside an abuse entity alone. */
static gboolean
email_is_marked_abuse (JsonArray *prop, gboolean abuse_entity)
{
	JsonObject *params = st_json_node_object (json_array_get_element (prop, 1));
	JsonNode *pref;

	if (params == NULL)
		return FALSE;
	if (node_has_word (st_json_member (params, "type"), "abuse"))
		return TRUE;
	pref = st_json_member (params, "pref");
	if (abuse_entity && pref != NULL && JSON_NODE_HOLDS_VALUE (pref)) {
		if (json_node_get_value_type (pref) == G_TYPE_INT64)
			return json_node_get_int (pref) == 1;
		return g_strcmp0 (st_json_node_string (pref), "1") == 0;
	}
	return FALSE;
}

static const char *
vcard_text (JsonArray *props, const char *name)
{
	for (guint i = 0; props != NULL && i < json_array_get_length (props); i++) {
		JsonArray *prop = st_json_node_array (json_array_get_element (props, i));
		const char *pname = prop != NULL ? property_name (prop) : NULL;
		if (pname != NULL && g_ascii_strcasecmp (pname, name) == 0)
			return st_json_node_string (json_array_get_element (prop, 3));
	}
	return NULL;
}

static gboolean
roles_have (JsonArray *roles, const char *role)
{
	for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
		if (node_has_word (json_array_get_element (roles, i), role))
			return TRUE;
	return FALSE;
}

/* The entity's roles as "a,b,c"; "abuse" first when @add_abuse and absent. */
static char *
join_roles (JsonArray *roles, gboolean add_abuse)
{
	g_autoptr (GString) out = g_string_new (NULL);

	if (add_abuse && !roles_have (roles, "abuse"))
		g_string_append (out, "abuse");
	for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++) {
		const char *s = st_json_node_string (json_array_get_element (roles, i));
		if (s == NULL || s[0] == '\0' || strchr (s, ',') != NULL)
			continue;
		if (out->len > 0)
			g_string_append_c (out, ',');
		g_string_append (out, s);
	}
	return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
reject (Ctx *ctx, const char *text, StContactScope scope, const char *role, const char *reason)
{
	StContact *c = st_contact_new (text, scope, ctx->source, ST_CONFIDENCE_LOW, role);
	st_contact_set_note (c, reason);
	st_contact_list_take (ctx->r->rejected, c);
}

static void
registrar_details (Ctx *ctx, JsonObject *entity, JsonArray *props)
{
	JsonArray *ids = st_json_node_array (st_json_member (entity, "publicIds"));

	if (ctx->r->registrar == NULL) {
		const char *fn = vcard_text (props, "fn");
		if (fn != NULL && fn[0] != '\0')
			ctx->r->registrar = g_strdup (fn);
	}
	for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++) {
		JsonObject *id = st_json_node_object (json_array_get_element (ids, i));
		const char *type = st_json_node_string (st_json_member (id, "type"));
		if (ctx->r->registrar_iana_id == NULL && type != NULL &&
			g_ascii_strcasecmp (type, "IANA Registrar ID") == 0)
			ctx->r->registrar_iana_id = member_dup (id, "identifier");
	}
}

/* RFC 9083 section 4.3: remarks, free text in lines; some registries say
 * there where abuse reports go ("please submit abuse reports to …"). */
static void
collect_remarks (Ctx *ctx, JsonObject *obj, StContactScope scope)
{
	JsonArray *remarks = st_json_node_array (st_json_member (obj, "remarks"));

	for (guint i = 0; remarks != NULL && i < json_array_get_length (remarks); i++) {
		JsonObject *remark = st_json_node_object (json_array_get_element (remarks, i));
		JsonArray *lines = st_json_node_array (st_json_member (remark, "description"));
		g_autoptr (GString) text = g_string_new (NULL);
		for (guint k = 0; lines != NULL && k < json_array_get_length (lines); k++) {
			const char *line = st_json_node_string (json_array_get_element (lines, k));
			if (line != NULL)
				g_string_append_printf (text, "%s\n", line);
		}
		st_contact_list_add_remark (ctx->r->contacts, text->str, scope, ctx->source);
	}
}

/* Confidence of one address, by what the entity says of it:
 *   marked abuse (RIPE type=abuse, APNIC pref=1)          high
 *   in an abuse entity that marks none of its addresses   high
 *   in an abuse entity, beside a marked one               medium (RIPE lists ops@ there too)
 *   the registrar's own address                           medium
 *   an abuse@ mailbox in any other entity                 medium (AFRINIC orgs carry it)
 *   anything else                                         low */
static void
collect_entity (
	Ctx *ctx, JsonObject *entity, StContactScope scope, gboolean domain_context, guint depth)
{
	JsonArray *roles = st_json_node_array (st_json_member (entity, "roles"));
	JsonArray *props = vcard_properties (entity);
	JsonArray *children;
	gboolean abuse_entity = roles_have (roles, "abuse");
	gboolean marked_any = FALSE;

	if (domain_context && roles_have (roles, "registrar")) {
		scope = ST_CONTACT_SCOPE_REGISTRAR;
		registrar_details (ctx, entity, props);
	}

	for (guint i = 0; props != NULL && i < json_array_get_length (props); i++) {
		JsonArray *prop = st_json_node_array (json_array_get_element (props, i));
		const char *pname = prop != NULL ? property_name (prop) : NULL;
		if (pname != NULL && g_ascii_strcasecmp (pname, "email") == 0 &&
			email_is_marked_abuse (prop, abuse_entity))
			marked_any = TRUE;
	}

	for (guint i = 0; props != NULL && i < json_array_get_length (props); i++) {
		JsonArray *prop = st_json_node_array (json_array_get_element (props, i));
		const char *pname = prop != NULL ? property_name (prop) : NULL;
		const char *value, *reason = NULL;
		g_autofree char *address = NULL;
		g_autofree char *role = NULL;
		gboolean marked;
		StConfidence confidence;
		StContact *c;

		if (pname == NULL || g_ascii_strcasecmp (pname, "email") != 0)
			continue;
		value = st_json_node_string (json_array_get_element (prop, 3));
		marked = email_is_marked_abuse (prop, abuse_entity);
		role = join_roles (roles, marked);
		if (value == NULL || value[0] == '\0')
			continue;
		address = st_contact_address_clean (value);
		if (address == NULL) {
			reject (ctx, value, scope, role, "not an address");
			continue;
		}
		if (!st_contact_address_usable (address, &reason)) {
			reject (ctx, address, scope, role, reason);
			continue;
		}

		if (marked || (abuse_entity && !marked_any))
			confidence = ST_CONFIDENCE_HIGH;
		else if (abuse_entity || scope == ST_CONTACT_SCOPE_REGISTRAR ||
			 g_ascii_strncasecmp (address, "abuse", 5) == 0)
			confidence = ST_CONFIDENCE_MEDIUM;
		else
			confidence = ST_CONFIDENCE_LOW;
		c = st_contact_new (address, scope, ctx->source, confidence, role);
		if (!abuse_entity && !marked && g_ascii_strncasecmp (address, "abuse", 5) == 0)
			st_contact_set_note (c, "abuse mailbox listed in a non-abuse entity");
		st_contact_list_take (ctx->r->contacts, c);
	}

	collect_remarks (ctx, entity, scope);
	if (depth >= MAX_ENTITY_DEPTH)
		return;
	children = st_json_node_array (st_json_member (entity, "entities"));
	for (guint i = 0; children != NULL && i < json_array_get_length (children); i++) {
		JsonObject *child = st_json_node_object (json_array_get_element (children, i));
		if (child != NULL)
			collect_entity (ctx, child, scope, domain_context, depth + 1);
	}
}

static void
collect_entities (Ctx *ctx, JsonObject *obj, StContactScope scope, gboolean domain_context)
{
	JsonArray *entities = st_json_node_array (st_json_member (obj, "entities"));

	for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++) {
		JsonObject *e = st_json_node_object (json_array_get_element (entities, i));
		if (e != NULL)
			collect_entity (ctx, e, scope, domain_context, 1);
	}
	collect_remarks (ctx, obj, scope);
}

/* Old ARIN and RIPE answers omit objectClassName (RFC 7483 made it
 * mandatory only later): infer the class from the members present. */
static gboolean
object_kind (JsonObject *obj, StRdapKind *kind)
{
	static const struct {
		const char *class_name;
		const char *member;
		StRdapKind kind;
	} classes[] = {
		{ "ip network", "startAddress", ST_RDAP_KIND_IP_NETWORK },
		{ "autnum", "startAutnum", ST_RDAP_KIND_AUTNUM },
		{ "domain", NULL, ST_RDAP_KIND_DOMAIN },
		{ "nameserver", NULL, ST_RDAP_KIND_NAMESERVER },
		{ "entity", "vcardArray", ST_RDAP_KIND_ENTITY },
	};
	const char *cls = st_json_node_string (st_json_member (obj, "objectClassName"));

	for (guint i = 0; i < G_N_ELEMENTS (classes); i++) {
		if (cls != NULL ? g_ascii_strcasecmp (cls, classes[i].class_name) == 0
				: classes[i].member != NULL &&
					  st_json_member (obj, classes[i].member) != NULL) {
			*kind = classes[i].kind;
			return TRUE;
		}
	}
	if (cls == NULL && st_json_member (obj, "ldhName") != NULL) {
		*kind = st_json_member (obj, "ipAddresses") != NULL ? ST_RDAP_KIND_NAMESERVER
								    : ST_RDAP_KIND_DOMAIN;
		return TRUE;
	}
	return FALSE;
}

static guint32
member_autnum (JsonObject *obj, const char *name)
{
	JsonNode *n = st_json_member (obj, name);

	if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
		return 0;
	return json_node_get_int (n) >= 0 && json_node_get_int (n) <= G_MAXUINT32
		       ? (guint32)json_node_get_int (n)
		       : 0;
}

static void
read_object (Ctx *ctx, JsonObject *obj, StRdapKind kind, gboolean fill)
{
	StRdapResult *r = ctx->r;

	if (fill) {
		r->kind = kind;
		r->handle = member_dup (obj, "handle");
		r->country = member_dup (obj, "country");
		r->port43 = member_dup (obj, "port43");
		r->parent_handle = member_dup (obj, "parentHandle");
	}
	switch (kind) {
	case ST_RDAP_KIND_IP_NETWORK:
		if (fill) {
			r->name = member_dup (obj, "name");
			r->start_address = member_dup (obj, "startAddress");
			r->end_address = member_dup (obj, "endAddress");
		}
		collect_entities (ctx, obj, ST_CONTACT_SCOPE_NETWORK, FALSE);
		break;
	case ST_RDAP_KIND_AUTNUM:
		if (fill) {
			r->name = member_dup (obj, "name");
			r->start_autnum = member_autnum (obj, "startAutnum");
			r->end_autnum = member_autnum (obj, "endAutnum");
		}
		collect_entities (ctx, obj, ST_CONTACT_SCOPE_NETWORK, FALSE);
		break;
	case ST_RDAP_KIND_DOMAIN:
	case ST_RDAP_KIND_NAMESERVER:
		if (fill)
			r->name = member_dup (obj, "ldhName");
		collect_entities (ctx, obj, ST_CONTACT_SCOPE_DOMAIN, TRUE);
		/* RFC 9083 section 5.3: a reverse-DNS domain carries the ip
		 * network it delegates; its contacts are the network's (ARIN's
		 * in-addr.arpa answers name ARINOPS there). */
		collect_entities (ctx, st_json_node_object (st_json_member (obj, "network")),
			ST_CONTACT_SCOPE_NETWORK, FALSE);
		break;
	case ST_RDAP_KIND_ENTITY:
		collect_entity (ctx, obj, ST_CONTACT_SCOPE_NETWORK, FALSE, 0);
		break;
	case ST_RDAP_KIND_SEARCH:
		break;
	}
}

/* RFC 9083 section 8 and the RIR search extensions. */
static const char *const search_members[] = {
	"domainSearchResults",
	"nameserverSearchResults",
	"entitySearchResults",
	"ipSearchResults",
	"autnumSearchResults",
};

static gboolean
read_search (Ctx *ctx, JsonObject *root)
{
	gboolean found = FALSE;

	for (guint i = 0; i < G_N_ELEMENTS (search_members); i++) {
		JsonArray *results = st_json_node_array (st_json_member (root, search_members[i]));
		for (guint j = 0; results != NULL && j < json_array_get_length (results); j++) {
			JsonObject *obj = st_json_node_object (json_array_get_element (results, j));
			StRdapKind kind;
			if (obj != NULL && object_kind (obj, &kind))
				read_object (ctx, obj, kind, FALSE);
		}
		found = found || results != NULL;
	}
	if (found)
		ctx->r->kind = ST_RDAP_KIND_SEARCH;
	return found;
}

static void
set_answer_error (JsonObject *root, GError **error)
{
	JsonNode *code = st_json_member (root, "errorCode");
	const char *title = st_json_node_string (st_json_member (root, "title"));
	JsonArray *desc = st_json_node_array (st_json_member (root, "description"));
	g_autoptr (GString) text = g_string_new (NULL);

	if (JSON_NODE_HOLDS_VALUE (code) && json_node_get_value_type (code) == G_TYPE_INT64)
		g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (code));
	else if (st_json_node_string (code) != NULL)
		g_string_append (text, st_json_node_string (code));
	else
		g_string_append (text, "?");
	g_string_append_printf (text, " '%s'", title != NULL ? title : "");
	for (guint i = 0; desc != NULL && i < json_array_get_length (desc); i++) {
		const char *d = st_json_node_string (json_array_get_element (desc, i));
		if (d != NULL && d[0] != '\0')
			g_string_append_printf (text, "%s%s", i == 0 ? ": " : " ", d);
	}
	g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "rdap server answered error %s", text->str);
}

/* st_rdap_parse; *@error_answer says whether a failure is an RDAP error
 * answer (errorCode) rather than text we cannot read. */
static StRdapResult *
parse (const char *json, gssize len, const char *source, gboolean *error_answer, GError **error)
{
	g_autoptr (JsonParser) parser = json_parser_new ();
	g_autoptr (GError) local = NULL;
	g_autoptr (StRdapResult) r = NULL;
	JsonObject *root;
	StRdapKind kind;
	Ctx ctx;

	g_return_val_if_fail (json != NULL, NULL);

	/* RFC 8259 section 8.1; json-glib lets invalid UTF-8 through into strings. */
	if (!g_utf8_validate (json, len, NULL)) {
		g_set_error_literal (error, ST_ERROR, ST_ERROR_NETWORK,
			"rdap answer is not JSON: invalid UTF-8");
		return NULL;
	}
	if (!st_json_check_bounds (json, len < 0 ? strlen (json) : (gsize)len, ST_RDAP_MAX_ANSWER,
		    "rdap answer", error))
		return NULL;
	if (!json_parser_load_from_data (parser, json, len, &local)) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "rdap answer is not JSON: %s",
			local->message);
		return NULL;
	}
	root = st_json_node_object (json_parser_get_root (parser));
	if (root == NULL) {
		g_set_error_literal (
			error, ST_ERROR, ST_ERROR_NETWORK, "rdap answer is not a JSON object");
		return NULL;
	}
	if (st_json_member (root, "errorCode") != NULL) {
		*error_answer = TRUE;
		set_answer_error (root, error);
		return NULL;
	}

	r = g_new0 (StRdapResult, 1);
	r->contacts = st_contact_list_new ();
	r->rejected = st_contact_list_new ();
	ctx.r = r;
	ctx.source = source;

	if (object_kind (root, &kind)) {
		read_object (&ctx, root, kind, TRUE);
		return g_steal_pointer (&r);
	}
	if (read_search (&ctx, root))
		return g_steal_pointer (&r);
	/* APNIC's history extension: past versions of an object. Their contacts
	 * are not today's, so they must not be used for a complaint. */
	if (st_json_member (root, "records") != NULL) {
		g_set_error_literal (error, ST_ERROR, ST_ERROR_NETWORK,
			"rdap history answers are not supported");
		return NULL;
	}
	g_set_error_literal (error, ST_ERROR, ST_ERROR_NETWORK,
		"rdap answer holds no object (no objectClassName, no search results)");
	return NULL;
}

StRdapResult *
st_rdap_parse (const char *json, gssize len, const char *source, GError **error)
{
	gboolean error_answer = FALSE;

	return parse (json, len, source, &error_answer, error);
}

void
st_rdap_result_free (StRdapResult *result)
{
	if (result == NULL)
		return;
	g_free (result->handle);
	g_free (result->name);
	g_free (result->country);
	g_free (result->start_address);
	g_free (result->end_address);
	g_free (result->parent_handle);
	g_free (result->registrar);
	g_free (result->registrar_iana_id);
	g_free (result->port43);
	st_contact_list_free (result->contacts);
	st_contact_list_free (result->rejected);
	g_free (result);
}

const StContact *
st_rdap_result_abuse (const StRdapResult *result)
{
	const StContact *c;

	g_return_val_if_fail (result != NULL, NULL);

	switch (result->kind) {
	case ST_RDAP_KIND_DOMAIN:
	case ST_RDAP_KIND_NAMESERVER:
		/* The registrant may be the spammer: never the domain scope. A
		 * reverse-DNS domain has no registrar but its network's contacts. */
		c = st_contact_list_best (result->contacts, ST_CONTACT_SCOPE_REGISTRAR);
		return c != NULL
			       ? c
			       : st_contact_list_best (result->contacts, ST_CONTACT_SCOPE_NETWORK);
	case ST_RDAP_KIND_IP_NETWORK:
	case ST_RDAP_KIND_AUTNUM:
	case ST_RDAP_KIND_ENTITY:
		return st_contact_list_best (result->contacts, ST_CONTACT_SCOPE_NETWORK);
	case ST_RDAP_KIND_SEARCH:
		/* Many parties at once: no single one to complain to. */
		break;
	}
	return NULL;
}

/* ---- fetching: RFC 7480 ---------------------------------------------------- */

#define MAX_REDIRECTS 5

static gpointer
curl_init_once (gpointer data)
{
	/* Not thread-safe itself, so done once before any handle exists. */
	return GINT_TO_POINTER (curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK);
}

typedef struct {
	GByteArray *body;
	gboolean too_long;
} Sink;

static size_t
sink_write (char *data, size_t size, size_t nmemb, void *user)
{
	Sink *sink = user;
	gsize n = size * nmemb;

	if (sink->body->len + n > ST_RDAP_MAX_ANSWER) {
		sink->too_long = TRUE;
		return 0; /* makes curl stop with CURLE_WRITE_ERROR */
	}
	g_byte_array_append (sink->body, (const guint8 *)data, (guint)n);
	return n;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

gboolean
st_rdap_route_default (
	const char *url, gboolean redirect, gpointer data, StRdapTarget *target, GError **error)
{
	g_autoptr (GUri) uri = NULL;
	const char *why = NULL;

	target->url = g_strdup (url);
	target->any_address = !redirect;
	target->addresses = NULL;
	if (!redirect)
		return TRUE;
	uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
	if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
		why = "not https";
	else if (!st_destination_host_ok (g_uri_get_host (uri), &why))
		;
	else if (g_uri_get_port (uri) != -1 && g_uri_get_port (uri) != 443)
		why = "not on the https port";
	if (why == NULL)
		return TRUE;
	g_clear_pointer (&target->url, g_free);
	g_set_error (
		error, ST_ERROR, ST_ERROR_NETWORK, "redirect to '%s' not followed: %s", url, why);
	return FALSE;
}

/* What one exchange keeps: the body, the Location: header, and why an
 * address was refused. */
typedef struct {
	Sink sink;
	char *location;
	gboolean public_only;
	char refused[ST_IP_STRLEN + 64];
} Exchange;

static size_t
header_write (char *data, size_t size, size_t nmemb, void *user)
{
	Exchange *x = user;
	gsize n = size * nmemb;

	if (n > 9 && g_ascii_strncasecmp (data, "Location:", 9) == 0) {
		g_free (x->location);
		x->location = g_strstrip (g_strndup (data + 9, n - 9));
	}
	return n;
}

/* Before each connection: a redirect nobody overrides reaches public
 * addresses only, whatever its host name resolved to. */
static curl_socket_t
open_socket (void *user, curlsocktype purpose, struct curl_sockaddr *address)
{
	Exchange *x = user;
	const char *why = NULL;
	StIp ip = { 0 };

	if (x->public_only) {
		if (address->family == AF_INET) {
			const struct sockaddr_in *in = (const struct sockaddr_in *)&address->addr;
			ip.family = 4;
			memcpy (ip.bytes, &in->sin_addr, 4);
		} else if (address->family == AF_INET6) {
			const struct sockaddr_in6 *in6 =
				(const struct sockaddr_in6 *)&address->addr;
			char text[ST_IP_STRLEN];
			ip.family = 6;
			memcpy (ip.bytes, &in6->sin6_addr, 16);
			/* as text and back: an IPv4-mapped address becomes IPv4 */
			st_ip_format (&ip, text);
			st_ip_parse (text, -1, &ip);
		}
		if (!st_destination_address_ok (&ip, &why)) {
			char text[ST_IP_STRLEN] = "?";
			if (ip.family != 0)
				st_ip_format (&ip, text);
			g_snprintf (x->refused, sizeof x->refused, "%s is %s", text, why);
			return CURL_SOCKET_BAD;
		}
	}
	return socket (address->family, address->socktype, address->protocol);
}

/* The CURLOPT_RESOLVE entries ("host:port:address") that make libcurl
 * connect to @addresses for @url's host and ask no resolver of its own;
 * NULL for an address literal. */
static struct curl_slist *
resolve_entries (const char *url, const GPtrArray *addresses)
{
	CURLU *u = curl_url ();
	char *host = NULL, *port = NULL;
	struct curl_slist *entries = NULL;

	if (u != NULL && curl_url_set (u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		curl_url_get (u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		curl_url_get (u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
		host[0] != '[')
		for (guint i = 0; i < addresses->len; i++) {
			const char *a = addresses->pdata[i];
			g_autofree char *e = g_strdup_printf (
				strchr (a, ':') ? "%s:%s:[%s]" : "%s:%s:%s", host, port, a);
			entries = curl_slist_append (entries, e);
		}
	curl_free (host);
	curl_free (port);
	curl_url_cleanup (u);
	return entries;
}

/* One GET of @target: the body in @x, the status in @code. */
static CURLcode
exchange (CURL *curl, const StRdapTarget *target, gint64 deadline, Exchange *x, char *errbuf,
	long *code)
{
	const char *url = target->url;
	struct curl_slist *resolve =
		target->addresses != NULL ? resolve_entries (url, target->addresses) : NULL;
	struct curl_slist *headers =
		curl_slist_append (NULL, "Accept: application/rdap+json, application/json");
	gint64 left_ms = MAX (1, (deadline - g_get_monotonic_time ()) / 1000);
	CURLcode rc;

	curl_easy_setopt (curl, CURLOPT_URL, url);
	curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt (curl, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
	/* redirects are followed here, one at a time, each where the route says */
	curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long)MIN (left_ms, (gint64)G_MAXLONG));
	curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt (curl, CURLOPT_WRITEDATA, &x->sink);
	curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_write);
	curl_easy_setopt (curl, CURLOPT_HEADERDATA, x);
	curl_easy_setopt (curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt (curl, CURLOPT_OPENSOCKETDATA, x);
	curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
	/* a connection made for one target is not reused for another */
	curl_easy_setopt (curl, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt (curl, CURLOPT_RESOLVE, resolve);
	rc = curl_easy_perform (curl);
	curl_easy_setopt (curl, CURLOPT_RESOLVE, NULL);
	curl_slist_free_all (resolve);
	curl_slist_free_all (headers);
	*code = 0;
	curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, code);
	return rc;
}

/* The URL the Location: of a 3xx answer to @meant names, or NULL. */
static char *
redirect_target (const Exchange *x, long code, const char *meant)
{
	if (code < 300 || code > 399 || code == 304 || x->location == NULL ||
		x->location[0] == '\0')
		return NULL;
	return g_uri_resolve_relative (meant, x->location, G_URI_FLAGS_NONE, NULL);
}

char *
st_rdap_fetch_routed (const char *url, guint timeout_seconds, StRdapRouteFunc route, gpointer data,
	gsize *len, long *status, char **effective_url, guint *retry_after, GError **error)
{
	static GOnce once = G_ONCE_INIT;
	g_autoptr (CURL) curl = NULL;
	g_autoptr (GByteArray) body = g_byte_array_new ();
	g_autofree char *meant = g_strdup (url);
	gint64 deadline = g_get_monotonic_time () +
			  (gint64)(timeout_seconds > 0 ? timeout_seconds : 30) * G_USEC_PER_SEC;
	char errbuf[CURL_ERROR_SIZE] = "";
	Exchange x = { { body, FALSE }, NULL, FALSE, "" };
	curl_off_t wait = 0;
	long code = 0;
	CURLcode rc;

	g_return_val_if_fail (url != NULL, NULL);

	if (route == NULL)
		route = st_rdap_route_default;
	if (!GPOINTER_TO_INT (g_once (&once, curl_init_once, NULL)) ||
		(curl = curl_easy_init ()) == NULL) {
		g_set_error_literal (error, ST_ERROR, ST_ERROR_NETWORK, "cannot start libcurl");
		return NULL;
	}
	for (guint hop = 0;; hop++) {
		StRdapTarget target = { NULL, FALSE, NULL };
		g_autofree char *next = NULL;
		if (!route (meant, hop > 0, data, &target, error)) {
			g_free (x.location);
			return NULL;
		}
		g_byte_array_set_size (body, 0);
		g_clear_pointer (&x.location, g_free);
		x.public_only = !target.any_address;
		x.refused[0] = '\0';
		errbuf[0] = '\0';
		rc = exchange (curl, &target, deadline, &x, errbuf, &code);
		g_free (target.url);
		if (target.addresses != NULL)
			g_ptr_array_unref (target.addresses);
		if (rc != CURLE_OK || (next = redirect_target (&x, code, meant)) == NULL)
			break;
		if (hop == MAX_REDIRECTS) {
			g_free (x.location);
			g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
				"cannot fetch '%s': Maximum (%d) redirects followed", url,
				MAX_REDIRECTS);
			return NULL;
		}
		g_free (meant);
		meant = g_steal_pointer (&next);
	}
	g_clear_pointer (&x.location, g_free);
	if (x.sink.too_long) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
			"rdap answer from '%s' is longer than %u bytes", meant, ST_RDAP_MAX_ANSWER);
		return NULL;
	}
	if (rc != CURLE_OK) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "cannot fetch '%s': %s%s%s", meant,
			x.refused[0] != '\0' ? "not connected: " : "",
			x.refused[0] != '\0' ? x.refused
			: errbuf[0] != '\0'  ? errbuf
					     : "",
			x.refused[0] == '\0' && errbuf[0] == '\0' ? curl_easy_strerror (rc) : "");
		return NULL;
	}
	/* libcurl reads both forms of Retry-After and gives the seconds from
	 * now (negative for a date gone by); only these two statuses give the
	 * header its meaning of "come back later". */
	if ((code == 429 || code == 503) &&
		curl_easy_getinfo (curl, CURLINFO_RETRY_AFTER, &wait) != CURLE_OK)
		wait = 0;
	if (retry_after != NULL)
		*retry_after = (guint)CLAMP (wait, 0, (curl_off_t)G_MAXUINT);
	if (status != NULL)
		*status = code;
	if (effective_url != NULL)
		*effective_url = g_strdup (meant);
	if (len != NULL)
		*len = body->len;
	g_byte_array_append (body, (const guint8 *)"", 1);
	return (char *)g_byte_array_free (g_steal_pointer (&body), FALSE);
}

char *
st_rdap_fetch (const char *url, guint timeout_seconds, gsize *len, long *status,
	char **effective_url, guint *retry_after, GError **error)
{
	return st_rdap_fetch_routed (
		url, timeout_seconds, NULL, NULL, len, status, effective_url, retry_after, error);
}

StRdapResult *
st_rdap_lookup (const char *url, guint timeout_seconds, GError **error)
{
	g_autofree char *text = NULL;
	g_autofree char *final = NULL;
	g_autoptr (GError) local = NULL;
	StRdapResult *r;
	gboolean error_answer = FALSE;
	gsize len = 0;
	long status = 0;

	text = st_rdap_fetch (url, timeout_seconds, &len, &status, &final, NULL, error);
	if (text == NULL)
		return NULL;
	r = parse (text, (gssize)len, final, &error_answer, &local);
	if (status >= 200 && status < 300) {
		if (r == NULL)
			g_propagate_error (error, g_steal_pointer (&local));
		return r;
	}
	/* RFC 9083 section 6: the body of an error status explains it. */
	if (r == NULL && error_answer) {
		g_propagate_error (error, g_steal_pointer (&local));
		return NULL;
	}
	st_rdap_result_free (r);
	g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "rdap server answered HTTP %ld for '%s'",
		status, final);
	return NULL;
}
