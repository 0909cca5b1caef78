/* fuzz-body.c - libFuzzer target: arbitrary bytes as a message to st_body_parse (MIME walk, URLs,
 * mailboxes, phones, postal lines) and st_body_to_json. RFC 2045-2049. Checks: no crash, no UB,
 * the JSON is valid UTF-8 without raw control bytes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "body.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data, size_t size)
{
	static int initialised;
	if (!initialised) {
		g_mime_init ();
		initialised = 1;
	}
	char *copy = malloc (size ? size : 1);
	memcpy (copy, data, size);
	StBody *b = st_body_parse (copy, size, NULL);
	FUZZ_CHECK (b != NULL);
	char *json = st_body_to_json (b);
	FUZZ_CHECK (json != NULL && g_utf8_validate (json, -1, NULL));
	for (const char *p = json; *p; p++)
		FUZZ_CHECK ((unsigned char) *p >= 0x20 || *p == '\n');
	g_free (json);
	st_body_free (b);
	free (copy);
	return 0;
}
