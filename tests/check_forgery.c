/* check_forgery.c - tests for lib/trace/forgery.c, lib/trace/authres.c and lib/trace/verdict.c:
 * every reason code, positive and negative. RFC 5321 4.4, RFC 8601, RFC 7489. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "finding.h"

/* Our side: a trusted internal relay, then the boundary line. */
#define TOP                                                                                        \
	"Received: from mail.example.org (mail.example.org [10.0.0.2]) by mbox.example.org "       \
	"(Postfix) with ESMTP id A1 for <alice@example.org>; Tue, 3 Sep 2024 10:00:05 +0200\n"
#define ORIGIN_LINE(helo)                                                                          \
	"Received: from " helo " (dsl-45-61-137-3.dyn.isp.example [45.61.137.3]) by "              \
	"mail.example.org (Postfix) with ESMTP id A0 for <alice@example.org>; Tue, 3 Sep 2024 "    \
	"10:00:04 +0200\n"
#define ORIGIN ORIGIN_LINE ("dsl-45-61-137-3.dyn.isp.example")
#define BODY "From: x@isp.example\nSubject: s\nDate: Tue, 3 Sep 2024 08:00:00 +0000\n\nbody\n"
/* a line the origin host wrote, below it: consistent with the chain */
#define BELOW(client, date)                                                                        \
	"Received: from " client                                                                   \
	" by dsl-45-61-137-3.dyn.isp.example (Postfix) with ESMTP id B1; " date "\n"

typedef struct {
	const char *name;
	const char *msg;
	int hop;
	const char *code;
	gboolean present;
	const char *list; /* "forged", "insecure", "notes" */
} Case;

static const Case cases[] = {
	/* invalid-ip */
	{ "invalid-ip: octets over 255",
		TOP ORIGIN BELOW ("x ([500.202.999.352])", "Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "invalid-ip", TRUE, "forged" },
	/* an address written with a leading zero is malformed (invalid-ip), yet
	 * it still says where the client was: a provider's name claimed from
	 * outside its network is judged as for any other address */
	{ "invalid-ip: a leading zero still shows a claimed provider name",
		TOP ORIGIN BELOW ("mail-ed1-f41.google.com (unknown [203.000.113.9])",
			"Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "helo-impersonation", TRUE, "forged" },
	{ "invalid-ip: a good address",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "invalid-ip", FALSE, "forged" },
	/* reserved-ip */
	{ "reserved-ip: documentation range",
		TOP ORIGIN BELOW ("x (x.example [192.0.2.77])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "reserved-ip", TRUE, "forged" },
	{ "reserved-ip: multicast",
		TOP ORIGIN BELOW ("x (x.example [224.1.2.3])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "reserved-ip", TRUE, "forged" },
	{ "reserved-ip: IPv6 documentation",
		TOP ORIGIN BELOW (
			"x (x.example [IPv6:2001:db8::7])", "Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "reserved-ip", TRUE, "forged" },
	{ "reserved-ip: unassigned IPv6 on an internal hop is only a note",
		TOP ORIGIN BELOW ("db (db.w10.example [IPv6:fd:ac::d:3])",
			"Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "reserved-ip", FALSE, "forged" },
	{ "reserved-ip: unassigned IPv6 noted",
		TOP ORIGIN BELOW ("db (db.w10.example [IPv6:fd:ac::d:3])",
			"Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "private-ip", TRUE, "notes" },
	{ "reserved-ip: IPv6 multicast still forged",
		TOP ORIGIN BELOW ("x (x.example [IPv6:ff02::1])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "reserved-ip", TRUE, "forged" },
	{ "reserved-ip: private is only a note",
		TOP ORIGIN BELOW ("pc (pc.lan [192.168.1.20])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "reserved-ip", FALSE, "forged" },
	{ "reserved-ip: private noted",
		TOP ORIGIN BELOW ("pc (pc.lan [192.168.1.20])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "private-ip", TRUE, "notes" },
	{ "reserved-ip: loopback on the same host is a local hop",
		TOP ORIGIN BELOW (
			"localhost (localhost [127.0.0.1])", "Tue, 3 Sep 2024 08:00:03 +0000") BODY,
		2, "reserved-ip", FALSE, "forged" },
	{ "reserved-ip: loopback claimed by a host the chain contradicts",
		TOP ORIGIN "Received: from evil.example (evil.example [127.0.0.1]) by "
			   "mx.google.com with ESMTPS id "
			   "q1; Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "reserved-ip", TRUE, "forged" },
	{ "reserved-ip: not judged on our own line",
		TOP "Received: from x (x [192.0.2.9]) by mail.example.org (Postfix) with ESMTP id "
		    "A0; Tue, 3 "
		    "Sep 2024 10:00:04 +0200\n" BODY,
		1, "reserved-ip", FALSE, "forged" },
	/* chain-break */
	{ "chain-break: a provider's host that did not receive it",
		TOP ORIGIN "Received: from smtp.bank.example ([66.102.1.27]) by mx.google.com with "
			   "ESMTPS id q1; "
			   "Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "chain-break", TRUE, "forged" },
	{ "chain-break: the host the line above names",
		TOP ORIGIN BELOW ("pc (pc.lan [192.168.1.20])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "chain-break", FALSE, "forged" },
	{ "chain-break: another name of a host is only a note",
		TOP ORIGIN "Received: from pc (pc.lan [192.168.1.20]) by smtp.other.example "
			   "(Postfix) with ESMTP id "
			   "B1; Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "chain-mismatch", TRUE, "notes" },
	{ "chain-break: the provider's own address",
		TOP
		"Received: from mail-wm1-f54.google.com (mail-wm1-f54.google.com [209.85.128.54]) "
		"by "
		"mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: by mail-wm1-f54.google.com with SMTP id 5b1f17b1804b1; Tue, 03 Sep 2024 "
		"01:00:03 -0700\n" BODY,
		2, "chain-break", FALSE, "forged" },
	{ "chain-break: our own server, which received it from another host",
		TOP ORIGIN "Received: from pc.example.org (pc.example.org [81.2.69.145]) by "
			   "mail.example.org (Postfix) with ESMTP id B1; Tue, 3 Sep 2024 "
			   "08:00:03 +0000\n" BODY,
		2, "chain-break", TRUE, "forged" },
	{ "chain-break: our own server, named by the line above (a message that came back)",
		TOP "Received: from lists.other.example (lists.other.example [81.2.69.160]) by "
		    "mail.example.org (Postfix) with ESMTP id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		    "Received: from mail.example.org (mail.example.org [45.61.137.3]) by "
		    "lists.other.example (Postfix) with ESMTP id L1; Tue, 3 Sep 2024 08:00:03 "
		    "+0000\n"
		    "Received: from pc.example.org (pc.example.org [81.2.69.145]) by "
		    "mail.example.org (Postfix) with ESMTPSA id B1; Tue, 3 Sep 2024 08:00:02 "
		    "+0000\n" BODY,
		3, "chain-break", FALSE, "forged" },
	/* shape-mismatch */
	{ "shape-mismatch: Exchange Online's HTTPS hop to the mailbox has no id",
		TOP
		"Received: from EUR05-DB8-obe.outbound.protection.outlook.com "
		"(mail-db8eur05olkn2050."
		"outbound.protection.outlook.com [40.92.89.50]) by mail.example.org (Postfix) with "
		"ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: from DB5EUR03HT011.eop-EUR03.prod.protection.outlook.com "
		"(2a01:111:e400:7e0a::41) by AS8PR10MB6790.EURPRD10.PROD.OUTLOOK.COM with HTTPS; "
		"Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "shape-mismatch", FALSE, "forged" },
	{ "shape-mismatch: Exchange Online's SMTP hop always has an id",
		TOP
		"Received: from EUR05-DB8-obe.outbound.protection.outlook.com "
		"(mail-db8eur05olkn2050."
		"outbound.protection.outlook.com [40.92.89.50]) by mail.example.org (Postfix) with "
		"ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: from DB5EUR03HT011.eop-EUR03.prod.protection.outlook.com "
		"(2a01:111:e400:7e0a::41) by AS8PR10MB6790.EURPRD10.PROD.OUTLOOK.COM with "
		"Microsoft "
		"SMTP Server; Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "shape-mismatch", TRUE, "forged" },
	/* time-travel */
	{ "time-travel: days later than the line above",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Fri, 6 Sep 2024 08:00:03 +0000")
			BODY,
		2, "time-travel", TRUE, "forged" },
	{ "time-travel: a wrong zone is not forgery",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 18:00:03 +0000")
			BODY,
		2, "time-travel", FALSE, "forged" },
	{ "time-travel: a wrong zone is noted",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 18:00:03 +0000")
			BODY,
		2, "clock-skew", TRUE, "notes" },
	{ "time-travel: an impossible date",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Sat, 31 Feb 2024 08:00:03 +0000")
			BODY,
		2, "time-travel", TRUE, "forged" },
	{ "time-travel: earlier is normal",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 07:00:03 +0000")
			BODY,
		2, "time-travel", FALSE, "forged" },
	/* helo-impersonation */
	{ "helo-impersonation: our own host name", TOP ORIGIN_LINE ("mail.example.org") BODY, 1,
		"helo-impersonation", TRUE, "forged" },
	{ "helo-impersonation: our own domain", TOP ORIGIN_LINE ("gateway.example.org") BODY, 1,
		"helo-impersonation", TRUE, "forged" },
	{ "helo-impersonation: a big provider's host from outside its network",
		TOP ORIGIN_LINE ("mail-wr1-f41.google.com") BODY, 1, "helo-impersonation", TRUE,
		"forged" },
	{ "helo-impersonation: a big provider's host with no DNS name at all (Postfix's unknown)",
		TOP "Received: from NAM10-DM6-obe.outbound.protection.outlook.com (unknown "
		    "[45.61.137.3]) by mail.example.org (Postfix) with ESMTPS id A0 for "
		    "<alice@example.org>; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", TRUE, "forged" },
	{ "helo-impersonation: a big provider's host, no DNS name, inside its network",
		TOP "Received: from NAM10-DM6-obe.outbound.protection.outlook.com (unknown "
		    "[40.107.92.41]) by mail.example.org (Postfix) with ESMTPS id A0 for "
		    "<alice@example.org>; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: a big provider's host, no name recorded (Exchange writes none)",
		TOP "Received: from NAM10-DM6-obe.outbound.protection.outlook.com (45.61.137.3) "
		    "by mail.example.org (10.0.0.2) with Microsoft SMTP Server id 15.2.1258.12; "
		    "Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: a big provider's host from inside its network",
		TOP "Received: from mail-wr1-f41.google.com (mail-wr1-f41.google.com "
		    "[209.85.221.41]) by mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep "
		    "2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: a provider's name the receiver's DNS confirms",
		TOP "Received: from sonic301-2.consmr.mail.ne1.yahoo.com "
		    "(sonic301-2.consmr.mail.ne1.yahoo.com [81.2.69.160]) by mail.example.org "
		    "(Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: a name of its own", TOP ORIGIN_LINE ("smtp.isp.example") BODY, 1,
		"helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: another address literal",
		TOP "Received: from [81.2.69.160] (unknown [45.61.137.3]) by mail.example.org "
		    "(Postfix) with "
		    "ESMTP id A0; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", TRUE, "forged" },
	{ "helo-impersonation: its own address literal",
		TOP "Received: from [45.61.137.3] (unknown [45.61.137.3]) by mail.example.org "
		    "(Postfix) with "
		    "ESMTP id A0; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	{ "helo-impersonation: a private literal behind NAT",
		TOP "Received: from [192.168.1.10] (unknown [45.61.137.3]) by mail.example.org "
		    "(Postfix) "
		    "with ESMTP id A0; Tue, 3 Sep 2024 10:00:04 +0200\n" BODY,
		1, "helo-impersonation", FALSE, "forged" },
	/* out-of-block */
	{ "out-of-block: below the message's own fields",
		TOP ORIGIN "From: x@isp.example\n" BELOW ("x (x.example [81.2.69.160])",
			"Tue, 3 Sep 2024 08:00:03 +0000") "Subject: s\n\nbody\n",
		2, "out-of-block", TRUE, "forged" },
	{ "out-of-block: in the trace block",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "out-of-block", FALSE, "forged" },
	/* unparseable */
	{ "unparseable: junk", TOP ORIGIN "Received: %%% 12 34 @@@\n" BODY, 2, "unparseable", TRUE,
		"forged" },
	{ "unparseable: an old form we do not read",
		TOP ORIGIN "Received: from Messages.7.14.N.CUILIB via MS.5.6.host; Thu, 3 Oct 1991 "
			   "16:03:08 -0400\n" BODY,
		2, "unparseable", FALSE, "forged" },
	/* shape-mismatch */
	{ "shape-mismatch: Google never writes this",
		TOP ORIGIN "Received: from x (x [81.2.69.160]) by mx.google.com with Microsoft "
			   "SMTPSVC(6.0); Tue, 3 "
			   "Sep 2024 08:00:03 +0000\n" BODY,
		2, "shape-mismatch", TRUE, "forged" },
	{ "shape-mismatch: Google's own shape",
		TOP
		"Received: from mail-wm1-f54.google.com (mail-wm1-f54.google.com [209.85.128.54]) "
		"by "
		"mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: by mail-wm1-f54.google.com with SMTP id 5b1f17b1804b1; Tue, 03 Sep 2024 "
		"01:00:03 -0700\n" BODY,
		2, "shape-mismatch", FALSE, "forged" },
	/* insecure relays */
	{ "no-client-ip: a relay that records no address",
		TOP ORIGIN "Received: from pc.customer.example by dsl-45-61-137-3.dyn.isp.example "
			   "with SMTP id 7; "
			   "Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "no-client-ip", TRUE, "insecure" },
	{ "no-client-ip: a line with an address",
		TOP ORIGIN BELOW ("x (x.example [81.2.69.160])", "Tue, 3 Sep 2024 08:00:03 +0000")
			BODY,
		2, "no-client-ip", FALSE, "insecure" },
	{ "no-client-ip: Gmail hides its client by policy",
		TOP
		"Received: from mail-wm1-f54.google.com (mail-wm1-f54.google.com [209.85.128.54]) "
		"by "
		"mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: by mail-wm1-f54.google.com with SMTP id 5b1f17b1804b1; Tue, 03 Sep 2024 "
		"01:00:03 -0700\n" BODY,
		2, "no-client-ip", FALSE, "insecure" },
	{ "no-client-ip: a webmail session (with HTTP) is a login, not an anonymous sender",
		TOP ORIGIN
		"Received: from MTMxNjE2NzQ (unknown) by dsl-45-61-137-3.dyn.isp.example "
		"with HTTP id 7; "
		"Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "no-client-ip", FALSE, "insecure" },
	{ "no-client-ip: SMTP AUTH without the address",
		TOP ORIGIN "Received: from pc.customer.example by dsl-45-61-137-3.dyn.isp.example "
			   "with ESMTPSA id 7; "
			   "Tue, 3 Sep 2024 08:00:03 +0000\n" BODY,
		2, "no-client-ip", FALSE, "insecure" },
	{ "open-relay: a stranger's mail for a stranger",
		"Received: from relay.uni.example (relay.uni.example [130.226.1.2]) by "
		"mail.example.org "
		"(Postfix) with ESMTP id A0 for <alice@example.org>; Tue, 3 Sep 2024 10:00:04 "
		"+0200\n"
		"Received: from host-5-6-7-8.cable.other.example (host-5-6-7-8.cable.other.example "
		"[5.6.7.8]) by relay.uni.example (8.15.2/8.15.2) with SMTP id 1 for "
		"<alice@example.org>; "
		"Tue, 3 Sep 2024 08:00:02 GMT\n" BODY,
		1, "open-relay", TRUE, "insecure" },
	{ "open-relay: its own customer",
		"Received: from relay.uni.example (relay.uni.example [130.226.1.2]) by "
		"mail.example.org "
		"(Postfix) with ESMTP id A0 for <alice@example.org>; Tue, 3 Sep 2024 10:00:04 "
		"+0200\n"
		"Received: from pc7.dorm.uni.example (pc7.dorm.uni.example [5.6.7.8]) by "
		"relay.uni.example (8.15.2/8.15.2) with SMTP id 1 for <alice@example.org>; Tue, 3 "
		"Sep "
		"2024 08:00:02 GMT\n" BODY,
		1, "open-relay", FALSE, "insecure" },
	{ "open-relay: logged in",
		"Received: from relay.uni.example (relay.uni.example [130.226.1.2]) by "
		"mail.example.org "
		"(Postfix) with ESMTP id A0 for <alice@example.org>; Tue, 3 Sep 2024 10:00:04 "
		"+0200\n"
		"Received: from host-5-6-7-8.cable.other.example (host-5-6-7-8.cable.other.example "
		"[5.6.7.8]) by relay.uni.example (8.15.2/8.15.2) with ESMTPSA id 1 for "
		"<alice@example.org>; Tue, 3 Sep 2024 08:00:02 GMT\n" BODY,
		1, "open-relay", FALSE, "insecure" },
};

static const GPtrArray *
list_of (const StAnalysis *a, int hop, const char *name)
{
	const StHopJudgement *j = &a->hop[hop].judged;
	if (g_str_equal (name, "forged"))
		return j->forged;
	if (g_str_equal (name, "insecure"))
		return j->insecure;
	return j->notes;
}

START_TEST (test_codes)
{
	const Case *c = &cases[_i];
	g_autoptr (StAnalysis) a = st_analysis_run (c->msg, strlen (c->msg), FALSE, NULL);

	ck_assert_msg ((guint)c->hop < a->n_hops, "%s: only %u hops", c->name, a->n_hops);
	const GPtrArray *list = list_of (a, c->hop, c->list);
	gboolean has = st_finding_list_has (list, c->code);
	if (has != c->present) {
		GString *all = g_string_new (NULL);
		for (guint h = 0; h < a->n_hops; h++)
			for (guint k = 0;
				k < a->hop[h].judged.forged->len + a->hop[h].judged.notes->len;
				k++) {
				const StHopJudgement *j = &a->hop[h].judged;
				const StFinding *f = k < j->forged->len
							     ? j->forged->pdata[k]
							     : j->notes->pdata[k - j->forged->len];
				g_string_append_printf (
					all, " [hop %u %s: %s]", h, f->code, f->detail);
			}
		ck_abort_msg ("%s: %s %s at hop %d;%s", c->name, c->code,
			c->present ? "missing" : "present", c->hop, all->str);
	}
	/* a forged finding makes the line forged and the message suspect */
	if (c->present && g_str_equal (c->list, "forged")) {
		ck_assert_int_eq (a->hop[c->hop].judged.judgement, ST_JUDGEMENT_FORGED);
		ck_assert (a->verdict.suspect);
	}
}
END_TEST

START_TEST (test_below_forged_unverifiable)
{
	const char *msg = TOP ORIGIN BELOW ("x ([500.202.999.352])",
		"Tue, 3 Sep 2024 08:00:03 +0000") "Received: from y (y.example [81.2.69.161]) by x "
						  "with SMTP id 9; Tue, 3 Sep 2024 "
						  "08:00:01 +0000\n" BODY;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	ck_assert_int_eq (a->hop[0].judged.judgement, ST_JUDGEMENT_TRUSTED);
	ck_assert_int_eq (a->hop[1].judged.judgement, ST_JUDGEMENT_CONSISTENT);
	ck_assert_int_eq (a->hop[2].judged.judgement, ST_JUDGEMENT_FORGED);
	ck_assert_int_eq (a->hop[3].judged.judgement, ST_JUDGEMENT_UNVERIFIABLE);
}
END_TEST

/* Authentication-Results counts only when our own servers wrote it */
static const struct {
	const char *name;
	const char *msg;
	const char *dmarc;
	gboolean from_forged;
	gboolean suspect;
} auth_cases[] = {
	{ "ours, DMARC fail",
		"Authentication-Results: mail.example.org; spf=fail smtp.mailfrom=bank.example; "
		"dkim=none; dmarc=fail (p=reject) header.from=bank.example\n" TOP ORIGIN
		"From: <security@bank.example>\n\n",
		"fail", TRUE, TRUE },
	{ "attacker-written, below the origin",
		TOP ORIGIN
		"Authentication-Results: mail.example.org; dmarc=pass header.from=bank.example\n"
		"From: <security@bank.example>\n\n",
		"", FALSE, FALSE },
	{ "Gmail's own, just below its line",
		"Received: from dsl-45-61-137-3.dyn.isp.example (dsl-45-61-137-3.dyn.isp.example. "
		"[45.61.137.3]) by mx.google.com with ESMTPS id a1si1.12 for "
		"<alice@gmail.example>; "
		"Tue, 03 Sep 2024 01:00:04 -0700 (PDT)\n"
		"Received-SPF: fail (google.com: domain of x@bank.example does not designate "
		"45.61.137.3 as permitted sender) client-ip=45.61.137.3;\n"
		"Authentication-Results: mx.google.com; spf=fail smtp.mailfrom=x@bank.example; "
		"dmarc=fail (p=REJECT) header.from=bank.example\n"
		"Authentication-Results: mx.google.com; dmarc=pass header.from=bank.example\n"
		"From: <security@bank.example>\n\n",
		"fail", TRUE, TRUE },
	{ "below the line of a server we have no profile for",
		"Received: from dsl-45-61-137-3.dyn.isp.example (dsl-45-61-137-3.dyn.isp.example "
		"[45.61.137.3]) by mail.example.org (Postfix) with ESMTP id A0; Tue, 3 Sep 2024 "
		"10:00:04 +0200\n"
		"Authentication-Results: mail.example.org; dmarc=fail header.from=bank.example\n"
		"From: <security@bank.example>\n\n",
		"", FALSE, FALSE },
	{ "a provider's own above its line: a second one below is the sender's",
		"Authentication-Results: mx.google.com; dmarc=fail header.from=bank.example\n"
		"Received: from dsl-45-61-137-3.dyn.isp.example (dsl-45-61-137-3.dyn.isp.example. "
		"[45.61.137.3]) by mx.google.com with ESMTPS id a1si1.12; Tue, 03 Sep 2024 "
		"01:00:04 -0700 (PDT)\n"
		"Authentication-Results: mx.google.com; dmarc=pass header.from=bank.example\n"
		"From: <security@bank.example>\n\n",
		"fail", TRUE, TRUE },
	{ "Microsoft's form without an authserv-id",
		"Authentication-Results: spf=fail (sender IP is 45.61.137.3) "
		"smtp.mailfrom=bank.example; dkim=none (message not signed) "
		"header.d=none;dmarc=fail action=quarantine header.from=bank.example;compauth=fail "
		"reason=000\n" TOP ORIGIN "From: \"Bank\" <security@bank.example>\n\n",
		"fail", TRUE, TRUE },
	{ "SPF fail for the From: domain without DMARC",
		"Authentication-Results: mail.example.org; spf=fail smtp.mailfrom=bank.example; "
		"dkim=none\n" TOP ORIGIN "From: security@bank.example\n\n",
		"", TRUE, TRUE },
	{ "SPF fail but DKIM of the From: domain passes",
		"Authentication-Results: mail.example.org; spf=fail smtp.mailfrom=bank.example; "
		"dkim=pass header.d=bank.example\n" TOP ORIGIN "From: security@bank.example\n\n",
		"", FALSE, FALSE },
	{ "everything passes",
		"Authentication-Results: mail.example.org; spf=pass smtp.mailfrom=shop.example; "
		"dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example\n" TOP ORIGIN
		"From: news@shop.example\n\n",
		"pass", FALSE, FALSE },
	{ "SpamAssassin of our own said spam",
		"X-Spam-Flag: YES\nX-Spam-Status: Yes, score=9.1 required=5.0\n" TOP ORIGIN
		"From: a@b.example\n\n",
		"", FALSE, TRUE },
	{ "an attacker's X-Spam-Status: No changes nothing",
		TOP ORIGIN "X-Spam-Status: Yes, score=9.1\nFrom: a@b.example\n\n", "", FALSE,
		FALSE },
	{ "our Exim's spamd verdict, appended after the message's fields",
		TOP ORIGIN
		"From: a@b.example\nSubject: s\nX-Spam-Score: 12.3\nX-Spam-Flag: YES\n\n",
		"", FALSE, TRUE },
	{ "appended, but saying not spam",
		TOP ORIGIN "From: a@b.example\nSubject: s\nX-Spam-Flag: NO\n\n", "", FALSE, FALSE },
	{ "Microsoft SCL 9",
		"X-MS-Exchange-Organization-SCL: 9\n" TOP ORIGIN "From: a@b.example\n\n", "", FALSE,
		TRUE },
	{ "Microsoft SCL 1",
		"X-MS-Exchange-Organization-SCL: 1\n" TOP ORIGIN "From: a@b.example\n\n", "", FALSE,
		FALSE },
};

START_TEST (test_auth)
{
	g_autoptr (StAnalysis) a =
		st_analysis_run (auth_cases[_i].msg, strlen (auth_cases[_i].msg), FALSE, NULL);
	ck_assert_msg (g_str_equal (a->auth.dmarc, auth_cases[_i].dmarc), "%s: dmarc '%s'",
		auth_cases[_i].name, a->auth.dmarc);
	ck_assert_msg (a->auth.from_forged == auth_cases[_i].from_forged, "%s: from_forged %d (%s)",
		auth_cases[_i].name, a->auth.from_forged, a->auth.from_forged_why);
	ck_assert_msg (a->verdict.suspect == auth_cases[_i].suspect, "%s: suspect %d score %.1f",
		auth_cases[_i].name, a->verdict.suspect, a->verdict.score);
}
END_TEST

START_TEST (test_authserv_id)
{
	const char *msg =
		"Authentication-Results: other.example; dmarc=fail header.from=bank.example\n"
		"Authentication-Results: mail.example.org; dmarc=pass "
		"header.from=bank.example\n" TOP ORIGIN "From: security@bank.example\n\n";
	g_autoptr (StSettings) s = st_settings_new ();
	s->authserv_id = g_strdup ("mail.example.org");
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, s);
	ck_assert_str_eq (a->auth.dmarc, "pass");
	ck_assert_str_eq (a->auth.authserv_id, "mail.example.org");
}
END_TEST

START_TEST (test_source)
{
	/* Microsoft 365 records the client that submitted to it */
	const char *msg =
		"Received: from mail-dm6nam12on2101.outbound.protection.outlook.com "
		"(mail-dm6nam12on2101."
		"outbound.protection.outlook.com [40.107.243.101]) by mail.example.org (Postfix) "
		"with "
		"ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"
		"Received: from BY5PR12MB4242.namprd12.prod.outlook.com (2603:10b6:a03:1a7::5) by "
		"BY5PR12MB4243.namprd12.prod.outlook.com (2603:10b6:a03:1a7::6) with Microsoft "
		"SMTP "
		"Server id 15.20.6745.20; Tue, 3 Sep 2024 08:00:03 +0000\n"
		"Received: from [192.168.1.7] (81.2.69.160) by "
		"BY5PR12MB4242.namprd12.prod.outlook.com "
		"(2603:10b6:a03:1a7::5) with Microsoft SMTP Server id 15.20.6745.20; Tue, 3 Sep "
		"2024 "
		"08:00:02 +0000\n" BODY;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	ck_assert_int_eq (a->walk.origin, 0);
	ck_assert_int_eq (a->source.hop, 2);
	ck_assert_str_eq (a->hop[2].line->ip, "81.2.69.160");
}
END_TEST

/* A Microsoft frontend the walk could not prove internal (no line of its
 * own below) is the origin, but no outbound server: no source is read
 * below it as Microsoft's sending side. */
START_TEST (test_source_not_a_frontend)
{
	const char *msg =
		"Received: from HE1EUR04FT031.eop-eur04.prod.protection.outlook.com "
		"(2a01:111:f400:7e0d::205) by GVX0EPF000013E5.outlook.office365.com "
		"(2603:1026:900:2::3) with Microsoft SMTP Server id 15.20.5791.24 via Frontend "
		"Transport; Tue, 13 Dec 2022 07:05:25 +0000\n"
		"Received: from ebretti.example (81.2.69.160) by "
		"AM0EUR02FT009.mail.protection.outlook.com (10.152.27.34) with Microsoft SMTP "
		"Server id 15.20.5901.21 via Frontend Transport; Tue, 13 Dec 2022 07:05:24 "
		"+0000\n" BODY;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	ck_assert_int_eq (a->walk.origin, 0);
	ck_assert_int_eq (a->source.hop, -1);
	ck_assert (!a->source.hidden);
}
END_TEST

/* Microsoft's receiving side writes X-Sender-IP too, with the address of the
 * server that connected to its edge: when that is the origin itself, the
 * field names no web client. Another address there does. */
START_TEST (test_webmail_client)
{
	static const struct {
		const char *field;
		const char *want;
	} rows[] = {
		{ "X-Sender-IP: 40.107.243.101\n", NULL },
		{ "X-Originating-IP: [81.2.69.160]\n", "81.2.69.160" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS (rows); i++) {
		g_autofree char *msg = g_strconcat (
			"Received: from NAM12-DM6-obe.outbound.protection.outlook.com "
			"(mail-dm6nam12on2101.outbound.protection.outlook.com [40.107.243.101]) by "
			"mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 "
			"+0200\n",
			rows[i].field, BODY, NULL);
		g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
		ck_assert_int_eq (a->walk.origin, 0);
		if (rows[i].want == NULL)
			ck_assert_ptr_null (a->webmail_ip);
		else
			ck_assert_str_eq (a->webmail_ip, rows[i].want);
	}
}
END_TEST

/* Gmail's outbound server: a web submission records no client (hidden by
 * policy); a forward from another Gmail account keeps that account's lines
 * below, and the deepest records the client (the source) */
#define GMAIL_ORIGIN                                                                               \
	"Received: from mail-sor-f69.google.com (mail-sor-f69.google.com [209.85.220.69]) by "     \
	"mail.example.org (Postfix) with ESMTPS id A0; Tue, 3 Sep 2024 10:00:04 +0200\n"

START_TEST (test_source_gmail_web)
{
	const char *msg =
		GMAIL_ORIGIN "MIME-Version: 1.0\n"
			     "Received: by 2002:a05:6504:1a0c:b0:2b1:3e4f:9a1d with HTTP; "
			     "Tue, 3 Sep 2024 01:00:01 -0700 (PDT)\n" BODY;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	ck_assert_int_eq (a->walk.origin, 0);
	ck_assert_int_eq (a->source.hop, -1);
	ck_assert (a->source.hidden);
	ck_assert_int_eq (a->hop[1].judged.forged->len, 0);
}
END_TEST

START_TEST (test_source_gmail_forward)
{
	const char *msg = GMAIL_ORIGIN
		"Delivered-To: first@gmail.example\n"
		"Received: by 2002:a05:6022:618a:b0:4d:3a2b:1c0d with SMTP id x10csp445566lag; "
		"Tue, 3 Sep 2024 01:00:03 -0700 (PDT)\n"
		"Received: from smtp.cheap-host.example (smtp.cheap-host.example. [89.160.20.112]) "
		"by mx.google.com with ESMTPS id d2e1a72fcca58-7173a1b2c3dsi123456b3a.15 for "
		"<first@gmail.example>; Tue, 03 Sep 2024 01:00:02 -0700 (PDT)\n" BODY;
	g_autoptr (StAnalysis) a = st_analysis_run (msg, strlen (msg), FALSE, NULL);
	ck_assert_int_eq (a->walk.origin, 0);
	ck_assert_int_eq (a->source.hop, 2);
	ck_assert (!a->source.hidden);
}
END_TEST

int
main (void)
{
	Suite *s = suite_create ("forgery");
	TCase *tc = tcase_create ("codes");
	tcase_add_loop_test (tc, test_codes, 0, G_N_ELEMENTS (cases));
	tcase_add_test (tc, test_below_forged_unverifiable);
	tcase_add_loop_test (tc, test_auth, 0, G_N_ELEMENTS (auth_cases));
	tcase_add_test (tc, test_authserv_id);
	tcase_add_test (tc, test_source);
	tcase_add_test (tc, test_source_gmail_web);
	tcase_add_test (tc, test_webmail_client);
	tcase_add_test (tc, test_source_not_a_frontend);
	tcase_add_test (tc, test_source_gmail_forward);
	suite_add_tcase (s, tc);
	SRunner *sr = srunner_create (s);
	srunner_run_all (sr, CK_NORMAL);
	int failed = srunner_ntests_failed (sr);
	srunner_free (sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
