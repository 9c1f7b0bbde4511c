// Release gate, passwords: the length floor and ceiling, no silent truncation, common passwords refused
// with a reason, a masked field that allows pasting, and no way to tell which email addresses have an
// account. The activation screen is where a person chooses a password on every target with invitations.
import { randomBytes } from 'node:crypto';
import { expect, test } from '../../fixtures/index.ts';
import { expectRequirement, assertRequirement } from './support/claim.ts';
import { signInWithPassword } from './support/flows.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

/** A password with upper and lower case, a digit and a special character, `length` characters long. */
const passwordOf = (length: number) => `Gw#${randomBytes(64).toString('hex')}`.slice(0, length - 2) + '4x';

test(
  'a 7-character password is refused with the reason; an 8-character one is accepted',
  { tag: ['@asvs-6.2.1'] },
  async ({ page, users, mailbox, mails, setPassword, accountSettings, secrets }) => {
    const person = await users.invite({ app: 'accountsettings' });
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await mails.activation.activate(mail, page);
    const seven = passwordOf(7);
    const eight = passwordOf(8);
    secrets.add(seven, 'password');
    secrets.add(eight, 'password');
    await setPassword.setPassword(seven);
    await expectRequirement(page, {
      req: 'ASVS 6.2.1',
      did: 'chose a 7-character password (upper, lower, digit, special) on the activation screen',
      expected: 'the password refused with the reason',
      held: setPassword.problems,
      broken: accountSettings.signedInAs,
      broke: 'accepted it',
    });
    await setPassword.setPassword(eight);
    await expect(accountSettings.signedInName(person.name)).toBeVisible();
  },
);

test(
  'a common password is refused with the reason',
  { tag: ['@asvs-6.2.4', '@asvs-6.2.12'] },
  async ({ page, users, mailbox, mails, setPassword, accountSettings }) => {
    const person = await users.invite({ app: 'accountsettings' });
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await mails.activation.activate(mail, page);
    // On every list of breached passwords, and it meets the character rules.
    await setPassword.setPassword('P@ssw0rd');
    await expectRequirement(page, {
      req: 'ASVS 6.2.4',
      did: 'chose "P@ssw0rd" on the activation screen',
      expected: 'the password refused with the reason',
      held: setPassword.problems,
      broken: accountSettings.signedInAs,
      broke: 'accepted it',
    });
    await expect(setPassword.problems).not.toBeEmpty();
  },
);

test(
  'an 80-character password is allowed and not cut short: its first 72 characters do not sign in',
  { tag: ['@asvs-6.2.9', '@asvs-6.2.8'] },
  async ({ page, users, mailbox, mails, screens, setPassword, accountSettings, signInPassword, secrets }) => {
    const person = await users.invite({ app: 'accountsettings' });
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await mails.activation.activate(mail, page);
    const long = passwordOf(80);
    secrets.add(long, 'password');
    secrets.add(long.slice(0, 72), 'password');
    await setPassword.setPassword(long);
    await expect(accountSettings.signedInName(person.name)).toBeVisible();
    await accountSettings.signOut();
    await expect(accountSettings.signedOutMessage).toBeVisible();
    await accountSettings.signIn();
    await signInWithPassword(screens, person, long.slice(0, 72));
    await expectRequirement(page, {
      req: 'ASVS 6.2.8',
      did: 'signed in with the first 72 characters of an 80-character password',
      expected: 'the password refused as wrong',
      held: signInPassword.wrongPasswordMessage,
      broken: accountSettings.signedInAs,
      broke: 'signed the person in (the password was cut short)',
    });
    await signInPassword.fillPassword(long);
    await signInPassword.signIn();
    await expect(accountSettings.signedInName(person.name)).toBeVisible();
  },
);

test(
  'the password field is masked and pasting into it is allowed',
  { tag: ['@asvs-6.2.6', '@asvs-6.2.7'] },
  async ({ users, accountSettings, signInEmail, signInPassword }) => {
    const person = await users.create({ app: 'accountsettings' });
    await accountSettings.open();
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await expect(signInPassword.passwordField).toHaveAttribute('type', 'password');
    // A paste the page cancels (onpaste returning false, preventDefault) is a paste refused.
    const allowed = await signInPassword.passwordField.evaluate((field) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'pasted');
      return field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, cancelable: true }));
    });
    assertRequirement(
      allowed,
      { req: 'ASVS 6.2.7', did: 'pasted into the password field', expected: 'the paste let through' },
      'cancelled the paste',
    );
  },
);

test(
  'asking to reset the password tells nothing about whether the address has an account',
  { tag: ['@asvs-6.3.8', '@wstg-idnt-04'] },
  async ({ page, users, mailbox, screens, forgotPassword }) => {
    const person = await users.create({ app: 'accountsettings' });
    const answers: string[] = [];
    for (const email of [person.email, mailbox.address('nobody')]) {
      await screens.accountSettings.open();
      await screens.signInEmail.fillEmail(email);
      await screens.signInEmail.next();
      await screens.signInPassword.forgotPassword();
      await forgotPassword.fillEmail(email);
      await forgotPassword.confirmNotRobot();
      await forgotPassword.resetPassword();
      await expect(forgotPassword.sentHeading.or(page.getByRole('alert')).first()).toBeVisible();
      answers.push(
        (await page.getByRole('main').innerText()).replaceAll(email, '<address>').replace(/\s+/g, ' '),
      );
    }
    assertRequirement(
      answers[0] === answers[1],
      {
        req: 'ASVS 6.3.8, WSTG-IDNT-04',
        did: 'asked for a password reset for an address with an account and for one without',
        expected: 'the same answer for both',
      },
      `answered differently: "${answers[0]}" / "${answers[1]}"`,
    );
  },
);
