/* digest.c - one draft per recipient for all the spams of a run that name it (--digest).
 * RFC 5322, RFC 2046 section 5.2.1.
 *
 * Some desks would rather read one report per source than one per spam:
 * the spams that name the same recipients go into one draft, each with its
 * own evidence, header section and body, in the order they were read. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "account.h"
#include "digest.h"
#include "error.h"
#include "maildir.h"
#include "template.h"

typedef struct {
	char *key;           /* what its complaints share (entry_key) */
	char *to;            /* the recipients, joined */
	StComplaint first;   /* the first complaint: role, to, contact_source */
	GPtrArray *sections; /* StDraftSection * */
	GPtrArray *parties;  /* char *, each once */
	GPtrArray *keys;     /* char *: the registry keys of its complaints */
	GPtrArray *key_to;   /* char *: the recipients each key was claimed for */
} Entry;

struct _StDigest {
	GPtrArray *entries; /* Entry *, in the order first met */
	GHashTable *by_to;  /* key -> Entry *, borrowed */
};

static void
section_free (gpointer p)
{
	st_draft_section_clear (p);
	g_free (p);
}

static void
entry_free (gpointer p)
{
	Entry *e = p;
	g_free (e->key);
	g_free (e->to);
	st_complaint_clear (&e->first);
	g_ptr_array_unref (e->sections);
	g_ptr_array_unref (e->parties);
	g_ptr_array_unref (e->keys);
	g_ptr_array_unref (e->key_to);
	g_free (e);
}

StDigest *
st_digest_new (void)
{
	StDigest *d = g_new0 (StDigest, 1);
	d->entries = g_ptr_array_new_with_free_func (entry_free);
	d->by_to = g_hash_table_new (g_str_hash, g_str_equal);
	return d;
}

void
st_digest_free (StDigest *d)
{
	if (d == NULL)
		return;
	g_hash_table_unref (d->by_to);
	g_ptr_array_unref (d->entries);
	g_free (d);
}

/* What draft a complaint joins: its recipients; for an account or a reply
 * mailbox at a provider, the provider's organisation (google.com and
 * gmail.com are one company: one draft, to the first desk met). */
static char *
entry_key (const StComplaint *c)
{
	const char *first = c->to->len > 0 ? c->to->pdata[0] : "";
	const char *at = strrchr (first, '@');
	const char *org = at != NULL ? st_account_org_of_domain (at + 1) : NULL;
	if (org != NULL && (c->role == ST_ROLE_ACCOUNT || c->role == ST_ROLE_MAILBOX))
		return g_strdup_printf ("organisation %s", org);
	return g_strjoinv (", ", (char **)c->to->pdata);
}

static Entry *
entry_for (StDigest *d, const StComplaint *c)
{
	g_autofree char *key = entry_key (c);
	Entry *e = g_hash_table_lookup (d->by_to, key);
	if (e != NULL)
		return e;
	e = g_new0 (Entry, 1);
	e->key = g_steal_pointer (&key);
	e->to = g_strjoinv (", ", (char **)c->to->pdata);
	e->first.role = c->role;
	e->first.rule = c->rule;
	e->first.to = g_ptr_array_new_null_terminated (c->to->len, g_free, TRUE);
	for (guint i = 0; i < c->to->len; i++)
		g_ptr_array_add (e->first.to, g_strdup (c->to->pdata[i]));
	e->first.party = g_strdup (c->party);
	e->first.contact_source = g_strdup (c->contact_source);
	e->first.hop = c->hop;
	e->sections = g_ptr_array_new_with_free_func (section_free);
	e->parties = g_ptr_array_new_with_free_func (g_free);
	e->keys = g_ptr_array_new_with_free_func (g_free);
	e->key_to = g_ptr_array_new_with_free_func (g_free);
	g_ptr_array_add (d->entries, e);
	g_hash_table_insert (d->by_to, e->key, e);
	return e;
}

void
st_digest_add (StDigest *d, const StDraftInput *in, const char *key)
{
	g_return_if_fail (d != NULL && in != NULL && in->complaint != NULL);
	Entry *e = entry_for (d, in->complaint);
	StDraftSection *s = g_new0 (StDraftSection, 1);

	st_draft_section_init (s, in);
	g_ptr_array_add (e->sections, s);
	g_ptr_array_add (e->keys, g_strdup (key));
	g_ptr_array_add (e->key_to, g_strjoinv (", ", (char **)in->complaint->to->pdata));
	for (guint i = 0; i < e->parties->len; i++)
		if (g_str_equal (e->parties->pdata[i], in->complaint->party))
			return;
	g_ptr_array_add (e->parties, g_strdup (in->complaint->party));
}

guint
st_digest_len (const StDigest *d)
{
	return d->entries->len;
}

const char *
st_digest_to (const StDigest *d, guint i)
{
	return ((const Entry *)d->entries->pdata[i])->to;
}

const char *
st_digest_role (const StDigest *d, guint i)
{
	return st_role_to_string (((const Entry *)d->entries->pdata[i])->first.role);
}

guint
st_digest_count (const StDigest *d, guint i)
{
	return ((const Entry *)d->entries->pdata[i])->sections->len;
}

/* At most this many parties are listed in the note; the sections name all. */
#define LISTED_PARTIES 8

static GHashTable *
note_values (const Entry *e, const StReportSettings *rs, GError **error)
{
	GHashTable *v = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
	GString *parties = g_string_new (NULL);

	for (guint i = 0; i < e->parties->len && i < LISTED_PARTIES; i++)
		g_string_append_printf (
			parties, "%s%s", i > 0 ? ", " : "", (const char *)e->parties->pdata[i]);
	if (e->parties->len > LISTED_PARTIES)
		g_string_append_printf (parties, " and %u more", e->parties->len - LISTED_PARTIES);
	guint n = e->sections->len;
	g_hash_table_insert (v, "count", g_strdup_printf ("%u", n));
	g_hash_table_insert (v, "summary",
		n == 1 ? g_strdup_printf ("The spam below reached us without our asking for it, "
					  "and it concerns you: %s. We would be grateful if you "
					  "could look into it: the details follow.",
				 parties->str)
		       : g_strdup_printf ("The %u spams below reached us without our asking for "
					  "them, and each of them concerns you: %s. Rather than "
					  "write to you once for each, we put them in one "
					  "report: each follows in turn, with what we saw, its "
					  "header section as we received it and its body, "
					  "shortened. We would be grateful if you could look "
					  "into them.",
				 n, parties->str));
	g_hash_table_insert (v, "parties", g_string_free (parties, FALSE));
	g_hash_table_insert (v, "recipients", g_strdup (e->to));
	g_hash_table_insert (v, "role", g_strdup (st_role_to_string (e->first.role)));
	g_hash_table_insert (v, "addressed", st_draft_addressed (&e->first));
	g_hash_table_insert (v, "name",
		g_strdup (rs->name != NULL && rs->name[0] != '\0' ? rs->name
			  : rs->from != NULL                      ? rs->from
								  : ""));
	char *closing = NULL;
	if (rs->closing != NULL && rs->closing[0] != '\0') {
		if (!g_file_get_contents (rs->closing, &closing, NULL, error)) {
			g_hash_table_unref (v);
			return NULL;
		}
		g_strchomp (closing);
	}
	g_hash_table_insert (v, "closing", closing != NULL ? closing : g_strdup (""));
	return v;
}

static char *
digest_subject (const Entry *e)
{
	const char *title = e->first.role == ST_ROLE_SPOOFED ? "Your domain was forged in spam"
							     : "Spam from your system";
	const StDraftSection *s = e->sections->pdata[0];
	if (e->sections->len > 1)
		return g_strdup_printf ("%s (%u messages)", title, e->sections->len);
	if (s->subject[0] == '\0')
		return g_strdup_printf ("%s (no subject)", title);
	return g_strdup_printf ("%s (\"%s\")", title, s->subject);
}

/* The note, then each spam in turn; @marked: as --dry-run shows it. */
static char *
digest_text (const Entry *e, const char *note, gboolean marked)
{
	GString *t = g_string_new (note);
	for (guint i = 0; i < e->sections->len; i++) {
		const StDraftSection *s = e->sections->pdata[i];
		g_string_append_printf (t, "\n===== Spam %u of %u%s%s%s =====\n\n%s", i + 1,
			e->sections->len, s->subject[0] ? ": \"" : "", s->subject,
			s->subject[0] ? "\"" : "", s->evidence);
		g_string_append (t, marked ? s->marked : s->text);
	}
	return g_string_free (t, FALSE);
}

static void
release_keys (const Entry *e, StRegistry *registry)
{
	for (guint k = 0; registry != NULL && k < e->keys->len; k++)
		st_registry_release (registry, e->keys->pdata[k], e->key_to->pdata[k], NULL);
}

/* Records every key of @e as drafted at @path; on failure the draft goes. */
static gboolean
record_keys (const Entry *e, StRegistry *registry, const char *path, GError **error)
{
	for (guint k = 0; registry != NULL && k < e->keys->len; k++) {
		if (st_registry_record (
			    registry, e->keys->pdata[k], e->key_to->pdata[k], path, error))
			continue;
		if (g_unlink (path) != 0)
			g_prefix_error (error, "'%s' is kept but not remembered (%s): ", path,
				g_strerror (errno));
		return FALSE;
	}
	return TRUE;
}

char *
st_digest_write (StDigest *d, guint i, const StSettings *settings, const char *const *template_dirs,
	StRegistry *registry, gboolean dry_run, GError **error)
{
	const Entry *e = d->entries->pdata[i];
	const StReportSettings *rs = &settings->report;
	g_autoptr (GPtrArray) originals = g_ptr_array_new ();
	char *out = NULL;

	g_autoptr (GHashTable) values = note_values (e, rs, error);
	g_autofree char *rendered =
		values != NULL ? st_template_render (template_dirs, "digest.txt", values, error)
			       : NULL;
	if (rendered == NULL) {
		release_keys (e, registry);
		return NULL;
	}
	g_autofree char *note = st_draft_note (rendered);
	g_autofree char *subject = digest_subject (e);
	g_autofree char *text = digest_text (e, note, FALSE);
	g_autofree char *marked = dry_run ? digest_text (e, note, TRUE) : NULL;
	for (guint k = 0; k < e->sections->len; k++) {
		const StDraftSection *s = e->sections->pdata[k];
		if (s->original != NULL)
			g_ptr_array_add (originals, s->original);
	}
	gsize len = 0;
	g_autofree char *preview = NULL;
	g_autofree char *draft = st_draft_compose_text (
		rs, e->first.to, subject, text, marked, originals, &len, dry_run ? &preview : NULL);
	if (!st_draft_header_plain (draft, len)) {
		g_set_error (error, ST_ERROR, ST_ERROR_IO,
			"no draft for %s: its header would carry bytes that are not printable "
			"ASCII",
			e->to);
		release_keys (e, registry);
		return NULL;
	}
	if (dry_run)
		return g_steal_pointer (&preview);
	out = st_maildir_deliver (rs->outbox, draft, len, "D", error);
	if (out == NULL || !record_keys (e, registry, out, error)) {
		release_keys (e, registry);
		g_clear_pointer (&out, g_free);
	}
	return out;
}
