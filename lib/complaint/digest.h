/* digest.h - one draft per recipient for all the spams of a run that name it (--digest).
 * RFC 5322 (the message), RFC 2046 section 5.2.1 (each original attached as message/rfc822). */
#ifndef ST_DIGEST_H
#define ST_DIGEST_H

#include <glib.h>

#include "draft.h"
#include "registry.h"

G_BEGIN_DECLS

typedef struct _StDigest StDigest;

StDigest *st_digest_new (void);
void st_digest_free (StDigest *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDigest, st_digest_free)

/* Adds the complaint of @in (its spam quoted now: @in may go after the
 * call) to the draft for its recipients, remembering the registry key
 * @key that stands for it. */
void st_digest_add (StDigest *d, const StDraftInput *in, const char *key);

/* The drafts so far: one per set of recipients. */
guint st_digest_len (const StDigest *d);

/* Draft @i's recipients, joined with ", ", and its role ("network", …).
 * Borrowed. */
const char *st_digest_to (const StDigest *d, guint i);
const char *st_digest_role (const StDigest *d, guint i);

/* How many spams draft @i quotes. */
guint st_digest_count (const StDigest *d, guint i);

/* Composes draft @i: a note from "digest.txt" in @template_dirs, then each
 * spam in turn (the evidence, the header section, the body), each
 * original attached when [report] attach. With @dry_run it returns the
 * draft as a person reads it; else it writes it to [report] outbox and
 * returns its path, and records every key of it in @registry (may be NULL),
 * removing the draft when the registry cannot remember it. NULL with
 * @error on failure; the keys are then released. */
char *st_digest_write (StDigest *d, guint i, const StSettings *settings,
	const char *const *template_dirs, StRegistry *registry, gboolean dry_run, GError **error);

G_END_DECLS

#endif
