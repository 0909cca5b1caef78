/* body.c - what a spam advertises: the contacts found in every text part of its body.
 * RFC 2045 section 6, RFC 2046 sections 4.1.2 and 5 (encodings, charsets, multipart, rfc822).
 *
 * GMime parses; we walk the tree with our own stack (no recursion, so a
 * message nested a thousand deep costs a loop, not the C stack), decode each
 * text part to UTF-8 and hand it to urls.c, phone.cc and postal.c. Parts
 * with a file name are listed, never read: a PDF's text is not the body. */
#include "config.h"

#include <string.h>

#include "body.h"
#include "gmime-autoptr.h"
#include "html.h"
#include "json-write.h"
#include "phone.h"
#include "postal.h"

/* GMime's parser compares each line with every open boundary, so nested
 * multiparts cost depth squared: 50,000 levels took 8 s under ASan. Past
 * this many lines starting with "--" we read the bytes as plain text
 * instead (ST_BODY_NOT_MIME | ST_BODY_DEPTH_LIMIT). Real mail has dozens. */
#define MAX_BOUNDARY_LINES 4096

/* Evidence needs a few of each; more is noise (and a linear dedup). A
 * desk acts on the numbers a spam asks its reader to call: a handful. */
#define MAX_PHONES 5
#define MAX_ADDRESSES 64

static void
attachment_free (gpointer p)
{
	StBodyAttachment *a = p;
	g_free (a->filename);
	g_free (a->content_type);
	g_free (a);
}

void
st_body_free (StBody *body)
{
	if (body == NULL)
		return;
	st_urls_free (body->urls);
	g_free (body->region);
	g_free (body->region_reason);
	g_ptr_array_unref (body->phones);
	g_ptr_array_unref (body->addresses);
	g_ptr_array_unref (body->attachments);
	g_free (body);
}

static void
gmime_init_once (void)
{
	static gsize done = 0;

	if (g_once_init_enter (&done)) {
		g_mime_init ();
		g_once_init_leave (&done, 1);
	}
}

typedef struct {
	char *text; /* plain, or what an HTML part shows */
	char *tel;  /* an HTML part's tel: link targets, one a line, or NULL */
	StUrlsWhere where;
	guint part;
} Piece;

static void
piece_free (gpointer p)
{
	Piece *piece = p;
	g_free (piece->text);
	g_free (piece->tel);
	g_free (piece);
}

static char *tel_targets (const char *html, gsize len);

typedef struct {
	StBody *body;
	GPtrArray *pieces; /* Piece *: read for phones and addresses once the region is known */
	gsize text_used;
	GArray *votes;     /* Vote: clues for the region of national numbers */
	GMimeObject *root; /* the message's own part: its headers are the message's */
} Walk;

/* Finds URLs and mailboxes in one piece of UTF-8 text now, and keeps what
 * it shows for the phone and address finders. */
static void
read_text (Walk *w, const char *text, gsize len, gboolean html, guint part)
{
	StBody *body = w->body;

	if (len > ST_BODY_MAX_TEXT - w->text_used) {
		len = ST_BODY_MAX_TEXT - w->text_used;
		while (len > 0 && ((guchar)text[len] & 0xC0) == 0x80)
			len--; /* cut between characters, not inside one */
		body->issues |= ST_BODY_SIZE_LIMIT;
	}
	w->text_used += len;
	if (len == 0)
		return;
	Piece *piece = g_new0 (Piece, 1);
	piece->part = part;
	if (html) {
		st_urls_scan_html (body->urls, text, (gssize)len, part);
		/* Phones and postal addresses are read from what is shown,
		 * not from markup. */
		piece->text = st_html_text (text, (gssize)len);
		piece->tel = tel_targets (text, len);
		piece->where = ST_URLS_WHERE_HTML_TEXT;
	} else {
		st_urls_scan_text (body->urls, text, (gssize)len, ST_URLS_WHERE_TEXT, part);
		piece->text = g_strndup (text, len);
		piece->where = ST_URLS_WHERE_TEXT;
	}
	g_ptr_array_add (w->pieces, piece);
}

/* ---- the region national phone numbers are read in ---------------------
 *
 * A number written "020 7946 0958" has no country: libphonenumber needs a
 * region to read it in, and a wrong one loses the number or, worse, finds
 * another country's. We guess it from what the message says about where
 * its readers are, in four kinds of clue, strongest first. A weaker kind
 * only decides between regions the stronger kinds leave tied (a region
 * with no clue of a kind counts 0 there), so one .de link outweighs any
 * number of charset labels. Regions tied on every kind go to the one seen
 * first, and the reason says so.
 *
 * Not a clue: the zone of the Date: field. It is the clock of the machine
 * that sent the spam (a botnet's, often far from its readers), and one
 * offset spans a dozen countries (+0100 from Norway to Nigeria), so it
 * cannot name a region and would break ties between neighbours mostly at
 * random. Nor are charsets shared by several countries' languages: see
 * country_charsets[]. */
typedef enum {
	CLUE_BODY,     /* ccTLDs of URLs and mailboxes in the body and the Subject */
	CLUE_SENDER,   /* ccTLDs of the From: and Reply-To: mailboxes: forgeable, but chosen for
			* the readers (a spoofed bank.de is sent to Germans) */
	CLUE_LANGUAGE, /* Content-Language of the message or a text part */
	CLUE_CHARSET,  /* a text part's charset made for one country's script */
	N_CLUES
} Clue;

typedef struct {
	char region[3];
	guint n[N_CLUES];
	char tld[3];         /* CLUE_BODY: the first domain's, "uk" for GB */
	guint sender;        /* CLUE_SENDER: SENDER_FROM | SENDER_REPLY_TO */
	char language[16];   /* CLUE_LANGUAGE: the first tag, "de-AT" */
	const char *charset; /* CLUE_CHARSET: the first, from country_charsets[] */
} Vote;

enum { SENDER_FROM = 1 << 0, SENDER_REPLY_TO = 1 << 1 };

/* A hostile header lists thousands of language tags; a real one a few. */
#define MAX_LANGUAGE_TAGS 16

/* Country-code top-level domains that are sold as generic names (.ly for
 * "-ly", .io, .co, .me, .tv …) say nothing about where the sender is. */
static const char *const generic_cctlds[] = {
	"ly",
	"io",
	"co",
	"me",
	"tv",
	"cc",
	"ws",
	"to",
	"fm",
	"am",
	"gg",
	"ai",
	"la",
	"nu",
	"tk",
	"ml",
	"ga",
	"cf",
	"gq",
	"su",
	"eu",
};

/* Charsets made for the script of one country's language. Left out on
 * purpose: windows-1251, iso-8859-5 and cp866 (Cyrillic: Russian,
 * Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian, Kazakh…),
 * iso-8859-2 and windows-1250 (Central Europe), iso-8859-6 and windows-1256
 * (Arabic, two dozen countries), the Latin-1 family, UTF-8 and
 * iso-2022-jp-2 (made to mix languages). Big5 was made in Taiwan and is
 * its charset; Hong Kong writes Big5-HKSCS. Greek is written in Greece and
 * Cyprus, Hebrew in Israel, Turkish (iso-8859-9) in Turkey: the smaller
 * countries lose little when read as the larger. Names are compared in
 * lower case; the aliases are those mail is seen labelled with. */
static const struct {
	const char *charset;
	const char *region;
} country_charsets[] = {
	{ "iso-2022-jp", "JP" },
	{ "euc-jp", "JP" },
	{ "shift_jis", "JP" },
	{ "shift-jis", "JP" },
	{ "sjis", "JP" },
	{ "x-sjis", "JP" },
	{ "windows-31j", "JP" },
	{ "cp932", "JP" },
	{ "euc-kr", "KR" },
	{ "ks_c_5601-1987", "KR" },
	{ "iso-2022-kr", "KR" },
	{ "cp949", "KR" },
	{ "gb2312", "CN" },
	{ "gbk", "CN" },
	{ "gb18030", "CN" },
	{ "hz-gb-2312", "CN" },
	{ "euc-cn", "CN" },
	{ "cp936", "CN" },
	{ "big5", "TW" },
	{ "big5-hkscs", "HK" },
	{ "koi8-r", "RU" },
	{ "koi8-u", "UA" },
	{ "tis-620", "TH" },
	{ "windows-874", "TH" },
	{ "iso-8859-11", "TH" },
	{ "windows-1258", "VN" },
	{ "iso-8859-7", "GR" },
	{ "windows-1253", "GR" },
	{ "iso-8859-8", "IL" },
	{ "iso-8859-8-i", "IL" },
	{ "windows-1255", "IL" },
	{ "iso-8859-9", "TR" },
	{ "windows-1254", "TR" },
};

/* A language tag with no region subtag ("de", not "de-AT") names a region
 * only when most of the people who read it live in one country. Not here:
 * en, es, pt, ar, zh (and fr's neighbours would argue, but France has most
 * of its native readers). A tag with a region subtag names that region. */
static const struct {
	const char *language;
	const char *region;
} language_regions[] = {
	{ "ja", "JP" },
	{ "ko", "KR" },
	{ "de", "DE" },
	{ "fr", "FR" },
	{ "it", "IT" },
	{ "nl", "NL" },
	{ "pl", "PL" },
	{ "ru", "RU" },
	{ "uk", "UA" },
	{ "cs", "CZ" },
	{ "sk", "SK" },
	{ "hu", "HU" },
	{ "ro", "RO" },
	{ "bg", "BG" },
	{ "el", "GR" },
	{ "tr", "TR" },
	{ "he", "IL" },
	{ "iw", "IL" }, /* the code Hebrew had before 1989, still in Java's locales */
	{ "fi", "FI" },
	{ "sv", "SE" },
	{ "da", "DK" },
	{ "nb", "NO" },
	{ "nn", "NO" },
	{ "no", "NO" },
	{ "is", "IS" },
	{ "et", "EE" },
	{ "lv", "LV" },
	{ "lt", "LT" },
	{ "sl", "SI" },
	{ "hr", "HR" },
	{ "th", "TH" },
	{ "vi", "VN" },
	{ "id", "ID" },
	{ "fa", "IR" },
};

static Vote *
vote_for (GArray *votes, const char *region)
{
	for (guint k = 0; k < votes->len; k++) {
		Vote *v = &g_array_index (votes, Vote, k);
		if (strcmp (v->region, region) == 0)
			return v;
	}
	Vote v = { .region = "" };
	g_strlcpy (v.region, region, sizeof v.region);
	g_array_append_val (votes, v);
	return &g_array_index (votes, Vote, votes->len - 1);
}

/* The region of @domain's country-code top-level domain ("uk" → "GB"),
 * or FALSE when it has none, or one sold as a generic name, or one
 * libphonenumber cannot read numbers of. */
static gboolean
cctld_region (const char *domain, char region[3], char tld[3])
{
	if (domain == NULL)
		return FALSE;
	const char *dot = strrchr (domain, '.');
	const char *t = dot != NULL ? dot + 1 : domain;
	if (strlen (t) != 2 || !g_ascii_isalpha (t[0]) || !g_ascii_isalpha (t[1]))
		return FALSE;
	tld[0] = g_ascii_tolower (t[0]);
	tld[1] = g_ascii_tolower (t[1]);
	tld[2] = '\0';
	for (gsize g = 0; g < G_N_ELEMENTS (generic_cctlds); g++)
		if (strcmp (tld, generic_cctlds[g]) == 0)
			return FALSE;
	/* ISO 3166 says GB */
	g_strlcpy (region, strcmp (tld, "uk") == 0 ? "GB" : tld, 3);
	region[0] = g_ascii_toupper (region[0]);
	region[1] = g_ascii_toupper (region[1]);
	return st_phone_region_known (region);
}

static void
vote_domain (GArray *votes, const char *domain, Clue clue, guint sender)
{
	char region[3], tld[3];
	if (!cctld_region (domain, region, tld))
		return;
	Vote *v = vote_for (votes, region);
	if (v->n[CLUE_BODY] == 0 && clue == CLUE_BODY)
		memcpy (v->tld, tld, sizeof tld);
	if (v->sender == 0 && clue == CLUE_SENDER)
		memcpy (v->tld, tld, sizeof tld);
	v->n[clue]++;
	v->sender |= sender;
}

/* RFC 5646 section 2.1: subtags of one to eight letters and digits. An
 * empty tag splits into no subtag at all. */
static gboolean
language_tag_valid (char **sub)
{
	if (sub[0] == NULL)
		return FALSE;
	for (guint k = 0; sub[k] != NULL; k++) {
		gsize n = strlen (sub[k]);
		if (n < 1 || n > 8)
			return FALSE;
		for (gsize c = 0; c < n; c++)
			if (!g_ascii_isalnum (sub[k][c]))
				return FALSE;
	}
	return TRUE;
}

/* Each tag of a Content-Language value ("de-AT, en") with a region. */
static void
vote_languages (GArray *votes, const char *value)
{
	if (value == NULL)
		return;
	g_auto (GStrv) tags = g_strsplit (value, ",", MAX_LANGUAGE_TAGS + 1);
	for (guint t = 0; tags[t] != NULL && t < MAX_LANGUAGE_TAGS; t++) {
		g_auto (GStrv) sub = g_strsplit (g_strstrip (tags[t]), "-", 9);
		if (!language_tag_valid (sub))
			continue;
		gsize n = strlen (sub[0]);
		if (n < 2 || n > 3 || !g_ascii_isalpha (sub[0][0]) ||
			!g_ascii_isalpha (sub[0][1]) || (n == 3 && !g_ascii_isalpha (sub[0][2])))
			continue;
		g_autofree char *language = g_ascii_strdown (sub[0], -1);
		char region[3] = "";
		gboolean subtag = FALSE;
		/* the region subtag: two letters, after the language and an
		 * optional four-letter script (RFC 5646 section 2.2.4) */
		for (guint k = 1; sub[k] != NULL && k <= 2 && !subtag; k++)
			if (strlen (sub[k]) == 2 && g_ascii_isalpha (sub[k][0]) &&
				g_ascii_isalpha (sub[k][1])) {
				region[0] = g_ascii_toupper (sub[k][0]);
				region[1] = g_ascii_toupper (sub[k][1]);
				region[2] = '\0';
				subtag = TRUE;
			}
		for (gsize k = 0; k < G_N_ELEMENTS (language_regions) && !subtag; k++)
			if (strcmp (language, language_regions[k].language) == 0)
				g_strlcpy (region, language_regions[k].region, sizeof region);
		if (region[0] == '\0' || !st_phone_region_known (region))
			continue;
		Vote *v = vote_for (votes, region);
		/* only letters we checked: the reason reaches drafts */
		if (v->n[CLUE_LANGUAGE]++ == 0)
			g_snprintf (v->language, sizeof v->language, "%s%s%s", language,
				subtag ? "-" : "", subtag ? region : "");
	}
}

static void
vote_charset (GArray *votes, const char *charset)
{
	if (charset == NULL)
		return;
	for (gsize k = 0; k < G_N_ELEMENTS (country_charsets); k++)
		if (g_ascii_strcasecmp (charset, country_charsets[k].charset) == 0) {
			Vote *v = vote_for (votes, country_charsets[k].region);
			if (v->n[CLUE_CHARSET]++ == 0)
				v->charset = country_charsets[k].charset;
			return;
		}
}

/* The URLs and mailboxes found: the body's, and Reply-To:, which was
 * added as a header mailbox (and, counted more than once, seen in the
 * body too). */
static void
vote_found (GArray *votes, const StUrls *urls)
{
	for (guint k = 0; k < urls->urls->len; k++)
		vote_domain (votes, ((StUrl *)urls->urls->pdata[k])->registrable, CLUE_BODY, 0);
	for (guint k = 0; k < urls->emails->len; k++) {
		const StEmail *e = urls->emails->pdata[k];
		gboolean reply_to =
			(e->flags & ST_EMAIL_REPLY_TO) && e->where == ST_URLS_WHERE_HEADER;
		if (reply_to)
			vote_domain (votes, e->registrable, CLUE_SENDER, SENDER_REPLY_TO);
		if (!reply_to || e->count > 1)
			vote_domain (votes, e->registrable, CLUE_BODY, 0);
	}
}

/* > 0 when @a has more clues than @b, kind by kind, strongest first. */
static int
vote_compare (const Vote *a, const Vote *b)
{
	for (int c = 0; c < N_CLUES; c++)
		if (a->n[c] != b->n[c])
			return a->n[c] > b->n[c] ? 1 : -1;
	return 0;
}

/* "2 URLs or mailboxes under .uk, charset koi8-r": every clue of @v. */
static char *
vote_reason (const Vote *v)
{
	GString *out = g_string_new (NULL);
	const char *sep = "";
	if (v->n[CLUE_BODY] > 0) {
		guint n = v->n[CLUE_BODY];
		g_string_append_printf (out, "%u URL%s or mailbox%s under .%s", n,
			n == 1 ? "" : "s", n == 1 ? "" : "es", v->tld);
		sep = ", ";
	}
	if (v->sender != 0) {
		g_string_append_printf (out, "%s%s under .%s", sep,
			v->sender == SENDER_FROM       ? "From:"
			: v->sender == SENDER_REPLY_TO ? "Reply-To:"
						       : "From: and Reply-To:",
			v->tld);
		sep = ", ";
	}
	if (v->n[CLUE_LANGUAGE] > 0) {
		g_string_append_printf (out, "%sContent-Language %s", sep, v->language);
		sep = ", ";
	}
	if (v->n[CLUE_CHARSET] > 0)
		g_string_append_printf (out, "%scharset %s", sep, v->charset);
	return g_string_free (out, FALSE);
}

/* The region with the most clues, or NULL; *@reason names its clues. */
static char *
guess_region (GArray *votes, char **reason)
{
	const Vote *best = NULL;
	guint tied = 0;

	for (guint k = 0; k < votes->len; k++) {
		const Vote *v = &g_array_index (votes, Vote, k);
		int c = best != NULL ? vote_compare (v, best) : 1;
		if (c > 0) {
			best = v;
			tied = 0;
		} else if (c == 0) {
			tied++;
		}
	}
	if (best == NULL)
		return NULL;
	g_autofree char *clues = vote_reason (best);
	*reason = tied == 0 ? g_steal_pointer (&clues)
			    : g_strdup_printf ("%s; as many clues for %u other region%s, this one "
					       "was seen first",
				      clues, tied, tied == 1 ? "" : "s");
	return g_strdup (best->region);
}

static void
read_part (Walk *w, GMimePart *part, guint number)
{
	StBody *body = w->body;
	GMimeContentType *ct = g_mime_object_get_content_type (GMIME_OBJECT (part));
	const char *filename = g_mime_part_get_filename (part);
	gboolean is_text = GMIME_IS_TEXT_PART (part);

	if (!is_text || filename != NULL) {
		StBodyAttachment *a = g_new0 (StBodyAttachment, 1);
		a->filename = g_strdup (filename);
		a->content_type = ct != NULL ? g_mime_content_type_get_mime_type (ct)
					     : g_strdup ("application/octet-stream");
		a->part = number;
		g_ptr_array_add (body->attachments, a);
		return;
	}
	if (w->text_used >= ST_BODY_MAX_TEXT) {
		body->issues |= ST_BODY_SIZE_LIMIT;
		return;
	}
	g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
	if (text == NULL)
		return;
	/* A wrong charset label leaves bytes that are not UTF-8. */
	g_autofree char *valid = g_utf8_make_valid (text, -1);
	vote_charset (
		w->votes, ct != NULL ? g_mime_content_type_get_parameter (ct, "charset") : NULL);
	if (GMIME_OBJECT (part) != w->root)
		vote_languages (w->votes,
			g_mime_object_get_header (GMIME_OBJECT (part), "Content-Language"));
	gboolean html = ct != NULL && g_mime_content_type_is_type (ct, "text", "html");
	if (!html && ct != NULL && g_mime_content_type_is_type (ct, "text", "plain") &&
		st_html_looks_like (valid, -1))
		html = TRUE;
	body->text_parts++;
	read_text (w, valid, strlen (valid), html, number);
}

typedef struct {
	GMimeObject *object;
	guint depth;
} Frame;

static void
walk (Walk *w, GMimeObject *root)
{
	StBody *body = w->body;
	g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
	guint number = 0;

	g_array_append_val (stack, ((Frame){ root, 0 }));
	while (stack->len > 0) {
		Frame f = g_array_index (stack, Frame, stack->len - 1);
		g_array_set_size (stack, stack->len - 1);
		if (f.object == NULL)
			continue;
		if (f.depth > ST_BODY_MAX_DEPTH) {
			body->issues |= ST_BODY_DEPTH_LIMIT;
			continue;
		}
		if (GMIME_IS_MULTIPART (f.object)) {
			GMimeMultipart *mp = GMIME_MULTIPART (f.object);
			/* pushed last to first so that they are read first to last */
			for (int k = g_mime_multipart_get_count (mp) - 1; k >= 0; k--) {
				Frame child = { g_mime_multipart_get_part (mp, k), f.depth + 1 };
				g_array_append_val (stack, child);
			}
		} else if (GMIME_IS_MESSAGE_PART (f.object)) {
			GMimeMessage *inner =
				g_mime_message_part_get_message (GMIME_MESSAGE_PART (f.object));
			if (inner != NULL) {
				Frame child = { g_mime_message_get_mime_part (inner), f.depth + 1 };
				g_array_append_val (stack, child);
			}
		} else if (GMIME_IS_PART (f.object)) {
			if (number >= ST_BODY_MAX_PARTS) {
				body->issues |= ST_BODY_PARTS_LIMIT;
				continue;
			}
			read_part (w, GMIME_PART (f.object), ++number);
		}
	}
}

/* ---- the phone numbers ------------------------------------------------ */

static void
collect_tel (const StHtmlAttr *attrs, guint n, gpointer data)
{
	GString *out = data;
	for (guint k = 0; k < n; k++) {
		if (!st_html_name_is (attrs[k].name, attrs[k].namelen, "href"))
			continue;
		g_autofree char *v = st_html_unescape (attrs[k].value, (gssize)attrs[k].valuelen);
		g_strstrip (v);
		if (g_ascii_strncasecmp (v, "tel:", 4) != 0 || out->len > 4096)
			continue;
		g_autofree char *number = g_uri_unescape_string (v + 4, NULL);
		g_string_append_printf (
			out, "%s\n", g_strdelimit (number ? number : v + 4, "\n", ' '));
	}
}

/* The targets of an HTML part's tel: links, one a line; NULL when none. */
static char *
tel_targets (const char *html, gsize len)
{
	GString *out = g_string_new (NULL);
	g_string_free (st_html_walk (html, len, collect_tel, out), TRUE);
	if (out->len == 0) {
		g_string_free (out, TRUE);
		return NULL;
	}
	return g_string_free (out, FALSE);
}

/* Where a pasted thread starts: a reply's attribution line ("On … wrote:",
 * "Am … schrieb", "Le … a écrit", "El … escribió", "Em … escreveu", "Op …
 * schreef"), Outlook's "-----Original Message-----" or its "From: … Sent:"
 * block. The offset in @text, or its length. */
static gsize
own_length (const char *text)
{
	static GRegex *re;
	if (g_once_init_enter (&re)) {
		GRegex *r = g_regex_new (
			"-{2,} ?(?:Original Message|Urspr\\x{fc}ngliche Nachricht|Message "
			"d'origine|"
			"Mensaje original|Mensagem original|Oorspronkelijk bericht) ?-{2,}|"
			"(?:^|\\n)[ \\t>]*(?:On|Am|Le|El|Em|Op|Il) [^\\n]{1,200}"
			"(?:wrote|schrieb|a \\x{e9}crit|escribi\\x{f3}|escreveu|schreef|ha "
			"scritto) ?:|"
			"(?:^|\\n)\\*?From:\\*? [^\\n]{1,200}\\n\\*?(?:Sent|Date):",
			G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
		g_once_init_leave (&re, r);
	}
	g_autoptr (GMatchInfo) m = NULL;
	gint start = 0;
	if (re != NULL && g_regex_match (re, text, 0, &m) &&
		g_match_info_fetch_pos (m, 0, &start, NULL))
		return (gsize)start;
	return strlen (text);
}

/* The numbers @p offers to call: those of its tel: links, then those its
 * own text offers (a quoted thread's, on lines starting with ">" or after
 * the thread's start, are another sender's). */
static void
find_phones (GPtrArray *phones, const Piece *p, const char *region)
{
	if (p->tel != NULL)
		st_phone_find_tel (
			phones, p->tel, region, ST_URLS_WHERE_HTML_HREF, p->part, MAX_PHONES);
	gsize own = own_length (p->text);
	g_autofree char *text = g_strndup (p->text, own);
	/* blank the quoted lines, keeping the others where they are */
	for (char *line = text; line != NULL && *line != '\0';) {
		char *nl = strchr (line, '\n');
		if (line[strspn (line, " \t")] == '>')
			memset (line, ' ', nl != NULL ? (gsize)(nl - line) : strlen (line));
		line = nl != NULL ? nl + 1 : NULL;
	}
	st_phone_find_offered (phones, text, (gssize)own, region, p->where, p->part, MAX_PHONES);
}

static void
add_mailboxes (StUrls *urls, InternetAddressList *list, guint flags, guint depth)
{
	if (list == NULL || depth > 4)
		return;
	for (int k = 0; k < internet_address_list_length (list); k++) {
		InternetAddress *ia = internet_address_list_get_address (list, k);
		if (INTERNET_ADDRESS_IS_MAILBOX (ia)) {
			const char *addr = internet_address_mailbox_get_idn_addr (
				INTERNET_ADDRESS_MAILBOX (ia));
			if (addr != NULL)
				st_urls_add_email (urls, addr, flags, ST_URLS_WHERE_HEADER, 0);
		} else if (INTERNET_ADDRESS_IS_GROUP (ia)) {
			add_mailboxes (urls,
				internet_address_group_get_members (INTERNET_ADDRESS_GROUP (ia)),
				flags, depth + 1);
		}
	}
}

/* Counts lines starting with "--": each may open a level of nesting in
 * GMime's recursive parser. Stops counting at @limit. */
static gsize
boundary_lines (const char *data, gsize len, gsize limit)
{
	gsize count = 0;
	const char *p = data, *end = data + len;

	while (p < end && count < limit) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			count++;
		const char *nl = memchr (p, '\n', (gsize)(end - p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return count;
}

/* The end of the top header section of @data: the offset after its empty
 * line, or @len when it has none. */
static gsize
header_end (const char *data, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (data[i] != '\n')
			continue;
		if (i + 1 < len && data[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && data[i + 1] == '\r' && data[i + 2] == '\n')
			return i + 3;
	}
	return len;
}

/* The length to keep of the field of @n bytes at @f (n > ST_BODY_FIELD_MAX):
 * up to its last line end below the bound, else its last comma (then a
 * line end is added), else 0. */
static gsize
field_cut (const char *f, gsize n, gboolean *add_eol)
{
	*add_eol = FALSE;
	for (gsize i = ST_BODY_FIELD_MAX; i > 0; i--)
		if (f[i - 1] == '\n')
			return i;
	for (gsize i = ST_BODY_FIELD_MAX; i > 0; i--)
		if (f[i - 1] == ',') {
			*add_eol = TRUE;
			return i - 1;
		}
	return 0;
}

GMimeMessage *
st_body_mime_parse (const char *data, gsize len)
{
	g_autoptr (GString) diet = NULL;
	gsize end = header_end (data, len), start = 0;

	gmime_init_once ();
	/* the fields, each from its first line to the next that starts one */
	for (gsize i = 0; i < end; i++) {
		gboolean last = i + 1 >= end;
		if (!last && !(data[i] == '\n' && data[i + 1] != ' ' && data[i + 1] != '\t'))
			continue;
		gsize n = i + 1 - start;
		if (n > ST_BODY_FIELD_MAX && start < end) {
			gboolean add_eol;
			gsize keep = field_cut (data + start, n, &add_eol);
			if (diet == NULL) {
				diet = g_string_sized_new (len);
				g_string_append_len (diet, data, (gssize)start);
			}
			g_string_append_len (diet, data + start, (gssize)keep);
			if (add_eol)
				g_string_append_c (diet, '\n');
		} else if (diet != NULL) {
			g_string_append_len (diet, data + start, (gssize)n);
		}
		start = i + 1;
	}
	if (diet != NULL)
		g_string_append_len (diet, data + end, (gssize)(len - end));
	const char *text = diet != NULL ? diet->str : data;
	gsize text_len = diet != NULL ? diet->len : len;
	g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, text_len);
	g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
	g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
	/* the stream holds a copy of the buffer: @diet may go */
	return g_mime_parser_construct_message (parser, NULL);
}

StBody *
st_body_parse (const char *data, gsize len, const char *default_region)
{
	g_return_val_if_fail (data != NULL || len == 0, NULL);

	StBody *body = g_new0 (StBody, 1);
	body->urls = st_urls_new ();
	body->phones = g_ptr_array_new_with_free_func ((GDestroyNotify)st_phone_free);
	body->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify)st_postal_free);
	body->attachments = g_ptr_array_new_with_free_func (attachment_free);
	g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (piece_free);
	g_autoptr (GArray) votes = g_array_new (FALSE, FALSE, sizeof (Vote));
	Walk w = { body, pieces, 0, votes, NULL };

	gmime_init_once ();
	g_autoptr (GMimeMessage) message = NULL;
	if (boundary_lines (data, len, MAX_BOUNDARY_LINES) < MAX_BOUNDARY_LINES) {
		message = st_body_mime_parse (data, len);
	} else {
		body->issues |= ST_BODY_DEPTH_LIMIT;
	}

	if (message == NULL) {
		body->issues |= ST_BODY_NOT_MIME;
		g_autofree char *valid = g_utf8_make_valid (data, (gssize)len);
		read_text (&w, valid, strlen (valid), FALSE, 1);
	} else {
		add_mailboxes (
			body->urls, g_mime_message_get_reply_to (message), ST_EMAIL_REPLY_TO, 0);
		const char *subject = g_mime_message_get_subject (message);
		if (subject != NULL)
			st_urls_scan_text (body->urls, subject, -1, ST_URLS_WHERE_HEADER, 0);
		w.root = g_mime_message_get_mime_part (message);
		walk (&w, w.root);
	}
	if (default_region == NULL) {
		vote_found (votes, body->urls);
		if (message != NULL) {
			g_autoptr (StUrls) from = st_urls_new ();
			add_mailboxes (from, g_mime_message_get_from (message), 0, 0);
			for (guint k = 0; k < from->emails->len; k++)
				vote_domain (votes,
					((StEmail *)from->emails->pdata[k])->registrable,
					CLUE_SENDER, SENDER_FROM);
			/* GMime keeps the message's Content-* fields on its
			 * top part */
			if (w.root != NULL)
				vote_languages (votes,
					g_mime_object_get_header (w.root, "Content-Language"));
		}
	}

	g_autofree char *guessed = NULL;
	if (default_region != NULL) {
		body->region_reason = g_strdup ("named by the caller, not guessed");
	} else {
		body->region_guessed = TRUE;
		guessed = guess_region (votes, &body->region_reason);
		if (guessed == NULL)
			body->region_reason = g_strdup ("no clue in the message; US assumed");
	}
	const char *region = default_region != NULL ? default_region
			     : guessed != NULL      ? guessed
						    : "US";
	body->region = g_strdup (region);
	for (guint k = 0; k < pieces->len; k++) {
		const Piece *p = pieces->pdata[k];
		find_phones (body->phones, p, region);
		st_postal_find (body->addresses, p->text, -1, p->where, p->part, MAX_ADDRESSES);
	}
	if (body->urls->truncated)
		body->issues |= ST_BODY_ITEMS_LIMIT;
	return body;
}

/* ---- JSON -------------------------------------------------------------- */

static const struct {
	guint flag;
	const char *name;
} url_flag_names[] = {
	{ ST_URL_OBFUSCATED, "obfuscated" },
	{ ST_URL_BARE, "bare" },
	{ ST_URL_SHORTENER, "shortener" },
	{ ST_URL_REDIRECTOR, "redirector" },
	{ ST_URL_IDN, "idn" },
	{ ST_URL_IP_HOST, "ip-host" },
	{ ST_URL_USERINFO, "userinfo" },
	{ ST_URL_ENTITIES, "encoded" },
}, email_flag_names[] = {
	{ ST_EMAIL_OBFUSCATED, "obfuscated" },
	{ ST_EMAIL_MAILTO, "mailto" },
	{ ST_EMAIL_REPLY_TO, "reply-to" },
}, email_context_names[] = {
	{ ST_EMAIL_CONTEXT_REPLY, "reply" },
	{ ST_EMAIL_CONTEXT_QUOTED, "quoted" },
	{ ST_EMAIL_CONTEXT_GREETING, "greeting" },
	{ ST_EMAIL_CONTEXT_CONTENT_ID, "content-id" },
}, issue_names[] = {
	{ ST_BODY_NOT_MIME, "not-mime" },
	{ ST_BODY_DEPTH_LIMIT, "depth-limit" },
	{ ST_BODY_SIZE_LIMIT, "size-limit" },
	{ ST_BODY_PARTS_LIMIT, "parts-limit" },
	{ ST_BODY_ITEMS_LIMIT, "items-limit" },
};

#define JSON_FLAGS(j, key, table, flags)                                                           \
	do {                                                                                       \
		st_json_key (j, key);                                                              \
		st_json_begin_array (j);                                                           \
		for (gsize f_ = 0; f_ < G_N_ELEMENTS (table); f_++)                                \
			if ((flags)&table[f_].flag)                                                \
				st_json_str (j, table[f_].name);                                   \
		st_json_end_array (j);                                                             \
	} while (0)

/* The members every item ends with, and the end of the item. */
static void
json_where (StJson *j, StUrlsWhere where, guint part, guint count)
{
	st_json_member_str (j, "where", st_urls_where_name (where));
	st_json_member_int (j, "part", part);
	st_json_member_int (j, "count", count);
	st_json_end_object (j);
}

static void
urls_json (StJson *j, const StBody *body)
{
	st_json_key (j, "urls");
	st_json_begin_array (j);
	for (guint k = 0; k < body->urls->urls->len; k++) {
		const StUrl *u = body->urls->urls->pdata[k];
		st_json_begin_object (j);
		st_json_member_str_or_null (j, "url", u->url);
		st_json_member_str_or_null (j, "raw", u->raw);
		st_json_member_str_or_null (j, "host", u->host);
		st_json_member_str_or_null (j, "host_unicode", u->host_unicode);
		st_json_member_str_or_null (j, "registrable", u->registrable);
		st_json_member_str_or_null (j, "target", u->target);
		st_json_member_str_or_null (j, "text", u->text);
		st_json_member_int (j, "links", u->links);
		JSON_FLAGS (j, "flags", url_flag_names, u->flags);
		json_where (j, u->where, u->part, u->count);
	}
	st_json_end_array (j);
	st_json_key (j, "emails");
	st_json_begin_array (j);
	for (guint k = 0; k < body->urls->emails->len; k++) {
		const StEmail *e = body->urls->emails->pdata[k];
		st_json_begin_object (j);
		st_json_member_str_or_null (j, "address", e->address);
		st_json_member_str_or_null (j, "raw", e->raw);
		st_json_member_str_or_null (j, "domain", e->domain);
		st_json_member_str_or_null (j, "registrable", e->registrable);
		JSON_FLAGS (j, "flags", email_flag_names, e->flags);
		JSON_FLAGS (j, "context", email_context_names, e->context);
		json_where (j, e->where, e->part, e->count);
	}
	st_json_end_array (j);
}

static void
phones_addresses_json (StJson *j, const StBody *body)
{
	st_json_key (j, "phones");
	st_json_begin_array (j);
	for (guint k = 0; k < body->phones->len; k++) {
		const StPhone *p = body->phones->pdata[k];
		st_json_begin_object (j);
		st_json_member_str_or_null (j, "e164", p->e164);
		st_json_member_str_or_null (j, "raw", p->raw);
		st_json_member_int (j, "country_code", p->country_code);
		st_json_member_str_or_null (j, "region", p->region);
		st_json_member_str_or_null (j, "description", p->description);
		st_json_member_str_or_null (j, "type", p->type);
		st_json_member_str_or_null (j, "form", st_phone_form_name (p->form));
		st_json_member_str_or_null (j, "why", p->why);
		json_where (j, p->where, p->part, p->count);
	}
	st_json_end_array (j);
	st_json_key (j, "addresses");
	st_json_begin_array (j);
	for (guint k = 0; k < body->addresses->len; k++) {
		const StPostal *a = body->addresses->pdata[k];
		st_json_begin_object (j);
		st_json_member_str_or_null (j, "line", a->line);
		st_json_member_str_or_null (j, "kind", st_postal_kind_name (a->kind));
		json_where (j, a->where, a->part, a->count);
	}
	st_json_end_array (j);
}

void
st_body_json_members (StJson *j, const StBody *body)
{
	g_return_if_fail (j != NULL && body != NULL);
	urls_json (j, body);
	phones_addresses_json (j, body);
	st_json_key (j, "attachments");
	st_json_begin_array (j);
	for (guint k = 0; k < body->attachments->len; k++) {
		const StBodyAttachment *a = body->attachments->pdata[k];
		st_json_begin_object (j);
		st_json_member_str_or_null (j, "filename", a->filename);
		st_json_member_str_or_null (j, "content_type", a->content_type);
		st_json_member_int (j, "part", a->part);
		st_json_end_object (j);
	}
	st_json_end_array (j);
	st_json_member_str_or_null (j, "region", body->region);
	st_json_member_str_or_null (j, "region_reason", body->region_reason);
	st_json_member_bool (j, "region_guessed", body->region_guessed);
	JSON_FLAGS (j, "issues", issue_names, body->issues);
}

char *
st_body_to_json (const StBody *body)
{
	g_return_val_if_fail (body != NULL, NULL);
	GString *out = g_string_new (NULL);
	StJson j;

	st_json_init (&j, out);
	st_json_begin_object (&j);
	st_body_json_members (&j, body);
	st_json_end_object (&j);
	return g_string_free (out, FALSE);
}
