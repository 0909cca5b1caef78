/* domain.h - host names: registrable domains (the Public Suffix List) and name patterns.
 * RFC 1034 section 3.1 (names, case-insensitive), libpsl for the registrable domain. */
#ifndef ST_DOMAIN_H
#define ST_DOMAIN_H

#include <glib.h>

G_BEGIN_DECLS

/* The registrable domain of @host ("mail.example.co.uk" → "example.co.uk"),
 * lower case, or NULL when @host has none (a bare suffix, an address). */
char *st_domain_registrable (const char *host);

/* TRUE when @host equals @domain or lies below it, ignoring case and a
 * trailing dot. */
gboolean st_domain_within (const char *host, const char *domain);

/* Shell-style match of @host against @glob where "*" matches any run of
 * characters, ignoring case: "*.mail.protection.outlook.com". */
gboolean st_domain_glob (const char *glob, const char *host);

G_END_DECLS

#endif
