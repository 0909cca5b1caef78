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
	guint64 max_size;        /* the most read of one message; 0: ST_REPORT_MAX_SIZE_DEFAULT */
	guint excerpt_lines;     /* the most lines of body text a draft quotes */
	guint excerpt_bytes;     /* and the most bytes */
	char *well_known;        /* a list of well-known sites read besides ours, or NULL */
	guint max_drafts;        /* drafts for one message, the most credible first */
	guint max_lookups;       /* DNS, RDAP and whois questions for one message */
} StReportSettings;

/* The report's size limit for one message when the config names none, and
 * the most it may name (what one buffer can hold). */
#define ST_REPORT_MAX_SIZE_DEFAULT ((guint64)64 * 1024 * 1024)
#define ST_REPORT_MAX_SIZE_MAX ((guint64)2 * 1024 * 1024 * 1024)

/* A size as the config and --max-size write it: bytes, or a number and K,
 * M or G (powers of 1024, any case), from 1 byte to ST_REPORT_MAX_SIZE_MAX.
 * FALSE with ST_ERROR_CONFIG for anything else. */
gboolean st_settings_parse_size (const char *text, guint64 *size, GError **error);

/* What a draft quotes of the body when the config does not say, and the
 * most it may say. */
#define ST_EXCERPT_LINES_DEFAULT 60
#define ST_EXCERPT_BYTES_DEFAULT 8192
#define ST_EXCERPT_LINES_MAX 1000
#define ST_EXCERPT_BYTES_MAX (256 * 1024)

/* [report] max-drafts and max-lookups when the config names none, and the
 * most either may name. */
#define ST_REPORT_MAX_DRAFTS_DEFAULT 8
#define ST_REPORT_MAX_LOOKUPS_DEFAULT 16
#define ST_REPORT_MAX_COUNT 100

/* Where the lookups ask ([lookups]); both programs read it, options override. */
typedef struct {
	char *dns_server;     /* "HOST:PORT"; NULL: /etc/resolv.conf */
	char *rdap_bootstrap; /* a directory of IANA bootstrap files; NULL: ours */
	GStrv whois_servers;  /* "NAME=HOST:PORT" each */
	char *cache;          /* the SQLite cache; NULL: the XDG cache directory */
	GStrv dnsbl;          /* DNSBL zones asked about the origin; none by default */
	char *asn_zone;       /* the IP-to-ASN zone; NULL: the default, "": none */
} StLookupSettings;

/* How far the filter goes beyond the header section ([filter]). */
typedef enum {
	ST_FILTER_LOOKUPS_OFF = 0, /* never: the default */
	ST_FILTER_LOOKUPS_CACHE,   /* what the cache already knows, no network */
	ST_FILTER_LOOKUPS_NETWORK, /* DNS, RDAP and whois, within the budget */
} StFilterLookups;

/* The filter's budget when the config names none, and the most it may name. */
#define ST_FILTER_BUDGET_DEFAULT_MS 2000
#define ST_FILTER_BUDGET_MAX_MS 30000

/* The verdict's threshold when the config names none, and its bounds. */
#define ST_FILTER_THRESHOLD_MIN 0.5
#define ST_FILTER_THRESHOLD_MAX 100.0

typedef struct {
	gboolean body;           /* read the body for what it advertises (a field) */
	StFilterLookups lookups; /* who runs the origin's network, its DNSBL listings */
	guint budget_ms;         /* all of the above together, wall clock */
	double threshold;        /* the score from which a message is suspect */
} StFilterSettings;

/* "off", "cache", "network"; and back (any case). FALSE for another word. */
const char *st_filter_lookups_name (StFilterLookups mode);
gboolean st_filter_lookups_parse (const char *name, StFilterLookups *mode);

/* The groups of the file, one bit each: a program reads those it uses,
 * so that a mistake in another program's group never stops it. */
typedef enum {
	ST_SETTINGS_TRUST = 1 << 0,
	ST_SETTINGS_REPORT = 1 << 1,
	ST_SETTINGS_LOOKUPS = 1 << 2,
	ST_SETTINGS_FILTER = 1 << 3,
	ST_SETTINGS_BLOCKLIST = 1 << 4,
	ST_SETTINGS_ALL = 0x1f,
} StSettingsGroups;

/* A mistake in the file: where, and what the line should have said. */
typedef struct {
	guint line; /* from 1; 0 when it is about the file as a whole */
	char *text; /* "[filter] body: expected true or false, not 'yes'" */
} StSettingsProblem;

/* The blocklist spamtrace-report writes for rbldnsd ([blocklist]). */
#define ST_BLOCKLIST_DAYS_DEFAULT 30
#define ST_BLOCKLIST_DAYS_MAX 36500

typedef struct {
	guint days; /* sightings older than this are left out of the zone */
} StBlocklistSettings;

typedef struct {
	StTrust *trust;
	char *authserv_id; /* whose Authentication-Results count; NULL: by position */
	StReportSettings report;
	StLookupSettings lookups;
	StFilterSettings filter;
	StBlocklistSettings blocklist;
	char *source;     /* the file read (or that could not be), or NULL */
	GArray *problems; /* StSettingsProblem, in the order of the file */
} StSettings;

StSettings *st_settings_new (void);
void st_settings_free (StSettings *cfg);

/* $XDG_CONFIG_HOME/spamtrace/spamtrace.conf; a new string. */
char *st_settings_default_path (void);

/* Adds the --trust rules of the command line (NULL-terminated, may be
 * NULL) before any the config file brings: the first match decides. */
gboolean st_settings_add_trust (StSettings *cfg, char **rules, GError **error);

/* Reads the @groups of @path. A missing file is a mistake only when
 * @must_exist. A key whose value is wrong keeps its default, and the other
 * keys are still read; each mistake in a group read (an unknown key or
 * group, a value of the wrong form, a line that is no key, group or
 * comment) is added to cfg->problems. FALSE when there is one, with
 * @error holding the first as st_settings_problem_message () gives it. */
gboolean st_settings_load_groups (StSettings *cfg, const char *path, gboolean must_exist,
	StSettingsGroups groups, GError **error);

/* st_settings_load_groups () of every group. */
gboolean st_settings_load (StSettings *cfg, const char *path, gboolean must_exist, GError **error);

/* Reads the file named by --config, @chosen, which must exist; or, when
 * @chosen is NULL, st_settings_default_path (), which may be missing. */
gboolean st_settings_load_chosen (
	StSettings *cfg, const char *chosen, StSettingsGroups groups, GError **error);

/* The --help text of @ctx in ASCII: GLib writes "[OPTION\u2026]", which
 * comes out as "[OPTION?]" where the locale is not UTF-8 (and the programs
 * keep the C locale, for the numbers they write). A new string. */
char *st_settings_help (GOptionContext *ctx);

/* "FILE:LINE: TEXT" (or "FILE: TEXT") for problem @i: the wording both
 * programs use. A new string. */
char *st_settings_problem_message (const StSettings *cfg, guint i);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSettings, st_settings_free)

G_END_DECLS

#endif
