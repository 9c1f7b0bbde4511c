// The link check's pure parts: which links a mail has, where a request for one goes, and how a link is
// shown in a report (tokens redacted).
import { expect, test } from '@playwright/test';
import { assertLinksAnswer, mailLinks, redactUrl, targetUrl } from '../../lib/mail/links.ts';

test('mailLinks takes the HTML hrefs and the text URLs, each once, http(s) only', () => {
  const html =
    '<a href="https://connect.visma.com/account/activate?token=abc&amp;x=1">Activate</a> <a href="mailto:x@y">m</a>';
  const text =
    'Open https://connect.visma.com/account/activate?token=abc&x=1. Or http://home.localhost:4400/help';
  expect(mailLinks(html, text)).toEqual([
    'https://connect.visma.com/account/activate?token=abc&x=1',
    'http://home.localhost:4400/help',
  ]);
});

test('targetUrl sends a real host to the target through the host map, and leaves others alone', () => {
  const map = {
    'connect.visma.com': 'http://connect.localhost:4400',
    '*.vuq.visma.com': 'http://{tenant}.enterprise.localhost:4400',
  };
  expect(targetUrl('https://connect.visma.com/a/b?token=t#f', map)).toBe(
    'http://connect.localhost:4400/a/b?token=t#f',
  );
  expect(targetUrl('https://sokndal.vuq.visma.com/x', map)).toBe(
    'http://sokndal.enterprise.localhost:4400/x',
  );
  expect(targetUrl('https://example.org/x', map)).toBe('https://example.org/x');
});

test('redactUrl hides query values, long path segments and fragments', () => {
  expect(redactUrl('http://connect.localhost:4400/account/one-time?token=s3cr3t&app=portal')).toBe(
    'http://connect.localhost:4400/account/one-time?token=…&app=…',
  );
  expect(redactUrl('https://x.test/reset/Zm9vYmFyYmF6cXV4MTIzNDU2/done#k=v')).toBe(
    'https://x.test/reset/…/done#…',
  );
  expect(redactUrl('not a url')).toBe('(not a URL)');
});

test('assertLinksAnswer names every broken link and passes when all answer', () => {
  const ok = { url: 'http://a.test/', status: 200, answer: 'OK', ok: true };
  const gone = { url: 'http://a.test/x?token=…', status: 404, answer: 'Not Found', ok: false };
  const down = { url: 'http://b.test/', status: 0, answer: 'connect ECONNREFUSED', ok: false };
  expect(() => assertLinksAnswer({ subject: 'Hi', links: [ok] })).not.toThrow();
  expect(() => assertLinksAnswer({ subject: 'Hi', links: [ok, gone, down] })).toThrow(
    'Broken link in the mail "Hi": http://a.test/x?token=… (404: Not Found), http://b.test/ (no answer: connect ECONNREFUSED)',
  );
});
