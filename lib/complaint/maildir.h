/* maildir.h - writing a message into a Maildir the safe way, flagged as a draft.
 * The Maildir format (D. J. Bernstein, maildir(5)): tmp/, fsync, then into cur/ with ":2,D". */
#ifndef ST_MAILDIR_H
#define ST_MAILDIR_H

#include <glib.h>

G_BEGIN_DECLS

/* Creates @dir and its tmp/, new/ and cur/ when missing (mode 0700). */
gboolean st_maildir_ensure (const char *dir, GError **error);

/* Writes @len bytes of @data as a new message in @dir's cur/ with the info
 * ":2,@flags" (e.g. "D" for a draft): the file is written in tmp/, synced,
 * then linked into cur/ under a name no other message has, so nothing is
 * ever overwritten. Returns the path in cur/ (a new string). */
char *st_maildir_deliver (
	const char *dir, const char *data, gsize len, const char *flags, GError **error);

G_END_DECLS

#endif
