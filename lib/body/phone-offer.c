/* phone-offer.c - whether a text offers a number as one to call: the words and signs around it.
 * ITU-T E.123 (the international "+" form); the phone words are ours, from the corpus's languages.
 *
 * libphonenumber finds every digit run that could be dialled: dates,
 * order numbers, tax identifiers, a conference's dial-in list. Spam that
 * wants a call says so: "call us on", "Tel.:", "WhatsApp", a telephone
 * sign, or the number in international form. Seen in the corpus: English,
 * German, Dutch, French, Spanish, Portuguese and Italian. */
#include "config.h"

#include <string.h>

#include "phone-offer.h"

/* How far before a number its label may stand, in bytes. */
#define BEFORE 80

/* How far around a number a conference's words are looked for. */
#define AROUND 300

/* Words that offer the number after them, whole words, case-folded. */
static const char *const phone_words[] = {
	"call",
	"calling",
	"phone",
	"telephone",
	"tel",
	"tele",
	"mobile",
	"mob",
	"cell",
	"cellphone",
	"fax",
	"whatsapp",
	"hotline",
	"helpline",
	"helpdesk",
	"dial",
	"ring",
	"contact",
	"reach",
	"line",
	"toll-free",
	"toll free",
	"tollfree",
	"freephone",
	"sms",
	"support",
	/* German */
	"telefon",
	"telefonnummer",
	"rufnummer",
	"handy",
	"mobil",
	"anrufen",
	"anruf",
	"rufen",
	"fon",
	"kontakt",
	"servicenummer",
	/* Dutch */
	"telefoon",
	"telefoonnummer",
	"bel",
	"bellen",
	"mobiel",
	"gsm",
	/* French */
	"téléphone",
	"tél",
	"appelez",
	"appeler",
	"appel",
	"portable",
	"joindre",
	"contactez",
	/* Spanish */
	"teléfono",
	"llame",
	"llamar",
	"llámenos",
	"llamenos",
	"móvil",
	"celular",
	"contacto",
	/* Portuguese */
	"telefone",
	"telefones",
	"ligue",
	"ligar",
	"contato",
	"fone",
	"zap",
	/* Italian */
	"telefono",
	"chiama",
	"chiamare",
	"chiamaci",
	"cellulare",
	"contattaci",
};

/* Short labels, a phone only as the last word before the number and
 * followed by ':' or '.': "T: +1 …", "M. 0612 …". */
static const char *const phone_labels[] = { "t", "m", "p", "o", "f", "ph", "tf", "cel", "w" };

/* Signs that offer a number: ☎ ☏ ✆ ℡ 📞 📱 📲 📟 🕿 */
static const gunichar phone_signs[] = { 0x260E, 0x260F, 0x2706, 0x2121, 0x1F4DE, 0x1F4F1, 0x1F4F2,
	0x1F4DF, 0x1F57F };

/* Labels of identifiers: a number after one of them (closer than any phone
 * word) is not one to call. */
static const char *const id_words[] = { "id", "vat", "btw", "kvk", "tax", "invoice", "order", "ref",
	"reference", "ticket", "e-ticket", "account", "acct", "iban", "cnpj", "cpf", "qq",
	"transaction", "tracking", "customer", "member", "policy", "case", "siret", "siren", "ust",
	"ust-idnr", "steuernummer", "rechnung", "bestellung", "kundennummer", "factura", "pedido",
	"fatura", "commande", "facture", "protocolo", "code", "pin", "otp", "zip", "postcode",
	"cep", "serial", "imei", "sku", "postagem" };

/* A conference invitation's dial-in list: phone words abound, the numbers
 * are no spammer's. */
static const char *const conference_words[] = { "conference id", "meeting id", "webinar id",
	"dial-in", "dial in", "dial by your location", "access code", "passcode",
	"participant code", "join by phone", "audio only", "conference call", "phone conference" };

static gboolean
is_word_char (const char *p)
{
	gunichar c = g_utf8_get_char (p);
	return g_unichar_isalnum (c) || c == '-';
}

/* The offset of the last whole-word occurrence of @word in @s (folded), or
 * -1. */
static gssize
last_word (const char *s, const char *word)
{
	gsize wl = strlen (word);
	gssize found = -1;
	for (const char *p = strstr (s, word); p != NULL; p = strstr (p + 1, word)) {
		gboolean left = p == s || !is_word_char (g_utf8_prev_char (p));
		gboolean right = p[wl] == '\0' || !is_word_char (p + wl);
		if (left && right)
			found = p - s;
	}
	return found;
}

/* The last occurrence in @s of any of @words, with the word in *@which. */
static gssize
last_of (const char *s, const char *const *words, gsize n, const char **which)
{
	gssize best = -1;
	for (gsize k = 0; k < n; k++) {
		gssize at = last_word (s, words[k]);
		if (at > best) {
			best = at;
			*which = words[k];
		}
	}
	return best;
}

/* 05-12-2025, 2025.12.05, 03.04.2025, (12/05/2025): a date, whatever the
 * numbering plan says. */
static gboolean
is_date (const char *raw, size_t n)
{
	static GRegex *re;
	if (g_once_init_enter (&re)) {
		GRegex *r =
			g_regex_new ("^\\(?(?:[0-3]?[0-9][-./][01]?[0-9][-./](?:19|20)?[0-9]{2}|"
				     "(?:19|20)[0-9]{2}[-./][01]?[0-9][-./][0-3]?[0-9])\\)?$",
				G_REGEX_OPTIMIZE, 0, NULL);
		g_once_init_leave (&re, r);
	}
	g_autofree char *s = g_strstrip (g_strndup (raw, n));
	return g_regex_match (re, s, 0, NULL);
}

/* Inside a URL or glued to a word: "preview?7272802582", "id=0612345678". */
static gboolean
in_url (const char *text, size_t len, size_t start, size_t end)
{
	if (start > 0 && strchr ("/?=&#%_@\\", text[start - 1]) != NULL && text[start - 1] != '\0')
		return TRUE;
	size_t a = start, b = end;
	while (a > 0 && start - a < AROUND && !g_ascii_isspace (text[a - 1]))
		a--;
	while (b < len && b - end < AROUND && !g_ascii_isspace (text[b]))
		b++;
	g_autofree char *token = g_strndup (text + a, b - a);
	return strstr (token, "://") != NULL || g_ascii_strncasecmp (token, "www.", 4) == 0;
}

/* ",,123456#" or "#" right after it, or a conference's words around. */
static gboolean
in_dial_in_list (const char *text, size_t len, size_t start, size_t end)
{
	size_t k = end;
	while (k < len && text[k] == ' ')
		k++;
	if (k + 1 < len && ((text[k] == ',' && text[k + 1] == ',') || text[k] == '#'))
		return TRUE;
	size_t a = start > AROUND ? start - AROUND : 0;
	size_t b = MIN (len, end + AROUND / 3);
	g_autofree char *valid = g_utf8_make_valid (text + a, (gssize)(b - a));
	g_autofree char *around = g_utf8_casefold (valid, -1);
	for (gsize w = 0; w < G_N_ELEMENTS (conference_words); w++)
		if (strstr (around, conference_words[w]) != NULL)
			return TRUE;
	return FALSE;
}

/* The text a number's label stands in: its line before it, up to BEFORE
 * bytes; when nothing but punctuation is there, the line before too
 * ("Telefon:" above the number). Case-folded. */
static char *
label_text (const char *text, size_t start)
{
	size_t a = start;
	while (a > 0 && start - a < BEFORE && text[a - 1] != '\n')
		a--;
	gboolean alone = TRUE;
	for (size_t k = a; k < start && alone; k++)
		alone = strchr (" \t\r:-.|*>", text[k]) != NULL;
	if (alone && a > 0) {
		size_t b = a - 1; /* the previous line's end */
		a = b;
		while (a > 0 && b - a < BEFORE && text[a - 1] != '\n')
			a--;
	}
	g_autofree char *valid = g_utf8_make_valid (text + a, (gssize)(start - a));
	return g_utf8_casefold (valid, -1);
}

/* A short label right before the number: "t:", "m.", "ph: ". */
static const char *
short_label (const char *before)
{
	g_autofree char *s = g_strdup (before);
	g_strchomp (s);
	gsize n = strlen (s);
	if (n == 0 || (s[n - 1] != ':' && s[n - 1] != '.'))
		return NULL;
	s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	for (gsize k = 0; k < G_N_ELEMENTS (phone_labels); k++) {
		gsize l = strlen (phone_labels[k]);
		if (n >= l && strcmp (s + n - l, phone_labels[k]) == 0 &&
			(n == l || !is_word_char (g_utf8_prev_char (s + n - l))))
			return phone_labels[k];
	}
	return NULL;
}

static gssize
last_sign (const char *s)
{
	gssize found = -1;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
		for (gsize k = 0; k < G_N_ELEMENTS (phone_signs); k++)
			if (g_utf8_get_char (p) == phone_signs[k])
				found = p - s;
	return found;
}

char *
st_phone_offered (const char *text, size_t len, size_t start, size_t rawlen)
{
	g_return_val_if_fail (text != NULL && start + rawlen <= len, NULL);
	const char *raw = text + start;
	size_t end = start + rawlen;

	if (is_date (raw, rawlen) || in_url (text, len, start, end) ||
		in_dial_in_list (text, len, start, end))
		return NULL;
	g_autofree char *before = label_text (text, start);
	const char *word = NULL, *id = NULL;
	gssize phone_at = last_of (before, phone_words, G_N_ELEMENTS (phone_words), &word);
	gssize id_at = last_of (before, id_words, G_N_ELEMENTS (id_words), &id);
	gssize sign_at = last_sign (before);
	const char *label = short_label (before);

	if (label != NULL)
		return g_strdup_printf ("after \"%s\"", label);
	if (id_at > MAX (phone_at, sign_at))
		return NULL;
	if (sign_at > phone_at)
		return g_strdup ("after a telephone sign");
	if (phone_at >= 0)
		return g_strdup_printf ("after \"%s\"", word);
	if (raw[0] == '+')
		return g_strdup ("international form");
	return NULL;
}
