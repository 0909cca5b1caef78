/* error.h - the one GError domain for runtime failures (config, templates, network, disk).
 * Malformed mail is data, never an error: see received.h. */
#ifndef ST_ERROR_H
#define ST_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define ST_ERROR (st_error_quark ())

typedef enum {
	ST_ERROR_CONFIG,
	ST_ERROR_IO,
	ST_ERROR_USAGE,
	ST_ERROR_TEMPLATE,
	ST_ERROR_NETWORK,
	ST_ERROR_NOT_INSTALLED, /* a file we ship is not where it should be */
} StErrorCode;

GQuark st_error_quark (void);

G_END_DECLS

#endif
