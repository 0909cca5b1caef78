/* postal.c - lines of a spam that look like a postal address, kept as evidence.
 * Formats: USPS Publication 28 (ZIP + state), Royal Mail PAF (postcodes), Deutsche Post (PLZ),
 * Canada Post, Australia Post, PostNL, Japan Post, Correios (CEP), India Post (PIN), UPU S42.
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
	F_DIGIT_SPACE_UPPER = 1 << 2, /* "1600 Amphitheatre", "1012 AB" */
	F_ALPHA_SPACE_DIGIT = 1 << 3, /* "Hauptstrasse 5", "str. 5", "NSW 2000", "PIN: 5" */
	F_BOX = 1 << 4,               /* "box", "postfach", "caixa", … any case */
	F_FOUR_DIGITS = 1 << 5,       /* a word of four digits or more */
	F_DIGIT_DASH_DIGIT = 1 << 6,  /* "01310-100", "100-0001" */
	F_POSTMARK = 1 << 7,          /* Japan's postal mark, U+3012 */
	F_DIGIT_SPACE_LOWER = 1 << 8, /* "12 rue", "5 bis" */
};

/* The two-letter codes of Brazil's states, as Correios writes them. */
#define BR_STATES                                                                                  \
	"(AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)"

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
	/* before the UK form, which would take "K1A 0B1" for a postcode */
	{ ST_POSTAL_CA,
		"\\b(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|Alberta|British Columbia|Manitoba|"
		"New Brunswick|Newfoundland|Nova Scotia|Ontario|Qu[eé]bec|Saskatchewan|Yukon)"
		",?\\s+[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d\\b",
		0, F_UPPER_DIGIT },
	{ ST_POSTAL_UK,
		"\\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[\\dA-HJKMNPR-Y]? ?\\d[ABD-HJLNP-UW-Z]{2})\\b",
		0, F_UPPER_DIGIT },
	{ ST_POSTAL_AU, "\\p{Lu}[\\p{L}'-]+,?\\s+(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\\s+\\d{4}\\b", 0,
		F_ALPHA_SPACE_DIGIT },
	/* PostNL: four digits, two capitals (never SA, SD or SS), the town;
	 * at the start of a line or after a comma, and not a quantity with
	 * its unit ("1500 MB Storage") */
	{ ST_POSTAL_NL,
		"(^|,\\s*)[1-9]\\d{3} ?"
		"(?!SA|SD|SS|MB|GB|KB|TB|BC|AD|AM|PM|HP|KM|CM|MM|KG|US|EU|UK|PC|TV)"
		"[A-Z]{2}\\s+\\p{Lu}\\p{Ll}{2,}",
		0, F_FOUR_DIGITS },
	{ ST_POSTAL_JP, "\\x{3012}\\s?\\d{3}-?\\d{4}\\b", 0, F_POSTMARK },
	{ ST_POSTAL_BR,
		"\\bCEP:?\\s*\\d{5}-?\\d{3}\\b|\\b\\d{5}-\\d{3}\\b.*\\b" BR_STATES "\\b|"
		"\\b" BR_STATES "\\b.*\\b\\d{5}-\\d{3}\\b",
		0, F_DIGIT_DASH_DIGIT | F_FIVE_DIGITS },
	/* India Post: a PIN after its label, or after the town that ends an
	 * address ("…, New Delhi - 110001"), never any number after a dash */
	{ ST_POSTAL_IN,
		"\\b(PIN|Pin ?[Cc]ode|Pincode)\\s*[:.-]?\\s*[1-9]\\d{2} ?\\d{3}\\b|"
		",\\s*(\\p{Lu}\\p{Ll}+\\s+){0,2}\\p{Lu}\\p{Ll}+\\s*[-\\x{2013}]\\s*[1-9]\\d{5}\\b",
		0, F_FOUR_DIGITS | F_ALPHA_SPACE_DIGIT },
	{ ST_POSTAL_POSTCODE_TOWN,
		"(^|,\\s*)\\d{5}\\s+\\p{Lu}\\p{Ll}{2,}|(^|[\\s,])[A-Z]{1,2}-\\d{5}\\s+\\p{Lu}\\p{"
		"Ll}{2,}|"
		"(^|[\\s,])(A|B|CH|DK|FL|H|L|N|NL)-\\d{4}\\s+\\p{Lu}\\p{Ll}{2,}",
		0, F_FOUR_DIGITS },
	{ ST_POSTAL_PO_BOX,
		"\\b(P\\.? ?O\\.? ?Box|Post Office Box|GPO Box|PMB|Private Bag|Postfach|Postbus|"
		"Postboks|Apartado( de Correos)?|Apdo\\.|Casilla|Caixa Postal|Bo[iî]te "
		"Postale|B\\.P\\.|Casella Postale)"
		"\\s*#?\\s*\\d",
		G_REGEX_CASELESS, F_BOX },
	{ ST_POSTAL_STREET,
		"\\b\\d{1,6}[A-Za-z]?\\s+(\\p{Lu}[\\p{L}.'-]*\\s+){1,4}"
		"(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|"
		"Place|Pl|Parkway|Pkwy|Highway|Hwy|Square|Sq|Terrace|Suite|Ste)\\b",
		0, F_DIGIT_SPACE_UPPER },
	/* compound street names with the number after: German, Dutch, Nordic */
	{ ST_POSTAL_STREET,
		"\\b\\p{Lu}\\p{Ll}+(straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|"
		"straat|laan|plein|gracht|kade|singel|dreef|steenweg|gatan|vägen|gade|vej|gata|"
		"veien)"
		"\\s+\\d{1,4}[a-z]?\\b",
		0, F_ALPHA_SPACE_DIGIT },
	/* French: the number, then the kind of street */
	{ ST_POSTAL_STREET,
		"\\b\\d{1,4}(\\s?(bis|ter))?,?\\s+(rue|avenue|av\\.|boulevard|bd|place|chemin|"
		"all[ée]e|impasse|quai|cours|route|square)\\s+\\p{L}",
		G_REGEX_CASELESS, F_DIGIT_SPACE_LOWER | F_DIGIT_SPACE_UPPER },
	/* Spanish, Italian, Portuguese: the kind of street, its name, the number */
	{ ST_POSTAL_STREET,
		"\\b(Calle|C/|Avenida|Avda\\.?|Plaza|Paseo|Carrer|Rua|Via|Viale|Piazza|Corso|Largo|"
		"Pra[çc]a|Travessa)\\s+(\\p{L}[\\p{L}.'-]*\\s+){0,4}\\p{L}[\\p{L}.'-]*,?\\s*"
		"(n[º°o.]?\\s*)?\\d{1,4}\\b",
		0, F_ALPHA_SPACE_DIGIT },
};

static const char *const kind_names[] = {
	[ST_POSTAL_US] = "us",
	[ST_POSTAL_UK] = "uk",
	[ST_POSTAL_POSTCODE_TOWN] = "postcode-town",
	[ST_POSTAL_PO_BOX] = "po-box",
	[ST_POSTAL_STREET] = "street",
	[ST_POSTAL_CA] = "ca",
	[ST_POSTAL_AU] = "au",
	[ST_POSTAL_NL] = "nl",
	[ST_POSTAL_JP] = "jp",
	[ST_POSTAL_BR] = "br",
	[ST_POSTAL_IN] = "in",
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
	static const char *const boxes[] = { "box", "postfach", "postbus", "postboks", "apartado",
		"casilla", "caixa", "bag", "pmb", "b.p.", "postale" };
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
			if (digits >= 4 && word_start)
				facts |= F_FOUR_DIGITS;
			if (digits >= 5 && word_start)
				facts |= F_FIVE_DIGITS;
			if (g_ascii_isupper (next))
				facts |= F_UPPER_DIGIT;
			if (next == '-' && i + 2 < len && g_ascii_isdigit (s[i + 2]))
				facts |= F_DIGIT_DASH_DIGIT;
		} else {
			digits = 0;
			if (g_ascii_isupper (c) && g_ascii_isdigit (next))
				facts |= F_UPPER_DIGIT;
		}
		/* U+3012 POSTAL MARK in UTF-8 */
		if (c == 0xe3 && next == 0x80 && i + 2 < len && (guchar)s[i + 2] == 0x92)
			facts |= F_POSTMARK;
		if ((g_ascii_isalnum (c) || c == '.' || c == ',' || c == ':' || c >= 0x80) &&
			next == ' ') {
			gsize k = i + 1;
			while (k < len && s[k] == ' ')
				k++;
			if (k < len && g_ascii_isdigit (c) &&
				(g_ascii_isupper (s[k]) || (guchar)s[k] >= 0x80))
				facts |= F_DIGIT_SPACE_UPPER;
			if (k < len && g_ascii_isdigit (c) && g_ascii_islower (s[k]))
				facts |= F_DIGIT_SPACE_LOWER;
			if (k < len && !g_ascii_isdigit (c) && g_ascii_isdigit (s[k]))
				facts |= F_ALPHA_SPACE_DIGIT;
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
