/* hop.c - one Received: line of a message with everything the analysis learns about it.
 * RFC 5321 section 4.4. */
#include "config.h"

#include "hop.h"

void
st_hop_init (StHop *h, StReceived *line, guint field)
{
	h->line = line;
	h->field = field;
	h->has_ip = line->ip[0] != '\0' && st_ip_parse (line->ip, -1, &h->ip);
	h->writer = line->by[0] != '\0' ? st_provider_writer (line) : NULL;
	h->sender = h->has_ip ? st_provider_sender_at (line, &h->ip) : NULL;
}

void
st_hops_free (StHop *hop, guint n)
{
	if (hop == NULL)
		return;
	for (guint i = 0; i < n; i++) {
		StHopJudgement *j = &hop[i].judged;
		st_received_free (hop[i].line);
		g_free (hop[i].why);
		if (j->forged != NULL)
			g_ptr_array_free (j->forged, TRUE);
		if (j->insecure != NULL)
			g_ptr_array_free (j->insecure, TRUE);
		if (j->notes != NULL)
			g_ptr_array_free (j->notes, TRUE);
	}
	g_free (hop);
}
