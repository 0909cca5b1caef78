/* postal.h - lines of a spam that look like a postal address, kept as evidence.
 * Formats: USPS Publication 28 (ZIP + state), Royal Mail PAF (postcodes), Deutsche Post (PLZ). */
#ifndef ST_POSTAL_H
#define ST_POSTAL_H

#include <glib.h>

#include "urls.h"

G_BEGIN_DECLS

typedef enum {
	ST_POSTAL_US,     /* "Anytown, CA 94043" or "CA 94043-1351" */
	ST_POSTAL_UK,     /* "London SW1A 1AA" */
	ST_POSTAL_DE,     /* "10115 Berlin" */
	ST_POSTAL_PO_BOX, /* "P.O. Box 123", "Postfach 10 20 30" */
	ST_POSTAL_STREET, /* "123 Main Street", "Hauptstraße 5" */
} StPostalKind;

/* "us", "uk", "de", "po-box", "street". Borrowed. */
const char *st_postal_kind_name (StPostalKind kind);

typedef struct {
	char *line; /* the line, whitespace squeezed */
	StPostalKind kind;
	StUrlsWhere where;
	guint part;
	guint count;
} StPostal;

void st_postal_free (StPostal *postal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPostal, st_postal_free)

/* Appends to @found (StPostal *, free func st_postal_free) each line of
 * @text that looks like part of a postal address; a line already there only
 * has its count raised. At most @max entries end up in @found. Linear in @len. */
void st_postal_find (
	GPtrArray *found, const char *text, gssize len, StUrlsWhere where, guint part, guint max);

G_END_DECLS

#endif
