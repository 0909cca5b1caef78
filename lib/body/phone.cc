/* phone.cc - telephone numbers a spam asks us to call, found in its text.
 * ITU-T E.164 (number format), via Google's libphonenumber and its offline geocoder.
 *
 * The only C++ in the tree: libphonenumber has no C interface. Nothing C++
 * crosses phone.h; exceptions are caught here. Debian 12 ships the geocoder
 * but no carrier data, so the carrier is not reported. */
#include "config.h"

#include <cstring>
#include <memory>
#include <string>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

#include "phone.h"
#include "phone-offer.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
using i18n::phonenumbers::PhoneNumberUtil;

/* Spam states its number a few times at most; hostile text has millions
 * of digit runs. Past MAX_WINDOWS distinct candidate stretches in one text
 * we stop. */
static const int MAX_TRIES = 16;
static const guint MAX_WINDOWS = 500;

static const struct {
	PhoneNumberUtil::PhoneNumberType type;
	const char *name;
} type_names[] = {
	{ PhoneNumberUtil::FIXED_LINE, "fixed-line" },
	{ PhoneNumberUtil::MOBILE, "mobile" },
	{ PhoneNumberUtil::FIXED_LINE_OR_MOBILE, "fixed-line-or-mobile" },
	{ PhoneNumberUtil::TOLL_FREE, "toll-free" },
	{ PhoneNumberUtil::PREMIUM_RATE, "premium-rate" },
	{ PhoneNumberUtil::SHARED_COST, "shared-cost" },
	{ PhoneNumberUtil::VOIP, "voip" },
	{ PhoneNumberUtil::PERSONAL_NUMBER, "personal" },
	{ PhoneNumberUtil::PAGER, "pager" },
	{ PhoneNumberUtil::UAN, "uan" },
	{ PhoneNumberUtil::VOICEMAIL, "voicemail" },
};

/* libphonenumber's names for how the country code was found, ours in the
 * same order as StPhoneForm. */
static const struct {
	PhoneNumber::CountryCodeSource source;
	StPhoneForm form;
	const char *name;
} forms[] = {
	{ PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN, ST_PHONE_FORM_INTERNATIONAL, "international" },
	{ PhoneNumber::FROM_NUMBER_WITH_IDD, ST_PHONE_FORM_IDD, "idd" },
	{ PhoneNumber::FROM_NUMBER_WITHOUT_PLUS_SIGN, ST_PHONE_FORM_COUNTRY_CODE, "country-code" },
	{ PhoneNumber::FROM_DEFAULT_COUNTRY, ST_PHONE_FORM_NATIONAL, "national" },
};

const char *
st_phone_form_name (StPhoneForm form)
{
	if (form == ST_PHONE_FORM_NANP)
		return "north-american";
	for (size_t k = 0; k < G_N_ELEMENTS (forms); k++)
		if (forms[k].form == form)
			return forms[k].name;
	return "national";
}

/* The matcher forgets how a number was written (it clears the country code
 * source of what it returns), so the raw text is parsed again, keeping it.
 * What cannot be parsed again is called national unless it starts with a
 * plus: the weaker claim. */
static StPhoneForm
form_of (const PhoneNumberUtil &util, const std::string &raw, const std::string &region)
{
	PhoneNumber again;
	if (util.ParseAndKeepRawInput (raw, region, &again) == PhoneNumberUtil::NO_PARSING_ERROR)
		for (size_t k = 0; k < G_N_ELEMENTS (forms); k++)
			if (forms[k].source == again.country_code_source ())
				return forms[k].form;
	return raw.compare (0, 1, "+") == 0 ? ST_PHONE_FORM_INTERNATIONAL : ST_PHONE_FORM_NATIONAL;
}

static const char *
type_name (PhoneNumberUtil::PhoneNumberType type)
{
	for (size_t k = 0; k < G_N_ELEMENTS (type_names); k++)
		if (type_names[k].type == type)
			return type_names[k].name;
	return "unknown";
}

void
st_phone_free (StPhone *phone)
{
	if (phone == NULL)
		return;
	g_free (phone->raw);
	g_free (phone->e164);
	g_free (phone->region);
	g_free (phone->description);
	g_free (phone->type);
	g_free (phone->why);
	g_free (phone);
}

static const PhoneNumberOfflineGeocoder &
geocoder (void)
{
	static const PhoneNumberOfflineGeocoder instance;
	return instance;
}

/* @region in upper case when libphonenumber has a calling code for it,
 * else the empty string. */
static std::string
known_region (const char *region)
{
	if (region == NULL || strlen (region) != 2 || !g_ascii_isalpha (region[0]) ||
		!g_ascii_isalpha (region[1]))
		return "";
	std::string r = { g_ascii_toupper (region[0]), g_ascii_toupper (region[1]) };
	const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance ();
	return util.GetCountryCodeForRegion (r) != 0 ? r : "";
}

gboolean
st_phone_region_known (const char *region)
{
	try {
		return !known_region (region).empty ();
	} catch (const std::exception &e) {
		g_debug ("phone regions: %s", e.what ());
		return FALSE;
	}
}

/* A region code libphonenumber knows, upper case; "US" otherwise. */
static std::string
region_or_default (const char *region)
{
	std::string r = known_region (region);
	return r.empty () ? "US" : r;
}

/* One stretch of text that may hold a number: digits and the characters
 * written between them, "+1 (800) 555-0199", with at least MIN_DIGITS
 * digits and at most MAX_RUN bytes. */
static const size_t MIN_DIGITS = 6;
static const size_t MAX_RUN = 48;
static const size_t CONTEXT = 16;

static bool
in_number (char c)
{
	return g_ascii_isdigit (c) || strchr ("+-.()/ \t", c) != NULL;
}

/* What st_phone_find_offered asks of a number: the whole text, and where
 * the window the matcher reads starts in it. NULL for st_phone_find. */
typedef struct {
	const char *text;
	size_t len;
	size_t window;   /* offset of the window in text */
	const char *why; /* for st_phone_find_tel: the reason, and no judging */
} Offer;

static void
find_in (GPtrArray *phones, const PhoneNumberUtil &util, const std::string &window,
	const std::string &region, gboolean nanp, StUrlsWhere where, guint part, guint max,
	const Offer *offer)
{
	PhoneNumberMatcher matcher (util, window, region, PhoneNumberMatcher::VALID, MAX_TRIES);

	while (matcher.HasNext ()) {
		PhoneNumberMatch match;
		if (!matcher.Next (&match))
			break;
		const PhoneNumber &number = match.number ();
		g_autofree char *why = NULL;
		if (offer != NULL && offer->why != NULL)
			why = g_strdup (offer->why);
		else if (offer != NULL && (why = st_phone_offered (offer->text, offer->len,
						   offer->window + (size_t)match.start (),
						   match.raw_string ().size ())) == NULL)
			continue;
		std::string e164;
		util.Format (number, PhoneNumberUtil::E164, &e164);

		StPhone *seen = NULL;
		for (guint k = 0; k < phones->len && seen == NULL; k++)
			if (strcmp (((StPhone *)phones->pdata[k])->e164, e164.c_str ()) == 0)
				seen = (StPhone *)phones->pdata[k];
		if (seen != NULL) {
			seen->count++;
			continue;
		}
		if (phones->len >= max)
			continue; /* full: only repeats are still counted */

		std::string code;
		util.GetRegionCodeForNumber (number, &code);
		std::string place =
			geocoder ().GetDescriptionForNumber (number, icu::Locale::getEnglish ());

		StPhone *p = g_new0 (StPhone, 1);
		p->raw = g_strdup (match.raw_string ().c_str ());
		p->e164 = g_strdup (e164.c_str ());
		p->country_code = number.country_code ();
		p->region = code.empty () || code == "ZZ" ? NULL : g_strdup (code.c_str ());
		p->description = place.empty () ? NULL : g_strdup (place.c_str ());
		p->type = g_strdup (type_name (util.GetNumberType (number)));
		p->form = nanp ? ST_PHONE_FORM_NANP : form_of (util, match.raw_string (), region);
		p->where = where;
		p->part = part;
		p->count = 1;
		p->why = g_steal_pointer (&why);
		g_ptr_array_add (phones, p);
	}
}

/* The regions of the North American Numbering Plan's country code 1. */
static gboolean
nanp_region (const std::string &region)
{
	const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance ();
	return util.GetCountryCodeForRegion (region) == 1;
}

/* "1-888-555-0142", "1 (888) 555-0142", "1.888.555.0142": 1, then an area
 * code of 2-9 and two digits, then 3 and 4 digits, with separators. */
static gboolean
nanp_form (const char *s, size_t len)
{
	static GRegex *re;
	if (g_once_init_enter (&re)) {
		GRegex *r = g_regex_new ("^1[-. ]\\(?[2-9][0-9]{2}\\)?[-. ]?[0-9]{3}[-. ][0-9]{4}$",
			G_REGEX_OPTIMIZE, (GRegexMatchFlags)0, NULL);
		g_once_init_leave (&re, r);
	}
	std::string t (s, len);
	size_t b = t.find_first_not_of (" \t-.(/");
	size_t e = t.find_last_not_of (" \t-./");
	if (b == std::string::npos || t[b] != '1')
		return FALSE;
	t = t.substr (b, e - b + 1);
	return g_regex_match (re, t.c_str (), (GRegexMatchFlags)0, NULL);
}

/* libphonenumber's matcher runs several regular expressions over all of
 * its input and took seconds on 600 KB of MIME boundaries. So we cut the
 * text into the short stretches that can hold a number, in one linear
 * pass, and give the matcher only those. */
static void
find (GPtrArray *phones, const char *text, size_t len, const char *default_region,
	StUrlsWhere where, guint part, guint max, gboolean offered, const char *why)
{
	const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance ();
	std::string region = region_or_default (default_region);
	size_t i = 0;
	guint windows = 0;
	/* hostile text repeats itself; each distinct stretch is read once */
	g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

	while (i < len && windows < MAX_WINDOWS) {
		if (!g_ascii_isdigit (text[i]) && text[i] != '+' && text[i] != '(') {
			i++;
			continue;
		}
		size_t start = i, digits = 0;
		while (i < len && in_number (text[i])) {
			digits += g_ascii_isdigit (text[i]) ? 1 : 0;
			i++;
		}
		if (i - start > MAX_RUN || digits < MIN_DIGITS)
			continue;
		/* The matcher judges a candidate by what touches it: a time
		 * after a date ("2026-11-02 10:00"), letters glued to it. So
		 * the window runs to the white space on either side. */
		size_t ws = start, we = i;
		while (ws > 0 && start - ws < CONTEXT && !g_ascii_isspace (text[ws - 1]))
			ws--;
		while (we < len && we - i < CONTEXT && !g_ascii_isspace (text[we]))
			we++;
		char *key = g_strndup (text + ws, we - ws);
		if (!g_hash_table_add (seen, key))
			continue;
		windows++;
		/* "1-888-555-0142": the North American long-distance form, which
		 * no other plan groups so; read it there whatever the region
		 * (read in China it would be a mobile number) */
		gboolean nanp = !nanp_region (region) && nanp_form (text + start, i - start);
		Offer offer = { text, len, ws, why };
		find_in (phones, util, std::string (key), nanp ? std::string ("US") : region, nanp,
			where, part, max, offered || why != NULL ? &offer : NULL);
	}
}

/* find (), with what libphonenumber may throw caught. */
static void
find_safely (GPtrArray *phones, const char *text, gssize len, const char *default_region,
	StUrlsWhere where, guint part, guint max, gboolean offered, const char *why)
{
	g_return_if_fail (phones != NULL);
	if (text == NULL)
		return;
	size_t n = len < 0 ? strlen (text) : (size_t)len;
	try {
		find (phones, text, n, default_region, where, part, max, offered, why);
	} catch (const std::exception &e) {
		/* Out of memory inside the library: the numbers found so far stay. */
		g_debug ("phone numbers: %s", e.what ());
	}
}

void
st_phone_find (GPtrArray *phones, const char *text, gssize len, const char *default_region,
	StUrlsWhere where, guint part, guint max)
{
	find_safely (phones, text, len, default_region, where, part, max, FALSE, NULL);
}

void
st_phone_find_offered (GPtrArray *phones, const char *text, gssize len, const char *default_region,
	StUrlsWhere where, guint part, guint max)
{
	find_safely (phones, text, len, default_region, where, part, max, TRUE, NULL);
}

void
st_phone_find_tel (GPtrArray *phones, const char *text, const char *default_region,
	StUrlsWhere where, guint part, guint max)
{
	find_safely (phones, text, -1, default_region, where, part, max, FALSE, "a tel: link");
}
