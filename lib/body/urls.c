/* urls.c - the web addresses and mailboxes a spam advertises, found in plain text and HTML.
 * RFC 3986 sections 3 and 2.1 (URI syntax, percent-encoding), RFC 5890 (IDNA), RFC 6068 (mailto).
 *
 * Text is read in two passes, both linear:
 *   1. deobfuscate: hxxp://, [.], (dot), " dot ", [at], " at " … become the
 *      characters they stand for, with a map back to the written text;
 *   2. scan: schemes, "www.", bare host names whose last label is a real
 *      public suffix, and local@domain mailboxes.
 * Every scan position is visited a bounded number of times: a token that is
 * rejected is skipped as a whole, look-behind and look-ahead are capped. */
#include "config.h"

#include <libpsl.h>
#include <string.h>

#include "domain.h"
#include "html.h"
#include "ip.h"
#include "urls.h"

/* RFC 1035 section 2.3.4: a name is at most 255 octets, a label 63. RFC 5321
 * section 4.5.3.1.1: a local part is at most 64 octets. */
#define MAX_HOST 255
#define MAX_LABEL 63
#define MAX_LOCAL 64
/* A redirector's target can itself be a redirector; real chains are short. */
#define MAX_REDIRECT_DEPTH 4

/* ---- character classes ------------------------------------------------- */

enum {
	C_HOST = 1 << 0,  /* a-z A-Z 0-9 - _ (underscores occur in real host names) */
	C_URL = 1 << 1,   /* may appear inside a URL in running text */
	C_LOCAL = 1 << 2, /* the local parts seen in spam: a-z 0-9 . _ % + - */
	C_ALNUM = 1 << 3,
};

static guint8 ctab[256];

static void
ctab_init (void)
{
	static gsize done = 0;

	if (!g_once_init_enter (&done))
		return;
	for (int c = 0; c < 256; c++) {
		guint8 f = 0;
		if (g_ascii_isalnum (c))
			f |= C_HOST | C_URL | C_LOCAL | C_ALNUM;
		if (c == '-' || c == '_')
			f |= C_HOST | C_URL | C_LOCAL;
		if (c == '.' || c == '%' || c == '+')
			f |= C_LOCAL;
		/* RFC 3986 unreserved, reserved and '%'; RFC 3986 appendix C:
		 * space, <, >, " and the delimiters around URLs end them. */
		if (c > 0x20 && c < 0x7f && strchr ("<>\"`{}|\\^", c) == NULL)
			f |= C_URL;
		ctab[c] = f;
	}
	g_once_init_leave (&done, 1);
}

#define IS(c, f) ((ctab[(guchar)(c)] & (f)) != 0)

/* The length of the UTF-8 character at @s[@i] when it is a letter, digit
 * or mark (it can be part of an IDN label), else 0. */
static gsize
utf8_alnum_len (const char *s, gsize n, gsize i)
{
	gunichar u = g_utf8_get_char_validated (s + i, (gssize)(n - i));
	if (u == (gunichar)-1 || u == (gunichar)-2)
		return 0;
	if (!g_unichar_isalnum (u) && !g_unichar_ismark (u))
		return 0;
	return (gsize)(g_utf8_next_char (s + i) - (s + i));
}

/* The length of the UTF-8 character at @s[@i] when it may continue a URL
 * (anything but spaces, quotes and brackets), else 0. */
static gsize
utf8_url_len (const char *s, gsize n, gsize i)
{
	gunichar u = g_utf8_get_char_validated (s + i, (gssize)(n - i));
	if (u == (gunichar)-1 || u == (gunichar)-2)
		return 0;
	switch (g_unichar_type (u)) {
	case G_UNICODE_SPACE_SEPARATOR:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_INITIAL_PUNCTUATION:
	case G_UNICODE_FINAL_PUNCTUATION:
	case G_UNICODE_OPEN_PUNCTUATION:
	case G_UNICODE_CLOSE_PUNCTUATION:
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
		return 0;
	default:
		break;
	}
	/* Ideographic comma and full stop end CJK sentences. */
	if (u == 0x3001 || u == 0x3002 || u == 0xFF0C)
		return 0;
	return (gsize)(g_utf8_next_char (s + i) - (s + i));
}

static gboolean
prefix_ci (const char *s, gsize n, gsize i, const char *word)
{
	gsize w = strlen (word);
	return n - i >= w && g_ascii_strncasecmp (s + i, word, w) == 0;
}

/* TRUE when @len bytes at @s are a public suffix on their own (a TLD such as
 * "com", "uk", "xn--p1ai"); the "*" default rule does not count, so made-up
 * endings like "txt" or "local" are rejected. */
static gboolean
is_suffix (const char *s, gsize len)
{
	const psl_ctx_t *psl = psl_builtin ();
	char buf[MAX_LABEL + 1];

	if (psl == NULL || len == 0 || len > MAX_LABEL)
		return FALSE;
	for (gsize k = 0; k < len; k++)
		buf[k] = g_ascii_tolower (s[k]);
	buf[len] = '\0';
	return psl_is_public_suffix2 (psl, buf, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

/* ---- tables ------------------------------------------------------------ */

/* URL shorteners: the link hides its target until fetched, and we never
 * fetch. Matched on the host and every name below it. */
static const char *const shorteners[] = {
	"bit.ly",
	"bitly.com",
	"j.mp",
	"t.co",
	"tinyurl.com",
	"goo.gl",
	"ow.ly",
	"is.gd",
	"v.gd",
	"buff.ly",
	"rebrand.ly",
	"cutt.ly",
	"t.ly",
	"tiny.cc",
	"shorturl.at",
	"rb.gy",
	"s.id",
	"bl.ink",
	"short.io",
	"lnkd.in",
	"trib.al",
	"dlvr.it",
	"soo.gd",
	"qr.ae",
	"adf.ly",
	"shorte.st",
	"ouo.io",
	"x.co",
	"tr.im",
	"cli.gs",
	"u.to",
	"clck.ru",
	"urlz.fr",
	"snip.ly",
	"mcaf.ee",
	"1url.com",
	"surl.li",
	"t2m.io",
	"tiny.one",
	"shrtco.de",
	"urlzs.com",
	"amzn.to",
	"youtu.be",
	"fb.me",
	"wp.me",
	"db.tt",
	"po.st",
	"ln.is",
};

/* Redirectors: a host and path whose query parameter names the target.
 * A row per service; more than one parameter name is tried in order. A
 * domain ending in "." stands for that name under any top-level domain
 * ("google." for google.com.br). */
static const struct {
	const char *domain;
	const char *path;   /* prefix of the path */
	const char *params; /* parameter names, separated by '|' */
} redirectors[] = {
	{ "google.", "/url", "q|url" }, { "facebook.com", "/l.php", "u" },
	{ "instagram.com", "/", "u" }, { "youtube.com", "/redirect", "q" },
	{ "t.umblr.com", "/redirect", "z" }, { "slack-redir.net", "/link", "url" },
	{ "safelinks.protection.outlook.com", "/", "url" },
	{ "linkedin.com", "/redir/redirect", "url" }, { "away.vk.com", "/away.php", "to" },
	{ "duckduckgo.com", "/l/", "uddg" }, { "steamcommunity.com", "/linkfilter/", "url|u" },
	{ "exit.sc", "/", "url" }, { "href.li", "/", "" }, /* the target follows the "?" as is */
};

/* Click trackers that carry the target in the path, each with its own
 * encoding: Amazon SES (awstrack.me: "/L0/" then the URL percent-encoded up
 * to the next "/"), Proofpoint URL Defense version 3 ("/v3/__" then the URL
 * as written up to "__;") and version 2 ("/v2/url?u=" then the URL with
 * "-XX" for "%XX" and "_" for "/"). */
typedef enum {
	TRACK_PERCENT_SEGMENT,
	TRACK_UNDERSCORES,
	TRACK_PROOFPOINT_V2,
} TrackerForm;

static const struct {
	const char *domain;
	const char *path;
	TrackerForm form;
} path_trackers[] = {
	{ "awstrack.me", "/L0/", TRACK_PERCENT_SEGMENT },
	{ "urldefense.com", "/v3/__", TRACK_UNDERSCORES },
	{ "urldefense.proofpoint.com", "/v2/url", TRACK_PROOFPOINT_V2 },
};

/* Parameter names that bulk mailers' and web sites' open redirectors give
 * the target, for hosts of no row above. Only an absolute http(s) URL on
 * another registrable domain counts. */
static const char *const redirect_params[] = { "url", "u", "target", "dest", "destination",
	"redirect", "redirect_url", "redirecturl", "redir", "goto", "link" };

/* Endings that are both a country's top-level domain and a common file
 * extension: "setup.sh", "notes.md", "photos.zip". Written bare (no www,
 * no path, no scheme) they are far more often files than hosts. */
static const char *const file_like_tlds[] = {
	"zip",
	"mov",
	"md",
	"py",
	"sh",
	"pl",
	"rs",
	"ps",
	"so",
	"cs",
	"cc",
	"ai",
	"pm",
	"sc",
};

/* Obfuscations written with brackets. "." and "@" forms must sit between
 * two words, and the spaces around them go: "name [at] example [dot] com". */
static const struct {
	const char *from;
	const char *to;
	gboolean between_words;
} bracketed[] = {
	{ "[.]", ".", TRUE },
	{ "(.)", ".", TRUE },
	{ "{.}", ".", TRUE },
	{ "[dot]", ".", TRUE },
	{ "(dot)", ".", TRUE },
	{ "{dot}", ".", TRUE },
	{ "[at]", "@", TRUE },
	{ "(at)", "@", TRUE },
	{ "{at}", "@", TRUE },
	{ "[@]", "@", TRUE },
	{ "(@)", "@", TRUE },
	{ "[://]", "://", FALSE },
	{ "[:]", ":", FALSE },
	{ "[/]", "/", FALSE },
};

/* Characters that print as nothing, put inside names to break filters:
 * "exam<U+200B>ple.com". Dropped before scanning. */
static const gunichar invisible[] = {
	0x00AD, /* soft hyphen */
	0x200B, /* zero width space */
	0x200C, /* zero width non-joiner */
	0x200D, /* zero width joiner */
	0x2060, /* word joiner */
	0xFEFF, /* zero width no-break space */
};

/* Full stops that IDNA (RFC 3490 section 3.1) reads as label dots; between
 * two ASCII words they are a disguise: "example<U+3002>com". */
static const gunichar ideographic_dots[] = { 0x3002, 0xFF0E, 0xFF61 };

/* Capitalised, these look like the start of a sentence glued to the one
 * before ("stopped.It was"), so a bare "word.Xx" is read as prose unless
 * its ending is one of the old generic ones: "PillShop.Com" is a host. */
static const char *const capitalised_tlds_ok[] = { "com", "net", "org", "biz", "info" };

/* ---- what the words before a mailbox say ------------------------------
 *
 * A mailbox is a reply channel only when the text offers it to the reader.
 * The words are lower case, matched in the text just before the address
 * (its line, and the line before when the address starts one), in the
 * languages spam is written in: English, Portuguese, Spanish, French,
 * German, Italian and Dutch. Accents are written as UTF-8. */
#define CONTEXT_WINDOW 100
/* The occurrences of one mailbox whose words before it are read. */
#define CONTEXT_OCCURRENCES 8

/* Verbs and nouns that ask the reader to write: "reply to", "contact us",
 * "write to", "send it to", and their translations. */
static const char *const reply_words[] = {
	/* English */
	"reply",
	"respond",
	"contact",
	"write to",
	"write us",
	"send to",
	"send it to",
	"send your",
	"send us",
	"email us",
	"e-mail us",
	"mail us",
	"get in touch",
	"reach us",
	"reach out",
	"inquir",
	"enquir",
	/* Portuguese */
	"responda",
	"responder",
	"resposta",
	"contato",
	"contate",
	"contacte",
	"escreva",
	"envie",
	"enviar para",
	"fale conosco",
	/* Spanish */
	"contacto",
	"contáctenos",
	"contactenos",
	"escriba",
	"escríbanos",
	"envíe",
	"envie",
	"correo",
	/* French */
	"répond",
	"repond",
	"contactez",
	"écrivez",
	"ecrivez",
	"envoyez",
	"courriel",
	/* German */
	"antwort",
	"kontakt",
	"schreiben sie",
	"schreibt",
	"senden sie",
	/* Italian */
	"rispond",
	"contatt",
	"scrivi",
	"scriver",
	"inviare",
	"invia",
	/* Dutch */
	"beantwoord",
	"neem contact",
	"schrijf",
	"stuur",
	"mail ons",
};

/* A label just before the address that says "write here": "E-mail:",
 * "Contact:", "Kontakt:". Compared with the word before the last colon. */
static const char *const contact_labels[] = { "email", "e-mail", "mail", "contact", "contato",
	"contacto", "courriel", "kontakt", "contatto", "correo", "reply-to", "reply to",
	"responder a", "antwort an", "répondre à", "rispondi a" };

/* Header labels of a quoted or forwarded message: an address after one of
 * them belongs to that message, not to the spam's offer. Seen in forwards
 * by Outlook, Gmail and Apple Mail in these languages. */
static const char *const header_labels[] = { "from", "to", "cc", "bcc", "sent", "date", "subject",
	"message-id", "in-reply-to", "references", "return-path", "delivered-to", "sender", "de",
	"para", "enviado", "enviada", "assunto", "asunto", "data", "von", "an", "gesendet",
	"betreff", "datum", "à", "envoyé", "objet", "da", "a", "inviato", "oggetto", "van", "aan",
	"verzonden", "onderwerp", "verstuurd" };

/* Greetings: the address that follows one is the reader's own. */
static const char *const greeting_words[] = { "dear", "hello", "hi", "hey", "greetings",
	"attention", "attn", "olá", "ola", "oi", "prezado", "prezada", "caro", "cara", "querido",
	"querida", "hola", "estimado", "estimada", "bonjour", "salut", "cher", "chère", "hallo",
	"liebe", "lieber", "sehr geehrte", "guten tag", "ciao", "gentile", "salve", "beste",
	"geachte", "beste klant" };

/* HTML attributes that hold a URL, and what we call them. */
static const struct {
	const char *name;
	StUrlsWhere where;
} url_attributes[] = {
	{ "href", ST_URLS_WHERE_HTML_HREF },
	{ "data-href", ST_URLS_WHERE_HTML_HREF },
	{ "src", ST_URLS_WHERE_HTML_SRC },
	{ "data-src", ST_URLS_WHERE_HTML_SRC },
	{ "srcset", ST_URLS_WHERE_HTML_SRC },
	{ "background", ST_URLS_WHERE_HTML_SRC },
	{ "poster", ST_URLS_WHERE_HTML_SRC },
	{ "action", ST_URLS_WHERE_HTML_ACTION },
	{ "formaction", ST_URLS_WHERE_HTML_ACTION },
};

static const char *const where_names[] = {
	[ST_URLS_WHERE_HEADER] = "header",
	[ST_URLS_WHERE_TEXT] = "text",
	[ST_URLS_WHERE_HTML_TEXT] = "html-text",
	[ST_URLS_WHERE_HTML_HREF] = "href",
	[ST_URLS_WHERE_HTML_SRC] = "src",
	[ST_URLS_WHERE_HTML_ACTION] = "action",
	[ST_URLS_WHERE_HTML_REFRESH] = "refresh",
	[ST_URLS_WHERE_REDIRECT] = "redirect",
};

const char *
st_urls_where_name (StUrlsWhere where)
{
	if ((guint)where >= G_N_ELEMENTS (where_names))
		return "unknown";
	return where_names[where];
}

/* ---- the collection ---------------------------------------------------- */

static void
url_free (gpointer p)
{
	StUrl *u = p;
	g_free (u->url);
	g_free (u->raw);
	g_free (u->host);
	g_free (u->host_unicode);
	g_free (u->registrable);
	g_free (u->target);
	g_free (u->text);
	g_free (u);
}

static void
email_free (gpointer p)
{
	StEmail *e = p;
	g_free (e->address);
	g_free (e->raw);
	g_free (e->domain);
	g_free (e->registrable);
	g_free (e);
}

StUrls *
st_urls_new (void)
{
	StUrls *urls = g_new0 (StUrls, 1);
	urls->urls = g_ptr_array_new_with_free_func (url_free);
	urls->emails = g_ptr_array_new_with_free_func (email_free);
	urls->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	ctab_init ();
	return urls;
}

void
st_urls_free (StUrls *urls)
{
	if (urls == NULL)
		return;
	g_ptr_array_unref (urls->urls);
	g_ptr_array_unref (urls->emails);
	g_hash_table_unref (urls->index);
	g_free (urls);
}

static gboolean
full (StUrls *urls)
{
	if (urls->urls->len + urls->emails->len < ST_URLS_MAX_ITEMS)
		return FALSE;
	urls->truncated = TRUE;
	return TRUE;
}

/* ---- host names -------------------------------------------------------- */

/* Percent-decodes @len bytes of @s; "%zz" stays as written. */
static char *
percent_decode (const char *s, gsize len)
{
	GString *out = g_string_sized_new (len);
	for (gsize i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) &&
			g_ascii_isxdigit (s[i + 2])) {
			g_string_append_c (out, (char)(g_ascii_xdigit_value (s[i + 1]) * 16 +
							g_ascii_xdigit_value (s[i + 2])));
			i += 2;
		} else {
			g_string_append_c (out, s[i]);
		}
	}
	return g_string_free (out, FALSE);
}

/* Lower-case ASCII form of a host as written (percent-decoded, Unicode
 * converted to punycode, trailing dots gone), or NULL when it cannot be a
 * host name. Sets ST_URL_IDN and ST_URL_ENTITIES in @flags. */
static char *
host_normalize (const char *s, gsize len, guint *flags)
{
	g_autofree char *decoded = NULL;

	if (memchr (s, '%', len) != NULL) {
		decoded = percent_decode (s, len);
		*flags |= ST_URL_ENTITIES;
	} else {
		decoded = g_strndup (s, len);
	}
	gsize n = strlen (decoded);
	while (n > 0 && decoded[n - 1] == '.')
		decoded[--n] = '\0';
	if (n == 0 || n > MAX_HOST)
		return NULL;

	g_autofree char *ascii = NULL;
	gboolean plain = TRUE;
	for (gsize i = 0; i < n; i++)
		if ((guchar)decoded[i] >= 0x80)
			plain = FALSE;
	if (plain) {
		ascii = g_ascii_strdown (decoded, -1);
	} else {
		if (!g_utf8_validate (decoded, -1, NULL))
			return NULL;
		g_autofree char *a = g_hostname_to_ascii (decoded);
		if (a == NULL)
			return NULL;
		ascii = g_ascii_strdown (a, -1);
		*flags |= ST_URL_IDN;
	}
	n = strlen (ascii);
	while (n > 0 && ascii[n - 1] == '.')
		ascii[--n] = '\0';
	if (n == 0 || n > MAX_HOST)
		return NULL;
	if (ascii[0] == '[') /* an IPv6 literal: RFC 3986 section 3.2.2 */
		return g_steal_pointer (&ascii);

	gsize label = 0;
	for (gsize i = 0; i < n; i++) {
		if (ascii[i] == '.') {
			if (label == 0)
				return NULL;
			label = 0;
		} else if (IS (ascii[i], C_HOST)) {
			if (++label > MAX_LABEL)
				return NULL;
		} else {
			return NULL;
		}
	}
	if (strstr (ascii, "xn--") != NULL)
		*flags |= ST_URL_IDN;
	return g_steal_pointer (&ascii);
}

/* inet_aton(3) reads "1113343455", "0x425c45de" and "66.92.0x45.221" as
 * IPv4 addresses and so do browsers; spam writes them to hide the address.
 * Returns the dotted quad, or NULL when @host is not all numbers. */
static char *
numeric_host (const char *host)
{
	g_auto (GStrv) parts = g_strsplit (host, ".", 5);
	guint n = g_strv_length (parts);
	guint64 v[4];

	if (n == 0 || n > 4)
		return NULL;
	for (guint k = 0; k < n; k++) {
		const char *p = parts[k];
		guint base = 10;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			base = 16;
			p += 2;
		} else if (p[0] == '0' && p[1] != '\0') {
			base = 8;
			p++;
		}
		if (strlen (p) > 12 || (p[0] == '\0' && base != 16))
			return NULL;
		v[k] = 0;
		for (; *p != '\0'; p++) {
			int d = g_ascii_xdigit_value (*p);
			if (d < 0 || (guint)d >= base)
				return NULL;
			v[k] = v[k] * base + (guint)d;
		}
	}
	guint64 addr = 0;
	for (guint k = 0; k + 1 < n; k++) {
		if (v[k] > 255)
			return NULL;
		addr = (addr << 8) | v[k];
	}
	guint rest = 4 - (n - 1);
	if (v[n - 1] >= ((guint64)1 << (8 * rest)))
		return NULL;
	addr = (addr << (8 * rest)) | v[n - 1];
	return g_strdup_printf ("%u.%u.%u.%u", (guint)(addr >> 24) & 255, (guint)(addr >> 16) & 255,
		(guint)(addr >> 8) & 255, (guint)addr & 255);
}

/* The last label of an ASCII host is a public suffix by itself. */
static gboolean
host_has_real_tld (const char *host)
{
	const char *dot = strrchr (host, '.');
	if (dot == NULL)
		return FALSE;
	const char *tld = dot + 1;
	gboolean alpha = TRUE;
	for (const char *p = tld; *p != '\0'; p++)
		if (!g_ascii_isalpha (*p))
			alpha = FALSE;
	if (!alpha && strncmp (tld, "xn--", 4) != 0)
		return FALSE;
	return is_suffix (tld, strlen (tld));
}

static gboolean
host_is_shortener (const char *host)
{
	for (gsize i = 0; i < G_N_ELEMENTS (shorteners); i++)
		if (st_domain_within (host, shorteners[i]))
			return TRUE;
	return FALSE;
}

/* ---- adding findings --------------------------------------------------- */

static void add_url_full (StUrls *urls, const char *s, gsize len, const char *raw, gsize rawlen,
	guint flags, StUrlsWhere where, guint part, int depth);

/* The value of query parameter @name in @query (without '?'), percent- and
 * '+'-decoded, or NULL. An empty @name means the whole query. */
static char *
query_param (const char *query, gsize len, const char *name)
{
	gsize nl = strlen (name);

	if (nl == 0)
		return percent_decode (query, len);
	gsize i = 0;
	while (i < len) {
		gsize j = i;
		while (j < len && query[j] != '&' && query[j] != ';')
			j++;
		if (j - i > nl && query[i + nl] == '=' && memcmp (query + i, name, nl) == 0) {
			g_autofree char *v = g_strndup (query + i + nl + 1, j - i - nl - 1);
			for (char *p = v; *p != '\0'; p++)
				if (*p == '+')
					*p = ' ';
			return percent_decode (v, strlen (v));
		}
		i = j + 1;
	}
	return NULL;
}

/* TRUE when @host falls under a redirector row's @domain. */
static gboolean
redirector_host (const char *host, const char *domain)
{
	gsize n = strlen (domain);
	if (n > 0 && domain[n - 1] == '.') {
		g_autofree char *reg = st_domain_registrable (host);
		return reg != NULL && g_str_has_prefix (reg, domain);
	}
	return st_domain_within (host, domain);
}

static gboolean
is_web_url (const char *v)
{
	return v != NULL && (g_ascii_strncasecmp (v, "http://", 7) == 0 ||
				    g_ascii_strncasecmp (v, "https://", 8) == 0);
}

/* The target a path tracker of @form carries in the @len bytes at @p (the
 * path after its prefix, query included), or NULL. */
static char *
tracker_target (TrackerForm form, const char *p, gsize len)
{
	switch (form) {
	case TRACK_PERCENT_SEGMENT: {
		const char *slash = memchr (p, '/', len);
		return percent_decode (p, slash != NULL ? (gsize)(slash - p) : len);
	}
	case TRACK_UNDERSCORES: {
		const char *end = g_strstr_len (p, (gssize)len, "__;");
		if (end == NULL)
			end = g_strstr_len (p, (gssize)len, "__");
		return end != NULL ? g_strndup (p, (gsize)(end - p)) : NULL;
	}
	case TRACK_PROOFPOINT_V2: {
		const char *q = memchr (p, '?', len);
		if (q == NULL)
			return NULL;
		g_autofree char *u = query_param (q + 1, len - (gsize)(q + 1 - p), "u");
		if (u == NULL)
			return NULL;
		/* "-3A" is "%3A", "_" is "/": undo the second, then the first */
		for (char *c = u; *c != '\0'; c++)
			if (*c == '_')
				*c = '/';
			else if (*c == '-' && g_ascii_isxdigit (c[1]) && g_ascii_isxdigit (c[2]))
				*c = '%';
		return percent_decode (u, strlen (u));
	}
	}
	return NULL;
}

/* The web address a base64 or base64url path segment of @len bytes at @p
 * encodes, or NULL: trackers of no row above (Mailjet's "/lnk/…/TARGET",
 * and others) carry their target so. Only an absolute http(s) URL of
 * printable ASCII counts; a short segment cannot hold one. New string. */
static char *
base64_segment_url (const char *p, gsize len)
{
	if (len < 16 || len > 4096)
		return NULL;
	GString *b = g_string_sized_new (len + 3);
	for (gsize i = 0; i < len; i++) {
		char c = p[i];
		if (c == '-' || c == '_')
			c = c == '-' ? '+' : '/';
		else if (!g_ascii_isalnum (c) && c != '+' && c != '/' && !(c == '=' && i >= len - 2)) {
			g_string_free (b, TRUE);
			return NULL;
		}
		g_string_append_c (b, c);
	}
	while (b->len % 4 != 0)
		g_string_append_c (b, '=');
	gsize n = 0;
	g_autofree guchar *raw = g_base64_decode (b->str, &n);
	g_string_free (b, TRUE);
	for (gsize i = 0; i < n; i++)
		if (raw[i] < 0x21 || raw[i] > 0x7e)
			return NULL;
	g_autofree char *v = g_strndup ((const char *)raw, n);
	return is_web_url (v) && strlen (v) > 12 ? g_steal_pointer (&v) : NULL;
}

/* The target a base64 segment of @path names, when it lies on another
 * registrable domain than @host's. New string, or NULL. */
static char *
base64_path_target (const char *host, const char *path, gsize pathlen)
{
	g_autofree char *own = st_domain_registrable (host);
	const char *end = path + pathlen;

	for (const char *seg = path; seg < end;) {
		const char *slash = memchr (seg, '/', (gsize)(end - seg));
		const char *stop = slash != NULL ? slash : end;
		g_autofree char *v = base64_segment_url (seg, (gsize)(stop - seg));
		if (v != NULL) {
			const char *h = strstr (v, "://") + 3;
			g_autofree char *th = g_ascii_strdown (h, (gssize)strcspn (h, "/?#:"));
			g_autofree char *treg = st_domain_registrable (th);
			if (treg != NULL && (own == NULL || strcmp (own, treg) != 0))
				return g_steal_pointer (&v);
		}
		seg = stop + 1;
	}
	return NULL;
}

/* When @host/@path is a known redirector or click tracker, its decoded
 * target, else NULL. */
static char *
redirect_target (const char *host, const char *rest, gsize restlen)
{
	const char *q = memchr (rest, '?', restlen);
	gsize pathlen = q != NULL ? (gsize)(q - rest) : restlen;

	for (gsize i = 0; i < G_N_ELEMENTS (path_trackers); i++) {
		gsize pl = strlen (path_trackers[i].path);
		if (!st_domain_within (host, path_trackers[i].domain) || restlen < pl ||
			g_ascii_strncasecmp (rest, path_trackers[i].path, pl) != 0)
			continue;
		g_autofree char *v =
			tracker_target (path_trackers[i].form, rest + pl, restlen - pl);
		if (is_web_url (v))
			return g_steal_pointer (&v);
	}
	char *in_path = base64_path_target (host, rest, pathlen);
	if (in_path != NULL)
		return in_path;
	if (q == NULL)
		return NULL;
	const char *query = q + 1;
	gsize qlen = restlen - pathlen - 1;
	const char *hash = memchr (query, '#', qlen);
	if (hash != NULL)
		qlen = (gsize)(hash - query);

	for (gsize i = 0; i < G_N_ELEMENTS (redirectors); i++) {
		gsize pl = strlen (redirectors[i].path);
		if (!redirector_host (host, redirectors[i].domain))
			continue;
		if (pathlen < pl || g_ascii_strncasecmp (rest, redirectors[i].path, pl) != 0)
			continue;
		g_auto (GStrv) names = g_strsplit (redirectors[i].params, "|", -1);
		for (char **n = names; *n != NULL; n++) {
			g_autofree char *v = query_param (query, qlen, *n);
			if (is_web_url (v))
				return g_steal_pointer (&v);
		}
	}
	g_autofree char *own = st_domain_registrable (host);
	for (gsize i = 0; i < G_N_ELEMENTS (redirect_params); i++) {
		g_autofree char *v = query_param (query, qlen, redirect_params[i]);
		if (!is_web_url (v))
			continue;
		/* the target's host: up to the first "/", "?", "#" or ":" */
		const char *h = strstr (v, "://") + 3;
		g_autofree char *th = g_ascii_strdown (h, (gssize)strcspn (h, "/?#:"));
		g_autofree char *treg = st_domain_registrable (th);
		if (treg != NULL && (own == NULL || strcmp (own, treg) != 0))
			return g_steal_pointer (&v);
	}
	return NULL;
}

static void
add_url_full (StUrls *urls, const char *s, gsize len, const char *raw, gsize rawlen, guint flags,
	StUrlsWhere where, guint part, int depth)
{
	g_autofree char *scheme = NULL;
	gsize i = 0;

	while (i < len && g_ascii_isalpha (s[i]))
		i++;
	if (i > 0 && len - i >= 3 && memcmp (s + i, "://", 3) == 0) {
		scheme = g_ascii_strdown (s, (gssize)i);
		i += 3;
	} else {
		scheme = g_strdup ("http");
		flags |= ST_URL_BARE;
		i = 0;
	}

	gsize auth = i;
	while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#' && s[i] != '\\')
		i++;
	gsize auth_end = i;
	gsize host_start = auth;
	for (gsize k = auth; k < auth_end; k++)
		if (s[k] == '@')
			host_start = k + 1;
	if (host_start != auth)
		flags |= ST_URL_USERINFO;
	gsize host_end = auth_end;
	const char *port = NULL;
	gsize portlen = 0;
	if (host_start < auth_end && s[host_start] == '[') {
		const char *close = memchr (s + host_start, ']', auth_end - host_start);
		if (close == NULL)
			return;
		host_end = (gsize)(close - s) + 1;
	}
	for (gsize k = host_end; k > host_start; k--) {
		if (s[k - 1] == ':') {
			port = s + k;
			portlen = host_end - k;
			host_end = k - 1;
			break;
		}
		if (!g_ascii_isdigit (s[k - 1]))
			break;
	}
	if (portlen > 5)
		return;

	g_autofree char *host = host_normalize (s + host_start, host_end - host_start, &flags);
	if (host == NULL)
		return;
	StIp ip;
	if (host[0] == '[' || st_ip_parse (host, -1, &ip)) {
		flags |= ST_URL_IP_HOST;
	} else {
		char *quad = numeric_host (host);
		if (quad != NULL) {
			g_free (host);
			host = quad;
			flags |= ST_URL_IP_HOST | ST_URL_OBFUSCATED;
		}
	}

	GString *u = g_string_new (scheme);
	g_string_append (u, "://");
	g_string_append (u, host);
	if (portlen > 0) {
		g_string_append_c (u, ':');
		g_string_append_len (u, port, (gssize)portlen);
	}
	g_string_append_len (u, s + auth_end, (gssize)(len - auth_end));
	g_autofree char *url = g_string_free (u, FALSE);

	g_autofree char *target = NULL;
	if (host_is_shortener (host))
		flags |= ST_URL_SHORTENER;
	else if ((target = redirect_target (host, s + auth_end, len - auth_end)) != NULL)
		flags |= ST_URL_REDIRECTOR;

	g_autofree char *key = g_strconcat ("u:", url, NULL);
	StUrl *found = g_hash_table_lookup (urls->index, key);
	if (found != NULL) {
		found->count++;
		found->flags |= flags;
	} else if (!full (urls)) {
		StUrl *item = g_new0 (StUrl, 1);
		item->url = g_steal_pointer (&url);
		item->raw = g_strndup (raw, rawlen);
		/* Without a real top-level domain the Public Suffix List's "*"
		 * rule would call "intranet" or "0x45.221" registrable. */
		if (!(flags & ST_URL_IP_HOST) && host_has_real_tld (host))
			item->registrable = st_domain_registrable (host);
		if (flags & ST_URL_IDN) {
			g_autofree char *uni = g_hostname_to_unicode (host);
			if (uni != NULL && strcmp (uni, host) != 0)
				item->host_unicode = g_steal_pointer (&uni);
		}
		item->host = g_steal_pointer (&host);
		item->target = target != NULL ? g_strdup (target) : NULL;
		item->flags = flags;
		item->where = where;
		item->part = part;
		item->count = 1;
		g_ptr_array_add (urls->urls, item);
		g_hash_table_insert (urls->index, g_steal_pointer (&key), item);
	}

	if (target != NULL && depth < MAX_REDIRECT_DEPTH) {
		gsize tl = strlen (target);
		add_url_full (
			urls, target, tl, target, tl, 0, ST_URLS_WHERE_REDIRECT, part, depth + 1);
	}
}

/* The mailbox, new or met before (its count and flags updated), or NULL
 * when it is none or the list is full. */
static StEmail *
add_email_full (StUrls *urls, const char *local, gsize locallen, const char *domain,
	gsize domainlen, const char *raw, gsize rawlen, guint flags, StUrlsWhere where, guint part)
{
	guint hflags = 0;

	if (locallen == 0 || locallen > MAX_LOCAL)
		return NULL;
	g_autofree char *host = host_normalize (domain, domainlen, &hflags);
	if (host == NULL || !host_has_real_tld (host))
		return NULL;
	g_autofree char *registrable = st_domain_registrable (host);
	if (registrable == NULL)
		return NULL;

	g_autofree char *address = g_strdup_printf ("%.*s@%s", (int)locallen, local, host);
	g_autofree char *lower = g_utf8_strdown (address, -1);
	g_autofree char *key = g_strconcat ("e:", lower, NULL);
	StEmail *found = g_hash_table_lookup (urls->index, key);
	if (found != NULL) {
		found->count++;
		found->flags |= flags;
		return found;
	}
	if (full (urls))
		return NULL;
	StEmail *e = g_new0 (StEmail, 1);
	e->address = g_steal_pointer (&address);
	e->raw = g_strndup (raw, rawlen);
	e->domain = g_steal_pointer (&host);
	e->registrable = g_steal_pointer (&registrable);
	e->flags = flags;
	e->where = where;
	e->part = part;
	e->count = 1;
	g_ptr_array_add (urls->emails, e);
	g_hash_table_insert (urls->index, g_steal_pointer (&key), e);
	return e;
}

void
st_urls_add_email (StUrls *urls, const char *address, guint flags, StUrlsWhere where, guint part)
{
	g_return_if_fail (urls != NULL && address != NULL);

	const char *at = strrchr (address, '@');
	if (at == NULL)
		return;
	gsize len = strlen (address);
	add_email_full (urls, address, (gsize)(at - address), at + 1,
		len - (gsize)(at - address) - 1, address, len, flags, where, part);
}

/* ---- pass 1: deobfuscation --------------------------------------------- */

/* The length of the word (letters, digits, '-') at @s[@i], at most 63. */
static gsize
word_len (const char *s, gsize n, gsize i)
{
	gsize k = i;
	while (k < n && k - i <= MAX_LABEL && (IS (s[k], C_ALNUM) || s[k] == '-'))
		k++;
	return k - i;
}

/* An obfuscated separator at @s[@i]: " dot ", " [dot] ", "[.]", "(dot)" …
 * Returns its length (0 when none); *@obfuscated tells whether it was one
 * of those or a plain ".". */
static gsize
dot_at (const char *s, gsize n, gsize i, gboolean *obfuscated)
{
	static const char *const forms[] = {
		" dot ",
		" [dot] ",
		" (dot) ",
		" {dot} ",
		"[dot]",
		"(dot)",
		"{dot}",
		" [.] ",
		"[.]",
		"(.)",
		"{.}",
	};
	for (gsize k = 0; k < G_N_ELEMENTS (forms); k++)
		if (prefix_ci (s, n, i, forms[k])) {
			*obfuscated = TRUE;
			return strlen (forms[k]);
		}
	*obfuscated = FALSE;
	return i < n && s[i] == '.' ? 1 : 0;
}

/* TRUE when @s[@i…] starts with an obfuscated domain: "example dot com",
 * "example [dot] co [dot] uk". Reads at most MAX_HOST bytes. */
static gboolean
obfuscated_domain_ahead (const char *s, gsize n, gsize i)
{
	gsize stop = MIN (n, i + MAX_HOST);
	gboolean any = FALSE;
	guint words = 0;
	gsize last = i, lastlen = 0;

	while (i < stop) {
		gsize w = word_len (s, stop, i);
		if (w == 0)
			return FALSE;
		words++;
		last = i;
		lastlen = w;
		i += w;
		gboolean obf;
		gsize d = dot_at (s, stop, i, &obf);
		if (d == 0 || i + d >= stop || word_len (s, stop, i + d) == 0)
			break;
		any |= obf;
		i += d;
	}
	return any && words >= 2 && is_suffix (s + last, lastlen);
}

static void
emit (GString *out, GArray *map, const char *s, gsize len, guint32 from)
{
	g_string_append_len (out, s, (gssize)len);
	if (map != NULL)
		for (gsize k = 0; k < len; k++)
			g_array_append_val (map, from);
}

/* Drops the spaces at the end of @out and reports whether a word character
 * precedes them. */
static gboolean
strip_spaces_after_word (GString *out, GArray *map)
{
	gsize n = out->len;
	while (n > 0 && out->str[n - 1] == ' ' && out->len - n < 3)
		n--;
	if (n == 0 || !IS (out->str[n - 1], C_ALNUM))
		return FALSE;
	g_string_truncate (out, n);
	if (map != NULL)
		g_array_set_size (map, n);
	return TRUE;
}

char *
st_urls_deobfuscate (const char *text, gsize len, GArray *map)
{
	GString *out = g_string_sized_new (len + 1);
	gsize i = 0;

	ctab_init ();
	if (map != NULL)
		g_array_set_size (map, 0);
	while (i < len) {
		char c = text[i];

		/* hxxp:// and hxxps:// (also hXXp) */
		if ((c == 'h' || c == 'H') && prefix_ci (text, len, i, "hxxp") && i + 4 < len &&
			(text[i + 4] == ':' || text[i + 4] == 's' || text[i + 4] == 'S' ||
				text[i + 4] == '[')) {
			emit (out, map, "http", 4, (guint32)i);
			i += 4;
			continue;
		}
		/* every bracketed form has one of these second */
		if ((c == '[' || c == '(' || c == '{') && i + 2 < len &&
			strchr (".dDaA@:/", text[i + 1]) != NULL && text[i + 1] != '\0') {
			gsize k;
			for (k = 0; k < G_N_ELEMENTS (bracketed); k++)
				if (prefix_ci (text, len, i, bracketed[k].from))
					break;
			if (k < G_N_ELEMENTS (bracketed)) {
				gsize after = i + strlen (bracketed[k].from);
				if (!bracketed[k].between_words) {
					emit (out, map, bracketed[k].to, strlen (bracketed[k].to),
						(guint32)i);
					i = after;
					continue;
				}
				gsize next = after;
				while (next < len && next - after < 3 && text[next] == ' ')
					next++;
				if (next < len && IS (text[next], C_ALNUM) &&
					strip_spaces_after_word (out, map)) {
					emit (out, map, bracketed[k].to, 1, (guint32)i);
					i = next;
					continue;
				}
			}
		}
		if (c == ' ' && out->len > 0 && IS (out->str[out->len - 1], C_ALNUM)) {
			/* "example dot com": only when what follows is a domain
			 * ending, to leave "connect the dot to" in peace. */
			if (prefix_ci (text, len, i, " dot ")) {
				gsize w = word_len (text, len, i + 5);
				gboolean obf;
				if (w > 0 &&
					(dot_at (text, len, i + 5 + w, &obf) > 0 ||
						is_suffix (text + i + 5, w)) &&
					(i + 5 + w >= len || !IS (text[i + 5 + w], C_ALNUM))) {
					emit (out, map, ".", 1, (guint32)i);
					i += 5;
					continue;
				}
			}
			/* "name at example dot com"; a plain "look at example.com"
			 * is prose, so an obfuscated dot must follow. */
			if (prefix_ci (text, len, i, " at ") &&
				IS (out->str[out->len - 1], C_LOCAL) &&
				obfuscated_domain_ahead (text, len, i + 4)) {
				emit (out, map, "@", 1, (guint32)i);
				i += 4;
				continue;
			}
		}
		if ((guchar)c >= 0xC2) {
			gunichar u = g_utf8_get_char_validated (text + i, (gssize)(len - i));
			gsize l = (gsize)g_utf8_skip[(guchar)c];
			if (u != (gunichar)-1 && u != (gunichar)-2 && l <= len - i) {
				gboolean drop = FALSE, dot = FALSE;
				for (gsize k = 0; k < G_N_ELEMENTS (invisible); k++)
					drop |= u == invisible[k];
				for (gsize k = 0; k < G_N_ELEMENTS (ideographic_dots); k++)
					dot |= u == ideographic_dots[k];
				if (drop) {
					i += l;
					continue;
				}
				if (dot && out->len > 0 && IS (out->str[out->len - 1], C_ALNUM) &&
					i + l < len && IS (text[i + l], C_ALNUM)) {
					emit (out, map, ".", 1, (guint32)i);
					i += l;
					continue;
				}
			}
		}
		emit (out, map, &text[i], 1, (guint32)i);
		i++;
	}
	if (map != NULL) {
		guint32 end = (guint32)len;
		g_array_append_val (map, end);
	}
	return g_string_free (out, FALSE);
}

/* ---- pass 2: scanning -------------------------------------------------- */

typedef struct {
	StUrls *urls;
	const char *orig;
	const char *s; /* deobfuscated */
	gsize n;
	const guint32 *map;
	StUrlsWhere where;
	guint part;
	gsize floor; /* nothing before this offset may be reused */
} Scan;

/* A word starts at @i: the byte before it cannot continue a name. */
static gboolean
at_boundary (const Scan *sc, gsize i)
{
	if (i == 0 || i <= sc->floor)
		return TRUE;
	guchar p = (guchar)sc->s[i - 1];
	if (p == '.') /* "…www.example.com" after an ellipsis */
		return i < 2 || (!IS (sc->s[i - 2], C_HOST) && sc->s[i - 2] != '/');
	if (p < 0x80)
		return !IS (p, C_HOST) && p != '@' && p != '/' && p != '%';
	const char *prev = g_utf8_find_prev_char (sc->s, sc->s + i);
	return prev == NULL || utf8_alnum_len (sc->s, sc->n, (gsize)(prev - sc->s)) == 0;
}

/* End of a host name starting at @i: labels of letters, digits, '-', '_'
 * and Unicode letters, separated by dots. */
static gsize
host_end (const Scan *sc, gsize i)
{
	gsize k = i;
	while (k < sc->n) {
		guchar c = (guchar)sc->s[k];
		gsize l;
		if (c < 0x80) {
			if (!IS (c, C_HOST) && c != '.')
				break;
			k++;
		} else if ((l = utf8_alnum_len (sc->s, sc->n, k)) > 0) {
			k += l;
		} else {
			break;
		}
	}
	return k;
}

/* End of a URL whose body starts at @i, without the punctuation that
 * ends the sentence around it and without unbalanced closing brackets. */
static gsize
url_end (const Scan *sc, gsize i)
{
	gsize k = i;
	gsize open_paren = 0, close_paren = 0, open_sq = 0, close_sq = 0;

	while (k < sc->n) {
		guchar c = (guchar)sc->s[k];
		gsize l;
		if (c < 0x80) {
			if (!IS (c, C_URL))
				break;
			open_paren += c == '(';
			close_paren += c == ')';
			open_sq += c == '[';
			close_sq += c == ']';
			k++;
		} else if ((l = utf8_url_len (sc->s, sc->n, k)) > 0) {
			k += l;
		} else {
			break;
		}
	}
	while (k > i) {
		char c = sc->s[k - 1];
		if (strchr (".,;:!?'\"*", c) != NULL) {
			k--;
		} else if (c == ')' && close_paren > open_paren) {
			close_paren--;
			k--;
		} else if (c == ']' && close_sq > open_sq) {
			close_sq--;
			k--;
		} else {
			break;
		}
	}
	return k;
}

static void
scan_emit_url (Scan *sc, gsize start, gsize end, guint flags)
{
	gsize rs = sc->map[start], re = sc->map[end];
	const char *raw = sc->orig + rs;
	gsize rawlen = re - rs;

	if (rawlen != end - start || memcmp (raw, sc->s + start, rawlen) != 0)
		flags |= ST_URL_OBFUSCATED;
	add_url_full (
		sc->urls, sc->s + start, end - start, raw, rawlen, flags, sc->where, sc->part, 0);
	sc->floor = end;
}

/* The text before offset @at of @s that can say what a mailbox there is:
 * its line, or the line above when nothing but punctuation precedes it on
 * its own, at most CONTEXT_WINDOW bytes; lower case. New string. */
static char *
context_window (const char *s, gsize at)
{
	gsize from = at > CONTEXT_WINDOW ? at - CONTEXT_WINDOW : 0;
	gsize line = at;
	gboolean words = FALSE;

	while (line > from && s[line - 1] != '\n')
		line--;
	for (gsize k = line; k < at && !words; k++)
		words = g_ascii_isalpha (s[k]) || (guchar)s[k] >= 0x80;
	if (!words && line > from) {
		line--;
		while (line > from && s[line - 1] != '\n')
			line--;
	}
	while (line < at && ((guchar)s[line] & 0xC0) == 0x80)
		line++; /* not inside a character */
	if (g_utf8_validate (s + line, (gssize)(at - line), NULL))
		return g_utf8_strdown (s + line, (gssize)(at - line));
	return g_ascii_strdown (s + line, (gssize)(at - line));
}

static gboolean
listed (const char *const *words, gsize n, const char *word, gsize len)
{
	for (gsize k = 0; k < n; k++)
		if (strlen (words[k]) == len && strncmp (words[k], word, len) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
word_char (guchar c)
{
	return g_ascii_isalnum (c) || c == '-' || c >= 0x80;
}

/* The start of the word that ends at @end, not before @w. */
static const char *
word_start (const char *w, const char *end)
{
	while (end > w && word_char ((guchar)end[-1]))
		end--;
	return end;
}

/* What the label before the last colon of @w says, when the address
 * follows it closely ("To: Alice <", "E-mail: ", "Reply to:"): the two
 * words before the colon, then the last one alone, are looked up as
 * contact and header labels. StEmailContext, or 0. */
static guint
label_context (const char *w)
{
	const char *colon = strrchr (w, ':');
	if (colon == NULL || strpbrk (colon, ".!?;") != NULL || strlen (colon) > 60)
		return 0;
	const char *end = colon;
	while (end > w && end[-1] == ' ')
		end--; /* French "Objet :" */
	const char *last = word_start (w, end);
	const char *starts[2] = { NULL, last };
	if (last - w >= 2 && last[-1] == ' ' && word_char ((guchar)last[-2]))
		starts[0] = word_start (w, last - 1);
	for (gsize k = 0; k < G_N_ELEMENTS (starts); k++) {
		if (starts[k] == NULL || starts[k] == end)
			continue;
		gsize n = (gsize)(end - starts[k]);
		if (listed (contact_labels, G_N_ELEMENTS (contact_labels), starts[k], n))
			return ST_EMAIL_CONTEXT_REPLY;
		if (listed (header_labels, G_N_ELEMENTS (header_labels), starts[k], n))
			return ST_EMAIL_CONTEXT_QUOTED;
	}
	return 0;
}

/* What the words before the mailbox at @ls say it is (StEmailContext). */
static guint
email_context (const Scan *sc, gsize ls)
{
	if (sc->where == ST_URLS_WHERE_HTML_SRC ||
		(ls >= 4 && g_ascii_strncasecmp (sc->s + ls - 4, "cid:", 4) == 0))
		return ST_EMAIL_CONTEXT_CONTENT_ID;
	g_autofree char *w = context_window (sc->s, ls);
	const char *p = w;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '*')
		p++;
	guint label = label_context (w);
	if (*p == '>' || label == ST_EMAIL_CONTEXT_QUOTED)
		return ST_EMAIL_CONTEXT_QUOTED;
	for (gsize k = 0; k < G_N_ELEMENTS (greeting_words); k++) {
		gsize n = strlen (greeting_words[k]);
		if (strncmp (p, greeting_words[k], n) == 0 && !g_ascii_isalpha (p[n]) &&
			strlen (p) < n + 40)
			return ST_EMAIL_CONTEXT_GREETING;
	}
	if (label == ST_EMAIL_CONTEXT_REPLY)
		return ST_EMAIL_CONTEXT_REPLY;
	for (gsize k = 0; k < G_N_ELEMENTS (reply_words); k++)
		if (strstr (w, reply_words[k]) != NULL)
			return ST_EMAIL_CONTEXT_REPLY;
	return 0;
}

/* A mailbox around the '@' at @at; returns the offset after it, or 0. */
static gsize
scan_email (Scan *sc, gsize at)
{
	gsize ls = at;
	while (ls > sc->floor && at - ls < MAX_LOCAL && IS (sc->s[ls - 1], C_LOCAL))
		ls--;
	while (ls < at && sc->s[ls] == '.')
		ls++;
	if (ls == at)
		return 0;
	gsize de = host_end (sc, at + 1);
	while (de > at + 1 && sc->s[de - 1] == '.')
		de--;
	if (de == at + 1 || de - at - 1 > MAX_HOST)
		return 0;

	guint flags = 0;
	gsize rs = sc->map[ls], re = sc->map[de];
	if (re - rs != de - ls || memcmp (sc->orig + rs, sc->s + ls, re - rs) != 0)
		flags |= ST_EMAIL_OBFUSCATED;
	if (ls >= 7 && g_ascii_strncasecmp (sc->s + ls - 7, "mailto:", 7) == 0)
		flags |= ST_EMAIL_MAILTO;
	StEmail *e = add_email_full (sc->urls, sc->s + ls, at - ls, sc->s + at + 1, de - at - 1,
		sc->orig + rs, re - rs, flags, sc->where, sc->part);
	/* what the words before it say, read for a real mailbox only, and for
	 * its first few occurrences: a text of a million "a@a" reads none */
	if (e != NULL && e->count <= CONTEXT_OCCURRENCES)
		e->context |= email_context (sc, ls);
	return de;
}

/* The ending of a bare host that is also a file extension. */
static gboolean
tld_is_file_like (const char *host)
{
	const char *dot = strrchr (host, '.');
	if (dot == NULL)
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS (file_like_tlds); i++)
		if (g_ascii_strcasecmp (dot + 1, file_like_tlds[i]) == 0)
			return TRUE;
	return FALSE;
}

/* A bare host name at [@i, @k): returns the end of the URL it starts, or 0. */
static gsize
scan_bare (Scan *sc, gsize i, gsize k)
{
	while (k > i && sc->s[k - 1] == '.')
		k--;
	if (k == i || memchr (sc->s + i, '.', k - i) == NULL || k - i > MAX_HOST)
		return 0;
	gboolean www = prefix_ci (sc->s, sc->n, i, "www.");
	guint flags = 0;
	g_autofree char *host = host_normalize (sc->s + i, k - i, &flags);
	if (host == NULL || !host_has_real_tld (host))
		return 0;
	g_autofree char *reg = st_domain_registrable (host);
	if (reg == NULL)
		return 0;

	gsize end = k;
	if (end + 1 < sc->n && sc->s[end] == ':' && g_ascii_isdigit (sc->s[end + 1])) {
		gsize p = end + 1;
		while (p < sc->n && g_ascii_isdigit (sc->s[p]))
			p++;
		end = p;
	}
	gboolean path = end < sc->n && (sc->s[end] == '/' || sc->s[end] == '?');
	if (path)
		end = url_end (sc, end);

	if (!www && !path) {
		/* "stopped.It was" is a sentence without its space. */
		const char *dot = sc->s + k - 1;
		while (*dot != '.')
			dot--;
		if (dot + 2 < sc->s + k && g_ascii_isupper (dot[1]) && g_ascii_islower (dot[2])) {
			gboolean ok = FALSE;
			for (gsize t = 0; t < G_N_ELEMENTS (capitalised_tlds_ok); t++)
				ok |= strlen (capitalised_tlds_ok[t]) ==
					      (gsize)(sc->s + k - dot - 1) &&
				      g_ascii_strncasecmp (dot + 1, capitalised_tlds_ok[t],
					      strlen (capitalised_tlds_ok[t])) == 0;
			if (!ok)
				return 0;
		}
		if (tld_is_file_like (host))
			return 0;
		/* "window.open(" and "document.write(" are calls, not hosts */
		if (k < sc->n && sc->s[k] == '(')
			return 0;
	}
	scan_emit_url (sc, i, end, 0);
	return end;
}

static const char *const schemes[] = { "https://", "http://", "ftp://" };

void
st_urls_scan_text (StUrls *urls, const char *text, gssize len, StUrlsWhere where, guint part)
{
	g_return_if_fail (urls != NULL);
	if (text == NULL)
		return;
	gsize n = len < 0 ? strlen (text) : (gsize)len;
	if (n >= G_MAXUINT32)
		n = G_MAXUINT32 - 1;

	g_autoptr (GArray) map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n + 1);
	g_autofree char *s = st_urls_deobfuscate (text, n, map);
	Scan sc = {
		.urls = urls,
		.orig = text,
		.s = s,
		.n = strlen (s),
		.map = (const guint32 *)(void *)map->data,
		.where = where,
		.part = part,
		.floor = 0,
	};
	/* A NUL inside the text ends it. */
	n = sc.n;

	gsize i = 0;
	while (i < n) {
		guchar c = (guchar)s[i];
		gsize end;

		if (c == 'h' || c == 'H' || c == 'f' || c == 'F') {
			gsize k;
			for (k = 0; k < G_N_ELEMENTS (schemes); k++)
				if (prefix_ci (s, n, i, schemes[k]))
					break;
			if (k < G_N_ELEMENTS (schemes)) {
				gsize body = i + strlen (schemes[k]);
				end = url_end (&sc, body);
				if (end > body)
					scan_emit_url (&sc, i, end, 0);
				i = MAX (end, body);
				continue;
			}
		}
		if (c == '@') {
			end = scan_email (&sc, i);
			if (end > 0) {
				sc.floor = end;
				i = end;
			} else {
				i++;
			}
			continue;
		}
		if ((IS (c, C_HOST) || c >= 0x80) && at_boundary (&sc, i)) {
			gsize k = host_end (&sc, i);
			if (k > i) {
				if (k < n && s[k] == '@') {
					i = k;
					continue;
				}
				end = scan_bare (&sc, i, k);
				i = end > 0 ? end : k;
				continue;
			}
		}
		i += c < 0x80 ? 1 : (gsize)MAX (1, g_utf8_skip[c]);
	}
}

/* ---- HTML: the links in its tags (html.c reads them) ------------------- */

static void
scan_attribute_value (StUrls *urls, const StHtmlAttr *a, StUrlsWhere where, guint part)
{
	g_autofree char *v = st_html_unescape (a->value, (gssize)a->valuelen);
	guint before = urls->urls->len;
	g_strstrip (v);
	if (v[0] == '/' && v[1] == '/' && v[2] != '/') {
		/* protocol-relative: "//cdn.example.com/x.gif" */
		char *abs = g_strconcat ("http:", v, NULL);
		g_free (v);
		v = abs;
	}
	gboolean numeric = g_strstr_len (a->value, (gssize)a->valuelen, "&#") != NULL;

	st_urls_scan_text (urls, v, -1, where, part);
	if (numeric)
		for (guint k = before; k < urls->urls->len; k++)
			((StUrl *)urls->urls->pdata[k])->flags |= ST_URL_ENTITIES;
}

typedef struct {
	StUrls *urls;
	guint part;
} Tags;

/* One start tag's attributes: those that hold a URL, and the target of a
 * meta refresh. */
static void
scan_tag_attributes (const StHtmlAttr *attrs, guint nattrs, gpointer data)
{
	const Tags *t = data;
	gboolean refresh = FALSE;

	for (guint a = 0; a < nattrs; a++)
		if (st_html_name_is (attrs[a].name, attrs[a].namelen, "http-equiv") &&
			st_html_name_is (attrs[a].value, attrs[a].valuelen, "refresh"))
			refresh = TRUE;
	for (guint a = 0; a < nattrs; a++) {
		if (refresh && st_html_name_is (attrs[a].name, attrs[a].namelen, "content")) {
			scan_attribute_value (
				t->urls, &attrs[a], ST_URLS_WHERE_HTML_REFRESH, t->part);
			continue;
		}
		for (gsize u = 0; u < G_N_ELEMENTS (url_attributes); u++)
			if (st_html_name_is (
				    attrs[a].name, attrs[a].namelen, url_attributes[u].name))
				scan_attribute_value (
					t->urls, &attrs[a], url_attributes[u].where, t->part);
	}
}

/* ---- HTML: what each link shows the reader ----------------------------- */

/* A link's text is looked for this far after its tag, no further. */
#define MAX_LINK_HTML 4096

static void
link_href (const StHtmlAttr *attrs, guint n, gpointer data)
{
	char **href = data;
	for (guint a = 0; a < n && *href == NULL; a++)
		if (st_html_name_is (attrs[a].name, attrs[a].namelen, "href"))
			*href = g_strstrip (
				st_html_unescape (attrs[a].value, (gssize)attrs[a].valuelen));
}

/* The words the @n bytes of @html show, spaces collapsed, cut on a
 * character boundary; "[image]" for a link made of an image; or NULL. */
static char *
link_text (const char *html, gsize n)
{
	g_autofree char *t = st_html_text (html, (gssize)n);
	GString *out = g_string_new (NULL);

	for (const char *p = t; *p != '\0'; p++) {
		gboolean space = g_ascii_isspace (*p);
		if (space && (out->len == 0 || out->str[out->len - 1] == ' '))
			continue;
		g_string_append_c (out, space ? ' ' : *p);
	}
	while (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate (out, out->len - 1);
	if (out->len > ST_URLS_MAX_LINK_TEXT) {
		gsize cut = ST_URLS_MAX_LINK_TEXT;
		while (cut > 0 && ((guchar)out->str[cut] & 0xC0) == 0x80)
			cut--;
		g_string_truncate (out, cut);
	}
	if (out->len == 0 && (g_strstr_len (html, (gssize)n, "<img") != NULL ||
				     g_strstr_len (html, (gssize)n, "<IMG") != NULL))
		g_string_assign (out, "[image]");
	if (out->len == 0) {
		g_string_free (out, TRUE);
		return NULL;
	}
	return g_string_free (out, FALSE);
}

/* The item of @urls that @text names, read as the scanner reads it. */
static StUrl *
url_lookup (StUrls *urls, const char *text)
{
	g_autoptr (StUrls) one = st_urls_new ();
	st_urls_scan_text (one, text, -1, ST_URLS_WHERE_HTML_HREF, 0);
	if (one->urls->len == 0)
		return NULL;
	g_autofree char *key = g_strconcat ("u:", ((StUrl *)one->urls->pdata[0])->url, NULL);
	return g_hash_table_lookup (urls->index, key);
}

/* One more link to @href showing @text: counted on it and on each target
 * a redirector behind it names. */
static void
note_link (StUrls *urls, const char *href, const char *text)
{
	g_autofree char *abs = href[0] == '/' && href[1] == '/' ? g_strconcat ("http:", href, NULL)
								: g_strdup (href);
	StUrl *u = url_lookup (urls, abs);

	for (int depth = 0; u != NULL && depth <= MAX_REDIRECT_DEPTH; depth++) {
		u->links++;
		if (u->text == NULL && text != NULL)
			u->text = g_strdup (text);
		u = u->target != NULL ? url_lookup (urls, u->target) : NULL;
	}
}

/* Each <a href> and the text up to its </a> (or the next <a>). Linear: the
 * text of a link is read at most MAX_LINK_HTML bytes far. */
static void
scan_link_texts (StUrls *urls, const char *html, gsize n)
{
	gsize i = 0;

	while (i + 2 < n) {
		const char *lt = memchr (html + i, '<', n - i);
		if (lt == NULL)
			return;
		i = (gsize)(lt - html) + 1;
		if (i + 1 >= n || g_ascii_tolower (html[i]) != 'a' ||
			!g_ascii_isspace (html[i + 1]))
			continue;
		const char *gt = memchr (html + i, '>', n - i);
		if (gt == NULL)
			return;
		gsize body = (gsize)(gt - html) + 1, end = body;
		gsize limit = MIN (n, body + MAX_LINK_HTML);
		g_autofree char *href = NULL;
		g_string_free (
			st_html_walk (lt, body - (gsize)(lt - html), link_href, &href), TRUE);
		for (; end < limit; end++)
			if (end + 2 < limit && html[end] == '<' &&
				((html[end + 1] == '/' && g_ascii_tolower (html[end + 2]) == 'a') ||
					(g_ascii_tolower (html[end + 1]) == 'a' &&
						g_ascii_isspace (html[end + 2]))))
				break;
		if (href != NULL && href[0] != '\0') {
			g_autofree char *text = link_text (html + body, end - body);
			note_link (urls, href, text);
		}
		i = body;
	}
}

void
st_urls_scan_html (StUrls *urls, const char *html, gssize len, guint part)
{
	g_return_if_fail (urls != NULL);
	if (html == NULL)
		return;
	gsize n = len < 0 ? strlen (html) : (gsize)len;
	Tags t = { urls, part };
	g_autoptr (GString) text = st_html_walk (html, n, scan_tag_attributes, &t);
	st_urls_scan_text (urls, text->str, (gssize)text->len, ST_URLS_WHERE_HTML_TEXT, part);
	scan_link_texts (urls, html, n);
}
