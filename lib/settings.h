/* settings.h - the user's settings: command line and the GKeyFile config file.
 * XDG Base Directory Specification for the default path. */
#ifndef ST_SETTINGS_H
#define ST_SETTINGS_H

#include <glib.h>

#include "trust.h"

G_BEGIN_DECLS

/* What spamtrace-report needs; the filter ignores it. */
typedef struct {
	char *outbox;            /* the drafts' Maildir */
	char *from;              /* the complainant's address */
	char *name;              /* and name */
	GStrv addresses;         /* the user's own addresses: never written to, munged */
	GStrv domains;           /* the user's own domains: never written to */
	char *closing;           /* a file whose text ends every note (the law that applies...) */
	char *template_dir;      /* a directory searched before ours */
	char *registry;          /* the sqlite file that remembers what was drafted */
	gboolean attach;         /* attach the original as message/rfc822 */
	gboolean arf;            /* write an RFC 5965 abuse report */
	gboolean notify_spoofed; /* tell the owner of a forged From: domain */
	gboolean munge;          /* hide the user's addresses in the copy */
	gboolean offline;        /* no DNS, RDAP or whois lookups */
	GStrv dnsbl;             /* DNSBL zones to look the origin up in; none by default */
} StReportSettings;

typedef struct {
	StTrust *trust;
	char *authserv_id; /* whose Authentication-Results count; NULL: by position */
	StReportSettings report;
	char *source; /* the file read, or NULL */
} StSettings;

StSettings *st_settings_new (void);
void st_settings_free (StSettings *cfg);

/* $XDG_CONFIG_HOME/spamtrace/spamtrace.conf; a new string. */
char *st_settings_default_path (void);

/* Adds the --trust rules of the command line (NULL-terminated, may be
 * NULL) before any the config file brings: the first match decides. */
gboolean st_settings_add_trust (StSettings *cfg, char **rules, GError **error);

/* Reads @path. A missing file is an error only when @must_exist. */
gboolean st_settings_load (StSettings *cfg, const char *path, gboolean must_exist, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSettings, st_settings_free)

G_END_DECLS

#endif
