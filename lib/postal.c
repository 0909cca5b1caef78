/* postal.c - lines of a spam that look like a postal address, kept as evidence.
 * Formats: USPS Publication 28 (ZIP + state), Royal Mail PAF (postcodes), Deutsche Post (PLZ).
 *
 * Nothing is parsed into fields: a complaint quotes the line. CAN-SPAM
 * makes US senders print a physical address, so real spam often carries
 * one near the unsubscribe link. Each line is tried against a table of
 * patterns; lines longer than MAX_LINE are not addresses and are skipped,
 * which keeps every match short and the whole scan linear. */
#include "config.h"

#include <string.h>

#include "postal.h"

#define MAX_LINE 160

/* Cheap facts about a line, found in one pass: a pattern is tried only on
 * lines that have what it cannot match without. On 3 MB of MIME boundary
 * lines this cut the time from seconds to milliseconds. */
enum {
	F_FIVE_DIGITS = 1 << 0,       /* "94043", "10115" after a space, comma or "D-" */
	F_UPPER_DIGIT = 1 << 1,       /* a capital touching a digit: "SW1A 2AA" */
	F_DIGIT_SPACE_UPPER = 1 << 2, /* "1600 Amphitheatre" */
	F_LOWER_SPACE_DIGIT = 1 << 3, /* "Hauptstrasse 5", "str. 5" */
	F_BOX = 1 << 4,               /* "box", "postfach", "postbus", "apartado", any case */
};

/* Tried in order; the first match names the kind. The specific forms come
 * before the street forms so "1600 Amphitheatre Pkwy, Mountain View, CA
 * 94043" is a US address, not merely a street. */
static const struct {
	StPostalKind kind;
	const char *pattern;
	GRegexCompileFlags flags;
	guint needs;
} patterns[] = {
	{ ST_POSTAL_US,
		"[A-Za-z.],?\\s+"
		"(A[LKZR]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
		"O[HKR]|PA|PR|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY])\\.?\\s+\\d{5}(-\\d{4})?\\b",
		0, F_FIVE_DIGITS },
	{ ST_POSTAL_UK,
		"\\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[\\dA-HJKMNPR-Y]? ?\\d[ABD-HJLNP-UW-Z]{2})\\b",
		0, F_UPPER_DIGIT },
	{ ST_POSTAL_DE, "(^|[\\s,])(D-)?\\d{5}\\s+\\p{Lu}\\p{Ll}{2,}", 0, F_FIVE_DIGITS },
	{ ST_POSTAL_PO_BOX,
		"\\b(P\\.? ?O\\.? ?Box|Post Office Box|Postfach|Postbus|Apartado)\\s*#?\\s*\\d",
		G_REGEX_CASELESS, F_BOX },
	{ ST_POSTAL_STREET,
		"\\b\\d{1,6}[A-Za-z]?\\s+(\\p{Lu}[\\p{L}.'-]*\\s+){1,4}"
		"(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|"
		"Place|Pl|Parkway|Pkwy|Highway|Hwy|Square|Sq|Terrace|Suite|Ste)\\b",
		0, F_DIGIT_SPACE_UPPER },
	{ ST_POSTAL_STREET,
		"\\b\\p{Lu}\\p{Ll}+(straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer)\\s+"
		"\\d{1,4}[a-z]?\\b",
		0, F_LOWER_SPACE_DIGIT },
};

static const char *const kind_names[] = {
	[ST_POSTAL_US] = "us",
	[ST_POSTAL_UK] = "uk",
	[ST_POSTAL_DE] = "de",
	[ST_POSTAL_PO_BOX] = "po-box",
	[ST_POSTAL_STREET] = "street",
};

const char *
st_postal_kind_name (StPostalKind kind)
{
	if ((guint)kind >= G_N_ELEMENTS (kind_names))
		return "unknown";
	return kind_names[kind];
}

void
st_postal_free (StPostal *postal)
{
	if (postal == NULL)
		return;
	g_free (postal->line);
	g_free (postal);
}

static GRegex **
compiled (void)
{
	static GRegex *regexes[G_N_ELEMENTS (patterns)];
	static gsize done = 0;

	if (g_once_init_enter (&done)) {
		for (gsize k = 0; k < G_N_ELEMENTS (patterns); k++) {
			g_autoptr (GError) error = NULL;
			regexes[k] = g_regex_new (patterns[k].pattern,
				patterns[k].flags | G_REGEX_OPTIMIZE, 0, &error);
			/* The patterns are ours: a failure is a bug in this file. */
			g_assert_no_error (error);
		}
		g_once_init_leave (&done, 1);
	}
	return regexes;
}

static guint
line_facts (const char *s, gsize len)
{
	static const char *const boxes[] = { "box", "postfach", "postbus", "apartado" };
	guint facts = 0;
	gsize digits = 0;
	gboolean word_start = TRUE; /* the digit run began a word */

	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)s[i];
		guchar next = i + 1 < len ? (guchar)s[i + 1] : 0;
		if (g_ascii_isdigit (c)) {
			if (digits++ == 0)
				word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == ',' ||
					     s[i - 1] == '-';
			if (digits >= 5 && word_start)
				facts |= F_FIVE_DIGITS;
			if (g_ascii_isupper (next))
				facts |= F_UPPER_DIGIT;
		} else {
			digits = 0;
			if (g_ascii_isupper (c) && g_ascii_isdigit (next))
				facts |= F_UPPER_DIGIT;
		}
		if ((g_ascii_isdigit (c) || g_ascii_islower (c) || c == '.' || c >= 0x80) &&
			next == ' ') {
			gsize k = i + 1;
			while (k < len && s[k] == ' ')
				k++;
			if (k < len && g_ascii_isdigit (c) &&
				(g_ascii_isupper (s[k]) || (guchar)s[k] >= 0x80))
				facts |= F_DIGIT_SPACE_UPPER;
			if (k < len && !g_ascii_isdigit (c) && g_ascii_isdigit (s[k]))
				facts |= F_LOWER_SPACE_DIGIT;
		}
		for (gsize b = 0; b < G_N_ELEMENTS (boxes); b++)
			if ((c | 0x20) == boxes[b][0] && len - i >= strlen (boxes[b]) &&
				g_ascii_strncasecmp (s + i, boxes[b], strlen (boxes[b])) == 0)
				facts |= F_BOX;
	}
	return facts;
}

/* @len bytes of @s with runs of white space as one space, trimmed. */
static char *
squeeze (const char *s, gsize len)
{
	GString *out = g_string_sized_new (len);
	gboolean space = FALSE;

	for (gsize i = 0; i < len; i++) {
		if (g_ascii_isspace (s[i]) || s[i] == '\0') {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c (out, ' ');
		space = FALSE;
		g_string_append_c (out, s[i]);
	}
	return g_string_free (out, FALSE);
}

void
st_postal_find (
	GPtrArray *found, const char *text, gssize len, StUrlsWhere where, guint part, guint max)
{
	g_return_if_fail (found != NULL);
	if (text == NULL)
		return;
	gsize n = len < 0 ? strlen (text) : (gsize)len;
	GRegex **regexes = compiled ();
	gsize i = 0;

	while (i < n) {
		const char *nl = memchr (text + i, '\n', n - i);
		gsize end = nl != NULL ? (gsize)(nl - text) : n;
		gsize start = i;
		i = end + 1;
		if (end - start > MAX_LINE)
			continue;
		g_autofree char *line = squeeze (text + start, end - start);
		guint facts = line_facts (line, strlen (line));
		if (facts == 0 || !g_utf8_validate (line, -1, NULL))
			continue;

		for (gsize k = 0; k < G_N_ELEMENTS (patterns); k++) {
			if ((facts & patterns[k].needs) == 0)
				continue;
			if (!g_regex_match (regexes[k], line, 0, NULL))
				continue;
			StPostal *seen = NULL;
			for (guint f = 0; f < found->len && seen == NULL; f++)
				if (strcmp (((StPostal *)found->pdata[f])->line, line) == 0)
					seen = found->pdata[f];
			if (seen != NULL) {
				seen->count++;
			} else if (found->len < max) {
				StPostal *p = g_new0 (StPostal, 1);
				p->line = g_steal_pointer (&line);
				p->kind = patterns[k].kind;
				p->where = where;
				p->part = part;
				p->count = 1;
				g_ptr_array_add (found, p);
			}
			break;
		}
	}
}
