/* platforms.h - hosting platforms whose names and DNS their operator runs, and the operator's
 * abuse desk: a site under one of them is the operator's to take down. RFC 2142. */
#ifndef ST_PLATFORMS_H
#define ST_PLATFORMS_H

#include <glib.h>

G_BEGIN_DECLS

/* One platform: a name under which customers get sites, whose DNS the
 * operator answers (so the spammer cannot point it elsewhere). */
typedef struct {
	const char *suffix;   /* "web.app": sites are "NAME.web.app" */
	const char *operator; /* "Google" */
	const char *abuse;    /* the abuse address the operator registers for its networks */
} StPlatform;

/* The platform @host is a site on: NULL when none, or when @host is the
 * platform's own name (no site). Case-insensitive. Borrowed, static. */
const StPlatform *st_platform_find (const char *host);

G_END_DECLS

#endif /* ST_PLATFORMS_H */
