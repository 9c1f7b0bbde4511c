// The mailbox's pure helpers: finding the link behind a button text, a one-time code, and the search query.
import { expect, test } from '@playwright/test';
import {
  codeFromText,
  decodeEntities,
  linkByText,
  linksIn,
  subjectMatches,
  toQuery,
  visibleText,
} from '../../lib/mail/extract.ts';

const ACTIVATION = `
<table role="presentation"><tr><td style="background:#1a7f37">
  <a href="https://connect.localhost:4400/activate?token=abc&amp;lang=nb" style="color:#fff">
    <span>Activate</span>&nbsp;<span>account</span>
  </a>
</td></tr></table>
<p>Or read our <a href='https://example.test/privacy'>privacy notice</a>.</p>
<a href="https://example.test/logo"><img src="logo.png" alt="Visma logo"></a>
<a name="anchor-without-href">nothing</a>`;

test.describe('linkByText', () => {
  test('finds the button link by its visible text, with entities in the address decoded', () => {
    expect(linkByText(ACTIVATION, 'Activate account')).toBe(
      'https://connect.localhost:4400/activate?token=abc&lang=nb',
    );
  });

  test('matches case- and space-insensitively, whole text before part of it', () => {
    const html = '<a href="/a">Reset password now</a><a href="/b">reset   PASSWORD</a>';
    expect(linkByText(html, 'Reset password')).toBe('/b');
    expect(linkByText(html, 'now')).toBe('/a');
  });

  test('accepts a RegExp, single-quoted attributes and image links named by alt text', () => {
    expect(linkByText(ACTIVATION, /privacy/i)).toBe('https://example.test/privacy');
    expect(linkByText(ACTIVATION, 'Visma logo')).toBe('https://example.test/logo');
  });

  test('a missing link names the links that are there, never their addresses', () => {
    let message = '';
    try {
      linkByText(ACTIVATION, 'Aktiver konto');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('No link or button named "Aktiver konto"');
    expect(message).toContain('"Activate account"');
    expect(message).not.toContain('token=abc');
  });

  test('links without href are ignored', () => {
    expect(linksIn(ACTIVATION).map((l) => l.text)).toEqual([
      'Activate account',
      'privacy notice',
      'Visma logo',
    ]);
  });
});

test.describe('codeFromText', () => {
  test('takes the first group of exactly six digits', () => {
    expect(codeFromText('Order 1234567 — your code is 042917. Valid 10 min.')).toBe('042917');
  });

  test('a pattern picks its first capture group, or the whole match', () => {
    const emergency = 'Emergency code: ABCD-EFGH-IJKL-MNOP-QRST';
    expect(codeFromText(emergency, /code: ((?:[A-Z0-9]{4}-){4}[A-Z0-9]{4})/)).toBe(
      'ABCD-EFGH-IJKL-MNOP-QRST',
    );
    expect(codeFromText('SMS: 8841', /\d{4}/)).toBe('8841');
  });

  test('no code: the error gives the pattern but not the text', () => {
    expect(() => codeFromText('secret-ish text 12345')).toThrow(/No code matching .* \(21 characters\)/);
    expect(() => codeFromText('secret-ish text 12345')).not.toThrow(/secret-ish/);
  });
});

test.describe('small helpers', () => {
  test('decodeEntities handles named, decimal and hex references, and leaves unknown ones', () => {
    expect(decodeEntities('&AElig;&oslash;&aring; &#229; &#xE6; &amp;amp; &bogus;')).toBe(
      'Æøå å æ &amp; &bogus;',
    );
  });

  test('visibleText drops tags, styles and extra space', () => {
    expect(visibleText('<style>p{}</style><p>Hei&nbsp; <b>Kari</b><br>!</p>')).toBe('Hei Kari !');
  });

  test('toQuery searches by recipient and refuses addresses that would split the query', () => {
    expect(toQuery(' gw-1-abc@guidewright.test ')).toBe('to:gw-1-abc@guidewright.test');
    expect(() => toQuery('two words@x.test')).toThrow(/not a usable mail address/);
    expect(() => toQuery('')).toThrow(/not a usable mail address/);
  });

  test('subjectMatches: string is contained ignoring case, RegExp must match', () => {
    expect(subjectMatches('Change password request', 'password REQUEST')).toBe(true);
    expect(subjectMatches('Change password request', 'Welcome')).toBe(false);
    expect(subjectMatches('Velkommen til Visma', /^Velkommen/)).toBe(true);
    expect(subjectMatches('anything', undefined)).toBe(true);
  });
});
