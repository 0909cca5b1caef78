/* maildir.c - writing a message into a Maildir the safe way, flagged as a draft.
 * maildir(5): unique names from time, pid, a counter and the host name;
 * every write checked, the file and the directory synced before we say done. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "error.h"
#include "maildir.h"

static gboolean
make_dir (const char *path, GError **error)
{
	if (g_mkdir_with_parents (path, 0700) != 0) {
		int e = errno;
		g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot create '%s': %s", path,
			g_strerror (e));
		return FALSE;
	}
	return TRUE;
}

gboolean
st_maildir_ensure (const char *dir, GError **error)
{
	static const char *const subs[] = { "tmp", "new", "cur" };
	for (gsize i = 0; i < G_N_ELEMENTS (subs); i++) {
		g_autofree char *p = g_build_filename (dir, subs[i], NULL);
		if (!make_dir (p, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
sync_dir (const char *path, GError **error)
{
	int fd = open (path, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync (fd) != 0) {
		int e = errno;
		if (fd >= 0)
			close (fd);
		g_set_error (
			error, ST_ERROR, ST_ERROR_IO, "cannot sync '%s': %s", path, g_strerror (e));
		return FALSE;
	}
	close (fd);
	return TRUE;
}

/* Maildir host names must not contain "/" or ":" */
static char *
safe_hostname (void)
{
	char *h = g_strdup (g_get_host_name ());
	for (char *p = h; *p; p++)
		if (*p == '/' || *p == ':')
			*p = '_';
	return h;
}

char *
st_maildir_deliver (const char *dir, const char *data, gsize len, const char *flags, GError **error)
{
	static guint counter;
	g_autofree char *host = safe_hostname ();

	if (!st_maildir_ensure (dir, error))
		return NULL;

	for (int attempt = 0; attempt < 100; attempt++) {
		struct timeval tv;
		gettimeofday (&tv, NULL);
		g_autofree char *base = g_strdup_printf ("%ld.M%06ldP%dQ%u.%s", (long)tv.tv_sec,
			(long)tv.tv_usec, (int)getpid (), ++counter, host);
		g_autofree char *tmp = g_build_filename (dir, "tmp", base, NULL);
		g_autofree char *name =
			g_strdup_printf ("%s:2,%s", base, flags != NULL ? flags : "");
		g_autofree char *cur = g_build_filename (dir, "cur", name, NULL);

		int fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			int e = errno;
			g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot create '%s': %s", tmp,
				g_strerror (e));
			return NULL;
		}
		gsize off = 0;
		while (off < len) {
			ssize_t w = write (fd, data + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				int e = errno;
				close (fd);
				unlink (tmp);
				g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot write '%s': %s",
					tmp, g_strerror (e));
				return NULL;
			}
			off += (gsize)w;
		}
		if (fsync (fd) != 0 || close (fd) != 0) {
			int e = errno;
			unlink (tmp);
			g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot save '%s': %s", tmp,
				g_strerror (e));
			return NULL;
		}
		/* link() refuses to replace an existing file, rename() would not */
		if (link (tmp, cur) != 0) {
			int e = errno;
			unlink (tmp);
			if (e == EEXIST)
				continue;
			g_set_error (error, ST_ERROR, ST_ERROR_IO,
				"cannot move the draft to '%s': %s", cur, g_strerror (e));
			return NULL;
		}
		unlink (tmp);
		g_autofree char *curdir = g_build_filename (dir, "cur", NULL);
		if (!sync_dir (curdir, error))
			return NULL;
		return g_steal_pointer (&cur);
	}
	g_set_error (error, ST_ERROR, ST_ERROR_IO, "cannot find a free name in '%s'", dir);
	return NULL;
}
