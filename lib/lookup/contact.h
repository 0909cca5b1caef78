/* contact.h - an address to complain to, who it speaks for, and how sure we are of it.
 * RFC 5322 section 3.4.1 (addr-spec), RFC 2142 section 2 (abuse@), RFC 2606/6761 (reserved names).
 */
#ifndef ST_CONTACT_H
#define ST_CONTACT_H

#include <glib.h>

#include "json-write.h"

G_BEGIN_DECLS

/* Which party an address answers for. */
typedef enum {
	ST_CONTACT_SCOPE_NETWORK = 0,      /* the holder of an IP block or AS */
	ST_CONTACT_SCOPE_DOMAIN,           /* the holder of a domain name */
	ST_CONTACT_SCOPE_REGISTRAR,        /* the registrar that sold the domain */
	ST_CONTACT_SCOPE_RELAY,            /* a relay that handed the message on */
	ST_CONTACT_SCOPE_HOSTING,          /* a web or file host named in the body */
	ST_CONTACT_SCOPE_MAILBOX_PROVIDER, /* the provider of a sender's mailbox */
} StContactScope;

/* Ordered: a higher value is more trustworthy. */
typedef enum {
	ST_CONFIDENCE_LOW = 0, /* a general or personal contact; a guess */
	ST_CONFIDENCE_MEDIUM,  /* plausibly read by whoever handles abuse */
	ST_CONFIDENCE_HIGH,    /* published as the abuse contact */
} StConfidence;

typedef struct {
	char *address; /* addr-spec, domain in lower case */
	StContactScope scope;
	char *source; /* RDAP URL, whois server, "RFC 2142 guess"; never NULL */
	StConfidence confidence;
	char *role; /* comma-separated: "abuse", "abuse,technical", "registrant"; never NULL */
	char *note; /* free text for the reader, or NULL */
} StContact;

/* A new contact; copies every string. @address is stored as given: call
 * st_contact_address_clean first. @source and @role may be NULL ("" is stored). */
StContact *st_contact_new (const char *address, StContactScope scope, const char *source,
	StConfidence confidence, const char *role);
void st_contact_free (StContact *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StContact, st_contact_free)

/* Replaces the note. */
void st_contact_set_note (StContact *contact, const char *note);

/* TRUE when @role (one word) is one of the comma-separated roles of @contact. */
gboolean st_contact_has_role (const StContact *contact, const char *role);

/* "network", "domain", …; "high", "medium", "low". */
const char *st_contact_scope_name (StContactScope scope);
const char *st_contact_confidence_name (StConfidence confidence);

/* Trims spaces, a "mailto:" prefix and angle brackets from @text and lower-cases
 * the domain. Returns NULL when what is left is not an addr-spec of the simple
 * dot-atom form (one '@', printable ASCII, no spaces). Owned by the caller. */
char *st_contact_address_clean (const char *text);

/* TRUE when @address (as cleaned) can receive a complaint. FALSE for redaction
 * markers, reserved example domains, domains with no dot, and no-reply
 * mailboxes; @reason, when not NULL, then receives a borrowed explanation. */
gboolean st_contact_address_usable (const char *address, const char **reason);

/* Contacts in the order first found, one per (address, scope). */
typedef struct {
	GPtrArray *items; /* StContact*, owned */
	/* "SCOPE address" in lower case -> the StContact* of @items: a
	 * registry's answer of 1 MB names 40,000 addresses, and each was
	 * compared with all before it (14 s) */
	GHashTable *index;
} StContactList;

StContactList *st_contact_list_new (void);
void st_contact_list_free (StContactList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StContactList, st_contact_list_free)

/* Takes @contact. When the list already holds its address (ignoring case) in
 * the same scope, the two are merged: roles are joined, the higher confidence
 * wins and brings its source and note along, and FALSE is returned. */
gboolean st_contact_list_take (StContactList *list, StContact *contact);

guint st_contact_list_length (const StContactList *list);
const StContact *st_contact_list_get (const StContactList *list, guint i);

/* The contact for @address (ignoring case) in @scope, or NULL. Borrowed. */
const StContact *st_contact_list_find (
	const StContactList *list, const char *address, StContactScope scope);

/* The contact to complain to in @scope: highest confidence, then one with the
 * "abuse" role, then the first found. NULL when the scope has none. Borrowed. */
const StContact *st_contact_list_best (const StContactList *list, StContactScope scope);

/* Reads the free text of a registry's remark (RDAP "remarks", whois
 * "remarks:" or "comment:") for the addresses it says abuse reports go to:
 * "please submit abuse reports to abuse@…", "Email address for spam or
 * abuse complaints : abuse@…". Each usable one goes into @list as an abuse
 * contact of @scope with ST_CONFIDENCE_MEDIUM: below an address registered
 * in an abuse role, above a guess. A sentence that says not to write there
 * names nobody. Returns how many it added or merged. */
guint st_contact_list_add_remark (
	StContactList *list, const char *text, StContactScope scope, const char *source);

/* Addresses and AS numbers no registry speaks for, answered here without
 * asking anyone: private, loopback, link-local, shared and documentation
 * addresses and the other special ranges (RFC 6890), and AS 0, AS_TRANS
 * (RFC 6793), documentation (RFC 5398), private (RFC 6996) and the last AS
 * numbers (RFC 7300). A new string "reserved: nobody to tell (why)", or
 * NULL for an address or number that someone holds. */
char *st_contact_reserved_address (const char *ip);
char *st_contact_reserved_autnum (guint32 asn);

/* Writes @contact as a JSON object: "address", "scope", "confidence",
 * "role", "source" and "note" (null when there is none). */
void st_contact_to_json (StJson *j, const StContact *contact);

G_END_DECLS

#endif
