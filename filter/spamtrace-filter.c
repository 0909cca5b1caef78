/* spamtrace-filter.c - the MDA filter: one message in, the same message out with our fields on top.
 * RFC 5322 section 2.1 (the message stays byte for byte), RFC 4155 (mbox "From " line).
 *
 * The contract, from the procmail and maildrop side: never an empty or damaged
 * message. Everything after our fields is the input as read; when anything
 * goes wrong before we start writing, the input passes through unchanged with
 * exit 0; when writing fails we exit 75 (EX_TEMPFAIL) so that the MDA keeps
 * its own copy. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "explain.h"
#include "rename.h"
#include "json.h"
#include "paths.h"
#include "settings.h"
#include "tag.h"

#include "extras.h"

#define PROGRAM "spamtrace-filter"

/* sysexits.h values, spelled out: they are our interface with the MDA. */
enum {
	EXIT_USAGE = 64,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78,
};

/* The header section is read into one buffer that never moves (so that the
 * fallback below can always reach it); pages are only touched as they are
 * filled. Past this size the rest is streamed without being read. */
#define MAX_HEADER_SECTION (4 * 1024 * 1024)
#define CHUNK 65536

/* Of the body, what is read for the extras: enough for any pitch when
 * tagging; more for --json, which nobody runs on a mail queue. */
#define MAX_BODY_READ (1024 * 1024)
#define MAX_BODY_READ_JSON (16 * 1024 * 1024)

/* Seconds the analysis may take before the message goes out unchanged;
 * the extras' budget comes on top. */
#define ANALYSIS_TIME_LIMIT 20

typedef enum {
	STAGE_READING,
	STAGE_ANALYSING,
	STAGE_WRITING,
} Stage;

/* State shared with the fallback handler. */
static struct {
	char *buf;
	volatile size_t len;
	volatile sig_atomic_t stage;
} input;

static int
write_all (int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write (fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies the rest of stdin to stdout. Async-signal-safe. */
static int
copy_rest (void)
{
	static char tmp[CHUNK];
	for (;;) {
		ssize_t r = read (0, tmp, sizeof tmp);
		if (r == 0)
			return 0;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (write_all (1, tmp, (size_t)r) < 0)
			return -1;
	}
}

/* A crash or a hang in the analysis: deliver the message as it came.
 * Only async-signal-safe calls from here on. */
static void
fallback (int sig)
{
	static const char passed[] =
		PROGRAM ": internal failure; the message passes through unchanged\n";
	static const char failed[] = PROGRAM ": internal failure while writing the message\n";

	if (input.stage == STAGE_WRITING) {
		(void)write_all (2, failed, sizeof failed - 1);
		_exit (EXIT_TEMPFAIL);
	}
	(void)write_all (2, passed, sizeof passed - 1);
	if (write_all (1, input.buf, input.len) < 0 || copy_rest () < 0)
		_exit (EXIT_TEMPFAIL);
	_exit (0);
	(void)sig;
}

static void
install_fallback (void)
{
	static const int signals[] = {
		SIGALRM,
		SIGABRT,
		SIGTRAP, /* GLib's fatal errors (out of memory) */
#if !defined(__SANITIZE_ADDRESS__)
		/* AddressSanitizer reports these itself */
		SIGSEGV,
		SIGBUS,
		SIGFPE,
		SIGILL,
#endif
	};
	static char altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	struct sigaction sa;

	(void)sigaltstack (&ss, NULL);
	memset (&sa, 0, sizeof sa);
	sa.sa_handler = fallback;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	sigemptyset (&sa.sa_mask);
	for (size_t i = 0; i < G_N_ELEMENTS (signals); i++)
		sigaction (signals[i], &sa, NULL);
	/* a reader that goes away is a write error, not a silent death */
	signal (SIGPIPE, SIG_IGN);
}

/* One read into the buffer, up to @limit bytes held. FALSE on a read error. */
static gboolean
read_chunk (size_t limit, gboolean *eof)
{
	for (;;) {
		ssize_t r = read (0, input.buf + input.len, MIN (limit - input.len, (size_t)CHUNK));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return FALSE;
		if (r == 0)
			*eof = TRUE;
		input.len += (size_t)r;
		return TRUE;
	}
}

/* Reads until the end of the header section, the size limit or EOF.
 * Returns the length of the section; *eof says stdin is exhausted. */
static gboolean
read_header_section (size_t *section_len, gboolean *eof, gboolean *truncated)
{
	StHeaderScan scan = { 0 };

	*eof = FALSE;
	*truncated = FALSE;
	for (;;) {
		if (input.len == MAX_HEADER_SECTION) {
			*truncated = TRUE;
			*section_len = input.len;
			return TRUE;
		}
		if (!read_chunk (MAX_HEADER_SECTION, eof))
			return FALSE;
		if (st_header_scan_feed (&scan, input.buf, input.len, *eof)) {
			*section_len = scan.end;
			return TRUE;
		}
	}
}

/* Reads on until @limit bytes are held or EOF. FALSE on a read error. */
static gboolean
read_more (size_t limit, gboolean *eof)
{
	while (!*eof && input.len < limit)
		if (!read_chunk (limit, eof))
			return FALSE;
	return TRUE;
}

/* Length of a leading mbox From line (with its newline), 0 when none. */
static gsize
h_from_line_length (const char *buf, gsize len)
{
	const char *nl = memchr (buf, '\n', len);
	if (len >= 5 && memcmp (buf, "From ", 5) == 0 && nl != NULL)
		return (gsize)(nl - buf) + 1;
	return 0;
}

/* Writes @p[0..@len), what was read of the message after its From line,
 * then the rest of standard input unless @eof, with X-Spamtrace-* lines of
 * someone else's renamed Old-X-Spamtrace-* up to the end of the header the
 * MDAs see (rename.h), which may lie past what was read. */
static int
write_renamed (const char *p, gsize len, gboolean eof)
{
	static char tmp[CHUNK];
	g_autoptr (GString) out = g_string_sized_new (CHUNK);
	StRename r;

	st_rename_init (&r);
	for (;;) {
		gsize taken = st_rename_feed (&r, p, len, out);
		ssize_t n;
		if (write_all (1, out->str, out->len) < 0 ||
			write_all (1, p + taken, len - taken) < 0)
			return -1;
		g_string_truncate (out, 0);
		if (eof)
			break;
		if (r.done)
			return copy_rest ();
		while ((n = read (0, tmp, sizeof tmp)) < 0 && errno == EINTR)
			;
		if (n < 0)
			return -1;
		eof = n == 0;
		p = tmp;
		len = (gsize)n;
	}
	st_rename_finish (&r, out);
	return write_all (1, out->str, out->len);
}

/* "X-Spamtrace-NAME: [MODE; ]unknown; why=WHY" for a part of the extras
 * that gave nothing. */
static void
unknown_field (GString *out, const char *name, const char *mode, const char *why, const char *eol)
{
	StTagField f;
	st_tag_field_init (&f, name);
	if (mode != NULL)
		st_tag_field_word (&f, mode);
	st_tag_field_word (&f, "unknown");
	st_tag_field_text (&f, "why", why);
	st_tag_field_write (&f, out, eol);
	st_tag_field_clear (&f);
}

/* Why a part the extras were asked for is missing: @error is that part's
 * module's. */
static char *
extras_missing (const char *error)
{
	return g_strdup (error != NULL ? error : "no answer");
}

/* The groups of the config the filter reads; [report] is the report tool's. */
#define FILTER_GROUPS (ST_SETTINGS_TRUST | ST_SETTINGS_FILTER | ST_SETTINGS_LOOKUPS)

/* "X-Spamtrace-Error: config; file=F; line=N; why=W[; more=N]": the first
 * mistake in the config, which the verdict above did without. */
static void
config_error_field (const StSettings *settings, GString *out, const char *eol)
{
	const StSettingsProblem *p = &g_array_index (settings->problems, StSettingsProblem, 0);
	StTagField f;

	st_tag_field_init (&f, st_ours_name (ST_OURS_ERROR));
	st_tag_field_word (&f, "config");
	st_tag_field_text (&f, "file", settings->source);
	if (p->line > 0)
		st_tag_field_int (&f, "line", p->line);
	st_tag_field_text (&f, "why", p->text);
	if (settings->problems->len > 1)
		st_tag_field_int (&f, "more", settings->problems->len - 1);
	st_tag_field_write (&f, out, eol);
	st_tag_field_clear (&f);
}

static gboolean opt_json, opt_explain, opt_version, opt_help, opt_body;
static char *opt_lookups;
static int opt_budget = G_MININT; /* not given */
static char *opt_config;
static char **opt_trust;

static const GOptionEntry entries[] = {
	{ "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
		"Print the analysis as JSON instead of the message", NULL },
	{ "explain", 0, 0, G_OPTION_ARG_NONE, &opt_explain,
		"Print the hops and the reasoning for a person instead of the message", NULL },
	{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt_config,
		"Read settings from FILE (default: ~/.config/spamtrace/spamtrace.conf)", "FILE" },
	{ "trust", 't', 0, G_OPTION_ARG_STRING_ARRAY, &opt_trust,
		"Treat NET as ours: an address, a CIDR, a host name or domain; !NET excludes "
		"(repeatable, first match decides)",
		"NET" },
	{ "body", 0, 0, G_OPTION_ARG_NONE, &opt_body,
		"Add X-Spamtrace-Advertises: what the body asks its reader to visit, write to "
		"or call ([filter] body)",
		NULL },
	{ "lookups", 0, 0, G_OPTION_ARG_STRING, &opt_lookups,
		"off, cache or network: who runs the origin's network, its reverse DNS and "
		"DNSBL listings ([filter] lookups)",
		"MODE" },
	{ "budget", 0, 0, G_OPTION_ARG_INT, &opt_budget,
		"Milliseconds the body and the lookups may take together (default 2000)", "MS" },
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
	{ "help", 'h', 0, G_OPTION_ARG_NONE, &opt_help,
		"Print this summary of the options and exit", NULL },
	{ NULL },
};

/* The command line: an exit status when it asks for help, the version or
 * something impossible, -1 to go on. */
static int
parse_options (int *argc, char ***argv)
{
	g_autoptr (GOptionContext) ctx = g_option_context_new ("< MESSAGE");
	g_autoptr (GError) error = NULL;

	g_option_context_set_summary (ctx,
		"Reads one message on standard input and writes it to standard output with\n"
		"X-Spamtrace-* fields added at the top: where the message entered your mail\n"
		"system (the origin) and how far the Received: lines can be trusted.");
	g_option_context_set_description (ctx,
		"Exit status: 0 when the message was written (or passed through unchanged\n"
		"after an internal failure), 64 for a usage error, 75 when the output could not\n"
		"be written, 78 for a bad config with --json or --explain.\n"
		"See spamtrace-filter(1).");
	g_option_context_add_main_entries (ctx, entries, NULL);
	g_option_context_set_help_enabled (ctx, FALSE); /* ours: see st_settings_help () */
	if (!g_option_context_parse (ctx, argc, argv, &error)) {
		fprintf (stderr, PROGRAM ": %s (try --help)\n", error->message);
		return EXIT_USAGE;
	}
	if (opt_help) {
		g_autofree char *help = st_settings_help (ctx);
		fputs (help, stdout);
		return 0;
	}
	if (opt_version) {
		printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
		return 0;
	}
	if (*argc > 1) {
		fprintf (stderr,
			PROGRAM ": unexpected argument '%s': the message is read from "
				"standard input (try --help)\n",
			(*argv)[1]);
		return EXIT_USAGE;
	}
	if (opt_json && opt_explain) {
		fprintf (stderr, PROGRAM ": --json and --explain exclude each other\n");
		return EXIT_USAGE;
	}
	return -1;
}

/* The settings: the command line's rules, the config, then the command
 * line's overrides. An exit status, or -1 to go on; @settings_error is set
 * when the config has a mistake. */
static int
load_settings (StSettings *settings, GError **settings_error)
{
	g_autoptr (GError) error = NULL;

	/* rules on the command line come first: the first match decides */
	if (!st_settings_add_trust (settings, opt_trust, &error)) {
		fprintf (stderr, PROGRAM ": --trust: %s\n", error->message);
		return EXIT_USAGE;
	}
	/* [report] is not ours: a mistake there never stops the filter. In
	 * the groups we read, a wrong value keeps its default, and a field
	 * says where the mistake is */
	if (!st_settings_load_chosen (settings, opt_config, FILTER_GROUPS, settings_error))
		for (guint i = 0; i < settings->problems->len; i++) {
			g_autofree char *m = st_settings_problem_message (settings, i);
			fprintf (stderr, PROGRAM ": %s\n", m);
		}
	if (*settings_error != NULL && (opt_json || opt_explain))
		return EXIT_CONFIG;
	/* the command line overrides the config */
	if (opt_body)
		settings->filter.body = TRUE;
	if (opt_lookups != NULL &&
		!st_filter_lookups_parse (opt_lookups, &settings->filter.lookups)) {
		fprintf (stderr, PROGRAM ": --lookups: '%s' is not one of off, cache, network\n",
			opt_lookups);
		return EXIT_USAGE;
	}
	if (opt_budget != G_MININT) {
		if (opt_budget < 1 || opt_budget > ST_FILTER_BUDGET_MAX_MS) {
			fprintf (stderr, PROGRAM ": --budget: %d is not between 1 and %d\n",
				opt_budget, ST_FILTER_BUDGET_MAX_MS);
			return EXIT_USAGE;
		}
		settings->filter.budget_ms = (guint)opt_budget;
	}
	return -1;
}

/* What one run decided and found, for the steps after the reading. */
typedef struct {
	const StSettings *settings;
	gboolean want_body, want_lookups;
	gboolean eof;
	const char *eol;
	StAnalysis *a;
	StExtras *x;
} Run;

/* The analysis of what was read, and the lines it renamed. */
static StAnalysis *
analyse (size_t section_len, gboolean truncated, const StSettings *settings)
{
	StAnalysis *a = st_analysis_run (input.buf, section_len, truncated, settings);
	if (a != NULL) {
		/* the lines renamed, in what was read: the parser's fields, and
		 * those the MDAs see past a line that is no field */
		StRename count;
		gsize from = h_from_line_length (input.buf, input.len);
		st_rename_init (&count);
		st_rename_feed (&count, input.buf + from, input.len - from, NULL);
		a->renamed = MAX (a->renamed, count.renamed);
	}
	return a;
}

/* The body and the lookups, in the module, within the budget. */
static StExtras *
run_extras (const Run *run)
{
	const StReceived *o = run->a != NULL ? st_analysis_origin (run->a) : NULL;
	StExtrasJob job = {
		.message = input.buf,
		.len = input.len,
		.cut = !run->eof,
		.body = run->want_body,
		.lookups = run->settings->filter.lookups,
		.ip = o != NULL ? o->ip : NULL,
		.where = &run->settings->lookups,
		.budget_ms = run->settings->filter.budget_ms,
		.json = opt_json,
		.eol = run->eol,
	};
	return st_extras_run (&job);
}

/* --json: the analysis's members, then the extras' answers (or why they
 * are missing), in one object. */
static void
compose_json (GString *ours, const Run *run)
{
	const StExtras *x = run->x;
	StJson j;

	st_json_init (&j, ours);
	st_json_begin_object (&j);
	st_json_analysis_members (&j, run->a, PROGRAM);
	st_json_key (&j, "body");
	st_json_raw (&j, x->job.body_json);
	if (run->want_lookups) {
		st_json_key (&j, "lookups");
		st_json_raw (&j, x->job.lookup_json);
	}
	if (x->job.body_json == NULL) {
		g_autofree char *why = extras_missing (x->body_error);
		st_json_member_str (&j, "body_missing", why);
	}
	if (run->want_lookups && x->job.lookup_json == NULL) {
		g_autofree char *why = extras_missing (x->lookups_error);
		st_json_member_str (&j, "lookups_missing", why);
	}
	st_json_end_object (&j);
	g_string_append_c (ours, '\n');
}

/* The extras' fields, or why each part asked for is unknown. */
static void
compose_extras_fields (GString *ours, const Run *run)
{
	const StExtras *x = run->x;
	g_autofree char *body_why = extras_missing (x->body_error);
	g_autofree char *lookups_why = extras_missing (x->lookups_error);

	if (opt_explain && (run->want_body || run->want_lookups))
		g_string_append (ours, "\nFrom the body and the lookups, the fields would be:\n");
	if (run->want_body && x->job.body_fields != NULL)
		g_string_append (ours, x->job.body_fields);
	else if (run->want_body)
		unknown_field (ours, st_ours_name (ST_OURS_ADVERTISES), NULL, body_why, run->eol);
	if (run->want_lookups && x->job.lookup_fields != NULL)
		g_string_append (ours, x->job.lookup_fields);
	else if (run->want_lookups)
		unknown_field (ours, st_ours_name (ST_OURS_LOOKUPS),
			st_filter_lookups_name (run->settings->filter.lookups), lookups_why,
			run->eol);
}

/* What we write before the message: our fields, or the JSON, or the
 * explanation. */
static void
compose (GString *ours, const Run *run, const GError *settings_error)
{
	if (opt_json) {
		compose_json (ours, run);
	} else if (opt_explain) {
		g_autofree char *text = st_explain_analysis (run->a, PROGRAM);
		g_string_append (ours, text);
	} else {
		st_tag_write_analysis (run->a, PROGRAM, ours, run->eol);
		if (settings_error != NULL)
			config_error_field (run->settings, ours, run->eol);
	}
	if (run->x != NULL && !opt_json)
		compose_extras_fields (ours, run);
	if (input.len == 0 && !opt_json && !opt_explain)
		g_string_append (ours, run->eol); /* an empty message: our fields and a blank line */
	/* A message that starts with a folded line would continue our last
	 * field with its own text; give that text a field of its own, which no
	 * recipe reads. */
	gsize first = h_from_line_length (input.buf, input.len);
	if (!opt_json && !opt_explain && first < input.len &&
		(input.buf[first] == ' ' || input.buf[first] == '\t')) {
		g_string_append_printf (ours,
			"%s: the message began with a folded line, which continues this field",
			st_ours_name (ST_OURS_FOLDED_START));
		g_string_append (ours, run->eol);
	}
}

/* [From line] our fields, the message, X-Spamtrace-* lines renamed; or
 * the JSON or the explanation alone. */
static int
write_out (const GString *ours, gboolean eof)
{
	if (opt_json || opt_explain) {
		if (write_all (1, ours->str, ours->len) < 0) {
			fprintf (stderr, PROGRAM ": cannot write: %s\n", g_strerror (errno));
			return EXIT_TEMPFAIL;
		}
		return 0;
	}
	gsize from = h_from_line_length (input.buf, input.len);
	if (write_all (1, input.buf, from) < 0 || write_all (1, ours->str, ours->len) < 0 ||
		write_renamed (input.buf + from, input.len - from, eof) < 0) {
		fprintf (stderr, PROGRAM ": cannot pass the message on: %s\n", g_strerror (errno));
		return EXIT_TEMPFAIL;
	}
	return 0;
}

int
main (int argc, char **argv)
{
	g_autoptr (StSettings) settings = st_settings_new ();
	g_autoptr (GError) settings_error = NULL;
	int status;

	st_paths_init (argv[0]);
	if ((status = parse_options (&argc, &argv)) >= 0)
		return status;
	if ((status = load_settings (settings, &settings_error)) >= 0)
		return status;
	Run run = {
		.settings = settings,
		.want_body = settings->filter.body || opt_json,
		.want_lookups = settings->filter.lookups != ST_FILTER_LOOKUPS_OFF,
		.eol = "\n",
	};
	size_t body_read = !run.want_body && !run.want_lookups ? 0
			   : opt_json                          ? MAX_BODY_READ_JSON
								       : MAX_BODY_READ;

	/* the fallback first: if even the buffer cannot be had, the message
	 * still passes through */
	input.stage = STAGE_READING;
	install_fallback ();
	input.buf = g_malloc (MAX_HEADER_SECTION + body_read);

	size_t section_len = 0;
	gboolean truncated = FALSE;
	if (!read_header_section (&section_len, &run.eof, &truncated) ||
		(run.want_body && !truncated &&
			!read_more (section_len + body_read, &run.eof))) {
		fprintf (stderr, PROGRAM ": cannot read the message: %s\n", g_strerror (errno));
		/* pass on what we have; the MDA sees the failure */
		(void)write_all (1, input.buf, input.len);
		return EXIT_TEMPFAIL;
	}

	input.stage = STAGE_ANALYSING;
	alarm (ANALYSIS_TIME_LIMIT + settings->filter.budget_ms / 1000 + 1);
	g_autoptr (StAnalysis) a = analyse (section_len, truncated, settings);
	run.a = a;
	const char *nl = memchr (input.buf, '\n', input.len);
	if (nl != NULL && nl > input.buf && nl[-1] == '\r')
		run.eol = "\r\n";
	g_autoptr (StExtras) x = run.want_body || run.want_lookups ? run_extras (&run) : NULL;
	run.x = x;
	g_autoptr (GString) ours = g_string_new (NULL);
	compose (ours, &run, settings_error);
	alarm (0);

	input.stage = STAGE_WRITING;
	return write_out (ours, run.eof);
}
