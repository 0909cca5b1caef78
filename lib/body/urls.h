/* urls.h - the web addresses and mailboxes a spam advertises, found in plain text and HTML.
 * RFC 3986 sections 3 and 2.1 (URI syntax, percent-encoding), RFC 5890 (IDNA), RFC 6068 (mailto).
 */
#ifndef ST_URLS_H
#define ST_URLS_H

#include <glib.h>

G_BEGIN_DECLS

/* Where in a message a finding was made. */
typedef enum {
	ST_URLS_WHERE_HEADER,       /* a header field such as Reply-To: or Subject: */
	ST_URLS_WHERE_TEXT,         /* plain text */
	ST_URLS_WHERE_HTML_TEXT,    /* the visible text of HTML */
	ST_URLS_WHERE_HTML_HREF,    /* href= of <a>, <area>, <link> */
	ST_URLS_WHERE_HTML_SRC,     /* src= or background= of images, frames, scripts */
	ST_URLS_WHERE_HTML_ACTION,  /* action= of <form>, formaction= of buttons */
	ST_URLS_WHERE_HTML_REFRESH, /* <meta http-equiv="refresh" content="0; url=…"> */
	ST_URLS_WHERE_REDIRECT,     /* the target named by a redirector's parameter */
} StUrlsWhere;

/* The name used in JSON: "header", "text", "html-text", "href", "src",
 * "action", "refresh", "redirect". Borrowed. */
const char *st_urls_where_name (StUrlsWhere where);

typedef enum {
	ST_URL_OBFUSCATED = 1 << 0, /* written as hxxp://, example[.]com, "dot" … */
	ST_URL_BARE = 1 << 1,       /* no scheme in the text: www.example.com, example.com/x */
	ST_URL_SHORTENER = 1 << 2,  /* bit.ly and friends: the real target is hidden */
	ST_URL_REDIRECTOR = 1 << 3, /* google.com/url?q=…: the target is in a parameter */
	ST_URL_IDN = 1 << 4,        /* the host has a Unicode form */
	ST_URL_IP_HOST = 1 << 5,    /* the host is an address literal */
	ST_URL_USERINFO = 1 << 6,   /* user@ before the host: http://bank.com@evil.example/ */
	ST_URL_ENTITIES = 1 << 7,   /* HTML character references or %XX hid part of it */
} StUrlFlags;

typedef struct {
	char *url;  /* normalized: lower-case scheme, ASCII (punycode) host, rest as found */
	char *raw;  /* the text as it was written, obfuscation included */
	char *host; /* ASCII, lower case, no trailing dot */
	char *host_unicode; /* the Unicode form of an IDN host, or NULL */
	char *registrable;  /* via the Public Suffix List, or NULL (an address, a bare suffix) */
	char *target;       /* for a redirector: the decoded target URL, or NULL */
	guint flags;        /* StUrlFlags */
	StUrlsWhere where;
	guint part;  /* 0 for the header, then MIME leaf parts numbered from 1 */
	guint count; /* how often it was found; where/part name the first time */
	guint links; /* how many HTML links (<a href>, <area href>) lead to it */
	char *text;  /* what the first such link shows the reader ("Verify now", "[image]"), or
		      * NULL; at most ST_URLS_MAX_LINK_TEXT bytes */
} StUrl;

/* The text of a link is kept to this many bytes: evidence, not content. */
#define ST_URLS_MAX_LINK_TEXT 120

typedef enum {
	ST_EMAIL_OBFUSCATED = 1 << 0, /* "name at domain dot com", "name [at] domain [dot] com" */
	ST_EMAIL_MAILTO = 1 << 1,     /* from a mailto: link */
	ST_EMAIL_REPLY_TO = 1 << 2,   /* from Reply-To: — where answers go */
} StEmailFlags;

/* What the text around a mailbox says it is, each occurrence read on its
 * own (one that is quoted or greeted is nothing else): the words a reader
 * is asked to write with, in the languages spam is written in (English,
 * Portuguese, Spanish, French, German, Italian, Dutch), or the signs that
 * it is not a channel offered to the reader at all. */
typedef enum {
	ST_EMAIL_CONTEXT_REPLY = 1 << 0,    /* "reply to", "contact us at", "E-mail:", "escreva" */
	ST_EMAIL_CONTEXT_QUOTED = 1 << 1,   /* a quoted or forwarded header block ("To:",
					     * "Para:", "Von:", "Message-ID:") or a "> " line */
	ST_EMAIL_CONTEXT_GREETING = 1 << 2, /* greets the reader: "Dear alice@example.org," */
	ST_EMAIL_CONTEXT_CONTENT_ID = 1 << 3, /* "cid:" or an image's address: a part's name */
} StEmailContext;

typedef struct {
	char *address; /* local@domain with the domain in lower case ASCII */
	char *raw;     /* as written */
	char *domain;
	char *registrable; /* or NULL */
	guint flags;       /* StEmailFlags */
	guint context;     /* StEmailContext: every occurrence's, together */
	StUrlsWhere where;
	guint part;
	guint count;
} StEmail;

/* A deduplicated collection, in order of first appearance. */
typedef struct {
	GPtrArray *urls;    /* StUrl * */
	GPtrArray *emails;  /* StEmail * */
	gboolean truncated; /* ST_URLS_MAX_ITEMS reached: later findings were dropped */
	GHashTable *index;  /* private: key → item */
} StUrls;

/* Hostile mail can carry hundreds of thousands of links; evidence needs few. */
#define ST_URLS_MAX_ITEMS 4096

StUrls *st_urls_new (void);
void st_urls_free (StUrls *urls);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StUrls, st_urls_free)

/* Finds URLs, bare host names and mailboxes in @text (UTF-8, @len bytes or
 * -1 for NUL-terminated), undoing the usual obfuscations. Linear in @len. */
void st_urls_scan_text (StUrls *urls, const char *text, gssize len, StUrlsWhere where, guint part);

/* Finds them in HTML: href, src, background, action, formaction, meta
 * refresh, mailto: links, and the visible text with character references
 * decoded (html.c reads the tags). Comments are skipped. Linear in @len;
 * unclosed tags and quotes end at the end of the input as in browsers. */
void st_urls_scan_html (StUrls *urls, const char *html, gssize len, guint part);

/* Adds one mailbox taken from a header (already parsed), e.g. Reply-To:. */
void st_urls_add_email (
	StUrls *urls, const char *address, guint flags, StUrlsWhere where, guint part);

/* Undoes the usual ways of writing addresses so that filters miss them:
 * hxxp, [:], [.], (dot), " dot ", [at], (at), " at " followed by an
 * obfuscated domain. When @map is not NULL it receives, for each output byte
 * and one past the end, the input offset it came from (guint32 each).
 * Returns a newly allocated string. */
char *st_urls_deobfuscate (const char *text, gsize len, GArray *map);

G_END_DECLS

#endif
