/* input.h - what spamtrace-report reads, one message at a time: files, standard input, Maildirs,
 * mboxes. RFC 5322 (one message), RFC 4155 (the mbox: From lines, >From quoting, Content-Length),
 * maildir(5). */
#ifndef ST_INPUT_H
#define ST_INPUT_H

#include <glib.h>

G_BEGIN_DECLS

/* The most read of one message when the config names no other size. */
#define ST_INPUT_MAX_SIZE_DEFAULT ((gsize)64 * 1024 * 1024)

typedef enum {
	ST_INPUT_MESSAGE, /* @data holds one message */
	ST_INPUT_EMPTY,   /* nothing in it: nothing to do */
	ST_INPUT_TOO_BIG, /* over the size limit: skipped; @size bytes were seen */
	ST_INPUT_ERROR,   /* could not be read: @error says why */
} StInputKind;

/* One message, or why there is none. */
typedef struct {
	StInputKind kind;
	char *label;  /* "<stdin>", the path, or "PATH#N" for the Nth message of an mbox */
	char *data;   /* MESSAGE: the message (no envelope From line), NUL-terminated */
	gsize len;    /* of @data */
	guint64 size; /* TOO_BIG: the bytes the message has (as far as they were counted) */
	char *error;  /* ERROR: a sentence naming the input */
} StInputItem;

typedef struct _StInput StInput;

/* Reads @paths (NULL-terminated; NULL or empty: standard input) in order.
 * Standard input and a file are one message each, with a leading envelope
 * "From " line skipped, unless @mbox, or unless a file's (never standard
 * input's) first line is an RFC 4155 "From " line with a date: then it is
 * an mbox, split at each
 * such line that follows an empty line, its messages' Content-Length:
 * honoured where it ends at such a line or at the end, and ">From " lines
 * unquoted by one ">" (mboxrd). A directory is a Maildir: the files of its
 * new/ and cur/, in name order, one message each. Files and mboxes are
 * streamed: at most @max_size bytes of one message are held; a larger
 * message is skipped (counted, not kept). */
StInput *st_input_new (const char *const *paths, gsize max_size, gboolean mbox);
void st_input_free (StInput *in);

/* The next message: TRUE with @item filled (clear it with
 * st_input_item_clear), FALSE when every input is done. */
gboolean st_input_next (StInput *in, StInputItem *item);
void st_input_item_clear (StInputItem *item);

/* Whether @line (@len bytes, its line ending included or not) is an RFC
 * 4155 separator: "From ", a sender, and a date (a month name, a time
 * hh:mm[:ss] and a four-digit year among the words). */
gboolean st_input_is_from_line (const char *line, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StInput, st_input_free)

G_END_DECLS

#endif
