/* dnsmasq.h - a real DNS server for the tests: dnsmasq on 127.0.0.1 with
 * tests/data/dns/records.conf. RFC 1035; nothing is asked beyond the loopback. */
#ifndef ST_TEST_DNSMASQ_H
#define ST_TEST_DNSMASQ_H

#include <glib.h>

G_BEGIN_DECLS

/* Starts dnsmasq on a free UDP port of 127.0.0.1 and waits until it
 * answers; returns "127.0.0.1:PORT" (borrowed until the stop). When dnsmasq
 * is not installed: NULL, a line on stderr naming @who, and a failed test
 * when CI=true. */
const char *st_test_dnsmasq_start (const char *who);
void st_test_dnsmasq_stop (void);

G_END_DECLS

#endif
