/* phone.h - telephone numbers a spam asks us to call, found in its text.
 * ITU-T E.164 (number format), via Google's libphonenumber and its offline geocoder. */
#ifndef ST_PHONE_H
#define ST_PHONE_H

#include <glib.h>

#include "urls.h"

G_BEGIN_DECLS

typedef struct {
	char *raw;         /* as written */
	char *e164;        /* "+442079460000" */
	int country_code;  /* 44 */
	char *region;      /* ISO 3166 region code "GB", or "001" for non-geographic, or NULL */
	char *description; /* the geocoder's place ("London"), or NULL */
	char *type;        /* "fixed-line", "mobile", "toll-free", "premium-rate", … "unknown" */
	StUrlsWhere where;
	guint part;
	guint count;
} StPhone;

void st_phone_free (StPhone *phone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPhone, st_phone_free)

/* Finds the numbers in @len bytes of UTF-8 @text (-1: NUL-terminated) and
 * appends the new ones to @phones (StPhone *, free func st_phone_free);
 * one already there by E.164 only has its count raised. National numbers
 * are read as numbers of @default_region ("US", "DE"; NULL means "US"). At
 * most @max entries end up in @phones. */
void st_phone_find (GPtrArray *phones, const char *text, gssize len, const char *default_region,
	StUrlsWhere where, guint part, guint max);

G_END_DECLS

#endif
