/* excerpt.h - the body of a spam as a person reads it, trimmed to what shows it is spam.
 * RFC 2045-2047 decoding through GMime; which lines to keep is ours. */
#ifndef ST_EXCERPT_H
#define ST_EXCERPT_H

#include <glib.h>

G_BEGIN_DECLS

/* At most this many lines of an excerpt. */
#define ST_EXCERPT_MAX_LINES 200

/* Decodes the first readable text part of the message in @data (plain, or
 * HTML turned into text) and keeps its first lines and every line with a
 * URL, an e-mail address, a phone number or a postal address; gaps are
 * marked. National phone numbers are read as numbers of @region (the
 * StBody's, so that the excerpt keeps what the evidence shows; NULL reads
 * them as US ones). Never fails: an unreadable body gives a note saying so. */
char *st_excerpt_make (const char *data, gsize len, const char *region);

/* TRUE when the library's finders (urls.c, phone.cc, postal.c) find a URL,
 * a mailbox, a phone number (read in @region as st_phone_find does) or a
 * postal address in @line. */
gboolean st_excerpt_line_has_contact (const char *line, const char *region);

G_END_DECLS

#endif
