/* fuzz-headers.c - libFuzzer target: the header section arriving in pieces, then its fields.
 * RFC 5322 section 2.2; checks that the incremental scan agrees with a one-shot scan. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-check.h"
#include "headers.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Feeds @msg[0..@len) as a pipe would: the buffer grows by chunks whose
 * sizes come from @sizes. Each call sees an exact-size copy, so a read
 * beyond what has "arrived" is caught by AddressSanitizer. */
static gsize
scan_in_chunks (const char *msg, gsize len, const uint8_t *sizes, gsize n_sizes)
{
	StHeaderScan scan = { 0 };
	gsize have = 0;
	gsize k = 0;

	for (;;) {
		gsize step = n_sizes ? 1 + sizes[k++ % n_sizes] : len;
		have = MIN (len, have + step);
		gboolean eof = have == len;
		char *buf = g_malloc (have ? have : 1);
		memcpy (buf, msg, have);
		gboolean done = st_header_scan_feed (&scan, buf, have, eof);
		g_free (buf);
		if (done) {
			FUZZ_CHECK (scan.done && scan.end <= have);
			return scan.end;
		}
		/* header_scan_feed must decide at EOF */
		FUZZ_CHECK (!eof);
	}
}

static void
check_fields (const StHeaders *h, const char *data, gsize len)
{
	gsize prev_end = h->from_line_len;

	FUZZ_CHECK (h->from_line_len <= len);
	for (guint i = 0; i < h->fields->len; i++) {
		const StField *f = &g_array_index (h->fields, StField, i);
		/* fields are in order, do not overlap and stay inside the block */
		FUZZ_CHECK (f->start >= prev_end && f->end > f->start && f->end <= len);
		FUZZ_CHECK (f->name == data + f->start && f->name_len > 0);
		FUZZ_CHECK (f->value >= f->name + f->name_len);
		FUZZ_CHECK (f->value + f->value_len <= data + f->end);
		prev_end = f->end;

		g_autofree char *unfolded = st_field_unfold (f);
		FUZZ_CHECK (strchr (unfolded, '\r') == NULL && strchr (unfolded, '\n') == NULL);
		g_autofree char *name = g_strndup (f->name, f->name_len);
		if (strlen (name) == f->name_len) {
			guint index = 0;
			const StField *found = st_headers_find (h, name, &index);
			FUZZ_CHECK (found != NULL && index <= i && st_field_is (found, name));
		}
	}
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	/* the first byte says how many chunk sizes follow */
	if (size < 1)
		return 0;
	gsize n_sizes = MIN ((gsize)data[0] % 16, size - 1);
	const uint8_t *sizes = data + 1;
	const char *msg = (const char *)data + 1 + n_sizes;
	gsize len = size - 1 - n_sizes;

	gsize whole = scan_in_chunks (msg, len, NULL, 0);
	gsize pieces = scan_in_chunks (msg, len, sizes, n_sizes);
	FUZZ_CHECK (whole == pieces);

	char *section = g_malloc (whole ? whole : 1);
	memcpy (section, msg, whole);
	g_autoptr (StHeaders) h = st_headers_parse (section, whole);
	FUZZ_CHECK (h != NULL && h->data == section && h->len == whole);
	check_fields (h, section, whole);
	st_headers_free (g_steal_pointer (&h));
	g_free (section);
	return 0;
}
