/* authres.h - what our own servers concluded about the sender: SPF, DKIM, DMARC, ARC.
 * RFC 8601 (Authentication-Results), RFC 7208 section 9.1 (Received-SPF), RFC 7489 (DMARC). */
#ifndef ST_AUTHRES_H
#define ST_AUTHRES_H

#include <glib.h>

#include "headers.h"

G_BEGIN_DECLS

/* One "method=result" of an Authentication-Results field. */
typedef struct {
	char *method; /* spf, dkim, dmarc, arc, compauth, … (lower case) */
	char *result; /* pass, fail, softfail, none, … (lower case) */
	char *domain; /* smtp.mailfrom, header.d, header.from, header.i's domain */
} StAuthResult;

/* Parses one Authentication-Results value. @authserv_id receives the
 * server's id, "" when the writer left it out (as Microsoft does). Returns
 * a GPtrArray of StAuthResult. Never fails: junk gives an empty list. */
GPtrArray *st_authres_parse (const char *value, char **authserv_id);

/* The summary the verdict and the report need. Every string is non-NULL. */
typedef struct {
	char *spf, *dkim, *dmarc, *arc; /* results, "" when none of ours said */
	char *spf_domain, *dkim_domain;
	char *from_domain; /* of the From: field */
	char *authserv_id; /* whose results these are */
	gboolean from_forged;
	char *from_forged_why;
	gboolean found; /* a field of ours was found at all */
} StAuthSummary;

/* Reads the Authentication-Results and Received-SPF fields of @h that stand
 * above field index @limit (those our own servers wrote, above the origin's
 * Received: line). When @authserv_id is set, only fields with that id count. */
void st_authres_summarize (
	const StHeaders *h, guint limit, const char *authserv_id, StAuthSummary *out);
void st_auth_summary_clear (StAuthSummary *s);

/* The domain of the first address in a From: value, lower case, or NULL. */
char *st_authres_from_domain (const char *value);

G_END_DECLS

#endif
