// Guides 002 and 003 end to end on the sandbox, in Norwegian: BankID linked to the wrong account makes the
// tenant app answer «En intern feil har oppstått»; guide 002 removes the link (forgot password → new
// password → Account Settings → trash → «Ja» → password), guide 003 links BankID to the work account and
// picks it at "Sign in as".
import { test as base, expect } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { testPerson } from '../../lib/eid.ts';
import { signOut, typeNewPassword, typeSecret } from './browser-support.ts';
import { deleteUser, strongPassword, urls } from './identity-support.ts';
import {
  bankId,
  createEidUser,
  linkedNationalId,
  nb,
  signInWithIdPorten,
  signInWithPassword,
} from './eid-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'nb-NO' });

const sokndal = urls.enterprise.replace('{tenant}', 'sokndal');
const accountSettings = urls.accountSettings;

test('guide 002: BankID on the private account → internal error; reset its password and remove the link', async ({
  page,
  mailbox,
}) => {
  const person = testPerson();
  const work = await createEidUser({
    email: mailbox.address('work'),
    password: strongPassword(),
    givenName: 'Hans',
    familyName: 'Hagen',
    tenants: ['sokndal'],
  });
  const privateEmail = mailbox.address('private');
  const privateUser = await createEidUser({
    email: privateEmail,
    password: strongPassword(),
    givenName: 'Hans',
    familyName: 'Privat',
    nationalId: person.nationalId,
  });

  await test.step('ID-porten sign-in to sokndal lands on the private account: internal error', async () => {
    await signInWithIdPorten(page, sokndal, person.nationalId);
    await expect(page).toHaveURL(`${sokndal}/`);
    await expect(page.getByRole('heading', { name: nb.internalError })).toBeVisible();
    await expect(page.getByText(privateEmail)).toBeVisible();
    await signOut(page, 'nb');
  });

  const newPassword = strongPassword();

  await test.step('forgot password for the private account via Account Settings', async () => {
    await page.goto(`${accountSettings}/login`);
    await expect(page.getByRole('button', { name: nb.idporten })).toBeVisible();
    await page.getByLabel(nb.email, { exact: true }).fill(privateEmail);
    await page.getByRole('button', { name: nb.next }).click();
    await page.getByRole('link', { name: 'Glemt ditt passord?' }).click();
    await page.getByLabel('Jeg er ikke en robot').check();
    await page.getByRole('button', { name: 'Tilbakestill passord' }).click();
    const mail = await mailbox.waitFor({ to: privateEmail, subject: 'Forespørsel om å endre passord' });
    await page.goto(mail.link('Angi nytt passord'));
    await expect(page.getByRole('heading', { name: 'Angi ditt nye passord' })).toBeVisible();
    await typeNewPassword(page, newPassword, { lang: 'nb' });
    await page.getByRole('button', { name: 'Endre passord' }).click();
    await mailbox.waitFor({ to: privateEmail, subject: 'Passordet ditt er endret' });
  });

  await test.step('sign in to Account Settings: the BankID link is shown', async () => {
    await signInWithPassword(page, accountSettings, privateEmail, newPassword);
    await expect(page).toHaveURL(`${accountSettings}/`);
    await expect(page.getByRole('heading', { name: 'Elektronisk ID' })).toBeVisible();
    await expect(page.getByText(nb.provider)).toBeVisible();
    await expect(page.getByText(nb.linkedText)).toBeVisible();
    await expect(page.getByText(/^Aktivert \d{1,2} [a-zæøå]{3} \d{4} \d{2}:\d{2} UTC$/)).toBeVisible();
  });

  await test.step('a wrong password at the re-entry step leaves the link', async () => {
    await page.getByRole('button', { name: nb.remove }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('fødselsnummeret');
    await confirm.getByRole('button', { name: nb.yes }).click();
    const dialog = page.getByRole('dialog', { name: nb.passwordHeading });
    await expect(dialog.getByText(nb.passwordText)).toBeVisible();
    await expect(dialog.getByRole('button', { name: nb.cancel })).toBeVisible();
    await typeSecret(dialog.getByLabel(nb.password, { exact: true }), `${newPassword}x`);
    await dialog.getByRole('button', { name: nb.continue }).click();
    await expect(page.getByRole('alert')).toContainText('Passordet er feil');
    expect(await linkedNationalId(privateUser.id)).toBe(person.nationalId);
    await page.getByRole('button', { name: nb.cancel }).click();
    await expect(page.getByText(nb.provider)).toBeVisible();
  });

  await test.step('trash, «Ja», the password: the link is removed', async () => {
    await page.getByRole('button', { name: nb.remove }).click();
    await page.getByRole('dialog').getByRole('button', { name: nb.yes }).click();
    await typeSecret(page.getByLabel(nb.password, { exact: true }), newPassword);
    await page.getByRole('button', { name: nb.continue }).click();
    await expect(page).toHaveURL(`${accountSettings}/`);
    await expect(page.getByRole('link', { name: nb.addEid })).toBeVisible();
    await expect(page.getByText(nb.provider)).toHaveCount(0);
    expect(await linkedNationalId(privateUser.id)).toBeUndefined();
  });

  await deleteUser(work.id);
  await deleteUser(privateUser.id);
});

test('guide 003: link BankID to the work account, then "Sign in as" lists both accounts', async ({
  page,
  mailbox,
}) => {
  const person = testPerson();
  const otherEmail = mailbox.address('other-org');
  const other = await createEidUser({
    email: otherEmail,
    password: strongPassword(),
    givenName: 'Konto hos',
    familyName: 'annen organisasjon',
    tenants: ['askoy'],
    nationalId: person.nationalId,
  });
  const workEmail = mailbox.address('work');
  const workPassword = strongPassword();
  const work = await createEidUser({
    email: workEmail,
    password: workPassword,
    givenName: 'Navn',
    familyName: 'Navnesen',
    tenants: ['sokndal'],
  });

  await test.step('ID-porten to sokndal: the only linked account is another organisation’s → error', async () => {
    await signInWithIdPorten(page, sokndal, person.nationalId);
    await expect(page.getByRole('heading', { name: nb.internalError })).toBeVisible();
    await signOut(page, 'nb');
  });

  await test.step('Account Settings shows the account section and links BankID to the work account', async () => {
    await signInWithPassword(page, accountSettings, workEmail, workPassword);
    const account = page.getByRole('region', { name: 'Konto' });
    await expect(account).toContainText(`E-post: ${workEmail}`);
    await expect(account).toContainText('Fullt navn: Navn Navnesen');
    await expect(account).toContainText('Land: Norway');
    await expect(account).toContainText('Språk: Norsk');
    await expect(account.getByRole('link', { name: 'Legg til telefonnummer' })).toBeVisible();
    await expect(account.getByRole('link', { name: 'Endre' })).toBeVisible();
    await expect(
      page.getByText('Legg til elektronisk ID til din konto for å kunne logge inn på applikasjoner'),
    ).toBeVisible();
    await page.getByRole('link', { name: nb.addEid }).click();
    await bankId(page, person.nationalId);
    await page.getByRole('button', { name: nb.linkAndContinue }).click();
    await expect(page).toHaveURL(`${accountSettings}/`);
    await expect(page.getByText(nb.provider)).toBeVisible();
    await expect(page.getByText(nb.linkedText)).toBeVisible();
    await expect(page.getByText(/^Aktivert \d{1,2} [a-zæøå]{3} \d{4} \d{2}:\d{2} UTC$/)).toBeVisible();
    expect(await linkedNationalId(work.id)).toBe(person.nationalId);
    expect(await linkedNationalId(other.id)).toBe(person.nationalId);
    await signOut(page, 'nb');
  });

  await test.step('"Sign in as" lists both; the work account lands in sokndal', async () => {
    await signInWithIdPorten(page, sokndal, person.nationalId);
    await expect(page.getByRole('heading', { name: nb.chooser })).toBeVisible();
    const choices = page.getByRole('button', { name: /@/ });
    await expect(choices).toHaveCount(2);
    await expect(
      page.getByRole('button', { name: `Konto hos annen organisasjon ${otherEmail}` }),
    ).toBeVisible();
    await page.getByRole('button', { name: `Navn Navnesen ${workEmail}` }).click();
    await expect(page).toHaveURL(`${sokndal}/`);
    await expect(page.getByRole('heading', { name: 'Visma Enterprise' })).toBeVisible();
    await expect(page.getByText(workEmail)).toBeVisible();
    await signOut(page, 'nb');
  });

  await test.step('choosing the other organisation’s account shows the internal error', async () => {
    await signInWithIdPorten(page, sokndal, person.nationalId);
    await page.getByRole('button', { name: `Konto hos annen organisasjon ${otherEmail}` }).click();
    await expect(page.getByRole('heading', { name: nb.internalError })).toBeVisible();
  });

  await deleteUser(work.id);
  await deleteUser(other.id);
});
