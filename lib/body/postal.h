/* postal.h - lines of a spam that look like a postal address, kept as evidence.
 * Formats: USPS Publication 28 (ZIP + state), Royal Mail PAF (postcodes), Deutsche Post (PLZ),
 * Canada Post, Australia Post, PostNL, Japan Post, Correios (CEP), India Post (PIN), UPU S42. */
#ifndef ST_POSTAL_H
#define ST_POSTAL_H

#include <glib.h>

#include "urls.h"

G_BEGIN_DECLS

typedef enum {
	ST_POSTAL_US, /* "Anytown, CA 94043" or "CA 94043-1351" */
	ST_POSTAL_UK, /* "London SW1A 1AA" */
	/* a five-digit code before the town, as Germany, France, Italy, Spain
	 * and many more write it ("10115 Berlin", "F-75008 Paris"), or a
	 * four-digit one with its country prefix ("CH-8001 Zürich") */
	ST_POSTAL_POSTCODE_TOWN,
	ST_POSTAL_PO_BOX, /* "P.O. Box 123", "Postfach 10 20 30", "Caixa Postal 12" */
	ST_POSTAL_STREET, /* "123 Main Street", "Hauptstraße 5", "12 rue de la Paix", "Via Roma 10"
			   */
	ST_POSTAL_CA,     /* "Ottawa, ON K1A 0B1" */
	ST_POSTAL_AU,     /* "Sydney NSW 2000" */
	ST_POSTAL_NL,     /* "1012 AB Amsterdam" */
	ST_POSTAL_JP,     /* "〒100-0001" */
	ST_POSTAL_BR,     /* "CEP 01310-100", "São Paulo - SP, 01310-100" */
	ST_POSTAL_IN,     /* "New Delhi - 110001", "PIN 560001" */
} StPostalKind;

/* "us", "uk", "postcode-town", "po-box", "street", "ca", "au", "nl", "jp",
 * "br", "in". Borrowed. */
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
