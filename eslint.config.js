// Lint: typescript-eslint + eslint-plugin-playwright, and the project's own rules:
// no sleeps, no focused tests, no secrets typed where reports show them, and the suite/sandbox boundary.
import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

const noSleeps = [
  {
    selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout']",
    message: 'No sleeps: wait for a signal (an event, a locator, expect.poll), never for time.',
  },
  {
    selector: "CallExpression[callee.property.name='waitForTimeout']",
    message: 'No waitForTimeout: wait for a signal (an event, a locator, expect.poll), never for time.',
  },
];

// Secrets (passwords, codes, TOTP keys, tokens) are typed with fillSecret from pages/find.ts: fill,
// pressSequentially and type write the value into Playwright's step titles, the HTML report and the trace.
// Flagged: one of those calls given a name that says secret (`person.password`, `newPassword`, `code`,
// `device.code()`), or a template built on one (`${newPassword}x`).
const SECRET_NAME = '/password|secret|code|token|otp/i';
const TYPING = 'CallExpression[callee.property.name=/^(fill|pressSequentially|type)$/]';
const noTypedSecrets = [
  `${TYPING} > Identifier.arguments[name=${SECRET_NAME}]`,
  `${TYPING} > MemberExpression.arguments[property.name=${SECRET_NAME}]`,
  `${TYPING} > CallExpression.arguments[callee.name=${SECRET_NAME}]`,
  `${TYPING} > CallExpression.arguments[callee.property.name=${SECRET_NAME}]`,
  `${TYPING} > TemplateLiteral.arguments > Identifier.expressions[name=${SECRET_NAME}]`,
  `${TYPING} > TemplateLiteral.arguments > MemberExpression.expressions[property.name=${SECRET_NAME}]`,
].map((selector) => ({
  selector,
  message:
    'Type secrets with fillSecret(locator, value, timeoutMs) from pages/find.ts: fill, pressSequentially and type put the value in step titles, the report and the trace.',
}));

// A skip must say which capability the target lacks: its reason (the second argument of test.skip,
// testInfo.skip or fixme, as a string or a template) names a need or a lack ("needs", "requires", "has
// no", "lacks", "cannot", "without", "not ours") AND the part of the target or its surroundings that is
// missing ("target", "sandbox", "service", "SCIM", "API", "clock", "SMTP", "mail", "SMS", "seed",
// "provisioning", "users", "browser", "eID"), in one sentence. A reason held in a variable is not checked.
const CAPABILITY =
  "/^(?=.*\\b(needs?|requires?|has no|have no|lacks?|cannot|can't|without|not ours)\\b)(?=.*\\b(targets?|sandbox|service|SCIM|API|clock|SMTP|mail|SMS|seeds?|provisioning|users?|browser|eID)\\b)/is";
const SKIP = 'CallExpression[callee.property.name=/^(skip|fixme)$/]';
const skipsNameACapability = [
  `${SKIP} > Literal.arguments:nth-child(2):not([value=${CAPABILITY}])`,
  `${SKIP} > TemplateLiteral.arguments:nth-child(2):not(:has(TemplateElement[value.cooked=${CAPABILITY}]))`,
].map((selector) => ({
  selector,
  message:
    'A skip names the capability the target lacks, e.g. "the target has no test clock" or "needs the sandbox\'s SMTP".',
}));

const noSleepImports = {
  name: 'node:timers/promises',
  message: 'No sleeps: wait for a signal, never for time.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'test-results/', 'playwright-report/', '.sandbox/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      'no-restricted-syntax': ['error', ...noSleeps],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**/*.ts', 'fixtures/**/*.ts', 'pages/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // Repeats the sleeps: a later entry for a rule replaces the earlier one for these files.
      'no-restricted-syntax': ['error', ...noSleeps, ...noTypedSecrets, ...skipsNameACapability],
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-focused-test': 'error',
      'playwright/no-skipped-test': ['error', { allowConditional: true }],
      // The release gate's checks (tests/regression/support/claim.ts) assert with a requirement's sentence.
      'playwright/expect-expect': [
        'error',
        { assertFunctionNames: ['expect*', 'assert*', 'expectRequirement', 'assertRequirement'] },
      ],
      'playwright/no-conditional-in-test': 'off',
      'playwright/no-conditional-expect': 'off',
    },
  },
  {
    // The suite talks to any target over HTTP and the browser only: it never imports the sandbox.
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    ignores: ['sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSleepImports],
          patterns: [
            {
              regex: '(^|/)sandbox(/|$)',
              message: 'The suite must not import the sandbox; talk to it over HTTP and the browser.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox stands alone: it imports nothing of the suite.
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSleepImports],
          patterns: [
            {
              regex: '^(\\.\\./)+(lib|pages|fixtures|tests|reporters|scripts|guides)(/|$)',
              message: 'The sandbox must not import suite code (lib, pages, fixtures, tests, reporters).',
            },
          ],
        },
      ],
    },
  },
  {
    // The house: no function in the domain grows past a screen, and a fixture file stays wiring.
    files: ['sandbox/**/*.ts', 'lib/**/*.ts', 'fixtures/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  { files: ['fixtures/**/*.ts'], rules: { 'max-lines': ['error', { max: 120 }] } },
);
