// The sandbox's sign-in, activation and sign-out in a real browser, in the words the guides quote.
import { test as base, expect } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signIn, signOut, typeNewPassword, typeSecret } from './browser-support.ts';
import {
  createUser,
  deleteUser,
  signedInAs,
  strongPassword,
  urls,
  type ScimUser,
} from './identity-support.ts';
import { answerCodeChallenge, newTotpDevice } from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);

test.describe('activation and sign-in (en)', () => {
  test.use({ locale: 'en-GB' });

  // The portal requires two-step verification: the account comes with an authenticator app (seeded), so
  // each sign-in, the one the activation makes included, passes the code challenge into the portal.
  test('invited user activates from the mail, lands in the portal signed in, signs out and signs in again', async ({
    page,
    mailbox,
  }) => {
    const email = mailbox.address('activate');
    const { secret, device } = newTotpDevice(email);
    const user = await createUser({
      email,
      givenName: 'Ada',
      familyName: 'Lovelace',
      status: 'invited',
      seeds: { twofactor: { totpSecret: secret } },
    });
    const mail = await mailbox.waitFor({ to: email, subject: 'Welcome to Customer Portal' });
    expect(mail.from).toMatch(/^do\.not\.reply@/);
    await page.goto(mail.link('Activate account'));

    await expect(page.getByText('Please, enter your new password')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with passkey' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to Sign in', exact: true })).toBeVisible();
    const password = strongPassword();
    await typeNewPassword(page, password);
    await page.getByRole('button', { name: 'Set password' }).click();

    await answerCodeChallenge(page, device);
    await expect(page).toHaveURL(`${urls.portal}/`);
    await expect(signedInAs(page)).toContainText('Ada Lovelace');
    await expect(signedInAs(page)).toContainText(email);

    await signOut(page);
    await page.getByRole('link', { name: 'Sign in' }).click();

    // Signed out at connect too: the sign-in screen asks again.
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
    await signIn(page, email, password);
    await answerCodeChallenge(page, device);
    await expect(page).toHaveURL(`${urls.portal}/`);
    await expect(signedInAs(page)).toContainText('Ada Lovelace');
    await deleteUser(user.id);
  });

  test('sign-in step 1 and step 2 show the expected controls', async ({ page }) => {
    const password = strongPassword();
    const user = await createUser({ password });
    await page.goto(`${urls.portal}/login`);
    await expect(page.getByText('Customer Portal')).toBeVisible();
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
    await expect(page.getByLabel('Save my email address for next time')).not.toBeChecked();
    await expect(page.getByText('Not recommended for public or shared computers')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in with security key or biometrics' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sign in with (Facebook|Google)/ })).toHaveCount(0);

    await page.getByLabel('Email address', { exact: true }).fill(user.userName);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(user.userName)).toBeVisible();
    await expect(page.getByLabel('Password')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Forgot your password?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with ADFS' })).toHaveCount(0);

    // The back arrow returns to step 1 with the email kept.
    await page.getByRole('link', { name: 'Back, use another email address' }).click();
    await expect(page.getByLabel('Email address', { exact: true })).toHaveValue(user.userName);
    await deleteUser(user.id);
  });

  test('a wrong password is refused with a message, and a malformed email is named', async ({ page }) => {
    const user = await createUser({ password: strongPassword() });
    await page.goto(`${urls.home}/login`);
    await page.getByLabel('Email address', { exact: true }).fill('not an email');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Enter a valid email address, such as name@example.com.',
    );

    await signIn(page, user.userName, 'Wrong-password-1');
    await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
    await expect(page.getByLabel('Password')).toBeVisible();
    await deleteUser(user.id);
  });

  test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
    await page.goto(`${urls.home}/login`);
    await signIn(page, 'nobody-at-all@guidewright.test', 'Wrong-password-1');
    await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
  });

  test('"Save my email address for next time" opens the next sign-in on the password step', async ({
    page,
  }) => {
    const password = strongPassword();
    const user = await createUser({ password });
    await page.goto(`${urls.accountSettings}/login`);
    await page.getByLabel('Email address', { exact: true }).fill(user.userName);
    await page.getByLabel('Save my email address for next time').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await typeSecret(page.getByLabel('Password'), password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${urls.accountSettings}/`);
    await signOut(page);

    await page.goto(`${urls.portal}/login`);
    await expect(page.getByLabel('Password')).toBeVisible();
    await expect(page.getByText(user.userName)).toBeVisible();
    await deleteUser(user.id);
  });

  test('Account Settings offers social and eID buttons; one with no provider says so', async ({ page }) => {
    await page.goto(`${urls.accountSettings}/login`);
    await expect(page.getByText('Account Settings')).toBeVisible();
    for (const provider of ['Facebook', 'GitHub', 'Google', 'LinkedIn', 'ID-porten']) {
      await expect(page.getByRole('button', { name: `Sign in with ${provider}` })).toBeVisible();
    }
    await page.getByRole('button', { name: 'Sign in with Facebook' }).click();
    await expect(page.getByRole('status')).toContainText(
      'Sign in with Facebook is not available here: no Facebook provider is set up in this sandbox.',
    );
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
  });

  test('"Sign in with security key or biometrics" offers the passkey ceremony; a passkey nobody registered signs nobody in', async ({
    page,
  }) => {
    await page.goto(`${urls.portal}/login`);
    await page.getByRole('link', { name: 'Sign in with security key or biometrics' }).click();
    await expect(
      page.getByRole('heading', { name: 'Sign in with security key or biometrics' }),
    ).toBeVisible();
    await expect(
      page.getByText('Use the passkey on this device or your security key to sign in.'),
    ).toBeVisible();
    // The page's script enables the button once the browser can run the WebAuthn ceremony.
    const use = page.getByRole('button', { name: 'Use security key or biometrics' });
    await expect(use).toBeEnabled();

    // What the ceremony posts, from a passkey this sandbox never registered: refused, nobody signed in.
    await page.evaluate(() => {
      const field = document.querySelector('input[name="credential"]') as HTMLInputElement;
      field.value = JSON.stringify({
        id: 'bm90LWEtcmVnaXN0ZXJlZC1rZXk',
        rawId: 'bm90LWEtcmVnaXN0ZXJlZC1rZXk',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
      });
      field.form!.submit();
    });
    await expect(page.getByRole('alert')).toHaveText('This passkey is not registered to any account.');
    await expect(use).toBeVisible();
    await page.goto(`${urls.portal}/`);
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();

    // "Back to Sign in" returns to step 1.
    await page.getByRole('link', { name: 'Sign in with security key or biometrics' }).click();
    await page.getByRole('link', { name: 'Back to Sign in' }).click();
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
  });

  test('a name with markup is shown as text, never run', async ({ page }) => {
    const password = strongPassword();
    const user: ScimUser = await createUser({
      password,
      givenName: '<img src=x onerror=alert(1)>',
      familyName: '<script>',
    });
    page.on('dialog', () => {
      throw new Error('a dialog opened: markup from the name was executed');
    });
    // Account Settings (no 2FA requirement) shows the name in the signed-in section and the account details.
    await page.goto(`${urls.accountSettings}/login`);
    await signIn(page, user.userName, password);
    await expect(page).toHaveURL(`${urls.accountSettings}/`);
    await expect(signedInAs(page)).toContainText('<img src=x onerror=alert(1)> <script>');
    await expect(page.getByRole('region', { name: 'Account', exact: true })).toContainText(
      '<img src=x onerror=alert(1)> <script>',
    );
    await expect(page.locator('img[src=x]')).toHaveCount(0);
    await deleteUser(user.id);
  });

  test('the set-password checklist updates while typing', async ({ page, mailbox }) => {
    const email = mailbox.address('checklist');
    const user = await createUser({ email, status: 'invited' });
    const mail = await mailbox.waitFor({ to: email, subject: 'Welcome' });
    await page.goto(mail.link('Activate account'));
    const rule = (name: string) => page.getByRole('listitem').filter({ hasText: name });
    const field = page.getByLabel('New password');
    await expect(rule('Minimum 8 characters')).toContainText('not met');
    // Typed as a secret (no value in the step titles); each insertion is an input event, as a keystroke is.
    await typeSecret(field, 'abc');
    await expect(rule('Minimum 1 lowercase character')).not.toContainText('not met');
    await expect(rule('Minimum 8 characters')).toContainText('not met');
    await expect(rule('Minimum 1 uppercase character')).toContainText('not met');
    await typeSecret(field, 'abcDEF1!xy');
    for (const name of [
      'Minimum 8 characters',
      'Minimum 1 uppercase character',
      'Minimum 1 lowercase character',
      'Minimum 1 numeric character',
      'Minimum 1 special character',
    ]) {
      await expect(rule(name)).not.toContainText('not met');
    }
    await deleteUser(user.id);
  });
});

test.describe('sign-in in Norwegian (nb)', () => {
  test.use({ locale: 'nb-NO' });

  test("step 1 and step 2 show guide 002's words, with ADFS for a configured domain", async ({ page }) => {
    await page.goto(`${urls.accountSettings}/login`);
    await expect(page.getByLabel('E-postadresse', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Neste' })).toBeVisible();
    await expect(page.getByLabel('Lagre min e-postadresse til neste gang')).toBeVisible();
    await expect(page.getByText('Ikke anbefalt på offentlig eller delt datamaskin')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Logg inn med sikkerhetsnøkkel eller biometri' }),
    ).toBeVisible();
    await expect(page.getByText('ELLER', { exact: true })).toBeVisible();
    for (const provider of ['Facebook', 'GitHub', 'Google', 'LinkedIn', 'ID-porten']) {
      await expect(page.getByRole('button', { name: `Logg på med ${provider}` })).toBeVisible();
    }
    await page.getByLabel('E-postadresse', { exact: true }).fill('hans.hagen@visma.com');
    await page.getByRole('button', { name: 'Neste' }).click();
    await expect(page.getByText('hans.hagen@visma.com')).toBeVisible();
    await expect(page.getByLabel('Passord')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Logg inn', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Glemt ditt passord?' })).toBeVisible();
    // No English left on the nb pages (the language switch names English in English, on purpose).
    const main = page.getByRole('main');
    for (const english of ['Sign in', 'Password', 'Forgot your password?', 'Next', 'Email address']) {
      await expect(main).not.toContainText(english);
    }
    await page.getByRole('button', { name: 'Logg på med ADFS' }).click();
    await expect(page.getByRole('status')).toContainText('Innlogging med ADFS er ikke tilgjengelig her');
  });

  test('the language switch changes the words; the choice is kept', async ({ page }) => {
    await page.goto(`${urls.portal}/login`);
    await expect(page.getByRole('button', { name: 'Neste' })).toBeVisible();
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Norsk' }).click();
    await expect(page.getByLabel('E-postadresse', { exact: true })).toBeVisible();
  });
});

test.describe('language from the account setting', () => {
  test.use({ locale: 'en-GB' });

  test('an account set to nb sees step 2 in nb on an English browser', async ({ page }) => {
    const user = await createUser({ password: strongPassword(), language: 'nb' });
    await page.goto(`${urls.portal}/login`);
    await page.getByLabel('Email address', { exact: true }).fill(user.userName);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('link', { name: 'Glemt ditt passord?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Logg inn', exact: true })).toBeVisible();
    await deleteUser(user.id);
  });
});
