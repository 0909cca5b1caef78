/* input.c - what spamtrace-report reads, one message at a time: files, standard input, Maildirs,
 * mboxes. RFC 5322 (one message), RFC 4155 (the mbox: From lines, >From quoting, Content-Length),
 * maildir(5). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"

/* What one read asks for. */
#define CHUNK 65536
/* A line longer than this comes in pieces: no From line is that long. */
#define LINE_PIECE 65536

/* ---- a buffered reader of one file descriptor, by lines ---------------- */

typedef struct {
	int fd;
	gboolean owned; /* close @fd at the end */
	GByteArray *buf;
	gsize pos; /* the first byte not yet handed out */
	gboolean eof;
	int error; /* errno of a read that failed, else 0 */
} Reader;

static void
reader_init (Reader *r, int fd, gboolean owned)
{
	r->fd = fd;
	r->owned = owned;
	r->buf = g_byte_array_new ();
	r->pos = 0;
	r->eof = FALSE;
	r->error = 0;
}

static void
reader_clear (Reader *r)
{
	if (r->buf == NULL)
		return;
	if (r->owned)
		close (r->fd);
	g_byte_array_unref (r->buf);
	r->buf = NULL;
}

/* Reads one more chunk behind what is held; FALSE at the end or on an error. */
static gboolean
reader_fill (Reader *r)
{
	gsize old;

	if (r->eof)
		return FALSE;
	if (r->pos > 0) {
		g_byte_array_remove_range (r->buf, 0, (guint)r->pos);
		r->pos = 0;
	}
	old = r->buf->len;
	g_byte_array_set_size (r->buf, (guint)(old + CHUNK));
	for (;;) {
		ssize_t n = read (r->fd, r->buf->data + old, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		g_byte_array_set_size (r->buf, (guint)(old + (gsize)MAX (n, 0)));
		if (n > 0)
			return TRUE;
		r->eof = TRUE;
		r->error = n < 0 ? errno : 0;
		return FALSE;
	}
}

/* The next line with its line ending, or the next LINE_PIECE bytes of a
 * longer one: *@line points into the buffer until the next call, *@whole
 * is FALSE for a piece that the next call continues. FALSE at the end. */
static gboolean
reader_line (Reader *r, const char **line, gsize *len, gboolean *whole)
{
	gsize scanned = 0;

	for (;;) {
		gsize avail = r->buf->len - r->pos;
		/* an empty GByteArray has no data at all: no offset from NULL */
		const guint8 *start = avail > 0 ? r->buf->data + r->pos : NULL;
		const guint8 *nl =
			avail > scanned ? memchr (start + scanned, '\n', avail - scanned) : NULL;
		if (nl != NULL || avail >= LINE_PIECE || (r->eof && avail > 0)) {
			gsize n = nl != NULL ? (gsize)(nl - start) + 1 : MIN (avail, LINE_PIECE);
			*line = (const char *)start;
			*len = n;
			*whole = nl != NULL || (r->eof && n == avail);
			r->pos += n;
			return TRUE;
		}
		if (r->eof)
			return FALSE;
		scanned = avail;
		reader_fill (r);
	}
}

/* Gives back the line the last reader_line call returned. */
static void
reader_unget (Reader *r, gsize len)
{
	r->pos -= len;
}

/* Puts @len bytes (not from the reader's own buffer) in front of what is left. */
static void
reader_push_front (Reader *r, const guint8 *data, gsize len)
{
	if (r->pos > 0) {
		g_byte_array_remove_range (r->buf, 0, (guint)r->pos);
		r->pos = 0;
	}
	g_byte_array_prepend (r->buf, data, (guint)len);
}

/* ---- a message being read, held up to the size limit ------------------ */

typedef struct {
	GByteArray *bytes;
	guint64 size; /* all it has, held or not */
	gsize max;
	gboolean too_big;
} Msg;

static void
msg_init (Msg *m, gsize max)
{
	m->bytes = g_byte_array_new ();
	m->size = 0;
	m->max = max;
	m->too_big = FALSE;
}

static void
msg_keep (Msg *m, const void *data, gsize len)
{
	m->size += len;
	if (m->too_big)
		return;
	if (m->bytes->len + len > m->max) {
		/* from here on only counted: the memory goes back now */
		m->too_big = TRUE;
		g_byte_array_unref (m->bytes);
		m->bytes = g_byte_array_new ();
		return;
	}
	g_byte_array_append (m->bytes, data, (guint)len);
}

/* Moves up to @n bytes from @r into @m; returns how many there were. */
static guint64
reader_take (Reader *r, guint64 n, Msg *m)
{
	guint64 got = 0;

	while (got < n) {
		gsize avail = r->buf->len - r->pos;
		if (avail == 0 && !reader_fill (r))
			break;
		avail = MIN ((guint64)(r->buf->len - r->pos), n - got);
		msg_keep (m, r->buf->data + r->pos, avail);
		r->pos += avail;
		got += avail;
	}
	return got;
}

/* Fills @item from @m (and the reader's error): a message, an empty one,
 * one over the limit, or a read that failed. */
static void
msg_finish (Msg *m, const Reader *r, char *label, StInputItem *item)
{
	item->label = label;
	if (r->error != 0) {
		item->kind = ST_INPUT_ERROR;
		item->error =
			g_strdup_printf ("cannot read '%s': %s", label, g_strerror (r->error));
	} else if (m->too_big) {
		item->kind = ST_INPUT_TOO_BIG;
		item->size = m->size;
	} else if (m->bytes->len == 0) {
		item->kind = ST_INPUT_EMPTY;
	} else {
		item->kind = ST_INPUT_MESSAGE;
		item->len = m->bytes->len;
		g_byte_array_append (m->bytes, (const guint8 *)"", 1);
		item->data = (char *)g_byte_array_free (g_steal_pointer (&m->bytes), FALSE);
	}
	if (m->bytes != NULL)
		g_byte_array_unref (m->bytes);
	m->bytes = NULL;
}

/* ---- lines the mbox format gives a meaning ---------------------------- */

static gboolean
is_blank (const char *line, gsize len)
{
	return (len == 1 && line[0] == '\n') || (len == 2 && line[0] == '\r' && line[1] == '\n');
}

/* An envelope line before a single message: "From " and not the obsolete
 * field form "From :" (RFC 5322 section 4.5). */
static gboolean
is_envelope (const char *line, gsize len)
{
	gsize i = 5;

	if (len < 6 || memcmp (line, "From ", 5) != 0)
		return FALSE;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] != ':';
}

static gboolean
word_is (const char *w, gsize n, const char *shape)
{
	/* @shape: 'd' a digit, 'D' an optional leading digit, others as is */
	gsize i = 0;

	if (shape[0] == 'D' && n == strlen (shape) - 1)
		shape++;
	if (n != strlen (shape))
		return FALSE;
	for (i = 0; i < n; i++)
		if ((shape[i] == 'd' || shape[i] == 'D') ? !g_ascii_isdigit (w[i])
							 : w[i] != shape[i])
			return FALSE;
	return TRUE;
}

gboolean
st_input_is_from_line (const char *line, gsize len)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	gboolean month = FALSE, time = FALSE, year = FALSE;
	const char *p = line + 5, *end = line + len;

	if (len < 5 || memcmp (line, "From ", 5) != 0)
		return FALSE;
	/* the words after the sender: asctime () writes "Tue Sep  3 10:00:00
	 * 2024"; some writers put a zone or the year elsewhere */
	while (p < end) {
		const char *w = p;
		while (p < end && !g_ascii_isspace (*p))
			p++;
		gsize n = (gsize)(p - w);
		if (n == 3) {
			for (gsize m = 0; m < 12 && !month; m++)
				month = g_ascii_strncasecmp (w, months + 3 * m, 3) == 0;
		}
		time = time || word_is (w, n, "Dd:dd") || word_is (w, n, "Dd:dd:dd");
		year = year || (word_is (w, n, "dddd") && (w[0] == '1' || w[0] == '2'));
		while (p < end && g_ascii_isspace (*p))
			p++;
	}
	return month && time && year;
}

/* ">From ", ">>From ", …: a line of the message that the writer quoted (mboxrd). */
static gboolean
is_quoted_from (const char *line, gsize len)
{
	gsize i = 0;

	while (i < len && line[i] == '>')
		i++;
	return i > 0 && len - i >= 5 && memcmp (line + i, "From ", 5) == 0;
}

/* The value of a "Content-Length:" header line, or -1. */
static gint64
content_length (const char *line, gsize len)
{
	g_autofree char *v = NULL;
	guint64 n;

	if (len < 15 || g_ascii_strncasecmp (line, "Content-Length:", 15) != 0)
		return -1;
	v = g_strstrip (g_strndup (line + 15, len - 15));
	if (!g_ascii_string_to_unsigned (v, 10, 0, G_MAXINT64, &n, NULL))
		return -1;
	return (gint64)n;
}

/* ---- the sources -------------------------------------------------------- */

struct _StInput {
	char **paths;
	guint next_path;
	gboolean from_stdin; /* still to read */
	gsize max_size;
	gboolean mbox;
	/* an mbox being read */
	Reader reader;
	char *mbox_name;
	guint mbox_n;
	/* a Content-Length: of this mbox was wrong once: none is trusted
	 * again, or each message could make us read and give back up to the
	 * size limit (quadratic in the messages) */
	gboolean counts_wrong;
	/* a Maildir being read: its files */
	GPtrArray *maildir;
	guint maildir_next;
};

StInput *
st_input_new (const char *const *paths, gsize max_size, gboolean mbox)
{
	StInput *in = g_new0 (StInput, 1);

	in->paths = g_strdupv ((char **)paths);
	in->from_stdin = paths == NULL || paths[0] == NULL;
	in->max_size = max_size;
	in->mbox = mbox;
	return in;
}

void
st_input_free (StInput *in)
{
	if (in == NULL)
		return;
	reader_clear (&in->reader);
	g_free (in->mbox_name);
	g_strfreev (in->paths);
	if (in->maildir != NULL)
		g_ptr_array_unref (in->maildir);
	g_free (in);
}

void
st_input_item_clear (StInputItem *item)
{
	g_free (item->label);
	g_free (item->data);
	g_free (item->error);
	memset (item, 0, sizeof *item);
}

/* All of @r as one message, a leading envelope line skipped. */
static void
read_single (StInput *in, Reader *r, char *label, StInputItem *item)
{
	const char *line;
	gsize len;
	gboolean whole;
	Msg m;

	msg_init (&m, in->max_size);
	if (reader_line (r, &line, &len, &whole) && !(whole && is_envelope (line, len)))
		msg_keep (&m, line, len);
	reader_take (r, G_MAXUINT64, &m);
	msg_finish (&m, r, label, item);
}

/* After the header section of an mbox message that gives a Content-Length:
 * takes that many bytes when they end where the mbox says a message ends
 * (at the end, or at a From line, after an empty line or not: that empty
 * line is the mbox's, not the message's). FALSE, with nothing taken, when
 * the count is wrong: the body is then read by its lines. */
static gboolean
counted_body (Reader *r, guint64 count, Msg *m)
{
	guint before = m->bytes->len;
	g_autoptr (GByteArray) peeked = g_byte_array_new ();
	const char *line;
	gsize len;
	gboolean whole;

	if (reader_take (r, count, m) == count && !m->too_big) {
		if (!reader_line (r, &line, &len, &whole))
			return TRUE;
		if (whole && st_input_is_from_line (line, len)) {
			reader_unget (r, len);
			return TRUE;
		}
		g_byte_array_append (peeked, (const guint8 *)line, (guint)len);
		if (whole && is_blank (line, len)) {
			if (!reader_line (r, &line, &len, &whole))
				return TRUE;
			if (whole && st_input_is_from_line (line, len)) {
				reader_unget (r, len);
				return TRUE;
			}
			reader_unget (r, len);
		}
		reader_push_front (r, peeked->data, peeked->len);
	}
	reader_push_front (r, m->bytes->data + before, m->bytes->len - before);
	m->size -= m->bytes->len - before;
	g_byte_array_set_size (m->bytes, before);
	return FALSE;
}

/* The next message of the mbox in in->reader; FALSE at its end. Each
 * message but perhaps the first (with --mbox) starts with its From line. */
static gboolean
mbox_next (StInput *in, StInputItem *item)
{
	Reader *r = &in->reader;
	const char *line;
	gsize len;
	gboolean whole, at_start = TRUE, blank_before = FALSE, in_header = TRUE;
	gint64 count = -1;
	Msg m;

	if (!reader_line (r, &line, &len, &whole))
		return FALSE;
	if (!whole || !st_input_is_from_line (line, len))
		reader_unget (r, len);
	msg_init (&m, in->max_size);
	while (reader_line (r, &line, &len, &whole)) {
		gboolean line_start = at_start;
		at_start = whole;
		if (line_start && whole && blank_before && st_input_is_from_line (line, len)) {
			reader_unget (r, len);
			break;
		}
		blank_before = line_start && whole && is_blank (line, len);
		if (line_start && in_header && count < 0)
			count = content_length (line, len);
		if (line_start && is_quoted_from (line, len)) {
			line++;
			len--;
		}
		msg_keep (&m, line, len);
		if (!(line_start && in_header && blank_before))
			continue;
		in_header = FALSE;
		if (count < 0 || in->counts_wrong || m.too_big ||
			m.bytes->len + (guint64)count > m.max)
			continue;
		if (counted_body (r, (guint64)count, &m))
			break;
		in->counts_wrong = TRUE;
	}
	msg_finish (&m, r, g_strdup_printf ("%s#%u", in->mbox_name, ++in->mbox_n), item);
	return TRUE;
}

static void
mbox_close (StInput *in)
{
	reader_clear (&in->reader);
	g_clear_pointer (&in->mbox_name, g_free);
	in->mbox_n = 0;
	in->counts_wrong = FALSE;
}

/* Starts reading @fd, named @name: as an mbox when asked to, or when
 * @sniff and its first line says it is one; else as one message into
 * @item. TRUE when @item was filled. */
static gboolean
open_stream (
	StInput *in, int fd, gboolean owned, gboolean sniff, const char *name, StInputItem *item)
{
	const char *line;
	gsize len;
	gboolean whole, mbox = in->mbox;

	reader_init (&in->reader, fd, owned);
	if (!mbox && sniff && reader_line (&in->reader, &line, &len, &whole)) {
		mbox = whole && st_input_is_from_line (line, len);
		reader_unget (&in->reader, len);
	}
	if (mbox) {
		in->mbox_name = g_strdup (name);
		return FALSE;
	}
	read_single (in, &in->reader, g_strdup (name), item);
	reader_clear (&in->reader);
	return TRUE;
}

static void
set_error (StInputItem *item, const char *path, char *error)
{
	item->kind = ST_INPUT_ERROR;
	item->label = g_strdup (path);
	item->error = error;
}

/* g_ptr_array_sort hands the comparison pointers to the elements */
static int
compare_names (gconstpointer a, gconstpointer b)
{
	return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* A Maildir's messages, new/ then cur/, each in name order; FALSE when
 * @path has neither. */
static gboolean
maildir_list (StInput *in, const char *path)
{
	static const char *const subs[] = { "new", "cur" };
	gboolean found = FALSE;

	in->maildir = g_ptr_array_new_with_free_func (g_free);
	in->maildir_next = 0;
	for (gsize s = 0; s < G_N_ELEMENTS (subs); s++) {
		g_autofree char *dir = g_build_filename (path, subs[s], NULL);
		g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
		g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
		const char *n;
		if (d == NULL)
			continue;
		found = TRUE;
		while ((n = g_dir_read_name (d)) != NULL)
			if (n[0] != '.')
				g_ptr_array_add (names, g_strdup (n));
		g_ptr_array_sort (names, compare_names);
		for (guint i = 0; i < names->len; i++)
			g_ptr_array_add (
				in->maildir, g_build_filename (dir, (char *)names->pdata[i], NULL));
	}
	return found;
}

/* One file of a Maildir: always one message, and a regular file: opening
 * a FIFO would wait for a writer forever, and a link to a device such as
 * /dev/zero never ends (opened without waiting, then checked). */
static void
maildir_message (StInput *in, const char *path, StInputItem *item)
{
	Reader r;
	struct stat st;
	int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		set_error (item, path,
			g_strdup_printf ("cannot read '%s': %s", path, g_strerror (errno)));
		return;
	}
	if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
		close (fd);
		set_error (item, path, g_strdup_printf ("'%s' is not a regular file", path));
		return;
	}
	fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
	reader_init (&r, fd, TRUE);
	read_single (in, &r, g_strdup (path), item);
	reader_clear (&r);
}

/* Opens the path the user named; TRUE when that alone gave @item. */
static gboolean
open_path (StInput *in, const char *path, StInputItem *item)
{
	struct stat st;
	int fd;

	if (stat (path, &st) == 0 && S_ISDIR (st.st_mode)) {
		if (maildir_list (in, path))
			return FALSE;
		g_clear_pointer (&in->maildir, g_ptr_array_unref);
		set_error (item, path,
			g_strdup_printf (
				"'%s' is a directory but not a Maildir (no cur/ or new/)", path));
		return TRUE;
	}
	fd = open (path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_error (item, path,
			g_strdup_printf ("cannot read '%s': %s", path, g_strerror (errno)));
		return TRUE;
	}
	return open_stream (in, fd, TRUE, TRUE, path, item);
}

gboolean
st_input_next (StInput *in, StInputItem *item)
{
	g_return_val_if_fail (in != NULL && item != NULL, FALSE);

	memset (item, 0, sizeof *item);
	for (;;) {
		if (in->mbox_name != NULL) {
			if (mbox_next (in, item))
				return TRUE;
			mbox_close (in);
			continue;
		}
		if (in->maildir != NULL && in->maildir_next < in->maildir->len) {
			maildir_message (in, in->maildir->pdata[in->maildir_next++], item);
			return TRUE;
		}
		g_clear_pointer (&in->maildir, g_ptr_array_unref);
		if (in->from_stdin) {
			in->from_stdin = FALSE;
			/* what an MDA pipes: one message, whatever its body holds */
			if (open_stream (in, 0, FALSE, FALSE, "<stdin>", item))
				return TRUE;
			continue;
		}
		if (in->paths == NULL || in->paths[in->next_path] == NULL)
			return FALSE;
		if (open_path (in, in->paths[in->next_path++], item))
			return TRUE;
	}
}
