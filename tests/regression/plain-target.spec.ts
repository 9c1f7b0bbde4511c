// The suite against a target it knows nothing special about: TARGET=remote, every URL from the
// environment, users over plain SCIM (no sandbox extension, so nothing can be seeded). A sandbox of its
// own plays that target. What the specs normally have seeded (BankID linked earlier, the two-step offer
// postponed, an authenticator app set up earlier) they must then walk in the browser, and the tests that
// need what plain SCIM cannot give are skipped with a reason naming it.
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested, startSandbox } from './nested-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'needs the sandbox as the target: it plays a plain target with a sandbox of its own',
);

test(
  'on a plain SCIM target the guides walk what they would have seeded, and skip what needs a seed',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const ports = await freeSandboxPorts();
    const sandbox = await startSandbox(ports);
    try {
      const web = (host: string) => `http://${host}.localhost:${ports.SANDBOX_PORT}`;
      const outcomes = await runNested(
        [
          '--project=guides-en',
          '--project=guides-nb',
          'tests/guides/enable-2fa-later.spec.ts',
          'tests/guides/wrong-email-bankid.spec.ts',
          'tests/guides/bankid-other-organisation.spec.ts',
          'tests/guides/enrolment-wizard.spec.ts',
          'tests/guides/portal-first-login.spec.ts',
          '--grep',
          'Remind me later|without a phone number|BankID|troubleshooting|existing account',
        ],
        {
          ...outerEnvWithoutTarget(),
          TARGET: 'remote',
          CONNECT_URL: web('connect'),
          ACCOUNTSETTINGS_URL: web('accountsettings.connect'),
          PORTAL_URL: web('portal'),
          HOME_URL: web('home'),
          ENTERPRISE_URL: web('{tenant}.enterprise'),
          EID_URL: web('eid'),
          MAILPIT_URL: `http://localhost:${ports.MAIL_HTTP_PORT}`,
          SCIM_URL: `${web('connect')}/scim/v2`,
          SCIM_TOKEN: 'sandbox-scim-token',
        },
      );
      const find = (title: RegExp) => {
        const found = outcomes.filter((o) => title.test(o.title));
        expect(found, `one test matches ${title}`).toHaveLength(1);
        return found[0]!;
      };

      // Walked in the browser instead of seeded: the offer postponed (enable-2fa-later), BankID linked to
      // the private account (wrong-email-bankid), the authenticator app set up (troubleshooting).
      for (const title of [/without a phone number/, /remove the BankID link/, /troubleshooting/]) {
        const o = find(title);
        expect(o.status, `${o.title}: ${o.message}`).toBe('passed');
      }
      // Needs what plain SCIM cannot give: skipped, saying what is missing.
      const existing = find(/existing account/);
      expect(existing.status).toBe('skipped');
      expect(existing.skipReason).toMatch(/plain SCIM, which cannot seed two-step verification/);
      const tenants = find(/pick it under "Sign in as"/);
      expect(tenants.status).toBe('skipped');
      expect(tenants.skipReason).toMatch(/plain SCIM, which has no attribute for tenants/);
    } finally {
      await sandbox.stop();
    }
  },
);
