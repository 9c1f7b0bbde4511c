// A mail whose link does not answer fails the guide step that reads it, as a broken flow naming the link
// with its token redacted. A sandbox of its own (nested run) adds a link that answers 404 to every mail
// with a button (SANDBOX_MAIL_BROKEN_LINK, test mode only).
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested } from './nested-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'a mail with a broken link needs the sandbox; a remote target is not ours to change',
);

test('a broken link in the activation mail fails the step that reads it, naming the link without its token', async () => {
  test.setTimeout(600_000);
  // The two tests of the guide that read an activation mail (the invitation); the later visits read none.
  const outcomes = await runNested(
    ['--project=guides-en', 'tests/guides/portal-first-login.spec.ts', '--grep', 'invitation mail'],
    { ...outerEnvWithoutTarget(), ...(await freeSandboxPorts()), SANDBOX_MAIL_BROKEN_LINK: '1' },
  );
  expect(outcomes.map((o) => o.title).sort()).toEqual([
    expect.stringMatching(/^existing account: invitation mail/),
    expect.stringMatching(/^new account: invitation mail/),
  ]);
  for (const f of outcomes) {
    expect(f.status, f.title).toBe('failed');
    expect(f.message, f.title).toContain('guide "portal-first-login"');
    expect(f.message, f.title).toMatch(
      /Broken link in the mail ".+": http:\/\/connect\.localhost:\d+\/help\/no-such-page\?token=… \(404: Not Found\)/,
    );
    expect(f.message, f.title).not.toContain('broken-link-test');
    expect(f.message, f.title).not.toContain('doc drift:');
  }
});
