/* fixture-server.c - the RDAP (HTTP) and whois servers the lookup tests start on 127.0.0.1.
 * RFC 7480 section 4 (RDAP over HTTP/1.1), RFC 3912 (whois); nothing listens beyond the loopback.
 */
#include "config.h"

#include <string.h>

#include <check.h>

#include "fixture-server.h"
#include "rdap.h"
#include "testdata.h"

struct _StTestServer {
	GSocketListener *listener;
	GCancellable *stop;
	guint16 port;
	GThread *thread;
	GMutex lock;
	GString *requests; /* guarded by lock, as n_requests */
	guint n_requests;
	/* HTTP */
	const StTestRoute *routes;
	gsize n_routes;
	/* whois: answer is NULL for an HTTP server */
	StTestWhoisAnswer answer;
	gpointer data;
};

/* Appends @line to what the server was asked; @first: a new request. */
static void
note (StTestServer *s, const char *line, gboolean first)
{
	g_mutex_lock (&s->lock);
	g_string_append_printf (s->requests, "%s\n", line);
	if (first)
		s->n_requests++;
	g_mutex_unlock (&s->lock);
}

/* Until the client gives up or the server stops. */
static void
hold_open (StTestServer *s, GInputStream *in)
{
	char c;

	while (g_input_stream_read (in, &c, 1, s->stop, NULL) > 0)
		;
}

static void
whois_answer (StTestServer *s, GDataInputStream *in, GOutputStream *out)
{
	g_autofree char *question = g_data_input_stream_read_line (in, NULL, s->stop, NULL);
	g_autofree char *text = NULL;
	gsize len = 0;

	if (question == NULL)
		return;
	note (s, question, TRUE);
	text = s->answer (question, &len, s->data);
	if (text == NULL)
		hold_open (s, G_INPUT_STREAM (in));
	else
		g_output_stream_write_all (out, text, len, NULL, NULL, NULL);
}

static void
http_answer (StTestServer *s, GDataInputStream *in, GOutputStream *out)
{
	static const char not_found[] =
		"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
	g_autofree char *request = g_data_input_stream_read_line (in, NULL, s->stop, NULL);
	g_autofree char *body = NULL;
	g_autofree char *headers = NULL;
	g_autofree char *head = NULL;
	g_auto (GStrv) words = NULL;
	const StTestRoute *r = NULL;
	gsize body_len = 0;
	char *line;

	if (request == NULL)
		return;
	note (s, request, TRUE);
	while ((line = g_data_input_stream_read_line (in, NULL, s->stop, NULL)) != NULL &&
		line[0] != '\0') {
		note (s, line, FALSE);
		g_free (line);
	}
	g_free (line);

	words = g_strsplit (request, " ", 3);
	for (gsize i = 0; words[0] != NULL && words[1] != NULL && i < s->n_routes; i++)
		if (strcmp (words[1], s->routes[i].path) == 0) {
			r = &s->routes[i];
			break;
		}
	if (r == NULL) {
		g_output_stream_write_all (out, not_found, strlen (not_found), NULL, NULL, NULL);
		return;
	}
	if (r->status == NULL) {
		hold_open (s, G_INPUT_STREAM (in));
		return;
	}
	if (r->body_file != NULL) {
		body = st_test_read ("rdap", r->body_file, &body_len);
	} else if (r->body != NULL) {
		body = g_strdup (r->body);
		body_len = strlen (body);
	} else {
		body_len = ST_RDAP_MAX_ANSWER + 1;
		body = g_malloc (body_len + 1);
		memset (body, ' ', body_len);
	}
	headers = st_test_http_headers (r->headers, s->port);
	head = g_strdup_printf ("HTTP/1.1 %s\r\n%sContent-Length: %" G_GSIZE_FORMAT
				"\r\nConnection: close\r\n\r\n",
		r->status, headers, body_len);
	if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL))
		g_output_stream_write_all (out, body, body_len, NULL, NULL, NULL);
}

static gpointer
serve (gpointer data)
{
	StTestServer *s = data;

	for (;;) {
		g_autoptr (GSocketConnection) conn =
			g_socket_listener_accept (s->listener, NULL, s->stop, NULL);
		g_autoptr (GDataInputStream) in = NULL;
		GOutputStream *out;

		if (conn == NULL)
			return NULL;
		in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
		g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
		out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
		if (s->answer != NULL)
			whois_answer (s, in, out);
		else
			http_answer (s, in, out);
		g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
	}
}

static StTestServer *
server_start (StTestServer *s)
{
	g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
	g_autoptr (GSocketAddress) bound = NULL;
	g_autoptr (GError) error = NULL;

	s->listener = g_socket_listener_new ();
	s->stop = g_cancellable_new ();
	s->requests = g_string_new (NULL);
	g_mutex_init (&s->lock);
	if (!g_socket_listener_add_address (s->listener, addr, G_SOCKET_TYPE_STREAM,
		    G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error))
		ck_abort_msg ("cannot listen on 127.0.0.1: %s", error->message);
	s->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
	s->thread = g_thread_new ("fixture-server", serve, s);
	return s;
}

StTestServer *
st_test_http_start (const StTestRoute *routes, gsize n_routes)
{
	static const char *const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy",
		"HTTPS_PROXY", "all_proxy", "ALL_PROXY" };
	StTestServer *s = g_new0 (StTestServer, 1);

	for (gsize i = 0; i < G_N_ELEMENTS (proxies); i++)
		g_unsetenv (proxies[i]);
	s->routes = routes;
	s->n_routes = n_routes;
	return server_start (s);
}

StTestServer *
st_test_whois_start (StTestWhoisAnswer answer, gpointer data)
{
	StTestServer *s = g_new0 (StTestServer, 1);

	g_return_val_if_fail (answer != NULL, NULL);
	s->answer = answer;
	s->data = data;
	return server_start (s);
}

void
st_test_server_stop (StTestServer *server)
{
	if (server == NULL)
		return;
	g_cancellable_cancel (server->stop);
	g_thread_join (server->thread);
	g_socket_listener_close (server->listener);
	g_object_unref (server->listener);
	g_object_unref (server->stop);
	g_string_free (server->requests, TRUE);
	g_mutex_clear (&server->lock);
	g_free (server);
}

guint16
st_test_server_port (const StTestServer *server)
{
	return server->port;
}

char *
st_test_server_requests (StTestServer *server)
{
	char *text;

	g_mutex_lock (&server->lock);
	text = g_strdup (server->requests->str);
	g_mutex_unlock (&server->lock);
	return text;
}

guint
st_test_server_n_requests (StTestServer *server)
{
	guint n;

	g_mutex_lock (&server->lock);
	n = server->n_requests;
	g_mutex_unlock (&server->lock);
	return n;
}

guint
st_test_server_count (StTestServer *server, const char *text)
{
	g_autofree char *requests = st_test_server_requests (server);
	guint n = 0;

	for (const char *p = requests; (p = strstr (p, text)) != NULL; p++)
		n++;
	return n;
}
