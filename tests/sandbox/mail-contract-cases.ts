// The cases the Mailpit contract holds a mail server to, written as data from Mailpit's documented
// behaviour (its API spec and search-filter docs) and the cases of its own search tests. Every address and
// text carries the run's `uid`, so the cases see only their own mail, also on a shared Mailpit.

/** How many numbered messages the search cases send (Mailpit's search test: one per number). */
export const NUMBERED = 12;

/** Message `i` of the numbered set: two To, two Cc, a Reply-To, and a body with punctuation to normalise. */
export function numbered(uid: string, i: number) {
  const at = (who: string) => `${who}-${i}@${uid}.example`;
  return {
    From: { Name: `From ${i}`, Email: at('from') },
    To: [
      { Name: `To ${i}`, Email: at('to') },
      { Name: `To2 ${i}`, Email: at('to2') },
    ],
    Cc: [
      { Name: `CC ${i}`, Email: at('cc') },
      { Name: `CC2 ${i}`, Email: at('cc2') },
    ],
    ReplyTo: [{ Name: `Reply To ${i}`, Email: at('reply-to') }],
    Subject: `Subject line ${i} end`,
    Text: `This is the email body ${i} <jdsauk;dwqmdqw;>.`,
  };
}

/**
 * Queries that find exactly message `i` (Mailpit's search test: by address with and without a field
 * prefix, by quoted subject, and by body text whose punctuation the normalisation removed).
 */
export function uniqueQueries(uid: string, i: number): string[] {
  const at = (who: string) => `${who}-${i}@${uid}.example`;
  return [
    at('from'),
    `from:${at('from')}`,
    at('to'),
    `to:${at('to')}`,
    at('to2'),
    `to:${at('to2')}`,
    at('cc'),
    `cc:${at('cc')}`,
    at('cc2'),
    `cc:${at('cc2')}`,
    at('reply-to'),
    `reply-to:"${at('reply-to')}"`,
    `"Subject line ${i} end" ${uid}`,
    `subject:"Subject line ${i} end" ${uid}`,
    `"the email body ${i} jdsauk dwqmdqw" ${uid}`,
  ];
}

/**
 * Queries over the whole numbered set and how many of it they find. `uid` narrows every one to this run.
 * Each line: the query, the expected count, and what Mailpit does that the case holds.
 */
export function setQueries(uid: string): Array<[query: string, count: number, why: string]> {
  const n = NUMBERED;
  return [
    [`This is the email body ${uid}`, n, 'plain words match the body text'],
    [`"this IS the EMAIL body" ${uid}`, n, 'text search ignores case'],
    [`jdsauk;dwqmdqw ${uid}`, n, 'a query is normalised like the stored text: ; becomes a space'],
    [`<jdsauk;dwqmdqw;> ${uid}`, n, 'and < > too'],
    [`"jdsauk,dwqmdqw" ${uid}`, n, 'and commas'],
    [`(jdsauk) ${uid}`, n, 'and parentheses'],
    [`subject:"subject LINE" ${uid}`, n, 'subject: ignores case of A-Z'],
    [`-subject:"line 1 end" ${uid}`, n - 1, 'a leading - negates'],
    [`!subject:"line 1 end" ${uid}`, n - 1, 'a leading ! negates'],
    [`is:foo ${uid}`, 0, 'an unknown is: is searched as text'],
    [`has:pdf ${uid}`, 0, 'an unknown has: is searched as text'],
    [`after:notadate ${uid}`, n, 'a date that is not one is ignored'],
    [`before:notadate ${uid}`, n, 'before: too'],
    [`after:2000-01-01 ${uid}`, n, 'after: an old date finds all'],
    [`before:2000-01-01 ${uid}`, 0, 'before: an old date finds none'],
    [`-before:2000-01-01 ${uid}`, n, 'a negated before: finds all'],
    [`from: ${uid}`, n, 'a prefix without a value is ignored'],
    [`<> ${uid}`, n, 'a term that normalises to nothing is ignored'],
    [`"unterminated ${uid}`, 0, 'an unterminated quote runs to the end, as one term'],
    [`larger:abc ${uid}`, 0, 'a size that is not one is searched as text'],
    [`larger:1 ${uid}`, n, 'larger: in bytes'],
    [`smaller:1mb ${uid}`, n, 'smaller: with a unit'],
    [`larger:1mb ${uid}`, 0, 'nothing here is that large'],
    [`has:attachment ${uid}`, 0, 'no numbered message has an attachment'],
    [`-has:attachment ${uid}`, n, 'negated flag'],
    [`is:unread ${uid}`, n, 'new mail is unread'],
    [`is:read ${uid}`, 0, 'and not read'],
    [`is:tagged ${uid}`, 0, 'no numbered message is tagged'],
    [`addressed:reply-to-1@${uid}.example`, 1, 'addressed: looks in Reply-To too'],
    [`addressed:"CC2 3" ${uid}`, 1, 'addressed: matches a name'],
    [`to:"to 2" ${uid}`, 1, 'to: matches a name, case of A-Z ignored'],
    [`-to:to-1@ ${uid}`, n - 1, 'negated to:'],
    [`from-1_@${uid}.example`, 3, 'an underscore is a one-character wildcard as in SQL LIKE: from-10 to -12'],
    [`message-id:@ ${uid}`, n, 'message-id: matches inside the ID'],
    [`tag:nothing-here ${uid}`, 0, 'an unknown tag matches nothing'],
    [`-tag:nothing-here ${uid}`, n, 'and its negation everything'],
  ];
}

/** Count of the ported search cases. */
export const searchCaseCount = (uid = 'x') =>
  NUMBERED * uniqueQueries(uid, 1).length + setQueries(uid).length;

/** A message of the shape Mailpit's tag test uses: X-Tags plus plus-addresses everywhere. */
export function taggedRaw(uid: string): string {
  return [
    `From: Sender <sender+FromTag@${uid}.example>`,
    `To: Recipient <recipient+ToTag@${uid}.example>`,
    `Cc: <cc+CcTag@${uid}.example>`,
    `Subject: tagged ${uid}`,
    'X-Tags: X-tag1, X-tag2,  ,x-TAG1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Tags come from the header and from the addresses.',
    '',
  ].join('\r\n');
}
export const TAGGED = ['CcTag', 'FromTag', 'ToTag', 'X-tag1', 'X-tag2'];

const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * A message whose parts sit at several depths: mixed[ alternative[ text, related[ html, inline png ] ],
 * pdf, png ]. Mailpit numbers the parts by their place: the inline image is 1.2.2, the files 2 and 3.
 */
export function nestedRaw(uid: string): string {
  return [
    `From: parts@${uid}.example`,
    `To: parts@${uid}.example`,
    `Subject: parts ${uid}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See the picture.',
    '--alt',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>See <img src="cid:pic@parts" alt="picture"> <a href="https://example.invalid/x">x</a></p>',
    '--rel',
    'Content-Type: image/png; name="pic.png"',
    'Content-Disposition: inline; filename="pic.png"',
    'Content-ID: <pic@parts>',
    'Content-Transfer-Encoding: base64',
    '',
    PNG_1x1,
    '--rel--',
    '--alt--',
    '--outer',
    'Content-Type: application/pdf; name="report-q3.pdf"',
    'Content-Disposition: attachment; filename="report-q3.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 not really').toString('base64'),
    '--outer',
    'Content-Type: image/png; name="chart.png"',
    'Content-Disposition: attachment; filename="chart.png"',
    'Content-Transfer-Encoding: base64',
    '',
    PNG_1x1,
    '--outer--',
    '',
  ].join('\r\n');
}
