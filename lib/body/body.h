/* body.h - what a spam advertises: the contacts found in every text part of its body.
 * RFC 2045 section 6, RFC 2046 sections 4.1.2 and 5 (encodings, charsets, multipart, rfc822). */
#ifndef ST_BODY_H
#define ST_BODY_H

#include <glib.h>

#include "json-write.h"
#include "urls.h"

G_BEGIN_DECLS

/* How the message strained our limits or the parser. Data, not errors. */
typedef enum {
	ST_BODY_NOT_MIME = 1 << 0,    /* no message could be parsed: the bytes were read as text */
	ST_BODY_DEPTH_LIMIT = 1 << 1, /* parts nested deeper than ST_BODY_MAX_DEPTH were skipped */
	ST_BODY_SIZE_LIMIT = 1 << 2,  /* decoded text beyond ST_BODY_MAX_TEXT was not read */
	ST_BODY_PARTS_LIMIT = 1 << 3, /* parts after the ST_BODY_MAX_PARTS-th were skipped */
	ST_BODY_ITEMS_LIMIT = 1 << 4, /* too many findings: later ones were dropped */
} StBodyIssues;

/* Real mail nests a few levels; bombs nest thousands. */
#define ST_BODY_MAX_DEPTH 32
#define ST_BODY_MAX_PARTS 1000
#define ST_BODY_MAX_TEXT (16 * 1024 * 1024)

typedef struct {
	char *filename;     /* or NULL */
	char *content_type; /* "application/pdf" */
	guint part;
} StBodyAttachment;

typedef struct {
	StUrls *urls;            /* URLs and mailboxes, Reply-To: included */
	GPtrArray *phones;       /* StPhone * */
	GPtrArray *addresses;    /* StPostal * */
	GPtrArray *attachments;  /* StBodyAttachment *: named, never read */
	char *region;            /* the region national phone numbers were read in */
	char *region_reason;     /* why that one: "2 URLs or mailboxes under .de", … */
	gboolean region_guessed; /* FALSE when the caller named it */
	guint text_parts;        /* text parts read */
	guint issues;            /* StBodyIssues */
} StBody;

/* Parses the message in @len bytes of @data and collects what it
 * advertises. National phone numbers are read as numbers of
 * @default_region ("GB", "DE"). When it is NULL the region is guessed from
 * clues in the message, strongest first, a weaker kind only breaking the
 * ties of the stronger: the country-code domains of the URLs and mailboxes
 * in the body and Subject, then those of the From: and Reply-To:
 * mailboxes, then Content-Language, then a text part's charset made for
 * one country (iso-2022-jp, euc-kr, koi8-r…). With no clue it is "US".
 * ->region_reason names the winner's clues. Never fails: what could not be
 * read is in ->issues. */
StBody *st_body_parse (const char *data, gsize len, const char *default_region);
void st_body_free (StBody *body);

/* The longest field of the top header section GMime is given; see
 * st_body_mime_parse (). */
#define ST_BODY_FIELD_MAX (64 * 1024)

/* The message in @len bytes of @data as GMime reads it (RFC 5322, RFC
 * 2045), or NULL when it reads none. A field of the top header section
 * longer than ST_BODY_FIELD_MAX is cut, at its last line end below that
 * size, or its last comma, or left out: a To: of 200,000 addresses says
 * nothing about the body, and GMime's header buffer, grown a little at a
 * time, costs the square of its size where realloc copies (under
 * AddressSanitizer). Every reader of the body parses through here. A new
 * reference, with autoptr cleanup (gmime-autoptr.h). */
typedef struct _GMimeMessage GMimeMessage;
GMimeMessage *st_body_mime_parse (const char *data, gsize len);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StBody, st_body_free)

/* {"urls": […], "emails": […], "phones": […], "addresses": […],
 *  "attachments": […], "region": "US", "region_reason": "…", "region_guessed": true,
 *  "issues": […]}, every item with "where" and "part".
 * Returns a newly allocated string. */
char *st_body_to_json (const StBody *body);

/* The same members, written into the object open in @j. */
void st_body_json_members (StJson *j, const StBody *body);

G_END_DECLS

#endif
