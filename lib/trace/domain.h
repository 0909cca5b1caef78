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

/* How strict st_domain_name_valid is. */
typedef enum {
	ST_DOMAIN_NAME_LDH = 0,             /* host names (RFC 1123 2.1): letters, digits, '-' */
	ST_DOMAIN_NAME_UNDERSCORE = 1 << 0, /* DNS names may hold '_' too (RFC 2181 11) */
} StDomainNameFlags;

/* The classes of a byte in a name: one table, which every check of a
 * name's characters reads (RFC 1123 section 2.1, RFC 2181 section 11 for
 * '_'). */
typedef enum {
	ST_DOMAIN_CHAR_LDH = 1 << 0, /* a-z A-Z 0-9 */
	ST_DOMAIN_CHAR_HYPHEN = 1 << 1,
	ST_DOMAIN_CHAR_UNDERSCORE = 1 << 2,
	ST_DOMAIN_CHAR_DOT = 1 << 3,
} StDomainChar;

/* The StDomainChar bits of @c, 0 for a byte no name holds. */
guint st_domain_char (guchar c);

/* TRUE when every byte of @s has one of the classes @allowed. */
gboolean st_domain_chars_only (const char *s, guint allowed);

/* TRUE when @name is a host name in ASCII (IDNA names in their xn--
 * form): labels of 1 to 63 characters from one character-class table,
 * neither starting nor ending with '-', separated by single dots, at most
 * 253 in all; a trailing dot is allowed. The one validator of names in the
 * tree: the DNS client, the recipient policy and their tests use it. */
gboolean st_domain_name_valid (const char *name, guint flags);

/* Shell-style match of @host against @glob where "*" matches any run of
 * characters, ignoring case: "*.mail.protection.outlook.com". */
gboolean st_domain_glob (const char *glob, const char *host);

G_END_DECLS

#endif
