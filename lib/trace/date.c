/* date.c - RFC 5322 date-time values as found in Received: and Date:.
 * RFC 5322 sections 3.3 and 4.3; RFC 3339 for the output form. */
#include "config.h"

#include <string.h>

#include "date.h"

static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
	"oct", "nov", "dec" };

/* RFC 5322 section 4.3 zone names; military letters other than Z count as
 * -0000 (unknown) as that section advises. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{ "ut", 0 },
	{ "utc", 0 },
	{ "gmt", 0 },
	{ "z", 0 },
	{ "est", -300 },
	{ "edt", -240 },
	{ "cst", -360 },
	{ "cdt", -300 },
	{ "mst", -420 },
	{ "mdt", -360 },
	{ "pst", -480 },
	{ "pdt", -420 },
};

static gint64
days_from_civil (gint64 y, int m, int d)
{
	/* Howard Hinnant's days-from-civil, proleptic Gregorian. */
	y -= m <= 2;
	gint64 era = (y >= 0 ? y : y - 399) / 400;
	gint64 yoe = y - era * 400;
	gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month (gint64 y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

typedef struct {
	const char *start;
	gsize len;
} Tok;

static int
month_of (const Tok *t)
{
	if (t->len < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		if (g_ascii_strncasecmp (t->start, months[i], 3) == 0) {
			/* "Sept", "September" and the like; not "Marvin". */
			for (gsize k = 3; k < t->len; k++)
				if (!g_ascii_isalpha (t->start[k]))
					return 0;
			return i + 1;
		}
	}
	return 0;
}

static gboolean
all_digits (const Tok *t)
{
	if (t->len == 0)
		return FALSE;
	for (gsize i = 0; i < t->len; i++)
		if (!g_ascii_isdigit (t->start[i]))
			return FALSE;
	return TRUE;
}

static gint64
number_of (const Tok *t)
{
	gint64 v = 0;
	for (gsize i = 0; i < t->len && i < 12; i++)
		v = v * 10 + (t->start[i] - '0');
	return v;
}

/* hh:mm[:ss[.frac]] */
static gboolean
time_of (const Tok *t, int *h, int *m, int *s)
{
	int parts[3] = { 0, 0, 0 };
	int n = 0, digits = 0;
	gsize i;

	for (i = 0; i < t->len; i++) {
		char c = t->start[i];
		if (g_ascii_isdigit (c)) {
			if (++digits > 2)
				return FALSE;
			parts[n] = parts[n] * 10 + (c - '0');
		} else if (c == ':' && digits > 0 && n < 2) {
			n++;
			digits = 0;
		} else if (c == '.' && n == 2 && digits > 0) {
			break; /* fractional seconds: ignored */
		} else {
			return FALSE;
		}
	}
	if (n < 1 || digits == 0)
		return FALSE;
	*h = parts[0];
	*m = parts[1];
	*s = parts[2];
	return TRUE;
}

static gboolean
zone_of (const Tok *t, int *minutes)
{
	if (t->len == 5 && (t->start[0] == '+' || t->start[0] == '-')) {
		Tok d = { t->start + 1, 4 };
		if (!all_digits (&d))
			return FALSE;
		int hh = (t->start[1] - '0') * 10 + (t->start[2] - '0');
		int mm = (t->start[3] - '0') * 10 + (t->start[4] - '0');
		if (hh > 23 || mm > 59)
			return FALSE;
		*minutes = (hh * 60 + mm) * (t->start[0] == '-' ? -1 : 1);
		return TRUE;
	}
	for (gsize i = 0; i < G_N_ELEMENTS (zones); i++) {
		if (t->len == strlen (zones[i].name) &&
			g_ascii_strncasecmp (t->start, zones[i].name, t->len) == 0) {
			*minutes = zones[i].minutes;
			return TRUE;
		}
	}
	if (t->len == 1 && g_ascii_isalpha (t->start[0]) && t->start[0] != 'j' &&
		t->start[0] != 'J') {
		*minutes = 0;
		return TRUE;
	}
	return FALSE;
}

StDateStatus
st_date_read (const char *text, gssize len, gint64 *utc, int *zone_minutes)
{
	Tok toks[16];
	int ntok = 0, depth = 0;
	gsize n, i = 0;

	g_return_val_if_fail (text != NULL, ST_DATE_UNPARSEABLE);
	n = len < 0 ? strlen (text) : (gsize)len;

	/* Split into tokens; comments, commas and surplus space are noise. */
	while (i < n && ntok < (int)G_N_ELEMENTS (toks)) {
		char c = text[i];
		if (c == '(') {
			depth++;
			i++;
		} else if (c == ')') {
			if (depth > 0)
				depth--;
			i++;
		} else if (depth > 0 || c == ' ' || c == '\t' || c == ',' || c == '\r' ||
			   c == '\n') {
			i++;
		} else {
			gsize start = i;
			while (i < n && text[i] != ' ' && text[i] != '\t' && text[i] != ',' &&
				text[i] != '(' && text[i] != '\r' && text[i] != '\n')
				i++;
			toks[ntok].start = text + start;
			toks[ntok].len = i - start;
			ntok++;
		}
	}

	int day = -1, month = 0, hour = -1, minute = 0, second = 0, zone = 0;
	gint64 year = -1;
	gboolean have_zone = FALSE;
	int month_index = -1;

	for (int t = 0; t < ntok; t++) {
		int h, m, s;
		if (month == 0 && (month = month_of (&toks[t])) != 0) {
			month_index = t;
		} else if (hour < 0 && time_of (&toks[t], &h, &m, &s)) {
			hour = h;
			minute = m;
			second = s;
		} else if (all_digits (&toks[t]) && toks[t].len <= 4) {
			gint64 v = number_of (&toks[t]);
			/* The day comes before the month (RFC 5322) or just after it
			 * (asctime: "Tue Sep  3 10:00:00 2024"). */
			if (day < 0 && toks[t].len <= 2 &&
				(month == 0 || (t == month_index + 1 && hour < 0)))
				day = (int)v;
			else if (year < 0 && month != 0) {
				year = v;
				/* RFC 5322 section 4.3: two-digit years below 50 are
				 * 20xx, others 19xx; three-digit years add 1900. */
				if (toks[t].len <= 2)
					year += v < 50 ? 2000 : 1900;
				else if (toks[t].len == 3)
					year += 1900;
			} else {
				return ST_DATE_UNPARSEABLE;
			}
		} else if (toks[t].len == 2 && hour >= 0 &&
			   (g_ascii_strncasecmp (toks[t].start, "AM", 2) == 0 ||
				   g_ascii_strncasecmp (toks[t].start, "PM", 2) == 0)) {
			if (hour > 12 || hour == 0)
				return ST_DATE_UNPARSEABLE;
			if (hour == 12)
				hour = 0;
			if (g_ascii_tolower (toks[t].start[0]) == 'p')
				hour += 12;
		} else if (!have_zone && hour >= 0 && zone_of (&toks[t], &zone)) {
			have_zone = TRUE;
		} else if (month == 0 && day < 0 && t == 0 && g_ascii_isalpha (toks[t].start[0])) {
			/* day of week, ignored */
		} else if (have_zone || (hour >= 0 && year >= 0)) {
			/* trailing words such as "(PDT)" already dropped; a zone
			 * abbreviation we do not know after a numeric zone is fine */
			break;
		} else {
			return ST_DATE_UNPARSEABLE;
		}
	}

	if (month == 0 || year < 0 || hour < 0 || day < 0)
		return ST_DATE_UNPARSEABLE;
	/* all the parts are there, but no such moment exists */
	if (day < 1 || year < 1000 || year > 9999 || day > days_in_month (year, month) ||
		hour > 23 || minute > 59 || second > 60)
		return ST_DATE_IMPOSSIBLE;

	gint64 t = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	t -= (gint64)zone * 60;
	if (utc != NULL)
		*utc = t;
	if (zone_minutes != NULL)
		*zone_minutes = zone;
	return ST_DATE_OK;
}

gboolean
st_date_parse (const char *text, gssize len, gint64 *utc, int *zone_minutes)
{
	return st_date_read (text, len, utc, zone_minutes) == ST_DATE_OK;
}

void
st_date_format (gint64 utc, char buf[ST_DATE_STRLEN])
{
	gint64 days = utc >= 0 ? utc / 86400 : (utc - 86399) / 86400;
	gint64 secs = utc - days * 86400;

	/* civil-from-days, the inverse of days_from_civil */
	gint64 z = days + 719468;
	gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 y = yoe + era * 400;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;
	gint64 d = doy - (153 * mp + 2) / 5 + 1;
	gint64 m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;

	g_snprintf (buf, ST_DATE_STRLEN, "%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02dZ", y,
		(int)m, (int)d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}
