/* rename.c - X-Spamtrace-* lines that someone else wrote, renamed Old-X-Spamtrace-* up to where the
 * MDAs' header ends. RFC 5322 section 2.2 (a field starts a line), as procmail, maildrop and
 * Dovecot read it. */
#include "config.h"

#include <string.h>

#include "rename.h"

void
st_rename_init (StRename *r)
{
	memset (r, 0, sizeof *r);
}

/* The first bytes of a line are all there (or it ended sooner): write them
 * (unless @out is NULL: only counted), renamed when they are our prefix. */
static void
decide (StRename *r, GString *out)
{
	gboolean nl = r->held[r->n_held - 1] == '\n';

	if (r->n_held == 1 && nl) {
		r->done = TRUE; /* "\n" alone: the end of the header */
	} else if (st_ours_is (r->held, (gssize)r->n_held)) {
		if (out != NULL)
			g_string_append (out, "Old-");
		r->renamed++;
	}
	if (out != NULL)
		g_string_append_len (out, r->held, (gssize)r->n_held);
	r->inside = !nl;
	r->n_held = 0;
}

gsize
st_rename_feed (StRename *r, const char *p, gsize len, GString *out)
{
	gsize i = 0;

	while (i < len && !r->done) {
		if (r->inside) {
			const char *nl = memchr (p + i, '\n', len - i);
			gsize end = nl != NULL ? (gsize)(nl - p) + 1 : len;
			if (out != NULL)
				g_string_append_len (out, p + i, (gssize)(end - i));
			r->inside = nl == NULL;
			i = end;
			continue;
		}
		while (i < len && r->n_held < ST_OURS_PREFIX_LEN) {
			char c = p[i++];
			r->held[r->n_held++] = c;
			if (c == '\n')
				break;
		}
		if (r->n_held == ST_OURS_PREFIX_LEN || r->held[r->n_held - 1] == '\n')
			decide (r, out);
	}
	return i;
}

void
st_rename_finish (StRename *r, GString *out)
{
	if (r->n_held > 0 && out != NULL)
		g_string_append_len (out, r->held, (gssize)r->n_held);
	r->n_held = 0;
}
