/* html.h - what an HTML part shows and what its tags say: elements, attributes, references.
 * WHATWG HTML sections 13.1 (syntax: tags, attributes, comments) and 13.5 (named references). */
#ifndef ST_HTML_H
#define ST_HTML_H

#include <glib.h>

G_BEGIN_DECLS

/* One attribute of a tag, pointing into the HTML as written (references
 * not decoded, quotes removed). Attributes written without a value
 * (<input disabled>) are not reported. */
typedef struct {
	const char *name;
	gsize namelen;
	const char *value;
	gsize valuelen;
} StHtmlAttr;

/* A tag's attributes past this many are not reported. */
#define ST_HTML_MAX_ATTRS 32

/* Called once per start tag with the attributes that had a value. */
typedef void (*StHtmlTagFunc) (const StHtmlAttr *attrs, guint n, gpointer data);

/* Walks @n bytes of @html once: returns the text a reader sees (tags
 * become a space, or nothing for inline elements such as <b>; comments and
 * style sheets vanish; references are decoded) and, when @func is not
 * NULL, hands it each start tag's attributes. Linear in @n; unclosed tags
 * and quotes end at the end of the input as in browsers. Returns a new
 * GString. */
GString *st_html_walk (const char *html, gsize n, StHtmlTagFunc func, gpointer data);

/* The text a reader of @html sees (see st_html_walk). Returns a newly
 * allocated string. */
char *st_html_text (const char *html, gssize len);

/* One link target of a rendered HTML part. */
typedef struct {
	char *href;  /* as in the tag: references decoded, white space removed */
	char *text;  /* what the first link to it shows, on one line ("[image]" for a
		      * picture without alt text) */
	guint count; /* how many links point there */
} StHtmlLink;

/* Links and images past this many are not numbered or listed. */
#define ST_HTML_MAX_LINKS 1000

/* An HTML part as a text browser shows it. */
typedef struct {
	char *text;        /* lines of text; each link's number "[n]" after its text */
	GPtrArray *links;  /* StHtmlLink *: link n is links->pdata[n - 1]; one per href */
	GPtrArray *images; /* char *: each image's src, once, in order */
	guint more_links;  /* links to targets past ST_HTML_MAX_LINKS, not numbered */
} StHtmlView;

/* Renders @len bytes of @html (-1: NUL-terminated) as a text browser does:
 * block elements (p, div, tr, li, headings…) break lines, white space is
 * collapsed, style sheets, scripts and the title are not shown, an image
 * shows its alt text, and each link <a href> is numbered after its text,
 * its target listed in ->links. One linear pass with the tag reader of
 * st_html_walk: unclosed tags, quotes and links end at the end of the
 * input, as in browsers. Returns a new view (st_html_view_free). */
StHtmlView *st_html_render (const char *html, gssize len);
void st_html_view_free (StHtmlView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StHtmlView, st_html_view_free)

/* TRUE when the first kilobyte of @text opens an HTML document (<html,
 * <!doctype html, <body, <head): spam often sends HTML labelled text/plain. */
gboolean st_html_looks_like (const char *text, gssize len);

/* Decodes HTML character references (&amp; &#104; &#x68; and the common
 * named ones) in @len bytes of @s (-1: NUL-terminated). Unknown references
 * are kept as written. Returns a newly allocated string. */
char *st_html_unescape (const char *s, gssize len);

/* TRUE when the @len bytes at @s are @name, ignoring ASCII case. */
gboolean st_html_name_is (const char *s, gsize len, const char *name);

G_END_DECLS

#endif
