/* munge.h - the user's own addresses hidden in the copy of a spam, as "[recipient]".
 * RFC 5321 section 4.1.2 (the mailbox), RFC 3986 section 2.1 (%40 for the @). */
#ifndef ST_MUNGE_H
#define ST_MUNGE_H

#include <glib.h>

G_BEGIN_DECLS

/* A set of the mailboxes of @hide (NULL-terminated, may be NULL), any case,
 * for st_munge (). Free with g_hash_table_unref (). */
GHashTable *st_munge_set_new (const char *const *hide);

/* @text (NUL-terminated) with every mailbox of @set replaced by
 * "[recipient]": any case, its @ written as such or as %40 (as links write
 * it), whether what stands before it is part of a longer local part or not
 * after a sign ("x+alice@example.org" hides "alice@example.org" too, but
 * "malice@example.org" is somebody else's), and only where its
 * domain ends (a letter, digit, dot or hyphen after it makes it another
 * domain). Linear in the length of @text. New string. */
char *st_munge (const char *text, GHashTable *set);

G_END_DECLS

#endif
