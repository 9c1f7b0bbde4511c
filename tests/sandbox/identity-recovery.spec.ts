// Forgot password, reset, one-time link, expired and used links, password policy and lockout, in a real
// browser, in en and in nb with guide 002/003's words. Mail is read through Mailpit's API.
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signIn, signOut, typeNewPassword, typeSecret } from './browser-support.ts';
import {
  HOME_PROMPT_POSTPONED,
  advanceClock,
  createUser,
  deleteUser,
  signedInAs,
  strongPassword,
  urls,
} from './identity-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);

const en = {
  email: 'Email address',
  next: 'Next',
  password: 'Password',
  signIn: 'Sign in',
  forgot: 'Forgot your password?',
  robot: "I'm not a robot",
  reset: 'Reset password',
  resetText: 'Receive an email to reset your password.',
  link: 'One-time sign in link',
  linkText: 'Receive an email with a sign in link.',
  back: 'Back to sign in',
  sent: 'Check your email',
  resetSubject: 'Change password request',
  resetButton: 'Set new password',
  heading: 'Enter your new password',
  newPassword: 'New password',
  confirm: 'Confirm password',
  change: 'Change password',
  changed: 'Your password has been changed',
  goToSignIn: 'Go to sign in',
};

const nb: typeof en = {
  email: 'E-postadresse',
  next: 'Neste',
  password: 'Passord',
  signIn: 'Logg inn',
  forgot: 'Glemt ditt passord?',
  robot: 'Jeg er ikke en robot',
  reset: 'Tilbakestill passord',
  resetText: 'Motta en epost for å tilbakestille ditt passord.',
  link: 'Engangs innloggingslenke',
  linkText: 'Motta en epost med en innloggingslenke.',
  back: 'Tilbake til innlogging',
  sent: 'Sjekk e-posten din',
  resetSubject: 'Forespørsel om å endre passord',
  resetButton: 'Angi nytt passord',
  heading: 'Angi ditt nye passord',
  newPassword: 'Nytt passord',
  confirm: 'Bekreft passord',
  change: 'Endre passord',
  changed: 'Passordet ditt er endret',
  goToSignIn: 'Gå til innlogging',
};

/** From the app's sign-in (default: the portal): email, Next, "Forgot your password?", bot check. */
async function openForgot(page: Page, w: typeof en, email: string, app: string = urls.portal) {
  await page.goto(`${app}/login`);
  await page.getByLabel(w.email, { exact: true }).fill(email);
  await page.getByRole('button', { name: w.next }).click();
  await page.getByRole('link', { name: w.forgot }).click();
  await expect(page.getByLabel(w.email, { exact: true })).toHaveValue(email);
  await expect(page.getByRole('button', { name: w.reset })).toBeDisabled();
  await expect(page.getByText(w.resetText)).toBeVisible();
  await expect(page.getByText(w.linkText)).toBeVisible();
  await expect(page.getByRole('link', { name: w.back, exact: true })).toBeVisible();
  await page.getByLabel(w.robot).check();
  await expect(page.getByRole('button', { name: w.reset })).toBeEnabled();
}

for (const [lang, w] of [
  ['en', en],
  ['nb', nb],
] as const) {
  // From Account Settings, an app that requires no two-step verification: the links and the new password
  // sign straight in, and the app's page shows whom.
  test.describe(`forgot password (${lang})`, () => {
    test.use({ locale: lang === 'nb' ? 'nb-NO' : 'en-GB' });

    test('reset by mail, confirmation mail, new password works and the old one is refused', async ({
      page,
      mailbox,
    }) => {
      const email = mailbox.address(`reset-${lang}`);
      const oldPassword = strongPassword();
      const user = await createUser({ email, password: oldPassword, language: lang });
      await openForgot(page, w, email, urls.accountSettings);
      await page.getByRole('button', { name: w.reset }).click();
      await expect(page.getByRole('heading', { name: w.sent })).toBeVisible();

      const mail = await mailbox.waitFor({ to: email, subject: w.resetSubject });
      await page.goto(mail.link(w.resetButton));
      await expect(page.getByRole('heading', { name: w.heading })).toBeVisible();
      await expect(page.getByRole('link', { name: w.back, exact: true })).toBeVisible();
      const newPassword = strongPassword();
      await typeNewPassword(page, newPassword, { lang });
      await page.getByRole('button', { name: w.change }).click();
      await expect(page.getByRole('heading', { name: w.changed })).toBeVisible();
      await mailbox.waitFor({ to: email, subject: w.changed });

      await page.getByRole('link', { name: w.goToSignIn }).click();
      await signIn(page, email, oldPassword, lang);
      await expect(page.getByRole('alert')).toBeVisible();
      await typeSecret(page.getByLabel(w.password, { exact: true }), newPassword);
      await page.getByRole('button', { name: w.signIn, exact: true }).click();
      await expect(page).toHaveURL(`${urls.accountSettings}/`);
      await expect(signedInAs(page, lang)).toContainText(email);

      // The reset link is spent.
      await page.goto(mail.link(w.resetButton));
      await expect(
        page.getByRole('heading', {
          name: lang === 'nb' ? 'Ugyldig verifiseringslenke' : 'Invalid verification link',
        }),
      ).toBeVisible();
      await deleteUser(user.id);
    });

    test('one-time sign-in link signs in once, a second use is refused, the password is unchanged', async ({
      page,
      mailbox,
    }) => {
      const email = mailbox.address(`onetime-${lang}`);
      const password = strongPassword();
      const user = await createUser({ email, password, language: lang });
      await openForgot(page, w, email, urls.accountSettings);
      await page.getByRole('button', { name: w.link }).click();
      await expect(page.getByRole('heading', { name: w.sent })).toBeVisible();
      const mail = await mailbox.waitFor({ to: email, subject: w.link });
      const link = mail.link(lang === 'nb' ? 'Logg inn' : 'Sign in');

      await page.goto(link);
      await expect(page).toHaveURL(`${urls.accountSettings}/`);
      await expect(signedInAs(page, lang)).toContainText(email);
      await signOut(page, lang);

      await page.goto(link);
      await expect(
        page.getByRole('heading', {
          name: lang === 'nb' ? 'Ugyldig verifiseringslenke' : 'Invalid verification link',
        }),
      ).toBeVisible();

      await page.goto(`${urls.accountSettings}/login`);
      await signIn(page, email, password, lang);
      await expect(page).toHaveURL(`${urls.accountSettings}/`);
      await expect(signedInAs(page, lang)).toContainText(email);
      await deleteUser(user.id);
    });
  });
}

test.describe('recovery rules (en)', () => {
  test.use({ locale: 'en-GB' });

  test('the same answer whether or not the account exists, and no mail for an unknown one', async ({
    page,
    mailbox,
  }) => {
    const known = mailbox.address('known');
    const unknown = mailbox.address('unknown');
    const user = await createUser({ email: known, password: strongPassword() });
    const answers: string[] = [];
    for (const email of [known, unknown]) {
      await openForgot(page, en, email);
      await page.getByRole('button', { name: en.reset }).click();
      await expect(page.getByRole('heading', { name: en.sent })).toBeVisible();
      answers.push((await page.getByRole('status').innerText()).replace(email, '<email>'));
    }
    expect(answers[1]).toBe(answers[0]);
    await mailbox.waitFor({ to: known, subject: en.resetSubject });
    // Mail is handed to SMTP before the answer is sent, so an unknown address would have it by now.
    expect(await mailbox.messagesFor(unknown)).toHaveLength(0);
    await deleteUser(user.id);
  });

  test('at most 5 recovery mails per account per hour; the answer stays the same', async ({
    page,
    mailbox,
  }) => {
    const email = mailbox.address('flood');
    const user = await createUser({ email, password: strongPassword() });
    for (let i = 0; i < 6; i++) {
      await openForgot(page, en, email);
      await page.getByRole('button', { name: i % 2 ? en.link : en.reset }).click();
      await expect(page.getByRole('heading', { name: en.sent })).toBeVisible();
    }
    // Mail is handed to SMTP before each answer, so all that will come has come.
    await expect.poll(async () => (await mailbox.messagesFor(email)).length).toBe(5);
    expect(await mailbox.messagesFor(email)).toHaveLength(5);
    // An hour later (account clock) the next request is mailed again.
    await advanceClock(user.id, 3601);
    await openForgot(page, en, email);
    await page.getByRole('button', { name: en.reset }).click();
    await expect.poll(async () => (await mailbox.messagesFor(email)).length).toBe(6);
    await deleteUser(user.id);
  });

  test('the server refuses a forgot-password post without the bot check', async ({ page, mailbox }) => {
    const email = mailbox.address('robot');
    const user = await createUser({ email, password: strongPassword() });
    await openForgot(page, en, email);
    // Post the form as the page would, minus the bot check's token.
    const result = await page.evaluate(async () => {
      const form = document.querySelector('form[method=post]') as HTMLFormElement;
      const data = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      data.set('robotToken', '');
      data.set('action', 'reset');
      const res = await fetch(form.getAttribute('action')!, { method: 'POST', body: data });
      return { status: res.status, text: await res.text() };
    });
    expect(result.status).toBe(400);
    expect(result.text).toContain('Confirm that you are not a robot first.');
    expect(await mailbox.messagesFor(email)).toHaveLength(0);
    await deleteUser(user.id);
  });

  test('an activation link expires after 24 hours (account clock) and offers a new one', async ({
    page,
    mailbox,
  }) => {
    const email = mailbox.address('expired');
    const user = await createUser({ email, status: 'invited' });
    const mail = await mailbox.waitFor({ to: email, subject: 'Welcome' });
    await advanceClock(user.id, 24 * 3600 + 1);
    await page.goto(mail.link('Activate account'));
    await expect(page.getByRole('heading', { name: 'Invalid verification link' })).toBeVisible();
    await page.getByRole('link', { name: 'Click here to request a new valid link' }).click();
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel(en.robot).check();
    await page.getByRole('button', { name: en.reset }).click();
    const reset = await mailbox.waitFor({ to: email, subject: en.resetSubject });
    await page.goto(reset.link(en.resetButton));
    const password = strongPassword();
    await typeNewPassword(page, password);
    await page.getByRole('button', { name: en.change }).click();
    await expect(page.getByRole('heading', { name: en.changed })).toBeVisible();
    await deleteUser(user.id);
  });

  test('an activation link just inside 24 hours still works; another account is not affected', async ({
    page,
    mailbox,
  }) => {
    const email = mailbox.address('fresh');
    const other = await createUser({ status: 'invited' });
    const user = await createUser({ email, status: 'invited' });
    const mail = await mailbox.waitFor({ to: email, subject: 'Welcome' });
    await advanceClock(other.id, 48 * 3600);
    await advanceClock(user.id, 24 * 3600 - 60);
    await page.goto(mail.link('Activate account'));
    await expect(page.getByLabel(en.newPassword)).toBeVisible();
    await deleteUser(user.id);
    await deleteUser(other.id);
  });

  test('tampered, missing or absurd tokens get "Invalid verification link" and sign nobody in', async ({
    page,
  }) => {
    for (const path of [
      '/account/activate?token=tampered-token-value',
      '/account/activate',
      `/account/reset?token=${'A'.repeat(5000)}`,
      '/account/one-time?token=%3Cscript%3E',
    ]) {
      const res = await page.goto(`${urls.connect}${path}`);
      expect(res?.status(), path).toBe(410);
      await expect(page.getByRole('heading', { name: 'Invalid verification link' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Click here to request a new valid link' })).toBeVisible();
    }
    await page.goto(`${urls.portal}/`);
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
  });

  test('a used activation link is refused', async ({ page, mailbox }) => {
    const email = mailbox.address('reused');
    const user = await createUser({ email, status: 'invited' });
    const mail = await mailbox.waitFor({ to: email, subject: 'Welcome' });
    await page.goto(mail.link('Activate account'));
    const password = strongPassword();
    await typeNewPassword(page, password);
    await page.getByRole('button', { name: 'Set password' }).click();
    // Activated and signed in: the portal's two-step requirement is where the sign-in goes on.
    await expect(page.getByRole('heading', { name: 'Add an extra layer of security' })).toBeVisible();
    await page.goto(mail.link('Activate account'));
    await expect(page.getByRole('heading', { name: 'Invalid verification link' })).toBeVisible();
    await deleteUser(user.id);
  });

  test('each password rule is refused with its own message', async ({ page, mailbox }) => {
    const email = mailbox.address('policy');
    const current = strongPassword();
    const user = await createUser({ email, password: current });
    await openForgot(page, en, email);
    await page.getByRole('button', { name: en.reset }).click();
    const mail = await mailbox.waitFor({ to: email, subject: en.resetSubject });
    await page.goto(mail.link(en.resetButton));
    const cases: Array<[string, string, string]> = [
      ['Ab1!', 'Ab1!', 'The password is too short: use at least 8 characters.'],
      ['abcdefg1!', 'abcdefg1!', 'The password needs at least 1 uppercase letter.'],
      ['ABCDEFG1!', 'ABCDEFG1!', 'The password needs at least 1 lowercase letter.'],
      ['Abcdefgh!', 'Abcdefgh!', 'The password needs at least 1 digit.'],
      ['Abcdefgh1', 'Abcdefgh1', 'The password needs at least 1 special character, such as ! # or &.'],
      ['P@ssw0rd', 'P@ssw0rd', 'This password is too common'],
      [current, current, 'You have used this password before.'],
      ['Gw!Abcdef12', 'Gw!Abcdef13', 'The two passwords do not match.'],
    ];
    for (const [password, confirm, message] of cases) {
      await typeNewPassword(page, password, { confirm });
      await page.getByRole('button', { name: en.change }).click();
      await expect(page.getByRole('alert')).toContainText(message);
    }
    // Nothing was changed: the current password still signs in (Account Settings: no two-step prompt).
    await page.goto(`${urls.accountSettings}/login`);
    await signIn(page, email, current);
    await expect(page).toHaveURL(`${urls.accountSettings}/`);
    await deleteUser(user.id);
  });

  test('8 failed passwords lock the account for 30 minutes; a clock advance unlocks it', async ({ page }) => {
    const password = strongPassword();
    const user = await createUser({ password, seeds: HOME_PROMPT_POSTPONED });
    await page.goto(`${urls.home}/login`);
    await page.getByLabel(en.email, { exact: true }).fill(user.userName);
    await page.getByRole('button', { name: en.next }).click();
    const attempt = async (value: string) => {
      await typeSecret(page.getByLabel(en.password, { exact: true }), value);
      await page.getByRole('button', { name: en.signIn, exact: true }).click();
    };
    for (let i = 1; i <= 7; i++) {
      await attempt(`Wrong-${i}-password!`);
      await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
    }
    await attempt('Wrong-8-password!');
    await expect(page.getByRole('alert')).toContainText('Your account is locked');
    await expect(page.getByRole('alert')).toContainText('30 minutes');
    // Locked: even the right password is refused.
    await attempt(password);
    await expect(page.getByRole('alert')).toContainText('Your account is locked');

    await advanceClock(user.id, 30 * 60 + 1);
    await attempt(password);
    await expect(page).toHaveURL(`${urls.home}/`);
    await deleteUser(user.id);
  });

  test('a successful sign-in resets the failure count', async ({ page }) => {
    const password = strongPassword();
    const user = await createUser({ password, seeds: HOME_PROMPT_POSTPONED });
    const failSeven = async () => {
      await page.goto(`${urls.home}/login`);
      await page.getByLabel(en.email, { exact: true }).fill(user.userName);
      await page.getByRole('button', { name: en.next }).click();
      for (let i = 1; i <= 7; i++) {
        await typeSecret(page.getByLabel(en.password, { exact: true }), `Wrong-${i}-password!`);
        await page.getByRole('button', { name: en.signIn, exact: true }).click();
        await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
      }
    };
    await failSeven();
    await typeSecret(page.getByLabel(en.password, { exact: true }), password);
    await page.getByRole('button', { name: en.signIn, exact: true }).click();
    await expect(page).toHaveURL(`${urls.home}/`);
    await signOut(page);
    // Without the reset, the first of these would be the 8th failure and lock the account.
    await failSeven();
    await deleteUser(user.id);
  });
});

test.describe('recovery in nb: policy messages', () => {
  test.use({ locale: 'nb-NO' });

  test('the new-password page lists the rules in nb and refuses a weak password in nb', async ({
    page,
    mailbox,
  }) => {
    const email = mailbox.address('policy-nb');
    const user = await createUser({ email, password: strongPassword(), language: 'nb' });
    await openForgot(page, nb, email);
    await page.getByRole('button', { name: nb.reset }).click();
    const mail = await mailbox.waitFor({ to: email, subject: nb.resetSubject });
    await page.goto(mail.link(nb.resetButton));
    for (const rule of [
      'Minimum 8 tegn',
      'Minimum 1 store tegn',
      'Minimum 1 små tegn',
      'Minimum 1 numeriske tegn',
      'Minimum 1 spesialtegn',
    ]) {
      await expect(page.getByRole('listitem').filter({ hasText: rule })).toBeVisible();
    }
    await typeNewPassword(page, 'abcdefg1!', { lang: 'nb' });
    await page.getByRole('button', { name: nb.change }).click();
    await expect(page.getByRole('alert')).toHaveText('Passordet må ha minst 1 stor bokstav.');
    await deleteUser(user.id);
  });
});
