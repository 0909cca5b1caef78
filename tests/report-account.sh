#!/bin/sh
# tests/report-account.sh - the sending account of mail a large provider's own server sent:
# named only on what our server or the provider wrote, one draft per organisation, and never
# on what the sender wrote (RFC 8601 results below our line, a field anyone can add, a From:
# of gmail.com sent from elsewhere, a From: our server found forged).
. "${top_srcdir:-.}/tests/lib.sh"

REPORT="$top_builddir/report/spamtrace-report"
[ -x "$REPORT" ] || skip_all "no $REPORT: build first"
T="--offline --template-dir $top_srcdir/templates"
R="$DATA/report"
export EMAIL=alice@home.zz

# the draft's note, before the copy of the headers
notes() {
	# shellcheck disable=SC2086
	"$REPORT" $T --dry-run "$@" 2> /dev/null | sed '/^----- The header section/,/^----- end of draft/d'
}

# Google's outbound server, our DKIM pass for gmail.com: the account, and one
# draft for Google though the reply mailbox is at googlemail.com
notes < "$R/gmail-account.eml" > "$TMP/ok"
grep -q '^The sending account: lotto.claims.desk@gmail.com$' "$TMP/ok" &&
	pass "a Gmail account proven by our server's DKIM check is named first" ||
	fail "the Gmail account is not named: $(cat "$TMP/ok")"
n=$(grep -c '^----- draft ' "$TMP/ok")
[ "$n" = 1 ] && grep -q 'claims.office.desk@googlemail.com' "$TMP/ok" &&
	pass "one draft for Google: the reply mailbox at googlemail.com joins the account's" ||
	fail "Google gets $n drafts"
"$REPORT" $T --json < "$R/gmail-account.eml" 2> /dev/null > "$TMP/ok.json"
grep -q '"role":"account"' "$TMP/ok.json" && grep -q '"certainty":"proven"' "$TMP/ok.json" &&
	pass "--json: the account and how sure" || fail "--json: $(cat "$TMP/ok.json")"

# attack: the spammer's Authentication-Results below our line, a forged
# X-Google-Smtp-Source, From: gmail.com: the origin is another network
notes < "$R/gmail-forged-authres.eml" > "$TMP/a1"
! grep -qi 'innocent.person\|sending account\|account of yours' "$TMP/a1" &&
	grep -q '^To: abuse@hosting-two.zz$' "$TMP/a1" &&
	pass "results and fields below our line name no account; the origin's network hears" ||
	fail "an account named on the sender's word: $(cat "$TMP/a1")"

# attack: Google's server, but our server found the From: forged (DMARC
# failed) and the message has two X-Google-Smtp-Source fields
notes < "$R/gmail-unsigned.eml" > "$TMP/a2"
! grep -qi 'innocent.person' "$TMP/a2" &&
	grep -q '^The sending account: we could not tell which\.$' "$TMP/a2" &&
	! grep -q 'AGHT+' "$TMP/a2" &&
	pass "a forged From: is not the account, and two references are none" ||
	fail "a forged From: was named: $(cat "$TMP/a2")"

# a From: of gmail.com, no signature checked, from Google's server: said to be a guess
sed '/^Authentication-Results:/,/^Received:/{/^Received:/!d}' "$R/gmail-account.eml" |
	notes > "$TMP/g"
grep -q '^The sending account, as far as we can tell: lotto.claims.desk@gmail.com$' "$TMP/g" &&
	grep -q '^This is a guess, not a finding' "$TMP/g" &&
	pass "an unconfirmed From: is named as a guess, and said to be one" ||
	fail "the guess: $(cat "$TMP/g")"

# Yahoo's outbound server; the first line Yahoo wrote records the account
# that authenticated: the provider's own word, over a From: nothing confirms
notes < "$R/yahoo-auth.eml" > "$TMP/y"
grep -q '^The sending account: prize.office.desk@yahoo.com$' "$TMP/y" &&
	grep -q '^To: abuse@yahoo.com$' "$TMP/y" &&
	pass "the account a provider's own line records as authenticated" ||
	fail "the authenticated account: $(cat "$TMP/y")"
# attack: the same line, but the origin is another network: it is the sender's
notes < "$R/yahoo-auth-forged.eml" > "$TMP/a3"
! grep -qi 'prize.office.desk\|winners.desk\|sending account' "$TMP/a3" &&
	pass "an 'Authenticated sender' below another network's origin names no account" ||
	fail "an account named on the sender's line: $(cat "$TMP/a3")"

finish
