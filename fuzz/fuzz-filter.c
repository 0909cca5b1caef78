/* fuzz-filter.c - libFuzzer target: the whole analysis of an arbitrary message, as the filter runs
 * it. RFC 5322 sections 2.1.1 (998-byte lines), 2.2 and 2.2.3 (fields, folding): our output must
 * obey them. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-check.h"
#include "analysis.h"
#include "explain.h"
#include "json.h"
#include "rename.h"
#include "settings.h"
#include "tag.h"

#define PROGRAM "spamtrace-filter"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Rules of every kind st_trust_add knows, so that the walk takes its
 * declared, excluded and domain paths and not only the built-in ranges. */
static const char *const trust_rules[] = {
	"!192.0.2.66",
	"192.0.2.0/24",
	"2001:db8::/32",
	"mx.example.net",
	"example.org",
};

static StSettings *settings;

/* The fields we put on top of a message: ASCII only, each line at most 998
 * bytes, every line ended by @eol and nothing else (no bare CR or LF), a
 * field's first line "X-Spamtrace-Name: ...", continuations starting with
 * a space or a tab. */
static void
check_tag (const GString *out, const char *eol)
{
	gsize eol_len = strlen (eol);
	const char *p = out->str;
	const char *end = out->str + out->len;

	FUZZ_CHECK (out->len > 0);
	while (p < end) {
		const char *nl = memchr (p, '\n', (gsize)(end - p));
		FUZZ_CHECK (nl != NULL); /* every line, the last too, has its line ending */
		const char *line_end = nl + 1 - eol_len;
		/* no LF without the CR of a CRLF output */
		FUZZ_CHECK (line_end >= p && memcmp (line_end, eol, eol_len) == 0);
		gsize line_len = (gsize)(line_end - p);
		FUZZ_CHECK (line_len > 0 && line_len <= 998);
		for (const char *c = p; c < line_end; c++) {
			unsigned char b = (unsigned char)*c;
			if (b == '\t')
				continue;
			/* no non-ASCII, no bare CR, no other control byte */
			FUZZ_CHECK (b >= 0x20 && b <= 0x7e);
		}
		if (*p == ' ' || *p == '\t') {
			FUZZ_CHECK (p != out->str); /* a continuation follows a field */
		} else {
			const char *colon = memchr (p, ':', line_len);
			FUZZ_CHECK (
				colon != NULL && g_ascii_strncasecmp (p, "X-Spamtrace-", 12) == 0);
			for (const char *c = p; c < colon; c++) {
				FUZZ_CHECK (g_ascii_isalnum (*c) || *c == '-');
			}
		}
		p = nl + 1;
	}
}

/* json.h: valid UTF-8 is kept, control characters are escaped. */
static void
check_json (const char *json)
{
	FUZZ_CHECK (json != NULL && json[0] == '{' && g_utf8_validate (json, -1, NULL));
	for (const char *c = json; *c != '\0'; c++) {
		unsigned char b = (unsigned char)*c;
		FUZZ_CHECK (b >= 0x20 || b == '\n' || b == '\t');
	}
}

/* explain.h: control characters and invalid UTF-8 from the message become
 * \xHH, so nothing reaches the terminal that could move its cursor. */
static void
check_explain (const char *text)
{
	FUZZ_CHECK (text != NULL && g_utf8_validate (text, -1, NULL));
	for (const char *c = text; *c != '\0'; c++) {
		unsigned char b = (unsigned char)*c;
		FUZZ_CHECK ((b >= 0x20 || b == '\n' || b == '\t') && b != 0x7f);
	}
}

/* rename.h, as the filter writes the message: fed in pieces (their sizes
 * from the input's own bytes) it gives what it gives in one piece; it only
 * inserts "Old-" (the rest is the input, byte for byte); and its output,
 * fed again, has nothing left to rename. */
static void
check_rename (const uint8_t *data, size_t size)
{
	g_autoptr (GString) whole = g_string_new (NULL);
	g_autoptr (GString) pieces = g_string_new (NULL);
	g_autoptr (GString) again = g_string_new (NULL);
	StRename r, p, a;
	size_t pos = 0, k = 0;

	st_rename_init (&r);
	gsize taken = st_rename_feed (&r, (const char *)data, size, whole);
	g_string_append_len (whole, (const char *)data + taken, (gssize)(size - taken));
	st_rename_finish (&r, whole);
	FUZZ_CHECK (whole->len == size + 4 * r.renamed);

	st_rename_init (&p);
	while (pos < size) {
		size_t want = (size_t)(data[k++ % size] % 17) + 1; /* not in MIN: once */
		size_t n = MIN (size - pos, want);
		gsize t = st_rename_feed (&p, (const char *)data + pos, n, pieces);
		g_string_append_len (pieces, (const char *)data + pos + t, (gssize)(n - t));
		pos += n;
	}
	st_rename_finish (&p, pieces);
	FUZZ_CHECK (pieces->len == whole->len && memcmp (pieces->str, whole->str, whole->len) == 0);
	FUZZ_CHECK (p.renamed == r.renamed);

	st_rename_init (&a);
	st_rename_feed (&a, whole->str, whole->len, again);
	FUZZ_CHECK (a.renamed == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	if (settings == NULL) {
		settings = st_settings_new ();
		for (size_t i = 0; i < G_N_ELEMENTS (trust_rules); i++) {
			FUZZ_CHECK (st_trust_add (settings->trust, trust_rules[i], NULL));
		}
	}

	/* the filter's way: find the end of the section, analyse only that */
	char *msg = g_malloc (size ? size : 1);
	memcpy (msg, data, size);
	StHeaderScan scan = { 0 };
	FUZZ_CHECK (st_header_scan_feed (&scan, msg, size, TRUE));
	char *section = g_malloc (scan.end ? scan.end : 1);
	memcpy (section, msg, scan.end);
	/* a short input also plays the part of a section cut at the size limit */
	gboolean truncated = size > 0 && (data[size - 1] & 1) && scan.end == size;

	g_autoptr (StAnalysis) a = st_analysis_run (section, scan.end, truncated, settings);
	FUZZ_CHECK (a != NULL);
	(void)st_analysis_origin (a);

	static const char *const eols[] = { "\n", "\r\n" };
	for (size_t i = 0; i < G_N_ELEMENTS (eols); i++) {
		g_autoptr (GString) out = g_string_new (NULL);
		st_tag_write_analysis (a, PROGRAM, out, eols[i]);
		check_tag (out, eols[i]);
	}

	g_autofree char *json = st_json_analysis (a, PROGRAM);
	check_json (json);
	g_autofree char *text = st_explain_analysis (a, PROGRAM);
	check_explain (text);

	check_rename (data, size);

	st_analysis_free (g_steal_pointer (&a));
	g_free (section);
	g_free (msg);
	return 0;
}
