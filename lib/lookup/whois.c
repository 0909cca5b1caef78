/* whois.c - whois: asking a server, and the contacts and referrals its answer names.
 * RFC 3912, RFC 2622 sections 2-3 (RPSL as the RIRs write it), ICANN 2013 RAA RDDS spec. */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "error.h"
#include "ip.h"
#include "whois.h"

/* Longer keys are prose that happens to contain a colon. */
#define MAX_KEY_LEN 48

typedef enum {
	FIELD_EMAIL,         /* an address whose role the field itself states */
	FIELD_OBJECT_EMAIL,  /* an address whose role depends on its object */
	FIELD_ABUSE_MAILBOX, /* RPSL abuse-mailbox: decides its object's other e-mails */
	FIELD_REFERRAL,
	FIELD_HANDLE_REF, /* abuse-c, tech-c, …: the role of the object with that handle */
	FIELD_HANDLE_DEF, /* nic-hdl: this object's handle */
	FIELD_NETNAME,
	FIELD_COUNTRY,
	FIELD_RANGE,
	FIELD_REMARK, /* free text: may say where abuse reports go */
} FieldKind;

#define SCOPE_GIVEN (-1)

/* Keys, compared ignoring case, so "netname" (RPSL) and "NetName" (ARIN)
 * share a row. JPNIC's "[Network Name]" and KRNIC's "E-Mail   :" arrive
 * here without brackets and padding. */
static const struct {
	const char *key;
	FieldKind kind;
	const char *role;
	StConfidence confidence;
	int scope; /* StContactScope, or SCOPE_GIVEN */
} fields[] = {
	{ "abuse-mailbox", FIELD_ABUSE_MAILBOX, "abuse", ST_CONFIDENCE_HIGH, SCOPE_GIVEN },
	{ "OrgAbuseEmail", FIELD_EMAIL, "abuse", ST_CONFIDENCE_HIGH, SCOPE_GIVEN },
	{ "RAbuseEmail", FIELD_EMAIL, "abuse", ST_CONFIDENCE_HIGH, SCOPE_GIVEN },
	{ "OrgTechEmail", FIELD_EMAIL, "technical", ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "RTechEmail", FIELD_EMAIL, "technical", ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "OrgNOCEmail", FIELD_EMAIL, "noc", ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "RNOCEmail", FIELD_EMAIL, "noc", ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "Registrar Abuse Contact Email", FIELD_EMAIL, "abuse", ST_CONFIDENCE_HIGH,
		ST_CONTACT_SCOPE_REGISTRAR },
	{ "Registrant Email", FIELD_EMAIL, "registrant", ST_CONFIDENCE_LOW,
		ST_CONTACT_SCOPE_DOMAIN },
	{ "Admin Email", FIELD_EMAIL, "administrative", ST_CONFIDENCE_LOW,
		ST_CONTACT_SCOPE_DOMAIN },
	{ "Tech Email", FIELD_EMAIL, "technical", ST_CONFIDENCE_LOW, ST_CONTACT_SCOPE_DOMAIN },
	{ "e-mail", FIELD_OBJECT_EMAIL, NULL, ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "email", FIELD_OBJECT_EMAIL, NULL, ST_CONFIDENCE_LOW, SCOPE_GIVEN },
	{ "ReferralServer", FIELD_REFERRAL, NULL, 0, 0 }, { "refer", FIELD_REFERRAL, NULL, 0, 0 },
	{ "whois", FIELD_REFERRAL, NULL, 0, 0 },
	{ "Registrar WHOIS Server", FIELD_REFERRAL, NULL, 0, 0 },
	{ "abuse-c", FIELD_HANDLE_REF, "abuse", 0, 0 },
	{ "tech-c", FIELD_HANDLE_REF, "technical", 0, 0 },
	{ "admin-c", FIELD_HANDLE_REF, "administrative", 0, 0 },
	{ "owner-c", FIELD_HANDLE_REF, "registrant", 0, 0 }, /* LACNIC */
	{ "nic-hdl", FIELD_HANDLE_DEF, NULL, 0, 0 },
	{ "nic-hdl-br", FIELD_HANDLE_DEF, NULL, 0, 0 },                         /* registro.br */
	{ "Administrative Contact", FIELD_HANDLE_REF, "administrative", 0, 0 }, /* JPNIC */
	{ "Technical Contact", FIELD_HANDLE_REF, "technical", 0, 0 },           /* JPNIC */
	{ "JPNIC Handle", FIELD_HANDLE_DEF, NULL, 0, 0 }, { "netname", FIELD_NETNAME, NULL, 0, 0 },
	{ "Network Name", FIELD_NETNAME, NULL, 0, 0 }, /* JPNIC */
	{ "Service Name", FIELD_NETNAME, NULL, 0, 0 }, /* KRNIC */
	{ "country", FIELD_COUNTRY, NULL, 0, 0 }, { "inetnum", FIELD_RANGE, NULL, 0, 0 },
	{ "inet6num", FIELD_RANGE, NULL, 0, 0 }, { "NetRange", FIELD_RANGE, NULL, 0, 0 },
	{ "Network Number", FIELD_RANGE, NULL, 0, 0 }, /* JPNIC */
	{ "IPv4 Address", FIELD_RANGE, NULL, 0, 0 },   /* KRNIC */
	{ "IPv6 Address", FIELD_RANGE, NULL, 0, 0 },   /* KRNIC */
	{ "remarks", FIELD_REMARK, NULL, 0, 0 },       /* RPSL */
	{ "Comment", FIELD_REMARK, NULL, 0, 0 },       /* ARIN */
};

typedef struct {
	int row; /* index into fields[] */
	char *value;
	const char *section_role; /* KRNIC "[ Abuse Contact ... ]" sections */
} Field;

typedef struct {
	char *type;     /* RPSL class: the first key of the object, lower case */
	GArray *fields; /* Field */
} Object;

typedef struct {
	StWhoisResult *r;
	const char *server;
	GPtrArray *objects;       /* Object* */
	GHashTable *handle_roles; /* handle (lower case) -> static role string */
} Parser;

static void
object_free (Object *o)
{
	for (guint i = 0; i < o->fields->len; i++)
		g_free (g_array_index (o->fields, Field, i).value);
	g_array_unref (o->fields);
	g_free (o->type);
	g_free (o);
}

static int
field_row (const char *key, gsize len)
{
	for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
		if (strlen (fields[i].key) == len &&
			g_ascii_strncasecmp (fields[i].key, key, len) == 0)
			return (int)i;
	return -1;
}

static void
add_contact (Parser *p, const char *text, StContactScope scope, StConfidence confidence,
	const char *role, const char *note)
{
	g_autofree char *address = st_contact_address_clean (text);
	const char *reason = NULL;
	StContact *c;

	if (text[0] == '\0')
		return;
	if (address == NULL) {
		c = st_contact_new (text, scope, p->server, confidence, role);
		st_contact_set_note (c, "not an address");
		st_contact_list_take (p->r->rejected, c);
		return;
	}
	if (!st_contact_address_usable (address, &reason)) {
		c = st_contact_new (address, scope, p->server, confidence, role);
		st_contact_set_note (c, reason);
		st_contact_list_take (p->r->rejected, c);
		return;
	}
	c = st_contact_new (address, scope, p->server, confidence, role);
	st_contact_set_note (c, note);
	st_contact_list_take (p->r->contacts, c);
}

/* "whois://whois.ripe.net", "rwhois://rwhois.example.net:4321", "whois.nic.fr". */
static void
take_referral (Parser *p, const char *value)
{
	const char *host = value;
	gboolean rwhois = FALSE;
	guint64 port = 43;
	g_autofree char *h = NULL;
	char *colon;

	if (p->r->referral_host != NULL)
		return;
	if (g_ascii_strncasecmp (host, "whois://", 8) == 0) {
		host += 8;
	} else if (g_ascii_strncasecmp (host, "rwhois://", 9) == 0) {
		host += 9;
		rwhois = TRUE;
	} else if (strstr (host, "://") != NULL) {
		return; /* a web page, not a whois server */
	}
	h = g_ascii_strdown (host, -1);
	h[strcspn (h, "/ \t")] = '\0';
	colon = strchr (h, ':');
	if (colon != NULL) {
		*colon = '\0';
		if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
			return;
	}
	if (h[0] == '\0' || strchr (h, '.') == NULL || h[0] == '.' || h[0] == '-')
		return;
	if (!st_domain_chars_only (
		    h, ST_DOMAIN_CHAR_LDH | ST_DOMAIN_CHAR_HYPHEN | ST_DOMAIN_CHAR_DOT))
		return;
	if (p->server != NULL && g_ascii_strcasecmp (h, p->server) == 0)
		return;
	p->r->referral_host = g_steal_pointer (&h);
	p->r->referral_port = (guint)port;
	p->r->referral_rwhois = rwhois;
}

/* RIPE, AFRINIC and APNIC open an inetnum answer with
 *   % Abuse contact for '193.0.0.0 - 193.0.7.255' is 'abuse@ripe.net'
 * which names the abuse-mailbox of the abuse-c, resolved by the server. */
static gboolean
abuse_comment (Parser *p, const char *line)
{
	const char *is, *start, *end;
	g_autofree char *address = NULL;

	if (g_ascii_strncasecmp (line, "% Abuse contact for ", 20) != 0)
		return FALSE;
	is = g_strrstr (line, " is '");
	if (is == NULL)
		return TRUE;
	start = is + 5;
	end = strchr (start, '\'');
	if (end == NULL)
		return TRUE;
	address = g_strndup (start, (gsize)(end - start));
	add_contact (p, address, p->r->scope, ST_CONFIDENCE_HIGH, "abuse", NULL);
	return TRUE;
}

/* whois.abuse.net answers one line per address:
 *   abuse@example.com (for example.com)
 *   postmaster@example.com (default, no info)
 * the second kind is its RFC 2142 guess, not a record. */
static gboolean
abuse_net_line (Parser *p, const char *line)
{
	const char *paren = strstr (line, " (");
	g_autofree char *address = NULL;
	gsize n = strlen (line);

	if (paren == NULL || n == 0 || line[n - 1] != ')' ||
		memchr (line, '@', (gsize)(paren - line)) == NULL)
		return FALSE;
	address = g_strndup (line, (gsize)(paren - line));
	if (g_str_has_prefix (paren, " (for "))
		add_contact (p, address, p->r->scope, ST_CONFIDENCE_MEDIUM, "abuse",
			"listed by abuse.net");
	else if (g_str_has_prefix (paren, " (default"))
		add_contact (p, address, p->r->scope, ST_CONFIDENCE_LOW, "abuse",
			"abuse.net default: RFC 2142 guess");
	else
		return FALSE;
	return TRUE;
}

/* KRNIC writes "[ Technical Contact Information ]" above its contact lines. */
static gboolean
section_header (const char *line, const char **section_role)
{
	gsize n = strlen (line);
	g_autofree char *inner = NULL;

	if (n < 3 || line[0] != '[' || line[n - 1] != ']')
		return FALSE;
	inner = g_ascii_strdown (line + 1, (gssize)n - 2);
	if (strchr (inner, ']') != NULL)
		return FALSE;
	if (strstr (inner, "abuse") != NULL)
		*section_role = "abuse";
	else if (strstr (inner, "technical") != NULL)
		*section_role = "technical";
	else if (strstr (inner, "admin") != NULL)
		*section_role = "administrative";
	else
		*section_role = NULL;
	return TRUE;
}

/* Splits "key: value", "Key    : value" (KRNIC), "[Key]   value" and
 * "a. [Key]   value" (JPNIC) into a lower-case @key and a trimmed @value,
 * both owned by the caller. Returns the field row, -1 for a key not in
 * fields[], or -2 (and sets nothing) when the line has no key at all. */
static int
split_line (const char *line, char **key, char **value)
{
	const char *k = line, *key_end, *v;

	/* JPNIC numbers its lines: "a. [Network Number]". */
	if (g_ascii_isalpha (k[0]) && k[1] == '.' && k[2] == ' ')
		for (k += 3; *k == ' ' || *k == '\t'; k++)
			;
	if (k[0] == '[') {
		key_end = strchr (k, ']');
		if (key_end == NULL)
			return -2;
		v = key_end + 1;
		k++;
	} else {
		key_end = strchr (k, ':');
		if (key_end == NULL || key_end == k || !g_ascii_isalpha (k[0]))
			return -2;
		v = key_end + 1;
		while (key_end > k && key_end[-1] == ' ')
			key_end--;
	}
	if ((gsize)(key_end - k) > MAX_KEY_LEN)
		return -2;
	*key = g_ascii_strdown (k, key_end - k);
	*value = g_strstrip (g_strdup (v));
	return field_row (k, (gsize)(key_end - k));
}

static void
set_once (char **slot, const char *value)
{
	if (*slot == NULL && value[0] != '\0')
		*slot = g_strdup (value);
}

/* Reads @text into objects (runs of lines between blank lines), handling the
 * one-line formats on the way. */
static void
tokenize (Parser *p, char *text)
{
	Object *current = NULL;
	const char *section_role = NULL;
	char *next;

	/* Not strtok: it would swallow the blank lines that end objects. */
	for (char *line = text; line != NULL; line = next) {
		g_autofree char *key = NULL;
		g_autofree char *value = NULL;
		const char *sr;
		int row;

		/* Lines end in CRLF on the wire, LF in files, CR from old servers. */
		next = strpbrk (line, "\r\n");
		if (next != NULL) {
			gboolean crlf = next[0] == '\r' && next[1] == '\n';
			*next++ = '\0';
			if (crlf)
				next++;
		}
		line = g_strstrip (line);
		if (line[0] == '\0') {
			current = NULL;
			continue;
		}
		if (line[0] == '%' || line[0] == '#') {
			abuse_comment (p, line);
			continue;
		}
		if (section_header (line, &sr)) {
			section_role = sr;
			current = NULL;
			continue;
		}
		row = split_line (line, &key, &value);
		if (row == -2) {
			abuse_net_line (p, line);
			continue;
		}
		/* RPSL names an object's class with its first key; an unknown
		 * key after that is just an attribute we do not read. */
		if (current == NULL) {
			current = g_new0 (Object, 1);
			current->fields = g_array_new (FALSE, FALSE, sizeof (Field));
			current->type = g_steal_pointer (&key);
			g_ptr_array_add (p->objects, current);
		}
		if (row < 0)
			continue;
		{
			Field f = { row, g_steal_pointer (&value), section_role };
			g_array_append_val (current->fields, f);
		}
	}
}

static const char *
stronger_role (const char *a, const char *b)
{
	/* abuse-c outranks every other reference to the same handle. */
	if (a == NULL)
		return b;
	return g_strcmp0 (b, "abuse") == 0 ? b : a;
}

static void
resolve_handles (Parser *p)
{
	for (guint i = 0; i < p->objects->len; i++) {
		Object *o = g_ptr_array_index (p->objects, i);
		for (guint j = 0; j < o->fields->len; j++) {
			Field *f = &g_array_index (o->fields, Field, j);
			g_autofree char *h = NULL;
			if (fields[f->row].kind != FIELD_HANDLE_REF || f->value[0] == '\0')
				continue;
			h = g_ascii_strdown (f->value, -1);
			g_hash_table_replace (p->handle_roles, g_strdup (h),
				(gpointer)stronger_role (g_hash_table_lookup (p->handle_roles, h),
					fields[f->row].role));
		}
	}
}

/* Role and confidence of an e-mail: line in object @o:
 *   in an irt, or in the object an abuse-c names            high
 *     … but medium when that object also has abuse-mailbox   (it is the one)
 *   under a KRNIC abuse section                             high
 *   an abuse@ mailbox anywhere else                         medium
 *   anything else                                           low, role of the object */
/* A remark runs over consecutive "remarks:" lines: each run is read as one
 * text for the addresses it says abuse reports go to. */
static void
read_remarks (Parser *p, Object *o)
{
	g_autoptr (GString) text = g_string_new (NULL);

	for (guint j = 0; j <= o->fields->len; j++) {
		Field *f = j < o->fields->len ? &g_array_index (o->fields, Field, j) : NULL;
		if (f != NULL && fields[f->row].kind == FIELD_REMARK) {
			g_string_append_printf (text, "%s\n", f->value);
			continue;
		}
		if (text->len > 0)
			st_contact_list_add_remark (
				p->r->contacts, text->str, p->r->scope, p->server);
		g_string_truncate (text, 0);
	}
}

static void
emit_object (Parser *p, Object *o)
{
	const char *handle_role = NULL;
	gboolean has_mailbox = FALSE;

	for (guint j = 0; j < o->fields->len; j++) {
		Field *f = &g_array_index (o->fields, Field, j);
		if (fields[f->row].kind == FIELD_HANDLE_DEF && handle_role == NULL) {
			g_autofree char *h = g_ascii_strdown (f->value, -1);
			handle_role = g_hash_table_lookup (p->handle_roles, h);
		}
		has_mailbox = has_mailbox || fields[f->row].kind == FIELD_ABUSE_MAILBOX;
	}
	if (g_strcmp0 (o->type, "irt") == 0)
		handle_role = "abuse";

	for (guint j = 0; j < o->fields->len; j++) {
		Field *f = &g_array_index (o->fields, Field, j);
		int row = f->row;
		StContactScope scope = fields[row].scope == SCOPE_GIVEN
					       ? p->r->scope
					       : (StContactScope)fields[row].scope;
		switch (fields[row].kind) {
		case FIELD_EMAIL:
		case FIELD_ABUSE_MAILBOX:
			add_contact (
				p, f->value, scope, fields[row].confidence, fields[row].role, NULL);
			break;
		case FIELD_OBJECT_EMAIL: {
			const char *role = f->section_role != NULL ? f->section_role : handle_role;
			StConfidence conf = ST_CONFIDENCE_LOW;
			const char *note = NULL;
			if (g_strcmp0 (role, "abuse") == 0)
				conf = has_mailbox ? ST_CONFIDENCE_MEDIUM : ST_CONFIDENCE_HIGH;
			else if (g_ascii_strncasecmp (f->value, "abuse", 5) == 0) {
				conf = ST_CONFIDENCE_MEDIUM;
				note = "abuse mailbox listed in a non-abuse object";
			}
			if (role == NULL)
				role = o->type;
			add_contact (p, f->value, scope, conf, role, note);
			break;
		}
		case FIELD_REFERRAL:
			take_referral (p, f->value);
			break;
		case FIELD_NETNAME:
			set_once (&p->r->netname, f->value);
			break;
		case FIELD_COUNTRY:
			set_once (&p->r->country, f->value);
			break;
		case FIELD_RANGE:
			set_once (&p->r->range, f->value);
			break;
		case FIELD_HANDLE_REF:
		case FIELD_HANDLE_DEF:
		case FIELD_REMARK:
			break;
		}
	}
	read_remarks (p, o);
}

StWhoisResult *
st_whois_parse (const char *text, gssize len, const char *server, StContactScope scope)
{
	g_autofree char *copy = NULL;
	Parser p;
	gsize n;

	g_return_val_if_fail (text != NULL, NULL);

	n = len < 0 ? strlen (text) : (gsize)len;
	/* the bound st_whois_query reads to, for text that came another way */
	n = MIN (n, (gsize)ST_WHOIS_MAX_ANSWER);
	copy = g_malloc (n + 1); /* not g_strndup: it stops at a NUL */
	memcpy (copy, text, n);
	copy[n] = '\0';
	/* A NUL inside the answer would end it early: read past it as a line end. */
	for (gsize i = 0; i < n; i++)
		if (copy[i] == '\0')
			copy[i] = '\n';

	p.r = g_new0 (StWhoisResult, 1);
	p.r->scope = scope;
	p.r->contacts = st_contact_list_new ();
	p.r->rejected = st_contact_list_new ();
	p.server = server;
	p.objects = g_ptr_array_new_with_free_func ((GDestroyNotify)object_free);
	p.handle_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	tokenize (&p, copy);
	resolve_handles (&p);
	for (guint i = 0; i < p.objects->len; i++)
		emit_object (&p, g_ptr_array_index (p.objects, i));

	g_ptr_array_unref (p.objects);
	g_hash_table_unref (p.handle_roles);
	return p.r;
}

void
st_whois_result_free (StWhoisResult *result)
{
	if (result == NULL)
		return;
	st_contact_list_free (result->contacts);
	st_contact_list_free (result->rejected);
	g_free (result->referral_host);
	g_free (result->netname);
	g_free (result->country);
	g_free (result->range);
	g_free (result);
}

const StContact *
st_whois_result_abuse (const StWhoisResult *result)
{
	const StContact *c;

	g_return_val_if_fail (result != NULL, NULL);

	c = st_contact_list_best (result->contacts, ST_CONTACT_SCOPE_REGISTRAR);
	if (c != NULL && st_contact_has_role (c, "abuse"))
		return c;
	return st_contact_list_best (result->contacts, result->scope);
}

/* Servers whose plain answer lacks what we need, by the kind of object.
 * Compared ignoring case. Seen: ARIN's bare "192.0.2.1" lists the matching
 * nets without their POCs ("n +" adds them, "a +" for AS numbers); JPNIC
 * and JPRS answer in Japanese without "/e"; DENIC wants "-T dn,ace". */
typedef enum { OBJECT_ANY, OBJECT_ADDRESS, OBJECT_ASN } ObjectKind;

static const struct {
	const char *server;
	ObjectKind kind;
	const char *prefix, *suffix;
} questions[] = {
	{ "whois.arin.net", OBJECT_ADDRESS, "n + ", "" },
	{ "whois.arin.net", OBJECT_ASN, "a + ", "" },
	{ "whois.nic.ad.jp", OBJECT_ANY, "", "/e" },
	{ "whois.jprs.jp", OBJECT_ANY, "", "/e" },
	{ "whois.denic.de", OBJECT_ANY, "-T dn,ace ", "" },
};

static ObjectKind
object_kind (const char *object)
{
	StCidr cidr;
	const char *p = object;

	if (st_cidr_parse (object, &cidr))
		return OBJECT_ADDRESS;
	if (g_ascii_strncasecmp (p, "AS", 2) == 0)
		p += 2;
	if (*p == '\0')
		return OBJECT_ANY;
	for (; *p != '\0'; p++)
		if (!g_ascii_isdigit (*p))
			return OBJECT_ANY;
	return OBJECT_ASN;
}

char *
st_whois_question (const char *server, const char *object)
{
	ObjectKind kind;

	g_return_val_if_fail (object != NULL, NULL);

	kind = object_kind (object);
	for (guint i = 0; server != NULL && i < G_N_ELEMENTS (questions); i++)
		if (g_ascii_strcasecmp (server, questions[i].server) == 0 &&
			(questions[i].kind == OBJECT_ANY || questions[i].kind == kind))
			return g_strconcat (questions[i].prefix, object, questions[i].suffix, NULL);
	return g_strdup (object);
}

char *
st_whois_query (const char *host, guint port, const char *question, guint timeout_seconds,
	GCancellable *cancellable, gsize *len, gboolean *truncated, GError **error)
{
	g_autoptr (GSocketClient) client = NULL;
	g_autoptr (GSocketConnection) conn = NULL;
	g_autoptr (GError) local = NULL;
	g_autoptr (GByteArray) answer = NULL;
	g_autofree char *line = NULL;
	GInputStream *in;
	guint8 buf[4096];
	gssize n;

	g_return_val_if_fail (host != NULL && question != NULL, NULL);
	g_return_val_if_fail (port <= G_MAXUINT16, NULL);

	if (truncated != NULL)
		*truncated = FALSE;
	if (strpbrk (question, "\r\n") != NULL) {
		g_set_error (error, ST_ERROR, ST_ERROR_USAGE,
			"whois question holds a line break: '%s'", question);
		return NULL;
	}
	if (port == 0)
		port = 43;

	client = g_socket_client_new ();
	g_socket_client_set_timeout (client, timeout_seconds);
	conn = g_socket_client_connect_to_host (client, host, (guint16)port, cancellable, &local);
	if (conn == NULL) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
			"cannot reach whois server '%s:%u': %s", host, port, local->message);
		return NULL;
	}
	/* RFC 3912 section 2: the question, then CR LF. */
	line = g_strconcat (question, "\r\n", NULL);
	if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), line,
		    strlen (line), NULL, cancellable, &local)) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
			"cannot ask whois server '%s:%u': %s", host, port, local->message);
		return NULL;
	}
	/* The server answers and closes the connection. */
	answer = g_byte_array_new ();
	in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
	while ((n = g_input_stream_read (in, buf, sizeof buf, cancellable, &local)) > 0) {
		gsize room = ST_WHOIS_MAX_ANSWER - answer->len;
		g_byte_array_append (answer, buf, (guint)MIN ((gsize)n, room));
		if ((gsize)n > room) {
			if (truncated != NULL)
				*truncated = TRUE;
			break;
		}
	}
	if (n < 0) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK,
			"whois server '%s:%u' failed while answering: %s", host, port,
			local->message);
		return NULL;
	}
	g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
	if (len != NULL)
		*len = answer->len;
	g_byte_array_append (answer, (const guint8 *)"", 1);
	return (char *)g_byte_array_free (g_steal_pointer (&answer), FALSE);
}
