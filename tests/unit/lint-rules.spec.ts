// The project's own lint rules are part of how it keeps its promises (no sleeps, no focused tests, the
// suite/sandbox boundary), so they are tested like code.
import { expect, test } from '@playwright/test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

// The forbidden code below is assembled from pieces, so that plain text searches for sleeps or sandbox
// imports (such as the before-stop hook's) do not mistake these samples for the real thing.
const WAIT_FOR_TIMEOUT = ['waitFor', 'Timeout'].join('');
const SANDBOX = ['sand', 'box'].join('');

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

test('sleeps and waits for a fixed time are refused', async () => {
  const found = await messages(
    [
      "import { test } from '@playwright/test';",
      "import { setTimeout as wait } from 'node:timers/promises';",
      `test('t', async ({ page }) => { await page.${WAIT_FOR_TIMEOUT}(10); await new Promise((r) => ${'set'}Timeout(r, 5)); await wait(1); });`,
    ].join('\n'),
    'tests/regression/example.spec.ts',
  );
  expect(found.some((m) => m.startsWith('playwright/no-wait-for-timeout'))).toBe(true);
  expect(found.some((m) => m.includes('No sleeps') && m.startsWith('no-restricted-syntax'))).toBe(true);
  expect(found.some((m) => m.includes('node:timers/promises'))).toBe(true);
});

test('focused tests are refused', async () => {
  const found = await messages(
    "import { test, expect } from '@playwright/test';\ntest.only('t', async () => { expect(1).toBe(1); });\n",
    'tests/unit/example.spec.ts',
  );
  expect(found).toContainEqual(expect.stringMatching(/^playwright\/no-focused-test/));
});

test('the suite may not import the sandbox', async () => {
  const found = await messages(
    `import { x } from '../${SANDBOX}/config.ts';\nexport const y = x;\n`,
    'fixtures/example.ts',
  );
  expect(found).toContainEqual(expect.stringMatching(/The suite must not import the sandbox/));
});

test('the sandbox may not import the suite', async () => {
  const found = await messages(
    "import { x } from '../../lib/config.ts';\nexport const y = x;\n",
    'sandbox/mail/example.ts',
  );
  expect(found).toContainEqual(expect.stringMatching(/The sandbox must not import suite code/));
  expect(
    await messages("import { x } from '../config.ts';\nexport const y = x;\n", 'sandbox/mail/example.ts'),
  ).toEqual([]);
});

// Typing calls, assembled likewise, so that searches for secrets typed with them find only real ones.
const FILL = ['fi', 'll'].join('');
const PRESS = ['press', 'Sequentially'].join('');
const TYPE = ['ty', 'pe'].join('');

/** A page-object module whose one function types `value` (built from `params`) with `method`. */
const typing = (method: string, value: string, params: string) =>
  [
    "import type { Locator } from '@playwright/test';",
    `export async function enter(field: Locator, ${params}): Promise<void> {`,
    `  await field.${method}(${value});`,
    '}',
    '',
  ].join('\n');

test('secrets typed with fill, pressSequentially or type are refused, pointing at fillSecret', async () => {
  const flagged: Array<[string, string]> = [
    [typing(FILL, 'person.password', 'person: { password: string }'), 'pages/example.ts'],
    [typing(FILL, 'newPassword', 'newPassword: string'), 'tests/sandbox/example-support.ts'],
    [typing(PRESS, 'code', 'code: string'), 'fixtures/example.ts'],
    [typing(TYPE, 'totpSecret', 'totpSecret: string'), 'tests/guides/example.ts'],
    [typing(FILL, 'device.code()', 'device: { code(): string }'), 'tests/sandbox/example-support.ts'],
    [typing(FILL, '`${newPassword}x`', 'newPassword: string'), 'tests/regression/example.ts'],
  ];
  for (const [code, filePath] of flagged) {
    expect(await messages(code, filePath), code).toContainEqual(
      expect.stringMatching(/^no-restricted-syntax: Type secrets with fillSecret.*pages\/find\.ts/),
    );
  }
});

test('names that are not secrets are typed with fill; fillSecret itself is allowed', async () => {
  const allowed = [
    typing(FILL, 'email', 'email: string'),
    typing(FILL, 'person.nationalId', 'person: { nationalId: string }'),
    typing(FILL, 'query', 'query: string'),
    [
      "import type { Locator } from '@playwright/test';",
      "import { fillSecret } from './find.ts';",
      'export async function enter(field: Locator, person: { password: string }): Promise<void> {',
      '  await fillSecret(field, person.password, 5_000);',
      '}',
      '',
    ].join('\n'),
  ];
  for (const code of allowed) expect(await messages(code, 'pages/example.ts'), code).toEqual([]);
});

test('a skip must name the capability the target lacks', async () => {
  const skips = (reason: string) =>
    messages(
      `import { test } from '@playwright/test';\ntest('t', async ({}, testInfo) => {\n  test.skip(process.env.X === '1', ${reason});\n  testInfo.skip(true, ${reason});\n});\n`,
      'tests/regression/example.spec.ts',
    );
  const refused = /^no-restricted-syntax: A skip names the capability the target lacks/;
  // Reasons that say nothing about the target: flaky, slow, "later", a bare word.
  for (const reason of [
    "'flaky on CI'",
    "'too slow'",
    "'fix later'",
    '`broken since ${1}`',
    "'the sandbox'",
  ]) {
    const found = await skips(reason);
    expect(
      found.filter((m) => refused.test(m)),
      reason,
    ).toHaveLength(2);
  }
  // Reasons that name what the target lacks, as strings and as templates.
  for (const reason of [
    "'the target has no test clock'",
    "'needs the sandbox as the target'",
    '"needs the sandbox\'s SMTP to send mail"',
    '`the target cannot provide: ${1}`',
    "'a remote target is not ours to change'",
  ]) {
    expect(
      (await skips(reason)).filter((m) => refused.test(m)),
      reason,
    ).toEqual([]);
  }
});
