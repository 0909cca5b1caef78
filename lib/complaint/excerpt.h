/* excerpt.h - the body of a spam as a person reads it, trimmed to what shows it is spam.
 * RFC 2045-2047 decoding through GMime; which lines to keep is ours. */
#ifndef ST_EXCERPT_H
#define ST_EXCERPT_H

#include <glib.h>

G_BEGIN_DECLS

/* No line of an excerpt is longer than this many characters: longer ones
 * are cut, with a mark. */
#define ST_EXCERPT_LINE_CHARS 200

/* At most this many links, and attachments, are listed. */
#define ST_EXCERPT_MAX_LINKS 20
#define ST_EXCERPT_MAX_ATTACHMENTS 10

/* How much of the body an excerpt quotes, and what it hides. */
typedef struct {
	guint max_lines;         /* lines of body text; 0: ST_EXCERPT_LINES_DEFAULT */
	gsize max_bytes;         /* bytes of body text; 0: ST_EXCERPT_BYTES_DEFAULT */
	GHashTable *hide; /* mailboxes written as "[recipient]" (st_munge_set_new), or NULL */
} StExcerptOptions;

/* The body of the message in @data as a reader meets it, for a complaint:
 * first the link the reader is asked to follow (of those that do not go
 * to a well-known site, the first to the domain most links go to), then
 * the text of the HTML part rendered as a
 * text browser does (else of the plain part), its first lines and every
 * line with a link, a URL, a mailbox, a phone number or a postal address,
 * each line from the message marked "| " and gaps said, then the links by
 * number (a redirector's target after it), the hosts images are loaded
 * from, and the attachments (name, type, size, SHA-256). At most
 * @options' lines and bytes of body text, no line over
 * ST_EXCERPT_LINE_CHARS characters; what is cut is said. National phone
 * numbers are read as numbers of @region (NULL: US). Never fails: an
 * unreadable body gives a note saying so. */
char *st_excerpt_make (
	const char *data, gsize len, const char *region, const StExcerptOptions *options);

/* TRUE when the library's finders (urls.c, phone.cc, postal.c) find a URL,
 * a mailbox, a phone number offered as one (read in @region as
 * st_phone_find_offered does) or a postal address in @line. */
gboolean st_excerpt_line_has_contact (const char *line, const char *region);

/* @s on one line: control, format (bidi, zero-width) and separator
 * characters removed or made spaces, invalid UTF-8 repaired, at most
 * @max_chars characters (then "..."). New string. */
char *st_excerpt_one_line (const char *s, glong max_chars);

G_END_DECLS

#endif
