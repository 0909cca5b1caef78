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
 * 2047 words allowed) gets: Spam from your system ("…"), the subject
 * decoded, on one line, without quotes, format characters or the tags
 * spam filters put in front ("*****SPAM*****", "[SPAM]", "{Spam?}"), at
 * most 120 characters of it; "Spam from your system (no subject)" when
 * nothing is left. New string. */
char *st_draft_subject (const char *subject);

/* The subject for a complaint of @role: st_draft_subject's, but for the
 * owner of a forged domain, whose system sent nothing: "Your domain was
 * forged in spam (…)". New string. */
char *st_draft_subject_for (StRole role, const char *subject);

/* @s made fit for a header field we write: on one line, no control or
 * format characters (bidi overrides and isolates, zero widths, the BOM), at
 * most @max_chars characters. New string. */
char *st_draft_header_text (const char *s, glong max_chars);

/* The user's own addresses in the message (To:, Cc:, Delivered-To:,
 * X-Original-To:, Envelope-To:) and in [report] addresses, lower case,
 * once each: what munging hides. New NULL-terminated vector. */
GStrv st_draft_user_addresses (const StAnalysis *a, const StReportSettings *rs);

/* Composes the draft; returns its bytes (LF line ends, NULs and all) and
 * their number. When @preview is not NULL it receives the draft as a
 * person reads it: the main header fields decoded, then the text, every
 * line copied from the spam marked "| " (for --dry-run). */
char *st_draft_compose (const StDraftInput *in, gsize *len, char **preview, GError **error);

/* The name of the template for @role: "network.txt", … */
const char *st_draft_template_name (StRole role);

/* One spam's part of a digest (digest.h): what st_draft_compose would
 * quote of it, the user's addresses hidden as the settings ask. */
typedef struct {
	char *subject;    /* the spam's subject, as ours quotes it; "" when none */
	char *evidence;   /* the complaint's evidence */
	char *text;       /* its header section and body, as the draft quotes them */
	char *marked;     /* the same, every line of the spam marked "| " (--dry-run) */
	GBytes *original; /* the message, when [report] attach; or NULL */
} StDraftSection;

void st_draft_section_init (StDraftSection *s, const StDraftInput *in);
void st_draft_section_clear (StDraftSection *s);

/* A rendered template, its prose filled to 72 columns as in every draft.
 * New string. */
char *st_draft_note (const char *rendered);

/* The sentence saying whom @c was sent to and how that address was found
 * (the {{addressed}} of the templates). New string. */
char *st_draft_addressed (const StComplaint *c);

/* Whether the header section of the draft in @len bytes of @draft (up to
 * its empty line) is printable ASCII in lines of at most 998 octets, as
 * every header we write must be: GMime writes a recipient whose domain
 * has an "xn--" label that libidn2 decodes but cannot encode back as raw
 * UTF-8 (fuzz/fuzz-report.c). */
gboolean st_draft_header_plain (const char *draft, gsize len);

/* A draft of @text (@marked: the text as --dry-run shows it, may be NULL
 * when @preview is) to @to (char *), @originals (GBytes *, may be NULL)
 * attached one by one as message/rfc822 (base64 spam.eml when one
 * cannot be). As st_draft_compose. */
char *st_draft_compose_text (const StReportSettings *rs, const GPtrArray *to, const char *subject,
	const char *text, const char *marked, GPtrArray *originals, gsize *len, char **preview);

G_END_DECLS

#endif
