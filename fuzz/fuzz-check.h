/* fuzz-check.h - the one assertion the fuzz targets use: says what broke, then abort ().
 * No RFC. Each failure names its condition, since an optimiser merges bare abort () calls. */
#ifndef ST_FUZZ_CHECK_H
#define ST_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,      \
				#cond);                                                            \
			abort ();                                                                  \
		}                                                                                  \
	} while (0)

#endif
