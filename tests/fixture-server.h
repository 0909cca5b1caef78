/* fixture-server.h - the RDAP (HTTP) and whois servers the lookup tests start on 127.0.0.1.
 * RFC 7480 section 4 (RDAP over HTTP/1.1), RFC 3912 (whois); nothing listens beyond the loopback.
 */
#ifndef ST_TEST_FIXTURE_SERVER_H
#define ST_TEST_FIXTURE_SERVER_H

#include <gio/gio.h>
#include <glib.h>

G_BEGIN_DECLS

/* One server on a free TCP port of 127.0.0.1, answering in a thread of
 * its own, one connection after the other, until it is stopped. */
typedef struct _StTestServer StTestServer;

/* An HTTP server's answer to a GET of @path (exact; any other path gets a
 * 404 with no body). */
typedef struct {
	const char *path;
	const char *status;  /* "200 OK"; NULL: hold the connection, never answer */
	const char *headers; /* header lines, each ending in CRLF, as st_test_http_headers takes */
	const char *body_file; /* under tests/data/rdap; NULL: @body */
	const char *body;      /* NULL too: ST_RDAP_MAX_ANSWER + 1 spaces, more than is read */
} StTestRoute;

/* The text a whois server sends back to @question (the line asked, without
 * its CR LF): a new string of *@len bytes, or NULL for silence, the
 * connection held until the client gives up or the server stops. Called in
 * the server's thread. */
typedef char *(*StTestWhoisAnswer) (const char *question, gsize *len, gpointer data);

/* An RDAP server answering from @routes (@n_routes rows, borrowed while it
 * runs). Unsets the proxy variables first: only 127.0.0.1 is ever asked. */
StTestServer *st_test_http_start (const StTestRoute *routes, gsize n_routes);

/* A whois server answering what @answer says, with @data. */
StTestServer *st_test_whois_start (StTestWhoisAnswer answer, gpointer data);

/* Stops the server, closes its port and frees it. */
void st_test_server_stop (StTestServer *server);

guint16 st_test_server_port (const StTestServer *server);

/* What the server was asked, a line each: HTTP request lines with their
 * header lines, whois questions. A new string. */
char *st_test_server_requests (StTestServer *server);

/* How many requests (HTTP) or questions (whois) it received. */
guint st_test_server_n_requests (StTestServer *server);

/* How many times @text stands in what it was asked. */
guint st_test_server_count (StTestServer *server, const char *text);

G_END_DECLS

#endif
