/* extras-crash.c - a stand-in for the filter's modules that fails on purpose, for
 * tests/filter-extras.sh. The entry points of filter/extras.h; SPAMTRACE_TEST_MODULE says how each
 * fails. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extras.h"

/* Runs out of stack as json-glib's parser did on deeply nested JSON. */
static __attribute__ ((noinline)) guint
recurse (volatile guint depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth == G_MAXUINT) /* never: the stack ends long before */
		return 0;
	return recurse (depth + 1) + frame[0];
}

/* SPAMTRACE_TEST_MODULE: segv, overflow, abort, exit, hang, kill (SIGKILL
 * itself), stdout (writes on standard output, then answers), or ok (a
 * field that says so). */
static void
misbehave (StExtrasJob *job, char **fields)
{
	const char *how = g_getenv ("SPAMTRACE_TEST_MODULE");

	if (how == NULL)
		how = "ok";
	if (strcmp (how, "segv") == 0)
		*(volatile int *)(gsize)job->budget_ms = 1; /* a small number: no page there */
	else if (strcmp (how, "overflow") == 0)
		recurse (0);
	else if (strcmp (how, "abort") == 0)
		abort ();
	else if (strcmp (how, "exit") == 0)
		exit (3);
	else if (strcmp (how, "hang") == 0)
		for (;;)
			pause ();
	else if (strcmp (how, "kill") == 0)
		kill (getpid (), SIGKILL);
	else if (strcmp (how, "stdout") == 0 && write (1, "From the module\n", 16) < 0)
		return;
	g_mutex_lock (&job->lock);
	*fields = g_strdup_printf ("X-Spamtrace-Test: %s%s", how, job->eol);
	g_mutex_unlock (&job->lock);
}

void
st_extras_body_v1 (StExtrasJob *job)
{
	misbehave (job, &job->body_fields);
}

void
st_extras_lookups_v1 (StExtrasJob *job)
{
	misbehave (job, &job->lookup_fields);
}
