/* date.h - RFC 5322 date-time values as found in Received: and Date:.
 * RFC 5322 section 3.3 (date-time) and section 4.3 (obsolete forms). */
#ifndef ST_DATE_H
#define ST_DATE_H

#include <glib.h>

G_BEGIN_DECLS

/* Enough for "2024-09-03T08:00:00Z" and then some. */
#define ST_DATE_STRLEN 32

typedef enum {
	ST_DATE_OK,
	ST_DATE_UNPARSEABLE, /* not a date we can read */
	ST_DATE_IMPOSSIBLE,  /* a date, but no such moment: 31 Feb, 25:00 */
} StDateStatus;

/* As st_date_parse, telling a broken date from an impossible one. */
StDateStatus st_date_read (const char *text, gssize len, gint64 *utc, int *zone_minutes);

/* Parses an RFC 5322 date-time, tolerating the obsolete and common broken
 * forms (two-digit years, zone names, comments, missing seconds or weekday,
 * asctime order). On success stores seconds since the epoch (UTC) in @utc
 * and the zone offset in minutes in @zone_minutes (either may be NULL).
 * Impossible dates (31 February, 25:00) are rejected. */
gboolean st_date_parse (const char *text, gssize len, gint64 *utc, int *zone_minutes);

/* Writes @utc as RFC 3339 in UTC: 2024-09-03T08:00:00Z. */
void st_date_format (gint64 utc, char buf[ST_DATE_STRLEN]);

G_END_DECLS

#endif
