/* fuzz-rdap.c - libFuzzer target: arbitrary bytes as an RDAP answer (RFC 9083) to st_rdap_parse.
 * Checks: no crash, no UB, and a result or an error, never both or neither. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "rdap.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data, size_t size)
{
	/* an exact-size copy: a read past the end is caught */
	char *copy = malloc (size ? size : 1);
	memcpy (copy, data, size);
	GError *error = NULL;
	StRdapResult *r = st_rdap_parse (copy, (gssize) size, "https://rdap.fuzz.invalid/ip/x", &error);
	FUZZ_CHECK ((r == NULL) != (error == NULL));
	if (r != NULL) {
		st_rdap_result_abuse (r);
		st_rdap_result_free (r);
	}
	g_clear_error (&error);
	free (copy);
	return 0;
}
