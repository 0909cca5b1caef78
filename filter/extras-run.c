/* extras-run.c - the filter's modules, each run in a child process of its own within the budget.
 * POSIX fork, pipe, poll, waitpid; the modules' entry points are in extras.h.
 *
 * A module reads what the spam's sender wrote (the body) or what a
 * registry answered (the lookups): a crash there, a stack overflow, an
 * exit () or a hang must cost the module's fields, never the message. In a
 * thread of the filter a crash took the whole process down (a signal
 * handler cannot safely resume a thread that has run out of stack or
 * corrupted the heap the main thread needs to write the message). In a
 * child process it ends the child: the filter sees the pipe close without
 * an answer, or the budget run out, and writes "unknown; why=…". A fork
 * costs well under a millisecond; loading a module costs 10 to 40. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extras.h"
#include "paths.h"

/* One module in its child. */
typedef struct {
	const char *module;
	const char *symbol;
	pid_t pid;
	int fd; /* the read end of the child's pipe; -1 once it is closed */
	GByteArray *answer;
	char **fields, **json, **error; /* where its results go */
} Child;

static int
write_all (int fd, const char *p, gsize n)
{
	while (n > 0) {
		ssize_t w = write (fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (gsize)w;
	}
	return 0;
}

/* The answer on the pipe: "R" (results) or "E" (an error), then two parts,
 * each its length in decimal and a newline and its bytes, or "-\n" for
 * none: the fields and the JSON, or the error and nothing. */
static void
answer_part (GString *out, const char *part)
{
	if (part == NULL) {
		g_string_append (out, "-\n");
		return;
	}
	g_string_append_printf (out, "%" G_GSIZE_FORMAT "\n", strlen (part));
	g_string_append (out, part);
}

/* Takes one part of @answer at *@pos; FALSE when it is cut or malformed. */
static gboolean
take_part (const GByteArray *answer, gsize *pos, char **part)
{
	const char *p = (const char *)answer->data + *pos;
	gsize left = answer->len - *pos;
	const char *nl = memchr (p, '\n', left);
	guint64 n = 0;
	g_autofree char *digits = NULL;

	if (nl == NULL)
		return FALSE;
	digits = g_strndup (p, (gsize)(nl - p));
	*pos += (gsize)(nl - p) + 1;
	if (g_str_equal (digits, "-")) {
		*part = NULL;
		return TRUE;
	}
	if (!g_ascii_string_to_unsigned (digits, 10, 0, answer->len - *pos, &n, NULL))
		return FALSE;
	*part = g_strndup ((const char *)answer->data + *pos, (gsize)n);
	*pos += (gsize)n;
	return TRUE;
}

/* In the child: loads the module, runs it, writes what it gave to @fd and
 * ends. Nothing of the parent's is touched: standard input and output are
 * /dev/null, the parent's fallback handlers are undone (a crash ends the
 * child), and an alarm ends it if the parent stopped waiting. */
static void G_GNUC_NORETURN
child_run (const Child *c, StExtrasJob *job, int fd)
{
	static const int signals[] = { SIGALRM, SIGABRT, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
	g_autoptr (GError) e = NULL;
	g_autofree char *dir = st_paths_find (ST_PATH_MODULES, &e);
	g_autofree char *path = dir != NULL ? g_strdup_printf ("%s/%s.so", dir, c->module) : NULL;
	g_autoptr (GString) out = g_string_new (NULL);
	StExtrasRunFunc run = NULL;
	char *why = NULL;
	int null = open ("/dev/null", O_RDWR);
	void *module = NULL;

	if (null >= 0) {
		dup2 (null, 0);
		dup2 (null, 1);
	}
	for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
		signal (signals[i], SIG_DFL);
	alarm (job->budget_ms / 1000 + 2);

	if (dir == NULL)
		why = g_strdup (e->message);
	else if ((module = dlopen (path, RTLD_NOW | RTLD_LOCAL)) == NULL)
		why = g_strdup_printf ("cannot load the module: %s", dlerror ());
	else if ((*(void **)&run = dlsym (module, c->symbol)) == NULL)
		why = g_strdup_printf (
			"%s is a module of another version (no %s)", path, c->symbol);
	if (run != NULL)
		run (job);
	g_string_append_c (out, why != NULL ? 'E' : 'R');
	answer_part (out, why != NULL ? why : *c->fields);
	answer_part (out, why != NULL ? NULL : *c->json);
	_exit (write_all (fd, out->str, out->len) == 0 ? 0 : 1);
}

/* Starts @c's child; FALSE with *c->error set when it cannot be started. */
static gboolean
child_start (Child *c, StExtrasJob *job)
{
	int p[2];

	if (pipe (p) != 0) {
		*c->error = g_strdup_printf ("cannot make a pipe: %s", g_strerror (errno));
		return FALSE;
	}
	c->pid = fork ();
	if (c->pid < 0) {
		*c->error = g_strdup_printf ("cannot start a process: %s", g_strerror (errno));
		close (p[0]);
		close (p[1]);
		return FALSE;
	}
	if (c->pid == 0) {
		close (p[0]);
		child_run (c, job, p[1]);
	}
	close (p[1]);
	c->fd = p[0];
	fcntl (c->fd, F_SETFD, FD_CLOEXEC);
	c->answer = g_byte_array_new ();
	return TRUE;
}

/* Reads the children's pipes until each has closed or @deadline. */
static void
children_read (Child *children, gsize n, gint64 deadline)
{
	for (;;) {
		struct pollfd fds[2];
		Child *owner[2];
		nfds_t k = 0;
		gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

		for (gsize i = 0; i < n && k < G_N_ELEMENTS (fds); i++)
			if (children[i].fd >= 0) {
				fds[k] = (struct pollfd){ .fd = children[i].fd, .events = POLLIN };
				owner[k++] = &children[i];
			}
		if (k == 0 || left <= 0)
			return;
		if (poll (fds, k, (int)MIN (left, (gint64)G_MAXINT)) <= 0)
			continue; /* a signal, or the deadline: the loop sees which */
		for (nfds_t i = 0; i < k; i++) {
			guint8 buf[65536];
			ssize_t r;
			if (fds[i].revents == 0)
				continue;
			r = read (fds[i].fd, buf, sizeof buf);
			if (r > 0) {
				g_byte_array_append (owner[i]->answer, buf, (guint)r);
			} else if (r == 0 || errno != EINTR) {
				close (owner[i]->fd);
				owner[i]->fd = -1;
			}
		}
	}
}

/* Waits for the child's end, at most until @until (it closed its pipe: it
 * is about to end), then kills it. Its wait status. */
static int
child_reap (Child *c, gint64 until)
{
	int status = 0;

	for (;;) {
		pid_t r = waitpid (c->pid, &status, WNOHANG);
		if (r == c->pid)
			return status;
		if (r < 0 && errno != EINTR)
			return 0;
		if (r == 0 && g_get_monotonic_time () >= until) {
			kill (c->pid, SIGKILL);
			while (waitpid (c->pid, &status, 0) < 0 && errno == EINTR)
				;
			return status;
		}
		g_usleep (500);
	}
}

/* What came of @c: its results, or why there are none. */
static void
child_finish (Child *c, guint budget_ms)
{
	gboolean spent = c->fd >= 0;
	int status;
	gsize pos = 1;
	char *first = NULL, *second = NULL;

	if (spent) {
		kill (c->pid, SIGKILL);
		close (c->fd);
		c->fd = -1;
	}
	status = child_reap (c, g_get_monotonic_time () + 100 * 1000);
	if (spent) {
		*c->error = g_strdup_printf ("the budget of %u ms was spent", budget_ms);
	} else if (c->answer->len > 0 && (c->answer->data[0] == 'R' || c->answer->data[0] == 'E') &&
		   take_part (c->answer, &pos, &first) && take_part (c->answer, &pos, &second) &&
		   pos == c->answer->len) {
		if (c->answer->data[0] == 'R') {
			*c->fields = first;
			*c->json = second;
		} else {
			*c->error = first;
			g_free (second);
		}
	} else {
		g_free (first);
		g_free (second);
		if (WIFSIGNALED (status))
			*c->error = g_strdup_printf ("the module crashed (signal %d, %s)",
				WTERMSIG (status), g_strsignal (WTERMSIG (status)));
		else
			*c->error = g_strdup_printf ("the module ended without an answer (exit "
						     "status %d)",
				WIFEXITED (status) ? WEXITSTATUS (status) : -1);
	}
	g_byte_array_unref (c->answer);
	c->answer = NULL;
}

StExtras *
st_extras_run (const StExtrasJob *job)
{
	StExtras *x = g_new0 (StExtras, 1);
	Child children[2];
	gsize n = 0;

	x->job = *job;
	x->job.deadline = g_get_monotonic_time () + (gint64)job->budget_ms * 1000;
	g_mutex_init (&x->job.lock);
	if (job->body)
		children[n++] = (Child){ ST_EXTRAS_BODY_MODULE, ST_EXTRAS_BODY_SYMBOL, 0, -1, NULL,
			&x->job.body_fields, &x->job.body_json, &x->body_error };
	if (job->lookups != ST_FILTER_LOOKUPS_OFF)
		children[n++] = (Child){ ST_EXTRAS_LOOKUPS_MODULE, ST_EXTRAS_LOOKUPS_SYMBOL, 0, -1,
			NULL, &x->job.lookup_fields, &x->job.lookup_json, &x->lookups_error };
	for (gsize i = 0; i < n; i++)
		if (!child_start (&children[i], &x->job))
			children[i].pid = 0;
	children_read (children, n, x->job.deadline);
	for (gsize i = 0; i < n; i++)
		if (children[i].pid > 0)
			child_finish (&children[i], job->budget_ms);
	return x;
}

void
st_extras_free (StExtras *x)
{
	if (x == NULL)
		return;
	g_free (x->job.body_fields);
	g_free (x->job.body_json);
	g_free (x->job.lookup_fields);
	g_free (x->job.lookup_json);
	g_mutex_clear (&x->job.lock);
	g_free (x->body_error);
	g_free (x->lookups_error);
	g_free (x);
}
