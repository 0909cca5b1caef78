/* dnsmasq.c - a real DNS server for the tests: dnsmasq on 127.0.0.1 with
 * tests/data/dns/records.conf. RFC 1035; nothing is asked beyond the loopback. */
#include "config.h"

#include <check.h>
#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "dns.h"
#include "dnsmasq.h"
#include "testdata.h"

static GPid pid;
static char *server; /* "127.0.0.1:PORT", NULL when not running */

static guint16
free_udp_port (void)
{
	g_autoptr (GSocket) s = g_socket_new (
		G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
	g_autoptr (GSocketAddress) bound = NULL;

	ck_assert (s != NULL);
	ck_assert (g_socket_bind (s, addr, FALSE, NULL));
	bound = g_socket_get_local_address (s, NULL);
	return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
dnsmasq_path (void)
{
	const char *env = g_getenv ("DNSMASQ");

	if (env != NULL && env[0] != '\0')
		return g_strdup (env);
	if (g_file_test ("/usr/sbin/dnsmasq", G_FILE_TEST_IS_EXECUTABLE))
		return g_strdup ("/usr/sbin/dnsmasq");
	return g_find_program_in_path ("dnsmasq");
}

const char *
st_test_dnsmasq_start (const char *who)
{
	g_autofree char *path = dnsmasq_path ();
	g_autofree char *conf = st_test_data_path ("dns", "records.conf");
	g_autofree char *port_opt = NULL, *conf_opt = NULL, *user_opt = NULL;
	g_autoptr (GError) error = NULL;
	guint16 port;

	if (path == NULL) {
		if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
			ck_abort_msg ("dnsmasq is not installed, and CI=true");
		fprintf (stderr, "%s: dnsmasq not installed: its tests skipped\n", who);
		return NULL;
	}
	port = free_udp_port ();
	port_opt = g_strdup_printf ("--port=%u", port);
	conf_opt = g_strdup_printf ("--conf-file=%s", conf);
	user_opt = g_strdup_printf ("--user=%s", g_get_user_name ());
	const char *argv[] = { path, "--keep-in-foreground", "--no-resolv", "--no-hosts",
		"--no-poll", port_opt, "--listen-address=127.0.0.1", "--bind-interfaces",
		"--pid-file=", user_opt, conf_opt, NULL };
	if (!g_spawn_async (NULL, (char **)argv, NULL,
		    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
		    &error))
		ck_abort_msg ("cannot start dnsmasq: %s", error->message);
	server = g_strdup_printf ("127.0.0.1:%u", port);
	/* ready when it answers; 5 s is far more than it takes */
	for (int i = 0; i < 50; i++) {
		g_autoptr (StDnsResolver) r = st_dns_resolver_new (server, 100, 0, NULL);
		g_autoptr (StDnsAnswer) a = st_dns_query (r, "mail.isp-one.net", ST_DNS_TYPE_A);
		if (a->status == ST_DNS_POSITIVE)
			return server;
		g_usleep (100000);
	}
	ck_abort_msg ("dnsmasq did not answer on %s", server);
	return NULL;
}

void
st_test_dnsmasq_stop (void)
{
	if (server == NULL)
		return;
	kill (pid, SIGTERM);
	waitpid (pid, NULL, 0);
	g_spawn_close_pid (pid);
	g_clear_pointer (&server, g_free);
}
