/* replace.c - replacing a file whole, so that its readers see the old one or the new one.
 * POSIX rename(2), fsync(2); the directory too, or the rename may not survive a crash. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "error.h"
#include "replace.h"

static gboolean
io_error (GError **error, const char *what, const char *path, int err)
{
	g_set_error (
		error, ST_ERROR, ST_ERROR_IO, "cannot %s '%s': %s", what, path, g_strerror (err));
	return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
	while (len > 0) {
		ssize_t w = write (fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = EIO;
		if (w <= 0)
			return FALSE;
		data += w;
		len -= (gsize)w;
	}
	return TRUE;
}

gboolean
st_replace_file (const char *path, const char *data, gsize len, guint mode, GError **error)
{
	g_autofree char *dir = g_path_get_dirname (path);
	g_autofree char *base = g_path_get_basename (path);
	/* a dot name: rbldnsd and rsync --exclude='.*' pass it by */
	g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
	int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
	int err;

	if (fd < 0)
		return io_error (error, "create a file in", dir, errno);
	if (!write_all (fd, data, len) || fchmod (fd, (mode_t)mode) != 0 || fsync (fd) != 0) {
		err = errno;
		close (fd);
		g_unlink (tmp);
		return io_error (error, "write", tmp, err);
	}
	if (close (fd) != 0) {
		err = errno;
		g_unlink (tmp);
		return io_error (error, "write", tmp, err);
	}
	if (g_rename (tmp, path) != 0) {
		err = errno;
		g_unlink (tmp);
		return io_error (error, "replace", path, err);
	}
	int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return io_error (error, "open the directory", dir, errno);
	if (fsync (dfd) != 0) {
		err = errno;
		close (dfd);
		return io_error (error, "sync the directory", dir, err);
	}
	close (dfd);
	return TRUE;
}
