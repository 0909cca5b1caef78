/* html.c - what an HTML part shows and what its tags say: elements, attributes, references.
 * WHATWG HTML sections 13.1 (syntax: tags, attributes, comments) and 13.5 (named references).
 *
 * Not a parser: one linear pass that reads tags and attributes the way
 * browsers tolerate them (unclosed tags and quotes end at the end of the
 * input), turns the rest into the text a reader sees, and hands each start
 * tag's attributes to the caller (urls.c looks for links in them).
 *
 * An HTML5 parser was measured against this walk (Debian's libgumbo 0.10.1,
 * on the 398 HTML parts of ../shared/corpus, 4.4 MB): 9.2 MB/s against 245
 * MB/s, and on hostile markup it builds the tree the standard asks for at
 * a cost no filter can pay: 140 KB of unclosed <b> took 14.7 s and 3.2 GB,
 * 480 KB of misnested formatting tags passed 10 GB, 200,000 nested <div>
 * ran past a minute. What the excerpt needs (the text, line breaks, link
 * targets) this walk gives in one pass. */
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

/* One tag as scan_tag read it. */
typedef struct {
	const char *name; /* its name, as written */
	gsize namelen;
	gboolean end;   /* </name> */
	gboolean space; /* it separates words */
	StHtmlAttr attrs[ST_HTML_MAX_ATTRS];
	guint nattrs;
} Tag;

/* One tag starting at @html[@i] == '<'; returns the offset after it and
 * fills @tag. */
static gsize
scan_tag (const char *html, gsize n, gsize i, Tag *tag)
{
	gsize k = i + 1;

	tag->space = TRUE;
	tag->nattrs = 0;
	tag->end = k < n && html[k] == '/';
	if (tag->end)
		k++;
	gsize name = k;
	while (k < n && (g_ascii_isalnum (html[k]) || html[k] == '-' || html[k] == ':'))
		k++;
	tag->name = html + name;
	tag->namelen = k - name;
	for (gsize e = 0; e < G_N_ELEMENTS (inline_elements); e++)
		if (st_html_name_is (html + name, tag->namelen, inline_elements[e]))
			tag->space = FALSE;

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
		if (value != NULL && tag->nattrs < ST_HTML_MAX_ATTRS)
			tag->attrs[tag->nattrs++] =
				(StHtmlAttr){ html + an, anlen, value, valuelen };
	}
	return k < n ? k + 1 : n;
}

/* Where the element that starts at @html[@tag] and ends at @i ends with
 * its contents: for <style> and <script>, whose contents are not text (a
 * style sheet's "a.menu" would read as a host name), after them; for any
 * other, @i. Case-insensitive, linear. */
static gsize
skip_raw_text (const char *html, gsize n, gsize i, const char *name)
{
	gsize nl = strlen (name);
	for (const char *p = html + i; (p = memchr (p, '<', (gsize)(html + n - p))) != NULL; p++)
		if ((gsize)(html + n - p) >= nl + 2 && p[1] == '/' &&
			g_ascii_strncasecmp (p + 2, name, nl) == 0)
			return (gsize)(p - html);
	return n;
}

typedef enum {
	NEXT_END,
	NEXT_TEXT, /* a comment, or a '<' that opens nothing: text goes on */
	NEXT_TAG,
} Next;

/* Appends the decoded text from @html[*@i] to the next '<' to @text and
 * moves *@i there; then skips a comment, or takes a '<' that opens no tag
 * ("a < b") as text. Says what is at *@i. */
static Next
next_markup (const char *html, gsize n, gsize *i, GString *text)
{
	const char *lt = memchr (html + *i, '<', n - *i);
	gsize stop = lt != NULL ? (gsize)(lt - html) : n;

	unescape_append (text, html + *i, stop - *i);
	*i = stop;
	if (lt == NULL)
		return NEXT_END;
	if (n - stop >= 4 && memcmp (lt, "<!--", 4) == 0) {
		const char *close = g_strstr_len (lt + 4, (gssize)(n - stop - 4), "-->");
		*i = close != NULL ? (gsize)(close - html) + 3 : n;
		return NEXT_TEXT;
	}
	gsize j = stop + 1;
	if (j < n && html[j] == '/')
		j++;
	if (j >= n || !(g_ascii_isalpha (html[j]) || html[j] == '!' || html[j] == '?')) {
		g_string_append_c (text, '<');
		(*i)++;
		return NEXT_TEXT;
	}
	return NEXT_TAG;
}

GString *
st_html_walk (const char *html, gsize n, StHtmlTagFunc func, gpointer data)
{
	g_return_val_if_fail (html != NULL || n == 0, NULL);
	GString *text = g_string_sized_new (n / 2 + 1);
	gsize i = 0;

	while (i < n) {
		if (next_markup (html, n, &i, text) != NEXT_TAG)
			continue;
		Tag tag;
		i = scan_tag (html, n, i, &tag);
		if (func != NULL && !tag.end)
			func (tag.attrs, tag.nattrs, data);
		if (tag.space)
			g_string_append_c (text, ' ');
		/* A style sheet is not shown; its selectors ("a.menu") would
		 * read as host names. */
		if (!tag.end && st_html_name_is (tag.name, tag.namelen, "style"))
			i = skip_raw_text (html, n, i, "style");
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

/* ---- rendering, as a text browser does ----------------------------------- */

/* How an element lays out the text around it. Any element not listed is
 * inline: browsers show an unknown tag's contents in the line, and spam
 * splits words with made-up tags ("exa<x>mple"). */
typedef enum {
	LAYOUT_LINE = 1, /* starts and ends a line */
	LAYOUT_BLOCK,    /* a paragraph: a blank line around it */
	LAYOUT_CELL,     /* a table cell: a gap in the row */
	LAYOUT_ITEM,     /* a list item: a line of its own, marked */
	LAYOUT_HIDDEN,   /* not shown, nor its contents: style sheets, scripts */
} Layout;

static const struct {
	const char *name;
	Layout layout;
} layouts[] = {
	{ "br", LAYOUT_LINE },
	{ "div", LAYOUT_LINE },
	{ "tr", LAYOUT_LINE },
	{ "center", LAYOUT_LINE },
	{ "form", LAYOUT_LINE },
	{ "section", LAYOUT_LINE },
	{ "article", LAYOUT_LINE },
	{ "header", LAYOUT_LINE },
	{ "footer", LAYOUT_LINE },
	{ "nav", LAYOUT_LINE },
	{ "main", LAYOUT_LINE },
	{ "aside", LAYOUT_LINE },
	{ "address", LAYOUT_LINE },
	{ "dt", LAYOUT_LINE },
	{ "dd", LAYOUT_LINE },
	{ "caption", LAYOUT_LINE },
	{ "figure", LAYOUT_LINE },
	{ "figcaption", LAYOUT_LINE },
	{ "button", LAYOUT_LINE },
	{ "option", LAYOUT_LINE },
	{ "body", LAYOUT_LINE },
	{ "p", LAYOUT_BLOCK },
	{ "h1", LAYOUT_BLOCK },
	{ "h2", LAYOUT_BLOCK },
	{ "h3", LAYOUT_BLOCK },
	{ "h4", LAYOUT_BLOCK },
	{ "h5", LAYOUT_BLOCK },
	{ "h6", LAYOUT_BLOCK },
	{ "hr", LAYOUT_BLOCK },
	{ "table", LAYOUT_BLOCK },
	{ "ul", LAYOUT_BLOCK },
	{ "ol", LAYOUT_BLOCK },
	{ "dl", LAYOUT_BLOCK },
	{ "pre", LAYOUT_BLOCK },
	{ "blockquote", LAYOUT_BLOCK },
	{ "fieldset", LAYOUT_BLOCK },
	{ "td", LAYOUT_CELL },
	{ "th", LAYOUT_CELL },
	{ "li", LAYOUT_ITEM },
	{ "style", LAYOUT_HIDDEN },
	{ "script", LAYOUT_HIDDEN },
	{ "title", LAYOUT_HIDDEN },
	{ "template", LAYOUT_HIDDEN },
	{ "xml", LAYOUT_HIDDEN },
};

static Layout
layout_of (const Tag *tag)
{
	for (gsize k = 0; k < G_N_ELEMENTS (layouts); k++)
		if (st_html_name_is (tag->name, tag->namelen, layouts[k].name))
			return layouts[k].layout;
	return 0;
}

typedef struct {
	StHtmlView *view;
	GString *out;
	GHashTable *link_index; /* href → its number, from 1 */
	GHashTable *image_seen; /* src */
	gboolean space;         /* white space is pending */
	gboolean line_start;    /* nothing on the current line yet */
	guint blank;            /* line ends in a row at the end of out */
	int link;               /* the open link's number, or 0 */
	gsize link_text;        /* where its text starts in out */
	char *alt;              /* the last image's alt text inside the open link */
} Render;

static void
render_break (Render *r, guint lines)
{
	while (r->out->len > 0 && r->out->str[r->out->len - 1] == ' ')
		g_string_truncate (r->out, r->out->len - 1);
	r->space = FALSE;
	if (r->out->len == 0)
		return;
	while (r->blank < lines) {
		g_string_append_c (r->out, '\n');
		r->blank++;
	}
	r->line_start = TRUE;
}

/* Appends visible text, white space collapsed as browsers do. */
static void
render_text (Render *r, const char *s, gsize n)
{
	for (gsize k = 0; k < n; k++) {
		char c = s[k];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			r->space = TRUE;
			continue;
		}
		if (r->space && !r->line_start)
			g_string_append_c (r->out, ' ');
		r->space = FALSE;
		r->line_start = FALSE;
		r->blank = 0;
		g_string_append_c (r->out, c);
	}
}

/* The value of attribute @name, references decoded and the white space
 * browsers strip from URLs removed; NULL when absent. */
static char *
attr_value (const Tag *tag, const char *name, gboolean url)
{
	for (guint k = 0; k < tag->nattrs; k++) {
		if (!st_html_name_is (tag->attrs[k].name, tag->attrs[k].namelen, name))
			continue;
		char *v = st_html_unescape (tag->attrs[k].value, (gssize)tag->attrs[k].valuelen);
		if (url) {
			char *w = v;
			for (const char *p = v; *p != '\0'; p++)
				if (*p != '\t' && *p != '\n' && *p != '\r')
					*w++ = *p;
			*w = '\0';
		}
		return g_strstrip (v);
	}
	return NULL;
}

static void
link_free (gpointer p)
{
	StHtmlLink *l = p;
	g_free (l->href);
	g_free (l->text);
	g_free (l);
}

void
st_html_view_free (StHtmlView *view)
{
	if (view == NULL)
		return;
	g_free (view->text);
	g_ptr_array_unref (view->links);
	g_ptr_array_unref (view->images);
	g_free (view);
}

/* Ends the open link: its number after its text, "[n]" ("[image] [n]"
 * when it shows no text). */
static void
link_close (Render *r)
{
	if (r->link == 0)
		return;
	StHtmlLink *l = r->view->links->pdata[r->link - 1];
	if (r->out->len == r->link_text || r->line_start) {
		g_autofree char *shown = g_strdup_printf (
			"[%s]", r->alt != NULL && r->alt[0] != '\0' ? r->alt : "image");
		render_text (r, shown, strlen (shown));
	}
	if (l->text == NULL) {
		g_autofree char *t =
			g_strndup (r->out->str + r->link_text, r->out->len - r->link_text);
		l->text = g_strdup (g_strstrip (g_strdelimit (t, "\n", ' ')));
	}
	g_autofree char *mark = g_strdup_printf ("[%d]", r->link);
	r->space = TRUE;
	render_text (r, mark, strlen (mark));
	r->space = TRUE; /* "[1] [image] [2]", not "[1][image]" */
	r->link = 0;
	g_clear_pointer (&r->alt, g_free);
}

static void
link_open (Render *r, const Tag *tag)
{
	g_autofree char *href = attr_value (tag, "href", TRUE);
	link_close (r);
	if (href == NULL || href[0] == '\0' || href[0] == '#')
		return;
	gpointer known = g_hash_table_lookup (r->link_index, href);
	if (known == NULL) {
		if (r->view->links->len >= ST_HTML_MAX_LINKS) {
			r->view->more_links++;
			return;
		}
		StHtmlLink *l = g_new0 (StHtmlLink, 1);
		l->href = g_strdup (href);
		g_ptr_array_add (r->view->links, l);
		known = GUINT_TO_POINTER (r->view->links->len);
		g_hash_table_insert (r->link_index, l->href, known);
	}
	r->link = (int)GPOINTER_TO_UINT (known);
	((StHtmlLink *)r->view->links->pdata[r->link - 1])->count++;
	r->link_text = r->out->len;
}

static void
render_image (Render *r, const Tag *tag)
{
	g_autofree char *src = attr_value (tag, "src", TRUE);
	g_autofree char *alt = attr_value (tag, "alt", FALSE);

	if (src != NULL && src[0] != '\0' && r->view->images->len < ST_HTML_MAX_LINKS &&
		!g_hash_table_contains (r->image_seen, src)) {
		g_ptr_array_add (r->view->images, g_strdup (src));
		g_hash_table_add (r->image_seen, r->view->images->pdata[r->view->images->len - 1]);
	}
	if (r->link != 0) {
		g_free (r->alt);
		r->alt = g_steal_pointer (&alt);
	} else if (alt != NULL && alt[0] != '\0') {
		g_autofree char *shown = g_strdup_printf ("[%s]", alt);
		render_text (r, shown, strlen (shown));
	}
}

static void
render_tag (Render *r, const Tag *tag)
{
	Layout layout = layout_of (tag);

	if (st_html_name_is (tag->name, tag->namelen, "a")) {
		if (tag->end)
			link_close (r);
		else
			link_open (r, tag);
		return;
	}
	if (!tag->end && st_html_name_is (tag->name, tag->namelen, "img")) {
		render_image (r, tag);
		return;
	}
	switch (layout) {
	case LAYOUT_LINE:
		render_break (r, 1);
		break;
	case LAYOUT_BLOCK:
		render_break (r, 2);
		break;
	case LAYOUT_CELL:
		r->space = TRUE;
		break;
	case LAYOUT_ITEM:
		render_break (r, 1);
		if (!tag->end)
			render_text (r, "* ", 2);
		break;
	case LAYOUT_HIDDEN:
		break;
	}
}

StHtmlView *
st_html_render (const char *html, gssize len)
{
	g_return_val_if_fail (html != NULL, NULL);
	gsize n = len < 0 ? strlen (html) : (gsize)len;
	StHtmlView *view = g_new0 (StHtmlView, 1);
	g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
	g_autoptr (GHashTable) images = g_hash_table_new (g_str_hash, g_str_equal);
	Render r = { view, g_string_sized_new (n / 2 + 1), index, images, FALSE, TRUE, 0, 0, 0,
		NULL };
	GString *chunk = g_string_new (NULL);
	gsize i = 0;

	view->links = g_ptr_array_new_with_free_func (link_free);
	view->images = g_ptr_array_new_with_free_func (g_free);
	while (i < n) {
		g_string_truncate (chunk, 0);
		Next next = next_markup (html, n, &i, chunk);
		render_text (&r, chunk->str, chunk->len);
		if (next != NEXT_TAG)
			continue;
		Tag tag;
		i = scan_tag (html, n, i, &tag);
		render_tag (&r, &tag);
		if (!tag.end && layout_of (&tag) == LAYOUT_HIDDEN) {
			g_autofree char *name = g_ascii_strdown (tag.name, (gssize)tag.namelen);
			i = skip_raw_text (html, n, i, name);
		}
	}
	link_close (&r);
	render_break (&r, 1);
	/* one line end at the end, not a paragraph's two */
	while (r.out->len > 1 && r.out->str[r.out->len - 1] == '\n' &&
		r.out->str[r.out->len - 2] == '\n')
		g_string_truncate (r.out, r.out->len - 1);
	g_string_free (chunk, TRUE);
	g_free (r.alt);
	view->text = g_string_free (r.out, FALSE);
	return view;
}
