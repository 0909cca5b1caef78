/* received.c - one Received: header field into the facts it records.
 * RFC 5321 section 4.4 (Time-stamp-line), RFC 5322 section 3.6.7, RFC 3848 (with keywords).
 *
 * A Received: value is read in three passes:
 *   1. lex: words, (comments), [literals], <angles> and ";" at depth 0;
 *   2. clauses: from, by, via, with, id, for and the date after the last ";";
 *   3. meaning: which server wrote it (the dialect table) decides what the
 *      name after "from" is, and the comments give address, rDNS, HELO,
 *      ident and authentication.
 * Every server writes its own dialect; see doc/VIOLATIONS.md for what we
 * tolerate. Nothing here fails: odd lines become flags. */
#include "config.h"

#include <string.h>

#include "date.h"
#include "ip.h"
#include "received.h"

/* Real Received: lines are well under 1 KB; hostile ones can be megabytes.
 * Past this length only the start is read. */
#define MAX_VALUE 16384

typedef enum {
	TOK_WORD,
	TOK_COMMENT, /* text inside the outer parentheses */
	TOK_LITERAL, /* text inside [ ] */
	TOK_ANGLE,   /* text inside < > */
	TOK_SEMI,
} TokKind;

typedef struct {
	TokKind kind;
	const char *s;
	gsize len;
	gsize end; /* offset just past the token in the normalized text */
} Tok;

typedef enum {
	CL_NONE,
	CL_FROM,
	CL_BY,
	CL_VIA,
	CL_WITH,
	CL_ID,
	CL_FOR,
	CL_DATE,
} Clause;

static const struct {
	const char *word;
	Clause clause;
} keywords[] = {
	{ "from", CL_FROM },
	{ "by", CL_BY },
	{ "via", CL_VIA },
	{ "with", CL_WITH },
	{ "id", CL_ID },
	{ "for", CL_FOR },
};

/* The clauses of one line, as token spans of the normalized text. */
typedef struct {
	const char *text;
	GArray *toks;
	const Tok *from_name;
	GPtrArray *from_info;  /* comments and literals after the from name */
	GPtrArray *from_words; /* words after the from name */
	const Tok *by_name;
	GPtrArray *by_info;  /* comments after the by name */
	GPtrArray *lead;     /* comments before any clause */
	GPtrArray *comments; /* every comment, for envelope-from */
	GPtrArray *remarks;  /* words and <angles> after a clause's value */
	GString *with;
	GString *via;
	const Tok *id;
	const Tok *for_tok;
	gint date_first, date_last; /* token indexes of the last date span */
	gboolean have_semi;
	gboolean seen_from, seen_by;
	const Tok *from_sender; /* XMail, IBM: "for <rcpt> from <sender>" */
} Clauses;

static gboolean
tok_is (const Tok *t, const char *word)
{
	gsize n = strlen (word);
	return t->kind == TOK_WORD && t->len == n && g_ascii_strncasecmp (t->s, word, n) == 0;
}

static char *
tok_dup (const Tok *t)
{
	return g_strndup (t->s, t->len);
}

static gboolean
is_white (guchar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static gboolean
is_control (guchar c)
{
	return (c < 0x20 && !is_white (c)) || c == 0x7f;
}

/* Returns @s with runs of white space collapsed and both ends trimmed. A
 * control byte (NUL included) between two other bytes stands in for one
 * byte of a word, "mail\0.example.net", and becomes "?" so that the word
 * stays whole; next to white space or another control byte it is white
 * space. */
static char *
normalize (const char *value, gsize len, guint *flags)
{
	GString *out = g_string_sized_new (len + 1);
	gboolean space = TRUE;

	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)value[i];
		if (is_control (c)) {
			*flags |= ST_RECEIVED_CONTROL_CHARS;
			if (!space && i + 1 < len && !is_white ((guchar)value[i + 1]) &&
				!is_control ((guchar)value[i + 1])) {
				g_string_append_c (out, '?');
				continue;
			}
		}
		if (is_white (c) || is_control (c)) {
			if (!space)
				g_string_append_c (out, ' ');
			space = TRUE;
		} else {
			g_string_append_c (out, (char)c);
			space = FALSE;
		}
	}
	if (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate (out, out->len - 1);
	return g_string_free (out, FALSE);
}

static void
lex (const char *s, GArray *toks, guint *flags)
{
	gsize i = 0, n = strlen (s);

	while (i < n) {
		Tok t = { 0 };
		char c = s[i];

		if (c == ' ') {
			i++;
			continue;
		}
		if (c == '(') {
			int depth = 1;
			gsize start = ++i;
			while (i < n && depth > 0) {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				else if (s[i] == '(')
					depth++;
				else if (s[i] == ')')
					depth--;
				i++;
			}
			if (depth > 0)
				*flags |= ST_RECEIVED_UNBALANCED;
			t.kind = TOK_COMMENT;
			t.s = s + start;
			t.len = (depth > 0 ? i : i - 1) - start;
		} else if (c == '[' || c == '<') {
			char close = c == '[' ? ']' : '>';
			gsize start = ++i;
			while (i < n && s[i] != close)
				i++;
			if (i >= n) {
				/* "by [mx.example.org with ESMTP; date": a bracket
				 * that never closes would swallow every clause after
				 * it, so it is dropped and the rest read as usual. */
				*flags |= ST_RECEIVED_UNBALANCED;
				i = start;
				continue;
			}
			t.kind = c == '[' ? TOK_LITERAL : TOK_ANGLE;
			t.s = s + start;
			t.len = i - start;
			if (i < n)
				i++;
			/* Exim writes [ip]:port; the port belongs to the literal. */
			while (t.kind == TOK_LITERAL && i < n &&
				(s[i] == ':' || g_ascii_isdigit (s[i])))
				i++;
		} else if (c == ';') {
			t.kind = TOK_SEMI;
			t.s = s + i;
			t.len = 1;
			i++;
		} else if (c == ')' || c == ']' || c == '>') {
			/* a closer with no opener: skip it, or the word scan
			 * below would stop on it forever */
			*flags |= ST_RECEIVED_UNBALANCED;
			i++;
			continue;
		} else {
			gsize start = i;
			while (i < n && !strchr (" ()[]<>;", s[i]))
				i++;
			/* A literal glued to a word ("user@[1.2.3.4]") stays one word. */
			if (i < n && s[i] == '[' && i > start && s[i - 1] == '@') {
				while (i < n && s[i] != ']' && s[i] != ' ')
					i++;
				if (i < n && s[i] == ']')
					i++;
			}
			t.kind = TOK_WORD;
			t.s = s + start;
			t.len = i - start;
		}
		t.end = i;
		g_array_append_val (toks, t);
	}
}

static Clause
keyword_of (const Tok *t)
{
	for (gsize k = 0; k < G_N_ELEMENTS (keywords); k++)
		if (tok_is (t, keywords[k].word))
			return keywords[k].clause;
	return CL_NONE;
}

static void
clauses_init (Clauses *c, const char *text)
{
	memset (c, 0, sizeof *c);
	c->text = text;
	c->toks = g_array_new (FALSE, TRUE, sizeof (Tok));
	c->from_info = g_ptr_array_new ();
	c->from_words = g_ptr_array_new ();
	c->by_info = g_ptr_array_new ();
	c->lead = g_ptr_array_new ();
	c->comments = g_ptr_array_new ();
	c->remarks = g_ptr_array_new ();
	c->with = g_string_new (NULL);
	c->via = g_string_new (NULL);
	c->date_first = c->date_last = -1;
}

static void
clauses_clear (Clauses *c)
{
	g_array_free (c->toks, TRUE);
	g_ptr_array_free (c->from_info, TRUE);
	g_ptr_array_free (c->from_words, TRUE);
	g_ptr_array_free (c->by_info, TRUE);
	g_ptr_array_free (c->lead, TRUE);
	g_ptr_array_free (c->comments, TRUE);
	g_ptr_array_free (c->remarks, TRUE);
	g_string_free (c->with, TRUE);
	g_string_free (c->via, TRUE);
}

static void
split_clauses (Clauses *c)
{
	Clause state = CL_NONE;
	gboolean want_value = FALSE;  /* the clause keyword still awaits its value */
	gboolean with_closed = FALSE; /* a comment ended the with words */
	gint date_start = -1;

	for (guint i = 0; i < c->toks->len; i++) {
		const Tok *t = &g_array_index (c->toks, Tok, i);
		Clause kw = t->kind == TOK_WORD && !want_value ? keyword_of (t) : CL_NONE;

		if (t->kind == TOK_COMMENT)
			g_ptr_array_add (c->comments, (gpointer)t);

		if (t->kind == TOK_SEMI) {
			if (state == CL_DATE && date_start >= 0) {
				c->date_first = date_start;
				c->date_last = (gint)i - 1;
			}
			state = CL_DATE;
			c->have_semi = TRUE;
			date_start = -1;
			want_value = FALSE;
			continue;
		}
		if (kw != CL_NONE && !(state == CL_DATE && kw != CL_ID && kw != CL_FOR &&
					     kw != CL_FROM && kw != CL_BY && kw != CL_WITH)) {
			if (state == CL_DATE && date_start >= 0) {
				c->date_first = date_start;
				c->date_last = (gint)i - 1;
				date_start = -1;
			}
			/* Mimecast writes "with ESMTP with STARTTLS" and "with
			 * ESMTP with both STARTTLS and AUTH": the protocol is the
			 * first with's words, a second with only remarks on it */
			with_closed = kw == CL_WITH && c->with->len > 0;
			state = kw;
			want_value = TRUE;
			if (kw == CL_FROM)
				c->seen_from = TRUE;
			else if (kw == CL_BY)
				c->seen_by = TRUE;
			continue;
		}

		switch (state) {
		case CL_NONE:
			if (t->kind == TOK_COMMENT)
				g_ptr_array_add (c->lead, (gpointer)t);
			break;
		case CL_FROM:
			/* the first name wins: IBM's gateway writes a second
			 * "from <sender>" after "for" */
			if (want_value && (t->kind == TOK_WORD || t->kind == TOK_LITERAL) &&
				c->from_name == NULL)
				c->from_name = t;
			else if (want_value && t->kind == TOK_ANGLE && c->from_name != NULL)
				c->from_sender = t;
			else if (t->kind == TOK_COMMENT || t->kind == TOK_LITERAL)
				g_ptr_array_add (c->from_info, (gpointer)t);
			else if (t->kind == TOK_WORD && c->from_name != NULL)
				g_ptr_array_add (c->from_words, (gpointer)t);
			break;
		case CL_BY:
			/* qmail-scanner writes "by host by uid 89": the host
			 * comes first */
			if (want_value && (t->kind == TOK_WORD || t->kind == TOK_LITERAL) &&
				c->by_name == NULL)
				c->by_name = t;
			else if (t->kind == TOK_COMMENT)
				g_ptr_array_add (c->by_info, (gpointer)t);
			break;
		case CL_WITH:
		case CL_VIA: {
			GString *g = state == CL_WITH ? c->with : c->via;
			if (t->kind == TOK_WORD && !with_closed) {
				if (g->len > 0)
					g_string_append_c (g, ' ');
				g_string_append_len (g, t->s, t->len);
			} else if (t->kind == TOK_COMMENT && state == CL_WITH) {
				/* comments after the protocol describe TLS or software;
				 * one before it (Axigen's "with (… encrypted) ESMTPS",
				 * T-Online's) leaves the protocol word to come */
				g_ptr_array_add (c->by_info, (gpointer)t);
				with_closed = g->len > 0;
			} else {
				with_closed = TRUE;
			}
			break;
		}
		case CL_ID:
			/* the first id: a second "by … id" clause is someone's
			 * addition, not the writer's */
			if (want_value && t->kind != TOK_COMMENT && c->id == NULL)
				c->id = t;
			else if (t->kind == TOK_WORD || t->kind == TOK_ANGLE)
				/* OpenSMTPD's "auth=yes user=x", Haraka's
				 * "envelope-from <x>" after the id */
				g_ptr_array_add (c->remarks, (gpointer)t);
			break;
		case CL_FOR:
			if (want_value && (t->kind == TOK_WORD || t->kind == TOK_ANGLE))
				c->for_tok = t;
			break;
		case CL_DATE:
			if (date_start < 0)
				date_start = (gint)i;
			break;
		}
		want_value = FALSE;
	}
	if (state == CL_DATE && date_start >= 0) {
		c->date_first = date_start;
		c->date_last = (gint)c->toks->len - 1;
	}
}

/* ---- what a from comment says about the client ------------------------ */

/* One address written where a client's address goes, with what stands
 * beside it. A line may write several (a HELO made of a comment writes
 * its own): the dialect decides which is the client's. */
typedef struct {
	char *ip; /* canonical, or as written when invalid */
	gboolean invalid;
	gboolean bare;         /* written without brackets: "(1.2.3.4)" */
	gboolean port;         /* a port joined to it: qmail never writes one */
	char *rdns;            /* the name written just before [ip] */
	char *ident;           /* "user@ip", "IDENT:user@rdns [ip]" */
	gboolean remoteinfo;   /* qmail's "(user@ip)": identd or the AUTH user */
	gboolean rdns_unknown; /* "unknown [ip]": looked up, no name */
} Addr;

static void
addr_clear (Addr *a)
{
	g_free (a->ip);
	g_free (a->rdns);
	g_free (a->ident);
	memset (a, 0, sizeof *a);
}

typedef struct {
	Addr addr;           /* the client's address, as the dialect chose it */
	char *helo;          /* HELO x, EHLO x, helo=x */
	gboolean helo_given; /* a HELO was written, perhaps empty: "(HELO )" */
	char *ident;
	char *auth; /* from comments: Postfix, Sendmail, Communigate, mechanism */
	char *auth_user;
	gboolean may_be_forged;
	gboolean verified;
} Client;

static void
client_clear (Client *cl)
{
	addr_clear (&cl->addr);
	g_free (cl->helo);
	g_free (cl->ident);
	g_free (cl->auth);
	g_free (cl->auth_user);
	memset (cl, 0, sizeof *cl);
}

/* Splits a comment's text into words; nested parentheses and brackets stay
 * whole, each a single word. */
static GPtrArray *
comment_words (const char *s, gsize len)
{
	GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
	gsize i = 0;

	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		gsize start = i;
		int depth = 0;
		gboolean bracket = FALSE;
		while (i < len) {
			char c = s[i];
			if (c == '(')
				depth++;
			else if (c == ')' && depth > 0)
				depth--;
			else if (c == '[' && depth == 0 && i > start &&
				 (g_ascii_isalnum (s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-'))
				/* "name[192.0.2.1]": Postfix's log form, copied into
				 * forged lines; the name and the literal are two words
				 * ("user@[ip]" and "helo=[ip]" stay one) */
				break;
			else if (c == '[')
				bracket = TRUE;
			else if (c == ']')
				bracket = FALSE;
			else if (c == ' ' && depth == 0 && !bracket)
				break;
			i++;
		}
		g_ptr_array_add (words, g_strndup (s + start, i - start));
	}
	return words;
}

static char *
strip_trailing (char *s, const char *chars)
{
	gsize n = strlen (s);
	while (n > 0 && strchr (chars, s[n - 1]))
		s[--n] = '\0';
	return s;
}

static char *
strip_angles (const char *s)
{
	gsize n = strlen (s);
	if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
		return g_strndup (s + 1, n - 2);
	if (n >= 1 && s[0] == '<')
		return g_strdup (s + 1);
	return g_strdup (s);
}

/* Inside brackets, text made only of what addresses are made of, with the
 * dots of an IPv4 address or the colons of an IPv6 one, is an address
 * literal even when it is no address: forged lines write "[192.0.2.1.]" and
 * "[IPv6:2001:db8:1:2:3:4:5:6:7]". Drops the "IPv6:" tag. "[999.1]" has too
 * few dots to say what it is meant to be. */
static gboolean
literal_shaped (const char **p, gsize *len)
{
	const char *s = *p;
	gsize n = *len;
	int dots = 0, colons = 0, digits = 0;

	if (n > 5 && g_ascii_strncasecmp (s, "IPv6:", 5) == 0) {
		s += 5;
		n -= 5;
	}
	for (gsize i = 0; i < n; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] == ':')
			colons++;
		else if (g_ascii_isdigit (s[i]))
			digits++;
		else if (!g_ascii_isxdigit (s[i]))
			return FALSE;
	}
	if (digits == 0 || (dots < 3 && colons < 2))
		return FALSE;
	*p = s;
	*len = n;
	return TRUE;
}

/* "192.000.002.010": no server writes an octet with a leading zero (some
 * parsers read it as octal, others as decimal); a forger's literal. */
static gboolean
leading_zero_octet (const char *p, gsize len)
{
	gboolean start = TRUE;

	for (gsize i = 0; i < len; i++) {
		if (p[i] == '.') {
			start = TRUE;
			continue;
		}
		if (!g_ascii_isdigit (p[i]))
			return FALSE;
		if (start && p[i] == '0' && i + 1 < len && g_ascii_isdigit (p[i + 1]))
			return TRUE;
		start = FALSE;
	}
	return FALSE;
}

/* A port number: 1 to 5 digits, at most 65535. */
static gboolean
is_port (const char *p, gsize len)
{
	guint v = 0;
	if (len == 0 || len > 5)
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isdigit (p[i]))
			return FALSE;
		v = v * 10 + (guint)(p[i] - '0');
	}
	return v <= 65535;
}

/* The length of the address in an IPv4 address followed by its port, as
 * servers join them: with a colon, "192.0.2.1:23198" (Momentum writes it
 * inside the brackets, others in a bare comment), or with a dot,
 * "192.0.2.1.63559". @len unchanged when there is no port. IPv6 takes its
 * port after the bracket ("[2001:db8::1]:25"), which the caller has cut. */
static gsize
without_port (const char *p, gsize len)
{
	StIp ip;
	const char *colon = memchr (p, ':', len);
	if (colon != NULL && memchr (colon + 1, ':', len - (colon + 1 - p)) == NULL &&
		is_port (colon + 1, len - (colon + 1 - p)) && st_ip_parse (p, colon - p, &ip) &&
		ip.family == 4)
		return colon - p;
	const char *dot = NULL;
	int dots = 0;
	for (gsize i = 0; i < len; i++) {
		if (p[i] == '.') {
			dots++;
			dot = p + i;
		}
	}
	if (dots == 4 && is_port (dot + 1, len - (dot + 1 - p)) &&
		!leading_zero_octet (p, dot - p) && st_ip_parse (p, dot - p, &ip) && ip.family == 4)
		return dot - p;
	return len;
}

/* Takes an address from "1.2.3.4", "[1.2.3.4]", "[1.2.3.4]:25",
 * "[IPv6:…]", "user@1.2.3.4" or "user@[1.2.3.4]". Returns TRUE when the word
 * is in an address position, whether or not it holds a valid address. */
static gboolean
take_address (Addr *a, const char *word, gboolean *bracketed)
{
	g_autofree char *ident = NULL;
	const char *at = strrchr (word, '@');
	const char *p = word;
	gsize len;

	if (at != NULL && (at[1] == '[' || g_ascii_isdigit (at[1]) || at[1] == ':')) {
		ident = g_strndup (word, at - word);
		p = at + 1;
	} else if (at != NULL) {
		return FALSE;
	}
	*bracketed = p[0] == '[';
	if (*bracketed) {
		const char *close = strchr (p, ']');
		p++;
		len = close ? (gsize)(close - p) : strlen (p);
	} else {
		len = strlen (p);
	}

	StIp ip;
	char buf[ST_IP_STRLEN];
	gsize full = len;
	len = without_port (p, len);
	if (!leading_zero_octet (p, len) && st_ip_parse (p, (gssize)len, &ip)) {
		if (a->ip == NULL) {
			st_ip_format (&ip, buf);
			a->ip = g_strdup (buf);
			a->port = len != full || (*bracketed && strstr (word, "]:") != NULL);
			a->bare = !*bracketed;
			if (ident != NULL) {
				a->ident = g_steal_pointer (&ident);
				a->remoteinfo = TRUE;
			}
		}
		return TRUE;
	}
	if (st_ip_looks_dotted (p, (gssize)len) || (*bracketed && literal_shaped (&p, &len))) {
		if (a->ip == NULL) {
			a->ip = g_strndup (p, len);
			a->invalid = TRUE;
			a->bare = !*bracketed;
		}
		return TRUE;
	}
	/* Bracketed junk ("[unix socket]", "[999.1]") is an address position
	 * that holds no address. */
	return *bracketed;
}

static gboolean
is_ip_text (const char *s)
{
	StIp ip;
	return st_ip_parse (s, -1, &ip) || st_ip_looks_dotted (s, -1);
}

/* A name worth recording as rDNS: not "unknown", not an address, and no
 * placeholder in angle brackets (OpenSMTPD writes "<unknown>" when the
 * lookup failed: no host name has a "<"). */
static char *
rdns_from (const char *word)
{
	g_autofree char *w = g_strdup (word);
	strip_trailing (w, ".");
	if (w[0] == '\0' || w[0] == '<' || g_ascii_strcasecmp (w, "unknown") == 0 || is_ip_text (w))
		return NULL;
	return g_steal_pointer (&w);
}

/* A HELO argument as written, but an address literal loses its brackets
 * and its "IPv6:" tag: "[192.168.1.10]" is 192.168.1.10. */
static char *
helo_clean (const char *h)
{
	gsize n = strlen (h);
	if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
		h++;
		n -= 2;
	}
	if (n >= 5 && g_ascii_strncasecmp (h, "IPv6:", 5) == 0) {
		h += 5;
		n -= 5;
	}
	return g_strndup (h, n);
}

static void
set_helo (Client *cl, const char *value)
{
	if (cl->helo_given)
		return;
	cl->helo_given = TRUE;
	cl->helo = helo_clean (value);
}

static void
set_once (char **slot, const char *value)
{
	if (*slot == NULL && value != NULL && value[0] != '\0')
		*slot = g_strdup (value);
}

/* ---- the keywords of a client comment ---------------------------------- */

/* A handler reads the words after its keyword (@next is the index of the
 * first) with its row's @arg, and returns how many of them it took. */
typedef guint (*KeywordHandler) (Client *cl, GPtrArray *words, guint next, const char *arg);

static const char *
word_at (GPtrArray *words, guint i)
{
	return i < words->len ? words->pdata[i] : NULL;
}

/* a HELO argument may be quoted: the Obtuse smtpd proxy writes
 * claiming to be "pc.example.net" */
static guint
kw_helo (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	const char *w = word_at (words, next);
	/* qmail writes "(HELO )" when the client sent an empty argument: a
	 * HELO that says nothing */
	g_autofree char *v = g_strdup (w != NULL ? w : "");
	gsize n = strlen (v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		memmove (v, v + 1, n - 2);
		v[n - 2] = '\0';
	}
	set_helo (cl, strip_trailing (v, ","));
	return w != NULL ? 1 : 0;
}

static guint
kw_ident (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	set_once (&cl->ident, word_at (words, next));
	return 1;
}

static guint
kw_user (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	set_once (&cl->auth_user, word_at (words, next));
	return 1;
}

static guint
kw_verified (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	cl->verified = TRUE;
	return 0;
}

static guint
kw_forged (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	cl->may_be_forged = TRUE;
	return 0;
}

/* a login remark: the software @arg that writes it */
static guint
kw_auth (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	set_once (&cl->auth, arg);
	return 0;
}

/* a login remark followed by the user */
static guint
kw_auth_user (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	set_once (&cl->auth, arg);
	const char *user = word_at (words, next);
	if (user == NULL)
		return 0;
	g_autofree char *u = strip_trailing (g_strdup (user), ",;)");
	set_once (&cl->auth_user, u);
	return 1;
}

/* Courier: "(AUTH: LOGIN user@example.org, TLS: …)": the mechanism, then
 * the user unless the mechanism ends the remark */
static guint
kw_courier_auth (Client *cl, GPtrArray *words, guint next, const char *arg)
{
	const char *mech = word_at (words, next);
	if (mech == NULL)
		return 0;
	g_autofree char *m = strip_trailing (g_strdup (mech), ",");
	set_once (&cl->auth, m);
	if (strchr (mech, ',') == NULL && word_at (words, next + 1) != NULL) {
		g_autofree char *user = strip_trailing (g_strdup (word_at (words, next + 1)), ",");
		set_once (&cl->auth_user, user);
	}
	return 1;
}

/* What a client comment (or the words of the from clause) may say besides
 * the address. A phrase of several words matches word by word, ignoring
 * case; a key ending in "=" matches the start of a word and its value is
 * the rest of that word. Order matters: the first matching row wins, so
 * longer phrases come before their first word. */
static const struct {
	const char *key;
	KeywordHandler handler;
	const char *arg;
} keywords_client[] = {
	{ "helo=", kw_helo, NULL },                             /* Exim, Momentum */
	{ "ident=", kw_ident, NULL },                           /* Exim */
	{ "user=", kw_user, NULL },                             /* OpenSMTPD, Haraka */
	{ "HELO", kw_helo, NULL },                              /* qmail, CommuniGate, Yahoo */
	{ "EHLO", kw_helo, NULL },                              /* Yahoo, Outlook.com's old edge */
	{ "HELLO", kw_helo, NULL },                             /* the greeting written out */
	{ "claiming to be", kw_helo, NULL },                    /* the Obtuse smtpd proxy */
	{ "verified", kw_verified, NULL },                      /* Sendmail's rDNS check */
	{ "Authenticated sender:", kw_auth_user, "Postfix" },   /* Postfix's SASL header */
	{ "authenticated as", kw_auth_user, "CriticalPath" },   /* Critical Path */
	{ "authenticated user", kw_auth_user, "SquirrelMail" }, /* SquirrelMail */
	{ "authenticated", kw_auth, "Sendmail" },               /* "(authenticated bits=0)" */
	{ "AUTH:", kw_courier_auth, NULL },                     /* Courier */
	{ "account", kw_auth_user, "Communigate" },             /* "(account x HELO pc)" */
	{ "may be forged", kw_forged, NULL },                   /* Sendmail */
};

/* The number of words of @key that words[@i…] spell, 0 when they do not;
 * -1 for a "key=" prefix match (the value is in the same word). */
static int
keyword_match (GPtrArray *words, guint i, const char *key)
{
	gsize kl = strlen (key);
	if (kl > 0 && key[kl - 1] == '=') {
		const char *w = words->pdata[i];
		return g_ascii_strncasecmp (w, key, kl) == 0 ? -1 : 0;
	}
	int n = 0;
	for (const char *k = key; *k != '\0'; n++) {
		gsize wl = strcspn (k, " ");
		const char *w = word_at (words, i + (guint)n);
		if (w == NULL || strlen (w) != wl || g_ascii_strncasecmp (w, k, wl) != 0)
			return 0;
		k += wl;
		while (*k == ' ')
			k++;
	}
	return n;
}

/* Applies the first keyword row matching at words[@i]; returns the number
 * of words it used, 0 when none matched. */
static guint
read_keyword (Client *cl, GPtrArray *words, guint i)
{
	for (gsize k = 0; k < G_N_ELEMENTS (keywords_client); k++) {
		int n = keyword_match (words, i, keywords_client[k].key);
		if (n == 0)
			continue;
		if (n < 0) {
			/* "helo=x": the value as a one-word list of its own */
			const char *w = words->pdata[i];
			g_autoptr (GPtrArray) v = g_ptr_array_new ();
			g_ptr_array_add (v, (gpointer)(w + strlen (keywords_client[k].key)));
			keywords_client[k].handler (cl, v, 0, keywords_client[k].arg);
			return 1;
		}
		return (guint)n +
		       keywords_client[k].handler (cl, words, i + (guint)n, keywords_client[k].arg);
	}
	return 0;
}

/* "rdns [ip]": the word before a bracketed address is the name the
 * receiver found for it, perhaps with an identd answer ("user@rdns",
 * "IDENT:user@rdns"). */
static void
read_rdns_before (Addr *a, const char *prev)
{
	g_autofree char *name = NULL;
	if (g_ascii_strncasecmp (prev, "IDENT:", 6) == 0)
		prev += 6;
	const char *at = strrchr (prev, '@');
	if (at != NULL) {
		if (a->ident == NULL)
			a->ident = g_strndup (prev, at - prev);
		prev = at + 1;
	}
	if (strchr (prev, '=') == NULL && prev[0] != '(' && (name = rdns_from (prev)) != NULL)
		a->rdns = g_steal_pointer (&name);
	else if (g_ascii_strcasecmp (prev, "unknown") == 0)
		a->rdns_unknown = TRUE;
}

/* Reads one from comment (or the from clause's words): its first address
 * goes to @a (which may be NULL), the keywords to @cl. */
static void
read_client_words (Client *cl, Addr *a, GPtrArray *words)
{
	for (guint i = 0; i < words->len;) {
		const char *w = words->pdata[i];
		gboolean bracketed = FALSE;

		if (w[0] == '(') {
			/* nested: "(may be forged)", Sendmail's marker */
			if (strstr (w, "may be forged") != NULL)
				cl->may_be_forged = TRUE;
			i++;
			continue;
		}
		if (a != NULL && a->ip == NULL && take_address (a, w, &bracketed)) {
			if (a->ip != NULL && bracketed && i > 0)
				read_rdns_before (a, words->pdata[i - 1]);
			i++;
			continue;
		}
		guint used = read_keyword (cl, words, i);
		i += used > 0 ? used : 1;
	}
}

static void
read_client_comment (Client *cl, Addr *a, const char *s, gsize len)
{
	g_autoptr (GPtrArray) words = comment_words (s, len);
	read_client_words (cl, a, words);
}

/* Authentication remarks written after "by" rather than with the client:
 * an Exim received_header_text that adds "(Authenticated sender: x)" after
 * its version, OpenSMTPD's "auth=yes user=x" after the TLS comment (its
 * listener option received-auth). */
static void
read_auth_remarks (Client *cl, GPtrArray *by_info, GPtrArray *remarks)
{
	for (guint i = 0; i < by_info->len; i++) {
		const Tok *t = by_info->pdata[i];
		g_autoptr (GPtrArray) words = comment_words (t->s, t->len);
		for (guint k = 0; k + 2 < words->len; k++) {
			if (g_ascii_strcasecmp (words->pdata[k], "Authenticated") == 0 &&
				g_ascii_strcasecmp (words->pdata[k + 1], "sender:") == 0) {
				set_once (&cl->auth, "Postfix");
				set_once (&cl->auth_user, words->pdata[k + 2]);
			}
		}
	}
	for (guint i = 0; i < remarks->len; i++) {
		const Tok *t = remarks->pdata[i];
		if (tok_is (t, "auth=yes"))
			set_once (&cl->auth, "OpenSMTPD");
		else if (t->kind == TOK_WORD && t->len > 5 &&
			 g_ascii_strncasecmp (t->s, "user=", 5) == 0) {
			g_autofree char *user = g_strndup (t->s + 5, t->len - 5);
			set_once (&cl->auth_user, user);
		}
	}
}

/* ---- dialects ---------------------------------------------------------- */

typedef enum {
	/* the name after "from" is the HELO argument (Postfix, Sendmail,
	 * Courier, Exchange, Gmail and most others) */
	FROM_IS_HELO,
	/* the name after "from" is what the receiver found in the DNS, the
	 * HELO argument follows as helo= or (HELO x) when it differs (Exim,
	 * qmail, CommuniGate) */
	FROM_IS_RDNS,
	/* the name after "from" is the HELO argument, and the server records
	 * no address of its client: a literal there is what the client said
	 * (Strato's RZmta: "from [192.168.178.21] by smtp.strato.de") */
	FROM_IS_HELO_ONLY,
} FromMeaning;

/* Where a dialect writes its client's address. */
typedef enum {
	/* anywhere in the client comments: the one address there, or the
	 * same address repeated; two different ones make the line ambiguous */
	CLIENT_ANY,
	/* in the last client comment that holds an address: the server's own
	 * record comes after the HELO it quotes (Postfix "from HELO (rdns
	 * [ip])", Sendmail, Exchange "from HELO (ip)"), so an address in an
	 * earlier comment, or the name after "from", is the HELO's, never the
	 * client's */
	CLIENT_LAST,
} ClientAt;

typedef enum {
	MATCH_BY_COMMENT,   /* a comment after "by" (or "with") contains the text */
	MATCH_WITH_PREFIX,  /* the with words start with the text */
	MATCH_BY_SUFFIX,    /* the by host ends with the text */
	MATCH_FROM_COMMENT, /* a comment after "from" contains the text */
	MATCH_VIA_PREFIX,
	MATCH_FROM_WORD, /* a word of the from clause after the name is the text */
	/* a comment after "by" is Sendmail's version, "(8.15.2/8.15.2)": a
	 * "8." alone is too common a start to be a mark (text unused) */
	MATCH_SENDMAIL_VERSION,
} MatchKind;

/* Which server wrote a line, recognised by what it writes about itself.
 * Order matters: the first matching row decides, so the specific marks
 * (software names) come before the provider host names. */
static const struct {
	const char *name;
	MatchKind match;
	const char *text;
	FromMeaning from;
	ClientAt client;
} dialects[] = {
	/* Exchange 2007 and later, Microsoft 365, Exchange Online Protection:
	 * "from HELO (IP) by HOST (IP) with Microsoft SMTP Server (…) id 15.20.x" */
	{ "exchange", MATCH_WITH_PREFIX, "Microsoft", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_WITH_PREFIX, "mapi", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_VIA_PREFIX, "Frontend Transport", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_VIA_PREFIX, "Mailbox Transport", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_BY_SUFFIX, ".outlook.com", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_BY_SUFFIX, ".outlook.office365.com", FROM_IS_HELO, CLIENT_LAST },
	{ "exchange", MATCH_BY_COMMENT, "Microsoft Exchange", FROM_IS_HELO, CLIENT_LAST },
	{ "rzmta", MATCH_BY_COMMENT, "RZmta", FROM_IS_HELO_ONLY, CLIENT_ANY },
	{ "exim", MATCH_BY_COMMENT, "Exim ", FROM_IS_RDNS, CLIENT_ANY },
	{ "postfix", MATCH_BY_COMMENT, "Postfix", FROM_IS_HELO, CLIENT_LAST },
	{ "opensmtpd", MATCH_BY_COMMENT, "OpenSMTPD", FROM_IS_HELO, CLIENT_LAST },
	{ "qmail", MATCH_BY_COMMENT, "qmail", FROM_IS_RDNS, CLIENT_ANY },
	{ "amavis", MATCH_BY_COMMENT, "amavis", FROM_IS_HELO, CLIENT_ANY },
	{ "mdaemon", MATCH_BY_COMMENT, "MDaemon", FROM_IS_HELO, CLIENT_ANY },
	{ "communigate", MATCH_BY_COMMENT, "CommuniGate", FROM_IS_RDNS, CLIENT_ANY },
	{ "domino", MATCH_BY_COMMENT, "Domino", FROM_IS_HELO, CLIENT_ANY },
	{ "cyrus", MATCH_BY_COMMENT, "Cyrus", FROM_IS_HELO, CLIENT_ANY },
	{ "icloud", MATCH_BY_COMMENT, "Oracle Communications Messaging Server", FROM_IS_HELO,
		CLIENT_ANY },
	{ "gmx", MATCH_BY_COMMENT, "Nemesis", FROM_IS_HELO, CLIENT_ANY },
	{ "webmail", MATCH_BY_COMMENT, "via HTTP", FROM_IS_HELO, CLIENT_ANY },
	{ "webmail", MATCH_BY_COMMENT, "Horde", FROM_IS_HELO, CLIENT_ANY },
	{ "webmail", MATCH_BY_COMMENT, "Roundcube", FROM_IS_HELO, CLIENT_ANY },
	{ "webmail", MATCH_FROM_COMMENT, "SquirrelMail", FROM_IS_HELO, CLIENT_ANY },
	{ "fetchmail", MATCH_BY_COMMENT, "fetchmail", FROM_IS_HELO, CLIENT_ANY },
	{ "getmail", MATCH_BY_COMMENT, "getmail", FROM_IS_HELO, CLIENT_ANY },
	{ "gmail", MATCH_BY_SUFFIX, ".google.com", FROM_IS_HELO, CLIENT_ANY },
	{ "gmail", MATCH_BY_SUFFIX, "smtp.gmail.com", FROM_IS_HELO, CLIENT_ANY },
	{ "yahoo", MATCH_BY_SUFFIX, ".yahoo.com", FROM_IS_HELO, CLIENT_ANY },
	{ "yahoo", MATCH_WITH_PREFIX, "NNFMP", FROM_IS_HELO, CLIENT_ANY },
	{ "yandex", MATCH_BY_COMMENT, "Yandex", FROM_IS_HELO, CLIENT_ANY },
	{ "zoho", MATCH_BY_SUFFIX, ".zohomail.com", FROM_IS_HELO, CLIENT_ANY },
	{ "zoho", MATCH_BY_SUFFIX, ".zoho.com", FROM_IS_HELO, CLIENT_ANY },
	{ "mailru", MATCH_BY_SUFFIX, ".mail.ru", FROM_IS_RDNS, CLIENT_ANY },
	{ "sendmail", MATCH_SENDMAIL_VERSION, "", FROM_IS_HELO, CLIENT_LAST },
	{ "sendmail", MATCH_BY_COMMENT, "/Submit", FROM_IS_HELO, CLIENT_LAST },
	/* XMail: "from HELO ([ip]:port) by host with XMail ESMTP id <x> for
	 * <rcpt> from <sender>" (as we remember it) */
	{ "xmail", MATCH_WITH_PREFIX, "XMail", FROM_IS_HELO, CLIENT_ANY },
	/* Openwave InterMail: "from HELO ([ip]) by host (InterMail vM.x)", or
	 * the literal alone: "from [ip] by host (InterMail …)" */
	{ "intermail", MATCH_BY_COMMENT, "InterMail", FROM_IS_HELO, CLIENT_ANY },
	/* Ecelerity/Momentum: "from [ip] ([ip:port] helo=x) by host
	 * (envelope-from <x>) (ecelerity 4.x)" */
	{ "ecelerity", MATCH_BY_COMMENT, "ecelerity", FROM_IS_HELO, CLIENT_ANY },
	{ "criticalpath", MATCH_BY_COMMENT, "Critical Path", FROM_IS_HELO, CLIENT_ANY },
	/* Norton AntiVirus for gateways: "by host (NAVGW 2.5.x) with SMTP id M…" */
	{ "navgw", MATCH_BY_COMMENT, "NAVGW", FROM_IS_HELO, CLIENT_ANY },
	/* the Obtuse smtpd proxy: "from rdns(ip), claiming to be "helo" via
	 * SMTP by host, id smtpdXXX" */
	{ "obtuse-smtpd", MATCH_FROM_WORD, "claiming", FROM_IS_RDNS, CLIENT_ANY },
};

static gboolean
has_suffix_ci (const char *s, gsize len, const char *suffix)
{
	gsize n = strlen (suffix);
	return len >= n && g_ascii_strncasecmp (s + len - n, suffix, n) == 0;
}

static gboolean
contains_ci (const char *s, gsize len, const char *needle)
{
	gsize n = strlen (needle);
	for (gsize i = 0; i + n <= len; i++)
		if (g_ascii_strncasecmp (s + i, needle, n) == 0)
			return TRUE;
	return FALSE;
}

static gboolean
any_comment_contains (GPtrArray *toks, const char *needle)
{
	for (guint i = 0; i < toks->len; i++) {
		const Tok *t = toks->pdata[i];
		if (contains_ci (t->s, t->len, needle))
			return TRUE;
	}
	return FALSE;
}

/* Sendmail writes its version as "(8.15.2/8.15.2)". */
static gboolean
sendmail_version (const Tok *t)
{
	return t->len >= 4 && t->s[0] == '8' && t->s[1] == '.' &&
	       memchr (t->s, '/', t->len) != NULL;
}

static int
find_dialect (const Clauses *c)
{
	for (gsize d = 0; d < G_N_ELEMENTS (dialects); d++) {
		const char *text = dialects[d].text;
		gsize tl = strlen (text);
		switch (dialects[d].match) {
		case MATCH_BY_COMMENT:
			for (guint i = 0; i < c->by_info->len; i++) {
				const Tok *t = c->by_info->pdata[i];
				if (contains_ci (t->s, t->len, text))
					return (int)d;
			}
			break;
		case MATCH_SENDMAIL_VERSION:
			for (guint i = 0; i < c->by_info->len; i++)
				if (sendmail_version (c->by_info->pdata[i]))
					return (int)d;
			break;
		case MATCH_FROM_COMMENT:
			if (any_comment_contains (c->from_info, text))
				return (int)d;
			break;
		case MATCH_FROM_WORD:
			for (guint i = 0; i < c->from_words->len; i++)
				if (tok_is (c->from_words->pdata[i], text))
					return (int)d;
			break;
		case MATCH_WITH_PREFIX:
			if (c->with->len >= tl && g_ascii_strncasecmp (c->with->str, text, tl) == 0)
				return (int)d;
			break;
		case MATCH_VIA_PREFIX:
			if (c->via->len >= tl && g_ascii_strncasecmp (c->via->str, text, tl) == 0)
				return (int)d;
			break;
		case MATCH_BY_SUFFIX:
			if (c->by_name != NULL &&
				has_suffix_ci (c->by_name->s, c->by_name->len, text))
				return (int)d;
			break;
		}
	}
	return -1;
}

/* ---- the kind of event ------------------------------------------------- */

/* with words that mean the message was collected from a mailbox */
static const char *const pickup_protocols[] = { "POP", "POP3", "POP3S", "IMAP", "IMAP4", "IMAPS",
	"IMAP4rev1", "POP3-SSL", "IMAP4-SSL", "IMAP-SSL" };

/* mail fetchers name themselves in a comment after the protocol:
 * "with POP3 (fetchmail-6.4.37)", "with IMAP4-SSL (getmail 6.18.13)" */
static const char *const pickup_software[] = { "fetchmail", "getmail" };

/* with words that start a content scanner's own line: qmail-scanner writes
 * its version into the protocol, "with qmail-scanner-1.24" */
static const char *const scanner_protocol_prefixes[] = { "qmail-scanner" };

/* where the address belongs, a name of a local socket: OpenSMTPD's
 * "(localhost [local])", Cyrus's "([unix socket])" */
static const char *const socket_literals[] = { "[local]", "[unix socket]" };

/* with words that mean a local step: no client on the network */
static const char *const local_protocols[] = { "local", "local-esmtp", "local-smtp", "local-bsmtp",
	"mapi", "spool", "queue", "pipe", "bsmtp", "sendmail",
	/* the Gmail API: "from 325474328421 named unknown by
	 * gmailapi.google.com with HTTPREST", a project number, no client */
	"HTTPREST" };

/* qmail and friends write local steps as a comment on their own */
static const char *const local_comments[] = { "invoked by uid", "invoked from network",
	"invoked by alias", "invoked for bounce", "from userid", "from root@", "from daemon@",
	"invoked by" };

static gboolean
word_in (const char *word, const char *const *list, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (g_ascii_strcasecmp (word, list[i]) == 0)
			return TRUE;
	return FALSE;
}

/* RFC 3848 and the common unregistered spellings: the client logged in. */
static gboolean
is_auth_protocol (const char *w)
{
	static const char *const protos[] = { "ESMTPA", "ESMTPSA", "LMTPA", "LMTPSA", "SMTPA",
		"SMTPSA", "UTF8SMTPA", "UTF8SMTPSA", "UTF8LMTPA", "UTF8LMTPSA", "ASMTP" };
	return word_in (w, protos, G_N_ELEMENTS (protos));
}

/* with words of a webmail session: a browser logged in, so the client
 * authenticated (CommuniGate Pro writes HTTPU for its Pronto! client).
 * Not HTTPS: Exchange Online writes "with HTTPS" on the hop between two of
 * its own mailbox servers in nearly every Microsoft 365 message, and that
 * is no login; see doc/VIOLATIONS.md. */
static const char *const http_protocols[] = { "HTTP", "HTTPU" };

/* SMTP-family protocols: a client hand-over even when no "from" was written */
static gboolean
is_smtp_protocol (const char *w)
{
	static const char *const protos[] = { "SMTP", "ESMTP", "ESMTPS", "SMTPS", "LMTP", "LMTPS",
		"UTF8SMTP", "UTF8SMTPS", "UTF8ESMTPS" };
	return word_in (w, protos, G_N_ELEMENTS (protos)) || is_auth_protocol (w);
}

/* ---- putting it together ----------------------------------------------- */

static void
parse_date (StReceived *r, Clauses *c)
{
	if (!c->have_semi) {
		r->flags |= ST_RECEIVED_NO_DATE;
		return;
	}
	/* a comment before the date belongs to the clause, not the date: IBM's
	 * gateway writes "; (version=TLSv1/SSLv3 cipher=…) Wed, 8 Mar 2017 …" */
	gint first_i = c->date_first;
	while (first_i >= 0 && first_i <= c->date_last &&
		g_array_index (c->toks, Tok, first_i).kind == TOK_COMMENT)
		first_i++;
	if (first_i < 0 || first_i > c->date_last) {
		r->flags |= ST_RECEIVED_NO_DATE;
		return;
	}
	const Tok *first = &g_array_index (c->toks, Tok, first_i);
	const Tok *last = &g_array_index (c->toks, Tok, c->date_last);
	gsize start = (gsize)(first->s - c->text);
	gsize end = last->end;
	gint64 t;

	g_free (r->date_raw);
	r->date_raw = g_strndup (c->text + start, end - start);
	if (st_date_parse (r->date_raw, -1, &t, NULL)) {
		char buf[ST_DATE_STRLEN];
		st_date_format (t, buf);
		g_free (r->date);
		r->date = g_strdup (buf);
		r->time = t;
	} else {
		r->flags |= ST_RECEIVED_BAD_DATE;
	}
}

static void
find_envfrom (StReceived *r, Clauses *c)
{
	for (guint i = 0; i < c->comments->len; i++) {
		const Tok *t = c->comments->pdata[i];
		g_autoptr (GPtrArray) words = comment_words (t->s, t->len);
		for (guint k = 0; k + 1 < words->len; k++) {
			const char *w = words->pdata[k];
			if (g_ascii_strcasecmp (w, "envelope-from") == 0 ||
				g_ascii_strcasecmp (w, "envelope-sender") == 0) {
				g_autofree char *v =
					strip_trailing (g_strdup (words->pdata[k + 1]), ",;");
				g_free (r->envfrom);
				r->envfrom = strip_angles (v);
				return;
			}
		}
	}
	/* Haraka writes it as words: "id X envelope-from <x> (authenticated …)" */
	for (guint i = 0; i + 1 < c->remarks->len; i++) {
		const Tok *t = c->remarks->pdata[i];
		const Tok *v = c->remarks->pdata[i + 1];
		if (tok_is (t, "envelope-from") || tok_is (t, "envelope-sender")) {
			g_free (r->envfrom);
			r->envfrom = g_strndup (v->s, v->len);
			return;
		}
	}
	if (c->from_sender != NULL) {
		g_free (r->envfrom);
		r->envfrom = g_strndup (c->from_sender->s, c->from_sender->len);
	}
}

/* "by HOST (IP)" (Exchange) or "by HOST (name [IP])" (GMX, Amavis): the
 * receiver's own address. */
static void
find_by_ip (StReceived *r, Clauses *c)
{
	for (guint i = 0; i < c->by_info->len && r->by_ip[0] == '\0'; i++) {
		const Tok *t = c->by_info->pdata[i];
		g_autoptr (GPtrArray) words = comment_words (t->s, t->len);
		for (guint k = 0; k < words->len; k++) {
			const char *w = words->pdata[k];
			gsize n = strlen (w);
			char *ip;
			if (n > 2 && w[0] == '[' && w[n - 1] == ']')
				ip = st_ip_normalize (w + 1, (gssize)n - 2);
			else
				ip = st_ip_normalize (w, -1);
			if (ip != NULL) {
				g_free (r->by_ip);
				r->by_ip = ip;
				break;
			}
		}
	}
}

static gboolean
has_local_comment (const Clauses *c)
{
	for (gsize k = 0; k < G_N_ELEMENTS (local_comments); k++)
		if (any_comment_contains (c->lead, local_comments[k]))
			return TRUE;
	return FALSE;
}

/* The authentication a line records: the protocol word first (RFC 3848),
 * then the software's own remark; *@webmail when it was a browser's. A new
 * string, or NULL. */
static char *
find_auth (Clauses *c, const Client *cl, const char *with_first, gboolean *webmail)
{
	const char *with_last = c->with->len > 0 ? strrchr (c->with->str, ' ') : NULL;

	*webmail = FALSE;
	if (with_first != NULL && c->seen_by && is_auth_protocol (with_first))
		return g_strdup (with_first);
	/* the software's name first: "with MailEnable ESMTPA" */
	if (with_last != NULL && c->seen_by && is_auth_protocol (with_last + 1))
		return g_strdup (with_last + 1);
	if (with_first != NULL && c->seen_by &&
		word_in (with_first, http_protocols, G_N_ELEMENTS (http_protocols))) {
		/* webmail: "with HTTP" (SquirrelMail, Horde, CommuniGate
		 * WebUser, Yahoo's front end) */
		*webmail = TRUE;
		return g_strdup (with_first);
	}
	if (g_ascii_strcasecmp (c->via->str, "HTTP") == 0 ||
		any_comment_contains (c->by_info, "via HTTP")) {
		/* webmail: "via HTTP" (old Yahoo), "(via HTTP)" (GMX) */
		*webmail = TRUE;
		return g_strdup ("HTTP");
	}
	if (g_str_has_prefix (c->with->str, "Microsoft Exchange Server HTTP-DAV"))
		return g_strdup ("HTTP-DAV");
	return g_strdup (cl->auth);
}

/* Reads every place a client's address may stand (the from comments and
 * literals, Sendmail's leading "(from rdns [ip])") and the from clause's
 * words into @cl; the dialect @d says which address is the client's. Sets
 * ST_RECEIVED_AMBIGUOUS_CLIENT in @flags when it cannot tell. */
static void
read_client (Client *cl, Clauses *c, int d, const Tok *lead_from, guint *flags)
{
	g_autoptr (GArray) found = g_array_new (FALSE, TRUE, sizeof (Addr));
	g_array_set_clear_func (found, (GDestroyNotify)addr_clear);

	for (guint i = 0; i <= c->from_info->len; i++) {
		const Tok *t = i < c->from_info->len ? c->from_info->pdata[i] : lead_from;
		Addr a = { 0 };
		if (t == NULL)
			break;
		if (t->kind == TOK_LITERAL) {
			/* fetchmail: "from pop.example.net [192.0.2.7] by …" */
			g_autofree char *w = g_strdup_printf ("[%.*s]", (int)t->len, t->s);
			gboolean b;
			take_address (&a, w, &b);
		} else if (t == lead_from) {
			read_client_comment (cl, &a, t->s + 5, t->len - 5);
		} else {
			read_client_comment (cl, &a, t->s, t->len);
		}
		if (a.ip != NULL)
			g_array_append_val (found, a);
	}
	/* "from rdns(ip), claiming to be "helo"": words, not a comment, read
	 * as written from the first to the last ("[ip]" inside quotes too) */
	if (c->from_words->len > 0) {
		const Tok *first = c->from_words->pdata[0];
		const Tok *last = c->from_words->pdata[c->from_words->len - 1];
		gsize start = (gsize)(first->s - c->text);
		g_autoptr (GPtrArray) words = comment_words (first->s, last->end - start);
		read_client_words (cl, NULL, words);
	}

	if (found->len == 0)
		return;
	guint pick = 0;
	if (d >= 0 && dialects[d].client == CLIENT_LAST) {
		pick = found->len - 1;
	} else {
		for (guint k = 1; k < found->len; k++) {
			if (strcmp (g_array_index (found, Addr, k).ip,
				    g_array_index (found, Addr, 0).ip) != 0) {
				*flags |= ST_RECEIVED_AMBIGUOUS_CLIENT;
				return;
			}
		}
	}
	cl->addr = g_array_index (found, Addr, pick);
	memset (&g_array_index (found, Addr, pick), 0, sizeof (Addr));
	if (cl->ident == NULL)
		cl->ident = g_steal_pointer (&cl->addr.ident);
}

/* Structure tells the rest when no software mark did: Exim's helo= or
 * [ip]:port, qmail's separate "(HELO x)" and bare "(ip)" (never with a
 * port: qmail writes none). */
static void
guess_dialect (
	StReceived *r, Clauses *c, const Client *cl, gboolean from_literal, FromMeaning *meaning)
{
	if (any_comment_contains (c->from_info, "helo=") ||
		any_comment_contains (c->from_info, "]:")) {
		*meaning = FROM_IS_RDNS;
		r->dialect = "exim";
	} else if (cl->addr.ip != NULL && cl->addr.bare && !cl->addr.port &&
		   cl->addr.rdns == NULL && !from_literal && c->by_info->len == 0) {
		*meaning = FROM_IS_RDNS;
		r->dialect = "qmail";
	}
}

/* The HELO and the rDNS the name after "from" gives, by what the dialect
 * says that name is. */
static void
helo_and_rdns (const char *from_name, gboolean from_literal, FromMeaning meaning, const Client *cl,
	char **helo, char **rdns)
{
	if (cl->helo_given) {
		/* an explicit HELO: the from name is the receiver's own
		 * finding, a DNS name or the address */
		*helo = g_strdup (cl->helo);
		if (!from_literal)
			*rdns = rdns_from (from_name);
	} else {
		*helo = helo_clean (from_name);
		if (meaning == FROM_IS_RDNS && !from_literal)
			*rdns = rdns_from (from_name);
	}
}

/* The by, with, via, id and for clauses as written. */
static void
store_clauses (StReceived *r, Clauses *c)
{
	if (c->by_name != NULL) {
		g_free (r->by);
		/* "by host," (the Obtuse smtpd proxy) */
		r->by = strip_trailing (tok_dup (c->by_name), ".,");
	}
	g_free (r->with);
	r->with = g_strdup (c->with->str);
	g_free (r->via);
	r->via = g_strdup (c->via->str);
	if (c->id != NULL) {
		g_free (r->id);
		r->id = c->id->kind == TOK_ANGLE
				? g_strdup_printf ("<%.*s>", (int)c->id->len, c->id->s)
				: strip_trailing (tok_dup (c->id), ",");
	}
	if (c->for_tok != NULL) {
		g_free (r->for_addr);
		r->for_addr = strip_trailing (tok_dup (c->for_tok), ",;");
	}
}

/* Sendmail's local submission "(from user@localhost)" and its no-HELO
 * form "(from rdns [ip])" stand before "by": the last such comment. */
static const Tok *
find_lead_from (Clauses *c)
{
	const Tok *lead_from = NULL;
	for (guint i = 0; i < c->lead->len; i++) {
		const Tok *t = c->lead->pdata[i];
		if (t->len > 5 && g_ascii_strncasecmp (t->s, "from ", 5) == 0)
			lead_from = t;
	}
	return lead_from;
}

/* What the kind rules and the later steps know of a line: the dialect, the
 * client read from its comments, and what stands after "from". */
typedef struct {
	int d;               /* the row of dialects[], or -1 */
	FromMeaning meaning; /* what the name after "from" is */
	Client cl;
	char *from_name; /* the name after "from", as written */
	gboolean from_literal;
	gboolean from_mailbox; /* that name is the sender's mailbox, no host */
	char *with_first;      /* the protocol word */
	const Tok *lead_from;  /* Sendmail's "(from …)" before "by" */
	char *helo, *rdns;
	char *auth;
	gboolean webmail;
} Reading;

static void
reading_clear (Reading *rd)
{
	client_clear (&rd->cl);
	g_free (rd->from_name);
	g_free (rd->with_first);
	g_free (rd->helo);
	g_free (rd->rdns);
	g_free (rd->auth);
}

static gboolean
any_comment_contains_one (GPtrArray *toks, const char *const *needles, gsize n)
{
	for (gsize k = 0; k < n; k++)
		if (any_comment_contains (toks, needles[k]))
			return TRUE;
	return FALSE;
}

/* with POP3, IMAP…, or a mail fetcher's comment */
static gboolean
kind_pickup (const Clauses *c, const Reading *rd)
{
	return rd->with_first != NULL &&
	       (word_in (rd->with_first, pickup_protocols, G_N_ELEMENTS (pickup_protocols)) ||
		       any_comment_contains_one (
			       c->by_info, pickup_software, G_N_ELEMENTS (pickup_software)));
}

/* with local, mapi, pipe…, or a content scanner's own protocol word */
static gboolean
kind_local_protocol (const Clauses *c, const Reading *rd)
{
	(void)c;
	if (rd->with_first == NULL)
		return FALSE;
	if (word_in (rd->with_first, local_protocols, G_N_ELEMENTS (local_protocols)))
		return TRUE;
	for (gsize k = 0; k < G_N_ELEMENTS (scanner_protocol_prefixes); k++)
		if (g_str_has_prefix (rd->with_first, scanner_protocol_prefixes[k]))
			return TRUE;
	return FALSE;
}

/* LMTP and no address: delivery over a local socket (Dovecot, Cyrus) */
static gboolean
kind_lmtp_socket (const Clauses *c, const Reading *rd)
{
	(void)c;
	return rd->with_first != NULL && g_ascii_strncasecmp (rd->with_first, "LMTP", 4) == 0 &&
	       rd->cl.addr.ip == NULL;
}

/* a local socket named where the address goes, and no address */
static gboolean
kind_socket_client (const Clauses *c, const Reading *rd)
{
	return rd->cl.addr.ip == NULL &&
	       any_comment_contains_one (c->from_info, socket_literals, G_N_ELEMENTS (socket_literals));
}

/* "from localhost by host with …" and no address: a program on the host
 * itself submitted it (IBM's gateways, XMail) */
static gboolean
kind_localhost (const Clauses *c, const Reading *rd)
{
	return rd->from_name != NULL && g_ascii_strcasecmp (rd->from_name, "localhost") == 0 &&
	       rd->cl.addr.ip == NULL && c->from_info->len == 0;
}

/* a host name after "from" (not a mailbox, not qmail's "from userid") */
static gboolean
kind_named_client (const Clauses *c, const Reading *rd)
{
	return c->from_name != NULL && !rd->from_mailbox &&
	       g_ascii_strcasecmp (rd->from_name, "userid") != 0;
}

/* "from (127.0.0.1) by …" (Mailchimp) and Sendmail's "(from rdns [ip])
 * by …": an address without a name */
static gboolean
kind_address_only (const Clauses *c, const Reading *rd)
{
	return (c->seen_from || rd->lead_from != NULL) && rd->cl.addr.ip != NULL;
}

/* some clause but no client: a receiver's own step, or a hop whose client
 * was left out */
static gboolean
kind_no_client (const Clauses *c, const Reading *rd)
{
	return c->by_name != NULL || c->with->len > 0 || has_local_comment (c) ||
	       rd->lead_from != NULL || rd->from_mailbox;
}

/* The kind of event a line records. Order matters: the first row whose
 * test holds decides, so the protocol's word (which the writer chose)
 * comes before the shape of the from clause (which a local step may share
 * with a hand-over), and the catch-all of any clause comes last. A line no
 * row matches is unparseable. */
static const struct {
	gboolean (*test) (const Clauses *c, const Reading *rd);
	StReceivedKind kind;
} kind_rules[] = {
	{ kind_pickup, ST_RECEIVED_PICKUP },
	{ kind_local_protocol, ST_RECEIVED_LOCAL },
	{ kind_lmtp_socket, ST_RECEIVED_LOCAL },
	{ kind_socket_client, ST_RECEIVED_LOCAL },
	{ kind_localhost, ST_RECEIVED_LOCAL },
	{ kind_named_client, ST_RECEIVED_RELAY },
	{ kind_address_only, ST_RECEIVED_RELAY },
	{ kind_no_client, ST_RECEIVED_LOCAL },
};

/* What kind of event a line records (kind_rules), and the flag of a hop
 * whose client was left out. */
static StReceivedKind
event_kind (const Clauses *c, const Reading *rd, guint *flags)
{
	gsize k = 0;
	while (k < G_N_ELEMENTS (kind_rules) && !kind_rules[k].test (c, rd))
		k++;
	if (k == G_N_ELEMENTS (kind_rules))
		return ST_RECEIVED_UNPARSEABLE;
	StReceivedKind kind = kind_rules[k].kind;
	/* "by host with SMTP id x": a hop whose client was left out (Gmail's
	 * web and API submissions, mailing list software) */
	if (kind_rules[k].test == kind_no_client && rd->with_first != NULL &&
		is_smtp_protocol (rd->with_first) && c->from_name == NULL)
		*flags |= ST_RECEIVED_CLIENT_HIDDEN;
	/* a hand-over needs a client, a name or an address ("from" with
	 * neither is junk), and a receiver or the client's address */
	if (kind == ST_RECEIVED_RELAY &&
		((rd->cl.addr.ip == NULL && rd->from_name == NULL) ||
			(!c->seen_by && rd->cl.addr.ip == NULL)))
		return ST_RECEIVED_UNPARSEABLE;
	return kind;
}

/* Step 1, the client: the dialect, the protocol word, the name after
 * "from" and every address the comments give. */
static void
interpret_client (StReceived *r, Clauses *c, Reading *rd)
{
	rd->d = find_dialect (c);
	rd->meaning = rd->d >= 0 ? dialects[rd->d].from : FROM_IS_HELO;
	r->dialect = rd->d >= 0 ? dialects[rd->d].name : "generic";
	if (c->with->len > 0) {
		const char *sp = strchr (c->with->str, ' ');
		rd->with_first =
			sp ? g_strndup (c->with->str, sp - c->with->str) : g_strdup (c->with->str);
	}
	rd->lead_from = find_lead_from (c);
	if (c->from_name != NULL) {
		rd->from_name = tok_dup (c->from_name);
		rd->from_literal = c->from_name->kind == TOK_LITERAL;
	}
	read_client (&rd->cl, c, rd->d, c->from_name == NULL ? rd->lead_from : NULL, &r->flags);
	read_auth_remarks (&rd->cl, c->by_info, c->remarks);
	if (rd->d < 0)
		guess_dialect (r, c, &rd->cl, rd->from_literal, &rd->meaning);

	/* The address: from the comments, else the from name itself when it is
	 * one ("from 192.0.2.1 (EHLO x)", "from [192.0.2.1]"), but never in a
	 * dialect whose from name is the HELO (unless a HELO is written apart)
	 * and whose address has its own place, nor when the comments disagree. */
	if (rd->cl.addr.ip == NULL && rd->from_name != NULL && rd->meaning != FROM_IS_HELO_ONLY &&
		!(rd->d >= 0 && dialects[rd->d].client == CLIENT_LAST && !rd->cl.helo_given) &&
		!(r->flags & ST_RECEIVED_AMBIGUOUS_CLIENT)) {
		gboolean b;
		g_autofree char *w = rd->from_literal ? g_strdup_printf ("[%s]", rd->from_name)
						      : g_strdup (rd->from_name);
		take_address (&rd->cl.addr, w, &b);
	}

	/* A from name with "@" and no address is the sender's mailbox, not a
	 * host: AOL writes "from user@aol.com by imo-d20.mx.aol.com",
	 * qmail-scanner "from alice@example.net by host by uid 89". */
	rd->from_mailbox = rd->from_name != NULL && !rd->from_literal &&
			   rd->cl.addr.ip == NULL && strchr (rd->from_name, '@') != NULL;
}

/* Step 2, the HELO and the rDNS: from the name after "from" by what the
 * dialect says it is; the name written beside the address wins. */
static void
interpret_names (Reading *rd)
{
	if (rd->from_name != NULL && !rd->from_mailbox)
		helo_and_rdns (rd->from_name, rd->from_literal, rd->meaning, &rd->cl, &rd->helo,
			&rd->rdns);
	if (rd->cl.addr.rdns != NULL) {
		g_free (rd->rdns);
		rd->rdns = g_strdup (rd->cl.addr.rdns);
	}
}

/* Step 3, the authentication, and what it changes in the names. */
static void
interpret_auth (Clauses *c, Reading *rd)
{
	rd->auth = find_auth (c, &rd->cl, rd->with_first, &rd->webmail);
	/* HTTP has no HELO: the name after "from" is the receiver's view of
	 * the browser's address, so only an explicit EHLO (Yahoo's front end
	 * to back end hop) is a HELO. */
	if (rd->webmail && !rd->cl.helo_given)
		g_clear_pointer (&rd->helo, g_free);
	/* qmail writes its remoteinfo as "(user@ip)": the identd answer, or
	 * with the SMTP AUTH patches the login once the client authenticated. */
	if (rd->cl.addr.remoteinfo && rd->auth != NULL && is_auth_protocol (rd->auth) &&
		rd->cl.auth_user == NULL)
		rd->cl.auth_user = g_steal_pointer (&rd->cl.ident);
}

static void
set_field (char **field, const char *value)
{
	if (value != NULL) {
		g_free (*field);
		*field = g_strdup (value);
	}
}

/* Step 5, fill: the fields of @r from what the steps found, for a line of
 * a known kind. */
static void
interpret_fill (StReceived *r, Clauses *c, Reading *rd)
{
	gboolean relay = r->kind == ST_RECEIVED_RELAY;

	r->rdns_unknown = relay && rd->cl.addr.rdns_unknown && rd->cl.addr.rdns == NULL;
	if (!c->seen_by)
		r->flags |= ST_RECEIVED_NO_BY;
	/* Only a hand-over has a client: a pickup names the mailbox server it
	 * polled, a local step the host itself (Exchange's "with mapi") or the
	 * scanner's copy of the client of the hop below. */
	if (!relay) {
		g_clear_pointer (&rd->cl.addr.ip, g_free);
		g_clear_pointer (&rd->rdns, g_free);
		g_clear_pointer (&rd->helo, g_free);
		rd->cl.addr.invalid = FALSE;
		rd->cl.may_be_forged = FALSE;
	}
	/* Exim names the local user who submitted: "from alice by host with
	 * local (Exim 4.96)", the sender_ident */
	if (r->kind == ST_RECEIVED_LOCAL && rd->meaning == FROM_IS_RDNS && rd->from_name != NULL &&
		!rd->from_literal && !rd->from_mailbox && rd->cl.ident == NULL)
		rd->cl.ident = g_strdup (rd->from_name);
	if (rd->cl.addr.invalid)
		r->flags |= ST_RECEIVED_INVALID_IP;
	if (rd->cl.may_be_forged)
		r->flags |= ST_RECEIVED_MAY_BE_FORGED;

	set_field (&r->ip, rd->cl.addr.ip);
	set_field (&r->rdns, rd->rdns);
	set_field (&r->helo, rd->helo);
	set_field (&r->ident, rd->cl.ident);
	set_field (&r->auth, rd->auth);
	set_field (&r->auth_user, rd->cl.auth_user);
	store_clauses (r, c);
	find_envfrom (r, c);
	find_by_ip (r, c);
}

/* The meaning of the clauses, in five steps: the client, its HELO and
 * rDNS, the authentication, the kind of event (step 4, kind_rules), and
 * the fields. An unparseable line keeps every field "". */
static void
interpret (StReceived *r, Clauses *c)
{
	Reading rd = { 0 };

	interpret_client (r, c, &rd);
	interpret_names (&rd);
	interpret_auth (c, &rd);
	r->kind = event_kind (c, &rd, &r->flags);
	if (r->kind != ST_RECEIVED_UNPARSEABLE)
		interpret_fill (r, c, &rd);
	reading_clear (&rd);
}

StReceived *
st_received_parse (const char *value, gssize len)
{
	StReceived *r = g_new0 (StReceived, 1);
	gsize n;
	Clauses c;

	g_return_val_if_fail (value != NULL, r);

	n = len < 0 ? strlen (value) : (gsize)len;
	if (n > MAX_VALUE) {
		n = MAX_VALUE;
		r->flags |= ST_RECEIVED_TRUNCATED;
	}
	r->raw = normalize (value, n, &r->flags);
	r->ip = g_strdup ("");
	r->rdns = g_strdup ("");
	r->helo = g_strdup ("");
	r->ident = g_strdup ("");
	r->auth = g_strdup ("");
	r->auth_user = g_strdup ("");
	r->by = g_strdup ("");
	r->by_ip = g_strdup ("");
	r->with = g_strdup ("");
	r->via = g_strdup ("");
	r->id = g_strdup ("");
	r->for_addr = g_strdup ("");
	r->envfrom = g_strdup ("");
	r->date = g_strdup ("");
	r->date_raw = g_strdup ("");
	r->dialect = "generic";

	clauses_init (&c, r->raw);
	lex (r->raw, c.toks, &r->flags);
	split_clauses (&c);
	parse_date (r, &c);
	interpret (r, &c);
	clauses_clear (&c);
	if (r->kind == ST_RECEIVED_UNPARSEABLE) {
		/* nothing is guessed from a line we cannot read, not even a
		 * date that happens to follow a ";" */
		r->dialect = "unparseable";
		g_free (r->date);
		r->date = g_strdup ("");
		r->time = 0;
	}
	return r;
}

void
st_received_free (StReceived *r)
{
	if (r == NULL)
		return;
	g_free (r->raw);
	g_free (r->ip);
	g_free (r->rdns);
	g_free (r->helo);
	g_free (r->ident);
	g_free (r->auth);
	g_free (r->auth_user);
	g_free (r->by);
	g_free (r->by_ip);
	g_free (r->with);
	g_free (r->via);
	g_free (r->id);
	g_free (r->for_addr);
	g_free (r->envfrom);
	g_free (r->date);
	g_free (r->date_raw);
	g_free (r);
}

static const struct {
	StReceivedFlags flag;
	const char *name;
} flag_names[] = {
	{ ST_RECEIVED_NO_DATE, "no-date" },
	{ ST_RECEIVED_BAD_DATE, "bad-date" },
	{ ST_RECEIVED_INVALID_IP, "invalid-ip" },
	{ ST_RECEIVED_MAY_BE_FORGED, "may-be-forged" },
	{ ST_RECEIVED_NO_BY, "no-by" },
	{ ST_RECEIVED_UNBALANCED, "unbalanced" },
	{ ST_RECEIVED_TRUNCATED, "truncated" },
	{ ST_RECEIVED_CONTROL_CHARS, "control-chars" },
	{ ST_RECEIVED_CLIENT_HIDDEN, "client-hidden" },
	{ ST_RECEIVED_AMBIGUOUS_CLIENT, "ambiguous-client" },
};

char *
st_received_flags_to_string (guint flags)
{
	GString *s = g_string_new (NULL);
	for (gsize i = 0; i < G_N_ELEMENTS (flag_names); i++) {
		if (flags & flag_names[i].flag) {
			if (s->len > 0)
				g_string_append_c (s, ',');
			g_string_append (s, flag_names[i].name);
		}
	}
	return g_string_free (s, FALSE);
}

const char *
st_received_kind_to_string (StReceivedKind kind)
{
	switch (kind) {
	case ST_RECEIVED_RELAY:
		return "relay";
	case ST_RECEIVED_LOCAL:
		return "local";
	case ST_RECEIVED_PICKUP:
		return "pickup";
	case ST_RECEIVED_UNPARSEABLE:
		break;
	}
	return "unparseable";
}
