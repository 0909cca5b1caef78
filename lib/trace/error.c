/* error.c - the one GError domain for runtime failures.
 * No RFC: GLib's GError conventions. */
#include "config.h"

#include "error.h"

G_DEFINE_QUARK (spamtrace - error - quark, st_error)
