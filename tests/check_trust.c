/* check_trust.c - tests for lib/trace/trust.c and lib/trace/providers.c: the walk and the origin.
 * RFC 5321 section 4.4; the provider rows of lib/trace/providers.c. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "received.h"
#include "trust.h"

#define MAX_LINES 8

typedef struct {
	const char *name;
	const char *lines[MAX_LINES]; /* Received: values, top first */
	const char *rules;            /* ";"-separated --trust rules, or NULL */
	int origin;                   /* expected origin hop, -1 for none */
	const char *ip;               /* expected origin ip */
	guint trusted;
	gboolean hint;
} WalkCase;

/* Microsoft 365: the lines above the inbound edge are written by
 * Microsoft's own hosts over 2603:10b6:: addresses. */
#define M365_TOP                                                                                   \
	"from SN6PR11MB1234.namprd11.prod.outlook.com (2603:10b6:805:d4::21) by "                  \
	"PH0PR11MB5678.namprd11.prod.outlook.com with HTTPS; Mon, 4 Sep 2023 12:56:24 +0000",      \
		"from DS7PR03CA0311.namprd03.prod.outlook.com (2603:10b6:8:2b::7) by "             \
		"SN6PR11MB1234.namprd11.prod.outlook.com (2603:10b6:805:d4::21) with Microsoft "   \
		"SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "   \
		"15.20.6745.31; Mon, 4 Sep 2023 12:56:23 +0000",                                   \
		"from DM6NAM11FT060.eop-nam11.prod.protection.outlook.com "                        \
		"(2603:10b6:8:2b:cafe::5d) by DS7PR03CA0311.outlook.office365.com "                \
		"(2603:10b6:8:2b::7) with Microsoft SMTP Server (version=TLS1_2, "                 \
		"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6745.32 via Frontend "     \
		"Transport; Mon, 4 Sep 2023 12:56:23 +0000"

/* The mailbox server above the second frontend, which connects from @ip and
 * calls itself by its *.prod.exchangelabs.com name. */
#define M365_HUB(ip)                                                                               \
	"from CH3PR19MB8106.namprd19.prod.outlook.com (::1) by "                                   \
	"MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Fri, 4 Aug 2023 23:09:28 +0000",      \
		"from DUZPR01CA0085.eurprd01.prod.exchangelabs.com (" ip ") by "                   \
		"CH3PR19MB8106.namprd19.prod.outlook.com (2603:10b6:610:175::11) with Microsoft "  \
		"SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "   \
		"15.20.6631.47; Fri, 4 Aug 2023 23:09:28 +0000"

/* The second frontend (by its outlook.office365.com name, at @ip) receiving
 * from the inbound frontend DB8EUR06FT038. */
#define M365_FE(ip)                                                                                \
	"from DB8EUR06FT038.eop-eur06.prod.protection.outlook.com "                                \
	"(2603:10a6:10:46a:cafe::bf) by DUZPR01CA0085.outlook.office365.com (" ip ") with "        \
	"Microsoft SMTP Server id 15.20.6652.22 via Frontend Transport; Fri, 4 Aug 2023 "          \
	"23:09:27 +0000"

/* A mailbox server whose client, at an internal address, has a name of no
 * shape we know. */
#define M365_UNKNOWN_NAME                                                                          \
	"from ZZ9PR01CA0001.eurprd01.example.invalid (2603:10a6:10:46a::17) by "                   \
	"CH3PR19MB8106.namprd19.prod.outlook.com (2603:10b6:610:175::11) with Microsoft SMTP "     \
	"Server id 15.20.6631.47; Fri, 4 Aug 2023 23:09:28 +0000"

/* The inbound frontend @host's own line: it took the message from @client. */
#define M365_FT(host, client)                                                                      \
	"from " client " by " host ".mail.protection.outlook.com (10.152.27.34) with Microsoft "   \
	"SMTP Server id 15.20.5901.21 via Frontend Transport; Tue, 13 Dec 2022 07:05:25 +0000"

/* A mailbox above a frontend in another region, which received from the
 * inbound frontend HE1EUR04FT031 connecting from @ip in Exchange Online's
 * published networks. */
#define M365_XREGION(ip)                                                                           \
	"from SN7PR19MB4750.namprd19.prod.outlook.com (::1) by "                                   \
	"MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Tue, 13 Dec 2022 07:05:27 +0000",     \
		"from GVX0EPF000013E5.SWEP280.PROD.OUTLOOK.COM (2603:10a6:144:1::25) by "          \
		"SN7PR19MB4750.namprd19.prod.outlook.com (2603:10b6:806:f4::8) with Microsoft "    \
		"SMTP Server id 15.20.5880.8; Tue, 13 Dec 2022 07:05:26 +0000",                    \
		"from HE1EUR04FT031.eop-eur04.prod.protection.outlook.com (" ip ") by "            \
		"GVX0EPF000013E5.outlook.office365.com (2603:1026:900:2::3) with Microsoft SMTP "  \
		"Server id 15.20.5791.24 via Frontend Transport; Tue, 13 Dec 2022 07:05:25 +0000"

static const WalkCase cases[] = {
	{ "postfix direct",
		{ "from mail.example.net (mail.example.net [192.0.2.25]) by mx.example.org "
		  "(Postfix) "
		  "with ESMTPS id 4Xk2; Tue, 3 Sep 2024 10:00:00 +0200" },
		NULL, 0, "192.0.2.25", 0, FALSE },
	{ "local delivery above the origin",
		{ "by mx.example.org (Postfix, from userid 1000) id 1; Tue, 3 Sep 2024 10:00:01 "
		  "+0200",
			"from mail.example.net (mail.example.net [198.51.100.7]) by mx.example.org "
			"(Postfix) with ESMTP id 2; Tue, 3 Sep 2024 10:00:00 +0200" },
		NULL, 1, "198.51.100.7", 1, FALSE },
	{ "content filter on loopback",
		{ "from localhost (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP "
		  "id "
		  "A1; Tue, 3 Sep 2024 10:00:02 +0200",
			"from mx.example.org ([127.0.0.1]) by localhost (mx.example.org "
			"[127.0.0.1]) "
			"(amavisd-new, port 10024) with ESMTP id xyz; Tue, 3 Sep 2024 10:00:01 "
			"+0200",
			"from bad.example.com (bad.example.com [203.0.113.9]) by mx.example.org "
			"(Postfix) with ESMTP id B2; Tue, 3 Sep 2024 10:00:00 +0200" },
		NULL, 2, "203.0.113.9", 2, FALSE },
	{ "private internal relay",
		{ "from relay.example.org (relay.example.org [10.1.2.3]) by mbox.example.org "
		  "(Postfix) with ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200",
			"from spam.example.com (spam.example.com [198.51.100.77]) by "
			"relay.example.org "
			"(Postfix) with ESMTP id D; Tue, 3 Sep 2024 10:00:00 +0200" },
		NULL, 1, "198.51.100.77", 1, FALSE },
	{ "declared relay by address",
		{ "from mx2.example.org (mx2.example.org [192.0.2.2]) by mbox.example.org "
		  "(Postfix) "
		  "with ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200",
			"from spam.example.com (spam.example.com [198.51.100.77]) by "
			"mx2.example.org "
			"(Postfix) with ESMTP id D; Tue, 3 Sep 2024 10:00:00 +0200" },
		"192.0.2.0/24", 1, "198.51.100.77", 1, FALSE },
	{ "declared relay by rdns domain",
		{ "from mx2.example.org (mx2.example.org [192.0.2.2]) by mbox.example.org "
		  "(Postfix) "
		  "with ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200",
			"from spam.example.com (spam.example.com [198.51.100.77]) by "
			"mx2.example.org "
			"(Postfix) with ESMTP id D; Tue, 3 Sep 2024 10:00:00 +0200" },
		"example.org", 1, "198.51.100.77", 1, FALSE },
	{ "a HELO name is never trusted",
		{ "from mx2.example.org (unknown [192.0.2.2]) by mbox.example.org (Postfix) with "
		  "ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200",
			"from x (x [198.51.100.77]) by mx2.example.org (Postfix) with ESMTP id D; "
			"Tue, "
			"3 Sep 2024 10:00:00 +0200" },
		"example.org", 0, "192.0.2.2", 0, FALSE },
	{ "may be forged rdns is not trusted",
		{ "from mx2.example.org (mx2.example.org [192.0.2.2] (may be forged)) by "
		  "mbox.example.org (8.15.2/8.15.2) with ESMTP id C; Tue, 3 Sep 2024 10:00:02 "
		  "+0200" },
		"example.org", 0, "192.0.2.2", 0, FALSE },
	{ "exclusion comes first",
		{ "from mx2.example.org (mx2.example.org [192.0.2.2]) by mbox.example.org "
		  "(Postfix) "
		  "with ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200" },
		"!192.0.2.2;192.0.2.0/24", 0, "192.0.2.2", 0, FALSE },
	{ "exclusion can take back loopback",
		{ "from localhost (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP "
		  "id "
		  "A1; Tue, 3 Sep 2024 10:00:02 +0200" },
		"!127.0.0.0/8", 0, "127.0.0.1", 0, FALSE },
	{ "same domain gives a hint",
		{ "from mx2.example.org (mx2.example.org [192.0.2.2]) by mbox.example.org "
		  "(Postfix) "
		  "with ESMTP id C; Tue, 3 Sep 2024 10:00:02 +0200" },
		NULL, 0, "192.0.2.2", 0, TRUE },
	{ "fetchmail pickup restarts the walk",
		{ "from localhost (localhost [127.0.0.1]) by laptop.example.org (Postfix) with "
		  "ESMTP "
		  "id 7C; Fri, 31 Aug 2001 04:39:15 +0100",
			"from pop.example.net [192.0.2.15] by localhost with POP3 "
			"(fetchmail-6.4.37) for "
			"<jm@localhost> (single-drop); Fri, 31 Aug 2001 13:39:15 +1000",
			"from mail.spammer.example (mail.spammer.example [198.51.100.226]) by "
			"pop.example.net (8.9.3/8.9.3) with ESMTP id MAA2; Thu, 30 Aug 2001 "
			"12:13:06 "
			"+0100" },
		NULL, 2, "198.51.100.226", 2, FALSE },
	{ "unparseable line stops the walk",
		{ "by mx.example.org (Postfix, from userid 0) id 1; Tue, 3 Sep 2024 10:00:01 +0200",
			"%%% garbage %%%",
			"from a (a [198.51.100.1]) by b (Postfix) with ESMTP id 2; Tue, 3 Sep 2024 "
			"10:00:00 +0200" },
		NULL, -1, NULL, 1, FALSE },
	{ "everything ours",
		{ "from localhost (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP "
		  "id "
		  "A1; Tue, 3 Sep 2024 10:00:02 +0200",
			"from pc.example.org (pc.example.org [192.168.1.20]) by mx.example.org "
			"(Postfix) with ESMTPSA id A0; Tue, 3 Sep 2024 10:00:01 +0200" },
		NULL, -1, NULL, 2, FALSE },
	{ "no client address at the boundary",
		{ "from spam.example.com by mx.example.org with SMTP id 1; Tue, 3 Sep 2024 "
		  "10:00:00 "
		  "+0200" },
		NULL, 0, "", 0, FALSE },
	{ "Microsoft 365, external sender",
		{ M365_TOP,
			"from mail.sender.example (198.51.100.54) by "
			"DM6NAM11FT060.mail.protection.outlook.com (10.13.173.63) with Microsoft "
			"SMTP "
			"Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) id "
			"15.20.6745.20 via Frontend Transport; Mon, 4 Sep 2023 12:56:23 +0000",
			"from [10.0.0.5] (unknown [192.0.2.99]) by mail.sender.example (Postfix) "
			"with "
			"ESMTPSA id 9; Mon, 4 Sep 2023 12:56:20 +0000" },
		NULL, 3, "198.51.100.54", 3, FALSE },
	{ "Microsoft 365, sender is another tenant",
		{ M365_TOP,
			"from NAM12-BN8-obe.outbound.protection.outlook.com (40.107.237.101) by "
			"DM6NAM11FT060.mail.protection.outlook.com (10.13.173.63) with Microsoft "
			"SMTP "
			"Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
			"15.20.6745.20 via Frontend Transport; Mon, 4 Sep 2023 12:56:23 +0000",
			"from BY5PR12MB4242.namprd12.prod.outlook.com (2603:10b6:a03:1a7::5) by "
			"BY5PR12MB4243.namprd12.prod.outlook.com (2603:10b6:a03:1a7::6) with "
			"Microsoft "
			"SMTP Server (version=TLS1_2, "
			"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
			"15.20.6745.20; Mon, 4 Sep 2023 12:56:22 +0000" },
		NULL, 3, "40.107.237.101", 3, FALSE },
	{ "Microsoft 365, tenant over IPv6 outbound",
		{ M365_TOP,
			"from NAM12-DM6-obe.outbound.protection.outlook.com "
			"(2a01:111:f400:fe59::716) by "
			"DM6NAM11FT060.mail.protection.outlook.com (2a01:111:e400:c40d::82) with "
			"Microsoft SMTP Server (version=TLS1_2, "
			"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6745.20 via "
			"Frontend "
			"Transport; Mon, 4 Sep 2023 12:56:23 +0000" },
		NULL, 3, "2a01:111:f400:fe59::716", 3, FALSE },
	{ "Outlook.com: an EOP hub hands to the mailbox over 2a01:111:e400::",
		{ "from DB5EUR03HT010.eop-EUR03.prod.protection.outlook.com "
		  "(2a01:111:e400:7e0a::39) by AM6PR04MB4470.eurprd04.prod.outlook.com with "
		  "HTTPS via AM6PR05CA0011.EURPRD05.PROD.OUTLOOK.COM; Tue, 3 Sep 2024 08:40:04 "
		  "+0000",
			"from DB5EUR03FT062.eop-EUR03.prod.protection.outlook.com (10.152.20.53) "
			"by DB5EUR03HT010.eop-EUR03.prod.protection.outlook.com (10.152.21.157) "
			"with Microsoft SMTP Server (version=TLS1_2, "
			"cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P256) id 15.20.1101.10; "
			"Tue, 3 Sep 2024 08:40:03 +0000",
			"from jy8kz (192.0.2.77) by DB5EUR03FT062.mail.protection.outlook.com "
			"(10.152.20.120) with Microsoft SMTP Server id 15.20.1101.10 via Frontend "
			"Transport; Tue, 3 Sep 2024 08:40:02 +0000" },
		NULL, 2, "192.0.2.77", 2, FALSE },
	{ "Outlook.com's outbound edge over 2a01:111:f400:: is another customer",
		{ "from NAM12-DM6-obe.outbound.protection.outlook.com "
		  "(2a01:111:f400:fe59::716) by AM6PR04MB4470.eurprd04.prod.outlook.com with "
		  "Microsoft SMTP Server id 15.20.1101.10; Tue, 3 Sep 2024 08:40:04 +0000" },
		NULL, 0, "2a01:111:f400:fe59::716", 0, FALSE },
	{ "Microsoft 365, loopback top and upper-case names",
		{ "from CH3P223MB1165.NAMP223.PROD.OUTLOOK.COM (::1) by "
		  "LV3P223MB0968.NAMP223.PROD.OUTLOOK.COM with HTTPS; Sun, 13 Aug 2023 10:01:02 "
		  "+0000",
			"from DM6PR17CA0017.namprd17.prod.outlook.com (2603:10b6:5:1b3::27) by "
			"CH3P223MB1165.NAMP223.PROD.OUTLOOK.COM (2603:10b6:610:1b7::5) with "
			"Microsoft "
			"SMTP Server (version=TLS1_2, "
			"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id "
			"15.20.6678.19; Sun, 13 Aug 2023 10:01:01 +0000",
			"from DM6NAM04FT065.eop-NAM04.prod.protection.outlook.com "
			"(2603:10b6:5:1b3:cafe::7f) by DM6PR17CA0017.outlook.office365.com "
			"(2603:10b6:5:1b3::27) with Microsoft SMTP Server (version=TLS1_2, "
			"cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.6678.19 via "
			"Frontend "
			"Transport; Sun, 13 Aug 2023 10:01:01 +0000",
			"from some.host.example (45.61.137.3) by "
			"DM6NAM04FT065.mail.protection.outlook.com (10.13.158.85) with Microsoft "
			"SMTP "
			"Server id 15.20.6678.19 via Frontend Transport; Sun, 13 Aug 2023 10:01:00 "
			"+0000" },
		NULL, 3, "45.61.137.3", 3, FALSE },
	{ "Microsoft 365 before IPv6: 25/8 hops and protection.gbl names",
		{ "from BY2PR04MB1234.namprd04.prod.outlook.com (25.160.45.12) by "
		  "BY2PR04MB5678.namprd04.prod.outlook.com (25.160.45.13) with Microsoft SMTP "
		  "Server "
		  "(TLS) id 15.1.409.15; Tue, 3 May 2016 10:00:02 +0000",
			"from BL2FFO11FD012.protection.gbl (10.173.161.204) by "
			"BY2PR04MB1234.namprd04.prod.outlook.com (25.160.45.12) with Microsoft "
			"SMTP "
			"Server (TLS) id 15.1.409.15; Tue, 3 May 2016 10:00:02 +0000",
			"from mail.sender.example (89.187.142.10) by "
			"BL2FFO11FD012.mail.protection.outlook.com (10.173.161.204) with Microsoft "
			"SMTP "
			"Server id 15.1.409.15 via Frontend Transport; Tue, 3 May 2016 10:00:01 "
			"+0000" },
		NULL, 2, "89.187.142.10", 2, FALSE },
	{ "Microsoft name claimed from a foreign address",
		{ "from DM6NAM11FT060.eop-nam11.prod.protection.outlook.com (198.51.100.8) by "
		  "DS7PR03CA0311.outlook.office365.com (2603:10b6:8:2b::7) with Microsoft SMTP "
		  "Server "
		  "id 15.20.6745.32 via Frontend Transport; Mon, 4 Sep 2023 12:56:23 +0000" },
		NULL, 0, "198.51.100.8", 0, FALSE },
	{ "Microsoft address written by a stranger",
		{ "from DS7PR03CA0311.namprd03.prod.outlook.com (2603:10b6:8:2b::7) by "
		  "mx.example.org (Postfix) with ESMTPS id 1; Mon, 4 Sep 2023 12:56:23 +0000" },
		NULL, 0, "2603:10b6:8:2b::7", 0, FALSE },
	{ "Microsoft 365: the second frontend calls itself *.prod.exchangelabs.com",
		{ M365_HUB ("2603:10a6:10:46a::17"), M365_FE ("2603:10a6:10:46a::17"),
			M365_FT ("DB8EUR06FT038", "mail.sender.example (198.51.100.4)") },
		NULL, 3, "198.51.100.4", 3, FALSE },
	{ "Microsoft 365: an internal address and a name we do not know, proven by the line "
	  "below",
		{ M365_UNKNOWN_NAME, M365_FE ("2603:10a6:10:46a::17"),
			M365_FT ("DB8EUR06FT038", "mail.sender.example (198.51.100.4)") },
		NULL, 2, "198.51.100.4", 2, FALSE },
	{ "Microsoft 365: an internal address and a name we do not know, no proof",
		{ M365_UNKNOWN_NAME,
			M365_FT ("DB8EUR06FT038", "mail.sender.example (198.51.100.4)") },
		NULL, 0, "2603:10a6:10:46a::17", 0, FALSE },
	{ "Microsoft 365: a frontend in another region hands over from the published edge "
	  "network",
		{ M365_XREGION ("2a01:111:f400:7e0d::205"),
			M365_FT ("HE1EUR04FT031", "mail.sender.example (198.51.100.9)") },
		NULL, 3, "198.51.100.9", 3, FALSE },
	{ "Microsoft 365: the other region's frontend relays another tenant's mail",
		{ M365_XREGION ("2a01:111:f403:4b::200"),
			M365_FT ("HE1EUR04FT031",
				"EUR03-AM7-obe.outbound.protection.outlook.com (52.100.13.247)"),
			"from DB7PR02MB4742.eurprd02.prod.outlook.com (2603:10a6:10:29::21) by "
			"DB9PR02MB6588.eurprd02.prod.outlook.com (2603:10a6:10:216::11) with "
			"Microsoft SMTP Server id 15.20.7386.27; Wed, 20 Mar 2024 08:07:10 +0000" },
		NULL, 3, "52.100.13.247", 3, FALSE },
	{ "Microsoft 365: an edge address with no line below is not proven a frontend",
		{ M365_XREGION ("2a01:111:f400:7e0d::205") }, NULL, 2, "2a01:111:f400:7e0d::205", 2,
		FALSE },
	{ "Microsoft 365: an edge address whose line below another host wrote",
		{ M365_XREGION ("2a01:111:f400:7e0d::205"),
			M365_FT ("AM0EUR02FT009", "mail.sender.example (198.51.100.9)") },
		NULL, 2, "2a01:111:f400:7e0d::205", 2, FALSE },
	{ "Microsoft 365: an edge address whose line below is no inbound frontend's",
		{ M365_XREGION ("2a01:111:f400:7e0d::205"),
			"from mail.sender.example (198.51.100.9) by "
			"HE1EUR04FT031.eurprd04.prod.outlook.com (10.152.27.34) with Microsoft "
			"SMTP "
			"Server id 15.20.5901.21; Tue, 13 Dec 2022 07:05:25 +0000" },
		NULL, 2, "2a01:111:f400:7e0d::205", 2, FALSE },
	{ "Microsoft 365: the other region's frontend connects by its own frontend name",
		{ "from SN7PR19MB4750.namprd19.prod.outlook.com (::1) by "
		  "MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Tue, 13 Dec 2022 07:05:27 "
		  "+0000",
			"from HE1EUR04FT031.mail.protection.outlook.com (52.101.69.7) by "
			"SN7PR19MB4750.namprd19.prod.outlook.com (2603:10b6:806:f4::8) with "
			"Microsoft SMTP Server id 15.20.5880.8; Tue, 13 Dec 2022 07:05:26 +0000",
			M365_FT ("HE1EUR04FT031", "mail.sender.example (198.51.100.9)") },
		NULL, 2, "198.51.100.9", 2, FALSE },
	{ "Microsoft 365: another tenant's outbound server is the origin, whatever lies below",
		{ M365_TOP,
			"from NAM12-BN8-obe.outbound.protection.outlook.com (40.107.237.101) by "
			"DM6NAM11FT060.mail.protection.outlook.com (10.13.173.63) with Microsoft "
			"SMTP Server id 15.20.6745.20 via Frontend Transport; Mon, 4 Sep 2023 "
			"12:56:23 +0000",
			"from spam.example (198.51.100.3) by "
			"NAM12-BN8-obe.mail.protection.outlook.com (40.107.237.101) with Microsoft "
			"SMTP Server id 15.20.6745.20 via Frontend Transport; Mon, 4 Sep 2023 "
			"12:56:22 +0000" },
		NULL, 3, "40.107.237.101", 3, FALSE },
	{ "Microsoft 365: a mailbox hop with no address, proven by the line below",
		{ "from MN2PR19MB3966.namprd19.prod.outlook.com by "
		  "MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Thu, 3 Nov 2022 04:56:17 "
		  "+0000",
			"from AM7PR02CA0005.eurprd02.prod.outlook.com (2603:10a6:20b:100::15) by "
			"MN2PR19MB3966.namprd19.prod.outlook.com (2603:10b6:208:1e8::10) with "
			"Microsoft SMTP Server id 15.20.5769.16; Thu, 3 Nov 2022 04:56:16 +0000",
			"from mail.sender.example (198.51.100.5) by "
			"AM7PR02CA0005.mail.protection.outlook.com (10.233.243.188) with Microsoft "
			"SMTP Server id 15.20.5791.20 via Frontend Transport; Thu, 3 Nov 2022 "
			"04:56:15 +0000" },
		NULL, 2, "198.51.100.5", 2, FALSE },
	{ "Microsoft 365: a hop with no address and no line of its own below",
		{ "from MN2PR19MB3966.namprd19.prod.outlook.com by "
		  "MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Thu, 3 Nov 2022 04:56:17 "
		  "+0000",
			"from mail.sender.example (198.51.100.5) by "
			"AM7PR02CA0005.mail.protection.outlook.com (10.233.243.188) with Microsoft "
			"SMTP Server id 15.20.5791.20 via Frontend Transport; Thu, 3 Nov 2022 "
			"04:56:15 +0000" },
		NULL, 0, "", 0, FALSE },
	{ "Microsoft 365: a mailbox forwards inside Microsoft, back through an inbound frontend",
		{ M365_TOP,
			"from SA0PR19MB4508.namprd19.prod.outlook.com (2603:10b6:806:b8::7) by "
			"DM6NAM11FT060.mail.protection.outlook.com (10.13.173.63) with Microsoft "
			"SMTP Server id 15.20.6745.20 via Frontend Transport; Mon, 4 Sep 2023 "
			"12:56:22 +0000",
			"from DM6PR17CA0017.namprd17.prod.outlook.com (2603:10b6:5:1b3::27) by "
			"SA0PR19MB4508.namprd19.prod.outlook.com (2603:10b6:806:b8::7) with "
			"Microsoft SMTP Server id 15.20.6678.19; Mon, 4 Sep 2023 12:56:21 +0000",
			"from DM6NAM04FT065.eop-NAM04.prod.protection.outlook.com "
			"(2603:10b6:5:1b3:cafe::7f) by DM6PR17CA0017.outlook.office365.com "
			"(2603:10b6:5:1b3::27) with Microsoft SMTP Server id 15.20.6678.19 via "
			"Frontend Transport; Mon, 4 Sep 2023 12:56:21 +0000",
			"from some.host.example (45.61.137.3) by "
			"DM6NAM04FT065.mail.protection.outlook.com (10.13.158.85) with Microsoft "
			"SMTP Server id 15.20.6678.19 via Frontend Transport; Mon, 4 Sep 2023 "
			"12:56:20 +0000" },
		NULL, 6, "45.61.137.3", 6, FALSE },
	{ "a line that records two different client addresses stops the walk",
		{ "from relay.example.net (192.168.7.9) ([198.51.100.82]) by mx.example.org with "
		  "SMTP; Tue, 3 Sep 2024 10:00:00 +0200",
			"from a (a [198.51.100.1]) by relay.example.net (Postfix) with ESMTP id 2; "
			"Tue, 3 Sep 2024 09:59:59 +0200" },
		NULL, -1, NULL, 0, FALSE },
	{ "Gmail, external sender",
		{ "by 2002:a05:6a10:ab0b:b0:4d1:2f3e:9c1a with SMTP id x12csp123456pxb; Tue, 3 Sep "
		  "2024 01:00:01 -0700 (PDT)",
			"from mail.example.com (mail.example.com. [192.0.2.1]) by mx.google.com "
			"with "
			"ESMTPS id a1si123456pfa.12.2024.09.03.01.00.00 for <bob@gmail.com> "
			"(version=TLS1_3 "
			"cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 03 Sep 2024 01:00:00 "
			"-0700 "
			"(PDT)" },
		NULL, 1, "192.0.2.1", 1, FALSE },
	{ "Gmail, another Gmail account",
		{ "by 2002:a05:6a10:ab0b:b0:4d1:2f3e:9c1a with SMTP id x12csp123456pxb; Tue, 3 Sep "
		  "2024 01:00:01 -0700 (PDT)",
			"from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) "
			"by "
			"mx.google.com with SMTPS id a1sor123456pfa.12.2024.09.03.01.00.00 for "
			"<bob@gmail.com> (Google Transport Security); Tue, 03 Sep 2024 01:00:00 "
			"-0700 "
			"(PDT)",
			"by mail-pf1-f169.google.com with SMTP id d2e1a72fcca58-71df04d3cd1so123; "
			"Tue, "
			"03 Sep 2024 01:00:00 -0700 (PDT)" },
		NULL, 1, "209.85.220.41", 1, FALSE },
	{ "Yahoo inbound",
		{ "from 10.217.135.127 by atlas317.free.mail.ne1.yahoo.com with HTTP; Tue, 3 Sep "
		  "2024 "
		  "10:00:01 +0000",
			"from 192.0.2.1 (EHLO mail.example.com) by 10.217.135.127 with SMTPs "
			"(version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256); Tue, 3 Sep 2024 10:00:00 "
			"+0000" },
		NULL, 1, "192.0.2.1", 1, FALSE },
};

START_TEST (test_walk)
{
	const WalkCase *c = &cases[_i];
	g_autoptr (StTrust) t = st_trust_new ();
	StHop *hops = g_new0 (StHop, MAX_LINES + 1);
	guint n = 0;
	StWalk w;

	if (c->rules != NULL) {
		g_auto (GStrv) rules = g_strsplit (c->rules, ";", -1);
		for (char **r = rules; *r != NULL; r++)
			ck_assert (st_trust_add (t, *r, NULL));
	}
	for (int i = 0; i < MAX_LINES && c->lines[i] != NULL; i++, n++)
		st_hop_init (&hops[n], st_received_parse (c->lines[i], -1), (guint)i);

	st_trust_walk (t, hops, n, &w);
	ck_assert_msg (w.origin == c->origin, "%s: origin hop %d, want %d (%s)", c->name, w.origin,
		c->origin, w.reason ? w.reason : "");
	if (c->origin >= 0) {
		const StReceived *o = hops[c->origin].line;
		ck_assert_str_eq (o->ip, c->ip);
	} else {
		ck_assert_ptr_nonnull (w.reason);
	}
	ck_assert_msg (
		w.trusted == c->trusted, "%s: trusted %u, want %u", c->name, w.trusted, c->trusted);
	for (guint i = 0; i < n; i++)
		ck_assert_int_eq (
			hops[i].trusted, c->origin >= 0 ? (int)i < c->origin : i < c->trusted);
	ck_assert_msg (
		(w.hint != NULL) == c->hint, "%s: hint %s", c->name, w.hint ? w.hint : "(none)");
	st_walk_clear (&w);
	st_hops_free (hops, n);
}
END_TEST

START_TEST (test_empty)
{
	StWalk w;
	st_trust_walk (NULL, NULL, 0, &w);
	ck_assert_int_eq (w.origin, -1);
	ck_assert_ptr_nonnull (strstr (w.reason, "no Received"));
	st_walk_clear (&w);
}
END_TEST

static const struct {
	const char *spec;
	gboolean ok;
} rule_cases[] = {
	{ "192.0.2.1", TRUE },
	{ "192.0.2.0/24", TRUE },
	{ "2001:db8::/32", TRUE },
	{ "!10.0.0.0/8", TRUE },
	{ "mx.example.org", TRUE },
	{ "*.example.org", TRUE },
	{ ".example.org", TRUE },
	{ "!bad.example.org", TRUE },
	{ "192.0.2.0/33", FALSE },
	{ "500.1.1.1", FALSE },
	{ "exa mple.org", FALSE },
	{ "", FALSE },
	{ "!", FALSE },
	{ "a..b", FALSE },
	{ "x/y", FALSE },
};

START_TEST (test_rules)
{
	g_autoptr (StTrust) t = st_trust_new ();
	g_autoptr (GError) error = NULL;
	gboolean ok = st_trust_add (t, rule_cases[_i].spec, &error);
	ck_assert_msg (ok == rule_cases[_i].ok, "'%s'", rule_cases[_i].spec);
	ck_assert (ok || error != NULL);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("trust");
	TCase *tc = tcase_create ("walk");
	tcase_add_loop_test (tc, test_walk, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_empty);
	tcase_add_loop_test (tc, test_rules, 0, G_N_ELEMENTS (rule_cases));
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
