/* status.h - what spamtrace-report tells its user while it runs: status lines, the progress
 * line, the lookups it stopped asking, the closing summary. All on standard error, a line at once.
 */
#ifndef ST_STATUS_H
#define ST_STATUS_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StStatus StStatus;

/* The status of one run, for @program ("spamtrace-report"). With @quiet
 * only warnings and errors are said. With @progress (standard error is a
 * terminal) a line "n/N messages, D drafts" is kept up to date below the
 * status lines. Standard error should be line-buffered (main () makes it
 * so before it says anything): a log, procmail's or maildrop's, then
 * receives each line whole, as it is said. */
StStatus *st_status_new (const char *program, gboolean quiet, gboolean progress);
void st_status_free (StStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StStatus, st_status_free)

/* A status line (not with --quiet): "drafted for …", "not writing to …". */
void st_status_say (StStatus *status, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* A warning or an error, always said, after the program's name. */
void st_status_warn (StStatus *status, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Whether the progress line is shown (worth counting the messages for). */
gboolean st_status_progress_wanted (const StStatus *status);

/* The progress line: @done of @total messages read (@total 0: not known). */
void st_status_progress (StStatus *status, guint done, guint total);

/* The tallies of the summary. */
void st_status_message (StStatus *status); /* a message read */
void st_status_nobody (StStatus *status);  /* …with nobody to write to */
void st_status_drafted (StStatus *status, const char *role, const char *to);
void st_status_skipped (StStatus *status);       /* already drafted before */
guint st_status_drafts (const StStatus *status); /* drafted so far */

/* Says, once each, the services of @stopped (st_lookup_stopped) that were
 * not said yet: from now on the drafts use what an offline run would. */
void st_status_stopped (StStatus *status, const GPtrArray *stopped);

/* The closing summary (not with --quiet): messages, drafts written to
 * @outbox (printed when @outbox is NULL: --dry-run), drafted before,
 * nobody to write to; then the drafts by role and recipient. */
void st_status_summary (StStatus *status, const char *outbox);

G_END_DECLS

#endif
