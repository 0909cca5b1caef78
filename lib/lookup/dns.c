/* dns.c - asking DNS: reverse names and their confirmation, DNSBLs, the abuse.net contacts.
 * RFC 1035 sections 3.3-4.1, RFC 3596 section 2.5 (ip6.arpa), RFC 5782 section 2 (DNSBL). */
#include "config.h"

#include <arpa/inet.h>
#include <poll.h>
#include <string.h>

#include <ares.h>

#include "dns.h"
#include "domain.h"
#include "error.h"

struct _StDnsResolver {
	ares_channel channel;
	char *server; /* for messages: "127.0.0.1:5353" or "the system resolver" */
	guint timeout_ms;
	gint64 deadline; /* g_get_monotonic_time () microseconds; 0: none */
};

static const char *const status_names[] = {
	[ST_DNS_FAILED] = "failed",
	[ST_DNS_NEGATIVE] = "negative",
	[ST_DNS_POSITIVE] = "positive",
};

const char *
st_dns_status_name (StDnsStatus status)
{
	g_return_val_if_fail ((guint)status < G_N_ELEMENTS (status_names), "");
	return status_names[status];
}

static StDnsAnswer *
answer_new (StDnsStatus status, char *error)
{
	StDnsAnswer *a = g_new0 (StDnsAnswer, 1);

	a->status = status;
	a->error = error;
	a->records = g_ptr_array_new_with_free_func (g_free);
	return a;
}

void
st_dns_answer_free (StDnsAnswer *answer)
{
	if (answer == NULL)
		return;
	g_free (answer->error);
	g_ptr_array_unref (answer->records);
	g_free (answer);
}

static gpointer
library_init (gpointer unused)
{
	return GINT_TO_POINTER (ares_library_init (ARES_LIB_INIT_ALL));
}

/* "HOST:PORT", "HOST", "[V6]:PORT" or a bare IPv6 address, into c-ares'
 * server list form; NULL when the host is not an address. */
static char *
server_csv (const char *server)
{
	g_autofree char *host = NULL;
	const char *port = NULL;
	const char *colon = strrchr (server, ':');
	StIp ip;
	char buf[ST_IP_STRLEN];
	guint64 n = 53;

	if (server[0] == '[') {
		const char *close = strchr (server, ']');
		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return NULL;
		host = g_strndup (server + 1, close - server - 1);
		port = close[1] == ':' ? close + 2 : NULL;
	} else if (colon != NULL && strchr (server, ':') == colon) {
		host = g_strndup (server, colon - server);
		port = colon + 1;
	} else {
		host = g_strdup (server);
	}
	if (!st_ip_parse (host, -1, &ip))
		return NULL;
	if (port != NULL && (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &n, NULL)))
		return NULL;
	st_ip_format (&ip, buf);
	if (ip.family == 6)
		return g_strdup_printf ("[%s]:%u", buf, (guint)n);
	return g_strdup_printf ("%s:%u", buf, (guint)n);
}

StDnsResolver *
st_dns_resolver_new (const char *server, guint timeout_ms, guint budget_ms, GError **error)
{
	static GOnce once = G_ONCE_INIT;
	g_autofree char *csv = NULL;
	struct ares_options opts;
	StDnsResolver *r;
	int rc;

	g_return_val_if_fail (error == NULL || *error == NULL, NULL);

	if (server != NULL && (csv = server_csv (server)) == NULL) {
		g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
			"dns server '%s' is not ADDRESS:PORT", server);
		return NULL;
	}
	rc = GPOINTER_TO_INT (g_once (&once, library_init, NULL));
	if (rc != ARES_SUCCESS) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "cannot start c-ares: %s",
			ares_strerror (rc));
		return NULL;
	}
	r = g_new0 (StDnsResolver, 1);
	r->timeout_ms = timeout_ms > 0 ? timeout_ms : 3000;
	if (budget_ms > 0)
		r->deadline = g_get_monotonic_time () + (gint64)budget_ms * 1000;
	memset (&opts, 0, sizeof opts);
	opts.timeout = (int)r->timeout_ms;
	opts.tries = 2;
	/* NOCHECKRESP: a SERVFAIL or REFUSED comes back to us as such instead
	 * of being retried on the next server and reported as a timeout. */
	opts.flags = ARES_FLAG_NOCHECKRESP;
	rc = ares_init_options (
		&r->channel, &opts, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS);
	if (rc != ARES_SUCCESS) {
		g_set_error (error, ST_ERROR, ST_ERROR_NETWORK, "cannot start c-ares: %s",
			ares_strerror (rc));
		g_free (r);
		return NULL;
	}
	if (csv != NULL) {
		rc = ares_set_servers_ports_csv (r->channel, csv);
		if (rc != ARES_SUCCESS) {
			g_set_error (error, ST_ERROR, ST_ERROR_CONFIG,
				"cannot use dns server '%s': %s", server, ares_strerror (rc));
			st_dns_resolver_free (r);
			return NULL;
		}
		r->server = g_steal_pointer (&csv);
	} else {
		r->server = g_strdup ("the system resolver");
	}
	return r;
}

void
st_dns_resolver_free (StDnsResolver *resolver)
{
	if (resolver == NULL)
		return;
	if (resolver->channel != NULL)
		ares_destroy (resolver->channel);
	g_free (resolver->server);
	g_free (resolver);
}

guint
st_dns_resolver_remaining (const StDnsResolver *resolver)
{
	gint64 left;

	if (resolver->deadline == 0)
		return G_MAXUINT;
	left = (resolver->deadline - g_get_monotonic_time ()) / 1000;
	return left > 0 ? (guint)MIN (left, (gint64)G_MAXUINT - 1) : 0;
}

typedef struct {
	gboolean done;
	int status;
	guint8 *buf;
	int len;
} Pending;

static void
on_answer (void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	Pending *p = arg;

	p->done = TRUE;
	p->status = status;
	if (abuf != NULL && alen > 0) {
		p->buf = g_memdup2 (abuf, (gsize)alen);
		p->len = alen;
	}
}

/* Runs the channel until @p is answered or the budget is spent. */
static void
wait_for (StDnsResolver *r, Pending *p)
{
	while (!p->done) {
		ares_socket_t socks[ARES_GETSOCK_MAXNUM];
		struct pollfd fds[ARES_GETSOCK_MAXNUM];
		struct timeval tv, *tvp;
		guint left = st_dns_resolver_remaining (r);
		int bits, n = 0, wait_ms;

		if (left == 0) {
			/* Calls on_answer with ARES_ECANCELLED. */
			ares_cancel (r->channel);
			break;
		}
		bits = ares_getsock (r->channel, socks, ARES_GETSOCK_MAXNUM);
		for (int i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
			short ev = 0;
			/* c-ares' ARES_GETSOCK_WRITABLE shifts a signed 1 into the
			 * sign bit for the last socket: undefined; unsigned here. */
			if ((guint)bits & (1u << i))
				ev |= POLLIN;
			if ((guint)bits & (1u << (i + ARES_GETSOCK_MAXNUM)))
				ev |= POLLOUT;
			if (ev == 0)
				continue;
			fds[n].fd = socks[i];
			fds[n].events = ev;
			fds[n].revents = 0;
			n++;
		}
		tvp = ares_timeout (r->channel, NULL, &tv);
		wait_ms = tvp != NULL ? (int)(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000) : 1000;
		if ((guint)wait_ms > left)
			wait_ms = (int)left;
		if (poll (fds, (nfds_t)n, wait_ms) <= 0) {
			ares_process_fd (r->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
			continue;
		}
		for (int i = 0; i < n; i++)
			ares_process_fd (r->channel,
				(fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd
										: ARES_SOCKET_BAD,
				(fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD);
	}
}

static guint
get16 (const guint8 *p)
{
	return (guint)p[0] << 8 | p[1];
}

/* RFC 1035 section 3.3: <character-string>s, joined by @sep; FALSE when
 * one runs past the data. Control bytes become '?': the text is shown. */
static gboolean
strings_text (const guint8 *p, guint len, const char *sep, GString *out)
{
	guint i = 0;

	while (i < len) {
		guint l = p[i++];
		if (i + l > len)
			return FALSE;
		if (out->len > 0 && sep != NULL)
			g_string_append (out, sep);
		for (guint k = 0; k < l; k++)
			g_string_append_c (
				out, p[i + k] < 0x20 || p[i + k] == 0x7f ? '?' : p[i + k]);
		i += l;
	}
	return TRUE;
}

/* One record's data as text, or NULL when it is malformed. */
static char *
record_text (const guint8 *buf, int len, const guint8 *rdata, guint rdlen, StDnsType type)
{
	char addr[INET6_ADDRSTRLEN];
	char *name = NULL;
	long enclen;
	GString *s;

	switch (type) {
	case ST_DNS_TYPE_A:
	case ST_DNS_TYPE_AAAA:
		if (rdlen != (type == ST_DNS_TYPE_A ? 4 : 16))
			return NULL;
		if (inet_ntop (type == ST_DNS_TYPE_A ? AF_INET : AF_INET6, rdata, addr,
			    sizeof addr) == NULL)
			return NULL;
		return g_strdup (addr);
	case ST_DNS_TYPE_PTR:
	case ST_DNS_TYPE_MX: {
		guint skip = type == ST_DNS_TYPE_MX ? 2 : 0;
		char *text;
		if (rdlen < skip + 1 ||
			ares_expand_name (rdata + skip, buf, len, &name, &enclen) != ARES_SUCCESS)
			return NULL;
		text = skip ? g_strdup_printf ("%u %s", get16 (rdata), name) : g_strdup (name);
		ares_free_string (name);
		return text;
	}
	case ST_DNS_TYPE_TXT:
	case ST_DNS_TYPE_HINFO:
		s = g_string_new (NULL);
		/* TXT chunks are one string (RFC 7208 section 3.3 reads them so). */
		if (!strings_text (rdata, rdlen, type == ST_DNS_TYPE_HINFO ? " " : NULL, s)) {
			g_string_free (s, TRUE);
			return NULL;
		}
		return g_string_free (s, FALSE);
	}
	return NULL;
}

/* The answer-section records of @type. FALSE when the message is malformed. */
static gboolean
parse_records (const guint8 *buf, int len, StDnsType type, GPtrArray *out)
{
	const guint8 *p = buf + 12, *end = buf + len;
	guint qd, an;

	if (len < 12)
		return FALSE;
	qd = get16 (buf + 4);
	an = get16 (buf + 6);
	for (guint i = 0; i < qd + an; i++) {
		char *name = NULL;
		long enclen;
		guint rtype, rdlen;
		if (ares_expand_name (p, buf, len, &name, &enclen) != ARES_SUCCESS)
			return FALSE;
		ares_free_string (name);
		p += enclen;
		if (i < qd) {
			if (end - p < 4)
				return FALSE;
			p += 4;
			continue;
		}
		if (end - p < 10)
			return FALSE;
		rtype = get16 (p);
		rdlen = get16 (p + 8);
		p += 10;
		if ((guint)(end - p) < rdlen)
			return FALSE;
		if (rtype == (guint)type) {
			char *text = record_text (buf, len, p, rdlen, type);
			if (text == NULL)
				return FALSE;
			g_ptr_array_add (out, text);
		}
		p += rdlen;
	}
	return TRUE;
}

StDnsAnswer *
st_dns_query (StDnsResolver *resolver, const char *name, StDnsType type)
{
	Pending p = { 0 };
	g_autofree char *qname = NULL;
	StDnsAnswer *a;

	g_return_val_if_fail (resolver != NULL && name != NULL, NULL);

	qname = g_strdup (name);
	if (qname[0] != '\0' && qname[strlen (qname) - 1] == '.')
		qname[strlen (qname) - 1] = '\0';
	if (qname[0] == '\0' || strlen (qname) > 253)
		return answer_new (ST_DNS_FAILED, g_strdup_printf ("'%s' is not a dns name", name));
	if (st_dns_resolver_remaining (resolver) == 0)
		return answer_new (ST_DNS_FAILED,
			g_strdup_printf ("dns time budget spent before asking about '%s'", qname));

	ares_query (resolver->channel, qname, 1 /* IN */, (int)type, on_answer, &p);
	wait_for (resolver, &p);

	switch (p.status) {
	case ARES_SUCCESS:
		a = answer_new (ST_DNS_POSITIVE, NULL);
		if (!parse_records (p.buf, p.len, type, a->records)) {
			st_dns_answer_free (a);
			a = answer_new (ST_DNS_FAILED,
				g_strdup_printf ("malformed dns answer about '%s' from %s", qname,
					resolver->server));
		} else if (a->records->len == 0) {
			/* Only a CNAME, or other types: no record of ours. */
			a->status = ST_DNS_NEGATIVE;
		}
		break;
	case ARES_ENOTFOUND:
	case ARES_ENODATA:
		a = answer_new (ST_DNS_NEGATIVE, NULL);
		break;
	case ARES_ETIMEOUT:
		a = answer_new (ST_DNS_FAILED,
			g_strdup_printf ("no dns answer about '%s' from %s within %u ms", qname,
				resolver->server, resolver->timeout_ms * 2));
		a->unanswered = TRUE;
		break;
	case ARES_ECANCELLED:
		a = answer_new (ST_DNS_FAILED,
			g_strdup_printf ("dns time budget spent asking about '%s'", qname));
		break;
	case ARES_ESERVFAIL:
		a = answer_new (ST_DNS_FAILED, g_strdup_printf ("%s answered SERVFAIL about '%s'",
						       resolver->server, qname));
		break;
	case ARES_EREFUSED:
		a = answer_new (ST_DNS_FAILED, g_strdup_printf ("%s refused to answer about '%s'",
						       resolver->server, qname));
		break;
	default:
		a = answer_new (
			ST_DNS_FAILED, g_strdup_printf ("cannot ask %s about '%s': %s",
					       resolver->server, qname, ares_strerror (p.status)));
		a->unanswered = TRUE;
		break;
	}
	g_free (p.buf);
	return a;
}

char *
st_dns_reverse_name (const StIp *ip, const char *zone)
{
	GString *s = g_string_new (NULL);

	g_return_val_if_fail (ip != NULL && (ip->family == 4 || ip->family == 6), NULL);

	if (ip->family == 4) {
		g_string_printf (
			s, "%u.%u.%u.%u", ip->bytes[3], ip->bytes[2], ip->bytes[1], ip->bytes[0]);
	} else {
		for (int i = 15; i >= 0; i--)
			g_string_append_printf (s, "%s%x.%x", i < 15 ? "." : "", ip->bytes[i] & 0xf,
				ip->bytes[i] >> 4);
	}
	g_string_append_printf (s, ".%s",
		zone != NULL      ? zone
		: ip->family == 4 ? "in-addr.arpa"
				  : "ip6.arpa");
	if (s->str[s->len - 1] == '.')
		g_string_truncate (s, s->len - 1);
	return g_string_free (s, FALSE);
}

StDnsAnswer *
st_dns_ptr (StDnsResolver *resolver, const StIp *ip)
{
	g_autofree char *name = st_dns_reverse_name (ip, NULL);

	return st_dns_query (resolver, name, ST_DNS_TYPE_PTR);
}

StDnsAnswer *
st_dns_confirm (StDnsResolver *resolver, const StIp *ip, const char *name)
{
	StDnsAnswer *a =
		st_dns_query (resolver, name, ip->family == 4 ? ST_DNS_TYPE_A : ST_DNS_TYPE_AAAA);

	if (a->status != ST_DNS_POSITIVE)
		return a;
	for (guint i = 0; i < a->records->len; i++) {
		StIp got;
		if (st_ip_parse (a->records->pdata[i], -1, &got) && st_ip_equal (&got, ip))
			return a;
	}
	a->status = ST_DNS_NEGATIVE;
	return a;
}

gboolean
st_dns_name_valid (const char *name)
{
	return st_domain_name_valid (name, ST_DOMAIN_NAME_UNDERSCORE);
}

StDnsAnswer *
st_dns_dnsbl (StDnsResolver *resolver, const StIp *ip, const char *zone)
{
	g_autofree char *name = st_dns_reverse_name (ip, zone);
	StDnsAnswer *a = st_dns_query (resolver, name, ST_DNS_TYPE_A);

	if (a->status != ST_DNS_POSITIVE)
		return a;
	for (guint i = 0; i < a->records->len; i++) {
		const char *code = a->records->pdata[i];
		if (!g_str_has_prefix (code, "127.0.0.")) {
			a->status = ST_DNS_FAILED;
			a->error = g_strdup_printf (
				"dnsbl '%s' answered %s, not a listing code: it refuses to answer",
				zone, code);
			break;
		}
	}
	return a;
}

StDnsAnswer *
st_dns_abusenet (StDnsResolver *resolver, const char *domain, gboolean *registered)
{
	g_autofree char *name = g_strdup_printf ("%s.contacts.abuse.net", domain);
	StDnsAnswer *a = st_dns_query (resolver, name, ST_DNS_TYPE_TXT);

	if (registered != NULL)
		*registered = FALSE;
	if (a->status == ST_DNS_POSITIVE && registered != NULL) {
		/* abuse.net marks the addresses it made up from the domain name
		 * with a HINFO saying so; a registered entry says otherwise. */
		g_autoptr (StDnsAnswer) h = st_dns_query (resolver, name, ST_DNS_TYPE_HINFO);
		if (h->status == ST_DNS_POSITIVE) {
			*registered = TRUE;
			for (guint i = 0; i < h->records->len; i++) {
				g_autofree char *lower = g_ascii_strdown (h->records->pdata[i], -1);
				if (strstr (lower, "default") != NULL)
					*registered = FALSE;
			}
		}
	}
	return a;
}
