/* draft.h - one complaint as a message: the note, the evidence, the headers, the trimmed body.
 * RFC 5322 (the message), RFC 2046 (multipart), RFC 5965 (the abuse report format, ARF). */
#ifndef ST_DRAFT_H
#define ST_DRAFT_H

#include <glib.h>

#include "analysis.h"
#include "complaint.h"
#include "settings.h"

G_BEGIN_DECLS

typedef struct {
	const char *original; /* the message as received */
	gsize original_len;
	gsize header_len; /* its header section, blank line included */
	const StAnalysis *analysis;
	const StComplaint *complaint;
	const StSettings *settings;
	const char *const *template_dirs;
	const char *incident; /* an identifier of the message, for our own records */
	const char *region;   /* where national phone numbers are read (StBody's region), or
			       * NULL for US: the excerpt keeps the lines they stand on */
} StDraftInput;

/* The subject a complaint about a message with @subject (as written, RFC
 * 2047 words allowed) gets: Spam from your system ("…"), decoded, one line,
 * at most 120 characters of the original. New string. */
char *st_draft_subject (const char *subject);

/* Composes the draft; returns its bytes (LF line ends) and their number. */
char *st_draft_compose (const StDraftInput *in, gsize *len, GError **error);

/* The name of the template for @role: "network.txt", … */
const char *st_draft_template_name (StRole role);

G_END_DECLS

#endif
