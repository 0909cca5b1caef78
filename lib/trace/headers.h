/* headers.h - the header section of a message: where it ends, its fields.
 * RFC 5322 section 2.2 (header fields) and 2.2.3 (folding); mbox "From " lines (RFC 4155). */
#ifndef ST_HEADERS_H
#define ST_HEADERS_H

#include <glib.h>

G_BEGIN_DECLS

/* One field, pointing into the block it was parsed from. */
typedef struct {
	const char *name;
	gsize name_len;
	const char *value; /* after the colon, folded as written */
	gsize value_len;
	gsize start; /* offset of the field's first byte */
	gsize end;   /* offset just past its last line ending */
} StField;

typedef struct {
	const char *data; /* borrowed */
	gsize len;
	gsize from_line_len; /* a leading mbox "From " line, 0 when none */
	gboolean crlf;       /* the first line ends in CRLF */
	GArray *fields;      /* StField */
} StHeaders;

/* Incremental search for the end of the header section, for input that
 * arrives in pieces over a pipe. */
typedef struct {
	gsize pos;        /* start of the first line not yet examined */
	gboolean started; /* past the optional "From " line */
	gboolean done;
	gsize end; /* when done: length of the header section, blank line included */
} StHeaderScan;

/* Examines the complete lines of @buf[0..@len) beyond what earlier calls
 * saw. The section ends after the first empty line, or before the first
 * line that is neither a field nor a continuation; at @eof, at @len.
 * Returns TRUE (and sets scan->end) once the end is known. */
gboolean st_header_scan_feed (StHeaderScan *scan, const char *buf, gsize len, gboolean eof);

/* Splits a header section (as found by the scan) into fields. */
StHeaders *st_headers_parse (const char *data, gsize len);
void st_headers_free (StHeaders *h);

/* The first field named @name (case-insensitive), or NULL. */
const StField *st_headers_find (const StHeaders *h, const char *name, guint *index);

gboolean st_field_is (const StField *f, const char *name);

/* Whether @f is one of the fields a message brings with it (From, Subject,
 * the MIME fields…), as opposed to trace fields and those relays add. */
gboolean st_field_is_message_own (const StField *f);

/* The unfolded value of @f with CR/LF removed; a new string. */
char *st_field_unfold (const StField *f);

/* The addresses the fields named @names (NULL-terminated) hold: every word
 * with an "@" between the separators of an address list (white space,
 * commas, semicolons, angle brackets, parentheses, quotes), in lower case,
 * as a set (a GHashTable of owned strings). Built in one pass over the
 * fields, for membership tests that do not scan the header each time. */
GHashTable *st_headers_addresses (const StHeaders *h, const char *const *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StHeaders, st_headers_free)

G_END_DECLS

#endif
