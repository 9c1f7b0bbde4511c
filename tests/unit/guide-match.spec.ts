// Matching quoted guide words against what was shown: case, whitespace, quote style and trailing dots
// do not matter; whole words do. Missing words come with the closest shown strings.
import { parseConfig } from '../../lib/config.ts';
import { ariaTexts } from '../../lib/guide/watch.ts';
import { expect, test } from '@playwright/test';
import {
  checkStep,
  closest,
  describeMissing,
  hostMapFor,
  isShown,
  normalize,
  parseGuide,
  redact,
  similarity,
} from '../../lib/guide/index.ts';

test('normalisation ignores case, spacing, quote marks and trailing punctuation', () => {
  expect(normalize('  «Glemt   ditt passord?» ')).toBe('glemt ditt passord');
  expect(normalize('Get the security code sent as an SMS.....')).toBe('get the security code sent as an sms');
  expect(normalize('Get the security code sent as an SMS…')).toBe('get the security code sent as an sms');
  expect(normalize('Can’t scan QR code?')).toBe("can't scan qr code");
  expect(normalize('“Next.”')).toBe('next');
});

test('a quote is found inside a longer shown text, but only on whole words', () => {
  const shown = ['Customer Portal', 'Email address\nNext', 'Save my email address for next time'];
  expect(isShown('NEXT', shown)).toBe(true);
  expect(isShown('email  address', shown)).toBe(true);
  expect(isShown('Get the security code sent as an SMS…', ['Get the security code sent as an SMS'])).toBe(
    true,
  );
  expect(
    isShown('I have safely copied and stored this code.', ['I have safely copied and stored this code']),
  ).toBe(true);
  expect(isShown('Next', ['Nextcloud', 'Nexte'])).toBe(false);
  expect(isShown('Portal', ['Portals'])).toBe(false);
  expect(isShown('Tilbakestill passord', ['Nullstill passord', 'Tilbake til innlogging'])).toBe(false);
  expect(isShown('Can’t scan QR code?', ["Can't scan QR code?"])).toBe(true);
});

test('the closest shown strings, best first, with scores 0..1', () => {
  const shown = [
    'Nullstill passord',
    'Tilbake til innlogging',
    'Engangs innloggingslenke',
    'Angi din e-postadresse',
  ];
  const top = closest('Tilbakestill passord', shown);
  expect(top).toHaveLength(3);
  expect(top[0]?.text).toBe('Nullstill passord');
  expect(top[0]!.score).toBeGreaterThan(top[1]!.score);
  expect(top.every((s) => s.score >= 0 && s.score <= 1)).toBe(true);
  expect(similarity('Next', 'next.')).toBe(1);
  expect(similarity('abc', 'xyz')).toBe(0);
});

test('a matching phrase inside a long paragraph is offered as a suggestion on its own', () => {
  const paragraph =
    'Angi din e-postadresse og klikk på ønsket knapp under. Nullstill passord: motta en epost for å bytte passord.';
  const [best] = closest('Tilbakestill passord', [paragraph]);
  expect(best?.text).toBe('Nullstill passord:');
});

test('the drift message lists the suggestions in the guide report format', () => {
  expect(
    describeMissing('Tilbakestill passord', [
      { text: 'Nullstill passord', score: 0.82 },
      { text: 'Tilbake til innlogging', score: 0.41 },
    ]),
  ).toBe(
    'guide says «Tilbakestill passord»; closest shown: «Nullstill passord» (0.82), «Tilbake til innlogging» (0.41)',
  );
  expect(describeMissing('Verify', [])).toBe('guide says «Verify»; nothing similar was shown');
});

test('secrets are masked before they reach a message', () => {
  expect(redact('code 123456 sent')).toBe('code •••••• sent');
  expect(redact('Your code: 5917-AJ4D-JMPZ-JRCB-4DK8')).toBe('Your code: ••••-••••-••••');
  expect(redact('key JBSW Y3DP EHPK 3PXP here')).toBe('key •••• (key) here');
  expect(redact('open http://connect.localhost:4400/activate?token=abcDEF123&x=1')).toBe(
    'open http://connect.localhost:4400/activate?token=•••&x=1',
  );
  expect(redact('password Hunter2!x typed', ['Hunter2!x'])).toBe('password ••• typed');
  expect(redact('call +4542822160')).toBe('call +4542822160');
});

test('a whole shown label is preferred to a similar run of words cut out of a sentence', () => {
  const shown = [
    'Motta en epost for å tilbakestille ditt passord.',
    'Nullstill passord',
    'Engangs innloggingslenke',
  ];
  expect(closest('Tilbakestill passord', shown)[0]?.text).toBe('Nullstill passord');
});

test('the texts of an ARIA snapshot: names and same-line texts, never the next line read as a colon’s text', () => {
  const snapshot = [
    '- main:',
    '  - heading "Visma Home" [level=1]',
    '  - region "Apps":',
    '    - paragraph: Visma Home',
    '    - link "Open \\"Visma Home\\"":',
    '      - /url: /x',
  ].join('\n');
  expect(ariaTexts(snapshot)).toEqual(['Visma Home', 'Apps', 'Visma Home', 'Open \\"Visma Home\\"', '/x']);
});

test('a quoted sender address matches whole: as written, or with its domain as the target writes it', () => {
  const [step] = parseGuide('Step 1: You get a mail from "do.not.reply@mail.connect.visma.com".', {
    file: 'mail.txt',
    format: 'text',
    locale: 'en',
  }).steps;
  // The sandbox's default addresses: the sender there is do.not.reply@mail.connect.localhost.
  const hostMap = hostMapFor(parseConfig({}).urls);
  const sender = (from: string) =>
    checkStep(
      step!,
      { page: [], mail: [`From: Visma Connect <${from}>`], sms: [], urls: [] },
      { hostMap },
    )[0]!;
  expect(sender('do.not.reply@mail.connect.visma.com').status).toBe('found');
  const mapped = sender('do.not.reply@mail.connect.localhost');
  expect([mapped.status, mapped.note]).toEqual([
    'found',
    'as the target writes it: do.not.reply@mail.connect.localhost',
  ]);
  // The same name before the @ at another domain is another sender.
  const other = sender('do.not.reply@phishing.example');
  expect(other.status).toBe('missing');
  expect(other.suggestions?.[0]?.text).toBe('do.not.reply@phishing.example');
  expect(sender('no-reply@mail.connect.localhost').status).toBe('missing');
});
