/* providers.c - what we know of the big mail providers, keyed by organisation: their receiving
 * and sending sides, the shapes of their lines, their free-mail domains and abuse desks.
 * The rows record what these providers write in their Received: lines. The
 * walk cases of tests/check_trust.c hold real lines of Microsoft 365,
 * Outlook.com, Gmail and Yahoo; the other rows rest on the providers'
 * published host names and ranges (documentation, SPF records), with no
 * recorded line here yet. */
#include "config.h"

#include <string.h>

#include "domain.h"
#include "ip.h"
#include "providers.h"

/* One row per organisation, in the order of StOrgId; the desks are
 * where each takes reports about the accounts its servers send for. */
static const StOrg orgs[] = {
	{ ST_ORG_NONE, NULL, NULL, NULL },
	{ ST_ORG_GOOGLE, "Google", "google.com", "X-Google-Smtp-Source" },
	{ ST_ORG_MICROSOFT, "Microsoft", "outlook.com", NULL },
	{ ST_ORG_YAHOO, "Yahoo", "yahoo.com", NULL },
	{ ST_ORG_APPLE, "Apple", NULL, NULL },
	{ ST_ORG_FASTMAIL, "Fastmail", NULL, NULL },
	{ ST_ORG_PROTON, "Proton", NULL, NULL },
	{ ST_ORG_GMX, "GMX", NULL, NULL },
	{ ST_ORG_ZOHO, "Zoho", NULL, NULL },
	{ ST_ORG_YANDEX, "Yandex", NULL, NULL },
	{ ST_ORG_MAILRU, "Mail.ru", NULL, NULL },
	{ ST_ORG_AMAZON, "Amazon", NULL, NULL },
	{ ST_ORG_SENDGRID, "SendGrid", NULL, NULL },
	{ ST_ORG_MAILCHIMP, "Mailchimp", NULL, NULL },
};
G_STATIC_ASSERT (G_N_ELEMENTS (orgs) == ST_ORG_COUNT);

/* Each row trusts the provider's receiving side only. When another customer
 * of the same provider sends (another Microsoft 365 tenant, another Gmail
 * account), the provider's outbound server that connected to the inbound
 * edge is the origin: its names are in outbound_names, which no internal
 * hop may have. Microsoft's and Google's outbound addresses are left out of
 * internal_nets too; iCloud, Proton, GMX, Zoho, Yandex and Mail.ru send and
 * receive from the same ranges, where only the names tell them apart. */
static const StProvider providers[] = {
	{
		/* Exchange Online: the inbound edge (FT and PEPF hosts,
		 * *.mail.protection.outlook.com, "via Frontend Transport") hands
		 * to the second frontend (*CA*.outlook.office365.com, which calls
		 * itself *.prod.outlook.com or *.prod.exchangelabs.com) and on to
		 * hub and mailbox servers over Microsoft's own IPv6 (2603:10xx::)
		 * or link-local and loopback addresses. Each line's client is the
		 * "by" of the line below, with the same address or the same first
		 * label ("from DUZPR01CA0085.eurprd01.prod.exchangelabs.com
		 * (2603:10a6:10:46a::17)" above "by DUZPR01CA0085.outlook.
		 * office365.com (2603:10a6:10:46a::17)"). */
		ST_ORG_MICROSOFT,
		"Microsoft 365 / Outlook.com / Exchange Online Protection",
		/* the inbound frontend too: a message a mailbox forwards inside
		 * Microsoft can come back through it from an internal hop */
		"*.prod.outlook.com *.outlook.office365.com *.prod.protection.outlook.com "
		"*.prod.exchangelabs.com *.protection.gbl *.outlook.cn *.office365.us "
		"*.mail.protection.outlook.com",
		/* 2603:10xx:: today; before about 2017 the hops used 25.0.0.0/8
		 * (not routed on the Internet) and *.protection.gbl names.
		 * Outlook.com's EOP hub servers (*HT*.eop-*.prod.protection.
		 * outlook.com) hand to the mailbox from 2a01:111:e400::/48,
		 * Microsoft's internal EOP space. */
		"2603:1000::/24 25.0.0.0/8 2a01:111:e400::/48",
		/* a frontend connects as *.eop-*.prod.protection.outlook.com or
		 * *.prod.outlook.com, but may use its other name */
		"*.prod.outlook.com *.outlook.office365.com *.prod.protection.outlook.com "
		"*.prod.exchangelabs.com *.protection.gbl *.outlook.cn *.office365.us "
		"*.mail.protection.outlook.com",
		/* another tenant's outbound servers: "NAM12-DM6-obe.outbound.
		 * protection.outlook.com" until about 2023, "SEYPR02CU001.outbound.
		 * protection.outlook.com" since */
		"*.outbound.protection.outlook.com *.outbound.protection.office365.us *-obe.*",
		/* Exchange Online's published SMTP networks, from Microsoft's
		 * "Office 365 URLs and IP address ranges" (Exchange Online, the
		 * *.mail.protection.outlook.com row). Both directions use them:
		 * another tenant's outbound server connects from there, and so
		 * does the recipient's own inbound frontend when it hands a
		 * message to a frontend in another region ("from HE1EUR04FT031.
		 * eop-eur04.prod.protection.outlook.com (2a01:111:f400:7e0d::205)
		 * by GVX0EPF000013E5.outlook.office365.com"). */
		"40.92.0.0/15 40.107.0.0/16 52.100.0.0/14 52.238.78.88/32 104.47.0.0/17 "
		"2a01:111:f400::/48 2a01:111:f403::/48",
		"*.mail.protection.outlook.com *.mail.protection.outlook.cn "
		"*.mail.protection.office365.us",
	},
	{
		/* Gmail and Google Workspace: mx.google.com is the inbound edge;
		 * the hops above it are "by 2002:a05:…" lines without a client.
		 * mail-*.google.com is Google's sending side. */
		ST_ORG_GOOGLE,
		"Gmail / Google Workspace",
		"*.google.com",
		"2002:a00::/24",
		"",
		"mail-*.google.com *.googlemail.com *.gmail.com",
		NULL,
		NULL,
	},
	{
		/* Yahoo and AOL: "from IP (EHLO x) by 10.x.x.x with SMTPs", then
		 * internal hops over private space. */
		ST_ORG_YAHOO,
		"Yahoo / AOL",
		"*.yahoo.com *.yahoo.net *.aol.com *.yahoodns.net",
		"",
		"",
		"*.bullet.mail.*.yahoo.com sonic*.consmr.mail.*.yahoo.com *.mail.*.aol.com",
		NULL,
		NULL,
	},
	{
		/* iCloud: Apple's network is 17.0.0.0/8; the inbound gateways
		 * are mx*.mail.icloud.com, the outbound servers *.me.com. */
		ST_ORG_APPLE,
		"iCloud",
		"*.icloud.com *.me.com *.mac.com *.apple.com",
		"17.0.0.0/8",
		"*.mail.icloud.com *.mx.icloud.com",
		"*.me.com outbound*.icloud.com *.eps.apple.com",
		NULL,
		NULL,
	},
	{
		/* Fastmail: in*-smtp.messagingengine.com edge, internal hops
		 * over 10.202.0.0/16 to *.internal hosts. */
		ST_ORG_FASTMAIL,
		"Fastmail",
		"*.messagingengine.com *.internal *.fastmail.com",
		"",
		"",
		"out*-smtp.messagingengine.com *.smtp.messagingengine.com",
		NULL,
		NULL,
	},
	{
		/* Proton: mailin* edge, 185.70.40.0/22. */
		ST_ORG_PROTON,
		"Proton",
		"*.protonmail.ch *.proton.ch",
		"185.70.40.0/22",
		"mailin*.protonmail.ch mailin*.proton.ch",
		"mail-*.protonmail.ch mail-*.proton.ch *.mail-europe.com",
		NULL,
		NULL,
	},
	{
		/* GMX and web.de (United Internet): mx-ha / mx*.gmx.net edge,
		 * "(Nemesis)"; mout* is the sending side. */
		ST_ORG_GMX,
		"GMX / web.de",
		"*.gmx.net *.gmx.com *.web.de *.gmx.de",
		"212.227.0.0/16 82.165.0.0/16 213.165.64.0/19",
		"mx*.gmx.net mx*.web.de mx*.gmx.com mxgmx* mxweb*",
		"mout*.gmx.net mout*.web.de mout*.gmx.com mout*",
		NULL,
		NULL,
	},
	{
		/* Zoho: mx.zohomail.com edge, 136.143.176.0/20 and
		 * 204.141.32.0/23; sender*.zoho.* is the sending side. */
		ST_ORG_ZOHO,
		"Zoho",
		"*.zoho.com *.zohomail.com *.zoho.eu *.zoho.in *.zohomail.eu *.zohomail.in",
		"136.143.176.0/20 204.141.32.0/23 165.173.128.0/24",
		"mx*.zoho.com mx*.zohomail.com mx*.zoho.eu mx*.zoho.in",
		"sender*.zoho.* sender*.zohomail.* *.zoho.com.cn",
		NULL,
		NULL,
	},
	{
		/* Yandex: mxfront servers hand to back ends over 2a02:6b8::/32;
		 * forward*.mail.yandex.net and nwsmtp-smtp are the sending side. */
		ST_ORG_YANDEX,
		"Yandex",
		"*.yandex.net *.yandex.ru",
		"2a02:6b8::/32 77.88.0.0/18 5.45.192.0/18 95.108.128.0/17 87.250.224.0/19",
		"*mxfront*.yandex.net mxfront*.mail.yandex.net *mxback*.yandex.net",
		"forward*.mail.yandex.net *nwsmtp-smtp*.yandex.net",
		NULL,
		NULL,
	},
	{
		/* Mail.ru: mxs.mail.ru edge, internal hops within its ranges;
		 * f*.i.mail.ru and smtp*.mail.ru are the sending side. */
		ST_ORG_MAILRU,
		"Mail.ru",
		"*.mail.ru",
		"94.100.176.0/20 217.69.128.0/20 185.5.136.0/22 95.163.0.0/16 5.61.232.0/21",
		"mxs*.mail.ru mx*.mail.ru",
		"f*.i.mail.ru smtp*.mail.ru *.smtp.mail.ru",
		NULL,
		NULL,
	},
};

/* Sending sides whose lines below the origin are credible. Addresses are the
 * providers' published outbound ranges (SPF records and documentation). */
static const StSender senders[] = {
	{ ST_ORG_GOOGLE, "Google (Gmail, Workspace, Groups)",
		"209.85.128.0/17 74.125.0.0/16 64.233.160.0/19 66.102.0.0/20 66.249.80.0/20 "
		"72.14.192.0/18 108.177.8.0/21 173.194.0.0/16 172.217.0.0/19 172.253.0.0/16 "
		"216.58.192.0/19 35.190.247.0/24 2607:f8b0::/32 2a00:1450::/32 2404:6800::/32 "
		"2800:3f0::/32 2001:4860::/32",
		"*.google.com *.googlemail.com", "*.google.com *.googlemail.com *.gmail.com", TRUE,
		"2002:a00::/24" },
	{ ST_ORG_MICROSOFT, "Microsoft (Outlook.com, Microsoft 365)",
		"40.92.0.0/15 40.107.0.0/16 52.100.0.0/14 104.47.0.0/17 2a01:111:f400::/40 "
		"2a01:111:f403::/48 2603:1000::/24 2a01:111:e400::/48",
		"*.outbound.protection.outlook.com *.outlook.com *.hotmail.com",
		"*.outlook.com *.office365.com *.hotmail.com *.outlook.office365.com", FALSE,
		NULL },
	{ ST_ORG_YAHOO, "Yahoo / AOL",
		"66.163.184.0/21 66.163.176.0/20 74.6.128.0/19 98.136.0.0/14 106.10.144.0/20 "
		"212.82.96.0/19 77.238.176.0/22 87.248.110.0/24",
		"*.yahoo.com *.aol.com *.yahoo.net",
		"*.yahoo.com *.aol.com *.yahoo.net *.yahoodns.net", FALSE, NULL },
	{ ST_ORG_APPLE, "Apple iCloud", "17.0.0.0/8", "*.me.com *.icloud.com *.mac.com *.apple.com",
		"*.me.com *.icloud.com *.mac.com *.apple.com", FALSE, NULL },
	{ ST_ORG_ZOHO, "Zoho", "136.143.160.0/19 204.141.32.0/23 165.173.128.0/24",
		"*.zoho.com *.zohomail.com *.zoho.eu *.zoho.in",
		"*.zoho.com *.zohomail.com *.zoho.eu *.zoho.in", FALSE, NULL },
	{ ST_ORG_GMX, "GMX / web.de", "212.227.0.0/16 82.165.0.0/16 213.165.64.0/19",
		"mout*.gmx.net mout*.web.de mout*.gmx.com", "*.gmx.net *.gmx.com *.web.de", FALSE,
		NULL },
	{ ST_ORG_YANDEX, "Yandex",
		"77.88.0.0/18 5.45.192.0/18 95.108.128.0/17 87.250.224.0/19 2a02:6b8::/32",
		"*.yandex.net *.yandex.ru", "*.yandex.net *.yandex.ru", FALSE, NULL },
	{ ST_ORG_MAILRU, "Mail.ru",
		"94.100.176.0/20 217.69.128.0/20 185.5.136.0/22 95.163.0.0/16 5.61.232.0/21",
		"*.mail.ru", "*.mail.ru", FALSE, NULL },
	{ ST_ORG_FASTMAIL, "Fastmail", "103.168.172.0/22 66.111.4.0/24 202.12.124.0/24",
		"*.messagingengine.com *.fastmail.com",
		"*.messagingengine.com *.fastmail.com *.internal", FALSE, NULL },
	{ ST_ORG_PROTON, "Proton", "185.70.40.0/22 176.119.200.0/24 109.224.244.0/24",
		"*.protonmail.ch *.proton.ch *.mail-europe.com",
		"*.protonmail.ch *.proton.ch *.mail-europe.com", FALSE, NULL },
	{ ST_ORG_AMAZON, "Amazon SES",
		"54.240.0.0/18 23.249.208.0/20 23.251.224.0/19 76.223.128.0/19 199.255.192.0/22",
		"*.amazonses.com *.smtp-out.amazonses.com", "*.amazonses.com", FALSE, NULL },
	{ ST_ORG_SENDGRID, "SendGrid", "167.89.0.0/17 149.72.0.0/16 168.245.0.0/17 198.21.0.0/21",
		"*.sendgrid.net", "*.sendgrid.net", FALSE, NULL },
	{ ST_ORG_MAILCHIMP, "Mailchimp / Mandrill",
		"198.2.128.0/18 205.201.128.0/20 148.105.0.0/16",
		"*.mcsv.net *.mandrillapp.com *.rsgsv.net",
		"*.mcsv.net *.mandrillapp.com *.rsgsv.net", FALSE, NULL },
};

/* What the big providers' own servers always write. Exchange Online's
 * last hop, to the mailbox server, is "with HTTPS" and carries no id (the
 * topmost line of nearly every Microsoft 365 message); below the origin it
 * is seen in mail forwarded out of Outlook.com or Microsoft 365. The first
 * row whose writer matches decides. */
static const StLineShape shapes[] = {
	{ ST_ORG_GOOGLE, "mx.google.com", "SMTP SMTPS ESMTP ESMTPS ESMTPSA SMTPSA", TRUE, "",
		"Google's inbound servers" },
	{ ST_ORG_GOOGLE, "*.google.com",
		"SMTP SMTPS ESMTP ESMTPS ESMTPSA SMTPSA HTTP HTTPS HTTPREST", TRUE, "",
		"Google's servers" },
	{ ST_ORG_MICROSOFT, "*.prod.outlook.com", "Microsoft mapi HTTPS HTTP", TRUE, "HTTPS",
		"Exchange Online" },
	{ ST_ORG_MICROSOFT, "*.protection.outlook.com", "Microsoft mapi HTTPS HTTP", TRUE, "HTTPS",
		"Exchange Online Protection" },
	{ ST_ORG_MICROSOFT, "*.outlook.office365.com", "Microsoft mapi HTTPS HTTP", TRUE, "HTTPS",
		"Exchange Online" },
	{ ST_ORG_YAHOO, "*.yahoo.com", "SMTP SMTPS ESMTP ESMTPS ESMTPA ESMTPSA HTTP HTTPS NNFMP",
		FALSE, "", "Yahoo's servers" },
};

/* Free-mail providers whose abuse desks close a mailbox, the desk of each,
 * and the organisation it belongs to: one organisation gets one draft a
 * message, whichever of its names the spam used. */
static const StFreeMail free_mail[] = {
	{ "gmail.com", "gmail.com", ST_ORG_GOOGLE },
	{ "googlemail.com", "gmail.com", ST_ORG_GOOGLE },
	{ "google.com", "google.com", ST_ORG_GOOGLE },
	{ "outlook.com", "outlook.com", ST_ORG_MICROSOFT },
	{ "hotmail.com", "outlook.com", ST_ORG_MICROSOFT },
	{ "live.com", "outlook.com", ST_ORG_MICROSOFT },
	{ "msn.com", "outlook.com", ST_ORG_MICROSOFT },
	{ "yahoo.com", "yahoo.com", ST_ORG_YAHOO },
	{ "ymail.com", "yahoo.com", ST_ORG_YAHOO },
	{ "aol.com", "aol.com", ST_ORG_YAHOO },
	{ "icloud.com", "icloud.com", ST_ORG_APPLE },
	{ "me.com", "icloud.com", ST_ORG_APPLE },
	{ "mail.ru", "mail.ru", ST_ORG_MAILRU },
	{ "yandex.ru", "yandex.ru", ST_ORG_YANDEX },
	{ "yandex.com", "yandex.com", ST_ORG_YANDEX },
	{ "gmx.net", "gmx.net", ST_ORG_GMX },
	{ "gmx.de", "gmx.net", ST_ORG_GMX },
	{ "gmx.com", "gmx.net", ST_ORG_GMX },
	{ "web.de", "web.de", ST_ORG_GMX },
	{ "zoho.com", "zoho.com", ST_ORG_ZOHO },
	{ "protonmail.com", "protonmail.com", ST_ORG_PROTON },
	{ "proton.me", "protonmail.com", ST_ORG_PROTON },
	{ "mail.com", "mail.com", ST_ORG_NONE },
	{ "qq.com", "qq.com", ST_ORG_NONE },
	{ "163.com", "163.com", ST_ORG_NONE },
	{ "126.com", "126.com", ST_ORG_NONE },
};

/* The lists are space-separated words; they are read in place, without
 * copying, since the filter consults them for every hop. */
static gboolean
next_word (const char **p, char *buf, gsize size)
{
	while (**p == ' ')
		(*p)++;
	if (**p == '\0')
		return FALSE;
	gsize n = strcspn (*p, " ");
	if (n >= size)
		n = size - 1;
	memcpy (buf, *p, n);
	buf[n] = '\0';
	*p += strcspn (*p, " ");
	return TRUE;
}

/* TRUE when a glob of @list matches @host. st_domain_glob matches a '*'
 * across dots and the rest literally, in any case: the part of a glob
 * after its last '*' must end the host, and a glob whose part does not is
 * passed over unmatched (the filter asks this for every hop). */
static gboolean
any_glob (const char *list, const char *host)
{
	char glob[128];
	if (host == NULL || host[0] == '\0')
		return FALSE;
	gsize host_len = strlen (host);
	for (const char *p = list; *p != '\0';) {
		while (*p == ' ')
			p++;
		const char *word = p;
		gsize n = strcspn (p, " ");
		p += n;
		gsize tail = 0;
		while (tail < n && word[n - 1 - tail] != '*')
			tail++;
		if (n == 0 || n >= sizeof glob || tail > host_len ||
			g_ascii_strncasecmp (host + host_len - tail, word + n - tail, tail) != 0)
			continue;
		memcpy (glob, word, n);
		glob[n] = '\0';
		if (st_domain_glob (glob, host))
			return TRUE;
	}
	return FALSE;
}

/* The networks of the tables, parsed once for the process: the filter
 * consults them for every hop of every message. */
typedef struct {
	StCidr cidr[ST_PROVIDER_MAX_NETS];
	guint n;
} Nets;

static Nets internal_nets[G_N_ELEMENTS (providers)];
static Nets edge_nets[G_N_ELEMENTS (providers)];
static Nets sender_nets[G_N_ELEMENTS (senders)];
static Nets sender_hop_nets[G_N_ELEMENTS (senders)];

static void
compile_nets (const char *list, Nets *out)
{
	char net[64];
	out->n = 0;
	for (const char *p = list != NULL ? list : ""; next_word (&p, net, sizeof net);) {
		/* a row that does not parse or does not fit is a bug in the
		 * table, which the providers test catches */
		g_assert (out->n < ST_PROVIDER_MAX_NETS);
		gboolean parsed = st_cidr_parse (net, &out->cidr[out->n]);
		g_assert (parsed);
		out->n++;
	}
}

static void
compile_tables (void)
{
	static gsize done = 0;
	if (!g_once_init_enter (&done))
		return;
	for (gsize i = 0; i < G_N_ELEMENTS (providers); i++) {
		compile_nets (providers[i].internal_nets, &internal_nets[i]);
		compile_nets (providers[i].edge_nets, &edge_nets[i]);
	}
	for (gsize i = 0; i < G_N_ELEMENTS (senders); i++) {
		compile_nets (senders[i].nets, &sender_nets[i]);
		compile_nets (senders[i].hop_nets, &sender_hop_nets[i]);
	}
	g_once_init_leave (&done, 1);
}

static gboolean
in_nets (const Nets *nets, const StIp *ip)
{
	for (guint k = 0; k < nets->n; k++)
		if (st_cidr_contains (&nets->cidr[k], ip))
			return TRUE;
	return FALSE;
}

const StProvider *
st_provider_writer (const StReceived *hop)
{
	compile_tables ();
	for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
		if (any_glob (providers[i].internal_by, hop->by))
			return &providers[i];
	return NULL;
}

gboolean
st_provider_has_internal (const StProvider *p, const StIp *ip)
{
	compile_tables ();
	return in_nets (&internal_nets[p - providers], ip);
}

/* The first label of a host name, for comparing two names of one server:
 * Microsoft's frontend calls itself HE1EUR04FT031.eop-eur04.prod.protection.
 * outlook.com when it connects and HE1EUR04FT031.mail.protection.outlook.com
 * in its own line. */
static gsize
first_label (const char *host)
{
	return strcspn (host, ".");
}

gboolean
st_provider_wrote_below (const StReceived *hop, const StReceived *below)
{
	if (below == NULL || below->kind != ST_RECEIVED_RELAY || below->by[0] == '\0')
		return FALSE;
	if (hop->ip[0] != '\0' && below->by_ip[0] != '\0' && strcmp (hop->ip, below->by_ip) == 0)
		return TRUE;
	const char *name = hop->rdns[0] != '\0' ? hop->rdns : hop->helo;
	gsize n = first_label (name);
	/* a label of a few letters ("mail", "mx1") names no one server */
	return n >= 6 && name[n] == '.' && first_label (below->by) == n &&
	       g_ascii_strncasecmp (name, below->by, n) == 0;
}

const char *
st_provider_internal_proof (
	const StProvider *p, const StReceived *hop, const StIp *ip, const StReceived *below)
{
	compile_tables ();
	/* the name the provider's own server recorded: rDNS when it looked it
	 * up, the HELO otherwise (Exchange records only the HELO) */
	const char *name = hop->rdns[0] != '\0' ? hop->rdns : hop->helo;
	if (any_glob (p->outbound_names, name))
		return NULL;
	gboolean named = p->internal_names[0] == '\0' || any_glob (p->internal_names, name);
	gboolean wrote =
		st_provider_wrote_below (hop, below) && any_glob (p->internal_by, below->by);
	const char *why = NULL;

	gsize row = (gsize)(p - providers);
	if (ip == NULL) {
		/* Exchange's mailbox-to-mailbox hop ("from X.prod.outlook.com by
		 * Y.prod.outlook.com with HTTPS") may record no address: only
		 * the line below, written by that very host, vouches for it */
		if (hop->ip[0] == '\0' && p->internal_names[0] != '\0' && named && wrote)
			why = "no address recorded, but it wrote the line below";
	} else if (in_nets (&internal_nets[row], ip)) {
		if (named)
			why = "its address is in the receiving side's internal networks";
		else if (wrote)
			why = "its address is in the receiving side's internal networks, "
			      "and it wrote the line below";
	} else if (in_nets (&edge_nets[row], ip) && named && st_provider_wrote_below (hop, below) &&
		   any_glob (p->frontend_by, below->by)) {
		/* the edge networks hold outbound servers too: only the line
		 * below, written by this client as the inbound frontend that
		 * took the message from outside, shows the direction */
		why = "an inbound frontend in the published edge networks: it wrote the line "
		      "below";
	}
	return why;
}

gboolean
st_sender_has_addr (const StSender *s, const StIp *ip)
{
	compile_tables ();
	return ip != NULL && in_nets (&sender_nets[s - senders], ip);
}

gboolean
st_sender_owns (const StSender *s, const char *host)
{
	StIp ip;
	compile_tables ();
	if (s->hop_nets != NULL && st_ip_parse (host, -1, &ip))
		return in_nets (&sender_hop_nets[s - senders], &ip);
	return any_glob (s->hosts, host);
}

const StSender *
st_provider_sender_of_host (const char *host)
{
	for (gsize i = 0; i < G_N_ELEMENTS (senders); i++)
		if (any_glob (senders[i].hosts, host) || any_glob (senders[i].names, host))
			return &senders[i];
	return NULL;
}

/* A name of a provider's receiving side that is none of its outbound
 * servers' ("HE1EUR04FT031.eop-eur04.prod.protection.outlook.com"): a
 * frontend the walk could not prove internal is still no sending server. */
static gboolean
receiving_name (const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
		if (providers[i].internal_names[0] != '\0' &&
			any_glob (providers[i].internal_names, name) &&
			!any_glob (providers[i].outbound_names, name))
			return TRUE;
	return FALSE;
}

const StSender *
st_provider_sender_at (const StReceived *origin, const StIp *ip)
{
	/* every hop asks: the networks first, which rule out most clients
	 * at once, then the names */
	for (gsize i = 0; ip != NULL && i < G_N_ELEMENTS (senders); i++) {
		if (!st_sender_has_addr (&senders[i], ip))
			continue;
		if (any_glob (senders[i].names, origin->rdns) ||
			any_glob (senders[i].names, origin->helo))
			return receiving_name (
				       origin->rdns[0] != '\0' ? origin->rdns : origin->helo)
				       ? NULL
				       : &senders[i];
	}
	return NULL;
}

gboolean
st_provider_shared_host (const char *host)
{
	for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
		if (any_glob (providers[i].internal_by, host) ||
			any_glob (providers[i].internal_names, host) ||
			any_glob (providers[i].outbound_names, host))
			return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS (senders); i++)
		if (any_glob (senders[i].hosts, host) || any_glob (senders[i].names, host))
			return TRUE;
	return FALSE;
}

const StOrg *
st_org (StOrgId id)
{
	return id > ST_ORG_NONE && id < ST_ORG_COUNT ? &orgs[id] : NULL;
}

const StLineShape *
st_provider_shape (const char *by)
{
	for (gsize i = 0; by != NULL && by[0] != '\0' && i < G_N_ELEMENTS (shapes); i++)
		if (st_domain_glob (shapes[i].by, by))
			return &shapes[i];
	return NULL;
}

const StFreeMail *
st_provider_free_mail (const char *domain)
{
	for (gsize k = 0; domain != NULL && k < G_N_ELEMENTS (free_mail); k++)
		if (g_ascii_strcasecmp (domain, free_mail[k].domain) == 0)
			return &free_mail[k];
	return NULL;
}

const StProviderTables *
st_provider_tables (void)
{
	static const StProviderTables tables = {
		providers,
		G_N_ELEMENTS (providers),
		senders,
		G_N_ELEMENTS (senders),
		shapes,
		G_N_ELEMENTS (shapes),
		free_mail,
		G_N_ELEMENTS (free_mail),
	};
	return &tables;
}
