/* testdata.h - what several test programs share: the files under tests/data, contact lists as text.
 * No RFC. */
#ifndef ST_TESTDATA_H
#define ST_TESTDATA_H

#include <glib.h>

#include "contact.h"

G_BEGIN_DECLS

/* $top_srcdir/tests/data/@dir/@name; a new string. */
char *st_test_data_path (const char *dir, const char *name);

/* The contents of that file; the test aborts when it cannot be read. */
char *st_test_read (const char *dir, const char *name, gsize *len);

/* "address scope confidence role" for each contact, "; "-separated, and
 * " (note)" after each when @notes. */
char *st_test_describe_contacts (const StContactList *l, gboolean notes);

/* @headers, the HTTP header lines a fixture server sends, with "{port}"
 * replaced by @port and each "{date+N}" or "{date-N}" by the HTTP-date
 * (RFC 9110 section 5.6.7, IMF-fixdate) N seconds from now. A new string. */
char *st_test_http_headers (const char *headers, guint port);

G_END_DECLS

#endif
