/* phone.h - telephone numbers a spam asks us to call, found in its text.
 * ITU-T E.164 (number format), via Google's libphonenumber and its offline geocoder. */
#ifndef ST_PHONE_H
#define ST_PHONE_H

#include <glib.h>

#include "urls.h"

G_BEGIN_DECLS

/* How a number was written: whether its country was in the text or came
 * from the region the text was read in. */
typedef enum {
	ST_PHONE_FORM_INTERNATIONAL, /* "+44 20 7946 0958": the country code after a plus */
	ST_PHONE_FORM_IDD, /* "0044 20 …", "011 44 …": after the region's exit prefix */
	ST_PHONE_FORM_COUNTRY_CODE, /* "1-800-555-0199" read in US, "49 30 …" in DE: the
				     * region's own country code, with no plus */
	ST_PHONE_FORM_NATIONAL,     /* "020 7946 0958": no country code, read as a number of
				     * the region */
	ST_PHONE_FORM_NANP,         /* "1-888-555-0142" in a message of another region: 1 and
				     * ten digits in North American groups, read as such */
} StPhoneForm;

/* "international", "idd", "country-code", "national", "north-american". Borrowed. */
const char *st_phone_form_name (StPhoneForm form);

typedef struct {
	char *raw;         /* as written */
	char *e164;        /* "+442079460000" */
	int country_code;  /* 44 */
	char *region;      /* ISO 3166 region code "GB", or "001" for non-geographic, or NULL */
	char *description; /* the geocoder's place ("London"), or NULL */
	char *type;        /* "fixed-line", "mobile", "toll-free", "premium-rate", … "unknown" */
	StPhoneForm form;  /* how it was written the first time */
	StUrlsWhere where;
	guint part;
	guint count;
	char *why; /* how the text offers it as a phone number ("a tel: link", "international
		    * form", "after \"call\""), or NULL from st_phone_find */
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

/* As st_phone_find, but only the numbers @text offers as phone numbers,
 * each with its ->why: one written in international form (+44 …), or with
 * a phone word or sign before it on its line or alone on the line before
 * ("call", "Tel.", "WhatsApp", "Telefon", "bel", "appelez", "ligue", ☎, 📞
 * …: the languages of the corpus). Never a date (05-12-2025), a number
 * after an identifier's label closer than any phone word ("Order no.",
 * "VAT", "ID", "QQ"), one in a URL, or one of a conference's dial-in list
 * (",,123#" after it, "Conference ID", "dial-in", "Meeting ID" near it). */
void st_phone_find_offered (GPtrArray *phones, const char *text, gssize len,
	const char *default_region, StUrlsWhere where, guint part, guint max);

/* The numbers of tel: links (@text: their targets, one a line, "tel:"
 * removed): offered as phone numbers by the link itself. */
void st_phone_find_tel (GPtrArray *phones, const char *text, const char *default_region,
	StUrlsWhere where, guint part, guint max);

/* TRUE when national numbers can be read as numbers of @region ("GB",
 * "de"): libphonenumber has a country calling code for it. */
gboolean st_phone_region_known (const char *region);

G_END_DECLS

#endif
