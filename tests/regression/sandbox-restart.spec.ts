// A sandbox started with a state file (SANDBOX_DB) keeps its sign-ins across a restart: connect's
// sessions live in that file with the accounts, so after a restart another app signs the person in
// without asking for the password again (single sign-on), as before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { generatePassword, ScimProvisioning } from '../../lib/users/index.ts';
import { fillSecret } from '../../pages/find.ts';
import { freeSandboxPorts, startSandbox } from './nested-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'needs the sandbox as the target: it restarts a sandbox of its own',
);

test(
  'after a restart with the same SANDBOX_DB, another app signs in on the session from before',
  { tag: '@nested' },
  async ({ page }) => {
    test.setTimeout(120_000);
    const ports = await freeSandboxPorts();
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-restart-'));
    const env = {
      ...ports,
      SANDBOX_DB: path.join(dir, 'sandbox.sqlite'),
      MAIL_DB: path.join(dir, 'mail.sqlite'),
    };
    const web = (host: string) => `http://${host}.localhost:${ports.SANDBOX_PORT}`;
    let sandbox = await startSandbox(env);
    try {
      const scim = new ScimProvisioning({
        url: `${web('connect')}/scim/v2`,
        token: 'sandbox-scim-token',
        sandboxExtension: true,
      });
      const person = await scim.create(
        {
          email: `restart-${path.basename(dir)}@guidewright.test`.toLowerCase(),
          password: generatePassword(),
          givenName: 'Ingrid',
          familyName: 'Moe',
          language: 'en',
        },
        { earlier: { twoStepPostponed: true } },
      );
      await page.goto(`${web('accountsettings.connect')}/login`);
      await page.getByLabel('Email address', { exact: true }).fill(person.email);
      await page.getByRole('button', { name: 'Next' }).click();
      await fillSecret(page.getByLabel('Password', { exact: true }), person.password, 10_000);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByText('Ingrid Moe').first()).toBeVisible();

      await sandbox.stop();
      sandbox = await startSandbox(env);

      await page.goto(`${web('home')}/login`);
      await expect(page).toHaveURL(`${web('home')}/`);
      await expect(page.getByText('Ingrid Moe').first()).toBeVisible();
    } finally {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
