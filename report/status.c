/* status.c - what spamtrace-report tells its user while it runs: status lines, the progress
 * line, the lookups it stopped asking, the closing summary. All on standard error, a line at once.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "lookup.h"
#include "status.h"

/* Recipients named in the summary for one role; the rest are counted. */
#define SUMMARY_RECIPIENTS 5

typedef struct {
	char *role;
	guint drafts;
	GHashTable *to; /* recipient list -> count */
} RoleTally;

struct _StStatus {
	char *program;
	gboolean quiet, progress;
	gboolean shown; /* the progress line is on the screen */
	guint messages, nobody, skipped, drafts;
	GPtrArray *roles; /* RoleTally*, in the order first drafted */
	guint stopped_said;
};

static void
role_tally_free (gpointer data)
{
	RoleTally *t = data;

	g_free (t->role);
	g_hash_table_unref (t->to);
	g_free (t);
}

StStatus *
st_status_new (const char *program, gboolean quiet, gboolean progress)
{
	StStatus *s = g_new0 (StStatus, 1);

	s->program = g_strdup (program);
	s->quiet = quiet;
	s->progress = progress && !quiet;
	s->roles = g_ptr_array_new_with_free_func (role_tally_free);
	return s;
}

/* Takes the progress line off the screen, for a line to take its place. */
static void
clear_progress (StStatus *s)
{
	if (!s->shown)
		return;
	fputs ("\r\033[K", stderr);
	s->shown = FALSE;
}

void
st_status_free (StStatus *status)
{
	if (status == NULL)
		return;
	clear_progress (status);
	fflush (stderr);
	g_free (status->program);
	g_ptr_array_unref (status->roles);
	g_free (status);
}

/* Writes one line of @format: valid UTF-8 (a byte of no character
 * becomes U+FFFD), every control character but the tab a "?". A line
 * names what the spam wrote (a party, a path): on a terminal its escape
 * sequences would move the cursor or retitle the window, in a log its
 * line ends would forge lines. */
static void
line_out (StStatus *s, const char *prefix, const char *format, va_list ap)
{
	g_autofree char *raw = g_strdup_vprintf (format, ap);
	g_autofree char *text = g_utf8_make_valid (raw, -1);
	g_autoptr (GString) line = g_string_new (prefix);

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p)) {
		gunichar c = g_utf8_get_char (p);
		if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f))
			g_string_append_c (line, '?');
		else
			g_string_append_len (line, p, g_utf8_next_char (p) - p);
	}
	g_string_append_c (line, '\n');
	clear_progress (s);
	fputs (line->str, stderr);
}

void
st_status_say (StStatus *status, const char *format, ...)
{
	va_list ap;

	if (status->quiet)
		return;
	va_start (ap, format);
	line_out (status, "", format, ap);
	va_end (ap);
}

void
st_status_warn (StStatus *status, const char *format, ...)
{
	g_autofree char *prefix = g_strconcat (status->program, ": ", NULL);
	va_list ap;

	va_start (ap, format);
	line_out (status, prefix, format, ap);
	va_end (ap);
}

gboolean
st_status_progress_wanted (const StStatus *status)
{
	return status->progress;
}

void
st_status_progress (StStatus *status, guint done, guint total)
{
	if (!status->progress)
		return;
	/* no line end: the next status line or progress overwrites it */
	if (total > 0)
		fprintf (stderr, "\r\033[K%u/%u messages, %u draft%s", done, total, status->drafts,
			status->drafts == 1 ? "" : "s");
	else
		fprintf (stderr, "\r\033[K%u messages, %u draft%s", done, status->drafts,
			status->drafts == 1 ? "" : "s");
	fflush (stderr);
	status->shown = TRUE;
}

void
st_status_message (StStatus *status)
{
	status->messages++;
}

void
st_status_nobody (StStatus *status)
{
	status->nobody++;
}

void
st_status_skipped (StStatus *status)
{
	status->skipped++;
}

guint
st_status_drafts (const StStatus *status)
{
	return status->drafts;
}

void
st_status_drafted (StStatus *status, const char *role, const char *to)
{
	RoleTally *t = NULL;

	status->drafts++;
	for (guint i = 0; i < status->roles->len && t == NULL; i++)
		if (g_str_equal (((RoleTally *)status->roles->pdata[i])->role, role))
			t = status->roles->pdata[i];
	if (t == NULL) {
		t = g_new0 (RoleTally, 1);
		t->role = g_strdup (role);
		t->to = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
		g_ptr_array_add (status->roles, t);
	}
	t->drafts++;
	guint n = GPOINTER_TO_UINT (g_hash_table_lookup (t->to, to));
	g_hash_table_replace (t->to, g_strdup (to), GUINT_TO_POINTER (n + 1));
}

void
st_status_stopped (StStatus *status, const GPtrArray *stopped)
{
	for (; stopped != NULL && status->stopped_said < stopped->len; status->stopped_said++) {
		const char *service = stopped->pdata[status->stopped_said];
		if (status->stopped_said == 0)
			st_status_warn (status,
				"stopped asking %s, which gave no answer %u times in a row: "
				"the drafts of this run now use the offline fallbacks (try "
				"--offline while the network is down)",
				service, ST_LOOKUP_BREAKER_FAILURES);
		else
			st_status_warn (status,
				"stopped asking %s too, which gave no answer %u times in a row",
				service, ST_LOOKUP_BREAKER_FAILURES);
	}
}

/* Most drafted first, then by name. */
static gint
compare_recipients (gconstpointer a, gconstpointer b, gpointer data)
{
	GHashTable *to = data;
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	guint nx = GPOINTER_TO_UINT (g_hash_table_lookup (to, x));
	guint ny = GPOINTER_TO_UINT (g_hash_table_lookup (to, y));

	return nx != ny ? (nx > ny ? -1 : 1) : g_strcmp0 (x, y);
}

/* "  network: 3 drafts: abuse@a.zz (2), abuse@b.zz" */
static void
role_line (StStatus *status, const RoleTally *t)
{
	g_autoptr (GPtrArray) names = g_ptr_array_new ();
	g_autoptr (GString) line = g_string_new (NULL);
	GHashTableIter iter;
	gpointer key;

	g_hash_table_iter_init (&iter, t->to);
	while (g_hash_table_iter_next (&iter, &key, NULL))
		g_ptr_array_add (names, key);

	g_ptr_array_sort_with_data (names, compare_recipients, t->to);
	g_string_printf (line, "  %s: %u draft%s:", t->role, t->drafts, t->drafts == 1 ? "" : "s");
	for (guint i = 0; i < names->len && i < SUMMARY_RECIPIENTS; i++) {
		const char *to = names->pdata[i];
		guint n = GPOINTER_TO_UINT (g_hash_table_lookup (t->to, to));
		g_string_append_printf (line, "%s %s", i > 0 ? "," : "", to);
		if (n > 1)
			g_string_append_printf (line, " (%u)", n);
	}
	if (names->len > SUMMARY_RECIPIENTS)
		g_string_append_printf (line, ", and %u more", names->len - SUMMARY_RECIPIENTS);
	st_status_say (status, "%s", line->str);
}

void
st_status_summary (StStatus *status, const char *outbox)
{
	g_autoptr (GString) line = g_string_new (NULL);
	guint d = status->drafts;

	g_string_printf (line, "%s: %u message%s read: %u draft%s ", status->program,
		status->messages, status->messages == 1 ? "" : "s", d, d == 1 ? "" : "s");
	if (outbox != NULL)
		g_string_append_printf (
			line, "written to %s, %u already drafted before", outbox, status->skipped);
	else
		g_string_append (line, "printed (--dry-run: none written, none remembered)");
	if (status->nobody > 0)
		g_string_append_printf (line, "; %u with nobody to write to", status->nobody);
	st_status_say (status, "%s", line->str);
	for (guint i = 0; i < status->roles->len; i++)
		role_line (status, status->roles->pdata[i]);
}
