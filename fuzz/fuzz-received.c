/* fuzz-received.c - libFuzzer target: one Received: field value of arbitrary bytes.
 * RFC 5321 section 4.4; checks the promises of received.h, not just memory safety. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-check.h"
#include "received.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* received.h: "Every string is non-NULL". */
static void
check_strings (const StReceived *r)
{
	const char *const strings[] = {
		r->raw,
		r->ip,
		r->rdns,
		r->helo,
		r->ident,
		r->auth,
		r->auth_user,
		r->by,
		r->by_ip,
		r->with,
		r->via,
		r->id,
		r->for_addr,
		r->envfrom,
		r->date,
		r->date_raw,
	};
	for (size_t i = 0; i < G_N_ELEMENTS (strings); i++) {
		FUZZ_CHECK (strings[i] != NULL);
	}
	FUZZ_CHECK (r->kind <= ST_RECEIVED_UNPARSEABLE);
	/* a date in RFC 3339 UTC is plain ASCII */
	for (const char *p = r->date; *p != '\0'; p++) {
		FUZZ_CHECK ((unsigned char)*p >= 0x20 && (unsigned char)*p <= 0x7e);
	}
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	/* an exact-size copy so that AddressSanitizer sees any read past the end */
	char *copy = g_malloc (size ? size : 1);
	memcpy (copy, data, size);

	g_autoptr (StReceived) r = st_received_parse (copy, (gssize)size);
	check_strings (r);
	g_free (st_received_flags_to_string (r->flags));
	(void)st_received_kind_to_string (r->kind);
	g_free (copy);

	/* and as a NUL-terminated string (cut at the first NUL) */
	char *str = g_strndup ((const char *)data, size);
	g_autoptr (StReceived) s = st_received_parse (str, -1);
	check_strings (s);
	g_free (str);
	return 0;
}
