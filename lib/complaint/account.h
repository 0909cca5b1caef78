/* account.h - the sending account of mail a large mail provider's own servers sent us, and
 * that provider's abuse desk. RFC 6376 (DKIM d=), RFC 7489 section 3.1 (alignment), RFC 8601
 * (Authentication-Results), RFC 5321 section 4.4 (Return-Path), RFC 2142 (abuse@). */
#ifndef ST_ACCOUNT_H
#define ST_ACCOUNT_H

#include <glib.h>

#include "analysis.h"

G_BEGIN_DECLS

/* How sure we are of the account named. */
typedef enum {
	ST_ACCOUNT_UNKNOWN = 0, /* nothing we can trust names it */
	ST_ACCOUNT_GUESS,       /* the message says so, and nothing we trust confirms it */
	ST_ACCOUNT_PROVEN,      /* a signature our own server verified */
} StAccountCertainty;

/* "unknown", "guess", "proven". Borrowed. */
const char *st_account_certainty_name (StAccountCertainty c);

typedef struct {
	const char *org; /* "Google", "Microsoft", "Yahoo"; NULL: no such provider sent it */
	int hop;         /* the line that shows the provider's server handing it on */
	char *desk;      /* the abuse desk of the provider's product */
	char *account;   /* the sending account, or NULL (certainty unknown) */
	StAccountCertainty certainty;
	char *evidence; /* for the note: the account first, then how we know and how sure */
} StAccount;

/* Fills @out when the origin of @a, or the source a provider's proven
 * lines record (@source_ok: the planner checked the proof), is the
 * outbound server of a provider whose accounts are its business (Google,
 * Microsoft, Yahoo): the account, from what only our own server or the
 * provider wrote (our server's Authentication-Results: a DKIM signature of
 * the From: domain that passed, DMARC not failed; a Return-Path above the
 * origin line). FALSE, and @out cleared, otherwise. */
gboolean st_account_find (const StAnalysis *a, gboolean source_ok, StAccount *out);
void st_account_clear (StAccount *acc);

/* The organisation whose mail service @domain is ("Google" for gmail.com,
 * googlemail.com and google.com, …), or NULL. Borrowed. */
const char *st_account_org_of_domain (const char *domain);

/* The abuse desk of the free-mail provider of @address ("gmail.com" for
 * …@googlemail.com), or NULL when it is no provider we know to close
 * accounts. Borrowed. */
const char *st_account_free_mail_desk (const char *address);

G_END_DECLS

#endif
