/* extras-body.c - spamtrace-body.so: what the body advertises, for spamtrace-filter.
 * RFC 5322 section 2.2 (our fields), RFC 8259 (JSON). */
#include "config.h"

#include <string.h>

#include "extras.h"
#include "body.h"
#include "json-write.h"
#include "phone.h"
#include "postal.h"
#include "tag.h"

/* Items of one kind named in X-Spamtrace-Advertises; the rest are counted. */
#define MAX_LISTED 8

/* Appends "key=a,b,c" (at most MAX_LISTED, then "+N") to @f; nothing when
 * @items is empty. */
static void
field_list (StTagField *f, const char *key, GPtrArray *items)
{
	if (items->len == 0)
		return;
	g_autoptr (GString) v = g_string_new (NULL);
	for (guint i = 0; i < items->len && i < MAX_LISTED; i++) {
		if (i > 0)
			g_string_append_c (v, ',');
		g_string_append (v, items->pdata[i]);
	}
	if (items->len > MAX_LISTED)
		g_string_append_printf (v, ",+%u", items->len - MAX_LISTED);
	st_tag_field_pair (f, key, v->str);
}

/* Adds @s to @items unless it is there already. */
static void
add_once (GPtrArray *items, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	for (guint i = 0; i < items->len; i++)
		if (g_ascii_strcasecmp (items->pdata[i], s) == 0)
			return;
	g_ptr_array_add (items, g_strdup (s));
}

/* X-Spamtrace-Advertises: what the body asks its reader to visit, write to
 * or call; the registrable domains rather than every URL. */
static char *
body_fields (const StBody *body, gboolean cut, const char *eol)
{
	g_autoptr (GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GPtrArray) shorteners = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GPtrArray) mailboxes = g_ptr_array_new_with_free_func (g_free);
	g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
	StTagField f;

	for (guint i = 0; i < body->urls->urls->len; i++) {
		const StUrl *u = body->urls->urls->pdata[i];
		const char *d = u->registrable != NULL ? u->registrable : u->host;
		add_once ((u->flags & ST_URL_SHORTENER) ? shorteners : domains, d);
	}
	for (guint i = 0; i < body->urls->emails->len; i++) {
		const StEmail *e = body->urls->emails->pdata[i];
		add_once (mailboxes, e->address);
	}
	for (guint i = 0; i < body->phones->len; i++) {
		const StPhone *p = body->phones->pdata[i];
		g_autofree char *s = g_strdup_printf ("%s/%s/%s", p->e164,
			p->region != NULL ? p->region : "?", p->type != NULL ? p->type : "unknown");
		add_once (phones, s);
	}

	st_tag_field_init (&f, st_ours_name (ST_OURS_ADVERTISES));
	if (domains->len + shorteners->len + mailboxes->len + phones->len + body->addresses->len ==
		0)
		st_tag_field_word (&f, "nothing");
	st_tag_field_int (&f, "urls", body->urls->urls->len);
	field_list (&f, "domains", domains);
	field_list (&f, "shorteners", shorteners);
	field_list (&f, "mailboxes", mailboxes);
	field_list (&f, "phones", phones);
	if (body->addresses->len > 0)
		st_tag_field_int (&f, "postal", body->addresses->len);
	if (body->phones->len > 0 && body->region != NULL)
		st_tag_field_pair (&f, "region", body->region);
	if (body->attachments->len > 0)
		st_tag_field_int (&f, "attachments", body->attachments->len);
	if (cut)
		st_tag_field_text (&f, "read", "the start of the message only");
	if (body->issues & ST_BODY_NOT_MIME)
		st_tag_field_word (&f, "not-mime");
	if (body->issues & (ST_BODY_DEPTH_LIMIT | ST_BODY_PARTS_LIMIT | ST_BODY_SIZE_LIMIT |
				   ST_BODY_ITEMS_LIMIT))
		st_tag_field_word (&f, "limits-reached");

	GString *out = g_string_new (NULL);
	st_tag_field_write (&f, out, eol);
	st_tag_field_clear (&f);
	return g_string_free (out, FALSE);
}

void
st_extras_body_v1 (StExtrasJob *job)
{
	g_autoptr (StBody) body = st_body_parse (job->message, job->len, NULL);
	char *fields = body_fields (body, job->cut, job->eol);
	char *json = NULL;

	if (job->json) {
		GString *out = g_string_new (NULL);
		StJson j;
		st_json_init (&j, out);
		st_json_begin_object (&j);
		/* the cut is a fact about our reading, not about the message */
		st_json_member_bool (&j, "cut", job->cut);
		st_body_json_members (&j, body);
		st_json_end_object (&j);
		json = g_string_free (out, FALSE);
	}
	g_mutex_lock (&job->lock);
	job->body_fields = fields;
	job->body_json = json;
	g_mutex_unlock (&job->lock);
}
