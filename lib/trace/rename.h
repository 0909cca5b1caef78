/* rename.h - X-Spamtrace-* lines that someone else wrote, renamed Old-X-Spamtrace-* up to where the
 * MDAs' header ends. RFC 5322 section 2.2 (a field starts a line), as procmail, maildrop and
 * Dovecot read it. */
#ifndef ST_RENAME_H
#define ST_RENAME_H

#include <glib.h>

#include "ours.h"

G_BEGIN_DECLS


/* Where the MDAs' header ends is not where a parser of RFC 5322 says it
 * does: procmail, maildrop and Dovecot's Sieve read on past a line that is
 * no field ("this is not a field", "Foo : bar", ": x") to the first empty
 * line, and procmail does not take "\r\n" for an empty line: in a message
 * with LF line ends only a line of "\n" alone ends what it matches against
 * (in a CRLF message, none does: procmail matches the body too). So every
 * line that starts with X-Spamtrace- (any case, whatever follows: Sieve
 * reads "X-Spamtrace-Suspect : no" as the field) before the first line of
 * "\n" alone is renamed; after it nothing is touched. The input may come in
 * pieces of any size: the state carries a line's first bytes over. */
typedef struct {
	gboolean done;   /* past the first line of "\n" alone */
	gboolean inside; /* within a line, past its first bytes */
	char held[ST_OURS_PREFIX_LEN];
	gsize n_held; /* the first bytes of a line, undecided */
	guint renamed;
} StRename;

void st_rename_init (StRename *r);

/* Appends to @out what @p[0..@len) becomes, as far as the header goes;
 * returns how many bytes were taken: the rest, and all input after it,
 * passes unchanged (r->done is then TRUE). With @out NULL, only counts
 * (r->renamed). */
gsize st_rename_feed (StRename *r, const char *p, gsize len, GString *out);

/* At the end of the input: appends what is still held. */
void st_rename_finish (StRename *r, GString *out);

G_END_DECLS

#endif
