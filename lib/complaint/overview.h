/* overview.h - a spam folder at a glance: one self-contained HTML page of what was read.
 * HTML (WHATWG Living Standard), SVG 1.1, Content-Security-Policy level 3 in a meta element. */
#ifndef ST_OVERVIEW_H
#define ST_OVERVIEW_H

#include <glib.h>

#include "analysis.h"
#include "body.h"
#include "sightings.h"

G_BEGIN_DECLS

/* Appends @text (@len bytes, or NUL-terminated when @len < 0) to @out as
 * HTML text that is also safe inside a quoted attribute: & < > " ' as
 * character references; bytes that are not UTF-8, NUL, the other C0
 * controls but tab, line feed and carriage return, DEL and the C1
 * controls as U+FFFD. Every string a message brings goes through here. */
void st_overview_escape (GString *out, const char *text, gssize len);

typedef struct _StOverview StOverview;

/* @now: the clock, for messages none of our lines dates. */
StOverview *st_overview_new (gint64 now);
void st_overview_free (StOverview *o);

/* Adds one message: @name says where it was read, @as what the lookups
 * said about its origin's network (NULL, or zero: unknown). */
void st_overview_add (StOverview *o, const char *name, const StAnalysis *a, const StBody *body,
	const StAsnInfo *as);

/* The page. @drafted (StDraftedRow *) is what the registry remembers, or
 * NULL with @drafted_error saying why it could not be read. A new string;
 * @len receives its length. */
char *st_overview_render (
	StOverview *o, const GPtrArray *drafted, const char *drafted_error, gsize *len);

/* Renders the page, with the drafts the registry in @s remembers (@s may
 * be NULL: unknown), and writes it to @path whole (st_replace_file). */
gboolean st_overview_write (StOverview *o, StSightings *s, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StOverview, st_overview_free)

G_END_DECLS

#endif
