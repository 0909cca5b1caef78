/* html.c - what an HTML part shows and what its tags say: elements, attributes, references.
 * WHATWG HTML sections 13.1 (syntax: tags, attributes, comments) and 13.5 (named references).
 *
 * Not a parser: one linear pass that reads tags and attributes the way
 * browsers tolerate them (unclosed tags and quotes end at the end of the
 * input), turns the rest into the text a reader sees, and hands each start
 * tag's attributes to the caller (urls.c looks for links in them). */
#include "config.h"

#include <string.h>

#include "html.h"

/* HTML character references, HTML5 names included: spam writes
 * "example&period;com" and "&#104;ttp" to slip past filters. Only the
 * first four are accepted without the closing ';', as browsers do. */
static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{ "amp", "&" },
	{ "lt", "<" },
	{ "gt", ">" },
	{ "quot", "\"" },
	{ "apos", "'" },
	{ "nbsp", " " },
	{ "period", "." },
	{ "colon", ":" },
	{ "sol", "/" },
	{ "commat", "@" },
	{ "lpar", "(" },
	{ "rpar", ")" },
	{ "lsqb", "[" },
	{ "rsqb", "]" },
	{ "lbrack", "[" },
	{ "rbrack", "]" },
	{ "excl", "!" },
	{ "quest", "?" },
	{ "num", "#" },
	{ "equals", "=" },
	{ "percnt", "%" },
	{ "plus", "+" },
	{ "hyphen", "-" },
	{ "dash", "-" },
	{ "lowbar", "_" },
	{ "semi", ";" },
	{ "comma", "," },
	{ "tilde", "~" },
	{ "ndash", "\xe2\x80\x93" },
	{ "mdash", "\xe2\x80\x94" },
	{ "shy", "" },
	{ "zwj", "" },
	{ "zwnj", "" },
	{ "copy", "\xc2\xa9" },
	{ "reg", "\xc2\xae" },
	{ "euro", "\xe2\x82\xac" },
	{ "pound", "\xc2\xa3" },
};
#define LEGACY_ENTITIES 4

/* Elements that do not break a word: "exam<b>ple</b>.com" is one word on
 * screen, so no space is put in their place. Any other tag is a space. */
static const char *const inline_elements[] = {
	"b",
	"i",
	"u",
	"s",
	"em",
	"strong",
	"span",
	"font",
	"small",
	"big",
	"sub",
	"sup",
	"wbr",
	"strike",
	"tt",
	"code",
	"mark",
	"ins",
	"del",
	"abbr",
};

gboolean
st_html_name_is (const char *s, gsize len, const char *name)
{
	return strlen (name) == len && g_ascii_strncasecmp (s, name, len) == 0;
}

/* Appends the decoded reference at @s[@i] (just after '&') to @out;
 * returns the bytes consumed after '&', or 0 when it is not one. */
static gsize
unescape_one (const char *s, gsize n, gsize i, GString *out)
{
	if (i < n && s[i] == '#') {
		gsize k = i + 1;
		gboolean hex = k < n && (s[k] == 'x' || s[k] == 'X');
		if (hex)
			k++;
		gsize d = k;
		guint32 v = 0;
		while (k < n && (hex ? g_ascii_isxdigit (s[k]) : g_ascii_isdigit (s[k]))) {
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) +
				    (guint32)(hex ? g_ascii_xdigit_value (s[k])
						  : g_ascii_digit_value (s[k]));
			k++;
		}
		if (k == d)
			return 0;
		if (k < n && s[k] == ';')
			k++;
		if (v == 0 || v >= 0x110000 || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		if (v == 0xA0)
			v = ' ';
		g_string_append_unichar (out, v);
		return k - i;
	}
	gsize k = i;
	while (k < n && k - i < 16 && g_ascii_isalnum (s[k]))
		k++;
	if (k == i)
		return 0;
	for (gsize e = 0; e < G_N_ELEMENTS (entities); e++) {
		gsize el = strlen (entities[e].name);
		if (el != k - i || strncmp (s + i, entities[e].name, el) != 0)
			continue;
		if (k < n && s[k] == ';') {
			g_string_append (out, entities[e].text);
			return k + 1 - i;
		}
		if (e < LEGACY_ENTITIES) {
			g_string_append (out, entities[e].text);
			return k - i;
		}
	}
	return 0;
}

static void
unescape_append (GString *out, const char *s, gsize n)
{
	gsize i = 0;
	while (i < n) {
		const char *amp = memchr (s + i, '&', n - i);
		gsize stop = amp != NULL ? (gsize)(amp - s) : n;
		g_string_append_len (out, s + i, (gssize)(stop - i));
		if (amp == NULL)
			break;
		gsize used = unescape_one (s, n, stop + 1, out);
		if (used == 0)
			g_string_append_c (out, '&');
		i = stop + 1 + used;
	}
}

char *
st_html_unescape (const char *s, gssize len)
{
	g_return_val_if_fail (s != NULL, NULL);
	gsize n = len < 0 ? strlen (s) : (gsize)len;
	GString *out = g_string_sized_new (n);
	unescape_append (out, s, n);
	return g_string_free (out, FALSE);
}

/* One tag starting at @html[@i] == '<'; returns the offset after it and
 * sets *@space when the tag separates words. A start tag's attributes go
 * to @func. */
static gsize
scan_tag (const char *html, gsize n, gsize i, StHtmlTagFunc func, gpointer data, gboolean *space)
{
	gsize k = i + 1;
	StHtmlAttr attrs[ST_HTML_MAX_ATTRS];
	guint nattrs = 0;

	*space = TRUE;
	if (k < n && html[k] == '/')
		k++;
	gsize name = k;
	while (k < n && (g_ascii_isalnum (html[k]) || html[k] == '-' || html[k] == ':'))
		k++;
	gsize namelen = k - name;
	for (gsize e = 0; e < G_N_ELEMENTS (inline_elements); e++)
		if (st_html_name_is (html + name, namelen, inline_elements[e]))
			*space = FALSE;

	while (k < n && html[k] != '>') {
		char c = html[k];
		if (g_ascii_isspace (c) || c == '/') {
			k++;
			continue;
		}
		gsize an = k;
		while (k < n && !g_ascii_isspace (html[k]) && html[k] != '=' && html[k] != '>' &&
			html[k] != '/')
			k++;
		if (k == an)
			k++; /* a stray '=' */
		gsize anlen = k - an;
		while (k < n && g_ascii_isspace (html[k]))
			k++;
		const char *value = NULL;
		gsize valuelen = 0;
		if (k < n && html[k] == '=') {
			k++;
			while (k < n && g_ascii_isspace (html[k]))
				k++;
			if (k < n && (html[k] == '"' || html[k] == '\'')) {
				char q = html[k++];
				const char *close = memchr (html + k, q, n - k);
				gsize ve = close != NULL ? (gsize)(close - html) : n;
				value = html + k;
				valuelen = ve - k;
				k = close != NULL ? ve + 1 : n;
			} else {
				gsize vs = k;
				while (k < n && !g_ascii_isspace (html[k]) && html[k] != '>')
					k++;
				value = html + vs;
				valuelen = k - vs;
			}
		}
		if (value != NULL && nattrs < ST_HTML_MAX_ATTRS)
			attrs[nattrs++] = (StHtmlAttr){ html + an, anlen, value, valuelen };
	}
	gsize after = k < n ? k + 1 : n;
	if (func != NULL && html[i + 1] != '/')
		func (attrs, nattrs, data);
	return after;
}

GString *
st_html_walk (const char *html, gsize n, StHtmlTagFunc func, gpointer data)
{
	g_return_val_if_fail (html != NULL || n == 0, NULL);
	GString *text = g_string_sized_new (n / 2 + 1);
	gsize i = 0;

	while (i < n) {
		const char *lt = memchr (html + i, '<', n - i);
		gsize stop = lt != NULL ? (gsize)(lt - html) : n;
		unescape_append (text, html + i, stop - i);
		if (lt == NULL)
			break;
		i = stop;
		if (n - i >= 4 && memcmp (html + i, "<!--", 4) == 0) {
			const char *close = g_strstr_len (html + i + 4, (gssize)(n - i - 4), "-->");
			i = close != NULL ? (gsize)(close - html) + 3 : n;
			continue;
		}
		gsize j = i + 1;
		if (j < n && html[j] == '/')
			j++;
		if (j >= n || !(g_ascii_isalpha (html[j]) || html[j] == '!' || html[j] == '?')) {
			g_string_append_c (text, '<');
			i++;
			continue;
		}
		gboolean space;
		gsize tag = i;
		i = scan_tag (html, n, i, func, data, &space);
		if (space)
			g_string_append_c (text, ' ');
		/* A style sheet is not shown; its selectors ("a.menu") would
		 * read as host names. */
		if (n - tag >= 6 && g_ascii_strncasecmp (html + tag, "<style", 6) == 0 &&
			(tag + 6 == n || !g_ascii_isalnum (html[tag + 6]))) {
			const char *close = NULL;
			for (const char *p = html + i;
				(p = memchr (p, '<', (gsize)(html + n - p))) != NULL; p++)
				if (html + n - p >= 7 &&
					g_ascii_strncasecmp (p, "</style", 7) == 0) {
					close = p;
					break;
				}
			i = close != NULL ? (gsize)(close - html) : n;
		}
	}
	return text;
}

gboolean
st_html_looks_like (const char *text, gssize len)
{
	g_return_val_if_fail (text != NULL, FALSE);
	gsize n = len < 0 ? strlen (text) : (gsize)len;
	static const char *const openers[] = { "<html", "<!doctype html", "<body", "<head" };

	n = MIN (n, 1024);
	for (gsize i = 0; i < n; i++)
		if (text[i] == '<')
			for (gsize k = 0; k < G_N_ELEMENTS (openers); k++)
				if (n - i >= strlen (openers[k]) &&
					g_ascii_strncasecmp (
						text + i, openers[k], strlen (openers[k])) == 0)
					return TRUE;
	return FALSE;
}

char *
st_html_text (const char *html, gssize len)
{
	g_return_val_if_fail (html != NULL, NULL);
	gsize n = len < 0 ? strlen (html) : (gsize)len;
	return g_string_free (st_html_walk (html, n, NULL, NULL), FALSE);
}
