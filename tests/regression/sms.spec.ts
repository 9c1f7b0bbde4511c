// Release gate, SMS codes: a code works once, a new code replaces the old one, and a code is dead after
// 10 minutes (on the target's test clock). The person adds the phone in the set-up wizard, where the
// number is confirmed with a code before it counts (ASVS 6.6.1).
import { expect, test } from '../../fixtures/index.ts';
import { expectRequirement } from './support/claim.ts';
import { testClock } from './support/clock.ts';
import { enrolInPortal, signInAgain } from './support/flows.ts';
import type { PageObjects } from '../../pages/index.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

/** At the code challenge: "Try another way" → "Get the security code sent as an SMS". */
async function chooseSms(s: PageObjects) {
  await s.twoStepChallenge.tryAnotherWay();
  await s.tryAnotherWay.sendSms();
  await expect(s.twoStepChallenge.smsCodeField).toBeVisible();
}

test(
  'an SMS code is accepted once; at the next sign-in it is refused',
  { tag: ['@asvs-6.5.1', '@nist-3.1.4.2', '@asvs-6.6.1'] },
  async ({ page, users, authenticator, sms, screens: s }) => {
    const person = await users.create({ app: 'portal', phone: true, changesAccount: true });
    await enrolInPortal(s, authenticator, person, { sms });
    await signInAgain(s, person);
    await chooseSms(s);
    const used = (await sms.waitFor({ to: person.phone! })).code;
    await s.twoStepChallenge.enterSmsCode(used);
    await expect(s.portal.signedInName(person.name)).toBeVisible();
    await signInAgain(s, person);
    await chooseSms(s);
    await s.twoStepChallenge.enterSmsCode(used);
    await expectRequirement(page, {
      req: 'ASVS 6.5.1, NIST 3.1.4.2',
      did: 'entered an SMS code a second time, at the next sign-in',
      expected: 'the code refused',
      held: s.twoStepChallenge.problem,
      broken: s.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
  },
);

test(
  'after "Send a new code" the earlier SMS code is refused and the new one works',
  { tag: ['@asvs-6.6.2'] },
  async ({ page, users, authenticator, sms, screens: s }) => {
    const person = await users.create({ app: 'portal', phone: true, changesAccount: true });
    await enrolInPortal(s, authenticator, person, { sms });
    await signInAgain(s, person);
    await chooseSms(s);
    const old = (await sms.waitFor({ to: person.phone! })).code;
    await page.getByRole('button', { name: s.twoStepChallenge.word('resend') }).click();
    const newer = (await sms.waitFor({ to: person.phone! })).code;
    await s.twoStepChallenge.enterSmsCode(old);
    await expectRequirement(page, {
      req: 'ASVS 6.6.2',
      did: 'asked for a new SMS code, then entered the earlier one',
      expected: 'the earlier code refused',
      held: s.twoStepChallenge.problem,
      broken: s.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
    await s.twoStepChallenge.enterSmsCode(newer);
    await expect(s.portal.signedInName(person.name)).toBeVisible();
  },
);

test(
  'an SMS code is refused 10 minutes after it was sent',
  { tag: ['@asvs-6.5.5'] },
  async ({ page, users, authenticator, sms, screens: s, config }, testInfo) => {
    const person = await users.create({ app: 'portal', phone: true, changesAccount: true });
    const clock = await testClock(config, person, testInfo);
    await enrolInPortal(s, authenticator, person, { sms });
    await signInAgain(s, person);
    await chooseSms(s);
    const code = (await sms.waitFor({ to: person.phone! })).code;
    await clock.advance(10 * 60 + 1);
    await s.twoStepChallenge.enterSmsCode(code);
    await expectRequirement(page, {
      req: 'ASVS 6.5.5',
      did: 'entered an SMS code 10 minutes and a second after it was sent (test clock)',
      expected: 'the code refused as expired',
      held: s.twoStepChallenge.problem,
      broken: s.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
  },
);

test(
  'asking for a new SMS code does not reset the count of wrong ones: 10 wrong in all lock the method',
  { tag: ['@nist-3.2.2'] },
  async ({ page, users, authenticator, sms, screens: s }) => {
    const person = await users.create({ app: 'portal', phone: true, changesAccount: true });
    await enrolInPortal(s, authenticator, person, { sms });
    await signInAgain(s, person);
    await chooseSms(s);
    const wrongFor = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    const first = (await sms.waitFor({ to: person.phone! })).code;
    for (let i = 0; i < 9; i++) {
      await s.twoStepChallenge.enterSmsCode(wrongFor(first));
      await expect(s.twoStepChallenge.problem).toBeVisible();
    }
    await page.getByRole('button', { name: s.twoStepChallenge.word('resend') }).click();
    const newer = (await sms.waitFor({ to: person.phone! })).code;
    await s.twoStepChallenge.enterSmsCode(wrongFor(newer));
    await expect(s.twoStepChallenge.problem).toBeVisible();
    await s.twoStepChallenge.enterSmsCode(newer);
    await expectRequirement(page, {
      req: 'NIST 3.2.2',
      did: 'entered 9 wrong SMS codes, asked for a new code, entered a 10th wrong one and then the new code',
      expected: 'the new code refused while the method is locked (a new code does not start the count again)',
      held: s.twoStepChallenge.problem,
      broken: s.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
  },
);
