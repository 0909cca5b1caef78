/* fuzz-report.c - libFuzzer target: spamtrace-report's whole path, offline: a message in, the plan
 * and the drafts out. RFC 5322 sections 2.1.1 and 2.2 (a draft's own header: ASCII lines of at most
 * 998 bytes), RFC 8259 (--json).
 *
 * The program itself runs, main () and all, on a file holding the input
 * after its first byte, which chooses the mode: drafts written into an
 * outbox (--arf --attach --notify-spoofed --force), --json, --dry-run, or
 * --json --mbox; always --offline, so nothing leaves the process. Checks:
 * no crash, no UB, no leak; an exit status the program documents; what
 * it says on standard error, as --dry-run's text below; every
 * draft's own header is printable ASCII in lines of at most 998 bytes
 * (message text reaches it: the subject, the recipients' names); what
 * --dry-run shows is valid UTF-8 with no control character but LF and tab;
 * the plan is valid UTF-8 with no raw control bytes. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-check.h"

#define main spamtrace_report_main
#include "../report/spamtrace-report.c"
#undef main

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *dir, *input, *output, *errors, *outbox, *outbox_cur, *registry;
static int out_fd = -1, err_fd = -1;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
	dir = g_dir_make_tmp ("fuzz-report-XXXXXX", NULL);
	input = g_build_filename (dir, "message", NULL);
	output = g_build_filename (dir, "stdout", NULL);
	outbox = g_build_filename (dir, "outbox", NULL);
	outbox_cur = g_build_filename (outbox, "cur", NULL);
	registry = g_build_filename (dir, "registry.sqlite", NULL);
	/* no user's config, cache or data */
	g_setenv ("HOME", dir, TRUE);
	g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
	g_setenv ("XDG_CACHE_HOME", dir, TRUE);
	g_setenv ("XDG_DATA_HOME", dir, TRUE);
	out_fd = open (output, O_RDWR | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK (out_fd >= 0);
	errors = g_build_filename (dir, "stderr", NULL);
	err_fd = open (errors, O_RDWR | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK (err_fd >= 0);
	return 0;
}

/* The options the program keeps in globals, as they are before a run. */
static void
reset_options (void)
{
	opt_dry_run = opt_json = opt_force = opt_version = opt_help = opt_notify_spoofed = FALSE;
	opt_attach = opt_arf = opt_offline = opt_no_cache = opt_mbox = opt_no_munge = FALSE;
	opt_quiet = opt_list = opt_digest = FALSE;
	g_clear_pointer (&opt_forget, g_free);
	g_clear_pointer (&opt_blocklist, g_free);
	g_clear_pointer (&opt_overview, g_free);
	g_clear_pointer (&opt_config, g_free);
	g_clear_pointer (&opt_outbox, g_free);
	g_clear_pointer (&opt_template_dir, g_free);
	g_clear_pointer (&opt_registry, g_free);
	g_clear_pointer (&opt_from, g_free);
	g_clear_pointer (&opt_contacts, g_free);
	g_clear_pointer (&opt_dns_server, g_free);
	g_clear_pointer (&opt_rdap_bootstrap, g_free);
	g_clear_pointer (&opt_max_size, g_free);
	g_clear_pointer (&opt_trust, g_strfreev);
	g_clear_pointer (&opt_whois_server, g_strfreev);
	g_clear_pointer (&opt_dnsbl, g_strfreev);
}

/* A draft's own header, up to its empty line: printable ASCII (tabs
 * allowed) in lines of at most 998 bytes, each ended by LF. */
static void
check_draft (const char *draft, gsize len)
{
	const char *p = draft, *end = draft + len;

	while (p < end) {
		const char *nl = memchr (p, '\n', (gsize)(end - p));
		FUZZ_CHECK (nl != NULL);
		if (nl == p)
			return; /* the end of the header */
		FUZZ_CHECK ((gsize)(nl - p) <= 998);
		for (const char *c = p; c < nl; c++) {
			unsigned char b = (unsigned char)*c;
			FUZZ_CHECK (b == '\t' || (b >= 0x20 && b <= 0x7e));
		}
		p = nl + 1;
	}
	FUZZ_CHECK (!"a draft with no end to its header");
}

/* The drafts written into the outbox: each checked, then removed. */
static void
check_outbox (void)
{
	g_autoptr (GDir) d = g_dir_open (outbox_cur, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
		g_autofree char *path = g_build_filename (outbox_cur, name, NULL);
		g_autofree char *draft = NULL;
		gsize len = 0;
		FUZZ_CHECK (g_file_get_contents (path, &draft, &len, NULL));
		check_draft (draft, len);
		g_unlink (path);
	}
}

/* --dry-run shows the drafts to a person, at a terminal: valid UTF-8, no
 * control character but the line end and the tab (no escape sequence from
 * the spam can move the cursor or retitle the window). */
static void
check_preview (const char *out, gsize len)
{
	const char *p = out, *end = out + len;

	FUZZ_CHECK (g_utf8_validate (out, (gssize)len, NULL));
	while (p < end) {
		gunichar c = g_utf8_get_char (p);
		FUZZ_CHECK (c == '\n' || c == '\t' ||
			    (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)));
		p = g_utf8_next_char (p);
	}
}

/* --json: the plan */
static void
check_plan (const char *out, gsize len)
{
	FUZZ_CHECK (len >= 3 && out[0] == '[' && g_str_has_suffix (out, "]\n"));
	FUZZ_CHECK (g_utf8_validate (out, (gssize)len, NULL));
	for (gsize i = 0; i < len; i++) {
		unsigned char b = (unsigned char)out[i];
		FUZZ_CHECK (b >= 0x20 || b == '\n');
	}
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	/* the drafts themselves (written, each checked), what --dry-run
	 * shows, the plan, the plan of an mbox */
	static const char *const modes[][5] = {
		{ "--arf", "--attach", "--notify-spoofed", "--force", NULL },
		{ "--json", NULL },
		{ "--dry-run", NULL },
		{ "--json", "--mbox", NULL },
	};
	const char *argv[20] = { "spamtrace-report", "--offline", "--template-dir", FUZZ_TEMPLATES,
		"--max-size", "1M", "--from", "fuzz@spamtrace.invalid", "--outbox", outbox,
		"--registry", registry };
	int argc = 12, saved, status;
	FILE *saved_err;
	g_autofree char *out = NULL, *err = NULL;
	gsize len = 0;

	if (size == 0)
		return 0;
	FUZZ_CHECK (g_file_set_contents (input, (const char *)data + 1, (gssize)size - 1, NULL));
	for (gsize i = 0; i < 5 && modes[data[0] % 4][i] != NULL; i++)
		argv[argc++] = modes[data[0] % 4][i];
	argv[argc++] = input;
	argv[argc] = NULL;

	reset_options ();
	FUZZ_CHECK (ftruncate (out_fd, 0) == 0 && lseek (out_fd, 0, SEEK_SET) == 0);
	FUZZ_CHECK (ftruncate (err_fd, 0) == 0 && lseek (err_fd, 0, SEEK_SET) == 0);
	fflush (stdout);
	fflush (stderr);
	saved = dup (1);
	dup2 (out_fd, 1);
	/* the program's stderr (glibc lets the stream be replaced), not fd 2,
	 * where the sanitizers' reports must still go */
	saved_err = stderr;
	stderr = fdopen (dup (err_fd), "w");
	FUZZ_CHECK (stderr != NULL);
	{
		char **args = g_new0 (char *, argc + 1);
		for (int i = 0; i < argc; i++)
			args[i] = g_strdup (argv[i]);
		/* g_option_context_parse takes the options out of the vector */
		char **keep = g_memdup2 (args, sizeof (char *) * (gsize)(argc + 1));
		status = spamtrace_report_main (argc, args);
		g_strfreev (keep);
		g_free (args);
	}
	fflush (stdout);
	dup2 (saved, 1);
	close (saved);
	fclose (stderr);
	stderr = saved_err;
	/* 0, or 1: an input empty or over the size limit, a draft refused */
	FUZZ_CHECK (status == 0 || status == 1);

	/* what the run said (status lines name parties the spam wrote) is
	 * held to what --dry-run shows */
	FUZZ_CHECK (g_file_get_contents (errors, &err, &len, NULL));
	check_preview (err, len);
	FUZZ_CHECK (g_file_get_contents (output, &out, &len, NULL));
	if (data[0] % 4 == 0)
		check_outbox ();
	else if (data[0] % 4 == 2)
		check_preview (out, len);
	else
		check_plan (out, len);
	return 0;
}
