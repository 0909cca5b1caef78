/* phone-offer.h - whether a text offers a number as one to call: the words and signs around it.
 * ITU-T E.123 (the international "+" form); the phone words are ours, from the corpus's languages.
 */
#ifndef ST_PHONE_OFFER_H
#define ST_PHONE_OFFER_H

#include <stddef.h>

#include <glib.h>

G_BEGIN_DECLS

/* Whether the @rawlen bytes at @start of the @len bytes of UTF-8 @text,
 * which libphonenumber reads as a valid number, are offered as a phone
 * number (see st_phone_find_offered): why, as a new string ("international
 * form", "after \"call\""), or NULL when not. */
char *st_phone_offered (const char *text, size_t len, size_t start, size_t rawlen);

G_END_DECLS

#endif
