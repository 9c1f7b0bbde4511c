// Guide lint: stale dated statements, links to unmapped hosts, steps that quote nothing.
import { expect, test } from '@playwright/test';
import { hostMapFor, lintGuide, mapUrl, parseGuide, startUrl } from '../../lib/guide/index.ts';

const GUIDE = `---
id: lint-sample
title: Lint sample
locale: en
start: home
---

## Step 1: Open Visma Home

Go to https://home.visma.com and press "Sign in".

## Step 2: Decide

Press "Remind me later" to postpone (no later than July 1, 2026). Read more on
[the help centre](https://help.example.org/2fa).

## Step 3: Wait

Nothing to press here. The feature was introduced on 15 March 2021.
`;

const today = (iso: string) => new Date(`${iso}T12:00:00Z`);

test('a deadline that has passed is reported, with its step and line', () => {
  const guide = parseGuide(GUIDE, { file: 'guides/en/lint-sample.md' });
  const found = lintGuide(guide, {
    today: today('2026-11-22'),
    hosts: ['home.visma.com', 'help.example.org'],
  });
  const dates = found.filter((f) => f.rule === 'past-date');
  expect(dates).toHaveLength(1);
  expect(dates[0]).toMatchObject({ stepId: '2', line: 14, file: 'guides/en/lint-sample.md' });
  expect(dates[0]?.message).toContain('July 1, 2026');
  // A date mentioned without a deadline word ("introduced on") is history, not a stale promise.
  expect(found.some((f) => f.message.includes('2021'))).toBe(false);
});

test('the same deadline is fine while it is still ahead', () => {
  const guide = parseGuide(GUIDE);
  const found = lintGuide(guide, {
    today: today('2026-06-30'),
    hosts: ['home.visma.com', 'help.example.org'],
  });
  expect(found.filter((f) => f.rule === 'past-date')).toEqual([]);
});

test('links to hosts the configuration does not map are reported; wildcards map subdomains', () => {
  const guide = parseGuide(GUIDE);
  const found = lintGuide(guide, {
    today: today('2026-01-01'),
    hosts: { '*.visma.com': 'http://home.localhost:4400' },
  });
  const hosts = found.filter((f) => f.rule === 'unmapped-host');
  expect(hosts.map((f) => [f.stepId, f.line])).toEqual([['2', 15]]);
  expect(hosts[0]?.message).toContain('help.example.org');
});

test('a step that quotes nothing is reported', () => {
  const found = lintGuide(parseGuide(GUIDE), { today: today('2026-01-01'), hosts: ['*'] });
  expect(found.filter((f) => f.rule === 'no-quotes').map((f) => f.stepId)).toEqual(['3']);
});

test('the host map follows the configured URLs, and start apps resolve to URLs', () => {
  const urls = {
    connect: 'http://connect.localhost:4400',
    accountSettings: 'http://accountsettings.connect.localhost:4400',
    portal: 'http://portal.localhost:4400',
    home: 'http://home.localhost:4400',
    enterprise: 'http://{tenant}.enterprise.localhost:4400',
    eid: 'http://eid.localhost:4400',
  };
  const map = hostMapFor(urls);
  expect(mapUrl('https://accountsettings.connect.visma.com', map)).toBe(
    'http://accountsettings.connect.localhost:4400',
  );
  expect(mapUrl('https://sokndal.vuq.visma.com/enterprise', map)).toBe(
    'http://sokndal.enterprise.localhost:4400',
  );
  expect(mapUrl('https://askoy.kommune.no/x', map)).toBeUndefined();
  expect(startUrl('enterprise:askoy', urls)).toBe('http://askoy.enterprise.localhost:4400');
  expect(startUrl('accountsettings', urls)).toBe(urls.accountSettings);
});
